// The sandbox CRM in PostgreSQL: the CRM tables in the schema `crm` of the store's database, so
// that every daemon and TUI of a fleet works on the same CRM data. The same CrmDriver as the
// embedded SQLite file, synchronous because natives are (sync-client.ts explains how).
//
// - reads outside a write transaction run on their own and see every committed change;
// - the first write of a run begins its transaction on this thread's connection; other runs
//   write at the same time (row locks; a run waits at most lockWaitMs for a row another holds);
//   the run's end commits or rolls back; a run ended from outside loses its connection and the
//   server rolls its writes back, so nothing is left locked;
// - the change log of a run is a temporary table filled by a trigger on every table, only while
//   the run's transaction has switched tracking on;
// - SQL text in SQLite's spelling is translated (translate.ts); new keys come back with RETURNING,
//   and an explicitly given key moves the table's sequence past it.
import type { CrmColumn, CrmValue } from '../../interp/runtime/crm-service.js';
import type { CrmDriver, DriverOptions, RawChange, SqlDialect, SqlResult } from '../driver.js';
import { CrmSchema } from '../schema.js';
import { CrmDatabaseError } from '../errors.js';
import { errorMessage } from '../../interp/util/error-message.js';
import { redactUrl } from '../../store/pg/connect.js';
import { syncPgFor, PgCallError, type SyncPg } from './sync-client.js';
import { pgDialect } from './dialect.js';
import { plainParam } from '../values.js';
import { CRM_MIGRATE_LOCK, CRM_SCHEMA, LOG_TABLE, PG_CRM_VERSION, pgCrmMigrations, pgQuote, trackTriggerSql } from './ddl.js';
import { returningKey, toPgSql } from './translate.js';
import { isCatalogView, SEQUENCE_VIEW } from '../sequence-view.js';

/** The command that recreates the CRM tables (in error messages). */
const RESET_HINT = 'crmscript-tui crm reset';

function isConnectionError(e: PgCallError): boolean {
  return /^08/.test(e.code) || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|connection.*(lost|closed|terminated)/i.test(e.message);
}

/** Databases this thread found with the current CRM schema (checked once per thread). */
const checked = new Set<string>();

export class PgCrmDriver implements CrmDriver {
  readonly dialect: SqlDialect = pgDialect;
  readonly location: string;
  private inTx = false;
  /** The CRM schema version found when opened (0: the tables were created then). */
  schemaFrom = PG_CRM_VERSION;
  private schemaCache: CrmSchema | null = null;
  private readonly translated = new Map<string, string>();

  private constructor(
    private readonly c: SyncPg,
    url: string,
    private readonly opts: DriverOptions,
  ) {
    this.location = redactUrl(url);
  }

  /** Opens the CRM in the database at `url`, creating (and with `seed` filling) its tables on first use. */
  static open(url: string, opts: DriverOptions, seed: (d: CrmDriver) => void): PgCrmDriver {
    const d = new PgCrmDriver(syncPgFor(url), url, opts);
    // a run before this one on the same thread may have been ended inside its transaction
    d.exec(`ROLLBACK; SET search_path TO ${CRM_SCHEMA}, pg_temp`);
    if (checked.has(url)) return d; // this thread saw the tables up to date
    const v = d.version();
    if (v > PG_CRM_VERSION) throw new CrmDatabaseError(`the CRM tables in ${d.location} were written by a newer crmscript-tui (schema ${v}); update crmscript-tui`);
    if (v < PG_CRM_VERSION) d.migrate(seed, false);
    d.schemaFrom = v;
    checked.add(url);
    return d;
  }

  /** Whether the database at `url` holds the CRM tables (looked at without creating them). */
  static exists(url: string): boolean {
    const d = new PgCrmDriver(syncPgFor(url), url, { token: '', lockUntil: 0, lockWaitMs: 1000, track: false });
    d.exec(`ROLLBACK; SET search_path TO ${CRM_SCHEMA}, pg_temp`);
    return d.version() > 0;
  }

