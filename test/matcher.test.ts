import { beforeAll, describe, expect, it } from 'vitest';
import { ask, FollowUps } from '../src/core/ask.js';
import type { FactStore } from '../src/store/fact-store.js';
import { storeFrom } from './helpers/store.js';

// These questions are written for the tests; none is from the evaluation sets.
let store: FactStore;
beforeAll(async () => {
  store = await storeFrom();
});
const top = (q: string) => ask(store, q).answers[0];

describe('answers the figure asked for, from the right report', () => {
  it.each([
    ['regions with and without 市', '淄博市专科联盟多少个', '10个', '002'],
    ['a district', '市中区村卫生室配备一体机多少个', '116个', '003'],
    ['a year picks the matching value', '枣庄2012年办案数量', '269件', '000'],
    ['without a year the current value', '枣庄办案数量', '2491件', '000'],
    ['a percentage', '枣庄建档立卡贫困患者个人自负比例', '7.41%', '000'],
    ['money', '淄博医疗卫生重点项目投资多少钱', '82.1亿元', '002'],
    ['a per-capita figure when asked per capita', '枣庄每千人口注册护士', '3.93人', '000'],
    ['a total, not the per-capita figure', '枣庄实际开放床位有多少', '25970张', '000'],
    ['a synonym (病床)', '枣庄实际开放病床多少张', '25970张', '000'],
    ['a synonym (村医)', '枣庄在岗村医多少人', '3262人', '000'],
    ['traditional characters', '瑞安消殺場所有幾處', '142处', '004'],
    ['a typo in a place (淄薄)', '淄薄专科联盟有几个', '10个', '002'],
    ['a typo in a term (智医主理)', '智医主理投资了多少', '980万元', '001'],
    ['a date', '市中区人民医院什么时候签订紧密型医共体合作协议', '2023年7月', '003'],
    ['a what question', '枣庄被确定为什么试点市', '国家级社会心理服务体系试点市', '000'],
  ])('%s: %s', (_name, question, answer, doc) => {
    const a = top(question);
    expect(a?.answer).toBe(answer);
    expect(a?.source.file.startsWith(doc)).toBe(true);
  });

  it('gives the quote, metric, region, time and title a card needs', () => {
    const a = top('枣庄卫生总资产');
    expect(a).toMatchObject({
      answer: '140.05亿元',
      metric: '卫生总资产',
      region: '枣庄市',
      time: '截至2021年底',
      source: { file: '000_40ca54400f45fed3.txt', title: expect.stringContaining('枣庄市卫生健康事业发展十年记') },
    });
    expect(a!.quote).toContain('140.05亿元');
    expect(a!.confidence).toBeGreaterThan(0.5);
  });

  it('keeps the measure word of the question (多少个 is not 4种)', () => {
    expect(top('枣庄开发制作了多少个科普传播材料')?.answer).toBe('62个');
  });
});

describe('says it does not know rather than give a wrong figure', () => {
  it.each([
    ['a region with no report', '北京有多少医疗卫生机构'],
    ['a region with no report, with 市', '潍坊市实际开放床位多少张'],
    ['a topic no report covers', '淄博的人均GDP'],
    ['a named entity no report mentions', '北京协和医院有多少张床位'],
    ['a narrower kind than the report counts (民营医院)', '淄博有多少家民营医院'],
    ['a measure that does not fit the figures (所 of 大学)', '枣庄有多少所大学'],
    ['a named hospital the figure is not about', '枣庄市立医院有多少张床位'],
    ['another place that starts like a known one', '温州市区门诊总量多少'],
    ['small talk', '今天天气怎么样'],
  ])('%s: %s', (_name, question) => {
    const r = ask(store, question);
    expect(r.answers).toEqual([]);
    expect(r.note).toBeTruthy();
  });

  it('names the unknown region and suggests what it knows', () => {
    const r = ask(store, '北京有多少医疗卫生机构');
    expect(r.note).toContain('北京');
    expect(r.suggestions.length).toBeGreaterThan(0);
    expect(r.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('never answers one region with another region\'s figure', () => {
    for (const q of ['淄博实际开放床位多少张', '瑞安卫生总资产', '淄博网内救护车有几辆']) {
      for (const a of ask(store, q).answers) expect(['淄博市', '瑞安市']).toContain(a.region);
    }
  });
});

describe('several regions', () => {
  it('lists each region that has the figure when none is named', () => {
    const r = ask(store, '示范村卫生室有多少个');
    const regions = new Set(r.answers.map((a) => a.region));
    expect(regions.has('枣庄市')).toBe(true);
    expect(regions.has('淄博市')).toBe(true);
  });

  it('compares the regions named', () => {
    const r = ask(store, '枣庄和淄博的示范村卫生室比较');
    expect(new Set(r.answers.map((a) => a.region))).toEqual(new Set(['枣庄市', '淄博市']));
  });
});

describe('intents', () => {
  it.each([
    ['你好', 'help'],
    ['/help', 'help'],
    ['有哪些报告', 'sources'],
    ['/reload', 'reload'],
    ['/订阅', 'subscribe'],
    ['/frobnicate', 'unknown_command'],
  ])('%s → %s', (text, intent) => {
    expect(ask(store, text).intent).toBe(intent);
  });
});

describe('follow-ups in one chat', () => {
  it('carries the topic to "那淄博呢" and "2012年呢" within a few minutes, not after', () => {
    let now = 0;
    const followUps = new FollowUps(() => now);
    const chat = 'feishu:oc_test';
    expect(ask(store, '枣庄专科联盟有几个', { chat, followUps }).answers).toEqual([]);
    expect(ask(store, '枣庄办案数量', { chat, followUps }).answers[0]?.answer).toBe('2491件');
    now += 60_000;
    expect(ask(store, '2012年呢', { chat, followUps }).answers[0]?.answer).toBe('269件');
    expect(ask(store, '枣庄实际开放床位多少张', { chat, followUps }).answers[0]?.answer).toBe('25970张');
    expect(ask(store, '那淄博呢', { chat, followUps }).answers).toEqual([]);
    expect(ask(store, '淄博专科联盟有几个', { chat, followUps }).answers[0]?.answer).toBe('10个');
    expect(ask(store, '那瑞安呢', { chat, followUps }).answers).toEqual([]);
    now += 10 * 60_000;
    expect(ask(store, '2012年呢', { chat, followUps }).answers).toEqual([]);
  });

  it('keeps chats apart', () => {
    const followUps = new FollowUps();
    ask(store, '枣庄办案数量', { chat: 'a', followUps });
    expect(ask(store, '2012年呢', { chat: 'b', followUps }).answers).toEqual([]);
  });
});
