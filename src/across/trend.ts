import { monthsOf } from '../reports/metadata.js';
import type { Fact } from '../extract/facts.js';
import type { ParsedQuestion } from '../match/question.js';
import type { ScoredFact } from '../match/answer.js';
import { factsOfReport, type FactStore } from '../store/fact-store.js';
import { decimals, gapOf, unitKind } from './compare.js';
import { listItemName } from './enumeration.js';
import { factSubject, formatNumber, forSubject, gatherFor, indicatorKey, indicatorParts, metricWords, rowOf, sameSeries, tableRowOf, type Subject } from './gather.js';
import type { AcrossResult } from './types.js';
import { charsInOrder } from '../text/covered.js';

const CHANGE_VERB = /(增长|增加|下降|减少|提高|降低|上升|缩短|延长|提升|翻)$/;
// The names of parts a whole is broken down into: places and institutions.
const PART_NAME = /(?:镇|乡|街道|县|区|市|医院|卫生院|中心|科)$/;
// (超过8.5天, 不足60%: a bound some figures are set against, said as one.)
export const BOUND = /^(?:[≤≥<>＜＞]|超过|不足|不到|少于|多于|大于|小于)|以下$|以内$/;

/** Facts gathered for a series: enough for a decade of years and their restatements. */
const SERIES_CANDIDATES = 40;

/**
 * 这几年怎么变 asked of no place: of the places whose figure matches as well (within a tenth), the
 * one whose reports give the most years of it; a single point answers a series question least.
 */
function fullerSeries(store: FactStore, best: ScoredFact, led: ScoredFact[], scored: ScoredFact[], noPlace: boolean): ScoredFact {
  if (!noPlace) return best;
  // (Years reached only: a target is no year of the series.)
  const periods = (s: ScoredFact) => new Set(scored.map((x) => x.fact).filter((f) => f.status === 'actual' && sameSeries(store, s.fact)(f)).map(periodKey)).size;
  // (The same indicator, and not a part of it: 农村居民健康素养水平 is no other place's 居民健康素养水平;
  // nor is a county of the place found its peer.)
  const measure = (f: Fact) => f.metric.replace(/^(?:全市|全县|全区|全省)/, '');
  const other = (f: Fact) => indicatorKey(store, f) !== indicatorKey(store, best.fact) || (measure(f) !== measure(best.fact) && measure(f).endsWith(measure(best.fact)));
  const within = new Set(store.regions.withDescendants(best.fact.region));
  let chosen = best;
  let most = periods(best);
  const seen = new Set([best.fact.region]);
  for (const s of led) {
    if (s.confidence < best.confidence * 0.9 || seen.has(s.fact.region) || within.has(s.fact.region) || other(s.fact)) continue;
    seen.add(s.fact.region);
    const n = periods(s);
    if (n > most) [chosen, most] = [s, n];
  }
  return chosen;
}

/**
 * One indicator of one subject over the periods the reports give: the points in time order, each
 * cited, and the change over the span. Only figures reached are a series; a target is said apart.
 */
