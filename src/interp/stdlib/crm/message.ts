// Message: one message of a ticket (table ej_message), its attachments (ticket_attachment), and
// sending it: mail and SMS are queued like Email.send and delivered by the host after the run.
// The recipients of a message are the To, Cc and Bcc lines of its header (email_header).
import type { NativeClass } from '../registry.js';
import type { CrmRow } from '../../runtime/crm-service.js';
import { CrmError, isNullString } from '../../runtime/values.js';
import { queueMail } from '../email.js';
import { htmlEncode } from '../string-markup.js';
import type { CrmVector } from '../vector.js';
import { crm, int, systemMailFrom, text } from './access.js';
import { CrmEntity, entityMethods, linked, type EntityDef } from './entity.js';
import { messageVars, toParserMethod } from './to-parser.js';
import { inlineImagesAsUrls } from './attachment-url.js';
import { headerRecipients, splitAddresses, writeTicketLog } from './ticket.js';
import { attachmentsOf, linkAttachments, markTicketAttachments, messageAdded, messageChanged, newMessageDefaults, searchTitleOf, unlinkAttachments } from './message-ticket.js';

export class CrmMessage extends CrmEntity {
  attachments: number[] = [];
  headers: [string, string][] = [];
}

// ticket.read_status (TicketReadStatus)
const READ_GREEN = 1;
const READ_YELLOW = 2;

const def: EntityDef<CrmMessage> = {
  cls: 'Message',
  table: 'ej_message',
  aliases: { bodyhtml: 'html_body', htmlbody: 'html_body', emailheader: 'email_header', ticketid: 'ticket_id', messageid: 'message_id', customerid: 'customer_id' },
  defaults: () => newMessageDefaults(),
  beforeSave: (m, isNew, values) => {
    if (m.headers.length) values.email_header = [text(m.raw('email_header')), ...m.headers.map(([k, v]) => `${k}: ${v}`)].filter((x) => x).join('\n');
    m.headers = [];
    if (!isNew) Object.assign(values, messageChanged());
    if (isNew && !text(values.search_title) && values.body) values.search_title = searchTitleOf(String(values.body));
  },
  afterSave: (m, isNew) => {
    linkAttachments(m.id, m.attachments);
    const attached = m.attachments.length > 0;
    m.attachments = [];
    if (isNew) messageAdded(int(m.raw('ticket_id')), attached);
  },
};

/** Saves the message, then writes `log` to its ticket's log; unless `noNewInfo`, a green (read) ticket turns yellow. */
function saveWithLog(m: CrmMessage, log: string, noNewInfo = true): number {
  const id = m.save();
  const ticket = linked('ticket', m.raw('ticket_id'));
  if (ticket && log) writeTicketLog(int(ticket.id), log);
  if (ticket && !noNewInfo && int(ticket.read_status) === READ_GREEN) crm().update('ticket', int(ticket.id), { read_status: READ_YELLOW });
  return id;
}

/**
 * Records an address as a recipient of the message (a To line of its header), once: at once for a
 * saved message, with the message's next save for a new one (as the reference's example calls it).
 */
function saveInvolved(m: CrmMessage, address: string): void {
  const [email] = splitAddresses(address);
  if (!email) throw new CrmError(`Message.saveInvolved: "${address}" is not an email address`);
  const header = text(m.raw('email_header'));
  if (headerRecipients(header).some((a) => a.toLowerCase() === email.toLowerCase())) return;
  const updated = [header, `To: ${email}`].filter((x) => x).join('\n');
  if (!m.id) {
    m.pending.email_header = updated;
    return;
  }
  crm().update('ej_message', m.id, { email_header: updated });
  m.row.email_header = updated;
  if ('email_header' in m.pending) m.pending.email_header = updated;
}

/**
 * Queues a saved message (an ej_message row) as mail for `what`: its ticket's "[Id:n] title" as the
 * subject unless one is given; a heading (not null, not empty) goes on top of the body. Whether
 * it had a recipient.
 */
