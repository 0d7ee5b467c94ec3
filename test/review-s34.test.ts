import { describe, expect, it } from 'vitest';
import { ask, FollowUps } from '../src/core/ask.js';
import { storeOf } from './helpers/store.js';
import { extractFromSentence } from '../src/extract/facts.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { acrossFrameOf } from '../src/across/frame.js';
import { loadIntents } from '../src/match/intents.js';
import { judge, silentMix } from '../eval/across-judge.js';

// Invented reports for what session 34's blind sets showed; every name and figure is made up.
const meta = (title: string, region = '溪林市') => ({ title, region, parentRegion: '丰溪省', date: '2024-03' });
const page = (title: string, body: string[]) => ['<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8"><title>' + title + '</title></head><body>', ...body, '</body></html>'].join('\n');
const cells = (rows: string[][], unitLine?: string) =>
  tableFacts(rows, { label: '2023年', year: 2023 }, unitLine).map((c) => `${c.metric}:${c.answer}:${c.status}`);

describe('a unit line over counts and figures per head', () => {
  const rows = [
    ['县（市、区）', '常住人口', '床位数', '执业（助理）医师', '每千人口床位数', '每千人口执业（助理）医师'],
    ['甲县', '60.5', '3150', '1980', '5.21', '3.27'],
  ];
  it('（单位：万人、张、人）: the counts take the units in order, the per-head columns none', () => {
    expect(cells(rows, '（单位：万人、张、人）')).toEqual([
      '常住人口:60.5万人:actual',
      '床位数:3150张:actual',
      '执业（助理）医师:1980人:actual',
      '每千人口床位数:5.21:actual',
      '每千人口执业（助理）医师:3.27:actual',
    ]);
  });
  it('…and when the counts are of fewer measures than columns (2022年床位 | 2023年床位)', () => {
    const byYear = [
      ['县（市、区）', '常住人口', '2022年床位', '2023年床位', '每千人口床位'],
      ['甲县', '60.5', '3100', '3150', '5.21'],
    ];
    expect(cells(byYear, '（单位：万人、张）')).toEqual(['常住人口:60.5万人:actual', '床位:3100张:actual', '床位:3150张:actual', '每千人口床位:5.21:actual']);
  });
  it('a year column with a measure’s words (2023年床位) is that measure, not the row’s', () => {
    expect(cells([['区', '2023年床位'], ['乙区', '900']])).toEqual(['床位:900:actual']);
    // (2022年得分, 2023年全市完成: a score or the whole's figure, in its year.)
    expect(cells([['区', '2022年得分'], ['乙区', '88.5']])[0]).toMatch(/^乙区:88\.5/);
  });
});

describe('a table with no unit of its own', () => {
  const REPORT = [
    '# 溪林市卫生资源简报',
    '',
    '2023年全市资源情况如下。',
    '',
    '| 县区 | 实有床位数 | 执业（助理）医师数 | 签约率 |',
    '|---|---|---|---|',
    '| 甲县 | 3150 | 1980 | 82.4 |',
    '| 乙县 | 2410 | 1426 | 79.8 |',
    '| 全市 | 5560 | 3406 | 81.2 |',
    '',
    '（以上数据均为测试虚构）',
  ].join('\n');
  it('多少张, 多少人: a count whose measure fits answers; a rate never does', async () => {
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市卫生资源简报') });
    expect(ask(store, '甲县床位多少张').answers[0]?.answer).toBe('3150');
    expect(ask(store, '甲县执业医师多少人').answers[0]?.answer).toBe('1980');
    expect(ask(store, '甲县签约率多少人').answers).toEqual([]);
  });
  it('甲县执业医师比乙县多多少人: the unit asked stays with the topic, and the counts are compared', async () => {
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市卫生资源简报') });
    expect(ask(store, '甲县执业医师比乙县多多少人').across?.result?.formula).toBe('1980 − 1426 = 554');
  });
  it('平均每家 is no total’s figure', async () => {
    const store = await storeOf({ 'r.md': REPORT.replace('2023年全市资源情况如下。', '2023年全市纳入机构86家，结算病例102.64万例。'), 'r.meta.json': meta('溪林市卫生资源简报') });
    expect(ask(store, '结算病例平均每家机构多少例').answers).toEqual([]);
  });
});

