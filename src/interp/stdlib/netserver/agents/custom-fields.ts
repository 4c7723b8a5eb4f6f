// The custom fields NetServer entities carry beside their own properties: the user-defined fields
// (udef-values.ts) and the extra fields, the x_ columns of the entity's table. Loading an entity
// fills its UserDefinedFields and ExtraFields maps and CustomFields, both in one Map; saving it
// writes what they hold that differs from the stored values (the first such value of
// UserDefinedFields or ExtraFields, then CustomFields).
//
// Extra fields read as the reference shows: whole numbers and links "[I:123]" (a link to a table
// with a name column with "x_name:DisplayText" beside it), decimals "[F:12.5]", dates and times
// "[DT:2020.08.27 10:30:00]", text as it is. The demo's standard tables have no x_ columns: the
// operator adds them (`crm sql --write "ALTER TABLE ticket ADD COLUMN x_reason TEXT"`), and the
// schema picks them up (crm/schema.ts); until then these maps are empty.
import type { CrmColumn, CrmRow, CrmValue } from '../../../runtime/crm-service.js';
import { CrmMap } from '../../map.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { udefOwnerOfTable } from '../udef-layout.js';
import { field, hasUdefs } from './udef-store.js';
import { readUdefs, writeUdefs } from './udef-values.js';

const isExtra = (c: CrmColumn): boolean => c.name.toLowerCase().startsWith('x_');
const INTEGER = new Set(['Int', 'Id', 'FK', 'UShort', 'Short', 'UInt', 'Bool', 'Enum', 'RecordId']);

function extraColumns(table: string): CrmColumn[] {
  return (db().table(table)?.columns ?? []).filter(isExtra);
}

function encodeExtra(c: CrmColumn, v: CrmValue | undefined): string {
  if (INTEGER.has(c.type)) return `[I:${Number(v ?? 0) | 0}]`;
  if (c.type === 'Double') return `[F:${Number(v ?? 0)}]`;
  if (c.type === 'DateTime' || c.type === 'UtcDateTime' || c.type === 'Date') {
    const m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d:\d\d:\d\d))?/.exec(String(v ?? ''));
    return m ? `[DT:${m[1]}.${m[2]}.${m[3]} ${m[4] ?? '00:00:00'}]` : '';
  }
  return v === null || v === undefined ? '' : String(v);
}

function readExtras(table: string, row: CrmRow | null): CrmMap {
  const m = new CrmMap();
  for (const c of extraColumns(table)) {
    const v = row ? field(row, c.name) : null;
    m.put(c.name, encodeExtra(c, v));
    if (c.references && db().table(c.references)) {
      const target = Number(v ?? 0) ? db().get(c.references, Number(v)) : null;
      m.put(`${c.name}:DisplayText`, target ? String(field(target, 'name') ?? '') : '');
    }
  }
  return m;
}

function decodeExtra(c: CrmColumn, raw: string, where: string): CrmValue {
  const s = String(raw ?? '').trim();
  const inner = s.replace(/^\[[A-Z]+:(.*)\]$/s, '$1').trim();
  if (INTEGER.has(c.type) || c.type === 'Double') {
    if (!inner) return 0;
    const n = Number(inner.replace(',', '.'));
    if (!Number.isFinite(n)) throw fail(where, `the extra field ${c.name} takes a number ("[I:123]"), not "${raw}"`);
    return c.type === 'Double' ? n : Math.trunc(n);
  }
  if (c.type === 'DateTime' || c.type === 'UtcDateTime' || c.type === 'Date') {
    const m = /^(\d{4})[.\-/](\d\d)[.\-/](\d\d)(?:[ T](\d\d:\d\d(?::\d\d)?))?/.exec(inner);
    if (!inner) return null;
    if (!m) throw fail(where, `the extra field ${c.name} takes a date ("[DT:2020.08.27 10:30:00]"), not "${raw}"`);
    return `${m[1]}-${m[2]}-${m[3]} ${m[4] ? (m[4].length === 5 ? `${m[4]}:00` : m[4]) : '00:00:00'}`;
  }
  return String(raw ?? '');
}

function writeExtras(table: string, id: number, maps: CrmMap[], where: string): void {
  const row = db().get(table, id);
  if (!row) return;
  const change: CrmRow = {};
  for (const c of extraColumns(table)) {
    for (const values of maps) {
      if (!values.data.has(c.name)) continue;
      const v = decodeExtra(c, values.data.get(c.name)!, where);
      if (encodeExtra(c, field(row, c.name)) === encodeExtra(c, v)) continue;
      change[c.name] = v;
      break;
    }
  }
  if (Object.keys(change).length) db().update(table, id, change);
}

/** Fills a loaded entity's UserDefinedFields and ExtraFields from its row (a new entity's, row null: the fields' defaults). */
export function readCustomFields(o: NSObject, table: string, row: CrmRow | null): void {
  const owner = udefOwnerOfTable(table);
  const udefs = owner && hasUdefs() ? readUdefs(owner, row) : new CrmMap();
  const extras = readExtras(table, row);
  const all = new CrmMap();
  for (const m of [udefs, extras]) for (const [k, v] of m.data) all.put(k, v);
  o.f.UserDefinedFields = udefs;
  o.f.ExtraFields = extras;
  o.f.CustomFields = all;
}

const maps = (...values: unknown[]): CrmMap[] => values.filter((v): v is CrmMap => v instanceof CrmMap);

/** Writes what a saved entity's UserDefinedFields and ExtraFields hold (only what changed). */
export function writeCustomFields(o: NSObject, table: string, id: number, where: string): void {
  const owner = udefOwnerOfTable(table);
  if (owner && hasUdefs()) writeUdefs(owner, id, maps(o.f.UserDefinedFields, o.f.CustomFields), where);
  writeExtras(table, id, maps(o.f.ExtraFields, o.f.CustomFields), where);
}
