// The CRM service the engine's natives call (interp/runtime/crm-service.ts), over one CrmDriver:
// table-level rows, SQL text confined to the sandbox, SearchEngine specs compiled to one
// statement, the acting user, and the run's changes.
import type {
  CrmActor,
  CrmChange,
  CrmCondition,
  CrmTest,
  CrmQuery,
  CrmRow,
  CrmService,
  CrmTable,
  CrmValue,
  SearchKind,
  SearchResult,
  SearchSpec,
} from '../interp/runtime/crm-service.js';
import { LONG_LIST, type CrmDriver } from './driver.js';
import type { SchemaTable } from './schema.js';
import { CrmDatabaseError } from './errors.js';
import { foldChanges } from './changes.js';
import { checkScriptSql } from './sql-guard.js';
import { compileSearch, formatSearchRows } from './search/compile.js';
import { resolveActor } from './actor.js';
import { nowText } from './values.js';

export interface ServiceOptions {
  /** Discard writes at finish(). */
  rollback: boolean;
  /** Login name of the acting user ('' = default). */
  user: string;
}

export class DriverCrmService implements CrmService {
  private actorCache: CrmActor | null = null;
  private finished: CrmChange[] | null = null;

  constructor(
    private readonly driverOf: () => CrmDriver,
    private readonly opts: ServiceOptions,
    private readonly opened: () => boolean = () => true,
  ) {}

  private get d(): CrmDriver {
    return this.driverOf();
  }

  get dialect(): string {
    return this.d.dialect.name;
  }

  tableNames(): string[] {
    return this.d.schema().names();
  }

  table(name: string): CrmTable | null {
    return this.d.schema().find(name);
  }

  enumValues(enumName: string): { name: string; value: number }[] {
    return this.d.schema().enumValues(enumName);
  }

  private t(name: string): SchemaTable {
    return this.d.schema().mustFind(name);
  }

  private col(t: SchemaTable, name: string): string {
    return this.d.dialect.quote(this.d.schema().column(t, name).name);
  }

  /** Rows by the schema's column names (engines differ in the case of the names they return). */
  private rowsOf(t: SchemaTable, columns: string[], rows: CrmValue[][]): CrmRow[] {
    const names = columns.map((c) => t.byName.get(c.toLowerCase())?.name ?? c);
    return rows.map((r) => Object.fromEntries(names.map((c, i) => [c, r[i]])));
  }

  get(table: string, id: number): CrmRow | null {
    const t = this.t(table);
    const q = this.d.dialect.quote;
    const r = this.d.all(`SELECT * FROM ${q(t.name)} WHERE ${q(t.primaryKey)} = ?`, [id]);
    return this.rowsOf(t, r.columns, r.rows)[0] ?? null;
  }

  private where(t: SchemaTable, where: CrmCondition[] = []): { sql: string; params: CrmValue[] } {
    const params: CrmValue[] = [];
    const sql = this.conjunction(t, where, params);
    return { sql: where.length ? ` WHERE ${sql}` : '', params };
  }

  /** The conditions AND-ed as SQL ('1 = 1' for none), their values appended to `params` in order. */
  private conjunction(t: SchemaTable, where: CrmCondition[], params: CrmValue[]): string {
    if (!where.length) return '1 = 1';
    return where
      .map((c) => {
        if ('anyOf' in c) return c.anyOf.length ? `(${c.anyOf.map((set) => `(${this.conjunction(t, set, params)})`).join(' OR ')})` : '1 = 0';
        return this.test(t, c, params);
      })
      .join(' AND ');
  }

  private test(t: SchemaTable, c: CrmTest, params: CrmValue[]): string {
    const col = this.col(t, c.column);
    const v = c.value;
    switch (c.op) {
      case 'is null':
        return `${col} IS NULL`;
      case 'is not null':
        return `${col} IS NOT NULL`;
      case 'in':
      case 'not in': {
        const list = Array.isArray(v) ? v : [v ?? null];
        if (!list.length) return c.op === 'in' ? '1 = 0' : '1 = 1';
        if (list.length > LONG_LIST) {
          params.push(this.d.dialect.listParam(list));
          return this.d.dialect.inList(col, '?', c.op === 'not in');
        }
        params.push(...list);
        return `${col} ${c.op === 'in' ? 'IN' : 'NOT IN'} (${list.map(() => '?').join(', ')})`;
      }
      case 'like':
      case 'not like':
      case 'begins':
      case 'ends':
      case 'contains': {
        const s = String(Array.isArray(v) ? v[0] : (v ?? ''));
        const esc = s.replace(/[\\%_]/g, (m) => '\\' + m);
        params.push(c.op === 'begins' ? esc + '%' : c.op === 'ends' ? '%' + esc : c.op === 'contains' ? `%${esc}%` : s);
        return this.d.dialect.like(col, '?', c.op === 'not like');
      }
      default:
        params.push(Array.isArray(v) ? (v[0] ?? null) : (v ?? null));
        return `${col} ${c.op} ?`;
    }
  }

