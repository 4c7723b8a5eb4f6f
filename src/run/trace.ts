// Starting a run of a stored script or macro with tracing: recorded when an enabled trace
// applies to it (the trace rules and the recording files are tracing/record.ts).
import type { Store } from '../store/store.js';
import type { TraceConfig } from '../store/schema.js';
import type { CompiledProgram } from '../interp/compiler.js';
import type { IsolatedRun, RunOutcome } from '../interp/isolation/isolate.js';
import type { TraceRunOptions } from '../interp/trace/execute.js';
import { applicableTraces, beginRecording, countExecution, finishRecording, type HookedProgram, type Recording, type TraceRequestInfo, type TraceTarget } from '../tracing/record.js';
import { errorMessage } from '../interp/util/error-message.js';
import { recordableByInputs } from '../interp/trace/inputs.js';
import { MAX_TRACE_STEPS } from '../interp/trace/chunk-buffer.js';

export interface TraceLaunch {
  /** The program as usually compiled (fast). */
  fast: CompiledProgram;
  /**
   * Compiles the program for recording: in 'traced' mode, or in 'recorded' mode when it can be
   * recorded by its inputs (src/interp/trace/inputs.ts); null when that fails (the run then goes untraced).
   */
  hooked(mode: 'traced' | 'recorded'): HookedProgram | null;
  /** Starts the run (runIsolated with the caller's options), with the trace option when recorded. */
  launch(compiled: CompiledProgram, trace?: TraceRunOptions): IsolatedRun;
}

/**
 * Starts a run of a stored script or macro, recorded when an enabled trace applies to it. With no
 * applicable trace (the common case) this is just `launch(fast)`, decided without touching the
 * lock. Otherwise the execution is counted first; a recorded run's result settles once the
 * recording is saved, so a command that exits right after the run never loses it.
 */
export function traceOrRun(store: Store, target: TraceTarget, req: TraceRequestInfo, p: TraceLaunch): IsolatedRun {
  let configs: TraceConfig[];
  try {
    configs = applicableTraces(store.read(), target.kind, target.id, req.user ?? '');
  } catch {
    configs = [];
  }
  if (configs.length === 0) return p.launch(p.fast);
  let stopped = false;
  let inner: IsolatedRun | null = null;
  const start = (compiled: CompiledProgram, trace?: TraceRunOptions): IsolatedRun => {
    inner = p.launch(compiled, trace);
    if (stopped) inner.stop();
    return inner;
  };
  const log = (s: string): void => req.onLog?.(s);
  const result = (async (): Promise<RunOutcome> => {
    let chosen: TraceConfig | null = null;
    try {
      chosen = await countExecution(store, target.kind, target.id, req.user ?? '');
    } catch (e) {
      log(`Tracing was skipped for this run: ${errorMessage(e)}`);
    }
    let hooked: HookedProgram | null = null;
    try {
      // a program whose built-ins are all deterministic or simple inputs is recorded by its inputs:
      // it runs as fast code, and its steps are made when the recording is first opened
      hooked = chosen && !stopped ? p.hooked(recordableByInputs(p.fast.natives) ? 'recorded' : 'traced') : null;
    } catch (e) {
      log(`Tracing was skipped for this run: the program could not be prepared for recording (${errorMessage(e)}).`);
    }
    if (!chosen || !hooked) return start(p.fast).result;
    let rec: Recording;
    try {
      rec = beginRecording(store, chosen, target, req, hooked);
    } catch (e) {
      log(`Tracing was skipped for this run: the recording could not be created (${errorMessage(e)}).`);
      return start(p.fast).result;
    }
    const r = await start(hooked.compiled, rec.inputs ? { path: rec.path, inputs: rec.inputs.sab } : { path: rec.path }).result;
    /** A line in the run's log, as it goes and in the outcome. */
    const note = (text: string): void => {
      log(text);
      r.log += text + '\n';
    };
    // a recording cut at its step limit says so in the run's log, with where it stopped
    const cut = r.trace?.cutAt;
    if (cut) note(`The trace recording stopped at its limit of ${cut.step.toLocaleString('en-US')} steps, at ${cut.file}:${cut.line}:${cut.col}; the run went on unrecorded.`);
    // a run recorded by its inputs is whole in its recording; what a replay shows is held to the
    // step limit, which every function entry and loop round (a tick) takes at least one step towards
    const ticks = rec.inputs?.ticks[0] ?? 0;
    if (ticks >= MAX_TRACE_STEPS) note(`The run went on for ${ticks.toLocaleString('en-US')} function calls and loop rounds: opening its recording replays its first ${MAX_TRACE_STEPS.toLocaleString('en-US')} steps (the replay says where it stopped).`);
    try {
      const saved = await finishRecording(store, rec, target, r);
      for (const x of saved.problems) log(x);
    } catch (e) {
      log(`The trace recording could not be saved: ${errorMessage(e)}`);
    }
    return r;
  })();
  return {
    result,
    stop() {
      stopped = true;
      inner?.stop();
    },
  };
}
