import type { Card } from '../core/cards.js';
import type { HttpAnswer } from './channel.js';
import type { DownloadedFile, IncomingMessage, Platform } from '../core/context.js';

/** A raw HTTP delivery as the express glue hands it over: the exact bytes and the headers. */
export interface RawRequest {
  method?: string;
  raw: Buffer;
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
}

export type Verified<E> =
  | { kind: 'event'; event: E }
  /** The platform checking the URL: answer with this body and nothing else. */
  | { kind: 'handshake'; status: number; body: string | Record<string, unknown>; contentType?: string }
  | { kind: 'reject'; status: number; reason: string };

export type Decoded<T> = { kind: 'message'; msg: IncomingMessage; target: T } | { kind: 'ignore'; reason: string };

/**
 * What every platform provides, so the core never sees platform JSON: check a delivery, turn it
 * into a message, render the platform-neutral card, and send it where the message came from.
 */
export interface PlatformAdapter<E, T, R> {
  readonly platform: Platform;
  verify(req: RawRequest): Verified<E>;
  decode(event: E): Decoded<T>;
  render(card: Card): R;
  send(target: T, rendered: R, idempotencyKey: string): Promise<void>;
  /** Downloads a file message's file (at most maxBytes), on platforms that let a bot fetch it. */
  download?(target: T, file: NonNullable<IncomingMessage['file']>, maxBytes: number): Promise<DownloadedFile>;
  /**
   * Platforms that take the answer in the callback's own response (WeCom) say how long to wait
   * for it and how to wrap it; past the deadline the answer goes through `send`.
   */
  readonly passive?: {
    deadlineMs(): number;
    answer(rendered: R, messageId: string): HttpAnswer;
    empty(): HttpAnswer;
  };
}

/** A platform's long connection (FEISHU_MODE=ws, WECOM_MODE=ws), as the server watches it. */
export interface LongConnection {
  close(): void;
  /** Why the connection stopped trying (refused credentials, attempts used up); undefined while it connects or is up. */
  gaveUp(): string | undefined;
}
