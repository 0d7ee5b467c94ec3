import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { encryptFeishu } from '../../src/platforms/feishu/crypto.js';
import { WxBizMsgCrypt } from '../../src/platforms/wecom/crypto.js';
import { startServer, type Running } from '../../src/server/start.js';
import { FakeFeishu } from '../helpers/fake-feishu.js';
import { FakeWeCom } from '../helpers/fake-wecom.js';
import { APP, deliver, messageEvent, feishuEnv } from '../helpers/feishu-events.js';
import { tempState } from '../helpers/state.js';
import { storeFrom } from '../helpers/store.js';
import { anyJson, hostileQuestion, RUNS, SEED } from './helpers/arbitraries.js';
import { httpRequest, type HttpAnswer } from './helpers/http.js';
import { Tally } from './helpers/tally.js';

// Random bytes, random JSON and mutated events through both webhooks of a real server on
// loopback. The server must never answer 5xx or crash; a refusal is a 4xx with a JSON error; the
// 200s are the documented ones ({} or {challenge} for Feishu; an echo, an empty body or an
// encrypted passive reply for WeCom); and nothing reaches the fake platforms unless it was a
// valid, signed message — then at most once.

const tally = new Tally('fuzz-webhooks');
const feishu = new FakeFeishu();
const wecom = new FakeWeCom();
const wecomToken = 'wecom-token-fuzz';
const aesKey = randomBytes(32).toString('base64').slice(0, 43);
const wecomCrypto = new WxBizMsgCrypt(wecomToken, aesKey, '');
const logLines: { level: number; msg: string; status?: number }[] = [];
let running: Running;
let base: string;

beforeAll(async () => {
  await feishu.start();
  await wecom.start();
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ...feishuEnv(feishu.url),
    WECOM_BOT_TOKEN: wecomToken,
    WECOM_BOT_AES_KEY: aesKey,
    WECOM_API_BASE: wecom.url,
    MAX_BODY_BYTES: '16384',
    RATE_USER_PER_MIN: '10000',
    RATE_CHAT_PER_MIN: '100000',
  });
  const log = pino({ level: 'warn' }, { write: (s: string) => void logLines.push(JSON.parse(s) as { level: number; msg: string }) });
  running = await startServer({ config, store: await storeFrom(), state: await tempState(), schedule: false, log, sleep: async () => {} });
  base = `http://127.0.0.1:${running.port}`;
});
afterAll(async () => {
  await running.close();
  await feishu.stop();
  await wecom.stop();
  tally.print();
});

/**
 * fc.assert (async) with the fixed seed, counting inputs and failures. Each run sends `width`
 * inputs at once (a property over arrays, so fast-check still shrinks a failing element); each
 * input's own checks run after its answer, and again, via the function it returns, once the
 * server has settled its background work.
 */
async function check<T>(family: string, arb: fc.Arbitrary<T>, one: (v: T) => Promise<void | (() => void)>, inputs = RUNS, width = 16): Promise<void> {
  let tried = 0;
  let failures = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(arb, { minLength: width, maxLength: width }), async (vs) => {
        tried += vs.length;
        try {
          const after = await Promise.all(vs.map(one));
          await running.settle();
          for (const f of after) f?.();
        } catch (err) {
          failures++;
          throw err;
        }
      }),
      { numRuns: Math.ceil(inputs / width), seed: SEED },
    );
  } finally {
    tally.add(family, { inputs: tried, failures });
  }
}

type Answer = HttpAnswer;

const request = (path: string, init: Parameters<typeof httpRequest>[1]) => httpRequest(`${base}${path}`, init);

/** A refusal as documented: 4xx with {"error": "…"}. */
function expectRefusal(a: Answer, statuses = [400, 401, 413, 415]): void {
  expect(statuses).toContain(a.status);
  expect(a.type).toMatch(/application\/json/);
  const body = JSON.parse(a.text) as { error?: unknown };
  expect(typeof body.error).toBe('string');
  expect(String(body.error).length).toBeGreaterThan(0);
}

/** Never 5xx; a 4xx is a JSON refusal; a 200 is one of `ok`. */
function expectWellFormed(a: Answer, ok: (a: Answer) => void): void {
  expect(a.status).toBeLessThan(500);
  if (a.status >= 400) expectRefusal(a);
  else {
    expect(a.status).toBe(200);
    ok(a);
  }
}

const feishuOk = (a: Answer) => {
  const body = JSON.parse(a.text) as Record<string, unknown>;
  if ('challenge' in body) expect(Object.keys(body)).toEqual(['challenge']);
  else expect(body).toEqual({});
};

