import { WSClient } from '@wecom/aibot-node-sdk';
import type { Logger } from 'pino';
import type { WeComConfig } from '../../config.js';
import type { Channel } from '../channel.js';
import type { LongConnection } from '../types.js';
import type { WeComAdapter, WeComEvent } from './adapter.js';

type AnyChannel = Channel<WeComEvent, unknown, unknown>;

/**
 * Receives messages over the official SDK's WebSocket (WECOM_MODE=ws): no public URL needed.
 * Replies carry the incoming req_id; the SDK reconnects with back-off.
 */
export function startWeComLongConnection(config: WeComConfig, channel: AnyChannel, adapter: WeComAdapter, log: Logger): LongConnection {
  let gaveUp: string | undefined;
  const client = new WSClient({
    botId: config.botId!,
    secret: config.botSecret!,
    maxReconnectAttempts: -1,
    maxAuthFailureAttempts: 5,
    ...(config.wsUrl ? { wsUrl: config.wsUrl } : {}),
    logger: {
      debug: (m: string) => log.debug({ sdk: m }, 'wecom sdk'),
      info: (m: string) => log.debug({ sdk: m }, 'wecom sdk'),
      warn: (m: string) => log.warn({ sdk: m }, 'wecom sdk'),
      error: (m: string) => log.error({ sdk: m }, 'wecom sdk'),
    },
  });
  adapter.ws = client;
  client.on('authenticated', () => {
    gaveUp = undefined;
    log.info('wecom long connection ready');
  });
  client.on('reconnecting', (attempt: number) => log.warn({ attempt }, 'wecom long connection lost, reconnecting'));
  client.on('disconnected', (reason: string) => log.warn({ reason }, 'wecom long connection closed'));
  client.on('error', (err: Error) => {
    // The SDK stops after maxAuthFailureAttempts refusals; other errors it retries on its own.
    if (/auth|max/i.test(err.message)) gaveUp = err.message;
    log.error({ err: err.message }, 'wecom long connection error; check WECOM_BOT_ID and WECOM_BOT_SECRET');
  });
  // WeCom keeps one connection per robot: a newer one (another replica, a second start) takes over.
  client.on('event.disconnected_event', () =>
    log.warn('wecom long connection kicked: a newer connection for this robot took over; run one ws replica per robot, or use WECOM_MODE=webhook for several'),
  );
  client.on('message', (frame) => {
    void handleWeComFrame(frame, channel).catch((err: unknown) => log.error({ err: String(err) }, 'wecom message failed'));
  });
  client.connect();
  return { close: () => client.disconnect(), gaveUp: () => gaveUp };
}

/** One incoming frame: the same dispatch as an HTTP callback, with the frame to reply on. */
export function handleWeComFrame(frame: { headers: { req_id: string }; body?: unknown }, channel: AnyChannel): Promise<'accepted' | 'duplicate' | 'ignored'> {
  const payload = (frame.body ?? {}) as Record<string, unknown>;
  return channel.dispatch({ payload, frame: { headers: { req_id: frame.headers.req_id } } });
}
