// What the fuzz tests assert about one input: parse, check and compile it in this process; any
// problem must be a CRMScript diagnostic with a position, never a JavaScript fault.
import { compileScript, type CompileOutput } from '../../src/interp/compile-script.js';
import type { CompiledProgram } from '../../src/interp/compiler.js';

/** FUZZ_SEED=n reproduces a run. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

/** What only a JavaScript fault produces; a CRMScript diagnostic never reads like this. */
export const INTERNAL = /\binternal\b|Maximum call stack|is not a function|Cannot read propert|of undefined|of null|TypeError|ReferenceError|RangeError|\[object Object\]/;

export interface Checked {
  problem: string | null;
  compiled: CompiledProgram | null;
}

/** Parse, check and compile one input; a problem is described, null when all is well. */
export function checkInput(source: string): Checked {
  let out: CompileOutput;
  try {
    out = compileScript({ source, file: 'fuzz.crm', resolveInclude: () => null });
  } catch (e) {
    return { problem: `the engine threw: ${e instanceof Error ? e.message : String(e)}`, compiled: null };
  }
  for (const d of out.diagnostics) {
    if (!(d.line >= 1 && d.col >= 1)) return { problem: `a diagnostic without a position: ${d.message}`, compiled: null };
    if (INTERNAL.test(d.message)) return { problem: `an internal diagnostic at ${d.line}:${d.col}: ${d.message}`, compiled: null };
  }
  if (out.compiled) {
    try {
      // the generated JavaScript must at least be valid JavaScript
      new Function('$h', '$n', '$S', out.compiled.code);
    } catch (e) {
      return { problem: `the compiler produced invalid JavaScript: ${(e as Error).message}`, compiled: null };
    }
  }
  return { problem: null, compiled: out.compiled };
}

export interface Failure {
  kind: string;
  index: number;
  problem: string;
  source: string;
}

const shorten = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
export const report = (f: Failure[], max = 5) => f.slice(0, max).map((x) => `${x.kind} #${x.index} (FUZZ_SEED=${SEED}): ${x.problem}\n  ${JSON.stringify(shorten(x.source))}`).join('\n');

