import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/**
 * Feishu's long-connection server on loopback, as `@larksuiteoapi/node-sdk`'s WSClient speaks to it
 * (read from the SDK 1.74 source, lib/index.js: WSClient, pbbp2.Frame):
 *
 * 1. the client POSTs {AppID, AppSecret} to `<domain>/callback/ws/endpoint` and gets
 *    `{code: 0, data: {URL, ClientConfig: {PingInterval, ReconnectCount, ReconnectInterval, ReconnectNonce}}}`
 *    (seconds); that part is FakeFeishu's (fake-feishu.ts), this server gives it the URL and config;
 * 2. it opens a WebSocket to URL; `service_id` in its query is put in the frames it sends;
 * 3. every message either way is one binary protobuf `pbbp2.Frame`. method 0 is control: the client
 *    pings (header type=ping) on open and every PingInterval, the server answers type=pong with the
 *    ClientConfig as JSON payload. method 1 is data: the server sends type=event with message_id,
 *    sum, seq (an event may come in `sum` parts) and trace_id, the payload the event JSON; the client
 *    answers with the same frame, a biz_rt header added and the payload `{"code":200}` (500 when its
 *    handler threw).
 */

// ---- pbbp2.Frame, by hand: field 1 SeqID, 2 LogID, 3 service, 4 method (varints), 5 headers
// (Header: 1 key, 2 value), 6 payloadEncoding, 7 payloadType, 8 payload, 9 LogIDNew. ------------

export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

function field(no: number, bytes: Uint8Array): number[] {
  return [...varint((no << 3) | 2), ...varint(bytes.length), ...bytes];
}

export function encodeFrame(f: Frame): Uint8Array {
  const enc = new TextEncoder();
  const out: number[] = [...varint(1 << 3), ...varint(f.SeqID), ...varint(2 << 3), ...varint(f.LogID), ...varint(3 << 3), ...varint(f.service), ...varint(4 << 3), ...varint(f.method)];
  for (const h of f.headers) out.push(...field(5, new Uint8Array([...field(1, enc.encode(h.key)), ...field(2, enc.encode(h.value))])));
  if (f.payload) out.push(...field(8, f.payload));
  return new Uint8Array(out);
}

/** Reads the fields the SDK writes; others are skipped by their wire type. */
export function decodeFrame(buf: Uint8Array): Frame {
  const dec = new TextDecoder();
  const read = (b: Uint8Array, each: (no: number, value: number | Uint8Array) => void) => {
    let i = 0;
    const next = (): number => {
      let v = 0;
      let mul = 1;
      for (;;) {
        const byte = b[i++];
        if (byte === undefined) throw new Error('truncated frame');
        v += (byte & 0x7f) * mul;
        mul *= 0x80;
        if (byte < 0x80) return v;
      }
    };
    while (i < b.length) {
      const tag = next();
      const no = Math.floor(tag / 8);
      const type = tag & 7;
      if (type === 0) each(no, next());
      else if (type === 2) {
        const len = next();
        each(no, b.subarray(i, i + len));
        i += len;
      } else if (type === 1) i += 8;
      else if (type === 5) i += 4;
      else throw new Error(`wire type ${type} in a frame`);
    }
  };
  const f: Frame = { SeqID: 0, LogID: 0, service: 0, method: 0, headers: [] };
  read(buf, (no, v) => {
    if (typeof v === 'number') {
      if (no === 1) f.SeqID = v;
      else if (no === 2) f.LogID = v;
      else if (no === 3) f.service = v;
      else if (no === 4) f.method = v;
    } else if (no === 5) {
      const h = { key: '', value: '' };
      read(v, (n, x) => {
        if (n === 1 && typeof x !== 'number') h.key = dec.decode(x);
        if (n === 2 && typeof x !== 'number') h.value = dec.decode(x);
      });
      f.headers.push(h);
    } else if (no === 8) f.payload = v.slice();
  });
  return f;
}

const header = (f: Frame, key: string) => f.headers.find((h) => h.key === key)?.value;

// ---- the `ws` package the SDK itself uses, resolved from the SDK (no @types/ws here). ---------------

interface WsSocket {
  on(event: 'message', cb: (data: Buffer) => void): void;
  on(event: 'close', cb: () => void): void;
  send(data: Uint8Array): void;
  close(code?: number): void;
  terminate(): void;
}
interface WsServer {
  on(event: 'connection', cb: (socket: WsSocket, req: IncomingMessage) => void): void;
  on(event: 'listening', cb: () => void): void;
  address(): AddressInfo | string;
  close(cb?: () => void): void;
}
const sdkRequire = createRequire(createRequire(import.meta.url).resolve('@larksuiteoapi/node-sdk'));
const { WebSocketServer } = sdkRequire('ws') as { WebSocketServer: new (opts: { host: string; port: number }) => WsServer };

