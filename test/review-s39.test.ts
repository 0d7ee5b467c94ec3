import { beforeAll, describe, expect, it } from 'vitest';
import { ask, FollowUps } from '../src/core/ask.js';
import { storeOf } from './helpers/store.js';
import { cleanReport } from '../src/reports/clean.js';
import { alignedHeader } from '../src/reports/aligned-header.js';
import { acrossFrameOf } from '../src/across/frame.js';
import { loadIntents, type Intents } from '../src/match/intents.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { placesSpelledOut } from '../src/extract/short-places.js';
import { headerSpelledOut } from '../src/extract/acronyms.js';
import type { FactStore } from '../src/store/fact-store.js';

// Invented reports for what session 39's blind sets showed; every name and figure is made up.
const meta = (title: string, region = '溪林市') => ({ title, region, parentRegion: '丰溪省', date: '2024-02' });
const END = '（以上数据均为测试虚构）';
const txt = (...lines: string[]) => [...lines, '', END].join('\n');
const tableRows = (text: string) => cleanReport(text).filter((b) => b.kind === 'table').map((b) => b.rows ?? []);
const ranked = (store: FactStore, q: string, followUps?: FollowUps) => ask(store, q, followUps ? { chat: 'c', followUps } : {}).across?.rows.map((r) => `${r.subject}${r.answer}`);

// A table aligned with spaces whose header is written on two lines (full-width brackets as written).
const ALIGNED = [
  '表2  2023年溪林市市直医院主要运行指标',
  '------------------------------------------------------------------------',
  '医院              开放床位   床位使用率（%）        平均住院日',
  '                  （张）     2022年     2023年      （天）',
  '------------------------------------------------------------------------',
  '溪林市中心医院      2650      86.3       93.5         7.9',
  '溪林市第一医院      1500      82.7       90.1         8.2',
  '溪林市第二医院      1200      95.2       97.6        45.6',
  '------------------------------------------------------------------------',
];

describe('a space-aligned table whose header is written on two lines', () => {
  it('puts every header cell over the columns of figures it stands over', () => {
    const [top, sub] = alignedHeader(ALIGNED[2]!, ALIGNED[3]!, ALIGNED.slice(5, 8))!;
    expect(top).toEqual(['医院', '开放床位', '床位使用率（%）', '', '平均住院日']);
    expect(sub).toEqual(['', '（张）', '2022年', '2023年', '（天）']);
  });
  it('reads the two lines as one header, each year with its measure and each unit with its column', () => {
    expect(tableRows(txt('# 溪林市2023年工作总结', '', ...ALIGNED))[0]?.[0]).toEqual(['医院', '开放床位(张)', '2022年床位使用率(%)', '2023年床位使用率(%)', '平均住院日(天)']);
  });
  it('keeps two units a single space apart over their own columns', () => {
    const lines = ['医院        派驻专家  门诊人次   门诊同比  手术台次', '            （人次）  （万人次） （%）     （台）', '甲县医院      52        49.7       10.0      8734', '乙县医院      44        38.6        7.5      6318'];
    expect(tableRows(txt('# 溪林市报告', '', ...lines))[0]?.[0]).toEqual(['医院', '派驻专家(人次)', '门诊人次(万人次)', '门诊同比(%)', '手术台次(台)']);
  });
  it.each([
    // (Rows that run into each other are not aligned: nothing is guessed.)
    [['名称  甲  乙', '  2022年  2023年', '丙县 1 2', '丁县 3 4'], undefined],
    // (A header cell over no column of figures: nothing is guessed.)
    [['名称      甲', '                              2022年', '丙县      1', '丁县      3'], undefined],
  ])('hostile: %j', (lines, want) => {
    expect(alignedHeader(lines[0]!, lines[1]!, lines.slice(2))).toEqual(want);
  });
  it('drops the rule drawn above a header, so the caption stays a caption', async () => {
    const blocks = cleanReport(txt('# 溪林市2023年工作总结', '', ...ALIGNED));
    const table = blocks.findIndex((b) => b.kind === 'table');
    expect(blocks[table - 1]?.text).toBe('表2 2023年溪林市市直医院主要运行指标');
  });
  it('ranks the latest year’s column', async () => {
    const store = await storeOf({ 'r.txt': txt('溪林市卫生健康委员会2023年工作总结', '', '全市医院运行平稳，各院指标见表2。', '', ...ALIGNED), 'r.meta.json': meta('溪林市卫生健康委员会2023年工作总结') });
    expect(ranked(store, '市直医院床位使用率排个名，前三')).toEqual(['溪林市第二医院97.6%', '溪林市中心医院93.5%', '溪林市第一医院90.1%']);
  });
});

