import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Message ids are claimed in a worker thread with its own connection to state.db, not on the event
// loop. A claim is a microsecond insert, but every 1,000 pages of WAL SQLite copies the WAL into
// state.db inside the commit that filled it and fsyncs both files (a checkpoint): 1–5 ms on a quiet
// disk, tens of milliseconds on a busy one, measured here. On the event loop that stalls every
// acknowledgement under way; in the worker it delays only the claims queued behind it. The claim is
// committed before the worker answers, so it is on its way to disk before the platform gets its 200.
// The worker also checkpoints every second (PASSIVE: it never waits for or blocks a writer), so what
// the main connection writes (push claims, sweeps; it never checkpoints itself) is copied too.

const CHECKPOINT_EVERY_MS = 1000;

// CommonJS, evaluated in the worker: better-sqlite3 is handed over by its resolved path, so this
// runs the same under tsx and compiled.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 2000');
// A day's ids and their expiry index (~16 MB at 200,000) stay in SQLite's cache (default 2 MB).
db.pragma('cache_size = -16384');
// Its own checkpoints (SQLite's default, every 1,000 pages) run here, off the event loop.
const claim = db.prepare(workerData.claimSql);
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ n: m.n, first: claim.run(m.id, m.until, m.now).changes === 1 });
  } catch (err) {
    parentPort.postMessage({ n: m.n, error: String(err && err.message || err) });
  }
});
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage({ n: -1, error: String(err && err.message || err) }); }
}, workerData.everyMs);
`;

interface Reply {
  n: number;
  first?: boolean;
  error?: string;
}

/** Claims seen ids in a worker thread; `claim` rejects when the worker fails or has stopped. */
export class SeenWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (first: boolean) => void; reject: (err: Error) => void }>();
  private seq = 0;
  private gone: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(path: string, claimSql: string, onError: (why: string) => void) {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    // A small heap: it holds a connection and a statement (~5 MB of RSS so, ~7 MB with V8 defaults).
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { path, module, claimSql, everyMs: CHECKPOINT_EVERY_MS },
      resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
    });
    // Kept alive by claims waiting, never by itself: a state not closed must not hold a CLI or a test open.
    this.worker.unref();
    this.worker.on('message', (r: Reply) => {
      if (r.n < 0) return onError(r.error ?? 'checkpoint failed');
      const p = this.pending.get(r.n);
      this.pending.delete(r.n);
      if (!this.pending.size) this.worker.unref();
      if (r.error !== undefined) p?.reject(new Error(`state.db: ${r.error}`));
      else p?.resolve(r.first === true);
    });
    this.worker.on('error', (err) => {
      onError(err.message);
      this.fail(new Error(`state.db writer stopped: ${err.message}`));
    });
    this.exited = new Promise<void>((r) => this.worker.once('exit', () => (this.fail(new Error('state.db writer stopped')), r())));
  }

  /** False once the worker has stopped (the caller claims on its own connection then). */
  get alive(): boolean {
    return this.gone === undefined;
  }

  claim(id: string, until: number, now: number): Promise<boolean> {
    if (this.gone) return Promise.reject(this.gone);
    const n = this.seq++;
    if (!this.pending.size) this.worker.ref();
    return new Promise<boolean>((resolve, reject) => {
      this.pending.set(n, { resolve, reject });
      this.worker.postMessage({ n, id, until, now });
    });
  }

  /** Stops the worker once the claims sent have been answered; resolves when its connection is closed. */
  stop(): Promise<void> {
    if (!this.gone) {
      this.worker.ref();
      this.worker.postMessage('stop');
    }
    return this.exited;
  }

  private fail(err: Error): void {
    this.gone ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
