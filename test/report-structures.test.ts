import { describe, expect, it } from 'vitest';
import { extractFromSentence } from '../src/extract/facts.js';
import { speakerOf, speakerPlace } from '../src/extract/speakers.js';
import { headingSubject, isPlanHeading, runInHeading } from '../src/extract/headings.js';
import { findTime } from '../src/extract/time.js';
import { latestStatedYear, monthsOf } from '../src/reports/metadata.js';
import { ask } from '../src/core/ask.js';
import { parseQuestion } from '../src/match/question.js';
import { storeFrom } from './helpers/store.js';

// Two invented reports: a hospital's web article (departments under run-in headings) and a
// county's half-year summary (months, quarters, the city's average, towns in a ranked list).
const FIXTURE = 'test/fixtures/structures2';

const drafts = (sentence: string, county = false) =>
  extractFromSentence(sentence, 2024, { reportIsCounty: county }).map((d) => [d.answer, d.metric, d.role ?? '', d.time?.label ?? '', d.level ?? '']);

describe('figures inside a sentence', () => {
  it.each([
    ['parts in brackets after 其中 are parts of the figure before', '具有高级职称的312人(其中正高级86人、副高级226人),中级职称540人。', [
      ['312人', '具有高级职称', '', '', ''], ['86人', '正高级职称', '', '', ''], ['226人', '副高级职称', '', '', ''], ['540人', '中级职称', '', '', ''],
    ]],
    ['比2022年的X is the base year\'s value, not this year\'s', '床位使用率为88.4%,比2022年的91.0%下降2.6个百分点。', [
      ['88.4%', '床位使用率', '', '', ''], ['91.0%', '床位使用率', 'from', '2022年', ''], ['2.6个百分点', expect.any(String), '', '', ''],
    ]],
    ['比上年的X is the year before the figure\'s own', '2024年医保基金支出28.74亿元,比上年的26.91亿元增长6.8%。', [
      ['28.74亿元', '医保基金支出', '', '2024年', ''], ['26.91亿元', '医保基金支出', 'from', '2023年', ''], ['6.8%', '医保基金支出同比增长', '', '2024年', ''],
    ]],
    ['a target named after 完成 and the share of it met', '65岁以上老年人健康管理98,420人,完成全年目标12万人的82.0%。', [
      ['98,420人', '65岁以上老年人健康管理', '', '', ''], ['12万人', '65岁以上老年人健康管理', '', '', ''], ['82.0%', '65岁以上老年人健康管理完成进度', '', '', ''],
    ]],
    ['the share of a planned increase met', '每千人口床位数为8.06张,较2020年增加0.94张,已完成规划增量的68.1%。', [
      ['8.06张', '每千人口床位数', '', '', ''], ['0.94张', expect.any(String), '', '', ''], ['68.1%', '每千人口床位数完成进度', '', '', ''],
    ]],
    ['one measure at two times in a sentence is a pair, and a later clause is in the last time named', '我院去年门诊81,330人次,今年达到86,452人次,其中中医诊疗21,613人次。', [
      ['81,330人次', '门诊', 'from', '2023年', ''], ['86,452人次', '门诊', 'to', '2024年', ''], ['21,613人次', '中医诊疗', '', '2024年', ''],
    ]],
    ['a count\'s noun ends where a time begins', '全县17个乡镇卫生院今年门诊总诊疗人次82.64万人次。', [
      ['17个', '乡镇卫生院', '', '2024年', ''], ['82.64万人次', '乡镇卫生院门诊总诊疗人次', '', '2024年', ''],
    ]],
    ['the account a sentence opens with owns its later lines, and a note on scope is no part of a measure', '全年全市医保基金(含职工医保和城乡居民医保,下同)总收入98.46亿元;总支出91.23亿元;当期结余7.23亿元,年末累计结存126.85亿元。', [
      ['98.46亿元', '全年全市医保基金总收入', '', '', ''], ['91.23亿元', '医保基金总支出', '', '', ''], ['7.23亿元', '医保基金当期结余', '', '', ''], ['126.85亿元', '医保基金年末累计结存', '', '', ''],
    ]],
    ['三、四级 is two grades, not a list marker; a share of a named whole is the figure before\'s', '其中,三、四级手术14,213台次,占手术总量的45.0%;四级手术5,842台次,占18.5%。', [
      ['14,213台次', '三、四级手术', '', '', ''], ['45.0%', '三、四级手术占手术总量比例', '', '', ''], ['5,842台次', '四级手术', '', '', ''], ['18.5%', '四级手术占比', '', '', ''],
    ]],
    ['every kind in brackets after a count is a kind of what was counted', '考核结果为:A级41家(综合医院29家、中医医院9家),B级187家。', [
      ['41家', 'A级', '', '', ''], ['29家', 'A级综合医院', '', '', ''], ['9家', 'A级中医医院', '', '', ''], ['187家', 'B级', '', '', ''],
    ]],
    ['a quarter and a span of months date their figures', '一季度全县完成诊疗612,350人次,1—6月完成1,286,400人次。', [
      ['612,350人次', '完成诊疗', '', '2024年一季度', ''], ['1,286,400人次', expect.any(String), '', '2024年1—6月', ''],
    ]],
  ] as [string, string, unknown[][]][])('%s', (_n, sentence, expected) => expect(drafts(sentence)).toEqual(expected));

  it('a multiple of an earlier time measures the figure before it, at its time', () => {
    const m = '人均基本公共卫生服务经费补助标准';
    expect(drafts('人均基本公共卫生服务经费补助标准由2015年的40元提高到2024年的94元,是9年前的2.35倍。')).toEqual([
      ['40元', m, 'from', '2015年', ''], ['94元', m, 'to', '2024年', ''], ['2.35倍', `${m}比9年前的倍数`, '', '2024年', ''],
    ]);
    expect(drafts('全市门诊量302万人次,是2015年的1.8倍。').map((d) => d[1])).toEqual(['门诊量', '门诊量比2015年的倍数']);
    // A multiple of something named is left as it is.
    expect(drafts('全市门诊量是全省平均的1.8倍。').map((d) => d[1])).not.toContain('门诊量比的倍数');
  });

  it('a plan\'s year that opens a clause (到2027年,…) dates and plans what follows; a bare aim continues the measure before', () => {
    expect(drafts('鼓励年轻乡村医生到岗执业,到2027年,60岁及以上乡村医生占比降至25%以下。')).toEqual([
      ['25%以下', '60岁及以上乡村医生占比降', '', '2027年', ''],
    ]);
    const out = extractFromSentence('到2026年,在岗乡村医生中执业(助理)医师占比提高到30%以上;到2027年,力争达到45%以上。', 2024, {});
    expect(out.map((d) => [d.answer, d.metric, d.status, d.time?.label])).toEqual([
      ['30%以上', '在岗乡村医生中执业(助理)医师占比提高', 'target', '2026年'],
      ['45%以上', '在岗乡村医生中执业(助理)医师占比', 'target', '2027年'],
    ]);
  });

  it.each([
    ['the same measure in an earlier year', '全县在岗乡村医生836人,2019年为1,024人。', [['836人', '在岗乡村医生', '', '', ''], ['1,024人', '在岗乡村医生', 'from', '2019年', '']]],
    ['what it used to be, and what it is now', '原来需要6天时间办理的事项现在仅需1小时。', [['6天', expect.any(String), 'from', '', ''], ['1小时', expect.any(String), '', '', '']]],
    ['a list item\'s marker is no part of its measure', '1. 创伤21,432人次,占25.4%;', [['21,432人次', '创伤', '', '', ''], ['25.4%', '创伤占比', '', '', '']]],
  ] as [string, string, unknown[][]][])('%s', (_n, sentence, expected) => expect(drafts(sentence)).toEqual(expected));

  it('what the things counted do is part of the measure (402个村卫生室接入…)', () => {
    expect(drafts('目前,全县已有402个村卫生室接入远程心电诊断系统。').map((d) => d[1])).toEqual(['村卫生室接入远程心电诊断系统']);
  });

  it('a town that opens a sentence by what it has is the subject of its clauses, until the county speaks', () => {
    const out = extractFromSentence('石桥镇共有村卫生室12个,在岗乡村医生21人,其中60岁及以上的9人,高出全县平均水平4.2个百分点。', 2024, { reportIsCounty: true });
    expect(out.map((d) => d.place ?? '')).toEqual(['石桥镇', '石桥镇', '石桥镇', '']);
    // A town named in passing is no subject.
    expect(extractFromSentence('调研组走访了石桥镇等18个乡镇。', 2024, { reportIsCounty: true }).map((d) => d.place ?? '')).toEqual(['']);
  });

  it('a figure that names nothing measures what the clause before it named', () => {
    expect(drafts('各镇之间差异较大,白沙镇签约率最高,达到52.3%,城区相对较低。').map((d) => d[1])).toEqual(['白沙镇签约率最高']);
    // A figure with words of its own keeps them.
    expect(drafts('工作成效明显,门诊量达到52万人次。').map((d) => d[1])).toEqual(['门诊量']);
  });

  it.each([
    ['全市配置专用病房100个、床位307张。', ['配置专用病房', '专用床位']],
    ['全市共有医院68家、床位15000张。', ['医院', '床位']],
    ['新建社区卫生服务中心3个、村卫生室12个。', ['新建社区卫生服务中心', '村卫生室']],
  ])('a modifier between a list\'s verb and its first item holds for the next: %s', (sentence, metrics) => {
    expect(drafts(sentence).map((d) => d[1])).toEqual(metrics);
  });

  it('a bare rate is the rate of the people counted just before it, run by run', () => {
    expect(drafts('在管高血压患者4,864人,规范管理率为76.4%;在管糖尿病患者1,632人,规范管理率为74.9%。').map((d) => d[1])).toEqual([
      '在管高血压患者', '高血压患者规范管理率', '在管糖尿病患者', '糖尿病患者规范管理率',
    ]);
    // Not across a ';'.
    expect(drafts('在管高血压患者4,864人;体检达标率为95%。').map((d) => d[1])).toEqual(['在管高血压患者', '体检达标率']);
  });

  it('seconds are a unit of time', () => {
    expect(extractFromSentence('平均接警到派车时间58秒,比上年缩短6秒。', 2024, {}).map((d) => [d.answer, d.unitClass])).toEqual([
      ['58秒', 'duration'], ['6秒', 'duration'],
    ]);
  });

  it.each(['近5年来新建医院3家。', '与5年前相比新建医院3家。'])('a time counted back is no duration: %s', (sentence) => {
    expect(drafts(sentence).map((d) => d[0])).toEqual(['3家']);
  });

  it('a bare magnitude counts what its measure counts (分别为58.2万和31.7万 under 门急诊人次)', () => {
    const out = extractFromSentence('区人民医院和区中医院门急诊人次分别为58.2万和31.7万。', 2024, {});
    expect(out.map((d) => [d.metric, d.unitClass])).toEqual([['区人民医院门急诊人次', 'visit'], ['区中医院门急诊人次', 'visit']]);
  });

  it('a target named after 完成 is a target, the share met is a level reached', () => {
    const out = extractFromSentence('诊疗人次2,168,450人次,完成全年目标440万人次的49.3%。', 2024, {});
    expect(out.map((d) => d.status)).toEqual(['actual', 'target', 'actual']);
  });

  it.each([
    ['全市平均水平 in a county\'s report is the city\'s figure', '重点人群签约率75.2%,高于全市平均水平(73.4%)和全省平均水平(72.9%)。', ['', '全市', '全省']],
    ['a named city beside a county\'s change is the city\'s', '诊疗人次同比增长3.6%,增幅比全市平均水平高0.5个百分点(云川市同期增长3.1%)。', ['', '', '全市']],
  ])('%s', (_n, sentence, levels) => expect(drafts(sentence, true).map((d) => d[4])).toEqual(levels));

  it('a city\'s own report keeps 全市 as its own', () => {
    expect(drafts('重点人群签约率75.2%,高于全市平均水平(73.4%)。').map((d) => d[4])).toEqual(['', '']);
  });
});