describe('a header cell under a column no merged cell spans', () => {
  it.each([
    // (Its year and its unit go with it; a merged cell over two years still spans them.)
    [['| 县区 | 视力不良率 | 视力不良率 | 增减 | 肥胖率 |', '| 县区 | 2022年 | 2023年 | (百分点) | 2023年 |', '| 溪北县 | 48.9 | 47.6 | -1.3 | 9.2 |'], ['县区', '2022年视力不良率', '2023年视力不良率', '增减(百分点)', '2023年肥胖率']],
    // (A second line of words, no year or unit, is still a row.)
    [['| 县区 | 门诊人次 | 出院人次 |', '| 说明 | 含急诊 | 含日间 |', '| 溪北县 | 100 | 20 |'], ['县区', '门诊人次', '出院人次']],
  ])('%j', (lines, header) => {
    expect(tableRows(txt('# 溪林市报告', '', '全市门诊人次稳步增长。', '', ...lines))[0]?.[0]).toEqual(header);
  });
});

describe('table cells the report spells out elsewhere', () => {
  it('names a column headed by an acronym the text defines (CSR)', () => {
    expect(headerSpelledOut(['县区', 'CSR', 'CSR(%)', 'ABC'], new Map([['CSR', '每百万人口白内障手术率']]))).toEqual(['县区', '每百万人口白内障手术率(CSR)', '每百万人口白内障手术率(CSR)(%)', 'ABC']);
  });
  it.each([
    // (潞州, 武乡: bare names ending on characters places end on, named in full in the text.)
    ['平顺', '平顺县'],
    ['武乡', '武乡县'],
    ['潞州', '潞州区'],
    // (Already named with its kind, or never named in full: as written.)
    ['沁县', '沁县'],
    ['市直学校', '市直学校'],
    ['溪北市', '溪北市'],
  ])('%s → %s', (cell, want) => {
    const text = '平顺县、武乡县和潞州区的检出率较低，潞州区最高；沁县略有上升。溪北市区人口多。';
    expect(placesSpelledOut([['县区', '检出率'], [cell, '1.0']], text)[1]?.[0]).toBe(want);
  });
  it('leaves a table whose first column is no place as it is', () => {
    expect(placesSpelledOut([['学段', '检出率'], ['平顺', '1.0']], '平顺县')[1]?.[0]).toBe('平顺');
  });
  it('ranks a column headed by an acronym, over places by their bare names', async () => {
    const store = await storeOf({
      'r.md': txt('# 溪林市2023年眼健康工作年报', '', '全市每百万人口白内障手术率（CSR）为3482。溪北县、丰南县、柳河县均有提高，溪北县最高，柳河县最低。', '', '| 县区 | 手术例数 | CSR |', '|---|---|---|', '| 溪北 | 2296 | 3918 |', '| 丰南 | 1003 | 3595 |', '| 柳河 | 602 | 3103 |'),
      'r.meta.json': meta('溪林市2023年眼健康工作年报'),
    });
    expect(ranked(store, '哪个县白内障手术率最高？说前三')).toEqual(['溪北县3918', '丰南县3595', '柳河县3103']);
  });
});

