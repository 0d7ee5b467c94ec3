import { createHash } from 'node:crypto';
import type { Fact } from '../extract/facts.js';
import type { RegionIndex } from '../match/regions.js';
import { matchKey } from '../text/normalize.js';

/** A fact's identity across reloads: the report, the figure and what it measures. */
export function factKey(f: Fact): string {
  return `${f.docId}|${f.answer}|${f.metric}`;
}

const SHOWN_CLASSES = new Set(['count', 'person', 'visit', 'money', 'area', 'percent', 'multiple']);
// Measures that are no story: contact details, document numbers, pages.
const DULL = /(电话|编号|文号|页码|第\d+页|邮编|传真|号码|签发)/;

/** A figure worth a morning message: a real measure, a sentence to quote, nothing administrative. */
export function isInteresting(f: Fact): boolean {
  return (
    f.kind === 'figure' &&
    SHOWN_CLASSES.has(f.unitClass) &&
    (f.value ?? 0) > 0 &&
    [...f.metric].length >= 3 &&
    [...f.metric].length <= 30 &&
    /[\u3400-\u9fff]{2}/.test(f.metric) &&
    f.quote.length >= 12 &&
    f.quote.length <= 400 &&
    !DULL.test(f.metric) &&
    !DULL.test(f.quote)
  );
}

/** Higher for region-wide totals, money and shares, and the report's headline figures. */
export function interest(f: Fact): number {
  let s = 1;
  if (/全市|全区|全县|全省|我市|我区/.test(f.quote)) s += 0.5;
  if (f.unitClass === 'money' || f.unitClass === 'percent') s += 0.3;
  if (f.sentenceNo <= 3) s += 0.3;
  if (f.time?.year) s += 0.2;
  return s;
}

export interface DailyChoice {
  fact: Fact;
  /** Every matching fact had been shown: this choice starts a new round. */
  newRound: boolean;
}

/**
 * The fact of the day for one group: the most interesting one it has not seen, among those that
 * match its filters; when it has seen them all, a new round begins. `salt` (group and day) varies
 * the order between groups with the same filters.
 */
export function chooseDailyFact(
  facts: readonly Fact[],
  opts: { seen: ReadonlySet<string>; salt: string; region?: string; topic?: string; regions?: RegionIndex },
): DailyChoice | undefined {
  const topic = opts.topic ? matchKey(opts.topic) : undefined;
  const pool = facts.filter(
    (f) =>
      isInteresting(f) &&
      (!opts.region || f.region === opts.region || opts.regions?.within(f.region, opts.region)) &&
      (!topic || matchKey(`${f.metric}${f.quote}`).includes(topic)),
  );
  if (pool.length === 0) return undefined;
  const fresh = pool.filter((f) => !opts.seen.has(factKey(f)));
  const candidates = fresh.length ? fresh : pool;
  const tie = (f: Fact) => createHash('sha1').update(opts.salt + factKey(f)).digest().readUInt32BE(0);
  const best = [...candidates].sort((a, b) => interest(b) - interest(a) || tie(a) - tie(b))[0]!;
  return { fact: best, newRound: fresh.length === 0 };
}
