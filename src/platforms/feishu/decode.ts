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

/**
 * Turns an `im.message.receive_v1` event into a platform-neutral message. Accepts the v2 envelope
 * of HTTP delivery ({schema, header, event}) and the flattened form the SDK's long connection hands
 * its handlers ({event_type, message, sender, …}), so both paths share one handler.
 */
export function decodeFeishuEvent(data: Record<string, unknown>): FeishuDecoded {
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
  const mentions = Array.isArray(message.mentions) ? message.mentions.filter(isObject) : [];
  // In a group the bot answers only when @-mentioned.
  if (chatType === 'group' && mentions.length === 0) return { kind: 'ignore', reason: 'group message without a mention' };

  const messageType = typeof message.message_type === 'string' ? message.message_type : 'other';
  const kind = KINDS[messageType] ?? 'other';
  let text = '';
  let file: { name: string; key: string } | undefined;
  if (kind === 'file') {
    try {
      const content = JSON.parse(String(message.content ?? '{}')) as unknown;
      if (isObject(content) && typeof content.file_key === 'string') file = { key: content.file_key, name: typeof content.file_name === 'string' ? content.file_name : 'file' };
    } catch {
      return { kind: 'ignore', reason: 'file message whose content is not JSON' };
    }
  }
  if (kind === 'text') {
    try {
      const content = JSON.parse(String(message.content ?? '{}')) as unknown;
      text = isObject(content) && typeof content.text === 'string' ? content.text : '';
    } catch {
      return { kind: 'ignore', reason: 'text message whose content is not JSON' };
    }
    // "@_user_1 枣庄有多少床位": the placeholders of mentions, and @all, are not part of the question.
    for (const m of mentions) if (typeof m.key === 'string') text = text.split(m.key).join(' ');
    text = text.replace(/@_(user_\d+|all)/g, ' ').replace(/\s+/g, ' ').trim();
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
