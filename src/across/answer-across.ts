import type { ParsedQuestion } from '../match/question.js';
import type { AcrossMarkers } from '../match/intents.js';
import type { FactStore } from '../store/fact-store.js';
import { browse } from './browse.js';
import { calc } from './calc.js';
import { compare, difference } from './compare.js';
import { acrossFrameOf, coreOf, MEETS_TARGET, type AcrossFrame } from './frame.js';
import { levelsNamed } from '../extract/status.js';
import { institutionSubjects, subjectsOf, withoutInstitutions, type ParseCore, type Subject } from './gather.js';
import { compareGroups, splitAsked } from './groups.js';
import { rank } from './rank.js';
import { trend, yearsAsked, yearsIn } from './trend.js';
import type { AcrossRow, AcrossResult } from './types.js';
import { sharedEnd, sharedStart } from '../text/shared-ends.js';
import { RATE_WORDS } from '../text/rates.js';
import { covered } from '../text/covered.js';
import { countsAs, unitClass } from '../extract/units.js';

export interface AcrossAnswer {
  frame: AcrossFrame;
  /** The single-figure question inside it, kept for a follow-up (那甲市呢, 前三呢). */
  core: ParsedQuestion;
  result: AcrossResult;
}

/** The previous question of a chat that was one across facts. */
export interface AcrossMemory {
  frame: AcrossFrame;
  core: ParsedQuestion;
}

// 整改得怎么样, 配备得如何: how well a thing is done.
const HOW_WELL_WORDS = /得(?:怎么样|咋样|如何|怎样|好不好)/g;
const HOW_WELL = new RegExp(`[\\u3400-\\u9fff]${HOW_WELL_WORDS.source}`);
// 多几家, 少几例, 多几人次: a difference counted in things. (个 and 次 name no kind of figure beyond
// the topic's, as measureAsked leaves 个 out.)
// (多几个 too, a count of anything, though not 多几个百分点.)
const DIFF_COUNTED = /[多少差]了?几(人次|家|人|名|例|所|台|张|位|户|个(?!百分点|点))/;
// 2021年: a name that ends on a year is a point of a series, no thing named.
const YEAR_NAMED_LAST = /(?:19|20)\d{2}年度?$/;
// 最短, 最长: what is ranked is a time or a length.
const LENGTH_RANKED = /最[短长]/;
// 收治患者数, 门诊人次: a count's measure, its unit unsaid (not 中位数, 指数, 系数, 分数, nor 天数, 时数: times).
const COUNT_MEASURE = /(?:(?<![位指倍系分参天日时月年])数|人次|例次|金额|费用)$/;
// 花钱, 多少钱: money is asked, whatever the measure's words.
const MONEY_SPENT = /花钱|花了多少|多少钱|花费|开支/;
// 多少人次, 几家 at a question's end: the unit it asks its figure in (not 哪几家, which asks which,
// nor 几家医院里, which counts what is ranked).
const UNIT_ASKED = /(?<!哪)(?:多少|几)(人次|例次|台次|户次|例|人|名|家|所|张|台|项|个百分点|岁|天)(?=[?？。!！呢吗啊]*$)/;

/** 最少的呢, 那乙率最低的呢: the end of a ranking a follow-up asks, and its words besides (a topic, if any). */
function otherEnd(text: string, m: AcrossMarkers): { order: 'asc' | 'desc'; rest: string } | undefined {
  const low = m.rankLow.filter((w) => text.includes(w));
  const high = m.rankHigh.filter((w) => text.includes(w));
  if (!low.length === !high.length) return undefined;
  const rest = [...low, ...high].reduce((t, w) => t.replace(w, ''), text).replace(/^那|的?呢[?？]?$/g, '');
  return { order: low.length ? 'asc' : 'desc', rest };
}

/**
 * …多几家卫生院达标: the measure word asked (家) says what kind of figure is compared, put back as
 * 多少家. (个 is any count's word: it says no kind beyond what the topic does.)
 */
