import { rankingAt, rankingScope } from '../extract/rankings.js';
import type { Fact } from '../extract/facts.js';
import type { ParsedQuestion } from '../match/question.js';
import { factsOfReport, type FactStore } from '../store/fact-store.js';
import { matchKey } from '../text/normalize.js';
import { covered } from '../text/covered.js';
import { tag } from '../text/segment.js';
import { sharedEnd } from '../text/shared-ends.js';
import { matchQuestion, widerRanking } from '../match/answer.js';
import { wordMatch } from '../match/fact-index.js';
import { fits, inTable, kindShown, LIST_TOTAL, TOTAL, type Entry } from './entries.js';
import type { AcrossFrame } from './frame.js';
import { gatherFor, headIndicator, indicatorParts, metricWords, rowOf, type ParseCore } from './gather.js';
import { itemsRanked, namedItems } from './items-named.js';
import { docsAsked, fromOtherEnd, listed } from './listed.js';
import { brokenDownInTable, firstColumn, groupInReport, isStatedOrder, tableAsked, tableColumn } from './table-column.js';
import { RATE_HEADER, RATE_WORDS } from '../text/rates.js';
import { inMonthsAsked, MOVED, periodKey } from './trend.js';
import { unitKind } from './compare.js';
import { FALL_HEADER } from '../extract/table-facts.js';
import { unitClass } from '../extract/units.js';
import type { AcrossResult } from './types.js';

/** Rows a ranking shows when the question asks no number (哪个最多: the first, then the rest). */
const ROWS_SHOWN = 10;
/** Facts gathered for a ranking: a table of a few dozen districts, diseases or hospitals. */
const RANK_CANDIDATES = 60;

/** Whether a list's figures measure the last indicator the question names, when it names one the catalogue knows. */
function measuresAsked(store: FactStore, q: ParsedQuestion, list: Entry[]): boolean {
  const asked = q.indicators.at(-1);
  const first = list[0]?.fact;
  if (!asked || !first) return true;
  const cat = store.intents.catalogue;
  const id = headIndicator(store, first.metric, first.unit);
  if (id === asked || cat.lineage(id).includes(asked) || cat.lineage(asked).includes(id)) return true;
  // (The sentence may name the measure before its list: 门诊和住院满意度分别为…)
  const said = matchKey(first.quote);
  return [cat.byId.get(asked)?.name ?? '', ...cat.formsOf(asked)].some((form) => form.length >= 2 && said.includes(matchKey(form)));
}

/** The words asked of the things named (罚得多, 合格率高) are found in the measure of their list, if any are asked. */
function saysAsked(asked: string, list: Entry[], parseCore: ParseCore): boolean {
  const words = parseCore(asked).tokens.filter((t) => !t.nearOnly && !t.slot && t.word.length >= 2).map((t) => t.word);
  const measure = matchKey(`${list[0]?.measure ?? ''}${list[0]?.fact.metric ?? ''}`);
  return !words.length || words.some((w) => measure.includes(matchKey(w)) || wordMatch(w, measure) >= 0.6);
}

/**
 * The words asked besides the names of the things listed are said of the list: in a measure,
 * sentence or heading of its items. (Places and areas, 全省, are whose list it is, no topic.)
 */
function topicsSaid(store: FactStore, topics: string[], list: Entry[], q: ParsedQuestion): boolean {
  const names = list.map((e) => matchKey(e.entity));
  if (!list.length) return false;
  // (In the words the question is read in: 病床使用率 is asked as 床位使用率.)
  const around = store.intents.synonyms.apply(matchKey(list.map((e) => `${e.measure}${e.fact.metric}${e.fact.quote}${e.fact.clause}${e.fact.heading ?? ''}${e.fact.section ?? ''}`).join('')));
  const places = q.regions.flatMap((r) => r.aliases);
  // (比区 of 比区中医院: a word cut across the comparison's 比 is no topic.)
  const words = topics
    .filter((t) => !AREA_SAID.test(t) && !places.some((p) => t.includes(p)))
    .map((t) => matchKey(t.replace(/^[比较和跟与同]/, '')))
    .filter((w) => w.length >= 2);
  return words.every((w) => names.some((n) => n.includes(w) || w.includes(n)) || around.includes(w) || wordMatch(w, around) >= 0.6);
}

