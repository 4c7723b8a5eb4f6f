/** Scheduled tasks, their leases and their run history. */
import { StoreError } from '../errors.js';
import { nowIso } from '../ids.js';
import type {
  Frequency,
  StoreData,
  TargetKind,
  Task,
  TaskRun,
  TaskRunOutcome,
} from '../schema.js';
import { assign, compareText, getById, nextUniqueId, removeById, requireById } from './common.js';
import { requireTarget } from './targets.js';

export interface TaskInput {
  name: string;
  targetKind: TargetKind;
  targetId: string;
  frequency?: Frequency;
  enabled?: boolean;
  startNow?: boolean;
  lockMinutes?: number;
  restartAfterMinutes?: number;
  nextRun?: string | null;
  /** The CRM user its runs act as ('' or absent: the default user). */
  crmUser?: string;
  /** Discard its runs' CRM writes. */
  rollback?: boolean;
}

function assertTaskNameFree(d: StoreData, name: string, exceptId: string | null): void {
  if (d.tasks.some((t) => t.name === name && t.id !== exceptId)) {
    throw new StoreError('conflict', `A scheduled task named "${name}" already exists.`);
  }
}

export function createTask(d: StoreData, input: TaskInput): Task {
  const name = input.name.trim();
  if (name === '') throw new StoreError('bad-input', 'A scheduled task name must not be empty.');
  assertTaskNameFree(d, name, null);
  requireTarget(d, input.targetKind, input.targetId);
  const task: Task = {
    id: nextUniqueId(d, 'tasks'),
    name,
    targetKind: input.targetKind,
    targetId: input.targetId,
    frequency: input.frequency ?? { kind: 'never' },
    enabled: input.enabled ?? true,
    startNow: input.startNow ?? false,
    lockMinutes: input.lockMinutes ?? 10,
    restartAfterMinutes: input.restartAfterMinutes ?? 0,
    lease: null,
    lastRun: null,
    nextRun: input.nextRun ?? null,
    ...(input.crmUser ? { crmUser: input.crmUser } : {}),
    ...(input.rollback ? { rollback: true } : {}),
  };
  d.tasks.push(task);
  return task;
}

export function updateTask(d: StoreData, id: string, patch: Partial<Omit<Task, 'id'>>): Task {
  const task = requireById(d, 'tasks', id);
  const next = { ...patch };
  if (next.name !== undefined) {
    next.name = next.name.trim();
    if (next.name === '') throw new StoreError('bad-input', 'A scheduled task name must not be empty.');
    assertTaskNameFree(d, next.name, id);
  }
  if (patch.targetKind !== undefined || patch.targetId !== undefined) {
    requireTarget(d, patch.targetKind ?? task.targetKind, patch.targetId ?? task.targetId);
  }
  if (next.frequency?.kind === 'after' && next.frequency.taskId === id) {
    throw new StoreError('bad-input', `The task "${task.name}" cannot run after itself.`);
  }
  assign(task, next);
  return task;
}

/** Delete a task and its run history. Returns the task and the removed runs (their blobs are the caller's to delete). */
export function deleteTask(d: StoreData, id: string): { task: Task; runs: TaskRun[] } {
  const task = removeById(d, 'tasks', id);
  if (!task) throw new StoreError('not-found', `There is no scheduled task with id "${id}".`);
  const runs = d.taskRuns.filter((r) => r.taskId === id);
  d.taskRuns = d.taskRuns.filter((r) => r.taskId !== id);
  return { task, runs };
}

/** By id or by name. */
export function findTask(d: StoreData, ref: string): Task | undefined {
  const r = ref.trim();
  return getById(d, 'tasks', r) ?? d.tasks.find((t) => t.name === r);
}

/**
 * Take the task's lease for `owner` until now + lockMinutes (at least one
 * minute) unless someone else holds a lease that has not expired. Returns
 * whether the lease is now held by `owner`.
 */
export function tryAcquireLease(d: StoreData, taskId: string, owner: string, now: Date = new Date()): boolean {
  const task = requireById(d, 'tasks', taskId);
  if (task.lease && task.lease.owner !== owner && Date.parse(task.lease.until) > now.getTime()) return false;
  const minutes = Math.max(task.lockMinutes, 1);
  task.lease = { owner, until: new Date(now.getTime() + minutes * 60_000).toISOString() };
  return true;
}

