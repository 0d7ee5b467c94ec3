import type { Fact } from '../extract/facts.js';
import { buildCorpusIndex, IndexAssembler, type CorpusIndexData, type CorpusInput } from '../match/corpus-index.js';
import { FactIndex, fixedShape } from '../match/fact-index.js';
import { loadIntents, type Intents } from '../match/intents.js';
import { RegionIndex } from '../match/regions.js';
import { listReports, REPORT_EXTENSIONS, type LoadProblem } from '../reports/load.js';
import type { Block } from '../reports/clean.js';
import type { DocMeta } from '../reports/types.js';
import { Interned } from '../text/interned.js';
import { addWords } from '../text/segment.js';
import { extractReport } from './extract-report.js';
import type { FactPart, PreparedReport, ReportHead } from './packed-report.js';
import { prepareExtracted } from './prepared-report.js';

export { MAX_FACTS_PER_REPORT, extractReport, type ExtractedReport } from './extract-report.js';
export { digestOf } from './prepared-report.js';

export interface DocSummary {
  id: string;
  meta: DocMeta;
  facts: number;
  /** Where its facts start in the store's list: a report's facts stand together. */
  firstFact: number;
  /** Hash of the report's metadata (what its citations show) and its facts, to tell what a reload changed. */
  digest: string;
  /** Tables its format held, and a PDF's pages. */
  tables?: number;
  pages?: number;
}

/**
 * One immutable snapshot of what the bot knows. A reload builds a new one beside the old and
 * swaps it in whole; nothing in a store changes after it is built.
 */
export interface FactStore {
  readonly builtAt: Date;
  readonly docs: ReadonlyMap<string, DocSummary>;
  readonly facts: readonly Fact[];
  /** Each report's cleaned headings and paragraphs, for showing it with its facts. */
  readonly blocks: ReadonlyMap<string, readonly Block[]>;
  readonly index: FactIndex;
  readonly regions: RegionIndex;
  readonly intents: Intents;
  readonly failures: readonly LoadProblem[];
  readonly warnings: readonly LoadProblem[];
  readonly buildMs: number;
  /** How many reports were taken from the snapshot rather than read again. */
  readonly fromSnapshot?: number;
}

/** A report's facts: they stand together in the store's list, from its firstFact on. */
export function factsOfReport(store: Pick<FactStore, 'docs' | 'facts'>, id: string): readonly Fact[] {
  const d = store.docs.get(id);
  return d ? store.facts.slice(d.firstFact, d.firstFact + d.facts) : [];
}

export interface BuildOptions {
  seedsDir: string;
  intentsDir: string;
}

/** Builds a store from seeds/ and intents/ in this thread. Throws only when intents/ is unusable or no report loads. */
export async function buildFactStore({ seedsDir, intentsDir }: BuildOptions): Promise<FactStore> {
  const started = performance.now();
  const intents = await loadIntents(intentsDir);
  addWords(intents.userWords.map((w) => w.word));
  const listing = await listReports(seedsDir);
  const store = new StoreAssembler(seedsDir, listing.warnings, started);
  const failures: LoadProblem[] = [];
  for (const name of listing.reports) {
    try {
      store.add(prepareExtracted(await extractReport(seedsDir, name, listing.siblings), intents));
    } catch (err) {
      failures.push({ file: name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return store.finish(intents, buildCorpusIndex(store.corpusInput), failures);
}

/**
 * A store put together report by report (here, or as a worker posts them), each in a few
 * milliseconds, then finished with the corpus index built over all of them. The caller has added
 * the intents' words to this thread's segmenter, which questions are cut with.
 */
export class StoreAssembler {
  private readonly facts: Fact[] = [];
  private readonly docs = new Map<string, DocSummary>();
  private readonly blocks = new Map<string, readonly Block[]>();
  private readonly notes: LoadProblem[] = [];
  private readonly docPlaces = new Map<string, string | undefined>();
  private readonly factPlaces = new Map<string, string | undefined>();
  private readonly index = new IndexAssembler();
  private texts = new Interned();

  constructor(
    private readonly seedsDir: string,
    private readonly listingWarnings: readonly LoadProblem[],
    private readonly started: number,
  ) {}

  get corpusInput(): readonly CorpusInput[] {
    return this.index.corpusInput;
  }

  get size(): number {
    return this.docs.size;
  }

  /** A whole report. */
  add({ report: { facts, ...report }, index: { facts: prepared, ...index }, digest }: PreparedReport): void {
    this.begin({ report, index, digest, facts: facts.length });
    this.addFacts({ facts, prepared });
  }

  /** Starts a report: its summary, text and places; its facts follow in parts (addFacts). */
  begin({ report: { doc, notes }, index, digest, facts }: ReportHead): void {
    this.texts = new Interned();
    for (const reason of notes) this.notes.push({ file: doc.id, reason });
    this.docs.set(doc.id, { id: doc.id, meta: doc.meta, facts, firstFact: this.facts.length, digest, ...(doc.tables ? { tables: doc.tables } : {}), ...(doc.pages ? { pages: doc.pages } : {}) });
    this.blocks.set(doc.id, doc.blocks);
    // The reports' regions, and the districts their facts speak for (a table's rows of counties).
    this.docPlaces.set(doc.meta.region, doc.meta.parentRegion);
    this.index.begin(index);
  }

  /** Some of the current report's facts, in order. */
  addFacts({ facts, prepared }: FactPart): void {
    // Every slot present, in one order: the scorer reads one shape, and the fact is its own frame.
    const own = facts.map(fixedShape);
    for (const f of own) {
      // Each part of a report brings its own copy of a sentence's text: keep one.
      f.quote = this.texts.one(f.quote);
      if (f.heading !== undefined) f.heading = this.texts.one(f.heading);
      this.facts.push(f);
      if (!this.factPlaces.has(f.region)) this.factPlaces.set(f.region, f.parentRegion);
    }
    this.index.addFacts(own, prepared);
  }

  /** The store, with the intents its questions are read with. */
  finish(intents: Intents, corpus: CorpusIndexData, failures: readonly LoadProblem[], fromSnapshot = 0): FactStore {
    if (this.docs.size === 0) {
      const why = failures.length ? failures.map((f) => `${f.file}: ${f.reason}`).join('; ') : `the folder holds no report (${REPORT_EXTENSIONS.join(', ')})`;
      throw new Error(`no report could be loaded from ${this.seedsDir} (${why})`);
    }
    const places = new Map(this.docPlaces);
    for (const [name, parent] of this.factPlaces) if (!places.has(name)) places.set(name, parent);
    const regions = new RegionIndex([...places].map(([name, parent]) => ({ name, ...(parent ? { parent } : {}) })));
    return Object.freeze({
      builtAt: new Date(),
      docs: this.docs,
      facts: this.facts,
      blocks: this.blocks,
      index: new FactIndex(this.index.stitched, corpus, intents.synonyms),
      regions,
      intents,
      failures: Object.freeze([...failures]),
      warnings: Object.freeze([...this.listingWarnings, ...this.notes]),
      buildMs: performance.now() - this.started,
      ...(fromSnapshot ? { fromSnapshot } : {}),
    });
  }
}
