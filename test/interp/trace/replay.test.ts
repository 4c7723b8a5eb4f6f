// Recording in this thread and replaying: variables at any step, output so far, the exception,
// and the depth-aware moves of the trace viewer.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { completePart, openTrace, SNAPSHOT_EVERY, TraceRecording } from '../../../src/interp/trace/reader.js';
import { cleanupTempDirs, find, globals, locals, record, stepsAtLine } from '../../tracing/helpers.js';

afterEach(cleanupTempDirs);

const FACT = `Integer fact(Integer n) {
  if (n <= 1) return 1;
  Integer r = n * fact(n - 1);
  return r;
}
Integer total = 0;
for (Integer i = 1; i <= 3; i++) {
  total += fact(i);
  printLine(total.toString());
}
printLine("done");`;

/** The last step at `line` whose innermost frame has n = `n` (in the loop's last round, i = 3). */
function stepWhere(rec: TraceRecording, line: number, n: string): number {
  const s = stepsAtLine(rec, line).reverse().find((x) => locals(rec.at(x)).n === n);
  if (s === undefined) throw new Error(`no step at line ${line} with n = ${n}`);
  return s;
}

/** Where a recording's second chunk starts, and how many steps its first chunk holds (its descriptor line says). */
function chunks(bytes: Buffer): { second: number; firstSteps: number } {
  const first = bytes.indexOf('{"t":"c"');
  const second = bytes.indexOf('{"t":"c"', first + 10);
  const firstSteps = (JSON.parse(bytes.subarray(first, bytes.indexOf('\n', first)).toString()) as { n: number }).n;
  return { second, firstSteps };
}

describe('a recording of recursion and a loop', () => {
  const { rec, output } = record(FACT);

  it('holds every statement with its depth, the call stack and every frame’s variables', () => {
    expect(output).toBe('1\n3\n9\ndone\n');
    expect(rec.outcome).toBe('ok');
    expect(rec.exception).toBeNull();
    const s = stepWhere(rec, 2, '1'); // the innermost call of fact(3)
    const v = rec.at(s);
    expect(v).toMatchObject({ line: 2, col: 15, depth: 4 }); // the `return 1` of the if
    expect(v.stack.map((f) => `${f.name}:${f.line}`)).toEqual(['fact:2', 'fact:3', 'fact:3', '(main):8']);
    expect(v.frames.map((f) => locals(rec.at(s), v.frames.indexOf(f)).n ?? null)).toEqual(['1', '2', '3', null]);
    expect(locals(v, 3)).toEqual({ total: '3', i: '3' });
    expect(v.output).toBe('1\n3\n');
  });

  it('shows a local only once it is declared, with the value it had at that step', () => {
    const s = stepWhere(rec, 4, '3');
    expect(locals(rec.at(s))).toEqual({ n: '3', r: '6' });
    const before = stepWhere(rec, 3, '3');
    expect(locals(rec.at(before))).toEqual({ n: '3' });
  });

  it('step in goes to the next recorded step, into calls', () => {
    const s = stepWhere(rec, 3, '3');
    const next = rec.stepIn(s);
    expect(next).toBe(s + 1);
    expect(rec.at(next)).toMatchObject({ line: 2, depth: 3 });
    expect(locals(rec.at(next)).n).toBe('2');
  });

  it('step next stays at the same depth or higher, skipping the calls a statement makes', () => {
    const s = stepWhere(rec, 3, '3');
    const next = rec.stepNext(s);
    expect(rec.at(next)).toMatchObject({ line: 4, depth: 2 });
    expect(locals(rec.at(next))).toEqual({ n: '3', r: '6' });
  });

  it('step out leaves the current function', () => {
    const s = stepWhere(rec, 2, '2');
    const out = rec.stepOut(s);
    expect(rec.at(out)).toMatchObject({ line: 4, depth: 2 });
    expect(locals(rec.at(out)).n).toBe('3');
    // out of the outermost call: back in the loop body
    const top = stepWhere(rec, 4, '3');
    expect(rec.at(rec.stepOut(top))).toMatchObject({ line: 9, depth: 1 });
  });

  it('step back goes to the previous statement at the same depth or higher; prev to the step before', () => {
    const s = stepWhere(rec, 4, '3');
    expect(rec.at(rec.stepBack(s))).toMatchObject({ line: 3, depth: 2 });
    expect(locals(rec.at(rec.stepBack(s))).n).toBe('3');
    const p = rec.at(rec.prev(s));
    expect(p).toMatchObject({ line: 4, depth: 3 });
    expect(locals(p).n).toBe('2');
  });

  it('step out of scope leaves the loop to the statement after it', () => {
    const body = stepsAtLine(rec, 8)[0];
    const after = rec.stepOutOfScope(body);
    expect(rec.at(after)).toMatchObject({ line: 11, depth: 1 });
    expect(locals(rec.at(after))).toEqual({ total: '9' });
  });

  it('first, last and the moves at the ends stay inside the recording', () => {
    expect(rec.first()).toBe(0);
    expect(rec.at(rec.last())).toMatchObject({ line: 11 });
    expect(rec.prev(0)).toBe(0);
    expect(rec.stepIn(rec.last())).toBe(rec.last());
    expect(rec.stepNext(rec.last())).toBe(rec.last());
    expect(rec.at(10_000).step).toBe(rec.last());
    expect(rec.exceptionStep()).toBeNull();
  });
});

