import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { domText, type DomNode } from './dom-text.js';
import { UnreadableReport, type ReadReport } from './types.js';

// A Word file holds a report's text in a few MB; more, unpacked, is a zip bomb.
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 2000;

/** A Word (.docx) report: headings, paragraphs, lists and tables (merged cells too), through mammoth. */
export async function readDocx(bytes: Uint8Array): Promise<ReadReport> {
  await checkZip(bytes);
  const { value: html, messages } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  const { text, tables } = domText(parseHTML(`<html><body>${html}</body></html>`).document.body as unknown as DomNode);
  const warnings = messages.filter((m) => m.type === 'error').map((m) => m.message);
  return { text, tables, hints: {}, warnings };
}

/** Refuses a .docx that is not a zip, lacks a document, or unpacks to far more than a report. */
async function checkZip(bytes: Uint8Array): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new UnreadableReport('not a Word .docx file (it is no zip archive); save it from Word as .docx');
  }
  const entries = Object.values(zip.files);
  if (entries.length > MAX_ENTRIES) throw new UnreadableReport(`the .docx holds ${entries.length} parts, more than a report has; save it again from Word`);
  let unpacked = 0;
  for (const e of entries) unpacked += (e as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  if (unpacked > MAX_UNPACKED_BYTES) throw new UnreadableReport(`the .docx unpacks to ${Math.round(unpacked / 1048576)} MB, far more than a report's text; it is refused`);
  if (!zip.file('word/document.xml')) throw new UnreadableReport('the .docx has no document in it (word/document.xml); save it again from Word');
}
