/**
 * 每百万人口白内障手术率（CSR）: a report that names a measure and its acronym in brackets may then
 * head a table's column with the acronym alone. Reading the column needs the measure's words.
 */
import type { Block } from '../reports/clean.js';

// The words before a bracketed acronym of two to ten Latin letters (and digits after the first).
const DEFINED = /([\u3400-\u9fff]{2,24})[(（]([A-Z][A-Za-z0-9-]{1,9})[)）]/g;
// 全市, 2023年: where and when a sentence opens are no part of the measure's name.
const OPENING = /^(?:(?:19|20)\d{2}年度?|全市|全县|全区|全省|我市|我县|我区|其中|以及|和|与|及)+/;
const MAX_TERM = 16;

/** The acronyms a report defines, each with the measure it stands for (the first definition holds). */
export function acronymsOf(blocks: readonly Block[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of blocks) {
    if (b.kind !== 'paragraph') continue;
    for (const m of b.text.matchAll(DEFINED)) {
      const term = m[1]!.slice(-MAX_TERM).replace(OPENING, '');
      if (term.length >= 2 && !out.has(m[2]!)) out.set(m[2]!, term);
    }
  }
  return out;
}

/** A table's header with each cell that is a defined acronym (CSR, CSR(%)) named by its measure. */
export function headerSpelledOut(header: readonly string[], acronyms: ReadonlyMap<string, string>): string[] {
  return header.map((cell) => {
    const m = /^\s*([A-Za-z][A-Za-z0-9-]{1,9})\s*([(（][^()（）]{1,8}[)）])?\s*$/.exec(cell);
    const term = m ? acronyms.get(m[1]!) : undefined;
    return term ? `${term}(${m![1]})${m![2] ?? ''}` : cell;
  });
}
