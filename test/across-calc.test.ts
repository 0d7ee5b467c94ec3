import { beforeAll, describe, expect, it } from 'vitest';
import { ask, FollowUps, siblingAsked, type AskResult } from '../src/core/ask.js';
import { extractFromSentence } from '../src/extract/facts.js';
import { namedItems } from '../src/across/items-named.js';
import { groupInReport } from '../src/across/table-column.js';
import { indicatorKey } from '../src/across/gather.js';
import { parseQuestion } from '../src/match/question.js';
import { deriveInstitution } from '../src/reports/metadata.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom } from './helpers/store.js';

// Invented reports: 清禾县人民医院's year summary and its province's bulletin (test/fixtures/across-calc) with a figure said in a
// sentence and again in a table of two years, a 由…到… pair with its stated multiple and points
// between, and a plan led by "抓好3件事:"; 岚溪市's bulletin (test/fixtures/across-structures).
const HOSPITAL = 'test/fixtures/across-calc';
// Two monthly bulletins of 岚山县 (March, April): each month's counts with last month's and a year
// before's in brackets, a disease named in a lead clause and counted bare after it.
const MONTHLY = 'test/fixtures/across-monthly';
const CITY = 'test/fixtures/across-structures';

const rowsOf = (r: AskResult) => r.across?.rows.map((x) => `${x.period}:${x.answer}`);

describe('arithmetic on one subject across periods', () => {
  let store: FactStore;
  beforeAll(async () => {
    store = await storeFrom(HOSPITAL);
  });

  it('works 多了多少 out as an amount from the table that gives both years, not the stated percentage', () => {
    const r = ask(store, '清禾县人民医院出院比上年多了多少');
    expect(r.across?.kind).toBe('calc');
    expect(r.across?.result?.value).toBe('2024年比2023年多0.18万人次');
    expect(r.answers[0]?.answer).toBe(r.across?.result?.value);
    expect(r.answers.slice(1).map((a) => a.answer)).toEqual(['1.92万人次', '2.10万人次']);
  });

  it('quotes the stated percentage for 增长了多少, which asks either way', () => {
    const r = ask(store, '清禾县人民医院出院比上年增长了多少');
    expect(r.answers[0]?.answer).toBe('9.4%');
  });

  it('keeps asking an amount in a follow-up that changes only the topic', () => {
    const followUps = new FollowUps();
    ask(store, '清禾县人民医院出院比上年多了多少', { chat: 'c', followUps });
    const next = ask(store, '门急诊呢', { chat: 'c', followUps });
    expect(next.across?.result?.value).toBe('2024年比2023年多3.00万人次');
  });

  it('shows the points between the ends of a span asked, and the change the report states over it', () => {
    const r = ask(store, '清禾县人民医院编制床位从2015年以来增加了多少');
    expect(rowsOf(r)).toEqual(['2015年:300张', '2019年:450张', '2022年:560张', '2024年:620张']);
    expect(r.across?.result?.value).toBe('2024年比2015年多320张（报告写明增长1.07倍）');
    expect(r.across?.result?.formula).toBe('620张 − 300张 = 320张');
  });

  it('says the stated multiple beside a series’ own change', () => {
    const r = ask(store, '清禾县人民医院编制床位这些年怎么变化');
    expect(r.across?.kind).toBe('trend');
    expect(r.across?.result?.value).toContain('（报告写明增长1.07倍）');
  });

  it('takes 全省 from the province’s own report when the hospital’s report cites none, in days either way (天, 日)', () => {
    const r = ask(store, '清禾县人民医院平均住院日比全省短多少');
    expect(r.across?.rows.map((x) => `${x.subject}:${x.answer}:${x.source.file}`)).toEqual(['清禾县人民医院:7.8天:792_qinghe.txt', '云岭省:8.6日:795_yunling.txt']);
    expect(r.across?.result?.value).toBe('清禾县人民医院比云岭省少0.8天');
  });

  it('counts the way to a ceiling from above: 7.8天 is still 0.3天 short of 控制在7.5天以内', () => {
    const r = ask(store, '清禾县人民医院平均住院日离目标还差几天');
    expect(r.across?.result?.value).toBe('还差0.3天');
    expect(r.across?.mixed).toBe('status');
  });

  it('does not take a level reached after a rise (由…增加到620张) for what was added', () => {
    const r = ask(store, '新增编制床位多少张');
    expect(r.answers.map((a) => a.answer)).not.toContain('620张');
  });
});