/** Drop the lease if `owner` holds it. */
export function releaseLease(d: StoreData, taskId: string, owner: string): void {
  const task = getById(d, 'tasks', taskId);
  if (task) releaseTaskLease(task, owner);
}

/** Drop the task's lease if `owner` holds it (the task found already). */
export function releaseTaskLease(task: Task, owner: string): void {
  if (task.lease?.owner === owner) task.lease = null;
}

export function startTaskRun(d: StoreData, taskId: string, startedAt: string = nowIso()): TaskRun {
  const task = requireById(d, 'tasks', taskId);
  const run: TaskRun = {
    id: nextUniqueId(d, 'taskRuns'),
    taskId,
    startedAt,
    endedAt: null,
    outcome: 'running',
    output: '',
    outputBlob: null,
    error: null,
    changes: [],
  };
  d.taskRuns.push(run);
  task.lastRun = startedAt;
  return run;
}

export function finishTaskRun(
  d: StoreData,
  runId: string,
  result: { outcome: Exclude<TaskRunOutcome, 'running'>; output?: string; outputBlob?: string | null; error?: string | null; endedAt?: string; changes?: TaskRun['changes'] },
): TaskRun {
  return endTaskRun(requireById(d, 'taskRuns', runId), result);
}

/** Records how the run (found already) ended. */
export function endTaskRun(
  run: TaskRun,
  result: { outcome: Exclude<TaskRunOutcome, 'running'>; output?: string; outputBlob?: string | null; error?: string | null; endedAt?: string; changes?: TaskRun['changes'] },
): TaskRun {
  run.outcome = result.outcome;
  run.endedAt = result.endedAt ?? nowIso();
  if (result.output !== undefined) run.output = result.output;
  if (result.outputBlob !== undefined) run.outputBlob = result.outputBlob;
  if (result.error !== undefined) run.error = result.error;
  if (result.changes !== undefined) run.changes = result.changes;
  return run;
}

/** A task's runs, newest first. */
export function taskRunsFor(d: StoreData, taskId: string): TaskRun[] {
  return d.taskRuns.filter((r) => r.taskId === taskId).sort((a, b) => compareText(b.startedAt, a.startedAt));
}

export function lastTaskRun(d: StoreData, taskId: string): TaskRun | undefined {
  return taskRunsFor(d, taskId)[0];
}

/** Keep the newest `keep` runs of a task; returns the removed ones (their blobs are the caller's to delete). */
export function pruneTaskRuns(d: StoreData, taskId: string, keep: number): TaskRun[] {
  return pruneRunsOfTasks(d, new Set([taskId]), keep);
}

/**
 * Keep the newest `keep` runs of each of these tasks (the daemon prunes once for a whole batch of
 * run ends); returns the removed ones, each task's newest first. The history is read in one pass
 * and replaced only when a run goes: its elements are only read (`some` with a predicate that never
 * stops it), so a store update's change tracking makes no view of the thousands of runs a history
 * holds, and a task with fewer runs than `keep` costs no copy of it.
 */
export function pruneRunsOfTasks(d: StoreData, taskIds: ReadonlySet<string>, keep: number): TaskRun[] {
  const byTask = new Map<string, TaskRun[]>();
  d.taskRuns.some((r) => {
    if (taskIds.has(r.taskId)) {
      const list = byTask.get(r.taskId);
      if (list) list.push(r);
      else byTask.set(r.taskId, [r]);
    }
    return false;
  });
  const old: TaskRun[] = [];
  for (const runs of byTask.values()) {
    if (runs.length <= keep) continue;
    old.push(...runs.sort((a, b) => compareText(b.startedAt, a.startedAt)).slice(Math.max(keep, 0)));
  }
  if (old.length === 0) return old;
  const drop = new Set(old.map((r) => r.id));
  const kept: TaskRun[] = [];
  d.taskRuns.some((r) => {
    if (!drop.has(r.id)) kept.push(r);
    return false;
  });
  d.taskRuns = kept;
  return old;
}
