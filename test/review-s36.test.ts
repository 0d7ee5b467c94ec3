import { describe, expect, it } from 'vitest';
import { ask, FollowUps } from '../src/core/ask.js';
import { storeOf } from './helpers/store.js';
import { measureAfterBracketRun, placeBeforeBracket } from '../src/extract/breakdowns.js';
import { tableFacts } from '../src/extract/table-facts.js';
import { deriveMeta } from '../src/reports/metadata.js';
import { cleanReport } from '../src/reports/clean.js';
import { acrossFrameOf } from '../src/across/frame.js';
import { loadIntents } from '../src/match/intents.js';
import { matchKey } from '../src/text/normalize.js';

// Invented reports for what session 36's blind sets showed; every name and figure is made up.
const meta = (title: string, region = '溪林市') => ({ title, region, parentRegion: '丰溪省', date: '2024-03' });
const END = '（以上数据均为测试虚构）';

describe('places named before a bracket', () => {
  it.each([
    ['以马鞍镇(', '马鞍镇'],
    ['最低的是溪北县（', '溪北县'],
    ['，溪北县（', '溪北县'],
    // (The first of a clause, and after 除: the place, not the word before it.)
    ['溪北县（', '溪北县'],
    ['除溪北县（', '溪北县'],
    ['、丰南旗（', '丰南旗'],
    // Kinds of area, the whole, and a city jieba does not know are no place.
    ['全市（', undefined],
    ['，城区（', undefined],
    ['，经济开发区（', undefined],
    ['，超大城市（', undefined],
    ['，中心城市（', undefined],
    ['甲镇', undefined],
  ])('%s → %s', (before, place) => {
    expect(placeBeforeBracket(before)).toBe(place);
  });

  it.each([
    ['）、乙县（99.4%）住院分娩率也未达到99.50%的目标', '住院分娩率'],
    ['）和乙区（138例）新报告病例数居前3位', '新报告病例数'],
    ['）住院分娩率最低', '住院分娩率'],
    // (No measure after the run: the sentence before, or the run's first, names it.)
    ['）低于75%的目标', undefined],
    ['）、乙县（72.8%）位居前两位', undefined],
    ['）最低', undefined],
  ])('the measure named after the run %s → %s', (after, measure) => {
    expect(measureAfterBracketRun(after)).toBe(measure);
  });

  const REPORT = [
    '# 溪林市2023年农村孕产妇住院分娩报告',
    '',
    '全市农村孕产妇住院分娩率为99.71%。溪北县（99.32%）、丰南县（99.39%）、柳河县（99.41%）住院分娩率也未达到99.50%的目标，与目标仍有差距。',
    '',
    END,
  ].join('\n');
  it('each bracketed county gets its own figure, of the measure the run names after it', async () => {
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市2023年农村孕产妇住院分娩报告') });
    expect(ask(store, '溪北县住院分娩率多少').answers[0]?.answer).toBe('99.32%');
    expect(ask(store, '丰南县住院分娩率多少').answers[0]?.answer).toBe('99.39%');
    expect(ask(store, '柳河县住院分娩率多少').answers[0]?.answer).toBe('99.41%');
  });
  it('the target the run misses is none of the counties’ own', async () => {
    const store = await storeOf({ 'r.md': REPORT, 'r.meta.json': meta('溪林市2023年农村孕产妇住院分娩报告') });
    const facts = store.facts.filter((f) => f.answer === '99.50%');
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts) expect(['溪北县', '丰南县', '柳河县']).not.toContain(f.region);
  });
});

