import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { UnreadableReport } from './types.js';

const run = promisify(execFile);
// OCR takes seconds a page: a scanned report longer than this is refused rather than read for an hour.
export const MAX_OCR_PAGES = 60;
const PAGE_TIMEOUT_MS = 120_000;

let available: Promise<boolean> | undefined;

/** Whether Debian's tesseract (with simplified Chinese) and poppler's pdftoppm are installed. */
export function ocrAvailable(): Promise<boolean> {
  available ??= (async () => {
    try {
      const [langs] = await Promise.all([run('tesseract', ['--list-langs'], { timeout: 10_000 }), run('pdftoppm', ['-v'], { timeout: 10_000 })]);
      return /\bchi_sim\b/.test(langs.stdout + langs.stderr);
    } catch {
      return false;
    }
  })();
  return available;
}

/** A scanned PDF's pages rendered by pdftoppm and read by tesseract, page by page, in order. */
export async function ocrPdf(bytes: Uint8Array, pages: number): Promise<string> {
  if (pages > MAX_OCR_PAGES) throw new UnreadableReport(`a scanned PDF of ${pages} pages, over the ${MAX_OCR_PAGES} pages read by OCR; split it or add it as text`);
  const dir = await mkdtemp(join(tmpdir(), 'factbot-ocr-'));
  try {
    await writeFile(join(dir, 'in.pdf'), bytes);
    // A page's picture is bounded whatever size the page claims (a 200-inch page is no report).
    await run('pdftoppm', ['-r', '200', '-scale-to', '3000', '-gray', '-png', join(dir, 'in.pdf'), join(dir, 'page')], { timeout: PAGE_TIMEOUT_MS * Math.max(1, pages) });
    const images = (await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    const texts: string[] = [];
    for (const image of images) {
      const { stdout } = await run('tesseract', [join(dir, image), 'stdout', '-l', 'chi_sim', '--psm', '6'], { timeout: PAGE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
      texts.push(joinOcrLines(stdout));
    }
    return texts.join('\n\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Tesseract puts spaces between Chinese characters and breaks lines where the page did. */
export function joinOcrLines(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((para) => para.split('\n').map((l) => l.trim()).filter(Boolean).join(''))
    .map((para) => para.replace(/(?<=[\u3400-\u9fff\d%，。、；：（）])\s+(?=[\u3400-\u9fff，。、；：（）])|(?<=[\u3400-\u9fff，。、；：（）])\s+(?=\d)/g, ''))
    .filter(Boolean)
    .join('\n');
}