describe('a change column with no unit said', () => {
  it.each([
    // (The rise from one year to the other in percent, to its rounding: in %.)
    [['县区', '2022年手术例数', '2023年手术例数', '同比增长'], ['溪北县', '3274', '3937', '20.3'], '20.3%'],
    // (The difference itself: in the row's unit.)
    [['县区', '2022年手术例数', '2023年手术例数', '增减'], ['溪北县', '3274', '3937', '663'], '663例'],
    // (Neither: as written.)
    [['县区', '2022年手术例数', '2023年手术例数', '同比增长'], ['溪北县', '3274', '3937', '7.1'], '7.1'],
  ])('%j %j → %s', (header, row, want) => {
    const change = tableFacts([header, row]).find((c) => c.status === 'change');
    expect(change?.answer).toBe(want);
  });
});

describe('a figure of the city in a county’s report', () => {
  it('低于全市的205.3/10万 is the city’s figure, not the county’s', async () => {
    const store = await storeOf({
      'r.md': txt('# 柳河县2023年传染病疫情分析', '', '2023年，柳河县报告发病率为180.2/10万，低于全市的205.3/10万。柳河县手足口病报告1021例。'),
      'r.meta.json': meta('柳河县2023年传染病疫情分析', '柳河县'),
    });
    const answers = ask(store, '柳河县报告发病率是多少').answers.map((a) => a.answer);
    expect(answers[0]).toBe('180.2/10万');
    expect(answers).not.toContain('205.3/10万');
  });
});

describe('rankings within a table’s sections, and at its other end', () => {
  const HTML = [
    '<html><body><h1>溪林市2023年医疗投诉受理情况通报</h1>',
    '<p>2023年全市共受理医疗投诉1204件，各医疗机构情况见下表。</p>',
    '<table><caption>表1 2023年各医疗机构投诉受理情况</caption>',
    '<tr><th>医疗机构</th><th>2023年投诉</th><th>2022年投诉</th></tr>',
    '<tr><td colspan="3">市直医疗机构</td></tr>',
    '<tr><td>溪林市中心医院</td><td>386</td><td>342</td></tr>',
    '<tr><td>溪林市人民医院</td><td>274</td><td>251</td></tr>',
    '<tr><td colspan="3">县级公立医院</td></tr>',
    '<tr><td>溪北县人民医院</td><td>92</td><td>78</td></tr>',
    '<tr><td>丰南县人民医院</td><td>85</td><td>91</td></tr>',
    '<tr><td>柳河县医院</td><td>41</td><td>44</td></tr>',
    '<tr><td>其他县级公立医院（10家）</td><td>172</td><td>139</td></tr>',
    '<tr><td>全市合计</td><td>1050</td><td>945</td></tr>',
    '</table>',
    `<p>${END}</p></body></html>`,
  ].join('\n');
  let store: FactStore;
  beforeAll(async () => {
    store = await storeOf({ 'r.html': HTML, 'r.meta.json': meta('溪林市2023年医疗投诉受理情况通报') });
  });
  it('县级医院里 ranks the rows of that section alone, and no row that lumps several together', () => {
    expect(ranked(store, '县级医院里投诉最多的前两家')).toEqual(['溪北县人民医院92', '丰南县人民医院85']);
  });
  it('最少的呢 after it is the other end of the same ranking', () => {
    const followUps = new FollowUps();
    ranked(store, '县级医院里投诉最多的前两家', followUps);
    expect(ranked(store, '最少的呢', followUps)).toEqual(['柳河县医院41', '丰南县人民医院85']);
  });
  it('a follow-up at the other end that names a topic the reports lack answers nothing', () => {
    const followUps = new FollowUps();
    ranked(store, '县级医院里投诉最多的前两家', followUps);
    expect(ask(store, '那满意度最高的呢', { chat: 'c', followUps }).across).toBeUndefined();
  });
});

