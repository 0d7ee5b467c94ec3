import { describe, expect, it } from 'vitest';
import { ask, FollowUps } from '../src/core/ask.js';
import { storeOf } from './helpers/store.js';
import { findFigures } from '../src/extract/figures.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { acrossFrameOf } from '../src/across/frame.js';
import { loadIntents } from '../src/match/intents.js';
import { shareOfAsked } from '../src/match/answer.js';
import type { ParsedQuestion } from '../src/match/question.js';

// Invented reports for what session 35's blind sets showed; every name and figure is made up.
const meta = (title: string, region = '溪林市') => ({ title, region, parentRegion: '丰溪省', date: '2024-03' });
const cells = (rows: string[][], unitLine?: string) =>
  tableFacts(rows, { label: '2023年', year: 2023 }, unitLine).map((c) => `${c.metric}:${c.answer}`);

describe('a measure said whole', () => {
  const REPORT = [
    '# 溪林市2023年螺情监测报告',
    '',
    '表1　2023年各县区查螺情况（单位：万平方米）',
    '',
    '| 县区 | 查螺面积 | 有螺面积 | 药物灭螺面积 |',
    '|---|---|---|---|',
    '| 甲县 | 700.5 | 480.2 | 170.3 |',
    '| 乙县 | 620.4 | 390.6 | 150.1 |',
    '| 合计 | 1320.9 | 870.8 | 320.4 |',
    '',
    '（以上数据均为测试虚构）',
  ].join('\n');
  it('有螺面积 is 有螺面积, though 有 is no word of its own and 查螺面积 shares the rest', async () => {
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市2023年螺情监测报告') });
    expect(ask(store, '甲县有螺面积多少').answers[0]?.answer).toBe('480.2万平方米');
    expect(ask(store, '甲县查螺面积多少').answers[0]?.answer).toBe('700.5万平方米');
  });
  it('…in a follow-up too (那乙县呢 carries the words first asked)', async () => {
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市2023年螺情监测报告') });
    const followUps = new FollowUps();
    ask(store, '甲县和乙县哪个有螺面积大', { chat: 'c', followUps });
    const rows = ask(store, '那乙县和甲县呢', { chat: 'c', followUps }).across?.rows.map((r) => r.answer);
    expect(rows?.sort()).toEqual(['390.6万平方米', '480.2万平方米']);
  });
  it('多少万平方米 asks an area: a percentage never answers it', async () => {
    const text = ['# 溪林市灭螺工作总结', '', '全年完成药物灭螺320.4万平方米，完成年度任务的106.8%。', '', '（以上数据均为测试虚构）'].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市灭螺工作总结') });
    expect(ask(store, '药物灭螺超额完成了多少万平方米').answers.map((a) => a.answer)).not.toContain('106.8%');
  });
});

