/**
 * The store in PostgreSQL, for several daemons (and TUIs, CLIs) on several machines. The same
 * StoreData, the same update callbacks as the JSON store:
 *
 * - open() creates or migrates the tables (schema-sql.ts) and loads the store into memory; read()
 *   is the cached snapshot (no query per read).
 * - update() runs in one transaction holding a transaction-level advisory lock (the database-wide
 *   equivalent of the JSON store's lock file): it first catches up with every change since this
 *   process last looked (rows whose `rev` is newer), runs the callback on a copy-on-write view,
 *   validates what changed and writes only those rows, then NOTIFYs.
 * - watch() LISTENs for those notifications and catches up, so changes made anywhere reach every
 *   process without polling.
 */
import pg from 'pg';
import { StoreError } from '../errors.js';
import { STORE_VERSION, emptyStoreData, type CollectionName, type Lease, type Settings, type StoreData } from '../schema.js';
import { COLLECTIONS, isEmptyChange, trackedUpdate } from '../changes.js';
import { validateChanges } from '../validate.js';
import { materialize, type LeaseJudge, type LeaseRequest, type StoreBackend, type WatchOptions } from '../backend.js';
import { CHANGE_CHANNEL, TABLES, WRITE_LOCK } from './schema-sql.js';
import { APP_PREFIX, migratePg, pgError, redactUrl } from './connect.js';
import { writeAll } from './bulk.js';
import { releaseLeasesPg, takeLeasesPg } from './leases.js';
import { PgFiles } from './files.js';
import { checkout, pgPool } from './checkout.js';

type Row = { id: string; seq: string; data: { id: string } };

const CONNECTION = { connectionTimeoutMillis: 15_000, keepAlive: true } as const;

export interface PgOpenOptions {
  seed?: boolean;
  /** Who this process is, as other processes see it (a daemon: "daemon <pid>@<host>"). */
  role?: string;
  /** Load only these collections (`scripts list`: not the run history); such a store refuses update(). */
  only?: readonly CollectionName[];
}

/** The application_name of the store's connections: every daemon of a fleet is visible in pg_stat_activity. */

export class PgBackend implements StoreBackend {
  readonly kind = 'postgres' as const;
  readonly location: string;
  lastReadError: StoreError | null = null;
  readonly sharedFiles: PgFiles;

  private rev = 0;
  private settings: Settings = emptyStoreData().settings;
  private readonly rows = new Map<CollectionName, Map<string, { seq: number; e: { id: string } }>>();
  private readonly lists = new Map<CollectionName, Array<{ id: string }>>();
  private snap: StoreData | null = null;
  private listener: pg.Client | null = null;
  private readonly watchers = new Set<() => void>();
  private catchUpTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private only: readonly CollectionName[] | null = null; // opts.only; null: all

  private constructor(
    readonly pool: pg.Pool,
    readonly url: string,
    readonly dataDir: string,
    private readonly appName: string,
  ) {
    this.location = redactUrl(url);
    this.sharedFiles = new PgFiles(pool);
    for (const c of COLLECTIONS) this.rows.set(c, new Map());
  }

  static async open(url: string, dataDir: string, opts: PgOpenOptions = {}): Promise<PgBackend> {
    // allowExitOnIdle: a CLI command ends when its work is done, without an explicit close().
    // A connection attempt that hangs (a server going away mid-handshake) fails after a while and
    // is retried like a refused one; TCP keep-alive notices a peer that vanished.
    const appName = `${APP_PREFIX} ${opts.role ?? 'client'}`.slice(0, 63);
    const pool = pgPool({ connectionString: url, max: 4, allowExitOnIdle: true, application_name: appName, ...CONNECTION });
    const b = new PgBackend(pool, url, dataDir, appName);
    b.only = opts.only ?? null;
    try {
      await migratePg(pool, b.location);
      // a new store is written (seeded unless seed: false); one of a newer format is refused
      await b.transaction(async (c) => {
        const v = await c.query(`SELECT v FROM store_meta WHERE k = 'version'`);
        if (v.rowCount === 0) {
          const data = emptyStoreData();
          if (opts.seed ?? true) (await import('../seed.js')).seedDemo(data);
          await writeAll(c, data);
          return;
        }
        const version = Number(v.rows[0].v);
        if (version > STORE_VERSION) {
          throw new StoreError('newer-version', `The store in ${b.location} was written by a newer crmscript-tui (format ${version}); upgrade crmscript-tui.`);
        }
      });
      await b.loadAll();
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw pgError(e, b.location);
    }
    return b;
  }

  read(): StoreData {
    return this.snapshot();
  }