describe('the frame keeps what the ask says of the figure', () => {
  it('差多少人, 各多少张: the unit after the ask is asked; 差多少个百分点 is a change’s unit', async () => {
    const markers = (await loadIntents('intents')).across;
    expect(acrossFrameOf('甲县和乙县的执业医师差多少人', markers)?.core).toBe('甲县和乙县执业医师多少人');
    expect(acrossFrameOf('甲县和乙县床位各多少张', markers)?.core).toBe('甲县和乙县床位多少张');
    expect(acrossFrameOf('甲县签约率离年度目标还差多少个百分点', markers)?.core).not.toContain('多少个百分点');
  });
  it('离2025年30家的目标还差几家 names its target by figure; 离2025年目标 names none', async () => {
    const markers = (await loadIntents('intents')).across;
    expect(acrossFrameOf('推荐标准的卫生院离2025年30家的目标还差几家', markers)).toMatchObject({ toTarget: true, targetValue: 30 });
    expect(acrossFrameOf('全市健康素养水平离2025年目标还差多少', markers)?.targetValue).toBeUndefined();
  });
});

describe('a change column and its levels', () => {
  const TABLE = [
    '# 溪林市居民健康素养监测报告',
    '',
    '2023年全市居民健康素养水平为25.86%。',
    '',
    '**表3　2022—2023年各县区居民健康素养水平**',
    '',
    '（单位：%、百分点）',
    '',
    '| 县区 | 2022年 | 2023年 | 提高 |',
    '|---|---|---|---|',
    '| 甲县 | 30.92 | 33.47 | 2.55 |',
    '| 乙县 | 19.86 | 22.05 | 2.19 |',
    '| 丙县 | 24.18 | 26.83 | 2.65 |',
    '| 全　市 | 23.41 | 25.86 | 2.45 |',
    '',
    '（以上数据均为测试虚构）',
  ].join('\n');
  it('2022年 | 2023年 | 提高 under （单位：%、百分点）: levels in %, the change in points', () => {
    const rows = [['县区', '2022年', '2023年', '提高'], ['乙县', '19.86', '22.05', '2.19']];
    expect(cells(rows, '（单位：%、百分点）')).toEqual(['乙县:19.86%:actual', '乙县:22.05%:actual', '乙县:2.19百分点:change']);
  });
  it('a place’s row over years measures what the caption names (颍州区 of 居民健康素养水平)', async () => {
    const store = await storeOf({ 's.md': TABLE, 's.meta.json': meta('溪林市居民健康素养监测报告') });
    expect(ask(store, '甲县2023年居民健康素养水平').answers[0]?.answer).toBe('33.47%');
    expect(ask(store, '甲县和乙县健康素养水平差多少').across?.result?.formula).toBe('33.47% − 22.05% = 11.42个百分点');
  });
  it('哪个县最低 ranks the latest levels, not the rises, and no 全　市 row', async () => {
    const store = await storeOf({ 's.md': TABLE, 's.meta.json': meta('溪林市居民健康素养监测报告') });
    const r = ask(store, '哪个县区健康素养水平最低').across;
    expect(r?.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['乙县:22.05%', '丙县:26.83%', '甲县:33.47%']);
  });
});

