import type { Logger } from 'pino';
import { WindowPacer } from '../../core/pacing.js';
import { withRetry, type RetryVerdict } from '../../core/retry.js';
import type { WeComRendered } from './render.js';

/** A WeCom call that failed, with its errcode and what to do about it. */
export class WeComApiError extends Error {
  constructor(
    readonly call: string,
    readonly httpStatus: number | undefined,
    readonly errcode: number | undefined,
    readonly errmsg: string | undefined,
  ) {
    super(`WeCom ${call} failed: ${httpStatus ? `HTTP ${httpStatus}` : 'no response'}${errcode !== undefined ? `, errcode ${errcode}` : ''}${errmsg ? ` (${errmsg})` : ''}${hint(errcode)}`);
    this.name = 'WeComApiError';
  }
}

function hint(errcode: number | undefined): string {
  switch (errcode) {
    case 93000:
      return '; the webhook URL or key is invalid: copy it again from the group robot settings';
    case 45009:
      return '; over the rate limit (20 messages a minute per robot), retried after a pause';
    case 40058:
    case 44004:
      return '; the message body is not accepted (empty or too long)';
    case 93017:
      return '; the robot was removed from the group';
    default:
      return '';
  }
}

const classify = (err: unknown): RetryVerdict => {
  if (!(err instanceof WeComApiError)) return { retry: false };
  if (err.errcode === 45009) return { retry: true, afterMs: 60_000 };
  if (err.httpStatus === undefined || err.httpStatus >= 500) return { retry: true };
  return { retry: false };
};

export interface PostOptions {
  log: Logger;
  attempts?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** POSTs JSON to a WeCom endpoint, retrying what is worth it; errcode ≠ 0 is an error. */
export async function postWeCom(call: string, url: string, body: unknown, opts: PostOptions): Promise<void> {
  await withRetry(
    async () => {
      let res: Response;
      try {
        res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
      } catch (err) {
        throw new WeComApiError(call, undefined, undefined, (err as Error).message);
      }
      const data = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
      if (!res.ok || (typeof data.errcode === 'number' && data.errcode !== 0)) throw new WeComApiError(call, res.status, data.errcode, data.errmsg);
    },
    {
      attempts: opts.attempts ?? 3,
      baseMs: 500,
      maxMs: 60_000,
      classify,
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
      onRetry: (err, attempt, waitMs) => opts.log.warn({ call, attempt, waitMs, err: String(err) }, 'wecom call failed, retrying'),
    },
  );
}

/** The body for response_url or a group robot: a template card where there is one, else markdown. */
export function messageBody(r: WeComRendered, format: 'auto' | 'markdown' | 'text' = 'auto'): Record<string, unknown> {
  if (format === 'text') return { msgtype: 'text', text: { content: r.text } };
  if (format === 'auto' && r.templateCard) return { msgtype: 'template_card', template_card: r.templateCard };
  return { msgtype: 'markdown', markdown: { content: r.markdown } };
}

/**
 * Group robot webhooks (消息推送): a push target, paced under 20 messages a minute per robot.
 * `base` is https://qyapi.weixin.qq.com unless WECOM_API_BASE points elsewhere (tests).
 */
export class GroupRobotSender {
  private readonly pacer: WindowPacer;

  constructor(
    private readonly base: string,
    private readonly opts: PostOptions & { perMinute?: number; now?: () => number },
  ) {
    this.pacer = new WindowPacer(opts.perMinute ?? 20, 60_000, opts.now, opts.sleep);
  }

  send(key: string, rendered: WeComRendered, format: 'auto' | 'markdown' | 'text' = 'auto'): Promise<void> {
    const url = `${this.base}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
    return this.pacer.run(key, () => postWeCom('webhook/send', url, messageBody(rendered, format), this.opts));
  }
}
