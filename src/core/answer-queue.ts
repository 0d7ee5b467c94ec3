/**
 * Answers waiting to be worked out, and those under way (working, or waiting on their reply),
 * bounded. The platform is acknowledged before a message's answer starts: jobs are taken off the
 * queue in slices of at most `sliceMs` on setImmediate, so the acknowledgements of deliveries that
 * arrive meanwhile go out between slices instead of behind every answer.
 *
 * The bound counts jobs under way as well as waiting ones: when Feishu is slow, replies pile up in
 * flight, and that is memory as much as a waiting job is.
 */
export class AnswerQueue {
  private readonly waiting: ({ job: () => Promise<void>; settle: () => void } | undefined)[] = [];
  /** Index of the next waiting job: shifting an array is O(n), so the front is a cursor. */
  private head = 0;
  /** Every job offered and not yet settled, waiting or running: what drain() waits for. */
  private readonly pending = new Set<Promise<void>>();
  private scheduled = false;

  constructor(
    private readonly max: number,
    private readonly sliceMs = 5,
  ) {
    if (!(max >= 1)) throw new Error(`an answer queue needs room for at least one answer (max=${max})`);
  }

  /** Jobs waiting or under way. */
  get size(): number {
    return this.pending.size;
  }

  get full(): boolean {
    return this.pending.size >= this.max;
  }

  /**
   * Queues a job. Refused (false) when the queue is full, unless `force`: a message already
   * claimed is answered even past the bound, which it exceeds at most by the claims in flight
   * when it filled (each held by an open delivery, so bounded by the server's connections).
   */
  offer(job: () => Promise<void>, force = false): boolean {
    if (this.full && !force) return false;
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
    this.waiting.push({ job, settle });
    this.schedule();
    return true;
  }

  /** Resolves once every job offered so far, and any they offered, has settled. */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.slice());
  }

  /** Starts waiting jobs until the slice's time is up; each runs to its first await here. */
  private slice(): void {
    this.scheduled = false;
    const until = performance.now() + this.sliceMs;
    while (this.head < this.waiting.length) {
      const { job, settle } = this.waiting[this.head]!;
      this.waiting[this.head++] = undefined;
      let run: Promise<void>;
      try {
        run = job();
      } catch {
        run = Promise.resolve();
      }
      // Jobs log their own failures; a rejection here must only not go unhandled.
      void run.then(settle, settle);
      if (performance.now() >= until) break;
    }
    if (this.head >= this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
    } else {
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      this.schedule();
    }
  }
}
