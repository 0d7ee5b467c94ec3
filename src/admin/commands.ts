import type { Logger } from 'pino';
import type { DownloadedFile } from '../core/context.js';
import { notice, type Card } from '../core/cards.js';
import type { StoreHolder } from '../core/store-holder.js';
import { unsettledPushes, type PushOutcome } from '../push/daily.js';
import { maskTarget, scrubTargetSecrets } from '../push/mask.js';
import { parseTarget } from '../push/targets.js';
import type { StateStore } from '../state/state.js';
import type { Reloader } from './reload.js';
import { explainMatch } from './why.js';
import { addAndReload, removeReport, type AddOutcome } from './add-report.js';
import { MAX_REPORT_BYTES } from '../reports/formats/index.js';

/** What the bot read from a report sent to it, or why it was not added. */
function addedCard(o: AddOutcome, reloaded?: string): Card {
  if (o.status === 'duplicate') return notice('这份报告已经有了', `"${o.file}"与已有的 ${o.stored} 完全相同，没有重复添加。`);
  if (o.status === 'refused') return notice('报告没有添加', `"${o.file}"没有添加：${o.reason}`, 'error');
  const s = o.summary;
  const lines = [
    `《${s.title}》 ${s.region}${s.date ? ` ${s.date}` : ''}`,
    `读出数据 ${s.facts} 条，表格 ${s.tables} 张${s.pages ? `，共 ${s.pages} 页` : ''}，保存为 ${o.stored}`,
    ...s.samples.map((x) => `· ${x.metric}：${x.answer}`),
    ...s.warnings.map((w) => `注意：${w}`),
    ...(reloaded ? [reloaded] : []),
  ];
  return notice('已添加报告', lines.join('\n'), s.warnings.length ? 'warning' : 'info');
}

export interface CommandContext {
  chatId: string;
  userId: string;
  chatType: 'group' | 'private';
  log: Logger;
}

/** Runs the chat commands beyond asking: here, the admin ones. */
export interface Commands {
  run(intent: string, args: string, ctx: CommandContext): Promise<Card>;
  /** A report file sent to the bot: added for an admin, refused for anyone else. */
  addReport?(name: string, download: (maxBytes: number) => Promise<DownloadedFile>, ctx: CommandContext): Promise<Card>;
}

export interface AdminDeps {
  admins: ReadonlySet<string>;
  /** Where reports sent in the chat are stored (SEEDS_DIR). */
  reportsDir: string;
  reloader: Reloader;
  /** resendUnknown: "/push 重发", sending again where an earlier send was cut off. */
  pushNow: (by: string, opts?: { resendUnknown?: boolean }) => Promise<PushOutcome[]>;
  state: StateStore;
  stores: StoreHolder;
  startedAt: Date;
  channels: () => Record<string, string>;
  /** Whether a chat of this platform can receive pushes (WeCom robot chats need the long connection). */
  canPushTo: (target: string) => string | undefined;
  /**
   * Platforms whose admin commands are off, with why and what to set (Feishu in production without
   * FEISHU_ENCRYPT_KEY: its events could be replayed). Keyed by the user id's prefix.
   */
  adminOff?: Readonly<Record<string, string>>;
  /** The time zone /status shows times in: PUSH_TZ, that of "a day" (default Asia/Shanghai). */
  timeZone?: string;
}

