import { tag, taggedPlace } from '../text/segment.js';
import type { Draft } from './facts.js';
import { leadingNounPhrase, splitTopLevel } from './text-spans.js';

/**
 * How the figures of one sentence measure what the ones around them do: parts of a total, kinds of
 * a named total, the subject a semicolon run opens with, groups after a rate, bare rates after a
 * count, and a wider area's list beside the report's own. Pure functions over a sentence's drafts.
 */

// Words ending like a place that name none.
// (城市地区, 农村地区, 边远山区: kinds of area, no place.)
export const NOT_PLACE = /^(城市|城区|市区|辖区|社区|山区|新区|园区|片区|景区|街区|郊区|乡镇|城乡|城镇|村镇|全区|全县|我区|我县|本区|本县|各区|各县|该区|该县|县区|区县)$|^(?:城市|农村|城镇|城乡|边远|偏远|贫困|脱贫|山区|牧区|民族)(?:地区|地|山区|社区)$/;

/** 其中金台区以82.3%位列全市第一: the district a clause opens with is whose figure it is. */
export function clausePlace(clause: string): string | undefined {
  const m = /^(其中)?[,，:：]?([\u3400-\u9fff]{2,3}?(?:区|县|旗|镇|乡|街道))(?!医院|卫生院|中心|人民|妇幼|中医|示范|级|域)/.exec(clause.trim());
  const place = m?.[2];
  if (!place || NOT_PLACE.test(place)) return undefined;
  // 马鞍镇共有村卫生室32个: a town that opens a clause by what it has is that clause's subject.
  if (/(镇|乡|街道)$/.test(place) && !/^[该本全各每此]/.test(place) && clause.trim().slice(m[0].length).match(/^(?:共有|现有|共|有|辖|拥有|全镇|全乡)/)) return place;
  // After 其中 a place-like name is one of the report's districts; elsewhere jieba must know it.
  return m[1] || tag(place.replace(/(区|县|旗|镇|乡|街道)$/, ''))[0]?.tag === 'ns' || tag(place).length === 1 ? place : undefined;
}

// 以马鞍镇(41例)和乙镇(23例)最多, 最低的是甲县（87.9%）: a place named right before a bracket.
const NAME_BEFORE_BRACKET = /([\u3400-\u9fff]{3,12})\s*[(（]\s*$/;
/** 甲县, 乙镇: a name that ends as a place's does. */
export const PLACE_SUFFIX = /(?:镇|乡|街道|县|区|市|旗)$/;
// What may stand right before a place's name in a run: a joining word, a verb of being, punctuation.
const BEFORE_NAME = /[和及与、,，:：以在于是除为有括比如即]/;
const NOT_OPENING = /^[其各全本该每重试]/;

/** The place whose figure the bracket that `before` ends on opens, if jieba (or its form) says it is one. */
export function placeBeforeBracket(before: string): string | undefined {
  const tail = NAME_BEFORE_BRACKET.exec(before);
  if (!tail) return undefined;
  const words = tail[1]!;
  const atStart = before.length - tail[0].length === tail.index && tail.index === 0;
  // The shortest name that ends the words and stands after a joining word (最低的是|甲县), or the
  // words whole when they open the text.
  for (let n = 3; n <= words.length; n++) {
    const place = words.slice(-n);
    const opens = n === words.length ? atStart || BEFORE_NAME.test(before[tail.index - 1] ?? '') : BEFORE_NAME.test(words[words.length - n - 1]!);
    if (!opens || !PLACE_SUFFIX.test(place) || NOT_OPENING.test(place)) continue;
    return isPlaceName(place) ? place : undefined;
  }
  return undefined;
}

function isPlaceName(place: string): boolean {
  if (NOT_PLACE.test(place)) return false;
  if (/(镇|乡|街道)$/.test(place)) return true;
  // (大城市（…）: a city must be one jieba knows, by its stem or whole; a county or district may
  // also be one of rare characters, unless its name says it is a kind of area.)
  if (taggedPlace(place.replace(/(区|县|市|旗)$/, ''), place)) return true;
  // (接种率较低的有乙山县: a name by its form alone is short, unless it is an autonomous county's.)
  if (/自治[县旗]$/.test(place)) return true;
  // (梅里斯达斡尔族区, 察哈尔右翼后旗: an ethnic or banner name may be longer.)
  const limit = /族|翼/.test(place) ? 9 : 6;
  return place.length <= limit && (/(县|旗)$/.test(place) || (/区$/.test(place) && !AREA_KIND.test(place)));
}

const AREA_KIND = /(?:地区|社区|开发区|示范区|园区|片区|景区|辖区|城区|市区|山区|病区|院区|校区|新区|郊区|牧区|林区|矿区|库区|厂区|街区|试验区|保护区)$/;

const BRACKET_RUN_REST = /^[^()（）]*?[)）](?:\s*[、和及与]\s*[\u3400-\u9fff]{2,8}\s*[(（][^()（）]*[)）])*\s*(?:的)?/;
const RUN_MEASURE = /^([\u3400-\u9fff]{2,12}?(?:率|数|量|人次|人数|费用?|额|比例|占比|指数|密度))(?:也|均|都|仍|还|尚|分别|未|没有|不|低于|高于|超过|达到|位居|居|排|最|较)/;

