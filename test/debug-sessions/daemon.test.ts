// End to end with a real daemon process: a scheduled task whose script calls enableDebug/debugWait
// pauses in the daemon, appears in the store, is attached to with the client (and with the CLI's
// line-mode debugger, and over DAP), and completes with its history recorded; a forgotten session
// resumes after its wait; with the key not enabled the task runs straight through.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Store } from '../../src/store/store.js';
import { createScript, taskRunsFor } from '../../src/store/repos.js';
import type { DebugSession as DebugSessionRecord, TaskRun } from '../../src/store/schema.js';
import { addTask } from '../../src/tasks/manage.js';
import { attach, type RemoteDebugSession } from '../../src/debug-sessions/client.js';
import { CLI, cleanupTempDirs, tempDir, waitFor } from './helpers.js';
import { DapClient } from './dap-client.js';

const SCRIPT = `Integer[] seen;
for (Integer i = 1; i <= 3; i++) {
  seen.pushBack(i * 10);
}
enableDebug("ops");
printLine("before the wait");
debugWait("look at seen");
String note = "checked";
printLine("after the wait: " + note);
printLine("done");
`;

interface Daemon {
  proc: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

const daemons: Daemon[] = [];
const clients: RemoteDebugSession[] = [];
const daps: DapClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.detach();
  for (const c of daps.splice(0)) c.kill();
  for (const d of daemons.splice(0)) {
    if (d.proc.exitCode === null && d.proc.signalCode === null) {
      d.proc.kill('SIGKILL');
      await d.exited;
    }
  }
  cleanupTempDirs();
});

async function startDaemon(dataDir: string): Promise<Daemon> {
  const proc = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'daemon', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (c) => (out += c));
  proc.stderr!.on('data', (c) => (err += c));
  const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
  const line = await Promise.race([
    waitFor(() => out.split('\n').find((l) => l.includes('"daemon started"')), 15_000, 'the daemon to start'),
    exited.then((code) => {
      throw new Error(`the daemon exited (${code}): ${err}`);
    }),
  ]);
  const d = { proc, port: Number((JSON.parse(line) as { port: number }).port), exited };
  daemons.push(d);
  return d;
}

function cli(dataDir: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, '--data-dir', dataDir, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
    else child.stdin!.end();
  });
}

/** A store with the script and a task "Nightly" that runs it (never scheduled; Start now only). */
async function prepare(dir: string, source = SCRIPT): Promise<string> {
  const store = await Store.open(dir, { seed: false });
  const id = await store.update((d) => {
    const s = createScript(d, { name: 'Inspect', includeId: 'inspect', source });
    return addTask(d, { name: 'Nightly', targetKind: 'script', targetId: s.id, frequency: { kind: 'never' }, lockMinutes: 5 }).id;
  });
  store.close();
  return id;
}

async function read<T>(dir: string, f: (s: Store) => T): Promise<T> {
  const s = await Store.open(dir, { seed: false });
  try {
    return f(s);
  } finally {
    s.close();
  }
}

const sessionsOf = (dir: string): Promise<DebugSessionRecord[]> => read(dir, (s) => s.read().debugSessions);
const runsOf = (dir: string, taskId: string): Promise<TaskRun[]> => read(dir, (s) => taskRunsFor(s.read(), taskId));

