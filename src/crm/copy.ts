// Copying the sandbox CRM from one engine to another (`store copy`: the SQLite file of a JSON
// store ↔ the crm schema of a PostgreSQL store). The target is recreated empty, every table of the
// source (SuperOffice's and the extra y_* tables) is created where missing and filled with the
// source's rows in one transaction, and the row count of every table is compared before it is
// committed: a copy that does not match is rolled back, so the target never holds half of one.
import type { CrmValue } from '../interp/runtime/crm-service.js';
import type { CrmDriver } from './driver.js';
import { CrmDatabaseError } from './errors.js';
import type { SchemaTable } from './schema.js';
import { isCatalogView } from './sequence-view.js';

export interface CrmCopyResult {
  tables: number;
  rows: number;
}

/** Copies every table and row of `from` into `to`, which must hold no rows (see resetDatabase). */
export function copyCrmData(from: CrmDriver, to: CrmDriver): CrmCopyResult {
  // the sequence view follows the target's own key counters
  const source = [...from.schema().tables.values()].filter((t) => !isCatalogView(t.name));
  const q = to.dialect.quote;
  to.beginWrite();
  try {
    let created = false;
    for (const t of source) {
      if (to.schema().find(t.name)) continue;
      if (!t.extra) throw new CrmDatabaseError(`the target has no table ${t.name}; run \`crmscript-tui crm reset\` on it first`);
      for (const sql of to.dialect.createTable({ name: t.name, columns: t.columns })) to.run(sql);
      created = true;
    }
    if (created) to.reloadSchema();
    let rows = 0;
    for (const t of source) {
      const { columns, rows: data } = readAll(from, t);
      if (data.length > 0) to.insertRows(to.schema().mustFind(t.name).name, columns, data);
      const got = count(to, q(to.schema().mustFind(t.name).name));
      if (got !== data.length) throw new CrmDatabaseError(`the copy of table ${t.name} holds ${got} rows instead of ${data.length}; nothing was copied`);
      rows += data.length;
    }
    to.commit();
    return { tables: source.length, rows };
  } catch (e) {
    to.rollback();
    throw e;
  }
}

/** The rows of a table in key order, with the schema's column names (engines differ in their case). */
function readAll(d: CrmDriver, t: SchemaTable): { columns: string[]; rows: CrmValue[][] } {
  const q = d.dialect.quote;
  const r = d.all(`SELECT * FROM ${q(t.name)} ORDER BY ${q(t.primaryKey)}`);
  return { columns: r.columns.map((c) => t.byName.get(c.toLowerCase())?.name ?? c), rows: r.rows };
}

function count(d: CrmDriver, quotedTable: string): number {
  return Number(d.all(`SELECT count(*) FROM ${quotedTable}`).rows[0]?.[0] ?? 0);
}