describe('monthly figures across two bulletins of one county', () => {
  let store: FactStore;
  beforeAll(async () => {
    store = await storeFrom(MONTHLY);
  });

  it('makes one series of a month’s count and the bases the next bulletin states, and says 环比 and 同比', () => {
    const r = ask(store, '岚山法定传染病报告数跟上月、去年同月比怎么样');
    expect(rowsOf(r)).toEqual(['2024年3月:455例', '2024年4月:430例', '2025年2月:380例', '2025年3月:412例', '2025年4月:468例']);
    expect(r.across?.result?.value).toBe('较上月（2025年3月）增加56例，增长13.59%；较去年同期（2024年4月）增加38例，增长8.84%');
  });

  it('names a disease’s bare counts by the lead clause that names it', () => {
    const r = ask(store, '岚山手足口病这几个月怎么变化');
    expect(rowsOf(r)).toEqual(['2024年4月:48例', '2025年2月:21例', '2025年3月:36例', '2025年4月:60例']);
  });

  it.each([
    ['岚山4月手足口病比3月多了多少', '2025年4月比2025年3月多24例'],
    ['岚山手足口病比上月多了多少', '2025年4月比2025年3月多24例'],
    ['岚山3月报告法定传染病比去年同期少了多少', '2025年3月比2024年3月少43例'],
  ])('works %s out between the months asked', (q, value) => {
    expect(ask(store, q).across?.result?.value).toBe(value);
  });

  it.each([
    ['岚山4月手足口病比上月增长了百分之几', '66.67%'],
    ['岚山3月手足口病比上月增长了百分之几', '71.43%'],
    ['岚山手足口病比上月增长了百分之几', '66.67%'],
    ['岚山4月手足口病同比增长了百分之几', '25.00%'],
  ])('quotes the change the bulletin states for the month and base asked: %s', (q, answer) => {
    expect(ask(store, q).answers[0]?.answer).toBe(answer);
  });

  it('gives no stated percentage for 多了多少 of a month with no figures to work it from', () => {
    expect(ask(store, '岚山5月手足口病比4月多了多少').answers).toEqual([]);
  });

  it.each([
    ['岚山手足口病3月以来怎么变化', ['2025年3月:36例', '2025年4月:60例'], '2025年3月至2025年4月增加24例，增长66.67%'],
    ['岚山手足口病2到4月怎么变化', ['2025年2月:21例', '2025年3月:36例', '2025年4月:60例'], '2025年2月至2025年4月增加39例，增长185.71%'],
    ['岚山手足口病2025年3月以来怎么变化', ['2025年3月:36例', '2025年4月:60例'], '2025年3月至2025年4月增加24例，增长66.67%'],
  ])('keeps a series to the months asked (%s), of the latest year, with the change over them', (q, rows, change) => {
    const r = ask(store, q);
    expect(rowsOf(r)).toEqual(rows);
    expect(r.across?.result?.value).toBe(change);
  });

  it('gives a disease’s towns when the question names the disease', () => {
    expect(ask(store, '岚山4月手足口病病例哪个乡镇最多').across?.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['柳河镇:22例', '青石镇:15例', '白沙镇:9例']);
  });

  it('answers a county’s count with the county’s figure, not a town’s in brackets', () => {
    expect(ask(store, '岚山4月流行性感冒多少例').answers[0]?.answer).toBe('152例');
  });

  const ranking = (q: string) => ask(store, q).across?.rows.map((x) => `${x.subject}:${x.answer}`);

  it('ranks the towns from the note that lists them all, not from one disease’s towns nor the lowest three', () => {
    const rows = ranking('岚山4月哪个乡镇病例最多');
    expect(rows?.slice(0, 3)).toEqual(['青石镇:118例', '柳河镇:86例', '西湖乡:64例']);
    expect(rows).toHaveLength(10);
  });

  it.each([
    ['岚山4月病例最少的三个乡镇', ['北坡乡:8例', '东岭镇:10例', '南渡乡:13例']],
    ['岚山3月病例最少的三个乡镇', ['东岭镇:12例', '北坡乡:14例', '南渡乡:20例']],
    ['岚山4月发病数前三的乡镇', ['青石镇:118例', '柳河镇:86例', '西湖乡:64例']],
    ['岚山4月乙类传染病排前三的是啥', ['肺结核:50例', '梅毒:40例', '病毒性肝炎:30例']],
    // The sentence on the group matches best; the table's subtotal (乙类合计) ranks its rows.
    ['岚山4月乙类传染病发病率排前三的是哪几个', ['肺结核:8.33/10万', '梅毒:6.67/10万', '病毒性肝炎:5.00/10万']],
    ['岚山4月丙类传染病哪个发病率最低', ['手足口病:10.00/10万', '其他感染性腹泻病:22.67/10万', '流行性感冒:25.33/10万']],
  ])('ranks %s from the month asked', (q, rows) => {
    expect(ranking(q)).toEqual(rows);
  });

  it.each([
    ['乙类', ['肺结核', '梅毒', '病毒性肝炎']],
    ['丙类', ['流行性感冒', '手足口病', '其他感染性腹泻病']],
  ])('ranks the rows a table subtotals under %s when the best match is the sentence on the group', (group, rows) => {
    const sentence = store.facts.find((f) => f.metric === `${group}传染病报告发病率`)!;
    expect(sentence).toBeDefined();
    const entries = groupInReport(store, sentence, `${group}传染病发病率`, [group, '传染病发病率']);
    expect(entries?.map((e) => e.entity).sort()).toEqual([...rows].sort());
    expect(new Set(entries?.map((e) => e.fact.unit))).toEqual(new Set(['/10万']));
  });

  it('ranks no subtotal of another group, nor one of another measure', () => {
    const sentence = store.facts.find((f) => f.metric === '乙类传染病报告发病率')!;
    expect(groupInReport(store, sentence, '甲类传染病发病率', ['甲类', '传染病发病率'])).toBeUndefined();
    expect(groupInReport(store, { ...sentence, metric: '乙类传染病报告死亡率' }, '乙类传染病死亡率', ['乙类', '传染病死亡率'])).toBeUndefined();
  });

  it('does not answer the fewest from a list of only the most (居前三位的是…)', () => {
    expect(ask(store, '岚山3月手足口病病例最少的乡镇').across).toBeUndefined();
    expect(ranking('岚山3月手足口病病例最多的乡镇')).toEqual(['柳河镇:12例', '青石镇:9例', '白沙镇:5例']);
  });

  it('compares a run of months with the same run a year before, never with single months', () => {
    const r = ask(store, '岚山1到4月累计报告法定传染病比去年同期少了多少');
    expect(r.across?.result?.value).toBe('2025年1—4月比2024年1—4月少34例');
    // …and a monthly series keeps to single months, leaving the run out.
    const series = ask(store, '岚山法定传染病报告数跟上月、去年同月比怎么样');
    expect(rowsOf(series)?.every((p) => !/—/.test(p))).toBe(true);
    expect(rowsOf(series)?.at(-1)).toBe('2025年4月:468例');
  });

  it.each([
    ['岚山2024年4月报告法定传染病比上月多了多少', '2024年4月比2024年3月少25例'],
  ])('keeps to the year asked with a month (%s)', (q, value) => {
    expect(ask(store, q).across?.result?.value).toBe(value);
  });

  it.each(['岚山5月手足口病比去年同期多了多少', '岚山去年4月手足口病和流行性感冒哪个多'])('works out nothing between other months for %s', (q) => {
    const r = ask(store, q);
    expect(r.across?.result?.value ?? '').not.toMatch(/2025年4月比2025年3月|2025年3月比2025年2月/);
  });

  it('works nothing out when the month asked against is not in the reports', () => {
    const r = ask(store, '岚山4月手足口病比1月多了多少');
    expect(r.across).toBeUndefined();
    expect(r.answers).toEqual([]);
  });
});

