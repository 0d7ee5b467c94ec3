import { describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import { storeOf } from './helpers/store.js';
import { deriveInstitution, deriveMeta } from '../src/reports/metadata.js';
import { cleanReport } from '../src/reports/clean.js';
import { statusOf } from '../src/extract/status.js';

// Invented reports for what session 37's blind sets showed; every name and figure is made up.
const meta = (title: string, region = '溪林市') => ({ title, region, parentRegion: '丰溪省', date: '2024-03' });
const END = '（以上数据均为测试虚构）';

describe('a ranked column is of what the question counts', () => {
  const REPORT = [
    '# 溪林市2023年度放射卫生监测年报',
    '',
    '全市共有持证放射诊疗机构120家。',
    '',
    '表1 2023年各县区放射诊疗机构、放射工作人员及设备情况',
    '',
    '| 县区 | 机构数 | 放射工作人员 | 放射诊疗设备 |',
    '| --- | --- | --- | --- |',
    '| 溪北县 | 40 | 300 | 90 |',
    '| 丰南县 | 50 | 260 | 70 |',
    '| 柳河县 | 30 | 280 | 110 |',
    '| 全市 | 120 | 840 | 270 |',
    '',
    END,
  ].join('\n');
  it('机构 asked ranks the 机构数 column, not the column that shares more of the words before it', async () => {
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市2023年度放射卫生监测年报') });
    const r = ask(store, '放射诊疗机构哪个县最多');
    expect(r.across?.rows[0]?.subject).toBe('丰南县');
    expect(r.across?.rows[0]?.answer).toMatch(/^50/);
    // (设备 asked is the 设备 column.)
    expect(ask(store, '放射诊疗设备哪个县最多').across?.rows[0]?.subject).toBe('柳河县');
  });
});

describe('a hospital named in its title by its other name', () => {
  it.each([
    ['溪林市精神卫生中心（溪林市第三人民医院）2023年工作报告', '溪林市第三人民医院'],
    ['溪林市第二人民医院2023年工作总结', '溪林市第二人民医院'],
    // (A centre that is no hospital, and a bracket that names no hospital, name no subject.)
    ['溪林市疾病预防控制中心（溪林市卫生监督所）2023年工作总结', undefined],
  ])('%s → %s', (title, subject) => {
    expect(deriveInstitution(title, '')?.subject).toBe(subject);
  });

  const REPORT = [
    '# 溪林市精神卫生中心（溪林市第三人民医院）2023年工作报告',
    '',
    '全年门诊120000人次，出院5000人次。',
    '',
    '表1 2021—2023年主要业务量',
    '',
    '| 年份 | 门诊人次 | 出院人次 |',
    '| --- | --- | --- |',
    '| 2021年 | 100000 | 4200 |',
    '| 2022年 | 110000 | 4600 |',
    '| 2023年 | 120000 | 5000 |',
    '',
    '表2 2023年各县严重精神障碍患者管理情况',
    '',
    '| 县区 | 在册患者数 | 规范管理率（%） |',
    '| --- | --- | --- |',
    '| 溪北县 | 1200 | 93.5 |',
    '| 丰南县 | 900 | 95.1 |',
    '| 柳河县 | 800 | 91.2 |',
    '',
    END,
  ].join('\n');
  const files = { 'h.md': REPORT, 'h.meta.json': meta('溪林市精神卫生中心（溪林市第三人民医院）2023年工作报告') };

  it('三院, as staff shorten it, is asked of that hospital; its outpatient series joins the sentence and the table', async () => {
    const store = await storeOf(files);
    const r = ask(store, '三院门诊量这几年怎么变');
    expect(r.across?.rows.map((x) => x.answer.replace(/人次$/, ''))).toEqual(['100000', '110000', '120000']);
  });
  it('a county’s row in the hospital’s report is the county’s figure', async () => {
    const store = await storeOf(files);
    const facts = store.facts.filter((f) => f.region === '丰南县' && f.metric.includes('规范管理率'));
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts) expect(f.subject).toBeUndefined();
    expect(ask(store, '溪北县和丰南县规范管理率哪个高').across?.rows.map((x) => x.answer).sort()).toEqual(['93.5%', '95.1%']);
  });
  it('三院 asked of a figure only another hospital’s report gives is not answered', async () => {
    const other = ['# 溪林市溪东区人民医院2023年工作总结', '', '我院门诊次均费用231.4元。我院全年出院3000人次。我院…', '', END].join('\n');
    const store = await storeOf({ ...files, 'o.md': other, 'o.meta.json': meta('溪林市溪东区人民医院2023年工作总结') });
    expect(ask(store, '三院门诊次均费用多少').answers).toEqual([]);
  });
});

