// `npm run bench`: every figure measured in one run on this machine, printed as one table.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { Reloader } from '../src/admin/reload.js';
import { ask } from '../src/core/ask.js';
import { StoreHolder } from '../src/core/store-holder.js';
import { SqliteState } from '../src/state/sqlite-state.js';
import { buildFactStore, type FactStore } from '../src/store/fact-store.js';
import { buildFactStoreIsolated } from '../src/store/isolated-build.js';
import { acrossBench } from './across.js';
import { fuseAlone, miniSearch, type Answerer } from './baselines.js';
import { generateCorpus, placeName } from './corpus.js';
import { hostileQuestions, hostileReports } from './hostile.js';
import { stateBench } from './state.js';
import { webhookBench } from './webhook.js';
import { SEEDS_CASES, startupBench } from './startup.js';

// The dev questions the project carries (eval/, a copy of ../shared/eval's); BENCH_QA overrides.
const QA = process.env.BENCH_QA ?? 'eval/dev-qa.jsonl';
const QUICK = process.argv.includes('--quick');
const rows: [string, string, string][] = [];
const row = (section: string, what: string, value: string) => {
  rows.push([section, what, value]);
  process.stderr.write(`  ${section} | ${what} | ${value}\n`);
};

interface Item {
  q: string;
  expect: string[] | null;
  doc?: string;
}
const norm = (s: string) => s.normalize('NFKC').replace(/[\s,，]/g, '');
const items: Item[] = readFileSync(QA, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Item);

function quantiles(times: number[]): { median: number; p99: number } {
  const s = [...times].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? 0, p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] ?? 0 };
}
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0)) + ' ms';

/** Right as scripts/score.mjs counts it: the figure in the first answer, citing the report. */
function accuracy(a: Answerer): { top1: number; precise: number; negatives: string } {
  let right = 0;
  let precise = 0;
  let pos = 0;
  let negRight = 0;
  let neg = 0;
  for (const it of items) {
    const got = a.answer(it.q);
    if (it.expect === null) {
      neg++;
      if (!got) negRight++;
      continue;
    }
    pos++;
    if (got && it.expect.some((e) => norm(got.answer).includes(norm(e))) && got.file.startsWith(it.doc!)) {
      right++;
      if (norm(got.answer).length <= 24) precise++;
    }
  }
  return { top1: right / pos, precise: precise / pos, negatives: `${negRight}/${neg}` };
}

function timePerQuery(a: Answerer, questions: string[], reps: number): { median: number; p99: number } {
  for (const q of questions) a.answer(q);
  const t: number[] = [];
  for (let r = 0; r < reps; r++) {
    for (const q of questions) {
      const s = performance.now();
      a.answer(q);
      t.push(performance.now() - s);
    }
  }
  return quantiles(t);
}

