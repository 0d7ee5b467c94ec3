import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

type Scripted = { status: number; headers?: Record<string, string>; body: unknown };

/**
 * Feishu's open API as far as the bot uses it, on loopback: the tenant token, replying to a
 * message, creating a message. Responses to sends can be scripted (a 429, then a 200).
 */
export class FakeFeishu {
  readonly calls: Recorded[] = [];
  /** Queued responses for the next sends; when empty, sends succeed. */
  readonly script: Scripted[] = [];
  private server?: Server;
  url = '';

  get sends(): Recorded[] {
    return this.calls.filter((c) => c.path.startsWith('/open-apis/im/v1/messages') && this.accepted.has(c));
  }
  private readonly accepted = new Set<Recorded>();

  /** Cards of successful sends, parsed. */
  get cards(): Record<string, unknown>[] {
    return this.sends.map((s) => JSON.parse(String(s.body.content)) as Record<string, unknown>);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const call: Recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
        this.calls.push(call);
        const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        };
        if (call.path === '/open-apis/auth/v3/tenant_access_token/internal') {
          if (call.body.app_secret !== 'test-secret') return json(200, { code: 10014, msg: 'app secret invalid' });
          return json(200, { code: 0, msg: 'ok', tenant_access_token: 't-fake-token', expire: 7200 });
        }
        if (call.path.startsWith('/open-apis/im/v1/messages')) {
          if (req.headers.authorization !== 'Bearer t-fake-token') return json(401, { code: 99991663, msg: 'invalid access token' });
          const next = this.script.shift();
          if (next) return json(next.status, next.body, next.headers);
          this.accepted.add(call);
          return json(200, { code: 0, msg: 'success', data: { message_id: `om_reply_${this.calls.length}` } });
        }
        json(404, { code: 404, msg: 'not found' });
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}