function measureAsked(parsed: ParsedQuestion): string {
  return parsed.measure && parsed.measure !== '个' && unitClass(parsed.measure) !== 'percent' ? `多少${parsed.measure}` : '';
}

const topical = (q: ParsedQuestion) => q.tokens.some((t) => !t.nearOnly && !t.slot && t.word.length >= 2);

/**
 * A question about several facts (compare, trend, rank, browse, arithmetic), or undefined when it
 * is a single-figure question. `parsed` is the whole question as the single-figure path read it,
 * already carried on from the chat's last question when it was a follow-up.
 */
export function answerAcross(store: FactStore, text: string, parsed: ParsedQuestion, parseCore: ParseCore, previous?: AcrossMemory): AcrossAnswer | undefined {
  let frame = acrossFrameOf(text, store.intents.across);
  let core: ParsedQuestion;
  // The comparison as asked in plain words, when a share was read into it (整改得怎么样 → 的比例).
  let plain: string | undefined;
  // The topic a follow-up at a ranking's other end names (龋齿 of 那龋齿最高的呢).
  let newTopic: string | undefined;
  if (frame) {
    // (张家川多几例, 多几家卫生院达标: the thing counted says what kind of figure the difference is of.)
    const counted = frame.kind === 'calc' && frame.op === 'diff' ? DIFF_COUNTED.exec(text)?.[1] : undefined;
    core = parseCore(`${frame.core}${counted ? `多少${counted}` : ''}`);
    // 前三呢, 那甲市这些年呢: the topic carries on from the last question.
    if (!topical(core) && previous) {
      core = { ...previous.core, ...(core.regions.length ? { regions: core.regions } : {}), ...(core.year !== undefined ? { year: core.year } : {}) };
      // 前三呢 after 哪个街道最多: still streets, still the most first.
      if (frame.kind === previous.frame.kind) frame = { ...frame, ...(!frame.among && previous.frame.among ? { among: previous.frame.among } : {}) };
    } else if (!topical(core) && frame.kind !== 'browse') return undefined;
  } else if (previous && parsed.followUp) {
    // 基层的呢 after a share or a multiple: their words were the last question's; a new topic
    // cannot be put into them.
    if (topical(parsed) && previous.frame.kind === 'calc' && (previous.frame.op === 'share' || previous.frame.base)) return undefined;
    frame = previous.frame;
    // 最少的呢, 那乙率最低的呢 after a ranking: the other end of it, of the same things (or of the topic named).
    const end = frame.kind === 'rank' ? otherEnd(text, store.intents.across) : undefined;
    if (end) frame = { ...frame, order: end.order };
    const asked = end ? parseCore(end.rest) : parsed;
    if (end && topical(asked)) newTopic = end.rest;
    // (那龋齿最高的呢: a topic said that is no word of the reports is never the last one's.)
    if (end && /[\u3400-\u9fff]{2}/.test(end.rest) && !topical(asked)) return undefined;
    // 那甲市呢: the place changes; 那护士呢: the topic does (parsed carries the place on).
    core = topical(asked) ? asked : carriedOn(previous.core, parsed);
    // (手术例数呢 after 去年出院人次比上年增长了百分之几: the same years, when it names none.)
    if (frame.periodWords && !PERIOD_SAID.test(text)) text = `${text}${frame.periodWords}`;
  } else {
    // 乙市和甲市哪个床位多: two places named make a comparison without a marker word. A place
    // and 全国 alone do not: "丙市发布会上的全国每千人口医师数" asks the national figure.
    if (parsed.regions.length < 2) return undefined;
    // (甲县和乙县问题整改得怎么样: how well a thing is done is the share of it done, as a ranking reads 最好.)
    const said = coreOf(parsed.key, [], store.intents.across);
    const howWell = HOW_WELL.test(parsed.key) && !RATE_WORDS.test(parsed.key);
    // (Without the words that asked how well, so the plain question asks no share again.)
    if (howWell) plain = text.replace(HOW_WELL_WORDS, '');
    frame = { kind: 'compare', core: howWell ? `${said}的比例` : `${said}${measureAsked(parsed)}` };
    core = parseCore(frame.core);
    if (core.regions.length < 2) return undefined;
  }
  // 谁出生的娃多: more or fewer, of no rate said, compares counts.
  if (frame.kind === 'compare' && COUNT_COMPARED.test(text) && !RATE_WORDS.test(text) && !/%|几成/.test(text)) core = { ...core, countAsked: true };
  // 男女各多少, 城市和农村谁高: the two groups named are what is compared, of the place asked.
  const split = !frame.groups && (frame.kind === 'compare' || (frame.kind === 'calc' && frame.op !== 'share' && !frame.base)) ? splitAsked(core.text, store.intents.splits) : undefined;
  if (split) {
    const rest = { ...parseCore(split.rest), ...(core.followUp ? { followUp: core.followUp } : {}) };
    // (男女各多少人 names no measure; 甲市男女…比乙市高多少 compares places: neither is the groups'.)
    if (!topical(rest) || rest.regions.length >= 2) return undefined;
    frame = { ...frame, groups: split.groups };
    core = rest;
  }
  if (frame.groups && (frame.kind === 'compare' || frame.kind === 'calc')) {
    const result = compareGroups(store, frame, core, frame.groups, parseCore);
    return result ? { frame, core, result } : undefined;
  }
  // 跟全国比: the wider areas compared with are read from the message that asked, and kept.
  if (!frame.levels) frame = withLevels(frame, text, core);
  // 比全省, 跟全国比: the wider area compared with is a subject, no word of the topic.
  const levelSaid = frame.levels?.length ? LEVEL_WORDS.exec(core.text) : null;
  if (levelSaid) {
    core = { ...parseCore(core.text.replace(LEVEL_WORDS, '')), ...(core.followUp ? { followUp: core.followUp } : {}) };
    // 跟全市一季度比: the wider area's own period, asked of its figure alone.
    if (levelSaid[1]) frame = { ...frame, levelPeriod: levelSaid[1] };
  }
  // 甲医院和乙医院谁高: two institutions named are the subjects, where fewer than two places are;
  // what a follow-up carries on is the topic without them.
  // (那平均住院日呢 after them: the same institutions, when the follow-up names no place or institution.)
  const places = subjectsOf(core, frame.levels);
  // (甲县医院和乙县医院: two places said as their hospitals are the hospitals compared.)
  const hospitals = frame.kind !== 'browse' && frame.kind !== 'trend' ? institutionSubjects(store, core) : [];
  const named = places.length < 2 || hospitals.length >= places.length ? hospitals : [];
  const kept = !named.length && frame.institutions && core.followUp && namesNoOne(parseCore(text)) ? institutionSubjects(store, parseCore(frame.institutions.join('和'))) : [];
  const institutions = named.length ? named : kept;
  // (医师配备得怎么样 of a table with no share: the plain words compare what there is.)
  const result = route(store, frame, core, { text, parseCore }, institutions);
  // (那龋齿最高的呢 over a table of 视力不良率 and 恒牙龋患率: a ranking of the new topic must say it.)
  if (result && newTopic && !result.rows.some((r) => covered(newTopic, r.metric) >= 2)) return undefined;
  // (比任务多做了多少人次 answered by a rate's gap: figures of another kind than the one asked.)
  // (多少台 of 台次, 多少人 of 人次 are the same kind: 台 counts operations too.)
  const askedUnit = UNIT_ASKED.exec(text)?.[1] ?? '';
  // (哪一类花钱最多 asks money: a list of 三级医院5家 counts hospitals.)
  const askedClass = unitClass(askedUnit) ?? (MONEY_SPENT.test(text) ? 'money' : undefined);
  const another = (unit: string) => {
    const c = unitClass(unit);
    return !!c && !!askedClass && !countsAs(unit, c, [askedClass]) && !countsAs(askedUnit, askedClass, [c]) && !(askedClass === 'person' && c === 'visit');
  };
  if (result && askedClass && result.rows.length && result.rows.every((r) => another(r.unit))) return undefined;
  // (住院天数最短: what is shortest or longest is a time or a length, never a count of patients.)
  const kindOfRow = (r: AcrossRow) => (r.unit ? unitClass(r.unit) : COUNT_MEASURE.test(r.metric) ? 'count' : undefined);
  if (result?.kind === 'rank' && LENGTH_RANKED.test(text) && result.rows.map(kindOfRow).some((k) => !!k && k !== 'duration' && k !== 'length')) return undefined;
  if (!result && plain !== undefined) return answerAcross(store, plain, { ...parsed, key: parsed.key.replace(HOW_WELL_WORDS, ''), text: plain }, parseCore, previous);
  if (!result) return undefined;
  frame = withPeriodWords(frame, text);
  if (!institutions.length) return { frame, core, result };
  const topic = named.length ? { ...parseCore(withoutInstitutions(core.text, institutions)), followUp: core.followUp } : core;
  return { frame: { ...frame, institutions: institutions.map((s) => ('institution' in s ? s.said : '')) }, core: topic, result };
}

