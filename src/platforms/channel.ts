import type { Logger } from 'pino';
import type { Acceptance, Bot } from '../core/bot.js';
import type { PlatformAdapter, RawRequest } from './types.js';
import type { IncomingMessage, MessageContext } from '../core/context.js';

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

  /**
   * Handles an HTTP delivery. The platform gets its answer at once; on platforms with passive
   * replies it gets the card itself when that is ready within the deadline.
   */
  async receive(req: RawRequest): Promise<{ answer: HttpAnswer; after?: () => Promise<void> }> {
    const refused = this.refuseIfBusy();
    if (refused) return { answer: refused };
    const v = this.adapter.verify(req);
    if (v.kind === 'reject') {
      this.log.warn({ platform: this.adapter.platform, status: v.status, reason: v.reason }, 'delivery refused');
      return { answer: { status: v.status, body: { error: v.reason } } };
    }
    if (v.kind === 'handshake') {
      this.log.info({ platform: this.adapter.platform }, 'URL verification answered');
      return { answer: { status: v.status, body: v.body, ...(v.contentType ? { contentType: v.contentType } : {}) } };
    }
    const passive = this.adapter.passive;
    // A deadline of 0 turns passive replies off: every answer goes through send.
    if (passive && passive.deadlineMs() > 0) return this.receivePassive(v.event, passive);
    // The message is claimed (de-duplicated) before the platform hears "200": if the shared state
    // is down, a 503 makes the platform deliver it again rather than lose it. The answer itself is
    // worked out after the acknowledgement.
    let outcome: Awaited<ReturnType<Channel<E, T, R>['dispatch']>>;
    try {
      outcome = await this.dispatch(v.event);
    } catch (err) {
      return this.stateDown(err);
    }
    // A full answer queue: refused before the claim, so the platform delivers it again later.
    if (outcome === 'busy') return busy();
    return { answer: passive ? passive.empty() : { status: 200, body: {} } };
  }

  /**
   * While the answer queue is full, the answer to any delivery: 503 before any work (before the body
   * is read, when the HTTP glue asks first; a URL check too, which only comes at set-up). Nothing is
   * claimed, and the platform delivers it again later. Undefined when there is room.
   */
  refuseIfBusy(): HttpAnswer | undefined {
    if (!this.bot.busy) return undefined;
    this.bot.refuseBusy(this.adapter.platform);
    return busy().answer;
  }

  /** The claim failed (Redis down, a full disk): nothing was acknowledged, so the platform retries. */
  private stateDown(err: unknown): { answer: HttpAnswer } {
    this.log.error({ platform: this.adapter.platform, err: err instanceof Error ? err.message : String(err) }, 'cannot take the delivery now (state unavailable); asking the platform to retry');
    return { answer: { status: 503, body: { error: 'temporarily unavailable, retry later' } } };
  }

  private async receivePassive(event: E, passive: NonNullable<PlatformAdapter<E, T, R>['passive']>): Promise<{ answer: HttpAnswer }> {
    const d = this.adapter.decode(event);
    if (d.kind === 'ignore') {
      this.log.debug({ platform: this.adapter.platform, reason: d.reason }, 'event ignored');
      return { answer: passive.empty() };
    }
    const { msg, target } = d;
    // One slot for the first card: taken by the answer, or closed by the deadline, whichever comes
    // first; both happen in callbacks, so no card is lost between them.
    let state: 'open' | 'taken' | 'closed' = 'open';
    let settle!: (r: R | undefined) => void;
    const first = new Promise<R | undefined>((resolve) => (settle = resolve));
    const reply = async (card: Parameters<Parameters<Bot['accept']>[1]>[0]) => {
      const rendered = this.adapter.render(card);
      if (state === 'open') {
        state = 'taken';
        settle(rendered);
        return;
      }
      await this.adapter.send(target, rendered, `reply-${msg.messageId}`);
    };
    let accepted: Acceptance;
    try {
      accepted = await this.bot.accept(msg, reply, this.downloader(target, msg));
    } catch (err) {
      return this.stateDown(err);
    }
    if (accepted === 'busy') return busy();
    if (accepted === 'duplicate' || accepted === 'muted') {
      settle(undefined);
      return { answer: passive.empty() };
    }
    const timer = setTimeout(() => {
      if (state === 'open') {
        state = 'closed';
        settle(undefined);
      }
    }, passive.deadlineMs());
    const rendered = await first;
    clearTimeout(timer);
    if (rendered === undefined) this.log.info({ platform: this.adapter.platform, msgId: msg.messageId }, 'answer not ready in time; it will go through send');
    return { answer: rendered === undefined ? passive.empty() : passive.answer(rendered, msg.messageId) };
  }

  /** Decodes a verified event and gives it to the bot; the long connection enters here too. */
  async dispatch(event: E): Promise<Acceptance | 'ignored'> {
    const d = this.adapter.decode(event);
    if (d.kind === 'ignore') {
      this.log.debug({ platform: this.adapter.platform, reason: d.reason }, 'event ignored');
      return 'ignored';
    }
    const { msg, target } = d;
    return this.bot.accept(msg, (card) => this.adapter.send(target, this.adapter.render(card), `reply-${msg.messageId}`), this.downloader(target, msg));
  }

  /** How the bot fetches the message's file, when it has one and the platform lets a bot fetch it. */
  private downloader(target: T, msg: IncomingMessage): MessageContext['download'] {
    const { download } = this.adapter;
    const file = msg.file;
    return download && file ? (maxBytes) => download.call(this.adapter, target, file, maxBytes) : undefined;
  }
}

/** The answer queue is full: nothing was claimed or acknowledged, so the platform delivers it again. */
function busy(): { answer: HttpAnswer } {
  return { answer: { status: 503, body: { error: 'busy, retry later' } } };
}
