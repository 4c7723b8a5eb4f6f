// The sandbox's demo data: small, readable and the same on every machine (fixed ids and dates).
// A support desk with users, companies and their people, tickets with messages in several
// categories, statuses and priorities, sales, appointments and two documents, a project, and an
// extra table (y_equipment) with rows, reply templates (demo-templates.ts), a chat channel
// with a finished session (demo-chat.ts; Bob is present for chat) and the lists (demo-lists.ts)
// that the rows link to: user groups, activity types, positions, sale sources, stages, ...; the
// sale and project guides and the sale stakeholders (demo-guides.ts); the GDPR consents'
// purposes, legal bases and sources and the customers' consents (demo-consents.ts); user-defined
// fields with values on some companies, persons, the project and a sale (demo-udefs.ts); two
// quotes with their versions, alternatives and lines, made from the products of the price lists
// (demo-quotes.ts); relations between companies and persons and the chat topic's users
// (demo-relations.ts); countries with their red-letter days of this year and the next
// (demo-holidays.ts); a
// static selection and a dynamic one with its search criteria (demo-criteria.ts); two
// user-defined lists with their items, headings and user groups (demo-udlists.ts); the files of two
// document templates and of document 2 in the sandbox's document archive (demo-documents.ts); Ada's
// and Bob's favourites (favourite-migration.ts)
import type { CrmValue } from '../interp/runtime/crm-service.js';
import type { CrmDriver } from './driver.js';
import { seedReplyTemplates } from './demo-templates.js';
import { seedChat } from './demo-chat.js';
import { DEMO_CURRENCIES, DEMO_LISTS, LIST_TABLES, listRow } from './demo-lists.js';
import { DEMO_GUIDES, GUIDE_TABLES } from './demo-guides.js';
import { CONSENT_TABLES, DEMO_CONSENTS } from './demo-consents.js';
import { DEMO_UDEF_LINKS, DEMO_UDEFS, UDEF_FILLED } from './demo-udefs.js';
import { DEMO_QUOTES } from './demo-quotes.js';
import { DEMO_ARCHIVE, DEMO_DOCUMENT } from './demo-documents.js';
import { DEMO_RELATIONS } from './demo-relations.js';
import { DEMO_COUNTRIES, DEMO_COUNTRY_LINKS, demoRedLetterDays } from './demo-holidays.js';
import { CRITERIA_TABLES, DEMO_CRITERIA, DEMO_DYNAMIC_SELECTION } from './demo-criteria.js';
import { DEMO_TYPED_LISTS, TYPED_LIST_TABLES } from './demo-typed-lists.js';
import { DEMO_FOREIGN, FOREIGN_TABLES } from './demo-foreign.js';
import { DEMO_UDLISTS, UDLIST_TABLES } from './demo-udlists.js';
import { DEMO_PREFERENCES, PREFERENCE_TABLES } from './demo-preferences.js';
import { demoRoleRows, ROLE_TABLES } from './demo-roles.js';
import { DEMO_SERVICE, SERVICE_TABLES } from './service-table-migration.js';
import { DEMO_LIST_ADMIN, LIST_ADMIN_TABLES } from './list-admin-migration.js';
import { DEMO_QUOTE_CONFIG, QUOTE_CONFIG_TABLES } from './quote-config-migration.js';
import { DEMO_FAVOURITES, FAVOURITE_TABLES } from './favourite-migration.js';
import { DEMO_DOC_HEADINGS, DOC_HEADING_TABLES } from './doc-heading-migration.js';

type Row = Record<string, CrmValue>;