// The words of time and base a change is asked with (去年, 比上年, 这几年, 近三年, 2023年, 同比).
const PERIOD_WORD = String.raw`(?:比|较|跟|和|与)?(?:去年|上年|上一年|前一年|今年|本年|(?:19|20)\d{2}年|这几年|这些年|近几年|近[一二两三四五六七八九十\d]+年|历年|以来|同比|环比|上月|上个月|同期)`;
const PERIOD_SAID = new RegExp(PERIOD_WORD);
const PERIOD_SAID_ALL = new RegExp(PERIOD_WORD, 'g');

const namesNoOne = (q: ParsedQuestion) => !q.subject && !q.regions.length && !q.unknownPlaces.length && !q.level;

/** The frame with the wider areas the message compares with (跟全国比), read against the place asked. */
export function withLevels(frame: AcrossFrame, text: string, q: ParsedQuestion): AcrossFrame {
  const place = q.regions[0]?.name ?? '';
  return { ...frame, levels: frame.kind === 'trend' || frame.kind === 'browse' ? [] : levelsNamed(text, /省$/.test(place), /(?:县|区|旗)$/.test(place)) };
}

/** A calculation's frame with the periods its message names (比上年), which a follow-up asks again. */
export function withPeriodWords(frame: AcrossFrame, text: string): AcrossFrame {
  if (frame.kind !== 'calc' || frame.periodWords) return frame;
  const said = text.match(PERIOD_SAID_ALL)?.join('');
  return said ? { ...frame, periodWords: said } : frame;
}

