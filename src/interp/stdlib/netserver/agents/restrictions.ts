// Find and archive restrictions (NSArchiveRestrictionInfo: a column, an operator and its values)
// as conditions on one table, values always as parameters. Operators are NetServer's names and
// the symbols of its restriction strings ("=", "begins", "oneOf", "between", "set", …); a column
// is named as the table spells it or as the archive providers do ("contactId" for contact_id).
// `set` / `notSet` ask whether a column has a value: a number other than 0 (a Bool column: set is
// true), a text other than '', any date. On DateTime columns a value without a time is the whole
// day it names, and the periods (today, thisWeek, lastMonth, …) need no value
// (restriction-dates.ts). Restrictions that have to hold together are an array; a restriction
// string with 'or' gives sets of them, any of which may hold (archive-strings.ts).
import type { CrmCondition, CrmOperator } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { isUdefRestriction, udefCondition } from './udef-find.js';
import type { AnyOfRestrictions } from './archive-strings.js';
import { dayOf, PERIODS, periodRange, type TimeRange } from './restriction-dates.js';

const OPS: Record<string, CrmOperator> = {
  '=': '=', equals: '=', is: '=', eq: '=', '<>': '<>', '!=': '<>', notequals: '<>', isnot: '<>', ne: '<>',
  '<': '<', lt: '<', less: '<', before: '<', '<=': '<=', lte: '<=', le: '<=', '>': '>', gt: '>', greater: '>', after: '>', '>=': '>=', gte: '>=', ge: '>=',
  begins: 'begins', beginswith: 'begins', startswith: 'begins', contains: 'contains', ends: 'ends', endswith: 'ends', like: 'like', notlike: 'not like',
  oneof: 'in', in: 'in', notoneof: 'not in', notin: 'not in', isnotnull: 'is not null', isnull: 'is null',
  unequals: '<>', associateisoneof: 'in', associateisnotoneof: 'not in',
};

/** Operators that negate a pattern: the column must not begin with, contain or end with the value. */
const NOT_LIKE: Record<string, (v: string) => string> = {
  notbegins: (v) => `${likeEscape(v)}%`,
  notcontains: (v) => `%${likeEscape(v)}%`,
  notends: (v) => `%${likeEscape(v)}`,
};

const OTHER_OPS = ['between', 'dateBetween', 'date', 'set', 'notSet', 'currentAssociate', 'today', 'thisWeek', 'lastMonth', '…'];

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (m) => '\\' + m);

const DATE_TYPES = new Set(['DateTime', 'UtcDateTime', 'Date']);
const TEXT_TYPES = new Set(['String', 'Clob']);

const typeOf = (table: string, column: string): string => db().table(table)!.columns.find((c) => c.name === column)?.type ?? '';

/** A date value as the CRM stores dates ('2014.3.4' and '2014-03-04' alike), other values as given. */
function valueFor(table: string, column: string, v: string): string {
  const m = /^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v.trim());
  if (!DATE_TYPES.has(typeOf(table, column)) || !m) return v;
  const p = (x: string | undefined): string => (x ?? '0').padStart(2, '0');
  return `${m[1]}-${p(m[2])}-${p(m[3])} ${p(m[4])}:${p(m[5])}:${p(m[6])}`;
}

/**
 * A restriction's column as the table spells it: 'contactId' and 'contact_id' both name contact_id;
 * as the archive providers name a list or date column, 'category' is category_idx, 'country'
 * country_id and 'updatedDate' updated.
 */
export function columnOf(where: string, table: string, name: string): string {
  const t = db().table(table)!;
  const want = name.toLowerCase().replace(/_/g, '');
  const named = (n: string) => t.columns.find((x) => x.name.toLowerCase().replace(/_/g, '') === n);
  const c =
    named(want) ??
    (want === `${table.toLowerCase()}id` ? t.columns.find((x) => x.name === t.primaryKey) : undefined) ??
    named(`${want}idx`) ??
    named(`${want}id`) ??
    (want.endsWith('date') ? named(want.slice(0, -4)) : undefined);
  if (!c) throw fail(where, `${table} has no column '${name}' (it has: ${t.columns.map((x) => x.name).join(', ')})`);
  return c.name;
}

/** A restriction's values as an operator takes them: all of them for (not) in, none for is (not) null, else the first. */
function operandOf<T>(op: CrmOperator, values: T[]): T | T[] | '' | undefined {
  return op === 'in' || op === 'not in' ? values : op.startsWith('is') ? undefined : (values[0] ?? '');
}

/** The low and high ends of a `between` (one value: both ends). */
const bounds = <T>(values: T[]): [T | '', T | ''] => [values[0] ?? '', values[1] ?? values[0] ?? ''];

const within = (column: string, r: TimeRange): CrmCondition[] => [
  ...(r.from !== undefined ? [{ column, op: '>=' as const, value: r.from }] : []),
  ...(r.until !== undefined ? [{ column, op: '<' as const, value: r.until }] : []),
];

/** Whether a column has a value (`has`) or has none, by its type. */
function hasValue(table: string, column: string, has: boolean): CrmCondition[] {
  const type = typeOf(table, column);
  if (DATE_TYPES.has(type)) return [{ column, op: has ? 'is not null' : 'is null' }];
  const none = TEXT_TYPES.has(type) ? '' : 0;
  if (has) return [{ column, op: 'is not null' }, { column, op: '<>', value: none }];
  return [{ anyOf: [[{ column, op: 'is null' }], [{ column, op: '=', value: none }]] }];
}

