/** A chat or webhook subscribed to the daily fact, with its optional filters. */
export interface Subscription {
  /** feishu:oc_… (app chat), feishu-hook:<url>, wecom-hook:<key>, wecom:<chatid> (intelligent robot). */
  target: string;
  region?: string;
  topic?: string;
  format?: 'auto' | 'markdown' | 'text';
  /** For Feishu custom-bot webhooks: the signing secret. */
  secret?: string;
  addedBy?: string;
  addedAt: string;
  source: 'chat' | 'file';
}

export interface PushRecord {
  target: string;
  day: string;
  status: 'sent' | 'failed';
  factKey?: string;
  at: string;
  attempts: number;
  error?: string;
  by: string;
}

export interface ReloadRecord {
  at: string;
  by: string;
  ok: boolean;
  summary: string;
}

export class LockBusyError extends Error {
  constructor(readonly lock: string) {
    super(`${lock} is already running elsewhere; try again when it is done`);
    this.name = 'LockBusyError';
  }
}

/**
 * Everything the bot must remember across restarts and share across replicas. Two
 * implementations: files under DATA_DIR (one process), and Redis (several replicas).
 */
export interface StateStore {
  readonly kind: 'file' | 'redis';
  /** True the first time an id is seen within ttlMs, in any replica; false for repeats. */
  firstSighting(id: string, ttlMs: number): Promise<boolean>;

  subscriptions(): Promise<Subscription[]>;
  /** Adds or updates a chat's subscription; false when it was already subscribed. */
  subscribe(sub: Subscription): Promise<boolean>;
  unsubscribe(target: string): Promise<boolean>;

  /**
   * Claims the push of `day` to `target` for `leaseMs`. False when it was sent already, or another
   * process holds a live claim. A claim whose holder died lapses with its lease.
   */
  claimPush(target: string, day: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Marks the push of the day done: no later claim succeeds. */
  markPushSent(target: string, day: string): Promise<void>;
  /** Gives a claim back after a failed send, so a later run may retry. */
  releasePush(target: string, day: string): Promise<void>;
  pushDone(target: string, day: string): Promise<boolean>;
  recordPush(rec: PushRecord): Promise<void>;
  pushHistory(limit?: number): Promise<PushRecord[]>;

  seenFacts(target: string): Promise<Set<string>>;
  markFactSeen(target: string, factKey: string): Promise<void>;
  resetSeenFacts(target: string): Promise<void>;

  recordReload(r: ReloadRecord): Promise<void>;
  reloads(limit?: number): Promise<ReloadRecord[]>;

  /** Runs fn holding a named lock across processes; LockBusyError when it is held. */
  withLock<T>(name: string, ttlMs: number, fn: () => Promise<T>): Promise<T>;

  /** Signals to every replica (a reload); with file state, to this process only. */
  publish(channel: string, message: string): Promise<void>;
  onMessage(channel: string, handler: (message: string) => void): Promise<void>;

  close(): Promise<void>;
}
