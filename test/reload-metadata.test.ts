import { cp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { describeWarnings, Reloader, type ReloadOutcome } from '../src/admin/reload.js';
import { StoreHolder } from '../src/core/store-holder.js';
import type { LoadProblem } from '../src/reports/load.js';
import type { DocMeta } from '../src/reports/types.js';
import { buildFactStore, digestOf } from '../src/store/fact-store.js';
import { tempState } from './helpers/state.js';
import { tempDirs } from './helpers/temp-dirs.js';

// Item 14: a reload that changes what a citation shows (a .meta.json edited, broken or removed)
// says the report changed, and the warnings the new store carries are in the reply and the log.

const tempDir = tempDirs('factbot-reload-');

const REPORT = '200_test_county.txt';
const META = '200_test_county.meta.json';
const GOOD_META = { title: '青山县卫生健康事业发展报告', publisher: '青山县卫生健康局', region: '青山县', parentRegion: '东海市', date: '2023-01-15' };

type Edit = (seeds: string) => Promise<void>;
const none: Edit = async () => {};
const breakJson: Edit = (seeds) => writeFile(join(seeds, META), '{ "title": "青山县卫生健康事业发展报告", ');
const badSchema: Edit = (seeds) => writeFile(join(seeds, META), JSON.stringify({ ...GOOD_META, date: 20230115 }));
const retitle: Edit = (seeds) => writeFile(join(seeds, META), JSON.stringify({ ...GOOD_META, title: '青山县卫生健康工作年报' }));
const removeMeta: Edit = (seeds) => rm(join(seeds, META));

interface Case {
  name: string;
  /** Done before the store that answers now is built. */
  before: Edit;
  /** Done between that build and the reload. */
  edit: Edit;
  changed: string[];
  says: string[];
  saysNot: string[];
  /** Warnings logged at warn, with whether each is new. */
  logged: { file: string; reason: RegExp; new: boolean }[];
}

const CASES: Case[] = [
  { name: 'nothing changed', before: none, edit: none, changed: [], says: ['报告没有变化'], saysNot: ['更新报告', '提醒'], logged: [] },
  {
    name: 'a .meta.json broken (not JSON)',
    before: none,
    edit: breakJson,
    changed: [REPORT],
    says: [`更新报告 ${REPORT}`, `新的提醒：${REPORT}（${META} ignored:`],
    saysNot: ['报告没有变化', '仍有提醒'],
    logged: [{ file: REPORT, reason: new RegExp(`^${META} ignored: `), new: true }],
  },
  {
    name: 'a .meta.json that fails its schema',
    before: none,
    edit: badSchema,
    changed: [REPORT],
    says: [`更新报告 ${REPORT}`, `新的提醒：${REPORT}（${META} ignored: date:`],
    saysNot: ['报告没有变化'],
    logged: [{ file: REPORT, reason: /ignored: date:/, new: true }],
  },
  { name: 'a report retitled in its .meta.json', before: none, edit: retitle, changed: [REPORT], says: [`更新报告 ${REPORT}`], saysNot: ['报告没有变化', '提醒'], logged: [] },
  { name: 'a .meta.json removed', before: none, edit: removeMeta, changed: [REPORT], says: [`更新报告 ${REPORT}`], saysNot: ['报告没有变化', '提醒'], logged: [] },
  {
    name: 'a .meta.json broken before, nothing changed since',
    before: breakJson,
    edit: none,
    changed: [],
    says: ['报告没有变化', `仍有提醒：${REPORT}`],
    saysNot: ['更新报告', '新的提醒'],
    logged: [{ file: REPORT, reason: new RegExp(`^${META} ignored: `), new: false }],
  },
  {
    name: 'a broken .meta.json mended',
    before: breakJson,
    edit: (seeds) => writeFile(join(seeds, META), JSON.stringify(GOOD_META)),
    changed: [REPORT],
    says: [`更新报告 ${REPORT}`],
    saysNot: ['报告没有变化', '提醒'],
    logged: [],
  },
];

/** A reports folder as test/fixtures/mini has it, a store built over it after `before`, and a reloader. */
async function setup(before: Edit): Promise<{ seeds: string; stores: StoreHolder; reloader: Reloader; lines: Record<string, unknown>[] }> {
  const seeds = await tempDir();
  await cp('test/fixtures/mini', seeds, { recursive: true });
  await before(seeds);
  const build = () => buildFactStore({ seedsDir: seeds, intentsDir: 'intents' });
  const stores = new StoreHolder(await build());
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  const reloader = new Reloader({ stores, build, state: await tempState(), log });
  return { seeds, stores, reloader, lines };
}

describe('a reload and the reports\' metadata', () => {
  it.each(CASES)('$name', async (c) => {
    const { seeds, stores, reloader, lines } = await setup(c.before);
    const old = stores.current.docs.get(REPORT)!;
    await c.edit(seeds);
    const outcome: ReloadOutcome = await reloader.reload('feishu:ou_admin');
    expect(outcome.ok).toBe(true);
    expect(outcome.diff?.docsChanged).toEqual(c.changed);
    for (const s of c.says) expect(outcome.summary).toContain(s);
    for (const s of c.saysNot) expect(outcome.summary).not.toContain(s);
    // A changed digest is a changed citation, and the other way round.
    const now = stores.current.docs.get(REPORT)!;
    expect(JSON.stringify(now.meta) !== JSON.stringify(old.meta)).toBe(c.changed.length > 0);
    const warned = lines.filter((l) => l.level === 40 && l.msg === 'report loaded with a warning');
    expect(warned).toHaveLength(c.logged.length);
    for (const [i, w] of c.logged.entries()) expect(warned[i]).toMatchObject({ file: w.file, reason: expect.stringMatching(w.reason), new: w.new, by: 'feishu:ou_admin' });
  });
});

describe('digestOf', () => {
  const meta: DocMeta = { title: '青山县卫生健康事业发展报告', region: '青山县', date: '2023-01-15', origin: 'file' };
  it.each<[string, DocMeta, boolean]>([
    ['the same metadata, fields in another order', { origin: 'file', date: '2023-01-15', region: '青山县', title: '青山县卫生健康事业发展报告' }, true],
    ['a field left undefined', { ...meta, publisher: undefined }, true],
    ['another title', { ...meta, title: '青山县卫生健康工作年报' }, false],
    ['another region', { ...meta, region: '白河市' }, false],
    ['another date', { ...meta, date: '2023' }, false],
    ['a publisher added', { ...meta, publisher: '青山县卫生健康局' }, false],
    ['derived rather than from the file', { ...meta, origin: 'derived' }, false],
  ])('%s: same digest %s', (_name, other, same) => {
    expect(digestOf(other, []) === digestOf(meta, [])).toBe(same);
  });
});

describe('describeWarnings', () => {
  const w = (file: string, reason = 'x.meta.json ignored: bad'): LoadProblem => ({ file, reason });
  const many = Array.from({ length: 12 }, (_, i) => w(`r${i}.txt`));
  it.each<[string, LoadProblem[], LoadProblem[], string]>([
    ['none', [], [], ''],
    ['a new one, in full', [w('a.txt')], [], '新的提醒：a.txt（x.meta.json ignored: bad）'],
    ['standing ones, by file, each once', [], [w('README.md', 'a README'), w('a.txt'), w('a.txt', 'other')], '仍有提醒：README.md、a.txt'],
    ['both', [w('b.txt')], [w('a.txt')], '新的提醒：b.txt（x.meta.json ignored: bad）；仍有提醒：a.txt'],
    ['more than ten new ones, counted', many, [], `新的提醒：${many.slice(0, 10).map((x) => `${x.file}（${x.reason}）`).join('；')}等 12 条`],
    ['more than ten standing files, counted', [], many, `仍有提醒：${many.slice(0, 10).map((x) => x.file).join('、')} 等 12 个文件`],
  ])('%s', (_name, fresh, standing, text) => {
    expect(describeWarnings({ fresh, standing })).toBe(text);
  });
});
