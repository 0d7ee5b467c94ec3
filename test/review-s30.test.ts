import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import { extractFromSentence } from '../src/extract/facts.js';
import { findFigures } from '../src/extract/figures.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { normalizeText } from '../src/text/normalize.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom } from './helpers/store.js';

/** A store of one invented report, its title its first line. */
async function storeOfReport(text: string, meta: { date: string; region: string; parentRegion: string }): Promise<FactStore> {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  writeFileSync(join(dir, '950_report.txt'), text);
  writeFileSync(join(dir, '950_report.meta.json'), JSON.stringify({ title: text.split('\n')[0], ...meta }));
  return storeFrom(dir);
}

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

  it('gives 人 to both counts, % to the rate and 百分点 to its change from one unit line', () => {
    const cells = tableFacts([['疫苗', '应种人数', '实种人数', '接种率', '较上年'], ['卡介苗', '3186', '3164', '99.3', '+0.1']], year, '（单位：人、%、百分点）');
    expect(cells.map((c) => c.answer)).toEqual(['3186人', '3164人', '99.3%', '+0.1百分点']);
  });

  it('reads a column opening on 占 as the share of the measure before it, in %', () => {
    const cells = tableFacts([['县（区）', '中医诊疗人次', '占总诊疗人次比例'], ['甲东区', '41.2', '24.8']], year, '（单位：万人次、%）');
    expect(cells.map((c) => `${c.metric}:${c.answer}`)).toEqual(['中医诊疗人次:41.2万人次', '中医诊疗人次占总诊疗人次比例:24.8%']);
  });

  it('takes a 全市平均 row of scores as the city\'s own figure, not a place to rank', () => {
    const cells = tableFacts([['医院', '总分（分）'], ['甲川县人民医院', '88.1'], ['全市平均', '80.2']], year);
    expect(cells.map((c) => `${c.metric}:${c.region ?? ''}:${c.subject ?? ''}`)).toEqual(['甲川县人民医院总分::甲川县人民医院', '总分::']);
  });

  it('keeps a 全市平均 row of counts named as a mean, no total of the city', () => {
    const cells = tableFacts([['医院', '出院人次（人次）'], ['甲川县人民医院', '31200'], ['全市平均', '29340']], year);
    expect(cells.map((c) => c.metric)).toEqual(['甲川县人民医院出院人次', '全市平均出院人次']);
  });

  it('guesses no unit when the unit line and the columns do not line up', () => {
    const cells = tableFacts([['专业', '监督检查户次', '立案数', '罚没款'], ['医疗机构', '3350', '241', '158.90']], year, '（单位：户次、万元）');
    // (户次 is the column's own name, which the line names too: no guess.)
    expect(cells.map((c) => c.answer)).toEqual(['3350户次', '241', '158.90']);
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

describe('an assessment of hospitals', () => {
  it('compares a hospital said short (荇塘中医院) with the city\'s mean row', () => {
    const r = ask(store, '荇塘中医院绩效分跟全市平均差多少').across!;
    expect(r.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['荇塘县中医医院:69.8分', '榧岗市:80.2分']);
    expect(r.result?.formula).toBe('69.8分 − 80.2分 = -10.4分');
  });

  it('ranks only the kind of hospital counted (3家中医院), lowest first', () => {
    expect(rowsOf('3家中医院绩效分从低到高排一下')).toEqual(['荇塘县中医医院:69.8分', '蒿坪县中医医院:76.4分', '榧东区中医医院:84.0分']);
  });

  it('gives a hospital\'s two years from its 上年 column', () => {
    expect(rowsOf('蒿坪县医院绩效分这两年')).toEqual(['蒿坪县人民医院:85.0分', '蒿坪县人民医院:88.1分']);
  });

  it('ranks the counties by the share column when a share is asked', () => {
    expect(rowsOf('中医诊疗占比哪个县最高')).toEqual(['蒿坪县:31.6%', '荇塘县:27.3%', '榧东区:24.8%']);
  });

  it('answers 跟目标比 with the gap from the latest level to the target', () => {
    expect(ask(store, '榧岗中医诊疗占比跟25年目标比咋样').across?.result?.value).toBe('还差2.9个百分点');
  });
});

describe('a table of two years by county, under one unit line', () => {
  it('gives each measure\'s columns its unit (个、张、人 over six year columns)', () => {
    const cells = tableFacts([['县（区）', '中医类医院2023年', '中医类医院2024年', '实有床位2023年', '实有床位2024年'], ['甲东区', '1', '2', '220', '300']], { label: '2024年', year: 2024 }, '（单位：个、张）');
    expect(cells.map((c) => c.answer)).toEqual(['1个', '2个', '220张', '300张']);
  });

  it('ranks the counties of the year asked, by the column of the word counted (床位, not 中医院), leaving out 市直', () => {
    expect(rowsOf('24年中医院床位哪两个县最多')).toEqual(['蒿坪县:410张', '榧东区:300张']);
    expect(rowsOf('2023年各县区中医类别医师排个名')).toEqual(['蒿坪县:140人', '榧东区:120人', '荇塘县:88人']);
  });

  it('takes all beds as the whole of 全市床位, not the table\'s total of one kind worded the same', () => {
    expect(ask(store, '中医类医院床位占全市床位几成').across?.result?.formula).toBe('1530张 ÷ 9620张 = 15.9%');
  });
});

describe('months and hospitals said short', () => {
  it('ranks the months of a monthly table for 哪个月, the year in its note', () => {
    const r = ask(store, '哪个月献血最多 前三').across!;
    expect(r.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['12月:2430人次', '11月:2010人次', '6月:1950人次']);
    expect(r.notes[0]).toContain('（2024年）');
  });

  it('ranks no counties for 哪个月 when the place has no months', () => {
    expect(ask(store, '蒿坪县哪个月献血最多').across).toBeUndefined();
  });

  it('reads a post\'s figure with its change', () => {
    expect(ask(store, '蒿坪县域内就诊率').answers[0]?.answer).toBe('90.6%');
  });
});

describe('kinds of hospital in a rate\'s breakdown', () => {
  it.each([
    ['I类切口手术部位感染率为0.75%，其中三级医院0.73%、二级医院0.80%。', ['I类切口手术部位感染率:0.75%', '三级医院I类切口手术部位感染率:0.73%', '二级医院I类切口手术部位感染率:0.80%']],
    ['全市剖宫产率为35.2%，其中三级医院41.3%、二级医院30.8%。', ['剖宫产率:35.2%', '三级医院剖宫产率:41.3%', '二级医院剖宫产率:30.8%']],
    ['全市病床使用率为85.2%，其中公立医院88.3%、民营医院70.8%。', ['病床使用率:85.2%', '公立医院病床使用率:88.3%', '民营医院病床使用率:70.8%']],
  ])('%s', (text, out) => {
    expect(extractFromSentence(normalizeText(text), 2025).map((d) => `${d.metric}:${d.answer}`)).toEqual(out);
  });
});

describe('a list of two named kinds of another measure', () => {
  it('does not answer the difference of one measure from a list of another', async () => {
    const own = await storeOfReport('榧岗市2024年院感质控报告\n\n全年I类切口手术部位感染率为0.75%，其中三级医院0.73%、二级医院0.80%。\n', { date: '2025-03-01', region: '榧岗市', parentRegion: '云岭省' });
    expect(ask(own, '二级医院院感发生率比三级低多少').across).toBeUndefined();
    expect(ask(own, '二级医院I类切口手术部位感染率比三级高多少').across?.result?.formula).toBe('0.80% − 0.73% = 0.07个百分点');
  });
});

describe('formulas, bare changes and amounts', () => {
  it.each([
    ['达标率=(推荐标准机构数+基本标准机构数)/机构数×100%。'],
    ['发生率=出生缺陷儿数/围产儿数×10000/万。'],
  ])('reads no figure in the factors of a formula: %s', (text) => {
    expect(findFigures(text)).toEqual([]);
  });

  it('works a change over years apart rather than quote a 增长5.2% said with no base', async () => {
    const own = await storeOfReport('榧岗市卫生健康年鉴（2025）\n\n【医疗服务】2024年，全市出院人数58.40万人，增长5.2%。\n\n表1　主要指标\n指标 | 2022年 | 2023年 | 2024年\n出院人数（万人） | 52.10 | 55.51 | 58.40\n', { date: '2025-06-01', region: '榧岗市', parentRegion: '云岭省' });
    expect(ask(own, '榧岗出院人数24年比22年涨了百分之几').across?.result?.value).toBe('12.09%');
    // 多了多少 asks the amount, worked from the two years, not the stated percentage.
    expect(ask(own, '榧岗出院人数24年比22年多了多少').across?.result?.formula).toBe('58.40万人 − 52.10万人 = 6.30万人');
  });
});

describe('table readings the review of session 30 mended', () => {
  const year = { label: '2024年', year: 2024 };
  it('guesses no units from a line in another order than the columns', () => {
    const cells = tableFacts([['县（区）', '诊疗人次', '医疗收入'], ['甲东区', '312.5', '98620']], year, '（单位：万元、万人次）');
    expect(cells.map((c) => c.answer)).toEqual(['312.5', '98620']);
  });

  it('gives no % to a change said in the measure\'s own unit (比上年增减)', () => {
    const cells = tableFacts([['县（区）', '实有床位', '比上年增减'], ['甲东区', '2230', '88']], year, '（单位：张、%）');
    expect(cells.map((c) => c.answer)).toEqual(['2230张', '88']);
  });

  it('dates 上年同期 of a 1—6月 table to the same months a year before', () => {
    const cells = tableFacts([['县（区）', '门诊人次（万人次）', '上年同期门诊人次（万人次）'], ['甲东区', '41.2', '39.0']], { label: '2024年1—6月', year: 2024 });
    expect(cells.map((c) => `${c.metric}:${c.time?.label}`)).toEqual(['门诊人次:2024年1—6月', '门诊人次:2023年1—6月']);
  });

  it('dates a month row\'s 上年 column to that month a year before, keeping 同月 out of the name', () => {
    const cells = tableFacts([['月份', '上年同月报告病例数', '本年报告病例数'], ['7月', '2480', '1560']], year);
    expect(cells.map((c) => `${c.metric}:${c.answer}:${c.time?.label}`)).toEqual(['报告病例数:2480例:2023年7月', '报告病例数:1560例:2024年7月']);
  });

  it('ties a change column to the measure it names, not to one that opens the same', () => {
    const cells = tableFacts([['县（区）', '床位数', '床位使用率', '床位同比'], ['甲东区', '820', '86.1', '6.8']], year);
    expect(cells.filter((c) => c.status === 'change').map((c) => c.metric)).toEqual(['床位数']);
  });
});

describe('a city\'s own institution said short', () => {
  it('is no part of 全市… nor of another city\'s name', async () => {
    const own = await storeOfReport('榧岗市2024年医疗资源情况\n\n截至2024年底，全市中医医院实有床位1680张。\n\n表1　主要医院床位\n医院 | 实有床位（张）\n榧岗市中医院 | 800\n榧岗市人民医院 | 1500\n', { date: '2025-03-01', region: '榧岗市', parentRegion: '云岭省' });
    expect(ask(own, '市中医院床位多少').answers[0]?.answer).toBe('800张');
    expect(ask(own, '全市中医医院实有床位多少张').answers[0]?.answer).toBe('1680张');
  });
});

describe('hospitals of a list and of a question', () => {
  it('gives the measure after the last institution of a list to every one', () => {
    const drafts = extractFromSentence(normalizeText('县中医院、县妇幼保健院门急诊分别达到18.64万人次、3.96万人次。'), 2025);
    expect(drafts.map((d) => `${d.metric}:${d.answer}`)).toEqual(['县中医院门急诊:18.64万人次', '县妇幼保健院门急诊:3.96万人次']);
  });

  it('answers no question of one kind of hospital with another kind\'s figure', async () => {
    const own = await storeOfReport('蒿坪县2024年卫生健康工作总结\n\n2024年，县人民医院出院3.15万人次，同比增长4.3%。县中医院门急诊18.64万人次。\n', { date: '2025-01-10', region: '蒿坪县', parentRegion: '榧岗市' });
    expect(ask(own, '蒿坪县中医院出院人次多少').answers).toEqual([]);
    expect(ask(own, '蒿坪县人民医院出院人次多少').answers[0]?.answer).toBe('3.15万人次');
  });
});

describe('a share asked as 多大比例', () => {
  it('is worked from the part and a whole of the part\'s own place, never a rate stated beside them', async () => {
    const own = await storeOfReport('榧岗市2024年互联网医院建设情况\n\n2024年全市互联网诊疗服务23.45万人次，其中在线复诊19.87万人次。全市预约诊疗率62.5%。\n', { date: '2025-02-01', region: '榧岗市', parentRegion: '云岭省' });
    const r = ask(own, '在线复诊占互联网诊疗多大比例');
    expect(r.across?.result?.formula).toBe('19.87万人次 ÷ 23.45万人次 = 84.73%');
  });
});
