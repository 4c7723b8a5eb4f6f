// The demo data's lists: the rows of SuperOffice's list tables that the demo's companies, people,
// appointments, sales, projects and selections point to (user groups, activity types, diary
// priorities, positions, project types/statuses/member roles, sale sources, types, stages, reasons,
// credited, competitors, selection categories and document templates). Fixed ids from 1, in rank
// order. A new sandbox gets them with the rest of the demo data; a sandbox made by an older build
// gets them when the tables are added (list-migration.ts).
import type { CrmValue } from '../interp/runtime/crm-service.js';

export type Row = Record<string, CrmValue>;

const REG = '2025-01-06 09:00:00';

/** A demo row's registered/updated columns: made by the first associate when the demo was. */
export const STAMP: Row = { registered: REG, registered_associate_id: 1, updated: REG, updated_associate_id: 1, updatedCount: 0 };

/** Rows of a plain list: names with tooltips (and the table's own columns), ranked in order. */
export function items(entries: [string, string, Row?][]): Row[] {
  return entries.map(([name, tooltip, own], i) => ({ id: i + 1, name, rank: i + 1, tooltip, deleted: 0, ...own, ...STAMP }));
}

/** TaskType / DocTmplType values (record_type) and TaskDirection / DocTmplDirection (direction). */
const APPOINTMENT = 1;
const DOCUMENT = 2;
const EMAIL = 3;
const PHONE = 5;
const TODO = 6;
const OUTGOING = 2;
/** The sale types' quote lines and order confirmation templates (DocTmpl 6 and 7 below). */
export const QUOTE_TEMPLATES = { quoteLinesTemplate: 6, confirmationLinesTemplate: 7 };

