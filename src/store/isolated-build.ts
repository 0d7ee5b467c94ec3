import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BuildLimits } from '../config.js';
import { buildCorpusIndex, type CorpusIndexData } from '../match/corpus-index.js';
import { loadIntents, type Intents } from '../match/intents.js';
import { listReports, type LoadProblem } from '../reports/load.js';
import { addWords } from '../text/segment.js';
import { StoreAssembler, type BuildOptions, type FactStore } from './fact-store.js';
import { ownBytes, unpackPart, unpackReport, type PreparedReport } from './packed-report.js';
import { IN_FLIGHT, type BuildJob, type WorkerMessage } from './worker-protocol.js';
import { Sliced } from './sliced.js';
import { codeVersion, corpusFile, corpusKey, folderHash, pruneSnapshots, reportFile } from './snapshot.js';

export type { BuildJob, WorkerMessage } from './worker-protocol.js';

/** Where a server keeps its store's snapshot: beside its state, under DATA_DIR. */
export const snapshotDir = (dataDir: string) => join(dataDir, 'store-cache');

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const ENTRY = new URL(`./build-worker${EXT}`, import.meta.url).href;
const INDEX_ENTRY = new URL(`./index-worker${EXT}`, import.meta.url).href;

/**
 * Builds a store off this thread: reports are read and prepared in a worker under a heap limit and
 * a time budget per file, so a hostile or broken report fails that file, never the process; the
 * corpus index is built in another worker and adopted as typed arrays. This thread only stitches
 * each report in as it arrives, a few milliseconds at a time, so answers go on meanwhile. With
 * `cacheDir`, what was built is kept as a snapshot there and reused while nothing changed.
 */
export async function buildFactStoreIsolated(options: BuildOptions & { limits: BuildLimits; cacheDir?: string; /** Before the bot answers (start-up): the worker reads on without waiting for this thread. */ unpaced?: boolean }): Promise<FactStore> {
  const started = performance.now();
  const listing = await listReports(options.seedsDir);
  const intentsHash = folderHash(options.intentsDir);
  let cache: BuildJob['cache'];
  if (options.cacheDir) {
    mkdirSync(options.cacheDir, { recursive: true });
    cache = { dir: options.cacheDir, base: `${codeVersion()}\n${intentsHash}` };
  }
  const store = new StoreAssembler(options.seedsDir, listing.warnings, started);
  const stitching = new Stitching(store);
  const indexing = corpusWorker();
  try {
    const reading = extractInWorkers({ dir: options.seedsDir, intentsDir: options.intentsDir, names: listing.reports, siblings: listing.siblings, inFlight: options.unpaced ? Infinity : IN_FLIGHT, ...(cache ? { cache } : {}) }, options.limits, (r) => stitching.push(r));
    // The intents, and this thread's own vocabulary (jieba, the first time), load while the
    // workers read and start: at start-up they are the longest part of the way to ready.
    reading.catch(() => undefined);
    const intents = await intentsOf(options.intentsDir, intentsHash);
    addWords(intents.userWords.map((w) => w.word));
    const { failures } = await reading;
    failures.push(...(await stitching.done()));
    const { heads, keys } = stitching;
    const corpusPath = cache && keys.length === heads.length ? corpusFile(cache.dir, corpusKey(keys)) : undefined;
    // No report read: the store refuses to finish, with the reasons; an empty index stands in.
    const corpus = store.size ? await indexing.build(heads, corpusPath) : buildCorpusIndex([]);
    const built = store.finish(intents, corpus, failures, stitching.fromSnapshot);
    if (cache) void pruneSnapshots(cache.dir, new Set([...keys.map((k) => reportFile(cache.dir, k)), ...(corpusPath ? [corpusPath] : [])]));
    return built;
  } finally {
    indexing.stop();
  }
}

/** One packed part of a report, with where it stands among the report's parts. */
type Part = { name: string; bytes: Uint8Array; first: boolean; last: boolean; of: Prepared };

/**
 * Stitches the reports' parts into the store as workers post them. Reports from snapshots arrive
 * a thousand at once, and one report may hold 30,000 facts: each part of at most FACTS_PER_PART
 * facts is stitched in its own slice of time.
 */
class Stitching {
  /** Each report's first part, for the corpus index, and its snapshot's name. */
  readonly heads: Uint8Array[] = [];
  readonly keys: string[] = [];
  fromSnapshot = 0;
  private readonly skipped = new Set<string>();
  private broken: string | undefined;
  private readonly slices = new Sliced<Part>((item) => {
    try {
      this.stitch(item);
    } finally {
      // The worker may post another report once this one's last part is in.
      if (item.last) item.of.taken();
    }
  });

  constructor(private readonly store: StoreAssembler) {}

  push(r: Prepared): void {
    r.parts.forEach((bytes, i) => this.slices.push({ name: r.name, bytes, first: i === 0, last: i === r.parts.length - 1, of: r }));
  }