export function trend(store: FactStore, q: ParsedQuestion, subject: Subject | undefined, opts: { span?: YearSpan; toTarget?: boolean; targets?: boolean; targetYear?: number; fromYear?: number; nextYear?: boolean; targetValue?: number; monthly?: boolean } = {}): AcrossResult | undefined {
  const { span = {}, toTarget = false } = opts;
  // Figures reached make the series; a plan's targets (目标) are gathered beside them, marked.
  // 2020年以来: a year in a series question is where it starts, not the one figure asked.
  // 2月以来, 2到4月: months bound the series' points; they are not the one month asked.
  const { year: _year, months, ...anyYear } = subject ? forSubject(q, subject) : q;
  const monthSpan = span.months ?? (months && months.from < months.to ? months : undefined);
  // 3月以来, 2019到2023年: a span asked is answered with the change over it.
  const spanAsked = !!monthSpan || span.from !== undefined;
  const asked = { ...anyYear, ...(months && !monthSpan ? { months } : {}), status: 'actual' as const };
  const scored = gatherFor(store, asked, SERIES_CANDIDATES);
  // A table row's figure (甲科出院人次) leads a series only when the question names the row
  // (某病 of 某病发病数) or no figure of the whole is found.
  const figures = scored.filter((s) => s.fact.kind === 'figure' && s.fact.status !== 'change');
  const ownRow = (f: Fact) => {
    const row = tableRowOf(store, f);
    return row === undefined || q.key.includes(row);
  };
  // 流感病例以甲镇(41例)和乙镇(23例)最多: a list's item named for a part (甲镇), not for the
  // measure, is the part's figure, neither the series asked nor a point of it.
  const part = (f: Fact) => {
    const name = listItemName(store, f);
    return !!name && PART_NAME.test(name) && !f.metric.startsWith(name) && !q.key.includes(name);
  };
  // ≤15/10万, 8天以内: a bound is a limit set, not a level measured; it is no point of a series.
  const inMonths = (f: Fact) => {
    const month = monthOf(f)?.month;
    return !monthSpan || month === undefined || (month >= monthSpan.from && month <= monthSpan.to);
  };
  const within = (f: Fact) => (span.from === undefined || (f.time?.year ?? Infinity) >= span.from) && (span.to === undefined || (f.time?.year ?? -Infinity) <= span.to) && inMonths(f);
  const whole = figures.filter((s) => !part(s.fact));
  // 2023年2024年: a span asked is led by a figure within it, not by a later one of another kind of period.
  // (Not when months are asked too: 去年和今年前三季度 is led by the months asked.)
  const spanned = span.from !== undefined && !months && !monthSpan ? whole.filter((s) => within(s.fact)) : [];
  // 每个月多少: led by a month's figure, or there is no series of months to show.
  const led = opts.monthly ? whole.filter((s) => periodKind(s.fact) === 'month') : spanned.length ? spanned : whole;
  const lead = led.find((s) => ownRow(s.fact)) ?? led[0];
  if (!lead) return undefined;
  const best = fullerSeries(store, lead, led, scored, !subject && !q.regions.length && !q.subject && !toTarget);
  const seriesOf = (among: readonly Fact[]) => among.filter(sameSeries(store, best.fact)).filter((x) => !part(x));
  const gathered = seriesOf(scored.map((s) => s.fact));
  // (监测学生近视率为51.5% beside a table's 近视率 2021—2023 ending on 51.5: the table's row is the
  // same measure's series in the same report, though the question's words, 学生, score it lower. Only
  // when it says the very figure found: a 乙类 table's 发病率 is no series of all diseases'.)
  const reported = new Set(gathered.map(periodKey)).size <= 1 && !opts.monthly ? seriesOf(factsOfReport(store, best.fact.docId)) : [];
  const saysIt = reported.some((f) => f !== best.fact && f.value === best.fact.value && periodKey(f) === periodKey(best.fact) && f.block !== best.fact.block);
  const own = saysIt && new Set(reported.map(periodKey)).size > 1 ? reported : gathered;
  const same = opts.monthly ? own : [...own, ...restatedSeries(store, best.fact, own)];
  // One kind of period in a series: months with months, 1—5月 with 1—5月, years with years.
  // (Quarters with quarters: 前三季度's running total is a run of months of another length.)
  // (Nor 9个 of another measure beside 221.6项, 239.4项: figures in two units are no one series.)
  // (人 and 名, 个 and 家 count alike.)
  const alike = (f: Fact) => !f.unit || !best.fact.unit || unitKind(f.unit) === unitKind(best.fact.unit);
  const candidates = redated(same).filter((f) => !BOUND.test(f.answer) && within(f) && alike(f) && periodKind(f) === periodKind(best.fact) && spanLength(f) === spanLength(best.fact));
  const inSpan = oneWayWritten(onePerPeriod(candidates, best.fact), (p, _, withUnit) => candidates.find((c) => !!c.unit === withUnit && c.value === p.value && c.docId === p.docId && periodKey(c) === periodKey(p)));
  const latestYear = Math.max(...inSpan.map((f) => f.time?.year ?? 0));
  const series = monthSpan && span.from === undefined ? inSpan.filter((f) => f.time?.year === latestYear) : inSpan;
  // 离全年目标还差多少: the gap is of the latest figure of any period (1—6月 after last year's).
  // (A year's target is measured against a year's figure or the months so far, 1—9月, never one month's.)
  // (截至11月底 is a level to date, no month's flow: it stands toward the year's target too.)
  const towardYear = (f: Fact) => periodKind(f) === 'year' || /~01$/.test(periodKey(f) ?? '') || /截至|底|末/.test(f.time?.label ?? '');
  const latest = toTarget ? onePerPeriod(redated(same).filter((f) => !BOUND.test(f.answer) && within(f) && towardYear(f))).at(-1) : undefined;
  // (Only a later year's: within one year, a part-year figure of a table's total is no newer word.)
  // (A level the report gives undated, 中药饮片处方占比达到46.8%, is still the one a target is measured from.)
  const undated = toTarget && !series.length && periodKey(best.fact) === undefined ? [best.fact] : [];
  const reached = toTarget ? series.filter(towardYear) : series;
  const points = pointsOf(reached, latest, undated);
  if (points.length === 0) return undefined;
  // Targets are asked by the measure alone: 是不是在缩短 asks of the series, a plan says 控制在.
  const byMeasure = { ...asked, status: 'target' as const, tokens: asked.tokens.filter((t) => !MOVED.test(t.word) || t.required) };
  const planned = gatherFor(store, byMeasure, SERIES_CANDIDATES).map((s) => s.fact);
  const ownTargets = planned.filter(sameSeries(store, best.fact, 'target'));
  const targets = onePerPeriod(ownTargets.length || !toTarget ? ownTargets : planned.filter(rowSays(store, points.at(-1)!)));
  // 2022年、2024年还有目标各多少: the years named bound the points; a target asked stands beyond them.
  // A target of the latest year itself (全年目标 in a half-year report) is ahead of its figure too.
  // (2025年目标: of the year asked only, not a table's target of the year before.)
  const ahead = targets.filter((t) => (opts.nextYear ? (t.time?.year ?? 0) === (points.at(-1)!.time?.year ?? 0) + 1 : (t.time?.year ?? 0) >= (points.at(-1)!.time?.year ?? 0)) && (opts.targets || within(t)) && (opts.targetYear === undefined || t.time?.year === opts.targetYear) && (t.time?.year ?? 0) >= (opts.fromYear ?? 0));
  // A target is a row when the question asks about targets (目标, 规划); else the notes say it.
  const rows = [...points, ...(opts.targets ? ahead : [])].map((f) => rowOf(store, f));
  const notes: string[] = [];
  if (points.length === 1 && !toTarget) notes.push(`报告里只有一个时点的实际数据（${points[0]!.time?.label ?? '时间未注明'}），看不出变化。`);
  if (rows.length > points.length) notes.push('标“目标”的是规划目标值，不是实际达到的数字，不计入变化。');
  const first = points[0]!;
  const last = points.at(-1)!;
  // 离目标还差多少: the next target against the latest figure, in their own unit.
  // (离30万还差多少: the target of that very figure, else none.)
  // (…参保人数289.72万人，完成年度目标（290万人）的99.9%: of the nearest year's targets, the one said
  // with the latest figure is its own; a later year's said beside it, 到2030年…, is no nearer.)
  const saidWith = ahead.find((t) => t.docId === last.docId && t.sentenceNo === last.sentenceNo && t.unitClass === last.unitClass && t.time?.year === ahead[0]?.time?.year);
  const goal = opts.targetValue === undefined ? saidWith ?? ahead[0] : ahead.find((f) => f.value === opts.targetValue);
  // (新建8家 against 要建成50家: what was added in a year is no level reached toward a stock.)
  const gap = goal && goal.unit === last.unit && ADDED.test(last.metric) === ADDED.test(goal.metric) ? gapOf(goal, last) : undefined;
  // 控制在8.0天以内: a ceiling is reached from above, so 8.3天 is still 0.3天 short of it.
  const short = gap && (isCeiling(goal!) ? gap.d <= 0 : gap.d >= 0);
  // (The formula's figure is written as the result's: 1.286万 − 1.2万 is 0.086, not 0.09.)
  const places = goal && gap ? (gap.finer ? decimals(gap.finer.answer) : Math.max(decimals(goal.answer), decimals(last.answer))) : 0;
  const toGoal = goal && gap ? `${short ? '还差' : isCeiling(goal) ? '已低于目标' : '已超出'}${formatNumber(Math.abs(gap.d), places)}${gap.unit}` : undefined;
  if (goal && toGoal) notes.push(`距${goal.time?.label ?? ''}目标（${goal.answer}）${toGoal}（按${last.time?.label ? `${last.time.label}的` : ''}${last.answer}算）。`);
  else if (goal && !opts.targets) notes.push(`报告另有${goal.time?.label ?? ''}的目标：${goal.answer}（不计入变化）。`);
  // 离目标还差多少 asks the gap itself; otherwise the change over the span is the series' figure.
  const result = toTarget ? (goal && gap && toGoal ? { value: toGoal, formula: `${goal.answer} − ${last.answer} = ${formatNumber(gap.d, places)}${gap.unit}` } : undefined) : points.length > 1 ? seriesChange(store, points, spanAsked) : undefined;
  if (toTarget && !result) return undefined;
  // The gap to a target sets a plan beside a level reached: said in the notes, and flagged.
  // (A target among the rows is no level reached: the rows are of mixed status.)
  return { kind: 'trend', indicator: best.fact.metric, rows, missing: [], mixed: toTarget || rows.length > points.length ? 'status' : null, notes, ...(result ? { result } : {}) };
}

