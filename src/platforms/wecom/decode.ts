import type { IncomingMessage, MessageKind } from '../../core/context.js';
import { isObject } from '../feishu/verify.js';

export type WeComDecoded =
  | { kind: 'message'; msg: IncomingMessage; msgid: string; responseUrl?: string; chatid?: string }
  | { kind: 'ignore'; reason: string };

const KINDS: Record<string, MessageKind> = { text: 'text', voice: 'text', image: 'image', mixed: 'rich', file: 'file', video: 'video' };

/** Characters of a message (and of a quoted one) that are read. */
const MAX_TEXT = 500;

/**
 * The words of a text, voice or mixed message body (the 接收消息 formats,
 * https://developer.work.weixin.qq.com/document/path/100719): a mixed message's text items joined.
 */
function textOf(p: Record<string, unknown>): string | undefined {
  if (p.msgtype === 'text' && isObject(p.text)) return String(p.text.content ?? '');
  if (p.msgtype === 'voice' && isObject(p.voice)) return String(p.voice.content ?? '');
  if (p.msgtype === 'mixed' && isObject(p.mixed) && Array.isArray(p.mixed.msg_item)) {
    const words = p.mixed.msg_item.flatMap((i: unknown) => (isObject(i) && i.msgtype === 'text' && isObject(i.text) ? [String(i.text.content ?? '')] : []));
    return words.length ? words.join(' ') : undefined;
  }
  return undefined;
}

/**
 * In a group the robot is only called by an @-mention, which WeCom leaves in the text as the
 * robot's name: "@RobotA 乙市床位多少张". The callback does not say the robot's name, so the one
 * mention leading a group message is taken for it and removed; any other @name ("帮 @张三 查",
 * or a second one after the robot's) stays in the words. A single chat has no mention to remove.
 */
function withoutRobotMention(text: string, group: boolean): string {
  return (group ? text.replace(/^\s*@\S+/, '') : text).replace(/\s+/g, ' ').trim();
}

/**
 * A quoted message's words, as context for the question (引用, same page): its text, voice
 * transcription or mixed text, with a leading mention and the markdown of the robot's own answers
 * (**, > , list marks, font tags) taken out. Images and files quoted give no words.
 */
function quotedText(q: unknown): string | undefined {
  if (!isObject(q)) return undefined;
  const raw = textOf(q);
  if (!raw) return undefined;
  const plain = raw
    .replace(/<font[^>]*>|<\/font>/g, '')
    .replace(/\*+/g, '')
    .replace(/^\s*(>+|-|·)\s*/gm, '')
    .replace(/^\s*@\S+/, '');
  const words = plain.replace(/\s+/g, ' ').trim();
  return words ? words.slice(0, MAX_TEXT) : undefined;
}

/**
 * Turns an intelligent-robot message (HTTP callback payload, or the body of a long-connection
 * frame) into a platform-neutral message. Voice arrives already transcribed and is read as text;
 * a mixed message (words and pictures) is read by its words. A stream refresh (msgtype "stream")
 * is WeCom asking for a reply's latest content, never a question: the HTTP adapter answers it
 * before decoding, and over the long connection WeCom sends none (智能机器人长连接,
 * https://developer.work.weixin.qq.com/document/path/101463).
 */
export function decodeWeComMessage(p: Record<string, unknown>): WeComDecoded {
  if (typeof p.msgtype !== 'string') return { kind: 'ignore', reason: 'no msgtype' };
  if (p.msgtype === 'event') return { kind: 'ignore', reason: 'event callback' };
  if (p.msgtype === 'stream') return { kind: 'ignore', reason: `stream refresh${isObject(p.stream) && typeof p.stream.id === 'string' ? ` of ${p.stream.id}` : ''}, not a question` };
  const msgid = p.msgid;
  const from = isObject(p.from) ? p.from.userid : undefined;
  if (typeof msgid !== 'string' || typeof from !== 'string') return { kind: 'ignore', reason: 'message without msgid or from.userid' };
  const group = p.chattype === 'group';
  const chatid = typeof p.chatid === 'string' ? p.chatid : undefined;
  const words = textOf(p);
  // A mixed message with words is a question like a text; one of pictures only is not.
  const kind = p.msgtype === 'mixed' && words ? 'text' : (KINDS[p.msgtype] ?? 'other');
  // A file sent in a single chat: a download URL (valid five minutes, encrypted) and, over the
  // long connection, the key it is encrypted with; its name comes with the download.
  const file = p.msgtype === 'file' && isObject(p.file) && typeof p.file.url === 'string'
    ? { name: 'file', key: p.file.url, ...(typeof p.file.aeskey === 'string' ? { aesKey: p.file.aeskey } : {}) }
    : undefined;
  const quoted = quotedText(p.quote);
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
      text: withoutRobotMention(words ?? '', group).slice(0, MAX_TEXT),
      ...(quoted ? { quoted } : {}),
      ...(file ? { file } : {}),
    },
  };
}
