import { randomBytes } from 'node:crypto';
import { encryptFeishu, feishuSignature } from '../../src/platforms/feishu/crypto.js';

export const APP = { appId: 'cli_test123', appSecret: 'test-secret', verificationToken: 'vtoken-test', encryptKey: 'ekey-test-123' };

/** The settings of the test app, with Feishu's API at `domain` (a fake on loopback). */
export function feishuEnv(domain: string): Record<string, string> {
  return {
    FEISHU_APP_ID: APP.appId,
    FEISHU_APP_SECRET: APP.appSecret,
    FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
    FEISHU_ENCRYPT_KEY: APP.encryptKey,
    FEISHU_DOMAIN: domain,
  };
}

let seq = 0;

/** An im.message.receive_v1 event in the v2 envelope, as Feishu delivers it over HTTP. */
export function messageEvent(opts: {
  text?: string;
  messageId?: string;
  eventId?: string;
  chatType?: 'group' | 'p2p';
  messageType?: string;
  content?: string;
  mention?: boolean;
  token?: string;
  /** The sender's open_id. */
  sender?: string;
}): Record<string, unknown> {
  seq++;
  const mention = opts.mention ?? true;
  const text = opts.text ?? '';
  return {
    schema: '2.0',
    header: {
      event_id: opts.eventId ?? `ev_${seq}_${randomBytes(4).toString('hex')}`,
      event_type: 'im.message.receive_v1',
      create_time: String(Date.now()),
      token: opts.token ?? APP.verificationToken,
      app_id: APP.appId,
      tenant_key: 'tenant_test',
    },
    event: {
      sender: { sender_id: { open_id: opts.sender ?? 'ou_asker', union_id: 'on_asker', user_id: 'asker' }, sender_type: 'user', tenant_key: 'tenant_test' },
      message: {
        message_id: opts.messageId ?? `om_${seq}_${randomBytes(4).toString('hex')}`,
        create_time: String(Date.now()),
        chat_id: 'oc_group_1',
        chat_type: opts.chatType ?? 'group',
        message_type: opts.messageType ?? 'text',
        content: opts.content ?? JSON.stringify({ text: mention ? `@_user_1 ${text}` : text }),
        mentions: mention ? [{ key: '@_user_1', id: { open_id: 'ou_bot', union_id: 'on_bot', user_id: '' }, name: 'factbot', tenant_key: 'tenant_test' }] : [],
      },
    },
  };
}

/** Encrypts and signs a body the way Feishu does; returns what to POST. */
export function deliver(
  body: Record<string, unknown> | string,
  opts: { encryptKey?: string; signKey?: string; timestamp?: number; sign?: boolean; encrypt?: boolean } = {},
): { body: string; headers: Record<string, string> } {
  const key = opts.encryptKey ?? APP.encryptKey;
  const plain = typeof body === 'string' ? body : JSON.stringify(body);
  const payload = opts.encrypt === false ? plain : JSON.stringify({ encrypt: encryptFeishu(plain, key) });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.sign !== false) {
    const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    headers['x-lark-request-timestamp'] = ts;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = feishuSignature(ts, nonce, opts.signKey ?? key, Buffer.from(payload));
  }
  return { body: payload, headers };
}
