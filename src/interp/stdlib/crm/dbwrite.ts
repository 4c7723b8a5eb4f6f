// DBWrite (obsolete in the reference, in favour of SearchEngine, but older scripts use it): the
// columns of one row of one table, written with insert() (returns the new id), update() and
// delete() of the row addWhereId names. Column names are the table's own; values are converted
// to the column's storage as setValue does (Strings), or stored as given (Integer, Date, Time,
// DateTime). The columns stay set after a write, so one DBWrite can write several rows alike.
import type { NativeClass } from '../registry.js';
import type { CrmValue } from '../../runtime/crm-service.js';
import { CrmError } from '../../runtime/values.js';
import { formatDate, formatDateTime, formatTime } from '../time/format.js';
import type { CrmDate, CrmDateTime, CrmTime } from '../time/values.js';
import { crm } from './access.js';
import { CrmEntity } from './entity.js';

export class CrmDbWrite {
  row: CrmEntity | null = null;
  whereId = 0;
  /** Columns set, in the order given (a later value of a column replaces the earlier one). */
  values = new Map<string, string | number | null>();

  entity(method: string): CrmEntity {
    if (!this.row) throw new CrmError(`DBWrite.${method}: name the table first (addTable)`);
    return this.row;
  }

  add(method: string, name: string, value: string | number | null): void {
    const e = this.entity(method);
    const column = e.column(name);
    if (!column || column === e.table().primaryKey) throw e.unknown(method, name);
    this.values.set(column, value);
  }

  /** A fresh row of the table with the columns set. */
  fill(method: string, id: number): CrmEntity {
    const e = new CrmEntity(this.entity(method).def);
    e.id = id;
    for (const [c, v] of this.values) e.setColumn(c, v);
    return e;
  }

  target(method: string): number {
    if (this.whereId <= 0) throw new CrmError(`DBWrite.${method}: name the row first (addWhereId)`);
    const table = this.entity(method).def.table;
    if (!crm().get(table, this.whereId)) throw new CrmError(`DBWrite.${method}: ${table} has no row ${this.whereId}`);
    return this.whereId;
  }
}

const put = (method: string, convert: (v: never) => CrmValue) => (self: CrmDbWrite, name: string, value: never) => self.add(method, name, convert(value));
const asText = (v: string): string => v;
const nullable = (s: string): string | null => (s === '' ? null : s);

export const DBWriteClass: NativeClass = {
  name: 'DBWrite',
  defaultValue: () => new CrmDbWrite(),
  ctors: { '()': () => new CrmDbWrite() },
  methods: {
    'addTable(String)': (self: CrmDbWrite, table: string) => {
      const t = crm().table(table);
      if (!t) throw new CrmError(`DBWrite.addTable: unknown table "${table}"`);
      self.row = new CrmEntity({ cls: 'DBWrite', table: t.name });
      self.values.clear();
    },
    'addString(String,String)': put('addString', asText),
    'addClob(String,String)': put('addClob', asText),
    'addInteger(String,Integer)': put('addInteger', (v: number) => v),
    'addInteger(String,String)': put('addInteger', asText),
    'addDate(String,Date)': put('addDate', (v: CrmDate) => nullable(formatDate(v) && `${formatDate(v)} 00:00:00`)),
    'addDate(String,String)': put('addDate', asText),
    'addDateTime(String,DateTime)': put('addDateTime', (v: CrmDateTime) => nullable(formatDateTime(v))),
    'addDateTime(String,String)': put('addDateTime', asText),
    'addTime(String,Time)': put('addTime', (v: CrmTime) => nullable(formatTime(v))),
    'addTime(String,String)': put('addTime', asText),
    'addWhereId(Integer)': (self: CrmDbWrite, id: number) => {
      self.whereId = id;
    },
    'insert()': (self: CrmDbWrite) => self.fill('insert', 0).save(),
    'update()': (self: CrmDbWrite) => {
      self.fill('update', self.target('update')).save();
    },
    'delete()': (self: CrmDbWrite) => {
      crm().delete(self.entity('delete').def.table, self.target('delete'));
    },
  },
};
