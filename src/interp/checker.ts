// The checker: names declared before use, static types, overload resolution, struct members,
// built-in classes and global functions. Its results are typed side tables (check/symbols.ts,
// `Annotations`) that the compiler reads. This file checks declarations and statements;
// expressions and calls are in check/.
import type * as A from '../grammar/ast.js';
import type { NativeTable } from './stdlib/registry.js';
import { UNKNOWN, PRIMITIVES, isArray, elemOf, fit } from './type-rules.js';
import { CallChecker } from './check/calls.js';
import { jsSafe, Scope, type CheckResult, type FnInfo, type StructInfo } from './check/symbols.js';

export type { Annotations, CallTarget, CheckResult, FnInfo, StructInfo, VarSym } from './check/symbols.js';

/** Checks a program against the built-ins of `natives` (stdlib/index.ts's `natives` on the run side). */
export function check(program: A.Program, natives: NativeTable): CheckResult {
  return new Checker(natives).run(program);
}

class Checker extends CallChecker {
  run(program: A.Program): CheckResult {
    for (const item of program.body) if (item.kind === 'FunctionDecl') this.laterFunctions.add(item.name);
    for (const item of program.body) {
      this.order++;
      if (item.kind === 'FunctionDecl') this.functionDecl(item, null);
      else if (item.kind === 'StructDecl') this.structDecl(item);
      else this.stmt(item);
    }
    return { diagnostics: this.diags, structs: [...this.structs.values()], functions: this.allFns, ann: this.ann, catalog: this.cat };
  }

  functionDecl(decl: A.FunctionDecl, struct: StructInfo | null): FnInfo {
    const ret = this.resolveType(decl.returnType, true);
    const params = decl.params.map((p) => this.resolveType(p.type));
    const table = struct ? struct.methods : this.functions;
    const list = table.get(decl.name) ?? [];
    if (list.some((f) => f.params.length === params.length && f.params.every((p, i) => p === params[i])))
      this.error(decl.nameSpan, `'${decl.name}' is already declared with the same parameter types`);
    const js = struct ? `m_${decl.name}_${list.length}` : `f_${decl.name}_${list.length}`;
    const fn: FnInfo = { name: decl.name, params, ret, js, decl, struct, order: this.order };
    list.push(fn);
    table.set(decl.name, list);
    this.allFns.push(fn);
    this.ann.fns.set(decl, fn);

    const saved = { scope: this.scope, fn: this.fn, struct: this.struct, loops: this.loops, jsNames: this.jsNames };
    this.fn = fn;
    this.struct = struct;
    this.loops = 0;
    this.jsNames = new Set();
    this.scope = new Scope(struct ? this.structScope(struct) : this.globals);
    decl.params.forEach((p, i) => {
      const sym = this.declareVar(p.name, params[i], p.span);
      this.ann.syms.set(p, sym);
    });
    this.block(decl.body, false);
    Object.assign(this, saved);
    return fn;
  }

  /** Inside a method, the struct's fields are visible by their bare names. */
  structScope(struct: StructInfo): Scope {
    const s = new Scope(this.globals);
    for (const [name, f] of struct.fields) s.vars.set(name, { name, type: f.type, js: f.js, kind: 'field', order: -1, global: false });
    return s;
  }

  structDecl(decl: A.StructDecl): void {
    if (this.structs.has(decl.name) || this.cat.has(decl.name) || PRIMITIVES.has(decl.name))
      this.error(decl.nameSpan, `'${decl.name}' is already the name of a type`);
    const info: StructInfo = { name: decl.name, js: `S_${jsSafe(decl.name)}`, fields: new Map(), methods: new Map(), decl, order: this.order };
    this.ann.structs.set(decl, info);
    for (const f of decl.fields) {
      const type = f.type.name === decl.name ? (this.error(f.type.span, `a struct cannot contain itself ('${decl.name}')`), UNKNOWN) : this.resolveType(f.type);
      if (info.fields.has(f.name)) this.error(f.span, `field '${f.name}' is declared twice`);
      info.fields.set(f.name, { type, js: `f_${jsSafe(f.name)}`, decl: f });
    }
    this.structs.set(decl.name, info);
    for (const f of decl.fields) {
      if (!f.init) continue;
      const saved = this.scope;
      this.scope = new Scope(this.globals);
      const t = this.expr(f.init);
      this.scope = saved;
      this.ann.boxValues.set(f, this.assignable(t, info.fields.get(f.name)!.type, f.init.span, `field '${f.name}'`));
    }
    for (const m of decl.methods) this.functionDecl(m, info);
  }

