// The Debugger screen, from the script screen's Debug and as the standalone debugger (the Debug
// sessions tab: debug-sessions.test.tsx); real store in a temp dir, real debug worker (dist/,
// built by `npm test`).
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { KEY, frameWaiter, renderApp, settle, tempStore, type TempStore } from '../tui/helpers.js';
import { findScriptByIncludeId } from '../../src/store/repos.js';
import { compileForDebug, startDebugRun, type DebugSession } from '../../src/interp/debugger/controller.js';
import { DebuggerApp } from '../../src/screens/debugger/standalone.js';
import { functionKeyNotation } from '../../src/tui/keymap.js';
import { DEMO, debuggerHelpers } from './debugger-fixture.js';

const F5 = '\u001b[15~';
const F9 = '\u001b[20~';
const F10 = '\u001b[21~';
const SHIFT_F11 = '\u001b[23;2~';

let ts: TempStore;
const sessions: DebugSession[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
  await ts?.cleanup();
});
const { addScript, debugScript, eventually } = debuggerHelpers(() => ts);

/** The status line (first line of the tab area). */
const status = (frame: string) => frame.split('\n')[1] ?? '';

describe('Debugger', () => {
  it('opens on the first statement and steps in, over and out', async () => {
    ts = await tempStore();
    await addScript('dbg-demo', DEMO);
    const app = await debugScript('dbg-demo');
    expect(status(app.frame())).toMatch(/PAUSED\s+at line 12 \(first statement\)/);
    expect(app.frame()).toMatch(/▶12› Car car;/);
    await app.press('n');
    await app.waitFor(/at line 13 \(step\)/);
    await app.press('n');
    await app.waitFor(/at line 14 \(step\)/);
    await app.press('s');
    await app.waitFor(/at line 9 in twice \(step\)/);
    // both frames on the stack
    expect(app.frame()).toMatch(/twice\s+line 9/);
    expect(app.frame()).toMatch(/\(main\)\s+line 14/);
    await app.press('o');
    await app.waitFor(/at line 15 \(step\)/);
    await app.press('n');
    await app.waitFor(/at line 16/);
    expect(app.frame()).toContain('y=6');
  });

  it('toggles a breakpoint on the cursor line, keeps it with the script, and continues to it', async () => {
    ts = await tempStore();
    await addScript('dbg-bp', DEMO);
    const app = await debugScript('dbg-bp');
    // cursor from line 12 to line 16
    await app.press(KEY.down, KEY.down, KEY.down, KEY.down);
    expect(app.frame()).toMatch(/16› Integer z = twice\(y\);/);
    await app.press('b');
    await app.waitFor(/●\s*16/);
    await eventually(() => expect(findScriptByIncludeId(ts.store.read(), 'dbg-bp')!.breakpoints).toEqual([16]));
    await app.press('c');
    await app.waitFor(/at line 16 \(breakpoint\)/);
    expect(app.frame()).toContain('y=6');
    // toggling again clears it, in the store too
    await app.press('b');
    await eventually(() => expect(findScriptByIncludeId(ts.store.read(), 'dbg-bp')!.breakpoints).toEqual([]));
    await app.press('c');
    await app.waitFor('ENDED');
    expect(status(app.frame())).toMatch(/ENDED\s+finished/);
    expect(app.frame()).toContain('z=12');
  });

  it('applies stored breakpoints when the run starts, with the F-keys too', async () => {
    expect(functionKeyNotation(F5)).toBe('f5');
    expect(functionKeyNotation(SHIFT_F11)).toBe('shift+f11');
    ts = await tempStore();
    await addScript('dbg-stored', DEMO, { breakpoints: [10] });
    const app = await debugScript('dbg-stored');
    expect(app.frame()).toMatch(/●\s*10/);
    await app.press(F5);
    await app.waitFor(/at line 10 in twice \(breakpoint\)/);
    await app.press(SHIFT_F11);
    await app.waitFor(/at line 15 \(step\)/);
    await app.press(F10);
    await app.waitFor(/at line 16 \(step\)/);
    // F9 sets a breakpoint on the cursor line (16)
    await app.press(F9);
    await eventually(() => expect(findScriptByIncludeId(ts.store.read(), 'dbg-stored')!.breakpoints).toEqual([10, 16]));
  });

  it('shows an included script (f), and keeps its breakpoints with that script', async () => {
    ts = await tempStore();
    const app = await debugScript('demo-use-lib');
    expect(app.frame()).toContain('Source store:demo-use-lib');
    await app.press('f');
    await app.waitFor('Source store:demo-lib');
    // line 1 is a comment: the breakpoint goes on the next line with a statement
    await app.press('b');
    await app.waitFor('Line 1 holds no statement; the breakpoint goes on line 4.');
    await eventually(() => expect(findScriptByIncludeId(ts.store.read(), 'demo-lib')!.breakpoints).toEqual([4]));
    await app.press('c');
    await app.waitFor(/at line 4 of store:demo-lib in demoGreeting \(breakpoint\)/);
    await app.waitFor(/who = "operator"/);
  });

  it('runs to the cursor line', async () => {
    ts = await tempStore();
    await addScript('dbg-cursor', DEMO);
    const app = await debugScript('dbg-cursor');
    await app.press(KEY.down, KEY.down, KEY.down, KEY.down, KEY.down);
    await app.press('r');
    await app.waitFor(/at line 17 \(run to cursor\)/);
    expect(app.frame()).toContain('y=6');
    expect(app.frame()).not.toContain('z=12');
  });

  it('expands the variables of a nested struct', async () => {
    ts = await tempStore();
    await addScript('dbg-vars', DEMO);
    const app = await debugScript('dbg-vars');
    await app.press('n', 'n');
    await app.waitFor(/at line 14/);
    await app.press(KEY.tab); // variables (the focused list marks its row with ›)
    await app.waitFor(/›▸ car = Car \{name: "volvo"/);
    expect(app.frame()).toMatch(/x = 3/);
    await app.press(KEY.right);
    await app.waitFor(/▾ car/);
    await app.waitFor(/name = "volvo"/);
    await app.waitFor(/▸ engine = Engine/);
    await app.press(KEY.down, KEY.down); // name, engine
    await app.press(KEY.right);
    await app.waitFor(/hp = 150/);
    // stays expanded at the next stop
    await app.press('n');
    await app.waitFor(/at line 15/);
    await app.waitFor(/y = 6/);
    expect(app.frame()).toMatch(/hp = 150/);
  });

  it('selects a frame in the call stack: its variables and its line', async () => {
    ts = await tempStore();
    await addScript('dbg-stack', DEMO);
    const app = await debugScript('dbg-stack');
    await app.press('n', 'n', 's', 'n');
    await app.waitFor(/at line 10 in twice/);
    await app.press(KEY.tab);
    await app.waitFor(/r = 6/);
    expect(app.frame()).toMatch(/n = 3/);
    await app.press(KEY.tab); // call stack
    await app.waitFor(/›twice\s+line 10/);
    await app.press(KEY.down);
    // x = 3 in the Variables pane (the source's line 13 says `x = 3;` all along)
    await app.waitFor(/\bx = 3\s+│/);
    expect(app.frame()).not.toMatch(/r = 6/);
    // the caller's line is marked ▷ in the source
    expect(app.frame()).toMatch(/▷14. Integer y = twice\(x\);/);
    await app.press(KEY.up);
    await app.waitFor(/r = 6/);
  });

  it('evaluates an expression in the selected frame and keeps it as a watch', async () => {
    ts = await tempStore();
    await addScript('dbg-eval', DEMO);
    const app = await debugScript('dbg-eval');
    await app.press('n', 'n');
    await app.waitFor(/at line 14/);
    await app.press('e');
    await app.waitFor('Enter Evaluate');
    await app.type('x * 10 + 1');
    await app.press(KEY.enter);
    await app.waitFor(/x \* 10 \+ 1 = 31/);
    // the keys stay with the pane that had them before e (the source), not the Watch pane
    await app.press('?');
    await app.waitFor('Debugger — source');
    await app.press(KEY.esc);
    await app.press('e');
    await app.type('nothere + 1');
    await app.press(KEY.enter);
    await app.waitFor(/nothere \+ 1 !/);
    // re-evaluated at every stop, in the selected frame: x is not visible inside twice()
    await app.press('s');
    await app.waitFor(/at line 9 in twice/);
    await app.waitFor(/x \* 10 \+ 1 ! 'x' is not visible/);
    await app.press('e');
    await app.type('n + 100');
    await app.press(KEY.enter);
    await app.waitFor(/n \+ 100 = 103/);
    // the caller's frame
    await app.press(KEY.tab, KEY.tab, KEY.down); // source → variables → call stack, then the caller
    await app.waitFor(/x \* 10 \+ 1 = 31/);
    await app.waitFor(/n \+ 100 ! /);
    // the second call of twice(): n is 6 now
    await app.press('o', 'n', 's');
    await app.waitFor(/at line 9 in twice/);
    await app.waitFor(/n \+ 100 = 106/);
    await app.press(KEY.tab); // from the call stack to the watch list
    // d removes the selected watch (the last one added)
    expect(app.frame()).toMatch(/›n \+ 100 = 106/);
    await app.press('d');
    await app.waitForNo('n + 100');
    expect(app.frame()).toContain('nothere + 1');
    // Enter shows the whole value (here: the whole error)
    await app.press(KEY.up, KEY.enter);
    await app.waitFor(/is not defined|is not declared|unknown/i);
    await app.press(KEY.esc);
    await app.waitFor('Debug dbg-eval');
  });

  it('stops a running infinite loop and can restart', async () => {
    ts = await tempStore();
    await addScript('dbg-loop', 'Integer i = 0;\nwhile (true) {\n  i = i + 1;\n}\n');
    const app = await debugScript('dbg-loop');
    await app.press('n');
    await app.waitFor(/at line 2 \(step\)/);
    await app.press('e');
    await app.type('i + 1000');
    await app.press(KEY.enter);
    await app.waitFor(/i \+ 1000 = 1000/);
    await app.press('c');
    await app.waitFor('RUNNING');
    await settle();
    expect(status(app.frame())).toContain('RUNNING');
    await app.press('x');
    await app.waitFor('ENDED', 5000);
    expect(status(app.frame())).toContain('stopped by you');
    await app.press('\u0012'); // Ctrl+R
    await app.waitFor(/PAUSED\s+at line 1 \(first statement\)/);
    // the watch list carries over to the new run (i is not declared yet on line 1)
    await app.waitFor(/i \+ 1000 ! 'i' is not visible/);
    // pause a running loop
    await app.press('c');
    await app.waitFor('RUNNING');
    await app.press('p');
    await app.waitFor(/PAUSED\s+at line \d+ \(paused by you\)/);
    await app.press(KEY.esc);
    await app.waitFor('Leave the debugger?');
    await app.press('y');
    await app.waitFor('Include dbg-loop');
  });

  it('pauses on an exception, then shows how the run ended', async () => {
    ts = await tempStore();
    const app = await debugScript('demo-fail');
    await app.press('c');
    await app.waitFor(/PAUSED\s+at line 6 \(exception: division by zero\)/);
    await app.waitFor(/boxes = 0/);
    await app.press('c');
    await app.waitFor(/ENDED\s+error at line 6: division by zero/);
    expect(app.frame()).toMatch(/✗\s*6. Integer perBox/);
    expect(app.frame()).toContain('Sharing 12 items');
    expect(app.frame()).toContain('── Ended with an error at line 6');
  });

  it('takes step keys typed in one burst, one step each', async () => {
    ts = await tempStore();
    await addScript('dbg-burst', DEMO);
    const app = await debugScript('dbg-burst');
    app.stdin.write('nnn');
    await app.waitFor(/at line 15 \(step\)/);
    await settle();
    expect(status(app.frame())).toMatch(/at line 15 \(step\)/);
  });

  it('fits 80×24', async () => {
    ts = await tempStore();
    await addScript('dbg-small', DEMO);
    const app = await debugScript('dbg-small', { width: 80, height: 24 });
    const lines = app.frame().split('\n');
    expect(lines).toHaveLength(24);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(app.frame()).toMatch(/s Step\s+n Over\s+o Out\s+c Continue/);
  });

  it('shows why a script with errors cannot be debugged', async () => {
    ts = await tempStore();
    await addScript('dbg-bad', 'Integer x = "text";\n');
    const app = renderApp({ store: ts.store });
    await app.waitFor('Hello world');
    await app.press('/');
    await app.type('dbg-bad');
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor('Include dbg-bad');
    await app.press('b');
    await app.waitFor('has errors, so it cannot be debugged');
    expect(app.frame()).toMatch(/store:dbg-bad:1:\d+:/);
    await app.press(KEY.esc);
    await app.waitFor('Include dbg-bad');
  });
});


describe('standalone debugger', () => {
  it('drives a run, applies the breakpoints kept with the script, and leaves with q', async () => {
    ts = await tempStore();
    const source = 'Integer a = 1;\nInteger b = a + 1;\nprintLine(b.toString());\nprintLine("done");\n';
    await addScript('standalone', source, { breakpoints: [3] });
    const c = compileForDebug({ source, file: 'store:standalone' });
    const session = startDebugRun(c.compiled!, { debugSource: c.debugSource });
    sessions.push(session);
    let leave: (s: unknown) => void = () => {};
    const left = new Promise<unknown>((res) => (leave = res));
    const r = render(
      <DebuggerApp session={session} debugSource={c.debugSource} title="Debug standalone" store={ts.store} size={{ width: 80, height: 24 }} noColor onLeave={(s) => leave(s)} />,
    );
    const { frame, waitFor } = frameWaiter(r);
    const until = async (re: RegExp) => expect(await waitFor(re)).toMatch(re);
    await until(/PAUSED\s+at line 1 \(first statement\)/);
    await until(/●\s*3/);
    expect(frame()).toContain('crmscript-tui debug — Debug standalone');
    expect(frame().split('\n')).toHaveLength(24);
    r.stdin.write('n');
    await until(/at line 2 \(step\)/);
    r.stdin.write('c');
    await until(/at line 3 \(breakpoint\)/);
    r.stdin.write('c');
    await until(/ENDED\s+finished/);
    expect(frame()).toMatch(/│2\s/);
    expect(frame()).toMatch(/│done\s/);
    r.stdin.write('q');
    expect(await left).toBe(session);
  });
});
