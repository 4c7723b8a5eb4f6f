// Compiles a checked AST to the body of one JavaScript function. CRMScript functions become JS
// functions, structs JS classes, variables JS locals; Integer arithmetic wraps to 32 bits.
// Every statement starts a new line of generated code, and `lineMap` maps generated lines back
// to the statement's source position, so a runtime error's JS stack frame names the script line.
import type * as A from '../grammar/ast.js';
import { ann, type CheckResult, type FnInfo, type StructInfo, type VarSym } from './checker.js';
import type { NativeFn } from './stdlib/registry.js';
import type { Catalog } from './catalog.js';
import { isArray, baseOf, UNKNOWN } from './types.js';

export interface SourcePos {
  file?: string;
  line: number;
  col: number;
}

/** A variable of a function as the debugger sees it. */
export interface DebugLocal {
  name: string;
  type: string;
  /** The block scope (index into DebugFn.scopes) that declares it. */
  scope: number;
  /** Main body only: the top-level position of a global (checker's VarSym.order); absent for block locals. */
  global?: number;
}

/** A function (or the main body, fns[0]) of a hooked program. */
export interface DebugFn {
  /** 'fib', 'Point.move', or '(main)'. */
  name: string;
  file?: string;
  line: number;
  /** Struct name for methods: locals[0] is then `this`. */
  struct?: string;
  /** How many leading locals are `this` and the parameters (set on entry). */
  params: number;
  /** Checker's top-level order: the globals a function sees are those declared before it (-1 for the main body). */
  order: number;
  /**
   * Every variable of the function in declaration order (`this`, parameters, then locals); the
   * compiled code keeps their current values at these indices of the frame array `$h.enter` gave it.
   */
  locals: DebugLocal[];
  /** Parent of each block scope; scope 0 is the function's own (parent -1). */
  scopes: number[];
}

/** A statement of a hooked program; its index is the id passed to `$h.stmt(id)`. */
export interface DebugStmt {
  file?: string;
  line: number;
  col: number;
  fn: number;
  scope: number;
  /** How many of the function's locals were declared before this statement. */
  declared: number;
}

export interface DebugInfo {
  stmts: DebugStmt[];
  fns: DebugFn[];
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
  /** Hooked mode only: statement and function tables for the debugger and tracer. */
  debug?: DebugInfo;
}

/**
 * Statement hook mode: 'fast' emits none; 'hooked' calls `$h.stmt(id)` before each statement
 * (id = index in `debug.stmts`), keeps a call stack with `$f = $h.enter(fnId, this?, params...)`
 * / `$h.leave()` (see hookedBody), reports exceptions leaving a function with `$h.thrown(e)` and
 * counts active script `try` blocks with `$h.ti()` / `$h.to()` (debugger, tracer).
 *
 * Locals stay JS locals (hoisted to the top of the function, declarations become assignments),
 * and every assignment to one also stores the value into the frame array `$f` that `enter`
 * returned, at the local's index in DebugFn.locals (`$f[2] = l_x = ...`); the main body's frame is
 * `$g`, which functions write when they assign a global. The hooks read a frame's variables from
 * that array: unlike a closure per call (which forces the function's locals into a heap context),
 * an array the hooks can reuse per call depth costs nothing to create. The slots of locals not yet
 * declared may hold values of an earlier call; the hooks show a local only once it is declared.
 * `enter` may return nothing (hooks that keep no frames); the code then uses a throw-away array.
 */
export type CompileMode = 'fast' | 'hooked';

interface FnCtx {
  temps: number;
}

/** Hooked mode: the function being compiled. */
interface DbgCtx {
  id: number;
  info: DebugFn;
  scope: number;
  /** JS names of the hoisted locals (not parameters). */
  hoisted: string[];
}

/** How many of `this` and the parameters a hooked function passes to `$h.enter` (the rest it stores into its frame). */
export const ENTER_ARGS = 2;

/** Hooked compilations so far in this process (see Compiler.program). */
let hookedCompilations = 0;

