import { describe, expect, it } from 'vitest';
import { extractFacts, extractFromSentence } from '../src/extract/facts.js';
import { findFigures } from '../src/extract/figures.js';
import { cleanReport } from '../src/reports/clean.js';
import type { ReportDoc } from '../src/reports/types.js';

const figures = (s: string) => findFigures(s).map((f) => f.raw);
const facts = (s: string, year?: number) =>
  extractFromSentence(s, year).map((d) => ({ answer: d.answer, metric: d.metric, kind: d.kind, ...(d.time ? { time: d.time.label } : {}) }));

describe('findFigures: values and units as written', () => {
  it.each([
    ['全市各级各类医疗卫生机构数量达2702个', ['2702个']],
    ['拥有卫生技术人员3.1万余人', ['3.1万余人']],
    ['全市卫生总资产达到140.05亿元', ['140.05亿元']],
    ['平均得分为78.64分,9时30分开会,下设3个分院,候诊15分钟,分娩30例', ['78.64分', '3个', '15分钟', '30例']],
    ['个人自负比例为7.41%', ['7.41%']],
    ['分别增长8.26倍、7.05倍', ['8.26倍', '7.05倍']],
    ['住院总费用8.77亿多元', ['8.77亿多元']],
    ['总建设规模149.6万平方米', ['149.6万平方米']],
    ['我市卫生健康系统近8000名工作人员', ['近8000名']],
    ['功能均达到指引的80%以上', ['80%以上']],
    ['累计检测6050多份核酸样本', ['6050多份']],
    ['完成1,234人次', ['1,234人次']],
  ])('%s', (sentence, expected) => {
    expect(figures(sentence)).toEqual(expected);
  });

  it.each([
    ['years and dates are times, not figures', '2019年4月26日,全市开展义诊', []],
    ['codes and names are not figures', '5G+急救、H7N9禽流感、120院前急救', []],
    ['ordinals are not figures', '第四批试点、(2023)字第26号', []],
    ['phone numbers are not figures', '联系电话:3083218', []],
    ['nor a hotline number', '拨打热线12345咨询', []],
    ['calls to a number are counted', '全市120共受理呼救电话8.6万次，接听热线电话1.5万个', ['8.6万次', '1.5万个']],
    ['a bare number is not a figure', '落实10+10便民惠民举措', []],
    ['签约 is not 约 (about)', '实现网上签约25人', ['25人']],
    ['an age bracket is not a figure', '为16.9万名65岁及以上老年人体检,60岁以上老年人接种率达到92.3%', ['16.9万名', '92.3%']],
    ['sessions are ordinals', '区十九届人大三次会议', []],
    ['a rate per 100,000', '法定传染病报告发病率为186.2/10万', ['186.2/10万']],
    ['周岁 is one unit', '年满60周岁离岗', ['60周岁']],
  ])('%s', (_name, sentence, expected) => {
    expect(figures(sentence)).toEqual(expected);
  });

  it('reads values with their multipliers', () => {
    const [a, b] = findFigures('卫生技术人员3.1万余人,总资产140.05亿元');
    expect(a?.value).toBe(31000);
    expect(b?.value).toBeCloseTo(14_005_000_000);
    expect(a?.unitClass).toBe('person');
    expect(b?.unitClass).toBe('money');
  });
});

