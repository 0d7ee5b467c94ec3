import { beforeAll, describe, expect, it } from 'vitest';
import { ask, FollowUps } from '../src/core/ask.js';
import { answerCard, type AcrossCard } from '../src/core/cards.js';
import { acrossFrameOf } from '../src/across/frame.js';
import type { AcrossResult } from '../src/across/types.js';
import { acrossText } from '../src/cli/render-text.js';
import { validateCardV2 } from '../src/platforms/feishu/card-schema.js';
import { MAX_CARD_BYTES, renderFeishuCard } from '../src/platforms/feishu/render.js';
import { renderWeCom } from '../src/platforms/wecom/render.js';
import { buildFactStore, type FactStore } from '../src/store/fact-store.js';
import { loadIntents, type Intents } from '../src/match/intents.js';

// Two invented city bulletins (test/fixtures/across): one with a from/to pair and a 其中 breakdown.
let store: FactStore;
let intents: Intents;
beforeAll(async () => {
  store = await buildFactStore({ seedsDir: 'test/fixtures/across', intentsDir: 'intents' });
  intents = await loadIntents('intents');
});

describe('the kind of a question across facts', () => {
  const cases: [string, string | undefined, Record<string, unknown>?][] = [
    ['青川每千人口床位这些年怎么变化', 'trend'],
    ['青川每千人口床位历年变化', 'trend'],
    ['哪个县住院分娩率最低', 'rank', { order: 'asc', among: '县' }],
    // The segmenter joins 县 to 千人; 倒数三 counts after another superlative.
    ['哪个县千人床位最少 倒数三', 'rank', { order: 'asc', among: '县', top: 3, core: '千人床位' }],
    ['哪个区域床位最多', 'rank', { order: 'desc', among: '区域' }],
    ['青川医疗卫生机构哪类最多前三', 'rank', { order: 'desc', top: 3 }],
    ['排名前5的病种', 'rank', { top: 5 }],
    ['青川有哪些数据', 'browse'],
    ['青川每千人口床位2018年到2023年增长了多少', 'calc', { op: 'diff' }],
    ['床位比上年增长了百分之几', 'calc', { op: 'pct' }],
    ['公立医院床位占医院床位的比重', 'calc', { op: 'share' }],
    ['前五位占总数的占比', 'calc', { op: 'share' }],
    ['青川和白河床位对比', 'compare'],
    // An amount of change is asked, not a series: worked out, or quoted when the report states it.
    ['出院人数同比变化多少', 'calc', { op: 'diff' }],
    ['孕产妇死亡率从2012年以来降了多少', 'calc', { op: 'diff' }],
    ['青川实际开放床位多少张', undefined],
    ['最高的一项是什么', undefined],
    ['', undefined],
    ['变化'.repeat(5000), 'trend'],
  ];
  it.each(cases)('%s → %s', (q, kind, more) => {
    const f = acrossFrameOf(q, intents.across);
    expect(f?.kind).toBe(kind);
    if (more) expect(f).toMatchObject(more);
    // The words that said the kind are gone from what is matched.
    if (f && kind === 'trend') expect(f.core).not.toMatch(/变化|历年|这些年/);
  });
});

/** No figure of a comparison, series or ranking differs from the others in period or status unsaid. */
function assertNoSilentMix(r: AcrossResult): void {
  for (const row of r.rows) expect(row.source.title).toBeTruthy();
  const years = new Set(r.rows.filter((x) => x.status === 'actual').map((x) => x.year ?? null));
  const statuses = new Set(r.rows.map((x) => x.status));
  if (r.kind === 'compare' || r.kind === 'rank') {
    if (years.size > 1) expect(r.mixed).toBe('period');
    if (statuses.size > 1) expect(r.mixed).not.toBeNull();
  }
  if (r.kind === 'trend' && statuses.has('target')) expect(r.notes.join('')).toContain('目标');
}

