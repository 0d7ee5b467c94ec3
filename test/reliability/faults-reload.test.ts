import { copyFileSync, existsSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ask } from '../../src/core/ask.js';
import { readConfig } from '../../src/config.js';
import { startServer, type Running } from '../../src/server/start.js';
import { buildFactStore } from '../../src/store/fact-store.js';
import { FakeFeishu } from '../helpers/fake-feishu.js';
import { APP, feishuEnv } from '../helpers/feishu-events.js';
import { tempDir, tempState } from '../helpers/state.js';
import { SEED } from './helpers/arbitraries.js';
import { feishuMessage, postFeishu } from './helpers/events.js';
import { Tally } from './helpers/tally.js';

// A report file disappearing during a reload. src/admin/reload.ts documents: a reload that fails,
// or that would lose a report which loaded before, keeps the old store and names the file; a file
// that never loaded and cannot be read now is skipped and named; a report removed from the folder
// before the reload lists it is a removal, and the reload drops it. The bot keeps answering.
//
// "Between listing and reading" is made exact: node:fs/promises is wrapped so that a hook runs
// right after loadReports' readdir of the seeds folder, and deletes files there.

const hooks = vi.hoisted(() => ({ afterReaddir: undefined as undefined | ((dir: string) => void) }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (async (...args: Parameters<typeof real.readdir>) => {
    const names = await real.readdir(...args);
    hooks.afterReaddir?.(String(args[0]));
    return names;
  }) as typeof real.readdir;
  return { ...real, readdir, default: { ...real, readdir } };
});

const tally = new Tally('faults-reload');
const SEEDS = resolve('seeds');
const INTENTS = resolve('intents');
const REPORTS = readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort();
/** The report that answers the probe question below. */
const ZAOZHUANG = '000_40ca54400f45fed3.txt';
const PROBE = '枣庄实际开放床位多少张';
const seeds = tempDir('factbot-seeds-');
const fake = new FakeFeishu();
let running: Running;
let seq = 0;

/** Puts the folder back as seeds/ has it, plus `extra` reports. */
function restore(extra: string[] = []): void {
  for (const n of readdirSync(seeds)) rmSync(join(seeds, n), { force: true });
  for (const n of readdirSync(SEEDS)) copyFileSync(join(SEEDS, n), join(seeds, n));
  for (const n of extra) copyFileSync(join(SEEDS, ZAOZHUANG), join(seeds, n));
}

beforeAll(async () => {
  restore();
  await fake.start();
  const build = () => buildFactStore({ seedsDir: seeds, intentsDir: INTENTS });
  running = await startServer({
    config: readConfig({
      PORT: '0', HOST: '127.0.0.1', ...feishuEnv(fake.url), ADMIN_IDS: 'feishu:ou_admin', RATE_USER_PER_MIN: '10000', RATE_CHAT_PER_MIN: '100000',
    }),
    store: await build(),
    build,
    state: await tempState(),
    schedule: false,
    log: pino({ level: 'silent' }),
    sleep: async () => {},
  });
});
afterAll(async () => {
  hooks.afterReaddir = undefined;
  await running.close();
  await fake.stop();
  tally.print();
});
beforeEach(() => {
  hooks.afterReaddir = undefined;
  restore();
});

/** Asks through the real webhook; resolves to the reply card's text. */
async function askOverFeishu(text: string, from = 'ou_member'): Promise<string> {
  const n = ++seq;
  const messageId = `om_reload_${n}`;
  expect(await postFeishu(running.port, feishuMessage({ text, messageId, chatId: `oc_reload_${n}`, userId: from }))).toBe(200);
  await running.settle();
  const replies = fake.sends.filter((s) => s.path === `/open-apis/im/v1/messages/${messageId}/reply`);
  expect(replies).toHaveLength(1);
  // Card markdown escapes _ and friends as character references.
  return String(replies[0]!.body.content).replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}

/** Deletes `names` from the seeds folder right after the reload lists it. */
function vanishAfterListing(names: string[]): void {
  hooks.afterReaddir = (dir) => {
    if (resolve(dir) !== resolve(seeds)) return;
    for (const n of names) if (existsSync(join(seeds, n))) unlinkSync(join(seeds, n));
  };
}

describe('a report that loaded before disappears during a reload', () => {
  it('as a dangling symlink: the old store stays, the reload names the file, the bot still answers', async () => {
    const before = running.stores.current;
    unlinkSync(join(seeds, ZAOZHUANG));
    symlinkSync(join(seeds, 'nowhere', ZAOZHUANG), join(seeds, ZAOZHUANG));
    const card = await askOverFeishu('/reload', 'ou_admin');
    expect(card).toContain('重新加载已取消');
    expect(card).toContain(ZAOZHUANG);
    expect(card).toContain('ENOENT');
    expect(running.stores.current).toBe(before);
    expect(await askOverFeishu(PROBE)).toContain('25970张');
    tally.add('reload with a vanishing report', { inputs: 1, faults: 1 });
  });

  it('deleted between listing and reading: the old store stays and the file is named', async () => {
    const before = running.stores.current;
    vanishAfterListing([ZAOZHUANG]);
    const outcome = await running.reloader.reload('feishu:ou_admin');
    expect(outcome.ok).toBe(false);
    expect(outcome.summary).toContain(ZAOZHUANG);
    expect(outcome.failures.map((f) => f.file)).toEqual([ZAOZHUANG]);
    expect(running.stores.current).toBe(before);
    expect(await askOverFeishu(PROBE)).toContain('25970张');
    tally.add('reload with a vanishing report', { inputs: 1, faults: 1 });
  });

  it('every report deleted between listing and reading: the reload fails, the old store answers', async () => {
    const before = running.stores.current;
    vanishAfterListing(REPORTS);
    const outcome = await running.reloader.reload('feishu:ou_admin');
    expect(outcome.ok).toBe(false);
    expect(running.stores.current).toBe(before);
    expect(await askOverFeishu(PROBE)).toContain('25970张');
    tally.add('reload with a vanishing report', { inputs: 1, faults: REPORTS.length });
  });

  it('its metadata file deleted between listing and reading: the report loads on derived metadata', async () => {
    vanishAfterListing([ZAOZHUANG.replace(/\.txt$/, '.meta.json')]);
    const outcome = await running.reloader.reload('feishu:ou_admin');
    expect(outcome.ok).toBe(true);
    expect(running.stores.current.docs.has(ZAOZHUANG)).toBe(true);
    expect(running.stores.current.warnings.map((w) => w.file)).toContain(ZAOZHUANG);
    expect(await askOverFeishu(PROBE)).toContain('25970张');
    tally.add('reload with a vanishing report', { inputs: 1, faults: 1 });
  });
});

