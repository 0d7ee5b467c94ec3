import type { Logger } from 'pino';
import { ask, FollowUps } from './ask.js';
import { answerCard, helpCard, notice, sourcesCard, type Card } from './cards.js';
import type { IncomingMessage, MessageContext } from './context.js';
import type { SeenMessages } from './dedupe.js';
import type { StoreHolder } from './store-holder.js';
import type { Commands } from '../admin/commands.js';
import type { Metrics } from '../server/metrics.js';
import { RateLimiter } from './rate-limit.js';
import { AnswerQueue } from './answer-queue.js';

const KIND_NAMES: Record<string, string> = {
  image: '图片',
  file: '文件',
  sticker: '表情',
  rich: '富文本消息',
  audio: '语音',
  video: '视频',
  other: '这类消息',
};

export interface BotDeps {
  stores: StoreHolder;
  seen: SeenMessages;
  log: Logger;
  followUps?: FollowUps;
  /** The admin commands (reload, push, subscribe …); without them they say they are not enabled. */
  commands?: Commands;
  metrics?: Metrics;
  /** Messages a minute one user, and one chat, may send before the bot stops answering for a while. */
  rateLimit?: { perUser: number; perChat: number };
  /**
   * `queueMax`: answers waiting or under way at most (1000 by default); past it a delivery is
   * refused as 'busy' before it is claimed, and the platform delivers it again later.
   * `on: false` (ANSWERS=off): messages are claimed and acknowledged but not answered.
   */
  answers?: { on?: boolean; queueMax?: number };
}

/** What became of a delivery: 'busy' and 'muted' were not claimed or will not be answered. */
export type Acceptance = 'accepted' | 'duplicate' | 'busy' | 'muted';

/**
 * The platform-neutral core: takes a decoded message, makes sure it is handled once, and answers it
 * in the background with a card. Channels acknowledge the platform before the answer is ready.
 */
export class Bot {
  private readonly queue: AnswerQueue;
  private readonly answering: boolean;
  private readonly followUps: FollowUps;
  private readonly perUser: RateLimiter;
  private readonly perChat: RateLimiter;
  /** Refusals since the last 'busy' log line: a full queue is logged once in a while, not per delivery. */
  private busySince = { count: 0, loggedAt: 0 };

  constructor(private readonly deps: BotDeps) {
    this.followUps = deps.followUps ?? new FollowUps();
    this.perUser = new RateLimiter(deps.rateLimit?.perUser ?? 20);
    this.perChat = new RateLimiter(deps.rateLimit?.perChat ?? 60);
    this.queue = new AnswerQueue(deps.answers?.queueMax ?? 1000);
    this.answering = deps.answers?.on ?? true;
  }

  /** True while the answer queue is full: deliveries are refused until it drains. */
  get busy(): boolean {
    return this.queue.full;
  }

  /**
   * Accepts a message for answering: claims it, checks the rate limits and queues its answer,
   * which is worked out and sent after the caller has acknowledged the platform. Returns
   * 'duplicate' for a message already claimed (a platform retry, or the same event over HTTP and
   * the long connection), 'busy' when the queue is full (nothing claimed: the platform should
   * deliver it again later), 'muted' when answers are off.
   */
  async accept(msg: IncomingMessage, reply: (card: Card) => Promise<void>, download?: MessageContext['download']): Promise<Acceptance> {
    // Refused before the claim, so a redelivery is answered: an outsider's flood cannot grow the
    // queue, and nothing is lost while the platform retries.
    if (this.queue.full) {
      this.refuseBusy(msg.platform);
      return 'busy';
    }
    if (!(await this.deps.seen.firstSighting(`${msg.platform}:${msg.messageId}`))) {
      this.deps.log.info({ platform: msg.platform, msgId: msg.messageId }, 'duplicate delivery ignored');
      return 'duplicate';
    }
    // One noisy member, or one runaway group, cannot flood the bot: past the limit it says so once
    // a minute and otherwise stays quiet.
    const user = this.perUser.check(msg.userId);
    const chat = user.ok ? this.perChat.check(msg.chatId) : { ok: true, tell: false };
    if (!user.ok || !chat.ok) {
      const scope = user.ok ? 'chat' : 'user';
      this.deps.metrics?.rateLimited.inc({ scope });
      this.deps.log.warn({ platform: msg.platform, msgId: msg.messageId, user: msg.userId, chat: msg.chatId, scope }, 'rate limited');
      if (user.tell || chat.tell) {
        const text = scope === 'user' ? '你一分钟内问得太多了，请稍后再问。' : '本群一分钟内的提问太多了，请稍后再问。';
        this.queue.offer(() => reply(notice('消息太多了', text, 'warning')).catch(() => undefined), true);
      }
      return 'accepted';
    }
    if (!this.answering) {
      this.deps.log.debug({ platform: msg.platform, msgId: msg.messageId }, 'answers are off (ANSWERS=off): claimed, not answered');
      return 'muted';
    }
    this.queue.offer(() => this.handle(this.context(msg, reply, download)), true);
    return 'accepted';
  }

