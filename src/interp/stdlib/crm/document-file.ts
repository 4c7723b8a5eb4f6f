// A CRM document's content as a file, for the built-ins outside NetServer that take one
// (HTTP.addDocumentData, copyCRMDocumentToAttachment): the newest committed version the sandbox's
// document archive holds (table document_archive, which NSDocumentAgent writes: see
// netserver/agents/document-archive.ts), named by the document's file name (document.name) and
// typed by its extension. The bytes are accounted to the run's memory before they are decoded.
import { reserve } from '../../runtime/memory.js';
import { contentTypeOfName } from '../../util/content-types.js';
import { crm, int, text } from './access.js';

export interface DocumentFile {
  name: string;
  contentType: string;
  data: Buffer;
}

const ARCHIVE = 'document_archive';

/** Document `id`'s content, or null when there is no such document or it has no committed version. */
export function documentFile(id: number): DocumentFile | null {
  const c = crm();
  const doc = c.get('document', id);
  if (!doc || !c.table(ARCHIVE)) return null;
  const newest = c.select(ARCHIVE, {
    columns: ['id', 'size'],
    where: [
      { column: 'document_id', op: '=', value: id },
      { column: 'working', op: '=', value: 0 },
    ],
    orderBy: [{ column: 'version', descending: true }],
    limit: 1,
  })[0];
  if (!newest) return null;
  reserve(int(newest.size) * 3);
  const data = Buffer.from(text(c.select(ARCHIVE, { columns: ['data'], where: [{ column: 'id', op: '=', value: int(newest.id) }] })[0]?.data), 'base64');
  const name = text(doc.name) || `document-${id}`;
  return { name, contentType: contentTypeOfName(name), data };
}
