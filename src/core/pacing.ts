import { setLast, sweepFront } from './recency.js';

/**
 * Runs tasks one at a time per key (a chat), at least `intervalMs` apart, so sends to one group stay
 * under the platform's per-group rate while other groups go on in parallel. A key's last start is
 * forgotten once the interval has passed (it no longer delays anything).
 */
export class KeyedPacer {
  private readonly tails = new Map<string, Promise<void>>();
  /** When each key last started a task, in that order. */
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** How many keys hold state (for tests and metrics). */
  get size(): number {
    return new Set([...this.tails.keys(), ...this.last.keys()]).size;
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(async () => {
      const wait = (this.last.get(key) ?? -Infinity) + this.intervalMs - this.now();
      if (wait > 0) await this.sleep(wait);
      const t = this.now();
      setLast(this.last, key, t);
      sweepFront(this.last, (at) => t - at >= this.intervalMs);
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

/**
 * A sliding-window limit: at most `limit` tasks per `windowMs` per key (WeCom: 20 a minute). A key
 * whose last task started a whole window ago is forgotten.
 */
export class WindowPacer {
  /** Each key's start times within the window, keys in order of their last start. */
  private readonly times = new Map<string, number[]>();
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** How many keys hold state (for tests and metrics). */
  get size(): number {
    return new Set([...this.chains.keys(), ...this.times.keys()]).size;
  }

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
      const t = this.now();
      list.push(t);
      setLast(this.times, key, list);
      sweepFront(this.times, (l) => t - l[l.length - 1]! >= this.windowMs);
      return task();
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(key, tail);
    void tail.then(() => {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    });
    return result;
  }
}
