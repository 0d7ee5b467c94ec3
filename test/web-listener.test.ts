import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.js';
import { hostName } from '../src/server/app.js';
import { startServer, type Running } from '../src/server/start.js';
import { buildFactStore } from '../src/store/fact-store.js';
import { BLOCKS_PER_PAGE } from '../src/web/api.js';
import { tempState } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';

// Issue 12: the page, its JSON API, /status and /metrics are no longer open to whoever reaches
// the webhook port. They listen on their own port (127.0.0.1 by default), answer only to allowed
// Host names (DNS rebinding), and send a strict content security policy.

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function start(env: Record<string, string>): Promise<Running> {
  return startServer({ config: readConfig({ PORT: '0', HOST: '127.0.0.1', ...env }), store: await storeFrom(), state: await tempState(), schedule: false, log: pino({ level: 'silent' }) });
}

describe('by default the page and its API have their own local listener', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start({});
  });
  afterAll(() => running.close());

  it.each(['/', '/index.html', '/app.js', '/api/reports', '/api/facts', '/status', '/metrics', '/reports/x.txt'])('the webhook port does not serve %s', async (path) => {
    expect(running.webPort).not.toBe(running.port);
    expect((await get(running.port, path)).status).toBe(404);
  });

  it.each(['/healthz', '/readyz'])('the webhook port still answers %s for the orchestrator', async (path) => {
    expect((await get(running.port, path)).status).toBe(200);
  });

  it.each(['/', '/app.js', '/api/reports', '/status', '/metrics', '/healthz'])('the page port serves %s', async (path) => {
    expect((await get(running.webPort, path)).status).toBe(200);
  });

  it.each([
    ['a rebinding name', 'attacker.example'],
    ['a rebinding name with the port', 'attacker.example:3001'],
    ['an address of the machine not allowed', '10.0.0.5'],
    ['a port without a name', ':3001'],
  ])('refuses %s in the Host header with 421', async (_what, host) => {
    const res = await get(running.webPort, '/api/reports', host);
    expect(res.status).toBe(421);
    expect(res.body).toContain('WEB_ALLOWED_HOSTS');
  });

  it.each(['localhost', '127.0.0.1', '[::1]'])('answers to %s, with or without the port', async (host) => {
    expect((await get(running.webPort, '/status', host)).status).toBe(200);
    expect((await get(running.webPort, '/status', `${host}:${running.webPort}`)).status).toBe(200);
  });

  it('sends a content security policy that forbids framing and foreign scripts', async () => {
    const res = await get(running.webPort, '/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('WEB_ON_PUBLIC_PORT serves the page on the webhook port, still behind the Host allow-list', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start({ WEB_ON_PUBLIC_PORT: 'true', PUBLIC_URL: 'https://factbot.example.org' });
  });
  afterAll(() => running.close());

  it('one port for all; the public name and local names are allowed, others are not', async () => {
    expect(running.webPort).toBe(running.port);
    expect((await get(running.port, '/api/reports', 'factbot.example.org')).status).toBe(200);
    expect((await get(running.port, '/api/reports')).status).toBe(200);
    expect((await get(running.port, '/api/reports', 'attacker.example')).status).toBe(421);
    // The platforms' callbacks and health do not depend on the Host they were sent to.
    expect((await get(running.port, '/healthz', 'attacker.example')).status).toBe(200);
  });
});

