// Trace recording on the product's real path: the program compiled in hooked mode runs on the
// real worker with a trace file (runIsolated's trace option, the default step limit), as a ratio
// against the same program's untraced run, both on the process's worker pool (as the daemon runs
// them: workers reused, after a few runs) and each on a new worker of its own (as a `run`
// command's one run);
// bytes per million recorded statements; and the first open of the recording in a fresh process
// (bench/trace-open.ts). Untraced and traced runs alternate, so load on the machine hits both. Each
// sample's recording is removed once measured (see pair()).
import { spawnSync } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileScript } from '../src/interp/compile-script.js';
import { newRunPool, runIsolated } from '../src/interp/isolation/isolate.js';
import { TRACE_FORMAT, TRACE_VERSION, type TraceHeader, type TraceInputs } from '../src/interp/trace/format.js';
import { InputLog, recordableByInputs } from '../src/interp/trace/inputs.js';
import { outputDigest, replayedPath, replayedRecording } from '../src/tracing/expand.js';
import { median, tempHome } from './lib.js';

export interface TraceFigures {
  name: string;
  /** How the product records the workload: by its inputs (both workloads here) or step by step (forced: `how`). */
  how: 'inputs' | 'steps';
  /** On the worker pool (workers reused). */
  tracedMs: number;
  plainMs: number;
  ratio: number;
  /** Each run on a new worker. */
  coldTracedMs: number;
  coldPlainMs: number;
  coldRatio: number;
  steps: number;
  mbPerMillion: number;
  truncated: boolean;
  path: string;
}

