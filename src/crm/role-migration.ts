// Bringing a sandbox made by an older build up to role-based security and credentials (Role,
// UserRoleLink, FunctionRight, FunctionRightRoleLink, DataRight, Credentials): the statements that
// create each table and, in a sandbox that holds the demo data, add the demo's rows
// (demo-roles.ts). A sandbox created empty or filled with other data gets the tables without rows.
// Plain SQL that both engines run (sqlite/ddl.ts, pg/ddl.ts).
import type { CrmSchema, SchemaTable } from './schema.js';
import { tablesSql } from './list-migration.js';
import { demoRoleRows, ROLE_TABLES } from './demo-roles.js';

/** Creates the role and credential tables and fills those of a demo sandbox (rows whose keys are taken are skipped). */
export function roleTablesSql(schema: CrmSchema, create: (t: SchemaTable) => string[], quote: (id: string) => string): string[] {
  return tablesSql(schema, create, quote, ROLE_TABLES, demoRoleRows());
}
