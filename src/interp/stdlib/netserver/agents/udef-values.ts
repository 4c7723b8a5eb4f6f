// The values of user-defined fields as NetServer entities carry them: a Map keyed by progId
// (GetUserDefinedFields / SetUserDefinedFields), the value encoded as the reference shows it:
// "[I:123]" for numbers, check boxes (1 checked) and list item ids, with "<progId>:DisplayText"
// the list item's name beside it, "[D:2020.08.27]" for dates (SuperDate), text as it is. Decimals
// read "[F:12.5]" (the reference shows no decimal; this is NetServer's prefix for a double). A
// field without a value reads "[I:0]", "[F:0]" or "" (dates and text).
//
// Setting takes the same encodings or plain values ("123", "12.5", "2020-08-27", what a Date put
// in a Map reads as); keys that are no published field of the owner are ignored, as are the
// DisplayText keys. A save writes the fields whose values differ from the stored ones, creating
// the owner's udef rows (and linking them by userdef_id / userdef2_id) the first time one is set.
// An entity holds its udefs in two Maps (UserDefinedFields, and CustomFields with the extra
// fields): a field takes the first Map's value that differs from the stored one.
import type { CrmRow, CrmValue } from '../../../runtime/crm-service.js';
import { CrmMap } from '../../map.js';
import { db, fail } from './db.js';
import { UDEF_LIST_TABLES, UDEF_TYPE as T, columnOf, type UdefColumn, type UdefOwner } from '../udef-layout.js';
import { field, num, publishedFields } from './udef-store.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** "[D:YYYY.MM.DD]" of seconds since 1970 (UTC days). */
function superDate(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `[D:${pad(d.getUTCFullYear(), 4)}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCDate())}]`;
}

function listName(listTableId: number, id: number): string {
  const table = UDEF_LIST_TABLES[listTableId];
  if (!table || !id || !db().table(table)) return '';
  const row = db().get(table, id);
  return row ? String(field(row, 'name') ?? '') : '';
}

/** A stored value as the entity's Map holds it. */
function encode(def: CrmRow, v: CrmValue | undefined): string {
  const empty = v === null || v === undefined || v === '';
  switch (num(def, 'fieldType')) {
    case T.Number:
    case T.Checkbox:
    case T.List:
      return `[I:${empty ? 0 : Math.trunc(Number(v))}]`;
    case T.Decimal:
      return `[F:${empty ? 0 : Number(v)}]`;
    case T.Date:
      return empty || !Number(v) ? '' : superDate(Number(v));
    case T.UnlimitedDate: {
      const m = /^(\d{4})(\d\d)(\d\d)$/.exec(String(v ?? ''));
      return m ? `[D:${m[1]}.${m[2]}.${m[3]}]` : '';
    }
    default:
      return empty ? '' : String(v);
  }
}

