import type { Fact } from '../extract/facts.js';
import type { IndexedFact } from './fact-index.js';
import { homophoneTable, type HomophoneTable } from './homophones.js';
import { buildPostings, postingsOf, type PostingsData } from './postings.js';
import type { ReportIndex } from './report-index.js';

/** The facts of every report stitched together: what the thread that answers builds, report by report. */
export interface IndexParts {
  facts: IndexedFact[];
  sentences: string[];
  factsBySentence: number[][];
  byRegion: Map<string, number[]>;
  subjects: Map<string, { name: string; region: string }>;
}

/**
 * What is built over all reports at once: the postings of the sentences' grams, and the typo
 * vocabulary with its character index and sounds. Typed arrays and plain lists only, so a worker
 * builds it and the answering thread adopts it without rebuilding anything.
 */
export interface CorpusIndexData {
  postings: PostingsData;
  vocabulary: string[];
  /** Code point → the vocabulary words holding it. */
  vocabularyByChar: PostingsData;
  homophones: HomophoneTable;
}

/** What the corpus index needs of each report, in the order the reports are stitched. */
export type CorpusInput = Pick<ReportIndex, 'sentences' | 'sentenceWords' | 'measureWords'>;

export function buildCorpusIndex(reports: readonly CorpusInput[]): CorpusIndexData {
  const sentences = reports.flatMap((r) => r.sentences);
  // The words of every sentence, then the measures figures name: the order a typo's ties fall in.
  const words = new Map<string, number>();
  for (const r of reports) for (const [w, n] of r.sentenceWords) words.set(w, (words.get(w) ?? 0) + n);
  for (const r of reports) for (const [w, n] of r.measureWords) words.set(w, (words.get(w) ?? 0) + n);
  const vocabulary = [...words.keys()];
  const byChar = new Map<number, number[]>();
  vocabulary.forEach((w, i) => {
    for (const c of new Set(w)) {
      const key = c.codePointAt(0)!;
      let list = byChar.get(key);
      if (!list) byChar.set(key, (list = []));
      list.push(i);
    }
  });
  return { postings: buildPostings(sentences), vocabulary, vocabularyByChar: postingsOf(byChar), homophones: homophoneTable(words) };
}

/**
 * Stitches reports into one index as they arrive, each in a few milliseconds, so a reload never
 * holds the answering thread for long; `finish` adopts the corpus index built elsewhere.
 */
export class IndexAssembler {
  private readonly parts: IndexParts = { facts: [], sentences: [], factsBySentence: [], byRegion: new Map(), subjects: new Map() };
  readonly corpusInput: CorpusInput[] = [];
  /** The report being stitched: its texts, and where its sentences start. */
  private current: { r: Omit<ReportIndex, 'facts'>; base: number } | undefined;

  /** Starts a report: its sentences and subjects; its facts follow in parts. */
  begin(r: Omit<ReportIndex, 'facts'>): void {
    const { parts } = this;
    this.current = { r, base: parts.sentences.length };
    for (const s of r.sentences) {
      parts.sentences.push(s);
      parts.factsBySentence.push([]);
    }
    for (const s of r.subjects) if (!parts.subjects.has(s.key)) parts.subjects.set(s.key, { name: s.name, region: s.region });
    this.corpusInput.push({ sentences: r.sentences, sentenceWords: r.sentenceWords, measureWords: r.measureWords });
  }

  /** Some of the current report's facts, in their fixed shape (fixedShape): each is its own frame. */
  addFacts(facts: readonly Fact[], prepared: ReportIndex['facts']): void {
    const { parts } = this;
    if (!this.current) throw new Error('IndexAssembler.addFacts before begin');
    const { r, base } = this.current;
    facts.forEach((fact, i) => {
      const p = prepared[i]!;
      // Every slot present, in one order: one shape for every indexed fact.
      const indexed: IndexedFact = {
        fact,
        frame: fact,
        sentence: base + p.sentence,
        parts: p.parts,
        head: p.head,
        months: p.months,
        refersBack: p.refersBack,
        zones: { metric: p.metric, local: p.local, clause: p.clause, quote: r.quotes[p.quote]!, paragraph: r.paragraphs[p.paragraph]!, heading: r.headings[p.heading]!, title: r.title },
      };
      const n = parts.facts.push(indexed) - 1;
      parts.factsBySentence[indexed.sentence]!.push(n);
      let list = parts.byRegion.get(fact.region);
      if (!list) parts.byRegion.set(fact.region, (list = []));
      list.push(n);
    });
  }

  get stitched(): IndexParts {
    return this.parts;
  }
}
