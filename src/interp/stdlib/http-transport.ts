// The network side of the HTTP class. Scripts are synchronous, so a request is carried out by a
// helper worker thread while the script's thread blocks in Atomics.wait; the answer comes back
// through a MessagePort that the script's thread reads with receiveMessageOnPort. This module is
// both the helper's entry point and the synchronous client the HTTP natives call.
import type http from 'node:http';
import type https from 'node:https';
import { blocking } from '../runtime/context.js';
import { dict } from '../runtime/dict.js';
import { workerUrl } from '../isolation/worker-url.js';
import {
  MessageChannel,
  Worker,
  isMainThread,
  parentPort,
  receiveMessageOnPort,
  workerData,
  type MessagePort,
} from 'node:worker_threads';
import { errorMessage } from '../util/error-message.js';
import { hostHttp } from '../util/lazy-builtins.js';

export interface HttpRequest {
  method: string;
  url: string;
  /** In the order they were added; a later header does not replace an earlier one. */
  headers: Array<[string, string]>;
  body: Uint8Array | null;
  /** Give up after this long (ms). */
  timeoutMs: number;
  followRedirects: boolean;
  verifyPeer: boolean;
  verifyHost: boolean;
  /** Record a transcript for getDebug(). */
  debug: boolean;
  /** Largest response body accepted, in bytes. */
  maxBodyBytes: number;
}

export interface HttpResponse {
  /** 0 when no response arrived. */
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
  /** '' when the request completed (whatever the status). */
  error: string;
  debug: string;
}

const MAX_REDIRECTS = 10;

