// The tracer's own compile mode ('traced': assignments report their values as they happen) records
// what the debugger's hooked mode records by comparing frames at every statement: the same steps,
// call stacks, variables of every frame and output at every step, whatever the chunk size.
import { describe, expect, it } from 'vitest';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext } from '../../../src/interp/runtime/context.js';
import { createRecorder } from '../../../src/interp/trace/recorder.js';
import { parseTrace, type TraceRecording } from '../../../src/interp/trace/reader.js';
import { traceHeader } from './trace-header.js';

/** Records `source` compiled in `mode` with chunks of `chunkSteps` steps, in memory. */
function recording(source: string, mode: 'hooked' | 'traced', chunkSteps = 65536): TraceRecording {
  const c = compileScript({ source, file: 'test.crm', mode });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
  const compiled = c.compiled;
  const header = traceHeader(compiled, source);
  const parts: Buffer[] = [Buffer.from(JSON.stringify(header) + '\n')];
  const rec = createRecorder({
    compiled,
    chunkSteps,
    write: (data) => {
      if (typeof data === 'string') parts.push(Buffer.from(data));
      else for (const v of data) parts.push(Buffer.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)));
    },
  });
  const r = execute(compiled, newRunContext({ out: (s) => rec.out(s), structs: rec.structs }), rec.helpers as never);
  const { steps } = rec.finish();
  parts.push(Buffer.from(JSON.stringify({ t: 'e', outcome: r.error ? 'failed' : 'ok', durationMs: 0, steps, truncated: false, exception: null }) + '\n'));
  return parseTrace(Buffer.concat(parts));
}

/** Everything a step shows. */
function views(rec: TraceRecording): string[] {
  const out: string[] = [];
  for (let s = 0; s < rec.steps; s++) {
    const v = rec.at(s);
    out.push(JSON.stringify({ step: s, line: v.line, col: v.col, depth: v.depth, stack: v.stack, frames: v.frames, output: v.output }));
  }
  return out;
}

