// The recording format's compact parts: call depths kept as changes between steps, a call's
// parameters recorded when it begins (frames reused per depth), only the locals a statement
// assigns compared, recordings cut into small chunks, and recordings made by older versions.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext } from '../../../src/interp/runtime/context.js';
import { createRecorder } from '../../../src/interp/trace/recorder.js';
import { analyzeWrites } from '../../../src/interp/trace/writes.js';
import { openTrace, parseTrace, type TraceRecording } from '../../../src/interp/trace/reader.js';
import { NEW_FRAME, OP_LOCAL, TAG_NUM, TRACE_VERSION } from '../../../src/interp/trace/format.js';
import { traceHeader as header } from './trace-header.js';
import { cleanupTempDirs, locals, record, stepsAtLine, tempDir } from '../../tracing/helpers.js';

afterEach(cleanupTempDirs);

function compiled(source: string): CompiledProgram {
  const c = compileScript({ source, file: 'test.crm', mode: 'hooked' });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
  return c.compiled;
}

/** Records `source` with chunks of `chunkSteps` steps, in memory (four-byte tokens when `wide`). */
function recordInChunks(source: string, chunkSteps: number, wide = false): TraceRecording {
  const c = compiled(source);
  const parts: Buffer[] = [Buffer.from(JSON.stringify(header(c, source, TRACE_VERSION)) + '\n')];
  const rec = createRecorder({
    compiled: c,
    chunkSteps,
    wideTokens: wide,
    write: (data) => {
      if (typeof data === 'string') parts.push(Buffer.from(data));
      // a copy: the recorder reuses its buffers for the next chunk
      else for (const v of data) parts.push(Buffer.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)));
    },
  });
  const r = execute(c, newRunContext({ out: (s) => rec.out(s) }), rec.helpers as never);
  const { steps } = rec.finish();
  parts.push(Buffer.from(JSON.stringify({ t: 'e', outcome: r.error ? 'failed' : 'ok', durationMs: 0, steps, truncated: false, exception: null }) + '\n'));
  return parseTrace(Buffer.concat(parts));
}

/** Everything a step shows, for comparing two recordings of one run. */
function views(rec: TraceRecording): string[] {
  const out: string[] = [];
  for (let s = 0; s < rec.steps; s++) {
    const v = rec.at(s);
    out.push(JSON.stringify({ line: v.line, depth: v.depth, stack: v.stack, frames: v.frames, output: v.output }));
  }
  return out;
}

const DEEP = `Integer[] seen;
Integer down(Integer k, String tag) {
  seen.pushBack(k);
  if (k == 0) return 0;
  return down(k - 1, tag) + 1;
}
Integer got = down(150, "t");
printLine(got.toString());`;

describe('call depths', () => {
  it('follow many functions returning at once', () => {
    const { rec, output } = record(DEEP);
    expect(output).toBe('150\n');
    const bottom = stepsAtLine(rec, 4).at(-1)!;
    const v = rec.at(bottom);
    expect(v.depth).toBe(152);
    expect(v.stack).toHaveLength(152);
    expect(locals(v)).toEqual({ k: '0', tag: '"t"' });
    expect(locals(v, 151)).toEqual({ seen: '[150, 149, 148, 147, 146, 145, 144, 143, 142, 141, …]' });
    // 151 calls return before the next statement
    const after = rec.stepIn(bottom);
    expect(rec.at(after)).toMatchObject({ line: 8, depth: 1 });
    expect(locals(rec.at(after))).toMatchObject({ got: '150' });
    expect(rec.at(after).stack.map((f) => f.name)).toEqual(['(main)']);
    expect(rec.stepOut(stepsAtLine(rec, 3)[5])).toBe(after);
  });

  it('follow an exception that leaves many frames at once', () => {
    const { rec } = record(`Integer down(Integer k) {
  if (k == 0) throw "deep";
  return down(k - 1);
}
String msg = "";
try {
  down(100);
} catch {
  msg = error;
}
printLine(msg);`);
    const handler = stepsAtLine(rec, 9);
    expect(handler).toHaveLength(1);
    expect(rec.at(handler[0])).toMatchObject({ depth: 1 });
    expect(rec.at(handler[0] - 1)).toMatchObject({ line: 2, depth: 102 });
    expect(locals(rec.at(stepsAtLine(rec, 11)[0]))).toMatchObject({ msg: '"GeneralException: deep"' });
  });

  it('are not disturbed by calls that run no statement', () => {
    const { rec } = record(`Void nothing() {}
Integer twice(Integer v) {
  nothing();
  return v * 2;
}
Integer r = twice(4);
nothing();
printLine(r.toString());`);
    expect([...Array(rec.steps).keys()].map((s) => `${rec.positionAt(s).line}@${rec.depthAt(s)}`)).toEqual(['6@1', '3@2', '4@2', '7@1', '8@1']);
    expect(locals(rec.at(2))).toEqual({ v: '4' });
    expect(rec.at(2).stack.map((f) => f.name)).toEqual(['twice', '(main)']);
    expect(locals(rec.at(4))).toEqual({ r: '8' });
  });
});

