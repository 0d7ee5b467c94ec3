import type { Card, FactView } from '../../core/cards.js';

/** Every form a card takes on WeCom; each sender picks the one its channel shows. */
export interface WeComRendered {
  /** ≤ 4096 bytes: group robot markdown, response_url, stream replies. */
  markdown: string;
  /** ≤ 2048 bytes: for clients that cannot show markdown (personal WeChat). */
  text: string;
  /** A text_notice template card, when the card fits its field limits and a link target exists. */
  templateCard?: Record<string, unknown>;
}

export const MARKDOWN_MAX_BYTES = 4096;
export const TEXT_MAX_BYTES = 2048;

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

function markdownOf(c: Card): string {
  const fact = (v: FactView, withQuote: boolean) => {
    const lines = [`**${safe(v.answer)}** ${safe(v.metric)}`, `<font color="comment">${safe(v.region)}${v.time ? ' · ' + safe(v.time) : ''}</font>`];
    if (withQuote) {
      const q = v.highlight ? `${safe(v.quote.slice(0, v.highlight[0]))}**${safe(v.quote.slice(...v.highlight))}**${safe(v.quote.slice(v.highlight[1]))}` : safe(v.quote);
      lines.push(`> “${q}”`);
    }
    lines.push(`<font color="comment">来源：《${safe(v.source.title)}》${v.source.date ? ' ' + v.source.date : ''}${v.source.page ? ` 第${v.source.page}页` : ''}</font>`);
    return lines.join('\n');
  };
  switch (c.kind) {
    case 'answer': {
      const related = c.related.length ? `\n\n**相关数据**\n${c.related.map((r) => `- ${safe(r.answer)} ${safe(r.metric)}（${safe(r.region)}）`).join('\n')}` : '';
      return fact(c.main, true) + related;
    }
    case 'regions':
      return `**${c.rows.length}个地区的数据**\n\n${c.rows.map((v) => fact(v, true)).join('\n\n')}`;
    case 'not_found':
      return [`**没有找到确切的数据**`, safe(c.note), ...(c.suggestions.length ? ['可以这样问：', ...c.suggestions.map((s) => `- ${safe(s)}`)] : []), '<font color="comment">发送 /sources 查看可引用的报告</font>'].join('\n');
    case 'help':
      return ['**我能回答什么**', '我回答卫生健康报告里的数据问题，每个数字都注明出处。试试：', ...c.examples.map((e) => `- ${safe(e)}`), '- 接着问“那淄博呢？”', ...c.commands.map((x) => `<font color="comment">${x.command}：${safe(x.description)}</font>`)].join('\n');
    case 'sources':
      return [`**可引用的报告（${c.docs.length}份）**`, ...c.docs.map((d) => `- 《${safe(d.title)}》 ${safe(d.region)}${d.date ? ' · ' + d.date : ''} · ${d.facts}条`)].join('\n');
    case 'daily':
      return `**今日数据** ${c.day}\n\n${fact(c.fact, true)}`;
    case 'notice':
      return `**${safe(c.title)}**\n${c.tone === 'info' ? '' : `<font color="warning">`}${safe(c.text)}${c.tone === 'info' ? '' : '</font>'}`;
  }
}

/** Markdown with the syntax taken out: what a client without markdown shows. */
export function plainOf(markdown: string): string {
  return markdown
    .replace(/<font[^>]*>|<\/font>/g, '')
    .replace(/\*\*/g, '')
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
    quote_area: { type: 0, quote_text: [...v.quote].length > 120 ? [...v.quote].slice(0, 119).join('') + '…' : v.quote },
    horizontal_content_list: [
      { keyname: '来源', value: [...v.source.title].length > 26 ? [...v.source.title].slice(0, 25).join('') + '…' : v.source.title },
      ...(v.source.date ? [{ keyname: '日期', value: v.source.date }] : []),
    ],
    jump_list: [{ type: 1, title: '查看原文', url }],
    card_action: { type: 1, url },
  };
}

export function renderWeCom(c: Card, opts: { linkFor?: (file: string) => string } = {}): WeComRendered {
  const markdown = cutUtf8(markdownOf(c), MARKDOWN_MAX_BYTES);
  const text = cutUtf8(plainOf(markdownOf(c)), TEXT_MAX_BYTES);
  const templateCard = templateCardOf(c, opts.linkFor);
  return { markdown, text, ...(templateCard ? { templateCard } : {}) };
}