/** [year, month, day] of a date however it was written, or null. */
function dayOf(s: string): [number, number, number] | null {
  const m = /^(?:\[DT?:)?(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? [y, mo, d] : null;
}

const unwrap = (s: string): string => s.trim().replace(/^\[[A-Z]+:(.*)\]$/s, '$1').trim();

/** A value set by a script (or a find restriction's) as the column value, or a message saying what the field takes. */
export function decode(def: CrmRow, raw: string): CrmValue | { wrong: string } {
  const s = String(raw ?? '');
  const inner = unwrap(s);
  switch (num(def, 'fieldType')) {
    case T.Number:
    case T.List: {
      if (!inner) return null;
      const n = Number(inner.replace(',', '.'));
      return Number.isFinite(n) ? Math.trunc(n) : { wrong: 'a whole number ("[I:123]")' };
    }
    case T.Checkbox: {
      const t = inner.toLowerCase();
      if (!t || t === '0' || t === 'false') return 0;
      return t === '1' || t === 'true' ? 1 : { wrong: 'a check box value ("[I:1]" or "[I:0]")' };
    }
    case T.Decimal: {
      if (!inner) return null;
      const n = Number(inner.replace(',', '.'));
      return Number.isFinite(n) ? n : { wrong: 'a decimal number ("[F:12.5]")' };
    }
    case T.Date:
    case T.UnlimitedDate: {
      if (!inner) return null;
      const d = dayOf(s);
      if (!d) return { wrong: 'a date ("[D:2020.08.27]")' };
      return num(def, 'fieldType') === T.Date ? Date.UTC(d[0], d[1] - 1, d[2]) / 1000 : `${pad(d[0], 4)}${pad(d[1])}${pad(d[2])}`;
    }
    default: {
      const len = num(def, 'textLength');
      return len > 0 ? s.slice(0, len) : s;
    }
  }
}

/** The owner row's udef rows: [small, large], each null when not linked. */
function valueRows(owner: UdefOwner, row: CrmRow): [CrmRow | null, CrmRow | null] {
  const get = (table: string, id: number): CrmRow | null => (id && db().table(table) ? db().get(table, id) : null);
  return [get(owner.small, num(row, 'userdef_id')), get(owner.large, num(row, 'userdef2_id'))];
}

export const columnFor = (owner: UdefOwner, def: CrmRow): UdefColumn | null => columnOf(owner, num(def, 'columnId'));

/** A field's default value (UDefField.fieldDefault) as stored, or null when it has none it can take. */
function defaultOf(def: CrmRow): CrmValue {
  const text = String(field(def, 'fieldDefault') ?? '');
  if (!text) return null;
  const v = decode(def, text);
  return v !== null && typeof v === 'object' ? null : v;
}

/**
 * The published udefs of an owner row, keyed by progId (list fields with their DisplayText); for
 * a new entity (row null) each field's default.
 */
export function readUdefs(owner: UdefOwner, row: CrmRow | null): CrmMap {
  const m = new CrmMap();
  const [small, large] = row ? valueRows(owner, row) : [null, null];
  for (const def of publishedFields(owner)) {
    const c = columnFor(owner, def);
    const progId = String(field(def, 'progId') ?? '');
    if (!c || !progId) continue;
    const v = row ? (c.large ? large : small)?.[c.column] : defaultOf(def);
    m.put(progId, encode(def, v));
    if (num(def, 'fieldType') === T.List) m.put(`${progId}:DisplayText`, listName(num(def, 'listTableId'), Number(v ?? 0)));
  }
  return m;
}

/** Writes the udefs of `maps` that differ from what owner row `id` has; `where` names the agent method. */
export function writeUdefs(owner: UdefOwner, id: number, maps: CrmMap[], where: string): void {
  const crm = db();
  const row = crm.get(owner.table, id);
  if (!row || !crm.table(owner.small)) return;
  const [small, large] = valueRows(owner, row);
  const changes: [CrmRow, CrmRow] = [{}, {}];
  for (const def of publishedFields(owner)) {
    const progId = String(field(def, 'progId') ?? '');
    const c = columnFor(owner, def);
    if (!c || !progId) continue;
    const stored = encode(def, (c.large ? large : small)?.[c.column] ?? null);
    for (const values of maps) {
      if (!values.data.has(progId)) continue;
      const v = decode(def, values.data.get(progId)!);
      if (v !== null && typeof v === 'object') throw fail(where, `the user-defined field ${progId} (${String(field(def, 'fieldLabel') ?? '')}) takes ${v.wrong}, not "${values.data.get(progId)}"`);
      if (stored === encode(def, v)) continue;
      changes[c.large ? 1 : 0][c.column] = v;
      break;
    }
  }
  const link: CrmRow = {};
  ([[owner.small, small, 'userdef_id'], [owner.large, large, 'userdef2_id']] as const).forEach(([table, old, linkCol], i) => {
    const change = changes[i];
    if (!Object.keys(change).length) return;
    if (old) crm.update(table, num(old, crm.table(table)!.primaryKey), change);
    else link[linkCol] = crm.insert(table, change);
  });
  if (Object.keys(link).length) crm.update(owner.table, id, link);
}
