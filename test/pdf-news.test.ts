import { beforeAll, describe, expect, it } from 'vitest';
import { ask, FollowUps } from '../src/core/ask.js';
import { datedYears, siblingAsked } from '../src/core/ask.js';
import { parseQuestion } from '../src/match/question.js';
import { periodKey } from '../src/across/trend.js';
import type { Fact } from '../src/extract/facts.js';
import { cleanReport } from '../src/reports/clean.js';
import { extractFacts } from '../src/extract/facts.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom } from './helpers/store.js';

// Invented: a county bulletin as converted from PDF (page number, running title, a table carried
// over a page with its header printed again) and a city news page (前三季度 beside the province's
// 上半年, a county list, earlier years in a reporter's paraphrase).
let store: FactStore;
beforeAll(async () => {
  store = await storeFrom('test/fixtures/pdf-news');
});

const rowsOf = (q: string) => {
  const r = ask(store, q);
  return r.across ? { rows: r.across.rows.map((x) => `${x.subject}:${x.answer}`), mixed: r.across.mixed } : { rows: r.answers.slice(0, 1).map((a) => `${a.region}:${a.answer}`), mixed: null };
};

describe('a report converted from PDF', () => {
  it('drops page numbers and the running title, and joins a table carried over a page', () => {
    const text = [
      '某县2024年公报', '', '表1　各乡镇卫生院服务情况', '乡镇 | 诊疗人次 | 出院人次', '甲镇 | 6.1 | 1520', '', '— 2 —', '', '某县2024年公报', '',
      '乡镇 | 诊疗人次 | 出院人次', '乙乡 | 2.4 | 310', '',
    ].join('\n');
    const blocks = cleanReport(text);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'heading', 'table']);
    expect(blocks[2]!.rows).toEqual([['乡镇', '诊疗人次', '出院人次'], ['甲镇', '6.1', '1520'], ['乙乡', '2.4', '310']]);
  });

  it('ranks the rows on both pages, without the 合计 row', () => {
    expect(rowsOf('椋溪哪几个卫生院床位使用率最低 前三').rows).toEqual(['楮岚乡卫生院:29.8%', '棣川乡卫生院:33.6%', '槲溪乡卫生院:41.5%']);
  });
});

describe('parts of a year and relative years', () => {
  const at = (label: string, year: number) => periodKey({ time: { label, year } } as Fact);
  it.each([
    ['2025年前三季度', '2025-09~01'],
    ['2025年1—9月', '2025-09~01'],
    ['2025年上半年', '2025-06~01'],
    ['2025年二季度', '2025-06~04'],
    ['2025年', '2025'],
  ])('%s is %s', (label, key) => {
    expect(at(label, 2025)).toBe(key);
  });

  it('says the city\'s 前三季度 and the province\'s 上半年 are not one period, and dates later clauses by the city\'s', () => {
    expect(rowsOf('楮岚县域就诊率跟全省比咋样')).toEqual({ rows: ['楮岚市:89.2%', '全省:88.4%'], mixed: 'period' });
    expect(ask(store, '楮岚前三季度基层诊疗人次').answers[0]?.time).toBe('2025年前三季度');
  });

  it('ranks a county list said with 前三季度 in its last item', () => {
    expect(rowsOf('三个县前三季度县域就诊率排个名').rows).toEqual(['椋溪县:90.1%', '棠桥县:88.9%', '梓峪县:87.6%']);
  });

  it('reads 2024年提高到87.3% as the level of 2024, and 去年 by the reports\' dates', () => {
    expect(rowsOf('椋溪去年县域就诊率跟全市比').rows).toEqual(['椋溪县:88.6%', '楮岚市:87.3%']);
    expect(rowsOf('楮岚县域内就诊率2023年2024年').rows).toEqual(['楮岚市:84.6%', '楮岚市:87.3%']);
    // The county's only figure is of 前三季度 this year: 去年 has none.
    expect(rowsOf('梓峪去年县域就诊率多少').rows).toEqual([]);
  });

  it.each([
    ['去年出院多少', 2025, '2024年出院多少'],
    ['今年目标多少', 2025, '2025年目标多少'],
    // A base (跟去年比) and 去年同期 stay for the comparison to read; two said together are both written out.
    ['跟去年比变了多少', 2025, '跟去年比变了多少'],
    ['去年同期多少', 2025, '去年同期多少'],
    ['去年比前年涨了百分之几', 2025, '2024年比2023年涨了百分之几'],
    ['去年出院多少', undefined, '去年出院多少'],
  ])('%s (%s) → %s', (text, now, out) => {
    expect(datedYears(text, now)).toBe(out);
  });
});

