import { beforeAll, describe, expect, it } from 'vitest';
import { acrossFrameOf } from '../src/across/frame.js';
import { ask, FollowUps, siblingAsked } from '../src/core/ask.js';
import { parseQuestion } from '../src/match/question.js';
import { changeFrameOf } from '../src/extract/change-base.js';
import { extractFromSentence } from '../src/extract/facts.js';
import { findFigures } from '../src/extract/figures.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { findTime } from '../src/extract/time.js';
import { RegionIndex } from '../src/match/regions.js';
import { sourceLineDate } from '../src/reports/boilerplate.js';
import { cleanReport } from '../src/reports/clean.js';
import { deriveMeta, titleRegion } from '../src/reports/metadata.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom, storeOf } from './helpers/store.js';

// Invented reports (test/fixtures/review-s31: a city's emergency centre, its statistics monthly in
// markdown, a web page with tables under captions, a letter answering a deputy, a nursing report)
// for what session 31's blind sets showed.
let store: FactStore;
beforeAll(async () => {
  store = await storeFrom('test/fixtures/review-s31');
});

const across = (q: string, followUps?: FollowUps) => ask(store, q, followUps ? { chat: 'c', followUps } : {}).across;
const rowsOf = (q: string) => across(q)?.rows.map((r) => `${r.subject}:${r.answer}`);
const first = (q: string) => ask(store, q).answers[0]?.answer;
const year = { label: '2023年', year: 2023 };
const cells = (rows: string[][], unitLine?: string) => tableFacts(rows, year, unitLine).map((c) => `${c.metric}:${c.answer}`);

describe('figures', () => {
  it('a count of calls to a number is a figure', () => {
    expect(first('溪林受理呼救电话多少次')).toBe('8.6万次');
    expect(findFigures('拨打热线12345咨询')).toEqual([]);
  });
});

describe('sentences', () => {
  const places = (s: string) => extractFromSentence(s, 2024).map((d) => `${d.answer}@${d.place ?? ''}`);
  it('after a place-by-place lead, each clause is its place, known to jieba or not', () => {
    expect(places('分县区看，甲溪市某率最高，为72.8%；乙岭区71.2%，丙塘县最低，为65.3%。')).toEqual(['72.8%@甲溪市', '71.2%@乙岭区', '65.3%@丙塘县']);
  });
  it('no clause takes an earlier place when it opens on another place’s name', () => {
    expect(places('石桥镇共有村卫生室12个，在岗乡村医生21人。')).toEqual(['12个@石桥镇', '21人@石桥镇']);
  });
  it('a level to be reached before a date is a target', () => {
    expect(extractFromSentence('二是小餐饮门店达标率于2024年底前提高到96%以上。', 2024).map((d) => d.status)).toEqual(['target']);
    expect(extractFromSentence('2024年前三季度门诊量120万人次。', 2024).map((d) => d.status)).toEqual(['actual']);
  });
  it('a quarter reached is no deadline', () => {
    expect(extractFromSentence('就诊率由2023年第三季度的88.2%提高到2024年第三季度的91.3%，提前完成年度目标。', 2024).map((d) => d.status)).toEqual(['actual', 'actual']);
  });
  it('a run of years reached is no target, and its own clause just before names it', () => {
    const d = extractFromSentence('签约率由2021年末的35.1%提高到2022年末的37.4%，年均提高约2.3个百分点；团队数量同步增加，由2021年末的1,210个增加到2024年6月末的1,386个。', 2024);
    expect(d.map((x) => `${x.answer}:${x.metric}:${x.status}`)).toEqual([
      '35.1%:签约率:actual',
      '37.4%:签约率:actual',
      '约2.3个百分点:签约率年均提高:change',
      '1,210个:团队数量:actual',
      '1,386个:团队数量:actual',
    ]);
  });
  it('years listed as items are the figures’ times, of the measure said before them', () => {
    const d = extractFromSentence('2023年全市总诊疗人次6876.2万人次，比上年增长13.9%，2021年、2022年分别为6215.4万人次和6038.7万人次。', 2024);
    expect(d.filter((x) => x.status === 'actual').map((x) => `${x.time?.label}:${x.metric}:${x.answer}`)).toEqual(['2023年:总诊疗人次:6876.2万人次', '2021年:总诊疗人次:6215.4万人次', '2022年:总诊疗人次:6038.7万人次']);
  });
  it('a viewpoint names no measure, and a cause before a verb of reaching changes none', () => {
    const d = extractFromSentence('从近几年情况看，2021年为1386.5万人次，2022年受疫情影响回落至1298.7万人次。', 2024, { previous: { metric: '门急诊总量', unit: '人次', unitClass: 'visit' } });
    expect(d.map((x) => `${x.time?.label}:${x.metric}`)).toEqual(['2021年:门急诊总量', '2022年:门急诊总量']);
  });
  it('年均 is a mean over years, on no one year before', () => {
    expect(changeFrameOf('年均增长20.0%', { year: 2023 }).bases).toEqual(['annual-mean']);
  });
  it('截至…12月31日 is the year’s end', () => {
    expect(findTime('截至2023年12月31日，全市…')?.label).toBe('截至2023年底');
  });
});

