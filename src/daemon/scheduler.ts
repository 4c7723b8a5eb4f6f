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
 */
import type { Store } from '../store/store.js';
import { prepareOutput } from '../store/blobs.js';
import { deleteContent, outputFile, publishContent } from '../store/files.js';
import { finishTaskRun, getById, pruneTaskRuns, releaseLease, startTaskRun, taskRunsFor, tryAcquireLease } from '../store/repos.js';
import type { Lease, StoreData, Task, TaskRunOutcome } from '../store/schema.js';
import { leaseState, newOwnerId, pidAlive } from '../store/lease.js';
import { TaskLeases } from './task-leases.js';
import { firstRun, followingRun, isTimed, missedRuns, plausibleNextRun, type ScheduleOptions } from '../tasks/schedule.js';
import { GroupCommit } from '../store/group-commit.js';
import { crmDateTime, failedEventInputs, orphanReason } from '../tasks/failures.js';
import { BacklogWatch } from './backlog.js';
import { runPool } from '../interp/isolation/isolate.js';
import type { PoolStats } from '../interp/pool.js';
import { runTarget as defaultRunTarget, type TargetOutcome, type TargetRun, type TargetRunner } from '../run/target.js';
import { silentLogger, type Logger } from './log.js';
import { fireEvent } from '../run/fire.js';
import { serveRunning } from './running.js';
import type { ActiveRun, Action, Claim, FailedRunInfo, Missed, RecordedEnd, RunEnd } from './scheduler-records.js';
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
  /** Where the backlog of runs waiting for a worker is read (default: the process's run pool). */
  poolStats?: () => PoolStats;
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
  private readonly leases: TaskLeases;
  private readonly user: string;
  private fireEvent: FireEvent;
  /** Ends of runs, written to the store together (one write for many runs). */
  private readonly ends: GroupCommit<RunEnd, RecordedEnd>;
  /** Whether runs wait too long for a worker (the log, daemon.json, the tab). */
  private readonly backlog: BacklogWatch;

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
    this.keepRuns = opts.keepRuns ?? 100;
    this.isAlive = opts.isAlive ?? pidAlive;
    this.leases = new TaskLeases(this.store, this.owner, this.isAlive, this.log);
    this.user = opts.user ?? process.env.USER ?? '';
    this.fireEvent = opts.fireEvent ?? storeFireEvent(opts.store);
    this.backlog = new BacklogWatch(opts.poolStats ?? (() => runPool.stats()), this.log);
    this.ends = new GroupCommit(this.store, (d, ends) => ends.map((e) => this.recordEnd(d, e)));
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
    if (this.collect(snapshot, now).length === 0) {
      this.remember(snapshot);
      return;
    }
    const due = this.collect(snapshot, now).flatMap((a) => (a.kind === 'claim' ? [a.taskId] : []));
    const leases = await this.leases.take(snapshot, due, now);
    if (!leases) return;
    let outcome: { claims: Claim[]; orphans: FailedRunInfo[]; missed: Missed[] };
    try {
      const [result, doc] = await this.store.update((d) => [this.apply(d, now, this.collect(d, now), leases), d] as const);
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
    for (const c of outcome.claims) this.launch(c);
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

  /** Besides the periodic tick, a pass exactly when the next task is due (runs start on time, not up to a tick late). */
  private wakeAt(at: number): void {
    if (this.tickMs <= 0 || !this.taking) return;
    if (this.dueTimer) clearTimeout(this.dueTimer);
    this.dueTimer = null;
    const ms = at - this.now().getTime();
    if (!(ms < this.tickMs) || ms < 0) return;
    this.dueTimer = setTimeout(() => {
      this.dueTimer = null;
      void this.tick();
    }, ms + 5);
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

  /** The claim: `leases` are those takeLeases gave (null: the lease is taken here, under the store's lock). */
  private apply(d: StoreData, now: Date, actions: Action[], leases: Map<string, Lease | null>): { claims: Claim[]; orphans: FailedRunInfo[]; missed: Missed[] } {
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
      if (!task || !leases.has(task.id)) continue;
      const held = leases.get(task.id);
      if (held) {
        task.lease = held; // the row lease decides; the task shows it
      } else {
        const state = leaseState(task.lease, now, this.isAlive);
        if (state === 'owner-gone') task.lease = null;
        if (!tryAcquireLease(d, task.id, this.owner, now)) continue;
      }
      const scheduled = task.enabled && task.nextRun !== null && Date.parse(task.nextRun) <= now.getTime();
      let dueAt = now;
      if (scheduled) {
        dueAt = new Date(task.nextRun!);
        const following = followingRun(task.frequency, dueAt, now, this.scheduleOpts);
        task.nextRun = following ? following.toISOString() : null;
        // the times between the one run now and the next are not made up: they are recorded as missed
        const m = missedRuns(task.frequency, dueAt, now, this.scheduleOpts);
        if (m) {
          const first = m.first.toISOString();
          const last = m.last.toISOString();
          const gap = startTaskRun(d, task.id, first);
          const when = m.count === 1 ? `at ${crmDateTime(m.first)}` : `from ${crmDateTime(m.first)} to ${crmDateTime(m.last)}`;
          finishTaskRun(d, gap.id, {
            outcome: 'missed',
            endedAt: last,
            error: `${m.count} scheduled run${m.count === 1 ? ' was' : 's were'} missed (${when}): no daemon started ${m.count === 1 ? 'it' : 'them'} in time (none was running, or it could not keep up).`,
          });
          missed.push({ taskName: task.name, count: m.count, first, last });
        }
      }
      task.startNow = false;
      const run = startTaskRun(d, task.id, iso);
      claims.push({ task: structuredClone(task), runId: run.id, startedAt: now, dueAt, leaseUntil: new Date(task.lease!.until) });
    }
    return { claims, orphans, missed };
  }

  /** After a failure: run again after the restart delay, unless the schedule comes sooner. */
  private scheduleRetry(task: Task, at: Date): void {
    if (!task.enabled || task.restartAfterMinutes <= 0) return;
    const retry = at.getTime() + task.restartAfterMinutes * 60_000;
    if (task.nextRun === null || Date.parse(task.nextRun) > retry) task.nextRun = new Date(retry).toISOString();
  }

  private launch(c: Claim): void {
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
        // lateMs: from the time the run was due to the moment it starts on a worker
        onStart: () => this.log.info('task started', { task: c.task.name, taskId: c.task.id, runId: c.runId, lateMs: Date.now() - c.dueAt.getTime() }),
      });
    } catch (e) {
      handle = { result: Promise.resolve({ ok: false, output: '', error: `The run could not start: ${errorMessage(e)}`, durationMs: 0 }), stop() {} };
    }
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
      if (prepared.outputBlob) await publishContent(this.store, outputFile(prepared.outputBlob)); // every machine of a fleet reads it
    } catch (e) {
      this.log.warn('cannot keep the full output of a run', { task: a.taskName, reason: errorMessage(e) });
      prepared = { output: r.output.slice(0, 8192), outputBlob: null };
    }
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
    if (!recorded) return;
    await this.leases.giveBack([a.taskId]);
    if (recorded.superseded) {
      // Someone else already judged this run (e.g. its lease ran out); keep their verdict.
      if (prepared.outputBlob) await deleteContent(this.store, [outputFile(prepared.outputBlob)]).catch(() => undefined);
      this.log.warn('run ended after it was already marked failed', { task: a.taskName, runId: a.runId });
      return;
    }
    // an old output blob that cannot be removed is harmless
    await deleteContent(this.store, recorded.pruned.map(outputFile)).catch(() => undefined);
    const fields = { task: a.taskName, runId: a.runId, outcome: outcome === 'interrupted' ? 'stopped' : outcome, durationMs: Math.round(r.durationMs), error: error ?? undefined };
    if (outcome === 'ok') this.log.info('task finished', fields);
    else this.log.warn('task finished', fields);
    if (recorded.failed) this.emitFailed(recorded.failed);
    if (outcome === 'ok' && this.taking) void this.tick(); // chained tasks are due now
  }

  /** Records one run's end in the document (one of a batch: see finish). */
  private recordEnd(d: StoreData, e: RunEnd): RecordedEnd {
    const run = getById(d, 'taskRuns', e.runId);
    if (!run || run.outcome !== 'running') return { superseded: true, task: null, pruned: [], failed: null };
    finishTaskRun(d, e.runId, { outcome: e.outcome, output: e.output, outputBlob: e.outputBlob, error: e.error, endedAt: e.endedAt.toISOString(), changes: e.changes });
    releaseLease(d, e.taskId, this.owner);
    const task = getById(d, 'tasks', e.taskId);
    if (!task) return { superseded: false, task: null, pruned: [], failed: null };
    if (e.outcome === 'failed') this.scheduleRetry(task, e.endedAt);
    if (e.outcome === 'ok') {
      for (const t of d.tasks) {
        if (t.enabled && t.frequency.kind === 'after' && t.frequency.taskId === task.id) t.nextRun = e.endedAt.toISOString();
      }
    }
    const pruned = pruneTaskRuns(d, task.id, this.keepRuns).flatMap((x) => (x.outputBlob ? [x.outputBlob] : []));
    const message = e.error ?? 'The run failed.';
    const failed = e.outcome === 'failed' ? { taskName: task.name, runId: e.runId, error: message, inputs: failedEventInputs(d, task, run.startedAt, message) } : null;
    return { superseded: false, task: structuredClone(task), pruned, failed };
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
    // Failures recorded just now may still fire their event; give those bindings the rest of a short wait.
    await Promise.race([Promise.all([...this.pendingEvents]), new Promise((res) => setTimeout(res, Math.min(graceMs, 2000)).unref())]);
    this.abort.abort();
    await Promise.race([Promise.all([...this.pendingEvents]), new Promise((res) => setTimeout(res, 2000).unref())]);
    return { interrupted: left.length };
  }
}
