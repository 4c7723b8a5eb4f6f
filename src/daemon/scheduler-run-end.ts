// The end of a task run: its outcome, the output kept, and its record in the store document
// (lease released, a retry after a failure, tasks chained after it made due; old runs are pruned by history-prune.ts).
import type { Store } from '../store/store.js';
import { prepareOutput } from '../store/blobs.js';
import { outputFile, publishContent } from '../store/files.js';
import { endTaskRun, releaseTaskLease } from '../store/repos.js';
import type { StoreData, Task, TaskRunOutcome } from '../store/schema.js';
import { failedEventInputs } from '../tasks/failures.js';
import type { TargetOutcome } from '../run/target.js';
import type { Logger } from './log.js';
import type { ActiveRun, RecordedEnd, RunEnd } from './scheduler-records.js';
import { errorMessage } from '../interp/util/error-message.js';

/** After a failure: run again after the restart delay, unless the schedule comes sooner. */
export function scheduleRetry(task: Task, at: Date): void {
  if (!task.enabled || task.restartAfterMinutes <= 0) return;
  const retry = at.getTime() + task.restartAfterMinutes * 60_000;
  if (task.nextRun === null || Date.parse(task.nextRun) > retry) task.nextRun = new Date(retry).toISOString();
}

/** The outcome recorded for a run that ended with `r`, and its error in words. */
export function judgeEnd(a: ActiveRun, r: TargetOutcome, shuttingDown: boolean): { outcome: Exclude<TaskRunOutcome, 'running'>; error: string | null } {
  if (a.failReason) return { outcome: 'failed', error: a.failReason };
  if (a.stopBy && r.stopped === 'stopped') return { outcome: 'interrupted', error: `Stopped by ${a.stopBy}.` };
  if (shuttingDown && r.stopped === 'stopped') {
    return { outcome: 'interrupted', error: 'The daemon shut down before the run finished, so it was stopped.' };
  }
  return { outcome: r.ok ? 'ok' : 'failed', error: r.ok ? null : (r.error ?? 'The run failed.') };
}

/** The run's output as recorded: inline, or (when long) in a blob every machine of a fleet reads. */
export async function keepOutput(store: Store, output: string, log: Logger, taskName: string): Promise<{ output: string; outputBlob: string | null }> {
  try {
    const prepared = await prepareOutput(store.dataDir, output);
    if (prepared.outputBlob) await publishContent(store, outputFile(prepared.outputBlob)); // every machine of a fleet reads it
    return prepared;
  } catch (e) {
    log.warn('cannot keep the full output of a run', { task: taskName, reason: errorMessage(e) });
    return { output: output.slice(0, 8192), outputBlob: null };
  }
}

/**
 * Records a batch of run ends in the document (written together: see GroupCommit). The ended runs
 * and their tasks are found in one pass over each collection, not one search per end. Old runs are
 * pruned later, once for a whole wave of ends (history-prune.ts).
 */
export function recordEnds(d: StoreData, ends: RunEnd[], owner: string): RecordedEnd[] {
  const runAt = positions(d.taskRuns, new Set(ends.map((e) => e.runId)));
  const taskAt = positions(d.tasks, new Set(ends.map((e) => e.taskId)));
  const after = chainedAfter(d.tasks);
  return ends.map((e) => recordEnd(d, e, owner, runAt.get(e.runId), taskAt.get(e.taskId), after));
}

/** Where the entities with these ids are in `list` (read only: a store view makes no view of the others). */
function positions(list: ReadonlyArray<{ id: string }>, ids: ReadonlySet<string>): Map<string, number> {
  const at = new Map<string, number>();
  list.some((x, i) => {
    if (ids.has(x.id)) at.set(x.id, i);
    return false;
  });
  return at;
}

/** Positions of the enabled tasks that run after another one's success, by the task they follow (one pass for a batch). */
function chainedAfter(tasks: ReadonlyArray<Task>): Map<string, number[]> {
  const after = new Map<string, number[]>();
  tasks.some((t, i) => {
    if (t.enabled && t.frequency.kind === 'after') {
      const list = after.get(t.frequency.taskId);
      if (list) list.push(i);
      else after.set(t.frequency.taskId, [i]);
    }
    return false;
  });
  return after;
}

/** Records one run's end (its run and task at these positions of the document). */
function recordEnd(d: StoreData, e: RunEnd, owner: string, runAt: number | undefined, taskAt: number | undefined, after: Map<string, number[]>): RecordedEnd {
  const run = runAt === undefined ? undefined : d.taskRuns[runAt];
  if (!run || run.outcome !== 'running') return { superseded: true, task: null, failed: null, chained: false };
  endTaskRun(run, { outcome: e.outcome, output: e.output, outputBlob: e.outputBlob, error: e.error, endedAt: e.endedAt.toISOString(), changes: e.changes });
  const task = taskAt === undefined ? undefined : d.tasks[taskAt];
  if (!task) return { superseded: false, task: null, failed: null, chained: false };
  releaseTaskLease(task, owner);
  if (e.outcome === 'failed') scheduleRetry(task, e.endedAt);
  let chained = false;
  if (e.outcome === 'ok') {
    for (const i of after.get(task.id) ?? []) {
      d.tasks[i]!.nextRun = e.endedAt.toISOString();
      chained = true;
    }
  }
  const message = e.error ?? 'The run failed.';
  const failed = e.outcome === 'failed' ? { taskName: task.name, runId: e.runId, error: message, inputs: failedEventInputs(d, task, run.startedAt, message) } : null;
  return { superseded: false, task: structuredClone(task), failed, chained };
}