describe('groups a sentence names apart', () => {
  const REPORT = [
    '# 溪林市居民健康素养监测报告',
    '',
    '2023年城市居民健康素养水平为31.74%，比上年（29.12%）提高2.62个百分点；农村居民健康素养水平为22.15%，比上年（19.83%）提高2.32个百分点。农村居民健康素养水平由2021年的17.62%提高到2022年的19.83%和2023年的22.15%，与城市居民相比仍有差距。',
    '',
    '到2024年全市居民健康素养水平达到28%，到2025年达到30%；到2025年农村居民健康素养水平达到25%。',
    '',
    '（以上数据均为测试虚构）',
  ].join('\n');
  it('城市 asked: a figure of 农村 is another group’s, though the sentence names 城市 too', async () => {
    const store = await storeOf({ 'h.md': REPORT, 'h.meta.json': meta('溪林市居民健康素养监测报告') });
    expect(ask(store, '城市居民健康素养水平历年情况').across?.rows.map((x) => x.answer)).toEqual(['29.12%', '31.74%']);
  });
  it('a group named in a later clause with its own figure does not narrow the earlier one', async () => {
    const store = await storeOf({ 'h.md': REPORT, 'h.meta.json': meta('溪林市居民健康素养监测报告') });
    expect(ask(store, '农村居民健康素养水平2024年目标').answers).toEqual([]);
    expect(ask(store, '农村居民健康素养水平2025年目标').answers[0]?.answer).toBe('25%');
  });
  it('a stated change of a narrower group (学生) is no change of the whole asked', async () => {
    const text = [
      '# 溪林市结核病防治工作报告',
      '',
      '2023年全市共登记活动性肺结核患者2468例，比上年的2541例减少73例。',
      '',
      '全年报告学生肺结核患者86例，比2022年的97例下降11.3%。',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 't.md': text, 't.meta.json': meta('溪林市结核病防治工作报告') });
    expect(ask(store, '全市登记肺结核比上年少了百分之几').across?.result?.formula).toBe('(2468例 − 2541例) ÷ 2541例 = -2.87%');
  });
});

describe('negated measures', () => {
  const REPORT = page('溪林市乡镇卫生院服务能力评价结果通报', [
    '<h1>溪林市乡镇卫生院服务能力评价结果通报</h1>',
    '<p>2023年度全市乡镇卫生院服务能力评价工作已经完成，评价结果见下表。</p>',
    '<table><caption>表1　2023年度各县乡镇卫生院评价结果（单位：家、%）</caption>',
    '<tr><th>县区</th><th>参评卫生院数</th><th>达标合计</th><th>未达标</th><th>达标率</th></tr>',
    '<tr><td>甲县</td><td>10</td><td>9</td><td>1</td><td>90.0</td></tr>',
    '<tr><td>乙县</td><td>8</td><td>6</td><td>2</td><td>75.0</td></tr>',
    '</table>',
    '<p>（以上数据均为测试虚构）</p>',
  ]);
  it('达标 asked is never answered by 未达标; 甲县比乙县多几家 compares the counts', async () => {
    const store = await storeOf({ 'w.html': REPORT, 'w.meta.json': meta('溪林市乡镇卫生院服务能力评价结果通报') });
    expect(ask(store, '甲县卫生院达标多少家').answers.map((a) => a.answer)).not.toContain('1家');
    expect(ask(store, '甲县比乙县多几家卫生院达标').across?.result?.formula).toBe('9家 − 6家 = 3家');
    expect(ask(store, '甲县卫生院未达标多少家').answers[0]?.answer).toBe('1家');
  });
});

describe('words around a target and a dose', () => {
  it('…的卫生院要达到30家: the verb of a target is no part of its measure', () => {
    const got = extractFromSentence('到2025年全市达到推荐标准的卫生院要达到30家。', 2023).map((d) => `${d.metric}|${d.answer}|${d.status}`);
    expect(got).toContain('推荐标准的卫生院|30家|target');
  });
  it('打了多少针 asks doses: people vaccinated do not answer it', async () => {
    const text = ['# 溪林市免疫规划工作年报', '', '2023年全年为适龄女生免费接种HPV疫苗1.86万人。', '', '（以上数据均为测试虚构）'].join('\n');
    const store = await storeOf({ 'v.md': text, 'v.meta.json': meta('溪林市免疫规划工作年报') });
    expect(ask(store, '去年全市HPV疫苗打了多少针').answers).toEqual([]);
    expect(ask(store, '2023年全市为适龄女生免费接种HPV疫苗多少人').answers[0]?.answer).toBe('1.86万人');
  });
});

