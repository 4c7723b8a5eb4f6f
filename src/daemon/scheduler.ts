/**
 * The scheduler loop of the daemon.
 *
 * Every tick (a timer of at most 5 s, plus whenever store.json changes) it
 * looks at a snapshot of the store and, only when there is something to do,
 * takes one locked read-modify-write in which it re-checks everything and:
 *   - marks runs failed whose daemon is gone or whose lease ran out,
 *   - (re)computes `nextRun` of tasks that are new or whose schedule changed,
 *   - claims due tasks (Start now, or nextRun reached): takes the task's lease,
 *     moves nextRun on, and records a 'running' run.
 * Because the claim happens inside store.update (under the file lock, on a
 * fresh read), two daemons on one store never both claim the same run.
 * Claimed runs then execute concurrently, each in its own worker with the
 * engine's time and memory limits. When a run ends, its outcome is recorded,
 * the lease released, a failed task is re-scheduled after its restart delay,
 * tasks chained after a successful one are made due, and a failure fires the
 * ScheduledTaskFailed event.
 *
 * The clock is injectable (`now`), and with `tickMs: 0` nothing runs by itself:
 * tests call tick() directly.
 */
import type { Store } from '../store/store.js';
import { deleteBlob, prepareOutput } from '../store/blobs.js';
import { finishTaskRun, getById, pruneTaskRuns, releaseLease, startTaskRun, taskRunsFor, tryAcquireLease } from '../store/repos.js';
import type { StoreData, Task, TaskRunOutcome } from '../store/schema.js';
import { leaseState, newOwnerId, pidAlive } from '../store/lease.js';
import { firstRun, followingRun, isTimed, plausibleNextRun, type ScheduleOptions } from '../tasks/schedule.js';
import { failedEventInputs, orphanReason } from '../tasks/failures.js';
import { runTarget as defaultRunTarget, type TargetOutcome, type TargetRun, type TargetRunner } from '../run/target.js';
import { silentLogger, type Logger } from './log.js';
import { fireEvent } from '../run/fire.js';
import { LIVE_OUTPUT_EVERY_MS, liveOutput } from './live-output.js';
import { errorMessage } from '../interp/util/error-message.js';

export type FireEvent = (name: string, inputs: Record<string, string>, signal: AbortSignal) => Promise<void>;

export interface SchedulerOptions {
  store: Store;
  /** Lease owner id; default "daemon:<pid>@<host>/<random>". */
  owner?: string;
  now?: () => Date;
  /** Tick interval in ms (default 2000, at most 5000); 0 = no timer and no store watch. */
  tickMs?: number;
  log?: Logger;
  schedule?: ScheduleOptions;
  runTarget?: TargetRunner;
  /** Fires an event; default: run/fire.ts's fireEvent on this store. */
  fireEvent?: FireEvent;
  /** Runs kept per task (default 100). */
  keepRuns?: number;
  isAlive?: (pid: number) => boolean;
  /** The user scripts see (default $USER). */
  user?: string;
}

interface ActiveRun {
  runId: string;
  taskId: string;
  taskName: string;
  startedAt: Date;
  leaseUntil: Date;
  handle: TargetRun;
  /** Set when we stop the run ourselves because it outlived its lease. */
  failReason: string | null;
  /** Who asked to stop the run (tasks stop, the TUI, HTTP), once we have stopped it. */
  stopBy: string | null;
  /** The output so far, and how much of it the run record already shows. */
  chunks: string[];
  shownChars: number;
  shownAt: number;
  done: Promise<void>;
}


type Action =
  | { kind: 'orphan'; runId: string; taskId: string; reason: string; clearLease: boolean }
  | { kind: 'init'; taskId: string; nextRun: string | null }
  | { kind: 'claim'; taskId: string };

interface Claim {
  task: Task;
  runId: string;
  startedAt: Date;
  leaseUntil: Date;
}

interface FailedRunInfo {
  taskName: string;
  runId: string;
  error: string;
  /** Inputs of the ScheduledTaskFailed event. */
  inputs: Record<string, string>;
}

function fingerprint(t: Task): string {
  return JSON.stringify([t.frequency, t.enabled]);
}

/** The default FireEvent: fires the event through the run layer, as the daemon's user. */
function storeFireEvent(store: Store): FireEvent {
  return async (name, inputs, signal) => {
    await fireEvent(store, name, inputs, { user: 'daemon', source: 'daemon', signal });
  };
}

