// The Tracing tab, the trace viewer and the script screen's Trace action, in the real app at
// 80×24 with a real store in a temp dir. Recordings are made by running scripts through
// startScriptRun with the built worker (dist/, built by `npm test`).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { existsSync } from 'node:fs';
import { KEY, renderApp, tempStore, type TempStore } from '../tui/helpers.js';
import { createMacro, createScript, createTraceConfig, findFolderByPath, getById, updateSettings, type TraceConfigInput } from '../../src/store/repos.js';
import { startScriptRun } from '../../src/run/script.js';
import { openRecording } from '../../src/tracing/manage.js';
import { traceFilePath } from '../../src/tracing/record.js';
import type { TraceRecording } from '../../src/interp/trace/reader.js';
import { parseStepInput, sliderBar, tailLines } from '../../src/screens/tracing/model.js';
import { Store } from '../../src/store/store.js';
import { describeBackends } from '../store/backends.js';
import { cleanupTempDirs, tempDir } from '../common.js';

const SIZE = { width: 80, height: 24 };

// Line numbers matter below.
const FACT = [
  'Integer fact(Integer n) {', //                                             1
  '  if (n <= 1) {', //                                                       2
  '    return 1;', //                                                         3
  '  }', //                                                                   4
  '  return n * fact(n - 1);', //                                             5
  '}', //                                                                     6
  'Integer[] got;', //                                                        7
  'for (Integer i = 1; i <= 3; i++) {', //                                    8
  '  got.pushBack(fact(i));', //                                              9
  '  printLine("fact " + i.toString() + " = " + got[i - 1].toString());', // 10
  '}', //                                                                     11
  'String tail = "end";', //                                                  12
  'if (got[2] == 6) throw "six is too many";', //                             13
].join('\n');

let ts: TempStore;
afterEach(() => {
  cleanup();
  ts?.cleanup();
});

async function addScript(name: string, source: string): Promise<string> {
  return ts.store.update((d) => createScript(d, { name, folderId: findFolderByPath(d, 'Examples')!.id, includeId: name.toLowerCase(), source }).id);
}

async function addTrace(scriptId: string, over: Partial<TraceConfigInput> = {}, on = true): Promise<string> {
  return ts.store.update((d) => {
    if (on) updateSettings(d, { tracingEnabled: true });
    return createTraceConfig(d, { targetKind: 'script', targetId: scriptId, description: 'why six', ...over }).id;
  });
}

async function runScript(scriptId: string, user = 'alice') {
  return startScriptRun(ts.store, getById(ts.store.read(), 'scripts', scriptId)!, { source: 'cli', user }).result;
}

async function openTab(size = SIZE) {
  const app = renderApp({ store: ts.store, size });
  await app.waitFor('Hello world');
  await app.press('5');
  await app.waitFor('Tracing scripts');
  return app;
}

/** The step (1-based, as shown) and the line marked current in the source. */
function position(frame: string): { step: number; of: number; line: number | null; depth: number } {
  const m = /Step ([\d,]+) of ([\d,]+)/.exec(frame);
  if (!m) throw new Error(`No slider in:\n${frame}`);
  const cur = /[▶]\s*(\d+)/.exec(frame);
  const d = /depth (\d+)/.exec(frame);
  return { step: Number(m[1]!.replace(/,/g, '')), of: Number(m[2]!.replace(/,/g, '')), line: cur ? Number(cur[1]) : null, depth: d ? Number(d[1]) : 0 };
}

/** Record FACT once and open its recording in the viewer. */
async function viewerOnFact(): Promise<{ app: Awaited<ReturnType<typeof openTab>>; rec: TraceRecording }> {
  ts = await tempStore();
  const id = await addScript('Facts', FACT);
  await addTrace(id);
  const r = await runScript(id);
  expect(r.error?.message).toBe('GeneralException: six is too many');
  expect(r.output).toBe('fact 1 = 1\nfact 2 = 2\nfact 3 = 6\n');
  const run = ts.store.read().traceRuns[0]!;
  const rec = openRecording(ts.store.dataDir, run);
  const app = await openTab();
  await app.waitFor(/Facts\s+why six\s+1/);
  await app.press(KEY.enter); // to the recordings
  await app.waitFor('Enter Replay');
  await app.press(KEY.enter);
  await app.waitFor('Step 1 of');
  return { app, rec };
}

