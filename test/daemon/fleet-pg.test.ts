// Several daemons on one PostgreSQL store (issue 18): every due run happens exactly once across
// them, and when one is killed with -9 mid-run another one notices and records the run as failed.
import { afterEach, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Store } from '../../src/store/store.js';
import { createScript, getById, taskRunsFor } from '../../src/store/repos.js';
import { addTask, requestStartNow } from '../../src/tasks/manage.js';
import { cleanupTempDirs, tempDir, waitFor } from './helpers.js';
import { CLI, requireBuiltCli, runBuiltCli } from '../common.js';
import { diagnose, killStartedDaemons, startDaemon as startLoggingDaemon } from './process.js';
import { describeBackends } from '../store/backends.js';

requireBuiltCli();

const SERVER_SCRIPT = fileURLToPath(new URL('../../scripts/pg-test-server.sh', import.meta.url));

interface Daemon {
  proc: ChildProcess;
  exited: Promise<number | null>;
}
const started: Daemon[] = [];

async function startDaemon(url: string, extra: string[] = []): Promise<Daemon> {
  const proc = spawn(process.execPath, [CLI, '--data-dir', tempDir(), '--store', url, 'daemon', '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  await killStartedDaemons();
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
      addTask(d, { name: 'Note', targetKind: 'script', targetId: work.id, frequency: { kind: 'never' } });
    });
    const daemons = await Promise.all([1, 2, 3].map(() => startDaemon(place.url!)));
    // Any machine sharing the database sees the fleet: store info and the note of `tasks run`.
    const elsewhere = tempDir();
    const info = runBuiltCli(['--data-dir', elsewhere, '--store', place.url!, 'store', 'info']);
    for (const x of daemons) expect(info.out).toContain(`daemon ${x.proc.pid}@`);
    const asked = runBuiltCli(['--data-dir', elsewhere, '--store', place.url!, 'tasks', 'run', 'Note']);
    expect(asked.out).toMatch(/A daemon of this store \(daemon \d+@/);
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
    // Its connections close with it: it leaves the fleet at once.
    await waitFor(() => !runBuiltCli(['--data-dir', elsewhere, '--store', place.url!, 'store', 'info']).out.includes(`daemon ${victim!.proc.pid}@`), 30_000, 'the killed daemon to leave the fleet');
    const failed = await waitFor(async () => (await runsOf(ids.Spin!)).find((r) => r.id === running.id && r.outcome === 'failed'), 30_000, 'the run to be marked failed');
    expect(failed.error).toMatch(/stopped before the run finished/);
    await store.close();
  }, 180_000);

  it.runIf(b.name === 'postgres')('a long run output made by a daemon on one machine is read whole on another', async () => {
    const place = await b.fresh();
    const store = await Store.open(place.dir, { url: place.url!, seed: false });
    const id = await store.update((d) => {
      const s = createScript(d, { name: 'long', source: 'for (Integer i = 0; i < 3000; i++) { printLine("line " + i.toString()); }' });
      const t = addTask(d, { name: 'Long', targetKind: 'script', targetId: s.id, frequency: { kind: 'never' } });
      requestStartNow(d, t.id);
      return t.id;
    });
    store.watch(() => undefined);
    await startDaemon(place.url!);
    const run = await waitFor(() => taskRunsFor(store.read(), id).find((r) => r.outcome !== 'running'), 60_000, 'the run');
    expect(run.outcome).toBe('ok');
    expect(run.outputBlob).not.toBeNull();
    await store.close();
    const elsewhere = tempDir();
    const history = runBuiltCli(['--data-dir', elsewhere, '--store', place.url!, 'tasks', 'history', 'Long', '--json']);
    expect(history.err).toBe('');
    const full = JSON.parse(history.out)[0].output as string;
    expect(full.split('\n')).toHaveLength(3001);
    expect(full.endsWith('line 2999\n')).toBe(true);
  }, 120_000);

  // A private server (restarting the shared one would disturb other tests). Every wait is for an
  // event (a line of the daemon's log, a row in the store) with a generous but bounded timeout.
  it.runIf(b.name === 'postgres')('a daemon rides out a database restart: the run in flight is recorded as failed, runs due meanwhile happen once, work goes on', async () => {
    const env = execFileSync('bash', [SERVER_SCRIPT, 'start'], { encoding: 'utf8' });
    const url = /CRMSCRIPT_TUI_TEST_PG=(\S+)/.exec(env)![1]!;
    const serverDir = /CRMSCRIPT_TUI_TEST_PG_DIR=(\S+)/.exec(env)![1]!;
    const store = await Store.open(tempDir(), { url, seed: false });
    try {
      store.watch(() => undefined); // read() follows every change (LISTEN/NOTIFY, reconnecting after the restart)
      const ids: Record<string, string> = {};
      await store.update((d) => {
        const spin = createScript(d, { name: 'spin', source: 'Integer i = 0;\nwhile (true) { i = i + 1; }\n' });
        const work = createScript(d, { name: 'work', source: 'printLine("after the restart");' });
        ids.Spin = addTask(d, { name: 'Spin', targetKind: 'script', targetId: spin.id, frequency: { kind: 'never' }, lockMinutes: 30 }).id;
        ids.Work = addTask(d, { name: 'Work', targetKind: 'script', targetId: work.id, frequency: { kind: 'never' } }).id;
        ids.Due = addTask(d, { name: 'Due', targetKind: 'script', targetId: work.id, frequency: { kind: 'never' } }).id;
        requestStartNow(d, ids.Spin!);
        d.settings.runTimeoutSeconds = 4;
      });
      const daemon = await startLoggingDaemon(tempDir(), [], { CRMSCRIPT_TUI_STORE: url });
      // On a time-out the daemon's last log lines come with the error: they say where it waits.
      const logged = (msg: string, task: string) =>
        waitFor(() => daemon.lines.find((l) => l.msg === msg && l.task === task), 120_000, `"${msg}" for ${task} in the daemon's log`).catch(async (e: Error) => {
          throw new Error(`${e.message}; ${await diagnose(daemon)}`);
        });
      await logged('task started', 'Spin');
      // Due while the server restarts (or just after it is back): it must run once, not be lost.
      await store.update((d) => {
        const t = getById(d, 'tasks', ids.Due!)!;
        t.frequency = { kind: 'once', at: new Date(Date.now() + 1000).toISOString() };
        t.nextRun = t.frequency.at;
      });
      execFileSync('bash', [SERVER_SCRIPT, 'restart', serverDir], { stdio: 'ignore' });
      // The run in flight ends (its time limit) and is recorded once the database is back.
      const spinEnd = await logged('task finished', 'Spin');
      expect(spinEnd.outcome).toBe('failed');
      await logged('task finished', 'Due');
      const spun = await waitFor(() => taskRunsFor(store.read(), ids.Spin!).find((r) => r.outcome !== 'running'), 60_000, 'the Spin run in the store');
      expect(spun.outcome).toBe('failed');
      // And the daemon carries on with new work.
      await store.update((d) => requestStartNow(d, ids.Work!));
      await logged('task finished', 'Work');
      const work = await waitFor(() => taskRunsFor(store.read(), ids.Work!).find((r) => r.outcome !== 'running'), 60_000, 'the Work run in the store');
      expect(work).toMatchObject({ outcome: 'ok', output: 'after the restart\n' });
      const due = taskRunsFor(store.read(), ids.Due!);
      expect(due.map((r) => [r.outcome, r.output])).toEqual([['ok', 'after the restart\n']]);
      expect(daemon.proc.exitCode).toBeNull();
    } finally {
      await store.close();
      await killStartedDaemons();
      execFileSync('bash', [SERVER_SCRIPT, 'stop', serverDir], { stdio: 'ignore' });
    }
  }, 600_000);
});
