import { beforeAll, describe, expect, it } from 'vitest';
import { ask, FollowUps } from '../src/core/ask.js';
import { tableFacts } from '../src/extract/table-facts.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom } from './helpers/store.js';

// Invented: a city's notice with a table of its monitored hospitals, one of them named by its
// number and province (云岭省岫川七〇二医院) and none of the others by their county alone.
let store: FactStore;
beforeAll(async () => {
  store = await storeFrom('test/fixtures/institutions');
});

const rowsOf = (q: string, chat?: FollowUps) => ask(store, q, chat ? { chat: 'c', followUps: chat } : {}).across?.rows.map((r) => `${r.subject}:${r.answer}`);

describe('a table of named institutions', () => {
  it('takes a row named by no place as an institution when the other rows are', () => {
    const rows = [['医院', '平均住院日（天）'], ['甲川市中心医院', '7.4'], ['乙原县人民医院', '8.2'], ['某省三〇五医院', '7.9']];
    expect(tableFacts(rows).map((f) => f.subject)).toEqual(['甲川市中心医院', '乙原县人民医院', '某省三〇五医院']);
  });

  it.each([
    ['a kind of hospital among named ones', [['医院', '床位'], ['甲市中心医院', '800'], ['乙县人民医院', '500'], ['综合医院', '2100']], '综合医院'],
    ['a row of no institution', [['医院', '床位'], ['甲市中心医院', '800'], ['乙县人民医院', '500'], ['合计', '1300']], '合计'],
  ])('keeps %s out', (_name, rows, label) => {
    expect(tableFacts(rows).find((f) => f.metric.startsWith(label))?.subject).toBeUndefined();
  });

  it('reads a change column named by its measure as that measure\'s change', () => {
    const f = tableFacts([['医院', '门急诊人次（万人次）', '门急诊同比（%）'], ['甲市中心医院', '210.36', '5.2']])[1]!;
    expect([f.metric, f.status, f.answer]).toEqual(['甲市中心医院门急诊人次', 'change', '5.2%']);
  });
});

describe('comparing institutions', () => {
  it.each([
    ['榆溪人民医院跟苇塘人民医院CMI谁高', ['榆溪县人民医院:0.90', '苇塘县人民医院:0.79']],
    ['市中心医院和702医院平均住院日哪个短', ['岫川市中心医院:7.4天', '云岭省岫川七〇二医院:7.9天']],
    ['市中医医院和榆溪县人民医院次均住院费用差多少钱', ['岫川市中医医院:7940元', '榆溪县人民医院:7210元']],
  ])('%s', (q, rows) => {
    expect(rowsOf(q)).toEqual(rows);
  });

  it('works the difference between them', () => {
    expect(ask(store, '市中医医院和榆溪县人民医院次均住院费用差多少钱').across?.result?.formula).toBe('7940元 − 7210元 = 730元');
  });

  it('names the indicator without the first institution\'s name', () => {
    expect(ask(store, '榆溪人民医院跟苇塘人民医院CMI谁高').across?.indicator).toBe('CMI');
  });

  it('carries the institutions to a follow-up on another topic, and one named alone gets its figure', () => {
    const chat = new FollowUps();
    rowsOf('榆溪人民医院跟苇塘人民医院CMI谁高', chat);
    expect(rowsOf('那平均住院日呢', chat)).toEqual(['榆溪县人民医院:8.2天', '苇塘县人民医院:7.1天']);
    const single = ask(store, '市中心医院呢', { chat: 'c', followUps: chat });
    expect(single.across).toBeUndefined();
    expect(single.answers[0]?.answer).toBe('7.4天');
  });
});

describe('ranking institutions', () => {
  it.each([
    ['这几家医院CMI前三是谁', 'desc', ['岫川市中心医院:1.08', '云岭省岫川七〇二医院:1.02', '榆溪县人民医院:0.90']],
    ['6家医院里哪家次均住院费用最贵', 'desc', ['岫川市中心医院:11860元']],
    ['平均住院日最短的医院是哪家', 'asc', ['岫川市妇幼保健院:4.6天']],
  ])('%s', (q, order, first) => {
    const r = ask(store, q).across!;
    expect(r.order ?? 'desc').toBe(order);
    expect(r.rows.slice(0, first.length).map((x) => `${x.subject}:${x.answer}`)).toEqual(first);
    expect(r.count).toBe(6);
  });
});

describe('browsing an institution', () => {
  it('lists only that institution\'s figures', () => {
    const r = ask(store, '苇塘县人民医院都有啥指标').across!;
    expect(r.indicator).toBe('苇塘县人民医院');
    const items = r.groups!.flatMap((g) => g.items.map((i) => i.question));
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.every((q) => q.includes('苇塘县人民医院'))).toBe(true);
  });
});
