import type { Fact } from '../extract/facts.js';
import type { Catalogue } from '../catalogue/indicators.js';
import { matchQuestion, type MatchResult, type ScoredFact } from '../match/answer.js';
import { LEVEL_HOSPITAL, parseQuestion, typoBudget, type ParsedQuestion } from '../match/question.js';
import type { RegionInfo } from '../match/regions.js';
import { factsOfReport, type FactStore } from '../store/fact-store.js';
import { sweepFront } from './recency.js';
import { tag } from '../text/segment.js';
import { answeredQuestionFor } from '../match/question-for.js';
import { factSubject } from '../across/gather.js';
import { sourceOf, type FactSource } from '../store/source-of.js';
import { answerAcross, withLevels, withPeriodWords, type AcrossMemory } from '../across/answer-across.js';
import { browse } from '../across/browse.js';
import { acrossFrameOf, MEETS_TARGET } from '../across/frame.js';
import { acrossAnswers, missingOperand, statedOutright, unranked } from './across-answers.js';
import type { AcrossResult, AcrossRow } from '../across/types.js';

// 它俩, 这两家, 二者: the several things said before, pointed back to (两家三级医院 points at none).
const BOTH_OF_THEM = /它俩|它们俩|它们|他们俩|这俩|那俩|这两[个家所项种]|那两[个家所项种]|两者|二者|这几[个家所项种]/;

/** One answer as the CLI's JSON and the HTTP API give it. */
export interface AnswerJson {
  answer: string;
  metric: string;
  region: string;
  time: string | null;
  quote: string;
  /** Where the answer stands in quote. */
  span: [number, number];
  confidence: number;
  kind: Fact['kind'];
  /** A level reached, a target, or a change. */
  status: Fact['status'];
  source: FactSource;
}

export interface AskResult {
  question: string;
  intent: string;
  answers: AnswerJson[];
  suggestions: string[];
  /** Why there is no answer, in words a person reads. */
  note?: string;
  parsed: ParsedQuestion;
  match?: MatchResult;
  /** A question about several facts (compare, trend, rank, browse, arithmetic) and its figures. */
  across?: AcrossResult;
}

const FOLLOW_UP_TTL_MS = 5 * 60_000;

/**
 * The last question asked in a chat, for "那甲市呢？" within a few minutes. Holds at most `max`
 * chats: past it, the chat asked least recently is forgotten first (expired ones go as they pass).
 */
export class FollowUps {
  /** In order of the last question asked: the least recent first. */
  private readonly last = new Map<string, { q: ParsedQuestion; at: number; across?: AcrossMemory }>();
  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = FOLLOW_UP_TTL_MS,
    private readonly max = 10_000,
  ) {}

  get(chat: string): ParsedQuestion | undefined {
    const hit = this.last.get(chat);
    if (!hit || this.now() - hit.at > this.ttlMs) return undefined;
    return hit.q;
  }

  /** The chat's last question when it was one across facts (a trend, a ranking…). */
  across(chat: string): AcrossMemory | undefined {
    const hit = this.last.get(chat);
    return hit && this.now() - hit.at <= this.ttlMs ? hit.across : undefined;
  }

  set(chat: string, q: ParsedQuestion, across?: AcrossMemory): void {
    const at = this.now();
    this.last.delete(chat);
    sweepFront(this.last, (hit) => this.last.size >= this.max || at - hit.at > this.ttlMs);
    this.last.set(chat, { q, at, ...(across ? { across } : {}) });
  }
}