/** The list tables with their demo rows (`id` stands for each table's primary key). */
export const DEMO_LISTS: Record<string, Row[]> = {
  UserGroup: items([
    ['Sales', 'Account managers and sales', { type: 0 }],
    ['Support', 'Support desk', { type: 0 }],
    ['Management', 'Management and administration', { type: 0 }],
  ]),
  Task: items([
    ['Meeting', 'A meeting in person', { record_type: APPOINTMENT, direction: 0 }],
    ['Phone call', 'A call to or from a customer', { record_type: PHONE, direction: OUTGOING }],
    ['Video call', 'A meeting on video', { record_type: APPOINTMENT, direction: 0 }],
    ['Follow-up', 'Something to do later', { record_type: TODO, direction: 0 }],
    ['E-mail', 'An e-mail to a customer', { record_type: EMAIL, direction: OUTGOING }],
  ]),
  Priority: items([
    ['Low', 'When there is time'],
    ['Normal', 'The usual'],
    ['High', 'Before anything else'],
  ]),
  PersPos: items([
    ['Managing director', 'Runs the company'],
    ['Purchasing manager', 'Decides what the company buys'],
    ['IT manager', 'Responsible for IT'],
    ['Support engineer', 'Answers support requests'],
    ['Sales representative', 'Sells to customers'],
  ]),
  // customer projects and implementations follow a project guide (demo-guides.ts)
  ProjType: items([
    ['Customer project', 'Work delivered to a customer', { hasGuide: 1, isAutoAdvance: 0 }],
    ['Internal project', 'Work for ourselves', { hasGuide: 0, isAutoAdvance: 0 }],
    ['Implementation', 'Rolling out a product at a customer', { hasGuide: 1, isAutoAdvance: 1 }],
  ]),
  ProjStatus: items([
    ['Planned', 'Not started yet'],
    ['In progress', 'Under way'],
    ['Completed', 'Delivered'],
    ['Stopped', 'Put on hold or cancelled'],
  ]),
  PMembType: items([
    ['Project manager', 'Leads the project'],
    ['Customer contact', "The customer's person for the project"],
    ['Consultant', 'Works in the project'],
  ]),
  Source: items([
    ['Website', 'Came in through the website'],
    ['Referral', 'Recommended by a customer'],
    ['Trade fair', 'Met at a trade fair'],
    ['Phone inquiry', 'The customer called us'],
  ]),
  // guides and stakeholders (demo-guides.ts): new business and upsells follow a sale guide,
  // new business and service contracts have stakeholders
  SaleType: items([
    ['New business', 'A sale to a new customer', { hasGuide: 1, isAutoAdvance: 1, hasStakeholders: 1, ...QUOTE_TEMPLATES }],
    ['Upsell', 'More for an existing customer', { hasGuide: 1, isAutoAdvance: 0, hasStakeholders: 0, ...QUOTE_TEMPLATES }],
    ['Service contract', 'A recurring service agreement', { hasGuide: 0, isAutoAdvance: 0, hasStakeholders: 1, ...QUOTE_TEMPLATES }],
  ]),
  Prob: items([
    ['Lead', 'First contact', { probability: 10 }],
    ['Qualified', 'Need and budget confirmed', { probability: 40 }],
    ['Proposal', 'Quote sent', { probability: 60 }],
    ['Negotiation', 'Terms under discussion', { probability: 80 }],
    ['Closing', 'Ready to sign', { probability: 100 }],
  ]),
  Reason: items([
    ['Price too high', 'Lost on price'],
    ['Chose a competitor', 'Lost to a competitor'],
    ['No budget', 'The customer had no money for it'],
  ]),
  ReasonSold: items([
    ['Best price', 'Won on price'],
    ['Existing relationship', 'A customer who knows us'],
    ['Product fit', 'The product did what they needed'],
  ]),
  ReasonStalled: items([
    ['Waiting for budget', 'The customer waits for next year'],
    ['No response', 'The customer does not answer'],
  ]),
  Credited: items([
    ['Sales team', 'Our own sales people'],
    ['Partner', 'A reseller'],
  ]),
  Comptr: items([
    ['Nordic IT Supply', 'Hardware reseller'],
    ['TabletWorld', 'Online tablet shop'],
  ]),
  SearchCat: items([
    ['Customers', 'Selections of customers'],
    ['Prospects', 'Selections of possible customers'],
    ['Internal', 'Selections for our own use'],
  ]),
  DocTmpl: items([
    ['Quote', 'A quote for a customer', { filename: 'quote.docx', record_type: DOCUMENT, direction: OUTGOING, saveInDb: 1, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }],
    ['Letter', 'A letter to a customer', { filename: 'letter.docx', record_type: DOCUMENT, direction: OUTGOING, saveInDb: 1, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }],
    ['E-mail', 'An e-mail to a customer', { filename: 'mail.htm', record_type: EMAIL, direction: OUTGOING, saveInDb: 1, mimeType: 'text/html' }],
    // a plain-text letter, whose file (with template variables) is in the demo's archive (demo-documents.ts)
    ['Plain letter', 'A plain-text letter to a customer', { filename: 'letter.txt', record_type: DOCUMENT, direction: OUTGOING, saveInDb: 1, mimeType: 'text/plain' }],
    // the quote templates (quoteDocType MailBody, QuoteLines, ConfirmationLines), whose files are in
    // the demo's archive (demo-documents.ts), the last two the sale types' (quote-config-migration.ts)
    ['Quote mail', 'The mail a quote is sent with', { filename: 'quote-mail.htm', record_type: EMAIL, direction: OUTGOING, saveInDb: 1, mimeType: 'text/html', quoteDocType: 1, emailSubject: 'Our quote {quote.number}' }],
    ['Quoted products', 'The lines of a quote', { filename: 'quoted-products.htm', record_type: DOCUMENT, direction: OUTGOING, saveInDb: 1, mimeType: 'text/html', quoteDocType: 3 }],
    ['Order confirmation', 'The lines of an order', { filename: 'order-confirmation.txt', record_type: DOCUMENT, direction: OUTGOING, saveInDb: 1, mimeType: 'text/plain', quoteDocType: 5 }],
  ]),
};

/**
 * The demo's currencies: Norwegian kroner is the base (rate 1, units 1); the others give their rate
 * per `units` of the base (an amount converts to the base as amount / rate * units). The table is
 * part of the documented schema every sandbox has; a sandbox made by an older build, which left it
 * empty, gets these rows with the list tables (list-migration.ts). Every demo sale is in the base.
 */
export const DEMO_CURRENCIES: Row[] = [
  ['Norwegian krone', 'NOK', 1, 1],
  ['Euro', 'EUR', 8.7, 100],
  ['US dollar', 'USD', 9.4, 100],
  ['Swedish krona', 'SEK', 102, 100],
].map(([name, isoCode, rate, units], i) => ({ ...items([[name as string, `${name as string} (${isoCode as string})`]])[0]!, id: i + 1, rank: i + 1, isoCode, rate, units }));

/** The list tables, in the order they are created and filled. */
export const LIST_TABLES = Object.keys(DEMO_LISTS);

/** A demo row with `id` renamed to the table's primary key. */
export function listRow(row: Row, primaryKey: string): Row {
  const { id, ...rest } = row;
  return { [primaryKey]: id ?? null, ...rest };
}
