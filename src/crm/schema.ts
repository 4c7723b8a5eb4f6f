// The CRM schema: SuperOffice's tables, columns, types, foreign keys and enums (src/crm/schema.json,
// generated from the reference by scripts/gen-crm-schema.mjs), the sandbox's own tables
// (sandbox-tables.ts: an attachment's content, chat), plus what a database defines beyond them: extra
// tables (y_*) and extra fields (x_* columns added to a standard table, as SuperOffice adds them).
// Lookups are case-insensitive; documented aliases resolve too.
import { createRequire } from 'node:module';
import type { CrmColumn, CrmTable } from '../interp/runtime/crm-service.js';
import { CrmDatabaseError, didYouMean } from './errors.js';
import { SANDBOX_TABLES } from './sandbox-tables.js';

interface RawColumn {
  name: string;
  type: string;
  nullable?: boolean;
  references?: string;
  enum?: string;
  length?: number;
}
interface RawSchema {
  aliases: Record<string, string>;
  tables: Record<string, { number: number; columns: RawColumn[]; indexes: string[][] }>;
  enums: Record<string, [string, number][]>;
}

export interface SchemaTable extends CrmTable {
  /** The table number of the reference (getTableNumber); extra tables: 0. */
  number: number;
  /** Non-key indexes (lists of columns). */
  indexes: string[][];
  /** Columns by lower-case name. */
  byName: Map<string, CrmColumn>;
}

let raw: RawSchema | null = null;
function rawSchema(): RawSchema {
  raw ??= createRequire(import.meta.url)('./schema.json') as RawSchema;
  return raw;
}

function makeTable(name: string, columns: CrmColumn[], number: number, indexes: string[][], extra: boolean): SchemaTable {
  const pk = columns.find((c) => c.type === 'PK')?.name ?? columns[0]?.name ?? 'id';
  return { name, number, primaryKey: pk, columns, indexes, referencedBy: [], byName: new Map(columns.map((c) => [c.name.toLowerCase(), c])), ...(extra ? { extra: true } : {}) };
}

export class CrmSchema {
  readonly tables = new Map<string, SchemaTable>();
  private readonly aliases = new Map<string, string>();
  private readonly enums = new Map<string, { name: string; value: number }[]>();

  private constructor() {}

  /**
   * SuperOffice's standard tables, plus the given extra tables, and the extra fields (`fields`:
   * columns by lower-case table name) the database added to the standard and sandbox tables.
   */
  static create(extra: { name: string; columns: CrmColumn[] }[] = [], fields: Map<string, CrmColumn[]> = new Map()): CrmSchema {
    const r = rawSchema();
    const s = new CrmSchema();
    for (const [name, t] of Object.entries(r.tables)) {
      const cols = t.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.type !== 'PK' && c.nullable === true, ...(c.references ? { references: c.references } : {}), ...(c.enum ? { enum: c.enum } : {}), ...(c.length ? { length: c.length } : {}) }));
      s.tables.set(name.toLowerCase(), makeTable(name, cols, t.number, t.indexes, false));
    }
    for (const x of SANDBOX_TABLES) s.tables.set(x.name, makeTable(x.name, x.columns, 0, x.indexes, false));
    for (const x of extra) s.tables.set(x.name.toLowerCase(), makeTable(x.name, x.columns, 0, x.columns.filter((c) => c.references).map((c) => [c.name]), true));
    for (const [name, cols] of fields) {
      const t = s.tables.get(name);
      if (!t || t.extra) continue;
      const added = cols.filter((c) => !t.byName.has(c.name.toLowerCase()));
      if (added.length) s.tables.set(name, makeTable(t.name, [...t.columns, ...added], t.number, t.indexes, false));
    }
    for (const [a, t] of Object.entries(r.aliases)) s.aliases.set(a.toLowerCase(), t.toLowerCase());
    for (const [n, vals] of Object.entries(r.enums)) s.enums.set(n.toLowerCase(), vals.map(([name, value]) => ({ name, value })));
    for (const t of s.tables.values()) {
      for (const c of t.columns) {
        const target = c.references ? s.find(c.references) : null;
        if (target) target.referencedBy.push({ table: t.name, column: c.name });
      }
    }
    return s;
  }

  /** Drops the tables the database does not have (an older file), keeping their references. */
  retain(existing: Set<string>): this {
    for (const k of [...this.tables.keys()]) if (!existing.has(k)) this.tables.delete(k);
    return this;
  }

  /** A table by name, or null. */
  find(name: string): SchemaTable | null {
    const n = name.toLowerCase();
    return this.tables.get(n) ?? this.tables.get(this.aliases.get(n) ?? '') ?? null;
  }

  /** A table by name, or a CRMScript error naming the closest tables. */
  mustFind(name: string): SchemaTable {
    const t = this.find(name);
    if (!t) throw new CrmDatabaseError(`unknown table "${name}"${didYouMean(name, this.names())}`);
    return t;
  }

  /** A column of a table, or a CRMScript error naming the closest columns. */
  column(table: SchemaTable, name: string): CrmColumn {
    const c = table.byName.get(name.toLowerCase());
    if (!c) throw new CrmDatabaseError(`unknown field "${name}" in table ${table.name}${didYouMean(name, table.columns.map((x) => x.name))}`);
    return c;
  }

  names(): string[] {
    return [...this.tables.values()].map((t) => t.name);
  }

  enumValues(name: string): { name: string; value: number }[] {
    return this.enums.get(name.toLowerCase()) ?? [];
  }
}

/** Storage class of a schema type: how values are stored and compared. */
export type StorageKind = 'integer' | 'real' | 'text' | 'datetime' | 'blob';

export function storageOf(type: string): StorageKind {
  switch (type) {
    case 'String':
    case 'Clob':
    case 'FKArray':
      return 'text';
    case 'Double':
      return 'real';
    case 'DateTime':
    case 'UtcDateTime':
    case 'Date':
    case 'Time':
      return 'datetime';
    case 'Blob':
      // bytes (BinaryObject.binaryData): read and written by the NetServer blob agent, shown in changes as their size
      return 'blob';
    default:
      return 'integer';
  }
}
