// GenericSearch: a simpler search over the same dot-syntax fields as SearchEngine; values are read
// with a field mask (1 id, 2 data value, 4 display value, 8 search value: all the same text here).
import type { NativeClass } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { crm } from './access.js';
import { CrmSearchEngine, countRows } from './searchengine.js';

export class CrmGenericSearch extends CrmSearchEngine {}

function run(self: CrmGenericSearch): void {
  self.result = crm().search(self.spec);
  self.row = 0;
}

function value(self: CrmGenericSearch, i: number): string {
  if (!self.result) throw new CrmError('GenericSearch.get: call execute() first');
  const row = self.result.rows[self.row];
  if (!row) return '';
  if (!(i >= 0 && i < row.length)) throw new CrmError(`GenericSearch.get: there is no field ${i} (the search has ${row.length})`);
  return row[i];
}

export const GenericSearchClass: NativeClass = {
  name: 'GenericSearch',
  defaultValue: () => new CrmGenericSearch(),
  ctors: { '()': () => new CrmGenericSearch() },
  methods: {
    'addField(String)': (self: CrmGenericSearch, path: string) => void self.spec.fields.push({ path }),
    'addField(String,Integer)': (self: CrmGenericSearch, path: string) => void self.spec.fields.push({ path }),
    'addCriteria(String,String,String,String,Integer)': (self: CrmGenericSearch, path: string, op: string, value: string, rowOp: string, priority: number) =>
      void self.spec.criteria.push({ path, op, value, rowOp, priority }),
    'addComparison(String,String,String,String,Integer)': (self: CrmGenericSearch, a: string, op: string, b: string, rowOp: string, priority: number) =>
      void self.spec.criteria.push({ path: a, op, path2: b, rowOp, priority }),
    'addOrder(String,Bool)': (self: CrmGenericSearch, path: string, ascending: boolean) => void self.spec.orders.push({ path, ascending }),
    'setLimit(Integer)': (self: CrmGenericSearch, n: number) => void (self.spec.limit = n > 0 ? n : 0),
    'setLanguage(Integer)': () => undefined,
    'execute()': (self: CrmGenericSearch) => run(self),
    'countRows()': countRows,
    'eof()': (self: CrmGenericSearch) => !self.result || self.row >= self.result.rows.length,
    'first()': (self: CrmGenericSearch) => {
      self.row = 0;
      return !!self.result?.rows.length;
    },
    'next()': (self: CrmGenericSearch) => {
      if (!self.result) return false;
      if (self.row < self.result.rows.length) self.row++;
      return self.row < self.result.rows.length;
    },
    'get(Integer,Integer)': (self: CrmGenericSearch, i: number) => value(self, i),
    'get(String,Integer)': (self: CrmGenericSearch, name: string) => {
      const i = self.spec.fields.findIndex((f) => f.path.toLowerCase() === name.trim().toLowerCase());
      if (i < 0) throw new CrmError(`GenericSearch.get: "${name}" is not a field of this search`);
      return value(self, i);
    },
  },
};
