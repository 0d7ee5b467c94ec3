import pino, { type Logger, type LoggerOptions } from 'pino';
import { scrubTargetSecrets } from './push/mask.js';

/** Paths never written to a log, whatever an object carries. */
export const REDACT_PATHS = [
  '*.appSecret', '*.app_secret', '*.secret', '*.token', '*.encryptKey', '*.encrypt_key', '*.aesKey',
  '*.password', '*.authorization', 'req.headers.authorization', 'headers.authorization', '*.tenant_access_token',
];

/**
 * Redaction for every logger: fields by name, and, in the finished line, push credentials wherever
 * they are (a WeCom robot key or a Feishu hook token inside a target, an error message or a URL).
 */
export function logOptions(level: string): LoggerOptions {
  return { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, hooks: { streamWrite: scrubTargetSecrets } };
}

/**
 * JSON lines in production; readable lines in a terminal when pino-pretty is installed (it is a
 * development dependency). `fd` 2 keeps standard output free for a CLI's answers.
 */
export function createLogger(opts: { level: string; pretty: boolean; fd?: 1 | 2 }): Logger {
  const fd = opts.fd ?? 1;
  const options = logOptions(opts.level);
  if (opts.pretty && hasPretty()) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', destination: fd } } });
  }
  return pino(options, pino.destination({ fd, sync: true }));
}

function hasPretty(): boolean {
  try {
    import.meta.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** What a store build says: counts, and each file it could not read with the reason. */
export function logStoreBuild(log: Logger, store: { docs: ReadonlyMap<string, unknown>; facts: readonly unknown[]; failures: readonly { file: string; reason: string }[]; warnings: readonly { file: string; reason: string }[]; buildMs: number; fromSnapshot?: number }): void {
  log.info({ docs: store.docs.size, facts: store.facts.length, ms: Math.round(store.buildMs), ...(store.fromSnapshot ? { fromSnapshot: store.fromSnapshot } : {}) }, 'fact store built');
  for (const f of store.failures) log.warn({ file: f.file, reason: f.reason }, 'report not loaded');
  for (const w of store.warnings) log.warn({ file: w.file, reason: w.reason }, 'report loaded with a warning');
}
