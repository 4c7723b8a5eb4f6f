// Bringing a sandbox made by an older build up to the tables of NSConfigurationAgent,
// NSWebhookAgent and NSCustomerServiceAgent: the system events (SystemEvent), diary views
// (DiaryView and its rows DiaryViewRow), window positions (WindowPosSize), webhooks (webhook) and
// customer center configs (cust_config), with the sandbox's own webhook_error (a webhook's last
// error, sandbox-tables.ts). They start empty, in a new sandbox as in an older one: the
// demo data has none of them. Plain SQL that both engines run (sqlite/ddl.ts, pg/ddl.ts).
import type { CrmSchema, SchemaTable } from './schema.js';
import { tablesSql } from './list-migration.js';

export const CONFIG_TABLES = ['SystemEvent', 'DiaryView', 'DiaryViewRow', 'WindowPosSize', 'webhook', 'cust_config', 'webhook_error'];

/** Creates the tables (an older sandbox gains them empty). */
export function configTablesSql(schema: CrmSchema, create: (t: SchemaTable) => string[], quote: (id: string) => string): string[] {
  return tablesSql(schema, create, quote, CONFIG_TABLES, {});
}
