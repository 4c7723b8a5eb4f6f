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
 * Leases are taken before that update (task-leases.ts); the claim records a
 * run only for a task whose lease this daemon holds and that is still due on
 * the fresh read, so daemons on one store never both claim the same run.
 * Claimed runs then execute concurrently, each on a pooled worker with the
 * engine's time and memory limits. When a run ends, its outcome is recorded,
 * the lease released, a failed task is re-scheduled after its restart delay,
 * tasks chained after a successful one are made due, and a failure fires the
 * ScheduledTaskFailed event.
 *
 * The clock is injectable (`now`), and with `tickMs: 0` nothing runs by itself:
 * tests call tick() directly.
 *
 * This file is the loop (timers, passes, launching and finishing runs, shutdown). What a pass
 * decides and claims is in scheduler-claims.ts, when a claimed run was due and the runs missed
 * in scheduler-lateness.ts, and how a run's end is judged and recorded in scheduler-run-end.ts.
 */
import type { Store } from '../store/store.js';
import { deleteContent, outputFile } from '../store/files.js';
import { getById } from '../store/repos.js';
import type { StoreData } from '../store/schema.js';
import { newOwnerId, pidAlive } from '../store/lease.js';
import { TaskLeases } from './task-leases.js';
import type { ScheduleOptions } from '../tasks/schedule.js';
import { GroupCommit } from '../store/group-commit.js';
import { BacklogWatch } from './backlog.js';
import { runPool } from '../interp/isolation/isolate.js';
import type { PoolStats } from '../interp/pool.js';
import { runTarget as defaultRunTarget, type TargetOutcome, type TargetRunner } from '../run/target.js';
import { silentLogger, type Logger } from './log.js';
import { fireEvent } from '../run/fire.js';
import { serveRunning } from './running.js';
import type { ActiveRun, Action, Claim, FailedRunInfo, RecordedEnd, RunEnd } from './scheduler-records.js';
import { applyActions, collectActions, fingerprint, type ClaimContext, type ClaimOutcome } from './scheduler-claims.js';
import { lateMs } from './scheduler-lateness.js';
import { judgeEnd, keepOutput, recordEnds } from './scheduler-run-end.js';
import { errorMessage } from '../interp/util/error-message.js';
import { warnWhileSlow } from './slow-step.js';
import { DeferredStarts } from './deferred-starts.js';
import { HistoryPrune } from './history-prune.js';
import { taskRunRequest } from './scheduler-launch.js';

