/**
 * Attachments served at the URLs Attachment.getDownloadUrl makes (src/interp/stdlib/crm/attachment-url.ts):
 *
 *   GET /scripts/customer.fcgi?action=getAttachment&id=ID&key=KEY[&download=1]
 *   GET /scripts/ticket.fcgi?action=getAttachment&id=ID&key=KEY[&download=1]
 *
 * KEY must equal the attachment's auth_key (compared in constant time; an attachment without one
 * is not served). No daemon token is needed: the key in the URL is the secret, as in SuperOffice's
 * attachment links. The file goes out with its content type, shown inline or, with download=1, as
 * a download under its own name. One answer (404) for no such attachment, no key and a wrong key.
 */
import type { ServerResponse } from 'node:http';
import { sharedDriver } from '../crm/shared.js';
import { crmLocation } from '../crm/location.js';
import { sameSecret } from '../store/token.js';
import { notServed, sendFile } from './keyed-files.js';
import type { DaemonContext } from './routes.js';

/** Answers one attachment request; resolves to the HTTP status it gave. */
export async function serveAttachment(ctx: DaemonContext, q: URLSearchParams, res: ServerResponse): Promise<number> {
  const id = Number(q.get('id') ?? '');
  const key = q.get('key') ?? '';
  const d = await sharedDriver(crmLocation(ctx.store.dataDir, ctx.store.databaseUrl));
  const row = Number.isSafeInteger(id) && id > 0 ? d.all('SELECT name, content_type, auth_key FROM attachment WHERE id = ?', [id]).rows[0] : undefined;
  const want = row ? String(row[2] ?? '') : '';
  if (!row || !want || !sameSecret(key, want)) return notServed(res, 'attachment');
  const content = d.all('SELECT data FROM attachment_content WHERE attachment_id = ?', [id]).rows[0];
  const bytes = Buffer.from(String(content?.[0] ?? ''), 'base64');
  return sendFile(res, q, bytes, String(row[1] ?? ''), String(row[0] ?? '') || `attachment-${id}`);
}
