import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import helmet from 'helmet';
import type { Metrics } from './metrics.js';
import type { Logger } from 'pino';
import type { Channel, HttpAnswer } from '../platforms/channel.js';

export interface AppDeps {
  log: Logger;
  metrics?: Metrics;
  /** True once facts are loaded (and, with Redis, the state answers). */
  ready?: () => Promise<boolean>;
  maxBodyBytes: number;
  /** Channels served over HTTP, by path: POST /feishu/events → the Feishu channel. */
  routes: ChannelRoute[];
  /** Runs after the platform has its answer; the server tracks it for shutdown. */
  background: (work: () => Promise<void>) => void;
  status: () => Record<string, unknown>;
  /** True once shutdown began: platform deliveries get 503 so they go to another replica or retry. */
  draining?: () => boolean;
  /** The page, its API and /metrics, when they are served on the public port too (WEB_ON_PUBLIC_PORT). */
  web?: express.Express;
}

export interface WebDeps {
  log: Logger;
  /** JSON for the local page and scripts, mounted at /api. */
  api?: Router;
  /** The admin endpoints of the local page (/api/admin), behind ADMIN_TOKEN. */
  adminApi?: Router;
  metrics?: Metrics;
  status: () => Record<string, unknown>;
  /** Host names the page answers to (WEB_ALLOWED_HOSTS): any other Host header is refused. */
  allowedHosts: readonly string[];
}

export interface ChannelRoute {
  path: string;
  channel: Channel<unknown, unknown, unknown>;
  /** Also answer GET (URL verification). */
  get?: boolean;
}

const PUBLIC_DIR = fileURLToPath(new URL('../web/public/', import.meta.url));

/**
 * The webhook server: health, readiness and the platforms' callbacks, raw bodies in and the
 * channel's answer out. It holds no platform logic, and no page or API unless `web` is given.
 */
export function createApp(deps: AppDeps): express.Express {
  const app = baseApp(deps.log);
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = deps.ready ? await deps.ready().catch(() => false) : true;
    res.status(ready ? 200 : 503).json({ ready, ...deps.status() });
  });

  for (const { path, channel, get } of deps.routes) {
    const handler = async (req: Request, res: Response) => {
      if (deps.draining?.()) {
        res.setHeader('connection', 'close');
        return void res.status(503).json({ error: 'shutting down' });
      }
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const { answer, after } = await channel.receive({ method: req.method, raw, headers: req.headers, query: req.query as Record<string, unknown> });
      if (answer.status >= 400) deps.metrics?.refused.inc({ platform: channel.adapter.platform, status: String(answer.status) });
      send(res, answer);
      if (after) deps.background(after);
    };
    // Refused before the body is read while the answer queue is full: a flood costs little then.
    const whenBusy = (_req: Request, res: Response, next: NextFunction) => {
      const refused = channel.refuseIfBusy();
      if (!refused) return next();
      deps.metrics?.refused.inc({ platform: channel.adapter.platform, status: String(refused.status) });
      send(res, refused);
    };
    app.post(path, whenBusy, express.raw({ type: () => true, limit: deps.maxBodyBytes }), handler);
    // WeCom checks its callback URL with a GET.
    if (get) app.get(path, handler);
  }
  if (deps.web) app.use(deps.web);
  return finish(app, deps.log, (req, status) => {
    const route = deps.routes.find((r) => r.path === req.path);
    if (route) deps.metrics?.refused.inc({ platform: route.channel.adapter.platform, status: String(status) });
  });
}

/**
 * The local page, its JSON API, /status and /metrics: served on their own listener (127.0.0.1 by
 * default), answering only to the allowed Host names (against DNS rebinding), with a strict
 * content security policy and no framing.
 */
export function createWebApp(deps: WebDeps): express.Express {
  const app = baseApp(deps.log);
  const allowed = new Set(deps.allowedHosts.map((h) => h.toLowerCase()));
  app.use((req, res, next) => {
    const host = hostName(req.headers.host);
    if (host && allowed.has(host)) return next();
    res.status(421).json({ error: `host ${JSON.stringify(req.headers.host ?? '')} is not one this page answers to; add it to WEB_ALLOWED_HOSTS` });
  });
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: true, directives: { 'style-src': ["'self'"], 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null } },
      frameguard: { action: 'deny' },
      // Plain HTTP on a local port: no HSTS, which would pin the host to HTTPS.
      strictTransportSecurity: false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  if (deps.metrics) {
    const registry = deps.metrics.registry;
    app.get('/metrics', async (_req, res) => {
      res.type(registry.contentType).send(await registry.metrics());
    });
  }
  app.get('/status', (_req, res) => {
    res.json(deps.status());
  });
  // Before the public API: its JSON body parser must not read an uploaded report.
  if (deps.adminApi) app.use('/api/admin', deps.adminApi);
  if (deps.api) app.use('/api', deps.api);
  // The local page: plain files, no build step; /reports/<file> opens a report in it.
  app.use(express.static(PUBLIC_DIR, { index: 'index.html', maxAge: '5m' }));
  app.get('/reports/:file', (_req, res) => {
    res.sendFile('index.html', { root: PUBLIC_DIR });
  });
  return finish(app, deps.log);
}

/** The Host header's name without its port: 127.0.0.1:3001 → 127.0.0.1, [::1]:3001 → [::1]. */
export function hostName(header: string | undefined): string | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:\s]+)(?::\d{1,5})?$/i.exec(header?.trim() ?? '');
  return m?.[1]?.toLowerCase();
}

function baseApp(log: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // A request id for every request, from the caller's X-Request-Id or made here; logs carry it.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', id);
    // Made when first used: a child logger per delivery is a cost on every acknowledgement.
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { get: () => (child ??= log.child({ reqId: id })), configurable: true });
    next();
  });
  app.use((_req, res, next) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    next();
  });
  return app;
}

function finish(app: express.Express, log: Logger, onError?: (req: Request, status: number) => void): express.Express {
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // Body-parser errors carry a status: 413 for an oversized body, 400 for a broken one.
  app.use((err: { status?: number; type?: string; message?: string; limit?: number }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    // Each route's parser has its own limit (/api 8 KB, the webhooks MAX_BODY_BYTES): name the one that refused.
    const error = err.type === 'entity.too.large' ? `body over ${err.limit ?? 'the'} bytes` : status === 500 ? 'internal error' : (err.message ?? 'bad request');
    log[status === 500 ? 'error' : 'warn']({ path: req.path, status, err: err.message }, 'request failed');
    onError?.(req, status);
    res.status(status).json({ error });
  });
  return app;
}

/**
 * A platform's answer, written straight out: acknowledgements are small bodies sent once, so
 * express's res.json/res.send work (an ETag hashed over the body, a freshness check) is skipped.
 */
function send(res: Response, a: HttpAnswer): void {
  const text = typeof a.body === 'string';
  const body = text ? (a.body as string) : JSON.stringify(a.body);
  res.writeHead(a.status, { 'content-type': `${text ? (a.contentType ?? 'text/plain') : 'application/json'}; charset=utf-8`, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
