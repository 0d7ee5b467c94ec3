import type { FactStatus } from '../extract/status.js';
import type { FactSource } from '../store/source-of.js';

/** Questions about several facts at once. */
export type AcrossKind = 'compare' | 'trend' | 'rank' | 'browse' | 'calc';
/** diff 多多少, pct 百分之几, share 占比, grow 增长了几倍 (ratio − 1), times 是几倍 (ratio). */
export type CalcOp = 'diff' | 'pct' | 'share' | 'grow' | 'times';

/** One figure of a comparison, series or ranking, with its own source. */
export interface AcrossRow {
  /** Whom the figure is for: a region, 全国, a district, a hospital, a disease. */
  subject: string;
  /** What it measures, in its report's words. */
  metric: string;
  /** 2023年, 2020年, 2025年 (目标): as its report dates it; absent when the report does not. */
  period?: string;
  year?: number;
  status: FactStatus;
  answer: string;
  value?: number;
  unit: string;
  quote: string;
  span: [number, number];
  source: FactSource;
}

/** What the figures of a comparison or series differ in besides the subject or the period. */
export type Mixed = 'period' | 'status' | 'qualifier' | 'unit';

export interface AcrossResult {
  kind: AcrossKind;
  /** The indicator, as the first row's report words it. */
  indicator: string;
  rows: AcrossRow[];
  /** Subjects asked about that the reports have no figure for. */
  missing: string[];
  /** Set when the rows are not all of one period, status, qualifier or unit: the card says so. */
  mixed: Mixed | null;
  /** Plain sentences the card shows under the figures: what differs, what is missing. */
  notes: string[];
  /** A difference, change, ratio or share worked out from two rows, with the formula. */
  result?: { value: string; formula: string };
  /** Rank: how many subjects carry the indicator, and which way they are ordered. */
  count?: number;
  order?: 'desc' | 'asc';
  /** Browse: the indicators the bot has, grouped by topic, each as a question to ask. */
  groups?: { topic: string; items: { indicator: string; question: string }[] }[];
}
