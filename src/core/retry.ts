/** What a failed platform call says about trying again. */
export interface RetryVerdict {
  retry: boolean;
  /** The platform's own hint, e.g. Feishu's x-ogw-ratelimit-reset, in milliseconds. */
  afterMs?: number;
}

export interface RetryOptions {
  attempts: number;
  baseMs: number;
  maxMs: number;
  classify: (err: unknown) => RetryVerdict;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (err: unknown, attempt: number, waitMs: number) => void;
}

/** Calls `fn` until it succeeds, the error is not worth retrying, or the attempts run out. */
export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const verdict = opts.classify(err);
      if (!verdict.retry || attempt >= opts.attempts) throw err;
      const backoff = Math.min(opts.maxMs, opts.baseMs * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
      const wait = Math.min(opts.maxMs, verdict.afterMs ?? backoff);
      opts.onRetry?.(err, attempt, wait);
      await sleep(wait);
    }
  }
}
