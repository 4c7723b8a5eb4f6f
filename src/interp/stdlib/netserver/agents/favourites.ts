// The users' favourites (SuperOffice's Favourite table): a star a user puts on a record of any
// table with a table number (contact, person, project, sale, ticket, ...), kept as the table's
// number and the record's id, ranked per user and table in the order they were added. NSFavouriteAgent
// reads and writes them for an associate (0: the run's user); the global getFavourites
// (stdlib/crm/favourites.ts) lists the run's user's favourite record ids of a table.
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';
import { tableName, tableNumber } from './table-numbers.js';

const AGENT = 'NSFavouriteAgent';
const TABLE = 'Favourite';

/** A table favourites can point into: its name in the sandbox and its number. */
export interface StarTable {
  name: string;
  number: number;
}

/** The table named `name`, or a CRMScript error naming `where` (no name, no such table, no table number). */
export function starTable(name: string, where: string): StarTable {
  if (!String(name ?? '').trim()) throw fail(where, 'no table name given (a table such as "contact" or "ticket")');
  const number = tableNumber(name, where);
  return { name: db().table(name)!.name, number };
}

/** The associate whose favourites a call reads or writes (0: the run's user), or an error naming `where`. */
export function starOwner(associateId: number, where: string): number {
  const id = Number(associateId ?? 0) || db().actor().associateId;
  if (!id) throw fail(where, 'the run has no CRM user (an associate) whose favourites to use');
  if (!db().get('associate', id)) throw fail(where, `there is no associate with id ${id}`);
  return id;
}

/** An associate's favourites in a table, in rank order. */
export function starRows(t: StarTable, associate: number): CrmRow[] {
  return db().select(TABLE, {
    where: [
      { column: 'associate_id', op: '=', value: associate },
      { column: 'table_id', op: '=', value: t.number },
    ],
    orderBy: [{ column: 'Rank' }, { column: 'Favourite_id' }],
  });
}

const idOf = (r: CrmRow): number => Number(col(r, 'Favourite_id') ?? 0);

function starOf(t: StarTable, record: number, associate: number): CrmRow | undefined {
  return starRows(t, associate).find((r) => Number(col(r, 'record_id')) === record);
}

function mustExist(t: StarTable, record: number, where: string): void {
  const id = Number(record ?? 0);
  if (!id || !db().get(t.name, id)) throw fail(where, `there is no ${t.name} with id ${id}`);
}

/** Stars a record (it must exist); a record already starred keeps its rank and takes the new extra information. */
function star(t: StarTable, record: number, associate: number, info: string): void {
  const crm = db();
  const old = starOf(t, record, associate);
  const extra = String(info ?? '');
  if (old) {
    if (String(col(old, 'extra_info') ?? '') !== extra) crm.update(TABLE, idOf(old), { extra_info: extra });
    return;
  }
  const rank = Math.max(0, ...starRows(t, associate).map((r) => Number(col(r, 'Rank') ?? 0))) + 1;
  crm.insert(TABLE, { table_id: t.number, record_id: record, associate_id: associate, extra_info: extra, registered: crm.now(), registered_by: crm.actor().associateId, Rank: rank });
}

/** Removes a record's star; whether there was one. */
function unstar(t: StarTable, record: number, associate: number): boolean {
  const old = starOf(t, record, associate);
  if (old) db().delete(TABLE, idOf(old));
  return !!old;
}

function fromRow(r: CrmRow): NSObject {
  return make('NSFavourite', {
    TableName: tableName(Number(col(r, 'table_id') ?? 0)),
    RecordId: Number(col(r, 'record_id') ?? 0),
    AssociateId: Number(col(r, 'associate_id') ?? 0),
    ExtraInfo: String(col(r, 'extra_info') ?? ''),
    Rank: Number(col(r, 'Rank') ?? 0),
  });
}

/** The table and associate of a call, checked in that order. */
function target(method: string, table: string, associateId: number): { t: StarTable; who: number; where: string } {
  const where = `${AGENT}.${method}`;
  return { t: starTable(table, where), who: starOwner(associateId, where), where };
}

const ids = (list: unknown): number[] => (Array.isArray(list) ? list.map((x) => Number(x ?? 0)) : []);

export const favouriteAgent: Methods = {
  'AddFavourite(String,Integer,Integer,String)': (_a: unknown, table: string, record: number, associateId: number, info: string) => {
    const { t, who, where } = target('AddFavourite', table, associateId);
    mustExist(t, record, where);
    star(t, record, who, info);
  },
  // every record must exist before any is starred
  'AddFavourites(String,Integer[],Integer,String)': (_a: unknown, table: string, records: unknown, associateId: number, info: string) => {
    const { t, who, where } = target('AddFavourites', table, associateId);
    const list = ids(records);
    for (const r of list) mustExist(t, r, where);
    for (const r of list) star(t, r, who, info);
  },
  'GetFavourites(String,Integer)': (_a: unknown, table: string, associateId: number) => {
    const { t, who } = target('GetFavourites', table, associateId);
    return starRows(t, who).map(fromRow);
  },
  'IsFavourite(String,Integer,Integer)': (_a: unknown, table: string, record: number, associateId: number) => {
    const { t, who } = target('IsFavourite', table, associateId);
    return !!starOf(t, Number(record ?? 0), who);
  },
  'RemoveAllFavourites(String,Integer)': (_a: unknown, table: string, associateId: number) => {
    const { t, who } = target('RemoveAllFavourites', table, associateId);
    for (const r of starRows(t, who)) db().delete(TABLE, idOf(r));
  },
  'RemoveFavourite(String,Integer,Integer)': (_a: unknown, table: string, record: number, associateId: number) => {
    const { t, who } = target('RemoveFavourite', table, associateId);
    unstar(t, Number(record ?? 0), who);
  },
  // by the Favourite rows' own ids (any user's); every id must name a favourite before any is removed
  'RemoveFavouritesById(Integer[])': (_a: unknown, list: unknown) => {
    const wanted = [...new Set(ids(list))];
    for (const id of wanted) if (!id || !db().get(TABLE, id)) throw fail(`${AGENT}.RemoveFavouritesById`, `there is no favourite with id ${id}`);
    for (const id of wanted) db().delete(TABLE, id);
  },
  // true: the record is now a favourite; false: it no longer is
  'ToggleFavourite(String,Integer,Integer,String)': (_a: unknown, table: string, record: number, associateId: number, info: string) => {
    const { t, who, where } = target('ToggleFavourite', table, associateId);
    if (unstar(t, Number(record ?? 0), who)) return false;
    mustExist(t, record, where);
    star(t, record, who, info);
    return true;
  },
};
