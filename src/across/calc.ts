import type { Fact } from '../extract/facts.js';
import type { ScoredFact } from '../match/answer.js';
import type { ParsedQuestion } from '../match/question.js';
import type { FactStore } from '../store/fact-store.js';
import { bareUnit, difference, mixedOf, sameUnit } from './compare.js';
import { CHINESE_DIGITS, type AcrossFrame } from './frame.js';
import { answersTo, areaAround, formatNumber, forSubject, gatherFor, indicatorKey, indicatorParts, metricWords, rowOf, sameSeries, type ParseCore, type Subject } from './gather.js';
import { monthBefore, monthKey, monthOf, onePerPeriod, periodKey, periodKind, redated, statedOverSpan, withStated, yearsIn } from './trend.js';
import type { AcrossResult, AcrossRow } from './types.js';
import { covered } from '../text/covered.js';

/** The formula of a change or share the report states itself, quoted rather than worked out. */
export const STATED = '报告原文';
/** How many re-asked operands a multiple or share tries (each a match over the whole store). */
const MAX_TRIES = 8;
// (同比 of yearly figures: on the year before, when the reports give it; see onYearBefore.)
const LAST_YEAR = /去年|上年|上一年|前一年|同比/;
const WIDER_BASE = /[比较跟和与同](?:全国|全省|全市|全县|全区)/;
const BASE_YEAR = /[比较跟和与同](?:19|20)\d{2}年/;
const SPAN_ASKED = /[两二三四五六七八九十\d]+年(?!前|底|末|初|度)|这几年|这些年|近几年|以来|历年/;

/**
 * Arithmetic asked of one subject's figures: a change between two periods (增长了多少, 百分之几,
 * 几倍) or a part's share of its whole (占比). Only figures the reports give; the formula is shown.
 */