describe('a measure with its unit', () => {
  it('出院人次 asked of 出院…人次: the latest year’s figure, not an earlier one that wrote 出院人次', async () => {
    const text = [
      '# 溪林市人民医院2023年工作报告',
      '',
      '2023年，全院出院52130人次，比上年增长8.2%。',
      '',
      '近三年看，出院人次2021年为44310人次，2022年为48180人次。',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市人民医院2023年工作报告') });
    expect(ask(store, '溪林市人民医院出院人次多少').answers[0]?.answer).toBe('52130人次');
  });
});

describe('rates and shares', () => {
  const REPORT = [
    '# 溪林市人民医院人力资源报告',
    '',
    '卫生技术人员1200人，占职工总数的86.0%，其中执业医师420人、注册护士640人。',
    '',
    '上半年全院收治危重孕产妇40例，救治成功39例。',
    '',
    '（以上数据均为测试虚构）',
  ].join('\n');
  it.each([
    ['护士占卫技人员的比例', ['护士', '占', '卫生技术人员'], '卫生技术人员占职工总数的比例', false],
    ['护士占卫技人员的比例', ['护士', '占', '卫生技术人员'], '注册护士占卫生技术人员的比例', true],
    // (乙类前五位占乙类总数: a word said on both sides of 占 says whose parts, not which part.)
    ['乙类前五位占乙类总数的比例', ['乙类', '前', '5', '位', '占', '总数'], '前五位病种占乙类传染病报告总数', true],
    // (No 占 in the measure: nothing to tell.)
    ['护士占卫技人员的比例', ['护士', '占', '卫生技术人员'], '护士配备率', true],
  ])('%s, of a measure %s: %s', (key, words, metric, ok) => {
    const q = { key, tokens: words.map((word) => ({ word, weight: 1 })) } as unknown as ParsedQuestion;
    expect(shareOfAsked(q, metric)).toBe(ok);
  });
  it('救治成功率 is a rate: a count of cases never answers it', async () => {
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市人民医院人力资源报告') });
    expect(ask(store, '溪林市危重孕产妇救治成功率多少').answers.map((a) => a.answer)).toEqual([]);
  });
});

describe('short names of hospitals', async () => {
  const { paraphrases } = await loadIntents('intents');
  const said = (q: string) => paraphrases.reduce((t, r) => t.replace(r.say, r.means), q);
  it.each([
    ['市一医四级手术多少台', '市第一人民医院'],
    ['县二医院床位', '县第二人民医院'],
  ])('%s names %s', (q, name) => {
    expect(said(q)).toContain(name);
  });
  // (一医院 alone is left as written: a hospital's own report may never name itself in a sentence.)
  it.each(['市医疗集团', '县医共体', '推进三医联动', '市医保局', '一医院出院人次'])('%s names no hospital', (q) => {
    expect(said(q)).not.toContain('人民医院');
  });
});

describe('a difference between two things, never one thing over years', async () => {
  const intents = await loadIntents('intents');
  it.each(['甲医院和乙医院上门护理哪家做得多，多多少', '招聘还差多少人完成计划', '离年度任务还差多少'])('%s is marked between', (q) => {
    expect(acrossFrameOf(q, intents.across)?.between).toBe(true);
  });
  it.each(['门诊量比上年多多少', '床位这几年增加了多少'])('%s is a change over time', (q) => {
    expect(acrossFrameOf(q, intents.across)?.between).toBeUndefined();
  });
  it('满意度呢 after a comparison of two hospitals found nothing: no change over years is made up', async () => {
    const text = [
      '# 溪林市互联网+护理服务总结',
      '',
      '全市服务满意度2021年为96.5%，2022年为97.2%，2023年为97.9%。',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市互联网+护理服务总结') });
    const followUps = new FollowUps();
    ask(store, '溪林甲院和溪林乙院上门护理哪家做得多，多多少', { chat: 'c', followUps });
    const r = ask(store, '满意度呢？', { chat: 'c', followUps });
    expect(r.across?.kind).not.toBe('calc');
    expect(r.note ?? '').not.toContain('没有关于满意度的报告');
  });
});

describe('transcripts: an answer’s opening year holds for its turn', () => {
  it('答：2023年，… then a paragraph ranking diseases: the ranking is of 2023', async () => {
    const text = [
      '溪林市疾控中心主任答记者问',
      '',
      // (A dateline is no period: the answer's own year is the figures'.)
      '整理日期：2024年3月18日',
      '地区：丰溪省溪林市',
      '',
      '记者：去年全市传染病疫情怎么样？',
      '',
      '答：2023年，全市共报告乙类传染病5210例，疫情总体平稳。',
      '',
      '从乙类传染病的病种构成看，报告病例数居前三位的依次是：病毒性肝炎2100例、肺结核1300例、梅毒900例。',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 'r.txt': text });
    const top = ask(store, '溪林市2023年乙类传染病哪种病报告得最多').answers[0];
    expect(top?.answer).toMatch(/病毒性肝炎/);
    expect(top?.time).toBe('2023年');
  });
  it('a year asked is never answered by one month’s bulletin', async () => {
    const text = ['# 溪林市2024年5月传染病疫情', '', '2024年5月，全市报告乙类传染病210例。', '', '（以上数据均为测试虚构）'].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市2024年5月传染病疫情') });
    expect(ask(store, '溪林市2024年报告乙类传染病多少例').answers).toEqual([]);
    expect(ask(store, '溪林市2024年5月报告乙类传染病多少例').answers[0]?.answer).toBe('210例');
  });
});

describe('rankings', () => {
  it('the whole said before its parts (全市…，甲市(74.6%)、乙市…) is none of the things ranked', async () => {
    const text = [
      '# 溪林市家庭医生签约监测',
      '',
      '全市农村地区家庭医生签约覆盖率为69.6%，甲县(74.6%)、乙县(72.8%)位居前两位，丙县(61.8%)最低。',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市家庭医生签约监测') });
    const rows = ask(store, '溪林市农村家庭医生签约覆盖率排前三的是哪几个').across?.rows.map((r) => r.subject) ?? [];
    expect(rows.some((s) => s.startsWith('全市'))).toBe(false);
  });
});

describe('densities and standing', () => {
  it.each([
    ['平均密度为0.73只/公顷', '只/公顷'],
    ['钉螺密度0.05只/平方米', '只/平方米'],
    ['人均费用320元/人', '元'],
    ['发病率12.3/10万', '/10万'],
  ])('%s is in %s', (s, unit) => {
    expect(findFigures(s)[0]?.unit).toBe(unit);
  });
  it('a header in 只/公顷 gives its cells that unit', () => {
    expect(cells([['年份', '平均鼠密度（只/公顷）'], ['2019', '0.58']])).toEqual(['平均鼠密度:0.58只/公顷']);
  });
  it('甲区…最高，为1.12只/公顷；乙区次之，为0.93只/公顷: both are of 鼠密度, and compare', async () => {
    const text = [
      '# 溪林市鼠疫监测年报',
      '',
      // (Districts the place index knows: a comparison needs places it can read.)
      '2023年，各监测县区中，和平区鼠密度最高，为1.12只/公顷；河西区次之，为0.93只/公顷；南开区最低，为0.38只/公顷。',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市鼠疫监测年报') });
    expect(ask(store, '和平区的鼠密度比河西区高多少').across?.result?.value).toBe('和平区比河西区多0.19只/公顷');
  });
});

describe('a unit line with fewer units than columns', () => {
  it('each unit goes on over the columns beside it of the same kind', () => {
    const rows = [
      ['县区', '监测机构', '平均配备品种', '药品使用总金额', '基本药物金额', '2023年占比', '2022年占比'],
      ['甲县', '11', '283', '3126.4', '2143.8', '68.6', '66.9'],
    ];
    expect(cells(rows, '（单位：家、种、万元、%）')).toEqual([
      '监测机构:11家',
      '平均配备品种:283种',
      '药品使用总金额:3126.4万元',
      '基本药物金额:2143.8万元',
      '基本药物金额占比:68.6%',
      '基本药物金额占比:66.9%',
    ]);
  });
  it('a unit left over, or one that clashes, gives none', () => {
    const rows = [
      ['县区', '监测机构', '药品使用总金额', '基本药物金额', '占比'],
      ['甲县', '11', '3126.4', '2143.8', '68.6'],
    ];
    // Five units for four columns: not in runs.
    expect(cells(rows, '（单位：家、种、万元、人、%）')).toContain('监测机构:11');
  });
});

describe('review: mends', () => {
  const store = (text: string, title: string, ext = 'md') => storeOf({ [`r.${ext}`]: text, 'r.meta.json': meta(title) });
  it('a ranking keeps 其他感染性腹泻病, a thing of its own (only a whole, 全市…, is none of the things ranked)', async () => {
    const text = [
      '# 溪林市丙类传染病报告',
      '',
      '2023年全市丙类传染病发病情况见下表。',
      '',
      '| 病种 | 报告病例数 | 发病率(1/10万) |',
      '|---|---|---|',
      '| 其他感染性腹泻病 | 1320 | 312.5 |',
      '| 手足口病 | 860 | 203.6 |',
      '| 流行性感冒 | 640 | 151.5 |',
      '| 流行性腮腺炎 | 120 | 28.4 |',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const r = ask(await store(text, '溪林市丙类传染病报告'), '溪林市哪个病种发病率最高');
    expect(r.across?.rows[0]?.subject).toBe('其他感染性腹泻病');
  });
  it('a standing clause measures what the ranked figure measured, not a figure said after it', async () => {
    const text = [
      '# 溪林市鼠疫监测年报',
      '',
      '2023年，全市平均鼠密度为0.86只/公顷。各监测县区中，和平区鼠密度最高，为1.12只/公顷，鼠体染蚤率为21.5%；河西区次之，为0.93只/公顷；南开区最低，为0.38只/公顷。',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const s = await store(text, '溪林市鼠疫监测年报');
    expect(ask(s, '河西区鼠体染蚤率多少').answers.map((a) => a.answer)).not.toContain('0.93只/公顷');
    expect(ask(s, '河西区鼠密度多少').answers[0]?.answer).toBe('0.93只/公顷');
    // The city's own figure is the city's, not the lowest district's.
    expect(ask(s, '溪林市鼠密度多少').answers[0]?.answer).toBe('0.86只/公顷');
    // A density is no rate in %: 鼠夹捕获率 is not answered by one.
    expect(ask(s, '溪林市鼠夹捕获率多少').answers.map((a) => a.answer)).not.toContain('0.86只/公顷');
  });
  it('答：2019年以来… is a span: the paragraphs after it take no year from it', async () => {
    const text = [
      '溪林市家庭医生签约访谈',
      '',
      '问：请介绍家庭医生签约工作的进展。',
      '',
      '答：2019年以来，全市累计投入签约服务经费1200万元。',
      '',
      '全市共组建家庭医生团队86个，重点人群签约率为78.6%。',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const s = await store(text, '溪林市家庭医生签约访谈', 'txt');
    expect(ask(s, '溪林市2019年重点人群签约率多少').answers).toEqual([]);
  });
  it('印度 is a place no report speaks for, not a measure word', async () => {
    const text = ['# 溪林市健康素养监测', '', '2023年，全市居民健康素养水平为28.6%。', '', '（以上数据均为测试虚构）'].join('\n');
    const r = ask(await store(text, '溪林市健康素养监测'), '印度的居民健康素养水平是多少');
    expect(r.answers).toEqual([]);
  });
  it('截至2023年12月底: a stock at the year’s end answers a question of 2023', async () => {
    const text = ['# 溪林市家庭医生签约通报', '', '截至2023年12月底，全市重点人群签约率为78.6%。', '', '（以上数据均为测试虚构）'].join('\n');
    expect(ask(await store(text, '溪林市家庭医生签约通报'), '溪林市2023年重点人群签约率多少').answers[0]?.answer).toBe('78.6%');
  });
  it('今年和去年哪个多，多多少 compares two years of one figure', async () => {
    const { across } = await loadIntents('intents');
    expect(acrossFrameOf('门诊人次2023年和2022年哪个多，多多少', across)?.between).toBeUndefined();
    expect(acrossFrameOf('门诊人次今年和去年哪个多，多多少', across)?.between).toBeUndefined();
  });
  it('a compare shows its figures alike: all in the unit the report says them in, or all bare as the table gives them', async () => {
    const text = [
      '# 溪林市病媒监测年报',
      '',
      '各县区中，河西区鼠密度最低，为0.46%。',
      '',
      '| 县区 | 布夹数 | 鼠密度 |',
      '|---|---|---|',
      '| 和平区 | 1200 | 0.67 |',
      '| 河西区 | 1100 | 0.46 |',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const rows = ask(await store(text, '溪林市病媒监测年报'), '和平区和河西区哪个鼠密度高').across?.rows.map((r) => r.answer);
    expect(rows).toEqual(['0.67', '0.46']);
  });
});

describe('round 11 mends', () => {
  const store = (text: string, title: string) => storeOf({ 'r.md': text, 'r.meta.json': meta(title) });
  it('a prefecture by its short name (大理州) is a place the index knows', async () => {
    const { RegionIndex } = await import('../src/match/regions.js');
    const index = new RegionIndex([{ name: '洱海白族自治州', parent: '丰溪省' }, { name: '融江苗族自治县', parent: '洱海白族自治州' }]);
    expect(index.isKnown('洱海州')).toBe(true);
    expect(index.isKnown('融江县')).toBe(true);
  });
  it('离260项的标准还差多少 names its target by figure: never a change between years', async () => {
    const { across } = await loadIntents('intents');
    expect(acrossFrameOf('甲县检测项目离260项的标准还差多少', across)).toMatchObject({ kind: 'trend', toTarget: true, targetValue: 260 });
  });
  it('超出控制目标多少 asks the gap past the target: the target alone never answers it', async () => {
    const text = ['# 溪林市病媒监测年报', '', '全市布雷图指数控制目标为≤10，2023年全市布雷图指数为12.4。', '', '（以上数据均为测试虚构）'].join('\n');
    const answers = ask(await store(text, '溪林市病媒监测年报'), '溪林市布雷图指数超出控制目标多少').answers.map((a) => a.answer);
    expect(answers).not.toContain('≤10');
  });
  it('甲加上乙一共多少: a figure of one of them never answers the sum', async () => {
    const text = ['# 溪林市信访工作年报', '', '2023年，全市受理网上信访391件，12345热线转办466件。', '', '（以上数据均为测试虚构）'].join('\n');
    expect(ask(await store(text, '溪林市信访工作年报'), '溪林市网上信访加上12345转办的一共多少件').answers).toEqual([]);
  });
  it('市疾控中心 asked: a figure of 县级疾控中心 is of another level', async () => {
    const text = ['# 溪林市疾控标准化评估', '', '2023年全市县级疾控中心实验室检测项目平均258.4项。', '', '（以上数据均为测试虚构）'].join('\n');
    const s = await store(text, '溪林市疾控标准化评估');
    expect(ask(s, '市疾控中心实验室检测项目有多少项').answers).toEqual([]);
    expect(ask(s, '溪林市县级疾控中心实验室检测项目平均多少项').answers[0]?.answer).toBe('258.4项');
  });
});

describe('re-review: mends', () => {
  const store = (text: string, title: string, ext = 'md') => storeOf({ [`r.${ext}`]: text, 'r.meta.json': meta(title) });
  it('a bare 其他 row, the rest lumped together, is none of the things ranked', async () => {
    const text = [
      '# 溪林市丙类传染病报告',
      '',
      '2023年全市丙类传染病发病情况见下表。',
      '',
      '| 病种 | 报告病例数 |',
      '|---|---|',
      '| 手足口病 | 860 |',
      '| 流行性感冒 | 640 |',
      '| 流行性腮腺炎 | 120 |',
      '| 其他 | 1240 |',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const rows = ask(await store(text, '溪林市丙类传染病报告'), '溪林市报告病例数前三位的病种').across?.rows.map((r) => r.subject);
    expect(rows).not.toContain('其他');
  });
  it('当月 at the year’s end is one month’s flow: no answer for the year', async () => {
    const text = ['# 溪林市疫情通报', '', '截至2023年12月底，全市当月共报告法定传染病1234例。', '', '（以上数据均为测试虚构）'].join('\n');
    expect(ask(await store(text, '溪林市疫情通报'), '溪林市2023年报告法定传染病多少例').answers).toEqual([]);
  });
  it('和 inside 和平区, 加 inside 参加: no sum is asked', async () => {
    const text = ['# 和平区卫生健康概况', '', '2023年，全区共有医疗卫生机构156家，全年参加健康体检的老年人12860人。', '', '（以上数据均为测试虚构）'].join('\n');
    const s = await storeOf({ 'r.md': text, 'r.meta.json': { ...meta('和平区卫生健康概况', '和平区'), parentRegion: '天津市' } });
    expect(ask(s, '和平区一共有多少家医疗卫生机构').answers[0]?.answer).toBe('156家');
    expect(ask(s, '和平区参加健康体检的老年人一共有多少人').answers[0]?.answer).toBe('12860人');
  });
  it('居全市首位；乙区次之: the standing clause takes the measure the first place was said of', async () => {
    const text = [
      '# 溪林市鼠疫监测年报',
      '',
      '2023年，和平区鼠密度为1.12只/公顷，居全市首位；河西区次之，为0.93只/公顷；南开区最低，为0.38只/公顷。',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const s = await store(text, '溪林市鼠疫监测年报');
    expect(ask(s, '河西区鼠密度多少').answers[0]?.answer).toBe('0.93只/公顷');
    expect(ask(s, '南开区鼠密度是多少').answers[0]?.answer).toBe('0.38只/公顷');
  });
  it('答：2023年累计… is a year’s total: the turn is of 2023', async () => {
    const text = ['溪林市卫健委访谈', '', '问：请介绍进展。', '', '答：2023年累计完成加强免疫接种12.6万剂次。', '', '全市重点人群家庭医生签约率为78.6%。', '', '（以上数据均为测试虚构）'].join('\n');
    expect(ask(await store(text, '溪林市卫健委访谈', 'txt'), '溪林市2023年重点人群签约率多少').answers[0]?.answer).toBe('78.6%');
  });
  it('超出年度任务20.4万平方米 says the overrun and answers; a target alone (≤10) never does', async () => {
    const text = [
      '# 溪林市工作总结',
      '',
      '2023年全市完成药物灭螺320.4万平方米，超出年度任务20.4万平方米。',
      '',
      '全市布雷图指数控制目标为≤10，2023年全市布雷图指数为12.4。',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const s = await store(text, '溪林市工作总结');
    expect(ask(s, '溪林市药物灭螺超出年度任务多少').answers[0]?.answer).toBe('20.4万平方米');
    expect(ask(s, '溪林市布雷图指数超出控制目标多少').answers.map((a) => a.answer)).not.toContain('≤10');
  });
  it('a series counts 人 and 名 alike', async () => {
    const text = ['# 溪林市卫生人力', '', '2021年全市执业（助理）医师4200名。2022年全市执业（助理）医师4400人。2023年全市执业（助理）医师4650人。', '', '（以上数据均为测试虚构）'].join('\n');
    expect(ask(await store(text, '溪林市卫生人力'), '溪林市执业医师近三年变化趋势').across?.rows).toHaveLength(3);
  });
  it('an autonomous prefecture’s short name is its place’s short form and its kind (as the place index shortens it)', async () => {
    const { RegionIndex } = await import('../src/match/regions.js');
    const index = new RegionIndex([{ name: '黔山南苗族侗族自治州', parent: '丰溪省' }]);
    expect(index.isKnown('黔山州')).toBe(true);
  });
});
