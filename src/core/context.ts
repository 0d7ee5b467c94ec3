import type { Logger } from 'pino';
import type { Card } from './cards.js';

export type Platform = 'feishu' | 'wecom' | 'web';
export type MessageKind = 'text' | 'image' | 'file' | 'sticker' | 'rich' | 'audio' | 'video' | 'other';

/** A message as a platform adapter decodes it: no platform JSON beyond this point. */
export interface IncomingMessage {
  platform: Platform;
  /** The platform's id of the message, unique per platform; de-duplication keys on it. */
  messageId: string;
  /** Prefixed with the platform: feishu:oc_…, wecom:wrk…. */
  chatId: string;
  userId: string;
  chatType: 'group' | 'private';
  kind: MessageKind;
  /** The text with the bot's own mention removed, other people's mentions as their names (@张三), white space trimmed. */
  text: string;
  /**
   * The words of a message this one quotes (WeCom 引用), when it has words. The question carries
   * on from it as from the chat's last question ("那乙市呢" quoting a question about 甲市's beds),
   * and a message that only mentions the bot asks it.
   */
  quoted?: string;
  /** A file message's file: its name (when the message says it) and the platform's key (Feishu's
   * file_key, WeCom's download URL) with, on WeCom, the key it is encrypted with. */
  file?: { name: string; key: string; aesKey?: string };
}

/** A downloaded file, with the name the platform gave it when the message did not. */
export interface DownloadedFile {
  bytes: Uint8Array;
  name?: string;
}

/** One context per incoming message, as the core sees it. */
export interface MessageContext extends IncomingMessage {
  /** Sends a card to the chat, as a reply to this message where the platform allows it. */
  reply(card: Card): Promise<void>;
  /** Downloads the message's file, at most `maxBytes` of it, where the platform allows it. */
  download?: (maxBytes: number) => Promise<DownloadedFile>;
  log: Logger;
}
