import { describe, expect, it } from 'vitest';
import { ask, FollowUps } from '../src/core/ask.js';
import { storeOf } from './helpers/store.js';
import { cleanReport } from '../src/reports/clean.js';
import { acrossFrameOf } from '../src/across/frame.js';
import { loadIntents } from '../src/match/intents.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { extractFromSentence } from '../src/extract/facts.js';
import { sameInstitution } from '../src/match/question.js';
import { domText } from '../src/reports/formats/dom-text.js';
import { parseHTML } from 'linkedom';

// Invented reports for what session 40's blind sets showed; every name and figure is made up.
const meta = (title: string, region = '溪林市') => ({ title, region, parentRegion: '丰溪省', date: '2024-02' });
const END = '（以上数据均为测试虚构）';
const txt = (...lines: string[]) => [...lines, '', END].join('\n');
const tableRows = (text: string) => cleanReport(text).filter((b) => b.kind === 'table').map((b) => b.rows ?? []);
const drafts = (sentence: string) => extractFromSentence(sentence, 2024).map((d) => `${d.metric}|${d.answer}|${d.status}|${d.time?.label ?? ''}`);

describe('a gap asked in any measure word (还差几项, 差几种)', () => {
  it.each(['溪林市疾控检测参数离今年目标还差几项', '离目标还差几种', '离年度目标还差几起'])('%s asks the gap to the target', async (q) => {
    const intents = await loadIntents('intents');
    expect(acrossFrameOf(q, intents.across)).toMatchObject({ kind: 'trend', toTarget: true });
  });
  it('answers it from the latest level and the next target', async () => {
    const store = await storeOf({
      'r.txt': txt('溪林市疾病预防控制中心2023年实验室年报', '', '市疾控中心检测参数由2021年的412项增加到2023年的486项。', '', '2024年，市疾控中心检测参数力争达到520项以上。'),
      'r.meta.json': meta('溪林市疾病预防控制中心2023年实验室年报'),
    });
    expect(ask(store, '溪林市疾控中心检测参数离今年目标还差几项').across?.result?.value).toBe('还差34项');
  });
});

describe('a header wrapped over two lines with no merged cell', () => {
  it('joins the rest of a name written under it (其中高级 over 职称（人）)', () => {
    const lines = [
      '表1  全市疾控实验室基本情况（2023年）',
      '单位              实验室面积   检验人员   其中高级    检测参数（项）          增加',
      '                  （平方米）   （人）     职称（人）  2022年      2023年        （项）',
      '溪林市疾控中心      4200         58         21         458         486           28',
      '溪北县疾控中心       860          9          2          96         112           16',
    ];
    expect(tableRows(txt('# 溪林市报告', '', ...lines))[0]?.[0]).toEqual(['单位', '实验室面积(平方米)', '检验人员(人)', '其中高级职称(人)', '2022年检测参数(项)', '2023年检测参数(项)', '增加(项)']);
  });
});

describe('two things named and compared on a topic', () => {
  it('never answers from a list of the two that says nothing of the topic', async () => {
    const store = await storeOf({
      'a.txt': txt('丰溪省2023年卫生健康统计公报', '', '按医院等级分：三级医院118个，二级医院389个，一级医院361个。'),
      'a.meta.json': { ...meta('丰溪省2023年卫生健康统计公报', '丰溪省'), parentRegion: undefined },
    });
    expect(ask(store, '三级医院的医疗纠纷比二级医院多几件').across).toBeUndefined();
    expect(ask(store, '三级医院的医疗纠纷比二级医院多多少').across).toBeUndefined();
    // (The list's own measure still answers.)
    expect(ask(store, '三级医院和二级医院哪个多').across?.rows.map((r) => `${r.subject}${r.answer}`)).toEqual(['二级医院389个', '三级医院118个']);
  });
});

