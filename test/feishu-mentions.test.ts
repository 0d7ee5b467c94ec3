import { describe, expect, it } from 'vitest';
import { decodeFeishuEvent, type FeishuBotSelf } from '../src/platforms/feishu/decode.js';
import { BOT_MENTION, messageEvent, type Mention } from './helpers/feishu-events.js';

// Who is answered on Feishu, decided on the event as it comes over HTTP (the v2 envelope), with the
// bot's own open_id as bot/v3/info gives it (FakeFeishu's: ou_bot).

const BOT: FeishuBotSelf = { openId: BOT_MENTION.openId };
const ZHANG: Mention = { key: '@_user_2', openId: 'ou_zhangsan', name: '张三' };
const LI: Mention = { key: '@_user_3', openId: 'ou_lisi', name: '李四' };
const ALL: Mention = { key: '@_all', openId: '', name: '所有人' };

const post = (...paragraphs: Record<string, unknown>[][]) => JSON.stringify({ title: '', content: paragraphs });

type Row = [name: string, event: Record<string, unknown>, self: FeishuBotSelf, expected: { text: string; kind?: string } | { ignore: RegExp }];

const rows: Row[] = [
  ['a group message mentioning the bot', messageEvent({ text: '@_user_1 枣庄床位', mentions: [BOT_MENTION] }), BOT, { text: '枣庄床位' }],
  ['a group message mentioning only someone else', messageEvent({ text: '@_user_2 枣庄床位多少', mentions: [{ ...ZHANG, key: '@_user_1' }] }), BOT, { ignore: /mentions others, not the bot/ }],
  [
    'the bot among others: only its own placeholder goes, the others keep their names',
    messageEvent({ text: '@_user_1 帮 @_user_2 和 @_user_3 查一下枣庄床位', mentions: [BOT_MENTION, ZHANG, LI] }),
    BOT,
    { text: '帮 @张三 和 @李四 查一下枣庄床位' },
  ],
  ['the bot mentioned last', messageEvent({ text: '@_user_2 你看 枣庄床位 @_user_1', mentions: [ZHANG, BOT_MENTION] }), BOT, { text: '@张三 你看 枣庄床位' }],
  ['@所有人 alone', messageEvent({ text: '@_all 枣庄床位多少', mentions: [ALL] }), BOT, { ignore: /not the bot/ }],
  ['@所有人 whose id is the bot\'s open_id is still not the bot', messageEvent({ text: '@_all 枣庄床位多少', mentions: [{ ...ALL, openId: 'ou_bot' }] }), BOT, { ignore: /not the bot/ }],
  ['@所有人 with the bot: answered, @所有人 left out of the question', messageEvent({ text: '@_all @_user_1 枣庄床位', mentions: [ALL, BOT_MENTION] }), BOT, { text: '枣庄床位' }],
  ['a group message without a mention', messageEvent({ text: '大家好', mention: false }), BOT, { ignore: /without a mention/ }],
  ['a group message mentioning the bot before its open_id is known', messageEvent({ text: '枣庄床位' }), {}, { ignore: /open_id is not known yet/ }],
  ['a private chat, no mention needed', messageEvent({ text: '枣庄床位', chatType: 'p2p', mention: false }), BOT, { text: '枣庄床位' }],
  ['a private chat before the open_id is known', messageEvent({ text: '枣庄床位', chatType: 'p2p', mention: false }), {}, { text: '枣庄床位' }],
  ['a private chat mentioning someone', messageEvent({ text: '@_user_2 的问题：枣庄床位', chatType: 'p2p', mentions: [ZHANG] }), BOT, { text: '@张三 的问题：枣庄床位' }],
  ['placeholders @_user_1 and @_user_10 are told apart', messageEvent({ text: '@_user_10 @_user_1 枣庄', mentions: [BOT_MENTION, { key: '@_user_10', openId: 'ou_ten', name: '十号' }] }), BOT, { text: '@十号 枣庄' }],
  ['a placeholder with no mention behind it is dropped', messageEvent({ text: '@_user_1 @_user_7 枣庄', mentions: [BOT_MENTION] }), BOT, { text: '枣庄' }],
  [
    'a post mentioning the bot is a question: its text, link text and the others\' names',
    messageEvent({
      messageType: 'post',
      mentions: [BOT_MENTION, ZHANG],
      content: post(
        [{ tag: 'at', user_id: '@_user_1', user_name: 'factbot' }, { tag: 'text', text: ' 帮 ' }, { tag: 'at', user_id: '@_user_2', user_name: '张三' }, { tag: 'text', text: ' 查一下' }],
        [{ tag: 'a', text: '枣庄', href: 'https://example.org' }, { tag: 'text', text: '实际开放床位多少张' }, { tag: 'img', image_key: 'img_1' }],
      ),
    }),
    BOT,
    { text: '帮 @张三 查一下 枣庄实际开放床位多少张', kind: 'text' },
  ],
  ['a post with a title and a language key', messageEvent({ messageType: 'post', content: JSON.stringify({ zh_cn: { title: '枣庄', content: [[{ tag: 'at', user_id: '@_user_1', user_name: 'factbot' }, { tag: 'text', text: '床位' }]] } }) }), BOT, { text: '枣庄 床位', kind: 'text' }],
  ['a post mentioning only someone else', messageEvent({ messageType: 'post', mentions: [{ ...ZHANG, key: '@_user_1' }], content: post([{ tag: 'at', user_id: '@_user_1', user_name: '张三' }, { tag: 'text', text: ' 枣庄床位' }]) }), BOT, { ignore: /not the bot/ }],
  ['a post of an image alone stays rich (the bot says what it understands)', messageEvent({ messageType: 'post', content: post([{ tag: 'at', user_id: '@_user_1', user_name: 'factbot' }], [{ tag: 'img', image_key: 'img_1' }]) }), BOT, { text: '', kind: 'rich' }],
];

describe('Feishu decode: who is answered, and the question it gets', () => {
  it.each(rows)('%s', (_name, event, self, expected) => {
    const d = decodeFeishuEvent(event, self);
    if ('ignore' in expected) {
      expect(d.kind).toBe('ignore');
      if (d.kind === 'ignore') expect(d.reason).toMatch(expected.ignore);
      return;
    }
    expect(d.kind).toBe('message');
    if (d.kind !== 'message') return;
    expect(d.msg.text).toBe(expected.text);
    expect(d.msg.kind).toBe(expected.kind ?? 'text');
  });

  it('decodes the flattened form the long connection hands its handler the same way', () => {
    const { header, event } = messageEvent({ text: '@_user_2 枣庄床位', mentions: [{ ...ZHANG, key: '@_user_2' }] }) as { header: Record<string, unknown>; event: Record<string, unknown> };
    expect(decodeFeishuEvent({ ...header, ...event }, BOT)).toMatchObject({ kind: 'ignore' });
    const mine = messageEvent({ text: '枣庄床位' }) as { header: Record<string, unknown>; event: Record<string, unknown> };
    expect(decodeFeishuEvent({ ...mine.header, ...mine.event }, BOT)).toMatchObject({ kind: 'message', msg: { text: '枣庄床位' } });
  });
});
