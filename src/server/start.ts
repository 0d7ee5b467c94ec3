import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { AdminCommands } from '../admin/commands.js';
import { Reloader } from '../admin/reload.js';
import { Bot } from '../core/bot.js';
import { StoreHolder } from '../core/store-holder.js';
import { SettingError, type Config } from '../config.js';
import { Channel } from '../platforms/channel.js';
import { FeishuAdapter } from '../platforms/feishu/adapter.js';
import { FeishuBotIdentity } from '../platforms/feishu/identity.js';
import { startFeishuLongConnection } from '../platforms/feishu/long-connection.js';
import type { LongConnection } from '../platforms/types.js';
import { WeComAdapter, type WeComEvent } from '../platforms/wecom/adapter.js';
import { WxBizMsgCrypt } from '../platforms/wecom/crypto.js';
import { startWeComLongConnection, wecomChatSender, type WeComSdkTiming } from '../platforms/wecom/long-connection.js';
import type { PushOutcome } from '../push/daily.js';
import { pushRunner, pushSenders } from '../push/runner.js';
import { PushScheduler } from '../push/scheduler.js';
import { loadTargetsFile, parseTarget } from '../push/targets.js';
import { SqliteState } from '../state/sqlite-state.js';
import { StateSeenMessages } from '../state/seen-adapter.js';
import type { StateStore } from '../state/state.js';
import type { FactStore } from '../store/fact-store.js';
import { createApp, createWebApp, type ChannelRoute } from './app.js';
import { limitedServer } from './http-server.js';
import { buildFactStoreIsolated, snapshotDir } from '../store/isolated-build.js';
import { Metrics } from './metrics.js';
import { adminApiRouter } from '../web/admin-api.js';
import { apiRouter } from '../web/api.js';
import { explainMatch } from '../admin/why.js';
import { FollowUps } from '../core/ask.js';