  /**
   * A lost connection (e.g. a database restart) before the commit was sent is
   * retried for up to 30 s: the transaction did not happen, and the retry
   * re-reads the latest state first. A connection lost during the commit is not
   * retried (it may have committed) and is reported.
   */
  async update<T>(fn: (d: StoreData) => T): Promise<T> {
    if (this.only) throw new Error('internal: a store opened for some collections only cannot be updated');
    const deadline = Date.now() + 30_000;
    let delay = 200;
    for (;;) {
      try {
        return await this.updateOnce(fn);
      } catch (e) {
        if (!isConnectionLoss(e) || (e as { duringCommit?: boolean }).duringCommit || Date.now() > deadline || this.closed) {
          throw pgError(e, this.location);
        }
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 2000);
      }
    }
  }

  private async updateOnce<T>(fn: (d: StoreData) => T): Promise<T> {
    return this.transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      await this.catchUp(c, true);
      const base = this.snapshot();
      const { result, doc, changes } = trackedUpdate(base, fn);
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        throw new Error('Store.update() callbacks must be synchronous.');
      }
      if (isEmptyChange(changes)) return result;
      validateChanges(doc, changes);
      const r = await c.query(`UPDATE store_meta SET v = to_jsonb((v #>> '{}')::bigint + 1) WHERE k = 'rev' RETURNING v`);
      const rev = Number(r.rows[0].v);
      const applied: Array<() => void> = [];
      for (const [coll, ch] of changes.collections) {
        const table = TABLES[coll];
        if (ch.upserts.length > 0) {
          const ids = ch.upserts.map((u) => u.entity.id);
          const datas = ch.upserts.map((u) => JSON.stringify(u.entity));
          const res = await c.query(
            `INSERT INTO ${table} (id, rev, data) SELECT * FROM unnest($1::text[], array_fill($2::bigint, ARRAY[cardinality($1::text[])]), $3::jsonb[])
             ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, data = excluded.data RETURNING id, seq`,
            [ids, rev, datas],
          );
          const seqs = new Map<string, number>(res.rows.map((x: { id: string; seq: string }) => [x.id, Number(x.seq)]));
          applied.push(() => {
            const m = this.rows.get(coll)!;
            for (const u of ch.upserts) m.set(u.entity.id, { seq: seqs.get(u.entity.id)!, e: u.entity });
          });
        }
        if (ch.deletes.length > 0) {
          await c.query(`DELETE FROM ${table} WHERE id = ANY($1::text[])`, [ch.deletes]);
          await c.query(`INSERT INTO store_deleted (rev, coll, id) SELECT $1, $2, unnest($3::text[])`, [rev, coll, ch.deletes]);
          applied.push(() => {
            const m = this.rows.get(coll)!;
            for (const id of ch.deletes) m.delete(id);
          });
        }
        applied.push(() => this.lists.delete(coll));
      }
      if (changes.settings) {
        await c.query(`UPDATE store_meta SET v = $1 WHERE k = 'settings'`, [JSON.stringify(doc.settings)]);
        applied.push(() => (this.settings = doc.settings));
      }
      await c.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, String(rev)]);
      // Applied to the cache once the transaction committed (see transaction()).
      (c as pg.PoolClient & { afterCommit?: () => void }).afterCommit = () => {
        for (const a of applied) a();
        this.rev = rev;
        this.snap = null;
      };
      return result;
    });
  }

  watch(cb: () => void, _opts: WatchOptions = {}): () => void {
    this.watchers.add(cb);
    void this.listen();
    return () => {
      this.watchers.delete(cb);
    };
  }

  /** Row leases with FOR UPDATE SKIP LOCKED (leases.ts). */
  async takeLeases(wanted: LeaseRequest[], owner: string, now: Date, free: LeaseJudge): Promise<Map<string, Lease | null>> {
    try {
      return await takeLeasesPg(this.pool, wanted, owner, now, free);
    } catch (e) {
      throw pgError(e, this.location);
    }
  }

  async releaseLeases(taskIds: string[], owner: string): Promise<void> {
    try {
      await releaseLeasesPg(this.pool, taskIds, owner);
    } catch (e) {
      throw pgError(e, this.location);
    }
  }

  async connectedDaemons(): Promise<string[]> {
    try {
      const r = await this.pool.query(
        `SELECT DISTINCT substr(application_name, $1) AS who FROM pg_stat_activity WHERE datname = current_database() AND starts_with(application_name, $2) ORDER BY 1`,
        [APP_PREFIX.length + 2, `${APP_PREFIX} daemon `],
      );
      return (r.rows as Array<{ who: string }>).map((x) => x.who);
    } catch (e) {
      throw pgError(e, this.location);
    }
  }

  async replaceAll(data: StoreData): Promise<void> {
    const { storeSchema, describeIssues } = await import('../schema.js');
    const parsed = storeSchema.safeParse(materialize(data));
    if (!parsed.success) throw new StoreError('invalid', `The data is not a valid crmscript-tui store: ${describeIssues(parsed.error)}.`);
    try {
      await this.transaction(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
        await writeAll(c, parsed.data);
      });
      await this.loadAll();
    } catch (e) {
      throw pgError(e, this.location);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watchers.clear();
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  // ---------------------------------------------------------------- internals

  private snapshot(): StoreData {
    if (this.snap) return this.snap;
    const d = { version: STORE_VERSION, settings: this.settings } as StoreData;
    for (const c of COLLECTIONS) {
      let list = this.lists.get(c);
      if (!list) {
        list = [...this.rows.get(c)!.values()].sort((a, b) => a.seq - b.seq).map((r) => r.e);
        this.lists.set(c, list);
      }
      (d as unknown as Record<string, unknown>)[c] = list;
    }
    this.snap = d;
    return d;
  }

  /** Load every table (open, store copy). */
  private async loadAll(): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const meta = await c.query(`SELECT k, v FROM store_meta`);
      const byKey = new Map<string, unknown>(meta.rows.map((r: { k: string; v: unknown }) => [r.k, r.v]));
      const { settingsSchema } = await import('../schema.js');
      this.settings = settingsSchema.parse(byKey.get('settings') ?? {});
      for (const coll of this.only ?? COLLECTIONS) {
        const res = await c.query(`SELECT id, seq, data FROM ${TABLES[coll]}`);
        const m = this.rows.get(coll)!;
        m.clear();
        for (const r of res.rows as Row[]) m.set(r.id, { seq: Number(r.seq), e: r.data });
        this.lists.delete(coll);
      }
      this.rev = Number(byKey.get('rev') ?? 0);
    });
    this.snap = null;
  }

  /** Apply every change newer than this.rev; whether anything changed. Unlocked (the listener's), what
   * it read is dropped when an update of ours committed meanwhile: the cache never goes back. */
  private async catchUp(c: pg.ClientBase, locked = false): Promise<boolean> {
    const from = this.rev;
    const cur = await c.query(`SELECT v FROM store_meta WHERE k = 'rev'`);
    const rev = Number(cur.rows[0]?.v ?? 0);
    if (rev === from) return false;
    const parts = COLLECTIONS.map((coll) => `SELECT '${coll}' AS coll, id, seq, data FROM ${TABLES[coll]} WHERE rev > $1`);
    const res = await c.query(parts.join(' UNION ALL '), [from]);
    const del = await c.query(`SELECT coll, id FROM store_deleted WHERE rev > $1`, [from]);
    const s = await c.query(`SELECT v FROM store_meta WHERE k = 'settings'`);
    if (!locked && this.rev !== from) return false; // older than what an update of ours applied
    for (const r of res.rows as Array<Row & { coll: CollectionName }>) {
      this.rows.get(r.coll)!.set(r.id, { seq: Number(r.seq), e: r.data });
      this.lists.delete(r.coll);
    }
    for (const r of del.rows as Array<{ coll: CollectionName; id: string }>) {
      this.rows.get(r.coll)?.delete(r.id);
      this.lists.delete(r.coll);
    }
    if (s.rowCount) this.settings = s.rows[0].v as Settings;
    this.rev = rev;
    this.snap = null;
    return true;
  }

  private async transaction<T>(job: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await checkout(this.pool);
    let broken: Error | undefined;
    try {
      await c.query('BEGIN');
      const out = await job(c);
      try {
        await c.query('COMMIT');
      } catch (e) {
        if (e && typeof e === 'object') (e as { duringCommit?: boolean }).duringCommit = true;
        throw e;
      }
      (c as pg.PoolClient & { afterCommit?: () => void }).afterCommit?.();
      return out;
    } catch (e) {
      if (isConnectionLoss(e)) broken = e as Error;
      else await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      delete (c as pg.PoolClient & { afterCommit?: () => void }).afterCommit;
      c.release(broken); // a broken connection leaves the pool
    }
  }

  /** LISTEN for changes (one connection per process), reconnecting after a database restart. */
  private async listen(): Promise<void> {
    if (this.listener || this.closed) return;
    const client = new pg.Client({ connectionString: this.url, application_name: this.appName, ...CONNECTION });
    this.listener = client;
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => undefined);
      if (this.closed || this.watchers.size === 0) return;
      const t = setTimeout(() => void this.listen(), 1000);
      t.unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', () => this.scheduleCatchUp());
    try {
      await client.connect();
      // The listening connection alone must not keep a process alive.
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      this.scheduleCatchUp(); // changes made while we were not listening
    } catch {
      retry();
    }
  }

  private scheduleCatchUp(): void {
    if (this.catchUpTimer || this.closed) return;
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = null;
      void checkout(this.pool)
        .then(async (c) => {
          try {
            return await this.catchUp(c);
          } finally {
            c.release();
          }
        })
        .then((changed) => {
          this.lastReadError = null;
          if (changed) for (const cb of [...this.watchers]) safeCall(cb);
        })
        .catch((e) => {
          this.lastReadError = pgError(e, this.location);
        });
    }, 20);
    this.catchUpTimer.unref();
  }
}

/** A failure of the connection rather than of the statement (server restart, network). */
function isConnectionLoss(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  if (!err) return false;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006'].includes(err.code ?? '')) return true;
  return /Connection terminated|connection error|Client was closed|not queryable/i.test(err.message ?? '');
}

function safeCall(cb: () => void): void {
  try {
    cb();
  } catch {
    // a failing listener must not stop the others
  }
}
