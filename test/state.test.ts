import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileState } from '../src/state/file-state.js';
import { RedisState } from '../src/state/redis-state.js';
import { LockBusyError, type StateStore } from '../src/state/state.js';
import { startRedis } from './helpers/redis.js';
import { tempDir } from './helpers/state.js';

let redis: Awaited<ReturnType<typeof startRedis>>;
let prefixSeq = 0;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

const log = pino({ level: 'silent' });
const IMPLEMENTATIONS: [string, () => Promise<StateStore>][] = [
  ['FileState', () => FileState.open(tempDir())],
  ['RedisState', () => RedisState.connect(redis.url, { prefix: `t${++prefixSeq}:`, log })],
];

describe.each(IMPLEMENTATIONS)('%s keeps the state contract', (_name, open) => {
  it('sees a message id once within its TTL', async () => {
    const s = await open();
    expect(await s.firstSighting('feishu:om_1', 60_000)).toBe(true);
    expect(await s.firstSighting('feishu:om_1', 60_000)).toBe(false);
    expect(await s.firstSighting('feishu:om_2', 60_000)).toBe(true);
    await s.close();
  });

  it('subscribes, updates and unsubscribes', async () => {
    const s = await open();
    expect(await s.subscribe({ target: 'feishu:oc_a', addedAt: 'now', source: 'chat' })).toBe(true);
    expect(await s.subscribe({ target: 'feishu:oc_a', region: '淄博市', addedAt: 'now', source: 'chat' })).toBe(false);
    expect(await s.subscriptions()).toEqual([{ target: 'feishu:oc_a', region: '淄博市', addedAt: 'now', source: 'chat' }]);
    expect(await s.unsubscribe('feishu:oc_a')).toBe(true);
    expect(await s.unsubscribe('feishu:oc_a')).toBe(false);
    await s.close();
  });

  it('claims a day\'s push once; a lapsed claim can be taken, a sent one never', async () => {
    const s = await open();
    expect(await s.claimPush('t1', '2026-11-22', 'a', 60_000)).toEqual({ ok: true });
    expect(await s.claimPush('t1', '2026-11-22', 'b', 60_000)).toEqual({ ok: false, why: 'held' });
    await s.releasePush('t1', '2026-11-22');
    expect(await s.claimPush('t1', '2026-11-22', 'b', 50)).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 80));
    expect(await s.claimPush('t1', '2026-11-22', 'c', 60_000)).toEqual({ ok: true });
    await s.markPushSent('t1', '2026-11-22');
    expect(await s.pushDone('t1', '2026-11-22')).toBe(true);
    expect(await s.claimPush('t1', '2026-11-22', 'd', 60_000)).toEqual({ ok: false, why: 'sent' });
    expect(await s.claimPush('t1', '2026-11-22', 'd', 60_000, { resendCutOffWithinMs: Infinity })).toEqual({ ok: false, why: 'sent' });
    expect(await s.claimPush('t1', '2026-11-23', 'd', 60_000)).toEqual({ ok: true });
    await s.close();
  });

  // A claim lapses by its lease (1 ms here); the pause lets it lapse in both backends.
  const lapse = () => new Promise((r) => setTimeout(r, 20));
  const FACT = 'report.txt|25970张|实际开放床位';
  const DAY = '2026-11-22';

  it('a send cut off (claim lapsed while "sending") becomes unknown, found once, and is resent only when asked', async () => {
    const s = await open();
    expect(await s.claimPush('g', DAY, 'dead', 1)).toEqual({ ok: true });
    await s.markPushSending('g', DAY, 'dead', FACT);
    await lapse();
    expect(await s.pushDone('g', DAY)).toBe(false);
    expect(await s.claimPush('g', DAY, 'b', 60_000)).toEqual({ ok: false, why: 'unknown', factKey: FACT, found: true });
    expect(await s.claimPush('g', DAY, 'c', 60_000)).toEqual({ ok: false, why: 'unknown', factKey: FACT, found: false });
    // /push 重发: taken over on purpose, the fact it carried with it.
    expect(await s.claimPush('g', DAY, 'c', 60_000, { resendCutOffWithinMs: Infinity })).toEqual({ ok: true, resumed: FACT });
    expect(await s.claimPush('g', DAY, 'e', 60_000, { resendCutOffWithinMs: Infinity })).toEqual({ ok: false, why: 'held' });
    await s.markPushSending('g', DAY, 'c', FACT);
    await s.markPushSent('g', DAY);
    expect(await s.pushDone('g', DAY)).toBe(true);
    expect(await s.claimPush('g', DAY, 'f', 60_000, { resendCutOffWithinMs: Infinity })).toEqual({ ok: false, why: 'sent' });
    await s.close();
  });

  it.each([
    ['sent within the window: taken over to send again', 60_000, { ok: true, resumed: FACT }],
    ['sent before the window: unknown', 1, { ok: false, why: 'unknown', factKey: FACT, found: true }],
  ])('a cut-off send, for a target whose platform drops repeats, %s', async (_name, within, expected) => {
    const s = await open();
    await s.claimPush('g', DAY, 'dead', 1);
    await s.markPushSending('g', DAY, 'dead', FACT);
    await lapse();
    expect(await s.claimPush('g', DAY, 'b', 60_000, { resendCutOffWithinMs: within })).toEqual(expected);
    await s.close();
  });

  it('a taken-over send whose holder dies before sending is still cut off; a claim given back is not', async () => {
    const s = await open();
    await s.claimPush('g', DAY, 'dead', 1);
    await s.markPushSending('g', DAY, 'dead', FACT);
    await lapse();
    expect(await s.claimPush('g', DAY, 'dead-too', 1, { resendCutOffWithinMs: Infinity })).toEqual({ ok: true, resumed: FACT });
    await lapse();
    expect(await s.claimPush('g', DAY, 'b', 60_000)).toEqual({ ok: false, why: 'unknown', factKey: FACT, found: true });
    // A send that failed for good gives its claim back, "sending" mark and all: a later run may send.
    await s.claimPush('h', DAY, 'a', 60_000);
    await s.markPushSending('h', DAY, 'a', FACT);
    await s.releasePush('h', DAY);
    expect(await s.claimPush('h', DAY, 'b', 60_000)).toEqual({ ok: true });
    await s.close();
  });

  it('keeps seen facts, push history and reloads', async () => {
    const s = await open();
    await s.markFactSeen('t1', 'f1');
    await s.markFactSeen('t1', 'f2');
    expect(await s.seenFacts('t1')).toEqual(new Set(['f1', 'f2']));
    await s.resetSeenFacts('t1');
    expect((await s.seenFacts('t1')).size).toBe(0);
    await s.recordPush({ target: 't1', day: 'd', status: 'sent', at: 'x', attempts: 1, by: 'test' });
    expect((await s.pushHistory())[0]).toMatchObject({ target: 't1', status: 'sent' });
    await s.recordReload({ at: 'x', by: 'admin', ok: true, summary: 's' });
    expect((await s.reloads())[0]).toMatchObject({ by: 'admin', ok: true });
    await s.close();
  });

  it('refuses a lock that is held, and frees it after', async () => {
    const s = await open();
    let release!: () => void;
    const held = s.withLock('reload', 10_000, () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 20));
    await expect(s.withLock('reload', 10_000, async () => 'second')).rejects.toBeInstanceOf(LockBusyError);
    release();
    await held;
    await expect(s.withLock('reload', 10_000, async () => 'third')).resolves.toBe('third');
    await s.close();
  });
});

