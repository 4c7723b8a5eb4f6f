// A server that shuts down just as a store connection opens (src/store/pg/checkout.ts): its
// "ready for query" and "terminating connection" arrive in one packet, and pg reads both in one
// go — after the pool handed the connection over and before the caller could listen for its
// errors. That 'error' event had no listener and ended the process (seen once in CI, during
// the daemon's database-restart test). A small server speaking PostgreSQL's wire protocol sends
// exactly that packet.
import { afterEach, expect, it } from 'vitest';
import net from 'node:net';
import { checkout, pgPool } from '../../src/store/pg/checkout.js';

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function authOk(): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(0);
  return message('R', b);
}

function fatal(code: string, text: string): Buffer {
  const fields = [`SFATAL`, `VFATAL`, `C${code}`, `M${text}`].map((f) => Buffer.from(`${f}\0`, 'latin1'));
  return message('E', Buffer.concat([...fields, Buffer.from([0])]));
}

const servers: net.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** Answers every startup with "authenticated, ready" and "terminating" in one write, then hangs up. */
async function shuttingDownServer(): Promise<number> {
  const server = net.createServer((sock) => {
    sock.once('data', () => {
      sock.end(Buffer.concat([authOk(), message('Z', Buffer.from('I')), fatal('57P01', 'terminating connection due to administrator command')]));
    });
    sock.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

it('a connection ended by the server in the packet that opened it: the process goes on, the connection leaves the pool', async () => {
  const port = await shuttingDownServer();
  const pool = pgPool({ host: '127.0.0.1', port, user: 'u', database: 'd', password: 'p', max: 1 });
  try {
    const c = await checkout(pool);
    await expect(c.query('SELECT 1')).rejects.toThrow();
    c.release();
    await expect.poll(() => pool.totalCount).toBe(0); // the broken connection did not go back
  } finally {
    await pool.end();
  }
});
