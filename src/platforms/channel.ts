import type { Logger } from 'pino';
import type { Bot } from '../core/bot.js';
import type { PlatformAdapter, RawRequest } from './types.js';

export interface HttpAnswer {
  status: number;
  body: string | Record<string, unknown>;
  contentType?: string;
}

/**
 * The glue between one platform and the core, the same for every platform: verify, acknowledge
 * at once, then decode and hand the message to the bot, which answers in the background.
 */
export class Channel<E, T, R> {
  constructor(
    readonly adapter: PlatformAdapter<E, T, R>,
    private readonly bot: Bot,
    private readonly log: Logger,
  ) {}

  /** Handles an HTTP delivery; the answer goes back to the platform before any work is done. */
  receive(req: RawRequest): { answer: HttpAnswer; after?: () => Promise<void> } {
    const v = this.adapter.verify(req);
    if (v.kind === 'reject') {
      this.log.warn({ platform: this.adapter.platform, status: v.status, reason: v.reason }, 'delivery refused');
      return { answer: { status: v.status, body: { error: v.reason } } };
    }
    if (v.kind === 'handshake') {
      this.log.info({ platform: this.adapter.platform }, 'URL verification answered');
      return { answer: { status: v.status, body: v.body, ...(v.contentType ? { contentType: v.contentType } : {}) } };
    }
    return { answer: { status: 200, body: {} }, after: () => this.dispatch(v.event).then(() => undefined) };
  }

  /** Decodes a verified event and gives it to the bot; the long connection enters here too. */
  async dispatch(event: E): Promise<'accepted' | 'duplicate' | 'ignored'> {
    const d = this.adapter.decode(event);
    if (d.kind === 'ignore') {
      this.log.debug({ platform: this.adapter.platform, reason: d.reason }, 'event ignored');
      return 'ignored';
    }
    const { msg, target } = d;
    return this.bot.accept(msg, (card) => this.adapter.send(target, this.adapter.render(card), `reply-${msg.messageId}`));
  }
}
