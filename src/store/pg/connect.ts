/**
 * Connecting to the PostgreSQL store: schema migrations (under an advisory
 * lock, so several daemons starting at once migrate once), readable errors and
 * URLs without passwords in messages.
 */
import type pg from 'pg';
import { checkout } from './checkout.js';
import { StoreError } from '../errors.js';
import { MIGRATE_LOCK, PG_MIGRATIONS, PG_SCHEMA_VERSION } from './schema-sql.js';

/** How the store's connections name themselves to the server (pg_stat_activity), before their role. */
export const APP_PREFIX = 'crmscript-tui';

/** The URL as shown to users: the password replaced by "***". */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:\/\/([^:/@]*):[^@]*@/, '://$1:***@');
  }
}

/** A StoreError with a sentence for a database problem (connection refused, no such database, ...). */
export function pgError(e: unknown, where: string): StoreError {
  if (e instanceof StoreError) return e;
  const err = e as { code?: string; message?: string };
  const msg = err?.message ?? String(e);
  if (err?.code === 'ECONNREFUSED' || err?.code === 'ENOTFOUND' || err?.code === 'ETIMEDOUT' || err?.code === 'EAI_AGAIN') {
    return new StoreError('io', `Cannot reach the PostgreSQL store at ${where} (${err.code}); check that the server runs and the URL is right.`);
  }
  if (err?.code === '3D000') return new StoreError('io', `The database of ${where} does not exist (${msg}); create it first (createdb).`);
  if (err?.code === '28P01' || err?.code === '28000') return new StoreError('io', `PostgreSQL refused the login for ${where} (${msg}).`);
  if (err?.code === '57P01' || /terminat|Connection terminated|connection.*closed/i.test(msg)) {
    return new StoreError('io', `The connection to the PostgreSQL store at ${where} was lost (${msg}); the change was not saved, try again.`);
  }
  return new StoreError('io', `The PostgreSQL store at ${where} failed: ${msg}.`);
}

/** The schema version of the database (0 = no tables yet). */
export async function pgSchemaVersion(c: pg.ClientBase): Promise<number> {
  const t = await c.query(`SELECT to_regclass('store_meta') AS t`);
  if (!t.rows[0]?.t) return 0;
  const v = await c.query(`SELECT v FROM store_meta WHERE k = 'schema'`);
  return v.rowCount ? Number(v.rows[0].v) : 0;
}

/**
 * Create or upgrade the tables. Returns the versions before and after.
 * Refuses a database whose schema is newer than this build.
 */
export async function migratePg(pool: pg.Pool, where: string): Promise<{ from: number; to: number }> {
  const c = await checkout(pool);
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    const from = await pgSchemaVersion(c);
    if (from > PG_SCHEMA_VERSION) {
      throw new StoreError('newer-version', `The store in ${where} uses database schema ${from}; this crmscript-tui knows up to ${PG_SCHEMA_VERSION}. Upgrade crmscript-tui.`);
    }
    for (const m of PG_MIGRATIONS) {
      if (m.to <= from) continue;
      for (const sql of m.statements) await c.query(sql);
      await c.query(`INSERT INTO store_meta (k, v) VALUES ('schema', $1) ON CONFLICT (k) DO UPDATE SET v = excluded.v`, [JSON.stringify(m.to)]);
    }
    await c.query('COMMIT');
    return { from, to: Math.max(from, PG_SCHEMA_VERSION) };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
