import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom } from './helpers/store.js';

// Invented reports (test/fixtures/review-s31) for what session 31's blind sets showed.
let store: FactStore;
beforeAll(async () => {
  store = await storeFrom('test/fixtures/review-s31');
});

const rowsOf = (q: string) => ask(store, q).across?.rows.map((r) => `${r.subject}:${r.answer}`);
const first = (q: string) => ask(store, q).answers[0]?.answer;

describe('figures of calls', () => {
  it('a count of calls to a number is a figure', () => {
    expect(first('溪林受理呼救电话多少次')).toBe('8.6万次');
  });
});

describe('a list whose lead names the kind ranked', () => {
  it.each(['溪林哪类疾病转运最多', '溪林转运患者里哪种疾病最多'])('%s: every item of the list, whatever its name', (q) => {
    expect(rowsOf(q)).toEqual(['心脑血管疾病:9120例', '创伤:7430例', '呼吸系统疾病:5210例', '中毒:1280例']);
  });
  it('a list sorted by another kind is no list of diseases', () => {
    expect(rowsOf('溪林哪个病最多')?.some((r) => /学生|农民/.test(r)) ?? false).toBe(false);
  });
});
