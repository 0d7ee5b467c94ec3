import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { ask } from '../../src/core/ask.js';
import { MAX_PARSED_CHARS } from '../../src/match/question.js';
import { buildFactStore, type FactStore } from '../../src/store/fact-store.js';
import { tempDir } from '../helpers/state.js';
import { hostileQuestion, SEED } from './helpers/arbitraries.js';
import { Tally } from './helpers/tally.js';

// Hostile questions at scale (issue 12): on 100 reports, any question of up to 500 characters is
// parsed within fixed bounds, so none costs more than a few typical ones. The bounds are counted
// here, never timed; `npm run bench` reports the time of the worst beside a typical question.

const tally = new Tally('hostile-questions');
const RUNS = 150;
let store: FactStore;
beforeAll(async () => {
  const dir = tempDir('factbot-corpus-');
  generateCorpus('seeds', dir, 100);
  store = await buildFactStore({ seedsDir: dir, intentsDir: 'intents' });
}, 120_000);
afterAll(() => tally.print());

// The characters of the reports, so random text reads like unknown words of the reports' script.
const reportChars = [...new Set(readdirSync('seeds').filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join('seeds', f), 'utf8')).join('').replace(/[^\u4e00-\u9fff]/g, ''))];
const of = (chars: string[] | string, min = 400) => fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: 500 });
const GENERATORS: [string, fc.Arbitrary<string>][] = [
  ['500 digits', of('0123456789')],
  ['the reports\' characters at random', of(reportChars)],
  ['characters and figures mixed', of([...reportChars.slice(0, 60), ...'0123456789.%，'])],
  ['one word over and over', fc.constantFrom(...['床位', '枣庄', '医院', '增长', '多少']).map((w) => w.repeat(250))],
  ['hostile pieces', hostileQuestion],
  ['a pasted paragraph, then the question', of(reportChars, 200).map((p) => `${p}。枣庄实际开放床位多少张？`)],
];

describe('any question is parsed within fixed bounds', () => {
  it.each(GENERATORS)('%s', (family, arb) => {
    const correct = vi.spyOn(store.index, 'correct');
    fc.assert(
      fc.property(arb, (q) => {
        correct.mockClear();
        const result = ask(store, q);
        const parsed = result.parsed!;
        // The question read is a sentence of bounded length, with a bounded number of words.
        expect(parsed.text.length).toBeLessThanOrEqual(MAX_PARSED_CHARS);
        expect(parsed.tokens.length).toBeLessThanOrEqual(16);
        expect(new Set(parsed.tokens.map((t) => `${t.word}|${t.nearOnly}|${t.required}|${t.slot}`)).size).toBe(parsed.tokens.length);
        // Typo search (Fuse.js) runs for a few words only: three options for each of four.
        expect(correct.mock.calls.length).toBeLessThanOrEqual(12);
        expect(correct.mock.calls.every(([w]) => w.length <= MAX_PARSED_CHARS)).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    correct.mockRestore();
    tally.add('hostile questions at scale (100 reports)', { inputs: RUNS });
    expect(family).toBeTruthy();
  }, 120_000);

  it('the question after a pasted paragraph is still answered', () => {
    const pasted = '根据报告，'.repeat(60) + '枣庄实际开放床位多少张？';
    expect(JSON.stringify(ask(store, pasted).answers[0] ?? null)).toBe(JSON.stringify(ask(store, '枣庄实际开放床位多少张？').answers[0] ?? null));
  });
});
