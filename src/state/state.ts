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
  /** unknown: a send was cut off (its process stopped before the platform answered). */
  status: 'sent' | 'failed' | 'unknown';
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

/**
 * What claiming a day's push found. A send is recorded before it goes out (markPushSending); a
 * claim that lapses with that record still there means the process stopped mid-send, and whether
 * the group got the message is unknown.
 */
export type PushClaim =
  | { ok: true; /** The fact of a cut-off send this claim takes over (to send again). */ resumed?: string }
  | { ok: false; why: 'sent' | 'held' }
  | {
      ok: false;
      why: 'unknown';
      /** The fact the cut-off send carried. */
      factKey: string;
      /** True for the one claim that found the send cut off (and marked it unknown); false after. */
      found: boolean;
    };

export interface ClaimOptions {
  /**
   * Takes over a cut-off send begun less than this long ago, instead of marking it unknown: for a
   * target whose platform drops a repeated send (Feishu chats keep a message uuid for an hour), or
   * on purpose (Infinity). Without it a cut-off send is never resent by a claim.
   */
  resendCutOffWithinMs?: number;
}

export class LockBusyError extends Error {
  constructor(readonly lock: string) {
    super(`${lock} is already running elsewhere; try again when it is done`);
    this.name = 'LockBusyError';
  }
}

/**
 * Everything the bot must remember across restarts and share across replicas. Two
 * implementations: SQLite in DATA_DIR/state.db (the processes of one machine), and Redis (several replicas).
 */
export interface StateStore {
  readonly kind: 'sqlite' | 'redis';
  /** True the first time an id is seen within ttlMs, in any replica; false for repeats. */
  firstSighting(id: string, ttlMs: number): Promise<boolean>;

  subscriptions(): Promise<Subscription[]>;
  /** Adds or updates a chat's subscription; false when it was already subscribed. */
  subscribe(sub: Subscription): Promise<boolean>;
  unsubscribe(target: string): Promise<boolean>;

  /**
   * Claims the push of `day` to `target` for `leaseMs`. Refused when it was sent already, or another
   * process holds a live claim. A claim whose holder died lapses with its lease; if it died
   * mid-send (markPushSending without markPushSent) the push becomes unknown: refused, once with
   * `found`, unless `opts` takes the send over.
   */
  claimPush(target: string, day: string, owner: string, leaseMs: number, opts?: ClaimOptions): Promise<PushClaim>;
  /** Records, under a claim and before the send, which fact is being sent now. */
  markPushSending(target: string, day: string, owner: string, factKey: string): Promise<void>;
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

  /** Signals to every replica (a reload); with SQLite state, to this process only. */
  publish(channel: string, message: string): Promise<void>;
  onMessage(channel: string, handler: (message: string) => void): Promise<void>;

  close(): Promise<void>;
}
