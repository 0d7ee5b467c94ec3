import { describe, expect, it } from 'vitest';
import { ask, fullYears } from '../src/core/ask.js';
import { storeOf } from './helpers/store.js';

// Invented reports for what session 33's blind sets showed; every name and figure is made up.
const HOSPITAL = [
  '# 溪林市医院等级评审自评报告',
  '',
  '近三年运行情况见下表。',
  '',
  '| 指标 | 2021年 | 2022年 | 2023年 |',
  '|---|---|---|---|',
  '| 年门急诊人次（万人次） | 50.10 | 52.30 | 60.20 |',
  '| 出院人次 | 20100 | 21300 | 24800 |',
  '',
  '2023年门诊患者满意度为91.2分。',
  '',
  '（以上数据均为测试虚构）',
].join('\n');
const hospitalMeta = { title: '溪林市医院等级评审自评报告', region: '溪林市', parentRegion: '丰溪市', date: '2024-03' };

describe('questions as staff type them', () => {
  it('a county-level city’s hospital said short (溪林医院 for 溪林市医院)', async () => {
    const store = await storeOf({ 'h.md': HOSPITAL, 'h.meta.json': hospitalMeta });
    expect(ask(store, '溪林医院出院人次这几年怎么变的').across?.rows.map((r) => r.answer)).toEqual(['20100', '21300', '24800']);
  });
  it('a prefecture city’s 医院 stays its hospitals as a kind', async () => {
    const store = await storeOf({ 'h.md': HOSPITAL, 'h.meta.json': hospitalMeta });
    expect(ask(store, '丰溪医院出院人次多少').answers).toEqual([]);
  });
  it('比22年多了多少: a short year before 多了 is a year', () => {
    expect(fullYears('23年出院比22年多了多少')).toBe('2023年出院比2022年多了多少');
    expect(fullYears('23年比22年多多少')).toBe('2023年比2022年多多少');
    expect(fullYears('干了22年多')).toBe('干了22年多');
    expect(fullYears('建院22年来')).toBe('建院22年来');
  });
  it('…and the change is worked between those two years', async () => {
    const store = await storeOf({ 'h.md': HOSPITAL, 'h.meta.json': hospitalMeta });
    expect(ask(store, '溪林市医院23年出院人次比22年多了多少').across?.result?.formula).toBe('24800 − 21300 = 3500');
  });
});

describe('a volume said loosely', () => {
  it('门诊量, where the report gives only 门急诊人次, is answered by that, named as such', async () => {
    const store = await storeOf({ 'h.md': HOSPITAL, 'h.meta.json': hospitalMeta });
    const r = ask(store, '溪林市医院门诊量这几年怎么变的');
    expect(r.question).toBe('溪林市医院门诊量这几年怎么变的');
    expect(r.across?.rows.map((x) => x.answer)).toEqual(['50.10万人次', '52.30万人次', '60.20万人次']);
  });
  it('…but where the report gives 门诊人次 itself, that answers', async () => {
    const own = HOSPITAL.replace('2023年门诊患者', '2023年门诊人次48.5万人次，门诊患者');
    const store = await storeOf({ 'h.md': own, 'h.meta.json': hospitalMeta });
    expect(ask(store, '溪林市医院2023年门诊人次多少').answers[0]?.answer).toBe('48.5万人次');
  });
  it('…and a word of 门诊 that is no volume is never widened', async () => {
    const store = await storeOf({ 'h.md': HOSPITAL, 'h.meta.json': hospitalMeta });
    expect(ask(store, '溪林市医院门诊次均费用多少').answers).toEqual([]);
    expect(ask(store, '溪林市医院急诊人次多少').answers).toEqual([]);
  });
});
