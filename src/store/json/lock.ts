/**
 * The inter-process lock of a JSON store: a lock directory `store.json.lock`
 * beside the files (proper-lockfile: kept fresh while held, taken over when
 * stale after a crash), plus an in-process queue so one process never competes
 * with itself for the lock.
 */
import { join } from 'node:path';
import { LOCK_FILE } from '../paths.js';
import { StoreError, describeFsError } from '../errors.js';
import { serialize } from '../../interp/util/serialize.js';

export interface LockOptions {
  staleMs: number;
  waitMs: number;
}

/**
 * Run `job` holding the lock of the store in `dataDir`. `assertHeld` throws
 * when the lock was lost meanwhile (call it right before writing).
 */
export function withStoreLock<T>(dataDir: string, opts: LockOptions, job: (assertHeld: () => void) => Promise<T>): Promise<T> {
  return serialize(dataDir, async () => {
    let compromised: Error | null = null;
    let release: () => Promise<void>;
    try {
      // Loaded on the first write, so read-only commands start faster.
      const { default: lockfile } = await import('proper-lockfile');
      release = await lockfile.lock(dataDir, {
        lockfilePath: join(dataDir, LOCK_FILE),
        realpath: false,
        stale: opts.staleMs,
        retries: {
          retries: Math.max(1, Math.ceil(opts.waitMs / 40)),
          factor: 1.2,
          minTimeout: 5,
          maxTimeout: 50,
          randomize: true,
        },
        onCompromised: (err) => {
          compromised = err;
        },
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOCKED') {
        throw new StoreError(
          'lock',
          `The store in ${dataDir} stayed locked by another process for ${Math.round(opts.waitMs / 1000)} s; try again, or remove ${join(dataDir, LOCK_FILE)} if no crmscript-tui process is running.`,
        );
      }
      throw new StoreError('lock', `Cannot lock the store in ${dataDir}: ${describeFsError(e)}.`);
    }
    const assertHeld = () => {
      if (compromised) {
        throw new StoreError('lock', `The lock on the store in ${dataDir} was lost (the process was too busy to keep it); the change was not saved, try again.`);
      }
    };
    try {
      return await job(assertHeld);
    } finally {
      await release().catch(() => undefined);
    }
  });
}
