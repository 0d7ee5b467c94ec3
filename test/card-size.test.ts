import { describe, expect, it } from 'vitest';
import { around, fitCard } from '../src/core/card-fit.js';
import type { Card, FactView } from '../src/core/cards.js';
import { validateCardV2 } from '../src/platforms/feishu/card-schema.js';
import { MAX_CARD_BYTES, MAX_HOOK_CARD_BYTES, renderFeishuCard } from '../src/platforms/feishu/render.js';
import { MARKDOWN_MAX_BYTES, renderWeCom, TEXT_MAX_BYTES } from '../src/platforms/wecom/render.js';

// Issue 13, item 3: every card is bounded by its channel's limit, rows and quotes trimmed, never a
// figure cut. Cards of every kind are made huge on purpose.

const long = (n: number) => '全市医疗卫生机构持续发展，服务能力稳步提升，'.repeat(Math.ceil(n / 22)).slice(0, n);
function view(i: number, quoteChars = 400): FactView {
  const answer = `${25970 + i}张`;
  const before = long(quoteChars / 2);
  const quote = `${before}实际开放床位${answer}，${long(quoteChars / 2)}`;
  const at = before.length + '实际开放床位'.length;
  return { answer, metric: '实际开放床位', region: `第${i}市`, time: '2023年', quote, highlight: [at, at + answer.length], source: { title: `第${i}市卫生健康统计公报`, file: `r${i}.txt`, date: '2024-05' }, confidence: 1 };
}

const HUGE: [string, Card][] = [
  ['an answer with a 40,000-character quote', { kind: 'answer', question: '床位多少', main: view(0, 40_000), related: [view(1, 9_000), view(2, 9_000)] }],
  ['the daily fact with a 40,000-character quote', { kind: 'daily', day: '2026-12-06', fact: view(3, 40_000) }],
  ['200 regions with long quotes', { kind: 'regions', question: '床位多少', rows: Array.from({ length: 200 }, (_, i) => view(i, 600)) }],
  ['2,000 reports in /sources', { kind: 'sources', docs: Array.from({ length: 2_000 }, (_, i) => ({ title: `第${i}份卫生健康统计公报`, region: `第${i}市`, date: '2024-05', facts: 200 + i, file: `r${i}.txt` })) }],
  ['a notice of 30,000 characters with figures', { kind: 'notice', title: '重新加载完成', text: Array.from({ length: 2_000 }, (_, i) => `报告${i}：${123456 + i}条数据；`).join(''), tone: 'info' }],
  ['not found with 3,000 suggestions', { kind: 'not_found', question: '床位', note: long(3_000), suggestions: Array.from({ length: 3_000 }, (_, i) => `第${i}市实际开放床位多少张`) }],
];

describe('cards fit the channel', () => {
  it.each(HUGE)('%s fits an app message and a custom bot', (_what, card) => {
    for (const limit of [MAX_CARD_BYTES, MAX_HOOK_CARD_BYTES]) {
      const rendered = renderFeishuCard(card, limit);
      const text = JSON.stringify(rendered);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(limit);
      expect(validateCardV2(rendered)).toEqual([]);
      // The figure a fact card is about stands whole in it.
      if (card.kind === 'answer') expect(text).toContain(card.main.answer);
      if (card.kind === 'daily') expect(text).toContain(card.fact.answer);
      if (card.kind === 'regions') expect(text).toContain(card.rows[0]!.answer);
    }
  });

  it.each(HUGE)('%s fits WeCom\'s markdown and text, the figure whole and nothing cut short after it', (_what, card) => {
    const w = renderWeCom(card, { linkFor: (f) => `https://bot.example.org/reports/${f}` });
    for (const [form, limit] of [[w.markdown, MARKDOWN_MAX_BYTES], [w.groupMarkdown, MARKDOWN_MAX_BYTES], [w.text, TEXT_MAX_BYTES]] as const) {
      expect(Buffer.byteLength(form)).toBeLessThanOrEqual(limit);
      // Fitted, not cut by bytes at the end.
      expect(form).not.toContain('已截断');
      if (card.kind === 'answer') expect(form).toContain(card.main.answer);
      if (card.kind === 'daily') expect(form).toContain(card.fact.answer);
      if (card.kind === 'regions') expect(form).toContain(card.rows[0]!.answer);
    }
    if (card.kind === 'answer') expect(JSON.stringify(w.templateCard)).toContain(card.main.answer);
  });

  it('says how many regions and reports were left out', () => {
    const regions = JSON.stringify(renderFeishuCard(HUGE[2]![1]));
    expect(regions).toMatch(/还有 \d+ 个地区的数据没有列出/);
    expect(regions).toContain('200个地区的数据');
    expect(JSON.stringify(renderFeishuCard(HUGE[3]![1]))).toMatch(/还有 \d+ 份报告没有列出/);
  });

  it('leaves a card that fits as it is', () => {
    const card: Card = { kind: 'answer', question: '床位多少', main: view(0, 60), related: [view(1, 60)] };
    expect(fitCard(card, () => true)).toBe(card);
    expect(JSON.stringify(renderFeishuCard(card))).toContain(card.related[0]!.answer);
  });

  it('cuts a notice between figures, never inside one', () => {
    const card = HUGE[4]![1] as Extract<Card, { kind: 'notice' }>;
    const cut = fitCard(card, (c) => JSON.stringify(c).length < 5_000) as typeof card;
    expect(cut.text.endsWith('…')).toBe(true);
    const lastFigure = /(\d+)…$/.exec(cut.text);
    if (lastFigure) expect(card.text).toContain(`${lastFigure[1]}条`);
  });
});

describe('around: a quote cut to a window around its figure', () => {
  it.each([
    ['a short quote stays whole', 10, 100],
    ['a long one is cut on both sides', 2_000, 24],
    ['a figure at the start', 0, 24],
  ])('%s', (_what, before, width) => {
    const v = view(7, before * 2);
    const cut = around(v, width);
    const [a, b] = cut.highlight!;
    expect(cut.quote.slice(a, b)).toBe(v.answer);
    expect(cut.quote.length).toBeLessThanOrEqual(v.answer.length + 2 * width + 2);
  });
});
