import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import type { Card } from '../src/core/cards.js';
import { buildFactStore, type FactStore } from '../src/store/fact-store.js';
import { startServer, type Running } from '../src/server/start.js';
import { tempDir, tempState } from './helpers/state.js';

const ADMIN = 'feishu:ou_admin';
const GROUP = 'feishu:oc_group';
const logLines: string[] = [];
let seeds: string;
let running: Running;
let concurrent = 0;
let maxConcurrent = 0;

beforeAll(async () => {
  seeds = tempDir('factbot-seeds-');
  cpSync('seeds', seeds, { recursive: true });
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SEEDS_DIR: seeds,
    ADMIN_IDS: `${ADMIN}, wecom:lisi`,
    FEISHU_APP_ID: 'cli_test',
    FEISHU_APP_SECRET: 'secret',
    FEISHU_VERIFICATION_TOKEN: 'token',
    // Never the real open.feishu.cn from a test: the bot reads its open_id at start (a closed port here).
    FEISHU_DOMAIN: 'http://127.0.0.1:9',
  });
  const build = async (): Promise<FactStore> => {
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    try {
      return await buildFactStore({ seedsDir: config.seedsDir, intentsDir: config.intentsDir });
    } finally {
      concurrent--;
    }
  };
  running = await startServer({
    config,
    store: await build(),
    build,
    state: await tempState(),
    schedule: false,
    log: pino({ level: 'info' }, { write: (s: string) => void logLines.push(s) }),
  });
});
afterAll(async () => running.close());

const say = (text: string, userId = ADMIN): Promise<Card> =>
  running.bot.respond({ kind: 'text', text, chatId: GROUP, userId, chatType: 'group', log: pino({ level: 'info' }, { write: (s: string) => void logLines.push(s) }) });
const textOf = (c: Card) => JSON.stringify(c);

describe('admin commands', () => {
  it('refuses a non-admin politely, changes nothing, and logs who asked', async () => {
    const before = running.stores.current;
    const card = await say('/reload', 'feishu:ou_someone');
    expect(card).toMatchObject({ kind: 'notice', title: '需要管理员权限' });
    expect(textOf(card)).toContain('feishu:ou_someone');
    expect(running.stores.current).toBe(before);
    expect(logLines.join('')).toMatch(/"user":"feishu:ou_someone".*"outcome":"refused: not an admin"/);
  });

  it('reloads with a summary of what changed, and records it', async () => {
    writeFileSync(join(seeds, '200_new_county.txt'), '# 青山县卫生健康简报\n\n截至2022年底,青山县共有医疗卫生机构318个,实际开放床位2150张。\n');
    const before = running.stores.current;
    const card = await say('/reload');
    expect(card).toMatchObject({ kind: 'notice', title: '数据已重新加载' });
    expect(textOf(card)).toContain('新增报告 200_new_county.txt');
    expect(running.stores.current).not.toBe(before);
    expect(running.stores.current.docs.size).toBe(6);
    expect((await running.state.reloads(1))[0]).toMatchObject({ by: ADMIN, ok: true });
    expect(textOf(await say('青山县实际开放床位多少张', 'feishu:ou_anyone'))).toContain('2150张');
  });

  it('keeps the old facts when a report that loaded before is broken, and names the file', async () => {
    writeFileSync(join(seeds, '002_f70deba1c1e1f030.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    const before = running.stores.current;
    const card = await say('重新加载报告');
    expect(card).toMatchObject({ kind: 'notice', title: '数据没有变化', tone: 'error' });
    expect(textOf(card)).toContain('002_f70deba1c1e1f030.txt');
    expect(running.stores.current).toBe(before);
    expect(textOf(await say('淄博专科联盟有几个', 'feishu:ou_anyone'))).toContain('10个');
    cpSync('seeds/002_f70deba1c1e1f030.txt', join(seeds, '002_f70deba1c1e1f030.txt'));
  });

  it('says a report changed when its metadata broke, names the warning in the reply and the log, and says nothing changed when nothing did', async () => {
    const meta = join(seeds, '000_40ca54400f45fed3.meta.json');
    writeFileSync(meta, '{ "title": ');
    const broken = textOf(await say('/reload'));
    expect(broken).toContain('更新报告 000_40ca54400f45fed3.txt');
    expect(broken).toContain('新的提醒：000_40ca54400f45fed3.txt（000_40ca54400f45fed3.meta.json ignored:');
    expect(broken).not.toContain('报告没有变化');
    const warned = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'report loaded with a warning');
    expect(warned).toContainEqual(expect.objectContaining({ level: 40, part: 'reload', by: ADMIN, file: '000_40ca54400f45fed3.txt', new: true }));
    cpSync('seeds/000_40ca54400f45fed3.meta.json', meta);
    expect(textOf(await say('/reload'))).toContain('更新报告 000_40ca54400f45fed3.txt');
    const same = textOf(await say('/reload'));
    expect(same).toContain('报告没有变化');
    expect(same).not.toContain('提醒');
  });

  it('never runs two reloads at once', async () => {
    maxConcurrent = 0;
    const [a, b, card] = await Promise.all([running.reloader.reload('a'), running.reloader.reload('b'), say('/reload')]);
    expect(maxConcurrent).toBe(1);
    expect(a.ok && b.ok).toBe(true);
    expect(card).toMatchObject({ kind: 'notice' });
  });

  it('subscribes a group from inside it, with a region, and unsubscribes it', async () => {
    const card = await say('/订阅 淄博');
    expect(card).toMatchObject({ kind: 'notice', title: '已订阅每日数据' });
    expect(await running.state.subscriptions()).toEqual([expect.objectContaining({ target: GROUP, region: '淄博市', addedBy: ADMIN, source: 'chat' })]);
    expect(await say('/unsubscribe')).toMatchObject({ title: '已退订' });
    expect(await running.state.subscriptions()).toEqual([]);
  });

  it('says there is nobody to push to', async () => {
    expect(await say('/push')).toMatchObject({ title: '没有订阅的群' });
  });

  it('reports the status', async () => {
    const t = textOf(await say('/status'));
    expect(t).toContain('报告 6 份');
    expect(t).toContain('最近一次重新加载');
    expect(t).toContain('状态存储：sqlite');
  });

  it('explains how a question was matched', async () => {
    const t = textOf(await say('/why 枣庄实际开放床位多少张'));
    expect(t).toContain('25970张');
    expect(t).toContain('覆盖');
    expect(t).toContain('枣庄市');
  });
});