/** 那甲市呢, 2023年呢: the last question's topic of the place, level and year the follow-up names (its institution only when no new place is named). */
function carriedOn(last: ParsedQuestion, q: ParsedQuestion): ParsedQuestion {
  const { subject, ...rest } = last;
  const own = q.subject ?? (q.regions.length ? undefined : subject);
  return { ...rest, ...(own ? { subject: own } : {}), regions: q.regions.length ? q.regions : last.regions, ...(q.level ? { level: q.level } : {}), ...(q.year !== undefined ? { year: q.year } : {}) };
}

// (跟全市一季度比: the period said after the wider area is its figure's, not the place's own.)
const LEVEL_WORDS = /(?:比|跟|和|与|同|较)(?:全国|全省|全市)(?:平均)?(?:水平)?((?:[一二三四]季度|上半年|下半年|全年|(?:19|20)\d{2}年|\d{1,2}(?:\s*[—\-~～至到]\s*\d{1,2})?月份?)(?:累计)?)?(?:同期)?(?:比)?/;

/**
 * 区人民医院门急诊比区中医院多多少: two things of one place the question names, from a list the
 * report gives, the first named against the second.
 */
function namedPair(store: FactStore, frame: AcrossFrame, core: ParsedQuestion): AcrossResult | undefined {
  if (frame.op === 'share' || frame.base) return undefined;
  const found = rank(store, { ...frame, kind: 'rank' }, core, { named: true });
  if (!found || found.rows.length !== 2) return undefined;
  // (…人数2021年、2022年分别为: a list of years is one measure over time, no two things named.)
  if (found.rows.some((r) => YEAR_NAMED_LAST.test(r.subject))) return undefined;
  const [x, y] = found.rows as [AcrossRow, AcrossRow];
  const [a, b] = saidFirst(core.text, x.subject, y.subject) ? [x, y] : [y, x];
  const result = difference(a, b, frame.op);
  return result ? { kind: 'calc', indicator: found.indicator, rows: [a, b], missing: [], mixed: null, notes: [], result } : undefined;
}

