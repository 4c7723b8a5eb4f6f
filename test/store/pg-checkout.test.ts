// A pooled PostgreSQL connection checked out for a transaction (src/store/pg/checkout.ts): when the
// server ends it between two queries (a restart, pg_terminate_backend), pg reports that as an
// 'error' event of the connection. That must not end the process (before the fix it did: the pool
// does not listen while a connection is out, and an 'error' event without a listener throws), and
// the broken connection must not go back into the pool.
import { expect, it } from 'vitest';
import pg from 'pg';
import { checkout, pgPool } from '../../src/store/pg/checkout.js';
import { freshPgUrl, pgOnlyDescribe } from './backends.js';

pgOnlyDescribe('a checked-out connection', () => {
  it('ended by the server between queries: the process goes on, the next query fails, the pool gives a new connection', async () => {
    const url = await freshPgUrl();
    const pool = pgPool({ connectionString: url, max: 1 });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const c = await checkout(pool);
      const pid = Number((await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      const ended = new Promise<void>((resolve) => c.once('end', () => resolve()));
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await ended; // the server's error arrived first, with no query running
      await expect(c.query('SELECT 1')).rejects.toThrow();
      c.release();
      const d = await checkout(pool); // the pool holds one connection: not the broken one
      expect(Number((await d.query('SELECT pg_backend_pid() AS pid')).rows[0].pid)).not.toBe(pid);
      d.release();
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
