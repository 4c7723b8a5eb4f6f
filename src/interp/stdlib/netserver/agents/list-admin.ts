// NSListAgent's list administration over the sandbox CRM: moving an item of a user-defined list up
// or down and sorting a list's items by name (UDList ranks), deleting a project status
// (ProjStatus, with the project types' links to it and the guide suggestions of those links;
// projects keep their status id, which the guides treat as a deleted stage), moving every
// reference from one ticket status to another (tickets, with their base status; categories' and
// users' defaults; ticket types), moving every ticket of one category to another, writing the
// categories' fullnames again from their parents, and the hierarchy's domains and their folders.
import type { CrmRow, CrmValue } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { db, fail, hasTable } from './db.js';
import type { Methods } from './define.js';
import { col, load, loadWhere, updateChanged, type View } from './view.js';
import { itemsOf, listById } from './udlist-views.js';
import { hierarchyView } from './list-hierarchy.js';

const AGENT = 'NSListAgent';
const at = (method: string): string => `${AGENT}.${method}`;
const num = (row: CrmRow, c: string): number => Number(col(row, c) ?? 0) || 0;

/** Sets `column` to `to` in every row of `table` where it is `from`; the number of rows changed. */
function repoint(table: string, column: string, from: number, to: CrmValue, also: CrmRow = {}): number {
  if (!hasTable(table)) return 0;
  const pk = db().table(table)!.primaryKey;
  const rows = db().select(table, { where: [{ column, op: '=', value: from }], orderBy: [{ column: pk }] });
  for (const r of rows) db().update(table, num(r, pk), { [column]: to, ...also });
  return rows.length;
}

/** Swaps an item of a user-defined list with its neighbour (direction < 0 up, > 0 down) and ranks the list's items 1, 2, 3, … */
function moveListItem(defId: number, itemId: number, direction: number): void {
  const method = 'MoveListItem';
  const list = listById(method, defId);
  if (!direction) throw fail(at(method), 'the direction is 0 (give a negative number to move the item up, a positive one to move it down)');
  const items = itemsOf(method, list, false);
  const i = items.findIndex((o) => Number(o.f.Id) === itemId);
  if (i < 0) {
    const row = itemId > 0 ? db().get('UDList', itemId) : null;
    const deleted = row && num(row, 'UDListDefinition_id') === defId && num(row, 'deleted');
    throw fail(at(method), `the list item ${itemId} is ${deleted ? 'deleted from' : 'not in'} the list "${list.name}"`);
  }
  const j = direction < 0 ? i - 1 : i + 1;
  if (j >= 0 && j < items.length) [items[i], items[j]] = [items[j]!, items[i]!];
  items.forEach((o, k) => {
    const id = Number(o.f.Id);
    updateChanged('UDList', id, db().get('UDList', id)!, { rank: k + 1 });
  });
}

/** Ranks all the items of a user-defined list (deleted ones too) by name in a culture's alphabetical order ('' the invariant one). */
function sortListItems(defId: number, culture: string): void {
  const method = 'SortListItems';
  const list = listById(method, defId);
  let collator: Intl.Collator;
  try {
    collator = new Intl.Collator(culture.trim() || 'en', { sensitivity: 'base', numeric: true });
  } catch {
    throw fail(at(method), `"${culture}" is not a culture name (such as en-US or nb-NO)`);
  }
  const items = itemsOf(method, list, true).sort((a, b) => collator.compare(String(a.f.Name), String(b.f.Name)) || Number(a.f.Id) - Number(b.f.Id));
  items.forEach((o, k) => {
    const id = Number(o.f.Id);
    updateChanged('UDList', id, db().get('UDList', id)!, { rank: k + 1 });
  });
}

/** Removes a project status, its links to project types and what those links suggest. */
function deleteProjectStatus(id: number): void {
  if (!(id > 0) || !db().get('ProjStatus', id)) throw fail(at('DeleteProjectStatus'), `there is no project status with id ${id}`);
  if (hasTable('ProjectTypeStatusLink')) {
    for (const link of db().select('ProjectTypeStatusLink', { where: [{ column: 'projStatus_id', op: '=', value: id }] })) {
      const linkId = num(link, 'ProjectTypeStatusLink_id');
      for (const t of ['SuggestedAppointment', 'SuggestedDocument']) {
        if (!hasTable(t)) continue;
        const pk = db().table(t)!.primaryKey;
        for (const s of db().select(t, { where: [{ column: 'projectTypeStatusLinkId', op: '=', value: linkId }] })) db().delete(t, num(s, pk));
      }
      db().delete('ProjectTypeStatusLink', linkId);
    }
  }
  db().delete('ProjStatus', id);
}

