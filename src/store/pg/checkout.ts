/**
 * The store's connection pool and the connections taken from it.
 *
 * pg reports an error that arrives when no query runs (the server ends the connection: a
 * restart, an administrator's pg_terminate_backend) as an 'error' event of the connection, and
 * an 'error' event without a listener ends the process. The pool listens only while a
 * connection is idle in it, and there are gaps: while a connection is checked out, and between
 * the pool handing over a new connection and the caller's first line running — a server that
 * shuts down just as a connection opens sends "ready" and "terminating" in one packet, and pg
 * reads both in one go. So every connection of the store's pools listens from its creation for
 * its whole life, and one that had such an error leaves the pool when it is released instead of
 * going back.
 */
import pg from 'pg';

/** A connection that always listens for its errors and remembers the first. */
class ListeningClient extends pg.Client {
  lost: Error | undefined;
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', (e: Error) => {
      this.lost ??= e;
    });
  }
}

/** A pool of connections that never end the process with an unheard 'error' event. */
export function pgPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ ...config, Client: ListeningClient as unknown as typeof pg.Client });
  pool.on('error', () => undefined); // an idle connection dropped (e.g. a database restart): the next query reconnects
  return pool;
}

/** A connection for a sequence of queries; a broken one leaves the pool at release. */
export async function checkout(pool: pg.Pool): Promise<pg.PoolClient> {
  const c = await pool.connect();
  const release = c.release;
  c.release = (broken?: Error | boolean) => {
    release.call(c, broken || (c as unknown as ListeningClient).lost);
  };
  return c;
}