describe('blocks and loops', () => {
  it('step out of scope leaves an if-block inside a loop to the next statement of the loop body', () => {
    const { rec } = record(`Integer odd = 0;
for (Integer i = 0; i < 4; i++) {
  if (i % 2 == 1) {
    odd++;
    printLine("odd");
  }
  printLine(i.toString());
}
printLine("end");`);
    const inIf = stepsAtLine(rec, 4)[0];
    const out = rec.stepOutOfScope(inIf);
    expect(rec.at(out)).toMatchObject({ line: 7 });
    expect(locals(rec.at(out))).toEqual({ odd: '1', i: '1' });
    // from the loop body (not in the if): after the loop
    expect(rec.at(rec.stepOutOfScope(stepsAtLine(rec, 7)[0]))).toMatchObject({ line: 9 });
  });

  it('records the foreach variable on every round, also when the body assigns nothing', () => {
    const { rec } = record(`String[] names;
names.pushBack("ann");
names.pushBack("bob");
foreach (String nm in names) {
  printLine(nm);
}`);
    expect(stepsAtLine(rec, 5).map((s) => locals(rec.at(s)).nm)).toEqual(['"ann"', '"bob"']);
    expect(rec.at(rec.stepOutOfScope(stepsAtLine(rec, 5)[0])).step).toBe(rec.last());
  });

  it('records a while loop counter and the value after the loop', () => {
    const { rec } = record(`Integer k = 3;
while (k > 0) {
  k--;
}
printLine(k.toString());`);
    expect(stepsAtLine(rec, 3).map((s) => locals(rec.at(s)).k)).toEqual(['3', '2', '1']);
    const whileLine = stepsAtLine(rec, 2);
    expect(whileLine).toHaveLength(4);
    expect(locals(rec.at(stepsAtLine(rec, 5)[0])).k).toBe('0');
    expect(rec.at(rec.stepOutOfScope(stepsAtLine(rec, 3)[0]))).toMatchObject({ line: 5 });
  });
});

describe('exceptions', () => {
  const SRC = `Integer calls = 0;
Void dive(Integer k) {
  calls++;
  if (k == 0) throw "bottom reached";
  dive(k - 1);
}
printLine("start");
dive(2);
printLine("never");`;

  it('ends at the statement that raised the unhandled exception, with the stack of that moment', () => {
    const { rec, result } = record(SRC);
    expect(result.error?.message).toBe('GeneralException: bottom reached');
    expect(rec.outcome).toBe('failed');
    const x = rec.exceptionStep()!;
    expect(x).toBe(rec.last());
    expect(rec.exception).toMatchObject({ message: 'GeneralException: bottom reached', line: 4, step: x });
    const v = rec.at(x);
    expect(v.exception?.message).toBe('GeneralException: bottom reached');
    expect(v.stack.map((f) => f.name)).toEqual(['dive', 'dive', 'dive', '(main)']);
    expect(v.frames.slice(0, 3).map((f, i) => locals(v, i).k)).toEqual(['0', '1', '2']);
    // the global assigned inside the function is up to date in every frame
    expect(globals(v, 0)).toEqual({ calls: '3' });
    expect(locals(v, 3)).toEqual({ calls: '3' });
    expect(v.output).toBe('start\n');
    expect(rec.at(0).exception).toBeNull();
  });

  it('shows the error variables of a catch block', () => {
    const { rec } = record(`String msg = "";
try {
  Integer[] a;
  a[5] = 1;
} catch {
  msg = "caught";
}
printLine(msg);`);
    expect(rec.outcome).toBe('ok');
    const inCatch = rec.at(stepsAtLine(rec, 6)[0]);
    expect(locals(inCatch).error).toMatch(/index 5 is out of range/);
    expect(locals(rec.at(stepsAtLine(rec, 8)[0])).msg).toBe('"caught"');
  });
});