export function calc(store: FactStore, frame: AcrossFrame, q: ParsedQuestion, subject: Subject | undefined, message: { text: string; parseCore: ParseCore }): AcrossResult | undefined {
  if (frame.op === 'share') return share(store, frame, subject, message.parseCore);
  // 甲是乙的几倍, 甲是去年同期的几倍: two figures named, one over the other.
  // 2022年是2012年的几倍: two years of one figure, the pair below; 是执业医师的几倍: another figure.
  if (frame.base && !/^(?:19|20)\d{2}年?$/.test(frame.base)) return ratio(store, frame, frame.base, subject, message.parseCore);
  const { text } = message;
  // 比全市高几个百分点: a gap to a wider area not read as one is no change of the place's own over time.
  if (WIDER_BASE.test(text)) return undefined;
  const asked = subject ? forSubject(q, subject) : q;
  // 5月比4月: the months a change is asked across are its ends, not a bound on its points.
  const { year: _year, months: _months, ...anyYear } = asked;
  const found = gatherFor(store, anyYear, 40);
  const scored = found.map((s) => s.fact);
  // 比上年多了多少 reads as a change asked; the levels it is worked out from are asked as levels.
  const levels = anyYear.status === 'actual' ? found : gatherFor(store, { ...anyYear, status: 'actual' }, 40);
  // 1到4月累计: a run of months is asked of runs of months.
  const runAsked = !!asked.months && asked.months.from < asked.months.to;
  const years = yearsIn(text);
  const series = longestSeries(store, levels, q.key, runAsked ? 'span' : undefined, years.length >= 2 ? years : []);
  // The stated change is looked for beside the level matched best, of its year.
  const best = levels.find((s) => s.fact.kind === 'figure' && s.fact.status === 'actual')?.fact;
  // 比上年增长了百分之几: a change the report states itself is quoted, not worked out again.
  // N年涨了百分之几, 这几年: a span asked is not the report's change on the year before.
  // (6月比2月: a stated change on the month before (较上月) is on another base.)
  const baseMonth = /[比较](\d{1,2})月/.exec(text)?.[1];
  // (学生肺结核患者下降11.3% is no change of the whole 登记肺结核患者 asked.)
  const narrower = (f: Fact) => !!best && [...store.intents.narrowing].some((w) => f.metric.includes(w) && !best.metric.includes(w) && !text.includes(w));
  const stated = years.length < 2 ? statedChange(store, scored.filter((f) => (!baseMonth || !!f.change?.bases.includes(`month:${Number(baseMonth)}`)) && !narrower(f)), best, frame.op, asked.months) : undefined;
  const said = stated && !(SPAN_ASKED.test(text) && onPreviousPeriod(stated)) ? stated : undefined;
  if (said) return { kind: 'calc', indicator: said.metric, rows: [rowOf(store, said)], missing: [], mixed: null, notes: ['报告直接写明了这个变化，未另行计算。'], result: { value: said.answer, formula: STATED } };
  if (!series) return undefined;
  // 1到4月累计: a run of months asked is compared with the same run, never with single months.
  const run = runAsked && asked.months ? `${String(asked.months.to).padStart(2, '0')}~${String(asked.months.from).padStart(2, '0')}` : undefined;
  const points = run ? series.points.filter((f) => periodKey(f)?.endsWith(`-${run}`)) : series.points;
  let pair: [Fact, Fact] | undefined;
  // 比2024年全年: that year's whole-year figure, never the same months of it.
  const whole = wholeYearsAsked(text);
  if (years.length >= 2) {
    const of = (y: number) => points.find((f) => f.time?.year === y && (!whole.has(y) || f.time.label === `${y}年`));
    const a = of(Math.min(...years));
    const b = of(Math.max(...years));
    if (a && b && a !== b) pair = [a, b];
  } else if (years.length === 1 && BASE_YEAR.test(text)) {
    // 比2023年多了多少: that year is the base, the latest point the figure compared.
    const base = points.find((f) => f.time?.year === years[0] && f.time?.label === `${years[0]}年`);
    const latest = points.at(-1);
    if (base && latest && base !== latest && (latest.time?.year ?? 0) > years[0]!) pair = [base, latest];
  } else if (points.length >= 2 && !frame.between) {
    // (甲和乙哪家多，多多少, with the two not found: never one figure's first and last years.)
    // A month base asked and not found gives no pair: never some other two points.
    const months = monthPair(points, text);
    pair = months === null ? undefined : months ?? spanPair(points, text) ?? (LAST_YEAR.test(text) ? onYearBefore(points) : [points[0]!, points.at(-1)!]);
  }
  if (!pair) return undefined;
  const [from, to] = pair;
  // (A pair found otherwise with the same months of a year asked whole is no answer.)
  for (const y of whole) if ((from.time?.year === y || to.time?.year === y) && ![from, to].some((f) => f.time?.year === y && f.time.label === `${y}年`)) return undefined;
  const ends = [rowOf(store, from), rowOf(store, to)] as const;
  const d = difference({ ...ends[1], subject: to.time?.label ?? '' }, { ...ends[0], subject: from.time?.label ?? '' }, frame.op);
  // 2015年以来少了多少: a span asked shows the points the reports give between its ends too.
  const between = years.length >= 2 || SPAN_ASKED.test(text) ? points.slice(points.indexOf(from) + 1, points.indexOf(to)) : [];
  const rows = [ends[0], ...between.map((f) => rowOf(store, f)), ends[1]];
  if (!d) return undefined;
  return { kind: 'calc', indicator: series.best.metric, rows, missing: [], mixed: null, notes: [], result: withStated(d, statedOverSpan(store, from, to)) };
}

/** 比上年, 同比: the latest point and the one a year before it, when the reports give that year. */
function onYearBefore(points: Fact[]): [Fact, Fact] | undefined {
  const [from, to] = [points.at(-2)!, points.at(-1)!];
  const [a, b] = [from.time?.year, to.time?.year];
  // (2019, 2021, 2023: the point before 2023 is 2021's, no year before it.)
  return periodKind(to) === 'year' && a !== undefined && b !== undefined && b - a !== 1 ? undefined : [from, to];
}

/** The years a question asks whole (2024年全年). */
function wholeYearsAsked(text: string): Set<number> {
  return new Set([...text.matchAll(/((?:19|20)\d{2})年全年/g)].map((m) => Number(m[1])));
}

/**
 * 比4月, 比上月 (环比), 比去年同期 (同比): the month a change is asked against, and the latest month
 * it is asked of (5月, else the latest the series gives). Undefined when no month base is asked.
 */
