import { randomBytes } from 'node:crypto';
import type { DownloadedFile } from '../../core/context.js';
import { readCapped } from '../download.js';
import type { Logger } from 'pino';
import type { Card } from '../../core/cards.js';
import type { HttpAnswer } from '../channel.js';
import { wecomSdk } from '../sdks.js';
import type { Decoded, PlatformAdapter, RawRequest, Verified } from '../types.js';
import type { WxBizMsgCrypt } from './crypto.js';
import { decodeWeComMessage } from './decode.js';
import { renderWeCom, type WeComRendered } from './render.js';
import { aibotError, messageBody, postWeCom } from './sender.js';
import { verifyWeComRequest } from './verify.js';

/** What the SDK's long connection needs to reply: the frame's req_id. */
export interface WsReplier {
  replyStream(frame: { headers: { req_id: string } }, streamId: string, content: string, finish?: boolean): Promise<unknown>;
}

/** A delivered message: over HTTP (payload, and the callback URL's nonce) or the long connection (payload with its frame). */
export interface WeComEvent {
  payload: Record<string, unknown>;
  frame?: { headers: { req_id: string } };
  nonce?: string;
}

/** `single`: a single chat, where response_url also takes a template card (groups take markdown). */
export type WeComTarget =
  | { via: 'response_url'; url: string; msgid: string; single: boolean }
  | { via: 'ws'; frame: { headers: { req_id: string } }; msgid: string }
  | { via: 'none'; msgid: string };

/** How long WeCom asks for a stream's content: six minutes from the user's message (接收消息, path/100719). */
const STREAM_REFRESH_MS = 6 * 60_000;
/** Streams and nonces remembered at most, the oldest forgotten first. */
const REMEMBERED = 2000;

