import { beforeAll, describe, expect, it } from 'vitest';
import { seriesOfFact } from '../src/across/trend.js';
import { ask } from '../src/core/ask.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom } from './helpers/store.js';

// Invented: a city bulletin that gives 县医院 as a kind (其中县医院病床使用率82.3%), one county
// hospital's own reports, and the city's notice whose rows are that hospital and another county's
// 中医院 (栝坪县 has no report of its own).
let store: FactStore;
beforeAll(async () => {
  store = await storeFrom('test/fixtures/hospital-kinds');
});

describe('hospitals said short, beside kinds of hospital', () => {
  it.each([
    // The bulletin's own kind, not the one county hospital the reports speak for.
    ['县医院病床使用率是多少', '82.3%'],
    ['楸川县医院平均住院日是多少', '7.9天'],
    // A county's 医院 is its 人民医院: never its 中医院's row.
    ['栝坪县医院平均住院日是多少', undefined],
    ['栝坪县中医院平均住院日是多少', '8.6天'],
  ])('%s → %s', (q, answer) => {
    expect(ask(store, q).answers[0]?.answer).toBe(answer);
  });

  it('compares a hospital with its city\'s own figure, not another hospital\'s row', () => {
    const r = ask(store, '楸川县医院平均住院日比全市低多少').across!;
    expect(r.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['楸川县人民医院:7.9天', '槠岭市:8.4天']);
  });

  it('ranks the change column when the growth is asked', () => {
    const r = ask(store, '楸川县医院门诊人次增长最快的科室').across!;
    expect(r.rows.map((x) => `${x.subject}:${x.answer}`).slice(0, 2)).toEqual(['眼科:16.6%', '内科:6.8%']);
  });

  it('draws no series for a figure of one year only', () => {
    const f = store.facts.find((x) => x.answer === '49.80万人次')!;
    expect(seriesOfFact(store, f)).toBeUndefined();
  });
});
