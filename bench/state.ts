// The state rows of `npm run bench` (issue 14, item 6): message de-duplication as the server does it
// (StateSeenMessages in front of the state, one message a turn of the event loop, every id new) on
// an empty state and on one holding a day's ids, 200,000, while 50,000 more expire and are swept
// during the runs; with the event loop's longest pause (monitorEventLoopDelay, 1 ms resolution).
//
// `npx tsx bench/state.ts [--quick]` runs this section alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { StateSeenMessages } from '../src/state/seen-adapter.js';
import { SqliteState } from '../src/state/sqlite-state.js';
import type { StateStore } from '../src/state/state.js';

export interface StateBenchOptions {
  /** A scratch directory for the states. */
  work: string;
  quick: boolean;
  row: (section: string, what: string, value: string) => void;
}

const HELD = 200_000;
const EXPIRING = 50_000;
const DAY_MS = 24 * 3600_000;

interface Run {
  claims: number;
  seconds: number;
  /** CPU time of the process per claim: steadier than claims/s on a machine shared with other work. */
  cpuUs: number;
  maxMs: number;
  p99Ms: number;
}

/** Claims new ids for `seconds`, one a turn of the event loop, timing the loop meanwhile. */
async function claimFresh(state: StateStore | 'none', seconds: number, tag: string): Promise<Run> {
  // 'none': the same loop over a plain Set, for the pauses the machine itself causes.
  const plain = new Set<string>();
  const seen = state === 'none' ? { firstSighting: async (id: string) => !plain.has(id) && !!plain.add(id) } : new StateSeenMessages(state);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < seconds * 1000) {
    if (!(await seen.firstSighting(`om_new_${tag}_${n++}`))) throw new Error(`bench: a new id was refused as seen (${tag} ${n})`);
    await new Promise((r) => setImmediate(r));
  }
  const elapsed = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  loop.disable();
  return { claims: n, seconds: elapsed, cpuUs: (used.user + used.system) / n, maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6 };
}

/** A day's ids held, and ids that expire `expireInMs` from now for the sweep to find during the run. */
async function hold(state: StateStore, expireInMs: number): Promise<void> {
  for (let i = 0; i < HELD; i++) await state.firstSighting(`om_held_${i}`, DAY_MS);
  const until = Date.now() + expireInMs;
  for (let i = 0; i < EXPIRING; i++) await state.firstSighting(`om_expiring_${i}`, Math.max(1, until - Date.now()));
}

/** Runs taken together: throughput over all, CPU per claim and p99 the median run's, the longest pause of any. */
function total(runs: Run[]): { perSec: number; cpuUs: number; p99Ms: number; maxMs: number } {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    perSec: runs.reduce((a, r) => a + r.claims, 0) / runs.reduce((a, r) => a + r.seconds, 0),
    cpuUs: median(runs.map((r) => r.cpuUs)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    maxMs: Math.max(...runs.map((r) => r.maxMs)),
  };
}

export async function stateBench(o: StateBenchOptions): Promise<void> {
  // Empty and held runs take turns, so a change in the machine's load falls on both alike.
  const rounds = o.quick ? 2 : 4;
  const seconds = o.quick ? 1.5 : 2.5;
  const section = 'state: de-duplication (SQLite)';
  const open = (name: string) => SqliteState.open(mkdtempSync(join(o.work, `state-${name}-`)));

  // Warm-up (JIT, page cache), not counted.
  const warm = await open('warm');
  await claimFresh(warm, 1, 'warm');
  await warm.close();

  const dir = mkdtempSync(join(o.work, 'state-held-'));
  const held = await SqliteState.open(dir);
  // The expiring ids lapse early in the first held run, and are swept during the runs.
  await hold(held, 1000);
  const emptyRuns: Run[] = [];
  const heldRuns: Run[] = [];
  const floorRuns: Run[] = [];
  for (let i = 0; i < rounds; i++) {
    const empty = await open(`empty-${i}`);
    const runEmpty = async () => emptyRuns.push(await claimFresh(empty, seconds, `empty${i}`));
    const runHeld = async () => heldRuns.push(await claimFresh(held, seconds, `held${i}`));
    if (i % 2) await runEmpty().then(runHeld);
    else await runHeld().then(runEmpty);
    await empty.close();
    floorRuns.push(await claimFresh('none', seconds / 2, `none${i}`));
  }
  await held.close();
  const db = new Database(join(dir, 'state.db'), { readonly: true });
  const left = db.prepare('SELECT count(*) FROM seen WHERE id LIKE ?').pluck().get('om_expiring_%') as number;
  db.close();

  const e = total(emptyRuns);
  const h = total(heldRuns);
  const f = (r: ReturnType<typeof total>) => `${Math.round(r.perSec).toLocaleString('en')} claims/s, ${r.cpuUs.toFixed(1)} µs CPU a claim; event loop p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms`;
  o.row(section, 'empty state', f(e));
  o.row(section, `${HELD.toLocaleString('en')} ids held, ${EXPIRING.toLocaleString('en')} more expiring`, `${f(h)} (target max ≤ 10 ms); ${(EXPIRING - left).toLocaleString('en')} expired ids swept during the runs`);
  const floor = total(floorRuns);
  o.row(section, 'no state (a Set), the same loop', `event loop p99 ${floor.p99Ms.toFixed(1)} ms, max ${floor.maxMs.toFixed(1)} ms: the pauses this machine causes by itself`);
  o.row(section, 'held ÷ empty', `throughput ${(h.perSec / e.perSec).toFixed(2)} (target ≥ 0.9), CPU a claim ${(h.cpuUs / e.cpuUs).toFixed(2)}×`);
}

if (process.argv[1]?.endsWith('bench/state.ts')) {
  const work = mkdtempSync(join(tmpdir(), 'factbot-bench-state-'));
  await stateBench({ work, quick: process.argv.includes('--quick'), row: (s, w, v) => process.stdout.write(`${s} | ${w} | ${v}\n`) });
  rmSync(work, { recursive: true, force: true });
}
