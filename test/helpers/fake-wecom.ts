import { listenOnLoopback, sendJson } from './loopback.js';

export interface WeComCall {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

/** WeCom on loopback: group robot webhooks and response_url endpoints. */
export class FakeWeCom {
  readonly calls: WeComCall[] = [];
  private close?: () => Promise<void>;
  url = '';
  now: () => number = Date.now;

  webhook(key: string): WeComCall[] {
    return this.calls.filter((c) => c.path === `/cgi-bin/webhook/send?key=${key}`);
  }

  responses(): WeComCall[] {
    return this.calls.filter((c) => c.path.startsWith('/aibot/response/'));
  }

  async start(): Promise<string> {
    const server = await listenOnLoopback((req, text, res) => {
      const path = req.url ?? '';
      if (path.includes('key=invalid')) return sendJson(res, 200, { errcode: 93000, errmsg: 'invalid webhook url' });
      this.calls.push({ path, body: JSON.parse(text || '{}') as Record<string, unknown>, at: this.now() });
      sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
    });
    this.close = server.close;
    this.url = server.url;
    return this.url;
  }

  async stop(): Promise<void> {
    await this.close?.();
  }
}
