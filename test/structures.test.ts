import { describe, expect, it } from 'vitest';
import { clausePlace } from '../src/extract/breakdowns.js';
import { extractFacts, extractFromSentence } from '../src/extract/facts.js';
import { speakerOf } from '../src/extract/speakers.js';
import { cleanReport } from '../src/reports/clean.js';
import { monthsOf, titleRegion } from '../src/reports/metadata.js';
import type { ReportDoc } from '../src/reports/types.js';
import { simplify } from '../src/text/normalize.js';
import { ask } from '../src/core/ask.js';
import { parseQuestion } from '../src/match/question.js';
import { storeFrom } from './helpers/store.js';

const metrics = (sentence: string, province = false) =>
  extractFromSentence(sentence, 2024, { reportIsProvince: province }).map((d) => `${d.answer}:${d.metric}${d.level ? `@${d.level}` : ''}`);

describe('what each figure of a structured sentence measures', () => {
  it.each([
    ['其中 breaks down the total before it', '全市实有床位32156张。其中:医院26418张,占82.2%。', ['32156张:实有床位', '26418张:医院床位', '82.2%:医院床位占比']],
    ['a named total (医院床位中…)', '医院床位中,公立医院17.64万张,民营医院6.48万张。', ['17.64万张:公立医院床位', '6.48万张:民营医院床位']],
    ['kinds of people stay as they are', '卫生技术人员中,注册护士16.85万人。', ['16.85万人:注册护士']],
    ['a semicolon run keeps its subject', '乡镇卫生院诊疗人次427.65万人次,入院人次12.46万人次,病床使用率61.8%;村卫生室诊疗人次236.18万人次。', [
      '427.65万人次:乡镇卫生院诊疗人次', '12.46万人次:乡镇卫生院入院人次', '61.8%:乡镇卫生院病床使用率', '236.18万人次:村卫生室诊疗人次',
    ]],
    ['names of their own take no subject', '其中,公立医院356个,民营医院668个。', ['356个:公立医院', '668个:民营医院']],
    ['groups take the rate named before them', '男性糖尿病患病率为13.4%,女性为11.7%;农村居民为11.3%。', ['13.4%:男性糖尿病患病率', '11.7%:女性糖尿病患病率', '11.3%:农村居民糖尿病患病率']],
    ['a bare rate is a rate of what was counted before it', '全年抽检公共用品用具2640份,合格率92.4%。', ['2640份:全年抽检公共用品用具', '92.4%:抽检公共用品用具合格率']],
    ['A和B分别为x和y', '0-6岁儿童健康管理率和孕产妇系统管理率分别为94.8%和93.5%。', ['94.8%:0-6岁儿童健康管理率', '93.5%:孕产妇系统管理率']],
    ['items of one kind share what follows it', '区人民医院和区中医院门急诊人次分别为58.2万和31.7万。', ['58.2万:区人民医院门急诊人次', '31.7万:区中医院门急诊人次']],
    ['a wider area\'s list measures the own list, in order', '每千常住人口执业(助理)医师3.26人、注册护士3.87人,这两项与全国3.40人、4.00人相比还有差距。', [
      '3.26人:每千常住人口执业(助理)医师', '3.87人:注册护士', '3.40人:每千常住人口执业(助理)医师@全国', '4.00人:每千常住人口注册护士@全国',
    ]],
    ['a figure set beside the last measures the same', '全省高血压患病率为28.6%,高于2018年全省监测的26.9%,亦高于全国27.5%的水平。', [
      '28.6%:高血压患病率', '26.9%:高血压患病率', '27.5%:高血压患病率@全国',
    ], true],
    ['a previous value after 比上年的', '全年共立案1286件,比上年的1150件增长11.8%。', ['1286件:全年共立案', '1150件:全年共立案', '11.8%:全年共立案同比增长']],
    ['a sentence opening on the province speaks for it', '跟全省比一比,山西全省常住人口签约率是44.3%,重点人群签约率是79.5%,我们两项都高于全省平均水平。', [
      '44.3%:山西全省常住人口签约率@全省', '79.5%:重点人群签约率@全省',
    ]],
    ['a thousands separator keeps its clause', '去年全县远程会诊1,386人次,其中和省城医院之间的远程会诊是412人次。', ['1,386人次:远程会诊', '412人次:省城医院之间的远程会诊']],
    ['a ratio after 比', '注册护士16.85万人,医护比为1:1.27。', ['16.85万人:注册护士', '1:1.27:医护比']],
    ['a count takes the noun of the next piece', '全市23家互联网医院全年提供线上诊疗服务118.7万人次。', ['23家:互联网医院全年', '118.7万人次:互联网医院全年提供线上诊疗服务']],
    ['ranks and references back are no figures', '居前五位的病种合计1117例,这两项均已完成。', ['1117例:居前五位的病种']],
  ] as [string, string, string[], boolean?][])('%s', (_n, sentence, expected, province) => {
    const out = sentence.split(/(?<=。)/).flatMap((s, i, all) =>
      i === 0 ? metrics(s, province) : extractFromSentence(s, 2024, { reportIsProvince: province ?? false, previous: prevOf(all[i - 1]!) }).map((d) => `${d.answer}:${d.metric}${d.level ? `@${d.level}` : ''}`),
    );
    expect(out).toEqual(expected);
  });
});

