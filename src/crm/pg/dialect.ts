// PostgreSQL's spelling of what SearchEngine and the row API need, giving the same answers as the
// SQLite dialect: LIKE without regard to case, NULLs sorted first, dates taken from their text.
import type { SqlDialect } from '../driver.js';
import type { CrmValue } from '../../interp/runtime/crm-service.js';
import { pgCreateTableSql, pgQuote } from './ddl.js';

const ts = (x: string): string => `CAST(NULLIF(CAST(${x} AS text), '') AS timestamp)`;
const part = (field: string) => (x: string) => `CAST(EXTRACT(${field} FROM ${ts(x)}) AS integer)`;

const FUNCS: Record<string, (x: string) => string> = {
  count: (x) => `count(${x})`,
  sum: (x) => `sum(${x})`,
  avg: (x) => `avg(${x})`,
  min: (x) => `min(${x})`,
  max: (x) => `max(${x})`,
  upper: (x) => `upper(CAST(${x} AS text))`,
  lower: (x) => `lower(CAST(${x} AS text))`,
  length: (x) => `length(CAST(${x} AS text))`,
  abs: (x) => `abs(${x})`,
  year: part('YEAR'),
  month: part('MONTH'),
  day: part('DAY'),
  mday: part('DAY'),
  yday: part('DOY'),
  // SQLite's %W: weeks starting on Monday, week 1 beginning on the year's first Monday
  week: (x) => `CAST((EXTRACT(DOY FROM ${ts(x)}) + 6 - MOD(CAST(EXTRACT(DOW FROM ${ts(x)}) AS integer) + 6, 7)) / 7 AS integer)`,
  hour: part('HOUR'),
  minute: part('MINUTE'),
  second: (x) => `CAST(floor(EXTRACT(SECOND FROM ${ts(x)})) AS integer)`,
  wday: part('DOW'),
  date: (x) => `to_char(${ts(x)}, 'YYYY-MM-DD')`,
  time: (x) => `to_char(${ts(x)}, 'HH24:MI:SS')`,
  casttovarchar: (x) => `CAST(${x} AS text)`,
};

export const pgDialect: SqlDialect = {
  name: 'postgres',
  quote: pgQuote,
  limit: (limit, offset) => ` LIMIT ${limit < 0 ? 'ALL' : Math.floor(limit)}${offset ? ` OFFSET ${Math.max(0, Math.floor(offset))}` : ''}`,
  like: (expr, param, negate) => `CAST(${expr} AS text) ${negate ? 'NOT ILIKE' : 'ILIKE'} ${param} ESCAPE '\\'`,
  func: (name, expr) => FUNCS[name.toLowerCase()]?.(expr) ?? null,
  toText: (expr) => `CAST(${expr} AS text)`,
  // an array parameter, typed by the server after `expr` (node-postgres sends a JS array as one)
  inList: (expr, param, negate) => (negate ? `NOT (${expr} = ANY(${param}))` : `${expr} = ANY(${param})`),
  listParam: (items) => items as unknown as CrmValue,
  order: (expr, descending, notNull) => `${expr}${descending ? ' DESC' : ''}${notNull ? '' : descending ? ' NULLS LAST' : ' NULLS FIRST'}`,
  createTable: pgCreateTableSql,
};