describe('rates under a line of several ratio units', () => {
  it('报告患病率(‰) says its own ‰; the other rates take the line’s %, 同比(百分点) its points', () => {
    const rows = [
      ['县区', '在册患者数', '报告患病率(‰)', '规范管理率', '同比(百分点)', '规律服药率'],
      ['甲县', '2790', '4.50', '93.5', '+1.5', '80.2'],
    ];
    expect(cells(rows, '（单位：人、‰、%）')).toEqual(['在册患者数:2790人:actual', '报告患病率:4.50‰:actual', '规范管理率:93.5%:actual', '规范管理率:+1.5百分点:change', '规律服药率:80.2%:actual']);
  });
});

describe('a hospital’s series', () => {
  const REPORT = page('溪林市人民医院2023年护理工作报告', [
    '<h1>溪林市人民医院2023年护理工作报告</h1>',
    '<p>截至2023年12月31日，全院开放床位680张，注册护士452人，较上年增加34人。</p>',
    '<p>护士职称结构：主任护师3人，副主任护师28人，主管护师136人，护师165人，护士120人。</p>',
    '<table><caption>表1　2021—2023年护理人力</caption>',
    '<tr><th>指标</th><th>2021年</th><th>2022年</th><th>2023年</th></tr>',
    '<tr><td>开放床位（张）</td><td>620</td><td>650</td><td>680</td></tr>',
    '<tr><td>注册护士（人）</td><td>396</td><td>418</td><td>452</td></tr>',
    '<tr><td>住院患者跌倒发生率（‰）</td><td>0.094</td><td>0.079</td><td>0.062</td></tr>',
    '</table>',
    '<p>（以上数据均为测试虚构）</p>',
  ]);
  const hospital = { title: '溪林市人民医院2023年护理工作报告', region: '溪林市', parentRegion: '丰溪省', date: '2024-01' };
  it('护士120人 of a title breakdown is no point of the table’s 注册护士 series', async () => {
    const store = await storeOf({ 'n.html': REPORT, 'n.meta.json': hospital });
    const r = ask(store, '溪林市人民医院护士比上年增长了百分之几');
    expect(r.across?.result?.formula ?? '').not.toContain('120');
  });
  it('同比下降了百分之几 of yearly figures is on the year before', async () => {
    const store = await storeOf({ 'n.html': REPORT, 'n.meta.json': hospital });
    expect(ask(store, '住院患者跌倒发生率同比下降了百分之几').across?.result?.formula).toBe('(0.062‰ − 0.079‰) ÷ 0.079‰ = -21.52%');
  });
  it('a follow-up after a calculation that found nothing still asks on the year before', async () => {
    const store = await storeOf({ 'n.html': REPORT, 'n.meta.json': hospital });
    const followUps = new FollowUps();
    ask(store, '溪林市人民医院护士比上年增长了百分之几', { chat: 'c', followUps });
    expect(ask(store, '床位呢', { chat: 'c', followUps }).across?.result?.formula).toBe('(680张 − 650张) ÷ 650张 = 4.62%');
  });
});

describe('rows named and the words asked of them', () => {
  const REPORT = [
    '# 溪林市卫生监督抽查结果通报',
    '',
    '表1  2023年抽查分专业类别结果（单位：户、件、万元、%）',
    '',
    '| 专业类别 | 任务数 | 合格率 | 罚没款 |',
    '|---|---|---|---|',
    '| 甲类卫生 | 420 | 91.90 | 41.60 |',
    '| 乙类卫生 | 150 | 87.76 | 38.50 |',
    '| 合计 | 570 | 90.80 | 80.10 |',
    '',
    '（以上数据均为测试虚构）',
  ].join('\n');
  it('a row named with a word no column says (罚得多少) answers nothing; a column named answers', async () => {
    const store = await storeOf({ 'j.md': REPORT, 'j.meta.json': meta('溪林市卫生监督抽查结果通报') });
    expect(ask(store, '乙类卫生罚得多少').answers).toEqual([]);
    expect(ask(store, '乙类卫生合格率多少').answers[0]?.answer).toMatch(/^87\.76/);
  });
  it('…nor is a comparison of the rows made on some other column', async () => {
    const store = await storeOf({ 'j.md': REPORT, 'j.meta.json': meta('溪林市卫生监督抽查结果通报') });
    expect(ask(store, '甲类卫生和乙类卫生哪个罚得多').across).toBeUndefined();
  });
});