function prevOf(sentence: string) {
  const last = extractFromSentence(sentence, 2024).filter((d) => d.kind === 'figure').pop()!;
  return { metric: last.metric, unit: last.unit, unitClass: last.unitClass };
}

describe('places, speakers, months and titles', () => {
  it.each([
    ['其中金台区以82.3%位列全市第一', '金台区'],
    ['渭滨区每千人口床位12.6张', '渭滨区'],
    ['城区共有床位20167张', undefined],
    ['区人民医院门急诊58.2万人次', undefined],
    ['城市地区急救平均反应时间12分钟', undefined],
    ['农村地区急救平均反应时间25分钟', undefined],
  ])('clause place of %s', (clause, place) => expect(clausePlace(clause)).toBe(place));

  it.each([
    ['【记者 襄阳日报】', 'asks'],
    ['记者:郝局长,您好!', 'asks'],
    ['问:全县有多少个村卫生室?', 'asks'],
    ['【发布人 陈立新】', 'answers'],
    ['郝建平:好的,我来介绍一下。', 'answers'],
    ['答:全县共有193个。', 'answers'],
    ['访谈时间:2025年4月10日上午', undefined],
    ['全市共有医疗卫生机构5286个。', undefined],
  ])('speaker of %s', (text, role) => expect(speakerOf(text)).toBe(role));

  it.each([
    ['浏阳5月', { from: 5, to: 5 }],
    ['1到5月累计', { from: 1, to: 5 }],
    ['2024年1—5月', { from: 1, to: 5 }],
    ['5月24日', undefined],
    ['2024年', undefined],
  ])('months of %s', (text, months) => expect(monthsOf(text)).toEqual(months));

  it.each([
    ['柳州市2023年卫生健康统计简报', '柳州市卫生健康委员会,全市城中区、柳南区…柳州市', { region: '柳州市' }],
    ['临沂市兰山区卫生健康局', '兰山区卫生健康局关于…,临沂市兰山区', { region: '兰山区', parentRegion: '临沂市' }],
    ['2023年江西省卫生健康事业发展统计公报', '全省…江西省', { region: '江西省' }],
    ['关于进一步做好工作的通知', '全市', undefined],
  ])('the region of %s', (title, text, region) => expect(titleRegion(title, text)).toEqual(region));

  it('traditional script with Taiwan phrases and Hong Kong variants becomes mainland simplified; simplified text is left alone', () => {
    expect(simplify('全市23家網際網路醫院，衞生署佔比')).toBe('全市23家互联网医院，卫生署占比');
    expect(simplify('显著提高，新增床位，核心指标')).toBe('显著提高，新增床位，核心指标');
    // A name in simplified text keeps the characters it is written with.
    const report = `乾县人民医院床位使用率为82.1%，蒓源县为76.2%。${'全县医疗卫生机构实有床位数保持稳定增长，'.repeat(12)}`;
    expect(simplify(report)).toBe(report);
  });
});

