import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ask, fullYears } from '../src/core/ask.js';
import { storeOf } from './helpers/store.js';
import { extractFromSentence } from '../src/extract/facts.js';
import { statusOf } from '../src/extract/status.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { acrossFrameOf } from '../src/across/frame.js';
import { loadIntents } from '../src/match/intents.js';

// Invented reports for what session 33's blind sets showed; every name and figure is made up.
const HOSPITAL = [
  '# 溪林市医院等级评审自评报告',
  '',
  '近三年运行情况见下表。',
  '',
  '| 指标 | 2021年 | 2022年 | 2023年 |',
  '|---|---|---|---|',
  '| 年门急诊人次（万人次） | 50.10 | 52.30 | 60.20 |',
  '| 出院人次 | 20100 | 21300 | 24800 |',
  '',
  '2023年门诊患者满意度为91.2分。',
  '',
  '（以上数据均为测试虚构）',
].join('\n');
const hospitalMeta = { title: '溪林市医院等级评审自评报告', region: '溪林市', parentRegion: '丰溪市', date: '2024-03' };

describe('questions as staff type them', () => {
  it('a county-level city’s hospital said short (溪林医院 for 溪林市医院)', async () => {
    const store = await storeOf({ 'h.md': HOSPITAL, 'h.meta.json': hospitalMeta });
    expect(ask(store, '溪林医院出院人次这几年怎么变的').across?.rows.map((r) => r.answer)).toEqual(['20100人次', '21300人次', '24800人次']);
  });
  it('a prefecture city’s 医院 stays its hospitals as a kind', async () => {
    const store = await storeOf({ 'h.md': HOSPITAL, 'h.meta.json': hospitalMeta });
    expect(ask(store, '丰溪医院出院人次多少').answers).toEqual([]);
  });
  it('比22年多了多少: a short year before 多了 is a year', () => {
    expect(fullYears('23年出院比22年多了多少')).toBe('2023年出院比2022年多了多少');
    expect(fullYears('23年比22年多多少')).toBe('2023年比2022年多多少');
    expect(fullYears('干了22年多')).toBe('干了22年多');
    expect(fullYears('建院22年来')).toBe('建院22年来');
  });
  it('…and the change is worked between those two years', async () => {
    const store = await storeOf({ 'h.md': HOSPITAL, 'h.meta.json': hospitalMeta });
    expect(ask(store, '溪林市医院23年出院人次比22年多了多少').across?.result?.formula).toBe('24800人次 − 21300人次 = 3500人次');
  });
});

describe('a volume said loosely', () => {
  it('门诊量, where the report gives only 门急诊人次, is answered by that, named as such', async () => {
    const store = await storeOf({ 'h.md': HOSPITAL, 'h.meta.json': hospitalMeta });
    const r = ask(store, '溪林市医院门诊量这几年怎么变的');
    expect(r.question).toBe('溪林市医院门诊量这几年怎么变的');
    expect(r.across?.rows.map((x) => x.answer)).toEqual(['50.10万人次', '52.30万人次', '60.20万人次']);
  });
  it('…but where the report gives 门诊人次 itself, that answers', async () => {
    const own = HOSPITAL.replace('2023年门诊患者', '2023年门诊人次48.5万人次，门诊患者');
    const store = await storeOf({ 'h.md': own, 'h.meta.json': hospitalMeta });
    expect(ask(store, '溪林市医院2023年门诊人次多少').answers[0]?.answer).toBe('48.5万人次');
  });
  it('…and a word of 门诊 that is no volume is never widened', async () => {
    const store = await storeOf({ 'h.md': HOSPITAL, 'h.meta.json': hospitalMeta });
    expect(ask(store, '溪林市医院门诊次均费用多少').answers).toEqual([]);
    expect(ask(store, '溪林市医院急诊人次多少').answers).toEqual([]);
  });
});


const drafts = (s: string, year = 2023) => extractFromSentence(s, year).map((d) => `${d.answer}|${d.metric}|${d.status}|${d.time?.label ?? ''}`);

