// The webhook rows of `npm run bench` (issue 14, item 6): signed, encrypted Feishu questions through
// the whole server against a fake Feishu API on loopback, beside bare express, all in one run.
//
// - bare express: the ceiling for acknowledging a POST;
// - bare express that makes one keep-alive HTTP call to the fake Feishu per request: the realistic
//   floor for a bot that answers every message with one reply;
// - factbot acknowledging only: the same deliveries to a server started with ANSWERS=off, which
//   verifies, decrypts, decodes, claims (de-duplicates) and rate-limits each message exactly as it
//   does with answers on, then answers nothing. Every delivery is a new message (a new id, spread
//   over 500 chats and 500 senders), so the claim is a real write and no limit is hit;
// - factbot's whole path: verify, decrypt, claim, answer, reply. Acknowledgements come before the
//   answer, so its throughput is the replies the fake Feishu took during the run (asked of the fake
//   before and after), not the acks; a queue that only grew would not count. After each of its runs
//   the bench waits for the queue to drain, so its backlog takes no CPU from the next server's run.
//
// The four servers run at once and take short runs in turn, round after round, after one uncounted
// second each; each ratio is the median of the rounds' ratios (runs seconds apart), since the load
// of a shared machine drifts over a minute.
//
// `npx tsx bench/webhook.ts [--quick]` runs this section alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { APP, deliver, messageEvent } from '../test/helpers/feishu-events.js';
import { freePort } from './net.js';

export interface WebhookBenchOptions {
  /** A scratch directory for the servers' state. */
  work: string;
  quick: boolean;
  /** Questions to ask, in turn. */
  questions: string[];
  row: (section: string, what: string, value: string) => void;
  /** Extra node flags for the factbot servers (e.g. --cpu-prof), from BENCH_NODE_ARGS. */
  nodeArgs?: string[];
}

const CONNECTIONS = 32;