describe('parameters and locals of calls', () => {
  it('records parameters of every kind, also beyond those passed to enter and for methods', () => {
    const { rec } = record(`struct P {
  Integer x = 1;
  Integer get(Integer add, String tag, Float f, Bool b) {
    return x + add;
  }
};
Integer show(Integer a, Integer big, Integer unset, Float f, String s, Bool b, Integer[] arr, Generic g) {
  return a;
}
Integer[] xs;
xs.pushBack(4);
Integer nothing;
show(-5, 2147483647, nothing, 2.5, "hi", true, xs, 7);
P p;
p.get(-1073741825, "t", 0.5, false);`);
    expect(locals(rec.at(stepsAtLine(rec, 8)[0]))).toEqual({ a: '-5', big: '2147483647', unset: '0', f: '2.5', s: '"hi"', b: 'true', arr: '[4]', g: '7' });
    const inMethod = rec.at(stepsAtLine(rec, 4)[0]);
    expect(locals(inMethod)).toEqual({ this: 'P {x: 1}', add: '-1073741825', tag: '"t"', f: '0.5', b: 'false' });
    expect(inMethod.frames[0].locals.find((l) => l.name === 'g')).toBeUndefined();
  });

  it('starts a call without the locals an earlier call at the same depth left', () => {
    const { rec } = record(`Integer f(Integer a) {
  Integer b;
  Integer c = a + 1;
  b = c * 2;
  return b;
}
Integer x = f(1);
Integer y = f(10);
printLine(x.toString() + " " + y.toString());`);
    expect(stepsAtLine(rec, 3).map((s) => locals(rec.at(s)))).toEqual([
      { a: '1', b: '0' },
      { a: '10', b: '0' },
    ]);
    expect(stepsAtLine(rec, 5).map((s) => locals(rec.at(s)))).toEqual([
      { a: '1', b: '4', c: '2' },
      { a: '10', b: '22', c: '11' },
    ]);
  });

  it('shows a global a function assigns before any statement of main runs again', () => {
    const { rec } = record(`Integer n = 0;
Void bump(Integer by) { n = n + by; }
bump(2);
bump(3);
printLine(n.toString());`);
    expect(stepsAtLine(rec, 4).map((s) => locals(rec.at(s)))).toEqual([{ n: '2' }]);
    expect(locals(rec.at(stepsAtLine(rec, 5)[0]))).toEqual({ n: '5' });
  });
});

describe('locals a statement assigns', () => {
  it('are seen also where the generated code assigns them outside the statement (loop conditions, foreach)', () => {
    const { rec, output } = record(`Integer n = 0;
Integer c = 0;
for (Integer i = 0; c++ < 2; i = i + 10) {
  n = n + i;
}
Integer k = 3;
while (k-- > 0) {
  n = n + 1;
}
Integer[] a;
a.pushBack(5);
a.pushBack(6);
foreach (Integer x in a) {
  n = n + x;
}
printLine(n.toString());`);
    expect(output).toBe('24\n');
    // the condition (c++) runs after the update (i = i + 10), before the body
    expect(stepsAtLine(rec, 4).map((s) => locals(rec.at(s)))).toEqual([
      { n: '0', c: '1', i: '0' },
      { n: '0', c: '2', i: '10' },
    ]);
    expect(locals(rec.at(stepsAtLine(rec, 6)[0]))).toEqual({ n: '10', c: '3' });
    expect(stepsAtLine(rec, 8).map((s) => locals(rec.at(s)).k)).toEqual(['2', '1', '0']);
    expect(stepsAtLine(rec, 14).map((s) => locals(rec.at(s)).x)).toEqual(['5', '6']);
    expect(locals(rec.at(stepsAtLine(rec, 16)[0]))).toMatchObject({ n: '24', k: '-1' });
  });
});

