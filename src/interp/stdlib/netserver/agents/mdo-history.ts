// NSMDOAgent's lists with a history (mdo.ts has the lists): the caller's history items (ids of
// the list's items) come first, in the order given (ids the list does not
// show, and repeats, left out; each item flat, without its children), then the list as GetList
// gives it (the history's items again among them, as a drop-down shows its history above the
// whole list), or the history items alone (onlyHistory). A list's UDListDefinition id by its
// name: a user-defined list's definition; 0 for a list not based on a table (ticket categories,
// sale probabilities, …: SuperOffice gives those none). The sandbox keeps no definition rows for
// its lists based on tables nor any selected state of list items: those fail.
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { lacking, type Methods } from './define.js';
import { items, mdoListNames, plainListTable } from './mdo.js';
import { definitions } from './udlist-views.js';

const AGENT = 'NSMDOAgent';

function withHistory(method: string, cls: string, name: string, flat: boolean, info: string, history: unknown, onlyHistory: boolean): NSObject[] {
  const shown = new Map(items(method, cls, name, true, '', info).map((o) => [Number(o.f.Id), o]));
  const ids = Array.isArray(history) ? history.map((v) => Number(v) | 0) : [];
  const first = [...new Set(ids)].map((id) => shown.get(id)).filter((o): o is NSObject => !!o);
  for (const o of first) o.f.ChildItems = [];
  return onlyHistory ? first : [...first, ...items(method, cls, name, flat, '', info)];
}

function listId(name: string): number {
  const where = `${AGENT}.GetListIdByListName`;
  const wanted = String(name ?? '').trim().toLowerCase();
  const own = definitions().find((d) => String(d.f.Name).toLowerCase() === wanted);
  if (own) return Number(own.f.Id);
  const table = plainListTable(wanted);
  if (table === null) {
    const known = [...definitions().map((d) => `"${String(d.f.Name)}"`), ...mdoListNames()].join(', ');
    throw fail(where, `the sandbox CRM has no list "${name}" (its lists: ${known})`);
  }
  // a list based on a table (a list table, or one named as its table) has a definition in SuperOffice
  const based = table || (db().table(wanted) ? db().table(wanted)!.name : '');
  if (based) throw fail(where, `the sandbox CRM keeps no UDListDefinition row for its built-in list "${name}" (the ${based} table): only user-defined lists have one`);
  return 0;
}

export const mdoHistory: Methods = {
  'GetListIdByListName(String)': (_a: unknown, name: string) => listId(name),
  'GetListWithHistory(String,Bool,String,Integer[],Bool)': (_a: unknown, name: string, flat: boolean, info: string, history: unknown, only: boolean) =>
    withHistory('GetListWithHistory', 'NSMDOListItem', name, !!flat, String(info ?? ''), history, !!only),
  'GetSelectableListWithHistory(String,Bool,String,Integer[],Bool)': (_a: unknown, name: string, flat: boolean, info: string, history: unknown, only: boolean) =>
    withHistory('GetSelectableListWithHistory', 'NSSelectableMDOListItem', name, !!flat, String(info ?? ''), history, !!only),
  ...lacking(AGENT, "the sandbox CRM keeps no selected state of list items (SuperOffice's list providers that save one are not in the sandbox)", [
    'SetSelected(String,String)',
    'SetSelected(String,String,NSSelectableMDOListItem[])',
  ]),
};