function apiGet(port: number, path: string, token: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('debug sessions in the daemon', () => {
  it('pauses a task at debugWait, is attached to, inspected and continued, and the run is recorded', async () => {
    const dir = tempDir();
    const taskId = await prepare(dir);
    expect((await cli(dir, ['debug', 'enable', 'ops', '--minutes', '30'])).stdout).toMatch(/Debug key "ops" is enabled until/);
    expect((await cli(dir, ['debug', 'config', '--wait', '60'])).stdout).toMatch(/waits 60 s/);
    const d = await startDaemon(dir);
    expect((await cli(dir, ['tasks', 'run', 'Nightly'])).code).toBe(0);

    const rec = await waitFor(async () => (await sessionsOf(dir)).find((s) => s.state === 'waiting'), 15_000, 'the session in the store');
    expect(rec).toMatchObject({ scriptName: 'Inspect', source: 'daemon', startedBy: 'task:Nightly', line: 7, pid: d.proc.pid });
    expect(rec.endpoint).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+\//);

    const listed = JSON.parse((await cli(dir, ['debug', 'sessions', '--json'])).stdout) as Array<{ id: string; status: string }>;
    expect(listed).toEqual([expect.objectContaining({ id: rec.id, status: 'waiting for a debugger at line 7' })]);
    const table = (await cli(dir, ['debug', 'sessions'])).stdout;
    expect(table).toMatch(new RegExp(`${rec.id}\\s+Inspect\\s+waiting for a debugger at line 7\\s+daemon task:Nightly`));
    const token = readFileSync(`${dir}/daemon.token`, 'utf8').trim();
    const api = await apiGet(d.port, '/api/debug/sessions', token);
    expect(api.body).toEqual([expect.objectContaining({ id: rec.id, startedBy: 'task:Nightly' })]);

    const s = await attach(rec.id, { dataDir: dir });
    clients.push(s);
    expect(s.state).toBe('paused');
    expect(s.lastStop).toMatchObject({ reason: 'debugWait', info: 'look at seen', line: 7 });
    expect(s.output).toBe('before the wait\n');
    expect(s.info).toMatchObject({ startedBy: 'task:Nightly', waitSeconds: 60, onTimeout: 'resume' });
    await waitFor(async () => (await sessionsOf(dir))[0]?.state === 'paused', 5000, 'the state "paused"');

    expect((await s.getStack()).map((f) => `${f.name}:${f.line}`)).toEqual(['(main):7']);
    const vars = await s.getVariables(0);
    const seen = vars.locals.find((v) => v.name === 'seen')!;
    expect(seen.value).toBe('[10, 20, 30]');
    expect((await s.getChildren(seen.ref)).map((v) => v.value)).toEqual(['10', '20', '30']);
    expect(await s.evaluate('seen.length() + 1', 0)).toMatchObject({ ok: true, value: { value: '4' } });

    expect(await s.setBreakpoints([9])).toEqual([9]);
    const atBreak = await s.continue();
    expect(atBreak).toMatchObject({ t: 'stopped', reason: 'breakpoint', line: 9 });
    expect(s.output).toBe('before the wait\n');
    expect((await s.getVariables(0)).locals.find((v) => v.name === 'note')?.value).toBe('"checked"');
    const end = await s.continue();
    expect(end.t).toBe('terminated');
    expect(s.outcome).toMatchObject({ ok: true });

    const run = await waitFor(async () => (await runsOf(dir, taskId)).find((r) => r.outcome !== 'running'), 15_000, 'the task run to be recorded');
    expect(run).toMatchObject({ outcome: 'ok', output: 'before the wait\nafter the wait: checked\ndone\n', error: null });
    await waitFor(async () => (await sessionsOf(dir)).length === 0, 5000, 'the session to leave the store');
    expect((await cli(dir, ['debug', 'sessions'])).stdout).toBe('There are no debug sessions.\n');
  });

  it('resumes a forgotten session after its wait, and runs straight through without an enabled key', async () => {
    const dir = tempDir();
    const taskId = await prepare(dir);
    await cli(dir, ['debug', 'enable', 'ops']);
    await cli(dir, ['debug', 'config', '--wait', '1', '--on-timeout', 'resume']);
    await startDaemon(dir);
    await cli(dir, ['tasks', 'run', 'Nightly']);
    const rec = await waitFor(async () => (await sessionsOf(dir))[0], 15_000, 'the session');
    const created = Date.parse(rec.createdAt);
    const run = await waitFor(async () => (await runsOf(dir, taskId)).find((r) => r.outcome !== 'running'), 15_000, 'the resumed run');
    expect(run.outcome).toBe('ok');
    expect(run.output).toBe('before the wait\nafter the wait: checked\ndone\n');
    expect(Date.parse(run.endedAt!) - created).toBeGreaterThanOrEqual(900);
    expect(await sessionsOf(dir)).toEqual([]);

    // the key off: the same task never pauses (a pause would now last 30 s)
    await cli(dir, ['debug', 'config', '--wait', '30']);
    expect((await cli(dir, ['debug', 'disable', 'ops'])).code).toBe(0);
    await cli(dir, ['tasks', 'run', 'Nightly']);
    const second = await waitFor(async () => {
      const runs = await runsOf(dir, taskId);
      return runs.length === 2 && runs.every((r) => r.outcome !== 'running') ? runs[0] : null;
    }, 15_000, 'the second run');
    expect(second.outcome).toBe('ok');
    expect(second.output).toBe('before the wait\nafter the wait: checked\ndone\n');
    expect(Date.parse(second.endedAt!) - Date.parse(second.startedAt)).toBeLessThan(10_000);
    expect(await sessionsOf(dir)).toEqual([]);
  });

  it('is driven by "debug attach" in line mode through stdin, and over DAP', async () => {
    const dir = tempDir();
    const taskId = await prepare(dir);
    await cli(dir, ['debug', 'enable', 'ops']);
    await startDaemon(dir);
    await cli(dir, ['tasks', 'run', 'Nightly']);
    const rec = await waitFor(async () => (await sessionsOf(dir))[0], 15_000, 'the session');

    // the REPL: look around, step once, then leave the run waiting
    const repl = await cli(dir, ['debug', 'attach', rec.id], 'bt\np seen.length()\nv seen\nn\nq\n');
    expect(repl.stderr).toBe('');
    expect(repl.code).toBe(0);
    expect(repl.stdout).toContain('Debugging Inspect (session');
    expect(repl.stdout).toContain('[stopped] debugWait("look at seen") at store:inspect:7');
    expect(repl.stdout).toContain('*#0 (main) at store:inspect:7');
    expect(repl.stdout).toContain('= 3 (Integer)');
    expect(repl.stdout).toContain('  [2]: Integer = 30');
    expect(repl.stdout).toContain('[stopped] step at store:inspect:8');
    expect(repl.stdout).toContain('[detached]');
    const after = await waitFor(async () => (await sessionsOf(dir)).find((s) => s.state === 'waiting'), 5000, 'the session waiting again');
    expect(after.line).toBe(8);

    // DAP attach: stopped at once (after configurationDone), continue to the end
    const c = new DapClient(['--data-dir', dir]);
    daps.push(c);
    await c.request('initialize', { adapterID: 'crmscript' });
    await c.request('attach', { sessionId: rec.id });
    let from = c.messages.length;
    await c.request('configurationDone');
    const stop = await c.event('stopped', from);
    expect(stop.body.threadId).toBe(1);
    const st = await c.request('stackTrace', { threadId: 1 });
    expect(st.body.stackFrames[0]).toMatchObject({ name: '(main)', line: 8 });
    from = c.messages.length;
    await c.request('continue', { threadId: 1 });
    await c.event('terminated', from);
    const out = c.messages.filter((m) => m.event === 'output' && m.body.category === 'stdout').map((m) => m.body.output).join('');
    expect(out).toBe('after the wait: checked\ndone\n');
    await c.request('disconnect', {});
    expect(await c.exited).toBe(0);

    const run = await waitFor(async () => (await runsOf(dir, taskId)).find((r) => r.outcome !== 'running'), 15_000, 'the run');
    expect(run).toMatchObject({ outcome: 'ok', output: 'before the wait\nafter the wait: checked\ndone\n' });
  });
});