describe('things a question names one after another, each asked on its own', () => {
  let store: FactStore;
  beforeAll(async () => {
    store = await storeFrom(HOSPITAL);
  });
  const parse = (t: string) => parseQuestion(t, { intents: store.intents, regions: store.regions, index: store.index });

  it.each([
    ['an institution, three things and what is asked', '清禾县人民医院门急诊、出院、手术这3项增长', { owner: '清禾县人民医院', items: ['门急诊', '出院', '手术'], asked: '增长' }],
    ['a place, a last item joined by 和', '清禾县床位、医师和护士', { owner: '清禾县', items: ['床位', '医师', '护士'], asked: '' }],
    ['words pointing back are not an item', '门诊、出院这几项,完成进度', { owner: '', items: ['门诊', '出院'], asked: '完成进度' }],
    ['a comma does not join names', '门诊增长,出院呢', undefined],
    ['one thing is no list', '清禾县人民医院出院', undefined],
  ])('%s', (_n, core, expected) => {
    expect(namedItems(core, parse)).toEqual(expected);
  });

  it('ranks the things named by the change asked of each', () => {
    const r = ask(store, '清禾县人民医院门急诊、出院、手术这三项哪个增长最快');
    expect(r.across?.kind).toBe('rank');
    expect(r.across?.rows.map((x) => `${x.subject}:${x.answer}`)).toEqual(['出院:9.4%', '手术:7.9%', '门急诊:6.1%']);
  });

  it('ranks nothing when the things named are counted in different units (人次, 台次)', () => {
    expect(ask(store, '清禾县人民医院门急诊、出院、手术哪个最多').across).toBeUndefined();
  });

  it('ranks nothing when one of the things named has no figure of its own', () => {
    expect(ask(store, '清禾县人民医院门急诊、出院、床位这三项哪个增长最快').across).toBeUndefined();
  });
});

