import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { startServer, type Running } from '../../src/server/start.js';
import { FakeFeishu } from '../helpers/fake-feishu.js';
import { APP, feishuEnv } from '../helpers/feishu-events.js';
import { startRedis } from '../helpers/redis.js';
import { tempState } from '../helpers/state.js';
import { storeFrom } from '../helpers/store.js';
import { feishuMessage, inBatches, postFeishu, redelivery } from './helpers/events.js';
import { seeded, Tally } from './helpers/tally.js';

// Load on loopback: a few thousand signed, encrypted Feishu events, a third of them duplicates
// (Feishu retries with a new event id, or the same event twice), delivered concurrently in
// batches through the real webhook. Every distinct message_id must be answered exactly once, with
// the answer to its own question. Bounded in count and in time; 127.0.0.1 only.

const tally = new Tally('load');
afterAll(() => tally.print());

/** Questions whose answers are known, so a reply can be checked against its own question. */
const QUESTIONS: [string, string][] = [
  ['枣庄实际开放床位多少张', '25970张'],
  ['淄博专科联盟有几个', '10个'],
  ['枣庄网内救护车有几辆', '63辆'],
  ['枣庄卫生总资产', '140.05亿元'],
];

const env = (fake: FakeFeishu, extra: Record<string, string> = {}) => ({
  PORT: '0', HOST: '127.0.0.1', ...feishuEnv(fake.url),
  // Many messages a minute from the same members and groups: the inbound limits are raised so the
  // test measures de-duplication, not rate limiting.
  RATE_USER_PER_MIN: '10000', RATE_CHAT_PER_MIN: '100000',
  ...extra,
});

interface Plan {
  deliveries: { event: Record<string, unknown>; replica: number }[];
  expected: Map<string, string>;
}

/**
 * `distinct` messages over 200 groups and 500 members, plus `duplicates` redeliveries of random
 * ones, shuffled with a fixed seed; with several replicas, a redelivery goes to another replica.
 */
function plan(tag: string, distinct: number, duplicates: number, replicas: number, seed: number): Plan {
  const rnd = seeded(seed);
  const pick = (n: number) => Math.floor(rnd() * n);
  const expected = new Map<string, string>();
  const firsts: { event: Record<string, unknown>; replica: number }[] = [];
  for (let i = 0; i < distinct; i++) {
    const [text, answer] = QUESTIONS[i % QUESTIONS.length]!;
    const messageId = `om_load_${tag}_${i}`;
    expected.set(messageId, answer);
    firsts.push({ event: feishuMessage({ text, messageId, chatId: `oc_load_${i % 200}`, userId: `ou_load_${pick(500)}` }), replica: pick(replicas) });
  }
  const dups = Array.from({ length: duplicates }, (_, j) => {
    const orig = firsts[pick(firsts.length)]!;
    // Half are Feishu retries (new event id), half the very same event again.
    const event = j % 2 ? redelivery(orig.event, `ev_dup_${tag}_${j}`) : orig.event;
    return { event, replica: replicas > 1 ? (orig.replica + 1 + pick(replicas - 1)) % replicas : 0 };
  });
  const deliveries = [...firsts, ...dups];
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
  }
  return { deliveries, expected };
}

/** Replies the fake got, by the message id they answer. */
function repliesById(fake: FakeFeishu): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of fake.sends) {
    const id = /\/messages\/([^/]+)\/reply$/.exec(s.path)?.[1];
    if (id) out.set(id, [...(out.get(id) ?? []), String(s.body.content)]);
  }
  return out;
}

function expectOncePerMessage(fake: FakeFeishu, p: Plan): void {
  const replies = repliesById(fake);
  let wrong = 0;
  for (const [id, answer] of p.expected) {
    const got = replies.get(id) ?? [];
    expect(got, `replies to ${id}`).toHaveLength(1);
    if (!got[0]!.includes(answer)) wrong++;
  }
  expect(wrong).toBe(0);
  expect(fake.sends).toHaveLength(p.expected.size);
}

describe('one server', () => {
  it('answers each of 2,000 messages exactly once among 3,000 concurrent deliveries (1,000 duplicates)', async () => {
    const fake = new FakeFeishu();
    await fake.start();
    const running = await startServer({ config: readConfig(env(fake)), store: await storeFrom(), state: await tempState(), schedule: false, log: pino({ level: 'silent' }), sleep: async () => {} });
    try {
      const p = plan('one', 2000, 1000, 1, 1);
      const started = Date.now();
      const statuses = await inBatches(p.deliveries.map((d) => () => postFeishu(running.port, d.event)), 100);
      await running.settle();
      const ms = Date.now() - started;
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expectOncePerMessage(fake, p);
      expect(ms).toBeLessThan(90_000);
      tally.add('one server (deliveries)', { inputs: p.deliveries.length });
      process.stdout.write(`[reliability] load | one server: ${p.deliveries.length} deliveries, ${p.expected.size} messages in ${ms} ms\n`);
    } finally {
      await running.close();
      await fake.stop();
    }
  }, 120_000);
});

describe('two servers on one Redis', () => {
  it('answers each of 400 messages exactly once among 600 deliveries spread over both (duplicates to the other replica)', async () => {
    const redis = await startRedis();
    const fake = new FakeFeishu();
    await fake.start();
    const config = readConfig(env(fake, { REDIS_URL: redis.url, REDIS_PREFIX: `load-${randomBytes(3).toString('hex')}:` }));
    const replicas = [
      await startServer({ config, store: await storeFrom(), schedule: false, log: pino({ level: 'silent' }), sleep: async () => {} }),
      await startServer({ config, store: await storeFrom(), schedule: false, log: pino({ level: 'silent' }), sleep: async () => {} }),
    ];
    const settle = async (rs: Running[]) => {
      for (const r of rs) await r.settle();
    };
    try {
      const p = plan('two', 400, 200, 2, 2);
      const started = Date.now();
      const statuses = await inBatches(p.deliveries.map((d) => () => postFeishu(replicas[d.replica]!.port, d.event)), 100);
      await settle(replicas);
      const ms = Date.now() - started;
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expectOncePerMessage(fake, p);
      expect(ms).toBeLessThan(90_000);
      tally.add('two servers on Redis (deliveries)', { inputs: p.deliveries.length });
      process.stdout.write(`[reliability] load | two servers: ${p.deliveries.length} deliveries, ${p.expected.size} messages in ${ms} ms\n`);
    } finally {
      for (const r of replicas) await r.close();
      await fake.stop();
      await redis.stop();
    }
  }, 120_000);
});
