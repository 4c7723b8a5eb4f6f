/**
 * A connection taken from the pool for a sequence of queries. While it is checked out the pool
 * does not listen for its errors, and pg emits an error that arrives between queries (the server
 * ends the connection: a restart, an administrator's pg_terminate_backend) as an 'error' event —
 * with no listener, one that ends the process. This listens while the connection is out, and a
 * connection that had such an error leaves the pool when it is released instead of going back.
 */
import type pg from 'pg';

export async function checkout(pool: pg.Pool): Promise<pg.PoolClient> {
  const c = await pool.connect();
  let lost: Error | undefined;
  const onError = (e: Error): void => {
    lost ??= e;
  };
  c.on('error', onError);
  const release = c.release;
  c.release = (broken?: Error | boolean) => {
    c.removeListener('error', onError);
    release.call(c, broken || lost);
  };
  return c;
}
