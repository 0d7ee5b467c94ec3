import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { notice, type Card, type FactView } from '../src/core/cards.js';
import { WxBizMsgCrypt } from '../src/platforms/wecom/crypto.js';
import { decodeWeComMessage } from '../src/platforms/wecom/decode.js';
import { handleWeComFrame } from '../src/platforms/wecom/long-connection.js';
import { cutUtf8, MARKDOWN_MAX_BYTES, markdownOf, renderWeCom, TEXT_MAX_BYTES } from '../src/platforms/wecom/render.js';
import { GroupRobotSender } from '../src/platforms/wecom/sender.js';
import type { WeComAdapter, WeComEvent } from '../src/platforms/wecom/adapter.js';
import type { Channel } from '../src/platforms/channel.js';
import { startServer, type Running } from '../src/server/start.js';
import { FakeWeCom } from './helpers/fake-wecom.js';
import { storeFrom } from './helpers/store.js';
import { tempState } from './helpers/state.js';

// Tencent's published WXBizMsgCrypt sample (URL verification of a corp callback).
const SAMPLE = {
  token: 'QDG6eK',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
  signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  plain: '1616140317555161061',
};

describe('WXBizMsgCrypt', () => {
  const sample = new WxBizMsgCrypt(SAMPLE.token, SAMPLE.aesKey, SAMPLE.corpId);

  it("checks and decrypts Tencent's published sample", () => {
    expect(sample.signature(SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.echostr)).toBe(SAMPLE.signature);
    expect(sample.verify(SAMPLE.signature, SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.echostr)).toBe(true);
    expect(sample.decrypt(SAMPLE.echostr)).toBe(SAMPLE.plain);
  });

  it('refuses a signature off by one character, in constant time', () => {
    expect(sample.verify(SAMPLE.signature.replace(/.$/, '0'), SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.echostr)).toBe(false);
  });

  it('checks the receiveid: the AI bot\'s is empty, a corp\'s is its id', () => {
    const asBot = new WxBizMsgCrypt(SAMPLE.token, SAMPLE.aesKey, '');
    expect(() => asBot.decrypt(SAMPLE.echostr)).toThrow(/receiveid/);
  });

  it('round-trips, and refuses tampered ciphertext (strict padding)', () => {
    const c = new WxBizMsgCrypt('t', SAMPLE.aesKey, '');
    const sealed = c.encrypt('{"msgid":"m1","text":"枣庄"}');
    expect(c.decrypt(sealed)).toBe('{"msgid":"m1","text":"枣庄"}');
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1]! ^= 0x01;
    expect(() => c.decrypt(bytes.toString('base64'))).toThrow();
    expect(() => c.decrypt('abc')).toThrow(/blocks/);
  });

  it('refuses an EncodingAESKey of the wrong shape', () => {
    expect(() => new WxBizMsgCrypt('t', 'short', '')).toThrow(/43/);
  });
});

