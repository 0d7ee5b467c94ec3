import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * A lean HTTP layer for the Lark SDK's Client (its `httpInstance` option), in place of the SDK's
 * axios + follow-redirects instance, which costs ~0.5 ms of CPU a call: node's own http/https
 * over keep-alive agents. It does what the SDK asks of an instance and no more:
 * - `request`/`get`/`post`/… resolve with the response body (JSON parsed when it parses, else the
 *   text), or `{ data, headers }` when the SDK sets `$return_headers`; `responseType: 'stream'`
 *   resolves with the response itself, for downloads the caller bounds;
 * - a status outside 2xx rejects with an axios-shaped error: `message`, `code`, and
 *   `response: { status, statusText, headers, data }`, which the sender, the identity check and
 *   the SDK's own logging read (Feishu's `code` and `msg` are in `response.data`). The request
 *   (its Authorization header, a token request's app secret) is never kept on the error;
 * - redirects are not followed (Feishu's API does not redirect): a 3xx is an error;
 * - the whole call is bounded in time (`timeout`, 10 s by default) and a buffered body in size.
 */

export interface HttpRequestOptions {
  url?: string;
  method?: string;
  headers?: Record<string, unknown>;
  params?: Record<string, unknown>;
  data?: unknown;
  responseType?: string;
  paramsSerializer?: unknown;
  timeout?: number;
  $return_headers?: boolean;
}

/** What a failed call rejects with: the fields axios errors have that callers read. */
export class FeishuHttpError extends Error {
  constructor(
    message: string,
    /** ETIMEDOUT, ERR_RESPONSE_TOO_LARGE, ERR_BAD_RESPONSE (a status outside 2xx), or the socket's code (ECONNREFUSED …). */
    readonly code: string,
    readonly response?: { status: number; statusText: string; headers: IncomingHttpHeaders; data: unknown },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FeishuHttpError';
  }

  get status(): number | undefined {
    return this.response?.status;
  }
}

export interface LeanHttpOptions {
  /** Default time for a whole call, connect to last byte (ms). */
  timeoutMs?: number;
  /** Largest body read into memory; a larger one fails the call. Streams are the caller's to bound. */
  maxResponseBytes?: number;
  maxSockets?: number;
  userAgent?: string;
}

type Method = 'get' | 'delete' | 'head' | 'options' | 'post' | 'put' | 'patch';

export interface LeanHttp {
  request<T = unknown>(opts: HttpRequestOptions): Promise<T>;
  get<T = unknown>(url: string, opts?: HttpRequestOptions): Promise<T>;
  delete<T = unknown>(url: string, opts?: HttpRequestOptions): Promise<T>;
  head<T = unknown>(url: string, opts?: HttpRequestOptions): Promise<T>;
  options<T = unknown>(url: string, opts?: HttpRequestOptions): Promise<T>;
  post<T = unknown>(url: string, data?: unknown, opts?: HttpRequestOptions): Promise<T>;
  put<T = unknown>(url: string, data?: unknown, opts?: HttpRequestOptions): Promise<T>;
  patch<T = unknown>(url: string, data?: unknown, opts?: HttpRequestOptions): Promise<T>;
  /** Closes idle keep-alive sockets (tests, shutdown). */
  close(): void;
}

let shared: LeanHttp | undefined;

/** The process's Feishu HTTP layer: one pool of keep-alive connections for every Feishu call. */
export function feishuHttp(): LeanHttp {
  return (shared ??= leanHttp());
}

export function leanHttp(o: LeanHttpOptions = {}): LeanHttp {
  const timeoutMs = o.timeoutMs ?? 10_000;
  const maxBytes = o.maxResponseBytes ?? 4 * 1024 * 1024;
  // Replies reuse connections: a new TCP (and TLS) handshake per reply costs more than the answer.
  const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: o.maxSockets ?? 64 }), https: new HttpsAgent({ keepAlive: true, maxSockets: o.maxSockets ?? 64 }) };
  const userAgent = o.userAgent ?? 'factbot';

  const request = <T>(opts: HttpRequestOptions): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let url: URL;
      try {
        url = withParams(new URL(opts.url ?? ''), opts.params, opts.paramsSerializer);
      } catch (err) {
        return reject(new FeishuHttpError(`invalid URL for a Feishu call: ${err instanceof Error ? err.message : String(err)}`, 'ERR_INVALID_URL'));
      }
      const method = (opts.method ?? 'get').toUpperCase();
      // Path only in messages: a query could carry more than a log should.
      const what = `${method} ${url.pathname}`;
      const { body, type } = encode(opts.data);
      const headers: Record<string, string | number> = { 'user-agent': userAgent, accept: 'application/json, text/plain, */*' };
      for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined && v !== null) headers[k.toLowerCase()] = typeof v === 'number' ? v : String(v);
      if (body !== undefined) {
        if (type && !headers['content-type']) headers['content-type'] = type;
        headers['content-length'] = body.length;
      }
      const https = url.protocol === 'https:';
      if (!https && url.protocol !== 'http:') return reject(new FeishuHttpError(`${what}: unsupported protocol ${url.protocol}`, 'ERR_INVALID_URL'));
      let done = false;
      const fail = (err: FeishuHttpError) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        req.destroy();
        reject(err);
      };
      const req = (https ? httpsRequest : httpRequest)(url, { method, headers, agent: https ? agents.https : agents.http }, (res) => {
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        if (ok && opts.responseType === 'stream') {
          done = true;
          clearTimeout(timer);
          // A download may take longer than a call, but not stall: idle past the timeout, it fails.
          res.setTimeout(opts.timeout ?? timeoutMs, () => res.destroy(new FeishuHttpError(`${what}: download idle for ${opts.timeout ?? timeoutMs}ms`, 'ETIMEDOUT')));
          return resolve(shape(res, res.headers, opts) as T);
        }
        readBody(res, maxBytes, what, (err, raw) => {
          if (err) return fail(err instanceof FeishuHttpError ? err : new FeishuHttpError(`${what}: the response broke off (${err.message})`, codeOf(err), undefined, { cause: err }));
          if (done) return;
          done = true;
          clearTimeout(timer);
          const data = decode(raw!, opts.responseType);
          if (ok) return resolve(shape(data, res.headers, opts) as T);
          const redirect = status >= 300 && status < 400 ? ` (a redirect to ${JSON.stringify(withoutQuery(res.headers.location))}, not followed)` : '';
          reject(new FeishuHttpError(`${what}: request failed with status code ${status}${redirect}`, 'ERR_BAD_RESPONSE', { status, statusText: res.statusMessage ?? '', headers: res.headers, data }));
        });
      });
      const timer = setTimeout(() => fail(new FeishuHttpError(`${what}: timeout of ${opts.timeout ?? timeoutMs}ms exceeded`, 'ETIMEDOUT')), opts.timeout ?? timeoutMs);
      req.on('error', (err) => fail(new FeishuHttpError(`${what}: ${err.message}`, codeOf(err), undefined, { cause: err })));
      req.end(body);
    });

  const withData = (method: Method) => (url: string, data?: unknown, opts?: HttpRequestOptions) => request({ ...opts, url, method, data });
  const without = (method: Method) => (url: string, opts?: HttpRequestOptions) => request({ ...opts, url, method });
  return {
    request: (opts) => request(opts),
    get: without('get'),
    delete: without('delete'),
    head: without('head'),
    options: without('options'),
    post: withData('post'),
    put: withData('put'),
    patch: withData('patch'),
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  } as LeanHttp;
}

