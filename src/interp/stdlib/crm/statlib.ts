// StatLib: statistics over the rows of a query — a SearchEngine or GenericSearch (run when
// execute is called), a StringMatrix's rows, or SQL text on the sandbox CRM database (setSql).
// Columns are numbered from 0 in the order of the query's fields. addGroup groups the rows by a
// column (groups nest in the order added; the rows are sorted by the grouping columns, each
// ascending or descending, as text or as numbers, unless dropOrder keeps the query's order, a
// group then being a run of equal values). addAggregate computes Count, Sum, Avg, Min or Max of a
// column for each group of a grouping column (or, with a column that is no grouping column such
// as -1, over all rows), rounded to the given decimals; with a unique column only the first row of
// each of its values counts. addCallback replaces a column's value in each row by a Parser snippet
// evaluated with the variables value (the cell) and col<i> (the row's cells), once the groups and
// aggregates are made from the query's values. execute fills a
// StatResult (statresult.ts) or a Parser (statParser's variables, prefixed by setName's name).
import type { NativeClass } from '../registry.js';
import type { CrmValue } from '../../runtime/crm-service.js';
import { CrmError } from '../../runtime/values.js';
import { charge } from '../../runtime/memory.js';
import { CrmParser } from '../parser/parser.js';
import { parseTemplate } from '../parser/template.js';
import type { CrmStringMatrix } from '../stringmatrix.js';
import type { CrmSearchEngine } from './searchengine.js';
import { crm } from './access.js';
import { CrmStatResult, statParser, type StatData } from './statresult.js';

type Source = { kind: 'search'; se: CrmSearchEngine } | { kind: 'matrix'; m: CrmStringMatrix } | { kind: 'sql'; sql: string };
const FUNCS = ['count', 'sum', 'avg', 'min', 'max'] as const;
type Func = (typeof FUNCS)[number];

export class CrmStatLib {
  source: Source | null = null;
  name = '';
  groups: { column: number; desc: boolean; numeric: boolean }[] = [];
  aggregates: { group: number; column: number; name: string; func: Func; decimals: number; unique: number }[] = [];
  callbacks: { column: number; script: string }[] = [];
  ordered = true;
}

const cell = (v: CrmValue): string => (v === null || v === undefined ? '' : String(v));

function query(self: CrmStatLib): { columns: string[]; rows: string[][] } {
  const s = self.source;
  if (!s) throw new CrmError('StatLib.execute: no query yet (setSearchEngine, setGenericSearch, setStringMatrix or setSql first)');
  if (s.kind === 'search') {
    const r = crm().search(s.se.spec);
    return { columns: s.se.spec.fields.map((f) => f.path), rows: r.rows.map((row) => [...row]) };
  }
  if (s.kind === 'matrix') {
    const width = Math.max(0, ...s.m.rows.map((r) => r.length));
    return { columns: Array.from({ length: width }, () => ''), rows: s.m.rows.map((r) => Array.from({ length: width }, (_x, i) => r[i] ?? '')) };
  }
  const r = crm().query(s.sql);
  return { columns: r.columns, rows: r.rows.map((row) => row.map(cell)) };
}

function checkColumn(what: string, column: number, width: number): void {
  if (!(column >= 0 && column < width)) throw new CrmError(`StatLib.execute: ${what} column ${column} is not a column of the query (it has ${width}: 0 to ${width - 1})`);
}

const num = (s: string): number => Number(s.trim().replace(',', '.'));

