// Run control of debug sessions: entry, step in/over/out, breakpoints, run to line, run to end,
// pause, stop, exceptions, debugWait, output so far.
import { describe, expect, it, vi } from 'vitest';
import { debug, ended, expectStop, running, stopped, values } from './helpers.js';

const CALLS = `Integer add(Integer a, Integer b) {
  Integer s = a + b;
  return s;
}
Integer x = 1;
Integer y = add(x, 2);
printLine(y.toString());
Integer z = add(y, y);
printLine(z.toString());
`;

describe('stepping', () => {
  it('stops on entry at the first statement', async () => {
    const s = debug(CALLS);
    const e = expectStop(await s.waitForStop(), 5, 'entry');
    expect(e.stack.map((f) => f.name)).toEqual(['(main)']);
    expect(e.file).toBe('test.crm');
    expect(s.state).toBe('paused');
  });

  it('step over does not enter a call', async () => {
    const s = debug(CALLS);
    await s.waitForStop();
    expectStop(await s.stepOver(), 6, 'step');
    expectStop(await s.stepOver(), 7, 'step');
    expect(s.output).toBe('');
    expectStop(await s.stepOver(), 8);
    expect(s.output).toBe('3\n');
  });

  it('step into enters the called function, and steps back out to the next statement of the caller', async () => {
    const s = debug(CALLS);
    await s.waitForStop();
    await s.stepOver();
    const inAdd = expectStop(await s.stepIn(), 2, 'step');
    expect(inAdd.stack.map((f) => `${f.name}:${f.line}`)).toEqual(['add:2', '(main):6']);
    expectStop(await s.stepIn(), 3);
    const back = expectStop(await s.stepIn(), 7);
    expect(back.stack).toHaveLength(1);
    expect(values((await s.getVariables()).locals).y).toBe('3');
  });

  it('step out returns to the statement after the call', async () => {
    const s = debug(CALLS);
    await s.waitForStop();
    await s.stepOver();
    expectStop(await s.stepIn(), 2);
    const out = expectStop(await s.stepOut(), 7, 'step');
    expect(out.stack).toHaveLength(1);
  });

  it('step over on the last statement of a function goes to the caller', async () => {
    const s = debug(CALLS);
    await s.waitForStop();
    await s.stepOver();
    await s.stepIn();
    expectStop(await s.stepOver(), 3);
    expectStop(await s.stepOver(), 7);
  });

  it('step over a recursive call stays in the same frame', async () => {
    const s = debug(`Integer fact(Integer n) {
  if (n <= 1) return 1;
  Integer r = n * fact(n - 1);
  return r;
}
printLine(fact(5).toString());`);
    await s.waitForStop();
    expectStop(await s.stepIn(), 2);
    expectStop(await s.stepOver(), 3);
    const e = expectStop(await s.stepOver(), 4);
    expect(e.stack).toHaveLength(2);
    expect(values((await s.getVariables()).locals)).toMatchObject({ n: '5', r: '120' });
  });

  it('step into at the end of the script ends the run', async () => {
    const s = debug('Integer a = 1;\nprintLine("done");');
    await s.waitForStop();
    expectStop(await s.stepIn(), 2);
    const end = ended(await s.stepIn());
    expect(end.outcome.ok).toBe(true);
    expect(end.outcome.output).toBe('done\n');
    expect(s.state).toBe('terminated');
  });

  it('stops at the loop line on every iteration and at else-if tests', async () => {
    const s = debug(`Integer k = 0;
while (k < 2) {
  k++;
}
if (k == 0) printLine("zero");
else if (k == 2) printLine("two");`);
    await s.waitForStop();
    const lines: number[] = [];
    for (let e = await s.stepIn(); e.t === 'stopped'; e = await s.stepIn()) lines.push(e.line);
    expect(lines).toEqual([2, 3, 2, 3, 2, 5, 6, 6]);
    expect(s.output).toBe('two\n');
  });
});

