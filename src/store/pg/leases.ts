/**
 * Task leases in PostgreSQL: one row per task in task_leases, taken with
 * `SELECT … FOR UPDATE SKIP LOCKED`. A daemon locks the rows of the tasks it
 * finds due, skipping rows another daemon is deciding about at that moment
 * (it neither waits nor blocks), keeps those whose lease is free, expired or
 * held by a process known to be gone, and writes itself in with an end time.
 * A daemon killed with -9 never releases its leases: they pass on when their
 * time is up. The claim that follows (store update) records the run only for a
 * lease this daemon holds, so each due run happens once across daemons.
 */
import type pg from 'pg';
import { checkout } from './checkout.js';
import type { Lease } from '../schema.js';
import type { LeaseJudge, LeaseRequest } from '../backend.js';

type Row = { task_id: string; owner: string | null; until: Date | null };

export async function takeLeasesPg(pool: pg.Pool, wanted: LeaseRequest[], owner: string, now: Date, free: LeaseJudge): Promise<Map<string, Lease | null>> {
  const ids = wanted.map((w) => w.taskId);
  await pool.query(`INSERT INTO task_leases (task_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [ids]);
  const c = await checkout(pool);
  let broken: Error | undefined;
  try {
    await c.query('BEGIN');
    const rows = (await c.query(`SELECT task_id, owner, until FROM task_leases WHERE task_id = ANY($1::text[]) FOR UPDATE SKIP LOCKED`, [ids])).rows as Row[];
    const taken = new Map<string, Lease | null>();
    for (const r of rows) {
      const current: Lease | null = r.owner && r.until ? { owner: r.owner, until: r.until.toISOString() } : null;
      if (current && current.owner !== owner && !free(current)) continue;
      const minutes = Math.max(wanted.find((w) => w.taskId === r.task_id)!.minutes, 1);
      taken.set(r.task_id, { owner, until: new Date(now.getTime() + minutes * 60_000).toISOString() });
    }
    if (taken.size > 0) {
      const list = [...taken];
      await c.query(`UPDATE task_leases l SET owner = $1, until = t.until FROM unnest($2::text[], $3::timestamptz[]) AS t(id, until) WHERE l.task_id = t.id`, [
        owner,
        list.map(([id]) => id),
        list.map(([, l]) => l!.until),
      ]);
    }
    await c.query('COMMIT');
    return taken;
  } catch (e) {
    broken = e as Error;
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release(broken);
  }
}

export async function releaseLeasesPg(pool: pg.Pool, taskIds: string[], owner: string): Promise<void> {
  await pool.query(`UPDATE task_leases SET owner = NULL, until = NULL WHERE task_id = ANY($1::text[]) AND owner = $2`, [taskIds, owner]);
}
