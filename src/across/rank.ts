import type { Fact } from '../extract/facts.js';
import type { ParsedQuestion } from '../match/question.js';
import type { FactStore } from '../store/fact-store.js';
import type { AcrossFrame } from './frame.js';
import { gatherFor, indicatorParts, metricWords, rowOf } from './gather.js';
import { periodKey } from './trend.js';
import type { AcrossResult } from './types.js';

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
export function rank(store: FactStore, frame: AcrossFrame, q: ParsedQuestion): AcrossResult | undefined {
  const scored = gatherFor(store, { ...q, rank: undefined, unknownPlaces: [] } as ParsedQuestion, RANK_CANDIDATES).map((s) => s.fact);
  // A ranking the report states itself (居前三位的依次为…) is its own word on the order: it goes first.
  const stated = statedRanking(store, frame, scored.slice(0, 8));
  if (stated) return stated;
  const topics = q.tokens.filter((t) => !t.nearOnly && !t.slot && t.word.length >= 2).map((t) => t.word);
  const group = siblings(store, scored[0], topics, frame.among) ?? largestGroup(store, entriesOf(store, scored, topics), frame.among);
  if (group && group.length >= 2) {
    const sorted = [...group].sort((a, b) => (frame.order === 'asc' ? a.fact.value! - b.fact.value! : b.fact.value! - a.fact.value!));
    const rows = sorted.slice(0, Math.max(1, frame.top ?? 1)).map((e) => rowOf(store, e.fact, e.entity));
    const measure = group[0]!.measure || group[0]!.fact.metric;
    const ties = sorted.length > rows.length && sorted[rows.length]!.fact.value === sorted[rows.length - 1]!.fact.value;
    const notes = [`共比较了${group.length}个有${measure}数据的对象（${rowsPeriod(group[0]!.fact)}）。`, ...(ties ? ['注意：排在最后一位的与下一位数值相同。'] : [])];
    return { kind: 'rank', indicator: measure, rows, missing: [], mixed: null, notes, count: group.length, order: frame.order ?? 'desc' };
  }
  return undefined;
}

const TOTAL = /合计|总计|总数|全部|共计|^报告|^全市|^全区|^全县|^全省|^其他|^其它/;

/**
 * The parts listed with the best fact: the rest of its sentence or table (其中疾控中心118个、妇幼
 * 保健机构111个…; a table's rows of one column). Each names its entity before the measure asked.
 */
function siblings(store: FactStore, best: Fact | undefined, topics: string[], among?: string): Entry[] | undefined {
  if (!best || best.value === undefined) return undefined;
  const metric = metricWords(best.metric);
  const tail = topics.filter((t) => metric.endsWith(t)).sort((a, b) => b.length - a.length)[0];
  const near = store.facts.filter(
    (f) =>
      f.docId === best.docId &&
      f !== best &&
      f.kind === 'figure' &&
      f.status === 'actual' &&
      f.value !== undefined &&
      f.unitClass === best.unitClass &&
      // A table's rows share its block; a whole's parts follow it in its own sentence.
      (tail && inTable(store, best) ? f.block === best.block : f.sentenceNo === best.sentenceNo && f.span[0] > best.span[0]) &&
      (periodKey(f) ?? '') === (periodKey(best) ?? '') &&
      indicatorParts(store, f).qualifiers === indicatorParts(store, best).qualifiers,
  );
  const entries = new Map<string, Entry>();
  const consider = (f: Fact) => {
    const m = metricWords(f.metric);
    if (tail && !m.endsWith(tail)) return;
    const entity = tail ? m.slice(0, m.length - tail.length) : m;
    if (entity.length < 2 || TOTAL.test(entity) || entries.has(entity) || (among && !fits(entity, among))) return;
    entries.set(entity, { fact: f, entity, measure: tail ?? `${best.metric}的构成` });
  };
  // The best fact is a member when it names an entity of its own; a whole (专业公共卫生机构) is not.
  if (tail) consider(best);
  for (const f of near) consider(f);
  return entries.size >= 2 ? [...entries.values()] : undefined;
}

function inTable(store: FactStore, f: Fact): boolean {
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
function fits(entity: string, among: string): boolean {
  if (/^(县|区|区县|县区|县市区|地区)$/.test(among)) return /(县|区|市|旗)$/.test(entity);
  if (/^(镇|乡镇|街道)$/.test(among)) return /(镇|乡|街道)$/.test(entity);
  if (/医院|院/.test(among)) return /(院|中心)$/.test(entity);
  return true;
}

/** A ranking the report states (第1位…): its items in order, without figures to compare. */
function statedRanking(store: FactStore, frame: AcrossFrame, scored: Fact[]): AcrossResult | undefined {
  const ranked = scored.filter((f) => f.rank !== undefined);
  if (!ranked.length) return undefined;
  const first = ranked[0]!;
  const list = scored
    .filter((f) => f.rank !== undefined && f.docId === first.docId && f.metric.replace(/第\d+位.*$/, '') === first.metric.replace(/第\d+位.*$/, ''))
    .sort((a, b) => a.rank! - b.rank!);
  const ordered = frame.order === 'asc' ? [...list].reverse() : list;
  const rows = ordered.slice(0, Math.max(1, frame.top ?? 1)).map((f) => rowOf(store, f, f.answer));
  const measure = first.metric.replace(/第\d+位.*$/, '');
  return { kind: 'rank', indicator: measure, rows, missing: [], mixed: null, notes: [`报告列出的${measure}排名（前${list.length}位）。`], count: list.length, order: frame.order ?? 'desc' };
}
