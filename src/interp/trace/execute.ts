// Runs a hooked program in this thread with the trace recorder as its hooks, appending the
// recording's chunks to a file whose header the caller wrote (see ../../trace/record.ts). Used by
// the worker for traced runs, and directly by tests and the benchmark.
import { appendFileSync, closeSync, openSync, writeFileSync, writeSync, writevSync } from 'node:fs';
import type { CompiledProgram } from '../compiler.js';
import { errorAt, resolveNative, type ExecResult } from '../execute.js';
import { helpersFor, GEN_URL, type Helpers } from '../runtime/helpers.js';
import { setRunContext, type RunContext } from '../runtime/context.js';
import type { NativeFn } from '../stdlib/registry.js';
import { createRecorder, type Recorder, type TraceSummary } from './recorder.js';
import { TRACE_FORMAT, TRACE_VERSION, type TraceEnd, type TraceHeader } from './format.js';
import { isInputNative, ReplayEnd, ReplayFeed, replayingNative } from './inputs.js';

export interface TraceRunOptions {
  /** The recording file; chunks are appended to it. */
  path: string;
  /** Stop recording after this many steps (the run goes on). */
  maxSteps?: number;
  /** Shared with the thread that may stop the run, which sets [0] first (see BufferOptions.control). */
  control?: Int32Array;
  /**
   * Record by inputs (inputs.ts): the program is compiled in 'recorded' mode and runs untraced,
   * logging into this shared memory (InputLog.sab); nothing is written to `path` by the run.
   */
  inputs?: SharedArrayBuffer;
  /** Replay a run recorded by its inputs (the program compiled in 'replay' mode): its logged answers, and the ticks it reached when it was ended from outside. */
  replay?: { answers: string[]; ticks: number | null };
}

export type TracedResult = ExecResult & { trace: TraceSummary };

/** A traced program made ready to run in this thread: its function, helpers and natives. */
interface Built {
  factory: (h: Helpers, n: NativeFn[], s: Map<string, unknown>) => void;
  h: Helpers & { $r?: unknown };
  natives: NativeFn[];
}

/**
 * Programs built here, kept for their next recordings (a pooled worker keeps the programs it was
 * sent, isolate.ts): the same function with the same helpers object keeps V8's type feedback and
 * optimized code from one run to the next, as an untraced run's code does (V8 caches code built
 * from the same text); a new function per run, or helpers of a new shape, starts cold. Nothing of
 * a run is kept: the recorder ($h.$r, and what the hooks and natives report to) is the run's own.
 */
const programs = new WeakMap<CompiledProgram, Built>();

/** The recorder of the run going on in this thread (the kept helpers' `caught` reports to it). */
let running: Recorder | null = null;

/** The answers of the replay going on in this thread (see inputs.ts). */
let feed: ReplayFeed = new ReplayFeed([], null);
const currentFeed = (): ReplayFeed => feed;

function built(compiled: CompiledProgram, rec: Recorder): Built {
  const known = programs.get(compiled);
  if (known) return known;
  const body = compiled.code + `\n//# sourceURL=${GEN_URL}`;
  const factory = new Function('$h', '$n', '$S', body) as Built['factory'];
  const base = helpersFor(compiled.lineMap, compiled.file);
  const caught = (e: unknown): string => {
    const r = base.caught(e);
    running?.caught();
    return r;
  };
  // a replay's input built-ins give back the recorded run's answers; its ticks count towards where it ended
  const resolve = (key: string): NativeFn => (compiled.replays && isInputNative(key) ? replayingNative(currentFeed) : resolveNative(key));
  const tick = (): void => feed.tick();
  const b: Built = { factory, h: { ...base, ...rec.helpers, caught, tick } as Built['h'], natives: rec.natives(compiled.natives, resolve) };
  programs.set(compiled, b);
  return b;
}

/**
 * Runs the program recording it. `onSaved`: a stop was asked for (opts.control) and everything
 * recorded up to it is in the file; the run goes on unrecorded until the caller ends the thread.
 */