/** What a connection did, for tests to wait on. */
interface Conn {
  socket: WsSocket;
  pings: number;
  closed: boolean;
}

export interface Ack {
  messageId: string;
  /** The code in the client's answer: 200 handled, 500 its handler threw. */
  code: number;
}

/** ClientConfig, in seconds, as the endpoint gives it and every pong repeats it. */
export interface ClientConfig {
  PingInterval: number;
  ReconnectCount: number;
  ReconnectInterval: number;
  ReconnectNonce: number;
}

export class FakeFeishuSocketServer {
  /** Feishu's own values (the SDK's defaults) but a reconnect at once: tests wait on events, not on clocks. */
  clientConfig: ClientConfig = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 0 };
  readonly serviceId = 7;
  readonly connections: Conn[] = [];
  readonly acks: Ack[] = [];
  private server?: WsServer;
  private port = 0;
  private seq = 0;
  private waiters: (() => void)[] = [];

  /** The URL the endpoint hands out (device_id and service_id in its query, as Feishu's). */
  get url(): string {
    return `ws://127.0.0.1:${this.port}/ws?device_id=dev_${this.port}&service_id=${this.serviceId}`;
  }

  async start(): Promise<void> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => server.on('listening', () => r()));
    const addr = server.address();
    this.port = typeof addr === 'object' ? addr.port : 0;
    server.on('connection', (socket) => {
      const conn: Conn = { socket, pings: 0, closed: false };
      this.connections.push(conn);
      socket.on('close', () => {
        conn.closed = true;
        this.wake();
      });
      socket.on('message', (data) => this.receive(conn, new Uint8Array(data)));
      this.wake();
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    for (const c of this.connections) c.socket.terminate();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The connection the client uses now: the newest one still open. */
  private get current(): Conn | undefined {
    return [...this.connections].reverse().find((c) => !c.closed);
  }

  /**
   * Resolves once `count` connections have been opened and the newest has pinged: the client pings
   * from its `open` handler, after which its message handler is in place.
   */
  async ready(count = 1): Promise<void> {
    await this.until(() => this.connections.length >= count && (this.current?.pings ?? 0) > 0);
  }

  /** Closes every open socket from the server's side (a server restart, a load balancer's cut). */
  dropAll(): void {
    for (const c of this.connections) if (!c.closed) c.socket.close(1001);
  }

  /**
   * Sends an event (the v2 envelope Feishu pushes), in `parts` frames, and resolves with the
   * client's acknowledgement of it.
   */
  async sendEvent(event: Record<string, unknown>, parts = 1): Promise<Ack> {
    const conn = this.current;
    if (!conn) throw new Error('no open long connection to send the event on');
    const messageId = `ws_msg_${++this.seq}_${randomBytes(3).toString('hex')}`;
    const bytes = new TextEncoder().encode(JSON.stringify(event));
    const size = Math.ceil(bytes.length / parts);
    for (let i = 0; i < parts; i++) {
      conn.socket.send(
        encodeFrame({
          SeqID: this.seq,
          LogID: this.seq,
          service: this.serviceId,
          method: 1,
          headers: [
            { key: 'type', value: 'event' },
            { key: 'message_id', value: messageId },
            { key: 'sum', value: String(parts) },
            { key: 'seq', value: String(i) },
            { key: 'trace_id', value: `trace_${messageId}` },
          ],
          payload: bytes.subarray(i * size, (i + 1) * size),
        }),
      );
    }
    await this.until(() => this.acks.some((a) => a.messageId === messageId));
    return this.acks.find((a) => a.messageId === messageId)!;
  }

  private receive(conn: Conn, data: Uint8Array): void {
    const f = decodeFrame(data);
    if (f.method === 0 && header(f, 'type') === 'ping') {
      conn.pings++;
      conn.socket.send(
        encodeFrame({ SeqID: 0, LogID: 0, service: this.serviceId, method: 0, headers: [{ key: 'type', value: 'pong' }], payload: new TextEncoder().encode(JSON.stringify(this.clientConfig)) }),
      );
    } else if (f.method === 1) {
      const body = JSON.parse(new TextDecoder().decode(f.payload ?? new Uint8Array())) as { code?: number };
      this.acks.push({ messageId: header(f, 'message_id') ?? '', code: Number(body.code) });
    }
    this.wake();
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  /** Waits (on socket events, not on a clock) until `cond` holds; the test's timeout bounds it. */
  private async until(cond: () => boolean): Promise<void> {
    while (!cond()) await new Promise<void>((r) => this.waiters.push(r));
  }
}
