// What a scheduler pass decides, and the claim that applies it to the store document: runs left
// behind are marked failed, tasks whose schedule is new or changed get a nextRun, and due tasks are
// claimed (their lease, a 'running' run, nextRun moved on). Pure functions of the document and of
// what the scheduler knows, used on a snapshot and again inside the locked update.
import type { Lease, StoreData, Task } from '../store/schema.js';
import { finishTaskRun, getById, startTaskRun, taskRunsFor, tryAcquireLease } from '../store/repos.js';
import { leaseState } from '../store/lease.js';
import { firstRun, isTimed, plausibleNextRun, type ScheduleOptions } from '../tasks/schedule.js';
import { failedEventInputs, orphanReason } from '../tasks/failures.js';
import type { Action, Claim, FailedRunInfo, Missed } from './scheduler-records.js';
import { advanceDue } from './scheduler-lateness.js';
import { scheduleRetry } from './scheduler-run-end.js';

/** What the scheduler knows that the document does not. */
export interface ClaimContext {
  owner: string;
  isAlive: (pid: number) => boolean;
  schedule: ScheduleOptions;
  /** Whether due tasks are claimed (false once the scheduler stops taking work). */
  taking: boolean;
  /** The runs this scheduler executes, by run id. */
  active: ReadonlyMap<string, { taskId: string }>;
  /** Each task's schedule fingerprint at the last pass. */
  seen: ReadonlyMap<string, string>;
  /** Tasks due within this many ms are claimed now; their runs start at their time (deferred-starts.ts). */
  aheadMs: number;
}

export interface ClaimOutcome {
  claims: Claim[];
  orphans: FailedRunInfo[];
  missed: Missed[];
}

const fingerprints = new WeakMap<Task, string>();
/**
 * What of a task decides its schedule: a change makes its nextRun be computed again. Kept per task
 * object: a snapshot's objects are never changed (an update copies what it changes), and every pass
 * looks at every task, several times.
 */
export function fingerprint(t: Task): string {
  let f = fingerprints.get(t);
  if (f === undefined) fingerprints.set(t, (f = JSON.stringify([t.frequency, t.enabled])));
  return f;
}

/** What this pass should do, judged on `d` (pure; used on a snapshot and again inside the update). */
export function collectActions(d: StoreData, now: Date, ctx: ClaimContext): Action[] {
  const actions: Action[] = [];
  const mine = new Set(ctx.active.keys());
  const busy = new Set<string>();
  for (const a of ctx.active.values()) busy.add(a.taskId);
  const running = d.taskRuns.filter((r) => r.outcome === 'running' && !mine.has(r.id));
  for (const r of running) {
    const task = getById(d, 'tasks', r.taskId);
    if (!task) {
      actions.push({ kind: 'orphan', runId: r.id, taskId: r.taskId, reason: 'The task was deleted while it ran.', clearLease: false });
      continue;
    }
    const state = leaseState(task.lease, now, ctx.isAlive);
    if (state === 'held' && task.lease!.owner !== ctx.owner) {
      // The live holder runs the newest one; older 'running' runs were left behind by someone else.
      const newest = taskRunsFor(d, task.id).find((x) => x.outcome === 'running');
      if (newest?.id === r.id) continue;
      actions.push({ kind: 'orphan', runId: r.id, taskId: task.id, reason: 'The daemon running it stopped before the run finished.', clearLease: false });
      continue;
    }
    actions.push({ kind: 'orphan', runId: r.id, taskId: task.id, reason: orphanReason(state, task), clearLease: state !== 'free' });
  }
  for (const task of d.tasks) {
    const init = initialNextRun(task, now, ctx);
    if (init !== undefined && init !== task.nextRun) actions.push({ kind: 'init', taskId: task.id, nextRun: init });
    if (shouldClaim(task, now, init, ctx, busy)) actions.push({ kind: 'claim', taskId: task.id });
  }
  return actions;
}