  /** The message's context; its child logger is made when something logs, not for every answer. */
  private context(msg: IncomingMessage, reply: MessageContext['reply'], download: MessageContext['download']): MessageContext {
    let log: Logger | undefined;
    const parent = this.deps.log;
    const ctx = { ...msg, reply, ...(download ? { download } : {}) } as MessageContext;
    Object.defineProperty(ctx, 'log', { get: () => (log ??= parent.child({ platform: msg.platform, msgId: msg.messageId })), enumerable: true, configurable: true });
    return ctx;
  }

  /** Counts (and now and then logs) a delivery refused because the queue is full. */
  refuseBusy(platform: IncomingMessage['platform']): void {
    this.deps.metrics?.busy.inc({ platform });
    const b = this.busySince;
    b.count++;
    const now = Date.now();
    if (now - b.loggedAt < 10_000) return;
    this.deps.log.warn({ platform, refused: b.count, queued: this.queue.size }, 'answer queue full: deliveries refused so the platform delivers them again later');
    this.busySince = { count: 0, loggedAt: now };
  }

  /** Answers one message; never throws, failures are logged with the message id. */
  async handle(ctx: MessageContext): Promise<void> {
    const started = performance.now();
    try {
      const card = await this.respond(ctx);
      const ms = performance.now() - started;
      this.deps.metrics?.latency.observe({ platform: ctx.platform }, ms / 1000);
      this.deps.metrics?.questions.inc({ platform: ctx.platform, outcome: card.kind === 'not_found' ? 'not_found' : card.kind === 'answer' || card.kind === 'regions' ? 'answered' : card.kind });
      await ctx.reply(card);
      // The parent logger with the child's fields: one line per answer without a child per answer.
      this.deps.log.info({ platform: ctx.platform, msgId: ctx.messageId, chat: ctx.chatId, user: ctx.userId, card: card.kind, ms: Math.round(ms) }, 'answered');
    } catch (err) {
      this.deps.metrics?.platformErrors.inc({ platform: ctx.platform });
      ctx.log.error({ err: err instanceof Error ? err.message : String(err), chat: ctx.chatId }, 'reply failed');
    }
  }

  /** The card for a message: the whole decision, with no I/O. */
  async respond(ctx: Pick<MessageContext, 'kind' | 'text' | 'chatId' | 'userId'> & Partial<Pick<MessageContext, 'chatType' | 'log' | 'file' | 'download' | 'quoted'>>): Promise<Card> {
    const store = this.deps.stores.current;
    // A report sent to the bot: an admin's is added, anyone else's politely refused (in commands).
    if (ctx.kind === 'file' && ctx.file && ctx.download && this.deps.commands?.addReport) {
      return this.deps.commands.addReport(ctx.file.name, ctx.download, { chatId: ctx.chatId, userId: ctx.userId, chatType: ctx.chatType ?? 'private', log: ctx.log ?? this.deps.log });
    }
    if (ctx.kind !== 'text') {
      return notice('我只看得懂文字', `收到了${KIND_NAMES[ctx.kind] ?? '这类消息'}，但我只能回答文字提问。请用一句话问我报告里的数据，例如"${helpCard(store).examples[0]}"。`);
    }
    // A message quoting another carries on from it; one that only mentions the bot asks the quoted words.
    const text = ctx.text.trim();
    if (!text && !ctx.quoted) return helpCard(store);
    const r = ask(store, text || ctx.quoted!, { chat: ctx.chatId, followUps: this.followUps, ...(text && ctx.quoted ? { context: ctx.quoted } : {}) });
    switch (r.intent) {
      case 'ask_figure':
        return answerCard(r);
      case 'help':
        return helpCard(store);
      case 'sources':
        return sourcesCard(store);
      case 'unknown_command':
        return notice('不认识的指令', `没有 ${r.parsed.args ?? ''} 这个指令。发送 /help 查看我能做什么。`, 'warning');
      default: {
        if (this.deps.commands) {
          return this.deps.commands.run(r.intent, r.parsed.args ?? '', { chatId: ctx.chatId, userId: ctx.userId, chatType: ctx.chatType ?? 'group', log: ctx.log ?? this.deps.log });
        }
        const def = store.intents.defs.get(r.intent);
        return notice('管理员指令', `"${def?.description ?? r.intent}"由管理员在群里使用，这个功能还没有开启。`, 'warning');
      }
    }
  }

  /** Waits for every answer queued or under way (for tests and graceful shutdown). */
  drain(): Promise<void> {
    return this.queue.drain();
  }
}