describe('one institution written two ways (甲县医院 in one report, 甲县人民医院 in another)', () => {
  it.each([
    ['溪北县医院', '溪北县人民医院', true],
    ['溪北县中医院', '溪北县中医医院', true],
    ['溪北县医院', '溪北县中医院', false],
    ['溪北县人民医院', '丰南县人民医院', false],
    [undefined, '溪北县人民医院', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(sameInstitution(a, b)).toBe(same);
  });
  it('finds the table row of the short form for the full name, alone and compared', async () => {
    const store = await storeOf({
      'a.txt': txt(
        '溪林市县级医院专科能力评估报告',
        '',
        '全市县级医院专科能力稳步提升，各院基本情况见表1。',
        '',
        '表1  县级医院基本情况',
        '| 医院 | 实际开放床位 | 出院人次 |',
        '|---|---|---|',
        '| 溪北县人民医院 | 86 | 2314 |',
        '| 丰南县人民医院 | 72 | 1890 |',
      ),
      'a.meta.json': meta('溪林市县级医院专科能力评估报告'),
      'b.txt': txt(
        '溪林市2023年1—10月卫生健康统计快报',
        '',
        '1—10月，全市县级公立医院运行总体平稳，主要指标见表3。',
        '',
        '表3  2023年1—10月县级公立医院主要指标',
        '| 医院 | 病床使用率(%) | 平均住院日(天) |',
        '|---|---|---|',
        '| 溪北县医院 | 56.3 | 6.9 |',
        '| 丰南县医院 | 50.8 | 6.6 |',
      ),
      'b.meta.json': { ...meta('溪林市2023年1—10月卫生健康统计快报'), date: '2023-11' },
    });
    expect(ask(store, '溪北县医院病床使用率').answers[0]?.answer).toBe('56.3%');
    const followUps = new FollowUps();
    const first = ask(store, '溪北县医院和丰南县医院病床使用率哪个高', { chat: 'c', followUps });
    expect(first.across?.rows.map((r) => `${r.subject}${r.answer}`)).toEqual(['溪北县医院56.3%', '丰南县医院50.8%']);
    const then = ask(store, '平均住院日呢', { chat: 'c', followUps });
    expect(then.across?.rows.map((r) => r.answer)).toEqual(['6.9天', '6.6天']);
  });
});

describe('years listed once for several lists of figures', () => {
  it('names the list by the clause before it and gives a later list the same years', () => {
    expect(drafts('全市出生人口持续减少，2021年、2022年、2023年分别为26980人、24415人、22861人，出生率分别为9.40‰、8.52‰、7.99‰。')).toEqual([
      '出生人口|26980人|actual|2021年',
      '出生人口|24415人|actual|2022年',
      '出生人口|22861人|actual|2023年',
      '出生率|9.40‰|actual|2021年',
      '出生率|8.52‰|actual|2022年',
      '出生率|7.99‰|actual|2023年',
    ]);
  });
  it('gives a list after a run 由…到… one figure a year of the run', () => {
    expect(drafts('年门急诊量由2021年的158.6万人次提高到2023年的192.4万人次；出院人次分别为8.92万、9.47万、10.36万人次。').slice(2)).toEqual([
      '出院人次|8.92万人次|actual|2021年',
      '出院人次|9.47万人次|actual|2022年',
      '出院人次|10.36万人次|actual|2023年',
    ]);
  });
  it.each([
    // (Two figures after a run of three years: no year is guessed.)
    '门急诊量由2021年的158.6万人次提高到2023年的192.4万人次；出院人次分别为8.92万、10.36万人次。',
    // (A list that names its own years keeps them.)
    '门急诊量由2021年的158.6万人次提高到2023年的192.4万人次；出院人次2022年、2023年分别为9.47万、10.36万人次。',
  ])('hostile: %s', (s) => {
    const out = drafts(s).filter((d) => d.startsWith('出院人次'));
    expect(out.every((d) => !d.endsWith('|2021年'))).toBe(true);
  });
});

describe('plans said with 必须 or after a year’s 力争', () => {
  it.each([
    ['健康素养水平今年必须达到30%。', 'target'],
    ['持续提升手术能力，2024年力争四级手术占比达到26%，平均住院日控制在7.6天以内。', 'target'],
    // (What a year reached is no plan, though a plan word is near: 2023年全市计划免疫接种率.)
    ['2023年全市计划免疫接种率达到98.5%，平均住院日为7.6天。', 'actual'],
  ])('%s → %s', (s, status) => {
    expect(extractFromSentence(s, 2024).every((d) => d.status === status)).toBe(true);
  });
});

describe('a table column named in Latin letters with its year (D2W 2023年)', () => {
  it('dates each column by its year', () => {
    const rows = [['医院', 'D2W 2022年（分钟）', 'D2W 2023年（分钟）'], ['溪林市第一人民医院', '71', '63'], ['溪北县人民医院', '88', '74']];
    expect(tableFacts(rows, { label: '2023年', year: 2023 }).map((f) => `${f.metric}|${f.answer}|${f.time?.label}`).slice(0, 2)).toEqual(['溪林市第一人民医院D2W|71分钟|2022年', '溪林市第一人民医院D2W|63分钟|2023年']);
  });
});

describe('a series asked of no place', () => {
  it('is the place whose reports give the most years, among places that match as well', async () => {
    const store = await storeOf({
      'a.txt': txt('溪林市2023年爱国卫生工作总结', '', '居民健康素养水平由2021年的31.2%提高到2022年的34.5%，2023年达到37.8%。'),
      'a.meta.json': meta('溪林市2023年爱国卫生工作总结'),
      'b.txt': txt('丰南市2024年爱国卫生工作总结', '', '2024年，全市居民健康素养水平为31.8%。'),
      'b.meta.json': meta('丰南市2024年爱国卫生工作总结', '丰南市'),
    });
    expect(ask(store, '居民健康素养水平这几年怎么变的').across?.rows.map((r) => `${r.subject}${r.period}${r.answer}`)).toEqual(['溪林市2021年31.2%', '溪林市2022年34.5%', '溪林市2023年37.8%']);
    // (A place named keeps its own, single point and all.)
    expect(ask(store, '丰南居民健康素养水平这几年怎么变的').across?.rows.map((r) => r.answer)).toEqual(['31.8%']);
  });
});

describe('questions no figure of the reports answers', () => {
  const report = {
    'a.txt': txt(
      '溪林市2023年病案首页质量检查通报',
      '',
      '表1  各医院病案首页检查情况',
      '| 医院 | 抽查份数 | 甲级份数 |',
      '|---|---|---|',
      '| 溪北县人民医院 | 80 | 70 |',
      '| 县级医院小计 | 390 | 347 |',
      '',
      '全市共有危重孕产妇救治中心9家，其中市级3家，县级6家。',
      '',
      '全市国家卫生乡镇55个，占乡镇总数的31.8%。',
    ),
    'a.meta.json': meta('溪林市2023年病案首页质量检查通报'),
  };
  it.each([
    // (不是甲级的: neither the 甲级 count nor the total is it.)
    '县级医院抽查的首页里不是甲级的有多少份',
    // (A what-if on a figure the question assumes.)
    '今年国家卫生乡镇要是新增6个，全市占比能到多少',
    '如果再建3家，救治中心一共多少家',
    // (Each of three 家 asked: their count answers none of them.)
    '市里三家危重孕产妇救治中心各接了多少危重孕产妇',
  ])('%s', async (q) => {
    const store = await storeOf(report);
    const r = ask(store, q);
    expect(r.answers).toEqual([]);
    expect(r.across).toBeUndefined();
  });
  it('still answers the kind itself and the whole', async () => {
    const store = await storeOf(report);
    expect(ask(store, '县级医院甲级份数多少').answers[0]?.answer).toBe('347份');
    expect(ask(store, '全市有几家危重孕产妇救治中心').answers[0]?.answer).toBe('9家');
  });
});

// The review of this session's first commit found these; each is a report of its own, run old against new.
describe('review: mends', () => {
  it('reads a year’s 将…纳入 as what was done, not as a plan', () => {
    const out = drafts('2024年将家庭医生签约服务纳入各县区绩效考核，全市常住人口签约率达到45.2%，重点人群签约率达到78.6%。');
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((d) => d.split('|')[2] === 'actual')).toBe(true);
  });
  it('gives no whole year to figures between two ends of half-years', () => {
    const out = drafts('全市门急诊量由2021年1—6月的78.2万人次提高到2023年1—6月的96.1万人次，出院人次分别为4.41万人次、4.72万人次、5.13万人次。');
    expect(out.filter((d) => d.startsWith('出院人次')).some((d) => /\|(?:2021|2022|2023)年$/.test(d))).toBe(false);
  });
  it('never spreads a split of one year over the years before it', () => {
    const split = drafts('全市居民健康素养水平2022年、2023年分别为31.2%、34.5%，城乡居民分别为38.6%和27.9%。').filter((d) => d.startsWith('城乡居民'));
    expect(split.some((d) => d.endsWith('|2022年'))).toBe(false);
  });
  it('names a year list by the clause that says what moves, not by the sentence before', async () => {
    const store = await storeOf({
      'a.txt': txt('溪林市2023年人口与健康监测报告', '', '2023年末，全市户籍人口为1356789人，比上年减少2310人。全市出生人口持续减少，2021年、2022年、2023年分别为26980人、24415人、22861人，出生率分别为9.40‰、8.52‰、7.99‰。'),
      'a.meta.json': meta('溪林市2023年人口与健康监测报告'),
    });
    expect(ask(store, '溪林市户籍人口这几年怎么变的').across?.rows.map((r) => r.answer)).toEqual(['1356789人']);
    expect(ask(store, '溪林市出生人口这几年怎么变的').across?.rows.map((r) => r.answer)).toEqual(['26980人', '24415人', '22861人']);
  });
  it('keeps a figure of the same sentence as the list’s measure (受理申请9件，…有所增加，2021年、2022年分别为)', () => {
    expect(drafts('2023年，市鉴定委员会受理首次鉴定申请9件，申请数量较往年有所增加，2021年、2022年分别为4件、6件。').map((d) => d.split('|')[0])).toEqual(['市鉴定委员会受理首次鉴定申请', '市鉴定委员会受理首次鉴定申请', '市鉴定委员会受理首次鉴定申请']);
  });
  it('never takes a series asked of no place from a county of the place, nor from a part of the measure', async () => {
    const store = await storeOf({
      'a.txt': txt('溪林市2023年健康促进工作总结', '', '2023年，全市居民健康素养水平达到34.5%，较上年提高3.3个百分点。'),
      'a.meta.json': meta('溪林市2023年健康促进工作总结'),
      'b.txt': txt('溪北县2023年健康促进工作总结', '', '全县农村居民健康素养水平由2020年的18.2%提高到2021年的20.5%、2022年的23.1%，2023年达到25.6%。'),
      'b.meta.json': { ...meta('溪北县2023年健康促进工作总结', '溪北县'), parentRegion: '溪林市' },
    });
    expect(ask(store, '居民健康素养水平这几年怎么变的').across?.rows.map((r) => `${r.subject}${r.answer}`)).toEqual(['溪林市34.5%']);
  });
  const report = {
    'a.txt': txt(
      '溪林市2023年卫生健康事业发展统计公报',
      '',
      '2023年，全市家庭医生常住人口签约率为45.2%，重点人群签约率为78.6%。全市出生率为7.99‰。',
      '',
      '2023年，溪北县新建村卫生室18个，丰南县新建村卫生室12个，柳河县新建村卫生室9个。',
      '',
      '全市门急诊量192.4万人次，出院人次10.36万人次。',
    ),
    'a.meta.json': meta('溪林市2023年卫生健康事业发展统计公报'),
  };
  it.each([
    // (A year asked after 如果 is no assumption.)
    ['如果看2023年，溪林市出生率是多少', '7.99‰'],
    ['要是按2023年算，全市门急诊量多少', '192.4万人次'],
    // (是不是 asks yes or no; 不是…，是… names the one asked.)
    ['溪林市出生率是不是最新的', '7.99‰'],
    ['签约率不是常住人口的，是重点人群的', '78.6%'],
    // (三个县各…几个村卫生室: the 村卫生室 are counted, not the 县.)
    ['三个县各新建了几个村卫生室', '18个'],
  ])('still answers %s', async (q, want) => {
    const store = await storeOf(report);
    expect(ask(store, q).answers[0]?.answer).toBe(want);
  });
  it('compares two kinds named with the area whose list it is (全省…)', async () => {
    const store = await storeOf({
      'a.txt': txt('丰溪省2023年医疗服务运行情况通报', '', '2023年，全省医疗服务总体平稳。三级医院、二级医院病床使用率分别为92.1%、78.4%。'),
      'a.meta.json': { ...meta('丰溪省2023年医疗服务运行情况通报', '丰溪省'), parentRegion: undefined },
    });
    expect(ask(store, '全省三级医院和二级医院的病床使用率哪个高').across?.rows.map((r) => r.answer)).toEqual(['92.1%', '78.4%']);
  });
  it('reads a second header line of bare units as units, not as names', () => {
    const html = ['<h1>溪林市2023年县级医院运行情况通报</h1>', '<p>2023年，全市县级医院运行总体平稳，主要指标见表1。</p>', '<p>表1  2023年县级医院主要指标</p>', '<table>', '<tr><td rowspan="2">医院</td><td>门诊人次</td><td>出院人次</td><td>平均住院日</td></tr>', '<tr><td>万人次</td><td>人次</td><td>天</td></tr>', '<tr><td>溪北县人民医院</td><td>12.5</td><td>8900</td><td>7.2</td></tr>', '<tr><td>丰南县人民医院</td><td>10.3</td><td>7600</td><td>6.8</td></tr>', '</table>'].join('\n');
    const rows = tableRows(domText(parseHTML(html).document as never).text);
    expect(rows[0]?.[0]).toEqual(['医院', '门诊人次（万人次）', '出院人次（人次）', '平均住院日（天）']);
  });
});