describe('sentences', () => {
  it.each([
    // A run 由A、B提高到C: three points of one measure, each in its year.
    ['甲市四级手术比例由2020年的15.1%、2021年的16.8%提高到2022年的18.6%。', ['15.1%|甲市四级手术比例|actual|2020年', '16.8%|甲市四级手术比例|actual|2021年', '18.6%|甲市四级手术比例|actual|2022年']],
    // Who set an aim names no measure: the one before it is aimed at.
    ['甲市四级手术比例为18.6%，但仍未达到市里确定的20.0%年度目标。', ['18.6%|甲市四级手术比例|actual|', '20.0%|甲市四级手术比例|target|']],
    // A task set, then what was done of it.
    ['市里下达的宫颈癌筛查任务是12万人，实际完成12.86万人。', ['12万人|市里下达的宫颈癌筛查任务|target|', '12.86万人|市里下达的宫颈癌筛查|actual|']],
    // A bracket after a figure of any unit holds its own year.
    ['2023年每百万人口平均报告数为1778份（2022年为1569份）。', ['1778份|每百万人口平均报告数|actual|2023年', '1569份|每百万人口平均报告数|actual|2022年']],
    // 同期…分别为: one measure in the periods of the run before, in order.
    ['样品数由2021年的1806份、2022年的1920份增加到2023年的2022份；同期超标率分别为3.49%、3.13%和2.82%。', ['1806份|样品数|actual|2021年', '1920份|样品数|actual|2022年', '2022份|样品数|actual|2023年', '3.49%|超标率|actual|2021年', '3.13%|超标率|actual|2022年', '2.82%|超标率|actual|2023年']],
    // Events are counted in 起.
    ['全年报告突发公共卫生事件38起。', ['38起|全年报告突发公共卫生事件|actual|']],
  ])('%s', (sentence, want) => {
    expect(drafts(sentence)).toEqual(want);
  });
  it('a means a figure came by (通过国家…系统) makes it no national figure and names no measure', async () => {
    const store = await storeOf({ 'a.txt': '甲市药品不良反应监测年度报告（2023年）\n\n2023年，甲市药品不良反应监测中心通过国家药品不良反应监测系统共收到药品不良反应/事件报告1486份。\n\n（以上数据均为测试虚构）', 'a.meta.json': { title: '甲市药品不良反应监测年度报告（2023年）', region: '甲市', date: '2024-03' } });
    const f = store.facts.find((x) => x.answer === '1486份')!;
    expect([f.metric, f.level]).toEqual(['收到药品不良反应/事件报告', undefined]);
  });
});

describe('status words', () => {
  it.each([
    [{ before: '完成乙市下达的年度报告', near: '年度报告', after: '的任务目标。', unit: '份' }, 'target'],
    [{ before: '但仍未达到市里确定的', near: '市里确定的', after: '年度目标。', unit: '%' }, 'target'],
    [{ before: '任务是', near: '任务是', unit: '万人' }, 'target'],
    [{ before: '乳腺癌筛查任务同样是', near: '筛查任务同样是', unit: '万人' }, 'target'],
    // Not aims: a share of a task done, whom a figure counts, a level kept.
    [{ before: '完成了', near: '完成了', after: '的目标任务', unit: '%' }, 'actual'],
    [{ before: '覆盖', near: '覆盖', after: '的目标人群', unit: '人' }, 'actual'],
    [{ before: '接种率均保持在', near: '均保持在', after: '以上的目标水平', unit: '%' }, 'actual'],
  ] as const)('%o is %s', (args, want) => {
    expect(statusOf(args)).toBe(want);
  });
});

describe('table headers', () => {
  const rows = [
    ['区市', '托位数', '近视率（2022年）', '近视率（2023年）', '2023年目标托位数', '目标完成率'],
    ['甲区', '4120', '58.1', '57.2', '3900', '105.6'],
    ['乙区', '2486', '54.4', '53.4', '2400', '103.6'],
  ];
  it('a year in brackets after a measure dates its column; 目标完成率 is a measure, not a target', () => {
    const got = tableFacts(rows, { label: '2023年', year: 2023 }).slice(0, 5).map((c) => `${c.metric}:${c.answer}:${c.status}:${c.time?.label}`);
    expect(got).toEqual(['托位数:4120:actual:2023年', '近视率:58.1:actual:2022年', '近视率:57.2:actual:2023年', '2023年目标托位数:3900:target:2023年', '目标完成率:105.6:actual:2023年']);
  });
});