describe('the place a sentence opens on', () => {
  const places = (sentence: string, county = false) => extractFromSentence(sentence, 2024, { reportIsCounty: county }).map((d) => d.place ?? '');
  it.each([
    ['a district in a city\'s report holds for the whole sentence', '浔阳区参保38.46万人,医保基金支出9.72亿元,为全市最高。', false, ['浔阳区', '浔阳区']],
    ['a county\'s 全县 is the county itself', '修水县参保71.29万人,全县DIP结算病例6.84万例。', false, ['修水县', '修水县']],
    ['a town in a county\'s report, until the county is named', '马鞍镇共有村卫生室32个,乡村医生58人,全县共有412个。', true, ['马鞍镇', '马鞍镇', '']],
    ['the last place named holds, until the whole area is', '岳阳楼区设门诊38个,全年接种246,812剂次;平江县设门诊46个,全年接种203,455剂次,全市接种1,586,430剂次。', false, ['岳阳楼区', '岳阳楼区', '平江县', '平江县', '']],
    ['a list of places speaks for none of them alone', '江安县、长宁县、高县3个县全部组建医共体,县域内就诊率达到91.7%。', false, [expect.any(String), '']],
  ] as [string, string, boolean, unknown[]][])('%s', (_n, sentence, county, expected) => expect(places(sentence, county)).toEqual(expected));
});

