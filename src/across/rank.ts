import type { Fact } from '../extract/facts.js';
import { matchKey } from '../text/normalize.js';
import type { ParsedQuestion } from '../match/question.js';
import type { FactStore } from '../store/fact-store.js';
import type { AcrossFrame } from './frame.js';
import { covered } from './browse.js';
import { enumerationsInDocs, type Enumeration } from './enumeration.js';
import { factSubject, gatherFor, indicatorParts, metricWords, rowOf } from './gather.js';
import { periodKey } from './trend.js';
import type { AcrossResult } from './types.js';

/** Rows a ranking shows when the question asks no number (哪个最多: the first, then the rest). */
const ROWS_SHOWN = 10;
/** Facts gathered for a ranking: a table of a few dozen districts, diseases or hospitals. */
const RANK_CANDIDATES = 60;

interface Entry {
  fact: Fact;
  entity: string;
  measure: string;
}

/**
 * 哪个县…最高, 前三: the subjects that carry one measure in one report and period (or across
 * reports of one period), ordered by value, with how many were compared. A ranked list the report
 * states itself (居前三位的依次为…) comes first.
 */
export function rank(store: FactStore, frame: AcrossFrame, q: ParsedQuestion, opts: { named?: boolean } = {}): AcrossResult | undefined {
  const scored = gatherFor(store, { ...q, rank: undefined, unknownPlaces: [] } as ParsedQuestion, RANK_CANDIDATES).map((s) => s.fact);
  const topics = q.tokens.filter((t) => !t.nearOnly && !t.slot && t.word.length >= 2).map((t) => t.word);
  // Only the items the question names (门诊和住院满意度哪个高), from a list a report gives.
  if (opts.named) {
    const found = listed(store, q, scored, topics, frame.among);
    return found?.named ? ranked(store, frame, found.list) : undefined;
  }
  // A ranking the report states itself (居前三位的依次为…) is its own word on the order: it goes first.
  const stated = statedRanking(store, frame, scored.slice(0, 8));
  if (stated && (stated.rows.length >= 2 || frame.top === 1)) return stated;
  const group =
    firstColumn(store, scored, q.key, frame.among) ??
    listed(store, q, scored, topics, frame.among)?.list ??
    siblings(store, scored[0], frame.among) ??
    largestGroup(store, entriesOf(store, scored, topics), frame.among);
  return group && group.length >= 2 ? ranked(store, frame, group) : stated;
}

/** The entries in the order asked, as many as asked, with how many were compared. */
function ranked(store: FactStore, frame: AcrossFrame, group: Entry[]): AcrossResult {
  const sorted = [...group].sort((a, b) => (frame.order === 'asc' ? a.fact.value! - b.fact.value! : b.fact.value! - a.fact.value!));
  const rows = sorted.slice(0, Math.max(1, frame.top ?? ROWS_SHOWN)).map((e) => rowOf(store, e.fact, e.entity));
  const measure = group[0]!.measure || group[0]!.fact.metric;
  const ties = sorted.length > rows.length && sorted[rows.length]!.fact.value === sorted[rows.length - 1]!.fact.value;
  const notes = [`共比较了${group.length}个有${measure}数据的对象（${rowsPeriod(group[0]!.fact)}）。`, ...(ties ? ['注意：排在最后一位的与下一位数值相同。'] : [])];
  return { kind: 'rank', indicator: measure, rows, missing: [], mixed: null, notes, count: group.length, order: frame.order ?? 'desc' };
}

const TOTAL = /合计|总计|总数|全部|共计|^报告|^全市|^全区|^全县|^全省|^其他|^其它/;

/**
 * The column of a table the best fact stands in: the other rows' figures under the same header
 * (县区 | 每千人口床位数: 金安区 11.86, 裕安区 9.74…; 科室 | 出院人次: 心血管内科 7215…), each row
 * named by its place or by the words before the header in its measure. Totals and the parts
 * under a row (其中…) are not ranked; a table split by subtotals (乙类合计…) ranks the group the
 * question names.
 */
