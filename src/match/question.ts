import type { Catalogue } from '../catalogue/indicators.js';
import { canonicalQualifiers } from '../extract/facts.js';
import { MONTH_SPAN_WORDS, monthsOf } from '../reports/metadata.js';
import { askedLevel, askedStatus, type FactStatus, type Level } from '../extract/status.js';
import { askedRank, RANK_WORDS } from '../extract/rankings.js';
import { CHANGE_BASE_WORDS, CHANGE_VERB_WORDS, changeFrameOf, directionOf, type ChangeFrame } from '../extract/change-base.js';
import type { UnitClass } from '../extract/units.js';
import { unitClass, unitsAccepted } from '../extract/units.js';
import { matchKey } from '../text/normalize.js';
import { nounAfterZai, tag, type Token } from '../text/segment.js';
import type { FactIndex } from './fact-index.js';
import { applyParaphrases, type Intents } from './intents.js';
import { isRealPlace, NOT_DISTRICT, unknownDistricts } from './question-places.js';
import { isDepartment, narrowsBy, RATE_ASKED, STATED_COUNT, YEARS_SPAN } from './question-words.js';
import type { RegionIndex, RegionInfo } from './regions.js';
import { remember } from './remember.js';
import { escapeRegExp } from '../text/regexp.js';

/** The kinds of figure a question's words ask for: a unit named in words (百分之几) outweighs one
 * its topic suggests (经费 of 经费降了百分之几 is money, but a percentage is asked). */
function preferredClasses(key: string, intents: Intents): Set<UnitClass> {
  const found = (lists: Record<string, string[]>) => new Set(Object.entries(lists).filter(([, words]) => words.some((w) => key.includes(w))).map(([cls]) => cls as UnitClass));
  const named = found(intents.questionWords.asks);
  return named.size ? named : found(intents.questionWords.prefers);
}

const PREVIOUS_PERIOD = /(?:去年|上年|上一年)同期/;

export type AnswerType = 'figure' | 'date' | 'what' | 'any';

export interface QueryToken {
  /** The word in matching form. */
  word: string;
  weight: number;
  /** What the question wrote, when a typo was corrected (智医主理 for 智医助理). */
  typed?: string;
  /** Only counts where it stands close to the figure (the 市 of 甲市示范村卫生室). */
  nearOnly?: boolean;
  /** False when no report uses the word at all. */
  known?: boolean;
  /** A noun: what a question is about rather than what is done. */
  noun?: boolean;
  /** Must stand by the figure, or the fact is no answer (an entity the reports never name). */
  required?: boolean;
  /** Other ways the word is written in reports: 省级 as 省 in 省、市示范村卫生室. */
  alts?: string[];
  /** Longer names of other things that hold an alt (乡村医生 holds 医生): no match inside them. */
  altBlockers?: string[];
  /** jieba's part of speech; x for a word jieba does not know. */
  pos?: string;
  /** 数, 数量, 总数: says "a number of", not of what. */
  generic?: boolean;
  /** 民营, 农村: narrows what is counted; a figure that does not say it answers something wider. */
  narrows?: boolean;
  /** 涨了, 下降: a word read into the frame; a figure earns it by agreeing on that slot, not by its words. */
  slot?: 'direction';
}

/** A question taken apart: what it is about, where, when, and what kind of answer it wants. */
export interface ParsedQuestion {
  text: string;
  key: string;
  /** A follow-up's topic as the question that first asked it wrote it (那乙县呢 carries 有螺面积 on). */
  topicKey?: string;
  /** The words that narrow what a figure counts (intents' narrowing): a table's caption may say one the question does not. */
  narrowing?: ReadonlySet<string>;
  /** A slash command or an intent recognized from its phrasing. */
  intent?: string;
  args?: string;
  regions: RegionInfo[];
  /** Places named that no report speaks for (北京); a question about them gets no figure. */
  unknownPlaces: string[];
  year?: number;
  /** Ages that bound the group asked about (60岁以上, 5岁以下): a figure must be of that group. */
  ages: number[];
  /** 累计: a running total is asked for. */
  cumulative?: boolean;
  /** Catalogue indicators the question names, by id. */
  indicators: string[];
  /** The indicator the question ends on (手术人次 of 集团分院手术人次同比增长多少), with its lineage. */
  head?: string[];
  /** 谁出生的娃多: a comparison of more or fewer that names no rate, which a count answers first. */
  countAsked?: boolean;
  /** 急诊人次 asked: the wider indicators' names that hold those words (门急诊人次), no answer of it. */
  headHeldIn?: { said: string; wider: string[] };
  /** 新增, 新建: the number added is asked, not the number there is. */
  added?: boolean;
  /** The month or months asked for (未市5月…, 1到5月累计). */
  months?: { from: number; to: number };
  /** 去年同期: the figure a change was measured from is asked, not the current one. */
  previous?: boolean;
  /** The institution asked about, when a report speaks for one (芜湖市申江区人民医院). */
  subject?: string;
  /** 县医院 asked with no place, where the reports speak for several: the ones it may be. */
  subjectChoices?: string[];
  /** The kinds of figure the indicator asked for is counted in (a 率 is a percentage). */
  unitClasses?: UnitClass[];
  /** The level reached (by default), a planned level, or a change. */
  status: FactStatus;
  /** For a change: what it is measured against (比上个月, 同比) and which way it went. */
  change?: ChangeFrame;
  /** 排第五的是哪个病, 最多的是什么病: the place in a ranking asked ('last' for 最少). */
  rank?: number | 'last';
  /** 全国 or 全省: the wider area's figure that a report cites for comparison. */
  level?: Level;
  type: AnswerType;
  measure?: string;
  accepts?: { classes: UnitClass[]; units?: string[] };
  prefers: UnitClass[];
  /** 收入 asked, not 支出: the other word of a pair, which a figure's measure must not say alone. */
  opposed?: { asked: string; other: string }[];
  qualifiers: string[];
  tokens: QueryToken[];
  /** "那甲市呢": a follow-up that only changes the place or the year. */
  followUp: boolean;
  compare: boolean;
}

const NAMED_HOSPITAL = /[区市县镇]?(?:第[一二三四五六七八九十\d]+)?(?:人民|中医|中西医结合|中心|妇幼|胸科|肿瘤|精神卫生|传染病|儿童|口腔|骨科|眼科|康复)(?:医院|保健院|中心)/g;
const HOSPITAL_AFTER_PLACE = /^([\u3400-\u9fff]{1,6}?(?:医院|卫生院|保健院))/;
const GENERIC_KIND = /^(基层|乡镇|镇|村|社区|各级|各类|各|一级|二级|三级|三甲|二甲|三乙|二乙|公立|民营|私立|定点|县级|市级|区级|省级|全市|全区|全县|专科|综合|医疗|互联网|中医|中西医)/;
const NOUN_TAGS = /^(n|nr|ns|nt|nz|ng|vn|eng|j|userdict)/;
// (多少万平方米, 几十个: a magnitude may stand between the question word and its measure word.)
const MEASURE = /(?:多少|几)[十百千万亿]{0,2}(个百分点|个人|人次|户次|场次|剂次|例次|平方公里|平方米|公顷|公里|吨|针|剂|起|个|家|所|处|座|项|件|种|辆|张|台|名|位|人|例|次|元|天|岁|年|倍|亩|批|条|支|类|床|间|份|钱|秒|分钟|小时)/;
// Punctuation and symbols (%, ￥, emoji…): none of them is a topic.
const PUNCT = /^[\s\p{P}\p{S}]+$/u;

export interface ParseContext {
  intents: Intents;
  regions: RegionIndex;
  index: FactIndex;
  /** Shared by every parse of one message (the question, the single figure inside a comparison). */
  typos?: TypoBudget;
}

