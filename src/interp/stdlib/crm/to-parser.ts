// toParser of the CRM classes: the template variables SuperOffice's parser knows for a ticket,
// message, customer, company and user (ticket.title, message.body, customer.name, ...), read from
// the entity's row (values set but not saved included) and the rows it links to. Ticket.toParser
// and Message.toParser give HTML (text escaped); toParserRaw gives plain text.
import type { CrmRow, CrmValue } from '../../runtime/crm-service.js';
import type { CrmParser } from '../parser/parser.js';
import { formatWithCodes } from '../time/format.js';
import { crm, dateTime, int, text } from './access.js';
import { linked, type CrmEntity } from './entity.js';

type Vars = [string, string][];

const SHORT_MONTHS = 'Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec';
const BASE_STATUS: Record<number, string> = { 1: 'Open', 2: 'Closed', 3: 'Postponed', 4: 'Deleted' };
const SLEVEL: Record<number, string> = { 1: 'Internal', 2: 'External' };

/** A stored date as 'DD. Mon YYYY, kl. hh:mm' (the parser's display form) and as stored. */
function dates(prefix: string, v: CrmValue): Vars {
  const dt = dateTime(v);
  return [
    [prefix, formatWithCodes(dt, 'DD2. MONTH YY4, kl. HH24:MI2', SHORT_MONTHS)],
    [`${prefix}Raw`, text(v)],
  ];
}

/** A person's or user's name from a row: first, middle and last name. */
export const fullName = (r: CrmRow | null): string => (r ? [text(r.firstname), text(r.middlename ?? r.middleName), text(r.lastname)].filter((x) => x).join(' ') : '');

/** A field as getValue gives it, as plain text (a NULL is ''). */
const field = (e: CrmEntity, name: string): string => String(e.get(name));

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function put(p: CrmParser, vars: Vars, escape: boolean): void {
  for (const [k, v] of vars) p.set(k, escape ? html(v) : v);
}

function personEmail(personId: number): string {
  if (!personId) return '';
  return text(crm().select('Email', { columns: ['email_address'], where: [{ column: 'person_id', op: '=', value: personId }], orderBy: [{ column: 'rank' }, { column: 'email_id' }], limit: 1 })[0]?.email_address);
}

/** The text of a text row (a person's or company's note), '' without one. */
export function noteText(textId: CrmValue): string {
  return text(linked('text', textId)?.text);
}

/** A company's domain: in the sandbox, the domain of the first email address filed under it. */
export function companyDomain(companyId: number): string {
  if (!companyId) return '';
  const first = crm().select('Email', { columns: ['email_address'], where: [{ column: 'contact_id', op: '=', value: companyId }], orderBy: [{ column: 'rank' }, { column: 'email_id' }], limit: 1 })[0];
  return text(first?.email_address).split('@')[1] ?? '';
}

const COMPANY_ADDRESS_TYPES = [1, 2]; // AddressType ContactPostalAddress, ContactStreetAddress

/** A company's address on one line ('street, zip city'): its postal address, else its street address. */
export function companyAddress(companyId: number): string {
  if (!companyId) return '';
  const rows = crm().select('address', {
    where: [
      { column: 'owner_id', op: '=', value: companyId },
      { column: 'atype_idx', op: 'in', value: COMPANY_ADDRESS_TYPES },
    ],
    orderBy: [{ column: 'atype_idx' }, { column: 'address_id' }],
  });
  for (const a of rows) {
    const place = [text(a.zipcode), text(a.city)].filter((x) => x).join(' ');
    const line = [text(a.address1), text(a.address2), text(a.address3), place].filter((x) => x).join(', ');
    if (line) return line;
  }
  return '';
}

export function ticketVars(t: CrmEntity): Vars {
  const cat = linked('ej_category', t.raw('category'));
  const owner = linked('ejuser', t.raw('owned_by'));
  const cust = linked('person', t.raw('cust_id'));
  const company = cust ? linked('contact', cust.contact_id) : null;
  const last = t.id ? crm().select('ej_message', { columns: ['body'], where: [{ column: 'ticket_id', op: '=', value: t.id }], orderBy: [{ column: 'id', descending: true }], limit: 1 })[0] : undefined;
  const customerName = fullName(cust);
  const custEmail = personEmail(int(t.raw('cust_id')));
  return [
    ['ticket.id', t.id ? String(t.id) : ''],
    ['ticket.title', text(t.raw('title'))],
    ['ticket.author', text(t.raw('author'))],
    ['ticket.category', text(t.raw('category'))],
    ['ticket.category.id', text(t.raw('category'))],
    ['ticket.category.name', text(cat?.name)],
    ['ticket.category.fullname', text(cat?.fullname)],
    ['ticket.category.externalName', text(cat?.external_name)],
    ...dates('ticket.createdAt', t.raw('created_at')),
    ...dates('ticket.lastChanged', t.raw('last_changed')),
    ...dates('ticket.closedAt', t.raw('closed_at')),
    ['ticket.deadline', text(t.raw('deadline'))],
    ['ticket.activate', text(t.raw('activate'))],
    ['ticket.alertLevel', text(t.raw('alert_level'))],
    ['ticket.customer', text(t.raw('cust_id'))],
    ['ticket.customerName', customerName],
    ['ticket.custName', customerName],
    ['ticket.custEmail', custEmail],
    ['ticket.custCompany', text(company?.name)],
    ['ticket.ownerFullName', fullName(owner)],
    ['ticket.ownerUsername', text(owner?.username)],
    ['ticket.ownerCellphone', text(owner?.sms)],
    ['ticket.priority', text(linked('ticket_priority', t.raw('priority'))?.name)],
    ['ticket.slevel', text(t.raw('slevel'))],
    ['ticket.status', BASE_STATUS[int(t.raw('status'))] ?? ''],
    ['ticket.ticketStatus', text(linked('ticket_status', t.raw('ticket_status'))?.name)],
    ['ticket.lastMessage', text(last?.body)],
  ];
}

