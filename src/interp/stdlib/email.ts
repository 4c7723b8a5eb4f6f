// Email: compose a message with setValue and send() it. Sending queues the message on the run
// (rt.outbox); when the run ends the host delivers it through the store's SMTP settings, or keeps
// it in the store's outbox when no SMTP server is configured (src/macros/outbox.ts). A message may
// carry CRM attachments (addAttachment), read from the sandbox CRM when it is sent.
import type { NativeClass } from './registry.js';
import { CrmError } from '../runtime/values.js';
import { rt, type MailAttachment, type OutgoingMail } from '../runtime/context.js';
import { charge } from '../runtime/memory.js';
import { attachmentFile } from './crm/attachment.js';
import { crm } from './crm/access.js';

export class CrmEmail {
  from = '';
  to: string[] = [];
  cc: string[] = [];
  bcc: string[] = [];
  sms: string[] = [];
  smsFrom = '';
  subject = '';
  text = '';
  html = '';
  ticketId = '';
  /** Null prototype: header names come from the script ("__proto__", "constructor"). */
  headers: Record<string, string> = Object.create(null) as Record<string, string>;
  /** The CRM attachments added (their content is read when the message is sent). */
  attachments: { id: number; inline: boolean; cid: string }[] = [];
}

/** Attachments one message may carry. */
const MAX_ATTACHMENTS = 100;

/**
 * Adds CRM attachment `id`; returns the content id the message knows it by, which an HTML body
 * shows an inline one with (`<img src="cid:...">`).
 */
function addAttachment(self: CrmEmail, id: number, inline: boolean): string {
  // only whether it exists: its content is read when the message is sent
  if (!crm().get('attachment', id)) throw new CrmError(`Email.addAttachment: there is no attachment with id ${id}.`);
  if (self.attachments.length >= MAX_ATTACHMENTS) throw new CrmError(`Email.addAttachment: a message carries at most ${MAX_ATTACHMENTS} attachments.`);
  const cid = `attachment${self.attachments.length + 1}.${id}@crmscript`;
  self.attachments.push({ id, inline, cid });
  return cid;
}

/** The message's attachments as files, their content as it is now (charged to the run's memory). */
function files(self: CrmEmail): MailAttachment[] {
  return self.attachments.map(({ id, inline, cid }) => {
    const f = attachmentFile(id);
    if (!f) throw new CrmError(`Email.send: attachment ${id} was deleted after it was added.`);
    const base64 = f.data.toString('base64');
    charge(2 * base64.length + 256);
    return { name: f.name, contentType: f.contentType, base64, inline, cid };
  });
}

/** Fields with a meaning of their own; any other name becomes a header of the message. */
const LIST_FIELDS = { to: 'to', cc: 'cc', bcc: 'bcc', sms: 'sms' } as const;
const SINGLE_FIELDS = { from: 'from', smsfrom: 'smsFrom', subject: 'subject', body: 'text', bodyhtml: 'html', ticketid: 'ticketId' } as const;

function setValue(self: CrmEmail, name: string, value: string): void {
  const key = name.trim().toLowerCase();
  if (Object.hasOwn(LIST_FIELDS, key)) {
    // one recipient per call, as the API asks; blank values are ignored
    if (value.trim() !== '') self[LIST_FIELDS[key as keyof typeof LIST_FIELDS]].push(value.trim());
  } else if (Object.hasOwn(SINGLE_FIELDS, key)) {
    self[SINGLE_FIELDS[key as keyof typeof SINGLE_FIELDS]] = value;
  } else if (key !== '') {
    if (/[\r\n:]/.test(name)) throw new CrmError(`Email.setValue: "${name}" cannot be used as a header name.`);
    self.headers[name.trim()] = value;
  }
}

/**
 * Queues a mail of the run (Email.send, Message.send and sendSms, Ticket.notifyEmail), made by
 * `make` once the run's mail limit leaves room for it; charged to the run's memory. `what` names
 * the call in the error.
 */
export function queueMail(what: string, make: () => OutgoingMail): void {
  if (rt.outbox.length >= rt.mailLimit) {
    throw new CrmError(`${what}: this run already sent ${rt.mailLimit} mails, the most one run may send (the store setting mailsPerRun changes it).`);
  }
  const mail = make();
  charge(2 * (mail.subject.length + mail.text.length + mail.html.length) + 512);
  rt.outbox.push(mail);
}

function send(self: CrmEmail): void {
  if (self.to.length + self.cc.length + self.bcc.length + self.sms.length === 0) {
    throw new CrmError('Email.send: the message has no recipient; set "to", "cc", "bcc" or "sms" first.');
  }
  queueMail('Email.send', () => {
    const mail: OutgoingMail = {
      from: self.from,
      to: [...self.to],
      cc: [...self.cc],
      bcc: [...self.bcc],
      sms: [...self.sms],
      smsFrom: self.smsFrom,
      subject: self.subject,
      text: self.text,
      html: self.html,
      headers: Object.assign(Object.create(null) as Record<string, string>, self.headers),
    };
    if (self.attachments.length > 0) mail.attachments = files(self);
    return mail;
  });
}

export const EmailClass: NativeClass = {
  name: 'Email',
  defaultValue: () => new CrmEmail(),
  ctors: { '()': () => new CrmEmail() },
  methods: {
    'setValue(String,String)': (self: CrmEmail, name: string, value: string) => setValue(self, name, value),
    'send()': (self: CrmEmail) => send(self),
    'addAttachment(Integer,Bool)': (self: CrmEmail, id: number, inline: boolean) => addAttachment(self, id, inline),
  },
};
