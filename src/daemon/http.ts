/**
 * The daemon's HTTP API: a small router over Node's http module.
 *
 * - Every request needs `Authorization: Bearer <token>` (401 otherwise).
 * - Request bodies are JSON objects of at most `maxBodyBytes` (413 beyond,
 *   400 when malformed); responses are JSON; errors are `{ "error": "..." }`
 *   with the status code (400, 401, 403, 404, 405, 413, 500, 503).
 *
 * Routes are added with `router.add(method, pattern, handler)`; a pattern's
 * `:name` segments become `params.name`. Each route module exports a
 * `registerXRoutes(router)` that startDaemon calls before it listens
 * (routes.ts, event-routes.ts, debug-routes.ts).
 */
import { StoreError } from '../store/errors.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '../store/store.js';
import type { Logger } from './log.js';
import { sameSecret } from '../store/token.js';
import { createLogLimiter } from './log-limit.js';
import { errorMessage } from '../interp/util/error-message.js';

/** Store problems that make the store unusable: answered with 503 and the store's own sentence. */
const STORE_DOWN = new Set<string>(['missing', 'invalid-file', 'newer-version', 'lock', 'io']);

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ApiRequest {
  method: string;
  /** The path without the query string, e.g. "/api/tasks/Nightly/run". */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body; {} when there was none. */
  body: Record<string, unknown>;
}

export interface ApiResponse {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What handlers get besides the request: the store and whatever the daemon adds. */
export interface ApiContext {
  store: Store;
  log: Logger;
  /** True once the daemon is shutting down (handlers should refuse new work). */
  shuttingDown: () => boolean;
  [extra: string]: unknown;
}

export type RouteHandler = (req: ApiRequest, ctx: ApiContext) => ApiResponse | Promise<ApiResponse>;

interface Route {
  method: string;
  pattern: string;
  parts: string[];
  handler: RouteHandler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** Register a handler; a later registration for the same method and pattern replaces the earlier one. */
  add(method: string, pattern: string, handler: RouteHandler): void {
    const m = method.toUpperCase();
    const parts = splitPath(pattern);
    const i = this.routes.findIndex((r) => r.method === m && r.pattern === pattern);
    const route = { method: m, pattern, parts, handler };
    if (i >= 0) this.routes[i] = route;
    else this.routes.push(route);
  }

