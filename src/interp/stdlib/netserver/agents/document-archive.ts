// The sandbox's document archive: what SuperOffice keeps in its SO_ARC folder beside the database
// (documents' files, their versions, templates' files) the sandbox keeps in its own table
// document_archive (src/crm/sandbox-tables.ts), so that every machine sharing a PostgreSQL
// sandbox sees the same files. Contents are stored base64; a file may hold at most FILE_LIMIT
// bytes and the whole archive ARCHIVE_LIMIT, so a script cannot grow the database without bound,
// and every file read or written is accounted to the run's memory budget first (memory.ts).
import type { CrmCondition, CrmRow } from '../../../runtime/crm-service.js';
import { reserve } from '../../../runtime/memory.js';
import { db, fail, hasTable } from './db.js';
import { col } from './view.js';

export const ARCHIVE = 'document_archive';
const MB = 1024 * 1024;
/** The most bytes one file (a document version, a template) may hold. */
export const FILE_LIMIT = 8 * MB;
/** The most bytes all the archive's files together may hold. */
export const ARCHIVE_LIMIT = 64 * MB;

/** One stored file of the archive. */
export interface ArchiveFile {
  id: number;
  version: number;
  working: boolean;
  associateId: number;
  description: string;
  extraFields: string;
  registered: string;
  size: number;
}

const num = (r: CrmRow, c: string): number => Number(col(r, c) ?? 0) || 0;
const str = (r: CrmRow, c: string): string => String(col(r, c) ?? '');

function fileOf(r: CrmRow): ArchiveFile {
  return {
    id: num(r, 'id'),
    version: num(r, 'version'),
    working: num(r, 'working') !== 0,
    associateId: num(r, 'associate_id'),
    description: str(r, 'description'),
    extraFields: str(r, 'extra_fields'),
    registered: str(r, 'registered'),
    size: num(r, 'size'),
  };
}

const META = ['id', 'version', 'working', 'associate_id', 'description', 'extra_fields', 'registered', 'size'];
const eq = (column: string, value: string | number): CrmCondition => ({ column, op: '=', value });

/** The files of a document: its committed versions (oldest first) and its checked-out copy. */
export function documentFiles(documentId: number): { versions: ArchiveFile[]; working: ArchiveFile | null } {
  const rows = db().select(ARCHIVE, { columns: META, where: [eq('document_id', documentId)], orderBy: [{ column: 'version' }, { column: 'id' }] }).map(fileOf);
  return { versions: rows.filter((f) => !f.working), working: rows.find((f) => f.working) ?? null };
}

/** The newest committed version of a document, or null when it has no content. */
export function latestVersion(documentId: number): ArchiveFile | null {
  return documentFiles(documentId).versions.at(-1) ?? null;
}

/** The bytes of a stored file (accounted to the run's memory before they are decoded). */
export function fileBytes(file: ArchiveFile): Buffer {
  reserve(file.size * 3);
  const r = db().select(ARCHIVE, { columns: ['data'], where: [eq('id', file.id)] })[0];
  return Buffer.from(r ? str(r, 'data') : '', 'base64');
}

/** Refuses content that would exceed a file's or the archive's size limit (`replacing`: bytes it frees). */
export function checkRoom(where: string, bytes: number, replacing = 0): void {
  if (bytes > FILE_LIMIT) throw fail(where, `the file is ${bytes} bytes; the sandbox's document archive keeps files of at most ${FILE_LIMIT} bytes`);
  const { rows } = db().query(`SELECT COALESCE(SUM(${quote('size')}), 0) FROM ${quote(ARCHIVE)}`);
  const used = Number(rows[0]?.[0] ?? 0);
  if (used - replacing + bytes > ARCHIVE_LIMIT) throw fail(where, `the sandbox's document archive is full (it keeps at most ${ARCHIVE_LIMIT} bytes in all; it holds ${used})`);
}

const quote = (name: string): string => `"${name}"`;

/** Row values of a file's content (accounted to the run's memory before they are encoded). */
function content(bytes: Buffer): CrmRow {
  reserve(bytes.length * 3);
  return { size: bytes.length, data: bytes.toString('base64') };
}

/** Stores a new committed version of a document; returns its number. */
export function addVersion(where: string, documentId: number, bytes: Buffer, description = '', extraFields = ''): number {
  checkRoom(where, bytes.length);
  const version = (latestVersion(documentId)?.version ?? 0) + 1;
  db().insert(ARCHIVE, { document_id: documentId, version, working: 0, description, extra_fields: extraFields, associate_id: db().actor().associateId, registered: db().now(), ...content(bytes) });
  return version;
}

