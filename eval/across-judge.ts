// The judge of a question set across facts (compare, trend, rank, browse, arithmetic, follow-ups
// and questions with no answer), as a set's qa.jsonl states what is expected, and the check that no
// across answer mixes periods, statuses or units without saying so. Shared by the set's test
// (test/across-set.test.ts) and the scorer of any set (eval/score-across.ts), so both read a reply
// exactly alike.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ask, FollowUps } from '../src/core/ask.js';
import type { FactStore } from '../src/store/fact-store.js';

// ---- The set ----

export interface Figure {
  subject: string;
  none?: boolean;
  value?: string;
  doc?: string;
}
export interface Point {
  period?: string;
  value: string;
  doc?: string;
}
export interface Expect {
  figures?: Figure[];
  diff?: string | null;
  mixed?: string | boolean | null;
  series?: Point[];
  single?: boolean;
  change?: string | null;
  order?: string[];
  values?: string[];
  count?: number;
  includes?: string[];
  result?: string[];
}
export interface Item {
  id: string;
  kind: 'compare' | 'trend' | 'rank' | 'browse' | 'arith' | 'followup' | 'negative';
  q: string;
  after: string | null;
  expect: Expect | null;
}

// ---- The reply, as the CLI's JSON gives it ----

export interface Row {
  subject?: string;
  period?: string;
  year?: number;
  status?: string;
  answer?: string;
  value?: number;
  unit?: string;
  source?: { file?: string; title?: string };
}
export interface Across {
  kind?: string;
  rows?: Row[];
  missing?: string[];
  mixed?: string | null;
  notes?: string[];
  result?: { value: string; formula?: string };
  count?: number;
  items?: unknown[];
  groups?: unknown[];
}
export interface Reply {
  answers?: { answer: string }[];
  across?: Across;
}
export interface Judgement {
  ok: boolean;
  wrong?: boolean;
  why?: string;
  countOk?: boolean;
}

// ---- The judge ----

/** A set's report ids → a file-name prefix and title phrases, any of which a cited source must show. */
export type Docs = Record<string, string[]>;
/** The seeds' ids, which every set may cite. */
export const SEED_DOCS: Docs = {
  '000': ['000_40ca54400f45fed3', '枣庄市卫生健康事业发展十年记', '护佑人民健康'],
  '001': ['001_eb100cd57368aa98', '推进卫生健康事业高质量发展纪实', '一切为了群众健康'],
  '002': ['002_f70deba1c1e1f030', '淄博品牌', '以民生温度'],
  '003': ['003_66c316e58a9ebb9f', '112184', '提升基层医疗卫生服务能力'],
  '004': ['004_88b8b5c2e6747ca6', '打赢疫情防控阻击战', '开创高质量发展新局面'],
};

