/**
 * A download's bytes, refused once they pass `maxBytes`: a file is never held whole before its
 * size is known to be a report's. The stream is left unread past the limit.
 */
export async function readCapped(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxBytes) throw new Error(`the file is over ${maxBytes} bytes, the limit for one report; split it`);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