describe('Integer locals (written compactly)', () => {
  it('keep every value of 32 bits, the null Integer and other types in the same variable', () => {
    const { rec } = record(`Integer x = 2147483647;
x = -2147483647 - 1;
x = -1;
x = 1073741824;
x = 0;
Integer y;
Generic g = 5;
g = "five";
g = 6;
printLine(x.toString() + y.toString());`);
    const at = (line: number): Record<string, string> => locals(rec.at(stepsAtLine(rec, line)[0]));
    expect(at(2)).toMatchObject({ x: '2147483647' });
    expect(at(3)).toMatchObject({ x: '-2147483648' });
    expect(at(4)).toMatchObject({ x: '-1' });
    expect(at(5)).toMatchObject({ x: '1073741824' });
    expect(at(6)).toMatchObject({ x: '0' });
    expect(at(7)).toMatchObject({ x: '0', y: '0' });
    expect(at(9)).toMatchObject({ g: '"five"' });
    expect(at(10)).toMatchObject({ g: '6' });
  });
});

describe('the compiled code', () => {
  it('tells which statements assign locals of their own frame and which assign globals', () => {
    const c = compiled(`Integer g = 0;
Void f(Integer p, Integer q, Integer r) {
  Integer x = p + q + r;
  g = x;
  printLine(p.toString());
}
f(1, 2, 3);`);
    const { local, global, slots } = analyzeWrites(c.code, c.debug!.stmts.length);
    const at = (line: number): number => c.debug!.stmts.findIndex((st) => st.line === line);
    expect([local[at(1)], global[at(1)]]).toEqual([1, 0]); // main's own variable
    expect([local[at(3)], global[at(3)]]).toEqual([1, 0]);
    expect([local[at(4)], global[at(4)]]).toEqual([0, 1]);
    expect([local[at(5)], global[at(5)]]).toEqual([0, 0]);
    expect([local[at(7)], global[at(7)]]).toEqual([0, 0]);
    // which locals: x is the function's fourth (after p, q, r), g the main body's first
    expect([...slots[at(3)]!]).toEqual([3]);
    expect([...slots[at(1)]!]).toEqual([0]);
  });
});

describe('chunks', () => {
  it('gives the same recording whatever the chunk size, also across many returns at once', () => {
    const whole = recordInChunks(DEEP, 65536);
    const small = recordInChunks(DEEP, 3);
    expect(small.steps).toBe(whole.steps);
    expect(views(small)).toEqual(views(whole));
    expect(small.output).toBe('150\n');
  });

  it('stops at the step limit exactly, also where calls, returns and values outnumber the steps', () => {
    const whole = record(DEEP);
    const cut = record(DEEP, { maxSteps: 100 });
    expect(cut.result.trace).toMatchObject({ steps: 100, truncated: true, cutAt: { step: 100 } });
    expect(cut.rec.steps).toBe(100);
    expect(views(cut.rec)).toEqual(views(whole.rec).slice(0, 100));
  });

  it('gives the same recording with four-byte tokens (scripts too large for two-byte ones)', () => {
    const narrow = recordInChunks(DEEP, 65536);
    const wide = recordInChunks(DEEP, 7, true);
    expect(wide.steps).toBe(narrow.steps);
    expect(views(wide)).toEqual(views(narrow));
  });
});

