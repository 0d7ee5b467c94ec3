import * as lark from '@larksuiteoapi/node-sdk';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logOptions } from '../src/log.js';
import { scrubSecrets, sdkLogger } from '../src/platforms/feishu/sdk-logger.js';
import { FeishuSender } from '../src/platforms/feishu/sender.js';
import { listenOnLoopback, sendJson } from './helpers/loopback.js';

// Issue 12, item 6: the Feishu SDK logs axios errors, which are circular (request ↔ socket ↔
// response). The scrubber recursed into them and threw "Maximum call stack size exceeded" inside
// the SDK, so every Feishu failure was reported as that, and the cause (HTTP 500, "app secret
// invalid") never reached the log. A logger must never throw, and must never show a secret.

const APP_SECRET = 'app-secret-9f8e7d6c5b4a39281706';
let api: Awaited<ReturnType<typeof listenOnLoopback>>;

beforeAll(async () => {
  // Feishu's token endpoint refusing the app secret, as a server error.
  api = await listenOnLoopback((_req, _body, res) => sendJson(res, 500, { code: 10014, msg: 'app secret invalid' }));
});
afterAll(async () => {
  await api.close();
});

function capture() {
  const lines: string[] = [];
  const log = pino(logOptions('debug'), { write: (s: string) => void lines.push(s) });
  return { log, lines, text: () => lines.join('\n') };
}

/** A real axios error (circular) from a request whose body holds the app secret. */
async function axiosError(): Promise<unknown> {
  return lark.defaultHttpInstance
    .post(`${api.url}/open-apis/auth/v3/tenant_access_token/internal`, { app_id: 'cli_test', app_secret: APP_SECRET }, { headers: { Authorization: `Bearer t-${APP_SECRET}` } })
    .then(
      () => {
        throw new Error('the fake API was meant to answer 500');
      },
      (err: unknown) => err,
    );
}

describe('the Feishu SDK log scrubber', () => {
  it('logs a real (circular) axios error with its cause, and no secret', async () => {
    const err = await axiosError();
    const { log, lines, text } = capture();
    expect(() => sdkLogger(log).error('[http]', err)).not.toThrow();
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as { sdk: unknown[]; msg: string };
    expect(entry.msg).toBe('feishu sdk');
    expect(entry.sdk[0]).toBe('[http]');
    expect(entry.sdk[1]).toMatchObject({
      name: 'AxiosError',
      message: expect.stringContaining('500'),
      code: 'ERR_BAD_RESPONSE',
      status: 500,
      response: { status: 500, data: { code: 10014, msg: 'app secret invalid' } },
    });
    expect(text()).not.toContain(APP_SECRET);
  });

  it('through the SDK: a send whose token request fails logs why, and the error is not a stack overflow', async () => {
    const { log, text } = capture();
    const sender = new FeishuSender({ appId: 'cli_test', appSecret: APP_SECRET, domain: api.url, log, attempts: 1, sleep: async () => {} });
    const failure = await sender.sendToChat('oc_1', { schema: '2.0', body: { elements: [] } } as never, 'k').then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure!.message).toBe('Feishu im.v1.message.create failed: HTTP 500, code 10014 (app secret invalid)');
    expect(text()).not.toContain('Maximum call stack');
    expect(text()).toContain('app secret invalid');
    expect(text()).toContain('500');
    expect(text()).not.toContain(APP_SECRET);
  });

  const deep = () => {
    const root: Record<string, unknown> = {};
    let node = root;
    for (let i = 0; i < 100_000; i++) node = (node.next = {}) as Record<string, unknown>;
    return root;
  };
  const circular = () => {
    const a: Record<string, unknown> = { name: 'a', app_secret: APP_SECRET };
    a.self = a;
    a.list = [a, { back: a }];
    return a;
  };
  const throwingGetter = () => {
    const o = { ok: 1 };
    Object.defineProperty(o, 'bad', { enumerable: true, get: () => { throw new Error('getter'); } });
    return o;
  };
  const withCause = () => {
    const cause = Object.assign(new Error(`token request failed: "app_secret":"${APP_SECRET}"`), { code: 'ECONNRESET' });
    return new Error('feishu call failed', { cause });
  };

  it.each([
    ['a circular object', circular, (s: string) => expect(s).toContain('[circular]')],
    ['an object 100,000 levels deep', deep, (s: string) => expect(s).toContain('[too deep]')],
    ['an array of 100,000 items', () => Array.from({ length: 100_000 }, (_, i) => i), (s: string) => expect(s).toContain('more items')],
    ['an object of 100,000 keys', () => Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])), (s: string) => expect(s).toContain('more keys')],
    ['a string of 1 MB', () => `app_secret=${APP_SECRET} ${'x'.repeat(1_000_000)}`, (s: string) => expect(s.length).toBeLessThan(20_000)],
    ['a property whose getter throws', throwingGetter, (s: string) => expect(s).toContain('"ok":1')],
    ['a BigInt, a symbol and a function', () => ({ n: 10n, s: Symbol('x'), f: () => 1 }), (s: string) => expect(s).toContain('"n":"10"')],
    ['an error with a cause holding a secret', withCause, (s: string) => expect(s).toContain('ECONNRESET')],
    ['a Buffer', () => Buffer.from(APP_SECRET), (s: string) => expect(s).toContain('bytes')],
  ])('never throws on %s, and shows no secret', (_name, make, check) => {
    const value = make();
    const { log, lines, text } = capture();
    expect(() => sdkLogger(log).warn('[msg]', value)).not.toThrow();
    expect(lines).toHaveLength(1);
    expect(() => JSON.parse(lines[0]!)).not.toThrow();
    expect(text()).not.toContain(APP_SECRET);
    check(text());
  });

  it.each([
    ['a JSON body', `{"app_id":"cli_x","app_secret":"${APP_SECRET}"}`, '{"app_id":"cli_x","app_secret":"[redacted]"}'],
    ['a bearer token', `Authorization: Bearer t-${APP_SECRET}`, 'Authorization: [redacted]'],
    ['a form body', `app_secret=${APP_SECRET}&x=1`, 'app_secret=[redacted]&x=1'],
    ['nothing secret', 'HTTP 500 app secret invalid', 'HTTP 500 app secret invalid'],
  ])('scrubs %s in a string', (_name, text, scrubbed) => {
    expect(scrubSecrets(text)).toBe(scrubbed);
  });

  it('redacts fields named like secrets, whatever they hold', () => {
    expect(scrubSecrets({ app_secret: { nested: 1 }, tenant_access_token: 't-1', Authorization: 'x', encrypt_key: 'k', other: 'fine' })).toEqual({
      app_secret: '[redacted]',
      tenant_access_token: '[redacted]',
      Authorization: '[redacted]',
      encrypt_key: '[redacted]',
      other: 'fine',
    });
  });
});
