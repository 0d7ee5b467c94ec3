// Chinese numerals → Arabic digits, only where they count something (a numeral followed by a
// measure word or a year), so that set phrases such as 八大中心 or 一站式 keep their meaning.

const DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Value of a numeral such as 二十三, 一百零五, 两千 or the digit-by-digit 二〇二一. */
export function parseChineseNumeral(s: string): number | undefined {
  if (!s) return undefined;
  if (/^[〇零一二三四五六七八九]+$/.test(s) && s.length >= 2) {
    // Digit by digit (二〇二一). Only used for years and long codes.
    return Number([...s].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let current = 0;
  let sawAny = false;
  for (const c of s) {
    if (c in DIGITS) {
      current = DIGITS[c]!;
      sawAny = true;
    } else if (c in SMALL_UNITS) {
      total += (current || 1) * SMALL_UNITS[c]!;
      current = 0;
      sawAny = true;
    } else if (c === '万') {
      total = (total + current) * 10_000;
      current = 0;
    } else {
      return undefined;
    }
  }
  return sawAny ? total + current : undefined;
}

// Measure words after which a numeral is a count. Kept short on purpose: 对, 体, 站 … are left
// alone because 一对一, 一体两翼 and 一站式 are not counts.
const COUNTED = '个家所处项名人位年月日次批种座辆张台件例倍岁周天届轮期场条支类';
const NUMERAL = '[〇零一二两三四五六七八九十百千]';
// A match starts only where a run of numerals starts, so a long run of 一/十/〇 costs linear time.
const PATTERN = new RegExp(`(?<!${NUMERAL})(${NUMERAL}+)(?=[${COUNTED}])`, 'g');

/** Replaces counting numerals with digits: 三个 → 3个, 二〇二一年 → 2021年, 十二人 → 12人. */
export function convertChineseNumerals(text: string): string {
  return text.replace(PATTERN, (match, numeral: string, offset: number, whole: string) => {
    // A lone 一 is nearly always an article or a set phrase (一人一档, 一个月用量), not a figure.
    if (numeral === '一') return match;
    // 百日, 千年: a lone 十/百/千 is an idiom more often than a figure.
    if (/^[十百千]$/.test(numeral)) return match;
    const prev = whole[offset - 1] ?? '';
    // 第三次, 十三五: ordinals and plan names stay as they are.
    if (prev === '第' || /[十百千]五$/.test(numeral)) return match;
    // (第一至八批: the end of a run of ordinals is one too.)
    if (/第[〇零一二两三四五六七八九十百千\d]{1,4}[至到~～—-]$/.test(whole.slice(Math.max(0, offset - 8), offset))) return match;
    // 二年级, 三年级: a school grade's name, no years.
    if (whole.startsWith('年级', offset + match.length)) return match;
    // 三台县, 七台河市, 五台山: place names, not machines counted.
    if (/^台[县区市镇乡河山]/.test(whole.slice(offset + match.length))) return match;
    const value = parseChineseNumeral(numeral);
    return value === undefined ? match : String(value);
  });
}