describe('tables', () => {
  it('a place in a ranking takes no unit of the line', () => {
    expect(cells([['区县', '在管人数', '规范管理率', '规范管理率排名'], ['甲县', '6348', '73.9', '1']], '（单位：人、%）')).toEqual(['在管人数:6348人', '规范管理率:73.9%', '规范管理率排名:1']);
  });
  it('as many units as columns go to them in order', () => {
    expect(cells([['监测点', '有效问卷数', '健康素养水平'], ['甲街道', '496', '36.82']], '（未加权，单位：份、%）')).toEqual(['有效问卷数:496份', '健康素养水平:36.82%']);
  });
  it('the last unit, a rate’s, goes on to the rates after it', () => {
    expect(cells([['年份', '报告患者数', '报告发病率', '阳性率', '成功治疗率'], ['2019', '6355', '63.5', '45.2', '90.4']], '（单位：例、/10万、%）')).toEqual([
      '报告患者数:6355例',
      '报告发病率:63.5/10万',
      '阳性率:45.2%',
      '成功治疗率:90.4%',
    ]);
  });
  it('no units in order that put a count’s unit on a rate', () => {
    expect(cells([['县', '床位数', '使用率'], ['甲县', '496', '36.82']], '（单位：%、张）')).toEqual(['床位数:496张', '使用率:36.82%']);
  });
  it('measures said twice belong to their group’s count', () => {
    expect(cells([['区', '农贸市场数', '达标数', '达标率', '小餐饮门店数', '达标数', '达标率'], ['甲区', '8', '8', '100.0', '612', '584', '95.4']])).toEqual([
      '农贸市场数:8',
      '农贸市场达标数:8',
      '农贸市场达标率:100.0',
      '小餐饮门店数:612',
      '小餐饮门店达标数:584',
      '小餐饮门店达标率:95.4',
    ]);
  });
  it('a 合计 row of named institutions is their sum, not the area’s figure', () => {
    const facts = tableFacts([['医院', '门急诊人次'], ['甲川市第一人民医院', '186.3'], ['乙川县人民医院', '142.8'], ['合计', '329.1']], year);
    expect(facts.map((c) => c.metric)).toEqual(['甲川市第一人民医院门急诊人次', '乙川县人民医院门急诊人次', '合计门急诊人次']);
  });
  it('rows are named by a second column of names under a first of groups', () => {
    const rows = [['类别', '病种', '发病数'], ['乙类', '甲病', '24'], ['乙类', '乙病', '19'], ['乙类', '小计', '43'], ['丙类', '丙病', '156'], ['丙类', '丁病', '35'], ['丙类', '小计', '191'], ['合计', '', '234']];
    expect(tableFacts(rows, year).map((c) => c.metric)).toEqual(['甲病发病数', '乙病发病数', '乙类小计发病数', '丙病发病数', '丁病发病数', '丙类小计发病数', '发病数']);
  });
  it('a campus of a hospital is no place', () => {
    const facts = tableFacts([['院区', '出院人次'], ['北城院区', '10.62'], ['南湖院区', '6.05'], ['合计', '16.67']], year);
    expect(facts.map((c) => `${c.metric}:${c.region ?? ''}`)).toEqual(['北城院区出院人次:', '南湖院区出院人次:', '出院人次:']);
  });
  it('a column of a part of a year is that period', () => {
    const facts = tableFacts([['指标', '2023年三季度', '2024年一季度', '2024年上半年'], ['就诊率', '88.2', '89.1', '90.4']], year);
    expect(facts.map((c) => c.time?.label)).toEqual(['2023年第三季度', '2024年第一季度', '2024年上半年']);
  });
  it('dated rows are periods, and a 片区 row is the area’s whole', () => {
    const facts = tableFacts([['时点', '团队数'], ['2021年末', '1,210'], ['2024年6月末', '1,386'], ['片区', '2,000']], year);
    expect(facts.map((c) => `${c.time?.label}:${c.region ?? ''}`)).toEqual(['2021年末:', '2024年6月末:', '2023年:']);
  });
});

