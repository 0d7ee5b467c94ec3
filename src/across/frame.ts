import type { Level } from '../extract/status.js';
import type { AcrossMarkers } from '../match/intents.js';
import { matchKey } from '../text/normalize.js';
import { nounAfterZai, tag } from '../text/segment.js';
import { questionPart } from '../match/question.js';
import type { AcrossKind, CalcOp } from './types.js';
import { kindShown } from './entries.js';
import { escapeRegExp } from '../text/regexp.js';
import { UNIT_PATTERN, unitClass } from '../extract/units.js';

/** What a question across facts asks, and the single-figure question left once that is said. */
export interface AcrossFrame {
  kind: AcrossKind;
  /** The question without the words that said its kind, asked as a single figure per subject. */
  core: string;
  /** Rank: highest first or lowest first, how many places asked (前三; else all), and of what (县, 医院). */
  order?: 'desc' | 'asc';
  top?: number;
  among?: string;
  /** 去年…比上年, 这几年: the words of time the question said, for a follow-up that says none (那手术呢). */
  periodWords?: string;
  /** 哪一类, 哪一级: what the things ranked are sorted by (类, 级, 型), when the which-word says it. */
  sortedBy?: string;
  /** 哪两类: the kinds ranked were counted by the which-word, not by 前三. */
  /** 谁: who is ranked, places or institutions. */
  who?: boolean;
  kindsCounted?: boolean;
  op?: CalcOp;
  /** 多了多少: a difference asked as an amount, which a stated percentage does not answer. */
  amount?: boolean;
  /** 离目标还差多少: a series asked for how far its latest figure is from its next target. */
  toTarget?: boolean;
  /** 是执业医师的几倍: what a multiple is taken of, when the question names it. */
  base?: string;
  /** 跟全国比, 比全国、全省各高多少: the wider areas the message compares with, kept for a follow-up. */
  levels?: Level[];
  /** 男女各多少: the two groups of one figure compared (intents.yaml `splits`), kept for a follow-up. */
  groups?: [string, string];
  /** 每个月多少, 逐月: a series of months is asked. */
  monthly?: boolean;
  /** 跟全市一季度比: the period the wider area's figure is asked for, when the question names its own. */
  levelPeriod?: string;
  /** 是乙项的百分之多少: a ratio asked as a percentage. */
  inPercent?: boolean;
  /** 离30万还差多少: the target's value the question names. */
  targetValue?: number;
  /** 最快, 最慢: how fast is ranked, which a time taken says the other way round (最慢 is the longest). */
  speed?: boolean;
  /** 创建得最好, 做得最差: how well is ranked, which a rate says before a count. */
  howWell?: boolean;
  /** 化学药里哪一类, 化学药品哪一类: what the things ranked lie within, never one of them. */
  scope?: string;
  /** 甲和乙哪家多，多多少; 还差多少完成计划: a difference between two things named (a plan and what
   * was done), never one thing's over time. */
  between?: boolean;
  /** 甲医院和乙医院谁高: the institutions compared, as said, kept for a follow-up (那平均住院日呢). */
  institutions?: string[];
}

// 甲和乙哪家多: one of two things is asked for.
// 还差多少完成计划, 离年度任务还差多少: what is done against a plan.
const SHORT_OF_PLAN = /(?:还差|差(?=多少|几))[\s\S]*(?:计划|任务)|(?:计划|任务)[\s\S]*(?:还差|差(?=多少|几))/;
// (今年和去年哪个多, 2023年与2022年谁多: two years of one figure, which a change over them answers.)
const YEARS_COMPARED = /(?:今年|去年|前年|上年|本年|同期|(?:19|20)\d{2}年)[\s\S]*[和与跟同及比][\s\S]*(?:今年|去年|前年|上年|本年|同期|(?:19|20)\d{2}年)/;
const WHICH_OF_TWO = /[和与跟同及][\u3400-\u9fff]{1,12}?(?:哪(?:家|个|所|位|一个|边|方)|谁)/;

// 化学药里哪一类, 化学药品哪一类: the words before 里/中 and a which-word, or before 哪类/哪种.
const INSIDE = '里面|里头|里边|当中|之中|里';
const SCOPE_SAID = new RegExp(`([\\u3400-\\u9fff]{2,10}?)(?:(?:${INSIDE}|中)(?:的)?(?:哪|什么|啥)|(?=哪一?[类种]))`);

