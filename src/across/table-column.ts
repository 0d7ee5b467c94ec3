import { monthsOf } from '../reports/metadata.js';
import type { Fact } from '../extract/facts.js';
import type { Block } from '../reports/clean.js';
import { CHANGE_HEADER, headerLabels, PART_HEADER, YEAR_HEADER } from '../extract/table-facts.js';
import { factsOfReport, type FactStore } from '../store/fact-store.js';
import { covered } from '../text/covered.js';
import { matchKey } from '../text/normalize.js';
import { fits, inTable, kindShown, LIST_TOTAL, type Entry } from './entries.js';
import { cleanHeader, factSubject, headerOf, indicatorKey, metricWords, tableHeaders, unbracketed } from './gather.js';
import { MOVED, onePerPeriod, periodKey, periodKind, spanLength, yearsIn } from './trend.js';
import { RATE_HEADER, RATE_WORDS, SHARE_WORDS } from '../text/rates.js';

/**
 * The column of a table the best fact stands in: the other rows' figures under the same header
 * (县区 | 每千人口床位数: 甲县, 乙县…; 科室 | 出院人次: 心内科, 骨科…), each row
 * named by its place or by the words before the header in its measure. Totals and the parts
 * under a row (其中…) are not ranked; a table split by subtotals (乙类合计…) ranks the group the
 * question names.
 */
export function tableColumn(store: FactStore, found: Fact | undefined, asked: string, among?: string): Entry[] | undefined {
  const block = found && store.blocks.get(found.docId)?.[found.block];
  if (!found || found.value === undefined || block?.kind !== 'table') return undefined;
  const inBlock = factsOfReport(store, found.docId).filter((f) => f.block === found.block && f.value !== undefined);
  // (月均收入 | 2020年月均收入: an earlier year's column beside the undated one is its past; the row's
  // own figure is the one ranked, unless a year is asked.)
  const undated = found.role === 'from' && !periodAsked(asked) ? inBlock.find((f) => f.sentenceNo === found.sentenceNo && f.metric === found.metric && f.status === found.status && !f.role) : undefined;
  return columnOf(store, undated ?? found, block, inBlock, asked, among);
}

/** Whether a question names a year or a month, which picks a column of its own. */
const periodAsked = (asked: string) => /(?:19|20)\d{2}|\d月/.test(asked);

function columnOf(store: FactStore, found: Fact, block: Block, inBlock: Fact[], asked: string, among?: string): Entry[] | undefined {
  const headers = tableHeaders(block.rows);
  // 婴儿死亡率2023年 | 婴儿死亡率2024年 with no year asked: the latest column of the same measure.
  // (7—9月 is no later column than 1—9月 of the same measure: runs of months of one length only.)
  const sameKind = (f: Fact) => f.metric === found.metric && f.region === found.region && f.status === found.status && periodKind(f) === periodKind(found) && spanLength(f) === spanLength(found);
  const later = periodAsked(asked) ? undefined : onePerPeriod(inBlock.filter((f) => sameKind(f) && f.role !== 'from' && (periodKey(f) ?? '') > (periodKey(found) ?? ''))).at(-1);
  const best = later ?? found;
  let column = headerOf(headers, best.metric);
  if (!column) return yearColumn(store, best, headers, inBlock, asked, among);
  // 名次 | 单位 | 得分: the stated order ranks as its one measure does, which also says by how much.
  if (RANK_COLUMN.test(column)) column = onlyMeasure(headers, inBlock) ?? column;
  const roles = rolesOf(block.rows ?? []);
  const groups = groupsAsked(roles, asked);
  const home = store.docs.get(best.docId)?.meta.region;
  // (A hospital's report: its 合计 row is the hospital's own figure, no row ranked.)
  const own = store.docs.get(best.docId)?.meta.subject;
  const entries = new Map<string, Entry>();
  // A column of changes (同比增长 under its measure) ranks the changes; any other, the levels reached.
  const status = best.status === 'change' ? 'change' : 'actual';
  const measure = status === 'change' ? `${column}（变化）` : column;
  for (const f of inBlock) {
    if (f.kind !== 'figure' || f.status !== status || f.unitClass !== best.unitClass) continue;
    if ((periodKey(f) ?? '') !== (periodKey(best) ?? '') || headerOf(headers, f.metric) !== column) continue;
    const words = unbracketed(f.metric);
    // A place's row measures the header alone; another row's name stands before it.
    // (An institution's row is named as written: 甲达医院, whose 达 the measure's words would drop.)
    const written = (f.subject && f.rowSubject ? f.subject : words === column ? factSubject(f) : words.slice(0, words.length - column.length)).replace(/^其中[:：]?/, '');
    const entity = rankedAs(written, roles.get(written), groups);
    if (!entity) continue;
    if (entity.length < 2 || entity === home || entity === own || LIST_TOTAL.test(entity) || entries.has(entity) || (among && !fits(entity, among))) continue;
    entries.set(entity, { fact: f, entity, measure });
  }
  return entries.size >= 2 ? [...entries.values()] : undefined;
}

