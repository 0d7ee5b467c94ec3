import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskTarget } from '../../src/push/mask.js';
import { SqliteState } from '../../src/state/sqlite-state.js';
import { APP } from '../helpers/feishu-events.js';
import { tempDir } from '../helpers/state.js';
import { FaultyFeishu } from './helpers/faulty-feishu.js';
import { HangingWeCom } from './helpers/hanging-wecom.js';
import { Tally, until } from './helpers/tally.js';

// The process killed during a push. `npm run push` runs in a child process (node --import tsx
// src/cli/push.ts) with its state in a temporary DATA_DIR, pushing to the groups of a targets file
// on fake platforms whose answers can be held back; it is SIGKILLed while a send waits for its
// answer, and run again.
//
// Four runs: one killed while WeCom group g2's send waits, one killed while Feishu chat k3's send
// waits (g2's claim still live), one 11 minutes later, and one with --resend-unknown.
// The claim lease is 10 minutes (src/push/daily.ts). Runs "after the lease" are the same CLI
// started with its clock 11 minutes ahead (Date.now shifted by a preloaded module), which is
// what a run 11 minutes later sees, without waiting 11 minutes.
// WeCom robot keys are credentials: the CLI shows them masked (wecom-hook:…0002), and neither its
// output nor its log ever holds one.