function tableColumn(store: FactStore, best: Fact | undefined, asked: string, among?: string): Entry[] | undefined {
  const block = best && store.blocks.get(best.docId)?.[best.block];
  if (!best || best.value === undefined || block?.kind !== 'table') return undefined;
  const headers = (block.rows?.[0] ?? []).map((h) => metricWords(h.replace(/[(（][^()（）]*[)）]/g, '').trim())).filter((h) => h.length >= 2);
  const columnOf = (f: Fact) => {
    const m = metricWords(f.metric);
    return headers.filter((h) => m.endsWith(h)).sort((a, b) => b.length - a.length)[0];
  };
  const column = columnOf(best);
  if (!column) return undefined;
  const roles = rowRoles(block.rows ?? []);
  const groups = new Set([...roles.values()].map((r) => r.group).filter((g): g is string => !!g && asked.includes(g)));
  const home = store.docs.get(best.docId)?.meta.region;
  const entries = new Map<string, Entry>();
  const doc = store.docs.get(best.docId)!;
  for (const f of store.facts.slice(doc.firstFact, doc.firstFact + doc.facts)) {
    if (f.block !== best.block || f.kind !== 'figure' || f.status !== 'actual' || f.value === undefined || f.unitClass !== best.unitClass) continue;
    if ((periodKey(f) ?? '') !== (periodKey(best) ?? '') || columnOf(f) !== column) continue;
    const words = metricWords(f.metric);
    // A place's row measures the header alone; another row's name stands before it.
    const entity = (words === column ? factSubject(f) : words.slice(0, words.length - column.length)).replace(/^其中[:：]?/, '');
    const role = roles.get(entity);
    if (role?.sub || role?.total || (groups.size && !groups.has(role?.group ?? ''))) continue;
    if (entity.length < 2 || entity === home || LIST_TOTAL.test(entity) || entries.has(entity) || (among && !fits(entity, among))) continue;
    entries.set(entity, { fact: f, entity, measure: column });
  }
  return entries.size >= 2 ? [...entries.values()] : undefined;
}

const SUBTOTAL = /合计|小计|总计/;

/**
 * What each row of a table is: a total (乙类合计) that opens a group named by its other words, or
 * a part of the row above it (其中:乙型肝炎 91, 丙型肝炎 21, 戊型肝炎 6 under 病毒性肝炎 118:
 * the rows after 其中 while their first figures add up to at most the row above's).
 */
export function rowRoles(rows: string[][]): Map<string, { group?: string; total?: boolean; sub?: boolean }> {
  const out = new Map<string, { group?: string; total?: boolean; sub?: boolean }>();
  let group: string | undefined;
  let above: number | undefined;
  let left: number | undefined;
  for (const row of rows.slice(1)) {
    const raw = (row[0] ?? '').trim();
    const label = raw.replace(/^其中[:：]?/, '');
    const cell = row.slice(1).find((c) => /^-?[\d.,]+$/.test(c.trim()));
    // A row without a figure (a note, —) has no value to add up, not 0.
    const value = cell === undefined ? NaN : Number(cell.replace(/,/g, ''));
    if (SUBTOTAL.test(label)) {
      group = label.replace(SUBTOTAL, '') || undefined;
      out.set(label, { ...(group ? { group } : {}), total: true });
      above = left = undefined;
      continue;
    }
    if (raw !== label && above !== undefined) left = above;
    if (left !== undefined && Number.isFinite(value) && value <= left) {
      left -= value;
      out.set(label, { ...(group ? { group } : {}), sub: true });
      if (left <= 0) left = undefined;
      continue;
    }
    left = undefined;
    above = Number.isFinite(value) ? value : undefined;
    out.set(label, group ? { group } : {});
  }
  return out;
}

/** Best facts whose tables are tried for a column to rank. */
const TABLE_TRIES = 8;

/** The column of the best-scored table fact among the first few whose table has one to rank. */
function firstColumn(store: FactStore, scored: Fact[], asked: string, among?: string): Entry[] | undefined {
  const tried = new Set<string>();
  // 哪个科, 哪个县区: a kind the rows' names show lets a table lower down be the one asked.
  for (const f of scored.slice(0, among && kindShown(among) ? TABLE_TRIES : 1)) {
    const key = `${f.docId}#${f.block}#${f.metric}`;
    if (tried.has(key) || !inTable(store, f)) continue;
    tried.add(key);
    const column = tableColumn(store, f, asked, among);
    if (column) return column;
  }
  return undefined;
}

/**
 * The parts listed with the best fact in its own sentence, after it (其中疾控中心118个、妇幼保健机构
 * 111个…), each named by its measure's words.
 */
