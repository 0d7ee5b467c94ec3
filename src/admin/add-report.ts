import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Fact } from '../extract/facts.js';
import { readReportFile, REPORT_EXTENSIONS } from '../reports/formats/index.js';
import { buildFactStore, type FactStore } from '../store/fact-store.js';

/** What adding one file came to: where it was stored and what the bot read from it, or why not. */
export type AddOutcome =
  | { file: string; status: 'added'; stored: string; summary: ReportSummary }
  | { file: string; status: 'duplicate'; stored: string }
  | { file: string; status: 'refused'; reason: string };

export interface ReportSummary {
  title: string;
  region: string;
  date?: string;
  facts: number;
  tables: number;
  pages?: number;
  samples: { metric: string; answer: string; quote: string }[];
  warnings: string[];
}

export interface AddResult {
  outcomes: AddOutcome[];
  /** The store with the new reports, when any was added; the caller swaps it in. */
  store?: FactStore;
  /** Facts before and after, for the diff the admin sees. */
  before: number;
  after: number;
}

const SAMPLES = 3;

/** Files read and stored, each with its outcome; a stored file's summary waits for the store that reads it. */
export interface Stored {
  outcomes: (AddOutcome | undefined)[];
  stored: { at: number; file: string; name: string }[];
}

/**
 * Adds report files to the reports folder: each is read first (a file the bot cannot read is
 * refused and not stored), a file already there byte for byte is not added twice, and a name in
 * use gets a number. Then one new store is built; nothing is swapped in here.
 */
export async function addReports(files: { name: string; bytes: Uint8Array }[], options: { seedsDir: string; intentsDir: string; current?: FactStore }): Promise<AddResult> {
  const kept = await storeReports(files, options.seedsDir);
  const before = options.current?.facts.length ?? 0;
  if (!kept.stored.length) return { outcomes: summarizeStored(kept), before, after: before };
  const store = await buildFactStore({ seedsDir: options.seedsDir, intentsDir: options.intentsDir });
  return { outcomes: summarizeStored(kept, store), store, before, after: store.facts.length };
}

/** Reads each file and stores the readable ones in the reports folder, without building anything. */
export async function storeReports(files: { name: string; bytes: Uint8Array }[], seedsDir: string): Promise<Stored> {
  // Each file's outcome in order; a stored file's is known once a store has read it.
  const outcomes: (AddOutcome | undefined)[] = [];
  const existing = await digestsIn(seedsDir);
  const stored: Stored['stored'] = [];
  for (const { name, bytes } of files) {
    const safe = safeName(name);
    if (!safe) {
      outcomes.push({ file: name, status: 'refused', reason: `not a report (only ${REPORT_EXTENSIONS.join(', ')} files are read)` });
      continue;
    }
    const digest = digestOf(bytes);
    const same = existing.get(digest);
    if (same) {
      outcomes.push({ file: name, status: 'duplicate', stored: same });
      continue;
    }
    try {
      await readReportFile(safe, bytes);
    } catch (err) {
      outcomes.push({ file: name, status: 'refused', reason: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const target = freeName(safe, new Set(existing.values()));
    // Written beside and renamed: a reload never sees half a file.
    await writeFile(join(seedsDir, `.${target}.part`), bytes);
    await rename(join(seedsDir, `.${target}.part`), join(seedsDir, target));
    existing.set(digest, target);
    stored.push({ at: outcomes.length, file: name, name: target });
    outcomes.push(undefined);
  }
  return { outcomes, stored };
}

/** Every outcome, the stored files' read off the store that loaded them. */
export function summarizeStored({ outcomes, stored }: Stored, store?: FactStore): AddOutcome[] {
  const out = [...outcomes];
  for (const { at, file, name } of stored) {
    const failure = store?.failures.find((f) => f.file === name);
    out[at] = store?.docs.has(name)
      ? { file, status: 'added', stored: name, summary: summarize(store, name) }
      : { file, status: 'refused', reason: failure?.reason ?? 'stored, but not read yet: send /reload' };
  }
  return out.filter((o) => o !== undefined);
}

function summarize(store: FactStore, id: string): ReportSummary {
  const doc = store.docs.get(id)!;
  const facts = store.facts.filter((f) => f.docId === id);
  return {
    title: doc.meta.title,
    region: doc.meta.region,
    ...(doc.meta.date ? { date: doc.meta.date } : {}),
    facts: facts.length,
    tables: doc.tables ?? 0,
    ...(doc.pages ? { pages: doc.pages } : {}),
    samples: samplesOf(facts),
    warnings: store.warnings.filter((w) => w.file === id).map((w) => w.reason),
  };
}

/** A few figures from the top of the report that say what it is about. */
function samplesOf(facts: Fact[]): ReportSummary['samples'] {
  return facts
    .filter((f) => f.kind === 'figure' && f.status === 'actual' && f.metric.length >= 3)
    .slice(0, SAMPLES)
    .map((f) => ({ metric: clip(f.metric, 24), answer: f.answer, quote: clip(f.quote, 60) }));
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A name with a report's extension, read off the bytes when the platform gave none (a PDF, a Word zip, a page). */
export function withExtension(name: string, bytes: Uint8Array): string {
  if (REPORT_EXTENSIONS.includes(extname(name).toLowerCase())) return name;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const ext = head.includes('%PDF-') ? '.pdf' : head.startsWith('PK\u0003\u0004') ? '.docx' : /<html|<!doctype html/i.test(head) ? '.html' : '.txt';
  return `${name}${ext}`;
}

/** Moves a report, and its metadata, to the folder's .deleted/, from where it can be put back. */
export async function removeReport(seedsDir: string, id: string): Promise<void> {
  const name = safeName(id);
  if (!name || name !== id) throw new Error(`"${id}" is no report file name`);
  const bin = join(seedsDir, '.deleted');
  await mkdir(bin, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await rename(join(seedsDir, name), join(bin, `${stamp}_${name}`));
  const meta = `${name.slice(0, -extname(name).length)}.meta.json`;
  await rename(join(seedsDir, meta), join(bin, `${stamp}_${meta}`)).catch(() => undefined);
}

/** The file's own name without any folder, or undefined for a name no report may have. */
export function safeName(name: string): string | undefined {
  const base = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"|?*]/g, '').trim();
  if (!base || base.startsWith('.') || !REPORT_EXTENSIONS.includes(extname(base).toLowerCase())) return undefined;
  return base.length > 120 ? base.slice(0, 120 - extname(base).length) + extname(base) : base;
}

function freeName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  const ext = extname(name);
  const stem = name.slice(0, -ext.length);
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}${ext}`)) return `${stem}-${n}${ext}`;
}

async function digestsIn(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of await readdir(dir)) {
    if (name.startsWith('.') || !REPORT_EXTENSIONS.includes(extname(name).toLowerCase())) continue;
    out.set(digestOf(await readFile(join(dir, name))), name);
  }
  return out;
}

function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
