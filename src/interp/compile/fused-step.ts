// Traced mode: a statement that only assigns an Integer variable from an expression that can
// neither throw, call anything nor change anything (`s = (s + i * j) % 7;`, `j++`, `n -= 2;`),
// and a `return` of such a value from a function, record their step and the assignment (or the
// return) together: one look at the chunk's room instead of two. The recording is the same (the
// step's token, then the assignment's or the return's); nothing can be recorded, or go wrong,
// while such an expression is evaluated.
import type * as A from '../../grammar/ast.js';

/** Types whose operators neither allocate nor call: what a quiet expression may compute with. */
const PLAIN = new Set(['Integer', 'Bool', 'Float', 'Byte']);
/** Operators that cannot fail on those types. */
const SAFE_OPS = new Set(['+', '-', '*', '<', '>', '<=', '>=', '==', '!=', '&&', '||']);

function nonZeroIntegerLiteral(e: A.Expr): boolean {
  return e.kind === 'Integer' && e.value !== 0;
}

/**
 * Whether evaluating `e` can neither throw, call nor assign: variables, Integer and Bool literals,
 * and the operators above on plain types (/ and % only by a literal other than 0).
 */
export function quiet(e: A.Expr, typeOf: (e: A.Expr) => string | undefined, depth = 0): boolean {
  if (depth > 64 || !PLAIN.has(typeOf(e) ?? '')) return false;
  switch (e.kind) {
    case 'Identifier':
    case 'Integer':
    case 'Bool':
      return true;
    case 'Unary':
      return quiet(e.operand, typeOf, depth + 1);
    case 'Binary':
      if (!SAFE_OPS.has(e.op) && !((e.op === '/' || e.op === '%') && nonZeroIntegerLiteral(e.right))) return false;
      return quiet(e.left, typeOf, depth + 1) && quiet(e.right, typeOf, depth + 1);
    default:
      return false;
  }
}

/** What a fusable statement assigns: its target variable, and how its new value is computed. */
export type Fusable = { target: A.Identifier; kind: 'update'; op: '+' | '-' } | { target: A.Identifier; kind: 'assign'; op: A.AssignOp; value: A.Expr };

/**
 * `e` (a statement's whole expression) as a fusable assignment of a variable, or null. Whether the
 * variable is an Integer local is for the caller to check.
 */
export function fusable(e: A.Expr, typeOf: (e: A.Expr) => string | undefined): Fusable | null {
  if (e.kind === 'Update') return e.target.kind === 'Identifier' ? { target: e.target, kind: 'update', op: e.op[0] as '+' | '-' } : null;
  if (e.kind !== 'Assign' || e.target.kind !== 'Identifier' || !quiet(e.value, typeOf)) return null;
  // a compound division by a variable may divide by zero
  if ((e.op === '/=' || e.op === '%=') && !nonZeroIntegerLiteral(e.value)) return null;
  return { target: e.target, kind: 'assign', op: e.op, value: e.value };
}

/**
 * The fused statement: `value` computed into `t`; with room for two tokens and a plain Integer, the
 * step token, the assignment's token and its value; otherwise the statement hook's slow path, the
 * assignment and its hook, as the statement would have done them.
 */
export function fusedCode(id: number, n: string, t: string, value: string, token: string, hook: (v: string) => string): string {
  const fast = `$r.T[$r.k] = ${id}, $r.T[$r.k + 1] = ${token}, $r.k += 2, $r.V[$r.v++] = ${n} = ${t}`;
  return `(${t} = ${value}, $r.k + 1 < $r.lim && (${t} | 0) === ${t} && (${t} !== 0 || 1 / ${t} > 0) ? (${fast}) : ($r.slow(${id}), ${n} = ${t}, ${hook(n)}), ${n})`;
}

/** Whether running `s` may go round a loop (a for, while or foreach in it, at any depth). */
export function loops(s: A.Stmt): boolean {
  switch (s.kind) {
    case 'While':
    case 'For':
    case 'Foreach':
      return true;
    case 'Block':
      return s.body.some(loops);
    case 'If':
      return loops(s.then) || (s.else !== null && loops(s.else));
    case 'Try':
      return loops(s.body) || loops(s.handler);
    default:
      return false;
  }
}

/** A returned value that can be evaluated at any point of the return: a variable, a literal or a quiet expression. */
export function quietReturn(e: A.Expr, typeOf: (e: A.Expr) => string | undefined): boolean {
  return e.kind === 'Identifier' || e.kind === 'String' || quiet(e, typeOf);
}

/** The fused `return` of statement `id` from a function (`value` null: no value), as hookedReturn does it otherwise. */
export function fusedReturnCode(id: number, value: string | null): string {
  const fast = `$r.T[$r.k] = ${id}, $r.T[$r.k + 1] = $r.kLeave, $r.k += 2, $r.nl++`;
  if (value === null) return `return void ($r.k + 1 < $r.lim ? (${fast}) : ($r.slow(${id}), $h.leave()))`;
  return `return $r.k + 1 < $r.lim ? (${fast}, ${value}) : ($r.slow(${id}), $h.rv(${value}))`;
}
