import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileState } from '../../src/state/file-state.js';
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
// Three runs: one killed while WeCom group g2's send waits, one killed while Feishu chat k3's send
// waits (g2's claim still live), one 11 minutes later.
// The claim lease is 10 minutes (src/push/daily.ts). Runs "after the lease" are the same CLI
// started with its clock 11 minutes ahead (Date.now shifted by a preloaded module), which is
// what a run 11 minutes later sees, without waiting 11 minutes.

const tally = new Tally('faults-push-kill');
const DAY = '2026-11-22';
const wecom = new HangingWeCom();
const feishu = new FaultyFeishu();
const dataDir = tempDir('factbot-push-kill-');
const targetsFile = join(dataDir, 'targets.json');
// Pushed in this order, one after another.
const TARGETS = ['wecom-hook:g1', 'wecom-hook:g2', 'feishu:oc_k3', 'wecom-hook:g4'];

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the push CLI; `killWhen` is polled and, once true, the child is SIGKILLed. */
async function runPush(opts: { clockAheadMs?: number; killWhen?: () => boolean } = {}): Promise<Run> {
  const preload = opts.clockAheadMs ? ['--import', `data:text/javascript,const r=Date.now;Date.now=()=>r()+${opts.clockAheadMs}`] : [];
  const child = spawn(process.execPath, [...preload, '--import', 'tsx', 'src/cli/push.ts', '--day', DAY], {
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

type Persisted = { pushes: Record<string, { status: string; until: number }> };
const claims = (): Persisted['pushes'] => (JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as Persisted).pushes;
const claimOf = (target: string) => claims()[`${DAY}|${target}`];

async function pushDone(): Promise<Record<string, boolean>> {
  const state = await FileState.open(dataDir);
  const out: Record<string, boolean> = {};
  for (const t of TARGETS) out[t] = await state.pushDone(t, DAY);
  return out;
}

/** What each group has seen posted: WeCom groups by request, the Feishu chat by delivered message (uuid folded). */
const seen = () => ({
  'wecom-hook:g1': wecom.postedTo('g1'),
  'wecom-hook:g2': wecom.postedTo('g2'),
  'feishu:oc_k3': feishu.deliveriesFor('oc_k3'),
  'wecom-hook:g4': wecom.postedTo('g4'),
});

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

  it('run 1, killed at the second group: the first is marked sent, the second stays claimed', async () => {
    wecom.hangNext.add('g2');
    const run = await runPush({ killWhen: () => wecom.postedTo('g2') === 1 });
    expect(run.signal).toBe('SIGKILL');
    wecom.release();
    expect(seen()).toEqual({ 'wecom-hook:g1': 1, 'wecom-hook:g2': 1, 'feishu:oc_k3': 0, 'wecom-hook:g4': 0 });
    // Claims are on disk before a send: the one in flight is held for its lease.
    expect(claimOf('wecom-hook:g1')?.status).toBe('sent');
    expect(claimOf('wecom-hook:g2')?.status).toBe('claimed');
    expect(claimOf('wecom-hook:g2')!.until).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(claimOf('feishu:oc_k3')).toBeUndefined();
    tally.add('push killed mid-send (child runs)', { inputs: 1, faults: 1 });
  }, 90_000);

  it('run 2, killed at the Feishu chat: the second group is not pushed again within its lease', async () => {
    feishu.inject('oc_k3', { kind: 'take-then-hang' });
    const run = await runPush({ killWhen: () => feishu.attemptsFor('oc_k3').length === 1 });
    expect(run.signal).toBe('SIGKILL');
    feishu.release();
    // g1 was skipped (sent), g2 skipped (its claim is live), k3 reached and cut off.
    expect(seen()).toEqual({ 'wecom-hook:g1': 1, 'wecom-hook:g2': 1, 'feishu:oc_k3': 1, 'wecom-hook:g4': 0 });
    expect(claimOf('feishu:oc_k3')?.status).toBe('claimed');
    // pushDone says what was acknowledged, not what the groups saw: the two sends cut off by a
    // kill reached their groups, but no answer came back, so they are not marked done.
    expect(await pushDone()).toEqual({ 'wecom-hook:g1': true, 'wecom-hook:g2': false, 'feishu:oc_k3': false, 'wecom-hook:g4': false });
    tally.add('push killed mid-send (child runs)', { inputs: 1, faults: 1 });
  }, 90_000);

  it('run 3, 11 minutes later: the lapsed claims are pushed again, the last group too, all marked done', async () => {
    const run = await runAfterLease();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/wecom-hook:g1\n\s+skipped/);
    expect(run.stdout).toMatch(/wecom-hook:g2\n\s+sent/);
    expect(run.stdout).toMatch(/feishu:oc_k3\n\s+sent/);
    expect(run.stdout).toMatch(/wecom-hook:g4\n\s+sent/);
    expect(await pushDone()).toEqual({ 'wecom-hook:g1': true, 'wecom-hook:g2': true, 'feishu:oc_k3': true, 'wecom-hook:g4': true });
    for (const n of Object.values(seen())) expect(n).toBeGreaterThanOrEqual(1);
    expect(wecom.postedTo('g1')).toBe(1);
    expect(wecom.postedTo('g4')).toBe(1);
    // The Feishu chat: the second send carries the first one's idempotency uuid, so Feishu (which
    // keeps a uuid for an hour, longer than the lease) posts nothing new: exactly once.
    const attempts = feishu.attemptsFor('oc_k3');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.uuid).toBe(attempts[1]!.uuid);
    expect(feishu.deliveriesFor('oc_k3')).toBe(1);
    tally.add('push killed mid-send (child runs)', { inputs: 1 });
  }, 90_000);

  // BUG / design gap (src/push/daily.ts:69-87 with src/push/targets.ts:80-82): a claim whose holder
  // died lapses after 10 minutes and the next run sends again. For a Feishu chat the repeated
  // uuid makes that safe. A WeCom group robot webhook has no idempotency key, and a send cut off
  // after WeCom posted the message (the kill came while waiting for its answer) is posted a second
  // time: the group gets the day's fact twice, which README's "Exactly one a day per group" rules
  // out. (pushDone was false for it in between, though the group had the message.)
  // Fix options: record a "sending" mark before each send and, when a later run finds a lapsed
  // claim in that mark for a target without idempotency (wecom-hook, feishu-hook), do not resend
  // blindly — mark it "unknown", tell the admins, and let /push resend on purpose; or resend only
  // targets whose platform deduplicates (feishu chats, by uuid).
  it.fails('run 3, 11 minutes later: no group gets the day\'s push twice (today the WeCom group cut off mid-send gets it twice)', async () => {
    await runAfterLease();
    await tally.check('push after a kill: at most once per group', { inputs: 1 }, () => {
      expect(seen()).toEqual({ 'wecom-hook:g1': 1, 'wecom-hook:g2': 1, 'feishu:oc_k3': 1, 'wecom-hook:g4': 1 });
    });
  }, 90_000);
});
