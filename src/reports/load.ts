import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { cleanReport } from './clean.js';
import { latestStatedYear, MetaFileSchema, resolveMeta, type MetaFile } from './metadata.js';
import type { ReportDoc } from './types.js';

export const REPORT_EXTENSIONS = ['.txt', '.md'];
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

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
    // A folder's README says what the reports are; it is not one of them.
    if (/^readme(\.[a-z]+)?$/i.test(name)) {
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
      const { doc, warning } = await loadReport(dir, name, names);
      docs.push(doc);
      if (warning) warnings.push({ file: name, reason: warning });
    } catch (err) {
      failures.push({ file: name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { docs, failures, warnings };
}

async function loadReport(dir: string, name: string, siblings: string[]): Promise<{ doc: ReportDoc; warning?: string }> {
  const path = join(dir, name);
  const info = await stat(path);
  if (!info.isFile()) throw new Error('not a regular file');
  if (info.size > MAX_REPORT_BYTES) {
    throw new Error(`file is ${info.size} bytes, over the ${MAX_REPORT_BYTES}-byte limit for one report; split it`);
  }
  const bytes = await readFile(path);
  if (bytes.includes(0)) throw new Error('binary file (it holds NUL bytes); save the report as UTF-8 text');
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('not valid UTF-8; convert the report to UTF-8 text');
  }
  const blocks = cleanReport(raw);
  if (!blocks.some((b) => b.kind === 'paragraph' && /[\u3400-\u9fff]/.test(b.text))) {
    throw new Error('no paragraph of Chinese text found; the report is empty or not prose');
  }

  const stem = basename(name, extname(name));
  let metaFile: MetaFile | undefined;
  let warning: string | undefined;
  if (siblings.includes(`${stem}.meta.json`)) {
    try {
      const parsed = MetaFileSchema.safeParse(JSON.parse(await readFile(join(dir, `${stem}.meta.json`), 'utf8')));
      if (parsed.success) metaFile = parsed.data;
      else warning = `${stem}.meta.json ignored: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`;
    } catch (err) {
      warning = `${stem}.meta.json ignored: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  const meta = resolveMeta(blocks, metaFile, stem);
  // "今年" and "上年" are read against the publication year, or else the year the report covers,
  // or else the latest year it states something for.
  const statedYear = meta.date || meta.periodYear ? undefined : latestStatedYear(blocks);
  const year = meta.date ? Number(meta.date.slice(0, 4)) : meta.periodYear ?? statedYear;
  return { doc: { id: name, path, meta, blocks, ...(year ? { year } : {}) }, ...(warning ? { warning } : {}) };
}
