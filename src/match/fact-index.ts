import Fuse from 'fuse.js';
import type { Fact } from '../extract/facts.js';
import { matchKey } from '../text/normalize.js';
import { cutForSearch } from '../text/segment.js';
import type { Synonyms } from './synonyms.js';

/** The texts a fact is matched on, closest to the figure first, in matching form. */
export interface Zones {
  metric: string;
  local: string;
  clause: string;
  quote: string;
  paragraph: string;
  heading: string;
  title: string;
}

export const ZONE_WEIGHTS: Record<keyof Zones, number> = {
  metric: 1,
  local: 0.9,
  clause: 0.8,
  quote: 0.6,
  paragraph: 0.35,
  heading: 0.4,
  title: 0.3,
};

export interface IndexedFact {
  fact: Fact;
  zones: Zones;
  sentence: number;
}

/** Character grams of a text: single characters and pairs, as found by `grams()`. */
export function grams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    out.push(text[i]!);
    if (i + 1 < text.length) out.push(text.slice(i, i + 2));
  }
  return out;
}

export function bigrams(word: string): string[] {
  if (word.length < 2) return [word];
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
  return out;
}

/**
 * How far a word is found in a text: 1 when it stands there whole, otherwise the share of its
 * character pairs that do (床位数 in "实际开放床位" → 0.5), counted only from half up.
 */
export function wordMatch(word: string, text: string): number {
  if (!word) return 0;
  if (text.includes(word)) return 1;
  if (word.length < 3) return 0;
  // The longest run of the word found in the text, as a share of the word, from two thirds up.
  let longest = 0;
  for (let i = 0; i < word.length && word.length - i > longest; i++) {
    for (let j = word.length; j - i > longest; j--) {
      if (text.includes(word.slice(i, j))) {
        longest = j - i;
        break;
      }
    }
  }
  const share = longest / word.length;
  return longest >= 2 && share >= 0.6 ? share * 0.8 : 0;
}

/**
 * The searchable form of a fact store: every fact with its zones, an inverted index from
 * character grams to sentences for finding candidates and document frequencies, and the corpus
 * vocabulary for typo correction.
 */
export class FactIndex {
  readonly facts: IndexedFact[];
  readonly sentences: string[] = [];
  readonly factsBySentence: number[][] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly dfCache = new Map<string, number>();
  // Fuse searches cost about a millisecond; the same misspellings come back often.
  private readonly corrections = new Map<string, { word: string; score: number } | undefined>();
  readonly vocabulary: string[];
  private readonly vocabularyFuse: Fuse<string>;

  constructor(
    facts: readonly Fact[],
    titles: ReadonlyMap<string, string>,
    paragraphs: ReadonlyMap<string, readonly string[]>,
    readonly synonyms: Synonyms,
  ) {
    const key = (s: string) => synonyms.apply(matchKey(s));
    const sentenceIds = new Map<string, number>();
    const headingKeys = new Map<string, string>();
    const titleKeys = new Map<string, string>();
    const paragraphKeys = new Map<string, string>();
    this.facts = facts.map((fact) => {
      const quote = key(fact.quote);
      const sentenceKey = `${fact.docId}\u0000${fact.sentenceNo}`;
      let sentence = sentenceIds.get(sentenceKey);
      if (sentence === undefined) {
        sentence = this.sentences.length;
        sentenceIds.set(sentenceKey, sentence);
        this.sentences.push(quote);
        this.factsBySentence.push([]);
      }
      const heading = fact.heading ?? '';
      if (!headingKeys.has(heading)) headingKeys.set(heading, key(heading));
      const paragraphId = `${fact.docId}\u0000${fact.block}`;
      if (!paragraphKeys.has(paragraphId)) paragraphKeys.set(paragraphId, key(paragraphs.get(fact.docId)?.[fact.block] ?? ''));
      const title = titles.get(fact.docId) ?? '';
      if (!titleKeys.has(title)) titleKeys.set(title, key(title));
      return {
        fact,
        sentence,
        zones: {
          metric: key(fact.metric),
          local: key(fact.local),
          clause: key(fact.clause),
          quote,
          paragraph: paragraphKeys.get(paragraphId)!,
          heading: headingKeys.get(heading)!,
          title: titleKeys.get(title)!,
        },
      };
    });
    this.facts.forEach((f, i) => this.factsBySentence[f.sentence]!.push(i));

    this.sentences.forEach((s, id) => {
      for (const g of new Set(grams(s))) {
        let list = this.postings.get(g);
        if (!list) this.postings.set(g, (list = []));
        list.push(id);
      }
    });

    const words = new Map<string, number>();
    for (const s of this.sentences) {
      for (const w of cutForSearch(s)) if (w.length >= 2 && /[\u3400-\u9fff]/.test(w)) words.set(w, (words.get(w) ?? 0) + 1);
    }
    for (const f of this.facts) if (f.zones.metric.length >= 2 && f.zones.metric.length <= 8) words.set(f.zones.metric, (words.get(f.zones.metric) ?? 0) + 1);
    this.vocabulary = [...words.keys()];
    this.vocabularyFuse = new Fuse(this.vocabulary, { includeScore: true, threshold: 0.34, ignoreLocation: true });
  }

  /** Sentences that hold a word whole (by its grams, then checked). */
  sentencesWith(word: string): number[] {
    const gs = word.length < 2 ? [word] : bigrams(word);
    const lists = gs.map((g) => this.postings.get(g) ?? []).sort((a, b) => a.length - b.length);
    const first = lists[0];
    if (!first || first.length === 0) return [];
    const others = lists.slice(1).map((l) => new Set(l));
    return first.filter((id) => others.every((s) => s.has(id)) && this.sentences[id]!.includes(word));
  }

  /** Sentences sharing at least half of a word's character pairs: candidates for partial matches. */
  sentencesNear(word: string): number[] {
    if (word.length < 3) return this.sentencesWith(word);
    const counts = new Map<number, number>();
    const pairs = bigrams(word);
    for (const p of pairs) for (const id of this.postings.get(p) ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
    const need = Math.ceil(pairs.length / 2);
    return [...counts].filter(([, n]) => n >= need).map(([id]) => id);
  }

  /** In how many sentences a word stands. */
  df(word: string): number {
    let n = this.dfCache.get(word);
    if (n === undefined) {
      n = this.sentencesWith(word).length;
      if (this.dfCache.size > 50_000) this.dfCache.clear();
      this.dfCache.set(word, n);
    }
    return n;
  }

  /** The corpus word closest to a misspelt one (智医主理 → 智医助理), if one is close enough. */
  correct(word: string): { word: string; score: number } | undefined {
    if (word.length < 3) return undefined;
    if (this.corrections.has(word)) return this.corrections.get(word);
    if (this.corrections.size > 10_000) this.corrections.clear();
    const found = this.search(word);
    this.corrections.set(word, found);
    return found;
  }

  private search(word: string): { word: string; score: number } | undefined {
    const hit = this.vocabularyFuse
      .search(word, { limit: 5 })
      .filter((r) => Math.abs(r.item.length - word.length) <= 1 && sharedChars(r.item, word) >= word.length - 1)[0];
    return hit ? { word: hit.item, score: hit.score ?? 1 } : undefined;
  }
}

function sharedChars(a: string, b: string): number {
  const pool = [...a];
  let n = 0;
  for (const c of b) {
    const i = pool.indexOf(c);
    if (i >= 0) {
      n++;
      pool.splice(i, 1);
    }
  }
  return n;
}
