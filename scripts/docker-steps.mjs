#!/usr/bin/env node
// Replays the Dockerfile without a Docker engine: copies what its COPY lines name into a clean
// folder, runs its `RUN npm …` lines there, then starts its CMD with its ENV (PORT and DATA_DIR
// moved to free local ones), checks the HEALTHCHECK's /healthz and /readyz, and stops it with
// SIGTERM. The steps come from the Dockerfile itself, so the check follows it when it changes.
import { execSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dockerfile = readFileSync('Dockerfile', 'utf8').replace(/\\\n/g, ' ');
const lines = dockerfile.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const results = [];
const check = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};

const work = mkdtempSync(join(tmpdir(), 'factbot-docker-'));
const stages = dockerfile.split(/^FROM /m).slice(1);
const build = stages[0].split('\n');
// The build stage's RUN lines see its own ENV only (none sets NODE_ENV there: `npm ci` installs
// TypeScript to compile src/, then `npm prune --omit=dev` drops it).
const buildEnv = { ...process.env };
delete buildEnv.NODE_ENV;
for (const m of stages[0].matchAll(/^ENV (.+)$/gm)) for (const kv of m[1].trim().split(/\s+/)) { const [k, v] = kv.split('='); buildEnv[k] = v; }
for (const l of build.map((x) => x.trim())) {
  const copy = /^COPY (?!--from)(.+) (\S+)$/.exec(l);
  if (copy) {
    for (const src of copy[1].split(/\s+/)) {
      const ok = existsSync(src);
      check(`COPY ${src}`, ok);
      if (ok) cpSync(src, join(work, src), { recursive: true });
    }
  }
  const run = /^RUN (npm .+)$/.exec(l);
  if (run) {
    try {
      execSync(run[1], { cwd: work, stdio: 'inherit', env: buildEnv });
      check(`RUN ${run[1]}`, true);
    } catch {
      check(`RUN ${run[1]}`, false);
    }
  }
}
check('dev dependencies left out', !existsSync(join(work, 'node_modules/vitest')) && !existsSync(join(work, 'node_modules/typescript')));

const final = stages[stages.length - 1];
const env = {};
for (const m of final.matchAll(/^ENV (.+)$/gm)) for (const kv of m[1].trim().split(/\s+/)) { const [k, v] = kv.split('='); env[k] = v; }
check('runs as a non-root user', /^USER (?!root)\S+/m.test(final));
check('has a HEALTHCHECK', /^HEALTHCHECK /m.test(final));
const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(final)[1]);
const port = 40_000 + Math.floor(Math.random() * 10_000);
const child = spawn(cmd[0] === 'node' ? process.execPath : cmd[0], cmd.slice(1), {
  cwd: work,
  env: { PATH: process.env.PATH, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'factbot-data-')), SEEDS_DIR: join(work, 'seeds'), INTENTS_DIR: join(work, 'intents') },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
child.stdout.on('data', (d) => (log += d));
child.stderr.on('data', (d) => (log += d));
const exited = new Promise((r) => child.once('exit', r));
let healthy = false;
for (let i = 0; i < 300 && !healthy; i++) {
  healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
  if (!healthy) await new Promise((r) => setTimeout(r, 100));
}
check('CMD starts and /healthz answers', healthy, healthy ? '' : log.slice(-2000));
const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.json(), () => ({}));
check('/readyz: facts loaded', ready.ready === true && ready.facts > 0, JSON.stringify(ready));
check('logs are JSON in production', log.trim().split('\n').every((l) => l.startsWith('{')));
child.kill('SIGTERM');
check('SIGTERM stops it cleanly', (await exited) === 0);

const failed = results.filter((r) => !r).length;
console.log(`docker steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
