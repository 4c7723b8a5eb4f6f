/**
 * Stored scripts served as web endpoints, at the URL SuperOffice uses for them:
 *
 *   GET|POST /scripts/customer.fcgi?action=safeParse&includeId=ID&key=KEY[&name=value…]
 *
 * (and attachments at action=getAttachment and documents at action=getDocument, of customer.fcgi and
 * ticket.fcgi: attachment-downloads.ts, document-downloads.ts)
 * (also `customer.exe`, and under any path prefix such as /Cust123/CS/scripts/…). ID is the
 * script's include name (or its id); KEY must equal the script's Key, compared in constant time.
 * A script without a Key is not served here. No daemon token is needed: the callers are outside
 * systems (web forms, phone systems, chat bots), as in SuperOffice, so the Key is the secret.
 * The script reads the request with the CGI globals (getCgiVariable, cgiWasPost, getCgiContent,
 * …); what it prints is the response body, and the header lines it puts into the parser
 * variable "ej.headers" (a "Status:" line among them) are the response headers and status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findScriptByIncludeId, getById } from '../store/repos.js';
import type { Script, StoreData } from '../store/schema.js';
import { cgiForm, httpReplyOf } from '../interp/stdlib/web.js';
import type { WebRequest } from '../interp/runtime/context.js';
import { HttpError, readBody, type PublicHandler } from './http.js';
import type { DaemonContext } from './routes.js';
import { runTarget } from '../run/target.js';
import { sameSecret } from '../store/token.js';
import { outputBytes } from '../interp/util/output-bytes.js';
import { serveAttachment } from './attachment-downloads.js';
import { serveDocument } from './document-downloads.js';

const ENDPOINT = /\/scripts\/(customer|ticket)\.(fcgi|exe)$/;

/** The files served by key (the action's name → what it serves and how). */
const KEYED = new Map<string, { what: string; serve: typeof serveAttachment }>([
  ['getAttachment', { what: 'attachment', serve: serveAttachment }],
  ['getDocument', { what: 'document', serve: serveDocument }],
]);

function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** The script `includeId=` names: by include name, else by id. */
function findServed(d: StoreData, ref: string): Script | undefined {
  return findScriptByIncludeId(d, ref) ?? getById(d, 'scripts', ref) ?? undefined;
}

/** The request as the script's CGI globals see it. */
function webRequest(req: IncomingMessage, url: URL, method: string, body: Buffer, baseUrl: string): WebRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && k !== 'authorization') headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const form = cgiForm(url.searchParams, headers['content-type'] ?? '', body);
  return { method, url: req.url ?? url.pathname, ...(baseUrl ? { baseUrl } : {}), variables: form.variables, content: body.toString('utf8'), headers, ...(form.files.length ? { files: form.files } : {}) };
}

export function webScriptHandler(ctx: DaemonContext): PublicHandler {
  return (req, res, url, method, maxBody) => {
    const program = ENDPOINT.exec(url.pathname)?.[1];
    if (!program) return false;
    const started = Date.now();
    const done = (status: number, includeId: string): void => ctx.log.info('web script request', { method, path: url.pathname, includeId, status, ms: Date.now() - started });
    const refuse = (status: number, message: string, includeId = '', headers: Record<string, string> = {}): void => {
      text(res, status, message + '\n', headers);
      done(status, includeId);
      req.resume();
    };
    if (method !== 'GET' && method !== 'POST') {
      refuse(405, `${url.pathname} accepts GET and POST.`, '', { allow: 'GET, POST' });
      return true;
    }
    const q = url.searchParams;
    const keyed = KEYED.get(q.get('action') ?? '');
    if (keyed) {
      if (method !== 'GET') refuse(405, `action=${q.get('action')} accepts GET.`, '', { allow: 'GET' });
      else
        keyed.serve(ctx, q, res).then(
          (status) => done(status, ''),
          () => refuse(500, `The daemon could not read the ${keyed.what}; see its log.`),
        );
      return true;
    }
    if (q.get('action') !== 'safeParse' || program !== 'customer') {
      refuse(400, program === 'customer' ? 'Only action=safeParse, action=getAttachment and action=getDocument are served here.' : 'Only action=getAttachment and action=getDocument are served here.');
      return true;
    }
    const ref = q.get('includeId') ?? '';
    const script = ref ? findServed(ctx.store.read(), ref) : undefined;
    // one answer for "no such script", "no key" and "wrong key": the URL reveals nothing
    if (!script || script.key === '' || !sameSecret(q.get('key') ?? '', script.key)) {
      refuse(404, 'No script is served with that includeId and key.', ref);
      return true;
    }
    if (ctx.shuttingDown()) {
      refuse(503, 'The daemon is shutting down.', ref, { 'retry-after': '10' });
      return true;
    }
    (async () => {
      const body = method === 'POST' ? await readBody(req, maxBody) : Buffer.alloc(0);
      const run = runTarget(ctx.store, 'script', script.id, { source: 'http', user: 'web', web: webRequest(req, url, method, body, ctx.store.read().settings.cgiUrl) });
      ctx.httpRuns.add(run);
      try {
        const r = await run.result;
        if (!r.ok) {
          ctx.log.warn('web script failed', { includeId: script.includeId, error: r.error });
          refuse(500, `${r.output}${r.output && !r.output.endsWith('\n') ? '\n' : ''}error: ${r.error ?? 'the script failed'}`, ref);
          return;
        }
        const reply = httpReplyOf(r.output, r.response);
        const headers: Record<string, string | string[]> = {};
        for (const [k, v] of reply.headers) {
          const prev = headers[k];
          headers[k] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
        }
        const body = outputBytes(reply.body);
        res.writeHead(reply.status, reply.reason || undefined, { ...headers, 'content-length': body.length });
        res.end(body);
        done(reply.status, ref);
      } finally {
        ctx.httpRuns.delete(run);
      }
    })().catch((e: unknown) => {
      if (e instanceof HttpError) refuse(e.status, e.message, ref, { connection: 'close' });
      else refuse(500, 'The daemon could not run the script; see its log.', ref);
    });
    return true;
  };
}
