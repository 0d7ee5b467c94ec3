import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/redis.js';

// Issue 14, item 5: production runs compiled JavaScript (`npm start` builds dist/ and runs
// `node dist/main.js`). The build goes to a folder of its own with node_modules linked beside it,
// so this test neither needs nor touches the checkout's dist/.
let app: string;
let child: ChildProcess | undefined;
beforeAll(() => {
  app = join(mkdtempSync(join(tmpdir(), 'factbot-compiled-')), 'app');
  mkdirSync(app);
  symlinkSync(resolve('node_modules'), join(app, 'node_modules'));
  const r = spawnSync(process.execPath, ['scripts/build.mjs', join(app, 'dist'), '--force'], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
}, 150_000);
afterAll(async () => {
  if (child && child.exitCode === null) await new Promise((r) => (child!.once('exit', r), child!.kill('SIGTERM')));
  rmSync(resolve(app, '..'), { recursive: true, force: true });
});


describe('the compiled build', () => {
  it('holds what tsc does not emit: the worker boot module, the page, the stand-in dictionaries', () => {
    for (const f of ['main.js', 'store/worker-boot.mjs', 'web/public/index.html', 'text/jieba/idf.utf8', 'text/jieba/stop_words.utf8', 'yaml-cache.json']) {
      expect(existsSync(join(app, 'dist', f)), f).toBe(true);
    }
  });

  it("keeps each of intents/*.yaml parsed exactly as the yaml package parses it", () => {
    const cache = JSON.parse(readFileSync(join(app, 'dist', 'yaml-cache.json'), 'utf8')) as Record<string, unknown>;
    const files = readdirSync('intents').filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(join('intents', f), 'utf8');
      expect(cache[createHash('sha256').update(text).digest('hex')], f).toEqual(parseYaml(text));
    }
  });

  it('loads no platform SDK, Redis client or tsx when none is configured', () => {
    const probe = `await import(${JSON.stringify(join(app, 'dist/server/start.js'))});
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify(['@larksuiteoapi', '@wecom', 'ioredis', '/tsx/'].filter((p) => loaded.some((k) => k.includes(p)))));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual([]);
  });

  it('starts with node alone, reads the reports in its worker and answers /readyz and the page', async () => {
    // Ports the system hands out as free (a random one in the ephemeral range may be a client's).
    const [p, web] = [await freePort(), await freePort()];
    const data = mkdtempSync(join(tmpdir(), 'factbot-compiled-data-'));
    child = spawn(process.execPath, [join(app, 'dist/main.js')], {
      env: { PATH: process.env.PATH, PORT: String(p), WEB_PORT: String(web), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: data, SEEDS_DIR: resolve('seeds'), INTENTS_DIR: resolve('intents') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout!.on('data', (d: Buffer) => (log += d));
    child.stderr!.on('data', (d: Buffer) => (log += d));
    let ready: { ready?: boolean; reports?: number; facts?: number } = {};
    for (let i = 0; i < 600 && !ready.ready && child.exitCode === null; i++) {
      ready = await fetch(`http://127.0.0.1:${p}/readyz`).then((r) => r.json() as Promise<typeof ready>, () => ({}));
      if (!ready.ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready, log).toMatchObject({ ready: true, reports: 5 });
    expect(ready.facts).toBeGreaterThan(0);
    const page = await fetch(`http://127.0.0.1:${web}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const asked = await fetch(`http://127.0.0.1:${web}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '枣庄实际开放床位多少张' }) });
    expect(((await asked.json()) as { answers: { answer: string }[] }).answers[0]?.answer).toBe('25970张');
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    rmSync(data, { recursive: true, force: true });
  }, 120_000);
});
