import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Channel, HttpAnswer } from '../platforms/channel.js';

export interface AppDeps {
  log: Logger;
  maxBodyBytes: number;
  /** Channels served over HTTP, by path: POST /feishu/events → the Feishu channel. */
  routes: ChannelRoute[];
  /** Runs after the platform has its answer; the server tracks it for shutdown. */
  background: (work: () => Promise<void>) => void;
  status: () => Record<string, unknown>;
}

export interface ChannelRoute {
  path: string;
  channel: Channel<unknown, unknown, unknown>;
  /** Also answer GET (URL verification). */
  get?: boolean;
}

/** The express glue: raw bodies in, the channel's answer out. It holds no platform logic. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/', (_req, res) => {
    res.json(deps.status());
  });

  for (const { path, channel, get } of deps.routes) {
    const handler = async (req: Request, res: Response) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const { answer, after } = await channel.receive({ method: req.method, raw, headers: req.headers, query: req.query as Record<string, unknown> });
      send(res, answer);
      if (after) deps.background(after);
    };
    app.post(path, express.raw({ type: () => true, limit: deps.maxBodyBytes }), handler);
    // WeCom checks its callback URL with a GET.
    if (get) app.get(path, handler);
  }

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // Body-parser errors carry a status: 413 for an oversized body, 400 for a broken one.
  app.use((err: { status?: number; type?: string; message?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const error = err.type === 'entity.too.large' ? `body over ${deps.maxBodyBytes} bytes` : status === 500 ? 'internal error' : (err.message ?? 'bad request');
    deps.log[status === 500 ? 'error' : 'warn']({ path: req.path, status, err: err.message }, 'request failed');
    res.status(status).json({ error });
  });
  return app;
}

function send(res: Response, a: HttpAnswer): void {
  res.status(a.status);
  if (typeof a.body === 'string') res.type(a.contentType ?? 'text/plain').send(a.body);
  else res.json(a.body);
}
