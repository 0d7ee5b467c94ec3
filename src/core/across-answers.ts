import type { AcrossAnswer } from '../across/answer-across.js';
import { onPreviousPeriod, STATED } from '../across/calc.js';
import type { AcrossFrame } from '../across/frame.js';
import { headIndicator } from '../across/gather.js';
import type { AcrossRow } from '../across/types.js';
import type { MatchResult } from '../match/answer.js';
import type { FactStore } from '../store/fact-store.js';
import type { AnswerJson } from './ask.js';

/** A question across facts as answers, for clients that read only answers: a worked figure first (占比 10.8%), then the figures it is worked from. */
export function acrossAnswers(across: AcrossAnswer): AnswerJson[] {
  const r = across.result;
  if (r.kind === 'rank') return r.rows.map(rankedJson);
  const asksWorked = r.kind === 'calc' || across.frame.kind === 'calc' || !!across.frame.toTarget;
  const worked = asksWorked && r.result && r.rows[0] ? [{ ...rowJson(r.rows[0]), answer: r.result.value, metric: r.indicator }] : [];
  return [...worked, ...r.rows.filter((x) => !worked.length || x.answer !== r.result?.value).map(rowJson)];
}

/**
 * A question across facts with nothing found to answer it across facts (哪个科某率最低, 甲项和乙项
 * 哪个高, 比上年多了多少): one figure is not its answer, unless the report states the very
 * thing asked (a ranking's place, a change, a share, a multiple). The match keeps its suggestions.
 */
// 占总诊疗量的比例, 构成比: a share the report states; a rate (预约诊疗率) is none.
const STATED_SHARE = /占|比例|比重|构成|份额|占比/;

export function unranked(frame: AcrossFrame | undefined, match: MatchResult): MatchResult {
  const top = match.answers[0]?.fact;
  if (!frame || !top || frame.kind === 'browse') return match;
  // (离15家还差几家 with no such target: a level is no gap to it.)
  if (frame.targetValue !== undefined) return { answers: [], suggestions: match.answers.slice(0, 3), reason: 'low-confidence' };
  // 比上年增长了多少 with nothing to work it from: only a change (or share, or multiple) the report states answers it;
  // a series with no points found: only a level reached, as one point.
  const answers =
    frame.kind === 'calc'
      ? // (多了百分之几 of a count: a change of a rate in 个百分点 is of another measure.)
        (top.status === 'change' && !(frame.amount && top.unit === '%') && !(frame.op === 'pct' && /百分点/.test(top.unit))) || (frame.op === 'share' && top.unitClass === 'percent' && STATED_SHARE.test(top.metric)) || ((frame.op === 'times' || frame.op === 'grow') && /倍/.test(top.answer))
      : frame.kind === 'trend'
        ? // (每个月多少: a 1—6月 total is no month's figure.)
          top.status === 'actual' && top.kind === 'figure' && !(frame.monthly && /\d\s*[—\-~至到]\s*\d{1,2}月|季度|半年/.test(top.time?.label ?? ''))
        : // (前三: one ranked name is no answer to a question of several.)
          frame.kind === 'rank' && top.rank !== undefined && (frame.top ?? 1) <= 1;
  return answers ? match : { answers: [], suggestions: match.answers.slice(0, 3), reason: 'low-confidence' };
}

/**
 * 甲比乙高多少 when one of them has no figure: the difference asked cannot be worked out, and the
 * other's figure alone is not its answer. Says which is missing; the rows found become questions
 * to ask. Undefined when the arithmetic was done or was not asked.
 */
export function missingOperand(across: AcrossAnswer): { note: string; rows: AcrossRow[] } | undefined {
  const r = across.result;
  if (across.frame.kind !== 'calc' || r.kind !== 'compare' || r.result || !r.missing.length) return undefined;
  return { note: `${r.notes.join('')}缺一个数，算不出来。`, rows: r.rows };
}

/** A row of a comparison, series or ranking as a single answer, for clients that read only answers. */
function rowJson(r: AcrossRow): AnswerJson {
  return { answer: r.answer, metric: r.metric, region: r.subject, time: r.period ?? null, quote: r.quote, span: r.span, confidence: 1, kind: 'figure', status: r.status, source: r.source };
}

