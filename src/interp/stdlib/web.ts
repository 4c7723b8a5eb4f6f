// The CGI and web globals a script uses when it serves an HTTP request (SuperOffice's
// customer.fcgi?action=safeParse endpoint, the daemon's /scripts/customer.fcgi, `run --cgi`):
// reading the request, and setting the response's headers (parser variable "ej.headers"),
// status (a "Status:" header line) and cookies. A run that serves no request sees an empty one.
// Globals that only make sense inside SuperOffice's own pages (HTML elements, sessions, page
// settings) are not here and stay "not available". The global Parser (setParserVariable, ...) is
// parser/global-parser.ts.
import type { NativeGlobals } from './registry.js';
import { rt, type CgiFile } from '../runtime/context.js';
import { multipartBoundary, parseMultipart } from './multipart.js';
import { mapOf } from './map.js';
import { orNullString } from '../runtime/values.js';

function values(name: string): string[] {
  const out: string[] = [];
  for (const [k, v] of rt.web?.variables ?? []) if (k === name) out.push(v);
  return out;
}

function header(name: string): string {
  return rt.web?.headers[name.toLowerCase()] ?? '';
}

function cookies(): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of header('cookie').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim();
    if (!m.has(k)) m.set(k, decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return m;
}

/** The form-encoded POST that cgiWasPost() reports (the reference: it depends on the Content-Type). */
function wasFormPost(): boolean {
  const type = header('content-type').toLowerCase();
  return rt.web?.method === 'POST' && (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'));
}

/**
 * The installation's base URL, which scripts build links on (SuperOffice keeps it as config's
 * cgiUrl, e.g. http://ejournal.company.com): the one the operator set (settings cgiUrl; any run of
 * a stored script or macro, web request or not), else where the request reached the daemon — its
 * scheme (a proxy's X-Forwarded-Proto) and Host, and any path before `/scripts/`. '' when neither
 * says (`run FILE`, which reads no settings; a request without a Host header).
 */
export function cgiUrl(): string {
  const web = rt.web;
  const configured = web?.baseUrl || rt.features.cgiUrl;
  if (configured) return configured.replace(/\/+$/, '');
  const host = web?.headers.host;
  if (!web || !host) return '';
  const proto = web.headers['x-forwarded-proto']?.split(',')[0]?.trim() || 'http';
  const path = web.url.split('?')[0] ?? '';
  const at = path.toLowerCase().indexOf('/scripts/');
  return `${proto}://${host}${at > 0 ? path.slice(0, at) : ''}`;
}

export const webGlobals: NativeGlobals = {
  'getCgiVariable(String)': (name: string) => orNullString(values(name)[0]),
  'getCgiVariableArray(String)': (name: string) => values(name),
  'getCgiVariables()': () => mapOf(rt.web?.variables ?? []),
  // the request's GET and POST variables as one query string (name=value pairs, URL-encoded, in
  // the order getCgiVariables reads them); '' when the run serves no request
  'buildUrl()': () => (rt.web?.variables ?? []).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
  'cgiWasPost()': () => wasFormPost(),
  'getCgiContent()': () => rt.web?.content ?? '',
  'getCgiUrl()': () => cgiUrl(),
  'getHttpHeader(String)': (name: string) => header(name),
  'getCookie(String)': (name: string) => cookies().get(name) ?? '',
  'setCookie(String,String,Bool)': (name: string, value: string, persistent: boolean) => {
    const expires = persistent ? `; Expires=${new Date(Date.now() + 365 * 86400_000).toUTCString()}` : '';
    rt.response.cookies.push(`${name}=${encodeURIComponent(value)}; Path=/${expires}`);
  },
};

/** An HTTP response as a web endpoint script made it. */
export interface HttpReply {
  status: number;
  /** The reason phrase the script gave with its status ("" = the standard one). */
  reason: string;
  /** Header names as the script wrote them. */
  headers: [string, string][];
  body: string;
}

/**
 * The HTTP response of a web endpoint run: what it printed is the body; the header lines of the
 * parser variable "ej.headers" ("Name: value", one a line) are the headers, a "Status: 404 Not
 * Found" line the status; without one the answer is 200 with Content-Type text/html.
 */
export function httpReplyOf(printed: string, response: { parserVariables: Record<string, string>; cookies: string[] } | undefined): HttpReply {
  let status = 200;
  let reason = '';
  const headers: [string, string][] = [];
  for (const line of (response?.parserVariables['ej.headers'] ?? '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    // only header names HTTP allows, and values without control characters
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\0-\x1f\x7f]/.test(value)) continue;
    if (name.toLowerCase() === 'status') {
      const code = Number(/^\d{3}/.exec(value)?.[0]);
      if (code >= 200 && code <= 599) {
        status = code;
        reason = value.slice(3).trim();
      }
    } else headers.push([name, value]);
  }
  if (!headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'text/html; charset=utf-8']);
  for (const c of response?.cookies ?? []) headers.push(['Set-Cookie', c]);
  return { status, reason, headers, body: printed };
}

/**
 * A request's CGI variables: the query string, then the fields of a form-encoded or multipart
 * body; and the files a multipart body carries.
 */
export function cgiForm(query: URLSearchParams, contentType: string, body: Uint8Array): { variables: [string, string][]; files: CgiFile[] } {
  const variables: [string, string][] = [...query];
  const boundary = multipartBoundary(contentType);
  if (boundary) {
    const form = parseMultipart(body, boundary);
    return { variables: [...variables, ...form.fields], files: form.files };
  }
  if (contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) variables.push(...new URLSearchParams(Buffer.from(body).toString('utf8')));
  return { variables, files: [] };
}
