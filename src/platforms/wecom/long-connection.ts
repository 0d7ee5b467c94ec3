import type { Logger } from 'pino';
import type { WeComConfig } from '../../config.js';
import type { Channel } from '../channel.js';
import { wecomSdk } from '../sdks.js';
import type { LongConnection } from '../types.js';
import type { WeComAdapter, WeComEvent } from './adapter.js';
import { aibotError } from './sender.js';

type AnyChannel = Channel<WeComEvent, unknown, unknown>;

/** How many refusals of the Bot ID and Secret the SDK retries before it stops (6 refusals in all). */
const MAX_AUTH_FAILURES = 5;

/** SDK settings tests shorten: the reconnect back-off's first step and the ping interval (ms). */
export interface WeComSdkTiming {
  reconnectInterval?: number;
  heartbeatInterval?: number;
}

/**
 * Receives messages over the official SDK's WebSocket (WECOM_MODE=ws): no public URL needed.
 * Replies carry the incoming req_id. How the SDK (@wecom/aibot-node-sdk 1.0.x) keeps it up:
 * - a dropped socket is reconnected with back-off (1 s doubling to 30 s), without end here
 *   (maxReconnectAttempts -1); a socket whose pings (every 30 s) go unanswered twice is closed at
 *   the third ping and reconnected, so a silent socket is replaced within 90 s;
 * - a refused Bot ID or Secret (an aibot_subscribe answer with errcode ≠ 0) is retried the same
 *   way, MAX_AUTH_FAILURES times, then the SDK stops for good: about 30 s after start;
 * - a newer connection for the same robot (another replica) gets WeCom's disconnected_event and
 *   the SDK stops for good, not to kick it back.
 * gaveUp() is set exactly when the SDK has stopped: its WSAuthFailureError or
 * WSReconnectExhaustedError (by their codes), or the kick; /readyz is not ready then.
 */
export function startWeComLongConnection(config: WeComConfig, channel: AnyChannel, adapter: WeComAdapter, log: Logger, timing: WeComSdkTiming = {}): LongConnection {
  let gaveUp: string | undefined;
  /** The last refusal of the credentials, kept for the reason once the SDK gives up. */
  let lastRefusal: string | undefined;
  let refusals = 0;
  const client = new (wecomSdk().WSClient)({
    botId: config.botId!,
    secret: config.botSecret!,
    maxReconnectAttempts: -1,
    maxAuthFailureAttempts: MAX_AUTH_FAILURES,
    ...timing,
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
    lastRefusal = undefined;
    refusals = 0;
    log.info('wecom long connection ready');
  });
  client.on('reconnecting', (attempt: number) => log.warn({ attempt }, 'wecom long connection lost, reconnecting'));
  client.on('disconnected', (reason: string) => log.warn({ reason }, 'wecom long connection closed'));
  client.on('error', (err: Error & { code?: string }) => {
    switch (err.code) {
      case 'WS_AUTH_FAILURE_EXHAUSTED':
        gaveUp = `WeCom refused WECOM_BOT_ID and WECOM_BOT_SECRET ${refusals} times${lastRefusal ? ` (${lastRefusal})` : ''} and the long connection stopped trying: copy the Bot ID and Secret again from the robot's API settings (长连接) and restart`;
        log.error({ reason: gaveUp }, 'wecom long connection gave up');
        return;
      case 'WS_RECONNECT_EXHAUSTED':
        gaveUp = `the long connection to WeCom${config.wsUrl ? ` (${config.wsUrl})` : ''} dropped and every reconnect failed (${err.message}); check this machine's access to it and restart`;
        log.error({ reason: gaveUp }, 'wecom long connection gave up');
        return;
    }
    // "Authentication failed: <errmsg> (code: <errcode>)": the SDK retries it a few times.
    const refused = /^Authentication failed: (.*) \(code: (-?\d+)\)$/.exec(err.message);
    if (refused) {
      refusals++;
      lastRefusal = `errcode ${refused[2]}, ${refused[1]}`;
      log.error({ errcode: Number(refused[2]), errmsg: refused[1], refusals, retriesLeft: Math.max(0, MAX_AUTH_FAILURES + 1 - refusals) }, 'WeCom refused the Bot ID or Secret; check WECOM_BOT_ID and WECOM_BOT_SECRET');
      return;
    }
    // A socket error (refused, reset, TLS): the SDK reconnects on its own.
    log.warn({ err: err.message }, 'wecom long connection error; reconnecting');
  });
  // WeCom keeps one connection per robot: a newer one (another replica, a second start) takes over,
  // and the SDK does not reconnect.
  client.on('event.disconnected_event', () => {
    gaveUp = 'a newer long connection for this robot took over (another replica or a second start) and this one stopped; run one ws replica per robot, or use WECOM_MODE=webhook for several';
    log.warn(`wecom long connection kicked: ${gaveUp}`);
  });
  client.on('message', (frame) => {
    // Over the long connection WeCom does not deliver a message again: one refused by a full answer
    // queue is dropped (logged and counted by the bot as busy).
    void handleWeComFrame(frame, channel).catch((err: unknown) => log.error({ err: String(err) }, 'wecom message failed'));
  });
  client.connect();
  return { close: () => client.disconnect(), gaveUp: () => gaveUp };
}

/** One incoming frame: the same dispatch as an HTTP callback, with the frame to reply on. */
export function handleWeComFrame(frame: { headers: { req_id: string }; body?: unknown }, channel: AnyChannel): ReturnType<AnyChannel['dispatch']> {
  const payload = (frame.body ?? {}) as Record<string, unknown>;
  return channel.dispatch({ payload, frame: { headers: { req_id: frame.headers.req_id } } });
}

/**
 * Pushes into the robot's chats over the long connection (aibot_send_msg), for wecom:<chatid>
 * targets; a refusal is an error with WeCom's errcode and errmsg.
 */
export function wecomChatSender(adapter: WeComAdapter): { sendMessage(chatid: string, body: Record<string, unknown>): Promise<unknown> } {
  return {
    sendMessage: async (chatid, body) => {
      const client = adapter.ws as unknown as { sendMessage?(c: string, b: unknown): Promise<unknown> } | undefined;
      if (!client?.sendMessage) throw new Error('WeCom long connection is not running (WECOM_MODE=ws)');
      try {
        return await client.sendMessage(chatid, body);
      } catch (err) {
        throw aibotError('aibot_send_msg', err);
      }
    },
  };
}
