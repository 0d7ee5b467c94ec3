import type { Logger } from 'pino';
import { ask, FollowUps } from './ask.js';
import { answerCard, helpCard, notice, sourcesCard, type Card } from './cards.js';
import type { IncomingMessage, MessageContext } from './context.js';
import type { SeenMessages } from './dedupe.js';
import type { StoreHolder } from './store-holder.js';
import type { Commands } from '../admin/commands.js';
import type { Metrics } from '../server/metrics.js';
import { RateLimiter } from './rate-limit.js';

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
}

/**
 * The platform-neutral core: takes a decoded message, makes sure it is handled once, and answers it
 * in the background with a card. Channels acknowledge the platform before the answer is ready.
 */
export class Bot {
  private readonly inflight = new Set<Promise<void>>();
  private readonly followUps: FollowUps;
  private readonly perUser: RateLimiter;
  private readonly perChat: RateLimiter;

  constructor(private readonly deps: BotDeps) {
    this.followUps = deps.followUps ?? new FollowUps();
    this.perUser = new RateLimiter(deps.rateLimit?.perUser ?? 20);
    this.perChat = new RateLimiter(deps.rateLimit?.perChat ?? 60);
  }

  /**
   * Accepts a message for answering. Returns 'duplicate' for a message already accepted (a
   * platform retry, or the same event over HTTP and the long connection); otherwise the answer is
   * worked out and sent in the background.
   */
  async accept(msg: IncomingMessage, reply: (card: Card) => Promise<void>, download?: MessageContext['download']): Promise<'accepted' | 'duplicate'> {
    if (!(await this.deps.seen.firstSighting(`${msg.platform}:${msg.messageId}`))) {
      this.deps.log.info({ platform: msg.platform, msgId: msg.messageId }, 'duplicate delivery ignored');
      return 'duplicate';
    }
    const ctx: MessageContext = { ...msg, reply, ...(download ? { download } : {}), log: this.deps.log.child({ platform: msg.platform, msgId: msg.messageId }) };
    // One noisy member, or one runaway group, cannot flood the bot: past the limit it says so once
    // a minute and otherwise stays quiet.
    const user = this.perUser.check(msg.userId);
    const chat = user.ok ? this.perChat.check(msg.chatId) : { ok: true, tell: false };
    if (!user.ok || !chat.ok) {
      const scope = user.ok ? 'chat' : 'user';
      this.deps.metrics?.rateLimited.inc({ scope });
      ctx.log.warn({ user: msg.userId, chat: msg.chatId, scope }, 'rate limited');
      if (user.tell || chat.tell) this.track(reply(notice('消息太多了', scope === 'user' ? '你一分钟内问得太多了，请稍后再问。' : '本群一分钟内的提问太多了，请稍后再问。', 'warning')).catch(() => undefined));
      return 'accepted';
    }
    this.track(this.handle(ctx));
    return 'accepted';
  }

  private track(work: Promise<void>): void {
    const job = work.finally(() => this.inflight.delete(job));
    this.inflight.add(job);
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
      ctx.log.info({ chat: ctx.chatId, user: ctx.userId, card: card.kind, ms: Math.round(ms) }, 'answered');
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

  /** Waits for every answer under way (for tests and graceful shutdown). */
  async drain(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }
}
