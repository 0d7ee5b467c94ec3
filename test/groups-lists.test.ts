import { beforeAll, describe, expect, it } from 'vitest';
import { splitAsked } from '../src/across/groups.js';
import { ask, FollowUps } from '../src/core/ask.js';
import { extractFacts } from '../src/extract/facts.js';
import { statusOf } from '../src/extract/status.js';
import { cleanReport } from '../src/reports/clean.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom } from './helpers/store.js';

// Invented: a city's 慢病 monitoring report (figures by sex, lists with their earlier year and the
// province in brackets, a 全省平均 column, a score table with 其中 columns), its 1—9月 running
// report (monthly totals beside the months so far and a whole-year target) and one county
// hospital's summary (a department's figure beside the hospital's, levels with next year's targets).
let store: FactStore;
beforeAll(async () => {
  store = await storeFrom('test/fixtures/groups-lists');
});

const rowsOf = (q: string, chat?: { chat: string; followUps: FollowUps }) => {
  const r = ask(store, q, chat ?? {});
  return r.across ? { rows: r.across.rows.map((x) => `${x.subject}:${x.answer}`), result: r.across.result?.value } : { rows: r.answers.slice(0, 1).map((a) => `${a.region}:${a.answer}`), result: undefined };
};

describe('two groups of one figure (男女, 城市和农村)', () => {
  it.each([
    ['男女糖尿病患病率各多少', ['男性', '女性'], '糖尿病患病率各多少'],
    ['城市和农村孕产妇死亡率谁高', ['城市', '农村'], '孕产妇死亡率谁高'],
    ['糖尿病患病率多少', undefined, undefined],
  ])('%s', (text, groups, rest) => {
    const split = splitAsked(text, store.intents.splits);
    expect(split?.groups).toEqual(groups);
    expect(split?.rest).toEqual(rest);
  });

  it('gives each group its own figure and the gap between them', () => {
    expect(rowsOf('檀屿男女高血压患病率各多少')).toEqual({ rows: ['檀屿市（男性）:29.1%', '檀屿市（女性）:23.7%'], result: '男性比女性多5.4个百分点' });
    expect(rowsOf('檀屿男的女的糖尿病患病率差多少').result).toBe('男性比女性多2.3个百分点');
  });

  it('carries the groups into a follow-up on another measure', () => {
    const chat = { chat: 'g', followUps: new FollowUps() };
    rowsOf('檀屿男女高血压患病率各多少', chat);
    expect(rowsOf('那吸烟率呢', chat).rows).toEqual(['檀屿市（男性）:47.3%', '檀屿市（女性）:2.6%']);
  });

  it('answers one group asked alone, never with the interval beside the whole', () => {
    expect(rowsOf('檀屿男性高血压患病率').rows).toEqual(['檀屿市:29.1%']);
    expect(rowsOf('檀屿高血压患病率').rows).toEqual(['檀屿市:26.4%']);
  });
});

describe('lists read item by item', () => {
  it.each([
    // 分别为a、b（2020年分别为c、d）: the brackets are the same items in their own year.
    ['檀屿千人护士多少', '檀屿市:3.41人'],
    ['檀屿2020年千人护士多少', '檀屿市:2.77人'],
    // 甲县每千人口医师数、护士数分别为…；乙区分别为…: the place before the list is every item's.
    ['柘溪县千人护士多少', '柘溪县:3.02人'],
    ['榉坪区千人医师多少', '榉坪区:3.47人'],
    // 每千人口分别为5.97张、3.05人、3.41人 after the counts: each count's figure per head.
    ['檀屿千人床位多少', '檀屿市:5.97张'],
  ])('%s → %s', (q, row) => {
    expect(rowsOf(q).rows).toEqual([row]);
  });

  it('reads 分别低于全省平均水平（…） as the province\'s figures of the measures just listed', () => {
    expect(rowsOf('檀屿千人护士跟全省比').rows).toEqual(['檀屿市:3.41人', '全省:3.65人']);
  });

  it('reads a table\'s 全省平均 column as the province\'s, not a point of the city\'s series', () => {
    expect(rowsOf('檀屿吸烟率跟全省比').rows).toEqual(['檀屿市:25.2%', '全省:24.6%']);
    expect(rowsOf('檀屿吸烟率离目标还差几个点').result).toBe('还差5.2个百分点');
  });

  it('reads a 其中 column of an overall score as a part, after the overall score', () => {
    expect(rowsOf('柘溪健康城市得分多少').rows).toEqual(['柘溪县:78.6分']);
    expect(rowsOf('柘溪健康环境得分多少').rows).toEqual(['柘溪县:16.2分']);
  });
});