describe('settings of the page listener', () => {
  it.each([
    [{ PORT: '3000' }, { host: '127.0.0.1', port: 3001, onPublicPort: false }],
    [{ PORT: '8080', WEB_PORT: '9000', WEB_HOST: '0.0.0.0' }, { host: '0.0.0.0', port: 9000, onPublicPort: false }],
    [{ PORT: '0' }, { host: '127.0.0.1', port: 0, onPublicPort: false }],
    [{ WEB_ON_PUBLIC_PORT: '1' }, { host: '127.0.0.1', port: 3001, onPublicPort: true }],
  ])('%j → %j', (env, want) => {
    expect(readConfig(env).web).toMatchObject(want);
  });

  it('allows the local names, WEB_HOST, the PUBLIC_URL host and WEB_ALLOWED_HOSTS', () => {
    const { allowedHosts } = readConfig({ WEB_HOST: '10.1.2.3', PUBLIC_URL: 'https://Bot.Example.org/x', WEB_ALLOWED_HOSTS: 'intranet.local, 192.168.0.9' }).web;
    expect(allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]', '10.1.2.3', 'bot.example.org', 'intranet.local', '192.168.0.9']);
  });

  it('names the variable of a malformed allow-list', () => {
    expect(() => readConfig({ WEB_ALLOWED_HOSTS: 'ok.example,http://bad/' })).toThrow(ConfigError);
    expect(() => readConfig({ WEB_ALLOWED_HOSTS: 'ok.example,http://bad/' })).toThrow(/WEB_ALLOWED_HOSTS/);
  });

  it.each([
    ['127.0.0.1:3001', '127.0.0.1'],
    ['LocalHost', 'localhost'],
    ['[::1]:80', '[::1]'],
    ['bot.example.org', 'bot.example.org'],
    ['', undefined],
    ['a b', undefined],
    ['host:99999999', undefined],
  ])('the Host header %j names %j', (header, name) => {
    expect(hostName(header)).toBe(name);
  });
});

describe('GET /api/reports/<id> in pages (issue 12: one GET of a long report was quadratic)', () => {
  let running: Running;
  const LONG = 'long-report.md';
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'factbot-long-'));
    for (const f of readdirSync('seeds')) copyFileSync(join('seeds', f), join(dir, f));
    writeFileSync(join(dir, LONG), '# 某市卫生健康统计公报\n\n' + Array.from({ length: 1_200 }, (_, i) => `全市第${i}类机构床位${i + 1}张，人员${i + 7}人。`).join('\n\n'));
    const store = await buildFactStore({ seedsDir: dir, intentsDir: 'intents' });
    running = await startServer({ config: readConfig({ PORT: '0', HOST: '127.0.0.1' }), store, state: await tempState(), schedule: false, log: pino({ level: 'silent' }) });
  }, 60_000);
  afterAll(() => running.close());

  const page = async (from?: number, count?: string) =>
    JSON.parse((await get(running.webPort, `/api/reports/${LONG}${from === undefined ? '' : `?from=${from}`}${count ? `${from === undefined ? '?' : '&'}count=${count}` : ''}`)).body) as {
      total: number;
      from: number;
      next: number | null;
      blocks: { text: string; facts: { start: number; end: number; answer: string }[] }[];
    };

  it('gives the paragraphs 500 at a time, with where the next page starts', async () => {
    const first = await page();
    expect(first.total).toBe(1_201);
    expect([first.from, first.blocks.length, first.next]).toEqual([0, BLOCKS_PER_PAGE, 500]);
    const last = await page(1_000);
    expect([last.blocks.length, last.next]).toEqual([201, null]);
  });

  it('every page marks its own paragraphs\' figures where they stand', async () => {
    const all = [];
    for (let from: number | null = 0; from !== null; ) {
      const p = await page(from);
      all.push(...p.blocks);
      from = p.next;
    }
    expect(all).toHaveLength(1_201);
    const paragraphs = all.filter((b) => b.facts.length);
    expect(paragraphs).toHaveLength(1_200);
    for (const b of paragraphs) for (const f of b.facts) expect(b.text.slice(f.start, f.end)).toBe(f.answer);
  });

  it.each([
    ['a count over the page size', 0, '100000', BLOCKS_PER_PAGE],
    ['a count of zero', 0, '0', 1],
    ['a count that is no number', 0, 'all', BLOCKS_PER_PAGE],
    ['a start past the end', 5_000, undefined, 0],
  ])('bounds %s', async (_what, from, count, length) => {
    expect((await page(from, count)).blocks).toHaveLength(length);
  });
});
