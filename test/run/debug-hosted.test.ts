// Runs that pause for a debugger in this process: the key gate, the store entry, attaching over
// the loopback socket, the unattended timeout, and a run whose key is not enabled.
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { getById } from '../../src/store/repos.js';
import { startScriptRun } from '../../src/run/script.js';
import { attach, type RemoteDebugSession } from '../../src/debug-sessions/client.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { debugGate, disableDebugKey, enableDebugKey, readDebugConfig, setDebugTimeout } from '../../src/debug-sessions/access-keys.js';
import { hostedSessions } from '../../src/debug-sessions/server.js';
import { cleanupTempDirs, storeWith, waitFor } from '../debug-sessions/helpers.js';

const SCRIPT = `Integer total = 0;
for (Integer i = 1; i <= 3; i++) {
  total = total + i;
}
enableDebug("alice");
printLine("before " + total.toString());
debugWait("after the loop");
String tag = "done";
printLine("after " + tag);
`;

const stores: Store[] = [];
const clients: RemoteDebugSession[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.detach();
  for (const s of stores.splice(0)) s.close();
  cleanupTempDirs();
});

async function setup(source = SCRIPT) {
  const r = await storeWith({ Paused: source });
  stores.push(r.store);
  const script = getById(r.store.read(), 'scripts', r.ids.Paused!)!;
  return { ...r, script };
}

describe('the debug gate', () => {
  it('lets a run through only when it calls debugWait and enableDebug with an enabled key', async () => {
    const { dir } = await setup();
    expect(debugGate(dir, [SCRIPT])).toBeNull(); // nothing enabled
    enableDebugKey(dir, 'bob');
    expect(debugGate(dir, [SCRIPT])).toBeNull(); // a literal key that is not enabled
    enableDebugKey(dir, 'alice', 5);
    expect(debugGate(dir, [SCRIPT])?.keys.sort()).toEqual(['alice', 'bob']);
    expect(debugGate(dir, ['printLine("x");'])).toBeNull();
    expect(debugGate(dir, ['debugWait("x");'])).toBeNull(); // no enableDebug: never pauses
    expect(debugGate(dir, ['String k = "b" + "ob";\nenableDebug(k);\ndebugWait("x");'])).not.toBeNull();
    enableDebugKey(dir, 'alice', 1, new Date(Date.now() - 120_000)); // expired a minute ago
    disableDebugKey(dir, 'bob');
    expect(debugGate(dir, [SCRIPT])).toBeNull();
    writeFileSync(join(dir, 'debug.json'), '{ not json');
    expect(readDebugConfig(dir)).toEqual({ keys: [], waitSeconds: 60, onTimeout: 'resume' });
  });
});