  /** Drops and recreates the CRM tables (crm reset): the demo data, or none. */
  static recreate(url: string, opts: DriverOptions, seed: (d: CrmDriver) => void): void {
    checked.delete(url);
    const d = new PgCrmDriver(syncPgFor(url), url, opts);
    d.exec(`ROLLBACK; SET search_path TO ${CRM_SCHEMA}, pg_temp`);
    d.migrate(seed, true);
  }

  private exec(sql: string): void {
    try {
      this.c.script(sql);
    } catch (e) {
      throw this.failure(e);
    }
  }

  private q(sql: string, params: CrmValue[] = []): { columns: string[]; rows: CrmValue[][]; rowCount: number } {
    try {
      return this.c.query(sql, params.map(plainParam));
    } catch (e) {
      throw this.failure(e);
    }
  }

  private failure(e: unknown): CrmDatabaseError {
    if (e instanceof CrmDatabaseError) return e;
    if (e instanceof PgCallError) {
      if (isConnectionError(e)) {
        this.inTx = false;
        return new CrmDatabaseError(`the CRM database at ${this.location} cannot be reached (${e.message}); check that PostgreSQL runs`);
      }
      if (e.code === '55P03') return new CrmDatabaseError(`the CRM database is busy: another run holds a row this one writes (waited ${Math.round(this.opts.lockWaitMs / 1000)} s)`);
      if (e.code === '3D000') return new CrmDatabaseError(`the database of ${this.location} does not exist (${e.message}); create it first (createdb)`);
      return new CrmDatabaseError(`SQL error: ${e.message}`);
    }
    return new CrmDatabaseError(`SQL error: ${errorMessage(e)}`);
  }

  private version(): number {
    const r = this.q(`SELECT to_regclass('${CRM_SCHEMA}.crm_meta') IS NOT NULL`);
    if (!r.rows[0]?.[0]) return 0;
    return Number(this.q(`SELECT v FROM crm_meta WHERE k = 'schema'`).rows[0]?.[0] ?? 0);
  }

  /** Creates or upgrades the tables in one transaction, under an advisory lock (several daemons may start at once). */
  private migrate(seed: (d: CrmDriver) => void, replace: boolean): void {
    this.exec(`BEGIN; SELECT pg_advisory_xact_lock(${CRM_MIGRATE_LOCK})`);
    this.inTx = true;
    try {
      if (replace) this.exec(`DROP SCHEMA IF EXISTS ${CRM_SCHEMA} CASCADE`);
      const from = this.version();
      if (from < PG_CRM_VERSION) {
        this.exec(`CREATE SCHEMA IF NOT EXISTS ${CRM_SCHEMA}`);
        this.exec(pgCrmMigrations(from, CrmSchema.create()).join(';\n'));
        this.schemaCache = null;
        if (from === 0) {
          const track = this.opts.track;
          (this.opts as { track: boolean }).track = false;
          try {
            seed(this);
          } finally {
            (this.opts as { track: boolean }).track = track;
          }
        }
        // the seed, and a migration's demo rows (the list tables), write explicit keys
        for (const t of this.schema().tables.values()) if (!isCatalogView(t.name)) this.syncKey(t.name, t.primaryKey);
      }
      this.exec('COMMIT');
    } catch (e) {
      try {
        this.exec('ROLLBACK');
      } catch {
        // the connection is gone: nothing was kept
      }
      throw this.failure(e);
    } finally {
      this.inTx = false;
      this.schemaCache = null;
    }
  }

