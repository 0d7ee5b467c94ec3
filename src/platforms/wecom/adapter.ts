import { randomBytes } from 'node:crypto';
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
