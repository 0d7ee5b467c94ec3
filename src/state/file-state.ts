import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LockBusyError, type ClaimOptions, type PushClaim, type PushRecord, type ReloadRecord, type StateStore, type Subscription } from './state.js';

interface PushMark {
  /** claimed, then sending (fact recorded, send under way) under a lease; sent; unknown (cut off). */
  status: 'claimed' | 'sending' | 'sent' | 'unknown';
  owner: string;
  until: number;
  /** While sending, and once unknown: the fact, and when its send began. */
  factKey?: string;
  sendingAt?: number;
}

interface Persisted {
  version: 1;
  subscriptions: Subscription[];
  /** `${day}|${target}` → a live claim, a send under way or cut off, or a sent mark. */
  pushes: Record<string, PushMark>;
  history: PushRecord[];
  seenFacts: Record<string, string[]>;
  reloads: ReloadRecord[];
}

const EMPTY: Persisted = { version: 1, subscriptions: [], pushes: {}, history: [], seenFacts: {}, reloads: [] };
const HISTORY_MAX = 1000;

/**
 * State in files under DATA_DIR, for one process: state.json (subscriptions, pushes, history) and
 * seen-messages.json (de-duplication). Writes go to a temporary file renamed over the old one, so a
 * crash leaves the previous version whole; claims and "sending" marks are on disk before a push is
 * sent.
 */
export class FileState implements StateStore {
  readonly kind = 'file' as const;
  private data: Persisted = structuredClone(EMPTY);
  private seen = new Map<string, number>();
  private writing: Promise<void> = Promise.resolve();
  private seenTimer: NodeJS.Timeout | undefined;
  private readonly locks = new Set<string>();
  private readonly handlers = new Map<string, ((m: string) => void)[]>();

  private constructor(
    private readonly dir: string,
    private readonly now: () => number,
  ) {}

  static async open(dir: string, now: () => number = Date.now): Promise<FileState> {
    const s = new FileState(dir, now);
    await mkdir(dir, { recursive: true });
    s.data = { ...structuredClone(EMPTY), ...(await readJson<Partial<Persisted>>(join(dir, 'state.json'), {})) };
    const seen = await readJson<Record<string, number>>(join(dir, 'seen-messages.json'), {});
    const t = now();
    for (const [id, until] of Object.entries(seen)) if (until > t) s.seen.set(id, until);
    // Claims since the last snapshot: the journal being compacted, then the current one.
    for (const name of [JOURNAL_COMPACTING, JOURNAL]) for (const [id, until] of await readJournal(join(dir, name))) if (until > t) s.seen.set(id, until);
    return s;
  }

  async firstSighting(id: string, ttlMs: number): Promise<boolean> {
    const t = this.now();
    const until = this.seen.get(id);
    if (until !== undefined && until > t) return false;
    this.seen.set(id, t + ttlMs);
    if (this.seen.size > 200_000) for (const [k, u] of this.seen) if (u <= t || this.seen.size > 180_000) this.seen.delete(k);
    // The claim is on disk before the platform is answered: one line appended, which a killed
    // process does not lose. The whole set is rewritten now and then, and the journal emptied.
    appendFileSync(join(this.dir, JOURNAL), `${JSON.stringify(id)}\t${t + ttlMs}\n`);
    this.seenTimer ??= setTimeout(() => void this.flushSeen(), SNAPSHOT_EVERY_MS);
    return true;
  }

  async subscriptions(): Promise<Subscription[]> {
    return structuredClone(this.data.subscriptions);
  }

  async subscribe(sub: Subscription): Promise<boolean> {
    const i = this.data.subscriptions.findIndex((s) => s.target === sub.target);
    if (i >= 0) this.data.subscriptions[i] = sub;
    else this.data.subscriptions.push(sub);
    await this.save();
    return i < 0;
  }

  async unsubscribe(target: string): Promise<boolean> {
    const before = this.data.subscriptions.length;
    this.data.subscriptions = this.data.subscriptions.filter((s) => s.target !== target);
    await this.save();
    return this.data.subscriptions.length < before;
  }

  async claimPush(target: string, day: string, owner: string, leaseMs: number, opts: ClaimOptions = {}): Promise<PushClaim> {
    const key = `${day}|${target}`;
    const cur = this.data.pushes[key];
    const now = this.now();
    if (cur?.status === 'sent') return { ok: false, why: 'sent' };
    if (cur && (cur.status === 'claimed' || cur.status === 'sending') && cur.until > now) return { ok: false, why: 'held' };
    const cutOff = cur && (cur.status === 'sending' || cur.status === 'unknown') && cur.factKey !== undefined ? { factKey: cur.factKey, at: cur.sendingAt ?? 0 } : undefined;
    if (cutOff && opts.resendCutOffWithinMs !== undefined && now - cutOff.at < opts.resendCutOffWithinMs) {
      // Still "sending" that fact: a holder that dies before its own send leaves it cut off as before.
      this.data.pushes[key] = { status: 'sending', owner, until: now + leaseMs, factKey: cutOff.factKey, sendingAt: cutOff.at };
      await this.save();
      return { ok: true, resumed: cutOff.factKey };
    }
    if (cutOff) {
      if (cur!.status === 'unknown') return { ok: false, why: 'unknown', factKey: cutOff.factKey, found: false };
      this.data.pushes[key] = { status: 'unknown', owner: '', until: Number.MAX_SAFE_INTEGER, factKey: cutOff.factKey, sendingAt: cutOff.at };
      await this.save();
      return { ok: false, why: 'unknown', factKey: cutOff.factKey, found: true };
    }
    this.data.pushes[key] = { status: 'claimed', owner, until: now + leaseMs };
    await this.save();
    return { ok: true };
  }

