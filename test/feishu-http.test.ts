import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeishuHttpError, leanHttp } from '../src/platforms/feishu/http.js';
import { scrubSecrets } from '../src/platforms/feishu/sdk-logger.js';
import { FeishuSender } from '../src/platforms/feishu/sender.js';
import { listenOnLoopback, sendJson } from './helpers/loopback.js';

// Issue 14, item 1: the Lark SDK's Client sends through a lean keep-alive layer (http.ts) instead of
// axios + follow-redirects. What the sender and the SDK read of a response and of an error must
// stay the same; redirects are not followed, bodies and time are bounded. Loopback only.

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
/** Remote ports seen, by path: one port for several calls means the connection was kept alive. */
const ports = new Map<string, number[]>();
let api: Awaited<ReturnType<typeof listenOnLoopback>>;
const http = leanHttp({ timeoutMs: 300, maxResponseBytes: 1024 });
const SECRET = 'app-secret-5e4d3c2b1a0f';

beforeAll(async () => {
  api = await listenOnLoopback((req, body, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    ports.set(path, [...(ports.get(path) ?? []), req.socket.remotePort ?? 0]);
    const h = routes.get(path);
    if (h) h(req, body, res);
    else sendJson(res, 404, { code: 404, msg: 'not found' });
  });
  routes.set('/json', (_req, _body, res) => sendJson(res, 200, { code: 0, msg: 'ok', data: { n: 1 } }));
  routes.set('/echo', (req, body, res) => sendJson(res, 200, { code: 0, method: req.method, url: req.url, type: req.headers['content-type'], body }));
  routes.set('/html', (_req, _body, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>502 Bad Gateway</body></html>');
  });
  routes.set('/empty', (_req, _body, res) => {
    res.writeHead(200);
    res.end();
  });
  routes.set('/refused', (_req, _body, res) => sendJson(res, 400, { code: 230002, msg: 'Bot/User can NOT be out of the chat.' }));
  routes.set('/limited', (_req, _body, res) => sendJson(res, 429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': '2' }));
  routes.set('/down', (_req, _body, res) => {
    res.writeHead(503, { 'content-type': 'text/html' });
    res.end('<html>Service Unavailable</html>');
  });
  routes.set('/hang', () => undefined);
  routes.set('/stall', (_req, _body, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"code":0,');
  });
  routes.set('/big', (_req, _body, res) => sendJson(res, 200, { code: 0, pad: 'x'.repeat(4096) }));
  routes.set('/big-chunked', (_req, _body, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let i = 0; i < 8; i++) res.write('x'.repeat(512));
    res.end();
  });
  routes.set('/moved', (_req, _body, res) => {
    res.writeHead(302, { location: `${api.url}/json` });
    res.end();
  });
  routes.set('/stream', (_req, _body, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(Buffer.alloc(5000, 7));
  });
});
afterAll(async () => {
  http.close();
  await api.close();
});

const fails = (p: Promise<unknown>) =>
  p.then(
    (v) => {
      throw new Error(`expected a failure, got ${JSON.stringify(v)}`);
    },
    (err: unknown) => err as FeishuHttpError,
  );

describe('the lean Feishu HTTP layer', () => {
  it.each([
    ['a JSON body', '/json', { code: 0, msg: 'ok', data: { n: 1 } }],
    ['an HTML page (a proxy error on 200): the text, for the sender to refuse', '/html', '<html><body>502 Bad Gateway</body></html>'],
    ['an empty body', '/empty', ''],
  ])('resolves %s with the body as the SDK expects', async (_name, path, expected) => {
    expect(await http.get(`${api.url}${path}`)).toEqual(expected);
  });

  it.each([
    ['4xx with Feishu code and msg', '/refused', 400, { code: 230002, msg: 'Bot/User can NOT be out of the chat.' }, 'ERR_BAD_RESPONSE'],
    ['429 with its reset header', '/limited', 429, { code: 99991400, msg: 'request trigger frequency limit' }, 'ERR_BAD_RESPONSE'],
    ['5xx with an HTML body', '/down', 503, '<html>Service Unavailable</html>', 'ERR_BAD_RESPONSE'],
    ['a redirect, not followed', '/moved', 302, '', 'ERR_BAD_RESPONSE'],
  ])('rejects %s in the axios shape callers read', async (_name, path, status, data, code) => {
    const before = ports.get('/json')?.length ?? 0;
    const err = await fails(http.post(`${api.url}${path}`, { a: 1 }));
    expect(err).toBeInstanceOf(FeishuHttpError);
    expect(err.code).toBe(code);
    expect(err.response?.status).toBe(status);
    expect(err.response?.data).toEqual(data);
    expect(err.message).toContain(String(status));
    if (path === '/limited') expect(err.response?.headers['x-ogw-ratelimit-reset']).toBe('2');
    // The redirect's target was never asked.
    expect(ports.get('/json')?.length ?? 0).toBe(before);
  });

  it.each([
    ['no answer at all', '/hang', 'ETIMEDOUT', 'timeout of 300ms'],
    ['a body that stops half way', '/stall', 'ETIMEDOUT', 'timeout of 300ms'],
    ['a body over the bound (Content-Length)', '/big', 'ERR_RESPONSE_TOO_LARGE', 'over 1024 bytes'],
    ['a chunked body over the bound', '/big-chunked', 'ERR_RESPONSE_TOO_LARGE', 'over 1024 bytes'],
  ])('fails on %s, without a response', async (_name, path, code, message) => {
    const started = performance.now();
    const err = await fails(http.get(`${api.url}${path}`));
    expect(err.code).toBe(code);
    expect(err.message).toContain(message);
    expect(err.response).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('fails a refused connection with the socket code and no response', async () => {
    const closed = await listenOnLoopback(() => undefined);
    await closed.close();
    const err = await fails(http.get(`${closed.url}/x`));
    expect(err.code).toBe('ECONNREFUSED');
    expect(err.response).toBeUndefined();
  });

  it('sends JSON, the query through the SDK serializer, and returns headers when asked', async () => {
    const res = await http.request<{ data: { method: string; url: string; type: string; body: string }; headers: Record<string, string> }>({
      url: `${api.url}/echo`,
      method: 'POST',
      params: { receive_id_type: 'chat_id', ids: ['a', 'b'] },
      paramsSerializer: (p: Record<string, unknown>) => `receive_id_type=${String(p.receive_id_type)}&ids=a&ids=b`,
      data: { msg_type: 'interactive', content: '{"x":"一"}' },
      $return_headers: true,
    });
    expect(res.data).toMatchObject({ method: 'POST', url: '/echo?receive_id_type=chat_id&ids=a&ids=b', type: 'application/json', body: '{"msg_type":"interactive","content":"{\\"x\\":\\"一\\"}"}' });
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('hands a download over as a stream', async () => {
    const res = await http.request<{ data: AsyncIterable<Buffer> }>({ url: `${api.url}/stream`, method: 'GET', responseType: 'stream', $return_headers: true });
    let size = 0;
    for await (const c of res.data) size += c.length;
    expect(size).toBe(5000);
  });

  it('keeps the connection alive between calls', async () => {
    ports.delete('/json');
    for (let i = 0; i < 3; i++) await http.get(`${api.url}/json`);
    expect(new Set(ports.get('/json')).size).toBe(1);
  });

  it('keeps no request on an error: no token, no secret in what is logged', async () => {
    const err = await fails(http.post(`${api.url}/refused`, { app_secret: SECRET }, { headers: { Authorization: `Bearer t-${SECRET}` } }));
    expect(JSON.stringify(scrubSecrets(err))).not.toContain(SECRET);
    expect(JSON.stringify(Object.entries(err))).not.toContain(SECRET);
    expect(String(err)).not.toContain(SECRET);
  });
});

describe('the SDK Client through the lean layer', () => {
  // Replies and the token call go to routes of their own here.
  beforeAll(() => {
    routes.set('/open-apis/auth/v3/tenant_access_token/internal', (_req, body, res) =>
      (JSON.parse(body) as { app_secret?: string }).app_secret === SECRET ? sendJson(res, 200, { code: 0, msg: 'ok', tenant_access_token: 't-lean', expire: 7200 }) : sendJson(res, 200, { code: 10014, msg: 'app secret invalid' }),
    );
  });
  const sender = () => new FeishuSender({ appId: 'cli_lean', appSecret: SECRET, domain: api.url, log: pino({ level: 'silent' }), attempts: 1, sleep: async () => {} });

  it.each([
    ['a success', 200, { code: 0, msg: 'success', data: {} }, undefined],
    ['a refusal on 200', 200, { code: 230002, msg: 'not in chat' }, 'Feishu im.v1.message.reply failed: HTTP 200, code 230002 (not in chat); the bot is not in this chat'],
    ['a 400 with Feishu code and msg', 400, { code: 230001, msg: 'bad card' }, 'Feishu im.v1.message.reply failed: HTTP 400, code 230001 (bad card); check the card JSON'],
    ['a 500 HTML page', 500, '<html>oops</html>', 'Feishu im.v1.message.reply failed: HTTP 500'],
  ])('a reply meeting %s', async (_name, status, body, error) => {
    routes.set('/open-apis/im/v1/messages/om_1/reply', (req, _b, res) => {
      expect(req.headers.authorization).toBe('Bearer t-lean');
      if (typeof body === 'string') {
        res.writeHead(status, { 'content-type': 'text/html' });
        return void res.end(body);
      }
      sendJson(res, status, body);
    });
    const out = await sender()
      .reply('oc_1', 'om_1', { schema: '2.0', body: { elements: [] } } as never, 'k')
      .then(() => undefined, (err: Error) => err.message);
    if (error === undefined) expect(out).toBeUndefined();
    else expect(out).toContain(error);
  });

  it('does not follow a redirect of a reply (axios did, up to 21 times)', async () => {
    let followed = 0;
    routes.set('/open-apis/im/v1/messages/om_2/reply', (_req, _b, res) => {
      res.writeHead(307, { location: `${api.url}/elsewhere` });
      res.end();
    });
    routes.set('/elsewhere', (_req, _b, res) => {
      followed++;
      sendJson(res, 200, { code: 0, msg: 'success' });
    });
    const out = await sender()
      .reply('oc_1', 'om_2', { schema: '2.0', body: { elements: [] } } as never, 'k')
      .then(() => 'sent', (err: Error) => err.message);
    expect(out).toContain('HTTP 307');
    expect(followed).toBe(0);
  });
});
