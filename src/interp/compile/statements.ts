// Emitting declarations and statements: struct classes, functions (plain or hooked), and every
// statement kind, each starting a new generated line mapped to its source position.
import type * as A from '../../grammar/ast.js';
import type { FnInfo, StructInfo } from '../checker.js';
import { UNKNOWN } from '../type-rules.js';
import { loops } from './fused-step.js';
import { JS_STR } from './emitter.js';
import { ExprEmitter } from './expressions.js';
import type { DebugFn } from './types.js';

/** Beyond this many `else if` branches a chain is emitted flat (V8's parser recurses on `else if`). */
const LONG_CHAIN = 200;
let chainLabels = 0;

/** The number of `else if` branches that follow an `if`. */
function elseIfChainLength(s: A.IfStmt): number {
  let n = 0;
  for (let e = s.else; e && e.kind === 'If'; e = e.else) n++;
  return n;
}

export abstract class StmtEmitter extends ExprEmitter {
  // ------------------------------------------------------------ declarations

  struct(s: StructInfo): void {
    const d = s.decl;
    this.emit(`class ${s.js} {`, d.span);
    this.indent++;
    this.emit('constructor() {', d.span);
    this.indent++;
    // field initializers may need temporaries (`a[i + 1]`, `n++`): the constructor declares its own
    const saved = this.fctx;
    this.fctx = { temps: 0 };
    const start = this.lines.length;
    for (const [, f] of s.fields) {
      const init = f.decl.init ? this.value(f.decl.init, this.ann.boxValues.get(f.decl)) : this.defaultValue(f.type, f.decl.type);
      this.emit(`this.${f.js} = ${init};`, f.decl.span);
    }
    this.declareTemps(start);
    this.fctx = saved;
    this.indent--;
    this.emit('}');
    for (const [, ms] of s.methods) for (const m of ms) this.funcBody(m, `${m.js}(${this.params(m)}) {`);
    this.indent--;
    this.emit('}');
    const meta = { name: s.name, fields: [...s.fields].map(([name, f]) => ({ name, type: f.type })) };
    this.emit(`${s.js}.__crm = ${JSON.stringify(meta)};`);
    this.emit(`$S.set(${JS_STR(s.name)}, ${s.js});`);
  }

  params(fn: FnInfo): string {
    return fn.decl.params.map((p) => this.ann.syms.get(p)!.js).join(', ');
  }

  func(fn: FnInfo): void {
    this.funcBody(fn, `function ${fn.js}(${this.params(fn)}) {`);
  }

  funcBody(fn: FnInfo, header: string): void {
    this.emit(header, fn.decl.span);
    this.indent++;
    const saved = this.fctx;
    this.fctx = { temps: 0 };
    const start = this.lines.length;
    const body = (): void => {
      this.tick();
      for (const s of fn.decl.body.body) this.stmt(s);
      // a function that runs off its end returns its type's default (reported, in traced mode)
      if (fn.ret !== 'Void' && fn.ret !== UNKNOWN) this.emit(this.hooked ? this.hookedReturn(this.defaultValue(fn.ret, null)) : `return ${this.defaultValue(fn.ret, null)};`);
    };
    if (this.hooked) {
      const span = fn.decl.span;
      const info: DebugFn = { name: fn.struct ? `${fn.struct.name}.${fn.name}` : fn.name, file: span.file, line: span.line, order: fn.order, params: 0, locals: [], scopes: [-1] };
      if (fn.struct) info.struct = fn.struct.name;
      this.dbg.fns.push(info);
      this.hookedBody(this.dbg.fns.length - 1, info, start, body, fn.decl.params.map((p) => this.ann.syms.get(p)!), fn.decl.body.body.some(loops));
    } else {
      body();
      this.declareTemps(start);
    }
    this.fctx = saved;
    this.indent--;
    this.emit('}');
  }


  // ------------------------------------------------------------ statements
  bodyStmt(s: A.Stmt): void {
    this.indent++;
    const emit = (): void => {
      if (s.kind === 'Block') for (const x of s.body) this.stmt(x);
      else this.stmt(s);
    };
    if (this.dfn) this.inScope(emit);
    else emit();
    this.indent--;
  }