const MONTH_KIND = /^(?:月|月份)$/;
// The last rate a question names, by its last two characters before 率 (履约率 of 脱贫人口履约率).
const RATE_ASKED = /([\u3400-\u9fff]{2}率)(?!.*率)/;
// Weights that order a header's claims one after another: each outweighs any sum of the ones after it.
const WORDS_NEXT = 100;
// A rate's column when a rate is asked, though it ends on other words: before the words held.
const RATE_KIND = 1_000;

/** 哪个月最多: a table of the months of one year (1月, 2月…), each month's figure of the column found. */
function monthRows(store: FactStore, found: Fact, yearAsked?: number): Entry[] | undefined {
  const year = yearAsked ?? found.time?.year;
  const inBlock = factsOfReport(store, found.docId).filter((f) => f.block === found.block && f.kind === 'figure' && f.value !== undefined);
  const entries = new Map<string, Entry>();
  for (const f of inBlock) {
    const m = f.time && monthsOf(f.time.label);
    if (!m || m.from !== m.to || f.metric !== found.metric || f.status !== found.status || f.region !== found.region || f.time?.year !== year) continue;
    const entity = `${m.to}月`;
    if (!entries.has(entity)) entries.set(entity, { fact: f, entity, measure: found.metric });
  }
  return entries.size >= 2 ? [...entries.values()] : undefined;
}

const SUBTOTAL = /合计|小计|总计/;

/**
 * 疫苗 | 2023年(%) | 2024年(%): a table whose columns are years measures what its caption says;
 * its rows (each measure's own name) are ranked in the best fact's year.
 */
function yearColumn(store: FactStore, best: Fact, headers: string[], inBlock: Fact[], asked: string, among?: string): Entry[] | undefined {
  const rows = store.blocks.get(best.docId)?.[best.block]?.rows ?? [];
  // (其中：矽肺 is the row 矽肺.)
  const labels = new Set(rows.slice(1).map((r) => unbracketed((r[0] ?? '').replace(/\s+/g, '').replace(/^其中[:：]?/, ''))));
  // (县区 | 2022年 | 2023年 | 提高: a change beside the years ranks by no level; in a table of
  // measures, 指标 | 2023年 | 2022年 | 增减, the rows are no things of one kind to rank.)
  const measuresRows = /^(?:指标|项目|指标名称|主要指标)$/.test((headers[0] ?? '').trim());
  const changeFits = (h: string) => CHANGE_HEADER.test(h) && !measuresRows;
  if (headers.length < 2 || !headers.slice(1).every((h) => YEAR_HEADER.test(h) || changeFits(h)) || !headers.slice(1).some((h) => YEAR_HEADER.test(h))) return undefined;
  const roles = rolesOf(rows);
  const groups = groupsAsked(roles, asked);
  // A column of changes (提高) ranks the changes; the years, the levels.
  const status = best.status === 'change' ? 'change' : 'actual';
  // (The caption names the measure; the cells say it when their rows are places: 居民健康素养水平.)
  const named = labels.has(unbracketed(best.metric)) ? (best.heading ?? '').replace(/^表\s*\d+(?:[-—.]\d+)?\s*/, '').trim() : best.metric;
  const measure = `${named}${status === 'change' ? '（变化）' : ''}`;
  const home = store.docs.get(best.docId)?.meta.region;
  const entries = new Map<string, Entry>();
  for (const f of inBlock) {
    if (f.kind !== 'figure' || f.status !== status || f.unitClass !== best.unitClass || (periodKey(f) ?? '') !== (periodKey(best) ?? '')) continue;
    // Each row named by its label: the place a row of places is of, when its measure is the caption's.
    const written = labels.has(unbracketed(f.metric)) ? unbracketed(f.metric) : f.region !== home && labels.has(f.region) ? f.region : '';
    const entity = rankedAs(written, roles.get(written), groups);
    if (!entity || entity.length < 2 || LIST_TOTAL.test(entity) || entries.has(entity) || (among && !fits(entity, among))) continue;
    entries.set(entity, { fact: f, entity, measure });
  }
  return entries.size >= 2 ? [...entries.values()] : undefined;
}