export function mailMessage(what: string, row: CrmRow, to: string[], cc: string[], bcc: string[], subject?: string, heading?: string): boolean {
  const ticket = linked('ticket', row.ticket_id ?? null);
  const body = text(row.body);
  const html = text(row.html_body);
  const head = heading === undefined || isNullString(heading) ? '' : heading;
  queueMail(what, () => ({
    from: systemMailFrom(),
    to: [...to],
    cc: [...cc],
    bcc: [...bcc],
    sms: [],
    smsFrom: '',
    subject: subject ?? (ticket ? `[Id:${text(ticket.id)}] ${text(ticket.title)}` : ''),
    text: head ? `${head}\n\n${body}` : body,
    html: head && html ? `<p>${htmlEncode(head)}</p>${html}` : html,
    headers: {},
  }));
  return to.length + cc.length + bcc.length > 0;
}

/** Message.send: the message (saved first when new) as mail. */
function send(m: CrmMessage, to: CrmVector, cc: CrmVector, bcc: CrmVector, subject?: string, heading?: string): boolean {
  if (!m.id) m.save();
  return mailMessage('Message.send', { ticket_id: m.raw('ticket_id'), body: m.raw('body'), html_body: m.raw('html_body') }, to.items, cc.items, bcc.items, subject, heading);
}

export const MessageClass: NativeClass = {
  name: 'Message',
  defaultValue: () => new CrmMessage(def as EntityDef<never>),
  ctors: { '()': () => new CrmMessage(def as EntityDef<never>) },
  methods: {
    ...entityMethods(def as EntityDef<never>),
    'toParser(Parser)': toParserMethod(messageVars, false),
    'save(String)': (self: CrmMessage, log: string) => saveWithLog(self, log),
    'save(String,Bool)': (self: CrmMessage, log: string, noNewInfo: boolean) => saveWithLog(self, log, noNewInfo),
    'addHeader(String,String)': (self: CrmMessage, name: string, value: string) => void self.headers.push([name, value]),
    'getAttachments()': (self: CrmMessage) => attachmentsOf(self.id),
    // the HTML body's cid: images of the message's attachments become their download URLs (saved with the message)
    'convertInlineImages()': (self: CrmMessage) => {
      const html = text(self.raw('html_body'));
      const converted = inlineImagesAsUrls(self.id, html);
      if (converted !== html) self.setColumn('html_body', converted);
    },
    'setAttachments(Vector)': (self: CrmMessage, v: CrmVector) => {
      self.attachments = v.items.map((s) => Number(s)).filter((n) => n > 0);
      if (!self.id) return;
      unlinkAttachments(self.id);
      linkAttachments(self.id, self.attachments.splice(0));
      markTicketAttachments(int(self.raw('ticket_id')));
    },
    'send(Vector,Vector,Vector)': (self: CrmMessage, to: CrmVector, cc: CrmVector, bcc: CrmVector) => send(self, to, cc, bcc),
    'send(Vector,Vector,Vector,Integer)': (self: CrmMessage, to: CrmVector, cc: CrmVector, bcc: CrmVector) => send(self, to, cc, bcc),
    'send(Vector,Vector,Vector,String)': (self: CrmMessage, to: CrmVector, cc: CrmVector, bcc: CrmVector, subject: string) => send(self, to, cc, bcc, subject),
    'send(Vector,Vector,Vector,String,String)': (self: CrmMessage, to: CrmVector, cc: CrmVector, bcc: CrmVector, subject: string, heading: string) =>
      send(self, to, cc, bcc, subject, heading),
    'sendSms(Vector)': (self: CrmMessage, numbers: CrmVector) => {
      if (!numbers.items.length) return false;
      queueMail('Message.sendSms', () => ({ from: '', to: [], cc: [], bcc: [], sms: [...numbers.items], smsFrom: systemMailFrom(), subject: '', text: text(self.raw('body')), html: '', headers: {} }));
      return true;
    },
    'saveInvolved(String)': (self: CrmMessage, address: string) => saveInvolved(self, address),
    'saveInvolved(Vector)': (self: CrmMessage, addresses: CrmVector) => {
      for (const a of addresses.items) saveInvolved(self, a);
    },
  },
};
