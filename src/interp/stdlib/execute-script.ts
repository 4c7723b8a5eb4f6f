// executeScript(code, values): compiles CRMScript given as text and runs it nested in the current
// run (nested-run.ts): the code reads `values` (and the caller's variables) with getVariable, works
// on the same CRM transaction, and what it prints is returned instead of printed. Code that does not
// compile, or fails, is an error in the caller naming where in the given code it went wrong.
//
// The compiler (parser, checker, code generator) is not part of what a run loads: a run whose
// program names executeScript has it provided before it starts (isolation/worker-side.ts).
import type { NativeGlobals } from './registry.js';
import type { CrmMap } from './map.js';
import type { CompiledProgram } from '../compiler.js';
import { CrmError } from '../runtime/values.js';
import { runNested } from './nested-run.js';

/** The key of executeScript among a compiled program's natives. */
export const EXECUTE_SCRIPT_NATIVE = 'G:executeScript(String,Map)';

/** The file name the given code's positions are reported with. */
export const EXECUTED_FILE = 'executeScript';

export interface ExecutedCompile {
  compiled: CompiledProgram | null;
  diagnostics: Array<{ line: number; col: number; message: string; severity: 'error' | 'warning' }>;
}

export type ScriptCompiler = (source: string) => ExecutedCompile;

let compiler: ScriptCompiler | null = null;

export function provideScriptCompiler(c: ScriptCompiler): void {
  compiler = c;
}

/** Programs compiled from code given to executeScript, by their source (a loop that runs the same code compiles it once). */
const compiledBySource = new Map<string, CompiledProgram>();
const CACHE_ENTRIES = 32;

function compiledFor(source: string): CompiledProgram {
  const hit = compiledBySource.get(source);
  if (hit) return hit;
  if (!compiler) throw new CrmError('executeScript: the CRMScript compiler was not loaded for this run');
  const out = compiler(source);
  const errors = out.diagnostics.filter((d) => d.severity === 'error');
  if (!out.compiled || errors.length) {
    const first = errors[0];
    const where = first ? `${EXECUTED_FILE}:${first.line}:${first.col}: ${first.message}` : 'no program';
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
    throw new CrmError(`executeScript: the code given does not compile: ${where}${more}`);
  }
  if (compiledBySource.size >= CACHE_ENTRIES) compiledBySource.delete(compiledBySource.keys().next().value!);
  compiledBySource.set(source, out.compiled);
  return out.compiled;
}

export const executeScriptGlobals: NativeGlobals = {
  'executeScript(String,Map)': (code: string, values: CrmMap) => {
    const compiled = compiledFor(code);
    return runNested(compiled, new Map(values.data), 'executeScript', (detail) => `executeScript: the code given failed: ${detail}`).output;
  },
};
