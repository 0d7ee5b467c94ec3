import type { AnswerJson, AskResult } from './ask.js';
import type { AcrossResult } from '../across/types.js';
import { bareUnit } from '../across/compare.js';
import type { FactStore } from '../store/fact-store.js';

/**
 * The platform-neutral card the core answers with. Each platform renders it its own way (a Feishu
 * card, a WeCom template card or markdown, plain text); the core never sees platform JSON.
 */
export type Card = AnswerCard | RegionsCard | AcrossCard | NotFoundCard | HelpCard | SourcesCard | NoticeCard | DailyCard;

/** A comparison, series, ranking, browse or worked figure: every figure with its own source. */
export interface AcrossCard {
  kind: 'across';
  question: string;
  result: AcrossResult;
  /** A picture of the figures when one says more: a line for a series, bars for the rest. */
  chart?: ChartData;
}

export interface ChartData {
  type: 'line' | 'bar';
  title: string;
  unit: string;
  points: { label: string; value: number; target: boolean }[];
}

/** The morning's fact of the day. */
export interface DailyCard {
  kind: 'daily';
  day: string;
  fact: FactView;
  /** The series the fact is a point of, when the reports give its other periods: drawn as a trend. */
  trend?: AcrossResult;
}

export interface FactView {
  answer: string;
  metric: string;
  region: string;
  time?: string;
  quote: string;
  /** Where the answer stands in quote, to emphasize it. */
  highlight?: [number, number];
  source: { title: string; file: string; date?: string; publisher?: string; page?: number };
  confidence: number;
}

export interface AnswerCard {
  kind: 'answer';
  question: string;
  main: FactView;
  /** Up to three related facts. */
  related: FactView[];
}

/** The same figure for several regions: one row each. */
export interface RegionsCard {
  kind: 'regions';
  question: string;
  rows: FactView[];
  /** Rows left out to fit the channel's size limit. */
  omitted?: number;
}

export interface NotFoundCard {
  kind: 'not_found';
  question: string;
  note: string;
  suggestions: string[];
}

export interface HelpCard {
  kind: 'help';
  examples: string[];
  commands: { command: string; description: string }[];
}

export interface SourcesCard {
  kind: 'sources';
  docs: { title: string; region: string; date?: string; facts: number; file: string }[];
  /** Reports left out to fit the channel's size limit. */
  omitted?: number;
}

/** A short message: what the bot understands, a refusal, an unknown command. */
export interface NoticeCard {
  kind: 'notice';
  title: string;
  text: string;
  tone: 'info' | 'warning' | 'error';
}

export function factView(a: AnswerJson): FactView {
  const [at, end] = a.span;
  const exact = a.quote.slice(at, end) === a.answer;
  return {
    answer: a.answer,
    metric: a.metric,
    region: a.region,
    ...(a.time ? { time: a.time } : {}),
    quote: a.quote,
    ...(exact ? { highlight: [at, end] as [number, number] } : {}),
    source: {
      title: a.source.title,
      file: a.source.file,
      ...(a.source.date ? { date: a.source.date } : {}),
      ...(a.source.publisher ? { publisher: a.source.publisher } : {}),
      ...(a.source.page ? { page: a.source.page } : {}),
    },
    confidence: a.confidence,
  };
}

/** The card for a question's answer: one fact, one row per region, several facts, or "not found". */
export function answerCard(r: AskResult): AnswerCard | RegionsCard | AcrossCard | NotFoundCard {
  if (r.across) {
    const chart = chartOf(r.across);
    return { kind: 'across', question: r.question, result: r.across, ...(chart ? { chart } : {}) };
  }
  if (r.answers.length === 0) {
    return { kind: 'not_found', question: r.question, note: r.note ?? '报告里没有找到这个数据。', suggestions: r.suggestions };
  }
  const views = r.answers.map(factView);
  const regions = new Set(views.map((v) => v.region));
  if (regions.size > 1) return { kind: 'regions', question: r.question, rows: views };
  return { kind: 'answer', question: r.question, main: views[0]!, related: views.slice(1, 4) };
}

export function helpCard(store: FactStore): HelpCard {
  const regions = [...new Set([...store.docs.values()].map((d) => d.meta.region))];
  const examples = store.facts
    .filter((f) => f.kind === 'figure' && f.sentenceNo <= 3 && f.metric.length >= 3 && f.metric.length <= 10)
    .slice(0, 3)
    .map((f) => `${f.region.replace(/市$/, '')}${f.metric}是多少`);
  const commands = [...store.intents.defs.values()]
    .filter((d) => d.commands.length > 0 && !d.admin)
    .map((d) => ({ command: d.commands[0]!, description: d.description }));
  return { kind: 'help', examples: examples.length ? examples : [`${regions[0] ?? ''}医疗卫生机构有多少个`], commands };
}

export function sourcesCard(store: FactStore): SourcesCard {
  return {
    kind: 'sources',
    docs: [...store.docs.values()].map((d) => ({
      title: d.meta.title,
      region: d.meta.parentRegion && !d.meta.region.startsWith(d.meta.parentRegion) && /区|县/.test(d.meta.region) ? `${d.meta.parentRegion}${d.meta.region}` : d.meta.region,
      ...(d.meta.date ? { date: d.meta.date } : {}),
      facts: d.facts,
      file: d.id,
    })),
  };
}

/** A fact as a card shows it, from the store's own record. */
export function factViewOf(f: import('../extract/facts.js').Fact, doc: { title: string; date?: string; publisher?: string } | undefined): FactView {
  return {
    answer: f.answer,
    metric: f.metric,
    region: f.region,
    ...(f.time ? { time: f.time.label } : {}),
    quote: f.quote,
    highlight: f.span,
    source: { title: doc?.title ?? f.docId, file: f.docId, ...(doc?.date ? { date: doc.date } : {}), ...(doc?.publisher ? { publisher: doc.publisher } : {}) },
    confidence: 1,
  };
}

export const notice = (title: string, text: string, tone: NoticeCard['tone'] = 'info'): NoticeCard => ({ kind: 'notice', title, text, tone });

const ACROSS_TITLES = { compare: '对比', trend: '变化', rank: '排名', browse: '有哪些数据', calc: '计算' } as const;
export const acrossTitle = (r: AcrossResult): string => `${r.indicator}：${ACROSS_TITLES[r.kind]}`;

/** A chart when two or more figures of one unit can be drawn: a line over time, bars otherwise. */
export function chartOf(r: AcrossResult): ChartData | undefined {
  if (r.kind === 'browse' || r.kind === 'calc' || r.mixed === 'unit' || r.mixed === 'qualifier') return undefined;
  const rows = r.rows.filter((x) => x.value !== undefined);
  const units = new Set(rows.map((x) => bareUnit(x.unit)));
  if (rows.length < 2 || units.size !== 1) return undefined;
  const line = r.kind === 'trend';
  return {
    type: line ? 'line' : 'bar',
    title: acrossTitle(r),
    unit: [...units][0]!,
    points: rows.map((x) => ({ label: line ? (x.period ?? '') : x.subject, value: x.value!, target: x.status === 'target' })),
  };
}