/**
 * 办结率 ranked beside 按时办结率 for 那办结率最低的是哪个: a subject that is the very measure asked
 * (not 高血压患者规范管理率 for 规范管理率哪个最高: a group's).
 */
function measureAsSubject(subject: string, key: string): boolean {
  return subject.length >= 2 && (MEASURE_NAME.test(subject) || COUNT_NAME.test(subject)) && key.includes(subject);
}

// A count's name as a measure (办结件数, 门诊人次), never a subject's.
const COUNT_NAME = /(?:人次|人数|例数|件数)$/;
const MEASURE_NAME = /(?:率|比例|强度|指数|占比|比重)$/;
const WIDER_SAID = /全国|全省|全自治区|国家|省级/;
// 全省, 我市, 本县: an area a question says whose figures it asks, no topic of them.
const AREA_SAID = /^(?:全|我|本)[国省市县区镇乡]$/;
// (考核前三名, 考评谁最好: an assessment ranked by itself is ranked by its score.)
const SCORE_ASKED = /得分|分数|评分|总分|分值|(?:考核|考评|评比|测评)(?:结果|成绩)?的?(?=前[一二三四五六七八九十\d]|后[一二三四五六七八九十\d]|倒数|排名|名|第一|最[好差高低优]|谁|哪)/;
const PLACE_ENTITY = /(?:省|市|县|区|旗|镇|乡|街道|本级)$/;
const WHO_ENTITY = /(?:院|中心|站|所|室|局|委|办|科|部|单位|机构|公司|企业|学校|市直|集团|医共体|共同体|联盟|协会|队|组)$/;
const PERIOD_ENTITY = /^(?:(?:19|20)\d{2}年度?|\d{1,2}月份?|[一二三四]季度|上半年|下半年|全年)(?:的|底|末)?$/;

/**
 * 哪个县…最高, 前三: the subjects that carry one measure in one report and period (or across
 * reports of one period), ordered by value, with how many were compared. A ranked list the report
 * states itself (居前三位的依次为…) comes first.
 */
export function rank(store: FactStore, frame: AcrossFrame, q: ParsedQuestion, opts: { named?: boolean; parseCore?: ParseCore } = {}): AcrossResult | undefined {
  const moved = q.tokens.some((t) => MOVED.test(t.word));
  const falling = q.tokens.some((t) => FALLING.test(t.word));
  const first = falling ? fallen(store, frame, q, opts) : rankGathered(store, frame, q, opts);
  // (支出最慢: how fast an amount goes is its 进度, not the amount; a time ranks as it is.)
  const amounts = !!frame.speed && !moved && !!first?.rows.length && first.rows.every((r) => !r.unit || ['money', 'count', 'visit', 'person'].includes(unitClass(r.unit) ?? 'count'));
  const found = amounts && opts.parseCore ? rankGathered(store, frame, { ...opts.parseCore(`${q.text}进度`), regions: q.regions }, opts) : first;
  // (增长最快 answered by the levels themselves would rank the wrong figures: no ranking is better.)
  // (涨得最快 of a 同比下降 column would rank the falls as rises.)
  const result = found && moved && found.rows.some((r) => (r.status !== 'change' && !CHANGE_SAID.test(r.metric)) || (!falling && FALL_SAID.test(r.metric))) ? undefined : found;
  // 化学药里哪一类最多: the things ranked lie within the one named, never it beside its peers.
  // (Places said are no part of it: 甲县医院中哪家 ranks 甲县人民医院 and 甲县中医院.)
  const unplaced = (s: string) => store.regions.scan(s).mentions.reduce((t, m) => t.replace(m.text, ''), s);
  const scope = frame.scope ? unplaced(frame.scope) : '';
  // (沧县医院 in 县级医院里: a kind left when the place is taken off its name names no scope.)
  const namesIt = (subject: string) => {
    const bare = unplaced(subject);
    return (bare === subject || bare.length >= 3) && namesScope(bare, scope);
  };
  if (scope && result?.rows.some((r) => namesIt(r.subject))) return undefined;
  // (哪一类建得最多 ranks kinds of things, never the places that have them.)
  const kindsAsked = [frame.among, frame.sortedBy].some((w) => !!w && KINDS_ASKED.test(w));
  if (kindsAsked && result?.rows.some((r) => PLACE_ENTITY.test(r.subject))) return undefined;
  // (考核倒数两名是谁 over 基础工作(30分)、群众满意度(20分): who is ranked is a place or an institution.)
  if (frame.who && result?.rows.some((r) => !PLACE_ENTITY.test(r.subject) && !WHO_ENTITY.test(r.subject))) return undefined;
  // (哪个办结率最低 over 办结率 99.6%、按时办结率 98.9%: the measure asked is no subject ranked by it;
  // 哪种疫苗接种率最高 names the kind ranked, whose subjects 麻疹疫苗接种率 are.)
  const key = matchKey(q.key);
  return !frame.among && result?.rows.some((r) => measureAsSubject(matchKey(r.subject), key)) ? undefined : result;
}

