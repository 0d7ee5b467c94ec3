import { createCipheriv, randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { startServer, type Running } from '../src/server/start.js';
import { WxBizMsgCrypt } from '../src/platforms/wecom/crypto.js';
import { FakeFeishu } from './helpers/fake-feishu.js';
import { FakeWeCom } from './helpers/fake-wecom.js';
import { listenOnLoopback } from './helpers/loopback.js';
import { deliver, feishuEnv, messageEvent } from './helpers/feishu-events.js';
import { reportDocx } from './helpers/report-formats.js';
import { tempDir, tempState } from './helpers/state.js';
import { storeFrom } from './helpers/store.js';

// An admin sends a Word report to the bot in a private chat; the bot downloads it through Feishu's
// API (a fake on loopback), stores it, reloads, and says what it read; the report then answers.
const REPORT = '青川县2024年卫生健康工作总结\n\n一、基本情况\n\n全县共有医疗卫生机构214个，床位1860张，卫生技术人员2240人。\n\n全县乡镇卫生院诊疗人次达到52.3万人次，比上年增长4.1%。';

describe('reports sent to the bot in Feishu', () => {
  const fake = new FakeFeishu();
  let running: Running;
  let url: string;
  let seeds: string;

  beforeAll(async () => {
    await fake.start();
    fake.files.set('file_v3_report', await reportDocx(REPORT));
    seeds = tempDir('factbot-chat-seeds-');
    cpSync('seeds', seeds, { recursive: true });
    const config = readConfig({ PORT: '0', HOST: '127.0.0.1', SEEDS_DIR: seeds, ADMIN_IDS: 'feishu:ou_admin', ...feishuEnv(fake.url) });
    running = await startServer({ config, store: await storeFrom(), state: await tempState(), schedule: false, log: pino({ level: 'silent' }), sleep: async () => {} });
    url = `http://127.0.0.1:${running.port}/feishu/events`;
  });
  afterAll(async () => {
    await running.close();
    await fake.stop();
  });
  beforeEach(() => {
    fake.calls.length = 0;
  });

  const send = async (event: Record<string, unknown>) => {
    const d = deliver(event);
    const res = await fetch(url, { method: 'POST', body: d.body, headers: d.headers });
    expect(res.status).toBe(200);
    await running.settle();
  };
  const fileMessage = (sender: string) =>
    messageEvent({ chatType: 'p2p', mention: false, messageType: 'file', sender, content: JSON.stringify({ file_key: 'file_v3_report', file_name: '青川县工作总结.docx' }) });
  const lastCard = () => JSON.stringify(fake.cards.at(-1));
  const downloads = () => fake.calls.filter((c) => c.path.includes('/resources/'));

  it('refuses a non-admin\'s file politely, without downloading or storing it', async () => {
    await send(fileMessage('ou_someone'));
    expect(lastCard()).toContain('只有管理员可以添加报告');
    expect(downloads()).toHaveLength(0);
    expect(readdirSync(seeds)).not.toContain('青川县工作总结.docx');
  });

  it('adds an admin\'s file: downloads it, stores it, reloads and says what it read; the report then answers', async () => {
    await send(fileMessage('ou_admin'));
    expect(downloads()).toHaveLength(1);
    expect(existsSync(join(seeds, '青川县工作总结.docx'))).toBe(true);
    const card = lastCard();
    expect(card).toContain('已添加报告');
    expect(card).toContain('青川县2024年卫生健康工作总结');
    expect(card).toMatch(/读出数据 \d+ 条/);
    await send(messageEvent({ text: '青川县床位多少张' }));
    expect(lastCard()).toContain('1860张');
  });

  it('does not add the same file twice', async () => {
    await send(fileMessage('ou_admin'));
    expect(lastCard()).toContain('这份报告已经有了');
    expect(readdirSync(seeds).filter((f) => f.startsWith('青川县工作总结'))).toEqual(['青川县工作总结.docx']);
  });

  it('deletes a report only when asked twice, the second time with 确认, keeping it in .deleted', async () => {
    const say = (text: string, userId = 'feishu:ou_admin') => running.bot.respond({ kind: 'text', text, chatId: 'feishu:oc_group_1', userId, chatType: 'group', log: pino({ level: 'silent' }) });
    expect(JSON.stringify(await say('/删除报告 青川县工作总结.docx', 'feishu:ou_someone'))).toContain('需要管理员权限');
    expect(JSON.stringify(await say('/删除报告 卫生'))).toContain('有多份报告符合');
    const ask = JSON.stringify(await say('/删除报告 青川县工作总结.docx'));
    expect(ask).toContain('确认删除报告');
    expect(running.stores.current.docs.has('青川县工作总结.docx')).toBe(true);
    const done = JSON.stringify(await say('/删除报告 青川县工作总结.docx 确认'));
    expect(done).toContain('报告已删除');
    expect(running.stores.current.docs.has('青川县工作总结.docx')).toBe(false);
    expect(readdirSync(join(seeds, '.deleted')).some((f) => f.endsWith('_青川县工作总结.docx'))).toBe(true);
    expect(JSON.stringify(await say('青川县床位多少张'))).not.toContain('1860张');
  });

  it('says why a file Feishu will not give is not added', async () => {
    await send(messageEvent({ chatType: 'p2p', mention: false, messageType: 'file', sender: 'ou_admin', content: JSON.stringify({ file_key: 'file_v3_gone', file_name: 'x.pdf' }) }));
    expect(lastCard()).toContain('报告没有添加');
    expect(lastCard()).toContain('im.v1.messageResource.get');
  });
});

describe('reports sent to the WeCom intelligent robot (HTTP callbacks)', () => {
  const fake = new FakeWeCom();
  const token = 'wecom-token-test';
  const aesKey = randomBytes(32).toString('base64').slice(0, 43);
  const crypto = new WxBizMsgCrypt(token, aesKey, '');
  let running: Running;
  let seeds: string;
  let files: { url: string; close(): Promise<void> };
  let served = 0;
  let report: Buffer;

  // The file as WeCom serves it: AES-256-CBC with the EncodingAESKey, padded to 32 bytes, its
  // name in Content-Disposition.
  const encrypt = (plain: Buffer) => {
    const key = Buffer.from(`${aesKey}=`, 'base64');
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]);
  };

  beforeAll(async () => {
    await fake.start();
    report = await reportDocx(REPORT.replace(/青川县/g, '平武县'));
    files = await listenOnLoopback((_req, _text, res) => {
      served++;
      res.writeHead(200, { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('平武县总结.docx')}` });
      res.end(encrypt(report));
    });
    seeds = tempDir('factbot-wecom-seeds-');
    cpSync('seeds', seeds, { recursive: true });
    const config = readConfig({ PORT: '0', HOST: '127.0.0.1', SEEDS_DIR: seeds, ADMIN_IDS: 'wecom:zhangsan', WECOM_BOT_TOKEN: token, WECOM_BOT_AES_KEY: aesKey, WECOM_API_BASE: fake.url, WECOM_PASSIVE_DEADLINE_MS: '0' });
    running = await startServer({ config, store: await storeFrom(), state: await tempState(), schedule: false, log: pino({ level: 'silent' }), sleep: async () => {} });
  });
  afterAll(async () => {
    await running.close();
    await files.close();
    await fake.stop();
  });

  let seq = 0;
  const send = async (from: string, body: Record<string, unknown>) => {
    seq++;
    const payload = { msgid: `msg_file_${seq}`, aibotid: 'aibot_test', chattype: 'single', from: { userid: from }, response_url: `${fake.url}/aibot/response/${seq}`, ...body };
    const encrypted = crypto.encrypt(JSON.stringify(payload));
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(4).toString('hex');
    const res = await fetch(`http://127.0.0.1:${running.port}/wecom/callback?msg_signature=${crypto.signature(ts, nonce, encrypted)}&timestamp=${ts}&nonce=${nonce}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ encrypt: encrypted }),
    });
    expect(res.status).toBe(200);
    await running.settle();
    return JSON.stringify(fake.responses().at(-1)?.body);
  };
  const file = { msgtype: 'file', file: { url: '' } };

  it('refuses a non-admin\'s file without fetching it', async () => {
    file.file.url = `${files.url}/file/1`;
    expect(await send('lisi', file)).toContain('只有管理员可以添加报告');
    expect(served).toBe(0);
  });

  it('fetches an admin\'s file, decrypts it with the callback key, names it from the download, and answers from it', async () => {
    expect(await send('zhangsan', file)).toContain('已添加报告');
    expect(served).toBe(1);
    expect(readdirSync(seeds)).toContain('平武县总结.docx');
    expect(await send('zhangsan', { msgtype: 'text', text: { content: '平武县床位多少张' } })).toContain('1860张');
  });
});
