import { execFileSync } from 'node:child_process';
import { copyFile, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import { readReportFile, UnreadableReport } from '../src/reports/formats/index.js';
import { ocrAvailable } from '../src/reports/formats/ocr.js';
import { buildFactStore } from '../src/store/fact-store.js';
import { CHROMIUM, printPdfs, reportHtml } from './helpers/report-formats.js';
import { tinyPdf } from './helpers/tiny-pdf.js';
import { existsSync } from 'node:fs';
import { tempDirs } from './helpers/temp-dirs.js';

const tempDir = tempDirs('factbot-hostile-');

async function zipBomb(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', new Uint8Array(80 * 1024 * 1024));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

// The same bomb whose headers claim each entry unpacks to 100 bytes.
async function lyingZipBomb(): Promise<Uint8Array> {
  const bytes = Buffer.from(await zipBomb());
  for (let i = 0; i + 30 < bytes.length; i++) {
    if (bytes.readUInt32LE(i) === 0x04034b50) bytes.writeUInt32LE(100, i + 22);
    if (bytes.readUInt32LE(i) === 0x02014b50) bytes.writeUInt32LE(100, i + 24);
  }
  return bytes;
}

describe('files that are not what a report should be are refused with a reason', () => {
  it.each([
    ['an empty PDF', 'a.pdf', () => new Uint8Array(0), /empty/],
    ['a PNG named .pdf', 'a.pdf', () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), /not a PDF/],
    ['a PDF cut short', 'a.pdf', () => Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'), /not a readable PDF/],
    ['an encrypted PDF', 'a.pdf', () => tinyPdf(2, { encrypted: true }), /encrypted/],
    ['a PDF of 2,000 pages', 'a.pdf', () => tinyPdf(2000), /2000 pages, over the 500-page limit/],
    ['an old .doc or a program named .docx', 'a.docx', () => Buffer.from('\x7fELF\x02\x01\x01 binary'), /not a Word .docx file/],
    ['a zip without a document named .docx', 'a.docx', async () => new JSZip().file('x.txt', 'x').generateAsync({ type: 'uint8array' }), /no document/],
    ['a zip bomb named .docx', 'a.docx', zipBomb, /unpacks to over \d+ MB|damaged/],
    ['a zip bomb whose entries lie about their size', 'a.docx', lyingZipBomb, /unpacks to over \d+ MB|damaged/],
    ['a binary file named .html', 'a.html', () => Uint8Array.from([60, 104, 0, 0, 1]), /binary/],
    ['a spreadsheet', 'a.xlsx', () => Buffer.from('PK\x03\x04'), /not a report/],
  ] as [string, string, () => Uint8Array | Promise<Uint8Array>, RegExp][])('%s', async (_n, name, make, reason) => {
    const err = await readReportFile(name, await make()).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableReport);
    expect((err as Error).message).toMatch(reason);
  }, 30_000);

  it('keeps every good report when bad files sit beside it, naming each bad one', async () => {
    const dir = await tempDir();
    await copyFile('test/fixtures/hostile/good_report.txt', join(dir, 'good_report.txt'));
    await writeFile(join(dir, 'locked.pdf'), tinyPdf(2, { encrypted: true }));
    await writeFile(join(dir, 'bomb.docx'), await zipBomb());
    await writeFile(join(dir, 'fake.pdf'), 'MZ this is a program');
    // Over the size limit: refused from its size, never read into memory.
    const huge = await open(join(dir, 'huge.pdf'), 'w');
    await huge.truncate(60 * 1024 * 1024);
    await huge.close();
    const store = await buildFactStore({ seedsDir: dir, intentsDir: 'intents' });
    expect(store.failures.map((f) => f.file).sort()).toEqual(['bomb.docx', 'fake.pdf', 'huge.pdf', 'locked.pdf']);
    expect(store.failures.find((f) => f.file === 'huge.pdf')?.reason).toMatch(/over the \d+-byte limit/);
    expect(ask(store, '某某县有多少医疗卫生机构').answers[0]?.answer).toBe('318个');
  }, 60_000);
});

describe('a scanned PDF', () => {
  const text = '某某县2024年卫生健康工作简报\n\n一、基本情况\n\n全县共有医疗卫生机构318个，床位2650张，卫生技术人员3120人。\n\n全县乡镇卫生院诊疗人次达到86.5万人次。';

  async function scanned(): Promise<Buffer> {
    const dir = await tempDir();
    const [printed] = await printPdfs([{ html: reportHtml(text), title: '某某县2024年卫生健康工作简报' }]);
    await writeFile(join(dir, 'printed.pdf'), printed!);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', join(dir, 'printed.pdf'), join(dir, 'page')]);
    const png = (await import('node:fs')).readdirSync(dir).find((f) => f.endsWith('.png'))!;
    const image = (await import('node:fs')).readFileSync(join(dir, png)).toString('base64');
    // The page as a picture only: no text layer, as a scanner makes it.
    const [pdf] = await printPdfs([{ html: `<html><body style="margin:0"><img style="width:100%" src="data:image/png;base64,${image}"></body></html>`, title: '' }]);
    return pdf!;
  }

  it.skipIf(!existsSync(CHROMIUM))('is read by OCR when tesseract is installed, and refused naming the packages when not', async () => {
    const pdf = await scanned();
    if (!(await ocrAvailable())) {
      if (process.env.CI) throw new Error('tesseract-ocr, tesseract-ocr-chi-sim and poppler-utils are missing: .ci/run must install them');
      await expect(readReportFile('scan.pdf', pdf)).rejects.toThrow(/tesseract-ocr, tesseract-ocr-chi-sim and poppler-utils/);
      return;
    }
    const read = await readReportFile('scan.pdf', pdf);
    expect(read.warnings.join()).toMatch(/read by OCR/);
    const dir = await tempDir();
    await writeFile(join(dir, 'scan.pdf'), pdf);
    const store = await buildFactStore({ seedsDir: dir, intentsDir: 'intents' });
    expect(ask(store, '某某县床位多少张').answers[0]?.answer).toBe('2650张');
  }, 120_000);
});
