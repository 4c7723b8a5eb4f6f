// Bringing a sandbox made by an older build up to the typed lists of NSListAgent (MrMrs,
// PaymentTerms, PaymentType, DeliveryTerms, DeliveryType, AmountClass, ExtApp, LanguageInfo,
// LocaleText): the statements that create each table and, in a sandbox that holds the demo data,
// add the demo's rows (demo-typed-lists.ts). A sandbox created empty or filled with other data gets
// the tables without rows. Plain SQL that both engines run (sqlite/ddl.ts, pg/ddl.ts).
import type { CrmSchema, SchemaTable } from './schema.js';
import { tablesSql } from './list-migration.js';
import { DEMO_TYPED_LISTS, TYPED_LIST_TABLES } from './demo-typed-lists.js';

/** Creates the typed list tables and fills those of a demo sandbox (rows whose keys are taken are skipped). */
export function typedListTablesSql(schema: CrmSchema, create: (t: SchemaTable) => string[], quote: (id: string) => string): string[] {
  return tablesSql(schema, create, quote, TYPED_LIST_TABLES, DEMO_TYPED_LISTS);
}