describe('speakers of a transcript, however they are written', () => {
  it.each([
    ['陈立新(区卫生健康委员会主任):', 'answers'],
    ['刘海燕:', 'answers'],
    ['主持人(周雅琴):', 'asks'],
    ['合肥日报记者:', 'asks'],
    ['人民网安徽频道记者:', 'asks'],
    ['时间:2025年1月17日上午10:00', undefined],
    ['发布人:包河区卫生健康委员会主任 陈立新', undefined],
    // A guest named in the header, and the guest speaking in the body.
    ['嘉宾：某市中心医院党委副书记、院长 某某', undefined],
    ['嘉宾：主持人好，观众朋友们好！', 'answers'],
    ['嘉宾：变化还是挺大的。2022年我们全院门急诊是162.4万人次。', 'answers'],
    ['一是参保覆盖面持续扩大。截至2024年底,参保率97.6%。', undefined],
    // A post, a space, then the name.
    ['市医疗保障局副局长 某某某：', 'answers'],
    ['甲市第一人民医院院长\u3000某某：', 'answers'],
  ])('%s', (text, role) => expect(speakerOf(text)).toBe(role));

  it.each([
    ['张立新(城关镇卫生院院长):我院今年门诊…', '城关镇'],
    ['城关镇卫生院院长张立新:我院今年门诊…', '城关镇'],
    ['李红梅（沙溪街道社区卫生服务中心主任）：', '沙溪街道'],
    ['赵敏(瑶海区卫生健康委员会副主任):', '瑶海区'],
    ['陈立新(区卫生健康委员会主任):', undefined],
    ['刘建华(局长):', undefined],
    ['王芳(社区卫生服务中心主任):', undefined],
    ['主持人(周雅琴):', undefined],
    ['合肥日报记者(城关镇):', undefined],
    ['时间:2025年1月17日上午10:00', undefined],
    ['城关镇卫生院今年门诊86,452人次。', undefined],
  ])('the place %s speaks for: %s', (text, place) => expect(speakerPlace(text)?.place).toBe(place));
});