describe('a report that never loaded disappears during a reload', () => {
  it('is skipped and named; the others reload', async () => {
    const before = running.stores.current;
    restore(['900_new_report.txt']);
    vanishAfterListing(['900_new_report.txt']);
    const outcome = await running.reloader.reload('feishu:ou_admin');
    expect(outcome.ok).toBe(true);
    expect(outcome.summary).toContain('未能读取 900_new_report.txt');
    expect(running.stores.current).not.toBe(before);
    expect([...running.stores.current.docs.keys()].sort()).toEqual(REPORTS);
    tally.add('reload with a vanishing report', { inputs: 1, faults: 1 });
  });
});

describe('a report removed before the reload lists the folder', () => {
  it('is a removal: the reload drops it and says so; it comes back with the file', async () => {
    unlinkSync(join(seeds, ZAOZHUANG));
    const removed = await running.reloader.reload('feishu:ou_admin');
    expect(removed.ok).toBe(true);
    expect(removed.summary).toContain(`移除报告 ${ZAOZHUANG}`);
    expect(running.stores.current.docs.has(ZAOZHUANG)).toBe(false);
    expect(await askOverFeishu(PROBE)).not.toContain('25970张');
    restore();
    const back = await running.reloader.reload('feishu:ou_admin');
    expect(back.summary).toContain(`新增报告 ${ZAOZHUANG}`);
    expect(await askOverFeishu(PROBE)).toContain('25970张');
    tally.add('reload with a vanishing report', { inputs: 2, faults: 1 });
  });
});

type FileFault = 'none' | 'deleted before' | 'dangling symlink' | 'vanishes after listing' | 'emptied' | 'binary';
const BROKEN: FileFault[] = ['dangling symlink', 'vanishes after listing', 'emptied', 'binary'];

describe('random faults over a run of reloads', () => {
  it('keeps the old store exactly when a report that loaded before cannot be read, names it, and keeps answering', async () => {
    const files = [...REPORTS, '900_new_report.txt'];
    const fault = fc.oneof({ weight: 6, arbitrary: fc.constant<FileFault>('none') }, { weight: 4, arbitrary: fc.constantFrom<FileFault>('deleted before', ...BROKEN) });
    let inputs = 0;
    let injected = 0;
    let failures = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fault, { minLength: files.length, maxLength: files.length }), async (faults) => {
          inputs++;
          try {
            restore(['900_new_report.txt']);
            const before = running.stores.current;
            const vanish: string[] = [];
            faults.forEach((f, i) => {
              const path = join(seeds, files[i]!);
              if (f !== 'none') injected++;
              if (f === 'deleted before') unlinkSync(path);
              if (f === 'dangling symlink') {
                unlinkSync(path);
                symlinkSync(join(seeds, 'gone', files[i]!), path);
              }
              if (f === 'vanishes after listing') vanish.push(files[i]!);
              if (f === 'emptied') writeFileSync(path, '');
              if (f === 'binary') writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
            });
            vanishAfterListing(vanish);
            const outcome = await running.reloader.reload('feishu:ou_admin');
            hooks.afterReaddir = undefined;

            const broken = files.filter((_f, i) => BROKEN.includes(faults[i]!));
            const loadable = files.filter((_f, i) => faults[i] === 'none');
            const lost = broken.filter((f) => before.docs.has(f));
            expect(outcome.ok).toBe(lost.length === 0 && loadable.length > 0);
            if (!outcome.ok) {
              expect(running.stores.current).toBe(before);
              for (const f of lost) expect(outcome.summary).toContain(f);
            } else {
              expect([...running.stores.current.docs.keys()].sort()).toEqual(loadable.sort());
              for (const f of broken) expect(outcome.summary).toContain(f);
            }
            // Whatever happened, the store in use answers, and answers the probe while it has the report.
            const r = ask(running.stores.current, PROBE);
            if (running.stores.current.docs.has(ZAOZHUANG)) expect(r.answers[0]?.answer).toBe('25970张');
            expect(running.stores.current.docs.size).toBeGreaterThan(0);
          } catch (err) {
            failures++;
            throw err;
          }
        }),
        { numRuns: 30, seed: SEED },
      );
    } finally {
      tally.add('reload with random file faults (reloads)', { inputs, faults: injected, failures });
    }
    // And over the real webhook after the whole run.
    restore();
    await running.reloader.reload('feishu:ou_admin');
    expect(await askOverFeishu(PROBE)).toContain('25970张');
  }, 120_000);
});