/** Percent-encodes any string byte by byte (encodeURIComponent throws on lone surrogates). */
const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });
const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', '', 'application/json; charset=gbk');
const encoding = fc.constantFrom(undefined, undefined, undefined, 'identity', 'gzip', 'deflate', 'br', 'x-bogus');

/** Random bytes, sometimes a JSON text, sometimes past MAX_BODY_BYTES, sometimes really gzipped. */
const body = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
  { weight: 3, arbitrary: anyJson.map((j) => new Uint8Array(Buffer.from(JSON.stringify(j) ?? 'null'))) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }).map((s) => new Uint8Array(Buffer.from(s))) },
  { weight: 1, arbitrary: fc.integer({ min: 16_385, max: 20_000 }).map((n) => new Uint8Array(randomBytes(n))) },
);

const headersFor = (ct: string, enc: string | undefined, extra: Record<string, string> = {}) => ({
  ...(ct ? { 'content-type': ct } : {}),
  ...(enc ? { 'content-encoding': enc } : {}),
  ...extra,
});

/** The bytes to POST (a copy on its own ArrayBuffer, as fetch's types want), gzipped when asked and the encoding says so. */
const bytesFor = (b: Uint8Array, enc: string | undefined, really: boolean): Uint8Array<ArrayBuffer> => new Uint8Array(really && enc === 'gzip' ? gzipSync(b) : b);

