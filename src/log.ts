import pino, { type Logger } from 'pino';

/** Paths never written to a log, whatever an object carries. */
export const REDACT_PATHS = [
  '*.appSecret', '*.app_secret', '*.secret', '*.token', '*.encryptKey', '*.encrypt_key', '*.aesKey',
  '*.password', '*.authorization', 'req.headers.authorization', 'headers.authorization', '*.tenant_access_token',
];

export function createLogger(opts: { level: string; pretty: boolean }): Logger {
  return pino({
    level: opts.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(opts.pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
}
