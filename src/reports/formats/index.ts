import { extname } from 'node:path';
import { ocrAvailable, ocrPdf } from './ocr.js';
import { readPdf } from './pdf.js';
import { sourceLineDate } from '../boilerplate.js';
import { UnreadableReport, type ReadReport } from './types.js';

export { UnreadableReport, type ReadReport } from './types.js';

/** The formats a report may come in, and the most bytes a file of each may have. */
export const REPORT_FORMATS: Record<string, { label: string; maxBytes: number }> = {
  '.txt': { label: 'text', maxBytes: 5 * 1024 * 1024 },
  '.md': { label: 'Markdown', maxBytes: 5 * 1024 * 1024 },
  '.html': { label: 'web page', maxBytes: 10 * 1024 * 1024 },
  '.htm': { label: 'web page', maxBytes: 10 * 1024 * 1024 },
  '.pdf': { label: 'PDF', maxBytes: 50 * 1024 * 1024 },
  '.docx': { label: 'Word', maxBytes: 30 * 1024 * 1024 },
};
export const REPORT_EXTENSIONS = Object.keys(REPORT_FORMATS);
/** The most bytes any report file may have: what a download or an upload is capped at. */
export const MAX_REPORT_BYTES = Math.max(...Object.values(REPORT_FORMATS).map((f) => f.maxBytes));

/** The extension a file's bytes say it has (a PDF, a Word zip, a web page, or else text). */
export function sniffExtension(bytes: Uint8Array): string {
  if (hasPdfHeader(bytes)) return '.pdf';
  if (startsWith(bytes, ZIP_MAGIC)) return '.docx';
  return /<html|<!doctype html/i.test(new TextDecoder('latin1').decode(bytes.subarray(0, 1024))) ? '.html' : '.txt';
}

const ZIP_MAGIC = 'PK\u0003\u0004';

/** Reads a report file of any supported format into text; a file that is not what its name says is refused. */
export async function readReportFile(name: string, bytes: Uint8Array): Promise<ReadReport> {
  const ext = extname(name).toLowerCase();
  const format = REPORT_FORMATS[ext];
  if (!format) throw new UnreadableReport(`not a report (only ${REPORT_EXTENSIONS.join(', ')} files are read)`);
  if (bytes.length === 0) throw new UnreadableReport('the file is empty (0 bytes)');
  if (bytes.length > format.maxBytes) throw new UnreadableReport(`file is ${bytes.length} bytes, over the ${format.maxBytes}-byte limit for one ${format.label} report; split it`);
  switch (ext) {
    case '.pdf':
      if (!hasPdfHeader(bytes)) throw new UnreadableReport('named .pdf but not a PDF (it does not start with %PDF-); export the report again as PDF');
      return readPdfOrOcr(bytes);
    case '.docx':
      if (!startsWith(bytes, ZIP_MAGIC)) throw new UnreadableReport('named .docx but not a Word .docx file (an old .doc or another file); save it from Word as .docx');
      // Word and web pages pull in mammoth and a DOM (half a second): loaded when one is read.
      return (await import('./docx.js')).readDocx(bytes);
    case '.html':
    case '.htm':
      if (bytes.includes(0)) throw new UnreadableReport('named .html but binary (it holds NUL bytes); save the page again as HTML');
      return (await import('./html.js')).readHtml(bytes);
    default:
      return readText(bytes);
  }
}

function readText(bytes: Uint8Array): ReadReport {
  if (bytes.includes(0)) throw new UnreadableReport('binary file (it holds NUL bytes); save the report as UTF-8 text');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const date = sourceLineDate(text);
    return { text, hints: date ? { date } : {}, warnings: [] };
  } catch {
    throw new UnreadableReport('not valid UTF-8; convert the report to UTF-8 text');
  }
}

/** A PDF's text layer, or, for a scanned PDF, its pages through OCR when tesseract is installed. */
async function readPdfOrOcr(bytes: Uint8Array): Promise<ReadReport> {
  const read = await readPdf(bytes);
  if (read.emptyPages.length < (read.pages ?? 0)) {
    const { emptyPages: _e, ...rest } = read;
    return rest;
  }
  if (!(await ocrAvailable())) {
    throw new UnreadableReport('a scanned PDF (no page has a text layer); install tesseract-ocr, tesseract-ocr-chi-sim and poppler-utils to read it by OCR, or add the report as text');
  }
  const text = await ocrPdf(bytes, read.pages ?? 0);
  return { text, hints: read.hints, ...(read.pages ? { pages: read.pages } : {}), warnings: [`read by OCR (${read.pages} scanned pages): check its figures before relying on them`] };
}

// The header may follow a little junk (the PDF standard allows 1,024 bytes of it).
function hasPdfHeader(bytes: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-');
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}
