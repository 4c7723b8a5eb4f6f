// NSListAgent's lists and their items by list name or UDListDefinition id (udlist-views.ts): the
// list definitions (NSListEntity: user-defined lists are UDListDefinition rows; the built-in
// lists are listed, by name, beside them), and the items of a list (NSListItemEntity: UDList rows
// of a user-defined list, the rows of a built-in list's table). Deleting one item removes its row
// (and a user-defined item's heading and user group links); deleting all marks them deleted, as
// the reference says. A new item of a user-defined list is visible for every user group, and
// one without a rank goes last, as SuperOffice's list administration adds items.
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, load, loadWhere, remove, updateChanged } from './view.js';
import { byId, make, saved, type Methods } from './define.js';
import {
  at, builtInEntity, builtInLists, definitions, headingView, inList, isUserDefined, itemsOf, itemView, listById, listByName, listDefinitionView, mustBeItem, isBuiltInName, unlink, type ListRef,
} from './udlist-views.js';

const LINKS = ['UDListHeadingLink', 'UDListGroupLink'];

/** Removes a user-defined item's heading and user group links. */
function unlinkItem(id: number): void {
  for (const table of LINKS) unlink(table, 'udlist_id', id);
}

function removeItem(method: string, l: ListRef, id: number): void {
  mustBeItem(method, l, id);
  if (isUserDefined(l)) unlinkItem(id);
  // a document template leaves the headings it was filed under
  if (l.table === 'DocTmpl' && db().table('DocTmplHeadingLink')) unlink('DocTmplHeadingLink', 'doctmpl_id', id);
  remove(itemView(method, l), id);
}

/** Links a new user-defined item to every user group (visible for all). */
function visibleForAll(itemId: number): void {
  if (!db().table('UserGroup')) return;
  const when = db().now();
  const who = db().actor().associateId;
  for (const g of db().select('UserGroup', { orderBy: [{ column: 'UserGroup_id' }] }))
    db().insert('UDListGroupLink', { udlist_id: itemId, group_id: Number(col(g, 'UserGroup_id')), registered: when, registered_associate_id: who });
}

/** Saves an item into a list: `id` (when given) names the row, a new one when 0. */
function saveItem(method: string, l: ListRef, item: NSObject, id?: number): NSObject {
  if (!item) throw fail(at(method), 'nothing to save');
  const v = itemView(method, l);
  if (id !== undefined) item.f.Id = id | 0;
  const rowId = Number(item.f.Id ?? 0) | 0;
  const existing = rowId ? db().get(l.table, rowId) : null;
  if (existing && !inList(l, rowId)) throw fail(at(method), `the list item ${rowId} is not in the list "${l.name}"`);
  if (isUserDefined(l)) item.f.UdListDefinitionId = l.defId;
  // a new item without a rank goes last, as the list administration adds it
  if (!existing && !Number(item.f.Rank ?? 0)) item.f.Rank = Math.max(0, ...itemsOf(method, l, true).map((o) => Number(o.f.Rank))) + 1;
  const out = saved('NSListAgent', method, v, item);
  if (isUserDefined(l) && !existing) visibleForAll(Number(out.f.Id));
  return out;
}

function deleteAll(method: string, l: ListRef): void {
  const v = itemView(method, l);
  for (const o of itemsOf(method, l, false)) updateChanged(v.table, Number(o.f.Id), db().get(v.table, Number(o.f.Id))!, { deleted: 1 });
}

function getItem(method: string, l: ListRef, id: number): NSObject {
  const v = itemView(method, l);
  return (inList(l, id) ? load(v, id) : null) ?? byId(v, 0);
}

/** A user-defined list and all it holds; refused while a user-defined field takes its items from it. */
function deleteList(method: string, l: ListRef): void {
  if (!isUserDefined(l)) throw fail(at(method), `"${l.name}" is a built-in list; only user-defined lists can be deleted`);
  const fields = db().table('UDefField') ? db().select('UDefField', { where: [{ column: 'UDListDefinition_id', op: '=', value: l.defId }] }) : [];
  if (fields.length) throw fail(at(method), `the list "${l.name}" is used by the user-defined field "${String(fields[0]!.fieldLabel ?? '')}"; the sandbox keeps it`);
  for (const o of itemsOf(method, l, true)) removeItem(method, l, Number(o.f.Id));
  for (const h of loadWhere(headingView, { listTableId: l.number, extraId: l.defId })) remove(headingView, Number(h.f.HeadingId));
  remove(listDefinitionView, l.defId);
}

/** Saves a list definition: its name must be free among the user-defined lists. */
function saveList(method: string, o: NSObject): NSObject {
  if (!o) throw fail(at(method), 'nothing to save');
  const name = String(o.f.Name ?? '').trim().toLowerCase();
  const clash = definitions().find((d) => String(d.f.Name).toLowerCase() === name && Number(d.f.Id) !== Number(o.f.Id ?? 0));
  if (name && clash) throw fail(at(method), `there is already a user-defined list named "${String(clash.f.Name)}" (id ${String(clash.f.Id)})`);
  if (name && isBuiltInName(name)) throw fail(at(method), `"${String(o.f.Name)}" names a built-in list`);
  return saved('NSListAgent', method, listDefinitionView, o);
}