/** How long before their time due tasks are claimed (the claim of a wave of 1,000 takes a few hundred ms). */
const CLAIM_AHEAD_MS = 1000;

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
  /** Where the backlog of runs waiting for a worker is read (default: the process's run pool). */
  poolStats?: () => PoolStats;
  /** Tasks due within this many ms are claimed ahead and start at their time (default 1000; 0 with tickMs 0). */
  claimAheadMs?: number;
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
  /** Keeps each task's newest runs (keepRuns), pruned after the ends of a wave. */
  private readonly prune: HistoryPrune;
  private readonly isAlive: (pid: number) => boolean;
  private readonly leases: TaskLeases;
  private readonly user: string;
  private fireEvent: FireEvent;
  /** Ends of runs, written to the store together (one write for many runs). */
  private readonly ends: GroupCommit<RunEnd, RecordedEnd>;
  /** Whether runs wait too long for a worker (the log, daemon.json, the tab). */
  private readonly backlog: BacklogWatch;
  private readonly aheadMs: number;
  /** Runs claimed ahead, waiting for their time. */
  private readonly deferred: DeferredStarts;

  private readonly active = new Map<string, ActiveRun>();
  private readonly seen = new Map<string, string>();
  private readonly pendingEvents = new Set<Promise<void>>();
  /** Aborted when a shutdown's grace period is over: event bindings still running are stopped. */
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private dueTimer: NodeJS.Timeout | null = null;
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
    this.isAlive = opts.isAlive ?? pidAlive;
    this.leases = new TaskLeases(this.store, this.owner, this.isAlive, this.log);
    this.user = opts.user ?? process.env.USER ?? '';
    this.fireEvent = opts.fireEvent ?? storeFireEvent(opts.store);
    this.backlog = new BacklogWatch(opts.poolStats ?? (() => runPool.stats()), this.log, () => this.now().getTime());
    this.ends = new GroupCommit(this.store, (d, ends) => recordEnds(d, ends, this.owner));
    this.prune = new HistoryPrune(this.store, this.log, { keep: opts.keepRuns ?? 100 });
    this.aheadMs = opts.claimAheadMs ?? (this.tickMs > 0 ? CLAIM_AHEAD_MS : 0);
    this.deferred = new DeferredStarts(this.store, this.now);
  }

  /** Null while the daemon keeps up; else what holds it back, in words (daemon.json, the tab). */
  behind(): string | null {
    return this.backlog.note();
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
    await this.prune.flush();
  }

  /** One scheduler pass; concurrent calls are merged (a call during a pass makes it run once more). */
  tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return this.ticking;
    }
    const slow = warnWhileSlow(this.log, 'a scheduler pass is taking long', {}, 60_000);
    this.ticking = (async () => {
      try {
        do {
          this.again = false;
          await this.tickOnce();
        } while (this.again && this.taking);
      } finally {
        slow();
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  private async tickOnce(): Promise<void> {
    const now = this.now();
    this.backlog.check();
    for (const a of this.active.values()) {
      if (!a.failReason && now.getTime() >= a.leaseUntil.getTime()) {
        const task = getById(this.store.read(), 'tasks', a.taskId);
        a.failReason = `The run took longer than the lock time (${Math.max(task?.lockMinutes ?? 1, 1)} min) and was stopped.`;
        this.log.warn('run outlived its lease; stopping it', { task: a.taskName, runId: a.runId });
        a.handle.stop();
      }
    }
    await serveRunning(this.store, this.active.values(), now, this.log);
    if (!this.taking) return;
    let snapshot: StoreData;
    try {
      snapshot = this.store.read();
    } catch (e) {
      this.log.error('cannot read the store', { reason: errorMessage(e) });
      return;
    }
    const planned = this.collect(snapshot, now);
    if (planned.length === 0) {
      this.remember(snapshot);
      return;
    }
    const due = planned.flatMap((a) => (a.kind === 'claim' ? [a.taskId] : []));
    const leases = await this.leases.take(snapshot, due, now);
    if (!leases) return;
    let outcome: ClaimOutcome;
    try {
      const [result, doc] = await this.store.update((d) => [applyActions(d, now, this.collect(d, now), leases, this.claimContext()), d] as const);
      outcome = result;
      this.remember(doc);
    } catch (e) {
      this.log.error('scheduler pass failed', { reason: errorMessage(e) });
      await this.leases.giveBack([...leases.keys()]);
      return;
    }
    const claimed = new Set(outcome.claims.map((c) => c.task.id));
    await this.leases.giveBack([...leases.keys()].filter((id) => !claimed.has(id)));
    for (const o of outcome.orphans) {
      this.log.warn('run marked failed', { task: o.taskName, runId: o.runId, reason: o.error });
      this.emitFailed(o);
    }
    for (const m of outcome.missed) {
      this.log.warn('scheduled runs missed', { task: m.taskName, missed: m.count, from: m.first, to: m.last, reason: 'no daemon started them in time (none was running, or it could not keep up)' });
    }
    this.store.withOneLook(() => {
      for (const c of outcome.claims) this.launch(c);
    });
  }

  /** What the claim needs to know of this scheduler, as it is now. */
  private claimContext(): ClaimContext {
    return { owner: this.owner, isAlive: this.isAlive, schedule: this.scheduleOpts, taking: this.taking, active: this.active, seen: this.seen, aheadMs: this.aheadMs };
  }

  private collect(d: StoreData, now: Date): Action[] {
    return collectActions(d, now, this.claimContext());
  }

  private remember(d: StoreData): void {
    this.seen.clear();
    let next = Infinity;
    for (const t of d.tasks) {
      this.seen.set(t.id, fingerprint(t));
      if (t.enabled && t.nextRun !== null) next = Math.min(next, Date.parse(t.nextRun));
    }
    this.wakeAt(next);
  }

  /** Besides the periodic tick, a pass when the next task is due, less the claim-ahead time (runs start on time, not up to a tick late). */
  private wakeAt(at: number): void {
    if (this.tickMs <= 0 || !this.taking) return;
    if (this.dueTimer) clearTimeout(this.dueTimer);
    this.dueTimer = null;
    const ms = at - this.aheadMs - this.now().getTime();
    if (!(ms < this.tickMs) || ms < 0) return;
    this.dueTimer = setTimeout(() => {
      this.dueTimer = null;
      void this.tick();
    }, ms + 5);
  }

  private launch(c: Claim): void {
    const chunks: string[] = [];
    const req = taskRunRequest(c, this.user, this.log, (text) => void chunks.push(text), () => {
      const late = lateMs(c.dueAt, this.now());
      this.backlog.started(late);
      this.log.info('task started', { task: c.task.name, taskId: c.task.id, runId: c.runId, lateMs: late });
    });
    // at once, or at its time when it was claimed ahead of it
    const handle = this.deferred.run(c.dueAt.getTime(), () => this.runTarget(this.store, c.task.targetKind, c.task.targetId, req));
    const a: ActiveRun = {
      runId: c.runId,
      taskId: c.task.id,
      taskName: c.task.name,
      startedAt: c.startedAt,
      dueAt: c.dueAt,
      leaseUntil: c.leaseUntil,
      handle,
      failReason: null,
      stopBy: null,
      chunks,
      shownChars: 0,
      shownAt: 0,
      done: Promise.resolve(),
    };
    // a run ends at its time limit at the latest: one that has not a minute later is worth a line
    const limitMs = this.store.read().settings.runTimeoutSeconds * 1000;
    const overdue = warnWhileSlow(this.log, 'a run has not ended although its time limit passed', { task: a.taskName, runId: a.runId }, limitMs + 60_000);
    a.done = handle.result
      .catch((e: unknown): TargetOutcome => ({ ok: false, output: '', error: `The run failed: ${errorMessage(e)}`, durationMs: 0 }))
      .finally(overdue)
      .then((r) => this.finish(a, r))
      .catch((e: unknown) => this.log.error('cannot record the end of a run', { task: a.taskName, runId: a.runId, reason: errorMessage(e) }))
      .finally(() => this.active.delete(a.runId));
    this.active.set(a.runId, a);
  }

  private async finish(a: ActiveRun, r: TargetOutcome): Promise<void> {
    const { outcome, error } = judgeEnd(a, r, this.shuttingDown);
    const waiting = warnWhileSlow(this.log, 'the end of a run is not recorded yet; waiting for the store', { task: a.taskName, runId: a.runId }, 30_000);
    const endedAt = this.now();
    const prepared = await keepOutput(this.store, r.output, this.log, a.taskName);
    let recorded: RecordedEnd | null = null;
    const end: RunEnd = { runId: a.runId, taskId: a.taskId, outcome, error, endedAt, output: prepared.output, outputBlob: prepared.outputBlob, changes: r.changes ?? [] };
    // A store that is away (a database restart, a held lock) is waited for while the run is ours
    // (its lease holds), so the run in flight is recorded once the store is back.
    const until = Date.now() + Math.max(0, a.leaseUntil.getTime() - this.now().getTime());
    let transient = true;
    for (let attempt = 0; recorded === null && (attempt < 3 || (transient && !this.shuttingDown && Date.now() < until)); attempt++) {
      try {
        recorded = await this.ends.add(end);
      } catch (e) {
        transient = ['io', 'lock'].includes((e as { code?: string }).code ?? '');
        this.log.error('cannot record the end of a run; retrying', { task: a.taskName, runId: a.runId, reason: errorMessage(e) });
        await new Promise((res) => setTimeout(res, Math.min(500 * 2 ** attempt, 5000)));
      }
    }
    waiting();
    if (!recorded) return;
    await this.leases.giveBack([a.taskId]);
    if (recorded.superseded) {
      // Someone else already judged this run (e.g. its lease ran out); keep their verdict.
      if (prepared.outputBlob) await deleteContent(this.store, [outputFile(prepared.outputBlob)]).catch(() => undefined);
      this.log.warn('run ended after it was already marked failed', { task: a.taskName, runId: a.runId });
      return;
    }
    this.prune.note(a.taskId);
    const fields = { task: a.taskName, runId: a.runId, outcome: outcome === 'interrupted' ? 'stopped' : outcome, durationMs: Math.round(r.durationMs), error: error ?? undefined };
    if (outcome === 'ok') this.log.info('task finished', fields);
    else this.log.warn('task finished', fields);
    if (recorded.failed) this.emitFailed(recorded.failed);
    if (recorded.chained && this.taking) void this.tick(); // chained tasks are due now
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
    if (this.dueTimer) clearTimeout(this.dueTimer);
    this.dueTimer = null;
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
    await this.prune.flush();
    // Failures recorded just now may still fire their event; give those bindings the rest of a short wait.
    await Promise.race([Promise.all([...this.pendingEvents]), new Promise((res) => setTimeout(res, Math.min(graceMs, 2000)).unref())]);
    this.abort.abort();
    await Promise.race([Promise.all([...this.pendingEvents]), new Promise((res) => setTimeout(res, 2000).unref())]);
    return { interrupted: left.length };
  }
}
