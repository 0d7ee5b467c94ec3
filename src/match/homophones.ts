import { pinyin } from 'pinyin-pro';

/**
 * The reports' short words by how they sound, sorted by sound: built with the store's index (in
 * the build worker) and searched by halving, so the first typo after a reload costs a lookup, not
 * the pinyin of the whole vocabulary.
 */
export interface HomophoneTable {
  sounds: string[];
  words: string[];
  counts: Int32Array;
}

/** The table of `words` (the reports' words with how often they occur). */
export function homophoneTable(words: ReadonlyMap<string, number>): HomophoneTable {
  const rows: { sound: string; word: string; count: number; at: number }[] = [];
  for (const [word, count] of words) {
    if (word.length < MIN || word.length > MAX || !HAN.test(word)) continue;
    rows.push({ sound: soundOf(word), word, count, at: rows.length });
  }
  // By sound, then in the vocabulary's order, so words of one sound keep the order they came in.
  rows.sort((a, b) => (a.sound < b.sound ? -1 : a.sound > b.sound ? 1 : a.at - b.at));
  return { sounds: rows.map((r) => r.sound), words: rows.map((r) => r.word), counts: Int32Array.from(rows, (r) => r.count) };
}

/**
 * Chinese is typed by pinyin, so a typo is most often a word that sounds the same (创位 for 床位,
 * 签越率 for 签约率), which a spelling distance cannot see.
 */
export class Homophones {
  private readonly table: HomophoneTable;

  constructor(source: ReadonlyMap<string, number> | HomophoneTable) {
    this.table = source instanceof Map ? homophoneTable(source) : (source as HomophoneTable);
  }

  /** The one report word that sounds like `typed`, if one stands out. */
  find(typed: string): string | undefined {
    if (typed.length < MIN || typed.length > MAX) return undefined;
    const { sounds, words, counts } = this.table;
    const sound = soundOf(typed);
    let lo = 0;
    let hi = sounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sounds[mid]! < sound) lo = mid + 1;
      else hi = mid;
    }
    const same: { word: string; count: number }[] = [];
    for (let i = lo; i < sounds.length && sounds[i] === sound; i++) same.push({ word: words[i]!, count: counts[i]! });
    const [first, second] = same.sort((a, b) => b.count - a.count);
    // Two words that sound alike and occur alike: which was meant cannot be told.
    return first && (!second || first.count >= 2 * second.count) ? first.word : undefined;
  }
}

// Short words: a longer one mistyped is close enough in spelling for the fuzzy search.
const MIN = 2;
const MAX = 4;
const HAN = /^[\u3400-\u9fff]+$/;

/** 床位 → "chuang wei": toneless, since a typist picks the wrong tone as often as the wrong character. */
export function soundOf(word: string): string {
  return pinyin(word, { toneType: 'none', type: 'array', v: true }).join(' ');
}