describe('POST /feishu/events', () => {
  it('refuses random bytes and random JSON, with or without Lark headers', async () => {
    const before = feishu.calls.length;
    await check(
      'feishu: random bytes/JSON, unsigned or forged headers',
      fc.record({ b: body, ct: contentType, enc: encoding, gz: fc.boolean(), lark: fc.option(fc.record({ ts: ascii, nonce: ascii, sig: ascii }), { nil: undefined }) }),
      async ({ b, ct, enc, gz, lark }) => {
        const extra: Record<string, string> = lark ? { 'x-lark-request-timestamp': lark.ts, 'x-lark-request-nonce': lark.nonce, 'x-lark-signature': lark.sig } : {};
        const a = await request('/feishu/events', { method: 'POST', body: bytesFor(b, enc, gz), headers: headersFor(ct, enc, extra) });
        expectWellFormed(a, feishuOk);
      },
    );
    await running.settle();
    expect(feishu.calls.length).toBe(before);
  });

  it('answers a URL challenge only with the right token, and never sends anything', async () => {
    const before = feishu.calls.length;
    await check(
      'feishu: url_verification with random challenge/token',
      fc.record({ challenge: fc.oneof(fc.string({ unit: 'binary' }), anyJson), goodToken: fc.boolean(), token: fc.string(), wrap: fc.constantFrom('plain', 'encrypted', 'signed') }),
      async ({ challenge, goodToken, token, wrap }) => {
        const payload = { type: 'url_verification', challenge, token: goodToken ? APP.verificationToken : token };
        const d = deliver(payload, wrap === 'plain' ? { sign: false, encrypt: false } : wrap === 'encrypted' ? { sign: false } : {});
        const a = await request('/feishu/events', { method: 'POST', body: d.body, headers: d.headers });
        expectWellFormed(a, feishuOk);
        if (a.status === 200) {
          expect(goodToken || token === APP.verificationToken).toBe(true);
          // The challenge comes back exactly (lone surrogates as U+FFFD, as JSON over UTF-8 carries them).
          expect(JSON.parse(a.text)).toEqual({ challenge: Buffer.from(challenge as string, 'utf8').toString('utf8') });
        }
      },
      RUNS / 4,
    );
    await running.settle();
    expect(feishu.calls.length).toBe(before);
  });

  it('refuses signed wrappers around random bytes and random JSON, encrypted or not', async () => {
    const before = feishu.calls.length;
    await check(
      'feishu: signed/encrypted random payloads',
      fc.record({
        payload: fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), anyJson.map((j) => JSON.stringify(j) ?? 'null'), fc.uint8Array({ maxLength: 300 }).map((u) => Buffer.from(u).toString('latin1'))),
        encrypt: fc.boolean(),
        badCipher: fc.boolean(),
      }),
      async ({ payload, encrypt, badCipher }) => {
        // A signature over the exact bytes: the signature check passes, what is inside is junk.
        const inner = encrypt ? JSON.stringify({ encrypt: badCipher ? Buffer.from(payload, 'latin1').toString('base64') : encryptFeishu(payload, APP.encryptKey) }) : payload;
        const d = deliver(inner, { encrypt: false });
        const a = await request('/feishu/events', { method: 'POST', body: d.body, headers: d.headers });
        expectWellFormed(a, feishuOk);
        // Random JSON never carries the Verification Token, so nothing gets past it.
        expect(a.status).not.toBe(200);
      },
    );
    await running.settle();
    expect(feishu.calls.length).toBe(before);
  });

  type Mutation = { path: string[]; value: unknown; drop: boolean };
  const junk = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.string({ maxLength: 20 }), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));
  const mutationPaths = [
    ['schema'], ['header'], ['event'], ['header', 'event_type'], ['header', 'token'], ['event', 'message'], ['event', 'sender'],
    ['event', 'message', 'message_id'], ['event', 'message', 'chat_id'], ['event', 'message', 'chat_type'], ['event', 'message', 'mentions'],
    ['event', 'message', 'message_type'], ['event', 'message', 'content'], ['event', 'sender', 'sender_id'], ['event', 'sender', 'sender_type'],
    ['event', 'sender', 'sender_id', 'open_id'], ['event', 'message', 'create_time'],
  ];
  const mutation: fc.Arbitrary<Mutation> = fc.record({ path: fc.constantFrom(...mutationPaths), value: junk, drop: fc.boolean() });

  const apply = (event: Record<string, unknown>, m: Mutation) => {
    let node: unknown = event;
    for (const k of m.path.slice(0, -1)) {
      if (typeof node !== 'object' || node === null) return;
      node = (node as Record<string, unknown>)[k];
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    const last = m.path[m.path.length - 1]!;
    if (m.drop) delete (node as Record<string, unknown>)[last];
    else (node as Record<string, unknown>)[last] = m.value;
  };

  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

  /** What the README promises must hold for a message to be answered; false means: no reply. */
  const answerable = (e: Record<string, unknown>): boolean => {
    const header = isObj(e.header) ? e.header : undefined;
    const event = isObj(e.event) ? e.event : undefined;
    if (!header || !event) return false;
    if (header.token !== APP.verificationToken || header.event_type !== 'im.message.receive_v1') return false;
    const { message, sender } = event;
    if (!isObj(message) || !isObj(sender) || !isObj(sender.sender_id)) return false;
    if (typeof message.message_id !== 'string' || typeof message.chat_id !== 'string') return false;
    // The sender is its open_id alone (issue 12, item 9): no fallback to user_id or union_id.
    if (typeof sender.sender_id.open_id !== 'string') return false;
    if (sender.sender_type === 'app') return false;
    if (message.chat_type !== 'p2p' && !(Array.isArray(message.mentions) && message.mentions.some(isObj))) return false;
    return true;
  };

  let before0 = 0;
  it('answers a valid signed message exactly once and a broken one never, whatever its fields hold', async () => {
    before0 = feishu.sends.length;
    let n = 0;
    let answered = 0;
    // Replies by message id, rebuilt only when the fake saw new calls.
    let indexed = -1;
    const byId = new Map<string, number>();
    const sendsTo = (id: string) => {
      if (indexed !== feishu.calls.length) {
        indexed = feishu.calls.length;
        byId.clear();
        for (const s of feishu.sends) {
          const m = /^\/open-apis\/im\/v1\/messages\/(.+)\/reply$/.exec(decodeURIComponent(s.path));
          if (m) byId.set(m[1]!, (byId.get(m[1]!) ?? 0) + 1);
        }
      }
      return byId.get(id) ?? 0;
    };
    const total = () => feishu.sends.length;
    await check(
      'feishu: signed events with hostile text and mutated fields',
      fc.record({
        text: hostileQuestion,
        chatType: fc.constantFrom('group', 'p2p'),
        mutations: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) }),
        wrap: fc.constantFrom('encrypted', 'encrypted', 'plain', 'forged', 'stale', 'unsigned'),
        redeliver: fc.boolean(),
      }),
      async ({ text, chatType, mutations, wrap, redeliver }) => {
        const messageId = `om_fuzz_${++n}`;
        const event = messageEvent({ text, messageId, chatType: chatType as 'group' | 'p2p' });
        for (const m of mutations) apply(event, m);
        // Feishu's message ids are om_… and the SDK puts them in the URL path as they are; keep
        // a mutated string id path-safe so the reply can be counted.
        const msg = (event.event as { message?: Record<string, unknown> } | undefined)?.message;
        if (msg && typeof msg.message_id === 'string') msg.message_id = `${msg.message_id.replace(/[^\w-]/g, '_')}_${n}`;
        const id = msg && typeof msg.message_id === 'string' ? msg.message_id : undefined;
        const valid = wrap === 'encrypted' || wrap === 'plain';
        const d =
          wrap === 'encrypted' ? deliver(event)
          : wrap === 'plain' ? deliver(event, { encrypt: false })
          : wrap === 'forged' ? deliver(event, { signKey: 'not-the-key' })
          : wrap === 'stale' ? deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 })
          : deliver(event, { sign: false });
        const a = await request('/feishu/events', { method: 'POST', body: d.body, headers: d.headers });
        expectWellFormed(a, feishuOk);
        if (!valid) expect(a.status).toBe(401);
        if (redeliver && valid) {
          const again = deliver(event, { encrypt: wrap === 'encrypted' });
          expectWellFormed(await request('/feishu/events', { method: 'POST', body: again.body, headers: again.headers }), feishuOk);
        }
        return () => {
          const sent = id === undefined ? 0 : sendsTo(id);
          expect(sent).toBeLessThanOrEqual(1);
          if (!valid || !answerable(event)) expect(sent).toBe(0);
          if (valid && mutations.length === 0) expect(sent).toBe(1);
          answered += sent;
        };
      },
    );
    // Nothing was sent that is not counted against a message above.
    expect(total()).toBe(answered + before0);
    expect(answered).toBeGreaterThan(RUNS / 10);
  });
});

