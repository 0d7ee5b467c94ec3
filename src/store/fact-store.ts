import { createHash } from 'node:crypto';
import { extractFacts, type Fact } from '../extract/facts.js';
import { FactIndex } from '../match/fact-index.js';
import { loadIntents, type Intents } from '../match/intents.js';
import { RegionIndex } from '../match/regions.js';
import { loadReports, REPORT_EXTENSIONS, type LoadProblem } from '../reports/load.js';
import type { Block } from '../reports/clean.js';
import type { DocMeta } from '../reports/types.js';
import { addWords } from '../text/segment.js';

export interface DocSummary {
  id: string;
  meta: DocMeta;
  facts: number;
  /** Hash of the report's facts, to tell what a reload changed. */
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

/** Builds a store from seeds/ and intents/. Throws only when intents/ is unusable or no report loads. */
export async function buildFactStore({ seedsDir, intentsDir }: BuildOptions): Promise<FactStore> {
  const started = performance.now();
  const intents = await loadIntents(intentsDir);
  addWords(intents.userWords.map((w) => w.word));
  const loaded = await loadReports(seedsDir);
  const failures = [...loaded.failures];
  const facts: Fact[] = [];
  const docs = new Map<string, DocSummary>();
  for (const doc of loaded.docs) {
    try {
      const own = extractFacts(doc);
      facts.push(...own);
      docs.set(doc.id, { id: doc.id, meta: doc.meta, facts: own.length, digest: digestOf(own), ...(doc.tables ? { tables: doc.tables } : {}), ...(doc.pages ? { pages: doc.pages } : {}) });
    } catch (err) {
      failures.push({ file: doc.id, reason: `extraction failed: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  if (docs.size === 0) {
    const why = failures.length ? failures.map((f) => `${f.file}: ${f.reason}`).join('; ') : `the folder holds no report (${REPORT_EXTENSIONS.join(', ')})`;
    throw new Error(`no report could be loaded from ${seedsDir} (${why})`);
  }
  const titles = new Map([...docs].map(([id, d]) => [id, d.meta.title]));
  const paragraphs = new Map(loaded.docs.map((d) => [d.id, d.blocks.map((b) => b.text)]));
  // The reports' regions, and the districts their facts speak for (a table's rows of counties).
  const places = new Map<string, string | undefined>();
  for (const d of docs.values()) places.set(d.meta.region, d.meta.parentRegion);
  for (const f of facts) if (!places.has(f.region)) places.set(f.region, f.parentRegion);
  const regions = new RegionIndex([...places].map(([name, parent]) => ({ name, ...(parent ? { parent } : {}) })));
  // A table cell's paragraph is its table's header, not the other rows: a row left blank must not
  // be answered from the words of its neighbours.
  const contexts = new Map(loaded.docs.map((d) => [d.id, d.blocks.map((b) => (b.kind === 'table' ? (b.rows?.[0] ?? []).join(' ') : b.text))]));
  const index = new FactIndex(facts, titles, contexts, intents.synonyms, intents.catalogue);
  return Object.freeze({
    builtAt: new Date(),
    docs,
    facts: Object.freeze(facts),
    blocks: new Map(loaded.docs.filter((d) => docs.has(d.id)).map((d) => [d.id, d.blocks])),
    index,
    regions,
    intents,
    failures: Object.freeze(failures),
    warnings: Object.freeze(loaded.warnings),
    buildMs: performance.now() - started,
  });
}

function digestOf(facts: Fact[]): string {
  const h = createHash('sha256');
  for (const f of facts) h.update(`${f.answer}\u0000${f.metric}\u0000${f.quote}\n`);
  return h.digest('hex').slice(0, 16);
}
