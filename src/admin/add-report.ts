import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Fact } from '../extract/facts.js';
import { REPORT_EXTENSIONS, sniffExtension } from '../reports/formats/index.js';
import { isFolderNotes, readReportBlocks, realPathInFolder } from '../reports/load.js';
import { buildFactStore, type FactStore } from '../store/fact-store.js';
import type { StoreHolder } from '../core/store-holder.js';
import type { Reloader } from './reload.js';

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
interface Stored {
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
async function storeReports(files: { name: string; bytes: Uint8Array }[], seedsDir: string): Promise<Stored> {
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
      // The loader's own reading, before anything is written: a file stored is a file that loads.
      await readReportBlocks(safe, bytes);
    } catch (err) {
      outcomes.push({ file: name, status: 'refused', reason: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const target = await placeFile(seedsDir, safe, bytes);
    existing.set(digest, target);
    stored.push({ at: outcomes.length, file: name, name: target });
    outcomes.push(undefined);
  }
  return { outcomes, stored };
}

/**
 * One report from the chat or the local page: stored when it reads, then every replica reloads,
 * and the outcome is read off the store now served, with what the reload changed.
 */
export async function addAndReload(file: { name: string; bytes: Uint8Array }, deps: { reportsDir: string; reloader: Reloader; stores: StoreHolder; by: string }): Promise<{ outcome: AddOutcome; reload?: string }> {
  const kept = await storeReports([{ name: withExtension(file.name, file.bytes), bytes: file.bytes }], deps.reportsDir);
  const reload = kept.stored.length ? await deps.reloader.reload(deps.by) : undefined;
  const [outcome] = summarizeStored(kept, deps.stores.current);
  return { outcome: outcome!, ...(reload ? { reload: reload.summary } : {}) };
}

/** Every outcome, the stored files' read off the store that loaded them. */
function summarizeStored({ outcomes, stored }: Stored, store?: FactStore): AddOutcome[] {
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
  return REPORT_EXTENSIONS.includes(extname(name).toLowerCase()) ? name : `${name}${sniffExtension(bytes)}`;
}

/** Moves a report, and its metadata, to the folder's .deleted/, from where it can be put back. */
export async function removeReport(seedsDir: string, id: string): Promise<void> {
  const name = safeName(id);
  if (!name || name !== id) throw new Error(`"${id}" is no report file name`);
  const bin = join(seedsDir, '.deleted');
  await mkdir(bin, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await rename(join(seedsDir, name), join(bin, `${stamp}_${name}`));
  const stem = name.slice(0, -extname(name).length);
  // Its metadata goes with it, unless another report of the same stem still reads it.
  const left = await readdir(seedsDir);
  if (left.some((f) => f !== name && REPORT_EXTENSIONS.includes(extname(f).toLowerCase()) && f.slice(0, -extname(f).length) === stem)) return;
  await rename(join(seedsDir, `${stem}.meta.json`), join(bin, `${stamp}_${stem}.meta.json`)).catch(() => undefined);
}

/** The file's own name without any folder, or undefined for a name no report may have. */
export function safeName(name: string): string | undefined {
  const base = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"|?*]/g, '').trim();
  if (!base || base.startsWith('.') || isFolderNotes(base) || !REPORT_EXTENSIONS.includes(extname(base).toLowerCase())) return undefined;
  const ext = extname(base);
  // File names are at most 255 bytes: Chinese ones are cut on whole characters well within that.
  let stem = base.slice(0, -ext.length);
  while (Buffer.byteLength(stem + ext) > MAX_NAME_BYTES) stem = [...stem].slice(0, -1).join('');
  return stem ? stem + ext : undefined;
}

const MAX_NAME_BYTES = 180;

/**
 * Stores a file under its name, or the name with a number when that stem is in use by any report
 * or metadata file (foo.md beside foo.txt would take foo.meta.json). The file is written beside
 * and linked into place, which fails rather than replace a file another upload put there first.
 */
async function placeFile(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const ext = extname(name);
  const stem = name.slice(0, -ext.length);
  const part = join(dir, `.${randomUUID()}.part`);
  await writeFile(part, bytes);
  try {
    const names = new Set(await readdir(dir));
    const inUse = (s: string) => names.has(`${s}.meta.json`) || REPORT_EXTENSIONS.some((e) => names.has(s + e) || names.has(s + e.toUpperCase()));
    for (let n = 1; n < 10_000; n++) {
      const candidate = n === 1 ? stem : `${stem}-${n}`;
      if (inUse(candidate)) continue;
      try {
        await link(part, join(dir, candidate + ext));
        return candidate + ext;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    throw new Error(`no free name for ${name} in the reports folder`);
  } finally {
    await rm(part, { force: true });
  }
}

async function digestsIn(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of await readdir(dir)) {
    if (name.startsWith('.') || !REPORT_EXTENSIONS.includes(extname(name).toLowerCase())) continue;
    // Only the folder's own files: a link out of it (or a dangling one) is no report the loader reads.
    const real = await realPathInFolder(dir, name).catch(() => undefined);
    if (!real || !(await stat(real)).isFile()) continue;
    out.set(digestOf(await readFile(real)), name);
  }
  return out;
}

function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
