// Scheduler logic with a fake clock and fake runs (no workers): claims, leases,
// orphaned runs, restart after error, chains, events and shutdown — on the JSON
// store and on PostgreSQL (row leases taken with FOR UPDATE SKIP LOCKED).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hostname } from 'node:os';
import pg from 'pg';
import { Store } from '../../src/store/store.js';
import { createMacro, createScript, getById, startTaskRun, taskRunsFor, updateTask } from '../../src/store/repos.js';
import type { Frequency, TaskRun } from '../../src/store/schema.js';
import { Scheduler, type FireEvent } from '../../src/daemon/scheduler.js';
import { addTask, editTask, requestStartNow } from '../../src/tasks/manage.js';
import { runTarget } from '../../src/run/target.js';
import { Clock, FakeRunner, cleanupTempDirs, waitFor } from './helpers.js';
import { describeBackends } from '../store/backends.js';

const UTC = { timezone: 'UTC' };
let store: Store;
let clock: Clock;
let fake: FakeRunner;
let scriptId: string;
let events: Array<{ name: string; inputs: Record<string, string> }>;
const fire: FireEvent = async (name, inputs) => {
  events.push({ name, inputs });
};

function scheduler(owner = 'daemon:1@test/aa', extra: Partial<ConstructorParameters<typeof Scheduler>[0]> = {}): Scheduler {
  return new Scheduler({ store, owner, now: clock.now, tickMs: 0, schedule: UTC, runTarget: fake.runner, fireEvent: fire, ...extra });
}

async function add(name: string, frequency: Frequency, over: { lockMinutes?: number; restartAfterMinutes?: number; enabled?: boolean } = {}): Promise<string> {
  return store.update((d) => addTask(d, { name, targetKind: 'script', targetId: scriptId, frequency, ...over }, clock.now(), UTC).id);
}

const runs = (taskId: string): TaskRun[] => taskRunsFor(store.read(), taskId);
const task = (id: string) => getById(store.read(), 'tasks', id)!;

let place: { dir: string; url?: string };

