// Attachment: a file attached to a message (table attachment). The sandbox keeps the content in
// the database (table attachment_content, beside SuperOffice's tables: src/crm/schema.ts) so
// scripts can write and read it back.
import type { NativeClass, NativeGlobals } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { crm, int, text } from './access.js';
import { CrmEntity, entityMethods, type EntityDef } from './entity.js';

export class CrmAttachment extends CrmEntity {}

const CONTENT = 'attachment_content';

function content(a: CrmAttachment): Buffer {
  if (!a.id) throw new CrmError('Attachment: load or save the attachment first');
  return contentOf(a.id);
}

function contentOf(id: number): Buffer {
  const r = crm().select(CONTENT, { where: [{ column: 'attachment_id', op: '=', value: id }], limit: 1 })[0];
  return Buffer.from(text(r?.data), 'base64');
}

/** Attachment `id` as a file (for Email.addAttachment), or null when there is no such attachment. */
export function attachmentFile(id: number): { name: string; contentType: string; data: Buffer } | null {
  const row = crm().get('attachment', id);
  if (!row) return null;
  return { name: text(row.name) || `attachment-${id}`, contentType: text(row.content_type) || 'application/octet-stream', data: contentOf(id) };
}

function store(a: CrmAttachment, base64: string): number {
  const c = crm();
  const bytes = Buffer.from(base64, 'base64');
  a.setColumn('att_size', bytes.length);
  const id = a.save();
  const old = c.select(CONTENT, { columns: ['id'], where: [{ column: 'attachment_id', op: '=', value: id }] })[0];
  if (old) c.update(CONTENT, int(old.id), { data: bytes.toString('base64') });
  else c.insert(CONTENT, { attachment_id: id, data: bytes.toString('base64') });
  return id;
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
    'remove()': (self: CrmAttachment) => {
      if (!self.id) return;
      crm().delete('attachment', self.id);
      self.id = 0;
      self.row = {};
    },
  },
};

export const attachmentGlobals: NativeGlobals = {
  'getAttachmentsSize(Integer[])': (ids: number[]) => ids.reduce((sum, id) => sum + int(crm().get('attachment', id)?.att_size), 0),
};
