// The users' quick replies (SuperOffice's quick_reply table: short named HTML texts a user keeps
// for answering requests, in the rank order they chose), which NSListAgent's GetQuickReplies and
// SaveQuickReplies read and write for the user, and the user groups of ticket categories
// (EjCategoryGroupLink), which GetTicketCategoriesForUserGroups and SetTicketCategoriesForUserGroup
// read and write. The demo gives Ada two quick replies and Bob one, and links no category to a
// group; a sandbox made by an older build gains the tables (with the demo's rows when it holds the
// demo data, empty otherwise). Plain SQL that both engines run (sqlite/ddl.ts, pg/ddl.ts); the demo seed (demo.ts)
// adds the same rows to a new sandbox.
import type { CrmSchema, SchemaTable } from './schema.js';
import { tablesSql } from './list-migration.js';
import { STAMP, type Row } from './demo-lists.js';

export const LIST_ADMIN_TABLES = ['quick_reply', 'EjCategoryGroupLink'];

/** [owner (associate), name, HTML body] in each owner's rank order. */
const REPLIES: [number, string, string][] = [
  [1, 'Thanks', '<p>Thank you for contacting us. We are looking into it.</p>'],
  [1, 'Solved', '<p>We believe this is solved now. Reply to this mail if it is not.</p>'],
  [2, 'Need more info', '<p>Could you send us a screenshot of what you see?</p>'],
];

export const DEMO_LIST_ADMIN: Record<string, Row[]> = {
  quick_reply: REPLIES.map(([owner, name, body], i) => ({
    id: i + 1,
    associate_id: owner,
    name,
    html_body: body,
    rank: REPLIES.slice(0, i).filter(([o]) => o === owner).length + 1,
    ...STAMP,
  })),
};

/** Creates the tables and fills a demo sandbox's rows (rows whose keys are taken are skipped). */
export function listAdminTablesSql(schema: CrmSchema, create: (t: SchemaTable) => string[], quote: (id: string) => string): string[] {
  return tablesSql(schema, create, quote, LIST_ADMIN_TABLES, DEMO_LIST_ADMIN);
}
