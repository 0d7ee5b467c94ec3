import type { Logger } from 'pino';

// The SDK logs failed requests with their bodies; the token request's body holds the app secret.
const SECRET_FIELDS = /("?(?:app_secret|tenant_access_token|app_access_token|access_token|secret|encrypt_key|Authorization)"?\s*[:=]\s*"?)([^",}\s]+)/gi;

export function scrubSecrets(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(SECRET_FIELDS, '$1[redacted]').replace(/Bearer\s+[\w.-]+/g, 'Bearer [redacted]');
  if (Array.isArray(value)) return value.map(scrubSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) =>
        /secret|token|authorization|encrypt/i.test(k) ? [k, '[redacted]'] : [k, scrubSecrets(v)],
      ),
    );
  }
  return value;
}

/** The SDK's logger interface, forwarding to pino with secrets scrubbed. */
export function sdkLogger(log: Logger) {
  const forward = (level: 'error' | 'warn' | 'info' | 'debug' | 'trace') => (...msg: unknown[]) => log[level]({ sdk: scrubSecrets(msg) }, 'feishu sdk');
  return { error: forward('error'), warn: forward('warn'), info: forward('info'), debug: forward('debug'), trace: forward('trace') };
}
