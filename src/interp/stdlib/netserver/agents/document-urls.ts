// NSDocumentAgent's URL and previews of a document's content. GetDocumentUrl gives the URL the
// daemon serves the content at (src/daemon/document-downloads.ts):
//   <base>/scripts/ticket.fcgi?action=getDocument&id=ID&key=KEY[&version=N]
// KEY is the document's secret in the sandbox's document_key table, made the first time a URL is
// asked for the document; the URL serves the newest committed version (or version N, when
// versionId names one) to whoever has it. <base> is the installation's URL (getCgiUrl(): the cgiUrl
// setting or the request's host), '' when neither is known (the URL is then a path on the daemon).
// The sandbox serves documents read-only: a writeable URL is refused. The previews carry the
// content the user reads (the user's checked-out copy, else the newest version) with its name,
// size and type; GetPreviewDocumentStream sanitizes HTML as GetSanitizedDocumentStream does.
import { randomBytes } from 'node:crypto';
import type { NSObject } from '../object.js';
import { cgiUrl } from '../../web.js';
import { contentTypeOfName } from '../../../util/content-types.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';
import { documentBytes, streamOf } from './document-files.js';
import { documentFiles } from './document-archive.js';
import { sanitizedBytes } from './document-templates.js';

const AGENT = 'NSDocumentAgent';
const at = (method: string): string => `${AGENT}.${method}`;
const KEYS = 'document_key';

/** The document's key, made (and stored) when it has none. */
function keyOf(documentId: number): string {
  const row = db().select(KEYS, { columns: ['auth_key'], where: [{ column: 'document_id', op: '=', value: documentId }] })[0];
  const have = row ? String(col(row, 'auth_key') ?? '') : '';
  if (have) return have;
  const key = randomBytes(16).toString('hex');
  db().insert(KEYS, { document_id: documentId, auth_key: key, registered: db().now() });
  return key;
}

function documentUrl(id: number, versionId: string, writeable: boolean): string {
  const where = at('GetDocumentUrl');
  const doc = id > 0 ? db().get('document', id) : null;
  if (!doc) throw fail(where, `there is no document with id ${id}`);
  if (writeable) throw fail(where, "the sandbox serves documents read-only (store new content with SetDocumentStream or CheckinDocument)");
  const versions = documentFiles(id).versions;
  const asked = String(versionId ?? '').trim();
  if (!versions.length) throw fail(where, `document ${id} has no content in the sandbox's document archive (store it with SetDocumentStream)`);
  if (asked && !versions.some((v) => String(v.version) === asked)) throw fail(where, `document ${id} has no version "${asked}" (its versions: ${versions.map((v) => v.version).join(', ')})`);
  return `${cgiUrl()}/scripts/ticket.fcgi?action=getDocument&id=${id}&key=${encodeURIComponent(keyOf(id))}${asked ? `&version=${asked}` : ''}`;
}

/** A preview of what the user reads of the document: its bytes (HTML sanitized when `sanitize`), name, size and type. */
function preview(method: string, id: number, sanitize: boolean): NSObject {
  const raw = documentBytes(method, id);
  const name = String(col(db().get('document', id) ?? {}, 'name') ?? '');
  const bytes = sanitize ? sanitizedBytes(raw, name) : raw;
  return make('NSDocumentPreview', { Name: name, Size: bytes.length, Stream: streamOf(bytes), Type: contentTypeOfName(name) });
}

export const documentUrls: Methods = {
  'GetDocumentUrl(Integer,String,Bool)': (_a: unknown, id: number, versionId: string, writeable: boolean) => documentUrl(id, versionId, writeable),
  'GetPreviewDocumentStream(Integer)': (_a: unknown, id: number) => preview('GetPreviewDocumentStream', id, true),
  'GetUnsanitizedPreviewDocumentStream(Integer)': (_a: unknown, id: number) => preview('GetUnsanitizedPreviewDocumentStream', id, false),
  // a preview that holds nothing yet (no name, no content), to fill with its setters
  'CreateDefaultDocumentPreview()': () => make('NSDocumentPreview', { Name: '', Size: 0, Type: '' }),
};
