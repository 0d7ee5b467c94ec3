import { cpSync, readdirSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { startServer, type Running } from '../src/server/start.js';
import { reportHtml } from './helpers/report-formats.js';
import { tempDir, tempState } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';

// The local page's admin endpoints: off without ADMIN_TOKEN, behind the token with it.
const TOKEN = 'local-admin-token-0123456789';
const REPORT = '北川县2024年卫生健康工作总结\n\n全县共有医疗卫生机构176个，床位1530张，卫生技术人员1880人。';

describe('admin endpoints of the local page', () => {
  let on: Running;
  let off: Running;
  let seeds: string;
  const url = (r: Running, path: string) => `http://127.0.0.1:${r.webPort}/api/admin${path}`;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    seeds = tempDir('factbot-admin-api-');
    cpSync('seeds', seeds, { recursive: true });
    const start = async (env: Record<string, string>) =>
      startServer({ config: readConfig({ PORT: '0', HOST: '127.0.0.1', SEEDS_DIR: seeds, ...env }), store: await storeFrom(), state: await tempState(), schedule: false, log: pino({ level: 'silent' }) });
    on = await start({ ADMIN_TOKEN: TOKEN });
    off = await start({});
  });
  afterAll(async () => {
    await on.close();
    await off.close();
  });

  it('are off without ADMIN_TOKEN, saying how to turn them on', async () => {
    const res = await fetch(url(off, '/reload'), { method: 'POST', headers: bearer(TOKEN) });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('ADMIN_TOKEN');
  });

  it.each([
    ['no token', {}],
    ['a wrong token', bearer('local-admin-token-0123456780')],
    ['a prefix of the token', bearer(TOKEN.slice(0, 20))],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('refuse %s', async (_n, headers) => {
    const res = await fetch(url(on, '/reports?name=x.html'), { method: 'POST', headers, body: reportHtml(REPORT) });
    expect(res.status).toBe(401);
    expect(readdirSync(seeds)).not.toContain('x.html');
  });

  it('check a token, add a report and reload', async () => {
    expect((await fetch(url(on, '/'), { headers: bearer(TOKEN) })).status).toBe(204);
    const res = await fetch(url(on, '/reports?name=北川县总结.html'), { method: 'POST', headers: bearer(TOKEN), body: reportHtml(REPORT) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { outcome: { status: string; summary: { title: string } }; reload: string };
    expect(body.outcome).toMatchObject({ status: 'added', summary: { title: '北川县2024年卫生健康工作总结' } });
    const answer = await fetch(`http://127.0.0.1:${on.webPort}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '北川县床位多少张' }) });
    expect(JSON.stringify(await answer.json())).toContain('1530张');
    const refused = await fetch(url(on, '/reports?name=locked.pdf'), { method: 'POST', headers: bearer(TOKEN), body: 'not a pdf' });
    expect(refused.status).toBe(422);
    expect((await fetch(url(on, '/reload'), { method: 'POST', headers: bearer(TOKEN) })).status).toBe(200);
  });
});
