// Trace recording on the product's real path: the program compiled in hooked mode runs on the
// real worker with a trace file (runIsolated's trace option, the default step limit), as a ratio
// against the same program's untraced run on the same worker pool; bytes per million recorded
// statements; and the first open of the recording in a fresh process (bench/trace-open.ts).
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileScript } from '../src/interp/compile-script.js';
import { runIsolated } from '../src/interp/isolation/isolate.js';
import { TRACE_FORMAT, TRACE_VERSION, type TraceHeader } from '../src/interp/trace/format.js';
import { median, tempHome } from './lib.js';

export interface TraceFigures {
  name: string;
  tracedMs: number;
  plainMs: number;
  ratio: number;
  steps: number;
  mbPerMillion: number;
  truncated: boolean;
  path: string;
}

export const TRACED = [
  {
    name: 'fib(25)',
    source: `Integer fib(Integer n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }
print(fib(25).toString());`,
    expect: '75025',
  },
  {
    name: 'nested loop (1,000 × 1,000)',
    source: `Integer s = 0;
for (Integer i = 0; i < 1000; i++) {
  for (Integer j = 0; j < 1000; j++) s = (s + i * j) % 1000003;
}
print(s.toString());`,
    expect: '', // filled in from the untraced run, which must agree with the traced one
  },
];

function compiled(source: string, mode: 'fast' | 'hooked') {
  const out = compileScript({ source, file: 'bench.crm', mode });
  if (!out.compiled) throw new Error(out.diagnostics.map((d) => d.message).join('; '));
  return { compiled: out.compiled, sources: out.sources };
}

export async function benchTrace(w: (typeof TRACED)[number], samples = 5): Promise<TraceFigures> {
  const dir = tempHome('trace');
  const fast = compiled(w.source, 'fast').compiled;
  const hooked = compiled(w.source, 'hooked');
  const traced: number[] = [];
  const plain: number[] = [];
  let steps = 0;
  let truncated = false;
  let path = '';
  for (let i = 0; i < samples; i++) {
    const p = await runIsolated(fast).result;
    if (!p.ok) throw new Error(`${w.name}: ${p.error?.message}`);
    path = join(dir, `${i}.trace`);
    const header: TraceHeader = {
      t: 'h',
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      id: String(i),
      configId: '',
      target: { kind: 'script', id: '', name: 'bench' },
      file: 'bench.crm',
      startedAt: new Date().toISOString(),
      source: 'bench',
      user: '',
      event: '',
      sources: Object.fromEntries(hooked.sources),
      stmts: hooked.compiled.debug!.stmts,
      fns: hooked.compiled.debug!.fns,
    };
    writeFileSync(path, JSON.stringify(header) + '\n');
    const t = await runIsolated(hooked.compiled, { trace: { path } }).result;
    if (!t.ok) throw new Error(`${w.name} traced: ${t.error?.message}`);
    if (t.output !== p.output || (w.expect && p.output !== w.expect)) throw new Error(`${w.name}: checksum ${t.output} / ${p.output}`);
    writeFileSync(path, JSON.stringify({ t: 'e', outcome: 'ok', durationMs: t.durationMs, steps: t.trace!.steps, truncated: t.trace!.truncated, exception: null }) + '\n', { flag: 'a' });
    traced.push(t.durationMs);
    plain.push(p.durationMs);
    steps = t.trace!.steps;
    truncated = t.trace!.truncated;
  }
  const tracedMs = median(traced);
  const plainMs = median(plain);
  return { name: w.name, tracedMs, plainMs, ratio: tracedMs / plainMs, steps, truncated, mbPerMillion: statSync(path).size / 1048576 / (steps / 1e6), path };
}

/** Opening a recording and showing its last step, in a fresh process each time (median). */
export function firstOpenMs(path: string, samples = 5): number {
  const script = new URL('./trace-open.js', import.meta.url).pathname;
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const r = spawnSync(process.execPath, [script, path], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    ms.push(Number(r.stdout.trim()));
  }
  return median(ms);
}