describe('answers across facts (invented bulletins)', () => {
  const asked = (q: string, opts = {}) => {
    const r = ask(store, q, opts);
    if (r.across) assertNoSilentMix(r.across);
    return r;
  };

  it('compares two cities, each figure with its own source, and works out the difference', () => {
    const r = asked('青川和白河每千人口床位哪个多').across!;
    expect(r.kind).toBe('compare');
    expect(r.rows.map((x) => [x.subject, x.answer, x.source.file])).toEqual([
      ['青川市', '7.35张', '700_a.txt'],
      ['白河市', '6.90张', '701_b.txt'],
    ]);
    expect(r.mixed).toBeNull();
    expect(r.result?.value).toBe('青川市比白河市多0.45张');
    expect(r.result?.formula).toContain('7.35张 − 6.90张');
  });

  it('says which subject has no figure instead of leaving it out', () => {
    const r = asked('青川和白河的执业（助理）医师分别是多少').across!;
    expect(r.rows.map((x) => x.subject)).toEqual(['青川市']);
    expect(r.missing).toEqual(['白河市']);
    expect(r.notes.join('')).toContain('白河市的报告里没有');
    expect(r.result).toBeUndefined();
  });

  it('gives a series in time order, each point cited, and the change over the span', () => {
    const r = asked('青川每千人口床位这些年怎么变化').across!;
    expect(r.kind).toBe('trend');
    expect(r.rows.map((x) => [x.year, x.answer])).toEqual([
      [2018, '5.60张'],
      [2023, '7.35张'],
    ]);
    expect(r.result?.value).toContain('增加1.75张');
  });

  it('ranks the parts a report lists with their whole, and says how many were compared', () => {
    const r = asked('青川医疗卫生机构哪类最多前三').across!;
    expect(r.kind).toBe('rank');
    expect(r.rows.map((x) => x.subject)).toEqual(['基层医疗卫生机构', '医院', '专业公共卫生机构']);
    expect(r.count).toBe(3);
  });

  it('lists what the bot has for a report, grouped by topic, as questions it answers', () => {
    const r = asked('/报告 青川').across!;
    expect(r.kind).toBe('browse');
    const questions = r.groups!.flatMap((g) => g.items.map((x) => x.question));
    expect(questions.length).toBeGreaterThan(3);
    for (const q of questions) expect(ask(store, q).answers[0]?.source.file).toBe('700_a.txt');
  });

  it('works out a change between two years the question names, from cited figures only', () => {
    const r = asked('青川每千人口床位2018年到2023年增长了多少').across!;
    expect(r.kind).toBe('calc');
    expect(r.result?.formula).toBe('7.35张 − 5.60张 = 1.75张');
    expect(r.rows).toHaveLength(2);
  });

  it('carries a comparison on to a follow-up', () => {
    const followUps = new FollowUps();
    asked('青川每千人口床位这些年怎么变化', { chat: 'c', followUps });
    const r = asked('那白河呢', { chat: 'c', followUps }).across!;
    expect(r.kind).toBe('trend');
    expect(r.rows.map((x) => x.answer)).toEqual(['6.90张']);
    expect(r.notes.join('')).toContain('只有一个时点');
  });

  it('shows a change in the scale its figures are written in (万元), on the seeds', async () => {
    const seeds = await buildFactStore({ seedsDir: 'seeds', intentsDir: 'intents' });
    const r = ask(seeds, '枣庄罚没款这些年怎么变化').across!;
    expect(r.rows.map((x) => x.answer)).toEqual(['44.75万元', '360.31万元']);
    expect(r.result?.formula).toBe('360.31万元 − 44.75万元 = 315.56万元');
  });

  it('leaves single-figure questions and unknown places alone', () => {
    expect(asked('青川每千人口床位数是多少').across).toBeUndefined();
    expect(asked('青川和黑山床位哪个多').across).toBeUndefined();
    expect(asked('黑山有哪些数据').across).toBeUndefined();
  });
});

describe('cards across facts', () => {
  const card = (q: string) => answerCard(ask(store, q)) as AcrossCard;

  it('draws a line for a series and bars for a comparison, as valid Feishu JSON 2.0 within the size limit', () => {
    const trend = card('青川每千人口床位这些年怎么变化');
    expect(trend.chart?.type).toBe('line');
    const cmp = card('青川和白河每千人口床位哪个多');
    expect(cmp.chart?.type).toBe('bar');
    for (const c of [trend, cmp, card('/报告 青川'), card('青川医疗卫生机构哪类最多前三')]) {
      const json = renderFeishuCard(c);
      expect(validateCardV2(json)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    }
    const chart = (renderFeishuCard(trend).body as { elements: { tag: string; chart_spec?: { data: { values: unknown[] } } }[] }).elements.find((e) => e.tag === 'chart');
    expect(chart?.chart_spec?.data.values).toHaveLength(2);
  });

  it('the chart check catches a spec VChart cannot draw', () => {
    const bad = { schema: '2.0', body: { elements: [{ tag: 'chart', chart_spec: { type: 'line', data: { values: [{ x: 1 }] }, xField: 'x' } }, { tag: 'chart', chart_spec: { type: 'pyramid' }, height: '2000px' }] } };
    const problems = validateCardV2(bad);
    expect(problems.some((p) => p.includes('yField'))).toBe(true);
    expect(problems.some((p) => p.includes('unknown chart type'))).toBe(true);
    expect(problems.some((p) => p.includes('height'))).toBe(true);
  });

  it('WeCom and the terminal list every figure with its source', () => {
    const c = card('青川和白河每千人口床位哪个多');
    const { markdown } = renderWeCom(c);
    const text = acrossText(c.result);
    for (const out of [markdown, text]) {
      expect(out).toContain('7.35张');
      expect(out).toContain('6.90张');
      expect(out).toContain('白河市2023年卫生健康统计公报');
    }
  });
});