  /** A loop's body: a round begins (a tick in 'recorded' and 'replay' modes, see CompileMode). */
  roundBody(s: A.Stmt): void {
    this.indent++;
    this.tick();
    this.indent--;
    this.bodyStmt(s);
  }

  stmt(s: A.Stmt): void {
    const fused = s.kind === 'ExprStmt' ? this.fusedStep(s.span, s.expr) : s.kind === 'Return' ? this.fusedReturn(s) : null;
    if (fused) {
      this.emit(`${fused};`, s.span);
      return;
    }
    if (s.kind !== 'Block' && s.kind !== 'Empty' && !(this.dfn && s.kind === 'While')) this.hook(s);
    switch (s.kind) {
      case 'VarDecl':
        for (const d of s.declarators) {
          const sym = this.ann.syms.get(d)!;
          const init = d.init ? this.value(d.init, this.ann.boxValues.get(d)) : this.defaultValue(sym.type, s.type);
          if (this.dfn) this.emit(`${this.initLocal(sym, init)};`, s.span);
          else this.emit(`let ${sym.js} = ${init};`, s.span);
        }
        return;
      case 'Block':
        this.emit('{', s.span);
        this.bodyStmt(s);
        this.emit('}');
        return;
      case 'If': {
        if (elseIfChainLength(s) > LONG_CHAIN) {
          this.longIfChain(s);
          return;
        }
        this.emit(`if (${this.expr(s.test)}) {`, s.span);
        this.bodyStmt(s.then);
        let e = s.else;
        while (e) {
          if (e.kind === 'If') {
            // hooked: an `else if` test is a statement of its own
            const test = this.dfn ? `(${this.stmtHook(e.span)}, ${this.expr(e.test)})` : this.expr(e.test);
            this.emit(`} else if (${test}) {`, e.span);
            this.bodyStmt(e.then);
            e = e.else;
          } else {
            this.emit('} else {', e.span);
            this.bodyStmt(e);
            e = null;
          }
        }
        this.emit('}');
        return;
      }
      case 'While':
        // hooked: the hook runs before every test of the condition, so each iteration stops on the loop line
        this.loopRounds(s.body, () => {
          if (this.dfn) this.emit(`while ((${this.stmtHook(s.span)}, ${this.expr(s.test)})) {`, s.span);
          else this.emit(`while (${this.expr(s.test)}) {`, s.span);
          this.roundBody(s.body);
        });
        this.emit('}');
        return;
      case 'For':
        if (this.dfn) this.inScope(() => this.hookedFor(s));
        else {
          let init = '';
          if (s.init?.kind === 'VarDecl') {
            init = 'let ' + s.init.declarators
              .map((d) => `${this.ann.syms.get(d)!.js} = ${d.init ? this.value(d.init, this.ann.boxValues.get(d)) : this.defaultValue(this.ann.syms.get(d)!.type, (s.init as A.VarDecl).type)}`)
              .join(', ');
          } else if (s.init) init = this.expr(s.init, true);
          const test = s.test ? this.expr(s.test) : '';
          const update = s.update ? this.expr(s.update, true) : '';
          this.emit(`for (${init}; ${test}; ${update}) {`, s.span);
          this.roundBody(s.body);
          this.emit('}');
        }
        return;
      case 'Foreach':
        if (this.dfn) {
          const iterable = this.expr(s.iterable);
          this.inScope(() => {
            const sym = this.ann.syms.get(s)!;
            const js = this.declareLocal(sym);
            this.loopRounds(s.body, () => {
              this.emit(`for (${js} of ${iterable}) {`, s.span);
              this.emit(`  ${this.slotWrite(sym, js)};`);
              this.roundBody(s.body);
            });
            this.emit('}');
          });
        } else {
          this.emit(`for (let ${this.ann.syms.get(s)!.js} of ${this.expr(s.iterable)}) {`, s.span);
          this.roundBody(s.body);
          this.emit('}');
        }
        return;
      case 'Break':
        this.emit('break;', s.span);
        return;
      case 'Continue':
        this.emit('continue;', s.span);
        return;
      case 'Return':
        if (this.dfn) this.emit(this.hookedReturn(s.value ? this.value(s.value, this.ann.boxValues.get(s)) : null), s.span);
        else this.emit(s.value ? `return ${this.value(s.value, this.ann.boxValues.get(s))};` : 'return;', s.span);
        return;
      case 'Try': {
        if (this.dfn) {
          this.hookedTry(s);
          return;
        }
        this.emit('try {', s.span);
        this.bodyStmt(s.body);
        this.emit('} catch ($e) {', s.handler.span);
        this.indent++;
        this.emit(`let ${this.ann.errSyms.get(s)!.js} = $h.caught($e);`, s.handler.span);
        this.emit(`let ${this.ann.locSyms.get(s)!.js} = $h.location($e);`, s.handler.span);
        this.indent--;
        this.bodyStmt(s.handler);
        this.emit('}');
        return;
      }
      case 'Throw':
        this.emit(`throw $h.error(${this.expr(s.value)});`, s.span);
        return;
      case 'ExprStmt':
        this.emit(`${this.expr(s.expr, true)};`, s.span);
        return;
      case 'Empty':
        return;
    }
  }