// Round 24's blind sets (measured before reading) showed these; every name and figure is made up.
describe('round 24: tables', () => {
  it('reads a two-line header whose second line names years with what they are (2023年目标)', () => {
    const lines = [
      '表2  各县区家庭医生签约服务情况',
      '------------------------------------------------------------',
      '县区        常住人口签约率（%）        重点人群签约率（%）',
      '            2022年       2023年        2023年目标      2023年实际',
      '------------------------------------------------------------',
      '溪北县      38.2         41.5          75.0            76.3',
      '丰南县      36.5         39.8          75.0            73.1',
    ];
    expect(tableRows(txt('# 溪林市报告', '', '全市签约服务稳步推进。', '', ...lines))[0]?.[0]).toEqual(['县区', '2022年常住人口签约率(%)', '2023年常住人口签约率(%)', '2023年目标重点人群签约率(%)', '2023年实际重点人群签约率(%)']);
  });
  it('keeps a barred header’s second line, empty under the names, as the header', () => {
    const lines = ['| 县区 | 村卫生室 | 乡村医生 | 乡村医生 |', '|      | 2023年  | 2022年  | 2023年  |', '|------|---------|---------|---------|', '| 溪北县 | 462 | 1243 | 1186 |', '| 丰南县 | 231 | 652 | 614 |'];
    expect(tableRows(txt('# 溪林市报告', '', '全市村医队伍情况如下。', '', ...lines))[0]?.[0]).toEqual(['县区', '2023年村卫生室', '2022年乡村医生', '2023年乡村医生']);
  });
  it.each([
    // (A row of figures with an empty first cell is still no header.)
    ['| 县区 | 床位 | 医师 |', '|      | 120  | 45   |', '| 溪北县 | 80 | 30 |'],
  ])('hostile: %j', (...lines) => {
    const rows = tableRows(txt('# 溪林市报告', '', '全市情况如下。', '', ...lines))[0] ?? [];
    expect(rows.some((r) => r[0] === '' && r.includes('120'))).toBe(false);
  });
  it('gives a 增减 column the row’s own unit when it is the difference, though the unit line says %', () => {
    const rows = [['县区', '2022年实招', '2023年实招', '实招同比增减'], ['溪北县', '152', '187', '+35'], ['丰南县', '97', '118', '+21']];
    const facts = tableFacts(rows, { label: '2023年', year: 2023 }, '（单位：人、%）');
    expect(facts.find((f) => f.answer.startsWith('+35'))?.answer).toBe('+35人');
  });
  it('reads 完成进度 under a unit line of 万人次、% as %', () => {
    const rows = [['区县', '年度任务', '1—9月完成', '完成进度'], ['溪北县', '18.40', '13.26', '72.07'], ['丰南县', '10.20', '7.45', '73.04']];
    expect(tableFacts(rows, { label: '2023年', year: 2023 }, '（单位：万人次、%）').find((f) => f.metric === '完成进度')?.answer).toBe('72.07%');
  });
});

