import Fuse from 'fuse.js';
import { Homophones } from './homophones.js';
import { remember } from './remember.js';
import type { Fact } from '../extract/facts.js';
import type { CorpusIndexData, IndexParts } from './corpus-index.js';
import { Postings } from './postings.js';
import { writtenMeasure } from './report-index.js';
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

/** A question word as candidate search sees it: its weight, and other ways reports write it. */
export interface CandidateToken {
  word: string;
  weight: number;
  alts?: string[];
}

export interface IndexedFact {
  fact: Fact;
  /** The same fact with every slot present, in one order: the scorer reads it for each candidate,
   * and facts written with optional slots come in dozens of shapes that slow every read. */
  frame: Fact;
  zones: Zones;
  sentence: number;
  /** Narrower indicators its measure names (村卫生室诊疗人次 is a part of 诊疗人次), as written and by id. */
  parts: { text: string; id: string }[];
  /** The indicator its measure ends on (门诊总量 of 集团分院门诊总量同比增长), with its lineage. */
  head: string[];
  /** Its sentence points back (这3个中心, 上述医院): what the sentence before names narrows it too. */
  refersBack?: boolean;
  /** The months its time covers (5月, 1—6月, 上半年), read once. */
  months?: { from: number; to: number };
}

export function fixedShape(f: Fact): Fact {
  // Every slot of Fact is listed (the compiler checks): a slot left out would be missing to the scorer.
  const frame = {
    id: f.id, docId: f.docId, kind: f.kind, answer: f.answer, value: f.value, unit: f.unit, unitClass: f.unitClass, metric: f.metric,
    role: f.role, status: f.status, change: f.change, rank: f.rank, level: f.level, subject: f.subject, rowSubject: f.rowSubject, reportYear: f.reportYear,
    writtenYear: f.writtenYear, qualifiers: f.qualifiers, region: f.region, parentRegion: f.parentRegion, time: f.time, quote: f.quote,
    span: f.span, sentenceNo: f.sentenceNo, block: f.block, page: f.page, local: f.local, clause: f.clause, heading: f.heading, section: f.section,
  } satisfies Record<keyof Fact, unknown>;
  return frame;
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
  const n = word.length;
  if (n < 3) return 0;
  // The longest run of the word found in the text, as a share of the word, from 0.6 up: runs
  // shorter than that cannot count, so they are never searched for (a miss costs few lookups).
  let shortest = 2;
  while (shortest / n < 0.6) shortest++;
  for (let len = n - 1; len >= shortest; len--) {
    for (let i = 0; i + len <= n; i++) if (text.includes(word.slice(i, i + len))) return (len / n) * 0.8;
  }
  return 0;
}

/** The measure as the report wrote it, without the naming unit matching adds. */
export function asWritten(f: IndexedFact): string {
  return writtenMeasure(f.fact, f.zones.metric);
}

// How much of a word's weight a table row gets for its caption's saying it.
const CAPTION_SHARE = 0.9;

/** A table row's fact, its caption (heading) read before its own words: the caption, else ''. */
export function captionOf(z: Pick<Zones, 'heading' | 'local'>): string {
  return z.heading && z.local.startsWith(z.heading) ? z.heading : '';
}

/**
 * The searchable form of a fact store: every fact with its zones, an inverted index from
 * character grams to sentences for finding candidates and document frequencies, and the corpus
 * vocabulary for typo correction.
 */
export class FactIndex {
  readonly facts: IndexedFact[];
  readonly sentences: string[];
  readonly factsBySentence: number[][];
  private readonly postings: Postings;
  private readonly dfCache = new Map<string, number>();
  private readonly nearCache = new Map<string, Int32Array>();
  /** Facts by region, with each region's districts: a question naming a place scores only these. */
  private readonly byRegion: Map<string, number[]>;
  /** Per-question scratch: question weight found in each sentence. */
  private scratch: Float32Array;
  /** Per-question scratch: the pass that last visited each sentence (no set to build or clear). */
  private visited: Uint32Array;
  private pass = 0;
  /** A table row's sentence, the caption of its table (表2 各县区布病报告情况), or ''; and each caption's rows. */
  private readonly rowCaption: string[];
  private readonly captionRows: Map<string, number[]>;
  private readonly captionNearCache = new Map<string, number[]>();
  // Fuse searches cost about a millisecond; the same misspellings come back often.
  private readonly corrections = new Map<string, { word: string; score: number } | undefined>();
  readonly vocabulary: string[];
  /** Institutions that reports speak for (a hospital's own report), in matching form, with their region. */
  readonly subjects: Map<string, { name: string; region: string }>;
  /** For each character, the vocabulary words holding it: typo candidates are found through it. */
  private readonly vocabularyByChar: Postings;
  private readonly sharedCount: Uint8Array;
  private readonly homophones: Homophones;
  private readonly kindsCache = new Map<string, boolean>();

