// Delivers the mail a run sent (Email.send, a macro's "Send an email" action): through the SMTP
// server of the store's settings when one is configured, else into the store's outbox, which the
// TUI shows. Every message is recorded in the outbox; sentAt is set for those the SMTP server
// accepted. SMS numbers have no gateway here, so they stay in the outbox.
import type { Store } from '../store/store.js';
import type { SmtpSettings } from '../store/schema.js';
import { enqueueNotification, markNotificationSent } from '../store/repos.js';
import type { MailAttachment, OutgoingMail } from '../interp/runtime/context.js';
import { errorMessage } from '../interp/util/error-message.js';

export interface DeliveryReport {
  /** Messages the SMTP server accepted. */
  sent: number;
  /** Messages left in the outbox (no SMTP settings, SMS, or sending failed). */
  queued: number;
  /** Why messages could not be sent, one sentence each. */
  errors: string[];
}

/** The outbox's "to" column: every recipient, with cc/bcc/sms marked. */
export function recipientsText(m: OutgoingMail): string {
  return [
    ...m.to,
    ...m.cc.map((x) => `cc: ${x}`),
    ...m.bcc.map((x) => `bcc: ${x}`),
    ...m.sms.map((x) => `sms: ${x}`),
  ].join(', ');
}

interface Outcome {
  /** The SMTP server accepted it. */
  sent: boolean;
  /** What went wrong (or was left out), as a sentence fragment; null when nothing did. */
  problem: string | null;
}

/** A CRM attachment as nodemailer takes it: an inline one is shown in the HTML body by its content id. */
function asNodemailer(a: MailAttachment): { filename: string; content: Buffer; contentType: string; cid?: string; contentDisposition: 'inline' | 'attachment' } {
  return { filename: a.name, content: Buffer.from(a.base64, 'base64'), contentType: a.contentType, ...(a.inline ? { cid: a.cid } : {}), contentDisposition: a.inline ? 'inline' : 'attachment' };
}

/** Sends every message through SMTP. */
async function sendAll(smtp: SmtpSettings, mails: OutgoingMail[]): Promise<Outcome[]> {
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user !== '' ? { user: smtp.user, pass: smtp.password } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  const results: Outcome[] = [];
  try {
    for (const m of mails) {
      if (m.to.length + m.cc.length + m.bcc.length === 0) {
        results.push({ sent: false, problem: 'it has only SMS recipients, and no SMS gateway is configured' });
        continue;
      }
      const from = m.from || smtp.from || smtp.user;
      if (from === '') {
        results.push({ sent: false, problem: 'it has no sender: set "from" in the message or in the SMTP settings' });
        continue;
      }
      try {
        await transport.sendMail({
          from,
          to: m.to,
          cc: m.cc,
          bcc: m.bcc,
          subject: m.subject,
          text: m.text,
          ...(m.html !== '' ? { html: m.html } : {}),
          headers: m.headers,
          ...(m.attachments ? { attachments: m.attachments.map(asNodemailer) } : {}),
        });
        results.push({ sent: true, problem: m.sms.length > 0 ? 'its SMS recipients were left out (no SMS gateway is configured)' : null });
      } catch (e) {
        results.push({ sent: false, problem: `the SMTP server ${smtp.host}:${smtp.port} did not accept it (${errorMessage(e)})` });
      }
    }
  } finally {
    transport.close();
  }
  return results;
}

/** Delivers `mails` and records them in the store's outbox. Never throws for a sending problem. */
export async function deliverOutbox(store: Store, mails: OutgoingMail[] | undefined): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, queued: 0, errors: [] };
  if (!mails || mails.length === 0) return report;
  const smtp = store.read().settings.smtp;
  const outcomes: Outcome[] = smtp ? await sendAll(smtp, mails) : mails.map(() => ({ sent: false, problem: null }));
  await store.update((d) => {
    mails.forEach((m, i) => {
      const files = m.attachments?.map((a) => ({ name: a.name, contentType: a.contentType, bytes: Buffer.byteLength(a.base64, 'base64') }));
      const n = enqueueNotification(d, { to: recipientsText(m), subject: m.subject, body: m.text !== '' ? m.text : m.html, files });
      if (outcomes[i]!.sent) markNotificationSent(d, n.id);
    });
  });
  mails.forEach((m, i) => {
    const o = outcomes[i]!;
    if (o.sent) report.sent++;
    else report.queued++;
    if (o.problem) {
      const what = o.sent ? 'was sent, but' : 'was kept in the outbox:';
      report.errors.push(`The message "${m.subject}" to ${recipientsText(m)} ${what} ${o.problem}.`);
    }
  });
  return report;
}
