import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addReports } from '../src/admin/add-report.js';
import { isUnder, loadReports, OUTSIDE_LINK } from '../src/reports/load.js';
import { buildFactStore } from '../src/store/fact-store.js';
import { tempDirs } from './helpers/temp-dirs.js';

// Item 13: a link in the reports folder is followed only to a file inside the folder. Each case is
// a real folder on disk: root/seeds (the reports folder, with one ordinary report) beside
// root/outside and root/seeds-evil (a sibling whose name starts with the folder's).

const tempDir = tempDirs('factbot-links-');

const COUNTY = 'test/fixtures/mini/200_test_county.txt';
/** A report no answer may ever come from: it lies outside the reports folder. */
const SECRET = '# 外部机密报告\n\n截至2022年底，全县共有秘密医院77家。\n';
const SECRET_META = JSON.stringify({ title: '外部机密标题', region: '机密县', date: '2020' });

/** A reports folder with ok.txt, and files outside it for links to point at. */
async function folder(): Promise<{ root: string; seeds: string }> {
  const root = await tempDir();
  const seeds = join(root, 'seeds');
  await mkdir(seeds);
  await mkdir(join(root, 'outside'));
  await mkdir(join(root, 'seeds-evil'));
  await mkdir(join(seeds, '.kept'));
  await cp(COUNTY, join(seeds, 'ok.txt'));
  await writeFile(join(root, 'outside', 'secret.txt'), SECRET);
  await writeFile(join(root, 'outside', 'secret.meta.json'), SECRET_META);
  await writeFile(join(root, 'seeds-evil', 'secret.txt'), SECRET);
  await cp(COUNTY, join(seeds, '.kept', 'inner.txt'));
  await writeFile(join(seeds, '.kept', 'inner.meta.json'), JSON.stringify({ title: '里面的标题', region: '青山县' }));
  return { root, seeds };
}

interface Case {
  name: string;
  /** Links to make: [link name in seeds/, target; relative targets are relative to seeds/]. */
  links: [string, (root: string) => string][];
  /** The file the case is about, and what becomes of it. */
  file: string;
  loads: boolean;
  failure?: RegExp;
  warning?: RegExp;
  title?: string;
}

const CASES: Case[] = [
  { name: 'a link to a file outside (absolute)', links: [['x.txt', (r) => join(r, 'outside', 'secret.txt')]], file: 'x.txt', loads: false, failure: /^a link to a file outside the reports folder; copy the file in instead$/ },
  { name: 'a link to a file outside (relative, ../)', links: [['x.txt', () => '../outside/secret.txt']], file: 'x.txt', loads: false, failure: /outside the reports folder/ },
  { name: 'a link into a sibling folder named like the reports folder', links: [['x.txt', (r) => join(r, 'seeds-evil', 'secret.txt')]], file: 'x.txt', loads: false, failure: /outside the reports folder/ },
  { name: 'a link to a file inside the folder', links: [['x.txt', (r) => join(r, 'seeds', '.kept', 'inner.txt')]], file: 'x.txt', loads: true },
  { name: 'a link to another report of the folder (relative)', links: [['x.txt', () => 'ok.txt']], file: 'x.txt', loads: true },
  { name: 'a link to a directory outside', links: [['x.txt', (r) => join(r, 'outside')]], file: 'x.txt', loads: false, failure: /outside the reports folder/ },
  { name: 'a link to a directory inside', links: [['x.txt', (r) => join(r, 'seeds', '.kept')]], file: 'x.txt', loads: false, failure: /^not a regular file$/ },
  { name: 'a dangling link', links: [['x.txt', (r) => join(r, 'seeds', 'nowhere', 'gone.txt')]], file: 'x.txt', loads: false, failure: /ENOENT/ },
  {
    name: 'a .meta.json linking outside',
    links: [['ok.meta.json', (r) => join(r, 'outside', 'secret.meta.json')]],
    file: 'ok.txt',
    loads: true,
    warning: /^ok\.meta\.json ignored: a link to a file outside the reports folder; copy the file in instead$/,
    title: '青山县卫生健康事业发展报告',
  },
  { name: 'a .meta.json linking inside', links: [['ok.meta.json', (r) => join(r, 'seeds', '.kept', 'inner.meta.json')]], file: 'ok.txt', loads: true, title: '里面的标题' },
  { name: 'a dangling .meta.json', links: [['ok.meta.json', (r) => join(r, 'outside', 'gone.meta.json')]], file: 'ok.txt', loads: true, warning: /^ok\.meta\.json ignored: ENOENT/ },
];

