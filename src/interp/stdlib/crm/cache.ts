// Cache: the rows of one of the CRM's tables, held by the script and walked with first / next /
// eof / getRow (a Map of column name to value); sort orders them by a column. getData loads every
// row of a table, getDataSubset those whose field has the given value (compared as text). Both
// return the rows as JSON (an array of objects, every value a string, as SearchEngine.executeJSON
// gives them) and leave the iterator on the first row. Tables are SuperOffice's (or the sandbox's
// extra tables); a table of more than MAX_ROWS rows is refused, as a cache is for small ones.
import type { NativeClass } from '../registry.js';
import type { CrmRow } from '../../runtime/crm-service.js';
import { CrmError } from '../../runtime/values.js';
import { jsonQuote } from '../jsonbuilder.js';
import { charge } from '../../runtime/memory.js';
import { mapOf } from '../map.js';
import { crm, text } from './access.js';

const MAX_ROWS = 10000;

export class CrmCache {
  columns: string[] = [];
  rows: string[][] = [];
  at = 0;
}

function load(self: CrmCache, method: string, table: string, field?: string, value?: string): string {
  const c = crm();
  const t = c.table(table.trim());
  if (!t) throw new CrmError(`Cache.${method}: the sandbox CRM has no table "${table}"`);
  const column = field === undefined ? undefined : t.columns.find((x) => x.name.toLowerCase() === field.trim().toLowerCase())?.name;
  if (field !== undefined && !column) throw new CrmError(`Cache.${method}: table ${t.name} has no field "${field}"`);
  const n = c.count(t.name);
  if (n > MAX_ROWS) throw new CrmError(`Cache.${method}: table ${t.name} has ${n} rows; a cache holds at most ${MAX_ROWS}`);
  const all = c.select(t.name, { orderBy: [{ column: t.primaryKey }] });
  const rows = column ? all.filter((r: CrmRow) => text(r[column]) === (value ?? '')) : all;
  self.columns = t.columns.map((x) => x.name);
  self.rows = rows.map((r) => self.columns.map((col) => text(r[col])));
  self.at = 0;
  const json = `[${self.rows.map((r) => `{${self.columns.map((col, i) => `${jsonQuote(col)}:${jsonQuote(r[i])}`).join(',')}}`).join(',')}]`;
  charge(4 * json.length);
  return json;
}

function sort(self: CrmCache, field: string, descending: boolean): void {
  const i = self.columns.findIndex((c) => c.toLowerCase() === field.trim().toLowerCase());
  if (i < 0) throw new CrmError(`Cache.sort: ${self.columns.length ? `the cached rows have no field "${field}"` : 'nothing is cached yet (call getData or getDataSubset first)'}`);
  const numeric = self.rows.every((r) => r[i] === '' || Number.isFinite(Number(r[i])));
  const cmp = (a: string[], b: string[]): number => (numeric ? Number(a[i] || 0) - Number(b[i] || 0) : a[i].localeCompare(b[i]));
  self.rows.sort((a, b) => (descending ? cmp(b, a) : cmp(a, b)));
  self.at = 0;
}

function row(self: CrmCache): unknown {
  const cells = self.rows[self.at];
  if (!cells) throw new CrmError('Cache.getRow: there is no current row (eof)');
  return mapOf(self.columns.map((c, i): [string, string] => [c, cells[i]]));
}

export const CacheClass: NativeClass = {
  name: 'Cache',
  defaultValue: () => new CrmCache(),
  ctors: { '()': () => new CrmCache() },
  methods: {
    'getData(String)': (self: CrmCache, table: string) => load(self, 'getData', table),
    'getDataSubset(String,String,String)': (self: CrmCache, table: string, field: string, value: string) => load(self, 'getDataSubset', table, field, value),
    'first()': (self: CrmCache) => {
      self.at = 0;
      return self.rows.length > 0;
    },
    'next()': (self: CrmCache) => {
      if (self.at < self.rows.length) self.at++;
      return self.at < self.rows.length;
    },
    'eof()': (self: CrmCache) => self.at >= self.rows.length,
    'getRow()': (self: CrmCache) => row(self),
    'sort(String,Bool)': (self: CrmCache, field: string, descending: boolean) => sort(self, field, descending),
  },
};
