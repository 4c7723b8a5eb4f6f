// Bringing a sandbox made by an older build up to the preference descriptions (PrefDesc,
// PrefDescLine), tab orders (TabOrder), temporary keys (TemporaryKey) and time zone locations
// (TZLocation, BaseTZLocation): the statements that create each table and, in a sandbox that holds
// the demo data, add the demo's rows (demo-preferences.ts). A sandbox created empty or filled with
// other data gets the tables without rows. Plain SQL that both engines run (sqlite/ddl.ts, pg/ddl.ts).
import type { CrmSchema, SchemaTable } from './schema.js';
import { tablesSql } from './list-migration.js';
import { DEMO_PREFERENCES, PREFERENCE_TABLES } from './demo-preferences.js';

/** Creates the preference, tab order, temporary key and time zone tables and fills those of a demo sandbox. */
export function preferenceTablesSql(schema: CrmSchema, create: (t: SchemaTable) => string[], quote: (id: string) => string): string[] {
  return tablesSql(schema, create, quote, PREFERENCE_TABLES, DEMO_PREFERENCES);
}
