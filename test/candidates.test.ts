import { describe, expect, it } from 'vitest';
import { heaviestSentences } from '../src/match/fact-index.js';

// The sentences scored for a question are the heaviest, ties by position: the same as sorting
// them all, which a common word makes too slow at a thousand reports.
const bySorting = (kept: { s: number; w: number }[], n: number) => [...kept].sort((a, b) => b.w - a.w || a.s - b.s).slice(0, n);

describe('the heaviest sentences of a question', () => {
  it.each([
    ['none', [], 3],
    ['fewer than asked', [{ s: 4, w: 1 }, { s: 2, w: 3 }], 5],
    ['a tie across the cut, taken by position', [{ s: 9, w: 2 }, { s: 1, w: 5 }, { s: 7, w: 2 }, { s: 3, w: 2 }, { s: 5, w: 4 }], 3],
    ['all of one weight', [{ s: 30, w: 1.5 }, { s: 10, w: 1.5 }, { s: 20, w: 1.5 }], 2],
    ['none asked', [{ s: 1, w: 1 }], 0],
  ] as [string, { s: number; w: number }[], number][])('%s', (_n, kept, n) => expect(heaviestSentences(kept, n)).toEqual(bySorting(kept, n)));

  it('agrees with a full sort on many random draws of few distinct weights', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round++) {
      const ids = [...new Set(Array.from({ length: Math.floor(next() * 400) }, () => Math.floor(next() * 5000)))];
      const kept = ids.map((s) => ({ s, w: Math.floor(next() * 6) * 0.7 }));
      const n = Math.floor(next() * 40);
      expect(heaviestSentences(kept, n)).toEqual(bySorting(kept, n));
    }
  });
});
