// Fault test (issue 18), `npm run fault` (run by .ci/run; a few minutes, so not in `npm test`):
// three daemons on one PostgreSQL database, twenty minutely tasks staggered so that one is due
// every 2.5 seconds, for FAULT_ROUNDS minutes (default 3). While one run is in flight, its daemon
// is killed with -9. Afterwards, from the store's run history and from the scripts' own record
// (each run POSTs to a collector and prints the number it got back):
// - every due time of every task has exactly one run, started within seconds of it (none lost,
//   none doubled, nothing 'missed'), carried on by the two daemons left;
// - every run is 'ok' except the one in flight at the kill, recorded as failed because its daemon
//   stopped before the run finished;
// - every ok run made exactly one request and no two runs claim the same request; the only
//   request without an ok run is the killed one's.
import { afterAll, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { createScript, taskRunsFor } from '../../src/store/repos.js';
import { addTask } from '../../src/tasks/manage.js';
import type { TaskRun } from '../../src/store/schema.js';
import { cleanupTempDirs, requireBuiltCli, tempDir, waitFor } from '../common.js';
import { freshPgUrl, PG_URL } from '../store/backends.js';
import { killStartedDaemons, startDaemon } from '../daemon/process.js';
import { startCollector } from './collector.js';

requireBuiltCli();
afterAll(async () => {
  await killStartedDaemons();
  cleanupTempDirs();
});

const TASKS = 20;
const STAGGER_MS = 2500;
const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 3);
const HOLD_MS = 2000;
/** How late a run may start after its due time (a tick, a claim, a worker start, under load). */
const LATE_MS = 20_000;

it.runIf(!!PG_URL || process.env.CI)('three daemons, kill -9 one mid-run: every due run happens exactly once', async () => {
  const url = await freshPgUrl();
  const collector = await startCollector(HOLD_MS);
  const store = await Store.open(tempDir(), { url, seed: false });
  store.watch(() => undefined); // keeps read() current (LISTEN/NOTIFY)
  const base = Date.now() + 20_000; // the daemons start meanwhile
  const taskIds: string[] = [];
  const firstDue = new Map<string, number>();
  await store.update((d) => {
    d.settings.features.http = true;
    for (let i = 0; i < TASKS; i++) {
      const name = `T${String(i).padStart(2, '0')}`;
      const source = `HTTP h;\nh.setValue("task", "${name}");\nprintLine("hit " + String(h.post("http://127.0.0.1:${collector.port}/hit")));\n`;
      const s = createScript(d, { name, source });
      const t = addTask(d, { name, targetKind: 'script', targetId: s.id, frequency: { kind: 'minutes', every: 1 }, lockMinutes: 5, restartAfterMinutes: 0 });
      t.nextRun = new Date(base + i * STAGGER_MS).toISOString();
      taskIds.push(t.id);
      firstDue.set(t.id, base + i * STAGGER_MS);
    }
  });
  const env = { CRMSCRIPT_TUI_STORE: url };
  const daemons = await Promise.all([1, 2, 3].map(() => startDaemon(tempDir(), [], env)));

  try {
    // Half-way through: wait for a request being held, kill the daemon running it.
    await waitFor(() => Date.now() > base + (ROUNDS * 60_000) / 2, ROUNDS * 60_000, 'half-way');
    const victimPid = await waitFor(
      () => {
        const d = store.read();
        for (const hit of collector.pending.values()) {
          const task = d.tasks.find((t) => t.name === hit.task);
          const owner = task?.lease?.owner ?? '';
          const daemon = daemons.find((x) => owner.includes(`:${x.proc.pid}@`));
          if (daemon && Date.now() - hit.at < HOLD_MS / 2) return daemon.proc.pid;
        }
        return undefined;
      },
      30_000,
      'a run in flight',
    );
    const victim = daemons.find((x) => x.proc.pid === victimPid)!;
    victim.proc.kill('SIGKILL');
    await victim.exited;
    const killedAt = Date.now();

    // The last round: then switch every task off and wait until nothing runs any more.
    const end = base + ROUNDS * 60_000 - 5000;
    await waitFor(() => Date.now() > end, ROUNDS * 60_000 + 60_000, 'the last round');
    await store.update((d) => {
      for (const t of d.tasks) t.enabled = false;
    });
    const d = await waitFor(
      () => {
        const snap = store.read();
        return snap.taskRuns.some((r) => r.outcome === 'running') || collector.pending.size > 0 ? undefined : snap;
      },
      60_000,
      'every run to end',
    );

    const runs = taskIds.flatMap((id) => taskRunsFor(d, id));
    const problems: string[] = [];
    const byHit = new Map<number, TaskRun>();
    for (const id of taskIds) {
      const name = d.tasks.find((t) => t.id === id)!.name;
      const own = taskRunsFor(d, id).sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
      const due: number[] = [];
      for (let t = firstDue.get(id)!; t < end; t += 60_000) due.push(t);
      // each due time: exactly one run, started within LATE_MS of it
      const unmatched = [...own];
      for (const t of due) {
        const hits = unmatched.filter((r) => Date.parse(r.startedAt) >= t - 1000 && Date.parse(r.startedAt) < t + LATE_MS);
        if (hits.length !== 1) problems.push(`${name} due ${new Date(t).toISOString()}: ${hits.length} runs`);
        for (const h of hits) unmatched.splice(unmatched.indexOf(h), 1);
      }
      for (const r of unmatched) problems.push(`${name}: a run at ${r.startedAt} (${r.outcome}) matches no due time`);
      for (const r of own) {
        if (r.outcome === 'ok') {
          const n = Number(/^hit (\d+)\n$/.exec(r.output)?.[1]);
          const hit = collector.hits[n - 1];
          if (!hit || hit.task !== name) problems.push(`${name}: run ${r.id} printed ${JSON.stringify(r.output)}, not a request of its own`);
          else if (byHit.has(n)) problems.push(`request ${n} is claimed by runs ${byHit.get(n)!.id} and ${r.id}`);
          else byHit.set(n, r);
        } else if (r.outcome !== 'failed' || !/stopped before the run finished/.test(r.error ?? '')) {
          problems.push(`${name}: run ${r.id} ended ${r.outcome}: ${r.error}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(runs.length).toBe(TASKS * ROUNDS);
    // The run in flight at the kill, and only it, failed; its request is the only one without an ok run.
    const failed = runs.filter((r) => r.outcome === 'failed');
    expect(failed).toHaveLength(1);
    expect(Date.parse(failed[0]!.startedAt)).toBeLessThan(killedAt);
    const orphanHits = collector.hits.filter((h) => !byHit.has(h.n));
    expect(orphanHits).toHaveLength(1);
    expect(orphanHits[0]!.task).toBe(d.tasks.find((t) => t.id === failed[0]!.taskId)!.name);
    // The two daemons left did the work after the kill.
    const dueAfterKill = taskIds.flatMap((id) => Array.from({ length: ROUNDS }, (_, k) => firstDue.get(id)! + k * 60_000)).filter((t) => t > killedAt && t < end);
    expect(dueAfterKill.length).toBeGreaterThan(0);
    expect(runs.filter((r) => Date.parse(r.startedAt) > killedAt && r.outcome === 'ok').length).toBeGreaterThanOrEqual(dueAfterKill.length);
    for (const x of daemons.filter((x) => x !== victim)) expect(x.proc.exitCode).toBeNull();
  } finally {
    await store.close();
    await collector.close();
  }
}, (ROUNDS + 4) * 60_000);