export interface Running {
  server: Server;
  port: number;
  /** The port of the page, its API, /status and /metrics: its own listener, or `port` when WEB_ON_PUBLIC_PORT. */
  webPort: number;
  bot: Bot;
  state: StateStore;
  stores: StoreHolder;
  reloader: Reloader;
  channels: Record<string, Channel<Record<string, unknown>, unknown, unknown>>;
  /** Runs today's push now (the /push command): each group at most once a day. */
  pushNow(by: string, opts?: { dryRun?: boolean; day?: string; resendUnknown?: boolean }): Promise<PushOutcome[]>;
  /** Stops taking events, waits for answers under way, closes connections. */
  close(): Promise<void>;
  /** Resolves when every delivery taken so far has been answered (tests). */
  settle(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  store: FactStore;
  log: Logger;
  /** Shared state; opened from the config (REDIS_URL, else DATA_DIR) when not given. */
  state?: StateStore;
  /** How a reload builds a store; from SEEDS_DIR and INTENTS_DIR when not given. */
  build?: () => Promise<FactStore>;
  /** Start the daily push schedule (default true). */
  schedule?: boolean;
  /** Overrides for tests: a fake clock for signatures, instant sleeps for retries. */
  nowSec?: () => number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Tests: a shorter reconnect back-off and ping interval for the WeCom long connection's SDK. */
  wecomSdkTiming?: WeComSdkTiming;
}

/** Opens the state the config asks for: Redis for several replicas, else SQLite in DATA_DIR/state.db. */
export async function openState(config: Config, log: Logger): Promise<StateStore> {
  // ioredis loads only when Redis is configured (~0.2 s and ~20 MB at start otherwise).
  if (config.redis) return (await import('../state/redis-state.js')).RedisState.connect(config.redis.url, { prefix: config.redis.prefix, log: log.child({ state: 'redis' }) });
  const slog = log.child({ state: 'sqlite' });
  return SqliteState.open(config.dataDir, {
    onImport: (counts) => slog.info(counts, 'moved the old state files into state.db (renamed *.migrated)'),
    onWriterError: (why) => slog.warn({ why }, 'the thread claiming message ids in state.db failed; claims run on the event loop now'),
  });
}

/**
 * Feishu admin commands are off in production when events are verified by the Verification Token
 * alone: the token travels in every event, so a captured one can be replayed or reworded.
 */
export function feishuAdminOff(config: Config): Record<string, string> {
  if (!config.production || config.feishu?.mode !== 'webhook' || config.feishu.encryptKey) return {};
  return {
    feishu:
      '飞书事件目前只用 Verification Token 校验，截获的事件可能被重放或改写，所以生产环境下不接受飞书上的管理员指令。' +
      '请在飞书开放平台"事件与回调 → 加密策略"里设置 Encrypt Key，把它写入 FEISHU_ENCRYPT_KEY 后重启机器人。',
  };
}

/** Starts the one express server holding every configured channel, the push schedule and state. */
export async function startServer(opts: StartOptions): Promise<Running> {
  const { config, log } = opts;
  const replica = randomBytes(4).toString('hex');
  // A wrong push targets file is found now, not at 09:00 (a SettingError naming PUSH_TARGETS_FILE).
  if (config.push.targetsFile) await loadTargetsFile(config.push.targetsFile);
  const state = opts.state ?? (await openState(config, log));
  const stores = new StoreHolder(opts.store);
  const channels: Running['channels'] = {};
  const routes: ChannelRoute[] = [];
  const closers: (() => void)[] = [];
  /** The long connections, by platform: /readyz is not ready once one gave up. */
  const connections: Record<string, LongConnection> = {};
  const senders = pushSenders(config, log, opts.sleep);

  const metrics = new Metrics();
  const reloader = new Reloader({
    stores,
    build: opts.build ?? (() => buildFactStoreIsolated({ seedsDir: config.seedsDir, intentsDir: config.intentsDir, limits: config.build, cacheDir: snapshotDir(config.dataDir) })),
    state,
    log: log.child({ part: 'reload' }),
  });
  await reloader.listen();

  const pushLog = log.child({ part: 'push' });
  const runPush = pushRunner({ config, state, stores, senders, log: pushLog, owner: replica, ...(opts.now ? { now: opts.now } : {}), ...(opts.sleep ? { sleep: opts.sleep } : {}) });

  // Counted here, whoever runs the push (schedule, /push, the CLI) or the reload.
  const pushNow: typeof runPush = async (by, o) => {
    const results = await runPush(by, o);
    for (const r of results) metrics.pushes.inc({ status: r.status });
    return results;
  };
  reloader.onOutcome = (ok) => {
    metrics.reloads.inc({ ok: String(ok) });
    metrics.facts.set(stores.current.facts.length);
    metrics.reports.set(stores.current.docs.size);
  };

  const commands = new AdminCommands({
    admins: config.admins,
    reportsDir: config.seedsDir,
    reloader,
    pushNow: (by, o) => pushNow(by, o),
    state,
    stores,
    startedAt: new Date(),
    channels: () => ({ feishu: config.feishu?.mode ?? 'off', wecom: config.wecom?.mode ?? 'off' }),
    canPushTo: (target) => {
      const { kind } = parseTarget(target);
      if (kind === 'wecom-chat' && config.wecom?.mode !== 'ws') return '企业微信智能机器人只能通过长连接（WECOM_MODE=ws）主动推送；也可以把本群的消息推送 webhook 写入 PUSH_TARGETS_FILE。';
      if (kind === 'feishu-chat' && !config.feishu) return '飞书应用没有配置。';
      return undefined;
    },
    adminOff: feishuAdminOff(config),
    timeZone: config.push.timeZone,
  });
  // The chats' follow-up context, and the web API's apart: anonymous web traffic never evicts a group's.
  const followUps = new FollowUps();
  const webFollowUps = new FollowUps();
  const bot = new Bot({ stores, seen: new StateSeenMessages(state), log, commands, followUps, metrics, rateLimit: config.rateLimit, answers: config.answers });
  metrics.facts.set(stores.current.facts.length);
  metrics.reports.set(stores.current.docs.size);

  if (config.feishu) {
    const flog = log.child({ platform: 'feishu' });
    const sender = senders.feishu!;
    // Feishu (issue 13): the bot's own open_id, so that a group message is answered only when it
    // mentions the bot. The first attempt is awaited (bounded by its HTTP timeout); while Feishu
    // does not answer, the identity keeps trying in the background and groups wait for it.
    const identity = new FeishuBotIdentity({ appId: config.feishu.appId, appSecret: config.feishu.appSecret, ...(config.feishu.domain ? { domain: config.feishu.domain } : {}), log: flog });
    await identity.start();
    closers.push(() => identity.stop());
    const channel = new Channel(new FeishuAdapter(config.feishu, sender, opts.nowSec, identity), bot, flog);
    channels.feishu = channel as Channel<Record<string, unknown>, unknown, unknown>;
    if (config.feishu.mode === 'ws') {
      connections.feishu = startFeishuLongConnection(config.feishu, channels.feishu, flog, identity);
      closers.push(connections.feishu.close);
      flog.info({ mode: 'ws' }, 'feishu channel on (long connection)');
    } else {
      routes.push({ path: '/feishu/events', channel: channel as Channel<unknown, unknown, unknown> });
      flog.info({ mode: 'webhook', path: '/feishu/events', encrypted: Boolean(config.feishu.encryptKey), token: Boolean(config.feishu.verificationToken) }, 'feishu channel on (HTTP events)');
      const off = feishuAdminOff(config).feishu;
      if (off) flog.warn({ reason: 'FEISHU_ENCRYPT_KEY is not set' }, 'admin commands from Feishu are off in production');
    }
  }

  if (config.wecom) {
    const wlog = log.child({ platform: 'wecom' });
    const adapter = new WeComAdapter({
      ...(config.wecom.mode === 'webhook' ? { crypto: new WxBizMsgCrypt(config.wecom.token!, config.wecom.aesKey!, ''), encodingAesKey: config.wecom.aesKey! } : {}),
      maxAgeSec: config.wecom.maxAgeSec,
      passiveDeadlineMs: config.wecom.passiveDeadlineMs,
      log: wlog,
      ...(senders.linkFor ? { linkFor: senders.linkFor } : {}),
      ...(opts.nowSec ? { nowSec: opts.nowSec } : {}),
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
    });
    const channel = new Channel(adapter, bot, wlog);
    channels.wecom = channel as unknown as Channel<Record<string, unknown>, unknown, unknown>;
    if (config.wecom.mode === 'ws') {
      connections.wecom = startWeComLongConnection(config.wecom, channel as unknown as Channel<WeComEvent, unknown, unknown>, adapter, wlog, opts.wecomSdkTiming);
      closers.push(connections.wecom.close);
      senders.wecomChats = wecomChatSender(adapter);
      wlog.info({ mode: 'ws' }, 'wecom channel on (long connection)');
    } else {
      routes.push({ path: '/wecom/callback', channel: channel as Channel<unknown, unknown, unknown>, get: true });
      wlog.info({ mode: 'webhook', path: '/wecom/callback' }, 'wecom channel on (HTTP callback)');
    }
  }
  for (const [name, why] of Object.entries(config.off)) log.info({ channel: name, reason: why }, `${name} channel off`);
  log.info({ state: state.kind, admins: config.admins.size }, 'state and admins');

  let scheduler: PushScheduler | undefined;

  const pending = new Set<Promise<void>>();
  let draining = false;
  // The long connections that stopped trying, and why (credentials refused, attempts used up).
  const gaveUp = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, c] of Object.entries(connections)) {
      const why = c.gaveUp();
      if (why) out[name] = why;
    }
    return out;
  };
  const status = () => {
    const stopped = gaveUp();
    return {
      name: 'factbot',
      reports: stores.current.docs.size,
      facts: stores.current.facts.length,
      channels: { feishu: config.feishu ? config.feishu.mode : 'off', wecom: config.wecom ? config.wecom.mode : 'off' },
      ...(Object.keys(stopped).length ? { gaveUp: stopped } : {}),
    };
  };
  const web = createWebApp({
    log,
    metrics,
    status,
    allowedHosts: config.web.allowedHosts,
    adminApi: adminApiRouter({ ...(config.adminToken ? { token: config.adminToken } : {}), reportsDir: config.seedsDir, reloader, stores }),
    api: apiRouter({
      stores,
      followUps: webFollowUps,
      why: (q) => explainMatch(stores.current, q),
      ...(senders.linkFor ? { linkFor: senders.linkFor } : {}),
      onAnswer: (answered, ms) => {
        metrics.questions.inc({ platform: 'web', outcome: answered ? 'answered' : 'not_found' });
        metrics.latency.observe({ platform: 'web' }, ms / 1000);
      },
    }),
  });
  const app = createApp({
    log,
    metrics,
    ...(config.web.onPublicPort ? { web } : {}),
    ready: async () =>
      stores.current.facts.length > 0 &&
      Object.keys(gaveUp()).length === 0 &&
      (state.kind === 'sqlite' || (await state.firstSighting(`ready:${replica}`, 1000).then(() => true))),
    maxBodyBytes: config.maxBodyBytes,
    routes,
    background: (work) => {
      const p = work()
        .catch((err: unknown) => log.error({ err: String(err) }, 'background work failed'))
        .finally(() => pending.delete(p));
      pending.add(p);
    },
    draining: () => draining,
    status,
  });

  const server = limitedServer(app, config.http);
  // The page and its API on their own listener, local by default, unless served on the public port.
  const webServer = config.web.onPublicPort ? undefined : limitedServer(web, config.http);
  let port: number;
  let webPort: number;
  try {
    port = await listen(server, config.port, config.host, { port: 'PORT', host: 'HOST' });
    webPort = webServer ? await listen(webServer, config.web.port, config.web.host, { port: 'WEB_PORT', host: 'WEB_HOST' }) : port;
  } catch (err) {
    // Nothing runs on: no push schedule, no long connections, no state left open.
    for (const c of closers) c();
    if (server.listening) await new Promise((r) => server.close(r));
    if (!opts.state) await state.close().catch(() => undefined);
    throw err;
  }

  // The daily push, once the bot is surely up.
  if (opts.schedule !== false) {
    scheduler = new PushScheduler({
      cron: config.push.cron,
      timeZone: config.push.timeZone,
      run: async (day, reason) => {
        const results = await pushNow(`schedule:${reason}`, { day });
        if (results.length) pushLog.info({ day, reason, sent: results.filter((r) => r.status === 'sent').length, results: results.length }, 'daily push run');
      },
      log: pushLog,
      ...(opts.now ? { now: opts.now } : {}),
    });
    void scheduler.start().catch((err: unknown) => pushLog.error({ err: String(err) }, 'push schedule did not start'));
  }
  log.info({ port, webPort, webHost: webServer ? config.web.host : config.host, reports: stores.current.docs.size, facts: stores.current.facts.length }, 'factbot listening');

  const settle = async () => {
    while (pending.size) await Promise.allSettled([...pending]);
    await bot.drain();
  };
  return {
    server,
    port,
    webPort,
    bot,
    state,
    stores,
    reloader,
    channels,
    pushNow,
    settle,
    close: async () => {
      // Stop taking events, finish the answers under way, then let go of connections and state.
      draining = true;
      scheduler?.stop();
      for (const c of closers) c();
      const listeners = webServer ? [server, webServer] : [server];
      const closed = Promise.all(listeners.map((l) => new Promise<void>((resolve) => l.close(() => resolve()))));
      for (const l of listeners) l.closeIdleConnections();
      await settle();
      await scheduler?.idle();
      for (const l of listeners) l.closeAllConnections();
      await closed;
      if (!opts.state) await state.close();
    },
  };
}

