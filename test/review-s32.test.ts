import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ask, FollowUps } from '../src/core/ask.js';
import { acrossFrameOf } from '../src/across/frame.js';
import { enumerationsInDocs } from '../src/across/enumeration.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { parseQuestion } from '../src/match/question.js';
import { deriveMeta, titleRegion } from '../src/reports/metadata.js';
import { cleanReport } from '../src/reports/clean.js';
import { storeFrom, storeOf } from './helpers/store.js';

// Invented reports for what session 32's blind sets showed; every name and figure is made up
// (test/fixtures/review-s32: a district's open-government report with box and markdown tables, a
// hospital's quality report with a list of its own, a table of three years, an immunization report).
const year = { label: '2024年5月', year: 2024 };
const cells = (rows: string[][], unitLine?: string) => tableFacts(rows, year, unitLine).map((c) => `${c.metric}:${c.answer}`);

const DISEASES = [
  ['类别', '病种', '发病数', '发病率', '上月发病数', '去年同期发病数', '同比增减'],
  ['甲类', '小计', '0', '0.00', '0', '0', '—'],
  ['乙类', '甲型病', '30', '4.10', '28', '32', '-6.25'],
  ['乙类', '乙型病', '12', '1.64', '9', '10', '+20.00'],
  ['乙类', '小计', '42', '5.74', '37', '41', '+2.44'],
  ['丙类', '丙型病', '88', '12.02', '120', '98', '-10.20'],
  ['丙类', '丁型病', '20', '2.73', '15', '19', '+5.26'],
  ['丙类', '小计', '108', '14.75', '135', '117', '-7.69'],
  ['合计', '', '150', '20.49', '172', '158', '-5.06'],
];

describe('tables', () => {
  it('rows of a group column and a name column are named by the name, though each group has its 小计', () => {
    expect(cells(DISEASES).filter((c) => c.startsWith('丙型病'))).toEqual(['丙型病发病数:88', '丙型病发病率:12.02', '丙型病上月发病数:120', '丙型病发病数:98', '丙型病发病数:-10.20%']);
    // (-10.20 is the fall from 98 to 88 in %, as the row's own figures show.)
    expect(cells(DISEASES)).toContain('乙类小计发病数:42');
  });
  it('a unit line of one unit of each kind gives counts the count’s, rates the rate’s, changes the %', () => {
    expect(cells(DISEASES, '（单位：例、1/10万、%）').filter((c) => c.startsWith('丙型病'))).toEqual(['丙型病发病数:88例', '丙型病发病率:12.02/10万', '丙型病上月发病数:120例', '丙型病发病数:98例', '丙型病发病数:-10.20%']);
  });
  it('units of two counts for more count columns than units are no one’s', () => {
    expect(cells([['地区', '门诊量', '住院量', '体检量'], ['甲', '1', '2', '3'], ['乙', '4', '5', '6']], '（单位：人次、人）')).toEqual(['甲门诊量:1', '甲住院量:2', '甲体检量:3', '乙门诊量:4', '乙住院量:5', '乙体检量:6']);
  });
  it('a bare count under a measure of so many 件 or 例 is in them', () => {
    expect(cells([['类别', '制发件数', '病例数'], ['甲', '3', '12'], ['乙', '4', '8.5']])).toEqual(['甲制发件数:3件', '甲病例数:12例', '乙制发件数:4件', '乙病例数:8.5']);
  });
});

const BULLETIN = [
  '溪林区2024年5月法定传染病疫情月报',
  '溪林区疾病预防控制中心　2024年6月5日',
  '一、总体情况',
  '2024年5月全区共报告法定传染病150例，报告发病率20.49/10万。报告病例数居前三位的病种依次为：丙型病、甲型病、丁型病。',
  '甲型病30例，其中甲一型18例、甲二型9例、甲三型3例。',
  '二、分病种报告情况',
  '表1　2024年5月溪林区法定传染病报告情况（单位：例、1/10万、%）',
  ...DISEASES.map((r) => r.join('\t')),
  '（以上数据均为测试虚构）',
].join('\n');

