import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveMeta, splitPlace } from '../src/reports/metadata.js';
import { cleanReport } from '../src/reports/clean.js';
import { loadReports } from '../src/reports/load.js';
import { buildFactStore } from '../src/store/fact-store.js';
import { ask } from '../src/core/ask.js';
import { tempDirs } from './helpers/temp-dirs.js';

const tempDir = tempDirs('factbot-');

describe('loading reports from a folder with hostile files', () => {
  it('loads the good report and says why each bad file was skipped', async () => {
    const r = await loadReports('test/fixtures/hostile');
    expect(r.docs.map((d) => d.id).sort()).toEqual(['good_report.txt', 'table_dump.txt']);
    const reasons = Object.fromEntries(r.failures.map((f) => [f.file, f.reason]));
    expect(reasons['binary.txt']).toMatch(/binary/);
    expect(reasons['latin1.txt']).toMatch(/UTF-8/);
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['whitespace-only.txt']).toMatch(/empty/);
    expect(reasons['numbers-only.txt']).toMatch(/no paragraph/);
    // A Word file is read now; this one only looks like one.
    expect(reasons['notes.docx']).toMatch(/not a Word .docx file/);
    const warnings = r.warnings.map((w) => `${w.file}: ${w.reason}`).join('\n');
    expect(warnings).toMatch(/good_report.txt: good_report.meta.json ignored/);
    expect(warnings).toMatch(/orphan.meta.json: metadata without a report/);
  });

  it('derives what it can for a report whose metadata is broken', async () => {
    const r = await loadReports('test/fixtures/hostile');
    const good = r.docs.find((d) => d.id === 'good_report.txt')!;
    expect(good.meta).toMatchObject({ title: '某某县卫生健康工作简报', origin: 'derived' });
  });

  it('builds a store and answers from what did load', async () => {
    const store = await buildFactStore({ seedsDir: 'test/fixtures/hostile', intentsDir: 'intents' });
    expect(store.failures.length).toBe(6);
    expect(ask(store, '某某县有多少医疗卫生机构').answers[0]?.answer).toBe('318个');
  });

  it('refuses to build from a folder where nothing loads, naming the files', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'empty.txt'), '');
    await expect(buildFactStore({ seedsDir: dir, intentsDir: 'intents' })).rejects.toThrow(/empty\.txt/);
  });

  it('reads a README beside the reports as notes, not as a report, and says so', async () => {
    const dir = await tempDir();
    await cp('test/fixtures/mini/200_test_county.txt', join(dir, 'ok.txt'));
    await writeFile(join(dir, 'README.md'), '# 这些报告\n\n问题：全县有多少医院？答案：99家。\n');
    await writeFile(join(dir, 'readme.txt'), '说明：床位1000张。\n');
    const r = await loadReports(dir);
    expect(r.docs.map((d) => d.id)).toEqual(['ok.txt']);
    expect(r.warnings.map((w) => w.file).sort()).toEqual(['README.md', 'readme.txt']);
  });

  it('refuses a report over the size limit', async () => {
    const dir = await tempDir();
    await cp('test/fixtures/mini/200_test_county.txt', join(dir, 'ok.txt'));
    await writeFile(join(dir, 'huge.txt'), '全市共有医院5家。\n'.repeat(400_000));
    const r = await loadReports(dir);
    expect(r.docs.map((d) => d.id)).toEqual(['ok.txt']);
    expect(r.failures[0]).toMatchObject({ file: 'huge.txt', reason: expect.stringMatching(/limit/) });
  });
});

describe('metadata', () => {
  it('takes the sidecar over what the text says', async () => {
    const r = await loadReports('test/fixtures/mini');
    const county = r.docs.find((d) => d.id.startsWith('200'))!;
    expect(county.meta).toMatchObject({ title: '青山县卫生健康事业发展报告', region: '青山县', parentRegion: '东海市', date: '2023-01-15', origin: 'file' });
    expect(county.year).toBe(2023);
  });

  it.each([
    ['a letter: title, region, date and publisher from its letterhead', '201_no_meta.txt', { title: '白河市卫生健康委员会关于2022年工作情况的通报', region: '白河市', date: '2023-02-10' }],
  ])('derives %s', async (_n, file, expected) => {
    const r = await loadReports('test/fixtures/mini');
    expect(r.docs.find((d) => d.id === file)!.meta).toMatchObject({ ...expected, origin: 'derived' });
  });

  it('reads the region a report speaks for from its self-references', () => {
    const district = deriveMeta(cleanReport('枣庄市市中区人民政府\n\n全区共有村卫生室132家。我区医共体由市中区人民医院牵头。市中区加强基层建设。\n'), 'x');
    expect(district).toMatchObject({ region: '市中区', parentRegion: '枣庄市' });
    const city = deriveMeta(cleanReport('淄博市卫生健康工作\n\n淄博市持续推进改革,全市共建成专科联盟10个。淄博市还加快建设。\n'), 'x');
    expect(city.region).toBe('淄博市');
  });

  it('takes the article\'s title over the site name standing above it', () => {
    const page = deriveMeta(cleanReport('某县人民政府门户网站\n\n首页 > 政务公开\n\n某县"十四五"卫生健康事业发展规划中期评估报告\n\n全县共有村卫生室132家。\n'), 'x');
    expect(page.title).toBe('某县"十四五"卫生健康事业发展规划中期评估报告');
  });
});

describe('a sidecar region written with the places it lies in', () => {
  it.each([
    ['山西省晋阳市', { region: '晋阳市', parentRegion: '山西省' }],
    ['江苏省澄州市北湖区', { region: '北湖区', parentRegion: '澄州市' }],
    ['湖南省株洲市攸县', { region: '攸县', parentRegion: '株洲市' }],
    ['四川省凉山彝族自治州西昌市', { region: '西昌市', parentRegion: '凉山彝族自治州' }],
    ['郑州市二七区', { region: '二七区', parentRegion: '郑州市' }],
    // One place stays as it is, whatever its name holds (市中区, a city ending in 州 written whole).
    ['枣庄市', { region: '枣庄市' }],
    ['市中区', { region: '市中区' }],
    ['河北省', { region: '河北省' }],
    ['宁夏回族自治区', { region: '宁夏回族自治区' }],
    ['杭州市', { region: '杭州市' }],
    ['', { region: '' }],
    ['卫生健康委员会', { region: '卫生健康委员会' }],
  ])('%s', (place, expected) => expect(splitPlace(place)).toEqual(expected));

  it('answers for the place a sidecar writes whole (山西省晋阳市 → 晋阳)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '630_a.txt'), '晋阳市2024年卫生统计简报\n\n2024年末，全市每千人口床位数7.12张。\n');
    await writeFile(join(dir, '630_a.meta.json'), JSON.stringify({ title: '晋阳市2024年卫生统计简报', region: '山西省晋阳市' }));
    const store = await buildFactStore({ seedsDir: dir, intentsDir: 'intents' });
    expect(store.docs.get('630_a.txt')?.meta).toMatchObject({ region: '晋阳市', parentRegion: '山西省' });
    expect(ask(store, '晋阳每千人口床位数是多少').answers[0]?.answer).toBe('7.12张');
  });
});