describe('question frames', () => {
  it.each([
    ['宫颈癌筛查超额完成了多少人', { kind: 'trend', toTarget: true }],
    ['全市平均分比800分的目标超了多少', { kind: 'trend', toTarget: true, targetValue: 800 }],
    ['每千人口托位数最少的是哪里', { kind: 'rank', among: '地区' }],
    ['化学药里哪一类不良反应报得最多', { kind: 'rank', scope: '化学药' }],
  ] as const)('%s', async (q, want) => {
    const intents = await loadIntents('intents');
    expect(acrossFrameOf(q, intents.across)).toMatchObject(want);
  });
});

const BIRTHS = [
  '丰溪市2023年人口监测年报',
  '',
  '表2  2023年各县区出生人口及孩次结构',
  '',
  '| 县区 | 出生人口 | 出生率 | 二孩 | 三孩及以上 | 二孩占比 | 三孩及以上占比 |',
  '|---|---|---|---|---|---|---|',
  '| 甲县 | 2963 | 8.77 | 1289 | 689 | 43.50 | 23.25 |',
  '| 乙县 | 2807 | 7.78 | 1238 | 610 | 44.11 | 21.73 |',
  '| 丙区 | 1486 | 6.32 | 598 | 119 | 40.24 | 8.01 |',
  '',
  '药品类别分布：化学药品1318例次，中药286例次，生物制品68例次。',
  '',
  '（以上数据均为测试虚构）',
].join('\n');
const birthsMeta = { title: '丰溪市2023年人口监测年报', region: '丰溪市', date: '2024-03' };

describe('rankings and comparisons', () => {
  it('二孩占比 ranks its own column, a rate’s, not 出生率', async () => {
    const store = await storeOf({ 'b.md': BIRTHS, 'b.meta.json': birthsMeta });
    expect(ask(store, '二孩占比最高的是哪个县区').across?.rows[0]).toMatchObject({ subject: '乙县', answer: '44.11' });
    expect(ask(store, '哪个县区三孩及以上占比最高').across?.rows[0]).toMatchObject({ subject: '甲县', answer: '23.25' });
    expect(ask(store, '哪个县区三孩及以上最多').across?.rows[0]).toMatchObject({ subject: '甲县', answer: '689' });
  });
  it('谁…多 naming no rate compares counts', async () => {
    const store = await storeOf({ 'b.md': BIRTHS, 'b.meta.json': birthsMeta });
    expect(ask(store, '甲县和乙县去年谁出生的娃多').across?.rows.map((r) => r.answer)).toEqual(['2963', '2807']);
  });
  it('化学药品哪一类: never the thing asked within, beside its peers', async () => {
    const store = await storeOf({ 'b.md': BIRTHS, 'b.meta.json': birthsMeta });
    expect(ask(store, '化学药品里哪一类例次最多').across?.rows.map((r) => r.subject) ?? []).not.toContain('化学药品');
  });
});