function monthPair(points: Fact[], text: string): [Fact, Fact] | null | undefined {
  const baseMonth = /[比较](\d{1,2})月/.exec(text)?.[1];
  const previous = /上月|上个月|环比/.test(text);
  const yearAgo = /去年同期|上年同期|去年同月|同比/.test(text);
  if (!baseMonth && !previous && !yearAgo) return undefined;
  // (1到4月 is a run of months, no month named.)
  const named = /(?<![比较\d到至—\-~])(\d{1,2})月/.exec(text)?.[1];
  const yearNamed = /((?:19|20)\d{2})年\d{1,2}月/.exec(text)?.[1];
  const to = named ? [...points].reverse().find((f) => monthOf(f)?.month === Number(named) && (!yearNamed || monthOf(f)?.year === Number(yearNamed))) : points.at(-1);
  // A month named and not in the reports: nothing to work out, never some other two points.
  if (named && !to) return null;
  const at = to && monthOf(to);
  // 同比 over whole years: the pair of years below.
  if (!at) return yearAgo && !baseMonth && !previous && !named ? undefined : null;
  const want = baseMonth ? monthKey(at.year, baseMonth) : previous ? monthBefore(at) : monthKey(at.year - 1, at.month);
  const from = points.find((f) => periodKey(f) === want);
  return from && from !== to ? [from, to!] : null;
}

/** 八年增长了几倍, 6年涨了多少: the latest two points that many years apart. */
function spanPair(points: Fact[], text: string): [Fact, Fact] | undefined {
  // (十二年, 二十年: a numeral of two characters is not read as its last one.)
  const m = /(?<![\d年一两二三四五六七八九十百])([两二三四五六七八九十]|\d{1,2})年(?!前|底|末|初|度|\d)/.exec(text);
  const n = m ? CHINESE_DIGITS[m[1]!] ?? Number(m[1]) : NaN;
  if (!(n > 0)) return undefined;
  for (const to of [...points].reverse()) {
    const from = points.find((f) => f.time?.year !== undefined && f.time.year === (to.time?.year ?? NaN) - n);
    if (from) return [from, to];
  }
  return undefined;
}

/**
 * The level that best answers the question, and its series: of the levels matched as well, or
 * restating the best one's figure (a sentence's 门诊量 and a table row's 门诊人次 of the same year
 * and value), the one with the most periods.
 */
function longestSeries(store: FactStore, found: ScoredFact[], asked: string, kind?: ReturnType<typeof periodKind>, years: number[] = []): { best: Fact; points: Fact[] } | undefined {
  const levels = found.filter((s) => s.fact.kind === 'figure' && s.fact.status === 'actual' && (!kind || periodKind(s.fact) === kind));
  const first = levels[0];
  if (!first) return undefined;
  // (串联质谱筛查人数 beside the 筛查人数 matched: a measure narrowed by words not asked is another
  // measure, however long its series.)
  const own = metricWords(first.fact.metric);
  const narrowed = (f: Fact) => {
    const words = metricWords(f.metric);
    return words !== own && words.endsWith(own) && covered(words.slice(0, -own.length), asked) < 2;
  };
  const restates = (f: Fact) => f.docId === first.fact.docId && f.value === first.fact.value && f.time?.year === first.fact.time?.year;
  // 24年比22年: a series that has both years asked beats a longer one without them.
  const covers = (points: Fact[]) => years.length > 0 && years.every((y) => points.some((f) => f.time?.year === y));
  let out: { best: Fact; points: Fact[]; covers: boolean } | undefined;
  for (const { fact, confidence } of levels) {
    const close = confidence >= first.confidence * 0.95 || restates(fact);
    // (中医诊疗人次 is no series of 诊疗人次: one further down is taken only for the same words.)
    const sameWords = (f: Fact) => metricWords(f.metric).replace(/[量数]$/, '') === metricWords(first.fact.metric).replace(/[量数]$/, '');
    if ((!close && !(years.length && confidence >= first.confidence * YEARS_FLOOR && sameWords(fact))) || narrowed(fact)) continue;
    // One kind of period: a year's figure and a month's are no two ends of one change.
    const points = onePerPeriod(redated(levels.map((s) => s.fact).filter(sameSeries(store, fact)).filter((f) => periodKind(f) === periodKind(fact))), fact);
    const has = covers(points);
    if (!close && !has) continue;
    if (!out || (has && !out.covers) || (has === out.covers && points.length > out.points.length)) out = { best: fact, points, covers: has };
  }
  return out && { best: out.best, points: out.points };
}
// How far below the best match a series may stand and still be taken for having the years asked.
const YEARS_FLOOR = 0.8;

/**
 * A change of the indicator asked that the report states, in the form asked: a percentage for
 * 百分之几, the figures' own unit for 多少, 倍 for 几倍. Of the latest period the report gives.
 */
