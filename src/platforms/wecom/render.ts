import { around, fitCard } from '../../core/card-fit.js';
import { acrossTitle, type Card, type FactView } from '../../core/cards.js';
import { acrossLines } from '../../core/across-lines.js';

/*
 * What WeCom's markdown shows, per the official pages (checked 2025-12):
 *
 * - Intelligent robot (智能机器人): a stream reply's content, a response_url markdown message and a
 *   long-connection aibot_send_msg markdown message take "common markdown" (常见的markdown格式),
 *   linked to the group robot's markdown_v2 syntax: headings, *italic*, **bold**, lists, > quotes,
 *   links, images, ---, code, tables; up to 20480 bytes. No <font color>: that is documented for
 *   group robots only.
 *   被动回复消息 (stream reply)   https://developer.work.weixin.qq.com/document/path/101031
 *   主动回复消息 (response_url)    https://developer.work.weixin.qq.com/document/path/101138
 *   智能机器人长连接 (aibot_send_msg) https://developer.work.weixin.qq.com/document/path/101463
 * - Group robot webhook (消息推送/群机器人), msgtype markdown (v1): headings, **bold**, links, `code`,
 *   > quotes and <font color="info|comment|warning">, nothing else (no lists, no italics); up to
 *   4096 bytes. markdown_v2 has lists and tables but no font colour and shows as plain text on
 *   clients before 4.1.36 (Android 4.1.38), so pushes keep v1.
 *   消息推送配置说明 https://developer.work.weixin.qq.com/document/path/91770
 */

/** Every form a card takes on WeCom; each sender picks the one its channel shows. */
export interface WeComRendered {
  /** The intelligent robot's markdown (stream replies, response_url, aibot_send_msg): no font colours. */
  markdown: string;
  /** Group robot webhook markdown (v1): font colours, no list syntax. */
  groupMarkdown: string;
  /** ≤ 2048 bytes: for clients that cannot show markdown (personal WeChat). */
  text: string;
  /** A text_notice template card, when the card fits its field limits and a link target exists. */
  templateCard?: Record<string, unknown>;
}

/** Group robot markdown's limit; the intelligent robot takes 20480 bytes, but answers stay as short. */
export const MARKDOWN_MAX_BYTES = 4096;
export const TEXT_MAX_BYTES = 2048;

/** Which markdown a card is written in: the intelligent robot's, or a group robot's v1. */
export type MarkdownFlavor = 'aibot' | 'group';

