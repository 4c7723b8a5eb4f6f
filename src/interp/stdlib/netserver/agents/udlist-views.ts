// The lists NSListAgent's generic methods name: user-defined lists, kept as SuperOffice keeps
// them (a UDListDefinition row whose listTableId is UDList's table number, its items in UDList),
// and the built-in lists the sandbox has (mdo.ts: category, business, country, ...), whose items
// are the rows of their own tables. A name is a user-defined list's name (any case) before a
// built-in list's; an id is a UDListDefinition id (built-in lists have none in the sandbox: it
// keeps no definition rows for them, so they are named). Headings are Heading rows of a list's
// table number (listTableId), a user-defined list's also of its definition (extraId).
import type { CrmRow, CrmValue } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { UDEF_LIST_TABLES } from '../udef-layout.js';
import { db, fail } from './db.js';
import { col, LIST_TABLE_COLS, loadWhere, type View } from './view.js';
import { make } from './define.js';
import { mdoListNames, plainListTable } from './mdo.js';

export const AGENT = 'NSListAgent';
export const at = (method: string): string => `${AGENT}.${method}`;

/** SuperOffice's table number of UDList: the listTableId of every user-defined list. */
export const UDLIST_TABLE = 136;

/** The number of a built-in list's table (the listTableId of its headings), 0 when unknown. */
function tableNumber(table: string): number {
  const hit = Object.entries(UDEF_LIST_TABLES).find(([, t]) => t.toLowerCase() === table.toLowerCase());
  return hit ? Number(hit[0]) : 0;
}

export const listDefinitionView: View = {
  cls: 'NSListEntity',
  table: 'UDListDefinition',
  key: 'Id',
  cols: LIST_TABLE_COLS,
  required: [['Name', 'the list name (SetName)']],
  extra: (_o, old): CrmRow => (old ? {} : { listTableId: UDLIST_TABLE }),
  calc: (o) => {
    const used = db().table('UDefField') ? db().count('UDefField', [{ column: 'UDListDefinition_id', op: '=', value: Number(o.f.Id) }]) : 0;
    Object.assign(o.f, { IsCustomList: true, IsMDOList: true, UseGroupsAndHeadings: true, ListType: 'udlist', InUseByUserDefinedFields: used > 0 });
  },
};

export const udListItemView: View = {
  cls: 'NSListItemEntity',
  table: 'UDList',
  key: 'Id',
  cols: `${LIST_TABLE_COLS} UdListDefinitionId=UDListDefinition_id:i`,
  required: [['Name', 'the list item name (SetName)']],
};

export const headingView: View = {
  cls: 'NSHeadingEntity',
  table: 'Heading',
  key: 'HeadingId',
  cols: `${LIST_TABLE_COLS} UdListDefinitionId=extraId:i`,
  required: [['Name', 'the heading name (SetName)']],
};

const builtInViews = new Map<string, View>();

/** The items of a built-in list's table as NSListItemEntity (no list definition). */
function builtInItemView(table: string): View {
  let v = builtInViews.get(table);
  if (!v) {
    v = { cls: 'NSListItemEntity', table, key: 'Id', cols: LIST_TABLE_COLS, required: udListItemView.required, calc: (o) => void (o.f.UdListDefinitionId = 0) };
    builtInViews.set(table, v);
  }
  return v;
}

/** A list a method names: a user-defined one (defId > 0) or a built-in one. */
export interface ListRef {
  /** Its name, as the sandbox knows it. */
  name: string;
  /** Its UDListDefinition id; 0 for a built-in list. */
  defId: number;
  /** The table of its items ('' for a built-in list whose items are no plain list rows). */
  table: string;
  /** Its headings' listTableId (0: a built-in list whose table number the sandbox does not know). */
  number: number;
}

export const isUserDefined = (l: ListRef): boolean => l.defId > 0;

/** The user-defined lists, deleted ones too, in rank order. */
export function definitions(): NSObject[] {
  return loadWhere(listDefinitionView, {}).sort((a, b) => Number(a.f.Rank) - Number(b.f.Rank) || String(a.f.Name).localeCompare(String(b.f.Name)));
}

const userDefined = (o: NSObject): ListRef => ({ name: String(o.f.Name), defId: Number(o.f.Id), table: 'UDList', number: UDLIST_TABLE });

