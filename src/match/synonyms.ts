import { escapeRegExp } from '../text/regexp.js';
/** A table of variant → canonical words, applied in one pass so a canonical word is never re-read. */
export interface Synonyms {
  readonly pairs: ReadonlyMap<string, string>;
  apply(text: string): string;
}

export function parseSynonyms(source: string): { table: Map<string, string>; errors: string[] } {
  const table = new Map<string, string>();
  const errors: string[] = [];
  source.split('\n').forEach((line, i) => {
    const body = line.replace(/#.*$/, '').trim();
    if (!body) return;
    const m = /^([^:：]+)[:：](.+)$/.exec(body);
    if (!m) {
      errors.push(`line ${i + 1}: expected "canonical: variant, variant"`);
      return;
    }
    const canonical = m[1]!.trim();
    for (const v of m[2]!.split(/[,，、]/).map((s) => s.trim()).filter(Boolean)) {
      if (v !== canonical) table.set(v, canonical);
    }
  });
  return { table, errors };
}

export function makeSynonyms(table: ReadonlyMap<string, string>, normalize: (s: string) => string = (s) => s): Synonyms {
  const pairs = new Map<string, string>();
  for (const [v, c] of table) pairs.set(normalize(v), normalize(c));
  const words = [...new Set([...pairs.keys(), ...pairs.values()])].sort((a, b) => b.length - a.length);
  const re = words.length ? new RegExp(words.map(escapeRegExp).join('|'), 'g') : undefined;
  return {
    pairs,
    apply: (text) => (re ? text.replace(re, (w) => pairs.get(w) ?? w) : text),
  };
}