const FALLING = /^(?:下降|降低|减少|降|减|缩短)$/;
// 哪一类, 哪种: kinds of things are what is ranked.
const KINDS_ASKED = /^(?:类|种|类别|种类)$/;
const CHANGE_SAID = /增长|增幅|增加|同比|环比|下降|降幅|降低|减少|提高|提升|上升|变化|增减|减幅/;

/**
 * 下降最多: the changes ranked most negative first (同比 -2.4 before -0.6), or the falls a report
 * says as falls (下降5.2%); a column of rises is no ranking of falls.
 */
function fallen(store: FactStore, frame: AcrossFrame, q: ParsedQuestion, opts: { named?: boolean; parseCore?: ParseCore }): AcrossResult | undefined {
  const said = rankGathered(store, frame, q, opts);
  if (said?.rows.length && said.rows.every((r) => FALL_SAID.test(r.metric))) return said;
  const flipped = rankGathered(store, { ...frame, order: frame.order === 'asc' ? 'desc' : 'asc' }, q, opts);
  return flipped?.rows.length && (flipped.rows[0]!.value ?? 0) < 0 && !flipped.rows.some((r) => FALL_SAID.test(r.metric)) ? flipped : undefined;
}
// (A row's measure may say its fall as a header does, or as a sentence does: 缩短.)
const FALL_SAID = new RegExp(`${FALL_HEADER.source}|缩短`);

/** True when a row's name is the scope said (化学药品 of 化学药里): the same opening words. */
function namesScope(subject: string, scope: string): boolean {
  return subject.length >= 2 && (scope.includes(subject) || (subject.length >= 3 && scope.includes(subject.slice(0, 3))));
}