  // ------------------------------------------------------------ statements

  block(b: A.Block, newScope = true): void {
    if (newScope) this.scope = new Scope(this.scope);
    for (const s of b.body) this.stmt(s);
    if (newScope) this.scope = this.scope.parent!;
  }

  /** A statement that is the body of if/while/for: gets its own scope even without braces. */
  body(s: A.Stmt): void {
    this.scope = new Scope(this.scope);
    if (s.kind === 'Block') this.block(s, false);
    else this.stmt(s);
    this.scope = this.scope.parent!;
  }

  condition(e: A.Expr): void {
    const t = this.expr(e);
    if (t !== 'Bool' && t !== UNKNOWN) this.error(e.span, `a condition must be Bool, not ${t}`);
  }

  stmt(s: A.Stmt): void {
    switch (s.kind) {
      case 'VarDecl':
        return this.varDecl(s);
      case 'Block':
        return this.block(s);
      case 'If': {
        // an `else if` chain is walked as a list: any length checks without deep recursion
        let branch: A.Stmt | null = s;
        for (; branch?.kind === 'If'; branch = branch.else) {
          this.condition(branch.test);
          this.body(branch.then);
        }
        if (branch) this.body(branch);
        return;
      }
      case 'While':
        this.condition(s.test);
        this.loops++;
        this.body(s.body);
        this.loops--;
        return;
      case 'For':
        this.scope = new Scope(this.scope);
        if (s.init) {
          if (s.init.kind === 'VarDecl') this.varDecl(s.init);
          else this.expr(s.init);
        }
        if (s.test) this.condition(s.test);
        if (s.update) this.expr(s.update);
        this.loops++;
        this.body(s.body);
        this.loops--;
        this.scope = this.scope.parent!;
        return;
      case 'Foreach': {
        const t = this.expr(s.iterable);
        const vt = this.resolveType(s.varType);
        if (t !== UNKNOWN && !isArray(t)) this.error(s.iterable.span, `foreach needs an array, not ${t}`);
        else if (t !== UNKNOWN && vt !== UNKNOWN && fit(elemOf(t), vt) < 0)
          this.error(s.varType.span, `the loop variable is ${vt} but the array holds ${elemOf(t)}`);
        this.scope = new Scope(this.scope);
        this.ann.syms.set(s, this.declareVar(s.varName, vt, s.span));
        this.loops++;
        this.body(s.body);
        this.loops--;
        this.scope = this.scope.parent!;
        return;
      }
      case 'Break':
      case 'Continue':
        if (!this.loops) this.error(s.span, `'${s.kind.toLowerCase()}' is only allowed inside a loop`);
        return;
      case 'Return': {
        const want = this.fn ? this.fn.ret : 'Void';
        if (s.value) {
          const t = this.expr(s.value);
          if (want === 'Void') {
            // `return f();` where f is Void is accepted (SuperOffice's own library does it)
            if (this.fn && t !== 'Void' && t !== UNKNOWN) this.error(s.value.span, `function '${this.fn.name}' returns Void and cannot return a value`);
          } else this.ann.boxValues.set(s, this.assignable(t, want, s.value.span, 'the return value'));
        } else if (want !== 'Void' && want !== UNKNOWN) this.error(s.span, `function '${this.fn!.name}' must return a ${want}`);
        return;
      }
      case 'Try':
        this.block(s.body);
        this.scope = new Scope(this.scope);
        this.ann.errSyms.set(s, this.declareVar('error', 'String', s.handler.span));
        this.ann.locSyms.set(s, this.declareVar('errorLocation', 'String', s.handler.span));
        this.block(s.handler, false);
        this.scope = this.scope.parent!;
        return;
      case 'Throw': {
        const t = this.expr(s.value);
        if (t !== 'String' && t !== UNKNOWN) this.error(s.value.span, `throw needs a String, not ${t}`);
        return;
      }
      case 'ExprStmt':
        this.expr(s.expr);
        return;
      case 'Empty':
        return;
    }
  }

  varDecl(d: A.VarDecl): void {
    const t = this.resolveType(d.type);
    for (const dc of d.declarators) {
      if (dc.init) {
        const vt = this.expr(dc.init);
        this.ann.boxValues.set(dc, this.assignable(vt, t, dc.init.span, `'${dc.name}'`));
        if (d.type.dims.some((x) => x !== null)) this.error(dc.init.span, 'an array with a fixed size cannot have an initializer');
      }
      this.ann.syms.set(dc, this.declareVar(dc.name, t, dc.span));
    }
  }
}
