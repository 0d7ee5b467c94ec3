import type { Fact } from '../extract/facts.js';

/** 枣庄2021年实际开放床位是多少: a question a fact answers, in the words of its report. */
export function questionFor(f: Fact): string | undefined {
  if (f.kind !== 'figure' || f.status === 'change' || f.metric.length < 2 || f.metric.length > 24) return undefined;
  const who = f.subject ?? shortRegion(f.region);
  const when = f.time?.year ? `${f.time.year}年` : '';
  const aim = f.status === 'target' ? '目标' : '';
  const level = f.level ?? '';
  return `${who}${when}${level}${f.metric}${aim}是多少`;
}

function shortRegion(region: string): string {
  return region.length > 2 ? region.replace(/市$/, '') : region;
}