describe('FileState survives a restart', () => {
  it('reads back subscriptions, claims and seen ids from DATA_DIR', async () => {
    const dir = tempDir();
    const a = await FileState.open(dir);
    await a.subscribe({ target: 'wecom-hook:k', addedAt: 'now', source: 'chat' });
    await a.claimPush('wecom-hook:k', '2026-11-22', 'a', 60_000);
    await a.markPushSent('wecom-hook:k', '2026-11-22');
    await a.firstSighting('wecom:msg1', 60_000);
    await a.close();
    const b = await FileState.open(dir);
    expect((await b.subscriptions()).map((s) => s.target)).toEqual(['wecom-hook:k']);
    expect(await b.claimPush('wecom-hook:k', '2026-11-22', 'b', 60_000)).toEqual({ ok: false, why: 'sent' });
    expect(await b.firstSighting('wecom:msg1', 60_000)).toBe(false);
    await b.close();
  });

  it('says what to do with a state file it cannot read', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/state.json`, '{broken');
    await expect(FileState.open(dir)).rejects.toThrow(/move it aside/);
  });
});

describe('RedisState across replicas', () => {
  it('shares de-duplication and claims, and carries messages between them', async () => {
    const a = await RedisState.connect(redis.url, { prefix: 'shared:', log });
    const b = await RedisState.connect(redis.url, { prefix: 'shared:', log });
    expect(await a.firstSighting('m', 60_000)).toBe(true);
    expect(await b.firstSighting('m', 60_000)).toBe(false);
    const claims = await Promise.all([a.claimPush('g', 'd', 'a', 60_000), b.claimPush('g', 'd', 'b', 60_000)]);
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    const got: string[] = [];
    await b.onMessage('reload', (m) => got.push(m));
    await a.publish('reload', 'hello');
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual(['hello']);
    await a.close();
    await b.close();
  });

  it('names REDIS_URL when it cannot connect', async () => {
    await expect(RedisState.connect('redis://127.0.0.1:9', { log })).rejects.toThrow(/REDIS_URL/);
  });
});