describe('rankings a report states', () => {
  it('the report’s own ranking of the measure asked outranks a part’s parts', async () => {
    const store = await storeOf({ '1_xilin_yuebao.txt': BULLETIN });
    const rows = ask(store, '溪林5月哪种传染病报得最多').across?.rows.map((r) => r.subject);
    expect(rows?.[0]).toBe('丙型病');
    expect(rows).not.toContain('甲一型');
  });
});

describe('text tables', () => {
  it('a table drawn in box characters is read as tables under its one-cell captions', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '溪林卫健委行政许可处理决定多少').answers[0]?.answer).toBe('3120');
    expect(ask(store, '溪林卫健委现行有效的行政规范性文件有多少件').answers[0]?.answer).toBe('17件');
  });
  it('a barred row naming a section, and one with a long cell, stay in their table; row numbers and notes name nothing', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '溪林卫健委予以公开的申请有多少件').answers[0]?.answer).toBe('80件');
    expect(ask(store, '溪林卫健委部分公开的申请有多少件').answers[0]?.answer).toBe('25件');
    expect(ask(store, '溪林卫健委办理结果总计多少件').answers[0]?.answer).toBe('228件');
  });
  it('the whole said first (乙里，甲占多少) is a share', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '溪林卫健委本年新收的政府信息公开申请里，自然人申请的占多少').across?.result?.value).toBe('83.33%');
  });
});

describe('lists', () => {
  it('items said as name：figure； under a lead line of their own make one list, led by that line', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    const rows = (q: string) => ask(store, q).across?.rows.map((r) => `${r.subject}:${r.answer}`);
    expect(rows('哪一类不良事件报得最多')?.slice(0, 3)).toEqual(['甲类相关事件:160例', '乙类损伤:120例', '跌倒/坠床:90例']);
    expect(rows('哪一级不良事件最多')?.[0]).toBe('IV级事件:300例');
    expect(rows('哪一类不良事件上报最多')?.[0]).toBe('甲类相关事件:160例');
  });
  it('a figure per so many people is no item of a list beside a total', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '哪个不良事件上报最多').across?.rows.map((r) => r.answer)).not.toContain('2.10例');
  });
});

describe('follow-ups', () => {
  it('a follow-up that names no time keeps the years the last change was asked between', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    const followUps = new FollowUps();
    expect(ask(store, '去年出院人次比上年增长了百分之几', { chat: 'c', followUps }).across?.result?.value).toBe('20%');
    expect(ask(store, '手术例数呢？', { chat: 'c', followUps }).across?.result?.value).toBe('25%');
  });
});

describe('words no report says', () => {
  it('the heaviest word asked, said by no report, near no figure: no answer', async () => {
    // (The report alone: how heavy a word weighs depends on the reports beside it.)
    const dir = 'test/fixtures/review-s32/';
    const store = await storeOf({ '5_xilin_mianyi.txt': readFileSync(`${dir}5_xilin_mianyi.txt`, 'utf8'), '5_xilin_mianyi.meta.json': JSON.parse(readFileSync(`${dir}5_xilin_mianyi.meta.json`, 'utf8')) as object });
    expect(ask(store, '溪林区去年乙脑疫苗接种率多少').answers).toEqual([]);
    expect(ask(store, '溪林区去年国家免疫规划疫苗报告接种率多少').answers[0]?.answer).toBe('95%以上');
  });
});

