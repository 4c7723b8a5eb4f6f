// SearchEngine: builds a query from dot-syntax fields, criteria, orders and data, and runs it on
// the run's CRM database (rt.crm compiles it to one parameterised statement). After execute() /
// select() the result is walked with a cursor (eof/next/first/getField).
import type { NativeClass } from '../registry.js';
import type { SearchResult, SearchSpec } from '../../runtime/crm-service.js';
import { CrmError } from '../../runtime/values.js';
import { crm } from './access.js';
import { jsonQuote, type CrmJSONBuilder } from '../jsonbuilder.js';
import type { CrmStringMatrix } from '../stringmatrix.js';

export class CrmSearchEngine {
  spec: SearchSpec = { fields: [], criteria: [], having: [], joinCriteria: [], orders: [], data: [] };
  result: SearchResult | null = null;
  row = 0;
}

function run(self: CrmSearchEngine): SearchResult {
  self.result = crm().search(self.spec);
  self.row = 0;
  return self.result;
}

function current(self: CrmSearchEngine, what: string): string[] | null {
  if (!self.result) throw new CrmError(`SearchEngine.${what}: call execute() or select() first`);
  return self.result.rows[self.row] ?? null;
}

function fieldIndex(self: CrmSearchEngine, name: string, func?: string): number {
  const n = name.trim().toLowerCase();
  const i = self.spec.fields.findIndex((f) => f.path.trim().toLowerCase() === n && (func === undefined || (f.func ?? '').toLowerCase().replace(/^func/, '') === func.toLowerCase().replace(/^func/, '')));
  if (i < 0) throw new CrmError(`SearchEngine.getField: "${name}" is not a field of this query (fields: ${self.spec.fields.map((f) => f.path).join(', ') || 'none'})`);
  return i;
}

function getField(self: CrmSearchEngine, i: number): string {
  const row = current(self, 'getField');
  if (!row) return '';
  if (!(i >= 0 && i < row.length)) throw new CrmError(`SearchEngine.getField: there is no field ${i} (the query has ${row.length})`);
  return row[i];
}

/** The rows of the result set: those execute() gave, or before it those it would give (its limit applied). */
export function countRows(self: CrmSearchEngine): number {
  if (self.result) return self.result.rows.length;
  const n = crm().searchCount(self.spec);
  return self.spec.limit ? Math.min(n, self.spec.limit) : n;
}

export function textTable(r: SearchResult): string {
  const widths = r.columns.map((c, i) => Math.max(c.length, ...r.rows.map((row) => row[i].length)));
  const header = ' ' + r.columns.map((c, i) => (i < r.columns.length - 1 ? c.padEnd(widths[i]) : c)).join('|');
  const rule = '- '.repeat(Math.ceil(header.length / 2)).trimEnd();
  const lines = [rule, header, rule, ...r.rows.map((row) => ' ' + row.map((v, i) => v.padEnd(widths[i] + 1)).join(''))];
  return lines.join('\n') + '\n';
}

const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function htmlTable(r: SearchResult): string {
  return (
    "<table border='1' style='border-collapse: collapse'>" +
    `<tr>${r.columns.map((c) => `<th>${html(c)}</th>`).join('')}</tr>` +
    r.rows.map((row) => `<tr>${row.map((v) => `<td>${html(v)}</td>`).join('')}</tr>`).join('') +
    '</table>'
  );
}

const rowJson = (columns: string[], row: string[]): string => `{${columns.map((c, i) => `${jsonQuote(c)}:${jsonQuote(row[i])}`).join(',')}}`;

function toJsonBuilder(self: CrmSearchEngine, jb: CrmJSONBuilder, fields: string, arrayName: string): void {
  const r = run(self);
  const spec = fields
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s);
  const labels = r.columns.map((c, i) => {
    const [label, type] = (spec[i] ?? '').split(':').map((s) => s.trim());
    return { label: label || c, type: (type || 'String').toLowerCase() };
  });
  jb.pushArray(arrayName);
  for (const row of r.rows) {
    jb.pushObject('');
    labels.forEach((l, i) => {
      const v = row[i];
      if (l.type === 'integer') jb.addInteger(l.label, Math.trunc(Number(v) || 0));
      else if (l.type === 'float') jb.addFloat(l.label, Number(v) || 0);
      else if (l.type === 'bool') jb.addBoolean(l.label, v !== '' && v !== '0' && v.toLowerCase() !== 'false');
      else jb.addString(l.label, v);
    });
    jb.popLevel();
  }
  jb.popLevel();
}

