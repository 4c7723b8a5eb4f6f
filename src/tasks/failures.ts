// A task run that failed or was left behind: why (in the user's words) and the inputs of the
// ScheduledTaskFailed event that reports it (named as in the trigger catalog).
import { describeOwner, type LeaseState } from '../store/lease.js';
import { getById, taskRunsFor } from '../store/repos.js';
import type { StoreData, Task } from '../store/schema.js';

/** "YYYY-MM-DD HH:MM:SS" in local time, the way CRMScript prints a DateTime. */
export function crmDateTime(d: Date | null): string {
  if (!d) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Why a run whose lease is in `state` was left without an outcome. */
export function orphanReason(state: LeaseState, task: Task): string {
  if (state === 'owner-gone' && task.lease) return `The daemon running it (${describeOwner(task.lease.owner)}) stopped before the run finished.`;
  if (state === 'expired') return `The run did not finish within its lock time (${Math.max(task.lockMinutes, 1)} min); the daemon running it may have stopped.`;
  return 'The daemon running it stopped before the run finished.';
}

/** The inputs of ScheduledTaskFailed, named as in the trigger catalog. */
export function failedEventInputs(d: StoreData, task: Task, startedAt: string, error: string): Record<string, string> {
  const script = task.targetKind === 'script' ? getById(d, 'scripts', task.targetId) : undefined;
  const macro = task.targetKind === 'macro' ? getById(d, 'macros', task.targetId) : undefined;
  return {
    entryId: task.id,
    retries: String(Math.max(0, consecutiveFailures(d, task.id) - 1)),
    disabled: task.enabled ? '0' : '1',
    errorMessage: error,
    nextExecution: crmDateTime(task.nextRun ? new Date(task.nextRun) : null),
    executionTime: crmDateTime(new Date(startedAt)),
    scriptId: task.targetId,
    scriptName: script?.name ?? macro?.name ?? '',
    scriptIncludeId: script?.includeId ?? '',
  };
}

/** How many runs in a row, newest first, failed. */
function consecutiveFailures(d: StoreData, taskId: string): number {
  let n = 0;
  for (const r of taskRunsFor(d, taskId)) {
    if (r.outcome === 'running') continue;
    if (r.outcome !== 'failed') break;
    n++;
  }
  return n;
}
