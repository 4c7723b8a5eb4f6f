// NSNumberAllocationAgent over SuperOffice's number counters (RefCounts): a counter numbers one
// field of a table (fieldId: the table's number times 256 plus the column's position, shown as
// "table.column"), for all its records or for one (recordId: a document template's own counter),
// with its current value and flags (RefcountFlags: Allocate 1, Unique 2, ReadOnly 4, AllowBlank 8).
// "Number each template" is whether documents get a counter per document template: switching it
// on gives every template a counter of its own (starting where the common one stands), off
// removes them.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, register, type View } from './view.js';
import { entityCycle, make, type Methods } from './define.js';
import { tableName } from './table-numbers.js';

const AGENT = 'NSNumberAllocationAgent';

const FLAGS = [
  ['Allocate', 1],
  ['Unique', 2],
  ['ReadOnly', 4],
  ['AllowBlank', 8],
] as const;

/** The document number's field: what document templates number. */
const DOCUMENT_NUMBER = 'document.snum';

/** "table.column" as a field id, or a CRMScript error naming `where`. */
export function fieldIdOf(field: string, where: string): number {
  const [table, column] = String(field ?? '').trim().split('.');
  const t = table ? db().table(table) : null;
  if (!t) throw fail(where, `there is no table "${table ?? ''}" in the sandbox CRM (the field is "table.column")`);
  if (!t.number) throw fail(where, `the table ${t.name} has no table number in the sandbox CRM (only SuperOffice's own tables have one)`);
  const i = t.columns.findIndex((c) => c.name.toLowerCase() === String(column ?? '').toLowerCase());
  if (i < 0) throw fail(where, `the table ${t.name} has no column "${column ?? ''}"`);
  return t.number * 256 + i;
}

/** A field id as "table.column" ('' when no table of the sandbox has it). */
function fieldName(id: number): string {
  const name = tableName(Math.floor(id / 256));
  const t = name ? db().table(name) : null;
  const c = t?.columns[id % 256];
  return t && c ? `${t.name}.${c.name}` : '';
}

export const refCountView: View = {
  cls: 'NSRefCountEntity',
  table: 'RefCounts',
  key: 'RefCountsId',
  cols: 'RecordId=recordId:i CurrentValue=currentValue:i TravelPrefix=travelPrefix:i SatPrefix=satPrefix:i',
  required: [['Field', 'the field it numbers (SetField, "table.column")']],
  extra: (o: NSObject) => ({
    fieldId: fieldIdOf(String(o.f.Field ?? ''), `${AGENT}.SaveRefCountEntity`),
    flags: FLAGS.reduce((n, [prop, bit]) => (o.f[prop] ? n | bit : n), 0),
  }),
  calc: (o: NSObject, row: CrmRow) => {
    o.f.Field = fieldName(Number(col(row, 'fieldId') ?? 0));
    const flags = Number(col(row, 'flags') ?? 0);
    for (const [prop, bit] of FLAGS) o.f[prop] = (flags & bit) !== 0;
    o.f.SuggestedRecords = [];
  },
};
register(refCountView);

const cycle = entityCycle(AGENT, 'RefCount', refCountView, () =>
  // a counter that allocates numbers from 0
  make('NSRefCountEntity', { RefCountsId: 0, Field: '', RecordId: 0, CurrentValue: 0, Allocate: true, Unique: false, ReadOnly: false, AllowBlank: false, SuggestedRecords: [] }),
);

function counters(fieldId: number): CrmRow[] {
  return db().select('RefCounts', { where: [{ column: 'fieldId', op: '=', value: fieldId }], orderBy: [{ column: 'RefCounts_id' }] });
}

/**
 * The next number of a table's field, taken from its counter (that of `recordId` when it has one,
 * else the common one) when that allocates numbers: '' when none does.
 */
export function allocateNumber(table: string, column: string, recordId = 0): string {
  if (!db().table('RefCounts') || !db().table(table)?.number) return '';
  const rows = counters(fieldIdOf(`${table}.${column}`, AGENT));
  const row = rows.find((r) => recordId && Number(col(r, 'recordId') ?? 0) === recordId) ?? rows.find((r) => !Number(col(r, 'recordId') ?? 0));
  if (!row || !(Number(col(row, 'flags') ?? 0) & 1)) return '';
  const next = Number(col(row, 'currentValue') ?? 0) + 1;
  const crm = db();
  crm.update('RefCounts', Number(col(row, 'RefCounts_id')), { currentValue: next, updated: crm.now(), updated_associate_id: crm.actor().associateId, updatedCount: Number(col(row, 'updatedCount') ?? 0) + 1 });
  return String(next);
}

function numberEachTemplate(): boolean {
  return counters(fieldIdOf(DOCUMENT_NUMBER, AGENT)).some((r) => Number(col(r, 'recordId') ?? 0) !== 0);
}

function setNumberEachTemplate(on: boolean): void {
  const where = `${AGENT}.SetNumberEachTemplate`;
  const crm = db();
  const fieldId = fieldIdOf(DOCUMENT_NUMBER, where);
  const rows = counters(fieldId);
  const own = rows.filter((r) => Number(col(r, 'recordId') ?? 0) !== 0);
  if (!on) {
    for (const r of own) crm.delete('RefCounts', Number(col(r, 'RefCounts_id')));
    return;
  }
  const common = rows.find((r) => !Number(col(r, 'recordId') ?? 0));
  const has = new Set(own.map((r) => Number(col(r, 'recordId'))));
  for (const t of crm.select('DocTmpl', { orderBy: [{ column: 'DocTmpl_id' }] })) {
    const id = Number(col(t, 'DocTmpl_id') ?? 0);
    if (!id || has.has(id)) continue;
    crm.insert('RefCounts', {
      fieldId,
      recordId: id,
      currentValue: Number(col(common ?? {}, 'currentValue') ?? 0),
      travelPrefix: 0,
      satPrefix: 0,
      flags: common ? Number(col(common, 'flags') ?? 0) : 1,
      registered: crm.now(),
      registered_associate_id: crm.actor().associateId,
      updatedCount: 0,
    });
  }
}

export const numberAllocationAgent: Methods = {
  ...cycle,
  'GetNumberEachTemplate()': () => numberEachTemplate(),
  'SetNumberEachTemplate(Bool)': (_a: unknown, on: boolean) => setNumberEachTemplate(!!on),
};

/**
 * The number a new record gets when it has none (a save's extra columns): from the counter of its
 * table's number field (per `recordId`, a document's template, when that has its own).
 */
export function newNumber(o: NSObject, old: CrmRow | null, table: string, column: string, prop: string, recordId = 0): CrmRow {
  const v = o.f[prop];
  if (old || (v !== undefined && v !== null && String(v).trim() !== '' && v !== 0)) return {};
  const n = allocateNumber(table, column, recordId);
  if (!n) return {};
  o.f[prop] = typeof v === 'number' ? Number(n) : n;
  return { [column]: o.f[prop] as string | number };
}