/**
 * Whether the question says name `a` before name `b`: by each name's longest end it says (决算 of
 * 支出决算, against 支出预算); for names that end alike (城乡居民…支出, 城镇职工…支出), by what tells
 * them apart, down to one character (市第一 | 市第二人民医院). A name not found comes second.
 */
function saidFirst(text: string, a: string, b: string): boolean {
  const end = (name: string) => {
    for (let k = Math.min(name.length, 8); k >= 2; k--) {
      const i = text.indexOf(name.slice(-k));
      if (i >= 0) return i;
    }
    return -1;
  };
  const apart = (name: string, other: string) => {
    const own = name.slice(sharedStart([name, other]), name.length - sharedEnd([name, other])) || name;
    for (let k = Math.min(own.length, 8); k >= 1; k--) for (let i = 0; i + k <= own.length; i++) {
      const at = text.indexOf(own.slice(i, i + k));
      if (at >= 0) return at;
    }
    return -1;
  };
  const [ia, ib] = sharedEnd([a, b]) < 2 ? [end(a), end(b)] : [apart(a, b), apart(b, a)];
  return ia >= 0 ? ib < 0 || ia <= ib : ib < 0;
}

// The periods a question may name one after another.
const PERIODS_NAMED = /基期|现在|目前|当前|目标|(?:19|20)\d{2}年?/g;
// 上月, 去年同期: an earlier period a figure is compared with, not a subject.
const EARLIER = '(?:上月|上个月|去年同月|上年同月|去年同期|上年同期|上年|去年|前一年)';
// (去年4月甲病和乙病哪个多 names a time, not a base: a base is compared with, 跟上月比.)
const PERIOD_BASE = new RegExp(`(?:跟|和|与|同|比|较)${EARLIER}|${EARLIER}[^,，。?？]{0,6}比`);
const PERIOD_WORDS = new RegExp(`(?:跟|和|与|同|比|较)?${EARLIER}(?:[、和及与]${EARLIER})*`, 'g');

/**
 * 某病病例数和上个月、去年这个月比如何: a month's figure against the month before and the same month
 * a year before, as a monthly series says it; a year's against the year before, worked out.
 */
function againstEarlier(store: FactStore, frame: AcrossFrame, core: ParsedQuestion, subject: Subject | undefined, message: { text: string; parseCore: ParseCore }): AcrossResult | undefined {
  const q = message.parseCore(core.text.replace(PERIOD_WORDS, ''));
  const series = trend(store, q, subject);
  if (series?.result && series.rows.some((r) => /\d月/.test(r.period ?? ''))) return series;
  return calc(store, { kind: 'calc', op: 'diff', core: q.text, ...(frame.levels ? { levels: frame.levels } : {}) }, q, subject, message);
}

const COUNT_COMPARED = /多(?!少)|(?<!多)少/;

// 目标多少, 规划要求: a series question that asks about targets shows them among its rows; else a
// target is a different status from the levels reached, and the notes say it.
const TARGETS_ASKED = /目标|规划|计划|要求|任务/;
// 拍片离计划还差几人, 距年度任务还差多少: a gap to a plan, which a target of the series answers when
// no plan and deed are said as a pair.
const PLAN_GAP = /[离距](?:年度|全年|今年|当年)?(?:计划|任务)/;
const PLAN_WORDS = /(?:年度|全年|今年|当年)?(?:计划|任务)/g;

