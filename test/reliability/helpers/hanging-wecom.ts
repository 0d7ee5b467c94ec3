import type { ServerResponse } from 'node:http';
import { listenOnLoopback, sendJson } from '../../helpers/loopback.js';

/**
 * WeCom group robot webhooks on loopback whose answers can be held back. A message counts as
 * posted in the group when its request arrives (as with WeCom, which posts and then answers); a
 * key in `hangNext` gets its next request posted and left without an answer, as when the sender
 * is killed or the network drops while waiting.
 */
export class HangingWeCom {
  readonly posted: { key: string; body: Record<string, unknown>; at: number }[] = [];
  readonly hangNext = new Set<string>();
  private readonly hung = new Set<ServerResponse>();
  private close?: () => Promise<void>;
  url = '';

  postedTo(key: string): number {
    return this.posted.filter((p) => p.key === key).length;
  }

  async start(): Promise<string> {
    const server = await listenOnLoopback((req, text, res) => {
      const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
      this.posted.push({ key, body: JSON.parse(text || '{}') as Record<string, unknown>, at: Date.now() });
      if (this.hangNext.delete(key)) {
        this.hung.add(res);
        return;
      }
      sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
    });
    this.close = server.close;
    this.url = server.url;
    return this.url;
  }

  /** Drops every held request's connection. */
  release(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  async stop(): Promise<void> {
    this.release();
    await this.close?.();
  }
}
