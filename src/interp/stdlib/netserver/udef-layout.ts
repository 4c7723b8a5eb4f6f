// Where SuperOffice keeps user-defined fields (udefs): one UDefField row per field and generation,
// the values in a pair of tables per owner (udcontactSmall/udcontactLarge, ...) that the owner row
// links to by userdef_id and userdef2_id. A field's columnId names its value column; the sandbox
// numbers it the way SuperOffice numbers a FieldId: the table's number times 256 plus the
// column's position in the table (the primary key is 0, long01 is 1, string01 is 61, double01 is
// 101; in a large table string41 is 1). Shared by the demo data and the NetServer agents.

/** An owner of udefs: its UDefType number (ownerTable_id) and tables. */
export interface UdefOwner {
  type: number;
  /** The owner table (contact, person, ...). */
  table: string;
  /** The name SuperOffice's version preferences use (CurrentUdefVersion<name>). */
  name: string;
  small: string;
  smallNumber: number;
  large: string;
  largeNumber: number;
}

/** UDefType: 7 contact, 8 person, 9 project, 10 sale, 12 appointment, 13 document. */
export const UDEF_OWNERS: UdefOwner[] = [
  { type: 7, table: 'contact', name: 'contact', small: 'udcontactSmall', smallNumber: 35, large: 'udcontactLarge', largeNumber: 36 },
  { type: 8, table: 'person', name: 'person', small: 'udpersonSmall', smallNumber: 140, large: 'udpersonLarge', largeNumber: 141 },
  { type: 9, table: 'project', name: 'project', small: 'udprojectSmall', smallNumber: 142, large: 'udprojectLarge', largeNumber: 143 },
  { type: 10, table: 'sale', name: 'sale', small: 'udsalesmall', smallNumber: 158, large: 'udsalelarge', largeNumber: 159 },
  { type: 12, table: 'appointment', name: 'appointment', small: 'udappntsmall', smallNumber: 228, large: 'udappntlarge', largeNumber: 229 },
  { type: 13, table: 'document', name: 'document', small: 'uddocsmall', smallNumber: 230, large: 'uddoclarge', largeNumber: 231 },
];

export function udefOwner(type: number): UdefOwner | undefined {
  return UDEF_OWNERS.find((o) => o.type === type);
}

export function udefOwnerOfTable(table: string): UdefOwner | undefined {
  return UDEF_OWNERS.find((o) => o.table === table.toLowerCase());
}

/** UDefFieldType. */
export const UDEF_TYPE = { Number: 1, ShortText: 2, LongText: 3, Date: 4, UnlimitedDate: 5, Checkbox: 6, List: 7, Decimal: 8 } as const;

/** The kind of column a field type's values go in: long (small), double (small), string (small), text (large). */
export type UdefStorage = 'long' | 'double' | 'string' | 'text';

export function storageOfType(fieldType: number): UdefStorage {
  switch (fieldType) {
    case UDEF_TYPE.Decimal:
      return 'double';
    case UDEF_TYPE.ShortText:
    case UDEF_TYPE.UnlimitedDate:
      return 'string';
    case UDEF_TYPE.LongText:
      return 'text';
    default:
      return 'long';
  }
}

/** The value columns of each kind, in table order: [first position, count, name prefix, digits]. */
const COLUMNS: Record<UdefStorage, [number, number, string, number]> = {
  long: [1, 60, 'long', 1],
  string: [61, 40, 'string', 1],
  double: [101, 10, 'double', 1],
  text: [1, 9, 'string', 41],
};

/** A value column: the table it is in and its name. */
export interface UdefColumn {
  large: boolean;
  column: string;
  storage: UdefStorage;
}

/** The columnId of the `n`th (from 1) column of a kind. */
export function columnIdOf(owner: UdefOwner, storage: UdefStorage, n: number): number {
  const [first] = COLUMNS[storage];
  return (storage === 'text' ? owner.largeNumber : owner.smallNumber) * 256 + first + n - 1;
}

/** The column a columnId names, or null when it names none of the owner's udef columns. */
export function columnOf(owner: UdefOwner, columnId: number): UdefColumn | null {
  const table = Math.floor(columnId / 256);
  const pos = columnId % 256;
  const kinds: UdefStorage[] = table === owner.largeNumber ? ['text'] : table === owner.smallNumber ? ['long', 'string', 'double'] : [];
  for (const storage of kinds) {
    const [first, count, prefix, base] = COLUMNS[storage];
    if (pos < first || pos >= first + count) continue;
    const n = pos - first + base;
    return { large: storage === 'text', column: `${prefix}${storage === 'text' ? String(n) : String(n).padStart(2, '0')}`, storage };
  }
  return null;
}

/** How many columns of a kind an owner has. */
export function columnCount(storage: UdefStorage): number {
  return COLUMNS[storage][1];
}

/** Seconds since 1970-01-01 (how a Date udef is stored) of a 'YYYY-MM-DD' day, UTC. */
export function udefDaySeconds(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 1000;
}

/**
 * The list tables a List udef can take its items from (its listTableId), by table number: the
 * sandbox's lists with a name column (an item's DisplayText); 136, UDList, holds the items of the
 * user-defined lists (the field's UDListDefinition_id names its list).
 */
export const UDEF_LIST_TABLES: Record<number, string> = {
  2: 'associate', 19: 'country', 59: 'UserGroup', 61: 'Business', 64: 'Category', 67: 'Task', 76: 'PersPos', 79: 'Priority', 82: 'Prob', 85: 'ProjType', 88: 'ProjStatus',
  91: 'PMembType', 97: 'Credited', 100: 'Source', 103: 'Reason', 106: 'SearchCat', 109: 'Comptr', 112: 'Currency', 115: 'ReasonSold', 130: 'DocTmpl', 136: 'UDList', 149: 'SaleType', 154: 'ReasonStalled', 459: 'Tags',
};
