// Compiles a checked AST to the body of one JavaScript function. CRMScript functions become JS
// functions, structs JS classes, variables JS locals; Integer arithmetic wraps to 32 bits.
// Every statement starts a new line of generated code, and `lineMap` maps generated lines back
// to the statement's source position, so a runtime error's JS stack frame names the script line.
import type * as A from '../grammar/ast.js';
import { ann, type CheckResult, type FnInfo, type StructInfo, type VarSym } from './checker.js';
import type { NativeFn } from './stdlib/registry.js';
import { catalog } from './catalog.js';
import { isArray, baseOf, UNKNOWN } from './types.js';

export interface SourcePos {
  file?: string;
  line: number;
  col: number;
}

export interface CompiledProgram {
  /** Body of `new Function('$h', '$n', '$S', code)`. */
  code: string;
  /** Generated line (1-based, within `code`) → source position of the statement. */
  lineMap: (SourcePos | null)[];
  /**
   * Native implementations referenced by index from the code ($n[i]), by key:
   * 'G:name(T1)' global, 'M:Class:name(T1)' method or updater, 'C:Class:(T1)' constructor,
   * 'D:Class' default value, 'K:Class' compare.
   */
  natives: string[];
  /** The entry file name, for error messages. */
  file: string;
}

/** Statement hook mode: 'fast' emits none; 'hooked' calls $h.stmt(id) before each statement (debugger, tracer). */
export type CompileMode = 'fast' | 'hooked';

interface FnCtx {
  temps: number;
}

const JS_STR = (s: string): string => JSON.stringify(s);

export function compile(program: A.Program, checked: CheckResult, file: string, mode: CompileMode = 'fast'): CompiledProgram {
  return new Compiler(file, mode).program(program, checked);
}

class Compiler {
  lines: string[] = [];
  map: (SourcePos | null)[] = [];
  natives: string[] = [];
  nativeIndex = new Map<string, number>();
  indent = 0;
  fctx: FnCtx = { temps: 0 };
  cat = catalog();
  constructor(
    public file: string,
    public mode: CompileMode,
  ) {}

  emit(text: string, span: A.Span | null = null): void {
    this.lines.push('  '.repeat(this.indent) + text);
    this.map.push(span ? { file: span.file, line: span.line, col: span.col } : null);
  }

  program(p: A.Program, checked: CheckResult): CompiledProgram {
    this.emit('"use strict";');
    // structs and functions first (their declarations are hoisted in JS; the checker already
    // enforced declare-before-use), then the top-level statements
    for (const item of p.body) {
      if (item.kind === 'StructDecl') this.struct(ann(item).struct!);
      else if (item.kind === 'FunctionDecl') this.func(ann(item).fn!);
    }
    void checked; // structs and functions are reached through the AST annotations
    const mainStart = this.lines.length;
    const saved = this.fctx;
    this.fctx = { temps: 0 };
    for (const item of p.body) if (item.kind !== 'StructDecl' && item.kind !== 'FunctionDecl') this.stmt(item);
    this.declareTemps(mainStart);
    this.fctx = saved;
    return { code: this.lines.join('\n'), lineMap: this.map, natives: this.natives, file: this.file };
  }

  declareTemps(at: number): void {
    if (!this.fctx.temps) return;
    const names = Array.from({ length: this.fctx.temps }, (_, i) => `$t${i}`).join(', ');
    this.lines.splice(at, 0, '  '.repeat(this.indent) + `let ${names};`);
    this.map.splice(at, 0, null);
  }

  temp(): string {
    return `$t${this.fctx.temps++}`;
  }

  native(key: string, impl: NativeFn | undefined, what: string): string {
    if (!impl) return `$h.unavailable(${JS_STR(what)})`; // throws when called, not before
    let i = this.nativeIndex.get(key);
    if (i === undefined) {
      i = this.natives.length;
      this.natives.push(key);
      this.nativeIndex.set(key, i);
    }
    return `$n[${i}]`;
  }

  // ------------------------------------------------------------ declarations