describe('rankings of places in the loosest sense, and of a row’s own figure', () => {
  let store: FactStore;
  beforeAll(async () => {
    store = await storeOf({
      'r.txt': txt(
        '溪林市基层医生收入调查报告',
        '',
        '调查显示，全市基层医生月均收入稳步提高，城区最高。',
        '',
        '  县区      月均收入(元)   2020年月均收入(元)   工作满意度(%)',
        '  城区          5920           5010               63.9',
        '  溪北县        4460           3690               61.2',
        '  丰南县        4320           3560               60.8',
        '  市直          4100           3300               58.1',
      ),
      'r.meta.json': meta('溪林市基层医生收入调查报告'),
    });
  });
  it('哪几个地方 ranks 城区 and 市直 with the counties, by the undated (latest) column', () => {
    expect(ranked(store, '基层医生收入哪几个地方最高，列前三')).toEqual(['城区5920元', '溪北县4460元', '丰南县4320元']);
  });
});

describe('questions across facts, as staff word them', () => {
  let intents: Intents;
  beforeAll(async () => {
    intents = await loadIntents('intents');
  });
  it.each([
    // (前两位的是哪: 的 names no kind of thing.)
    ['去年医共体统一采购金额排前两位的是哪', (f: ReturnType<typeof acrossFrameOf>) => expect(f?.among).toBeUndefined()],
    // (多做了多少: a difference, as 多了多少.)
    ['长垣去年白内障手术比2022年多做了多少例', (f: ReturnType<typeof acrossFrameOf>) => expect([f?.kind, f?.kind === 'calc' ? f.op : '']).toEqual(['calc', 'diff'])],
    // (要达标，还差多少: the gap to the target; 多几家卫生院达标 is a difference.)
    ['今年每千人口注册护士要达标，还差多少', (f: ReturnType<typeof acrossFrameOf>) => expect([f?.kind, f?.toTarget]).toEqual(['trend', true])],
    ['甲县比乙县多几家卫生院达标', (f: ReturnType<typeof acrossFrameOf>) => expect(f?.kind).toBe('calc')],
    // (比年初计划多查了多少: over the plan.)
    ['医疗机构检查户次比年初计划多查了多少', (f: ReturnType<typeof acrossFrameOf>) => expect([f?.kind, f?.toTarget, f?.core]).toEqual(['trend', true, '医疗机构检查户次'])],
    // (2021年以来: a series.)
    ['基层基础设施每年完成投资多少，2021年以来', (f: ReturnType<typeof acrossFrameOf>) => expect(f?.kind).toBe('trend')],
    // (县级医院里…前三家: the part ranked within.)
    ['县级医院里投诉最多的前三家', (f: ReturnType<typeof acrossFrameOf>) => expect(f?.kind === 'rank' && f.scope).toBe('县级医院')],
    // (几家医院里: the institutions counted are the ones ranked, no part they lie within.)
    ['溪北县几家医院里平均住院日最长的是哪家', (f: ReturnType<typeof acrossFrameOf>) => expect(f?.kind === 'rank' && f.scope).toBeUndefined()],
  ])('%s', (q, check) => check(acrossFrameOf(q, intents.across)));
});

describe('answers a question’s own words rule out', () => {
  let store: FactStore;
  beforeAll(async () => {
    store = await storeOf({
      'a.txt': txt(
        '溪林市2023年1—10月卫生健康统计快报',
        '',
        '溪林市卫生健康委员会',
        '2023年11月15日',
        '',
        '2023年1—10月，全市医疗卫生机构总诊疗人次498.63万人次，同比增长5.2%。',
        '',
        '2023年，溪北县医共体统一采购金额23918万元，其中耗材采购金额6215万元。',
        '',
        '2023年，溪林市人民医院总收入268400万元，医疗收入241560万元。全市4家市属医院合计总收入526200万元。',
      ),
    });
  });
  it('全年 asked: a figure of 1—10月 is no answer', () => {
    expect(ask(store, '2023年全年全市总诊疗人次是多少').answers).toEqual([]);
  });
  it('不算耗材: a figure of 耗材 is no answer', () => {
    expect(ask(store, '溪北县医共体去年光药品采购了多少钱，不算耗材').answers.map((a) => a.answer)).not.toContain('6215万元');
  });
  it('an institution’s part is a share of its own whole', () => {
    expect(ask(store, '溪林市人民医院医疗收入占总收入的比例').across?.result?.value).toBe('90%');
  });
});

