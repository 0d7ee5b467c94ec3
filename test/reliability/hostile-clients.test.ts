import { once } from 'node:events';
import { connect } from 'node:net';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';
import { FollowUps } from '../../src/core/ask.js';
import type { Card } from '../../src/core/cards.js';
import { KeyedPacer, WindowPacer } from '../../src/core/pacing.js';
import { RateLimiter } from '../../src/core/rate-limit.js';
import { decodeFeishuEvent } from '../../src/platforms/feishu/decode.js';
import { verifyFeishuRequest } from '../../src/platforms/feishu/verify.js';
import { startServer, type Running } from '../../src/server/start.js';
import { FakeFeishu } from '../helpers/fake-feishu.js';
import { APP, deliver, feishuEnv, messageEvent } from '../helpers/feishu-events.js';
import { tempState } from '../helpers/state.js';
import { storeFrom } from '../helpers/store.js';
import { httpRequest } from './helpers/http.js';
import { Tally } from './helpers/tally.js';

// Issue 12, items 9–12 and 15: what a hostile client did that the server now refuses or survives.
// Real servers on loopback, the platforms faked on loopback, injected clocks; no timing assertions.

const silent = pino({ level: 'silent' });
const tally = new Tally('hostile-clients');
afterAll(() => tally.print());

/** A Feishu app verified by its Verification Token only (no Encrypt Key). */
const tokenOnlyEnv = (domain: string): Record<string, string> => {
  const { FEISHU_ENCRYPT_KEY: _key, ...env } = feishuEnv(domain);
  return env;
};

const withCreateTime = (event: Record<string, unknown>, ms: number | undefined): Record<string, unknown> => {
  const header = { ...(event.header as Record<string, unknown>) };
  if (ms === undefined) delete header.create_time;
  else header.create_time = String(ms);
  return { ...event, header };
};

describe('item 9: token-only Feishu events are checked for freshness', () => {
  const sec = { verificationToken: APP.verificationToken, maxAgeSec: 300 };
  const nowSec = 1_750_000_000;
  const nowMs = nowSec * 1000;

  it.each([
    ['a fresh event', 'event', nowMs - 2_000],
    ['an event at the edge of the window', 'event', nowMs - 300_000],
    ['a replay of an event an hour old', 'reject', nowMs - 3_600_000],
    ['an event dated ten minutes ahead', 'reject', nowMs + 600_000],
    ['an event without header.create_time', 'reject', undefined],
  ])('%s → %s', (_name, kind, createTime) => {
    const body = JSON.stringify(withCreateTime(messageEvent({ text: '/reload', sender: 'ou_admin' }), createTime));
    const out = verifyFeishuRequest(Buffer.from(body), { 'content-type': 'application/json' }, sec, nowSec);
    expect(out.kind).toBe(kind);
    if (out.kind === 'reject') expect(out.status).toBe(401);
  });

  it.each([
    ['seconds instead of milliseconds', String(nowSec)],
    ['not a number', 'yesterday'],
  ])('refuses a create_time that is %s', (_name, createTime) => {
    const event = messageEvent({ text: '/reload', sender: 'ou_admin' });
    const body = JSON.stringify({ ...event, header: { ...(event.header as object), create_time: createTime } });
    expect(verifyFeishuRequest(Buffer.from(body), {}, sec, nowSec)).toMatchObject({ kind: 'reject', status: 401 });
  });

  it('still answers the URL challenge, which carries no create_time', () => {
    const body = JSON.stringify({ challenge: 'c', token: APP.verificationToken, type: 'url_verification' });
    expect(verifyFeishuRequest(Buffer.from(body), {}, sec, nowSec)).toEqual({ kind: 'challenge', challenge: 'c' });
  });

  it('refuses a captured admin command replayed through a running server, and answers a fresh one', async () => {
    const fake = new FakeFeishu();
    await fake.start();
    const running = await startServer({
      config: readConfig({ PORT: '0', HOST: '127.0.0.1', ...tokenOnlyEnv(fake.url), ADMIN_IDS: 'feishu:ou_admin' }),
      store: await storeFrom(), state: await tempState(), schedule: false, log: silent, sleep: async () => {},
    });
    try {
      const post = (event: Record<string, unknown>) => {
        const d = deliver(event, { sign: false, encrypt: false });
        return httpRequest(`http://127.0.0.1:${running.port}/feishu/events`, { method: 'POST', body: d.body, headers: d.headers });
      };
      const captured = withCreateTime(messageEvent({ text: '/status', sender: 'ou_admin', chatType: 'p2p', mention: false }), Date.now() - 3_600_000);
      expect((await post(captured)).status).toBe(401);
      await running.settle();
      expect(fake.sends).toHaveLength(0);
      expect((await post(messageEvent({ text: '/status', sender: 'ou_admin', chatType: 'p2p', mention: false }))).status).toBe(200);
      await running.settle();
      expect(JSON.stringify(fake.cards)).toContain('运行状态');
    } finally {
      await running.close();
      await fake.stop();
    }
  });
});