/** The groups of a table's rows (乙类 of 乙类合计) the question names. */
function groupsAsked(roles: ReadonlyMap<string, RowRole>, asked: string): Set<string> {
  return new Set([...roles.values()].map((r) => r.group).filter((g): g is string => !!g && asked.includes(g)));
}

/** A row's place in its table: a total (of a group), a part of the row above, or a group's member. */
export interface RowRole {
  group?: string;
  total?: boolean;
  sub?: boolean;
  /** A total written above its parts (尘肺病小计, then 其中：矽肺…), which stands for its group. */
  heads?: boolean;
  /** A part of such a total (矽肺), not of a member row (乙型肝炎 of 病毒性肝炎). */
  ofTotal?: boolean;
}

/**
 * The name a row is ranked by, or undefined when it is not ranked:
 * - a part of a heading total, only within its group asked (尘肺病里哪种; never 乙型肝炎, a part of
 *   a member of 乙类);
 * - a heading total, only when its group is not asked, by the group's name (尘肺病 beside 职业性噪声聋).
 */
function rankedAs(entity: string, role: RowRole | undefined, groups: ReadonlySet<string>): string | undefined {
  if (role?.total) return role.heads && !groups.size && role.group ? role.group : undefined;
  if (role?.sub && !(role.ofTotal && groups.has(role.group ?? ''))) return undefined;
  if (groups.size && !groups.has(role?.group ?? '')) return undefined;
  return entity;
}

// A table's rows are read once, whichever of its columns is tried (the store's rows never change).
const rolesByTable = new WeakMap<string[][], Map<string, RowRole>>();
const rolesOf = (rows: string[][]) => rolesByTable.get(rows) ?? rolesByTable.set(rows, rowRoles(rows)).get(rows)!;

/**
 * What each row of a table is: a total (乙类合计) that opens a group named by its other words, or
 * a part of the row above it (其中:乙型肝炎 60, 丙型肝炎 15, 戊型肝炎 5 under 病毒性肝炎 80:
 * the rows after 其中 while their first figures add up to at most the row above's). A total
 * written above its parts (尘肺病小计 35, 其中：矽肺 18, …) heads them when they add up to it.
 */
export function rowRoles(rows: string[][]): Map<string, RowRole> {
  const body = rows.slice(1).map(rowOfFigures);
  const headed = headedParts(body);
  // Each part of a heading total, with the last of its run.
  const partsEnd = new Map([...headed.values()].flatMap((parts) => parts.map((i) => [i, parts.at(-1)!] as const)));
  const out = new Map<string, RowRole>();
  let group: string | undefined;
  let above: number | undefined;
  let left: number | undefined;
  body.forEach(({ label, value }, i) => {
    if (SUBTOTAL.test(label)) {
      group = label.replace(SUBTOTAL, '') || undefined;
      // (乙类合计 530, 其中：病毒性肝炎 118…: a total over 其中 rows that do not add up to it opens a
      // group of its members, as before.)
      out.set(label, { ...(group ? { group } : {}), total: true, ...(headed.get(i) ? { heads: true } : {}) });
      above = left = undefined;
      return;
    }
    if (partsEnd.has(i)) {
      out.set(label, { ...(group ? { group } : {}), sub: true, ofTotal: true });
      // (The parts over, the rows after it stand beside the group, in none.)
      if (partsEnd.get(i) === i) group = undefined;
      return;
    }
    if (opensOnParts(body[i]!) && above !== undefined) left = above;
    if (left !== undefined && Number.isFinite(value) && value <= left) {
      left -= value;
      out.set(label, { ...(group ? { group } : {}), sub: true });
      if (left <= 0) left = undefined;
      return;
    }
    left = undefined;
    above = Number.isFinite(value) ? value : undefined;
    out.set(label, group ? { group } : {});
  });
  return out;
}

