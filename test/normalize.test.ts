import { describe, expect, it } from 'vitest';
import { convertChineseNumerals, parseChineseNumeral } from '../src/text/chinese-numerals.js';
import { matchKey, normalizeText, prettyChinese, prettyWithOffsets } from '../src/text/normalize.js';

describe('normalizeText', () => {
  it.each([
    ['full-width digits and letters', '２７０２个ＡＢＣ', '2702个ABC'],
    ['full-width punctuation', '床位（张）：２５９７０，', '床位(张):25970,'],
    ['traditional to simplified', '枣莊衛生總資產', '枣庄卫生总资产'],
    ['traditional keeps 著 in 显著', '顯著成效與經驗', '显著成效与经验'],
    ['a name in simplified text keeps its characters', '乾县药占比是多少', '乾县药占比是多少'],
    ['counting numerals', '新建三个站点，派出十二名医生', '新建3个站点,派出12名医生'],
    ['year written digit by digit', '二〇二一年', '2021年'],
    ['set phrases stay', '八大中心、一站式、一体两翼、百日攻坚', '八大中心、一站式、一体两翼、百日攻坚'],
    ['ordinals stay', '第三次会议', '第三次会议'],
    ['a run of ordinals stays whole', '第一至八批集采', '第一至八批集采'],
    ['place names with a numeral stay', '三台县、七台河市新增三台CT', '三台县、七台河市新增3台CT'],
    ['ideographic space folded', '健康\u3000枣庄', '健康 枣庄'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('parseChineseNumeral', () => {
  it.each([
    ['十', 10],
    ['十二', 12],
    ['二十三', 23],
    ['一百零五', 105],
    ['两千', 2000],
    ['三万五千', 35000],
    ['二〇二三', 2023],
  ])('%s → %d', (input, value) => {
    expect(parseChineseNumeral(input)).toBe(value);
  });
  it('rejects what is not a numeral', () => {
    expect(parseChineseNumeral('床位')).toBeUndefined();
    expect(parseChineseNumeral('')).toBeUndefined();
  });
  it('converts only before a measure word', () => {
    expect(convertChineseNumerals('两次疫情')).toBe('2次疫情');
    expect(convertChineseNumerals('一个月')).toBe('一个月');
  });
});

describe('matchKey and prettyChinese', () => {
  it('drops quotes, title marks and spaces and lowercases', () => {
    expect(matchKey('“智医助理” 《章程》 GDP')).toBe('智医助理章程gdp');
  });
  it('gives Chinese text its full-width punctuation back for display', () => {
    expect(prettyChinese('达2702个,实际开放床位25970张;合计:3项')).toBe('达2702个，实际开放床位25970张；合计：3项');
  });
});

// The display form as five passes made it, before it became one pass with offsets.
function prettyInPasses(text: string): string {
  return text
    .replace(/(?<=[\u3400-\u9fff\d%)）”])\s*,\s*/g, '，')
    .replace(/(?<=[\u3400-\u9fff\d%)）”])\s*;\s*/g, '；')
    .replace(/(?<=[\u3400-\u9fff])\s*:\s*/g, '：')
    .replace(/(?<=[\u3400-\u9fff])\?/g, '？')
    .replace(/(?<=[\u3400-\u9fff])!/g, '！');
}

describe('prettyWithOffsets', () => {
  // A fixed generator of text mixing Chinese, digits and the punctuation the passes rewrite.
  const alphabet = ['中', '床', '位', '1', '2', '%', ')', '）', '”', ' ', ' ', ',', ';', ':', '?', '!', 'a', '。'];
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  const texts = Array.from({ length: 3000 }, () => Array.from({ length: 1 + (next() % 24) }, () => alphabet[next() % alphabet.length]).join(''));

  it('gives the text the five passes gave, on 3,000 random texts', () => {
    for (const t of texts) expect(prettyWithOffsets(t).text, JSON.stringify(t)).toBe(prettyInPasses(t));
    for (const t of texts) expect(prettyChinese(t)).toBe(prettyInPasses(t));
  });

  it('maps the start of every figure to where it stands in the display form', () => {
    for (const t of texts) {
      const { text, at } = prettyWithOffsets(t);
      for (let i = 0; i < t.length; i++) {
        if (!/\d/.test(t[i]!)) continue;
        expect(at(i), JSON.stringify([t, i])).toBe(prettyInPasses(t.slice(0, i)).length);
        expect(text[at(i)]).toBe(t[i]);
      }
    }
  });
});
