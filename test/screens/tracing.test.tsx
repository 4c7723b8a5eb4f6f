// The Tracing tab and the script screen's Trace action, in the real app at 80×24 with a real
// store in a temp dir (the trace viewer: trace-viewer.test.tsx). Recordings are made by running
// scripts through startScriptRun with the built worker (dist/, built by `npm test`).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { existsSync } from 'node:fs';
import { KEY, renderApp, tempStore, type TempStore } from '../tui/helpers.js';
import { createMacro, findFolderByPath, getById, updateSettings } from '../../src/store/repos.js';
import { openRecording } from '../../src/tracing/manage.js';
import { traceFilePath } from '../../src/tracing/record.js';
import { Store } from '../../src/store/store.js';
import { describeBackends } from '../store/backends.js';
import { cleanupTempDirs, tempDir } from '../common.js';
import { FACT, SIZE, position, tracingHelpers } from './tracing-fixture.js';

let ts: TempStore;
afterEach(async () => {
  cleanup();
  await ts?.cleanup();
});
const { addScript, addTrace, runScript, openTab } = tracingHelpers(() => ts);

describe('the Tracing tab', () => {
  it('creates a trace configuration with every field from the tab', async () => {
    ts = await tempStore();
    await addScript('Tracee', 'printLine("x");');
    const app = await openTab();
    expect(app.frame()).toContain('No traces yet. Press n to trace a script or macro.');
    expect(app.frame()).toMatch(/Tracing scripts\s+OFF\s+nothing is recorded; t starts it/);
    await app.press('n');
    await app.waitFor('New trace');
    await app.type('tracee'); // the target: type-ahead in the choice
    await app.waitFor('Examples/Tracee');
    const field = async (label: string, text: string) => {
      for (let i = 0; i < 12 && !app.frame().includes(`›${label}`); i++) await app.press(KEY.tab);
      await app.press('\u0015'); // ^U clears the field
      await app.type(text);
    };
    await field('Description', 'catch the bad input');
    await field('User filter', 'alice, bob');
    await field('Trace resolution', '0');
    await app.waitFor('The resolution must be at least 1.');
    await field('Trace resolution', '3');
    await field('Keep traces (days)', '2');
    for (let i = 0; i < 12 && !app.frame().includes('›Notify'); i++) await app.press(KEY.tab);
    await app.press(' ');
    await field('Max notifications', '4');
    await field('Notification email', 'ops@example.com');
    for (let i = 0; i < 12 && !app.frame().includes('›Only with exception'); i++) await app.press(KEY.tab);
    await app.press(' ');
    await app.press(KEY.ctrlS);
    await app.waitFor('Created the trace. Tracing scripts is off, though: t starts it.');
    const [c] = ts.store.read().traceConfigs;
    expect(c).toMatchObject({
      targetKind: 'script',
      description: 'catch the bad input',
      userFilter: 'alice, bob',
      resolution: 3,
      keepDays: 2,
      enabled: true,
      notify: true,
      maxNotifications: 4,
      notificationEmail: 'ops@example.com',
      onlyOnException: true,
    });
    expect(getById(ts.store.read(), 'scripts', c!.targetId)!.name).toBe('Tracee');
    const f = app.frame();
    expect(f).toMatch(/on\s+Examples\/Tracee\s+catch the bad input\s+0 -/);
    expect(f).toContain('Every 3rd run by alice, bob · kept 2 days · only with an unhandled exception');
    expect(f).toContain('Notifies ops@example.com (0 of at most 4 sent)');
    for (const line of f.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(f.split('\n').length).toBeLessThanOrEqual(24);
  });

  it('edits a configuration, disables and enables it', async () => {
    ts = await tempStore();
    const id = await addScript('Tracee', 'printLine("x");');
    const cid = await addTrace(id, { keepDays: 7 });
    const app = await openTab();
    await app.waitFor(/on\s+Examples\/Tracee/);
    await app.press('e');
    await app.waitFor('Edit trace');
    for (let i = 0; i < 12 && !app.frame().includes('›Keep traces (days)'); i++) await app.press(KEY.tab);
    await app.press('\u0015');
    await app.type('30');
    await app.press(KEY.ctrlS);
    await app.waitFor('Saved the trace.');
    expect(getById(ts.store.read(), 'traceConfigs', cid)!.keepDays).toBe(30);
    await app.press(' ');
    await app.waitFor('Disabled the trace.');
    expect(getById(ts.store.read(), 'traceConfigs', cid)!.enabled).toBe(false);
    await app.waitFor(/off\s+Examples\/Tracee/);
    await app.press(' ');
    await app.waitFor('Enabled the trace.');
    expect(getById(ts.store.read(), 'traceConfigs', cid)!.enabled).toBe(true);
  });

  it('toggles the global Start/Stop tracing switch', async () => {
    ts = await tempStore();
    const app = await openTab();
    expect(ts.store.read().settings.tracingEnabled).toBe(false);
    await app.press('t');
    await app.waitFor(/Tracing scripts\s+ON\s+enabled traces record runs/);
    expect(ts.store.read().settings.tracingEnabled).toBe(true);
    await app.waitFor('t Stop tracing');
    await app.press('t');
    await app.waitFor(/Tracing scripts\s+OFF/);
    expect(ts.store.read().settings.tracingEnabled).toBe(false);
    // another process switching it on shows here
    await ts.store.update((d) => updateSettings(d, { tracingEnabled: true }));
    await app.waitFor(/Tracing scripts\s+ON/);
  });

  it('shows a traced run as soon as it is recorded, with its time, user/source, duration, steps and outcome', async () => {
    ts = await tempStore();
    const id = await addScript('Facts', FACT);
    await addTrace(id);
    const app = await openTab();
    await app.waitFor(/Facts\s+why six\s+0 -/);
    expect(app.frame()).toContain('No recordings yet. Runs of this script are recorded from now on.');
    await runScript(id, 'alice');
    // recorded by its inputs: the steps are counted when it is first opened
    expect(ts.store.read().traceRuns[0]).toMatchObject({ byInputs: true, steps: 0 });
    const f = await app.waitFor(/cli \(alice\)\s+[\d.]+ m?s\s+on open failed: GeneralExcep/);
    expect(f).toMatch(/Facts\s+why six\s+1 \d\d-\d\d \d\d:\d\d/);
    // a second run, by someone else, goes on top
    await runScript(id, 'bob');
    await app.waitFor(/cli \(bob\)[^\n]*\n[^\n]*cli \(alice\)/);
    await app.press(KEY.enter);
    await app.waitFor('store:facts:13:');
  });

  it('says "stopped" for a recording whose run was stopped, as the tasks do', async () => {
    ts = await tempStore();
    const id = await addScript('Facts', FACT);
    await addTrace(id);
    await runScript(id, 'alice');
    // what a run stopped from outside leaves in the index (stored as 'interrupted')
    await ts.store.update((d) => {
      d.traceRuns[0]!.outcome = 'interrupted';
      d.traceRuns[0]!.exception = null;
    });
    const app = await openTab();
    await app.waitFor(/Facts\s+why six\s+1/);
    await app.press(KEY.enter);
    const f = await app.waitFor(/cli \(alice\)\s+[\d.]+ m?s\s+on open stopped/);
    expect(f).not.toContain('interrupted');
  });

  it('shows the notifications the traces left in the outbox', async () => {
    ts = await tempStore();
    const id = await addScript('Facts', FACT);
    await addTrace(id, { notify: true, notificationEmail: 'ops@example.com', maxNotifications: 5 });
    await runScript(id);
    const app = await openTab();
    await app.waitFor('1 trace notification pending: O shows the outbox');
    await app.waitFor('Notifies ops@example.com (1 of at most 5 sent)');
    await app.press('O');
    await app.waitFor('Trace: Facts failed with an exception');
    await app.press(KEY.esc);
    await app.waitFor('Tracing scripts');
  });

  it('deletes a recording and a trace after asking', async () => {
    ts = await tempStore();
    const id = await addScript('Facts', FACT);
    await addTrace(id);
    await runScript(id);
    await runScript(id);
    const [newer, older] = [...ts.store.read().traceRuns].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || 0);
    const app = await openTab();
    await app.waitFor(/Facts\s+why six\s+2/);
    await app.press(KEY.enter);
    await app.waitFor('Enter Replay');
    await app.press('d');
    await app.waitFor('Delete recording');
    await app.press('n');
    await app.waitForNo('Delete recording');
    expect(ts.store.read().traceRuns).toHaveLength(2);
    await app.press('d');
    await app.waitFor('Delete recording');
    await app.press('y');
    await app.waitFor('Deleted the recording.');
    const left = ts.store.read().traceRuns;
    expect(left).toHaveLength(1);
    const gone = [newer!, older!].find((r) => !left.some((l) => l.id === r.id))!;
    expect(existsSync(traceFilePath(ts.store.dataDir, gone))).toBe(false);
    // the trace with what is left (back on the traces first: an Esc followed at once by "d" reads as Alt+d)
    await app.press(KEY.esc);
    await app.waitFor('goes to the recordings');
    await app.press('d');
    await app.waitFor('Delete the trace "why six" of script "Examples/Facts" and its 1');
    expect(app.frame()).toContain('recording? This cannot be undone.');
    await app.press(KEY.esc);
    await app.waitForNo('Delete the trace "why six"');
    expect(ts.store.read().traceConfigs).toHaveLength(1);
    await app.press('d');
    await app.waitFor('Delete trace');
    await app.press('y');
    await app.waitFor('Deleted the trace and 1 recording.');
    expect(ts.store.read().traceConfigs).toHaveLength(0);
    expect(ts.store.read().traceRuns).toHaveLength(0);
    expect(existsSync(traceFilePath(ts.store.dataDir, left[0]!))).toBe(false);
    await app.waitFor('No traces yet.');
  });
});