/** The longest question parsed whole; real ones are under 30 characters. */
export const MAX_PARSED_CHARS = 60;
const QUESTION_CUE = /多少|几|吗|是否|哪|什么|怎么|如何|[?？]/;

/**
 * The question in a long message: the last sentence that asks something (a pasted paragraph
 * followed by the question), at most the limit's length. Parsing costs grow with the text.
 */
export function questionPart(text: string): string {
  if (text.length <= MAX_PARSED_CHARS) return askFirst(text);
  const sentences = text.split(/(?<=[。！？!?\n])/).map((x) => x.trim()).filter(Boolean);
  const asking = sentences.filter((x) => QUESTION_CUE.test(x)).at(-1) ?? sentences.at(-1) ?? text;
  return asking.slice(-MAX_PARSED_CHARS);
}

// A clause that asks; a question mark alone ends a clause without asking in it.
const SET_ASIDE = /^(?:不含|不包括|不计|除|除了|除去|扣除|其中|包括|含|另)|除外$|不算$/;
const PLACE_NAMED = /[省市区县镇乡]|医院|卫生院|中心|机构/;
const ASKS = /多少|几|吗|呢|是否|哪|什么|啥|谁|怎么|咋|如何|排名|排序|对比|比较/;

/**
 * 门急诊量是多少？甲区人民医院: the subject named after the asking clause is put before it, so
 * the question ends on what it asks, as it does when written the usual way round.
 */
export function askFirst(text: string): string {
  const clauses = text.split(/(?<=[?？,，;；])/);
  let last = clauses.length - 1;
  while (last > 0 && !ASKS.test(clauses[last]!)) last--;
  if (last === clauses.length - 1 || !ASKS.test(clauses[last]!)) return text;
  const tail = clauses.slice(last + 1).join('').replace(/[?？,，;；。\s]+$/, '');
  // Only a place or an institution is moved: 谢谢 after the question is no part of it.
  // (不包括民营医院, 其中…: a part set aside or singled out is no subject.)
  return tail && PLACE_NAMED.test(tail) && !SET_ASIDE.test(tail) ? `${tail}，${clauses.slice(0, last + 1).join('')}` : text;
}

