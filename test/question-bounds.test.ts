import { describe, expect, it } from 'vitest';
import { fullYears } from '../src/core/ask.js';
import { askFirst, boundedTokens, MAX_PARSED_CHARS, questionPart, type QueryToken } from '../src/match/question.js';
import { parseQuestion } from '../src/match/question.js';
import { storeFrom } from './helpers/store.js';

// Issue 12: what a question may cost is bounded before it is matched. Pure functions, table-driven.

describe('questionPart: the question in a long message', () => {
  it.each([
    ['a real question stays whole', '枣庄实际开放床位多少张？', '枣庄实际开放床位多少张？'],
    ['a pasted paragraph, then the question', `${'全市医疗卫生机构持续发展。'.repeat(8)}枣庄实际开放床位多少张？`, '枣庄实际开放床位多少张？'],
    ['the question, then a pasted paragraph', `枣庄实际开放床位多少张？${'全市医疗卫生机构持续发展。'.repeat(8)}`, '枣庄实际开放床位多少张？'],
    ['no sentence asks: the last one', `${'全市医疗卫生机构持续发展。'.repeat(8)}枣庄床位。`, '枣庄床位。'],
    ['one long run: its end, at the limit', '床'.repeat(500), '床'.repeat(MAX_PARSED_CHARS)],
  ])('%s', (_what, text, part) => {
    expect(questionPart(text)).toBe(part);
    expect(questionPart(text).length).toBeLessThanOrEqual(MAX_PARSED_CHARS);
  });
});

describe('askFirst: a subject named after the asking clause goes before it', () => {
  it.each([
    ['the usual order stays', '甲区人民医院门急诊量是多少？', '甲区人民医院门急诊量是多少？'],
    ['a hospital after the ask', '门急诊量是多少？甲区人民医院', '甲区人民医院，门急诊量是多少？'],
    ['two places after the ask', '床位差多少？甲县vs乙县', '甲县vs乙县，床位差多少？'],
    ['a courtesy after the ask is no subject', '甲市床位多少张？谢谢', '甲市床位多少张？谢谢'],
    ['a follow-up ends on 呢', '甲市床位多少，乙市呢', '甲市床位多少，乙市呢'],
    ['nothing asks: unchanged', '甲市，床位', '甲市，床位'],
    ['a part set aside stays where it is', '全市床位数多少，不包括民营医院', '全市床位数多少，不包括民营医院'],
    ['a part singled out stays too', '诊疗人次多少，其中社区卫生服务中心', '诊疗人次多少，其中社区卫生服务中心'],
  ])('%s', (_what, text, out) => {
    expect(askFirst(text)).toBe(out);
  });
});

describe('fullYears: years as staff shorten them', () => {
  it.each([
    ['24年比23年少了多少', '2024年比2023年少了多少'],
    ['22年 24年 还有目标各多少', '2022年 2024年 还有目标各多少'],
    // Spans, ages and counts of years stay as they are.
    ['近10年变化', '近10年变化'],
    ['这3年怎么变', '这3年怎么变'],
    ['建院24年来', '建院24年来'],
    ['连续20年', '连续20年'],
    ['2024年多少', '2024年多少'],
    ['2.24年', '2.24年'],
    ['23年度哪个县最高', '2023年度哪个县最高'],
    // 20年多少 asks 2020's figure; 20年多 is twenty-odd years.
    ['比例20年多少', '比例2020年多少'],
    ['干了20年多', '干了20年多'],
  ])('%s', (text, out) => expect(fullYears(text)).toBe(out));
});

describe('boundedTokens: each word once, at most sixteen', () => {
  const t = (word: string, weight: number, more: Partial<QueryToken> = {}): QueryToken => ({ word, weight, ...more });
  it.each([
    ['a word asked twice counts once', [t('床位', 2), t('床位', 2), t('枣庄', 1)], ['床位', '枣庄']],
    ['the same word near-only and plain are two', [t('市', 0, { nearOnly: true }), t('市', 1)], ['市', '市']],
    ['over the limit: required words, then the heaviest, in the question order', [...Array.from({ length: 20 }, (_, i) => t(`词${i}`, i)), t('医院', 0, { required: true })], [...Array.from({ length: 15 }, (_, i) => `词${i + 5}`), '医院']],
  ])('%s', (_what, tokens, words) => {
    expect(boundedTokens(tokens).map((x) => x.word)).toEqual(words);
  });
});

describe('a year is four digits standing alone', () => {
  it.each([
    ['2023年枣庄床位多少张', 2023],
    ['枣庄2021床位', 2021],
    ['72185182222541894232805983246820341768', undefined],
    ['床位20231张', undefined],
  ])('%s → %s', async (q, year) => {
    const store = await storeFrom();
    expect(parseQuestion(q, { intents: store.intents, regions: store.regions, index: store.index }).year).toBe(year);
  });
});
