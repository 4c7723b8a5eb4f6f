// Demo reply templates: two customer languages (1 English, the default; 2 Norwegian) and a few
// templates with subject, plain, HTML and SMS bodies that use parser variables of tickets,
// messages, customers and users. Fixed ids (1, 2, 19, 20) as a real installation has gaps.
import type { CrmValue } from '../interp/runtime/crm-service.js';

type Row = Record<string, CrmValue>;

const CHANGED = '2025-01-06 09:00:00';
const DEFAULT = 1 | 2 | 4; // ReplyTemplateBodyDefault | IncludePlain | IncludeHtml
const OTHER = 2 | 4;

const html = (plain: string): string =>
  plain
    .split('\n\n')
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('');

function body(id: number, template: number, language: number, flags: number, subject: string, plain: string, sms = ''): Row {
  return { id, reply_template_id: template, language_id: language, flags, subject, body_plain: plain, body_html: html(plain), body_sms: sms, headers: '' };
}

export function seedReplyTemplates(ins: (table: string, rows: Row[]) => void): void {
  ins('cust_lang', [
    { id: 1, name: 'English', lang_code: 'en', iso_code: 'en', is_default: 1, email_header: 'Please keep the request number in the subject when you reply.' },
    { id: 2, name: 'Norsk', lang_code: 'no', iso_code: 'no', is_default: 0, email_header: 'Behold saksnummeret i emnefeltet når du svarer.' },
  ]);
  ins('reply_template', [
    { id: 1, name: 'Request received', description: 'Automatic answer to a new request', folder_id: -1, owned_by: 2, last_changed: CHANGED, access_level: 0, flags: 0 },
    { id: 2, name: 'Customer Centre registration', description: 'Confirms a new Customer Centre account', folder_id: -1, owned_by: 2, last_changed: CHANGED, access_level: 0, flags: 0 },
    { id: 19, name: 'Thank you', description: 'Closing answer with the agent signature', folder_id: -1, owned_by: 3, last_changed: CHANGED, access_level: 0, flags: 0 },
    { id: 20, name: 'Request assigned', description: 'Tells an agent about a request assigned to them', folder_id: -1, owned_by: 2, last_changed: CHANGED, access_level: 0, flags: 0 },
  ]);
  ins('reply_template_body', [
    body(1, 1, 1, DEFAULT, 'Re: [[ticket.title]] [Id:[[ticket.id]]]', 'Hello [[customer.firstname]],\n\nThank you for contacting us. Your request "[[ticket.title]]" has number [[ticket.id]].\n[[IF:ticket.priority="Critical"]]We treat it as critical and will answer within the hour.[[ELSE]]We will answer as soon as we can.[[ENDIF]]\n\nSandbox Support Desk', 'Request [[ticket.id]] received.'),
    body(2, 1, 2, OTHER, 'Sv: [[ticket.title]] [Id:[[ticket.id]]]', 'Hei [[customer.firstname]],\n\nTakk for henvendelsen. Saken "[[ticket.title]]" har nummer [[ticket.id]].\n\nSandbox Support Desk', 'Sak [[ticket.id]] mottatt.'),
    body(3, 2, 1, DEFAULT, 'Confirm your registration', 'Hi [[fullname]],\n\nThank you for registering on our Customer Centre. Please open this link to complete the registration:\n\n[[confirmUrl]]\n\nBest regards,\n[[companyName]]'),
    body(4, 19, 1, DEFAULT, 'Re: your request', '[[message.body]]\n\nBest regards,\n[[user.name]]\nSandbox Support Desk'),
    body(5, 19, 2, OTHER, 'Sv: din henvendelse', '[[message.body]]\n\nVennlig hilsen\n[[user.name]]\nSandbox Support Desk'),
    body(6, 20, 1, DEFAULT, 'Request [[ticket.id]] assigned to you', 'You have been assigned request no. [[ticket.id]].\n\nTitle: [[ticket.title]]\nCategory: [[ticket.category.fullname]]\nPriority: [[ticket.priority]]\nCustomer: [[ticket.customerName]] ([[ticket.custCompany]])\nCreated: [[ticket.createdAt]]', 'Request [[ticket.id]] is yours: [[ticket.title]]'),
    body(7, 20, 2, OTHER, 'Sak [[ticket.id]] er tildelt deg', 'Du har fått sak nr. [[ticket.id]].\n\nTittel: [[ticket.title]]\nKategori: [[ticket.category.fullname]]\nPrioritet: [[ticket.priority]]\nKunde: [[ticket.customerName]] ([[ticket.custCompany]])\nOpprettet: [[ticket.createdAt]]', 'Sak [[ticket.id]] er din: [[ticket.title]]'),
  ]);
  ins('reply_template_attachment', [{ id: 1, entry_id: 19, attachment_id: 2 }]);
  ins('attachment', [{ id: 2, content_type: 'application/pdf', name: 'opening-hours.pdf', att_size: 20480, auth_key: 'demo2' }]);
}