  /** The handler for a request, or which methods the path allows (for 405), or nothing (404). */
  match(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | { allowed: string[] } | null {
    const segs = splitPath(path);
    const allowed = new Set<string>();
    for (const r of this.routes) {
      const params = matchParts(r.parts, segs);
      if (!params) continue;
      if (r.method === method.toUpperCase()) return { handler: r.handler, params };
      allowed.add(r.method);
    }
    return allowed.size > 0 ? { allowed: [...allowed].sort() } : null;
  }

  list(): Array<{ method: string; pattern: string }> {
    return this.routes.map((r) => ({ method: r.method, pattern: r.pattern }));
  }
}

function splitPath(p: string): string[] {
  return p.split('/').filter((s) => s !== '');
}

function matchParts(parts: string[], segs: string[]): Record<string, string> | null {
  if (parts.length !== segs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    let s: string;
    try {
      s = decodeURIComponent(segs[i]!);
    } catch {
      return null;
    }
    if (p.startsWith(':')) params[p.slice(1)] = s;
    else if (p !== s) return null;
  }
  return params;
}

/** The routes the daemon serves; modules add theirs with addRoute(). */
export const apiRoutes = new Router();

export function addRoute(method: string, pattern: string, handler: RouteHandler): void {
  apiRoutes.add(method, pattern, handler);
}

export const DEFAULT_MAX_BODY = 1024 * 1024;

/**
 * A handler for requests that are not API calls and need no token (the web endpoint scripts of
 * web-scripts.ts): returns false when the request is not one of its own.
 */
export type PublicHandler = (req: IncomingMessage, res: ServerResponse, url: URL, method: string, maxBodyBytes: number) => boolean;

export interface ApiServerOptions {
  router: Router;
  token: string;
  context: ApiContext;
  maxBodyBytes?: number;
  /** Served before the token check (see PublicHandler). */
  publicHandler?: PublicHandler;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body ?? null) + '\n';
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      reject(new HttpError(413, `The request body is larger than ${max} bytes.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > max) {
        failed = true;
        reject(new HttpError(413, `The request body is larger than ${max} bytes.`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

function parseJsonBody(buf: Buffer): Record<string, unknown> {
  const text = buf.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `The request body is not valid JSON (${errorMessage(e)}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

/** The http.Server for the API (not listening yet). */
export function createApiServer(opts: ApiServerOptions): Server {
  const max = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const { log } = opts.context;
  const refusals = createLogLimiter(log);
  const server = createServer((req, res) => {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      send(res, 400, { error: 'The request URL is malformed.' });
      return;
    }
    // refused requests are what a client can send by the thousand: their lines are rate limited
    const finish = (status: number) =>
      status >= 400 && status !== 500
        ? refusals.log(`http ${status}`, 'info', 'http request', { method, path: url.pathname, status, ms: Date.now() - started })
        : log.info('http request', { method, path: url.pathname, status, ms: Date.now() - started });
    const fail = (e: unknown) => {
      // A refused body that is big or unread is not drained: the connection closes after the answer.
      const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
      const dropConnection = !req.readableEnded && hasBody && (!(e instanceof HttpError) || e.status === 413 || e.status === 401);
      const extra: Record<string, string> = dropConnection ? { connection: 'close' } : {};
      if (e instanceof HttpError) {
        send(res, e.status, { error: e.message }, { ...e.headers, ...extra });
        finish(e.status);
      } else if (e instanceof StoreError && STORE_DOWN.has(e.code)) {
        // The store is unusable (removed, corrupt, locked, unreachable): say what is wrong and how to recover.
        log.error('store unavailable', { method, path: url.pathname, reason: e.message });
        send(res, 503, { error: e.message }, { 'retry-after': '5', ...extra });
        finish(503);
      } else {
        log.error('http handler failed', { method, path: url.pathname, reason: errorMessage(e) });
        send(res, 500, { error: 'The daemon could not handle the request; see its log.' }, extra);
        finish(500);
      }
      if (dropConnection) res.on('finish', () => req.destroy());
      else req.resume();
    };
    if (opts.publicHandler?.(req, res, url, method, max)) return;
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m || !sameSecret(m[1]!, opts.token)) {
      fail(new HttpError(401, auth === '' ? 'This API needs the daemon token: send "Authorization: Bearer <token>" (the token is in daemon.token in the data directory).' : 'The token is not valid.', { 'www-authenticate': 'Bearer' }));
      return;
    }
    const found = opts.router.match(method, url.pathname);
    if (!found) return fail(new HttpError(404, `There is no API endpoint ${url.pathname}.`));
    if ('allowed' in found) return fail(new HttpError(405, `${url.pathname} does not accept ${method}; use ${found.allowed.join(' or ')}.`, { allow: found.allowed.join(', ') }));
    const withBody = method !== 'GET' && method !== 'HEAD' && method !== 'DELETE';
    (async () => {
      const body = withBody ? parseJsonBody(await readBody(req, max)) : {};
      const out = await found.handler({ method, path: url.pathname, params: found.params, query: url.searchParams, headers: req.headers, body }, opts.context);
      const status = out.status ?? 200;
      send(res, status, out.body, out.headers);
      finish(status);
    })().catch(fail);
  });
  server.on('close', () => refusals.close());
  server.headersTimeout = 20_000;
  server.requestTimeout = 0; // script runs may take as long as the run time limit
  return server;
}

/** Listen and resolve with the actual port (port 0 picks a free one). */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE') reject(new Error(`The port ${port} on ${host} is already in use; choose another with --port.`));
      else if (e.code === 'EACCES') reject(new Error(`Not allowed to listen on ${host}:${port}; choose a port above 1024.`));
      else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') reject(new Error(`Cannot listen on ${host}: the address is not on this machine.`));
      else reject(new Error(`Cannot listen on ${host}:${port}: ${e.message}.`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