  /** Adopts the reports' facts stitched together and the corpus-wide index built over them (see IndexAssembler). */
  constructor(parts: IndexParts, corpus: CorpusIndexData, readonly synonyms: Synonyms) {
    this.facts = parts.facts;
    this.sentences = parts.sentences;
    this.factsBySentence = parts.factsBySentence;
    this.byRegion = parts.byRegion;
    this.subjects = parts.subjects;
    this.postings = new Postings(corpus.postings);
    this.vocabulary = corpus.vocabulary;
    this.vocabularyByChar = new Postings(corpus.vocabularyByChar);
    this.homophones = new Homophones(corpus.homophones);
    this.scratch = new Float32Array(this.sentences.length);
    this.visited = new Uint32Array(this.sentences.length);
    this.sharedCount = new Uint8Array(this.vocabulary.length);
    // (A table's row is found by its caption's words too, as its figures are scored by them: the
    // caption is kept beside its rows' sentences, not written into them, so no word's frequency
    // counts each row once more.)
    this.rowCaption = new Array<string>(this.sentences.length).fill('');
    this.captionRows = new Map();
    for (const f of this.facts) {
      const caption = captionOf(f.zones);
      if (!caption || this.rowCaption[f.sentence]) continue;
      this.rowCaption[f.sentence] = caption;
      let rows = this.captionRows.get(caption);
      if (!rows) this.captionRows.set(caption, (rows = []));
      rows.push(f.sentence);
    }
  }

  /** The table rows whose caption (but not their own text) holds a word. */
  private captionNear(word: string): number[] {
    return remember(this.captionNearCache, word, () => {
      const out: number[] = [];
      for (const [caption, rows] of this.captionRows) if (caption.includes(word)) for (const s of rows) if (!this.sentences[s]!.includes(word)) out.push(s);
      return out;
    }, 20_000);
  }

