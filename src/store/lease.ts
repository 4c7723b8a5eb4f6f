/**
 * Who holds a task's lease, and whether that holder can still be alive.
 *
 * An owner id is "daemon:<pid>@<host>/<instance>". A lease whose holder ran on
 * this host under a pid that no longer exists is treated as released at once
 * (a daemon killed with kill -9 and restarted need not wait out the lock time);
 * a holder on another host is trusted until the lease's `until`.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Lease } from './schema.js';

export function newOwnerId(pid: number = process.pid, host: string = hostname()): string {
  return `daemon:${pid}@${host}/${randomBytes(4).toString('hex')}`;
}

export function parseOwner(owner: string): { pid: number; host: string } | null {
  const m = /^daemon:(\d+)@(.*)\/[0-9a-f]+$/.exec(owner);
  return m ? { pid: Number(m[1]), host: m[2]! } : null;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, but is someone else's
  }
}

/** False only when the owner is known to be gone (same host, process does not exist). */
export function ownerMayBeAlive(owner: string, isAlive: (pid: number) => boolean = pidAlive, host: string = hostname()): boolean {
  const o = parseOwner(owner);
  if (!o || o.host !== host) return true;
  return isAlive(o.pid);
}

export type LeaseState = 'free' | 'held' | 'expired' | 'owner-gone';

export function leaseState(lease: Lease | null, now: Date, isAlive?: (pid: number) => boolean): LeaseState {
  if (!lease) return 'free';
  if (Date.parse(lease.until) <= now.getTime()) return 'expired';
  if (!ownerMayBeAlive(lease.owner, isAlive)) return 'owner-gone';
  return 'held';
}

/** "process 123 on host" for messages. */
export function describeOwner(owner: string): string {
  const o = parseOwner(owner);
  return o ? `process ${o.pid} on ${o.host}` : owner;
}
