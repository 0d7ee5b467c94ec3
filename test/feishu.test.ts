import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { decryptFeishu, encryptFeishu, feishuSignature } from '../src/platforms/feishu/crypto.js';
import { feishuEventDispatcher } from '../src/platforms/feishu/long-connection.js';
import { validateCardV2 } from '../src/platforms/feishu/card-schema.js';
import { verifyFeishuRequest } from '../src/platforms/feishu/verify.js';
import { startServer, type Running } from '../src/server/start.js';
import { FakeFeishu } from './helpers/fake-feishu.js';
import { APP, deliver, messageEvent, feishuEnv } from './helpers/feishu-events.js';
import { storeFrom } from './helpers/store.js';
import { tempState } from './helpers/state.js';

describe('Feishu crypto', () => {
  it("decrypts Feishu's published sample", () => {
    // From Feishu's documentation of the Encrypt Key.
    expect(decryptFeishu('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key')).toBe('hello world');
  });

  it('round-trips and refuses a wrong key', () => {
    const sealed = encryptFeishu('{"a":"枣庄"}', 'k1');
    expect(decryptFeishu(sealed, 'k1')).toBe('{"a":"枣庄"}');
    expect(() => decryptFeishu(sealed, 'k2')).toThrow();
    expect(() => decryptFeishu('not base64 at all', 'k1')).toThrow();
  });

  it('signs the raw bytes: timestamp + nonce + key + body, hex SHA-256', () => {
    const sig = feishuSignature('1700000000', 'n1', 'key', Buffer.from('{"x":1}'));
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    // The same JSON with other white space is other bytes, hence another signature.
    expect(feishuSignature('1700000000', 'n1', 'key', Buffer.from('{ "x": 1 }'))).not.toBe(sig);
  });
});

describe('verifyFeishuRequest, in its fixed order', () => {
  const sec = { verificationToken: APP.verificationToken, encryptKey: APP.encryptKey, maxAgeSec: 300 };
  const now = Math.floor(Date.now() / 1000);
  const check = (d: { body: string; headers: Record<string, string> }) => verifyFeishuRequest(Buffer.from(d.body), d.headers, sec, now);

  it.each([
    ['a signed, encrypted event', deliver(messageEvent({ text: 'x' })), 'event'],
    ['a plain challenge without signature headers', deliver({ challenge: 'c1', token: APP.verificationToken, type: 'url_verification' }, { sign: false, encrypt: false }), 'challenge'],
    ['an encrypted challenge without signature headers', deliver({ challenge: 'c2', token: APP.verificationToken, type: 'url_verification' }, { sign: false }), 'challenge'],
    ['a signed, encrypted challenge', deliver({ challenge: 'c3', token: APP.verificationToken, type: 'url_verification' }), 'challenge'],
  ])('accepts %s', (_n, d, kind) => {
    expect(check(d).kind).toBe(kind);
  });

  it.each([
    ['a forged signature', { ...deliver(messageEvent({ text: 'x' })), headers: { ...deliver(messageEvent({})).headers } }, 401],
    ['a stale timestamp', deliver(messageEvent({ text: 'x' }), { timestamp: now - 3600 }), 401],
    ['a timestamp from the future', deliver(messageEvent({ text: 'x' }), { timestamp: now + 3600 }), 401],
    ['an event without signature headers', deliver(messageEvent({ text: 'x' }), { sign: false }), 401],
    ['a wrong Verification Token', deliver(messageEvent({ text: 'x', token: 'forged' })), 401],
    ['a challenge with a wrong token', deliver({ challenge: 'c', token: 'forged', type: 'url_verification' }, { sign: false, encrypt: false }), 401],
    ['a body encrypted with another key', deliver(messageEvent({ text: 'x' }), { encryptKey: 'other', signKey: APP.encryptKey }), 401],
    ['an encrypted body that is not JSON (what a wrong key decrypts to when its padding happens to check)', deliver('not json at all', { signKey: APP.encryptKey }), 401],
    ['malformed JSON, correctly signed', deliver('{"encrypt": ', { encrypt: false }), 400],
    ['a JSON array', deliver('[1,2]', { encrypt: false }), 400],
  ])('refuses %s', (_n, d, status) => {
    const out = check(d);
    expect(out).toMatchObject({ kind: 'reject', status });
  });
});

