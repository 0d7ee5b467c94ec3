import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SettingError } from '../config.js';
import { importOldFiles, type ImportCounts } from './file-import.js';
import { SeenWriter } from './sqlite-writer.js';
import { migrate } from './sqlite-schema.js';
import { LockBusyError, type ClaimOptions, type PushClaim, type PushRecord, type ReloadRecord, type StateStore, type Subscription } from './state.js';

const HISTORY_MAX = 1000;
const RELOADS_MAX = 100;
/** Expired seen ids are deleted this many at a time (~0.5 ms a batch here), so a sweep never stalls the loop. */
const SWEEP_BATCH = 500;
const SWEEP_EVERY_MS = 1000;
/** Inserts a new id, or takes over an expired one; no change when the id is live. */
const CLAIM_SEEN = 'INSERT INTO seen (id, until) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET until = excluded.until WHERE seen.until <= ?';

interface PushRow {
  status: 'claimed' | 'sending' | 'sent' | 'unknown';
  owner: string;
  until: number;
  fact_key: string | null;
  sending_at: number | null;
}

export interface SqliteStateOptions {
  now?: () => number;
  /** How often expired seen ids are swept (tests); 0 never. */
  sweepEveryMs?: number;
  /** Told what was imported from the old JSON files, the one time it happens. */
  onImport?: (counts: ImportCounts) => void;
  /** Told why the thread that claims message ids failed (claims then run on the event loop). */
  onWriterError?: (why: string) => void;
}

/**
 * State in DATA_DIR/state.db (SQLite, WAL), for the processes of one machine: the server and
 * `npm run push` may share it, and claims and locks exclude each other across them. Every call is one
 * indexed statement or a short transaction, so the cost per message does not grow with the ids held.
 */
export class SqliteState implements StateStore {
  readonly kind = 'sqlite' as const;
  private readonly locks = new Set<string>();
  private readonly handlers = new Map<string, ((m: string) => void)[]>();
  private readonly token = randomBytes(6).toString('hex');
  private sweepTimer: NodeJS.Timeout | undefined;
  private writer: SeenWriter | undefined;
  private closed = false;
  private fellBack = false;
  private readonly q: ReturnType<typeof statements>;

