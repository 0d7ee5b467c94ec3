import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisState } from '../src/state/redis-state.js';
import { SqliteState } from '../src/state/sqlite-state.js';
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
  ['SqliteState', () => SqliteState.open(tempDir())],
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

describe('SqliteState survives a restart', () => {
  it('reads back subscriptions, claims and seen ids from DATA_DIR/state.db', async () => {
    const dir = tempDir();
    const a = await SqliteState.open(dir);
    await a.subscribe({ target: 'wecom-hook:k', addedAt: 'now', source: 'chat' });
    await a.subscribe({ target: 'feishu:oc_b', addedAt: 'now', source: 'chat' });
    await a.subscribe({ target: 'wecom-hook:k', region: '淄博市', addedAt: 'now', source: 'chat' });
    await a.claimPush('wecom-hook:k', '2026-11-22', 'a', 60_000);
    await a.markPushSent('wecom-hook:k', '2026-11-22');
    await a.firstSighting('wecom:msg1', 60_000);
    await a.close();
    const b = await SqliteState.open(dir);
    // In the order subscribed; an update keeps its place.
    expect((await b.subscriptions()).map((s) => [s.target, s.region])).toEqual([['wecom-hook:k', '淄博市'], ['feishu:oc_b', undefined]]);
    expect(await b.claimPush('wecom-hook:k', '2026-11-22', 'b', 60_000)).toEqual({ ok: false, why: 'sent' });
    expect(await b.firstSighting('wecom:msg1', 60_000)).toBe(false);
    await b.close();
  });

  it('names DATA_DIR when it cannot keep state there', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'state.db'), 'not a database, but long enough to be read as one'.repeat(200));
    await expect(SqliteState.open(dir)).rejects.toThrow(/DATA_DIR.*state\.db.*move a damaged state\.db aside/);
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    await expect(SqliteState.open(file)).rejects.toThrow(/^DATA_DIR: .*writable folder/);
  });

  it('refuses a state.db written by a newer version, naming it', async () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'state.db'));
    db.pragma('user_version = 99');
    db.close();
    await expect(SqliteState.open(dir)).rejects.toThrow(/state\.db was written by a newer factbot \(schema 99/);
  });
});

describe('SqliteState on a clock', () => {
  it('takes a seen id over once it expired, and sweeps expired ids in bounded batches', async () => {
    let now = 1_000_000;
    const s = await SqliteState.open(tempDir(), { now: () => now, sweepEveryMs: 0 });
    for (let i = 0; i < 1200; i++) await s.firstSighting(`old${i}`, 1000);
    await s.firstSighting('kept', 10_000);
    now += 1000;
    expect(await s.firstSighting('old0', 1000)).toBe(true);
    expect(s.sweepExpired(500)).toBe(500);
    expect(s.sweepExpired(500)).toBe(500);
    expect(s.sweepExpired(500)).toBe(199);
    expect(s.sweepExpired(500)).toBe(0);
    expect(await s.firstSighting('kept', 10_000)).toBe(false);
    expect(await s.firstSighting('old0', 1000)).toBe(false);
    await s.close();
  });

  it('sweeps on its own timer', async () => {
    const dir = tempDir();
    const s = await SqliteState.open(dir, { sweepEveryMs: 10 });
    for (let i = 0; i < 1500; i++) await s.firstSighting(`m${i}`, 1);
    await s.firstSighting('kept', 60_000);
    const db = new Database(join(dir, 'state.db'), { readonly: true });
    const left = () => db.prepare('SELECT id FROM seen').pluck().all();
    // Three batches, 10 ms apart; a busy machine may take longer.
    for (let i = 0; i < 100 && left().length > 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(left()).toEqual(['kept']);
    db.close();
    await s.close();
  });

  it('copies the WAL into state.db off the event loop, so the next commit starts it over', async () => {
    const dir = tempDir();
    const s = await SqliteState.open(dir);
    for (let i = 0; i < 100; i++) await s.firstSighting(`m${i}`, 60_000);
    // The background checkpoint runs every second; two chances.
    await new Promise((r) => setTimeout(r, 2500));
    await s.firstSighting('after', 60_000);
    const db = new Database(join(dir, 'state.db'));
    const [wal] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    db.close();
    await s.close();
    // The WAL holds the last commit alone (a couple of pages), not the 100 before it.
    expect(wal!.log).toBeLessThan(10);
  });

  it('claims on its own connection once the writer thread is gone, and keeps what it claimed', async () => {
    const dir = tempDir();
    const s = await SqliteState.open(dir);
    expect(await s.firstSighting('before', 60_000)).toBe(true);
    // The writer thread dies (as an out-of-memory worker would).
    const worker = (s as unknown as { writer: { worker: import('node:worker_threads').Worker } }).writer.worker;
    await worker.terminate();
    expect(await s.firstSighting('before', 60_000)).toBe(false);
    expect(await s.firstSighting('after', 60_000)).toBe(true);
    await s.close();
    const again = await SqliteState.open(dir);
    expect(await again.firstSighting('after', 60_000)).toBe(false);
    await again.close();
  });

  it('keeps the last 1000 pushes and 100 reloads, newest first', async () => {
    const s = await SqliteState.open(tempDir());
    for (let i = 0; i < 1005; i++) await s.recordPush({ target: 't', day: 'd', status: 'sent', at: String(i), attempts: 1, by: 'x' });
    for (let i = 0; i < 105; i++) await s.recordReload({ at: String(i), by: 'x', ok: true, summary: '' });
    const all = await s.pushHistory(2000);
    expect(all).toHaveLength(1000);
    expect([all[0]!.at, all[999]!.at]).toEqual(['1004', '5']);
    expect((await s.reloads(500)).map((r) => r.at).slice(0, 2)).toEqual(['104', '103']);
    expect(await s.reloads(500)).toHaveLength(100);
    await s.close();
  });
});

describe('two SqliteStates on one DATA_DIR (the server and npm run push)', () => {
  it('share seen ids and claims, and exclude each other from a lock until it is freed or lapses', async () => {
    const dir = tempDir();
    const a = await SqliteState.open(dir);
    const b = await SqliteState.open(dir);
    expect(await a.firstSighting('m', 60_000)).toBe(true);
    expect(await b.firstSighting('m', 60_000)).toBe(false);
    expect(await a.claimPush('g', '2026-11-22', 'a', 60_000)).toEqual({ ok: true });
    expect(await b.claimPush('g', '2026-11-22', 'b', 60_000)).toEqual({ ok: false, why: 'held' });
    let release!: () => void;
    const held = a.withLock('reload', 60_000, () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 20));
    await expect(b.withLock('reload', 60_000, async () => 'b')).rejects.toBeInstanceOf(LockBusyError);
    release();
    await held;
    await expect(b.withLock('reload', 60_000, async () => 'b')).resolves.toBe('b');
    // A holder that dies keeps the lock until its ttl.
    void a.withLock('push', 30, () => new Promise(() => {}));
    await expect(b.withLock('push', 60_000, async () => 'b')).rejects.toBeInstanceOf(LockBusyError);
    await new Promise((r) => setTimeout(r, 60));
    await expect(b.withLock('push', 60_000, async () => 'b')).resolves.toBe('b');
    await a.close();
    await b.close();
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
