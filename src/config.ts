import { resolve } from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const optional = z.string().min(1).optional();

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  WEB_HOST: z.string().min(1).default('127.0.0.1'),
  WEB_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  WEB_ON_PUBLIC_PORT: z.enum(['true', 'false', '1', '0']).default('false'),
  WEB_ALLOWED_HOSTS: z
    .string()
    .refine((v) => v.split(',').every((h) => /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/i.test(h.trim())), 'a comma-separated list of host names, such as factbot.example.org,10.0.0.5')
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SEEDS_DIR: z.string().min(1).default('seeds'),
  INTENTS_DIR: z.string().min(1).default('intents'),
  BUILD_FILE_TIMEOUT_SEC: z.coerce.number().int().min(5).max(3600).default(120),
  BUILD_MEMORY_MB: z.coerce.number().int().min(256).max(16_384).default(1024),
  NODE_ENV: z.string().default('development'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(64 * 1024),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1000),

  FEISHU_APP_ID: z.string().regex(/^cli_\w+$/, 'a Feishu App ID looks like cli_…').optional(),
  FEISHU_APP_SECRET: optional,
  FEISHU_VERIFICATION_TOKEN: optional,
  FEISHU_ENCRYPT_KEY: optional,
  FEISHU_DOMAIN: z
    .string()
    .refine((v) => v === 'feishu' || v === 'lark' || /^https?:\/\/[^\s/]+(:\d+)?\/?$/.test(v), 'feishu, lark, or a base URL such as https://open.feishu.cn')
    .optional(),
  FEISHU_MODE: z.enum(['webhook', 'ws']).default('webhook'),
  FEISHU_MAX_AGE_SEC: z.coerce.number().int().min(30).max(3600).default(300),

  WECOM_MODE: z.enum(['webhook', 'ws']).default('webhook'),
  WECOM_BOT_TOKEN: optional,
  WECOM_BOT_AES_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'the EncodingAESKey is 43 letters and digits').optional(),
  WECOM_BOT_ID: optional,
  WECOM_BOT_SECRET: optional,
  WECOM_API_BASE: z.string().regex(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, 'a base URL such as https://qyapi.weixin.qq.com').default('https://qyapi.weixin.qq.com'),
  WECOM_WS_URL: z.string().regex(/^wss?:\/\/\S+$/, 'a ws:// or wss:// URL').optional(),
  WECOM_MAX_AGE_SEC: z.coerce.number().int().min(30).max(3600).default(300),
  WECOM_PASSIVE_DEADLINE_MS: z.coerce.number().int().min(0).max(4000).default(1500),
  ADMIN_IDS: z
    .string()
    .refine((v) => v.split(',').every((id) => /^(feishu|wecom):\S+$/.test(id.trim())), 'a comma-separated list of prefixed user ids, such as feishu:ou_xxx,wecom:zhangsan')
    // On Feishu an admin is known by the open_id alone (ou_…): user_id and union_id are other namespaces.
    .refine((v) => v.split(',').every((id) => !id.trim().startsWith('feishu:') || /^feishu:ou_\w+$/.test(id.trim())), 'a Feishu admin is named by the open_id (feishu:ou_…), not the user_id or union_id; whoever sends /status to the bot and is not an admin is told theirs')
    .optional(),
  ADMIN_TOKEN: z.string().min(16, 'at least 16 characters, e.g. from: openssl rand -hex 24').optional(),
  DATA_DIR: z.string().min(1).default('data'),
  REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'a redis:// or rediss:// URL').optional(),
  REDIS_PREFIX: z.string().min(1).default('factbot:'),
  PUSH_CRON: z.string().min(1).default('0 9 * * *'),
  PUSH_TZ: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  PUSH_TARGETS_FILE: z.string().min(1).optional(),
  RATE_USER_PER_MIN: z.coerce.number().int().min(1).max(10_000).default(20),
  RATE_CHAT_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(60),
  ANSWER_QUEUE_MAX: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  ANSWERS: z.enum(['on', 'off']).default('on'),
  PUBLIC_URL: z.string().regex(/^https?:\/\/\S+$/, 'the bot\'s public base URL, such as https://factbot.example.org').optional(),
});

