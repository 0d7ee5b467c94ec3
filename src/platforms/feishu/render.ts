import { fitCard } from '../../core/card-fit.js';
import { acrossTitle, chartOf, type Card, type ChartData, type FactView } from '../../core/cards.js';
import type { AcrossResult } from '../../across/types.js';
import { acrossLines } from '../../core/across-lines.js';

/** Feishu card JSON 2.0, as `msg_type: "interactive"` content. */
export type FeishuCard = Record<string, unknown>;

// Markdown in cards reads * _ ~ ` [ ] < > as syntax; report text shows them as they are.
const escapeMd = (s: string) => s.replace(/[*_~`[\]<>]/g, (c) => `&#${c.charCodeAt(0)};`);
const plain = (content: string) => ({ tag: 'plain_text', content });
const md = (content: string, extra: Record<string, unknown> = {}) => ({ tag: 'markdown', content, ...extra });
const tag = (content: string, color: string) => ({ tag: 'text_tag', text: plain(content), color });

const TEMPLATES = { info: 'blue', warning: 'orange', error: 'red' } as const;

/**
 * Feishu refuses a message body over about 30 KB: a card sent by the app stays under 28,000 bytes,
 * leaving room for the envelope. A custom bot (group webhook) takes at most 20 KB for the whole
 * request, timestamp and signature included.
 */
export const MAX_CARD_BYTES = 28_000;
export const MAX_HOOK_CARD_BYTES = 19_000;

function quote(v: FactView): string {
  if (!v.highlight) return `“${escapeMd(v.quote)}”`;
  const [a, b] = v.highlight;
  return `“${escapeMd(v.quote.slice(0, a))}**${escapeMd(v.quote.slice(a, b))}**${escapeMd(v.quote.slice(b))}”`;
}

function cite(v: FactView): string {
  const parts = [`《${escapeMd(v.source.title)}》`];
  if (v.source.publisher) parts.push(escapeMd(v.source.publisher));
  if (v.source.date) parts.push(v.source.date);
  if (v.source.page) parts.push(`第${v.source.page}页`);
  return `来源：${parts.join(' · ')}`;
}

function card(header: Record<string, unknown>, elements: unknown[], summary: string): FeishuCard {
  return { schema: '2.0', config: { summary: { content: summary.slice(0, 100) } }, header, body: { elements } };
}

/** The card as Feishu JSON, made to fit `maxBytes` by trimming rows and quotes, never a figure. */
export function renderFeishuCard(c: Card, maxBytes = MAX_CARD_BYTES): FeishuCard {
  const whole = renderUnbounded(c);
  if (Buffer.byteLength(JSON.stringify(whole)) <= maxBytes) return whole;
  return renderUnbounded(fitCard(c, (x) => Buffer.byteLength(JSON.stringify(renderUnbounded(x))) <= maxBytes));
}

function renderUnbounded(c: Card): FeishuCard {
  switch (c.kind) {
    case 'answer': {
      const v = c.main;
      const tags = [tag(v.region, 'blue'), ...(v.time ? [tag(v.time, 'neutral')] : [])];
      const elements: unknown[] = [md(quote(v)), md(cite(v), { text_size: 'notation' })];
      if (c.related.length) {
        elements.push({ tag: 'hr' });
        elements.push(md(`**相关数据**\n${c.related.map((r) => `- **${escapeMd(r.answer)}** ${escapeMd(r.metric)}（${escapeMd(r.region)}${r.time ? '，' + escapeMd(r.time) : ''}）`).join('\n')}`));
      }
      return card({ title: plain(v.answer), subtitle: plain(v.metric), template: 'blue', text_tag_list: tags }, elements, `${v.answer} ${v.metric}`);
    }
    case 'regions': {
      const metric = c.rows[0]?.metric ?? '';
      const elements: unknown[] = [];
      c.rows.forEach((v, i) => {
        if (i > 0) elements.push({ tag: 'hr' });
        elements.push(md(`**${escapeMd(v.region)}：${escapeMd(v.answer)}** ${escapeMd(v.metric)}${v.time ? `（${escapeMd(v.time)}）` : ''}\n${quote(v)}`));
        elements.push(md(cite(v), { text_size: 'notation' }));
      });
      if (c.omitted) elements.push(md(`还有 ${c.omitted} 个地区的数据没有列出（卡片放不下），请分别问。`, { text_size: 'notation' }));
      return card({ title: plain(`${c.rows.length + (c.omitted ?? 0)}个地区的数据`), subtitle: plain(metric), template: 'blue' }, elements, `${c.rows.map((r) => `${r.region} ${r.answer}`).join('；')}`);
    }
    case 'not_found': {
      const elements: unknown[] = [md(escapeMd(c.note))];
      if (c.suggestions.length) elements.push(md(`**可以这样问**\n${c.suggestions.map((s) => `- ${escapeMd(s)}`).join('\n')}`));
      elements.push(md('发送 /sources 查看我能引用的报告。', { text_size: 'notation' }));
      return card({ title: plain('没有找到确切的数据'), subtitle: plain(c.question.slice(0, 60)), template: 'grey' }, elements, '没有找到确切的数据');
    }
    case 'help': {
      const elements = [
        md('我回答卫生健康报告里的数据问题，每个数字都注明出处和原文。'),
        md(`**试试这样问**\n${c.examples.map((e) => `- ${escapeMd(e)}`).join('\n')}\n- 接着问“那淄博呢？”“2012年呢？”`),
        md(`**指令**\n${c.commands.map((x) => `- ${escapeMd(x.command)}：${escapeMd(x.description)}`).join('\n')}`, { text_size: 'notation' }),
      ];
      return card({ title: plain('我能回答什么'), template: 'turquoise' }, elements, '我能回答什么');
    }
    case 'sources': {
      const lines = c.docs.map((d) => `- 《${escapeMd(d.title)}》 ${escapeMd(d.region)}${d.date ? ' · ' + d.date : ''} · ${d.facts}条`);
      if (c.omitted) lines.push(`还有 ${c.omitted} 份报告没有列出（卡片放不下）；本地页面的“报告”里有全部。`);
      return card({ title: plain(`可引用的报告（${c.docs.length + (c.omitted ?? 0)}份）`), template: 'turquoise' }, [md(lines.join('\n'))], '可引用的报告');
    }
    case 'notice':
      return card({ title: plain(c.title), template: TEMPLATES[c.tone] }, [md(escapeMd(c.text))], c.title);
    case 'across': {
      const l = acrossLines(c.result);
      const elements: unknown[] = [];
      if (c.chart) elements.push(chartElement(c.chart));
      l.rows.forEach((r, i) => {
        if (i > 0) elements.push({ tag: 'hr' });
        elements.push(md(`**${escapeMd(r.head)}：${escapeMd(r.answer)}**\n“${escapeMd(r.quote)}”`));
        elements.push(md(`来源：${escapeMd(r.source)}`, { text_size: 'notation' }));
      });
      if (l.result) elements.push(md(`**${escapeMd(l.result)}**`));
      for (const g of l.groups) elements.push(md(`**${escapeMd(g.topic)}**\n${g.questions.map((q) => `- ${escapeMd(q)}`).join('\n')}`));
      if (l.notes.length) elements.push(md(l.notes.map(escapeMd).join('\n'), { text_size: 'notation' }));
      const title = acrossTitle(c.result);
      return card({ title: plain(title.slice(0, 60)), template: c.result.mixed ? 'orange' : 'blue' }, elements, l.result ?? title);
    }
    case 'daily': {
      const v = c.fact;
      const tags = [tag('今日数据', 'turquoise'), tag(v.region, 'blue'), ...(v.time ? [tag(v.time, 'neutral')] : [])];
      const elements: unknown[] = [md(quote(v)), md(cite(v), { text_size: 'notation' })];
      if (c.trend) elements.push({ tag: 'hr' }, ...trendElements(c.trend));
      return card({ title: plain(v.answer), subtitle: plain(v.metric), template: 'turquoise', text_tag_list: tags }, elements, `今日数据：${v.answer} ${v.metric}`);
    }
  }
}

/** The fact of the day's series: the line, then each point with its source and the change. */
function trendElements(t: AcrossResult): unknown[] {
  const chart = chartOf(t);
  const l = acrossLines(t);
  const points = l.rows.map((r) => `- ${escapeMd(r.head)}：**${escapeMd(r.answer)}**　${escapeMd(r.source)}`).join('\n');
  return [
    ...(chart ? [chartElement(chart)] : []),
    md(`**历年数据**\n${points}${l.result ? `\n${escapeMd(l.result)}` : ''}`, { text_size: 'notation' }),
  ];
}

/** A VChart spec for the card's chart component: a line for a series, bars for the rest. */
export function chartElement(c: ChartData): Record<string, unknown> {
  const values = c.points.map((p) => ({ x: p.label, y: p.value, kind: p.target ? '目标' : '实际' }));
  const targets = c.points.some((p) => p.target);
  return {
    tag: 'chart',
    aspect_ratio: '16:9',
    color_theme: 'brand',
    chart_spec: {
      type: c.type,
      title: { text: `${c.title}（${c.unit}）` },
      data: { values },
      xField: 'x',
      yField: 'y',
      // A plan's target is drawn apart from the figures reached.
      ...(targets ? { seriesField: 'kind', legends: { visible: true } } : {}),
      label: { visible: true },
    },
  };
}
