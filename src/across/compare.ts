import type { Fact } from '../extract/facts.js';
import { sameInstitution, type ParsedQuestion } from '../match/question.js';
import type { FactStore } from '../store/fact-store.js';
import type { AcrossFrame } from './frame.js';
import { BOUND, onePerPeriod, oneWayWritten, periodKey, periodKind } from './trend.js';
import { matchQuestion } from '../match/answer.js';
import { answersTo, areaAround, withoutComparing, withoutInstitutions, withoutName, factSubject, forSubject, formatNumber, indicatorKey, targetKey, indicatorParts, rowOf, subjectName, type ParseCore, type Subject } from './gather.js';
import type { AcrossResult, AcrossRow, Mixed } from './types.js';
import { escapeRegExp } from '../text/regexp.js';

/**
 * Two or more subjects on one indicator: each subject's best figure with its own source, a plain
 * note for a subject with none, and what differs between the figures besides the subject.
 */
export function compare(store: FactStore, frame: AcrossFrame | undefined, said: ParsedQuestion, subjects: Subject[], parseCore?: ParseCore): AcrossResult | undefined {
  // 比全市高多少: two subjects' levels are compared; a change is asked only against an earlier time.
  const q = said.status === 'change' && !said.change?.bases.some((b) => /^(?:year|month|previous|same-period|whole-year)/.test(b)) ? { ...said, status: 'actual' as const } : said;
  const found: { subject: Subject; fact: Fact }[] = [];
  const missing: string[] = [];
  const asked = subjects.map((s) => ({ s, q: forSubject(ownQuestion(q, s, subjects, parseCore), s) }));
  const unsure: typeof asked = [];
  // Each subject's answers, where the same figure may be said with its unit and bare (a table's cell).
  const sayings: Fact[][] = [];
  for (const a of asked) {
    const answers = answersTo(store, a.q).filter((x) => !('institution' in a.s) || sameInstitution(x.fact.subject, a.s.institution));
    const best = latestOf(store, answers, a.q);
    if (best && best.kind === 'figure' && !(best.status === 'actual' && BOUND.test(best.answer))) {
      found.push({ subject: a.s, fact: best });
      sayings.push(answers.map((x) => x.fact));
    } else unsure.push(a);
  }
  // Shown with the unit the report says them in, when every one is said so; else all bare, as the
  // table gives them (one row in %, one bare, would read as two kinds of figure).
  const shown = oneWayWritten(found.map((x) => x.fact), (p, i, withUnit) => sayings[i]!.find((f) => (f.unit !== '') === withUnit && (!withUnit || p.value !== undefined) && sameFigure(f, p)));
  found.forEach((x, i) => (x.fact = shown[i]!));
  // Figures of another indicator than the first place's are not compared silently: that place is
  // asked again for the first's indicator, or said to have none.
  const like = found[0]?.fact;
  for (const odd of found.filter((x) => like && indicatorParts(store, x.fact).indicator !== indicatorParts(store, like).indicator)) {
    found.splice(found.indexOf(odd), 1);
    unsure.push(asked.find((a) => a.s === odd.subject)!);
  }
  // 青川跟白河托位数: a place whose figure the question alone does not find surely still has one
  // of the very indicator, qualifiers and unit found for the others.
  for (const a of unsure) {
    const wholeAsked = frame?.levelPeriod && parseCore ? parseCore(`${frame.levelPeriod}${q.text}`) : q;
    const same = (like && (alignedTo(store, like, a.q) ?? fromWholesReport(store, a.s, wholeAsked, like, wholeAsked !== q) ?? targetInstead(store, like, a.q))) || undefined;
    // (An institution's figure is its own: never another's of the same measure.)
    if (same && (!('institution' in a.s) || sameInstitution(same.subject, a.s.institution))) found.push({ subject: a.s, fact: same });
    else missing.push(subjectName(a.s));
  }
  found.sort((x, y) => subjects.indexOf(x.subject) - subjects.indexOf(y.subject));
  if (found.length === 0) return undefined;
  alignPeriods(store, found, asked);
  // Each row names whom its figure is for, as a single answer does: a district's figure found for
  // its city says the district.
  const facts = found.map((x) => x.fact);
  const mixed = mixedOf(store, facts);
  // 哪个最低, 谁高: the rows in the order asked, when they can be set side by side.
  const sorted = frame?.order && (!mixed || mixed === 'period') && facts.every((f) => f.value !== undefined);
  const rows = (sorted ? [...facts].sort((a, b) => (frame.order === 'asc' ? a.value! - b.value! : b.value! - a.value!)) : facts).map((f) => rowOf(store, f));
  // (A table row's measure opens with its institution's name: the indicator is what follows.)
  const who = factSubject(facts[0]!);
  const indicator = facts[0]!.metric.startsWith(who) && facts[0]!.metric.length > who.length ? facts[0]!.metric.slice(who.length) : facts[0]!.metric;
  const notes = [...missing.map((m) => `${m}的报告里没有这项数据（${indicator}）。`), ...(mixed ? [mixedNote(mixed, rows)] : [])];
  // Figures of different years are still set side by side, with the note; other mixes are not.
  const result = !mixed || mixed === 'period' ? (rows.length === 2 ? difference(rows[0]!, rows[1]!, frame?.op) : differences(rows)) : undefined;
  return { kind: 'compare', indicator, rows, missing, mixed, notes, ...(sorted ? { order: frame.order } : {}), ...(result ? { result } : {}) };
}