describe('headings', () => {
  it.each([
    ['(二)神经内科。', '神经内科'],
    ['1. 医疗服务总量保持增长。', '医疗服务总量保持增长'],
    ['三、运行效率:', '运行效率'],
    ['(二)神经内科。全年出院6,915人次。', undefined],
    ['全年出院6,915人次。', undefined],
    ['(一)2024年。', undefined],
  ])('run-in heading of %s', (sentence, name) => expect(runInHeading(sentence)).toBe(name));

  it.each([
    ['(二)乙类传染病', '乙类传染病'],
    ['(一)甲类传染病', '甲类传染病'],
    // 丙类 is a word jieba finds but has no part of speech for.
    ['(三)丙类传染病', '丙类传染病'],
    ['(三)丙类,', undefined],
    ['(一)医疗业务量稳中有升', undefined],
    ['二、分类疫情', '分类疫情'],
    ['三、运行效率', undefined],
    ['四、费用控制', undefined],
    ['乙类传染病', undefined],
    ['(三)2024年工作情况', undefined],
  ])('subject of the heading %s', (heading, name) => expect(headingSubject(heading)).toBe(name));

  it.each([
    ['五、下一步工作建议', true],
    ['二、2025年工作安排', true],
    ['三、重点任务推进情况', false],
    ['二、主要指标完成情况', false],
    ['2024年6月', false],
  ])('%s plans: %s', (heading, plans) => expect(isPlanHeading(heading, undefined, 2024)).toBe(plans));
});

