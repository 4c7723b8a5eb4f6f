// NSFindAgent and NSArchiveAgent as queries over one table: an archive provider names a table
// (contact, person, sale, appointment, ...; "FindContact" and the activity providers too),
// NSArchiveRestrictionInfo values become conditions (values always as parameters), the columns
// asked for come back in each NSArchiveListItem's column Map.
import type { CrmCondition, CrmOperator, CrmRow } from '../../../runtime/crm-service.js';
import { CrmMap } from '../../map.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, textOf } from './view.js';
import { make, type Methods } from './define.js';
import { isUdefRestriction, udefCondition } from './udef-find.js';

const PROVIDERS: Record<string, string> = {
  contact: 'contact',
  person: 'person',
  sale: 'sale',
  appointment: 'appointment',
  diary: 'appointment',
  project: 'project',
  projectmember: 'projectmember',
  document: 'document',
  ticket: 'ticket',
  request: 'ticket',
  associate: 'associate',
  user: 'associate',
  quote: 'Quote',
  selection: 'selection',
  contactactivity: 'appointment',
  personactivity: 'appointment',
  projectactivity: 'appointment',
  saleactivity: 'appointment',
};

/** Whether a provider lists activities (follow-ups, documents, sales), its entity naming the table. */
export function isActivityProvider(provider: string): boolean {
  return provider.toLowerCase().replace(/^find/, '').endsWith('activity');
}

export function tableOf(where: string, provider: string, entities: string[] = []): string {
  let p = provider.toLowerCase().replace(/^find/, '');
  if (isActivityProvider(provider) && entities.length) p = entities[0].toLowerCase();
  const t = Object.hasOwn(PROVIDERS, p) ? PROVIDERS[p] : undefined;
  if (!t) throw fail(where, `the sandbox has no archive provider '${provider}' (it has: ${Object.keys(PROVIDERS).join(', ')})`);
  return t;
}

const OPS: Record<string, CrmOperator> = {
  '=': '=', equals: '=', is: '=', eq: '=', '<>': '<>', '!=': '<>', notequals: '<>', isnot: '<>', ne: '<>',
  '<': '<', lt: '<', less: '<', before: '<', '<=': '<=', lte: '<=', '>': '>', gt: '>', greater: '>', after: '>', '>=': '>=', gte: '>=',
  begins: 'begins', beginswith: 'begins', contains: 'contains', ends: 'ends', endswith: 'ends', like: 'like', notlike: 'not like',
  oneof: 'in', in: 'in', notoneof: 'not in', notin: 'not in', set: 'is not null', isnotnull: 'is not null', notset: 'is null', isnull: 'is null',
  unequals: '<>', associateisoneof: 'in', associateisnotoneof: 'not in',
};

/** Operators that negate a pattern: the column must not begin with, contain or end with the value. */
const NOT_LIKE: Record<string, (v: string) => string> = {
  notbegins: (v) => `${likeEscape(v)}%`,
  notcontains: (v) => `%${likeEscape(v)}%`,
  notends: (v) => `%${likeEscape(v)}`,
};

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (m) => '\\' + m);

const DATE_TYPES = new Set(['DateTime', 'UtcDateTime', 'Date']);

/** A date value as the CRM stores dates ('2014.3.4' and '2014-03-04' alike), other values as given. */
function valueFor(table: string, column: string, v: string): string {
  const type = db().table(table)!.columns.find((c) => c.name === column)?.type ?? '';
  const m = /^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v.trim());
  if (!DATE_TYPES.has(type) || !m) return v;
  const p = (x: string | undefined): string => (x ?? '0').padStart(2, '0');
  return `${m[1]}-${p(m[2])}-${p(m[3])} ${p(m[4])}:${p(m[5])}:${p(m[6])}`;
}

/** A restriction's column as the table spells it ('contactId' and 'contact_id' both name contact_id). */
export function columnOf(where: string, table: string, name: string): string {
  const t = db().table(table)!;
  const want = name.toLowerCase().replace(/_/g, '');
  const c = t.columns.find((x) => x.name.toLowerCase().replace(/_/g, '') === want) ?? (want === `${table.toLowerCase()}id` ? t.columns.find((x) => x.name === t.primaryKey) : undefined);
  if (!c) throw fail(where, `${table} has no column '${name}' (it has: ${t.columns.map((x) => x.name).join(', ')})`);
  return c.name;
}

