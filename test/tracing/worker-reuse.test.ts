// A pooled worker records a program it was sent once again and again (trace/execute.ts keeps the
// program built, so that V8 keeps its optimized code): each recording holds its own run only,
// whatever ran on the worker before it (a longer run, a failed one, an untraced one of the same
// source), the same as the recording of that run on a worker of its own.
import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileScript } from '../../src/interp/compile-script.js';
import { newRunPool, runIsolated } from '../../src/interp/isolation/isolate.js';
import type { WorkerPool } from '../../src/interp/pool.js';
import { openTrace, type TraceRecording } from '../../src/interp/trace/reader.js';
import { traceHeader } from '../interp/trace/trace-header.js';
import { cleanupTempDirs, tempDir } from './helpers.js';

afterEach(cleanupTempDirs);

// n steps of a loop, a call chain whose exception is caught 3 calls up (n odd), and one that ends
// the run (n > 10)
const SOURCE = `Integer n = getVariable("n").toInteger();
Integer[] seen;
String tag = "run" + n.toString();
Integer deep(Integer k) {
  if (k == 0) { Integer[] e; return e[n]; }
  Integer r = deep(k - 1);
  return r + 1;
}
Integer total = 0;
for (Integer i = 0; i < n; i++) { seen.pushBack(i * n); total += i; }
if (n % 2 == 1) {
  try { total = deep(3); } catch { tag = tag + " caught"; }
}
if (n > 10) total = deep(5);
printLine(tag + " " + total.toString() + " " + seen.length().toString());`;

function compiled(mode: 'fast' | 'traced') {
  const c = compileScript({ source: SOURCE, file: 'test.crm', mode });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => d.message).join('; '));
  return c.compiled;
}

/** Everything each step shows. */
function views(rec: TraceRecording): string[] {
  const out: string[] = [];
  for (let s = 0; s < rec.steps; s++) {
    const v = rec.at(s);
    out.push(JSON.stringify({ line: v.line, col: v.col, depth: v.depth, stack: v.stack, frames: v.frames, output: v.output }));
  }
  return out;
}

const traced = compiled('traced');
const fast = compiled('fast');

/** Records a run with variable n on `pool`; returns the recording and the run's output. */
async function recordOn(pool: WorkerPool, n: number): Promise<{ rec: TraceRecording; output: string; ok: boolean }> {
  const path = join(tempDir(), `${n}.trace`);
  writeFileSync(path, JSON.stringify(traceHeader(traced, SOURCE)) + '\n');
  const r = await runIsolated(traced, { pool, trace: { path }, variables: { n: String(n) } }).result;
  const t = r.trace!;
  appendFileSync(path, JSON.stringify({ t: 'e', outcome: r.ok ? 'ok' : 'failed', durationMs: 0, steps: t.steps, truncated: t.truncated, exception: r.error }) + '\n');
  return { rec: openTrace(path), output: r.output, ok: r.ok };
}

/** The run recorded on a worker of its own. */
async function alone(n: number) {
  const pool = newRunPool({ max: 1 });
  try {
    return await recordOn(pool, n);
  } finally {
    pool.drain();
  }
}

describe('recordings made one after another on one pooled worker', () => {
  it('each hold their own run only, as on a worker of their own', async () => {
    const expected = new Map<number, Awaited<ReturnType<typeof alone>>>();
    for (const n of [3, 12, 4]) expected.set(n, await alone(n));
    expect(expected.get(3)!.output).toBe('run3 caught 3 3\n');
    expect(expected.get(4)!.output).toBe('run4 6 4\n');
    expect(expected.get(12)!.ok).toBe(false);

    const pool = newRunPool({ max: 1 });
    try {
      // a long run, a failed one (its exception unwinds 6 calls), an untraced one, shorter ones
      const order = [4, 3, 12, 3, 4, 'untraced', 4, 3] as const;
      for (const n of order) {
        if (n === 'untraced') {
          expect((await runIsolated(fast, { pool, variables: { n: '3' } }).result).output).toBe('run3 caught 3 3\n');
          continue;
        }
        const got = await recordOn(pool, n);
        const want = expected.get(n)!;
        expect(got.output).toBe(want.output);
        expect(got.rec.steps).toBe(want.rec.steps);
        expect(views(got.rec)).toEqual(views(want.rec));
      }
      // all on the one worker
      expect(pool.stats()).toMatchObject({ alive: 1, started: order.length });
    } finally {
      pool.drain();
    }
  });
});