const tally = new Tally('faults-push-kill');
const DAY = '2026-11-22';
const wecom = new HangingWeCom();
const feishu = new FaultyFeishu();
const dataDir = tempDir('factbot-push-kill-');
const targetsFile = join(dataDir, 'targets.json');
// WeCom robot keys of groups g1, g2, g4.
const G1 = 'robot-key-of-group-0001';
const G2 = 'robot-key-of-group-0002';
const G4 = 'robot-key-of-group-0004';
// Pushed in this order, one after another.
const TARGETS = [`wecom-hook:${G1}`, `wecom-hook:${G2}`, 'feishu:oc_k3', `wecom-hook:${G4}`];
/** The line of the push CLI's output for a target and its status. */
const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
const line = (target: string, status: string) => new RegExp(`${escape(maskTarget(target))}\\n\\s+${status}`);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the push CLI; `killWhen` is polled and, once true, the child is SIGKILLed. */
async function runPush(opts: { clockAheadMs?: number; killWhen?: () => boolean; args?: string[] } = {}): Promise<Run> {
  const preload = opts.clockAheadMs ? ['--import', `data:text/javascript,const r=Date.now;Date.now=()=>r()+${opts.clockAheadMs}`] : [];
  const child = spawn(process.execPath, [...preload, '--import', 'tsx', 'src/cli/push.ts', '--day', DAY, ...(opts.args ?? [])], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PUSH_TARGETS_FILE: targetsFile,
      WECOM_API_BASE: wecom.url,
      FEISHU_APP_ID: APP.appId,
      FEISHU_APP_SECRET: APP.appSecret,
      FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
      FEISHU_DOMAIN: feishu.url,
      REDIS_URL: undefined,
      ADMIN_IDS: undefined,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  if (opts.killWhen) {
    const seen = await Promise.race([until(opts.killWhen, 60_000, 20), exited.then(() => false)]);
    if (seen) child.kill('SIGKILL');
  }
  const { code, signal } = await exited;
  return { code, signal, stdout, stderr };
}

interface Mark {
  status: string;
  until: number;
  factKey?: string;
}
/** The day's push mark of a target, as the CLI left it in DATA_DIR/state.db. */
const claimOf = (target: string): Mark | undefined => {
  const db = new Database(join(dataDir, 'state.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT status, until, fact_key FROM pushes WHERE day = ? AND target = ?').get(DAY, target) as { status: string; until: number; fact_key: string | null } | undefined;
    return row && { status: row.status, until: row.until, ...(row.fact_key !== null ? { factKey: row.fact_key } : {}) };
  } finally {
    db.close();
  }
};

async function pushDone(): Promise<Record<string, boolean>> {
  const state = await SqliteState.open(dataDir);
  const out: Record<string, boolean> = {};
  for (const t of TARGETS) out[t] = await state.pushDone(t, DAY);
  await state.close();
  return out;
}

/** What each group has seen posted: WeCom groups by request, the Feishu chat by delivered message (uuid folded). */
const seen = () => ({
  g1: wecom.postedTo(G1),
  g2: wecom.postedTo(G2),
  k3: feishu.deliveriesFor('oc_k3'),
  g4: wecom.postedTo(G4),
});
const pushDoneByGroup = async () => {
  const done = await pushDone();
  return { g1: done[`wecom-hook:${G1}`], g2: done[`wecom-hook:${G2}`], k3: done['feishu:oc_k3'], g4: done[`wecom-hook:${G4}`] };
};
/** No run's output or log holds a robot key. */
const keysShown = (run: Run) => [G1, G2, G4].filter((k) => (run.stdout + run.stderr).includes(k));

beforeAll(async () => {
  await wecom.start();
  await feishu.start();
  writeFileSync(targetsFile, JSON.stringify(TARGETS.map((target) => ({ target }))));
});
afterAll(async () => {
  await wecom.stop();
  await feishu.stop();
  tally.print();
});

describe('npm run push, SIGKILLed while a send waits for its answer, then run again', () => {
  let afterLease: Promise<Run> | undefined;
  /** The run 11 minutes later, once, shared by the tests that look at it. */
  const runAfterLease = () => (afterLease ??= runPush({ clockAheadMs: 11 * 60_000 }));

  it('run 1, killed at the second group: the first is marked sent, the second recorded as sending its fact', async () => {
    wecom.hangNext.add(G2);
    const run = await runPush({ killWhen: () => wecom.postedTo(G2) === 1 });
    expect(run.signal).toBe('SIGKILL');
    wecom.release();
    expect(seen()).toEqual({ g1: 1, g2: 1, k3: 0, g4: 0 });
    // Claims, and the fact being sent, are on disk before a send: the one in flight is held for its lease.
    expect(claimOf(`wecom-hook:${G1}`)?.status).toBe('sent');
    expect(claimOf(`wecom-hook:${G2}`)).toMatchObject({ status: 'sending', factKey: expect.stringContaining('|') });
    expect(claimOf(`wecom-hook:${G2}`)!.until).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(claimOf('feishu:oc_k3')).toBeUndefined();
    expect(keysShown(run)).toEqual([]);
    tally.add('push killed mid-send (child runs)', { inputs: 1, faults: 1 });
  }, 90_000);

  it('run 2, killed at the Feishu chat: the second group is not pushed again within its lease', async () => {
    feishu.inject('oc_k3', { kind: 'take-then-hang' });
    const run = await runPush({ killWhen: () => feishu.attemptsFor('oc_k3').length === 1 });
    expect(run.signal).toBe('SIGKILL');
    feishu.release();
    // g1 was skipped (sent), g2 skipped (its claim is live), k3 reached and cut off.
    expect(seen()).toEqual({ g1: 1, g2: 1, k3: 1, g4: 0 });
    expect(claimOf('feishu:oc_k3')?.status).toBe('sending');
    // pushDone says what was acknowledged, not what the groups saw: the two sends cut off by a
    // kill reached their groups, but no answer came back, so they are not marked done.
    expect(await pushDoneByGroup()).toEqual({ g1: true, g2: false, k3: false, g4: false });
    expect(keysShown(run)).toEqual([]);
    tally.add('push killed mid-send (child runs)', { inputs: 1, faults: 1 });
  }, 90_000);

  it('run 3, 11 minutes later: the WeCom group cut off is unknown and not sent again; the Feishu chat is (same uuid); the last group too', async () => {
    const run = await runAfterLease();
    // Exit 1: a push whose outcome is unknown needs someone to look.
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(line(`wecom-hook:${G1}`, 'skipped'));
    expect(run.stdout).toMatch(line(`wecom-hook:${G2}`, 'unknown'));
    expect(run.stdout).toContain('--resend-unknown');
    expect(run.stdout).toMatch(line('feishu:oc_k3', 'sent'));
    expect(run.stdout).toMatch(line(`wecom-hook:${G4}`, 'sent'));
    expect(await pushDoneByGroup()).toEqual({ g1: true, g2: false, k3: true, g4: true });
    expect(claimOf(`wecom-hook:${G2}`)?.status).toBe('unknown');
    // The admins are told through the log (ADMIN_IDS is empty here), the target masked.
    expect(run.stderr).toContain('push cut off mid-send reported to admins');
    expect(run.stderr).toContain('wecom-hook:…0002');
    expect(keysShown(run)).toEqual([]);
    // The Feishu chat: the second send carries the first one's idempotency uuid, so Feishu (which
    // keeps a uuid for an hour, longer than the lease) posts nothing new: exactly once.
    const attempts = feishu.attemptsFor('oc_k3');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.uuid).toBe(attempts[1]!.uuid);
    tally.add('push killed mid-send (child runs)', { inputs: 1 });
  }, 90_000);

  // Was the known duplicate push (issue 12, item 16): a WeCom group robot webhook takes no
  // idempotency key, and the send cut off after WeCom posted the message was posted again after
  // the lease. Now the "sending" mark recorded before the send tells the next run it was cut off.
  it('run 3, 11 minutes later: no group gets the day\'s push twice', async () => {
    await runAfterLease();
    await tally.check('push after a kill: at most once per group', { inputs: 1 }, () => {
      expect(seen()).toEqual({ g1: 1, g2: 1, k3: 1, g4: 1 });
    });
  }, 90_000);

  it('run 4, --resend-unknown: the admin sends the cut-off group its fact again, on purpose', async () => {
    await runAfterLease();
    const run = await runPush({ clockAheadMs: 12 * 60_000, args: ['--resend-unknown'] });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(line(`wecom-hook:${G2}`, 'sent'));
    expect(seen()).toEqual({ g1: 1, g2: 2, k3: 1, g4: 1 });
    // The same fact as the cut-off send.
    const bodies = wecom.posted.filter((p) => p.key === G2).map((p) => JSON.stringify(p.body));
    expect(bodies[1]).toBe(bodies[0]);
    expect(await pushDoneByGroup()).toEqual({ g1: true, g2: true, k3: true, g4: true });
    expect(keysShown(run)).toEqual([]);
    tally.add('push killed mid-send (child runs)', { inputs: 1 });
  }, 90_000);
});