describe('a run paused by debugWait', () => {
  it('registers in the store, is attached to over the socket, and finishes after continue', async () => {
    const { store, dir, script } = await setup();
    enableDebugKey(dir, 'alice');
    const notices: string[] = [];
    const run = startScriptRun(store, script, { source: 'cli', user: 'tester', startedBy: 'cli:tester', onDebugNotice: (t) => notices.push(t) });
    const rec = await waitFor(() => store.read().debugSessions.find((s) => s.state === 'waiting'), 10_000, 'the session in the store');
    expect(rec).toMatchObject({ scriptName: 'Paused', source: 'cli', startedBy: 'cli:tester', line: 7, pid: process.pid });
    expect(rec.endpoint).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+\/[a-z0-9]+$/);
    await waitFor(() => notices.length > 0);
    expect(notices[0]).toContain(`crmscript-tui debug attach ${rec.id}`);

    const s = await attach(rec.id, { store });
    clients.push(s);
    expect(s.state).toBe('paused');
    expect(s.lastStop).toMatchObject({ reason: 'debugWait', line: 7, info: 'after the loop' });
    expect(s.output).toBe('before 6\n');
    expect(s.debugSource.source).toBe(SCRIPT);
    expect(s.breakableLines()).toContain(8);
    await waitFor(() => store.read().debugSessions.find((x) => x.id === rec.id)?.state === 'paused', 5000, 'state paused');

    const stack = await s.getStack();
    expect(stack.map((f) => `${f.name}:${f.line}`)).toEqual(['(main):7']);
    const vars = await s.getVariables(0);
    expect(vars.locals.find((v) => v.name === 'total')?.value).toBe('6');
    const ev = await s.evaluate('total * 2', 0);
    expect(ev).toEqual({ ok: true, value: expect.objectContaining({ value: '12' }) });

    const events: string[] = [];
    s.on('event', (e) => events.push(e.t));
    const step = await s.stepOver();
    expect(step).toMatchObject({ t: 'stopped', line: 8, reason: 'step' });
    expect(s.state).toBe('paused');
    await waitFor(() => store.read().debugSessions.find((x) => x.id === rec.id)?.line === 8, 5000, 'line 8 in the store');

    const end = await s.continue();
    expect(end.t).toBe('terminated');
    expect(events).toEqual(['continued', 'stopped', 'continued', 'output', 'terminated']);
    const r = await run.result;
    expect(r.ok).toBe(true);
    expect(r.output).toBe('before 6\nafter done\n');
    expect(store.read().debugSessions).toEqual([]);
    expect(hostedSessions()).toEqual([]);
  });

  it('resumes by itself when nobody attaches within the wait', async () => {
    const { store, dir, script } = await setup();
    enableDebugKey(dir, 'alice');
    setDebugTimeout(dir, { waitSeconds: 0.5 });
    const started = Date.now();
    const run = startScriptRun(store, script, { source: 'daemon' });
    await waitFor(() => store.read().debugSessions.length === 1, 10_000, 'the session');
    const r = await run.result;
    expect(r.ok).toBe(true);
    expect(r.output).toBe('before 6\nafter done\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(store.read().debugSessions).toEqual([]);
  });

  it('stops by itself when so configured', async () => {
    const { store, dir, script } = await setup();
    enableDebugKey(dir, 'alice');
    setDebugTimeout(dir, { waitSeconds: 0.3, onTimeout: 'stop' });
    const r = await startScriptRun(store, script, { source: 'daemon' }).result;
    expect(r.ok).toBe(false);
    expect(r.stopped).toBe('stopped');
    expect(r.output).toBe('before 6\n');
  });

  it('waits again when the last debugger detaches', async () => {
    const { store, dir, script } = await setup();
    enableDebugKey(dir, 'alice');
    setDebugTimeout(dir, { waitSeconds: 30 });
    const run = startScriptRun(store, script, { source: 'cli' });
    const rec = await waitFor(() => store.read().debugSessions[0], 10_000, 'the session');
    const s = await attach(rec.endpoint!, { store });
    expect(s.info.id).toBe(rec.id);
    await waitFor(() => store.read().debugSessions[0]?.state === 'paused');
    await s.detach();
    expect(s.connected).toBe(false);
    await waitFor(() => store.read().debugSessions[0]?.state === 'waiting', 5000, 'waiting again');
    const again = await attach(rec.id, { store });
    clients.push(again);
    expect(again.lastStop?.line).toBe(7);
    await again.runToEnd();
    expect((await run.result).output).toBe('before 6\nafter done\n');
  });

  it('pauses a running script and stops it from the client', async () => {
    const src = 'enableDebug("alice");\ndebugWait("go");\nInteger i = 0;\nwhile (i >= 0) {\n  i = i + 1;\n}\n';
    const { store, dir, script } = await setup(src);
    enableDebugKey(dir, 'alice');
    const run = startScriptRun(store, script, { source: 'cli', timeoutMs: 20_000 });
    const rec = await waitFor(() => store.read().debugSessions[0], 10_000, 'the session');
    const s = await attach(rec.id, { store });
    clients.push(s);
    const running = s.continue();
    expect(s.state).toBe('running');
    await waitFor(() => store.read().debugSessions[0]?.state === 'running', 5000, 'the state "running"');
    await expect(s.getStack()).rejects.toThrow(/pause it first/);
    const p = await s.pause();
    expect(p).toMatchObject({ t: 'stopped', reason: 'pause' });
    expect([4, 5]).toContain((p as { line: number }).line);
    expect(await running).toEqual(p);
    expect(await s.evaluate('i > 0', 0)).toMatchObject({ ok: true, value: { value: 'true' } });
    const end = await s.stop();
    expect(end.outcome.stopped).toBe('stopped');
    expect((await run.result).stopped).toBe('stopped');
  });

  it('refuses a wrong token and an unknown session', async () => {
    const { store, dir, script } = await setup();
    enableDebugKey(dir, 'alice');
    const run = startScriptRun(store, script, { source: 'cli' });
    const rec = await waitFor(() => store.read().debugSessions[0], 10_000, 'the session');
    await expect(attach(rec.endpoint!, { token: 'nope' })).rejects.toThrow('The token is not valid.');
    await expect(attach(rec.endpoint!.replace(/\/[a-z0-9]+$/, '/zzzz'), { store })).rejects.toThrow(/no debug session "zzzz"/);
    await expect(attach('nosuchid', { store })).rejects.toThrow(/There is no debug session "nosuchid"/);
    run.stop();
    const r = await run.result;
    expect(r.stopped).toBe('stopped');
  });

  it('runs straight through when the key is not enabled', async () => {
    const { store, dir, script } = await setup();
    enableDebugKey(dir, 'somebody-else');
    const r = await startScriptRun(store, script, { source: 'daemon' }).result;
    expect(r.ok).toBe(true);
    expect(r.output).toBe('before 6\nafter done\n');
    expect(store.read().debugSessions).toEqual([]);
  });

  it('lets an uncaught exception end the run at once when nobody is attached', async () => {
    const src = 'enableDebug("alice");\nInteger zero = 0;\nprintLine("before");\nInteger r = 1 / zero;\ndebugWait("never");\n';
    const { store, dir, script } = await setup(src);
    enableDebugKey(dir, 'alice');
    // a run that waited for somebody to attach would outlast the test's time limit
    setDebugTimeout(dir, { waitSeconds: 600 });
    const r = await startScriptRun(store, script, { source: 'daemon' }).result;
    expect(r.ok).toBe(false);
    expect(r.error?.line).toBe(4);
    expect(r.output).toBe('before\n');
    expect(store.read().debugSessions).toEqual([]);
  });

  it('does not pause at debugWait before enableDebug with the enabled key', async () => {
    const src = 'String k = "al" + "ice";\ndebugWait("too early");\nprintLine("one");\nenableDebug("x" + k);\ndebugWait("wrong key");\nenableDebug(k);\ndebugWait("now");\nprintLine("two");\n';
    const { store, dir, script } = await setup(src);
    enableDebugKey(dir, 'alice');
    const run = startScriptRun(store, script, { source: 'cli' });
    const rec = await waitFor(() => store.read().debugSessions[0], 10_000, 'the session');
    expect(rec.line).toBe(7);
    const s = await attach(rec.id, { store });
    clients.push(s);
    expect(s.output).toBe('one\n');
    expect(s.lastStop?.info).toBe('now');
    await s.continue();
    expect((await run.result).output).toBe('one\ntwo\n');
  });
});

