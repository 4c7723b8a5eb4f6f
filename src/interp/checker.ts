// The checker: names declared before use, static types, overload resolution, struct members,
// built-in classes and global functions. It annotates the AST (see `Ann`) for the compiler.
import type * as A from '../grammar/ast.js';
import { catalog, globalFunctions, type Catalog, type Signature, type CatalogClass } from './catalog.js';
import type { NativeFn, NativeTable } from './stdlib/registry.js';
import { UNKNOWN, PRIMITIVES, VALUE_CLASSES, typeOf, isArray, elemOf, baseOf, isNumeric, isIntegral, fit } from './types.js';

export interface VarSym {
  name: string;
  type: string;
  /** JavaScript identifier it compiles to. */
  js: string;
  /** 'field': a struct field seen inside a method (compiles to this.<js>). */
  kind: 'var' | 'field';
  /** Top-level position when declared at top level; -1 otherwise. */
  order: number;
  global: boolean;
}

export interface FnInfo {
  name: string;
  params: string[];
  ret: string;
  js: string;
  decl: A.FunctionDecl;
  struct: StructInfo | null;
  order: number;
}

export interface StructInfo {
  name: string;
  js: string;
  fields: Map<string, { type: string; js: string; decl: A.StructField }>;
  methods: Map<string, FnInfo[]>;
  decl: A.StructDecl;
  order: number;
}

export type CallTarget =
  | { k: 'fn'; fn: FnInfo; thisCall: boolean }
  | { k: 'native'; cls: string; sig: Signature; impl: NativeFn | undefined; updater: boolean; retSelf: boolean; take?: boolean }
  | { k: 'global'; sig: Signature; impl: NativeFn | undefined; scopeLookup: boolean }
  | { k: 'ctor'; cls: string; sig: Signature; impl: NativeFn | undefined }
  | { k: 'newStruct'; struct: StructInfo }
  | { k: 'array'; op: string; elem: string }
  | { k: 'structBuiltin'; op: 'toJson' | 'fromXMLNode' };

/** What the checker adds to AST nodes. */
export interface Ann {
  ty?: string;
  sym?: VarSym;
  field?: { js: string };
  enumValue?: number;
  target?: CallTarget;
  /** Per call argument: the static type to box as Generic, or null. */
  box?: (string | null)[];
  /** Assignment / declaration value: box as Generic of this type. */
  boxValue?: string | null;
  errSym?: VarSym;
  locSym?: VarSym;
  fn?: FnInfo;
  struct?: StructInfo;
  /** For getGenericValue(String): the variables visible at the call. */
  visible?: VarSym[];
}
export function ann(node: object): Ann {
  return node as Ann;
}

export interface CheckResult {
  diagnostics: (A.Diagnostic & { file?: string })[];
  structs: StructInfo[];
  functions: FnInfo[];
  /** The catalog the program was checked against (the compiler reads the natives from it). */
  catalog: Catalog;
}

const SCOPE_LOOKUP_GLOBALS = new Set(['getGenericValue(String)']);
/** The array methods the language reference documents. */
const ARRAY_METHODS = new Set(['length', 'pushBack', 'pushFront', 'popBack', 'popFront', 'insert', 'first', 'last', 'clear']);

class Scope {
  vars = new Map<string, VarSym>();
  constructor(public parent: Scope | null) {}
  lookup(name: string): VarSym | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }
}

/** Checks a program against the built-ins of `natives` (stdlib/index.ts's `natives` on the run side). */
export function check(program: A.Program, natives: NativeTable): CheckResult {
  return new Checker(natives).run(program);
}

class Checker {
  diags: CheckResult['diagnostics'] = [];
  globals = new Scope(null);
  scope = this.globals;
  functions = new Map<string, FnInfo[]>();
  structs = new Map<string, StructInfo>();
  allFns: FnInfo[] = [];
  order = 0;
  fn: FnInfo | null = null;
  struct: StructInfo | null = null;
  loops = 0;
  jsNames = new Set<string>();
  cat: Catalog;

  constructor(private readonly natives: NativeTable) {
    this.cat = catalog(natives);
  }

  /** Every top-level function name, to tell "used before it is declared" from "not declared". */
  laterFunctions = new Set<string>();