describe('GET and POST /wecom/callback', () => {
  const qsValue = fc.oneof(ascii, fc.string({ unit: 'binary', maxLength: 40 }), hex(40), fc.constantFrom('', '%', '%zz', '+', '&', '=', '[]', '1700000000'));
  const qsKey = fc.constantFrom('msg_signature', 'timestamp', 'nonce', 'echostr', 'encrypt', 'msg_signature[]', '__proto__', 'constructor', 'x', '');
  const query = fc.array(fc.tuple(qsKey, qsValue, fc.boolean()), { maxLength: 6 }).map((pairs) => pairs.map(([k, v, raw]) => `${k}=${raw && /^[\x21-\x7e]*$/.test(v) ? v : pct(v)}`).join('&'));

  const signedQuery = (encrypted: string, ts = String(Math.floor(Date.now() / 1000))) => {
    const nonce = randomBytes(4).toString('hex');
    return `msg_signature=${wecomCrypto.signature(ts, nonce, encrypted)}&timestamp=${ts}&nonce=${nonce}`;
  };

  const wecomOk = (a: Answer) => {
    // An echo (text), an empty acknowledgement, or an encrypted passive reply.
    if (a.text === '' || /text\/plain/.test(a.type)) return;
    const body = JSON.parse(a.text) as { encrypt: string; msgsignature: string; timestamp: string; nonce: string };
    expect(wecomCrypto.verify(body.msgsignature, body.timestamp, body.nonce, body.encrypt)).toBe(true);
    const reply = JSON.parse(wecomCrypto.decrypt(body.encrypt)) as { msgtype: string; stream: { finish: boolean; content: string } };
    expect(reply.msgtype).toBe('stream');
    expect(reply.stream.finish).toBe(true);
  };

  it('refuses GETs with random query strings', async () => {
    await check('wecom: GET random query', query, async (q) => {
      const a = await request(`/wecom/callback?${q}`, { method: 'GET' });
      expectWellFormed(a, wecomOk);
      expect(a.status).not.toBe(200);
    });
    expect(wecom.calls).toHaveLength(0);
  });

  it('echoes a signed URL check exactly, and refuses a signed one that does not decrypt', async () => {
    await check(
      'wecom: GET signed echostr (valid or junk)',
      fc.record({ plain: fc.string({ unit: 'binary', maxLength: 200 }), junk: fc.option(fc.oneof(ascii, fc.base64String({ maxLength: 120 })), { nil: undefined }), stale: fc.boolean() }),
      async ({ plain, junk, stale }) => {
        const echostr = junk ?? wecomCrypto.encrypt(plain);
        const ts = String(Math.floor(Date.now() / 1000) - (stale ? 3600 : 0));
        const a = await request(`/wecom/callback?${signedQuery(echostr, ts)}&echostr=${pct(echostr)}`, { method: 'GET' });
        expectWellFormed(a, wecomOk);
        if (stale) expect(a.status).toBe(401);
        if (a.status === 200) expect(a.text).toBe(Buffer.from(plain, 'utf8').toString('utf8'));
        if (junk === undefined && !stale) expect(a.status).toBe(200);
      },
      RUNS / 4,
    );
    expect(wecom.calls).toHaveLength(0);
  });

  it('refuses POSTs of random bytes with random query strings', async () => {
    await check('wecom: POST random bytes/JSON, random query', fc.record({ q: query, b: body, ct: contentType, enc: encoding, gz: fc.boolean() }), async ({ q, b, ct, enc, gz }) => {
      const a = await request(`/wecom/callback?${q}`, { method: 'POST', body: bytesFor(b, enc, gz), headers: headersFor(ct, enc) });
      expectWellFormed(a, wecomOk);
      expect(a.status).not.toBe(200);
    });
    expect(wecom.calls).toHaveLength(0);
  });

  type Payload = Record<string, unknown>;
  const wecomAnswerable = (p: Payload) =>
    typeof p.msgtype === 'string' && p.msgtype !== 'event' && typeof p.msgid === 'string' && typeof p.from === 'object' && p.from !== null && !Array.isArray(p.from) && typeof (p.from as Payload).userid === 'string';

  it('answers a signed, encrypted message at most once and nothing else, whatever it holds', async () => {
    let n = 0;
    let replies = 0;
    await check(
      'wecom: signed/encrypted random and mutated payloads',
      fc.record({
        kind: fc.constantFrom('message', 'message', 'json', 'bytes', 'junk-cipher'),
        text: hostileQuestion,
        over: fc.dictionary(fc.constantFrom('msgid', 'msgtype', 'from', 'chattype', 'chatid', 'text', 'voice', 'aibotid'), fc.oneof(anyJson, fc.constant(undefined)), { maxKeys: 3 }),
        json: anyJson,
        bytes: fc.uint8Array({ maxLength: 300 }),
      }),
      async ({ kind, text, over, json, bytes }) => {
        const k = ++n;
        const responseUrl = `/aibot/response/fuzz-${k}`;
        const payload: Payload = { msgid: `wmsg_fuzz_${k}`, aibotid: 'aibot_fuzz', chatid: 'wrk_fuzz', chattype: 'group', from: { userid: `u${k % 50}` }, response_url: `${wecom.url}${responseUrl}`, msgtype: 'text', text: { content: `@factbot ${text}` }, ...over };
        // A msgid the mutation made a string is kept unique, so retries of other runs do not meet it.
        if (typeof payload.msgid === 'string') payload.msgid = `${payload.msgid}_${k}`;
        const plain = kind === 'message' ? JSON.stringify(payload) : kind === 'json' ? (JSON.stringify(json) ?? 'null') : Buffer.from(bytes).toString('latin1');
        const encrypted = kind === 'junk-cipher' ? Buffer.from(bytes).toString('base64') : wecomCrypto.encrypt(plain);
        const a = await request(`/wecom/callback?${signedQuery(encrypted)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt: encrypted }) });
        expectWellFormed(a, wecomOk);
        const passive = a.status === 200 && a.text !== '' ? 1 : 0;
        return () => {
          const replied = passive + wecom.calls.filter((c) => c.path === responseUrl).length;
          expect(replied).toBeLessThanOrEqual(1);
          if (kind !== 'message' || !wecomAnswerable(payload)) expect(replied).toBe(0);
          if (kind === 'message' && Object.keys(over).length === 0) expect(replied).toBe(1);
          replies += replied;
        };
      },
    );
    // Every call the fake WeCom saw was a response_url of an answerable message.
    expect(wecom.calls.every((c) => c.path.startsWith('/aibot/response/fuzz-'))).toBe(true);
    expect(replies).toBeGreaterThan(RUNS / 10);
  });
});

describe('after the storm', () => {
  it('is alive, logged no error, and still answers a real question once', async () => {
    expect((await request('/healthz', {})).status).toBe(200);
    const errors = logLines.filter((l) => l.level >= 50);
    expect(errors.map((l) => l.msg)).toEqual([]);
    const before = feishu.sends.length;
    const d = deliver(messageEvent({ text: '枣庄实际开放床位多少张' }));
    expect((await request('/feishu/events', { method: 'POST', body: d.body, headers: d.headers })).status).toBe(200);
    await running.settle();
    expect(feishu.sends.length - before).toBe(1);
    expect(JSON.stringify(feishu.cards.at(-1))).toContain('25970张');
  });
});