describe('rendering for WeCom', () => {
  const long: Card = {
    kind: 'answer',
    question: 'q',
    main: { answer: '25970张', metric: '实际开放床位', region: '枣庄市', quote: '一句很长的原文，'.repeat(2000), source: { title: '报告', file: '000.txt' }, confidence: 1 },
    related: [],
  };

  it('fits markdown to 4096 bytes and text to 2048 around the figure, never inside a character', () => {
    const r = renderWeCom(long);
    expect(Buffer.byteLength(r.markdown)).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    expect(Buffer.byteLength(r.text)).toBeLessThanOrEqual(TEXT_MAX_BYTES);
    for (const s of [r.markdown, r.text]) expect(Buffer.from(s, 'utf8').toString('utf8')).toBe(s);
    // The long quote shrinks to a window around its figure (…), the figure kept.
    for (const s of [r.markdown, r.text]) expect(s).toContain((long as Extract<Card, { kind: 'answer' }>).main.answer);
    expect(r.markdown).toContain('…');
  });

  it.each([10, 11, 12, 13, 100])('cutUtf8 at %d bytes keeps whole characters', (n) => {
    const out = cutUtf8('枣庄'.repeat(50), n, '…');
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(n);
    expect(out).not.toContain('\ufffd');
  });

  it('uses a text_notice template card only when the parts fit and a link exists', () => {
    const short: Card = { ...long, main: { ...long.main, quote: '实际开放床位25970张。', highlight: [6, 12] } } as Card;
    expect(renderWeCom(short).templateCard).toBeUndefined();
    const card = renderWeCom(short, { linkFor: (f) => `https://bot.example.org/reports/${f}` }).templateCard!;
    expect(card).toMatchObject({ card_type: 'text_notice', emphasis_content: { title: '25970张' }, card_action: { type: 1 } });
    const main = card.main_title as { title: string; desc: string };
    expect([...main.title].length).toBeLessThanOrEqual(26);
    expect(((card.horizontal_content_list as unknown[]) ?? []).length).toBeLessThanOrEqual(6);
    const tooLong: Card = { ...long, main: { ...long.main, answer: '1234567890.12亿元' } } as Card;
    expect(renderWeCom(tooLong, { linkFor: () => 'https://x' }).templateCard).toBeUndefined();
  });

  it('gives a plain-text form without markdown syntax', () => {
    const r = renderWeCom(notice('标题', '内容', 'warning'));
    expect(r.text).not.toMatch(/\*\*|<font/);
  });

  // What each receiver shows (render.ts cites the pages): the intelligent robot takes markdown_v2's
  // syntax, lists and italics but no <font color>; a group robot's markdown (v1) takes <font color>
  // but no list syntax and no italics.
  const fact: FactView = { answer: '25970张', metric: '实际开放床位', region: '枣庄市', time: '截至2021年底', quote: '实际开放床位25970张。', highlight: [6, 12], source: { title: '报告', file: '000.txt', date: '2022' }, confidence: 1 };
  const cards: [string, Card][] = [
    ['an answer with related facts', { kind: 'answer', question: 'q', main: fact, related: [fact] }],
    ['regions, some left out', { kind: 'regions', question: 'q', rows: [fact, fact], omitted: 3 }],
    ['not found, with suggestions', { kind: 'not_found', question: 'q', note: '没有', suggestions: ['枣庄床位多少张'] }],
    ['help', { kind: 'help', examples: ['枣庄床位多少张'], commands: [{ command: '/sources', description: '报告' }] }],
    ['sources, some left out', { kind: 'sources', docs: [{ title: '报告', region: '枣庄市', facts: 3, file: '000.txt' }], omitted: 2 }],
    ['a warning', notice('标题', '内容', 'warning')],
    ['the daily fact', { kind: 'daily', day: '2024-05-01', fact }],
  ];
  it.each(cards)('writes %s in the markdown each receiver shows', (_name, card) => {
    const r = renderWeCom(card);
    expect(r.markdown).toBe(markdownOf(card, 'aibot'));
    expect(r.markdown).not.toContain('<font');
    expect(r.groupMarkdown).toBe(markdownOf(card, 'group'));
    expect(r.groupMarkdown).not.toMatch(/^- /m);
    expect(r.groupMarkdown.replace(/\*\*/g, '')).not.toContain('*');
    expect(r.text).not.toMatch(/<font|\*/);
  });

  it('marks lists and quiet lines in each flavor', () => {
    const card: Card = { kind: 'not_found', question: 'q', note: '没有', suggestions: ['枣庄床位多少张'] };
    expect(markdownOf(card, 'aibot')).toContain('- 枣庄床位多少张\n*发送 /sources 查看可引用的报告*');
    expect(markdownOf(card, 'group')).toContain('· 枣庄床位多少张\n<font color="comment">发送 /sources 查看可引用的报告</font>');
  });
});

