import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import { KeyedPacer, WindowPacer } from '../../core/pacing.js';
import { withRetry } from '../../core/retry.js';
import type { FeishuCard } from './render.js';
import { FeishuApiError } from './sender.js';

/** A custom group bot's signature: base64 HMAC-SHA256 keyed by timestamp + "\n" + secret, over nothing. */
export function feishuHookSign(timestamp: number, secret: string): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

/**
 * Pushes cards through Feishu custom group bots (webhook URLs): signed when the bot has a secret,
 * paced under 5 a second and 100 a minute per bot.
 */
export class FeishuHookSender {
  private readonly burst = new KeyedPacer(220);
  private readonly minute = new WindowPacer(100, 60_000);

  constructor(private readonly opts: { log: Logger; sleep?: (ms: number) => Promise<void>; nowSec?: () => number }) {}

  send(url: string, card: FeishuCard, secret?: string): Promise<void> {
    return this.minute.run(url, () =>
      this.burst.run(url, () =>
        withRetry(
          async () => {
            const timestamp = Math.floor(this.opts.nowSec?.() ?? Date.now() / 1000);
            const body = { ...(secret ? { timestamp: String(timestamp), sign: feishuHookSign(timestamp, secret) } : {}), msg_type: 'interactive', card };
            let res: Response;
            try {
              res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
            } catch (err) {
              throw new FeishuApiError('bot webhook', undefined, undefined, (err as Error).message);
            }
            const data = (await res.json().catch(() => ({}))) as { code?: number; msg?: string; StatusCode?: number };
            const code = data.code ?? data.StatusCode ?? 0;
            if (!res.ok || code !== 0) throw new FeishuApiError('bot webhook', res.status, code, code === 19021 ? 'bad signature: check the secret of this webhook' : data.msg);
          },
          {
            attempts: 3,
            baseMs: 500,
            maxMs: 10_000,
            classify: (err) => ({ retry: err instanceof FeishuApiError && (err.httpStatus === undefined || err.httpStatus >= 500 || err.httpStatus === 429 || err.code === 9499) }),
            ...(this.opts.sleep ? { sleep: this.opts.sleep } : {}),
          },
        ),
      ),
    );
  }
}
