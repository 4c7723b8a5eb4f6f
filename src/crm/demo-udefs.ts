// The demo data's user-defined fields: published fields of every type for companies (contact)
// and persons, one or two for projects and sales, and values on some of the demo's rows (their
// userdef_id / userdef2_id link the value rows). ProgIds count per owner type from SuperOffice:1,
// as SuperOffice numbers them. A new sandbox gets them with the rest of the demo data; a sandbox
// made by an older build gets them when the tables are added (list-migration.ts).
//
// Companies (demo.ts): 2 Nordic Bikes AS, 4 Blue Fjord Hotels, 5 Polar Software. Persons: 5 Nina
// Hansen, 9 Ingrid Lie, 10 Jonas Berg. Project 1 Hotel tablet roll-out; sale 1 40 guest-room
// tablets. Lists: Source 1 Website, 2 Referral, 3 Trade fair; Task 1 Meeting, 2 Phone call, 3 Video call.
import { STAMP, type Row } from './demo-lists.js';
import { UDEF_TYPE as T, columnIdOf, storageOfType, udefDaySeconds, udefOwner, type UdefStorage } from '../interp/stdlib/netserver/udef-layout.js';

/** [owner type, field type, label, tooltip, list table number (lists), user-defined list (UDListDefinition)]. */
type Def = [number, number, string, string, number?, number?];

const SOURCE = 100;
const TASK = 67;
/** The user-defined lists' items (demo-udlists.ts: list 2 Hardware model, items 5-8). */
const UDLIST = 136;
const HARDWARE_MODEL = 2;

const DEFS: Def[] = [
  [7, T.Number, 'Employees', 'How many people work there'],
  [7, T.Date, 'Customer since', 'When the first order came'],
  [7, T.ShortText, 'Account code', 'The code in the accounting system'],
  [7, T.LongText, 'Delivery notes', 'What the courier should know'],
  [7, T.Checkbox, 'Key account', 'A customer the key account team looks after'],
  [7, T.List, 'Lead source', 'How the customer found us', SOURCE],
  [7, T.Decimal, 'Credit limit', 'In the base currency'],
  [8, T.ShortText, 'Preferred language', 'The language to write in'],
  [8, T.Date, 'Last training', 'When the person last took a course'],
  [8, T.Checkbox, 'Certified', 'Passed the product certification'],
  [8, T.Number, 'Years as customer', 'Years the person has bought from us'],
  [8, T.LongText, 'Support notes', 'What support should know'],
  [8, T.Decimal, 'Hourly rate', 'Agreed rate for consulting'],
  [8, T.List, 'Preferred meeting', 'How the person likes to meet', TASK],
  [9, T.Decimal, 'Budget', 'The approved budget'],
  [9, T.Date, 'Go-live', 'When the project goes live'],
  [10, T.Number, 'Competitors', 'How many others bid'],
  [10, T.Checkbox, 'Contract signed', 'The customer signed the contract'],
  [10, T.List, 'Hardware model', 'The model the sale is for', UDLIST, HARDWARE_MODEL],
];

const day = (d: string): number => udefDaySeconds(d);

/** Values by owner type, owner row id, then label. */
const VALUES: [number, number, Record<string, string | number>][] = [
  [7, 2, { Employees: 42, 'Customer since': day('2019-03-01'), 'Account code': 'NB-1002', 'Delivery notes': 'Deliver to the workshop door before 10 am.', 'Key account': 1, 'Lead source': 2, 'Credit limit': 25000.5 }],
  [7, 4, { Employees: 310, 'Customer since': day('2020-08-27'), 'Account code': 'BFH-7', 'Key account': 1, 'Lead source': 3, 'Credit limit': 100000 }],
  [7, 5, { Employees: 18, 'Account code': 'PS-55', 'Key account': 0, 'Lead source': 1, 'Credit limit': 7500 }],
  [8, 5, { 'Preferred language': 'Norwegian', 'Last training': day('2024-10-14'), Certified: 1, 'Years as customer': 6, 'Hourly rate': 950, 'Preferred meeting': 1 }],
  [8, 9, { 'Preferred language': 'English', Certified: 0, 'Years as customer': 3, 'Support notes': 'Prefers calls in the afternoon.', 'Preferred meeting': 3 }],
  [8, 10, { 'Preferred language': 'English', 'Last training': day('2025-02-03'), Certified: 1, 'Preferred meeting': 2 }],
  [9, 1, { Budget: 480000, 'Go-live': day('2025-06-30') }],
  [10, 1, { Competitors: 2, 'Contract signed': 0, 'Hardware model': 5 }],
];

