import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../src/config.js';
import { FeishuBotIdentity } from '../src/platforms/feishu/identity.js';
import { startServer, type Running } from '../src/server/start.js';
import { FakeFeishu } from './helpers/fake-feishu.js';
import { APP, BOT_MENTION, messageEvent, type Mention } from './helpers/feishu-events.js';
import type { FakeFeishuSocketServer } from './helpers/feishu-ws.js';
import { tempState } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';

// FEISHU_MODE=ws end to end: the real SDK WSClient inside the real server, against a fake Feishu on
// loopback: the endpoint, the WebSocket speaking the SDK's protobuf frames, and the HTTP API
// (tenant token, bot/v3/info, message reply).

const ZHANG: Mention = { key: '@_user_2', openId: 'ou_zhangsan', name: '张三' };
const wsEnv = (domain: string, extra: Record<string, string> = {}) => ({
  PORT: '0', HOST: '127.0.0.1', FEISHU_APP_ID: APP.appId, FEISHU_APP_SECRET: APP.appSecret, FEISHU_MODE: 'ws', FEISHU_DOMAIN: domain, ...extra,
});
const messageIdOf = (event: Record<string, unknown>) => (event.event as { message: { message_id: string } }).message.message_id;

describe('the Feishu long connection, end to end with the SDK', () => {
  const fake = new FakeFeishu();
  const logLines: string[] = [];
  let ws: FakeFeishuSocketServer;
  let running: Running;

  beforeAll(async () => {
    await fake.start();
    ws = await fake.startLongConnection();
    const log = pino({ level: 'debug' }, { write: (s: string) => void logLines.push(s) });
    running = await startServer({ config: readConfig(wsEnv(fake.url)), store: await storeFrom(), state: await tempState(), schedule: false, log, sleep: async () => {} });
    await ws.ready(1);
  });
  afterAll(async () => {
    await running?.close();
    await fake.stop();
  });

  /** Pushes an event down the socket, waits for the SDK's ack and for the answer, if any. */
  const push = async (event: Record<string, unknown>) => {
    const ack = await ws.sendEvent(event);
    await running.settle();
    return { ack, replies: fake.sends.filter((s) => s.path === `/open-apis/im/v1/messages/${messageIdOf(event)}/reply`).map((s) => String(s.body.content)) };
  };

  it('connects through the endpoint, and /readyz says ready', async () => {
    expect(fake.callsTo('/callback/ws/endpoint')[0]?.body).toMatchObject({ AppID: APP.appId });
    expect(fake.callsTo('/open-apis/bot/v3/info')).toHaveLength(1);
    const res = await fetch(`http://127.0.0.1:${running.port}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).not.toHaveProperty('gaveUp');
  });

  it.each([
    ['a group message mentioning only someone else', messageEvent({ text: '@_user_1 枣庄实际开放床位多少张', mentions: [{ ...ZHANG, key: '@_user_1' }] }), 'mentions others, not the bot'],
    ['@所有人 alone', messageEvent({ text: '@_all 枣庄实际开放床位多少张', mentions: [{ key: '@_all', openId: '', name: '所有人' }] }), 'mentions others, not the bot'],
    ['a group message without a mention', messageEvent({ text: '枣庄实际开放床位多少张', mention: false }), 'group message without a mention'],
  ])('does not answer %s (the event is still acknowledged)', async (_name, event, reason) => {
    const before = logLines.length;
    const { ack, replies } = await push(event);
    expect(ack.code).toBe(200);
    expect(replies).toEqual([]);
    // It reached the decoder and was turned away there, not lost on the way.
    expect(logLines.slice(before).join('')).toContain(reason);
  });

  it('answers the bot mentioned among others, keeping the others\' names in the question', async () => {
    const accept = vi.spyOn(running.bot, 'accept');
    const { ack, replies } = await push(messageEvent({ text: '@_user_1 帮 @_user_2 查一下枣庄实际开放床位多少张', mentions: [BOT_MENTION, ZHANG] }));
    expect(ack.code).toBe(200);
    expect(accept.mock.calls.at(-1)?.[0].text).toBe('帮 @张三 查一下枣庄实际开放床位多少张');
    accept.mockRestore();
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('25970张');
  });

  it('answers a rich-text post that mentions the bot', async () => {
    const content = JSON.stringify({ title: '', content: [[{ tag: 'at', user_id: '@_user_1', user_name: 'factbot' }, { tag: 'text', text: ' 枣庄卫生总资产' }]] });
    const { replies } = await push(messageEvent({ messageType: 'post', content }));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('140.05亿元');
  });

  it('takes an event sent in several frames', async () => {
    const split = messageEvent({ text: '枣庄网内救护车有几辆' });
    const ack = await ws.sendEvent(split, 3);
    await running.settle();
    expect(ack.code).toBe(200);
    const replies = fake.sends.filter((s) => s.path === `/open-apis/im/v1/messages/${messageIdOf(split)}/reply`);
    expect(replies).toHaveLength(1);
    expect(String(replies[0]!.body.content)).toContain('63辆');
  });

  it('reconnects after the server closes the socket, and answers on the new one', async () => {
    const endpointCalls = fake.callsTo('/callback/ws/endpoint').length;
    ws.dropAll();
    await ws.ready(2);
    expect(fake.callsTo('/callback/ws/endpoint').length).toBe(endpointCalls + 1);
    const { ack, replies } = await push(messageEvent({ text: '枣庄卫生总资产' }));
    expect(ack.code).toBe(200);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('140.05亿元');
    expect(logLines.join('')).toContain('feishu long connection re-established');
  });

  it('never writes the secret or the tenant token to the log', () => {
    const all = logLines.join('');
    for (const secret of [APP.appSecret, 't-fake-token']) expect(all).not.toContain(secret);
  });
});

describe('a long connection that gave up makes /readyz 503 with the reason', () => {
  it.each([
    [
      // The token endpoint refuses the pair (10014); the ws endpoint answers 1000040343, which the
      // SDK retries for ever without telling: the token check is what finds it.
      'a wrong App Secret',
      { FEISHU_APP_SECRET: 'not-the-secret' },
      undefined,
      /refused FEISHU_APP_ID\/FEISHU_APP_SECRET: code 10014/,
    ],
    ['an endpoint refusal the SDK does not retry (onError)', {}, { code: 403, msg: 'forbidden' }, /gave up: pullConnectConfig failed: code=403, msg=forbidden/],
  ])('%s', async (_name, env, endpointRefusal, reason) => {
    const fake = new FakeFeishu();
    await fake.start();
    const ws = await fake.startLongConnection();
    if (endpointRefusal) fake.endpointRefusal = endpointRefusal;
    const logLines: string[] = [];
    const running = await startServer({
      config: readConfig(wsEnv(fake.url, env)),
      store: await storeFrom(),
      state: await tempState(),
      schedule: false,
      log: pino({ level: 'info' }, { write: (s: string) => void logLines.push(s) }),
    });
    try {
      const readyz = async () => {
        const res = await fetch(`http://127.0.0.1:${running.port}/readyz`);
        return { status: res.status, body: (await res.json()) as { ready: boolean; gaveUp?: Record<string, string> } };
      };
      // The SDK's refusal comes in the background after start: waited for, not timed.
      await vi.waitFor(async () => expect((await readyz()).status).toBe(503), { timeout: 10_000, interval: 20 });
      const { body } = await readyz();
      expect(body.ready).toBe(false);
      expect(body.gaveUp?.feishu).toMatch(reason);
      expect(ws.connections).toHaveLength(0);
      const all = logLines.join('') + JSON.stringify(body);
      expect(all).not.toContain('not-the-secret');
      expect(all).not.toContain(APP.appSecret);
    } finally {
      await running.close();
      await fake.stop();
    }
  });
});