/** A Map that holds at most REMEMBERED entries, forgetting the oldest first. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= REMEMBERED) break;
    map.delete(oldest);
  }
}

export interface WeComAdapterOptions {
  crypto?: WxBizMsgCrypt;
  maxAgeSec: number;
  log: Logger;
  /** How long an HTTP callback waits for the answer to reply passively, before using response_url. */
  passiveDeadlineMs: number;
  linkFor?: (file: string) => string;
  ws?: WsReplier;
  /** The callback's EncodingAESKey: over HTTP, a file's URL serves it encrypted with this key. */
  encodingAesKey?: string;
  nowSec?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class WeComAdapter implements PlatformAdapter<WeComEvent, WeComTarget, WeComRendered> {
  readonly platform = 'wecom' as const;
  ws?: WsReplier;
  /** Passive stream replies by stream id, for WeCom's refresh callbacks. */
  private readonly streams = new Map<string, { content: string; at: number }>();
  /** Each pending callback's nonce by msgid: a passive reply is signed with the callback URL's nonce. */
  private readonly nonces = new Map<string, string>();

  constructor(private readonly opts: WeComAdapterOptions) {
    if (opts.ws) this.ws = opts.ws;
  }

  verify(req: RawRequest): Verified<WeComEvent> {
    if (!this.opts.crypto) return { kind: 'reject', status: 404, reason: 'HTTP callbacks are off (WECOM_MODE=ws)' };
    const v = verifyWeComRequest(req.method ?? 'POST', req.query ?? {}, req.raw, this.opts.crypto, this.opts.maxAgeSec, this.opts.nowSec?.());
    switch (v.kind) {
      case 'echo':
        // The decrypted echostr, as plain text, and nothing else.
        return { kind: 'handshake', status: 200, body: v.echo, contentType: 'text/plain' };
      case 'event':
        // A stream refresh is answered here, with the stream's content; it never reaches the core.
        if (v.payload.msgtype === 'stream') return { kind: 'handshake', status: 200, body: this.streamRefresh(v.payload, v.nonce) };
        return { kind: 'event', event: { payload: v.payload, nonce: v.nonce } };
      case 'reject':
        return v;
    }
  }

  decode(event: WeComEvent): Decoded<WeComTarget> {
    const d = decodeWeComMessage(event.payload);
    if (d.kind === 'ignore') return d;
    if (event.nonce) remember(this.nonces, d.msgid, event.nonce);
    const target: WeComTarget = event.frame
      ? { via: 'ws', frame: event.frame, msgid: d.msgid }
      : d.responseUrl
        ? { via: 'response_url', url: d.responseUrl, msgid: d.msgid, single: d.msg.chatType === 'private' }
        : { via: 'none', msgid: d.msgid };
    return { kind: 'message', msg: d.msg, target };
  }

  /**
   * WeCom's stream refresh (流式消息刷新, https://developer.work.weixin.qq.com/document/path/100719):
   * it asks for a stream's latest content until a reply says finish. Every stream this bot starts is
   * finished in its first reply, so the answer is that stream again, finished; a stream this process
   * does not know (another replica's, or from before a restart) is finished empty to stop the polling.
   */
  private streamRefresh(payload: Record<string, unknown>, nonce: string): ReturnType<WxBizMsgCrypt['seal']> {
    const id = typeof payload.stream === 'object' && payload.stream !== null ? String((payload.stream as { id?: unknown }).id ?? '') : '';
    const known = this.streams.get(id);
    const content = known && this.nowMs() - known.at <= STREAM_REFRESH_MS ? known.content : '';
    if (!known) this.opts.log.info({ stream: id }, 'stream refresh for a stream this process did not start: finished empty');
    return this.seal({ msgtype: 'stream', stream: { id, finish: true, content } }, nonce);
  }

  private nowMs(): number {
    return this.opts.nowSec ? this.opts.nowSec() * 1000 : Date.now();
  }

  /** An encrypted passive reply; signed with the callback URL's nonce, as the 加密与被动回复 section asks. */
  private seal(body: Record<string, unknown>, nonce: string | undefined): ReturnType<WxBizMsgCrypt['seal']> {
    const timestamp = String(Math.floor(this.nowMs() / 1000));
    return this.opts.crypto!.seal(JSON.stringify(body), timestamp, nonce ?? randomBytes(8).toString('hex'));
  }

  /**
   * Downloads a file message's file from its URL (capped while streaming) and decrypts it with the
   * message's aeskey (long connection) or the callback's EncodingAESKey (HTTP), as the SDK does.
   */
  async download(_target: WeComTarget, file: { key: string; aesKey?: string }, maxBytes: number): Promise<DownloadedFile> {
    const key = file.aesKey ?? (this.opts.encodingAesKey ? `${this.opts.encodingAesKey}=` : undefined);
    if (!key) throw new Error('no key to decrypt the WeCom file with (set WECOM_ENCODING_AES_KEY)');
    const res = await fetch(file.key, { signal: AbortSignal.timeout(60_000) });
    if (!res.ok || !res.body) throw new Error(`WeCom file download failed: HTTP ${res.status}; the link is valid five minutes, send the file again`);
    // The encrypted form is padded to a multiple of 32 bytes.
    const encrypted = await readCapped(res.body, maxBytes + 32);
    let bytes: Buffer;
    try {
      bytes = wecomSdk().decryptFile(encrypted, key);
    } catch (err) {
      throw new Error(`the WeCom file could not be decrypted (${err instanceof Error ? err.message : String(err)})`);
    }
    const name = fileNameOf(res.headers.get('content-disposition'));
    return { bytes: new Uint8Array(bytes), ...(name ? { name } : {}) };
  }

  render(card: Card): WeComRendered {
    return renderWeCom(card, this.opts.linkFor ? { linkFor: this.opts.linkFor } : {});
  }

  async send(target: WeComTarget, rendered: WeComRendered): Promise<void> {
    switch (target.via) {
      case 'ws':
        if (!this.ws) throw new Error('WeCom long connection is not running');
        // Replies over the long connection carry the incoming req_id. A refused one rejects with
        // WeCom's ack frame, kept here as errcode and errmsg with what to do.
        try {
          await this.ws.replyStream(target.frame, `r-${target.msgid}`, rendered.markdown, true);
        } catch (err) {
          throw aibotError('aibot_respond_msg', err);
        }
        return;
      case 'response_url':
        // response_url takes one reply, within an hour; a template card only in a single chat (主动回复消息, path/101138).
        await postWeCom('response_url', target.url, messageBody(rendered, target.single ? 'auto' : 'markdown'), { log: this.opts.log, ...(this.opts.sleep ? { sleep: this.opts.sleep } : {}) });
        return;
      case 'none':
        throw new Error('message came without a response_url and its passive reply window has passed');
    }
  }

  /** Passive replies: the answer encrypted into the callback's own response. */
  readonly passive = {
    deadlineMs: () => this.opts.passiveDeadlineMs,
    answer: (rendered: WeComRendered, msgid: string): HttpAnswer => {
      const id = `r-${msgid}`;
      remember(this.streams, id, { content: rendered.markdown, at: this.nowMs() });
      const nonce = this.nonces.get(msgid);
      this.nonces.delete(msgid);
      return { status: 200, body: this.seal({ msgtype: 'stream', stream: { id, finish: true, content: rendered.markdown } }, nonce) };
    },
    /** Acknowledged with nothing to say (yet): an empty 200. */
    empty: (): HttpAnswer => ({ status: 200, body: '', contentType: 'text/plain' }),
  };
}

/** 报告.pdf of `attachment; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf` or `filename="报告.pdf"`. */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const encoded = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  try {
    return encoded ? decodeURIComponent(encoded) : plain?.trim();
  } catch {
    return plain?.trim();
  }
}