// WeCom markdown reads * ` < > [ ] as syntax; report text shows full-width look-alikes instead.
const safe = (s: string) => s.replace(/[*`<>[\]]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/**
 * Cuts text to a byte budget at a line end where it can, never inside a character, and says so.
 */
export function cutUtf8(text: string, maxBytes: number, marker = '\n…（内容较长，已截断）'): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(marker);
  let out = '';
  let used = 0;
  for (const line of text.split('\n')) {
    const piece = (out ? '\n' : '') + line;
    const size = Buffer.byteLength(piece);
    if (used + size <= budget) {
      out += piece;
      used += size;
      continue;
    }
    // The line does not fit whole: take the characters that do, when little else was taken.
    if (used < budget / 2) {
      for (const ch of piece) {
        const n = Buffer.byteLength(ch);
        if (used + n > budget) break;
        out += ch;
        used += n;
      }
    }
    break;
  }
  return out + marker;
}

/** The syntax each flavor shows (see the pages above); text passed in is already safe. */
const STYLE: Record<MarkdownFlavor, { muted(s: string): string; warning(s: string): string; item(s: string): string }> = {
  // markdown_v2 rules: italics for the quiet lines, real lists, no colours.
  aibot: { muted: (s) => `*${s}*`, warning: (s) => s, item: (s) => `- ${s}` },
  // v1: the three built-in colours; no list syntax, so an item is a line with a bullet.
  group: { muted: (s) => `<font color="comment">${s}</font>`, warning: (s) => `<font color="warning">${s}</font>`, item: (s) => `· ${s}` },
};

export function markdownOf(c: Card, flavor: MarkdownFlavor = 'aibot'): string {
  const { muted, warning, item } = STYLE[flavor];
  const fact = (v: FactView, withQuote: boolean) => {
    const lines = [`**${safe(v.answer)}** ${safe(v.metric)}`, muted(`${safe(v.region)}${v.time ? ' · ' + safe(v.time) : ''}`)];
    if (withQuote) {
      const q = v.highlight ? `${safe(v.quote.slice(0, v.highlight[0]))}**${safe(v.quote.slice(...v.highlight))}**${safe(v.quote.slice(v.highlight[1]))}` : safe(v.quote);
      lines.push(`> “${q}”`);
    }
    lines.push(muted(`来源：《${safe(v.source.title)}》${v.source.date ? ' ' + v.source.date : ''}${v.source.page ? ` 第${v.source.page}页` : ''}`));
    return lines.join('\n');
  };
  switch (c.kind) {
    case 'answer': {
      const related = c.related.length ? `\n\n**相关数据**\n${c.related.map((r) => item(`${safe(r.answer)} ${safe(r.metric)}（${safe(r.region)}）`)).join('\n')}` : '';
      return fact(c.main, true) + related;
    }
    case 'regions': {
      const more = c.omitted ? `\n\n${muted(`还有 ${c.omitted} 个地区的数据没有列出，请分别问。`)}` : '';
      return `**${c.rows.length + (c.omitted ?? 0)}个地区的数据**\n\n${c.rows.map((v) => fact(v, true)).join('\n\n')}${more}`;
    }
    case 'not_found':
      return [`**没有找到确切的数据**`, safe(c.note), ...(c.suggestions.length ? ['可以这样问：', ...c.suggestions.map((s) => item(safe(s)))] : []), muted('发送 /sources 查看可引用的报告')].join('\n');
    case 'help':
      return ['**我能回答什么**', '我回答卫生健康报告里的数据问题，每个数字都注明出处。试试：', ...c.examples.map((e) => item(safe(e))), item('接着问“那淄博呢？”'), ...c.commands.map((x) => muted(`${x.command}：${safe(x.description)}`))].join('\n');
    case 'sources':
      return [
        `**可引用的报告（${c.docs.length + (c.omitted ?? 0)}份）**`,
        ...c.docs.map((d) => item(`《${safe(d.title)}》 ${safe(d.region)}${d.date ? ' · ' + d.date : ''} · ${d.facts}条`)),
        ...(c.omitted ? [muted(`还有 ${c.omitted} 份报告没有列出。`)] : []),
      ].join('\n');
    case 'daily': {
      // The series, one short line a point (WeCom draws no charts); the sources are the points'.
      const series = c.trend ? acrossLines(c.trend) : undefined;
      const points = series ? ['', '**历年数据**', ...series.rows.map((r) => item(`${safe(r.head)}：${safe(r.answer)}　${muted(`${safe(r.source)}`)}`)), ...(series.result ? [muted(safe(series.result))] : [])] : [];
      return [`**今日数据** ${c.day}\n\n${fact(c.fact, true)}`, ...points].join('\n');
    }
    case 'across': {
      // A compact list, one line a figure and its source under it: WeCom draws no charts.
      const l = acrossLines(c.result);
      return [
        `**${safe(acrossTitle(c.result))}**`,
        ...l.rows.flatMap((r) => [item(`${safe(r.head)}：**${safe(r.answer)}**`), muted(`来源：${safe(r.source)}`)]),
        ...(l.result ? [`**${safe(l.result)}**`] : []),
        ...l.groups.flatMap((g) => [`**${safe(g.topic)}**`, ...g.questions.map((q) => item(safe(q)))]),
        ...l.notes.map((n) => (n.startsWith('注意') ? warning(safe(n)) : muted(safe(n)))),
      ].join('\n');
    }
    case 'notice':
      return `**${safe(c.title)}**\n${c.tone === 'info' ? safe(c.text) : warning(safe(c.text))}`;
  }
}

/** Markdown with the syntax taken out: what a client without markdown shows. */
export function plainOf(markdown: string): string {
  return markdown
    .replace(/<font[^>]*>|<\/font>/g, '')
    .replace(/\*\*/g, '')
    .replace(/\*/g, '')
    .replace(/^> /gm, '')
    .replace(/^- /gm, '· ');
}

/** A text_notice card: only for answers whose parts fit WeCom's field limits. */
function templateCardOf(c: Card, linkFor?: (file: string) => string): Record<string, unknown> | undefined {
  if ((c.kind !== 'answer' && c.kind !== 'daily') || !linkFor) return undefined;
  const v = c.kind === 'answer' ? c.main : c.fact;
  const where = `${v.region}${v.time ? ' · ' + v.time : ''}`;
  if ([...v.answer].length > 10 || [...v.metric].length > 26 || [...where].length > 30) return undefined;
  const url = linkFor(v.source.file);
  return {
    card_type: 'text_notice',
    source: { desc: c.kind === 'daily' ? '今日数据' : '卫生健康数据', desc_color: 0 },
    main_title: { title: v.metric, desc: where },
    emphasis_content: { title: v.answer, desc: [...v.metric].length <= 15 ? v.metric : [...v.metric].slice(0, 14).join('') + '…' },
    // The quote area shows 120 characters: a window around the figure, so the figure is in it.
    quote_area: { type: 0, quote_text: ((q) => ([...q].length > 120 ? [...q].slice(0, 119).join('') + '…' : q))(around(v, 50).quote) },
    horizontal_content_list: [
      { keyname: '来源', value: [...v.source.title].length > 26 ? [...v.source.title].slice(0, 25).join('') + '…' : v.source.title },
      ...(v.source.date ? [{ keyname: '日期', value: v.source.date }] : []),
    ],
    jump_list: [{ type: 1, title: '查看原文', url }],
    card_action: { type: 1, url },
  };
}

export function renderWeCom(c: Card, opts: { linkFor?: (file: string) => string } = {}): WeComRendered {
  // Each form made to fit its limit by trimming rows and quotes (never a figure); the byte cut
  // after it is only a last guard.
  const fitted = (render: (x: Card) => string, limit: number) => {
    const whole = render(c);
    if (Buffer.byteLength(whole) <= limit) return whole;
    return cutUtf8(render(fitCard(c, (x) => Buffer.byteLength(render(x)) <= limit)), limit);
  };
  const markdown = fitted((x) => markdownOf(x, 'aibot'), MARKDOWN_MAX_BYTES);
  const groupMarkdown = fitted((x) => markdownOf(x, 'group'), MARKDOWN_MAX_BYTES);
  const text = fitted((x) => plainOf(markdownOf(x, 'aibot')), TEXT_MAX_BYTES);
  const templateCard = templateCardOf(c, opts.linkFor);
  return { markdown, groupMarkdown, text, ...(templateCard ? { templateCard } : {}) };
}