/** A time as people in `timeZone` read it: 2026-05-06 09:00:12 (Asia/Shanghai). */
export function localTime(at: Date | string, timeZone: string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return String(at);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} (${timeZone})`;
}

export class AdminCommands implements Commands {
  constructor(private readonly deps: AdminDeps) {}

  async run(intent: string, args: string, ctx: CommandContext): Promise<Card> {
    const who = { user: ctx.userId, chat: ctx.chatId, command: intent };
    if (!this.deps.admins.has(ctx.userId)) {
      ctx.log.warn({ ...who, outcome: 'refused: not an admin' }, 'admin command');
      return notice('需要管理员权限', `这个指令只有管理员可以使用。需要的话，请管理员把你的账号 ${ctx.userId} 加入 ADMIN_IDS。`, 'warning');
    }
    const off = this.offFor(ctx.userId);
    if (off) {
      ctx.log.warn({ ...who, outcome: 'refused: admin commands off on this platform' }, 'admin command');
      return off;
    }
    let card: Card;
    try {
      card = await this.dispatch(intent, args, ctx);
    } catch (err) {
      ctx.log.error({ ...who, outcome: 'error', err: String(err) }, 'admin command');
      return notice('指令没有完成', err instanceof Error ? err.message : String(err), 'error');
    }
    ctx.log.info({ ...who, outcome: card.kind === 'notice' ? card.title : card.kind }, 'admin command');
    return card;
  }

  async addReport(name: string, download: (maxBytes: number) => Promise<DownloadedFile>, ctx: CommandContext): Promise<Card> {
    const who = { user: ctx.userId, chat: ctx.chatId, command: 'add_report', file: name };
    if (!this.deps.admins.has(ctx.userId)) {
      ctx.log.warn({ ...who, outcome: 'refused: not an admin' }, 'admin command');
      return notice('只有管理员可以添加报告', `收到了文件"${name}"，但报告只能由管理员添加，这个文件没有保存。需要的话，请管理员把你的账号 ${ctx.userId} 加入 ADMIN_IDS。`, 'warning');
    }
    const off = this.offFor(ctx.userId);
    if (off) {
      ctx.log.warn({ ...who, outcome: 'refused: admin commands off on this platform' }, 'admin command');
      return off;
    }
    try {
      const got = await download(MAX_REPORT_BYTES);
      const { outcome, reload } = await addAndReload({ name: got.name ?? name, bytes: got.bytes }, { ...this.deps, by: ctx.userId });
      ctx.log.info({ ...who, outcome: outcome.status }, 'admin command');
      return addedCard(outcome, reload);
    } catch (err) {
      ctx.log.error({ ...who, outcome: 'error', err: String(err) }, 'admin command');
      return notice('报告没有添加', `文件"${name}"没有添加：${err instanceof Error ? err.message : String(err)}`, 'error');
    }
  }

  /** The refusal when admin commands are off on the user's platform. */
  private offFor(userId: string): Card | undefined {
    const why = this.deps.adminOff?.[userId.slice(0, userId.indexOf(':'))];
    return why ? notice('管理员指令未开启', why, 'warning') : undefined;
  }

  private async dispatch(intent: string, args: string, ctx: CommandContext): Promise<Card> {
    switch (intent) {
      case 'reload': {
        const r = await this.deps.reloader.reload(ctx.userId);
        return notice(r.ok ? '数据已重新加载' : '数据没有变化', r.summary, r.ok ? (r.failures.length ? 'warning' : 'info') : 'error');
      }
      case 'push_now':
        return this.pushNow(args, ctx);
      case 'subscribe':
        return this.subscribe(args, ctx);
      case 'unsubscribe': {
        const removed = await this.deps.state.unsubscribe(ctx.chatId);
        return notice(removed ? '已退订' : '本群没有订阅', removed ? '本群不再收到每日数据。' : '本群原本就没有订阅每日数据。');
      }
      case 'status':
        return this.status();
      case 'why':
        return this.why(args, ctx);
      case 'delete_report':
        return this.deleteReport(args, ctx);
      default:
        return notice('不认识的指令', `没有 ${intent} 这个管理员指令。`, 'warning');
    }
  }

  /** "/push": today's push; "/push 重发": also sends again where an earlier send was cut off. */
  private async pushNow(args: string, ctx: CommandContext): Promise<Card> {
    const resend = /^(重发|resend)$/i.test(args.trim());
    if (args.trim() && !resend) return notice('用法', '/push 推送今日数据；/push 重发 把推送中断、结果不明的群也再发一次（先确认这些群没有收到）。', 'warning');
    const results = await this.deps.pushNow(ctx.userId, resend ? { resendUnknown: true } : undefined);
    if (results.length === 0) return notice('没有订阅的群', '还没有群订阅每日数据。在群里发送 /订阅 即可订阅。', 'warning');
    const count = (s: PushOutcome['status']) => results.filter((r) => r.status === s).length;
    const failed = results.filter((r) => r.status === 'failed').map((r) => `${maskTarget(r.target)}：${scrubTargetSecrets(r.reason ?? '')}`);
    const unknown = results.filter((r) => r.status === 'unknown').map((r) => `${maskTarget(r.target)}：上次推送中断，群里可能已经收到，没有自动重发`);
    const lines = [
      `已发送 ${count('sent')} 个群，今天已发过 ${count('skipped')} 个，失败 ${count('failed')} 个${unknown.length ? `，结果不明 ${unknown.length} 个` : ''}。`,
      ...failed,
      ...unknown,
      ...(unknown.length ? ['确认这些群没有收到后，发送 /push 重发。'] : []),
    ];
    return notice('今日数据已推送', lines.join('\n'), failed.length ? 'error' : unknown.length ? 'warning' : 'info');
  }

  private async subscribe(args: string, ctx: CommandContext): Promise<Card> {
    if (ctx.chatType !== 'group') return notice('只能在群里订阅', '每日数据推送到群：请在要订阅的群里发送 /订阅。', 'warning');
    parseTarget(ctx.chatId);
    const unusable = this.deps.canPushTo(ctx.chatId);
    if (unusable) return notice('本群无法订阅', unusable, 'warning');
    const store = this.deps.stores.current;
    // "/订阅 乙市 床位": a place narrows to its reports, other words to facts that mention them.
    const mention = store.regions.scan(args).mentions[0];
    const topic = (mention ? args.replace(mention.text, '') : args).replace(/[市区县]$/, '').trim();
    const added = await this.deps.state.subscribe({
      target: ctx.chatId,
      ...(mention ? { region: mention.region.name } : {}),
      ...(topic ? { topic } : {}),
      addedBy: ctx.userId,
      addedAt: new Date().toISOString(),
      source: 'chat',
    });
    const filters = [mention ? `地区：${mention.region.name}` : '', topic ? `主题：${topic}` : ''].filter(Boolean).join('，');
    return notice(added ? '已订阅每日数据' : '已更新订阅', `本群每天会收到一条带出处的数据${filters ? `（${filters}）` : ''}。发送 /退订 可取消。`);
  }

  private async status(): Promise<Card> {
    const store = this.deps.stores.current;
    const [reload] = await this.deps.state.reloads(1);
    const history = await this.deps.state.pushHistory(200);
    const push = history[0];
    const unsettled = unsettledPushes(history, new Date());
    const subs = await this.deps.state.subscriptions();
    const uptime = Math.round((Date.now() - this.deps.startedAt.getTime()) / 60_000);
    const tz = this.deps.timeZone ?? 'Asia/Shanghai';
    const lines = [
      `报告 ${store.docs.size} 份，数据 ${store.facts.length} 条${store.failures.length ? `，未能读取 ${store.failures.map((f) => f.file).join('、')}` : ''}`,
      `数据加载于 ${localTime(store.builtAt, tz)}`,
      `最近一次重新加载：${reload ? `${localTime(reload.at, tz)} ${reload.by} ${reload.ok ? '成功' : '失败'}` : '无'}`,
      `最近一次推送：${push ? `${push.day} ${maskTarget(push.target)} ${push.status === 'sent' ? '已发送' : push.status === 'unknown' ? '结果不明（推送中断）' : `失败（${scrubTargetSecrets(push.error ?? '')}）`}` : '无'}`,
      ...(unsettled.length
        ? [`结果不明的推送（推送中断，没有自动重发；确认没收到后发送 /push 重发）：${unsettled.slice(0, 10).map((r) => `${r.day} ${maskTarget(r.target)}`).join('、')}`]
        : []),
      `订阅的群：${subs.length} 个`,
      `渠道：${Object.entries(this.deps.channels()).map(([k, v]) => `${k} ${v}`).join('，')}`,
      `状态存储：${this.deps.state.kind}，已运行 ${uptime} 分钟`,
    ];
    return notice('运行状态', lines.join('\n'));
  }

  /**
   * "/删除报告 名称" says which report it would delete; "/删除报告 名称 确认" deletes it: the file
   * (and its metadata) moves to SEEDS_DIR/.deleted, where it can be restored, and every replica
   * reloads. Asking twice needs no state, so the confirmation may reach another replica.
   */
  private async deleteReport(args: string, ctx: CommandContext): Promise<Card> {
    const confirmed = /\s确认$/.test(args.trim());
    const name = args.trim().replace(/\s*确认$/, '').trim();
    if (!name) return notice('用法', '/删除报告 后面跟报告的文件名或标题，例如：/删除报告 000_40ca54400f45fed3.txt。发送 /报告 查看报告列表。', 'warning');
    const docs = [...this.deps.stores.current.docs.values()];
    const exact = docs.filter((d) => d.id === name);
    const matches = exact.length ? exact : docs.filter((d) => d.id.startsWith(name) || d.meta.title.includes(name));
    if (matches.length === 0) return notice('没有这份报告', `没有文件名或标题是"${name}"的报告。发送 /报告 查看报告列表。`, 'warning');
    if (matches.length > 1) return notice('有多份报告符合', `"${name}"符合 ${matches.length} 份报告：\n${matches.slice(0, 10).map((d) => `${d.id} 《${d.meta.title}》`).join('\n')}\n请用完整的文件名。`, 'warning');
    const doc = matches[0]!;
    // A deletion is confirmed only for the file the preview named, never for a word that matches.
    if (confirmed && doc.id !== name) return notice('请用完整的文件名确认', `确认删除要写完整的文件名：/删除报告 ${doc.id} 确认`, 'warning');
    if (!confirmed) return notice('确认删除报告？', `将删除《${doc.meta.title}》（${doc.id}，${doc.facts} 条数据）。确认请发送：/删除报告 ${doc.id} 确认`, 'warning');
    await removeReport(this.deps.reportsDir, doc.id);
    const r = await this.deps.reloader.reload(ctx.userId);
    ctx.log.info({ user: ctx.userId, chat: ctx.chatId, command: 'delete_report', file: doc.id }, 'report deleted');
    return notice('报告已删除', `《${doc.meta.title}》（${doc.id}）已移到 .deleted 文件夹，可以从那里恢复。\n${r.summary}`, r.ok ? 'info' : 'error');
  }

  private why(args: string, ctx: CommandContext): Card {
    if (!args.trim()) return notice('用法', '/why 后面跟一个问题，例如：/why 枣庄实际开放床位多少张', 'warning');
    ctx.log.debug({ question: args }, 'why');
    return notice('匹配过程', explainMatch(this.deps.stores.current, args).join('\n'));
  }
}