describe('gaps and targets', () => {
  it('reads 比全省（8.0天）长0.3天 as a gap, not the city\'s figure', () => {
    expect(rowsOf('檀屿平均住院日跟全省比')).toEqual({ rows: ['檀屿市:8.3天', '全省:8.0天'], result: '檀屿市比全省多0.3天' });
    expect(statusOf({ before: '平均住院日比全省(8.0天)长', near: '长', unit: '天' })).toBe('change');
    expect(statusOf({ before: '病床使用率较高,为', near: '为', unit: '%' })).toBe('actual');
  });

  it('measures a year\'s target from the months so far, never from one month', () => {
    expect(rowsOf('全年诊疗目标还差多少万人次').result).toBe('还差579.60万人次');
  });

  it('takes a difference of years from the whole\'s series, not a department\'s figure', () => {
    expect(rowsOf('楝川县医院门急诊比23年多了多少万人次').result).toBe('2024年比2023年多3.75万人次');
  });

  it('carries the hospital its answer was of into a follow-up that names no place', () => {
    const chat = { chat: 't', followUps: new FollowUps() };
    expect(rowsOf('中药饮片处方占比离目标还差几个点', chat).result).toBe('还差3.4个百分点');
    expect(rowsOf('药占比呢', chat)).toEqual({ rows: ['楝川县人民医院:32.4%', '楝川县人民医院:30%'], result: '还差2.4个百分点' });
  });
});

describe('extraction of groups and interval', () => {
  const facts = (text: string) =>
    extractFacts({ id: 'x.txt', path: '/dev/null', meta: { title: '某市2024年监测报告', region: '某市', origin: 'derived' as const }, blocks: cleanReport(`${text}\n`) }).map((f) => `${f.metric}=${f.answer}`);

  it.each([
    ['全市居民健康素养水平为28.1%，其中城市居民31.2%，农村居民24.0%。', ['居民健康素养水平=28.1%', '城市居民健康素养水平=31.2%', '农村居民健康素养水平=24.0%']],
    ['城市孕产妇死亡率为10.2/10万，其中农村12.1/10万。', ['城市孕产妇死亡率=10.2/10万', '农村孕产妇死亡率=12.1/10万']],
    // A count's parts by sex are no measure of their own to widen.
    ['全市共调查7236人，其中男性3569人、女性3443人。', ['调查=7236人', '男性=3569人', '女性=3443人']],
  ])('%s', (text, expected) => {
    expect(facts(text)).toEqual(expected);
  });
});

describe('minutes, institutions said short, and years named', () => {
  it.each([
    // （一）某县人民医院院长某某介绍…, then 某某说，…: the turn is the hospital's, 全县 the county's.
    ['桦埠县人民医院出院人次', '桦埠县人民医院:24310人次'],
    ['出院人次桦埠县医院', '桦埠县人民医院:24310人次'],
    ['桦埠县县域内就诊率', '桦埠县:89.4%'],
    // A town's 卫生院 said without its county, or without 镇; 我们镇 is the town's, not the 卫生院's.
    ['枸湾镇卫生院门急诊', '柘溪县枸湾镇卫生院:5.42万人次'],
    ['枸湾镇家庭医生签约率', '枸湾镇:41.3%'],
  ])('%s → %s', (q, row) => {
    expect(rowsOf(q).rows).toEqual([row]);
  });

  it('works a change for a town\'s 卫生院 said short', () => {
    expect(rowsOf('枸湾卫生院门急诊去年涨了百分之几').result).toBe('11.07%');
  });

  it('compares two county hospitals said short, one from minutes', () => {
    expect(rowsOf('楝川县医院出院人次跟桦埠县医院比 谁多').rows).toEqual(['桦埠县人民医院:24310人次', '楝川县人民医院:23120人次']);
  });

  it('reads two years named as the series of those years, and carries it to a follow-up', () => {
    const chat = { chat: 'y', followUps: new FollowUps() };
    expect(rowsOf('楝川县医院出院人次23年24年', chat).rows).toEqual(['楝川县人民医院:21860人次', '楝川县人民医院:23120人次']);
    expect(rowsOf('手术呢', chat).rows).toEqual(['楝川县人民医院:8410台次', '楝川县人民医院:9035台次']);
  });

  it('dates a figure before a bracketed earlier year by its own time, not the bracket\'s', () => {
    const facts = extractFacts({ id: 'x.txt', path: '/dev/null', meta: { title: '某县2024年工作总结', region: '某县', origin: 'derived' as const }, blocks: cleanReport('截至2024年底，全县常住人口签约率39.6%（2023年为36.9%）。\n') });
    expect(facts.filter((f) => f.metric === '常住人口签约率').map((f) => `${f.answer}@${f.time?.year}`)).toEqual(['39.6%@2024', '36.9%@2023']);
  });
});

describe('a table under its caption', () => {
  it('takes the caption\'s per-head words and unit, and reads 执业（助理）医师2024年 as a measure in a year', () => {
    expect(rowsOf('柘溪县2020年千人医师多少').rows).toEqual(['柘溪县:2.31人']);
    expect(rowsOf('柘溪千人医师20年到24年变化').rows).toEqual(['柘溪县:2.31人', '柘溪县:2.84人']);
    expect(rowsOf('柘溪千人护士20年到24年变化').rows).toEqual(['柘溪县:2.40人', '柘溪县:3.02人']);
  });

  it('ranks the counties on the caption\'s measure', () => {
    expect(rowsOf('2024年千人医师哪个县区最低').rows[0]).toBe('柘溪县:2.84人');
  });
});
