// forwardMail(mail, to, ticketId): sends a mail given whole (RFC 822 / MIME text, as Inbox and
// NSCustomerServiceAgent's *FromMailData take it) on to other addresses through the run's outbox,
// as Email.send does (SMTP or the store's outbox after the run, within the run's mail limit). The
// mail keeps its sender, subject, bodies and files; a ticket id tags it with that request: its
// subject gets the request's tag "[#id]" (the tag mail import recognises, Inbox.addSmtpMail) unless
// it has it. `to` is one address or a list ("Name <a@b>, c@d"); 0 as the ticket id tags nothing.
import type { NativeGlobals } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { queueMail } from '../email.js';
import { parseEmailList } from '../string-email.js';
import { parseMail } from '../netserver/agents/mail-parse.js';
import { errorMessage } from '../../util/error-message.js';
import { crm, systemMailFrom } from './access.js';

const WHERE = 'forwardMail';

function forwardMail(raw: string, to: string, ticketId: number): void {
  const recipients = parseEmailList(String(to));
  if (!recipients?.length) throw new CrmError(`${WHERE}: "${to}" is not an e-mail address or a list of them`);
  let mail;
  try {
    mail = parseMail(String(raw));
  } catch (e) {
    throw new CrmError(`${WHERE}: ${errorMessage(e)}`);
  }
  let subject = mail.subject;
  if (ticketId) {
    if (!crm().get('ticket', ticketId)) throw new CrmError(`${WHERE}: there is no request with id ${ticketId} to tag the mail with`);
    if (!subject.includes(`[#${ticketId}]`)) subject = `[#${ticketId}] ${subject}`.trimEnd();
  }
  queueMail(WHERE, () => ({
    from: mail.from || systemMailFrom(),
    to: recipients.map(([name, address]) => (name ? `${name} <${address}>` : address)),
    cc: [],
    bcc: [],
    sms: [],
    smsFrom: '',
    subject,
    text: mail.text,
    html: mail.html,
    headers: {},
    ...(mail.files.length ? { attachments: mail.files.map((f) => ({ name: f.name, contentType: f.contentType, base64: f.data.toString('base64'), inline: false, cid: '' })) } : {}),
  }));
}

export const forwardMailGlobals: NativeGlobals = {
  'forwardMail(String,String,Integer)': (mail: string, to: string, ticketId: number) => forwardMail(mail, to, ticketId),
};
