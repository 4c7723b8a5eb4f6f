// Scheduled tasks at scale against the real daemon process: `count` tasks, each due every minute
// (all at the same instant, the worst case), for `minutes` minutes. Reads the daemon's log: every
// due run must start ('task started' lines, with lateMs = start on a worker minus due time), no
// scheduled time may be skipped ('scheduled runs missed'), and every run must have finished with
// the output its script prints (the checksum). Peak memory is the daemon process's VmHWM.
import { Store } from '../src/store/store.js';
import { createScript } from '../src/store/repos.js';
import { addTask } from '../src/tasks/manage.js';
import { percentile, startBenchDaemon, tempHome } from './lib.js';

export interface TasksFigures {
  tasks: number;
  minutes: number;
  due: number;
  started: number;
  missed: number;
  okWithOutput: number;
  p50LateMs: number;
  p99LateMs: number;
  maxLateMs: number;
  peakRssMb: number;
  /** 'the daemon cannot keep up' lines in the daemon's log (it must say so when starts are late). */
  keepUpWarnings: number;
}

export async function benchTasks(opts: { count?: number; minutes?: number } = {}): Promise<TasksFigures> {
  const count = opts.count ?? 1000;
  const minutes = opts.minutes ?? 10;
  const dir = tempHome('tasks');
  const store = await Store.open(dir, { seed: false });
  const created = new Date();
  await store.update((d) => {
    const s = createScript(d, { name: 'Tick', includeId: 'tick', source: 'Integer n = 0;\nfor (Integer i = 0; i < 1000; i++) n += i;\nprint("sum " + n.toString());' });
    for (let i = 0; i < count; i++) addTask(d, { name: `Every minute ${i}`, targetKind: 'script', targetId: s.id, frequency: { kind: 'minutes', every: 1 } }, created);
  });
  const firstDue = Date.parse(store.read().tasks[0]!.nextRun!);
  store.close();
  const daemon = await startBenchDaemon(dir);
  // run until `minutes` due instants have passed, plus time for the last wave to finish
  const end = firstDue + (minutes - 1) * 60_000 + 20_000;
  await new Promise((res) => setTimeout(res, Math.max(0, end - Date.now())));
  const peakRssMb = daemon.peakRssMb();
  await daemon.stop();
  const lines = daemon.log().map((l) => JSON.parse(l) as { msg: string; lateMs?: number; missed?: number });
  const late = lines.filter((l) => l.msg === 'task started').map((l) => l.lateMs!);
  const keepUpWarnings = lines.filter((l) => l.msg === 'the daemon cannot keep up').length;
  const missed = lines.filter((l) => l.msg === 'scheduled runs missed').reduce((n, l) => n + (l.missed ?? 0), 0);
  const check = await Store.open(dir, { seed: false });
  const runs = check.read().taskRuns;
  const okWithOutput = runs.filter((r) => r.outcome === 'ok' && r.output === 'sum 499500').length;
  check.close();
  return {
    tasks: count,
    minutes,
    due: count * minutes,
    started: late.length,
    missed,
    okWithOutput,
    p50LateMs: percentile(late, 50),
    p99LateMs: percentile(late, 99),
    maxLateMs: Math.max(...late),
    peakRssMb,
    keepUpWarnings,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await benchTasks({ count: Number(process.env.BENCH_TASKS ?? process.env.TASKS ?? 1000), minutes: Number(process.env.BENCH_TASK_MINUTES ?? process.env.MINUTES ?? 10) });
  console.log(JSON.stringify(f));
}