  struct(s: StructInfo): void {
    const d = s.decl;
    this.emit(`class ${s.js} {`, d.span);
    this.indent++;
    this.emit('constructor() {', d.span);
    this.indent++;
    for (const [, f] of s.fields) {
      const init = f.decl.init ? this.value(f.decl.init, ann(f.decl).boxValue) : this.defaultValue(f.type, f.decl.type);
      this.emit(`this.${f.js} = ${init};`, f.decl.span);
    }
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
    return fn.decl.params.map((p) => ann(p).sym!.js).join(', ');
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
    for (const s of fn.decl.body.body) this.stmt(s);
    if (fn.ret !== 'Void' && fn.ret !== UNKNOWN) this.emit(`return ${this.defaultValue(fn.ret, null)};`);
    this.declareTemps(start);
    this.fctx = saved;
    this.indent--;
    this.emit('}');
  }

  defaultValue(t: string, ref: A.TypeRef | null): string {
    if (isArray(t)) {
      const dims = ref ? ref.dims : [];
      if (dims.some((d) => d !== null)) {
        return `$h.mkArray(${JSON.stringify(dims)}, () => ${this.defaultValue(baseOf(t), null)})`;
      }
      return '[]';
    }
    switch (t) {
      case 'Integer':
      case 'Float':
        return '-0'; // the null number: counts as 0, isNull() tells it apart
      case 'Byte':
        return '0';
      case 'Bool':
        return 'false';
      case 'String':
        return "''";
      case 'Generic':
        return "$h.box('Void', null)";
      case UNKNOWN:
        return 'null';
    }
    const cls = this.cat.get(t);
    if (cls?.native?.defaultValue) return `${this.native(`D:${t}`, cls.native.defaultValue, t)}()`;
    if (cls) return 'null';
    return `new S_${t}()`;
  }

  // ------------------------------------------------------------ statements

  hook(s: A.Stmt): void {
    if (this.mode === 'hooked') this.emit(`$h.stmt(${s.span.line}, ${s.span.col});`, s.span);
  }

  /** Emits a statement as the body of if/while/for, always braced. */
  bodyStmt(s: A.Stmt): void {
    this.indent++;
    if (s.kind === 'Block') for (const x of s.body) this.stmt(x);
    else this.stmt(s);
    this.indent--;
  }