describe('differences of counts, and how well a thing is done', () => {
  const REPORT = [
    '# 溪林市2023年乡镇卫生院服务能力评价通报',
    '',
    '全市参评乡镇卫生院30家，达标20家，各县情况见表1。',
    '',
    '表1 各县乡镇卫生院达标情况',
    '',
    '| 县区 | 参评卫生院数 | 达标数 | 达标率（%） | 问题数 | 已整改数 | 整改率（%） |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    '| 溪北县 | 12 | 9 | 75.0 | 40 | 38 | 95.0 |',
    '| 丰南县 | 10 | 5 | 50.0 | 30 | 24 | 80.0 |',
    '| 柳河县 | 8 | 6 | 75.0 | 20 | 20 | 100.0 |',
    '',
    END,
  ].join('\n');
  const files = { 'r.md': REPORT, 'r.meta.json': meta('溪林市2023年乡镇卫生院服务能力评价通报') };
  it('多几家 asks the difference of the counts, not of the rates', async () => {
    const store = await storeOf(files);
    const r = ask(store, '溪北县比丰南县多几家卫生院达标');
    expect(r.across?.rows.map((x) => x.answer.replace(/家$/, ''))).toEqual(['9', '5']);
  });
  it('整改得怎么样 compares the share done', async () => {
    const store = await storeOf(files);
    const r = ask(store, '溪北县和丰南县问题整改得怎么样');
    expect(r.across?.rows.map((x) => x.answer)).toEqual(['95.0%', '80.0%']);
  });
});

describe('periods and plans said around a figure', () => {
  it.each([
    [{ before: '县中医医院新院区设计床位', near: '县中医医院新院区设计床位', unit: '张' }, 'target'],
    [{ before: '规划床位', near: '规划床位', unit: '张' }, 'target'],
    // (A plan's word before a measure done, 按规划新建, plans nothing.)
    [{ before: '全年已按规划新建村卫生室', near: '全年已按规划新建村卫生室', unit: '个' }, 'actual'],
    [{ before: '“十四五”规划实施以来，全县新增床位', near: '全县新增床位', unit: '张' }, 'actual'],
    [{ before: '免疫规划疫苗接种', near: '免疫规划疫苗接种', unit: '剂次' }, 'actual'],
  ])('%j → %s', (args, status) => {
    expect(statusOf(args)).toBe(status);
  });

  it('an undated figure said against 比2022年的… is of 2023, and its growth is reckoned from it', async () => {
    const REPORT = [
      '# 溪北县人民政府关于全县卫生健康工作情况的报告',
      '',
      '全县医疗卫生机构实有床位3300张，比2022年的3000张增加300张。以上7家卫生院合计床位420张。',
      '',
      '县人民医院新院区规划床位1200张。',
      '',
      END,
    ].join('\n');
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪北县人民政府关于全县卫生健康工作情况的报告', '溪北县') });
    const bed = store.facts.find((f) => f.answer === '3300张');
    expect(bed?.time?.year).toBe(2023);
    expect(ask(store, '溪北县床位比上年增长了百分之几').across?.result?.value).toMatch(/^10(?:\.0+)?%$/);
  });

  it('the target said with the latest figure is the one its gap is reckoned to', async () => {
    const REPORT = [
      '# 溪林市2024年长期护理保险试点运行报告',
      '',
      '截至2024年底，全市长期护理保险参保人数95.6万人，完成年度目标（96万人）的99.6%。',
      '',
      '2024年全市享受长期护理保险待遇4200人，超额完成年度目标（4000人）。',
      '',
      END,
    ].join('\n');
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市2024年长期护理保险试点运行报告') });
    expect(ask(store, '长期护理保险参保人数离年度目标还差多少').across?.result?.value).toBe('还差0.4万人');
  });
});