describe('Trace from the script screen and the macro editor', () => {
  it("t on a script opens the form for its trace, then the trace's recordings; Esc goes back", async () => {
    ts = await tempStore();
    const id = await addScript('Facts', FACT);
    const app = renderApp({ store: ts.store, size: SIZE });
    await app.waitFor('Hello world');
    await app.press('/');
    await app.type('facts');
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor('Include facts');
    await app.press('t');
    await app.waitFor('Trace script "Facts"');
    expect(app.frame()).toContain('Trace of Facts');
    await app.press(KEY.ctrlS);
    await app.waitFor('Created the trace. Tracing scripts is off, though: t starts it.');
    expect(ts.store.read().traceConfigs).toMatchObject([{ targetKind: 'script', targetId: id, description: 'Trace of Facts', enabled: true }]);
    await app.press('t'); // the global switch, from here too
    await app.waitFor(/Tracing scripts\s+ON/);
    await app.press(KEY.esc);
    await app.waitFor('Include facts');
    // a run from the script screen is recorded; t shows it
    await app.press('r');
    await app.waitFor('six is too many');
    await app.press(KEY.esc);
    await app.waitFor('Include facts');
    await app.press('t');
    await app.waitFor(/tui \(tester\)\s+[\d.]+ m?s\s+on open failed: GeneralExcep/);
    await app.press(KEY.enter);
    await app.waitFor('Step 1 of');
    await app.press(KEY.esc);
    await app.waitFor('Enter Replay');
    await app.press(KEY.esc);
    await app.waitFor('Include facts');
    // a script with a trace: no form, straight to the recordings
    expect(app.frame()).not.toContain('Trace script "Facts"');
  });

  it('Esc on the form of a new trace goes back to the script without creating one', async () => {
    ts = await tempStore();
    await addScript('Facts', FACT);
    const app = renderApp({ store: ts.store, size: SIZE });
    await app.waitFor('Hello world');
    await app.press('/');
    await app.type('facts');
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor('Include facts');
    await app.press('t');
    await app.waitFor('Trace script "Facts"');
    await app.press(KEY.esc);
    await app.waitFor('Include facts');
    expect(ts.store.read().traceConfigs).toHaveLength(0);
  });

  it("t in the macro editor opens the macro's trace", async () => {
    ts = await tempStore();
    const macroId = await ts.store.update((d) => createMacro(d, { name: 'Greeter', folderId: findFolderByPath(d, 'Examples')!.id }).id);
    const app = renderApp({ store: ts.store, size: SIZE });
    await app.waitFor('Hello world');
    await app.press('/');
    await app.type('greeter');
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor('No actions yet.');
    await app.press('t');
    await app.waitFor('Trace macro "Greeter"');
    await app.press(KEY.ctrlS);
    await app.waitFor('Created the trace.');
    expect(ts.store.read().traceConfigs).toMatchObject([{ targetKind: 'macro', targetId: macroId }]);
    await app.press(KEY.esc);
    await app.waitFor('No actions yet.');
  });
});

