import { createHash } from 'node:crypto';
import type { Fact } from '../extract/facts.js';
import type { Intents } from '../match/intents.js';
import { prepareReport } from '../match/report-index.js';
import type { DocMeta } from '../reports/types.js';
import type { ExtractedReport } from './extract-report.js';
import type { PreparedReport } from './packed-report.js';

export type { PreparedReport } from './packed-report.js';

export function prepareExtracted(report: ExtractedReport, intents: Intents): PreparedReport {
  const { doc, facts } = report;
  // A table cell's paragraph is its table's header, not the other rows: a row left blank must not
  // be answered from the words of its neighbours.
  const paragraphs = doc.blocks.map((b) => (b.kind === 'table' ? (b.rows?.[0] ?? []).join(' ') : b.text));
  return { report, index: prepareReport(facts, doc.meta.title, paragraphs, intents.synonyms, intents.catalogue), digest: digestOf(doc.meta, facts) };
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
