import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import { buildFactStore, type FactStore } from '../src/store/fact-store.js';
import { CHROMIUM, printPdfs, reportDocx, reportHtml } from './helpers/report-formats.js';

// dev2's eight reports as web pages, Word files and PDFs printed by Chromium: the facts read from
// each form answer dev2's questions within 0.02 of the text form.
const DEV2 = 'test/fixtures/dev2';
if (process.env.CI && !existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: .ci/run must install Debian's chromium`);

interface Item {
  q: string;
  expect: string[] | null;
  doc?: string;
}
const items: Item[] = readFileSync(join(DEV2, 'qa.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Item);
const norm = (s: string) => s.normalize('NFKC').replace(/[\s,，]/g, '');

function wrongs(store: FactStore): number {
  let wrong = 0;
  for (const it of items) {
    const a = ask(store, it.q).answers[0];
    if (!a) continue;
    if (it.expect === null || !it.expect.some((e) => norm(a.answer).includes(norm(e))) || !a.source.file.startsWith(it.doc!)) wrong++;
  }
  return wrong;
}

function precise(store: FactStore): number {
  let right = 0;
  let positives = 0;
  for (const it of items) {
    if (it.expect === null) continue;
    positives++;
    const a = ask(store, it.q).answers[0];
    if (a && it.expect.some((e) => norm(a.answer).includes(norm(e))) && a.source.file.startsWith(it.doc!) && norm(a.answer).length <= 24) right++;
  }
  return right / positives;
}

const reports = readdirSync(DEV2).filter((f) => f.endsWith('.txt'));
const dirs: string[] = [];
let textScore = 0;

async function formatDir(make: (stem: string, text: string) => Promise<[string, Buffer | string]>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'factbot-formats-'));
  dirs.push(dir);
  for (const f of reports) {
    const stem = f.slice(0, -4);
    const [name, bytes] = await make(stem, readFileSync(join(DEV2, f), 'utf8'));
    await writeFile(join(dir, name), bytes);
    // The sidecar metadata of the text form goes with every form.
    if (existsSync(join(DEV2, `${stem}.meta.json`))) await copyFile(join(DEV2, `${stem}.meta.json`), join(dir, `${stem}.meta.json`));
  }
  return dir;
}

beforeAll(async () => {
  textScore = precise(await buildFactStore({ seedsDir: DEV2, intentsDir: 'intents' }));
}, 60_000);
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('dev2 in the formats admins have', () => {
  it('web pages (.html) answer as the text does', async () => {
    const dir = await formatDir(async (stem, text) => [`${stem}.html`, reportHtml(text)]);
    const store = await buildFactStore({ seedsDir: dir, intentsDir: 'intents' });
    expect(store.failures).toEqual([]);
    expect(precise(store)).toBeGreaterThanOrEqual(textScore - 0.02);
  }, 60_000);

  it('Word files (.docx) answer as the text does', async () => {
    const dir = await formatDir(async (stem, text) => [`${stem}.docx`, await reportDocx(text)]);
    const store = await buildFactStore({ seedsDir: dir, intentsDir: 'intents' });
    expect(store.failures).toEqual([]);
    expect(precise(store)).toBeGreaterThanOrEqual(textScore - 0.02);
  }, 60_000);

  it.skipIf(!existsSync(CHROMIUM))('PDFs printed with a running header and page numbers answer as the text does', async () => {
    const texts = reports.map((f) => readFileSync(join(DEV2, f), 'utf8'));
    const pdfs = await printPdfs(texts.map((t) => ({ html: reportHtml(t), title: t.trim().split('\n')[0]!.trim() })));
    const dir = await formatDir(async (stem) => [`${stem}.pdf`, pdfs[reports.indexOf(`${stem}.txt`)]!]);
    const store = await buildFactStore({ seedsDir: dir, intentsDir: 'intents' });
    expect(store.failures).toEqual([]);
    expect(precise(store)).toBeGreaterThanOrEqual(textScore - 0.02);
    // Each answer cites the page its sentence (or its table) starts on: the plan review's table starts on page 1.
    const yibin = store.facts.filter((f) => f.docId.startsWith('505'));
    expect(new Set(yibin.map((f) => f.page))).toEqual(new Set([1, 2, 3]));
    expect(ask(store, '宜宾2023年婴儿死亡率是多少').answers[0]).toMatchObject({ answer: '3.12‰', source: { page: 1 } });
  }, 120_000);

  // A newspaper-like layout: the same reports set in two columns, tables squeezed into a column
  // (their cells wrap a character a line). Held where it stands: mostly right, rarely wrong.
  it.skipIf(!existsSync(CHROMIUM))('two-column PDFs are read column by column', async () => {
    const texts = reports.map((f) => readFileSync(join(DEV2, f), 'utf8'));
    const pdfs = await printPdfs(texts.map((t) => ({ html: reportHtml(t, { columns: 2 }), title: t.trim().split('\n')[0]!.trim() })));
    const dir = await formatDir(async (stem) => [`${stem}.pdf`, pdfs[reports.indexOf(`${stem}.txt`)]!]);
    const store = await buildFactStore({ seedsDir: dir, intentsDir: 'intents' });
    expect(precise(store)).toBeGreaterThanOrEqual(0.8);
    expect(wrongs(store)).toBeLessThanOrEqual(2);
  }, 120_000);
});
