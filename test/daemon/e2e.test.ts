// End to end: the real `crmscript-tui daemon` process (dist/, built by `npm test`) on a loopback
// port, driven through the store, the CLI and HTTP; with fault tests (runaway script, kill -9,
// two daemons on one store, SIGTERM during a run).
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { Store } from '../../src/store/store.js';
import { createScript, createTrigger, getById, taskRunsFor, updateSettings } from '../../src/store/repos.js';
import type { Frequency, TaskRun } from '../../src/store/schema.js';
import { addTask, requestStartNow, requireTask } from '../../src/tasks/manage.js';
import { statusPath } from '../../src/daemon/status.js';
import { fullOutput } from '../../src/store/blobs.js';
import { cleanupTempDirs, tempDir, waitFor } from './helpers.js';
import { requireBuiltCli } from '../common.js';
import { cli, get, killStartedDaemons, startDaemon } from './process.js';

requireBuiltCli();

const LOOP = 'Integer i = 0;\nwhile (true) { i = i + 1; }\n';

afterEach(async () => {
  await killStartedDaemons();
  cleanupTempDirs();
});

/** A store with scripts and tasks; returns task ids by name. */
async function prepare(
  dataDir: string,
  opts: { timeoutSeconds?: number; scripts: Record<string, string>; tasks: Array<{ name: string; script: string; frequency?: Frequency; lockMinutes?: number }> },
): Promise<Record<string, string>> {
  const store = await Store.open(dataDir, { seed: false });
  const ids = await store.update((d) => {
    if (opts.timeoutSeconds) updateSettings(d, { runTimeoutSeconds: opts.timeoutSeconds });
    const scriptIds: Record<string, string> = {};
    for (const [name, source] of Object.entries(opts.scripts)) scriptIds[name] = createScript(d, { name, includeId: name, source }).id;
    const out: Record<string, string> = {};
    for (const t of opts.tasks) {
      out[t.name] = addTask(d, { name: t.name, targetKind: 'script', targetId: scriptIds[t.script]!, frequency: t.frequency ?? { kind: 'never' }, lockMinutes: t.lockMinutes }).id;
    }
    return out;
  });
  store.close();
  return ids;
}

function runsOf(dataDir: string, taskId: string): Promise<TaskRun[]> {
  return Store.open(dataDir, { seed: false }).then((s) => {
    const r = taskRunsFor(s.read(), taskId);
    s.close();
    return r;
  });
}

async function update(dataDir: string, fn: Parameters<Store['update']>[0]): Promise<void> {
  const s = await Store.open(dataDir, { seed: false });
  await s.update(fn);
  s.close();
}

