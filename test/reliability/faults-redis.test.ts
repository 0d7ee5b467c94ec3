import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { startServer, type Running } from '../../src/server/start.js';
import { WxBizMsgCrypt } from '../../src/platforms/wecom/crypto.js';
import { FakeFeishu } from '../helpers/fake-feishu.js';
import { FakeWeCom } from '../helpers/fake-wecom.js';
import { APP, feishuEnv } from '../helpers/feishu-events.js';
import { tempDir } from '../helpers/state.js';
import { storeFrom } from '../helpers/store.js';
import { feishuMessage, postFeishu } from './helpers/events.js';
import { freePort, startRedisOn, type RedisProcess } from './helpers/redis-process.js';
import { Tally, until } from './helpers/tally.js';

// Redis going away and coming back under two replicas that share it (as in replicas.test.ts).
//
// What is asserted, and why:
// - While Redis is down the replicas stay up (/healthz 200), say they are not ready (/readyz 503),
//   answer nothing and push nothing: nothing is answered without de-duplication, so nothing can be
//   answered twice. A WeCom callback is refused with a 5xx (its de-duplication runs before the
//   answer), so WeCom delivers it again later. A Feishu delivery is refused the same way (it used
//   to be acknowledged and lost; see the regression test below).
// - Once a new Redis answers on the same port, the replicas reconnect by themselves; every message
//   delivered again after the outage is answered exactly once, new messages delivered to both
//   replicas are answered once, each group gets a day's push once however many replicas run it,
//   and a reload on one replica still reloads the other (pub/sub resubscribed).
// - What Redis remembered from before the outage depends on Redis: with persistence (appendonly,
//   fsync always) messages and pushes from before are still known and not repeated; a Redis that
//   comes back empty has forgotten them (and the subscriptions). A redelivery of an old message is
//   still refused by the replicas that saw it (their bounded in-process layer of recent ids, issue
//   12 item 8); a replica restarted meanwhile, or one that never saw it, would answer it again. A
//   day already pushed is pushed again, once: the push claims have no such layer. That second case
//   is asserted as such, to document it.

const tally = new Tally('faults-redis');
afterAll(() => tally.print());

