// The one pipeline every run goes through: parse (with #include) → check → compile → execute.
import { basename } from 'node:path';
import type * as A from '../grammar/ast.js';
import { parse } from '../grammar/parse.js';
import { check } from './checker.js';
import { compile, type CompiledProgram, type CompileMode } from './compiler.js';
import { IncludeError, readIncludeFile } from './include-files.js';
import { checkerNatives } from './native-shape.js';

export interface ScriptDiagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
  severity: 'error' | 'warning';
}

export function formatDiagnostic(d: ScriptDiagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
}

export interface IncludeSource {
  source: string;
  file: string;
}

/**
 * Finds the source of `#include "name"` seen in `fromFile`; null when there is none. It may throw
 * an IncludeError (an include that may not be read), reported at the #include.
 */
export type IncludeResolver = (name: string, fromFile: string) => IncludeSource | null;

/** Resolves includes to `name.crm` (or `name`) inside the including file's directory tree: see include-files.ts. */
export const fileIncludeResolver: IncludeResolver = readIncludeFile;

export { IncludeError };

export interface CompileInput {
  source: string;
  file: string;
  resolveInclude?: IncludeResolver;
  mode?: CompileMode;
  /** Stop after parsing (check --syntax-only). */
  syntaxOnly?: boolean;
}

export interface CompileOutput {
  compiled: CompiledProgram | null;
  diagnostics: ScriptDiagnostic[];
  /** The merged program (entry + includes), for the debugger and tracer. */
  program: A.Program | null;
  /** Source text of every file involved, by file name. */
  sources: Map<string, string>;
  /** The file each `#include` name was found in (a replay compiles the same sources again: trace/inputs.ts). */
  includes: Record<string, string>;
}

function markFile(node: unknown, file: string): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) markFile(n, file);
    return;
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === 'span' || k === 'nameSpan' || k === 'propertySpan' || k === 'opSpan') (v as A.Span).file = file;
    else if (v && typeof v === 'object') markFile(v, file);
  }
}

/** A file system failure (EACCES, EISDIR, ...) while reading an include. */
function isFsError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}

export function compileScript(input: CompileInput): CompileOutput {
  const diagnostics: ScriptDiagnostic[] = [];
  const sources = new Map<string, string>([[input.file, input.source]]);
  const resolve = input.resolveInclude ?? fileIncludeResolver;
  const included = new Set<string>();
  const includes: Record<string, string> = {};
  const body: A.TopLevel[] = [];

  const load = (source: string, file: string, isEntry: boolean, stack: string[]): A.Program | null => {
    const r = parse(source);
    for (const d of r.diagnostics) diagnostics.push({ file, line: d.line, col: d.col, message: d.message, severity: d.severity });
    if (!r.program) return null;
    if (!isEntry) markFile(r.program, file);
    for (const inc of r.program.includes) {
      if (stack.includes(inc.name)) {
        diagnostics.push({ file, line: inc.span.line, col: inc.span.col, message: `#include "${inc.name}" includes itself (through ${stack.join(' → ')})`, severity: 'error' });
        continue;
      }
      if (inc.name.trim() === '') {
        diagnostics.push({ file, line: inc.span.line, col: inc.span.col, message: '#include needs the include name of a script, e.g. #include "library"', severity: 'error' });
        continue;
      }
      if (included.has(inc.name)) continue;
      included.add(inc.name);
      let found: IncludeSource | null;
      try {
        found = resolve(inc.name, file);
      } catch (e) {
        if (!(e instanceof IncludeError) && !isFsError(e)) throw e;
        const why = e instanceof IncludeError ? e.message : `#include "${inc.name}": ${(e as Error).message}`;
        diagnostics.push({ file, line: inc.span.line, col: inc.span.col, message: why, severity: 'error' });
        continue;
      }
      if (!found) {
        diagnostics.push({ file, line: inc.span.line, col: inc.span.col, message: `cannot find the script with include name "${inc.name}"`, severity: 'error' });
        continue;
      }
      sources.set(found.file, found.source);
      includes[inc.name] = found.file;
      const sub = load(found.source, found.file, false, [...stack, inc.name]);
      if (sub) body.push(...sub.body);
    }
    return r.program;
  };

  const entry = load(input.source, input.file, true, [basename(input.file)]);
  if (!entry || diagnostics.length || input.syntaxOnly) return { compiled: null, diagnostics, program: entry, sources, includes };
  const program: A.Program = { ...entry, body: [...body, ...entry.body] };
  const checked = check(program, checkerNatives());
  for (const d of checked.diagnostics) diagnostics.push({ file: d.file ?? input.file, line: d.line, col: d.col, message: d.message, severity: d.severity });
  diagnostics.sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : 0));
  if (diagnostics.some((d) => d.severity === 'error')) return { compiled: null, diagnostics, program, sources, includes };
  return { compiled: compile(program, checked, input.file, input.mode ?? 'fast'), diagnostics, program, sources, includes };
}
