/** Remembers message ids for a while, so a redelivered message is handled once. */
export interface SeenMessages {
  /** True the first time an id is seen within the TTL; false for every repeat. */
  firstSighting(id: string): Promise<boolean>;
}

/** In-process memory with expiry; bounded so a flood of ids cannot exhaust memory. */
export class MemorySeenMessages implements SeenMessages {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly ttlMs = 24 * 3600_000,
    private readonly max = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async firstSighting(id: string): Promise<boolean> {
    const t = this.now();
    const at = this.seen.get(id);
    if (at !== undefined && t - at < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, t);
    if (this.seen.size > this.max) {
      // Oldest first: a Map iterates in insertion order.
      for (const [key, when] of this.seen) {
        if (this.seen.size <= this.max * 0.9 && t - when < this.ttlMs) break;
        this.seen.delete(key);
      }
    }
    return true;
  }
}
