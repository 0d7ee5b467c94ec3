import { STANDING_END } from '../text/standing.js';
import { canonicalQualifiers, type Fact } from '../extract/facts.js';
import { headerLabels } from '../extract/table-facts.js';
import type { Level } from '../extract/status.js';
import { ANSWER_THRESHOLD, matchQuestion, type ScoredFact } from '../match/answer.js';
import { institutionsNamed, type ParsedQuestion } from '../match/question.js';
import type { RegionInfo } from '../match/regions.js';
import { factsOfReport, type FactStore } from '../store/fact-store.js';
import { sourceOf } from '../store/source-of.js';
import type { AcrossRow } from './types.js';
import { tag } from '../text/segment.js';
import { isDepartment } from '../match/question-words.js';
import { GROUP_WORDS } from '../extract/breakdowns.js';
import { escapeRegExp } from '../text/regexp.js';

/**
 * A subject a question names: a region, the country or province a report cites, or an institution
 * the reports speak for (甲市中心医院, with the place its figures are filed under and the words said).
 */
export type Subject = { region: RegionInfo } | { level: Level; within?: RegionInfo } | { institution: string; said: string; of?: RegionInfo };

export function subjectName(s: Subject): string {
  return 'region' in s ? s.region.name : 'level' in s ? s.level : s.institution;
}

/** 甲医院跟乙医院平均住院日谁短 without the institutions named and their joining words (平均住院日谁短). */
export function withoutInstitutions(text: string, named: Subject[], keep?: Subject): string {
  let out = text;
  for (const s of named) if (s !== keep && 'institution' in s) out = withoutName(out, escapeRegExp(s.said)) ?? out;
  return withoutComparing(out);
}

/** The text without the first name the pattern finds and the words joining it to the others (和, 跟, 、); undefined when it names none. */
export function withoutName(text: string, name: string): string | undefined {
  const m = new RegExp(`(?:[和与跟及、比]|vs)?${name}(?:[和与跟及、]|vs)?`, 'i').exec(text);
  return m ? text.slice(0, m.index) + text.slice(m.index + m[0].length) : undefined;
}

/** …跟乙县医院比: with the others named taken out, the words of comparing say no topic. */
export function withoutComparing(text: string): string {
  return text.replace(/(?:跟|和|与|同)(?=[\u3400-\u9fff]{2,}比$)/, '').replace(/比$/, '');
}

/** The institutions a question names, two or more, as subjects to compare (甲医院和乙医院谁高). */
export function institutionSubjects(store: FactStore, q: ParsedQuestion): Subject[] {
  const named = institutionsNamed(q.key, store.index);
  if (named.length < 2) return [];
  return named.map((n) => ({ institution: n.name, said: n.text, ...(store.regions.byName.get(n.region) ? { of: store.regions.byName.get(n.region)! } : {}) }));
}

/**
 * The subjects a parsed question names, in its order: its regions, then 全国 or 全省 (each as the
 * first region's reports cite it). `levels` are the wider areas the whole message compares with
 * (比全国、全省各高多少), which the single-figure parse leaves out of its own level.
 */
export function subjectsOf(q: ParsedQuestion, levels: Level[] = []): Subject[] {
  const out: Subject[] = q.regions.map((region) => ({ region }));
  const within = q.regions[0] ? { within: q.regions[0] } : {};
  for (const level of [...(q.level ? [q.level] : []), ...levels]) {
    if (!out.some((s) => 'level' in s && s.level === level)) out.push({ level, ...within });
  }
  return out;
}

// What the name of the wider area of a place ends on, as a question says it (全省, 全市, 全县).
const AREA_KIND: Record<string, RegExp> = { 全省: /(?:省|自治区)$/, 全市: /市$/, 全县: /[县区]$/, 全区: /[县区]$/ };

/** The wider area a place lies in, as a question names it (全市 of a county: its city), up a few levels. */
export function areaAround(store: FactStore, place: string, area: string): RegionInfo | undefined {
  const kind = AREA_KIND[area];
  if (!kind) return undefined;
  let at = store.regions.byName.get(place)?.parent;
  for (let depth = 0; at && depth < 4 && !kind.test(at); depth++) at = store.regions.byName.get(at)?.parent;
  return at ? store.regions.byName.get(at) : undefined;
}

/** Parses a question inside the message (its single figure, a share's part): one typo budget a message. */
export type ParseCore = (text: string) => ParsedQuestion;