/**
 * 检查率 72.3 and 2022年检查率 68.5 of a table's 全市 row, and 肺功能检查率由2021年的61.2%提高到2022年的68.5%，
 * 2023年达到72.3%: a series of the same report and subject, its measure the same words with more
 * before them, that says the very figures at two periods or more the series gives (and none other at
 * them) is the same measure said again; its points at other periods join the series.
 */
function restatedSeries(store: FactStore, best: Fact, points: readonly Fact[]): Fact[] {
  const at = new Map(points.map((p) => [periodKey(p), p.value]));
  const words = metricWords(best.metric).replace(DONE_LEAD, '');
  // (One period shared is enough for a series of one point, when its figure is no small count said by chance.)
  const enough = at.size === 1 && best.value !== undefined && (best.value >= 100 || !Number.isInteger(best.value)) ? 1 : 2;
  const byMetric = new Map<string, Fact[]>();
  for (const f of factsOfReport(store, best.docId)) {
    if (f.kind !== 'figure' || f.status !== 'actual' || f.value === undefined || f.metric === best.metric || factSubject(f) !== factSubject(best)) continue;
    const its = metricWords(f.metric).replace(DONE_LEAD, '');
    if (f.unit !== best.unit || periodKind(f) !== periodKind(best) || !(inOrder(words, its) || inOrder(its, words))) continue;
    byMetric.set(f.metric, [...(byMetric.get(f.metric) ?? []), f]);
  }
  for (const series of byMetric.values()) {
    const shared = series.filter((f) => at.has(periodKey(f)));
    if (new Set(shared.map(periodKey)).size < enough || shared.some((f) => f.value !== at.get(periodKey(f)))) continue;
    return series.filter((f) => !at.has(periodKey(f)));
  }
  return [];
}