describe('the year a report with no date stands in', () => {
  const blocks = (...texts: string[]) => texts.map((text) => ({ kind: 'paragraph' as const, text }));
  it.each([
    ['the latest year it states a figure for', ['截至2024年6月底,全县共有村卫生室512个。', '2019年为1,024人。'], 2024],
    ['not a year it plans for', ['截至2024年6月底,共有512个。', '到2027年,占比降至25%以下。', '2025年至2027年每年培养40名。', '力争2026年达到30%。'], 2024],
    ['none stated', ['乡村医生是农村医疗卫生服务网络的网底。'], undefined],
    ['minutes that plan a year and speak of 明年: the year before', ['12月20日,召开座谈会,研究谋划2025年重点任务。', '关于明年工作,我提几点要求。'], 2024],
    ['a year planned with no 明年 says nothing of the year written', ['研究谋划2025年重点任务。'], undefined],
  ])('%s', (_n, texts, year) => expect(latestStatedYear(blocks(...texts))).toBe(year));
});

describe('spans of months', () => {
  it.each([
    ['上半年', { from: 1, to: 6 }],
    ['下半年', { from: 7, to: 12 }],
    ['一季度', { from: 1, to: 3 }],
    ['第三季度', { from: 7, to: 9 }],
    ['前三季度', { from: 1, to: 9 }],
    ['2024年1—6月', { from: 1, to: 6 }],
    ['季度报告', undefined],
  ])('%s', (text, months) => expect(monthsOf(text)).toEqual(months));

  it.each([
    ['一季度全县完成诊疗', '2025年一季度'],
    ['2023年上半年全市出院', '2023年上半年'],
    ['1-6月,全县', '2025年1-6月'],
  ])('%s is dated %s', (text, label) => expect(findTime(text, 2025)?.label).toBe(label));
});