function rankGathered(store: FactStore, frame: AcrossFrame, q: ParsedQuestion, opts: { named?: boolean; parseCore?: ParseCore }): AcrossResult | undefined {
  // 哪个县, 前三的县区: the places within the one asked are asked too, each for its own figure
  // (a report's sections on its counties), after the place's own matches.
  const within = frame.among && kindShown(frame.among) && q.regions.length === 1 ? store.regions.withDescendants(q.regions[0]!.name).filter((n) => n !== q.regions[0]!.name).flatMap((n) => store.regions.byName.get(n) ?? []) : [];
  // (增长最快: the levels are gathered, and the change beside each is ranked; no level says 增长.)
  const moved = q.tokens.find((t) => MOVED.test(t.word));
  const asLevel = moved && opts.parseCore ? { ...opts.parseCore(q.text.replace(moved.word, '')), regions: q.regions, ...(q.subject ? { subject: q.subject } : {}) } : q;
  const levels = { ...asLevel, rank: undefined, unknownPlaces: [] } as ParsedQuestion;
  const own = gatherFor(store, levels, RANK_CANDIDATES).map((s) => s.fact);
  const parts = within.length ? gatherFor(store, { ...levels, regions: within }, RANK_CANDIDATES).map((s) => s.fact) : [];
  // 3月…最少: only figures of the months asked are ranked, not another bulletin's.
  const scored = [...own, ...parts.filter((f) => !own.includes(f))].filter((f) => inMonthsAsked(store, f, q.months));
  const topics = q.tokens.filter((t) => !t.nearOnly && !t.slot && t.word.length >= 2).map((t) => t.word);
  // (创建得最好, 做得最差: how well is asked, which a rate's column says before a count's.)
  const key = frame.howWell && !RATE_WORDS.test(q.key) ? `${q.key}的比例` : q.key;
  // Only the items the question names (甲项和乙项哪个高), from a list a report gives, or else each
  // asked on its own (甲医院门诊、出院、手术哪个增长最快).
  const named = opts.parseCore ? namedItems(q.text, opts.parseCore) : undefined;
  const eachAsked = () => (named && opts.parseCore ? itemsRanked(store, named, opts.parseCore) : undefined);
  if (opts.named) {
    const found = listed(store, q, scored, topics, frame.among, frame.order, frame.sortedBy);
    // (院感发生率 of 二级和三级医院: a list of their 切口感染率 is of another measure.)
    // (三级医院的医疗纠纷比二级医院: a list of the two that says nothing of 医疗纠纷 counts another thing.)
    const group = found?.named && measuresAsked(store, q, found.list) && topicsSaid(store, topics, found.list, q) ? found.list : eachAsked();
    return group ? ranked(store, frame, group) : undefined;
  }
  if (named) {
    const group = listed(store, q, scored, topics, frame.among, frame.order, frame.sortedBy);
    // (职业卫生和公共场所卫生哪个罚得多: rows named, and a column of theirs that says nothing asked is
    // no answer, however the rows match.)
    const items = group?.named && saysAsked(named.asked, group.list, opts.parseCore!) ? group.list : eachAsked();
    if (items) return ranked(store, frame, items);
  }
  // A ranking the report states itself (居前三位的依次为…) is its own word on the order: it goes first.
  const stated = statedRanking(store, frame, scored.slice(0, 8));
  if (stated && (stated.rows.length >= 2 || frame.top === 1)) return stated;
  // (Read only when a group is found or nothing else answers: most questions need no stated ranking.)
  let saidOnce: AcrossResult | undefined | null = null;
  const said = () => (saidOnce === null ? (saidOnce = statedRanking(store, frame, rankingsSaid(store, q, scored, topics, frame.among))) : saidOnce);
  const headed = kindHeadedTable(store, frame, q, scored, topics);
  if (headed) return ranked(store, frame, headed);
  const gathered =
    firstColumn(store, scored, key, topics, frame.among) ??
    groupInReport(store, scored[0], key, topics, frame.among) ??
    brokenDownInTable(store, scored[0], key, frame.among) ??
    inSentence(store, fullerTable(store, listed(store, q, nearby(store, q, scored), topics, frame.among, frame.order, frame.sortedBy)?.list, topics, key, frame.among), frame.among) ??
    siblings(store, scored[0], frame.among, topics) ??
    largestGroup(store, entriesOf(store, scored, topics), frame.among, RATE_WORDS.test(key));
  // (全市…为69.6%，甲市(74.6%)、乙市(72.8%)…: the whole before its parts is none of them.)
  // (A row that counts what it lumps, 其他县级公立医院（10家）, beside rows of one each; not when
  // kinds are ranked, or every row counts its own: 县级医院（3家） | 乡镇卫生院（18家）.)
  const counted = (e: Entry) => inTable(store, e.fact) && COUNTED_ROW.test(rowLabel(e.fact));
  const lumps = !!gathered && !KINDS_ASKED.test(frame.among ?? '') && !gathered.every(counted);
  const all = gathered?.filter((e) => !LIST_TOTAL.test(e.entity) && !WHOLE_NAMED.test(e.entity) && !SEVERAL_NAMED.test(e.entity) && !(lumps && counted(e)));
  // (县级医院里…前三家: only the rows of the table's section the question names.)
  const items = all && frame.scope ? inSection(all, frame.scope) : all;
  const group = items && !ranksNothing(q, items) && oneUnit(items) ? items : undefined;
  // The three most (居前三位) answer no question of the fewest, however they were gathered.
  // 前三 of a group of two: the group gathered is not all the report ranks; no ranking is better.
  // (前两位 of a sentence's two items, 其中药品…、耗材…: a ranking asked of a few is among more, unless
  // the kind of thing ranked is asked: 哪类最多前三 of a whole's three parts.)
  // (哪两类…最多 over 其中主办29件、协办14件: two listed are as many as asked, but no kinds by their 类.)
  const sorted = !!frame.sortedBy && (!frame.kindsCounted || !!group?.[0]?.fact.quote.includes(frame.sortedBy));
  const enough = (n: number) => n >= Math.max(2, frame.top ?? 2) && !(n === frame.top && !frame.among && !sorted && !inTable(store, group![0]!.fact));
  // (由2022年的…增加到2023年的…、2024年的…: the years of a series are no things ranked, unless periods are asked.)
  const timed = group?.some((e) => PERIOD_ENTITY.test(e.entity)) && !/[年月季]/.test(frame.among ?? '');
  // (各专业, 哪种疫苗: a kind no name shows is no set of places.)
  const places = !!frame.among && !kindShown(frame.among) && !!group?.some((e) => PLACE_ENTITY.test(e.entity));
  // (其中乙型肝炎15例、丙型肝炎7例: a part's parts, when the report ranks the kind asked itself and
  // its first is none of them, are not the things asked about.)
  const ownRanking = group ? said() : undefined;
  const saidFirst = ownRanking && ownRanking.rows.length >= 2 ? ownRanking.rows[0]!.subject : undefined;
  const another = !!saidFirst && !!group && !group.some((e) => e.entity === saidFirst);
  if (another) return ownRanking;
  if (group && !timed && !places && enough(group.length) && !group.some((e) => fromOtherEnd(store, e.fact, frame.order))) return ranked(store, frame, group);
  // 前三是哪几个县: rows of the kind asked, in a table the question's words point to.
  const found = frame.among ? tableAsked(store, docsAsked(store, q, nearby(store, q, scored)), topics, key, frame.among, q.months) : undefined;
  // (乙县哪个月最多: a month table of the city is no months of 乙县.)
  const table = found && /^月/.test(frame.among ?? '') && q.regions.length && !found.every((e) => q.regions.some((r) => r.name === e.fact.region)) ? undefined : found;
  return table ? ranked(store, frame, table) : (stated ?? said());
}

