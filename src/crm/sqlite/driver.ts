// The embedded CRM database: one SQLite file (crm.sqlite in the data directory) run by sql.js.
//
// sql.js keeps the database in memory, so sharing the file between processes works like this:
// - reads: before each statement outside a write transaction, the file's identity (inode, size,
//   mtime) is compared with what was loaded; when another process committed, the file is re-read.
// - writes: the first write of a run takes the file's write lock (lock.ts), re-reads the file if
//   needed and opens a transaction; the run's end commits it by writing the whole database to a
//   temporary file and renaming it over the old one (a crash never leaves a torn file), then
//   releases the lock. Two writers never overlap, so no change is lost.
// A file that is not a readable SQLite database is an error naming the recovery command; it is
// never replaced silently.
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Database, Statement, SqlValue } from 'sql.js';
import type { CrmColumn, CrmValue } from '../../interp/runtime/crm-service.js';
import type { CrmDriver, DriverOptions, RawChange, SqlDialect, SqlResult } from '../driver.js';
import { CrmSchema } from '../schema.js';
import { errorMessage } from '../../interp/util/error-message.js';
import { CrmDatabaseError } from '../errors.js';
import { acquireLock, readOwner, releaseLock } from '../lock.js';
import { sqlite } from './engine.js';
import { createSchemaSql, migrations, q, SCHEMA_VERSION } from './ddl.js';
import { clearLog, existingTables, installTracking, readLog } from './tracking.js';
import { sqliteDialect } from './dialect.js';
import { plainParam } from '../values.js';

const HEADER = 'SQLite format 3\0';

/** The command that recreates a broken database (in error messages). */
export const RESET_HINT = 'crmscript-tui crm reset';

const stampText = (s: { ino: bigint; size: bigint; mtimeNs: bigint }): string => `${s.ino}:${s.size}:${s.mtimeNs}`;

function stampOf(path: string): string {
  try {
    return stampText(statSync(path, { bigint: true }));
  } catch {
    return 'missing';
  }
}

/**
 * Reads and checks a database file, with the identity of exactly the file read (from the same open
 * file: a commit by another process renames a new file into place, so a stamp taken by path before
 * or after reading could belong to the other version, and a write would then be based on content
 * older than its stamp says). Throws a user-facing error when it is unreadable.
 */
