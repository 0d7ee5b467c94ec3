import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteState } from '../../src/state/sqlite-state.js';
import { FakeFeishu } from '../helpers/fake-feishu.js';
import { deliver, messageEvent } from '../helpers/feishu-events.js';
import { feishuEnv } from '../helpers/feishu-events.js';
import { tempDir } from '../helpers/state.js';
import { Tally } from './helpers/tally.js';

// Crash before flush (issue 12): a process killed right after claiming message ids (and so after
// acknowledging them) must not answer them again when the platform or an attacker replays them.
// The default state (SQLite, WAL) commits each claim before the acknowledgement; killed within
// milliseconds, before its first checkpoint (every second), the process leaves them in the WAL.

const tally = new Tally('crash-before-flush');
afterAll(() => tally.print());

function claimAndDie(dir: string, ids: string[]): number {
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'test/reliability/helpers/claim-and-die.ts', dir, ...ids], { encoding: 'utf8' });
  expect(out.signal).toBe('SIGKILL');
  return Number(out.stdout.trim());
}

describe('SQLite state keeps claims through SIGKILL', () => {
  it('ids claimed just before a kill are known after a restart', async () => {
    const dir = tempDir();
    const ids = Array.from({ length: 50 }, (_, i) => `om_crash_${i}`);
    expect(claimAndDie(dir, ids)).toBe(50);
    // Killed with the WAL not folded into state.db (a clean close would have removed it).
    expect(statSync(join(dir, 'state.db-wal')).size).toBeGreaterThan(0);
    const state = await SqliteState.open(dir);
    for (const id of ids) expect(await state.firstSighting(id, 60_000)).toBe(false);
    expect(await state.firstSighting('om_crash_new', 60_000)).toBe(true);
    await state.close();
    tally.add('crash before flush', { inputs: 50, faults: 1 });
  });

  it('a second kill, after a restart and more claims, loses neither generation', async () => {
    const dir = tempDir();
    expect(claimAndDie(dir, ['a1', 'a2'])).toBe(2);
    expect(claimAndDie(dir, ['a1', 'b1', 'b2'])).toBe(2);
    const state = await SqliteState.open(dir);
    for (const id of ['a1', 'a2', 'b1', 'b2']) expect(await state.firstSighting(id, 60_000)).toBe(false);
    await state.close();
    // A clean close folds the WAL into state.db and removes it.
    expect(readdirSync(dir)).toEqual(['state.db']);
    tally.add('crash before flush', { inputs: 5, faults: 2 });
  });
});

describe('the server killed after acknowledging answers no replay twice', () => {
  const fake = new FakeFeishu();
  afterAll(() => fake.stop());

  /** Starts the bot on its default state (DATA_DIR/state.db); resolves with its port once it listens. */
  async function bot(dataDir: string): Promise<{ port: number; kill: () => Promise<void> }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', RATE_USER_PER_MIN: '10000', RATE_CHAT_PER_MIN: '100000', ...feishuEnv(fake.url) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (c: Buffer) => {
        buffered += c.toString();
        const m = /"port":(\d+)[^\n]*"msg":"factbot listening"/.exec(buffered);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before listening`)));
    });
    return { port, kill: () => new Promise((r) => (child.once('exit', () => r()), child.kill('SIGKILL'))) };
  }

  it('five deliveries acknowledged, the process killed, the five replayed: none answered twice', async () => {
    await fake.start();
    const dataDir = tempDir();
    const events = Array.from({ length: 5 }, (_, i) => deliver(messageEvent({ text: '枣庄实际开放床位多少张', messageId: `om_kill_${i}`, eventId: `ev_kill_${i}` })));
    const first = await bot(dataDir);
    for (const e of events) expect((await fetch(`http://127.0.0.1:${first.port}/feishu/events`, { method: 'POST', body: e.body, headers: e.headers })).status).toBe(200);
    await first.kill();
    const answeredBefore = fake.sends.filter((s) => s.path.endsWith('/reply')).length;

    const second = await bot(dataDir);
    for (const e of events) expect((await fetch(`http://127.0.0.1:${second.port}/feishu/events`, { method: 'POST', body: e.body, headers: e.headers })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    await second.kill();
    const replies = fake.sends.filter((s) => s.path.endsWith('/reply')).map((s) => s.path);
    // At most once each: what the killed process had not answered is lost, never doubled.
    expect(new Set(replies).size).toBe(replies.length);
    expect(replies.length).toBe(answeredBefore);
    tally.add('crash before flush', { inputs: 10, faults: 1 });
  }, 120_000);
});
