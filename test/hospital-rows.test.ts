import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { questionFor } from '../src/match/question-for.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom } from './helpers/store.js';

// Invented: a city's notice ranking its counties' hospitals (枳川县人民医院 | … | 7.3), beside its
// statistics brief giving each county's own 出院者平均住院日 (枳川县 | … | 7.8), and a county's
// progress report with a table of measures above one of its health centres' tasks and results.
let store: FactStore;
beforeAll(async () => {
  store = await storeFrom('test/fixtures/hospital-rows');
});

describe('an institution named in a row of a wider area\'s table', () => {
  it.each([
    ['枳川县人民医院 | 861.2', [['指标', '总分'], ['枳川县人民医院', '861.2']], '枳川县人民医院'],
    ['柘塘市第二人民医院 | 731.7', [['医院', '总分'], ['柘塘市第二人民医院', '731.7']], '柘塘市第二人民医院'],
    ['棣山镇中心卫生院 | 9200', [['卫生院', '门急诊人次'], ['棣山镇中心卫生院', '9200']], '棣山镇中心卫生院'],
    ['a kind of health centre is no institution', [['类别', '机构数'], ['乡镇卫生院', '17']], undefined],
    ['a county row is a place, not an institution', [['县区', '床位'], ['枳川县', '2416']], undefined],
    ['a kind of hospital is no institution', [['类别', '机构数'], ['县级医院', '12']], undefined],
    ['a department is no institution', [['科室', '出院人次'], ['骨科', '2870']], undefined],
  ])('%s', (_name, rows, subject) => {
    expect(tableFacts(rows)[0]?.subject).toBe(subject);
  });

  it.each([
    ['枳川县医院平均住院日', '7.3天'],
    ['枳川县人民医院平均住院日是多少', '7.3天'],
    ['枳川县中医院平均住院日', '8.6天'],
    // The county's own figure is the county's, not its hospital's.
    ['枳川平均住院日是多少', '7.8天'],
    ['棣山县平均住院日是多少', '8.3天'],
  ])('%s is %s', (q, answer) => {
    expect(ask(store, q).answers[0]?.answer).toBe(answer);
  });

  it('suggests a row\'s question naming its institution once', () => {
    const f = store.facts.find((x) => x.metric === '枳川县人民医院总分')!;
    expect(questionFor(f)).toBe('枳川县人民医院2024年总分是多少');
  });

  it('compares two counties\' hospitals by their short names', () => {
    // (谁长: the longer first, as 谁高 puts the higher first.)
    const r = ask(store, '枳川县医院跟棣山县医院平均住院日谁长').across!;
    expect(r.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['棣山县人民医院:7.9天', '枳川县人民医院:7.3天']);
    expect(r.order).toBe('desc');
  });

  it('ranks the hospitals of the table', () => {
    expect(ask(store, '哪家医院平均住院日最短').across?.rows.map((x) => x.subject).slice(0, 2)).toEqual(['枳川县人民医院', '棣山县人民医院']);
  });

  it('ranks health centres by what they did, not by their task, below a table of measures', () => {
    // 表1 (指标 | 年度目标 | 1—9月完成) is the best match; its rows are measures and rank nothing.
    const r = ask(store, '枳川签约人数最多的三个卫生院').across!;
    expect(r.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['枳川镇中心卫生院:17560人', '栎口镇卫生院:12980人', '桐埠乡卫生院:7860人']);
  });

  it('asks which one 县医院 is when the reports speak for several, rather than guess', () => {
    const r = ask(store, '县医院平均住院日是多少');
    expect(r.answers).toEqual([]);
    expect(r.note).toMatch(/2家.*枳川县人民医院.*棣山县人民医院.*哪一家/);
    expect(r.suggestions).toEqual(['枳川县人民医院平均住院日是多少', '棣山县人民医院平均住院日是多少']);
    expect(ask(store, r.suggestions[0]!).answers[0]?.answer).toBe('7.3天');
  });
});
