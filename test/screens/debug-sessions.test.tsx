// The Debug sessions tab: the sessions in the store as they come and go, opening a run started
// from the script screen, and attaching to a run paused elsewhere; real store in a temp dir, real
// debug worker (dist/, built by `npm test`).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, renderApp, tempStore, type TempStore } from '../tui/helpers.js';
import { addDebugSession } from '../../src/store/repos.js';
import { compileForDebug, startDebugRun, type DebugSession } from '../../src/interp/debugger/controller.js';
import { hostSession } from '../../src/debug-sessions/server.js';
import { DEMO, debuggerHelpers } from './debugger-fixture.js';

let ts: TempStore;
const sessions: DebugSession[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
  await ts?.cleanup();
});
const { addScript, debugScript, eventually } = debuggerHelpers(() => ts);

describe('Debug sessions tab', () => {
  it('lists sessions from the store as they come and go, and switches tracing', async () => {
    ts = await tempStore();
    const app = renderApp({ store: ts.store, initialTab: 3 });
    await app.waitFor('No debug sessions');
    expect(app.frame()).toMatch(/OFF/);
    await ts.store.update((d) =>
      addDebugSession(d, { scriptName: 'Nightly export', source: 'daemon', startedBy: 'task:Nightly', state: 'waiting', line: 7, endpoint: null, pid: process.pid }),
    );
    await app.waitFor('Nightly export');
    expect(app.frame()).toMatch(/daemon task:Nightly\s+waiting for attach at line 7/);
    await app.press('t');
    await app.waitFor(/ ON /);
    expect(ts.store.read().settings.tracingEnabled).toBe(true);
    await app.press('t');
    await app.waitFor(/ OFF /);
    expect(ts.store.read().settings.tracingEnabled).toBe(false);
    // a session without an address cannot be attached to yet
    await app.press(KEY.enter);
    await app.waitFor('has no address to attach to yet');
  });

  it('shows a run started from the script screen and opens it', async () => {
    ts = await tempStore();
    await addScript('dbg-tab', DEMO);
    const app = await debugScript('dbg-tab');
    await eventually(() => expect(ts.store.read().debugSessions[0]).toMatchObject({ scriptName: 'Debug dbg-tab', source: 'tui', state: 'paused', line: 12 }));
    await app.press('4');
    await app.waitFor(/Debug dbg-tab\s+tui \(tester\)\s+paused at line 12/);
    await app.press(KEY.enter);
    await app.waitFor(/PAUSED\s+at line 12/);
    await app.press('n');
    await app.waitFor(/at line 13/);
    await app.press(KEY.esc); // leaves this view; the run goes on in tab 1
    await app.waitFor(/paused at line 13/);
    await app.press('1');
    await app.waitFor(/PAUSED\s+at line 13/);
    await app.press('x');
    await app.waitFor('ENDED');
    await eventually(() => expect(ts.store.read().debugSessions).toEqual([]));
  });
});

describe('Debug sessions tab, attaching', () => {
  it('attaches to a session paused by debugWait, steps it, and detaches', async () => {
    ts = await tempStore();
    const source = 'Integer a = 5;\ndebugWait("look here");\nInteger b = a * 2;\nprintLine(b.toString());\n';
    const c = compileForDebug({ source, file: 'store:remote-demo' });
    const session = startDebugRun(c.compiled!, { debugSource: c.debugSource, stopOnEntry: false });
    sessions.push(session);
    const hosted = hostSession({
      store: ts.store,
      session,
      debugSource: c.debugSource,
      scriptName: 'Remote demo',
      source: 'cli',
      startedBy: 'cli',
      waitSeconds: 60,
      onTimeout: 'resume',
    });
    const app = renderApp({ store: ts.store, initialTab: 3 });
    await app.waitFor(/Remote demo\s+cli\s+waiting for attach at line 2/, 8000);
    expect(hosted.clients()).toBe(0);
    await app.press(KEY.enter);
    await app.waitFor(/PAUSED\s+at line 2 \(debugWait: look here\)/, 8000);
    expect(hosted.clients()).toBe(1);
    await app.waitFor(/a = 5/);
    await app.press('n');
    await app.waitFor(/at line 3 \(step\)/);
    // Esc detaches: the run stays paused, waiting for the next debugger
    await app.press(KEY.esc);
    await app.waitFor(/Remote demo\s+cli\s+waiting for attach at line 3/, 8000);
    expect(session.state).toBe('paused');
    // x stops it (asks first); it leaves the list when it has ended
    await app.press('x');
    await app.waitFor('Stop the run?');
    await app.press('y');
    await app.waitFor('No debug sessions', 8000);
    expect(session.state).toBe('terminated');
  });
});