describe('a transcript: the reporter\'s figures are not the report\'s', () => {
  it('drops figures said by a reporter or host, keeps the official\'s', () => {
    const text = ['某县基层卫生访谈实录', '', '记者：听说全县有将近200个村卫生室？', '', '郝建平：准确地说，全县共有村卫生室193个。', '', '【记者 某日报】', '', '还有1000多名村医吗？', '', '【发布人 王某】', '', '在岗乡村医生286名。'].join('\n');
    const doc: ReportDoc = { id: 'x.txt', path: 'x.txt', meta: { title: 't', region: '某县', origin: 'derived' }, blocks: cleanReport(text), year: 2025 };
    expect(extractFacts(doc).map((f) => f.answer)).toEqual(['193个', '286名']);
  });
});

describe('questions as frames (over dev2)', () => {
  const frame = async (q: string) => {
    const store = await storeFrom('test/fixtures/dev2');
    return parseQuestion(q, { intents: store.intents, regions: store.regions, index: store.index });
  };
  it.each([
    ['22年厦门每千人口床位', { year: 2022 }],
    ['宜宾人均寿命比2020年长了多少', { status: 'change' }],
    ['宜宾2024年托位数要争取到多少？不是2025那个', { year: 2024, status: 'target' }],
    ['浏阳1到5月累计报了多少例传染病', { months: { from: 1, to: 5 }, cumulative: true }],
    ['襄阳重大慢病过早死亡率多少？要襄阳的不要全省的', { status: 'actual' }],
    ['宝鸡渭滨区每千人口床位多少张', { regions: [expect.objectContaining({ name: '渭滨区' })] }],
    ['弋江区人民医院开放了多少张病床', { subject: '芜湖市弋江区人民医院' }],
    ['厦门去年新增了几家三级医院', { added: true }],
    ['浏阳5月流感比上个月少了百分之几', { status: 'change', months: { from: 5, to: 5 }, change: { bases: ['previous-month', 'month:4'], direction: 'down' }, prefers: ['percent'] }],
    ['浏阳5月手足口病比4月涨了多少', { months: { from: 5, to: 5 }, change: { bases: ['month:4', 'previous-month'], direction: 'up' } }],
    ['襄阳人均预期寿命比全国高了多少岁', { status: 'change', change: { bases: ['全国'], direction: 'up' }, measure: '岁' }],
    ['江西入院人次同比增长百分之几', { change: { bases: ['year-ago'], direction: 'up' }, type: 'figure' }],
  ])('%s', async (q, expected) => expect(await frame(q)).toMatchObject(expected));

  it('reads no year into 近10年, no level into 不要全省的', async () => {
    expect((await frame('近10年厦门床位增加了多少')).year).toBeUndefined();
    expect((await frame('襄阳重大慢病过早死亡率多少？要襄阳的不要全省的')).level).toBeUndefined();
  });

  it.each([
    ['厦门每千人口医生有几个', '4.41'],
    ['弋江区人民医院开放了多少张病床', '1060'],
    ['浏阳5月乙类传染病报告了多少例', '334'],
    ['浏阳5月哪个街道报告的病例最多', '集里街道'],
    ['浏阳五月乙类排第五的是哪个病', '百日咳'],
    ['浏阳5月流感比上个月少了百分之几', '36.24'],
  ])('%s → %s', async (q, figure) => {
    const store = await storeFrom('test/fixtures/dev2');
    expect(ask(store, q).answers[0]?.answer).toContain(figure);
  });
});