/** A field's row: its columnId is the next free column of its kind for its owner. */
function fieldRows(): { rows: Row[]; columns: Map<string, string> } {
  const used = new Map<string, number>();
  const counters = new Map<number, number>();
  const columns = new Map<string, string>();
  const rows = DEFS.map(([owner, fieldType, label, tooltip, listTable, udList], i) => {
    const o = udefOwner(owner)!;
    const storage: UdefStorage = storageOfType(fieldType);
    const n = (used.get(`${owner}:${storage}`) ?? 0) + 1;
    used.set(`${owner}:${storage}`, n);
    const prog = (counters.get(owner) ?? 0) + 1;
    counters.set(owner, prog);
    const column = storage === 'text' ? `string${40 + n}` : `${storage}${String(n).padStart(2, '0')}`;
    columns.set(`${owner}:${label}`, column);
    const text = storage === 'string' || storage === 'text';
    return {
      id: i + 1, ownerTable_id: owner, tabOrder: prog, fieldType, listTableId: listTable ?? 0, UDListDefinition_id: udList ?? 0,
      columnId: columnIdOf(o, storage, n), textLength: text ? (storage === 'text' ? 199 : 39) : 0, fieldDefault: '',
      indexed: n <= 4 ? 1 : 0, mandatory: 0, readOnly: 0, tooltip, fieldLabel: label, version: 1, lastVersionId: 0,
      page1LineNo: 0, udefIdentity: i + 1, hideLabel: 0, justification: 0, progId: `SuperOffice:${prog}`, formatMask: '', shortLabel: '', ...STAMP,
    };
  });
  return { rows, columns };
}

/** The demo's UDefField rows and value rows by table, and the owner rows' links to them. */
function build(): { tables: Record<string, Row[]>; links: [table: string, key: string, id: number, small: number, large: number][]; columns: Map<string, string> } {
  const { rows, columns } = fieldRows();
  const tables: Record<string, Row[]> = { UDefField: rows };
  const links: [string, string, number, number, number][] = [];
  for (const [owner, id, values] of VALUES) {
    const o = udefOwner(owner)!;
    const small: Row = {};
    const large: Row = {};
    for (const [label, value] of Object.entries(values)) {
      const column = columns.get(`${owner}:${label}`)!;
      (/^string4\d$/.test(column) ? large : small)[column] = value;
    }
    const s = (tables[o.small] ??= []);
    s.push({ id: s.length + 1, ...small });
    let largeId = 0;
    if (Object.keys(large).length) {
      const l = (tables[o.large] ??= []);
      largeId = l.length + 1;
      l.push({ id: largeId, ...large });
    }
    links.push([o.table, `${o.table}_id`, id, s.length, largeId]);
  }
  return { tables, links, columns };
}

const DEMO = build();

/** The udef tables with their demo rows (`id` stands for each table's primary key). */
export const DEMO_UDEFS: Record<string, Row[]> = DEMO.tables;

/** [owner table, its key column, owner id, userdef_id, userdef2_id (0: none)]. */
export const DEMO_UDEF_LINKS = DEMO.links;

/** Every udef table the sandbox has beside the four small ones of the reference's parsed copy, in creation order. */
export const UDEF_TABLES = ['UDefField', 'udcontactLarge', 'udpersonLarge', 'udprojectLarge', 'udsalelarge', 'udappntsmall', 'udappntlarge', 'uddocsmall', 'uddoclarge'];

/** The tables the demo fills (UDEF_TABLES and the small ones that already existed). */
export const UDEF_FILLED = Object.keys(DEMO_UDEFS);

/**
 * The sale field on the user-defined list Hardware model (demo-udlists.ts), which came after the
 * others: its UDefField row and sale 1's value (the small udef table, its row and column), for a
 * sandbox that had the udef tables before the user-defined lists.
 */
export const DEMO_UDLIST_FIELD = ((): { field: Row; table: string; row: number; column: string; value: number } => {
  const field = DEMO.tables.UDefField!.find((r) => r.fieldLabel === 'Hardware model')!;
  const link = DEMO.links.find(([table, , id]) => table === 'sale' && id === 1)!;
  return { field, table: udefOwner(10)!.small, row: link[3], column: DEMO.columns.get('10:Hardware model')!, value: 5 };
})();