/** 哪个街道最多: a ranking answers with whom first, then the figure. */
function rankedJson(r: AcrossRow): AnswerJson {
  return { ...rowJson(r), answer: r.answer === r.subject ? r.answer : `${r.subject}（${r.answer}）` };
}

/** 比去年增长了多少, 占比多少: a report that states the change or share outright is quoted, not recomputed. */
export function statedOutright(store: FactStore, across: AcrossAnswer, single: () => MatchResult): boolean {
  const r = across.result;
  // 比全国高了多少岁 with no national figure to hand: the report's own 高于全国0.40岁 may say it.
  const unworked = r.kind === 'compare' && across.frame.kind === 'calc' && !r.result;
  // Only a compare with nothing worked out, a ranking of one row and a calc can be stated outright;
  // the rest return before the single match (it costs as much again as the question across facts).
  if (r.kind === 'trend' || r.kind === 'browse' || (r.kind === 'compare' && r.result) || (r.kind === 'rank' && r.rows.length > 1)) return false;
  const top = single().answers[0]?.fact;
  if (!top) return false;
  // 比全国低吗 with no national figure: the report's own 比全国低2.50/10万 answers it.
  if (r.kind === 'compare' && !r.result && top.status === 'change' && !!top.change?.bases.some((b) => r.missing.includes(b))) return true;
  // (A change on another base, 与2022年相比增加0.47张, says nothing of the place compared with.)
  if (unworked) return false;
  if (r.kind !== 'rank' && r.kind !== 'calc') return false;
  // 哪个街道最多: the report's own ranking (第1位…) answers it as the report words it.
  // 前三: a list is asked, and the ranking's rows give it.
  if (r.kind === 'rank') return r.rows.length <= 1 && top.rank !== undefined;
  // A change or share calc found stated (of the indicator asked) is already the report's words.
  if (r.result?.formula === STATED) return false;
  // A share the report states (…占基金总支出的比例12.5%) is its own words on it, when it is the
  // share worked out (12.46%) give or take rounding; 甲、乙两项的占比 is not 乙项's share.
  // (老年人是常住人口的百分之多少: a ratio asked in % is the report's stated share, when it states one.)
  if (r.indicator.includes('占') || across.frame.inPercent) {
    // (…占户籍人口的19.0% is no share of 常住人口: the stated share's base is the one asked.)
    const base = across.frame.inPercent ? across.frame.base?.replace(/的$/, '') : undefined;
    if (base && !top.metric.includes(base)) return false;
    const worked = r.result ? Number.parseFloat(r.result.value) : NaN;
    return top.unitClass === 'percent' && top.metric.includes('占') && top.value !== undefined && Math.abs(top.value - worked) < 1;
  }
  // N年涨了百分之几: a change worked over years apart is not the report's change on the year before.
  const [from, to] = [r.rows[0]?.year, r.rows.at(-1)?.year];
  // (增长5.2% with no base said is on the year before, as a year's report says it.)
  if (r.kind === 'calc' && r.rows.length >= 2 && from !== undefined && to !== undefined && Math.abs(to - from) > 1 && (onPreviousPeriod(top) || !top.change?.bases.length)) return false;
  // 6月比2月: a change the report states on the month before (较上月) is on another base.
  const baseMonth = /[比较](\d{1,2})月/.exec(across.frame.core)?.[1];
  if (r.kind === 'calc' && baseMonth && !top.change?.bases.includes(`month:${Number(baseMonth)}`)) return false;
  // A stated change of another period (last month's 环比) is not the change worked out.
  const latest = r.rows.at(-1)?.period;
  if (r.kind === 'calc' && latest && top.time?.label && top.time.label !== latest) return false;
  // 多了多少 asks an amount, 百分之几 a percentage: a stated change in the other form does not answer it.
  if (r.kind === 'calc' && r.rows[0]?.unit !== '%') {
    if (across.frame.amount && top.unit === '%') return false;
    if (across.frame.op === 'pct' && (top.unitClass !== 'percent' || /百分点/.test(top.unit))) return false;
  }
  // A change of another indicator (病床使用率 for 床位) does not answer it.
  const asked = r.rows[0] && headIndicator(store, r.rows[0].metric, r.rows[0].unit);
  const said = headIndicator(store, top.metric, top.unit);
  if (asked && !said.includes(asked) && !asked.includes(said)) return false;
  return top.status === 'change' || /倍/.test(top.answer);
}

