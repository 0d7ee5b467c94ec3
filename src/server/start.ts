import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { Bot } from '../core/bot.js';
import { MemorySeenMessages, type SeenMessages } from '../core/dedupe.js';
import { StoreHolder } from '../core/store-holder.js';
import type { Config } from '../config.js';
import { Channel } from '../platforms/channel.js';
import { FeishuAdapter } from '../platforms/feishu/adapter.js';
import { startFeishuLongConnection } from '../platforms/feishu/long-connection.js';
import { FeishuSender } from '../platforms/feishu/sender.js';
import type { FactStore } from '../store/fact-store.js';
import { WeComAdapter, type WeComEvent } from '../platforms/wecom/adapter.js';
import { WxBizMsgCrypt } from '../platforms/wecom/crypto.js';
import { startWeComLongConnection } from '../platforms/wecom/long-connection.js';
import { createApp, type ChannelRoute } from './app.js';

export interface Running {
  server: Server;
  port: number;
  bot: Bot;
  channels: Record<string, Channel<Record<string, unknown>, unknown, unknown>>;
  /** Stops taking events, waits for answers under way, closes connections. */
  close(): Promise<void>;
  /** Resolves when every delivery taken so far has been answered (tests). */
  settle(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  store: FactStore;
  log: Logger;
  seen?: SeenMessages;
  /** Overrides for tests: a fake clock for signatures, instant sleeps for retries. */
  nowSec?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Starts the one express server holding every configured channel. */
export async function startServer(opts: StartOptions): Promise<Running> {
  const { config, log } = opts;
  const stores = new StoreHolder(opts.store);
  const bot = new Bot({ stores, seen: opts.seen ?? new MemorySeenMessages(), log });
  const channels: Running['channels'] = {};
  const routes: ChannelRoute[] = [];
  const closers: (() => void)[] = [];

  if (config.feishu) {
    const sender = new FeishuSender({
      appId: config.feishu.appId,
      appSecret: config.feishu.appSecret,
      ...(config.feishu.domain ? { domain: config.feishu.domain } : {}),
      log: log.child({ platform: 'feishu' }),
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
    });
    const adapter = new FeishuAdapter(config.feishu, sender, opts.nowSec);
    const channel = new Channel(adapter, bot, log.child({ platform: 'feishu' }));
    channels.feishu = channel as Channel<Record<string, unknown>, unknown, unknown>;
    if (config.feishu.mode === 'ws') {
      closers.push(startFeishuLongConnection(config.feishu, channels.feishu, log.child({ platform: 'feishu' })).close);
      log.info({ mode: 'ws' }, 'feishu channel on (long connection)');
    } else {
      routes.push({ path: '/feishu/events', channel: channel as Channel<unknown, unknown, unknown> });
      log.info({ mode: 'webhook', path: '/feishu/events', encrypted: Boolean(config.feishu.encryptKey), token: Boolean(config.feishu.verificationToken) }, 'feishu channel on (HTTP events)');
    }
  }
  if (config.wecom) {
    const wlog = log.child({ platform: 'wecom' });
    const adapter = new WeComAdapter({
      ...(config.wecom.mode === 'webhook' ? { crypto: new WxBizMsgCrypt(config.wecom.token!, config.wecom.aesKey!, '') } : {}),
      maxAgeSec: config.wecom.maxAgeSec,
      passiveDeadlineMs: config.wecom.passiveDeadlineMs,
      log: wlog,
      ...(config.publicUrl ? { linkFor: (file: string) => `${config.publicUrl}/reports/${encodeURIComponent(file)}` } : {}),
      ...(opts.nowSec ? { nowSec: opts.nowSec } : {}),
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
    });
    const channel = new Channel(adapter, bot, wlog);
    channels.wecom = channel as unknown as Channel<Record<string, unknown>, unknown, unknown>;
    if (config.wecom.mode === 'ws') {
      closers.push(startWeComLongConnection(config.wecom, channel as unknown as Channel<WeComEvent, unknown, unknown>, adapter, wlog).close);
      wlog.info({ mode: 'ws' }, 'wecom channel on (long connection)');
    } else {
      routes.push({ path: '/wecom/callback', channel: channel as Channel<unknown, unknown, unknown>, get: true });
      wlog.info({ mode: 'webhook', path: '/wecom/callback' }, 'wecom channel on (HTTP callback)');
    }
  }
  for (const [name, why] of Object.entries(config.off)) log.info({ channel: name, reason: why }, `${name} channel off`);

  const pending = new Set<Promise<void>>();
  const app = createApp({
    log,
    maxBodyBytes: config.maxBodyBytes,
    routes,
    background: (work) => {
      const p = work()
        .catch((err: unknown) => log.error({ err: String(err) }, 'background work failed'))
        .finally(() => pending.delete(p));
      pending.add(p);
    },
    status: () => ({
      name: 'factbot',
      reports: stores.current.docs.size,
      facts: stores.current.facts.length,
      channels: { feishu: config.feishu ? config.feishu.mode : 'off', wecom: config.wecom ? config.wecom.mode : 'off' },
    }),
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, reports: stores.current.docs.size, facts: stores.current.facts.length }, 'factbot listening');

  return {
    server,
    port,
    bot,
    channels,
    settle: async () => {
      while (pending.size) await Promise.allSettled([...pending]);
      await bot.drain();
    },
    close: async () => {
      for (const c of closers) c();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...pending]);
      await bot.drain();
    },
  };
}
