/**
 * The task leases of one daemon's scheduler passes: before its claim, the
 * scheduler takes the leases of the tasks it found due (store.takeLeases:
 * PostgreSQL row leases with FOR UPDATE SKIP LOCKED; the JSON store takes them
 * inside the claim's update, under its file lock), and it gives back those it
 * did not use, and a run's lease once the run's end is recorded.
 */
import type { Store } from '../store/store.js';
import type { Lease, StoreData } from '../store/schema.js';
import { getById } from '../store/repos.js';
import { leaseState } from '../store/lease.js';
import type { Logger } from './log.js';
import { errorMessage } from '../interp/util/error-message.js';

export class TaskLeases {
  constructor(
    private readonly store: Store,
    private readonly owner: string,
    private readonly isAlive: (pid: number) => boolean,
    private readonly log: Logger,
  ) {}

  /** Leases of the tasks `due` names (as judged on `snapshot`); null when they could not be taken (logged). */
  async take(snapshot: StoreData, due: string[], now: Date): Promise<Map<string, Lease | null> | null> {
    const wanted = due.flatMap((id) => {
      const task = getById(snapshot, 'tasks', id);
      return task ? [{ taskId: task.id, minutes: Math.max(task.lockMinutes, 1) }] : [];
    });
    try {
      return await this.store.takeLeases(wanted, this.owner, now, (l) => leaseState(l, now, this.isAlive) !== 'held');
    } catch (e) {
      this.log.error('cannot take task leases', { reason: errorMessage(e) });
      return null;
    }
  }

  /** Gives back leases this daemon holds but does not use (or no longer needs). */
  async giveBack(taskIds: string[]): Promise<void> {
    try {
      await this.store.releaseLeases(taskIds, this.owner);
    } catch (e) {
      this.log.warn('cannot give back task leases; they pass on when their time is up', { reason: errorMessage(e) });
    }
  }
}