describe('a sum of things listed', () => {
  it('梅毒 of "甲、乙、梅毒和丁，合计…，占…94.64%" is given no share of its own', async () => {
    const text = [
      '# 溪林市传染病疫情分析',
      '',
      '2023年报告病例数居前4位的乙类传染病依次为百日咳、猩红热、梅毒和淋病，合计8179例，占乙类报告总数的94.64%。',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 'd.md': text, 'd.meta.json': meta('溪林市传染病疫情分析') });
    expect(ask(store, '梅毒占乙类病例的百分之多少').answers).toEqual([]);
  });
  it('…but a part said after the sum (其中…占) is the part’s', async () => {
    const text = [
      '# 溪林市乡村医生队伍调研',
      '',
      '截至2023年底，全市在岗乡村医生和执业（助理）医师合计4735人，其中具备执业（助理）医师资格的1318人，占27.8%。',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 'v.md': text, 'v.meta.json': meta('溪林市乡村医生队伍调研') });
    expect(ask(store, '溪林村医里有执业医师资格的占比多少').answers[0]?.answer).toBe('27.8%');
  });
});

describe('what a ranking ranks', () => {
  const REPORT = [
    '# 溪林市12345热线工单分析',
    '',
    '2024年1—6月，转办工单9846件，已办结9806件，办结率99.6%；按时办结率98.9%。',
    '',
    '全年办件量由2021年的19862件、2022年的21437件增加到2023年的24246件。第一季度办理5318件，第二季度6247件，第三季度6402件，第四季度6279件。',
    '',
    '（以上数据均为测试虚构）',
  ].join('\n');
  it('哪个办结率最低: the measure asked, under other words, is no subject ranked', async () => {
    const store = await storeOf({ 'h.md': REPORT, 'h.meta.json': meta('溪林市12345热线工单分析') });
    expect(ask(store, '办结率最低的是哪个').across).toBeUndefined();
  });
  it('哪个季度最多 ranks no years', async () => {
    const store = await storeOf({ 'h.md': REPORT, 'h.meta.json': meta('溪林市12345热线工单分析') });
    const r = ask(store, '办件量哪个季度最多');
    expect(r.across?.rows.map((x) => x.subject) ?? []).not.toContain('2022年的');
  });
});

describe('the judge’s mixing check', () => {
  it('months ranked are the subjects, no mix of periods; places of two years are', () => {
    const months = { kind: 'rank', rows: [{ subject: '12月', period: '2024年12月' }, { subject: '3月', period: '2024年3月' }] };
    expect(silentMix(months)).toBeUndefined();
    const places = { kind: 'rank', rows: [{ subject: '甲县', period: '2024年' }, { subject: '乙县', period: '2023年' }] };
    expect(silentMix(places)).toMatch(/differ in period/);
  });
  it('a change shown as 6 is the 6.0 wanted; 6.5 is not 6', () => {
    const item = { id: 't', kind: 'trend', q: 'x', after: null, expect: { series: [{ period: '2021', value: '64.2', doc: '1' }, { period: '2023', value: '70.2', doc: '1' }], change: '6.0' } };
    const rows = [{ subject: '甲市', period: '2021年', answer: '64.2', source: { file: '1_a.md' } }, { subject: '甲市', period: '2023年', answer: '70.2', source: { file: '1_a.md' } }];
    const said = (value: string) => judge(item as never, { answers: [], across: { kind: 'trend', rows, result: { value } } } as never, { '1': ['1_a', 'a'] });
    expect(said('2021年至2023年增加6').ok).toBe(true);
    expect(said('2021年至2023年增加6.5').ok).toBe(false);
  });
});