// 完成初筛人数, 全年出院人次: words of what was done that name no other measure.
const DONE_LEAD = /^(?:完成|实际|实现|全年|年度|累计|共)+/;

/** Whether a measure's words stand, in order, within a longer one's (检查率 in 肺功能检查率). */
function inOrder(short: string, long: string): boolean {
  return short.length >= 2 && long.length > short.length && charsInOrder(short, long);
}

/**
 * 拍片人数 2320 in a five-year table, and a row of targets 儿童拍片人数 | 目标2400 | 实际2320: a target
 * whose own row says the series' latest figure, of the same period and report, is that series' target,
 * though the row names the measure in other words.
 */
function rowSays(store: FactStore, last: Fact): (target: Fact) => boolean {
  return (t) =>
    t.kind === 'figure' && t.status === 'target' && t.docId === last.docId && t.unit === last.unit &&
    factsOfReport(store, t.docId).some((a) => a.status === 'actual' && a.block === t.block && a.sentenceNo === t.sentenceNo && a.metric === t.metric && a.value === last.value && a.time?.year === last.time?.year);
}

/**
 * The points a series shows: the latest figure alone when it is of a later year than the series'
 * last (离目标还差多少 asks of the newest), else the series, else an undated level.
 */
function pointsOf(series: Fact[], latest: Fact | undefined, undated: Fact[]): Fact[] {
  if (latest && (!series.length || (latest.time?.year ?? 0) > (series.at(-1)!.time?.year ?? 0))) return [latest];
  return series.length ? series : undated;
}