/**
 * 甲县2024年88.6% against the city's latest (2025年前三季度): where a subject also has a figure of
 * the first one's period, of the same indicator and status, that one is compared; else the periods
 * stay apart, and the card says so.
 */
function alignPeriods(store: FactStore, found: { subject: Subject; fact: Fact }[], asked: { s: Subject; q: ParsedQuestion }[]): void {
  const first = found[0]?.fact;
  const key = first && periodKey(first);
  if (!first || !key) return;
  for (const x of found.slice(1)) {
    if (periodKey(x.fact) === key) continue;
    const said = asked.find((a) => a.s === x.subject)?.q;
    // A wider area's figure found in its own reports is looked for there again.
    const region = store.regions.byName.get(x.fact.region);
    const { level: _level, subject: _subject, ...rest } = said ?? ({} as ParsedQuestion);
    const q = said && !x.fact.level && region ? { ...rest, regions: [region], unknownPlaces: [] } : said;
    const same = q && answersTo(store, q, ALIGN_CANDIDATES).map((s) => s.fact).find((f) => f.kind === 'figure' && f.status === x.fact.status && periodKey(f) === key && factSubject(f) === factSubject(x.fact) && indicatorKey(store, f) === indicatorKey(store, x.fact));
    if (same) x.fact = same;
  }
}

/** The same figure said again: its value, status, period and place (a sentence's 0.46% and a table's 0.46). */
function sameFigure(f: Fact, of: Fact): boolean {
  return f.value === of.value && f.status === of.status && periodKey(f) === periodKey(of) && f.region === of.region;
}

/**
 * 某县医院住院天数跟全省比差多少: when the place's own reports cite no figure for the province, the
 * province's own report may give it: the figure of the same indicator that asking it finds.
 */
function fromWholesReport(store: FactStore, s: Subject, q: ParsedQuestion, like: Fact, ownPeriod = false): Fact | undefined {
  if (!('level' in s) || !s.within || s.level === '全国') return undefined;
  const whole = areaAround(store, s.within.name, s.level === '全省' ? '全省' : '全市');
  if (!whole) return undefined;
  // Asked of the province as a whole: not of the place's institution.
  // (Its months only when the question names the wider area's own: 跟全市一季度比.)
  const { level: _level, subject: _subject, months, ...rest } = q;
  // The first of the whole's answers that measures what the place's figure does.
  const indicator = indicatorParts(store, like).indicator;
  // (超过8.5天, 8天以内: a bound the report sets some places against is no level of the whole.)
  const found = answersTo(store, { ...rest, ...(ownPeriod && months ? { months } : {}), regions: [whole], unknownPlaces: [], compare: false }).find((x) => x.fact.kind === 'figure' && x.fact.region === whole.name && !x.fact.subject && !BOUND.test(x.fact.answer) && indicatorParts(store, x.fact).indicator === indicator);
  return found?.fact;
}

/**
 * 由2020年的80.1%提高到88.6%: with no year asked, a place's figure is its latest of the indicator
 * its best match measures, not an earlier one its sentence also gives.
 */
function latestOf(store: FactStore, found: { fact: Fact }[], q: ParsedQuestion): Fact | undefined {
  const best = found[0]?.fact;
  if (!best || q.year !== undefined || best.kind !== 'figure') return best;
  const key = indicatorKey(store, best);
  // (A past value, 2020年月均收入 beside the table's undated 月均收入, is no later figure.)
  const same = found.map((s) => s.fact).filter((f) => f.kind === 'figure' && f.status === best.status && f.docId === best.docId && f.role !== 'from' && indicatorKey(store, f) === key && periodKind(f) === periodKind(best) && (periodKey(f) ?? '') > (periodKey(best) ?? ''));
  return onePerPeriod(same).at(-1) ?? best;
}

// A figure below the answer threshold joins a comparison only when it is of the very same indicator.
const ALIGN_FLOOR = 0.25;
const ALIGN_CANDIDATES = 20;

