// A CRM document's content as a file, for the built-ins outside NetServer that take one
// (HTTP.addDocumentData, copyCRMDocumentToAttachment): the newest committed version the sandbox's
// document archive holds (netserver/agents/document-archive.ts, which NSDocumentAgent writes),
// named by the document's file name (document.name) and typed by its extension. The bytes are
// accounted to the run's memory before they are decoded (fileBytes).
import { contentTypeOfName } from '../../util/content-types.js';
import { fileBytes, latestVersion } from '../netserver/agents/document-archive.js';
import { crm, text } from './access.js';

export interface DocumentFile {
  name: string;
  contentType: string;
  data: Buffer;
}

/** Document `id`'s content, or null when there is no such document or it has no committed version. */
export function documentFile(id: number): DocumentFile | null {
  const doc = crm().get('document', id);
  const newest = doc ? latestVersion(id) : null;
  if (!doc || !newest) return null;
  const name = text(doc.name) || `document-${id}`;
  return { name, contentType: contentTypeOfName(name), data: fileBytes(newest) };
}