/**
 * The series a fact is a point of, for a card that shows one fact (the fact of the day): its
 * indicator and subject over the periods the reports give, with the change over the span.
 * Undefined when it stands alone, or when two figures of one period disagree: with no question
 * to choose between them, no series is drawn rather than a doubtful one.
 */
export function seriesOfFact(store: FactStore, fact: Fact): AcrossResult | undefined {
  if (fact.kind !== 'figure' || fact.status !== 'actual' || periodKey(fact) === undefined) return undefined;
  // (1—3月 beside 1—9月: totals of runs of months of other lengths are no series.)
  const months = (f: Fact) => periodKey(f)?.replace(/^\d{4}-?/, '');
  const same = redated(store.facts.filter(sameSeries(store, fact))).filter((f) => !BOUND.test(f.answer) && f.unit === fact.unit && periodKind(f) === periodKind(fact) && (periodKind(f) !== 'span' || months(f) === months(fact)));
  const valuesOf = new Map<string | undefined, Set<number | undefined>>();
  for (const f of same) valuesOf.set(periodKey(f), (valuesOf.get(periodKey(f)) ?? new Set()).add(f.value));
  if ([...valuesOf.values()].some((values) => values.size > 1)) return undefined;
  const points = onePerPeriod(same);
  if (points.length < 2 || !points.some((f) => periodKey(f) === periodKey(fact) && f.value === fact.value)) return undefined;
  const result = seriesChange(store, points, false);
  return { kind: 'trend', indicator: fact.metric, rows: points.map((f) => rowOf(store, f)), missing: [], mixed: null, notes: [], ...(result ? { result } : {}) };
}

// 缩短, 提高: how a series moved, which a plan's target does not say.
const ADDED = /新增|新建|新开|新招|新培养|新创建|新签约|当年|全年新/;
export const MOVED = /^(?:缩短|延长|增加|增长|下降|提高|提升|降低|上升|减少|变化|变动|涨|降|升)$/;

/** A target that is an upper limit (控制在8.0天以内, 不超过28%, ≤15/10万). */
function isCeiling(f: Fact): boolean {
  const after = f.quote.slice(f.span[1], f.span[1] + 4);
  const before = f.quote.slice(Math.max(0, f.span[0] - 6), f.span[0]);
  return /以内$|以下$|^[≤<＜]/.test(f.answer) || /^(?:以内|以下|之内)/.test(after) || /(?:控制在|不超过|不高于|低于|降至|降到|下降到|压缩到|缩短到|缩短至)$/.test(before);
}

/** The years a series question bounds itself by: 2019到2023 (both ends), 2019年以来 (a start). */
export interface YearSpan {
  from?: number;
  to?: number;
  /** 2月以来, 2到4月: the months of the year the points fall in. */
  months?: { from: number; to: number };
}