describe('a hospital’s infection report', () => {
  it('a line naming a hospital above the title gives the report’s place and hospital', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    const doc = [...store.docs.values()].find((d) => d.id.startsWith('6_'))!;
    expect([doc.meta.title, doc.meta.region, doc.meta.subject]).toEqual(['丰溪市溪林区人民医院2024年第三季度医院感染监测报告', '溪林区', '丰溪市溪林区人民医院']);
  });
  it('…but not when the report names that hospital again among others (a 医共体’s members)', () => {
    const meta = deriveMeta(cleanReport('丙山县人民医院\n2024年县域医共体运行报告\n\n我院牵头的医共体运行平稳，全院门诊量稳步增长，本院…\n\n丙山县人民医院\t52\n东关镇卫生院\t18\n合计\t70\n'), 'x');
    expect(meta.subject).toBeUndefined();
  });
  it('a table that breaks a sentence’s figure down (its 合计 is that figure) is what is ranked, without the hospital’s own row', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    const rows = ask(store, '溪林区人民医院哪类人员手卫生做得最差').across?.rows.map((r) => `${r.subject}:${r.answer}`);
    expect(rows?.slice(0, 2)).toEqual(['工勤人员:70.0%', '医技人员:76.0%']);
    expect(rows?.some((r) => r.startsWith('丰溪市溪林区人民医院'))).toBe(false);
  });
  it('figures named only by their status (目标值, 实际完成) measure the line’s label', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    const facts = store.facts.filter((f) => f.docId.startsWith('6_') && f.metric === '多重耐药菌检出率').map((f) => `${f.answer}:${f.status}`);
    expect(facts).toEqual(['12%:target', '10.6%:actual']);
  });
  it('a month’s end with no year is of the report’s year', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(store.facts.find((f) => f.docId.startsWith('6_') && f.answer === '8200人次')?.time?.label).toBe('2024年9月末');
  });
});

describe('a county table under a section title, and a kind that heads a table', () => {
  it('a section title with a list in brackets is a heading, and the caption and unit line below it stay apart', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    const blocks = store.blocks.get('7_xilin_zhiyebing.txt')!.map((b) => `${b.kind}:${b.text}`);
    expect(blocks).toContain('heading:2. 分县(市、区)情况');
    expect(store.facts.find((f) => f.docId.startsWith('7_') && f.answer.startsWith('9000'))?.answer).toBe('9000人');
  });
  it('a rate asked ranks the rate’s column, though it ends on other words', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '丰溪在岗体检率最低的是哪个县').across?.rows[0]?.subject).toBe('丙溪县');
  });
  it('甲比乙少了百分之几 is worked on 乙, the one after 比', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '丰溪三公经费决算比预算少了百分之几').across?.result?.formula).toBe('(60.00万元 − 80.00万元) ÷ 80.00万元 = -25%');
  });
  it('a kind no name shows that heads a table’s first column is what its rows are', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '哪种血型的献血者最多').across?.rows.map((r) => r.subject).slice(0, 2)).toEqual(['O型', 'A型']);
  });
  it('多少次车 asks for times, though jieba glues 次 to 车', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    const ctx = { intents: store.intents, regions: store.regions, index: store.index };
    expect(parseQuestion('丰溪平均每辆救护车一年出多少次车', ctx).accepts?.classes).toEqual(['visit', 'person']);
    expect(parseQuestion('多少名医基层工作站', ctx).accepts).toBeUndefined();
  });
});

describe('an emergency centre’s report', () => {
  it('甲和乙谁出车多: two names that end alike are the two things compared, each asked on its own', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '东山分站和西岭分站谁出车多？').across?.rows.map((r) => `${r.subject}:${r.answer}`)).toEqual(['东山分站:6000次', '西岭分站:4000次']);
  });
  it('它俩…分别多少 with nothing to point back to gets no one figure', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '它俩平均反应时间分别多少').answers).toEqual([]);
  });
  it('比2023年多了多少 works from that year, not from the series’ first', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '丰溪热线接通的电话比2023年多了多少个').across?.result?.formula).toBe('11000个 − 9000个 = 2000个');
  });
  it('blood in 单位 is a figure; an AB型 asked is answered by no figure of all types', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '丰溪供应红细胞多少单位').answers[0]?.answer).toBe('12000单位');
    expect(ask(store, '丰溪AB型红细胞供应了多少单位').answers).toEqual([]);
  });
});

