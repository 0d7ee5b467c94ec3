import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AnswerQueue } from '../src/core/answer-queue.js';
import { Bot } from '../src/core/bot.js';
import type { Card } from '../src/core/cards.js';
import type { IncomingMessage } from '../src/core/context.js';
import { MemorySeenMessages } from '../src/core/dedupe.js';
import type { StoreHolder } from '../src/core/store-holder.js';
import { readConfig } from '../src/config.js';
import { Channel } from '../src/platforms/channel.js';
import type { PlatformAdapter } from '../src/platforms/types.js';
import { Metrics } from '../src/server/metrics.js';
import { startServer } from '../src/server/start.js';
import { FakeFeishu } from './helpers/fake-feishu.js';
import { feishuEnv } from './helpers/feishu-events.js';
import { tempState } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';
import { feishuMessage, postFeishu } from './reliability/helpers/events.js';

// Issue 14, item 1: the platform is acknowledged before the answer is worked out (the answer ran
// before the ack: handle() was synchronous up to its first await), and what waits to be answered
// is bounded: past the bound a delivery is refused before it is claimed, so the platform sends it
// again later and an outsider cannot grow the queue.

const log = pino({ level: 'silent' });
let n = 0;
const message = (over: Partial<IncomingMessage> = {}): IncomingMessage => ({
  platform: 'feishu',
  messageId: `om_q_${++n}`,
  chatId: `feishu:oc_${n}`,
  userId: `feishu:ou_${n}`,
  chatType: 'group',
  kind: 'text',
  text: '枣庄实际开放床位多少张',
  ...over,
});

/** A store holder that counts reads: the answer's first step reads the current store. */
async function countedStores() {
  const store = await storeFrom();
  const reads = { n: 0 };
  const stores = { get current() {
    reads.n++;
    return store;
  } } as unknown as StoreHolder;
  return { stores, reads };
}

/** Replies that hang until released, counted. */
function hangingReplies() {
  const cards: Card[] = [];
  const waiting: (() => void)[] = [];
  return {
    cards,
    reply: (card: Card) => new Promise<void>((resolve) => waiting.push(() => (cards.push(card), resolve()))),
    release: () => waiting.splice(0).forEach((r) => r()),
    get waiting() {
      return waiting.length;
    },
  };
}

describe('acknowledge first, then answer', () => {
  it('accept() returns before the answer has started, and the answer follows', async () => {
    const { stores, reads } = await countedStores();
    const bot = new Bot({ stores, seen: new MemorySeenMessages(), log });
    const cards: Card[] = [];
    expect(await bot.accept(message(), async (c) => void cards.push(c))).toBe('accepted');
    expect(reads.n).toBe(0);
    expect(cards).toHaveLength(0);
    await bot.drain();
    expect(reads.n).toBeGreaterThan(0);
    expect(cards.map((c) => c.kind)).toEqual(['answer']);
  });

  it('through a channel: the delivery is answered 200 before the answer starts', async () => {
    const { stores, reads } = await countedStores();
    const bot = new Bot({ stores, seen: new MemorySeenMessages(), log });
    const sent: string[] = [];
    const adapter: PlatformAdapter<IncomingMessage, string, Card> = {
      platform: 'feishu',
      verify: (req) => ({ kind: 'event', event: JSON.parse(req.raw.toString()) as IncomingMessage }),
      decode: (msg) => ({ kind: 'message', msg, target: msg.chatId }),
      render: (card) => card,
      send: async (target) => void sent.push(target),
    };
    const channel = new Channel(adapter, bot, log);
    const { answer } = await channel.receive({ raw: Buffer.from(JSON.stringify(message())), headers: {} });
    expect(answer.status).toBe(200);
    expect(reads.n).toBe(0);
    await bot.drain();
    expect(sent).toHaveLength(1);
  });

  it('drain() waits for answers still queued and for replies under way', async () => {
    const bot = new Bot({ stores: (await countedStores()).stores, seen: new MemorySeenMessages(), log });
    const r = hangingReplies();
    for (let i = 0; i < 3; i++) await bot.accept(message(), r.reply);
    let drained = false;
    const draining = bot.drain().then(() => (drained = true));
    await new Promise((res) => setTimeout(res, 50));
    expect(r.waiting).toBe(3);
    expect(drained).toBe(false);
    r.release();
    await draining;
    expect(r.cards).toHaveLength(3);
  });
});

