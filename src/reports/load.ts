import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { normalizeText } from '../text/normalize.js';
import { cleanReport, type Block } from './clean.js';
import { readReportFile, REPORT_EXTENSIONS, REPORT_FORMATS, type ReadReport } from './formats/index.js';
import { latestStatedYear, MetaFileSchema, resolveMeta, type MetaFile } from './metadata.js';
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

/** Reads every report of a folder; one bad file is reported and skipped, never fatal to the rest. */
export async function loadReports(dir: string): Promise<LoadedReports> {
  const names = (await readdir(dir)).sort();
  const docs: ReportDoc[] = [];
  const failures: LoadProblem[] = [];
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
    try {
      const { doc, notes } = await loadReport(dir, name, names);
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

async function loadReport(dir: string, name: string, siblings: string[]): Promise<{ doc: ReportDoc; notes: string[] }> {
  const path = join(dir, name);
  const info = await stat(path);
  if (!info.isFile()) throw new Error('not a regular file');
  const limit = REPORT_FORMATS[extname(name).toLowerCase()]!.maxBytes;
  // Checked before reading, so a huge file is never read into memory.
  if (info.size > limit) throw new Error(`file is ${info.size} bytes, over the ${limit}-byte limit for one report; split it`);
  const { read, blocks } = await readReportBlocks(name, await readFile(path));
  const notes = [...read.warnings];

  const stem = basename(name, extname(name));
  let metaFile: MetaFile | undefined;
  if (siblings.includes(`${stem}.meta.json`)) {
    try {
      const parsed = MetaFileSchema.safeParse(JSON.parse(await readFile(join(dir, `${stem}.meta.json`), 'utf8')));
      if (parsed.success) metaFile = parsed.data;
      else notes.push(`${stem}.meta.json ignored: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
    } catch (err) {
      notes.push(`${stem}.meta.json ignored: ${err instanceof Error ? err.message : String(err)}`);
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