/** 2025年目标, 加上今年（2025年）的目标, 2024年的发放目标: the year of the target asked, when the question names it. */
function targetYearOf(text: string): { targetYear?: number; fromYear?: number; nextYear?: boolean } {
  // (2023年离规划目标: the year of the level, not the target's.)
  const year = /((?:19|20)\d{2})年[)）]?的?(?:(?![离距比较到达底末])[\u3400-\u9fff]){0,4}?(?:目标|规划|计划|任务)/.exec(text)?.[1];
  // (明年的目标: a year after the latest figure's, whichever year the reader counts from.)
  // (2024年每千人口注册护士要达标: a standard met from that year on, the nearest target of it or later.)
  const meets = new RegExp(`((?:19|20)\\d{2})年[^,，。?？]{0,14}${MEETS_TARGET.source}`).exec(text)?.[1];
  if (year) return { targetYear: Number(year) };
  if (meets) return { fromYear: Number(meets) };
  return /(?:明年|下一年|下年度)的?(?:目标|规划|计划|任务)/.test(text) ? { nextYear: true } : {};
}

function route(store: FactStore, frame: AcrossFrame, core: ParsedQuestion, message: { text: string; parseCore: ParseCore }, institutions: Subject[]): AcrossResult | undefined {
  const subjects = institutions.length ? institutions : subjectsOf(core, frame.levels);
  switch (frame.kind) {
    case 'browse':
      return browse(store, core, frame.core);
    case 'rank':
      // 丙市、丁市、戊市谁最高: the places named are the ones ranked.
      return subjects.length >= 2 ? compare(store, frame, core, subjects, message.parseCore) : rank(store, frame, core, { parseCore: message.parseCore });
    case 'trend':
      return trend(store, core, subjects[0], { span: yearsAsked(message.text), toTarget: !!frame.toTarget, targets: !!frame.toTarget || TARGETS_ASKED.test(message.text), ...targetYearOf(message.text), ...(frame.targetValue !== undefined ? { targetValue: frame.targetValue } : {}), ...(frame.monthly ? { monthly: true } : {}) });
    case 'calc':
      // (甲区床位占全市几成: a share of the wider area's whole is worked as a share, not a difference.)
      if (subjects.length >= 2 && frame.op !== 'share') return compare(store, frame, core, subjects, message.parseCore);
      return (
        // (23年比22年增长了百分之几: a change between two years asked, no two things named.)
        (yearsIn(message.text).length >= 2 ? undefined : namedPair(store, frame, core)) ??
        calc(store, frame, core, subjects[0], message) ??
        (frame.between && PLAN_GAP.test(message.text) ? trend(store, message.parseCore(frame.core.replace(PLAN_WORDS, '')), subjects[0], { toTarget: true, targets: true }) : undefined)
      );
    case 'compare':
      // 跟上月、去年同月比: one subject against its own earlier periods.
      if (subjects.length < 2 && PERIOD_BASE.test(core.text)) return againstEarlier(store, frame, core, subjects[0], message);
      // 基期、现在、目标各多少, 2020年和2023年分别多少: one subject at the periods named is a series.
      if (subjects.length < 2 && (message.text.match(PERIODS_NAMED) ?? []).length >= 2) {
        // (跟2025年目标比: the latest level against that target, its gap the answer.)
        // (With no gap to work out, the series with its targets, as before.)
        const againstTarget = /(?:跟|和|与|同|比)[^,，。?？]{0,8}目标/.test(message.text);
        const asked = message.parseCore(core.text.replace(PERIODS_NAMED, ''));
        const series = { span: yearsAsked(message.text), targets: TARGETS_ASKED.test(message.text) };
        return (againstTarget ? trend(store, asked, subjects[0], { ...series, toTarget: true, ...targetYearOf(message.text) }) : undefined) ?? trend(store, asked, subjects[0], series);
      }
      // 甲项和乙项哪个高: one place, and the things compared named in the question.
      return subjects.length >= 2 ? compare(store, frame, core, subjects, message.parseCore) : rank(store, frame, core, { named: true, parseCore: message.parseCore });
  }
}