// 县级医院里投诉最多的前三家: the words before 里 and a superlative or a count of the first few.
const COUNTED_SCOPE = /几|[两二三四五六七八九十\d]+[家个所]/;
const SCOPE_RANKED = new RegExp(`([\\u3400-\\u9fff]{2,10}?)(?<!哪)(?:${INSIDE})(?:的)?(?=[^,，。?？]{0,12}(?:最|前[一二三四五六七八九十两\\d]|倒数|排))`);

/** 30万 → 300000: a figure a question names, in its magnitude word. */
function scaled(digits: string, magnitude: string | undefined): number {
  return Number(digits) * (({ 万: 1e4, 千: 1e3, 亿: 1e8 } as Record<string, number>)[magnitude ?? ''] ?? 1);
}

const RATIO_IN_PERCENT = /^(.+?)(?:只有|只是|仅有|仅为|仅是|相当于|是)(.+?)的(?:百分之几|百分之多少|多少%|几成)/;

/** 一 … 十 as counts are written in questions (前三, 十年). */
export const CHINESE_DIGITS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
// Nouns of one or two characters after 哪个 say what is ranked (县, 医院, 病); longer ones are topics.
const AMONG_TAG = /^(n|ns|nr|nt|nz|ng|zg|userdict|x)/;

// 2021年以来, and 累计…多少 said with it: the figures since a year, or their stated sum.
const SINCE_YEAR = /(?:19|20)\d{2}年以来/;
const CUMULATIVE_ASKED = /累计|一共|总共|共计|合计|总数|加起来/;
// 比年初计划多查了多少: what was done over a plan.
// (超任务多少人, 超计划几家: what was done over the plan, said without 比.)
const OVER_PLAN = /(?:比(?:年初|年度|全年|今年|当年)?的?(?:计划|目标|任务)(?:数|值)?(?:多|超)|超(?:年度|全年)?(?:计划|目标|任务))(?:出|了)*(?=多少|几)/;
const OVER_PLAN_ASKED = new RegExp(`${OVER_PLAN.source}(?:多少|几)`);
/** 要达标, 才能达标: a standard to be met (多几家卫生院达标 counts those that met it; 达标率 is a measure). */
export const MEETS_TARGET = /(?:要|才能|想)达标(?![率数的])/;
// 多做了多少, 少花了几: a deed between 多/少 and 了多少 (not 至少, 最多).
const DEED_MORE = /(?<![多至最])([多少])(?:做|看|收|治|招|建|开|花|用|办|接|诊|查|卖|买|培训|完成)了(多少|几)/g;

