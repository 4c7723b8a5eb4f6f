/**
 * Documents served at the URLs NSDocumentAgent.GetDocumentUrl makes
 * (src/interp/stdlib/netserver/agents/document-urls.ts):
 *
 *   GET /scripts/ticket.fcgi?action=getDocument&id=ID&key=KEY[&version=N][&download=1]
 *   (also at customer.fcgi, as attachments are)
 *
 * KEY must equal the document's key in the sandbox's document_key table (compared in constant
 * time; a document without one is not served). No daemon token is needed: the key in the URL is
 * the secret. The content is the document's newest committed version in the sandbox's document
 * archive (document_archive), or version N when the URL names one; a user's checked-out copy is
 * never served. One answer (404) for no such document, no key, a wrong key and no such content.
 */
import type { ServerResponse } from 'node:http';
import { sharedDriver } from '../crm/shared.js';
import { crmLocation } from '../crm/location.js';
import { sameSecret } from '../store/token.js';
import { contentTypeOfName } from '../interp/util/content-types.js';
import { notServed, sendFile } from './keyed-files.js';
import type { DaemonContext } from './routes.js';

const whole = (s: string | null): number => (s !== null && /^[1-9]\d{0,9}$/.test(s) ? Number(s) : 0);

/** Answers one document request; resolves to the HTTP status it gave. */
export async function serveDocument(ctx: DaemonContext, q: URLSearchParams, res: ServerResponse): Promise<number> {
  const id = whole(q.get('id'));
  const key = q.get('key') ?? '';
  const asked = q.get('version');
  const version = whole(asked);
  if (!id || (asked !== null && !version)) return notServed(res, 'document');
  const d = await sharedDriver(crmLocation(ctx.store.dataDir, ctx.store.databaseUrl));
  const keys = d.all('SELECT auth_key FROM document_key WHERE document_id = ?', [id]).rows.map((r) => String(r[0] ?? '')).filter(Boolean);
  // every key row is compared, so that the time taken does not depend on which one matches
  const keyed = keys.reduce((hit, want) => sameSecret(key, want) || hit, false);
  const doc = keyed ? d.all('SELECT name FROM document WHERE document_id = ?', [id]).rows[0] : undefined;
  if (!doc) return notServed(res, 'document');
  const which = version ? ' AND version = ?' : '';
  const file = d.all(`SELECT data FROM document_archive WHERE document_id = ? AND working = 0${which} ORDER BY version DESC LIMIT 1`, version ? [id, version] : [id]).rows[0];
  if (!file) return notServed(res, 'document');
  const name = String(doc[0] ?? '') || `document-${id}`;
  return sendFile(res, q, Buffer.from(String(file[0] ?? ''), 'base64'), contentTypeOfName(name), name);
}
