import type * as lark from '@larksuiteoapi/node-sdk';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { KeyedPacer } from '../../core/pacing.js';
import { readCapped } from '../download.js';
import { withRetry, type RetryVerdict } from '../../core/retry.js';
import { larkSdk } from '../sdks.js';
import { feishuHttp } from './http.js';
import type { FeishuCard } from './render.js';
import { sdkLogger } from './sdk-logger.js';

/** A Feishu API call that failed, with what Feishu said and what to do about it. */
export class FeishuApiError extends Error {
  constructor(
    readonly call: string,
    readonly httpStatus: number | undefined,
    readonly code: number | undefined,
    readonly feishuMsg: string | undefined,
    readonly retryAfterMs?: number,
  ) {
    super(`Feishu ${call} failed: ${httpStatus ? `HTTP ${httpStatus}` : 'no response'}${code !== undefined ? `, code ${code}` : ''}${feishuMsg ? ` (${feishuMsg})` : ''}${hint(code, httpStatus)}`);
    this.name = 'FeishuApiError';
  }
}

function hint(code: number | undefined, status: number | undefined): string {
  if (code === 99991400 || status === 429) return '; rate limited, retried with backoff';
  if (code === 99991663 || code === 99991661 || code === 99991668) return '; check FEISHU_APP_ID and FEISHU_APP_SECRET';
  if (code === 230002) return '; the bot is not in this chat';
  if (code === 230001 || code === 230099) return '; check the card JSON';
  if (code === 99991672 || code === 99991679) return '; grant the app the permission the call needs (im:message:send_as_bot to reply, im:resource to download files)';
  return '';
}

export interface FeishuSenderOptions {
  appId: string;
  appSecret: string;
  /** Base URL; the platform's by default, a fake API's in tests. */
  domain?: string;
  log: Logger;
  /** Spacing of sends to one chat; Feishu allows 5 a second per group, shared by all bots. */
  perChatIntervalMs?: number;
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Sends cards through the SDK Client (which caches the tenant token), paced and retried. */
export class FeishuSender {
  readonly client: lark.Client;
  private readonly pacer: KeyedPacer;
  private readonly log: Logger;

  constructor(private readonly opts: FeishuSenderOptions) {
    this.log = opts.log;
    // The SDK keeps tokens and API shapes; its calls go through a lean keep-alive layer (http.ts)
    // with a 10 s bound per call (retried; the uuid keeps a reply to one message).
    const sdk = larkSdk();
    this.client = new sdk.Client({
      appId: opts.appId,
      appSecret: opts.appSecret,
      domain: opts.domain ?? sdk.Domain.Feishu,
      loggerLevel: sdk.LoggerLevel.warn,
      logger: sdkLogger(opts.log),
      httpInstance: feishuHttp(),
    });
    this.pacer = new KeyedPacer(opts.perChatIntervalMs ?? 250, Date.now, opts.sleep);
  }

  /** Replies to a message with a card; `key` makes the send idempotent for an hour. */
  reply(chatId: string, messageId: string, card: FeishuCard, key: string): Promise<void> {
    return this.send('im.v1.message.reply', chatId, () =>
      this.client.im.v1.message.reply({
        path: { message_id: messageId },
        data: { msg_type: 'interactive', content: JSON.stringify(card), uuid: idempotencyKey(key) },
      }),
    );
  }

  /**
   * Downloads a file message's file (im.v1.messageResource.get; the app needs the im:resource
   * permission, 获取与上传图片或文件资源), refusing it once it passes `maxBytes`.
   */
  async download(messageId: string, fileKey: string, maxBytes: number): Promise<Uint8Array> {
    const call = 'im.v1.messageResource.get';
    let res: Awaited<ReturnType<lark.Client['im']['v1']['messageResource']['get']>>;
    try {
      res = await this.client.im.v1.messageResource.get({ path: { message_id: messageId, file_key: fileKey }, params: { type: 'file' } });
    } catch (err) {
      throw toApiError(call, err);
    }
    return new Uint8Array(await readCapped(res.getReadableStream(), maxBytes));
  }

  /** Posts a card into a chat (pushes). */
  sendToChat(chatId: string, card: FeishuCard, key: string): Promise<void> {
    return this.send('im.v1.message.create', chatId, () =>
      this.client.im.v1.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: chatId, msg_type: 'interactive', content: JSON.stringify(card), uuid: idempotencyKey(key) },
      }),
    );
  }

  private send(call: string, chatId: string, request: () => Promise<{ code?: number; msg?: string } | undefined>): Promise<void> {
    return this.pacer.run(chatId, () =>
      withRetry(
        async () => {
          let res: { code?: number; msg?: string } | undefined;
          try {
            res = await request();
          } catch (err) {
            throw toApiError(call, err);
          }
          // A 200 whose body is not Feishu's JSON (an HTML error page from a proxy) is no success.
          if (typeof res !== 'object' || res === null || typeof res.code !== 'number') throw new FeishuApiError(call, 200, undefined, 'answer is not Feishu JSON');
          if (res.code !== 0) throw new FeishuApiError(call, 200, res.code, res.msg, res.code === 99991400 ? 1000 : undefined);
        },
        {
          attempts: this.opts.attempts ?? 4,
          baseMs: 400,
          maxMs: 10_000,
          classify,
          ...(this.opts.sleep ? { sleep: this.opts.sleep } : {}),
          onRetry: (err, attempt, waitMs) => this.log.warn({ call, attempt, waitMs, err: String(err) }, 'feishu call failed, retrying'),
        },
      ),
    );
  }
}

/** Feishu's uuid is at most 50 characters; a hash keeps any key within that. */
export function idempotencyKey(key: string): string {
  return key.length <= 50 ? key : createHash('sha256').update(key).digest('hex').slice(0, 40);
}

function classify(err: unknown): RetryVerdict {
  if (!(err instanceof FeishuApiError)) return { retry: false };
  if (err.httpStatus === 429 || err.code === 99991400) return { retry: true, ...(err.retryAfterMs !== undefined ? { afterMs: err.retryAfterMs } : {}) };
  if (err.httpStatus === undefined || err.httpStatus >= 500 || (err.httpStatus === 200 && err.code === undefined)) return { retry: true };
  return { retry: false };
}

function toApiError(call: string, err: unknown): FeishuApiError {
  const e = err as { response?: { status?: number; headers?: Record<string, unknown>; data?: unknown }; message?: string };
  const status = e.response?.status;
  const data = (e.response?.data ?? {}) as { code?: number; msg?: string };
  const reset = Number(e.response?.headers?.['x-ogw-ratelimit-reset']);
  const retryAfterMs = Number.isFinite(reset) && reset >= 0 ? reset * 1000 : undefined;
  return new FeishuApiError(call, status, typeof data.code === 'number' ? data.code : undefined, typeof data.msg === 'string' ? data.msg : e.message, retryAfterMs);
}