describe('a speech’s place and date', () => {
  const SPEECH = [
    '在全市控烟工作推进会上的讲话',
    '枣庄市人民政府副市长 ×××',
    '（2024年4月18日，根据录音整理）',
    '',
    '同志们：',
    '',
    '全市成人吸烟率逐年下降。薛城区、峄城区作了交流发言。薛城区的做法很实在，薛城区的无烟单位建成率最高，薛城区要继续保持。峄城区差距较大，峄城区要认真分析原因。全市要对标先进。',
    '',
    END,
  ].join('\n');
  it('a speech that speaks as a city is the city’s whose government it names, not its most-named district’s', () => {
    const m = deriveMeta(cleanReport(SPEECH), 'x');
    expect(m.region).toBe('枣庄市');
  });
  it('a date in brackets under the title is the speech’s date', () => {
    expect(deriveMeta(cleanReport(SPEECH), 'x').date).toBe('2024-04-18');
  });
  it('a bracketed note line stands alone, not run into the paragraph after it', () => {
    const blocks = cleanReport(SPEECH);
    expect(blocks.some((b) => b.text === '(2024年4月18日,根据录音整理)')).toBe(true);
  });
});

describe('people and groups', () => {
  const SPEECH = [
    '# 溪林市控烟工作情况通报',
    '',
    '全市15岁及以上人群吸烟率2021年是24.8%，2022年是23.9%，2023年降到了23.1%。分性别看，男性吸烟率还有45.2%，女性为1.6%。',
    '',
    '全市初中学生现在吸烟率由2021年的4.3%下降到2023年的3.6%。',
    '',
    END,
  ].join('\n');
  it('adults’ smoking asked: young people’s rate is another indicator, in no series of it', async () => {
    const store = await storeOf({ 'r.md': SPEECH, 'r.meta.json': meta('溪林市控烟工作情况通报') });
    const rows = ask(store, '溪林成人吸烟率这几年怎么变').across?.rows.map((r) => r.answer);
    expect(rows).toEqual(['24.8%', '23.9%', '23.1%']);
    expect(ask(store, '初中学生吸烟率这几年怎么变').across?.rows.map((r) => r.answer)).toEqual(['4.3%', '3.6%']);
  });
  it('one group of a split (男性, beside 女性) comes after the whole’s figure', async () => {
    const store = await storeOf({ 'r.md': SPEECH, 'r.meta.json': meta('溪林市控烟工作情况通报') });
    expect(ask(store, '溪林成人吸烟率是多少').answers[0]?.answer).toBe('23.1%');
    expect(ask(store, '男性吸烟率是多少').answers[0]?.answer).toBe('45.2%');
  });
  it('a group word with no other group said (农村适龄妇女) is the whole asked, not a split', async () => {
    const text = ['# 溪林市两癌筛查工作总结', '', '2023年，全市农村适龄妇女宫颈癌筛查任务是12万人，实际完成12.86万人。', '', END].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市两癌筛查工作总结') });
    expect(ask(store, '宫颈癌筛查完成了多少人').answers[0]?.answer).toBe('12.86万人');
  });
});

describe('the negation asked', () => {
  const TEXT = ['# 溪林市公共场所卫生抽检通报', '', '游泳场所抽检64户，合格55户，游泳场所合格率为85.9%。', '', END].join('\n');
  it('不合格的比例 is never answered by the 合格率', async () => {
    const store = await storeOf({ 'r.md': TEXT, 'r.meta.json': meta('溪林市公共场所卫生抽检通报') });
    expect(ask(store, '游泳场所抽检不合格的比例是多少').answers.map((a) => a.answer)).not.toContain('85.9%');
    expect(ask(store, '游泳场所合格率是多少').answers[0]?.answer).toBe('85.9%');
  });
  it('达不达标 negates nothing: it asks yes or no of the 合格率', async () => {
    const store = await storeOf({ 'r.md': TEXT, 'r.meta.json': meta('溪林市公共场所卫生抽检通报') });
    expect(ask(store, '游泳场所合格率达不达标').answers[0]?.answer).toBe('85.9%');
  });
  it('a question with a regular expression’s characters in it is answered, not thrown on', async () => {
    const store = await storeOf({ 'r.md': TEXT, 'r.meta.json': meta('溪林市公共场所卫生抽检通报') });
    for (const q of ['游泳场所不合格率)是多少', '不(合格[率*是多少', '游泳场所不合格+?']) expect(() => ask(store, q)).not.toThrow();
  });
});

