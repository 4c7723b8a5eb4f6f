// Frames of the call stack keep their own variables while deeper calls come and go (the hooked
// code keeps each frame's values in an array reused per call depth).
import { describe, expect, it } from 'vitest';
import { debug, expectStop, values } from './helpers.js';

describe('frames', () => {
  it('show each call of a recursion with its own parameters and locals', async () => {
    const s = debug(`Void three(String a, String b, String c) {
  Integer z = 9;
  String all = a + b + c;
}
Integer sum(Integer k, Integer acc) {
  Integer next = acc + k;
  if (k == 0) {
    debugWait("bottom");
    return next;
  }
  return sum(k - 1, next);
}
three("x", "y", "z");
Integer r = sum(3, 0);
printLine(r.toString());`, { stopOnEntry: false });
    const e = expectStop(await s.waitForStop(), 8, 'debugWait');
    expect(e.stack.map((f) => `${f.name}:${f.line}`)).toEqual(['sum:8', 'sum:11', 'sum:11', 'sum:11', '(main):14']);
    const frames = await Promise.all([0, 1, 2, 3].map((i) => s.getVariables(i)));
    expect(frames.map((f) => values(f.locals))).toEqual([
      { k: '0', acc: '6', next: '6' },
      { k: '1', acc: '5', next: '6' },
      { k: '2', acc: '3', next: '5' },
      { k: '3', acc: '0', next: '3' },
    ]);
    expect(values((await s.getVariables(4)).locals)).toEqual({});
    await s.continue();
  });

  it('show a parameter passed after the first two, and globals a function assigned', async () => {
    const s = debug(`Integer total = 1;
Void add(Integer a, Integer b, Integer c) {
  total = total + a + b + c;
  debugWait("added");
}
add(2, 3, 4);`, { stopOnEntry: false });
    expectStop(await s.waitForStop(), 4, 'debugWait');
    const top = await s.getVariables(0);
    expect(values(top.locals)).toEqual({ a: '2', b: '3', c: '4' });
    expect(values(top.globals)).toEqual({ total: '10' });
    expect(values((await s.getVariables(1)).locals)).toEqual({ total: '10' });
  });

  // the call stack starts with room for 64 depths and grows (debugger/call-stack.ts)
  it('a recursion deeper than the stack first has room for: every frame where it is, with its own values', async () => {
    const s = debug(`Integer depth(Integer k) {
  Integer here = k * 10;
  if (k == 0) {
    debugWait("bottom");
    return here;
  }
  Integer r = depth(k - 1);
  return r + here;
}
Void noop() { }
noop();
Integer got = depth(150);
printLine(got.toString());
got = depth(2);
printLine(got.toString());`, { stopOnEntry: false });
    const e = expectStop(await s.waitForStop(), 4, 'debugWait');
    expect(e.stack).toHaveLength(152);
    expect(e.stack.map((f) => `${f.name}:${f.line}`)).toEqual(['depth:4', ...Array(150).fill('depth:7'), '(main):12']);
    expect(values((await s.getVariables(0)).locals)).toEqual({ k: '0', here: '0' });
    expect(values((await s.getVariables(100)).locals)).toEqual({ k: '100', here: '1000' });
    expect(values((await s.getVariables(150)).locals)).toEqual({ k: '150', here: '1500' });
    await s.continue();
    const again = expectStop(await s.waitForStop(), 4, 'debugWait');
    expect(again.stack.map((f) => `${f.name}:${f.line}`)).toEqual(['depth:4', 'depth:7', 'depth:7', '(main):14']);
    expect(await s.evaluate('here + k', 1)).toMatchObject({ ok: true, value: { value: '11' } });
    await s.continue();
  });

  it('evaluate sees the frame it is asked about', async () => {
    const s = debug(`Integer twice(Integer v) {
  Integer w = v * 2;
  debugWait("in");
  return w;
}
Integer outer(Integer u) {
  return twice(u + 1);
}
outer(20);`, { stopOnEntry: false });
    await s.waitForStop();
    expect(await s.evaluate('w + v', 0)).toMatchObject({ ok: true, value: { value: '63' } });
    expect(await s.evaluate('u * 10', 1)).toMatchObject({ ok: true, value: { value: '200' } });
  });
});