/** Press a key and wait until the viewer shows step `expect0 + 1`. */
async function moveTo(app: Awaited<ReturnType<typeof openTab>>, key: string, step0: number): Promise<string> {
  await app.press(key);
  return app.waitFor(new RegExp(`Step ${(step0 + 1).toLocaleString('en-US')} of`));
}

function firstStepAt(rec: TraceRecording, line: number, depth?: number, from = 0): number {
  for (let s = from; s < rec.steps; s++) if (rec.positionAt(s).line === line && (depth === undefined || rec.depthAt(s) === depth)) return s;
  throw new Error(`no step at line ${line}`);
}

async function goTo(app: Awaited<ReturnType<typeof openTab>>, step0: number): Promise<string> {
  await app.press('g');
  await app.waitFor('Go to step');
  await app.type(String(step0 + 1));
  return moveTo(app, KEY.enter, step0);
}

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
    const run = ts.store.read().traceRuns[0]!;
    const f = await app.waitFor(/cli \(alice\)\s+[\d.]+ m?s\s+\d+ failed: GeneralExcep/);
    expect(f).toContain(`${run.steps} failed: GeneralExcep`);
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
    const f = await app.waitFor(/cli \(alice\)\s+[\d.]+ m?s\s+\d+ stopped/);
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

describe('the trace viewer', () => {
  it('opens at the first step with the source, the stack and an empty output', async () => {
    const { app, rec } = await viewerOnFact();
    const f = app.frame();
    const p = position(f);
    expect(p).toMatchObject({ step: 1, of: rec.steps, line: rec.positionAt(0).line, depth: 1 });
    expect(f).toContain('Trace of script Examples/Facts');
    expect(f).toMatch(/FAILED\s+\d\d-\d\d \d\d:\d\d:\d\d · cli \(alice\)/);
    expect(f).toContain('Source facts');
    expect(f).toContain('(no output yet)');
    expect(f).toMatch(/\(main\)\s+line 7/);
    for (const line of f.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(f.split('\n').length).toBeLessThanOrEqual(24);
  });

  it('moves with each key: step in, out, back, next, out of scope, ←/→, Home/End, PgUp/PgDn, exception', async () => {
    const { app, rec } = await viewerOnFact();
    // the first call of fact: line 9 in the first iteration
    const call = firstStepAt(rec, 9);
    let f = await goTo(app, call);
    expect(position(f)).toMatchObject({ line: 9, depth: 1 });

    // i: into fact
    let s = rec.stepIn(call);
    f = await moveTo(app, 'i', s);
    expect(position(f)).toMatchObject({ line: 2, depth: 2 });
    expect(f).toMatch(/fact\s+line 2/);
    expect(f).toMatch(/\(main\)\s+line 9/);
    expect(f).toMatch(/n = 1/);

    // o: out of fact, back in the main body
    s = rec.stepOut(s);
    f = await moveTo(app, 'o', s);
    expect(position(f).depth).toBe(1);
    expect(rec.depthAt(s)).toBe(1);

    // b: step back at depth 1 skips the call's statements
    const back = rec.stepBack(s);
    f = await moveTo(app, 'b', back);
    expect(position(f)).toMatchObject({ line: 9, depth: 1 });

    // n: step next skips the call: line 10 at depth 1
    s = rec.stepNext(back);
    f = await moveTo(app, 'n', s);
    expect(position(f)).toMatchObject({ line: 10, depth: 1 });

    // u: out of the loop to line 12
    s = rec.stepOutOfScope(s);
    f = await moveTo(app, 'u', s);
    expect(position(f)).toMatchObject({ line: 12, depth: 1 });

    // ← and →: one step either way
    f = await moveTo(app, KEY.left, s - 1);
    f = await moveTo(app, KEY.right, s);

    // Home, End
    f = await moveTo(app, '\u001b[H', 0);
    expect(position(f).step).toBe(1);
    f = await moveTo(app, '\u001b[F', rec.steps - 1);

    // PgUp / PgDn: a tenth of the recording
    const tenth = Math.max(Math.round(rec.steps / 10), 1);
    f = await moveTo(app, '\u001b[5~', rec.steps - 1 - tenth);
    f = await moveTo(app, KEY.pageDown, rec.steps - 1);

    // x: the exception's step
    await moveTo(app, '\u001b[H', 0);
    f = await moveTo(app, 'x', rec.exceptionStep()!);
    expect(position(f).line).toBe(13);
    expect(f).toContain('exception here: GeneralException: six');

    // nowhere to go says so
    await app.press(KEY.right);
    await app.waitFor('This is the last step.');
  });

  it('steps through the recursion: the deepest call, its stack and callers, step out', async () => {
    const { app, rec } = await viewerOnFact();
    // fact(3) → fact(2) → fact(1): the first step at depth 4
    let deepest = 0;
    for (let s = 0; s < rec.steps; s++) if (rec.depthAt(s) === 4) {
      deepest = s;
      break;
    }
    expect(deepest).toBeGreaterThan(0);
    let f = await goTo(app, deepest);
    expect(position(f)).toMatchObject({ depth: 4, line: 2 });
    expect((f.match(/fact\s+line \d/g) ?? []).length).toBe(3);
    expect(f).toMatch(/n = 1/);
    // the stack pane: select a caller, see its variables and line; Enter goes to its step
    await app.press(KEY.tab, KEY.tab); // variables, call stack
    await app.press(KEY.down);
    f = await app.waitFor(/n = 2/);
    expect(f).toMatch(/▷\s*5/);
    const callerStep = rec.at(deepest).stack[1]!.step;
    f = await moveTo(app, KEY.enter, callerStep);
    expect(position(f)).toMatchObject({ depth: 3, line: 5 });
    // o: out of the whole recursion (no statement runs in the callers after the inner call returns)
    const out = rec.stepOut(deepest);
    expect(rec.depthAt(out)).toBe(1);
    await goTo(app, deepest);
    f = await moveTo(app, 'o', out);
    expect(position(f)).toMatchObject({ depth: 1, line: 10 });
    expect(f).toMatch(/got = \[1, 2, 6\]/);
  });

  it('shows the variables at a step (expanding an array) and the output up to it', async () => {
    const { app, rec } = await viewerOnFact();
    // the third iteration's printLine: got holds three values, two lines were printed
    const third = firstStepAt(rec, 10, 1, firstStepAt(rec, 10, 1, firstStepAt(rec, 10, 1) + 1) + 1);
    let f = await goTo(app, third);
    expect(f).toMatch(/▸ got = \[1, 2, 6\]/);
    expect(f).toMatch(/i = 3/);
    expect(f).toContain(`Output up to step ${third + 1}`);
    expect(f).toContain('fact 1 = 1');
    expect(f).toContain('fact 2 = 2');
    expect(f).not.toContain('fact 3 = 6');
    await app.press(KEY.tab); // variables
    await app.waitFor(/›▸ got/);
    await app.press(KEY.right);
    f = await app.waitFor(/\[2\] = 6/);
    expect(f).toMatch(/\[0\] = 1/);
    // the expansion stays on the next step, where the values are the next step's
    await app.press('n');
    await app.waitFor(/i = 3/);
    // at the last step: all the output and how the run ended
    f = await moveTo(app, '\u001b[F', rec.steps - 1);
    expect(f).toContain('fact 3 = 6');
    expect(f).toContain('── The run ended with an unhandled exception at line 13: GeneralException: six');
    expect(f).toMatch(/tail = "end"/);
  });

  it('goes to a typed step or percentage and draws the slider', async () => {
    const { app, rec } = await viewerOnFact();
    await app.press('g');
    await app.waitFor(`Go to step (1–${rec.steps}`);
    await app.type('9999');
    await app.press(KEY.enter);
    await app.waitFor(`There is no step 9,999 (1 to ${rec.steps}).`);
    await app.press('\u0015');
    await app.type('50%');
    let f = await moveTo(app, KEY.enter, Math.round((rec.steps - 1) / 2));
    const bar = /├(━*)●(─*)┤/.exec(f)!;
    expect(bar).not.toBeNull();
    expect(Math.abs(bar[1]!.length - bar[2]!.length)).toBeLessThanOrEqual(2);
    f = await moveTo(app, '\u001b[F', rec.steps - 1);
    expect(/├(━*)●(─*)┤/.exec(f)![2]).toBe('');
    await app.press('g');
    await app.type('-5');
    await moveTo(app, KEY.enter, rec.steps - 6);
    await app.press('g');
    await app.press(KEY.esc);
    await app.waitFor(`Step ${rec.steps - 5} of`);
    // Esc closes the viewer, back at the recordings
    await app.press(KEY.esc);
    await app.waitFor('Enter Replay');
  });

  it('shows any step of a recording of a million statements', async () => {
    ts = await tempStore();
    const id = await addScript('Million', 'Integer s = 0;\nfor (Integer i = 0; i < 500000; i++) {\n  s = s + i;\n}\nprintLine(s.toString());');
    await addTrace(id);
    const r = await runScript(id);
    expect(r.error).toBeNull();
    const run = ts.store.read().traceRuns[0]!;
    expect(run.steps).toBeGreaterThanOrEqual(1_000_000);
    const app = await openTab();
    await app.waitFor(/Million\s+why six\s+1/);
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor('Step 1 of', 10_000);
    // how fast a step shows is a budget in bench/ (npm run bench: the trace reader's figures)
    const shows = async (key: string, step: number): Promise<void> => {
      app.stdin.write(key);
      await app.waitFor(`Step ${(step + 1).toLocaleString('en-US')} of`, 10_000);
    };
    const rec = openRecording(ts.store.dataDir, run);
    await shows('\u001b[F', rec.steps - 1); // the first visit: a full replay
    await shows('\u001b[5~', rec.steps - 1 - Math.round(rec.steps / 10));
    await shows('b', rec.stepBack(rec.steps - 1 - Math.round(rec.steps / 10)));
    const f = app.frame();
    expect(f).toMatch(/s = \d+/);
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
    await app.waitFor(/tui \(tester\)\s+[\d.]+ m?s\s+\d+ failed: GeneralExcep/);
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

describe('viewer helpers', () => {
  it('parses typed steps', () => {
    expect(parseStepInput('12', 100, 0)).toEqual({ step: 11 });
    expect(parseStepInput('1,000', 5000, 0)).toEqual({ step: 999 });
    expect(parseStepInput('100%', 100, 0)).toEqual({ step: 99 });
    expect(parseStepInput('0%', 100, 50)).toEqual({ step: 0 });
    expect(parseStepInput('+10', 100, 95)).toEqual({ step: 99 });
    expect(parseStepInput('-10', 100, 5)).toEqual({ step: 0 });
    expect(parseStepInput('0', 100, 0)).toEqual({ error: 'There is no step 0 (1 to 100).' });
    expect(parseStepInput('abc', 100, 0)).toHaveProperty('error');
  });

  it('draws the slider with the knob at the step', () => {
    expect(sliderBar(0, 100, 11)).toEqual({ done: '', knob: '●', rest: '─'.repeat(10) });
    expect(sliderBar(99, 100, 11)).toEqual({ done: '━'.repeat(10), knob: '●', rest: '' });
    expect(sliderBar(0, 1, 5).rest).toHaveLength(4);
  });

  it('wraps only the tail of long output', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    expect(tailLines(text, 3, 40)).toEqual(['line 99997', 'line 99998', 'line 99999']);
    expect(tailLines('a\nb', 5, 40)).toEqual(['a', 'b']);
    expect(tailLines('x'.repeat(100), 2, 40)).toEqual(['x'.repeat(40), 'x'.repeat(20)]);
    expect(tailLines('', 3, 40)).toEqual([]);
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
    expect(position(frame).of).toBe(openRecording(elsewhere, other.read().traceRuns[0]!).steps);
  });
});
