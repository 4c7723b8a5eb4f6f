// Bringing a sandbox made by an older build up to the list tables (Task, UserGroup, ProjType, ...):
// the statements that create each table and, in a sandbox that holds the demo data, add the demo's
// list rows (demo-lists.ts). Existing rows are left as they are: the demo's appointments, sales and
// projects of an older sandbox keep their empty links. A sandbox created empty (crm reset --empty)
// or filled with other data gets the tables without rows. The statements are plain SQL that both
// engines run (SQLite: sqlite/ddl.ts, PostgreSQL: pg/ddl.ts), each engine quoting names its way.
import type { CrmValue } from '../interp/runtime/crm-service.js';
import type { CrmSchema, SchemaTable } from './schema.js';
import { DEMO_CURRENCIES, DEMO_LISTS, LIST_TABLES, listRow, type Row } from './demo-lists.js';

/** The config row the demo data writes (seedSettings): how a sandbox with the demo data is recognised. */
const DEMO_INSTALLER = 'crmscript-tui';

function literal(v: CrmValue): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return `'${String(v).replace(/'/g, "''")}'`;
}

/** Creates the list tables and fills those of a demo sandbox (rows whose keys are taken are skipped). */
export function listTablesSql(schema: CrmSchema, create: (t: SchemaTable) => string[], quote: (id: string) => string): string[] {
  const out: string[] = [];
  const demo = `EXISTS (SELECT 1 FROM ${quote('config')} WHERE ${quote('installed_by')} = ${literal(DEMO_INSTALLER)})`;
  const fill = (t: SchemaTable, rows: Row[]): void => {
    for (const r of rows) {
      const row = listRow(r, t.primaryKey);
      const cols = Object.keys(row);
      const free = `NOT EXISTS (SELECT 1 FROM ${quote(t.name)} WHERE ${quote(t.primaryKey)} = ${literal(row[t.primaryKey] ?? null)})`;
      out.push(`INSERT INTO ${quote(t.name)} (${cols.map(quote).join(', ')}) SELECT ${cols.map((c) => literal(row[c] ?? null)).join(', ')} WHERE ${demo} AND ${free}`);
    }
  };
  for (const name of LIST_TABLES) {
    const t = schema.mustFind(name);
    out.push(...create(t));
    fill(t, DEMO_LISTS[name] ?? []);
  }
  // the currency table was there, and empty in the demo data, before the list tables came
  fill(schema.mustFind('currency'), DEMO_CURRENCIES);
  return out;
}
