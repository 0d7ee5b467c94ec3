import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { domText, type DomNode } from './dom-text.js';
import { UnreadableReport, type ReadReport } from './types.js';

// A Word file holds a report's text in a few MB; more, unpacked, is a zip bomb.
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 2000;

/** A Word (.docx) report: headings, paragraphs, lists and tables (merged cells too), through mammoth. */
export async function readDocx(bytes: Uint8Array): Promise<ReadReport> {
  await checkZip(bytes);
  const { value: html, messages } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  const { text } = domText(parseHTML(`<html><body>${html}</body></html>`).document.body as unknown as DomNode);
  const warnings = messages.filter((m) => m.type === 'error').map((m) => m.message);
  return { text, hints: {}, warnings };
}

/** Refuses a .docx that is not a zip, lacks a document, or unpacks to far more than a report. */
async function checkZip(bytes: Uint8Array): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new UnreadableReport('not a Word .docx file (it is no zip archive); save it from Word as .docx');
  }
  const entries = Object.values(zip.files);
  if (entries.length > MAX_ENTRIES) throw new UnreadableReport(`the .docx holds ${entries.length} parts, more than a report has; save it again from Word`);
  if (!zip.file('word/document.xml')) throw new UnreadableReport('the .docx has no document in it (word/document.xml); save it again from Word');
  // The sizes a zip states are the sender's word: the bytes are counted as they unpack.
  let unpacked = 0;
  for (const entry of entries) {
    if (entry.dir) continue;
    unpacked = await countUnpacked(entry, unpacked);
  }
}

// JSZip's own stream of an entry's bytes (untyped in its declarations), paused once enough is counted.
interface EntryStream {
  on(event: 'data', f: (chunk: Uint8Array) => void): EntryStream;
  on(event: 'error', f: (err: Error) => void): EntryStream;
  on(event: 'end', f: () => void): EntryStream;
  pause(): void;
  resume(): void;
}

function countUnpacked(entry: JSZip.JSZipObject, before: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let total = before;
    const stream = (entry as unknown as { internalStream(type: 'uint8array'): EntryStream }).internalStream('uint8array');
    stream
      .on('data', (chunk) => {
        total += chunk.length;
        if (total > MAX_UNPACKED_BYTES) {
          stream.pause();
          reject(new UnreadableReport(`the .docx unpacks to over ${MAX_UNPACKED_BYTES / 1048576} MB, far more than a report's text; it is refused`));
        }
      })
      .on('error', (err) => reject(new UnreadableReport(`the .docx is damaged (${err.message}); save it again from Word`)))
      .on('end', () => resolve(total));
    stream.resume();
  });
}