/**
 * 甲县（99.3%）、乙县（99.4%）住院分娩率也未达到…: the measure named after a run of bracketed
 * places, read from the text after one of its figures.
 */
export function measureAfterBracketRun(after: string): string | undefined {
  const rest = BRACKET_RUN_REST.exec(after);
  return rest ? RUN_MEASURE.exec(after.slice(rest[0].length))?.[1] : undefined;
}

/** 甲县（99.3%）、乙县（…: what follows a clause's first place opens a run of two or more bracketed places. */
export function opensBracketRun(afterPlace: string): boolean {
  return /^\s*[(（][^()（）]*[)）]\s*[、和及与]\s*[\u3400-\u9fff]{2,8}\s*[(（]/.test(afterPlace);
}

/** 每千人口, 每万常住人口: the words of a figure per head of population. */
export const PER_HEAD = /每(?:千|万|十万|百)(?:常住|户籍)?人口/;

const PLACE_OR_INSTITUTION = /(医院|卫生院|机构|中心|站|室|所|诊所|门诊部|区|县|市|镇|乡|街道)$/;
const GENERIC_TAIL = /^(总数|数量|总量|总额|人数|数|量|合计|总计)$/;

/**
 * "医院床位中,公立医院17.64万张" → 公立医院床位: a kind of what the total names first (医院) takes
 * what the total measures (床位). "卫生技术人员中,注册护士…" names kinds of people: left as it is.
 */
export function kindOfTotal(part: string, total: string): string {
  const words = tag(total).map((t) => t.word);
  if (words.length < 2) return part;
  const kind = words.slice(0, -1).find((w) => w.length >= 2 && part.endsWith(w));
  // "总诊疗人次中,医院9873.5万人次": an institution's share of a counted total counts the same.
  return kind || (PLACE_OR_INSTITUTION.test(part) && COUNTED_TAIL.test(total)) ? partOfTotal(part, total) : part;
}

// A count's unit word, which needs the word before it to say what is counted (诊疗人次).
const COUNTED_TAIL = /(人次|台次|例次|户次|床日)$/;

/** 医院 of a breakdown of 实有床位 → 医院床位: the part named, and what the total counts. */
export function partOfTotal(rawPart: string, total: string): string {
  const part = rawPart.replace(/[以为]$/, '');
  // 其中金台区以82.3%: a district's figure measures what the whole area's did.
  if (/^[\u3400-\u9fff]{2,3}(区|县|旗|镇|乡|街道)$/.test(part) && !NOT_PLACE.test(part)) return part + total.replace(/^(全市|全区|全县|全省|全年)+/, '');
  // 其中男性13.0%、女性11.2% of 居民糖尿病患病率: a group of people has the whole's measure, narrowed to it.
  if (PEOPLE_GROUP.test(part) && MEASURE_END.test(total) && !total.includes(part)) {
    // (城市孕产妇死亡率…，其中农村…: a whole of one group has its other group's figure beside it.)
    const group = part.replace(/(?:居民|人群|地区)$/, '');
    const other = GROUP_WORD.exec(total)?.[0];
    if (other) return total.replace(other, group);
    // 18岁及以上居民… → 18岁及以上男性居民…: the group goes before the people the whole counts.
    const at = total.search(/(?:居民|人群|人口|患者|儿童|学生)(?!.*(?:居民|人群|人口|患者|儿童|学生))/);
    return at >= 0 ? total.slice(0, at) + group + total.slice(at) : part + total;
  }
  // 其中三级医院0.73% of I类切口手术部位感染率: a kind of hospital has the whole rate's measure, not its last word.
  if (HOSPITAL_KIND.test(part) && MEASURE_END.test(total) && !/医院|机构|卫生院/.test(total)) return part + total.replace(/^(全市|全区|全县|全省|全年)+/, '');
  const words = tag(total).map((t) => t.word).filter((w) => !GENERIC_TAIL.test(w));
  // 公立医院 of 医院病床使用率 → 公立医院病床使用率: what follows the kind the part narrows.
  const kindAt = words.findIndex((w, k) => k < words.length - 1 && w.length >= 2 && part.endsWith(w));
  // 正高级 of 具有高级职称 → 正高级职称: the part ends on a word the total says inside one of its own.
  const shared = kindAt < 0 ? sharedTail(part, total) : undefined;
  if (shared) return part + shared;
  const last = words[words.length - 1] ?? '';
  // 人次 of 总诊疗人次 says how, not what: the head is 诊疗人次.
  const tailHead = COUNTED_TAIL.test(last) && words.length >= 2 ? words[words.length - 2]!.replace(/^总/, '') + last : last;
  const head = kindAt >= 0 ? words.slice(kindAt + 1).join('') : tailHead;
  if (!head || head.length < 2 || part.includes(head) || part.length > 12) return part;
  // 医院 of 实有床位 → 医院床位: an institution or a place takes what the total measures; a kind
  // of person (执业(助理)医师 of 卫生技术人员) or of institution (医院 of 医疗卫生机构) is a measure already.
  if (kindAt < 0 && (!PLACE_OR_INSTITUTION.test(part) || PLACE_OR_INSTITUTION.test(head))) return part;
  // 其中渭滨区12.6张 of 每千常住人口床位数: the part is per head of population as the total is.
  const perCapita = PER_HEAD.exec(total)?.[0];
  return `${perCapita && !part.includes(perCapita) ? perCapita : ''}${part}${head}`;
}

/** Groups of people a figure is given apart for: by sex, by where they live. */
// 三级医院, 公立医院, 基层医疗卫生机构: kinds of institution a rate is broken down by.
const HOSPITAL_KIND = /^(?:[一二三]级|公立|民营|非公立?|综合|专科|中医|基层)[\u3400-\u9fff]{0,4}(?:医院|医疗机构|医疗卫生机构|卫生院)$/;
export const GROUP_WORDS = ['男性', '女性', '城市', '农村', '城镇', '乡村', '城区'] as const;
const PEOPLE_GROUP = new RegExp(`^(?:${GROUP_WORDS.join('|')})(?:居民|人群|地区)?$`);
const GROUP_WORD = new RegExp(GROUP_WORDS.join('|'));

/** What the total says after the part's last two or more characters: 职称 for 正高级 of 具有高级职称. */
function sharedTail(part: string, total: string): string | undefined {
  for (let n = Math.min(part.length - 1, 4); n >= 2; n--) {
    const at = total.indexOf(part.slice(-n));
    const tail = at >= 0 ? total.slice(at + n) : '';
    if (at >= 0 && tail.length >= 2 && !total.startsWith(part)) return tail;
  }
  return undefined;
}

// The end of a measure: what a group's figure is a figure of.
const MEASURE_END = /(率|数|量|人次|费用|额|比|占比|指数|水平|寿命|床位|人员|医师|护士|住院日|天数|时间|收入|支出|结余|结存)$/;
const BARE_RATE = /^(合格率|达标率|覆盖率|使用率|占比|比例|完成率|知晓率|治疗率|控制率|检出率|阳性率|治愈率|好转率|满意度|符合率|及时率|规范率|接种率)$/;

/**
 * "男性糖尿病患病率为13.4%,女性为11.7%;农村居民为11.3%": a group named alone measures what the
 * group before it did; "抽检公共用品用具2640份,合格率92.4%": a bare rate is a rate of what was
 * counted just before.
 */
export function withGroupMeasures(drafts: Draft[]): Draft[] {
  let last: Draft | undefined;
  for (const d of drafts) {
    if (d.kind !== 'figure') continue;
    // Only rates, money and durations: a name standing alone with a count (乡村医生91名) is a measure of its own.
    // (…89.9%提高1.7个百分点: a change names the way it went, no group.)
    if (last && !d.level && d.status !== 'change' && /^(percent|money|duration)$/.test(d.unitClass) && d.unitClass === last.unitClass && d.metric.length <= 8 && !MEASURE_END.test(d.metric) && MEASURE_END.test(last.metric)) {
      const words = tag(last.metric).map((t) => t.word);
      const measure = words.slice(1).join('');
      if (words.length >= 2 && MEASURE_END.test(measure) && !d.metric.endsWith(measure)) d.metric = d.metric + measure;
    } else if (last && BARE_RATE.test(d.metric) && last.unitClass !== 'percent' && last.metric.length <= 16) {
      // 甲乙类传染病共报告203例,报告发病率…: the rate of what was counted, without the verb of counting.
      d.metric = last.metric.replace(/^(全年|全市|全区|全县|共|累计)+/, '').replace(/(?:共|累计)?(?:报告|发生|发现|确诊)$/, '') + d.metric;
    }
    last = d;
  }
  return drafts;
}

/**
 * "执业(助理)医师3.26人、注册护士3.87人,这两项与全国3.40人、4.00人相比还有差距": a list of a wider
 * area's figures, in a clause of their own, measures the report's own figures before it, in order.
 */
export function withComparedMeasures(drafts: Draft[]): Draft[] {
  const byClause = new Map<number, Draft[]>();
  for (const d of drafts) if (d.kind === 'figure') byClause.set(d.clause.start, [...(byClause.get(d.clause.start) ?? []), d]);
  for (const [start, group] of byClause) {
    if (group.length < 2 || !group.every((d) => d.level)) continue;
    const own = drafts.filter((d) => d.kind === 'figure' && !d.level && d.status === 'actual' && d.clause.start < start);
    if (own.length < group.length) continue;
    const measured = own.slice(-group.length);
    group.forEach((d, i) => {
      const m = measured[i]!;
      // The own figure's per-capita words (每千常住人口…医师3.26人、注册护士3.87人) go with it.
      const perCapita = PER_HEAD.exec(m.clause.text)?.[0];
      d.metric = perCapita && !m.metric.includes(perCapita) ? perCapita + m.metric : m.metric;
    });
  }
  return drafts;
}

// 每千人口分别为: a figure per head that names only whom it is per.
const PER_HEAD_ONLY = new RegExp(`^(${PER_HEAD.source})(?:拥有)?(?:分别)?(?:为|达到|是)?$`);

/**
 * "床位25257张，执业（助理）医师14279人，注册护士16343人，按常住人口412.7万人计算，每千人口分别为
 * 6.12张、3.46人、3.96人": figures per head that name no measure are, in order, the counts before
 * them (not the population they are worked over), each in the same unit.
 */
export function withPerHeadCounts(drafts: Draft[]): Draft[] {
  const figures = drafts.filter((d) => d.kind === 'figure');
  const perHead = figures.filter((d) => PER_HEAD_ONLY.test(d.metric));
  if (perHead.length < 2) return drafts;
  const first = figures.indexOf(perHead[0]!);
  // Only a list that lines up whole: as many counts before (the population aside) as figures per
  // head, unit by unit (卫生技术人员…其中医师…、护士…, 每千人口分别为 a、b lines up with no one).
  const counts = figures.slice(0, first).filter((d) => d.status === 'actual' && !d.level && !/人口(?:数)?$/.test(d.metric) && d.unitClass !== 'percent');
  if (counts.length !== perHead.length || counts.some((c, i) => c.unit !== perHead[i]!.unit)) return drafts;
  perHead.forEach((d, i) => (d.metric = PER_HEAD_ONLY.exec(d.metric)![1]! + counts[i]!.metric.replace(/^(?:全市|全县|全区|全省|我市|我县|我区)/, '')));
  return drafts;
}

// What a run of figures can be about, named where the run opens (乡镇卫生院诊疗人次…,入院人次…).
const RUN_SUBJECT = /^([\u3400-\u9fff()（）]{2,12}?(?:医院|卫生院|服务中心|服务站|卫生室|机构|诊所|门诊部|保健院|患者|人群|儿童|孕产妇|老年人|新生儿))/;
const RUN_LEAD = /^(?:(?:19|20)\d{2}年度?(?:\d{1,2}月)?(?:底|末)?|截至[^,，]{1,12}|全市|全区|全县|全省|全国|我市|我区|我县|其中|年末|年底|[,，:：\s])+/;

// The lines of an account after its first (总支出, 当期结余, 年末累计结存): what they are of goes unsaid.
const ACCOUNT_LINE = /^(?:(?:总|当期|当年|本期|年末|期末|累计)[\u3400-\u9fff]{1,6}|收入|支出|结余|结存)$/;
const ACCOUNT_HEAD = /^(?:全年|全市|全县|全区|全省|本年|当年)*([\u3400-\u9fff]{2,10}?)(?:总(?:收入|支出|额|量|规模)|收入|支出)$/;

/**
 * "医保基金总收入98.46亿元,…;总支出91.23亿元,…;当期结余7.23亿元": the account the sentence opens
 * with owns the later lines that name only a line of an account.
 */
export function withAccountLines(drafts: Draft[]): Draft[] {
  const figures = drafts.filter((d) => d.kind === 'figure');
  const owner = figures[0] ? ACCOUNT_HEAD.exec(figures[0].metric)?.[1] : undefined;
  if (!owner) return drafts;
  for (const d of figures.slice(1)) if (ACCOUNT_LINE.test(d.metric)) d.metric = owner + d.metric;
  return drafts;
}

/**
 * "乡镇卫生院诊疗人次427.65万人次,入院人次12.46万人次,病床使用率61.8%;村卫生室…": within a run
 * between semicolons, the institution or group the run opens with is what every figure is about.
 */
export function withRunSubjects(sentence: string, drafts: Draft[]): Draft[] {
  for (const run of splitTopLevel(sentence, ';；')) {
    const inRun = drafts.filter((d) => d.kind === 'figure' && d.clause.start >= run.start && d.clause.start < run.start + run.text.length);
    if (inRun.length < 2) continue;
    const subject = RUN_SUBJECT.exec(run.text.replace(RUN_LEAD, ''))?.[1];
    // The run must open with the subject's own first figure (乡镇卫生院诊疗人次427.65万), the
    // subject must be a noun phrase (not 我们新建…), and the others bare measures (入院人次).
    if (!subject || !inRun[0]!.metric.startsWith(subject) || !/^(n|nz|nt|ns|j|userdict|x)/.test(tag(subject)[0]?.tag ?? '')) continue;
    // 医疗机构实有床位…,卫生技术人员…: the whole of a region's institutions narrows nothing;
    // 每千常住人口拥有医疗卫生机构… is a qualifier, not a subject.
    if (/^(各级各类)?(医疗|卫生|医疗卫生)?机构$|每|拥有|共有|人口/.test(subject)) continue;
    // Only a bare measure (入院人次, 病床使用率) takes the subject; 民营医院 names its own.
    for (const d of inRun.slice(1)) {
      if (!d.metric.includes(subject) && d.metric.length <= 8 && MEASURE_END.test(d.metric) && !RUN_SUBJECT.test(d.metric) && !/^(占|比|较|同比)/.test(d.metric)) d.metric = subject + d.metric;
    }
  }
  return drafts;
}

// A count that names nothing it counts (本月报告, 去年同期仅报告): only what is done, and when.
const BARE_COUNT = /^(?:本月|本期|本周|本年|当月|全年|今年|去年同期|上年同期|上月|同期)?(?:仅|只|共|累计|新)?(?:报告|发生|发现|确诊|检出)(?:病例|例数|数)?(?:$|较|比|同比|环比)/;
const BARE_COUNT_WHEN = /^(?:本月|本期|本周|本年|当月|全年|今年|去年同期|上年同期|上月|同期)?(?:仅|只|共|累计)?/;
const TOPIC_TAIL = /(?:疫情|情况|方面|工作|防控)$/;
const MEASURE_TAIL = /(?:报告数|发病数|病例数|死亡数|发病率|死亡率)$/;
// 有所回升, 持续下降: words after the topic that say how it went.
const NOT_TOPIC_TAIL = /(?:有所|略有|明显|大幅|持续|继续|仍然|仍|依然|保持|呈现|呈|进入|需要|需)+$/;

/**
 * "某病疫情需关注:本月报告19例,去年同期只报告3例": the topic a lead without figures names
 * before its colon is what the bare counts after the colon count.
 */
export function withLeadTopic(sentence: string, drafts: Draft[]): Draft[] {
  // "某病进入流行期,报告数较上月增加…": an opening clause without figures names the topic too,
  // for measures that name nothing at all (报告数, 发病率).
  const colon = sentence.search(/[:：]/);
  const comma = sentence.search(/[,，]/);
  const end = colon > 0 ? colon : comma;
  if (end <= 0 || /\d/.test(sentence.slice(0, end))) return drafts;
  // 某病报告数有所回升,本月报告36例: the topic is what the lead's measure counts.
  const topic = leadingNounPhrase(sentence.slice(0, end).replace(FOR_EXAMPLE, '')).replace(NOT_TOPIC_TAIL, '').replace(TOPIC_TAIL, '');
  // 全市…, 我们…: the whole area or the speaker is no topic of a measure.
  if (topic.length < 2 || topic.length > 12 || /^(?:全|我|本|今年|去年|目前)/.test(topic)) return drafts;
  for (const d of drafts) {
    if (d.kind !== 'figure' || d.clause.start <= end) continue;
    // 比如平均住院日，2022年我们是8.4天，去年缩短到了6.9天: spoken figures that name nothing, or only
    // the way they moved, are the lead's measure (a change keeps its verb).
    // (全市是2.6‰: a wider area's figure said beside the place's own is not the place's.)
    const said = sentence.slice(d.clause.start, d.spanInSentence[0]);
    if ((d.metric === '' || REACHED_ONLY.test(d.metric)) && (d.level || WIDER.test(said))) continue;
    if (d.metric === '' || REACHED_ONLY.test(d.metric)) {
      d.metric = d.status === 'change' ? topic + d.metric : topic;
      continue;
    }
    if (!(BARE_COUNT.test(d.metric) || BARE_MEASURE.test(d.metric))) continue;
    const bare = d.metric.replace(BARE_COUNT_WHEN, '');
    // 某病报告数…,本月报告36例,较上月上升…: a topic that is a measure already takes only the change.
    d.metric = MEASURE_TAIL.test(topic) ? topic + bare.replace(/^.*?(?=较|比|同比|环比|$)/, '') : topic + bare;
  }
  return drafts;
}
const WIDER = /全市|全省|全国|市里|省里|国家|全县|全区/;
// 比如, 再比如: the lead of an example names its measure after these.
const FOR_EXAMPLE = /^\s*(?:再比如|比如说|比如|例如|譬如|像|就拿|拿)/;
// 缩短, 增加到: a verb alone, the way a figure moved, names nothing it measures.
const REACHED_ONLY = /^(?:缩短|延长|增加|增长|下降|提高|提升|降低|上升|减少|涨|降|升)(?:到|至)?了?$/;
// A measure with no word of what it measures, alone or with its change (报告数较上月上升).
const BARE_MEASURE = /^(?:报告数|发病数|病例数|报告病例数|死亡数|发病率|报告发病率|死亡率)(?:$|较|比|同比|环比)/;

// A sentence that opens on a measure naming nothing, with how it changed (报告发病数较上月…).
const OPENS_BARE = /^\s*(报告发病数|发病数|报告数|病例数|报告病例数)(?=较|比|同比|环比)/;

/**
 * "共报告法定传染病412例。报告发病数较上月(380例)上升8.42%": a sentence that opens on a bare
 * measure and its change goes on with what the sentence before counted.
 */
export function withPreviousMeasure(sentence: string, drafts: Draft[], previous: { metric: string; unitClass: string } | undefined): Draft[] {
  const bare = OPENS_BARE.exec(sentence)?.[1];
  if (!bare || !previous || previous.unitClass === 'percent' || previous.metric.length < 2) return drafts;
  for (const d of drafts) if (d.kind === 'figure' && d.metric.startsWith(bare) && (d.unitClass === previous.unitClass || d.status === 'change')) d.metric = previous.metric + d.metric.slice(bare.length);
  return drafts;
}
