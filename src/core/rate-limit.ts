/**
 * A sliding one-minute window per key. `check` says whether one more event fits, and whether this
 * is the first refusal of the window (the one worth telling the sender about).
 */
export class RateLimiter {
  private readonly events = new Map<string, number[]>();
  private readonly told = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  check(key: string): { ok: boolean; tell: boolean } {
    const t = this.now();
    const list = (this.events.get(key) ?? []).filter((at) => t - at < this.windowMs);
    if (list.length >= this.limit) {
      this.events.set(key, list);
      const toldAt = this.told.get(key);
      const tell = toldAt === undefined || t - toldAt >= this.windowMs;
      if (tell) this.told.set(key, t);
      return { ok: false, tell };
    }
    list.push(t);
    this.events.set(key, list);
    if (this.events.size > 50_000) this.prune(t);
    return { ok: true, tell: false };
  }

  private prune(t: number): void {
    for (const [k, v] of this.events) if (!v.some((at) => t - at < this.windowMs)) this.events.delete(k);
    for (const [k, at] of this.told) if (t - at >= this.windowMs) this.told.delete(k);
  }
}