describe('reports as their layout says', () => {
  it('keeps an indented row in its table, drops markdown rules and emphasis, and ends a dateline', () => {
    const blocks = cleanReport('**表1　某表**（单位：人）\n\n---\n\n| 项目 | 数 |\n|---|---|\n| 合计 | 10 |\n| 　　其中：甲 | 4 |\n\n某科　编　2024年10月20日\n\n## 说明\n\n1. 本期数据。');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'heading', 'heading', 'paragraph']);
    expect(blocks[0]!.text).toBe('表1某表(单位:人)');
    expect(blocks[1]!.rows).toHaveLength(3);
    expect(blocks[2]!.text).toBe('某科 编 2024年10月20日');
  });
  it('dates a bulletin by its imprint and a page by its source line', () => {
    expect(deriveMeta(cleanReport('甲市卫生健康统计月报\n\n甲市卫生健康委员会统计科　编　　2024年10月20日\n\n1—9月，全市诊疗100万人次。'), 'x').date).toBe('2024-10-20');
    expect(sourceLineDate('甲市卫健委\n发布日期：2024年2月\n正文')).toBe('2024-02');
  });
  it('reads a letter’s title under its file number, and its place from the body that sends it', () => {
    const meta = deriveMeta(cleanReport('乙川市卫生健康委员会\n\n乙卫健建〔2024〕15号    签发人：（略）\n\n    关于市五届人大二次会议第0088号建议的答复\n\n某代表：\n\n    乙川市有县市区8个，县市区卫生院30家，县市区村卫生室300个。'), 'x');
    expect(meta.title).toMatch(/^关于.*建议的答复$/);
    expect(meta.region).toBe('乙川市');
  });
  it('reads a place past 关于 and the period in a title', () => {
    expect(titleRegion('关于2024年第一季度丙东片区某项工作情况的通报', '丙东片区…丙东片区')?.region).toBe('丙东片区');
  });
});

describe('questions', () => {
  it('asks no figure of those who have for those who have not', () => {
    expect(ask(store, '溪林乡村医生里没有执业助理医师资格的有多少人').answers).toEqual([]);
    expect(first('溪林罚没款同比增长多少')).toBe('8.3%');
  });
  it('a ratio in percent, of the report’s own figures', () => {
    expect(across('溪林下转患者只有上转的百分之多少')?.result?.value).toBe('45%');
  });
  it('the report’s own figure before a row of one of its places', () => {
    expect(first('下转患者多少人次')).toBe('4,500人次');
  });
  it('a change on the year before is worked out, not the mean over years', () => {
    expect(across('溪林医养结合床位比上年增长了百分之几')?.result?.value).toBe('20%');
    expect(across('溪林医养结合床位要达到2000张，现在还差多少张')?.result?.value).toBe('还差272张');
  });
  it('swaps a two-character word in a follow-up, not one inside a name', () => {
    const followUps = new FollowUps();
    across('溪林下转患者多少人次', followUps);
    expect(ask(store, '那上转呢', { chat: 'c', followUps }).answers[0]?.answer).toBe('10,000人次');
  });
  it('a modifier alone after a question is no topic of its own', () => {
    const followUps = new FollowUps();
    ask(store, '溪林急救中心派车多少车次', { chat: 'm', followUps });
    expect(ask(store, '那夜间的呢', { chat: 'm', followUps }).answers).toEqual([]);
  });
  it('a place the sentence leaves out is not the one it speaks of', () => {
    expect(ask(store, '柳塘县护理质量达标率多少').answers).toEqual([]);
  });
  it('is no typo of a known place when it names a kind of place', () => {
    const regions = new RegionIndex([{ name: '莒南县' }]);
    expect(regions.fuzzy('莒县')).toBeUndefined();
  });
  it('ranks the kinds of place said together, and 是升是降 asks a trend', () => {
    const m = store.intents.across;
    expect(acrossFrameOf('哪个旗县区诊疗人次增长最快', m)?.among).toBe('旗县区');
    expect(acrossFrameOf('考核得分这几年是升是降', m)?.kind).toBe('trend');
  });
});

