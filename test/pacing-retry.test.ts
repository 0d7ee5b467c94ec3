import { describe, expect, it } from 'vitest';
import { KeyedPacer, WindowPacer } from '../src/core/pacing.js';
import { withRetry } from '../src/core/retry.js';
import { MemorySeenMessages } from '../src/core/dedupe.js';

/** A clock that only moves when something sleeps. */
function fakeClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), get t() { return t; } };
}

describe('KeyedPacer', () => {
  it('spaces sends to one chat and runs them in order', async () => {
    const clock = fakeClock();
    const pacer = new KeyedPacer(250, clock.now, clock.sleep);
    const at: [string, number][] = [];
    await Promise.all([1, 2, 3].map((i) => pacer.run('chat-a', async () => void at.push([`a${i}`, clock.t]))));
    expect(at).toEqual([['a1', 0], ['a2', 250], ['a3', 500]]);
  });

  it('keeps going after a task fails', async () => {
    const clock = fakeClock();
    const pacer = new KeyedPacer(100, clock.now, clock.sleep);
    await expect(pacer.run('c', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(pacer.run('c', async () => 'ok')).resolves.toBe('ok');
  });
});

describe('WindowPacer', () => {
  it('lets 20 through a minute and holds the 21st until the window moves', async () => {
    const clock = fakeClock();
    const pacer = new WindowPacer(20, 60_000, clock.now, clock.sleep);
    const times: number[] = [];
    for (let i = 0; i < 21; i++) await pacer.run('robot', async () => void times.push(clock.t));
    expect(times.slice(0, 20).every((t) => t === 0)).toBe(true);
    expect(times[20]).toBe(60_000);
  });
});

describe('withRetry', () => {
  it('retries what the classifier allows, honouring its hint, and gives up after the attempts', async () => {
    const waits: number[] = [];
    let calls = 0;
    const fail = () => withRetry(async () => { calls++; throw new Error('429'); }, {
      attempts: 3, baseMs: 100, maxMs: 5000, classify: () => ({ retry: true, afterMs: 1500 }), sleep: async (ms) => void waits.push(ms),
    });
    await expect(fail()).rejects.toThrow('429');
    expect(calls).toBe(3);
    expect(waits).toEqual([1500, 1500]);
  });

  it('does not retry what is not worth retrying', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw new Error('400'); }, { attempts: 5, baseMs: 1, maxMs: 1, classify: () => ({ retry: false }) })).rejects.toThrow();
    expect(calls).toBe(1);
  });
});

describe('MemorySeenMessages', () => {
  it('says first sighting once per id within the TTL, and again after it', async () => {
    let t = 0;
    const seen = new MemorySeenMessages(1000, 100, () => t);
    expect(await seen.firstSighting('m1')).toBe(true);
    expect(await seen.firstSighting('m1')).toBe(false);
    t = 2000;
    expect(await seen.firstSighting('m1')).toBe(true);
  });

  it('stays bounded under a flood of ids', async () => {
    const seen = new MemorySeenMessages(60_000, 1000);
    for (let i = 0; i < 5000; i++) await seen.firstSighting(`m${i}`);
    expect(await seen.firstSighting('m4999')).toBe(false);
    expect((seen as unknown as { seen: Map<string, number> }).seen.size).toBeLessThanOrEqual(1000);
  });
});
