import { OVERRUN_SAID, PAST_TARGET } from './question-words.js';
import { canonicalQualifiers, type Fact } from '../extract/facts.js';
import { OVERALL } from '../extract/table-facts.js';
import { GROUP_WORDS } from '../extract/breakdowns.js';
import { basesDisagree } from '../extract/change-base.js';
import { countsAs, unitClass, unitClassOfMeasure } from '../extract/units.js';
import { isUntaggedWord, tag } from '../text/segment.js';
import { asWritten, captionOf, wordMatch, ZONE_WEIGHTS, type FactIndex, type IndexedFact, type Zones } from './fact-index.js';
import { CODE_WORD, codeForm, sameInstitution, type ParsedQuestion, type QueryToken } from './question.js';
import type { RegionIndex, RegionInfo } from './regions.js';
import { remember } from './remember.js';
import { RATE_HEADER, RATE_WORDS } from '../text/rates.js';
import { charsInOrder } from '../text/covered.js';

/** Below this confidence the bot says it does not know rather than risk a wrong figure. */
export const ANSWER_THRESHOLD = 0.5;
/** Share of a question's weight a sentence must hold to be scored: far below what an answer needs. */
const CANDIDATE_SHARE = 0.3;
/** Sentences scored in full: enough for the eight regions an answer may list, and their runners-up. */
const MAX_SCORED_SENTENCES = 24;
/** Sentences scored when many facts are gathered (a series, a ranking): still a bounded cost. */
const MAX_GATHERED_SENTENCES = 64;
// When the question's place is one no report names, only suggestions are made.
const MAX_SUGGESTED_SENTENCES = 6;
/** At most this many regions in one answer when no place is named. */
const MAX_REGION_ROWS = 8;

// 农村地区, 城区: a part of a place by its kind, which a measure may open on (not 农村低收入人口, a
// population a report may speak of throughout).
const AREA_PART = /^(?:农村地区|城市地区|城镇地区|城区|市区)(?!的)/;
const AREA_WORDS = /农村|城市|城镇|城区|乡村|城乡/;
// 两家合计, 二者合计: a figure of two together; a question asks it by 两家, 合计 or 加起来.
const TWO_SUMMED = /(?:两|二|2)(?:家|院|者|所|个单位)(?:合计|共计|一共|共)/;
// (甲和乙一共…: two named and summed.)
const SUM_ASKED = /(?:两|二|2)(?:家|院|者|所)|合计|加起来|加在一起|[和与及跟][^,，。?？]{2,16}(?:一共|总共|共计|共)/;

/**
 * Whether a figure is said of two summed (两家合计承担…171项，占全市的91.9%), or counts them (2家):
 * from the sum on, until a clause opens on one of the two (其中乙医院…) or the sentence ends.
 */
function inSummedClause(fact: Fact): boolean {
  const before = fact.quote.slice(0, fact.span[1] + 2);
  const at = before.search(TWO_SUMMED);
  return at >= 0 && !/其中|[。;；]/.test(fact.quote.slice(at, fact.span[0]));
}

// 全年 asked of a figure, not of a target (全年目标, 全年诊疗目标).
const WHOLE_YEAR = /全年(?![^,，。?？]{0,6}(?:目标|计划|任务))/;

export interface ScoredFact {
  fact: Fact;
  confidence: number;
  /** Why: each token's best zone and credit, and the factors applied. For the "why" command. */
  detail: {
    coverage: number;
    tokens: { word: string; zone?: keyof Zones; credit: number; weight: number }[];
    factors: Record<string, number>;
    /** The score before it is capped at 1 as a confidence: it orders answers that both reach 1. */
    score: number;
  };
}

export interface MatchResult {
  answers: ScoredFact[];
  /** Near misses and what the bot does know, when it has no answer. */
  suggestions: ScoredFact[];
  /** Why nothing was answered, when nothing was. */
  reason?: 'no-topic' | 'unknown-place' | 'low-confidence';
}

// Words in a metric that do not change what it measures.
// (综合得分 is the score itself, OVERALL: a question about a score need not say 综合.)
const SOFT_WORDS = new RegExp(`实际|实有|各级各类|累计|全部|共计|共有|总共|在岗|在职|现有|具有|拥有|全年|年末|年底|${OVERALL.source.slice(1)}`, 'g');
// The words that say "not" (没, 尚未, 未达标), as the question is segmented: 罚没款 is one word,
// 有没有 asks whether there is a figure, and 未来, 未成年人 are no negation.
// (没签, 没整改: jieba keeps 没 with its verb; 没收 confiscates (没收到 does negate), 没错 agrees, 未定级 is a
// grade: none of them negates.)
const NEGATION = /^(?:没(?!收(?!到)|错)[\u3400-\u9fff]?|没有|尚未|还未|并未|从未|未(?!来|成年|满|知|曾|定级).*)$/;
const NEGATED_FACT = /没(?!收(?!到))|未(?!定级)|无|不|尚/;
const YES_OR_NO = /^(?:是不是|是否|是)$/;
// A direction and the character it leads (上转, 出院, 上半年), and its other way.
const OPPOSITE: Record<string, string> = { 上: '下', 下: '上', 内: '外', 外: '内', 出: '入', 入: '出' };
const DIRECTED = /(?<![以之])([上下内外出入])([\u3400-\u9fff])/g;
// 不含某市, 除某市外: the places a sentence leaves out (not 消除, 切除).
const LEFT_OUT = /(?:不含|不包括|不计|除去|除了)[^,，。;；)）]*|(?<![消排切删免解拆清])除[^,，。;；)）]{1,12}?(?:以外|之外|外)/g;
// A figure for the whole region (全市…, 全区共有…) answers a question about the region.
const REGION_WIDE = /(全市|全区|全县|全省|我市|我区|我县)/;

// 人, 名 and 位 count people alike.
const SAME_MEASURE = /^(人|名|位)$/;

const ZONES = Object.keys(ZONE_WEIGHTS) as (keyof Zones)[];

/**
 * `limit`: how many answers at most (3 for a card; more when several facts are gathered for a
 * series or a ranking). `floor`: when gathering, facts down to this confidence follow the answers
 * (an earlier year's figure scores lower as history, yet belongs to the series).
 */
export function matchQuestion(q: ParsedQuestion, index: FactIndex, regions: RegionIndex, opts: { limit?: number; floor?: number } = {}): MatchResult {
  const limit = opts.limit ?? 3;
  const topical = q.tokens.filter((t) => !t.nearOnly && !t.slot);
  // "第", "%": a lone character is no topic to answer about.
  if (!topical.some((t) => t.word.length >= 2)) return { answers: [], suggestions: [], reason: 'no-topic' };

  // A question naming a place is scored against that place's facts (and its districts') only;
  // either way only sentences holding a fair share of the question's weight are scored at all.
  // (An institution asked is looked for where its reports file it too: a city's notice of its counties' hospitals.)
  const filed = q.subject ? [...index.subjects.values()].filter((s) => s.name === q.subject).map((s) => s.region) : [];
  const names = q.regions.length ? [...new Set([...q.regions.flatMap((x) => regions.withDescendants(x.name)), ...filed])] : undefined;
  const named = names ? new Set(names) : undefined;
  const unknownInCorpus = q.unknownPlaces.filter((p) => index.df(p) === 0);
  // A place no report names gets no figure; the same question for the places the reports do name
  // is scored in the same pass, for suggestions, of which a few are shown.
  const placeless = unknownInCorpus.length > 0 && q.regions.length === 0;
  const candidates = index.candidates(topical, CANDIDATE_SHARE, named ? (r) => named.has(r) : undefined, placeless ? MAX_SUGGESTED_SENTENCES : opts.floor !== undefined ? MAX_GATHERED_SENTENCES : MAX_SCORED_SENTENCES, names);

  const scoring = placeless ? { ...q, unknownPlaces: [] } : q;
  const scored: ScoredFact[] = [];
  for (const i of candidates) {
    const s = scoreFact(scoring, index.facts[i]!, regions);
    if (s) scored.push(s);
  }
  scored.sort((a, b) => b.detail.score - a.detail.score || a.fact.sentenceNo - b.fact.sentenceNo);

  if (placeless) return { answers: [], suggestions: dedupe(scored).slice(0, 3), reason: 'unknown-place' };

  const passing = scored.filter((s) => s.confidence >= ANSWER_THRESHOLD);
  if (passing.length === 0) return { answers: [], suggestions: dedupe(scored).slice(0, 3), reason: 'low-confidence' };

  // Gathered for a series, the same figure dated twice (a misdated 由…到… and a table's year) is two points to weigh.
  if (opts.floor !== undefined) return { answers: dedupe(scored.filter((s) => s.confidence >= opts.floor!), true).slice(0, limit), suggestions: [] };
  // No place named, or several compared: the best figure of each region that has one.
  if (q.regions.length !== 1) {
    const top = passing[0]!.confidence;
    const perRegion = new Map<string, ScoredFact>();
    for (const s of passing) {
      const who = `${s.fact.region}|${s.fact.subject ?? ''}`;
      if (!perRegion.has(who) && s.confidence >= top * (q.regions.length > 1 ? 0.6 : 0.9)) perRegion.set(who, s);
    }
    if (perRegion.size > 1) {
      // With no place named, the newest report's figure leads: what people ask after is the latest.
      const rows = [...perRegion.values()].sort((a, b) => (q.regions.length ? 0 : yearOf(b.fact) - yearOf(a.fact))).slice(0, MAX_REGION_ROWS);
      const rest = dedupe(passing.filter((s) => !rows.includes(s)));
      return { answers: [...rows, ...rest].slice(0, Math.max(3, rows.length)), suggestions: [] };
    }
  }
  return { answers: dedupe(passing).slice(0, limit), suggestions: [] };
}

