/**
 * What a change is measured against (its base) and which way it went. "较上月下降14.88%" and
 * "较去年同期上升16.37%" are two changes of one figure; a question that asks 比上个月 or 同比
 * must get the one on its base. The same reading runs on a figure's words and on a question.
 */

export type Direction = 'up' | 'down';

export interface ChangeFrame {
  /** Keys of the base: `year-ago`, `previous-month`, `month:4`, `year:2020`, `全国`, `全省`. */
  bases: string[];
  direction?: Direction;
}

// The year before or the same period of it: in an annual report 比上年 is both.
const YEAR_AGO = /同比|去年同期|上年同期|[比较与跟同](?:上年|去年|上一年)/;
const PREVIOUS_MONTH = /环比|[比较与跟同](?:上月|上个月|前一个月|前月)/;
// 比2020年, 比24年 (not 比10年前, ten years back).
const BASE_YEAR = /[比较与跟同]((?:19|20)?\d{2})年(?!前)/;
// 比去年全年 against 比上年同期: a whole year is no base of part of one, nor the other way round.
const WHOLE_YEAR = /[比较与跟同](?:(?:19|20)?\d{2}年|上年|去年|上一年)全年/;
const SAME_PERIOD = /同期/;
const BASE_MONTH = /[比较与跟同](\d{1,2})月/;
const BASE_PLACE = /(?:[比较与跟同]|高于|低于|超过)(全国|全省)/;
const ANNUAL_MEAN = /年均|平均每年|每年平均|年平均/;
// 多少 holds both 多 and 少, and asks; it is no direction.
const ASKING = /多少|几/g;
const UP = /上升|增长|增加|提高|提升|上涨|延长|扩大|翻|涨|升|增|多|高|长|快/g;
const DOWN = /下降|减少|降低|回落|下跌|缩短|缩小|降|减|少|低|短|慢/g;

/**
 * The base and direction a text states. `month` and `year` are the period of the figure (or the
 * month and year asked), so that "较4月" in a May report is also the previous month.
 */
export function changeFrameOf(text: string, period: { month?: number; year?: number } = {}): ChangeFrame {
  const bases = new Set<string>();
  if (YEAR_AGO.test(text)) {
    bases.add('year-ago');
    if (period.year) bases.add(`year:${period.year - 1}`);
  }
  if (PREVIOUS_MONTH.test(text)) {
    bases.add('previous-month');
    if (period.month) bases.add(`month:${period.month === 1 ? 12 : period.month - 1}`);
  }
  const short = BASE_YEAR.exec(text)?.[1];
  const year = short && short.length === 2 ? `20${short}` : short;
  if (WHOLE_YEAR.test(text)) bases.add('whole-year');
  else if (SAME_PERIOD.test(text)) bases.add('same-period');
  if (year) {
    bases.add(`year:${year}`);
    if (period.year && Number(year) === period.year - 1) bases.add('year-ago');
  }
  const month = BASE_MONTH.exec(text)?.[1];
  if (month && !year) {
    bases.add(`month:${Number(month)}`);
    if (period.month && Number(month) === (period.month === 1 ? 12 : period.month - 1)) bases.add('previous-month');
  }
  // 年均增长7.5%: a mean over years, on no one year before.
  if (ANNUAL_MEAN.test(text)) bases.add('annual-mean');
  const place = BASE_PLACE.exec(text)?.[1];
  if (place) bases.add(place);
  const direction = directionOf(text);
  return { bases: [...bases], ...(direction ? { direction } : {}) };
}

/** The way the last verb of change in a text points. */
export function directionOf(text: string): Direction | undefined {
  const plain = text.replace(ASKING, ' ');
  let at = -1;
  let dir: Direction | undefined;
  for (const [re, d] of [[UP, 'up'], [DOWN, 'down']] as const) {
    for (const m of plain.matchAll(re)) {
      if (m.index! > at) {
        at = m.index!;
        dir = d;
      }
    }
  }
  return dir;
}