// Issue 18: on a PostgreSQL store, the Tracing tab on one machine replays a recording made on
// another (a second data directory sharing only the database).
describeBackends('the Tracing tab on a shared store', (b) => {
  afterEach(cleanupTempDirs);
  it.runIf(b.name === 'postgres')('opens a recording made on another machine', async () => {
    const place = await b.fresh();
    const made = await Store.open(place.dir, { url: place.url!, seed: true });
    ts = { store: made, dir: place.dir, cleanup: () => void made.close() };
    const id = await addScript('Facts', FACT);
    await addTrace(id);
    await runScript(id);
    await made.close();
    const elsewhere = tempDir();
    const other = await Store.open(elsewhere, { url: place.url!, seed: false });
    ts = { store: other, dir: elsewhere, cleanup: () => void other.close() };
    expect(existsSync(traceFilePath(elsewhere, other.read().traceRuns[0]!))).toBe(false);
    const app = await openTab();
    await app.waitFor(/Facts\s+why six\s+1/);
    await app.press(KEY.enter);
    await app.waitFor('Enter Replay');
    await app.press(KEY.enter);
    const frame = await app.waitFor('Step 1 of');
    expect(position(frame).of).toBe((await openRecording(elsewhere, other.read().traceRuns[0]!)).steps);
  });
});
