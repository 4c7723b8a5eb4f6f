// Bringing a sandbox made by an older build up to the Service tables of the Notify, Profile and
// Inbox classes: the users' list profiles (profile), the request hotlists (hotlist) and the mail
// import inbox (inbox). A sandbox that holds the demo data also gets the demo's rows: Ada's list
// profile (the columns of her request list, one "label,field,chop" line each, as Profile reads
// them) and request 1 on her hotlist; the inbox starts empty. A sandbox created empty or filled
// with other data gets the tables without rows. Plain SQL that both engines run (sqlite/ddl.ts,
// pg/ddl.ts); the demo seed (demo.ts) adds the same rows to a new sandbox.
import type { CrmSchema, SchemaTable } from './schema.js';
import { tablesSql } from './list-migration.js';
import type { Row } from './demo-lists.js';

export const SERVICE_TABLES = ['profile', 'hotlist', 'inbox'];

/** Ada's request list: label, field (SearchEngine dot-syntax) and how many characters to show (0: all). */
const ADA_LIST = ['Id,ticket.id,0', 'Title,ticket.title,40', 'Status,ticket.ticket_status.name,0', 'Owner,ticket.owned_by.username,0', 'Customer,ticket.cust_id.lastname,20'];

export const DEMO_SERVICE: Record<string, Row[]> = {
  profile: [{ id: 1, name: 'Ada', user_id: 2, list_tickets_header2: ADA_LIST.join('\n') }],
  hotlist: [{ id: 1, user_id: 2, ticket_id: 1 }],
};

/** Creates the tables and fills those of a demo sandbox (rows whose keys are taken are skipped). */
export function serviceTablesSql(schema: CrmSchema, create: (t: SchemaTable) => string[], quote: (id: string) => string): string[] {
  return tablesSql(schema, create, quote, SERVICE_TABLES, DEMO_SERVICE);
}
