/**
 * What a figure says about its indicator: the level reached (actual), a level planned (target),
 * or a change against an earlier level or another place (change). A question asks for one of
 * them, and a figure of another status is no answer to it.
 */
export type FactStatus = 'actual' | 'target' | 'change';

/** The wider area a figure speaks for when a report cites it for comparison. */
export type Level = '全国' | '全省' | '全市';

// Words that hold a planning word but plan nothing: 计划生育, 预期寿命, 免疫规划.
export const NOT_PLANNING = /计划生育|计划免疫|预期寿命|免疫规划|规划疫苗|规划内|目标人群|目标任务完成/g;
// (争取上级补助资金1.2亿元: money secured, no aim.)
const TARGET_WORDS = /力争|争取(?!到?(?:上级|中央|省级|国家|省|市)?(?:补助|专项|债券)?(?:资金|经费|项目|支持|政策))|目标|计划|预计|预期|拟|确保|(?:将|要|必须|务必)(?:达到|新增|建成|实现|完成|提高|提升|降低|降到|控制|新建|改造|建设|开展|推动|覆盖|增加|扩大|提到|给|为)|到(?:19|20)\d{2}年(?:\d{1,2}月)?(?:底|末)?(?![\d底末月的第一二三四上下前度])|(?:19|20)\d{2}年(?:\d{1,2}月)?(?:底|末)?(?:以)?前(?![一二三四五六七八九十\d])|明年|下一步/;
const CHANGE_BEFORE = /(?:增加|增长|减少|下降|提高|降低|上升|缩短|延长|提升|回落|上涨|下跌|扩大|缩小|高出|低了|多了|少了|增|降|减|净增|翻)(?:了)?(?:约|近|超过)?$/;
const CHANGE_UNIT = /^(个百分点|百分点)$/;
// 超过目标时限8分钟, 低于国家标准5个百分点: by how much a figure passes its aim, no aim itself.
// (超标准样品9份 counts what passed a standard: only the aim's own words may follow it.)
const OVER_TARGET = /(?:超过|超出|超|高于|低于|多于|少于)了?(?:国家|省|市)?(?:目标|任务|计划|要求|标准|规定)(?:时限|时间|值|水平)?$/;
// 比全省(7.8天)长0.3天, 分别比全省低0.17人、0.24人: a gap to a base named before it (not 比例较高,
// 占比最高, 比较高, nor 较高 alone).
const COMPARED_BEFORE = /(?:(?<!占)比(?![例重率值较])|较)[^,，。;；]{1,14}?(?:长|短|高|低|多|少)了?$/;
// 全国基层中医药工作示范市, 全国文明城市: honours named after the country, not its figures; 通过国家
// 药品不良反应监测系统收到…: a system named after it, through which the report's own figures came.
const NATIONAL = /全国(?![^,，。;；]{0,12}(?:示范|先进|文明|百强|试点|优秀|典型|模范|标兵|称号))|国家(?!级|卫生|医学|区域|临床|中医|重点|标准|基本|免疫|儿童|助理|基层|级)(?![^,，。;；]{0,16}(?:系统|平台|数据库))/;
const PROVINCIAL = /全省|省平均|省内平均|省里|全自治区|自治区平均/;

