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

describe('a report to a people’s congress, and its minutes', () => {
  const REPORT = txt(
    '关于检查《某某法》实施情况的报告',
    '',
    '——2024年4月25日在溪林市第十六届人民代表大会常务委员会第九次会议上',
    '',
    '溪林市人大常委会执法检查组',
    '',
    '主任、各位副主任、秘书长、各位委员：',
    '',
    '    检查组赴溪北县、丰南县、柳河县开展检查。全市二级及以上综合性医院设立老年医学科的比例2021年、2022年、2023年分别为41.2%、55.6%、67.3%。',
    '',
    '附件：座谈会发言摘要',
    '',
    '    溪北县卫生健康局局长：我县去年每千人口床位数是7.02张，家庭医生签约率85.8%。',
    '',
    '    丰南县卫生健康局副局长：我县去年每千人口床位5.61张。',
    '',
    '    丰南县人民医院院长：县医院去年门诊量68.3万人次。',
  );
  let store: FactStore;
  beforeAll(async () => {
    store = await storeOf({ 'r.txt': REPORT });
  });
  it('is the city’s, of the day it was given', () => {
    const doc = [...store.docs.values()][0]!;
    expect([doc.meta.region, doc.meta.date]).toEqual(['溪林市', '2024-04-25']);
  });
  it('a speaker named by post alone speaks for the post’s place', () => {
    expect(ask(store, '丰南县去年每千人口床位多少').answers[0]?.answer).toBe('5.61张');
    expect(ask(store, '溪北县每千人口床位数是多少').answers[0]?.answer).toBe('7.02张');
  });
  it('a measure said before a run of years gives each figure its year', () => {
    expect(ask(store, '溪林二级以上综合医院设老年医学科的比例趋势').across?.rows.map((r) => `${r.year}:${r.answer}`)).toEqual(['2021:41.2%', '2022:55.6%', '2023:67.3%']);
  });
});

describe('columns of a year’s quarters, and years listed as items', () => {
  let store: FactStore;
  beforeAll(async () => {
    store = await storeOf({
      'r.txt': txt(
        '溪林市2023年第四季度暨全年高血压患者基层规范管理工作报告',
        '',
        '全市高血压患者管理人数2021年、2022年分别为395820人、412306人，管理规模持续扩大。',
        '',
        '表1　2023年各季度高血压患者管理情况',
        '',
        '| 指标 | 一季度 | 二季度 | 三季度 | 四季度 | 年度目标 |',
        '|---|---|---|---|---|---|',
        '| 高血压患者管理人数(人) | 418265 | 421930 | 425464 | 433144 | 430000 |',
      ),
      'r.meta.json': meta('溪林市2023年第四季度暨全年高血压患者基层规范管理工作报告'),
    });
  });
  it('a quarter’s column is that quarter of the table’s year, not the year', () => {
    const periods = tableFacts([['指标', '一季度', '四季度'], ['管理人数(人)', '418265', '433144']], { label: '2023年', year: 2023 }).map((c) => c.time?.label);
    expect(periods).toEqual(['2023年第一季度', '2023年第四季度']);
  });
  it('2023年比2022年 is never worked from a quarter as the year (418265 ÷ 412306)', () => {
    expect(ask(store, '溪林高血压管理人数2023年比2022年涨了百分之几').across?.result?.value).not.toBe('1.45%');
  });
});

describe('counties and cities, without the districts', () => {
  it('哪两个县市 leaves districts out', async () => {
    const store = await storeOf({
      'r.md': txt('# 溪林市2023年家庭医生签约服务报告', '', '全市重点人群签约率81.6%，溪北县、丰南市较高。', '', '| 县（市、区） | 重点人群签约率(%) |', '|---|---|', '| 城东区 | 86.4 |', '| 溪北县 | 87.2 |', '| 丰南市 | 85.8 |', '| 柳河县 | 83.2 |'),
      'r.meta.json': meta('溪林市2023年家庭医生签约服务报告'),
    });
    expect(ranked(store, '重点人群签约率哪两个县市最高')).toEqual(['溪北县87.2%', '丰南市85.8%']);
  });
});

