import type { IncomingMessage, MessageKind } from '../../core/context.js';
import { isObject } from './verify.js';

export type FeishuDecoded =
  | { kind: 'message'; msg: IncomingMessage; feishuMessageId: string }
  | { kind: 'ignore'; reason: string };

const KINDS: Record<string, MessageKind> = {
  text: 'text',
  post: 'rich',
  image: 'image',
  file: 'file',
  audio: 'audio',
  media: 'video',
  sticker: 'sticker',
};

/** Who the bot is, as far as decoding needs: its open_id once bot/v3/info told it. */
export interface FeishuBotSelf {
  openId?: string;
}

interface Mention {
  key: string;
  openId: string | undefined;
  name: string;
  all: boolean;
}

/** The placeholders Feishu puts in a message's text for its mentions: @_user_1 … and @_all. */
const PLACEHOLDER = /@_user_\d+|@_all/g;

/**
 * Turns an `im.message.receive_v1` event into a platform-neutral message. Accepts the v2 envelope
 * of HTTP delivery ({schema, header, event}) and the flattened form the SDK's long connection hands
 * its handlers ({event_type, message, sender, …}), so both paths share one handler.
 *
 * In a group the bot answers only when its own open_id is among the mentions (@所有人 is never a
 * mention of the bot, whatever id Feishu gives it). Until the open_id is known (`self.openId`
 * unset: bot/v3/info has not answered yet) group messages are not answered at all: answering a
 * mention of someone else is worse than a late answer, and while Feishu cannot be reached for
 * bot/v3/info a reply would not get through either. Private chats need no mention.
 */
export function decodeFeishuEvent(data: Record<string, unknown>, self: FeishuBotSelf = {}): FeishuDecoded {
  const header = isObject(data.header) ? data.header : data;
  const event = isObject(data.event) ? data.event : data;
  const type = header.event_type ?? data.event_type;
  if (type !== 'im.message.receive_v1') return { kind: 'ignore', reason: `event type ${String(type)} is not handled` };
  const message = event.message;
  const sender = event.sender;
  if (!isObject(message) || !isObject(sender)) return { kind: 'ignore', reason: 'event without message or sender' };
  const messageId = message.message_id;
  const chatId = message.chat_id;
  const senderId = isObject(sender.sender_id) ? sender.sender_id : {};
  // The sender is its open_id alone: user_id and union_id are other namespaces, and falling back to
  // them would let a user_id spelled like an admin's open_id pass as that admin.
  const userId = senderId.open_id;
  if (typeof messageId !== 'string' || typeof chatId !== 'string' || typeof userId !== 'string') {
    return { kind: 'ignore', reason: 'event without message_id, chat_id or the sender\'s open_id' };
  }
  if (sender.sender_type === 'app') return { kind: 'ignore', reason: 'sent by a bot' };
  const chatType = message.chat_type === 'p2p' ? 'private' : 'group';
  const mentions = readMentions(message.mentions);
  const own = self.openId ? mentions.find((m) => !m.all && m.openId === self.openId) : undefined;
  if (chatType === 'group') {
    if (!self.openId) return { kind: 'ignore', reason: "group message while the bot's own open_id is not known yet (bot/v3/info has not answered)" };
    if (!own) return { kind: 'ignore', reason: mentions.length ? 'group message that mentions others, not the bot' : 'group message without a mention' };
  }

  const messageType = typeof message.message_type === 'string' ? message.message_type : 'other';
  let kind = KINDS[messageType] ?? 'other';
  let text = '';
  let file: { name: string; key: string } | undefined;
  let content: unknown;
  if (kind === 'file' || kind === 'text' || kind === 'rich') {
    try {
      content = JSON.parse(String(message.content ?? '{}')) as unknown;
    } catch {
      return { kind: 'ignore', reason: `${messageType} message whose content is not JSON` };
    }
  }
  if (kind === 'file' && isObject(content) && typeof content.file_key === 'string') {
    file = { key: content.file_key, name: typeof content.file_name === 'string' ? content.file_name : 'file' };
  }
  if (kind === 'text') text = renderMentions(isObject(content) && typeof content.text === 'string' ? content.text : '', mentions, own);
  if (kind === 'rich') {
    // A rich-text post is a question when it has words besides the bot's mention: its title,
    // text, links and the others it mentions. One of pictures alone stays rich.
    text = renderMentions(postText(content, self.openId), mentions, own);
    if (text) kind = 'text';
  }
  return {
    kind: 'message',
    feishuMessageId: messageId,
    msg: {
      platform: 'feishu',
      messageId,
      chatId: `feishu:${chatId}`,
      userId: `feishu:${userId}`,
      chatType,
      kind,
      text: text.slice(0, 500),
      ...(file ? { file } : {}),
    },
  };
}

function readMentions(raw: unknown): Mention[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).flatMap((m) => {
    if (typeof m.key !== 'string') return [];
    const id = isObject(m.id) ? m.id : {};
    const openId = typeof id.open_id === 'string' && id.open_id ? id.open_id : undefined;
    // @所有人: its key is @_all; its id, where there is one, says "all".
    const all = m.key === '@_all' || openId === 'all' || id.user_id === 'all';
    return [{ key: m.key, openId, name: typeof m.name === 'string' ? m.name.trim() : '', all }];
  });
}

/**
 * The question in a text: the bot's own placeholder and @所有人 are dropped, anyone else mentioned
 * keeps their name ("帮 @_user_2 查一下" → "帮 @张三 查一下"), white space is collapsed.
 */
function renderMentions(text: string, mentions: Mention[], own: Mention | undefined): string {
  const byKey = new Map(mentions.map((m) => [m.key, m]));
  return text
    .replace(PLACEHOLDER, (key) => {
      const m = byKey.get(key);
      if (!m || m === own || m.all || key === '@_all' || !m.name) return ' ';
      return ` @${m.name} `;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The words of a received rich-text post: {title, content: [[element, …], …]} (or the same under a
 * language key such as zh_cn). Text, link and code elements give their text; an `at` element its
 * placeholder (@_user_N, named as in a text message) or, without one, its user_name (nothing for the
 * bot itself or everyone); images, media and emoji give nothing.
 */
function postText(content: unknown, selfOpenId: string | undefined): string {
  if (!isObject(content)) return '';
  const post = Array.isArray(content.content) ? content : Object.values(content).find((v) => isObject(v) && Array.isArray(v.content));
  if (!isObject(post) || !Array.isArray(post.content)) return '';
  const lines: string[] = [];
  if (typeof post.title === 'string' && post.title.trim()) lines.push(post.title);
  for (const paragraph of post.content) {
    if (!Array.isArray(paragraph)) continue;
    const words: string[] = [];
    for (const el of paragraph) {
      if (!isObject(el)) continue;
      if ((el.tag === 'text' || el.tag === 'a' || el.tag === 'code_block' || el.tag === 'md') && typeof el.text === 'string') words.push(el.text);
      else if (el.tag === 'at') {
        const id = typeof el.user_id === 'string' ? el.user_id : '';
        if (/^@_(user_\d+|all)$/.test(id)) words.push(` ${id} `);
        else if (id === 'all' || (selfOpenId && id === selfOpenId)) words.push(' ');
        else if (typeof el.user_name === 'string' && el.user_name.trim()) words.push(` @${el.user_name.trim()} `);
      }
    }
    lines.push(words.join(''));
  }
  return lines.join('\n');
}