/** The question as if it named only this subject. */
export function forSubject(q: ParsedQuestion, s: Subject): ParsedQuestion {
  if ('region' in s) {
    const { level: _level, subject, ...rest } = q;
    // (甲县人民医院 carried on to 乙县 is no institution of 乙县: that place is asked on its own.)
    const own = subject && [s.region.name, ...s.region.aliases].some((a) => subject.includes(a)) ? { subject } : {};
    return { ...rest, ...own, regions: [s.region], unknownPlaces: [], compare: false };
  }
  if ('institution' in s) {
    const { level: _level, ...rest } = q;
    return { ...rest, subject: s.institution, regions: s.of ? [s.of] : [], unknownPlaces: [], compare: false };
  }
  return { ...q, regions: s.within ? [s.within] : [], level: s.level, unknownPlaces: [], compare: false };
}

/** The facts that answer a single-figure question, best first (at most `limit`). */
export function answersTo(store: FactStore, q: ParsedQuestion, limit = 3): ScoredFact[] {
  return matchQuestion(q, store.index, store.regions, { limit }).answers.filter((s) => s.confidence >= ANSWER_THRESHOLD);
}

/** Below the answer threshold, a fact still joins a series or ranking its indicator's best fact leads. */
const GATHER_FLOOR = 0.25;

/**
 * The facts gathered for a series or a ranking, best first: the first answers the question on its
 * own (or nothing is gathered); the others may score lower and must agree with it on the indicator.
 */
export function gatherFor(store: FactStore, q: ParsedQuestion, limit: number): ScoredFact[] {
  const all = matchQuestion(q, store.index, store.regions, { limit, floor: GATHER_FLOOR }).answers;
  return all.length && all[0]!.confidence >= ANSWER_THRESHOLD ? all : [];
}

const PER_SOME = /每[十百千万]+(?:名|个|例)?[\u3400-\u9fff]{0,4}?(?:人口|儿童|孕产妇|老年人|居民|活产儿|活产|妇女|学生|职工|人)/;


/** What a fact measures, for telling whether two facts are of one indicator. */
export function indicatorKey(store: FactStore, f: Fact): string {
  const p = indicatorParts(store, f);
  return `${p.indicator}|${p.qualifiers}|${p.unitClass}`;
}

/** The catalogue indicator a metric's words name last (its head), or its measure words. */
export function headIndicator(store: FactStore, said: string, unit = ''): string {
  // (甲旗鼠密度最高，为1.12只/公顷；乙旗次之: where it stands among others says nothing of what is measured.)
  const metric = said.replace(STANDING_END, '') || said;
  // 儿科实有床位: read without its soft words too (儿科床位), the longer head found wins.
  const written = headOf(store, metric);
  const bare = metricWords(metric);
  const plain = bare !== metric ? headOf(store, bare) : undefined;
  // (全年门诊278436人次: with no head of its own, the measure and its unit, 门诊人次, as a table heads it.)
  const counted = unit.replace(/^[十百千万亿]+/, '');
  const withUnit = !written && !plain && counted ? headOf(store, `${bare}${counted}`) : undefined;
  // (Whole: 专家门诊 + 人次 is no 门诊人次, though the form ends it.)
  const whole = withUnit && withUnit.index === 0 && withUnit.text.length === bare.length + counted.length ? withUnit : undefined;
  const head = whole ?? (plain && (!written || plain.text.length >= written.text.length) ? plain : written);
  // (登记活动性肺结核患者 of a sentence, 登记活动性肺结核患者数 of its table's header: one measure.)
  return head ? head.indicator.id : bare.replace(/(?<=[\u3400-\u9fff]{2}(?<![人次例户个家]))数$/, '');
}

/** The catalogue mention a metric ends on: the head of a Chinese noun phrase stands last. */
function headOf(store: FactStore, metric: string) {
  // A metric is kept as written (HPV); the catalogue's forms are in match keys (hpv).
  const found = store.intents.catalogue.find(metric.toLowerCase());
  // 每千常住人口床位数 counts beds, not people.
  return found.length ? found.reduce((a, b) => (b.index + b.text.length > a.index + a.text.length || (b.index + b.text.length === a.index + a.text.length && b.text.length > a.text.length) ? b : a)) : undefined;
}

