// NSListAgent's headings of lists and the links of a user-defined list's items: headings are
// Heading rows of the list's table number (listTableId) and, for a user-defined list, of its
// definition (extraId); which headings group an item is UDListHeadingLink, which user groups see
// it UDListGroupLink. Headings themselves work for built-in lists too (their table number); the
// headings of items also for the document templates (DocTmplHeadingLink), the other item links only
// for user-defined lists: the sandbox has no other link tables of the built-in lists
// (CategoryHeadingLink, CategoryGroupLink, ...). Selectable lists mark what is linked Selected;
// saving one links what is Selected and unlinks what is not, leaving headings or groups it does
// not hold as they were.
import type { CrmValue } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, load, loadWhere, remove, updateChanged } from './view.js';
import { byId, make, saved, type Methods } from './define.js';
import { at, byRank, headingView, isUserDefined, itemsOf, listById, listByName, mustBeItem, mustBeUserDefined, unlink, type ListRef } from './udlist-views.js';

/** The link tables: their column of the item and of the other side. */
const HEADINGS = { table: 'UDListHeadingLink', item: 'udlist_id', other: 'heading_id' };
const GROUPS = { table: 'UDListGroupLink', item: 'udlist_id', other: 'group_id' };
const TEMPLATE_HEADINGS = { table: 'DocTmplHeadingLink', item: 'doctmpl_id', other: 'heading_id' };
type Link = typeof HEADINGS;

/** Where the headings of the list's items are linked, or an error for a list the sandbox keeps no such links of. */
function headingLink(method: string, l: ListRef): Link {
  if (l.table === 'DocTmpl' && db().table(TEMPLATE_HEADINGS.table)) return TEMPLATE_HEADINGS;
  if (!isUserDefined(l))
    throw fail(at(method), `the sandbox CRM keeps the headings of list items of user-defined lists and document templates only (UDListHeadingLink, DocTmplHeadingLink); it has no link table for the built-in list "${l.name}"`);
  return HEADINGS;
}

function linked(link: Link, column: string, id: number): Set<number> {
  const other = column === link.item ? link.other : link.item;
  return new Set(db().select(link.table, { where: [{ column, op: '=', value: id }] }).map((r) => Number(col(r, other) ?? 0)));
}

/** Links (or unlinks) item and other, when not so already. */
function setLink(link: Link, item: number, other: number, on: boolean): void {
  const rows = db().select(link.table, { where: [{ column: link.item, op: '=', value: item }, { column: link.other, op: '=', value: other }] });
  if (on && !rows.length) db().insert(link.table, { [link.item]: item, [link.other]: other, registered: db().now(), registered_associate_id: db().actor().associateId });
  if (!on) for (const r of rows) db().delete(link.table, Number(col(r, db().table(link.table)!.primaryKey)));
}

/** An item, heading or user group (its id, Name, Tooltip, Deleted and Rank) as a selectable list item. */
function selectable(id: number, f: Record<string, unknown>, kind: string, selected: boolean): NSObject {
  const name = String(f.Name ?? '');
  return make('NSSelectableMDOListItem', {
    Id: id, Name: name, FullName: name, ToolTip: String(f.Tooltip ?? ''), Deleted: !!f.Deleted, Rank: Number(f.Rank ?? 0),
    Type: kind, ChildItems: [], Selected: selected, Hidden: false,
  });
}

/** A list's headings, in rank order. */
function headingsOf(l: ListRef, includeDeleted = true): NSObject[] {
  if (!l.number) return [];
  const where: Record<string, CrmValue> = { listTableId: l.number };
  if (l.defId) where.extraId = l.defId;
  const all = loadWhere(headingView, where).filter((h) => l.defId || !Number(h.f.UdListDefinitionId)).sort(byRank);
  return includeDeleted ? all : all.filter((h) => !h.f.Deleted);
}

function headingOf(method: string, l: ListRef, id: number): void {
  if (!headingsOf(l).some((h) => Number(h.f.HeadingId) === id)) throw fail(at(method), `the list "${l.name}" has no heading with id ${id}`);
}

