import type { Logger } from 'pino';

// The SDK logs failed requests with their bodies; the token request's body holds the app secret.
// "Authorization: Bearer t-…" loses the scheme and the token together.
const SECRET_FIELDS = /("?(?:app_secret|tenant_access_token|app_access_token|access_token|secret|encrypt_key|Authorization)"?\s*[:=]\s*"?)((?:Bearer\s+)?[^",}&\s]+)/gi;
const SECRET_KEYS = /secret|token|authorization|encrypt/i;

// What one log call may hold: axios errors carry sockets, agents and buffers, and are circular.
const MAX_DEPTH = 8;
const MAX_KEYS = 50;
const MAX_ITEMS = 50;
const MAX_STRING = 4000;
const MAX_NODES = 2000;

function scrubString(s: string): string {
  const cut = s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}… (${s.length - MAX_STRING} more characters)` : s;
  return cut.replace(SECRET_FIELDS, '$1[redacted]').replace(/Bearer\s+[\w.-]+/g, 'Bearer [redacted]');
}

interface Walk {
  seen: WeakSet<object>;
  nodes: number;
}

/**
 * A copy of what the SDK logs that is safe to write: secrets redacted (by field name and inside
 * strings), cycles, depth, sizes and oddities (getters that throw, BigInt) bounded. An Error keeps
 * its name, message, code, status and cause, and for an HTTP error the response's status and data.
 * Never throws: whatever goes wrong, a plain string stands in.
 */
export function scrubSecrets(value: unknown): unknown {
  try {
    return scrub(value, 0, { seen: new WeakSet(), nodes: 0 });
  } catch (err) {
    try {
      return scrubString(`[unloggable value: ${String(err)}]`);
    } catch {
      return '[unloggable value]';
    }
  }
}

function scrub(value: unknown, depth: number, walk: Walk): unknown {
  switch (typeof value) {
    case 'string':
      return scrubString(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
  }
  if (value === null) return null;
  const obj = value as object;
  if (walk.seen.has(obj)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (++walk.nodes > MAX_NODES) return '[too large]';
  walk.seen.add(obj);
  if (obj instanceof Error) return scrubError(obj, depth, walk);
  if (ArrayBuffer.isView(obj)) return `[${obj.byteLength} bytes]`;
  if (obj instanceof ArrayBuffer) return `[${obj.byteLength} bytes]`;
  if (Array.isArray(obj)) {
    const items = obj.slice(0, MAX_ITEMS).map((v) => scrub(v, depth + 1, walk));
    return obj.length > MAX_ITEMS ? [...items, `[${obj.length - MAX_ITEMS} more items]`] : items;
  }
  const keys = Object.keys(obj);
  const out: Record<string, unknown> = {};
  for (const k of keys.slice(0, MAX_KEYS)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : scrub(read(obj, k), depth + 1, walk);
  if (keys.length > MAX_KEYS) out['…'] = `[${keys.length - MAX_KEYS} more keys]`;
  return out;
}

/** What an error says about itself; an axios error's request, config and sockets stay out. */
function scrubError(err: Error, depth: number, walk: Walk): Record<string, unknown> {
  const e = err as Error & { code?: unknown; status?: unknown; response?: unknown; cause?: unknown };
  const out: Record<string, unknown> = { name: scrub(read(e, 'name'), depth + 1, walk), message: scrub(read(e, 'message'), depth + 1, walk) };
  for (const k of ['code', 'status'] as const) {
    const v = read(e, k);
    if (v !== undefined) out[k] = scrub(v, depth + 1, walk);
  }
  const response = read(e, 'response') as { status?: unknown; statusText?: unknown; data?: unknown } | undefined;
  if (response && typeof response === 'object') {
    out.response = {
      status: scrub(read(response, 'status'), depth + 2, walk),
      ...(read(response, 'statusText') ? { statusText: scrub(read(response, 'statusText'), depth + 2, walk) } : {}),
      data: scrub(read(response, 'data'), depth + 2, walk),
    };
  }
  const cause = read(e, 'cause');
  if (cause !== undefined) out.cause = scrub(cause, depth + 1, walk);
  return out;
}

/** A property, or what reading it threw. */
function read(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch (err) {
    return `[unreadable: ${err instanceof Error ? err.message : 'error'}]`;
  }
}

/** The SDK's logger interface, forwarding to pino with secrets scrubbed; it never throws into the SDK. */
export function sdkLogger(log: Logger) {
  const forward =
    (level: 'error' | 'warn' | 'info' | 'debug' | 'trace') =>
    (...msg: unknown[]) => {
      try {
        log[level]({ sdk: scrubSecrets(msg) }, 'feishu sdk');
      } catch {
        // Logging must not break the call that logs; nothing better to do with a failing logger.
      }
    };
  return { error: forward('error'), warn: forward('warn'), info: forward('info'), debug: forward('debug'), trace: forward('trace') };
}
