import type { AcrossResult, AcrossRow } from '../across/types.js';

/**
 * What a card about several facts says, as plain parts each platform dresses its own way: a
 * heading line per row with its source, the worked figure, the notes, and browse's questions.
 */
export interface AcrossLines {
  rows: { head: string; answer: string; quote: string; source: string }[];
  result?: string;
  notes: string[];
  groups: { topic: string; questions: string[] }[];
}

const STATUS_WORD: Partial<Record<AcrossRow['status'], string>> = { target: '目标值', change: '变化量' };

/** （2023年，目标值）: the period a row's head does not already say, and a status other than reached. */
function aside(period: string | undefined, x: AcrossRow): string {
  const status = (x.period ?? '').includes('目标') ? undefined : STATUS_WORD[x.status];
  const parts = [period, status].filter((p): p is string => !!p);
  return parts.length ? `（${parts.join('，')}）` : '';
}

export function acrossLines(r: AcrossResult): AcrossLines {
  return {
    rows: r.rows.map((x, i) => ({
      head: `${r.kind === 'rank' ? `${i + 1}. ` : ''}${r.kind === 'trend' ? (x.period ?? '时间未注明') : x.subject}`,
      answer: `${x.answer}${aside(r.kind === 'trend' ? undefined : x.period, x)}`,
      quote: x.quote,
      source: `《${x.source.title}》${x.source.date ? ` ${x.source.date}` : ''}${x.source.page ? ` 第${x.source.page}页` : ''}`,
    })),
    ...(r.result ? { result: `${r.result.value}（${r.result.formula}）` } : {}),
    notes: r.notes,
    groups: (r.groups ?? []).map((g) => ({ topic: g.topic, questions: g.items.map((x) => x.question) })),
  };
}