describe('review: mends', () => {
  it('a figure per head or in money never answers 多少人 or 多少元 for want of a unit', async () => {
    const text = [
      '# 甲溪县卫生资源情况',
      '',
      '2023年全县卫生资源情况见下表，金额单位为万元。',
      '',
      '| 乡镇 | 每千人口执业医师 | 医疗收入 |',
      '|---|---|---|',
      '| 东岭镇 | 2.81 | 1520 |',
      '| 西岭镇 | 2.35 | 980 |',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('甲溪县卫生资源情况', '甲溪县') });
    expect(ask(store, '东岭镇执业医师多少人').answers).toEqual([]);
    expect(ask(store, '东岭镇医疗收入多少元').answers).toEqual([]);
  });
  it('（单位：万人） over 常住人口 | 每千人口…: the one unit is the counts’, not the per-head figures’', () => {
    const rows = [['县区', '常住人口', '每千人口床位数'], ['甲溪县', '60.5', '5.21']];
    expect(cells(rows, '（单位：万人）')).toEqual(['常住人口:60.5万人:actual', '每千人口床位数:5.21:actual']);
  });
  it('未达标的卫生院 is no answer about those that reached a standard', async () => {
    const text = ['# 甲溪县卫生院能力建设通报', '', '截至2023年底，全县达到服务能力推荐标准的乡镇卫生院22家，未达标的卫生院8家。', '', '（以上数据均为测试虚构）'].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('甲溪县卫生院能力建设通报', '甲溪县') });
    expect(ask(store, '达到推荐标准的卫生院有几家').answers.map((a) => a.answer)).not.toContain('8家');
    expect(ask(store, '未达标的卫生院有几家').answers[0]?.answer).toBe('8家');
  });
  it('one of a list summed inside the measure (甲和乙共报告620例) gets nothing; all of them, the sum', async () => {
    const text = ['# 甲溪县传染病疫情分析', '', '2023年，手足口病和流行性腮腺炎共报告620例，占丙类的9.1%。', '', '（以上数据均为测试虚构）'].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('甲溪县传染病疫情分析', '甲溪县') });
    expect(ask(store, '手足口病报告多少例').answers).toEqual([]);
    expect(ask(store, '手足口病和流行性腮腺炎共报告多少例').answers[0]?.answer).toBe('620例');
  });
  it('同比 needs the year before: 2019, 2021, 2023 give none', async () => {
    const text = ['# 甲溪县健康素养监测', '', '甲溪县居民健康素养水平2019年为18.2%，2021年为22.5%，2023年为27.9%。', '', '（以上数据均为测试虚构）'].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('甲溪县健康素养监测', '甲溪县') });
    expect(ask(store, '甲溪县居民健康素养水平同比提高了多少').across).toBeUndefined();
  });
  it('哪种疫苗接种率最高 still ranks the vaccines', async () => {
    const text = ['# 甲溪县免疫规划工作情况', '', '2023年全县麻疹疫苗接种率为98.2%，乙肝疫苗接种率为97.5%，脊灰疫苗接种率为96.8%。', '', '（以上数据均为测试虚构）'].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('甲溪县免疫规划工作情况', '甲溪县') });
    expect(ask(store, '哪种疫苗接种率最高').across?.rows.map((r) => r.answer)).toEqual(['98.2%', '97.5%', '96.8%']);
  });
  it('平均每院, 院均, 家均 are one qualifier', async () => {
    const text = ['# 甲溪县卫生资源简报', '', '2023年，全县乡镇卫生院平均每院拥有床位42张。全县共有乡镇卫生院20家，床位840张。', '', '（以上数据均为测试虚构）'].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('甲溪县卫生资源简报', '甲溪县') });
    expect(ask(store, '卫生院平均每家多少张床位').answers[0]?.answer).toBe('42张');
    expect(ask(store, '卫生院院均床位多少张').answers[0]?.answer).toBe('42张');
    expect(ask(store, '卫生院床位多少张').answers[0]?.answer).toBe('840张');
  });
  it('a sentence’s 123.46 and its table’s 123.5 are one figure, rounded: the series holds', async () => {
    const text = [
      '# 甲溪县2023年医疗服务情况通报',
      '',
      '2023年全县医疗机构总诊疗人次123.46万人次，比上年增长4.1%。',
      '',
      '表1　2021—2023年全县医疗机构总诊疗人次（单位：万人次）',
      '',
      '| 年份 | 总诊疗人次 |',
      '|---|---|',
      '| 2021年 | 110.2 |',
      '| 2022年 | 118.6 |',
      '| 2023年 | 123.5 |',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('甲溪县2023年医疗服务情况通报', '甲溪县') });
    expect(ask(store, '甲溪县总诊疗人次这几年的变化').across?.rows.length).toBe(3);
  });
  it('哪个县区…提高最多 ranks a bare 提高 column', async () => {
    const text = [
      '# 溪林市居民健康素养监测结果',
      '',
      '2023年全市居民健康素养水平继续提升，各县区结果见下表。',
      '',
      '表3　2022—2023年各县区居民健康素养水平（单位：%、百分点）',
      '',
      '| 县区 | 2022年 | 2023年 | 提高 |',
      '|---|---|---|---|',
      '| 甲县 | 24.1 | 27.5 | 3.4 |',
      '| 乙县 | 29.8 | 31.0 | 1.2 |',
      '| 丙县 | 21.0 | 25.9 | 4.9 |',
      '| 全　市 | 25.6 | 28.3 | 2.7 |',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市居民健康素养监测结果') });
    expect(ask(store, '哪个县区居民健康素养水平提高最多').across?.rows.map((r) => r.subject)).toEqual(['丙县', '甲县', '乙县']);
  });
  it('2023年水平, 2023年实际 stay the year’s levels, no measures', () => {
    expect(cells([['指标', '2023年水平'], ['人均预期寿命', '78.6']])).toEqual(['人均预期寿命:78.6:actual']);
  });
});