describe('the daemon process', () => {
  it('runs a Start-now task, records its history, needs the token, and exits 0 on SIGTERM', async () => {
    const dir = tempDir();
    await prepare(dir, { scripts: { greet: 'printLine("hello from the daemon");' }, tasks: [{ name: 'Greet', script: 'greet' }] });
    const d = await startDaemon(dir);
    const info = JSON.parse(readFileSync(statusPath(dir), 'utf8'));
    expect(info.port).toBe(d.port);
    expect(info.pid).toBe(d.proc.pid);
    const token = readFileSync(`${dir}/daemon.token`, 'utf8').trim();

    expect((await get(d.port, '/api/health', null)).status).toBe(401);
    const health = await get(d.port, '/api/health', token);
    expect(health.status).toBe(200);
    expect(health.body.pid).toBe(d.proc.pid);

    const run = await cli(dir, ['tasks', 'run', 'Greet']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/daemon \(pid \d+\) will start it/);
    const hist = await waitFor(async () => {
      const h = await cli(dir, ['tasks', 'history', 'Greet', '--json']);
      const list = JSON.parse(h.stdout) as Array<{ outcome: string; output: string; durationMs: number }>;
      return list.length === 1 && list[0]!.outcome !== 'running' ? list : null;
    }, 30_000, 'the Start-now run');
    expect(hist[0]).toMatchObject({ outcome: 'ok', output: 'hello from the daemon\n' });
    const list = JSON.parse((await cli(dir, ['tasks', 'list', '--json'])).stdout);
    expect(list[0]).toMatchObject({ name: 'Greet', lastResult: 'ok', startNow: false });
    expect(d.lines.some((l) => l.msg === 'task finished' && l.task === 'Greet' && l.outcome === 'ok')).toBe(true);
    expect(readFileSync(`${dir}/daemon.log`, 'utf8')).toMatch(/"msg":"task finished"/);

    d.proc.kill('SIGTERM');
    expect(await d.exited).toBe(0);
    expect(existsSync(statusPath(dir))).toBe(false);
  });

  it('stops a runaway script at the time limit while another task keeps its schedule', async () => {
    const dir = tempDir();
    const ids = await prepare(dir, {
      timeoutSeconds: 5,
      scripts: { spin: LOOP, tick: 'printLine("tick");' },
      tasks: [
        { name: 'Spin', script: 'spin' },
        { name: 'Tick', script: 'tick', frequency: { kind: 'minutes', every: 1 } },
      ],
    });
    await update(dir, (d) => {
      requestStartNow(d, ids.Spin!);
      // Due a moment after the runaway has started.
      getById(d, 'tasks', ids.Tick!)!.nextRun = new Date(Date.now() + 1500).toISOString();
    });
    await startDaemon(dir);
    const tick = await waitFor(async () => (await runsOf(dir, ids.Tick!)).find((r) => r.outcome === 'ok'), 15_000, 'the scheduled task');
    const spinNow = (await runsOf(dir, ids.Spin!))[0]!;
    expect(spinNow.outcome).toBe('running'); // the other task ran while the runaway was still going
    const spin = await waitFor(async () => (await runsOf(dir, ids.Spin!)).find((r) => r.outcome !== 'running'), 15_000, 'the runaway to be stopped');
    expect(spin.outcome).toBe('failed');
    expect(spin.error).toMatch(/longer than the time limit \(5 s\)/);
    const took = Date.parse(spin.endedAt!) - Date.parse(spin.startedAt);
    expect(took).toBeGreaterThanOrEqual(4900);
    expect(took).toBeLessThan(10_000);
    expect(Date.parse(tick.endedAt!)).toBeLessThan(Date.parse(spin.endedAt!));
  });

  it('fires ScheduledTaskFailed with the catalog inputs when a run fails', async () => {
    const dir = tempDir();
    const ids = await prepare(dir, {
      scripts: {
        boom: 'Integer zero = 0;\nInteger x = 10 / zero;\n',
        watcher: [
          'EventData e = getEventData();',
          'if (e.getInputValue("scriptIncludeId") != "boom" || e.getInputValue("errorMessage") == "" || e.getInputValue("retries") != "0") {',
          '  Integer zero = 0;',
          '  Integer x = 1 / zero;',
          '}',
          'printLine("seen");',
        ].join('\n'),
      },
      tasks: [{ name: 'Boom', script: 'boom' }],
    });
    await update(dir, (d) => {
      const watcher = d.scripts.find((x) => x.includeId === 'watcher')!;
      createTrigger(d, { event: 'ScheduledTaskFailed', targetKind: 'script', targetId: watcher.id });
      requestStartNow(d, ids.Boom!);
    });
    await startDaemon(dir);
    const run = await waitFor(async () => (await runsOf(dir, ids.Boom!)).find((r) => r.outcome !== 'running'), 10_000, 'the failing run');
    expect(run.outcome).toBe('failed');
    expect(run.error).toMatch(/^store:boom:2:\d+: /);
    const trigger = await waitFor(async () => {
      const s = await Store.open(dir, { seed: false });
      const t = s.read().triggers.find((x) => x.event === 'ScheduledTaskFailed');
      s.close();
      return t?.lastOutcome ? t : null;
    }, 10_000, 'the trigger to fire');
    expect(trigger.lastOutcome).toBe('ok');
  });

  it('after kill -9 mid-run and a restart, marks that run failed and carries on', async () => {
    const dir = tempDir();
    const ids = await prepare(dir, {
      scripts: { spin: LOOP, greet: 'printLine("still here");' },
      tasks: [
        { name: 'Spin', script: 'spin', lockMinutes: 30 },
        { name: 'Greet', script: 'greet' },
      ],
    });
    await update(dir, (d) => void requestStartNow(d, ids.Spin!));
    const first = await startDaemon(dir);
    const running = await waitFor(async () => (await runsOf(dir, ids.Spin!)).find((r) => r.outcome === 'running'), 60_000, 'the run to start');
    first.proc.kill('SIGKILL');
    await first.exited;
    expect((await runsOf(dir, ids.Spin!))[0]).toMatchObject({ id: running.id, outcome: 'running' });

    await startDaemon(dir);
    const failed = await waitFor(async () => (await runsOf(dir, ids.Spin!)).find((r) => r.id === running.id && r.outcome === 'failed'), 60_000, 'the run to be marked failed');
    expect(failed.error).toMatch(/stopped before the run finished/);
    const s = await Store.open(dir, { seed: false });
    expect(getById(s.read(), 'tasks', ids.Spin!)!.lease).toBeNull();
    s.close();
    // Carries on: other work still runs.
    expect((await cli(dir, ['tasks', 'run', 'Greet'])).code).toBe(0);
    const greet = await waitFor(async () => (await runsOf(dir, ids.Greet!)).find((r) => r.outcome !== 'running'), 10_000, 'the next task');
    expect(greet).toMatchObject({ outcome: 'ok', output: 'still here\n' });
  });

  it('two daemons on one store run each due task exactly once', async () => {
    const dir = tempDir();
    const names = ['A', 'B', 'C', 'D', 'E', 'F'];
    const ids = await prepare(dir, {
      scripts: { work: 'printLine("work");' },
      tasks: names.map((name, i) => ({ name, script: 'work', frequency: i < 3 ? ({ kind: 'minutes', every: 1 } as Frequency) : undefined })),
    });
    const a = await startDaemon(dir);
    const b = await startDaemon(dir);
    await update(dir, (d) => {
      names.forEach((n, i) => {
        if (i < 3) getById(d, 'tasks', ids[n]!)!.nextRun = new Date(Date.now() + 1000).toISOString();
        else requestStartNow(d, ids[n]!);
      });
    });
    for (const n of names) {
      await waitFor(async () => (await runsOf(dir, ids[n]!)).some((r) => r.outcome === 'ok'), 15_000, `task ${n} to run`);
    }
    await new Promise((r) => setTimeout(r, 3000)); // give a duplicate every chance to appear
    for (const n of names) {
      const runs = await runsOf(dir, ids[n]!);
      // with the reason of any failure, so a failure says which daemon judged what
      expect(runs.map((r) => (r.error ? `${r.outcome}: ${r.error}` : r.outcome)), `runs of ${n}`).toEqual(['ok']);
    }
    const starts = (d: Daemon) => d.lines.filter((l) => l.msg === 'task started').length;
    expect(starts(a) + starts(b)).toBe(6);
  });

  it('on SIGTERM lets a run use the grace period, then records it as interrupted and exits 0', async () => {
    const dir = tempDir();
    const ids = await prepare(dir, { scripts: { spin: LOOP }, tasks: [{ name: 'Spin', script: 'spin' }] });
    await update(dir, (d) => void requestStartNow(d, ids.Spin!));
    const d = await startDaemon(dir, ['--grace', '1']);
    await waitFor(async () => (await runsOf(dir, ids.Spin!)).find((r) => r.outcome === 'running'), 60_000, 'the run to start');
    const t0 = Date.now();
    d.proc.kill('SIGTERM');
    expect(await d.exited).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900); // it gave the run the grace period
    // and then stopped the endless loop: waiting for it would outlast the test's time limit
    const [run] = await runsOf(dir, ids.Spin!);
    expect(run!.outcome).toBe('interrupted');
    expect(run!.error).toMatch(/shut down/);
    const s = await Store.open(dir, { seed: false });
    expect(requireTask(s.read(), 'Spin').lease).toBeNull();
    s.close();
  });
});