/** The years a text names (2012, 2021), each once, in its order. */
export function yearsIn(text: string): number[] {
  return [...new Set([...text.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)].map((m) => Number(m[0])))];
}

export function yearsAsked(text: string): YearSpan {
  const years = yearsIn(text);
  const range = /(?<!\d)(\d{1,2})月?份?\s*(?:到|至|—|-|~)\s*(\d{1,2})月/.exec(text);
  const since = /(?<!\d)(\d{1,2})月份?(?:以来|起|开始)/.exec(text);
  const months = range ? { from: Number(range[1]), to: Number(range[2]) } : since ? { from: Number(since[1]), to: 12 } : undefined;
  const inMonths = months && months.from >= 1 && months.to <= 12 && months.from <= months.to ? { months } : {};
  if (years.length >= 2) return { from: Math.min(...years), to: Math.max(...years), ...inMonths };
  // 2024年以来, 2025年3月以来: the year a series starts from.
  if (years.length === 1 && /(?:19|20)\d{2}年?(?:\d{1,2}月份?)?(?:以来|起|之后|开始)/.test(text)) return { from: years[0], ...inMonths };
  return inMonths;
}

/**
 * Sorts by period and keeps the best-scored figure of each period (the input is best first); of
 * the anchor's own report where that report gives the period: two reports of one place may give
 * one year two figures, and a change read across them would be neither's.
 */
export function onePerPeriod(facts: Fact[], anchor?: Fact): Fact[] {
  const byPeriod = new Map<string, Fact>();
  for (const f of facts) {
    const p = periodKey(f);
    if (p === undefined) continue;
    const had = byPeriod.get(p);
    if (!had || (anchor && had.docId !== anchor.docId && f.docId === anchor.docId)) byPeriod.set(p, f);
  }
  return [...byPeriod.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
}

/**
 * 389514人次, 468027人次 and a table's bare 646538: figures shown together (a series, a comparison)
 * are every one with its unit or every one bare, each taken as said the other way (a sentence's
 * 646538人次) where `twin` finds it so and that makes them one; else as found.
 */
export function oneWayWritten(points: Fact[], twin: (p: Fact, i: number, withUnit: boolean) => Fact | undefined): Fact[] {
  for (const withUnit of [true, false]) {
    const written = points.map((p, i) => (!!p.unit === withUnit ? p : twin(p, i, withUnit)));
    if (written.every((p): p is Fact => !!p)) return written;
  }
  return points;
}

/** Whether a figure is of the months a question asks (any, when it asks none): its own, or its report's. */
export function inMonthsAsked(store: FactStore, f: Fact, months: { from: number; to: number } | undefined): boolean {
  if (!months) return true;
  // (前三季度 asked: a 7—9月 column is of other months, though no single month of it is out.)
  const run = f.time ? monthsOf(f.time.label.replace(/^(?:截至)?\d{4}年/, '')) : undefined;
  if (run && run.from !== run.to) return months.from < months.to ? run.from === months.from && run.to === months.to : months.from >= run.from && months.to <= run.to;
  const month = monthOf(f)?.month ?? store.docs.get(f.docId)?.meta.periodMonth;
  return month === undefined || (month >= months.from && month <= months.to);
}

/** 2023-05 of a year and a month, as periodKey writes a month. */
export function monthKey(year: number, month: number | string): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The month a figure is of, when its period is one month (2023-05). */
export function monthOf(f: Fact): { year: number; month: number } | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(periodKey(f) ?? '');
  return m ? { year: Number(m[1]), month: Number(m[2]) } : undefined;
}

/** The key of the month before (2024-01 → 2023-12). */
export function monthBefore(at: { year: number; month: number }): string {
  return at.month === 1 ? monthKey(at.year - 1, 12) : monthKey(at.year, at.month - 1);
}