/** The kind of a question across facts from its words (intents.yaml `across`), or undefined. */
export function acrossFrameOf(text: string, m: AcrossMarkers): AcrossFrame | undefined {
  // The same part of a long message the single-figure parser reads, within the same bound.
  // (多做了多少例: the deed between 多 and 了多少 asks the difference, as 多了多少 does.)
  const key = matchKey(questionPart(text.trim())).replace(DEED_MORE, '$1了$2');
  const found = (words: string[]) => words.find((w) => key.includes(w));
  // Every marker word of the kind found goes (历年变化: both 历年 and 变化).
  const all = (words: string[]) => words.filter((w) => key.includes(w));
  const browse = found(m.browse) ?? browseAsked(key, m);
  if (browse) return { kind: 'browse', core: coreOf(key, [...all(m.browse), browse], m) };
  // 甲项人次只有乙项的百分之多少: one figure as a percentage of another, a ratio in %.
  const ofWhole = RATIO_IN_PERCENT.exec(key);
  if (ofWhole) return { kind: 'calc', op: 'times', inPercent: true, core: coreOf(ofWhole[1]!, [], m), base: coreOf(ofWhole[2]!, [], m) };
  // 前五位占乙类总数的比例: a share of the top few, not a ranking.
  const share = shareAsked(key, m);
  if (share) return { kind: 'calc', op: 'share', core: coreOf(key, [share], m) };
  // 办结的申请里，予以公开的占多少: the whole said first, in a clause of its own, as 乙里甲占多少.
  const matched = WHOLE_FIRST.exec(key);
  const within = matched && (matched[1] ? matched.slice(1, 4) : matched.slice(4, 7));
  const asked = within && m.calc.share.find((w) => within[2]!.startsWith(w));
  // (The part is asked within the whole: 自然人申请 of the 新收申请, not of another row.)
  if (within && asked) return { kind: 'calc', op: 'share', core: coreOf(`${within[0]}${within[1]}占${within[0]}`, [], m) };
  const high = found(m.rankHigh);
  const low = found(m.rankLow);
  // (前8个月, 前三季度: a span of time, no count of the first few.)
  // (前三季度, 前8个月: a span of time, no count; 前三季度…前三 still asks three.)
  const asCount = countPattern;
  const top = m.rankTop.find((w) => key.includes(w) && asCount(w).test(key));
  // 哪两个卫生院, 哪3家: a which-word with how many it asks for.
  const which = found(m.rankWhich) ?? WHICH_COUNTED.exec(key)?.[0];
  // 最长的三个科室: a superlative and how many make a ranking of that many.
  // (床位最少 倒数三: any of the superlatives said may carry the count.)
  const counted = high || low ? [...all(m.rankHigh), ...all(m.rankLow)].map((w) => countAfter(key, w)).find(Boolean) : undefined;
  // 床位最多的县: a superlative with the kind of thing it picks at the end of the question.
  const endKind = (high || low || top) && !which && !counted ? kindAtEnd(key, (high ?? low ?? top)!) : undefined;
  if ((high || low || top) && (which || top || counted || endKind)) {
    // (哪三个县最多: the which-word's count is how many are asked.)
    const whichCount = WHICH_COUNT.exec(which ?? '')?.[1];
    const n = top ? topCount(top) : counted?.n ?? (whichCount ? CHINESE_DIGITS[whichCount] ?? Number(whichCount) : undefined);
    const said: string[] = [];
    // 啥病, 什么病: the which-word names the kind itself.
    const after = which ? amongAfter(key, which) : undefined;
    // 谁垫底: a marker word after the which-word is no kind of thing.
    const kindWord = after && ![...m.rankHigh, ...m.rankLow, ...m.rankTop].some((w) => w.includes(after)) ? after : undefined;
    // 哪家, 哪几家, 哪所: the measure word counts institutions (卫生院, 服务中心), not places.
    // 最低的医院是哪家: the kind named right before the which-word is what is ranked.
    const before = which ? KIND_BEFORE_WHICH.exec(key) : null;
    const kindBefore = before && key.startsWith(which!, before.index + before[0].length) ? before : null;
    const among = which ? (kindWord ?? kindBefore?.[1] ?? (/病$/.test(which) ? '病' : /[家所]$/.test(which) ? '机构' : /^哪(?:里|儿)$/.test(which) ? '地区' : undefined)) : undefined;
    if (kindBefore) said.push(kindBefore[0]);
    // (手卫生做得最差: a verb with its 得 before the superlative says how, no measure.)
    // (创建得最好 keeps its verb, 创建率 may be what is ranked; 做得 says nothing of its own.)
    const how = mannerOf(key);
    // (涨得最快: the change is what is ranked, said in the reports' word for it.)
    if (how) said.push(how.length > 2 && !CHANGE_VERB.test(how) ? '得' : how);
    const moved = how && CHANGE_VERB.test(how) ? (/^[降减]|下降|降低|减少/.test(how) ? '下降' : '增长') : '';
    said.push(...[...all(m.rankHigh), ...all(m.rankLow), which && among ? `${which}${among}` : which, counted?.among ? `${counted.words}${counted.among}` : counted?.words, endKind?.words].filter((w): w is string => !!w));
    const lowFirst = low !== undefined && (high === undefined || key.indexOf(low) < key.indexOf(high));
    // 前三: three; 排名, 最多: the whole ranking, the one asked for first.
    // 各县区某率排个序, 四个区…谁最末: the kind of things ranked, named after 各 or a count.
    const institutions = INSTITUTIONS_SAID.exec(key);
    const each = EACH_KIND.exec(key) ?? COUNTED_KIND.exec(key) ?? institutions;
    if (each && ((!among && !counted?.among && !endKind) || each === institutions)) said.push(each[0]);
    // (前三个县区是哪几个: the kind counted after 前三 is what is ranked.)
    const topKind = top && !among && !counted?.among && !endKind ? TOP_KIND.exec(key.slice(key.indexOf(top) + top.length)) : null;
    if (topKind) said.push(topKind[0]);
    const kindOf = among ?? counted?.among ?? endKind?.among ?? topKind?.[1] ?? each?.[1] ?? each?.[2];
    // The count words go where they count (前三), not where they name a span (前三季度).
    const uncounted = m.rankTop.reduce((k, w) => k.replace(asCount(w), ' '), key);
    // (哪三类, 哪几类: the kinds counted are what is ranked, as 哪类 asks.)
    const sortedBy = KINDS_WHICH.exec(which ?? '')?.[1];
    // (滨海新区几家医院里: the institutions counted are the ones ranked, no part they lie within.)
    const within = SCOPE_RANKED.exec(key)?.[1];
    const scope = SCOPE_SAID.exec(key)?.[1] ?? (within && !COUNTED_SCOPE.test(within) ? within : undefined);
    const howWell = /最[好差佳优糟]|[好差]的是/.test(key);
    // (反应时间最慢: how fast, said of a time taken, ranks it the other way round.)
    const speed = /[快慢]/.test((lowFirst ? low : high) ?? '');
    const kindsCounted = !!sortedBy && !!whichCount;
    // (倒数两名是谁: who, places or institutions, not the parts of a scheme listed with their points.)
    const who = which === '谁' && !kindOf;
    return { kind: 'rank', core: coreOf(uncounted, said, m) + moved, order: lowFirst ? 'asc' : 'desc', ...(speed ? { speed } : {}), ...(n ? { top: n } : {}), ...(kindOf ? { among: kindOf } : {}), ...(sortedBy ? { sortedBy } : {}), ...(kindsCounted ? { kindsCounted } : {}), ...(who ? { who } : {}), ...(scope ? { scope } : {}), ...(howWell ? { howWell } : {}) };
  }
  // 同比变化多少, 这些年降了多少: an amount of change is asked, worked out or quoted, not a series.
  // 这几年怎么变化，离目标差多少: a series asked with its gap to the target, which the series says.
  const trendAsked = found(m.trend);
  if (trendAsked && key.includes('目标')) return { kind: 'trend', core: coreOf(key, [...all(m.trend), ...all(m.calc.diff), ...TARGET_WORDS, ...all(m.compare)], m) };
  // 离目标差多少: the gap between the latest figure and the next target of its series.
  const gapAsked = found(m.calc.diff);
  // 离30万还差多少: a target named by its figure, which must be the reports' own.
  // (要达到500张，现在还差多少: the target said as what is to be reached, then the gap.)
  // (离2025年30家的目标还差几家: the target named by its year and figure.)
  const named = /(?:离|距离?|(?:要|需要|目标|力争|计划)?(?:达到|到))(?:(?:19|20)\d{2}年(?:底|末)?的?)?(\d+(?:\.\d+)?)(?![\d.]*年)(万|千|亿)?([%‰]|[\u3400-\u9fff]{0,2}?)(?:的?(?:目标|任务|标准)值?)?[,，]?(?:全市|全县|全区|全省)?(?:现在|目前|当前|现)?(?=还?差)/.exec(key);
  // 比800分的目标超了多少: the target named by its figure, passed.
  const passed = /(?:比|较)(\d+(?:\.\d+)?)(万|千|亿)?([%‰]|[\u3400-\u9fff]{0,2}?)的?(?:目标|任务|标准|要求)值?(?:超|多|高)(?:出|了)*(?=多少|几)/.exec(key);
  if (passed) {
    return { kind: 'trend', toTarget: true, targetValue: scaled(passed[1]!, passed[2]), core: coreOf(key.replace(passed[0], ''), [...all(m.calc.diff), ...all(m.trend)], m) };
  }
  if (gapAsked && named) {
    return { kind: 'trend', toTarget: true, targetValue: scaled(named[1]!, named[2]), core: coreOf(key.replace(named[0], ''), [...all(m.calc.diff), ...all(m.trend)], m) };
  }
  // (比年初计划多查了多少: what was done over the plan, as 超了多少 asks.)
  const overAsked = found(m.calc.overTarget) ?? OVER_PLAN.exec(key)?.[0];
  if (overAsked) return { kind: 'trend', toTarget: true, core: coreOf(key.replace(OVER_PLAN_ASKED, ''), [...all(m.calc.overTarget), ...TARGET_WORDS, ...all(m.trend)], m) };
  // 要完成目标还得再建几家: what is left to do for a target is its gap.
  // (还要几年才能完成 asks a time, no gap.)
  const leftToDo = /还(?:得|要|需要?|应)再?[\u3400-\u9fff]{0,2}?(?:几|多少)(?![年月天日周])/.exec(key);
  if (leftToDo && /目标|任务/.test(key)) return { kind: 'trend', toTarget: true, core: coreOf(key.replace(leftToDo[0], ''), [...TARGET_WORDS, '要完成', '完成', ...all(m.trend)], m) };
  // (今年要达标，还差多少: to meet the standard is to reach the target; 达标率 is a measure.)
  const meets = MEETS_TARGET.test(key) ? ['要达标', '达标'] : [];
  // (全年诊疗目标还差多少: 全年 is the target's year, no whole year's figure asked.)
  if (gapAsked && (/目标/.test(key) || meets.length)) return { kind: 'trend', toTarget: true, core: coreOf(key, [...all(m.calc.diff), ...TARGET_WORDS, ...meets, '全年', ...all(m.trend)], m) };
  // 这几年涨了多少, 前后几年比一比: words of the other kinds in the question say no topic either.
  for (const op of ['pct', 'grow', 'times', 'diff'] as const) {
    const w = found(m.calc[op]);
    if (!w) continue;
    // 甲是乙的几倍: what the figure is measured against stands between 是 and the ask.
    const against = op === 'times' ? /^(.+)是(.+?)的?(?:几倍|多少倍)/.exec(key) : null;
    if (against) return { kind: 'calc', op, core: coreOf(against[1]!, all(m.trend), m), base: coreOf(against[2]!, [], m) };
    // The longest marker says it: 提高了多少 holds 高了多少 but asks either way.
    const said = op === 'diff' ? [...all(m.calc.diff)].sort((a, b) => b.length - a.length)[0] : undefined;
    const amount = !!said && m.calc.amount.includes(said);
    return { kind: 'calc', op, core: coreOf(key, [...all(m.calc[op]), ...all(m.trend), ...countedPlaces(key)], m), ...(amount ? { amount } : {}), ...((WHICH_OF_TWO.test(key) && !YEARS_COMPARED.test(key)) || SHORT_OF_PLAN.test(key) ? { between: true } : {}) };
  }
  // (基层基础设施每年完成投资多少，2021年以来: the figures since a year are a series.)
  // (2021年以来累计新建多少: the sum the report states, no series.)
  if (SINCE_YEAR.test(key) && !CUMULATIVE_ASKED.test(key)) return { kind: 'trend', core: coreOf(key.replace(SINCE_YEAR, ''), all(m.trend), m) };
  const trend = found(m.trend);
  // 每个月多少, 逐月: a series of single months is asked, which a run of months does not answer.
  if (trend) return { kind: 'trend', core: coreOf(key, [...all(m.trend), ...all(m.compare)], m), ...(all(m.trend).some((w) => /月/.test(w)) ? { monthly: true } : {}) };
  const compare = found(m.compare);
  // 哪个高, 谁少: a comparison that asks which comes first says which way (分别多少 does not).
  const ordered = !!compare && m.rankWhich.some((w) => compare.includes(w));
  // 上半年跟去年同期比, 甲县跟乙县比呢: a question that ends on 跟…比 compares, with no marker word.
  const against = !compare ? COMPARED_WITH.exec(key) : null;
  if (against) return { kind: 'compare', core: coreOf(key.slice(0, against.index) + against[1], [], m) };
  // 甲和乙谁出车多: 谁, a few words of the measure, then the way asked.
  const who = !compare ? WHO_MORE.exec(key) : null;
  if (who) return { kind: 'compare', core: coreOf(key.replace(who[0], who[1]!), [], m), order: /[少低短慢小]/.test(who[2]!) ? 'asc' : 'desc' };
  if (compare) return { kind: 'compare', core: coreOf(key, [...all(m.compare), ...countedPlaces(key)], m), ...(ordered ? { order: m.compareLow.some((w) => compare.includes(w)) ? ('asc' as const) : ('desc' as const) } : {}) };
  // 出院人次2023年2024年, 2022年、2024年的床位: two years named and nothing else asked: the figure of each.
  // (Said together, as a run: 2024年多少，2025年目标多少 asks a level and a target, not a series.)
  const run = key.match(YEARS_RUN)?.find((r) => new Set(r.match(YEAR_NAMED)).size >= 2);
  if (run && !/[比较]/.test(key) && !/目标|计划|规划/.test(key)) return { kind: 'trend', core: coreOf(key.replace(run, ''), [], m) };
  return undefined;
}

