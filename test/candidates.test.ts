import { describe, expect, it } from 'vitest';
import { heaviestSentences, wordMatch } from '../src/match/fact-index.js';

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

// The first definition: every run of the word tried, longest first from each start. The one in
// use searches only runs long enough to count; the two must agree everywhere.
function wordMatchByEveryRun(word: string, text: string): number {
  if (!word) return 0;
  if (text.includes(word)) return 1;
  if (word.length < 3) return 0;
  let longest = 0;
  for (let i = 0; i < word.length && word.length - i > longest; i++) {
    for (let j = word.length; j - i > longest; j--) {
      if (text.includes(word.slice(i, j))) {
        longest = j - i;
        break;
      }
    }
  }
  const share = longest / word.length;
  return longest >= 2 && share >= 0.6 ? share * 0.8 : 0;
}

describe('how much of a word a sentence holds', () => {
  it.each([
    ['whole', '床位', '全市床位5万张', 1],
    ['empty word', '', '床位', 0],
    ['two characters, not whole', '床位', '床数', 0],
    ['three of five', '执业医师数', '执业医共有', 0.48],
    ['two of five is too little', '执业医师数', '执业共有', 0],
    ['two of three', '床位数', '床位共计', (2 / 3) * 0.8],
    ['a run from the middle', '每千人口床位', '人口床位达到', (4 / 6) * 0.8],
    ['nothing shared', '护士', '医师', 0],
  ] as [string, string, string, number][])('%s', (_n, word, text, want) => expect(wordMatch(word, text)).toBeCloseTo(want, 10));

  it('agrees with trying every run, on many random words and texts', () => {
    let seed = 11;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const alphabet = '床位医师护士数人口每千张';
    const draw = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let round = 0; round < 3000; round++) {
      const word = draw(Math.floor(next() * 12));
      const text = draw(Math.floor(next() * 30));
      expect(wordMatch(word, text)).toBe(wordMatchByEveryRun(word, text));
    }
  });
});