/** A new nextRun for a task whose schedule is new or changed; undefined = leave it. */
function initialNextRun(task: Task, now: Date, ctx: ClaimContext): string | null | undefined {
  const prev = ctx.seen.get(task.id);
  const changed = prev !== undefined && prev !== fingerprint(task);
  const fresh = () => {
    if (!task.enabled) return null;
    const next = firstRun(task.frequency, now, ctx.schedule);
    return next ? next.toISOString() : null;
  };
  // A task due once that has run at or after its time is done, whatever this scheduler saw of it
  // before (a schedule it remembers from an older snapshot must not make it due again).
  if (task.nextRun === null && task.frequency.kind === 'once' && task.lastRun !== null && Date.parse(task.lastRun) >= Date.parse(task.frequency.at)) return undefined;
  if (changed) {
    if (task.nextRun !== null && task.enabled && plausibleNextRun(task.frequency, task.nextRun, now, ctx.schedule)) return undefined;
    return fresh();
  }
  if (task.nextRun === null && task.enabled && isTimed(task.frequency)) return fresh();
  return undefined;
}

/** `busy`: the tasks this scheduler runs now. */
function shouldClaim(task: Task, now: Date, init: string | null | undefined, ctx: ClaimContext, busy: ReadonlySet<string>): boolean {
  if (!ctx.taking || busy.has(task.id)) return false;
  const nextRun = init !== undefined ? init : task.nextRun;
  const scheduled = task.enabled && nextRun !== null && Date.parse(nextRun) <= now.getTime() + ctx.aheadMs;
  if (!task.startNow && !scheduled) return false;
  const state = leaseState(task.lease, now, ctx.isAlive);
  return state !== 'held' || task.lease!.owner === ctx.owner;
}

/** The claim: `leases` are those takeLeases gave (null: the lease is taken here, under the store's lock). */
export function applyActions(d: StoreData, now: Date, actions: Action[], leases: Map<string, Lease | null>, ctx: ClaimContext): ClaimOutcome {
  const claims: Claim[] = [];
  const orphans: FailedRunInfo[] = [];
  const missed: Missed[] = [];
  const iso = now.toISOString();
  for (const a of actions) {
    if (a.kind !== 'orphan') continue;
    const run = finishTaskRun(d, a.runId, { outcome: 'failed', error: a.reason, endedAt: iso });
    const task = getById(d, 'tasks', a.taskId);
    if (!task) continue;
    if (a.clearLease) task.lease = null;
    scheduleRetry(task, now);
    orphans.push({ taskName: task.name, runId: run.id, error: a.reason, inputs: failedEventInputs(d, task, run.startedAt, a.reason) });
  }
  for (const a of actions) {
    if (a.kind === 'init') {
      const task = getById(d, 'tasks', a.taskId);
      if (task) task.nextRun = a.nextRun;
    }
  }
  for (const a of actions) {
    if (a.kind !== 'claim') continue;
    const task = getById(d, 'tasks', a.taskId);
    if (!task || !leases.has(task.id)) continue;
    const held = leases.get(task.id);
    if (held) {
      task.lease = held; // the row lease decides; the task shows it
    } else {
      const state = leaseState(task.lease, now, ctx.isAlive);
      if (state === 'owner-gone') task.lease = null;
      if (!tryAcquireLease(d, task.id, ctx.owner, now)) continue;
    }
    const due = advanceDue(d, task, now, ctx.schedule, ctx.aheadMs);
    if (due.missed) missed.push(due.missed);
    task.startNow = false;
    // a run claimed ahead starts at its time, and its record says so
    const startAt = due.dueAt > now ? due.dueAt : now;
    const run = startTaskRun(d, task.id, startAt === now ? iso : startAt.toISOString());
    claims.push({ task: structuredClone(task), runId: run.id, startedAt: startAt, dueAt: due.dueAt, leaseUntil: new Date(task.lease!.until) });
  }
  return { claims, orphans, missed };
}