const YEAR_NAMED = /(?:19|20)\d{2}(?=年)/g;
// (谁增长快 asks a change, which the figures compared must be; 床位多少 asks an amount.)
const WHO_MORE = /(?:谁|哪个|哪家)((?:(?!增|降|涨|提高|减少|上升|下滑|缩短)[\u3400-\u9fff]){1,6}?)(?:更|比较)?(多(?!少)|少|高|低|长|短|快|慢|大|小)(?=[?？!！。呢啊呀]*$|一些|一点)/;
// 2023年、2024年的, 2023和2024年: the years named together, taken out of the topic.
const YEARS_RUN = /(?:(?:19|20)\d{2}年?[、和及与,，到至—\-~]?){2,}(?:的)?/g;

// 前三 as a count, not 前三季度: one pattern a marker word, made once.
const countPatterns = new Map<string, RegExp>();
function countPattern(w: string): RegExp {
  let re = countPatterns.get(w);
  if (!re) countPatterns.set(w, (re = new RegExp(`${escapeRegExp(w)}(?!个?月|年|天|周|季度|名?次)`, 'g')));
  re.lastIndex = 0;
  return re;
}

/**
 * 占全部手术的比例是多少: 占, the whole, then a word that asks how much of it (intents'
 * calc.share). 某项占比是多少 has no whole after 占: an indicator's name, not a share.
 */