describe('questions on a hospital\'s and a county\'s reports', () => {
  const parse = async (q: string) => {
    const store = await storeFrom(FIXTURE);
    return parseQuestion(q, { intents: store.intents, regions: store.regions, index: store.index });
  };
  const first = async (q: string) => ask(await storeFrom(FIXTURE), q).answers[0]?.answer;

  it.each([
    ['一季度全县诊疗量多少', { months: { from: 1, to: 3 } }],
    ['白沙镇卫生院诊疗了多少人次', { unknownPlaces: ['白沙镇'] }],
    ['木兰镇家庭医生签约率多少', { unknownPlaces: ['木兰镇'] }],
    // A county whose name jieba cuts into single characters is a place, unknown to the reports.
    ['蘅塘县医养结合机构几家', { unknownPlaces: ['蘅塘县'] }],
    // A time said after the indicator leaves it the one the question ends on.
    ['老人健康管理率离今年', { head: expect.arrayContaining(['elderly_mgmt_rate']) }],
    ['老人健康管理率2024年', { head: expect.arrayContaining(['elderly_mgmt_rate']) }],
    ['严重精神障碍患者规范管理率', { prefers: ['percent'] }],
    ['住一次院平均多少天', { key: expect.stringContaining('平均住院日') }],
    ['住院一次平均要花多少钱', { key: expect.stringContaining('住院次均费用') }],
    ['医生和护士的比例是多少', { key: expect.stringContaining('医护比') }],
    ['给女孩打HPV疫苗的人数', { key: expect.stringContaining('女生接种hpv疫苗') }],
    ['孩子打了几针疫苗', { key: expect.stringContaining('接种') }],
    ['打扫卫生的人数', { key: expect.not.stringContaining('接种') }],
    ['考核平均分谁低', { key: expect.stringContaining('平均得分') }],
    ['麻疹第二针接种率', { key: expect.stringContaining('第2剂') }],
    ['百白破四针呢', { key: expect.stringContaining('第4剂') }],
    ['平均分娩量', { key: expect.not.stringContaining('平均得分') }],
    ['产筛率多少', { indicators: ['prenatal_screening_rate'] }],
    ['医保基金去年一共花了多少钱', { key: expect.stringContaining('支出') }],
    ['老年人健康管理完成全年任务的百分之多少了', { key: expect.stringContaining('完成进度'), status: 'actual' }],
    ['执业医师数的规划完成进度是多少', { status: 'actual' }],
    ['今年老年人健康管理任务是多少人', { status: 'target' }],
    ['县里人看病留在县域内的比例是多少', { key: expect.stringContaining('县域内就诊率') }],
    ['人均经费现在是九年前的几倍', { measure: '倍', prefers: [] }],
    ['这三年卫生健康一共投了多少钱', { cumulative: true, tokens: expect.not.arrayContaining([expect.objectContaining({ word: '年' })]) }],
  ])('%s', async (q, frame) => expect(await parse(q)).toMatchObject(frame));

  it('a place in a ranking is asked, not a count stated', async () => {
    expect((await parse('全市绩效考核第2名是哪家医院')).rank).toBe(2);
    expect((await parse('排名第12名的是哪家医院')).rank).toBe(12);
  });

  it('the kind asked among a whole must be what the figure counts', async () => {
    const q = await parse('C类医院中有几家是中医医院');
    expect(q.tokens.find((t) => t.word === '中医医院')?.required).toBe(true);
  });

  it('a letter and its grade word are one word of the question', async () => {
    expect((await parse('全省获评A级的医院有多少家')).tokens.map((t) => t.word)).toContain('a级');
    expect((await parse('C类医院中有几家是中医医院')).tokens.map((t) => t.word)).toContain('c类');
  });

  it('one word of an opposed pair asked rules out a measure of the other', async () => {
    expect((await parse('医保基金收入同比增长多少')).opposed).toEqual([{ asked: '收入', other: '支出' }, { asked: '收入', other: '结余' }, { asked: '收入', other: '结存' }]);
    expect((await parse('医保基金收支结余多少')).opposed).toEqual([{ asked: '结余', other: '收入' }, { asked: '结余', other: '支出' }]);
    expect((await parse('医保基金累计结存可支付月数')).opposed).toEqual([{ asked: '结存', other: '收入' }, { asked: '结存', other: '支出' }]);
    expect((await parse('医保基金规模多少')).opposed).toBeUndefined();
    expect(await first('医保基金支出同比增长多少')).toBe('5.6%');
  });

  it('a number of people asked wants a count, not a share', async () => {
    expect((await parse('村医人数要达到多少')).unitClasses).toEqual(['person', 'visit', 'count']);
  });

  it('another name of an indicator is not found inside a longer name of something else (医生 of 乡村医生)', async () => {
    const store = await storeFrom('test/fixtures/blind-f');
    const q = parseQuestion('执业(助理)医师有多少人', { intents: store.intents, regions: store.regions, index: store.index });
    const t = q.tokens.find((x) => x.word === '执业(助理)医师');
    expect(t?.alts).toContain('医生');
    expect(t?.altBlockers).toContain('乡村医生');
  });

  it('a word a report uses to name a kind of the next word narrows it (负压 of 负压救护车)', async () => {
    const store = await storeFrom('test/fixtures/blind-f');
    const q = parseQuestion('有几辆负压救护车', { intents: store.intents, regions: store.regions, index: store.index });
    expect(q.tokens.find((t) => t.word === '负压')?.narrows).toBe(true);
    // The table gives the kind for one year only; the other year's total is not its figure.
    expect(ask(store, '2023年有几辆负压救护车').answers).toEqual([]);
  });

  it.each(['听说村卫生室近3000个,实际到底多少个', '家庭医生团队是一千多个吧,具体几个', '那3个区域医疗中心做了多少台手术'])(
    'a count the asker states is no topic word: %s',
    async (q) => expect((await parse(q)).tokens.filter((t) => /\d|千|多个|记者|实际/.test(t.word))).toEqual([]),
  );

  it('城乡居民 narrows as 城乡 and 居民 do', async () => {
    expect((await parse('城乡居民参保人数')).tokens.find((t) => t.word === '城乡居民')?.narrows).toBe(true);
  });

  it('reads no town into a kind of town (卫生乡镇, 各乡镇)', async () => {
    expect((await parse('全县各乡镇签约率多少')).unknownPlaces).toEqual([]);
    expect((await parse('国家卫生乡镇有几个')).unknownPlaces).toEqual([]);
    expect((await parse('两县医院床位比较')).unknownPlaces).toEqual([]);
    expect((await parse('哪个县签约率最高')).unknownPlaces).toEqual([]);
  });

  it.each([
    // Asked with no place at all, in the hospital's own group: the hospital's figure.
    ['药占比是多少', '27.5%'],
    ['全院平均住院日是多少', '7.9天'],
    ['具有高级职称的有多少人', '312人'],
    ['正高有多少人', '86人'],
    ['2022年床位使用率', '91.0%'],
    ['床位使用率是多少', '88.4%'],
    // A department's figures stand under its run-in heading.
    ['骨科出院多少人次', '3,060人次'],
    ['肾内科出院多少人次', '2,310人次'],
    ['一季度全县诊疗量多少', '612,350人次'],
    ['上半年全县总诊疗人次是多少', '1,286,400人次'],
    ['白沙镇中心卫生院诊疗了多少人次', '28,903人次'],
    ['手术台次同比增长了多少', '6.6%'],
    // "一共": the total, not a kind of it (学校卫生监督检查).
    ['卫生监督检查一共多少户次', '3,210户次'],
    // A breakdown's sentence says what it counts only in the sentence before (床位).
    ['重症监护床位占多少', '11.1%'],
    ['学校卫生监督检查多少户次', '420户次'],
    // "这2个次中心…": a sentence that points back is narrowed by what the one before named (省级).
    ['那2个省级次中心做了多少台手术', '1,240台'],
    ['人均基本公卫经费现在是九年前的几倍', '2.35倍'],
    // "(三)丙类传染病 / 上半年共报告…": the heading names what the sentence counts.
    ['丙类传染病发病率多少', '118.30/10万'],
    // A list's lead (在…受访群众中:) frames its items.
    ['受访群众里对家庭医生满意的占多少', '90.0%'],
    // A typo that sounds like the word (创位 for 床位), as typing by pinyin makes.
    ['创位使用率多少', '88.4%'],
    // What the asker does not want is no part of the question.
    ['床位使用率是多少?不是2022年那个', '88.4%'],
  ])('%s → %s', async (q, figure) => expect(await first(q)).toBe(figure));

  it.each([
    ['眼科出院多少人次', 'a department the report does not name'],
    ['医保基金收入同比增长多少', 'the other side of the account (支出) is given, not 收入'],
    ['乙脑疫苗接种率多少', 'the only sentence that names it sets it aside (除乙脑疫苗外)'],
    ['木兰镇家庭医生签约率多少', 'a town the report does not name'],
    ['三季度全县诊疗量多少', 'a quarter the report does not give'],
    ['2021年床位使用率', 'a year the report does not give'],
  ])('%s: no answer (%s)', async (q) => expect(await first(q)).toBeUndefined());

  it('a department\'s question is not answered by the whole hospital\'s figure', async () => {
    const answers = ask(await storeFrom(FIXTURE), '骨科出院多少人次').answers.map((a) => a.answer);
    expect(answers).not.toContain('46,210人次');
  });

  it('the county\'s own figure is not the city\'s average', async () => {
    expect(await first('重点人群签约率是多少')).toBe('75.2%');
  });
});
