/**
 * Scheduled-task operations shared by the CLI, the TUI tab and the HTTP API:
 * create and edit with validation and a fresh next-run time, enable/disable,
 * Start now, delete, and the rows of the task list.
 *
 * The mutating functions work on a document inside `store.update(d => ...)`.
 */
import { StoreError } from '../store/errors.js';
import { createTask, deleteTask, findTask, getById, lastTaskRun, requireById, targetExists, targetLabel, updateTask } from '../store/repos.js';
import type { Frequency, StoreData, TargetKind, Task, TaskRun, TaskRunOutcome } from '../store/schema.js';
import { describeFrequency, displayNextRun, firstRun, frequencyProblem, type ScheduleOptions } from './schedule.js';
import { leaseState } from '../store/lease.js';

export interface TaskSpec {
  name: string;
  targetKind: TargetKind;
  targetId: string;
  frequency: Frequency;
  enabled?: boolean;
  startNow?: boolean;
  lockMinutes?: number;
  restartAfterMinutes?: number;
  /** The sandbox CRM user its runs act as ('' = the default user). */
  crmUser?: string;
  /** Discard its runs' CRM writes (a dry-run task). */
  rollback?: boolean;
}

export type TaskPatch = Partial<TaskSpec>;

/** The task a user named (name or id), or a not-found error. */
export function requireTask(d: StoreData, ref: string): Task {
  const t = findTask(d, ref);
  if (!t) throw new StoreError('not-found', `There is no scheduled task named "${ref.trim()}".`);
  return t;
}

function checkMinutes(label: string, n: number | undefined): void {
  if (n === undefined) return;
  if (!Number.isInteger(n) || n < 0) throw new StoreError('bad-input', `${label} must be a whole number of minutes, 0 or more.`);
}

/** Refuse a chain that points at a missing task or loops back to `selfId`. */
function checkChain(d: StoreData, selfId: string | null, freq: Frequency): void {
  if (freq.kind !== 'after') return;
  if (freq.taskId === selfId) throw new StoreError('bad-input', 'A task cannot run after itself.');
  if (!getById(d, 'tasks', freq.taskId)) throw new StoreError('not-found', 'The task to run after does not exist.');
  const seen = new Set<string>();
  let cur: Task | undefined = getById(d, 'tasks', freq.taskId);
  while (cur && cur.frequency.kind === 'after' && !seen.has(cur.id)) {
    seen.add(cur.id);
    if (cur.frequency.taskId === selfId) {
      throw new StoreError('bad-input', `"${cur.name}" already runs after this task; tasks must not run after each other in a circle.`);
    }
    cur = getById(d, 'tasks', cur.frequency.taskId);
  }
}

function checkFrequency(freq: Frequency): void {
  const problem = frequencyProblem(freq);
  if (problem) throw new StoreError('bad-input', problem);
}

function nextRunFor(task: Pick<Task, 'frequency' | 'enabled'>, now: Date, opts: ScheduleOptions): string | null {
  if (!task.enabled) return null;
  const next = firstRun(task.frequency, now, opts);
  return next ? next.toISOString() : null;
}

export function addTask(d: StoreData, spec: TaskSpec, now: Date = new Date(), opts: ScheduleOptions = {}): Task {
  checkFrequency(spec.frequency);
  checkMinutes('The lock time', spec.lockMinutes);
  checkMinutes('The minutes before restart after an error', spec.restartAfterMinutes);
  checkChain(d, null, spec.frequency);
  const enabled = spec.enabled ?? true;
  return createTask(d, {
    name: spec.name,
    targetKind: spec.targetKind,
    targetId: spec.targetId,
    frequency: spec.frequency,
    enabled,
    startNow: spec.startNow ?? false,
    lockMinutes: spec.lockMinutes,
    restartAfterMinutes: spec.restartAfterMinutes,
    crmUser: spec.crmUser,
    rollback: spec.rollback,
    nextRun: nextRunFor({ frequency: spec.frequency, enabled }, now, opts),
  });
}

/** Change a task; the next run is computed afresh when the frequency or the enabled flag changes. */
export function editTask(d: StoreData, id: string, patch: TaskPatch, now: Date = new Date(), opts: ScheduleOptions = {}): Task {
  const task = requireById(d, 'tasks', id);
  if (patch.frequency) {
    checkFrequency(patch.frequency);
    checkChain(d, id, patch.frequency);
  }
  checkMinutes('The lock time', patch.lockMinutes);
  checkMinutes('The minutes before restart after an error', patch.restartAfterMinutes);
  const scheduleChanged =
    (patch.frequency !== undefined && JSON.stringify(patch.frequency) !== JSON.stringify(task.frequency)) ||
    (patch.enabled !== undefined && patch.enabled !== task.enabled);
  const updated = updateTask(d, id, patch);
  if (scheduleChanged) updated.nextRun = nextRunFor(updated, now, opts);
  return updated;
}

export function setTaskEnabled(d: StoreData, id: string, enabled: boolean, now: Date = new Date(), opts: ScheduleOptions = {}): Task {
  return editTask(d, id, { enabled }, now, opts);
}

/** Ask the daemon to run the task at its next check (within seconds). */
export function requestStartNow(d: StoreData, id: string): Task {
  const task = requireById(d, 'tasks', id);
  if (!targetExists(d, task.targetKind, task.targetId)) {
    throw new StoreError('not-found', `The ${task.targetKind} that "${task.name}" runs no longer exists.`);
  }
  task.startNow = true;
  return task;
}