describe('a share of a kind’s whole, and its sibling asked next', () => {
  let store: FactStore;
  beforeAll(async () => {
    store = await storeFrom(HOSPITAL);
  });
  const parse = (t: string) => parseQuestion(t, { intents: store.intents, regions: store.regions, index: store.index });

  it('takes the whole of the part’s own kind (职工医保收入), not the first 收入 found', () => {
    const followUps = new FollowUps();
    const first = ask(store, '云岭职工医保当年结存占收入多少', { chat: 'c', followUps });
    expect(first.across?.rows.map((x) => x.answer)).toEqual(['5.10亿元', '41.20亿元']);
    expect(first.across?.result?.value).toBe('12.38%');
    const next = ask(store, '居民医保呢', { chat: 'c', followUps });
    expect(next.across?.rows.map((x) => x.answer)).toEqual(['1.10亿元', '27.40亿元']);
    expect(next.across?.result?.value).toBe('4.01%');
  });

  it.each([
    ['云岭职工医保当年结存占收入多少', '居民医保呢', '云岭居民医保当年结存占收入多少'],
    ['云岭乙型肝炎多少例', '那丙型肝炎呢', '云岭丙型肝炎多少例'],
    // Not a whole word of the last question (孕产妇死亡率 is not 婴儿死亡率's sibling by length): a new topic.
    ['云岭孕产妇死亡率多少', '婴儿死亡率呢', undefined],
    ['云岭职工医保收入多少', '出院呢', undefined],
    ['云岭职工医保收入多少', '居民医保收入多少', undefined],
    // Named twice: which one the sibling replaces is not known.
    ['云岭职工医保当年结存占职工医保收入多少', '居民医保呢', undefined],
  ])('after %s, %s asks %s', (before, next, asked) => {
    expect(siblingAsked(parse(next), parse(before))).toBe(asked);
  });
});

describe('a report named by a topic in its title', () => {
  it('lists what the report holds, not only that topic (白云医共体那篇新闻 names the report by 医共体)', async () => {
    const store = await storeFrom(HOSPITAL);
    const r = ask(store, '白云医共体那篇新闻说了啥');
    expect(r.across?.kind).toBe('browse');
    expect(r.across?.notes[0]).not.toMatch(/关于/);
    expect(r.across?.groups?.flatMap((g) => g.items.map((i) => i.indicator))).toContain('县人民医院全年下沉专家');
  });
});

describe('a rate per some people is no count of them', () => {
  it.each([
    ['每千名儿童儿科医师数', '儿科医师', true],
    ['每千人口床位数', '床位数', true],
    ['每万名老年人护理员', '护理员', true],
    ['儿科医师', '儿科医师数', false],
  ])('%s and %s are other indicators: %s', async (a, b, differ) => {
    const store = await storeFrom(HOSPITAL);
    const key = (metric: string) => indicatorKey(store, { ...store.facts[0]!, metric, qualifiers: [], unitClass: 'person' });
    expect(key(a) !== key(b)).toBe(differ);
  });
});

describe('a difference asked when one side has no figure', () => {
  let store: FactStore;
  beforeAll(async () => {
    store = await storeFrom(CITY);
  });

  it('gives no figure, says which side is missing, and offers the other as a question', () => {
    const r = ask(store, '岚溪市全市医院病床使用率比全国高多少');
    expect(r.answers).toEqual([]);
    expect(r.across).toBeUndefined();
    expect(r.note).toContain('全国');
    expect(r.note).toContain('算不出来');
    expect(r.suggestions).toHaveLength(1);
    expect(ask(store, r.suggestions[0]!).answers[0]?.answer).toBe('82.4%');
  });

  it('still compares when both sides have figures', () => {
    const r = ask(store, '岚溪市每千人口床位比全国低多少');
    expect(r.across?.result?.value).toBe('岚溪市比全国少1.03张');
  });
});