/**
 * The body read whole, refused past `max` bytes (by Content-Length at once, else as it streams).
 * Calls back synchronously with a refusal, before destroying the response, so the refusal is the
 * error the call fails with rather than the socket's "aborted".
 */
function readBody(res: IncomingMessage, max: number, what: string, cb: (err: Error | undefined, body?: Buffer) => void): void {
  let finished = false;
  const finish = (err: Error | undefined, body?: Buffer) => {
    if (finished) return;
    finished = true;
    cb(err, body);
  };
  const tooLarge = () => {
    finish(new FeishuHttpError(`${what}: response over ${max} bytes, not read`, 'ERR_RESPONSE_TOO_LARGE'));
    res.destroy();
  };
  if (Number(res.headers['content-length']) > max) return tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (c: Buffer) => {
    size += c.length;
    if (size > max) return tooLarge();
    chunks.push(c);
  });
  res.on('end', () => finish(undefined, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  res.on('error', (err) => finish(err));
  res.on('aborted', () => finish(new Error('aborted')));
}

/** The SDK's query, serialized its way when it gives a serializer (qs, arrays repeated). */
function withParams(url: URL, params: Record<string, unknown> | undefined, serializer: unknown): URL {
  if (!params || Object.keys(params).length === 0) return url;
  let query: string;
  if (typeof serializer === 'function') query = String((serializer as (p: Record<string, unknown>) => string)(params));
  else {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined || v === null) continue;
      for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item));
    }
    query = q.toString();
  }
  if (query) url.search = url.search ? `${url.search}&${query}` : `?${query}`;
  return url;
}

function encode(data: unknown): { body?: Buffer; type?: string } {
  if (data === undefined || data === null) return {};
  if (Buffer.isBuffer(data)) return { body: data };
  if (data instanceof Uint8Array) return { body: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
  if (typeof data === 'string') return { body: Buffer.from(data), type: 'application/x-www-form-urlencoded' };
  return { body: Buffer.from(JSON.stringify(data)), type: 'application/json' };
}

/** JSON when it parses (as axios does by default), else the text; raw bytes when asked for. */
function decode(raw: Buffer, responseType: string | undefined): unknown {
  if (responseType === 'arraybuffer') return raw;
  const text = raw.toString('utf8');
  if (responseType === 'text' || !text) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function shape(data: unknown, headers: IncomingHttpHeaders, opts: HttpRequestOptions): unknown {
  return opts.$return_headers ? { data, headers } : data;
}

/** A Location to name in a message: its query (which could carry a token) left off. */
function withoutQuery(location: string | undefined): string {
  return (location ?? '').split(/[?#]/)[0]!;
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'ERR_NETWORK';
}
