import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, sendJson } from '../../helpers/loopback.js';

/**
 * What the fake does with one send attempt. Faults are queued per message (the message_id of a
 * reply, the receive_id of a create) and used up one per attempt; when a message has no fault left
 * the send succeeds.
 */
export type Fault =
  /** A JSON answer with this status (a 5xx, a 429 with x-ogw-ratelimit-reset, a 200 with a code). */
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  /** Bytes that are not the JSON the API speaks: an HTML error page, a truncated body. */
  | { kind: 'raw'; status: number; contentType: string; body: string }
  /** The connection drops before the message is taken: nothing delivered. */
  | { kind: 'drop' }
  /** The message is taken, then the connection drops before the answer (a timeout after the fact). */
  | { kind: 'take-then-drop' }
  /** The answer comes after `ms`: the message is taken when it does. */
  | { kind: 'slow'; ms: number }
  /** No answer until the test lets go (release()); then the connection drops. */
  | { kind: 'hang' }
  /** The message is taken, but the answer never comes (until release()). */
  | { kind: 'take-then-hang' };

export interface Attempt {
  key: string;
  uuid: string;
  fault: Fault['kind'] | 'ok';
  at: number;
}

const REPLY = /^\/open-apis\/im\/v1\/messages\/([^/?]+)\/reply$/;
const CREATE = /^\/open-apis\/im\/v1\/messages\?receive_id_type=/;

/**
 * Feishu's open API on loopback with faults: the tenant token, replying, creating. Like the real
 * API it honours the idempotency `uuid`: a second send with a uuid already taken delivers nothing
 * new. It counts, per message, every attempt and every delivery.
 */
export class FaultyFeishu {
  readonly attempts: Attempt[] = [];
  /** Messages actually posted into chats: one entry per (key, uuid) taken. */
  readonly delivered: { key: string; uuid: string; body: Record<string, unknown> }[] = [];
  /** Posts taken, counting repeats of a uuid that Feishu would have folded into one. */
  rawTaken = 0;
  /** Faults for the tenant-token endpoint, used one per token request. */
  readonly tokenFaults: Fault[] = [];
  tokenRequests = 0;
  /** Hung requests the client gave up on (closed the connection) before the fake answered. */
  abandoned = 0;
  private readonly faults = new Map<string, Fault[]>();
  private readonly hung = new Set<ServerResponse>();
  private readonly taken = new Set<string>();
  private close?: () => Promise<void>;
  url = '';

  /** Queues faults for the sends of one message (reply: its message_id; create: the receive_id). */
  inject(key: string, ...faults: Fault[]): void {
    this.faults.set(key, [...(this.faults.get(key) ?? []), ...faults]);
  }

  attemptsFor(key: string): Attempt[] {
    return this.attempts.filter((a) => a.key === key);
  }

  deliveriesFor(key: string): number {
    return this.delivered.filter((d) => d.key === key).length;
  }

  /** Lets every hung request go: its connection is dropped, as a timeout would. */
  release(): void {
    const hung = [...this.hung];
    this.hung.clear();
    for (const res of hung) res.socket?.destroy();
  }

  get hanging(): number {
    return this.hung.size;
  }

  async start(): Promise<string> {
    const server = await listenOnLoopback((req, text, res) => this.handle(req, text, res));
    this.close = server.close;
    this.url = server.url;
    return this.url;
  }

  async stop(): Promise<void> {
    this.release();
    await this.close?.();
  }

  private handle(req: IncomingMessage, text: string, res: ServerResponse): void {
    const path = req.url ?? '';
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return sendJson(res, 400, { code: 9499, msg: 'bad json' });
    }
    if (path === '/open-apis/auth/v3/tenant_access_token/internal') {
      this.tokenRequests++;
      const fault = this.tokenFaults.shift();
      if (fault) return this.fail(fault, res, () => undefined);
      if (body.app_secret !== 'test-secret') return sendJson(res, 200, { code: 10014, msg: 'app secret invalid' });
      return sendJson(res, 200, { code: 0, msg: 'ok', tenant_access_token: 't-fake-token', expire: 7200 });
    }
    // The bot's own open_id, read at start: the events mention the bot as ou_bot.
    if (path === '/open-apis/bot/v3/info') return sendJson(res, 200, { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: 'factbot', open_id: 'ou_bot' } });
    const reply = REPLY.exec(path);
    if (!reply && !CREATE.test(path)) return sendJson(res, 404, { code: 404, msg: 'not found' });
    if (req.headers.authorization !== 'Bearer t-fake-token') return sendJson(res, 401, { code: 99991663, msg: 'invalid access token' });
    const key = reply ? decodeURIComponent(reply[1]!) : String(body.receive_id);
    const uuid = String(body.uuid ?? '');
    const fault = this.faults.get(key)?.shift();
    this.attempts.push({ key, uuid, fault: fault?.kind ?? 'ok', at: Date.now() });
    const take = () => {
      this.rawTaken++;
      const id = `${key}\u0000${uuid}`;
      if (uuid && this.taken.has(id)) return;
      this.taken.add(id);
      this.delivered.push({ key, uuid, body });
    };
    if (!fault) {
      take();
      return sendJson(res, 200, { code: 0, msg: 'success', data: { message_id: `om_reply_${this.attempts.length}` } });
    }
    this.fail(fault, res, take);
  }

  private fail(fault: Fault, res: ServerResponse, take: () => void): void {
    switch (fault.kind) {
      case 'json':
        return sendJson(res, fault.status, fault.body, fault.headers);
      case 'raw':
        res.writeHead(fault.status, { 'content-type': fault.contentType });
        return void res.end(fault.body);
      case 'drop':
        return void res.socket?.destroy();
      case 'take-then-drop':
        take();
        return void res.socket?.destroy();
      case 'slow':
        return void setTimeout(() => {
          take();
          sendJson(res, 200, { code: 0, msg: 'success', data: { message_id: 'om_slow' } });
        }, fault.ms);
      case 'take-then-hang':
        take();
      // falls through
      case 'hang':
        this.hung.add(res);
        res.on('close', () => {
          if (this.hung.delete(res)) this.abandoned++;
        });
        return;
    }
  }
}
