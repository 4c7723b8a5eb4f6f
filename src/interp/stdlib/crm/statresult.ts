// StatResult: the rows a StatLib execution gave (statlib.ts), walked with rewind / next / eof.
// getField(Integer) is a column of the current row, getField(String) an aggregate's value for the
// group the row is in (or a column by its field name); atGroupBegin / atGroupEnd tell whether the
// row is the first / last of its group for a grouping column. dumpParser lists the Parser
// variables the same execution writes into a Parser (statParser). The sandbox keeps no saved
// result sets, so saveAsResult fails saying so.
import type { NativeClass } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { CrmParser } from '../parser/parser.js';

/** What an execution computed. */
export interface StatData {
  /** The name (setName) that prefixes the Parser variables. */
  name: string;
  /** Field names of the query (SearchEngine / GenericSearch paths); '' where unknown. */
  columns: string[];
  rows: string[][];
  /** The grouping columns, outermost first. */
  groups: number[];
  /** For each grouping column, per row: whether the row begins / ends its group. */
  begins: Map<number, boolean[]>;
  ends: Map<number, boolean[]>;
  /** Aggregates in the order added: per row, the value of the row's group (or of every row). */
  aggregates: { name: string; group: number; perRow: string[] }[];
}

export class CrmStatResult {
  data: StatData | null = null;
  at = 0;
}

function data(self: CrmStatResult, method: string): StatData {
  if (!self.data) throw new CrmError(`StatResult.${method}: nothing to read yet (pass the StatResult to StatLib.execute first)`);
  return self.data;
}

function groupFlags(self: CrmStatResult, method: string, column: number, which: 'begins' | 'ends'): boolean {
  const d = data(self, method);
  const flags = d[which].get(column);
  if (!flags) throw new CrmError(`StatResult.${method}: column ${column} is not a grouping column (the groups are ${d.groups.length ? d.groups.join(', ') : 'none: StatLib.addGroup adds them'})`);
  return flags[self.at] ?? false;
}

function field(self: CrmStatResult, key: number | string): string {
  const d = data(self, 'getField');
  const row = d.rows[self.at];
  if (typeof key === 'number') {
    if (!(key >= 0 && key < d.columns.length)) throw new CrmError(`StatResult.getField: there is no column ${key} (the result has ${d.columns.length})`);
    return row?.[key] ?? '';
  }
  const name = key.trim().toLowerCase();
  const agg = d.aggregates.find((a) => a.name.toLowerCase() === name);
  if (agg) return agg.perRow[self.at] ?? '';
  const col = d.columns.findIndex((c) => c.toLowerCase() === name);
  if (col >= 0) return row?.[col] ?? '';
  throw new CrmError(`StatResult.getField: "${key}" is neither an aggregate (${d.aggregates.map((a) => a.name).join(', ') || 'none'}) nor a field of the query`);
}

/**
 * The Parser variables of an execution, prefixed by its name and a dot when it has one:
 * rows (how many), col<i> (one value per row, for each column), group<i> (each group's value of
 * grouping column i, one per group) and each aggregate by its name (one value per group of its
 * grouping column, or one for the whole result).
 */
export function statParser(d: StatData, into: CrmParser): void {
  const p = d.name ? `${d.name}.` : '';
  into.set(`${p}rows`, String(d.rows.length));
  d.columns.forEach((_c, i) => {
    const name = `${p}col${i}`;
    d.rows.forEach((r, n) => (n === 0 ? into.set(name, r[i] ?? '') : into.add(name, r[i] ?? '')));
  });
  const firstRows = (group: number): number[] => {
    const begins = d.begins.get(group);
    return begins ? d.rows.map((_r, n) => n).filter((n) => begins[n]) : d.rows.length ? [0] : [];
  };
  for (const g of d.groups) {
    firstRows(g).forEach((n, k) => (k === 0 ? into.set(`${p}group${g}`, d.rows[n][g] ?? '') : into.add(`${p}group${g}`, d.rows[n][g] ?? '')));
  }
  for (const a of d.aggregates) {
    const at = firstRows(a.group);
    if (!at.length) into.set(`${p}${a.name}`, a.perRow[0] ?? '');
    at.forEach((n, k) => (k === 0 ? into.set(`${p}${a.name}`, a.perRow[n]) : into.add(`${p}${a.name}`, a.perRow[n])));
  }
}

function dump(self: CrmStatResult): string {
  const parser = new CrmParser();
  statParser(data(self, 'dumpParser'), parser);
  return parser
    .entries()
    .flatMap(([name, values]) => (values.length === 1 ? [`${name} = ${values[0]}`] : values.map((v, i) => `${name}[${i}] = ${v}`)))
    .join('\n');
}

export const StatResultClass: NativeClass = {
  name: 'StatResult',
  defaultValue: () => new CrmStatResult(),
  ctors: { '()': () => new CrmStatResult() },
  methods: {
    'atGroupBegin(Integer)': (self: CrmStatResult, column: number) => groupFlags(self, 'atGroupBegin', column, 'begins'),
    'atGroupEnd(Integer)': (self: CrmStatResult, column: number) => groupFlags(self, 'atGroupEnd', column, 'ends'),
    'dumpParser()': (self: CrmStatResult) => dump(self),
    'eof()': (self: CrmStatResult) => !self.data || self.at >= self.data.rows.length,
    'getField(Integer)': (self: CrmStatResult, column: number) => field(self, column),
    'getField(String)': (self: CrmStatResult, name: string) => field(self, name),
    // the reference: next() returns eof() after the move
    'next()': (self: CrmStatResult) => {
      const n = data(self, 'next').rows.length;
      if (self.at < n) self.at++;
      return self.at >= n;
    },
    'rewind()': (self: CrmStatResult) => {
      self.at = 0;
    },
    'saveAsResult(Integer,Integer,Integer)': () => {
      throw new CrmError('StatResult.saveAsResult is not available: the sandbox CRM keeps no saved result sets for the request list to show');
    },
  },
};