/** Saves a heading of a list (a new one when its id is 0). */
function saveHeading(method: string, l: ListRef, h: NSObject): NSObject {
  if (!(h instanceof NSObject)) throw fail(at(method), 'nothing to save');
  if (!l.number) throw fail(at(method), `the sandbox CRM does not know the table number of the list "${l.name}", which its headings are kept by`);
  const id = Number(h.f.HeadingId ?? 0);
  const existing = id ? load(headingView, id) : null;
  if (existing) headingOf(method, l, id);
  h.f.UdListDefinitionId = l.defId;
  // a new heading without a rank goes last
  if (!existing && !Number(h.f.Rank ?? 0)) h.f.Rank = Math.max(0, ...headingsOf(l).map((x) => Number(x.f.Rank))) + 1;
  const out = saved('NSListAgent', method, headingView, h);
  // a new heading is kept by its list's table number
  if (!existing) db().update('Heading', Number(out.f.HeadingId), { listTableId: l.number });
  return out;
}

function deleteHeadings(l: ListRef): void {
  for (const h of headingsOf(l)) {
    for (const link of [HEADINGS, TEMPLATE_HEADINGS]) if (db().table(link.table)) unlink(link.table, 'heading_id', Number(h.f.HeadingId));
    remove(headingView, Number(h.f.HeadingId));
  }
}

/** The list's headings, those of the item Selected. */
function itemHeadings(method: string, l: ListRef, item: number, showDeleted: boolean): NSObject[] {
  const link = headingLink(method, l);
  mustBeItem(method, l, item);
  const on = linked(link, link.item, item);
  return headingsOf(l, showDeleted).map((h) => selectable(Number(h.f.HeadingId), h.f, 'heading', on.has(Number(h.f.HeadingId))));
}

function saveItemHeadings(method: string, l: ListRef, item: number, headings: NSObject[]): NSObject[] {
  const link = headingLink(method, l);
  mustBeItem(method, l, item);
  for (const h of headings ?? []) {
    const id = Number(h?.f.Id ?? 0);
    headingOf(method, l, id);
    setLink(link, item, id, !!h.f.Selected);
  }
  return itemHeadings(method, l, item, false);
}

/** The list's items (not deleted), those linked to `other` Selected. */
function itemsFor(method: string, l: ListRef, link: Link, other: number): NSObject[] {
  const on = linked(link, link.other, other);
  return itemsOf(method, l, false).map((o) => selectable(Number(o.f.Id), o.f, link === TEMPLATE_HEADINGS ? 'doctmpl' : 'udlist', on.has(Number(o.f.Id))));
}

function userGroup(method: string, id: number): void {
  if (!id || !db().table('UserGroup') || !db().get('UserGroup', id)) throw fail(at(method), `there is no user group with id ${id}`);
}

/** Every user group, those that see the item Selected. */
function itemGroups(method: string, l: ListRef, item: number): NSObject[] {
  mustBeUserDefined(method, l, 'the user groups of list items');
  mustBeItem(method, l, item);
  const on = linked(GROUPS, 'udlist_id', item);
  const groups = db().select('UserGroup', { orderBy: [{ column: 'rank' }, { column: 'name' }] }).filter((g) => !Number(col(g, 'deleted') ?? 0));
  return groups.map((g) => {
    const id = Number(col(g, 'UserGroup_id') ?? 0);
    return selectable(id, { Name: col(g, 'name'), Tooltip: col(g, 'tooltip') ?? '', Rank: col(g, 'rank') }, 'usergroup', on.has(id));
  });
}

function setItemGroups(method: string, l: ListRef, item: number, groups: { id: number; on: boolean }[]): void {
  mustBeUserDefined(method, l, 'the user groups of list items');
  mustBeItem(method, l, item);
  for (const g of groups) {
    userGroup(method, g.id);
    setLink(GROUPS, item, g.id, g.on);
  }
}

/** Links many items to one heading or user group (or unlinks them). */
function setItemsFor(method: string, l: ListRef, groups: boolean, other: number, items: number[], on: boolean): void {
  let link = GROUPS;
  if (groups) {
    mustBeUserDefined(method, l, 'the user groups of list items');
    userGroup(method, other);
  } else {
    link = headingLink(method, l);
    headingOf(method, l, other);
  }
  for (const item of items ?? []) {
    mustBeItem(method, l, Number(item));
    setLink(link, Number(item), other, on);
  }
}

const name = (method: string, n: string): ListRef => listByName(method, n);
const def = (method: string, id: number): ListRef => listById(method, id);
const ids = (list: unknown): number[] => (Array.isArray(list) ? list.map(Number) : []);

