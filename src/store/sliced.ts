import type { LoadProblem } from '../reports/load.js';

/** Time one slice may hold the thread before answers get their turn. */
export const SLICE_MS = 4;

/**
 * Work items done in slices of at most SLICE_MS, yielding to the event loop between slices: a
 * worker's messages come in bursts that would otherwise be handled in one long turn.
 */
export class Sliced<T extends { name: string }> {
  private readonly queue: T[] = [];
  private next = 0;
  private running = false;
  private idle: (() => void) | undefined;
  private readonly failures: LoadProblem[] = [];

  constructor(
    private readonly each: (item: T) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(item: T): void {
    this.queue.push(item);
    if (!this.running) {
      this.running = true;
      setImmediate(() => this.slice());
    }
  }

  /** Resolves, with the items that could not be done, once every item pushed is done. */
  drained(): Promise<LoadProblem[]> {
    return this.running ? new Promise<void>((r) => (this.idle = r)).then(() => this.failures) : Promise.resolve(this.failures);
  }

  private slice(): void {
    const until = this.now() + SLICE_MS;
    while (this.next < this.queue.length && this.now() < until) {
      const item = this.queue[this.next]!;
      this.queue[this.next++] = undefined as unknown as T;
      try {
        this.each(item);
      } catch (err) {
        this.failures.push({ file: item.name, reason: `its prepared data could not be read: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    if (this.next < this.queue.length) return void setImmediate(() => this.slice());
    this.queue.length = this.next = 0;
    this.running = false;
    this.idle?.();
    this.idle = undefined;
  }
}
