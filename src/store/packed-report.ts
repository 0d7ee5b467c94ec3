import { deserialize, serialize } from 'node:v8';
import type { Fact } from '../extract/facts.js';
import { Interned } from '../text/interned.js';
import type { ReportIndex } from '../match/report-index.js';
import type { ExtractedReport } from './extract-report.js';

// Prepared reports as bytes, apart from preparing them: a build worker whose reports all come
// from their snapshots loads only this, not extraction, jieba and the intents.

/** One report read, its facts extracted and its index data worked out: all a build does per file. */
export interface PreparedReport {
  report: ExtractedReport;
  index: ReportIndex;
  /** Hash of its metadata and facts, to tell what a reload changed. */
  digest: string;
}

/** The most facts one packed part holds: the answering thread unpacks and stitches a part at a time. */
export const FACTS_PER_PART = 500;

/** What a report's first part holds beside its first facts: everything but the facts. */
export interface ReportHead {
  report: Omit<ExtractedReport, 'facts'>;
  index: Omit<ReportIndex, 'facts'>;
  digest: string;
  facts: number;
}

/** Some facts of a report, in order, with their index data. */
export interface FactPart {
  facts: Fact[];
  prepared: ReportIndex['facts'];
}

interface PackedPart {
  head?: ReportHead;
  facts: Omit<Fact, 'quote' | 'heading'>[];
  prepared: ReportIndex['facts'];
  /** The sentences' texts and headings, each once: a sentence's figures share its text. */
  texts: string[];
  quotes: Int32Array;
  /** -1 for a fact without a heading. */
  headings: Int32Array;
}

/**
 * A prepared report as parts of at most FACTS_PER_PART facts, each bytes in a buffer of its own:
 * posted from the worker without a copy, kept as the report's snapshot on disk; the first part
 * goes on to the worker that builds the corpus index. A sentence's text is written once a part,
 * not once a figure (a sentence of 20,000 figures was 60 MB of copies).
 */
export function packReport(p: PreparedReport): Uint8Array[] {
  const { facts, ...report } = p.report;
  const { facts: prepared, ...index } = p.index;
  const parts: Uint8Array[] = [];
  for (let from = 0; from === 0 || from < facts.length; from += FACTS_PER_PART) {
    const some = facts.slice(from, from + FACTS_PER_PART);
    const texts = new Interned();
    const part: PackedPart = {
      ...(from === 0 ? { head: { report, index, digest: p.digest, facts: facts.length } } : {}),
      facts: some.map(({ quote: _q, heading: _h, ...rest }) => rest),
      prepared: prepared.slice(from, from + FACTS_PER_PART),
      texts: texts.list,
      quotes: Int32Array.from(some, (f) => texts.of(f.quote)),
      headings: Int32Array.from(some, (f) => (f.heading === undefined ? -1 : texts.of(f.heading))),
    };
    parts.push(ownBytes(new Uint8Array(serialize(part))));
  }
  return parts;
}

/**
 * The same bytes in a buffer of their own. Transferring a view transfers its whole buffer, and
 * views that share one (parts read back from one file) or sit in Node's pool of small buffers
 * cannot be transferred: copy unless the bytes own theirs.
 */
export function ownBytes<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(a: T): T {
  return a.byteOffset === 0 && a.buffer.byteLength === a.byteLength ? a : (a.slice() as T);
}

/** One packed part read back: its head if it is the first, and its facts with their texts in place. */
export function unpackPart(bytes: Uint8Array): FactPart & { head?: ReportHead } {
  const { head, facts, prepared, texts, quotes, headings } = deserialize(bytes) as PackedPart;
  const whole = facts.map((f, i): Fact => {
    const fact = f as Fact;
    fact.quote = texts[quotes[i]!]!;
    if (headings[i]! >= 0) fact.heading = texts[headings[i]!]!;
    return fact;
  });
  return { ...(head ? { head } : {}), facts: whole, prepared };
}

/** A whole report from its parts. */
export function unpackReport(parts: readonly Uint8Array[]): PreparedReport {
  const read = parts.map(unpackPart);
  const head = read[0]?.head;
  if (!head) throw new Error('a packed report must start with its head');
  return {
    report: { ...head.report, facts: read.flatMap((r) => r.facts) },
    index: { ...head.index, facts: read.flatMap((r) => r.prepared) },
    digest: head.digest,
  };
}

/** Parts as one buffer (a snapshot file), and back. */
export const joinParts = (parts: readonly Uint8Array[]): Uint8Array => ownBytes(new Uint8Array(serialize(parts)));
/** Each part in a buffer of its own: read back from one file they share one, and could not be transferred. */
export const splitParts = (bytes: Uint8Array): Uint8Array[] => (deserialize(bytes) as Uint8Array[]).map((p) => ownBytes(p));