// 一共, 总数: the whole is asked, not a kind of it.
const TOTAL_ASKED = /累计|总共|一共|合计|总数|总量|全部|所有/;

// Words before a measure that say when or how much, not which kind.
// 增加到, 增长至: what a figure rose to.
const RISEN_TO = /(?:增加|增长|提高|提升|上升)(?:到|至)|增至|增到/g;
const NOT_A_KIND = /^(?:全年|今年|全市|全区|全县|全省|累计|共计|共|开展|完成|实现|各类|各级|新|其中|达到|为)+/;

// Verbs that say what was done to the thing counted, not which kind it is.
const ACTION = /^(开展|完成|实现|组织|进行|提供|新增|增加|达到|接受|参加|实施|落实|推进|检查|监督)$/;
const WHOLE = /(?:医疗卫生机构|卫生机构|医疗机构|机构|全市|全区|全县|全省|各类)$/;

/** The measure names a kind of the word asked (学校 of 全年开展学校卫生监督检查 for 卫生监督检查) the question does not. */
function kindBefore(word: string, metric: string, asked: string): boolean {
  const at = word.length >= 2 ? metric.indexOf(word) : -1;
  if (at <= 0) return false;
  const kind = metric.slice(0, at).replace(SOFT_WORDS, '').replace(NOT_A_KIND, '').replace(/(?:总|的)$/, '');
  // 医疗卫生机构实有床位: the whole of what is counted, not a kind of it.
  if (!kind || WHOLE.test(kind)) return false;
  const words = tagged(kind);
  // 省级 of 创成省级卫生村 is asked too: no kind beside what the question says.
  if (words.every((t) => asked.includes(t.word))) return false;
  const last = words.at(-1);
  return last !== undefined && (!/^(m|q|d|p|c|u|uj|ul|r|f|t|y|e|o|x)$/.test(last.tag) || isUntaggedWord(last)) && last.word.length >= 2 && !ACTION.test(last.word);
}

// The nouns that name a sum of money asked (收入, 费用…).
const MONEY_NOUNS = '收入|支出|费用|金额|经费|资金|结余';

/** Whether a measure says the word a question names right before its money (问诊 of 线上问诊收入), if it names one. */
function moneyOwner(q: ParsedQuestion, metric: string): boolean {
  const at = q.tokens.findIndex((t) => MONEY_WORD.test(t.word));
  const owner = at > 0 ? q.tokens[at - 1] : undefined;
  return !owner || owner.slot !== undefined || owner.word.length < 2 || metric.includes(owner.word);
}
const MONEY_WORD = new RegExp(`^(?:${MONEY_NOUNS})$`);

// 线上问诊收入多少, 花了多少钱: money is asked, whatever indicator the words name.
const MONEY_ASKED = new RegExp(`(?:${MONEY_NOUNS}|多少钱|几块钱)(?:是|有|为|共|一共|大概|大约)?(?:多少|几)`);
const MONEY_SAID = /收入|支出|费用|费|金额|元|资金|经费|预算|决算|成本|价|结余|补助|补贴|投入|投资|基金|收费|营收|开支/;

// A hospital named with its place (甲市人民医院, 乙县中医院, 丙区第二人民医院).
const HOSPITAL_NAME = /[\u3400-\u9fff]{2,8}?(?:市|县|区)(?:第[一二三四五六七八九十]+)?(?:人民医院|中医医院|中医院|妇幼保健院|中心医院)/;
const hospitals = new WeakMap<ParsedQuestion, string | null>();
/** The hospital a question names with its place, as written; null when it names none. */
function hospitalAsked(q: ParsedQuestion): string | undefined {
  // 甲县医院 is the county's 人民医院: not its 中医院's row.
  return remember(hospitals, q, () => HOSPITAL_NAME.exec(q.text)?.[0] ?? COUNTY_HOSPITAL.exec(q.text)?.[1]?.concat('人民医院') ?? null) ?? undefined;
}
// (Not 各区县医院, 哪个县医院: no place's name.)
const COUNTY_HOSPITAL = /((?![各全本该每两哪这那])[\u3400-\u9fff]{2,8}?(?:县|区))医院/;

// What a question's words say of themselves, whatever the fact: worked out once per question.
interface QuestionWords {
  core: QueryToken[];
  heaviest: number;
  head?: QueryToken;
  /** Known words that modify (有害 of 有害饮酒率) and names (己市), which must be found. */
  modifiers: Set<QueryToken>;
  names: Set<QueryToken>;
  /** Grades asked (a级, c类), each excluding a measure of another. */
  grades: string[];
  /** 没有资格的, 尚未整改的: the question asks for the rest of a whole, which a figure must say too. */
  negated: boolean;
  /** 上转, 出院: a direction and the character after it, and the same said the other way (下转, 入院). */
  directed: { asked: string; other: string }[];
  /** 市疾控中心: the level of institution asked. */
  level?: string;
}

// a级, c类, III级 (whole: iii级 is no i级), never CT等 of a list.
const GRADE = /(?<![a-z])(?:i{1,3}|iv|vi{0,3}|ix|[a-z])(?:级|类)|(?<![a-z])[a-z]等/g;
const CITY_WHOLE = /全市|我市|本市/;