describe('rankings and series', () => {
  it.each([
    ['溪林哪类疾病转运最多', ['心脑血管疾病:9120例', '创伤:7430例', '呼吸系统疾病:5210例', '中毒:1280例']],
    ['溪林哪个旗县区孕产妇系统管理率最低', ['云岭旗:93.1%', '石湾区:94.8%', '青禾县:95.6%', '柳塘县:96.2%']],
    ['溪林哪个旗县区诊疗人次增长最快', ['云岭旗:7.9%', '柳塘县:6.4%', '青禾县:5.2%', '石湾区:3.1%']],
    ['溪林哪个区县小餐饮门店达标率最低', ['石湾区:91.0', '青禾县:94.0', '柳塘县:97.0']],
    ['溪林哪个区县护士达标率最高', ['石湾区:97.4%', '青禾县:96.1%', '云岭旗:92.3%']],
  ])('%s', (q, rows) => {
    expect(rowsOf(q)).toEqual(rows);
  });
  it('a list sorted by another kind is no list of diseases', () => {
    expect(rowsOf('溪林哪个病最多')?.some((r) => /学生|农民/.test(r)) ?? false).toBe(false);
  });
  it('a run of years makes a series', () => {
    expect(across('溪林考核得分这几年是升是降')?.result?.value).toMatch(/^2021年至2023年增加8\.1分/);
  });
  it('a level at a month’s end joins no series of the years’ ends (it may be a running total)', () => {
    expect(across('溪林家庭医生签约率这几年是怎么变的')?.rows.map((r) => r.answer)).not.toContain('35.1%');
  });
});

describe('a hospital’s own report', () => {
  it('a 述职报告 is its hospital’s, said without 区 too; a caption names what its table’s cells are of', () => {
    expect(across('石湾人民医院门急诊量这几年怎么变的')?.rows.map((r) => `${r.subject}:${r.period}:${r.answer}`)).toEqual([
      '溪林市石湾区人民医院:2021年:61.20万人次',
      '溪林市石湾区人民医院:2022年:66.80万人次',
      '溪林市石湾区人民医院:2023年:72.50万人次',
    ]);
    expect(across('石湾区人民医院肺结核报告发病率历年情况')?.rows.map((r) => `${r.period}:${r.answer}`)).toEqual(['2021年:41.2/10万', '2022年:37.8/10万', '2023年:33.6/10万']);
  });
});

describe('numbered hospitals said short', () => {
  it.each([
    ['五中心门急诊多少', '甲川市第五中心医院'],
    ['市一院门急诊多少', '甲川市第一人民医院'],
    ['乙岭县医院门急诊多少', '乙岭县人民医院'],
  ])('%s', async (q, subject) => {
    const s = await storeOf({ '970_t.txt': '甲川市医院服务情况通报\n\n表1　2023年各医院门急诊情况（单位：万人次）\n| 医院 | 门急诊 | 出院 |\n| 甲川市第五中心医院 | 186.3 | 6.4 |\n| 甲川市第一人民医院 | 142.8 | 4.6 |\n| 乙岭县人民医院 | 98.6 | 2.1 |\n' });
    expect(parseQuestion(q, { intents: s.intents, regions: s.regions, index: s.index }).subject).toBe(subject);
  });
});

describe('two places said as their hospitals', () => {
  it('compares the hospitals, each with its own figure', async () => {
    const s = await storeOf({ '971_t.txt': '甲川市县级医院运行情况通报\n\n表1　2023年县级医院运行情况（单位：天）\n| 医院 | 平均住院日 | 出院 |\n| 乙岭县人民医院 | 7.6 | 2.1 |\n| 丙溪县人民医院 | 8.4 | 1.8 |\n| 丁泉县人民医院 | 8.1 | 1.5 |\n' });
    const rows = ask(s, '乙岭县医院和丙溪县医院平均住院日谁短一些').across?.rows.map((r) => `${r.subject}:${r.answer}`);
    expect(rows?.sort()).toEqual(['丙溪县人民医院:8.4天', '乙岭县人民医院:7.6天']);
  });
});