describe('review: mends', () => {
  const CLINICS = '甲溪县人民医院2023年工作总结\n\n2023年，医院完成门急诊人次52.6万人次，同比增长8.1%；出院病人2.1万人次。中医科、儿科、发热门诊运行平稳，夜间门诊全年开放。\n\n（以上数据均为测试虚构）';
  const clinicsMeta = { title: '甲溪县人民医院2023年工作总结', region: '甲溪县', parentRegion: '乙山市', date: '2024-02' };
  it('a part’s volume (发热门诊量, 夜间门诊人次) is never widened to the whole 门急诊', async () => {
    const store = await storeOf({ 'h.txt': CLINICS, 'h.meta.json': clinicsMeta });
    expect(ask(store, '甲溪县人民医院发热门诊量是多少').answers).toEqual([]);
    expect(ask(store, '甲溪县人民医院夜间门诊人次多少').answers).toEqual([]);
    expect(ask(store, '甲溪县人民医院门诊量是多少').answers[0]?.answer).toBe('52.6万人次');
  });
  it('比去年多完成了多少 is a change, not the gap to a target; the gap’s formula is written as its result', async () => {
    const store = await storeOf({ 's.txt': '甲溪县2023年两癌筛查工作总结\n\n2023年，市里下达的宫颈癌筛查任务是1.2万人，实际完成1.286万人。2022年全县宫颈癌筛查1.05万人。\n\n（以上数据均为测试虚构）', 's.meta.json': { title: '甲溪县2023年两癌筛查工作总结', region: '甲溪县', parentRegion: '乙山市', date: '2024-02' } });
    expect(ask(store, '甲溪县宫颈癌筛查比去年多完成了多少').across?.result?.value ?? '').not.toMatch(/超出|还差/);
    expect(ask(store, '甲溪县宫颈癌筛查超额完成了多少').across?.result?.formula).toBe('1.2万人 − 1.286万人 = -0.086万人');
  });
  it('全国网络直报…: a national figure stays national', async () => {
    const store = await storeOf({ 'b.txt': '乙山市2023年传染病疫情分析\n\n全市法定传染病报告发病率为210.5/10万，全国网络直报法定传染病发病率为245.3/10万。\n\n（以上数据均为测试虚构）', 'b.meta.json': { title: '乙山市2023年传染病疫情分析', region: '乙山市', date: '2024-02' } });
    expect(store.facts.find((f) => f.answer.startsWith('245.3'))?.level).toBe('全国');
  });
  it.each([
    ['全年完成体检任务3.2万人，完成率106.7%。', '3.2万人|全年完成体检任务|actual|'],
    ['全县完成65岁以上老年人健康体检任务数为2.8万人。', '2.8万人|完成65岁以上老年人健康体检任务数|actual|'],
  ])('%s: a task done is no target', (sentence, want) => {
    expect(drafts(sentence)[0]).toBe(want);
  });
  it('a joint figure, or a 医共体’s, is not the institution named first', async () => {
    const report = '甲溪县2023年医疗机构运行情况\n\n| 医院 | 床位 |\n|---|---|\n| 甲溪县人民医院 | 820 |\n| 甲溪县中医院 | 450 |\n| 甲溪县妇幼保健院 | 180 |\n\n甲溪县中医院与甲溪县妇幼保健院联合开展义诊活动120场。甲溪县人民医院医共体各成员单位完成家庭医生签约4.2万人。\n\n（以上数据均为测试虚构）';
    const store = await storeOf({ 'c.md': report, 'c.meta.json': { title: '甲溪县2023年医疗机构运行情况', region: '甲溪县', parentRegion: '乙山市', date: '2024-02' } });
    expect(store.facts.find((f) => f.answer === '120场')?.subject).toBeUndefined();
    expect(store.facts.find((f) => f.answer === '4.2万人')?.subject).toBeUndefined();
    expect(ask(store, '甲溪县医院中哪家床位最多').across?.rows.map((r) => r.answer)).toEqual(['820', '450', '180']);
  });
  it('a staff list in 人 and 名 still ranks', async () => {
    const store = await storeOf({ 'd.txt': '乙山市2023年卫生健康统计公报\n\n全市卫生技术人员中，执业医师5200人，注册护士6100名，药师（士）820人，技师650人。\n\n（以上数据均为测试虚构）', 'd.meta.json': { title: '乙山市2023年卫生健康统计公报', region: '乙山市', date: '2024-04' } });
    expect(ask(store, '乙山市卫生技术人员中哪类最多').across?.rows[0]?.answer).toBe('6100名');
  });
  it('a dateline under a section heading further down still dates its section', async () => {
    const report = '# 乙山市传染病疫情月报汇编\n\n## 乙山市疾病预防控制中心 2024年3月\n\n本月全市共报告法定传染病1250例。\n\n## 乙山市疾病预防控制中心 2024年4月\n\n本月全市共报告法定传染病1380例。\n\n（以上数据均为测试虚构）';
    const store = await storeOf({ 'm.md': report, 'm.meta.json': { title: '乙山市传染病疫情月报汇编', region: '乙山市', date: '2024-05' } });
    expect(store.facts.find((f) => f.answer === '1380例')?.time?.label).toBe('2024年4月');
  });
  it('20年多了 is twenty-odd years', () => {
    expect(fullYears('工作开展了20年多了，今年签约多少')).toBe('工作开展了20年多了，今年签约多少');
  });
});