describe('item 9: admin commands from Feishu need the Encrypt Key in production', () => {
  const runs: { running: Running; fake: FakeFeishu }[] = [];
  afterAll(async () => {
    for (const r of runs) {
      await r.running.close();
      await r.fake.stop();
    }
  });
  const start = async (env: Record<string, string>) => {
    const fake = new FakeFeishu();
    await fake.start();
    const running = await startServer({
      config: readConfig({ PORT: '0', HOST: '127.0.0.1', ADMIN_IDS: 'feishu:ou_admin,wecom:lisi', ...env, ...(env.FEISHU_ENCRYPT_KEY ? feishuEnv(fake.url) : tokenOnlyEnv(fake.url)) }),
      store: await storeFrom(), state: await tempState(), schedule: false, log: silent, sleep: async () => {},
    });
    runs.push({ running, fake });
    return running;
  };
  const say = (running: Running, userId: string, text = '/status'): Promise<Card> =>
    running.bot.respond({ kind: 'text', text, chatId: 'feishu:oc_admins', userId, chatType: 'group', log: silent });

  it.each([
    ['production, token only: a Feishu admin is refused', { NODE_ENV: 'production' }, 'feishu:ou_admin', false],
    ['production, token only: a WeCom admin still runs commands', { NODE_ENV: 'production' }, 'wecom:lisi', true],
    ['development, token only: a Feishu admin runs commands', {}, 'feishu:ou_admin', true],
    ['production with the Encrypt Key: a Feishu admin runs commands', { NODE_ENV: 'production', FEISHU_ENCRYPT_KEY: APP.encryptKey }, 'feishu:ou_admin', true],
  ])('%s', async (_name, env, userId, allowed) => {
    const running = await start(env);
    const card = await say(running, userId);
    if (allowed) expect(card).toMatchObject({ kind: 'notice', title: '运行状态' });
    else {
      expect(card).toMatchObject({ kind: 'notice', title: '管理员指令未开启', tone: 'warning' });
      expect(JSON.stringify(card)).toContain('FEISHU_ENCRYPT_KEY');
      expect(JSON.stringify(card)).toContain('重放');
    }
  });

  it('refuses a report sent by a Feishu admin in production without the Encrypt Key, before downloading it', async () => {
    const running = await start({ NODE_ENV: 'production' });
    let downloaded = false;
    const card = await running.bot.respond({
      kind: 'file', text: '', file: { name: 'r.txt', key: 'f_1' }, chatId: 'feishu:oc_p2p', userId: 'feishu:ou_admin', chatType: 'private', log: silent,
      download: async () => {
        downloaded = true;
        return { bytes: new Uint8Array() };
      },
    });
    expect(JSON.stringify(card)).toContain('FEISHU_ENCRYPT_KEY');
    expect(downloaded).toBe(false);
  });
});

describe('item 9: admin identity on Feishu is the open_id only', () => {
  const withSender = (senderId: Record<string, string>) => {
    const event = messageEvent({ text: '/reload', chatType: 'p2p', mention: false });
    (event.event as { sender: { sender_id: Record<string, string> } }).sender.sender_id = senderId;
    return event;
  };

  it.each([
    ['open_id, user_id and union_id', { open_id: 'ou_someone', user_id: 'ou_admin', union_id: 'ou_admin' }, 'feishu:ou_someone'],
    ['only a user_id spelled like the admin\'s open_id', { user_id: 'ou_admin' }, undefined],
    ['only a union_id spelled like the admin\'s open_id', { union_id: 'ou_admin' }, undefined],
  ])('a sender with %s is %s', (_name, senderId, userId) => {
    const d = decodeFeishuEvent(withSender(senderId));
    if (userId === undefined) expect(d.kind).toBe('ignore');
    else expect(d).toMatchObject({ kind: 'message', msg: { userId } });
  });

  it.each([
    ['feishu:ou_admin,wecom:zhangsan', true],
    ['feishu:admin_user_id', false],
    ['feishu:on_union_of_admin', false],
  ])('ADMIN_IDS=%s is accepted: %s', (ids, ok) => {
    const read = () => readConfig({ ADMIN_IDS: ids });
    if (ok) expect(read().admins.size).toBeGreaterThan(0);
    else {
      expect(read).toThrow(ConfigError);
      expect(read).toThrow(/ADMIN_IDS: .*open_id/);
    }
  });
});