describe('round 9: totals, kinds and local cases', () => {
  const SPECIALTIES = [
    '# 溪林市县级医院重点专科建设进展',
    '',
    '2023年各县重点专科建设情况见下表。',
    '',
    '（单位：个、%、万元）',
    '',
    '| 县 | 省级重点专科 | 市级重点专科 | 合计 | 2023年目标 | 目标完成率 |',
    '|---|---|---|---|---|---|',
    '| 甲县 | 3 | 7 | 10 | 10 | 100.0 |',
    '| 乙县 | 2 | 6 | 8 | 9 | 88.9 |',
    '| 丙县 | 1 | 4 | 5 | 6 | 83.3 |',
    '',
    '（以上数据均为测试虚构）',
  ].join('\n');
  it('a 合计 after 省级… | 市级… totals what they share, and answers the bare measure', async () => {
    const store = await storeOf({ 's.md': SPECIALTIES, 's.meta.json': meta('溪林市县级医院重点专科建设进展') });
    expect(ask(store, '甲县重点专科多少个').answers[0]?.answer).toBe('10');
    expect(ask(store, '甲县和乙县谁的重点专科多').across?.rows.map((r) => r.answer)).toEqual(['10', '8']);
  });
  it('哪一类建得最多 never ranks the places', async () => {
    const store = await storeOf({ 's.md': SPECIALTIES, 's.meta.json': meta('溪林市县级医院重点专科建设进展') });
    expect(ask(store, '重点专科里哪一类建得最多').across).toBeUndefined();
  });
  it('本地病例 asked: the total of local and imported cases is no answer', async () => {
    const text = [
      '# 溪林市登革热防控工作总结',
      '',
      '2023年全市共报告登革热病例127例，其中本地病例96例、输入病例31例。',
      '',
      '| 年份 | 病例总数 | 其中：本地病例 | 其中：输入病例 |',
      '|---|---|---|---|',
      '| 2022年 | 61 | 40 | 21 |',
      '| 2023年 | 127 | 96 | 31 |',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 'd.md': text, 'd.meta.json': meta('溪林市登革热防控工作总结') });
    expect(ask(store, '本地登革热病例比前一年多了百分之几').across?.result?.formula ?? '').not.toContain('127');
  });
  it('老城区 is a district ranked like the others', async () => {
    const text = [
      '# 溪林市预防接种门诊规范化建设通报',
      '',
      '2023年各区规范化达标情况见下表。',
      '',
      '| 区 | 规范化达标率（%） |',
      '|---|---|',
      '| 老城区 | 100.0 |',
      '| 西工区 | 90.0 |',
      '| 东岭区 | 80.0 |',
      '',
      '（以上数据均为测试虚构）',
    ].join('\n');
    const store = await storeOf({ 'v.md': text, 'v.meta.json': meta('溪林市预防接种门诊规范化建设通报') });
    expect(ask(store, '规范化达标率最高的是哪个区').across?.rows[0]?.subject).toBe('老城区');
  });
});