describe('round 24: text', () => {
  it('keeps a numbered title apart from the paragraph after it', () => {
    const blocks = cleanReport(txt('溪林市医共体打包付费试点评估报告', '', '三、试点运行成效', '', '（一）医保基金运行总体平稳，三地均实现结余', '', '2023年，3个试点县共打包医保基金101570万元，结余4055万元。'));
    expect(blocks.some((b) => b.text.startsWith('2023年，3个试点县') || b.text.startsWith('2023年,3个试点县'))).toBe(true);
  });
  it('reads 超过目标时限8分钟 as by how much, no target', () => {
    expect(drafts('采样到场用时68分钟，超过目标时限8分钟。').map((d) => d.split('|').slice(1, 3).join('|'))).toEqual(['68分钟|actual', '8分钟|change']);
  });
});

describe('round 24: questions', () => {
  const report = {
    'a.txt': txt(
      '溪林市2023年基层卫生人才情况报告',
      '',
      '2023年，全市定向医学生招录工作顺利完成，各县区情况见表1。',
      '',
      '表1  2023年各县区定向医学生招录情况（单位：人）',
      '| 县区 | 招录计划 | 实际招录 | 累计在岗 |',
      '|---|---|---|---|',
      '| 溪北县 | 80 | 86 | 412 |',
      '| 丰南县 | 50 | 52 | 263 |',
      '',
      '2023年全市共收治安宁疗护患者1046人。',
      '',
      '表2  安宁疗护试点医院情况',
      '| 医院 | 床位数 | 收治患者数 | 平均住院日(天) |',
      '|---|---|---|---|',
      '| 溪林市第一人民医院 | 15 | 96 | 9.1 |',
      '| 溪北县人民医院 | 12 | 89 | 11.2 |',
      '| 丰南县中医院 | 8 | 52 | 11.0 |',
      '',
      '全市脱贫人口741360人，已签约家庭医生713714人。',
      '',
      '表3  专项债券资金支出情况（单位：万元、%）',
      '| 区县 | 累计到位债券资金 | 累计支出 | 支出进度 |',
      '|---|---|---|---|',
      '| 溪北县 | 10000 | 9427 | 94.3 |',
      '| 丰南县 | 25000 | 17281 | 69.1 |',
      '| 柳河县 | 32000 | 23539 | 73.6 |',
    ),
    'a.meta.json': meta('溪林市2023年基层卫生人才情况报告'),
  };
  it('answers 招了多少人 from the column that says 招, not from one of soft words alone (累计在岗)', async () => {
    const store = await storeOf(report);
    expect(ask(store, '溪北县定向医学生招了多少人').answers[0]?.answer).not.toBe('412人');
  });
  it('ranks 住院天数最短 by the days, and never ranks counts for 最短', async () => {
    const store = await storeOf(report);
    expect(ask(store, '哪家试点医院安宁疗护病人住院天数最短').across?.rows[0]?.answer).toBe('9.1天');
    expect(ask(store, '哪家试点医院收治患者数最短').across).toBeUndefined();
  });
  it('ranks 支出最慢 by the 进度, not the amount spent', async () => {
    const store = await storeOf(report);
    expect(ask(store, '专项债支出最慢的是哪几个区县').across?.rows.map((r) => r.subject)).toEqual(['丰南县', '柳河县', '溪北县']);
  });
  it.each([
    // (A figure per bed asked: the total is none.)
    '全市安宁疗护平均一张床收了几个病人',
    // (没签: those not signed are asked; the whole is none.)
    '全市脱贫人口还有多少人没签家庭医生',
  ])('gives no single figure for %s', async (q) => {
    const store = await storeOf(report);
    expect(ask(store, q).answers).toEqual([]);
  });
  it('asks a change between two years, not a pair of things, when two years are named', async () => {
    const store = await storeOf({
      'a.txt': txt('溪林市2023年打包付费试点评估报告', '', '2023年，3个试点县共打包医保基金101570万元，结余4055万元。', '', '表1  各试点县打包基金运行情况（单位：万元）', '| 县 | 打包基金总额 | 结余 | 2022年结余 |', '|---|---|---|---|', '| 溪北县 | 42680 | 2465 | 1873 |', '| 丰南县 | 31540 | 1152 | 806 |'),
      'a.meta.json': meta('溪林市2023年打包付费试点评估报告'),
    });
    expect(ask(store, '溪北县打包结余23年比22年增长了百分之多少').across?.result?.value).toBe('31.61%');
  });
  it.each([
    ['自查发现的问题哪三类最多', 3],
    ['哪两个县最高', 2],
  ])('%s ranks %i', async (q, n) => {
    const intents = await loadIntents('intents');
    expect(acrossFrameOf(q, intents.across)).toMatchObject({ kind: 'rank', top: n });
  });
  it('never ranks places for 哪三类', async () => {
    const store = await storeOf(report);
    expect(ask(store, '累计在岗哪三类最多').across).toBeUndefined();
  });
});

