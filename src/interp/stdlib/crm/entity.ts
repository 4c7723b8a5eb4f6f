// What the CRM classes (Ticket, Message, Customer, Company, User, Attachment, Category,
// ExtraTable) share: one row of a table, loaded by id, read and changed through getValue/setValue
// with the field names the reference documents (camelCase names, column names, and class-specific
// aliases), and saved with insert or update. Field values are Strings, as in CRMScript.
import type { CrmRow, CrmTable, CrmValue } from '../../runtime/crm-service.js';
import { CrmError, NULL_STRING, plainString } from '../../runtime/values.js';
import { crm, text } from './access.js';
import { parseDateTime } from '../time/parse.js';
import { formatDateTime } from '../time/format.js';
import { didYouMean } from '../../util/did-you-mean.js';

/** A computed field: read (and optionally written) by code instead of a column. */
export interface VirtualField<E extends CrmEntity> {
  get?(e: E): string;
  set?(e: E, value: string): void;
}

export interface EntityDef<E extends CrmEntity = CrmEntity> {
  cls: string;
  table: string;
  /** Documented field names → column names (lower-case keys). */
  aliases?: Record<string, string>;
  virtual?: Record<string, VirtualField<E>>;
  /** Values of a new row (before the script's own values). */
  defaults?(e: E): CrmRow;
  /** Adjusts the values about to be written (e.g. last_changed). */
  beforeSave?(e: E, isNew: boolean, values: CrmRow): void;
  /** After the row is written (e.g. dependent rows). */
  afterSave?(e: E, isNew: boolean): void;
}

const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

export class CrmEntity {
  id = 0;
  /** The row as loaded (column → value). */
  row: CrmRow = {};
  /** Values set since loading (column → value). */
  pending: CrmRow = {};
  constructor(readonly def: EntityDef<never>) {}

  table(): CrmTable {
    const t = crm().table(this.def.table);
    if (!t) throw new CrmError(`${this.def.cls}: the sandbox CRM has no table ${this.def.table}`);
    return t;
  }

  /** The column a documented field name means, or null. */
  column(name: string): string | null {
    const t = this.table();
    const n = name.trim();
    const alias = this.def.aliases?.[n.toLowerCase()];
    const candidates = [alias, n, snake(n)].filter((x): x is string => !!x);
    for (const c of candidates) {
      const col = t.columns.find((x) => x.name.toLowerCase() === c.toLowerCase());
      if (col) return col.name;
    }
    if (n.toLowerCase() === 'id') return t.primaryKey;
    return null;
  }

  unknown(method: string, name: string): CrmError {
    const t = this.table();
    const names = [...Object.keys(this.def.aliases ?? {}), ...Object.keys(this.def.virtual ?? {}), ...t.columns.map((c) => c.name)];
    return new CrmError(`${this.def.cls}.${method}: unknown field "${name}" in table ${t.name}${didYouMean(name, new Set(names))}`);
  }

  raw(column: string): CrmValue {
    return column in this.pending ? this.pending[column] : (this.row[column] ?? null);
  }

  get(name: string): string {
    const v = (this.def.virtual as Record<string, VirtualField<CrmEntity>> | undefined)?.[name.trim().toLowerCase()];
    if (v?.get) return v.get(this);
    const col = this.column(name);
    if (!col) throw this.unknown('getValue', name);
    const raw = this.raw(col);
    return raw === null || raw === undefined ? NULL_STRING : text(raw); // a database NULL is the null String
  }

  set(name: string, given: string): void {
    const value = plainString(given); // the null String ("no value") is stored as ''
    const v = (this.def.virtual as Record<string, VirtualField<CrmEntity>> | undefined)?.[name.trim().toLowerCase()];
    if (v?.set) return v.set(this, value);
    const col = this.column(name);
    // a field the sandbox derives from other rows (Company "domain" from its email addresses)
    if (!col && v) throw new CrmError(`${this.def.cls}.setValue: "${name}" is derived from other data in the sandbox CRM and cannot be set`);
    if (!col) throw this.unknown('setValue', name);
    this.setColumn(col, value);
  }

  /** Sets a column from script text, converted to the column's storage. */
  setColumn(column: string, value: string | number | null): void {
    const c = this.table().columns.find((x) => x.name === column);
    if (typeof value !== 'string' || !c) {
      this.pending[column] = value;
      return;
    }
    const type = c.type;
    if (['String', 'Clob', 'FKArray'].includes(type)) this.pending[column] = value;
    else if (['DateTime', 'UtcDateTime'].includes(type)) this.pending[column] = this.dateValue(column, value);
    else if (type === 'Double') this.pending[column] = Number(value.replace(',', '.')) || 0;
    else {
      const t = value.trim().toLowerCase();
      const named = c.enum && !/^[-+]?\d/.test(t) && t !== '' ? crm().enumValues(c.enum).find((x) => x.name.toLowerCase() === t || t.startsWith(x.name.toLowerCase())) : undefined;
      this.pending[column] = named ? named.value : t === 'true' ? 1 : t === 'false' || t === '' ? 0 : Math.trunc(Number(t)) || 0;
    }
  }

  /** A date field's text as stored ('YYYY-MM-DD hh:mm:ss'); '' and '0' clear it; other text that is no date is an error. */
  private dateValue(column: string, value: string): string | null {
    const t = value.trim();
    if (t === '' || t === '0') return null;
    const dt = parseDateTime(t);
    if (dt.isNull) throw new CrmError(`${this.def.cls}.setValue: "${value}" is not a date for ${column} (write it as YYYY-MM-DD hh:mm:ss, or YYYY-MM-DD)`);
    return formatDateTime(dt);
  }

  load(id: number): boolean {
    const r = crm().get(this.def.table, id);
    this.pending = {};
    if (!r) {
      this.id = 0;
      this.row = {};
      return false;
    }
    this.row = r;
    this.id = Number(r[this.table().primaryKey]);
    return true;
  }

  save(): number {
    const c = crm();
    const isNew = this.id === 0;
    const def = this.def as EntityDef<CrmEntity>;
    const values: CrmRow = isNew ? { ...(def.defaults?.(this) ?? {}), ...this.pending } : { ...this.pending };
    def.beforeSave?.(this, isNew, values);
    if (isNew) {
      this.id = c.insert(this.def.table, values);
    } else if (Object.keys(values).length) {
      if (!c.update(this.def.table, this.id, values)) throw new CrmError(`${this.def.cls}.save: ${this.def.table} ${this.id} no longer exists`);
    }
    this.load(this.id);
    def.afterSave?.(this, isNew);
    return this.id;
  }
}

/** getValue/setValue/load/save as every entity class has them. */
export function entityMethods(def: EntityDef<never>): Record<string, (...a: never[]) => unknown> {
  void def;
  return {
    'getValue(String)': (self: CrmEntity, name: string) => self.get(name),
    'setValue(String,String)': (self: CrmEntity, name: string, value: string) => self.set(name, value),
    'load(Integer)': (self: CrmEntity, id: number) => self.load(id),
    'save()': (self: CrmEntity) => self.save(),
  };
}

/** The row of `table` with this id, or null (for getters of linked rows). */
export function linked(table: string, id: CrmValue): CrmRow | null {
  const n = Number(id);
  return n > 0 ? crm().get(table, n) : null;
}