/** Carries the previous question's topic into a follow-up that only names a new place or year. */
export function mergeFollowUp(q: ParsedQuestion, previous: ParsedQuestion | undefined): ParsedQuestion {
  if (!previous || q.intent) return q;
  const topical = q.tokens.filter((t) => !t.nearOnly && !t.slot);
  const onlyContext = topical.length === 0 && (q.regions.length > 0 || q.year !== undefined);
  // "那护士呢": a new topic asked of the same place, year and wider area, in the same terms
  // (每千人口) unless it says its own.
  if (q.followUp && topical.length > 0 && !q.regions.length && !q.unknownPlaces.length && previous.regions.length) {
    return {
      ...q,
      regions: previous.regions,
      ...(previous.subject && !q.subject ? { subject: previous.subject } : {}),
      ...(q.year === undefined && previous.year !== undefined ? { year: previous.year } : {}),
      ...(!q.level && previous.level ? { level: previous.level } : {}),
      qualifiers: q.qualifiers.length ? q.qualifiers : previous.qualifiers,
      // 不合格呢 after 优秀的占比多少: a share asked stays a share for a word that names no measure.
      ...(!q.unitClasses && !q.head && SHARE_ASKED.test(previous.key) ? { unitClasses: ['percent' as const] } : {}),
      // 比上年多了多少 → 那乙项呢: the change asked carries on too.
      ...(q.status === 'actual' && previous.status !== 'actual' ? { status: previous.status, ...(previous.change ? { change: previous.change } : {}) } : {}),
    };
  }
  if (!onlyContext && !(q.followUp && topical.length === 0)) return q;
  // "那同比呢", "明年目标呢": the follow-up sets the status (and a change's frame) anew.
  const status = q.status !== 'actual' ? { status: q.status, ...(q.change ? { change: q.change } : {}), tokens: [...previous.tokens.filter((t) => !t.slot), ...q.tokens.filter((t) => t.slot)] } : {};
  // 乙县呢 after 甲县人民医院的: a new place asks of that place, not of the last one's institution.
  const { subject: lastSubject, ...last } = previous;
  const subject = q.subject ?? (q.regions.length ? undefined : lastSubject);
  return {
    ...last,
    ...(subject ? { subject } : {}),
    ...status,
    text: q.text,
    key: q.key,
    topicKey: previous.topicKey ?? previous.key,
    regions: q.regions.length ? q.regions : previous.regions,
    ...(q.year !== undefined ? { year: q.year } : previous.year !== undefined ? { year: previous.year } : {}),
    unknownPlaces: q.unknownPlaces,
    followUp: true,
  };
}

/**
 * 乙类基金呢 after 某市甲类基金当年结余占收入多少, 戊型肝炎呢 after 丁型肝炎…: a follow-up that
 * names a sibling of a word the last question said (the same head, another kind) asks the last
 * question again with the sibling in its place. Undefined for any other follow-up.
 */
export function siblingAsked(q: ParsedQuestion, previous: ParsedQuestion, catalogue?: Catalogue, known?: (word: string) => boolean): string | undefined {
  if (!q.followUp || q.regions.length) return undefined;
  // As written: the parse reads 医保 as 医疗保险 and cuts words its own way.
  const word = q.text.trim().replace(/^(?:那么|那|还有)/, '').replace(/的?(?:呢|吗|啊|呀)?[?？。!！\s]*$/, '');
  if (!/^[\u3400-\u9fff]+$/.test(word)) return undefined;
  return sameLength(word, previous, known) ?? (catalogue ? kindOfMeasure(word, previous.text, catalogue) : undefined);
}

/**
 * 那孕产妇呢 after 某市婴儿死亡率…: the word names whom a measure of the last question is of, when
 * both (婴儿死亡率, 孕产妇死亡率) are indicators the catalogue knows; the last question is asked of it.
 */
function kindOfMeasure(word: string, text: string, catalogue: Catalogue): string | undefined {
  if (word.length < 2 || word.length > 6) return undefined;
  for (const { form } of catalogue.formsHolding(word)) {
    const measure = form.startsWith(word) ? form.slice(word.length) : '';
    const at = measure.length >= 2 ? text.indexOf(measure) : -1;
    if (at < 0 || text.indexOf(measure, at + 1) >= 0) continue;
    // The longest known form that ends on the measure where the last question says it.
    for (let start = Math.max(0, at - 6); start < at; start++) {
      const said = text.slice(start, at + measure.length);
      if (said !== form && catalogue.indicatorOf(said)) return text.slice(0, start) + form + text.slice(at + measure.length);
    }
  }
  return undefined;
}

// 丙类 after 乙类, 三级 after 二级: two characters that name a class of the same kind.
const CLASS_WORD = /^[甲乙丙丁戊一二三四五][类型级]$/;