describe('round 6: institutions, series, units and changes', () => {
  const HOSPITALS = [
    '# 乙山市2023年县级医院运行报告',
    '',
    '| 医院 | 开放床位 | 门诊次均费用 | 同比 | 住院次均费用 | 同比 |',
    '|---|---|---|---|---|---|',
    '| 甲溪县第一人民医院 | 1380 | 214.9 | 5.2 | 7608 | 0.9 |',
    '| 丙山县人民医院 | 1120 | 248.9 | 2.8 | 9036 | -0.6 |',
    '| 丁河市妇幼保健院 | 420 | 296.4 | 2.7 | 12368 | -2.4 |',
    '',
    '表2　2021—2023年全市学生常见病检出率（单位：%）',
    '',
    '| 指标 | 2021年 | 2022年 | 2023年 |',
    '|---|---|---|---|',
    '| 近视率 | 53.4 | 52.6 | 51.5 |',
    '',
    '2023年全市监测学生近视率为51.5%。',
    '',
    '表3　考核量化指标自评表',
    '',
    '| 指标名称 | 单位 | 目标值 | 完成值 | 分值 | 自评得分 |',
    '|---|---|---|---|---|---|',
    '| 人均预期寿命 | 岁 | ≥81.5 | 82.36 | 5 | 5 |',
    '',
    '（以上数据均为测试虚构）',
  ].join('\n');
  const meta = { title: '乙山市2023年县级医院运行报告', region: '乙山市', date: '2024-03' };
  it('a numbered county hospital said as 甲溪一医, a 妇幼保健院 as 丁河妇保', async () => {
    const store = await storeOf({ 'h.md': HOSPITALS, 'h.meta.json': meta });
    expect(ask(store, '甲溪一医和丙山县人民医院哪家床位多').across?.rows.map((r) => r.answer)).toEqual(['1380', '1120']);
    expect(ask(store, '丁河妇保开放床位多少').answers[0]?.answer).toBe('420');
  });
  it('涨得最快 ranks the change beside the levels; 下降最多 the falls first; never the levels themselves', async () => {
    const counties = '乙山市2023年费用监测报告\n\n2023年，全市各县（市、区）门诊和住院次均费用见下表。\n\n（单位：元、%）\n\n| 县（市、区） | 门诊次均费用 | 同比 | 住院次均费用 | 同比 |\n|---|---|---|---|---|\n| 甲溪县 | 214.9 | 5.2 | 7608 | 0.9 |\n| 丙山县 | 248.9 | 2.8 | 9036 | -0.6 |\n| 丁河区 | 296.4 | 2.7 | 12368 | -2.4 |\n\n（以上数据均为测试虚构）';
    const store = await storeOf({ 'c.md': counties, 'c.meta.json': { title: '乙山市2023年费用监测报告', region: '乙山市', date: '2024-03' }, 'h.md': HOSPITALS, 'h.meta.json': meta });
    expect(ask(store, '门诊次均费用涨得最快的是哪个县').across?.rows[0]).toMatchObject({ subject: '甲溪县', answer: '5.2%' });
    expect(ask(store, '哪个县住院次均费用下降最多').across?.rows[0]).toMatchObject({ subject: '丁河区', answer: '-2.4%' });
    const levels = ask(store, '哪家医院门诊次均费用涨得最快').across?.rows ?? [];
    expect(levels.every((r) => r.status === 'change')).toBe(true);
  });
  it('a series said once in words takes its years from the table of the same measure', async () => {
    const store = await storeOf({ 'h.md': HOSPITALS, 'h.meta.json': meta });
    expect(ask(store, '学生近视率这三年降了没有').across?.rows.map((r) => r.answer)).toEqual(['53.4%', '52.6%', '51.5%']);
  });
  it('a 单位 column gives the row its unit; 完成值 is the level; 分值 and 得分 are points', async () => {
    const store = await storeOf({ 'h.md': HOSPITALS, 'h.meta.json': meta });
    const row = store.facts.filter((f) => f.metric.startsWith('人均预期寿命')).map((f) => `${f.metric}:${f.answer}:${f.status}`);
    expect(row).toEqual(['人均预期寿命:≥81.5岁:target', '人均预期寿命:82.36岁:actual', '人均预期寿命分值:5分:actual', '人均预期寿命自评得分:5分:actual']);
  });
  it('money asked is answered by money only', async () => {
    const store = await storeOf({ 'i.txt': '甲溪县人民医院互联网医院2023年运行报告\n\n2023年线上问诊100677人次。\n\n（以上数据均为测试虚构）', 'i.meta.json': { title: '甲溪县人民医院互联网医院2023年运行报告', region: '甲溪县', parentRegion: '乙山市', date: '2024-02' } });
    expect(ask(store, '甲溪县人民医院线上问诊收入多少').answers).toEqual([]);
    expect(ask(store, '甲溪县人民医院线上问诊多少人次').answers[0]?.answer).toBe('100677人次');
  });
});