function shareAsked(key: string, m: AcrossMarkers): string | undefined {
  for (let at = key.indexOf('占'); at > 0; at = key.indexOf('占', at + 1)) {
    const rest = key.slice(at + 1);
    const ask = m.calc.share.find((w) => rest.includes(w));
    const whole = ask ? rest.slice(0, rest.indexOf(ask)).replace(/^比/, '').replace(/(?:的|是|为|占)+$/, '') : '';
    // (某项占比离目标还差多少, 占比跟全省比: after 占比 come the words of a gap, not a whole.)
    if (ask && whole && !NOT_A_WHOLE.test(whole)) return ask;
  }
  return undefined;
}

// (哪种病报得最多 is left to the paraphrases, cases reported; 不良事件报得最多 is not theirs.)
const MANNER = /((?<=事件)报得|(?!报)[\u3400-\u9fff]得)(?=最|更|比较|较)/;

// (前三位的病种: the kind after 的; 前两位的是哪 names none.)
const TOP_KIND = /^(?:个|家|所|位)的?(?![是有为的都哪])([\u3400-\u9fff]{1,3}?)(?=是|有|为|分别|都|依次|哪|$)/;
const CHANGE_VERB = /^(?:涨|降|升|增|减|增长|下降|上升|提高|降低|减少|增加|提升)得$/;