const crit = (self: CrmSearchEngine, list: 'criteria' | 'having', path: string, func: string | undefined, op: string, value: string, rowOp?: string, priority?: number): void => {
  self.spec[list].push({ path, func: func || undefined, op, value, rowOp, priority });
};

/** Lists the fields a path or table leads to: 'ticket.cust_id' → 'ticket.cust_id.firstname', ... */
function alternativeFields(start: string): string[] {
  const c = crm();
  const parts = start.split('.');
  let table = c.table(parts[0]);
  for (const p of parts.slice(1)) {
    const col = table?.columns.find((x) => x.name.toLowerCase() === p.toLowerCase());
    table = col?.references ? c.table(col.references) : null;
  }
  if (!table) throw new CrmError(`SearchEngine.findAlternativeFields: "${start}" does not lead to a table`);
  return table.columns.map((x) => `${start}.${x.name}`);
}

function relations(tableName: string, reverse: boolean): string[] {
  const t = crm().table(tableName);
  if (!t) throw new CrmError(`SearchEngine.findRelations: unknown table "${tableName}"`);
  const out = t.columns.filter((x) => x.references).map((x) => `${t.name}.${x.name}`);
  if (reverse) out.push(...t.referencedBy.map((r) => `${t.name}.(${r.table}->${r.column})`));
  return out;
}

