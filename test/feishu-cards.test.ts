import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../src/core/bot.js';
import { notice, type Card } from '../src/core/cards.js';
import { MemorySeenMessages } from '../src/core/dedupe.js';
import { StoreHolder } from '../src/core/store-holder.js';
import { validateCardV2 } from '../src/platforms/feishu/card-schema.js';
import { MAX_CARD_BYTES, renderFeishuCard } from '../src/platforms/feishu/render.js';
import { storeFrom } from './helpers/store.js';

let bot: Bot;
beforeAll(async () => {
  bot = new Bot({ stores: new StoreHolder(await storeFrom()), seen: new MemorySeenMessages(), log: pino({ level: 'silent' }) });
});
const respond = (text: string, kind: 'text' | 'image' = 'text') => bot.respond({ kind, text, chatId: 'feishu:oc_x', userId: 'feishu:ou_x' });

describe('Feishu cards (JSON 2.0)', () => {
  it.each([
    ['answer', '枣庄实际开放床位多少张'],
    ['regions', '示范村卫生室有多少个'],
    ['not_found', '北京有多少医疗卫生机构'],
    ['help', ''],
    ['sources', '/sources'],
    ['notice', '/frobnicate'],
  ])('%s: valid 2.0 structure, as snapshotted', async (kind, text) => {
    const card = await respond(text);
    expect(card.kind).toBe(kind);
    const rendered = renderFeishuCard(card);
    expect(validateCardV2(rendered)).toEqual([]);
    expect(rendered).toMatchSnapshot();
  });

  it('emphasizes the figure where it stands in the sentence, not an earlier equal number', async () => {
    const card = await respond('枣庄改造提升了多少个农贸市场');
    const text = JSON.stringify(renderFeishuCard(card));
    expect(text).toContain('改造提升**16个**农贸市场');
    expect(text).not.toContain('设立**16个**');
  });

  it('escapes markdown in report text', () => {
    const card: Card = { kind: 'not_found', question: 'x', note: '含有 *星号* 和 <font>', suggestions: ['[链接](http://x)'] };
    const text = JSON.stringify(renderFeishuCard(card));
    expect(text).not.toContain('*星号*');
    expect(text).not.toContain('<font>');
    expect(text).not.toContain('[链接]');
  });

  it('stays under the size limit with a huge quote', () => {
    const main = { answer: '1个', metric: 'm', region: 'r', quote: '很长的句子。'.repeat(20_000), source: { title: 't', file: 'f' }, confidence: 1 };
    const rendered = renderFeishuCard({ kind: 'answer', question: 'q', main, related: [main, main] });
    expect(Buffer.byteLength(JSON.stringify(rendered))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(validateCardV2(rendered)).toEqual([]);
  });

  it.each(['info', 'warning', 'error'] as const)('renders a %s notice', (tone) => {
    expect(validateCardV2(renderFeishuCard(notice('标题', '内容', tone)))).toEqual([]);
  });
});