export function executeTraced(compiled: CompiledProgram, ctx: RunContext, opts: TraceRunOptions, onSaved?: (summary: TraceSummary) => void): TracedResult {
  if (!compiled.debug) throw new Error('internal: a traced run needs a program compiled in hooked mode');
  const fd = openSync(opts.path, 'a', 0o600);
  feed = new ReplayFeed(opts.replay?.answers ?? [], opts.replay?.ticks ?? null);
  try {
    const write = (data: string | ArrayBufferView[]): void => void (typeof data === 'string' ? writeSync(fd, data) : writevSync(fd, data as NodeJS.ArrayBufferView[]));
    // a replay ends at the step limit: the steps after it would not be recorded
    const onCut = opts.replay ? (): void => { throw new ReplayEnd(); } : undefined;
    const rec = createRecorder({ compiled, write, maxSteps: opts.maxSteps, control: opts.control, onSaved, onCut });
    const outer = ctx.blockingWait;
    ctx.blockingWait = outer
      ? {
          before() {
            outer.before();
            rec.blockingWait.before();
          },
          after() {
            rec.blockingWait.after();
            outer.after();
          },
        }
      : rec.blockingWait;
    const out = ctx.out;
    ctx.out = (s: string) => {
      rec.out(s);
      out(s);
    };
    ctx.structs = rec.structs;
    setRunContext(ctx);
    const start = performance.now();
    let result: ExecResult;
    try {
      const { factory, h, natives } = built(compiled, rec);
      h.$r = rec.helpers.$r;
      running = rec;
      factory(h, natives, ctx.structs as Map<string, unknown>);
      result = { ok: true, error: null, durationMs: performance.now() - start };
    } catch (e) {
      const r = errorAt(e, compiled);
      result = { ok: !r.error, ...r, durationMs: performance.now() - start };
    }
    const trace = { ...rec.finish(), ...(ctx.traceForced ? { forced: true } : {}), ...(opts.replay ? { ticks: feed.ticked, answered: feed.used } : {}) };
    running = null;
    return { ...result, trace };
  } finally {
    closeSync(fd);
  }
}

/** Header fields a caller may set when recording in this thread (tests, the benchmark). */
export interface RecordOptions extends Partial<Omit<TraceHeader, 't' | 'format' | 'version' | 'stmts' | 'fns' | 'sources' | 'file'>> {
  maxSteps?: number;
}

/**
 * Records a whole run in this thread into `path`: header, chunks, end line. The run context is
 * the caller's (output, variables); returns the run's result.
 */
export function recordRun(compiled: CompiledProgram, sources: Map<string, string> | Record<string, string>, path: string, ctx: RunContext, opts: RecordOptions = {}): TracedResult {
  const header: TraceHeader = {
    t: 'h',
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    id: opts.id ?? 'local',
    configId: opts.configId ?? '',
    target: opts.target ?? { kind: 'script', id: '', name: compiled.file },
    file: compiled.file,
    startedAt: opts.startedAt ?? new Date().toISOString(),
    source: opts.source ?? 'cli',
    user: opts.user ?? '',
    event: opts.event ?? '',
    sources: sources instanceof Map ? Object.fromEntries(sources) : sources,
    stmts: compiled.debug!.stmts,
    fns: compiled.debug!.fns,
  };
  writeFileSync(path, JSON.stringify(header) + '\n', { mode: 0o600 });
  const r = executeTraced(compiled, ctx, { path, maxSteps: opts.maxSteps });
  const exception = r.error ? { ...r.error } : null;
  const end: TraceEnd = { t: 'e', outcome: r.error ? 'failed' : 'ok', durationMs: r.durationMs, steps: r.trace.steps, truncated: r.trace.truncated, ...(r.trace.cutAt ? { cutAt: r.trace.cutAt } : {}), exception };
  appendFileSync(path, JSON.stringify(end) + '\n');
  return r;
}