describe('decoding intelligent-robot messages', () => {
  const base = { msgid: 'm1', aibotid: 'aibot', chatid: 'wrk_1', chattype: 'group', from: { userid: 'zhangsan' } };
  const words = (content: string) => ({ msgtype: 'text', text: { content } });
  it.each([
    ["the robot's mention leading a group message", words('@factbot 枣庄床位多少张'), { kind: 'text', text: '枣庄床位多少张' }],
    ["a mention after the robot's stays a word", words('@factbot @张三 帮查枣庄床位'), { kind: 'text', text: '@张三 帮查枣庄床位' }],
    ['a mention inside the question stays', words('@factbot 帮 @张三 查一下枣庄床位'), { kind: 'text', text: '帮 @张三 查一下枣庄床位' }],
    ['a single chat has no mention to remove', { ...words('@张三 说的床位是多少'), chattype: 'single', chatid: undefined }, { kind: 'text', text: '@张三 说的床位是多少' }],
    ['a mixed message is read by its words', { msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'text', text: { content: '@factbot 枣庄床位' } }, { msgtype: 'image', image: { url: 'u' } }] } }, { kind: 'text', text: '枣庄床位' }],
    ['a mixed message of pictures only is not a question', { msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'image', image: { url: 'u' } }] } }, { kind: 'rich', text: '' }],
    ['a quoted text, its mention removed', { ...words('@factbot 那枣庄呢'), quote: words('@factbot 淄博床位多少张') }, { kind: 'text', text: '那枣庄呢', quoted: '淄博床位多少张' }],
    ["a quoted answer of the robot's, its markdown removed", { ...words('@factbot 那淄博呢'), quote: words('**25970张** 实际开放床位\n*枣庄市 · 截至2021年底*\n> “实际开放床位25970张”\n<font color="comment">来源：《报告》</font>') }, { kind: 'text', text: '那淄博呢', quoted: '25970张 实际开放床位 枣庄市 · 截至2021年底 “实际开放床位25970张” 来源：《报告》' }],
    ['a quoted voice message', { ...words('@factbot'), quote: { msgtype: 'voice', voice: { content: '枣庄床位多少张' } } }, { kind: 'text', text: '', quoted: '枣庄床位多少张' }],
    ['a quoted image gives no words', { ...words('@factbot 这是什么'), quote: { msgtype: 'image', image: { url: 'u' } } }, { kind: 'text', text: '这是什么' }],
  ])('%s', (_name, over, expected) => {
    const d = decodeWeComMessage({ ...base, ...over });
    if (d.kind !== 'message') throw new Error(`ignored: ${d.reason}`);
    expect({ kind: d.msg.kind, text: d.msg.text, ...(d.msg.quoted !== undefined ? { quoted: d.msg.quoted } : {}) }).toEqual(expected);
  });

  it('never takes a stream refresh for a message', () => {
    expect(decodeWeComMessage({ ...base, msgtype: 'stream', stream: { id: 'r-1' } })).toEqual({ kind: 'ignore', reason: 'stream refresh of r-1, not a question' });
  });
});