/** The page's listener: PORT + 1 unless WEB_PORT says (0 with PORT 0, so tests get a free one). */
function webListener(c: z.infer<typeof ConfigSchema>): Config['web'] {
  const onPublicPort = c.WEB_ON_PUBLIC_PORT === 'true' || c.WEB_ON_PUBLIC_PORT === '1';
  const hosts = ['localhost', '127.0.0.1', '[::1]'];
  if (!['0.0.0.0', '::'].includes(c.WEB_HOST)) hosts.push(c.WEB_HOST.includes(':') ? `[${c.WEB_HOST}]` : c.WEB_HOST);
  if (c.PUBLIC_URL) hosts.push(new URL(c.PUBLIC_URL).hostname);
  for (const h of c.WEB_ALLOWED_HOSTS?.split(',') ?? []) if (h.trim()) hosts.push(h.trim());
  return {
    host: c.WEB_HOST,
    port: c.WEB_PORT ?? (c.PORT === 0 ? 0 : c.PORT === 65535 ? 65534 : c.PORT + 1),
    onPublicPort,
    allowedHosts: [...new Set(hosts.map((h) => h.toLowerCase()))],
  };
}

export interface BuildLimits {
  fileTimeoutMs: number;
  memoryMb: number;
}

export interface FeishuConfig {
  appId: string;
  appSecret: string;
  verificationToken?: string;
  encryptKey?: string;
  /** The SDK's domain: a base URL, or undefined for open.feishu.cn. */
  domain?: string;
  mode: 'webhook' | 'ws';
  maxAgeSec: number;
}

export interface WeComConfig {
  mode: 'webhook' | 'ws';
  token?: string;
  aesKey?: string;
  botId?: string;
  botSecret?: string;
  apiBase: string;
  wsUrl?: string;
  maxAgeSec: number;
  passiveDeadlineMs: number;
}

export interface Config {
  port: number;
  host: string;
  logLevel: (typeof LOG_LEVELS)[number];
  seedsDir: string;
  intentsDir: string;
  /** Bounds on reading one report when building a store (a worker thread's time and heap). */
  build: BuildLimits;
  production: boolean;
  maxBodyBytes: number;
  /** Limits on HTTP clients: how long a request and its headers may take, an idle keep-alive, open connections. */
  http: { requestTimeoutMs: number; headersTimeoutMs: number; keepAliveTimeoutMs: number; maxConnections: number };
  /** The bearer token the local page and scripts add reports and reload with; off when unset. */
  adminToken?: string;
  /** Undefined when the channel is off; `off` says why, for the start-up log. */
  feishu?: FeishuConfig;
  wecom?: WeComConfig;
  /** Where people reach the bot's pages (report links in WeCom template cards). */
  publicUrl?: string;
  /**
   * Where the page, its API, /status and /metrics listen: their own port on 127.0.0.1 by default,
   * or the public port too when onPublicPort; they answer only to allowedHosts.
   */
  web: { host: string; port: number; onPublicPort: boolean; allowedHosts: string[] };
  /** Group robot webhooks are always usable as push targets; this is their base URL. */
  wecomApiBase: string;
  admins: Set<string>;
  rateLimit: { perUser: number; perChat: number };
  /** Answers waiting or under way at most (ANSWER_QUEUE_MAX); `on` false (ANSWERS=off) claims and acknowledges without answering. */
  answers: { on: boolean; queueMax: number };
  dataDir: string;
  redis?: { url: string; prefix: string };
  push: { cron: string; timeZone: string; targetsFile?: string };
  off: Record<string, string>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * A setting that is well formed but does not work where the bot runs: a port in use, an address not
 * on this machine, Redis not answering, a push targets file that is missing or wrong. Found at
 * start; the message names the variable and says what to do, and entry points print it on one line.
 */
export class SettingError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingError';
  }
}