  /** Resolves with the reports that could not be read back, once every part pushed is stitched. */
  async done(): Promise<LoadProblem[]> {
    const failures = await this.slices.drained();
    if (this.broken) throw new Error(`${this.broken}: part of its prepared data could not be read back; nothing was changed, try again`);
    return failures;
  }

  private stitch({ name, bytes, first, of }: Part): void {
    if (this.skipped.has(name)) return;
    let part: ReturnType<typeof unpackPart>;
    try {
      part = unpackPart(bytes);
    } catch (err) {
      // A report whose head cannot be read is passed over; one half stitched spoils the index.
      if (first) this.skipped.add(name);
      else this.broken = name;
      throw err;
    }
    if (part.head) {
      this.store.begin(part.head);
      this.heads.push(bytes);
      if (of.key) this.keys.push(of.key);
      if (of.fromSnapshot) this.fromSnapshot++;
    }
    this.store.addFacts(part);
  }
}

let lastIntents: { dir: string; hash: string; intents: Promise<Intents> } | undefined;

/** The intents, loaded again only when their files changed: loading them holds this thread for 100 ms or more. */
function intentsOf(dir: string, hash: string): Promise<Intents> {
  if (lastIntents?.dir !== dir || lastIntents.hash !== hash) {
    const intents = loadIntents(dir);
    // A failed load is not kept: the next build tries again.
    intents.catch(() => (lastIntents = undefined));
    lastIntents = { dir, hash, intents };
  }
  return lastIntents.intents;
}

/**
 * A worker that builds (or reads back) the corpus index, started at once so its start overlaps
 * the reading; `build` hands it the reports' heads without a copy. `stop` ends it unused.
 */
function corpusWorker(): { build(heads: Uint8Array[], file: string | undefined): Promise<CorpusIndexData>; stop(): void } {
  const worker = new Worker(BOOT, { workerData: { entry: INDEX_ENTRY } });
  let done = false;
  const result = new Promise<CorpusIndexData>((resolve, reject) => {
    worker.once('message', (corpus: CorpusIndexData) => {
      done = true;
      resolve(corpus);
      void worker.terminate();
    });
    worker.once('error', (err) => reject(new Error(`building the search index failed: ${err.message}`)));
    worker.once('exit', (code) => done || reject(new Error(`building the search index stopped (exit code ${code})`)));
  });
  result.catch(() => undefined);
  return {
    build(heads, file) {
      const own = heads.map((b) => ownBytes(b));
      worker.postMessage({ heads: own, ...(file ? { file } : {}) }, own.map((b) => b.buffer as ArrayBuffer));
      return result;
    },
    stop() {
      done = true;
      void worker.terminate();
    },
  };
}

/**
 * A report read in a worker: its file, its prepared parts and the name of its snapshot, if kept;
 * `taken()` tells the worker it may post another (see IN_FLIGHT in worker-protocol.ts).
 */
export type Prepared = { name: string; parts: Uint8Array[]; key?: string; fromSnapshot?: boolean; taken(): void };

export type OnReport = (report: Prepared) => void;

/** Reads and prepares the named reports in worker threads, one file at a time, a new worker after one dies. */
export async function extractInWorkers(job: Omit<BuildJob, 'entry' | 'inFlight'> & { entry?: string; inFlight?: number }, limits: BuildLimits, onReport?: OnReport): Promise<{ reports: PreparedReport[]; failures: LoadProblem[] }> {
  const reports: PreparedReport[] = [];
  const failures: LoadProblem[] = [];
  const take: OnReport =
    onReport ??
    (({ parts, taken }) => {
      try {
        reports.push(unpackReport(parts));
      } finally {
        taken();
      }
    });
  let names = job.names;
  while (names.length) names = await readInWorker({ ...job, entry: job.entry ?? ENTRY, inFlight: job.inFlight ?? IN_FLIGHT, names }, limits, take, failures);
  return { reports, failures };
}

/** Runs one worker over the names; resolves with the names still unread when it had to stop on one. */
function readInWorker(job: BuildJob, limits: BuildLimits, onReport: OnReport, failures: LoadProblem[]): Promise<string[]> {
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
      // A stopped worker's messages still arrive: the file it was blamed for, or the next one,
      // must not be stitched after a new worker took over.
      if (finished) return;
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
      clearTimeout(timer);
      current = undefined;
      settled++;
      if (m.type === 'failed') return void failures.push({ file: m.name, reason: m.reason });
      const taken = () => (finished ? undefined : worker.postMessage('taken'));
      try {
        onReport({ ...m, taken });
      } catch (err) {
        taken();
        failures.push({ file: m.name, reason: `its prepared data could not be read: ${err instanceof Error ? err.message : String(err)}` });
      }
    });
    worker.on('error', (err: Error & { code?: string }) =>
      stopOn(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `reading it needed more than ${limits.memoryMb} MB (BUILD_MEMORY_MB); split the report or raise the limit` : `reading it failed: ${err.message}`),
    );
    worker.on('exit', (code) => stopOn(`the reader stopped (exit code ${code})`));
  });
}