describe('items 10 and 15: the web API beside the chats', () => {
  const fake = new FakeFeishu();
  let running: Running;
  let base: string;
  beforeAll(async () => {
    await fake.start();
    running = await startServer({
      config: readConfig({ PORT: '0', HOST: '127.0.0.1', ...feishuEnv(fake.url), MAX_BODY_BYTES: '16384' }),
      store: await storeFrom(), state: await tempState(), schedule: false, log: silent, sleep: async () => {},
    });
    base = `http://127.0.0.1:${running.port}`;
  });
  afterAll(async () => {
    await running.close();
    await fake.stop();
  });

  it('keeps a group\'s follow-up context through 10,001 anonymous /api/ask conversations', async () => {
    const post = async (text: string) => {
      const d = deliver(messageEvent({ text }));
      expect((await httpRequest(`${base}/feishu/events`, { method: 'POST', body: d.body, headers: d.headers })).status).toBe(200);
      await running.settle();
      return JSON.stringify(fake.cards.at(-1));
    };
    expect(await post('枣庄办案数量')).toContain('2491件');
    const width = 32;
    for (let i = 0; i < 10_001; i += width) {
      await Promise.all(
        Array.from({ length: Math.min(width, 10_001 - i) }, (_, j) =>
          httpRequest(`http://127.0.0.1:${running.webPort}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '淄博专科联盟有几个', chat: `visitor-${i + j}` }) }).then((a) => expect(a.status).toBe(200)),
        ),
      );
    }
    expect(await post('2012年呢')).toContain('269件');
  }, 120_000);

  it.each([
    ['/api/ask', 9_000, 8192],
    ['/feishu/events', 20_000, 16384],
  ])('answers an oversized body on %s with 413 naming its own limit', async (path, size, limit) => {
    const body = JSON.stringify({ question: '枣'.repeat(10), pad: 'x'.repeat(size) });
    const a = await httpRequest(`http://127.0.0.1:${path.startsWith('/api') ? running.webPort : running.port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(a.status).toBe(413);
    expect(JSON.parse(a.text).error).toBe(`body over ${limit} bytes`);
  });
});

describe('item 10: follow-up memory is bounded by least recent use', () => {
  it('evicts the chat asked least recently, not the one asked first', () => {
    let t = 0;
    const f = new FollowUps(() => t, 60_000, 2);
    const q = (text: string) => ({ text }) as unknown as Parameters<FollowUps['set']>[1];
    f.set('a', q('1'));
    t++;
    f.set('b', q('2'));
    t++;
    f.set('a', q('3'));
    t++;
    f.set('c', q('4'));
    expect([f.get('a')?.text, f.get('b')?.text, f.get('c')?.text]).toEqual(['3', undefined, '4']);
  });
});

describe('item 11: per-key maps forget idle keys', () => {
  const N = 30_000;

  it('RateLimiter: 30,000 members, then a minute later one more: one key held', () => {
    let t = 0;
    const r = new RateLimiter(2, 60_000, () => t);
    for (let i = 0; i < N; i++) r.check(`user-${i}`);
    for (let i = 0; i < 3; i++) r.check('noisy');
    expect(r.size).toBe(N + 1);
    t = 60_000;
    expect(r.check('late').ok).toBe(true);
    expect(r.size).toBe(1);
  });

  it('KeyedPacer and WindowPacer: 30,000 chats, then past the interval one more: one key held', async () => {
    let t = 0;
    const clock = { now: () => t, sleep: async (ms: number) => void (t += ms) };
    const keyed = new KeyedPacer(250, clock.now, clock.sleep);
    const windowed = new WindowPacer(20, 60_000, clock.now, clock.sleep);
    await Promise.all(Array.from({ length: N }, (_, i) => Promise.all([keyed.run(`chat-${i}`, async () => i), windowed.run(`chat-${i}`, async () => i)])));
    expect([keyed.size, windowed.size]).toEqual([N, N]);
    t += 60_000;
    await keyed.run('late', async () => 0);
    await windowed.run('late', async () => 0);
    expect([keyed.size, windowed.size]).toEqual([1, 1]);
  });

  /** The limiter as it was: a list of accepted times per key, filtered on every message. */
  class ReferenceLimiter {
    private readonly events = new Map<string, number[]>();
    private readonly told = new Map<string, number>();
    constructor(private readonly limit: number, private readonly windowMs: number, private readonly now: () => number) {}
    check(key: string): { ok: boolean; tell: boolean } {
      const t = this.now();
      const list = (this.events.get(key) ?? []).filter((at) => t - at < this.windowMs);
      this.events.set(key, list);
      if (list.length >= this.limit) {
        const toldAt = this.told.get(key);
        const tell = toldAt === undefined || t - toldAt >= this.windowMs;
        if (tell) this.told.set(key, t);
        return { ok: false, tell };
      }
      list.push(t);
      return { ok: true, tell: false };
    }
  }

  it('RateLimiter decides exactly as the list-filtering limiter did, on any sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 40_000 })), { maxLength: 200 }),
        (limit, steps) => {
          let t = 0;
          const now = () => t;
          const mine = new RateLimiter(limit, 60_000, now);
          const ref = new ReferenceLimiter(limit, 60_000, now);
          for (const [key, dt] of steps) {
            t += dt;
            expect(mine.check(key)).toEqual(ref.check(key));
          }
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('item 12: slow clients and too many connections', () => {
  const runs: Running[] = [];
  afterAll(async () => {
    for (const r of runs) await r.close();
  });
  const start = async (env: Record<string, string>) => {
    const running = await startServer({ config: readConfig({ PORT: '0', HOST: '127.0.0.1', ...env }), store: await storeFrom(), state: await tempState(), schedule: false, log: silent });
    runs.push(running);
    return running;
  };

  /** Sends `head` at once, then `rest` one byte every `everyMs`; says whether the server hung up first. */
  const slowClient = async (port: number, head: string, rest: string, everyMs: number) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    let hungUp = false;
    socket.on('data', (d: Buffer) => void (reply += d.toString('latin1')));
    socket.on('end', () => void (hungUp = true));
    socket.on('close', () => void (hungUp = true));
    socket.on('error', () => void (hungUp = true));
    await once(socket, 'connect');
    socket.write(head);
    for (const ch of rest) {
      await new Promise((r) => setTimeout(r, everyMs));
      if (hungUp) break;
      socket.write(ch);
    }
    const cut = hungUp;
    socket.destroy();
    return { cut, reply };
  };

  // ASCII, so that one character is one byte and Content-Length is exact.
  const slowBody = JSON.stringify({ question: 'beds', pad: 'x'.repeat(140) });
  it.each([
    ['headers sent byte by byte', 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', `X-Slow: ${'a'.repeat(150)}\r\n\r\n`, /^HTTP\/1\.1 408/],
    ['a body sent byte by byte', `POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${slowBody.length}\r\n\r\n`, slowBody, /^(HTTP\/1\.1 408[^]*)?$/],
  ])('cuts off a client with %s', async (_name, head, rest, reply) => {
    const running = await start({ HTTP_HEADERS_TIMEOUT_MS: '300', HTTP_REQUEST_TIMEOUT_MS: '600' });
    const out = await slowClient(head.includes('/api/') ? running.webPort : running.port, head, rest, 50);
    expect(out.cut).toBe(true);
    expect(out.reply).toMatch(reply);
    // A client that sends its request at once is served as before.
    expect((await httpRequest(`http://127.0.0.1:${running.port}/healthz`)).status).toBe(200);
    tally.add('slow clients', { inputs: 1, faults: 1 });
  });

  it('refuses connections beyond MAX_CONNECTIONS, and takes them again once one closes', async () => {
    const running = await start({ MAX_CONNECTIONS: '2' });
    let accepted = 0;
    running.server.on('connection', () => void accepted++);
    const open = async () => {
      const s = connect(running.port, '127.0.0.1');
      s.on('error', () => undefined);
      await once(s, 'connect');
      return s;
    };
    const ask = async () => {
      const s = await open();
      let reply = '';
      s.on('data', (d: Buffer) => void (reply += d.toString('latin1')));
      s.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      await once(s, 'close');
      return reply;
    };
    const holders = [await open(), await open()];
    while (accepted < 2) await new Promise((r) => setImmediate(r));
    const dropped = once(running.server, 'drop');
    expect(await ask()).toBe('');
    await dropped;
    holders[0]!.destroy();
    let reply = '';
    for (let i = 0; i < 100 && !reply; i++) reply = await ask();
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    holders[1]!.destroy();
  });

  it.each([
    [{ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '15000' }, /HTTP_HEADERS_TIMEOUT_MS: .*HTTP_REQUEST_TIMEOUT_MS/],
    [{ MAX_CONNECTIONS: '0' }, /MAX_CONNECTIONS/],
    [{ HTTP_KEEP_ALIVE_TIMEOUT_MS: 'soon' }, /HTTP_KEEP_ALIVE_TIMEOUT_MS/],
  ])('refuses %o at start, naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });

  it('has the documented defaults', () => {
    expect(readConfig({}).http).toEqual({ requestTimeoutMs: 15_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000, maxConnections: 1000 });
  });
});
