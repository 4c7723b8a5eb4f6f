// ExtraTable, ExtraTableInfo and ExtraFieldsInfo: user-defined tables (y_*), described in
// extra_tables (one row per table) and extra_fields (one row per field). getExtraTable(name) gives
// an ExtraTable bound to one of them.
import type { NativeClass, NativeGlobals } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { CrmMap } from '../map.js';
import { crm, int, text } from './access.js';
import { CrmEntity, type EntityDef } from './entity.js';
import type { CrmRow } from '../../runtime/crm-service.js';

export class CrmExtraTable extends CrmEntity {}

function extraTable(name: string): CrmExtraTable {
  const t = crm().table(name);
  if (!t || !t.name.toLowerCase().startsWith('y_')) {
    const known = crm().tableNames().filter((n) => n.toLowerCase().startsWith('y_'));
    throw new CrmError(`getExtraTable: there is no extra table "${name}"${known.length ? ` (extra tables: ${known.join(', ')})` : ''}`);
  }
  return new CrmExtraTable({ cls: 'ExtraTable', table: t.name } as EntityDef<never>);
}

const unbound = (): CrmExtraTable => new CrmExtraTable({ cls: 'ExtraTable', table: '' } as EntityDef<never>);

function bound(e: CrmExtraTable, what: string): CrmExtraTable {
  if (!e.def.table) throw new CrmError(`ExtraTable.${what}: get the ExtraTable with getExtraTable("y_name") first`);
  return e;
}

export const ExtraTableClass: NativeClass = {
  name: 'ExtraTable',
  defaultValue: unbound,
  ctors: { '()': unbound },
  methods: {
    'getValue(String)': (self: CrmExtraTable, name: string) => bound(self, 'getValue').get(name),
    'setValue(String,String)': (self: CrmExtraTable, name: string, value: string) => bound(self, 'setValue').set(name, value),
    'load(Integer)': (self: CrmExtraTable, id: number) => bound(self, 'load').load(id),
    'save()': (self: CrmExtraTable) => bound(self, 'save').save(),
    'save(Bool)': (self: CrmExtraTable) => bound(self, 'save').save(),
    'getValues()': (self: CrmExtraTable) => {
      const m = new CrmMap();
      const row: CrmRow = { ...self.row, ...self.pending };
      for (const [k, v] of Object.entries(row)) m.put(k, text(v));
      return m;
    },
    'delete()': (self: CrmExtraTable) => {
      bound(self, 'delete');
      if (self.id) crm().delete(self.def.table, self.id);
      self.id = 0;
      self.row = {};
      self.pending = {};
    },
  },
};

export const extraTableGlobals: NativeGlobals = {
  'getExtraTable(String)': (name: string) => extraTable(name),
};

export class CrmExtraTableInfo {
  row: CrmRow | null = null;
}

export const ExtraTableInfoClass: NativeClass = {
  name: 'ExtraTableInfo',
  defaultValue: () => new CrmExtraTableInfo(),
  ctors: { '()': () => new CrmExtraTableInfo() },
  methods: {
    'load(String)': (self: CrmExtraTableInfo, name: string) => {
      self.row = extraTableRow(name);
      if (!self.row) throw new CrmError(`ExtraTableInfo.load: there is no extra table "${name}"`);
    },
    'getId()': (self: CrmExtraTableInfo) => int(self.row?.id),
    'getName()': (self: CrmExtraTableInfo) => text(self.row?.name),
    'getFlags()': (self: CrmExtraTableInfo) => int(self.row?.flags),
  },
};

/** extra_tables' row for a table name: the whole name, in any case (no wildcards), or null. */
function extraTableRow(name: string): CrmRow | null {
  const exact = name.trim().replace(/[\\%_]/g, (m) => '\\' + m);
  return crm().select('extra_tables', { where: [{ column: 'table_name', op: 'like', value: exact }], orderBy: [{ column: 'id' }], limit: 1 })[0] ?? null;
}

/** An extra field with the table it belongs to. */
type FieldRow = CrmRow & { table: string };

export class CrmExtraFieldsInfo {
  rows: FieldRow[] = [];
  pos = 0;
  /** The table asked for by getExtraFields. */
  table = '';
}

const FIELD_ORDER = [{ column: 'order_pos' }, { column: 'id' }];

function fieldsOf(self: CrmExtraFieldsInfo, table: string): void {
  const t = extraTableRow(table);
  self.table = table;
  self.rows = t ? crm().select('extra_fields', { where: [{ column: 'extra_table', op: '=', value: int(t.id) }], orderBy: FIELD_ORDER }).map((r) => ({ ...r, table })) : [];
  self.pos = 0;
}

const EXTRA_TABLE_RELATION = 20;

/** The extra fields of one type (extra_fields.type); for an extra table relation, those pointing to extra table `target`. */
function childrenFields(self: CrmExtraFieldsInfo, type: number, target: number): void {
  const c = crm();
  const names = new Map(c.select('extra_tables', { columns: ['id', 'table_name'] }).map((t) => [int(t.id), text(t.table_name)]));
  const where = [{ column: 'type', op: '=' as const, value: type }, ...(type === EXTRA_TABLE_RELATION ? [{ column: 'target_extra_table', op: '=' as const, value: target }] : [])];
  self.rows = c.select('extra_fields', { where, orderBy: [{ column: 'extra_table' }, ...FIELD_ORDER] }).map((r) => ({ ...r, table: names.get(int(r.extra_table)) ?? '' }));
  self.table = '';
  self.pos = 0;
}

const cur = (self: CrmExtraFieldsInfo): CrmRow => self.rows[self.pos] ?? {};

export const ExtraFieldsInfoClass: NativeClass = {
  name: 'ExtraFieldsInfo',
  defaultValue: () => new CrmExtraFieldsInfo(),
  ctors: { '()': () => new CrmExtraFieldsInfo() },
  methods: {
    'getExtraFields(String)': fieldsOf,
    // the extra fields relating to a customer (type 16), a company (17) or a ticket (18)
    'getChildrenFields(Integer,Integer)': (self: CrmExtraFieldsInfo, type: number, target: number) => childrenFields(self, type, target),
    'getCustomerChildrenFields()': (self: CrmExtraFieldsInfo) => childrenFields(self, 16, 0),
    'getCompanyChildrenFields()': (self: CrmExtraFieldsInfo) => childrenFields(self, 17, 0),
    'getTicketChildrenFields()': (self: CrmExtraFieldsInfo) => childrenFields(self, 18, 0),
    'eof()': (self: CrmExtraFieldsInfo) => self.pos >= self.rows.length,
    'next()': (self: CrmExtraFieldsInfo) => void (self.pos = Math.min(self.pos + 1, self.rows.length)),
    'getFieldName()': (self: CrmExtraFieldsInfo) => text(cur(self).field_name),
    'getName()': (self: CrmExtraFieldsInfo) => text(cur(self).name),
    'getFlags()': (self: CrmExtraFieldsInfo) => int(cur(self).flags),
    'getTableName()': (self: CrmExtraFieldsInfo) => self.rows[self.pos]?.table ?? self.table,
    'getDisplayField()': (self: CrmExtraFieldsInfo) => text(cur(self).field_name),
    'getParam(String)': (self: CrmExtraFieldsInfo, name: string) => {
      const params = text(cur(self).params);
      for (const line of params.split(/[\n&]/)) {
        const [k, ...v] = line.split('=');
        if (k.trim().toLowerCase() === name.trim().toLowerCase()) return v.join('=').trim();
      }
      return '';
    },
  },
};
