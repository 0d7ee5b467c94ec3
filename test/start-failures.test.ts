import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig, SettingError } from '../src/config.js';
import { loadTargetsFile } from '../src/push/targets.js';
import { listenError, startServer } from '../src/server/start.js';
import { freePort } from './helpers/redis.js';
import { tempDir, tempState } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';

// Issue 13, items 6 and 7: a setting that does not work where the bot runs stops the start with
// one line naming the variable, exit code 1, no stack trace, and nothing left running.

/** An address of TEST-NET-1 (RFC 5737): on no machine, so listening on it fails. */
const NOT_HERE = '192.0.2.1';

let taken: Server;
let takenPort: number;
beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
  takenPort = (taken.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((r) => taken.close(() => r())));

/** Runs a command to its end: exit code, standard output and error. */
function runCli(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      env: { ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'development', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** One line, naming the variable, with no stack trace. */
function expectOneLine(stderr: string, variable: string, ...words: string[]): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toContain(`${variable}:`);
  for (const w of words) expect(lines[0]).toContain(w);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('a server that cannot listen does not start', () => {
  const logged: string[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void logged.push(s) });

  it.each([
    { name: 'PORT in use', env: () => ({ PORT: String(takenPort), HOST: '127.0.0.1' }), variable: 'PORT', words: () => [`127.0.0.1:${takenPort}`, 'in use'] },
    { name: 'WEB_PORT in use', env: () => ({ PORT: '0', HOST: '127.0.0.1', WEB_PORT: String(takenPort) }), variable: 'WEB_PORT', words: () => [`127.0.0.1:${takenPort}`, 'in use'] },
    { name: 'HOST not on this machine', env: () => ({ PORT: '0', HOST: NOT_HERE }), variable: 'HOST', words: () => [NOT_HERE, 'not an address of this machine'] },
    { name: 'WEB_HOST not on this machine', env: () => ({ PORT: '0', HOST: '127.0.0.1', WEB_HOST: NOT_HERE }), variable: 'WEB_HOST', words: () => [NOT_HERE, 'not an address of this machine'] },
  ])('$name: a SettingError naming $variable, no push schedule, the public port let go', async ({ env, variable, words }) => {
    logged.length = 0;
    const publicPort = await freePort();
    const e = env();
    const config = readConfig({ ...e, PORT: e.PORT === '0' ? String(publicPort) : e.PORT, DATA_DIR: tempDir() });
    const err = await startServer({ config, store: await storeFrom(), state: await tempState(), log }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(err).toBeInstanceOf(SettingError);
    expect((err as SettingError).variable).toBe(variable);
    expect((err as Error).message.startsWith(`${variable}: `)).toBe(true);
    for (const w of words()) expect((err as Error).message).toContain(w);
    const messages = logged.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).not.toContain('daily push scheduled');
    expect(messages).not.toContain('factbot listening');
    // The public listener, when it was bound before the page's failed, is closed again.
    if (e.PORT === '0') {
      const again = createServer();
      await new Promise<void>((resolve, reject) => {
        again.once('error', reject);
        again.listen(publicPort, '127.0.0.1', () => resolve());
      });
      await new Promise<void>((r) => again.close(() => r()));
    }
  });

  it('schedules the push once it listens (the log the rows above look for)', async () => {
    logged.length = 0;
    const running = await startServer({ config: readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir() }), store: await storeFrom(), state: await tempState(), log, now: () => new Date('2026-01-01T00:00:00Z') });
    await running.close();
    expect(logged.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(expect.arrayContaining(['factbot listening', 'daily push scheduled']));
  });

  it.each([
    ['EACCES', 80, '0.0.0.0', 'PORT', 'may not open port 80'],
    ['ENOTFOUND', 3000, 'factbot.invalid', 'HOST', 'does not resolve'],
    ['EIO', 3000, '0.0.0.0', 'PORT', 'PORT/HOST: cannot listen on 0.0.0.0:3000 (EIO'],
  ])('%s says what to change (%s)', (code, port, host, variable, words) => {
    const err = listenError(Object.assign(new Error(`listen ${code}`), { code }), port, host, { port: 'PORT', host: 'HOST' });
    expect(err.variable).toBe(variable);
    expect(err.message).toContain(words);
  });
});