describe('extractFromSentence: what each figure measures', () => {
  it('takes the words before a figure', () => {
    expect(facts('截至2021年底,全市各级各类医疗卫生机构数量达2702个,实际开放床位25970张。')).toEqual([
      { answer: '2702个', metric: '各级各类医疗卫生机构数量', kind: 'figure', time: '截至2021年底' },
      { answer: '25970张', metric: '实际开放床位', kind: 'figure', time: '截至2021年底' },
    ]);
  });

  it('takes the noun after a figure that counts it', () => {
    expect(facts('整治改造174个老旧小区和80个城中村,施划8.3万个停车位。').map((f) => [f.answer, f.metric])).toEqual([
      ['174个', '整治改造老旧小区'],
      ['80个', '城中村'],
      ['8.3万个', '施划停车位'],
    ]);
  });

  it('splits an enumeration with 分别 into one fact per item', () => {
    const out = facts('每千人口拥有医疗卫生机构床位数、执业(助理)医师数、注册护士数分别达到6.74张、3.04人、3.93人。');
    expect(out.map((f) => [f.answer, f.metric])).toEqual([
      ['6.74张', '每千人口拥有医疗卫生机构床位数'],
      ['3.04人', '执业(助理)医师数'],
      ['3.93人', '注册护士数'],
    ]);
  });

  it('gives short enumeration items the shared tail (省、市示范村卫生室)', () => {
    expect(facts('分别建成省、市示范村卫生室33个、150个。').map((f) => [f.answer, f.metric])).toEqual([
      ['33个', '省示范村卫生室'],
      ['150个', '市示范村卫生室'],
    ]);
  });

  it('reads A、B和C分别为x、y和z as three items, and the wider area\'s figures after it alike', () => {
    const drafts = extractFromSentence('孕产妇死亡率、婴儿死亡率和5岁以下儿童死亡率分别为9.87/10万、2.91‰和3.85‰，均低于全国14.3/10万、4.0‰和5.6‰的平均水平。', 2024);
    expect(drafts.map((f) => [f.answer, f.metric, f.level ?? ''])).toEqual([
      ['9.87/10万', '孕产妇死亡率', ''],
      ['2.91‰', '婴儿死亡率', ''],
      ['3.85‰', '5岁以下儿童死亡率', ''],
      ['14.3/10万', '孕产妇死亡率', '全国'],
      ['4.0‰', '婴儿死亡率', '全国'],
      ['5.6‰', '5岁以下儿童死亡率', '全国'],
    ]);
    // A name that holds 和 stays whole when the figures are as many as the 、 parts.
    expect(facts('门诊部和诊所、村卫生室分别为612个、2310个。').map((f) => f.metric)).toEqual(['门诊部和诊所', '村卫生室']);
  });

  it('names each item of a list whose figures stand in brackets after the names by its own name', () => {
    expect(facts('居前4位的病种依次为:甲肝(93例)、乙病(41例)、丙症(36例)和丁热(12例)。').filter((f) => f.kind === 'figure').map((f) => `${f.metric}=${f.answer}`)).toEqual(['甲肝=93例', '乙病=41例', '丙症=36例', '丁热=12例']);
    // A kind of the thing counted before, inside the brackets, is still a kind of it.
    expect(facts('全市医院68家(三级医院19家、二级医院30家)。').map((f) => `${f.metric}=${f.answer}`)).toEqual(['医院=68家', '三级医院=19家', '二级医院=30家']);
  });

  it('counts the topic a lead names before its colon with the bare counts after it', () => {
    expect(facts('甲病疫情需关注:本月报告19例,去年同期只报告3例。').map((f) => `${f.metric}=${f.answer}`)).toEqual(['甲病报告=19例', '甲病报告=3例']);
    // A lead with a figure of its own, and a count that names what it counts, keep their words.
    expect(facts('甲病疫情3起:乙地报告5例。').map((f) => f.metric)).not.toContain('甲病报告');
    expect(facts('重点工作如下:新建病房12间。').map((f) => f.metric)).toEqual(['新建病房']);
  });

  it.each([
    [
      '甲病率为2.76‰，乙病率为3.91‰，均低于全省（3.4‰、4.8‰）和全国（4.0‰、5.6‰）平均水平。',
      ['甲病率=2.76‰:', '乙病率=3.91‰:', '甲病率=3.4‰:全省', '乙病率=4.8‰:全省', '甲病率=4.0‰:全国', '乙病率=5.6‰:全国'],
    ],
    ['孕产妇死亡率为13.97/10万，低于全国平均水平（14.3/10万）。', ['孕产妇死亡率=13.97/10万:', '孕产妇死亡率=14.3/10万:全国']],
  ])('gives the figures in a wider area’s brackets the measures the sentence named before: %s', (sentence, expected) => {
    expect(extractFromSentence(sentence, 2024).filter((d) => d.kind === 'figure').map((d) => `${d.metric}=${d.answer}:${d.level ?? ''}`)).toEqual(expected);
  });

  it.each([
    ['甲县7家机构中有2家获评优秀，优秀率居前列。', ['机构=7家@甲县', '获评优秀机构=2家@甲县']],
    ['全县14所卫生院中有9所达到推荐标准。', ['卫生院=14所@', '达到推荐标准卫生院=9所@']],
    // Counts of another kind are no part of one another.
    ['全县14所卫生院中有9人获奖。', ['卫生院中有=14所@', '卫生院中有=9人@']],
  ])('reads a count and the part of it that did something (N家…中有M家…): %s', (sentence, expected) => {
    expect(extractFromSentence(sentence, 2024).filter((d) => d.kind === 'figure').map((d) => `${d.metric}=${d.answer}@${d.place ?? ''}`)).toEqual(expected);
  });

  it('gives each place of a 分别 list its own figure, not the first place’s', () => {
    const out = extractFromSentence('其中甲县、乙县、丙县一季度县域内就诊率分别为90.8%、91.4%、88.3%。', 2025).map((d) => `${d.place}:${d.answer}`);
    expect(out).toEqual(['甲县:90.8%', '乙县:91.4%', '丙县:88.3%']);
  });

  it('names a 全市 bracket’s figures in a county’s report as the city’s, never the county’s', () => {
    const out = extractFromSentence('甲病率为2.76‰，乙病率为3.9‰，均低于全市（3.4‰、4.8‰）。', 2024, { reportIsCounty: true }).filter((d) => d.kind === 'figure').map((d) => `${d.metric}=${d.answer}:${d.level ?? ''}`);
    expect(out).toEqual(['甲病率=2.76‰:', '乙病率=3.9‰:', '甲病率=3.4‰:全市', '乙病率=4.8‰:全市']);
  });

  it('gives a spoken example’s measure to the place’s own figure only, not the wider area’s beside it', () => {
    const out = extractFromSentence('比如婴儿死亡率，2024年我们是3.1‰，全市是2.6‰，还有差距。', 2025).map((d) => `${d.metric}=${d.answer}`);
    expect(out).toContain('婴儿死亡率=3.1‰');
    expect(out).not.toContain('婴儿死亡率=2.6‰');
  });

  it.each([
    ['甲县乙苗接种率为94.2%，低于95%。', ['甲县乙苗接种率=94.2%']],
    ['丙县接种率为94.6%，是全市唯一低于95%的县。', ['丙县接种率=94.6%']],
    // A level said with its bound stays (超过95%); so does a wider area's figure.
    ['全市接种率超过95%。', ['接种率=超过95%']],
  ])('reads a line a figure is set against as no level: %s', (sentence, expected) => {
    expect(extractFromSentence(sentence, 2024).filter((d) => d.kind === 'figure').map((d) => `${d.metric}=${d.answer}`)).toEqual(expected);
  });

  it('pairs no bracket of more figures than measures one by one', () => {
    const out = extractFromSentence('甲病率为2.76‰，乙病率为3.91‰，低于全国（4.0‰、5.6‰、6.1‰）。', 2024).map((d) => `${d.metric}=${d.answer}`);
    expect(out).not.toContain('甲病率=4.0‰');
  });

  it('reads the points after a 由…到… pair’s end, each in its own year, as the same measure', () => {
    expect(extractFromSentence('全市儿科医师由2020年的386人增加到2022年的442人、2024年的517人。', 2025).map((f) => `${f.metric}=${f.answer}@${f.time?.year}:${f.role ?? ''}`)).toEqual([
      '儿科医师=386人@2020:from',
      '儿科医师=442人@2022:',
      '儿科医师=517人@2024:to',
    ]);
    // A later figure without its own year is no point of the series.
    expect(extractFromSentence('全市儿科医师由2020年的386人增加到2022年的442人、517人。', 2025).filter((f) => f.metric === '儿科医师').map((f) => f.answer)).not.toContain('517人');
  });

  it.each([
    // Spoken figures: the words of speech around a measure are none of it.
    ['2022年我们全院门诊是38.6万人次。', ['门诊=38.6万人次']],
    ['出院病人呢，2022年是1.12万人次。', ['出院病人=1.12万人次']],
    // An example's lead names the measure of the bare figures after it; a verb alone names nothing.
    ['比如平均住院日，2022年我们是5.8天，去年缩短到了5.1天。', ['平均住院日=5.8天', '平均住院日=5.1天']],
    // A bare number after a year is no dated event.
    ['还有一个指标叫病例组合指数，2022年是0.92。', []],
  ])('reads speech: %s', (sentence, expected) => {
    expect(facts(sentence).map((f) => `${f.metric}=${f.answer}`)).toEqual(expected);
  });

  it('gives a figure in brackets right after a town to the town, measured as the run says', () => {
    const out = extractFromSentence('流感病例以甲山镇(41例)和乙水镇(23例)最多。', 2025).map((d) => `${d.place}:${d.metric}=${d.answer}`);
    expect(out).toEqual(['甲山镇:流感病例=41例', '乙水镇:流感病例=23例']);
    // 全镇 is the whole, not a town; a town's name without brackets stays as it was.
    expect(extractFromSentence('全镇(12例)。', 2025).map((d) => d.place)).toEqual([undefined]);
  });

  it.each([
    ['4个区人均诊次均低于全市平均水平。', ['区数']],
    ['全区7个街道社区卫生服务中心全部达标。', ['街道社区卫生服务中心']],
    ['全县共有18个乡镇。', ['乡镇']],
  ])('a count of places is no figure of what is said of them: %s', (sentence, metrics) => {
    expect(facts(sentence).map((f) => f.metric)).toEqual(metrics);
  });

  it('names a figure said with a verb of reaching alone (前年涨到了…, 去年是…) by the measure before it', () => {
    const out = extractFromSentence('2021年门诊是120.5万人次，前年涨到了131.2万，去年是140.8万人次。', 2025).map((d) => `${d.metric}=${d.answer}:${d.unitClass}:${d.time?.year}`);
    expect(out).toEqual(['门诊=120.5万人次:visit:2021', '门诊=131.2万:visit:2023', '门诊=140.8万人次:visit:2024']);
  });

  it('dates the end of 由…(2021年)的x提高到y by the sentence’s own year, not the start’s', () => {
    const times = (text: string) => extractFromSentence(text, 2025).map((d) => `${d.answer}:${d.time?.label}`);
    expect(times('2023年，全县县域内就诊率由改革前（2020年）的80.1%提高到88.6%。')).toEqual(['80.1%:2020年', '88.6%:2023年']);
    expect(times('县域内就诊率由2020年的80.1%提高到2023年的88.6%。')).toEqual(['80.1%:2020年', '88.6%:2023年']);
  });

  it('dates 去年同期 of a run of months (2024年1—6月) as the same run a year before', () => {
    const out = extractFromSentence('2024年1—6月，全市累计报告法定传染病5910例，较去年同期(5310例)上升11.30%。', 2024).map((d) => `${d.answer}:${d.time?.label}`);
    expect(out.slice(0, 2)).toEqual(['5910例:2024年1—6月', '5310例:2023年1—6月']);
  });

  it('reads 一是…;二是… as markers of points, not words of their measures', () => {
    expect(facts('一是新增床位80张；二是平均住院日控制在7.2天以内。').map((f) => f.metric)).toEqual(['新增床位', '平均住院日控制在']);
  });

  it('dates 去年同期 in a report on a month as that month a year before', () => {
    const month = { label: '2024年5月', year: 2024 };
    const times = (text: string, period?: typeof month) => extractFromSentence(text, 2024, period ? { period } : {}).map((d) => d.time?.label);
    expect(times('本月报告19例,去年同期报告3例。', month)).toEqual([undefined, '2023年5月']);
    expect(times('本月报告19例,去年同期报告3例。')).toEqual([undefined, '2023年']);
    expect(times('全年报告120例,去年报告80例。', month)).toEqual([undefined, '2023年']);
  });

  it('splits 由…提升到… into two facts, each with its year, and carries the years on', () => {
    const out = facts('办案数量由2012年的269件提升到2021年的2491件,罚没款由44.75万元提升至360.31万元,分别增长8.26倍、7.05倍。');
    expect(out).toEqual([
      { answer: '269件', metric: '办案数量', kind: 'figure', time: '2012年' },
      { answer: '2491件', metric: '办案数量', kind: 'figure', time: '2021年' },
      { answer: '44.75万元', metric: '罚没款', kind: 'figure', time: '2012年' },
      { answer: '360.31万元', metric: '罚没款', kind: 'figure', time: '2021年' },
      { answer: '8.26倍', metric: '办案数量增长', kind: 'figure', time: '2012年到2021年' },
      { answer: '7.05倍', metric: '罚没款增长', kind: 'figure', time: '2012年到2021年' },
    ]);
  });

  it('ties a parenthesized change to the figure before it', () => {
    const out = facts('2019年集团分院门诊总量405.47万人次(同比增长10.57%),手术3472人次(同比增长10.65%)。');
    expect(out.map((f) => [f.answer, f.metric])).toEqual([
      ['405.47万人次', '集团分院门诊总量'],
      ['10.57%', '集团分院门诊总量同比增长'],
      ['3472人次', '手术'],
      ['10.65%', '手术同比增长'],
    ]);
    expect(out.every((f) => f.time === '2019年')).toBe(true);
  });

  it('gives a shared measure to the items of an earlier enumeration', () => {
    const out = facts('在管高血压、2型糖尿病患者分别为12.46万人、4.83万人,规范管理率分别为72.1%、70.5%。');
    expect(out.map((f) => [f.answer, f.metric])).toEqual([
      ['12.46万人', '在管高血压'],
      ['4.83万人', '2型糖尿病患者'],
      ['72.1%', '在管高血压规范管理率'],
      ['70.5%', '2型糖尿病患者规范管理率'],
    ]);
  });

  it('continues a bare change with the figure before it', () => {
    const out = facts('全年卫生健康总支出128.6亿元,同比增长6.8%;实有床位5.87万张,比上年增加2316张。');
    expect(out.map((f) => f.metric)).toEqual(['全年卫生健康总支出', '全年卫生健康总支出同比增长', '实有床位', '实有床位比上年增加']);
  });

  it('does not share a tail between items of a full enumeration', () => {
    const out = facts('每千人口执业(助理)医师、注册护士、医疗机构床位分别为3.92人、4.64人、6.85张。');
    expect(out.map((f) => f.metric)).toEqual(['每千人口执业(助理)医师', '注册护士', '医疗机构床位']);
  });

  it('marks the earlier and the current value of a change', () => {
    const out = extractFromSentence('占比由38.5%提升到46.2%。');
    expect(out.map((d) => d.role)).toEqual(['from', 'to']);
  });

  it('gives adjacent figures the same measure, the kinds counted as a count of kinds (4种62个)', () => {
    const out = facts('开发制作了各类科普传播材料4种62个。');
    expect(out.map((f) => [f.answer, f.metric])).toEqual([
      ['4种', '开发制作了各类科普传播材料种数'],
      ['62个', '开发制作了各类科普传播材料'],
    ]);
  });

  it('gives a figure describing a subject after 的 that subject', () => {
    const out = facts('总建设面积6.9万平方米、总投资61608万元、增加床位350张的市胸科医院改扩建项目工程主体已完工。');
    expect(out.map((f) => f.metric)).toEqual(['市胸科医院改扩建项目工程主体总建设面积', '市胸科医院改扩建项目工程主体总投资', '市胸科医院改扩建项目工程主体增加床位']);
  });

  it('makes dated events and "what" statements facts too', () => {
    const out = facts('2019年枣庄市被确定为国家级社会心理服务体系试点市,全市高度重视。');
    expect(out).toEqual([
      { answer: '2019年', metric: '枣庄市被确定为国家级社会心理服务体系试点市', kind: 'date', time: '2019年' },
      { answer: '国家级社会心理服务体系试点市', metric: '枣庄市被确定为', kind: 'statement', time: '2019年' },
    ]);
  });

  it('dates a figure by a date-only clause before it', () => {
    const out = facts('大力推进医共体建设,2023年7月,区人民医院与8家卫生院签订合作协议。');
    expect(out.find((f) => f.kind === 'date')).toMatchObject({ answer: '2023年7月', metric: '区人民医院与8家卫生院签订合作协议' });
    expect(out.find((f) => f.kind === 'figure')).toMatchObject({ answer: '8家', time: '2023年7月' });
  });

  it('resolves 今年 against the report year', () => {
    expect(facts('今年以来,全市新建健康细胞1478个。', 2023)[0]).toMatchObject({ answer: '1478个', time: '2023年以来' });
  });
});