describe('round 6: frames', () => {
  it('前三个县区是哪几个: the kind counted after 前三 is what is ranked', async () => {
    const intents = await loadIntents('intents');
    expect(acrossFrameOf('传染病发病率最高的前三个县区是哪几个', intents.across)).toMatchObject({ kind: 'rank', top: 3, among: '县区', core: '传染病发病率' });
    expect(acrossFrameOf('全市老年友善机构要完成2024年的目标还得再建几家', intents.across)).toMatchObject({ kind: 'trend', toTarget: true });
  });
});

describe('re-review: mends', () => {
  const read = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, f.endsWith('.json') ? JSON.parse(readFileSync(join(dir, f), 'utf8')) as object : readFileSync(join(dir, f), 'utf8')]));
  const dir = 'test/fixtures/review-s33';
  it('a 单位 column is the unit of the row’s levels only, never of its change or share, and no fact of its own', async () => {
    const store = await storeOf(read(`${dir}/unit-column`));
    expect(store.facts.filter((f) => f.metric.startsWith('出院人次')).map((f) => `${f.metric}:${f.answer}`)).toEqual(['出院人次:21300人次', '出院人次:24800人次', '出院人次:16.4%', '出院人次占全市比重:10.2']);
    // (16.4 is the rise from 21300 to 24800 in %, as the row's own figures show.)
    // (The 同比 column is the rise in % the row's figures give: stated, it answers as well as the difference.)
    const r = ask(store, '甲溪县出院人次同比增加了多少');
    expect(r.across?.result?.formula ?? r.answers[0]?.answer).toMatch(/^(?:24800人次 − 21300人次 = 3500人次|16\.4%)$/);
  });
  it('a table of a part (乙类) gives no series to the whole’s figure said in words', async () => {
    const store = await storeOf(read(`${dir}/part-table`));
    expect(ask(store, '法定传染病发病率近三年变化情况').across?.rows.map((r) => r.answer)).toEqual(['210.5/10万']);
  });
  it('a year’s new ones are no level toward a stock’s target; 还要几年 asks a time', async () => {
    const store = await storeOf(read(`${dir}/stock-target`));
    expect(ask(store, '甲溪县村卫生室标准化站点要完成目标还得再建几家').across?.result).toBeUndefined();
    expect(ask(store, '甲溪县村卫生室标准化站点还要几年才能完成目标').across?.result).toBeUndefined();
  });
  it('a 同比下降 column keeps its word, and is never ranked as rises', async () => {
    const store = await storeOf(read(`${dir}/fall-column`));
    expect(store.facts.find((f) => f.answer === '-2.4%')?.metric).toBe('住院次均费用下降');
    expect(ask(store, '哪个县住院次均费用涨得最快').across?.rows ?? []).toEqual([]);
  });
  it('money asked of a measure the figure does not name gets none', async () => {
    const store = await storeOf(read(`${dir}/money-owner`));
    expect(ask(store, '甲溪县人民医院线上问诊收入多少').answers).toEqual([]);
    expect(ask(store, '甲溪县人民医院互联网医院总收入多少').answers[0]?.answer).toBe('523.6万元');
  });
});