describe("the bot's own open_id (bot/v3/info)", () => {
  const quiet = () => {
    const lines: { level: number; msg: string; reason?: string }[] = [];
    return { lines, log: pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as (typeof lines)[number]) }) };
  };

  it('is retried with back-off while bot/v3/info fails, saying what is wrong and what to do', async () => {
    const fake = new FakeFeishu();
    await fake.start();
    fake.botInfoScript.push({ status: 200, body: { code: 99991672, msg: 'app has no bot ability' } }, { status: 503, body: { code: 1, msg: 'unavailable' } });
    const { lines, log } = quiet();
    const identity = new FeishuBotIdentity({ appId: APP.appId, appSecret: APP.appSecret, domain: fake.url, log, baseMs: 1, maxMs: 5 });
    try {
      await identity.start();
      expect(identity.openId()).toBeUndefined();
      await vi.waitFor(() => expect(identity.openId()).toBe('ou_bot'), { timeout: 10_000, interval: 5 });
      expect(fake.callsTo('/open-apis/bot/v3/info')).toHaveLength(3);
      const warnings = lines.filter((l) => l.level === 40);
      expect(warnings).toHaveLength(2);
      expect(warnings[0]!.msg).toMatch(/enable the bot ability .* until then group messages are not answered/);
      expect(warnings[0]!.reason).toContain('code 99991672');
      expect(warnings[1]!.reason).toContain('HTTP 503');
    } finally {
      identity.stop();
      await fake.stop();
    }
  });

  it('stops at a refused App Secret and says so', async () => {
    const fake = new FakeFeishu();
    await fake.start();
    const { lines, log } = quiet();
    const identity = new FeishuBotIdentity({ appId: APP.appId, appSecret: 'wrong', domain: fake.url, log, baseMs: 1, maxMs: 5 });
    const refusals: string[] = [];
    identity.onRefused((r) => refusals.push(r));
    await identity.start();
    identity.stop();
    await fake.stop();
    expect(identity.openId()).toBeUndefined();
    expect(identity.refused()).toMatch(/FEISHU_APP_SECRET: code 10014 \(app secret invalid\)/);
    expect(refusals).toEqual([identity.refused()]);
    expect(fake.callsTo('/open-apis/auth/v3/tenant_access_token/internal')).toHaveLength(1);
    expect(lines.find((l) => l.level === 50)?.msg).toMatch(/FEISHU_APP_SECRET .* and restart/);
  });

  it('does not hold start-up when Feishu cannot be reached: the first attempt fails and start goes on', async () => {
    const { log } = quiet();
    const identity = new FeishuBotIdentity({ appId: APP.appId, appSecret: APP.appSecret, domain: 'http://127.0.0.1:9', log });
    await identity.start();
    identity.stop();
    expect(identity.openId()).toBeUndefined();
    expect(identity.refused()).toBeUndefined();
  });
});
