import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import { extractFromSentence } from '../src/extract/facts.js';
import { findFigures } from '../src/extract/figures.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { normalizeText } from '../src/text/normalize.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom } from './helpers/store.js';

// Invented: a city emergency centre's report with a 上年 column, a three-year run after 近三年,
// a list said with its scale alone, a 城区/农村地区 split, and a table by field with one unit line
// for all its columns beside a table of its counties.
let store: FactStore;
beforeAll(async () => {
  store = await storeFrom('test/fixtures/review-s30');
});

const rowsOf = (q: string) => ask(store, q).across?.rows.map((r) => `${r.subject}:${r.answer}`);

describe('sentences', () => {
  it.each([
    ['近三年 is a time, no figure', normalizeText('近三年派车量持续增长'), []],
    ['过去5年 is a time too', '过去5年床位增加1200张', ['1200张']],
    ['a list said with its scale alone takes the last unit', '分别为1.35万、1.62万、0.28万人次', ['1.35万人次', '1.62万人次', '0.28万人次']],
    ['a scale before another unit is left alone', '门诊12万、出院3500人次', ['12万', '3500人次']],
  ])('%s', (_name, text, raws) => {
    expect(findFigures(text).map((f) => f.raw)).toEqual(raws);
  });

  it('reads a run of years after a clause that opens on 近三年 and a trend word, by the measure it names', () => {
    // (As reports are read: normalized first, 近三年 → 近3年.)
    const drafts = extractFromSentence(normalizeText('近三年派车量持续增长，由2022年的5.10万车次增加到2023年的5.97万车次、2024年的6.42万车次。'), 2025);
    expect(drafts.map((d) => `${d.metric}:${d.answer}:${d.time?.year}`)).toEqual(['派车量:5.10万车次:2022', '派车量:5.97万车次:2023', '派车量:6.42万车次:2024']);
  });
});

describe('tables', () => {
  const year = { label: '2024年', year: 2024 };
  it('dates a 上年 column a year before the table', () => {
    const cells = tableFacts([['县（区）', '平均急救反应时间（分钟）', '上年平均急救反应时间（分钟）'], ['甲东区', '9.4', '10.2']], year);
    expect(cells.map((c) => `${c.metric}:${c.answer}:${c.time?.year}`)).toEqual(['平均急救反应时间:9.4分钟:2024', '平均急救反应时间:10.2分钟:2023']);
  });

  it('keeps a 上年 column as written when the table has no year', () => {
    const cells = tableFacts([['县（区）', '平均急救反应时间（分钟）', '上年平均急救反应时间（分钟）'], ['甲东区', '9.4', '10.2']]);
    expect(cells.map((c) => c.metric)).toEqual(['平均急救反应时间', '上年平均急救反应时间']);
  });

  it('gives each column its unit from one unit line, % to the changes', () => {
    const cells = tableFacts([['专业', '监督检查户次', '立案数', '立案数同比', '罚没款'], ['医疗机构', '3350', '241', '16.2', '158.90']], year, '（单位：户次、件、万元、%）');
    expect(cells.map((c) => c.answer)).toEqual(['3350户次', '241件', '16.2%', '158.90万元']);
  });

  it('guesses no unit when the unit line and the columns do not line up', () => {
    const cells = tableFacts([['专业', '监督检查户次', '立案数', '罚没款'], ['医疗机构', '3350', '241', '158.90']], year, '（单位：户次、万元）');
    expect(cells.map((c) => c.answer)).toEqual(['3350', '241', '158.90']);
  });
});

describe('questions', () => {
  it('works a change over two years asked from the series that has both, not the stated change on the year before', () => {
    const r = ask(store, '榧岗派车2024年比2022年涨了百分之几').across!;
    expect(r.result?.value).toBe('25.88%');
  });

  it('ranks the counties by this year\'s column, not last year\'s nor the 城区/农村地区 split', () => {
    expect(rowsOf('哪个县区急救反应时间最长')).toEqual(['蒿坪县:18.8分钟', '荇塘县:17.2分钟', '榧西区:10.5分钟', '榧东区:9.4分钟']);
  });

  it.each(['各专业罚没款前三', '罚没款哪个专业最多'])('ranks the fields of the table the kind heads, not the counties nor the years of a series: %s', (q) => {
    expect(rowsOf(q)?.slice(0, 3)).toEqual(['医疗机构:158.90万元', '公共场所卫生:61.20万元', '职业卫生:49.30万元']);
  });
});
