// The trace viewer: replaying a recording step by step (keys, recursion, variables, output,
// go to a step, a million statements), and its helpers; in the real app at 80×24 with a real
// store in a temp dir. Recordings are made with the built worker (dist/, built by `npm test`).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, tempStore, type TempStore } from '../tui/helpers.js';
import { openRecording } from '../../src/tracing/manage.js';
import type { TraceRecording } from '../../src/interp/trace/reader.js';
import { parseStepInput, sliderBar, tailLines } from '../../src/screens/tracing/model.js';
import { FACT, position, tracingHelpers, type TracingApp } from './tracing-fixture.js';

let ts: TempStore;
afterEach(async () => {
  cleanup();
  await ts?.cleanup();
});
const { addScript, addTrace, runScript, openTab } = tracingHelpers(() => ts);

/** Record FACT once and open its recording in the viewer. */
async function viewerOnFact(): Promise<{ app: TracingApp; rec: TraceRecording }> {
  ts = await tempStore();
  const id = await addScript('Facts', FACT);
  await addTrace(id);
  const r = await runScript(id);
  expect(r.error?.message).toBe('GeneralException: six is too many');
  expect(r.output).toBe('fact 1 = 1\nfact 2 = 2\nfact 3 = 6\n');
  const run = ts.store.read().traceRuns[0]!;
  const rec = await openRecording(ts.store.dataDir, run);
  const app = await openTab();
  await app.waitFor(/Facts\s+why six\s+1/);
  await app.press(KEY.enter); // to the recordings
  await app.waitFor('Enter Replay');
  await app.press(KEY.enter);
  await app.waitFor('Step 1 of');
  return { app, rec };
}

/** Press a key and wait until the viewer shows step `expect0 + 1`. */
async function moveTo(app: TracingApp, key: string, step0: number): Promise<string> {
  await app.press(key);
  return app.waitFor(new RegExp(`Step ${(step0 + 1).toLocaleString('en-US')} of`));
}

function firstStepAt(rec: TraceRecording, line: number, depth?: number, from = 0): number {
  for (let s = from; s < rec.steps; s++) if (rec.positionAt(s).line === line && (depth === undefined || rec.depthAt(s) === depth)) return s;
  throw new Error(`no step at line ${line}`);
}

async function goTo(app: TracingApp, step0: number): Promise<string> {
  await app.press('g');
  await app.waitFor('Go to step');
  await app.type(String(step0 + 1));
  return moveTo(app, KEY.enter, step0);
}

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
    // recorded by its inputs: the viewer's first open replays it (tracing/expand.ts)
    expect(run).toMatchObject({ byInputs: true, steps: 0 });
    const app = await openTab();
    await app.waitFor(/Million\s+why six\s+1/);
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor('Step 1 of', 10_000);
    // how fast a step shows is a budget in bench/ (npm run bench: the trace reader's figures)
    const shows = async (key: string, step: number): Promise<void> => {
      app.stdin.write(key);
      await app.waitFor(`Step ${(step + 1).toLocaleString('en-US')} of`, 10_000);
    };
    const rec = await openRecording(ts.store.dataDir, run);
    await shows('\u001b[F', rec.steps - 1); // the first visit: a full replay
    await shows('\u001b[5~', rec.steps - 1 - Math.round(rec.steps / 10));
    await shows('b', rec.stepBack(rec.steps - 1 - Math.round(rec.steps / 10)));
    const f = app.frame();
    expect(f).toMatch(/s = \d+/);
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