// 规划床位500张, 新院区设计床位: the beds a building is planned for, right before the figure (not
// 按规划新建…, what was done to a plan).
const PLANNED_BEDS = /(?<![按依照已])(?:规划|设计)(?:床位|病床)数?$/;
// 今年我们要…，把县域内就诊率提高到92%: what is to be raised to, said with 要 or 将 earlier in the sentence.
// (…提高到92%，家庭医生签约率提高到45%: the clauses after it that go on raising are of the same plan.)
// (Not 要求, 需要, 主要, 将近: words that hold 要 or 将 and plan nothing.)
export const PLAN_MODAL = /(?<![需重主只必])要(?!求)|将(?!近)|力争|计划|准备|打算/;
export const RAISE_PLANNED = new RegExp(`(?:${PLAN_MODAL.source})[^。；;!?！？]{0,24}?把[^。；;!?！？]{1,60}?(?:提高|提升|降低|降|控制|增加|扩大|达到|减少|压缩|缩短)(?:到|至|在)$`);
const TASK_BEFORE = /(?:任务|任务数|任务量)(?:同样|也|均|都)?(?:是|为|数为)?$/;
// (…的目标人群 is whom a figure counts, no aim.)
const TASK_AFTER = /^\s*[”"’」]?\s*的?(?:年度|全年|工作)?(?:任务目标|目标任务|任务|目标)(?!人群|人口|群体|对象|地区|医院|机构|水平)/;

/** A text that plans rather than reports. */
export function hasTargetWords(text: string): boolean {
  return TARGET_WORDS.test(text.replace(NOT_PLANNING, ''));
}

/**
 * The status of a figure from the words of its sentence before it (`before`, from the sentence's
 * start), the words right before it in its own segment, its unit, and its year against the
 * report's own period: a later year is a plan.
 */
export function statusOf(args: { before: string; near: string; after?: string; unit: string; year?: number; reportYear?: number; planSection?: boolean }): FactStatus {
  const near = args.near.replace(/\s+/g, '');
  if (CHANGE_UNIT.test(args.unit) || CHANGE_BEFORE.test(near) || OVER_TARGET.test(near) || COMPARED_BEFORE.test(near) || COMPARED_BEFORE.test(args.before.replace(/\s+/g, '')) || /^同比|^比上年|^较上年/.test(near) && /[增降减提升缩]/.test(near)) return 'change';
  if (args.planSection || hasTargetWords(args.before) || PLANNED_BEDS.test(near)) return 'target';
  // 任务是12万人, 完成下达的1400份的任务目标, 未达到20%年度目标: a task set is aimed at (not
  // 完成95%的目标任务 and 完成体检任务3.2万人, what was done).
  if ((TASK_BEFORE.test(near) && !/完成/.test(near)) || (TASK_AFTER.test(args.after ?? '') && !/完成了?$|占$/.test(near))) return 'target';
  if (args.year && args.reportYear && args.year > args.reportYear) return 'target';
  return 'actual';
}

/** 全国 or 全省 when the words right before a figure cite a wider area for comparison. */
export function levelOf(near: string, reportIsProvince: boolean, reportIsCounty = false): Level | undefined {
  // 比全国高1.2个百分点: the wider area is the base of a change, the figure is the report's own.
  if (/[比较](?:全国|全省|全市)/.test(near)) return undefined;
  if (NATIONAL.test(near)) return '全国';
  if (!reportIsProvince && PROVINCIAL.test(near)) return '全省';
  // A county's report citing 全市平均水平 cites the city it belongs to.
  if (reportIsCounty && CITY_AVERAGE.test(near)) return '全市';
  return undefined;
}

// 全市平均水平, (己市同期增长3.9%): in a county's report, the city's figure set beside its own.
const CITY_AVERAGE = /全市(?:的)?(?:平均|水平|同期)|市平均|全市[^,，。;；]{0,8}平均|(?:高于|低于|超过|不及|不到|优于|好于)全市(?:的)?$|^[,，\s]*[(（][\u3400-\u9fff]{2,4}市(?:同期|平均|全年|为)/;

// What a question asks for: a planned level, a change, or (by default) the level reached.
// (从上级争取到多少项目钱: money secured is asked, no aim.)
const ASKS_TARGET = /(?<!完成[^,，。?？]{0,8})任务(?:数|量)?(?:是|为|有)?(?:多少|几)|目标|要达到|要到|要提到|要降到|要(?:新增|建|给|完成|实现|提高|降低|控制|争取)|力争|争取(?!到)(?!(?:上级|中央|省级|国家|省|市)?(?:补助|专项|债券)?(?:资金|经费|项目|支持|政策))|计划|打算|准备|预期|规划|明年|(?:19|20)\d{2}年要/;
const ASKS_CHANGE = /比上年|比去年|较上年|较去年|同比|环比|比上月|较上月|(?<![占之对护床])比(?![例重率值是])[^,，。?？]{1,8}?(?:多(?!少)|少|高|低|增|减|涨|降|长|短|提|快|慢)|(?:增长|提高|下降|降低|缩短|延长|减少|上升|提升|涨|降|多|少)了(?:多少|几|百分之)|几个百分点|多少个百分点|增幅|降幅|增速|增长率|翻了/;

/** The status a question asks for. */
export function askedStatus(question: string): FactStatus {
  // 规划完成进度: how far a plan is met is a level reached, not a plan.
  const q = question.replace(NOT_PLANNING, '').replace(/(?:规划|目标|计划|任务)(?=[^,，。?？]{0,6}完成进度)/g, '');
  if (ASKS_CHANGE.test(q)) return 'change';
  if (ASKS_TARGET.test(q)) return 'target';
  return 'actual';
}

/** 全国 or 全省 when a question asks for the wider area's figure. */
/**
 * The wider areas a comparison names, in its order (跟全省全国比 → 全省, 全国): 全国 as a level, not
 * an honour (全国示范); 全省 only when the question's place is not a province itself.
 */
export function levelsNamed(question: string, placeIsProvince = false, placeIsCounty = false): Level[] {
  const out: Level[] = [];
  // 云垭跟全市比: a county's question names its city as 全市.
  const names = placeIsCounty ? /全国|全省|省平均|省内平均|全自治区|自治区平均|全市|市平均|市里/g : /全国|全省|省平均|省内平均|全自治区|自治区平均/g;
  for (const m of question.matchAll(names)) {
    const level: Level = m[0] === '全国' ? '全国' : /市/.test(m[0]) ? '全市' : '全省';
    if (level === '全国' && !NATIONAL.test(question.slice(m.index!))) continue;
    if (level === '全省' && placeIsProvince) continue;
    if (!out.includes(level)) out.push(level);
  }
  return out;
}

export function askedLevel(question: string, reportIsProvince = false): Level | undefined {
  // 比全国高了多少: the wider area is what the figure is compared with.
  // 不要全省的: a wider area ruled out is not asked for either.
  const q = question.replace(/(?:比|较|与|和|同|跟|高于|低于|超过|不要|不是|而不是|非)(?:全国|全省)(?:平均)?(?:水平)?(?:的)?/g, '');
  if (NATIONAL.test(q)) return '全国';
  if (!reportIsProvince && /全省|省平均|省里|省的|全自治区|自治区/.test(q)) return '全省';
  return undefined;
}