describe('the server with a fake WeCom on loopback', () => {
  const fake = new FakeWeCom();
  const token = 'wecom-token-test';
  const aesKey = randomBytes(32).toString('base64').slice(0, 43);
  const crypto = new WxBizMsgCrypt(token, aesKey, '');
  const logLines: string[] = [];
  let running: Running;
  let slow: Running;
  let linked: Running;
  let base: string;

  const start = async (extra: Record<string, string>) =>
    startServer({
      config: readConfig({ PORT: '0', HOST: '127.0.0.1', WECOM_BOT_TOKEN: token, WECOM_BOT_AES_KEY: aesKey, WECOM_API_BASE: fake.url, ...extra }),
      store: await storeFrom(), state: await tempState(), schedule: false,
      log: pino({ level: 'debug' }, { write: (s: string) => void logLines.push(s) }),
      sleep: async () => {},
    });

  beforeAll(async () => {
    await fake.start();
    running = await start({});
    slow = await start({ WECOM_PASSIVE_DEADLINE_MS: '0' });
    linked = await start({ WECOM_PASSIVE_DEADLINE_MS: '0', PUBLIC_URL: 'https://bot.example.org' });
    base = `http://127.0.0.1:${running.port}/wecom/callback`;
  });
  afterAll(async () => {
    await running.close();
    await slow.close();
    await linked.close();
    await fake.stop();
  });
  beforeEach(() => {
    fake.calls.length = 0;
  });

  let seq = 0;
  const message = (over: Record<string, unknown> = {}) => ({
    msgid: `msg_${++seq}_${randomBytes(3).toString('hex')}`,
    aibotid: 'aibot_test',
    chatid: 'wrk_group_1',
    chattype: 'group',
    from: { userid: 'zhangsan' },
    response_url: `${fake.url}/aibot/response/${seq}`,
    msgtype: 'text',
    text: { content: '@factbot 枣庄实际开放床位多少张' },
    ...over,
  });
  const query = (encrypted: string, ts = String(Math.floor(Date.now() / 1000)), sig?: string, nonce = randomBytes(4).toString('hex')) => {
    return `msg_signature=${sig ?? crypto.signature(ts, nonce, encrypted)}&timestamp=${ts}&nonce=${nonce}`;
  };
  const post = (payload: unknown, opts: { url?: string; ts?: string; sig?: string; raw?: string; nonce?: string } = {}) => {
    const encrypted = crypto.encrypt(JSON.stringify(payload));
    return fetch(`${opts.url ?? base}?${query(encrypted, opts.ts, opts.sig, opts.nonce)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: opts.raw ?? JSON.stringify({ encrypt: encrypted }),
    });
  };
  const opened = async (res: Response) => {
    const body = (await res.json()) as { encrypt: string; msgsignature: string; timestamp: string; nonce: string };
    expect(crypto.verify(body.msgsignature, body.timestamp, body.nonce, body.encrypt)).toBe(true);
    return JSON.parse(crypto.decrypt(body.encrypt)) as { msgtype: string; stream: { id: string; finish: boolean; content: string } };
  };

  it('answers the URL verification with the decrypted echostr as plain text', async () => {
    const echostr = crypto.encrypt('echo-123456');
    const res = await fetch(`${base}?${query(echostr)}&echostr=${encodeURIComponent(echostr)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    expect(await res.text()).toBe('echo-123456');
  });

  it('answers an encrypted question passively with the right figure and source', async () => {
    const res = await post(message());
    expect(res.status).toBe(200);
    const reply = await opened(res);
    expect(reply.msgtype).toBe('stream');
    expect(reply.stream.finish).toBe(true);
    expect(reply.stream.content).toContain('25970张');
    expect(reply.stream.content).toContain('枣庄市卫生健康事业发展十年记');
    await running.settle();
    expect(fake.responses()).toHaveLength(0);
  });

  it("signs a passive reply with the callback URL's nonce", async () => {
    const res = await post(message(), { nonce: 'n0nce42' });
    const body = (await res.json()) as { nonce: string; msgsignature: string; timestamp: string; encrypt: string };
    expect(body.nonce).toBe('n0nce42');
    expect(crypto.verify(body.msgsignature, body.timestamp, body.nonce, body.encrypt)).toBe(true);
  });

  it.each([
    ['a stream it answered: the answer again, finished', true, '25970张'],
    ['a stream it does not know: finished empty, to stop the polling', false, ''],
  ])('answers a stream refresh for %s, and nothing reaches the core', async (_name, known, content) => {
    const m = message();
    if (known) expect((await opened(await post(m))).stream.content).toContain('25970张');
    const id = known ? `r-${m.msgid}` : 'r-unknown';
    const refresh = { msgid: `refresh_${randomBytes(3).toString('hex')}`, aibotid: 'aibot_test', chatid: 'wrk_group_1', chattype: 'group', from: { userid: 'zhangsan' }, msgtype: 'stream', stream: { id } };
    const reply = await opened(await post(refresh));
    expect(reply).toEqual({ msgtype: 'stream', stream: { id, finish: true, content: content ? expect.stringContaining(content) : '' } });
    await running.settle();
    expect(fake.responses()).toHaveLength(0);
  });

  it.each([
    ['a group chat gets markdown (template cards are for single chats)', 'group', 'markdown'],
    ['a single chat gets the template card', 'single', 'template_card'],
  ])('answers through response_url: %s', async (_name, chattype, msgtype) => {
    const res = await post(message({ chattype, text: { content: '枣庄实际开放床位多少张' } }), { url: `http://127.0.0.1:${linked.port}/wecom/callback` });
    expect(res.status).toBe(200);
    await linked.settle();
    expect(fake.responses()).toHaveLength(1);
    expect(fake.responses()[0]!.body.msgtype).toBe(msgtype);
  });

  it('answers through response_url, once, when the answer is not given passively', async () => {
    const res = await post(message({ text: { content: '淄博专科联盟有几个' } }), { url: `http://127.0.0.1:${slow.port}/wecom/callback` });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await slow.settle();
    expect(fake.responses()).toHaveLength(1);
    const body = fake.responses()[0]!.body as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('10个');
  });

  it('answers a retried callback once', async () => {
    const m = message({ text: { content: '枣庄网内救护车有几辆' } });
    const answers = await Promise.all([post(m), post(m), post(m)].map(async (p) => (await p).text()));
    expect(answers.filter((a) => a.length > 0)).toHaveLength(1);
    await running.settle();
    expect(fake.responses()).toHaveLength(0);
  });

  it.each([
    ['a forged signature', () => post(message(), { sig: 'f'.repeat(40) }), 401],
    ['a stale timestamp', () => post(message(), { ts: String(Math.floor(Date.now() / 1000) - 3600) }), 401],
    ['a body that is not JSON', () => post(message(), { raw: 'encrypt=abc' }), 400],
    ['a body without encrypt', () => post(message(), { raw: '{"hello":"x"}' }), 400],
    ['a request without signature parameters', () => fetch(base, { method: 'POST', body: '{"encrypt":"abc"}' }), 401],
  ])('refuses %s and sends nothing', async (_n, make, status) => {
    const res = await make();
    expect(res.status).toBe(status);
    await running.settle();
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses ciphertext for another receiver (wrong receiveid)', async () => {
    const other = new WxBizMsgCrypt(token, aesKey, 'wwcorp_other');
    const encrypted = other.encrypt(JSON.stringify(message()));
    const res = await fetch(`${base}?${query(encrypted)}`, { method: 'POST', body: JSON.stringify({ encrypt: encrypted }) });
    expect(res.status).toBe(401);
  });

  it.each([
    ['an image', { msgtype: 'image', image: { url: 'https://x/img' } }, '图片'],
    ['a file', { msgtype: 'file', file: { url: 'https://x/f' } }, '文件'],
    ['mixed text and image', { msgtype: 'mixed', mixed: { msg_item: [] } }, '富文本'],
  ])('answers %s with what the bot understands', async (_n, over, word) => {
    const reply = await opened(await post(message(over)));
    expect(reply.stream.content).toContain(word);
  });

  it('reads a voice message by its transcription', async () => {
    const reply = await opened(await post(message({ msgtype: 'voice', voice: { content: '枣庄卫生总资产' } })));
    expect(reply.stream.content).toContain('140.05亿元');
  });

  it('never writes a secret to the log', () => {
    const all = logLines.join('');
    expect(all).not.toContain(aesKey);
    expect(all).not.toContain(token);
  });

  it('handles long-connection frames through the same dispatch, replying with the req_id', async () => {
    const replies: { reqId: string; content: string; finish?: boolean }[] = [];
    const channel = running.channels.wecom as unknown as Channel<WeComEvent, unknown, unknown>;
    const adapter = channel.adapter as unknown as WeComAdapter;
    adapter.ws = { replyStream: async (frame, _id, content, finish) => void replies.push({ reqId: frame.headers.req_id, content, ...(finish !== undefined ? { finish } : {}) }) };
    const frame = { headers: { req_id: 'req-42' }, body: message({ text: { content: '淄博专科联盟有几个' } }) };
    await handleWeComFrame(frame, channel);
    await handleWeComFrame(frame, channel);
    await running.settle();
    expect(replies).toEqual([{ reqId: 'req-42', content: expect.stringContaining('10个'), finish: true }]);
  });
});

describe('group robot webhooks', () => {
  const fake = new FakeWeCom();
  beforeAll(async () => void (await fake.start()));
  afterAll(async () => fake.stop());

  it('paces pushes under 20 a minute per robot, robots apart', async () => {
    let t = 0;
    fake.now = () => t;
    const sender = new GroupRobotSender(fake.url, { log: pino({ level: 'silent' }), now: () => t, sleep: async (ms) => void (t += ms) });
    const r = renderWeCom(notice('今日数据', '枣庄实际开放床位25970张'));
    await Promise.all([...Array.from({ length: 25 }, () => sender.send('robot-a', r)), sender.send('robot-b', r)]);
    const a = fake.webhook('robot-a');
    expect(a).toHaveLength(25);
    expect(a.filter((c) => c.at < 60_000)).toHaveLength(20);
    expect(fake.webhook('robot-b')[0]!.at).toBe(0);
    expect(a[0]!.body).toMatchObject({ msgtype: 'markdown' });
  });

  it('sends the plain-text form when asked, and a template card when there is one', async () => {
    const sender = new GroupRobotSender(fake.url, { log: pino({ level: 'silent' }) });
    await sender.send('robot-c', renderWeCom(notice('标题', '内容')), 'text');
    expect(fake.webhook('robot-c')[0]!.body).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining('内容') } });
  });

  it('surfaces the errcode and what to do about it', async () => {
    const sender = new GroupRobotSender(fake.url, { log: pino({ level: 'silent' }) });
    await expect(sender.send('invalid', renderWeCom(notice('t', 'x')))).rejects.toThrow(/errcode 93000.*copy it again/);
  });
});

