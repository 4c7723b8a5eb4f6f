// Instrumentation of hooked mode (debugger and tracer): statement hooks, the call stack with
// frame arrays holding each function's locals, and the statement and function tables.
import type * as A from '../../grammar/ast.js';
import type { VarSym } from '../checker.js';
import { EmitterBase } from './emitter.js';
import { loops } from './fused-step.js';
import { ENTER_ARGS, type DbgCtx, type DebugFn, type DebugLocal } from './types.js';


/**
 * Traced mode's call of function `id` with `this` and the parameters `args` (JS expressions): a
 * hook per count of arguments (`arguments` would cost an object per call until V8 optimizes the
 * code). The recorder's fast paths stay in its hooks (recorder.ts: TRACED_HOOKS): inline, they
 * made the compiled code larger and measured no faster.
 */
function tracedEnter(id: number, args: string[]): string {
  if (args.length > ENTER_ARGS) return `$h.enterN(${id}, [${args.join(', ')}])`;
  return `$h.enter${args.length || ''}(${[String(id), ...args].join(', ')})`;
}

/** Marks the frame index of a global assigned before the main body (which numbers them) is compiled. */
export const PENDING = '\u0001';

export abstract class HookedEmitter extends EmitterBase {
  /**
   * Traced mode: the code being emitted runs in an innermost loop, or in a function without loops.
   * There the recorder's fast paths are inline (and steps fused, fused-step.ts); elsewhere the code
   * calls the hooks ($h.st, $h.lv), whose slow paths are shared by every site that calls them. An
   * inline slow path has type feedback only once its own site took it: an outer loop's, taken once
   * in hundreds of rounds, first runs after V8 optimized the loop, and throws that code away.
   */
  hot = true;

  /** The JS name a variable is read by (see ExprEmitter). */
  abstract symRef(sym: VarSym): string;

  /**
   * Hooked mode: compiles a function body (or the main body) wrapped so that the call stack and
   * its locals are visible to the debugger: `let <locals>; const $f = $h.enter(id, this, <params>)
   * || []; try { body } catch (e) { $h.thrown(e); throw e; } finally { $h.leave(); }` (traced
   * mode: `$h.enterN(id, <params>); body`, see CompileMode). `enter`
   * stores the first ENTER_ARGS of `this` and the parameters into the frame itself (and the
   * tracer records them there, without reading them back); the code stores the others.
   */
  hookedBody(id: number, info: DebugFn, start: number, body: () => void, params: VarSym[] = [], loopy = false): void {
    const savedDbg = this.dfn;
    const savedHot = this.hot;
    this.hot = !loopy;
    const d: DbgCtx = { id, info, scope: 0, hoisted: [] };
    this.dfn = d;
    const frame = id === 0 ? '$g' : '$f';
    const args: string[] = [];
    const init: string[] = [];
    // traced mode: no frame, every argument to enter (see CompileMode)
    const initial = (i: number, js: string): void => {
      if (i < ENTER_ARGS || this.traced) args.push(js);
      else init.push(`${frame}[${i}] = ${js};`);
    };
    if (info.struct) {
      info.locals.push({ name: 'this', type: info.struct, scope: 0 });
      initial(0, 'this');
    }
    for (const p of params) {
      const i = info.locals.length;
      info.locals.push({ name: p.name, type: p.type, scope: 0 });
      this.slots.set(p, `${frame}[${i}]`);
      initial(i, p.js);
    }
    info.params = info.locals.length;
    if (this.traced) {
      // no try/finally (see CompileMode): a function's body that runs to its end returns here
      body();
      if (id !== 0) this.emit('$h.leave();');
    } else {
      this.emit('try {');
      this.indent++;
      body();
      this.indent--;
      this.emit('} catch ($x) {');
      this.emit('  $h.thrown($x);');
      this.emit('  throw $x;');
      this.emit('} finally {');
      this.emit('  $h.leave();');
      this.emit('}');
    }
    const pad = '  '.repeat(this.indent);
    const decl = [...d.hoisted, ...Array.from({ length: this.fctx.temps }, (_, i) => `$t${i}`)];
    // a function without variables writes no frame slot (the main body's `$g` is always there for functions)
    const call = this.traced ? tracedEnter(id, args) : `$h.enter${args.length || ''}(${[String(id), ...args].join(', ')})`;
    const enter = this.traced || (id !== 0 && info.locals.length === 0) ? `${call};` : `const ${frame} = ${call} || [];`;
    const head = [pad + enter, ...init.map((x) => pad + x)];
    if (d.catches) head.push(`${pad}const $dp = $r.depth;`);
    if (decl.length) head.unshift(`${pad}let ${decl.join(', ')};`);
    this.lines.splice(start, 0, ...head);
    this.map.splice(start, 0, ...head.map(() => null));
    this.dfn = savedDbg;
    this.hot = savedHot;
  }

  /** Emits a loop's rounds (`f`): hot when its body has no loop of its own (see `hot`). */
  loopRounds(body: A.Stmt, f: () => void): void {
    const saved = this.hot;
    this.hot = !loops(body);
    f();
    this.hot = saved;
  }