// The review's cases (helper-63), each a way the first version of these rules gave a wrong figure.
describe('review: no wrong figure from the new rules', () => {
  it('a clause opening on 服务辖区 keeps the place the sentence is about', () => {
    expect(extractFromSentence('云桥区共有各类医疗卫生机构326个，服务辖区常住人口45.2万人。', 2024, { reportIsCounty: false }).map((d) => d.place ?? '')).toEqual(['云桥区', '云桥区']);
  });
  it('units go in order over measures only, and a % never to a count', () => {
    expect(cells([['指标', '2023年', '2024年', '增长率'], ['注册护士', '3620', '3874', '7.0']], '（单位：人、%）').slice(0, 2)).toEqual(['注册护士:3620人', '注册护士:3874人']);
    expect(cells([['医院', '编制床位', '实际开放床位'], ['甲院', '900', '920']], '（单位：张、%）')).toEqual(['甲院编制床位:900张', '甲院实际开放床位:920张']);
  });
  it('a row of a month is that month', () => {
    expect(tableFacts([['月份', '门诊人次'], ['2024年1月', '8.2'], ['合计', '24.7']], year).map((c) => c.time?.label)).toEqual(['2024年1月', '2023年']);
  });
  it('a rate run up within the year joins no series of the years’ levels', async () => {
    const s = await storeOf({ '980_a.txt': '某市老年健康工作报告\n\n2022年末全市65岁及以上老年人健康管理率为70.1%；2023年末为72.3%。截至2024年6月底，全市65岁及以上老年人健康管理率为41.2%，完成年度任务的57%。\n', '980_a.meta.json': { title: '某市老年健康工作报告', region: '甲溪市', date: '2024-07' } });
    expect(ask(s, '甲溪老年人健康管理率这几年怎么变').across?.rows.map((r) => r.answer)).toEqual(['70.1%', '72.3%']);
  });
  it('a report’s stated share answers 是…的百分之多少 before a ratio worked out', async () => {
    const s = await storeOf({ '982_b.txt': '某市人口与健康报告\n\n2023年末，全市常住人口52.3万人，其中65岁及以上老年人9.5万人，占常住人口的18.2%。户籍人口50.0万人，其中60岁及以上老年人11.0万人，占户籍人口的22.0%。\n', '982_b.meta.json': { title: '某市人口与健康报告', region: '乙溪市', date: '2024-03' } });
    expect(ask(s, '乙溪65岁及以上老年人是常住人口的百分之多少').answers[0]?.answer).toBe('18.2%');
    // (A share stated of another base, 户籍人口, is no answer to one of 常住人口: worked out instead.)
    expect(ask(s, '乙溪60岁及以上老年人是常住人口的百分之多少').answers[0]?.answer).not.toBe('22.0%');
  });
  it('a wrapped line that ends on a date, or opens on a file number, goes on', () => {
    expect(cleanReport('全市签约工作稳步推进，截至2023年12月31日\n，全市累计签约常住人口86.3万人。')).toHaveLength(1);
    expect(cleanReport('为提升基层能力，按照某卫发〔2024〕23号文件要求\n开展乡村医生岗位培训120人次。')).toHaveLength(1);
  });
  it('a yes-or-no question’s 没 names no one', () => {
    expect(first('溪林乡村医生有多少人了没')).toBe('2,860人');
    expect(first('溪林乡村医生到3000人没有')).toBe('2,860人');
  });
  it('a span the figures cover dates no report', () => {
    expect(sourceLineDate('数据来源：某系统　统计时间：2023年1月1日至12月31日')).toBeUndefined();
    expect(deriveMeta(cleanReport('某县监测报告\n\n本次监测时间：2023年1月至12月，共调查1200人。'), 'x').date).toBeUndefined();
  });
  it('a year a caption compares with dates nothing, and 各县区 is no place of a title', () => {
    expect(titleRegion('关于2024年第一季度各县区某项工作情况的通报', '各县区…各县区')).toBeUndefined();
  });
});

