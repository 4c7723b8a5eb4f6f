// Evaluating CRMScript expressions in a paused frame.
import { describe, expect, it } from 'vitest';
import { compileForDebug, startDebugRun } from '../../../src/interp/debugger/controller.js';
import { debug, ended, expectStop, find, values } from './helpers.js';

const SRC = `struct Point {
  Integer x = 3;
  Integer y = 4;
  Integer len2() { return x * x + y * y; }
  Void scale(Integer k) {
    x *= k;
    debugWait("in method");
  }
};
Integer calls = 0;
Integer twice(Integer n) {
  calls++;
  return n * 2;
}
Integer a = 41;
String s = "hello";
Point p;
Integer[] list;
list.pushBack(5);
Map m;
m.insert("k", "v");
debugWait("main");
p.scale(2);
Integer f(Integer depth) {
  Integer local = depth * 100;
  if (depth == 0) debugWait("deep");
  else f(depth - 1);
  return local;
}
f(2);
printLine("end " + a.toString() + " " + calls.toString());
`;

describe('evaluate', () => {
  it('evaluates arithmetic, method calls and struct fields in the current frame', async () => {
    const s = debug(SRC, { stopOnEntry: false });
    await s.waitForStop();
    expect(await s.evaluate('a + 1')).toEqual({ ok: true, value: { name: 'a + 1', type: 'Integer', value: '42', ref: 0 } });
    expect(await s.evaluate('s.toUpper()')).toMatchObject({ ok: true, value: { type: 'String', value: '"HELLO"' } });
    expect(await s.evaluate('p.y')).toMatchObject({ ok: true, value: { type: 'Integer', value: '4' } });
    expect(await s.evaluate('p.len2()')).toMatchObject({ ok: true, value: { value: '25' } });
    expect(await s.evaluate('m.get("k") + s')).toMatchObject({ ok: true, value: { value: '"vhello"' } });
    expect(await s.evaluate('list[0] * 2 > 9')).toMatchObject({ ok: true, value: { type: 'Bool', value: 'true' } });
  });

  it('returns expandable values', async () => {
    const s = debug(SRC, { stopOnEntry: false });
    await s.waitForStop();
    const r = await s.evaluate('p');
    if (!r.ok) throw new Error(r.error);
    expect(r.value).toMatchObject({ type: 'Point', value: 'Point {x: 3, y: 4}' });
    expect(values(await s.getChildren(r.value.ref))).toEqual({ x: '3', y: '4' });
  });

  it('gives clear errors for type errors, unknown names and bad syntax', async () => {
    const s = debug(SRC, { stopOnEntry: false });
    await s.waitForStop();
    expect(await s.evaluate('a + "x"')).toEqual({ ok: false, error: 'cannot add Integer and String (convert with .toString() first) (column 1)' });
    expect(await s.evaluate('nope * 2')).toEqual({ ok: false, error: "'nope' is not declared (column 1)" });
    const bad = await s.evaluate('a +');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/expected/);
    expect(await s.evaluate('a; a')).toMatchObject({ ok: false });
    expect(await s.evaluate('  ')).toEqual({ ok: false, error: 'enter an expression to evaluate' });
  });

  it('reports a runtime error of the expression and the run goes on unharmed', async () => {
    const s = debug(SRC, { stopOnEntry: false });
    await s.waitForStop();
    expect(await s.evaluate('a / 0')).toEqual({ ok: false, error: 'division by zero' });
    expect(await s.evaluate('list[7]')).toMatchObject({ ok: false, error: expect.stringMatching(/out of range/) });
    expectStop(await s.stepOver(), 23);
  });

  it('calls user functions, which see the real globals', async () => {
    const s = debug(SRC, { stopOnEntry: false });
    await s.waitForStop();
    expect(await s.evaluate('twice(a)')).toMatchObject({ ok: true, value: { value: '82' } });
    expect(await s.evaluate('calls')).toMatchObject({ ok: true, value: { value: '1' } });
    // a breakpoint inside a function called by evaluate does not pause it
    await s.setBreakpoints([12]);
    expect(await s.evaluate('twice(1) + twice(2)')).toMatchObject({ ok: true, value: { value: '6' } });
    await s.setBreakpoints([]);
    const end = ended(await s.runToEnd());
    expect(end.outcome.output).toBe('end 41 3\n');
  });

  it('evaluates Void calls', async () => {
    const s = debug(SRC, { stopOnEntry: false });
    await s.waitForStop();
    expect(await s.evaluate('printLine("from evaluate")')).toEqual({ ok: true, value: { name: 'printLine("from evaluate")', type: 'Void', value: '(no value)', ref: 0 } });
  });

  it('evaluates in a struct method with its fields and this', async () => {
    const s = debug(SRC, { stopOnEntry: false });
    await s.waitForStop();
    expectStop(await s.continue(), 7, 'debugWait');
    expect(await s.evaluate('x + k')).toMatchObject({ ok: true, value: { value: '8' } });
    expect(await s.evaluate('this.len2()')).toMatchObject({ ok: true, value: { value: '52' } });
    expect(await s.evaluate('len2() > 50')).toMatchObject({ ok: true, value: { value: 'true' } });
    // the method is declared before the global `a`
    expect(await s.evaluate('a')).toEqual({ ok: false, error: "'a' is not declared (column 1)" });
  });

  it('evaluates in any frame of the stack', async () => {
    const s = debug(SRC, { stopOnEntry: false });
    await s.waitForStop();
    await s.continue();
    const e = expectStop(await s.continue(), 26, 'debugWait');
    expect(e.stack.map((f) => f.name)).toEqual(['f', 'f', 'f', '(main)']);
    expect(await s.evaluate('depth * 10 + local')).toMatchObject({ ok: true, value: { value: '0' } });
    expect(await s.evaluate('depth * 10 + local', 2)).toMatchObject({ ok: true, value: { value: '220' } });
    // globals declared before f are visible to it
    expect(await s.evaluate('a + calls')).toMatchObject({ ok: true, value: { value: '41' } });
    expect(await s.evaluate('a', 3)).toMatchObject({ ok: true, value: { value: '41' } });
    expect(await s.evaluate('depth', 3)).toMatchObject({ ok: false, error: "'depth' is not declared (column 1)" });
    await expect(s.evaluate('a', 9)).rejects.toThrow(/there is no frame 9 \(the stack has 4 frames\)/);
    // an evaluation that recurses does not disturb stepping afterwards
    expect(await s.evaluate('f(0)')).toMatchObject({ ok: true, value: { value: '0' } });
    const after = expectStop(await s.stepOver(), 28);
    expect(after.stack).toHaveLength(4);
    expect(find((await s.getVariables()).locals, 'local').value).toBe('0');
  });

  it('needs the script source', async () => {
    const c = compileForDebug({ source: 'Integer a = 1;\nprintLine("x");', file: 'nosrc.crm' });
    const s = startDebugRun(c.compiled!, {});
    try {
      await s.waitForStop();
      expect(await s.evaluate('a')).toEqual({ ok: false, error: "evaluate is not available: the session was started without the script's source" });
    } finally {
      await s.stop();
    }
  });
});