  async markPushSending(target: string, day: string, owner: string, factKey: string): Promise<void> {
    const key = `${day}|${target}`;
    const now = this.now();
    this.data.pushes[key] = { status: 'sending', owner, until: this.data.pushes[key]?.until ?? now, factKey, sendingAt: now };
    await this.save();
  }

  async markPushSent(target: string, day: string): Promise<void> {
    this.data.pushes[`${day}|${target}`] = { status: 'sent', owner: '', until: Number.MAX_SAFE_INTEGER };
    this.prunePushes(day);
    await this.save();
  }

  async releasePush(target: string, day: string): Promise<void> {
    const key = `${day}|${target}`;
    const status = this.data.pushes[key]?.status;
    if (status === 'claimed' || status === 'sending') delete this.data.pushes[key];
    await this.save();
  }

  async pushDone(target: string, day: string): Promise<boolean> {
    return this.data.pushes[`${day}|${target}`]?.status === 'sent';
  }

  async recordPush(rec: PushRecord): Promise<void> {
    this.data.history = [rec, ...this.data.history].slice(0, HISTORY_MAX);
    await this.save();
  }

  async pushHistory(limit = 50): Promise<PushRecord[]> {
    return this.data.history.slice(0, limit);
  }

  async seenFacts(target: string): Promise<Set<string>> {
    return new Set(this.data.seenFacts[target] ?? []);
  }

  async markFactSeen(target: string, factKey: string): Promise<void> {
    (this.data.seenFacts[target] ??= []).push(factKey);
    await this.save();
  }

  async resetSeenFacts(target: string): Promise<void> {
    delete this.data.seenFacts[target];
    await this.save();
  }

  async recordReload(r: ReloadRecord): Promise<void> {
    this.data.reloads = [r, ...this.data.reloads].slice(0, 100);
    await this.save();
  }

  async reloads(limit = 10): Promise<ReloadRecord[]> {
    return this.data.reloads.slice(0, limit);
  }

  async withLock<T>(name: string, _ttlMs: number, fn: () => Promise<T>): Promise<T> {
    if (this.locks.has(name)) throw new LockBusyError(name);
    this.locks.add(name);
    try {
      return await fn();
    } finally {
      this.locks.delete(name);
    }
  }

  async publish(channel: string, message: string): Promise<void> {
    for (const h of this.handlers.get(channel) ?? []) h(message);
  }

  async onMessage(channel: string, handler: (message: string) => void): Promise<void> {
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
  }

  async close(): Promise<void> {
    await this.flushSeen();
    await this.writing;
  }

  /** Keeps push marks of the last few days only. */
  private prunePushes(today: string): void {
    for (const key of Object.keys(this.data.pushes)) if (key.split('|')[0]! < shiftDay(today, -7)) delete this.data.pushes[key];
  }

  private save(): Promise<void> {
    const snapshot = JSON.stringify(this.data);
    this.writing = this.writing.then(() => atomicWrite(join(this.dir, 'state.json'), snapshot));
    return this.writing;
  }

  private async flushSeen(): Promise<void> {
    if (this.seenTimer) clearTimeout(this.seenTimer);
    this.seenTimer = undefined;
    // The journal is set aside as the snapshot is taken (in one synchronous step, so no claim
    // falls between): later claims go to a new journal, and the old one is dropped only once the
    // snapshot holding its claims is written.
    this.writing = this.writing.then(async () => {
      setAsideJournal(join(this.dir, JOURNAL), join(this.dir, JOURNAL_COMPACTING));
      await atomicWrite(join(this.dir, 'seen-messages.json'), JSON.stringify(Object.fromEntries(this.seen)));
      await rm(join(this.dir, JOURNAL_COMPACTING), { force: true });
    });
    await this.writing;
  }
}

/** Claims appended since the last snapshot of seen ids, and the one being compacted. */
const JOURNAL = 'seen-messages.journal';
const JOURNAL_COMPACTING = 'seen-messages.journal.old';
const SNAPSHOT_EVERY_MS = 2000;

/** Moves the journal's lines onto the one being compacted (one a crash left behind, or a new one). */
function setAsideJournal(journal: string, compacting: string): void {
  if (!existsSync(journal)) return;
  if (!existsSync(compacting)) return renameSync(journal, compacting);
  appendFileSync(compacting, readFileSync(journal));
  writeFileSync(journal, '');
}

/** A journal's claims; a line cut short by a crash is skipped. */
async function readJournal(path: string): Promise<[string, number][]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: [string, number][] = [];
  for (const line of text.split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (tab < 0) continue;
    try {
      const id = JSON.parse(line.slice(0, tab)) as unknown;
      const until = Number(line.slice(tab + 1));
      if (typeof id === 'string' && Number.isFinite(until)) out.push([id, until]);
    } catch {
      // cut short
    }
  }
  return out;
}

async function atomicWrite(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

async function readJson<T>(path: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw new Error(`${path} is not readable state (${(err as Error).message}); move it aside to start afresh`);
  }
}

export function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
