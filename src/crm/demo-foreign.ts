// The demo data's foreign keys: the ids a web shop integration keeps for CRM records, as
// SuperOffice keeps them: an application (foreignapp), a device of it (foreigndevice: a name, an
// optional device identifier, the user who owns it) and its keys (foreignkey: a name and a value
// for a record of a table, by table number). Fixed ids from 1. The binary object tables
// (BinaryObject, BinaryObjectLink) come with them and start empty. A new sandbox gets the rows with
// the rest of the demo data; a sandbox made by an older build gets them when the tables are added
// (list-migration.ts).
//
// Companies (demo.ts): 2 Nordic Bikes AS, 3 Acme Logistics. Persons: 5 Nina Hansen. Associate 1: ADA.
import { STAMP, type Row } from './demo-lists.js';

/** The tables, in the order they are created and filled (each refers only to those before it). */
export const FOREIGN_TABLES = ['foreignapp', 'foreigndevice', 'foreignkey', 'BinaryObject', 'BinaryObjectLink'];

/** The reference's table numbers of the tables the demo's keys belong to. */
const CONTACT = 5;
const PERSON = 6;

/** [key, value, table number, record id]. */
const KEYS: [string, string, number, number][] = [
  ['CustomerNo', 'WS-1002', CONTACT, 2],
  ['CustomerNo', 'WS-1003', CONTACT, 3],
  ['ShopUserId', 'u-5501', PERSON, 5],
];

export const DEMO_FOREIGN: Record<string, Row[]> = {
  foreignapp: [{ id: 1, name: 'Webshop', ...STAMP }],
  foreigndevice: [{ id: 1, name: 'Sync', device_id: 'shop-01', foreignapp_id: 1, owner_id: 1, ...STAMP }],
  foreignkey: KEYS.map(([key, value, table, record], i) => ({ id: i + 1, foreigndevice_id: 1, table_id: table, record_id: record, seqno: 0, subkey: key, subvalue: value, ...STAMP })),
};