describe('codes and grades said whole', () => {
  const REPORT = [
    '# 溪林市2023年病原微生物实验室生物安全检查通报',
    '',
    '全市共有BSL-2实验室40个，已备案38个。',
    '',
    '急诊预检分级中，I级患者500人次，II级患者1500人次，III级患者8000人次。I级、II级患者合计占全部急诊患者的20.0%。',
    '',
    END,
  ].join('\n');
  it('BSL-3 is not answered by a figure of BSL-2', async () => {
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市2023年病原微生物实验室生物安全检查通报') });
    expect(ask(store, '全市有几个BSL-3实验室').answers).toEqual([]);
    expect(ask(store, '全市BSL-2实验室有多少个').answers.length).toBeGreaterThan(0);
  });
  it('III级 is not answered by what I级 and II级 share', async () => {
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市2023年病原微生物实验室生物安全检查通报') });
    expect(ask(store, 'III级患者占全部急诊患者的比例').answers.map((a) => a.answer)).not.toContain('20.0%');
    expect(ask(store, 'III级患者多少人次').answers[0]?.answer).toBe('8000人次');
  });
});

describe('a transcript’s title and a table’s line of units', () => {
  it('a title ending on 摘要 is the report’s title, not a paragraph joined to the next', () => {
    const text = [
      '溪林市政协“基层医疗卫生服务”专题协商会情况通报与委员发言摘要',
      '',
      '时间：2024年6月20日',
      '地点：溪林市政协会议中心',
      '出席：部分市政协委员，市卫生健康局、市医保局负责同志，各县卫生健康局主要负责同志',
      '',
      '【主持人】某某（市政协副主席）：',
      '今天围绕基层医疗卫生服务开展协商。',
    ].join('\n');
    const blocks = cleanReport(text);
    expect(blocks[0]).toMatchObject({ kind: 'heading', text: '溪林市政协“基层医疗卫生服务”专题协商会情况通报与委员发言摘要' });
    expect(deriveMeta(blocks, 'x').title).toBe('溪林市政协“基层医疗卫生服务”专题协商会情况通报与委员发言摘要');
  });
  it('a second header line of units in brackets goes with the last columns', () => {
    // (Two units printed as one cell, （万人次） （%）, are still two columns' units.)
    const text = [
      '------------------------------------------',
      '受援医院         派驻专家  帮扶项目  门诊人次   门诊同比',
      '                 （人次）  （个）    （万人次） （%）',
      '------------------------------------------',
      '甲县人民医院       12        3       40.5      6.0',
      '乙县人民医院       10        4       35.2      5.1',
    ].join('\n');
    const table = cleanReport(text).find((b) => b.kind === 'table');
    expect(table?.rows?.[0]).toEqual(['受援医院', '派驻专家(人次)', '帮扶项目(个)', '门诊人次(万人次)', '门诊同比(%)']);
    expect(table?.rows?.[1]?.[0]).toBe('甲县人民医院');
  });
  it('a units line that does not fit the columns is no units line', () => {
    const text = [
      '------------------------------------------',
      '受援医院         派驻专家  帮扶项目  门诊人次',
      '  （人次）  （个）    （万人次） （%）  （台）',
      '------------------------------------------',
      '甲县人民医院       12        3       40.5',
      '乙县人民医院       10        4       35.2',
    ].join('\n');
    const table = cleanReport(text).find((b) => b.kind === 'table');
    expect(table?.rows?.[0]?.slice(1)).not.toContain('派驻专家(人次)');
  });
});

