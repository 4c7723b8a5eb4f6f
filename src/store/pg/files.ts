/**
 * The contents kept beside the store's records (trace recordings, long run
 * outputs) in PostgreSQL: one row per file of the data directory's layout
 * (`traces/<id>.trace`, `blobs/<id>`), so a recording made by a daemon on one
 * machine can be replayed by the TUI or `traces show` on another that shares
 * only the database.
 */
import type pg from 'pg';
import type { SharedFiles } from '../backend.js';

export class PgFiles implements SharedFiles {
  constructor(private readonly pool: pg.Pool) {}

  async read(rel: string): Promise<Buffer | null> {
    const r = await this.pool.query(`SELECT data FROM store_files WHERE path = $1`, [rel]);
    return r.rowCount ? (r.rows[0].data as Buffer) : null;
  }

  async write(rel: string, data: Buffer): Promise<void> {
    await this.pool.query(
      `INSERT INTO store_files (path, data) VALUES ($1, $2) ON CONFLICT (path) DO UPDATE SET data = excluded.data, written_at = now()`,
      [rel, data],
    );
  }

  async delete(rels: string[]): Promise<void> {
    if (rels.length > 0) await this.pool.query(`DELETE FROM store_files WHERE path = ANY($1::text[])`, [rels]);
  }

  async prune(prefix: string, keep: Set<string>, olderThan: Date): Promise<number> {
    const r = await this.pool.query(`SELECT path FROM store_files WHERE starts_with(path, $1) AND written_at < $2`, [prefix, olderThan]);
    const drop = (r.rows as Array<{ path: string }>).map((x) => x.path).filter((p) => !keep.has(p));
    await this.delete(drop);
    return drop.length;
  }
}