function compare(a: string, b: string, numeric: boolean): number {
  if (numeric) {
    const x = num(a || '0');
    const y = num(b || '0');
    if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function aggregate(func: Func, values: string[], decimals: number, name: string): string {
  if (func === 'count') return String(values.length);
  const numbers = values.filter((v) => v.trim() !== '').map(num);
  if (numbers.some((n) => !Number.isFinite(n))) throw new CrmError(`StatLib.execute: aggregate "${name}" (${func}) needs numbers, and its column holds "${values.find((v) => !Number.isFinite(num(v)) && v.trim() !== '')}"`);
  let v: number;
  if (func === 'sum') v = numbers.reduce((a, b) => a + b, 0);
  else if (!numbers.length) return '';
  else if (func === 'avg') v = numbers.reduce((a, b) => a + b, 0) / numbers.length;
  else v = func === 'min' ? Math.min(...numbers) : Math.max(...numbers);
  return v.toFixed(Math.min(Math.max(decimals, 0), 20));
}

/** Runs the query and computes the groups and aggregates. */
function compute(self: CrmStatLib): StatData {
  const { columns, rows } = query(self);
  const width = columns.length;
  for (const g of self.groups) checkColumn('grouping', g.column, width);
  for (const cb of self.callbacks) checkColumn('callback', cb.column, width);
  for (const a of self.aggregates) {
    checkColumn(`aggregate "${a.name}"'s`, a.column, width);
    if (a.unique >= 0) checkColumn(`aggregate "${a.name}"'s unique`, a.unique, width);
  }
  charge(rows.reduce((n, r) => n + r.reduce((m, c) => m + 2 * c.length + 16, 0), 0));
  if (self.ordered && self.groups.length) {
    rows.sort((a, b) => {
      for (const g of self.groups) {
        const c = compare(a[g.column], b[g.column], g.numeric);
        if (c) return g.desc ? -c : c;
      }
      return 0;
    });
  }
  const begins = new Map<number, boolean[]>();
  const ends = new Map<number, boolean[]>();
  const same = (a: string[] | undefined, b: string[] | undefined, level: number): boolean => !!a && !!b && self.groups.slice(0, level + 1).every((g) => a[g.column] === b[g.column]);
  self.groups.forEach((g, level) => {
    begins.set(g.column, rows.map((r, i) => !same(rows[i - 1], r, level)));
    ends.set(g.column, rows.map((r, i) => !same(r, rows[i + 1], level)));
  });
  const aggregates = self.aggregates.map((a) => {
    const starts = begins.get(a.group) ?? rows.map((_r, i) => i === 0);
    const perRow: string[] = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; ) {
      let j = i + 1;
      while (j < rows.length && !starts[j]) j++;
      const seen = new Set<string>();
      const members = rows.slice(i, j).filter((r) => a.unique < 0 || (!seen.has(r[a.unique]) && !!seen.add(r[a.unique])));
      perRow.fill(aggregate(a.func, members.map((r) => r[a.column]), a.decimals, a.name), i, j);
      i = j;
    }
    return { name: a.name, group: a.group, perRow: rows.length ? perRow : [aggregate(a.func, [], a.decimals, a.name)] };
  });
  // callbacks change what the rows show, after the grouping and the aggregates used their values
  const shown = rows.map((raw) => {
    const row = [...raw];
    for (const cb of self.callbacks) {
      const vars = new CrmParser();
      vars.set('value', row[cb.column]);
      raw.forEach((c, i) => vars.set(`col${i}`, c));
      row[cb.column] = parseTemplate(cb.script, vars, 'StatLib.addCallback');
    }
    return row;
  });
  return { name: self.name, columns, rows: shown, groups: self.groups.map((g) => g.column), begins, ends, aggregates };
}

function addAggregate(self: CrmStatLib, group: number, column: number, name: string, type: string, decimals: number, unique: number): void {
  const func = type.trim().toLowerCase() as Func;
  if (!FUNCS.includes(func)) throw new CrmError(`StatLib.addAggregate: "${type}" is not an aggregate function (Count, Sum, Avg, Min or Max)`);
  if (!name.trim()) throw new CrmError('StatLib.addAggregate: give the aggregate a name (what StatResult.getField and the Parser know it by)');
  self.aggregates.push({ group, column, name: name.trim(), func, decimals, unique });
}

function addGroup(self: CrmStatLib, column: number, desc: boolean, numeric: boolean): void {
  if (self.groups.some((g) => g.column === column)) throw new CrmError(`StatLib.addGroup: column ${column} already groups the rows`);
  self.groups.push({ column, desc, numeric });
}

export const StatLibClass: NativeClass = {
  name: 'StatLib',
  defaultValue: () => new CrmStatLib(),
  ctors: { '()': () => new CrmStatLib() },
  methods: {
    'addAggregate(Integer,Integer,String,String,Integer)': (self: CrmStatLib, group: number, column: number, name: string, type: string, decimals: number) =>
      addAggregate(self, group, column, name, type, decimals, -1),
    'addAggregate(Integer,Integer,String,String,Integer,Integer)': (self: CrmStatLib, group: number, column: number, name: string, type: string, decimals: number, unique: number) =>
      addAggregate(self, group, column, name, type, decimals, unique),
    'addCallback(Integer,String)': (self: CrmStatLib, column: number, script: string) => void self.callbacks.push({ column, script }),
    'addGroup(Integer,Bool)': (self: CrmStatLib, column: number, desc: boolean) => addGroup(self, column, desc, false),
    'addGroup(Integer,Bool,Bool)': (self: CrmStatLib, column: number, desc: boolean, numeric: boolean) => addGroup(self, column, desc, numeric),
    'dropOrder()': (self: CrmStatLib) => void (self.ordered = false),
    'execute(Parser)': (self: CrmStatLib, parser: CrmParser) => statParser(compute(self), parser),
    'execute(StatResult)': (self: CrmStatLib, result: CrmStatResult) => {
      result.data = compute(self);
      result.at = 0;
    },
    'setGenericSearch(GenericSearch)': (self: CrmStatLib, se: CrmSearchEngine) => void (self.source = { kind: 'search', se }),
    'setSearchEngine(SearchEngine)': (self: CrmStatLib, se: CrmSearchEngine) => void (self.source = { kind: 'search', se }),
    'setStringMatrix(StringMatrix)': (self: CrmStatLib, m: CrmStringMatrix) => void (self.source = { kind: 'matrix', m }),
    'setSql(String)': (self: CrmStatLib, sql: string) => void (self.source = { kind: 'sql', sql }),
    'setName(String)': (self: CrmStatLib, name: string) => void (self.name = name.trim()),
  },
};
