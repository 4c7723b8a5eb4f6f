// The history lists of each user (SuperOffice's History table): per list — named after the table
// its records belong to ("contact", "person", "project", ...; table_id holds the table's number) —
// the records the user visited, rank 1 the current (most recent) one. A list keeps at most the
// user's history length (the preference Visual/HistorySize, 10 when none is set). Users' own
// preferences of the sandbox are UserPreference rows at the individual level (5).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, lookup } from './view.js';
import { make } from './define.js';
import { fullName } from './people-views.js';
import { preferencesNamed } from './ticket-user-pref.js';
import { tableName, tableNumber } from './table-numbers.js';

/** How many items a list keeps when no preference says. */
export const DEFAULT_HISTORY_LENGTH = 10;
const INDIVIDUAL = 5;

/** The value of the preference that applies to the user ('' when none). */
export function preferenceValue(section: string, key: string): string {
  return String(preferencesNamed(section, key)[0]?.f.RawValue ?? '');
}

/** Writes the user's own preference (the individual level). */
export function setOwnPreference(section: string, key: string, value: string): void {
  const crm = db();
  const me = crm.actor().associateId;
  const mine = crm.select('UserPreference', {
    where: [
      { column: 'prefsection', op: '=', value: section },
      { column: 'prefkey', op: '=', value: key },
      { column: 'deflevel', op: '=', value: INDIVIDUAL },
      { column: 'owner_id', op: '=', value: me },
    ],
  })[0];
  if (mine) crm.update('UserPreference', Number(col(mine, 'userpreference_id')), { prefvalue: value, updated: crm.now(), updated_associate_id: me, updatedCount: Number(col(mine, 'updatedCount') ?? 0) + 1 });
  else crm.insert('UserPreference', { deflevel: INDIVIDUAL, maxlevel: INDIVIDUAL, owner_id: me, prefsection: section, prefkey: key, prefvalue: value, registered: crm.now(), registered_associate_id: me, updatedCount: 0 });
}

export function historyLength(): number {
  const n = parseInt(preferenceValue('Visual', 'HistorySize'), 10);
  return n > 0 ? n : DEFAULT_HISTORY_LENGTH;
}

/** The name and extra information a record shows in a history list. */
function describe(table: string, id: number): { name: string; info: string } {
  const t = db().table(table);
  const row = id && t ? db().get(table, id) : null;
  if (!row) return { name: '', info: '' };
  const get = (c: string): string => String(col(row, c) ?? '');
  switch (t!.name.toLowerCase()) {
    case 'person':
      return { name: fullName(get('firstname'), get('middleName'), get('lastname')), info: lookup('contact', get('contact_id'), 'name') };
    case 'contact':
      return { name: get('name'), info: get('department') };
    case 'sale':
      return { name: get('heading'), info: lookup('contact', get('contact_id'), 'name') };
    case 'associate':
      return { name: get('name'), info: get('type') };
    case 'document':
      return { name: get('header'), info: get('name') };
    default:
      return { name: ['name', 'heading', 'header', 'title', 'description'].map(get).find(Boolean) ?? '', info: '' };
  }
}

/** The NSHistory of a list's record, as it would be listed (HistoryId 0 when not a History row). */
export function historyItem(list: string, id: number, rank = 0, historyId = 0, associateId = db().actor().associateId): NSObject {
  const { name, info } = describe(list, id);
  return make('NSHistory', { HistoryId: historyId, HistoryName: list, Id: id, Name: name, ItemInfo: info, Rank: rank, AssociateId: associateId });
}

export function fromRow(r: CrmRow): NSObject {
  const list = tableName(Number(col(r, 'table_id') ?? 0));
  return historyItem(list, Number(col(r, 'record_id') ?? 0), Number(col(r, 'rank') ?? 0), Number(col(r, 'history_id') ?? 0), Number(col(r, 'associate_id') ?? 0));
}

/** The number of a list's table, or a CRMScript error naming `where`. */
export function listNumber(list: string, where: string): number {
  if (!String(list ?? '').trim()) throw fail(where, 'the history list has no name (a table name such as "contact")');
  return tableNumber(list, where);
}

/** A user's rows of a list (all lists when `table` is 0), by list and rank. */
export function listRows(table: number, associateId = db().actor().associateId): CrmRow[] {
  const where = [{ column: 'associate_id', op: '=' as const, value: associateId }, ...(table ? [{ column: 'table_id', op: '=' as const, value: table }] : [])];
  return db().select('History', { where, orderBy: [{ column: 'table_id' }, { column: 'rank' }, { column: 'history_id' }] });
}

/** Writes a list as these record ids in this order (rank 1 first), keeping at most the history length. */
export function writeList(table: number, ids: number[]): void {
  const crm = db();
  const me = crm.actor().associateId;
  const wanted = [...new Set(ids.filter(Boolean))].slice(0, historyLength());
  const rows = listRows(table);
  const byRecord = new Map(rows.map((r) => [Number(col(r, 'record_id')), r]));
  for (const r of rows) if (!wanted.includes(Number(col(r, 'record_id')))) crm.delete('History', Number(col(r, 'history_id')));
  wanted.forEach((id, i) => {
    const r = byRecord.get(id);
    if (!r) crm.insert('History', { associate_id: me, table_id: table, record_id: id, extra_id: 0, rank: i + 1, updatedCount: 0 });
    else if (Number(col(r, 'rank')) !== i + 1) crm.update('History', Number(col(r, 'history_id')), { rank: i + 1, updatedCount: Number(col(r, 'updatedCount') ?? 0) + 1 });
  });
}

/** Makes a record the current (rank 1) of its list; returns its History row as an NSHistory. */
export function makeCurrent(list: string, id: number, where: string): NSObject {
  const table = listNumber(list, where);
  const name = db().table(list)!.name;
  if (!id || !db().get(name, id)) throw fail(where, `there is no ${name} with id ${id}`);
  writeList(table, [id, ...listRows(table).map((r) => Number(col(r, 'record_id')))]);
  return fromRow(listRows(table)[0]);
}
