import { resolve } from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SEEDS_DIR: z.string().min(1).default('seeds'),
  INTENTS_DIR: z.string().min(1).default('intents'),
  NODE_ENV: z.string().default('development'),
});

export interface Config {
  port: number;
  logLevel: (typeof LOG_LEVELS)[number];
  seedsDir: string;
  intentsDir: string;
  production: boolean;
}

export class ConfigError extends Error {}

/** Reads and checks every setting at once; the error names each variable that is wrong. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    logLevel: c.LOG_LEVEL,
    seedsDir: resolve(c.SEEDS_DIR),
    intentsDir: resolve(c.INTENTS_DIR),
    production: c.NODE_ENV === 'production',
  };
}
