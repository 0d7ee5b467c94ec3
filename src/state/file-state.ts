import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LockBusyError, type PushRecord, type ReloadRecord, type StateStore, type Subscription } from './state.js';

interface Persisted {
  version: 1;
  subscriptions: Subscription[];
  /** `${day}|${target}` → a live claim or a sent mark. */
  pushes: Record<string, { status: 'claimed' | 'sent'; owner: string; until: number }>;
  history: PushRecord[];
  seenFacts: Record<string, string[]>;
  reloads: ReloadRecord[];
}

const EMPTY: Persisted = { version: 1, subscriptions: [], pushes: {}, history: [], seenFacts: {}, reloads: [] };
const HISTORY_MAX = 1000;

/**
 * State in files under DATA_DIR, for one process: state.json (subscriptions, pushes, history) and
 * seen-messages.json (de-duplication). Writes go to a temporary file renamed over the old one, so a
 * crash leaves the previous version whole; claims are on disk before a push is sent.
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
    return s;
  }

  async firstSighting(id: string, ttlMs: number): Promise<boolean> {
    const t = this.now();
    const until = this.seen.get(id);
    if (until !== undefined && until > t) return false;
    this.seen.set(id, t + ttlMs);
    if (this.seen.size > 200_000) for (const [k, u] of this.seen) if (u <= t || this.seen.size > 180_000) this.seen.delete(k);
    // Seen ids are written in batches: a crash loses at most the last fraction of a second.
    this.seenTimer ??= setTimeout(() => void this.flushSeen(), 200);
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

  async claimPush(target: string, day: string, owner: string, leaseMs: number): Promise<boolean> {
    const key = `${day}|${target}`;
    const cur = this.data.pushes[key];
    if (cur && (cur.status === 'sent' || cur.until > this.now())) return false;
    this.data.pushes[key] = { status: 'claimed', owner, until: this.now() + leaseMs };
    await this.save();
    return true;
  }

  async markPushSent(target: string, day: string): Promise<void> {
    this.data.pushes[`${day}|${target}`] = { status: 'sent', owner: '', until: Number.MAX_SAFE_INTEGER };
    this.prunePushes(day);
    await this.save();
  }

  async releasePush(target: string, day: string): Promise<void> {
    const key = `${day}|${target}`;
    if (this.data.pushes[key]?.status === 'claimed') delete this.data.pushes[key];
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
    const snapshot = JSON.stringify(Object.fromEntries(this.seen));
    this.writing = this.writing.then(() => atomicWrite(join(this.dir, 'seen-messages.json'), snapshot));
    await this.writing;
  }
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