  private constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
  ) {
    this.q = statements(db);
  }

  /** Opens (creating) DATA_DIR/state.db, importing the old JSON state files the first time. */
  static async open(dir: string, opts: SqliteStateOptions = {}): Promise<SqliteState> {
    const path = join(dir, 'state.db');
    const now = opts.now ?? (() => Date.now());
    let db: Database.Database | undefined;
    try {
      mkdirSync(dir, { recursive: true });
      db = new Database(path);
      // WAL with synchronous=NORMAL: a commit is a write() to the WAL file, no fsync. Once write()
      // returns, the claim is in the kernel's page cache, which a killed process (SIGKILL, out of
      // memory) does not take with it, so a claim acknowledged after its commit survives the
      // process. Only a crash of the machine can lose the last commits (never corrupt the file);
      // FULL would fsync every message for that, at a millisecond or more each.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    } catch (err) {
      db?.close();
      throw new SettingError('DATA_DIR', `DATA_DIR: cannot keep state in ${path} (${(err as Error).message}); make DATA_DIR a writable folder, or move a damaged state.db aside to start afresh`);
    }
    try {
      // Another process (npm run push) writing at the same moment: wait for it, briefly.
      db.pragma('busy_timeout = 2000');
      // Checkpoints (an fsync or two) are the writer thread's (src/state/sqlite-writer.ts).
      db.pragma('wal_autocheckpoint = 0');
      migrate(db, path);
      const counts = importOldFiles(db, dir, now());
      if (counts) opts.onImport?.(counts);
    } catch (err) {
      db.close();
      // These name the file and what to do.
      throw new SettingError('DATA_DIR', `DATA_DIR: ${(err as Error).message}`);
    }
    const s = new SqliteState(db, now);
    s.startSweeping(opts.sweepEveryMs ?? SWEEP_EVERY_MS);
    s.writer = new SeenWriter(path, CLAIM_SEEN, opts.onWriterError ?? (() => {}));
    return s;
  }

  /** Committed (in the writer thread) before it resolves: an acknowledgement after it survives a SIGKILL. */
  async firstSighting(id: string, ttlMs: number): Promise<boolean> {
    const t = this.now();
    if (this.writer?.alive) return this.writer.claim(id, t + ttlMs, t);
    // The writer failed: claims (and checkpoints) on this connection, as SQLite does by default.
    if (!this.fellBack) {
      this.fellBack = true;
      this.db.pragma('wal_autocheckpoint = 1000');
    }
    return this.q.claimSeen.run(id, t + ttlMs, t).changes === 1;
  }

  /** Deletes up to one batch of expired seen ids; how many it deleted. */
  sweepExpired(batch = SWEEP_BATCH): number {
    return this.q.sweepSeen.run(this.now(), batch).changes;
  }

  async subscriptions(): Promise<Subscription[]> {
    return (this.q.subscriptions.all() as string[]).map((j) => JSON.parse(j) as Subscription);
  }

  async subscribe(sub: Subscription): Promise<boolean> {
    return this.db.transaction(() => {
      const json = JSON.stringify(sub);
      if (this.q.addSubscription.run(sub.target, json).changes === 1) return true;
      this.q.updateSubscription.run(json, sub.target);
      return false;
    }).immediate();
  }

  async unsubscribe(target: string): Promise<boolean> {
    return this.q.unsubscribe.run(target).changes === 1;
  }

  async claimPush(target: string, day: string, owner: string, leaseMs: number, opts: ClaimOptions = {}): Promise<PushClaim> {
    // One transaction, taking the write lock first: two processes never both see a free claim.
    return this.db.transaction((): PushClaim => {
      const cur = this.q.push.get(day, target) as PushRow | undefined;
      const now = this.now();
      if (cur?.status === 'sent') return { ok: false, why: 'sent' };
      if (cur && (cur.status === 'claimed' || cur.status === 'sending') && cur.until > now) return { ok: false, why: 'held' };
      const cutOff = cur && (cur.status === 'sending' || cur.status === 'unknown') && cur.fact_key !== null ? { factKey: cur.fact_key, at: cur.sending_at ?? 0 } : undefined;
      if (cutOff && opts.resendCutOffWithinMs !== undefined && now - cutOff.at < opts.resendCutOffWithinMs) {
        // Still "sending" that fact: a holder that dies before its own send leaves it cut off as before.
        this.q.putPush.run(day, target, 'sending', owner, now + leaseMs, cutOff.factKey, cutOff.at);
        return { ok: true, resumed: cutOff.factKey };
      }
      if (cutOff) {
        if (cur!.status === 'unknown') return { ok: false, why: 'unknown', factKey: cutOff.factKey, found: false };
        this.q.putPush.run(day, target, 'unknown', '', Number.MAX_SAFE_INTEGER, cutOff.factKey, cutOff.at);
        return { ok: false, why: 'unknown', factKey: cutOff.factKey, found: true };
      }
      this.q.putPush.run(day, target, 'claimed', owner, now + leaseMs, null, null);
      return { ok: true };
    }).immediate();
  }

  async markPushSending(target: string, day: string, owner: string, factKey: string): Promise<void> {
    this.db.transaction(() => {
      const now = this.now();
      const until = (this.q.push.get(day, target) as PushRow | undefined)?.until ?? now;
      this.q.putPush.run(day, target, 'sending', owner, until, factKey, now);
    }).immediate();
  }

  async markPushSent(target: string, day: string): Promise<void> {
    this.q.putPush.run(day, target, 'sent', '', Number.MAX_SAFE_INTEGER, null, null);
    // Marks of the last week only.
    this.q.prunePushes.run(shiftDay(day, -7));
  }

  async releasePush(target: string, day: string): Promise<void> {
    this.q.releasePush.run(day, target);
  }

  async pushDone(target: string, day: string): Promise<boolean> {
    return (this.q.push.get(day, target) as PushRow | undefined)?.status === 'sent';
  }

  async recordPush(rec: PushRecord): Promise<void> {
    const seq = Number(this.q.addHistory.run(JSON.stringify(rec)).lastInsertRowid);
    this.q.trimHistory.run(seq - HISTORY_MAX);
  }

  async pushHistory(limit = 50): Promise<PushRecord[]> {
    return (this.q.history.all(limit) as string[]).map((j) => JSON.parse(j) as PushRecord);
  }

  async seenFacts(target: string): Promise<Set<string>> {
    return new Set(this.q.seenFacts.all(target) as string[]);
  }

  async markFactSeen(target: string, factKey: string): Promise<void> {
    this.q.markFactSeen.run(target, factKey);
  }

  async resetSeenFacts(target: string): Promise<void> {
    this.q.resetSeenFacts.run(target);
  }

  async recordReload(r: ReloadRecord): Promise<void> {
    const seq = Number(this.q.addReload.run(JSON.stringify(r)).lastInsertRowid);
    this.q.trimReloads.run(seq - RELOADS_MAX);
  }

  async reloads(limit = 10): Promise<ReloadRecord[]> {
    return (this.q.reloads.all(limit) as string[]).map((j) => JSON.parse(j) as ReloadRecord);
  }

  /** Held in this process and in a row another process sees; a holder that died frees it after ttlMs. */
  async withLock<T>(name: string, ttlMs: number, fn: () => Promise<T>): Promise<T> {
    if (this.locks.has(name)) throw new LockBusyError(name);
    const now = this.now();
    const token = `${this.token}:${randomBytes(4).toString('hex')}`;
    if (this.q.lock.run(name, token, now + ttlMs, now).changes !== 1) throw new LockBusyError(name);
    this.locks.add(name);
    try {
      return await fn();
    } finally {
      this.locks.delete(name);
      if (!this.closed) this.q.unlock.run(name, token);
    }
  }

  /** To this process only: replicas share Redis, not a state.db. */
  async publish(channel: string, message: string): Promise<void> {
    for (const h of this.handlers.get(channel) ?? []) h(message);
  }

  async onMessage(channel: string, handler: (message: string) => void): Promise<void> {
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.sweepTimer);
    await this.writer?.stop();
    this.db.close();
  }

  /** Expired ids go a batch at a time, each batch its own turn of the event loop. */
  private startSweeping(everyMs: number): void {
    if (!everyMs) return;
    const sweep = () => {
      if (this.closed) return;
      if (this.sweepExpired() === SWEEP_BATCH) this.sweepTimer = setTimeout(sweep, 0);
      else this.sweepTimer = setTimeout(sweep, everyMs);
      this.sweepTimer.unref();
    };
    this.sweepTimer = setTimeout(sweep, everyMs);
    this.sweepTimer.unref();
  }
}

