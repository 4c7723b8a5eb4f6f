// The CRM database as the engine sees it. The engine never opens a database itself: the run layer
// attaches an implementation (src/crm) to the run context (`rt.crm`), and natives (SearchEngine,
// Ticket, the NetServer agents, executeSQLQuery, ...) call it. Everything here is synchronous:
// natives run inside compiled CRMScript and cannot wait. An implementation that needs
// asynchronous set-up (loading a WebAssembly engine) does it in `prepare` before the run starts.
//
// Names of tables and columns are SuperOffice's (see ../shared/data/crm-schema.json); lookups are
// case-insensitive. Values travel as SQL parameters, never inside SQL text.

/** A column value as stored: text (strings, dates as 'YYYY-MM-DD hh:mm:ss'), number, or NULL. */
export type CrmValue = string | number | null;
/** One row by column name. */
export type CrmRow = Record<string, CrmValue>;

export interface CrmColumn {
  name: string;
  /** The schema's type: 'PK', 'FK', 'Id', 'String', 'Clob', 'Int', 'UInt', 'Short', 'UShort', 'Double', 'Bool', 'DateTime', 'UtcDateTime', 'Enum', ... */
  type: string;
  nullable: boolean;
  /** FK columns: the table the value points to (its primary key). */
  references?: string;
  /** Enum columns: the enum's name (see CrmService.enumValues). */
  enum?: string;
  /** String columns: the maximum length. */
  length?: number;
}

export interface CrmTable {
  name: string;
  /** The primary key column (every CRM table has a single integer key). */
  primaryKey: string;
  columns: CrmColumn[];
  /** Foreign keys of other tables that point to this table. */
  referencedBy: { table: string; column: string }[];
  /** A user-defined extra table (`y_*`, described by extra_tables / extra_fields). */
  extra?: boolean;
  /** The table number of SuperOffice's reference (getTableNumber); extra and sandbox tables: 0. */
  number?: number;
}

/** Comparison operators of row queries (table-level access). */
export type CrmOperator =
  | '='
  | '<>'
  | '<'
  | '<='
  | '>'
  | '>='
  | 'like'
  | 'not like'
  | 'begins'
  | 'ends'
  | 'contains'
  | 'in'
  | 'not in'
  | 'is null'
  | 'is not null';

/** A test of one column. */
export interface CrmTest {
  column: string;
  op: CrmOperator;
  /** Absent for 'is null' / 'is not null'; an array for 'in' / 'not in'. */
  value?: CrmValue | CrmValue[];
}

/** Any of the condition sets holds (each set AND-ed; an empty set always holds, no set never). */
export interface CrmAnyOf {
  anyOf: CrmCondition[][];
}

export type CrmCondition = CrmTest | CrmAnyOf;

/** A single-table query; conditions are AND-ed. */
export interface CrmQuery {
  /** Columns to return (default: all). */
  columns?: string[];
  where?: CrmCondition[];
  orderBy?: { column: string; descending?: boolean }[];
  limit?: number;
  offset?: number;
}

/** One row a run inserted, updated or deleted. Updates list only the columns whose value changed. */
export interface CrmChange {
  table: string;
  id: number;
  kind: 'insert' | 'update' | 'delete';
  /** insert: every non-null column (old = null); update: changed columns; delete: the row's columns (new = null). */
  columns: { name: string; old: CrmValue; new: CrmValue }[];
}

/** The CRM user a run acts as (getActiveUser(), created_by / owned_by of what it writes). */
export interface CrmActor {
  /** ejuser.id */
  userId: number;
  /** associate.associate_id (0 when the user has none) */
  associateId: number;
  /** person.person_id of the associate (0 when none) */
  personId: number;
  loginName: string;
  name: string;
}

// ---- SearchEngine: the class's state as plain data; the implementation compiles it to one statement.

/** A field path in dot-syntax ('ticket.cust_id.firstname'), with an optional function ('count', 'FuncUpper', ...). */
export interface SearchField {
  path: string;
  func?: string;
}

export interface SearchCondition {
  path: string;
  func?: string;
  /** Comparison operator as written by the script ('OperatorEquals', 'equals', '=', 'gt', 'in', ...). */
  op: string;
  /** addCriteria / addHaving: the value (for 'in': comma-separated). */
  value?: string;
  /** addComparison / addJoinCriteria: the second field. */
  path2?: string;
  func2?: string;
  /** Row operator joining this condition to the next ('OperatorAnd', 'or', 'nand', ...); default AND. */
  rowOp?: string;
  /** Conditions with the same priority are grouped in the same brackets; default 0. */
  priority?: number;
}