describe('links in the reports folder', () => {
  it.each(CASES)('$name', async (c) => {
    const { root, seeds } = await folder();
    for (const [name, target] of c.links) await symlink(target(root), join(seeds, name));
    const r = await loadReports(seeds);
    expect(r.docs.some((d) => d.id === c.file)).toBe(c.loads);
    expect(r.docs.map((d) => d.id)).toContain('ok.txt');
    const failure = r.failures.find((f) => f.file === c.file);
    if (c.failure) expect(failure?.reason).toMatch(c.failure);
    else expect(failure).toBeUndefined();
    const warnings = r.warnings.filter((w) => w.file === c.file).map((w) => w.reason);
    if (c.warning) expect(warnings).toContainEqual(expect.stringMatching(c.warning));
    if (c.title) expect(r.docs.find((d) => d.id === c.file)?.meta.title).toBe(c.title);
    // Nothing of a file outside reaches a report, its metadata or a reason, nor where it lies.
    const seen = JSON.stringify(r);
    expect(seen).not.toContain('秘密医院');
    expect(seen).not.toContain('外部机密');
    expect(seen).not.toContain('secret');
  });

  it('follows links inside a folder that is itself reached by a link', async () => {
    const { root, seeds } = await folder();
    await symlink(join(seeds, '.kept', 'inner.txt'), join(seeds, 'x.txt'));
    await symlink(join(root, 'outside', 'secret.txt'), join(seeds, 'y.txt'));
    await symlink(seeds, join(root, 'seeds-link'));
    const r = await loadReports(join(root, 'seeds-link'));
    expect(r.docs.map((d) => d.id).sort()).toEqual(['ok.txt', 'x.txt']);
    expect(r.failures).toEqual([{ file: 'y.txt', reason: OUTSIDE_LINK }]);
  });

  it('builds a store that cannot answer from a file outside', async () => {
    const { root, seeds } = await folder();
    await symlink(join(root, 'outside', 'secret.txt'), join(seeds, 'x.txt'));
    const store = await buildFactStore({ seedsDir: seeds, intentsDir: 'intents' });
    expect([...store.docs.keys()]).toEqual(['ok.txt']);
    expect(store.facts.some((f) => f.quote.includes('秘密医院'))).toBe(false);
    expect(store.failures).toEqual([{ file: 'x.txt', reason: OUTSIDE_LINK }]);
  });

  it('compares an upload only with the folder\'s own files: neither a link outside nor a dangling one is a duplicate or an error', async () => {
    const { root, seeds } = await folder();
    await symlink(join(root, 'outside', 'secret.txt'), join(seeds, 'x.txt'));
    await symlink(join(root, 'outside', 'gone.txt'), join(seeds, 'y.txt'));
    const bytes = new Uint8Array(await readFile(join(root, 'outside', 'secret.txt')));
    const { outcomes } = await addReports([{ name: 'copy.txt', bytes }], { seedsDir: seeds, intentsDir: 'intents' });
    expect(outcomes).toEqual([expect.objectContaining({ file: 'copy.txt', status: 'added', stored: 'copy.txt' })]);
  });
});

describe('isUnder', () => {
  it.each([
    ['/r/seeds', '/r/seeds/a.txt', true],
    ['/r/seeds', '/r/seeds/.kept/a.txt', true],
    ['/r/seeds', '/r/seeds/..a.txt', true],
    ['/r/seeds', '/r/seeds', true],
    ['/r/seeds', '/r/seeds-evil/a.txt', false],
    ['/r/seeds', '/r/outside/a.txt', false],
    ['/r/seeds', '/r', false],
    ['/r/seeds', '/etc/passwd', false],
  ])('%s holds %s: %s', (folder, path, under) => {
    expect(isUnder(folder, path)).toBe(under);
  });
});