// 国家级示范区（甲区、乙区、丙市）: a group that names its members is several of them, no one ranked.
const SEVERAL_NAMED = /[(（][^()（）]*、[^()（）]*[)）]/;
const COUNTED_ROW = /[(（]\d+[家个所项种类][)）]$/;

/** A table row's label as its quote opens on it (其他县级公立医院(10家)：…). */
const rowLabel = (f: Fact) => f.quote.split(/[:：]/, 1)[0]!;

// 今年, 全市: words of when and where before a scope, which no section of a table names; 医院,
// 机构: the kind of every row, which tells no section from another.
const SCOPE_OPENING = /^(?:(?:19|20)\d{2}年|今年|去年|前年|全市|全县|全区|各)+/;
const KIND_WORD = /^(?:医院|医疗机构|机构|单位|卫生院|卫生机构|医疗卫生机构)$/;

/**
 * 县级公立医院 over its hospitals' rows: where a table's rows stand in sections, a ranking within
 * the part a question names (县级医院里, by the words besides the kind: 县级) ranks that section's
 * rows alone, and none when no section is the one named. The group as it is when its rows stand in
 * no sections, or the scope names only their kind (医院里).
 */
function inSection(group: Entry[], scope: string): Entry[] {
  const words = tag(scope.replace(SCOPE_OPENING, '')).map((t) => t.word).filter((w) => w.length >= 2 && !KIND_WORD.test(w));
  if (!words.length || !group.some((e) => e.fact.section)) return group;
  return group.filter((e) => !!e.fact.section && words.every((w) => e.fact.section!.includes(w)));
}
// (全市农村地区…签约覆盖率 of a list's lead: the whole, named by its 全市, is none of its parts; nor
// is a bare 其他 row, the rest lumped together.)
// (Not 全州县, a county's own name.)
const WHOLE_NAMED = /^全(?:市|县|区|省|盟|旗)(?![县市区旗])|^(?:其他|其它|其余)$/;

/**
 * 培训人员3200人次、举办培训班12期: figures of different units are no one measure's, whatever their
 * words share. (Places are counted in 个, 家 or 所 alike, people in 人 or 名: 医院96家 beside
 * 基层医疗卫生机构1402个, 执业医师5200人 beside 注册护士6100名.)
 */
function oneUnit(group: readonly Entry[]): boolean {
  return new Set(group.map((e) => unitKind(e.fact.unit))).size <= 1;
}

/**
 * 甲医院、乙医院和丙医院分别为95.1%、92.3%和90.8%: a list that names some of
 * the rows of a table in its report, on the same measure, gives way to the table's whole column.
 */