// Small code-generation shortcuts for the fast path (kernels): an identifier or number literal
// can be read twice, so bounds checks and division checks are written inline and the helper is
// called only to raise the error. Helpers shared by every call site see every element kind and
// stop being optimised; inline code keeps each site's own.
const SIMPLE_JS = /^(?:[A-Za-z_$][\w$]*|\d+(?:\.\d+)?)$/;
const NONZERO_LITERAL = /^(?:0*[1-9]\d*(?:\.\d+)?|0*\.\d*[1-9]\d*|0+\.\d*[1-9]\d*)$/;
const PRIMITIVE_DEFAULT = /^(?:-0|0|false|''|"")$/;

/** An expression whose evaluation changes nothing (no call, assignment or ++/--). */
function noEffects(e: A.Expr): boolean {
  switch (e.kind) {
    case 'Identifier':
    case 'Integer':
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

/** `a[i]` with its bounds check inline when both are simple; else through $h.idx. */
function inlineIdx(a: string, i: string): string {
  if (!SIMPLE_JS.test(a) || !SIMPLE_JS.test(i)) return `$h.idx(${a}, ${i})`;
  return `(${i} >= 0 && ${i} < ${a}.length ? ${a}[${i}] : $h.idx(${a}, ${i}))`;
}

/** Marks the frame index of a global assigned before the main body (which numbers them) is compiled. */
const PENDING = '\u0001';

const JS_STR = (s: string): string => JSON.stringify(s);

export function compile(program: A.Program, checked: CheckResult, file: string, mode: CompileMode = 'fast'): CompiledProgram {
  return new Compiler(file, mode, checked.catalog).program(program, checked);
}

/** A compiled debugger evaluation: `new Function('$h', '$n', '$S', '$F', code)` returns the function to call. */
export interface CompiledEval {
  code: string;
  natives: string[];
}

/**
 * Compiles one function of a checked program for the debugger's evaluate, without hooks. Struct
 * classes and user functions come from the running program ($S by struct name, $F by JS name),
 * so an evaluation calls the real functions, which see the real globals.
 */
export function compileEval(program: A.Program, checked: CheckResult, fn: FnInfo, file: string): CompiledEval {
  const c = new Compiler(file, 'fast', checked.catalog);
  c.emit('"use strict";');
  c.emit('let $d; // the divisor of an inline-checked division');
  for (const item of program.body) {
    if (item.kind === 'StructDecl') c.emit(`const ${ann(item).struct!.js} = $S.get(${JS_STR(item.name)});`);
    else if (item.kind === 'FunctionDecl' && ann(item).fn !== fn) c.emit(`const ${ann(item).fn!.js} = $F.${ann(item).fn!.js};`);
    else if (item.kind === 'VarDecl') for (const d of item.declarators) c.emit(`let ${ann(d).sym!.js};`);
  }
  c.funcBody(fn, `return function (${c.params(fn)}) {`);
  return { code: c.lines.join('\n'), natives: c.natives };
}

class Compiler {
  hooked: boolean;
  dbg: DebugInfo = { stmts: [], fns: [] };
  dfn: DbgCtx | null = null;
  /** Hooked mode: function locals renamed so hoisting them cannot shadow a global. */
  rename = new Map<VarSym, string>();
  /** Hooked mode: the frame slot of each variable, e.g. `$f[2]` or `$g[0]`. */
  slots = new Map<VarSym, string>();
  /** Hooked mode: globals assigned by functions compiled before the main body gave them a slot. */
  pendingSlots: VarSym[] = [];
  lines: string[] = [];
  map: (SourcePos | null)[] = [];
  natives: string[] = [];
  nativeIndex = new Map<string, number>();
  indent = 0;
  fctx: FnCtx = { temps: 0 };
  constructor(
    public file: string,
    public mode: CompileMode,
    public cat: Catalog,
  ) {
    this.hooked = mode === 'hooked';
  }

  emit(text: string, span: A.Span | null = null): void {
    this.lines.push('  '.repeat(this.indent) + text);
    this.map.push(span ? { file: span.file, line: span.line, col: span.col } : null);
  }

  program(p: A.Program, checked: CheckResult): CompiledProgram {
    if (this.hooked) this.dbg.fns.push({ name: '(main)', line: 1, order: -1, params: 0, locals: [], scopes: [-1] });
    this.emit('"use strict";');
    this.emit('let $d; // the divisor of an inline-checked division');
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
    if (this.hooked) {
      const fns = p.body.filter((i): i is A.FunctionDecl => i.kind === 'FunctionDecl').map((i) => ann(i).fn!.js);
      this.emit(`$h.fnTable({ ${fns.map((f) => `${f}: ${f}`).join(', ')} });`);
      this.hookedBody(0, this.dbg.fns[0], mainStart + 1, () => {
        for (const item of p.body) if (item.kind !== 'StructDecl' && item.kind !== 'FunctionDecl') this.stmt(item);
      });
    } else {
      for (const item of p.body) if (item.kind !== 'StructDecl' && item.kind !== 'FunctionDecl') this.stmt(item);
      this.declareTemps(mainStart);
    }
    this.fctx = saved;
    // V8 shares the type feedback of code built from identical text (`new Function` caches it).
    // Hooked code runs with different hooks (debugger, tracer), and calls that saw two hook
    // implementations are no longer inlined: a distinct last line keeps compilations apart.
    if (this.hooked) this.emit(`// hooked compilation ${++hookedCompilations}`);
    if (this.pendingSlots.length) {
      // every global has its slot now; -1 (a harmless property) only if one never got one
      const at = (i: number): string => /\[(\d+)\]$/.exec(this.slots.get(this.pendingSlots[i]) ?? '')?.[1] ?? '-1';
      this.lines = this.lines.map((l) => (l.includes(PENDING) ? l.replace(/\u0001(\d+)\u0001/g, (_, i: string) => at(Number(i))) : l));
    }
    const out: CompiledProgram = { code: this.lines.join('\n'), lineMap: this.map, natives: this.natives, file: this.file };
    if (this.hooked) out.debug = this.dbg;
    return out;
  }

  /**
   * Hooked mode: compiles a function body (or the main body) wrapped so that the call stack and
   * its locals are visible to the debugger: `let <locals>; const $f = $h.enter(id, this, <params>)
   * || []; try { body } catch (e) { $h.thrown(e); throw e; } finally { $h.leave(); }`. `enter`
   * stores the first ENTER_ARGS of `this` and the parameters into the frame itself (and the
   * tracer records them there, without reading them back); the code stores the others.
   */
  hookedBody(id: number, info: DebugFn, start: number, body: () => void, params: VarSym[] = []): void {
    const savedDbg = this.dfn;
    const d: DbgCtx = { id, info, scope: 0, hoisted: [] };
    this.dfn = d;
    const frame = id === 0 ? '$g' : '$f';
    const args: string[] = [];
    const init: string[] = [];
    const initial = (i: number, js: string): void => {
      if (i < ENTER_ARGS) args.push(js);
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
    const pad = '  '.repeat(this.indent);
    const decl = [...d.hoisted, ...Array.from({ length: this.fctx.temps }, (_, i) => `$t${i}`)];
    // a function without variables writes no frame slot (the main body's `$g` is always there for functions)
    const call = `$h.enter(${[String(id), ...args].join(', ')})`;
    const enter = id !== 0 && info.locals.length === 0 ? `${call};` : `const ${frame} = ${call} || [];`;
    const head = [pad + enter, ...init.map((x) => pad + x)];
    if (decl.length) head.unshift(`${pad}let ${decl.join(', ')};`);
    this.lines.splice(start, 0, ...head);
    this.map.splice(start, 0, ...head.map(() => null));
    this.dfn = savedDbg;
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
    return `${this.slots.get(sym)!} = ${js} = ${value}`;
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
    const body = (): void => {
      for (const s of fn.decl.body.body) this.stmt(s);
      if (fn.ret !== 'Void' && fn.ret !== UNKNOWN) this.emit(`return ${this.defaultValue(fn.ret, null)};`);
    };
    if (this.hooked) {
      const span = fn.decl.span;
      const info: DebugFn = { name: fn.struct ? `${fn.struct.name}.${fn.name}` : fn.name, file: span.file, line: span.line, order: fn.order, params: 0, locals: [], scopes: [-1] };
      if (fn.struct) info.struct = fn.struct.name;
      this.dbg.fns.push(info);
      this.hookedBody(this.dbg.fns.length - 1, info, start, body, fn.decl.params.map((p) => ann(p).sym!));
    } else {
      body();
      this.declareTemps(start);
    }
    this.fctx = saved;
    this.indent--;
    this.emit('}');
  }


  defaultValue(t: string, ref: A.TypeRef | null): string {
    if (isArray(t)) {
      const dims = ref ? ref.dims : [];
      if (dims.some((d) => d !== null)) {
        const init = this.defaultValue(baseOf(t), null);
        // one fixed dimension of a value type: filled at once, not by a call per element
        if (dims.length === 1 && PRIMITIVE_DEFAULT.test(init)) return `new Array(${dims[0]}).fill(${init})`;
        return `$h.mkArray(${JSON.stringify(dims)}, () => ${init})`;
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
    if (this.dfn) this.emit(`$h.stmt(${this.stmtId(s.span)});`, s.span);
  }

  /** Emits a statement as the body of if/while/for, always braced. */
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

  stmt(s: A.Stmt): void {
    if (s.kind !== 'Block' && s.kind !== 'Empty' && !(this.dfn && s.kind === 'While')) this.hook(s);
    switch (s.kind) {
      case 'VarDecl':
        for (const d of s.declarators) {
          const sym = ann(d).sym!;
          const init = d.init ? this.value(d.init, ann(d).boxValue) : this.defaultValue(sym.type, s.type);
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
        this.emit(`if (${this.expr(s.test)}) {`, s.span);
        this.bodyStmt(s.then);
        let e = s.else;
        while (e) {
          if (e.kind === 'If') {
            // hooked: an `else if` test is a statement of its own
            const test = this.dfn ? `($h.stmt(${this.stmtId(e.span)}), ${this.expr(e.test)})` : this.expr(e.test);
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
        if (this.dfn) this.emit(`while (($h.stmt(${this.stmtId(s.span)}), ${this.expr(s.test)})) {`, s.span);
        else this.emit(`while (${this.expr(s.test)}) {`, s.span);
        this.bodyStmt(s.body);
        this.emit('}');
        return;
      case 'For':
        if (this.dfn) this.inScope(() => this.hookedFor(s));
        else {
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
        }
        return;
      case 'Foreach':
        if (this.dfn) {
          const iterable = this.expr(s.iterable);
          this.inScope(() => {
            const sym = ann(s).sym!;
            const js = this.declareLocal(sym);
            this.emit(`for (${js} of ${iterable}) {`, s.span);
            this.emit(`  ${this.slots.get(sym)!} = ${js};`);
            this.bodyStmt(s.body);
            this.emit('}');
          });
        } else {
          this.emit(`for (let ${ann(s).sym!.js} of ${this.expr(s.iterable)}) {`, s.span);
          this.bodyStmt(s.body);
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
        this.emit(s.value ? `return ${this.value(s.value, ann(s).boxValue)};` : 'return;', s.span);
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

  /** Hooked `for`: declarations become assignments; the update step re-runs the loop line's hook. */
  hookedFor(s: A.ForStmt): void {
    let init = '';
    if (s.init?.kind === 'VarDecl') {
      const decl = s.init;
      init = decl.declarators
        .map((d) => {
          const sym = ann(d).sym!;
          const v = d.init ? this.value(d.init, ann(d).boxValue) : this.defaultValue(sym.type, decl.type);
          return this.initLocal(sym, v);
        })
        .join(', ');
    } else if (s.init) init = this.expr(s.init, true);
    const again = `$h.stmt(${this.stmtId(s.span)})`;
    const test = s.test ? this.expr(s.test) : '';
    const update = s.update ? `(${again}, ${this.expr(s.update, true)})` : again;
    this.emit(`for (${init}; ${test}; ${update}) {`, s.span);
    this.bodyStmt(s.body);
    this.emit('}');
  }

  /** Hooked `try`: `$h.ti()`/`$h.to()` count the active try blocks, to tell caught exceptions from uncaught ones. */
  hookedTry(s: A.TryStmt): void {
    this.emit('try {', s.span);
    this.indent++;
    this.emit('$h.ti();');
    this.emit('try {');
    this.bodyStmt(s.body);
    this.emit('} finally {');
    this.emit('  $h.to();');
    this.emit('}');
    this.indent--;
    this.emit('} catch ($e) {', s.handler.span);
    this.indent++;
    // the handler shares the scope of `error` and `errorLocation`
    this.inScope(() => {
      this.emit(`${this.initLocal(ann(s).errSym!, '$h.caught($e)')};`, s.handler.span);
      this.emit(`${this.initLocal(ann(s).locSym!, '$h.location($e)')};`, s.handler.span);
      for (const x of s.handler.body) this.stmt(x);
    });
    this.indent--;
    this.emit('}');
  }

  // ------------------------------------------------------------ expressions

  /** An expression stored somewhere typed Generic is boxed with its static type. */
  value(e: A.Expr, box: string | null | undefined): string {
    const v = this.expr(e);
    return box ? `$h.box(${JS_STR(box)}, ${v})` : v;
  }

  symRef(sym: VarSym): string {
    if (sym.kind === 'field') return `this.${sym.js}`;
    return this.hooked ? (this.rename.get(sym) ?? sym.js) : sym.js;
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
        return inlineIdx(this.expr(e.object), this.expr(e.index));
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
        // a divisor known not to be zero needs no check
        if (NONZERO_LITERAL.test(r)) return ty === 'Integer' ? `((${l} / ${r}) | 0)` : `(${l} / ${r})`;
        if (SIMPLE_JS.test(l) && SIMPLE_JS.test(r)) return ty === 'Integer' ? `(${r} !== 0 ? (${l} / ${r}) | 0 : $h.idiv(${l}, ${r}))` : `(${r} !== 0 ? ${l} / ${r} : $h.fdiv(${l}, ${r}))`;
        // the divisor is kept in $d: it is computed first, which no one can tell when the
        // dividend is a plain name or number and the divisor changes nothing
        if (SIMPLE_JS.test(l) && noEffects(re)) return ty === 'Integer' ? `(($d = ${r}) !== 0 ? (${l} / $d) | 0 : $h.idiv(${l}, $d))` : `(($d = ${r}) !== 0 ? ${l} / $d : $h.fdiv(${l}, $d))`;
        return ty === 'Integer' ? `$h.idiv(${l}, ${r})` : `$h.fdiv(${l}, ${r})`;
      case '%':
        return NONZERO_LITERAL.test(r) ? `(${l} % ${r} | 0)` : `$h.imod(${l}, ${r})`;
    }
  }

  /** An lvalue as a re-readable reference plus the set-up (temporaries) it needs. */
  lref(e: A.Expr): { setup: string[]; get: string; set: (v: string) => string } {
    if (e.kind === 'Identifier') {
      const sym = ann(e).sym!;
      const r = this.symRef(sym);
      if (this.hooked && sym.kind !== 'field') return { setup: [], get: r, set: (v) => `${this.slotOf(sym)} = ${r} = ${v}` };
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
        get: inlineIdx(obj.ref, idx.ref),
        // a traced run records element writes through $h.setIdx
        set: (v) => (this.hooked || !SIMPLE_JS.test(obj.ref) || !SIMPLE_JS.test(idx.ref) ? `$h.setIdx(${obj.ref}, ${idx.ref}, ${v})` : `(${idx.ref} >= 0 && ${idx.ref} < ${obj.ref}.length ? (${obj.ref}[${idx.ref}] = ${v}) : $h.setIdx(${obj.ref}, ${idx.ref}, ${v}))`),
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
          const call = `${f}(${[ref.get, ...args].join(', ')})`;
          if (!t.take) return this.seq([...ref.setup, ref.set(call)]);
          const r = this.temp();
          return `(${[...ref.setup, `${r} = ${call}`, ref.set(`${r}[0]`), `${r}[1]`].join(', ')})`;
        }
        return `${f}(${[this.expr(m.object), ...args].join(', ')})${t.take ? '[1]' : ''}`;
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
        // a traced run records pushes through $h.push
        return this.hooked ? `$h.push(${a}, ${args[0] ?? this.defaultValue(elem, null)})` : `${a}.push(${args[0] ?? this.defaultValue(elem, null)})`;
      case 'pushFront':
        return `$h.unshift(${a}, ${args[0] ?? this.defaultValue(elem, null)})`;
      default:
        return `$h.arr_${op}(${[a, ...args].join(', ')})`;
    }
  }
}