const byName = (method: string, name: string): ListRef => listByName(method, name);
const byDef = (method: string, id: number): ListRef => listById(method, id);

export const udLists: Methods = {
  'CreateDefaultListEntity()': () => make('NSListEntity', { Id: 0, IsCustomList: true, IsMDOList: true, UseGroupsAndHeadings: true, ListType: 'udlist' }),
  'GetListEntity(Integer)': (_a: unknown, id: number) => byId(listDefinitionView, id),
  'GetListEntityByName(String)': (_a: unknown, name: string) => {
    const l = byName('GetListEntityByName', name);
    return isUserDefined(l) ? byId(listDefinitionView, l.defId) : builtInEntity(l);
  },
  'SaveListEntity(NSListEntity)': (_a: unknown, o: NSObject) => saveList('SaveListEntity', o),
  'SaveListEntityByName(String,NSListEntity)': (_a: unknown, name: string, o: NSObject) => {
    const l = byName('SaveListEntityByName', name);
    if (!isUserDefined(l)) throw fail(at('SaveListEntityByName'), `"${l.name}" is a built-in list; its definition cannot be changed`);
    if (o) o.f.Id = l.defId;
    return saveList('SaveListEntityByName', o);
  },
  'DeleteListEntity(Integer)': (_a: unknown, id: number) => {
    if (load(listDefinitionView, id)) deleteList('DeleteListEntity', byDef('DeleteListEntity', id));
  },
  'DeleteListEntityByName(String)': (_a: unknown, name: string) => deleteList('DeleteListEntityByName', byName('DeleteListEntityByName', name)),
  'GetListDefinitions(Bool)': (_a: unknown, includeDeleted: boolean) => {
    const own = definitions().filter((d) => includeDeleted || !d.f.Deleted);
    return [...builtInLists(), ...own];
  },
  'CreateDefaultListItemEntity()': () => make('NSListItemEntity', { Id: 0 }),
  'SaveListItemEntity(NSListItemEntity)': (_a: unknown, item: NSObject) => {
    const defId = Number(item?.f.UdListDefinitionId ?? 0);
    if (item && !defId) throw fail(at('SaveListItemEntity'), 'the list item names no list (SetUdListDefinitionId); SaveFromListName saves into a built-in list');
    return saveItem('SaveListItemEntity', byDef('SaveListItemEntity', defId), item);
  },
  'GetFromListName(Integer,String)': (_a: unknown, id: number, name: string) => getItem('GetFromListName', byName('GetFromListName', name), id),
  'GetFromListDefinition(Integer,Integer)': (_a: unknown, id: number, def: number) => getItem('GetFromListDefinition', byDef('GetFromListDefinition', def), id),
  'GetAllFromListName(String,Bool)': (_a: unknown, name: string, all: boolean) => itemsOf('GetAllFromListName', byName('GetAllFromListName', name), all),
  'GetAllFromListDefinition(Integer,Bool)': (_a: unknown, def: number, all: boolean) => itemsOf('GetAllFromListDefinition', byDef('GetAllFromListDefinition', def), all),
  'SaveFromListName(Integer,String,NSListItemEntity)': (_a: unknown, id: number, name: string, item: NSObject) => saveItem('SaveFromListName', byName('SaveFromListName', name), item, id),
  'SaveFromListDefinition(Integer,Integer,NSListItemEntity)': (_a: unknown, id: number, def: number, item: NSObject) => saveItem('SaveFromListDefinition', byDef('SaveFromListDefinition', def), item, id),
  'SaveAllFromListName(String,NSListItemEntity[])': (_a: unknown, name: string, items: NSObject[]) => {
    const l = byName('SaveAllFromListName', name);
    return (items ?? []).map((i) => saveItem('SaveAllFromListName', l, i));
  },
  'SaveAllFromListDefinition(Integer,NSListItemEntity[])': (_a: unknown, def: number, items: NSObject[]) => {
    const l = byDef('SaveAllFromListDefinition', def);
    return (items ?? []).map((i) => saveItem('SaveAllFromListDefinition', l, i));
  },
  'AddFromListName(String,NSListItemEntity)': (_a: unknown, name: string, item: NSObject) => saveItem('AddFromListName', byName('AddFromListName', name), item, 0),
  'AddFromListDefinition(Integer,NSListItemEntity)': (_a: unknown, def: number, item: NSObject) => saveItem('AddFromListDefinition', byDef('AddFromListDefinition', def), item, 0),
  'DeleteFromListName(Integer,String)': (_a: unknown, id: number, name: string) => removeItem('DeleteFromListName', byName('DeleteFromListName', name), id),
  'DeleteFromListDefinition(Integer,Integer)': (_a: unknown, id: number, def: number) => removeItem('DeleteFromListDefinition', byDef('DeleteFromListDefinition', def), id),
  'DeleteAllFromListName(String)': (_a: unknown, name: string) => deleteAll('DeleteAllFromListName', byName('DeleteAllFromListName', name)),
  'DeleteAllFromListDefinition(Integer)': (_a: unknown, def: number) => deleteAll('DeleteAllFromListDefinition', byDef('DeleteAllFromListDefinition', def)),
};
