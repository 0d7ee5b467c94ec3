/**
 * What a web page saved as text carries besides its article: the site's name bar, breadcrumbs,
 * source and author lines, font and share buttons, related-news lists and the footer. These lines
 * are dropped before a report is read, and the headline over the source line becomes the title.
 */
import { cellsOf } from './tables.js';

const BREADCRUMB = /^(?:[^>›»]{1,12}\s*[>›»]\s*){2,}[^>›»]{0,20}$/;
const NAV_BAR = /^(?:[^|｜]{1,10}[|｜]){3,}[^|｜]{0,10}$/;
const SOURCE_LINE = /(来源|來源|作者|编辑|編輯|责编|責編|责任编辑|責任編輯|发布时间|發布時間|发布日期|浏览次数|瀏覽次數|点击数|阅读量|通讯员|通訊員)[:：]/;
const BUTTONS = /^[【\[]?(字体|字型|字號|字号)[:：]|分享到|打印本页|列印|关闭窗口|關閉|收藏本页|上一篇|下一篇|扫一扫|返回顶部|【\s*(打印|关闭|列印|關閉)\s*】/;
const FOOTER = /版权所有|版權所有|copyright|©|ICP备|ICP備|公网安备|公網安備|网站标识码|網站標識碼|主办单位|主辦單位|承办单位|技术支持|联系我们|聯繫我們|网站地图|站点地图/i;
const RELATED = /^[【\[]?(相关新闻|相關新聞|相关阅读|相關閱讀|相关链接|相關連結|推荐阅读|推薦閱讀|热点新闻|熱點新聞|延伸阅读|猜你喜欢|更多新闻)[】\]]?[:：]?$/;
const LIST_ITEM = /^\s*([·•\-*>]|\d{1,2}[.、])\s*\S/;
const DATE_STAMP = /(19|20)\d{2}[-/年.]\d{1,2}[-/月.]\d{1,2}日?\s*\d{1,2}:\d{2}/;

// (Only a publishing date: 统计时间：2023年1月1日至12月31日 is the period the figures cover.)
const SOURCE_DATE = /(?:发布时间|發布時間|发布日期|發布日期)[:：]\s*((?:19|20)\d{2})[-/年.](\d{1,2})(?:[-/月.](\d{1,2}))?(?![\d日]*\s*[至到—~-])/;

/**
 * The date a page's source line gives (发布日期：2024年2月, 发布时间：2024-02-18 09:30), among its
 * first lines: the line itself is dropped as furniture, its date is the report's.
 */
export function sourceLineDate(text: string): string | undefined {
  for (const line of text.split('\n', 40)) {
    const t = line.trim();
    if (!SOURCE_LINE.test(t) || t.length > 80) continue;
    const m = SOURCE_DATE.exec(t);
    if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}${m[3] ? `-${m[3].padStart(2, '0')}` : ''}`;
  }
  return undefined;
}

/** True when a line is page furniture rather than article text. */
export function isBoilerplate(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 120) return false;
  // A table row has figures; a navigation bar or breadcrumb has none.
  if (!/\d/.test(t) && (BREADCRUMB.test(t) || NAV_BAR.test(t))) return true;
  if (BUTTONS.test(t) || FOOTER.test(t)) return true;
  return SOURCE_LINE.test(t) && t.length <= 80 && !/[。！？]$/.test(t);
}

// — 3 —, - 3 -, 第3页 共12页: a printed page's number, standing alone.
const PAGE_NUMBER = /^(?:[—\-–－]+\s*(\d{1,4})\s*[—\-–－]+|第\s*(\d{1,4})\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)$/;
/** What a page number of a PDF's text becomes: a mark of the page that follows (clean.ts reads it). */
export const PAGE_BREAK = '\uE000page ';

/** The lines of a report without page furniture; the headline over a source line marked as a title. */
export function dropBoilerplate(lines: string[]): string[] {
  const out: string[] = [];
  let inRelated = false;
  // A PDF's running title: the report's first line printed again at the top of each page.
  const titleAt = lines.findIndex((l) => l.trim() !== '');
  const title = titleAt >= 0 ? lines[titleAt]!.trim() : '';
  // (A blank line after a dropped one is part of the furniture's gap, not of the text's.)
  let dropped = false;
  let sincePage = Infinity;
  for (const [i, line] of lines.entries()) {
    sincePage++;
    if (dropped && !line.trim() && out.length && !out.at(-1)!.trim()) continue;
    const page = PAGE_NUMBER.exec(line.trim());
    // The title printed again at the top of a page: only right after a page's number.
    const running = i > titleAt && title.length >= 6 && line.trim() === title && sincePage <= 3;
    dropped = !!page || running;
    if (page) {
      out.push(`${PAGE_BREAK}${Number(page[1] ?? page[2]) + 1}`);
      sincePage = 0;
    }
    if (dropped) continue;
    // A table's header row looks like a navigation bar; the rows under it tell it apart.
    const next = lines.slice(i + 1, i + 3).find((l) => l.trim() && !/^[|｜\s:\-—]+$/.test(l));
    if (next && /\d/.test(next) && cellsOf(next) && cellsOf(line)) {
      out.push(line);
      continue;
    }
    const t = line.trim();
    if (RELATED.test(t)) {
      inRelated = true;
      continue;
    }
    // A related-news list runs until a line that is neither an item nor blank.
    if (inRelated) {
      if (!t || LIST_ITEM.test(t) || (t.length <= 40 && !/[。！？]$/.test(t))) continue;
      inRelated = false;
    }
    if (isBoilerplate(line)) {
      if ((SOURCE_LINE.test(t) || DATE_STAMP.test(t)) && !out.some((l) => l.startsWith('# '))) markHeadline(out);
      continue;
    }
    if (DATE_STAMP.test(t) && t.length <= 40) continue;
    out.push(line);
  }
  return out;
}

function markHeadline(out: string[]): void {
  for (let i = out.length - 1; i >= 0; i--) {
    const t = out[i]!.trim();
    if (!t) continue;
    if (t.length <= 80) out[i] = `# ${t}`;
    return;
  }
}
