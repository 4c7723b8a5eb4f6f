/** Writing a whole store into the PostgreSQL tables (new store, store copy), keeping every collection's order. */
import type pg from 'pg';
import { STORE_VERSION, type StoreData } from '../schema.js';
import { COLLECTIONS } from '../changes.js';
import { CHANGE_CHANNEL, TABLES } from './schema-sql.js';

const BATCH = 2000;

/** Replace everything with `data` (inside the caller's transaction). */
export async function writeAll(c: pg.ClientBase, data: StoreData): Promise<void> {
  const r = await c.query(`UPDATE store_meta SET v = to_jsonb((v #>> '{}')::bigint + 1) WHERE k = 'rev' RETURNING v`);
  const rev = Number(r.rows[0].v);
  // store_files too: the caller (store copy) writes the contents that go with `data` afterwards.
  await c.query(`TRUNCATE ${Object.values(TABLES).join(', ')}, store_deleted, store_files`);
  let seq = 0;
  for (const coll of COLLECTIONS) {
    const list = data[coll] as Array<{ id: string }>;
    for (let i = 0; i < list.length; i += BATCH) {
      const part = list.slice(i, i + BATCH);
      // seq keeps the collection's order: offset + position in the batch.
      await c.query(
        `INSERT INTO ${TABLES[coll]} (id, seq, rev, data)
         SELECT id, $4::bigint + n, $2, data FROM unnest($1::text[], $3::jsonb[]) WITH ORDINALITY AS t(id, data, n)`,
        [part.map((e) => e.id), rev, part.map((e) => JSON.stringify(e)), seq],
      );
      seq += part.length;
    }
  }
  await c.query(`SELECT setval('store_seq', $1::bigint + 1)`, [seq]);
  await c.query(`INSERT INTO store_meta (k, v) VALUES ('settings', $1) ON CONFLICT (k) DO UPDATE SET v = excluded.v`, [JSON.stringify(data.settings)]);
  await c.query(`INSERT INTO store_meta (k, v) VALUES ('version', $1) ON CONFLICT (k) DO UPDATE SET v = excluded.v`, [JSON.stringify(STORE_VERSION)]);
  await c.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, String(rev)]);
}