function sameLength(word: string, previous: ParsedQuestion, known?: (word: string) => boolean): string | undefined {
  if (CLASS_WORD.test(word)) {
    // (二级以上医院 → 三级医院: a range of classes said goes whole, 以上 and all.)
    const said = previous.text.match(new RegExp(`[甲乙丙丁戊一二三四五]${word[1]}(?:及?以[上下])?`, 'g')) ?? [];
    return said.length === 1 && said[0] !== word ? previous.text.replace(said[0]!, word) : undefined;
  }
  if (word.length < 2 || word.length > 8) return undefined;
  // (那门诊呢 after …急诊…, 那男性呢 after 女性…: a two-character word shares its last one;
  // not a place's or an institution's last, which may stand inside a name: 出院 for 人民医院's 医院.)
  if (word.length === 2 && /[院区县市镇乡所站室村]$/.test(word)) return undefined;
  // (Nor a word the reports never say, or a generic one: 那人数呢 after 周转次数 swaps nothing.)
  if (word.length === 2 && !known?.(word)) return undefined;
  const headLength = word.length === 2 ? 1 : 2;
  const head = word.slice(-headLength);
  const at = previous.text.indexOf(head);
  // Named twice (职工医保结存占职工医保收入): which one to swap is not known; no swap.
  if (at >= 0 && previous.text.indexOf(head, at + 1) >= 0) return undefined;
  const start = at - (word.length - headLength);
  if (at < 0 || start < 0) return undefined;
  const stop = at + headLength;
  const sibling = previous.text.slice(start, stop);
  // A whole word of the same length as the one named (甲类基金 ↔ 乙类基金), not a piece of a longer one.
  const bounds = new Set([0]);
  let end = 0;
  for (const t of tag(previous.text)) bounds.add((end += t.word.length));
  // (往下调 may read as 往下|调: a one-character head that is a word of its own will do.)
  if (!(bounds.has(start) || (headLength === 1 && bounds.has(at))) || !bounds.has(stop)) return undefined;
  return sibling !== word && /^[\u3400-\u9fff]+$/.test(sibling) ? previous.text.slice(0, start) + word + previous.text.slice(stop) : undefined;
}

// (最少的呢, 乙率最低的呢: the other end of a ranking, no modifier.)
const MODIFIER_ALONE = /^(?:那么|那|还有)?(?![\u3400-\u9fff]*最)[\u3400-\u9fff]{1,8}的(?:呢|吗|啊|呀)?[?？。!！\s]*$/;

// 占比多少, 占几成, 比例: a share asked (not any rate: 规范管理率多少 → 那在管患者呢 asks a count).
const SHARE_ASKED = /占比|占[^,，。?？]{0,8}(?:多少|几成|百分之|比例|比重)|比例|比重|几成/;

// 24年比23年, 21年以来: a year as staff shorten it (2015–2039), not a span (近10年, 这3年) nor an age (建院24年来, 成立30年以来).
// (20年多少 is 2020's; 20年多 is twenty-odd years.)
// (22年多了多少, 22年多多少 and 22年多做了多少 ask a year's excess; 20年多了 alone is twenty-odd years.)
const SHORT_YEAR = /(?<![\d.%％近这前过去最满第连续共院立校])(1[5-9]|2\d|3\d)年(?![前后来内间龄左级制代]|以(?!来)|多(?!少|多|[\u3400-\u9fff]?了?(?:多少|几)))/g;

// 去年出院多少, 今年目标: a year said relative to now (not 去年同期, nor a base: 跟去年比, 比去年).
// 今年 alone asks the latest figures, which an unnamed year gets anyway; only 今年目标 names a year.
// (今年…要达标, 今年白内障手术要做多少: this year's target is asked, as 今年目标 says. 今年比去年
// 要多多少 may only stress: dated, it asks a year the reports may not have, and answers nothing.)
const ANY_RELATIVE_YEAR = new RegExp(`(?:今年(?=的?(?:目标|计划|任务)|[^,，。?？]{0,12}(?:(?<![主需重只必还])要(?!求|是)|力争|争取|打算)|[^,，。?？]{0,14}${MEETS_TARGET.source})|去年|前年)(?!同期|同月|同季|相比)`, 'g');
const RELATIVE_YEAR = new RegExp(`(?<![跟和与同比较])${ANY_RELATIVE_YEAR.source}`, 'g');
const YEARS_BACK: Record<string, number> = { 今年: 0, 去年: 1, 前年: 2 };

/** Whether a question says a year relative to now. */
export function saysRelativeYear(text: string): boolean {
  return text.search(ANY_RELATIVE_YEAR) >= 0;
}

