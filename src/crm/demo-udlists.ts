// The demo data's user-defined lists, kept as SuperOffice keeps them: a UDListDefinition row per
// list (listTableId 136, the UDList table that holds its items), the items in UDList, the list's
// headings in Heading (listTableId 136, extraId the list's definition), which items each heading
// groups (UDListHeadingLink) and which user groups see each item (UDListGroupLink). A new
// sandbox gets them with the rest of the demo data; a sandbox made by an older build gets them
// when the tables are added (list-migration.ts).
//
// User groups (demo-lists.ts): 1 Sales, 2 Support, 3 Management.
import { STAMP, type Row } from './demo-lists.js';

export const UDLIST_TABLES = ['UDListDefinition', 'UDList', 'Heading', 'UDListHeadingLink', 'UDListGroupLink'];

/** SuperOffice's table number of UDList: the listTableId of a user-defined list (and of its headings). */
export const UDLIST_TABLE_NUMBER = 136;

const SALES = 1;
const SUPPORT = 2;
const MANAGEMENT = 3;

/** [list id, name, tooltip, deleted, user groups that see it] of each item, in rank order per list. */
const ITEMS: [number, string, string, number, number[]][] = [
  [1, 'Gold', 'Our largest customers', 0, [SALES, MANAGEMENT]],
  [1, 'Silver', 'Regular customers', 0, [SALES, MANAGEMENT]],
  [1, 'Bronze', 'Occasional customers', 0, [SALES, MANAGEMENT]],
  [1, 'Platinum', 'No longer offered', 1, [MANAGEMENT]],
  [2, 'Tablet 10"', 'The guest-room tablet', 0, [SALES, SUPPORT, MANAGEMENT]],
  [2, 'Tablet 12"', 'The large tablet', 0, [SALES, SUPPORT, MANAGEMENT]],
  [2, 'Bike computer', 'For the bike shops', 0, [SALES, SUPPORT, MANAGEMENT]],
  [2, 'Wall mount', 'Bracket for the tablets', 0, [SUPPORT]],
];

/** [heading id, list id, name, tooltip, the items it groups]. */
const HEADINGS: [number, number, string, string, number[]][] = [
  [1, 2, 'Devices', 'What we sell', [5, 6, 7]],
  [2, 2, 'Accessories', 'What goes with them', [8]],
];

function build(): Record<string, Row[]> {
  const rank = new Map<number, number>();
  const items = ITEMS.map(([list, name, tooltip, deleted], i) => {
    rank.set(list, (rank.get(list) ?? 0) + 1);
    return { id: i + 1, name, rank: rank.get(list)!, tooltip, deleted, UDListDefinition_id: list, ...STAMP };
  });
  const groups = ITEMS.flatMap(([, , , , seen], i) => seen.map((group) => ({ udlist_id: i + 1, group_id: group })));
  const links = HEADINGS.flatMap(([heading, , , , under]) => under.map((item) => ({ udlist_id: item, heading_id: heading })));
  return {
    UDListDefinition: [
      { id: 1, name: 'Customer tier', rank: 1, tooltip: 'How much a customer buys from us', deleted: 0, listTableId: UDLIST_TABLE_NUMBER, requiredLicense: '', ...STAMP },
      { id: 2, name: 'Hardware model', rank: 2, tooltip: 'The devices we sell and service', deleted: 0, listTableId: UDLIST_TABLE_NUMBER, requiredLicense: '', ...STAMP },
    ],
    UDList: items,
    Heading: HEADINGS.map(([id, list, name, tooltip], i) => ({ id, name, rank: i + 1, tooltip, deleted: 0, listTableId: UDLIST_TABLE_NUMBER, extraId: list, ...STAMP })),
    UDListHeadingLink: links.map((l, i) => ({ id: i + 1, ...l, ...STAMP })),
    UDListGroupLink: groups.map((g, i) => ({ id: i + 1, ...g, ...STAMP })),
  };
}

/** The user-defined list tables with their demo rows (`id` stands for each table's primary key). */
export const DEMO_UDLISTS: Record<string, Row[]> = build();
