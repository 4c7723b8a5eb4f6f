// Which variables a paused frame shows: the locals in scope at a statement (an inner declaration
// hides an outer one), and the main body's globals a function sees.
import type { DebugFn, DebugStmt } from '../compiler.js';

function inScope(fn: DebugFn, declScope: number, at: number): boolean {
  for (let s = at; s >= 0; s = fn.scopes[s]) if (s === declScope) return true;
  return false;
}

/** name → local index of the variables of `fn` in scope at statement `id` (-1: before its first statement). */
export function visibleLocals(fn: DebugFn, stmts: readonly DebugStmt[], id: number): Map<string, number> {
  const out = new Map<string, number>();
  if (id < 0) {
    // before the frame's first statement only `this` and the parameters are set
    for (let i = 0; i < fn.params; i++) out.set(fn.locals[i].name, i);
    return out;
  }
  const st = stmts[id];
  for (let i = 0; i < st.declared; i++) {
    const l = fn.locals[i];
    if (inScope(fn, l.scope, st.scope)) {
      out.delete(l.name);
      out.set(l.name, i);
    }
  }
  return out;
}

/** The globals `fn` sees: the main body's (`main`) top-level variables declared before it, with their values. */
export function globalsSeenBy(fn: DebugFn, main: DebugFn, mainValues: readonly unknown[]): { name: string; type: string; value: unknown }[] {
  const out: { name: string; type: string; value: unknown }[] = [];
  main.locals.forEach((l, i) => {
    if (l.global !== undefined && l.global < fn.order) out.push({ name: l.name, type: l.type, value: mainValues[i] });
  });
  return out;
}
