// Executes a compiled program in the current thread. Isolation (time and memory limits, stop)
// comes from running this inside a worker thread: see isolate.ts.
import type { CompiledProgram, SourcePos } from './compiler.js';
import { helpersFor, toCrmError, GEN_URL, type Helpers } from './runtime/helpers.js';
import { newRunContext, setRunContext, type RunContext } from './runtime/context.js';
import { CrmError } from './runtime/values.js';
import { nativeClasses, nativeGlobals, nativeTable } from './stdlib/table.js';
import { catalog } from './catalog.js';
import type { NativeFn } from './stdlib/registry.js';
import { provideScriptExecutor } from './stdlib/nested-run.js';
import { nowMs } from './util/clock.js';

export interface RunError {
  message: string;
  file: string;
  line: number;
  col: number;
}

export interface ExecResult {
  ok: boolean;
  error: RunError | null;
  /** Set when the script ended itself with exitWithMessage. */
  exitMessage?: string;
  durationMs: number;
}

/** Resolves a native key from CompiledProgram.natives to its implementation. */
export function resolveNative(key: string): NativeFn {
  const [kind, a, b] = key.split(':');
  let f: NativeFn | undefined;
  if (kind === 'G') f = nativeGlobals[a];
  else {
    // NetServer classes are built from the catalog on first use (stdlib/netserver)
    const cls = nativeClasses.get(a) ?? catalog(nativeTable()).get(a)?.native;
    if (kind === 'M') f = cls?.takers?.[b] ?? cls?.updaters?.[b] ?? cls?.methods?.[b];
    else if (kind === 'C') f = cls?.ctors?.[b];
    else if (kind === 'D') f = cls?.defaultValue;
    else if (kind === 'K') f = cls?.compare;
  }
  if (!f) throw new Error(`internal: no native for ${key}`);
  return f;
}

/** Builds the program's entry function; struct classes are registered into `structs` when it runs. */
export function instantiate(compiled: CompiledProgram, structs: Map<string, unknown>, helpers?: Partial<Helpers>, resolve: (key: string) => NativeFn = resolveNative): { fn: () => void; h: Helpers } {
  const body = compiled.code + `\n//# sourceURL=${GEN_URL}`;
  const factory = new Function('$h', '$n', '$S', body) as (h: Helpers, n: NativeFn[], s: Map<string, unknown>) => void;
  const h = { ...helpersFor(compiled.lineMap, compiled.file), ...helpers } as Helpers;
  const natives = compiled.natives.map(resolve);
  return { fn: () => factory(h, natives, structs), h };
}

export function errorAt(e: unknown, compiled: CompiledProgram): { error: RunError | null; exitMessage?: string } {
  const err = toCrmError(e, compiled.lineMap, compiled.file) as (Error & { pos?: SourcePos | null });
  if (err.name === 'ExitRequest') return { error: null, exitMessage: err.message };
  const pos = err.pos;
  return {
    error: {
      message: err instanceof CrmError || err.name === 'CrmFatal' ? err.message : String(err.message),
      file: pos?.file ?? compiled.file,
      line: pos?.line ?? 0,
      col: pos?.col ?? 0,
    },
  };
}

/** Runs the program to completion in this thread with the given context (`resolve`: its natives, when not the built-ins themselves). */
export function execute(compiled: CompiledProgram, ctx: RunContext = newRunContext(), helpers?: Partial<Helpers>, resolve?: (key: string) => NativeFn): ExecResult {
  setRunContext(ctx);
  const start = nowMs();
  try {
    const { fn } = instantiate(compiled, ctx.structs as Map<string, unknown>, helpers, resolve);
    fn();
    return { ok: true, error: null, durationMs: nowMs() - start };
  } catch (e) {
    const r = errorAt(e, compiled);
    return { ok: !r.error, ...r, durationMs: nowMs() - start };
  }
}

// ScriptCall.run and executeScript (natives) run nested programs with this executor.
provideScriptExecutor({ instantiate, errorAt });