/** Two frames disagree when both name a base and none is shared. */
export function basesDisagree(asked: readonly string[], stated: readonly string[]): boolean {
  if (asked.includes('whole-year') && stated.includes('same-period')) return true;
  if (asked.includes('same-period') && stated.includes('whole-year')) return true;
  const keys = (bases: readonly string[]) => bases.filter((b) => b !== 'whole-year' && b !== 'same-period');
  const [a, b] = [keys(asked), keys(stated)];
  return a.length > 0 && b.length > 0 && !a.some((x) => b.includes(x));
}

/**
 * The words of a question that only say which change is asked: its base (比上个月, 同比, 比2020年)
 * and its verb (涨了百分之多少). They are read into the frame and carry no topic.
 */
export const CHANGE_BASE_WORDS =
  /同比|环比|去年同期|上年同期|[比较与跟同](?:上年|去年|上一年|上月|上个月|前一个月|(?:19|20)\d{2}年|\d{1,2}月份?|全国|全省|全市)(?:同期)?(?:平均)?(?:水平)?(?:相比|比较|比)?/g;
const LONG_VERB = '上升|增长|增加|提高|提升|上涨|延长|扩大|下降|减少|降低|回落|下跌|缩短|缩小';
const SHORT_VERB = '涨|升|增|降|减|多|少|高|低|长|短';
const ASKED = '百分之|多少|几';
/**
 * The verb of a change asked: 提高了, 涨 before 多少个百分点. The asking words after it stay for
 * the measure word (多少岁) to be read.
 */
export const CHANGE_VERB_WORDS = new RegExp(
  [
    // 新增 and 增长率 name what is counted; they stay.
    `(?<![新净])(?:${LONG_VERB})(?![率幅速])了?`,
    `(?<![新净])(?:${SHORT_VERB})(?:了|(?=${ASKED}))`,
  ].join('|'),
  'g',
);

const CHANGE_VERB_AT_END = /(?:增长|增加|下降|减少|提高|降低|上升|提升|回落|上涨|下跌|缩短|延长|扩大|缩小|高出|低了|多了|少了)$/;

/** What a change measures, without its base and verb: 报告发病数 of "报告发病数较上月(4月)下降". */
export function measureOfChange(metric: string): string {
  return metric
    // A note or a base's value in brackets goes; a short word in them is part of the name: 执业(助理)医师.
    .replace(/[(（](?![\u3400-\u9fff]{1,3}[)）])[^)）]*[)）]?/g, '')
    .replace(CHANGE_BASE_WORDS, '')
    // "比" may stay with the figure before: 上年增加 is 比上年增加.
    .replace(/^(?:上年|去年|上月|上个月)(?:同期)?/, '')
    // 年均提高, 三年提高: how fast, not what.
    .replace(/^(?:年均|平均每年|每年|累计|近?[\d一二三四五六七八九十]+年(?:来|间)?)/, '')
    .replace(CHANGE_VERB_AT_END, '')
    // 进一步增加, 持续下降: how it moved, not what.
    .replace(/^(?:进一步|继续|持续|稳步|逐步|不断|明显|大幅|显著|又|再|仍)+$/, '')
    .replace(/^[,，。;；、\s]+|[,，。;；、\s]+$/g, '');
}

/** "较去年同期上升", "同比": a change that does not say what changed. */
export function isBareChange(metric: string): boolean {
  return metric !== '' && measureOfChange(metric) === '';
}

/**
 * "较上月(4月,1,512例)", "较去年同期(301例)": a figure in parentheses right after a change's base
 * is the base's own value. Returns what the parentheses hold before the figure, or undefined.
 */
export function baseParenthesis(before: string): string | undefined {
  return /(?:[比较与跟同](?:上年|去年|上一年|上月|上个月|\d{1,2}月份?|(?:19|20)\d{2}年)?(?:同期)?|同期)[(（]([^()（）]*)$/.exec(before)?.[1];
}