/** A month (2023-05), a run of months (2023-05~01) or a year (2023), as periodKey writes them. */
/** How many months a run of months covers (3 for a quarter); 0 for a year's or a month's figure. */
export function spanLength(f: Fact): number {
  const m = /^\d{4}-(\d{2})~(\d{2})$/.exec(periodKey(f) ?? '');
  return m ? Number(m[1]) - Number(m[2]) + 1 : 0;
}

// (2021年末至截至2024年6月底 reads 2021年末至2024年6月底.)
const AS_OF = /^截[至止]到?/;

export function periodKind(f: Fact): 'span' | 'month' | 'year' {
  const k = periodKey(f) ?? '';
  return k.includes('~') ? 'span' : k.includes('-') ? 'month' : 'year';
}

/** 2023, 2023-05, 2023-01~05: sortable; undefined when the figure has no year. */
export function periodKey(f: Fact): string | undefined {
  const t = f.time;
  if (!t?.year) return undefined;
  // 前三季度 is 1—9月, 二季度 4—6月, 上半年 1—6月: parts of a year are runs of months, as the
  // reports' own periods are read (monthsOf).
  const months = monthsOf(t.label.replace(/^(?:截至)?\d{4}年/, ''));
  if (!months) return `${t.year}`;
  if (months.from === months.to) return monthKey(t.year, months.to);
  return `${monthKey(t.year, months.to)}~${String(months.from).padStart(2, '0')}`;
}


/** The partner of a 由…到… figure: the other end in its sentence, of the same period as it. */
function samePeriodPartner(f: Fact, all: Fact[]): boolean {
  const other = f.role === 'to' ? 'from' : 'to';
  return all.some((g) => g !== f && g.role === other && g.sentenceNo === f.sentenceNo && g.docId === f.docId && periodKey(g) === periodKey(f));
}

/**
 * The series' facts with a 由…到… pair's shared period set right. "由2020年的x提高到y": the
 * sentence names the year, so it is x's, and y is of the year its report looks back on (由上年的
 * 5.10张升至5.40张 in a report on 2024: 5.40 is 2024's), or left out when that is unknown.
 * "由x提高到y" with no year: both took the report's, which is y's; x's own year is unknown.
 */
export function redated(facts: Fact[]): Fact[] {
  return facts.flatMap((f) => {
    if (!f.role || !samePeriodPartner(f, facts)) return [f];
    const year = f.time?.year;
    const stated = year !== undefined && (f.quote.includes(`${year}年`) || /由(?:上年|去年|上一年)/.test(f.quote));
    if (f.role === 'from') return stated ? [f] : [];
    if (!stated) return [f];
    const own = f.reportYear;
    return own !== undefined && year !== undefined && own > year ? [{ ...f, time: { label: `${own}年`, year: own } }] : [];
  });
}

/**
 * The change a series shows: over its span; for months, also the latest against the month before
 * and a year before (较上月, 较去年同期), as monthly reports say it.
 */
function seriesChange(store: FactStore, points: Fact[], spanAsked: boolean): { value: string; formula: string } | undefined {
  const first = points[0]!;
  const last = points.at(-1)!;
  const over = withStated(changeOver(first, last), statedOverSpan(store, first, last));
  const monthly = spanAsked ? undefined : monthlyChange(points);
  if (!monthly || !over) return monthly ?? over;
  // Two points a month apart: the span is the month before, said once; a span from a year-ago
  // month says nothing the 同比 does not.
  if ((points.length === 2 && monthly.value.startsWith('较上月')) || first.time?.year !== last.time?.year) return monthly;
  return { value: `${over.value}；${monthly.value}`, formula: `${over.formula}；${monthly.formula}` };
}

/**
 * A series of months: the latest month against the month before (环比) and the same month a year
 * before (同比), as monthly reports say it, rather than against whichever month comes first.
 */
