import { createServer, type Server } from 'node:http';

export interface WeComCall {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

/** WeCom on loopback: group robot webhooks and response_url endpoints. */
export class FakeWeCom {
  readonly calls: WeComCall[] = [];
  private server?: Server;
  url = '';
  now: () => number = Date.now;

  webhook(key: string): WeComCall[] {
    return this.calls.filter((c) => c.path === `/cgi-bin/webhook/send?key=${key}`);
  }

  responses(): WeComCall[] {
    return this.calls.filter((c) => c.path.startsWith('/aibot/response/'));
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        const reply = (body: unknown) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (path.includes('key=invalid')) return reply({ errcode: 93000, errmsg: 'invalid webhook url' });
        this.calls.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>, at: this.now() });
        reply({ errcode: 0, errmsg: 'ok' });
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
