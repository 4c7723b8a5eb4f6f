// HTTP: outgoing HTTP(S) requests. Off unless the operator enables outgoing HTTP (features.http);
// with it off every request raises an error. The request itself runs in a helper thread while the
// script waits (see http-transport.ts).
import type { NativeClass } from './registry.js';
import { CrmError } from '../runtime/values.js';
import { rt } from '../runtime/context.js';
import { CrmMap } from './map.js';
import { CrmStream } from './nsstream.js';
import { stringToLatin1Bytes } from './string-encoding.js';
import { requestSync, type HttpResponse } from './http-transport.js';
import { dict } from '../runtime/dict.js';
import { attachmentFile } from './crm/attachment.js';
import { documentFile } from './crm/document-file.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export class CrmHttp {
  headers: Array<[string, string]> = [];
  /** CGI variables (setValue): the query string of a GET/DELETE, a form body otherwise. */
  values: Array<[string, string]> = [];
  options = new Map<string, string>();
  binary: number[] | null = null;
  debugMode = false;
  debugText = '';
  status = 0;
  responseHeaders: Record<string, string> = dict();
  error = '';
}

function truthy(v: string | undefined): boolean {
  if (v === undefined) return false;
  const t = v.trim().toLowerCase();
  return t === '1' || t === 'true' || t === 'yes' || t === 'on';
}

function formEncode(pairs: Array<[string, string]>): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function requireHttp(method: string, url: string): void {
  if (!rt.features.http) {
    throw new CrmError(
      `Outgoing HTTP is disabled, so HTTP.${method} cannot request ${url}. The operator can enable it in the settings (features.http).`,
    );
  }
}

function basicAuth(self: CrmHttp): Array<[string, string]> {
  const user = self.options.get('username');
  const password = self.options.get('password');
  if (user === undefined && password === undefined) return [];
  const how = (self.options.get('authenticationMethod') ?? 'basic').trim().toLowerCase();
  if (how === 'none') return [];
  if (how !== 'basic' && how !== '') {
    throw new CrmError(`HTTP: the authentication method "${how}" is not supported in crmscript-tui; use "basic".`);
  }
  const token = Buffer.from(`${user ?? ''}:${password ?? ''}`, 'utf8').toString('base64');
  return [['Authorization', `Basic ${token}`]];
}

function send(self: CrmHttp, method: string, member: string, url: string): number[] {
  requireHttp(member, url);
  const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  let target = url;
  let body: Uint8Array | null = null;
  const headers: Array<[string, string]> = [...basicAuth(self), ...self.headers];
  const hasHeader = (name: string) => headers.some(([k]) => k.toLowerCase() === name.toLowerCase());
  const params = self.options.get('parameters');
  if (hasBody && self.binary) {
    body = Uint8Array.from(self.binary, (b) => b & 0xff);
  } else if (hasBody && params !== undefined) {
    // The product drops the first character of this option (its docs ask for a dummy prefix).
    const text = params.slice(1);
    body = truthy(self.options.get('parametersUTF8')) ? new Uint8Array(Buffer.from(text, 'utf8')) : Uint8Array.from(stringToLatin1Bytes(text));
    if (!hasHeader('content-type')) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  } else if (hasBody) {
    body = new Uint8Array(Buffer.from(formEncode(self.values), 'utf8'));
    if (!hasHeader('content-type')) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  } else if (self.values.length > 0) {
    target += (url.includes('?') ? '&' : '?') + formEncode(self.values);
  }
  const timeoutSeconds = Number(self.options.get('timeout'));
  const res: HttpResponse = requestSync({
    method,
    url: target,
    headers,
    body,
    timeoutMs: timeoutSeconds > 0 ? timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS,
    followRedirects: truthy(self.options.get('followLocation')),
    verifyPeer: self.options.has('verifyPeer') ? truthy(self.options.get('verifyPeer')) : true,
    verifyHost: self.options.has('verifyHost') ? truthy(self.options.get('verifyHost')) : true,
    debug: self.debugMode,
    maxBodyBytes: MAX_BODY_BYTES,
  });
  self.status = res.status;
  self.responseHeaders = dict(res.headers);
  self.error = res.error;
  if (self.debugMode) self.debugText += (self.debugText ? '\n' : '') + res.debug;
  return Array.from(res.body);
}

/** A request has one Content-Type: the last one given. */
function setContentType(self: CrmHttp, value: string): void {
  self.headers = self.headers.filter(([k]) => k.trim().toLowerCase() !== 'content-type');
  self.headers.push(['Content-Type', value]);
}

/** A file of the sandbox CRM as the request's body, with its content type; false when there is none. */
function fileAsBody(self: CrmHttp, file: { contentType: string; data: Buffer } | null): boolean {
  if (!file) return false;
  self.binary = Array.from(file.data);
  setContentType(self, file.contentType);
  return true;
}

const verbs: Array<[string, string]> = [
  ['get', 'GET'],
  ['open', 'GET'],
  ['post', 'POST'],
  ['put', 'PUT'],
  ['patch', 'PATCH'],
  ['delete', 'DELETE'],
];

const methods: NativeClass['methods'] = {
  'addHeader(String,String)': (self: CrmHttp, name: string, value: string) => {
    if (name.trim().toLowerCase() === 'content-type') setContentType(self, value);
    else self.headers.push([name, value]);
  },
  'setValue(String,String)': (self: CrmHttp, name: string, value: string) => {
    self.values.push([name, value]);
  },
  'setOption(String,String)': (self: CrmHttp, name: string, value: string) => {
    self.options.set(name, value);
  },
  'addBinaryData(Byte[])': (self: CrmHttp, data: number[]) => {
    self.binary = data.slice();
  },
  // the attachment's bytes are the body, sent as its content type (a Content-Type added later wins)
  'addAttachmentData(Integer)': (self: CrmHttp, id: number) => fileAsBody(self, attachmentFile(id)),
  // the document's newest version is the body, sent as its file's type (a Content-Type added later wins)
  'addDocumentData(Integer)': (self: CrmHttp, id: number) => fileAsBody(self, documentFile(id)),
  'setDebugMode(Bool)': (self: CrmHttp, on: boolean) => {
    self.debugMode = on;
  },
  'getDebug()': (self: CrmHttp) => self.debugText,
  'hasError()': (self: CrmHttp) => self.error !== '',
  'getErrorMessage()': (self: CrmHttp) => self.error,
  // The only name the API documents is statusCode.
  'getValue(String)': (self: CrmHttp, name: string) => (name === 'statusCode' ? String(self.status) : ''),
  'getResponseHeader(String)': (self: CrmHttp, name: string) => self.responseHeaders[name.toLowerCase()] ?? '',
  'getResponseHeaders()': (self: CrmHttp) => {
    const m = new CrmMap();
    for (const [k, v] of Object.entries(self.responseHeaders)) m.put(k, v);
    return m;
  },
};
for (const [name, verb] of verbs) {
  methods[`${name}(String)`] = (self: CrmHttp, url: string) => send(self, verb, name, url);
  methods[`${name}AsStream(String)`] = (self: CrmHttp, url: string) => new CrmStream(send(self, verb, `${name}AsStream`, url));
}

export const HttpClass: NativeClass = {
  name: 'HTTP',
  defaultValue: () => new CrmHttp(),
  ctors: { '()': () => new CrmHttp() },
  methods,
  // The API's own examples call put(); the catalog lists only putAsStream.
  extraSignatures: ['Byte[] put(String url)'],
};
