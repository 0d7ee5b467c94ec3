import { spawnSync } from 'node:child_process';
import { cp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addReports, safeName, withExtension } from '../src/admin/add-report.js';
import { fileNameOf } from '../src/platforms/wecom/adapter.js';
import { ask } from '../src/core/ask.js';
import { buildFactStore } from '../src/store/fact-store.js';
import { reportDocx, reportHtml } from './helpers/report-formats.js';
import { tinyPdf } from './helpers/tiny-pdf.js';
import { tempDirs } from './helpers/temp-dirs.js';

const tempDir = tempDirs('factbot-add-');
async function reportsDir(): Promise<string> {
  const dir = await tempDir();
  await cp('test/fixtures/unseen', dir, { recursive: true });
  await rm(join(dir, 'qa.jsonl'));
  return dir;
}

const REPORT = '安宁县2024年卫生健康工作总结\n\n一、基本情况\n\n全县共有医疗卫生机构286个，床位2480张，卫生技术人员3050人。\n\n全县乡镇卫生院诊疗人次达到76.4万人次，比上年增长5.2%。';
const enc = (s: string) => new TextEncoder().encode(s);

describe('adding reports', () => {
  it('reads each file first, stores the readable ones, says what it read, and builds a store that answers from them', async () => {
    const dir = await reportsDir();
    const current = await buildFactStore({ seedsDir: dir, intentsDir: 'intents' });
    const result = await addReports(
      [
        { name: 'C:\\Users\\admin\\Desktop\\安宁县总结.docx', bytes: await reportDocx(REPORT) },
        { name: 'locked.pdf', bytes: tinyPdf(1, { encrypted: true }) },
        { name: 'notes.xlsx', bytes: enc('PK') },
      ],
      { seedsDir: dir, intentsDir: 'intents', current },
    );
    expect(result.outcomes.map((o) => [o.file, o.status])).toEqual([
      ['C:\\Users\\admin\\Desktop\\安宁县总结.docx', 'added'],
      ['locked.pdf', 'refused'],
      ['notes.xlsx', 'refused'],
    ]);
    const added = result.outcomes[0]!;
    expect(added).toMatchObject({ stored: '安宁县总结.docx', summary: { title: '安宁县2024年卫生健康工作总结', region: '安宁县', facts: expect.any(Number) } });
    if (added.status === 'added') expect(added.summary.samples.length).toBe(3);
    expect(result.after).toBeGreaterThan(result.before);
    expect((await readdir(dir)).sort()).not.toContain('locked.pdf');
    expect(ask(result.store!, '安宁县床位多少张').answers[0]?.answer).toBe('2480张');
  }, 60_000);

  it('does not add the same file twice, and gives a name in use a number', async () => {
    const dir = await reportsDir();
    const page = enc(reportHtml(REPORT));
    await addReports([{ name: 'report.html', bytes: page }], { seedsDir: dir, intentsDir: 'intents' });
    const again = await addReports(
      [
        { name: 'copy-of-report.html', bytes: page },
        { name: 'report.html', bytes: enc(reportHtml(REPORT.replace('2480', '2490'))) },
      ],
      { seedsDir: dir, intentsDir: 'intents' },
    );
    expect(again.outcomes.map((o) => [o.status, 'stored' in o ? o.stored : ''])).toEqual([
      ['duplicate', 'report.html'],
      ['added', 'report-2.html'],
    ]);
  }, 60_000);

  it('stores no file the loader would refuse, and gives a stem in use by another report a number', async () => {
    const dir = await reportsDir();
    await writeFile(join(dir, 'notes.txt'), '安宁县2024年卫生健康工作总结\n\n全县共有床位2480张。');
    const result = await addReports(
      [
        { name: 'numbers.txt', bytes: enc('1 2 3\n4 5 6') },
        { name: 'notes.md', bytes: enc(REPORT) },
      ],
      { seedsDir: dir, intentsDir: 'intents' },
    );
    expect(result.outcomes.map((o) => [o.status, 'stored' in o ? o.stored : ''])).toEqual([
      ['refused', ''],
      ['added', 'notes-2.md'],
    ]);
    expect((await readdir(dir)).filter((f) => !f.startsWith('.')).sort()).toEqual(['100_jining_report.txt', 'notes-2.md', 'notes.txt']);
  }, 60_000);

  it.each([
    ['../../etc/passwd.txt', 'passwd.txt'],
    ['..\\..\\win.ini.txt', 'win.ini.txt'],
    ['.hidden.txt', undefined],
    ['report.exe', undefined],
    ['报告\u0000.pdf', '报告.pdf'],
    ['', undefined],
    ['README.md', undefined],
    [`${'卫生健康统计公报'.repeat(12)}.pdf`, `${'卫生健康统计公报'.repeat(7)}卫生.pdf`],
  ])('a file sent as %j is stored as %j', (name, want) => expect(safeName(name)).toBe(want));
});

describe('names of files the platforms send', () => {
  it.each([
    [`attachment; filename*=UTF-8''${encodeURIComponent('报告 2024.pdf')}`, '报告 2024.pdf'],
    ['attachment; filename="report.docx"', 'report.docx'],
    ['attachment; filename=plain.txt', 'plain.txt'],
    ["attachment; filename*=UTF-8''%E0%A4%A", undefined],
    [null, undefined],
  ])('%s → %s', (header, name) => expect(fileNameOf(header)).toBe(name));

  it.each([
    ['report.pdf', '%PDF-1.7', 'report.pdf'],
    ['file', '%PDF-1.7', 'file.pdf'],
    ['file', 'PK\u0003\u0004', 'file.docx'],
    ['file', '<!DOCTYPE html><html>', 'file.html'],
    ['file', '某市卫生健康统计公报', 'file.txt'],
  ])('%s holding %j is stored as %s', (name, head, want) => expect(withExtension(name, enc(head))).toBe(want));
});

describe('npm run add-report', () => {
  it('adds from a terminal and prints the same summary, exiting 1 when a file was refused', async () => {
    const dir = await reportsDir();
    const file = join(await tempDir(), `add-${Date.now()}.html`);
    await writeFile(file, reportHtml(REPORT));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/add-report.ts', file, join(dir, 'missing.pdf')], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, SEEDS_DIR: dir },
    });
    expect(r.stdout).toMatch(/✓ .*add-\d+\.html → add-\d+\.html: 《安宁县2024年卫生健康工作总结》 安宁县; \d+ facts, 0 tables/);
    expect(r.stdout).toMatch(/✗ .*missing\.pdf: cannot be read \(ENOENT\)/);
    expect(r.status).toBe(1);
  }, 60_000);
});