describe('review: mends', () => {
  it('a group led by a hospital (医共体（甲县人民医院）) is not the hospital', () => {
    expect(deriveInstitution('溪北县紧密型医共体（溪北县人民医院）2023年工作总结', '')).toBeUndefined();
  });
  it('a hospital’s own table by district (我院门诊患者来源) stays the hospital’s', async () => {
    const REPORT = [
      '# 溪林市第二人民医院2023年工作总结',
      '',
      '2023年，我院全年门诊150万人次，出院8万人次。我院对口帮扶工作扎实推进。',
      '',
      '表1 2023年我院门诊患者来源情况',
      '',
      '| 县区 | 门诊人次 | 出院人次 |',
      '| --- | --- | --- |',
      '| 溪北县 | 600000 | 30000 |',
      '| 丰南县 | 400000 | 20000 |',
      '| 柳河县 | 200000 | 10000 |',
      '',
      END,
    ].join('\n');
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市第二人民医院2023年工作总结') });
    for (const f of store.facts.filter((x) => x.region === '丰南县')) expect(f.subject).toBe('溪林市第二人民医院');
    expect(ask(store, '丰南县门诊人次是多少').answers).toEqual([]);
  });
  it('a part’s measure read with its unit (专家门诊人次) joins no series of the whole', async () => {
    const REPORT = [
      '# 溪北县人民医院2023年工作总结',
      '',
      '全年专家门诊32000人次，发热门诊8000人次。我院…我院…我院…',
      '',
      '| 年份 | 门诊人次 | 出院人次 |',
      '| --- | --- | --- |',
      '| 2021年 | 250000 | 9000 |',
      '| 2022年 | 280000 | 9800 |',
      '',
      END,
    ].join('\n');
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪北县人民医院2023年工作总结', '溪北县') });
    const rows = ask(store, '县人民医院门诊人次这几年怎么变').across?.rows.map((r) => r.answer.replace(/人次$/, ''));
    expect(rows).toEqual(['250000', '280000']);
  });
  it('比2020年 in a later year’s report dates nothing', async () => {
    const REPORT = ['# 溪北县卫生健康事业发展情况', '', '全县医疗卫生机构实有床位3300张，比2020年增加600张。', '', END].join('\n');
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪北县2024年卫生健康事业发展情况', '溪北县') });
    expect(store.facts.find((f) => f.answer === '3300张')?.time?.year).not.toBe(2021);
  });
  it('a later year’s target said beside the latest figure is not the nearest', async () => {
    const REPORT = [
      '# 溪北县2023年卫生健康工作总结',
      '',
      '2023年，全县实有床位3300张，每千人口床位5.1张，到2030年全县床位达到4000张。',
      '',
      '2024年工作目标：全县实有床位达到3450张。',
      '',
      END,
    ].join('\n');
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪北县2023年卫生健康工作总结', '溪北县') });
    expect(ask(store, '溪北县床位离目标还差多少').across?.result?.value).toBe('还差150张');
  });
  it('a code typed without its hyphen (bsl2) is the same code, and another number is another code', async () => {
    const REPORT = ['# 溪北县2023年疾病预防控制工作总结', '', '县疾控中心建成BSL-2实验室3个。全年接种二价HPV疫苗5200剂次。', '', END].join('\n');
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪北县2023年疾病预防控制工作总结', '溪北县') });
    expect(ask(store, '溪北县bsl2实验室有几个').answers[0]?.answer).toBe('3个');
    expect(ask(store, '溪北县BSL3实验室有几个').answers).toEqual([]);
    expect(ask(store, '溪北县HPV9疫苗接种了多少剂次').answers).toEqual([]);
  });
  it('each code of a list its own figure (BSL2实验室3个、BSL3实验室1个)', async () => {
    const REPORT = ['# 溪北县2023年疾病预防控制工作总结', '', '县疾控中心建成BSL2实验室3个、BSL3实验室1个。', '', END].join('\n');
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪北县2023年疾病预防控制工作总结', '溪北县') });
    expect(ask(store, '溪北县bsl2实验室有几个').answers[0]?.answer).toBe('3个');
    expect(ask(store, '溪北县BSL-3实验室有几个').answers[0]?.answer).toBe('1个');
  });
  const TABLE = [
    '# 溪林市2023年基层卫生服务情况通报',
    '',
    '2023年，全市基层医疗卫生服务能力持续提升，各县情况见下表。',
    '',
    '| 县区 | 门诊人次 | 医师人数 | 建档人数 |',
    '| --- | --- | --- | --- |',
    '| 溪北县 | 52000 | 310 | 300000 |',
    '| 丰南县 | 47000 | 350 | 500000 |',
    '| 柳河县 | 60000 | 290 | 450000 |',
    '',
    END,
  ].join('\n');
  it('多几人次 asks visits, not people', async () => {
    const store = await storeOf({ 'r.md': TABLE, 'r.meta.json': meta('溪林市2023年基层卫生服务情况通报') });
    expect(ask(store, '溪北县门诊比丰南县多几人次').across?.result?.value).toMatch(/5000/);
  });
  it('得怎么样 of a table with no share compares what there is', async () => {
    const store = await storeOf({ 'r.md': TABLE, 'r.meta.json': meta('溪林市2023年基层卫生服务情况通报') });
    expect(ask(store, '溪北县和丰南县医师配备得怎么样').across?.rows.map((r) => r.answer)).toEqual(['310', '350']);
  });
  it('a section heading saying 全院 leaves a county table the counties’; only the caption makes it the hospital’s', async () => {
    const REPORT = [
      '# 溪林市第二人民医院2023年工作总结',
      '',
      '2023年，我院全年门诊150万人次，出院8万人次。我院…我院…',
      '',
      '## 三、全院公共卫生工作',
      '',
      '全院指导基层开展严重精神障碍患者管理，各县情况如下。',
      '',
      '| 县区 | 在册患者数 | 规范管理率（%） |',
      '| --- | --- | --- |',
      '| 溪北县 | 3200 | 92.1 |',
      '| 丰南县 | 2500 | 90.4 |',
      '| 柳河县 | 1900 | 88.7 |',
      '',
      END,
    ].join('\n');
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市第二人民医院2023年工作总结') });
    expect(ask(store, '丰南县在册患者数是多少').answers[0]?.answer).toMatch(/^2500/);
    expect(ask(store, '溪林市第二人民医院在册患者数是多少').answers).toEqual([]);
  });
  it('比2022年 in a report written late in 2023 dates the figure 2023', async () => {
    const REPORT = ['# 溪北县卫生健康工作汇报', '', '全县医疗卫生机构实有床位3300张，比2022年的3000张增加300张。', '', END].join('\n');
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': { title: '溪北县卫生健康工作汇报', region: '溪北县', parentRegion: '溪林市', date: '2023-12' } });
    expect(store.facts.find((f) => f.answer === '3300张')?.time?.year).toBe(2023);
  });
  it('a units row under the figures that end the rows, after a 序号 column', () => {
    // (As a page's table reads once its empty cells are dropped.)
    const text = ['| 序号 | 县区 | 门诊人次 | 同比增长 |', '| （万人次） | （%） |', '| 1 | 甲县 | 5.2 | 3.1 |', '| 2 | 乙县 | 4.7 | 6.2 |'].join('\n');
    const table = cleanReport(text).find((b) => b.kind === 'table');
    expect(table?.rows?.[0]).toEqual(['序号', '县区', '门诊人次(万人次)', '同比增长(%)']);
  });
  it('a units row that dropped its empty cells is left as it is', () => {
    const text = [
      '------------------------------------------',
      '县区       门诊人次   同比增长   位次',
      '           （万人次） （%）',
      '------------------------------------------',
      '甲县       5.2        3.1        2',
      '乙县       4.7        6.2        3',
    ].join('\n');
    const table = cleanReport(text).find((b) => b.kind === 'table');
    expect(table?.rows?.[0]).not.toContain('位次(%)');
  });
});
