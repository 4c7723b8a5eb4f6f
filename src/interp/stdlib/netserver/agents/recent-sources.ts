// Where NetServer finds a user's "recent" companies and persons (ContactSourceType, flags that
// combine): 1 the user's history list of the table (History, rank order), 2 the diary (the
// companies and persons of the user's appointments today and tomorrow), 4 the user's favourites of
// the table (Favourite, rank order). NSContactAgent.GetMyRecentContacts and
// NSPersonAgent.GetColleaguesBySource read them.
import type { NSObject } from '../object.js';
import { dateToDb, db, now } from './db.js';
import { col, loadRef } from './view.js';
import { byIds, type Methods } from './define.js';
import { contactView, personView } from './people-views.js';
import { listRows } from './history-store.js';
import { starRows } from './favourites.js';

export const SOURCE = { history: 1, diary: 2, favourites: 4 } as const;

/** 'YYYY-MM-DD 00:00:00' `days` after the CRM's today. */
function dayStart(days: number): string {
  const [y, m, d] = (dateToDb(now()) ?? '').slice(0, 10).split('-').map(Number);
  return `${new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)} 00:00:00`;
}

/** The ids the sources give of a table's records ('contact' or 'person'), history first, then diary, then favourites, each once. */
export function sourcedIds(sourceType: number, table: 'contact' | 'person'): number[] {
  const crm = db();
  const me = crm.actor().associateId;
  const number = crm.table(table)?.number ?? 0;
  const ids: number[] = [];
  if (sourceType & SOURCE.history) ids.push(...listRows(number, me).map((r) => Number(col(r, 'record_id') ?? 0)));
  if (sourceType & SOURCE.diary) {
    const rows = crm.select('appointment', {
      where: [
        { column: 'associate_id', op: '=', value: me },
        { column: 'do_by', op: '>=', value: dayStart(0) },
        { column: 'do_by', op: '<', value: dayStart(2) },
        { column: 'type', op: 'in', value: [1, 6] },
      ],
      orderBy: [{ column: 'do_by' }, { column: 'appointment_id' }],
    });
    ids.push(...rows.map((r) => Number(col(r, `${table}_id`) ?? 0)));
  }
  if (sourceType & SOURCE.favourites) ids.push(...starRows({ name: table, number }, me).map((r) => Number(col(r, 'record_id') ?? 0)));
  return [...new Set(ids.filter(Boolean))];
}

export const recentContacts: Methods = {
  // the companies the sources give that still exist
  'GetMyRecentContacts(Integer)': (_a: unknown, sourceType: number) => byIds(contactView, sourcedIds(sourceType, 'contact')),
};

export const colleaguesBySource: Methods = {
  // the persons the sources give who work in the user's own company (the user left out), at most `count` (0 or less: all)
  'GetColleaguesBySource(Integer,Integer)': (_a: unknown, sourceType: number, count: number): NSObject[] => {
    const mine = Number(loadRef('NSPerson', db().actor().personId).f.ContactId ?? 0);
    if (!mine) return [];
    const colleagues = byIds(personView, sourcedIds(sourceType, 'person')).filter((p) => Number(p.f.ContactId ?? 0) === mine && Number(p.f.PersonId) !== db().actor().personId);
    return count > 0 ? colleagues.slice(0, count) : colleagues;
  },
};