describe('reading whose report it is and what a plan holds', () => {
  it.each([
    ['a title that opens on the hospital and names its own summary', '清禾县人民医院2024年工作总结', '', '清禾县人民医院'],
    ['a hospital’s annual report', '某市第二人民医院2023年度报告', '', '某市第二人民医院'],
    ['我院 throughout the text', '关于2024年医疗质量的通报（清禾县人民医院）', '我院…我院…我院…', '清禾县人民医院'],
    ['a CDC’s summary, which reports its city’s figures', '某市疾病预防控制中心2024年工作总结', '', undefined],
    ['a commission writing about hospitals', '县卫生健康局关于县人民医院工作的总结', '', undefined],
    ['a hospital named after the title’s start', '2024年全县医疗工作总结暨县人民医院经验', '', undefined],
    ['a speech given at the hospital’s own congress', '在清禾县中医医院三届二次职工代表大会上的工作报告', '我院…我院…我院…', '清禾县中医医院'],
  ])('%s', (_n, title, text, subject) => {
    expect(deriveInstitution(title, text)?.subject).toBe(subject);
  });

  it.each([
    ['a plan that counts its items', '今年,我们将重点抓好5件事:新增床位900张;新建村卫生室75个。', ['900张:target', '75个:target']],
    ['a count of items in words', '明年重点推进三项任务：改造病房40间。', ['40间:target']],
    ['a lead with a figure of its own is no plan', '2024年全县投入资金3000万元:新建病房楼1栋。', ['3000万元:actual', '1栋:actual']],
  ])('%s', (_n, sentence, expected) => {
    expect(extractFromSentence(sentence, 2024).map((d) => `${d.answer}:${d.status}`)).toEqual(expected);
  });
});

