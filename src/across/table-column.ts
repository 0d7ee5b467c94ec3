import type { Fact } from '../extract/facts.js';
import type { FactStore } from '../store/fact-store.js';
import { fits, inTable, kindShown, LIST_TOTAL, type Entry } from './entries.js';
import { factSubject, metricWords } from './gather.js';
import { periodKey } from './trend.js';

/**
 * The column of a table the best fact stands in: the other rows' figures under the same header
 * (县区 | 每千人口床位数: 金安区 11.86, 裕安区 9.74…; 科室 | 出院人次: 心血管内科 7215…), each row
 * named by its place or by the words before the header in its measure. Totals and the parts
 * under a row (其中…) are not ranked; a table split by subtotals (乙类合计…) ranks the group the
 * question names.
 */
export function tableColumn(store: FactStore, best: Fact | undefined, asked: string, among?: string): Entry[] | undefined {
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
export function firstColumn(store: FactStore, scored: Fact[], asked: string, among?: string): Entry[] | undefined {
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

