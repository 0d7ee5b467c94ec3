import { setLast, sweepFront } from './recency.js';

/** Remembers message ids for a while, so a redelivered message is handled once. */
export interface SeenMessages {
  /** True the first time an id is seen within the TTL; false for every repeat. */
  firstSighting(id: string): Promise<boolean>;
}

/**
 * Ids seen in the last `ttlMs`, at most `max` of them: past the bound the oldest are forgotten
 * first, so a flood of ids cannot exhaust memory. An id's TTL runs from when it was added, as a
 * claim in the state does (SET NX PX).
 */
export class RecentIds {
  /** id → when it expires; a Map iterates in insertion order, so the oldest come first. */
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(max >= 1)) throw new Error(`RecentIds needs room for at least one id (max=${max})`);
  }

  get size(): number {
    return this.until.size;
  }

  has(id: string): boolean {
    const until = this.until.get(id);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.until.delete(id);
    return false;
  }

  /** Remembers an id (again, from now), then forgets the expired and any beyond the bound. */
  add(id: string): void {
    const t = this.now();
    setLast(this.until, id, t + this.ttlMs);
    sweepFront(this.until, (until) => this.until.size > this.max || until <= t);
  }
}

/** In-process memory with expiry; bounded so a flood of ids cannot exhaust memory. */
export class MemorySeenMessages implements SeenMessages {
  private readonly seen: RecentIds;

  constructor(ttlMs = 24 * 3600_000, max = 100_000, now: () => number = Date.now) {
    this.seen = new RecentIds(ttlMs, max, now);
  }

  get size(): number {
    return this.seen.size;
  }

  async firstSighting(id: string): Promise<boolean> {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    return true;
  }
}
