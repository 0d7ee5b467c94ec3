import { isNumericCell } from '../reports/tables.js';
import { unitClass, unitClassOfMeasure, unitOfMeasure, type UnitClass } from './units.js';
import type { TimeRef } from './time.js';
import type { FactStatus, Level } from './status.js';
import { partOfTotal, PER_HEAD } from './breakdowns.js';
import { sharedEnd } from '../text/shared-ends.js';

/** One cell of a table read as a fact, before it is tied to its report. */
export interface CellFact {
  kind: 'figure' | 'statement';
  answer: string;
  value?: number;
  unit: string;
  unitClass: UnitClass;
  metric: string;
  status: FactStatus;
  qualifiers: string[];
  /** The row's place when the rows are districts or counties (西湖区 | 12 | 345). */
  region?: string;
  /** The institution a row is (甲县人民医院 | 858.3 | …): its figures are its own, not its place's. */
  subject?: string;
  /** A column of the wider area's figures (全省平均) set beside the report's own. */
  level?: Level;
  time?: TimeRef;
  /** A year's value in a row that gives a later year's too (2020年基期值 beside 2023年实际值). */
  role?: 'from';
  /** Its place in a ranking table (名次), when the cell is the name ranked there. */
  rank?: number;
  /** The row as a sentence a person reads, and where the cell stands in it. */
  quote: string;
  span: [number, number];
  local: string;
  row: number;
  /** The part of the table the row stands in: the label of a row of no figures above it. */
  section?: string;
}

type Column =
  | { kind: 'period'; year?: number; label: string; status: FactStatus; unit?: UnitHint; level?: Level; part?: string }
  | { kind: 'change'; label: string; qualifier?: string; unit?: UnitHint; of?: string }
  | { kind: 'attribute'; label: string }
  | { kind: 'measure'; label: string; unit?: UnitHint; year?: number; yearsBack?: number; asWritten?: string; months?: { from: number; to: number }; status?: FactStatus };

interface UnitHint {
  multiplier: string;
  unit: string;
}

const YEAR = /((?:19|20)\d{2})\s*年?/;
/** 2023年, 2023, 2023年末: a header that is a year and nothing else. */
export const YEAR_HEADER = /^\s*(?:19|20)\d{2}\s*年?(?:度|末|底)?\s*$/;
// (目标人群: the people a service is for, counted; no target.)
const TARGET = /目标(?!人群)|规划|预期值|计划|力争/;
// 年度签约任务: what is to be done, a target (not 任务完成率, done against it).
const TASK = /(?<!完成)任务(?!完成)/;
const BARE_TASK = /^(?:(?:19|20)\d{2}年)?(?:年度|全年)?任务(?:数|量)?$/;
const TARGET_WORDS = /目标值?|规划值?|预期值|计划|力争|任务|年度|全年/g;
// 增减, 同比, 比上年…: words that say a change wherever they stand in a header.
const CHANGE_WORDS = /增减|增长|同比|比上年|较上年|环比|变化|增幅|增量|增加|下降/;
// (2022年 | 2023年 | 提高: a bare 提高 after the years is the change between them.)
const BARE_CHANGE = /^(?:提高|提升|上升|降低|减少)(?:幅度|值|量)?(?:[(（][^()（）]*[)）])?$/;
export const CHANGE_HEADER = new RegExp(`${CHANGE_WORDS.source}|${BARE_CHANGE.source}`);
// (单位 | 计量单位: the row's unit, read as such, never a measure a change column is of.)
const ATTRIBUTE = /属性|性质|类别$|^(?:计量)?单位$/;
const ESTIMATE_NOTE = /\s*[(（](?:预计|预估|估计|初步统计|初步|快报)(?:数|值)?[)）]/;
// 综合得分: the overall of a score, which its parts (健康环境得分) are scores of (not 综合医院).
export const OVERALL = /^综合(?=得分|评分|指数|成绩)/;
// (全市 is no wider area in a city's own table, where it is the report's whole: only 全省 and 全国.)
const WIDER_COLUMN = /^(全国|全省)(?:平均)?(?:水平|值|数)?$/;
// Words a year's column may say beside its year that name no measure.
const YEAR_LEFT = /^(?:|[数值]|全年|合计|累计|总计|数据|情况|数值|当年|同期|上报|统计|监测|水平|实际|[上下]半年|[一二三四1-4]季度|得分|评分|分数|总分|分值|全[市县区省国院州盟镇]|本[市县区院])$/;
const ACTUAL_VALUE = /(?:基期|基线|基数|现状|实际|完成|实现|达到)(?:值|数|情况)?$/;
// (片区: the row of the area a notice is about, as its own table calls it.)
const WHOLE_AREA = /^(?:(?:全市|全区|全县|全省|全州|全盟|全旗|全片区|片区)(?:平均(?:值|水平)?)?|合计|总计|全部|总体)$/;
// (东院区, 病区, 校区: parts of an institution, no places.)
const PLACE_ROW = /^[\u3400-\u9fff]{1,8}(?:(?<![院病校厂库社景营])区|县|市|旗|镇|乡|街道|开发区|新区)$/;
// 甲县人民医院, 乙市第二人民医院, 丙镇中心卫生院: an institution named after its place.
const INSTITUTION_ROW = /^[\u3400-\u9fff]{2,6}?(?:市|县|区|旗|镇|乡)(?!级)[\u3400-\u9fff]{0,10}?(?:医院|卫生院|保健院|疾病预防控制中心)$/;
const UNIT_HINT = /[(（]([^()（）]{1,8})[)）]\s*$/;
const CELL_VALUE = /^([+\-±]|≤|≥|<|>|约|近)?\s*(\d[\d,]*(?:\.\d+)?)\s*(.*)$/;
const MULTIPLIER = /^(万亿|千万|百万|万|亿|千)/;
const MULTIPLIERS: Record<string, number> = { 万亿: 1e12, 千万: 1e7, 百万: 1e6, 万: 1e4, 亿: 1e8, 千: 1e3 };

/** Reads the header row, when the first row names columns rather than holding figures. */
export function readHeader(rows: string[][]): Column[] | undefined {
  const first = rows[0];
  if (!first || rows.length < 2) return undefined;
  const named = first.slice(1).every((c) => !isNumericCell(c) || YEAR.test(c));
  if (!named) return undefined;
  return withChangeOf(withTotalsNamed(withGroupsOf(withPartsOf(first.map(columnOf)))));
}

/**
 * 甲类场所数 | 达标数 | 达标率 | 乙类场所数 | 达标数 | 达标率: measures said twice are each of the
 * count that opens their group (乙类场所达标率), when every one of them has such an opener.
 */
function withGroupsOf(columns: Column[]): Column[] {
  // (去年同期发病数 beside 发病数 is the same measure a year before, no group's.)
  const labels = columns.map((c, j) => (j > 0 && c.kind === 'measure' && !c.yearsBack && c.year === undefined && !c.months ? c.label : ''));
  const repeated = (l: string) => !!l && labels.filter((x) => x === l).length > 1;
  if (!labels.some(repeated)) return columns;
  let opener: string | undefined;
  const named = columns.map((c, j) => {
    const l = labels[j]!;
    if (l && !repeated(l)) opener = GROUP_OPENER.exec(l)?.[1];
    return repeated(l) && opener ? { ...c, label: `${opener}${l}` } : c;
  });
  const again = named.map((c, j) => (j > 0 && c.kind === 'measure' ? c.label : ''));
  return named.every((c, j) => !repeated(labels[j]!) || again.filter((x) => x === c.label).length === 1) ? named : columns;
}
const GROUP_OPENER = /^(.{2,12}?)(?:总数|数量|个数|人数|数)$/;