describe('a ranking notice and a report of two years (invented: 雾溪市)', () => {
  // test/fixtures/across-notice: a notice with a table of counties' 平均得分, one of the top five
  // institutions' 总得分 and a sentence on the two that failed; a 妇幼 report's two-year table.
  let store: FactStore;
  beforeAll(async () => {
    store = await storeFrom('test/fixtures/across-notice');
  });
  const ranked = (r: AskResult) => r.across?.rows.map((x) => `${x.subject}:${x.answer}`);

  it('ranks institutions for 哪家, from the table whose rows are institutions, not the counties’ table nor the failing two', () => {
    const followUps = new FollowUps();
    const r = ask(store, '雾溪考核得分最高的是哪家', { chat: 'n', followUps });
    expect(ranked(r)?.[0]).toBe('东溪街道社区卫生服务中心:94.6分');
    expect(ranked(r)?.join()).not.toMatch(/北坪|南岭|东溪区:/);
    expect(ranked(ask(store, '前三呢', { chat: 'n', followUps }))).toEqual(['东溪街道社区卫生服务中心:94.6分', '柳湾镇中心卫生院:93.2分', '石桥镇卫生院:92.5分']);
  });

  it('ranks the fewest institutions a question counts (倒数两个是哪两家)', () => {
    expect(ranked(ask(store, '雾溪考核总得分倒数两个是哪两家'))).toEqual(['青林乡卫生院:90.7分', '河口街道社区卫生服务中心:91.8分']);
  });

  it('lists the scores of a notice when it is browsed', () => {
    const items = (ask(store, '雾溪绩效考核通报讲了些啥').across?.groups ?? []).flatMap((g) => g.items.map((i) => i.indicator));
    expect(items.join('|')).toContain('平均得分');
  });

  it.each(['雾溪县域就诊率上半年达到全年目标没', '雾溪县域就诊率离全年目标还差多少', '雾溪县域就诊率离目标还差多少'])(
    'sets half a year’s figure against the whole year’s target of the same year: %s',
    (q) => {
      const r = ask(store, q);
      expect(r.across?.result?.value).toBe('还差1.4个百分点');
      expect(r.across?.mixed).toBe('status');
      // 全年力争… under 下半年工作计划 is the year's target, not the half's.
      expect(r.across?.rows.map((x) => `${x.period}:${x.answer}`)).toEqual(['2025年1—6月:88.6%', '2025年（目标）:90%']);
    },
  );

  it.each([
    ['雾溪24年接种率最低的三种疫苗', ['白破疫苗:93.8%', '流脑多糖疫苗第2剂:94.5%', '百白破疫苗第4剂:96.5%']],
    ['雾溪2024年接种率最高的两种疫苗', ['卡介苗:99.4%', '乙肝疫苗第3剂:98.9%']],
    ['雾溪2023年接种率最低的两种疫苗', ['白破疫苗:92.9%', '流脑多糖疫苗第2剂:93.7%']],
  ])('ranks the rows of a table whose columns are years, in the year asked, never a sentence’s words: %s', (q, rows) => {
    const r = ask(store, q);
    expect(ranked(r)).toEqual(rows);
    expect(ranked(r)?.join()).not.toMatch(/提高到|达到/);
  });

  it.each([
    // A month's column and a run's, each of its own period.
    ['雾溪卫生院3月门急诊排一下', ['柳湾镇中心卫生院:9200人次', '石桥镇卫生院:8100人次', '青林乡卫生院:7300人次']],
    ['雾溪卫生院一季度累计门急诊前二', ['石桥镇卫生院:26400人次', '柳湾镇中心卫生院:25100人次']],
    // Columns of one measure in two years: the latest unless a year is asked.
    ['雾溪哪个县区婴儿死亡率最高', ['南溪县:3.30‰', '西溪县:3.10‰', '东溪区:2.40‰']],
    ['雾溪2023年哪个县区婴儿死亡率最高', ['西溪县:3.60‰', '南溪县:3.40‰', '东溪区:3.20‰']],
  ])('ranks a table whose headers name their periods by the period asked: %s', (q, rows) => {
    expect(ranked(ask(store, q))).toEqual(rows);
  });

  it('answers a change against another place never with the change on the year before (比2023年的…提高)', () => {
    expect(ask(store, '雾溪住院分娩率比全国高多少').answers.map((a) => a.answer)).not.toContain('0.08个百分点');
    expect(ask(store, '雾溪住院分娩率比上年提高多少').answers[0]?.answer).toBe('0.08个百分点');
  });

  it('asks the wider area for the period said after it (跟全市一季度比), the place for its own (3月)', () => {
    const r = ask(store, '西溪3月县域就诊率跟全市一季度比咋样');
    expect(r.across?.rows.map((x) => `${x.subject}:${x.answer}:${x.period}`)).toEqual(['西溪县:92.1%:2025年3月', '雾溪市:90.6%:2025年1—3月']);
    expect(r.across?.mixed).toBe('period');
  });

  it('keeps a half year’s figure in its half even when its sentence says 全年 (完成全年目标任务的52.5%)', () => {
    const f = store.facts.find((x) => x.answer === '68.2万人次');
    expect(f?.time?.label).toBe('2024年1—6月');
  });

  it('still ranks the counties when counties are asked', () => {
    expect(ranked(ask(store, '雾溪哪个县区平均得分最高'))).toEqual(['东溪区:85.2分', '西溪县:80.1分', '南溪县:78.4分']);
  });

  it('asks the last series again of the people a follow-up names (那孕产妇呢 after 婴儿死亡率)', () => {
    const followUps = new FollowUps();
    expect(ask(store, '雾溪婴儿死亡率这两年咋样', { chat: 'm', followUps }).across?.kind).toBe('trend');
    const next = ask(store, '那孕产妇呢', { chat: 'm', followUps });
    expect(next.across?.rows.map((x) => x.answer)).toEqual(['15.20/10万', '12.80/10万']);
  });

  it('reads a measure without its soft words for its indicator (儿科实有床位 counts 儿科床位)', () => {
    expect(indicatorKey(store, { ...store.facts[0]!, metric: '儿科实有床位', qualifiers: [], unitClass: 'count' })).toBe(indicatorKey(store, { ...store.facts[0]!, metric: '儿科床位', qualifiers: [], unitClass: 'count' }));
    expect(indicatorKey(store, { ...store.facts[0]!, metric: '医疗卫生机构实有床位', qualifiers: [], unitClass: 'count' })).not.toBe(indicatorKey(store, { ...store.facts[0]!, metric: '儿科床位', qualifiers: [], unitClass: 'count' }));
  });

  it('keeps a share asked in a follow-up that names no measure, and gives no count for it', () => {
    const followUps = new FollowUps();
    ask(store, '雾溪考核优秀的机构占比多少', { chat: 's', followUps });
    const next = ask(store, '不合格呢', { chat: 's', followUps });
    expect(next.answers.map((a) => a.answer)).not.toContain('2家');
  });
});
