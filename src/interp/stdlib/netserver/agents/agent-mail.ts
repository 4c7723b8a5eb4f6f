// A mail an agent sends (a quote version, a consent confirmation): from the system's sender to the
// recipients, its body as text or as HTML, queued in the run's outbox as Email.send queues one
// (delivered by SMTP after the run, or kept in the store's outbox).
import type { MailAttachment } from '../../../runtime/context.js';
import { queueMail } from '../../email.js';
import { systemMailFrom } from '../../crm/access.js';

export function sendAgentMail(where: string, to: string[], subject: string, body: string, html: boolean, attachments: MailAttachment[] = []): void {
  queueMail(where, () => ({
    from: systemMailFrom(),
    to: [...to],
    cc: [],
    bcc: [],
    sms: [],
    smsFrom: '',
    subject,
    text: html ? '' : body,
    html: html ? body : '',
    headers: {},
    ...(attachments.length ? { attachments } : {}),
  }));
}
