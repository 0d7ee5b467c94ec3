import type { IncomingMessage } from 'node:http';
import { FakeFeishuSocketServer } from './feishu-ws.js';
import { listenOnLoopback, sendJson } from './loopback.js';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

type Scripted = { status: number; headers?: Record<string, string>; body: unknown };

/** The app secret FakeFeishu accepts; any other is refused as Feishu refuses a wrong one. */
export const FAKE_APP_SECRET = 'test-secret';

/**
 * Feishu's open API as far as the bot uses it, on loopback: the tenant token, the bot's own info
 * (bot/v3/info), replying to a message, creating a message, and the long connection's endpoint
 * (/callback/ws/endpoint) with its WebSocket server once startLongConnection() ran. Responses to
 * sends can be scripted (a 429, then a 200).
 */
export class FakeFeishu {
  readonly calls: Recorded[] = [];
  /** Queued responses for the next sends; when empty, sends succeed. */
  readonly script: Scripted[] = [];
  /** Delay before answering a send, to keep it in flight (shutdown tests). */
  delayMs = 0;
  /** Files of file messages, by file_key, for the resource download. */
  readonly files = new Map<string, Uint8Array>();
  /** The bot's open_id, as bot/v3/info answers it; events mention the bot by it. */
  botOpenId = 'ou_bot';
  /** bot/v3/info's answers, used one per call before the normal one (an outage, a refusal). */
  readonly botInfoScript: Scripted[] = [];
  /**
   * What /callback/ws/endpoint answers for a wrong App Secret. A live probe with a bogus pair was
   * seen to get code 1000040343, which the SDK takes for "retry later" (see README).
   */
  wrongSecretEndpoint = { code: 1000040343, msg: 'system busy' };
  /** An answer the endpoint gives whatever the secret (a refusal the SDK does not retry, say). */
  endpointRefusal?: { code: number; msg: string };
  /** The long-connection server, once startLongConnection() ran. */
  ws?: FakeFeishuSocketServer;
  private close?: () => Promise<void>;
  url = '';

  /** Calls of one path (the query left off). */
  callsTo(path: string): Recorded[] {
    return this.calls.filter((c) => c.path.split('?')[0] === path);
  }

  /** Starts the WebSocket server the endpoint hands out. */
  async startLongConnection(): Promise<FakeFeishuSocketServer> {
    this.ws = new FakeFeishuSocketServer();
    await this.ws.start();
    return this.ws;
  }

  get sends(): Recorded[] {
    return this.calls.filter((c) => c.path.startsWith('/open-apis/im/v1/messages') && this.accepted.has(c));
  }
  private readonly accepted = new Set<Recorded>();

  /** Cards of successful sends, parsed. */
  get cards(): Record<string, unknown>[] {
    return this.sends.map((s) => JSON.parse(String(s.body.content)) as Record<string, unknown>);
  }

  async start(): Promise<string> {
    const server = await listenOnLoopback((req, text, res) => {
      const call: Recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      this.calls.push(call);
      if (call.path === '/open-apis/auth/v3/tenant_access_token/internal') {
        if (call.body.app_secret !== FAKE_APP_SECRET) return sendJson(res, 200, { code: 10014, msg: 'app secret invalid' });
        return sendJson(res, 200, { code: 0, msg: 'ok', tenant_access_token: 't-fake-token', expire: 7200 });
      }
      if (call.path === '/open-apis/bot/v3/info') {
        if (req.headers.authorization !== 'Bearer t-fake-token') return sendJson(res, 401, { code: 99991663, msg: 'invalid access token' });
        const next = this.botInfoScript.shift();
        if (next) return sendJson(res, next.status, next.body, next.headers);
        return sendJson(res, 200, { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: 'factbot', avatar_url: '', ip_white_list: [], open_id: this.botOpenId } });
      }
      if (call.path === '/callback/ws/endpoint') {
        if (!this.ws) return sendJson(res, 404, { code: 404, msg: 'not found' });
        if (this.endpointRefusal) return sendJson(res, 200, { ...this.endpointRefusal, data: {} });
        if (call.body.AppSecret !== FAKE_APP_SECRET) return sendJson(res, 200, { ...this.wrongSecretEndpoint, data: {} });
        return sendJson(res, 200, { code: 0, msg: 'ok', data: { URL: this.ws.url, ClientConfig: this.ws.clientConfig } });
      }
      const resource = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/?]+)\?type=file$/.exec(call.path);
      if (resource) {
        if (req.headers.authorization !== 'Bearer t-fake-token') return sendJson(res, 401, { code: 99991663, msg: 'invalid access token' });
        const file = this.files.get(decodeURIComponent(resource[2]!));
        if (!file) return sendJson(res, 400, { code: 234003, msg: 'file not found in message' });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.length) });
        return void res.end(file);
      }
      if (call.path.startsWith('/open-apis/im/v1/messages')) {
        if (req.headers.authorization !== 'Bearer t-fake-token') return sendJson(res, 401, { code: 99991663, msg: 'invalid access token' });
        const next = this.script.shift();
        if (next) return sendJson(res, next.status, next.body, next.headers);
        const answer = () => {
          this.accepted.add(call);
          sendJson(res, 200, { code: 0, msg: 'success', data: { message_id: `om_reply_${this.calls.length}` } });
        };
        if (this.delayMs) return void setTimeout(answer, this.delayMs);
        return answer();
      }
      sendJson(res, 404, { code: 404, msg: 'not found' });
    });
    this.close = server.close;
    this.url = server.url;
    return this.url;
  }

  async stop(): Promise<void> {
    await this.ws?.stop();
    await this.close?.();
  }
}
