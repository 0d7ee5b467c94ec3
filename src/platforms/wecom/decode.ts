import type { IncomingMessage, MessageKind } from '../../core/context.js';
import { isObject } from '../feishu/verify.js';

export type WeComDecoded =
  | { kind: 'message'; msg: IncomingMessage; msgid: string; responseUrl?: string; chatid?: string }
  | { kind: 'ignore'; reason: string };

const KINDS: Record<string, MessageKind> = { text: 'text', voice: 'text', image: 'image', mixed: 'rich', file: 'file', video: 'video' };

/**
 * Turns an intelligent-robot message (HTTP callback payload, or the body of a long-connection
 * frame) into a platform-neutral message. Voice arrives already transcribed and is read as text.
 */
export function decodeWeComMessage(p: Record<string, unknown>): WeComDecoded {
  if (typeof p.msgtype !== 'string') return { kind: 'ignore', reason: 'no msgtype' };
  if (p.msgtype === 'event') return { kind: 'ignore', reason: 'event callback' };
  const msgid = p.msgid;
  const from = isObject(p.from) ? p.from.userid : undefined;
  if (typeof msgid !== 'string' || typeof from !== 'string') return { kind: 'ignore', reason: 'message without msgid or from.userid' };
  const group = p.chattype === 'group';
  const chatid = typeof p.chatid === 'string' ? p.chatid : undefined;
  const kind = KINDS[p.msgtype] ?? 'other';
  let text = '';
  if (p.msgtype === 'text' && isObject(p.text)) text = String(p.text.content ?? '');
  if (p.msgtype === 'voice' && isObject(p.voice)) text = String(p.voice.content ?? '');
  // A file sent in a single chat: a download URL (valid five minutes, encrypted) and, over the
  // long connection, the key it is encrypted with; its name comes with the download.
  const file = p.msgtype === 'file' && isObject(p.file) && typeof p.file.url === 'string'
    ? { name: 'file', key: p.file.url, ...(typeof p.file.aeskey === 'string' ? { aesKey: p.file.aeskey } : {}) }
    : undefined;
  // "@factbot 枣庄床位多少张": the mention of the robot is not part of the question.
  text = text.replace(/^\s*(@\S+\s*)+/, '').replace(/\s+/g, ' ').trim();
  return {
    kind: 'message',
    msgid,
    ...(typeof p.response_url === 'string' ? { responseUrl: p.response_url } : {}),
    ...(chatid ? { chatid } : {}),
    msg: {
      platform: 'wecom',
      messageId: msgid,
      chatId: group && chatid ? `wecom:${chatid}` : `wecom:single:${from}`,
      userId: `wecom:${from}`,
      chatType: group ? 'group' : 'private',
      kind,
      text: text.slice(0, 500),
      ...(file ? { file } : {}),
    },
  };
}
