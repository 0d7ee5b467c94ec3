import { BARE_MONTH_SPAN, MONTH_SPAN_WORDS } from '../reports/metadata.js';

/** When a figure holds: as written, and the years it resolves to. */
export interface TimeRef {
  label: string;
  year?: number;
  fromYear?: number;
  toYear?: number;
}

const YEAR = '((?:19|20)\\d{2})年';
/** 10月当月, 10月份: one month (not 6月龄, an age; not 5月12日, a day; not 1—6月, a span). */
export const SINGLE_MONTH = /(?<![\d年—\-~到至])(\d{1,2})月(?:份)?(?:当月)?(?!\s*[—\-~到至]|\d|[日号底末初龄])/;
// Longest forms first; each is matched where it stands in a clause.
const TIME_PATTERNS: { re: RegExp; make: (m: RegExpExecArray, docYear?: number) => TimeRef | undefined }[] = [
  {
    re: new RegExp(`(?:从|由)?${YEAR}(?:到|至|—|-|~)${YEAR}`),
    make: (m) => ({ label: m[0], fromYear: +m[1]!, toYear: +m[2]!, year: +m[2]! }),
  },
  {
    // 2024年1—5月: the months a cumulative figure covers.
    re: new RegExp(`${YEAR}(\\d{1,2})\\s*(?:—|-|~|到|至)\\s*(\\d{1,2})月`),
    make: (m) => ({ label: m[0].replace(/\s+/g, ''), year: +m[1]! }),
  },
  {
    // 一季度, 2025年上半年, 1—6月: a span of months, of the report's year unless one is written.
    re: new RegExp(`(?:${YEAR})?(${MONTH_SPAN_WORDS.source}|${BARE_MONTH_SPAN.source})`),
    make: (m, docYear) => {
      const year = m[1] ? +m[1] : docYear;
      return year ? { label: `${year}年${m[2]!.replace(/\s+/g, '')}`, year } : { label: m[2]! };
    },
  },
  {
    re: new RegExp(`(?:截至|截止到|截止)${YEAR}(?:(\\d{1,2})月)?(?:(\\d{1,2})日)?(底|末)?`),
    // (截至2023年12月31日 is the year's end, as 截至2023年底 says it.)
    make: (m) => ({ label: m[2] === '12' && m[3] === '31' ? `截至${m[1]}年底` : m[0], year: +m[1]! }),
  },
  {
    re: /(?:截至|截止|截止到)(\d{1,2})月(\d{1,2})日/,
    make: (m, docYear) => ({ label: docYear ? m[0].replace(/(\d{1,2})月/, `${docYear}年$1月`) : m[0], ...(docYear ? { year: docYear } : {}) }),
  },
  {
    // 2024年度 (a budget or final-accounts year) is the year itself.
    re: new RegExp(`${YEAR}(?:度(?![\\d一二三四五六七八九十]))?(?:(\\d{1,2})月)?(?:(\\d{1,2})日)?(底|末|初|上半年|下半年|以来|前)?`),
    make: (m) => ({ label: m[2] === '12' && m[3] === '31' ? `${m[1]}年底` : m[0].replace(/^(.*年)$/, '$1'), year: +m[1]! }),
  },
  {
    // 截至9月末, 6月底: a month's end, of the year the report is of.
    re: /(?<![\d年—\-~到至])(?:截至|截止到|截止)?(\d{1,2})月(?:份)?(底|末)/,
    make: (m) => {
      const month = +m[1]!;
      if (month < 1 || month > 12) return undefined;
      // (The year is the report's period's, not the writing's: facts.ts gives it.)
      return { label: `${month}月${m[2]}` };
    },
  },
  {
    // One month, of the report's year.
    re: SINGLE_MONTH,
    make: (m, docYear) => {
      const month = +m[1]!;
      if (month < 1 || month > 12) return undefined;
      return docYear ? { label: `${docYear}年${month}月`, year: docYear } : { label: `${month}月` };
    },
  },
  {
    // (今年9月末: the month's end of that year.)
    re: /(今年|本年度|去年|上年|前年)(以来|初|底|上半年|\d{1,2}月(?:底|末))?/,
    make: (m, docYear) => {
      if (!docYear) return { label: m[0] };
      const shift = m[1] === '去年' || m[1] === '上年' ? -1 : m[1] === '前年' ? -2 : 0;
      return { label: `${docYear + shift}年${m[2] ?? ''}`, year: docYear + shift };
    },
  },
  {
    re: /(截至目前|截止目前|目前|近年来|近\d+年|过去\d+年|\d+年来|十八大以来)/,
    make: (m) => ({ label: m[0] }),
  },
];

export function findTime(text: string, docYear?: number): (TimeRef & { index: number; length: number }) | undefined {
  let best: (TimeRef & { index: number; length: number }) | undefined;
  for (const { re, make } of TIME_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const ref = make(m, docYear);
    if (ref && (!best || m.index < best.index)) best = { ...ref, index: m.index, length: m[0].length };
  }
  return best;
}
