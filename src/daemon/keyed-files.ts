/**
 * The answers of the daemon's keyed file URLs (attachments: attachment-downloads.ts, documents:
 * document-downloads.ts): the file with its content type, inline or (download=1) as a download
 * under its own name; or one 404 for every refusal (no such file, no key, a wrong key), so that the
 * URL reveals nothing.
 */
import type { ServerResponse } from 'node:http';
import { contentDisposition } from '../interp/util/content-types.js';

/** Refuses a keyed request: `what` names the kind of file ("attachment", "document"). */
export function notServed(res: ServerResponse, what: string): number {
  const body = `No ${what} is served with that id and key.\n`;
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
  return 404;
}

/** Sends a file's bytes; `q` says whether as a download (download=1). */
export function sendFile(res: ServerResponse, q: URLSearchParams, bytes: Buffer, type: string, name: string): number {
  res.writeHead(200, {
    'content-type': type.replace(/[\r\n]/g, '') || 'application/octet-stream',
    'content-disposition': contentDisposition(q.get('download') === '1', name),
    'content-length': bytes.length,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(bytes);
  return 200;
}