describe('globals, objects and values', () => {
  it('shows globals a function assigns, also when that is its last statement', () => {
    const { rec } = record(`Integer count = 0;
Void bump() {
  count = count + 1;
  printLine("in bump");
}
Void setTo(Integer v) { count = v; }
bump();
bump();
setTo(40);
printLine(count.toString());`);
    expect(globals(rec.at(stepsAtLine(rec, 4)[0]))).toEqual({ count: '1' });
    expect(locals(rec.at(stepsAtLine(rec, 8)[0]))).toEqual({ count: '1' });
    expect(locals(rec.at(stepsAtLine(rec, 10)[0]))).toEqual({ count: '40' });
  });

  it('follows changes of arrays, structs, Maps and Vectors, seen through every variable that holds them', () => {
    const { rec } = record(`struct Item { String name; Integer[] sizes; };
Item it;
it.name = "box";
it.sizes.pushBack(3);
it.sizes.pushBack(4);
Item[] items;
items.pushBack(it);
items[0].name = "crate";
Integer[] a;
a.pushBack(1);
a.pushBack(2);
a.insert(0, 9);
Integer[] b = a;
b[1] = 7;
a.popBack();
Map m;
m.insert("x", "1");
m.insert("y", "2");
m.remove("x");
Vector v;
v.parseString("p,q", ",");
v.pushBack("r");
v.set(0, "z");
printLine(v.get(1));
printLine("end");`);
    const end = rec.at(rec.last());
    const vars = end.frames[0].locals;
    expect(locals(end)).toMatchObject({
      a: '[9, 7]',
      b: '[9, 7]',
      m: 'Map (1) {"y": "2"}',
      v: 'Vector (3) ["z", "q", "r"]',
    });
    const itVar = find(vars, 'it');
    expect(itVar.value).toBe('Item {name: "crate", sizes: [2]}');
    expect(end.children(itVar.ref).map((c) => `${c.name}=${c.value}`)).toEqual(['name="crate"', 'sizes=[3, 4]']);
    const items = find(vars, 'items');
    const first = end.children(items.ref)[0];
    expect(first.value).toBe('Item {name: "crate", sizes: [2]}');
    // earlier steps still show the values of their time
    expect(locals(rec.at(stepsAtLine(rec, 8)[0])).it).toBe('Item {name: "box", sizes: [2]}');
    expect(locals(rec.at(stepsAtLine(rec, 13)[0])).a).toBe('[9, 1, 2]');
    expect(locals(rec.at(stepsAtLine(rec, 19)[0])).m).toBe('Map (2) {"x": "1", "y": "2"}');
    expect(locals(rec.at(stepsAtLine(rec, 23)[0])).v).toBe('Vector (3) ["p", "q", "r"]');
  });

  it('follows the elements an array reads from JSON', () => {
    const { rec } = record(`String[] s;
s.pushBack("a");
s.fromJsonString('["b", "c"]');
printLine(s.length().toString());
printLine("end");`);
    expect(locals(rec.at(stepsAtLine(rec, 3)[0])).s).toBe('["a"]');
    expect(locals(rec.at(rec.last())).s).toBe('["a", "b", "c"]');
  });

  it('shows strings, floats, booleans, null Integers and long strings', () => {
    const { rec } = record(`Integer n;
Float f = 2.5;
Bool ok = true;
String s = "line\\nbreak";
String big = "";
for (Integer i = 0; i < 600; i++) big += "0123456789";
printLine("x");`);
    const v = locals(rec.at(rec.last()));
    expect(v).toMatchObject({ n: '0', f: '2.5', ok: 'true', s: '"line\\nbreak"' });
    expect(v.big).toMatch(/^"0123456789.*… \(6000 characters\)$/);
  });
});

describe('the recording file', () => {
  it('spreads long runs over chunks and snapshots; any order of visits shows the same state', () => {
    const { rec, path } = record(`Integer[] hist;
Map seen;
String last = "";
for (Integer i = 0; i < 40000; i++) {
  last = "v" + i.toString();
  if (i % 1000 == 0) { hist.pushBack(i); seen.insert(last, i.toString()); }
}
printLine(last);`);
    expect(rec.steps).toBeGreaterThan(65536); // two chunks
    expect(rec.steps).toBeGreaterThan(4 * SNAPSHOT_EVERY);
    const probes = [rec.last(), 5, 70_000, SNAPSHOT_EVERY * 3 + 1, 100_001, 200, rec.last() - 1];
    const seenA = probes.map((s) => JSON.stringify(rec.at(s).frames));
    const fresh = openTrace(path);
    const seenB = [...probes].reverse().map((s) => JSON.stringify(fresh.at(s).frames)).reverse();
    expect(seenA).toEqual(seenB);
    const end = locals(rec.at(rec.last()));
    expect(end.last).toBe('"v39999"');
    expect(end.hist).toMatch(/^\[0, 1000, 2000, .*, …\]$/);
    expect(find(rec.at(rec.last()).frames[0].locals, 'hist').count).toBe(40);
    expect(find(rec.at(rec.last()).frames[0].locals, 'seen').count).toBe(40);
  });

  it('keeps the complete chunks of a run that was killed while recording', () => {
    const { rec, path } = record(`Integer x = 0;
for (Integer i = 0; i < 50000; i++) { x = i; }
printLine(x.toString());`);
    const bytes = readFileSync(path);
    // cut inside the second chunk: what a killed worker leaves behind
    const { second, firstSteps } = chunks(bytes);
    writeFileSync(path, bytes.subarray(0, second + 200));
    const torn = openTrace(path);
    expect(torn.steps).toBe(firstSteps);
    expect(torn.outcome).toBe('unknown');
    expect(locals(torn.at(torn.last())).x).toBe(locals(rec.at(torn.last())).x);
  });

  it('finds the complete part of a torn recording, so an end record can follow it', () => {
    const { rec, path } = record(`Integer x = 0;
for (Integer i = 0; i < 50000; i++) { x = i; }
printLine(x.toString());`);
    const bytes = readFileSync(path);
    expect(completePart(bytes)).toEqual({ steps: rec.steps, bytes: bytes.length });
    const { second, firstSteps } = chunks(bytes);
    // torn inside the second chunk's columns, or inside its descriptor line
    expect(completePart(bytes.subarray(0, second + 300))).toEqual({ steps: firstSteps, bytes: second });
    expect(completePart(bytes.subarray(0, second + 5))).toEqual({ steps: firstSteps, bytes: second });
  });

  it('stops recording at the step limit while the run goes on', () => {
    const { rec, result, output } = record(`Integer x = 0;
for (Integer i = 0; i < 100; i++) { x = i; }
printLine(x.toString());
throw "late";`, { maxSteps: 50 });
    expect(output).toBe('99\n');
    // it says where it stopped: the 51st statement, in the loop on line 2
    expect(result.trace).toEqual({ steps: 50, truncated: true, cutAt: { step: 50, file: expect.any(String), line: 2, col: expect.any(Number) } });
    expect(rec.steps).toBe(50);
    expect(rec.truncated).toBe(true);
    expect(rec.cutAt).toEqual(result.trace.cutAt);
    expect(rec.exception?.message).toBe('GeneralException: late');
    expect(rec.exceptionStep()).toBeNull();
  });

  it('reports a file that is not a recording in a sentence', () => {
    const { path } = record('printLine("x");');
    writeFileSync(path, 'hello\n');
    expect(() => openTrace(path)).toThrow(/is not a crmscript-tui trace recording/);
    expect(() => openTrace(path + '.missing')).toThrow(/does not exist \(it may have been purged\)/);
  });
});
