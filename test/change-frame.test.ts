import { describe, expect, it } from 'vitest';
import { baseParenthesis, basesDisagree, changeFrameOf, isBareChange, measureOfChange } from '../src/extract/change-base.js';
import { extractFromSentence } from '../src/extract/facts.js';

describe('the base and direction of a change', () => {
  it.each([
    ['同比', '同比增长8.7%', {}, ['year-ago'], 'up'],
    ['比上年 in an annual report is also the year before', '比上年增加94家', { year: 2024 }, ['year-ago', 'year:2023'], 'up'],
    ['较上月 in a May report is April', '较上月(4月)下降', { month: 5 }, ['previous-month', 'month:4'], 'down'],
    ['较4月 in a May report is the previous month', '报告数较4月上升', { month: 5 }, ['month:4', 'previous-month'], 'up'],
    ['较4月 in a July report is only April', '较4月上升', { month: 7 }, ['month:4'], 'up'],
    ['a named base year', '人均预期寿命比2020年提高1.2岁', { year: 2023 }, ['year:2020'], 'up'],
    ['the country as base', '比全国高出', {}, ['全国'], 'up'],
    ['no base stated', '缩短', {}, [], 'down'],
    ['多少 asks, it does not point', '比上个月少了多少', { month: 5 }, ['previous-month', 'month:4'], 'down'],
    ['a two-digit year', '比24年高多少', { year: 2025 }, ['year:2024', 'year-ago'], 'up'],
    ['ten years back is no base year', '比10年前增加', { year: 2025 }, [], 'up'],
    ['a whole year asked', '上半年比24年全年高多少', { year: 2025 }, ['whole-year', 'year:2024', 'year-ago'], 'up'],
    ['the same period stated', '比上年同期提高', { year: 2025 }, ['year-ago', 'year:2024', 'same-period'], 'up'],
  ])('%s', (_n, text, period, bases, direction) => {
    const frame = changeFrameOf(text, period);
    expect(frame.bases).toEqual(bases);
    expect(frame.direction).toBe(direction);
  });

  it.each([
    [['previous-month'], ['year-ago'], true],
    [['month:4', 'previous-month'], ['previous-month', 'month:4'], false],
    [['year-ago'], [], false],
    [[], ['全国'], false],
    // Part of a year against a whole one, either way round, even of the same year.
    [['whole-year', 'year:2024'], ['year-ago', 'year:2024', 'same-period'], true],
    [['same-period', 'year-ago'], ['whole-year', 'year-ago'], true],
    [['year-ago'], ['year-ago', 'same-period'], false],
  ])('%j against %j disagree: %s', (asked, stated, disagree) => expect(basesDisagree(asked, stated)).toBe(disagree));
});

describe('what a change measures', () => {
  it.each([
    ['报告发病数较上月(4月)下降', '报告发病数'],
    ['较去年同期上升', ''],
    ['上年增加', ''],
    ['门诊次均费用同比增长', '门诊次均费用'],
    ['新增床位', '新增床位'],
  ])('%s → %s', (metric, measure) => expect(measureOfChange(metric)).toBe(measure));

  it('a bare change says nothing of what changed', () => {
    expect(isBareChange('较去年同期上升')).toBe(true);
    expect(isBareChange('床位较上年增加')).toBe(false);
    expect(isBareChange('')).toBe(false);
  });

  it.each([
    ['报告发病数较上月(4月,', '4月,'],
    ['较去年同期(', ''],
    ['报告数较4月(', ''],
    ['床位(万张', undefined],
    ['较上月(4月)下降14.88%,较去年同期(2023年5月,', '2023年5月,'],
  ])('the parentheses of a base in %s', (before, inside) => expect(baseParenthesis(before)).toBe(inside));
});

const read = (sentence: string) =>
  extractFromSentence(sentence, 2024).map((d) => `${d.answer}:${d.metric}:${d.status}${d.role ? `:${d.role}` : ''}${d.time ? `@${d.time.label}` : ''}`);

describe('a change and its base value in one sentence', () => {
  it.each([
    [
      'the base value keeps its own time and the change the report’s',
      '2024年5月报告发病数1,287例,较上月(4月,1,512例)下降14.88%,较去年同期(2023年5月,1,106例)上升16.37%。',
      ['1,287例:报告发病数:actual@2024年5月', '1,512例:报告发病数:actual:from@2024年4月', '14.88%:报告发病数较上月下降:change@2024年5月', '1,106例:报告发病数:actual:from@2023年5月', '16.37%:报告发病数较去年同期上升:change@2024年5月'],
    ],
    [
      'a base value with no time of its own is left out, not dated by the report',
      '乙类共报告334例,较上月(318例)上升5.03%。',
      ['334例:乙类共报告:actual', '5.03%:乙类共报告较上月上升:change'],
    ],
    [
      'a base year is not the figure’s year',
      '全市人均预期寿命比2020年提高1.2岁。',
      ['1.2岁:人均预期寿命比2020年提高:change'],
    ],
  ])('%s', (_n, sentence, expected) => expect(read(sentence)).toEqual(expected));
});
