// A run recorded by its inputs (inputs.ts), in this thread: the program compiled in 'recorded'
// mode runs as fast code, its ticks counted into the log's shared memory and the answers of its
// input built-ins logged there.
import type { CompiledProgram } from '../compiler.js';
import { execute, resolveNative, type ExecResult } from '../execute.js';
import type { Helpers } from '../runtime/helpers.js';
import type { RunContext } from '../runtime/context.js';
import { InputLog, isInputNative, loggingNative } from './inputs.js';
import type { TraceSummary } from './chunk-buffer.js';

export function executeByInputs(compiled: CompiledProgram, ctx: RunContext, log: InputLog): ExecResult {
  if (!compiled.ticks) throw new Error("internal: a run recorded by its inputs needs a program compiled in 'recorded' mode");
  const resolve = (key: string) => (isInputNative(key) ? loggingNative(resolveNative(key), log) : resolveNative(key));
  return execute(compiled, ctx, { $E: log.ticks } as Partial<Helpers>, resolve);
}

/** executeByInputs with the summary a traced run gives (its steps are counted when it is replayed). */
export function recordByInputs(compiled: CompiledProgram, ctx: RunContext, sab: SharedArrayBuffer): ExecResult & { trace: TraceSummary } {
  const r = executeByInputs(compiled, ctx, new InputLog(sab));
  return { ...r, trace: { steps: 0, truncated: false, byInputs: true, ...(ctx.traceForced ? { forced: true } : {}) } };
}