describe('the bound on answers waiting or under way', () => {
  it('refuses past the bound as busy, unclaimed and counted; the same message is taken once there is room', async () => {
    const metrics = new Metrics();
    const bot = new Bot({ stores: (await countedStores()).stores, seen: new MemorySeenMessages(), log, metrics, answers: { queueMax: 2 } });
    const r = hangingReplies();
    expect(await bot.accept(message(), r.reply)).toBe('accepted');
    expect(await bot.accept(message(), r.reply)).toBe('accepted');
    const third = message();
    expect(bot.busy).toBe(true);
    expect(await bot.accept(third, r.reply)).toBe('busy');
    expect((await metrics.busy.get()).values.find((v) => v.labels.platform === 'feishu')?.value).toBe(1);
    // Replies hang: the two are still under way, and the bound still holds.
    await new Promise((res) => setTimeout(res, 20));
    expect(r.waiting).toBe(2);
    expect(await bot.accept(message(), r.reply)).toBe('busy');
    r.release();
    await bot.drain();
    // Not claimed when refused: its redelivery is answered, not taken for a duplicate.
    expect(await bot.accept(third, r.reply)).toBe('accepted');
    await new Promise((res) => setTimeout(res, 20));
    r.release();
    await bot.drain();
    expect(r.cards).toHaveLength(3);
  });

  it('a channel answers a refused delivery 503, so the platform delivers it again', async () => {
    const bot = new Bot({ stores: (await countedStores()).stores, seen: new MemorySeenMessages(), log, answers: { queueMax: 1 } });
    const r = hangingReplies();
    const adapter: PlatformAdapter<IncomingMessage, string, Card> = {
      platform: 'feishu',
      verify: (req) => ({ kind: 'event', event: JSON.parse(req.raw.toString()) as IncomingMessage }),
      decode: (msg) => ({ kind: 'message', msg, target: msg.chatId }),
      render: (card) => card,
      send: (_t, card) => r.reply(card),
    };
    const channel = new Channel(adapter, bot, log);
    const deliver = async () => (await channel.receive({ raw: Buffer.from(JSON.stringify(message())), headers: {} })).answer;
    expect((await deliver()).status).toBe(200);
    expect(await deliver()).toEqual({ status: 503, body: { error: 'busy, retry later' } });
    await new Promise((res) => setTimeout(res, 20));
    r.release();
    await bot.drain();
  });

  it('with answers off (ANSWERS=off) claims and acknowledges, and answers nothing', async () => {
    const { stores, reads } = await countedStores();
    const bot = new Bot({ stores, seen: new MemorySeenMessages(), log, answers: { on: false } });
    const msg = message();
    const cards: Card[] = [];
    expect(await bot.accept(msg, async (c) => void cards.push(c))).toBe('muted');
    expect(await bot.accept(msg, async (c) => void cards.push(c))).toBe('duplicate');
    await bot.drain();
    expect(reads.n).toBe(0);
    expect(cards).toHaveLength(0);
  });
});

describe('AnswerQueue', () => {
  it('works through a long queue in slices, letting other callbacks run between them', async () => {
    const q = new AnswerQueue(1000, 5);
    let started = 0;
    const spin = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    for (let i = 0; i < 40; i++) q.offer(async () => void (started++, spin(1)));
    // An acknowledgement arriving meanwhile (I/O, a timer) gets its turn long before the 40th job.
    const seenAt = await new Promise<number>((res) => setTimeout(() => res(started), 0));
    expect(seenAt).toBeGreaterThan(0);
    expect(seenAt).toBeLessThan(40);
    await q.drain();
    expect(started).toBe(40);
    expect(q.size).toBe(0);
  });

  it('takes jobs first in, first out, and counts a throwing job as done', async () => {
    const q = new AnswerQueue(10);
    const order: number[] = [];
    q.offer(() => {
      throw new Error('sync throw');
    });
    for (let i = 0; i < 5; i++) q.offer(async () => void order.push(i));
    q.offer(async () => {
      throw new Error('async throw');
    });
    await q.drain();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(q.size).toBe(0);
  });

  it('refuses past its bound unless forced', () => {
    const q = new AnswerQueue(2);
    const never = () => new Promise<void>(() => undefined);
    expect(q.offer(never)).toBe(true);
    expect(q.offer(never)).toBe(true);
    expect(q.offer(never)).toBe(false);
    expect(q.offer(never, true)).toBe(true);
    expect(q.size).toBe(3);
  });
});

describe('the server with a full answer queue', () => {
  it('answers deliveries 503 unread while full, and the same message once there is room', async () => {
    const fake = new FakeFeishu();
    await fake.start();
    // Replies hang long enough for the one answer allowed to stay under way.
    fake.delayMs = 1500;
    const running = await startServer({ config: readConfig({ PORT: '0', HOST: '127.0.0.1', ...feishuEnv(fake.url), ANSWER_QUEUE_MAX: '1' }), store: await storeFrom(), state: await tempState(), schedule: false, log, sleep: async () => {} });
    try {
      const first = feishuMessage({ text: '枣庄实际开放床位多少张', messageId: 'om_full_1' });
      const second = feishuMessage({ text: '枣庄卫生总资产', messageId: 'om_full_2' });
      expect(await postFeishu(running.port, first)).toBe(200);
      expect(await postFeishu(running.port, second)).toBe(503);
      const metrics = await fetch(`http://127.0.0.1:${running.webPort}/metrics`).then((r) => r.text());
      expect(metrics).toMatch(/factbot_deliveries_busy_total\{platform="feishu"\} 1/);
      await running.settle();
      // Feishu delivers it again: it was never claimed, so it is answered now.
      expect(await postFeishu(running.port, second)).toBe(200);
      await running.settle();
      expect(fake.sends.map((s) => s.path)).toEqual(['/open-apis/im/v1/messages/om_full_1/reply', '/open-apis/im/v1/messages/om_full_2/reply']);
    } finally {
      await running.close();
      await fake.stop();
    }
  }, 30_000);
});
