import type { Fact } from '../extract/facts.js';
import { matchQuestion } from './answer.js';
import type { FactIndex } from './fact-index.js';
import type { Intents } from './intents.js';
import { parseQuestion } from './question.js';
import type { RegionIndex } from './regions.js';

/** 乙市2021年实际开放床位是多少: a question a fact answers, in the words of its report. */
export function questionFor(f: Fact): string | undefined {
  // (A table row's measure opens with its institution's name, which the question says once.)
  const metric = f.subject && f.metric.startsWith(f.subject) ? f.metric.slice(f.subject.length) : f.metric;
  if (f.kind !== 'figure' || f.status === 'change' || metric.length < 2 || metric.length > 24) return undefined;
  const who = f.subject ?? shortRegion(f.region);
  const when = f.time?.year ? `${f.time.year}年` : '';
  const aim = f.status === 'target' ? '目标' : '';
  const level = f.level ?? '';
  return `${who}${when}${level}${metric}${aim}是多少`;
}

function shortRegion(region: string): string {
  return region.length > 2 ? region.replace(/市$/, '') : region;
}

// Each index's facts checked once: asking costs a parse and a match.
const checked = new WeakMap<FactIndex, Map<string, string | null>>();
const MAX_CHECKED = 50_000;

/**
 * The question a fact answers when the bot, asked it, answers with that very fact (checked by
 * asking once per index), else undefined: a question to offer that cannot lead elsewhere.
 */
export function answeredQuestionFor(f: Fact, ctx: { intents: Intents; regions: RegionIndex; index: FactIndex }): string | undefined {
  let cache = checked.get(ctx.index);
  if (!cache) checked.set(ctx.index, (cache = new Map()));
  const hit = cache.get(f.id);
  if (hit !== undefined) return hit ?? undefined;
  const text = questionFor(f);
  const ok = text !== undefined && matchQuestion(parseQuestion(text, ctx), ctx.index, ctx.regions).answers[0]?.fact.id === f.id;
  if (cache.size > MAX_CHECKED) cache.clear();
  cache.set(f.id, ok ? text! : null);
  return ok ? text : undefined;
}