describe('the server with a fake Feishu API on loopback', () => {
  const fake = new FakeFeishu();
  const logLines: string[] = [];
  let running: Running;
  let url: string;

  beforeAll(async () => {
    await fake.start();
    const config = readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ...feishuEnv(fake.url),
      MAX_BODY_BYTES: '16384',
    });
    const log = pino({ level: 'debug' }, { write: (s: string) => void logLines.push(s) });
    running = await startServer({ config, store: await storeFrom(), state: await tempState(), schedule: false, log, sleep: async () => {} });
    url = `http://127.0.0.1:${running.port}/feishu/events`;
  });
  afterAll(async () => {
    await running.close();
    await fake.stop();
  });
  beforeEach(() => {
    fake.calls.length = 0;
    fake.script.length = 0;
  });

  const post = (d: { body: string; headers: Record<string, string> }) => fetch(url, { method: 'POST', body: d.body, headers: d.headers });

  it('answers a signed, encrypted question with a card citing the right figure and report', async () => {
    const event = messageEvent({ text: '枣庄实际开放床位多少张' });
    const res = await post(deliver(event));
    expect(res.status).toBe(200);
    await running.settle();
    expect(fake.sends).toHaveLength(1);
    const send = fake.sends[0]!;
    const messageId = (event.event as { message: { message_id: string } }).message.message_id;
    expect(send.path).toBe(`/open-apis/im/v1/messages/${messageId}/reply`);
    expect(send.body.msg_type).toBe('interactive');
    expect(String(send.body.uuid).length).toBeLessThanOrEqual(50);
    const card = fake.cards[0]!;
    expect(validateCardV2(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('25970张');
    expect(JSON.stringify(card)).toContain('枣庄市卫生健康事业发展十年记');
  });

  it.each([
    ['plain, unsigned', deliver({ challenge: 'abc', token: APP.verificationToken, type: 'url_verification' }, { sign: false, encrypt: false })],
    ['encrypted, unsigned', deliver({ challenge: 'abc', token: APP.verificationToken, type: 'url_verification' }, { sign: false })],
    ['encrypted and signed', deliver({ challenge: 'abc', token: APP.verificationToken, type: 'url_verification' })],
  ])('answers the URL challenge: %s', async (_n, d) => {
    const res = await post(d);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc' });
  });

  it.each([
    ['a forged signature', () => ({ ...deliver(messageEvent({ text: '枣庄床位' })), headers: { ...deliver(messageEvent({ text: '淄博' })).headers } }), 401],
    ['a stale timestamp', () => deliver(messageEvent({ text: '枣庄床位' }), { timestamp: Math.floor(Date.now() / 1000) - 3600 }), 401],
    ['a wrong Verification Token', () => deliver(messageEvent({ text: '枣庄床位', token: 'nope' })), 401],
    ['a wrong Encrypt Key', () => deliver(messageEvent({ text: '枣庄床位' }), { encryptKey: 'wrong-key' }), 401],
    ['malformed JSON', () => deliver('{"schema":"2.0",', { encrypt: false }), 400],
    ['an oversized body', () => deliver({ pad: 'x'.repeat(40_000) }, { encrypt: false }), 413],
  ])('refuses %s and sends nothing', async (_n, make, status) => {
    const before = logLines.length;
    const res = await post(make());
    expect(res.status).toBe(status);
    expect((await res.json()).error).toBeTruthy();
    await running.settle();
    expect(fake.sends).toHaveLength(0);
    expect(logLines.slice(before).join('')).toMatch(/refused|request failed/);
  });

  it('answers a redelivered message once (a retry with a new event id)', async () => {
    const event = messageEvent({ text: '淄博专科联盟有几个', messageId: 'om_redelivered' });
    await post(deliver(event));
    const again = { ...event, header: { ...(event.header as object), event_id: 'ev_retry' } };
    await post(deliver(again));
    await post(deliver(event));
    await running.settle();
    expect(fake.sends).toHaveLength(1);
    expect(JSON.stringify(fake.cards[0])).toContain('10个');
  });

  it('still delivers one reply after a 429 with x-ogw-ratelimit-reset, then a 200', async () => {
    fake.script.push({ status: 429, headers: { 'x-ogw-ratelimit-reset': '1' }, body: { code: 99991400, msg: 'request trigger frequency limit' } });
    await post(deliver(messageEvent({ text: '枣庄网内救护车有几辆' })));
    await running.settle();
    expect(fake.sends).toHaveLength(1);
    expect(fake.calls.filter((c) => c.path.endsWith('/reply'))).toHaveLength(2);
    expect(JSON.stringify(fake.cards[0])).toContain('63辆');
  });

  it('retries a 5xx and logs a reply that finally fails with the platform code', async () => {
    const before = logLines.length;
    for (let i = 0; i < 4; i++) fake.script.push({ status: 500, body: { code: 1, msg: 'internal' } });
    await post(deliver(messageEvent({ text: '枣庄网内救护车有几辆' })));
    await running.settle();
    expect(fake.sends).toHaveLength(0);
    const log = logLines.slice(before).join('');
    expect(log).toContain('reply failed');
    expect(log).toContain('HTTP 500');
  });

  it.each([
    ['an image', { messageType: 'image', content: JSON.stringify({ image_key: 'img_1' }) }, '图片'],
    ['a file', { messageType: 'file', content: JSON.stringify({ file_key: 'f_1' }) }, '文件'],
    ['a sticker', { messageType: 'sticker', content: JSON.stringify({ file_key: 's_1' }) }, '表情'],
    ['a rich post of pictures alone', { messageType: 'post', content: JSON.stringify({ title: '', content: [[{ tag: 'at', user_id: '@_user_1', user_name: 'factbot' }], [{ tag: 'img', image_key: 'img_1' }]] }) }, '富文本'],
  ])('answers %s with what the bot understands', async (_n, opts, word) => {
    await post(deliver(messageEvent(opts)));
    await running.settle();
    expect(fake.sends).toHaveLength(1);
    expect(JSON.stringify(fake.cards[0])).toContain(word);
    expect(validateCardV2(fake.cards[0]!)).toEqual([]);
  });

  it('answers an empty mention with the help card', async () => {
    await post(deliver(messageEvent({ text: '' })));
    await running.settle();
    expect(JSON.stringify(fake.cards[0])).toContain('我能回答什么');
  });

  it('answers private chats without a mention, and ignores group chatter without one', async () => {
    await post(deliver(messageEvent({ text: '淄博专科联盟有几个', chatType: 'p2p', mention: false })));
    await post(deliver(messageEvent({ text: '大家好', chatType: 'group', mention: false })));
    await running.settle();
    expect(fake.sends).toHaveLength(1);
  });

  it('posts a card into a chat through im.v1.message.create (pushes)', async () => {
    const { FeishuSender } = await import('../src/platforms/feishu/sender.js');
    const sender = new FeishuSender({ appId: APP.appId, appSecret: APP.appSecret, domain: fake.url, log: pino({ level: 'silent' }) });
    await sender.sendToChat('oc_push', { schema: '2.0', body: { elements: [] } }, 'push-2026-11-22-oc_push');
    expect(fake.sends).toHaveLength(1);
    expect(fake.sends[0]!.path).toBe('/open-apis/im/v1/messages?receive_id_type=chat_id');
    expect(fake.sends[0]!.body).toMatchObject({ receive_id: 'oc_push', msg_type: 'interactive', uuid: 'push-2026-11-22-oc_push' });
  });

  it('never writes a secret to the log', () => {
    const all = logLines.join('');
    for (const secret of [APP.appSecret, APP.encryptKey, APP.verificationToken, 't-fake-token']) expect(all).not.toContain(secret);
  });

  it('handles long-connection events through the same dispatch (SDK dispatcher level)', async () => {
    const dispatcher = feishuEventDispatcher(running.channels.feishu!, pino({ level: 'silent' }));
    const event = messageEvent({ text: '枣庄卫生总资产' });
    // The SDK hands handlers the envelope flattened; invoke does that flattening itself.
    await dispatcher.invoke(event, { needCheck: false });
    await dispatcher.invoke(event, { needCheck: false });
    await running.settle();
    expect(fake.sends).toHaveLength(1);
    expect(JSON.stringify(fake.cards[0])).toContain('140.05亿元');
  });

  it('answers the same message once across HTTP and the long connection', async () => {
    const event = messageEvent({ text: '枣庄卫生总资产', messageId: 'om_both_paths' });
    await post(deliver(event));
    await feishuEventDispatcher(running.channels.feishu!, pino({ level: 'silent' })).invoke(event, { needCheck: false });
    await running.settle();
    expect(fake.sends).toHaveLength(1);
  });
});

