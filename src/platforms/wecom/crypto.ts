import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { safeEqual } from '../feishu/crypto.js';

export class WeComCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeComCryptoError';
  }
}

/**
 * WXBizMsgCrypt on node:crypto: SHA-1 signatures over the sorted token, timestamp, nonce and
 * ciphertext; AES-256-CBC with the key from EncodingAESKey and the IV its first 16 bytes;
 * plaintext random(16) ‖ length(4, big-endian) ‖ message ‖ receiveid, PKCS#7-padded to 32.
 * Unlike @wecom/crypto it checks the padding strictly and the receiveid.
 */
export class WxBizMsgCrypt {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  /** `receiveId` is "" for the intelligent robot, the corp id for self-built apps. */
  constructor(
    private readonly token: string,
    encodingAESKey: string,
    private readonly receiveId: string,
  ) {
    if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAESKey)) throw new WeComCryptoError('EncodingAESKey must be 43 base64 characters');
    this.key = Buffer.from(encodingAESKey + '=', 'base64');
    if (this.key.length !== 32) throw new WeComCryptoError('EncodingAESKey must decode to 32 bytes');
    this.iv = this.key.subarray(0, 16);
  }

  signature(timestamp: string, nonce: string, encrypted: string): string {
    return createHash('sha1').update([this.token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
  }

  verify(signature: string, timestamp: string, nonce: string, encrypted: string): boolean {
    return safeEqual(this.signature(timestamp, nonce, encrypted), signature.toLowerCase());
  }

  decrypt(encrypted: string): string {
    const buf = Buffer.from(encrypted, 'base64');
    if (buf.length === 0 || buf.length % 16 !== 0) throw new WeComCryptoError('ciphertext is not a whole number of AES blocks');
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
    decipher.setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(buf), decipher.final()]);
    const pad = padded[padded.length - 1]!;
    if (pad < 1 || pad > 32 || pad > padded.length) throw new WeComCryptoError('bad padding');
    for (let i = padded.length - pad; i < padded.length; i++) if (padded[i] !== pad) throw new WeComCryptoError('bad padding');
    const plain = padded.subarray(0, padded.length - pad);
    if (plain.length < 20) throw new WeComCryptoError('plaintext too short');
    const length = plain.readUInt32BE(16);
    if (20 + length > plain.length) throw new WeComCryptoError('message length beyond the plaintext');
    const receiveId = plain.subarray(20 + length).toString('utf8');
    if (receiveId !== this.receiveId) throw new WeComCryptoError('receiveid does not match');
    return plain.subarray(20, 20 + length).toString('utf8');
  }

  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(message, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const plain = Buffer.concat([random, len, body, Buffer.from(this.receiveId, 'utf8')]);
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  }

  /** An encrypted passive reply, as the callback response body. */
  seal(message: string, timestamp: string, nonce: string): { encrypt: string; msgsignature: string; timestamp: string; nonce: string } {
    const encrypt = this.encrypt(message);
    return { encrypt, msgsignature: this.signature(timestamp, nonce, encrypt), timestamp, nonce };
  }
}