describe('WeCom configuration', () => {
  it.each([
    [{ WECOM_BOT_TOKEN: 't' }, /WECOM_BOT_AES_KEY: missing/],
    [{ WECOM_BOT_AES_KEY: 'a'.repeat(43) }, /WECOM_BOT_TOKEN: missing/],
    [{ WECOM_BOT_TOKEN: 't', WECOM_BOT_AES_KEY: 'short' }, /WECOM_BOT_AES_KEY: the EncodingAESKey is 43/],
    [{ WECOM_MODE: 'ws', WECOM_BOT_ID: 'b' }, /WECOM_BOT_SECRET: missing/],
    [{ WECOM_API_BASE: 'not a url' }, /WECOM_API_BASE/],
  ])('names the variable: %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });

  it('is off, with the reason, when nothing is set', () => {
    expect(readConfig({}).off.wecom).toMatch(/WECOM_BOT_TOKEN/);
  });
});

describe('WeCom long-connection mode', () => {
  it('starts without the HTTP callback and stops cleanly when the socket cannot connect', async () => {
    const running = await startServer({
      config: readConfig({ PORT: '0', HOST: '127.0.0.1', WECOM_MODE: 'ws', WECOM_BOT_ID: 'bot-id', WECOM_BOT_SECRET: 'bot-secret', WECOM_WS_URL: 'ws://127.0.0.1:9/' }),
      store: await storeFrom(), state: await tempState(), schedule: false,
      log: pino({ level: 'silent' }),
    });
    const res = await fetch(`http://127.0.0.1:${running.port}/wecom/callback`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    await running.close();
  });
});
