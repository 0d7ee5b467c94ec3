import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { addAndReload } from '../admin/add-report.js';
import type { Reloader } from '../admin/reload.js';
import type { StoreHolder } from '../core/store-holder.js';
import { MAX_REPORT_BYTES } from '../reports/formats/index.js';

export interface AdminApiDeps {
  /** ADMIN_TOKEN; without it the routes answer 404 and say how to turn them on. */
  token?: string;
  reportsDir: string;
  reloader: Reloader;
  stores: StoreHolder;
}

/**
 * What the local page and scripts do as an admin, behind a bearer token: check the token, add a
 * report (the file's bytes as the body, its name in ?name=), reload.
 */
export function adminApiRouter(deps: AdminApiDeps): Router {
  const r = express.Router();
  r.use((req: Request, res: Response, next: NextFunction) => {
    if (!deps.token) return void res.status(404).json({ error: 'admin endpoints are off; set ADMIN_TOKEN to turn them on' });
    if (!sameToken(bearerOf(req.headers.authorization), deps.token)) return void res.status(401).setHeader('www-authenticate', 'Bearer').json({ error: 'send Authorization: Bearer <ADMIN_TOKEN>' });
    next();
  });

  r.get('/', (_req, res) => void res.status(204).end());

  r.post('/reports', express.raw({ type: () => true, limit: MAX_REPORT_BYTES }), async (req: Request, res: Response) => {
    const name = typeof req.query.name === 'string' ? req.query.name : '';
    const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array(0);
    if (!name) return void res.status(400).json({ error: 'send the file as the body and its name as ?name=' });
    const added = await addAndReload({ name, bytes }, { ...deps, by: 'web-admin' });
    res.status(added.outcome.status === 'refused' ? 422 : 200).json(added);
  });

  r.post('/reload', async (_req, res) => {
    const outcome = await deps.reloader.reload('web-admin');
    res.status(outcome.ok ? 200 : 409).json(outcome);
  });
  return r;
}

function bearerOf(header: string | undefined): string {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '';
}

/** Compared as hashes in constant time: neither the token nor its length leaks through timing. */
function sameToken(given: string, token: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}