describe('settings checked at start', () => {
  const dir = tempDir('factbot-targets-');
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const TARGETS = [
    { name: 'missing', path: () => join(dir, 'nope.json'), words: ['does not exist', 'unset PUSH_TARGETS_FILE'] },
    { name: 'a folder', path: () => dir, words: ['is a folder'] },
    { name: 'empty', path: () => file('empty.json', ''), words: ['is not valid JSON'] },
    { name: 'malformed, with a key in it', path: () => file('broken.json', '[{"target": "wecom-hook:SECRET-KEY-0001"'), words: ['is not valid JSON'] },
    { name: 'an object, not a list', path: () => file('object.json', '{"target": "wecom-hook:k"}'), words: ['holds an object, not a list'] },
    { name: 'a wrong target', path: () => file('wrong.json', '[{"target": "slack:#general"}]'), words: ['[0.target]', 'feishu:<chat_id>'] },
    { name: 'an unknown field', path: () => file('field.json', '[{"target": "wecom-hook:k", "regoin": "淄博市"}]'), words: ['has wrong entries', 'regoin'] },
  ];

  it.each(TARGETS)('PUSH_TARGETS_FILE $name: a SettingError naming the variable and the file', async ({ path, words }) => {
    const p = path();
    const err = await loadTargetsFile(p).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(err).toBeInstanceOf(SettingError);
    expect((err as Error).message).toContain(`PUSH_TARGETS_FILE: ${p} `);
    for (const w of words) expect((err as Error).message).toContain(w);
    expect((err as Error).message).not.toContain('SECRET-KEY-0001');
  });

  it('startServer refuses a wrong targets file before it opens state or listens', async () => {
    const config = readConfig({ PORT: '0', HOST: '127.0.0.1', PUSH_TARGETS_FILE: join(dir, 'nope.json'), DATA_DIR: tempDir() });
    await expect(startServer({ config, store: await storeFrom(), log: pino({ level: 'silent' }) })).rejects.toThrow(/^PUSH_TARGETS_FILE: .*does not exist/);
  });

  it.each([
    ['99 9 * * *', 'minute'],
    ['0 9 * *', 'five'],
    ['every day', 'five'],
  ])('PUSH_CRON %j is refused by readConfig', (cron, words) => {
    let err: unknown;
    try {
      readConfig({ PUSH_CRON: cron });
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([expect.stringMatching(new RegExp(`^PUSH_CRON: .*${words}`))]);
  });
});

// The commands themselves: npm start (src/main.ts) and npm run push, run as a user would.
describe.concurrent('the commands print one line and exit 1', () => {
  const base = () => ({ DATA_DIR: tempDir(), SEEDS_DIR: 'test/fixtures/mini', PORT: '0', HOST: '127.0.0.1' });

  it('npm start with PORT in use', async () => {
    const r = await runCli(['src/main.ts'], { ...base(), PORT: String(takenPort) });
    expect(r.status).toBe(1);
    expectOneLine(r.stderr, 'PORT', 'factbot cannot start', `127.0.0.1:${takenPort}`, 'in use');
    expect(r.stdout).not.toContain('daily push scheduled');
    expect(r.stdout).not.toContain('factbot listening');
  });

  it('npm start with REDIS_URL at a closed port', async () => {
    const port = await freePort();
    const r = await runCli(['src/main.ts'], { ...base(), REDIS_URL: `redis://:hunter2-password@127.0.0.1:${port}` });
    expect(r.status).toBe(1);
    expectOneLine(r.stderr, 'REDIS_URL', 'factbot cannot start', 'ECONNREFUSED');
    expect(r.stderr + r.stdout).not.toContain('hunter2-password');
    expect(r.stdout).not.toContain('daily push scheduled');
  });

  it('npm start with a missing PUSH_TARGETS_FILE', async () => {
    const r = await runCli(['src/main.ts'], { ...base(), PUSH_TARGETS_FILE: '/nonexistent/targets.json' });
    expect(r.status).toBe(1);
    expectOneLine(r.stderr, 'PUSH_TARGETS_FILE', 'factbot cannot start', '/nonexistent/targets.json does not exist');
    // Found before the reports are read.
    expect(r.stdout).not.toContain('fact store built');
  });

  it.each([
    ['missing', '/nonexistent/targets.json', 'does not exist'],
    ['malformed', 'test/fixtures/reporter/passing.fixture.ts', 'is not valid JSON'],
  ])('npm run push -- --dry-run with a %s PUSH_TARGETS_FILE', async (_n, path, words) => {
    const r = await runCli(['src/cli/push.ts', '--dry-run'], { ...base(), PUSH_TARGETS_FILE: path });
    expect(r.status).toBe(1);
    expectOneLine(r.stderr, 'PUSH_TARGETS_FILE', 'push not run', words);
  });

  it('npm run push -- --dry-run with a DATA_DIR that is a file', async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, '');
    const r = await runCli(['src/cli/push.ts', '--dry-run'], { ...base(), DATA_DIR: file, LOG_LEVEL: 'silent' });
    expect(r.status).toBe(1);
    expectOneLine(r.stderr, 'DATA_DIR', 'push not run', `${file}/state.db`, 'make DATA_DIR a writable folder');
  });

  it('npm run push -- --dry-run with REDIS_URL at a closed port', async () => {
    const port = await freePort();
    const r = await runCli(['src/cli/push.ts', '--dry-run'], { ...base(), REDIS_URL: `redis://127.0.0.1:${port}`, LOG_LEVEL: 'silent' });
    expect(r.status).toBe(1);
    expectOneLine(r.stderr, 'REDIS_URL', 'push not run', 'ECONNREFUSED');
  });
});
