import { spawn } from 'node:child_process';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { RateLimiter } from '../src/core/rate-limit.js';
import { startServer, type Running } from '../src/server/start.js';
import { FakeFeishu } from './helpers/fake-feishu.js';
import { freePort } from './helpers/redis.js';
import { APP, deliver, messageEvent, feishuEnv } from './helpers/feishu-events.js';
import { tempDir, tempState } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';

describe('health, readiness, metrics and the ask API', () => {
  const fake = new FakeFeishu();
  let running: Running;
  let base: string;
  /** The page, its API and /metrics: their own listener. */
  let web: string;
  beforeAll(async () => {
    await fake.start();
    running = await startServer({
      config: readConfig({
        PORT: '0', HOST: '127.0.0.1', ...feishuEnv(fake.url), RATE_USER_PER_MIN: '3',
      }),
      store: await storeFrom(), state: await tempState(), schedule: false, log: pino({ level: 'silent' }), sleep: async () => {},
    });
    base = `http://127.0.0.1:${running.port}`;
    web = `http://127.0.0.1:${running.webPort}`;
  });
  afterAll(async () => {
    await running.close();
    await fake.stop();
  });

  it('answers /healthz and /readyz, with a request id', async () => {
    const h = await fetch(`${base}/healthz`);
    expect(await h.json()).toEqual({ ok: true });
    expect(h.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const r = await fetch(`${base}/readyz`, { headers: { 'x-request-id': 'trace-42' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toBe('trace-42');
    expect(await r.json()).toMatchObject({ ready: true, reports: 5 });
  });

  it('answers POST /api/ask with the CLI\'s JSON and both platforms\' renderings', async () => {
    const res = await fetch(`${web}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '枣庄实际开放床位多少张', chat: 'page-1' }) });
    const body = await res.json();
    expect(body.answers[0]).toMatchObject({ answer: '25970张', source: { file: '000_40ca54400f45fed3.txt' } });
    expect(body.feishu.schema).toBe('2.0');
    expect(body.wecom.markdown).toContain('25970张');
    const follow = await (await fetch(`${web}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '那淄博呢', chat: 'page-1' }) })).json();
    expect(follow.answers).toEqual([]);
  });

  it.each([
    ['no question', {}, 400],
    ['an over-long question', { question: '枣'.repeat(600) }, 400],
  ])('refuses %s on /api/ask', async (_n, body, status) => {
    const res = await fetch(`${web}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(status);
    expect((await res.json()).error).toBeTruthy();
  });

  it('refuses broken JSON on /api/ask with 400', async () => {
    const res = await fetch(`${web}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":' });
    expect(res.status).toBe(400);
  });

  it('serves reports with their facts placed in the text', async () => {
    const doc = await (await fetch(`${web}/api/reports/000_40ca54400f45fed3.txt`)).json();
    const marked = doc.blocks.flatMap((b: { text: string; facts: { start: number; end: number; answer: string }[] }) => b.facts.map((f) => b.text.slice(f.start, f.end) === f.answer));
    expect(marked.length).toBeGreaterThan(40);
    expect(marked.every(Boolean)).toBe(true);
    expect((await fetch(`${web}/api/reports/nope.txt`)).status).toBe(404);
    const facts = await (await fetch(`${web}/api/facts?region=${encodeURIComponent('淄博市')}`)).json();
    expect(facts.facts.every((f: { region: string }) => f.region === '淄博市')).toBe(true);
  });

  it('counts questions, latency, refusals and rate limiting in /metrics', async () => {
    const forged = deliver(messageEvent({ text: '枣庄床位' }));
    await fetch(`${base}/feishu/events`, { method: 'POST', body: forged.body, headers: { ...forged.headers, 'x-lark-signature': '0'.repeat(64) } });
    for (let i = 0; i < 5; i++) {
      const d = deliver(messageEvent({ text: '枣庄网内救护车有几辆' }));
      await fetch(`${base}/feishu/events`, { method: 'POST', body: d.body, headers: d.headers });
    }
    await running.settle();
    const text = await (await fetch(`${web}/metrics`)).text();
    expect(text).toMatch(/factbot_questions_total\{platform="feishu",outcome="answered"\} 3/);
    expect(text).toMatch(/factbot_questions_total\{platform="web",outcome="answered"\} \d+/);
    expect(text).toMatch(/factbot_answer_seconds_bucket\{le="0.005",platform="feishu"\} \d+/);
    expect(text).toMatch(/factbot_deliveries_refused_total\{platform="feishu",status="401"\} 1/);
    expect(text).toMatch(/factbot_rate_limited_total\{scope="user"\} 2/);
    expect(text).toMatch(/factbot_facts 2\d\d/);
    // Over the limit the member is told once, then the bot stays quiet.
    expect(fake.cards.map((c) => JSON.stringify(c)).filter((c) => c.includes('消息太多了'))).toHaveLength(1);
  });
});

describe('RateLimiter', () => {
  it('lets the limit through a minute, tells once, and forgets after the window', () => {
    let t = 0;
    const r = new RateLimiter(2, 60_000, () => t);
    expect([r.check('u'), r.check('u')].every((x) => x.ok)).toBe(true);
    expect(r.check('u')).toEqual({ ok: false, tell: true });
    expect(r.check('u')).toEqual({ ok: false, tell: false });
    expect(r.check('v').ok).toBe(true);
    t = 61_000;
    expect(r.check('u').ok).toBe(true);
  });
});

describe('graceful shutdown', () => {
  it('still delivers a reply under way when SIGTERM arrives, then exits 0 and takes no more events', async () => {
    const fake = new FakeFeishu();
    await fake.start();
    fake.delayMs = 1500;
    // A port the system hands out as free (a random one in the ephemeral range may be a client's).
    const port = await freePort();
    const lines: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'info', DATA_DIR: tempDir(),
        ...feishuEnv(fake.url),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => lines.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => lines.push(d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    const base = `http://127.0.0.1:${port}`;
    // Start-up builds the fact store; on a loaded CI machine that takes many times longer than alone.
    const upBy = Date.now() + 90_000;
    while (!(await fetch(`${base}/healthz`).then((r) => r.ok, () => false))) {
      if (Date.now() > upBy) throw new Error(`the bot did not answer /healthz within 90 s; its output:\n${lines.join('')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const d = deliver(messageEvent({ text: '枣庄卫生总资产' }));
    expect((await fetch(`${base}/feishu/events`, { method: 'POST', body: d.body, headers: d.headers })).status).toBe(200);
    // Wait until the reply is on its way to Feishu, then stop the bot.
    for (let i = 0; i < 100 && !fake.calls.some((c) => c.path.endsWith('/reply')); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    const late = deliver(messageEvent({ text: '淄博专科联盟有几个' }));
    const refused = await fetch(`${base}/feishu/events`, { method: 'POST', body: late.body, headers: late.headers }).then((r) => r.status, () => 'closed');
    expect([503, 'closed']).toContain(refused);
    expect(await exited).toBe(0);
    expect(fake.sends).toHaveLength(1);
    expect(JSON.stringify(fake.cards[0])).toContain('140.05亿元');
    const log = lines.join('');
    expect(log).toContain('shut down cleanly');
    // JSON logs in production, with no secret in them.
    expect(log.split('\n').filter(Boolean).every((l) => l.startsWith('{'))).toBe(true);
    for (const secret of [APP.appSecret, APP.encryptKey, APP.verificationToken]) expect(log).not.toContain(secret);
    await fake.stop();
  }, 150_000);
});
