// NSViewStateAgent: the history lists of the run's user (history-store.ts) and their current
// items (rank 1: what the user looked at last, as the "currentXXX" values of the clients), moving
// to the next (older) and previous (newer) item of a list, and the user's history length.
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';
import { fromRow, historyItem, historyLength, listNumber, listRows, makeCurrent, setOwnPreference, writeList } from './history-store.js';

const AGENT = 'NSViewStateAgent';

/** What a list with no such item gives: its name and no record. */
const none = (list: string): NSObject => make('NSHistory', { HistoryId: 0, HistoryName: String(list ?? ''), Id: 0, Name: '', ItemInfo: '', Rank: 0, AssociateId: db().actor().associateId });

function listOf(list: string, where: string): NSObject[] {
  return listRows(listNumber(list, where)).map(fromRow);
}

/** The item `step` places from the one with record `id` in a list (1: the next, older one; -1: the previous). */
function beside(method: string, list: string, id: number, step: number): NSObject {
  const items = listOf(list, `${AGENT}.${method}`);
  const i = items.findIndex((h) => h.f.Id === id);
  return (i >= 0 ? items[i + step] : undefined) ?? none(list);
}

function saveCurrent(where: string, h: unknown): NSObject {
  if (!(h instanceof NSObject)) throw fail(where, 'nothing to save');
  return makeCurrent(String(h.f.HistoryName ?? ''), Number(h.f.Id ?? 0), where);
}

export const viewStateAgent: Methods = {
  'GetHistory(Integer)': (_a: unknown, id: number) => {
    const r = id ? db().get('History', id) : null;
    return r ? fromRow(r) : none('');
  },
  'GetHistories()': () => listRows(0).map(fromRow),
  'GetHistoriesByName(String)': (_a: unknown, list: string) => listOf(list, `${AGENT}.GetHistoriesByName`),
  'GetHistoriesByNames(String[])': (_a: unknown, lists: unknown) => (Array.isArray(lists) ? lists.flatMap((l) => listOf(String(l), `${AGENT}.GetHistoriesByNames`)) : []),
  // the records asked for as history items, whether in a list or not (a request for a new record names no record)
  'GetHistoriesByNamesAndIds(NSHistoryRequest[])': (_a: unknown, requests: unknown) =>
    (Array.isArray(requests) ? requests : []).filter((q): q is NSObject => q instanceof NSObject).map((q) => {
      const list = String(q.f.EntityName ?? '');
      listNumber(list, `${AGENT}.GetHistoriesByNamesAndIds`);
      return q.f.RequestForNewRecord ? none(list) : historyItem(db().table(list)!.name, Number(q.f.EntityOrParentId ?? 0));
    }),
  // the list becomes these items, in this order; items of other lists are left out
  'SaveHistories(String,NSHistory[])': (_a: unknown, list: string, items: unknown) => {
    const where = `${AGENT}.SaveHistories`;
    const table = listNumber(list, where);
    const name = db().table(list)!.name.toLowerCase();
    const ids = (Array.isArray(items) ? items : [])
      .filter((h): h is NSObject => h instanceof NSObject && (!String(h.f.HistoryName ?? '') || String(h.f.HistoryName).toLowerCase() === name))
      .map((h) => Number(h.f.Id ?? 0))
      .filter((id) => id && db().get(name, id));
    writeList(table, ids);
    return listOf(list, where);
  },
  'DeleteHistory(String,Integer)': (_a: unknown, list: string, id: number) => {
    const table = listNumber(list, `${AGENT}.DeleteHistory`);
    writeList(table, listRows(table).map((r) => Number(col(r, 'record_id'))).filter((r) => r !== id));
  },
  'GetHistoryLengthPrefValue()': () => historyLength(),
  'SetHistoryLengthPrefValue(Integer)': (_a: unknown, length: number) => {
    if (!(length > 0)) throw fail(`${AGENT}.SetHistoryLengthPrefValue`, `a history length must be at least 1 (not ${length})`);
    setOwnPreference('Visual', 'HistorySize', String(length));
  },
  'GetCurrent(String)': (_a: unknown, list: string) => listOf(list, `${AGENT}.GetCurrent`)[0] ?? none(list),
  'SaveCurrent(NSHistory)': (_a: unknown, h: unknown) => saveCurrent(`${AGENT}.SaveCurrent`, h),
  // one after another: the last of a list is its current
  'SaveCurrents(NSHistory[])': (_a: unknown, list: unknown) => {
    const saved = (Array.isArray(list) ? list : []).map((h) => saveCurrent(`${AGENT}.SaveCurrents`, h));
    // read back once all are in: a later item moves the earlier ones of its list down
    return saved.map((h) => {
      const r = db().get('History', Number(h.f.HistoryId));
      return r ? fromRow(r) : h;
    });
  },
  'GetNextCurrent(String,Integer)': (_a: unknown, list: string, id: number) => beside('GetNextCurrent', list, id, 1),
  'GetPreviousCurrent(String,Integer)': (_a: unknown, list: string, id: number) => beside('GetPreviousCurrent', list, id, -1),
};