function fullerTable(store: FactStore, list: Entry[] | undefined, topics: string[], asked: string, among?: string): Entry[] | undefined {
  if (!list?.length || !among || !kindShown(among)) return list;
  const same = (a: string, b: string) => a.endsWith(b) || b.endsWith(a);
  const holds = (table: Entry[] | undefined) => !!table && table.length > list.length && list.every((e) => table.some((t) => same(t.entity, e.entity) && t.fact.value === e.fact.value));
  const table = tableAsked(store, [list[0]!.fact.docId], topics, asked, among);
  if (holds(table)) return table;
  // (紫荆关镇、狼牙山镇…创建率分别只有30.0%和38.2%: the table column that holds the list's very figures,
  // whichever column the question's words point to.)
  const first = list[0]!.fact;
  for (const f of factsOfReport(store, first.docId)) {
    if (f.value !== first.value || f.unitClass !== first.unitClass || f === first || !inTable(store, f)) continue;
    const column = tableColumn(store, f, asked, among);
    if (holds(column)) return column;
  }
  return list;
}

/**
 * 甲区、乙区分别为5.12人、4.35人，4个县中丙县3.25人、丁县2.65人…: a list that names some of the
 * places its sentence gives the same measure for gives way to all of them.
 */
function inSentence(store: FactStore, list: Entry[] | undefined, among?: string): Entry[] | undefined {
  const first = list?.[0]?.fact;
  if (!list || !first || !among || !kindShown(among)) return list;
  const doc = store.docs.get(first.docId)?.meta.region;
  const alike = factsOfReport(store, first.docId).filter(
    (f) => f.sentenceNo === first.sentenceNo && f.kind === 'figure' && f.status === 'actual' && !f.level && f.unit === first.unit && f.region !== doc && fits(f.region, among),
  );
  // (甲市某率最高，为81.5%；乙区80.2%…丙县最低，为76.4%: the places' figures of one unit measure one
  // thing when the sentence names one measure at most, beside the places and the words of the ends.)
  const bare = (f: Fact) => f.metric.replace(f.region, '').replace(ENDS_SAID, '');
  const measures = new Set(alike.map(bare).filter(Boolean));
  const all = measures.size <= 1 ? alike : alike.filter((f) => f.metric === first.metric);
  const entities = new Set(all.map((f) => f.region));
  if (entities.size <= list.length || entities.size !== all.length || !list.every((e) => entities.has(e.entity))) return list;
  return all.map((f) => ({ fact: f, entity: f.region, measure: list[0]!.measure }));
}

const ENDS_SAID = /最高|最低|最多|最少|最大|最小|居首|居末|排名第[一二三四五六七八九十\d]+|第[一二三四五六七八九十\d]+/g;

/** The best facts, or when none answers on its own, those a little below the answer threshold. */
function nearby(store: FactStore, q: ParsedQuestion, scored: Fact[]): Fact[] {
  if (scored.length) return scored;
  // With nothing passing, the match's suggestions are the nearest facts.
  const m = matchQuestion(q, store.index, store.regions, { limit: NEARBY, floor: NEARBY_FLOOR });
  return (m.answers.length ? m.answers : m.suggestions).map((s) => s.fact);
}
const NEARBY = 10;
const NEARBY_FLOOR = 0.2;

// 分钟, 天: the units of a time taken, which how fast ranks the other way round (日 and 月 are
// dates elsewhere, durations here).
const isDuration = (unit: string) => unitClass(unit) === 'duration' || /^(?:日|月)$/.test(unit);

/** The entries in the order asked, as many as asked, with how many were compared. */
function ranked(store: FactStore, frame: AcrossFrame, group: Entry[]): AcrossResult {
  // A stated order (名次 1 first) is read the other way round from amounts.
  // (反应时间最慢 is the longest time: how fast a time is ranks it the other way round.)
  const timed = !!frame.speed && isDuration(group[0]!.fact.unit);
  const lowFirst = ((frame.order === 'asc') !== isStatedOrder(group[0]!.measure)) !== timed;
  const sorted = [...group].sort((a, b) => (lowFirst ? a.fact.value! - b.fact.value! : b.fact.value! - a.fact.value!));
  const rows = sorted.slice(0, Math.max(1, frame.top ?? ROWS_SHOWN)).map((e) => rowOf(store, e.fact, e.entity));
  const measure = group[0]!.measure || group[0]!.fact.metric;
  const ties = sorted.length > rows.length && sorted[rows.length]!.fact.value === sorted[rows.length - 1]!.fact.value;
  // (1月…12月: the months ranked are of one year.)
  const year = group[0]!.fact.time?.year;
  const period = year && group.every((e) => /^\d{1,2}月$/.test(e.entity)) ? `${year}年` : rowsPeriod(group[0]!.fact);
  const notes = [`共比较了${group.length}个有${measure}数据的对象（${period}）。`, ...(ties ? ['注意：排在最后一位的与下一位数值相同。'] : [])];
  return { kind: 'rank', indicator: measure, rows, missing: [], mixed: null, notes, count: group.length, order: timed ? (frame.order === 'asc' ? 'desc' : 'asc') : frame.order ?? 'desc' };
}