/** `set` with a value asks for that truth: set false (or 0) is notSet. */
const truthOf = (values: string[]): boolean => !/^(0|false|no)$/i.test((values[0] ?? '').trim());

/** The conditions of a date operator on a DateTime column (null when the operator is not one). */
function dateConditions(table: string, column: string, opName: string, raw: string[]): CrmCondition[] | null {
  if (PERIODS.has(opName)) return within(column, periodRange(opName, db().now()));
  if (!DATE_TYPES.has(typeOf(table, column))) return null;
  const first = dayOf(raw[0] ?? '');
  if (opName === 'date') return first ? within(column, first) : null;
  if (opName === 'before' && first) return [{ column, op: '<', value: first.from! }];
  if (opName === 'after' && first) return [{ column, op: '>=', value: first.until! }];
  if (opName === 'between' || opName === 'datebetween') {
    const [lo, hi] = bounds(raw);
    const loDay = dayOf(lo);
    const hiDay = dayOf(hi);
    if (!loDay && !hiDay) return null;
    return [
      loDay ? { column, op: '>=', value: loDay.from! } : { column, op: '>=', value: valueFor(table, column, lo) },
      hiDay ? { column, op: '<', value: hiDay.until! } : { column, op: '<=', value: valueFor(table, column, hi) },
    ];
  }
  return null;
}

/** One restriction's conditions. */
function restrictionConditions(where: string, table: string, r: NSObject): CrmCondition[] {
  const name = String(r.f.Name ?? '');
  const opName = String(r.f.Operator ?? '=').toLowerCase().replace(/\s+/g, '');
  const raw = (Array.isArray(r.f.Values) ? r.f.Values : []).map(String);
  if (isUdefRestriction(name)) return udefRestriction(where, table, name, opName, raw, String(r.f.Operator));
  const column = columnOf(where, table, name);
  const dated = dateConditions(table, column, opName, raw);
  if (dated) return dated;
  const values = raw.map((v) => valueFor(table, column, v));
  if (opName === 'currentassociate') return [{ column, op: '=', value: db().actor().associateId }];
  if (opName === 'set' || opName === 'notset') return hasValue(table, column, (opName === 'set') === truthOf(raw));
  if (Object.hasOwn(NOT_LIKE, opName)) return [{ column, op: 'not like', value: NOT_LIKE[opName](values[0] ?? '') }];
  if (opName === 'between' || opName === 'datebetween') {
    const [lo, hi] = bounds(values);
    return [{ column, op: '>=', value: lo }, { column, op: '<=', value: hi }];
  }
  const op = Object.hasOwn(OPS, opName) ? OPS[opName] : undefined;
  if (!op) throw fail(where, `unknown restriction operator '${String(r.f.Operator)}' (use one of: ${[...Object.keys(OPS), ...Object.keys(NOT_LIKE), ...OTHER_OPS].join(', ')})`);
  return [{ column, op, value: operandOf(op, values) }];
}

/** A restriction on a user-defined field (udef-find.ts), its operator and values read as for a column. */
function udefRestriction(where: string, table: string, name: string, opName: string, values: string[], operator: string): CrmCondition[] {
  if (opName === 'between' || opName === 'datebetween') {
    const [lo, hi] = bounds(values);
    return [udefCondition(where, table, name, '>=', lo), udefCondition(where, table, name, '<=', hi)];
  }
  const op = opName === 'set' ? 'is not null' : opName === 'notset' ? 'is null' : Object.hasOwn(OPS, opName) ? OPS[opName] : undefined;
  if (!op || op === 'like' || op === 'not like') throw fail(where, `the operator '${operator}' does not apply to a user-defined field (use one of: =, <>, <, <=, >, >=, between, begins, contains, ends, oneOf, notOneOf, set, notSet)`);
  return [udefCondition(where, table, name, op, operandOf(op, values))];
}

const isAnyOf = (r: unknown): r is AnyOfRestrictions => typeof r === 'object' && r !== null && 'anyOf' in r;

/**
 * The conditions on `table` of restrictions: an array of them (all must hold; inactive ones and
 * getAllRows are left out) or the sets of a restriction string with 'or'.
 */
export function conditions(where: string, table: string, restrictions: unknown): CrmCondition[] {
  if (isAnyOf(restrictions)) return [{ anyOf: restrictions.anyOf.map((set) => conditions(where, table, set)) }];
  const out: CrmCondition[] = [];
  for (const r of Array.isArray(restrictions) ? restrictions : []) {
    if (!(r instanceof NSObject)) continue;
    const name = String(r.f.Name ?? '');
    if (!name || name.toLowerCase() === 'getallrows' || r.f.IsActive === false) continue;
    // getNoRows: no row at all (an empty set of alternatives never holds)
    if (name.toLowerCase() === 'getnorows') {
      if (truthOf((Array.isArray(r.f.Values) ? r.f.Values : []).map(String))) out.push({ anyOf: [] });
      continue;
    }
    out.push(...restrictionConditions(where, table, r));
  }
  return out;
}
