import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Fact } from '../extract/facts.js';
import type { Intents } from '../match/intents.js';
import { prepareReport, type ReportIndex } from '../match/report-index.js';
import type { DocMeta } from '../reports/types.js';
import type { ExtractedReport } from './extract-report.js';

/** One report read, its facts extracted and its index data worked out: all a build does per file. */
export interface PreparedReport {
  report: ExtractedReport;
  index: ReportIndex;
  /** Hash of its metadata and facts, to tell what a reload changed. */
  digest: string;
}

export function prepareExtracted(report: ExtractedReport, intents: Intents): PreparedReport {
  const { doc, facts } = report;
  // A table cell's paragraph is its table's header, not the other rows: a row left blank must not
  // be answered from the words of its neighbours.
  const paragraphs = doc.blocks.map((b) => (b.kind === 'table' ? (b.rows?.[0] ?? []).join(' ') : b.text));
  return { report, index: prepareReport(facts, doc.meta.title, paragraphs, intents.synonyms, intents.catalogue), digest: digestOf(doc.meta, facts) };
}

/**
 * A prepared report as bytes in a buffer of its own: posted from the worker without a copy, kept
 * as the report's snapshot on disk, and handed on to the worker that builds the corpus index. The
 * figures of a sentence share its text: it is written once, not once a figure (a sentence of
 * 20,000 figures was 60 MB of copies).
 */
export function packReport(p: PreparedReport): Uint8Array {
  const texts: string[] = [];
  const at = new Map<string, number>();
  const ref = (text: string) => at.get(text) ?? (at.set(text, texts.length), texts.push(text) - 1);
  const quotes = Int32Array.from(p.report.facts, (f) => ref(f.quote));
  const headings = Int32Array.from(p.report.facts, (f) => (f.heading === undefined ? -1 : ref(f.heading)));
  const facts = p.report.facts.map((f) => {
    const { quote: _quote, heading: _heading, ...rest } = f;
    return rest;
  });
  const b = serialize({ ...p, report: { ...p.report, facts }, texts, quotes, headings } satisfies Packed);
  // Transferring a view transfers its whole buffer: copy unless the bytes own theirs.
  return b.byteOffset === 0 && b.buffer.byteLength === b.length ? new Uint8Array(b.buffer, 0, b.length) : new Uint8Array(b);
}

interface Packed extends Omit<PreparedReport, 'report'> {
  report: Omit<ExtractedReport, 'facts'> & { facts: Omit<Fact, 'quote' | 'heading'>[] };
  texts: string[];
  quotes: Int32Array;
  /** -1 for a fact without a heading. */
  headings: Int32Array;
}

export function unpackReport(bytes: Uint8Array): PreparedReport {
  const { texts, quotes, headings, report, index, digest } = deserialize(bytes) as Packed;
  // The texts go back in place; the scorer reads each fact's fixed-shape frame, not the fact.
  const facts = report.facts.map((f, i): Fact => {
    const fact = f as Fact;
    fact.quote = texts[quotes[i]!]!;
    if (headings[i]! >= 0) fact.heading = texts[headings[i]!]!;
    return fact;
  });
  return { report: { ...report, facts }, index, digest };
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