/** The question with 今年(目标), 去年, 前年 written as years, counted back from `now`. */
export function datedYears(text: string, now: number | undefined): string {
  if (!now) return text;
  // 去年比前年: two said relative to now are both written out, the base too.
  const all = (text.match(ANY_RELATIVE_YEAR) ?? []).length >= 2;
  return text.replace(all ? ANY_RELATIVE_YEAR : RELATIVE_YEAR, (w) => `${now - YEARS_BACK[w]!}年`);
}

/**
 * The year it is for a question about these places, as their reports tell: the latest year one is
 * dated in, or the year after the one an undated year's report covers (a 2024 bulletin is read in
 * 2025). Of all the reports when no place is named. Undefined when no report says.
 */
function yearNow(store: FactStore, regions: readonly RegionInfo[]): number | undefined {
  const named = new Set(regions.flatMap((r) => [r.name, ...(r.parent ? [r.parent] : [])]));
  let now: number | undefined;
  for (const d of store.docs.values()) {
    if (named.size && !named.has(d.meta.region) && !(d.meta.parentRegion && named.has(d.meta.parentRegion))) continue;
    const dated = d.meta.date ? Number(d.meta.date.slice(0, 4)) : undefined;
    // (Undated, a report of a whole year was read in the year after it.)
    const covered = !dated && d.meta.periodYear && !d.meta.periodMonth ? d.meta.periodYear + 1 : undefined;
    for (const y of [dated, covered]) if (y && Number.isFinite(y)) now = Math.max(now ?? 0, y);
  }
  return now;
}

// How weak a match may be and still say whose reports a question is about.
const TOPIC_FLOOR = 0.5;

/**
 * 去年血检任务完成率最高的县区, no place named: the year is counted from the reports of the place
 * whose report answers the topic best, as the answer will be, when they are of the newest year or
 * the one before; else from the newest of all reports (one old report does not set the year).
 */
function topicYear(store: FactStore, parsed: ParsedQuestion): number | undefined {
  const all = yearNow(store, []);
  // (A ranking's words, 最高的县区, leave its best match below the answer threshold: a weaker match still says whose reports.)
  const best = matchQuestion(parsed, store.index, store.regions, { limit: 1, floor: TOPIC_FLOOR }).answers[0]?.fact;
  const region = best && store.regions.byName.get(store.docs.get(best.docId)?.meta.region ?? '');
  // (That place's own reports: not all those of the province around it.)
  const own = region ? yearNow(store, [{ name: region.name, aliases: region.aliases }]) : undefined;
  return own !== undefined && all !== undefined && own >= all - 1 ? own : all;
}

const SUM_ASKED = /([\u3400-\u9fff]{2,8})(?:和|与|及|加上?)([\u3400-\u9fff]{2,8}?)的?(?:加起来|合起来|加在一起|相加|之和|合在一起)|([\u3400-\u9fff\d]{2,8})加上([\u3400-\u9fff\d]{2,10}?)的?(?:一共|总共|合计|共计)(?=多少|几|有)/;

/** The question with its shortened years written out (24年 → 2024年). */
export function fullYears(text: string): string {
  return text.replace(SHORT_YEAR, '20$1年');
}

/**
 * `context`: the words of a message the question quotes (WeCom 引用). When they ask about
 * something, the question carries on from them rather than from the chat's last question.
 */
export function ask(store: FactStore, question: string, opts: { chat?: string; followUps?: FollowUps; context?: string } = {}): AskResult {
  const first = askOnce(store, question, opts);
  if (first.intent !== 'ask_figure' || first.answers.length || first.across) return first;
  // 门诊量 with no 门诊 figure: staff say it of 门急诊 too, and the card names the figure it gives.
  // (Tried without the chat's memory first: a wider question that answers nothing leaves it as the first left it.)
  const wider = widerAsked(question, store.intents.catalogue);
  const trial = wider ? askOnce(store, wider, { ...opts, followUps: undefined }) : undefined;
  if (!wider || !trial || !(trial.answers.length || trial.across)) return first;
  return { ...(opts.followUps ? askOnce(store, wider, opts) : trial), question };
}

/**
 * The question with a volume said loosely (门诊量) put in the wider indicator's name, if it has one;
 * only the whole volume of a place or institution (甲医院门诊量), never a part's (发热门诊量, 儿科门诊量).
 */