describe('a session in a CLI run', () => {
  it('is hosted by "crmscript-tui run"; when that process dies, the client sees the end and the entry is pruned', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('../debug-sessions/helpers.js');
    const { listDebugSessions } = await import('../../src/debug-sessions/sessions.js');
    const { store, dir } = await setup();
    enableDebugKey(dir, 'alice');
    const child = spawn(process.execPath, [CLI, '--data-dir', dir, 'run', 'Paused'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((res) => child.on('exit', res));
    try {
      const rec = await waitFor(() => store.read().debugSessions[0], 15_000, 'the session of the CLI run');
      expect(rec).toMatchObject({ pid: child.pid, source: 'cli', scriptName: 'Paused', state: 'waiting' });
      const s = await attach(rec.id, { store });
      clients.push(s);
      const detached = new Promise((res) => s.once('detached', res));
      child.kill('SIGKILL');
      await exited;
      const outcome = await s.result;
      expect(outcome.ok).toBe(false);
      expect(outcome.error?.message).toMatch(/connection to the debug session was lost/);
      expect(await detached).toEqual({ reason: 'lost' });
      expect(s.state).toBe('terminated');
      await expect(s.getStack()).rejects.toThrow(/not attached/);
      expect(store.read().debugSessions).toHaveLength(1);
      expect(await listDebugSessions(store)).toEqual([]);
      expect(store.read().debugSessions).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
