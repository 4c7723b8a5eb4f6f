// Attachment: a file attached to a message (table attachment). The sandbox keeps the content in
// the database (table attachment_content, beside SuperOffice's tables: src/crm/sandbox-tables.ts)
// so scripts can write and read it back. saveCgiAttachment / saveAllCgiAttachments save the
// files a web form posted (multipart/form-data) as attachments.
import type { NativeClass, NativeGlobals } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { rt, type CgiFile } from '../../runtime/context.js';
import { crm, int, text } from './access.js';
import { CrmEntity, entityMethods, type EntityDef } from './entity.js';
import { markTicketAttachments, ticketOfMessage } from './message-ticket.js';
import { documentFile } from './document-file.js';
import { dumpFile } from './attachment-dump.js';
import { attachmentUrl } from './attachment-url.js';

export class CrmAttachment extends CrmEntity {}

const CONTENT = 'attachment_content';

function content(a: CrmAttachment): Buffer {
  if (!a.id) throw new CrmError('Attachment: load or save the attachment first');
  return contentOf(a.id);
}

/** The stored content of attachment `id` (no bytes when none was stored). */
export function contentOf(id: number): Buffer {
  const r = crm().select(CONTENT, { where: [{ column: 'attachment_id', op: '=', value: id }], limit: 1 })[0];
  return Buffer.from(text(r?.data), 'base64');
}

/** Attachment `id` as a file (for Email.addAttachment), or null when there is no such attachment. */
export function attachmentFile(id: number): { name: string; contentType: string; data: Buffer } | null {
  const row = crm().get('attachment', id);
  if (!row) return null;
  return { name: text(row.name) || `attachment-${id}`, contentType: text(row.content_type) || 'application/octet-stream', data: contentOf(id) };
}

/** Keeps `bytes` as the content of attachment `id` (replacing what it had); att_size is the caller's. */
export function putContent(id: number, bytes: Buffer): void {
  const c = crm();
  const old = c.select(CONTENT, { columns: ['id'], where: [{ column: 'attachment_id', op: '=', value: id }] })[0];
  if (old) c.update(CONTENT, int(old.id), { data: bytes.toString('base64') });
  else c.insert(CONTENT, { attachment_id: id, data: bytes.toString('base64') });
}

/** Saves the attachment with this content; returns the number of bytes written (the id is then the attachment's). */
function store(a: CrmAttachment, base64: string): number {
  const bytes = Buffer.from(base64, 'base64');
  a.setColumn('att_size', bytes.length);
  putContent(a.save(), bytes);
  return bytes.length;
}

const rowsWith = (table: string, id: number): number[] => crm().select(table, { columns: ['id'], where: [{ column: 'attachment_id', op: '=', value: id }] }).map((r) => int(r.id));

/** Deletes attachment `id` with its content and the rows linking it to messages and reply templates. */
function removeAttachment(id: number): void {
  const c = crm();
  const messages = c.select('ticket_attachment', { columns: ['message_id'], where: [{ column: 'attachment_id', op: '=', value: id }] }).map((r) => int(r.message_id));
  for (const table of [CONTENT, 'ticket_attachment', 'reply_template_attachment']) for (const rowId of rowsWith(table, id)) c.delete(table, rowId);
  c.delete('attachment', id);
  // a ticket none of whose messages has an attachment left no longer has attachments
  const tickets = new Set(messages.map(ticketOfMessage).filter((t) => t > 0));
  for (const t of tickets) markTicketAttachments(t);
}

const def: EntityDef<CrmAttachment> = {
  cls: 'Attachment',
  table: 'attachment',
  aliases: { contenttype: 'content_type', size: 'att_size', key: 'auth_key', dbiagentid: 'dbi_agent_id', dbikey: 'dbi_key', dbilastmodified: 'dbi_last_modified', dbilastsyncronized: 'dbi_last_syncronized' },
};

export const AttachmentClass: NativeClass = {
  name: 'Attachment',
  defaultValue: () => new CrmAttachment(def as EntityDef<never>),
  ctors: { '()': () => new CrmAttachment(def as EntityDef<never>) },
  methods: {
    ...entityMethods(def as EntityDef<never>),
    'saveBase64(String)': (self: CrmAttachment, data: string) => store(self, data),
    'getBase64()': (self: CrmAttachment) => content(self).toString('base64'),
    'getRaw()': (self: CrmAttachment) => content(self).toString('latin1'),
    'getDownloadUrl(Bool,Bool)': (self: CrmAttachment, external: boolean, saveToDisk: boolean) => attachmentUrl(self.id, external, saveToDisk, 'Attachment.getDownloadUrl'),
    'dump()': (self: CrmAttachment) => dumpFile(self.id ? attachmentFile(self.id) : null, false),
    'dump(Bool)': (self: CrmAttachment, download: boolean) => dumpFile(self.id ? attachmentFile(self.id) : null, download),
    'remove()': (self: CrmAttachment) => {
      if (!self.id) return;
      removeAttachment(self.id);
      self.id = 0;
      self.row = {};
      self.pending = {};
    },
  },
};

/** Saves a file as a new attachment; returns its id. */
function saveFile(name: string, contentType: string, data: Uint8Array): number {
  const a = new CrmAttachment(def as EntityDef<never>);
  a.setColumn('name', name);
  a.setColumn('content_type', contentType);
  store(a, Buffer.from(data).toString('base64'));
  return a.id;
}

/** Saves a file posted with the request's form as a new attachment; returns its id. */
const saveCgiFile = (f: CgiFile): number => saveFile(f.name, f.contentType, f.data);

const cgiFiles = (field: string): CgiFile[] => (rt.web?.files ?? []).filter((f) => f.field === field);

export const attachmentGlobals: NativeGlobals = {
  'getAttachmentsSize(Integer[])': (ids: number[]) => ids.reduce((sum, id) => sum + int(crm().get('attachment', id)?.att_size), 0),
  // the file of a form's file field (the first, when several were posted with one name); 0 when none was posted
  'saveCgiAttachment(String)': (field: string) => {
    const f = cgiFiles(field)[0];
    return f ? saveCgiFile(f) : 0;
  },
  'saveAllCgiAttachments(String)': (field: string) => cgiFiles(field).map(saveCgiFile),
  // a copy of the document's content as it is now (no link is kept); 0 when there is no such
  // document or it has no content in the sandbox's document archive
  'copyCRMDocumentToAttachment(Integer)': (documentId: number) => {
    const file = documentFile(documentId);
    return file ? saveFile(file.name, file.contentType, file.data) : 0;
  },
};