const SCRIPTS: Record<string, string> = {
  'recursion and a loop': `Integer fact(Integer n) {
  if (n <= 1) return 1;
  Integer r = n * fact(n - 1);
  return r;
}
Integer total = 0;
for (Integer i = 1; i <= 4; i++) {
  total += fact(i);
  printLine(total.toString());
}`,
  'assignments in a return, then another call at the same depth': `String name(Integer k) { String s = "n"; return s = s + k.toString(); }
Integer num(Integer k) { Integer v = k; return v = v * 3; }
String other() { String t; Integer u; t = "o"; u = 1; return t + u.toString(); }
String a = name(1);
Integer b = num(2);
String c = other();
a = name(3) + other();
printLine(a + b.toString() + c);`,
  'globals a function assigns': `Integer count = 0;
String last = "";
Void bump(String why) { count = count + 1; last = why; count = count + 1; }
bump("a");
bump("b");
for (Integer i = 0; i < 3; i++) bump(i.toString());
printLine(count.toString() + last);`,
  'foreach, catch, Floats, the null Integer and objects': `String[] names;
names.pushBack("ann"); names.pushBack("bob");
Map m;
Float f = 1.5;
Integer k;
foreach (String n in names) { m.insert(n, n); f = f + 0.5; }
try { k = 7; Integer[] e; k = e[3]; } catch { printLine("caught " + error); }
Integer q = k;
k = q - 7;
printLine(m.get("bob") + k.toString());`,
  'many returns at once and a deep recursion': `Integer[] seen;
Integer down(Integer k, String tag) {
  seen.pushBack(k);
  if (k == 0) return 0;
  Integer r;
  return r = down(k - 1, tag) + 1;
}
Integer got = down(90, "t");
printLine(got.toString());`,
  'more parameters than enter takes, and an Integer set to null and back to 0': `Integer mix(Integer a, String b, Integer c, Integer[] d) {
  Integer e = a + c;
  d.pushBack(e);
  a = 0;
  return e + d.length();
}
Integer z = 0;
Integer n;
Integer[] arr;
z = mix(1, "x", 3, arr);
z = n;
z = 0;
z = mix(z, "y", -5, arr);
printLine(z.toString() + " " + arr.length().toString());`,
  'exceptions that end calls: caught some calls up, in a loop, and one that ends the run': `Integer level = 0;
Integer boom(Integer k) {
  level = k;
  if (k == 0) { Integer[] e; return e[5]; }
  Integer r = boom(k - 1);
  return r + 1;
}
Integer tryAt(Integer k) {
  Integer got = -1;
  try { got = boom(k); } catch { got = -2 - level; }
  return got;
}
Void nothing(Integer k) { if (k > 0) { nothing(k - 1); return; } level = 9; }
Integer a = 0;
for (Integer i = 0; i < 3; i++) {
  try { a += tryAt(i) + boom(i); } catch { printLine("main caught at " + level.toString() + ": " + error); }
  nothing(i);
}
printLine(a.toString());
boom(4);
printLine("not reached");`,
  // fused steps (compile/fused-step.ts): a statement that only assigns an Integer from a quiet
  // expression, a for loop's counting update, a global assigned inside a function, the fallback
  // when a value is not a plain Integer (an Integer division by a variable is not fused)
  'statements that only assign an Integer': `Integer g = 1;
Integer bump(Integer by) { by += 2; by--; Integer local = by; local *= 3; local -= 1; g += local; g = -g; local++; return local; }
Integer s = 0;
for (Integer i = 0; i < 6; i++) {
  for (Integer j = 10; j > 7; j--) s = (s + i * j) % 1000003;
  s /= 2;
  s %= 97;
  Integer d = i + 1;
  s = s / d;
  bump(i);
}
Bool flag = s > 3;
printLine(s.toString() + " " + g.toString() + " " + flag.toString());`,
  'returns of a variable, a literal or a quiet expression': `String label(Integer n) { if (n < 0) return "negative"; String t = n.toString(); return t; }
Integer half(Integer n) { if (n < 2) return n; return n / 2 + half(n - 2); }
Void note(Integer n) { if (n > 3) return; printLine("small " + n.toString()); return; }
Generic boxed(Integer n) { return n; }
Integer total = 0;
for (Integer i = -1; i < 6; i++) { total += half(i); note(i); printLine(label(i)); }
printLine(total.toString() + " " + getTypeName(boxed(1)));`,
  // a function that runs off its end returns its type's default: the call ends there too
  'functions that run off their end': `Integer f(Integer x) {
  if (x > 0) return 1;
}
String g(Integer x) { if (x > 5) return "big"; }
Integer a = f(0);
Integer b = f(0) + f(2);
String c = g(1) + g(9);
printLine(a.toString() + b.toString() + c);`,
  // past the first chunk (written when the warm-up ends, chunk-buffer.ts: warm); the statements of
  // outer loops and of functions with loops call the hooks, those of innermost loops have them inline
  // (compile/instrument.ts: hot)
  'a longer run: loops nested in a function and in the main body': `Integer sum(Integer n) {
  Integer t = 0;
  for (Integer i = 0; i < n; i++) { for (Integer j = 0; j < 5; j++) t = (t + i * j) % 1009; t -= 1; }
  return t;
}
Integer s = 0;
for (Integer k = 0; k < 25; k++) {
  s += sum(k);
  Integer m = 0;
  while (s > 500) { s -= 499; m++; }
  if (m > 1) printLine(k.toString() + ": " + m.toString());
}
printLine(s.toString());`,
  'a DateTime move chained with a change of the same variable, field and element': `struct S { DateTime d; };
S s; s.d = DateTime(2023, 5, 17, 13, 45, 30);
DateTime[] a; a.pushBack(s.d);
DateTime x = s.d;
x.moveToDayStart().addHour(8);
s.d.moveToMonthStart().addDay(1);
Integer i = 0;
a[i].moveToYearStart().addMin(90);
printLine(x.toString() + " " + s.d.toString() + " " + a[0].toString());`,
  'Map subscripts': `Map m;
m["a"] = "1";
m["a"] += "2";
String v = m["a"] + m["none"];
for (m.first(); !m.eof(); m.next()) m[m.getKey()] = v;
printLine(m["a"]);`,
};

describe('a recording compiled for the tracer', () => {
  for (const [name, source] of Object.entries(SCRIPTS)) {
    it(`shows what the frame-comparing recording shows: ${name}`, () => {
      const hooked = recording(source, 'hooked');
      const traced = recording(source, 'traced');
      expect(traced.output).toBe(hooked.output);
      expect(traced.output).not.toBe('');
      expect(traced.steps).toBe(hooked.steps);
      expect(views(traced)).toEqual(views(hooked));
      // values assigned just before a chunk ends go with their step into the next chunk
      expect(views(recording(source, 'traced', 3))).toEqual(views(hooked));
    });
  }

  it('shows a variable assigned in a call’s arguments while the call runs (as the debugger does)', () => {
    const source = `Integer twice(Integer a) { Integer z = a * 2; return z; }
Integer x = 0;
Integer y = twice(x = 5);
y = twice(x++) + twice(x = x + 1);
printLine(x.toString() + " " + y.toString());`;
    const hooked = recording(source, 'hooked');
    const traced = recording(source, 'traced');
    expect(traced.output).toBe('7 24\n');
    expect(views(traced).filter((_, s) => traced.at(s).depth === 1)).toEqual(views(hooked).filter((_, s) => hooked.at(s).depth === 1));
    // in each call of twice, main's x already holds what the arguments assigned
    const inCalls = [];
    for (let s = 0; s < traced.steps; s++) {
      const v = traced.at(s);
      if (v.depth === 2 && v.line === 1 && v.col === 28) inCalls.push(`${v.frames[0].locals[0].value}/${v.frames[1].locals[0].value}`);
    }
    expect(inCalls).toEqual(['5/5', '5/6', '7/7']);
    expect(views(recording(source, 'traced', 3))).toEqual(views(traced));
  });
});
