import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import type { FeishuConfig } from '../../config.js';
import type { Channel } from '../channel.js';
import type { LongConnection } from '../types.js';
import { sdkLogger } from './sdk-logger.js';

/**
 * Receives events over the SDK's WebSocket (FEISHU_MODE=ws): no public URL, no crypto. The
 * handler is the same dispatch as HTTP delivery. A ping timeout makes a half-dead socket reconnect.
 */
export function startFeishuLongConnection(
  config: FeishuConfig,
  channel: Channel<Record<string, unknown>, unknown, unknown>,
  log: Logger,
): LongConnection {
  let gaveUp: string | undefined;
  const client = new lark.WSClient({
    appId: config.appId,
    appSecret: config.appSecret,
    ...(config.domain ? { domain: config.domain } : {}),
    loggerLevel: lark.LoggerLevel.warn,
    logger: sdkLogger(log),
    autoReconnect: true,
    handshakeTimeoutMs: 15_000,
    wsConfig: { pingTimeout: 30 },
    onReady: () => {
      gaveUp = undefined;
      log.info('feishu long connection ready');
    },
    onReconnecting: () => log.warn('feishu long connection lost, reconnecting'),
    onReconnected: () => log.info('feishu long connection re-established'),
    onError: (err) => {
      gaveUp = err.message;
      log.error({ err: err.message }, 'feishu long connection failed and gave up; check FEISHU_APP_ID and FEISHU_APP_SECRET and that the app subscribes by long connection');
    },
  });
  const dispatcher = feishuEventDispatcher(channel, log);
  void client.start({ eventDispatcher: dispatcher }).catch((err: unknown) => {
    gaveUp = String(err);
    log.error({ err: String(err) }, 'feishu long connection could not start');
  });
  return { close: () => client.close({ force: true }), gaveUp: () => gaveUp };
}

/** The SDK dispatcher the long connection feeds: message events go to the channel's dispatch. */
export function feishuEventDispatcher(channel: Channel<Record<string, unknown>, unknown, unknown>, log: Logger): lark.EventDispatcher {
  return new lark.EventDispatcher({ loggerLevel: lark.LoggerLevel.warn, logger: sdkLogger(log) }).register({
    'im.message.receive_v1': async (data: unknown) => {
      // Returns as soon as the message is accepted; the answer goes out in the background.
      await channel.dispatch(data as Record<string, unknown>);
    },
  });
}