export class Scheduler {
  readonly owner: string;
  private readonly store: Store;
  private readonly now: () => Date;
  private readonly tickMs: number;
  private readonly log: Logger;
  private readonly scheduleOpts: ScheduleOptions;
  private readonly runTarget: TargetRunner;
  private readonly keepRuns: number;
  private readonly isAlive: (pid: number) => boolean;
  private readonly user: string;
  private fireEvent: FireEvent;

  private readonly active = new Map<string, ActiveRun>();
  private readonly seen = new Map<string, string>();
  private readonly pendingEvents = new Set<Promise<void>>();
  /** Aborted when a shutdown's grace period is over: event bindings still running are stopped. */
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private unwatch: (() => void) | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;
  private taking = true;
  private shuttingDown = false;

  constructor(opts: SchedulerOptions) {
    this.store = opts.store;
    this.owner = opts.owner ?? newOwnerId();
    this.now = opts.now ?? (() => new Date());
    this.tickMs = Math.min(opts.tickMs ?? 2000, 5000);
    this.log = opts.log ?? silentLogger;
    this.scheduleOpts = opts.schedule ?? {};
    this.runTarget = opts.runTarget ?? defaultRunTarget;
    this.keepRuns = opts.keepRuns ?? 100;
    this.isAlive = opts.isAlive ?? pidAlive;
    this.user = opts.user ?? process.env.USER ?? '';
    this.fireEvent = opts.fireEvent ?? storeFireEvent(opts.store);
  }

  /** Start the timer and the store watch (no-op with tickMs 0). */
  start(): void {
    if (this.tickMs > 0 && !this.timer) {
      this.timer = setInterval(() => void this.tick(), this.tickMs);
      this.unwatch = this.store.watch(() => void this.tick(), { debounceMs: 100 });
    }
    void this.tick();
  }

  /** The runs this scheduler is executing now. */
  running(): Array<{ runId: string; taskId: string; taskName: string; startedAt: string }> {
    return [...this.active.values()].map((a) => ({ runId: a.runId, taskId: a.taskId, taskName: a.taskName, startedAt: a.startedAt.toISOString() }));
  }

  /** Resolves when every run started so far has finished and been recorded. */
  async idle(): Promise<void> {
    while (this.active.size > 0 || this.ticking) {
      await Promise.all([...this.active.values()].map((a) => a.done));
      if (this.ticking) await this.ticking;
    }
    await Promise.all([...this.pendingEvents]);
  }