/** Every statement, prepared once. */
function statements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    claimSeen: p(CLAIM_SEEN),
    sweepSeen: p('DELETE FROM seen WHERE id IN (SELECT id FROM seen WHERE until <= ? ORDER BY until LIMIT ?)'),
    subscriptions: p('SELECT json FROM subscriptions ORDER BY rowid').pluck(),
    addSubscription: p('INSERT OR IGNORE INTO subscriptions (target, json) VALUES (?, ?)'),
    updateSubscription: p('UPDATE subscriptions SET json = ? WHERE target = ?'),
    unsubscribe: p('DELETE FROM subscriptions WHERE target = ?'),
    push: p('SELECT status, owner, until, fact_key, sending_at FROM pushes WHERE day = ? AND target = ?'),
    putPush: p('INSERT OR REPLACE INTO pushes (day, target, status, owner, until, fact_key, sending_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    releasePush: p(`DELETE FROM pushes WHERE day = ? AND target = ? AND status IN ('claimed', 'sending')`),
    prunePushes: p('DELETE FROM pushes WHERE day < ?'),
    addHistory: p('INSERT INTO push_history (json) VALUES (?)'),
    trimHistory: p('DELETE FROM push_history WHERE seq <= ?'),
    history: p('SELECT json FROM push_history ORDER BY seq DESC LIMIT ?').pluck(),
    seenFacts: p('SELECT fact_key FROM seen_facts WHERE target = ?').pluck(),
    markFactSeen: p('INSERT OR IGNORE INTO seen_facts (target, fact_key) VALUES (?, ?)'),
    resetSeenFacts: p('DELETE FROM seen_facts WHERE target = ?'),
    addReload: p('INSERT INTO reloads (json) VALUES (?)'),
    trimReloads: p('DELETE FROM reloads WHERE seq <= ?'),
    reloads: p('SELECT json FROM reloads ORDER BY seq DESC LIMIT ?').pluck(),
    // Takes a lock that is free or whose holder let it lapse (died).
    lock: p('INSERT INTO locks (name, token, until) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET token = excluded.token, until = excluded.until WHERE locks.until <= ?'),
    unlock: p('DELETE FROM locks WHERE name = ? AND token = ?'),
  };
}

export function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