function monthlyChange(points: Fact[]): { value: string; formula: string } | undefined {
  const last = points.at(-1)!;
  const at = monthOf(last);
  if (!at) return undefined;
  const bases = [
    { words: '较上月', f: points.find((p) => periodKey(p) === monthBefore(at)) },
    { words: '较去年同期', f: points.find((p) => periodKey(p) === monthKey(at.year - 1, at.month)) },
  ];
  const parts = bases.flatMap(({ words, f }) => {
    const c = f ? changeOver(f, last) : undefined;
    return c && f ? [{ value: `${words}（${f.time?.label ?? ''}）${c.value.replace(/^.*?至[^增减]*/, '')}`, formula: c.formula }] : [];
  });
  return parts.length ? { value: parts.map((p) => p.value).join('；'), formula: parts.map((p) => p.formula).join('；') } : undefined;
}

function changeOver(first: Fact, last: Fact): { value: string; formula: string } | undefined {
  const g = first.unit === last.unit ? gapOf(last, first) : undefined;
  if (!g || first.value === undefined || last.value === undefined) return undefined;
  const { d, unit } = g;
  // (0.072% to 0.061% is 0.011 points less: as exact as the figures, with no trailing zeros, 1.5岁 as reports write it.)
  const places = g.finer ? decimals(g.finer.answer) : Math.max(decimals(first.answer), decimals(last.answer));
  const show = (x: number) => formatNumber(x, places).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  const pct = first.value !== 0 && first.unit !== '%' ? `，${d >= 0 ? '增长' : '下降'}${formatNumber(Math.abs(((last.value - first.value) / first.value) * 100))}%` : '';
  return {
    value: `${(first.time?.label ?? '').replace(AS_OF, '')}至${(last.time?.label ?? '').replace(AS_OF, '')}${d >= 0 ? '增加' : '减少'}${show(Math.abs(d))}${unit}${pct}`,
    formula: `${last.answer} − ${first.answer} = ${show(d)}${unit}`,
  };
}

/** A stated change in the report's verb: 增长3.5倍, 下降2.1个百分点. */
function changeWords(f: Fact): string {
  const down = f.change?.direction === 'down' || /^[-−]/.test(f.answer);
  const verb = CHANGE_VERB.exec(f.metric)?.[1] ?? (down ? '下降' : '增长');
  return `${verb}${f.answer.replace(/^[+\-−]/, '')}`;
}

/**
 * The change the report states over the very span worked out ("由2012年的a提升到2021年的b,增长3.5倍"):
 * said beside the worked result, in the report's words, when it is of the same indicator.
 */
export function statedOverSpan(store: FactStore, from: Fact, to: Fact): Fact | undefined {
  const { indicator, qualifiers } = indicatorParts(store, to);
  // "由2015年的a增加到2024年的b,增长1.07倍": a change right after the pair, in its sentence, is over it.
  // (A table row's 同比 column is the last year's change, whatever span is asked: not over it.)
  const afterPair = (f: Fact) => from.role === 'from' && to.role === 'to' && from.docId === to.docId && from.sentenceNo === to.sentenceNo && f.sentenceNo === to.sentenceNo && f.span[0] > to.span[0] && !f.change?.bases.length;
  const overSpan = (f: Fact) => (f.time?.fromYear === from.time?.year && f.time?.toYear === to.time?.year) || afterPair(f);
  return factsOfReport(store, to.docId).find((f) => {
    if (f.kind !== 'figure' || f.status !== 'change' || !overSpan(f)) return false;
    const p = indicatorParts(store, f);
    return p.indicator.replace(CHANGE_VERB, '') === indicator && p.qualifiers === qualifiers;
  });
}

/** A worked result with the change the report states over the same span beside it. */
export function withStated<R extends { value: string; formula: string }>(result: R, stated: Fact | undefined): R;
export function withStated<R extends { value: string; formula: string }>(result: R | undefined, stated: Fact | undefined): R | undefined;
export function withStated<R extends { value: string; formula: string }>(result: R | undefined, stated: Fact | undefined): R | undefined {
  return result && stated ? { ...result, value: `${result.value}（报告写明${changeWords(stated)}）` } : result;
}
