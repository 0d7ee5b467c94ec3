import { resolve } from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const optional = z.string().min(1).optional();

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SEEDS_DIR: z.string().min(1).default('seeds'),
  INTENTS_DIR: z.string().min(1).default('intents'),
  NODE_ENV: z.string().default('development'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(64 * 1024),

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
});

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

export interface Config {
  port: number;
  host: string;
  logLevel: (typeof LOG_LEVELS)[number];
  seedsDir: string;
  intentsDir: string;
  production: boolean;
  maxBodyBytes: number;
  /** Undefined when the channel is off; `off` says why, for the start-up log. */
  feishu?: FeishuConfig;
  off: Record<string, string>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
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
        const shown = /SECRET|TOKEN|KEY/.test(name) ? '' : ` (got ${JSON.stringify(env[name])})`;
        return `${name}: ${i.message}${shown}`;
      }),
    );
  }
  const c = parsed.data;
  const problems: string[] = [];
  const off: Record<string, string> = {};

  let feishu: FeishuConfig | undefined;
  if (c.FEISHU_APP_ID || c.FEISHU_APP_SECRET) {
    if (!c.FEISHU_APP_ID) problems.push('FEISHU_APP_ID: missing; FEISHU_APP_SECRET is set, set the App ID of the same app too');
    if (!c.FEISHU_APP_SECRET) problems.push('FEISHU_APP_SECRET: missing; FEISHU_APP_ID is set, set the App Secret of the same app too');
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
  if (problems.length) throw new ConfigError(problems);

  return {
    port: c.PORT,
    host: c.HOST,
    logLevel: c.LOG_LEVEL,
    seedsDir: resolve(c.SEEDS_DIR),
    intentsDir: resolve(c.INTENTS_DIR),
    production: c.NODE_ENV === 'production',
    maxBodyBytes: c.MAX_BODY_BYTES,
    ...(feishu ? { feishu } : {}),
    off,
  };
}