function widerAsked(question: string, catalogue: Catalogue): string | undefined {
  for (const { form, wider } of catalogue.looseForms()) {
    const at = question.indexOf(form);
    if (at >= 0 && WHOLE_BEFORE.test(question.slice(Math.max(0, at - 1), at))) return question.slice(0, at) + wider + question.slice(at + form.length);
  }
  return undefined;
}
// What may stand right before a whole's volume: nothing, a place's or institution's last character, a time, 的 or 和.
const WHOLE_BEFORE = /^(?:|[^\u3400-\u9fff]|[院市县区旗镇乡心站年月季度的和与及])$/;

// 平均一张床, 平均每个医生, 每张床平均: a figure per one thing asked (not 平均床位使用率, nor 每个县有几家,
// which asks each county's own).
const PER_ONE_ASKED = /平均(?:每一?|一)[张个家名位所台床场次例]|每一?[张个家名位所台床场][\u3400-\u9fff]{1,3}平均/;
// 要是新增6个: a what-if on a figure assumed (如果看2023年, 要是按2023年算: a year asked is no assumption).
const WHAT_IF = /(?:要是|如果|假如|假设|假若|倘若|若是)[^,，。?？]{0,10}?(?:新增|再|增加|减少|多|少|提高|降低|降到|提到|达到)了?[^,，。?？\d]{0,4}\d+(?![\d.]*年)/;
// 三家救治中心各, 5个县各: things counted, then each of them asked.
const EACH_COUNTED = /[一二三四五六七八九十两\d]+([家个所])([\u3400-\u9fff]{1,12}?)各/;

/** Which single figures can answer the message at all, by what it asks besides its words. */
function answersAsked(text: string): (s: ScoredFact) => boolean {
  // 超重和肥胖加起来多少: a sum of two is answered only by a figure of both, never by one of them.
  // (网上信访加上12345转办的一共多少件: an explicit 加上 with 一共 asks the sum too.)
  const summed = SUM_ASKED.exec(text);
  const parts = summed ? [summed[1] ?? summed[3]!, summed[2] ?? summed[4]!] : [];
  // (三家中心各接了多少孕产妇: each one's figure is asked; a count of those 中心 themselves answers none.
  // 三个县各新建了几个村卫生室 counts 村卫生室, which stays.)
  const each = EACH_COUNTED.exec(text);
  const countsThem = (f: Fact) => !!each && each[2]!.length >= 2 && f.unit === each[1] && f.metric.includes(each[2]!);
  // (平均一张床收了几个病人: a figure per bed is asked; a total, said with no 均 or 每, is none.)
  const perOne = PER_ONE_ASKED.test(text);
  return ({ fact }) => (!summed || parts.every((w) => fact.metric.includes(w.slice(-2)))) && !countsThem(fact) && (!perOne || /[均每]/.test(`${fact.metric}${fact.qualifiers.join('')}`));
}

