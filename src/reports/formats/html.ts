import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { sourceLineDate } from '../boilerplate.js';
import { domText, type DomNode } from './dom-text.js';
import type { ReadReport } from './types.js';

/**
 * A web page saved from a commission's site: its article only (Readability's choice, unless it
 * kept less than half of the page's Chinese text, as it does on pages of short paragraphs), its
 * title and publication date; navigation, share buttons and footers are not the report.
 */
export function readHtml(bytes: Uint8Array): ReadReport {
  const html = decodeHtml(bytes);
  const { document } = parseHTML(html);
  const title = pageTitle(document);
  const whole = domText(document.body as unknown as DomNode);
  const date = pageDate(document) ?? sourceLineDate(whole.text);
  let body = whole;
  try {
    // Readability changes the document it reads: it gets a copy.
    const article = new Readability(parseHTML(html).document as unknown as Document, { charThreshold: 100 }).parse();
    if (article?.content) {
      const chosen = domText(parseHTML(`<html><body>${article.content}</body></html>`).document.body as unknown as DomNode);
      if (cjkCount(chosen.text) >= cjkCount(whole.text) * 0.5 && chosen.tables >= whole.tables) body = chosen;
    }
  } catch {
    // A page Readability cannot read is read whole; the text cleaning drops its boilerplate.
  }
  // The title heads the text, as in a report saved as text, unless the article opens with it.
  const opening = body.text.slice(0, 200).replace(/\s+/g, '');
  const text = title && !opening.includes(title.replace(/\s+/g, '')) ? `${title}\n\n${body.text}` : body.text;
  return { text, hints: { ...(title ? { title } : {}), ...(date ? { date } : {}) }, warnings: [] };
}

/** The page's bytes as text: its BOM, its declared charset (many government sites are GBK), or UTF-8. */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An unknown label: try UTF-8, then GB18030 below.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

interface PageDocument {
  title: string;
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
}

const TITLE_METAS = ['meta[name="ArticleTitle"]', 'meta[property="og:title"]', 'meta[name="title"]'];
const DATE_METAS = ['meta[name="PubDate"]', 'meta[name="pubdate"]', 'meta[property="article:published_time"]', 'meta[name="publishdate"]', 'meta[name="date"]'];

function pageTitle(document: PageDocument): string | undefined {
  for (const s of TITLE_METAS) {
    const v = document.querySelector(s)?.getAttribute('content')?.slice(0, 200).trim();
    if (v) return v;
  }
  const h1 = document.querySelector('h1')?.textContent?.slice(0, 200).replace(/\s+/g, ' ').trim();
  if (h1 && h1.length >= 6) return h1;
  // <title> often ends with the site's name: 关于…的通知_某某市卫生健康委员会.
  const t = document.title?.slice(0, 200).split(/[_|｜]/)[0]?.trim();
  return t || undefined;
}

function pageDate(document: PageDocument): string | undefined {
  for (const s of DATE_METAS) {
    const v = (document.querySelector(s)?.getAttribute('content') ?? '').slice(0, 100);
    const m = /((?:19|20)\d{2})[-/年.](\d{1,2})[-/月.](\d{1,2})/.exec(v);
    if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }
  return undefined;
}

function cjkCount(text: string): number {
  return (text.match(/[\u3400-\u9fff]/g) ?? []).length;
}
