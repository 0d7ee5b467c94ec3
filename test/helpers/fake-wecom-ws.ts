import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** A frame as the intelligent robot's long connection carries it (JSON text). */
export interface AibotFrame {
  cmd?: string;
  headers: { req_id: string };
  body?: Record<string, unknown>;
  errcode?: number;
  errmsg?: string;
}

/** One WebSocket connection from the SDK: its socket and whether it subscribed with good credentials. */
interface Conn {
  socket: Socket;
  authenticated: boolean;
  buffer: Buffer;
  /** Fragments of a message split over several frames. */
  fragments: Buffer[];
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * WeCom's intelligent-robot long connection on 127.0.0.1 (智能机器人长连接,
 * https://developer.work.weixin.qq.com/document/path/101463), for @wecom/aibot-node-sdk through
 * its `wsUrl`: a WebSocket server (RFC 6455, on node:http's upgrade) speaking the SDK's frames.
 * - `aibot_subscribe` with the bot id and secret: `{ headers, errcode: 0, errmsg: "ok" }`, or a
 *   refusal (errcode 40001) for other credentials;
 * - `ping`: acknowledged the same way;
 * - `aibot_respond_msg` / `aibot_send_msg`: recorded in `replies`, acknowledged, or refused with
 *   the errcode `refuse` returns for it;
 * - `message()` pushes an `aibot_msg_callback` with a req_id to the subscribed connection.
 */
export class FakeWeComWs {
  url = '';
  /** Every connection the SDK opened, in order. */
  readonly conns: Conn[] = [];
  /** Subscribe requests, with whether their credentials were right. */
  readonly subscribes: { botId: unknown; ok: boolean }[] = [];
  /** Replies and pushes the bot sent (aibot_respond_msg, aibot_send_msg …). */
  readonly replies: AibotFrame[] = [];
  pings = 0;
  /** A refusal for a reply: WeCom's errcode and errmsg, or undefined to acknowledge it. */
  refuse: (frame: AibotFrame) => { errcode: number; errmsg: string } | undefined = () => undefined;
  private server?: Server;
  private seq = 0;

  constructor(
    readonly botId: string,
    readonly secret: string,
  ) {}

  async start(): Promise<string> {
    const server = createServer((_req, res) => res.writeHead(426).end('WebSocket only'));
    server.on('upgrade', (req, socket: Socket, head: Buffer) => {
      const key = req.headers['sec-websocket-key'];
      if (typeof key !== 'string') return void socket.destroy();
      const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
      // No Sec-WebSocket-Extensions in the answer: the client sends uncompressed frames.
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      const conn: Conn = { socket, authenticated: false, buffer: Buffer.alloc(0), fragments: [] };
      this.conns.push(conn);
      socket.on('data', (chunk: Buffer) => this.read(conn, chunk));
      socket.on('error', () => socket.destroy());
      if (head.length) this.read(conn, head);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    this.server = server;
    const addr = server.address();
    this.url = `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const c of this.conns) c.socket.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The connection subscribed last and still open. */
  live(): Conn | undefined {
    return [...this.conns].reverse().find((c) => c.authenticated && !c.socket.destroyed);
  }

  /** Pushes a message callback to the subscribed connection (waiting for one); returns its req_id. */
  async message(body: Record<string, unknown>, reqId = `req_${++this.seq}_${randomBytes(3).toString('hex')}`): Promise<string> {
    await until(() => this.live() !== undefined, 'a subscribed connection');
    this.send(this.live()!, { cmd: 'aibot_msg_callback', headers: { req_id: reqId }, body });
    return reqId;
  }

  /** Closes the subscribed connection from the server side, with a close frame (1001, going away). */
  closeLive(): void {
    const conn = this.live();
    if (!conn) throw new Error('no subscribed connection to close');
    conn.authenticated = false;
    const code = Buffer.alloc(2);
    code.writeUInt16BE(1001);
    conn.socket.write(frame(0x8, code));
    conn.socket.end();
  }

  /** The replies sent on one req_id. */
  repliesTo(reqId: string): AibotFrame[] {
    return this.replies.filter((f) => f.headers.req_id === reqId);
  }

  private send(conn: Conn, f: AibotFrame): void {
    conn.socket.write(frame(0x1, Buffer.from(JSON.stringify(f), 'utf8')));
  }

  /** Reads the client's frames (masked, as RFC 6455 requires of clients), whole or in pieces. */
  private read(conn: Conn, chunk: Buffer): void {
    conn.buffer = Buffer.concat([conn.buffer, chunk]);
    for (;;) {
      const b = conn.buffer;
      if (b.length < 2) return;
      const fin = (b[0]! & 0x80) !== 0;
      const opcode = b[0]! & 0x0f;
      const masked = (b[1]! & 0x80) !== 0;
      let len = b[1]! & 0x7f;
      let at = 2;
      if (len === 126) {
        if (b.length < 4) return;
        len = b.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (b.length < 10) return;
        len = Number(b.readBigUInt64BE(2));
        at = 10;
      }
      const mask = masked ? b.subarray(at, at + 4) : undefined;
      if (masked) at += 4;
      if (b.length < at + len) return;
      const payload = Buffer.from(b.subarray(at, at + len));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
      conn.buffer = b.subarray(at + len);
      switch (opcode) {
        case 0x0:
        case 0x1:
        case 0x2:
          conn.fragments.push(payload);
          if (fin) {
            const text = Buffer.concat(conn.fragments).toString('utf8');
            conn.fragments = [];
            this.onFrame(conn, JSON.parse(text) as AibotFrame);
          }
          break;
        case 0x8: // close: answer it and end
          conn.authenticated = false;
          if (!conn.socket.destroyed) conn.socket.end(frame(0x8, payload.subarray(0, 2)));
          return;
        case 0x9: // a WebSocket-level ping
          conn.socket.write(frame(0xa, payload));
          break;
      }
    }
  }

  private onFrame(conn: Conn, f: AibotFrame): void {
    const ack = (errcode = 0, errmsg = 'ok') => this.send(conn, { headers: { req_id: f.headers.req_id }, errcode, errmsg });
    switch (f.cmd) {
      case 'aibot_subscribe': {
        const ok = f.body?.bot_id === this.botId && f.body?.secret === this.secret;
        this.subscribes.push({ botId: f.body?.bot_id, ok });
        conn.authenticated = ok;
        return ok ? ack() : ack(40001, 'invalid secret');
      }
      case 'ping':
        this.pings++;
        return ack();
      default: {
        if (!conn.authenticated) return ack(40001, 'not subscribed');
        this.replies.push(f);
        const refusal = this.refuse(f);
        return refusal ? ack(refusal.errcode, refusal.errmsg) : ack();
      }
    }
  }
}

/** A server frame (never masked), final, with the payload's length in the short or long form. */
function frame(opcode: number, payload: Buffer): Buffer {
  const head = payload.length < 126 ? Buffer.from([0x80 | opcode, payload.length]) : payload.length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (payload.length >= 126 && payload.length < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(payload.length, 2);
  } else if (payload.length >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  return Buffer.concat([head, payload]);
}

/**
 * Waits until `done()` holds, checking every few milliseconds; fails naming what it waited for
 * if that never happens (no assertion on how long it took).
 */
export async function until(done: () => boolean | Promise<boolean>, what: string, giveUpMs = 15_000): Promise<void> {
  const stop = Date.now() + giveUpMs;
  while (!(await done())) {
    if (Date.now() > stop) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