describe('a disease bulletin: tables by class and by run of months', () => {
  it('ranks the table of the months asked (前三季度累计), counting 前三 after 前三季度', () => {
    expect(rowsOf('前三季度累计哪几种传染病报得最多 前三').rows).toEqual(['流行性感冒:2950', '手足口病:1640', '其他感染性腹泻病:1271']);
  });

  it('never answers 前三 with one ranked name of another list', () => {
    expect(rowsOf('1—9月哪几种传染病报得最多 前三').rows).not.toEqual(['肺结核']);
  });

  it('asks 那丙类呢 as the last question with 丙类 in 乙类\'s place', () => {
    const previous = parseQuestion('三季度乙类报得最多的前三', { intents: store.intents, regions: store.regions, index: store.index });
    const q = parseQuestion('那丙类呢', { intents: store.intents, regions: store.regions, index: store.index });
    expect(siblingAsked(q, previous, store.intents.catalogue)).toBe('三季度丙类报得最多的前三');
  });

  it('reads 占比离控制目标还差多少 as a gap to the target, not a share', () => {
    expect(ask(store, '楮岚高倍率病例占比离控制目标还差多少').across?.result?.value).toBe('还差0.4个百分点');
  });
});

describe('a series with the target of the year asked', () => {
  it('shows this year\'s target, not the table\'s target column of the year before', () => {
    expect(rowsOf('椋溪老年人健康管理率这两年 加上今年目标')).toEqual({ rows: ['椋溪县:66.0%', '椋溪县:68.5%', '椋溪县:72%'], mixed: 'status' });
  });
});

describe('上年 in a year\'s report published the next year', () => {
  const years = (text: string) =>
    extractFacts({ id: 'x.txt', path: '/dev/null', year: 2025, meta: { title: '某县2024年卫生健康事业发展统计公报', region: '某县', origin: 'derived' as const }, blocks: cleanReport(`${text}\n`) }).map((f) => `${f.answer}@${f.time?.year}`);

  it.each([
    ['2024年，全县总诊疗人次142.6万人次（上年135.8万人次）。', ['142.6万人次@2024', '135.8万人次@2023']],
    // Said in speech, 去年 counts back from when it was said.
    ['2022年门急诊是162.4万人次，前年涨到了185.7万，去年是198.3万人次。', ['162.4万人次@2022', '185.7万@2023', '198.3万人次@2024']],
  ])('%s', (text, expected) => {
    expect(years(text)).toEqual(expected);
  });
});

describe('shares, growth and estimates a statistics bulletin gives', () => {
  it('works a county\'s share of the city\'s whole as a share, not a difference', () => {
    expect(ask(store, '椋溪县医养结合床位占全市几成').across?.result?.value).toBe('45.59%');
  });

  it('answers 多了百分之几 of a count from its last year in brackets, never with the share\'s 个百分点', () => {
    expect(ask(store, '楮岚60岁以上老人比上年多了百分之几').across?.result?.value).toBe('3.32%');
  });

  it('reads a 2025年实现值（预计） column as the level reached, measured against the plan\'s target', () => {
    expect(ask(store, '楮岚千人护士离十四五目标还差多少').across?.result?.value).toBe('还差0.14人');
  });

  it('compares a county with its city, and carries the city to a follow-up that found nothing first', () => {
    const f = new FollowUps();
    expect(ask(store, '椋溪县域就诊率比全市高多少', { chat: 'c', followUps: f }).across?.result?.value).toBe('椋溪县比楮岚市多1.3个百分点');
    // A question across facts that found nothing is still what a follow-up carries on, with its 全市.
    ask(store, '椋溪基层诊疗占比比全市高多少', { chat: 'd', followUps: f });
    expect(ask(store, '那县域就诊率呢', { chat: 'd', followUps: f }).across?.rows.map((r) => r.answer)).toEqual(['88.6%', '87.3%']);
  });
});

describe('a monthly bulletin with a table of months', () => {
  it('reads rows named by months as the months of the table\'s year', () => {
    expect(rowsOf('椋溪每个月报告病例数').rows).toEqual(['椋溪县:365例', '椋溪县:298例', '椋溪县:380例', '椋溪县:389例', '椋溪县:376例', '椋溪县:402例']);
  });

  it('works 6月比2月 from the months, not from the change the report states on 5月', () => {
    expect(ask(store, '椋溪6月报告病例比2月多了百分之几').across?.result?.value).toBe('34.9%');
  });

  it('dates a run of months by its own time, not by the 上年同期 in brackets after it', () => {
    expect(ask(store, '椋溪1到6月累计报告多少例').answers[0]?.time).toBe('2025年1—6月');
  });
});

describe('places listed two ways in one sentence', () => {
  it('ranks all the places a sentence gives its leading measure for, the 分别 list and the ones after it', () => {
    expect(rowsOf('每万人全科医生哪个县区最少 排个序 楮岚').rows).toEqual(['梓峪县:2.62人', '棠桥县:2.98人', '椋溪县:3.05人', '栎塬区:4.12人', '杪川区:4.86人']);
    expect(rowsOf('梓峪每万人全科医生多少').rows).toEqual(['梓峪县:2.62人']);
  });
});