export const TRACED = [
  {
    // fib(27) as in the issue's own figure: its untraced run (3–4 ms) is long enough for a ratio
    // that is not mostly timer and scheduling noise (fib(25)'s was 1.3 ms)
    name: 'fib(27)',
    source: `Integer fib(Integer n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }
print(fib(27).toString());`,
    expect: '196418',
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

function compiled(source: string, mode: 'fast' | 'traced' | 'recorded') {
  const out = compileScript({ source, file: 'bench.crm', mode });
  if (!out.compiled) throw new Error(out.diagnostics.map((d) => d.message).join('; '));
  return { compiled: out.compiled, sources: out.sources };
}

/**
 * `how`: 'product' records the workload as the product does (run/trace.ts: by its inputs when
 * every built-in it calls allows it, as both workloads' do); 'steps' records it step by step, as
 * the product records a program that calls other built-ins (the CRM, dates, objects from outside).
 */
export async function benchTrace(w: (typeof TRACED)[number], samples = 5, how: 'product' | 'steps' = 'product'): Promise<TraceFigures> {
  const dir = tempHome('trace');
  const fast = compiled(w.source, 'fast').compiled;
  const byInputs = how === 'product' && recordableByInputs(fast.natives);
  const hooked = compiled(w.source, byInputs ? 'recorded' : 'traced');
  const traced: number[] = [];
  const plain: number[] = [];
  let steps = 0;
  let truncated = false;
  let path = '';
  const coldTraced: number[] = [];
  const coldPlain: number[] = [];
  const header = (i: number): TraceHeader => ({
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
    stmts: hooked.compiled.debug?.stmts ?? [],
    fns: hooked.compiled.debug?.fns ?? [],
    ...(byInputs ? { byInputs: true as const, includes: {} } : {}),
  });
  /** One untraced and one traced run, on `pool` (default: the process's) or each on a new worker. */
  const pair = async (i: number, fresh: boolean): Promise<{ plainMs: number; tracedMs: number }> => {
    const own = () => (fresh ? newRunPool({ max: 1 }) : undefined);
    const pp = own();
    const p = await runIsolated(fast, { pool: pp }).result;
    pp?.drain();
    if (!p.ok) throw new Error(`${w.name}: ${p.error?.message}`);
    // the previous sample's recording goes (only the last is kept, for the size and open rows): a
    // run is measured as one traced run finds the machine, not behind the writeback of the bench's
    // earlier recordings (some hundred MB; this machine's disk then slows every write, 2–4×)
    if (path) rmSync(path, { force: true });
    path = join(dir, `${i}${fresh ? 'f' : ''}.trace`);
    writeFileSync(path, JSON.stringify(header(i)) + '\n');
    const tp = own();
    // as run/trace.ts and tracing/record.ts do: the log in shared memory, written after the run
    const log = byInputs ? new InputLog() : null;
    const t = await runIsolated(hooked.compiled, { trace: log ? { path, inputs: log.sab } : { path }, pool: tp }).result;
    tp?.drain();
    if (!t.ok) throw new Error(`${w.name} traced: ${t.error?.message}`);
    if (t.output !== p.output || (w.expect && p.output !== w.expect)) throw new Error(`${w.name}: checksum ${t.output} / ${p.output}`);
    if (log) writeFileSync(path, JSON.stringify({ t: 'i', answers: log.entries(), ticks: null, reached: log.ticks[0], output: outputDigest(t.output) } satisfies TraceInputs) + '\n', { flag: 'a' });
    writeFileSync(path, JSON.stringify({ t: 'e', outcome: 'ok', durationMs: t.durationMs, steps: t.trace!.steps, truncated: t.trace!.truncated, ...(t.trace!.cutAt ? { cutAt: t.trace!.cutAt } : {}), exception: null, ...(log ? { byInputs: true as const } : {}) }) + '\n', { flag: 'a' });
    steps = t.trace!.steps;
    truncated = t.trace!.truncated;
    if (process.env.BENCH_VERBOSE) console.log(`  ${w.name} ${fresh ? "new worker" : "pooled"}: ${p.durationMs.toFixed(1)} ms untraced, ${t.durationMs.toFixed(1)} ms traced`);
    return { plainMs: p.durationMs, tracedMs: t.durationMs };
  };
  // the pool's workers have run the program (and the recorder) before, as in a daemon that runs it
  // on schedule; the first runs of a worker are the new-worker row's
  for (let i = 0; i < 3; i++) await pair(-1 - i, false);
  for (let i = 0; i < samples; i++) {
    const warm = await pair(i, false);
    traced.push(warm.tracedMs);
    plain.push(warm.plainMs);
    const cold = await pair(i, true);
    coldTraced.push(cold.tracedMs);
    coldPlain.push(cold.plainMs);
  }
  // a recording by inputs has its steps once replayed: the first open does that (firstOpenMs measures it)
  let size = statSync(path).size;
  if (byInputs) {
    const replayed = await replayedRecording(path);
    const rec = (await import('../src/interp/trace/reader.js')).openTrace(replayed.path);
    if (rec.output !== w.expect && w.expect) throw new Error(`${w.name}: the replay printed ${rec.output}`);
    if (rec.diverged) throw new Error(`${w.name}: the replay did not make the same run`);
    steps = rec.steps;
    truncated = rec.truncated;
    size = statSync(replayed.path).size;
    rmSync(replayedPath(path), { force: true });
  }
  const tracedMs = median(traced);
  const plainMs = median(plain);
  const coldTracedMs = median(coldTraced);
  const coldPlainMs = median(coldPlain);
  return { name: w.name, how: byInputs ? 'inputs' : 'steps', tracedMs, plainMs, ratio: tracedMs / plainMs, coldTracedMs, coldPlainMs, coldRatio: coldTracedMs / coldPlainMs, steps, truncated, mbPerMillion: size / 1048576 / (steps / 1e6), path };
}

/**
 * Opening a recording and showing its last step, in a fresh process each time (medians of the
 * wall time and of the CPU time the process spent on it: on a busy machine the two differ).
 */
export function firstOpenMs(path: string, samples = 5): { wallMs: number; cpuMs: number } {
  const script = new URL('./trace-open.js', import.meta.url).pathname;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < samples; i++) {
    // each sample a first open: a recording by inputs is replayed again
    rmSync(replayedPath(path), { force: true });
    const r = spawnSync(process.execPath, [script, path], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const [w, c] = r.stdout.trim().split(' ').map(Number);
    wall.push(w);
    cpu.push(c);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}