/**
 * Reads and checks every setting at once. Each problem names its variable and says what to do; a
 * secret's value is never repeated in an error.
 */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0]);
        const shown = /SECRET|TOKEN|KEY|REDIS_URL|ADMIN/.test(name) ? '' : ` (got ${JSON.stringify(env[name])})`;
        return `${name}: ${i.message}${shown}`;
      }),
    );
  }
  const c = parsed.data;
  const problems: string[] = [];
  const off: Record<string, string> = {};
  // The push schedule is checked now, not when it would first run.
  try {
    new Cron(c.PUSH_CRON, { timezone: c.PUSH_TZ, paused: true }).stop();
  } catch (err) {
    problems.push(`PUSH_CRON: ${(err as Error).message.replace(/^CronPattern: /, '').replace(/\.$/, '')}; five fields, minute hour day month weekday, such as 0 9 * * * (09:00 every day in PUSH_TZ) (got ${JSON.stringify(c.PUSH_CRON)})`);
  }
  if (c.HTTP_HEADERS_TIMEOUT_MS > c.HTTP_REQUEST_TIMEOUT_MS) {
    problems.push(`HTTP_HEADERS_TIMEOUT_MS: ${c.HTTP_HEADERS_TIMEOUT_MS} is longer than HTTP_REQUEST_TIMEOUT_MS (${c.HTTP_REQUEST_TIMEOUT_MS}), which covers the headers too; lower it or raise HTTP_REQUEST_TIMEOUT_MS`);
  }

  let feishu: FeishuConfig | undefined;
  if (c.FEISHU_APP_ID || c.FEISHU_APP_SECRET) {
    if (!c.FEISHU_APP_ID) problems.push('FEISHU_APP_ID: missing; FEISHU_APP_SECRET is set, set the App ID of the same app too');
    if (!c.FEISHU_APP_SECRET) problems.push('FEISHU_APP_SECRET: missing; FEISHU_APP_ID is set, set the App Secret of the same app too');
    // The SDK's long connection takes only App IDs of this form; with any other it logs once and
    // never connects (issue 13), so ws mode refuses it here.
    if (c.FEISHU_MODE === 'ws' && c.FEISHU_APP_ID && !/^cli_[0-9a-fA-F]{16}$/.test(c.FEISHU_APP_ID)) {
      problems.push('FEISHU_APP_ID: in ws mode it must be the App ID as Feishu shows it (开发者后台 → 凭证与基础信息): cli_ and 16 hexadecimal characters; the long connection refuses any other');
    }
    if (c.FEISHU_MODE === 'webhook' && !c.FEISHU_VERIFICATION_TOKEN && !c.FEISHU_ENCRYPT_KEY) {
      problems.push('FEISHU_VERIFICATION_TOKEN: set it (and preferably FEISHU_ENCRYPT_KEY) so events can be verified, or use FEISHU_MODE=ws');
    }
    if (c.FEISHU_APP_ID && c.FEISHU_APP_SECRET) {
      feishu = {
        appId: c.FEISHU_APP_ID,
        appSecret: c.FEISHU_APP_SECRET,
        ...(c.FEISHU_VERIFICATION_TOKEN ? { verificationToken: c.FEISHU_VERIFICATION_TOKEN } : {}),
        ...(c.FEISHU_ENCRYPT_KEY ? { encryptKey: c.FEISHU_ENCRYPT_KEY } : {}),
        ...(c.FEISHU_DOMAIN === 'lark' ? { domain: 'https://open.larksuite.com' } : c.FEISHU_DOMAIN && c.FEISHU_DOMAIN !== 'feishu' ? { domain: c.FEISHU_DOMAIN.replace(/\/$/, '') } : {}),
        mode: c.FEISHU_MODE,
        maxAgeSec: c.FEISHU_MAX_AGE_SEC,
      };
    }
  } else {
    off.feishu = 'FEISHU_APP_ID and FEISHU_APP_SECRET are not set';
  }
  let wecom: WeComConfig | undefined;
  const wecomBase = { apiBase: c.WECOM_API_BASE.replace(/\/$/, ''), maxAgeSec: c.WECOM_MAX_AGE_SEC, passiveDeadlineMs: c.WECOM_PASSIVE_DEADLINE_MS, ...(c.WECOM_WS_URL ? { wsUrl: c.WECOM_WS_URL } : {}) };
  if (c.WECOM_MODE === 'ws') {
    if (c.WECOM_BOT_ID || c.WECOM_BOT_SECRET) {
      if (!c.WECOM_BOT_ID) problems.push('WECOM_BOT_ID: missing; WECOM_MODE=ws needs the robot\'s Bot ID with WECOM_BOT_SECRET');
      if (!c.WECOM_BOT_SECRET) problems.push('WECOM_BOT_SECRET: missing; WECOM_MODE=ws needs the robot\'s Secret with WECOM_BOT_ID');
      if (c.WECOM_BOT_ID && c.WECOM_BOT_SECRET) wecom = { mode: 'ws', botId: c.WECOM_BOT_ID, botSecret: c.WECOM_BOT_SECRET, ...wecomBase };
    } else {
      off.wecom = 'WECOM_MODE=ws but WECOM_BOT_ID and WECOM_BOT_SECRET are not set';
    }
  } else if (c.WECOM_BOT_TOKEN || c.WECOM_BOT_AES_KEY) {
    if (!c.WECOM_BOT_TOKEN) problems.push('WECOM_BOT_TOKEN: missing; the callback needs the Token with WECOM_BOT_AES_KEY');
    if (!c.WECOM_BOT_AES_KEY) problems.push('WECOM_BOT_AES_KEY: missing; the callback needs the EncodingAESKey with WECOM_BOT_TOKEN');
    if (c.WECOM_BOT_TOKEN && c.WECOM_BOT_AES_KEY) wecom = { mode: 'webhook', token: c.WECOM_BOT_TOKEN, aesKey: c.WECOM_BOT_AES_KEY, ...wecomBase };
  } else {
    off.wecom = 'WECOM_BOT_TOKEN and WECOM_BOT_AES_KEY are not set (or WECOM_MODE=ws with WECOM_BOT_ID and WECOM_BOT_SECRET)';
  }
  if (problems.length) throw new ConfigError(problems);

  return {
    port: c.PORT,
    host: c.HOST,
    web: webListener(c),
    logLevel: c.LOG_LEVEL,
    seedsDir: resolve(c.SEEDS_DIR),
    intentsDir: resolve(c.INTENTS_DIR),
    build: { fileTimeoutMs: c.BUILD_FILE_TIMEOUT_SEC * 1000, memoryMb: c.BUILD_MEMORY_MB },
    production: c.NODE_ENV === 'production',
    maxBodyBytes: c.MAX_BODY_BYTES,
    http: { requestTimeoutMs: c.HTTP_REQUEST_TIMEOUT_MS, headersTimeoutMs: c.HTTP_HEADERS_TIMEOUT_MS, keepAliveTimeoutMs: c.HTTP_KEEP_ALIVE_TIMEOUT_MS, maxConnections: c.MAX_CONNECTIONS },
    ...(feishu ? { feishu } : {}),
    ...(wecom ? { wecom } : {}),
    ...(c.PUBLIC_URL ? { publicUrl: c.PUBLIC_URL.replace(/\/$/, '') } : {}),
    wecomApiBase: c.WECOM_API_BASE.replace(/\/$/, ''),
    rateLimit: { perUser: c.RATE_USER_PER_MIN, perChat: c.RATE_CHAT_PER_MIN },
    answers: { on: c.ANSWERS === 'on', queueMax: c.ANSWER_QUEUE_MAX },
    ...(c.ADMIN_TOKEN ? { adminToken: c.ADMIN_TOKEN } : {}),
    admins: new Set((c.ADMIN_IDS ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
    dataDir: resolve(c.DATA_DIR),
    ...(c.REDIS_URL ? { redis: { url: c.REDIS_URL, prefix: c.REDIS_PREFIX } } : {}),
    push: { cron: c.PUSH_CRON, timeZone: c.PUSH_TZ, ...(c.PUSH_TARGETS_FILE ? { targetsFile: resolve(c.PUSH_TARGETS_FILE) } : {}) },
    off,
  };
}