describe('configuration', () => {
  it('runs with no platform credentials, with the reason the channel is off', () => {
    const c = readConfig({});
    expect(c.feishu).toBeUndefined();
    expect(c.off.feishu).toMatch(/FEISHU_APP_ID/);
  });

  it.each([
    [{ FEISHU_APP_ID: 'cli_x' }, /FEISHU_APP_SECRET/],
    [{ FEISHU_APP_SECRET: 's' }, /FEISHU_APP_ID/],
    [{ FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 's' }, /FEISHU_VERIFICATION_TOKEN/],
    [{ FEISHU_APP_ID: 'x', FEISHU_APP_SECRET: 's', FEISHU_MODE: 'ws' }, /FEISHU_APP_ID: a Feishu App ID looks like cli_/],
    [{ FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 's', FEISHU_MODE: 'socket' }, /FEISHU_MODE/],
    // The SDK's long connection takes only cli_ + 16 hex characters, and never connects otherwise.
    [{ FEISHU_APP_ID: 'cli_test123', FEISHU_APP_SECRET: 's', FEISHU_MODE: 'ws' }, /FEISHU_APP_ID: in ws mode .*cli_ and 16 hexadecimal characters/],
    [{ FEISHU_APP_ID: 'cli_a1b2c3d4e5f6071g', FEISHU_APP_SECRET: 's', FEISHU_MODE: 'ws' }, /FEISHU_APP_ID: in ws mode/],
    [{ FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 's', FEISHU_MODE: 'ws', FEISHU_DOMAIN: 'ftp://x' }, /FEISHU_DOMAIN/],
    [{ PORT: 'eighty' }, /PORT/],
  ])('names the variable that is wrong: %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });

  it('does not repeat a secret in an error', () => {
    expect(() => readConfig({ FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 'hunter2-secret' })).toThrow(/^(?![\s\S]*hunter2)/);
  });

  it('accepts ws mode without a token: the long connection needs no verification', () => {
    expect(readConfig({ FEISHU_APP_ID: APP.appId, FEISHU_APP_SECRET: 's', FEISHU_MODE: 'ws' }).feishu?.mode).toBe('ws');
    // Webhook mode never hands the App ID to the long connection: a test double's ID is fine there.
    expect(readConfig({ FEISHU_APP_ID: 'cli_test123', FEISHU_APP_SECRET: 's', FEISHU_VERIFICATION_TOKEN: 't' }).feishu?.appId).toBe('cli_test123');
  });
});

describe('long-connection mode', () => {
  it('starts without a public route and stops cleanly even when the connection cannot be made', async () => {
    const fake = new FakeFeishu();
    await fake.start();
    const config = readConfig({ PORT: '0', HOST: '127.0.0.1', FEISHU_APP_ID: APP.appId, FEISHU_APP_SECRET: APP.appSecret, FEISHU_MODE: 'ws', FEISHU_DOMAIN: fake.url });
    const running = await startServer({ config, store: await storeFrom(), state: await tempState(), schedule: false, log: pino({ level: 'silent' }) });
    const res = await fetch(`http://127.0.0.1:${running.port}/feishu/events`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    await running.close();
    await fake.stop();
  });
});
