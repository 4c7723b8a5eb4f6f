// The users' favourites (SuperOffice's Favourite table: a star on a record of any table, table_id
// the table's number of the reference, record_id the row): the demo's favourites of Ada
// (associate 1) and Bob (associate 2), and bringing a sandbox made by an older build up to the
// table (a demo sandbox gains the demo's favourites; one created empty or filled with other data
// gets the table without rows). Plain SQL that both engines run (sqlite/ddl.ts, pg/ddl.ts); the
// demo seed (demo.ts) adds the same rows to a new sandbox.
import type { CrmSchema, SchemaTable } from './schema.js';
import { tablesSql } from './list-migration.js';
import type { Row } from './demo-lists.js';

export const FAVOURITE_TABLES = ['Favourite'];

/** Table numbers of the reference that the demo's favourites point into. */
const CONTACT = 5;
const PERSON = 6;
const PROJECT = 11;
const SALE = 13;
const TICKET = 262;

const REG = '2025-01-06 09:00:00';

/** [id, associate, table number, record, rank (within the user's favourites of the table), extra info]. */
type Star = [number, number, number, number, number, string];

const STARS: Star[] = [
  // Ada: Nordic Bikes AS, requests 1 and 4, the guest-room tablets sale
  [1, 1, CONTACT, 2, 1, ''],
  [2, 1, TICKET, 1, 1, ''],
  [3, 1, TICKET, 4, 2, 'quote follow-up'],
  [4, 1, SALE, 1, 1, ''],
  // Bob: Acme Logistics, Ingrid Lie, request 2, the hotel tablet project
  [5, 2, CONTACT, 3, 1, ''],
  [6, 2, PERSON, 9, 1, ''],
  [7, 2, TICKET, 2, 1, ''],
  [8, 2, PROJECT, 1, 1, ''],
];

export const DEMO_FAVOURITES: Record<string, Row[]> = {
  Favourite: STARS.map(([id, associate, table, record, rank, info]) => ({
    id,
    table_id: table,
    record_id: record,
    associate_id: associate,
    extra_info: info,
    registered: REG,
    registered_by: associate,
    Rank: rank,
  })),
};

/** Creates the table and fills a demo sandbox's favourites (rows whose keys are taken are skipped). */
export function favouriteTablesSql(schema: CrmSchema, create: (t: SchemaTable) => string[], quote: (id: string) => string): string[] {
  return tablesSql(schema, create, quote, FAVOURITE_TABLES, DEMO_FAVOURITES);
}
