// The same report in the formats admins have: a web page, a Word file, and a PDF printed by
// Chromium with a running header and page numbers, all made from the report's text blocks.
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { chromium } from 'playwright-core';
import { cleanReport, type Block } from '../../src/reports/clean.js';

export const CHROMIUM = '/usr/bin/chromium';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A saved web page: site navigation and a share bar around the article, as commissions' sites have. */
export function reportHtml(text: string, options: { columns?: number } = {}): string {
  const blocks = cleanReport(text);
  const body = blocks.map(blockHtml).join('\n');
  const style = `body{font-family:"WenQuanYi Micro Hei",sans-serif;font-size:11pt;margin:0 1cm} p{text-indent:2em;margin:0 0 4pt} table{border-collapse:collapse;margin:6pt 0} td,th{border:1px solid #333;padding:2pt 10pt}${options.columns ? ` article{column-count:${options.columns};column-gap:1.2cm}` : ''}`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(blocks[0]?.text ?? '')}_卫生健康委员会</title><style>${style}</style></head>
<body><nav>首页 | 政务公开 | 新闻中心 | 办事服务</nav><article>${body}</article><footer>分享到：微信 微博 | 主办单位：卫生健康委员会 | 网站标识码1234567890</footer></body></html>`;
}

function blockHtml(b: Block, i: number): string {
  if (b.kind === 'table') {
    const rows = b.rows ?? [];
    return `<table>${rows.map((r, j) => `<tr>${r.map((c) => (j === 0 ? `<th>${escape(c)}</th>` : `<td>${escape(c)}</td>`)).join('')}</tr>`).join('')}</table>`;
  }
  if (i === 0) return `<h1>${escape(b.text)}</h1>`;
  return b.kind === 'heading' ? `<h2>${escape(b.text)}</h2>` : `<p>${escape(b.text)}</p>`;
}

/** A Word file with the report's headings, paragraphs and tables. */
export async function reportDocx(text: string): Promise<Buffer> {
  const blocks = cleanReport(text);
  const children = blocks.map((b, i) => {
    if (b.kind === 'table') {
      return new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: (b.rows ?? []).map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) })),
      });
    }
    if (i === 0) return new Paragraph({ text: b.text, heading: HeadingLevel.TITLE });
    if (b.kind === 'heading') return new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2 });
    return new Paragraph({ children: [new TextRun(b.text)] });
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** PDFs printed by Chromium (A4, a running header with the title, page numbers in the footer). */
export async function printPdfs(pages: { html: string; title: string }[]): Promise<Buffer[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const out: Buffer[] = [];
    for (const { html, title } of pages) {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      out.push(
        await page.pdf({
          format: 'A4',
          displayHeaderFooter: true,
          headerTemplate: `<div style="font-size:8px;width:100%;text-align:center;font-family:'WenQuanYi Micro Hei'">${escape(title)}</div>`,
          footerTemplate: `<div style="font-size:8px;width:100%;text-align:center">第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>`,
          margin: { top: '2cm', bottom: '2cm', left: '1.5cm', right: '1.5cm' },
        }),
      );
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}