const factbot = (store: FactStore): Answerer => ({
  name: 'factbot',
  answer: (q) => {
    const a = ask(store, q).answers[0];
    return a ? { answer: a.answer, file: a.source.file } : undefined;
  },
});

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'factbot-bench-'));
  const sizes = QUICK ? [5, 100] : [5, 100, 1000];
  const dirs = new Map<number, string>([[5, 'seeds']]);
  for (const n of sizes.filter((n) => n > 5)) {
    const dir = join(work, `corpus-${n}`);
    generateCorpus('seeds', dir, n);
    dirs.set(n, dir);
  }
  const big = sizes[sizes.length - 1]!;
  process.stderr.write(`factbot bench: ${items.length} questions from ${QA}; corpora of ${sizes.join(', ')} reports\n`);

  // 1. Building the store, each in a fresh process: time, and heap it holds after a GC.
  for (const n of sizes) {
    const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/build-one.ts', dirs.get(n)!], { encoding: 'utf8' });
    const r = JSON.parse(out.stdout.trim().split('\n').pop()!) as { reports: number; facts: number; ms: number; heapMB: number; rssMB: number };
    row('build', `${r.reports} reports, ${r.facts} facts`, `${(r.ms / 1000).toFixed(1)} s, heap +${r.heapMB.toFixed(0)} MB, rss ${r.rssMB.toFixed(0)} MB`);
  }

  // 2. Answering on the seeds: factbot beside a plain full-text search and Fuse.js alone.
  const seeds = await buildFactStore({ seedsDir: 'seeds', intentsDir: 'intents' });
  const questions = items.map((i) => i.q);
  const systems = [factbot(seeds), miniSearch(seeds), fuseAlone(seeds)];
  const seedTimes = new Map<string, number>();
  for (const s of systems) {
    const acc = accuracy(s);
    const t = timePerQuery(s, questions, 20);
    seedTimes.set(s.name, t.median);
    row('answer, 5 reports', s.name, `top1 ${acc.top1.toFixed(2)}, precise ${acc.precise.toFixed(2)}, negatives ${acc.negatives}; median ${ms(t.median)}, p99 ${ms(t.p99)}`);
  }
  const plain = seedTimes.get(systems[1]!.name)!;
  row('answer, 5 reports', 'factbot ÷ plain search (median time)', `${(seedTimes.get('factbot')! / plain).toFixed(2)}× (target ≤ 2×)`);

  // 3. Answering at scale: the same questions asked of places in the generated corpus.
  const store = await buildFactStore({ seedsDir: dirs.get(big)!, intentsDir: 'intents' });
  const scaled = questions.map((q, i) => q.replace(/枣庄|淄博|瑞安|枣莊/g, placeName((i * 37) % big)));
  const bigTimes = new Map<string, { median: number; p99: number }>();
  for (const s of [factbot(store), miniSearch(store), fuseAlone(store)]) {
    const t = timePerQuery(s, s.name.startsWith('Fuse') ? scaled.slice(0, 15) : scaled, s.name.startsWith('Fuse') ? 1 : 20);
    bigTimes.set(s.name, t);
    row(`answer, ${big} reports`, s.name, `median ${ms(t.median)}, p99 ${ms(t.p99)}${s.name === 'factbot' ? ' (target p99 < 5 ms)' : ''}`);
  }
  row(`answer, ${big} reports`, 'factbot ÷ plain search (median time)', `${(bigTimes.get('factbot')!.median / bigTimes.get(systems[1]!.name)!.median).toFixed(2)}×`);

  // 3b. The worst question beside a typical one: 500 characters built to cost the most.
  {
    const typical = bigTimes.get('factbot')!.median;
    let worst = { name: '', ms: 0 };
    for (const [name, make] of Object.entries(hostileQuestions('seeds'))) {
      // Each question distinct, as an attacker would vary them (caches miss); the median, as for typical.
      const asked = Array.from({ length: QUICK ? 20 : 60 }, make);
      ask(store, make());
      const each = quantiles(asked.map((q) => {
        const t = performance.now();
        ask(store, q);
        return performance.now() - t;
      })).median;
      row(`question cost, ${big} reports`, name, ms(each));
      if (each > worst.ms) worst = { name, ms: each };
    }
    row(`question cost, ${big} reports`, 'worst ÷ typical (median)', `${(worst.ms / typical).toFixed(1)}× (${worst.name}; target ≤ 5×)`);
  }

  // 3c. Questions across facts (compare, trend, rank, browse) beside single-figure ones, asked
  // interleaved on the seeds and the dev2 reports; each question checked to answer as its kind.
  await acrossBench({ work, quick: QUICK, row });

  // 4. Reload under load: answers keep coming while a new store is built beside the old one, as
  // the server builds it (reports read in a worker thread); then a reload holding hostile reports.
  const holder = new StoreHolder(store);
  const limits = { fileTimeoutMs: 120_000, memoryMb: 1024 };
  const hostileDir = join(work, 'hostile');
  mkdirSync(hostileDir);
  for (const f of readdirSync('seeds')) copyFileSync(join('seeds', f), join(hostileDir, f));
  for (const [name, text] of Object.entries(hostileReports())) writeFileSync(join(hostileDir, name), text);
  // The first reload of the big corpus writes its snapshot, the second adopts it (a restart's or
  // an unchanged reload's case).
  const snapshot = join(work, `store-cache-${big}`);
  const reloads: [string, string, FactStore, string | undefined][] = [
    [`reload under load, ${big} reports, no snapshot`, dirs.get(big)!, store, snapshot],
    [`reload under load, ${big} reports, from the snapshot`, dirs.get(big)!, store, snapshot],
    ['reload under load, seeds + 2 hostile reports', hostileDir, seeds, undefined],
    ['reload under load, seeds alone', 'seeds', seeds, undefined],
  ];
  for (const [k, [section, dir, current, cacheDir]] of reloads.entries()) {
    holder.swap(current);
    const state = await SqliteState.open(join(work, `state-${k}`));
    const reloader = new Reloader({ stores: holder, build: () => buildFactStoreIsolated({ seedsDir: dir, intentsDir: 'intents', limits, ...(cacheDir ? { cacheDir } : {}) }), state, log: pino({ level: 'silent' }) });
    const asked = current === store ? scaled : questions;
    const during: number[] = [];
    let reloading = true;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const started = performance.now();
    const reload = reloader.reload('bench').then((o) => {
      reloading = false;
      return o;
    });
    let i = 0;
    while (reloading) {
      const s = performance.now();
      ask(holder.current, asked[i++ % asked.length]!);
      during.push(performance.now() - s);
      // One question per turn of the event loop, as a server takes them.
      await new Promise((r) => setImmediate(r));
    }
    const outcome = await reload;
    loop.disable();
    await state.close();
    const gap = quantiles(during);
    row(section, 'answers during the reload', `${during.length} answered in ${((performance.now() - started) / 1000).toFixed(1)} s, median ${ms(gap.median)}, p99 ${ms(gap.p99)} (reload ${outcome.ok ? 'ok' : 'failed'}${outcome.failures.length ? `, ${outcome.failures.length} refused` : ''}${holder.current.fromSnapshot ? `, ${holder.current.fromSnapshot} reports from the snapshot` : ''})`);
    row(section, 'event-loop delay during the reload', `p99 ${ms(loop.percentile(99) / 1e6)}, max ${ms(loop.max / 1e6)}`);
  }

  // 5. Start-up: process start to /readyz 200 and RSS once ready, compiled (as production runs it)
  // beside tsx, on the seeds; `cases` takes other report folders, with or without a snapshot.
  await startupBench({
    work,
    quick: QUICK,
    row,
    cases: [
      ...SEEDS_CASES,
      { label: `${big} reports`, reportsDir: dirs.get(big)!, targets: { rssMb: 450 } },
      { label: `${big} reports, from a snapshot`, reportsDir: dirs.get(big)!, snapshot: true, targets: { readyMs: 2000, rssMb: 450 } },
    ],
  });

  // 6. Webhook: signed, encrypted Feishu questions against a fake Feishu API on loopback: bare
  // express, bare express making one keep-alive call, factbot acknowledging only, and its whole path.
  await webhookBench({ work, quick: QUICK, questions, row });

  // 7. De-duplication on the SQLite state: fresh ids claimed one a turn, empty and with 200,000 held.
  await stateBench({ work, quick: QUICK, row });

  // The table.
  const width = (k: 0 | 1) => Math.max(...rows.map((r) => [...r[k]].length));
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
  process.stdout.write(`\nfactbot benchmark (${new Date().toISOString()}, node ${process.version}, ${os()})\n`);
  for (const r of rows) process.stdout.write(`${pad(r[0], width(0))}  ${pad(r[1], width(1))}  ${r[2]}\n`);
}

function os(): string {
  const cpus = (process.env.BENCH_CPUS ?? '') || String(spawnSync('nproc', [], { encoding: 'utf8' }).stdout.trim());
  return `${cpus} cores`;
}

await main();
