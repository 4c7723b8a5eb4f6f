// Inbox.addSmtpMail: a raw mail (RFC 822 / MIME text) put in Service's inbox under a mailbox
// (mail_in_filter). The sandbox has no mail import job to wait for, so the mail is imported at
// once, as NSCustomerServiceAgent.CreateTicketFromMailData imports one (netserver/agents/cs-mail.ts):
// a new request with the mailbox's category and priority and the mail as its first message, or,
// when the subject carries an existing request's tag ([#id]), a new message of that request. The
// inbox row keeps the mailbox, the UIDL (one mail per UIDL and mailbox: a second is refused), when
// it came and was imported, its size, the status imported and who put it there (plugin CRMScript,
// format smtp); the message points to it (ej_message.inbox). Returns the inbox row's id.
import type { NativeClass } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { messageFromMail, ticketFromMail } from '../netserver/agents/cs-mail.js';
import { crm } from './access.js';

/** inbox.status of an imported mail (the sandbox's number; SuperOffice does not document them). */
const IMPORTED = 2;
const TAG = /\[#(\d+)\]/;

export class CrmInbox {}

function addSmtpMail(mail: string, uidl: string, filterId: number): number {
  const where = 'Inbox.addSmtpMail';
  const c = crm();
  if (!(filterId > 0 && c.get('mail_in_filter', filterId))) throw new CrmError(`${where}: there is no mailbox with id ${filterId}`);
  const key = uidl.trim();
  if (!key) throw new CrmError(`${where}: give the mail a UIDL (any text unique for each mail)`);
  if (c.count('inbox', [{ column: 'mail_in_filter', op: '=', value: filterId }, { column: 'uidl', op: '=', value: key }])) {
    throw new CrmError(`${where}: mailbox ${filterId} already has the mail with UIDL "${key}"`);
  }
  const size = Buffer.byteLength(mail, 'utf8');
  const created = c.now();
  const subject = /^subject:(.*)$/im.exec(mail.split(/\r?\n\r?\n/)[0] ?? '')?.[1] ?? '';
  const tagged = Number(TAG.exec(subject)?.[1] ?? 0);
  const messageId = tagged > 0 && c.get('ticket', tagged) ? messageFromMail(where, tagged, mail) : ticketFromMail(where, filterId, mail).messageId;
  const id = c.insert('inbox', { mail_in_filter: filterId, locking_id: 0, uidl: key, created, imported: c.now(), status: IMPORTED, mail_size: size, plugin: 'CRMScript', format: 'smtp' });
  c.update('ej_message', messageId, { inbox: id });
  return id;
}

export const InboxClass: NativeClass = {
  name: 'Inbox',
  defaultValue: () => new CrmInbox(),
  ctors: { '()': () => new CrmInbox() },
  methods: {
    'addSmtpMail(String,String,Integer)': (_self: CrmInbox, mail: string, uidl: string, filterId: number) => addSmtpMail(mail, uidl, filterId),
  },
};