  run(program: A.Program): CheckResult {
    for (const item of program.body) if (item.kind === 'FunctionDecl') this.laterFunctions.add(item.name);
    for (const item of program.body) {
      this.order++;
      if (item.kind === 'FunctionDecl') this.functionDecl(item, null);
      else if (item.kind === 'StructDecl') this.structDecl(item);
      else this.stmt(item);
    }
    return { diagnostics: this.diags, structs: [...this.structs.values()], functions: this.allFns, catalog: this.cat };
  }

  error(span: A.Span, message: string): void {
    this.diags.push({ line: span.line, col: span.col, message, severity: 'error', file: span.file });
  }

  // ------------------------------------------------------------ declarations

  freshJs(prefix: string, name: string): string {
    let js = `${prefix}${name}`;
    for (let i = 2; this.jsNames.has(js); i++) js = `${prefix}${name}$${i}`;
    this.jsNames.add(js);
    return js;
  }

  resolveType(ref: A.TypeRef, allowVoid = false): string {
    const t = typeOf(ref);
    if (ref.name === 'Void') {
      if (!allowVoid || ref.dims.length) this.error(ref.span, 'Void is not a type a variable can have');
      return t;
    }
    if (PRIMITIVES.has(ref.name) || ref.name === 'Generic' || this.structs.has(ref.name) || this.cat.has(ref.name)) return t;
    this.error(ref.span, `unknown type '${ref.name}'`);
    return UNKNOWN;
  }