// The re-review of the round-24 commit found these; each was run old against new.
describe('re-review: mends', () => {
  const status = (s: string, year = 2024) => extractFromSentence(s, year).map((d) => `${d.answer}|${d.status}`);
  it.each([
    // (A year's 将…提升至: raised to a level, a plan.)
    ['2024年将全市老年人健康管理率提升至70%，高血压患者规范管理率提升至65%。', ['70%|target', '65%|target']],
    // (争取资金 is money secured; what was built and reached stay levels.)
    ['2023年争取上级补助资金1.2亿元，新建村卫生室35个，全市基层诊疗量达到512.6万人次。', ['1.2亿元|actual', '35个|actual', '512.6万人次|actual']],
    // (超标准样品 counts what passed a standard.)
    ['全市饮用水抽检样品326份，超标准样品9份，超标准率为2.8%。', ['326份|actual', '9份|actual', '2.8%|actual']],
  ])('%s', (s, want) => {
    expect(status(s)).toEqual(want);
  });
  it('reads 2023年计划招录80人，实际招录86人 as a plan and what was done', () => {
    expect(status('2023年计划招录80人，实际招录86人。')).toEqual(['80人|target', '86人|actual']);
  });
  it('gives 年度 ends their years, and no period at all to figures between half-year ends', () => {
    const years = drafts('全市门急诊量由2021年度的158.6万人次提高到2023年度的192.4万人次，出院人次分别为4.41万人次、4.72万人次、5.13万人次。').filter((d) => d.startsWith('出院人次'));
    expect(years.map((d) => d.split('|').at(-1))).toEqual(['2021年', '2022年', '2023年']);
    const halves = drafts('全市门急诊量由2021年1—6月的78.2万人次提高到2023年1—6月的96.1万人次，住院手术例数分别为1.41万例、1.72万例、2.13万例。');
    expect(halves.filter((d) => d.startsWith('住院手术例数'))).toEqual([]);
  });
  it('names one group’s figures a year by the run’s measure; a pair split in two is no year list', () => {
    expect(drafts('全市门急诊量由2021年的158.6万人次提高到2023年的192.4万人次，市级医院分别为42.3万人次、38.6万人次、30.1万人次。').slice(2)).toEqual([
      '市级医院门急诊量|42.3万人次|actual|2021年',
      '市级医院门急诊量|38.6万人次|actual|2022年',
      '市级医院门急诊量|30.1万人次|actual|2023年',
    ]);
    expect(drafts('全市居民健康素养水平2022年、2023年分别为31.2%、34.5%，城乡居民健康素养水平分别为38.6%和27.9%。').filter((d) => d.startsWith('城乡'))).toEqual([]);
  });
  it('names a year list by the clause that says another measure moves, not by the sentence’s own figure', () => {
    expect(drafts('2023年全市出生人口22861人，死亡人口持续增加，2021年、2022年分别为18230人、19105人。').slice(1)).toEqual(['死亡人口|18230人|actual|2021年', '死亡人口|19105人|actual|2022年']);
    // (药品收入占医疗收入的比例: 比 of 比例 compares nothing.)
    expect(drafts('药品收入占医疗收入的比例（药占比）持续下降，2021年、2022年、2023年分别为30.15%、28.37%、26.84%。')[0]).toBe('药品收入占医疗收入的比例（药占比）|30.15%|actual|2021年');
  });
  const report = {
    'a.txt': txt(
      '溪林市2023年卫生健康工作情况',
      '',
      '2023年，全市共抽查住院病案1200份，其中甲级病案1056份。全市脱贫人口741360人，已签约家庭医生713714人。',
      '',
      '2023年，全市医院床位使用率为85.2%，溪北县有乡镇卫生院12家，丰南县有乡镇卫生院9家。',
      '',
      '（一）医疗资源稳步增长，全市医疗卫生机构总数达到',
      '',
      '1234个，比上年增加12个。',
    ),
    'a.meta.json': meta('溪林市2023年卫生健康工作情况'),
  };
  it.each(['抽查的病案里不是甲级的呢', '不是甲级的病案有多少', '脱贫人口还有多少人没签'])('gives no figure of the kind ruled out: %s', async (q) => {
    const store = await storeOf(report);
    expect(ask(store, q).answers).toEqual([]);
  });
  it.each([
    ['每个县有几家乡镇卫生院', '12家'],
    ['医疗卫生机构总数是多少', '1234个'],
    ['甲级病案有多少，没错吧', '1056份'],
  ])('still answers %s', async (q, want) => {
    const store = await storeOf(report);
    expect(ask(store, q).answers[0]?.answer).toBe(want);
  });
});

