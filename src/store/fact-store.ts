import { createHash } from 'node:crypto';
import type { Fact } from '../extract/facts.js';
import { FactIndex } from '../match/fact-index.js';
import { loadIntents, type Intents } from '../match/intents.js';
import { RegionIndex } from '../match/regions.js';
import { listReports, REPORT_EXTENSIONS, type LoadProblem } from '../reports/load.js';
import type { Block } from '../reports/clean.js';
import type { DocMeta } from '../reports/types.js';
import { addWords } from '../text/segment.js';
import { extractReport, type ExtractedReport } from './extract-report.js';

export { MAX_FACTS_PER_REPORT, extractReport, type ExtractedReport } from './extract-report.js';

export interface DocSummary {
  id: string;
  meta: DocMeta;
  facts: number;
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
  const reports: ExtractedReport[] = [];
  const failures: LoadProblem[] = [];
  for (const name of listing.reports) {
    try {
      reports.push(await extractReport(seedsDir, name, listing.siblings));
    } catch (err) {
      failures.push({ file: name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return assembleStore({ seedsDir, intents, reports, failures, warnings: listing.warnings, started });
}

/**
 * The store over reports already extracted (here or in a worker): indexes, regions and summaries.
 * The caller has added the intents' words to this thread's segmenter, which questions are cut with.
 */
export function assembleStore(input: { seedsDir: string; intents: Intents; reports: ExtractedReport[]; failures: LoadProblem[]; warnings: LoadProblem[]; started: number }): FactStore {
  const { intents, reports } = input;
  const facts: Fact[] = [];
  const docs = new Map<string, DocSummary>();
  const warnings = [...input.warnings];
  for (const { doc, facts: own, notes } of reports) {
    for (const f of own) facts.push(f);
    for (const reason of notes) warnings.push({ file: doc.id, reason });
    docs.set(doc.id, { id: doc.id, meta: doc.meta, facts: own.length, digest: digestOf(doc.meta, own), ...(doc.tables ? { tables: doc.tables } : {}), ...(doc.pages ? { pages: doc.pages } : {}) });
  }
  if (docs.size === 0) {
    const why = input.failures.length ? input.failures.map((f) => `${f.file}: ${f.reason}`).join('; ') : `the folder holds no report (${REPORT_EXTENSIONS.join(', ')})`;
    throw new Error(`no report could be loaded from ${input.seedsDir} (${why})`);
  }
  const titles = new Map([...docs].map(([id, d]) => [id, d.meta.title]));
  // The reports' regions, and the districts their facts speak for (a table's rows of counties).
  const places = new Map<string, string | undefined>();
  for (const d of docs.values()) places.set(d.meta.region, d.meta.parentRegion);
  for (const f of facts) if (!places.has(f.region)) places.set(f.region, f.parentRegion);
  const regions = new RegionIndex([...places].map(([name, parent]) => ({ name, ...(parent ? { parent } : {}) })));
  // A table cell's paragraph is its table's header, not the other rows: a row left blank must not
  // be answered from the words of its neighbours.
  const contexts = new Map(reports.map(({ doc: d }) => [d.id, d.blocks.map((b) => (b.kind === 'table' ? (b.rows?.[0] ?? []).join(' ') : b.text))]));
  const index = new FactIndex(facts, titles, contexts, intents.synonyms, intents.catalogue);
  return Object.freeze({
    builtAt: new Date(),
    docs,
    facts: Object.freeze(facts),
    blocks: new Map(reports.map(({ doc: d }) => [d.id, d.blocks])),
    index,
    regions,
    intents,
    failures: Object.freeze([...input.failures]),
    warnings: Object.freeze(warnings),
    buildMs: performance.now() - input.started,
  });
}

/** A report's metadata and facts hashed: a changed or broken .meta.json changes it as a changed text does. */
export function digestOf(meta: DocMeta, facts: readonly Fact[]): string {
  const h = createHash('sha256');
  // Field by field in name order, so the order resolveMeta set them in does not count.
  const fields = (Object.keys(meta) as (keyof DocMeta)[]).filter((k) => meta[k] !== undefined).sort();
  h.update(`${JSON.stringify(fields.map((k) => [k, meta[k]]))}\n`);
  // A sentence's facts share its quote: hashing it once keeps a long sentence's cost linear.
  let quote: string | undefined;
  for (const f of facts) {
    h.update(`${f.answer}\u0000${f.metric}\u0000${f.quote === quote ? '' : f.quote}\n`);
    quote = f.quote;
  }
  return h.digest('hex').slice(0, 16);
}