function askOnce(store: FactStore, question: string, opts: { chat?: string; followUps?: FollowUps; context?: string }): AskResult {
  // What is read: the message with its shortened years written out; what is answered: the message.
  let text = fullYears(question);
  const ctx = { intents: store.intents, regions: store.regions, index: store.index };
  // Every parse of this message shares one typo budget: the question and the figures inside it.
  const own = { ...ctx, typos: typoBudget() };
  let parsed = parseQuestion(text, own);
  const quoted = opts.context ? parseQuestion(opts.context, ctx) : undefined;
  const previous = quoted && !quoted.intent && quoted.tokens.some((t) => !t.nearOnly) ? quoted : opts.chat && opts.followUps ? opts.followUps.get(opts.chat) : undefined;
  // 去年, 今年目标: years as the reports of the place asked about (or the last question's) count them.
  if (saysRelativeYear(text)) {
    const named = parsed.regions.length ? parsed.regions : (previous?.regions ?? []);
    // (The topic as a question across facts asks it, 血检任务完成率 of …最高的县区, when it is one.)
    const frame = named.length ? undefined : acrossFrameOf(text, store.intents.across);
    text = datedYears(text, named.length ? yearNow(store, named) : topicYear(store, frame ? parseQuestion(frame.core, own) : parsed));
    parsed = parseQuestion(text, own);
  }
  // 乙类基金呢 after 甲类基金当年结余占收入多少: the last question asked again of the sibling named.
  const known = (w: string) => store.index.df(w) > 0 && !store.intents.generic.has(w);
  const swapped = previous ? siblingAsked(parsed, previous, store.intents.catalogue, known) : undefined;
  const asked = swapped ?? text;
  if (swapped) parsed = parseQuestion(swapped, own);
  // 那农村的呢: whose figure of the last question's measure is asked; when no word of the last
  // question can be swapped for it, it is no topic of its own (any 农村… figure would be a guess).
  else if (parsed.followUp && !parsed.regions.length && !parsed.subject && MODIFIER_ALONE.test(text.trim())) return { question, intent: 'ask_figure', answers: [], suggestions: [], parsed };
  // 那乙县呢 after 甲县跟丙县比: one place named after a comparison asks its own figure.
  const namesOne = parsed.followUp && parsed.regions.length + (parsed.subject ? 1 : 0) >= 1 && parsed.regions.length <= 1;
  parsed = mergeFollowUp(parsed, previous);
  // /报告 <名>: what one report holds.
  if (parsed.intent === 'sources' && parsed.args) {
    const b = browse(store, parsed, parsed.args, true);
    if (b) return { question, intent: 'ask_figure', answers: [], suggestions: [], parsed, across: b };
  }
  if (parsed.intent) return { question, intent: parsed.intent, answers: [], suggestions: [], parsed };
  // 要是新增6个，占比能到多少: a what-if on a figure the question itself assumes; no report gives it.
  if (WHAT_IF.test(text)) return { question, intent: 'ask_figure', answers: [], suggestions: [], note: '这是按假设算的数，报告里没有；可以问报告里的实际数或目标值。', parsed };
  // 县医院 with no place, where the reports speak for several: which one is asked, not a guess.
  if (parsed.subjectChoices) {
    const choices = parsed.subjectChoices;
    const note = `报告里有${choices.length}家这样的医院（${choices.slice(0, 5).join('、')}${choices.length > 5 ? '等' : ''}），请说明是哪一家。`;
    return { question, intent: 'ask_figure', answers: [], suggestions: choices.slice(0, 3).map((name) => text.replace(LEVEL_HOSPITAL, name)), note, parsed };
  }

  const memory = opts.chat && opts.followUps ? opts.followUps.across(opts.chat) : undefined;
  const across = answerAcross(store, asked, parsed, (t) => parseQuestion(t, own), memory && !quoted ? memory : undefined);
  // The single-figure match is made only when it is needed: for a question across facts, only to
  // see whether the report states the answer outright.
  let single: MatchResult | undefined;
  const singleMatch = () => (single ??= matchQuestion(parsed, store.index, store.regions));
  if (across && !statedOutright(store, across, singleMatch)) {
    const short = missingOperand(across);
    if (short) return { question, intent: 'ask_figure', answers: [], suggestions: questionsFor(store, short.rows), note: short.note, parsed };
    // The words asked are kept whole, so that 乙类基金呢 can ask them again of the sibling.
    if (opts.chat && opts.followUps) {
      const core = answeredOf(store, across.core, factsOfRows(store, across.result.rows));
      opts.followUps.set(opts.chat, { ...core, text: asked }, { frame: across.frame, core });
    }
    return { question, intent: 'ask_figure', answers: acrossAnswers(across), suggestions: [], parsed, across: across.result };
  }
  // 它俩…分别多少: the two things of the last question are asked, each; no one figure answers them.
  if (!across && BOTH_OF_THEM.test(text)) return { question, intent: 'ask_figure', answers: [], suggestions: [], parsed };
  // (Only when no question across facts was answered: its frame is what the single figure must fit.)
  const frameAsked = across ? undefined : acrossFrameOf(asked, store.intents.across);
  const carried = parsed.followUp ? memory?.frame : undefined;
  const frame = frameAsked ?? (carried?.kind === 'compare' && !carried.groups && namesOne ? undefined : carried);
  const match = across ? singleMatch() : unranked(frame, singleMatch());
  // A question across facts that found nothing to work from is still what a follow-up carries on
  // (药占比呢 after 离目标还差几个点 asks that gap, not the level).
  // (…比全市高多少 → 那县域就诊率呢: the wider area compared with is kept, as answerAcross keeps it.)
  const remembered = frameAsked && !frameAsked.levels ? withPeriodWords(withLevels(frameAsked, asked, parsed), asked) : frame;
  const unworked = !across && remembered && remembered.kind !== 'browse' ? { frame: remembered, core: frameAsked ? parseQuestion(frameAsked.core, own) : parsed } : undefined;
  if (opts.chat && opts.followUps && parsed.tokens.some((t) => !t.nearOnly)) opts.followUps.set(opts.chat, parsed, unworked);
  const answers = match.answers.filter(answersAsked(text)).map((s) => toJson(store, s));
  const suggestions = suggestionsFor(store, parsed, match);
  return {
    question,
    intent: 'ask_figure',
    answers,
    suggestions,
    ...(answers.length ? {} : { note: noteFor(store, parsed, match) }),
    parsed,
    match,
  };
}

