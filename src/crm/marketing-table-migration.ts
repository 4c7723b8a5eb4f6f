// Bringing a sandbox made by an older build up to the tables of NSMarketingAgent (forms and their
// submissions: form, form_submission; shipment messages and message blocks: s_message,
// s_messageblock), NSNumberAllocationAgent (the number counters, RefCounts), the project events of
// NSProjectAgent (ProjectEvent) and the history lists of NSViewStateAgent (History). They start
// empty, in a new sandbox as in an older one: the demo data has none of them. Plain SQL that both
// engines run (sqlite/ddl.ts, pg/ddl.ts).
import type { CrmSchema, SchemaTable } from './schema.js';
import { tablesSql } from './list-migration.js';

export const MARKETING_TABLES = ['form', 'form_submission', 's_message', 's_messageblock', 'RefCounts', 'ProjectEvent', 'History'];

/** Creates the tables (an older sandbox gains them empty). */
export function marketingTablesSql(schema: CrmSchema, create: (t: SchemaTable) => string[], quote: (id: string) => string): string[] {
  return tablesSql(schema, create, quote, MARKETING_TABLES, {});
}
