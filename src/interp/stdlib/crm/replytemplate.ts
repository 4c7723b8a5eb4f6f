// ReplyTemplate: a reply template (table reply_template) with its subject and bodies per customer
// language (reply_template_body, language_id → cust_lang) and its attachments
// (reply_template_attachment). A language the template has no body for falls back to the body
// flagged as default (ReplyTemplateBodyDefault), then to the first body.
import type { NativeClass, NativeGlobals } from '../registry.js';
import type { CrmRow } from '../../runtime/crm-service.js';
import { crm, int, text } from './access.js';

const DEFAULT_BODY = 1;

export class CrmReplyTemplate {
  id = 0;
  row: CrmRow | null = null;
  bodies: CrmRow[] = [];

  load(id: number): boolean {
    const c = crm();
    this.row = c.get('reply_template', id);
    this.id = this.row ? id : 0;
    this.bodies = this.row ? c.select('reply_template_body', { where: [{ column: 'reply_template_id', op: '=', value: id }], orderBy: [{ column: 'id' }] }) : [];
    return this.row !== null;
  }

  body(language: number): CrmRow | undefined {
    return this.bodies.find((b) => int(b.language_id) === language) ?? this.bodies.find((b) => (int(b.flags) & DEFAULT_BODY) !== 0) ?? this.bodies[0];
  }

  part(language: number, column: string): string {
    return text(this.body(language)?.[column]);
  }
}

export const ReplyTemplateClass: NativeClass = {
  name: 'ReplyTemplate',
  defaultValue: () => new CrmReplyTemplate(),
  ctors: { '()': () => new CrmReplyTemplate() },
  methods: {
    'load(Integer)': (self: CrmReplyTemplate, id: number) => self.load(id),
    'getName()': (self: CrmReplyTemplate) => text(self.row?.name),
    'getSubject(Integer)': (self: CrmReplyTemplate, lang: number) => self.part(lang, 'subject'),
    'getPlainBody(Integer)': (self: CrmReplyTemplate, lang: number) => self.part(lang, 'body_plain'),
    'getHtmlBody(Integer)': (self: CrmReplyTemplate, lang: number) => self.part(lang, 'body_html'),
    'getSmsBody(Integer)': (self: CrmReplyTemplate, lang: number) => self.part(lang, 'body_sms'),
    // attachments belong to the template, whatever the language
    'getAttachments(Integer)': (self: CrmReplyTemplate) =>
      self.id ? crm().select('reply_template_attachment', { columns: ['attachment_id'], where: [{ column: 'entry_id', op: '=', value: self.id }], orderBy: [{ column: 'id' }] }).map((r) => int(r.attachment_id)) : [],
  },
};

/** A template's part in a language (-1: its default body); "" for a template that is not there. */
function templatePart(id: number, language: number, column: string): string {
  const t = new CrmReplyTemplate();
  return t.load(id) ? t.part(language, column) : '';
}

/**
 * The reply template merged with messages posted in a category (ej_category.reply_template): the
 * category's own, else the nearest parent's; 0 when none is set up.
 */
function templateOfCategory(categoryId: number): number {
  const seen = new Set<number>();
  for (let id = categoryId; id > 0 && !seen.has(id); ) {
    seen.add(id);
    const row = crm().get('ej_category', id);
    if (!row) return 0;
    if (int(row.reply_template) > 0) return int(row.reply_template);
    id = int(row.parent_id);
  }
  return 0;
}

export const replyTemplateGlobals: NativeGlobals = {
  'findReplyTemplateToMerge(Integer)': (categoryId: number) => templateOfCategory(categoryId),
  'getReplyTemplateBody(Integer,Bool,Integer)': (id: number, useHtml: boolean, language: number) => templatePart(id, language, useHtml ? 'body_html' : 'body_plain'),
  'getReplyTemplateSubject(Integer,Integer)': (id: number, language: number) => templatePart(id, language, 'subject'),
};
