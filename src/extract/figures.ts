import { DENSITY_PATTERN, UNIT_PATTERN, unitClass, type UnitClass } from './units.js';

/** A figure as written in a sentence: 3.1万余人, 近8000名, 80%以上. */
export interface Figure {
  raw: string;
  value: number;
  unit: string;
  unitClass: UnitClass;
  /** Where raw starts and ends in the sentence. */
  index: number;
  end: number;
}

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const FIGURE = new RegExp(
  String.raw`((?<![签节预制条合公履违特邀最接附邻])(?:近|约)|超过|(?<![赶])超|逾|不足|不少于|将近)?(${NUMBER})(万亿|千万|百万|万|亿|千)?(余|多)?(${DENSITY_PATTERN}|${UNIT_PATTERN}|\/(?:10|100)?[万千百]|\/10万)?(余|多)?(以上|以下|左右)?`,
  'g',
);
const MULTIPLIERS: Record<string, number> = { 万亿: 1e12, 千万: 1e7, 百万: 1e6, 万: 1e4, 亿: 1e8, 千: 1e3 };

/**
 * Every figure of a sentence. Numbers that are not figures are skipped: ordinals (第3), codes and
 * names (5G, H7N9, 120急救), phone numbers, years and dates (those are times), bare numbers.
 */
export function findFigures(sentence: string): Figure[] {
  const out: Figure[] = [];
  for (const m of sentence.matchAll(FIGURE)) {
    const whole = m[0];
    const approx = m[1] ?? '';
    const num = m[2]!;
    const mult = m[3] ?? '';
    const unit0 = m[5] ?? '';
    const index = m.index!;
    const numberAt = index + approx.length;
    const before = sentence[numberAt - 1] ?? '';
    const after = sentence[index + whole.length] ?? '';
    if (/[A-Za-z第+\-./]/.test(before) || /[A-Za-z+]/.test(after)) continue;
    // 达标率=(…)/机构数×100%: a factor of a formula, no figure.
    if (/[×✕*÷]\s*$/.test(sentence.slice(Math.max(0, index - 2), index))) continue;
    // 热线12345, 电话0531…: a number, not a figure; 呼救电话3.2万次 (a scale or a decimal) counts calls.
    if (/(电话|热线|手机|邮编|编号|号码|传真)[:：]?$/.test(sentence.slice(Math.max(0, numberAt - 5), numberAt)) && !mult && !num.includes('.')) continue;
    const unit = unit0;
    // 60岁以上老年人: an age bracket qualifies a group, it is not a figure.
    const tail = sentence.slice(index + whole.length);
    if ((unit === '岁' || unit === '周岁') && (/(以上|以下)$/.test(whole) || /^(及|或)(以上|以下)/.test(tail))) continue;
    // 9时30分: a time of day, not a score.
    if (unit === '分' && /[时点:：]\s*$/.test(sentence.slice(Math.max(0, numberAt - 1), numberAt))) continue;
    // 十九届人大三次会议: sessions are ordinals, not counts.
    if (unit === '届' || (unit === '次' && /^(会议|全会|代表大会)/.test(tail))) continue;
    // 2019年 is a time and 4月26日 a date, not a figure; 5年 and 14天 are durations and stay.
    if (unit === '年' && /^(19|20)\d{2}$/.test(num) && !mult) continue;
    // 近三年, 过去5年: the years a sentence looks back over, a time and not a duration.
    if (unit === '年' && (approx === '近' || /(?:过去|最近|近)$/.test(sentence.slice(0, numberAt)))) continue;
    // 十年前, 5年来: a time counted back from now, not a duration.
    if (unit === '年' && /^(?:前|来|以来|之前)/.test(tail)) continue;
    const next = sentence.slice(index + approx.length + num.length + mult.length);
    if (/^日/.test(next) && !unit && !/[月年]$/.test(sentence.slice(0, numberAt)) && DAYS_CONTEXT.test(sentence.slice(Math.max(0, numberAt - 12), numberAt))) {
      out.push({ raw: `${whole}日`, value: Number(num.replace(/,/g, '')), unit: '日', unitClass: 'duration', index, end: index + whole.length + 1 });
      continue;
    }
    if (/^月|^日|^号/.test(next)) continue;
    if (!unit && !mult) continue;
    // 这两项, 上述3个: a reference back, not a count.
    if (/^(项|个|类|方面)$/.test(unit) && /(这|那|上述|以上|前述)$/.test(sentence.slice(0, numberAt))) continue;
    // 居前五位, 排名前3位: a rank, not a count of people.
    if (unit === '位' && /(前|第|后)$/.test(sentence.slice(0, numberAt))) continue;
    // 186.2/10万 is a rate.
    const cls: UnitClass = unit.startsWith('/') ? 'percent' : unit ? unitClass(unit)! : 'count';
    const value = Number(num.replace(/,/g, '')) * (mult ? MULTIPLIERS[mult]! : 1);
    if (!Number.isFinite(value)) continue;
    out.push({ raw: whole, value, unit, unitClass: cls, index, end: index + whole.length });
  }
  return [...withListUnit(sentence, out), ...ratios(sentence, out)].sort((a, b) => a.index - b.index);
}

/**
 * 分别为1.92万、2.38万、0.36万人次: figures of a list said with their scale alone count what the
 * last one counts, in its unit.
 */
function withListUnit(sentence: string, figures: Figure[]): Figure[] {
  const out = [...figures];
  for (let i = out.length - 2; i >= 0; i--) {
    const [f, next] = [out[i]!, out[i + 1]!];
    const scaleOnly = f.unit === '' && /[万亿千]$/.test(f.raw);
    if (!scaleOnly || !next.unit || !/^[、和及与]$/.test(sentence.slice(f.end, next.index))) continue;
    if (!next.raw.includes(`${/[万亿千]+$/.exec(f.raw)![0]}${next.unit}`)) continue;
    out[i] = { ...f, raw: `${f.raw}${next.unit}`, unit: next.unit, unitClass: next.unitClass };
  }
  return out;
}

// 平均住院日8.9日, 缩短0.2日: days counted, where 日 is no day of a month.
const DAYS_CONTEXT = /(住院日|住院天数|平均住院|缩短|延长)[^,，;；。]{0,4}$/;
const RATIO = /(?<=比(?:例)?(?:为|是|达到|达)?)(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)(?![\d:])/g;

/** 医护比为1:1.27, 床护比1:0.62: a ratio after the word 比 is a figure of its own. */
function ratios(sentence: string, taken: Figure[]): Figure[] {
  const out: Figure[] = [];
  for (const m of sentence.matchAll(RATIO)) {
    const index = m.index!;
    const end = index + m[0].length;
    if (taken.some((f) => f.index < end && index < f.end)) continue;
    const value = Number(m[2]) / Number(m[1]);
    if (!Number.isFinite(value)) continue;
    out.push({ raw: m[0], value, unit: '', unitClass: 'multiple', index, end });
  }
  return out;
}