interface FigureRow {
  raw: string;
  label: string;
  value: number;
}

/** Whether a row opens on 其中, the first of the parts of the row above it. */
const opensOnParts = (row: FigureRow) => row.raw !== row.label;

/** A row's label as written, without its 其中, and its first figure (NaN with none: a note, —). */
function rowOfFigures(row: string[]): FigureRow {
  const raw = (row[0] ?? '').trim();
  const cell = row.slice(1).find((c) => /^-?[\d.,]+$/.test(c.trim()));
  return { raw, label: raw.replace(/^其中[:：]?/, ''), value: cell === undefined ? NaN : Number(cell.replace(/,/g, '')) };
}

const GRAND_TOTAL = /^(?:全[市县区省])?(?:合计|总计)$/;

/** Whether the rows besides the parts and the 合计 add up to the 合计. */
function addsUp(body: FigureRow[], parts: number[], grand: FigureRow): boolean {
  const top = body.filter((r, i) => r !== grand && !parts.includes(i) && Number.isFinite(r.value));
  return Math.abs(top.reduce((a, r) => a + r.value, 0) - grand.value) < 1e-6 * Math.max(1, grand.value);
}

/**
 * The rows each total written above its parts heads: the rows from a 其中 right under it whose
 * figures add up to the total's own, to its rounding. None when they never add up to it exactly.
 */
