import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriesOfFact } from '../src/across/trend.js';
import { fitCard } from '../src/core/card-fit.js';
import type { Card, DailyCard } from '../src/core/cards.js';
import { StoreHolder } from '../src/core/store-holder.js';
import type { Fact } from '../src/extract/facts.js';
import { runDailyPush } from '../src/push/daily.js';
import { validateCardV2 } from '../src/platforms/feishu/card-schema.js';
import { renderFeishuCard } from '../src/platforms/feishu/render.js';
import { MARKDOWN_MAX_BYTES, renderWeCom } from '../src/platforms/wecom/render.js';
import type { FactStore } from '../src/store/fact-store.js';
import { tempState } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';

// Invented reports of one county: beds and visits in two years' bulletins; the staff count of 2024
// differs between the bulletin and a quick report; one rate is given for one year only; visits of
// 2025's first three and first six months.
let store: FactStore;
beforeAll(async () => {
  store = await storeFrom('test/fixtures/push-series');
});

const factOf = (metric: string, answer: string): Fact => {
  const f = store.facts.find((x) => x.kind === 'figure' && x.metric.includes(metric) && x.answer === answer);
  if (!f) throw new Error(`no fact ${metric} ${answer} in the fixture`);
  return f;
};

describe('the series of the fact of the day', () => {
  it.each([
    ['实际开放床位', '2285张', ['2023年末', '2024年末'], ['2140张', '2285张']],
    ['实际开放床位', '2140张', ['2023年末', '2024年末'], ['2140张', '2285张']],
    ['总诊疗人次', '301.7万人次', ['2023年', '2024年'], ['286.4万人次', '301.7万人次']],
  ])('%s %s is drawn with its other year, each point cited', (metric, answer, periods, answers) => {
    const t = seriesOfFact(store, factOf(metric, answer))!;
    expect(t.kind).toBe('trend');
    expect(t.rows.map((r) => r.answer)).toEqual(answers);
    expect(t.rows.map((r) => r.period)).toEqual(periods);
    expect(new Set(t.rows.map((r) => r.source.file)).size).toBe(2);
    expect(t.result?.value).toMatch(/增加/);
  });

  it.each([
    ['a figure two reports give differently for one year', '卫生技术人员', '3262人'],
    ['a figure of one year only', '孕产妇系统管理率', '96.3%'],
    ['a total of 1—6月 beside one of 1—3月 (runs of months of other lengths)', '总诊疗人次', '152.6万人次'],
  ])('%s has no series', (_why, metric, answer) => {
    expect(seriesOfFact(store, factOf(metric, answer))).toBeUndefined();
  });

  it('is no series for a target or a change', () => {
    const f = factOf('实际开放床位', '2285张');
    expect(seriesOfFact(store, { ...f, status: 'target' })).toBeUndefined();
    expect(seriesOfFact(store, { ...f, status: 'change' })).toBeUndefined();
  });
});

describe('a daily card with a series', () => {
  const card = (): DailyCard => {
    const f = factOf('实际开放床位', '2285张');
    return { kind: 'daily', day: '2026-12-06', fact: { answer: f.answer, metric: f.metric, region: f.region, quote: f.quote, source: { title: '禾木县2024年卫生健康事业发展统计公报', file: f.docId }, confidence: 1 }, trend: seriesOfFact(store, f)! };
  };

  it('draws a valid line chart on Feishu beside the fact, with the points and sources', () => {
    const rendered = renderFeishuCard(card());
    expect(validateCardV2(rendered)).toEqual([]);
    const json = JSON.stringify(rendered);
    expect(json).toContain('"tag":"chart"');
    expect(json).toContain('"type":"line"');
    expect(json).toContain('历年数据');
    expect(json).toContain('2140张');
    expect(json).toContain('禾木县2023年卫生健康事业发展统计公报');
  });

  it('lists the points on WeCom within the markdown limit', () => {
    const w = renderWeCom(card());
    for (const md of [w.markdown, w.groupMarkdown]) {
      expect(md).toContain('历年数据');
      expect(md).toMatch(/2023年末：2140张/);
      expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    }
  });

  it('gives up the series before any of the fact when the card is too big', () => {
    const c = card();
    const bare = JSON.stringify({ ...c, trend: undefined }).length;
    const fitted = fitCard(c, (x: Card) => JSON.stringify(x).length <= bare) as DailyCard;
    expect(fitted.trend).toBeUndefined();
    expect(fitted.fact.quote).toBe(c.fact.quote);
  });

  it('is what the push sends for a fact with a series', async () => {
    const sent: Card[] = [];
    const state = await tempState();
    const outcomes = await runDailyPush(
      {
        state,
        stores: new StoreHolder(store),
        targets: async () => [{ target: 'wecom-hook:series', addedAt: 'now', source: 'file', topic: '床位' }],
        send: async (_s, c) => void sent.push(c),
        report: async () => {},
        log: pino({ level: 'silent' }),
        owner: 'test',
        sleep: async () => {},
      },
      '2026-12-06',
      { by: 'test' },
    );
    expect(outcomes.map((o) => o.status)).toEqual(['sent']);
    const daily = sent[0] as DailyCard;
    // Every bed figure of the fixture has its other year: the one chosen comes with its series.
    expect(daily.trend?.rows).toHaveLength(2);
    expect(daily.trend!.rows.map((r) => r.answer)).toContain(daily.fact.answer);
  });
});
