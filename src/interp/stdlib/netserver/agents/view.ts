// Declarative maps between a NetServer class and a CRM table: which property reads which
// column, which properties are nested carriers or list items loaded by a foreign key, which are
// texts in the `text` table. One map serves reading (a row → an NSObject) and, for entities,
// writing (an NSObject → a row, with SuperOffice's observable rules: ids assigned on insert,
// created/updated date and who, required fields).
import type { CrmRow, CrmValue } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail, fromDb, toDb, type Kind } from './db.js';
import { readCustomFields, writeCustomFields } from './custom-fields.js';

export interface View {
  /** The NetServer class a row becomes. */
  cls: string;
  table: string;
  /** The property that holds the primary key. */
  key: string;
  /** Plain columns: 'Prop=column:k …' with k one of i f b s d. */
  cols?: string;
  /** Nested carriers or list items by foreign key: 'Prop=column>NSClass …'. */
  refs?: string;
  /** Texts kept in the text table: 'Prop=text_id_column …'. */
  texts?: string;
  /** registered/updated columns as CreatedDate, CreatedBy, UpdatedDate, UpdatedBy. */
  audit?: boolean;
  /** Properties a save refuses to store empty, with how the script sets them. */
  required?: [prop: string, what: string][];
  /** Derived properties, set after the mapped ones (FullName, ContactName, ...). */
  calc?: (o: NSObject, row: CrmRow) => void;
  /** Columns a save writes beside the mapped ones, computed from the object (nested carriers with no table of their own). */
  extra?: (o: NSObject, old: CrmRow | null) => CrmRow;
  /** Columns an update that changes the row also writes (tables that stamp changes in their own columns). */
  changed?: () => CrmRow;
  /** Runs after a save wrote the row (phones, emails, addresses owned by it). */
  afterSave?: (o: NSObject, id: number, inserted: boolean) => void;
  /** The entity carries its table's user-defined and extra fields (custom-fields.ts). */
  custom?: boolean;
  /** Runs before a delete removes the row (rows it owns). */
  beforeDelete?: (id: number) => void;
}

interface Parsed {
  cols: { p: string; c: string; k: Kind }[];
  refs: { p: string; c: string; cls: string }[];
  texts: { p: string; c: string }[];
}
const parsed = new WeakMap<View, Parsed>();

function parse(v: View): Parsed {
  let p = parsed.get(v);
  if (p) return p;
  const words = (s?: string): string[] => (s ?? '').split(/\s+/).filter(Boolean);
  p = {
    cols: words(v.cols).map((w) => {
      const m = /^(\w+)=(\w+):([ifbsd])$/.exec(w);
      if (!m) throw new Error(`bad column map ${w} in ${v.cls}`);
      return { p: m[1], c: m[2], k: m[3] as Kind };
    }),
    refs: words(v.refs).map((w) => {
      const m = /^(\w+)=(\w+)>(\w+)$/.exec(w);
      if (!m) throw new Error(`bad reference map ${w} in ${v.cls}`);
      return { p: m[1], c: m[2], cls: m[3] };
    }),
    texts: words(v.texts).map((w) => {
      const [prop, c] = w.split('=');
      return { p: prop, c };
    }),
  };
  parsed.set(v, p);
  return p;
}

const registry = new Map<string, View>();

/** Makes a view the one used to load nested values of its class. */
export function register(...views: View[]): void {
  for (const v of views) registry.set(v.cls, v);
}

export function viewOf(cls: string): View | undefined {
  return registry.get(cls);
}

/** The columns every list table has, as entity properties. */
export const LIST_TABLE_COLS = 'Name=name:s Rank=rank:i Tooltip=tooltip:s Deleted=deleted:b';

/** A list item class over a list table: Id, Value (name) and Tooltip. */
export function listView(cls: string, table: string): View {
  return { cls, table, key: 'Id', cols: 'Value=name:s Tooltip=tooltip:s' };
}

function primaryKey(table: string): string | null {
  return db().table(table)?.primaryKey ?? null;
}

function columnsOf(table: string): Map<string, { name: string; nullable: boolean }> {
  const t = db().table(table);
  return new Map((t?.columns ?? []).map((c) => [c.name.toLowerCase(), c]));
}

/** Reads a column whatever the case the CRM returns it in. */
export function col(row: CrmRow, name: string): CrmValue | undefined {
  if (name in row) return row[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(row)) if (k.toLowerCase() === lower) return row[k];
  return undefined;
}

