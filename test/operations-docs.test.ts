import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTime } from '../src/admin/commands.js';
import { readConfig } from '../src/config.js';
import type { Card } from '../src/core/cards.js';
import { startServer, type Running } from '../src/server/start.js';
import { tempDir, tempState } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';

// Issue 13, items 10 and 11: what the README says about the page, /status, the tests' needs and the
// bot's limits is what the bot does.

const README = readFileSync('README.md', 'utf8');
const CI = readFileSync('.ci/run', 'utf8');

describe("the README's requirements name what the tests need", () => {
  // Each Debian package .ci/run installs for the tests.
  const packages = [...CI.matchAll(/need\+=\(([\w.-]+)\)/g)].map((m) => m[1]!);
  const requirements = README.slice(README.indexOf('Requirements:'), README.indexOf('\n## '));

  it('finds the packages .ci/run installs', () => {
    expect(packages).toEqual(expect.arrayContaining(['redis-server', 'chromium', 'tesseract-ocr', 'poppler-utils', 'fonts-wqy-microhei']));
  });
  it.each(packages)('%s', (pkg) => {
    expect(requirements).toContain(pkg);
  });
});

describe('the README says what the bot does not do yet', () => {
  it.each(['spreadsheets', 'compare or compute across reports', 'draw charts'])('%s', (words) => {
    const section = README.slice(README.indexOf('**What the bot does not do yet.**'), README.indexOf('\n## '));
    expect(section).toContain(words);
  });
});

describe('the page listener: GET / is the page, /status is JSON, the API speaks Chinese', () => {
  let running: Running;
  let web: string;
  beforeAll(async () => {
    running = await startServer({ config: readConfig({ PORT: '0', HOST: '127.0.0.1' }), store: await storeFrom(), state: await tempState(), schedule: false, log: pino({ level: 'silent' }) });
    web = `http://127.0.0.1:${running.webPort}`;
  });
  afterAll(() => running.close());

  it('serves the page at GET /', async () => {
    const res = await fetch(`${web}/`);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('id="ask-input"');
  });

  it('serves /status as the README documents it, every field named', async () => {
    const status = (await (await fetch(`${web}/status`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ name: 'factbot', reports: 5, facts: expect.any(Number), channels: { feishu: 'off', wecom: 'off' } });
    const row = README.split('\n').find((l) => l.startsWith('| `GET /status` |'));
    expect(row).toBeDefined();
    for (const key of [...Object.keys(status), 'gaveUp']) expect(row).toContain(key);
  });

  it.each([
    ['a question over 500 characters', { question: '枣'.repeat(501) }, /^问题最多 500 个字，这个问题有 501 个字/],
  ])('answers %s with 400 and a Chinese message', async (_n, body, message) => {
    const res = await fetch(`${web}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });
});

describe('/status in the chat shows times in PUSH_TZ', () => {
  it.each([
    ['2026-01-01T01:02:03.000Z', 'Asia/Shanghai', '2026-01-01 09:02:03 (Asia/Shanghai)'],
    ['2026-01-01T01:02:03.000Z', 'America/New_York', '2025-12-31 20:02:03 (America/New_York)'],
    ['2026-07-01T23:30:00.000Z', 'Europe/Berlin', '2026-07-02 01:30:00 (Europe/Berlin)'],
    ['2026-03-08T00:00:00.000Z', 'UTC', '2026-03-08 00:00:00 (UTC)'],
  ])('localTime(%s, %s) = %s', (at, tz, shown) => {
    expect(localTime(at, tz)).toBe(shown);
    expect(localTime(new Date(at), tz)).toBe(shown);
  });

  it.each([
    ['Asia/Shanghai', '2026-01-01 09:02:03 (Asia/Shanghai)'],
    ['America/New_York', '2025-12-31 20:02:03 (America/New_York)'],
  ])('PUSH_TZ=%s', async (tz, reloadShown) => {
    const running = await startServer({
      config: readConfig({ PORT: '0', HOST: '127.0.0.1', PUSH_TZ: tz, ADMIN_IDS: 'wecom:admin', DATA_DIR: tempDir() }),
      store: await storeFrom(),
      state: await tempState(),
      schedule: false,
      log: pino({ level: 'silent' }),
    });
    try {
      await running.state.recordReload({ at: '2026-01-01T01:02:03.000Z', by: 'wecom:admin', ok: true, summary: '' });
      const card: Card = await running.bot.respond({ kind: 'text', text: '/status', chatId: 'wecom:chat', userId: 'wecom:admin', chatType: 'private' });
      const text = JSON.stringify(card);
      expect(text).toContain('运行状态');
      expect(text).toContain(`最近一次重新加载：${reloadShown}`);
      expect(text).toContain(`数据加载于 ${localTime(running.stores.current.builtAt, tz)}`);
      // No UTC ISO times left.
      expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    } finally {
      await running.close();
    }
  });
});