describe('two reports of one place', () => {
  const plan = (name: string, base: string, now: string) =>
    [`# 溪林市卫生健康${name}`, '', `每千人口注册护士数由2020年的${base}人增加到2023年的${now}人。`, '', END].join('\n');
  it('a change is read within one report where it gives both years, never across two that disagree', async () => {
    const store = await storeOf({
      'a.md': plan('规划中期评估报告', '3.02', '3.61'),
      'a.meta.json': meta('溪林市卫生健康规划中期评估报告'),
      'b.md': plan('事业发展统计公报', '3.05', '3.58'),
      'b.meta.json': meta('溪林市卫生健康事业发展统计公报'),
    });
    const result = ask(store, '每千人口注册护士2023年比2020年多了多少').across?.result?.formula ?? '';
    expect(['3.61人 − 3.02人 = 0.59人', '3.58人 − 3.05人 = 0.53人']).toContain(result);
  });
});

describe('table columns', () => {
  const ROWS = [
    ['医院', '年度任务', '完成例数', '完成率', '其中免费手术'],
    ['溪林市人民医院', '4200', '4536', '108.0', '612'],
    ['溪林市中医医院', '1500', '1428', '95.2', '208'],
    ['丰溪县人民医院', '800', '845', '105.6', '137'],
  ];
  it('a 其中 column is a part of the count before it, never of a rate', () => {
    const facts = tableFacts(ROWS, { label: '2023年', year: 2023 }, '（单位：例、%）');
    expect(facts.find((f) => f.answer.startsWith('612'))?.metric).toBe('溪林市人民医院免费手术完成例数');
  });
  it('a bare 年度任务 column is the target, not a level reached', () => {
    const facts = tableFacts(ROWS, { label: '2023年', year: 2023 }, '（单位：例、%）');
    expect(facts.find((f) => f.answer.startsWith('4200'))?.status).toBe('target');
    expect(facts.find((f) => f.answer.startsWith('4536'))?.status).toBe('actual');
  });
  const table = (rows: string[][]) => ['| ' + rows[0]!.join(' | ') + ' |', '|' + rows[0]!.map(() => '---|').join(''), ...rows.slice(1).map((r) => '| ' + r.join(' | ') + ' |')];
  it('a part’s column ranks only when its own words are asked', async () => {
    const text = ['# 溪林市2023年白内障复明手术报告', '', '表2　2023年各定点医院白内障复明手术完成情况（单位：例、%）', '', ...table(ROWS), '', END].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市2023年白内障复明手术报告') });
    expect(ask(store, '白内障手术做得最多的前三家医院').across?.rows.map((r) => r.answer)).toEqual(['4536例', '1428例', '845例']);
    expect(ask(store, '哪家医院免费手术最多').across?.rows[0]?.answer).toBe('612例');
  });
  it('of headers that say the words asked alike, the whole’s before its part’s (参加项目数, 其中：国家中心项目)', async () => {
    const rows = [
      ['专业组', '参加项目数', '其中：国家中心项目', '其中：省中心项目', '合格率'],
      ['临床生化', '72', '45', '27', '98.33'],
      ['临床免疫', '46', '29', '17', '97.39'],
      ['临床微生物', '21', '14', '7', '95.24'],
    ];
    const text = ['# 溪林市人民医院检验科室间质评年度报告', '', '表1　2023年各专业组室间质评结果（单位：项、%）', '', ...table(rows), '', END].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市人民医院检验科室间质评年度报告') });
    expect(ask(store, '检验科哪个专业参加的质评项目最多').across?.rows[0]?.answer).toMatch(/^72/);
  });
});