function loadFile(path: string): { db: Database; stamp: string } {
  let bytes: Uint8Array;
  let stamp: string;
  try {
    const fd = openSync(path, 'r');
    try {
      stamp = stampText(fstatSync(fd, { bigint: true }));
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new CrmDatabaseError(`the CRM database ${path} cannot be read (${errorMessage(e)}); fix its permissions, or run \`${RESET_HINT}\` to create a new one`);
  }
  const broken = (why: string): CrmDatabaseError =>
    new CrmDatabaseError(`the CRM database ${path} is unreadable (${why}); run \`${RESET_HINT}\` to replace it with the demo data (the broken file is kept beside it)`);
  if (bytes.length < 100 || Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== HEADER) throw broken('not an SQLite database');
  let db: Database | null = null;
  try {
    db = new (sqlite().Database)(bytes);
    const v = Number(db.exec('PRAGMA user_version')[0]?.values[0][0] ?? 0);
    db.exec('SELECT count(*) FROM sqlite_master');
    if (v > SCHEMA_VERSION) throw new CrmDatabaseError(`the CRM database ${path} was written by a newer version of crmscript-tui (schema ${v}); update crmscript-tui`);
    return { db, stamp };
  } catch (e) {
    db?.close();
    if (e instanceof CrmDatabaseError) throw e;
    throw broken(errorMessage(e));
  }
}

function toParam(v: CrmValue | boolean | undefined): SqlValue {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return plainParam(v);
}


/** A column of a table the database defines (an extra table's, an extra field), typed by its declared SQL type. */
function sqliteColumn(name: string, declared: string, pk: boolean): CrmColumn {
  // SQLite's own affinity rules (INT, then CHAR/CLOB/TEXT, then REAL/FLOA/DOUB), dates by name
  const t = declared.toUpperCase();
  const type = pk ? 'PK' : t.includes('INT') ? 'Int' : /CHAR|CLOB|TEXT/.test(t) ? 'String' : /REAL|FLOA|DOUB|NUMERIC|DECIMAL/.test(t) ? 'Double' : t.includes('DATE') || t.includes('TIME') ? 'DateTime' : 'Int';
  return { name, type, nullable: !pk };
}
export class SqliteDriver implements CrmDriver {
  readonly dialect: SqlDialect = sqliteDialect;
  private db: Database;
  private stamp: string;
  private inTx = false;
  private locked = false;
  private cache = new Map<string, Statement>();
  private schemaCache: CrmSchema | null = null;

  private constructor(
    readonly location: string,
    private readonly opts: DriverOptions,
    db: Database,
    stamp: string,
  ) {
    this.db = db;
    this.stamp = stamp;
    this.afterLoad();
  }

  /**
   * Opens the database file, creating it (schema, then `seed`) on first use. The engine must be
   * loaded (engine.ts) in this thread.
   */
  static open(location: string, opts: DriverOptions, seed: (d: CrmDriver) => void): SqliteDriver {
    if (!existsSync(location)) SqliteDriver.create(location, opts, seed, false);
    const { db, stamp } = loadFile(location);
    return new SqliteDriver(location, opts, db, stamp);
  }

  /** Writes a new database with the schema and `seed`'s rows. `replace`: even when the file exists (crm reset). */
  static create(location: string, opts: DriverOptions, seed: (d: CrmDriver) => void, replace: boolean): void {
    mkdirSync(dirname(location), { recursive: true });
    acquireLock(location, opts.token, opts.lockUntil, opts.lockWaitMs);
    try {
      if (!replace && existsSync(location)) return; // another process created it meanwhile
      const db = new (sqlite().Database)();
      const fresh = new SqliteDriver(location, { ...opts, track: false }, db, '');
      fresh.locked = true;
      db.exec(createSchemaSql(CrmSchema.create()).join(';\n'));
      fresh.reloadSchema();
      db.exec('BEGIN');
      fresh.inTx = true;
      seed(fresh);
      db.exec('COMMIT');
      fresh.inTx = false;
      writeFileAtomic.sync(location, Buffer.from(db.export()));
      db.close();
    } finally {
      releaseLock(location, opts.token);
    }
  }

  private afterLoad(): void {
    for (const s of this.cache.values()) s.free();
    this.cache.clear();
    // the database is in memory: a rollback journal in memory too, and room for large tables' pages
    this.db.exec('PRAGMA journal_mode = MEMORY; PRAGMA cache_size = -65536');
    const version = Number(this.db.exec('PRAGMA user_version')[0]?.values[0][0] ?? 0);
    if (version < SCHEMA_VERSION && version > 0) this.db.exec(migrations(version, CrmSchema.create()).join(';\n'));
    this.schemaCache = null;
    if (this.opts.track) installTracking(this.db, this.schema());
  }

  schema(): CrmSchema {
    if (this.schemaCache) return this.schemaCache;
    const existing = existingTables(this.db);
    const extra: { name: string; columns: CrmColumn[] }[] = [];
    for (const name of existing) {
      if (!name.startsWith('y_')) continue;
      const info = this.db.exec(`PRAGMA table_info(${JSON.stringify(name)})`)[0];
      const columns: CrmColumn[] = (info?.values ?? []).map((r) => sqliteColumn(String(r[1]), String(r[2]), Number(r[5]) > 0));
      const real = this.db.exec(`SELECT name FROM sqlite_master WHERE type='table' AND lower(name) = ?`, [name])[0]?.values[0]?.[0];
      extra.push({ name: String(real ?? name), columns });
    }
    // extra fields: x_ columns a standard table was given (only the tables whose definition
    // mentions one are asked for their columns: asking every table costs a CRM run ≈ 13 ms)
    const fields = new Map<string, CrmColumn[]>();
    const mentions = this.db.exec(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'y\\_%' ESCAPE '\\' AND sql LIKE '%x\\_%' ESCAPE '\\'`)[0];
    for (const [table] of mentions?.values ?? []) {
      const info = this.db.exec(`PRAGMA table_info(${JSON.stringify(String(table))})`)[0];
      const cols = (info?.values ?? []).filter((r) => String(r[1]).toLowerCase().startsWith('x_')).map((r) => sqliteColumn(String(r[1]), String(r[2]), false));
      if (cols.length) fields.set(String(table).toLowerCase(), cols);
    }
    this.schemaCache = CrmSchema.create(extra, fields).retain(existing);
    return this.schemaCache;
  }

  reloadSchema(): void {
    this.schemaCache = null;
    if (this.opts.track) installTracking(this.db, this.schema());
  }

  get writing(): boolean {
    return this.inTx;
  }

  /** Picks up other processes' commits (never inside our own transaction). */
  private refresh(): void {
    if (this.inTx) return;
    const now = stampOf(this.location);
    if (now === this.stamp) return;
    if (now === 'missing') throw new CrmDatabaseError(`the CRM database ${this.location} was removed; run \`${RESET_HINT}\` to create it again`);
    const fresh = loadFile(this.location);
    for (const s of this.cache.values()) s.free();
    this.cache.clear();
    this.db.close();
    this.db = fresh.db;
    this.stamp = fresh.stamp;
    this.afterLoad();
  }

  private statement(sql: string): Statement {
    let st = this.cache.get(sql);
    if (!st) {
      try {
        st = this.db.prepare(sql);
      } catch (e) {
        throw new CrmDatabaseError(`SQL error: ${errorMessage(e)}`);
      }
      if (this.cache.size > 200) {
        const [k, old] = this.cache.entries().next().value as [string, Statement];
        old.free();
        this.cache.delete(k);
      }
      this.cache.set(sql, st);
    }
    return st;
  }

  all(sql: string, params: CrmValue[] = []): SqlResult {
    this.refresh();
    const st = this.statement(sql);
    try {
      st.bind(params.map(toParam));
      const rows: CrmValue[][] = [];
      while (st.step()) rows.push(st.get() as CrmValue[]);
      return { columns: st.getColumnNames(), rows };
    } catch (e) {
      throw new CrmDatabaseError(`SQL error: ${errorMessage(e)}`);
    } finally {
      st.reset();
    }
  }

  run(sql: string, params: CrmValue[] = []): { changes: number; lastId: number } {
    this.beginWrite();
    const st = this.statement(sql);
    try {
      st.bind(params.map(toParam));
      while (st.step()) {
        /* a write that returns rows: ignore them */
      }
    } catch (e) {
      throw new CrmDatabaseError(`SQL error: ${errorMessage(e)}`);
    } finally {
      st.reset();
    }
    const changes = this.db.getRowsModified();
    const lastId = Number(this.db.exec('SELECT last_insert_rowid()')[0]?.values[0][0] ?? 0);
    return { changes, lastId };
  }

  insertRows(table: string, columns: string[], rows: Iterable<CrmValue[]>): number {
    this.beginWrite();
    const one = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES `;
    // several rows per statement: a third fewer calls into the engine than one row at a time
    const per = Math.max(1, Math.min(64, Math.floor(999 / Math.max(1, columns.length))));
    const many = this.statement(head + Array<string>(per).fill(one).join(', '));
    const single = this.statement(head + one);
    const params: SqlValue[] = [];
    let n = 0;
    let pending = 0;
    const flush = (st: Statement): void => {
      st.bind(params);
      st.step();
      st.reset();
      params.length = 0;
    };
    try {
      for (const r of rows) {
        if (r.length !== columns.length) throw new CrmDatabaseError(`row ${n + 1} has ${r.length} values for ${columns.length} columns`);
        for (const v of r) params.push(toParam(v));
        n++;
        if (++pending === per) {
          flush(many);
          pending = 0;
        }
      }
      // the rest one row at a time
      const rest = params.splice(0);
      for (let i = 0; i < pending; i++) {
        params.push(...rest.slice(i * columns.length, (i + 1) * columns.length));
        flush(single);
      }
    } catch (e) {
      many.reset();
      single.reset();
      if (e instanceof CrmDatabaseError) throw e;
      throw new CrmDatabaseError(`rows ${n - pending + 1}-${n}: ${errorMessage(e)}`);
    }
    return n;
  }

  beginWrite(): void {
    if (this.inTx) return;
    if (!this.locked) {
      acquireLock(this.location, this.opts.token, this.opts.lockUntil, this.opts.lockWaitMs);
      this.locked = true;
    }
    try {
      this.refresh();
      this.db.exec('BEGIN');
    } catch (e) {
      this.release();
      throw e;
    }
    this.inTx = true;
    if (this.opts.track) clearLog(this.db);
  }

  private release(): void {
    if (this.locked) releaseLock(this.location, this.opts.token);
    this.locked = false;
  }

  commit(): void {
    if (!this.inTx) return this.release();
    try {
      // the lock must still be ours and nobody may have written meanwhile (a lock held past its
      // time is taken over by others): never overwrite their changes
      if (readOwner(this.location)?.token !== this.opts.token || stampOf(this.location) !== this.stamp) {
        this.db.exec('ROLLBACK');
        throw new Error('the write lock was taken over by another process after this run held it past its time limit; the run\'s changes were discarded');
      }
      this.db.exec('COMMIT');
      this.inTx = false;
      // export() re-opens the connection: cached statements and TEMP objects are gone afterwards
      const bytes = this.db.export();
      writeFileAtomic.sync(this.location, Buffer.from(bytes));
      this.stamp = stampOf(this.location);
      this.afterLoad();
    } catch (e) {
      throw new CrmDatabaseError(`the CRM database ${this.location} could not be written: ${errorMessage(e)}`);
    } finally {
      this.inTx = false;
      this.release();
    }
  }

  rollback(): void {
    if (this.inTx) {
      try {
        this.db.exec('ROLLBACK');
      } finally {
        this.inTx = false;
      }
    }
    this.release();
  }

  changeLog(): RawChange[] {
    return this.opts.track && this.inTx ? readLog(this.db) : [];
  }

  /** The whole database as bytes (crm export, tests). */
  bytes(): Uint8Array {
    this.refresh();
    const b = this.db.export();
    this.afterLoad();
    return b;
  }

  close(): void {
    if (this.inTx) this.rollback();
    for (const s of this.cache.values()) s.free();
    this.cache.clear();
    this.db.close();
  }
}