/** The text of a text-table row, '' for none. */
export function textOf(id: CrmValue | undefined): string {
  const n = Number(id ?? 0);
  if (!n) return '';
  const row = db().get('text', n);
  return row ? String(col(row, 'text') ?? '') : '';
}

/** A row as an object of the view's class. */
export function fromRow(v: View, row: CrmRow): NSObject {
  const p = parse(v);
  const o = new NSObject(v.cls);
  const pk = primaryKey(v.table);
  o.f[v.key] = fromDb(pk ? col(row, pk) : 0, 'i');
  for (const c of p.cols) o.f[c.p] = fromDb(col(row, c.c), c.k);
  for (const r of p.refs) o.f[r.p] = loadRef(r.cls, Number(col(row, r.c) ?? 0));
  for (const t of p.texts) o.f[t.p] = textOf(col(row, t.c));
  if (v.audit) {
    o.f.CreatedDate = fromDb(col(row, 'registered'), 'd');
    o.f.CreatedBy = loadRef('NSAssociate', Number(col(row, 'registered_associate_id') ?? 0));
    o.f.UpdatedDate = fromDb(col(row, 'updated'), 'd');
    o.f.UpdatedBy = loadRef('NSAssociate', Number(col(row, 'updated_associate_id') ?? 0));
  }
  if (v.custom) readCustomFields(o, v.table, row);
  v.calc?.(o, row);
  return o;
}

/** The object of class `cls` with id `id`: loaded by its view, or an empty one holding just the id. */
export function loadRef(cls: string, id: number): NSObject {
  const v = registry.get(cls);
  if (v && id) {
    const o = load(v, id);
    if (o) return o;
  }
  const o = new NSObject(cls);
  if (v) o.f[v.key] = id | 0;
  return o;
}

/** The row with primary key `id` as an object, or null when there is none (or no such table). */
export function load(v: View, id: number): NSObject | null {
  if (!id || !db().table(v.table)) return null;
  const row = db().get(v.table, id);
  return row ? fromRow(v, row) : null;
}

/** Rows of a view's table matching column = value pairs, as objects, ordered by primary key. */
export function loadWhere(v: View, where: Record<string, CrmValue | CrmValue[]>, limit?: number): NSObject[] {
  if (!db().table(v.table)) return [];
  const pk = primaryKey(v.table)!;
  const conds = Object.entries(where).map(([column, value]) => ({ column, op: Array.isArray(value) ? ('in' as const) : ('=' as const), value }));
  return db()
    .select(v.table, { where: conds, orderBy: [{ column: pk }], limit })
    .map((r) => fromRow(v, r));
}

/** The id a nested value stands for (its key property), 0 when none. */
export function idOf(value: unknown): number {
  if (!(value instanceof NSObject)) return 0;
  const v = registry.get(value.cls);
  const id = v ? value.f[v.key] : (value.f.Id ?? 0);
  return typeof id === 'number' ? id | 0 : 0;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0) return true;
  if (value instanceof NSObject) return idOf(value) === 0;
  return false;
}

/** The value a column gets: 0 in a nullable link column is stored as NULL ("no link"). */
function columnValue(def: { name: string; nullable: boolean }, value: CrmValue): CrmValue {
  return value === 0 && def.nullable && /_id$|_idx$|Id$/.test(def.name) ? null : value;
}

/**
 * What a save of `o` would refuse, property by property, in the order it checks them: required
 * properties left empty, then new or changed links to rows that do not exist (lists the sandbox
 * has no table for cannot be checked).
 */
export function refusals(v: View, o: NSObject): [prop: string, message: string][] {
  const out: [string, string][] = [];
  for (const [prop, what] of v.required ?? []) if (isEmpty(o.f[prop])) out.push([prop, `${what} is required`]);
  const crm = db();
  if (!crm.table(v.table)) return out;
  const id = Number(o.f[v.key] ?? 0) | 0;
  const old = id ? crm.get(v.table, id) : null;
  for (const r of parse(v).refs) {
    const refId = idOf(o.f[r.p]);
    const target = registry.get(r.cls);
    const changed = !old || Number(col(old, r.c) ?? 0) !== refId;
    if (refId && changed && target && crm.table(target.table) && !crm.get(target.table, refId))
      out.push([r.p, `${r.p} ${refId} does not exist (there is no ${target.table} row with that id)`]);
  }
  return out;
}