describe.each([
  ['Redis with persistence', true],
  ['Redis that comes back empty', false],
])('%s, killed and restarted on the same port', (_name, persistent) => {
  const fake = new FakeFeishu();
  const wecom = new FakeWeCom();
  const wecomToken = 'wecom-token-redis';
  const aesKey = randomBytes(32).toString('base64').slice(0, 43);
  const wecomCrypto = new WxBizMsgCrypt(wecomToken, aesKey, '');
  const dir = persistent ? tempDir('factbot-redis-') : undefined;
  const logs: { level: number; msg: string }[] = [];
  let port: number;
  let redis: RedisProcess;
  let a: Running;
  let b: Running;
  let seq = 0;
  const prefix = `rel-${randomBytes(3).toString('hex')}:`;
  const tag = persistent ? 'p' : 'e';

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedisOn(port, dir ? { dir } : {});
    await fake.start();
    await wecom.start();
    const env = {
      WECOM_BOT_TOKEN: wecomToken, WECOM_BOT_AES_KEY: aesKey, WECOM_API_BASE: wecom.url,
      PORT: '0', HOST: '127.0.0.1', REDIS_URL: redis.url, REDIS_PREFIX: prefix,
      ...feishuEnv(fake.url), RATE_USER_PER_MIN: '10000', RATE_CHAT_PER_MIN: '100000',
    };
    const log = pino({ level: 'warn' }, { write: (s: string) => void logs.push(JSON.parse(s) as { level: number; msg: string }) });
    a = await startServer({ config: readConfig(env), store: await storeFrom(), log, schedule: false, sleep: async () => {} });
    b = await startServer({ config: readConfig(env), store: await storeFrom(), log, schedule: false, sleep: async () => {} });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fake.stop();
    await wecom.stop();
    await redis?.stop();
  });

  const replies = (messageId: string) => fake.sends.filter((s) => s.path === `/open-apis/im/v1/messages/${messageId}/reply`).length;
  const pushes = (chat: string) => fake.sends.filter((s) => s.path.includes('receive_id_type=chat_id') && s.body.receive_id === chat).length;
  const message = () => {
    const n = ++seq;
    return feishuMessage({ text: '枣庄卫生总资产', messageId: `om_redis_${tag}_${n}`, chatId: `oc_redis_${tag}_${n}`, userId: `ou_redis_${n}` });
  };
  /** A WeCom callback (signed, encrypted); resolves to its status and whether it carried an answer. */
  const postWeCom = async (r: Running, msgid: string) => {
    const encrypted = wecomCrypto.encrypt(JSON.stringify({ msgid, aibotid: 'aibot_r', chatid: `wrk_${msgid}`, chattype: 'group', from: { userid: `u_${msgid}` }, msgtype: 'text', text: { content: '@factbot 淄博专科联盟有几个' } }));
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(4).toString('hex');
    const res = await fetch(`http://127.0.0.1:${r.port}/wecom/callback?msg_signature=${wecomCrypto.signature(ts, nonce, encrypted)}&timestamp=${ts}&nonce=${nonce}`, { method: 'POST', body: JSON.stringify({ encrypt: encrypted }) });
    return { status: res.status, answered: res.status === 200 && (await res.text()).length > 0 };
  };
  const idOf = (e: Record<string, unknown>) => (e.event as { message: { message_id: string } }).message.message_id;
  /** The same event delivered to both replicas at once, as a retry landing on the other one. */
  const toBoth = (e: Record<string, unknown>) => Promise.all([postFeishu(a.port, e), postFeishu(b.port, e)]);
  const settle = async () => {
    await a.settle();
    await b.settle();
  };
  const ready = async (r: Running) => (await fetch(`http://127.0.0.1:${r.port}/readyz`)).status;
  const groups = [`oc_push_${tag}_1`, `oc_push_${tag}_2`, `oc_push_${tag}_3`];

  const before: Record<string, unknown>[] = [];
  const duringOutage: Record<string, unknown>[] = [];
  const feishuOutageStatuses: number[] = [];
  const outageMs: number[] = [];
  const wecomOutage = [`wmsg_${tag}_1`, `wmsg_${tag}_2`, `wmsg_${tag}_3`];

  it('before: answers each message once across both replicas, and pushes each group once', async () => {
    for (let i = 0; i < 10; i++) before.push(message());
    const statuses = (await Promise.all(before.map(toBoth))).flat();
    expect(statuses.every((s) => s === 200)).toBe(true);
    await settle();
    for (const e of before) expect(replies(idOf(e))).toBe(1);
    for (const g of groups) await a.state.subscribe({ target: `feishu:${g}`, addedAt: 'now', source: 'chat' });
    const results = (await Promise.all([a.pushNow('replica-a', { day: '2026-11-22' }), b.pushNow('replica-b', { day: '2026-11-22' })])).flat();
    expect(results.filter((r) => r.status === 'sent')).toHaveLength(3);
    for (const g of groups) expect(pushes(g)).toBe(1);
    tally.add(`${_name}: deliveries`, { inputs: 20 });
  });

  it('while Redis is down: alive, not ready, answers and pushes nothing; WeCom callbacks get a 5xx', async () => {
    const sendsBefore = fake.sends.length;
    await redis.kill();
    tally.add(`${_name}: deliveries`, { faults: 1 });
    // Every call below that needs Redis waits for ioredis to give up (3 reconnection attempts,
    // up to 2 s apart), so they run side by side.
    const t0 = Date.now();
    for (let i = 0; i < 6; i++) duringOutage.push(message());
    const [health, readiness, feishuStatuses, wecomStatuses, pushed] = await Promise.all([
      Promise.all([a, b].map(async (r) => (await fetch(`http://127.0.0.1:${r.port}/healthz`)).status)),
      Promise.all([a, b].map(ready)),
      Promise.all(duringOutage.map(toBoth)),
      Promise.all(wecomOutage.flatMap((m) => [postWeCom(a, m), postWeCom(b, m)])),
      Promise.allSettled([a.pushNow('replica-a', { day: '2026-11-23' }), b.pushNow('replica-b', { day: '2026-11-23' })]),
    ]);
    outageMs.push(Date.now() - t0);
    expect(health).toEqual([200, 200]);
    expect(readiness).toEqual([503, 503]);
    feishuOutageStatuses.push(...feishuStatuses.flat());
    tally.add(`${_name}: deliveries`, { inputs: feishuOutageStatuses.length + wecomStatuses.length });
    expect(wecomStatuses.every((w) => w.status >= 500 && w.status <= 503 && !w.answered)).toBe(true);
    for (const p of pushed) if (p.status === 'fulfilled') expect(p.value.filter((r) => r.status === 'sent')).toHaveLength(0);
    await settle();
    expect(fake.sends.length).toBe(sendsBefore);
    expect(wecom.calls).toHaveLength(0);
    expect(logs.some((l) => l.msg === 'redis connection error; retrying')).toBe(true);
  }, 60_000);

  // Regression test for a bug this suite found (src/platforms/channel.ts:38 as it was, with
  // src/core/bot.ts:57): for Feishu (no passive reply) Channel.receive acknowledged with 200 at
  // once and ran bot.accept — whose first step is the de-duplication in the shared state — in
  // the background. With the state failing (Redis down, a full disk under state.db) the background
  // work threw, the server logged "background work failed", and the message was lost: Feishu had
  // its 200 and never delivered it again. Every question asked during a Redis outage went
  // unanswered, without trace in the chat.
  // Fix: claim the message id before acknowledging, and answer 503 when that throws, as the WeCom
  // path already does through receivePassive.
  it('while Redis is down: refuses Feishu deliveries with a 5xx so Feishu delivers them again (they were acknowledged 200, then dropped)', () =>
    tally.check(`${_name}: Feishu deliveries refused while down`, { inputs: feishuOutageStatuses.length }, () => {
      expect(feishuOutageStatuses.length).toBeGreaterThan(0);
      expect(feishuOutageStatuses.every((s) => s >= 500 && s <= 503)).toBe(true);
    }));

  it('after a new Redis starts on the same port: reconnects, de-duplicates, claims and reloads again', async () => {
    redis = await startRedisOn(port, dir ? { dir } : {});
    const logsFrom = logs.length;
    expect(await until(async () => (await ready(a)) === 200 && (await ready(b)) === 200, 15_000, 100)).toBe(true);

    // The messages of the outage delivered again (what Feishu does after a 5xx): each is answered
    // exactly once.
    const again = (await Promise.all(duringOutage.map(toBoth))).flat();
    expect(again.every((s) => s === 200)).toBe(true);
    // WeCom retries what got a 5xx: one of the two replicas answers it, passively.
    const wecomAgain = await Promise.all(wecomOutage.flatMap((m) => [postWeCom(a, m), postWeCom(b, m)]));
    expect(wecomAgain.every((w) => w.status === 200)).toBe(true);
    expect(wecomAgain.filter((w) => w.answered)).toHaveLength(wecomOutage.length);
    // New messages, each to both replicas at once.
    const fresh = Array.from({ length: 10 }, message);
    expect((await Promise.all(fresh.map(toBoth))).flat().every((s) => s === 200)).toBe(true);
    // Messages from before the outage, delivered again.
    expect((await Promise.all(before.map(toBoth))).flat().every((s) => s === 200)).toBe(true);
    await settle();
    for (const e of [...duringOutage, ...fresh]) expect(replies(idOf(e))).toBe(1);
    // Even from an empty Redis: both replicas saw these ids and refuse them in memory.
    for (const e of before) expect(replies(idOf(e))).toBe(1);
    tally.add(`${_name}: deliveries`, { inputs: 2 * (duringOutage.length + fresh.length + before.length + wecomOutage.length) });

    // Subscriptions live in Redis too: an empty Redis lost them, and an admin subscribes again.
    if (!persistent) for (const g of groups) await b.state.subscribe({ target: `feishu:${g}`, addedAt: 'now', source: 'chat' });
    // The day pushed before the outage, and a new day, run by both replicas at once.
    for (const day of ['2026-11-22', '2026-11-24']) {
      const results = (await Promise.all([a.pushNow('replica-a', { day }), b.pushNow('replica-b', { day })])).flat();
      const sent = results.filter((r) => r.status === 'sent').length;
      expect(sent).toBe(day === '2026-11-22' && persistent ? 0 : 3);
    }
    for (const g of groups) expect(pushes(g)).toBe(persistent ? 2 : 3);
    tally.add(`${_name}: push claims`, { inputs: 4 });

    // Pub/sub came back: a reload on one replica reloads the other.
    const old = b.stores.current;
    expect((await a.reloader.reload('feishu:ou_admin')).ok).toBe(true);
    expect(await until(() => b.stores.current !== old, 10_000, 50)).toBe(true);
    expect(logs.slice(logsFrom).filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
  }, 60_000);
});