/**
 * What each column of a header row measures, as the cells under it are named: its measure without
 * the period it names (婴儿死亡率2023年 → 婴儿死亡率, 3月门急诊人次 → 门急诊人次) or its unit, a part
 * column as the part of the column before it (其中:门诊 → 门诊就诊人数); a period, change or
 * attribute column as it is written.
 */
export function headerLabels(row: readonly string[]): string[] {
  return withGroupsOf(withPartsOf(row.map(columnOf))).map((c) => c.label);
}

/** 其中:门诊: a header of a part of the column before it. */
export const PART_HEADER = /^\s*其中[:：]?\s*(.+)$/;

/** 就诊人数 | 其中:门诊: a column of a part of the column before counts what it counts (门诊就诊人数). */
function withPartsOf(columns: Column[]): Column[] {
  let total: string | undefined;
  return columns.map((c, j) => {
    if (c.kind !== 'measure' || j === 0) return c;
    const part = PART_HEADER.exec(c.label)?.[1];
    // (完成例数 | 完成率 | 其中免费手术: a part is of the count before, never of a rate.)
    if (!part) {
      if (!RATE_COLUMN.test(c.label)) total = c.label;
      return c;
    }
    // (综合得分 | 其中：健康环境: a part of the overall score is a score, not an overall one.)
    const whole = total?.replace(OVERALL, '');
    return { ...c, label: whole && !part.endsWith(whole) ? `${part}${whole}` : part };
  });
}

/**
 * 省级重点专科 | 市级重点专科 | 合计: a total column after measures that end alike is the total of
 * what they share (重点专科合计), not a measure named 合计.
 */
function withTotalsNamed(columns: Column[]): Column[] {
  return columns.map((c, j) => {
    if (c.kind !== 'measure' || !TOTAL_COLUMN.test(c.label)) return c;
    const before: string[] = [];
    for (let k = j - 1; k > 0 && columns[k]!.kind === 'measure'; k--) before.unshift(columns[k]!.label);
    // (Not over a measure's years, 2023年新增床位 | 2024年新增床位 | 合计: a total of no one year.)
    if (columns.slice(1, j).some((x) => x.kind === 'measure' && x.year !== undefined)) return c;
    const n = before.length >= 2 ? sharedEnd(before) : 0;
    // (省级 | 市级, 甲类 | 乙类 share 级, 类 too: the kind's end is none of what is totalled.)
    const shared = n ? before[0]!.slice(-n).replace(/^[级类型等性]/, '') : '';
    // Each kind is a word of its own (省级, 市级), never a character cut off a word (门诊 | 急诊 → 诊人次).
    const kinds = before.map((b) => b.slice(0, b.length - shared.length));
    return shared.length >= 2 && kinds.every((k) => k.length >= 2) ? { ...c, label: `${shared}${c.label}` } : c;
  });
}

/** 出院人数(万人) | 同比(%): a change column that names no measure is the change of the one before it. */
function withChangeOf(columns: Column[]): Column[] {
  let measure: string | undefined;
  const seen: string[] = [];
  // 床位数 | 床位使用率 | 床位同比: the measure a change column names is the one it says, not any it opens.
  const namedOf = (named: string) => seen.find((l) => l === named || l.replace(/(?:数|量|人次|总数)$/, '') === named) ?? (seen.filter((l) => l.startsWith(named)).length === 1 ? seen.find((l) => l.startsWith(named)) : undefined) ?? named;
  return columns.map((c, j) => {
    if (c.kind === 'measure' && j > 0) seen.push(c.label);
    // 中医诊疗人次 | 占总诊疗人次比例: a share column is the share of the measure before it.
    if (c.kind === 'measure' && j > 0 && /^占/.test(c.label) && measure) return { ...c, label: `${measure}${c.label}` };
    if (c.kind === 'measure' && j > 0) measure = c.label;
    if (c.kind !== 'change') return c;
    const named = stripHint(c.label).replace(new RegExp(CHANGE_HEADER.source, 'g'), '').replace(/[率幅(（)）%\s]/g, '');
    // 门急诊同比 after 门急诊人次: the change of the measure it names, in that measure's words.
    if (named) return named.length >= 2 && j > 0 && !/^[比较与]|年|月|期/.test(named) ? { ...c, of: namedOf(named) } : c;
    return measure ? { ...c, of: measure } : c;
  });
}

