import { randomBytes } from 'node:crypto';
import { encryptFeishu, feishuSignature } from '../../src/platforms/feishu/crypto.js';

/** The test app; its App ID has the form of a real one (cli_ + 16 hex), which the long connection needs. */
export const APP = { appId: 'cli_a1b2c3d4e5f60718', appSecret: 'test-secret', verificationToken: 'vtoken-test', encryptKey: 'ekey-test-123' };

/** One entry of an event's `mentions`: the placeholder in the text, whom it names. */
export interface Mention {
  key: string;
  openId: string;
  name: string;
}

/** The bot as FakeFeishu's bot/v3/info names it, mentioned as the first placeholder. */
export const BOT_MENTION: Mention = { key: '@_user_1', openId: 'ou_bot', name: 'factbot' };

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
  /** Whether the text opens with a mention of the bot (the default, with `text` after it). */
  mention?: boolean;
  /** The mentions, when other than the bot's alone: `text` is then taken as written, placeholders and all. */
  mentions?: Mention[];
  token?: string;
  /** The sender's open_id. */
  sender?: string;
}): Record<string, unknown> {
  seq++;
  const mention = opts.mention ?? true;
  const text = opts.text ?? '';
  const mentions = opts.mentions ?? (mention ? [BOT_MENTION] : []);
  const shown = opts.mentions ? text : mention ? `${BOT_MENTION.key} ${text}` : text;
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
        content: opts.content ?? JSON.stringify({ text: shown }),
        mentions: mentions.map((m) => ({ key: m.key, id: { open_id: m.openId, union_id: m.openId ? `on_${m.openId.slice(3)}` : '', user_id: '' }, name: m.name, tenant_key: 'tenant_test' })),
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