  stmt(s: A.Stmt): void {
    if (s.kind !== 'Block' && s.kind !== 'Empty') this.hook(s);
    switch (s.kind) {
      case 'VarDecl':
        for (const d of s.declarators) {
          const sym = ann(d).sym!;
          const init = d.init ? this.value(d.init, ann(d).boxValue) : this.defaultValue(sym.type, s.type);
          this.emit(`let ${sym.js} = ${init};`, s.span);
        }
        return;
      case 'Block':
        this.emit('{', s.span);
        this.bodyStmt(s);
        this.emit('}');
        return;
      case 'If': {
        this.emit(`if (${this.expr(s.test)}) {`, s.span);
        this.bodyStmt(s.then);
        let e = s.else;
        while (e) {
          if (e.kind === 'If') {
            this.emit(`} else if (${this.expr(e.test)}) {`, e.span);
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
        this.emit(`while (${this.expr(s.test)}) {`, s.span);
        this.bodyStmt(s.body);
        this.emit('}');
        return;
      case 'For': {
        let init = '';
        if (s.init?.kind === 'VarDecl') {
          init = 'let ' + s.init.declarators
            .map((d) => `${ann(d).sym!.js} = ${d.init ? this.value(d.init, ann(d).boxValue) : this.defaultValue(ann(d).sym!.type, (s.init as A.VarDecl).type)}`)
            .join(', ');
        } else if (s.init) init = this.expr(s.init, true);
        const test = s.test ? this.expr(s.test) : '';
        const update = s.update ? this.expr(s.update, true) : '';
        this.emit(`for (${init}; ${test}; ${update}) {`, s.span);
        this.bodyStmt(s.body);
        this.emit('}');
        return;
      }
      case 'Foreach':
        this.emit(`for (let ${ann(s).sym!.js} of ${this.expr(s.iterable)}) {`, s.span);
        this.bodyStmt(s.body);
        this.emit('}');
        return;
      case 'Break':
        this.emit('break;', s.span);
        return;
      case 'Continue':
        this.emit('continue;', s.span);
        return;
      case 'Return':
        this.emit(s.value ? `return ${this.value(s.value, ann(s).boxValue)};` : 'return;', s.span);
        return;
      case 'Try': {
        this.emit('try {', s.span);
        this.bodyStmt(s.body);
        this.emit('} catch ($e) {', s.handler.span);
        this.indent++;
        this.emit(`let ${ann(s).errSym!.js} = $h.caught($e);`, s.handler.span);
        this.emit(`let ${ann(s).locSym!.js} = $h.location($e);`, s.handler.span);
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

  // ------------------------------------------------------------ expressions

  /** An expression stored somewhere typed Generic is boxed with its static type. */
  value(e: A.Expr, box: string | null | undefined): string {
    const v = this.expr(e);
    return box ? `$h.box(${JS_STR(box)}, ${v})` : v;
  }

  symRef(sym: VarSym): string {
    return sym.kind === 'field' ? `this.${sym.js}` : sym.js;
  }

  /** Compiles an expression; `discard` when its value is not used (lets ++ skip a temporary). */
  expr(e: A.Expr, discard = false): string {
    switch (e.kind) {
      case 'Integer':
        return e.value === 0 ? '0' : String(e.value | 0);
      case 'Float':
        return String(e.value);
      case 'String':
        return JS_STR(e.value);
      case 'Bool':
        return String(e.value);
      case 'This':
        return 'this';
      case 'Identifier':
        return this.symRef(ann(e).sym!);
      case 'Unary': {
        const v = this.expr(e.operand);
        if (e.op === '!') return `!${v}`;
        if (e.op === '+') return v;
        return ann(e).ty === 'Float' ? `(-${v})` : `(-${v} | 0)`;
      }
      case 'Binary':
        return this.binary(e.op, e.left, this.expr(e.left), e.right, this.expr(e.right), ann(e).ty!);
      case 'Update':
        return this.update(e, discard);
      case 'Assign':
        return this.assign(e, discard);
      case 'Index':
        return `$h.idx(${this.expr(e.object)}, ${this.expr(e.index)})`;
      case 'Member': {
        const a = ann(e);
        if (a.enumValue !== undefined) return String(a.enumValue);
        return `${this.expr(e.object)}.${a.field!.js}`;
      }
      case 'Call':
        return this.call(e);
    }
  }

  binary(op: A.BinaryOp, le: A.Expr, l: string, re: A.Expr, r: string, ty: string): string {
    const lt = ann(le).ty!;
    const rt = ann(re).ty!;
    switch (op) {
      case '&&':
      case '||':
        return `(${l} ${op} ${r})`;
      case '==':
      case '!=':
      case '<':
      case '>':
      case '<=':
      case '>=': {
        const jsop = op === '==' ? '===' : op === '!=' ? '!==' : op;
        const cmp = lt === rt ? this.cat.get(lt)?.native?.compare : undefined;
        if (cmp) return `(${this.native(`K:${lt}`, cmp, lt)}(${l}, ${r}) ${jsop} 0)`;
        return `(${l} ${jsop} ${r})`;
      }
      case '+':
        if (ty === 'Integer') return `((${l} + ${r}) | 0)`;
        return `(${l} + ${r})`;
      case '-':
        return ty === 'Integer' ? `((${l} - ${r}) | 0)` : `(${l} - ${r})`;
      case '*':
        return ty === 'Integer' ? `Math.imul(${l}, ${r})` : `(${l} * ${r})`;
      case '/':
        return ty === 'Integer' ? `$h.idiv(${l}, ${r})` : `$h.fdiv(${l}, ${r})`;
      case '%':
        return `$h.imod(${l}, ${r})`;
    }
  }

  /** An lvalue as a re-readable reference plus the set-up (temporaries) it needs. */
  lref(e: A.Expr): { setup: string[]; get: string; set: (v: string) => string } {
    if (e.kind === 'Identifier') {
      const r = this.symRef(ann(e).sym!);
      return { setup: [], get: r, set: (v) => `${r} = ${v}` };
    }
    if (e.kind === 'Member') {
      const obj = this.simple(e.object);
      const r = `${obj.ref}.${ann(e).field!.js}`;
      return { setup: obj.setup, get: r, set: (v) => `${r} = ${v}` };
    }
    if (e.kind === 'Index') {
      const obj = this.simple(e.object);
      const idx = this.simple(e.index);
      return {
        setup: [...obj.setup, ...idx.setup],
        get: `$h.idx(${obj.ref}, ${idx.ref})`,
        set: (v) => `$h.setIdx(${obj.ref}, ${idx.ref}, ${v})`,
      };
    }
    throw new Error('internal: not an lvalue');
  }

  /** Evaluates once into a temporary unless the expression is a plain variable or `this`. */
  simple(e: A.Expr): { setup: string[]; ref: string } {
    const v = this.expr(e);
    if (e.kind === 'Identifier' || e.kind === 'This' || e.kind === 'Integer') return { setup: [], ref: v };
    const t = this.temp();
    return { setup: [`${t} = ${v}`], ref: t };
  }

  seq(parts: string[]): string {
    return parts.length === 1 ? parts[0] : `(${parts.join(', ')})`;
  }

  assign(e: A.AssignExpr, discard: boolean): string {
    const ref = this.lref(e.target);
    const tt = ann(e.target).ty!;
    let v: string;
    if (e.op === '=') v = this.value(e.value, ann(e).boxValue);
    else {
      const op = e.op[0] as A.BinaryOp;
      const res = op === '+' && tt === 'String' ? 'String' : tt === 'Float' || ann(e.value).ty === 'Float' ? 'Float' : tt;
      v = this.binary(op, e.target, ref.get, e.value, this.expr(e.value), res === 'Byte' ? 'Integer' : res);
    }
    const set = ref.set(v);
    void discard;
    return this.seq([...ref.setup, set]);
  }

  update(e: A.UpdateExpr, discard: boolean): string {
    const ref = this.lref(e.target);
    const isInt = ann(e.target).ty !== 'Float';
    const step = (x: string): string => (isInt ? `((${x} ${e.op[0]} 1) | 0)` : `(${x} ${e.op[0]} 1)`);
    if (discard || e.prefix) return this.seq([...ref.setup, ref.set(step(ref.get))]);
    const t = this.temp();
    return `(${[...ref.setup, `${t} = ${ref.get}`, ref.set(step(t)), t].join(', ')})`;
  }

  args(e: A.CallExpr): string[] {
    const box = ann(e).box;
    return e.args.map((a, i) => this.value(a, box?.[i] ?? null));
  }

  call(e: A.CallExpr): string {
    const t = ann(e).target!;
    const args = this.args(e);
    const callee = e.callee;
    switch (t.k) {
      case 'fn':
        if (t.fn.struct) {
          const recv = callee.kind === 'Member' ? this.expr(callee.object) : 'this';
          return `${recv}.${t.fn.js}(${args.join(', ')})`;
        }
        return `${t.fn.js}(${args.join(', ')})`;
      case 'newStruct':
        return `new ${t.struct.js}()`;
      case 'ctor':
        return `${this.native(`C:${t.cls}:${t.sig.key}`, t.impl, `${t.cls}${t.sig.key}`)}(${args.join(', ')})`;
      case 'global': {
        const f = this.native(`G:${t.sig.key}`, t.impl, t.sig.name);
        if (t.scopeLookup) args.push(this.lookupFn(ann(e).visible ?? []));
        return `${f}(${args.join(', ')})`;
      }
      case 'native': {
        const m = callee as A.MemberExpr;
        const f = this.native(`M:${t.cls}:${t.sig.key}`, t.impl, `${t.cls}.${t.sig.name}`);
        if (t.updater && (m.object.kind === 'Identifier' || m.object.kind === 'Member' || m.object.kind === 'Index') && (m.object.kind !== 'Member' || ann(m.object).field)) {
          const ref = this.lref(m.object);
          return this.seq([...ref.setup, ref.set(`${f}(${[ref.get, ...args].join(', ')})`)]);
        }
        return `${f}(${[this.expr(m.object), ...args].join(', ')})`;
      }
      case 'array':
        return this.arrayCall(t.op, t.elem, this.expr((callee as A.MemberExpr).object), args);
      case 'structBuiltin':
        return `$h.${t.op === 'toJson' ? 'structToJson' : 'structFromXMLNode'}(${this.expr((callee as A.MemberExpr).object)}, ${args[0]})`;
    }
  }

  lookupFn(vars: VarSym[]): string {
    const cases = vars.map((v) => `n === ${JS_STR(v.name)} ? $h.box(${JS_STR(v.type)}, ${this.symRef(v)}) : `).join('');
    return `((n) => ${cases}null)`;
  }

  arrayCall(op: string, elem: string, a: string, args: string[]): string {
    switch (op) {
      case 'length':
        return `${a}.length`;
      case 'pushBack':
        return `$h.push(${a}, ${args[0] ?? this.defaultValue(elem, null)})`;
      case 'pushFront':
        return `$h.unshift(${a}, ${args[0] ?? this.defaultValue(elem, null)})`;
      default:
        return `$h.arr_${op}(${[a, ...args].join(', ')})`;
    }
  }
}
