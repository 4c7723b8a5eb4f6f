// A debug-instrumented run with no breakpoint hit, on the product's real path: the program compiled
// for debugging runs in a debug session (its own worker, as `debug` and the Debugger tab start
// it) with a breakpoint set on a line the run never reaches, against the same program's
// untraced run, each on a new worker; the times are the runs' own (measured in the worker).
// Debug and plain runs alternate, so load on the machine hits both; outputs must agree.
import { compileScript } from '../src/interp/compile-script.js';
import { compileForDebug, startDebugRun } from '../src/interp/debugger/controller.js';
import { newRunPool, runIsolated } from '../src/interp/isolation/isolate.js';
import { median } from './lib.js';

export interface DebugFigures {
  name: string;
  debugMs: number;
  plainMs: number;
  ratio: number;
}

/** Each workload's last line is reached only when the run is wrong (the breakpoint goes there). */
export const DEBUGGED = [
  {
    name: 'fib(30)',
    source: `Integer fib(Integer n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }
Integer r = fib(30);
print(r.toString());
if (r != 832040)
  print("wrong");`,
    expect: '832040',
  },
  {
    name: 'nested loop (1,000 × 1,000)',
    source: `Integer s = 0;
for (Integer i = 0; i < 1000; i++) {
  for (Integer j = 0; j < 1000; j++) s = (s + i * j) % 1000003;
}
print(s.toString());
if (s < 0)
  print("wrong");`,
    expect: '',
  },
];

export async function benchDebug(w: (typeof DEBUGGED)[number], samples = 5): Promise<DebugFigures> {
  const fast = compileScript({ source: w.source, file: 'bench.crm', mode: 'fast' });
  const dbg = compileForDebug({ source: w.source, file: 'bench.crm' });
  if (!fast.compiled || !dbg.compiled) throw new Error([...fast.diagnostics, ...dbg.diagnostics].map((d) => d.message).join('; '));
  const lastLine = w.source.split('\n').length;
  const debugMs: number[] = [];
  const plainMs: number[] = [];
  for (let i = 0; i < samples + 1; i++) {
    const pool = newRunPool({ max: 1 });
    const p = await runIsolated(fast.compiled, { pool }).result;
    pool.drain();
    if (!p.ok) throw new Error(`${w.name}: ${p.error?.message}`);
    const s = startDebugRun(dbg.compiled, { debugSource: dbg.debugSource, stopOnEntry: false, breakpoints: [lastLine] });
    const end = await s.waitForStop();
    if (end.t !== 'terminated') {
      await s.stop();
      throw new Error(`${w.name}: the debug run stopped at line ${end.line} (${end.reason})`);
    }
    const d = end.outcome;
    if (!d.ok) throw new Error(`${w.name} debugged: ${d.error?.message}`);
    if (d.output !== p.output || (w.expect && p.output !== w.expect)) throw new Error(`${w.name}: checksum ${d.output} / ${p.output}`);
    if (i === 0) continue; // the first pair warms the process's own code (compiler, controller)
    debugMs.push(d.durationMs);
    plainMs.push(p.durationMs);
  }
  const dm = median(debugMs);
  const pm = median(plainMs);
  return { name: w.name, debugMs: dm, plainMs: pm, ratio: dm / pm };
}