function columnOf(said: string): Column {
  // 2025年实现值（预计）: an estimate of a level reached is read as the level, its note aside.
  const cell = said.replace(ESTIMATE_NOTE, '');
  const year = YEAR.exec(cell);
  // 年度签约任务（人）: a measure's target, in a table whose rows are the places or institutions set it.
  // (完成年度任务（%）, 目标完成率: what was done against it.)
  const aimed = (TARGET.test(cell) || TASK.test(cell)) && !/完成|进度/.test(cell);
  if (aimed && stripHint(cell).replace(YEAR, '').replace(TARGET_WORDS, '').replace(/[()（）\s]/g, '').length >= 2) {
    const hint = unitHint(cell);
    return { kind: 'measure', label: stripHint(cell), status: 'target', ...(year ? { year: +year[1]! } : {}), ...(hint ? { unit: hint } : {}) };
  }
  // (目标完成率 is a measure of its own: how much of the target was done.)
  // (年度任务 | 完成例数: a bare task column is the target of the row's measure.)
  if ((TARGET.test(cell) || BARE_TASK.test(stripHint(cell).replace(/\s+/g, ''))) && !/完成率|完成进度|进度/.test(cell)) return { kind: 'period', ...(year ? { year: +year[1]! } : {}), label: cell, status: 'target' };
  // 增长%, 增幅(%): a change in percent whatever the row counts.
  if (CHANGE_HEADER.test(cell)) return { kind: 'change', label: cell, ...(/同比/.test(cell) ? { qualifier: '同比' } : {}), ...(/%|百分/.test(cell) ? { unit: { multiplier: '', unit: /百分点/.test(cell) ? '百分点' : '%' } } : {}) };
  // 2023年三季度, 2024年上半年, 2024年1—6月: a part of a year, a period of its own.
  const part = PART_OF_YEAR_COLUMN.exec(stripHint(cell).replace(/\s+/g, ''));
  if (part) return { kind: 'period', year: +part[1]!, label: cell, status: 'actual', part: `${part[1]}年${/^[一二三四1-4]季度$/.test(part[2]!) ? `第${part[2]}` : part[2]}` };
  // 一季度 | 二季度 | …: a part of the table's own year, whose year the caption gives.
  const bare = BARE_PART_COLUMN.exec(stripHint(cell).replace(/\s+/g, ''));
  if (bare) return { kind: 'period', label: cell, status: 'actual', part: /^[一二三四1-4]季度$/.test(bare[1]!) ? `第${bare[1]}` : bare[1]! };
  // 2023年实际值, 2020年基期值, 2024年完成值: what a year stood at.
  // 2024年(%): a year column may give its figures' unit too.
  const yearHint = unitHint(cell);
  // (2023年床位, 2023年死亡 are measures in 2023: only words that name no measure leave a year's column,
  // 2023年全市, 2022年得分, 2023年水平; any other word is a measure's.)
  const left = stripHint(cell).replace(YEAR, '').replace(ACTUAL_VALUE, '').replace(/[年度底末()（）\s]/g, '');
  if (year && YEAR_LEFT.test(left)) return { kind: 'period', year: +year[1]!, label: cell, status: 'actual', ...(yearHint ? { unit: yearHint } : {}) };
  // 目标值 | 完成值 with no year: what the row's measure reached, in the table's own period.
  if (!year && /^(?:实际)?(?:完成|实现|达到|实际)值?$|^(?:现状|实际)值$/.test(stripHint(cell).trim())) return { kind: 'period', label: cell, status: 'actual' };
  if (ATTRIBUTE.test(cell)) return { kind: 'attribute', label: cell };
  // 全省平均, 2024年全国: the wider area's figures of the row's measure, beside the report's own.
  const wider = WIDER_COLUMN.exec(stripHint(cell).replace(YEAR, '').trim())?.[1] as Level | undefined;
  if (wider) return { kind: 'period', label: cell, status: 'actual', level: wider, ...(year ? { year: +year[1]! } : {}), ...(yearHint ? { unit: yearHint } : {}) };
  const hint = unitHint(cell);
  // 婴儿死亡率2023年(‰), 2024年活产数: a measure in the year its header names.
  const dated = MEASURE_IN_YEAR.exec(stripHint(cell));
  // (基线值（2020年）, 目标值（2025年）: a status's column, no measure of its own.)
  if (dated && !(dated[3] && STATUS_LABEL.test(dated[1]!))) return { kind: 'measure', label: (dated[1] ?? dated[5])!, year: +(dated[2] ?? dated[3] ?? dated[4])!, ...(hint ? { unit: hint } : {}) };
  // 上年平均急救反应时间 beside 平均急救反应时间: the same measure a year before the table's.
  const relative = RELATIVE_YEAR.exec(stripHint(cell));
  if (relative) return { kind: 'measure', label: relative[2]!, ...(relative[1] === '上年' || relative[1] === '去年' || relative[1] === '上一年' ? { yearsBack: 1, asWritten: stripHint(cell) } : {}), ...(hint ? { unit: hint } : {}) };
  // 3月门急诊人次, 1—3月门急诊人次: a measure in the month, or the run of months, its header names.
  const monthly = MEASURE_IN_MONTHS.exec(stripHint(cell));
  if (monthly) {
    const to = +monthly[2]!;
    const from = monthly[1] ? +monthly[1] : to;
    if (from >= 1 && to <= 12 && from <= to) return { kind: 'measure', label: monthly[3]!, months: { from, to }, ...(hint ? { unit: hint } : {}) };
  }
  return { kind: 'measure', label: stripHint(cell), ...(hint ? { unit: hint } : {}) };
}
const BARE_PART_COLUMN = /^(第?[一二三四1-4]季度|[上下]半年|前三季度)$/;
const PART_OF_YEAR_COLUMN = /^((?:19|20)\d{2})年(第?[一二三四1-4]季度|[上下]半年|前三季度|\d{1,2}[—\-~至到]\d{1,2}月|\d{1,2}月)$/;
// (6月龄内纯母乳喂养率: 月龄 is an age, no month.)
const MEASURE_IN_MONTHS = /^(?:(\d{1,2})\s*[—\-~～至到]\s*)?(\d{1,2})月(?!龄)(?:份)?(?:累计)?([\u3400-\u9fff]{2,})$/;
// (含麻疹成分疫苗第2剂2023年: a measure's name may hold figures of its own.)
// (执业（助理）医师2024年: and brackets inside it.)
/** 下降, 降幅: the words that say a change is a fall. */
export const FALL_HEADER = /下降|降幅|减幅|减少|降低/;
const SCORE_COLUMN = /(?:分值|得分|评分|分数|总分)$/;
const SCORE_HINT = unitHint('（分）');
const STATUS_LABEL = /(?:值|基线|基期|现状|目标|规划|预期|实际|完成)$/;
// (近视率（2023年）: or in brackets after it.)
// (D2W 2023年, CMI值2023年: a measure may be written in Latin letters.)
const MEASURE_IN_YEAR = /^([\u3400-\u9fffA-Za-z][\u3400-\u9fff\dA-Za-z()（）]*?[\u3400-\u9fffA-Za-z])\s*(?:((?:19|20)\d{2})年?|[(（]((?:19|20)\d{2})年?度?[)）])$|^((?:19|20)\d{2})年?\s*([\u3400-\u9fffA-Za-z][\u3400-\u9fff\dA-Za-z()（）]*[\u3400-\u9fffA-Za-z])$/;

/** 2024年1—6月 → 2023年1—6月: a period the given number of years before, its months kept. */
function yearBefore(time: TimeRef | undefined, years: number): TimeRef | undefined {
  if (!time?.year) return undefined;
  const year = time.year - years;
  return { ...time, label: time.label.replace(String(time.year), String(year)), year };
}

// Figures that add up over places (counts, people, visits, money): a mean of them is no whole.
const AMOUNTS = new Set<UnitClass>(['count', 'person', 'visit', 'money', 'area', 'weight']);

// (上年同期, 上年同月, 上年末: the period words go with the year, never into the measure's name.)
const RELATIVE_YEAR = /^(上年|去年|上一年|本年|今年|当年)(?:同期|同月|末|底)?(?:的)?(?!同期|同月|末|底)([\u3400-\u9fff][\u3400-\u9fff\dA-Za-z()（）]+)$/;