  /** Sentences that hold a word whole (by its grams, then checked). */
  sentencesWith(word: string): number[] {
    const gs = word.length < 2 ? [word] : bigrams(word);
    const lists = gs.map((g) => this.postings.get(g)).sort((a, b) => a.length - b.length);
    let ids: ArrayLike<number> = lists[0] ?? [];
    // Postings are ascending: intersect by merging, shortest first.
    for (const list of lists.slice(1)) {
      if (ids.length === 0) break;
      const next: number[] = [];
      let j = 0;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k]!;
        while (j < list.length && list[j]! < id) j++;
        if (list[j] === id) next.push(id);
      }
      ids = next;
    }
    const out: number[] = [];
    for (let k = 0; k < ids.length; k++) if (this.sentences[ids[k]!]!.includes(word)) out.push(ids[k]!);
    return out;
  }

  /** Sentences sharing at least half of a word's character pairs: candidates for partial matches. */
  sentencesNear(word: string): Int32Array {
    const hit = this.nearCache.get(word);
    if (hit) return hit;
    let ids: number[];
    // A short word, a number, or a run longer than any word (pasted or hostile text) is matched
    // whole: counting the bigrams of a long run walks most of the corpus.
    if (word.length < 3 || word.length > MAX_NEAR_WORD || /^[\d.,%]+$/.test(word)) ids = this.sentencesWith(word);
    else {
      const counts = new Map<number, number>();
      const pairs = bigrams(word);
      for (const p of pairs) for (const id of this.postings.get(p)) counts.set(id, (counts.get(id) ?? 0) + 1);
      const need = Math.ceil(pairs.length / 2);
      ids = [...counts].filter(([, n]) => n >= need).map(([id]) => id);
    }
    const out = Int32Array.from(ids);
    if (this.nearCache.size > 20_000) this.nearCache.clear();
    this.nearCache.set(word, out);
    return out;
  }

  /**
   * The facts worth scoring for a question: in sentences that hold at least `minShare` of its
   * weight (counting whole and partial words), optionally only of some regions. Candidates are
   * found through the informative words; words in most sentences only add weight.
   */
  candidates(tokens: CandidateToken[], minShare: number, regions?: (region: string) => boolean, maxSentences = 60, regionNames?: string[]): number[] {
    const total = tokens.reduce((s, t) => s + t.weight, 0);
    if (total <= 0) return [];
    // A named place with few facts: weigh its own sentences directly, not the whole corpus's.
    if (regionNames) {
      const own = this.factsOfRegions(regionNames);
      if (own.length <= 3000) return this.candidatesAmong(own, tokens, minShare * total, maxSentences);
    }
    const n = this.sentences.length;
    const informative = tokens.filter((t) => this.df(t.word) <= Math.max(50, n * 0.05));
    const seeds = informative.length ? informative : tokens;
    const acc = this.scratch;
    const touched: number[] = [];
    for (const t of seeds) {
      // A word and its alternatives (医生, 执业(助理)医师) count once in a sentence.
      const words = [t.word, ...(t.alts ?? [])];
      const near = t.alts?.length ? new Set(words.flatMap((w) => [...this.sentencesNear(w)])) : this.sentencesNear(t.word);
      for (const s of near) {
        if (acc[s] === 0) touched.push(s);
        acc[s] = acc[s]! + t.weight;
      }
      // (A row found by its caption alone weighs a little less than a sentence that says the word.)
      for (const s of new Set(words.flatMap((w) => this.captionNear(w)))) {
        if (acc[s] === 0) touched.push(s);
        acc[s] = acc[s]! + t.weight * CAPTION_SHARE;
      }
    }
    // The common words' weight, for the sentences already found.
    for (const t of tokens) {
      if (seeds.includes(t)) continue;
      const near = this.sentencesNear(t.word);
      if (near.length > touched.length) {
        const holds = this.holders(t.word);
        for (const s of touched) if (holds[s]) acc[s] = acc[s]! + t.weight;
      } else for (const s of near) if (acc[s]! > 0) acc[s] = acc[s]! + t.weight;
      for (const s of this.captionNear(t.word)) if (acc[s]! > 0) acc[s] = acc[s]! + t.weight * CAPTION_SHARE;
    }
    // The sentences holding the most of the question's weight are scored in full; the others
    // cannot outscore them by much (a near-copy of a sentence in another report scores the same).
    const kept: { s: number; w: number }[] = [];
    for (const s of touched) {
      const w = acc[s]!;
      acc[s] = 0;
      if (w < minShare * total) continue;
      const facts = this.factsBySentence[s]!;
      if (regions && !facts.some((f) => regions(this.facts[f]!.fact.region))) continue;
      kept.push({ s, w });
    }
    const out: number[] = [];
    for (const { s } of heaviestSentences(kept, maxSentences)) for (const f of this.factsBySentence[s]!) if (!regions || regions(this.facts[f]!.fact.region)) out.push(f);
    return out;
  }

  private readonly holdersCache = new Map<string, Uint8Array>();
  private readonly regionsCache = new Map<string, number[]>();

  /** Which sentences hold a common word whole, one byte a sentence: a question's common words are
   * looked up in the thousands of sentences its rarer words found, not searched in their text. */
  private holders(word: string): Uint8Array {
    return remember(this.holdersCache, word, () => {
      const bits = new Uint8Array(this.sentences.length);
      for (const s of this.sentencesWith(word)) bits[s] = 1;
      return bits;
    }, 64);
  }

  private readonly headlineCache = new Map<string, Fact[]>();

  /** A few headline figures (from the top of their reports) of some regions, or of any: suggestions. */
  headlines(regions: string[]): Fact[] {
    const key = regions.join('|');
    let hit = this.headlineCache.get(key);
    if (!hit) {
      const pool = regions.length ? this.factsOfRegions(regions).map((i) => this.facts[i]!.fact) : this.facts.map((f) => f.fact);
      hit = [];
      for (const f of pool) {
        if (f.kind === 'figure' && f.sentenceNo <= 3 && f.metric.length >= 3) hit.push(f);
        if (hit.length >= 6) break;
      }
      if (this.headlineCache.size > 5000) this.headlineCache.clear();
      this.headlineCache.set(key, hit);
    }
    return hit;
  }

  private candidatesAmong(facts: readonly number[], tokens: CandidateToken[], min: number, maxSentences: number): number[] {
    const weighed = this.nextPass();
    const kept: { s: number; w: number }[] = [];
    for (const f of facts) {
      const s = this.facts[f]!.sentence;
      if (this.visited[s] === weighed) continue;
      this.visited[s] = weighed;
      const text = this.sentences[s]!;
      const caption = this.rowCaption[s]!;
      let w = 0;
      for (const t of tokens) {
        if (wordMatch(t.word, text) > 0 || t.alts?.some((a) => text.includes(a))) w += t.weight;
        else if (caption && caption.includes(t.word)) w += t.weight * CAPTION_SHARE;
      }
      if (w >= min) kept.push({ s, w });
    }
    const chosen = this.nextPass();
    for (const { s } of heaviestSentences(kept, maxSentences)) this.visited[s] = chosen;
    return facts.filter((f) => this.visited[this.facts[f]!.sentence] === chosen);
  }

  /** A fresh mark for `visited`; when the counter wraps, the old marks are wiped first. */
  private nextPass(): number {
    if (this.pass === 0xffffffff) {
      this.visited.fill(0);
      this.pass = 0;
    }
    return ++this.pass;
  }

  /** The facts of some regions. */
  factsOfRegions(names: string[]): readonly number[] {
    // One region is its list itself; a city with its districts is joined once and kept: copying
    // thousands of ids for each question costs more than the search.
    if (names.length === 1) return this.byRegion.get(names[0]!) ?? [];
    return remember(this.regionsCache, names.join('|'), () => names.flatMap((r) => this.byRegion.get(r) ?? []), 256);
  }

  get regionNames(): string[] {
    return [...this.byRegion.keys()];
  }

  /** Whether some figure measures a kind of `head` named by `modifier` before it (负压 of 负压救护车). */
  namesKind(modifier: string, head: string): boolean {
    const phrase = modifier + head;
    return remember(this.kindsCache, phrase, () => this.sentencesWith(phrase).some((s) => this.factsBySentence[s]!.some((i) => this.facts[i]!.zones.metric.includes(phrase))), 50_000);
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
    if (this.corrections.has(word)) return this.corrections.get(word);
    if (this.corrections.size > 10_000) this.corrections.clear();
    // A word that sounds the same is the likeliest typo; spelling distance only for longer words.
    const same = this.homophones.find(word);
    const found = same ? { word: same, score: 0 } : word.length >= 3 ? this.search(word) : undefined;
    this.corrections.set(word, found);
    return found;
  }

  /**
   * The closest word of about the same length that shares all but one of its characters, ranked
   * by Fuse.js. Only such words are ranked: searching the whole vocabulary for every unknown word
   * made a long question of unknown words cost seconds.
   */
  private search(word: string): { word: string; score: number } | undefined {
    if (word.length > MAX_TYPO_WORD) return undefined;
    const chars = [...new Set(word)];
    const touched: number[] = [];
    for (const c of chars) {
      for (const i of this.vocabularyByChar.byKey(c.codePointAt(0)!)) {
        if (this.sharedCount[i] === 0) touched.push(i);
        this.sharedCount[i]!++;
      }
    }
    // Sharing all but one character of the word means sharing all but one of its distinct ones.
    const near = touched.filter((i) => this.sharedCount[i]! >= chars.length - 1);
    for (const i of touched) this.sharedCount[i] = 0;
    const candidates = near.map((i) => this.vocabulary[i]!).filter((w) => Math.abs(w.length - word.length) <= 1 && sharedChars(w, word) >= word.length - 1);
    if (!candidates.length) return undefined;
    const hit = new Fuse(candidates, { includeScore: true, threshold: 0.34, ignoreLocation: true }).search(word, { limit: 1 })[0];
    return hit ? { word: hit.item, score: hit.score ?? 1 } : undefined;
  }
}

/**
 * The `n` heaviest sentences, ties by position, without sorting them all: a common question word
 * leaves thousands of sentences of a few distinct weights.
 */
export function heaviestSentences(kept: { s: number; w: number }[], n: number): { s: number; w: number }[] {
  const counts = new Map<number, number>();
  for (const k of kept) counts.set(k.w, (counts.get(k.w) ?? 0) + 1);
  let floor = -Infinity;
  let taken = 0;
  for (const w of [...counts.keys()].sort((a, b) => b - a)) {
    floor = w;
    taken += counts.get(w)!;
    if (taken >= n) break;
  }
  const above = kept.filter((k) => k.w > floor).sort((a, b) => b.w - a.w || a.s - b.s);
  const atFloor = Int32Array.from(kept.filter((k) => k.w === floor), (k) => k.s).sort();
  return [...above, ...Array.from(atFloor.subarray(0, n - above.length), (s) => ({ s, w: floor }))];
}

/** The longest word a typo is looked for in: longer runs are no misspelt word. */
const MAX_TYPO_WORD = 8;
/** The longest word matched in part (most of its character pairs); longer ones must stand whole. */
const MAX_NEAR_WORD = 12;

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