export interface SearchSpec {
  fields: SearchField[];
  criteria: SearchCondition[];
  having: SearchCondition[];
  /** addJoinCriteria: extra conditions in the ON clause of the join that reaches path's table. */
  joinCriteria: SearchCondition[];
  orders: { path: string; func?: string; ascending: boolean }[];
  /** addData (value) / addDataField (another field, optional function) for insert and update. */
  data: { path: string; value?: string; path2?: string; func?: string }[];
  /** 0 or absent: no limit. */
  limit?: number;
  /** setDBDistinct(true) */
  distinct?: boolean;
  /** setDistinct(field): one row per value of this field. */
  distinctField?: string;
  /** setGroup(true): group by every field without an aggregate function. */
  group?: boolean;
}

/** The rows of a search, every value formatted as CRMScript's SearchEngine returns it (a String). */
export interface SearchResult {
  /** The field paths as added (lower-case), for getField(name). */
  columns: string[];
  rows: string[][];
}

export type SearchKind = 'select' | 'insert' | 'update' | 'delete';

export interface CrmService {
  /** 'sqlite' (embedded sql.js) or 'postgres'. */
  readonly dialect: string;

  // -- schema
  /** Every table, standard and extra (y_*). */
  tableNames(): string[];
  /** A table by name (case-insensitive, aliases allowed), or null. */
  table(name: string): CrmTable | null;
  /** The values of a schema enum ('TicketBaseStatus' → [{ name: 'Active', value: 1 }, ...]). */
  enumValues(enumName: string): { name: string; value: number }[];

  // -- rows (table-level access; NetServer agents and the CRM classes use these)
  get(table: string, id: number): CrmRow | null;
  select(table: string, query?: CrmQuery): CrmRow[];
  count(table: string, where?: CrmCondition[]): number;
  /** Inserts a row; columns left out get their default (0, '' or NULL by type). Returns the new id. */
  insert(table: string, values: CrmRow): number;
  /** Updates the given columns of one row; false when there is no such row. */
  update(table: string, id: number, values: CrmRow): boolean;
  delete(table: string, id: number): boolean;

  // -- SQL text (executeSQLQuery, netserver archive providers); confined to this database
  query(sql: string, params?: CrmValue[]): { columns: string[]; rows: CrmValue[][] };
  execute(sql: string, params?: CrmValue[]): { changes: number; lastId: number };

  // -- SearchEngine
  search(spec: SearchSpec): SearchResult;
  /** Rows matching the spec, ignoring its limit. */
  searchCount(spec: SearchSpec): number;
  /** The SQL text a spec compiles to (values shown as ?). */
  searchSql(spec: SearchSpec, kind: SearchKind): string;
  /** insert → the new id; update / delete → rows affected. */
  searchWrite(spec: SearchSpec, kind: Exclude<SearchKind, 'select'>): number;

  // -- the run
  /** Who the run acts as. */
  actor(): CrmActor;
  /** The current time as stored in DateTime columns ('YYYY-MM-DD hh:mm:ss', local time). */
  now(): string;
  /** Rows changed so far by this run (every write path, including SQL text). */
  changes(): CrmChange[];
  /**
   * Ends the run's use of the database: keeps its writes (commit) unless the run is a rollback run,
   * then releases what it holds. Returns the run's changes. Safe to call when nothing was opened.
   */
  finish(): CrmChange[];
}

/** What a run needs to open the CRM database inside its worker (plain data, sent to the worker). */
export interface CrmRunConfig {
  /** The database (SQLite: the file path; PostgreSQL: the connection string). */
  location: string;
  /** Discard the run's writes when it ends (`--rollback`). */
  rollback: boolean;
  /** Login name of the CRM user the run acts as ('' = the default user). */
  user: string;
  /** Identifies the run's write lock, so the host can release it if the run is ended from outside. */
  token: string;
  /** Epoch ms after which a write lock held by this run counts as abandoned (its time limit). */
  lockUntil: number;
}

/** Creates the service for a run (cheap: nothing is opened until the first call). */
export interface CrmOpener {
  open(config: CrmRunConfig): CrmService;
  /** Asynchronous set-up the service needs before its first call (e.g. WebAssembly). */
  prepare(): Promise<void>;
}

let opener: CrmOpener | null = null;

/** Called by the host's worker entry (src/run) so runs in this thread can reach the CRM. */
export function registerCrmOpener(o: CrmOpener): void {
  opener = o;
}

/** The service of a run with this config; undefined when no database is attached. */
export function crmServiceFor(config: CrmRunConfig | undefined): CrmService | undefined {
  return config && opener ? opener.open(config) : undefined;
}

/** Readies the registered implementation (only runs whose program touches CRM data call this). */
export async function prepareCrm(): Promise<void> {
  await opener?.prepare();
}

/** Error text when a script touches CRM data in a run with no database attached. */
export const NO_CRM_MESSAGE = 'this run has no CRM database attached (run it with crmscript-tui run/fire, or the TUI)';

/** PhoneType values (database enum): contact types, and person types with the owner bit. */
export const PHONE_TYPE = {
  contactPhone: 1,
  contactFax: 3,
  personDirect: 16385,
  personDirectFax: 16387,
  personPrivate: 16388,
  personMobile: 16389,
  personPager: 16390,
} as const;