describe('a scored assessment', () => {
  it('a count of institutions is no name column of a ranking (排名 | 县（市、区） | 参评机构数)', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    const row = store.facts.find((f) => f.docId.startsWith('10_') && f.answer === '86.50分');
    expect(row?.region).toBe('甲溪区');
  });
  it('a score asked is ranked by scores, never by counts of institutions', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '丰溪考核得分最高的是哪家基层机构').across?.rows[0]?.subject).toBe('甲溪区东镇中心卫生院');
  });
  it('是不是每年在涨 asks the series', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    expect(ask(store, '丰溪家庭医生签约覆盖率是不是每年在涨').across?.kind).toBe('trend');
  });
  it('全市 asked of no place is no province’s or county’s figure', async () => {
    const store = await storeOf({ 'p.txt': '甲省2023年卫生健康统计公报\n全省医疗卫生机构床位比上年增长4.8%。\n（以上数据均为测试虚构）', 'p.meta.json': { title: '甲省2023年卫生健康统计公报', region: '甲省', date: '2024-05' } });
    expect(ask(store, '全市床位比上年增长了百分之几').answers).toEqual([]);
    expect(ask(store, '全省床位比上年增长了百分之几').answers[0]?.answer).toBe('4.8%');
  });
  it('a county named with one character (易县) is read from a title', () => {
    expect(titleRegion('甲县健康县城创建技术评估报告', '甲县…甲县')?.region).toBe('甲县');
    expect(titleRegion('全县卫生健康工作总结', '全县')).toBeUndefined();
  });
});

describe('review: mends', () => {
  it('a province’s stated ranking in a county’s bulletin is not the county’s', async () => {
    const store = await storeOf({
      'b.txt': '甲溪县2024年5月法定传染病疫情概况\n表1　2024年5月甲溪县法定传染病报告情况（单位：例）\n病种\t报告病例数\n手足口病\t150\n流行性感冒\t90\n肺结核\t20\n梅毒\t10\n据省疾控中心通报，2024年5月全省报告病例数居前三位的病种依次为：肺结核、病毒性肝炎、梅毒。\n（以上数据均为测试虚构）',
      'b.meta.json': { title: '甲溪县2024年5月法定传染病疫情概况', region: '甲溪县', parentRegion: '乙山市', date: '2024-06' },
    });
    expect(ask(store, '甲溪县5月哪种传染病报得最多').across?.rows[0]?.subject).toBe('手足口病');
  });
  it('units and totals of tables', () => {
    // (Two rates under 例、1/10万、%: which is per 10万 is not said.)
    expect(cells([['病种', '发病数', '发病率', '病死率'], ['甲病', '30', '4.1', '6.67'], ['乙病', '12', '1.6', '0.00']], '（单位：例、1/10万、%）')).not.toContain('甲病病死率:6.67/10万');
    expect(cells([['地区', '诊疗人次数'], ['甲', '980000'], ['乙', '5000']])).toContain('甲诊疗人次数:980000人次');
    // (合计 over year columns is of no one year.)
    expect(cells([['指标', '2022年', '2023年', '合计'], ['新增床位', '300', '420', '720'], ['新增医师', '30', '42', '72']]).some((c) => c.endsWith(':720'))).toBe(false);
    // (三、合计 numbered as the sections are is the table's, not the last section's.)
    const sections = [['机构类别', '2024年'], ['一、医院', ''], ['1.三级医院', '6'], ['二、基层医疗卫生机构', ''], ['1.社区卫生服务中心', '21'], ['三、合计', '27']];
    expect(cells(sections.map((r) => [...r, r[1] ? '1' : '']))).not.toContain('基层医疗卫生机构2024年:27');
  });
  it('a list of per-head figures keeps its first item', async () => {
    // (每千人口床位数甲县6.8张、乙县5.1张: all the items are per head.)
    const store = await storeOf({ 'd.txt': '乙山市2024年卫生资源情况通报\n分县看，每千人口床位数甲溪县6.8张、丙河县5.1张、丁林县7.3张。\n（以上数据均为测试虚构）', 'd.meta.json': { title: '乙山市2024年卫生资源情况通报', region: '乙山市', date: '2025-01' } });
    expect(enumerationsInDocs(store, ['d.txt']).map((e) => e.items.map((i) => i.fact.answer))).toEqual([['6.8张', '5.1张', '7.3张']]);
  });
  it('两家三级医院 points back at nothing', async () => {
    const store = await storeOf({ 'c.txt': '甲溪县2024年卫生健康工作总结\n全县有两家三级医院，实有床位共2200张。\n（以上数据均为测试虚构）', 'c.meta.json': { title: '甲溪县2024年卫生健康工作总结', region: '甲溪县', parentRegion: '乙山市', date: '2025-01' } });
    expect(ask(store, '甲溪县两家三级医院实有床位多少张').answers[0]?.answer).toBe('2200张');
  });
  it('a month’s end after the month a report was written is the year before’s', async () => {
    const store = await storeOf({ 'n.txt': '甲溪县2024年家庭医生签约服务工作总结\n截至12月末，全县常住人口签约率41.3%。\n（以上数据均为测试虚构）', 'n.meta.json': { title: '甲溪县2024年家庭医生签约服务工作总结', region: '甲溪县', parentRegion: '乙山市', date: '2025-01' } });
    expect(store.facts.find((f) => f.answer === '41.3%')?.time?.label).toBe('2024年12月末');
  });
  it('frames: 中 inside a name, 多少, and a change asked', async () => {
    const store = await storeFrom('test/fixtures/review-s32');
    const frame = (q: string) => acrossFrameOf(q, store.intents.across);
    expect(frame('甲溪县中医院门诊人次占多少')?.core ?? '').not.toMatch(/^甲溪县医院/);
    expect(frame('甲溪县门诊人次里，中医院的占多少')?.op).toBe('share');
    expect(frame('甲医院和乙医院谁增长快')?.kind).not.toBe('compare');
    expect(frame('甲分站和乙分站谁出车多')?.kind).toBe('compare');
  });
});