function statedChange(store: FactStore, scored: Fact[], best: Fact | undefined, op: AcrossFrame['op'], months?: { to: number }): Fact | undefined {
  const like = best ?? scored[0];
  if (!like) return undefined;
  const { indicator, qualifiers } = indicatorParts(store, like);
  const fits = (f: Fact) =>
    op === 'pct' ? f.unit === '%' : op === 'times' || op === 'grow' ? /倍/.test(f.answer) : op === 'diff' ? !!best && f.unitClass === best.unitClass && bareUnit(f.unit) === bareUnit(best.unit) : false;
  const found = scored.filter((f) => {
    if (f.kind !== 'figure' || f.status !== 'change' || !fits(f)) return false;
    const p = indicatorParts(store, f);
    return p.indicator === indicator && p.qualifiers === qualifiers && (!best?.time?.year || f.time?.year === best.time.year);
  });
  // Of a month asked (4月比上月), or else of the latest period stated: never another month's change.
  if (months) return found.find((f) => monthOf(f)?.month === months.to);
  // The latest of the best figure's own kind of period (a year's change, not December's).
  const alike = best ? found.filter((f) => periodKind(f) === periodKind(best)) : found;
  const latest = alike.map((f) => periodKey(f) ?? '').sort().at(-1);
  return alike.find((f) => (periodKey(f) ?? '') === latest);
}

/** A是B的几倍: A's figure over B's (B of A's topic when B names only a time). */
function ratio(store: FactStore, frame: AcrossFrame, against: string, subject: Subject | undefined, parseCore: ParseCore): AcrossResult | undefined {
  const part = parseCore(frame.core);
  // 青川区人民医院注册护士 → 青川区人民医院执业医师: B is asked of A's place or institution, as written;
  // 甲县医生是乙县的几倍: B names another place, asked the same.
  const who = whoseWords(frame.core, part);
  const other = parseCore(against);
  const asked = other.regions.length && !other.tokens.some((t) => !t.nearOnly && !t.slot) ? parseCore(`${against}${frame.core.slice(frame.core.indexOf(who) + who.length)}`) : parseCore(`${who}${against}`);
  // 是去年同期的几倍: the same measure, of another time.
  const base = asked.tokens.some((t) => !t.nearOnly && !t.slot) ? asked : parseCore(`${frame.core}${against}`);
  const pick = (q: ParsedQuestion, also: (f: Fact) => boolean = () => true) => operand(store, q, subject, (f) => f.status !== 'change' && also(f));
  // 甲项人次是乙项人次的几倍, no place named: the report's own figures (not a row of one of its
  // places), both of one report, never two places'.
  const placed = part.regions.length || other.regions.length || part.subject || subject;
  const whole = (f: Fact) => f.region === store.docs.get(f.docId)?.meta.region && !f.subject;
  const a = (placed ? undefined : pick(part, whole)) ?? pick(part);
  if (!a) return undefined;
  const near = (f: Fact) => !!placed || f.docId === a.docId;
  // 乡镇门诊量是医院的几倍: B names a kind and takes A's measure (医院门诊量), the longest
  // ending of A's words that gives B a figure in A's unit.
  const alike = (f: Fact | undefined) => !!f && f !== a && sameUnit(a.unit, f.unit);
  const own = frame.core.slice(frame.core.indexOf(who) + who.length);
  // A few tries at most, each a whole match over the store.
  const measured = [...own].map((_, i) => own.slice(i)).filter((m) => m.length >= 2 && m !== own).slice(0, MAX_TRIES);
  let b = pick(base, near);
  for (const m of alike(b) ? [] : measured) {
    const f = pick(parseCore(`${who}${against}${m}`), near);
    if (alike(f) && f!.metric.includes(against)) {
      b = f;
      break;
    }
  }
  if (!b || !alike(b) || a.value === undefined || !b.value) return undefined;
  const rows = [rowOf(store, a), rowOf(store, b)];
  const d = frame.inPercent ? inPercent(rows[0]!, rows[1]!) : difference(rows[0]!, rows[1]!, frame.op);
  return d ? { kind: 'calc', indicator: `${a.metric}与${b.metric}之比`, rows, missing: [], mixed: mixedOf(store, [a, b]) === 'period' ? 'period' : null, notes: [], result: d } : undefined;
}