describe('re-review: mends', () => {
  const report = (body: string[]) => ['# 甲溪县卫生健康统计简报', '', ...body, '', '（以上数据均为测试虚构）'].join('\n');
  const county = meta('甲溪县卫生健康统计简报', '甲溪县');
  it('卫生院均配备 and 均次费用 are no per-institution figures', async () => {
    const store = await storeOf({ 'r.md': report(['2023年，全县乡镇卫生院均配备全科医生96名。全县二级医院均次住院费用为6520元。']), 'r.meta.json': county });
    expect(ask(store, '乡镇卫生院平均每家配备多少名全科医生').answers).toEqual([]);
    expect(ask(store, '二级医院次均住院费用是多少元').answers[0]?.answer).toBe('6520元');
  });
  it('2023年死亡 is a measure in 2023, not the year’s column of the row', () => {
    expect(cells([['县区', '2023年出生', '2023年死亡'], ['甲溪县', '3560', '4120']])).toEqual(['出生:3560:actual', '死亡:4120:actual']);
  });
  it('a caption numbered 表3-1 still names the measure of a place’s row over years', async () => {
    const store = await storeOf({
      'r.md': report(['2023年各县区结果见下表。', '', '表3-1 2022—2023年各县区居民健康素养水平（单位：%）', '', '| 县区 | 2022年 | 2023年 |', '|---|---|---|', '| 甲溪县 | 24.1 | 27.5 |', '| 乙河县 | 29.8 | 31.0 |']),
      'r.meta.json': meta('溪林市居民健康素养监测结果'),
    });
    expect(ask(store, '甲溪县2023年居民健康素养水平是多少').answers[0]?.answer).toBe('27.5%');
  });
  it('合计 after 门诊人次 | 急诊人次 totals no 诊人次; one over a measure’s years is of no year', () => {
    expect(cells([['县区', '门诊人次', '急诊人次', '合计'], ['甲溪县', '80.1', '11.4', '91.5']]).map((c) => c.split(':')[0])).not.toContain('诊人次合计');
    expect(cells([['县区', '2023年新增床位', '2024年新增床位', '合计'], ['甲溪县', '120', '150', '270']]).map((c) => c.split(':')[0])).not.toContain('新增床位合计');
  });
  it('县中医院 of 县医院和县中医院共完成… gets no share of the sum', async () => {
    const store = await storeOf({ 'r.md': report(['2023年，全县县医院和县中医院共完成手术1.2万台次。']), 'r.meta.json': county });
    expect(ask(store, '县中医院完成手术多少台次').answers).toEqual([]);
  });
  it('a per-head column keeps the line’s unit when the count beside it says its own', () => {
    expect(cells([['县区', '常住人口（万人）', '每千人口执业医师'], ['甲溪县', '45.2', '2.81']], '（单位：人）')).toEqual(['常住人口:45.2万人:actual', '每千人口执业医师:2.81人:actual']);
  });
  it('不合格 trimmed off the measure still marks those that did not', async () => {
    const store = await storeOf({ 'r.md': report(['2023年全县合格村卫生室120家，不合格村卫生室5家。']), 'r.meta.json': county });
    expect(ask(store, '合格村卫生室有几家').answers.map((a) => a.answer)).not.toContain('5家');
  });
});