/**
 * Ask the daemon running the task to stop its current run (it does so within
 * seconds and records the run as stopped by `by`). Returns the run.
 */
export function requestTaskStop(d: StoreData, id: string, by: string): TaskRun {
  const task = requireById(d, 'tasks', id);
  const run = lastTaskRun(d, task.id);
  if (!run || run.outcome !== 'running') throw new StoreError('conflict', `The task "${task.name}" is not running.`);
  run.stopRequestedBy = by;
  return run;
}

/** Delete a task and its history. Returns the blob ids of its outputs (for the caller to delete) and the tasks that ran after it. */
export function removeTask(d: StoreData, id: string): { task: Task; blobs: string[]; orphanedChains: Task[] } {
  const { task, runs } = deleteTask(d, id);
  const orphanedChains = d.tasks.filter((t) => t.frequency.kind === 'after' && t.frequency.taskId === id);
  return { task, blobs: runs.flatMap((r) => (r.outputBlob ? [r.outputBlob] : [])), orphanedChains };
}

// ---------------------------------------------------------------- the list

export type TaskStatus = 'running' | 'start requested' | 'disabled' | 'scheduled' | 'waiting' | 'idle' | 'missing target';

export interface TaskRow {
  task: Task;
  /** "Examples/Hello world" or "(missing script)"; macros get a "macro:" prefix. */
  target: string;
  frequency: string;
  status: TaskStatus;
  lastRun: TaskRun | null;
  lastResult: TaskRunOutcome | null;
  nextRun: Date | null;
}

export function taskStatus(d: StoreData, task: Task, now: Date): TaskStatus {
  const last = lastTaskRun(d, task.id);
  if (last?.outcome === 'running' && leaseState(task.lease, now) === 'held') return 'running';
  if (!targetExists(d, task.targetKind, task.targetId)) return 'missing target';
  if (task.startNow) return 'start requested';
  if (!task.enabled) return 'disabled';
  if (task.frequency.kind === 'after') return 'waiting';
  if (task.frequency.kind === 'never') return 'idle';
  return displayNextRun(task, now) ? 'scheduled' : 'idle';
}

export function taskName(d: StoreData, id: string): string | undefined {
  return getById(d, 'tasks', id)?.name;
}

export function taskRow(d: StoreData, task: Task, now: Date, opts: ScheduleOptions = {}): TaskRow {
  const last = lastTaskRun(d, task.id) ?? null;
  const label = targetLabel(d, task.targetKind, task.targetId);
  return {
    task,
    target: task.targetKind === 'macro' ? `macro:${label}` : label,
    frequency: describeFrequency(task.frequency, { ...opts, taskName: (id) => taskName(d, id) }),
    status: taskStatus(d, task, now),
    lastRun: last,
    lastResult: last ? last.outcome : null,
    nextRun: displayNextRun(task, now, opts),
  };
}

/** All tasks as list rows, sorted by name. */
export function taskRows(d: StoreData, now: Date, opts: ScheduleOptions = {}): TaskRow[] {
  return [...d.tasks]
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }))
    .map((t) => taskRow(d, t, now, opts));
}

/** A list row as JSON (CLI --json, HTTP). */
export function taskRowJson(row: TaskRow) {
  const { task } = row;
  return {
    id: task.id,
    name: task.name,
    targetKind: task.targetKind,
    target: row.target,
    targetId: task.targetId,
    frequency: task.frequency,
    frequencyText: row.frequency,
    enabled: task.enabled,
    startNow: task.startNow,
    lockMinutes: task.lockMinutes,
    restartAfterMinutes: task.restartAfterMinutes,
    status: row.status,
    lastRun: row.lastRun?.startedAt ?? null,
    lastResult: row.lastResult,
    lastError: row.lastRun?.error ?? null,
    nextRun: row.nextRun ? row.nextRun.toISOString() : null,
  };
}

/** A run as JSON. */
export function runJson(run: TaskRun) {
  const durationMs = run.endedAt ? Math.max(0, Date.parse(run.endedAt) - Date.parse(run.startedAt)) : null;
  return { id: run.id, startedAt: run.startedAt, endedAt: run.endedAt, durationMs, outcome: run.outcome, output: run.output, outputTruncated: run.outputBlob !== null, error: run.error };
}

/**
 * The one word people see for an outcome: a run ended from outside (by a
 * user, or at a daemon's shutdown) is "stopped" (stored as 'interrupted').
 */
export function outcomeWord(outcome: TaskRunOutcome | string | null): string {
  if (outcome === null) return '-';
  return outcome === 'interrupted' ? 'stopped' : outcome;
}

/** When a run started or ended, to the second: local "YYYY-MM-DD HH:MM:SS". */
export function formatRunTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Milliseconds a run took, or has been running for at `now` (never negative: clocks of two processes differ a little). */
export function runElapsedMs(run: TaskRun, now: Date): number {
  const end = run.endedAt ? Date.parse(run.endedAt) : now.getTime();
  return Math.max(0, end - Date.parse(run.startedAt));
}

/** Milliseconds a run took (null while it runs). */
export function runDurationMs(run: TaskRun): number | null {
  return run.endedAt ? Math.max(0, Date.parse(run.endedAt) - Date.parse(run.startedAt)) : null;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m} min ${s} s`;
}
