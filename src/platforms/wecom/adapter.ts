import { randomBytes } from 'node:crypto';
import { decryptFile } from '@wecom/aibot-node-sdk';
import type { DownloadedFile } from '../../core/context.js';
import { readCapped } from '../download.js';
import type { Logger } from 'pino';
import type { Card } from '../../core/cards.js';
import type { HttpAnswer } from '../channel.js';
import type { Decoded, PlatformAdapter, RawRequest, Verified } from '../types.js';
import type { WxBizMsgCrypt } from './crypto.js';
import { decodeWeComMessage } from './decode.js';
import { renderWeCom, type WeComRendered } from './render.js';
import { messageBody, postWeCom } from './sender.js';
import { verifyWeComRequest } from './verify.js';

/** What the SDK's long connection needs to reply: the frame's req_id. */
export interface WsReplier {
  replyStream(frame: { headers: { req_id: string } }, streamId: string, content: string, finish?: boolean): Promise<unknown>;
}

/** A delivered message: over HTTP (payload) or the long connection (payload with its frame). */
export interface WeComEvent {
  payload: Record<string, unknown>;
  frame?: { headers: { req_id: string } };
}

export type WeComTarget =
  | { via: 'response_url'; url: string; msgid: string }
  | { via: 'ws'; frame: { headers: { req_id: string } }; msgid: string }
  | { via: 'none'; msgid: string };

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
        return { kind: 'event', event: { payload: v.payload } };
      case 'reject':
        return v;
    }
  }

  decode(event: WeComEvent): Decoded<WeComTarget> {
    const d = decodeWeComMessage(event.payload);
    if (d.kind === 'ignore') return d;
    const target: WeComTarget = event.frame
      ? { via: 'ws', frame: event.frame, msgid: d.msgid }
      : d.responseUrl
        ? { via: 'response_url', url: d.responseUrl, msgid: d.msgid }
        : { via: 'none', msgid: d.msgid };
    return { kind: 'message', msg: d.msg, target };
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
      bytes = decryptFile(encrypted, key);
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
        // Replies over the long connection carry the incoming req_id.
        await this.ws.replyStream(target.frame, `r-${target.msgid}`, rendered.markdown, true);
        return;
      case 'response_url':
        // response_url takes one reply, within an hour.
        await postWeCom('response_url', target.url, messageBody(rendered), { log: this.opts.log, ...(this.opts.sleep ? { sleep: this.opts.sleep } : {}) });
        return;
      case 'none':
        throw new Error('message came without a response_url and its passive reply window has passed');
    }
  }

  /** Passive replies: the answer encrypted into the callback's own response. */
  readonly passive = {
    deadlineMs: () => this.opts.passiveDeadlineMs,
    answer: (rendered: WeComRendered, msgid: string): HttpAnswer => {
      const crypto = this.opts.crypto!;
      const body = JSON.stringify({ msgtype: 'stream', stream: { id: `r-${msgid}`, finish: true, content: rendered.markdown } });
      const timestamp = String(Math.floor(this.opts.nowSec?.() ?? Date.now() / 1000));
      return { status: 200, body: crypto.seal(body, timestamp, randomBytes(8).toString('hex')) };
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