describe('rankings and targets', () => {
  it('a group that names its members (国家级示范区（甲区、乙区）) is no one ranked', async () => {
    const text = [
      '# 溪林市慢性病综合防控示范区建设评估报告',
      '',
      '本次评估覆盖全市10个示范区，其中国家级示范区3个（和平区、河西区、南开区），省级示范区7个（河东区、河北区、红桥区、东丽区、西青区、津南区、北辰区）。',
      '',
      END,
    ].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市慢性病综合防控示范区建设评估报告') });
    const rows = ask(store, '示范区评估谁垫底').across?.rows.map((r) => r.subject) ?? [];
    for (const s of rows) expect(s).not.toMatch(/示范区[(（]/);
  });
  it('已接种 after a target counts what the target was set for, so far', async () => {
    const text = [
      '# 溪林市卫生健康委新闻发布会实录',
      '',
      '全市流感疫苗接种量由2022年的18.6万剂次增加到2023年的24.3万剂次。今年全市流感疫苗接种目标为32万剂次，截至12月8日已接种29.7万剂次。',
      '',
      END,
    ].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': { ...meta('溪林市卫生健康委新闻发布会实录'), date: '2024-12-12' } });
    expect(ask(store, '今年流感疫苗接种离目标还差多少').across?.result?.value).toBe('还差2.3万剂次');
  });
});

describe('follow-ups keep working on the mends', () => {
  it('那丰南县和柳河县呢 after a bracketed run compares the run’s figures', async () => {
    const text = [
      '# 溪林市2023年农村孕产妇住院分娩报告',
      '',
      '溪北县住院分娩率最低，为99.02%。丰溪县（99.32%）、丰南县（99.39%）、柳河县（99.41%）住院分娩率也未达到99.50%的目标。',
      '',
      END,
    ].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市2023年农村孕产妇住院分娩报告') });
    const followUps = new FollowUps();
    ask(store, '溪北县和丰溪县住院分娩率哪个高', { chat: 'c', followUps });
    const rows = ask(store, '那丰南县和柳河县呢', { chat: 'c', followUps }).across?.rows.map((r) => r.answer);
    expect(rows?.sort()).toEqual(['99.39%', '99.41%']);
  });
});

describe('review: mends', () => {
  const caseTable = [
    '# 枣庄市2023年手足口病疫情分析',
    '',
    '2023年全市共报告手足口病病例2460例。薛城区报告手足口病病例610例，峄城区报告手足口病病例430例。全市共报告重症病例58例。',
    '',
    '表2 2023年各区（市）手足口病重症病例情况',
    '',
    '| 区（市） | 病例数 | 占全市比例（%） |',
    '|---|---|---|',
    '| 市中区 | 8 | 13.8 |',
    '| 薛城区 | 21 | 36.2 |',
    '| 峄城区 | 15 | 25.9 |',
    '',
    END,
  ].join('\n');
  it('a row found by its caption is narrowed by the caption’s word before what it counts (重症病例)', async () => {
    const store = await storeOf({ 'r.md': caseTable, 'r.meta.json': meta('枣庄市2023年手足口病疫情分析', '枣庄市') });
    expect(ask(store, '薛城区手足口病病例数是多少').answers[0]?.answer).toBe('610例');
    expect(ask(store, '市中区手足口病病例数').answers.map((a) => a.answer)).not.toContain('8例');
    expect(ask(store, '薛城区手足口病重症病例数').answers[0]?.answer).toBe('21例');
  });

  it.each([
    // A body the text only cites is not the report's own.
    ['2023年严重精神障碍患者管理工作总结\n\n根据九江市卫生健康委员会工作部署，瑞昌市扎实推进严重精神障碍患者管理工作。全市在册患者1856人。瑞昌市各乡镇卫生院落实随访。瑞昌市精神卫生专科医院加强救治。\n', '瑞昌市'],
    // The Party's body of a county's bureau, above the title.
    ['中共滕州市卫生健康局党组\n关于巡察反馈意见整改进展情况的通报\n\n全市共整改问题32个。峄城区、市中区经验值得借鉴，峄城区的做法，市中区的做法，峄城区再次推广。\n', '滕州市'],
    // The speaker's office in the first paragraph; jieba knows the city only whole.
    ['在2024年全市卫生健康工作会议上的讲话\n（根据录音整理）\n\n岳阳市卫生健康委员会党组书记、主任 ×××\n\n同志们，全市卫生健康工作取得新进展。临湘市、汨罗市、临湘市、汨罗市、临湘市作了发言。\n', '岳阳市'],
  ])('a report’s place from its own office line, %#', (text, region) => {
    expect(deriveMeta(cleanReport(text), 'x').region).toBe(region);
  });

  it.each([
    ['接种率较低的有乙山县（', '乙山县'],
    ['报告病例较多的包括甲溪县（', '甲溪县'],
    ['甲溪县接种率为92.1%，比乙山县（', '乙山县'],
    // (No joining word before it, and too long for a name by its form alone.)
    ['接种率较低乙山县（', undefined],
  ])('the place before a bracket after 有, 包括, 比: %s', (before, place) => {
    expect(placeBeforeBracket(before)).toBe(place);
  });

  it('the place compared with takes the measure just said, without the other place’s name', async () => {
    const text = ['# 溪林市2023年免疫规划工作情况通报', '', '全市适龄儿童免疫规划疫苗接种率为96.5%。甲溪县接种率为92.1%，比乙山县（88.4%）高3.7个百分点。', '', END].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市2023年免疫规划工作情况通报') });
    const fact = store.facts.find((f) => f.answer === '88.4%');
    expect(fact?.region).toBe('乙山县');
    expect(fact?.metric).toBe('接种率');
  });

  it('a rate named after bracketed counts is no measure of theirs (甲县（245例）…发病率高于…)', async () => {
    const text = ['# 溪林市2023年手足口病疫情分析', '', '全市报告发病率为98.6/10万。甲溪县（245例）、乙山县（198例）发病率高于全市平均水平。', '', END].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市2023年手足口病疫情分析') });
    expect(store.facts.find((f) => f.answer === '245例')?.metric).not.toBe('发病率');
    expect(ask(store, '甲溪县发病率是多少').answers.map((a) => a.answer)).not.toContain('245例');
  });

  it('多少人次 asks visits: a figure in 人 never answers it', async () => {
    const text = ['# 溪林市基层中医馆建设评估报告', '', '全市中医馆共配备中医类别医师612人，平均每个中医馆3.73人。', '', END].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市基层中医馆建设评估报告') });
    expect(ask(store, '全市平均每个中医馆一年服务多少人次').answers.map((a) => a.answer)).not.toContain('3.73人');
    expect(ask(store, '平均每个中医馆有多少人').answers[0]?.answer).toBe('3.73人');
  });

  it.each([
    ['哪个县能做6类以上中医适宜技术的中医馆比例最低', '县'],
    ['哪个VCT门诊检测人次最多', '门诊'],
  ])('the kind ranked: %s → %s', async (q, among) => {
    const intents = await loadIntents('intents');
    expect(acrossFrameOf(matchKey(q), intents.across)?.among).toBe(among);
  });

  it('a part’s column is asked when most of its words are (二级以上医院 of 其中：二级及以上医院)', async () => {
    const rows = [
      ['县（市、区）', '已接入机构数', '其中：二级及以上医院', '接入率'],
      ['和平区', '181', '14', '97.31'],
      ['河西区', '136', '6', '95.77'],
      ['南开区', '318', '8', '89.33'],
    ];
    const table = ['| ' + rows[0]!.join(' | ') + ' |', '|---|---|---|---|', ...rows.slice(1).map((r) => '| ' + r.join(' | ') + ' |')];
    const text = ['# 溪林市全民健康信息平台建设进展报告', '', '表1　2023年底各区公立医疗卫生机构接入平台情况（单位：家、%）', '', ...table, '', END].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市全民健康信息平台建设进展报告', '天津市') });
    expect(ask(store, '哪个区接入平台的二级以上医院最多').across?.rows[0]?.answer).toMatch(/^14/);
  });
});

describe('re-review: mends', () => {
  it('a caption that names the plain count too (病例及重症病例) narrows no column', async () => {
    const text = [
      '# 枣庄市2023年手足口病疫情分析',
      '',
      '2023年全市共报告手足口病病例2460例，其中重症病例58例。',
      '',
      '表2 2023年各区（市）手足口病病例及重症病例情况',
      '',
      '| 区（市） | 病例数 | 重症病例数 |',
      '|---|---|---|',
      '| 市中区 | 520 | 8 |',
      '| 薛城区 | 610 | 21 |',
      '| 峄城区 | 430 | 15 |',
      '',
      END,
    ].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('枣庄市2023年手足口病疫情分析', '枣庄市') });
    expect(ask(store, '薛城区手足口病病例数是多少').answers[0]?.answer).toBe('610例');
  });
  it('a letter’s addressee line (某市卫生健康委员会：) is not its author', () => {
    const text = '关于2023年家庭医生签约服务工作情况的报告\n\n九江市卫生健康委员会：\n\n现将武宁县2023年家庭医生签约服务工作情况报告如下。全县家庭医生签约服务覆盖率达到42.6%。武宁县共组建家庭医生团队126个。\n\n2024年1月10日\n';
    expect(deriveMeta(cleanReport(text), 'x').region).toBe('武宁县');
  });
  it('a kind of city jieba knows whole (文明城市) is no report’s place', () => {
    const text = '文明城市创建卫生健康工作情况报告\n\n2023年，武汉市病媒生物密度控制水平达标率为96.2%，武汉市农贸市场卫生合格率达到98.5%。\n';
    expect(deriveMeta(cleanReport(text), 'x').region).toBe('武汉市');
  });
  it('a measure said before 比 is the one compared (规范管理率比乙县（68.4%）)', async () => {
    const text = ['# 溪林市慢病管理情况通报', '', '全市高血压患者规范管理率为75.2%。甲溪县高血压患者建档率为92.1%，规范管理率比乙山县（68.4%）高3.7个百分点。', '', END].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市慢病管理情况通报') });
    expect(ask(store, '乙山县高血压患者建档率是多少').answers.map((a) => a.answer)).not.toContain('68.4%');
    expect(ask(store, '乙山县规范管理率是多少').answers[0]?.answer).toBe('68.4%');
  });
  it('a share named after a bracketed run keeps its whole name (报告病例数占全市比例)', async () => {
    const text = ['# 溪林市2023年手足口病疫情分析', '', '全市共报告病例1520例。甲溪县（32.1%）、乙山县（30.5%）报告病例数占全市比例较高。', '', END].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市2023年手足口病疫情分析') });
    expect(ask(store, '乙山县报告病例数占全市比例是多少').answers[0]?.answer).toBe('30.5%');
  });
  it.each([
    ['，梅里斯达斡尔族区（', '梅里斯达斡尔族区'],
    ['、察哈尔右翼后旗（', '察哈尔右翼后旗'],
  ])('an ethnic or banner name may be long: %s', (before, place) => {
    expect(placeBeforeBracket(before)).toBe(place);
  });
  it.each([
    ['哪个学会会员最多', '学会'],
    ['哪个ICU床位使用率最高', undefined],
  ])('only a place’s kind loses a modal after it, and a Latin name only before a kind: %s', async (q, among) => {
    const intents = await loadIntents('intents');
    expect(acrossFrameOf(matchKey(q), intents.across)?.among).toBe(among);
  });
  it('2023年离规划目标 names the level’s year, not the target’s', async () => {
    const text = ['# 溪林市卫生人才发展报告', '', '2023年，全市每千人口执业（助理）医师数为3.12人。规划目标为2025年全市每千人口执业（助理）医师数达到3.40人。', '', END].join('\n');
    const store = await storeOf({ 'r.md': text, 'r.meta.json': meta('溪林市卫生人才发展报告') });
    expect(ask(store, '每千人口执业医师数2023年离规划目标还差多少').across?.result?.value).toBe('还差0.28人');
  });
});