function inserter(d: CrmDriver): (table: string, rows: Row[]) => void {
  const q = d.dialect.quote;
  return (table, rows) => {
    for (const r of rows) {
      const cols = Object.keys(r);
      d.run(`INSERT INTO ${q(table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => r[c]));
    }
  };
}

const REG = '2025-01-06 09:00:00';

/** Fills an empty database (inside the creating transaction). */
export function seedDemo(d: CrmDriver): void {
  const ins = inserter(d);
  /** Rows of other demo files, whose `id` stands for each table's primary key. */
  const keyed = (tables: readonly string[], rows: Record<string, Row[]>): void => {
    for (const t of tables) ins(t, (rows[t] ?? []).map((r) => listRow(r, d.schema().mustFind(t).primaryKey)));
  };
  keyed(LIST_TABLES, DEMO_LISTS);
  keyed(GUIDE_TABLES, DEMO_GUIDES);
  keyed(CONSENT_TABLES, DEMO_CONSENTS);
  keyed(['currency'], { currency: DEMO_CURRENCIES });
  keyed(CRITERIA_TABLES, DEMO_CRITERIA);
  keyed(TYPED_LIST_TABLES, DEMO_TYPED_LISTS);
  keyed(FOREIGN_TABLES, DEMO_FOREIGN);
  keyed(UDLIST_TABLES, DEMO_UDLISTS);
  keyed(PREFERENCE_TABLES, DEMO_PREFERENCES);
  keyed(ROLE_TABLES, demoRoleRows());
  keyed(QUOTE_CONFIG_TABLES, DEMO_QUOTE_CONFIG);
  keyed(FAVOURITE_TABLES, DEMO_FAVOURITES);
  ins('ejuser', [
    { id: 1, loginname: 'system', username: 'System', firstname: 'System', lastname: '', email: '', status: 1, access_level: 1 },
    { id: 2, loginname: 'admin', username: 'admin', firstname: 'Ada', lastname: 'Admin', email: 'ada@sandbox.example', status: 1, access_level: 1, default_category: 1, sms: '+4790000002' },
    { id: 3, loginname: 'bob', username: 'bob', firstname: 'Bob', lastname: 'Berg', email: 'bob@sandbox.example', status: 1, access_level: 2, default_category: 2, sms: '+4790000003', chat_status: 1 },
    { id: 4, loginname: 'carol', username: 'carol', firstname: 'Carol', lastname: 'Dahl', email: 'carol@sandbox.example', status: 1, access_level: 2, default_category: 4, sms: '+4790000004' },
    { id: 5, loginname: 'dave', username: 'dave', firstname: 'Dave', lastname: 'Eik', email: 'dave@sandbox.example', status: 1, access_level: 2, default_category: 3, sms: '' },
  ]);
  ins('contact', [
    { contact_id: 1, name: 'Sandbox Support Desk', department: 'Head office', number2: '10001', associate_id: 1, registered: REG, orgNr: '900000001', group_id: 3 },
    { contact_id: 2, name: 'Nordic Bikes AS', department: 'Retail', number2: '10002', associate_id: 3, registered: REG, orgNr: '900000002', group_id: 1 },
    { contact_id: 3, name: 'Acme Logistics', department: 'Warehouse', number2: '10003', associate_id: 3, registered: REG, orgNr: '900000003', group_id: 1 },
    { contact_id: 4, name: 'Blue Fjord Hotels', department: '', number2: '10004', associate_id: 2, registered: REG, orgNr: '900000004', group_id: 2 },
    { contact_id: 5, name: 'Polar Software', department: 'R&D', number2: '10005', associate_id: 4, registered: REG, orgNr: '900000005', group_id: 2 },
  ]);
  const people: [number, number, string, string, string, string][] = [
    [1, 1, 'Ada', 'Admin', 'ada@sandbox.example', '+47 900 00 002'],
    [2, 1, 'Bob', 'Berg', 'bob@sandbox.example', '+47 900 00 003'],
    [3, 1, 'Carol', 'Dahl', 'carol@sandbox.example', '+47 900 00 004'],
    [4, 1, 'Dave', 'Eik', 'dave@sandbox.example', '+47 900 00 005'],
    [5, 2, 'Nina', 'Hansen', 'nina@nordicbikes.example', '+47 911 11 111'],
    [6, 2, 'Ola', 'Nordmann', 'ola@nordicbikes.example', '+47 922 22 222'],
    [7, 3, 'Grace', 'Miller', 'grace@acme.example', '+1 555 0100'],
    [8, 3, 'Henry', 'Stone', 'henry@acme.example', '+1 555 0101'],
    [9, 4, 'Ingrid', 'Lie', 'ingrid@bluefjord.example', '+47 933 33 333'],
    [10, 5, 'Jonas', 'Berg', 'jonas@polarsoft.example', '+47 944 44 444'],
    [11, 5, 'Kari', 'Moe', 'kari@polarsoft.example', '+47 955 55 555'],
  ];
  // positions (PersPos): 1 Managing director, 2 Purchasing manager, 3 IT manager, 4 Support engineer, 5 Sales representative
  const position: Record<number, number> = { 1: 1, 2: 4, 3: 5, 4: 4, 5: 2, 7: 3, 9: 2, 10: 3 };
  ins('person', people.map(([id, contact, first, last]) => ({ person_id: id, contact_id: contact, firstname: first, lastname: last, rank: 1, registered: REG, associate_id: id <= 4 ? id : 0, ticketPriorityId: 0, position_idx: position[id] ?? 0 })));
  ins('Email', people.map(([id, contact, , , email]) => ({ email_id: id, contact_id: contact, person_id: id, protocol: 'SMTP', email_address: email, rank: 1, registered: REG })));
  ins('phone', people.map(([id, , , , , phone]) => ({ phone_id: id, owner_id: id, ptype_idx: 16385, phone, rank: 1, registered: REG })));
  ins('address', [
    { address_id: 1, owner_id: 2, atype_idx: 2, address1: 'Sykkelveien 1', zipcode: '0150', city: 'Oslo', registered: REG },
    { address_id: 2, owner_id: 3, atype_idx: 2, address1: '1 Harbour Road', zipcode: '10001', city: 'New York', registered: REG },
    { address_id: 3, owner_id: 4, atype_idx: 2, address1: 'Fjordgata 7', zipcode: '5003', city: 'Bergen', registered: REG },
  ]);
  ins('associate', [
    { associate_id: 1, name: 'ADA', person_id: 1, ejuserId: 2, type: 0, userName: 'admin', rank: 1, group_idx: 3 },
    { associate_id: 2, name: 'BOB', person_id: 2, ejuserId: 3, type: 0, userName: 'bob', rank: 2, group_idx: 2 },
    { associate_id: 3, name: 'CAROL', person_id: 3, ejuserId: 4, type: 0, userName: 'carol', rank: 3, group_idx: 1 },
    { associate_id: 4, name: 'DAVE', person_id: 4, ejuserId: 5, type: 0, userName: 'dave', rank: 4, group_idx: 2 },
  ]);
  ins('ej_category', [
    { id: 1, parent_id: 0, name: 'Support', fullname: 'Support', category_master: 2, closing_status: 2 },
    { id: 2, parent_id: 1, name: 'Hardware', fullname: 'Support/Hardware', category_master: 3, closing_status: 2 },
    { id: 3, parent_id: 1, name: 'Software', fullname: 'Support/Software', category_master: 5, closing_status: 2 },
    { id: 4, parent_id: 0, name: 'Sales', fullname: 'Sales', category_master: 4, closing_status: 2 },
    { id: 5, parent_id: 0, name: 'Billing', fullname: 'Billing', category_master: 2, closing_status: 2 },
  ]);
  // who takes each category's tickets (Ticket.delegate): its master, one member a category, each
  // the category of the user's default_category too (Ada: Support and Billing, Bob: Hardware, Carol:
  // Sales, Dave: Software); weight 1 each (weighted delegation shares evenly)
  ins('category_membership', [
    [1, 2],
    [2, 3],
    [3, 5],
    [4, 4],
    [5, 2],
  ].map(([category, user], i) => ({ id: i + 1, category_id: category, user_id: user, weight: 1, is_defined_by_usergroup: 0 })));
  ins('ticket_status', [
    { id: 1, status: 1, ts_rank: 1, name: 'Active' },
    { id: 2, status: 2, ts_rank: 2, name: 'Closed' },
    { id: 3, status: 3, ts_rank: 3, name: 'Postponed' },
    { id: 4, status: 4, ts_rank: 4, name: 'Deleted', deleted: 0 },
    { id: 5, status: 1, ts_rank: 5, name: 'Waiting for customer' },
  ]);
  // High and Critical escalate (ticket_alert chains); a new request or a new priority starts the
  // chain, reading or closing stops it, new info continues it. Low and Medium never escalate.
  const NONE = { ticket_read: -1, changed_owner: -1, ticket_newinfo: -1, ticket_closed: -1, ticket_changed_priority: -1, ticket_new: -1 };
  const ESCALATE = { ticket_read: 0, changed_owner: 2, ticket_newinfo: 1, ticket_closed: 0, ticket_changed_priority: 2, ticket_new: 2, flags: 4 };
  ins('ticket_priority', [
    { id: 1, name: 'Low', status: 1, deadline: 2880, sort_order: 1, ...NONE },
    { id: 2, name: 'Medium', status: 1, deadline: 1440, sort_order: 2, ...NONE, flags: 2 },
    { id: 3, name: 'High', status: 1, deadline: 480, sort_order: 3, ...ESCALATE },
    { id: 4, name: 'Critical', status: 1, deadline: 60, sort_order: 4, ...ESCALATE },
  ]);
  ins('ticket_alert', [
    { id: 1, priority: 3, alert_level: 1, alert_timeout: 240, action: 0 },
    { id: 2, priority: 3, alert_level: 2, alert_timeout: 480, action: 0 },
    { id: 3, priority: 4, alert_level: 1, alert_timeout: 30, action: 0 },
    { id: 4, priority: 4, alert_level: 2, alert_timeout: 60, action: 0 },
  ]);
  ins('ticket_type', [
    { ticket_type_id: 1, name: 'Standard', rank: 1, default_status: 1, default_priority: 2, is_default: 1, is_external: 1 },
    { ticket_type_id: 2, name: 'Complaint', rank: 2, default_status: 1, default_priority: 3, is_external: 1 },
  ]);
  ins('mail_in_filter', [{ id: 1 }]);
  seedTickets(ins);
  keyed(SERVICE_TABLES, DEMO_SERVICE);
  keyed(LIST_ADMIN_TABLES, DEMO_LIST_ADMIN);
  keyed(['Heading', ...DOC_HEADING_TABLES], DEMO_DOC_HEADINGS);
  seedSales(ins);
  for (const [t, rows] of Object.entries(DEMO_DOCUMENT)) ins(t, rows);
  keyed(['document_archive'], { document_archive: DEMO_ARCHIVE });
  keyed(Object.keys(DEMO_QUOTES), DEMO_QUOTES);
  seedChat(ins, REG);
  seedSettings(d, ins);
  keyed(UDEF_FILLED, DEMO_UDEFS);
  for (const [table, key, id, small, large] of DEMO_UDEF_LINKS) d.run(`UPDATE ${d.dialect.quote(table)} SET userdef_id = ?, userdef2_id = ? WHERE ${d.dialect.quote(key)} = ?`, [small, large || null, id]);
  keyed(Object.keys(DEMO_RELATIONS), DEMO_RELATIONS);
  keyed(['country', 'redletterday'], { country: DEMO_COUNTRIES, redletterday: demoRedLetterDays() });
  for (const [table, key, id, country] of DEMO_COUNTRY_LINKS) d.run(`UPDATE ${d.dialect.quote(table)} SET country_id = ? WHERE ${d.dialect.quote(key)} = ?`, [country, id]);
}

function seedTickets(ins: (table: string, rows: Row[]) => void): void {
  // id, title, category, status (base), ticket_status, priority, customer, owner, created
  const t: [number, string, number, number, number, number, number, number, string][] = [
    [1, 'Bike computer does not turn on', 2, 1, 1, 3, 5, 3, '2025-03-03 08:15:00'],
    [2, 'Invoice 2025-114 has the wrong VAT', 5, 1, 5, 2, 6, 2, '2025-03-03 10:42:00'],
    [3, 'Tracking page shows old shipments', 3, 1, 1, 4, 7, 5, '2025-03-04 07:05:00'],
    [4, 'Request for a quote: 40 hotel tablets', 4, 1, 1, 2, 9, 4, '2025-03-04 13:30:00'],
    [5, 'Password reset mail never arrives', 3, 2, 2, 3, 10, 5, '2025-03-05 09:00:00'],
    [6, 'Scanner in warehouse 2 is broken', 2, 3, 3, 2, 8, 3, '2025-03-05 15:20:00'],
    [7, 'Wi-Fi drops in the conference wing', 2, 1, 1, 1, 9, 3, '2025-03-06 11:11:00'],
    [8, 'Duplicate charge on last order', 5, 2, 2, 3, 5, 2, '2025-03-06 16:45:00'],
    [9, 'Export to CSV misses the last column', 3, 1, 1, 2, 11, 1, '2025-03-07 08:30:00'],
    [10, 'Spam: cheap watches', 1, 4, 4, 1, 0, 1, '2025-03-07 09:02:00'],
  ];
  ins('ticket', t.map(([id, title, category, status, ts, prio, cust, owner, created]) => ({
    id, title, category, orig_category: category, status, ticket_status: ts, priority: prio, orig_priority: prio, cust_id: cust, owned_by: owner,
    created_by: 1, created_at: created, last_changed: created, author: '', read_status: 1, alert_stop: -1, filter_id: 1, has_attachment: id === 1 ? 1 : 0,
    closed_at: status === 2 ? created.replace(/^(\d{4}-\d{2}-)(\d{2})/, (_m, a: string, day: string) => `${a}${String(Number(day) + 1).padStart(2, '0')}`) : null,
  })));
  ins('ticket_customers', t.filter((x) => x[6]).map(([id, , , , , , cust], i) => ({ id: i + 1, ticket_id: id, customer_id: cust })));
  let mid = 0;
  const msg = (ticket: number, at: string, author: string, body: string, by: number, customer: number, type = 1): Row => ({
    id: ++mid, ticket_id: ticket, created_at: at, created_by: by, author, body, html_body: `<p>${body}</p>`, type, slevel: 1, customer_id: customer, search_title: body.slice(0, 40), time_spent: by > 1 ? 5 : 0, time_charge: by > 1 ? 10 : 0,
  });
  ins('ej_message', [
    msg(1, '2025-03-03 08:15:00', 'nina@nordicbikes.example', 'The bike computer stays dark after charging all night.', 1, 5),
    msg(1, '2025-03-03 09:02:00', 'Bob Berg', 'Please hold the left button for ten seconds and tell us what happens.', 3, 0),
    msg(2, '2025-03-03 10:42:00', 'ola@nordicbikes.example', 'Invoice 2025-114 uses 15% VAT, it should be 25%.', 1, 6),
    msg(2, '2025-03-03 11:30:00', 'Ada Admin', 'Thanks, we will send a corrected invoice.', 2, 0),
    msg(3, '2025-03-04 07:05:00', 'grace@acme.example', 'Our tracking page still lists shipments from January.', 1, 7),
    msg(4, '2025-03-04 13:30:00', 'ingrid@bluefjord.example', 'Could you send a quote for 40 tablets for our guest rooms?', 1, 9),
    msg(5, '2025-03-05 09:00:00', 'jonas@polarsoft.example', 'The password reset mail never reaches my inbox.', 1, 10),
    msg(5, '2025-03-05 12:00:00', 'Dave Eik', 'Fixed: the mail server rejected the sender. Closing.', 5, 0),
    msg(6, '2025-03-05 15:20:00', 'henry@acme.example', 'The handheld scanner in warehouse 2 will not boot.', 1, 8),
    msg(7, '2025-03-06 11:11:00', 'ingrid@bluefjord.example', 'Guests lose Wi-Fi in the conference wing every afternoon.', 1, 9),
    msg(8, '2025-03-06 16:45:00', 'nina@nordicbikes.example', 'We were charged twice for order 5531.', 1, 5),
    msg(9, '2025-03-07 08:30:00', 'kari@polarsoft.example', 'The CSV export drops the last column.', 1, 11),
    msg(10, '2025-03-07 09:02:00', 'noreply@watches.example', 'Cheap watches, best prices!', 1, 0),
  ]);
  ins('attachment', [{ id: 1, content_type: 'image/jpeg', name: 'bike-computer.jpg', att_size: 48213, auth_key: 'demo1' }]);
  ins('ticket_attachment', [{ id: 1, attachment_id: 1, message_id: 1, inline_image: 0 }]);
  ins('ticket_log', [
    { id: 1, ticket_id: 1, log_code: 1, log_who: 'system', log_when: '2025-03-03 08:15:00', log_description: 'Created' },
    { id: 2, ticket_id: 5, log_code: 2, log_who: 'dave', log_when: '2025-03-05 12:00:00', log_description: 'Closed' },
  ]);
}

// Links to the lists (demo-lists.ts): groups 1 Sales, 2 Support, 3 Management; project type 3
// Implementation, status 2 In progress; member types 1 Project manager, 2 Customer contact; sale
// sources 1 Website, 2 Referral, 3 Trade fair; types 1 New business, 2 Upsell, 3 Service contract;
// stages (Prob) 2 Qualified, 3 Proposal, 4 Negotiation, 5 Closing; tasks 1 Meeting, 2 Phone call,
// 3 Video call; diary priorities 1 Low, 2 Normal, 3 High; document template 1 Quote.
function seedSales(ins: (table: string, rows: Row[]) => void): void {
  ins('project', [{ project_id: 1, name: 'Hotel tablet roll-out', project_number: 'P-2025-01', associate_id: 3, registered: REG, done: 0, endDate: '2025-06-30 00:00:00', type_idx: 3, status_idx: 2, group_id: 1 }]);
  ins('projectmember', [
    { projectmember_id: 1, project_id: 1, contact_id: 4, person_id: 9, rank: 1, registered: REG, mtype_idx: 2 },
    { projectmember_id: 2, project_id: 1, contact_id: 1, person_id: 3, rank: 2, registered: REG, mtype_idx: 1 },
  ]);
  ins('sale', [
    { sale_id: 1, currency_id: 1, associate_id: 3, contact_id: 4, person_id: 9, heading: '40 guest-room tablets', amount: 52000, saledate: '2025-04-15 00:00:00', probability: 60, status: 1, project_id: 1, registered: REG, group_idx: 1, source_id: 1, saleType_id: 1, probability_idx: 3, comptr_id: 2 },
    { sale_id: 2, currency_id: 1, associate_id: 3, contact_id: 2, person_id: 5, heading: 'Workshop service contract', amount: 18000, saledate: '2025-03-31 00:00:00', probability: 80, status: 1, registered: REG, group_idx: 1, source_id: 2, saleType_id: 3, probability_idx: 4 },
    { sale_id: 3, currency_id: 1, associate_id: 1, contact_id: 3, person_id: 7, heading: 'Tracking portal upgrade', amount: 36500, saledate: '2025-02-28 00:00:00', probability: 100, status: 2, registered: REG, group_idx: 3, source_id: 3, saleType_id: 2, probability_idx: 5, stage_when_closed_id: 5, reasonSold_id: 3, credited_id: 1 },
    { sale_id: 4, currency_id: 1, associate_id: 4, contact_id: 5, person_id: 10, heading: 'Support hours bundle', amount: 9900, saledate: '2025-01-31 00:00:00', probability: 0, status: 3, registered: REG, group_idx: 2, source_id: 1, saleType_id: 3, probability_idx: 2, stage_when_closed_id: 2, reason_id: 3, comptr_id: 1 },
    { sale_id: 5, currency_id: 1, associate_id: 3, contact_id: 4, person_id: 9, heading: 'Conference wing Wi-Fi', amount: 14750.5, saledate: '2025-05-10 00:00:00', probability: 40, status: 1, registered: REG, group_idx: 1, source_id: 2, saleType_id: 2, probability_idx: 2 },
  ]);
  ins('document', [{ document_id: 1, name: 'quote-tablets.docx', header: 'Quote: guest-room tablets', our_ref: 'CD', your_ref: 'IL', appointment_id: 4, registered: REG }]);
  ins('appointment', [
    // the project's kick-off, made from its guide's suggestion (demo-guides.ts)
    { appointment_id: 1, contact_id: 4, person_id: 9, associate_id: 3, do_by: '2025-03-10 10:00:00', endDate: '2025-03-10 11:00:00', type: 1, status: 1, project_id: 1, registered: REG, location: 'Bergen', task_idx: 1, priority_idx: 3, group_idx: 1, suggestedAppointmentId: 7 },
    { appointment_id: 2, contact_id: 2, person_id: 5, associate_id: 2, do_by: '2025-03-11 14:00:00', endDate: '2025-03-11 14:30:00', type: 1, status: 1, registered: REG, location: 'Phone', task_idx: 2, priority_idx: 2, group_idx: 2 },
    { appointment_id: 3, contact_id: 3, person_id: 7, associate_id: 1, do_by: '2025-03-12 09:00:00', endDate: '2025-03-12 10:00:00', type: 1, status: 3, registered: REG, done: '2025-03-12 10:00:00', location: 'Video call', task_idx: 3, priority_idx: 1, group_idx: 3 },
    // a document's appointment: its task_idx is the document's template (DocTmpl), as in SuperOffice
    { appointment_id: 4, contact_id: 4, person_id: 9, associate_id: 3, do_by: '2025-03-05 12:00:00', endDate: '2025-03-05 12:00:00', type: 4, status: 3, document_id: 1, registered: REG, task_idx: 1, group_idx: 1 },
  ]);
  ins('selection', [{ selection_id: 1, associate_id: 3, name: 'Hotel customers', seltype: 0, memberCount: 1, registered: REG, searchCat_id: 1, group_idx: 1 }, listRow(DEMO_DYNAMIC_SELECTION, 'selection_id')]);
  ins('Tags', [
    { tags_id: 1, name: 'VIP', rank: 1 },
    { tags_id: 2, name: 'Hardware', rank: 2 },
  ]);
  ins('text', [{ text_id: 1, type: 1, owner_id: 1, text: 'Quote valid for 30 days.', registered: REG }]);
}

function seedSettings(d: CrmDriver, ins: (table: string, rows: Row[]) => void): void {
  // spam control (checkReply): three mails to one address at once, then one a 20 seconds (a blocked try costs as much)
  ins('config', [{ id: 1, admin_mail: 'admin@sandbox.example', default_mail: 'support@sandbox.example', smtp_host: 'localhost', smtp_port: 25, language: 'en', version: 'sandbox', installed_at: REG, installed_by: 'crmscript-tui', mb_max_value: 60, mb_threshold: 20, mb_modifier: 20 }]);
  ins('registry', [
    { id: 1, reg_id: 235, name: 'ticketSubjectFormat', value: '[#id] title' },
    { id: 2, reg_id: 10, name: 'defaultCategory', value: '1' },
  ]);
  ins('UserPreference', [{ userpreference_id: 1, deflevel: 1, maxlevel: 1, owner_id: 2, prefsection: 'Ticket', prefkey: 'signature', prefvalue: 'Ada, Sandbox support' }]);
  seedReplyTemplates(ins);
  // an extra table, described the way SuperOffice describes them
  ins('extra_tables', [{ id: 1, table_name: 'y_equipment', name: 'Equipment', description: 'Devices customers have', table_number: 0 }]);
  ins('extra_fields', [
    // types as ExtraFieldsInfo numbers them: 10 short text, 17 company relation, 4 date and time
    { id: 1, domain: 1, extra_table: 1, field_name: 'x_name', name: 'Name', type: 10, order_pos: 1 },
    { id: 2, domain: 1, extra_table: 1, field_name: 'x_serial', name: 'Serial number', type: 10, order_pos: 2 },
    { id: 3, domain: 1, extra_table: 1, field_name: 'x_contact', name: 'Company', type: 17, order_pos: 3 },
    { id: 4, domain: 1, extra_table: 1, field_name: 'x_purchased', name: 'Purchased', type: 4, order_pos: 4 },
  ]);
  for (const s of d.dialect.createTable({
    name: 'y_equipment',
    columns: [
      { name: 'id', type: 'PK', nullable: false },
      { name: 'x_name', type: 'String', nullable: true },
      { name: 'x_serial', type: 'String', nullable: true },
      { name: 'x_contact', type: 'FK', nullable: true, references: 'contact' },
      { name: 'x_purchased', type: 'DateTime', nullable: true },
    ],
  }))
    d.run(s);
  d.reloadSchema();
  ins('y_equipment', [
    { id: 1, x_name: 'Bike computer BC-200', x_serial: 'BC200-0042', x_contact: 2, x_purchased: '2024-11-02 00:00:00' },
    { id: 2, x_name: 'Handheld scanner HS-9', x_serial: 'HS9-1173', x_contact: 3, x_purchased: '2023-05-19 00:00:00' },
    { id: 3, x_name: 'Access point AP-7', x_serial: 'AP7-5521', x_contact: 4, x_purchased: '2024-02-14 00:00:00' },
  ]);
}