/** The user-defined list with id `id`, or a CRMScript error naming `method`. */
export function listById(method: string, id: number): ListRef {
  const o = id > 0 ? definitions().find((d) => Number(d.f.Id) === id) : undefined;
  if (!o) throw fail(at(method), `there is no user-defined list with id ${id} (UDListDefinition)`);
  return userDefined(o);
}

/** The list named `name` (a user-defined one first), or a CRMScript error that names the lists there are. */
export function listByName(method: string, name: string): ListRef {
  const wanted = String(name ?? '').trim().toLowerCase();
  const own = definitions().find((d) => String(d.f.Name).toLowerCase() === wanted);
  if (own) return userDefined(own);
  const builtIn = builtInRef(wanted);
  if (!builtIn) {
    const known = [...definitions().map((d) => `"${String(d.f.Name)}"`), ...mdoListNames()].join(', ');
    throw fail(at(method), `the sandbox CRM has no list "${name}" (its lists: ${known})`);
  }
  return builtIn;
}

/** Whether a name is a built-in list's. */
export const isBuiltInName = (name: string): boolean => plainListTable(name) !== null;

function builtInRef(name: string): ListRef | null {
  const table = plainListTable(name);
  return table === null ? null : { name, defId: 0, table, number: table ? tableNumber(table) : 0 };
}

/** The built-in lists the sandbox has, as list entities (GetListDefinitions). */
export const builtInLists = (): NSObject[] => mdoListNames().map((n) => builtInEntity(builtInRef(n)!));

/** The NSListEntity of a built-in list: no definition row, so no id; named by its list name. */
export function builtInEntity(l: ListRef): NSObject {
  const used = l.number && db().table('UDefField') ? db().count('UDefField', [{ column: 'listTableId', op: '=', value: l.number }]) : 0;
  return make('NSListEntity', { Id: 0, Name: l.name, Tooltip: '', Deleted: false, Rank: 0, IsCustomList: false, IsMDOList: true, UseGroupsAndHeadings: false, ListType: l.name, InUseByUserDefinedFields: used > 0 });
}

/** The view of a list's items, or an error for a built-in list whose items the sandbox cannot treat as list items. */
export function itemView(method: string, l: ListRef): View {
  if (isUserDefined(l)) return udListItemView;
  if (!l.table) throw fail(at(method), `the list "${l.name}" has no plain list items (name, rank, tooltip, deleted) to read or write here; NSMDOAgent.GetList reads it`);
  return builtInItemView(l.table);
}

/** Deletes the rows of a link table whose column holds `id`. */
export function unlink(table: string, column: string, id: number): void {
  const pk = db().table(table)!.primaryKey;
  for (const r of db().select(table, { where: [{ column, op: '=', value: id }] })) db().delete(table, Number(col(r, pk)));
}

/** Rank, then name. */
export const byRank = (a: NSObject, b: NSObject): number => Number(a.f.Rank) - Number(b.f.Rank) || String(a.f.Name).localeCompare(String(b.f.Name));

/** A list's items in rank order, deleted ones only when asked for. */
export function itemsOf(method: string, l: ListRef, includeDeleted: boolean): NSObject[] {
  const where: Record<string, CrmValue> = isUserDefined(l) ? { UDListDefinition_id: l.defId } : {};
  const all = loadWhere(itemView(method, l), where).sort(byRank);
  return includeDeleted ? all : all.filter((o) => !o.f.Deleted);
}

/** Whether row `id` is an item of the list. */
export function inList(l: ListRef, id: number): boolean {
  if (!id || !l.table) return false;
  const row = db().get(l.table, id);
  return !!row && (!isUserDefined(l) || Number(col(row, 'UDListDefinition_id') ?? 0) === l.defId);
}

/** The item `id` of the list, or an error naming the list. */
export function mustBeItem(method: string, l: ListRef, id: number): void {
  itemView(method, l);
  if (!inList(l, id)) throw fail(at(method), `the list "${l.name}" has no item with id ${id}`);
}

/** A user-defined list, or an error saying the sandbox keeps no such links for a built-in list. */
export function mustBeUserDefined(method: string, l: ListRef, what: string): void {
  if (!isUserDefined(l)) throw fail(at(method), `the sandbox CRM keeps ${what} of user-defined lists only (UDList); it has no link tables for the built-in list "${l.name}"`);
}