export const udListLinks: Methods = {
  'CreateDefaultHeadingEntity()': () => make('NSHeadingEntity', { HeadingId: 0 }),
  'CreateDefaultHeadingFromListDefinition(Integer)': (_a: unknown, id: number) => make('NSHeadingEntity', { HeadingId: 0, UdListDefinitionId: def('CreateDefaultHeadingFromListDefinition', id).defId }),
  'GetHeadingEntity(Integer)': (_a: unknown, id: number) => byId(headingView, id),
  'SaveHeadingEntity(NSHeadingEntity)': (_a: unknown, h: NSObject) => {
    const old = h instanceof NSObject ? load(headingView, Number(h.f.HeadingId ?? 0)) : null;
    const defId = Number(old ? old.f.UdListDefinitionId : (h?.f.UdListDefinitionId ?? 0));
    if (old && !defId) return saved('NSListAgent', 'SaveHeadingEntity', headingView, h);
    if (!defId && h) throw fail(at('SaveHeadingEntity'), 'the heading names no list (SetUdListDefinitionId); SaveHeadingFromName saves a heading of a built-in list');
    return saveHeading('SaveHeadingEntity', def('SaveHeadingEntity', defId), h);
  },
  'GetHeadingsFromListDefinition(Integer)': (_a: unknown, id: number) => headingsOf(def('GetHeadingsFromListDefinition', id)),
  'GetHeadingsFromName(String)': (_a: unknown, n: string) => headingsOf(name('GetHeadingsFromName', n)),
  'SaveHeadingFromListDefinition(Integer,NSHeadingEntity)': (_a: unknown, id: number, h: NSObject) => saveHeading('SaveHeadingFromListDefinition', def('SaveHeadingFromListDefinition', id), h),
  'SaveHeadingFromName(String,NSHeadingEntity)': (_a: unknown, n: string, h: NSObject) => saveHeading('SaveHeadingFromName', name('SaveHeadingFromName', n), h),
  'SaveHeadingsFromListDefinition(Integer,NSHeadingEntity[])': (_a: unknown, id: number, hs: NSObject[]) => {
    const l = def('SaveHeadingsFromListDefinition', id);
    return (hs ?? []).map((h) => saveHeading('SaveHeadingsFromListDefinition', l, h));
  },
  'SaveHeadingsFromName(String,NSHeadingEntity[])': (_a: unknown, n: string, hs: NSObject[]) => {
    const l = name('SaveHeadingsFromName', n);
    return (hs ?? []).map((h) => saveHeading('SaveHeadingsFromName', l, h));
  },
  'DeleteAllHeadingsFromListDefinition(Integer)': (_a: unknown, id: number) => deleteHeadings(def('DeleteAllHeadingsFromListDefinition', id)),
  'DeleteAllHeadingsFromName(String)': (_a: unknown, n: string) => deleteHeadings(name('DeleteAllHeadingsFromName', n)),
  'SetRankOnHeadings(Integer,Integer[])': (_a: unknown, id: number, order: unknown) => {
    const l = def('SetRankOnHeadings', id);
    ids(order).forEach((h, i) => {
      headingOf('SetRankOnHeadings', l, h);
      updateChanged('Heading', h, db().get('Heading', h)!, { rank: i + 1 });
    });
  },
  'GetHeadings(Integer,Integer,Bool)': (_a: unknown, id: number, item: number, del: boolean) => itemHeadings('GetHeadings', def('GetHeadings', id), item, del),
  'GetHeadingsForListItemFromListName(String,Integer,Bool)': (_a: unknown, n: string, item: number, del: boolean) =>
    itemHeadings('GetHeadingsForListItemFromListName', name('GetHeadingsForListItemFromListName', n), item, del),
  'SaveHeadingsForListItemFromListDefinition(Integer,Integer,NSSelectableMDOListItem[])': (_a: unknown, id: number, item: number, hs: NSObject[]) =>
    saveItemHeadings('SaveHeadingsForListItemFromListDefinition', def('SaveHeadingsForListItemFromListDefinition', id), item, hs),
  'SaveHeadingsForListItemFromListName(String,Integer,NSSelectableMDOListItem[])': (_a: unknown, n: string, item: number, hs: NSObject[]) =>
    saveItemHeadings('SaveHeadingsForListItemFromListName', name('SaveHeadingsForListItemFromListName', n), item, hs),
  'SetHeadingsForListItem(Integer,Integer,Integer[],Bool)': (_a: unknown, id: number, item: number, hs: unknown, on: boolean) => {
    const l = def('SetHeadingsForListItem', id);
    saveItemHeadings('SetHeadingsForListItem', l, item, ids(hs).map((h) => make('NSSelectableMDOListItem', { Id: h, Selected: !!on })));
  },
  'SetHeadingsForListItem(Integer,Integer,Integer,Bool)': (_a: unknown, id: number, item: number, h: number, on: boolean) => {
    saveItemHeadings('SetHeadingsForListItem', def('SetHeadingsForListItem', id), item, [make('NSSelectableMDOListItem', { Id: h, Selected: !!on })]);
  },
  'GetListItemsForHeading(Integer,Integer)': (_a: unknown, id: number, h: number) => headingItems('GetListItemsForHeading', def('GetListItemsForHeading', id), h),
  'GetListItemsForHeadingFromListName(String,Integer)': (_a: unknown, n: string, h: number) => headingItems('GetListItemsForHeadingFromListName', name('GetListItemsForHeadingFromListName', n), h),
  'SetListItemsForHeading(Integer,Integer,Integer[],Bool)': (_a: unknown, id: number, h: number, items: unknown, on: boolean) =>
    setItemsFor('SetListItemsForHeading', def('SetListItemsForHeading', id), false, h, ids(items), !!on),
  'SetListItemsForHeadingFromListName(String,Integer,Integer[],Bool)': (_a: unknown, n: string, h: number, items: unknown, on: boolean) =>
    setItemsFor('SetListItemsForHeadingFromListName', name('SetListItemsForHeadingFromListName', n), false, h, ids(items), !!on),
  'GetVisibleForUserGroups(Integer,Integer)': (_a: unknown, id: number, item: number) => itemGroups('GetVisibleForUserGroups', def('GetVisibleForUserGroups', id), item),
  'GetVisibleForUserGroupsFromListName(String,Integer)': (_a: unknown, n: string, item: number) => itemGroups('GetVisibleForUserGroupsFromListName', name('GetVisibleForUserGroupsFromListName', n), item),
  'SetVisibleForUserGroups(Integer,Integer,NSSelectableMDOListItem[])': (_a: unknown, id: number, item: number, gs: NSObject[]) => visibleFor('SetVisibleForUserGroups', def('SetVisibleForUserGroups', id), item, gs),
  'SetVisibleForUserGroupsFromListName(String,Integer,NSSelectableMDOListItem[])': (_a: unknown, n: string, item: number, gs: NSObject[]) =>
    visibleFor('SetVisibleForUserGroupsFromListName', name('SetVisibleForUserGroupsFromListName', n), item, gs),
  'SetVisibleForUserGroup(Integer,Integer,Integer[],Bool)': (_a: unknown, id: number, item: number, gs: unknown, on: boolean) =>
    setItemGroups('SetVisibleForUserGroup', def('SetVisibleForUserGroup', id), item, ids(gs).map((g) => ({ id: g, on: !!on }))),
  'GetListItemsForUserGroup(Integer,Integer)': (_a: unknown, id: number, g: number) => groupItems('GetListItemsForUserGroup', def('GetListItemsForUserGroup', id), g),
  'GetListItemsForUserGroupFromListName(String,Integer)': (_a: unknown, n: string, g: number) => groupItems('GetListItemsForUserGroupFromListName', name('GetListItemsForUserGroupFromListName', n), g),
  'SetListItemsForUserGroup(Integer,Integer,Integer[],Bool)': (_a: unknown, id: number, g: number, items: unknown, on: boolean) =>
    setItemsFor('SetListItemsForUserGroup', def('SetListItemsForUserGroup', id), true, g, ids(items), !!on),
  'SetListItemsForUserGroupFromListName(String,Integer,Integer[],Bool)': (_a: unknown, n: string, g: number, items: unknown, on: boolean) =>
    setItemsFor('SetListItemsForUserGroupFromListName', name('SetListItemsForUserGroupFromListName', n), true, g, ids(items), !!on),
};

function headingItems(method: string, l: ListRef, heading: number): NSObject[] {
  const link = headingLink(method, l);
  headingOf(method, l, heading);
  return itemsFor(method, l, link, heading);
}

function groupItems(method: string, l: ListRef, group: number): NSObject[] {
  mustBeUserDefined(method, l, 'the user groups of list items');
  userGroup(method, group);
  return itemsFor(method, l, GROUPS, group);
}

function visibleFor(method: string, l: ListRef, item: number, groups: NSObject[]): NSObject[] {
  setItemGroups(method, l, item, (groups ?? []).map((g) => ({ id: Number(g?.f.Id ?? 0), on: !!g?.f.Selected })));
  return itemGroups(method, l, item);
}
