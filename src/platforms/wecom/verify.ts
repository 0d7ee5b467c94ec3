import { isObject } from '../feishu/verify.js';
import type { WxBizMsgCrypt } from './crypto.js';

export type WeComVerify =
  | { kind: 'echo'; echo: string }
  | { kind: 'event'; payload: Record<string, unknown>; timestamp: string; nonce: string }
  | { kind: 'reject'; status: 400 | 401; reason: string };

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/**
 * Checks a callback from the WeCom intelligent robot: signature first (constant time), then the
 * timestamp's age, then decryption (strict padding, receiveid), then the JSON inside.
 */
export function verifyWeComRequest(
  method: string,
  query: Record<string, unknown>,
  raw: Buffer,
  crypto: WxBizMsgCrypt,
  maxAgeSec: number,
  nowSec: number = Date.now() / 1000,
): WeComVerify {
  const signature = one(query.msg_signature);
  const timestamp = one(query.timestamp);
  const nonce = one(query.nonce);
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string') {
    return { kind: 'reject', status: 401, reason: 'msg_signature, timestamp and nonce are required' };
  }

  let encrypted: unknown;
  if (method === 'GET') {
    encrypted = one(query.echostr);
    if (typeof encrypted !== 'string') return { kind: 'reject', status: 400, reason: 'URL verification without echostr' };
  } else {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      // Signed bodies are JSON; anything else is a forgery or a broken request, and cannot be signed-checked.
      return { kind: 'reject', status: 400, reason: 'body is not JSON' };
    }
    if (!isObject(body) || typeof body.encrypt !== 'string') return { kind: 'reject', status: 400, reason: 'body has no encrypt field' };
    encrypted = body.encrypt;
  }

  if (!crypto.verify(signature, timestamp, nonce, encrypted as string)) return { kind: 'reject', status: 401, reason: 'signature does not match' };
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || Math.abs(nowSec - ts) > maxAgeSec) return { kind: 'reject', status: 401, reason: 'timestamp outside the allowed window' };

  let plain: string;
  try {
    plain = crypto.decrypt(encrypted as string);
  } catch (err) {
    return { kind: 'reject', status: 401, reason: `cannot decrypt: ${(err as Error).message}` };
  }
  if (method === 'GET') return { kind: 'echo', echo: plain };
  let payload: unknown;
  try {
    payload = JSON.parse(plain);
  } catch {
    return { kind: 'reject', status: 400, reason: 'decrypted body is not JSON' };
  }
  if (!isObject(payload)) return { kind: 'reject', status: 400, reason: 'decrypted body is not a JSON object' };
  return { kind: 'event', payload, timestamp, nonce };
}