describe('a total that heads its parts, and a sum of two', () => {
  let store: FactStore;
  beforeAll(async () => {
    store = await storeOf({
      'r.md': txt(
        '# 溪林市2023年职业病诊断工作年报',
        '',
        '2023年全市新诊断职业病64例，尘肺病仍居首位。',
        '',
        '药物临床试验项目集中在甲医院和乙医院，两家合计承担药物临床试验审查171项，占全市的91.9%。',
        '',
        '表1　2023年全市新诊断职业病病种分布',
        '',
        '| 病种 | 2023年 | 2022年 |',
        '|---|---|---|',
        '| 尘肺病小计 | 35 | 27 |',
        '| 其中：矽肺 | 18 | 14 |',
        '| 煤工尘肺 | 3 | 4 |',
        '| 石棉肺 | 4 | 3 |',
        '| 电焊工尘肺 | 10 | 6 |',
        '| 职业性噪声聋 | 15 | 12 |',
        '| 职业性化学中毒 | 14 | 13 |',
        '| 合计 | 64 | 52 |',
      ),
      'r.meta.json': meta('溪林市2023年职业病诊断工作年报'),
    });
  });
  it('尘肺病里哪种 ranks the parts its total heads, not the kinds after them', () => {
    expect(ask(store, '尘肺病里哪种最多？排前两个').across?.rows.map((r) => r.subject)).toEqual(['矽肺', '电焊工尘肺']);
  });
  it('the kinds beside the group are ranked without its parts', () => {
    expect(ask(store, '哪种职业病最多？排前两个').across?.rows.map((r) => r.subject)).toEqual(['尘肺病', '职业性噪声聋']);
  });
  it('两家合计 is neither one’s figure', () => {
    expect(ask(store, '乙医院去年审了多少药物临床试验').answers.map((a) => a.answer)).toEqual([]);
    expect(ask(store, '甲医院和乙医院两家合计审了多少药物临床试验').answers.map((a) => a.answer)).toContain('171项');
  });
});

describe('a ranking or change of another kind than the unit asked', () => {
  let store: FactStore;
  beforeAll(async () => {
    store = await storeOf({
      'r.md': txt(
        '# 溪林市2023年艾滋病防治工作总结',
        '',
        '2023年全市孕产妇艾滋病检测率99.62%，高于98%的目标。全市完成艾滋病检测213548人次。',
        '',
        '| 医院 | 2022年手术台次 | 2023年手术台次 | 门诊输液率(%) |',
        '|---|---|---|---|',
        '| 溪北县医院 | 4011 | 4821 | 11.4 |',
        '| 丰南县医院 | 3907 | 4390 | 10.2 |',
        '| 柳河县医院 | 3116 | 3415 | 9.6 |',
      ),
      'r.meta.json': meta('溪林市2023年艾滋病防治工作总结'),
    });
  });
  it('比目标多做了多少人次 is not answered by a rate’s gap', () => {
    expect(ask(store, '去年孕产妇艾滋病检测率比目标多做了多少人次').across).toBeUndefined();
  });
  it('哪几家 asks which, no unit: a ranking of rates answers it', () => {
    expect(ask(store, '门诊输液率最高的是哪几家医院').across?.rows.map((r) => r.subject).slice(0, 2)).toEqual(['溪北县医院', '丰南县医院']);
  });
  it('多少台 is answered in 台次', () => {
    expect(ask(store, '溪北县医院手术台次比2022年多了多少台').across?.result?.value).toMatch(/810台次/);
  });
});