/** A restriction's values as an operator takes them: all of them for (not) in, none for is (not) null, else the first. */
function operandOf<T>(op: CrmOperator, values: T[]): T | T[] | '' | undefined {
  return op === 'in' || op === 'not in' ? values : op.startsWith('is') ? undefined : (values[0] ?? '');
}

/** The low and high ends of a `between` (one value: both ends). */
const bounds = <T>(values: T[]): [T | '', T | ''] => [values[0] ?? '', values[1] ?? values[0] ?? ''];

function conditions(where: string, table: string, restrictions: unknown): CrmCondition[] {
  const out: CrmCondition[] = [];
  for (const r of Array.isArray(restrictions) ? restrictions : []) {
    if (!(r instanceof NSObject)) continue;
    const name = String(r.f.Name ?? '');
    if (!name || name.toLowerCase() === 'getallrows' || r.f.IsActive === false) continue;
    const opName = String(r.f.Operator ?? '=').toLowerCase().replace(/\s+/g, '');
    if (isUdefRestriction(name)) {
      out.push(...udefRestriction(where, table, name, opName, r));
      continue;
    }
    const column = columnOf(where, table, name);
    const values = (Array.isArray(r.f.Values) ? r.f.Values : []).map((v) => valueFor(table, column, String(v)));
    if (opName === 'currentassociate') {
      out.push({ column, op: '=', value: db().actor().associateId });
      continue;
    }
    if (Object.hasOwn(NOT_LIKE, opName)) {
      out.push({ column, op: 'not like', value: NOT_LIKE[opName](values[0] ?? '') });
      continue;
    }
    if (opName === 'between' || opName === 'datebetween') {
      const [lo, hi] = bounds(values);
      out.push({ column, op: '>=', value: lo }, { column, op: '<=', value: hi });
      continue;
    }
    const op = Object.hasOwn(OPS, opName) ? OPS[opName] : undefined;
    if (!op) throw fail(where, `unknown restriction operator '${String(r.f.Operator)}' (use one of: ${[...Object.keys(OPS), ...Object.keys(NOT_LIKE), 'between', 'currentAssociate'].join(', ')})`);
    out.push({ column, op, value: operandOf(op, values) });
  }
  return out;
}

/** A restriction on a user-defined field (udef-find.ts), its operator and values read as for a column. */
function udefRestriction(where: string, table: string, name: string, opName: string, r: NSObject): CrmCondition[] {
  const values = (Array.isArray(r.f.Values) ? r.f.Values : []).map(String);
  if (opName === 'between' || opName === 'datebetween') {
    const [lo, hi] = bounds(values);
    return [udefCondition(where, table, name, '>=', lo), udefCondition(where, table, name, '<=', hi)];
  }
  const op = Object.hasOwn(OPS, opName) ? OPS[opName] : undefined;
  if (!op || op === 'like' || op === 'not like') throw fail(where, `the operator '${String(r.f.Operator)}' does not apply to a user-defined field (use one of: =, <>, <, <=, >, >=, between, begins, contains, ends, oneOf, notOneOf, set, notSet)`);
  return [udefCondition(where, table, name, op, operandOf(op, values))];
}

function orderOf(where: string, table: string, orderBy: unknown): { column: string; descending?: boolean }[] {
  const list = (Array.isArray(orderBy) ? orderBy : []).filter((o): o is NSObject => o instanceof NSObject && !!o.f.Name);
  const out: { column: string; descending?: boolean }[] = list.map((o) => ({ column: columnOf(where, table, String(o.f.Name)), descending: Number(o.f.Direction ?? 0) === 1 }));
  out.push({ column: db().table(table)!.primaryKey });
  return out;
}

/** Whether a table has a column by a restriction's or select's name of it. */
export function hasColumn(table: string, name: string): boolean {
  try {
    return name.toLowerCase() === 'text' || !!columnOf('', table, name);
  } catch {
    return false;
  }
}

