import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { layoutPages, type PageItems } from './pdf-layout.js';
import { UnreadableReport, type ReadReport } from './types.js';

// A report runs to tens of pages; a PDF of hundreds is a yearbook or an attack, and is refused.
export const MAX_PDF_PAGES = 500;

const SCANNED_PAGE_CHARS = 16;

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));
// CJK fonts without embedded Unicode maps decode only through pdf.js's CMaps.
const CMAPS = pathToFileURL(join(PDFJS_DIR, 'cmaps') + '/').href;
const FONTS = pathToFileURL(join(PDFJS_DIR, 'standard_fonts') + '/').href;

interface PdfJs {
  getDocument(src: object): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  getMetadata(): Promise<{ info?: Record<string, unknown> }>;
  destroy(): Promise<void>;
}
interface PdfPage {
  getViewport(o: { scale: number }): { width: number; height: number };
  getTextContent(): Promise<{ items: { str?: string; transform?: number[]; width?: number; height?: number }[] }>;
  cleanup(): void;
}

let pdfjs: Promise<PdfJs> | undefined;
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs') as unknown as Promise<PdfJs>);

/** A PDF with a text layer: lines rebuilt from positions, tables as rows, one text for the pipeline. */
export async function readPdf(bytes: Uint8Array): Promise<ReadReport & { emptyPages: number[] }> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({ data: new Uint8Array(bytes), cMapUrl: CMAPS, cMapPacked: true, standardFontDataUrl: FONTS, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') throw new UnreadableReport('the PDF is encrypted (it asks for a password); save an unprotected copy');
    throw new UnreadableReport(`not a readable PDF (${err instanceof Error ? err.message : String(err)}); export it again as PDF`);
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) throw new UnreadableReport(`the PDF has ${doc.numPages} pages, over the ${MAX_PDF_PAGES}-page limit for one report; split it`);
    const pages: PageItems[] = [];
    const emptyPages: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items = content.items.flatMap((i) => {
        if (!i.str || !i.transform) return [];
        const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = i.transform;
        const size = Math.hypot(c, d) || Math.hypot(a, b) || i.height || 10;
        return [{ text: i.str, x, y, width: i.width ?? i.str.length * size, size }];
      });
      // A scanned page may carry a stamped page number or header: a few characters are no text layer.
      if (items.reduce((k, i) => k + i.text.replace(/\s/g, '').length, 0) < SCANNED_PAGE_CHARS) emptyPages.push(n);
      pages.push({ width, height, items });
      page.cleanup();
    }
    const info: Record<string, unknown> = (await doc.getMetadata().catch(() => undefined))?.info ?? {};
    // A title the PDF was made with (a page's <title>, a Word file's): the site's name after _ goes.
    const title = typeof info.Title === 'string' && /[\u3400-\u9fff]/.test(info.Title) ? info.Title.slice(0, 200).split(/[_|｜]/)[0]!.trim() || undefined : undefined;
    const text = layoutPages(pages);
    const warnings = emptyPages.length && emptyPages.length < doc.numPages ? [`${emptyPages.length} of ${doc.numPages} pages have no text layer (scanned): pages ${emptyPages.slice(0, 10).join(', ')}${emptyPages.length > 10 ? '…' : ''}`] : [];
    return { text, hints: title ? { title } : {}, pages: doc.numPages, warnings, emptyPages };
  } finally {
    await doc.destroy();
  }
}