describe('round 4 (multi33–36) mends', () => {
  const county = (text: string) =>
    storeOf({ 'e.txt': `甲溪县2023年卫生健康工作总结\n${text}\n（以上数据均为测试虚构）`, 'e.meta.json': { title: '甲溪县2023年卫生健康工作总结', region: '甲溪县', parentRegion: '乙山市', date: '2024-01' } });
  it('其他17个镇 is the rest put together, no town ranked', async () => {
    const store = await county('各镇清理卫生死角：东关镇412处、西岭镇356处、南湖镇300处、其他17个镇980处。');
    expect(ask(store, '甲溪县哪个镇清理卫生死角最多').across?.rows[0]?.subject).toBe('东关镇');
  });
  it('比全市高几个百分点 with no city figure read is no change of the county’s own over time', async () => {
    const store = await county('全县居民健康素养水平由2021年的24.3%提高到2023年的29.1%。');
    expect(ask(store, '甲溪县健康素养水平比全市高几个百分点').across).toBeUndefined();
  });
  it('a sentence’s parts rank only what the question asks of them', async () => {
    const store = await county('全县选取监测点5个，其中城市监测点2个、农村监测点3个。全县糖尿病患病率10.8%。');
    expect(ask(store, '甲溪县哪个监测点糖尿病最高').across?.kind).not.toBe('rank');
  });
  it('rows that are measures of their own kinds rank nothing; one measure of several groups does', async () => {
    const store = await county('全县住院患者抗菌药物使用率47.2%、抗菌药物使用强度41.6、治疗性用药前微生物送检率53.6%。高血压患者规范管理率为78.5%、2型糖尿病患者规范管理率为74.2%。');
    expect(ask(store, '甲溪县抗菌药里哪一类最多').across?.rows.map((r) => r.subject) ?? []).not.toContain('治疗性用药前微生物送检率');
    expect(ask(store, '甲溪县规范管理率哪个最高').across?.rows[0]?.subject).toBe('高血压患者规范管理率');
  });
});

