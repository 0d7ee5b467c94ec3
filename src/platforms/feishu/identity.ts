import type { Logger } from 'pino';
import { feishuHttp } from './http.js';

/**
 * Token-endpoint codes that mean the App ID and App Secret themselves are refused: 10014 "app
 * secret invalid", 10003 "invalid param" (no such app). Retrying cannot help; other codes and
 * network failures can pass, so they are retried.
 */
const REFUSED_CODES = new Set([10003, 10014]);

export interface FeishuIdentityOptions {
  appId: string;
  appSecret: string;
  /** Base URL; open.feishu.cn when not given. */
  domain?: string;
  log: Logger;
  /** Back-off between attempts while Feishu does not answer: from baseMs, doubling up to maxMs. */
  baseMs?: number;
  maxMs?: number;
}

type Attempt = { kind: 'known'; openId: string; name: string } | { kind: 'refused'; reason: string } | { kind: 'unavailable'; reason: string; hint: string };

/**
 * The bot's own open_id, read at start from `GET /open-apis/bot/v3/info` with a tenant token:
 * in a group the bot answers only messages that mention it, and a mention names the bot by it.
 * The first attempt is awaited by start(); while Feishu does not answer, later attempts run in
 * the background with back-off until it does. A token endpoint that refuses the App ID or
 * Secret is final: nothing more is tried, and refused() says why (the long connection reports
 * it as given up).
 */
export class FeishuBotIdentity {
  private id?: string;
  private refusal?: string;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private failures = 0;
  private readonly refusedListeners: ((reason: string) => void)[] = [];
  private readonly domain: string;

  constructor(private readonly opts: FeishuIdentityOptions) {
    this.domain = (opts.domain ?? 'https://open.feishu.cn').replace(/\/$/, '');
  }

  /** The bot's open_id (ou_…), once bot/v3/info gave it. */
  openId(): string | undefined {
    return this.id;
  }

  /** Why Feishu refused the credentials, when it did; then nothing will work until a restart. */
  refused(): string | undefined {
    return this.refusal;
  }

  /** Calls `listener` when the credentials are refused (at once if they already were). */
  onRefused(listener: (reason: string) => void): void {
    if (this.refusal) listener(this.refusal);
    else this.refusedListeners.push(listener);
  }

  /** Makes the first attempt (bounded by the HTTP timeout); later ones, if needed, in the background. */
  async start(): Promise<void> {
    await this.attempt();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const outcome = await this.fetch();
    if (this.stopped) return;
    const log = this.opts.log;
    if (outcome.kind === 'known') {
      this.id = outcome.openId;
      log.info({ openId: outcome.openId, name: outcome.name, attempts: this.failures + 1 }, "feishu bot identity known: group messages that mention it are answered");
      return;
    }
    if (outcome.kind === 'refused') {
      this.refusal = outcome.reason;
      log.error({ reason: outcome.reason }, 'feishu refused the app credentials; set FEISHU_APP_ID and FEISHU_APP_SECRET to the values under 开发者后台 → 凭证与基础信息 and restart');
      for (const l of this.refusedListeners.splice(0)) l(outcome.reason);
      return;
    }
    this.failures++;
    const base = this.opts.baseMs ?? 2_000;
    const max = this.opts.maxMs ?? 60_000;
    const waitMs = Math.round(Math.min(max, base * 2 ** (this.failures - 1)) * (0.75 + Math.random() * 0.5));
    log.warn(
      { reason: outcome.reason, attempt: this.failures, retryInMs: waitMs },
      `cannot read the feishu bot's own open_id (bot/v3/info): ${outcome.hint}; until then group messages are not answered (private chats are), retrying`,
    );
    this.timer = setTimeout(() => void this.attempt(), waitMs);
    this.timer.unref();
  }

  private async fetch(): Promise<Attempt> {
    const http = feishuHttp();
    let token: string;
    try {
      const res = (await http.request({
        method: 'post',
        url: `${this.domain}/open-apis/auth/v3/tenant_access_token/internal`,
        data: { app_id: this.opts.appId, app_secret: this.opts.appSecret },
        timeout: 10_000,
      })) as unknown as { code?: number; msg?: string; tenant_access_token?: string };
      if (res?.code === 0 && typeof res.tenant_access_token === 'string') token = res.tenant_access_token;
      else return this.tokenFailure(res);
    } catch (err) {
      const data = (err as { response?: { data?: { code?: number; msg?: string } } }).response?.data;
      if (data && typeof data.code === 'number') return this.tokenFailure(data);
      return { kind: 'unavailable', reason: `tenant token: ${describe(err)}`, hint: `check that ${this.domain} can be reached from here` };
    }
    try {
      const res = (await http.request({
        method: 'get',
        url: `${this.domain}/open-apis/bot/v3/info`,
        headers: { Authorization: `Bearer ${token}` },
        timeout: 10_000,
      })) as unknown as { code?: number; msg?: string; bot?: { open_id?: unknown; app_name?: unknown } };
      const openId = res?.bot?.open_id;
      if (res?.code === 0 && typeof openId === 'string' && openId) return { kind: 'known', openId, name: typeof res.bot?.app_name === 'string' ? res.bot.app_name : '' };
      return { kind: 'unavailable', reason: `bot/v3/info: code ${String(res?.code)} (${String(res?.msg ?? 'no open_id in the answer')})`, hint: 'enable the bot ability (应用能力 → 机器人) and publish a version' };
    } catch (err) {
      const data = (err as { response?: { status?: number; data?: { code?: number; msg?: string } } }).response;
      const said = data?.data && typeof data.data.code === 'number' ? `, code ${data.data.code} (${String(data.data.msg)})` : '';
      return { kind: 'unavailable', reason: `bot/v3/info: ${describe(err)}${said}`, hint: 'enable the bot ability (应用能力 → 机器人) and publish a version, and check that Feishu can be reached' };
    }
  }

  private tokenFailure(res: { code?: number; msg?: string } | undefined): Attempt {
    const said = `code ${String(res?.code)} (${String(res?.msg ?? 'no message')})`;
    if (typeof res?.code === 'number' && REFUSED_CODES.has(res.code)) return { kind: 'refused', reason: `the tenant token endpoint refused FEISHU_APP_ID/FEISHU_APP_SECRET: ${said}` };
    return { kind: 'unavailable', reason: `tenant token: ${said}`, hint: 'Feishu gave no tenant token; check FEISHU_APP_ID and FEISHU_APP_SECRET (开发者后台 → 凭证与基础信息) and that the app is published' };
  }
}

/** An error's message without the request it carried (an axios error would hold the body, with the secret). */
function describe(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; response?: { status?: unknown } };
  const status = e.response?.status;
  return `${typeof e.message === 'string' ? e.message : String(err)}${typeof e.code === 'string' ? ` [${e.code}]` : ''}${typeof status === 'number' ? ` (HTTP ${status})` : ''}`;
}
