// SQLite's spelling of what SearchEngine and the row API need.
import type { SqlDialect } from '../driver.js';
import { createTableSql, q } from './ddl.js';

const FUNCS: Record<string, (x: string) => string> = {
  count: (x) => `count(${x})`,
  sum: (x) => `sum(${x})`,
  avg: (x) => `avg(${x})`,
  min: (x) => `min(${x})`,
  max: (x) => `max(${x})`,
  upper: (x) => `upper(${x})`,
  lower: (x) => `lower(${x})`,
  length: (x) => `length(${x})`,
  abs: (x) => `abs(${x})`,
  year: (x) => `CAST(strftime('%Y', ${x}) AS INTEGER)`,
  month: (x) => `CAST(strftime('%m', ${x}) AS INTEGER)`,
  day: (x) => `CAST(strftime('%d', ${x}) AS INTEGER)`,
  mday: (x) => `CAST(strftime('%d', ${x}) AS INTEGER)`,
  yday: (x) => `CAST(strftime('%j', ${x}) AS INTEGER)`,
  week: (x) => `CAST(strftime('%W', ${x}) AS INTEGER)`,
  hour: (x) => `CAST(strftime('%H', ${x}) AS INTEGER)`,
  minute: (x) => `CAST(strftime('%M', ${x}) AS INTEGER)`,
  second: (x) => `CAST(strftime('%S', ${x}) AS INTEGER)`,
  wday: (x) => `CAST(strftime('%w', ${x}) AS INTEGER)`,
  date: (x) => `date(${x})`,
  time: (x) => `time(${x})`,
  casttovarchar: (x) => `CAST(${x} AS TEXT)`,
};

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  quote: q,
  // a negative limit means none (SQLite: LIMIT -1)
  limit: (limit, offset) => ` LIMIT ${limit < 0 ? -1 : Math.floor(limit)}${offset ? ` OFFSET ${Math.max(0, Math.floor(offset))}` : ''}`,
  like: (expr, param, negate) => `${expr} ${negate ? 'NOT LIKE' : 'LIKE'} ${param} ESCAPE '\\'`,
  func: (name, expr) => FUNCS[name.toLowerCase()]?.(expr) ?? null,
  toText: (expr) => `CAST(${expr} AS TEXT)`,
  // the items as a JSON array (json_each gives them with their JSON types; text compared with a
  // number column gets the column's affinity, as with a placeholder per item)
  inList: (expr, param, negate) => `${expr} ${negate ? 'NOT IN' : 'IN'} (SELECT value FROM json_each(${param}))`,
  listParam: (items) => JSON.stringify(items),
  order: (expr, descending) => `${expr}${descending ? ' DESC' : ''}`,
  createTable: createTableSql,
};