export function parseQuestion(text: string, ctx: ParseContext): ParsedQuestion {
  const { intents, regions, index } = ctx;
  const trimmed = questionPart(text.trim());
  const key = intents.synonyms.apply(applyParaphrases(matchKey(trimmed), intents.paraphrases));
  const base: ParsedQuestion = {
    text: trimmed,
    key,
    regions: [],
    unknownPlaces: [],
    status: 'actual',
    indicators: [],
    ages: [],
    type: 'any',
    prefers: [],
    qualifiers: [],
    tokens: [],
    followUp: false,
    compare: false,
  };

  // Slash commands first: "/reload", "/why 乙市床位".
  const cmd = /^\/(\S+)\s*(.*)$/.exec(trimmed);
  if (cmd) {
    const name = `/${cmd[1]!.toLowerCase()}`;
    for (const def of intents.defs.values()) {
      if (def.commands.includes(name)) return { ...base, intent: def.name, args: cmd[2]!.trim() };
    }
    return { ...base, intent: 'unknown_command', args: name };
  }

  // The question in the reports' words, for its topic and for the indicators it names.
  const inReportWords = inCorpusWords(key, ctx);
  let rest = inReportWords;
  const levels = levelsHospital(rest, index, regions);
  const subject = findSubject(rest, index) ?? placesHospital(rest, index, regions) ?? (levels?.length === 1 ? levels[0] : undefined);
  const subjectChoices = !subject && levels && levels.length > 1 ? levels.map((s) => s.name) : undefined;
  if (subject) rest = rest.replace(subject.text, ' ');
  const scan = regions.scan(rest);
  // 济宁市第一人民医院: a hospital named after the place is asked about only where the report
  // names it; 济宁三级医院 and 乙市基层卫生院 are kinds of hospital, not names.
  const entities: string[] = [];
  for (const m of scan.mentions) {
    // 甲县医院 is the county's hospital; 甲医院 of 甲医院诊疗人次是基层的几倍 is a kind of institution.
    const after = rest.slice(m.index + m.text.length);
    const name = /[县区]$/.test(m.text) && after.startsWith('医院') ? '医院' : HOSPITAL_AFTER_PLACE.exec(after)?.[1];
    // 巳市去年同期医院…: words of time between the place and 医院 name no hospital.
    if (name && !GENERIC_KIND.test(name) && !/[年月期]/.test(name)) entities.push(name);
  }
  // 区中医医院, 市第一人民医院: a hospital named by its kind is one hospital, not all of them.
  for (const m of rest.matchAll(NAMED_HOSPITAL)) {
    // 邵东市人民医院: a place no report names, right before 市人民医院, is part of the hospital's name.
    const before = /^[区市县镇]/.test(m[0]) ? tag(rest.slice(Math.max(0, m.index - 6), m.index)).at(-1) : undefined;
    const named = before && /^[\u3400-\u9fff]{2,3}$/.test(before.word) && (before.tag === 'ns' || index.df(before.word) === 0) ? before.word + m[0] : m[0];
    if (!entities.some((e) => e.includes(named) || named.includes(e))) entities.push(named);
  }
  // BSL-3, BSL3: a code joined to its number names one kind; a figure of BSL-2 is another's. Kept
  // without its hyphen, as the figure's sentence is read (codeForm).
  // (Read off the question as typed: D2B 90分钟 is no code D2B90.)
  for (const m of trimmed.toLowerCase().matchAll(LATIN_CODE)) {
    const code = codeForm(m[0]);
    if (!entities.includes(code) && codeForm(rest).includes(code)) entities.push(code);
  }
  const mentions = [...scan.mentions];
  // 甲市级临床重点专科: with no other place named, the place of the rank is the place asked.
  if (mentions.length === 0 && scan.ranks.length > 0) {
    const rank = scan.ranks[0]!;
    const keepSuffix = /[市区县省]$/.test(rank.text) ? 1 : 0;
    mentions.push({ ...rank, text: rank.text.slice(0, rank.text.length - keepSuffix) });
  }
  const found: RegionInfo[] = [];
  const subjectRegion = subject ? regions.byName.get(placeOfInstitution(subject, regions)) : undefined;
  if (subjectRegion) found.push(subjectRegion);
  const nearTokens: QueryToken[] = [];
  for (const m of mentions) {
    if (!found.includes(m.region)) found.push(m.region);
    // 甲市示范村卫生室: the 市 may belong to the topic (市示范村) rather than the place.
    const after = rest.slice(m.index + m.text.length);
    if (/[市区县省]$/.test(m.text) && after && !/^[的有是,，?？]/.test(after)) {
      nearTokens.push({ word: m.text.slice(-1) + after.slice(0, 2), weight: 0.5, nearOnly: true });
    }
  }
  for (const m of [...mentions].sort((a, b) => b.index - a.index)) {
    rest = rest.slice(0, m.index) + ' ' + rest.slice(m.index + m.text.length);
  }
  const unknownPlaces: string[] = [...scan.others, ...unknownDistricts(rest, regions)];
  for (const o of unknownPlaces) rest = rest.split(o).join(' ');
  // 瑞按 (瑞安 mistyped) is cut by jieba into single characters: try the opening words as a place.
  if (found.length === 0) {
    const head = rest.trimStart();
    for (const len of [3, 2]) {
      const word = head.slice(0, len);
      if (word.length < len || !/^[\u3400-\u9fff]+$/.test(word) || index.df(word) > 0 || isRealPlace(word)) continue;
      const place = regions.fuzzy(word);
      if (place) {
        found.push(place);
        rest = head.slice(len);
        break;
      }
    }
  }

  let year: number | undefined;
  // 22年巳市…: a year written with two digits, as people type it in chat.
  rest = rest.replace(/(?<![\d近过去这前后多第每])([1-4]\d)年(?!来|间|内|以来|后|前|多|左右)/g, (_m, yy: string) => `20${yy}年`);
  // Four digits inside a longer number (2702112) are no year.
  rest = rest.replace(/(?<!\d)((?:19|20)\d{2})(?![\d.])年?(底|末|初|上半年|下半年|全年|度)?/g, (m, y: string, _s: unknown, at: number) => {
    // 比2020年长了多少: the base of a change; 不是2025那个: a year ruled out. Neither is the year asked.
    if (!/(比|较|与|同|跟|和|不是|不要|而非)$/.test(rest.slice(Math.max(0, at - 2), at)) && year === undefined) year = Number(y);
    return /(比|较|与|同|跟|和)$/.test(rest.slice(Math.max(0, at - 1), at)) ? m : ' ';
  });

  // 比上个月, 同比, 比2020年: the base of a change asked is a slot of its own.
  const status = askedStatus(key);
  if (status === 'change') rest = rest.replace(CHANGE_BASE_WORDS, ' ');
  // 去年同期 of a level question says which period, not what: the slot `previous`.
  else rest = rest.replace(new RegExp(PREVIOUS_PERIOD, 'g'), ' ');
  // 5月, 5月份: the month is a slot of its own, not a topic word.
  rest = rest.replace(MONTH_SPAN_WORDS_ALL, ' ');
  // "近3000个", "一千多个吧", "那3个中心": a count the asker states is a guess or a description,
  // never the figure asked, nor a topic word.
  rest = rest.replace(STATED_COUNT, ' ');
  // 这三年, 近5年来: a span of years (the report's own 三年来) is no topic word.
  rest = rest.replace(YEARS_SPAN, ' ');
  rest = rest.replace(/(?<!\d)\d{1,2}\s*(?:月)?\s*(?:—|-|~|到|至)\s*\d{1,2}月份?|(?<![\d—\-~到至])\d{1,2}月份?(?!\s*[—\-~到至]|\d|[日号])(?:当月)?/g, ' ');
  // Words that say a plan or a change was asked are read into the status; facts of that status
  // all share them, so they tell none apart.
  rest = rest.replace(STATUS_WORDS[status], ' ');
  const prefers = preferredClasses(key, intents);
  const keyQualified = canonicalQualifiers(key);
  const qualifiers = intents.qualifiers.filter((q) => keyQualified.includes(q));
  rest = canonicalQualifiers(rest);
  // 每千人口 is matched whole (jieba cuts it as 每千人 + 口) and weighs little: the qualifier
  // check decides per-capita against total, the topic words decide which measure.
  const qualifierTokens: QueryToken[] = [];
  for (const q of [...qualifiers].sort((a, b) => b.length - a.length)) {
    if (rest.includes(q)) {
      rest = rest.split(q).join(' ');
      qualifierTokens.push({ word: q, weight: 0.3 * weightOf(q, 'n', intents, index) });
    }
  }
  const compare = (intents.defs.get('compare')?.markers ?? []).some((w) => key.includes(w));

  let type: AnswerType = 'any';
  let measure: string | undefined;
  // 药占比, 病床使用比例: a question word inside an indicator's name is part of the topic.
  // The lists come longest first (intents.ts); the catalogue is looked up only once a word is there.
  const strip = (words: string[]) => {
    let hit = false;
    let named: readonly { index: number; text: string }[] | undefined;
    const inside = (at: number, len: number) =>
      (named ??= intents.catalogue.find(rest)).some((m) => at >= m.index && at + len <= m.index + m.text.length && m.text.length > len);
    for (const w of words) {
      let at = rest.indexOf(w);
      while (at >= 0) {
        if (!inside(at, w.length)) {
          rest = rest.slice(0, at) + ' '.repeat(w.length) + rest.slice(at + w.length);
          hit = true;
        }
        at = rest.indexOf(w, at + w.length);
      }
    }
    return hit;
  };
  if (strip(intents.questionWords.date)) type = 'date';
  // 哪几种病, 哪几个区: names are asked for, not how many.
  if (/哪几/.test(rest)) {
    rest = rest.replace(/哪几[个种家类项所位名]?/g, ' ');
    type = 'what';
  }
  // 涨了多少, 提高了几个百分点: the direction of a change asked is read into its frame.
  const verbs = status === 'change' ? rest.match(CHANGE_VERB_WORDS) ?? [] : [];
  if (status === 'change') rest = rest.replace(CHANGE_VERB_WORDS, ' ');
  const mm = type === 'what' ? null : MEASURE.exec(rest);
  // 多少名医基层工作站: 名 starts the word 名医 here, it is not a measure word.
  if (mm && !gluedToNextWord(rest, mm.index + mm[0].length - mm[1]!.length, mm[1]!)) {
    measure = mm[1] === '钱' ? '元' : mm[1]!;
    rest = rest.replace(mm[0], ' ');
    type = 'figure';
  }
  // 提升了多少个: the measure word says what kind of figure is asked, whatever the verb suggests.
  const measureClass = measure ? unitClass(measure) : undefined;
  // 规范管理率, 病死率: a rate is asked, whichever question word comes with it.
  if (!measure && RATE_ASKED.test(rest)) prefers.add('percent');
  if (measureClass && measureClass !== 'percent') prefers.delete('percent');
  // 经费…是十年前的几倍: the measure word names the kind, whatever the topic's usual kind is.
  if (measure) for (const cls of prefers) if (!unitsAccepted(measure).classes.includes(cls)) prefers.delete(cls);
  if (strip(intents.questionWords.figure) && type === 'any') type = 'figure';
  if (type === 'any' && strip(intents.questionWords.what)) type = 'what';
  if (prefers.size && type === 'any') type = 'figure';
  // A change asked is a figure, unless its date is asked.
  if (status === 'change' && type === 'any') type = 'figure';
  // 第一的是什么病, 哪个街道最多: a name is asked by its place in a ranking.
  const rank = type === 'what' ? askedRank(rest) : undefined;
  if (rank !== undefined) rest = rest.replace(RANK_WORDS, ' ').replace(/排名?|居/g, ' ');
  const followUp = /^(那|那么|还有)/.test(key) || /呢[?？]?$/.test(key);
  rest = rest.replace(/^(那么|那|还有)/, ' ').replace(/呢/g, ' ');

  // What is left is the topic. An indicator the catalogue names (三甲医院) is one word, matched
  // in any of the ways the reports write it (三级甲等医院).
  const tokens: QueryToken[] = indicatorTokens(rest, ctx);
  for (const t of tokens) rest = rest.replace(t.typed ?? t.word, ' ');
  // 记者说, 发布会上: a chat phrase jieba cuts in two is dropped whole.
  rest = rest.replace(longFillerPattern(intents), ' ');
  const words = joinedSingles(withGrades(tag(rest)).filter((t) => !PUNCT.test(t.word)), rest).filter((t) => !intents.filler.has(t.word));
  for (const [w, raw] of words.entries()) {
    // 建了 → 建: an aspect particle glued to a verb carries no topic.
    const t = raw.word.length >= 2 && /[了过着]$/.test(raw.word) && !/^(为了|除了|罢了|算了|极了|接着|随着|沿着|通过|不过|经过|超过)$/.test(raw.word) ? { ...raw, word: raw.word.slice(0, -1) } : raw;
    // 床位数 → 床位 + 数: reports often write the thing without the generic "number of".
    const generic = /^(.{2,})(总数|数量|总量|人数|次数|个数|台次|例次|户次|数|量)$/.exec(t.word);
    if (generic && index.df(t.word) < index.df(generic[1]!)) {
      tokens.push({ word: generic[1]!, weight: weightOf(generic[1]!, t.tag, intents, index), pos: t.tag, ...(NOUN_TAGS.test(t.tag) || t.tag === 'x' ? { noun: true } : {}) });
      tokens.push({ word: generic[2]!, weight: weightOf(generic[2]!, t.tag, intents, index) * 0.3, generic: true });
      continue;
    }
    // (jieba tags 满意度 as a place: a word of three or more ending as measures end names none; 印度 does.)
    if (t.tag === 'ns' && !regions.isKnown(t.word) && !NOT_DISTRICT.test(t.word) && !/^.{2,}[度率量数比额费]$/.test(t.word) && !/^(城市|农村|城乡|城镇|乡村|全国|全省|国家|中国|国内|省内|市内|县域|区域|地方)$/.test(t.word)) {
      const fuzzy = found.length === 0 ? regions.fuzzy(t.word) : undefined;
      if (fuzzy && index.df(t.word) === 0) {
        found.push(fuzzy);
        continue;
      }
      // (甲沙市 read as 甲|沙市: a single character before the name, no word of its own, is its first.)
      const before = words[w - 1];
      const first = before && before.word.length === 1 && /^[\u3400-\u9fff]$/.test(before.word) && !/^(p|c|u|uj|ul|r|d|v|f|q|zg|y|e)$/.test(before.tag) ? before.word : '';
      unknownPlaces.push(first && rest.includes(first + t.word) ? first + t.word : t.word);
    }
    const known = index.df(t.word) > 0;
    tokens.push({
      word: t.word,
      pos: t.tag,
      weight: weightOf(t.word, t.tag, intents, index),
      ...(known ? {} : { known: false }),
      ...(NOUN_TAGS.test(t.tag) || (t.tag === 'x' && t.word.length >= 3) ? { noun: true } : {}),
      ...(intents.generic.has(t.word) ? { generic: true } : {}),
      // 心内科, 儿科: a department narrows the question to its own figures.
      ...(narrowsBy(t.word, intents.narrowing) || isDepartment(t.word) ? { narrows: true } : {}),
      // A long name no report uses (北京安贞医院), or a word that narrows a known one (民营 of
      // 民营医院), is something the bot knows nothing of.
      ...(!known && ((t.word.length >= 4 && /^n/.test(t.tag)) || /^(b|a|j)$/.test(t.tag) || isDepartment(t.word)) ? { required: true } : {}),
      ...(/^[省市县区国]级$/.test(t.word) ? { alts: [t.word[0]!] } : {}),
    });
  }

  // 负压 of "负压救护车" where a report counts 负压救护车 apart: a kind, which narrows the question.
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (next && !t.narrows && !t.generic && t.known !== false && t.word.length >= 2 && next.noun && index.namesKind(t.word, next.word)) t.narrows = true;
  });

  // 医生 → also 执业(助理)医师: other names the catalogue gives the same indicator, as reports write
  // them; 住院 of "住院的有多少人次" with its measure word is 住院人次, which reports write 入院人次.
  for (const t of tokens) {
    const alts = [...catalogueAlts(t.word, ctx), ...(measure ? catalogueAlts(t.word + measure, ctx) : [])];
    if (alts.length) t.alts = [...new Set([...(t.alts ?? []), ...alts])].filter((a) => a !== t.word);
    const blockers = t.alts ? altBlockers(t.word, t.alts, ctx) : [];
    if (blockers.length) t.altBlockers = blockers;
    // 参保人数 of "午区参保38.46万人": a count's name without its count word, the unit saying it.
    const counted = COUNT_WORD_END.exec(t.word)?.[1];
    if (counted && index.df(counted) > 0) t.alts = [...new Set([...(t.alts ?? []), counted])];
  }
  // A word the reports never use may be a typo: of a place, or of a word they do use.
  const corrected = correctTypos(tokens, found.length === 0, ctx, found);
  const measureAccepts = measure ? unitsAccepted(measure) : undefined;
  const kept = corrected.filter((t) => t.word.length > 0);
  // 乡真卫生院 read as 乡镇卫生院: a name with a typo in it is the kind the corrected word names.
  for (const t of corrected) {
    if (!t.typed) continue;
    for (let i = entities.length - 1; i >= 0; i--) if (entities[i]!.includes(t.typed) && GENERIC_KIND.test(entities[i]!.replace(t.typed, t.word))) entities.splice(i, 1);
  }
  // "C级医院中有几家是中医医院": the kind asked among a whole must be what the figure counts.
  const part = PART_ASKED.exec(key)?.[1];
  if (part) for (const t of kept) if (t.word.length >= 2 && part.startsWith(t.word) && t.noun) t.required = true;
  const phrase = matchIntentPhrase(key, intents);
  // "你好" is help; "你好，乙市床位多少张" is a question.
  const isIntent = phrase && (phrase.exact || kept.every((t) => t.known === false || t.weight < 0.5));
  const level = askedLevel(key, found.some((r) => /省$/.test(r.name)));
  const asked = intents.catalogue.find(inReportWords).map((m) => m.indicator.id);
  // (出院人次甲县医院: the institution said last is whom, not what: 医院 is no head indicator.)
  const topicWords = subject ? inReportWords.replace(subject.text, ' ') : inReportWords;
  const headIndicator = headIndicatorOf(topicWords.replace(CHANGE_BASE_WORDS, '').replace(CHANGE_VERB_WORDS, ''), intents);
  // 比4月: the month of a change's base is not the month asked.
  const months = monthsOf(key.replace(/[比较与跟同]\d{1,2}月份?/g, ' '));
  // The direction is read from the verb asked only: 高 of 高血压 points nowhere.
  const direction = directionOf(verbs.join(' '));
  const change: ChangeFrame | undefined =
    status === 'change' ? { bases: changeFrameOf(key, { ...(months ? { month: months.to } : {}), ...(year ? { year } : {}) }).bases, ...(direction ? { direction } : {}) } : undefined;
  return {
    ...base,
    ...(isIntent ? { intent: phrase.name } : {}),
    status,
    ...(change ? { change } : {}),
    ...(rank !== undefined ? { rank } : {}),
    indicators: [...new Set(asked)],
    ...(headIndicator ? { head: intents.catalogue.lineage(headIndicator.indicator.id), ...heldIn(headIndicator.text, headIndicator.indicator.id, intents.catalogue) } : {}),
    ...(/累计|总共|一共|合计/.test(key) ? { cumulative: true } : {}),
    ages: [...key.matchAll(/(\d{1,3})\s*(?:周)?岁/g)].map((m) => Number(m[1])),
    ...(/新增|新建|新开|新设|新招|新引进|新签约|新培养|新认定|新创建/.test(key) ? { added: true } : {}),
    ...(months ? { months } : {}),
    ...(status !== 'change' && PREVIOUS_PERIOD.test(key) ? { previous: true } : {}),
    ...unitClassesOf(subject ? key.replace(subject.text, ' ') : key, intents),
    ...(subject ? { subject: subject.name } : {}),
    ...(subjectChoices ? { subjectChoices } : {}),
    ...(level ? { level } : {}),
    // 戊市渭滨区: the district is asked about; its city only says where it lies.
    regions: found.filter((r) => !found.some((o) => o !== r && regions.within(o.name, r.name))),
    unknownPlaces: unknownPlaces.filter((p) => !found.some((r) => r.aliases.includes(p))),
    ...(year ? { year } : {}),
    type,
    ...(measure ? { measure } : {}),
    // 哪家医院, 哪个区: the measure word of a "which" question counts nothing.
    ...(measureAccepts && measureAccepts.classes.length && type !== 'what' ? { accepts: measureAccepts } : {}),
    prefers: [...prefers],
    ...opposedIn(key, intents),
    qualifiers,
    narrowing: intents.narrowing,
    tokens: boundedTokens([...kept, ...qualifierTokens, ...(change?.direction ? [{ word: verbs.join('').replace(/\s+/g, ''), weight: DIRECTION_WEIGHT, slot: 'direction' as const }] : []), ...nearTokens, ...entities.map((e) => ({ word: e, weight: 0, required: true, nearOnly: true }))]),
    followUp,
    compare: compare || found.length > 1,
  };
}

