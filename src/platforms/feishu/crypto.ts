import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** AES keys by Encrypt Key: derived once, not per event (an app has one key; tests a few). */
const keys = new Map<string, Buffer>();

function aesKey(encryptKey: string): Buffer {
  let key = keys.get(encryptKey);
  if (!key) {
    if (keys.size >= 16) keys.clear();
    keys.set(encryptKey, (key = createHash('sha256').update(encryptKey).digest()));
  }
  return key;
}

/** Feishu's event encryption: AES-256-CBC, key = SHA-256 of the Encrypt Key, base64(iv ‖ ciphertext). */
export function decryptFeishu(encrypted: string, encryptKey: string): string {
  const key = aesKey(encryptKey);
  const buf = Buffer.from(encrypted, 'base64');
  if (buf.length < 32 || (buf.length - 16) % 16 !== 0) throw new Error('ciphertext has the wrong length');
  const decipher = createDecipheriv('aes-256-cbc', key, buf.subarray(0, 16));
  // node's PKCS#7 check throws on bad padding, which is what a wrong key produces.
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

/** The inverse of decryptFeishu, as Feishu encrypts (for tests and the fake platform). */
export function encryptFeishu(plain: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

/** X-Lark-Signature: hex SHA-256 of timestamp + nonce + Encrypt Key + the raw body bytes. */
export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey).update(rawBody).digest('hex');
}

/**
 * Compares a signature given with the one computed (hex SHA-256, always 64 characters, so the
 * length tells nothing), in time that does not depend on where they differ; one pass, no hashing.
 */
export function signatureMatches(computed: string, given: string): boolean {
  return computed.length === given.length && timingSafeEqual(Buffer.from(computed, 'latin1'), Buffer.from(given, 'latin1'));
}

/** Compares two strings in time that does not depend on where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}