/** (万张) → 万 + 张; (%) → %; (1/10万) → /10万; (个) → 个. Not a unit: (站) of 社区卫生服务中心(站). */
export function unitHint(label: string): UnitHint | undefined {
  const m = UNIT_HINT.exec(label);
  if (!m) return undefined;
  const inner = m[1]!.trim().replace(/^1\//, '/');
  if (/^(%|‰|\/10万|\/(?:10|100)?[万千百])$/.test(inner) || (inner.includes('/') && unitClass(inner))) return { multiplier: '', unit: inner };
  const mult = MULTIPLIER.exec(inner)?.[1] ?? '';
  const unit = inner.slice(mult.length);
  if (unit === '' && mult) return { multiplier: mult, unit: '' };
  return unitClass(unit) ? { multiplier: mult, unit } : undefined;
}

function stripHint(label: string): string {
  return unitHint(label) ? label.replace(UNIT_HINT, '').trim() : label.trim();
}

function rowLabel(cell: string): string {
  // （一）予以公开, 三、本年度办理结果: a row's number and a note in brackets (区分处理的，只计…) name nothing.
  const bare = cell.replace(/^[#＃]+|^其中[:：]?|^\s+/g, '').trim().replace(ROW_NUMBER, '').replace(ROW_NOTE, '').trim();
  // (全　市, 合　计: a short label spaced out to align the column is one word.)
  return stripHint(bare).replace(/(?<=^[\u3400-\u9fff])\s+(?=[\u3400-\u9fff]{1,2}$)/, '');
}
const ROW_NUMBER = /^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、．](?!\d)|\d{1,2}\.(?!\d))\s*(?=[\u3400-\u9fff])/;
/** How a row is numbered: 一、, （一）, 1. — the level of an outline it stands at. */
function numberStyle(cell: string): string {
  const t = cell.trim();
  return /^[一二三四五六七八九十]+[、.．]/.test(t) ? 'chinese' : /^[(（]/.test(t) ? 'bracketed' : /^\d/.test(t) ? 'digit' : '';
}
const ROW_NOTE = /[(（][^()（）]*[,，;；][^()（）]*[)）]/g;

// In a table of named institutions, a row whose name shows no place (甲省乙市三〇一医院) is one too;
// a kind (三级医院, 合计) is not.
const OTHER_INSTITUTION = /^[\u3007\u3400-\u9fff\d]{2,12}(?:医院|卫生院|保健院|疾病预防控制中心|卫生服务中心)$/;
const KIND_ROW = /^(?:[一二三]级|公立|民营|非公|综合|中医|中西医结合|专科|妇幼|基层|乡镇|社区|县级|市级|省级|政府办|社会办|其他|合计|平均|全市|全县|全区|全省)/;

/** Whether most rows of a table name an institution by its place (甲县人民医院, 乙市中医院). */
function namedInstitutions(body: string[][]): boolean {
  const labels = body.map((cells) => rowLabel(cells[0] ?? '')).filter(Boolean);
  const byPlace = labels.filter((l) => INSTITUTION_ROW.test(l)).length;
  return byPlace >= 2 && byPlace * 2 >= labels.length;
}

/**
 * （单位：户次、件、万元、%）: the units of the columns in order, % for the change columns, when
 * the other units are as many as the columns without a unit of their own; else none is guessed.
 */
function unitsByColumn(units: string[], header: Column[]): (UnitHint | undefined)[] | undefined {
  const hints = units.map((u) => unitHint(`(${u.trim()})`));
  if (hints.some((h) => !h)) return undefined;
  // (报告患病率(‰) | 规范管理率 under （单位：人、‰、%）: a column that says its own ‰ leaves the % to the others.)
  const said = new Set(header.map((c) => (c.kind === 'change' || c.kind === 'attribute' ? undefined : c.unit?.unit)).filter(Boolean));
  const rates = hints.filter((h) => h!.unit === '%' || h!.unit === '‰');
  const rate = rates.find((h) => !said.has(h!.unit)) ?? rates[0];
  const points = hints.find((h) => /百分点$/.test(h!.unit));
  const percent = rate ?? points;
  const others = hints.filter((h) => !isRatio(h));
  // (占总诊疗人次比例, 接种率: a share or rate column takes the %, when the line gives one.)
  const share = (c: Column) => !!percent && c.kind !== 'change' && RATE_COLUMN.test(c.label) && !RANK_LABEL.test(c.label);
  // The columns of figures with no unit of their own (考核得分排名, a place in a ranking, takes none).
  const figures = header.map((c, j) => j > 0 && c.kind !== 'attribute' && c.kind !== 'change' && !c.unit && !RANK_LABEL.test(c.label));
  // (常住人口 | 床位数 | 医师 | 每千人口床位数 | 每千人口医师 under （单位：万人、张、人）: a figure per
  // head is in no unit of the line's counts, when the counts alone are as many as its units.)
  const perHead = figures.map((v, j) => v && PER_HEAD.test(header[j]!.label));
  // (常住人口 | 2022年床位 | 2023年床位 | 每千人口床位 under （单位：万人、张）: so when its measures are.)
  const counted = figures.map((v, j) => v && !perHead[j]);
  const countMeasures = new Set(header.filter((_, j) => counted[j]).map((c) => c.label)).size;
  const headless = perHead.some(Boolean) && !hints.some(isRatio) && (counted.filter(Boolean).length === hints.length || countMeasures === hints.length);
  const valued = headless ? figures.map((v, j) => v && !perHead[j]) : figures;
  // Those a share's % does not go to.
  const open = valued.map((v, j) => v && !share(header[j]!));
  const count = open.filter(Boolean).length;
  // 站点 | 样本数 | 知晓水平 under （单位：份、%）: as many units as columns without one go to them in order.
  // (（单位：例、/10万、%） over 病例数 | 发病率 | 检出率 | 治愈率: the last, a rate's, goes on to the rates after.)
  // (比上年增减 may be in the measure's own unit: only a change said in percent, 同比 or 增长率, takes the %.)
  const inPercent = (c: Column) => /率|幅|同比|环比|%|比重|比例/.test(c.label + (c.kind === 'change' ? c.of ?? '' : ''));
  const n = valued.filter(Boolean).length;
  const before = (j: number) => valued.slice(0, j).filter(Boolean).length;
  // (A unit a column says itself, 报告患病率(‰), is that column's place in the line, no other's.)
  const listed = hints.filter((h) => !said.has(h!.unit));
  const lastRepeats = n > listed.length && isRatio(listed.at(-1)) && header.every((c, j) => !valued[j] || before(j) < listed.length - 1 || RATE_COLUMN.test(c.label));
  // (Only over columns of measures: 2023年 | 2024年 take one unit, not one each.)
  const measuresOnly = header.every((c, j) => !valued[j] || c.kind === 'measure');
  if (listed.length > 1 && measuresOnly && (n === listed.length || lastRepeats)) {
    let k = 0;
    // (A change column said in percent, 同比增长, takes the line's % as below.)
    const inOrder = header.map((c, j) => (valued[j] ? listed[Math.min(k++, listed.length - 1)] : j > 0 && c.kind === 'change' && inPercent(c) ? (points ?? rate) : undefined));
    // (百分点 is a change's; the % only a rate's or a level's, never a count's: 实际开放床位.)
    const misfit = header.some((c, j) => valued[j] && !!inOrder[j] && (/百分点$/.test(inOrder[j]!.unit) || (isRatio(inOrder[j]) && !RATE_LIKE.test(c.label))));
    if (!misfit && !clashes(header, inOrder)) return inOrder;
  }
  // (2022年 | 2023年 | 提高 under （单位：%、百分点）: the levels take the rate's unit, the change the points.)
  if (!others.length && rate && header.every((c, j) => !valued[j] || c.kind === 'period' || RATE_LIKE.test(c.label))) {
    return header.map((c, j) => (j > 0 && c.kind === 'change' ? (points ?? rate) : valued[j] ? rate : undefined));
  }
  // (床位2023年 | 床位2024年: the columns of one measure share its unit.)
  const measures = [...new Set(header.filter((_, j) => open[j]).map((c) => c.label))];
  const byMeasure = others.length > 1 && count !== others.length && measures.length === others.length;
  // One other unit is every other column's; several go to them in order, when as many.
  if (others.length !== 1 && count !== others.length && !byMeasure) return inRuns(hints as UnitHint[], header, valued) ?? byKind(hints as UnitHint[], header, valued, inPercent);
  let next = 0;
  const otherOf = (c: Column) => (others.length === 1 ? others[0] : byMeasure ? others[measures.indexOf(c.label)] : others[next++]);
  // (初筛阳性数 | 完成肠镜数 | 顺应性 under （单位：人、%、百分点）: with no rate's column to take the %,
  // a column named as a degree, 顺应性, is the one in %, not in 人.)
  const unclaimed = !!rate && others.length === 1 && !header.some((c, j) => j > 0 && share(c));
  const inRate = (c: Column) => unclaimed && RATE_NOUN.test(c.label.replace(/[(（][^()（）]*[)）]/g, ''));
  const out = header.map((c, j) => (j > 0 && c.kind === 'change' ? (inPercent(c) ? (points ?? rate) : undefined) : j > 0 && share(c) ? percent : open[j] ? (inRate(c) ? rate : otherOf(c)) : undefined));
  return clashes(header, out) ? byKind(hints as UnitHint[], header, valued, inPercent) : out;
}

// 顺应性, 依从性, 满意度, 知晓度: a column's name that says a degree, as a rate does, with no 率.
const RATE_NOUN = /(?:顺应|依从|知晓|满意|达标|覆盖)(?:性|度)$/;

/**
 * （单位：例、1/10万、%） over 发病数 | 发病率 | 上月发病数 | 同比增减: more columns than units, one
 * unit of each kind: the count's unit goes to every count, the per-population one to the rates, the
 * % to the changes said in percent. Every unit must find its columns, else none is guessed.
 */
function byKind(hints: UnitHint[], header: Column[], valued: boolean[], inPercent: (c: Column) => boolean): (UnitHint | undefined)[] | undefined {
  const perPopulation = hints.filter((h) => PER_POPULATION.test(h.unit));
  const ratios = hints.filter(isRatio);
  const counts = hints.filter((h) => !isRatio(h) && !PER_POPULATION.test(h.unit));
  if (counts.length !== 1 || perPopulation.length > 1 || ratios.length > 1) return undefined;
  const rateUnit = perPopulation[0] ?? ratios[0];
  // (发病率 | 病死率 under 例、1/10万、%: which rate is per 10万 and which in % is not said; the
  // count's unit is still the counts'.)
  const rates = header.filter((c, j) => valued[j] && RATE_COLUMN.test(c.label)).length;
  if (perPopulation.length && ratios.length && rates > 1) {
    const counted = header.map((c, j) => (valued[j] && !RATE_COLUMN.test(c.label) && !RATE_LIKE.test(c.label) ? counts[0] : undefined));
    return counted.some(Boolean) && !clashes(header, counted) ? counted : undefined;
  }
  const out = header.map((c, j) => {
    if (j > 0 && c.kind === 'change') return inPercent(c) && perPopulation.length ? ratios[0] : undefined;
    if (!valued[j]) return undefined;
    return RATE_COLUMN.test(c.label) ? rateUnit : counts[0];
  });
  const used = hints.every((h) => out.includes(h));
  return used && !clashes(header, out) ? out : undefined;
}

/**
 * 监测机构 | 平均配备品种 | 药品使用总金额 | 基本药物金额 | 2023年占比 | 2022年占比 under （单位：家、种、
 * 万元、%）: the units in order, each going on over the columns next to it of the same kind (two
 * sums of money, two shares). Every unit must be used, and none may clash, else none is guessed.
 */
function inRuns(hints: UnitHint[], header: Column[], valued: boolean[]): (UnitHint | undefined)[] | undefined {
  const kindOf = (c: Column) => (c.kind !== 'measure' && c.kind !== 'period' ? undefined : RATE_COLUMN.test(c.label) ? 'rate' : unitClassOfMeasure(c.label.replace(/[(（][^()（）]*[)）]/g, '')));
  let k = 0;
  let last: Column | undefined;
  const out = header.map((c, j) => {
    if (!valued[j]) return undefined;
    const kind = kindOf(c);
    const goesOn = !!last && !!kind && kind === kindOf(last);
    last = c;
    return goesOn ? hints[k - 1] : hints[k++];
  });
  if (k !== hints.length || out.some((h, j) => !!h && isRatio(h) !== (kindOf(header[j]!) === 'rate'))) return undefined;
  return clashes(header, out) ? undefined : out;
}

/** 万元、万人次 over 诊疗人次 | 医疗收入: units in another order than the columns are no one's. */
function clashes(header: Column[], out: (UnitHint | undefined)[]): boolean {
  return header.some((c, j) => {
    const said = c.kind === 'measure' ? unitClassOfMeasure(c.label) : undefined;
    const given = out[j] && !isRatio(out[j]) ? unitClass(out[j]!.unit) : undefined;
    // (A rate's column takes no count's unit.)
    const kindClash = !!out[j] && c.kind === 'measure' && RATE_COLUMN.test(c.label) && !RANK_LABEL.test(c.label) && !isRatio(out[j]) && !PER_POPULATION.test(out[j]!.unit);
    // (Nor a count's column a rate's per so many people.)
    const perClash = !!out[j] && c.kind === 'measure' && PER_POPULATION.test(out[j]!.unit) && !RATE_COLUMN.test(c.label);
    return (!!said && !!given && said !== given) || kindClash || perClash;
  });
}
// (完成进度, 支出进度: how far along, in %.)
const RATE_COLUMN = /率|比例|占比|比重|构成|进度$/;
const UNITLESS_RATE = /(?:率|比例|占比|比重)$/;
// (%, ‰ go to rates and shares; 百分点 to changes, as a rate's change is said.)
const isRatio = (h: UnitHint | undefined) => /^(?:%|‰|个?百分点)$/.test(h!.unit);
const RANK_LABEL = /(?:排名|名次|位次|排序)$/;
// A column a % fits: a rate, share or level (知晓水平), never a count.
const RATE_LIKE = /率|比例|占|比重|构成|水平|指数|比$|进度|增幅|幅度|覆盖|达标|知晓/;
// (发病率 in /10万: a rate per so many people.)
const PER_POPULATION = /^\/(?:10|100)?[万千百]$|^\/10万$/;

/**
 * Every cell of a table that holds a figure or an attribute, with what it measures and when.
 * `unitLine`: the （单位：人） line above the table, the unit of cells nothing else gives one.
 */
export function tableFacts(input: string[][], time?: TimeRef, unitLine?: string): CellFact[] {
  const said = unitLine ? /单位[:：]\s*([^()（）]{1,16})/.exec(unitLine)?.[1]?.trim() ?? '' : '';
  const tableHint = said && !said.includes('、') ? unitHint(`(${said})`) : undefined;
  // 序号 | 指标 | …: a column that only numbers the rows says nothing; the row's name is next to it.
  const table = numbersRows(input) ? input.map((r) => r.slice(1)) : input;
  // 名次 | 医院名称 | 总分: a ranking's rows are the things ranked, each row's label its name.
  const ranking = rankingColumns(table);
  const rows = ranking ? table.map((r) => [r[ranking.name] ?? '', ...r.filter((_, j) => j !== ranking.name)]) : namedInSecond(table);
  const header = readHeader(rows);
  const body = header ? rows.slice(1) : rows;
  // Without a header only a two-column table says what its cells are.
  if (!header && !body.every((r) => r.length === 2)) return [];
  const out: CellFact[] = [];
  // The column each cell stands in, for what a column's cells share.
  const columns = new Map<CellFact, number>();
  let parent = '';
  // 三、本年度办理结果 over rows of no figures: a section of the table, whose numbered （七）总计 is its own.
  let section = '';
  let sectionStyle = '';
  // Rows of the section so far (the section's own row counts -1, so its first member makes 0).
  let members = 0;
  const named = namedInstitutions(body);
  const columnHints = said.includes('、') && header ? unitsByColumn(said.split('、'), header) : undefined;
  // (常住人口 | 每千人口床位数 under （单位：万人）: the one count unit is the counts', not the per-head figures'.)
  const perHeadBeside = !!header && !!tableHint && !isRatio(tableHint) && header.some((c, j) => j > 0 && c.kind === 'measure' && !c.unit && !PER_HEAD.test(c.label));
  const headless = (c: Column) => perHeadBeside && c.kind === 'measure' && PER_HEAD.test(c.label);
  // 指标名称 | 单位 | 目标值 | 完成值: a column that gives each row's unit.
  const unitColumn = header ? (rows[0] ?? []).findIndex((h, j) => j > 0 && /^(?:计量)?单位$/.test(h.trim())) : -1;
  body.forEach((cells, r) => {
    const labelCell = cells[0] ?? '';
    const sub = /^\s*(?:[#＃]|其中)/.test(labelCell);
    let label = rowLabel(labelCell);
    if (!label) return;
    // (A merged cell across the row, written out in each column, names a section too.)
    if (cells.length > 2 && cells.slice(1).every((c) => !c.trim() || c.trim() === labelCell.trim())) [section, sectionStyle, members] = [label, numberStyle(labelCell), -1];
    // (三、合计 numbered as the sections are is the whole table's, and ends the last section.)
    else if (section && SUBTOTAL_CELL.test(label) && ROW_NUMBER.test(labelCell.trim())) {
      if (numberStyle(labelCell) !== sectionStyle) label = section;
      else section = '';
    }
    // "其中:医院(张)" under "实有床位(张)" is 医院床位; "#医院(个)" under 医疗卫生机构(个) is 医院.
    if (sub && parent && !/^(个|家|所|项)$/.test(unitHint(labelCell)?.unit ?? '')) label = partOfTotal(label, parent);
    else if (!sub) parent = label;
    // A row's own unit (床位(张)), else its column's from the unit line, else the table's.
    const rowHint = unitHint(labelCell);
    // (指标 | 单位 | 2023年 | 同比: the 单位 column's 岁 is the unit of the row's levels, not of its change or share.)
    const unitColumnHint = unitColumn > 0 && cells[unitColumn]?.trim() ? unitHint(`（${cells[unitColumn]!.trim()}）`) : undefined;
    const institution = INSTITUTION_ROW.test(label) || (named && OTHER_INSTITUTION.test(label) && !KIND_ROW.test(label));
    const place = PLACE_ROW.test(label) && !WHOLE_AREA.test(label) ? label : undefined;
    // (医院 | 门急诊人次 … 合计: the sum of the institutions listed, no figure of the whole area.)
    const whole = WHOLE_AREA.test(label) && !(named && /^(?:合计|总计)$/.test(label));
    // 月份 | 报告病例数 with rows 1月, 2月…, 1—6月: each row is a period of the column's measure.
    const rowPeriod = periodRow(label, time);
    // The quote names each column as its header says it (婴儿死亡率2023年), period and all.
    const pieces = cells.map((c, j) => (j === 0 ? labelCell : header ? `${stripHint(rows[0]?.[j] ?? '')} ${c}` : c));
    const quote = `${pieces[0]}：${pieces.slice(1).join('，')}`;
    let offset = pieces[0]!.length + 1;
    for (let j = 1; j < cells.length; j++) {
      const cell = cells[j]!;
      const at = offset + pieces[j]!.length - cell.length;
      offset += pieces[j]!.length + 1;
      const column = header?.[j];
      // (The 单位 column is each row's unit, no fact of its own.)
      if (j === unitColumn) continue;
      // (2022年 | 2023年 | 2024年 | 合计: a total over the years is of no one year.)
      // (Not beside one year's target column, 合计 | 2023年目标: the total is the year's own.)
      // (资金管理 | 项目执行 | 合计 | 2022年得分: a total that adds up the parts before it is the row's own figure.)
      if (column?.kind === 'measure' && TOTAL_COLUMN.test(column.label) && (header?.filter((c) => c.kind === 'period' && c.status !== 'target').length ?? 0) >= 1 && !(header!.slice(1, j).every((c) => c.kind === 'measure') && sumsBefore(cells, j))) continue;
      // (With no year for the table, 上年… stays as written: no year to count back from.)
      const col = column?.kind === 'measure' && column.asWritten && !time?.year ? { ...column, label: column.asWritten } : column;
      // (分值 | 得分 beside a row's 岁: a score's column is in points, whatever the row counts.)
      // (名次 under （单位：分）: a place in a ranking is counted in no unit.)
      const lineHint = column && (headless(column) || (column.kind === 'measure' && RANK_LABEL.test(column.label))) ? undefined : tableHint;
      const hint = column?.kind === 'measure' && SCORE_COLUMN.test(column.label) ? SCORE_HINT : (rowHint ?? (column?.kind === 'period' ? unitColumnHint : undefined) ?? columnHints?.[j] ?? lineHint);
      const first = cellFact(cell, label, col, hint, place || whole || !!rowPeriod, said);
      // (全市平均 of counts is a mean per place or hospital, no total of the city: it keeps its name.)
      const made = first && whole && /平均/.test(label) && AMOUNTS.has(first.unitClass) ? cellFact(cell, label, col, hint, !!rowPeriod, said) : first;
      if (!made) continue;
      const yearsBack = col?.kind === 'measure' ? col.yearsBack ?? 0 : 0;
      const back = yearsBack && time?.year ? time.year - yearsBack : undefined;
      const colYear = (col?.kind === 'period' || col?.kind === 'measure') && col.year ? col.year : back;
      const months = col?.kind === 'measure' ? col.months : undefined;
      // (上年同期 of a 1—6月 table, 上年 of a 3月 row: the same months a year before.)
      const earlier = yearsBack ? yearBefore(rowPeriod ?? time, yearsBack) : undefined;
      // (一季度 of a 2023 table is 2023年第一季度; with no year for the table, no period at all.)
      // (年份 | 一季度 | 二季度 with rows 2022年, 2023年: the row's year, the column's quarter.)
      const bare = col?.kind === 'period' && !!col.part && !col.year;
      const rowYear = rowPeriod && /^(?:19|20)\d{2}年$/.test(rowPeriod.label) ? rowPeriod.year : undefined;
      const partYear = colYear ?? (bare ? (rowYear ?? (rowPeriod ? undefined : time?.year)) : undefined);
      const colPart = col?.kind === 'period' && col.part && partYear ? { label: col.year ? col.part : `${partYear}年${col.part}`, year: partYear } : undefined;
      const colTime = earlier ?? (bare ? colPart : undefined) ?? rowPeriod ?? colPart ?? (colYear ? { label: `${colYear}年`, year: colYear } : months && time?.year ? { label: `${time.year}年${months.from === months.to ? '' : `${months.from}—`}${months.to}月`, year: time.year } : time);
      out.push({
        ...made,
        ...(place ? { region: place } : {}),
        ...(institution ? { subject: label } : {}),
        ...(colTime ? { time: colTime } : {}),
        quote,
        span: [at, at + cell.length],
        local: `${label}${col ? col.label : ''}${cell}`,
        row: r,
        ...(section && label !== section ? { section } : {}),
      });
      columns.set(out.at(-1)!, j);
    }
    // (县级公立医院 … 小计 218, then the city's hospitals: a section ends on its subtotal, after its
    // members; a 小计 that opens the section is its own.)
    if (section && SUBTOTAL_END.test(label) && members > 0) section = '';
    else if (section) members++;
  });
  return [...withEarlierYears(growthInPercent(oneVisitUnit(out, columns))), ...(ranking ? rankFacts(rows, ranking.title, time) : [])];
}

// 2月, 1—6月, 一季度: a row label that is a period of the table's year (its caption's).
const PERIOD_ROW = /^(?:(\d{1,2})\s*[—\-~至到]\s*)?(\d{1,2})月份?$|^(?:第)?[一二三四]季度$|^[上下]半年$/;

// 2021年末, 2024年6月末, 2023年: a row label that is a date of its own.
// (2024年1月 is that month, as a row 1月 of a year's table is.)
const DATED_ROW = /^((?:19|20)\d{2})(?:年(?:\d{1,2}月份?)?(?:末|底)?)?$/;

/** The period a row label names, in the year the table is of; undefined for any other row. */
function periodRow(label: string, time: TimeRef | undefined): TimeRef | undefined {
  const dated = DATED_ROW.exec(label);
  if (dated) return { label: label.includes('年') ? label : `${label}年`, year: Number(dated[1]) };
  if (!time?.year || !PERIOD_ROW.test(label)) return undefined;
  return { label: `${time.year}年${label.replace(/份$/, '')}`, year: time.year };
}

const RANK_HEADER = /^(?:名次|排名|排序|位次|序位)$/;
const NAME_HEADER = /名称|单位|医院|机构|地区|市州|县区|区县|县市区|^县\s*[(（]市[、,]\s*区[)）]$/;
const MEASURE_HEADER = /(?:数|率|分|量|额|次|比)(?:[(（][^()（）]*[)）])?$/;

/** The columns of a ranking: its place (名次) and what is ranked (医院名称). */
function rankingColumns(rows: string[][]): { rank: number; name: number; title: string } | undefined {
  const head = rows[0] ?? [];
  const rank = head.findIndex((c) => RANK_HEADER.test(c.trim()));
  // (参评机构数 counts institutions; it names none: a measure's column is no name column.)
  const name = head.findIndex((c, j) => j !== rank && NAME_HEADER.test(c) && !MEASURE_HEADER.test(c.trim()));
  if (rank < 0 || name < 0) return undefined;
  return { rank, name, title: head[name]!.trim() };
}

const SUBTOTAL_WORDS = '小计|合计|总计';
const SUBTOTAL_CELL = new RegExp(`^(?:${SUBTOTAL_WORDS})$`);
// (县级公立医院小计, 全市合计: a subtotal row named with what it totals.)
const SUBTOTAL_END = new RegExp(`(?:${SUBTOTAL_WORDS})$`);
const TOTAL_COLUMN = /^(?:小计|合计|总计|总数|共计)$/;
// A bare visit count below this may be in 万人次 a note says; above it, it is in 人次.
const MIN_BARE_VISITS = 1000;
// (出院人次, 手术台次: a measure named by its unit of visits is counted in it, 数 or not.)
const COUNTED_IN = /(人次|户次|台次|例次)数?$|([件个次家所台例项条起份户])数$/;

/**
 * 类别 | 病种 | 发病数: a first column of a few groups said again and again (甲类, 乙类), a second of
 * names each said once: the rows are named by the second (a row with none, 合计, by the first).
 */
function namedInSecond(table: string[][]): string[][] {
  const body = table.slice(1);
  if (body.length < 4 || (table[0]?.length ?? 0) < 3) return table;
  const firsts = body.map((r) => r[0]?.trim() ?? '');
  const seconds = body.map((r) => r[1]?.trim() ?? '').filter(Boolean);
  // (Each group's 小计 is said once per group, so it is no repeat of a name.)
  const names = seconds.filter((c) => !SUBTOTAL_CELL.test(c));
  const grouped = new Set(firsts).size * 2 <= firsts.length;
  const named = seconds.length >= body.length - 1 && new Set(names).size >= names.length - 1 && seconds.every((c) => !isNumericCell(c));
  // (县（市、区） | 站点 with rows 高要区 | 活道镇卫生院: places, then the institutions of each, named.)
  // (Only where places repeat, several institutions each: one per place is the place's row.)
  const institutions = PLACE_ROW.test(firsts[0] ?? '') && new Set(firsts).size < firsts.length && names.length >= 3 && names.every((c) => INSTITUTION_ROW.test(c));
  if (!(grouped || institutions) || !named) return table;
  // (乙类 | 小计: a group's subtotal keeps the group's name, 乙类小计.)
  return table.map((r) => [SUBTOTAL_CELL.test(r[1]?.trim() ?? '') ? `${r[0]?.trim() ?? ''}${r[1]!.trim()}` : r[1]?.trim() || r[0] || '', ...r.slice(2)]);
}

/** "第2名是哪家医院": each ranked row as a fact whose answer is its name, at its place (ties share one). */
function rankFacts(rows: string[][], title: string, time?: TimeRef): CellFact[] {
  const out: CellFact[] = [];
  rows.slice(1).forEach((cells, r) => {
    const name = cells[0]?.trim() ?? '';
    const place = /^\d{1,3}$/.exec(cells[1]?.trim() ?? '')?.[0];
    if (!name || !place) return;
    const quote = `${name}：第${place}名`;
    out.push({
      kind: 'statement', answer: name, unit: '', unitClass: 'text', metric: `${title}第${place}名`, status: 'actual', qualifiers: [],
      rank: Number(place), ...(time ? { time } : {}), quote, span: [0, name.length], local: `第${place}名${name}`, row: r,
    });
  });
  return out;
}

/** Whether a table's first column only numbers its rows (序号 1, 2, 3… beside a column of names). */
function numbersRows(table: string[][]): boolean {
  const [head, ...body] = table;
  if (!head || body.length < 2 || head.length < 3) return false;
  if (/^(名次|排名|位次|排序)$/.test((head[0] ?? '').trim())) return false;
  const counted = body.every((r, i) => (r[0] ?? '').trim() === String(i + 1));
  const named = body.every((r) => /[\u3400-\u9fff]/.test(r[1] ?? ''));
  return named && (/^(序号|编号|No\.?|#)$/i.test((head[0] ?? '').trim()) || counted);
}

/** A column of visits whose larger figures took 人次 from its name gives the same unit to its smaller ones. */
function oneVisitUnit(cells: CellFact[], columns: ReadonlyMap<CellFact, number>): CellFact[] {
  const unitOf = new Map<string, string>();
  const key = (c: CellFact) => `${columns.get(c)}|${c.metric}|${c.time?.label ?? ''}|${c.status}`;
  for (const c of cells) if (c.kind === 'figure' && /^(?:人次|户次|台次|例次)$/.test(c.unit)) unitOf.set(key(c), c.unit);
  for (const c of cells) {
    const unit = c.kind === 'figure' && !c.unit && /^\d+$/.test(c.answer) ? unitOf.get(key(c)) : undefined;
    if (unit) Object.assign(c, { unit, answer: `${c.answer}${unit}`, unitClass: unitClass(unit) ?? c.unitClass });
  }
  return cells;
}

/**
 * 2022年手术例数 1788 | 2023年手术例数 2296 | 同比增长 28.4: a change with no unit said is in % when
 * it is the row's rise from one year to the other in percent, to the rounding it is written in; one
 * a unit line gave % is in the row's own unit when it is the difference and not the rise in %.
 */
function growthInPercent(cells: CellFact[]): CellFact[] {
  const levels = cells.filter((c) => c.kind === 'figure' && c.status === 'actual' && c.value !== undefined && c.time?.year !== undefined);
  for (const c of cells) {
    if (c.kind !== 'figure' || c.status !== 'change' || (c.unit && c.unit !== '%') || c.value === undefined) continue;
    const years = levels.filter((l) => l.row === c.row && l.metric === c.metric).sort((a, b) => a.time!.year! - b.time!.year!);
    const [from, to] = [years[0], years.at(-1)];
    if (!from || !to || from.time!.year === to.time!.year || from.unit !== to.unit || !from.value) continue;
    const pct = ((to.value! - from.value) / Math.abs(from.value)) * 100;
    const digits = c.answer.replace(/%$/, '').split('.')[1]?.length ?? 0;
    const rounding = 0.5 * 10 ** -digits + 1e-9;
    const absolute = Math.abs(to.value! - from.value - c.value) <= rounding;
    const inPercent = Math.abs(Math.abs(pct) - Math.abs(c.value)) <= rounding;
    if (!c.unit && !absolute && inPercent) Object.assign(c, { unit: '%', answer: `${c.answer}%`, unitClass: 'percent' as const });
    // (实招同比增减 +35 under a unit line of 人、%: 152 → 187 is 35 more people, no rise of 35%.)
    else if (c.unit === '%' && absolute && !inPercent && from.unit !== '%') Object.assign(c, { unit: from.unit, answer: `${c.answer.replace(/%$/, '')}${from.unit}`, unitClass: from.unitClass });
  }
  return cells;
}

/** Whether a row's cell at `j` is the sum of the figures before it (its label's cell aside), to a rounding. */
function sumsBefore(cells: readonly string[], j: number): boolean {
  const parts = cells.slice(1, j).map((c) => Number(c.replace(/[,\s]/g, '')));
  const total = Number((cells[j] ?? '').replace(/[,\s]/g, ''));
  return parts.length >= 2 && parts.every(Number.isFinite) && Number.isFinite(total) && Math.abs(parts.reduce((a, b) => a + b, 0) - total) <= 0.05 * parts.length;
}

/** In each row, what a measure stood at in years before the latest the row gives is its past value. */
function withEarlierYears(cells: CellFact[]): CellFact[] {
  const latest = new Map<string, number>();
  const key = (c: CellFact) => `${c.row}|${c.metric}|${c.region ?? ''}`;
  const isLevel = (c: CellFact) => c.kind === 'figure' && c.status === 'actual' && c.time?.year !== undefined;
  for (const c of cells) if (isLevel(c)) latest.set(key(c), Math.max(latest.get(key(c)) ?? 0, c.time!.year!));
  // (月均收入 | 2020年月均收入 in a table of no year: the undated column is the report's own, later one.)
  const undated = new Set(cells.filter((c) => c.kind === 'figure' && c.status === 'actual' && !c.time).map(key));
  for (const c of cells) if (isLevel(c) && (c.time!.year! < latest.get(key(c))! || undated.has(key(c)))) c.role = 'from';
  return cells;
}

function cellFact(
  cell: string,
  label: string,
  col: Column | undefined,
  rowHint: UnitHint | undefined,
  rowIsSubject: string | boolean | undefined,
  unitLine = '',
): Omit<CellFact, 'quote' | 'span' | 'local' | 'row'> | undefined {
  if (col?.kind === 'attribute') {
    if (isNumericCell(cell) || cell.length > 12) return undefined;
    return { kind: 'statement', answer: cell, unit: '', unitClass: 'text', metric: `${label}${col.label}`, status: 'actual', qualifiers: [] };
  }
  const m = CELL_VALUE.exec(cell.replace(/\s+/g, ''));
  if (!m) return undefined;
  const [, sign = '', digits, own = ''] = m;
  const measure = col?.kind === 'measure' ? col : col?.kind === 'change' && col.of ? { label: col.of } : undefined;
  // The rows are places (or the whole area) and the columns say what is measured.
  // (予以公开 | … | 总计: the total column is the row's own figure.)
  const named = rowIsSubject && measure ? measure.label : measure && !TOTAL_COLUMN.test(measure.label) ? `${label}${measure.label}` : label;
  // (同比下降（%）, 降幅: a change said as a fall keeps its word, or its figure would read as a rise.)
  const metric = col?.kind === 'change' && FALL_HEADER.test(col.label) && !FALL_HEADER.test(named) ? `${named}下降` : named;
  const hint = (col?.kind === 'change' || col?.kind === 'measure' || col?.kind === 'period' ? col.unit : undefined) ?? rowHint;
  const ownMult = MULTIPLIER.exec(own)?.[1] ?? '';
  const ownUnit = own.slice(ownMult.length).trim();
  if (ownUnit && !unitClass(ownUnit) && !/^(%|‰)$/.test(ownUnit)) return undefined;
  const mult = ownMult || (ownUnit ? '' : hint?.multiplier ?? '');
  // 门急诊人次（万）: with no unit of its own, a figure is in the unit its measure ends on.
  // (门急诊人次（万）: only a scale given without a unit; a bare cell stays bare, its unit unknown.)
  // (现行有效件数, 病例数: a bare count under a measure of so many 件 or 例 is in them.)
  // (出院人次 | 38216 | 43570 in a table of measures by year: the row names what is counted.)
  const countedBy = measure?.label ?? (col?.kind === 'period' ? label : undefined);
  const countedIn = !mult && countedBy ? COUNTED_IN.exec(countedBy) : null;
  // (A visit count, 人次, only when no unit line scales it, or the line names 人次 itself, and the figure
  // is no small one a caption or note may give in 万人次: 186 under 门诊人次 may be 186万.)
  const lineAllows = !unitLine || unitLine.split(/[、,，]/).some((u) => u.trim() === countedIn?.[1]);
  const visits = !!countedIn?.[1] && lineAllows && Number(digits!.replace(/,/g, '')) >= MIN_BARE_VISITS;
  const counted = countedIn ? (countedIn[1] ? (visits ? countedIn[1] : undefined) : countedIn[2]) : undefined;
  const unit = ownUnit || (ownMult ? '' : hint?.unit ?? '') || (mult ? unitOfMeasure(metric) : undefined) || (counted && /^\d+$/.test(digits!) ? counted : '') || '';
  const number = Number(digits!.replace(/,/g, ''));
  if (!Number.isFinite(number)) return undefined;
  const value = (sign === '-' ? -number : number) * (mult ? MULTIPLIERS[mult]! : 1);
  // (婴儿死亡率 7.63 with no unit said is still a rate, no count.)
  const cls: UnitClass = /^(%|‰)$|^\//.test(unit) ? 'percent' : unit ? unitClass(unit) ?? 'count' : unitClassOfMeasure(metric) ?? (UNITLESS_RATE.test(metric) ? 'percent' : 'count');
  const answer = `${sign}${digits}${mult}${unit}`;
  const status: FactStatus = col?.kind === 'change' ? 'change' : col?.kind === 'period' ? col.status : col?.kind === 'measure' ? col.status ?? 'actual' : 'actual';
  const qualifiers = col?.kind === 'change' && col.qualifier ? [col.qualifier] : [];
  const level = col?.kind === 'period' ? col.level : undefined;
  return { kind: 'figure', answer, value, unit, unitClass: cls, metric, status, qualifiers, ...(level ? { level } : {}) };
}
