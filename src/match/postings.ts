/**
 * An inverted index from character grams (single characters and pairs) to the sentences holding
 * them, in three typed arrays: gram keys ascending, where each key's ids begin, and the ids. A
 * worker thread builds it and hands the buffers over without copying; the thread that answers
 * adopts it as it is, where a Map of arrays would have to be rebuilt entry by entry.
 */
export interface PostingsData {
  keys: Float64Array;
  /** keys.length + 1 entries: the ids of keys[i] are ids[offsets[i] .. offsets[i+1]). */
  offsets: Uint32Array;
  /** Sentence ids, ascending within each key. */
  ids: Int32Array;
}

const EMPTY = new Int32Array(0);
// A pair of code units is a 32-bit number; a single one is put above every pair, so singles and
// pairs share one sorted array of exact integers.
const SINGLE = 2 ** 32;

/** A gram of one or two UTF-16 code units as one number. */
export function gramKey(gram: string): number {
  return gram.length > 1 ? gram.charCodeAt(0) * 0x10000 + gram.charCodeAt(1) : SINGLE + gram.charCodeAt(0);
}

/** Every gram of each sentence counted once, ids ascending: the postings of `sentences`. */
export function buildPostings(sentences: readonly string[]): PostingsData {
  const counts = new Map<number, number>();
  const seen = new Set<number>();
  const gramsOf = (text: string, each: (key: number) => void) => {
    seen.clear();
    for (let i = 0; i < text.length; i++) {
      const single = SINGLE + text.charCodeAt(i);
      if (!seen.has(single)) seen.add(single), each(single);
      if (i + 1 < text.length) {
        const pair = text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1);
        if (!seen.has(pair)) seen.add(pair), each(pair);
      }
    }
  };
  for (const s of sentences) gramsOf(s, (k) => counts.set(k, (counts.get(k) ?? 0) + 1));
  const keys = Float64Array.from(counts.keys()).sort();
  const offsets = new Uint32Array(keys.length + 1);
  const slot = new Map<number, number>();
  let total = 0;
  keys.forEach((k, i) => {
    offsets[i] = total;
    slot.set(k, total);
    total += counts.get(k)!;
  });
  offsets[keys.length] = total;
  const ids = new Int32Array(total);
  sentences.forEach((s, id) =>
    gramsOf(s, (k) => {
      const at = slot.get(k)!;
      ids[at] = id;
      slot.set(k, at + 1);
    }),
  );
  return { keys, offsets, ids };
}

/** The same arrays from lists already grouped by key (each list ascending). */
export function postingsOf(lists: ReadonlyMap<number, readonly number[]>): PostingsData {
  const keys = Float64Array.from(lists.keys()).sort();
  const offsets = new Uint32Array(keys.length + 1);
  let total = 0;
  keys.forEach((k, i) => {
    offsets[i] = total;
    total += lists.get(k)!.length;
  });
  offsets[keys.length] = total;
  const ids = new Int32Array(total);
  keys.forEach((k, i) => ids.set(lists.get(k)!, offsets[i]!));
  return { keys, offsets, ids };
}

/** Lookups over adopted postings. */
export class Postings {
  constructor(private readonly data: PostingsData) {}

  /** The sentences holding a gram, ascending; a view, not a copy. */
  get(gram: string): Int32Array {
    return this.byKey(gramKey(gram));
  }

  /** The ids under a numeric key. */
  byKey(key: number): Int32Array {
    const { keys, offsets, ids } = this.data;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid]!;
      if (k === key) return ids.subarray(offsets[mid]!, offsets[mid + 1]!);
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return EMPTY;
  }
}
