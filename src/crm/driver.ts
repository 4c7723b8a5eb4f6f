// One database engine behind the CRM: opening, schema and migrations, transactions, change
// tracking and the SQL dialect. The embedded engine is SQLite in WebAssembly (sqlite/driver.ts); a
// PostgreSQL engine is another implementation of this interface. Everything above it (the
// service, SearchEngine, the CRM classes, the crm commands) speaks only to CrmDriver.
import type { CrmColumn, CrmValue } from '../interp/runtime/crm-service.js';
import type { CrmSchema } from './schema.js';

export interface SqlResult {
  columns: string[];
  rows: CrmValue[][];
}

/** A write recorded by the engine's change tracking, in order. Rows are JSON objects by column. */
export interface RawChange {
  table: string;
  kind: 'insert' | 'update' | 'delete';
  id: number;
  old: Record<string, CrmValue> | null;
  new: Record<string, CrmValue> | null;
}

/** SQL text differences between engines. */
/** Lists longer than this go to the database as one parameter (SqlDialect.inList), not a placeholder per item. */
export const LONG_LIST = 500;

export interface SqlDialect {
  readonly name: string;
  /** A quoted identifier. */
  quote(identifier: string): string;
  /** ' LIMIT n' / ' LIMIT n OFFSET m'; a negative limit means no limit (with an offset). */
  limit(limit: number, offset?: number): string;
  /** A case-insensitive LIKE of `expr` against the parameter `param` (patterns use % and _ with \ as escape). */
  like(expr: string, param: string, negate: boolean): string;
  /** A SearchEngine function applied to `expr` (lower-case name without 'func': 'upper', 'hour', 'wday', 'date', ...); null when unknown. */
  func(name: string, expr: string): string | null;
  /** Cast to text (castToVarchar). */
  toText(expr: string): string;
  /**
   * `expr` IN (or NOT IN, `negate`) a long list given as the one parameter `param` (its value:
   * listParam), where a placeholder per item would pass the engine's limit on parameters.
   */
  inList(expr: string, param: string, negate: boolean): string;
  /** The value of inList's parameter for the items of a list. */
  listParam(items: CrmValue[]): CrmValue;
  /** An ORDER BY item; NULLs come first in ascending order on every engine. `notNull`: a key (lets an index serve the order). */
  order(expr: string, descending: boolean, notNull?: boolean): string;
  /** The statements that create a table (and its indexes) of the schema or an extra table. */
  createTable(t: { name: string; columns: CrmColumn[]; indexes?: string[][] }): string[];
}

export interface CrmDriver {
  readonly dialect: SqlDialect;
  /** Where the database is (file path / connection string), for messages. */
  readonly location: string;
  /** The tables as they are in this database (standard and extra). */
  schema(): CrmSchema;
  /** Runs a read; outside a write transaction it first picks up other processes' committed changes. */
  all(sql: string, params?: CrmValue[]): SqlResult;
  /** Runs a write inside the write transaction (starts it: see beginWrite). */
  run(sql: string, params?: CrmValue[]): { changes: number; lastId: number };
  /**
   * Inserts rows (values in the order of `columns`) into a table inside the write transaction: the
   * bulk path of `crm import` (rows may be reused arrays). Returns the rows written.
   */
  insertRows(table: string, columns: string[], rows: Iterable<CrmValue[]>): number;
  /** Starts the write transaction unless one is open: takes the write lock, refreshes, begins, tracks changes. */
  beginWrite(): void;
  /** Whether a write transaction is open. */
  readonly writing: boolean;
  /** Keeps the transaction's writes (durably) and releases the write lock. */
  commit(): void;
  /** Discards the transaction's writes and releases the write lock. */
  rollback(): void;
  /** Writes recorded since the transaction began. */
  changeLog(): RawChange[];
  /** Re-reads the schema after DDL (extra tables created). */
  reloadSchema(): void;
  close(): void;
}

/** How a driver is opened for a run or a command. */
export interface DriverOptions {
  /** Names the write lock's holder (released by token if the run is ended from outside). */
  token: string;
  /** Epoch ms after which others may take over a write lock this holder never released. */
  lockUntil: number;
  /** How long to wait for another writer (ms). */
  lockWaitMs: number;
  /** Record changes (runs: yes; bulk commands: no). */
  track: boolean;
}