// Round 25's blind sets (measured before reading) showed these; every name and figure is made up.
describe('round 25: an assessment table and plans', () => {
  const report = {
    'a.txt': txt(
      '溪林市2023年度卫生健康目标责任考核结果通报',
      '',
      '县（市、区）考核实行百分制，分为基础工作（30分）、重点任务（50分）、群众满意度（20分）三部分。',
      '',
      '表1　2023年度各县（市、区）考核得分及排名',
      '（单位：分）',
      '| 名次 | 县（市、区） | 基础工作 | 重点任务 | 加减分 | 总得分 |',
      '|---|---|---|---|---|---|',
      '| 1 | 溪北县 | 27.50 | 47.29 | +1.0 | 94.62 |',
      '| 2 | 丰南县 | 27.67 | 47.48 | +0.5 | 93.85 |',
      '| 3 | 柳河县 | 27.33 | 46.49 | 0 | 92.47 |',
      '',
      '2023年，全市宫颈癌筛查任务数65000人，实际筛查66237人。',
    ),
    'a.meta.json': meta('溪林市2023年度卫生健康目标责任考核结果通报'),
  };
  it('compares the score, not the points added to it, when 分 is asked', async () => {
    const store = await storeOf(report);
    expect(ask(store, '去年考核溪北县和丰南县谁的分高').across?.rows.map((r) => r.answer)).toEqual(['94.62分', '93.85分']);
    expect(ask(store, '溪北县加减分是多少').answers[0]?.answer).toBe('+1.0分');
  });
  it('gives a 名次 column no unit from the unit line', () => {
    const rows = [['名次', '县区', '总得分'], ['1', '溪北县', '94.62'], ['2', '丰南县', '93.85']];
    expect(tableFacts(rows, { label: '2023年', year: 2023 }, '（单位：分）').filter((f) => f.metric.endsWith('名次')).map((f) => f.answer)).toEqual(['1', '2']);
  });
  it('ranks no parts of a scheme for 谁', async () => {
    const store = await storeOf(report);
    const r = ask(store, '考核倒数两名是谁').across;
    expect(r?.rows.every((x) => /县$/.test(x.subject)) ?? true).toBe(true);
  });
  it('reads 超任务多少人 as over the task', async () => {
    const intents = await loadIntents('intents');
    expect(acrossFrameOf('宫颈癌筛查全市超任务多少人', intents.across)).toMatchObject({ kind: 'trend', toTarget: true });
    const store = await storeOf(report);
    expect(ask(store, '宫颈癌筛查全市超任务多少人').across?.result?.value).toBe('已超出1237人');
  });
  it('reads a target named before 全市还差 (要到30%，全市还差多少)', async () => {
    const intents = await loadIntents('intents');
    expect(acrossFrameOf('健康素养今年要到30%，全市还差多少', intents.across)).toMatchObject({ toTarget: true, targetValue: 30 });
  });
  it('asks a figure per one for 平均每场', async () => {
    const store = await storeOf({ 'a.txt': txt('溪林市2023年赛事医疗保障工作总结', '', '2023年，全市共保障冰雪赛事58场，派出医务人员3126人次。'), 'a.meta.json': meta('溪林市2023年赛事医疗保障工作总结') });
    expect(ask(store, '去年平均每场冰雪赛事派了多少医务人员').answers).toEqual([]);
  });
});