describe('re-review: mends', () => {
  const report = (name: string, text: string, meta: object) => storeOf({ [`${name}.txt`]: text, [`${name}.meta.json`]: meta });
  it('a month’s end takes the report’s year, never one moved back; a year said stays', async () => {
    const store = await report('m', '甲溪县2024年基本公共卫生服务项目实施方案\n6月底前，全县完成老年人健康体检2.5万人。到2024年12月底，全县重点人群签约率达到75%以上。\n（以上数据均为测试虚构）', { title: '甲溪县2024年基本公共卫生服务项目实施方案', region: '甲溪县', parentRegion: '乙山市', date: '2024-03' });
    expect(store.facts.find((f) => f.answer === '2.5万人')?.time?.label).toBe('2024年6月底');
    expect(store.facts.find((f) => f.answer === '75%以上')?.time?.year).toBe(2024);
  });
  it('a hospital’s report signed by one of its offices is still its own', async () => {
    const store = await storeOf({ 'h.md': '# 甲溪县人民医院\n# 2024年第三季度医院感染监测报告\n\n2024年第三季度，全院出院患者4210人次，全院医院感染发生率为1.24%。全院手卫生依从率为86.3%。\n\n甲溪县人民医院感染管理科\n\n2024年10月15日\n\n（以上数据均为测试虚构）\n' });
    expect(ask(store, '甲溪县人民医院手卫生依从率是多少').answers[0]?.answer).toBe('86.3%');
    expect([...store.docs.values()][0]?.meta.subject).toBe('甲溪县人民医院');
  });
  it('全市 asked is no district’s figure', async () => {
    const store = await report('d', '乙山市丙河区2024年卫生健康统计公报\n2024年全区总诊疗人次312.5万人次。\n（以上数据均为测试虚构）', { title: '乙山市丙河区2024年卫生健康统计公报', region: '丙河区', parentRegion: '乙山市', date: '2025-03' });
    expect(ask(store, '全市2024年总诊疗人次是多少').answers).toEqual([]);
  });
  it('a wider area’s stated ranking answers no ordinal asked of the report', async () => {
    const store = await report('r', '甲溪县2024年法定传染病疫情通报\n据省疾控中心通报，全省报告发病数居前三位的病种依次为流行性感冒、手足口病和肺结核。全县报告发病数居前三位的病种依次为流行性感冒、其他感染性腹泻病和梅毒。\n（以上数据均为测试虚构）', { title: '甲溪县2024年法定传染病疫情通报', region: '甲溪县', parentRegion: '乙山市', date: '2025-02' });
    expect(ask(store, '哪种病发病数排第二').answers[0]?.answer).toBe('其他感染性腹泻病');
  });
  it('a per-head figure that leads a sentence is no item of the counts after it', async () => {
    const store = await report('l', '乙山市第一人民医院2024年不良事件分析报告\n我院每百名出院患者报告不良事件2.86例，护理类事件612例，医疗类事件301例，药品类事件113例。\n（以上数据均为测试虚构）', { title: '乙山市第一人民医院2024年不良事件分析报告', region: '乙山市', date: '2025-02' });
    expect(ask(store, '哪类不良事件最多').across?.rows.map((r) => r.answer)).not.toContain('2.86例');
  });
});

describe('a rate asked as 比例', () => {
  it('…的比例最低 ranks the rate’s column, not a count’s', async () => {
    const store = await storeOf({
      'x.md': '# 乙山市2024年全民健康信息化建设情况汇报\n\n全市推进基层医疗卫生机构接入区域平台。\n\n| 区县 | 基层医疗卫生机构数 | 已接入区域平台机构数 | 接入率 |\n|---|---|---|---|\n| 甲溪县 | 50 | 45 | 90.0 |\n| 丙河区 | 60 | 48 | 80.0 |\n| 丁林县 | 40 | 38 | 95.0 |\n\n（以上数据均为测试虚构）\n',
      'x.meta.json': { title: '乙山市2024年全民健康信息化建设情况汇报', region: '乙山市', date: '2025-02' },
    });
    expect(ask(store, '哪个区县基层机构接入区域平台的比例最低').across?.rows[0]?.subject).toBe('丙河区');
  });
});
