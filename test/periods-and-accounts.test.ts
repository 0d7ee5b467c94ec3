import { describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import { extractFromSentence } from '../src/extract/facts.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { findTime } from '../src/extract/time.js';
import { parseQuestion } from '../src/match/question.js';
import { storeFrom } from './helpers/store.js';

// A monthly statistics express (cumulative months, the month itself, the same months a year
// before) and a department's final accounts (年度, budgets and how far they were spent).
const FIXTURE = 'test/fixtures/structures3';

describe('times of a monthly express and of a year\'s accounts', () => {
  it.each([
    ['2024年度本年收入合计', 2025, { label: '2024年度', year: 2024 }],
    ['6月当月,全市总诊疗', 2024, { label: '2024年6月', year: 2024 }],
    ['10月份出院人数', 2025, { label: '2025年10月', year: 2025 }],
    ['6月份', undefined, { label: '6月' }],
  ] as [string, number | undefined, object][])('%s', (text, docYear, want) => expect(findTime(text, docYear)).toMatchObject(want));

  it.each([
    ['an age in months', '6月龄儿童健康管理率'],
    ['a day', '5月12日召开'],
    ['a month beyond twelve', '13月'],
    ['a span', '1—6月'],
  ])('%s is no single month', (_n, text) => expect(findTime(text, 2024)?.label ?? '').not.toMatch(/^2024年\d{1,2}月$/));
});

describe('figures of a monthly express and of accounts', () => {
  const drafts = (sentence: string, docYear = 2024) => extractFromSentence(sentence, docYear);

  it('a year\'s 年度 is no part of the measure', () => {
    expect(drafts('2024年度本年支出合计31,902.18万元。')[0]).toMatchObject({ metric: '本年支出', time: { year: 2024 } });
  });

  it.each([
    ['2023年同期', '1—6月,全市出院人数40.26万人,同比增长5.0%(2023年同期为38.34万人)。', '38.34万人', '出院人数'],
    ['上年同期', '1—6月,全市医院病床使用率为79.4%,比上年同期下降2.2个百分点(上年同期为81.6%)。', '81.6%', '医院病床使用率'],
  ])('(%s为X) after a change is the same measure over the same months a year before', (_n, sentence, answer, metric) => {
    const before = drafts(sentence).find((d) => d.answer === answer);
    expect(before).toMatchObject({ metric, role: 'from', time: { label: '2023年1—6月', year: 2023 } });
  });

  it('a single month dates its figures and is no part of their measure', () => {
    expect(drafts('6月当月,全市出院人数6.81万人,同比下降1.2%。').map((d) => [d.metric, d.time?.label])).toEqual([
      ['出院人数', '2024年6月'],
      ['出院人数同比下降', '2024年6月'],
    ]);
  });

  it('a month a change is measured from stays in its measure', () => {
    expect(drafts('6月,手足口病报告数较5月(80例)上升25.00%。', 2024).find((d) => d.answer === '25.00%')?.metric).toContain('较5月');
  });

  it('a list led by 主要用于以下方面 is what was spent, not a plan', () => {
    expect(drafts('2024年度项目支出主要用于以下方面:设备购置120.50万元,占40.2%。').map((d) => d.status)).toEqual(['actual', 'actual']);
  });

  it('完成年初预算的X% is how far the budget named before was spent', () => {
    const rate = drafts('2024年度项目支出年初预算为500.00万元,完成年初预算的96.2%。').find((d) => d.answer === '96.2%');
    expect(rate?.metric).toMatch(/^项目支出.*完成进度$/);
    expect(rate?.status).toBe('actual');
  });

  it('a change column that names no measure is the change of the measure before it', () => {
    const table = [
      ['机构类别', '诊疗人次(万人次)', '同比(%)', '出院人数(万人)', '同比(%)'],
      ['民营医院', '104.69', '2.1', '5.12', '1.3'],
    ];
    const byAnswer = new Map(tableFacts(table).map((c) => [c.answer, c]));
    expect(byAnswer.get('2.1%')).toMatchObject({ metric: '民营医院诊疗人次', status: 'change', qualifiers: ['同比'] });
    expect(byAnswer.get('1.3%')).toMatchObject({ metric: '民营医院出院人数', status: 'change' });
    expect(byAnswer.get('5.12万人')).toMatchObject({ metric: '民营医院出院人数', status: 'actual' });
  });
});

describe('questions about periods and accounts', () => {
  const frame = async (q: string) => {
    const store = await storeFrom(FIXTURE);
    return parseQuestion(q, { intents: store.intents, regions: store.regions, index: store.index });
  };
  const first = async (q: string) => ask(await storeFrom(FIXTURE), q).answers[0]?.answer;

  it.each([
    ['安康去年同期医院病床使用率', { previous: true }],
    ['安康机关运行经费比上年降了百分之几', { prefers: ['percent'], status: 'change' }],
    ['安康6月份诊疗人次', { months: { from: 6, to: 6 } }],
  ])('%s', async (q, want) => expect(await frame(q)).toMatchObject(want));

  it('reads no hospital into the time words between a place and 医院', async () => {
    expect((await frame('安康去年同期医院病床使用率')).tokens.every((t) => !t.required)).toBe(true);
  });

  it.each([
    ['去年同期 asks the figure before', '安康去年同期医院病床使用率是多少', '81.6%'],
    ['the month itself, not the months so far', '安康6月份当月总诊疗人次', '203.51万人次'],
    ['a unit named in words outweighs the topic', '安康卫健委机关运行经费比上年降了百分之几', '6.52%'],
    ['a kind of hospital is not its opposite', '安康民营医院出院人数同比增长多少', '1.3%'],
    ['the budget named is the one whose spending rate is given', '安康一般公共预算支出完成年初预算的百分之多少', '107.08%'],
    ['the commission says whose report, not what is counted', '安康卫健委本年支出合计多少', '31,902.18万元'],
  ])('%s: %s → %s', async (_n, q, want) => expect(await first(q)).toBe(want));

  it('a district that leads its paragraph with a colon is the subject of its figures', async () => {
    const store = await storeFrom(FIXTURE);
    expect(store.facts.find((f) => f.answer === '21.37万人次')).toMatchObject({ region: '汉滨区', metric: '总诊疗' });
    expect(await first('安康1—6月总诊疗人次多少')).toBe('1,204.30万人次');
  });

  it('a typo in a kind of hospital is no hospital\'s name', async () => {
    expect(await first('汉滨区乡真卫生院诊疗人次多少')).toBe('8.06万人次');
  });

  it.each([
    ['a month the express does not give', '安康5月份总诊疗人次是多少'],
    ['the year before, where no figure of it is given', '安康去年同期民营医院诊疗人次是多少'],
    ['another indicator that shares a word with the one asked', '安康1—6月住院人数一共多少'],
  ])('refuses %s', async (_n, q) => expect(await first(q)).toBeUndefined());
});