  /** Hooked `for`: declarations become assignments; the update step re-runs the loop line's hook. */
  hookedFor(s: A.ForStmt): void {
    let init = '';
    if (s.init?.kind === 'VarDecl') {
      const decl = s.init;
      init = decl.declarators
        .map((d) => {
          const sym = this.ann.syms.get(d)!;
          const v = d.init ? this.value(d.init, this.ann.boxValues.get(d)) : this.defaultValue(sym.type, decl.type);
          return this.initLocal(sym, v);
        })
        .join(', ');
    } else if (s.init) init = this.expr(s.init, true);
    this.loopRounds(s.body, () => this.forRounds(s, init));
  }

  /** A hooked `for` from its test on: the update is its own step (fused with it when it only counts an Integer). */
  private forRounds(s: A.ForStmt, init: string): void {
    const fusedUpdate = s.update ? this.fusedStep(s.span, s.update) : null;
    const again = fusedUpdate ? '' : this.stmtHook(s.span);
    const test = s.test ? this.expr(s.test) : '';
    const update = fusedUpdate ?? (s.update ? `(${again}, ${this.expr(s.update, true)})` : again);
    this.emit(`for (${init}; ${test}; ${update}) {`, s.span);
    this.roundBody(s.body);
    this.emit('}');
  }

  /** Hooked `try`: `$h.ti()`/`$h.to()` count the active try blocks, to tell caught exceptions from uncaught ones. */
  hookedTry(s: A.TryStmt): void {
    this.emit('try {', s.span);
    if (this.traced) this.bodyStmt(s.body);
    else {
      this.indent++;
      this.emit('$h.ti();');
      this.emit('try {');
      this.bodyStmt(s.body);
      this.emit('} finally {');
      this.emit('  $h.to();');
      this.emit('}');
      this.indent--;
    }
    this.emit('} catch ($e) {', s.handler.span);
    this.indent++;
    // traced mode: the calls the exception ended return here (see CompileMode)
    if (this.traced) {
      this.dfn!.catches = true;
      this.emit('$h.unwind($dp);');
    }
    // the handler shares the scope of `error` and `errorLocation`
    this.inScope(() => {
      this.emit(`${this.initLocal(this.ann.errSyms.get(s)!, '$h.caught($e)')};`, s.handler.span);
      this.emit(`${this.initLocal(this.ann.locSyms.get(s)!, '$h.location($e)')};`, s.handler.span);
      for (const x of s.handler.body) this.stmt(x);
    });
    this.indent--;
    this.emit('}');
  }
  /**
   * A long `if … else if …` chain as a labelled block of flat `if`s, each leaving the block when
   * its branch ran: the same order of tests and the same branches, at any length.
   */
  private longIfChain(s: A.IfStmt): void {
    const label = `$chain${++chainLabels}`;
    this.emit(`${label}: {`, s.span);
    let e: A.Stmt | null = s;
    let first = true;
    while (e) {
      if (e.kind === 'If') {
        const test = !first && this.dfn ? `(${this.stmtHook(e.span)}, ${this.expr(e.test)})` : this.expr(e.test);
        this.emit(`if (${test}) {`, e.span);
        this.bodyStmt(e.then);
        this.emit(`break ${label};`);
        this.emit('}');
        first = false;
        e = e.else;
      } else {
        this.emit('{', e.span);
        this.bodyStmt(e);
        this.emit('}');
        e = null;
      }
    }
    this.emit('}');
  }
}