  /** Moves a table's key sequence past every key in it (after rows were written with explicit keys). */
  private syncKey(table: string, key: string): void {
    const t = pgQuote(table);
    const k = pgQuote(key);
    this.q(
      `WITH s AS (SELECT pg_get_serial_sequence($1, $2) AS s),
            v AS (SELECT GREATEST(coalesce((SELECT max(${k}) FROM ${t}), 0), coalesce(pg_sequence_last_value((SELECT s FROM s)::regclass), 0)) AS n)
       SELECT setval((SELECT s FROM s), GREATEST(n, 1), n > 0) FROM v WHERE (SELECT s FROM s) IS NOT NULL`,
      [`${CRM_SCHEMA}.${t}`, key.toLowerCase()],
    );
  }

  schema(): CrmSchema {
    if (this.schemaCache) return this.schemaCache;
    const tables = this.q(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND (table_type = 'BASE TABLE' OR table_name = $2)`, [CRM_SCHEMA, SEQUENCE_VIEW]);
    const existing = new Set(tables.rows.map((r) => String(r[0]).toLowerCase()));
    const cols = this.q(
      `SELECT c.table_name, c.column_name, c.data_type, c.domain_name,
              EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                      WHERE i.indisprimary AND i.indrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name)
         FROM information_schema.columns c
        WHERE c.table_schema = $1 AND (c.table_name LIKE 'y\\_%' OR c.column_name LIKE 'x\\_%')
        ORDER BY c.table_name, c.ordinal_position`,
      [CRM_SCHEMA],
    );
    // extra tables (y_), and extra fields (x_ columns a standard table was given)
    const extra = new Map<string, CrmColumn[]>();
    const fields = new Map<string, CrmColumn[]>();
    for (const [table, name, type, domain, pk] of cols.rows) {
      const into = String(table).startsWith('y_') ? extra : fields;
      const list = into.get(String(table)) ?? [];
      const t = String(type);
      const kind = pk ? 'PK' : domain === 'crm_datetime' ? 'DateTime' : /char|text/.test(t) ? 'String' : /double|real|numeric/.test(t) ? 'Double' : 'Int';
      list.push({ name: String(name), type: kind, nullable: !pk });
      into.set(String(table), list);
    }
    this.schemaCache = CrmSchema.create([...extra].map(([name, columns]) => ({ name, columns })), fields).retain(existing);
    return this.schemaCache;
  }

  reloadSchema(): void {
    this.schemaCache = null;
    // a table a script created gets the change-log trigger too
    const missing = this.q(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname <> 'crm_meta'
          AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'crm_track')`,
      [CRM_SCHEMA],
    );
    for (const [name] of missing.rows) {
      const t = this.schema().find(String(name));
      if (t) this.exec(trackTriggerSql(t.name, t.primaryKey));
    }
  }

  private keyOf = (table: string): string | null => {
    const t = this.schema().find(table);
    return t ? t.primaryKey : null;
  };

  private translate(sql: string): string {
    let t = this.translated.get(sql);
    if (t === undefined) {
      t = toPgSql(sql, this.keyOf);
      if (this.translated.size > 500) this.translated.clear();
      this.translated.set(sql, t);
    }
    return t;
  }

  get writing(): boolean {
    return this.inTx;
  }

  all(sql: string, params: CrmValue[] = []): SqlResult {
    const r = this.q(this.translate(sql), params);
    return { columns: r.columns, rows: r.rows };
  }

  run(sql: string, params: CrmValue[] = []): { changes: number; lastId: number } {
    this.beginWrite();
    const text = this.translate(sql);
    const { sql: withKey, key } = returningKey(text, this.keyOf);
    const r = this.q(withKey, params);
    let lastId = 0;
    if (key) {
      lastId = Number(r.rows.at(-1)?.[0] ?? 0);
      this.afterExplicitKeys(text, key);
    }
    return { changes: r.rowCount, lastId };
  }

  /** An INSERT naming the key column: the sequence must not hand out that key later. */
  private afterExplicitKeys(pgSql: string, key: string): void {
    const m = /^\s*insert\s+into\s+"?([\w$]+)"?\s*\(([^)]*)\)/i.exec(pgSql);
    if (m && m[2]!.split(',').some((c) => c.trim().replace(/"/g, '').toLowerCase() === key)) this.syncKey(m[1]!, key);
  }

  insertRows(table: string, columns: string[], rows: Iterable<CrmValue[]>): number {
    const q = this.dialect.quote;
    const sql = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    // the rows may be reused arrays: copied, then sent in batches by runBatch
    return this.runBatch(sql, Array.from(rows, (r) => r.slice()));
  }

  runBatch(sql: string, rows: CrmValue[][]): number {
    this.beginWrite();
    const text = this.translate(sql);
    const m = /^\s*insert\s+into\s+"?([\w$]+)"?/i.exec(text);
    const table = m ? this.schema().find(m[1]!) : null;
    // an untracked bulk import: the change-log trigger is switched off for it (inside the
    // transaction, so a crash leaves it on), and the table's statistics are renewed afterwards
    const bulk = !!table && !this.opts.track && rows.length > 1000;
    if (bulk) this.exec(`ALTER TABLE ${pgQuote(table.name)} DISABLE TRIGGER crm_track`);
    let n: number;
    try {
      n = this.c.batch(text, rows);
    } catch (e) {
      if (e instanceof PgCallError && e.row !== undefined) throw new CrmDatabaseError(`row ${e.row + 1}: ${e.message}`);
      throw this.failure(e);
    }
    if (table) this.afterExplicitKeys(text, table.primaryKey.toLowerCase());
    if (bulk) this.exec(`ALTER TABLE ${pgQuote(table.name)} ENABLE TRIGGER crm_track; ANALYZE ${pgQuote(table.name)}`);
    return n;
  }

  beginWrite(): void {
    if (this.inTx) return;
    const wait = Math.max(1, Math.round(this.opts.lockWaitMs));
    const track = this.opts.track
      ? `; CREATE TEMP TABLE IF NOT EXISTS ${LOG_TABLE} (seq bigserial PRIMARY KEY, tbl text, kind text, id bigint, old jsonb, new jsonb); TRUNCATE pg_temp.${LOG_TABLE}; SET LOCAL crmscript.track = 'on'`
      : '';
    this.exec(`BEGIN; SET LOCAL lock_timeout = '${wait}ms'${track}`);
    this.inTx = true;
  }

  commit(): void {
    if (!this.inTx) return;
    this.inTx = false;
    try {
      this.exec('COMMIT');
    } catch (e) {
      throw new CrmDatabaseError(`the CRM database ${this.location} could not be written: ${errorMessage(e)}`);
    }
  }

  rollback(): void {
    if (!this.inTx) return;
    this.inTx = false;
    try {
      this.exec('ROLLBACK');
    } catch {
      // a lost connection rolled back by itself
    }
  }

  changeLog(): RawChange[] {
    if (!this.opts.track || !this.inTx) return [];
    const r = this.q(`SELECT tbl, kind, id, old, new FROM pg_temp.${LOG_TABLE} ORDER BY seq`);
    const schema = this.schema();
    return r.rows.map(([tbl, kind, id, old, nw]) => {
      const t = schema.find(String(tbl));
      const named = (o: unknown): Record<string, CrmValue> | null => {
        if (!o) return null;
        const row = typeof o === 'string' ? (JSON.parse(o) as Record<string, CrmValue>) : (o as Record<string, CrmValue>);
        // jsonb keeps keys in its own order: give them the table's column order and names
        const out: Record<string, CrmValue> = {};
        for (const c of t?.columns ?? []) if (c.name.toLowerCase() in row) out[c.name] = row[c.name.toLowerCase()]!;
        for (const [k, v] of Object.entries(row)) if (!t?.byName.has(k)) out[k] = v;
        return out;
      };
      return { table: t?.name ?? String(tbl), kind: kind as RawChange['kind'], id: Number(id), old: named(old), new: named(nw) };
    });
  }

  close(): void {
    if (this.inTx) this.rollback();
  }
}

export { RESET_HINT, PG_CRM_VERSION };
