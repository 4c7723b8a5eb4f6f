// Lateness of a claimed run: when it was due, the task's next due time, the scheduled times missed
// in between (recorded as one 'missed' run, not made up), and how late the run started.
import type { StoreData, Task } from '../store/schema.js';
import { finishTaskRun, startTaskRun } from '../store/repos.js';
import { followingRun, missedRuns, type ScheduleOptions } from '../tasks/schedule.js';
import { crmDateTime } from '../tasks/failures.js';
import type { Missed } from './scheduler-records.js';

/**
 * Moves a claimed task's nextRun on, inside the claim's update of `d`. Returns when the run was due
 * (its scheduled time, which may be up to `aheadMs` after now; `now` for Start now) and the
 * scheduled times missed between that time and now, which are recorded as one 'missed' run.
 */
export function advanceDue(d: StoreData, task: Task, now: Date, opts: ScheduleOptions, aheadMs = 0): { dueAt: Date; missed: Missed | null } {
  const scheduled = task.enabled && task.nextRun !== null && Date.parse(task.nextRun) <= now.getTime() + aheadMs;
  if (!scheduled) return { dueAt: now, missed: null };
  const dueAt = new Date(task.nextRun!);
  const following = followingRun(task.frequency, dueAt, now, opts);
  task.nextRun = following ? following.toISOString() : null;
  // the times between the one run now and the next are not made up: they are recorded as missed
  const m = missedRuns(task.frequency, dueAt, now, opts);
  if (!m) return { dueAt, missed: null };
  const first = m.first.toISOString();
  const last = m.last.toISOString();
  const gap = startTaskRun(d, task.id, first);
  const when = m.count === 1 ? `at ${crmDateTime(m.first)}` : `from ${crmDateTime(m.first)} to ${crmDateTime(m.last)}`;
  finishTaskRun(d, gap.id, {
    outcome: 'missed',
    endedAt: last,
    error: `${m.count} scheduled run${m.count === 1 ? ' was' : 's were'} missed (${when}): no daemon started ${m.count === 1 ? 'it' : 'them'} in time (none was running, or it could not keep up).`,
  });
  return { dueAt, missed: { taskName: task.name, count: m.count, first, last } };
}

/** How late a run starts on its worker: from the time it was due to this moment, in ms. */
export function lateMs(dueAt: Date, now: Date = new Date()): number {
  return now.getTime() - dueAt.getTime();
}