/** The indicator a fact measures (a catalogue id, or its measure words), its qualifiers and unit class. */
export function indicatorParts(store: FactStore, f: Fact): { indicator: string; qualifiers: string; unitClass: string } {
  // (甲县中医医院总分: a row's institution is whom, not what: 总分 is measured.)
  // (甲旗鼠密度最高: a place's name opening the measure is whose, not what, too.)
  const who = [f.subject, f.region].find((w) => !!w && f.metric.startsWith(w) && f.metric.length > w.length);
  const metric = who ? f.metric.slice(who.length) : f.metric;
  const named = headIndicator(store, metric, f.unit);
  const inMetric = canonicalQualifiers(metric);
  const qualifiers = new Set([...store.intents.qualifiers.filter((q) => inMetric.includes(q)), ...f.qualifiers.filter((q) => q !== '同比' && q !== '环比')]);
  // 每千名儿童…医师数: a rate per some people is no count of them, whichever people it is per.
  const per = PER_SOME.exec(inMetric)?.[0];
  if (per && ![...qualifiers].some((q) => q.startsWith('每'))) qualifiers.add(per);
  // (A table's rate with no unit said, 孕产妇死亡率 37.75, may be per 10万 or in %: no point of a series in either.)
  return { indicator: named, qualifiers: [...qualifiers].sort().join(','), unitClass: f.unitClass === 'percent' && !f.unit ? 'rate, unit unsaid' : f.unitClass };
}

/** Figures of `status` for the same subject and indicator as `best`: the points of its series (or its targets). */
export function sameSeries(store: FactStore, best: Fact, status: Fact['status'] = 'actual'): (f: Fact) => boolean {
  const key = indicatorKey(store, best);
  const who = factSubject(best);
  const row = tableRowOf(store, best);
  // 平均住院日控制在8天: a target's measure is the words left once its aim is taken out.
  const keyOf = (f: Fact) => (status === 'target' ? targetKey(store, f) : indicatorKey(store, f));
  // A table row's figure is the series' point only when the row names the measure itself
  // (乙病 | 23 beside 乙病报告19例), not a part of the whole (骨科 of 出院人次).
  const sameRow = (f: Fact) => {
    const other = tableRowOf(store, f);
    if (other === row) return true;
    const named = other ?? row;
    return (other === undefined || row === undefined) && !!named && named.length >= 2 && (other === undefined ? f : best).metric.includes(named);
  };
  const part = partNamed(best.metric);
  const otherMeasure = disagreeing(store, best);
  // (儿科门急诊 is no point of the hospital's 门急诊人次, though the catalogue reads both as 门急诊.)
  return (f) => f.kind === 'figure' && f.status === status && factSubject(f) === who && keyOf(f) === key && sameRow(f) && partNamed(f.metric) === part && !otherMeasure(f);
}

/**
 * 注册护士 396, 418, 452 in a table and 护士120人 of a title breakdown in the same report: where one
 * of two figures' blocks gives the other's own period another figure, they are two measures' figures.
 */
function disagreeing(store: FactStore, best: Fact): (f: Fact) => boolean {
  const said = new Map<string, Fact[]>();
  const factsAt = (block: Fact, at: Fact) => {
    const key = `${block.block}|${block.metric}|${at.time?.label}`;
    let found = said.get(key);
    if (!found) {
      found = factsOfReport(store, block.docId).filter((g) => g.block === block.block && g.metric === block.metric && g.status === block.status && factSubject(g) === factSubject(block) && g.time?.label === at.time?.label && g.value !== undefined);
      said.set(key, found);
    }
    return found;
  };
  const differs = (block: Fact, at: Fact) => at.time?.label !== undefined && at.value !== undefined && factsAt(block, at).length > 0 && !factsAt(block, at).some((g) => roundedAlike(g, at));
  return (f) => f.docId === best.docId && f.block !== best.block && f.status === best.status && (differs(f, best) || differs(best, f));
}

/** 123.46万人次 in a sentence and 123.5 of a table in 万人次: one figure, written to fewer places. */
function roundedAlike(a: Fact, b: Fact): boolean {
  const places = (f: Fact) => (/\d+(?:\.(\d+))?/.exec(f.answer.replace(/,/g, ''))?.[1] ?? '').length;
  const written = (f: Fact) => Number(/\d+(?:\.\d+)?/.exec(f.answer.replace(/,/g, ''))?.[0] ?? NaN);
  const scale = a.value! / written(a);
  if (!Number.isFinite(scale) || scale <= 0) return a.value === b.value;
  return Math.abs(a.value! - b.value!) <= 0.5 * 10 ** -Math.min(places(a), places(b)) * scale + 1e-9;
}

const GROUP = new Set<string>(GROUP_WORDS);