  declareVar(name: string, type: string, span: A.Span): VarSym {
    const existing = this.scope.vars.get(name);
    if (existing) this.error(span, `'${name}' is already declared in this scope`);
    if (this.scope === this.globals && this.structs.has(name)) this.error(span, `'${name}' is the name of a struct`);
    const global = this.scope === this.globals;
    const sym: VarSym = { name, type, js: this.freshJs('v_', name), kind: 'var', order: global ? this.order : -1, global };
    this.scope.vars.set(name, sym);
    return sym;
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
    ann(decl).fn = fn;

    const saved = { scope: this.scope, fn: this.fn, struct: this.struct, loops: this.loops, jsNames: this.jsNames };
    this.fn = fn;
    this.struct = struct;
    this.loops = 0;
    this.jsNames = new Set();
    this.scope = new Scope(struct ? this.structScope(struct) : this.globals);
    decl.params.forEach((p, i) => {
      const sym = this.declareVar(p.name, params[i], p.span);
      ann(p).sym = sym;
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
    const info: StructInfo = { name: decl.name, js: `S_${decl.name}`, fields: new Map(), methods: new Map(), decl, order: this.order };
    ann(decl).struct = info;
    for (const f of decl.fields) {
      const type = f.type.name === decl.name ? (this.error(f.type.span, `a struct cannot contain itself ('${decl.name}')`), UNKNOWN) : this.resolveType(f.type);
      if (info.fields.has(f.name)) this.error(f.span, `field '${f.name}' is declared twice`);
      info.fields.set(f.name, { type, js: `f_${f.name}`, decl: f });
    }
    this.structs.set(decl.name, info);
    for (const f of decl.fields) {
      if (!f.init) continue;
      const saved = this.scope;
      this.scope = new Scope(this.globals);
      const t = this.expr(f.init);
      this.scope = saved;
      ann(f).boxValue = this.assignable(t, info.fields.get(f.name)!.type, f.init.span, `field '${f.name}'`);
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
      case 'If':
        this.condition(s.test);
        this.body(s.then);
        if (s.else) this.body(s.else);
        return;
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
        ann(s).sym = this.declareVar(s.varName, vt, s.span);
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
            if (this.fn) this.error(s.value.span, `function '${this.fn.name}' returns Void and cannot return a value`);
          } else ann(s).boxValue = this.assignable(t, want, s.value.span, 'the return value');
        } else if (want !== 'Void' && want !== UNKNOWN) this.error(s.span, `function '${this.fn!.name}' must return a ${want}`);
        return;
      }
      case 'Try':
        this.block(s.body);
        this.scope = new Scope(this.scope);
        ann(s).errSym = this.declareVar('error', 'String', s.handler.span);
        ann(s).locSym = this.declareVar('errorLocation', 'String', s.handler.span);
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
        ann(dc).boxValue = this.assignable(vt, t, dc.init.span, `'${dc.name}'`);
        if (d.type.dims.some((x) => x !== null)) this.error(dc.init.span, 'an array with a fixed size cannot have an initializer');
      }
      ann(dc).sym = this.declareVar(dc.name, t, dc.span);
    }
  }

  /** Checks that a `from` value may be stored where `to` is expected; returns the Generic box type or null. */
  assignable(from: string, to: string, span: A.Span, what: string): string | null {
    const f = fit(from, to);
    if (f < 0) {
      const hint = to === 'String' && from !== 'Void' ? ` (use .toString())` : to === 'Integer' && from === 'Float' ? ' (use .round() or .floor())' : '';
      this.error(span, `cannot assign ${from} to ${what} of type ${to}${hint}`);
      return null;
    }
    return to === 'Generic' && from !== 'Generic' ? from : null;
  }

  // ------------------------------------------------------------ expressions

  expr(e: A.Expr): string {
    const t = this.exprInner(e);
    ann(e).ty = t;
    return t;
  }

  exprInner(e: A.Expr): string {
    switch (e.kind) {
      case 'Integer':
        if (e.value > 2147483648) this.error(e.span, `the number ${e.value} does not fit in an Integer`);
        return 'Integer';
      case 'Float':
        return 'Float';
      case 'String':
        return 'String';
      case 'Bool':
        return 'Bool';
      case 'This':
        if (!this.struct) {
          this.error(e.span, "'this' is only available inside a struct method");
          return UNKNOWN;
        }
        return this.struct.name;
      case 'Identifier': {
        const sym = this.lookupVar(e.name);
        if (!sym) {
          this.error(e.span, `'${e.name}' is not declared`);
          return UNKNOWN;
        }
        ann(e).sym = sym;
        return sym.type;
      }
      case 'Unary': {
        const t = this.expr(e.operand);
        if (e.op === '!') {
          if (t !== 'Bool' && t !== UNKNOWN) this.error(e.span, `'!' needs a Bool, not ${t}`);
          return 'Bool';
        }
        if (!isNumeric(t) && t !== UNKNOWN) this.error(e.span, `'${e.op}' needs a number, not ${t}`);
        return t === 'Byte' ? 'Integer' : t;
      }
      case 'Update': {
        const t = this.lvalue(e.target);
        if (!isIntegral(t) && t !== 'Float' && t !== UNKNOWN) this.error(e.span, `'${e.op}' needs an Integer or Float variable, not ${t}`);
        return t;
      }
      case 'Binary':
        return this.binary(e);
      case 'Assign': {
        const t = this.lvalue(e.target);
        const v = this.expr(e.value);
        if (e.op === '=') ann(e).boxValue = this.assignable(v, t, e.value.span, 'a variable');
        else {
          const op = e.op[0] as A.BinaryOp;
          const r = this.binaryType(op, t, v, e.span);
          if (r !== UNKNOWN && fit(r, t) < 0) this.error(e.span, `'${e.op}' gives ${r}, which cannot be stored in ${t}`);
        }
        return t;
      }
      case 'Index': {
        const t = this.expr(e.object);
        const i = this.expr(e.index);
        if (!isIntegral(i) && i !== UNKNOWN) this.error(e.index.span, `an array index must be an Integer, not ${i}`);
        if (t === UNKNOWN) return UNKNOWN;
        if (!isArray(t)) {
          this.error(e.span, `${t} is not an array and cannot be indexed`);
          return UNKNOWN;
        }
        return elemOf(t);
      }
      case 'Member':
        return this.member(e);
      case 'Call':
        return this.call(e);
    }
  }

  lookupVar(name: string): VarSym | undefined {
    const sym = this.scope.lookup(name);
    // a global declared after the function being checked is not visible in it
    if (sym && sym.global && this.fn && sym.order >= this.fn.order) return undefined;
    return sym;
  }

  lvalue(e: A.Expr): string {
    if (e.kind !== 'Identifier' && e.kind !== 'Member' && e.kind !== 'Index') {
      this.error(e.span, 'only a variable, a field or an array element can be assigned to');
      this.expr(e);
      return UNKNOWN;
    }
    const t = this.expr(e);
    if (e.kind === 'Member' && !ann(e).field && t !== UNKNOWN) this.error(e.span, `'${e.property}' cannot be assigned to`);
    return t;
  }

  binaryType(op: A.BinaryOp, l: string, r: string, span: A.Span): string {
    if (l === UNKNOWN || r === UNKNOWN) return op === '&&' || op === '||' || ['==', '!=', '<', '>', '<=', '>='].includes(op) ? 'Bool' : UNKNOWN;
    switch (op) {
      case '&&':
      case '||':
        if (l !== 'Bool' || r !== 'Bool') this.error(span, `'${op}' needs Bool on both sides, not ${l} and ${r}`);
        return 'Bool';
      case '==':
      case '!=':
        if (!(isNumeric(l) && isNumeric(r)) && l !== r) this.error(span, `cannot compare ${l} with ${r}`);
        return 'Bool';
      case '<':
      case '>':
      case '<=':
      case '>=':
        if (isNumeric(l) && isNumeric(r)) return 'Bool';
        if (l !== r || !this.ordered(l)) this.error(span, `cannot order ${l} and ${r} with '${op}'`);
        return 'Bool';
      case '+':
        if (l === 'String' && r === 'String') return 'String';
        if (l === 'String' || r === 'String') {
          this.error(span, `cannot add ${l} and ${r} (convert with .toString() first)`);
          return 'String';
        }
        return this.arithmetic(op, l, r, span);
      case '-':
      case '*':
      case '/':
      case '%':
        return this.arithmetic(op, l, r, span);
    }
  }

  arithmetic(op: A.BinaryOp, l: string, r: string, span: A.Span): string {
    if (!isNumeric(l) || !isNumeric(r)) {
      this.error(span, `'${op}' needs numbers, not ${l} and ${r}`);
      return UNKNOWN;
    }
    if (op === '%' && (l === 'Float' || r === 'Float')) {
      this.error(span, `'%' needs Integers, not ${l} and ${r}`);
      return 'Integer';
    }
    return l === 'Float' || r === 'Float' ? 'Float' : 'Integer';
  }

  ordered(t: string): boolean {
    return t === 'String' || t === 'Bool' || !!this.cat.get(t)?.native?.compare;
  }

  binary(e: A.BinaryExpr): string {
    const l = this.expr(e.left);
    const r = this.expr(e.right);
    return this.binaryType(e.op, l, r, e.span);
  }

  member(e: A.MemberExpr): string {
    // Enum constants: ActivityStatus.Started
    if (e.object.kind === 'Identifier' && !this.lookupVar(e.object.name)) {
      const cls = this.cat.get(e.object.name);
      if (cls && cls.kind === 'Enum') {
        const v = cls.enumValues.get(e.property);
        if (v === undefined) {
          this.error(e.propertySpan, `${cls.name} has no value '${e.property}'`);
          return UNKNOWN;
        }
        ann(e).enumValue = v;
        ann(e.object).ty = 'Integer';
        return 'Integer';
      }
    }
    const t = this.expr(e.object);
    if (t === UNKNOWN) return UNKNOWN;
    const st = this.structs.get(t);
    if (st) {
      const f = st.fields.get(e.property);
      if (f) {
        ann(e).field = { js: f.js };
        return f.type;
      }
      this.error(e.propertySpan, `struct ${t} has no field '${e.property}'`);
      return UNKNOWN;
    }
    this.error(e.propertySpan, `${t} has no field '${e.property}' (did you mean to call a method: ${e.property}()?)`);
    return UNKNOWN;
  }

  args(e: A.CallExpr): string[] {
    return e.args.map((a) => this.expr(a));
  }

  /** Picks the best overload; reports an error when none fits. */
  pick<T extends { params: string[] }>(cands: T[], args: string[], span: A.Span, what: string, describe: (c: T) => string): T | null {
    let best: T | null = null;
    let bestScore = Infinity;
    let ambiguous = false;
    for (const c of cands) {
      if (c.params.length !== args.length) continue;
      let score = 0;
      for (let i = 0; i < args.length && score >= 0; i++) {
        const f = args[i] === 'Void' ? -1 : fit(args[i], c.params[i]);
        score = f < 0 ? -1 : score + f;
      }
      if (score < 0) continue;
      if (score < bestScore) {
        best = c;
        bestScore = score;
        ambiguous = false;
      } else if (score === bestScore) ambiguous = true;
    }
    if (best) {
      void ambiguous; // the first declared of equally good overloads wins, as in the catalog's order
      return best;
    }
    const shown = cands.slice(0, 4).map(describe).join('; ');
    const more = cands.length > 4 ? `; and ${cands.length - 4} more` : '';
    this.error(span, `no ${what} takes (${args.join(', ')})${cands.length ? ` — it takes: ${shown}${more}` : ''}`);
    return null;
  }

  boxes(params: string[], args: string[]): (string | null)[] | undefined {
    let any = false;
    const out = params.map((p, i) => {
      if (p === 'Generic' && args[i] !== 'Generic') {
        any = true;
        return args[i];
      }
      return null;
    });
    return any ? out : undefined;
  }

  call(e: A.CallExpr): string {
    const c = e.callee;
    if (c.kind === 'Member') return this.methodCall(e, c);
    const args = this.args(e);
    const name = c.name;
    // user functions (and, inside a struct method, the struct's own methods)
    const cands: FnInfo[] = [];
    if (this.struct) for (const m of this.struct.methods.get(name) ?? []) cands.push(m);
    for (const f of this.functions.get(name) ?? []) if (!this.fn || f.order <= this.fn.order || f.struct) cands.push(f);
    if (cands.some((f) => f.params.length === args.length)) {
      const natives = globalFunctions(this.cat, name)?.sigs ?? [];
      const all: (FnInfo | Signature)[] = [...cands, ...natives];
      const fn = this.pick(all, args, e.span, `function '${name}'`, (f) => `(${f.params.join(', ')})`);
      if (!fn) return UNKNOWN;
      if ('decl' in fn) {
        ann(e).target = { k: 'fn', fn, thisCall: !!fn.struct };
        ann(e).box = this.boxes(fn.params, args);
        return fn.ret;
      }
      return this.globalTarget(e, fn, args);
    }
    // a struct "constructor": Car()
    const st = this.structs.get(name);
    if (st) {
      if (args.length) this.error(e.span, `struct ${name} is created with ${name}() and no arguments`);
      ann(e).target = { k: 'newStruct', struct: st };
      return name;
    }
    // built-in constructors: Integer("42"), Date("2020-06-22"), Map("a=1")
    const cls = this.cat.get(name);
    if (cls && cls.kind === 'Class' && cls.ctors.length) {
      const sig = this.pick(cls.ctors, args, e.span, `constructor ${name}`, (s) => `${name}(${s.params.join(', ')})`);
      if (!sig) return UNKNOWN;
      ann(e).target = { k: 'ctor', cls: name, sig, impl: cls.native?.ctors?.[sig.key] };
      ann(e).box = this.boxes(sig.params, args);
      return name;
    }
    const g = globalFunctions(this.cat, name);
    if (g) {
      const sig = this.pick(g.sigs, args, e.span, `function '${g.sigs[0].name}'`, (s) => `(${s.params.join(', ')})`);
      if (!sig) return UNKNOWN;
      return this.globalTarget(e, sig, args);
    }
    if (cands.length) {
      this.pick(cands, args, e.span, `function '${name}'`, (f) => `(${f.params.join(', ')})`);
      return UNKNOWN;
    }
    const later = this.functions.has(name) || this.laterFunctions.has(name);
    this.error(c.span, later ? `function '${name}' is used before it is declared` : `'${name}' is not a declared function`);
    return UNKNOWN;
  }

  globalTarget(e: A.CallExpr, sig: Signature, args: string[]): string {
    const impl = this.natives.globals[sig.key];
    const scopeLookup = SCOPE_LOOKUP_GLOBALS.has(sig.key);
    ann(e).target = { k: 'global', sig, impl, scopeLookup };
    ann(e).box = this.boxes(sig.params, args);
    if (scopeLookup) ann(e).visible = this.visibleVars();
    return sig.returns;
  }

  visibleVars(): VarSym[] {
    const seen = new Map<string, VarSym>();
    for (let s: Scope | null = this.scope; s; s = s.parent)
      for (const [n, v] of s.vars) if (!seen.has(n) && (!v.global || !this.fn || v.order < this.fn.order)) seen.set(n, v);
    return [...seen.values()];
  }

  methodCall(e: A.CallExpr, c: A.MemberExpr): string {
    const recv = this.expr(c.object);
    const args = this.args(e);
    const name = c.property;
    if (recv === UNKNOWN) return UNKNOWN;
    if (isArray(recv)) return this.arrayMethod(e, c, recv, args);
    const st = this.structs.get(recv);
    if (st) {
      const ms = st.methods.get(name);
      // the built-in struct methods stay available beside user methods of the same name
      const builtin = name === 'toJson' ? 'JSONBuilder' : name === 'fromXMLNode' ? 'XMLNode' : null;
      if (builtin && args.length === 1 && args[0] === builtin && !ms?.some((m) => m.params.length === 1 && m.params[0] === builtin)) {
        ann(e).target = { k: 'structBuiltin', op: name as 'toJson' | 'fromXMLNode' };
        return 'Void';
      }
      if (ms) {
        const fn = this.pick(ms, args, e.span, `method ${recv}.${name}`, (f) => `(${f.params.join(', ')})`);
        if (!fn) return UNKNOWN;
        ann(e).target = { k: 'fn', fn, thisCall: false };
        ann(e).box = this.boxes(fn.params, args);
        return fn.ret;
      }
      this.error(c.propertySpan, `struct ${recv} has no method '${name}'`);
      return UNKNOWN;
    }
    const cls = this.cat.get(baseOf(recv));
    if (!cls) {
      this.error(c.propertySpan, `${recv} has no methods`);
      return UNKNOWN;
    }
    const sigs = cls.methods.get(name);
    if (!sigs) {
      this.error(c.propertySpan, `${recv} has no method '${name}'`);
      return UNKNOWN;
    }
    const sig = this.pick(sigs, args, e.span, `method ${recv}.${name}`, (s) => `(${s.params.join(', ')})`);
    if (!sig) return UNKNOWN;
    const taker = cls.native?.takers?.[sig.key];
    const updater = taker ?? cls.native?.updaters?.[sig.key];
    const impl = updater ?? cls.native?.methods?.[sig.key];
    const isUpdater = !!updater;
    ann(e).target = { k: 'native', cls: cls.name, sig, impl, updater: isUpdater, retSelf: !taker && isUpdater && sig.returns === cls.name, take: !!taker };
    if (taker) return sig.returns;
    ann(e).box = this.boxes(sig.params, args);
    if (isUpdater && !VALUE_CLASSES.has(cls.name)) throw new Error(`internal: updater on reference class ${cls.name}`);
    return isUpdater && sig.returns !== cls.name ? 'Void' : sig.returns;
  }

  arrayMethod(e: A.CallExpr, c: A.MemberExpr, recv: string, args: string[]): string {
    const name = c.property;
    const elem = elemOf(recv);
    const want = (n: number, types: string[] = []): boolean => {
      if (args.length !== n) {
        this.error(e.span, `${name}() on an array takes ${n} argument${n === 1 ? '' : 's'}`);
        return false;
      }
      types.forEach((t, i) => {
        if (fit(args[i], t) < 0) this.error(e.args[i].span, `${name}() expects ${t} here, not ${args[i]}`);
      });
      return true;
    };
    if (!ARRAY_METHODS.has(name)) {
      this.error(c.propertySpan, `arrays have no method '${name}' (they have: ${[...ARRAY_METHODS].join(', ')})`);
      return UNKNOWN;
    }
    ann(e).target = { k: 'array', op: name, elem };
    switch (name) {
      case 'length':
        want(0);
        return 'Integer';
      case 'pushBack':
      case 'pushFront':
        if (args.length === 0) return 'Void';
        want(1, [elem]);
        return 'Void';
      case 'popBack':
      case 'popFront':
      case 'first':
      case 'last':
        want(0);
        return elem;
      case 'insert':
        want(2, ['Integer', elem]);
        return 'Void';
      case 'clear':
        want(0);
        return 'Void';
    }
    return UNKNOWN;
  }
}