  select(table: string, query: CrmQuery = {}): CrmRow[] {
    const t = this.t(table);
    const q = this.d.dialect.quote;
    const cols = query.columns?.length ? query.columns.map((c) => this.col(t, c)).join(', ') : '*';
    const w = this.where(t, query.where);
    const order = query.orderBy?.length ? ` ORDER BY ${query.orderBy.map((o) => this.d.dialect.order(this.col(t, o.column), !!o.descending, this.d.schema().column(t, o.column).type === 'PK')).join(', ')}` : '';
    const limit = query.limit || query.offset ? this.d.dialect.limit(query.limit ?? -1, query.offset) : '';
    const r = this.d.all(`SELECT ${cols} FROM ${q(t.name)}${w.sql}${order}${limit}`, w.params);
    return this.rowsOf(t, r.columns, r.rows);
  }

  count(table: string, where?: CrmCondition[]): number {
    const t = this.t(table);
    const w = this.where(t, where);
    return Number(this.d.all(`SELECT count(*) FROM ${this.d.dialect.quote(t.name)}${w.sql}`, w.params).rows[0][0]);
  }

  insert(table: string, values: CrmRow): number {
    const t = this.t(table);
    const entries = Object.entries(values).filter(([k]) => k.toLowerCase() !== t.primaryKey.toLowerCase() || values[k]);
    const q = this.d.dialect.quote;
    const sql = entries.length
      ? `INSERT INTO ${q(t.name)} (${entries.map(([k]) => this.col(t, k)).join(', ')}) VALUES (${entries.map(() => '?').join(', ')})`
      : `INSERT INTO ${q(t.name)} DEFAULT VALUES`;
    return this.d.run(sql, entries.map(([, v]) => v)).lastId;
  }

  update(table: string, id: number, values: CrmRow): boolean {
    const t = this.t(table);
    const entries = Object.entries(values);
    if (!entries.length) return this.get(table, id) !== null;
    const q = this.d.dialect.quote;
    const sql = `UPDATE ${q(t.name)} SET ${entries.map(([k]) => `${this.col(t, k)} = ?`).join(', ')} WHERE ${q(t.primaryKey)} = ?`;
    return this.d.run(sql, [...entries.map(([, v]) => v), id]).changes > 0;
  }

  delete(table: string, id: number): boolean {
    const t = this.t(table);
    const q = this.d.dialect.quote;
    return this.d.run(`DELETE FROM ${q(t.name)} WHERE ${q(t.primaryKey)} = ?`, [id]).changes > 0;
  }

  query(sql: string, params: CrmValue[] = []): { columns: string[]; rows: CrmValue[][] } {
    if (checkScriptSql(sql) === 'read') return this.d.all(sql, params);
    this.d.beginWrite();
    const r = this.d.all(sql, params);
    if (/^\s*(create|drop|alter)\b/i.test(sql)) this.d.reloadSchema();
    return r;
  }

  execute(sql: string, params: CrmValue[] = []): { changes: number; lastId: number } {
    if (checkScriptSql(sql) === 'read') {
      this.d.all(sql, params);
      return { changes: 0, lastId: 0 };
    }
    const r = this.d.run(sql, params);
    if (/^\s*(create|drop|alter)\b/i.test(sql)) this.d.reloadSchema();
    return r;
  }

  search(spec: SearchSpec): SearchResult {
    const c = compileSearch(this.d.schema(), this.d.dialect, spec, 'select');
    const r = this.d.all(c.sql, c.params);
    return { columns: c.columns, rows: formatSearchRows(r.rows, c.types) };
  }

  searchCount(spec: SearchSpec): number {
    const c = compileSearch(this.d.schema(), this.d.dialect, { ...spec, limit: 0, orders: [] }, 'select');
    return Number(this.d.all(`SELECT count(*) FROM (${c.sql}) counted`, c.params).rows[0][0]);
  }

  searchSql(spec: SearchSpec, kind: SearchKind): string {
    return compileSearch(this.d.schema(), this.d.dialect, spec, kind).sql;
  }

  searchWrite(spec: SearchSpec, kind: Exclude<SearchKind, 'select'>): number {
    const c = compileSearch(this.d.schema(), this.d.dialect, spec, kind);
    const r = this.d.run(c.sql, c.params);
    return kind === 'insert' ? r.lastId : r.changes;
  }

  actor(): CrmActor {
    this.actorCache ??= resolveActor(this, this.opts.user);
    return this.actorCache;
  }

  now(): string {
    return nowText();
  }

  changes(): CrmChange[] {
    if (this.finished) return this.finished;
    return this.opened() ? foldChanges(this.d.changeLog()) : [];
  }

  finish(): CrmChange[] {
    if (this.finished) return this.finished;
    if (!this.opened()) return (this.finished = []);
    const d = this.d;
    const changes = foldChanges(d.changeLog());
    if (this.opts.rollback) d.rollback();
    else d.commit();
    this.finished = changes;
    return changes;
  }
}

export { CrmDatabaseError };