/** The figure of `like`'s very indicator, qualifiers, unit and status a place's question finds below the answer threshold. */
function alignedTo(store: FactStore, like: Fact, q: ParsedQuestion): Fact | undefined {
  // Asked in the found figure's terms (每千人口), which the question may not have said.
  const terms = indicatorParts(store, like).qualifiers.split(',').filter(Boolean);
  const inTerms = { ...q, qualifiers: [...new Set([...q.qualifiers, ...terms])] };
  return firstOfKey(store, inTerms, like.status, (f) => indicatorKey(store, f), indicatorKey(store, like));
}

/** The best-matched figure of a status whose key (`keyOf`) is the one sought, among a few candidates. */
function firstOfKey(store: FactStore, q: ParsedQuestion, status: Fact['status'], keyOf: (f: Fact) => string, key: string): Fact | undefined {
  return matchQuestion(q, store.index, store.regions, { limit: ALIGN_CANDIDATES, floor: ALIGN_FLOOR }).answers.find((x) => x.fact.kind === 'figure' && x.fact.status === status && keyOf(x.fact) === key)?.fact;
}

/**
 * 甲市急救反应时间 when 甲市's reports give only its target (控制在12分钟以内): the target is shown,
 * and the comparison says one is a target (mixed status), never setting them against each other.
 */
function targetInstead(store: FactStore, like: Fact, q: ParsedQuestion): Fact | undefined {
  if (like.status !== 'actual') return undefined;
  return firstOfKey(store, { ...q, status: 'target' }, 'target', (f) => targetKey(store, f), indicatorKey(store, like));
}

// A place's institution named after it: 青川区人民医院, 白河区中医院.
const INSTITUTION = '[\\u3400-\\u9fff]{0,8}?(?:医院|卫生院|保健院|疾控中心|卫生服务中心)';

/**
 * 青川区人民医院和白河区人民医院某项占比: each institution's question is the text without the
 * others' names, parsed again (its own hospital is then its subject, and no other's words count).
 */
function ownQuestion(q: ParsedQuestion, s: Subject, all: Subject[], parseCore?: ParseCore): ParsedQuestion {
  if (parseCore && 'institution' in s) return parseCore(withoutInstitutions(q.text, all, s));
  if (!parseCore || !('region' in s)) return q;
  let text = q.text;
  let named = false;
  for (const other of all) {
    if (other === s || !('region' in other)) continue;
    for (const alias of [...other.region.aliases].sort((a, b) => b.length - a.length)) {
      const cut = withoutName(text, `${escapeRegExp(alias)}${INSTITUTION}`);
      if (cut === undefined) continue;
      text = cut;
      named = true;
      break;
    }
  }
  return named ? parseCore(withoutComparing(text)) : q;
}

/** What the figures differ in besides the subject: the first of unit, qualifier, status, period. */
export function mixedOf(store: FactStore, facts: Fact[]): Mixed | null {
  const distinct = (f: (x: Fact) => unknown) => new Set(facts.map(f)).size > 1;
  if (distinct((f) => indicatorParts(store, f).unitClass)) return 'unit';
  if (distinct((f) => indicatorParts(store, f).qualifiers)) return 'qualifier';
  if (distinct((f) => (f.status === 'target' ? 'target' : f.status))) return 'status';
  if (distinct((f) => periodKey(f) ?? null)) return 'period';
  return null;
}

export function mixedNote(mixed: Mixed, rows: AcrossRow[]): string {
  const each = rows.map((r) => `${r.subject}${r.period ? ` ${r.period}` : ''}${r.status === 'target' && !/目标/.test(r.period ?? '') ? '（目标值）' : ''}`).join('，');
  switch (mixed) {
    case 'period':
      return `注意：这些数字不是同一时期的（${each}），不宜直接比较。`;
    case 'status':
      return `注意：这些数字有的是目标值、有的是实际值（${each}），不宜直接比较。`;
    case 'qualifier':
      return '注意：这些数字的口径不同（如总数与每千人口），不宜直接比较。';
    case 'unit':
      return '注意：这些数字的单位不同，不宜直接比较。';
  }
}

/** ≤12.0/10万 → /10万: the unit without a bound's sign. */
export function bareUnit(unit: string): string {
  return unit.replace(/^[≤≥<>约]+/, '').replace(/(以上|以下|以内|左右)$/, '');
}

// Measure words that count the same things: 12所 and 30个 村卫生室 are both a number of places.
export const COUNTERS = new Set(['个', '所', '家', '座', '处']);

/** What a unit counts, its scale aside: places in 个, 家 or 所 alike (个), people in 人, 名 or 位 (人). */
export function unitKind(unit: string): string {
  const u = unit.replace(/^[万亿千百]/, '');
  return COUNTERS.has(u) ? '个' : /^[人名位]$/.test(u) ? '人' : u;
}

