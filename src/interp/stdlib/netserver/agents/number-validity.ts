// IsNumberValid of NSContactAgent, NSPersonAgent, NSProjectAgent and NSSaleAgent: whether a number
// may be saved as a record's, by the rules its counter holds (NSNumberAllocationAgent's common
// RefCounts row, RecordId 0, of the number field: contact.number2 — the company card's Number —,
// person.person_number, project.project_number, sale.number1). A counter marked Unique refuses a
// number another record of the table has (the record `id` itself aside; letter case and
// surrounding spaces do not count); one not marked AllowBlank refuses an empty number. With no
// counter the number is neither unique nor required, so any is valid.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db } from './db.js';
import { col } from './view.js';
import type { Methods } from './define.js';
import { fieldIdOf } from './number-allocation.js';

/** Each agent's number field: table, column. */
const FIELDS: Record<string, [table: string, column: string]> = {
  NSContactAgent: ['contact', 'number2'],
  NSPersonAgent: ['person', 'person_number'],
  NSProjectAgent: ['project', 'project_number'],
  NSSaleAgent: ['sale', 'number1'],
};

/** RefcountFlags: Unique 2, AllowBlank 8. */
const UNIQUE = 2;
const ALLOW_BLANK = 8;

/** The common counter of a number field, or null. */
function counter(table: string, column: string, where: string): CrmRow | null {
  if (!db().table('RefCounts')) return null;
  const fieldId = fieldIdOf(`${table}.${column}`, where);
  const rows = db().select('RefCounts', { where: [{ column: 'fieldId', op: '=', value: fieldId }], orderBy: [{ column: 'RefCounts_id' }] });
  return rows.find((r) => !Number(col(r, 'recordId') ?? 0)) ?? null;
}

function numberValid(agent: string, id: number, number: string): boolean {
  const [table, column] = FIELDS[agent]!;
  const rule = counter(table, column, `${agent}.IsNumberValid`);
  if (!rule) return true;
  const flags = Number(col(rule, 'flags') ?? 0);
  const wanted = number.trim().toLowerCase();
  if (!wanted) return (flags & ALLOW_BLANK) !== 0;
  if (!(flags & UNIQUE)) return true;
  // the other records with the number (compared without case and spaces around)
  const key = db().table(table)!.primaryKey;
  const others = db()
    .select(table, { columns: [key, column], where: [{ column: key, op: '<>', value: id }] })
    .filter((r) => String(col(r, column) ?? '').trim().toLowerCase() === wanted);
  return others.length === 0;
}

/** IsNumberValid(Integer,String) of an agent of FIELDS. */
export function numberValidity(agent: string): Methods {
  return { 'IsNumberValid(Integer,String)': (_a: unknown, id: number, number: string) => numberValid(agent, id | 0, String(number ?? '')) };
}
