// Variables of paused frames: scalars, arrays, Maps, structs, nesting, scopes, globals.
import { describe, expect, it } from 'vitest';
import { debug, expectStop, find, values } from './helpers.js';

const VALUES = `struct Engine {
  Integer hp = 150;
  String[] parts;
};
struct Car {
  String name = "volvo";
  Engine engine;
  Integer[] wheels;
};
Car car;
car.engine.parts.pushBack("piston");
car.engine.parts.pushBack("valve");
for (Integer w = 0; w < 4; w++) car.wheels.pushBack(w * 10);
Map m;
m.insert("b", "2");
m.insert("a", "1");
Integer n = 42;
Integer unset;
Float f = 1.5;
Bool ok = true;
String s = "say \\"hi\\"";
Generic g = 7;
String[3][2] grid;
grid[2][1] = "corner";
Vector v;
v.pushBack("x");
Integer[] big;
for (Integer i = 0; i < 1500; i++) big.pushBack(i);
Date d = Date("2024-02-29");
debugWait("look");
`;

describe('variables', () => {
  it('shows scalars with their types and display values', async () => {
    const s = debug(VALUES, { stopOnEntry: false });
    expectStop(await s.waitForStop(), VALUES.split('\n').findIndex((l) => l.startsWith('debugWait')) + 1, 'debugWait');
    const { locals, globals } = await s.getVariables(0);
    expect(globals).toEqual([]);
    expect(find(locals, 'n')).toEqual({ name: 'n', type: 'Integer', value: '42', ref: 0 });
    expect(find(locals, 'unset').value).toBe('0');
    expect(find(locals, 'f')).toMatchObject({ type: 'Float', value: '1.5' });
    expect(find(locals, 'ok')).toMatchObject({ type: 'Bool', value: 'true' });
    expect(find(locals, 's')).toMatchObject({ type: 'String', value: '"say \\"hi\\""' });
    expect(find(locals, 'g')).toMatchObject({ type: 'Generic (Integer)', value: '7' });
    expect(find(locals, 'd')).toMatchObject({ type: 'Date', value: '2024-02-29' });
    // loop variables are out of scope after their loop
    expect(locals.map((x) => x.name)).not.toContain('w');
    expect(locals.map((x) => x.name)).not.toContain('i');
  });

  it('expands structs, nested structs and their arrays', async () => {
    const s = debug(VALUES, { stopOnEntry: false });
    await s.waitForStop();
    const car = find((await s.getVariables()).locals, 'car');
    expect(car.type).toBe('Car');
    expect(car.value).toBe('Car {name: "volvo", engine: Engine {…}, wheels: [4]}');
    expect(car.ref).toBeGreaterThan(0);
    const fields = await s.getChildren(car.ref);
    expect(fields.map((x) => `${x.name}:${x.type}`)).toEqual(['name:String', 'engine:Engine', 'wheels:Integer[]']);
    expect(find(fields, 'wheels')).toMatchObject({ value: '[0, 10, 20, 30]', count: 4 });
    const engine = await s.getChildren(find(fields, 'engine').ref);
    expect(values(engine)).toEqual({ hp: '150', parts: '["piston", "valve"]' });
    const parts = await s.getChildren(find(engine, 'parts').ref);
    expect(parts).toEqual([
      { name: '[0]', type: 'String', value: '"piston"', ref: 0 },
      { name: '[1]', type: 'String', value: '"valve"', ref: 0 },
    ]);
  });

  it('expands Maps (sorted by key), 2-D arrays and Vectors', async () => {
    const s = debug(VALUES, { stopOnEntry: false });
    await s.waitForStop();
    const { locals } = await s.getVariables();
    const m = find(locals, 'm');
    expect(m).toMatchObject({ type: 'Map', value: 'Map (2) {"a": "1", "b": "2"}', count: 2 });
    expect(await s.getChildren(m.ref)).toEqual([
      { name: '"a"', type: 'String', value: '"1"', ref: 0 },
      { name: '"b"', type: 'String', value: '"2"', ref: 0 },
    ]);
    const grid = find(locals, 'grid');
    expect(grid).toMatchObject({ type: 'String[][]', count: 3 });
    const rows = await s.getChildren(grid.ref);
    expect(rows.map((r) => r.type)).toEqual(['String[]', 'String[]', 'String[]']);
    expect(values(await s.getChildren(rows[2].ref))).toEqual({ '[0]': 'null', '[1]': '"corner"' }); // never assigned: the null String
    const v = find(locals, 'v');
    expect(v.value).toBe('Vector (1) ["x"]');
    expect(values(await s.getChildren(v.ref))).toEqual({ '[0]': '"x"' });
  });

  it('lists at most 1000 children and says how many are left out', async () => {
    const s = debug(VALUES, { stopOnEntry: false });
    await s.waitForStop();
    const big = find((await s.getVariables()).locals, 'big');
    expect(big.count).toBe(1500);
    expect(big.value.startsWith('[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …]')).toBe(true);
    const kids = await s.getChildren(big.ref);
    expect(kids).toHaveLength(1001);
    expect(kids[999]).toMatchObject({ name: '[999]', value: '999' });
    expect(kids[1000]).toMatchObject({ name: '…', value: '500 more not shown' });
  });

  it('variable references expire when the run resumes', async () => {
    const s = debug(VALUES + 'printLine("end");\ndebugWait("again");\n', { stopOnEntry: false });
    await s.waitForStop();
    const car = find((await s.getVariables()).locals, 'car');
    await s.continue();
    await expect(s.getChildren(car.ref + 100)).rejects.toThrow(/no longer valid/);
  });

  it('shows the variables in scope at the current statement', async () => {
    const s = debug(`Integer a = 1;
{
  Integer inner = 2;
  debugWait("in");
}
Integer b = 3;
debugWait("out");
for (Integer k = 0; k < 1; k++) {
  String x = "loop";
  debugWait("loop");
}`, { stopOnEntry: false });
    await s.waitForStop();
    expect(values((await s.getVariables()).locals)).toEqual({ a: '1', inner: '2' });
    await s.continue();
    expect(values((await s.getVariables()).locals)).toEqual({ a: '1', b: '3' });
    await s.continue();
    expect(values((await s.getVariables()).locals)).toEqual({ a: '1', b: '3', k: '0', x: '"loop"' });
  });

  it('shows a function frame with its parameters and locals, and the globals it sees', async () => {
    const s = debug(`Integer before = 10;
String name = "global";
Integer calc(Integer name) {
  Integer doubled = name * 2;
  debugWait("in calc");
  return doubled;
}
Integer after = 5;
Integer r = calc(21);`, { stopOnEntry: false });
    const e = expectStop(await s.waitForStop(), 5, 'debugWait');
    expect(e.stack.map((f) => `${f.name}:${f.line}`)).toEqual(['calc:5', '(main):9']);
    const top = await s.getVariables(0);
    expect(values(top.locals)).toEqual({ name: '21', doubled: '42' });
    // globals declared after the function are not visible to it
    expect(values(top.globals)).toEqual({ before: '10', name: '"global"' });
    const main = await s.getVariables(1);
    expect(values(main.locals)).toEqual({ before: '10', name: '"global"', after: '5' });
    expect(main.globals).toEqual([]);
    await expect(s.getVariables(2)).rejects.toThrow(/there is no frame 2/);
  });

  it('shows `this` in a struct method', async () => {
    const s = debug(`struct Counter {
  Integer count = 3;
  Void add(Integer by) {
    count += by;
    debugWait("method");
  }
};
Counter c;
c.add(4);`, { stopOnEntry: false });
    const e = expectStop(await s.waitForStop(), 5);
    expect(e.stack[0].name).toBe('Counter.add');
    const { locals } = await s.getVariables();
    expect(locals.map((v) => v.name)).toEqual(['this', 'by']);
    expect(locals[0]).toMatchObject({ type: 'Counter', value: 'Counter {count: 7}' });
  });

  it('shows the catch block variables error and errorLocation', async () => {
    const s = debug(`try {
  throw "bad thing";
} catch {
  debugWait("handler");
}`, { stopOnEntry: false });
    await s.waitForStop();
    const v = values((await s.getVariables()).locals);
    expect(v.error).toBe('"GeneralException: bad thing"');
    expect(v.errorLocation).toMatch(/test\.crm:2/);
  });
});
