import type { Card } from '../../core/cards.js';
import type { FeishuConfig } from '../../config.js';
import type { PlatformAdapter, RawRequest, Verified, Decoded } from '../types.js';
import { decodeFeishuEvent } from './decode.js';
import { renderFeishuCard, type FeishuCard } from './render.js';
import type { FeishuSender } from './sender.js';
import { verifyFeishuRequest } from './verify.js';

export interface FeishuTarget {
  chatId: string;
  messageId: string;
}

export class FeishuAdapter implements PlatformAdapter<Record<string, unknown>, FeishuTarget, FeishuCard> {
  readonly platform = 'feishu' as const;

  constructor(
    private readonly config: FeishuConfig,
    private readonly sender: FeishuSender,
    private readonly nowSec: () => number = () => Date.now() / 1000,
    /** The bot's own open_id, once known: group messages are answered only when they mention it. */
    private readonly self: { openId(): string | undefined } = { openId: () => undefined },
  ) {}

  verify(req: RawRequest): Verified<Record<string, unknown>> {
    const out = verifyFeishuRequest(
      req.raw,
      req.headers,
      {
        ...(this.config.verificationToken ? { verificationToken: this.config.verificationToken } : {}),
        ...(this.config.encryptKey ? { encryptKey: this.config.encryptKey } : {}),
        maxAgeSec: this.config.maxAgeSec,
      },
      this.nowSec(),
    );
    switch (out.kind) {
      case 'challenge':
        return { kind: 'handshake', status: 200, body: { challenge: out.challenge } };
      case 'event':
        return { kind: 'event', event: out.envelope };
      case 'reject':
        return { kind: 'reject', status: out.status, reason: out.reason };
    }
  }

  decode(event: Record<string, unknown>): Decoded<FeishuTarget> {
    const openId = this.self.openId();
    const d = decodeFeishuEvent(event, openId ? { openId } : {});
    if (d.kind === 'ignore') return d;
    return { kind: 'message', msg: d.msg, target: { chatId: d.msg.chatId.replace(/^feishu:/, ''), messageId: d.feishuMessageId } };
  }

  render(card: Card): FeishuCard {
    return renderFeishuCard(card);
  }

  send(target: FeishuTarget, rendered: FeishuCard, idempotencyKey: string): Promise<void> {
    return this.sender.reply(target.chatId, target.messageId, rendered, idempotencyKey);
  }

  async download(target: FeishuTarget, file: { key: string }, maxBytes: number): Promise<{ bytes: Uint8Array }> {
    return { bytes: await this.sender.download(target.messageId, file.key, maxBytes) };
  }
}