export const SearchEngineClass: NativeClass = {
  name: 'SearchEngine',
  // SuperOffice's own query examples give the row operator without a priority
  extraSignatures: ['Void addCriteria(String field, String compOperator, String value, String rowOperator)'],
  defaultValue: () => new CrmSearchEngine(),
  ctors: { '()': () => new CrmSearchEngine() },
  methods: {
    'addField(String)': (self: CrmSearchEngine, path: string) => void self.spec.fields.push({ path }),
    'addField(String,String)': (self: CrmSearchEngine, path: string, func: string) => void self.spec.fields.push({ path, func: func || undefined }),
    'addFields(String,String)': (self: CrmSearchEngine, table: string, fields: string) => {
      for (const f of fields.split(',').map((s) => s.trim()).filter((s) => s)) self.spec.fields.push({ path: `${table}.${f}` });
    },
    'addCriteria(String,String,String)': (self: CrmSearchEngine, path: string, op: string, value: string) => crit(self, 'criteria', path, undefined, op, value),
    'addCriteria(String,String,String,String)': (self: CrmSearchEngine, path: string, op: string, value: string, rowOp: string) => crit(self, 'criteria', path, undefined, op, value, rowOp),
    'addCriteria(String,String,String,String,Integer)': (self: CrmSearchEngine, path: string, op: string, value: string, rowOp: string, priority: number) =>
      crit(self, 'criteria', path, undefined, op, value, rowOp, priority),
    'addCriteria(String,String,String,String,String,Integer)': (self: CrmSearchEngine, path: string, func: string, op: string, value: string, rowOp: string, priority: number) =>
      crit(self, 'criteria', path, func, op, value, rowOp, priority),
    'addComparison(String,String,String,String,Integer)': (self: CrmSearchEngine, a: string, op: string, b: string, rowOp: string, priority: number) =>
      void self.spec.criteria.push({ path: a, op, path2: b, rowOp, priority }),
    'addComparison(String,String,String,String,String,String,Integer)': (self: CrmSearchEngine, a: string, fa: string, op: string, b: string, fb: string, rowOp: string, priority: number) =>
      void self.spec.criteria.push({ path: a, func: fa || undefined, op, path2: b, func2: fb || undefined, rowOp, priority }),
    'addHaving(String,String,String,String,Integer)': (self: CrmSearchEngine, path: string, op: string, value: string, rowOp: string, priority: number) =>
      crit(self, 'having', path, undefined, op, value, rowOp, priority),
    'addHaving(String,String,String,String,String,Integer)': (self: CrmSearchEngine, path: string, func: string, op: string, value: string, rowOp: string, priority: number) =>
      crit(self, 'having', path, func, op, value, rowOp, priority),
    'addJoinCriteria(String,String,String,String,Integer)': (self: CrmSearchEngine, path: string, op: string, value: string, rowOp: string, priority: number) =>
      void self.spec.joinCriteria.push({ path, op, value, rowOp, priority }),
    'addOrder(String,Bool)': (self: CrmSearchEngine, path: string, ascending: boolean) => void self.spec.orders.push({ path, ascending }),
    'addOrder(String,String,Bool)': (self: CrmSearchEngine, path: string, func: string, ascending: boolean) => void self.spec.orders.push({ path, func: func || undefined, ascending }),
    'addData(String,String)': (self: CrmSearchEngine, path: string, value: string) => void self.spec.data.push({ path, value }),
    'addDataField(String,String)': (self: CrmSearchEngine, path: string, path2: string) => void self.spec.data.push({ path, path2 }),
    'addDataField(String,String,String)': (self: CrmSearchEngine, path: string, path2: string, func: string) => void self.spec.data.push({ path, path2, func: func || undefined }),
    'setLimit(Integer)': (self: CrmSearchEngine, n: number) => void (self.spec.limit = n > 0 ? n : 0),
    'setDBDistinct(Bool)': (self: CrmSearchEngine, on: boolean) => void (self.spec.distinct = on),
    'setDistinct(String)': (self: CrmSearchEngine, path: string) => void (self.spec.distinctField = path || undefined),
    'setGroup(Bool)': (self: CrmSearchEngine, on: boolean) => void (self.spec.group = on),
    // no NetServer and no web grid here: every query goes to the database, values are shown as they are
    'bypassNetServer(Bool)': () => undefined,
    'setCallBack(String)': () => undefined,
    'buildSql()': (self: CrmSearchEngine) => crm().searchSql(self.spec, 'select'),
    'buildSql(String)': (self: CrmSearchEngine, kind: string) => {
      const k = kind.trim().toLowerCase();
      if (k !== 'select' && k !== 'insert' && k !== 'update' && k !== 'delete') throw new CrmError(`SearchEngine.buildSql: "${kind}" is not select, insert, update or delete`);
      return crm().searchSql(self.spec, k);
    },
    'countColumns()': (self: CrmSearchEngine) => self.spec.fields.length,
    'countRows()': countRows,
    'execute()': (self: CrmSearchEngine) => run(self).rows.length,
    'select()': (self: CrmSearchEngine) => run(self).rows.length,
    'eof()': (self: CrmSearchEngine) => !self.result || self.row >= self.result.rows.length,
    'first()': (self: CrmSearchEngine) => {
      self.row = 0;
      return !!self.result && self.result.rows.length > 0;
    },
    'next()': (self: CrmSearchEngine) => {
      if (!self.result) return false;
      if (self.row < self.result.rows.length) self.row++;
      return self.row < self.result.rows.length;
    },
    'getField(Integer)': (self: CrmSearchEngine, i: number) => getField(self, i),
    'getField(String)': (self: CrmSearchEngine, name: string) => getField(self, fieldIndex(self, name)),
    'getField(String,String)': (self: CrmSearchEngine, name: string, func: string) => getField(self, fieldIndex(self, name, func)),
    'getFieldsJSON()': (self: CrmSearchEngine) => {
      const row = current(self, 'getFieldsJSON');
      return row ? rowJson(self.result!.columns, row) : '{}';
    },
    'executeTextTable()': (self: CrmSearchEngine) => textTable(run(self)),
    'executeHTMLTable()': (self: CrmSearchEngine) => htmlTable(run(self)),
    'executeJSON()': (self: CrmSearchEngine) => {
      const r = run(self);
      return `[${r.rows.map((row) => rowJson(r.columns, row)).join(',')}]`;
    },
    'executeToJSONBuilder(JSONBuilder,String,String)': toJsonBuilder,
    'executeInto(StringMatrix)': (self: CrmSearchEngine, m: CrmStringMatrix) => {
      m.rows = run(self).rows.map((r) => [...r]);
    },
    'insert()': (self: CrmSearchEngine) => crm().searchWrite(self.spec, 'insert'),
    'update()': (self: CrmSearchEngine) => void crm().searchWrite(self.spec, 'update'),
    'delete()': (self: CrmSearchEngine) => void crm().searchWrite(self.spec, 'delete'),
    'findAlternativeFields(String)': (_self: CrmSearchEngine, start: string) => alternativeFields(start),
    'findRelations(String,Bool)': (_self: CrmSearchEngine, table: string, reverse: boolean) => relations(table, reverse),
  },
};

