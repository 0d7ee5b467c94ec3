import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, sep } from 'node:path';
import { normalizeText } from '../text/normalize.js';
import { cleanReport, type Block } from './clean.js';
import { readReportFile, REPORT_EXTENSIONS, REPORT_FORMATS, type ReadReport } from './formats/index.js';
import { latestStatedYear, MetaFileSchema, resolveMeta, unknownMetaFields, type MetaFile } from './metadata.js';
import type { ReportDoc } from './types.js';

export { REPORT_EXTENSIONS } from './formats/index.js';

export interface LoadProblem {
  file: string;
  /** What is wrong and what to do about it, in one sentence. */
  reason: string;
}

export interface LoadedReports {
  docs: ReportDoc[];
  /** Files that could not be read as reports; the others loaded regardless. */
  failures: LoadProblem[];
  /** Files that loaded with a caveat (bad metadata ignored, metadata without a report). */
  warnings: LoadProblem[];
}

/** The report files of a folder, the names beside them (metadata) and what was passed over. */
export interface ReportListing {
  dir: string;
  /** Report files to read, in order. */
  reports: string[];
  /** Every name in the folder, to find a report's metadata file. */
  siblings: string[];
  warnings: LoadProblem[];
}

/** Lists the files of a folder that are reports; READMEs, stray metadata and other files are warned about. */
export async function listReports(dir: string): Promise<ReportListing> {
  const names = (await readdir(dir)).sort();
  const reports: string[] = [];
  const warnings: LoadProblem[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    if (isFolderNotes(name)) {
      warnings.push({ file: name, reason: 'a README is read as notes on the folder, not as a report; rename it to add it as one' });
      continue;
    }
    if (name.endsWith('.meta.json')) {
      const stem = name.slice(0, -'.meta.json'.length);
      if (!REPORT_EXTENSIONS.some((ext) => names.includes(stem + ext))) {
        warnings.push({ file: name, reason: 'metadata without a report beside it; add the report or remove the file' });
      }
      continue;
    }
    if (!REPORT_EXTENSIONS.includes(extname(name).toLowerCase())) {
      warnings.push({ file: name, reason: `not a report (only ${REPORT_EXTENSIONS.join(', ')} files are read)` });
      continue;
    }
    reports.push(name);
  }
  return { dir, reports, siblings: names, warnings };
}

/** Reads every report of a folder; one bad file is reported and skipped, never fatal to the rest. */
export async function loadReports(dir: string): Promise<LoadedReports> {
  const listing = await listReports(dir);
  const docs: ReportDoc[] = [];
  const failures: LoadProblem[] = [];
  const warnings = [...listing.warnings];
  for (const name of listing.reports) {
    try {
      const { doc, notes } = await loadReport(dir, name, listing.siblings);
      docs.push(doc);
      for (const reason of notes) warnings.push({ file: name, reason });
    } catch (err) {
      failures.push({ file: name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { docs, failures, warnings };
}

/** A folder's README says what the reports are; it is not one of them. */
export function isFolderNotes(name: string): boolean {
  return /^readme(\.[a-z]+)?$/i.test(name);
}

/** A report file read and cleaned into blocks, or refused: one with no Chinese paragraph is no report. */
export async function readReportBlocks(name: string, bytes: Uint8Array): Promise<{ read: ReadReport; blocks: Block[] }> {
  const read = await readReportFile(name, bytes);
  const blocks = cleanReport(read.text);
  if (!blocks.some((b) => b.kind === 'paragraph' && /[\u3400-\u9fff]/.test(b.text))) {
    throw new Error('no paragraph of Chinese text found; the report is empty or not prose');
  }
  return { read, blocks };
}

/** Why a file that links out of the reports folder is not read; the target is not named (it may be anything on the host). */
export const OUTSIDE_LINK = 'a link to a file outside the reports folder; copy the file in instead';

/** Whether a real path lies under a folder's real path (the folder itself counts as under). */
export function isUnder(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * The real path of a file of the reports folder, links followed; throws when it lies outside the
 * folder, and with the ENOENT of a dangling link. Read that path, not the name: the link checked
 * is the link read.
 */
export async function realPathInFolder(dir: string, name: string): Promise<string> {
  const [folder, real] = await Promise.all([realpath(dir), realpath(join(dir, name))]);
  if (!isUnder(folder, real)) throw new Error(OUTSIDE_LINK);
  return real;
}

/**
 * The path to read a report at, once it is known to be a regular file of the folder within its
 * format's size limit; throws with the reason otherwise. Checked before reading, so a huge file
 * (or a pipe) is never read.
 */
export async function reportPath(dir: string, name: string): Promise<string> {
  // Where a link leads is checked before anything of the file is looked at.
  const real = await realPathInFolder(dir, name);
  const info = await stat(real);
  if (!info.isFile()) throw new Error('not a regular file');
  const limit = REPORT_FORMATS[extname(name).toLowerCase()]!.maxBytes;
  if (info.size > limit) throw new Error(`file is ${info.size} bytes, over the ${limit}-byte limit for one report; split it`);
  return real;
}

/** The name of a report's sidecar metadata: `<report without extension>.meta.json`. */
export const metaFileName = (name: string): string => `${basename(name, extname(name))}.meta.json`;

/** One report file read, cleaned and described; throws with the reason a report cannot be read. */
export async function loadReport(dir: string, name: string, siblings: readonly string[]): Promise<{ doc: ReportDoc; notes: string[] }> {
  const path = join(dir, name);
  const { read, blocks } = await readReportBlocks(name, await readFile(await reportPath(dir, name)));
  const notes = [...read.warnings];

  const stem = basename(name, extname(name));
  const sidecar = metaFileName(name);
  let metaFile: MetaFile | undefined;
  if (siblings.includes(sidecar)) {
    try {
      const metaPath = await realPathInFolder(dir, sidecar);
      const raw: unknown = JSON.parse(await readFile(metaPath, 'utf8'));
      const parsed = MetaFileSchema.safeParse(raw);
      const unknown = unknownMetaFields(raw);
      if (unknown.length) notes.push(`${sidecar}: fields not read: ${unknown.join(', ')} (it reads ${Object.keys(MetaFileSchema.shape).join(', ')})`);
      if (parsed.success) metaFile = parsed.data;
      else notes.push(`${sidecar} ignored: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
    } catch (err) {
      notes.push(`${sidecar} ignored: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const hints = { ...read.hints, ...(read.hints.title ? { title: normalizeText(read.hints.title).trim() } : {}) };
  const meta = resolveMeta(blocks, metaFile, stem, hints);
  // "今年" and "上年" are read against the publication year, or else the year the report covers,
  // or else the latest year it states something for.
  const statedYear = meta.date || meta.periodYear ? undefined : latestStatedYear(blocks);
  const year = meta.date ? Number(meta.date.slice(0, 4)) : meta.periodYear ?? statedYear;
  return { doc: { id: name, path, meta, blocks, ...(year ? { year } : {}), ...(read.pages ? { pages: read.pages } : {}), tables: blocks.filter((b) => b.kind === 'table').length }, notes };
}
