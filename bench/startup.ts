// The start-up rows of `npm run bench` (issue 14, item 6): from process start to /readyz answering
// 200, and the process's resident memory once ready, for the compiled build as production runs it
// (`node dist/main.js`, what `npm start` and the Docker image run) beside the same sources under
// tsx (`npm run dev`), starts of the two alternated in one run.
//
// - A case names a reports folder. Without `snapshot`, each start gets a fresh DATA_DIR: a first
//   start, every report read. With it, one untimed start fills a DATA_DIR first and the timed starts
//   reuse it, as a restart or a replica with the store's snapshot does.
// - RSS is VmRSS from /proc/<pid>/status a second after ready (the build workers have ended by
//   then), with VmHWM, the peak, beside it.
//
// `npx tsx bench/startup.ts [--quick] [--runs N] [--reports DIR [--snapshot]]` runs this section alone.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from './net.js';

export interface StartupCase {
  /** What the rows call it: "seeds (5 reports)". */
  label: string;
  reportsDir: string;
  /** Time starts that find the store's snapshot in DATA_DIR (one untimed start makes it). */
  snapshot?: boolean;
  /** Issue 14's targets for the compiled build: ready within readyMs, RSS at most rssMb. */
  targets?: { readyMs?: number; rssMb?: number };
}

export interface StartupBenchOptions {
  /** A scratch directory for the servers' state. */
  work: string;
  quick: boolean;
  row: (section: string, what: string, value: string) => void;
  /** The seeds (first start and from a snapshot) when not given. */
  cases?: StartupCase[];
  /** Starts per case and way of running (3, or 1 when quick). */
  runs?: number;
}

export const SEEDS_CASES: StartupCase[] = [
  { label: 'seeds (5 reports)', reportsDir: 'seeds', targets: { readyMs: 1200, rssMb: 350 } },
  { label: 'seeds (5 reports), from a snapshot', reportsDir: 'seeds', snapshot: true, targets: { readyMs: 1200, rssMb: 350 } },
];

/** The ways of running the bot compared: production's compiled build first. */
const WAYS = [
  { name: 'compiled', args: ['dist/main.js'] },
  { name: 'tsx', args: ['--import', 'tsx', 'src/main.ts'] },
] as const;

interface Start {
  readyMs: number;
  /** CPU time the process (all its threads) used by then: steadier than wall time on a busy machine. */
  cpuMs: number;
  rssMb: number;
  peakMb: number;
}

export async function startupBench(o: StartupBenchOptions): Promise<void> {
  // What `npm start` does first: compile src/ to dist/ (skipped when dist/ is up to date).
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed: ${built.stderr}`);
  const runs = o.runs ?? (o.quick ? 1 : 3);
  for (const c of o.cases ?? SEEDS_CASES) {
    const got = new Map<string, Start[]>(WAYS.map((w) => [w.name, []]));
    const dataDirs = new Map<string, string>();
    for (const w of WAYS) {
      if (!c.snapshot) continue;
      const dir = mkdtempSync(join(o.work, `startup-${w.name}-`));
      await startOnce(w.args, c.reportsDir, dir);
      dataDirs.set(w.name, dir);
    }
    // Alternated, so that a busy moment on the machine falls on both ways alike.
    for (let i = 0; i < runs; i++) {
      for (const w of WAYS) got.get(w.name)!.push(await startOnce(w.args, c.reportsDir, dataDirs.get(w.name) ?? mkdtempSync(join(o.work, 'startup-'))));
    }
    for (const w of WAYS) {
      const s = got.get(w.name)!;
      const t = w.name === 'compiled' ? c.targets : undefined;
      o.row('start-up', `${c.label}, ${w.name}: process start to /readyz 200`, `${spread(s.map((x) => x.readyMs), ' ms')}, CPU ${spread(s.map((x) => x.cpuMs), ' ms')}${t?.readyMs ? against(s.map((x) => x.readyMs), t.readyMs, ' ms') : ''}`);
      o.row('start-up', `${c.label}, ${w.name}: RSS once ready`, `${spread(s.map((x) => x.rssMb), ' MB')}, peak ${spread(s.map((x) => x.peakMb), ' MB')}${t?.rssMb ? against(s.map((x) => x.rssMb), t.rssMb, ' MB') : ''}`);
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** "1130 ms (1090–1210, 3 starts)": the median, and the range when there are several. */
const spread = (xs: number[], unit: string) =>
  xs.length > 1 ? `${median(xs).toFixed(0)}${unit} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}, ${xs.length} starts)` : `${xs[0]!.toFixed(0)}${unit}`;
const against = (xs: number[], target: number, unit: string) => `; target ≤ ${target}${unit}: ${median(xs) <= target ? 'met' : 'NOT met'}`;

/** Starts the bot, times it to /readyz 200, reads its memory a second later, stops it. */
async function startOnce(args: readonly string[], reportsDir: string, dataDir: string): Promise<Start> {
  const port = await freePort();
  const webPort = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    // As production runs it (npm start, the image): see MALLOC_MMAP_THRESHOLD_ in the Dockerfile.
    env: { ...process.env, MALLOC_MMAP_THRESHOLD_: '16384', PORT: String(port), WEB_PORT: String(webPort), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: dataDir, SEEDS_DIR: reportsDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  try {
    let readyMs: number | undefined;
    while (readyMs === undefined) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited (${child.exitCode}) before it was ready: ${err}`);
      if (performance.now() - started > 120_000) throw new Error(`${args.join(' ')} not ready in 120 s: ${err}`);
      if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) readyMs = performance.now() - started;
      else await new Promise((r) => setTimeout(r, 10));
    }
    // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux).
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const cpuMs = (Number(stat[11]) + Number(stat[12])) * 10;
    await new Promise((r) => setTimeout(r, 1000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { readyMs, cpuMs, rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } finally {
    await stop(child);
  }
}

const stop = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : (c.once('exit', () => r()), c.kill('SIGTERM'))));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const reports = arg('--reports');
  const runs = arg('--runs');
  await startupBench({
    work: mkdtempSync(join(tmpdir(), 'factbot-startup-')),
    quick: process.argv.includes('--quick'),
    row: (section, what, value) => process.stdout.write(`${section} | ${what} | ${value}\n`),
    ...(runs ? { runs: Number(runs) } : {}),
    ...(reports ? { cases: [{ label: reports, reportsDir: reports, ...(process.argv.includes('--snapshot') ? { snapshot: true } : {}) }] } : {}),
  });
}
