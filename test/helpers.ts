// Test helpers: compile and run CRMScript in this thread, capturing output.
import { compileScript, type IncludeResolver } from '../src/interp/compile-script.js';
import { execute } from '../src/interp/execute.js';
import { newRunContext } from '../src/interp/runtime/context.js';

export interface ScriptRun {
  output: string;
  error: string | null;
  /** `line:col` of the uncaught error. */
  at: string | null;
  diagnostics: string[];
}

export function runScript(source: string, opts: { variables?: Record<string, string>; includes?: Record<string, string> } = {}): ScriptRun {
  const resolveInclude: IncludeResolver = (name) => (opts.includes?.[name] !== undefined ? { source: opts.includes[name], file: `${name}.crm` } : null);
  const c = compileScript({ source, file: 'test.crm', resolveInclude });
  const diagnostics = c.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`);
  if (!c.compiled) return { output: '', error: null, at: null, diagnostics };
  let output = '';
  const r = execute(c.compiled, newRunContext({ out: (s) => (output += s), variables: new Map(Object.entries(opts.variables ?? {})) }));
  return { output, error: r.error?.message ?? null, at: r.error ? `${r.error.line}:${r.error.col}` : null, diagnostics };
}

/** The output of a script that must compile and run without an error; throws with what went wrong otherwise. */
export function outputOf(source: string): string {
  const r = runScript(source);
  if (r.diagnostics.length) throw new Error(`the script does not compile:\n${r.diagnostics.join('\n')}`);
  if (r.error) throw new Error(`the script failed at ${r.at}: ${r.error}`);
  return r.output;
}

/** Diagnostics of a script that must not compile. */
export function diagnose(source: string): string[] {
  return compileScript({ source, file: 'test.crm' }).diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`);
}
