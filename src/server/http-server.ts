import { createServer, type RequestListener, type Server } from 'node:http';
import type { Config } from '../config.js';

/**
 * An HTTP server that does not wait on slow clients: a request must arrive whole within
 * `requestTimeoutMs` and its headers within `headersTimeoutMs` (Node answers 408 and hangs up), an
 * idle keep-alive connection closes after `keepAliveTimeoutMs`, and connections beyond
 * `maxConnections` are closed as they arrive (the server emits 'drop').
 */
export function limitedServer(handler: RequestListener, limits: Config['http']): Server {
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      // Node checks both timeouts only this often (every 30 s by default, so a 10 s limit could hold
      // a client 40 s); checking open connections once a second is cheap.
      connectionsCheckingInterval: Math.min(1_000, Math.floor(limits.headersTimeoutMs / 2)),
    },
    handler,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return server;
}