describe('money secured (争取资金) is no aim, in reports and in questions', () => {
  it('answers 争取到多少 with what was secured, and 目标 with the aim', async () => {
    const store = await storeOf({ 'a.txt': txt('溪北县卫生健康局2024年上半年工作总结', '', '上半年争取上级项目资金1.26亿元，完成全年目标2亿元的63.0%。'), 'a.meta.json': { ...meta('溪北县卫生健康局2024年上半年工作总结', '溪北县'), parentRegion: '溪林市', date: '2024-07' } });
    expect(ask(store, '上半年从上级争取到多少项目钱').answers[0]?.answer).toBe('1.26亿元');
    expect(drafts('上半年争取上级项目资金1.26亿元，完成全年目标2亿元的63.0%。').map((d) => d.split('|')[2])).toEqual(['actual', 'target', 'actual']);
  });
});

describe('a measure named by pointing back (这一指标, 该指标)', () => {
  it.each([
    ['全市手卫生依从率为80.2%，较2022年的76.5%提高3.7个百分点，2021年这一指标为72.8%。', '手卫生依从率|72.8%|actual|2021年'],
    ['全市门诊量为120万人次，2022年该数据为110万人次。', '门诊量|110万人次|actual|2022年'],
  ])('%s', (s, want) => {
    expect(drafts(s)).toContain(want);
  });
  it('is left alone when nothing before it in the sentence is in its unit', () => {
    expect(drafts('全市门诊量为120万人次，2022年这一比例为45%。').some((d) => d.startsWith('门诊量|45%'))).toBe(false);
  });
});