/**
 * The parts listed with the best fact in its own sentence, after it (其中疾控中心30个、妇幼保健机构
 * 27个…), each named by its measure's words.
 */
function siblings(store: FactStore, best: Fact | undefined, among: string | undefined, topics: string[]): Entry[] | undefined {
  // A rate's neighbours (全省98.0%, 底线95%) are other rates said beside it, not its parts.
  if (!best || best.value === undefined || best.unitClass === 'percent') return undefined;
  // (哪个监测点糖尿病最高: 选取监测点5个，其中城市2个… breaks down no 糖尿病.)
  const said = matchKey(`${best.metric}${best.local ?? ''}`);
  if (topics.some((t) => t.length >= 2 && covered(t, said) < 2)) return undefined;
  const near = store.facts.filter(
    (f) =>
      f.docId === best.docId &&
      f !== best &&
      f.kind === 'figure' &&
      f.status === 'actual' &&
      f.value !== undefined &&
      f.unitClass === best.unitClass &&
      f.sentenceNo === best.sentenceNo &&
      f.span[0] > best.span[0] &&
      (periodKey(f) ?? '') === (periodKey(best) ?? '') &&
      indicatorParts(store, f).qualifiers === indicatorParts(store, best).qualifiers,
  );
  const entries = new Map<string, Entry>();
  for (const f of near) {
    const entity = metricWords(f.metric);
    if (entity.length < 2 || TOTAL.test(entity) || entries.has(entity) || (among && !fits(entity, among))) continue;
    entries.set(entity, { fact: f, entity, measure: `${best.metric}的构成` });
  }
  return entries.size >= 2 ? [...entries.values()] : undefined;
}

/**
 * 哪种血型的献血者最多: a kind no name shows that heads a table's first column (血型 | 全血献血人次)
 * is what that table's rows are, before any list the sentences give; its column must be one the
 * question's words name (献血 of 全血献血人次, not 应执行次数 for 手卫生), a rate's when a rate is asked.
 */
function kindHeadedTable(store: FactStore, frame: AcrossFrame, q: ParsedQuestion, scored: Fact[], topics: string[]): Entry[] | undefined {
  // (A one-character kind, 类 of 哪类, heads no table.)
  if (!frame.among || frame.among.length < 2 || kindShown(frame.among)) return undefined;
  const table = tableAsked(store, docsAsked(store, q, nearby(store, q, scored)), topics, q.key, frame.among, q.months, true);
  const first = table?.[0];
  if (!table || !first || table.length < Math.max(2, frame.top ?? 2) || covered(first.measure, q.key) < 2) return undefined;
  return RATE_WORDS.test(q.key) && first.fact.unitClass !== 'percent' ? undefined : table;
}

/**
 * A group gathered that answers no ranking asked: counts of institutions for a score asked (考核得分
 * 最高), or rows that are measures each of its own kind (使用率 | 使用强度 | 送检率); one measure of
 * several groups (高血压患者规范管理率, 2型糖尿病患者规范管理率) ranks.
 */
function ranksNothing(q: ParsedQuestion, group: Entry[]): boolean {
  if (SCORE_ASKED.test(q.text) && group.some((e) => e.fact.unitClass !== 'score' && !/分$/.test(e.measure))) return true;
  return group.filter((e) => MEASURE_NAME.test(e.entity)).length >= 2 && sharedEnd(group.map((e) => e.entity)) < 2;
}

function rowsPeriod(f: Fact): string {
  return f.time?.label ?? '同一报告';
}

