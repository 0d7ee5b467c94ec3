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
    // Over HTTP no status means no response; over the long connection an errcode comes in an ack frame.
    const how = [httpStatus ? `HTTP ${httpStatus}` : errcode === undefined ? 'no response' : '', errcode !== undefined ? `errcode ${errcode}` : ''].filter(Boolean).join(', ');
    super(`WeCom ${call} failed: ${how}${errmsg ? ` (${errmsg})` : ''}${hint(call, errcode)}`);
    this.name = 'WeComApiError';
  }
}

/** Long-connection commands (aibot_respond_msg, aibot_send_msg): their refusals have hints of their own. */
const isAibotCall = (call: string) => call.startsWith('aibot_');

function hint(call: string, errcode: number | undefined): string {
  switch (errcode) {
    case undefined:
      return '';
    case 93000:
      return '; the webhook URL or key is invalid: copy it again from the group robot settings';
    case 45009:
      return isAibotCall(call)
        ? '; over the rate limit (30 messages a minute, 1000 an hour, to one chat): the chat is answered again when it slows down'
        : '; over the rate limit (20 messages a minute per robot), retried after a pause';
    case 40058:
    case 44004:
      return '; the message body is not accepted (empty or too long)';
    case 93017:
      return '; the robot was removed from the group';
    default:
      // The intelligent robot answers a message within 24 hours, pushes only to chats that wrote to
      // it first, and takes 30 messages a minute per chat (智能机器人长连接, document/path/101463).
      return isAibotCall(call)
        ? '; WeCom refused it: a reply must come within 24 hours of the message, a push goes only to a chat that has written to the robot, and a chat takes at most 30 messages a minute; if the errcode persists, check the robot in the WeCom admin console'
        : '';
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

/**
 * A message body for response_url, aibot_send_msg or a group robot: a template card where there is
 * one, else markdown in the flavor the receiver shows (see render.ts), or plain text when asked.
 */
export function messageBody(r: WeComRendered, format: 'auto' | 'markdown' | 'text' = 'auto', to: 'aibot' | 'group-robot' = 'aibot'): Record<string, unknown> {
  if (format === 'text') return { msgtype: 'text', text: { content: r.text } };
  if (format === 'auto' && r.templateCard) return { msgtype: 'template_card', template_card: r.templateCard };
  return { msgtype: 'markdown', markdown: { content: to === 'group-robot' ? r.groupMarkdown : r.markdown } };
}

/**
 * Turns what the SDK rejects with into an Error that keeps errcode and errmsg: a refused command
 * rejects with the ack frame itself ({ headers, errcode, errmsg }), not an Error.
 */
export function aibotError(call: string, err: unknown): Error {
  if (err instanceof Error) return new Error(`WeCom ${call} failed: ${err.message}; the long connection was down or WeCom did not acknowledge in time, so the message may not have arrived (the SDK reconnects on its own)`);
  const frame = (typeof err === 'object' && err !== null ? err : {}) as { errcode?: unknown; errmsg?: unknown };
  const errcode = typeof frame.errcode === 'number' ? frame.errcode : undefined;
  const errmsg = typeof frame.errmsg === 'string' ? frame.errmsg : errcode === undefined ? `unexpected rejection ${JSON.stringify(err) ?? String(err)}` : undefined;
  return new WeComApiError(call, undefined, errcode, errmsg);
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
    return this.pacer.run(key, () => postWeCom('webhook/send', url, messageBody(rendered, format, 'group-robot'), this.opts));
  }
}