const norm = (s: unknown) => String(s ?? '').normalize('NFKC').replace(/[\s,，]/g, '');
const cites = (docs: Docs, row: Row | undefined, doc: string | undefined) => {
  if (!doc) return true;
  const file = String(row?.source?.file ?? ''),
    title = String(row?.source?.title ?? '');
  return (docs[doc] ?? [doc]).some((p) => file.includes(p) || title.includes(p));
};
const numIn = (text: unknown, value: unknown): boolean => {
  const t = norm(text),
    v = norm(value);
  if (!v) return false;
  // 12 must not match inside 312 or 12.5; any occurrence may be the one.
  for (let at = t.indexOf(v); at >= 0; at = t.indexOf(v, at + 1)) {
    const before = t[at - 1],
      after = t[at + v.length];
    if (!(before && /[\d.]/.test(before)) && !((after && /\d/.test(after)) || (after === '.' && /\d/.test(t[at + v.length + 1] ?? '')))) return true;
  }
  // (0.50 is 0.5: a figure written to more places, only zeros after it; and 6 is the 6.0 wanted.)
  if ((t.match(/\d+\.\d*0\b/g) ?? []).some((x) => x.replace(/0+$/, '').replace(/\.$/, '') === v)) return true;
  const bare = /^\d+\.\d*0$/.test(v) ? v.replace(/0+$/, '').replace(/\.$/, '') : undefined;
  return bare !== undefined && bare !== v && numIn(t, bare);
};
const subjectMatch = (a: unknown, b: unknown) => {
  const bare = (s: unknown) => {
    const b = norm(s).replace(/(市|区|县|省|街道|镇|医院)$/, '');
    return b.length >= 2 ? b : norm(s);
  };
  const x = bare(a),
    y = bare(b);
  return !!x && !!y && (x.includes(y) || y.includes(x));
};
// An expected difference or change written as a phrase (2012→2023提高3.3岁): its figures must all appear.
const figuresIn = (phrase: unknown) =>
  (norm(phrase).split(/[（(]/)[0] ?? '').replace(/(19|20)\d{2}(?=→|年|—|-|~|至)|(?<=→)(19|20)\d{2}/g, ' ').match(/\d+(?:\.\d+)?/g) ?? [];
const allIn = (text: unknown, phrase: unknown) => figuresIn(phrase).length > 0 && figuresIn(phrase).every((v) => numIn(text, v));
const rowText = (r: Row) => `${r.answer ?? ''}|${r.value ?? ''}`;

export function judge(item: Item, reply: Reply | undefined, docs: Docs): Judgement {
  const e = item.expect;
  const across = reply?.across;
  const rows = across?.rows ?? [];
  const anyFigure = rows.length > 0 || (reply?.answers ?? []).length > 0 || !!across?.result;
  if (e === null) return anyFigure ? { ok: false, wrong: true, why: 'answered a question with no answer' } : { ok: true };
  if (!reply) return { ok: false, wrong: false, why: 'no reply' };
  const kind = item.kind === 'followup' ? (e.figures ? 'compare' : e.series ? 'trend' : e.order ? 'rank' : e.includes ? 'browse' : 'arith') : item.kind;
  if (kind === 'browse') {
    const includes = e.includes!;
    const text = norm(JSON.stringify(across?.items ?? across?.groups ?? []));
    const found = includes.filter((k) => text.includes(norm(k)));
    return found.length >= Math.ceil(includes.length * 0.75)
      ? { ok: true }
      : { ok: false, wrong: false, why: `browse found ${found.length}/${includes.length}: missing ${includes.filter((k) => !found.includes(k)).join('、')}` };
  }
  if (!across && kind === 'arith') {
    const a = reply.answers?.[0];
    if (!a) return { ok: false, wrong: false, why: 'no answer' };
    return (e.result ?? []).some((v) => numIn(a.answer, v)) ? { ok: true } : { ok: false, wrong: true, why: `single answer ${a.answer} want ${(e.result ?? []).join('/')}` };
  }
  if (!across) {
    // A single figure given where several were asked: wrong if it is none of the expected figures.
    const a = reply.answers?.[0];
    if (!a) return { ok: false, wrong: false, why: 'no answer' };
    const vals =
      kind === 'compare'
        ? e.figures!.filter((f) => !f.none).map((f) => f.value)
        : kind === 'trend'
          ? e.series!.map((p) => p.value)
          : kind === 'rank'
            ? (e.values ?? [])
            : [...(e.result ?? [])];
    return { ok: false, wrong: !vals.some((v) => numIn(a.answer, v)), why: `single answer ${a.answer}` };
  }
  if (kind === 'compare') {
    for (const f of e.figures!) {
      const mine = rows.filter((r) => subjectMatch(r.subject, f.subject));
      if (f.none) {
        if (mine.length) return { ok: false, wrong: true, why: `gave ${mine[0]!.answer} for ${f.subject}, which has none` };
        if (!(across.missing ?? []).some((m) => subjectMatch(m, f.subject))) return { ok: false, wrong: false, why: `${f.subject} not said to be missing` };
        continue;
      }
      if (!mine.length) return { ok: false, wrong: false, why: `no row for ${f.subject}` };
      if (!mine.some((r) => numIn(rowText(r), f.value) && cites(docs, r, f.doc))) return { ok: false, wrong: true, why: `${f.subject}: got ${mine.map((r) => r.answer).join('/')} want ${f.value}` };
    }
    if (e.mixed && !across.mixed) return { ok: false, wrong: true, why: `mixed ${String(e.mixed)} not flagged` };
    if (!e.mixed && across.mixed) return { ok: false, wrong: false, why: `flagged ${across.mixed} where none` };
    if (e.diff && !(across.result && allIn(across.result.value, e.diff))) return { ok: false, wrong: !!across.result, why: `diff ${across.result?.value ?? 'none'} want ${e.diff}` };
    return { ok: true };
  }
  if (kind === 'trend') {
    const series = e.series!;
    if (e.single)
      return rows.length === 1 && numIn(rowText(rows[0]!), series[0]!.value)
        ? { ok: true }
        : { ok: false, wrong: rows.length > 1, why: `single: got ${rows.map((r) => r.answer).join(',')}` };
    const got = rows.map(rowText);
    let at = 0;
    for (const p of series) {
      const k = got.findIndex((g, j) => j >= at && numIn(g, p.value));
      if (k < 0) return { ok: false, wrong: false, why: `series missing ${p.period} ${p.value}; got ${rows.map((r) => `${r.period}:${r.answer}`).join(' ')}` };
      if (!cites(docs, rows[k], p.doc)) return { ok: false, wrong: true, why: `point ${p.value} cites ${rows[k]!.source?.file}` };
      at = k + 1;
    }
    const extra = got.filter((g) => !series.some((p) => numIn(g, p.value)));
    if (extra.length) return { ok: false, wrong: true, why: `extra points ${extra.join(',')}` };
    if (e.change && across.result && !allIn(across.result.value, e.change.split(/[；;]/)[0])) return { ok: false, wrong: true, why: `change ${across.result.value} want ${e.change}` };
    return { ok: true };
  }
  if (kind === 'rank') {
    for (const [k, name] of e.order!.entries()) {
      const r = rows[k];
      if (!r) return { ok: false, wrong: false, why: `rank ${k + 1} missing; got ${rows.map((x) => x.subject).join(',')}` };
      if (!subjectMatch(r.subject, name)) return { ok: false, wrong: true, why: `rank ${k + 1}: ${r.subject} want ${name}` };
      const v = e.values?.[k];
      if (v && !numIn(rowText(r), v) && r.value !== undefined) return { ok: false, wrong: true, why: `rank ${k + 1} value ${r.answer} want ${v}` };
    }
    return { ok: true, countOk: !e.count || across.count === e.count };
  }
  // arith
  if (!across.result) return { ok: false, wrong: false, why: 'no result' };
  if (!(e.result ?? []).some((v) => numIn(across.result!.value, v))) return { ok: false, wrong: true, why: `result ${across.result.value} want ${(e.result ?? []).join('/')}` };
  return { ok: true };
}

// ---- No silent mixing ----

/**
 * A unit as the rows compare it: a bound (≤ ≥ 以上 以下) does not make it another unit, and the
 * measure words that count places (12所, 30个, 8家 institutions) are one unit.
 */
const unitOf = (u: string | undefined) => {
  const bare = (u ?? '').normalize('NFKC').replace(/[≤≥<>]|以上|以下/g, '').trim();
  return /^[个所家座处]$/.test(bare) ? '个' : bare;
};
/**
 * A period as the rows compare it: its years and months and whether it is a target, read from the
 * words; 2023年, 2023年底 and 截至2023年底 are one period, and so are two undated figures (∅, 目前).
 */
const periodOf = (r: Row) => {
  const p = (r.period ?? '').normalize('NFKC');
  const years = p.match(/(19|20)\d{2}/g) ?? (r.year !== undefined ? [String(r.year)] : []);
  const months = (p.match(/\d{1,2}(?=月)/g) ?? []).map(Number);
  return `${years.join('-')}|${months.join('-')}|${/目标/.test(p) ? 'target' : ''}`;
};
const distinct = (xs: (string | undefined)[]) => new Set(xs.map((x) => x ?? '')).size > 1;

/**
 * Why the rows of a compare, trend or rank answer are mixed without saying so, or undefined. The rows
 * of a compare or rank that differ in period, status or unit must come with `mixed`; a trend's differ
 * in period by design, but its rows must share status (its targets, whose period says 目标, aside) and
 * unit unless `mixed` says otherwise.
 */
export function silentMix(a: Across): string | undefined {
  if (a.kind !== 'compare' && a.kind !== 'trend' && a.kind !== 'rank') return undefined;
  const rows = a.rows ?? [];
  if (rows.length < 2) return undefined;
  const show = (pick: (r: Row) => string | undefined) => rows.map((r) => `${r.subject}:${pick(r) ?? '∅'}`).join(' ');
  if (a.kind === 'trend') {
    const reached = rows.filter((r) => !/目标/.test(r.period ?? ''));
    if (distinct(reached.map((r) => r.status))) return `trend rows differ in status: ${show((r) => `${r.period}/${r.status}`)}`;
    if (!a.mixed && distinct(rows.map((r) => unitOf(r.unit)))) return `trend rows differ in unit, mixed not set: ${show((r) => r.unit)}`;
    return undefined;
  }
  if (a.mixed) return undefined;
  // (哪个月最多: the periods ranked are the subjects themselves, 12月 of 2024年12月, not a mix.)
  const periodsRanked = a.kind === 'rank' && rows.every((r) => !!r.subject && (r.period ?? '').normalize('NFKC').includes(r.subject.normalize('NFKC')));
  if (!periodsRanked && distinct(rows.map(periodOf))) return `rows differ in period, mixed not set: ${show((r) => r.period)}`;
  if (distinct(rows.map((r) => r.status))) return `rows differ in status, mixed not set: ${show((r) => r.status)}`;
  if (distinct(rows.map((r) => unitOf(r.unit)))) return `rows differ in unit, mixed not set: ${show((r) => r.unit)}`;
  return undefined;
}

// ---- Asking a set ----

/** A set's questions, one JSON object a line. */
export const readItems = (dir: string): Item[] =>
  readFileSync(join(dir, 'qa.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Item);

/** The seeds' ids and the set's own (docs.json, when it has one). */
export const readDocs = (dir: string): Docs => ({
  ...SEED_DOCS,
  ...(existsSync(join(dir, 'docs.json')) ? (JSON.parse(readFileSync(join(dir, 'docs.json'), 'utf8')) as Docs) : {}),
});

export interface Asked {
  item: Item;
  reply: Reply;
  before?: { q: string; reply: Reply };
}

/**
 * Every question of a set asked once, each in a chat of its own; a follow-up's earlier question
 * ("after": an item's id, or the question itself) is asked first in the same chat. Replies are
 * taken as the CLI's JSON line gives them, so the judge reads exactly what a scorer of the CLI reads.
 */
export function askSet(store: FactStore, items: Item[]): Asked[] {
  const asJson = (q: string, opts: { chat: string; followUps: FollowUps }): Reply => {
    const r = ask(store, q, opts);
    return JSON.parse(JSON.stringify({ answers: r.answers, ...(r.across ? { across: r.across } : {}) })) as Reply;
  };
  return items.map((item, i) => {
    const opts = { chat: `c${i}`, followUps: new FollowUps() };
    const first = item.after ? (items.find((x) => x.id === item.after)?.q ?? item.after) : undefined;
    const before = first !== undefined ? { q: first, reply: asJson(first, opts) } : undefined;
    return { item, reply: asJson(item.q, opts), ...(before ? { before } : {}) };
  });
}

export interface Tally {
  right: number;
  wrong: number;
  /** One line per question not answered right, WRONG first-word when a wrong figure was given. */
  misses: string[];
  /** One line per across answer (a follow-up's earlier one included) that mixes without saying so. */
  silent: string[];
  /** How many across answers the mixing check read. */
  checked: number;
}

/** The judgement of every reply of a set, and the mixing check over every across answer. */
export function tally(asked: Asked[], docs: Docs): Tally {
  const t: Tally = { right: 0, wrong: 0, misses: [], silent: [], checked: 0 };
  for (const { item, reply, before } of asked) {
    const j = judge(item, reply, docs);
    if (j.ok) t.right++;
    else {
      if (j.wrong) t.wrong++;
      t.misses.push(`${j.wrong ? 'WRONG' : 'miss '} ${item.id} [${item.kind}] ${item.q}${item.after ? ` (after ${item.after})` : ''}: ${j.why}`);
    }
    for (const [q, r] of [...(before ? [[before.q, before.reply] as const] : []), [item.q, reply] as const]) {
      if (!r.across) continue;
      t.checked++;
      const why = silentMix(r.across);
      if (why) t.silent.push(`${item.id} ${q} [${r.across.kind}]: ${why}`);
    }
  }
  return t;
}
