// Code-generation shortcuts of the fast path (the compute kernels): an identifier or a number
// literal can be read twice, so array bounds checks and division-by-zero checks are written
// inline and the helper ($h.idx, $h.setIdx, $h.idiv, $h.fdiv, $h.imod) is called only to raise
// the error. A helper shared by every call site sees every element kind and stops being
// optimised; inline code keeps each site's own. `at` is the operation's position marker
// (emitter.ts `at`), put just before the helper call that throws.
import type * as A from '../../grammar/ast.js';

export const SIMPLE_JS = /^(?:[A-Za-z_$][\w$]*|\d+(?:\.\d+)?)$/;
const NONZERO_LITERAL = /^(?:0*[1-9]\d*(?:\.\d+)?|0*\.\d*[1-9]\d*)$/;
const PRIMITIVE_DEFAULT = /^(?:-0|0|false|''|""|\$h\.NS)$/; // $h.NS: the null String, one shared immutable value

/** Declared at the top of every program: the divisor of an inline-checked division. */
export const DIVISOR_DECL = 'let $d; // the divisor of an inline-checked division';

/** An expression whose evaluation changes nothing (no call, assignment or ++/--). */
export function noEffects(e: A.Expr): boolean {
  switch (e.kind) {
    case 'Identifier':
    case 'Integer':
    case 'Long':
    case 'Float':
    case 'String':
    case 'Bool':
    case 'This':
      return true;
    case 'Binary':
      return noEffects(e.left) && noEffects(e.right);
    case 'Unary':
      return noEffects(e.operand);
    case 'Member':
      return noEffects(e.object);
    case 'Index':
      return noEffects(e.object) && noEffects(e.index);
    default:
      return false;
  }
}

/**
 * `a[i]`, its bounds check inline when the array is simple and the index is simple or can be
 * kept in a temporary (`temp`, which hands out a fresh one).
 */
export function readIndex(at: string, a: string, i: string, temp?: () => string): string {
  if (!SIMPLE_JS.test(a) || (!SIMPLE_JS.test(i) && !temp)) return `${at}$h.idx(${a}, ${i})`;
  if (SIMPLE_JS.test(i)) return `(${i} >= 0 && ${i} < ${a}.length ? ${a}[${i}] : ${at}$h.idx(${a}, ${i}))`;
  const t = temp!();
  return `((${t} = ${i}) >= 0 && ${t} < ${a}.length ? ${a}[${t}] : ${at}$h.idx(${a}, ${t}))`;
}

/** `a[i] = v`, its bounds check inline when both are simple (not in hooked code: a traced run records element writes through $h.setIdx). */
export function writeIndex(at: string, a: string, i: string, v: string, hooked: boolean): string {
  if (hooked || !SIMPLE_JS.test(a) || !SIMPLE_JS.test(i)) return `${at}$h.setIdx(${a}, ${i}, ${v})`;
  return `(${i} >= 0 && ${i} < ${a}.length ? (${a}[${i}] = ${v}) : ${at}$h.setIdx(${a}, ${i}, ${v}))`;
}

/**
 * `l / r` with its zero check inline: none for a non-zero literal divisor; else the divisor is
 * tested where it can be read twice, or kept in $d (computed first, which no one can tell when
 * the dividend is a plain name or number and the divisor changes nothing). Null: use the helper.
 */
export function divide(at: string, l: string, r: string, re: A.Expr, integer: boolean): string | null {
  const q = (d: string): string => (integer ? `((${l} / ${d}) | 0)` : `(${l} / ${d})`);
  const helper = (d: string): string => `${at}$h.${integer ? 'idiv' : 'fdiv'}(${l}, ${d})`;
  if (NONZERO_LITERAL.test(r)) return q(r);
  if (!SIMPLE_JS.test(l)) return null;
  if (SIMPLE_JS.test(r)) return `(${r} !== 0 ? ${q(r)} : ${helper(r)})`;
  if (noEffects(re)) return `(($d = ${r}) !== 0 ? ${q('$d')} : ${helper('$d')})`;
  return null;
}

/** `l % r` without the helper for a non-zero literal divisor; null: use the helper. */
export function modulo(l: string, r: string): string | null {
  return NONZERO_LITERAL.test(r) ? `(${l} % ${r} | 0)` : null;
}

/**
 * A one-dimension fixed array of a value type, filled at once instead of by a call per element
 * (the helper accounts it against the memory budget first); null when it is not one.
 */
export function filledArray(dims: (number | null)[], init: string): string | null {
  return dims.length === 1 && dims[0] !== null && PRIMITIVE_DEFAULT.test(init) ? `$h.fillArray(${dims[0]}, ${init})` : null;
}