/** 创建得最好, 做得最差: the verb and its 得 before a superlative, as jieba cuts the verb. */
function mannerOf(key: string): string | undefined {
  const words = tag(key);
  for (let i = 1; i + 1 < words.length; i++) {
    if (words[i]!.word !== '得' || !/^v/.test(words[i - 1]!.tag) || !/^(?:最|更|比较|较)/.test(words[i + 1]!.word)) continue;
    return `${words[i - 1]!.word}得`;
  }
  return MANNER.exec(key)?.[1];
}
// 乙里(面)，甲(的)占多少 / 乙当中甲占几成: the whole, the part, then 占 and a word asking how much.
// (中 only before a comma: 甲县中医院, 乙市中心医院 hold a 中 of their own.)
// (乙里甲的占比多少: 占比 followed by how much asks the same; 占比离目标… is no share asked.)
const WHOLE_FIRST = /^(.{2,}?)(?:(?:里面|当中|之中|里)[,，]?|中[,，])(.{2,}?)(?:的)?占(?!比)(.+)$|^(.{2,}?)(?:(?:里面|当中|之中|里)[,，]?|中[,，])(.{2,}?)的(占比(?:是|为|有)?(?:多少|几成|百分之几|百分之多少|多大).*)$/;
// (占目标人群的比例 has a whole; 占比离目标还差多少 and 占比比全市高多少 have the words of a gap or a comparison.)
const NOT_A_WHOLE = /^(?:离|距|跟|和|与|较|比)|还差|差距|差多少|差几/;

/** 通报了啥数据, 里面有什么数: a which-word as its own word straight before a word for figures. */
function browseAsked(key: string, m: AcrossMarkers): string | undefined {
  const words = tag(key).map((t) => t.word);
  for (let i = 0; i + 1 < words.length; i++) if (m.browseWhich.has(words[i]!) && m.browseNouns.has(words[i + 1]!)) return words[i]! + words[i + 1]!;
  return undefined;
}

