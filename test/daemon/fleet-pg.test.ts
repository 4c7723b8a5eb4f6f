// Several daemons on one PostgreSQL store (issue 18): every due run happens exactly once across
// them, and when one is killed with -9 mid-run another one notices and records the run as failed.
import { afterEach, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { Store } from '../../src/store/store.js';
import { createScript, getById, taskRunsFor } from '../../src/store/repos.js';
import { addTask, requestStartNow } from '../../src/tasks/manage.js';
import { cleanupTempDirs, tempDir, waitFor } from './helpers.js';
import { CLI, requireBuiltCli } from '../common.js';
import { describeBackends } from '../store/backends.js';

requireBuiltCli();

interface Daemon {
  proc: ChildProcess;
  exited: Promise<number | null>;
}
const started: Daemon[] = [];

async function startDaemon(url: string): Promise<Daemon> {
  const proc = spawn(process.execPath, [CLI, '--data-dir', tempDir(), '--store', url, 'daemon', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (c) => (out += c));
  proc.stderr!.on('data', (c) => (err += c));
  const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
  await Promise.race([
    waitFor(() => out.includes('daemon started'), 20_000, 'the daemon to start'),
    exited.then((code) => {
      throw new Error(`The daemon exited (${code}) before it started: ${err}`);
    }),
  ]);
  const d = { proc, exited };
  started.push(d);
  return d;
}

afterEach(async () => {
  for (const d of started.splice(0)) {
    if (d.proc.exitCode === null && d.proc.signalCode === null) {
      d.proc.kill('SIGKILL');
      await d.exited;
    }
  }
  cleanupTempDirs();
});

describeBackends('a fleet of daemons', (b) => {
  it.runIf(b.name === 'postgres')('three daemons on one database run each due task exactly once; a kill -9 mid-run is noticed', async () => {
    const place = await b.fresh();
    const store = await Store.open(place.dir, { url: place.url!, seed: false });
    const names = ['A', 'B', 'C', 'D', 'E', 'F'];
    const ids: Record<string, string> = {};
    await store.update((d) => {
      const work = createScript(d, { name: 'work', source: 'printLine("work");' });
      const spin = createScript(d, { name: 'spin', source: 'Integer i = 0;\nwhile (true) { i = i + 1; }\n' });
      for (const n of names) ids[n] = addTask(d, { name: n, targetKind: 'script', targetId: work.id, frequency: { kind: 'minutes', every: 1 } }).id;
      ids.Spin = addTask(d, { name: 'Spin', targetKind: 'script', targetId: spin.id, frequency: { kind: 'never' }, lockMinutes: 30 }).id;
    });
    const daemons = await Promise.all([1, 2, 3].map(() => startDaemon(place.url!)));
    await store.update((d) => {
      names.forEach((n, i) => {
        if (i < 3) getById(d, 'tasks', ids[n]!)!.nextRun = new Date(Date.now() + 1000).toISOString();
        else requestStartNow(d, ids[n]!);
      });
    });
    const runsOf = async (id: string) => {
      const s = await Store.open(place.dir, { url: place.url!, seed: false });
      const runs = taskRunsFor(s.read(), id);
      await s.close();
      return runs;
    };
    for (const n of names) await waitFor(async () => (await runsOf(ids[n]!)).some((r) => r.outcome === 'ok'), 30_000, `task ${n} to run`);
    // Another full pass of every daemon's scheduler: still one run each.
    await new Promise((r) => setTimeout(r, 3000));
    for (const n of names) expect((await runsOf(ids[n]!)).map((r) => r.outcome)).toEqual(['ok']);

    // kill -9 the daemon that runs Spin; another daemon marks the run failed.
    await store.update((d) => requestStartNow(d, ids.Spin!));
    const running = await waitFor(async () => (await runsOf(ids.Spin!)).find((r) => r.outcome === 'running'), 30_000, 'Spin to start');
    const s = await Store.open(place.dir, { url: place.url!, seed: false });
    const owner = getById(s.read(), 'tasks', ids.Spin!)!.lease!.owner;
    await s.close();
    const victim = daemons.find((d) => owner.includes(`:${d.proc.pid}@`));
    expect(victim).toBeDefined();
    victim!.proc.kill('SIGKILL');
    await victim!.exited;
    const failed = await waitFor(async () => (await runsOf(ids.Spin!)).find((r) => r.id === running.id && r.outcome === 'failed'), 30_000, 'the run to be marked failed');
    expect(failed.error).toMatch(/stopped before the run finished/);
    await store.close();
  }, 180_000);
});