describe('extractFacts over a whole report', () => {
  const doc = (raw: string): ReportDoc => ({
    id: '900_test.txt',
    path: '/dev/null',
    meta: { title: '测试报告', region: '测试市', origin: 'derived' },
    blocks: cleanReport(raw),
  });

  it('gives a section run in under a place’s name to that place, but not one under a kind of area', () => {
    const [own] = extractFacts(doc('（二）甲山县。甲山县县域内就诊率达到90.2%。\n'));
    expect(own).toMatchObject({ region: '甲山县', parentRegion: '测试市' });
    const [area] = extractFacts(doc('（三）农村地区。农村地区家庭医生签约率41.5%。\n'));
    expect(area).toMatchObject({ region: '测试市' });
  });

  it('gives no kind of town (其余乡镇) the figure in brackets after it, nor a town the measure of another town', () => {
    const out = extractFromSentence('柳河镇（22例）和青石镇（15例）居前，其余乡镇（23例）散发。', 2025).map((d) => `${d.place ?? '-'}:${d.metric}=${d.answer}`);
    expect(out).toEqual(['柳河镇:柳河镇=22例', '青石镇:青石镇=15例', '-:其余乡镇=23例']);
  });

  it('keeps the quote, the span of the figure in it, and the section heading', () => {
    const [f] = extractFacts(doc('## 基层卫生\n\n全市开放床位4287张。\n'));
    expect(f).toMatchObject({ answer: '4287张', metric: '开放床位', heading: '基层卫生', quote: '全市开放床位4287张。', region: '测试市' });
    expect(f!.quote.slice(f!.span[0], f!.span[1])).toBe('4287张');
  });

  it('reads through OCR noise', () => {
    const out = extractFacts(doc('我市卫生健康系统近8000 名工作人员响应号召。出动426 人次,消杀场所142处。\n'));
    expect(out.map((f) => f.answer)).toEqual(['近8000名', '426人次', '142处']);
  });

  it('qualifies every item of a per-capita enumeration', () => {
    const out = extractFacts(doc('每千人口拥有执业(助理)医师数、注册护士数分别达到2.91人、3.35人。\n'));
    expect(out.map((f) => [f.metric, f.qualifiers])).toEqual([
      ['每千人口拥有执业(助理)医师数', ['每千人口']],
      ['每千人口注册护士数', ['每千人口']],
    ]);
  });

  it('dates figures by a paragraph that opens with a time, else by the heading', () => {
    const out = extractFacts(doc('## 2019年工作回顾\n\n全年新建站点12个。\n\n今年初,疫情暴发。全系统8000名人员参战。\n'));
    expect(out.find((f) => f.answer === '12个')?.time?.label).toBe('2019年');
    expect(out.find((f) => f.answer === '8000名')?.time?.label).toBe('今年初');
  });

  it('yields nothing, and no error, for a report without figures', () => {
    expect(extractFacts(doc('这是一段没有数字的文字。\n'))).toEqual([]);
  });
});