// The review's invented reports (helper-159): each a wrong or lost answer of the first mends.
describe('review: mends', () => {
  const md = (title: string, ...lines: string[]) => ({ 'r.md': txt(`# ${title}`, '', ...lines), 'r.meta.json': meta(title) });
  const plain = (title: string, ...lines: string[]) => ({ 'r.txt': txt(title, '', ...lines), 'r.meta.json': meta(title) });

  it('a year asked ranks that year’s column, not the undated one beside it', async () => {
    const store = await storeOf(plain('溪林市基层医生收入调查报告', '调查显示，全市基层医生月均收入稳步提高。', '', '  县区      月均收入(元)   2020年月均收入(元)   工作满意度(%)', '  城区          5920           3010               63.9', '  溪北县        4460           3690               61.2', '  丰南县        4320           4560               60.8', '  柳河县        4100           3300               58.1'));
    expect(ranked(store, '2020年基层医生月均收入哪个县最高')?.[0]).toBe('丰南县4560元');
  });
  it('a caption with a unit for each measure (（‰）…（%）) gives none of them to all', async () => {
    const store = await storeOf(md('溪林市2023年妇幼健康监测年报', '全市婴儿死亡率持续下降，各县情况见表1。', '', '表1　2023年各县区婴儿死亡率（‰）及住院分娩率（%）', '', '| 县区 | 婴儿死亡率 | 住院分娩率 |', '|---|---|---|', '| 溪北县 | 3.12 | 99.87 |', '| 丰南县 | 2.48 | 99.95 |'));
    expect(ask(store, '溪北县婴儿死亡率是多少').answers[0]?.answer).not.toBe('3.12%');
  });
  it('parts that add up to a heading total by chance are none of its parts when the 合计 says so', async () => {
    const store = await storeOf(md('溪林市2023年职业病诊断工作年报', '2023年全市新诊断职业病13例，尘肺病仍居首位。', '', '| 病种 | 2023年 | 2022年 |', '|---|---|---|', '| 尘肺病小计 | 5 | 4 |', '| 其中：矽肺 | 3 | 2 |', '| 煤工尘肺 | 1 | 1 |', '| 职业性噪声聋 | 1 | 2 |', '| 职业性传染病 | 3 | 2 |', '| 职业性化学中毒 | 4 | 3 |', '| 合计 | 13 | 11 |'));
    expect(ask(store, '尘肺病里哪种最多？排前三').across?.rows.map((r) => r.subject) ?? []).not.toContain('职业性噪声聋');
  });
  it('a section ends on its subtotal', async () => {
    const store = await storeOf(md('溪林市2023年医疗投诉受理情况通报', '2023年全市共受理医疗投诉878件，各医疗机构情况见下表。', '', '表1　2023年各医疗机构投诉受理情况', '', '| 医疗机构 | 2023年投诉 | 2022年投诉 |', '|---|---|---|', '| 县级公立医院 | | |', '| 溪北县人民医院 | 92 | 78 |', '| 丰南县人民医院 | 85 | 91 |', '| 柳河县医院 | 41 | 44 |', '| 小计 | 218 | 213 |', '| 溪林市中心医院 | 386 | 342 |', '| 溪林市人民医院 | 274 | 251 |', '| 全市合计 | 878 | 806 |'));
    expect(ranked(store, '县级医院里投诉最多的是哪家')?.[0]).toBe('溪北县人民医院92');
  });
  it('a bare place name is never the report’s own area, nor a word that goes on (柳河区域)', async () => {
    const own = await storeOf(md('溪林市2023年学生常见病监测报告', '2023年溪林市共监测学生12860人，溪林市学生视力不良检出率为52.3%。溪林市各县区中，溪林县、溪北县检出率较高，丰南县最低。', '', '| 县区 | 监测人数 | 视力不良检出率(%) |', '|---|---|---|', '| 溪林 | 4210 | 58.6 |', '| 溪北 | 4630 | 55.1 |', '| 丰南 | 4020 | 43.2 |'));
    expect(ranked(own, '哪个县视力不良检出率最高')?.[0]).toBe('溪林县58.6%');
    const word = await storeOf(md('溪林市2023年眼健康工作年报', '柳河县依托柳河区域医疗中心开展手术，柳河区域医疗中心全年完成手术占全县的八成。溪北县、丰南县手术量均有提高。', '', '| 县区 | 手术例数 | 手术率(%) |', '|---|---|---|', '| 溪北 | 2296 | 1.21 |', '| 丰南 | 1003 | 0.95 |', '| 柳河 | 602 | 0.61 |'));
    expect(ranked(word, '手术例数哪个县最少')?.[0]).toBe('柳河县602例');
  });
  it.each([
    // (2021年以来…累计: the stated sum, no series; 建院30年以来: an age, no year.)
    ['2021年以来全市累计新建村卫生室多少个', '126个'],
    ['溪林市人民医院建院30年以来累计诊疗多少人次', '1260万人次'],
  ])('%s → %s', async (q, want) => {
    const store = await storeOf(plain('溪林市卫生健康委员会2023年工作总结', '2023年，全市新建村卫生室38个，2022年新建村卫生室45个，2021年新建村卫生室43个。2021年以来，全市累计新建村卫生室126个。', '', '溪林市人民医院建院30年以来累计诊疗1260万人次。2023年溪林市人民医院诊疗人次86.5万人次。'));
    expect(ask(store, q).answers[0]?.answer).toBe(want);
  });
  it('a figure after the 合计 clause is one’s own; 两癌 asks no sum', async () => {
    const store = await storeOf(plain('溪北县2023年工作总结', '甲医院和乙医院两家合计承担药物临床试验审查171项，其中乙医院审查62项。', '', '2023年，溪北县人民医院和溪北县妇幼保健院两家合计完成两癌筛查8260人。'));
    expect(ask(store, '乙医院审查了多少药物临床试验').answers[0]?.answer).toBe('62项');
    expect(ask(store, '乙医院总共承担了多少项药物临床试验审查').answers[0]?.answer).toBe('62项');
    expect(ask(store, '溪北县妇幼保健院完成两癌筛查多少人').answers.map((a) => a.answer)).not.toContain('8260人');
  });
  it('不算耗材: nor the whole 耗材 is a part of', async () => {
    const store = await storeOf(plain('溪北县医共体2023年药品耗材集中采购工作总结', '2023年，溪北县医共体统一采购金额23918万元，其中耗材采购金额6215万元。'));
    expect(ask(store, '溪北县医共体去年统一采购了多少钱，不算耗材').answers.map((a) => a.answer)).not.toContain('23918万元');
  });
  it('a sentence listing each county’s rate is a ranking of them; so are rows that each count their own', async () => {
    const list = await storeOf(plain('溪林市2023年传染病疫情分析', '2023年，溪林市报告手足口病3120例。溪北县、丰南县、柳河县手足口病报告发病率分别为125.3/10万、98.6/10万、143.2/10万。'));
    // (A sentence's list of exactly as many as asked is no ranking of the first few: none.)
    expect(ranked(list, '手足口病发病率排前三的是哪')).toBeUndefined();
    expect(ranked(list, '手足口病发病率哪个县最高')?.[0]).toBe('柳河县143.2/10万');
    const kinds = await storeOf({
      'r.md': txt('# 溪北县2023年基层医疗服务情况', '', '2023年，溪北县各类医疗机构诊疗人次稳步增长，县级医院仍是主力。', '', '表1　2023年溪北县各类医疗机构诊疗情况', '', '| 机构类别 | 诊疗人次(万人次) | 出院人次(人次) |', '|---|---|---|', '| 县级医院（3家） | 86.4 | 31250 |', '| 乡镇卫生院（18家） | 52.7 | 8740 |', '| 村卫生室（236个） | 41.3 | 0 |', '| 民营医院（5家） | 12.6 | 4120 |'),
      'r.meta.json': meta('溪北县2023年基层医疗服务情况', '溪北县'),
    });
    expect(ranked(kinds, '哪类医疗机构诊疗人次最多')?.[0]).toBe('县级医院86.4万人次');
  });
  it.each([
    // (至少做了多少: no difference; 全市哪里: no scope.)
    ['去年白内障复明手术至少做了多少例', (f: ReturnType<typeof acrossFrameOf>) => expect(f?.kind === 'calc' && f.op === 'diff').toBe(false)],
    ['全市哪里投诉最多', (f: ReturnType<typeof acrossFrameOf>) => expect(f?.kind === 'rank' && f.scope).toBeFalsy()],
  ])('%s', async (q, check) => check(acrossFrameOf(q, (await loadIntents('intents')).across)));
  it('要达标 of a target years ahead is the gap to the nearest target from that year', async () => {
    const store = await storeOf(plain('溪林市2023年护理工作总结', '2023年，全市每千人口注册护士3.12人。按照规划，到2025年全市每千人口注册护士达到3.80人。'));
    expect(ask(store, '2023年每千人口注册护士要达标，还差多少').across?.result?.value).toBe('还差0.68人');
  });
});

