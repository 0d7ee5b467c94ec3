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
  /** The text with @-mention placeholders removed and white space trimmed. */
  text: string;
  /** A file message's file: its name and the platform's key to download it by. */
  file?: { name: string; key: string };
}

/** One context per incoming message, as the core sees it. */
export interface MessageContext extends IncomingMessage {
  /** Sends a card to the chat, as a reply to this message where the platform allows it. */
  reply(card: Card): Promise<void>;
  /** Downloads the message's file, at most `maxBytes` of it, where the platform allows it. */
  download?: (maxBytes: number) => Promise<Uint8Array>;
  log: Logger;
}
