// Evaluate a CRMScript expression in a paused frame. The expression is checked as the body of a
// generated function whose parameters are the frame's visible variables (with their static
// types), placed in the script's own declarations (structs, functions, globals) so that struct
// fields, methods and user functions resolve as they do in the script. The compiled function
// takes the real struct classes and functions of the running program and is called with the
// variables' current values (and, in a struct method, with the real `this`).
import type * as A from '../../grammar/ast.js';
import { parse } from '../../grammar/parse.js';
import { check, type Annotations } from '../checker.js';
import { compileScript, type IncludeSource } from '../compile-script.js';
import { compileEval, type CompiledEval } from '../compiler.js';
import { UNKNOWN } from '../type-rules.js';
import { natives } from '../stdlib/index.js';

/** The script's sources, so that a paused run can check expressions against its declarations. */
export interface DebugSource {
  source: string;
  file: string;
  /** Every `#include` the script uses, by include name. */
  includes: Record<string, IncludeSource>;
}

export interface EvalVar {
  name: string;
  type: string;
}

export interface PreparedEval extends CompiledEval {
  /** Static type of the expression. */
  type: string;
}

const EVAL_FILE = '<eval>';
const EVAL_NAME = '__dbgEval';

const baseCache = new WeakMap<DebugSource, A.Program | string>();

/** The script's merged program (entry + includes), checked once per session. */
function baseProgram(src: DebugSource): A.Program | string {
  let p = baseCache.get(src);
  if (p === undefined) {
    const out = compileScript({ source: src.source, file: src.file, resolveInclude: (name) => src.includes[name] ?? null });
    p = out.compiled && out.program ? out.program : 'the script no longer compiles, so expressions cannot be checked against it';
    baseCache.set(src, p);
  }
  return p;
}

function markEval(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) markEval(n);
    return;
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === 'span' || k === 'nameSpan' || k === 'propertySpan' || k === 'opSpan') (v as A.Span).file = EVAL_FILE;
    else if (v && typeof v === 'object') markEval(v);
  }
}

/** Keys of a node that hold no sub-tree. */
const ANN_KEYS = new Set(['span', 'nameSpan', 'propertySpan', 'opSpan']);

/** The first identifier in the tree that resolved to a global (globals the frame sees are parameters). */
function globalRef(node: unknown, ann: Annotations): string | null {
  if (!node || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const n of node) {
      const r = globalRef(n, ann);
      if (r) return r;
    }
    return null;
  }
  const n = node as { kind?: string; name?: string };
  if (n.kind === 'Identifier' && ann.syms.get(n as A.Identifier)?.global) return n.name!;
  for (const [k, v] of Object.entries(node)) {
    if (ANN_KEYS.has(k) || !v || typeof v !== 'object') continue;
    const r = globalRef(v, ann);
    if (r) return r;
  }
  return null;
}

function where(line: number, col: number, lines: number): string {
  if (line < 2) return '';
  if (line > lines + 1) return ' (at the end of the expression)';
  return lines === 1 ? ` (column ${col})` : ` (line ${line - 1}, column ${col})`;
}

/**
 * Checks and compiles `expression` for a frame whose visible variables are `vars` (innermost
 * last wins on a name clash is the caller's business: pass each name once). `struct` is the
 * struct whose method the frame runs, or null.
 */
export function prepareEval(src: DebugSource, expression: string, vars: EvalVar[], struct: string | null): PreparedEval | { error: string } {
  if (!expression.trim()) return { error: 'enter an expression to evaluate' };
  const base = baseProgram(src);
  if (typeof base === 'string') return { error: base };
  const params = vars.filter((v) => v.type !== UNKNOWN).map((v) => `${v.type} ${v.name}`);
  // the expression starts line 2, so diagnostics there give its own column
  const text = `Generic ${EVAL_NAME}(${params.join(', ')}) { return\n${expression}\n;\n}\n`;
  const lines = expression.split('\n').length;
  const parsed = parse(text);
  const perr = parsed.diagnostics.find((d) => d.severity === 'error');
  if (perr) return { error: `${perr.message}${where(perr.line, perr.col, lines)}` };
  const decl = parsed.program?.body[0];
  if (!decl || decl.kind !== 'FunctionDecl' || parsed.program!.body.length !== 1) return { error: 'enter a single expression' };
  const ret = decl.body.body[0];
  if (decl.body.body.length !== 1 || ret.kind !== 'Return' || !ret.value) return { error: 'enter a single expression' };
  markEval(decl);

  // The script's declarations in their order (global initializers and statements left out),
  // with the evaluation as a method of the frame's struct or as the last function.
  const body: A.TopLevel[] = [];
  let placed = false;
  for (const item of base.body) {
    if (item.kind === 'FunctionDecl') body.push(item);
    else if (item.kind === 'StructDecl') {
      if (item.name === struct) {
        body.push({ ...item, methods: [...item.methods, decl] });
        placed = true;
      } else body.push(item);
    } else if (item.kind === 'VarDecl') body.push({ ...item, declarators: item.declarators.map((d) => ({ ...d, init: null })) });
  }
  if (!placed) body.push(decl);
  const program: A.Program = { ...base, body };
  const checked = check(program, natives);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  const mine = errors.find((d) => d.file === EVAL_FILE) ?? errors[0];
  if (mine) return { error: `${mine.message}${mine.file === EVAL_FILE ? where(mine.line, mine.col, lines) : ''}` };
  const g = globalRef(ret.value, checked.ann);
  if (g) return { error: `'${g}' is not visible in this frame` };
  const fn = checked.ann.fns.get(decl);
  if (!fn) return { error: 'the expression could not be compiled' };
  return { ...compileEval(program, checked, fn, src.file), type: checked.ann.types.get(ret.value) ?? UNKNOWN };
}
