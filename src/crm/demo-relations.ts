// The demo data's relations between companies and persons and the users of its chat topic.
// Relations as SuperOffice keeps them: a definition (relationdefinition: the active text, read
// from the source, and the passive text, read from the destination), the pairs of tables it may
// connect (relationtarget) and the relations themselves (relations: a source and a destination
// row, each a table number and a record id). Chat topic users (chat_topic_user): which users
// answer, get notified of, listen in on and manage a topic; user_id is the ejuser id. Fixed ids
// from 1. A new sandbox gets them with the rest of the demo data; a sandbox made by an older build
// gets them when the tables are added (list-migration.ts).
//
// Companies (demo.ts): 2 Nordic Bikes AS, 4 Blue Fjord Hotels, 5 Polar Software. Persons: 7 Grace
// Miller, 8 Henry Stone (Acme Logistics), 11 Kari Moe (Polar Software). Users (ejuser): 2 admin
// (Ada), 3 bob, 4 carol, 5 dave. Chat topic 1: Website chat (demo-chat.ts).
import { STAMP, type Row } from './demo-lists.js';

/** The reference's table numbers of the two tables relations connect here. */
const CONTACT = 5;
const PERSON = 6;

/** The relation tables, in the order they are created and filled (each refers only to those before it). */
export const RELATION_TABLES = ['relationdefinition', 'relationtarget', 'relations'];

/** [active text, passive text, tooltip, [source table, destination table] pairs]. */
const DEFINITIONS: [string, string, string, [number, number][]][] = [
  ['is the accountant of', 'has as accountant', 'Who keeps the books: a firm or a person', [[CONTACT, CONTACT], [PERSON, CONTACT]]],
  ['is the mentor of', 'is mentored by', 'One person coaching another', [[PERSON, PERSON]]],
];

/** [definition, source table, source id, destination table, destination id, comment]. */
const RELATIONS: [number, number, number, number, number, string][] = [
  [1, CONTACT, 5, CONTACT, 4, 'Year-end accounts since 2022'],
  [1, PERSON, 11, CONTACT, 2, 'Kari does the VAT returns'],
  [2, PERSON, 7, PERSON, 8, ''],
];

/** [user (ejuser id), respond, notifications, listen, manager] on topic 1. */
const TOPIC_USERS: [number, number, number, number, number][] = [
  [2, 0, 1, 1, 1],
  [3, 1, 1, 0, 0],
  [4, 1, 0, 1, 0],
];

export const DEMO_RELATIONS: Record<string, Row[]> = {
  relationdefinition: DEFINITIONS.map(([name, passive, tooltip], i) => ({ id: i + 1, name, passive_text: passive, tooltip, rank: i + 1, deleted: 0, defcomment: '', ...STAMP })),
  relationtarget: DEFINITIONS.flatMap(([, , , pairs], d) => pairs.map(([source, destination]) => ({ reldef_id: d + 1, source_table: source, destination_table: destination, bidirectional: 0, ...STAMP }))).map((r, i) => ({ id: i + 1, ...r })),
  relations: RELATIONS.map(([reldef, st, sr, dt, dr, comment], i) => ({
    id: i + 1, reldef_id: reldef, source_table: st, source_record: sr, destination_table: dt, destination_record: dr, relcomment: comment, reversed: 0, relFlags: 0, associateId: 1, ...STAMP,
  })),
  chat_topic_user: TOPIC_USERS.map(([user, respond, notify, listen, manager], i) => ({ id: i + 1, user_id: user, topic_id: 1, can_respond: respond, notifications: notify, can_listen: listen, manager })),
};