/** The department or group a measure is of (儿科 of 儿科门急诊, 男性 of 男性吸烟率), or ''. */
function partNamed(metric: string): string {
  let part = partsOfMetric.get(metric);
  if (part === undefined) {
    part = tag(metric).map((t) => t.word).filter((w) => isDepartment(w) || GROUP.has(w)).sort().join(',');
    // Measures are few beside the questions asked about them; the cache is bounded all the same.
    if (partsOfMetric.size >= PARTS_CACHED) partsOfMetric.clear();
    partsOfMetric.set(metric, part);
  }
  return part;
}
const partsOfMetric = new Map<string, string>();
const PARTS_CACHED = 20_000;

/** A target's indicator key: its measure once its aim (控制在, 力争) is taken out. */
export function targetKey(store: FactStore, f: Fact): string {
  return indicatorKey(store, { ...f, metric: f.metric.replace(AIM, '') || f.metric });
}

const AIM = /力争|争取|确保|突破|达到|控制在|提高到|提升到|降低到|降至|增至|扩大到|保持在/g;

/**
 * The row a table figure's measure names before its column's header (甲科 of 甲科出院人次 under
 * 科室 | 出院人次): the figure is that row's, not its report's whole. Undefined for other figures.
 */
export function tableRowOf(store: FactStore, f: Fact): string | undefined {
  const block = store.blocks.get(f.docId)?.[f.block];
  if (block?.kind !== 'table') return undefined;
  // (Read without brackets on both sides: 执业(助理)医师 under 执业（助理）医师2024年.)
  const words = unbracketed(f.metric);
  const header = headerOf(tableHeaders(block.rows), f.metric);
  return header && words.length > header.length ? words.slice(0, words.length - header.length) : undefined;
}

/** 平均住院日（天） → 平均住院日: a header cell as the measures under it are worded. */
/** A measure's words without what stands in brackets (执业(助理)医师(人) → 执业医师): headers and metrics alike. */
export const unbracketed = (text: string) => metricWords(text.replace(/[(（][^()（）]*[)）]/g, '').trim());
export const cleanHeader = unbracketed;

/**
 * A table's column headers as measures end on them (two characters or more): read as the
 * extractor names the cells under them (3月门急诊人次 → 门急诊人次, 其中:门诊 → 门诊就诊人数).
 */
export function tableHeaders(rows: readonly string[][] | undefined): string[] {
  return headerLabels(rows?.[0] ?? []).map(cleanHeader).filter((h) => h.length >= 2);
}

/** The header a measure ends on (甲科出院人次 → 出院人次), the longest when several do. */
export function headerOf(headers: readonly string[], metric: string): string | undefined {
  // Headers are read without their brackets (执业(助理)医师(人) → 执业医师); so is the measure.
  const m = unbracketed(metric);
  return headers.filter((h) => m.endsWith(h)).sort((a, b) => b.length - a.length)[0];
}

// Words around a measure that do not change what it counts.
const SOFT = /实际|实有|各级各类|累计|全部|共计|共有|总共|在岗|在职|现有|拥有|全年|年末|年底|全市|全区|全县|全省|达到|达|为|的/g;
// 创成省级卫生村, 完成门急诊: a verb of what was made or done, before the thing counted, measures nothing.
const LEADING_VERB = /^(?:创成|建成|创建|完成)(?![率度])/;
export function metricWords(metric: string): string {
  return metric.replace(SOFT, '').replace(LEADING_VERB, '');
}

/** The subject a fact speaks for: the institution, the country or province it cites, or its region. */
export function factSubject(f: Fact): string {
  return f.level ?? f.subject ?? f.region;
}

export function periodOf(f: Fact): string | undefined {
  return f.time?.label;
}

export function rowOf(store: FactStore, f: Fact, subject = factSubject(f)): AcrossRow {
  return {
    subject,
    metric: f.metric,
    ...(f.time?.label ? { period: f.status === 'target' && !/目标/.test(f.time.label) ? `${f.time.label}（目标）` : f.time.label } : {}),
    ...(f.time?.year !== undefined ? { year: f.time.year } : {}),
    status: f.status,
    answer: f.answer,
    ...(f.value !== undefined ? { value: f.value } : {}),
    unit: f.unit,
    quote: f.quote,
    span: f.span,
    source: sourceOf(store, f),
  };
}

/** A number as a card shows it: `places` decimals when given, else at most two without trailing zeros. */
export function formatNumber(x: number, places?: number): string {
  if (places !== undefined) return x.toFixed(Math.min(places, 4));
  const r = Math.round(x * 100) / 100;
  return String(Number.isInteger(r) ? r : r.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));
}
