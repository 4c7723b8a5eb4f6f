// The helper thread behind SyncPg (sync-client.ts): it owns one PostgreSQL connection and answers
// the requests of the thread that started it. The caller blocks (Atomics.wait) until the answer's
// flag is set; the answer itself travels on the message port and is read synchronously there.
import { workerData, type MessagePort } from 'node:worker_threads';
import pg from 'pg';
import type { PgReply, PgRequest } from './protocol.js';

const { port, flag, url } = workerData as { port: MessagePort; flag: Int32Array; url: string };

// values as the CRM stores them: 64-bit integers and numerics as numbers, dates as text, booleans as 1/0
const text = (v: string): string => v;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (v: string) => unknown {
    switch (oid) {
      case 20:
      case 21:
      case 23:
      case 1700:
      case 700:
      case 701:
        return Number;
      case 16:
        return (v: string) => (v === 't' ? 1 : 0);
      case 1082:
      case 1083:
      case 1114:
      case 1184:
        return text;
      default:
        return pg.types.getTypeParser(oid, format as 'text');
    }
  },
};

let client: pg.Client | null = null;
let lost: string | null = null;

async function connect(): Promise<pg.Client> {
  if (client) return client;
  const c = new pg.Client({ connectionString: url, types: types as never });
  c.on('error', (e) => {
    lost = e.message;
  });
  await c.connect();
  client = c;
  lost = null;
  return c;
}

/** `INSERT … VALUES ($1, …, $k)`: the part before VALUES and k. */
function multiRowInsert(sql: string): { head: string; width: number } | null {
  const m = /^([\s\S]*\bVALUES)\s*\(((?:\s*\$\d+\s*,)*\s*\$\d+\s*)\)\s*$/i.exec(sql);
  if (!m || !/^\s*insert\b/i.test(sql)) return null;
  const nums = m[2]!.split(',').map((x) => Number(x.trim().slice(1)));
  return nums.every((n, i) => n === i + 1) ? { head: m[1]!, width: nums.length } : null;
}

/**
 * One statement per row (bulk import). An INSERT of one row is sent as multi-row INSERTs of up to
 * ~30,000 values each (one round trip per chunk instead of per row); a chunk that fails is tried
 * again row by row (inside a savepoint) to name the row.
 */
async function batch(c: pg.Client, sql: string, rows: unknown[][]): Promise<number> {
  const one = async (row: unknown[], n: number): Promise<void> => {
    try {
      await c.query(sql, row);
    } catch (e) {
      throw Object.assign(e as Error, { row: n });
    }
  };
  const multi = multiRowInsert(sql);
  if (!multi || rows.length < 2) {
    for (let n = 0; n < rows.length; n++) await one(rows[n]!, n);
    return rows.length;
  }
  const per = Math.max(1, Math.floor(30_000 / multi.width));
  for (let start = 0; start < rows.length; start += per) {
    const part = rows.slice(start, start + per);
    let p = 0;
    const values = part.map(() => `(${Array.from({ length: multi.width }, () => `$${++p}`).join(', ')})`).join(', ');
    await c.query('SAVEPOINT crm_batch');
    try {
      await c.query(`${multi.head} ${values}`, part.flat());
      await c.query('RELEASE SAVEPOINT crm_batch');
    } catch {
      await c.query('ROLLBACK TO SAVEPOINT crm_batch');
      for (let i = 0; i < part.length; i++) await one(part[i]!, start + i);
      await c.query('RELEASE SAVEPOINT crm_batch');
    }
  }
  return rows.length;
}

async function answer(req: PgRequest): Promise<PgReply> {
  try {
    if (req.op === 'close') {
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
      return { ok: true, columns: [], rows: [], rowCount: 0 };
    }
    if (lost) {
      // the server went away (restart, network): the next request reconnects; this one fails
      const why = lost;
      client = null;
      lost = null;
      throw Object.assign(new Error(`the connection to PostgreSQL was lost (${why})`), { code: '08006' });
    }
    const c = await connect();
    if (req.op === 'batch') return { ok: true, columns: [], rows: [], rowCount: await batch(c, req.sql, req.rows) };
    if (req.op === 'script') {
      await c.query(req.sql);
      return { ok: true, columns: [], rows: [], rowCount: 0 };
    }
    const r = await c.query({ text: req.sql, values: req.params, rowMode: 'array' });
    const last = Array.isArray(r) ? (r as pg.QueryArrayResult[]).at(-1)! : r;
    return { ok: true, columns: (last.fields ?? []).map((f) => f.name), rows: last.rows ?? [], rowCount: last.rowCount ?? 0 };
  } catch (e) {
    const err = e as { message?: string; code?: string; row?: number };
    if (!client || err.code === '08006' || /Connection terminated|not queryable|ECONNRESET|ECONNREFUSED/i.test(err.message ?? '')) {
      const c = client;
      client = null;
      void c?.end().catch(() => undefined);
    }
    return { ok: false, message: err.message ?? String(e), code: err.code ?? '', row: err.row };
  }
}

port.on('message', (req: PgRequest) => {
  void answer(req).then((reply) => {
    port.postMessage(reply);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
});