/** The display text of a column ('text' reads the row's text); '' for a column the table lacks when `lenient`. */
function display(where: string, row: CrmRow, table: string, name: string, lenient: boolean): string {
  if (name.toLowerCase() === 'text') return textOf(col(row, 'text_id'));
  if (lenient && !hasColumn(table, name)) return '';
  const v = col(row, columnOf(where, table, name));
  return v === null || v === undefined ? '' : String(v);
}

/**
/**
 * A row of `table` as an archive row with the columns asked for (all of the table's when none):
 * its ColumnData maps each column to its display text. With `lenient`, a column the table lacks
 * reads as '' (rows of several tables in one list), else it is an error naming `where`.
 */
export function archiveItem(where: string, table: string, row: CrmRow, columns: string[], lenient = false): NSObject {
  const pk = db().table(table)!.primaryKey;
  const id = Number(col(row, pk) ?? 0);
  const data = new CrmMap();
  for (const c of columns.length ? columns : db().table(table)!.columns.map((x) => x.name)) data.insert(c, display(where, row, table, c, lenient));
  return make('NSArchiveListItem', { EntityName: table.toLowerCase(), PrimaryKey: id, ColumnData: data, LinkHint: `${table.toLowerCase()}_id=${id}` });
}

/**
 * A page of a provider's rows as NSArchiveListItems, and how many rows match in all. Page 0 is the
 * first; a negative page skips that many rows; pageSize 0 gives every row.
 */
export function items(where: string, provider: string, columns: unknown, orderBy: unknown, restrictions: unknown, entities: unknown, page: number, pageSize: number): { rows: NSObject[]; count: number } {
  const table = tableOf(where, provider, Array.isArray(entities) ? entities.map(String) : []);
  const conds = conditions(where, table, restrictions);
  const size = pageSize > 0 ? pageSize : undefined;
  const rows = db().select(table, { where: conds, orderBy: orderOf(where, table, orderBy), limit: size, offset: page < 0 ? -page : size ? page * size : undefined });
  const cols = (Array.isArray(columns) ? columns.map(String) : []).filter(Boolean);
  const out = rows.map((r) => archiveItem(where, table, r, cols));
  return { rows: out, count: db().count(table, conds) };
}

function results(rows: NSObject[], count: number, columns: string[]): NSObject {
  return make('NSFindResults', { ArchiveRows: rows, RowCount: count, ArchiveColumns: columns.map((c) => make('NSArchiveColumnInfo', { Name: c, DisplayName: c, IsVisible: true, CanOrderBy: true, CanRestrictBy: true })) });
}

export const archiveAgent: Methods = {
  'GetArchiveListByColumns(String,String[],NSArchiveOrderByInfo[],NSArchiveRestrictionInfo[],String[],Integer,Integer)': (
    _a: unknown,
    provider: string,
    columns: string[],
    orderBy: NSObject[],
    restrictions: NSObject[],
    entities: string[],
    page: number,
    pageSize: number,
  ) => items('NSArchiveAgent.GetArchiveListByColumns', provider, columns, orderBy, restrictions, entities, page, pageSize).rows,
  'GetProviderNames()': () => Object.keys(PROVIDERS),
};

export const findAgent: Methods = {
  'FindFromRestrictions(NSArchiveRestrictionInfo[],String,Integer,Integer)': (_a: unknown, restrictions: NSObject[], provider: string, pageSize: number, page: number) => {
    const r = items('NSFindAgent.FindFromRestrictions', provider, [], [], restrictions, [], page, pageSize);
    return results(r.rows, r.count, []);
  },
  'FindFromRestrictionsColumns(NSArchiveRestrictionInfo[],String,String[],Integer,Integer)': (
    _a: unknown,
    restrictions: NSObject[],
    provider: string,
    columns: string[],
    pageSize: number,
    page: number,
  ) => {
    const r = items('NSFindAgent.FindFromRestrictionsColumns', provider, columns, [], restrictions, [], page, pageSize);
    return results(r.rows, r.count, columns ?? []);
  },
};