/** Whether a ranking's words name an area wider than its report's (全省 in a county's), which the question does not. */
export function widerRanking(metric: string, region: string, asked: string): boolean {
  const wider = /(?:县|区|旗)$/.test(region) ? ['全市', '全省', '全国', '全自治区'] : /市$/.test(region) ? ['全省', '全国', '全自治区'] : /(?:省|自治区)$/.test(region) ? ['全国'] : [];
  return wider.some((w) => metric.includes(w) && !asked.includes(w));
}
const NOT_A_CITY = /(?:省|自治区|县|旗|区)$/;
const TYPE_ASKED = /^(?:[a-z]|ab)型$/;
function gradesIn(metric: string): string[] {
  return metric.match(GRADE) ?? [];
}
const questionWords = new WeakMap<ParsedQuestion, QuestionWords>();
function wordsOf(q: ParsedQuestion): QuestionWords {
  return remember(questionWords, q, () => {
    // The heaviest word the reports know must be found: it is what the question is about.
    const known = q.tokens.filter((t) => !t.nearOnly && t.known !== false);
    const nouns = known.filter((t) => t.noun);
    const core = nouns.length ? nouns : known;
    // The last noun is the head of the phrase (门诊 of 区中医医院门诊量): what is counted.
    // A unit (人次 of 手术人次) counts the head; it is not what is counted.
    const head = [...nouns].reverse().find((t) => !t.generic && !t.nearOnly && t.word.length >= 2 && !unitClass(t.word));
    const tagged = (re: RegExp) => new Set(q.tokens.filter((t) => t.pos && re.test(t.pos) && t.known !== false));
    // (达到80%没有, 达到多少了没, 是不是没达到: a yes-or-no question's 没 asks, it names no one;
    // 没有接种的是不是超过1万 still asks of those not vaccinated.)
    const words = tag(q.text).map((t) => t.word);
    // (…还有多少人没签: a 没 fused with its verb negates it where it stands, at the question's end too.)
    const fused = (w: string) => /^没(?!有)[\u3400-\u9fff]$/.test(w);
    const negated = words.some((w, i) => NEGATION.test(w) && !YES_OR_NO.test(words[i - 1] ?? '') && (fused(w) || words.slice(i + 1).some((x) => /[\u3400-\u9fff]/.test(x) && !/^(?:呢|吗|啊|呀|了|么)$/.test(x))));
    const directed = [...q.key.matchAll(DIRECTED)].map((m) => ({ asked: m[0], other: `${OPPOSITE[m[1]!]}${m[2]}` }));
    const level = institutionLevel(q.key);
    return { core, heaviest: Math.max(0, ...core.map((t) => t.weight)), ...(head ? { head } : {}), modifiers: tagged(/^(a|b)$/), names: tagged(/^(nr|nrt|nt|ns)$/), grades: [...new Set([...q.tokens.flatMap((t) => gradesIn(t.word)), ...gradesIn(q.key)])], negated, directed, ...(level ? { level } : {}) };
  });
}

// What a fact says of itself, whatever the question: worked out the first time it is scored.
const traits = new WeakMap<IndexedFact, { metric: string; regionWide: boolean; added: boolean; town: boolean }>();
function ownTraits(f: IndexedFact): { metric: string; regionWide: boolean; added: boolean; town: boolean } {
  return remember(traits, f, () => ({
    // Its measure's words, for how much of it a question covers.
    // (累计在岗 is all soft words: its own words then, or it would beat 实际招录 for 招了多少人.)
    metric: softened(asWritten(f).replace(/[^\p{L}\p{N}]/gu, '')),
    // 全市…, 截至2023年底,全县…: a figure for the report's whole area.
    regionWide: REGION_WIDE.test(f.zones.clause) || REGION_WIDE.test(f.zones.quote.replace(/^[^,]*(截至|截止|年|月)[^,]*,/, '').slice(0, 3)),
    // 新增…护士19名: what was added, not what there is.
    added: /^(新增|新建|新招|新引进|新培养)/.test(f.fact.metric),
    // 马鞍镇's figure in its county's report; 甲区's row in its city's (a report's title names its own place).
    town: f.fact.parentRegion !== undefined && (/(镇|乡|街道)$/.test(f.fact.region) || !f.zones.title.includes(f.fact.region.replace(/(?:自治区|省|市|区|县|旗|盟|州)$/, ''))),
  }));
}

/** A measure's words without the soft ones (实际, 累计), unless nothing else is left. */
function softened(metric: string): string {
  return metric.replace(SOFT_WORDS, '') || metric;
}

// The same few measure heads come up for every candidate: segmenting is a native call, so cut each once.
const taggedCache = new Map<string, ReturnType<typeof tag>>();
function tagged(text: string): ReturnType<typeof tag> {
  return remember(taggedCache, text, () => tag(text), 20_000);
}

function yearOf(f: Fact): number {
  return f.reportYear ?? f.writtenYear ?? 0;
}