function headedParts(body: FigureRow[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  // (When the table's 合计 says so: parts that add up by chance, 3 + 1 + 1 of a 小计 5, leave its
  // other rows short of the 合计.)
  const grand = [...body].reverse().find((r) => GRAND_TOTAL.test(r.label) && Number.isFinite(r.value));
  const others = body.filter((r) => SUBTOTAL.test(r.label) && r !== grand);
  body.forEach((row, i) => {
    if (!SUBTOTAL.test(row.label) || !Number.isFinite(row.value) || !body[i + 1] || !opensOnParts(body[i + 1]!)) return;
    let sum = 0;
    for (let j = i + 1; j < body.length && Number.isFinite(body[j]!.value) && !SUBTOTAL.test(body[j]!.label); j++) {
      sum += body[j]!.value;
      if (Math.abs(sum - row.value) < 1e-6 * Math.max(1, row.value)) {
        const parts = body.slice(i + 1, j + 1).map((_, k) => i + 1 + k);
        if (grand && others.every((o) => o === row) && !addsUp(body, parts, grand)) return;
        out.set(i, parts);
        return;
      }
      if (sum > row.value) return;
    }
  });
  return out;
}

/** Best facts whose tables are tried for a column to rank. */
const TABLE_TRIES = 8;

/** The column of the best-scored table fact among the first few whose table has one to rank. */
export function firstColumn(store: FactStore, scored: Fact[], asked: string, words: string[], among?: string): Entry[] | undefined {
  const tried = new Set<string>();
  // 哪个科, 哪个县区: a kind the rows' names show lets a table lower down be the one asked; so
  // does a group the table subtotals (乙类 of 乙类合计), whose rows are the ones asked.
  const kind = !!among && kindShown(among);
  const first = scored[0];
  // Of the table figures matched alike, the one whose measure holds most of the words asked
  // first (门诊就诊人数 before 就诊人数 for 门诊就诊人).
  const topics = said(store, words, among);
  const changeAsked = topics.some((t) => MOVED.test(t));
  // (The words asked are lower case, as the question's key is: iii级 of III级.)
  const holds = (f: Fact) => topics.reduce((n, t) => n + covered(t, f.metric.toLowerCase()), 0);
  // (放射诊疗机构 of 机构数 | 放射诊疗设备: the column of what is counted, the word said last, before
  // one that shares more of the words before it.)
  const head = saidLast([...topics.filter((t) => !MOVED.test(t)), ...shareSaid(asked)], asked);
  const counts = (f: Fact) => (head && unbracketed(f.metric).toLowerCase().includes(head) ? 1 : 0);
  const tries = scored.slice(0, TABLE_TRIES).map((f, i) => ({ f, i })).sort((a, b) => counts(b.f) - counts(a.f) || (a.i === 0 || b.i === 0 ? a.i - b.i : holds(b.f) - holds(a.f) || a.i - b.i));
  // 得分最高的是哪家: when the best match is no table's, or its table has no rows of the kind
  // asked (its rows are counties), a table lower down whose rows are may answer, for a measure of
  // the words asked.
  let firstFits = inTable(store, first);
  for (const { f, i } of tries) {
    if (i > 0 && !kind && !SUBTOTAL.test(f.metric)) continue;
    // A table lower down answers for the indicator the best match measures, not another column.
    if (i > 0 && kind && first && indicatorKey(store, f) !== indicatorKey(store, first) && (firstFits || holds(f) === 0)) continue;
    const key = `${f.docId}#${f.block}#${f.metric}`;
    // (增长最快 of a table whose change column is 同比: the verb is the column's, not a word it says.)
    if (tried.has(key) || !inTable(store, f) || !tableSays(store, f.docId, f.block, said(store, words, among).filter((t) => !MOVED.test(t)), false)) continue;
    tried.add(key);
    const column = tableColumn(store, changeAsked ? changeBeside(store, f) : wordier(store, f, holds, counts, asked), asked, among);
    if (column) return column;
    // (Nor does a table of measures, whose rows rank nothing: 指标 | 年度目标 | 1—9月完成.)
    if (i === 0 && kind) firstFits = false;
  }
  return undefined;
}

/**
 * 站点 | 样本数 | 知晓水平, asked 哪个站点知晓水平最高: the figure of the table's column
 * that holds more of the words asked than the one matched (matched by the row kind's word).
 */
function wordier(store: FactStore, f: Fact, holds: (f: Fact) => number, counts: (f: Fact) => number, asked: string): Fact {
  // (应收 | 已收 | 收回率 asked 收回率最高: of words held alike, the more of the question's own;
  // 重点人群数 | 覆盖率 asked 重点人群覆盖率: first the column that ends on the rate the question ends on.)
  // (The rate is read off the question itself: jieba may cut 履约率 to 履约|率.)
  const rate = RATE_ASKED.exec(asked)?.[1];
  // In order: the rate asked, a rate's column, what is counted, the words held, then the question's own words said.
  // (在岗体检率 of 体检人数 | 在岗期间职业健康检查率: a rate asked is a rate's column before a count's.)
  // (二孩占比 is a rate's column as 出生率 is.)
  const isRate = (x: Fact) => x.unitClass === 'percent' || RATE_HEADER.test(x.metric);
  // (…的比例最低 asks a rate too, whatever the rate's column is called: 接入率.)
  const rateAsked = !!rate || RATE_WORDS.test(asked);
  const score = (x: Fact) => [rate && unbracketed(x.metric).endsWith(rate) ? 1 : 0, rateAsked && isRate(x) ? 1 : 0, counts(x), holds(x), covered(asked, x.metric.toLowerCase())];
  // (完成例数 | 其中：免费手术 asked 手术做得最多: a part's column answers only when its own words are asked.)
  const partUnasked = partColumnUnasked(store, f, asked);
  let best = { f, n: partUnasked(f) ? undefined : score(f) };
  for (const x of factsOfReport(store, f.docId)) {
    if (x.block !== f.block || x.kind !== 'figure' || x.status !== f.status || x.value === undefined || partUnasked(x)) continue;
    const n = score(x);
    if (!best.n || before(n, best.n)) best = { f: x, n };
  }
  return best.f;
}

/** Whether one list of claims outranks another, each claim before any after it. */
function before(a: number[], b: number[]): boolean {
  const i = a.findIndex((x, j) => x !== b[j]);
  return i >= 0 && a[i]! > b[i]!;
}

// 占比, 比例: a share the question ends on is what it measures, though no word of the match holds it.
const SHARE_WORD = new RegExp(SHARE_WORDS.source, 'g');
const shareSaid = (asked: string) => (asked.match(SHARE_WORD) ?? []).slice(-1);

/** Of the words asked, the one the question says last (what it counts: 机构 of 放射诊疗机构). */
function saidLast(words: string[], asked: string): string | undefined {
  return [...words].sort((a, b) => asked.lastIndexOf(b) - asked.lastIndexOf(a))[0];
}

/** Whether a figure of f's table stands in a part's column (其中：免费手术) whose own words the question does not say. */
function partColumnUnasked(store: FactStore, f: Fact, asked: string): (x: Fact) => boolean {
  const raw = store.blocks.get(f.docId)?.[f.block]?.rows?.[0] ?? [];
  const labels = headerLabels(raw).map(cleanHeader);
  return (x) => {
    const label = headerOf(labels, x.metric);
    const own = label ? PART_HEADER.exec(raw[labels.indexOf(label)] ?? '')?.[1] : undefined;
    // (The same wording as the question's key: 职工医保 is read as 职工医疗保险 on both sides; and
    // most of the part's words, 二级以上医院 of 二级及以上医院, ask it.)
    const part = own ? store.intents.synonyms.apply(matchKey(cleanHeader(own))) : '';
    // (其中：社区卫生服务中心 is not asked by 社区卫生服务站: its last word must be said.)
    return !!part && (covered(part, asked) * 2 <= part.length || !asked.includes(part.slice(-2)));
  };
}

/**
 * 乙类传染病发病率前五: the best match is the report's sentence on the group (乙类…发病率22.74/10万);
 * its table subtotals the group (乙类合计 | 334 | 22.74) and gives each row's rate. The column of
 * the subtotal row in the same measure ranks the group's rows.
 */
export function groupInReport(store: FactStore, best: Fact | undefined, asked: string, words: string[], among?: string): Entry[] | undefined {
  if (!best || best.kind !== 'figure' || inTable(store, best)) return undefined;
  const topics = said(store, words, among);
  for (const f of factsOfReport(store, best.docId)) {
    if (f.kind !== 'figure' || f.unitClass !== best.unitClass || !inTable(store, f)) continue;
    const [group = '', measure = ''] = f.metric.split(SUBTOTAL);
    if (group === f.metric) continue;
    // The subtotal's group is a word asked (乙类), and its column measures what the sentence does.
    if (group.length < 2 || !topics.some((t) => t.includes(group) || group.includes(t))) continue;
    if (measure.length < 2 || !metricWords(best.metric).endsWith(measure)) continue;
    const column = tableColumn(store, f, asked, among);
    if (column) return column;
  }
  return undefined;
}

/**
 * 全院手卫生依从率86.7% in a sentence, then a table of 人员类别 | … | 依从率 whose 合计 row is that
 * 86.7: the table breaks the sentence's figure down, and its column is what is ranked.
 */
export function brokenDownInTable(store: FactStore, best: Fact | undefined, asked: string, among?: string): Entry[] | undefined {
  if (!best || best.kind !== 'figure' || best.value === undefined || inTable(store, best)) return undefined;
  const measure = metricWords(best.metric);
  for (const f of factsOfReport(store, best.docId)) {
    if (f.kind !== 'figure' || f.value !== best.value || f.unitClass !== best.unitClass || f.status !== best.status || !inTable(store, f)) continue;
    const words = unbracketed(f.metric);
    if (words.length < 2 || !measure.endsWith(words)) continue;
    const column = tableColumn(store, f, asked, among);
    if (column && column.length >= 2) return column;
  }
  return undefined;
}

/** The question's words a table must hold: not the kind of its rows, nor 数量, 情况…. */
function said(store: FactStore, words: string[], among?: string): string[] {
  return words.filter((t) => t !== among && !store.intents.generic.has(t));
}

/**
 * Whether a table holds every word the question says, in its section heading, its header or its
 * rows' names (县域就诊率最高的县 is not asked of a table of scores).
 */
function tableSays(store: FactStore, docId: string, b: number, topics: string[], anyForm = true, loose = false): boolean {
  const block = store.blocks.get(docId)?.[b];
  const inBlock = factsOfReport(store, docId).filter((f) => f.block === b);
  const heading = inBlock[0]?.heading ?? '';
  const cells = (block?.rows ?? []).map((r, i) => (i === 0 ? r.join('') : r[0] ?? '')).join('');
  // (血检人次 of a 血检数 column under （单位：人次）: the unit its figures are in says the word too.)
  const units = [...new Set(inBlock.map((f) => f.unit).filter((u) => u.length >= 2))].join('');
  const text = store.intents.synonyms.apply(matchKey(`${heading}${cells}${units}`));
  // Most of a long word, not two of its characters (县域 of 县域某率).
  // (Loosely, two characters of each: 献血者 of a table of 全血献血人次 by blood group.)
  return topics.every((t) => (anyForm ? writtenForms(store, t) : [t]).some((form) => covered(form, text) >= Math.min(form.length, loose ? 2 : Math.max(2, Math.ceil(form.length * 0.75)))));
}

/**
 * 门诊量增长最快: a change asked ranks the change its table gives beside a measure's figure (同比增长
 * (%) of the same row and measure), not the levels; the figure itself when there is none.
 */
function changeBeside(store: FactStore, f: Fact): Fact {
  if (f.status === 'change') return f;
  // (住院次均费用下降 of a 同比下降 column is the change of 住院次均费用; a bare 同比 column's too.)
  return factsOfReport(store, f.docId).find((x) => x.block === f.block && x.status === 'change' && (x.metric === f.metric || x.metric === `${f.metric}下降`) && (x.unitClass === 'percent' || !x.unit)) ?? f;
}

/** A word asked and, when it names an indicator (手术量), the other ways the catalogue writes it (手术台次). */
function writtenForms(store: FactStore, word: string): string[] {
  const indicator = store.intents.catalogue.indicatorOf(word);
  return indicator ? [word, ...store.intents.catalogue.formsOf(indicator.id).filter((f) => f !== word)] : [word];
}

// A table's column of places in order (名次 1, 2, 3…): the report's own ranking of its rows.
const RANK_COLUMN = /^(?:名次|排名|位次|排序|序号)$/;

/**
 * 某项考评前三是哪几个县: among the tables of the reports asked whose rows are of the kind asked
 * (县, 科室…) and which hold every word the question says, the one whose heading and header say
 * most of them; ranked by the column the question names, else by its only measure, else by its
 * stated order (名次).
 */
export function tableAsked(store: FactStore, docIds: string[], words: string[], asked: string, among: string, months?: { from: number; to: number }, loose = false): Entry[] | undefined {
  const topics = said(store, words, among);
  const changeAsked = topics.some((t) => MOVED.test(t));
  let best: { column: Entry[]; score: number } | undefined;
  for (const id of docIds) {
    const facts = factsOfReport(store, id);
    for (const [b, block] of (store.blocks.get(id) ?? []).entries()) {
      if (block.kind !== 'table') continue;
      // 最低的三种疫苗: a kind names do not show is asked of a table whose first column it heads.
      // (Read first: it is the cheaper test.)
      if (!kindShown(among) && !cleanHeader(block.rows?.[0]?.[0] ?? '').includes(among)) continue;
      if (!tableSays(store, id, b, topics, true, loose)) continue;
      const inBlock = facts.filter((f) => f.block === b && f.kind === 'figure' && f.value !== undefined);
      // (前三季度累计: a table of the third quarter alone is of other months than asked.)
      const own = months && inBlock[0]?.time ? monthsOf(inBlock[0].time.label) : undefined;
      if (months && own && (own.from !== months.from || own.to !== months.to)) continue;
      // (中医类别医师2023年 | 中医类别医师2024年: the measure each column is of, its year aside.)
      const headers = headerLabels(block.rows?.[0] ?? []).map(cleanHeader);
      const score = topics.reduce((n, t) => n + covered(t, matchKey(`${inBlock[0]?.heading ?? ''}${headers.join('')}`)), 0);
      // The header that holds most of the words asked (每千人口医师 of 每千人口床位 | 每千人口医师).
      const named = bestHeader(headers, topics.map((t) => writtenForms(store, t)), asked);
      const header = named ?? onlyMeasure(headers, inBlock) ?? headers.find((h) => RANK_COLUMN.test(h));
      // A table of year columns: its latest year's figures.
      // (The year asked, when the question names one: 2023年接种率最低的.)
      const yearAsked = yearsIn(asked)[0];
      const latest = header ? undefined : [...inBlock].filter((f) => f.status === 'actual' && (!yearAsked || f.time?.year === yearAsked)).sort((x, y) => (y.time?.year ?? 0) - (x.time?.year ?? 0))[0];
      // Of the header's columns, the year asked, else the latest.
      const underHeader = header ? inBlock.filter((f) => headerOf(headers, f.metric) === header) : [];
      const ofHeader = underHeader.find((f) => yearAsked !== undefined && f.time?.year === yearAsked) ?? [...underHeader].sort((x, y) => (y.time?.year ?? 0) - (x.time?.year ?? 0))[0];
      const seed = ofHeader && changeAsked ? changeBeside(store, ofHeader) : ofHeader ?? latest;
      const all = seed && (MONTH_KIND.test(among) ? monthRows(store, seed, yearAsked) : tableColumn(store, seed, asked, among));
      // (市直 | … among the counties: a row of another kind is left out, when most rows are of the kind asked.)
      const column = all?.filter((e) => fits(e.entity, among));
      if (!all || !column || column.length < 2 || column.length * 5 < all.length * 4 || (best && score <= best.score)) continue;
      best = { column, score };
    }
  }
  return best?.column;
}

// How much a header ending as the measure asked weighs, beside the words it shares.
const HEAD_BONUS = 3;

/** The header that says most of the words asked, each word in the best of its written forms. */
function bestHeader(headers: string[], topics: string[][], asked: string): string | undefined {
  let best: { h: string; n: number } | undefined;
  const said = (forms: string[], h: string) => Math.max(0, ...forms.map((form) => (covered(form, h) >= 2 ? covered(form, h) : 0)));
  // (中医院床位: the last word is what is counted, 床位; a header of it beats one of 中医院.)
  const head = [...topics].reverse().find((forms) => !forms.some((f) => MOVED.test(f)));
  const ofHead = head ? headers.filter((h) => h.length >= 2 && head.some((form) => form.length >= 2 && h.includes(form))) : [];
  // (出生缺陷发生率 of 出生缺陷儿数 | 发生率: a header that ends as the measure asked, 率, is of it.)
  const endsAs = (h: string) => (head ?? []).some((form) => form.length >= 3 && h.length >= 2 && form.endsWith(h.slice(-2)) && covered(h, form) >= 2);
  // (A rate asked, and a rate's column there: the head word's columns alone may be only counts.)
  const rateThere = RATE_WORDS.test(asked) && headers.some((h) => RATE_HEADER.test(h));
  for (const h of ofHead.length && !rateThere ? ofHead : headers) {
    // (应收 | 收回率 asked 收回率: the header that says more of the words asked.)
    const n = h.length >= 2 ? (topics.reduce((sum, forms) => sum + said(forms, h), 0) + (endsAs(h) ? HEAD_BONUS : 0)) * WORDS_NEXT : 0;
    // (…的比例最低 of 已接入机构数 | 接入率: a rate asked is the rate's column.)
    const rate = n > 0 && RATE_WORDS.test(asked) && RATE_HEADER.test(h) ? RATE_KIND : 0;
    // (Of headers that say them alike, the one most of whose own words the question says:
    // 参加项目数 before 其中：国家中心项目 asked 参加的项目, 收回率 before 应收 asked 收回率.)
    const ranked = n + rate + covered(h, asked) / h.length;
    if (n > 0 && (!best || ranked > best.n)) best = { h, n: ranked };
  }
  return best?.h;
}

/** A table's one measure of figures besides its stated order (名次 | 单位 | 得分 → 得分), if it has just one. */
function onlyMeasure(headers: string[], inBlock: Fact[]): string | undefined {
  const measures = headers.slice(1).filter((h) => h.length >= 2 && !RANK_COLUMN.test(h) && inBlock.some((f) => metricWords(f.metric).endsWith(h)));
  return measures.length === 1 ? measures[0] : undefined;
}

/** Whether a measure is a table's stated order (名次 1, 2, 3…): ranked the other way round from amounts. */
export const isStatedOrder = (measure: string) => RANK_COLUMN.test(measure);
