/** `store migrate` on PostgreSQL: create or upgrade the tables of the database at a URL. */
import { pgPool } from './checkout.js';
import { migratePg, pgError, redactUrl } from './connect.js';

export async function migratePgUrl(url: string): Promise<{ from: number; to: number }> {
  const pool = pgPool({ connectionString: url, max: 1 });
  try {
    return await migratePg(pool, redactUrl(url));
  } catch (e) {
    throw pgError(e, redactUrl(url));
  } finally {
    await pool.end().catch(() => undefined);
  }
}
