import { sweepFront } from './recency.js';

/** One key's state: the times of its last `limit` accepted events, as a ring, and when it was last told. */
interface Window {
  /** Accepted times, oldest at `head` once the ring is full; grows to `limit` entries at most. */
  times: number[];
  head: number;
  toldAt?: number;
  /** The last check of this key, accepted or not. */
  seenAt: number;
}

/**
 * A sliding window per key (one minute by default). `check` says whether one more event fits, and
 * whether this is the first refusal of the window (the one worth telling the sender about).
 *
 * Each check costs O(1): a key keeps the times of its last `limit` accepted events in a ring, and
 * one more fits when the oldest of them has left the window. Keys are held in order of their last
 * check, so the keys idle for a whole window (whose state is then the same as a new key's) are
 * dropped from the front as they pass.
 */
export class RateLimiter {
  private readonly keys = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many keys hold state (for tests and metrics). */
  get size(): number {
    return this.keys.size;
  }

  check(key: string): { ok: boolean; tell: boolean } {
    const t = this.now();
    const w = this.touch(key, t);
    if (w.times.length < this.limit) {
      w.times.push(t);
      return { ok: true, tell: false };
    }
    if (t - w.times[w.head]! >= this.windowMs) {
      w.times[w.head] = t;
      w.head = (w.head + 1) % this.limit;
      return { ok: true, tell: false };
    }
    const tell = w.toldAt === undefined || t - w.toldAt >= this.windowMs;
    if (tell) w.toldAt = t;
    return { ok: false, tell };
  }

  /** The key's window, moved to the back of the map; keys idle for a window are dropped from the front. */
  private touch(key: string, t: number): Window {
    const w = this.keys.get(key) ?? { times: [], head: 0, seenAt: t };
    this.keys.delete(key);
    sweepFront(this.keys, (idle) => t - idle.seenAt >= this.windowMs);
    w.seenAt = t;
    this.keys.set(key, w);
    return w;
  }
}