/** 最长的三个科室 → 3 and 科室: a count straight after a superlative, and what is counted. */
function countAfter(key: string, word: string): { n: number; words: string; among?: string } | undefined {
  // 倒数三: after 倒数 a number alone counts.
  const counter = word === '倒数' ? '(个|家|所|项|种|位|名)?' : '(个|家|所|项|种|位|名)';
  const m = new RegExp(`${word}的?([一两二三四五六七八九十]|\\d{1,2})${counter}`).exec(key);
  if (!m) return undefined;
  const n = /\d/.test(m[1]!) ? Number(m[1]) : CHINESE_DIGITS[m[1]!];
  // 最高的一项是什么 asks one figure, not a ranking.
  if (!n || n < 2) return undefined;
  const among = m[2] ? amongAfter(key.slice(m.index + m[0].length - m[2].length), m[2]) : undefined;
  return { n, words: m[0].slice(word.length), ...(among ? { among } : {}) };
}

// 离目标, 距全年目标, 规划目标: how a target is named in a question, no word of its measure.
const TARGET_WORDS = ['距离全年目标', '离全年目标', '距全年目标', '距离目标', '离目标', '距目标', '全年目标', '规划目标', '目标'];
// 哪3家, 哪三类, 哪两个: a which-word with how many it asks for.
// (A count of two to nine, in digits or characters.)
const COUNT_DIGIT = '[2-9两二三四五六七八九]';
const WHICH_COUNTED = new RegExp(`哪${COUNT_DIGIT}(?:个|家|所|种|项|位|类|名|条)`);
const WHICH_COUNT = new RegExp(`哪(${COUNT_DIGIT})`);
// 哪类, 哪一级, 哪三类: the kinds of things ranked, sorted by.
const KINDS_WHICH = new RegExp(`^哪(?:一|几|${COUNT_DIGIT})?([级类型])$`);
const COMPARED_WITH = /((?:跟|和|与|同)[^,，。?？]{1,10})比(?:一下|一比)?(?:呢|怎么样|如何|咋样|怎样)?[?？]?$/;
/** 两个区医院…差多少: in a comparison the count only points at the places named; no word of the topic. */
const countedPlaces = (key: string) => [...key.matchAll(COUNTED_SUBJECTS)].map((x) => x[0]);
const COUNTED_SUBJECTS = /(?<![前后第])(?:[两二三四五六七八九十]|\d{1,2})(?:个(?:县市区|县区|区县|县|区|市|乡镇|街道)的?(?:人民医院|中医院|医院|卫生院)?|[家所](?:人民医院|中医院|医院|卫生院))/g;
const COUNTED_KIND = /(?<![前后第])(?:[两二三四五六七八九十]|\d{1,2})个(县市区|县区|区县|县|区|市|乡镇|街道)/;
const KIND_BEFORE_WHICH = /的(县市区|县区|区县|县|区|市|地市|镇|乡镇|街道|乡|医院|卫生院|科室|科|病种)(?:是|为)?/;
// 这几家医院, 8家医院, 这些医院: the institutions ranked, said with a count or a pointer.
const INSTITUTIONS_SAID = /(?:(?:这|那)(?:几|[两二三四五六七八九十]|\d{1,2})?|(?<![前后第])(?:几|[两二三四五六七八九十]|\d{1,2}))[家所]((?:中医|中西医结合|妇幼|人民|县级|二级|三级)?(?:医院|院)|卫生院|机构|单位)(?:里面|当中|之中|里|中)?|(?:这|那)些(医院|卫生院|机构|单位)(?:里面|当中|之中|里|中)?/;
const EACH_KIND = /各(县市区|县区|区县|县|区|市|地市|乡镇|街道|镇|乡|医院|科室|病种|专业|类别|领域|疫苗|项目)/;
// The kinds of things a superlative at a question's end may pick (床位最多的县, 最低的科室).
const END_KINDS = /的(县市区|县区|区县|县|区|市|地市|镇|乡镇|街道|乡|医院|科室|科|病种)[?？。]?$/;

/** 床位最多的县 → 县: the kind a superlative picks, named last in the question. */
function kindAtEnd(key: string, word: string): { among: string; words: string } | undefined {
  const m = END_KINDS.exec(key);
  if (!m || key.indexOf(word) + word.length !== m.index) return undefined;
  return { among: m[1]!, words: m[0].replace(/[?？。]$/, '') };
}