describe('older format versions', () => {
  it('version 1 still opens: a depth column and parameters as events', () => {
    const source = 'Integer a = 1;\nprintLine(a.toString());';
    const c = compiled(source);
    const S = Int32Array.from([0, 1]);
    const D = Int32Array.from([1 | NEW_FRAME, 1]);
    // one event: at step 1, local 0 of depth 1 (a) = 1
    const cols = [S, D, Int32Array.from([1]), Int32Array.from([1]), Int32Array.from([0]), Float64Array.from([1]), Uint8Array.from([OP_LOCAL]), Uint8Array.from([TAG_NUM])];
    const h = header(c, source, 1) as unknown as Record<string, unknown>;
    for (const f of h.fns as Record<string, unknown>[]) delete f.params; // version 1 headers had no such field
    const path = join(tempDir(), 'v1.trace');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(JSON.stringify(h) + '\n' + JSON.stringify({ t: 'c', n: 2, m: 1, strs: [] }) + '\n'),
        ...cols.map((a) => Buffer.from(a.buffer)),
        Buffer.from(JSON.stringify({ t: 'e', outcome: 'ok', durationMs: 1, steps: 2, truncated: false, exception: null }) + '\n'),
      ]),
    );
    const rec = openTrace(path);
    expect(rec.steps).toBe(2);
    expect(locals(rec.at(0))).toEqual({});
    expect(rec.at(1)).toMatchObject({ line: 2, depth: 1 });
    expect(locals(rec.at(1))).toEqual({ a: '1' });
  });

  it('version 2 still opens: Int32 step and argument columns, every local change an event', () => {
    const source = 'Integer a = 1;\nprintLine(a.toString());';
    const c = compiled(source);
    // steps: statement 0 (main begins), statement 1; one event: at step 1, local 0 of depth 1 (a) = 1
    const cols = [Int32Array.from([0 | NEW_FRAME, 1]), Int32Array.from([1]), Int32Array.from([1]), Int32Array.from([0]), Float64Array.from([1]), Uint8Array.from([OP_LOCAL]), Uint8Array.from([TAG_NUM])];
    const path = join(tempDir(), 'v2.trace');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(JSON.stringify(header(c, source, 2)) + '\n' + JSON.stringify({ t: 'c', n: 2, m: 1, strs: [] }) + '\n'),
        ...cols.map((a) => Buffer.from(a.buffer)),
        Buffer.from(JSON.stringify({ t: 'e', outcome: 'ok', durationMs: 1, steps: 2, truncated: false, exception: null }) + '\n'),
      ]),
    );
    const rec = openTrace(path);
    expect(rec.steps).toBe(2);
    expect(rec.at(0)).toMatchObject({ line: 1, depth: 1 });
    expect(locals(rec.at(0))).toEqual({});
    expect(rec.at(1)).toMatchObject({ line: 2, depth: 1 });
    expect(locals(rec.at(1))).toEqual({ a: '1' });
  });

  it('version 3 still opens: varint step, argument and compact-local streams', () => {
    const source = 'Integer a = 1;\nprintLine(a.toString());';
    const c = compiled(source);
    // S: statement 0 with a depth change (a call began), statement 1 with compact locals; L: local 0 (first) = 1
    const S = [0 * 4 + 1, 64, 1 * 4 + 2];
    const L = [0 * 4 + 1, 2];
    const path = join(tempDir(), 'v3.trace');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(JSON.stringify(header(c, source, 3)) + '\n' + JSON.stringify({ t: 'c', n: 2, m: 0, sb: S.length, lb: L.length, l: 1, strs: [] }) + '\n'),
        Buffer.from([...S, ...L]),
        Buffer.from(JSON.stringify({ t: 'e', outcome: 'ok', durationMs: 1, steps: 2, truncated: false, exception: null }) + '\n'),
      ]),
    );
    const rec = openTrace(path);
    expect(rec.steps).toBe(2);
    expect(rec.at(0)).toMatchObject({ line: 1, depth: 1 });
    expect(locals(rec.at(0))).toEqual({});
    expect(rec.at(1)).toMatchObject({ line: 2, depth: 1 });
    expect(locals(rec.at(1))).toEqual({ a: '1' });
  });

  it('refuses a recording of a newer format in a sentence', () => {
    const { path } = record('printLine("x");');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(`"version":${TRACE_VERSION}`, '"version":99'));
    expect(() => openTrace(path)).toThrow(/made by a newer crmscript-tui \(format version 99\)/);
  });
});
