import type { Fact } from '../extract/facts.js';
import type { ParsedQuestion } from '../match/question.js';
import type { Split } from '../match/intents.js';
import type { FactStore } from '../store/fact-store.js';
import { difference, mixedNote, mixedOf } from './compare.js';
import type { AcrossFrame } from './frame.js';
import { answersTo, factSubject, headIndicator, rowOf, type ParseCore } from './gather.js';
import { periodKey } from './trend.js';
import type { AcrossResult, AcrossRow } from './types.js';

/**
 * 男女糖尿病患病率各多少, 城市和农村谁高: the two groups a question names at once, and the question
 * left without them. Undefined when it names no split (intents.yaml `splits`).
 */
export function splitAsked(text: string, splits: readonly Split[]): { groups: [string, string]; rest: string } | undefined {
  for (const split of splits) {
    const said = split.say.find((w) => text.includes(w));
    if (said) return { groups: split.groups, rest: text.replace(said, '') };
  }
  return undefined;
}

/**
 * The figure of each group (其中男性13.0%、女性11.2%) on the indicator asked: each with its own
 * source, the difference when the two are of one measure, period and unit, and a note for a group
 * the reports give no figure for.
 */
export function compareGroups(store: FactStore, frame: AcrossFrame, core: ParsedQuestion, groups: readonly string[], parseCore: ParseCore): AcrossResult | undefined {
  // Each group's figures of the measure asked, best first; a group's measure is read without its word.
  const measureOf = (group: string, f: Fact) => `${headIndicator(store, f.metric.replace(group, ''), f.unit)}|${factSubject(f)}`;
  const candidates = groups.map((group) => ({ group, facts: answersTo(store, forGroup(core, group, parseCore), GROUP_CANDIDATES).map((s) => s.fact).filter((f) => f.kind === 'figure' && saysGroup(f, group)) }));
  const lead = candidates.find((c) => c.facts.length)?.facts[0];
  if (!lead) return undefined;
  const leadGroup = candidates.find((c) => c.facts[0] === lead)!.group;
  const measure = measureOf(leadGroup, lead);
  const alike = candidates.map((c) => ({ group: c.group, facts: c.facts.filter((f) => measureOf(c.group, f) === measure) }));
  // A period both groups have (the latest such), else each group's best: never one group's newer
  // figure beside the other's older one when a year of both is there.
  const shared = latestShared(alike.map((c) => c.facts));
  const found = alike.flatMap((c) => {
    const fact = shared === undefined ? c.facts[0] : c.facts.find((f) => periodKey(f) === shared);
    return fact ? [{ group: c.group, fact }] : [];
  });
  const missing = groups.filter((g) => !found.some((x) => x.group === g));
  const facts = found.map((x) => x.fact);
  const mixed = mixedOf(store, facts);
  const sorted = frame.order && !mixed && facts.every((f) => f.value !== undefined);
  const shown = found.map((x) => ({ group: x.group, row: rowOf(store, x.fact) }));
  if (sorted) shown.sort((a, b) => (frame.order === 'asc' ? a.row.value! - b.row.value! : b.row.value! - a.row.value!));
  const rows: AcrossRow[] = shown.map((x) => ({ ...x.row, subject: `${x.row.subject}（${x.group}）` }));
  // Named without the group it was found for: 没有女性的这项数据（…居民吸烟率）.
  const indicator = lead.metric.replace(leadGroup, '');
  const notes = [...missing.map((g) => `报告里没有${g}的这项数据（${indicator}）。`), ...(mixed ? [mixedNote(mixed, rows)] : [])];
  // The difference is said between the groups (男性比女性多…): the place is the same.
  const [a, b] = shown;
  const result = a && b && !mixed ? difference({ ...a.row, subject: a.group }, { ...b.row, subject: b.group }, frame.op) : undefined;
  return { kind: 'compare', indicator, rows, missing, mixed, notes, ...(sorted ? { order: frame.order } : {}), ...(result ? { result } : {}) };
}

// How many figures of each group are looked through for a period both share.
const GROUP_CANDIDATES = 6;

/** The latest period every list has a figure of, or undefined when they share none (or one list is empty). */
function latestShared(lists: readonly Fact[][]): string | undefined {
  if (lists.some((l) => !l.length)) return undefined;
  const [first, ...others] = lists.map((l) => new Set(l.map(periodKey).filter((k): k is string => k !== undefined)));
  return [...first!].filter((k) => others.every((o) => o.has(k))).sort().at(-1);
}

/** The question as if it asked of one group: the group's word (with the weight and narrowing its parse gives it) joins the topic. */
function forGroup(core: ParsedQuestion, group: string, parseCore: ParseCore): ParsedQuestion {
  const said = parseCore(`${group}${core.text}`);
  const own = said.tokens.filter((t) => group.includes(t.word) && !core.tokens.some((c) => c.word === t.word));
  return { ...core, text: `${group}${core.text}`, key: `${group}${core.key}`, tokens: [...core.tokens, ...own.map((t) => ({ ...t, narrows: true }))] };
}

/** The figure is the group's own: its measure names the group. */
function saysGroup(f: Fact, group: string): boolean {
  return f.metric.includes(group);
}
