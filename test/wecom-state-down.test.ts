import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { WxBizMsgCrypt } from '../src/platforms/wecom/crypto.js';
import { startServer, type Running } from '../src/server/start.js';
import { FakeWeCom } from './helpers/fake-wecom.js';
import { storeFrom } from './helpers/store.js';
import { freePort, startRedisOn, type RedisProcess } from './reliability/helpers/redis-process.js';
import { until } from './reliability/helpers/tally.js';

// WeCom HTTP callbacks on a real server, de-duplicated in a real Redis on loopback (no
// persistence), with passive replies off (WECOM_PASSIVE_DEADLINE_MS=0, every answer through
// response_url) and on (the answer in the callback's response).
//
// Issue 12, item 7: with passive replies off, the callback was acknowledged 200 at once and the
// message claimed afterwards; with Redis down that claim threw in the background and the message
// was lost (WeCom had its 200 and never retried). Now the claim comes first and a failed claim is
// a 503, as on Feishu.
// Item 8: a replay of a callback already answered is refused by the replica that answered it even
// when Redis has forgotten the id (FLUSHALL here; a restart without persistence alike).
describe('WeCom callbacks while the shared state fails and forgets', () => {
  const fake = new FakeWeCom();
  const token = 'wecom-token-state-down';
  const aesKey = randomBytes(32).toString('base64').slice(0, 43);
  const crypto = new WxBizMsgCrypt(token, aesKey, '');
  const tag = randomBytes(3).toString('hex');
  let port: number;
  let redis: RedisProcess;
  const servers: Record<string, Running> = {};

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedisOn(port);
    await fake.start();
    for (const deadline of ['0', '1500']) {
      const env = {
        PORT: '0', HOST: '127.0.0.1', WECOM_BOT_TOKEN: token, WECOM_BOT_AES_KEY: aesKey, WECOM_API_BASE: fake.url,
        WECOM_PASSIVE_DEADLINE_MS: deadline, REDIS_URL: redis.url, REDIS_PREFIX: `wsd-${tag}-${deadline}:`,
        RATE_USER_PER_MIN: '10000', RATE_CHAT_PER_MIN: '100000',
      };
      servers[deadline] = await startServer({ config: readConfig(env), store: await storeFrom(), log: pino({ level: 'silent' }), schedule: false, sleep: async () => {} });
    }
  });
  afterAll(async () => {
    for (const s of Object.values(servers)) await s.close();
    await fake.stop();
    await redis?.stop();
  });

  const message = (msgid: string) => ({
    msgid, aibotid: 'aibot_sd', chatid: `wrk_${msgid}`, chattype: 'group', from: { userid: `u_${msgid}` },
    response_url: `${fake.url}/aibot/response/${msgid}`, msgtype: 'text', text: { content: '@factbot 淄博专科联盟有几个' },
  });
  /** A signed, encrypted callback; its status and whether its response carried an answer. */
  const post = async (deadline: string, msgid: string) => {
    const encrypted = crypto.encrypt(JSON.stringify(message(msgid)));
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(4).toString('hex');
    const res = await fetch(`http://127.0.0.1:${servers[deadline]!.port}/wecom/callback?msg_signature=${crypto.signature(ts, nonce, encrypted)}&timestamp=${ts}&nonce=${nonce}`, {
      method: 'POST',
      body: JSON.stringify({ encrypt: encrypted }),
    });
    return { status: res.status, passive: res.status === 200 && (await res.text()).length > 0 };
  };
  /** Answers given for a message: passively (counted by the caller) or through its response_url. */
  const viaResponseUrl = (msgid: string) => fake.responses().filter((c) => c.path === `/aibot/response/${msgid}`).length;
  const settle = async () => {
    for (const s of Object.values(servers)) await s.settle();
  };
  const ready = async (deadline: string) => (await fetch(`http://127.0.0.1:${servers[deadline]!.port}/readyz`)).status === 200;

  const DEADLINES = [
    ['passive replies off (WECOM_PASSIVE_DEADLINE_MS=0)', '0'],
    ['passive replies on (1500 ms)', '1500'],
  ] as const;
  const outage = (deadline: string) => `wsd_${tag}_down_${deadline}`;

  it('refuses callbacks with 503 while Redis is down, and answers nothing', async () => {
    await redis.kill();
    // Both servers at once: each claim waits for ioredis to give up.
    const results = await Promise.all(DEADLINES.map(([, d]) => post(d, outage(d))));
    expect(results).toEqual(DEADLINES.map(() => ({ status: 503, passive: false })));
    await settle();
    expect(fake.calls).toHaveLength(0);
  }, 60_000);

  describe('after Redis restarts on the same port (empty: no persistence)', () => {
    beforeAll(async () => {
      redis = await startRedisOn(port);
      expect(await until(async () => (await Promise.all(DEADLINES.map(([, d]) => ready(d)))).every(Boolean), 15_000, 100)).toBe(true);
    });

    it.each(DEADLINES)('with %s, answers the retry once: nothing was lost', async (_name, deadline) => {
      // WeCom retries what got a 5xx; a second retry (or a copy) is a duplicate.
      const retries = [await post(deadline, outage(deadline)), await post(deadline, outage(deadline))];
      expect(retries.map((r) => r.status)).toEqual([200, 200]);
      await settle();
      expect(retries.filter((r) => r.passive).length + viaResponseUrl(outage(deadline))).toBe(1);
    });

    it.each(DEADLINES)('with %s, refuses replays of answered callbacks after Redis forgot them (FLUSHALL)', async (_name, deadline) => {
      const ids = Array.from({ length: 5 }, (_, i) => `wsd_${tag}_replay_${deadline}_${i}`);
      const first = await Promise.all(ids.map((id) => post(deadline, id)));
      await settle();
      const answered = () => first.filter((r) => r.passive).length + ids.reduce((n, id) => n + viaResponseUrl(id), 0);
      expect(answered()).toBe(ids.length);

      const admin = new Redis(redis.url);
      try {
        await admin.flushall();
        // The state has indeed forgotten them.
        expect(await admin.keys('*seen*')).toEqual([]);
      } finally {
        admin.disconnect();
      }
      const replays = await Promise.all(ids.map((id) => post(deadline, id)));
      await settle();
      expect(replays).toEqual(ids.map(() => ({ status: 200, passive: false })));
      expect(answered()).toBe(ids.length);
    });
  });
});