function post(port: number, path: string, token: string, body: unknown = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

// Prints two lines, then a "tick" now and then, forever.
// two lines, then nothing for 3 s (the run record shows them, however fast the machine), then a
// flood of ticks (a long output, kept whole in a blob)
const TALKER =
  'printLine("first line");\nprintLine("second line");\nTimer t;\nt.start();\nInteger i = 0;\nwhile (true) {\n  i = i + 1;\n  if (i == 2000000) { if (t.getSeconds() >= 3) printLine("tick"); i = 0; }\n}\n';

describe('stopping one running task, and what a running task shows', () => {
  it('shows elapsed time and output so far, then `tasks stop` stops it, recorded as stopped by the user', async () => {
    const dir = tempDir();
    const ids = await prepare(dir, { timeoutSeconds: 120, scripts: { talker: TALKER }, tasks: [{ name: 'Talker', script: 'talker', lockMinutes: 5 }] });
    const d = await startDaemon(dir);
    await update(dir, (x) => void requestStartNow(x, ids.Talker!));
    // the output so far reaches the run record while it runs
    const live = await waitFor(async () => (await runsOf(dir, ids.Talker!)).find((r) => r.outcome === 'running' && r.output.includes('second line')), 15_000, 'the output so far');
    expect(live.endedAt).toBeNull();
    const shown = await cli(dir, ['tasks', 'history', 'Talker']);
    expect(shown.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}running {3}running for \d/);
    expect(shown.stdout).toContain('  | first line\n  | second line');
    // the ticks made the output long: the record shows its latest lines
    await waitFor(async () => (await runsOf(dir, ids.Talker!)).find((r) => r.outcome === 'running' && r.output.startsWith('… (earlier output left out)')), 15_000, 'a long output so far');
    // stop it from the CLI
    const stop = await cli(dir, ['tasks', 'stop', 'Talker']);
    expect(stop.stderr).toBe('');
    expect(stop.stdout).toBe('Asked to stop the running "Talker"; the daemon running it stops it within seconds.\n');
    const ended = await waitFor(async () => (await runsOf(dir, ids.Talker!)).find((r) => r.outcome !== 'running'), 15_000, 'the run to stop');
    expect(ended.outcome).toBe('interrupted');
    expect(ended.error).toMatch(/^Stopped by .+ \(cli\)\.$/);
    // a long output is kept whole in a blob, the record holding its first 8 KB (cut anywhere)
    const whole = fullOutput(dir, ended);
    expect(whole.startsWith(ended.output)).toBe(true);
    expect(whole, `the stopped run's output: ${JSON.stringify(whole.slice(0, 200))} … ${JSON.stringify(whole.slice(-200))}`).toMatch(/^first line\nsecond line\n(tick\n)*$/);
    const history = await cli(dir, ['tasks', 'history', 'Talker']);
    expect(history.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}stopped {3}\d/);
    expect(history.stdout).not.toContain('interrupted');
    expect(d.lines.some((l) => l.msg === 'stopping a run on request' && l.task === 'Talker')).toBe(true);
    // nothing to stop now
    const again = await cli(dir, ['tasks', 'stop', 'Talker']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('The task "Talker" is not running.\n');
  });

  it('POST /api/tasks/:name/stop stops a run (202), 409 when it is not running; script runs report their real duration', async () => {
    const dir = tempDir();
    const ids = await prepare(dir, { timeoutSeconds: 120, scripts: { talker: TALKER, hello: 'printLine("hi");\n' }, tasks: [{ name: 'Talker', script: 'talker', lockMinutes: 5 }] });
    const d = await startDaemon(dir);
    const token = readFileSync(`${dir}/daemon.token`, 'utf8').trim();
    expect((await post(d.port, '/api/tasks/Talker/stop', token)).status).toBe(409);
    await update(dir, (x) => void requestStartNow(x, ids.Talker!));
    await waitFor(async () => (await runsOf(dir, ids.Talker!)).find((r) => r.outcome === 'running'), 15_000, 'the run to start');
    const r = await post(d.port, '/api/tasks/Talker/stop', token, { user: 'ann' });
    expect(r.status).toBe(202);
    const ended = await waitFor(async () => (await runsOf(dir, ids.Talker!)).find((x) => x.outcome !== 'running'), 15_000, 'the run to stop');
    expect(ended).toMatchObject({ outcome: 'interrupted', error: 'Stopped by ann (http).' });
    // durationMs is the run's real (wall-clock) time, in the answer and in the log
    const run = await post(d.port, '/api/scripts/hello/run', token, {});
    expect(run.status).toBe(200);
    expect(run.body.output).toBe('hi\n');
    expect(run.body.durationMs).toBeGreaterThan(0);
    const logged = await waitFor(() => d.lines.find((l) => l.msg === 'script run over http'), 5000, 'the log line');
    expect(logged.durationMs).toBeGreaterThan(0);
  });
});
