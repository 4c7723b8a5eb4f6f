// The write lock of a CRM database file, shared by every process and worker thread that opens it.
// A lock is a directory created atomically beside the database (`crm.sqlite.lock/`) holding who
// owns it: process id, a token naming the run, and the time after which the lock counts as
// abandoned (a run's time limit: a worker ended by its limit cannot release what it holds).
// Waiting is synchronous (natives cannot await); a lock whose owner process is gone, or whose
// time is up, is taken over.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { CrmDatabaseError } from './errors.js';
import { errorMessage } from '../interp/util/error-message.js';

export interface LockOwner {
  pid: number;
  host: string;
  token: string;
  /** Epoch ms after which the lock is abandoned. */
  until: number;
}

const pause = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDir(dbPath: string): string {
  return `${dbPath}.lock`;
}

export function readOwner(dbPath: string): LockOwner | null {
  const file = join(lockDir(dbPath), 'owner.json');
  if (!existsSync(file)) return null; // no lock (most runs): no failed read to pay for
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

function abandoned(owner: LockOwner | null, now: number): boolean {
  if (!owner) return false; // being created right now: wait for its owner file
  if (owner.until < now) return true;
  return owner.host === hostname() && !alive(owner.pid);
}

/**
 * Takes the write lock, waiting up to `waitMs`. `token` names the holder (released by token);
 * `holdUntil` is when others may take it over if this holder never releases it.
 */
export function acquireLock(dbPath: string, token: string, holdUntil: number, waitMs: number): void {
  const dir = lockDir(dbPath);
  const deadline = Date.now() + waitMs;
  let delay = 2;
  let ownerMissingSince = 0;
  for (;;) {
    try {
      mkdirSync(dir);
      const owner: LockOwner = { pid: process.pid, host: hostname(), token, until: holdUntil };
      writeFileSync(join(dir, 'owner.json'), JSON.stringify(owner));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new CrmDatabaseError(`cannot lock the CRM database (${errorMessage(e)})`);
    }
    const owner = readOwner(dbPath);
    const now = Date.now();
    if (owner?.token === token) return; // already ours
    if (!owner) ownerMissingSince ||= now;
    else ownerMissingSince = 0;
    // a lock directory without an owner file for a second: its creator died between the two steps
    if (abandoned(owner, now) || (ownerMissingSince && now - ownerMissingSince > 1000)) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (now >= deadline) {
      const who = owner ? `process ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''}` : 'another process';
      throw new CrmDatabaseError(`the CRM database is busy: ${who} is writing to it (waited ${Math.round(waitMs / 1000)} s)`);
    }
    sleepSync(Math.min(delay, Math.max(1, deadline - now)));
    delay = Math.min(delay * 2, 50);
  }
}

/** Releases the lock if `token` holds it. Returns whether it did. */
export function releaseLock(dbPath: string, token: string): boolean {
  const owner = readOwner(dbPath);
  if (!owner || owner.token !== token) return false;
  rmSync(lockDir(dbPath), { recursive: true, force: true });
  return true;
}