function mustRow(method: string, table: string, id: number, what: string): CrmRow {
  const row = id > 0 ? db().get(table, id) : null;
  if (!row) throw fail(at(method), `there is no ${what} with id ${id}`);
  return row;
}

/** Every reference to ticket status `from` made to `to`; tickets take `to`'s base status too. */
function changeTicketStatus(from: number, to: number): void {
  const method = 'GlobalChangeTicketStatus';
  mustRow(method, 'ticket_status', from, 'ticket status');
  const target = mustRow(method, 'ticket_status', to, 'ticket status');
  if (from === to) return;
  repoint('ticket', 'ticket_status', from, to, { status: num(target, 'status') });
  for (const c of ['closing_status', 'msg_closing_status']) repoint('ej_category', c, from, to);
  for (const c of ['default_status_new_ticket', 'default_status_add_message']) repoint('ejuser', c, from, to);
  repoint('ticket_type', 'default_status', from, to);
}

function moveAllTickets(from: number, to: number): void {
  const method = 'MoveAllTickets';
  mustRow(method, 'ej_category', from, 'ticket category');
  mustRow(method, 'ej_category', to, 'ticket category');
  if (from !== to) repoint('ticket', 'category', from, to);
}

/** Each category's fullname: the names from its top category down, joined by "/". */
function rebuildFullnames(): void {
  const rows = db().select('ej_category', { orderBy: [{ column: 'id' }] });
  const byId = new Map(rows.map((r) => [num(r, 'id'), r]));
  const fullname = (r: CrmRow): string => {
    const names: string[] = [];
    const seen = new Set<number>();
    for (let c: CrmRow | undefined = r; c && !seen.has(num(c, 'id')); c = byId.get(num(c, 'parent_id'))) {
      seen.add(num(c, 'id'));
      names.unshift(String(col(c, 'name') ?? ''));
    }
    return names.join('/');
  };
  for (const r of rows) {
    const full = fullname(r);
    if (String(col(r, 'fullname') ?? '') !== full) db().update('ej_category', num(r, 'id'), { fullname: full });
  }
}

/** The Domain enum's domains (Unknown, 0, left out): extra tables, screens, scripts, selections, … */
const DOMAINS = [1, 2, 3, 4, 5, 6, 7, 8];

/** A domain's folders: the top ones with every folder below them, or all of them without. */
function inDomain(domain: number, children: boolean): NSObject[] {
  const flat: View = { ...hierarchyView, calc: (o) => void (o.f.Children = []) };
  const all = loadWhere(flat, { domain });
  if (!children) return all;
  return all.filter((o) => !Number(o.f.ParentId)).map((o) => load(hierarchyView, Number(o.f.HierarchyId))!);
}

export const listAdmin: Methods = {
  'MoveListItem(Integer,Integer,Integer)': (_a: unknown, defId: number, itemId: number, direction: number) => moveListItem(defId | 0, itemId | 0, direction | 0),
  'SortListItems(Integer,String)': (_a: unknown, defId: number, culture: string) => sortListItems(defId | 0, String(culture ?? '')),
  'DeleteProjectStatus(Integer)': (_a: unknown, id: number) => deleteProjectStatus(id | 0),
  'GlobalChangeTicketStatus(Integer,Integer)': (_a: unknown, from: number, to: number) => changeTicketStatus(from | 0, to | 0),
  'MoveAllTickets(Integer,Integer)': (_a: unknown, from: number, to: number) => moveAllTickets(from | 0, to | 0),
  'RebuildFullnames()': () => rebuildFullnames(),
  'GetAllDomains()': () => [...DOMAINS],
  'GetAllInDomain(Integer,Bool)': (_a: unknown, domain: number, children: boolean) => inDomain(domain | 0, children === true),
};
