import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { startServer, type Running } from '../src/server/start.js';
import { FakeWeComWs, until, type AibotFrame } from './helpers/fake-wecom-ws.js';
import { storeFrom } from './helpers/store.js';
import { tempState } from './helpers/state.js';

// The WeCom long connection end to end: startServer in WECOM_MODE=ws, the real
// @wecom/aibot-node-sdk as the client, and a fake WeCom WebSocket server on loopback.

const BOT_ID = 'aibot-factbot-test';
const SECRET = `secret-${randomBytes(8).toString('hex')}`;
const WRONG_SECRET = `wrong-${randomBytes(8).toString('hex')}`;

interface LogLine {
  msg?: string;
  msgId?: string;
  err?: string;
  reason?: string;
}

describe('WeCom long connection against the real SDK on loopback', () => {
  const fake = new FakeWeComWs(BOT_ID, SECRET);
  const logLines: string[] = [];
  const logs = () => logLines.map((l) => JSON.parse(l) as LogLine);
  let running: Running;

  const start = async (secret: string) =>
    startServer({
      config: readConfig({ PORT: '0', HOST: '127.0.0.1', WECOM_MODE: 'ws', WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: secret, WECOM_WS_URL: fake.url }),
      store: await storeFrom(),
      state: await tempState(),
      schedule: false,
      log: pino({ level: 'debug' }, { write: (s: string) => void logLines.push(s) }),
      // A short back-off and ping interval, so reconnects, refusals and pings happen within a test.
      wecomSdkTiming: { reconnectInterval: 5, heartbeatInterval: 50 },
    });

  beforeAll(async () => {
    await fake.start();
    running = await start(SECRET);
  });
  afterAll(async () => {
    await running?.close();
    await fake.stop();
  });

  let seq = 0;
  /** A text message callback body; each test uses its own chat so follow-ups do not cross. */
  const text = (content: string, over: Record<string, unknown> = {}) => ({
    msgid: `msg_${++seq}_${randomBytes(3).toString('hex')}`,
    aibotid: BOT_ID,
    chatid: `wrk_chat_${seq}`,
    chattype: 'group',
    from: { userid: 'zhangsan' },
    msgtype: 'text',
    text: { content },
    ...over,
  });
  const answered = async (reqId: string): Promise<AibotFrame & { body: { msgtype: string; stream: { id: string; finish: boolean; content: string } } }> => {
    await until(() => fake.repliesTo(reqId).length > 0, `a reply on ${reqId}`);
    return fake.repliesTo(reqId)[0] as AibotFrame & { body: { msgtype: string; stream: { id: string; finish: boolean; content: string } } };
  };

  it('answers a message on its req_id with a finished stream in the markdown the intelligent robot shows', async () => {
    const m = text('@factbot 枣庄实际开放床位多少张');
    const reqId = await fake.message(m);
    const reply = await answered(reqId);
    expect(reply.cmd).toBe('aibot_respond_msg');
    expect(reply.body).toMatchObject({ msgtype: 'stream', stream: { id: `r-${m.msgid}`, finish: true } });
    expect(reply.body.stream.content).toContain('25970张');
    expect(reply.body.stream.content).not.toContain('<font');
    const ready = await fetch(`http://127.0.0.1:${running.port}/readyz`);
    expect(ready.status).toBe(200);
  });

  it.each([
    ['the same frame twice', true],
    ['a redelivery under a new req_id', false],
  ])('answers %s once', async (_name, sameReqId) => {
    const m = text('@factbot 枣庄网内救护车有几辆');
    const first = await fake.message(m);
    const second = await fake.message(m, sameReqId ? first : undefined);
    await until(() => logs().some((l) => l.msg === 'duplicate delivery ignored' && l.msgId === m.msgid), 'the duplicate to be seen');
    await running.settle();
    const replies = [...new Set([first, second])].flatMap((r) => fake.repliesTo(r));
    expect(replies).toHaveLength(1);
    expect((replies[0]!.body as { stream: { content: string } }).stream.content).toContain('63辆');
  });

  it('does not take a stream-refresh callback for a question', async () => {
    const m = { ...text(''), msgtype: 'stream', stream: { id: 'r-an-earlier-answer' }, text: undefined };
    const reqId = await fake.message(m);
    await until(() => logs().some((l) => l.msg === 'event ignored' && /stream refresh of r-an-earlier-answer/.test(l.reason ?? '')), 'the refresh to be ignored');
    await running.settle();
    expect(fake.repliesTo(reqId)).toHaveLength(0);
  });

  it.each([
    // Alone, "那枣庄呢" names no measure; the quoted question gives it.
    ['a follow-up naming only a place', '@factbot 那枣庄呢', { msgtype: 'text', text: { content: '淄博实际开放床位多少张' } }, '25970张'],
    ['a bare mention on a quoted question', '@factbot', { msgtype: 'text', text: { content: '@factbot 枣庄网内救护车有几辆' } }, '63辆'],
    ['a quoted mixed message', '@factbot 那枣庄呢', { msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'text', text: { content: '淄博实际开放床位多少张' } }, { msgtype: 'image', image: { url: 'https://x/img' } }] } }, '25970张'],
    ['no quote: the follow-up alone', '@factbot 那枣庄呢', undefined, '没有听出要问哪项数据'],
  ])('reads the context of a quoted message: %s', async (_name, content, quote, expected) => {
    const reqId = await fake.message(text(content, quote ? { quote } : {}));
    expect((await answered(reqId)).body.stream.content).toContain(expected);
  });

  it('acknowledges heartbeats: pings go on over the same connection', async () => {
    const conns = fake.conns.length;
    const pings = fake.pings;
    await until(() => fake.pings >= pings + 3, 'three more pings');
    expect(fake.conns.length).toBe(conns);
    expect(fake.live()).toBeDefined();
  });

  it('reconnects after WeCom closes the socket, and answers a message sent after it', async () => {
    const subscribed = fake.subscribes.filter((s) => s.ok).length;
    fake.closeLive();
    await until(() => fake.subscribes.filter((s) => s.ok).length > subscribed && fake.live() !== undefined, 'a new subscription');
    const reqId = await fake.message(text('@factbot 枣庄实际开放床位多少张'));
    expect((await answered(reqId)).body.stream.content).toContain('25970张');
    expect(logs().some((l) => l.msg === 'wecom long connection lost, reconnecting')).toBe(true);
  });

  it.each([
    [45009, 'api freq out of limit', /errcode 45009 \(api freq out of limit\); over the rate limit \(30 messages a minute/],
    [600001, 'invalid chat', /errcode 600001 \(invalid chat\); WeCom refused it: a reply must come within 24 hours/],
  ])('logs a refused reply with errcode %d, its errmsg and what to do', async (errcode, errmsg, expected) => {
    const reqId = `req_refused_${errcode}`;
    fake.refuse = (f) => (f.headers.req_id === reqId ? { errcode, errmsg } : undefined);
    const m = text('@factbot 枣庄实际开放床位多少张');
    await fake.message(m, reqId);
    await until(() => logs().some((l) => l.msg === 'reply failed' && l.msgId === m.msgid), 'the refusal to be logged');
    const line = logs().find((l) => l.msg === 'reply failed' && l.msgId === m.msgid)!;
    expect(line.err).toMatch(expected);
    expect(line.err).not.toContain('[object Object]');
    fake.refuse = () => undefined;
  });

  it('with a wrong secret, gives up after the SDK stops retrying and /readyz says why (503)', async () => {
    const wrong = await start(WRONG_SECRET);
    try {
      const readyz = () => fetch(`http://127.0.0.1:${wrong.port}/readyz`);
      await until(async () => (await readyz()).status === 503, '/readyz to turn 503');
      const body = (await (await readyz()).json()) as { ready: boolean; gaveUp?: Record<string, string> };
      expect(body.ready).toBe(false);
      expect(body.gaveUp?.wecom).toMatch(/WeCom refused WECOM_BOT_ID and WECOM_BOT_SECRET 6 times \(errcode 40001, invalid secret\).*copy the Bot ID and Secret again/);
      // The first refusal plus the SDK's five retries; only then is it given up.
      expect(fake.subscribes.filter((s) => !s.ok)).toHaveLength(6);
      expect(JSON.stringify(body)).not.toContain(WRONG_SECRET);
    } finally {
      await wrong.close();
    }
  });

  it('never writes a secret to the log', () => {
    const all = logLines.join('');
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(WRONG_SECRET);
  });
});