describe('breakpoints', () => {
  const LOOP = `Integer total = 0;
for (Integer i = 0; i < 3; i++) {
  total += i;
}
printLine(total.toString());
`;

  it('a breakpoint in a loop body is hit on each iteration', async () => {
    const s = debug(LOOP, { stopOnEntry: false, breakpoints: [3] });
    const seen: string[] = [];
    let e = await s.waitForStop();
    while (e.t === 'stopped') {
      expect(e.reason).toBe('breakpoint');
      expect(e.line).toBe(3);
      const v = values((await s.getVariables()).locals);
      seen.push(`${v.i}/${v.total}`);
      e = await s.continue();
    }
    expect(seen).toEqual(['0/0', '1/0', '2/1']);
    expect(e.outcome.output).toBe('3\n');
  });

  it('a breakpoint on a line without a statement moves to the next statement', async () => {
    const s = debug(LOOP, { stopOnEntry: false });
    expect(await s.setBreakpoints([4])).toEqual([5]);
    expect(s.breakableLines()).toEqual([1, 2, 3, 5]);
    expect(s.breakableLine(4)).toBe(5);
    expect(s.breakableLine(6)).toBeNull();
    expect(s.breakpoints()).toEqual([5]);
    expectStop(await s.waitForStop(), 5, 'breakpoint');
  });

  it('breakpoints set while paused take effect, and can be cleared', async () => {
    const s = debug(LOOP);
    expectStop(await s.waitForStop(), 1, 'entry');
    expect(await s.setBreakpoints([3, 5])).toEqual([3, 5]);
    expectStop(await s.continue(), 3, 'breakpoint');
    expect(await s.setBreakpoints([5])).toEqual([5]);
    expectStop(await s.continue(), 5, 'breakpoint');
    expect(s.output).toBe('');
    await s.setBreakpoints([]);
    expect(ended(await s.continue()).outcome.output).toBe('3\n');
  });

  it('a breakpoint set while the script runs stops it', async () => {
    const s = debug(`Integer i = 0;
while (true) {
  i++;
}`, { stopOnEntry: false });
    const { next } = await running(s); // the worker is executing the loop now
    expect(s.state).toBe('running');
    expect(await s.setBreakpoints([3])).toEqual([3]);
    const e = expectStop(await next, 3, 'breakpoint');
    expect(e.stack).toHaveLength(1);
  });

  it('breakpoints in a recursive function: each level with its own frames', async () => {
    const s = debug(`Integer fact(Integer n) {
  if (n <= 1) return 1;
  return n * fact(n - 1);
}
printLine(fact(4).toString());`, { stopOnEntry: false, breakpoints: [2] });
    const depths: number[] = [];
    let e = await s.waitForStop();
    let last = e;
    while (e.t === 'stopped') {
      depths.push(e.stack.length);
      last = e;
      if (e.stack.length === 5) {
        expect(e.stack.map((f) => `${f.name}:${f.line}`)).toEqual(['fact:2', 'fact:3', 'fact:3', 'fact:3', '(main):5']);
        const ns = [];
        for (let f = 0; f < 4; f++) ns.push(values((await s.getVariables(f)).locals).n);
        expect(ns).toEqual(['1', '2', '3', '4']);
        expect((await s.getStack()).map((f) => f.index)).toEqual([0, 1, 2, 3, 4]);
      }
      e = await s.continue();
    }
    expect(depths).toEqual([2, 3, 4, 5]);
    expect(last.t).toBe('stopped');
    expect(e.outcome.output).toBe('24\n');
  });

  it('breakpoints in an included script', async () => {
    const s = debug('#include "lib";\nprintLine(twice(4).toString());', {
      stopOnEntry: false,
      breakpoints: [{ file: 'lib.crm', lines: [2] }],
      includes: { lib: 'Integer twice(Integer n) {\n  return n * 2;\n}' },
    });
    const e = expectStop(await s.waitForStop(), 2, 'breakpoint');
    expect(e.file).toBe('lib.crm');
    expect(e.stack[1]).toMatchObject({ name: '(main)', file: 'test.crm', line: 2 });
    expect(ended(await s.continue()).outcome.output).toBe('8\n');
  });
});