/**
 * Listens, resolving with the port bound. A port in use, one this user may not open or an address
 * not on this machine rejects with a SettingError naming the variable to change (PORT/HOST, or
 * WEB_PORT/WEB_HOST for the page's listener).
 */
function listen(server: Server, port: number, host: string, names: { port: string; host: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException) => reject(listenError(err, port, host, names));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export function listenError(err: NodeJS.ErrnoException, port: number, host: string, names: { port: string; host: string }): SettingError {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const webDefault = names.port === 'WEB_PORT' ? ' (WEB_PORT defaults to PORT + 1)' : '';
  switch (err.code) {
    case 'EADDRINUSE':
      return new SettingError(names.port, `${names.port}: cannot listen on ${where}: the port is in use (another factbot, or another program); stop it or set ${names.port} to a free port${webDefault}`);
    case 'EACCES':
      return new SettingError(names.port, `${names.port}: cannot listen on ${where}: this user may not open port ${port}; use a port from 1024 up${webDefault}`);
    case 'EADDRNOTAVAIL':
      return new SettingError(names.host, `${names.host}: cannot listen on ${where}: ${host} is not an address of this machine; set ${names.host} to one of its addresses, 127.0.0.1, or 0.0.0.0 for all`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new SettingError(names.host, `${names.host}: cannot listen on ${where}: the name ${host} does not resolve; set ${names.host} to an address of this machine, 127.0.0.1, or 0.0.0.0 for all`);
    default:
      return new SettingError(names.port, `${names.port}/${names.host}: cannot listen on ${where} (${err.code ?? 'error'}: ${err.message})`);
  }
}
