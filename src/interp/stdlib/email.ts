// Email: compose a message with setValue and send() it. Sending queues the message on the run
// (rt.outbox); when the run ends the host delivers it through the store's SMTP settings, or keeps
// it in the store's outbox when no SMTP server is configured (src/macros/outbox.ts).
import type { NativeClass } from './registry.js';
import { CrmError } from '../runtime/values.js';
import { rt, type OutgoingMail } from '../runtime/context.js';
import { charge } from '../runtime/memory.js';

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

function send(self: CrmEmail): void {
  if (self.to.length + self.cc.length + self.bcc.length + self.sms.length === 0) {
    throw new CrmError('Email.send: the message has no recipient; set "to", "cc", "bcc" or "sms" first.');
  }
  if (rt.outbox.length >= rt.mailLimit) {
    throw new CrmError(
      `Email.send: this run already sent ${rt.mailLimit} mails, the most one run may send (the store setting mailsPerRun changes it).`,
    );
  }
  charge(2 * (self.subject.length + self.text.length + self.html.length) + 512);
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
  rt.outbox.push(mail);
}

export const EmailClass: NativeClass = {
  name: 'Email',
  defaultValue: () => new CrmEmail(),
  ctors: { '()': () => new CrmEmail() },
  methods: {
    'setValue(String,String)': (self: CrmEmail, name: string, value: string) => setValue(self, name, value),
    'send()': (self: CrmEmail) => send(self),
  },
};