/**
 * 某项占比离目标还差几个点 → 药占比呢: a question that named no place is carried on for the place
 * (and institution) its answer was of, when every figure of the answer is of one.
 */
function answeredOf(store: FactStore, q: ParsedQuestion, facts: readonly Fact[]): ParsedQuestion {
  if (q.regions.length || q.subject || !facts.length) return q;
  const [first] = facts;
  if (!facts.every((f) => f.region === first!.region && f.subject === first!.subject && !f.level)) return q;
  const region = store.regions.byName.get(first!.region);
  return region ? { ...q, regions: [region], ...(first!.subject ? { subject: first!.subject } : {}) } : q;
}

/** The facts an answer's rows show. */
function factsOfRows(store: FactStore, rows: readonly AcrossRow[]): Fact[] {
  return rows.flatMap((r) => factsOfReport(store, r.source.file).find((f) => f.span[0] === r.span[0] && f.span[1] === r.span[1] && f.answer === r.answer) ?? []);
}

function toJson(store: FactStore, s: ScoredFact): AnswerJson {
  const f = s.fact;
  return {
    answer: f.answer,
    // A target says so; a figure cited for the country or province names it, not the report's place.
    metric: f.status === 'target' && !/目标/.test(f.metric) ? `${f.metric}（目标）` : f.metric,
    region: factSubject(f),
    time: f.time?.label ?? null,
    quote: f.quote,
    span: f.span,
    confidence: Math.round(s.confidence * 1000) / 1000,
    kind: f.kind,
    status: f.status,
    source: sourceOf(store, f),
  };
}

function noteFor(store: FactStore, q: ParsedQuestion, m: MatchResult): string {
  if (q.unknownPlaces.length && q.regions.length === 0) return `我这里没有关于${q.unknownPlaces.join('、')}的报告。`;
  if (m.reason === 'no-topic') return '没有听出要问哪项数据。';
  // A year the reports lack: say which years they do have for it.
  if (q.year !== undefined) {
    const { year: _year, ...anyYear } = q;
    const years = [...new Set(matchQuestion(anyYear, store.index, store.regions).answers.map((s) => s.fact.time?.year).filter((y): y is number => y !== undefined))].sort();
    // (A year the reports do have, found but not answered, is no missing year.)
    if (years.length && !years.includes(q.year)) return `报告里没有${q.year}年的这项数据；有的是${years.map((y) => `${y}年`).join('、')}的。`;
  }
  return '报告里没有找到能确切回答这个问题的数据。';
}

/** What the bot does know that is close to the question, phrased as questions to ask. */
function suggestionsFor(store: FactStore, q: ParsedQuestion, m: MatchResult): string[] {
  if (m.answers.length) return [];
  const out: string[] = [];
  // For a place with no report, the near misses are the same question for the places the bot knows.
  const near = m.suggestions;
  // Each suggestion is a whole question, kept only when the bot answers it with that very fact.
  const facts = [...near.map((s) => s.fact), ...store.index.headlines(q.regions.map((r) => r.name))];
  for (const f of facts.slice(0, 8)) {
    const text = answerableQuestion(store, f);
    if (text && !out.includes(text)) out.push(text);
    if (out.length >= 3) break;
  }
  return out;
}

// Whether the bot answers a fact's question with that fact is fixed for a store: asked once.
/** The question a fact answers, when the bot answers it with that very fact (checked by asking). */
/** The rows of an answer that could not be given, as questions each answered by its own figure. */
function questionsFor(store: FactStore, rows: readonly AcrossRow[]): string[] {
  const facts = factsOfRows(store, rows);
  return [...new Set(facts.flatMap((f) => answerableQuestion(store, f) ?? []))];
}

function answerableQuestion(store: FactStore, f: Fact): string | undefined {
  // Only figures of an indicator the catalogue knows make a question worth suggesting.
  if (!store.intents.catalogue.find(f.metric).length) return undefined;
  return answeredQuestionFor(f, { intents: store.intents, regions: store.regions, index: store.index });
}