  /** One scheduler pass; concurrent calls are merged (a call during a pass makes it run once more). */
  tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return this.ticking;
    }
    this.ticking = (async () => {
      try {
        do {
          this.again = false;
          await this.tickOnce();
        } while (this.again && this.taking);
      } finally {
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  private async tickOnce(): Promise<void> {
    const now = this.now();
    for (const a of this.active.values()) {
      if (!a.failReason && now.getTime() >= a.leaseUntil.getTime()) {
        const task = getById(this.store.read(), 'tasks', a.taskId);
        a.failReason = `The run took longer than the lock time (${Math.max(task?.lockMinutes ?? 1, 1)} min) and was stopped.`;
        this.log.warn('run outlived its lease; stopping it', { task: a.taskName, runId: a.runId });
        a.handle.stop();
      }
    }
    await this.serveRunning(now);
    if (!this.taking) return;
    let snapshot: StoreData;
    try {
      snapshot = this.store.read();
    } catch (e) {
      this.log.error('cannot read the store', { reason: errorMessage(e) });
      return;
    }
    if (this.collect(snapshot, now).length === 0) {
      this.remember(snapshot);
      return;
    }
    let outcome: { claims: Claim[]; orphans: FailedRunInfo[] };
    try {
      const [result, doc] = await this.store.update((d) => [this.apply(d, now, this.collect(d, now)), d] as const);
      outcome = result;
      this.remember(doc);
    } catch (e) {
      this.log.error('scheduler pass failed', { reason: errorMessage(e) });
      return;
    }
    for (const o of outcome.orphans) {
      this.log.warn('run marked failed', { task: o.taskName, runId: o.runId, reason: o.error });
      this.emitFailed(o);
    }
    for (const c of outcome.claims) this.launch(c);
  }

  /**
   * This daemon's running runs: stop those someone asked to stop (their run
   * record's stopRequestedBy) and show their output so far in the run record.
   */
  private async serveRunning(now: Date): Promise<void> {
    if (this.active.size === 0) return;
    const d = this.store.read();
    const show: Array<{ runId: string; output: string }> = [];
    for (const a of this.active.values()) {
      const by = getById(d, 'taskRuns', a.runId)?.stopRequestedBy;
      if (by && !a.stopBy && !a.failReason) {
        a.stopBy = by;
        this.log.info('stopping a run on request', { task: a.taskName, runId: a.runId, by });
        a.handle.stop();
      }
      const chars = a.chunks.reduce((n, c) => n + c.length, 0);
      if (chars !== a.shownChars && now.getTime() - a.shownAt >= LIVE_OUTPUT_EVERY_MS) {
        a.shownChars = chars;
        a.shownAt = now.getTime();
        show.push({ runId: a.runId, output: liveOutput(a.chunks) });
      }
    }
    if (show.length === 0) return;
    try {
      await this.store.update((doc) => {
        for (const s of show) {
          const run = getById(doc, 'taskRuns', s.runId);
          if (run && run.outcome === 'running') run.output = s.output;
        }
      });
    } catch (e) {
      this.log.warn('cannot show the output so far', { reason: (e as Error).message });
    }
  }

  private remember(d: StoreData): void {
    this.seen.clear();
    for (const t of d.tasks) this.seen.set(t.id, fingerprint(t));
  }

  /** What this pass should do, judged on `d` (pure; used on a snapshot and again inside the update). */
  private collect(d: StoreData, now: Date): Action[] {
    const actions: Action[] = [];
    const mine = new Set(this.active.keys());
    const running = d.taskRuns.filter((r) => r.outcome === 'running' && !mine.has(r.id));
    for (const r of running) {
      const task = getById(d, 'tasks', r.taskId);
      if (!task) {
        actions.push({ kind: 'orphan', runId: r.id, taskId: r.taskId, reason: 'The task was deleted while it ran.', clearLease: false });
        continue;
      }
      const state = leaseState(task.lease, now, this.isAlive);
      if (state === 'held' && task.lease!.owner !== this.owner) {
        // The live holder runs the newest one; older 'running' runs were left behind by someone else.
        const newest = taskRunsFor(d, task.id).find((x) => x.outcome === 'running');
        if (newest?.id === r.id) continue;
        actions.push({ kind: 'orphan', runId: r.id, taskId: task.id, reason: 'The daemon running it stopped before the run finished.', clearLease: false });
        continue;
      }
      actions.push({ kind: 'orphan', runId: r.id, taskId: task.id, reason: orphanReason(state, task), clearLease: state !== 'free' });
    }
    for (const task of d.tasks) {
      const init = this.initialNextRun(task, now);
      if (init !== undefined && init !== task.nextRun) actions.push({ kind: 'init', taskId: task.id, nextRun: init });
      if (this.shouldClaim(task, now, init)) actions.push({ kind: 'claim', taskId: task.id });
    }
    return actions;
  }

  /** A new nextRun for a task whose schedule is new or changed; undefined = leave it. */
  private initialNextRun(task: Task, now: Date): string | null | undefined {
    const prev = this.seen.get(task.id);
    const changed = prev !== undefined && prev !== fingerprint(task);
    const fresh = () => {
      if (!task.enabled) return null;
      const next = firstRun(task.frequency, now, this.scheduleOpts);
      return next ? next.toISOString() : null;
    };
    if (changed) {
      if (task.nextRun !== null && task.enabled && plausibleNextRun(task.frequency, task.nextRun, now, this.scheduleOpts)) return undefined;
      return fresh();
    }
    if (task.nextRun === null && task.enabled && isTimed(task.frequency)) {
      if (task.frequency.kind === 'once' && task.lastRun !== null && Date.parse(task.lastRun) >= Date.parse(task.frequency.at)) return undefined;
      return fresh();
    }
    return undefined;
  }

  private shouldClaim(task: Task, now: Date, init: string | null | undefined): boolean {
    if (!this.taking) return false;
    for (const a of this.active.values()) if (a.taskId === task.id) return false;
    const nextRun = init !== undefined ? init : task.nextRun;
    const scheduled = task.enabled && nextRun !== null && Date.parse(nextRun) <= now.getTime();
    if (!task.startNow && !scheduled) return false;
    const state = leaseState(task.lease, now, this.isAlive);
    return state !== 'held' || task.lease!.owner === this.owner;
  }

  private apply(d: StoreData, now: Date, actions: Action[]): { claims: Claim[]; orphans: FailedRunInfo[] } {
    const claims: Claim[] = [];
    const orphans: FailedRunInfo[] = [];
    const iso = now.toISOString();
    for (const a of actions) {
      if (a.kind !== 'orphan') continue;
      const run = finishTaskRun(d, a.runId, { outcome: 'failed', error: a.reason, endedAt: iso });
      const task = getById(d, 'tasks', a.taskId);
      if (!task) continue;
      if (a.clearLease) task.lease = null;
      this.scheduleRetry(task, now);
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
      if (!task) continue;
      const state = leaseState(task.lease, now, this.isAlive);
      if (state === 'owner-gone') task.lease = null;
      if (!tryAcquireLease(d, task.id, this.owner, now)) continue;
      const scheduled = task.enabled && task.nextRun !== null && Date.parse(task.nextRun) <= now.getTime();
      if (scheduled) {
        const following = followingRun(task.frequency, new Date(task.nextRun!), now, this.scheduleOpts);
        task.nextRun = following ? following.toISOString() : null;
      }
      task.startNow = false;
      const run = startTaskRun(d, task.id, iso);
      claims.push({ task: structuredClone(task), runId: run.id, startedAt: now, leaseUntil: new Date(task.lease!.until) });
    }
    return { claims, orphans };
  }

  /** After a failure: run again after the restart delay, unless the schedule comes sooner. */
  private scheduleRetry(task: Task, at: Date): void {
    if (!task.enabled || task.restartAfterMinutes <= 0) return;
    const retry = at.getTime() + task.restartAfterMinutes * 60_000;
    if (task.nextRun === null || Date.parse(task.nextRun) > retry) task.nextRun = new Date(retry).toISOString();
  }

  private launch(c: Claim): void {
    this.log.info('task started', { task: c.task.name, taskId: c.task.id, runId: c.runId });
    let handle: TargetRun;
    const chunks: string[] = [];
    try {
      handle = this.runTarget(this.store, c.task.targetKind, c.task.targetId, {
        source: 'daemon',
        user: this.user,
        variables: {},
        inputs: {},
        eventName: '',
        startedBy: `task:${c.task.name}`,
        crmUser: c.task.crmUser ?? '',
        rollback: c.task.rollback ?? false,
        onOutput: (text: string) => void chunks.push(text),
        onDebugNotice: (text) => this.log.info('debug session', { task: c.task.name, runId: c.runId, note: text }),
      });
    } catch (e) {
      handle = { result: Promise.resolve({ ok: false, output: '', error: `The run could not start: ${errorMessage(e)}`, durationMs: 0 }), stop() {} };
    }
    const a: ActiveRun = {
      runId: c.runId,
      taskId: c.task.id,
      taskName: c.task.name,
      startedAt: c.startedAt,
      leaseUntil: c.leaseUntil,
      handle,
      failReason: null,
      stopBy: null,
      chunks,
      shownChars: 0,
      shownAt: 0,
      done: Promise.resolve(),
    };
    a.done = handle.result
      .catch((e: unknown): TargetOutcome => ({ ok: false, output: '', error: `The run failed: ${(e as Error)?.message ?? String(e)}`, durationMs: 0 }))
      .then((r) => this.finish(a, r))
      .catch((e: unknown) => this.log.error('cannot record the end of a run', { task: a.taskName, runId: a.runId, reason: errorMessage(e) }))
      .finally(() => this.active.delete(a.runId));
    this.active.set(a.runId, a);
  }

  private async finish(a: ActiveRun, r: TargetOutcome): Promise<void> {
    let outcome: Exclude<TaskRunOutcome, 'running'>;
    let error: string | null;
    if (a.failReason) {
      outcome = 'failed';
      error = a.failReason;
    } else if (a.stopBy && r.stopped === 'stopped') {
      outcome = 'interrupted';
      error = `Stopped by ${a.stopBy}.`;
    } else if (this.shuttingDown && r.stopped === 'stopped') {
      outcome = 'interrupted';
      error = 'The daemon shut down before the run finished, so it was stopped.';
    } else {
      outcome = r.ok ? 'ok' : 'failed';
      error = r.ok ? null : (r.error ?? 'The run failed.');
    }
    const endedAt = this.now();
    let prepared: { output: string; outputBlob: string | null };
    try {
      prepared = await prepareOutput(this.store.dataDir, r.output);
    } catch (e) {
      this.log.warn('cannot keep the full output of a run', { task: a.taskName, reason: errorMessage(e) });
      prepared = { output: r.output.slice(0, 8192), outputBlob: null };
    }
    let recorded: { superseded: boolean; task: Task | null; pruned: string[]; failed: FailedRunInfo | null } | null = null;
    for (let attempt = 0; attempt < 3 && recorded === null; attempt++) {
      try {
        recorded = await this.store.update((d) => {
          const run = getById(d, 'taskRuns', a.runId);
          if (!run || run.outcome !== 'running') return { superseded: true, task: null, pruned: [], failed: null };
          finishTaskRun(d, a.runId, { outcome, output: prepared.output, outputBlob: prepared.outputBlob, error, endedAt: endedAt.toISOString(), changes: r.changes ?? [] });
          releaseLease(d, a.taskId, this.owner);
          const task = getById(d, 'tasks', a.taskId);
          if (!task) return { superseded: false, task: null, pruned: [], failed: null };
          if (outcome === 'failed') this.scheduleRetry(task, endedAt);
          if (outcome === 'ok') {
            for (const t of d.tasks) {
              if (t.enabled && t.frequency.kind === 'after' && t.frequency.taskId === task.id) t.nextRun = endedAt.toISOString();
            }
          }
          const pruned = pruneTaskRuns(d, task.id, this.keepRuns).flatMap((x) => (x.outputBlob ? [x.outputBlob] : []));
          const failed =
            outcome === 'failed'
              ? { taskName: task.name, runId: a.runId, error: error ?? 'The run failed.', inputs: failedEventInputs(d, task, run.startedAt, error ?? 'The run failed.') }
              : null;
          return { superseded: false, task: structuredClone(task), pruned, failed };
        });
      } catch (e) {
        this.log.error('cannot record the end of a run; retrying', { task: a.taskName, runId: a.runId, reason: errorMessage(e) });
        await new Promise((res) => setTimeout(res, 500));
      }
    }
    if (!recorded) return;
    if (recorded.superseded) {
      // Someone else already judged this run (e.g. its lease ran out); keep their verdict.
      if (prepared.outputBlob) deleteBlob(this.store.dataDir, prepared.outputBlob);
      this.log.warn('run ended after it was already marked failed', { task: a.taskName, runId: a.runId });
      return;
    }
    for (const b of recorded.pruned) {
      try {
        deleteBlob(this.store.dataDir, b);
      } catch {
        // an old output blob that cannot be removed is harmless
      }
    }
    const fields = { task: a.taskName, runId: a.runId, outcome: outcome === 'interrupted' ? 'stopped' : outcome, durationMs: Math.round(r.durationMs), error: error ?? undefined };
    if (outcome === 'ok') this.log.info('task finished', fields);
    else this.log.warn('task finished', fields);
    if (recorded.failed) this.emitFailed(recorded.failed);
    if (outcome === 'ok' && this.taking) void this.tick(); // chained tasks are due now
  }

  /** Fire ScheduledTaskFailed. */
  private emitFailed(f: FailedRunInfo): void {
    const p = (async () => {
      try {
        await this.fireEvent('ScheduledTaskFailed', f.inputs, this.abort.signal);
        this.log.info('event fired', { event: 'ScheduledTaskFailed', task: f.taskName });
      } catch (e) {
        this.log.error('firing ScheduledTaskFailed failed', { task: f.taskName, reason: errorMessage(e) });
      }
    })();
    this.pendingEvents.add(p);
    void p.finally(() => this.pendingEvents.delete(p));
  }

  /** Stop claiming new runs (running ones go on). */
  stopTaking(): void {
    this.taking = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unwatch?.();
    this.unwatch = null;
  }

  /**
   * Clean shutdown: take no new work, give running runs `graceMs` to finish,
   * then stop the rest and record them as interrupted. Resolves when every
   * run's outcome is written.
   */
  async shutdown(graceMs: number): Promise<{ interrupted: number }> {
    this.stopTaking();
    this.shuttingDown = true;
    if (this.ticking) await this.ticking;
    const all = () => Promise.all([...this.active.values()].map((a) => a.done));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all(), new Promise<void>((res) => (timer = setTimeout(res, graceMs)))]);
    clearTimeout(timer);
    const left = [...this.active.values()];
    for (const a of left) {
      this.log.warn('stopping a run at shutdown', { task: a.taskName, runId: a.runId });
      a.handle.stop();
    }
    await all();
    // Failures recorded just now may still fire their event; give those bindings the rest of a short wait.
    await Promise.race([Promise.all([...this.pendingEvents]), new Promise((res) => setTimeout(res, Math.min(graceMs, 2000)).unref())]);
    this.abort.abort();
    await Promise.race([Promise.all([...this.pendingEvents]), new Promise((res) => setTimeout(res, 2000).unref())]);
    return { interrupted: left.length };
  }
}
