import { decryptFeishu, feishuSignature, safeEqual, signatureMatches } from './crypto.js';

export interface FeishuSecurity {
  verificationToken?: string;
  encryptKey?: string;
  /**
   * How old a request may be, in seconds: a signed one by its signature's timestamp, a token-only
   * one (no Encrypt Key) by its event's header.create_time.
   */
  maxAgeSec: number;
}

export type VerifyOutcome =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; envelope: Record<string, unknown> }
  | { kind: 'reject'; status: 400 | 401; reason: string };

const reject = (status: 400 | 401, reason: string): VerifyOutcome => ({ kind: 'reject', status, reason });

/**
 * Checks an HTTP event from Feishu, in a fixed order: signature over the raw bytes, decryption,
 * the url_verification challenge, the Verification Token. Nothing reaches the core unless every
 * check passes. The SDK's EventDispatcher is not used for this: it hashes re-serialized JSON,
 * never bounds the timestamp and never checks the token on events.
 */
export function verifyFeishuRequest(
  raw: Buffer,
  headers: Record<string, string | string[] | undefined>,
  sec: FeishuSecurity,
  nowSec: number = Date.now() / 1000,
): VerifyOutcome {
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const timestamp = header('x-lark-request-timestamp');
  const nonce = header('x-lark-request-nonce');
  const signature = header('x-lark-signature');
  const signed = Boolean(timestamp && nonce && signature);

  // 1. Signature, when the app has an Encrypt Key (Feishu signs with it).
  if (sec.encryptKey && signed) {
    if (!signatureMatches(feishuSignature(timestamp!, nonce!, sec.encryptKey, raw), signature!.toLowerCase())) {
      return reject(401, 'signature does not match');
    }
    const ts = Number(timestamp);
    if (!Number.isFinite(ts) || Math.abs(nowSec - ts) > sec.maxAgeSec) return reject(401, 'timestamp outside the allowed window');
  }

  // 2. Parse, then decrypt.
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return reject(400, 'body is not JSON');
  }
  if (!isObject(body)) return reject(400, 'body is not a JSON object');
  if (typeof body.encrypt === 'string') {
    if (!sec.encryptKey) return reject(400, 'encrypted event but FEISHU_ENCRYPT_KEY is not set');
    // A wrong key yields valid padding about one time in 256; what Feishu encrypts is always JSON,
    // so a plaintext that is not JSON is the same failure as bad padding.
    try {
      body = JSON.parse(decryptFeishu(body.encrypt, sec.encryptKey));
    } catch {
      return reject(401, 'cannot decrypt with the configured Encrypt Key');
    }
    if (!isObject(body)) return reject(400, 'decrypted body is not a JSON object');
  }
  const event = body as Record<string, unknown>;

  // 3. The challenge may come without signature headers; its token is still checked.
  if (event.type === 'url_verification') {
    if (typeof event.challenge !== 'string') return reject(400, 'url_verification without a challenge');
    if (sec.verificationToken && !safeEqual(String(event.token ?? ''), sec.verificationToken)) return reject(401, 'wrong verification token');
    return { kind: 'challenge', challenge: event.challenge };
  }

  // Events must be signed when the app signs them; an unsigned one is a forgery.
  if (sec.encryptKey && !signed) return reject(401, 'event without signature headers');

  // 4. The Verification Token: header.token in the v2 envelope, token in v1.
  const token = isObject(event.header) ? event.header.token : event.token;
  if (sec.verificationToken && !safeEqual(String(token ?? ''), sec.verificationToken)) return reject(401, 'wrong verification token');
  if (!sec.verificationToken && !sec.encryptKey) return reject(401, 'no verification configured');
  // 5. Without an Encrypt Key nothing dates the request: the event's own create_time must, or a
  // captured event could be replayed for ever.
  if (!sec.encryptKey) {
    const stale = staleness(event, nowSec, sec.maxAgeSec);
    if (stale) return reject(401, stale);
  }
  return { kind: 'event', envelope: event };
}

/** Why a token-only event is too old (or too far ahead) to take, by header.create_time in ms; undefined when fresh. */
function staleness(event: Record<string, unknown>, nowSec: number, maxAgeSec: number): string | undefined {
  const created = isObject(event.header) ? event.header.create_time : undefined;
  const ms = typeof created === 'string' && /^\d{1,15}$/.test(created) ? Number(created) : typeof created === 'number' ? created : NaN;
  if (!Number.isFinite(ms)) return 'event without header.create_time (milliseconds), so its age cannot be checked';
  if (Math.abs(nowSec - ms / 1000) > maxAgeSec) return `event created outside the allowed window of ${maxAgeSec} s (FEISHU_MAX_AGE_SEC): a replay, or a clock far off`;
  return undefined;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