/** A's figure as a percentage of B's (是B的百分之多少). */
function inPercent(a: AcrossRow, b: AcrossRow): { value: string; formula: string } | undefined {
  if (a.value === undefined || !b.value || !sameUnit(a.unit, b.unit)) return undefined;
  const pct = formatNumber((a.value / b.value) * 100);
  return { value: `${pct}%`, formula: `${a.answer} ÷ ${b.answer} = ${pct}%` };
}

/** The words of a question that name whom it asks of: its institution, or its place as written. */
function whoseWords(text: string, q: ParsedQuestion): string {
  if (q.subject) return q.subject;
  const alias = q.regions.flatMap((r) => [...r.aliases]).sort((a, b) => b.length - a.length).find((a) => text.includes(a));
  return alias ?? q.regions.map((r) => r.name).join('');
}

/** A change on the year (or month) before: 同比, 比上年, 较上月. */
export function onPreviousPeriod(f: Fact): boolean {
  return !!f.change?.bases.some((b) => b === 'year-ago' || b === 'previous-month');
}

/** The figure an operand's question finds, asked of its own place, else of the question's subject. */
function operand(store: FactStore, q: ParsedQuestion, subject: Subject | undefined, accept: (f: Fact) => boolean): Fact | undefined {
  return operands(store, q, subject, accept)[0];
}

/** The figures an operand's question finds that `accept` takes, best first, up to `limit` looked at. */
function operands(store: FactStore, q: ParsedQuestion, subject: Subject | undefined, accept: (f: Fact) => boolean, limit?: number): Fact[] {
  return answersTo(store, q.regions.length || !subject ? q : forSubject(q, subject), limit).map((s) => s.fact).filter((f) => f.kind === 'figure' && accept(f));
}

/**
 * 全市床位 as a whole: of the figures the question finds with the first one's measure, the largest
 * (all beds, not a table's total of one kind of hospital's beds worded the same).
 */
function widest(store: FactStore, q: ParsedQuestion, subject: Subject | undefined, accept: (f: Fact) => boolean): Fact | undefined {
  const found = operands(store, q, subject, accept, ALIGN_WHOLES);
  const first = found[0];
  if (!first) return undefined;
  const key = indicatorKey(store, first);
  return found.filter((f) => indicatorKey(store, f) === key && f.region === first.region && periodKey(f) === periodKey(first)).reduce((a, b) => ((b.value ?? 0) > (a.value ?? 0) ? b : a), first);
}
const ALIGN_WHOLES = 8;

const WIDER_WHOLE = /^(全市|全县|全区|全省)$/;

/** The part's figure over the same measure of the area it lies in (全市 of a district). */
function shareOfWider(store: FactStore, a: Fact, part: ParsedQuestion, area: string): AcrossResult | undefined {
  const whole = part.regions[0] ? areaAround(store, part.regions[0].name, area) : undefined;
  if (!whole) return undefined;
  const { subject: _subject, ...measure } = part;
  // (3年累计初筛311450人 is no year's whole of a year's part.)
  const summedOver = (f: Fact) => CUMULATIVE.test(f.local) && !CUMULATIVE.test(a.local);
  const b = answersTo(store, { ...measure, regions: [whole], unknownPlaces: [] }).find((s) => s.fact.kind === 'figure' && s.fact.status === 'actual' && s.fact.region === whole.name && !s.fact.subject && indicatorKey(store, s.fact) === indicatorKey(store, a) && periodKey(s.fact) === periodKey(a) && s.fact.unit === a.unit && !summedOver(s.fact))?.fact;
  return b && shareWorked(store, a, b, `${a.metric}占${whole.name}的比例`);
}

/** The part's figure over the whole's, with its formula; undefined when the part is larger (no part of it). */
function shareWorked(store: FactStore, a: Fact, b: Fact, indicator: string): AcrossResult | undefined {
  if (a.value === undefined || !b.value) return undefined;
  const pct = (a.value / b.value) * 100;
  if (pct > 100) return undefined;
  return {
    kind: 'calc',
    indicator,
    rows: [rowOf(store, a), rowOf(store, b)],
    missing: [],
    mixed: null,
    notes: ['比例由两个引用的数字算出，报告本身没有写这个比例。'],
    result: { value: `${formatNumber(pct)}%`, formula: `${a.answer} ÷ ${b.answer} = ${formatNumber(pct)}%` },
  };
}