export async function webhookBench(o: WebhookBenchOptions): Promise<void> {
  const rounds = o.quick ? 2 : 3;
  const seconds = o.quick ? 2 : 4;
  const fake = start(['bench/servers.ts', 'fake-feishu'], {}, true);
  const lines = createInterface({ input: fake.stdout! })[Symbol.asyncIterator]();
  const fakeUrl = String((await lines.next()).value).trim();
  const sent = async () => {
    fake.stdin!.write('count\n');
    return Number((await lines.next()).value);
  };
  const children: ChildProcess[] = [fake];
  try {
    const factbot = async (name: string, env: Record<string, string>) => {
      const port = await freePort();
      const child = start(['src/main.ts'], {
        PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'error', DATA_DIR: join(o.work, `webhook-${name}`),
        FEISHU_APP_ID: APP.appId, FEISHU_APP_SECRET: APP.appSecret, FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
        FEISHU_ENCRYPT_KEY: APP.encryptKey, FEISHU_DOMAIN: fakeUrl, RATE_USER_PER_MIN: '10000', RATE_CHAT_PER_MIN: '100000', ...env,
      }, false, o.nodeArgs);
      children.push(child);
      await waitFor(`http://127.0.0.1:${port}/readyz`);
      return { url: `http://127.0.0.1:${port}/feishu/events`, child };
    };
    const bare = async (kind: 'bare' | 'bare-call') => {
      const port = await freePort();
      const child = start(['bench/servers.ts', kind, String(port), fakeUrl], {});
      children.push(child);
      await new Promise<void>((r) => child.stdout!.once('data', () => r()));
      return { url: `http://127.0.0.1:${port}/feishu/events`, child };
    };

    // Every delivery a new message: enough for the fastest runs never to repeat one.
    const count = o.quick ? 30_000 : 100_000;
    const bodies = Array.from({ length: count }, (_, k) => {
      const e = messageEvent({ text: o.questions[k % o.questions.length]!, sender: `ou_bench_${k % 500}` });
      (e.event as { message: { chat_id: string } }).message.chat_id = `oc_bench_${k % 500}`;
      return deliver(e);
    });
    // Each factbot server takes the bodies from its own cursor: no message reaches it twice.
    const cursors = { ceiling: 0, floor: 0, ack: 0, whole: 0 };
    const load = async (url: string, cursor: keyof typeof cursors, duration = seconds) => {
      const result = await autocannon({
        url,
        connections: CONNECTIONS,
        duration,
        requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...bodies[cursors[cursor]++ % bodies.length]! }) }],
      });
      return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
    };
    /** Waits until the whole-path server has sent what it queued, so it takes no CPU from the next run. */
    const settled = async () => {
      let last = -1;
      for (let n = await sent(); n !== last; n = await sent()) {
        last = n;
        await new Promise((r) => setTimeout(r, 300));
      }
    };

    // All four servers up at once; short runs taken in turn, round after round, so that each ratio
    // compares runs seconds apart (a shared machine's load drifts over a minute).
    const servers = { ceiling: await bare('bare'), floor: await bare('bare-call'), ack: await factbot('ack', { ANSWERS: 'off' }), whole: await factbot('whole', {}) };
    const names = Object.keys(servers) as (keyof typeof servers)[];
    // One second of load each first, not counted: the figures are of warm servers, as in production.
    for (const name of names) await load(servers[name].url, name, 1);
    await settled();
    const runs: Record<keyof typeof servers, { rps: number; p99: number; errors: number; sent: number }[]> = { ceiling: [], floor: [], ack: [], whole: [] };
    for (let round = 0; round < rounds; round++) {
      for (const name of names) {
        const before = await sent();
        const t0 = performance.now();
        const r = await load(servers[name].url, name);
        runs[name].push({ ...r, sent: ((await sent()) - before) / ((performance.now() - t0) / 1000) });
        if (name === 'whole') await settled();
      }
    }
    for (const name of ['ack', 'whole'] as const) if (cursors[name] > bodies.length) process.stderr.write(`  (webhook: ${cursors[name]} requests to ${name} for ${bodies.length} distinct messages: some were re-deliveries)\n`);

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const m = (name: keyof typeof runs, k: 'rps' | 'p99' | 'errors' | 'sent') => median(runs[name].map((r) => r[k]));
    const ratio = (num: number[], den: number[]) => median(num.map((x, i) => x / den[i]!));
    const ackRatio = ratio(runs.ack.map((r) => r.rps), runs.ceiling.map((r) => r.rps));
    const wholeRatio = ratio(runs.whole.map((r) => r.sent), runs.floor.map((r) => r.rps));
    const s = 'webhook';
    const each = `median of ${rounds} runs of ${seconds} s`;
    o.row(s, 'bare express handler (ceiling)', `${m('ceiling', 'rps').toFixed(0)} req/s, p99 ${m('ceiling', 'p99')} ms (${each})`);
    o.row(s, 'bare express + one keep-alive call to Feishu (floor)', `${m('floor', 'rps').toFixed(0)} req/s (${m('floor', 'sent').toFixed(0)} calls/s), p99 ${m('floor', 'p99')} ms`);
    o.row(s, 'factbot acknowledging only (ANSWERS=off)', `${m('ack', 'rps').toFixed(0)} req/s, p99 ${m('ack', 'p99')} ms, ${m('ack', 'errors')} errors`);
    o.row(s, 'factbot: verify, decrypt, de-duplicate, answer, reply', `${m('whole', 'sent').toFixed(0)} answers sent/s; acks ${m('whole', 'rps').toFixed(0)} req/s, p99 ${m('whole', 'p99')} ms, ${m('whole', 'errors')} answered 503 (queue full: Feishu delivers them again)`);
    o.row(s, 'factbot ack-only ÷ bare (throughput)', `${ackRatio.toFixed(2)} (target ≥ 0.5; per round ${runs.ack.map((r, i) => (r.rps / runs.ceiling[i]!.rps).toFixed(2)).join(', ')})`);
    o.row(s, 'factbot whole path ÷ bare + one call (answers sent/s)', `${wholeRatio.toFixed(2)} (target ≥ 0.5; per round ${runs.whole.map((r, i) => (r.sent / runs.floor[i]!.rps).toFixed(2)).join(', ')})`);
    o.row(s, 'factbot ack p99 under the whole path', `${m('whole', 'p99')} ms (target ≤ 50 ms; Feishu waits 3 s); bare + one call: ${m('floor', 'p99')} ms`);
  } finally {
    await Promise.all(children.map(stop));
  }
}

function start(args: string[], env: Record<string, string>, stdin = false, nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'inherit'] });
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} not ready in ${timeoutMs} ms`);
}

const stop = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : (c.once('exit', () => r()), c.kill('SIGTERM'))));

// Run alone: the questions of eval/dev-qa.jsonl, rows printed as they come.
if (process.argv[1]?.endsWith('webhook.ts')) {
  const { readFileSync } = await import('node:fs');
  const questions = readFileSync(process.env.BENCH_QA ?? 'eval/dev-qa.jsonl', 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { q: string }).q);
  await webhookBench({
    work: mkdtempSync(join(tmpdir(), 'factbot-webhook-')),
    quick: process.argv.includes('--quick'),
    questions,
    row: (section, what, value) => process.stdout.write(`${section} | ${what} | ${value}\n`),
    ...(process.env.BENCH_NODE_ARGS ? { nodeArgs: process.env.BENCH_NODE_ARGS.split(' ').filter(Boolean) } : {}),
  });
}
