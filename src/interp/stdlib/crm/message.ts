// Message: one message of a ticket (table ej_message), its attachments (ticket_attachment), and
// sending it: mail and SMS are queued like Email.send and delivered by the host after the run.
import type { NativeClass } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { rt } from '../../runtime/context.js';
import type { CrmVector } from '../vector.js';
import { crm, int, text } from './access.js';
import { CrmEntity, entityMethods, linked, type EntityDef } from './entity.js';
import { messageVars, toParserMethod } from './to-parser.js';

export class CrmMessage extends CrmEntity {
  attachments: number[] = [];
  headers: [string, string][] = [];
}

const def: EntityDef<CrmMessage> = {
  cls: 'Message',
  table: 'ej_message',
  aliases: { bodyhtml: 'html_body', htmlbody: 'html_body', emailheader: 'email_header', ticketid: 'ticket_id', messageid: 'message_id', customerid: 'customer_id' },
  defaults: () => {
    const c = crm();
    const me = c.actor();
    return { created_at: c.now(), created_by: me.userId || 1, author: me.name, type: 1, slevel: 1 };
  },
  beforeSave: (m, isNew, values) => {
    if (m.headers.length) values.email_header = [text(m.raw('email_header')), ...m.headers.map(([k, v]) => `${k}: ${v}`)].filter((x) => x).join('\n');
    m.headers = [];
    if (!isNew) values.changed_at = crm().now();
    if (isNew && !text(values.search_title) && values.body) values.search_title = String(values.body).slice(0, 40);
  },
  afterSave: (m, isNew) => {
    const c = crm();
    for (const id of m.attachments) c.insert('ticket_attachment', { attachment_id: id, message_id: m.id, inline_image: 0 });
    m.attachments = [];
    const ticket = int(m.raw('ticket_id'));
    if (isNew && ticket) c.update('ticket', ticket, { last_changed: c.now(), ...(attachmentCount(m) ? { has_attachment: 1 } : {}) });
  },
};

function attachmentCount(m: CrmMessage): number {
  return m.id ? crm().count('ticket_attachment', [{ column: 'message_id', op: '=', value: m.id }]) : 0;
}

function mailFrom(): string {
  return text(linked('config', 1)?.default_mail);
}

function send(m: CrmMessage, to: CrmVector, cc: CrmVector, bcc: CrmVector, subject?: string): boolean {
  if (!m.id) m.save();
  const ticket = linked('ticket', m.raw('ticket_id'));
  const html = text(m.raw('html_body'));
  rt.outbox.push({
    from: mailFrom(),
    to: [...to.items],
    cc: [...cc.items],
    bcc: [...bcc.items],
    sms: [],
    smsFrom: '',
    subject: subject ?? (ticket ? `[Id:${text(ticket.id)}] ${text(ticket.title)}` : ''),
    text: text(m.raw('body')),
    html,
    headers: {},
  });
  return to.items.length + cc.items.length + bcc.items.length > 0;
}

export const MessageClass: NativeClass = {
  name: 'Message',
  defaultValue: () => new CrmMessage(def as EntityDef<never>),
  ctors: { '()': () => new CrmMessage(def as EntityDef<never>) },
  methods: {
    ...entityMethods(def as EntityDef<never>),
    'toParser(Parser)': toParserMethod(messageVars, false),
    'save(String)': (self: CrmMessage) => self.save(),
    'save(String,Bool)': (self: CrmMessage) => self.save(),
    'addHeader(String,String)': (self: CrmMessage, name: string, value: string) => void self.headers.push([name, value]),
    'getAttachments()': (self: CrmMessage) =>
      self.id ? crm().select('ticket_attachment', { columns: ['attachment_id'], where: [{ column: 'message_id', op: '=', value: self.id }], orderBy: [{ column: 'id' }] }).map((r) => int(r.attachment_id)) : [],
    'setAttachments(Vector)': (self: CrmMessage, v: CrmVector) => {
      self.attachments = v.items.map((s) => Number(s)).filter((n) => n > 0);
      if (self.id) {
        crm().select('ticket_attachment', { columns: ['id'], where: [{ column: 'message_id', op: '=', value: self.id }] }).forEach((r) => crm().delete('ticket_attachment', int(r.id)));
        def.afterSave!(self, false);
      }
    },
    'send(Vector,Vector,Vector)': (self: CrmMessage, to: CrmVector, cc: CrmVector, bcc: CrmVector) => send(self, to, cc, bcc),
    'send(Vector,Vector,Vector,Integer)': (self: CrmMessage, to: CrmVector, cc: CrmVector, bcc: CrmVector) => send(self, to, cc, bcc),
    'send(Vector,Vector,Vector,String)': (self: CrmMessage, to: CrmVector, cc: CrmVector, bcc: CrmVector, subject: string) => send(self, to, cc, bcc, subject),
    'send(Vector,Vector,Vector,String,String)': (self: CrmMessage, to: CrmVector, cc: CrmVector, bcc: CrmVector, subject: string) => send(self, to, cc, bcc, subject),
    'sendSms(Vector)': (self: CrmMessage, numbers: CrmVector) => {
      if (!numbers.items.length) return false;
      rt.outbox.push({ from: '', to: [], cc: [], bcc: [], sms: [...numbers.items], smsFrom: mailFrom(), subject: '', text: text(self.raw('body')), html: '', headers: {} });
      return true;
    },
    'saveInvolved(String)': (self: CrmMessage, ids: string) => {
      if (!self.id) throw new CrmError('Message.saveInvolved: save the message first');
      const ticket = int(self.raw('ticket_id'));
      for (const id of ids.split(',').map((s) => Number(s.trim())).filter((n) => n > 0)) crm().insert('ticket_customers', { ticket_id: ticket, customer_id: id });
    },
  },
};