describe('run to line, run to end, pause and stop', () => {
  it('runs to a line', async () => {
    const s = debug(CALLS);
    await s.waitForStop();
    const e = expectStop(await s.runTo(3), 3, 'runTo');
    expect(e.stack.map((f) => f.name)).toEqual(['add', '(main)']);
    expect(s.output).toBe('');
    expectStop(await s.runTo(9), 9, 'runTo');
    expect(s.output).toBe('3\n');
  });

  it('run to a line without a statement runs to the next line that has one', async () => {
    const s = debug('Integer a = 1;\n// a comment\n\nInteger b = 2;\nprintLine((a + b).toString());');
    await s.waitForStop();
    expectStop(await s.runTo(2), 4, 'runTo');
  });

  it('run to line still stops at a breakpoint on the way', async () => {
    const s = debug(CALLS, { breakpoints: [2] });
    await s.waitForStop();
    expectStop(await s.runTo(9), 2, 'breakpoint');
    expectStop(await s.runTo(9), 2, 'breakpoint');
    await s.setBreakpoints([]);
    expectStop(await s.runTo(9), 9, 'runTo');
    expect(s.output).toBe('3\n');
  });

  it('rejects a run to a line after the last statement', async () => {
    const s = debug(CALLS);
    await s.waitForStop();
    await expect(s.runTo(50)).rejects.toThrow(/no statement at or after line 50/);
    expect(s.state).toBe('paused');
  });

  it('run to end ignores breakpoints and exceptions', async () => {
    const s = debug(`Integer i = 0;
for (i = 0; i < 3; i++) printLine(i.toString());
throw "the end";`, { breakpoints: [2] });
    await s.waitForStop();
    const e = ended(await s.runToEnd());
    expect(e.outcome.output).toBe('0\n1\n2\n');
    expect(e.outcome.error?.message).toBe('GeneralException: the end');
  });

  it('stops an infinite loop promptly', async () => {
    const s = debug('Integer i = 0;\nwhile (true) { i++; }', { stopOnEntry: false });
    await running(s);
    const e = await s.stop();
    expect(e.outcome.stopped).toBe('stopped');
    expect(e.outcome.ok).toBe(false);
    expect(e.outcome.error?.message).toBe('the run was stopped');
    expect(s.state).toBe('terminated');
  });

  it('pauses a running script, then continues and stops it', async () => {
    const s = debug('Integer i = 0;\nwhile (true) {\n  i++;\n}', { stopOnEntry: false });
    const e = stopped(await s.pause());
    expect(e.reason).toBe('pause');
    expect([1, 2, 3]).toContain(e.line);
    const i1 = Number(values((await s.getVariables()).locals).i ?? 0);
    // continue and pause again until the loop has gone round (each pause may come before an i++)
    let i2 = i1;
    for (let round = 0; round < 100 && i2 <= i1; round++) {
      const resumed = new Promise((r) => s.once('continued', r));
      const next = s.continue(); // resolves at the next stop
      await resumed;
      expect(stopped(await s.pause())).toBe(stopped(await next));
      i2 = Number(values((await s.getVariables()).locals).i);
    }
    expect(i2).toBeGreaterThan(i1);
    expect((await s.stop()).outcome.stopped).toBe('stopped');
  });

  it('stops while paused, keeping the output so far', async () => {
    const s = debug('printLine("one");\nprintLine("two");', { stopOnEntry: false, breakpoints: [2] });
    await s.waitForStop();
    expect(s.output).toBe('one\n');
    const e = await s.stop();
    expect(e.outcome.output).toBe('one\n');
    expect(e.outcome.stopped).toBe('stopped');
    await expect(s.continue()).rejects.toThrow(/the run has ended/);
  });

  it('stop is not caught by a script try/catch', async () => {
    const s = debug('try {\n  while (true) { }\n} catch { printLine("caught"); }\nprintLine("after");', { stopOnEntry: false });
    await running(s);
    const e = await s.stop();
    expect(e.outcome.output).toBe('');
  });

  it('inspection while running is refused with a clear message', async () => {
    const s = debug('while (true) { }', { stopOnEntry: false });
    await expect(s.getVariables()).rejects.toThrow(/running; pause it first/);
  });

  it('counts only running time against the time limit', async () => {
    const s = debug('Integer i = 0;\nwhile (true) { i++; }', { timeoutMs: 300 });
    await s.waitForStop();
    // the session's clock and its timer are fake from here; the worker runs for real
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] });
    try {
      vi.advanceTimersByTime(400); // paused longer than the limit
      expect(s.state).toBe('paused');
      const continued = s.continue();
      vi.advanceTimersByTime(250); // running, within the limit
      expect(s.state).toBe('running');
      vi.advanceTimersByTime(100); // past the limit
      const e = ended(await continued);
      expect(e.outcome.stopped).toBe('timeout');
      expect(e.outcome.error?.message).toMatch(/longer than the time limit/);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('exceptions', () => {
  const SRC = `Void inner(Integer d) {
  Integer z = d;
  Integer q = 5 / z;
}
try {
  inner(0);
} catch {
  printLine("caught: " + error);
}
inner(0);
printLine("not reached");`;

  it('pauses on an uncaught exception where it happened; caught ones do not pause', async () => {
    const s = debug(SRC, { stopOnEntry: false });
    const e = expectStop(await s.waitForStop(), 3, 'exception');
    expect(e.error).toBe('division by zero');
    expect(e.stack.map((f) => `${f.name}:${f.line}`)).toEqual(['inner:3', '(main):10']);
    expect(s.output).toBe('caught: division by zero\n');
    expect(values((await s.getVariables()).locals)).toMatchObject({ d: '0', z: '0' });
    const end = ended(await s.continue());
    expect(end.outcome.ok).toBe(false);
    expect(end.outcome.error).toMatchObject({ message: 'division by zero', line: 3 });
    expect(end.outcome.output).toBe('caught: division by zero\n');
  });

  it('an exception caught by a try in a caller does not pause', async () => {
    const s = debug(`Void boom() { throw "x"; }
Void middle() { boom(); }
try { middle(); } catch { printLine("ok " + error); }`, { stopOnEntry: false });
    const e = ended(await s.waitForStop());
    expect(e.outcome.output).toBe('ok GeneralException: x\n');
    expect(e.outcome.ok).toBe(true);
  });

  it('a throw in a catch block that nothing catches pauses', async () => {
    const s = debug('try { throw "a"; } catch {\n  throw "again: " + error;\n}', { stopOnEntry: false });
    const e = expectStop(await s.waitForStop(), 2, 'exception');
    expect(e.error).toBe('GeneralException: again: GeneralException: a');
    expect(ended(await s.stepOver()).outcome.error?.message).toBe('GeneralException: again: GeneralException: a');
  });

  it('runaway recursion ends the run with the recursion error without pausing', async () => {
    const s = debug('Integer f(Integer n) { return f(n + 1); }\nf(0);', { stopOnEntry: false });
    const e = ended(await s.waitForStop());
    expect(e.outcome.error?.message).toMatch(/recursion too deep/);
  });

  it('exitWithMessage ends the run normally', async () => {
    const s = debug('printLine("a");\nexitWithMessage("bye");\nprintLine("b");', { stopOnEntry: false });
    const e = ended(await s.waitForStop());
    expect(e.outcome.error).toBeNull();
    expect(e.outcome.exitMessage).toBe('bye');
    expect(e.outcome.output).toBe('a\nbye\n');
  });
});

describe('debugWait', () => {
  it('pauses the run with the given text', async () => {
    const s = debug('printLine("a");\ndebugWait("checkpoint");\nprintLine("b");', { stopOnEntry: false });
    const e = expectStop(await s.waitForStop(), 2, 'debugWait');
    expect(e.info).toBe('checkpoint');
    expect(s.output).toBe('a\n');
    expect(ended(await s.continue()).outcome.output).toBe('a\nb\n');
  });
});

describe('events and the protocol entry point', () => {
  it('emits stopped, continued, output and terminated, and serves DebugRequests', async () => {
    const s = debug('printLine("x");\nInteger a = 2;\nprintLine("y");');
    const events: string[] = [];
    s.on('event', (e: { t: string }) => events.push(e.t));
    await s.waitForStop();
    const st = stopped((await s.request({ cmd: 'stepOver' })) as never);
    expect(st.line).toBe(2);
    expect(await s.request({ cmd: 'setBreakpoints', lines: [3] })).toEqual([3]);
    expect(stopped((await s.request({ cmd: 'continue' })) as never).line).toBe(3);
    expect(await s.request({ cmd: 'evaluate', expression: 'a * 21', frame: 0 })).toMatchObject({ ok: true, value: { value: '42' } });
    ended((await s.request({ cmd: 'continue' })) as never);
    expect(events).toEqual(['stopped', 'continued', 'output', 'stopped', 'continued', 'stopped', 'continued', 'output', 'terminated']);
    const outcome = await s.result;
    expect(outcome.output).toBe('x\ny\n');
  });
});
