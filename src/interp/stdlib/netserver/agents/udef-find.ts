// A find or archive restriction on a user-defined field, as NetServer names one:
// "<entity>Udef/<progId>" ("appointmentUdef/SuperOffice:1", "contactUdef/SuperOffice:3"). The
// value is taken as the field takes a value (udef-values.ts: "123", "12,5", "2020.08.27", a list
// item's id, text); the rows of the entity's udef table that match become a condition on the
// entity's link to them (userdef_id, or userdef2_id for a long text). An entity without udef rows
// has no value: it matches "is not set" and nothing else, as a NULL column would.
import type { CrmCondition, CrmOperator, CrmTest, CrmValue } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { udefOwnerOfTable } from '../udef-layout.js';
import { field, num, publishedFields } from './udef-store.js';
import { columnFor, decode } from './udef-values.js';

const UDEF_NAME = /^([a-z]+)udef\/(.+)$/i;

/** Whether a restriction's name names a user-defined field. */
export const isUdefRestriction = (name: string): boolean => UDEF_NAME.test(name);

/**
 * The condition on `table` (the provider's) of a udef restriction `name` with `op` and its values
 * (already split by the caller: an array for in/not in, undefined for is null / is not null).
 */
export function udefCondition(where: string, table: string, name: string, op: CrmOperator, value: CrmValue | CrmValue[] | undefined): CrmCondition {
  const [, entity, progId] = UDEF_NAME.exec(name)!;
  const owner = udefOwnerOfTable(table);
  if (!owner || owner.name.toLowerCase() !== entity.toLowerCase()) {
    throw fail(where, `'${name}' is no user-defined field of ${table} (its fields are named "${owner ? `${owner.name}Udef` : 'none'}/progId")`);
  }
  const def = publishedFields(owner).find((d) => String(field(d, 'progId') ?? '').toLowerCase() === progId.toLowerCase());
  const c = def ? columnFor(owner, def) : null;
  if (!def || !c) throw fail(where, `${owner.name} has no published user-defined field '${progId}'`);
  const asStored = (v: CrmValue): CrmValue => {
    const d = decode(def, String(v ?? ''));
    if (d !== null && typeof d === 'object') throw fail(where, `the user-defined field ${progId} (${String(field(def, 'fieldLabel') ?? '')}) takes ${d.wrong}, not "${String(v)}"`);
    return d;
  };
  const udTable = c.large ? owner.large : owner.small;
  const link = c.large ? 'userdef2_id' : 'userdef_id';
  // "is null": the entities whose udef row has a value are left out (those without a row stay in)
  const inverted = op === 'is null';
  const cond: CrmTest = { column: c.column, op: inverted ? 'is not null' : op };
  if (value !== undefined) cond.value = Array.isArray(value) ? value.map(asStored) : asStored(value);
  const key = db().table(udTable)?.primaryKey ?? `${udTable}_id`;
  const ids = db().select(udTable, { where: [cond] }).map((r) => num(r, key));
  if (!inverted) return { column: link, op: 'in', value: ids };
  // the entities linked to a udef row with a value are left out; by key, as a link may be NULL
  const pk = db().table(table)!.primaryKey;
  const withValue = ids.length ? db().select(table, { where: [{ column: link, op: 'in', value: ids }] }).map((r) => num(r, pk)) : [];
  return { column: pk, op: 'not in', value: withValue };
}