/** The entity a figure is for (a district, disease, hospital) and the measure it gives. */
function entryOf(store: FactStore, f: Fact, topics: string[]): Entry | undefined {
  const doc = store.docs.get(f.docId);
  const metric = metricWords(f.metric);
  // Every word asked is in the measure: 每千人口 alone does not make 每千人口床位数 the 医师 asked.
  if (topics.some((t) => !metric.includes(t))) return undefined;
  const at = topics.map((t) => metric.indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  if (at === undefined) return undefined;
  // Across facts, only a district's or institution's own figure names its entity: a measure's
  // leading words (医疗卫生 of 医疗卫生机构) are a kind, not a subject. Lists are siblings().
  const entity = f.subject ?? (doc && f.region !== doc.meta.region ? f.region : undefined);
  if (!entity || entity.length < 2 || TOTAL.test(entity) || /报告$/.test(entity)) return undefined;
  return { fact: f, entity, measure: metric.slice(at) };
}

function entriesOf(store: FactStore, facts: Fact[], topics: string[]): Entry[] {
  return facts.filter((f) => f.kind === 'figure' && f.status === 'actual' && f.value !== undefined).map((f) => entryOf(store, f, topics)).filter((e): e is Entry => !!e);
}

/** Entries of one report (or one period), one measure and unit: the most entities wins. */
function largestGroup(store: FactStore, entries: Entry[], among?: string, rateAsked = false): Entry[] | undefined {
  const groups = new Map<string, Map<string, Entry>>();
  for (const e of entries) {
    if (among && !fits(e.entity, among)) continue;
    const { qualifiers, unitClass } = indicatorParts(store, e.fact);
    const k = `${e.fact.docId}|${e.measure}|${periodKey(e.fact) ?? ''}|${qualifiers}|${unitClass}`;
    const g = groups.get(k) ?? new Map<string, Entry>();
    if (!g.has(e.entity)) g.set(e.entity, e);
    groups.set(k, g);
  }
  // (三孩及以上 | 三孩及以上占比, ten rows each: a rate asked is the rate's group, else the count's.)
  const weight = (g: Map<string, Entry>) => g.size * 2 + (RATE_HEADER.test([...g.values()][0]!.measure) === rateAsked ? 1 : 0);
  let best: Map<string, Entry> | undefined;
  for (const g of groups.values()) if (g.size >= 2 && (!best || weight(g) > weight(best))) best = g;
  return best && [...best.values()];
}

/**
 * 报告病例数居前五位的病种依次为…: a ranking the best facts' report states of the very measure
 * asked, though its items (names, not figures) score below the figures.
 */
function rankingsSaid(store: FactStore, q: ParsedQuestion, scored: Fact[], topics: string[], among?: string): Fact[] {
  const doc = scored[0]?.docId;
  if (!doc || !topics.length || !among) return [];
  return factsOfReport(store, doc).filter((f) => {
    // (据省疾控中心通报，全省…居前三位的: a wider area's ranking is not the report's own.)
    if (f.rank === undefined || f.level || f.region !== scored[0]!.region || !fits(f.answer, among) || !inMonthsAsked(store, f, q.months)) return false;
    const measure = f.metric.replace(/第\d+位.*$/, '');
    return !WIDER_SAID.test(measure) && !widerRanking(measure, f.region, '') && topics.every((t) => measure.includes(t));
  });
}

/** A ranking the report states (第1位…): its items in order, without figures to compare. */
function statedRanking(store: FactStore, frame: AcrossFrame, scored: Fact[]): AcrossResult | undefined {
  const ranked = scored.filter((f) => f.rank !== undefined);
  if (!ranked.length) return undefined;
  const first = ranked[0]!;
  const list = scored
    .filter((f) => f.rank !== undefined && f.docId === first.docId && f.metric.replace(/第\d+位.*$/, '') === first.metric.replace(/第\d+位.*$/, ''))
    .sort((a, b) => a.rank! - b.rank!);
  // A stated ranking gives the first few (居前三位): read backwards it is no list of the last few.
  if (frame.order === 'asc') return undefined;
  // (化学药品中，采购金额居前三位的…: a ranking within a part the question does not name is no answer to it.)
  const at = rankingAt(first.quote);
  const within = at > 0 ? rankingScope(first.quote.slice(0, at)) : undefined;
  if (within && !frame.core.includes(within.slice(0, 2))) return undefined;
  const ordered = list;
  const rows = ordered.slice(0, Math.max(1, frame.top ?? ROWS_SHOWN)).map((f) => rowOf(store, f, f.answer));
  const measure = first.metric.replace(/第\d+位.*$/, '');
  return { kind: 'rank', indicator: measure, rows, missing: [], mixed: null, notes: [`报告列出的${measure}排名（前${list.length}位）。`], count: list.length, order: frame.order ?? 'desc' };
}
