import { describe, expect, it } from 'vitest';
import { extractFromSentence } from '../src/extract/facts.js';
import { askedLevel, askedStatus, levelOf } from '../src/extract/status.js';

const statusOf = (sentence: string, year = 2024) => extractFromSentence(sentence, year).map((d) => `${d.answer}:${d.status}${d.level ? `:${d.level}` : ''}`);

describe('a figure is a level reached, a target or a change', () => {
  it.each([
    ['a level', '全区共有医疗卫生机构152个。', ['152个:actual']],
    ['a change after its verb', '床位31.86万张,比上年增加1.47万张,增长4.8%。', ['31.86万张:actual', '1.47万张:change', '4.8%:change']],
    ['percentage points are a change', '使用率83.6%,比上年提高4.2个百分点。', ['83.6%:actual', '4.2个百分点:change']],
    ['力争 makes a target', '力争每千人口托位数达到4.5个。', ['4.5个:target']],
    ['a list led by a plan', '今年,我们将重点抓好三件事:新增床位1200张;新建村卫生室120个。', ['1200张:target', '120个:target']],
    ['a plan that counts its items', '今年,我们将重点抓好5件事:新增床位900张;新建村卫生室75个。', ['900张:target', '75个:target']],
    ['a later year than the report is a plan', '2026年每千人口床位数7.5张。', ['7.5张:target']],
    ['planning words that plan nothing', '人均预期寿命达到79.1岁,免疫规划疫苗接种率98.6%。', ['79.1岁:actual', '98.6%:actual']],
    ['a target word in another clause does not count', '聚焦目标任务,全市配置专用病房100个。', ['100个:actual']],
    ['由…到… keeps the earlier value a level', '由上年的6.71张增加到7.06张。', ['6.71张:actual', '7.06张:actual']],
    ['the country cited for comparison', '每千人口床位数8.17张,高于全国7.23张的平均水平。', ['8.17张:actual', '7.23张:actual:全国']],
    ['the province cited for comparison', '略高于全省7.96张的水平。', ['7.96张:actual:全省']],
    ['比全国 is the base of a change, not the country', '比全国高出0.52岁。', ['0.52岁:change']],
  ])('%s', (_n, sentence, expected) => expect(statusOf(sentence)).toEqual(expected));
});

describe('in a plan by its title (工作要点), a level aimed at is a target', () => {
  const inPlan = (sentence: string) => extractFromSentence(sentence, 2025, { planDoc: true }).map((d) => `${d.answer}:${d.status}`);
  it.each([
    ['控制在…以内 aims', '城市地区急救平均反应时间控制在12分钟以内。', ['12分钟:target']],
    ['达到 aims', '家庭医生签约率达到45%。', ['45%:target']],
    ['a count of what is done is no aim', '新建急救站点6个。', ['6个:actual']],
    ['a change is still a change', '床位比上年增加120张。', ['120张:change']],
    ['a past year’s level is no aim', '2024年，全市人均预期寿命达到79.6岁。', ['79.6岁:actual']],
  ])('%s', (_n, sentence, expected) => expect(inPlan(sentence)).toEqual(expected));
  it('the same words in a report of what was done are levels reached', () => {
    expect(statusOf('城市地区急救平均反应时间控制在12分钟以内。')).toEqual(['12分钟:actual']);
  });
});

describe('what a question asks for', () => {
  it.each([
    ['枣庄床位多少张', 'actual'],
    ['医护比是多少', 'actual'],
    ['基层诊疗量占比多少', 'actual'],
    ['改扩建增加多少张床位', 'actual'],
    ['比上年增加了多少个', 'change'],
    ['平均住院日比上年缩短了几天', 'change'],
    ['药占比下降了几个百分点', 'change'],
    ['人均寿命比2020年长了多少', 'change'],
    ['2025年每千人口医生要达到多少', 'target'],
    ['今年计划新增多少张床位', 'target'],
    ['今年准备新建几个卫生室', 'target'],
    ['托位数目标', 'target'],
    ['人均预期寿命多少', 'actual'],
  ])('%s → %s', (q, status) => expect(askedStatus(q)).toBe(status));

  it.each([
    ['全国每千人口执业医师是多少', '全国'],
    ['湖北全省人均预期寿命', '全省'],
    ['人均预期寿命比全国高了多少岁', undefined],
    ['襄阳床位', undefined],
    ['济宁什么时候创成全国基层中医药工作示范市', undefined],
  ])('%s → level %s', (q, level) => expect(askedLevel(q)).toBe(level));

  it('a province report speaks of 全省 as its own region', () => {
    expect(askedLevel('全省床位多少', true)).toBeUndefined();
    expect(levelOf('全省', true)).toBeUndefined();
  });
});