/** Whether two figures' units can be subtracted or divided: the same unit, or counters of places. */
export function sameUnit(a: string, b: string): boolean {
  const x = bareUnit(a);
  const y = bareUnit(b);
  return x === y || (COUNTERS.has(x) && COUNTERS.has(y)) || (DAYS.has(x) && DAYS.has(y));
}
// 7.6天 and 8.7日: one unit of time written two ways.
const DAYS = new Set(['天', '日']);

/** 360.31万元: the figure's value is in 元; a difference is shown in 万元, as the figure is. */
export function scaleOf(answer: string, unit: string): { factor: number; unit: string } {
  // Only the first number's own scale: 9.50/10万 is per 100,000, not 9.50万.
  const m = /^[^\d]*\d[\d.,]*\s*(万亿|亿|万|千)/.exec(answer);
  const factor = m ? { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3 }[m[1] as '万亿' | '亿' | '万' | '千'] : 1;
  return { factor, unit: m && !unit.startsWith(m[1]!) ? `${m[1]}${unit}` : unit };
}

/** Decimal places of the first number written in a figure. */
export function decimals(answer: string): number {
  const m = /\d+(?:\.(\d+))?/.exec(answer.replace(/,/g, ''));
  return m?.[1]?.length ?? 0;
}

/** The difference (or ratio, or relative difference) of two figures of one unit, with its formula. */
export function difference(a: AcrossRow, b: AcrossRow, op?: string): { value: string; formula: string } | undefined {
  if (a.value === undefined || b.value === undefined || !sameUnit(a.unit, b.unit)) return undefined;
  if (op === 'grow') {
    if (b.value === 0) return undefined;
    const k = (a.value - b.value) / b.value;
    return { value: `增长${formatNumber(k)}倍`, formula: `(${a.answer} − ${b.answer}) ÷ ${b.answer} = ${formatNumber(k)}` };
  }
  if (op === 'times') {
    if (b.value === 0) return undefined;
    return { value: `${formatNumber(a.value / b.value)}倍`, formula: `${a.answer} ÷ ${b.answer} = ${formatNumber(a.value / b.value)}` };
  }
  if (op === 'pct') {
    if (b.value === 0) return undefined;
    const pct = ((a.value - b.value) / b.value) * 100;
    return { value: `${formatNumber(pct)}%`, formula: `(${a.answer} − ${b.answer}) ÷ ${b.answer} = ${formatNumber(pct)}%` };
  }
  const g = gapOf(a, b);
  if (!g) return undefined;
  // As many decimals as the figures have: 68.5 − 63.5 is 5.0 percentage points, not 5. Of
  // figures in two scales (2860人, 1.86万人), the finer one's.
  const places = g.finer ? decimals(g.finer.answer) : Math.max(decimals(a.answer), decimals(b.answer));
  const word = g.d >= 0 ? '多' : '少';
  return { value: `${a.subject}比${b.subject}${word}${formatNumber(Math.abs(g.d), places)}${g.unit}`, formula: `${a.answer} − ${b.answer} = ${formatNumber(g.d, places)}${g.unit}` };
}

/** 比全国、全省各高多少: the first figure against each of the others, when every gap can be said. */
function differences(rows: AcrossRow[]): { value: string; formula: string } | undefined {
  if (rows.length < 3) return undefined;
  const [first, ...others] = rows;
  const each = others.map((r) => difference(first!, r));
  if (each.some((d) => !d)) return undefined;
  const said = each.map((d, i) => (i === 0 ? d!.value : d!.value.slice(first!.subject.length)));
  return { value: said.join('、'), formula: each.map((d) => d!.formula).join('；') };
}

/** a − b in the scale and unit the figures are written in (万元; % as 个百分点), or undefined when those differ. */
export function gapOf<T extends { value?: number; unit: string; answer: string }>(a: T, b: T): { d: number; unit: string; finer?: T } | undefined {
  if (a.value === undefined || b.value === undefined || !sameUnit(a.unit, b.unit)) return undefined;
  const unit = bareUnit(a.unit) === '%' ? '个百分点' : bareUnit(a.unit);
  const [sa, sb] = [scaleOf(a.answer, unit), scaleOf(b.answer, unit)];
  if (sa.factor === sb.factor) return { d: (a.value - b.value) / sa.factor, unit: sa.unit };
  // 1.86万人 − 2860人: worked in the finer scale, which loses nothing of either figure.
  if (unit === '个百分点') return undefined;
  const [scale, finer] = sa.factor < sb.factor ? [sa, a] : [sb, b];
  return { d: (a.value - b.value) / scale.factor, unit: scale.unit, finer };
}