// The re-review's invented reports (helper-160).
describe('re-review: mends', () => {
  const plain = (title: string, ...lines: string[]) => ({ 'r.txt': txt(title, '', ...lines), 'r.meta.json': meta(title) });
  it('a quoted speech’s date under the title, before the title’s year, dates nothing', async () => {
    const store = await storeOf({ 'r.txt': txt('溪林市卫生健康委员会2023年工作总结', '', '人民至上、生命至上。', '——2021年7月1日在庆祝大会上的讲话', '', '2023年，全市门诊人次856.2万人次。去年全市门诊人次792.1万人次。') });
    expect([...store.docs.values()][0]!.meta.date).not.toBe('2021-07-01');
  });
  it('a 小计 that opens a section is the section’s own, not its end', async () => {
    const store = await storeOf({ 'r.md': txt('# 溪林市2023年医疗投诉受理情况通报', '', '2023年全市共受理医疗投诉1204件，各医疗机构情况见下表。', '', '| 医疗机构 | 2023年投诉 | 2022年投诉 |', '|---|---|---|', '| 市直医疗机构 | | |', '| 小计 | 660 | 593 |', '| 溪林市中心医院 | 386 | 342 |', '| 溪林市人民医院 | 274 | 251 |', '| 县级公立医院 | | |', '| 小计 | 218 | 213 |', '| 溪北县人民医院 | 92 | 78 |', '| 丰南县人民医院 | 85 | 91 |', '| 柳河县医院 | 41 | 44 |'), 'r.meta.json': meta('溪林市2023年医疗投诉受理情况通报') });
    expect(ranked(store, '县级医院里投诉最多的前两家')).toEqual(['溪北县人民医院92', '丰南县人民医院85']);
  });
  it('a part said before a run of years narrows the measure said before it, and answers no question of the whole', async () => {
    const store = await storeOf(plain('溪林市2023年妇幼健康工作总结', '2023年全市住院分娩率99.8%，其中农村地区2021年、2022年、2023年分别为98.1%、98.9%、99.5%。各街镇中，农村地区的大圩镇签约率最高，达到52.3%。'));
    expect(ask(store, '2022年农村地区住院分娩率是多少').answers[0]?.answer).toBe('98.9%');
    expect(ask(store, '2022年住院分娩率是多少').answers).toEqual([]);
    expect(ask(store, '大圩镇签约率').answers[0]?.answer).toBe('52.3%');
  });
  it('a header of one kind (市) spells only that kind', async () => {
    const store = await storeOf({ 'r.md': txt('# 溪林市2023年妇幼健康监测报告', '', '全省各市比较，溪林市孕产妇死亡率较低。溪林县妇幼保健院承担全县任务。溪林市、丰南市、柳河市均有下降。', '', '| 市 | 孕产妇死亡率(/10万) |', '|---|---|', '| 溪林 | 8.2 |', '| 丰南 | 12.5 |', '| 柳河 | 10.1 |'), 'r.meta.json': meta('溪林市2023年妇幼健康监测报告') });
    expect(ask(store, '溪林县孕产妇死亡率是多少').answers.map((a) => a.region)).not.toContain('溪林县');
  });
});
