import { Cron } from 'croner';
import type { Logger } from 'pino';
import { dayIn } from './daily.js';

/**
 * Runs the daily push on PUSH_CRON in PUSH_TZ. At start it catches up: if today's run time has
 * passed, it runs now (claims make that a no-op where the push was already sent), so a restart at
 * 09:01 neither skips nor repeats the day, and one at 08:59 waits for 09:00.
 */
export class PushScheduler {
  private job?: Cron;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly opts: {
      cron: string;
      timeZone: string;
      run: (day: string, reason: 'schedule' | 'catch-up') => Promise<unknown>;
      log: Logger;
      now?: () => Date;
    },
  ) {}

  /** Validates a cron pattern, with an error that names the setting. */
  static check(cron: string, timeZone: string): void {
    try {
      new Cron(cron, { timezone: timeZone, paused: true }).stop();
    } catch (err) {
      throw new Error(`PUSH_CRON "${cron}" / PUSH_TZ "${timeZone}": ${(err as Error).message}`);
    }
  }

  async start(): Promise<void> {
    const now = this.opts.now?.() ?? new Date();
    const probe = new Cron(this.opts.cron, { timezone: this.opts.timeZone, paused: true });
    const last = probe.previousRuns(1, now)[0];
    probe.stop();
    const today = dayIn(now, this.opts.timeZone);
    if (last && dayIn(last, this.opts.timeZone) === today) {
      this.opts.log.info({ day: today }, 'daily push time has passed today; catching up');
      await this.fire('catch-up', now);
    }
    this.job = new Cron(this.opts.cron, { timezone: this.opts.timeZone, protect: true }, async () => {
      await this.fire('schedule', this.opts.now?.() ?? new Date());
    });
    const next = this.job.nextRun();
    this.opts.log.info({ cron: this.opts.cron, tz: this.opts.timeZone, next: next?.toISOString() }, 'daily push scheduled');
  }

  stop(): void {
    this.job?.stop();
  }

  /** Resolves when the run under way, if any, is done. */
  idle(): Promise<void> {
    return this.running;
  }

  private fire(reason: 'schedule' | 'catch-up', at: Date): Promise<void> {
    const day = dayIn(at, this.opts.timeZone);
    this.running = this.running.then(async () => {
      try {
        await this.opts.run(day, reason);
      } catch (err) {
        this.opts.log.error({ day, reason, err: String(err) }, 'daily push run failed');
      }
    });
    return this.running;
  }
}
