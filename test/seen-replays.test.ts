import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecentIds } from '../src/core/dedupe.js';
import { RedisState } from '../src/state/redis-state.js';
import { StateSeenMessages } from '../src/state/seen-adapter.js';
import type { StateStore } from '../src/state/state.js';
import { startRedis } from './helpers/redis.js';

// Issue 12, item 8: the state can forget a claimed message id (Redis restarted without
// persistence, FLUSHALL; file state killed before its flush). StateSeenMessages keeps the ids this
// process claimed or saw in a bounded in-process layer, so a replay within the process's life is
// still refused.

/** The part of the state de-duplication uses, over a Map that can forget everything or fail. */
class ForgetfulState {
  readonly claims = new Map<string, number>();
  failing = false;
  asked = 0;

  async firstSighting(id: string, ttlMs: number): Promise<boolean> {
    this.asked++;
    if (this.failing) throw new Error('state unavailable (test double)');
    if (this.claims.has(id)) return false;
    this.claims.set(id, ttlMs);
    return true;
  }

  forget(): void {
    this.claims.clear();
  }
}

/** A state that forgets: its firstSighting, and how to make it forget. */
interface Forgetful {
  state: Pick<StateStore, 'firstSighting'>;
  forget(): Promise<void>;
  close(): Promise<void>;
}

let redis: Awaited<ReturnType<typeof startRedis>>;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

const FORGETFUL: [string, () => Promise<Forgetful>][] = [
  [
    'a state double that forgets',
    async () => {
      const s = new ForgetfulState();
      return { state: s, forget: async () => s.forget(), close: async () => {} };
    },
  ],
  [
    'RedisState after FLUSHALL',
    async () => {
      const s = await RedisState.connect(redis.url, { prefix: 'replay:', log: pino({ level: 'silent' }) });
      return {
        state: s,
        forget: async () => {
          const admin = new Redis(redis.url);
          await admin.flushall().finally(() => admin.disconnect());
        },
        close: () => s.close(),
      };
    },
  ],
];

describe.each(FORGETFUL)('with %s', (_name, open) => {
  it('refuses a replay after the state forgot the id, without asking the state', async () => {
    const f = await open();
    const seen = new StateSeenMessages(f.state as StateStore);
    expect(await seen.firstSighting('wecom:m1')).toBe(true);
    expect(await seen.firstSighting('wecom:m1')).toBe(false);
    await f.forget();
    expect(await seen.firstSighting('wecom:m1')).toBe(false);
    // The state really had forgotten it (and was not asked again): a fresh claim there succeeds.
    expect(await f.state.firstSighting('wecom:m1', 60_000)).toBe(true);
    await f.close();
  });

  it('refuses a replay of an id another replica claimed, once this process has seen it', async () => {
    const f = await open();
    expect(await f.state.firstSighting('feishu:om_other', 60_000)).toBe(true);
    const seen = new StateSeenMessages(f.state as StateStore);
    expect(await seen.firstSighting('feishu:om_other')).toBe(false);
    await f.forget();
    expect(await seen.firstSighting('feishu:om_other')).toBe(false);
    await f.close();
  });
});

describe('the in-process layer', () => {
  it('keeps nothing from a claim that failed, so the retry after the state is back is answered', async () => {
    const state = new ForgetfulState();
    const seen = new StateSeenMessages(state as unknown as StateStore);
    state.failing = true;
    await expect(seen.firstSighting('wecom:m2')).rejects.toThrow(/unavailable/);
    expect(seen.recentSize).toBe(0);
    state.failing = false;
    expect(await seen.firstSighting('wecom:m2')).toBe(true);
    expect(await seen.firstSighting('wecom:m2')).toBe(false);
  });

  it.each([
    // ids claimed, the bound
    [10_000, 100],
    [5_000, 1],
    [300, 1_000],
  ])('stays bounded after %i ids with room for %i, and still refuses the newest replays', async (count, max) => {
    const t = 1_000_000;
    const state = new ForgetfulState();
    const seen = new StateSeenMessages(state as unknown as StateStore, { recentMax: max, ttlMs: 60_000, now: () => t });
    for (let i = 0; i < count; i++) expect(await seen.firstSighting(`m${i}`)).toBe(true);
    expect(seen.recentSize).toBe(Math.min(count, max));
    state.forget();
    const asked = state.asked;
    expect(await seen.firstSighting(`m${count - 1}`)).toBe(false);
    expect(state.asked).toBe(asked);
  });

  it('forgets ids past their TTL (the state decides again), by an injected clock', async () => {
    let t = 0;
    const state = new ForgetfulState();
    const seen = new StateSeenMessages(state as unknown as StateStore, { recentMax: 1_000, ttlMs: 60_000, now: () => t });
    for (let i = 0; i < 500; i++) await seen.firstSighting(`old${i}`);
    t = 60_000;
    state.forget();
    // Expired here: asked of the state, which (having forgotten too) answers it as new.
    expect(await seen.firstSighting('old0')).toBe(true);
    // The expired ids are swept as new ones come in.
    expect(seen.recentSize).toBe(1);
  });
});

describe('RecentIds', () => {
  it.each([
    // what happens, the steps (add id at time / has id at time), what has() says
    ['an id is known until its TTL runs out', [['add', 'a', 0], ['has', 'a', 999]], true],
    ['and not after', [['add', 'a', 0], ['has', 'a', 1000]], false],
    ['adding again restarts its TTL', [['add', 'a', 0], ['add', 'a', 500], ['has', 'a', 1400]], true],
    ['past the bound the oldest goes first', [['add', 'a', 0], ['add', 'b', 1], ['add', 'c', 2], ['add', 'd', 3], ['has', 'a', 4]], false],
    ['and the newer stay', [['add', 'a', 0], ['add', 'b', 1], ['add', 'c', 2], ['add', 'd', 3], ['has', 'b', 4]], true],
    ['re-adding an old id keeps it over newer ones', [['add', 'a', 0], ['add', 'b', 1], ['add', 'c', 2], ['add', 'a', 3], ['add', 'd', 4], ['has', 'a', 5]], true],
  ] as [string, ['add' | 'has', string, number][], boolean][])('%s', (_what, steps, expected) => {
    let t = 0;
    const ids = new RecentIds(1000, 3, () => t);
    let last: boolean | undefined;
    for (const [op, id, at] of steps) {
      t = at;
      if (op === 'add') ids.add(id);
      else last = ids.has(id);
    }
    expect(last).toBe(expected);
    expect(ids.size).toBeLessThanOrEqual(3);
  });

  it('says what is wrong with a bound below one', () => {
    expect(() => new RecentIds(1000, 0)).toThrow(/at least one id/);
  });
});