export function messageVars(m: CrmEntity): Vars {
  const body = text(m.raw('body'));
  const htmlBody = text(m.raw('html_body'));
  const slevel = int(m.raw('slevel'));
  return [
    ['message.id', m.id ? String(m.id) : ''],
    ['message.slevel', SLEVEL[slevel] ?? ''],
    ['message.slevelInteger', String(slevel)],
    ...dates('message.createdAt', m.raw('created_at')),
    ['message.author', text(m.raw('author'))],
    ['message.header', text(m.raw('email_header'))],
    ['message.body', body],
    ['message.bodyPlain', body],
    ['message.bodyHtml', htmlBody],
    ['message.messageCategory', String(int(m.raw('message_category')))],
    ['message.mailSorter', text(m.raw('mail_sorter'))],
  ];
}

export function customerVars(c: CrmEntity): Vars {
  const name = [text(c.raw('firstname')), text(c.raw('middleName')), text(c.raw('lastname'))].filter((x) => x).join(' ');
  const email = personEmail(c.id);
  return [
    ['customer.id', c.id ? String(c.id) : ''],
    ['customer.firstname', text(c.raw('firstname'))],
    ['customer.middlename', text(c.raw('middleName'))],
    ['customer.lastname', text(c.raw('lastname'))],
    ['customer.name', name],
    ['customer.bestName', name || email],
    ['customer.salutation', name || email],
    ['customer.title', text(c.raw('title'))],
    ['customer.mrmrs', text(c.raw('mrmrs'))],
    ['customer.email', email],
    ['customer.phone', field(c, 'phone')],
    ['customer.cellphone', field(c, 'cellphone')],
    ['customer.note', field(c, 'note')],
    ['customer.deleted', String(int(c.raw('retired')) ? 1 : 0)],
    ['customer.ourContact', field(c, 'ourContact')],
    ['customer.language', text(c.raw('supportLanguageId'))],
    ['customer.company', text(c.raw('contact_id'))],
  ];
}

export function companyVars(c: CrmEntity): Vars {
  const primary = linked('person', c.raw('supportPersonId'));
  return [
    ['company.id', c.id ? String(c.id) : ''],
    ['company.name', text(c.raw('name'))],
    ['company.department', text(c.raw('department'))],
    // the same values as getValue gives (a note or phone set but not saved included)
    ['company.note', field(c, 'note')],
    ['company.domain', field(c, 'domain')],
    ['company.phone', field(c, 'phone')],
    ['company.fax', field(c, 'fax')],
    ['company.adr', field(c, 'adr')],
    ['company.ourContact', field(c, 'ourContact')],
    ['company.primaryContact.id', text(c.raw('supportPersonId'))],
    ['company.primaryContact.email', primary ? personEmail(int(primary.person_id)) : ''],
  ];
}

export function userVars(u: CrmEntity): Vars {
  const signature = u.id
    ? text(crm().select('UserPreference', { columns: ['prefvalue'], where: [{ column: 'owner_id', op: '=', value: u.id }, { column: 'prefkey', op: '=', value: 'signature' }], limit: 1 })[0]?.prefvalue) || text(u.raw('signature'))
    : text(u.raw('signature'));
  return [
    ['user.id', u.id ? String(u.id) : ''],
    ['user.loginname', text(u.raw('loginname'))],
    ['user.username', text(u.raw('username'))],
    ['user.firstname', text(u.raw('firstname'))],
    ['user.middlename', text(u.raw('middlename'))],
    ['user.lastname', text(u.raw('lastname'))],
    ['user.name', [text(u.raw('firstname')), text(u.raw('middlename')), text(u.raw('lastname'))].filter((x) => x).join(' ')],
    ['user.email', text(u.raw('email'))],
    ['user.status', text(u.raw('status'))],
    ['user.language', text(u.raw('language'))],
    ['user.dictionary', text(u.raw('dictionary'))],
    ['user.access', text(u.raw('access_level'))],
    ['user.signature', signature],
  ];
}

/** The toParser method of a class: its variables into the parser (HTML-escaped when `escape`). */
export function toParserMethod(vars: (e: CrmEntity) => Vars, escape: boolean): (self: CrmEntity, p: CrmParser) => void {
  return (self, p) => put(p, vars(self), escape);
}