function describeNetError(e: NodeJS.ErrnoException, url: URL): string {
  const where = url.host;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `could not connect to ${where}: the connection was refused`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `could not resolve the host name "${url.hostname}"`;
    case 'ECONNRESET':
      return `the connection to ${where} was reset`;
    case 'ETIMEDOUT':
      return `the connection to ${where} timed out`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached`;
    default:
      if (e.code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO/.test(e.code)) {
        return `the TLS certificate of ${where} was not accepted (${e.message})`;
      }
      return `the request to ${where} failed: ${e.message}`;
  }
}

/** One request/response exchange, following redirects when asked. Never rejects. */
export async function performRequest(req: HttpRequest): Promise<HttpResponse> {
  const transcript: string[] = [];
  const note = (line: string): void => {
    if (req.debug) transcript.push(line);
  };
  const deadline = Date.now() + req.timeoutMs;
  let method = req.method.toUpperCase();
  let body = req.body;
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return { status: 0, headers: {}, body: new Uint8Array(), error: `"${req.url}" is not a valid URL`, debug: '' };
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { status: 0, headers: {}, body: new Uint8Array(), error: `the URL scheme "${url.protocol.replace(':', '')}" is not supported; use http or https`, debug: transcript.join('\n') };
    }
    const r = await exchange(url, method, req.headers, body, Math.max(1, deadline - Date.now()), req, note);
    const location = r.headers['location'];
    if (!req.followRedirects || r.error || !location || ![301, 302, 303, 307, 308].includes(r.status)) {
      return { ...r, debug: transcript.join('\n') };
    }
    if (hop >= MAX_REDIRECTS) {
      return { ...r, error: `more than ${MAX_REDIRECTS} redirects`, debug: transcript.join('\n') };
    }
    // Like curl: 303 always, and 301/302 after a POST, continue as a GET without the body.
    if (r.status === 303 || ((r.status === 301 || r.status === 302) && method === 'POST')) {
      if (method !== 'HEAD') method = 'GET';
      body = null;
    }
    url = new URL(location, url);
    note(`* following the redirect to ${url.href}`);
  }
}

// node:http and node:https are loaded when the first request is made, so that a run (or the
// worker it runs in) that makes none does not pay for them at start-up.
async function exchange(
  url: URL,
  method: string,
  headers: Array<[string, string]>,
  body: Uint8Array | null,
  timeoutMs: number,
  req: HttpRequest,
  note: (line: string) => void,
): Promise<Omit<HttpResponse, 'debug'>> {
  const lib = hostHttp(url.protocol === 'https:');
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const done = (r: Omit<HttpResponse, 'debug'>): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve(r);
    };
    const fail = (error: string): void => done({ status: 0, headers: {}, body: new Uint8Array(), error });
    // Node joins repeated request headers given as arrays; keep the caller's order and case.
    const outHeaders: Record<string, string | string[]> = dict();
    const lowerSeen = new Map<string, string>();
    for (const [name, value] of headers) {
      const key = lowerSeen.get(name.toLowerCase()) ?? name;
      lowerSeen.set(name.toLowerCase(), key);
      const prev = outHeaders[key];
      outHeaders[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
    if (body && !lowerSeen.has('content-length')) outHeaders['Content-Length'] = String(body.length);
    const options: https.RequestOptions = { method, headers: outHeaders };
    if (url.protocol === 'https:') {
      options.rejectUnauthorized = req.verifyPeer;
      if (!req.verifyHost) options.checkServerIdentity = () => undefined;
    }
    note(`> ${method} ${url.pathname}${url.search} HTTP/1.1`);
    note(`> Host: ${url.host}`);
    for (const [k, v] of Object.entries(outHeaders)) for (const one of [v].flat()) note(`> ${k}: ${one}`);
    if (body) note(`> (${body.length} bytes of data)`);
    let request: http.ClientRequest;
    try {
      request = lib.request(url, options, (res) => {
        note(`< HTTP/${res.httpVersion} ${res.statusCode ?? 0} ${res.statusMessage ?? ''}`.trimEnd());
        const resHeaders: Record<string, string> = dict();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          const k = res.rawHeaders[i]!.toLowerCase();
          const v = res.rawHeaders[i + 1]!;
          note(`< ${res.rawHeaders[i]}: ${v}`);
          resHeaders[k] = resHeaders[k] === undefined ? v : `${resHeaders[k]}, ${v}`;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > req.maxBodyBytes) {
            request.destroy();
            fail(`the response from ${url.host} is larger than ${Math.round(req.maxBodyBytes / (1024 * 1024))} MB`);
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => {
          note(`< (${size} bytes of data)`);
          done({ status: res.statusCode ?? 0, headers: resHeaders, body: new Uint8Array(Buffer.concat(chunks)), error: '' });
        });
        res.on('error', (e) => fail(describeNetError(e, url)));
      });
    } catch (e) {
      // e.g. a header value with a line break
      fail(`the request to ${url.host} could not be made: ${errorMessage(e)}`);
      return;
    }
    timer = setTimeout(() => {
      request.destroy();
      fail(`the request to ${url.host} took longer than ${Math.round(timeoutMs / 100) / 10} s and was stopped`);
    }, timeoutMs);
    request.on('error', (e: NodeJS.ErrnoException) => fail(describeNetError(e, url)));
    if (body) request.write(Buffer.from(body.buffer, body.byteOffset, body.length));
    request.end();
  });
}

// ---------------------------------------------------------------- the helper worker

interface Job {
  req: HttpRequest;
  port: MessagePort;
  flag: Int32Array;
}

const HELPER_MARK = 'crmscript-http-transport';

if (!isMainThread && (workerData as { role?: string } | null)?.role === HELPER_MARK) {
  parentPort!.on('message', (job: Job) => {
    const safe = performRequest(job.req).catch(
      (e: unknown): HttpResponse => ({ status: 0, headers: {}, body: new Uint8Array(), error: `the request failed: ${errorMessage(e)}`, debug: '' }),
    );
    void safe.then((res) => {
      job.port.postMessage(res, [res.body.buffer as ArrayBuffer]);
      job.port.close();
      Atomics.store(job.flag, 0, 1);
      Atomics.notify(job.flag, 0);
    });
  });
}

let helper: Worker | null = null;

function getHelper(): Worker {
  if (!helper) {
    const w = new Worker(workerUrl(new URL(import.meta.url)), { workerData: { role: HELPER_MARK } });
    // The helper must not keep the script's thread (or the process) alive once the run is over.
    w.unref();
    w.on('error', () => {
      if (helper === w) helper = null;
    });
    w.on('exit', () => {
      if (helper === w) helper = null;
    });
    helper = w;
  }
  return helper;
}

/** Carries out the request and blocks this thread until the answer is in. */
export function requestSync(req: HttpRequest): HttpResponse {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const body = req.body ? new Uint8Array(req.body) : null;
  getHelper().postMessage({ req: { ...req, body }, port: port2, flag }, [port2]);
  // The helper enforces the request timeout; the margin covers its start-up.
  const waited = blocking(() => Atomics.wait(flag, 0, 0, req.timeoutMs + 10_000));
  const msg = receiveMessageOnPort(port1);
  port1.close();
  if (!msg) {
    const error =
      waited === 'timed-out'
        ? `the request to ${req.url} did not complete in time`
        : `the request to ${req.url} could not be carried out`;
    return { status: 0, headers: {}, body: new Uint8Array(), error, debug: '' };
  }
  return msg.message as HttpResponse;
}