/** The most words of one question scored against each fact: the longest of 1,112 questions in the sets holds 11. */
const MAX_QUESTION_TOKENS = 16;

/**
 * Each word once (床位床位床位… is asked once), and no more than the limit: the required ones
 * and then the heaviest, in the question's order. Scoring costs words × candidate facts.
 */
export function boundedTokens(tokens: QueryToken[]): QueryToken[] {
  const seen = new Set<string>();
  const once = tokens.filter((t) => {
    const k = `${t.word}\u0000${t.nearOnly ?? ''}\u0000${t.required ?? ''}\u0000${t.slot ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (once.length <= MAX_QUESTION_TOKENS) return once;
  const ranked = [...once].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false) || b.weight - a.weight);
  const kept = new Set(ranked.slice(0, MAX_QUESTION_TOKENS));
  return once.filter((t) => kept.has(t));
}

const MONTH_SPAN_WORDS_ALL = new RegExp(MONTH_SPAN_WORDS.source, 'g');

/** What the verb of a change asked (涨了, 下降) weighs: about a common word's weight. */
const DIRECTION_WEIGHT = 2.5;

const STATUS_WORDS: Record<FactStatus, RegExp> = {
  actual: /(?!)/g,
  target: /目标值?|任务(?:数|量)?|要达到|要到|要提到|要降到|要争取|力争|争取|计划|打算|达到|要/g,
  // Which change (同比, 比上月, 比全国) is asked is read into the change frame instead; 变化
  // says only that a change is asked.
  change: /变化了?|变动|增减/g,
};

const CLASSES_OF_UNIT: Record<string, UnitClass[]> = {
  count: ['count', 'person'],
  person: ['person', 'visit', 'count'],
  visit: ['visit', 'person'],
  percent: ['percent'],
  rate: ['percent'],
  money: ['money'],
  duration: ['duration'],
  multiple: ['multiple', 'percent'],
  area: ['area'],
};

/** The indicator a question ends on: what it asks for (胸科医院…的建设面积 asks an area). */
const TIME_AFTER = /(?:离|距)?(?:今年|去年|前年|明年|本年|当年|全年|(?:19|20)\d{2}年)/g;

function headIndicatorOf(key: string, intents: Intents) {
  const head = intents.catalogue.find(key).at(-1);
  // (…离今年, …2024年: a time said after the indicator leaves it the one asked.)
  const after = head ? key.slice(head.index + head.text.length).replace(TIME_AFTER, '').replace(/[的是有多少几个家人张天次现在目前一共总共共计大概约呢吗啊呀吧么?？,，。!！\s]/g, '') : '';
  return head && after === '' ? head : undefined;
}

/** The names of the wider indicators of the one asked that hold its words (门急诊人次 holds 急诊人次). */
function heldIn(said: string, id: string, catalogue: Catalogue): { headHeldIn?: { said: string; wider: string[] } } {
  const wider = catalogue.lineage(id).slice(1).flatMap((w) => catalogue.formsOf(w)).filter((f) => f !== said && f.includes(said));
  return wider.length ? { headHeldIn: { said, wider: wider.sort((a, b) => b.length - a.length) } } : {};
}

function opposedIn(key: string, intents: Intents): { opposed?: { asked: string; other: string }[] } {
  const out: { asked: string; other: string }[] = [];
  for (const [a, b] of intents.opposites) {
    if (key.includes(a) && !key.includes(b)) out.push({ asked: a, other: b });
    else if (key.includes(b) && !key.includes(a)) out.push({ asked: b, other: a });
  }
  return out.length ? { opposed: out } : {};
}

/** A级, C类: a letter and its grade word are one word, which jieba cuts in two. */
function withGrades(words: Token[]): Token[] {
  const out: Token[] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    // (ab型, o型: a blood group of two letters too.)
    if (last && (/^[a-z]$/.test(last.word) || (/^(?:ab|rh)$/.test(last.word) && w.word === '型')) && /^(级|类|等|型)$/.test(w.word)) out[out.length - 1] = { word: last.word + w.word, tag: 'n' };
    else out.push(w);
  }
  return out;
}

/**
 * 上转患者 cut as 上|转|患者: a direction said alone before a verb said alone is one word with it, so
 * that 上 is not found in 较上年 beside a 下转 figure.
 */
function joinedSingles(words: Token[], text: string): Token[] {
  const out: Token[] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    const direction = last && /^[上下内外前后进出]$/.test(last.word) && last.tag === 'f';
    // (在岗, 在册: 在 and the one-character noun after it, which jieba cuts apart, are one word.)
    const standing = last?.word === '在' && last.tag === 'p' && nounAfterZai(w);
    if (direction && /^[\u3400-\u9fff]$/.test(w.word) && w.tag === 'v' && text.includes(last!.word + w.word)) out[out.length - 1] = { word: last!.word + w.word, tag: 'v' };
    else if (standing && text.includes(`在${w.word}`)) out[out.length - 1] = { word: `在${w.word}`, tag: 'n' };
    else out.push(w);
  }
  return out;
}

const LATIN_CODE = /(?<![a-z\d])[a-z]{1,5}-?\d{1,2}(?![a-z\d.%])/g;
// A code's letters and number written together, whether the text puts a hyphen between (bsl-3 → bsl3).
export const codeForm = (text: string) => text.replace(/(?<=[a-z])-(?=\d)/g, '');
// A code so kept: letters, then its number.
export const CODE_WORD = /^[a-z]{1,5}\d{1,2}$/;
const PART_ASKED = /中(?:有)?(?:多少|几)(?:家|个|所|名|人|位)?是([\u3400-\u9fff]{2,10})/;
const COUNT_WORD_END = /^([\u3400-\u9fff]{2,})(?:人数|人次数|户数|家数|个数)$/;
const COUNT_SAID = /[\u3400-\u9fff](?:人数|例数|户数|家数)(?!率|比例|比重|占)/;
const RATE_ENDS = new RegExp(`${RATE_ASKED.source}(?:是|为|有|达到|能|在)?(?:多少|几|怎么样|咋样|如何)?[吗呢啊呀]?[?？。!！\\s]*$`);
const COUNT_ASKED = /(?:人数|人次|个数|数量|总数|家数)(?:是|有|要|将|能|会|可|达到|为|一共|共|总共)*(?:多少|几)/;

/** The figure kinds of the indicator a question ends on: 签约率 wants a percentage, not 146支. */
function unitClassesOf(key: string, intents: Intents): { unitClasses?: UnitClass[] } {
  // 婴儿死亡人数: a count of those the rate is of, whatever the catalogue reads of 婴儿死亡.
  if (COUNT_SAID.test(key)) return { unitClasses: ['person', 'visit', 'count'] };
  const head = headIndicatorOf(key, intents);
  const classes = head ? CLASSES_OF_UNIT[head.indicator.unit] : undefined;
  if (classes) return { unitClasses: classes };
  // "…占多少", "占几成": a share is asked.
  if (/占(?:多少|几|百分之|比|总数的?多少)/.test(key)) return { unitClasses: ['percent'] };
  // 救治成功率多少: a rate the catalogue does not know is still a rate, which no count answers.
  if (RATE_ENDS.test(key)) return { unitClasses: ['percent'] };
  // "村医人数要达到多少": a number of people or things, not a share of them.
  return COUNT_ASKED.test(key) ? { unitClasses: ['person', 'visit', 'count'] } : {};
}

/**
 * 申江区人民医院 of "申江区人民医院门急诊多少人次": an institution a report speaks for, named
 * in full or without its city (芜湖市).
 */
function findSubject(text: string, index: FactIndex): { name: string; region: string; text: string } | undefined {
  let best: { name: string; region: string; text: string } | undefined;
  for (const { key, cores, s } of subjectNames(index)) {
    const hit = text.includes(key) ? key : cores.filter((c) => saidIn(text, c) >= 0).sort((a, b) => b.length - a.length)[0];
    if (hit && (!best || hit.length > best.text.length)) best = { ...s, text: hit };
  }
  return best;
}

// Words a city's own institution (市中医院) may follow; any other name before it (全市, 乙市) is another's.
const BEFORE_CITYS_OWN = /[那的和跟与及、比同较在是,，。?？\s]/;

/** Where a text says a name, or -1: a short form opening on 市 only where no other name runs into it. */
function saidIn(text: string, name: string): number {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!name.startsWith('市') || at === 0 || BEFORE_CITYS_OWN.test(text[at - 1]!)) return at;
  }
  return -1;
}

// Each store's institutions by every form they are said in, worked out once, not per question.
// (Said as a question's key says it too: 三台人民医院 is 3台人民医院 there.)
const formsCache = new WeakMap<FactIndex, { forms: string[]; s: { name: string; region: string } }[]>();
function institutionForms(index: FactIndex): { forms: string[]; s: { name: string; region: string } }[] {
  return remember(formsCache, index, () => subjectNames(index).map(({ key, cores, s }) => ({ forms: [...new Set([key, ...cores].flatMap((c) => [c, matchKey(c)]))], s })));
}

/**
 * Every institution a text names (甲市中心医院和乙县人民医院), in the order said; where two names
 * overlap, the longer is the one said.
 */
export function institutionsNamed(text: string, index: FactIndex): { name: string; region: string; text: string; at: number }[] {
  const hits: { name: string; region: string; text: string; at: number }[] = [];
  for (const { forms, s } of institutionForms(index)) {
    for (const said of forms) {
      const at = saidIn(text, said);
      if (at >= 0) hits.push({ ...s, text: said, at });
    }
  }
  const out: typeof hits = [];
  for (const h of hits.sort((a, b) => b.text.length - a.text.length)) {
    const overlaps = out.some((o) => h.at < o.at + o.text.length && o.at < h.at + h.text.length);
    if (!overlaps && !out.some((o) => o.name === h.name)) out.push(h);
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * 青川医院, 青川区医院: a place's hospital said short, when the reports speak for exactly one
 * hospital of that county or district (青川市青川区人民医院), or for its 人民医院 beside others
 * (a 县医院 is the county's 人民医院, not its 中医院).
 */
function placesHospital(text: string, index: FactIndex, regions: RegionIndex): { name: string; region: string; text: string } | undefined {
  const hospitals = hospitalsByPlace(index, regions);
  for (const [place, own] of hospitals) {
    const info = regions.byName.get(place);
    // (A city's 医院 of 甲市医院诊疗人次 is its hospitals as a kind, not one of them; a county-level
    // city's, one under another city, is its own hospital as a county's is.)
    if (!info || !(/[县区旗]$/.test(place) || (/市$/.test(place) && /[市州盟]$/.test(info.parent ?? '')))) continue;
    const general = own.find((s) => s.name.endsWith(`${place}人民医院`) || s.name.endsWith(`${place}医院`)) ?? (own.length === 1 && GENERAL_HOSPITAL.test(own[0]!.name) ? own[0] : undefined);
    if (!general) continue;
    const said = [...info.aliases].sort((a, b) => b.length - a.length).map((a) => `${a}医院`).find((w) => text.includes(w));
    if (said) return { ...general, text: said };
  }
  return undefined;
}

/**
 * The place an institution is of: its report's when its name says it (甲市乙区人民医院 of 乙区), else
 * the place its name opens with (甲县 of 甲县人民医院, a row of its city's notice).
 */
function placeOfInstitution(s: { name: string; region: string }, regions: RegionIndex): string {
  if (s.name.includes(s.region)) return s.region;
  return regions.scan(s.name).mentions.find((m) => m.index === 0)?.region.name ?? s.region;
}

// Whether the reports give figures of a kind of hospital (县医院病床使用率), worked out once a store.
const kindsCache = new WeakMap<FactIndex, Map<string, boolean>>();
function kindMeasured(index: FactIndex, kind: string): boolean {
  const known = remember(kindsCache, index, () => new Map<string, boolean>());
  let hit = known.get(kind);
  if (hit === undefined) {
    const lead = new RegExp(`^(?:其中|全市|全县|全区|全省|各)?${kind}`);
    hit = index.facts.some((f) => lead.test(f.frame.metric));
    known.set(kind, hit);
  }
  return hit;
}

// A place's general hospital (甲市甲区人民医院, 甲县第一人民医院), not its 中医院 or 妇幼保健院.
const GENERAL_HOSPITAL = /(?:人民医院|[县区市]医院)$/;

// Each store's hospitals by the place they are of, worked out once, not per question.
const hospitalsCache = new WeakMap<FactIndex, Map<string, { name: string; region: string }[]>>();

/**
 * The hospitals the reports speak for, by place: the place their name opens with (甲县 of 甲县人民医院,
 * a row of its city's notice), else their report's.
 */
function hospitalsByPlace(index: FactIndex, regions: RegionIndex): Map<string, { name: string; region: string }[]> {
  return remember(hospitalsCache, index, () => {
    const out = new Map<string, { name: string; region: string }[]>();
    const names = new Set<string>();
    for (const s of index.subjects.values()) {
      if (!/医院$/.test(s.name) || names.has(s.name)) continue;
      names.add(s.name);
      const place = placeOfInstitution(s, regions);
      out.set(place, [...(out.get(place) ?? []), s]);
    }
    return out;
  });
}

// 县医院, 区人民医院 said with no place before them: the level's own hospital.
// (Its match is the words said alone: the question's choices are written over them.)
export const LEVEL_HOSPITAL = /(?:(?<![\u3400-\u9fff])|(?<=[的跟和与比及、]))([县区])(?:人民)?医院/;

/**
 * 县医院骨科…: staff of a county say 县医院 for their county's hospital. With no place named in
 * the question, it is the hospitals of that level the reports speak for: one is the answer's, several
 * are the choices to ask about.
 */
function levelsHospital(text: string, index: FactIndex, regions: RegionIndex): { name: string; region: string; text: string }[] | undefined {
  const m = LEVEL_HOSPITAL.exec(text);
  if (!m || regions.scan(text).mentions.length > 0) return undefined;
  const [said, level] = [m[0], m[1]!];
  // (其中县医院病床使用率82.3%: where the reports give figures of it, it is their kind of hospital.)
  if (kindMeasured(index, said)) return undefined;
  const own = [...hospitalsByPlace(index, regions).values()].flat().filter((s) => s.name.endsWith(`${level}人民医院`) || s.name.endsWith(`${level}医院`));
  return own.length ? own.map((s) => ({ ...s, text: said })) : undefined;
}

// The chat phrases of three characters or more, as one pattern built once per intents.
const fillerPatterns = new WeakMap<Intents, RegExp>();
function longFillerPattern(intents: Intents): RegExp {
  return remember(fillerPatterns, intents, () => {
    const long = [...intents.filler].filter((w) => w.length >= 3).sort((a, b) => b.length - a.length);
    return long.length ? new RegExp(long.map(escapeRegExp).join('|'), 'g') : /(?!)/g;
  });
}

// A hospital's name that any place's hospital may bear.
const GENERIC_HOSPITAL = /^(?:人民医院|中医院|中医医院|妇幼保健院|中西医结合医院)$/;
// Each store's institutions with and without their city, worked out once, not per question.
const subjectsCache = new WeakMap<FactIndex, { key: string; cores: string[]; s: { name: string; region: string } }[]>();
function subjectNames(index: FactIndex): { key: string; cores: string[]; s: { name: string; region: string } }[] {
  return remember(subjectsCache, index, () => unambiguous(allSubjectNames(index)));
}

const CHINESE_DIGIT: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** 甲省乙市四〇四医院 said by its number: 四〇四医院, 404医院, 四〇四. */
function codeNames(key: string): string[] {
  const m = /[一二三四五六七八九][〇零][〇零一二三四五六七八九]|[一二三四五六七八九]{2}[〇零]/.exec(key);
  if (!m) return [];
  const digits = [...m[0]].map((c) => CHINESE_DIGIT[c]).join('');
  const rest = key.slice(m.index + m[0].length);
  return [`${m[0]}${rest}`, `${digits}${rest}`, m[0]];
}

/**
 * 甲市第一人民医院 said as 市一院, 甲市一院; 甲市第三中心医院 as 三中心, 第三中心医院: a numbered
 * hospital by its number, as staff shorten it.
 */
function numbered(key: string): string[] {
  const m = /^([\u3400-\u9fff]{2,3}市)?第([一二三四五六七八九十]{1,3})(人民医院|中心医院|医院)$/.exec(key);
  // (甲县第一人民医院 said as 甲县一院, 甲一医, as a county's staff shorten it.)
  const county = /^([\u3400-\u9fff]{2,3}?)([县区旗])第([一二三四五六七八九十]{1,3})(?:人民医院|医院)$/.exec(key);
  if (county) {
    const [, place, level, n] = county;
    return [`${place}${n}医`, `${place}${n}院`, `${place}${level}${n}院`, `${place}${level}${n}医`];
  }
  if (!m) return [];
  const [, city, n, kind] = m;
  const forms = [`第${n}${kind}`, kind === '中心医院' ? `${n}中心` : `${n}院`];
  return city ? [...forms, `市${n}院`, `${city}${n}院`, `${city.slice(0, -1)}${n}院`, ...(kind === '中心医院' ? [] : [`${city.slice(0, -1)}${n}医`])] : forms;
}

/** 甲市妇幼保健院 said as 甲妇保, 甲市妇幼院: a place's maternal and child hospital, as staff shorten it. */
function maternal(key: string): string[] {
  const m = /^([\u3400-\u9fff]{2,3}?)([市县区旗])妇幼保健(?:院|计划生育服务中心)$/.exec(key);
  if (!m) return [];
  const [, place, level] = m;
  // (Not 甲妇幼 alone: staff say 甲县妇幼 of the county's maternal and child health work as a whole.)
  return [`${place}妇保`, `${place}妇幼院`, `${place}${level}妇保`, `${place}${level}妇幼院`];
}

/**
 * Whether two names are one institution's: 甲县医院 is how one report writes 甲县人民医院, 甲县中医院
 * 甲县中医医院 (the forms staff use, which reports use too).
 */
export function sameInstitution(a: string | undefined, b: string): boolean {
  if (a === b) return true;
  if (!a) return false;
  const plain = (n: string) => n.replace(/^([\u3400-\u9fff]{2,3}[县区旗])人民医院$/, '$1医院').replace(/中医医院$/, '中医院');
  return plain(a) === plain(b);
}

/** A short form two institutions share (two cities' 第二人民医院, 市中医医院) names neither. */
function unambiguous(names: { key: string; cores: string[]; s: { name: string; region: string } }[]): typeof names {
  const owners = new Map<string, Set<string>>();
  for (const n of names) for (const c of n.cores) owners.set(c, (owners.get(c) ?? new Set()).add(n.s.name));
  const keys = new Set(names.map((n) => n.key));
  return names.map((n) => ({ ...n, cores: n.cores.filter((c) => keys.has(c) || owners.get(c)!.size === 1) }));
}

function allSubjectNames(index: FactIndex): { key: string; cores: string[]; s: { name: string; region: string } }[] {
  return [...index.subjects].map(([key, s]) => {
      // 甲市第二人民医院 said as 第二人民医院; 甲市人民医院 as 甲人民医院, never as any 人民医院.
      const city = /^([\u3400-\u9fff]{2,3})市(?=[\u3400-\u9fff]{3})/.exec(key);
      const bare = city ? key.slice(city[0].length) : key;
      const core = city && GENERIC_HOSPITAL.test(bare) ? `${city[1]}${bare}` : bare;
      // 甲县乙镇卫生院 said as 乙镇卫生院 or 乙卫生院: a town's institution without its county, or its 镇.
      const town = /^[\u3400-\u9fff]{2,3}?[县区](?=([\u3400-\u9fff]{2,3})(?:镇|乡|街道)([\u3400-\u9fff]{2,10})$)/.exec(core);
      const inTown = town ? core.slice(town[0].length) : undefined;
      const short = town && /^(?:中心)?卫生院|社区卫生服务中心$/.test(town[2]!) ? `${town[1]}${town[2]}` : undefined;
      // 甲县人民医院 said as 甲人民医院, as a city's is (never as any 人民医院); a district's (乙区) and a banner's too.
      const county = /^([\u3400-\u9fff]{2,3})[县区旗](?=[\u3400-\u9fff]{3,6}$)/.exec(core);
      const countyShort = county && GENERIC_HOSPITAL.test(core.slice(county[0].length)) ? `${county[1]}${core.slice(county[0].length)}` : undefined;
      // (甲县人民医院 said as 甲县医院, as staff name a county's hospital.)
      const countysOwn = county && core.slice(county[0].length) === '人民医院' ? [`${county[0]}医院`] : [];
      // 甲市中医医院 said in its city's chat as 市中医医院.
      const ofCity = city ? [`市${bare}`] : [];
      // (甲县中医医院 said as 甲县中医院, 甲中医院: staff drop one 医.)
      const said = [core, ...ofCity, ...codeNames(key), ...numbered(key), ...maternal(key), ...(inTown ? [inTown] : []), ...(short ? [short] : []), ...(countyShort ? [countyShort] : []), ...countysOwn];
      return { key, cores: [...said, ...said.concat(key).filter((c) => c.endsWith('中医医院')).map((c) => c.replace(/中医医院$/, '中医院'))], s };
  });
}

/** Tokens for the indicators a question names in words jieba would cut apart, three characters or more. */
function indicatorTokens(text: string, ctx: ParseContext): QueryToken[] {
  const out: QueryToken[] = [];
  for (const m of ctx.intents.catalogue.find(text)) {
    const pieces = tag(m.text);
    if (m.text.length < 3 || pieces.length < 2) continue;
    // Where the question's words are not the reports' (三甲医院 for 三级甲等医院), or where jieba
    // would cut the name into single characters (药占比 → 药/占/比); otherwise word by word.
    const alts = catalogueAlts(m.text, ctx);
    const shattered = ctx.index.df(m.text) > 0 && pieces.filter((p) => p.word.length === 1).length >= 2;
    if (!shattered && (alts.length === 0 || ctx.index.df(m.text) >= Math.max(...alts.map((a) => ctx.index.df(a))))) continue;
    const weight = pieces.reduce((sum, w) => sum + weightOf(w.word, w.tag, ctx.intents, ctx.index), 0);
    out.push({ word: m.text, weight, noun: true, pos: 'n', ...(alts.length ? { alts } : {}) });
  }
  return out;
}

// Alternatives depend on the store's words only: kept per index, bounded.
const altsCache = new WeakMap<FactIndex, Map<string, string[]>>();

/**
 * 乡村医生 for the alt 医生 of 执业(助理)医师: names of other indicators the reports use that hold
 * an alt inside them. An alt found only inside one of them is not the indicator asked.
 */
function altBlockers(word: string, alts: string[], { intents, index }: ParseContext): string[] {
  const own = intents.catalogue.indicatorOf(word)?.id;
  const out = new Set<string>();
  for (const alt of alts) {
    for (const f of intents.catalogue.formsHolding(alt)) {
      if (f.form.includes(word) || (own && intents.catalogue.partOf(f.id, own)) || index.df(f.form) === 0) continue;
      out.add(f.form);
    }
  }
  return [...out];
}

function catalogueAlts(word: string, { intents, index }: ParseContext): string[] {
  let cache = altsCache.get(index);
  if (!cache) altsCache.set(index, (cache = new Map()));
  const hit = cache.get(word);
  if (hit) return hit;
  const indicator = intents.catalogue.indicatorOf(word);
  const alts = indicator
    ? intents.catalogue
        .formsOf(indicator.id)
        .filter((f) => f !== word && !f.includes(word) && index.df(f) > 0)
        .sort((a, b) => index.df(b) - index.df(a))
        .slice(0, 4)
    : [];
  if (cache.size > 10_000) cache.clear();
  cache.set(word, alts);
  return alts;
}

/**
 * 大夫 → 执业(助理)医师, 看病人次 → 诊疗人次: an indicator the question names in words no report
 * uses is asked in the words the reports use for it, as the catalogue lists them.
 */
function inCorpusWords(key: string, { intents, index }: ParseContext): string {
  let out = '';
  let at = 0;
  for (const m of intents.catalogue.find(key)) {
    if (index.df(m.text) > 0) continue;
    // The indicator's own name where the reports use it; else the alias they use most.
    let best = index.df(m.indicator.name) > 0 ? m.indicator.name : '';
    let bestDf = 0;
    for (const form of best ? [] : intents.catalogue.formsOf(m.indicator.id)) {
      const df = index.df(form);
      if (df > bestDf || (df === bestDf && df > 0 && form.length > best.length)) [best, bestDf] = [form, df];
    }
    if (!best) continue;
    out += key.slice(at, m.index) + best;
    at = m.index + m.text.length;
  }
  return out + key.slice(at);
}

function gluedToNextWord(text: string, at: number, measure: string): boolean {
  // The words around the measure word are enough to see whether it opens a longer one.
  const from = Math.max(0, at - 6);
  let pos = from;
  for (const { word: w, tag: pos_ } of tag(text.slice(from, at + measure.length + 8))) {
    // (次车 ending 出多少次车: a character no word jieba knows glues on last, the thing counted.)
    const last = !/[\u3400-\u9fff]/.test(text.slice(pos + w.length).replace(/[呢吗啊呀了?？。!！\s]/g, ''));
    const trailing = pos_ === 'x' && last && w.length === measure.length + 1;
    if (pos <= at && at < pos + w.length) return w.length > measure.length && pos === at && !trailing && !/^(个人|人次|户次|场次)$/.test(w);
    pos += w.length;
  }
  return false;
}

function weightOf(word: string, posTag: string, intents: Intents, index: FactIndex): number {
  const n = Math.max(index.sentences.length, 1);
  const df = index.df(word);
  // A word no report uses cannot tell facts apart; it only says the question may be about
  // something the bot does not know, so it weighs a little over half the rarest known word.
  let w = df === 0 ? 0.6 * (1 + Math.log(n + 1)) : 1 + Math.log((n + 1) / (df + 1));
  if (intents.generic.has(word)) w *= 0.3;
  if (word.length === 1) w *= 0.4;
  if (/^v/.test(posTag) && posTag !== 'vn') w *= 0.6;
  if (/^[a-z0-9.]+$/i.test(word) && df > 0) w *= 0.7;
  return w;
}

const ADMIN_END = /(?:省|市|县|区|镇|乡|街道)$/;

/** How many unknown words of one question are looked up as typos. */
const MAX_TYPO_LOOKUPS = 4;

/**
 * The typo lookups one message may still make, and what each text looked up gave: a message parsed
 * twice (a comparison parses the single figure inside it) stays within one question's bound.
 */
export interface TypoBudget {
  left: number;
  seen: Map<string, { word: string; score: number } | undefined>;
}
export const typoBudget = (): TypoBudget => ({ left: MAX_TYPO_LOOKUPS, seen: new Map() });

function correctTypos(tokens: QueryToken[], mayBePlace: boolean, ctx: ParseContext, found: RegionInfo[]): QueryToken[] {
  const { index, regions, intents } = ctx;
  const out = [...tokens];
  // A real question holds a typo or two; a long run of unknown words (pasted or hostile text)
  // gets no more lookups than a few, so no question costs more than a few typical ones.
  const budget = ctx.typos ?? typoBudget();
  const lookup = (text: string) => {
    if (!budget.seen.has(text)) budget.seen.set(text, index.correct(text));
    return budget.seen.get(text);
  };
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    // 创位 (床位 mistyped) is cut into two single characters: the pair is tried as one word.
    const single = t.word.length === 1 && out[i + 1]?.word.length === 1;
    if ((t.word.length < 2 && !single) || index.df(t.word) > 0 || !/[\u3400-\u9fff]/.test(t.word)) continue;
    // A typo leaves a word jieba does not know (智医主理 → 智医/x); 离岗 is a real word, not a
    // misspelt 在岗, and is left alone.
    const odd = (x: QueryToken | undefined) => x !== undefined && (x.pos === 'x' || x.word.length === 1);
    // Try the word alone and joined with a neighbour: jieba cuts 智医主理 as 智医 + 主理.
    const options: { from: number; to: number; text: string }[] = [];
    if (odd(t) && !single) options.push({ from: i, to: i, text: t.word });
    if (i > 0 && (odd(t) || odd(out[i - 1]))) options.push({ from: i - 1, to: i, text: out[i - 1]!.word + t.word });
    if (i + 1 < out.length && (odd(t) || odd(out[i + 1]))) options.push({ from: i, to: i + 1, text: t.word + out[i + 1]!.word });
    const placeTried = mayBePlace && found.length === 0;
    // A word this message already looked up (in an earlier parse of it) costs nothing again.
    const free = !placeTried && options.length > 0 && options.every((o) => budget.seen.has(o.text));
    if (!free) {
      if (budget.left <= 0) break;
      budget.left--;
    }
    if (placeTried) {
      const place = regions.fuzzy(t.word);
      if (place) {
        found.push(place);
        out[i] = { ...t, word: '', typed: t.word };
        continue;
      }
    }
    let best: { from: number; to: number; word: string; score: number; typed: string } | undefined;
    for (const o of options) {
      const hit = lookup(o.text);
      // 邵东市 one character off 己市 is another place, not a typo of it; a homophone may be.
      if (hit && hit.score > 0 && ADMIN_END.test(o.text) && ADMIN_END.test(hit.word)) continue;
      if (hit && (!best || hit.score < best.score)) best = { from: o.from, to: o.to, word: hit.word, score: hit.score, typed: o.text };
    }
    if (best) {
      const weight = weightOf(best.word, 'n', intents, index);
      out.splice(best.from, best.to - best.from + 1, { word: best.word, weight, typed: best.typed, noun: true });
      i = best.from;
    }
  }
  return out;
}

function matchIntentPhrase(key: string, intents: Intents): { name: string; exact: boolean } | undefined {
  const bare = bareOf(key);
  for (const def of intents.defs.values()) {
    if (def.name === 'ask_figure') continue;
    if (bareExamples(def).includes(bare)) return { name: def.name, exact: true };
  }
  for (const def of intents.defs.values()) {
    if (def.name === 'ask_figure' || def.admin) continue;
    if (def.examples.some((e) => e.length >= 4 && bare.includes(e))) return { name: def.name, exact: false };
  }
  return undefined;
}

const bareOf = (s: string) => s.replace(/[\s,，。.!！?？~]/g, '');
// An intent's examples without spaces and punctuation, worked out once.
const bareCache = new WeakMap<object, string[]>();
function bareExamples(def: { examples: string[] }): string[] {
  return remember(bareCache, def, () => def.examples.map(bareOf));
}