/**
 * Writes the columns of `row` that differ from the stored row `old` (a 0 link and NULL are the
 * same "no link") and stamps updated, updated_associate_id and updatedCount where the table has
 * them. Touches nothing, and returns false, when nothing changed.
 */
export function updateChanged(table: string, id: number, old: CrmRow, row: CrmRow, changed?: () => CrmRow): boolean {
  const crm = db();
  const cols = columnsOf(table);
  const changes: CrmRow = {};
  for (const c of Object.keys(row)) if (!same(col(old, c), row[c])) changes[c] = row[c];
  if (!Object.keys(changes).length) return false;
  // the usual stamps, and a table's own (a message's changed_at/changed_by: View.changed)
  const stamps: CrmRow = { updated: crm.now(), updated_associate_id: crm.actor().associateId, updatedCount: Number(col(old, 'updatedCount') ?? 0) + 1, ...changed?.() };
  for (const [c, value] of Object.entries(stamps)) {
    const def = cols.get(c.toLowerCase());
    if (def) changes[def.name] = columnValue(def, value);
  }
  crm.update(table, id, changes);
  return true;
}

/**
 * Writes an entity: inserts it when its key is 0 (or names no row), else updates that row. Returns
 * the id. `where` names the agent method for error messages.
 */
export function save(v: View, o: NSObject, where: string): number {
  const refused = refusals(v, o)[0];
  if (refused) throw fail(where, refused[1]);
  const crm = db();
  if (!crm.table(v.table)) throw fail(where, `the sandbox CRM has no ${v.table} table`);
  const p = parse(v);
  const cols = columnsOf(v.table);
  const row: CrmRow = {};
  const put = (c: string, value: CrmValue): void => {
    const def = cols.get(c.toLowerCase());
    if (def) row[def.name] = columnValue(def, value);
  };
  for (const c of p.cols) put(c.c, toDb(o.f[c.p] ?? fromDb(null, c.k), c.k));
  let id = Number(o.f[v.key] ?? 0) | 0;
  const old = id ? crm.get(v.table, id) : null;
  for (const r of p.refs) put(r.c, idOf(o.f[r.p]));
  for (const [c, value] of Object.entries(v.extra?.(o, old) ?? {})) put(c, value);
  const who = crm.actor().associateId;
  const at = crm.now();
  for (const t of p.texts) {
    const text = String(o.f[t.p] ?? '');
    const textId = Number(old ? (col(old, t.c) ?? 0) : 0);
    if (textId) {
      if (textOf(textId) !== text) crm.update('text', textId, { text });
    }
    else if (text) put(t.c, crm.insert('text', { text, registered: at, registered_associate_id: who }));
  }
  if (old) updateChanged(v.table, id, old, row, v.changed);
  else {
    put('registered', at);
    put('registered_associate_id', who);
    id = crm.insert(v.table, row);
  }
  if (v.custom) writeCustomFields(o, v.table, id, where);
  v.afterSave?.(o, id, !old);
  return id;
}

const isNothing = (x: CrmValue | undefined): boolean => x === null || x === undefined || x === 0 || x === '';

/** Whether a stored value and a value about to be written mean the same. */
function same(a: CrmValue | undefined, b: CrmValue): boolean {
  if (a === b || (isNothing(a) && isNothing(b))) return true;
  if (typeof b === 'number' && a !== null && a !== undefined && a !== '') return Number(a) === b;
  return String(a ?? '') === String(b ?? '');
}

/** Deletes a row (and the texts it owns); false when there was none. */
export function remove(v: View, id: number): boolean {
  const crm = db();
  if (!crm.table(v.table)) return false;
  const row = crm.get(v.table, id);
  if (!row) return false;
  v.beforeDelete?.(id);
  for (const t of parse(v).texts) {
    const textId = Number(col(row, t.c) ?? 0);
    if (textId) crm.delete('text', textId);
  }
  return crm.delete(v.table, id);
}

/** A column of the row `id` of `table` as text ('' when there is no such table or row). */
export function lookup(table: string, id: unknown, column: string): string {
  const n = Number(id ?? 0);
  if (!n || !db().table(table)) return '';
  const row = db().get(table, n);
  return row ? String(col(row, column) ?? '') : '';
}
