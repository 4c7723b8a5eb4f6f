// Table numbers of SuperOffice's reference (contact 5, person 6, project 7, ...), as the tables
// that point at a record of any table keep them (foreignkey.table_id, BinaryObjectLink.ownerTable),
// and the table names NetServer shows for them.
import { db, fail } from './db.js';

/**
 * The number of the table named `name` ('' for none: 0), or a CRMScript error naming `where` when
 * the sandbox has no such table or keeps no number for it (its own and extra tables).
 */
export function tableNumber(name: string, where: string): number {
  const n = String(name ?? '').trim();
  if (!n) return 0;
  const t = db().table(n);
  if (!t) throw fail(where, `there is no table "${n}" in the sandbox CRM`);
  if (!t.number) throw fail(where, `the table ${t.name} has no table number in the sandbox CRM (only SuperOffice's own tables have one)`);
  return t.number;
}

/** The name of the table with number `num` ('' when no table has it). */
export function tableName(num: number): string {
  if (!num) return '';
  const crm = db();
  for (const name of crm.tableNames()) if (crm.table(name)?.number === num) return name;
  return '';
}