/** One row per figure: the same figure quoted twice in a report is shown once (`byPeriod`: once a period). */
function dedupe(list: ScoredFact[], byPeriod = false): ScoredFact[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = `${s.fact.region}|${s.fact.answer}|${s.fact.metric}${byPeriod ? `|${s.fact.time?.label ?? ''}` : ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// (不是甲级的有多少: what is not of a kind is asked; only a figure said of what is not (非甲级) answers it.
// Not 是不是, which asks yes or no, nor 不是X的，是Y, which names Y.)
const NOT_OF_KIND = /(?<!是)(?:不是|并非|不属于)([\u3400-\u9fff]{1,6}?)的(?![,，]?是)/;

export function scoreFact(q: ParsedQuestion, f: IndexedFact, regions: RegionIndex): ScoredFact | undefined {
  // The fact's slots as one shape for every fact: read for each candidate of every question.
  const fact = f.frame;
  const factors: Record<string, number> = {};

  // Place: a fact of another place is never an answer; one of a district is a weaker one.
  if (q.regions.length > 0) {
    let best = 0;
    for (const r of q.regions) {
      if (fact.region === r.name) best = 1;
    }
    // The institution asked is of its place, whatever report's table names it (甲县人民医院 in a city's notice).
    // (博望区医院往传染病医院转了多少: a place the institution's name does not hold names another
    // one, which the figure's own words must say.)
    const ownPlaces = (r: RegionInfo) => r.aliases.some((a) => q.subject!.includes(a) || (a.length >= 2 && f.zones.quote.includes(a)));
    if (q.subject && sameInstitution(fact.subject, q.subject) && q.regions.every(ownPlaces)) best = 1;
    // A district's figure is not the city's, nor the city's a district's.
    if (best === 0) return undefined;
    factors.region = best;
  }

  // 全市… asked of no place: a city's own figure; a province's, county's or district's report speaks for no city.
  if (q.regions.length === 0 && !q.subject && CITY_WHOLE.test(q.key) && NOT_A_CITY.test(fact.region)) return undefined;

  // The frame's slots: a figure of another status (a target for a level, a change for a level)
  // or of the country or province when the report's own region is asked is no answer.
  if (fact.kind === 'figure' && fact.status !== q.status) return undefined;
  // 全省… asked of no place: a province's own report speaks for 全省 in its own name.
  const ownProvince = q.level === '全省' && !fact.level && /(省|自治区)$/.test(fact.region);
  if (fact.kind === 'figure' && (fact.level ?? '') !== (q.level ?? '') && !ownProvince) return undefined;
  // A change on another base (较上月 for 同比) is another figure; one the other way is suspect.
  if (q.change && fact.change) {
    if (basesDisagree(q.change.bases, fact.change.bases)) return undefined;
    if (q.change.bases.length && !fact.change.bases.length) factors.base = 0.85;
    if (q.change.direction && fact.change.direction && q.change.direction !== fact.change.direction) factors.direction = 0.6;
  }
  // A place in a ranking is answered by the item ranked there, and only by one.
  if ((q.rank ?? 0) !== (fact.rank ?? 0)) return undefined;
  // (据省疾控中心通报，全省…居前三位的 in a county's bulletin: the wider area's ranking, not the county's.)
  if (fact.rank !== undefined && widerRanking(fact.metric, fact.region, q.key)) return undefined;
  // A hospital's own figure answers a question about that hospital, never one about its district;
  // asked with no place at all (药占比是多少, in the hospital's own group), it is the one there is.
  // (A row of a report's table, 甲县人民医院 in a city's notice, is one of its parts, named in its measure.)
  if (q.subject ? !sameInstitution(fact.subject, q.subject) : fact.subject && !fact.rowSubject && q.regions.length > 0) return undefined;
  // 甲市人民医院 asked: a row of 乙市人民医院 is another hospital's figure.
  const hospital = hospitalAsked(q);
  if (hospital) {
    const named = HOSPITAL_NAME.exec(f.zones.metric)?.[0];
    if (named && named !== hospital && !named.endsWith(hospital) && !hospital.endsWith(named)) return undefined;
  }

  // The indicator's kind of figure: a rate is answered by a percentage, a count by a count.
  // A figure with no unit of its own (a table's 86.42 under 人次(万)) is let through.
  // (…nor is a table's rate, 婴儿死亡率 6.93 with its unit left unsaid, a count.)
  if (fact.kind === 'figure' && q.status !== 'change' && q.unitClasses && (fact.unit || fact.unitClass === 'percent') && !countsAs(fact.unit, fact.unitClass, q.unitClasses)) return undefined;
  // (…only when its words could be money's, for money asked: 线上问诊 100677 is no 线上问诊收入.)
  const moneyAsked = (q.unitClasses?.length && q.unitClasses.every((c) => c === 'money')) || (MONEY_ASKED.test(q.key) && !RATE_WORDS.test(q.key));
  if (fact.kind === 'figure' && moneyAsked && (fact.unit ? fact.unitClass !== 'money' : !MONEY_SAID.test(`${f.zones.metric} ${f.zones.local} ${f.zones.heading}`))) return undefined;
  // (线上问诊收入: whose money is the word said before it, which the figure's measure must say too.)
  if (fact.kind === 'figure' && moneyAsked && !moneyOwner(q, f.zones.metric)) return undefined;
  // 医保基金收入 asked: 医保基金支出同比增长 is the other side of the account, not an answer.
  for (const o of q.opposed ?? []) if (f.zones.metric.includes(o.other) && !f.zones.metric.includes(o.asked)) return undefined;
  const { core, heaviest, head, modifiers, names, grades, negated, directed, level: levelAsked } = wordsOf(q);
  // 没有资格的有多少, 还没收回的: the rest of a whole is asked; a figure of those who have is no answer.
  if (negated && !NEGATED_FACT.test(f.zones.local)) return undefined;
  // (初筛没通过的，有多少没去复筛: each thing asked as not done must be said not done, 未通过 alone answers one.)
  if (negated && negatedWords(q).some((w) => !saysNegated(`${f.zones.metric}${f.zones.local}`, w))) return undefined;
  // (农村地区住院分娩率 for 住院分娩率: a part of the place by kind is no answer for the whole of it.)
  if (fact.kind === 'figure' && AREA_PART.test(fact.metric) && !AREA_WORDS.test(q.key)) return undefined;
  // (甲院和乙院两家合计承担…171项, for 乙院审了多少: the sum of two, and what follows of it, is neither one's.)
  if (fact.kind === 'figure' && inSummedClause(fact) && !SUM_ASKED.test(q.key)) return undefined;
  // (光药品采购了多少钱，不算耗材: a figure of what the question leaves out is no answer.)
  // (Nor the whole it is a part of: 统一采购金额23918万元，其中耗材…)
  if (excludedWords(q).some((w) => (f.zones.metric.includes(w) && !EXCLUDING.test(f.zones.metric)) || partAfter(fact, w))) return undefined;
  const notOf = NOT_OF_KIND.exec(q.key)?.[1];
  if (notOf && !saysNegated(f.zones.metric, notOf)) return undefined;
  // 达标 asked: 未达标, 不达标 count the others.
  if (!negated && q.tokens.some((t) => !t.slot && t.word.length >= 2 && onlyNegated(f.zones.metric, t.word, q.key))) return undefined;
  // 不合格的比例 asked: a figure of those that did (合格率) is the others' share, no answer.
  if (!negated && q.tokens.some((t) => !t.slot && t.word.length >= 2 && negatedAsked(q.key, t.word) && saysOnlyPlain(f.zones.metric, t.word))) return undefined;
  // (…未达标的卫生院8家 for 达到推荐标准的卫生院: a measure of those that did not is no answer to one that did.)
  // (…the measure's negation may stand just before it, trimmed off: 不合格村卫生室5家.)
  const negatedHere = NEGATED_MEASURE.test(f.zones.metric) || NEGATION_BEFORE.test(f.zones.clause.slice(0, Math.max(0, f.zones.clause.indexOf(f.zones.metric))));
  if (!negated && negatedHere && !NEGATION_ASKED.test(q.key)) return undefined;
  // 上转 asked of a figure of 下转, 出院 of 入院, 上半年 of 下半年: the other way is another figure.
  if (directed.length) {
    const near = `${f.zones.metric}${f.zones.local}`;
    if (directed.some((d) => near.includes(d.other) && !near.includes(d.asked))) return undefined;
  }
  // 超出控制目标多少: the target itself (≤10) is no answer to how far past it a figure is.
  // (超出年度任务20.4万平方米 says the overrun itself, and answers.)
  if (fact.kind === 'figure' && fact.status === 'target' && PAST_TARGET.test(q.key) && !OVERRUN_SAID.test(f.zones.metric)) return undefined;
  // 市疾控中心 asked: a figure of 县级疾控中心 is of institutions of another level.
  if (levelAsked && fact.kind === 'figure') {
    const levelSaid = institutionLevel(f.zones.metric);
    if (levelSaid && levelSaid !== levelAsked) return undefined;
  }
  // C级 asked: a figure of A级 hospitals is of another grade.
  for (const g of grades) if (gradesIn(f.zones.metric).some((other) => other !== g)) return undefined;
  // "哪个…", "什么病": a name is asked for, and no figure is one.
  if (q.type === 'what' && fact.kind === 'figure') return undefined;
  // "和庚市第一人民医院并列第8名的是哪家": the name the question gives is not the one it asks for.
  if (q.type === 'what' && fact.kind === 'statement' && fact.answer.length >= 3 && q.key.includes(fact.answer.toLowerCase())) return undefined;

  // The kind of answer wanted.
  if (q.type === 'date' && fact.kind !== 'date') return undefined;
  if (q.type === 'figure' && fact.kind !== 'figure') return undefined;
  if (q.type === 'what' && fact.kind === 'date') factors.kind = 0.6;
  if (q.type === 'any' && fact.kind === 'date') factors.kind = 0.6;
  if (q.accepts && fact.kind === 'figure' && !fact.unit) {
    // 床位数 9860 of a table with no unit line, for 多少张: a count with no unit of its own passes when
    // its measure names no rate and no other kind of figure; one with its unit said fits better.
    // (Never a figure per head the question does not ask for, 每千人口执业医师 2.81 for 多少人, nor
    // money: 1520 under a note of 万元 is no 1520元.)
    const implied = unitClassOfMeasure(f.zones.metric);
    const perHead = PER_HEAD_SAID.test(canonicalQualifiers(f.zones.metric)) && !q.qualifiers.length;
    if (RATE_WORDS.test(f.zones.metric) || perHead || q.accepts.classes.includes('money') || (implied && !q.accepts.classes.includes(implied))) return undefined;
    factors.unit = 0.9;
  } else if (q.accepts) {
    const okClass = countsAs(fact.unit, fact.unitClass, q.accepts.classes);
    const okUnit = !q.accepts.units || q.accepts.units.includes(fact.unit);
    // (多少人次 asks visits: 3.73人 counts people.)
    const peopleForVisits = q.measure === '人次' && /人$/.test(fact.unit) && fact.unitClass === 'person';
    if (!okClass || !okUnit || peopleForVisits) return undefined;
    // 多少个 fits 62个 better than 4种.
    if (q.measure && fact.unit !== q.measure && fact.unit !== '个' && !(SAME_MEASURE.test(q.measure) && SAME_MEASURE.test(fact.unit))) factors.unit = 0.9;
  }
  if (q.prefers.length && fact.kind === 'figure') {
    // (每百万人口白内障手术率 3918: a rate per so many people is no percentage, and says no unit.)
    const perPeople = !fact.unit && PER_PEOPLE_RATE.test(f.zones.metric);
    factors.prefers = q.prefers.includes(fact.unitClass) || perPeople ? 1 : 0.5;
  }

  // Topic: the share of the question's weight found near the figure.
  let total = 0;
  let got = 0;
  const tokens: ScoredFact['detail']['tokens'] = [];
  let coreMissing = false;
  let coreFar = false;
  const own = ownTraits(f);
  let headMissing = false;
  let unsaid = false;
  for (const t of q.tokens) {
    const { credit, zone } = t.slot ? slotCredit(q, fact) : tokenCredit(t, f.zones);
    if (!t.nearOnly) total += t.weight;
    got += t.weight * credit;
    // Two plain shapes, not a spread: this runs for every word of every candidate.
    tokens.push(zone ? { word: t.word, zone, credit, weight: t.weight } : { word: t.word, credit, weight: t.weight });
    const heaviestCore = core.includes(t) && t.weight >= heaviest * 0.999;
    if (heaviestCore && credit < 0.3) coreMissing = true;
    // 基层 of "基层…诊疗人次" only after a total in its sentence (全县总诊疗量…其中基层…): the part's word.
    else if (heaviestCore && zone === 'quote' && /^总/.test(own.metric) && fact.quote.indexOf(t.word) > fact.span[1]) coreFar = true;
    if (t === head && credit < 0.5) headMissing = true;
    if (t.narrows && !narrowedBy(t, f)) return undefined;
    // AB型 asked: a figure whose words name no such type is of all types, or of another.
    if (TYPE_ASKED.test(t.word) && credit < 0.8) return undefined;
    // "除A群C群流脑疫苗外,…接种率均在97%以上": a word found only where the sentence sets it aside.
    if (zone && zone !== 'metric' && zone !== 'local' && setAside(t.word, f.zones.quote)) return undefined;
    // 有害饮酒率: a heavy modifier the figure's words never say narrows the question to what the
    // report does not count.
    if (modifiers.has(t) && t.weight >= heaviest * 0.8 && credit === 0) return undefined;
    // 乙脑疫苗接种率 of a report that never says 乙脑: the heaviest word asked, which no report
    // says, is nowhere near the figure: what is asked may not be in the reports at all.
    if (t.known === false && t.noun && !t.nearOnly && t.word.length >= 2 && t.weight >= heaviest && credit === 0) unsaid = true;
    // 己市 of "己市全市…签约率" in a county's report: a name the figure's report never ties to it.
    // 梓潼 of "梓潼分中心…" in a table of sub-centres: a name must stand by the figure (its row, its
    // sentence, its heading); one elsewhere in the paragraph names another row's subject.
    if (names.has(t) && !(zone && NAMED_NEAR.has(zone))) return undefined;
    // A name the reports never mention (北京安贞医院) is something the bot does not know, and a
    // named hospital must be the one the figure's sentence speaks of.
    // A department's paragraph says its name once, in its run-in heading.
    // (A code, BSL3, must stand in the words right by its figure: BSL2实验室3个、BSL3实验室1个
    // gives each its own.)
    if (t.required && (t.nearOnly ? wordMatch(t.word, CODE_WORD.test(t.word) ? codeForm(f.zones.local) : f.zones.quote) < 1 : credit < 0.8 && !(t.narrows && narrowedBy(t, f)))) return undefined;
  }
  const coverage = total > 0 ? Math.min(1, got / total) : 0;
  // A place no report speaks for (北京) must stand in the figure's sentence, as in 北京协和医院.
  // 丁区 of "丁市丁区…" is a district no report speaks for: only a figure of its own will do.
  // A district or town no report speaks for (丁区, 辛区): only a figure in a clause of its own.
  for (const place of q.unknownPlaces) {
    const admin = /(区|县|市|镇|乡|街道)$/.test(place);
    // With a known region beside it, the place narrows the question to its own clause; alone, it
    // may name an institution (壬镇中心卫生院), which the sentence must speak of.
    if (admin && q.regions.length > 0 && wordMatch(place, f.zones.clause) < 1) return undefined;
    // (全省（不含甲沙市）…: a place the sentence leaves out is not the one it speaks of.)
    if (q.regions.length === 0 && wordMatch(place, f.zones.quote.replace(LEFT_OUT, '')) < 1) return undefined;
    // "…前3位的是癸镇中心卫生院(48216人次)、六都寨镇…": a place named after the figure is the next item's.
    if (q.regions.length === 0 && !f.zones.metric.includes(place) && fact.quote.indexOf(place) > fact.span[1]) factors.place = 0.8;
  }
  if (coverage === 0) return undefined;
  if (coreMissing) factors.core = 0.7;
  else if (coreFar && !TOTAL_ASKED.test(q.key)) factors.core = 0.85;
  // 职业卫生罚得多少 of a row 职业卫生：任务数 150，…，罚没款 38.50: the row is named and no word asked
  // is its column's; which of its figures is meant is not said.
  if (fact.kind === 'figure' && !columnAsked(q, f)) return undefined;
  // 梅毒 of "病毒性肝炎、肺结核、梅毒和淋病，合计8179例，占…94.64%": one of the things summed is no sum
  // (nor of "…梅毒(52例)和百日咳(27例)，占…89.52%").
  // (A question naming them all, 甲、乙和丙合计多少, asks the sum.)
  if (fact.kind === 'figure' && core.some((t) => {
    // (…in its paragraph too: a thing summed into another sentence's figure has none in this one.)
    const items = summedWith(f.zones.metric, t.word, fact.answer) ?? (f.zones.clause.includes(t.word) ? undefined : summedWith(f.zones.quote, t.word, fact.answer) ?? (f.zones.quote.includes(t.word) ? undefined : summedWith(f.zones.paragraph, t.word, '')));
    // (县医院 and 县中医院 end alike: each is said whole, or by its last four characters.)
    return !!items && !items.every((i) => q.key.includes(i) || (i.length > 4 && q.key.includes(i.slice(-4))));
  })) return undefined;
  if (fact.kind === 'figure' && !shareOfAsked(q, f.zones.metric)) return undefined;
  if (fact.kind === 'figure' && anotherBetween(q, f.zones.metric)) return undefined;
  if (headMissing && !coreMissing) factors.head = 0.75;
  if (unsaid && !coreMissing) factors.unsaid = 0.75;

  // Qualifiers: a per-capita figure does not answer a question about totals, nor the reverse.
  for (const qual of fact.qualifiers) {
    if (/同比|环比/.test(qual)) continue;
    if (!q.qualifiers.some((x) => x.includes(qual) || qual.includes(x))) factors.qualifier = 0.6;
  }
  for (const qual of q.qualifiers) {
    if (fact.qualifiers.some((x) => x.includes(qual) || qual.includes(x)) || canonicalQualifiers(f.zones.clause).includes(qual)) continue;
    // 每万人口…人员 asked: the province's head count is no answer at any score.
    if (!/同比|环比/.test(qual) && fact.kind === 'figure' && fact.unitClass !== 'percent') return undefined;
    factors.qualifier = 0.5;
  }

  // "60岁以上老人…": a figure of another age group (18岁及以上居民) is not the group's.
  for (const age of q.ages) {
    if (![f.zones.metric, f.zones.local, f.zones.clause].some((z) => new RegExp(`(?<!\\d)${age}(?:周)?岁|(?<!\\d)${age}\\s*[-—~～至到]\\s*\\d`).test(z))) return undefined;
  }
  // "新增了几家": a figure of what there is does not say how many were added.
  // (由300张增加到620张: the level reached after a rise, not what was added.)
  if (q.added && fact.kind === 'figure' && !/新|增|建成|引进|招聘|招录|培养|创建|创成|认定|获批/.test((f.zones.local + f.zones.metric).replace(RISEN_TO, ''))) return undefined;
  // 县中医院出院人次: a figure of another kind of hospital (县人民医院出院) answers for none.
  if (fact.kind === 'figure' && otherHospital(q.key, `${fact.subject ?? ''}${fact.metric}`)) return undefined;
  // A month asked for must be the figure's month, when the figure has one; with none asked, a
  // part of a year (上半年, 1—5月) comes after a whole year's figure.
  const months = f.months;
  // 11月份…: a figure of no stated months (a year's, or a span's) is no month's figure.
  if (q.months && (months ? months.from !== q.months.from || months.to !== q.months.to : fact.kind === 'figure')) return undefined;
  // "去年同期…": only a figure of the period before answers, never the current one.
  if (q.previous && fact.kind === 'figure' && fact.role !== 'from' && !(fact.reportYear && fact.time?.year && fact.time.year < fact.reportYear)) return undefined;
  // (去年…哪种病最多, a year asked: one month's bulletin says nothing of the year.)
  // (截至2023年12月底: a stock at the year's end is the year's.)
  if (q.year !== undefined && !q.months && months && months.from === months.to && !(months.to === 12 && YEAR_END.test(fact.time?.label ?? '') && !/当月|本月/.test(f.zones.local))) return undefined;
  // (2023年全年…总诊疗人次: a figure of 1—10月 is not the whole year's, however near.)
  if (!q.months && months && months.from < months.to && months.to - months.from < 11 && WHOLE_YEAR.test(q.key)) return undefined;
  if (!q.months && months && months.from < months.to && months.to - months.from < 11) factors.partYear = 0.9;
  // (2024年全年 asked: a month's figure, 1月 of a month table, comes after the 全年 row.)
  else if (!q.months && q.year !== undefined && months && months.to - months.from < 11 && /全年/.test(q.key)) factors.partYear = 0.8;
  // Time: a year asked for must be the figure's year.
  if (q.year) {
    const t = fact.time;
    if (t?.year === q.year || (t?.fromYear && t.toYear && !t.label.includes('到') && q.year >= t.fromYear && q.year <= t.toYear)) factors.year = 1.05;
    else if (t?.year) return undefined;
    // A year asked is a year the figure must be known to hold for.
    else return undefined;
  }

  // How much of the figure's own description the question covers: breaks ties between 床位 figures.
  // A fact about 门诊总量 answers a question about 手术 less well, even when both share context.
  const { metric, regionWide } = own;
  if (metric) {
    let covered = 0;
    for (const t of q.tokens) {
      if (metric.includes(t.word)) covered += t.word.length;
      // (出院人次 asked of 出院112658人次: the measure with its unit is the word asked.)
      else if (fact.unit && t.word === metric + fact.unit) covered += metric.length;
    }
    // (有螺面积 asked whole covers 有螺面积 whole, though 有 is no word of its own: 查螺面积 shares the rest.)
    if (saidWhole(q, metric)) covered = metric.length;
    factors.specific = 0.7 + 0.3 * Math.min(1, covered / metric.length);
    // (谁的分高: the score, not the points added or taken off it, unless those are asked.)
    if (/(?:加减|加|扣|减)分(?:值)?$/.test(metric) && !/[加减扣]/.test(q.key)) factors.specific *= 0.6;
  }
  // "累计…": a running total before a year's figure.
  if (q.cumulative && /累计|共计|合计|总计|全年共|共开展|共有|共计/.test(f.zones.quote)) factors.cumulative = 1.1;
  // "一共多少户次": 学校卫生监督检查 is a kind of the 卫生监督检查 asked, not their total.
  // (…and where no total is said, 省级重点专科 in a row that gives their 合计 fits 重点专科多少个 less.)
  const kindOf = q.tokens.some((t) => !t.slot && !t.generic && !unitClass(t.word) && kindBefore(t.word, f.zones.metric, q.key));
  if (kindOf && TOTAL_ASKED.test(q.key)) factors.narrower = 0.7;
  else if (kindOf && ROW_QUOTE.test(f.zones.quote) && ROW_TOTAL.test(f.zones.quote)) factors.narrower = 0.95;
  // The question and the figure's measure end on different indicators, neither a part of the
  // other: the figure counts something else (门诊总量 for 手术人次, 住院病人手术人次 for 住院人数),
  // and giving it would be a wrong figure.
  if (q.head?.length && f.head.length && !q.head.includes(f.head[0]!) && !f.head.includes(q.head[0]!)) return undefined;
  // …nor does a whole that holds the words asked (门急诊人次 for 急诊人次).
  if (q.headHeldIn && onlyInside(f.zones.metric, q.headHeldIn.said, q.headHeldIn.wider)) return undefined;
  // A part answers a question about the whole only after the whole (乡镇卫生院床位 for 床位).
  if (f.parts.some((p) => !q.key.includes(p.text) && !q.indicators.includes(p.id))) factors.part = 0.88;
  // 病例数 in a table captioned 各区手足口病重症病例情况: the caption's word before what its column
  // counts (重症) narrows every row; a question that does not say it asks of all cases. (Not the
  // report's own topic, 结核 of 肺结核患者 in a 结核病 report's table: every figure there is of it.)
  const narrowedByCaption = q.narrowing ? captionQualifier(f.zones, q.narrowing) : undefined;
  if (fact.kind === 'figure' && narrowedByCaption && !q.key.includes(narrowedByCaption)) return undefined;
  // …and one group's figure of a split (男性吸烟率 beside 女性) only after the whole's, unless the
  // question names a group. (农村适龄妇女 with no other group said is the whole asked.)
  if (!GROUP_SAID.test(q.key) && oneGroupOfSplit(f.zones.metric, f.zones.quote)) factors.group = 0.88;
  // A stock question (护士有多少) is answered by what there is before what was added (新增…护士19名).
  if (!q.added && own.added) factors.added = 0.85;
  // 谁出生的娃多: a comparison of more or fewer asks a count before a rate of the same words (出生人口, 出生率).
  if (q.countAsked && RATE_HEADER.test(f.zones.metric)) factors.rate = 0.85;
  // "最新", or no year asked: a figure of an earlier year than its report's comes after the report's own.
  if (!q.year && !q.previous && fact.reportYear && fact.time?.year && fact.time.year < fact.reportYear) factors.earlier = 0.9;
  // "由38.5%提升到46.2%": unless a year is asked, the current value answers.
  if (fact.role === 'from' && !q.year && !q.previous) factors.role = 0.85;
  // 马鞍镇's figures in a county's report, asked of no place: the county's own come first.
  if (q.regions.length === 0 && q.unknownPlaces.length === 0 && own.town) factors.town = 0.8;
  if (regionWide) factors.scope = 1.1;
  // Reports put their headline figures first.
  if (fact.sentenceNo <= 2) factors.lead = 1.05;

  let confidence = coverage;
  for (const v of Object.values(factors)) confidence *= v;
  return { fact: f.fact, confidence: Math.min(1, confidence), detail: { coverage, tokens, factors, score: confidence } };
}

const GROUP_SAID = new RegExp(GROUP_WORDS.join('|'));

/** The narrowing word a table's caption puts right before what a row's figure counts (重症 of 重症病例), unless the title says it too. */
function captionQualifier(z: Zones, narrowing: ReadonlySet<string>): string | undefined {
  if (!captionOf(z)) return undefined;
  const counted = z.metric.replace(/(?:总数|数量|数)$/, '').slice(-2);
  if (!/^[\u3400-\u9fff]{2}$/.test(counted)) return undefined;
  // (病例及重症病例: a caption that also names the plain count narrows no column.)
  const said = [...z.heading.matchAll(new RegExp(counted, 'g'))].map((m) => z.heading.slice(Math.max(0, m.index - 2), m.index));
  const before = said[0] ?? '';
  return said.length > 0 && said.every((b) => b === before) && narrowing.has(before) && !z.metric.includes(before) && !z.title.includes(before) ? before : undefined;
}

/** 男性吸烟率 in 男性…45.2%，女性为1.6%: a measure of one group, its sentence naming another. */
function oneGroupOfSplit(metric: string, quote: string): boolean {
  const group = GROUP_WORDS.find((g) => metric.includes(g));
  return !!group && GROUP_WORDS.some((g) => g !== group && !group.includes(g) && !g.includes(group) && quote.includes(g));
}

/**
 * 护士占卫技人员的比例 of 卫生技术人员占职工总数的85.1%: a share whose measure names what it is a
 * share of must be of a word the question says before its own 占.
 */
export function shareOfAsked(q: ParsedQuestion, metric: string): boolean {
  const asked = q.key.indexOf('占');
  const said = metric.indexOf('占');
  if (asked <= 0 || said <= 0) return true;
  const part = metric.slice(0, said);
  // (乙类前五位占乙类总数: a word said on both sides says whose parts, not which part.)
  const before = q.tokens.filter((t) => {
    const at = t.slot || t.nearOnly || t.generic || t.word.length < 2 ? -1 : q.key.lastIndexOf(t.word, asked);
    return at >= 0 && at + t.word.length <= asked && !q.key.includes(t.word, asked);
  });
  return !before.length || before.some((t) => part.includes(t.word) || (t.alts ?? []).some((a) => part.includes(a)));
}

/**
 * Whether the question says a measure whole, as words of its own: not 医院 inside 三甲医院, nor a
 * word that runs over its edge (诊人次 of 门诊人次).
 */
function saidWhole(q: ParsedQuestion, metric: string): boolean {
  const key = q.topicKey ?? q.key;
  const at = metric.length >= 3 ? key.indexOf(metric) : -1;
  if (at < 0) return false;
  const end = at + metric.length;
  // (同比增长 said whole is no topic: the measure must hold a word of the topic asked.)
  if (!q.tokens.some((t) => !t.slot && !t.nearOnly && metric.includes(t.word))) return false;
  return !q.tokens.some((t) => {
    if (t.slot || t.nearOnly) return false;
    for (let i = key.indexOf(t.word); i >= 0; i = key.indexOf(t.word, i + 1)) {
      if (i < end && i + t.word.length > at && (i < at || i + t.word.length > end)) return true;
    }
    return false;
  });
}

// Where a name must stand to be the figure's: not only somewhere in its paragraph or title.
const NAMED_NEAR = new Set<keyof Zones>(['metric', 'local', 'clause', 'quote', 'heading']);

/** True when a measure says `said` only inside the wider names given (急诊人次 only in 门急诊人次). */
function onlyInside(metric: string, said: string, wider: readonly string[]): boolean {
  if (!metric.includes(said)) return false;
  let rest = metric;
  for (const w of wider) rest = rest.replaceAll(w, ' ');
  return !rest.includes(said);
}

/** Whether a sentence names a word only inside "除…外" (除X外, 除X以外, 除X之外). */
function setAside(word: string, quote: string): boolean {
  const at = quote.indexOf(word);
  if (at < 0 || quote.indexOf(word, at + word.length) >= 0) return false;
  const open = quote.lastIndexOf('除', at);
  if (open < 0 || /[,，。;；]/.test(quote.slice(open, at))) return false;
  return /^[^,，。;；]*?(?:以外|之外|外)[,，]?/.test(quote.slice(at + word.length));
}

/**
 * For a figure of a table's row of things named (职业卫生：任务数 150，合格率 87.76): some word asked
 * is its column's, or no word beyond the row's name is asked.
 */
function columnAsked(q: ParsedQuestion, f: IndexedFact): boolean {
  const row = ROW_QUOTE.exec(f.zones.quote)?.[1];
  // (Only a row the question names: 乙类传染病排前三 asks of no row, and ranks them.)
  const named = !!row && (q.key.includes(row) || (!!q.subject && q.subject === f.fact.subject));
  if (!row || !named || !f.zones.metric.startsWith(row) || f.zones.metric.length === row.length) return true;
  const column = f.zones.metric.slice(row.length);
  // (A word no report knows, 罚得, still asks something of the row.)
  const words = q.tokens.filter((t) => !t.slot && !t.nearOnly && !t.generic && t.word.length >= 2 && !row.includes(t.word));
  return !words.length || words.some((t) => column.includes(t.word) || wordMatch(t.word, column) >= 0.6 || (t.alts ?? []).some((a) => column.includes(a)));
}
/**
 * The things a sentence lists and then sums (甲、乙和丙，合计…) when `word` is one of them and the
 * figure is the sum; not when the figure is a part said after it (…合计4735人，其中…1318人，占27.8%).
 */
function summedWith(text: string, word: string, answer: string): string[] | undefined {
  // (Most texts do not say the word, or join nothing: cheap tests first, this runs for every candidate.)
  if (!text.includes(word) || !/[、和及与]/.test(text) || !/合计|共|占|总计|累计/.test(text)) return undefined;
  const plain = text.replace(BRACKETED, '');
  const at = plain.indexOf(word);
  if (at < 0) return undefined;
  const figure = /[\d.]+/.exec(answer)?.[0];
  const figureAt = figure ? plain.indexOf(figure, at) : -1;
  if (figureAt > at && /其中/.test(plain.slice(at, figureAt))) return undefined;
  // The list runs back from the word to where its words begin, and on to its sum.
  let start = at;
  while (start > 0 && /[\u3400-\u9fff、]/.test(plain[start - 1]!)) start--;
  const list = LISTED_SUM.exec(plain.slice(start));
  if (!list || start + list[1]!.length < at + word.length) return undefined;
  const items = list[1]!.split(/[、和及与]/).filter(Boolean);
  return items.length >= 2 ? items : undefined;
}
// 甲、乙和丙，合计 / 共报告 / 占: things joined, then their sum.
const LISTED_SUM = /^((?:[\u3400-\u9fff]{1,16}?[、和及与])+[\u3400-\u9fff]{1,16}?)[,，]?(?:合计|共计|总计|累计|共|占)/;
const BRACKETED = /[(（][^()（）]{0,12}[)）]/g;

const ROW_TOTAL = /[,，](?:合计|小计|总计)\s?\d/;
// 职业卫生:任务数150,完成数147: a table row's quote, its name before the colon, two figures or more after.
const ROW_QUOTE = /^([^:：,，]{2,30})[:：][^,，]*\d[^,，]*[,，][^,，]*\d/;

// 未, 不, 没, 非, 无: a character that negates the word after it.
const NEGATING = /[未不没非无]/;

// 没去复筛, 未按期复查, 尚未整改: a negation, the few words of how, and the two characters of what is not done.
const NEGATED_DEED = /(?:没有?|尚未|还未|并未|未(?!来|成年|满|知|曾)|不(?!同|少|足|到|超|低|高|断|再|仅|但|是|会|能|要|得|用|如|论|管))(?:去|来|做|到|按期|按时|及时)?([\u3400-\u9fff]{2})/g;

const deedsNotDone = new WeakMap<ParsedQuestion, string[]>();

// 不算耗材, 不含药品, 除去…: what a question leaves out of the figure it asks.
const EXCLUDING = /不算|不含|不包括|不计|除去|扣除|刨去|去掉/;

const EXCLUDED = new RegExp(`(?:${EXCLUDING.source})([\\u3400-\\u9fff]{2,6}?)(?=[,，。?？的]|$)`, 'g');
const leftOut = new WeakMap<ParsedQuestion, string[]>();

/** Whether the sentence goes on to name a part of a figure (…23918万元，其中耗材采购金额…). */
function partAfter(fact: Fact, part: string): boolean {
  const rest = fact.quote.slice(fact.span[1]);
  const at = rest.search(/其中/);
  return at >= 0 && at <= 4 && rest.slice(at, at + 12).includes(part);
}

/** The things a question leaves out (耗材 of 不算耗材), read once per question. */
function excludedWords(q: ParsedQuestion): string[] {
  return remember(leftOut, q, () => [...q.key.matchAll(EXCLUDED)].map((m) => m[1]!));
}

/** The deeds a question asks as not done (复筛 of 没去复筛), read once per question. */
function negatedWords(q: ParsedQuestion): string[] {
  return remember(deedsNotDone, q, () => [...q.key.matchAll(NEGATED_DEED)].map((m) => m[1]!).filter((w) => !/^[的了吗呢有]/.test(w)));
}

/** Whether a text says a deed not done: a negation in the same clause, a few characters before it (未通过, 没有固定的乡村医生). */
function saysNegated(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) if (NEGATING.test(text.slice(Math.max(0, at - 6), at).split(/[,，;；。]/).at(-1)!)) return true;
  return false;
}

/** A word asked between two others, said one after another (远程|超声|诊断), a noun the reports know. */
interface Between {
  before: string;
  asked: QueryToken;
  after: string;
}
const betweens = new WeakMap<ParsedQuestion, Between[]>();

/** The question's words between two others, worked out once for all the figures scored against it. */
function betweenWords(q: ParsedQuestion): Between[] {
  return remember(betweens, q, () => {
    const words = q.tokens.filter((t) => !t.slot && !t.nearOnly && t.word.length >= 2 && q.key.includes(t.word)).sort((a, b) => q.key.indexOf(a.word) - q.key.indexOf(b.word));
    const out: Between[] = [];
    for (let i = 1; i + 1 < words.length; i++) {
      const [before, asked, after] = [words[i - 1]!.word, words[i]!, words[i + 1]!.word];
      // (A word no report says, 压疮 of 压力性损伤, may be the one between said otherwise.)
      if (asked.known === false) continue;
      // (Only words said one after another: 远程|超声|诊断, nothing between them in the question.)
      if (q.key.indexOf(asked.word) !== q.key.indexOf(before) + before.length || q.key.indexOf(after) !== q.key.indexOf(asked.word) + asked.word.length) continue;
      // (A kind is named by a noun: 到达时间 of 反应时间 says the same time in other words.)
      if (/^v/.test(tag(asked.word)[0]?.tag ?? '')) continue;
      out.push({ before, asked, after });
    }
    return out;
  });
}

/**
 * 远程病理诊断 asked of 远程影像诊断: a word asked between two the measure says, where the measure
 * says another word between them, names another kind of the same thing.
 */
function anotherBetween(q: ParsedQuestion, metric: string): boolean {
  for (const { before, asked, after } of betweenWords(q)) {
    if (metric.includes(asked.word) || (asked.alts ?? []).some((a) => metric.includes(a))) continue;
    const from = metric.indexOf(before);
    const to = from < 0 ? -1 : metric.indexOf(after, from + before.length);
    // (重大慢病过早 of 重大慢性病过早: the word asked, shortened, is still what stands between.)
    // (石材行业 of 石材加工业: a word ending as the one asked is a kind of it.)
    const between = metric.slice(from + before.length, to);
    // (Only one word in its place: 急救的平均 between 120 and 反应时间 says more, not another kind.)
    if (to > from + before.length && between.length <= asked.word.length + 1 && !/[的之]/.test(between) && !charsInOrder(asked.word, between) && !between.endsWith(asked.word.slice(-1))) return true;
  }
  return false;
}

/** The character before each time a text says `word` ('' at its start); none when it never says it. */
function charsBefore(text: string, word: string): string[] {
  const parts = text.split(word);
  return parts.slice(0, -1).map((p) => p.slice(-1));
}

/** Whether every time the measure says `word` it says it negated (未达标, 非公立), and the question does not. */
function onlyNegated(metric: string, word: string, key: string): boolean {
  const before = charsBefore(metric, word);
  return before.length > 0 && before.every((c) => NEGATING.test(c) && !key.includes(`${c}${word}`));
}

/** 游泳场所合格率 says 合格 and never 不合格. */
function saysOnlyPlain(metric: string, word: string): boolean {
  const before = charsBefore(metric, word);
  return before.length > 0 && before.every((c) => !NEGATING.test(c));
}

/** 不合格 asked of 合格 (达不达标 asks yes or no; it negates nothing). */
function negatedAsked(key: string, word: string): boolean {
  for (let at = key.indexOf(word, 1); at > 0; at = key.indexOf(word, at + 1)) {
    if (NEGATING.test(key[at - 1]!) && key[at - 2] !== word[0]) return true;
  }
  return false;
}

/**
 * The figure's own words (its measure, what stands around it, its clause and sentence) say the
 * narrowing word; for a sentence that points back (这3个中心), so may its paragraph.
 */
function narrowedBy(t: QueryToken, f: IndexedFact): boolean {
  const zones = f.zones;
  const says = (z: string) => z.includes(t.word) || (t.alts ?? []).some((a) => z.includes(a));
  if ([zones.metric, zones.local, zones.clause, zones.heading, f.refersBack ? zones.paragraph : ''].some(says)) return true;
  // A word said before the figure may name what the sentence goes on about (高校人才直通车…, 网上签约25人);
  // one after it, in a later part of the sentence with its own figure, narrows that one (…全市居民…达到28%；农村居民…达到25%).
  const at = zones.quote.indexOf(zones.clause);
  const end = at < 0 ? zones.quote.length : at + zones.clause.length;
  // (Only past a ；: the clauses after a comma still speak of the figure's own sentence part.)
  const [rest, ...later] = zones.quote.slice(end).split(/[;；。]/);
  return says(zones.quote.slice(0, end)) || says(rest ?? '') || later.some((c) => says(c) && !FIGURE_IN_CLAUSE.test(c));
}
// 未达标, 尚未签约, 没有接种, 不合格: a measure of those that did not (not 不良反应, 未成年人); the
// same words anywhere in a question ask it.
const NEGATION_WORDS = '(?:尚?未(?!成年|来|满)|没有?|不(?=达|合格|符合|规范|满足|足))';
const NEGATED_MEASURE = new RegExp(`^${NEGATION_WORDS}`);
const NEGATION_ASKED = new RegExp(NEGATION_WORDS);
// 市疾控中心, 县级医院, 省级妇幼保健院: the level of an institution said before its kind.
const INSTITUTION_LEVEL = /(省|市|县|区)级?(?=疾控中心|疾病预防控制中心|妇幼保健院|妇幼保健机构|中医院|中医医院|人民医院|医院|急救中心|血站)/;
function institutionLevel(text: string): string | undefined {
  const m = INSTITUTION_LEVEL.exec(text);
  // (甲市人民医院 names one hospital by its city: only a level said alone, or with 级, is a level.)
  if (!m || (m.index > 0 && /[\u3400-\u9fff]/.test(text[m.index - 1]!) && !text.slice(m.index).startsWith(`${m[1]}级`))) return undefined;
  return m[1] === '区' ? '县' : m[1];
}
const YEAR_END = /12月(?:底|末|31日)|年(?:底|末)/;
const NEGATION_BEFORE = /(?:尚?未|没有?|不)$/;
// 每千人口, 人均, 平均每家: a figure per so many (as canonicalQualifiers writes them).
const PER_HEAD_SAID = /每(?:千|万|十万|百)人口|人均|户均|平均每|床均/;
const PER_PEOPLE_RATE = /每(?:千|万|十万|百|百万)(?:常住|户籍)?人口[\u3400-\u9fff]*率/;
const FIGURE_IN_CLAUSE = /\d(?:[\d.,]*)\s*(?:%|‰|[\u3400-\u9fff]{1,3})/;

/** 涨了 is found in a figure that rose, whatever word its report uses (上升, 增长). */
function slotCredit(q: ParsedQuestion, fact: Fact): { credit: number; zone?: keyof Zones } {
  return q.change?.direction && fact.change?.direction === q.change.direction ? { credit: 1, zone: 'metric' } : { credit: 0 };
}

/** Whether a zone holds an alt other than inside a longer name of something else (医生 of 乡村医生). */
function holdsAlt(zone: string, alt: string, blockers: string[] | undefined): boolean {
  if (!zone.includes(alt)) return false;
  if (!blockers) return true;
  let rest = zone;
  for (const b of blockers) if (rest.includes(b)) rest = rest.split(b).join('\u0000');
  return rest.includes(alt);
}

function tokenCredit(t: QueryToken, zones: Zones): { credit: number; zone?: keyof Zones } {
  let credit = 0;
  let zone: keyof Zones | undefined;
  for (const z of t.nearOnly ? (['metric', 'local'] as const) : ZONES) {
    // A zone that weighs no more than the credit already found cannot raise it.
    if (ZONE_WEIGHTS[z] <= credit) continue;
    let found = wordMatch(t.word, zones[z]);
    // Another name of the same thing counts where it stands whole; no partial matching for it.
    if (found < 0.85) for (const alt of t.alts ?? []) if (holdsAlt(zones[z], alt, t.altBlockers)) found = 0.85;
    const c = found * ZONE_WEIGHTS[z];
    if (c > credit) {
      credit = c;
      zone = z;
    }
    if (credit >= 1) break;
  }
  return zone ? { credit, zone } : { credit };
}

// The kinds of hospital a name ends on (甲县中医医院, 县人民医院), one per hospital.
const HOSPITAL_KINDS = /(中医医院|中医院|中西医结合医院|妇幼保健院|妇幼保健计划生育服务中心|人民医院|中心医院|精神卫生中心|疾控中心)/g;
const kindOf = (w: string) => (w === '中医院' ? '中医医院' : w);

/** Whether the question names a kind of hospital and the figure is of another kind only. */
function otherHospital(asked: string, said: string): boolean {
  const want = new Set([...asked.matchAll(HOSPITAL_KINDS)].map((m) => kindOf(m[1]!)));
  if (!want.size) return false;
  const have = new Set([...said.matchAll(HOSPITAL_KINDS)].map((m) => kindOf(m[1]!)));
  return have.size > 0 && ![...have].some((k) => want.has(k));
}
