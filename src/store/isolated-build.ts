import { Worker } from 'node:worker_threads';
import type { BuildLimits } from '../config.js';
import { loadIntents } from '../match/intents.js';
import { listReports, type LoadProblem } from '../reports/load.js';
import { addWords } from '../text/segment.js';
import { assembleStore, type BuildOptions, type ExtractedReport, type FactStore } from './fact-store.js';

/** What a build worker is given: the reports to read, in order. */
export interface BuildJob {
  entry: string;
  dir: string;
  intentsDir: string;
  names: string[];
  siblings: string[];
}

export type WorkerMessage =
  | { type: 'start'; name: string }
  | { type: 'done'; report: ExtractedReport }
  | { type: 'failed'; name: string; reason: string }
  | { type: 'end' };

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL(`./build-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/**
 * Builds a store with the reports read in a worker thread under a heap limit and a time budget
 * per file, so a hostile or broken report fails that file, never the process nor the answers
 * meanwhile. A file that exhausts the worker is marked failed and a new worker reads the rest.
 */
export async function buildFactStoreIsolated(options: BuildOptions & { limits: BuildLimits }): Promise<FactStore> {
  const started = performance.now();
  const listing = await listReports(options.seedsDir);
  const reading = extractInWorkers({ dir: options.seedsDir, intentsDir: options.intentsDir, names: listing.reports, siblings: listing.siblings }, options.limits);
  // This thread's own vocabulary (jieba, the first time) loads while the worker reads.
  const intents = await loadIntents(options.intentsDir);
  addWords(intents.userWords.map((w) => w.word));
  const { reports, failures } = await reading;
  return assembleStore({ seedsDir: options.seedsDir, intents, reports, failures, warnings: listing.warnings, started });
}

/** Reads and extracts the named reports in worker threads, one file at a time, a new worker after one dies. */
export async function extractInWorkers(job: Omit<BuildJob, 'entry'> & { entry?: string }, limits: BuildLimits): Promise<{ reports: ExtractedReport[]; failures: LoadProblem[] }> {
  const reports: ExtractedReport[] = [];
  const failures: LoadProblem[] = [];
  let names = job.names;
  while (names.length) names = await readInWorker({ ...job, entry: job.entry ?? ENTRY, names }, limits, reports, failures);
  return { reports, failures };
}

/** Runs one worker over the names; resolves with the names still unread when it had to stop on one. */
function readInWorker(job: BuildJob, limits: BuildLimits, reports: ExtractedReport[], failures: LoadProblem[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb } });
    /** The file under way (posted 'start' and no outcome yet), and how many files have an outcome. */
    let current: string | undefined;
    let settled = 0;
    let started = false;
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      finished = true;
      clearTimeout(timer);
      void worker.terminate();
    };
    const stopOn = (reason: string) => {
      if (finished) return;
      finish();
      // Dying before the first file is no file's fault: the build itself cannot run.
      if (!started) return reject(new Error(`the build worker stopped before reading a report: ${reason}`));
      // A file whose outcome was posted is not blamed for a death after it.
      if (current !== undefined) failures.push({ file: current, reason });
      resolve(job.names.slice(settled + (current !== undefined ? 1 : 0)));
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'start') {
        started = true;
        current = m.name;
        clearTimeout(timer);
        timer = setTimeout(() => stopOn(`reading it took longer than ${limits.fileTimeoutMs / 1000} s (BUILD_FILE_TIMEOUT_SEC); split the report or raise the limit`), limits.fileTimeoutMs);
        return;
      }
      if (m.type === 'end') {
        finish();
        return resolve([]);
      }
      if (m.type === 'done') reports.push(m.report);
      else failures.push({ file: m.name, reason: m.reason });
      clearTimeout(timer);
      current = undefined;
      settled++;
    });
    worker.on('error', (err: Error & { code?: string }) =>
      stopOn(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `reading it needed more than ${limits.memoryMb} MB (BUILD_MEMORY_MB); split the report or raise the limit` : `reading it failed: ${err.message}`),
    );
    worker.on('exit', (code) => stopOn(`the reader stopped (exit code ${code})`));
  });
}