describe('review: a two-character swap only of words the reports say', () => {
  it.each([
    ['那人数呢', '派车多少车次', undefined],
    ['那外转呢', '溪林下转患者多少人次', undefined],
    ['那上转呢', '溪林下转患者多少人次', '溪林上转患者多少人次'],
  ])('%s after %s', (next, before, asked) => {
    const parse = (t: string) => parseQuestion(t, { intents: store.intents, regions: store.regions, index: store.index });
    const known = (w: string) => store.index.df(w) > 0 && !store.intents.generic.has(w);
    expect(siblingAsked(parse(next), parse(before), store.intents.catalogue, known)).toBe(asked);
  });
});

describe('review: a direction said alone', () => {
  it('上转 asked of a report of 下转 alone finds nothing', async () => {
    const s = await storeOf({ '984_a.txt': '某县医共体工作汇报\n\n2023年，全县医共体下转患者620人次，较上年增长12%。\n', '984_a.meta.json': { title: '某县医共体工作汇报', region: '丁川县', date: '2024-02' } });
    expect(ask(s, '丁川上转患者多少').answers).toEqual([]);
    expect(ask(s, '丁川下转患者多少').answers[0]?.answer).toBe('620人次');
  });
});

describe('a change as exact as its figures', () => {
  it('0.072% to 0.061% is 0.011 points less, not 0.01', async () => {
    const s = await storeOf({ '985_a.txt': '某院感染管理报告\n\n院内感染发生率由2022年的0.072%下降到2023年的0.061%。\n', '985_a.meta.json': { title: '某院感染管理报告', region: '戊川市', date: '2024-02' } });
    expect(ask(s, '戊川院内感染发生率这几年怎么变').across?.result?.value).toBe('2022年至2023年减少0.011个百分点');
  });
});

// The re-review's cases (helper-64).
describe('re-review: no wrong figure from the mends', () => {
  it('a clause opening on a place jieba cannot read takes no earlier place', () => {
    expect(extractFromSentence('云桥区家庭医生签约率达到45.2%，溪口市家庭医生签约率达到41.3%。', 2024).map((d) => d.place ?? '')).toEqual(['云桥区', '']);
  });
  it('a % goes to a share or a progress column, never their count’s unit', () => {
    expect(cells([['科室', '出院人次', '占全院'], ['内科', '5230', '32.5']], '（单位：人次、%）')).toEqual(['内科出院人次:5230人次', '内科出院人次占全院:32.5%']);
    expect(cells([['站点', '样本数', '完成进度'], ['东站点', '320', '96.5']], '（单位：份、%）')).toEqual(['东站点样本数:320份', '东站点完成进度:96.5%']);
  });
  it('a negation that names whom is kept in a yes-or-no question', async () => {
    const s = await storeOf({ '986_a.txt': '某县老年健康报告\n\n2023年，全县65岁及以上老年人流感疫苗接种1.2万人，家庭医生签约服务4.2万人。\n', '986_a.meta.json': { title: '某县老年健康报告', region: '丁川县', date: '2024-02' } });
    expect(ask(s, '丁川没有接种流感疫苗的老年人是不是超过1万人').answers).toEqual([]);
  });
  it('a long imprint line is a dateline of its own', () => {
    const blocks = cleanReport('甲溪市传染病疫情通报\n\n甲溪市卫生健康委员会　甲溪市疾病预防控制中心　2024年10月20日\n\n9月份全市报告法定传染病1234例。');
    expect(blocks.at(-1)!.text).toBe('9月份全市报告法定传染病1234例。');
  });
  it.each([
    ['丁川上转患者多少', undefined],
    ['丁川入院人数多少', undefined],
    ['丁川出院人数多少', '3200人'],
  ])('%s: the other way is another figure', async (q, answer) => {
    const s = await storeOf({ '987_a.txt': '某县医共体工作汇报\n\n2023年，全县医共体下转患者620人次，较上年增长12%。全县医院出院人数3200人。\n', '987_a.meta.json': { title: '某县医共体工作汇报', region: '丁川县', date: '2024-02' } });
    expect(ask(s, q).answers[0]?.answer).toBe(answer);
  });
});