describeBackends('the scheduler', (b) => {
beforeEach(async () => {
  place = await b.fresh();
  store = await Store.open(place.dir, { url: place.url ?? '', seed: false });
  clock = new Clock(Date.parse('2025-01-06T10:00:00Z')); // a Monday
  fake = new FakeRunner();
  events = [];
  scriptId = await store.update((d) => createScript(d, { name: 'Job', includeId: 'job', source: 'printLine("x");' }).id);
});
afterEach(async () => {
  await store.close();
  cleanupTempDirs();
});

describe('claiming due tasks', () => {
  it('runs a Start-now task once, clears the flag and records the run', async () => {
    const id = await add('Manual', { kind: 'never' });
    await store.update((d) => requestStartNow(d, id));
    const s = scheduler();
    await s.tick();
    expect(fake.runs).toHaveLength(1);
    expect(task(id).startNow).toBe(false);
    expect(task(id).lease?.owner).toBe('daemon:1@test/aa');
    expect(runs(id)[0]!.outcome).toBe('running');
    await s.tick(); // still running: no second run
    expect(fake.runs).toHaveLength(1);
    fake.runs[0]!.finish({ ok: true, output: 'done\n' });
    await s.idle();
    const [run] = runs(id);
    expect(run!.outcome).toBe('ok');
    expect(run!.output).toBe('done\n');
    expect(run!.endedAt).toBe(clock.now().toISOString());
    expect(task(id).lease).toBeNull();
  });

  it('runs a timed task when its time comes and moves nextRun on', async () => {
    const id = await add('Hourly', { kind: 'hourly', minute: 30 });
    expect(task(id).nextRun).toBe('2025-01-06T10:30:00.000Z');
    const s = scheduler();
    fake.auto = () => ({ ok: true });
    clock.set('2025-01-06T10:29:59Z');
    await s.tick();
    expect(fake.runs).toHaveLength(0);
    clock.set('2025-01-06T10:30:02Z');
    await s.tick();
    await s.idle();
    expect(fake.runs).toHaveLength(1);
    expect(task(id).nextRun).toBe('2025-01-06T11:30:00.000Z');
    expect(task(id).lastRun).toBe('2025-01-06T10:30:02.000Z');
  });

  it('does not run disabled tasks by schedule, but Start now still runs them', async () => {
    const id = await add('Off', { kind: 'minutes', every: 1 }, { enabled: false });
    const s = scheduler();
    clock.advance(10 * 60_000);
    await s.tick();
    expect(fake.runs).toHaveLength(0);
    await store.update((d) => requestStartNow(d, id));
    await s.tick();
    expect(fake.runs).toHaveLength(1);
  });

  it('gives a task without a stored next run one, and notices a schedule edited by another writer', async () => {
    const id = await add('Edited', { kind: 'never' });
    const s = scheduler();
    await s.tick();
    expect(task(id).nextRun).toBeNull();
    // Another writer changes the frequency without computing nextRun.
    await store.update((d) => updateTask(d, id, { frequency: { kind: 'weekly', time: '08:00', days: [2] } }));
    await s.tick();
    expect(task(id).nextRun).toBe('2025-01-07T08:00:00.000Z');
    // An editor that recomputes (the CLI, the TUI) is trusted.
    await store.update((d) => editTask(d, id, { frequency: { kind: 'hourly', minute: 45 } }, clock.now(), UTC));
    expect(task(id).nextRun).toBe('2025-01-06T10:45:00.000Z');
    await s.tick();
    expect(task(id).nextRun).toBe('2025-01-06T10:45:00.000Z');
  });

  it('two schedulers on one store run each due task exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await add(`T${i}`, { kind: 'minutes', every: 1 }));
    const a = scheduler('daemon:1@test/aa');
    const b = scheduler('daemon:2@test/bb');
    fake.auto = () => ({ ok: true });
    for (let round = 0; round < 3; round++) {
      clock.advance(61_000);
      await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      await Promise.all([a.idle(), b.idle()]);
    }
    for (const id of ids) expect(runs(id).map((r) => r.outcome)).toEqual(['ok', 'ok', 'ok']);
    expect(fake.runs).toHaveLength(15);
  });

  it('keeps the newest keepRuns runs of every task as their runs end', async () => {
    const ids = [await add('A', { kind: 'minutes', every: 1 }), await add('B', { kind: 'minutes', every: 1 })];
    const s = scheduler('daemon:1@test/aa', { keepRuns: 2 });
    fake.auto = () => ({ ok: true });
    const starts: string[] = [];
    for (let round = 0; round < 4; round++) {
      clock.advance(61_000);
      await s.tick();
      await s.idle();
      starts.push(clock.now().toISOString());
    }
    expect(fake.runs).toHaveLength(8);
    for (const id of ids) expect(runs(id).map((r) => [r.startedAt, r.outcome])).toEqual([[starts[3], 'ok'], [starts[2], 'ok']]);
  });
});

describe('failures', () => {
  it('records the error, re-runs after the restart delay and fires ScheduledTaskFailed', async () => {
    const id = await add('Flaky', { kind: 'weekly', time: '08:00', days: [1] }, { restartAfterMinutes: 5 });
    await store.update((d) => requestStartNow(d, id));
    const s = scheduler();
    await s.tick();
    fake.runs[0]!.finish({ ok: false, error: 'store:job:3:1: division by zero' });
    await s.idle();
    const [run] = runs(id);
    expect(run!.outcome).toBe('failed');
    expect(run!.error).toBe('store:job:3:1: division by zero');
    expect(task(id).nextRun).toBe('2025-01-06T10:05:00.000Z');
    expect(events).toHaveLength(1);
    expect(events[0]!.name).toBe('ScheduledTaskFailed');
    expect(events[0]!.inputs).toMatchObject({ entryId: id, errorMessage: 'store:job:3:1: division by zero', scriptId, scriptName: 'Job', scriptIncludeId: 'job', disabled: '0', retries: '0' });
    expect(events[0]!.inputs.nextExecution).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    clock.advance(4 * 60_000);
    await s.tick();
    expect(fake.runs).toHaveLength(1);
    clock.advance(60_000);
    await s.tick();
    expect(fake.runs).toHaveLength(2);
    fake.runs[1]!.finish({ ok: false, error: 'again' });
    await s.idle();
    expect(events[1]!.inputs.retries).toBe('1');
    // After the retry the weekly schedule (next Monday 08:00) comes back once a run succeeds.
    clock.advance(5 * 60_000);
    await s.tick();
    fake.runs[2]!.finish({ ok: true });
    await s.idle();
    expect(task(id).nextRun).toBe('2025-01-13T08:00:00.000Z');
  });

  it('runs a macro target in a worker, and fails clearly when the target is gone', async () => {
    const macroId = await store.update(
      (d) => createMacro(d, { name: 'Tidy', actions: [{ type: 'log', params: { message: 'tidied up', print: 'yes' }, condition: { kind: 'always' } }] }).id,
    );
    const id = await store.update((d) => addTask(d, { name: 'Macro task', targetKind: 'macro', targetId: macroId, frequency: { kind: 'never' } }).id);
    await store.update((d) => requestStartNow(d, id));
    const s = scheduler('daemon:1@test/aa', { runTarget });
    await s.tick();
    await s.idle();
    expect(runs(id)[0]).toMatchObject({ outcome: 'ok' });
    expect(runs(id)[0]!.output).toContain('tidied up');

    clock.advance(1000);
    await store.update((d) => {
      d.macros = [];
      getById(d, 'tasks', id)!.startNow = true; // as a task set up before the macro was deleted
    });
    await s.tick();
    await s.idle();
    expect(runs(id)[0]).toMatchObject({ outcome: 'failed', error: 'The macro this task runs no longer exists.' });
  });
});

describe('chains', () => {
  it('starts a "run after" task when its predecessor succeeds, not when it fails', async () => {
    const first = await add('Import', { kind: 'never' });
    const second = await add('Report', { kind: 'after', taskId: first });
    const s = scheduler();
    await store.update((d) => requestStartNow(d, first));
    await s.tick();
    fake.runs[0]!.finish({ ok: false, error: 'no file' });
    await s.idle();
    expect(fake.runs).toHaveLength(1);
    expect(runs(second)).toHaveLength(0);

    await store.update((d) => requestStartNow(d, first));
    await s.tick();
    fake.runs[1]!.finish({ ok: true });
    // The successful end ticks again: the chained task starts without waiting for the timer.
    await waitFor(() => fake.runs.length === 3, 5000, 'the chained run');
    expect(runs(second)).toHaveLength(1);
    fake.runs[2]!.finish({ ok: true });
    await s.idle();
    expect(task(second).nextRun).toBeNull();
  });

  it('refuses chains that go round in a circle', async () => {
    const a = await add('A', { kind: 'never' });
    const b = await add('B', { kind: 'after', taskId: a });
    await expect(store.update((d) => editTask(d, a, { frequency: { kind: 'after', taskId: b } }))).rejects.toThrow(/circle/);
  });
});

describe('leases', () => {
  /** A run left 'running' by a daemon that is gone, with its lease. */
  async function leftBehind(owner: string, lockMinutes: number): Promise<{ id: string; runId: string }> {
    const id = await add('Long', { kind: 'never' }, { lockMinutes });
    const runId = await store.update((d) => {
      const t = getById(d, 'tasks', id)!;
      t.lease = { owner, until: new Date(clock.t + lockMinutes * 60_000).toISOString() };
      return startTaskRun(d, id, clock.now().toISOString()).id;
    });
    return { id, runId };
  }

  it('a run whose daemon (on another host) went away is marked failed once the lease runs out, then the task runs again', async () => {
    const { id, runId } = await leftBehind('daemon:4242@elsewhere/cc', 2);
    await store.update((d) => requestStartNow(d, id));
    const s = scheduler();
    clock.advance(60_000);
    await s.tick();
    expect(getById(store.read(), 'taskRuns', runId)!.outcome).toBe('running');
    expect(fake.runs).toHaveLength(0); // the lease still holds
    clock.advance(61_000);
    await s.tick();
    const old = getById(store.read(), 'taskRuns', runId)!;
    expect(old.outcome).toBe('failed');
    expect(old.error).toMatch(/did not finish within its lock time \(2 min\)/);
    expect(fake.runs).toHaveLength(1); // carries on: the pending Start now runs
    expect(task(id).lease?.owner).toBe('daemon:1@test/aa');
    expect(events.map((e) => e.name)).toEqual(['ScheduledTaskFailed']);
  });

  it('a run whose daemon on this host no longer exists is marked failed at once', async () => {
    const { runId } = await leftBehind(`daemon:999999@${hostname()}/dd`, 30);
    const s = scheduler('daemon:1@test/aa', { isAlive: () => false });
    await s.tick();
    const old = getById(store.read(), 'taskRuns', runId)!;
    expect(old.outcome).toBe('failed');
    expect(old.error).toMatch(/process 999999 .* stopped before the run finished/);
  });

  it('leaves alone a run whose daemon is alive and holds the lease', async () => {
    const { runId } = await leftBehind('daemon:4242@elsewhere/cc', 30);
    const s = scheduler();
    clock.advance(10 * 60_000);
    await s.tick();
    expect(getById(store.read(), 'taskRuns', runId)!.outcome).toBe('running');
  });

  it('stops its own run when it outlives the lock time and marks it failed', async () => {
    const id = await add('Stuck', { kind: 'never' }, { lockMinutes: 1 });
    await store.update((d) => requestStartNow(d, id));
    const s = scheduler();
    await s.tick();
    clock.advance(59_000);
    await s.tick();
    expect(fake.runs[0]!.stopped).toBe(false);
    clock.advance(2_000);
    await s.tick();
    expect(fake.runs[0]!.stopped).toBe(true);
    await s.idle();
    const [run] = runs(id);
    expect(run!.outcome).toBe('failed');
    expect(run!.error).toMatch(/longer than the lock time \(1 min\)/);
    expect(task(id).lease).toBeNull();
  });

  it('two daemons ticking at once claim a due run once', async () => {
    const id = await add('Both', { kind: 'never' });
    await store.update((d) => requestStartNow(d, id));
    const other = await Store.open(place.dir, { url: place.url ?? '', seed: false });
    try {
      const s1 = scheduler('daemon:1@test/aa');
      const s2 = new Scheduler({ store: other, owner: 'daemon:2@test/bb', now: clock.now, tickMs: 0, schedule: UTC, runTarget: fake.runner, fireEvent: fire });
      await Promise.all([s1.tick(), s2.tick(), s1.tick(), s2.tick()]);
      expect(fake.runs).toHaveLength(1);
      expect(runs(id)).toHaveLength(1);
      fake.runs[0]!.finish({ ok: true, output: '' });
      await Promise.all([s1.idle(), s2.idle()]);
      await store.update((d) => requestStartNow(d, id));
      await waitFor(async () => (await other.update((d) => getById(d, 'tasks', id)!.startNow)) === true);
      await Promise.all([s2.tick(), s1.tick()]);
      expect(fake.runs).toHaveLength(2); // the lease was given back: the next run is claimed again, once
    } finally {
      await other.close();
    }
  });

  if (b.name === 'postgres') {
    it('skips a task whose lease row another daemon has locked instead of waiting, and takes an expired lease over', async () => {
      const id = await add('Row', { kind: 'never' });
      await store.update((d) => requestStartNow(d, id));
      const other = new pg.Client({ connectionString: place.url });
      await other.connect();
      try {
        await other.query(`INSERT INTO task_leases (task_id, owner, until) VALUES ($1, 'daemon:4242@elsewhere/cc', $2)`, [id, new Date(clock.t + 2 * 60_000).toISOString()]);
        await other.query('BEGIN');
        await other.query('SELECT * FROM task_leases WHERE task_id = $1 FOR UPDATE', [id]);
        const s = scheduler();
        await s.tick(); // returns although the row is locked: SKIP LOCKED
        expect(fake.runs).toHaveLength(0);
        await other.query('COMMIT');
        await s.tick();
        expect(fake.runs).toHaveLength(0); // another daemon's lease that has not run out
        clock.advance(2 * 60_000 + 1000);
        await s.tick();
        expect(fake.runs).toHaveLength(1); // it ran out: taken over
        const row = await other.query('SELECT owner FROM task_leases WHERE task_id = $1', [id]);
        expect(row.rows[0].owner).toBe('daemon:1@test/aa');
        fake.runs[0]!.finish({ ok: true, output: '' });
        await s.idle();
        const after = await other.query('SELECT owner FROM task_leases WHERE task_id = $1', [id]);
        expect(after.rows[0].owner).toBeNull(); // given back after the run was recorded
      } finally {
        await other.end();
      }
    });
  }
});

describe('claiming ahead of the due time', () => {
  it('claims a task due within the claim-ahead time at once, and starts its run at its time, not before', async () => {
    const id = await add('Hourly', { kind: 'hourly', minute: 30 });
    const s = scheduler(undefined, { claimAheadMs: 1000 });
    fake.auto = () => ({ ok: true, output: 'ran\n' });
    clock.set('2025-01-06T10:29:59.700Z');
    await s.tick();
    // claimed: lease, record and next time are in place before the run is due...
    expect(runs(id)[0]).toMatchObject({ outcome: 'running', startedAt: '2025-01-06T10:30:00.000Z' });
    expect(task(id).nextRun).toBe('2025-01-06T11:30:00.000Z');
    expect(task(id).lease?.owner).toBe('daemon:1@test/aa');
    // ...but the run waits for its time
    expect(fake.runs).toHaveLength(0);
    await s.tick();
    expect(runs(id)).toHaveLength(1);
    clock.set('2025-01-06T10:30:00.000Z');
    await waitFor(() => fake.runs.length === 1, 10_000, 'the run to start at its time');
    await s.idle();
    expect(runs(id)[0]).toMatchObject({ outcome: 'ok', output: 'ran\n' });
    expect(task(id).lease).toBeNull();
  });

  it('does not claim a task due later than the claim-ahead time', async () => {
    const id = await add('Hourly', { kind: 'hourly', minute: 30 });
    const s = scheduler(undefined, { claimAheadMs: 1000 });
    clock.set('2025-01-06T10:29:58.900Z');
    await s.tick();
    expect(runs(id)).toHaveLength(0);
    expect(task(id).nextRun).toBe('2025-01-06T10:30:00.000Z');
  });

  it('a run claimed ahead and stopped before its time never starts, and is recorded as stopped', async () => {
    const id = await add('Hourly', { kind: 'hourly', minute: 30 });
    const s = scheduler(undefined, { claimAheadMs: 1000 });
    clock.set('2025-01-06T10:29:59.500Z');
    await s.tick();
    const runId = runs(id)[0]!.id;
    await store.update((d) => void (getById(d, 'taskRuns', runId)!.stopRequestedBy = 'ops'));
    await s.tick(); // the pass serves the stop request
    await s.idle();
    expect(runs(id)[0]).toMatchObject({ outcome: 'interrupted', error: 'Stopped by ops.' });
    clock.set('2025-01-06T10:30:01Z');
    await s.tick();
    expect(fake.runs).toHaveLength(0);
    expect(task(id).lease).toBeNull();
  });
});

describe('shutdown', () => {
  it('lets quick runs finish, stops the rest after the grace period and records them as interrupted', async () => {
    const quick = await add('Quick', { kind: 'never' });
    const slow = await add('Slow', { kind: 'never' });
    await store.update((d) => {
      requestStartNow(d, quick);
      requestStartNow(d, slow);
    });
    const s = scheduler();
    await s.tick();
    expect(fake.runs).toHaveLength(2);
    const quickRun = fake.runs.find((r) => r.targetId === scriptId)!;
    const stopping = s.shutdown(200);
    quickRun.finish({ ok: true }); // within the grace period: shutdown has begun and waits
    const res = await stopping;
    expect(res.interrupted).toBe(1);
    expect(quickRun.stopped).toBe(false);
    expect(fake.runs.find((r) => r !== quickRun)!.stopped).toBe(true);
    const outcomes = [runs(quick)[0]!.outcome, runs(slow)[0]!.outcome].sort();
    expect(outcomes).toEqual(['interrupted', 'ok']);
    expect(task(quick).lease).toBeNull();
    expect(task(slow).lease).toBeNull();
    expect(events).toHaveLength(0); // interrupted is not a failure
    // No new work after shutdown.
    await store.update((d) => requestStartNow(d, quick));
    await s.tick();
    expect(fake.runs).toHaveLength(2);
  });
});

describe('falling behind', () => {
  const logged = () => {
    const lines: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];
    const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, fields });
    return { lines, log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
  };

  it('records the scheduled times it skipped as one missed run and says so in the log', async () => {
    const id = await add('Minutely', { kind: 'minutes', every: 1 });
    const { lines, log } = logged();
    const s = scheduler(undefined, { log });
    fake.auto = () => ({ ok: true });
    // due at 10:01; nothing ran until 10:04:30, so 10:02, 10:03 and 10:04 were left out
    clock.set('2025-01-06T10:04:30Z');
    await s.tick();
    await s.idle();
    const [ran, missed] = runs(id);
    expect(ran!.outcome).toBe('ok');
    expect(missed).toMatchObject({ outcome: 'missed', startedAt: '2025-01-06T10:02:00.000Z', endedAt: '2025-01-06T10:04:00.000Z' });
    expect(missed!.error).toMatch(/^3 scheduled runs were missed \(from .* to .*\): no daemon started them in time/);
    expect(task(id).nextRun).toBe('2025-01-06T10:05:00.000Z');
    expect(lines.find((l) => l.msg === 'scheduled runs missed')).toMatchObject({ level: 'warn', fields: { task: 'Minutely', missed: 3 } });
  });

  it('says in the log while a run outlives its time limit and while its end waits for the store', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const id = await add('Stuck', { kind: 'never' });
      await store.update((d) => {
        requestStartNow(d, id);
        d.settings.runTimeoutSeconds = 5;
      });
      const { lines, log } = logged();
      const s = scheduler(undefined, { log });
      await s.tick();
      expect(fake.runs).toHaveLength(1);
      const overdue = () => lines.filter((l) => l.msg === 'a run has not ended although its time limit passed');
      vi.advanceTimersByTime(64_000);
      expect(overdue()).toHaveLength(0); // the time limit and a minute: not yet
      vi.advanceTimersByTime(2_000);
      expect(overdue()).toHaveLength(1);
      expect(overdue()[0]).toMatchObject({ level: 'warn', fields: { task: 'Stuck' } });
      fake.runs[0]!.finish({ ok: true, output: '' });
      await s.idle();
      vi.advanceTimersByTime(300_000);
      expect(overdue()).toHaveLength(1); // ended: no more of them
      expect(lines.some((l) => l.msg === 'the end of a run is not recorded yet; waiting for the store')).toBe(false);
      expect(runs(id)[0]!.outcome).toBe('ok');
    } finally {
      vi.useRealTimers();
    }
  });

  it('records nothing missed when a run starts within its minute', async () => {
    const id = await add('Minutely', { kind: 'minutes', every: 1 });
    const s = scheduler();
    fake.auto = () => ({ ok: true });
    clock.set('2025-01-06T10:01:40Z');
    await s.tick();
    await s.idle();
    expect(runs(id).map((r) => r.outcome)).toEqual(['ok']);
  });

  it('says when runs start late with workers to spare, and when they are on time again', async () => {
    const id = await add('Minutely', { kind: 'minutes', every: 1 });
    const { lines, log } = logged();
    const s = scheduler(undefined, { log, poolStats: () => ({ alive: 8, busy: 0, idle: 8, queued: 0, oldestWaitMs: 0, started: 0 }) });
    fake.auto = () => ({ ok: true });
    const pass = async (at: string) => {
      clock.set(at);
      await s.tick();
      await s.idle();
      await s.tick(); // the pass after the start sees it
    };
    await pass('2025-01-06T10:01:05Z'); // due 10:01, started 5 s late
    expect(runs(id).map((r) => r.outcome)).toEqual(['ok']);
    expect(s.behind()).toBe('falling behind: runs start up to 5.0 s after they are due');
    const warned = lines.filter((l) => l.msg === 'the daemon cannot keep up');
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ level: 'warn', fields: { lateStarts: 1, starts: 1, worstLateMs: 5000 } });
    expect(warned[0]!.fields).not.toHaveProperty('waiting');
    // On time again, but a late start counts for two minutes: schedules come in waves.
    await pass('2025-01-06T10:02:00.300Z');
    await pass('2025-01-06T10:03:00.300Z');
    expect(s.behind()).toMatch(/^falling behind: runs start up to 5.0 s/);
    // the log does not repeat it while no start is late
    expect(lines.filter((l) => l.msg === 'the daemon cannot keep up')).toHaveLength(1);
    await pass('2025-01-06T10:04:00.300Z');
    expect(s.behind()).toBeNull();
    expect(lines.filter((l) => l.msg === 'the daemon has caught up')).toHaveLength(1);
    expect(runs(id).filter((r) => r.outcome === 'ok')).toHaveLength(4);
  });

  it('says when runs wait too long for a worker, and when it has caught up', async () => {
    const { lines, log } = logged();
    let stats = { alive: 8, busy: 8, idle: 0, queued: 40, oldestWaitMs: 3100, started: 100 };
    const s = scheduler(undefined, { log, poolStats: () => stats });
    await s.tick();
    expect(s.behind()).toBe('falling behind: 40 runs waiting for a worker (oldest 3.1 s, 8 busy)');
    expect(lines.find((l) => l.msg === 'the daemon cannot keep up')).toMatchObject({ level: 'warn', fields: { waiting: 40 } });
    stats = { ...stats, queued: 0, oldestWaitMs: 0 };
    await s.tick();
    expect(s.behind()).toBeNull();
    expect(lines.at(-1)!.msg).toBe('the daemon has caught up');
  });
});
});