function siblings(store: FactStore, best: Fact | undefined, among?: string): Entry[] | undefined {
  if (!best || best.value === undefined) return undefined;
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

/** The part of a list's paragraph read for the question's words: a paragraph may be a page long. */
const MAX_PARAGRAPH = 2000;
/** Lists whose lead or section names the question's words this much qualify (a two-character word in the section). */
const LIST_MIN_SCORE = 2;

/**
 * The list a report gives of the parts asked (专业公共卫生机构中，疾控中心118个，卫生监督所113个…;
 * 按职业分，居前四位的依次为散居儿童312例…): among the lists of the reports of the place asked (or
 * of the best facts), the one whose lead or section names the question's words most (a lead weighs
 * twice its heading), among those whose paragraph or section holds every word the question says.
 * `named` says the question itself named the items compared (门诊和住院满意度).
 */
function listed(store: FactStore, q: ParsedQuestion, scored: Fact[], topics: string[], among?: string): { list: Entry[]; named: boolean } | undefined {
  const best = scored[0];
  const lists = enumerationsInDocs(store, docsAsked(store, q, scored)).filter((e) => !inTable(store, e.items[0]!.fact));
  // 养老机构哪类最多 is not asked of a list of 医疗卫生机构: every word the question says (but
  // 数量, 情况…) stands in the list's paragraph or section.
  // (比区 of 门急诊比区中医院 is the joiner stuck to a name by segmentation, not a word said.)
  const said = topics.filter((t) => !store.intents.generic.has(t) && !/^(?:比|和|与|跟|及)/.test(t));
  let chosen: { list: Entry[]; named: boolean; score: number } | undefined;
  for (const e of lists) {
    // A rate asked is not ranked by counts, nor counts by rates.
    if (best && (e.items[0]!.fact.unitClass === 'percent') !== (best.unitClass === 'percent')) continue;
    const texts = listTexts(store, e);
    if (!said.every((t) => covered(t, texts.context) >= Math.min(2, t.length))) continue;
    const picked = namedOnly(entriesOfList(e, among), topics, q.text);
    if (picked.list.length < 2) continue;
    const holdsBest = !!best && e.items.some((x) => x.fact === best);
    const named = topics.reduce((n, t) => n + 2 * covered(t, texts.lead) + covered(t, texts.heading), 0);
    // 哪几个街道: a list of streets and nothing else is what was asked.
    const ofKind = !!among && kindShown(among) && picked.list.length === e.items.length;
    // Of lists a section names alike, the longest is the breakdown asked (five diseases, not two deaths).
    const score = named + e.items.length / 100 + (holdsBest ? 1 : 0) + (picked.named ? 2 : 0) + (ofKind ? 2 : 0);
    if ((score >= LIST_MIN_SCORE || holdsBest) && (!chosen || score > chosen.score)) chosen = { ...picked, score };
  }
  return chosen;
}

// A list's words as questions are compared with them, read once per list (a store's lists are cached).
const textsOfList = new WeakMap<Enumeration, { lead: string; heading: string; context: string }>();
function listTexts(store: FactStore, e: Enumeration): { lead: string; heading: string; context: string } {
  let t = textsOfList.get(e);
  if (!t) {
    const norm = (text: string) => store.intents.synonyms.apply(matchKey(text));
    const f = e.items[0]!.fact;
    const heading = norm(f.heading ?? '');
    const paragraph = store.blocks.get(f.docId)?.[f.block]?.text ?? f.quote;
    t = { lead: norm(e.lead), heading, context: `${norm(paragraph.slice(0, MAX_PARAGRAPH))}${heading}` };
    textsOfList.set(e, t);
  }
  return t;
}

/** The reports of the place asked, or else those of the best facts. */
function docsAsked(store: FactStore, q: ParsedQuestion, scored: Fact[]): string[] {
  if (q.regions.length) {
    const places = new Set(q.regions.flatMap((r) => store.regions.withDescendants(r.name)));
    const docs = [...store.docs.values()].filter((d) => places.has(d.meta.region)).map((d) => d.id);
    if (docs.length) return docs;
  }
  return [...new Set(scored.slice(0, 3).map((f) => f.docId))];
}

// In a list, 其他感染性腹泻病 is a part like the others; only a sum is not.
const LIST_TOTAL = /合计|总计|总数|全部|共计/;
// 报告病例数居前3位的病种依次为: the measure is what stands before the list's own ranking words.
const LIST_WORDS = /(?:居|排|位居|排名|排在)?前\s*\S{1,2}\s*位.*$|(?:依次|分别)(?:为|是)$|(?:中|里|里面|当中|其中)$/;

/**
 * 高血压、糖尿病、严重精神障碍的规范管理率哪个最高: when two or more words of a list in the question
 * (parts joined by 、和与及跟) each name one item alone, those items are the ones compared.
 */
function namedOnly(list: Entry[], topics: string[], question: string): { list: Entry[]; named: boolean } {
  const listed = listedWords(question);
  const named = new Set<Entry>();
  for (const t of topics.filter((x) => listed.some((part) => part.includes(x)))) {
    const hits = list.filter((e) => e.entity.includes(t));
    if (hits.length === 1) named.add(hits[0]!);
  }
  return named.size >= 2 ? { list: list.filter((e) => named.has(e)), named: true } : { list, named: false };
}

// 门急诊比区中医院多多少: 比 sets two things side by side too (not 比例, 比重, 比率).
const JOINER = /、|和|与|及|跟|(?<![相对])同(?!比|期)|(?<![同环相对])比(?!例|重|率)/;
/** The parts of the question's clauses that hold a joiner: 门诊和住院满意度 → 门诊, 住院满意度. */
function listedWords(question: string): string[] {
  return question.split(/[,，。;；?？!！\s]/).filter((c) => JOINER.test(c)).flatMap((c) => c.split(JOINER));
}

/**
 * What a list's lead says it breaks down, as a measure: its last clause without the list's own
 * words, figures and dates (2023年末，全市医疗卫生机构总数达1200个，其中 → 全市医疗卫生机构总数).
 */
export function measureOfLead(lead: string): string {
  const bare = lead.replace(/[,，:：;；\s]+$/, '').replace(LIST_WORDS, '').replace(/[,，:：;；\s]+$/, '');
  const clauses = bare.split(/[,，:：;；。]/).map((c) =>
    c
      .replace(/(?:19|20)\d{2}年(?:\d{1,2}月)?(?:末|底|初)?/g, '')
      .replace(/[\d.,]+\s*(?:万|亿)?[\u3400-\u9fff%‰]?/g, '')
      .replace(/(?:达到|达|为|是|有|共)+$/, '')
      .trim(),
  );
  return clauses.reverse().find((c) => c.replace(/[^\u3400-\u9fff]/g, '').length >= 2) ?? '';
}

function entriesOfList(e: Enumeration, among?: string): Entry[] {
  const measure = measureOfLead(e.lead) || e.items[0]!.fact.metric;
  return e.items
    .filter((i) => i.fact.status === 'actual' && !LIST_TOTAL.test(i.name) && (!among || fits(i.name, among)))
    .map((i) => ({ fact: i.fact, entity: i.name, measure }));
}

function inTable(store: FactStore, f: Fact | undefined): boolean {
  if (!f) return false;
  return store.blocks.get(f.docId)?.[f.block]?.kind === 'table';
}

function rowsPeriod(f: Fact): string {
  return f.time?.label ?? '同一报告';
}

/** The entity a figure is for (a district, disease, hospital) and the measure it gives. */
function entryOf(store: FactStore, f: Fact, topics: string[]): Entry | undefined {
  const doc = store.docs.get(f.docId);
  const metric = metricWords(f.metric);
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
function largestGroup(store: FactStore, entries: Entry[], among?: string): Entry[] | undefined {
  const groups = new Map<string, Map<string, Entry>>();
  for (const e of entries) {
    if (among && !fits(e.entity, among)) continue;
    const { qualifiers, unitClass } = indicatorParts(store, e.fact);
    const k = `${e.fact.docId}|${e.measure}|${periodKey(e.fact) ?? ''}|${qualifiers}|${unitClass}`;
    const g = groups.get(k) ?? new Map<string, Entry>();
    if (!g.has(e.entity)) g.set(e.entity, e);
    groups.set(k, g);
  }
  let best: Entry[] | undefined;
  for (const g of groups.values()) if (g.size >= 2 && (!best || g.size > best.length)) best = [...g.values()];
  return best;
}

// 县 asks for counties and districts alike (区县); 医院 for hospitals and 院; a disease word for any.
const KINDS: [among: RegExp, entity: RegExp][] = [
  [/^(县|区|区县|县区|县市区|地区)$/, /(县|区|市|旗)$/],
  [/^(镇|乡镇|街道)$/, /(镇|乡|街道)$/],
  [/医院|院/, /(院|中心)$/],
  [/^(科|科室)$/, /(科|中心|部|室)$/],
];
function fits(entity: string, among: string): boolean {
  const kind = KINDS.find(([a]) => a.test(among));
  return !kind || kind[1].test(entity);
}
/** Whether `among` names a kind of place or institution whose names show it (街道, 县, 医院). */
const kindShown = (among: string) => KINDS.some(([a]) => a.test(among));

/** A ranking the report states (第1位…): its items in order, without figures to compare. */
function statedRanking(store: FactStore, frame: AcrossFrame, scored: Fact[]): AcrossResult | undefined {
  const ranked = scored.filter((f) => f.rank !== undefined);
  if (!ranked.length) return undefined;
  const first = ranked[0]!;
  const list = scored
    .filter((f) => f.rank !== undefined && f.docId === first.docId && f.metric.replace(/第\d+位.*$/, '') === first.metric.replace(/第\d+位.*$/, ''))
    .sort((a, b) => a.rank! - b.rank!);
  const ordered = frame.order === 'asc' ? [...list].reverse() : list;
  const rows = ordered.slice(0, Math.max(1, frame.top ?? ROWS_SHOWN)).map((f) => rowOf(store, f, f.answer));
  const measure = first.metric.replace(/第\d+位.*$/, '');
  return { kind: 'rank', indicator: measure, rows, missing: [], mixed: null, notes: [`报告列出的${measure}排名（前${list.length}位）。`], count: list.length, order: frame.order ?? 'desc' };
}
