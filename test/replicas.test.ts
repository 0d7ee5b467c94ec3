import { randomBytes } from 'node:crypto';
import { cpSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { startServer, type Running } from '../src/server/start.js';
import { FakeFeishu } from './helpers/fake-feishu.js';
import { APP, deliver, messageEvent, feishuEnv } from './helpers/feishu-events.js';
import { startRedis } from './helpers/redis.js';
import { storeFrom } from './helpers/store.js';
import { reportDocx } from './helpers/report-formats.js';
import { tempDir } from './helpers/state.js';

// Two instances of the app behind one load balancer, sharing one real Redis.
describe('two replicas on one Redis', () => {
  const fake = new FakeFeishu();
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: Running;
  let b: Running;
  // One reports folder both replicas read, as a shared volume gives them.
  const seeds = tempDir('factbot-replica-seeds-');
  cpSync('seeds', seeds, { recursive: true });

  beforeAll(async () => {
    redis = await startRedis();
    await fake.start();
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      SEEDS_DIR: seeds,
      ADMIN_IDS: 'feishu:ou_admin',
      REDIS_URL: redis.url,
      REDIS_PREFIX: `replicas-${randomBytes(3).toString('hex')}:`,
      ...feishuEnv(fake.url),
    };
    const log = pino({ level: 'silent' });
    a = await startServer({ config: readConfig(env), store: await storeFrom(), log, schedule: false, sleep: async () => {} });
    b = await startServer({ config: readConfig(env), store: await storeFrom(), log, schedule: false, sleep: async () => {} });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await fake.stop();
    await redis.stop();
  });

  it('answers a message redelivered to the other replica once', async () => {
    const event = messageEvent({ text: '枣庄卫生总资产' });
    const post = (r: Running) => {
      const d = deliver(event);
      return fetch(`http://127.0.0.1:${r.port}/feishu/events`, { method: 'POST', body: d.body, headers: d.headers });
    };
    const statuses = await Promise.all([post(a), post(b), post(a), post(b)].map(async (p) => (await p).status));
    expect(statuses).toEqual([200, 200, 200, 200]);
    await a.settle();
    await b.settle();
    expect(fake.sends).toHaveLength(1);
    expect(JSON.stringify(fake.cards[0])).toContain('140.05亿元');
  });

  it('pushes once per group per day when both replicas run the push', async () => {
    fake.calls.length = 0;
    await a.state.subscribe({ target: 'feishu:oc_push_group', addedAt: 'now', source: 'chat' });
    const [ra, rb] = await Promise.all([a.pushNow('replica-a', { day: '2026-11-22' }), b.pushNow('replica-b', { day: '2026-11-22' })]);
    const statuses = [...ra, ...rb].map((r) => r.status).sort();
    expect(statuses).toEqual(['sent', 'skipped']);
    expect(fake.sends.filter((s) => s.path.startsWith('/open-apis/im/v1/messages?receive_id_type=chat_id'))).toHaveLength(1);
    // And again after a "restart": still once.
    const again = await b.pushNow('replica-b', { day: '2026-11-22' });
    expect(again.map((r) => r.status)).toEqual(['skipped']);
  });

  it('reloads every replica when one reloads', async () => {
    const before = b.stores.current;
    const outcome = await a.reloader.reload('feishu:ou_admin');
    expect(outcome.ok).toBe(true);
    for (let i = 0; i < 100 && b.stores.current === before; i++) await new Promise((r) => setTimeout(r, 50));
    expect(b.stores.current).not.toBe(before);
  });

  it('serves a report an admin sent to one replica from the other too', async () => {
    fake.files.set('file_v3_replica', await reportDocx('剑阁县2024年卫生健康工作总结\n\n全县共有医疗卫生机构198个，床位1720张，卫生技术人员2010人。'));
    const before = b.stores.current;
    const upload = deliver(messageEvent({ chatType: 'p2p', mention: false, messageType: 'file', sender: 'ou_admin', content: JSON.stringify({ file_key: 'file_v3_replica', file_name: '剑阁县总结.docx' }) }));
    expect((await fetch(`http://127.0.0.1:${a.port}/feishu/events`, { method: 'POST', body: upload.body, headers: upload.headers })).status).toBe(200);
    await a.settle();
    for (let i = 0; i < 100 && b.stores.current === before; i++) await new Promise((r) => setTimeout(r, 50));
    const question = deliver(messageEvent({ text: '剑阁县床位多少张' }));
    await fetch(`http://127.0.0.1:${b.port}/feishu/events`, { method: 'POST', body: question.body, headers: question.headers });
    await b.settle();
    expect(JSON.stringify(fake.cards.at(-1))).toContain('1720张');
  });
});