/** 前三 → 3, 前10 → 10, 排名 → all of them. */
function topCount(word: string): number | undefined {
  const d = /前(\d+)/.exec(word);
  if (d) return Number(d[1]);
  const c = /前([一两二三四五六七八九十])/.exec(word);
  return c ? CHINESE_DIGITS[c[1]!] : undefined;
}

// 次均费用, 人均, 床均: a measure per something, which opens on the character a kind may end on.
const PER_WHAT = /^(?:次|人|床|户|日)均/;

function amongAfter(key: string, which: string): string | undefined {
  const rest = key.slice(key.indexOf(which) + which.length);
  // (哪个旗县区, 哪个县市区: the kinds of place said together, whatever the segmenter cuts.)
  const places = PLACE_KINDS.exec(rest)?.[0];
  if (places && places.length > 1) return places;
  const first = tag(rest)[0];
  // 两个市是哪两个: the segmenter may keep 是 on the kind (市是); so it may 能, 会 after a place's (哪个县能做…).
  const word = first?.word.replace(/(?<=.)[是的有]$/, '').replace(/(?<=^[县区市镇乡旗])[能会要在都还也]$/, '');
  // (哪一类报得最多: a verb with its 得 says how, never what kind.)
  if (word && /.得$/.test(word)) return undefined;
  // (哪两类件数最多: a measure, 件数, after the kind counted is what ranks them, no kind.)
  // (The segmenter may cut 件 from its 数: the word and the character after it are read together.)
  const withNext = rest.slice(rest.indexOf(word ?? ''), rest.indexOf(word ?? '') + 2);
  if (word && /^[\u3400-\u9fff][数率量额]$/.test(word.length === 1 ? withNext : word)) return undefined;
  // (哪两个科次均费用: the kind, 科, then a measure per visit the segmenter cut into it.)
  if (word && word.length === 2 && PER_WHAT.test(rest.slice(rest.indexOf(word) + 1))) return word[0];
  // (哪家次均费用最高: 哪家 counts institutions; a word after it that names none is the topic.)
  const counted = /[家所]$/.test(which) && word && !/(?:院|机构|单位|中心|站)$/.test(word);
  if (first && word && !counted && (word.length <= 2 || kindShown(word)) && AMONG_TAG.test(first.tag) && !/^[\d\p{P}]/u.test(word)) return word;
  // 哪个县千人床位: the segmenter may join the kind to the words after it.
  // (哪个VCT门诊: a Latin name before the kind is its kind's name, 门诊.)
  return LEADING_KIND.exec(rest)?.[1] ?? LEADING_KIND.exec(rest.replace(/^[a-z]{2,8}/i, ''))?.[1];
}
// (…各有多少人在做透析: a verb may follow the unit; a word's next character (人口) may not.)
const UNIT_LEFT = new RegExp(`\u0001(${UNIT_PATTERN})(?=$|[\\s?？!！。，,吗呢啊呀吧在是有做参接患得])`);
const LEADING_KIND = /^(县市区|县区|区县|县|区|市|镇|乡镇|乡|街道|科室|医院|卫生院|门诊|月份|月)(?=[\u3400-\u9fff])/;
const PLACE_KINDS = /^(?:旗县市区|旗县区|县市区|旗县|县市|市县|区县|县区|盟市)/;

/** The question without the marker words and the words they leave stranded (哪个, 更多, 还是). */
export function coreOf(key: string, said: string[], m: AcrossMarkers): string {
  let rest = key;
  // (差多少人, 各多少张: the unit after the ask says what kind of figure is asked; it stays, asked.)
  for (const w of [...said, ...m.leftoverPhrases].sort((a, b) => b.length - a.length)) rest = rest.split(w).join(/(?:多少|几)$/.test(w) ? ' \u0001' : ' ');
  // (差多少个百分点 asks a change's unit, not the figures'.)
  rest = rest.replace(UNIT_LEFT, (w, u: string) => (unitClass(u) === 'percent' ? w : `多少${u}`)).replace(/\u0001/g, ' ');
  // (在岗人员: 在 before a one-character noun is part of the word jieba cut apart, not a filler.)
  const all = tag(rest.replace(/\s+/g, ' ').trim());
  const words = all.filter((t, i) => t.word.trim() && (!m.leftover.has(t.word) || (t.word === '在' && nounAfterZai(all[i + 1]))));
  return words.map((t) => t.word).join('').replace(/[?？!！。,，]+$/, '');
}