/** Replaces the content of a stored file. */
export function replaceFile(where: string, file: ArchiveFile, bytes: Buffer): void {
  checkRoom(where, bytes.length, file.size);
  db().update(ARCHIVE, file.id, { registered: db().now(), ...content(bytes) });
}

/** Starts a checked-out copy of a document for the user, holding its newest content. */
export function addWorkingCopy(documentId: number, bytes: Buffer): void {
  checkRoom('NSDocumentAgent.CheckoutDocument', bytes.length);
  db().insert(ARCHIVE, { document_id: documentId, version: 0, working: 1, associate_id: db().actor().associateId, registered: db().now(), ...content(bytes) });
}

/** Removes stored files by id. */
export function removeFiles(files: ArchiveFile[]): void {
  for (const f of files) db().delete(ARCHIVE, f.id);
}

/** Removes every file of a document, and the key of its URL (when the document is deleted). */
export function removeDocumentFiles(documentId: number): void {
  if (hasTable('document_key')) for (const r of db().select('document_key', { columns: ['id'], where: [eq('document_id', documentId)] })) db().delete('document_key', num(r, 'id'));
  if (!hasTable(ARCHIVE)) return;
  const { versions, working } = documentFiles(documentId);
  removeFiles(working ? [...versions, working] : versions);
}

/** The stored file of a document template in a language ('' : the template's own), or null. */
export function templateFile(templateId: number, language: string): ArchiveFile | null {
  const rows = db().select(ARCHIVE, { columns: [...META, 'language'], where: [eq('doctmpl_id', templateId), eq('document_id', 0)], orderBy: [{ column: 'id' }] });
  const lang = language.toLowerCase();
  // the exact language, then the same language of another region (en for en-US), then the template's own, then any
  const pick =
    rows.find((r) => str(r, 'language').toLowerCase() === lang) ??
    rows.find((r) => lang && str(r, 'language').toLowerCase().split('-')[0] === lang.split('-')[0]) ??
    rows.find((r) => !str(r, 'language')) ??
    rows[0];
  return pick ? fileOf(pick) : null;
}

/** The languages a template has files in ('' stands for the template's own file). */
export function templateLanguages(templateId: number): string[] {
  return db()
    .select(ARCHIVE, { columns: ['language'], where: [eq('doctmpl_id', templateId), eq('document_id', 0)], orderBy: [{ column: 'id' }] })
    .map((r) => str(r, 'language'));
}

/** Stores the file of a template in a language, replacing the one it had in that language. */
export function putTemplate(where: string, templateId: number, language: string, bytes: Buffer): void {
  const old = db().select(ARCHIVE, { columns: META, where: [eq('doctmpl_id', templateId), eq('document_id', 0), eq('language', language)] })[0];
  if (old) return replaceFile(where, fileOf(old), bytes);
  checkRoom(where, bytes.length);
  db().insert(ARCHIVE, { doctmpl_id: templateId, language, associate_id: db().actor().associateId, registered: db().now(), ...content(bytes) });
}

/** A mail template by its name: the user's own (personal) before the shared one, or null. */
export function namedTemplate(name: string, allowPersonal: boolean): ArchiveFile | null {
  const rows = db().select(ARCHIVE, { columns: META, where: [eq('template_name', name), eq('document_id', 0), eq('doctmpl_id', 0)], orderBy: [{ column: 'id' }] }).map(fileOf);
  const me = db().actor().associateId;
  return (allowPersonal ? rows.find((f) => f.associateId === me && f.associateId) : undefined) ?? rows.find((f) => !f.associateId) ?? null;
}

/** Stores a mail template under a name, personal (the user's) or shared, replacing the one it had. */
export function putNamedTemplate(where: string, name: string, personal: boolean, bytes: Buffer): void {
  const owner = personal ? db().actor().associateId : 0;
  const old = db().select(ARCHIVE, { columns: META, where: [eq('template_name', name), eq('document_id', 0), eq('doctmpl_id', 0), eq('associate_id', owner)] })[0];
  if (old) return replaceFile(where, fileOf(old), bytes);
  checkRoom(where, bytes.length);
  db().insert(ARCHIVE, { template_name: name, associate_id: owner, registered: db().now(), ...content(bytes) });
}
