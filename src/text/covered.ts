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

/** Whether every character of a word stands in a text, in order (慢病 in 慢性病, 检查率 in 肺功能检查率). */
export function charsInOrder(word: string, text: string): boolean {
  let i = 0;
  for (const c of text) if (c === word[i]) i++;
  return i === word.length;
}