// 累计, 3年合计: a figure summed over a span of time.
const CUMULATIVE = /累计|[\d一二三四五六七八九十]+年(?:来)?(?:合计|共计|总计)/;

/** A占B的比例: both figures of one subject and period, the part over the whole. */
function share(store: FactStore, frame: AcrossFrame, subject: Subject | undefined, parseCore: ParseCore): AcrossResult | undefined {
  const at = frame.core.indexOf('占');
  if (at <= 0 || at === frame.core.length - 1) return undefined;
  const partText = frame.core.slice(0, at);
  const wholeText = frame.core.slice(at + 1);
  const part = parseCore(partText);
  const who = whoseWords(partText, part);
  const pick = (q: ParsedQuestion) => operand(store, q, subject, (f) => f.status === 'actual');
  // 持证残疾人里有康复需求的占比: the part said within its whole (持证残疾人有康复需求) is found by
  // those words, else by its own (有康复需求), when a figure of the whole's words is no figure of it.
  // (Only a figure said with the whole's words, its table row or sentence: 有康复需求 of 残疾儿童 is no part of 老年人.)
  const own = partText.startsWith(wholeText) ? partText.slice(wholeText.length) : '';
  const first = pick(part);
  const byOwn = own.length >= 2 && (!first || covered(own, first.metric) < 2) ? pick(parseCore(`${who}${own}`)) : undefined;
  const wholeWords = wholeText.slice(who.length);
  const a = byOwn && covered(wholeWords, byOwn.quote) >= Math.min(wholeWords.length, 3) ? byOwn : first;
  if (!a || a.value === undefined || a.unitClass === 'percent') return undefined;
  // 甲类基金结余占收入: the whole is asked of what the part's words name before its measure
  // too (甲类基金收入), the longest such words that give it a figure in the part's unit.
  // (A whole of the part's very value is the part said again, a table's total row of it.)
  // (10月 of 1—10月: a part and its whole are of one period.)
  // (…占互联网诊疗: a whole of no place said is the part's own place's, never another city's.)
  const placeSaid = parseCore(wholeText).regions.length > 0;
  // (市医院医疗收入占总收入: an institution's part is of its own whole, not of the total of all.)
  const fits = (f: Fact | undefined) => !!f && f !== a && f.unit === a.unit && !!f.value && (f.time?.year ?? null) === (a.time?.year ?? null) && (periodKey(f) ?? '') === (periodKey(a) ?? '') && a.value! < f.value && (placeSaid || f.region === a.region) && (placeSaid || !a.subject || f.subject === a.subject);
  // Longest first: 乙类基金收入 before 收入 alone, which may be another part's (甲类基金收入).
  // (中医院床位占全市床位: a whole said of 全市 is all of it, no owner's part.)
  const owners = /^全[市县区省]/.test(wholeText) ? [] : [...partText].map((_, k) => partText.slice(0, partText.length - 1 - k)).filter((o) => o.length > who.length && o.startsWith(who)).slice(0, MAX_TRIES);
  const named = wholeText.replace(/[的之]?(?:百分之几|多少|几成|比例|比重).*$/, '').slice(-2);
  // 甲区床位占全市几成: the whole is the wider area's figure of the part's very measure and period.
  const area = WIDER_WHOLE.exec(wholeText.replace(/[的之]?(?:百分之几|多少|几成|比例|比重).*$/, ''))?.[1];
  if (area) return shareOfWider(store, a, part, area);
  // (中医院床位占全市床位: the whole is no figure of the part's own words, 中医, that the whole does not say.)
  const partOnly = part.tokens.filter((t) => !t.nearOnly && t.word.length >= 2 && !wholeText.includes(t.word)).flatMap((t) => [...t.word].slice(1).map((c, k) => t.word[k]! + c)).filter((g) => !wholeText.includes(g));
  const wider = (f: Fact) => owners.length > 0 || !partOnly.some((w) => f.metric.includes(w));
  let b: Fact | undefined;
  for (const o of [...owners, who]) {
    const q = parseCore(`${o}${wholeText}`);
    const f = o === who && !owners.length ? widest(store, q, subject, (x) => x.status === 'actual' && wider(x) && fits(x)) : pick(q);
    if (fits(f) && f!.metric.includes(named)) {
      b = f;
      break;
    }
  }
  // (A part larger than its whole says the two figures are not part and whole.)
  return b && shareWorked(store, a, b, `${a.metric}占${b.metric}的比例`);
}
