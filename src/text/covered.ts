/** How many characters of `key` stand in runs of two or more that `text` holds. */
export function covered(key: string, text: string): number {
  let n = 0;
  for (let i = 0; i < key.length; ) {
    let len = 0;
    while (i + len < key.length && text.includes(key.slice(i, i + len + 1))) len++;
    if (len >= 2) {
      n += len;
      i += len;
    } else i++;
  }
  return n;
}
