/**
 * Runs tasks one at a time per key (a chat), at least `intervalMs` apart, so sends to one group stay
 * under the platform's per-group rate while other groups go on in parallel.
 */
export class KeyedPacer {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(async () => {
      const wait = (this.last.get(key) ?? -Infinity) + this.intervalMs - this.now();
      if (wait > 0) await this.sleep(wait);
      this.last.set(key, this.now());
      return task();
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** A sliding-window limit: at most `limit` tasks per `windowMs` per key (WeCom: 20 a minute). */
export class WindowPacer {
  private readonly times = new Map<string, number[]>();
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const result = previous.then(async () => {
      const list = this.times.get(key) ?? [];
      for (;;) {
        const t = this.now();
        while (list.length && t - list[0]! >= this.windowMs) list.shift();
        if (list.length < this.limit) break;
        await this.sleep(list[0]! + this.windowMs - t);
      }
      list.push(this.now());
      this.times.set(key, list);
      return task();
    });
    this.chains.set(
      key,
      result.then(
        () => undefined,
        () => undefined,
      ),
    );
    return result;
  }
}