  /** Hooked mode: registers a declared variable; returns its JS name. */
  declareLocal(sym: VarSym): string {
    const d = this.dfn!;
    const js = d.id === 0 ? sym.js : `l_${sym.js.slice(2)}`;
    if (d.id !== 0) this.rename.set(sym, js);
    const local: DebugLocal = { name: sym.name, type: sym.type, scope: d.scope };
    if (d.id === 0 && sym.global) local.global = sym.order;
    this.slots.set(sym, `${d.id === 0 ? '$g' : '$f'}[${d.info.locals.length}]`);
    d.info.locals.push(local);
    d.hoisted.push(js);
    return js;
  }

  /** Hooked mode: declares a variable; returns the assignment of its initial value (also into its frame slot). */
  initLocal(sym: VarSym, value: string): string {
    const js = this.declareLocal(sym);
    return this.slotWrite(sym, `${js} = ${value}`);
  }

  /**
   * Hooked mode: `assign` (an assignment of the variable's JS local, or the local itself) also
   * stored into its frame slot; in traced mode reported to the recorder too (see CompileMode).
   */
  slotWrite(sym: VarSym, assign: string): string {
    if (!this.traced || !this.dfn) return `${this.slotOf(sym)} = ${assign}`;
    // traced mode keeps no frame arrays: the hook gets the value
    const { n, token, hook } = this.intSlot(sym);
    if (sym.type !== 'Integer' || !this.hot) return hook(assign);
    // an Integer: the hook's fast path inline (its token and value), the hook when it does not apply
    return `(${assign}, $r.k < $r.lim && (${n} | 0) === ${n} && (${n} !== 0 || 1 / ${n} > 0) ? ($r.T[$r.k++] = ${token}, $r.V[$r.v++] = ${n}) : ${hook(n)}, ${n})`;
  }

  /**
   * Traced mode: how an Integer variable's assignment is recorded: its JS name, its token, and the
   * hook that records it when the inline path does not apply.
   */
  intSlot(sym: VarSym): { n: string; token: string; hook: (v: string) => string } {
    const slot = this.slotOf(sym);
    const d = this.dfn!;
    const i = slot.slice(3, -1);
    const main = slot.startsWith('$g') && d.id !== 0 ? 1 : 0;
    const hook = (v: string): string => (main ? `$h.lg(${v}, ${i})` : `$h.lv(${v}, ${i}, ${d.id})`);
    const token = /^\d+$/.test(i) ? `$r.kLocal + ${2 * Number(i) + main}` : `$r.kLocal + 2 * ${i} + ${main}`;
    return { n: this.symRef(sym), token, hook };
  }

  /** Hooked mode: the frame slot of a variable (a global not numbered yet gets a placeholder index). */
  slotOf(sym: VarSym): string {
    const s = this.slots.get(sym);
    if (s) return s;
    let i = this.pendingSlots.indexOf(sym);
    if (i < 0) i = this.pendingSlots.push(sym) - 1;
    return `$g[${PENDING}${i}${PENDING}]`;
  }

  /** Hooked mode: adds a statement to the table; returns its id. */
  stmtId(span: A.Span): number {
    const d = this.dfn!;
    this.dbg.stmts.push({ file: span.file, line: span.line, col: span.col, fn: d.id, scope: d.scope, declared: d.info.locals.length });
    return this.dbg.stmts.length - 1;
  }

  /** Hooked mode: runs `f` in a new block scope. */
  inScope(f: () => void): void {
    const d = this.dfn!;
    const saved = d.scope;
    d.scope = d.info.scopes.length;
    d.info.scopes.push(saved);
    f();
    d.scope = saved;
  }

  hook(s: A.Stmt): void {
    if (this.dfn) this.emit(`${this.stmtHook(s.span)};`, s.span);
  }

  /**
   * Hooked mode: adds a statement to the table; returns its hook, an expression: `$h.stmt(id)`, or
   * in traced mode the recorder's fast path inline (its token into the token column; `$r`, the
   * recorder, is `$h.$r`), which calls `$r.slow(id)` when the chunk is full or more is to be done;
   * outside hot code (see `hot`) a call of `$h.st(id)`, which does the same.
   */
  stmtHook(span: A.Span): string {
    return this.hookOf(this.stmtId(span));
  }

  /** The hook of statement `id` (see stmtHook). */
  hookOf(id: number): string {
    if (!this.traced) return `$h.stmt(${id})`;
    return this.hot ? `($r.k < $r.lim ? $r.T[$r.k++] = ${id} : $r.slow(${id}))` : `$h.st(${id})`;
  }

  /**
   * Hooked mode's `return`: traced mode reports it (`value` evaluated first; the main body's
   * return is reported by the recorder's finish, see CompileMode).
   */
  hookedReturn(value: string | null): string {
    if (!this.traced || this.dfn?.id === 0) return value === null ? 'return;' : `return ${value};`;
    return value === null ? 'return $h.leave();' : `return $h.rv(${value});`;
  }
}
