import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import type { FeishuConfig } from '../../config.js';
import type { Channel } from '../channel.js';
import type { LongConnection } from '../types.js';
import { larkSdk } from '../sdks.js';
import { sdkLogger } from './sdk-logger.js';

/** Seconds without any frame after a ping before the socket is taken for dead and replaced. */
export const PING_TIMEOUT_SEC = 30;

/**
 * Receives events over the SDK's WebSocket (FEISHU_MODE=ws): no public URL, no crypto. The
 * handler is the same dispatch as HTTP delivery.
 *
 * How the SDK (1.74) fails, read from its source and tried against a fake endpoint, and so what
 * gaveUp() reports:
 * - start() resolves at once and never rejects; the connection is made in the background.
 * - An App ID not of the form cli_ + 16 hex characters: start() logs and returns, nothing is tried
 *   and no callback fires. readConfig refuses such an ID in ws mode.
 * - The endpoint refusing with a code the SDK does not retry: it logs, stops and calls onError →
 *   given up, with the SDK's reason.
 * - The endpoint refusing with 1000040343 (what a bogus App ID/Secret pair was seen to get) or an
 *   HTTP error: the SDK logs once, says "ws client ready", and retries for ever (after up to
 *   ReconnectNonce, then every ReconnectInterval: 30 s and 120 s by default) without onError.
 *   So the credentials are checked on their own (`credentials`, the token endpoint): when Feishu
 *   refuses them, the connection is closed and reported as given up.
 * - A socket that goes silent: after each ping (every PingInterval, set by Feishu: 120 s by
 *   default) the SDK waits PING_TIMEOUT_SEC for any frame, then drops the socket and reconnects.
 */
export function startFeishuLongConnection(
  config: FeishuConfig,
  channel: Channel<Record<string, unknown>, unknown, unknown>,
  log: Logger,
  credentials?: { onRefused(listener: (reason: string) => void): void },
): LongConnection {
  let gaveUp: string | undefined;
  let closed = false;
  const sdk = larkSdk();
  const client = new sdk.WSClient({
    appId: config.appId,
    appSecret: config.appSecret,
    ...(config.domain ? { domain: config.domain } : {}),
    loggerLevel: sdk.LoggerLevel.warn,
    logger: sdkLogger(log),
    autoReconnect: true,
    handshakeTimeoutMs: 15_000,
    wsConfig: { pingTimeout: PING_TIMEOUT_SEC },
    onReady: () => {
      gaveUp = undefined;
      log.info('feishu long connection ready');
    },
    onReconnecting: () => log.warn('feishu long connection lost, reconnecting'),
    onReconnected: () => log.info('feishu long connection re-established'),
    onError: (err) => {
      gaveUp = `the long connection gave up: ${err.message}`;
      log.error({ err: err.message }, 'feishu long connection failed and gave up; check FEISHU_APP_ID and FEISHU_APP_SECRET, that the app subscribes to events by long connection (事件与回调 → 使用长连接接收事件), then restart');
    },
  });
  const dispatcher = feishuEventDispatcher(channel, log);
  credentials?.onRefused((reason) => {
    gaveUp = reason;
    if (!closed) client.close({ force: true });
    closed = true;
    log.error({ reason }, 'feishu long connection stopped: the app credentials are refused');
  });
  if (!closed) {
    void client.start({ eventDispatcher: dispatcher }).catch((err: unknown) => {
      gaveUp = `the long connection could not start: ${String(err)}`;
      log.error({ err: String(err) }, 'feishu long connection could not start');
    });
  }
  return {
    close: () => {
      closed = true;
      client.close({ force: true });
    },
    gaveUp: () => gaveUp,
  };
}

/** The SDK dispatcher the long connection feeds: message events go to the channel's dispatch. */
export function feishuEventDispatcher(channel: Channel<Record<string, unknown>, unknown, unknown>, log: Logger): lark.EventDispatcher {
  const sdk = larkSdk();
  return new sdk.EventDispatcher({ loggerLevel: sdk.LoggerLevel.warn, logger: sdkLogger(log) }).register({
    'im.message.receive_v1': async (data: unknown) => {
      // Returns as soon as the message is accepted; the answer goes out in the background. A full
      // answer queue throws, so the SDK answers the frame with code 500 (as for a state that is
      // down) instead of taking the message and dropping it.
      const outcome = await channel.dispatch(data as Record<string, unknown>);
      if (outcome === 'busy') throw new Error('answer queue full: message not taken, for Feishu to deliver again');
    },
  });
}
