// Checking calls: overload resolution among user functions, built-in globals, constructors,
// struct methods, built-in class methods and array methods.
import type * as A from '../../grammar/ast.js';
import { globalFunctions, globalNames, type Signature } from '../catalog.js';
import { UNKNOWN, VALUE_CLASSES, isArray, elemOf, baseOf, fit } from '../type-rules.js';
import { ExprChecker } from './expressions.js';
import { didYouMeanClose } from '../util/did-you-mean.js';
import type { ElementOrder, FnInfo, Scope, StructBuiltin, VarSym } from './symbols.js';
import type { NativeFn } from '../stdlib/registry.js';

const SCOPE_LOOKUP_GLOBALS = new Set(['getGenericValue(String)']);
/** The array methods the language reference documents. */
const ARRAY_METHODS = new Set(['length', 'pushBack', 'pushFront', 'popBack', 'popFront', 'insert', 'first', 'last', 'clear', 'sort', 'buildString', 'toJson', 'toJsonString', 'fromXMLNode', 'fromJsonString']);
/** Element types an array's JSON methods read and write (and structs, arrays of them). */
const JSON_ELEMENTS = new Set(['Integer', 'Float', 'Byte', 'Bool', 'String', 'Long']);
const ARRAY_JSON = new Set(['toJson', 'toJsonString', 'fromXMLNode', 'fromJsonString']);

/** The built-in methods of every struct: what they take and return. */
const STRUCT_BUILTINS: Record<StructBuiltin, { params: string[]; returns: string }> = {
  toJson: { params: ['JSONBuilder'], returns: 'Void' },
  fromXMLNode: { params: ['XMLNode'], returns: 'Void' },
  toJsonString: { params: [], returns: 'String' },
  fromJsonString: { params: ['String'], returns: 'Void' },
};

/** Element types sort() orders as plain values (no compare method needed). */
const PLAIN_ORDER = new Set(['Integer', 'Float', 'Byte', 'String', 'Bool']);

export abstract class CallChecker extends ExprChecker {
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
        this.ann.targets.set(e, { k: 'fn', fn, thisCall: !!fn.struct });
        this.ann.boxes.set(e, this.boxes(fn.params, args));
        return fn.ret;
      }
      return this.globalTarget(e, fn, args);
    }
    // a struct "constructor": Car()
    const st = this.structs.get(name);
    if (st) {
      if (args.length) this.error(e.span, `struct ${name} is created with ${name}() and no arguments`);
      this.ann.targets.set(e, { k: 'newStruct', struct: st });
      return name;
    }
    // built-in constructors: Integer("42"), Date("2020-06-22"), Map("a=1")
    const cls = this.cat.get(name);
    if (cls && cls.kind === 'Class' && cls.ctors.length) {
      const sig = this.pick(cls.ctors, args, e.span, `constructor ${name}`, (s) => `${name}(${s.params.join(', ')})`);
      if (!sig) return UNKNOWN;
      this.ann.targets.set(e, { k: 'ctor', cls: name, sig, impl: cls.native?.ctors?.[sig.key] });
      this.ann.boxes.set(e, this.boxes(sig.params, args));
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
    if (later) this.error(c.span, `function '${name}' is used before it is declared`);
    else this.error(c.span, `'${name}' is not a declared function${didYouMeanClose(name, [...this.functions.keys(), ...globalNames(this.cat)])}`);
    return UNKNOWN;
  }

  globalTarget(e: A.CallExpr, sig: Signature, args: string[]): string {
    const impl = this.natives.globals[sig.key];
    const scopeLookup = SCOPE_LOOKUP_GLOBALS.has(sig.key);
    this.ann.targets.set(e, { k: 'global', sig, impl, scopeLookup });
    this.ann.boxes.set(e, this.boxes(sig.params, args));
    if (scopeLookup) this.ann.visible.set(e, this.visibleVars());
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
      const builtin = Object.hasOwn(STRUCT_BUILTINS, name) ? STRUCT_BUILTINS[name as StructBuiltin] : undefined;
      const same = (params: string[]): boolean => params.length === args.length && params.every((p, i) => p === args[i]);
      if (builtin && same(builtin.params) && !ms?.some((m) => same(m.params))) {
        this.ann.targets.set(e, { k: 'structBuiltin', op: name as StructBuiltin });
        return builtin.returns;
      }
      if (ms) {
        const fn = this.pick(ms, args, e.span, `method ${recv}.${name}`, (f) => `(${f.params.join(', ')})`);
        if (!fn) return UNKNOWN;
        this.ann.targets.set(e, { k: 'fn', fn, thisCall: false });
        this.ann.boxes.set(e, this.boxes(fn.params, args));
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
      this.error(c.propertySpan, `${recv} has no method '${name}'${didYouMeanClose(name, cls.methods.keys())}`);
      return UNKNOWN;
    }
    const sig = this.pick(sigs, args, e.span, `method ${recv}.${name}`, (s) => `(${s.params.join(', ')})`);
    if (!sig) return UNKNOWN;
    const taker = cls.native?.takers?.[sig.key];
    const updater = taker ?? cls.native?.updaters?.[sig.key];
    const impl = updater ?? cls.native?.methods?.[sig.key];
    const isUpdater = !!updater;
    this.ann.targets.set(e, { k: 'native', cls: cls.name, sig, impl, updater: isUpdater, retSelf: !taker && isUpdater && sig.returns === cls.name, take: !!taker, itself: isUpdater && !!cls.native?.returnsItself?.includes(sig.key) });
    if (taker) return sig.returns;
    this.ann.boxes.set(e, this.boxes(sig.params, args));
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
    let by: ElementOrder | undefined;
    if (name === 'sort' || name === 'buildString') {
      const order = this.elementOrder(elem, name === 'sort' ? 'compare' : 'toString');
      if (order === null) {
        const st = this.structs.has(elem);
        const need = name === 'sort' ? `a method Bool compare(${elem})` : 'a method String toString()';
        const lacks = name === 'sort' ? `${elem} values cannot be compared` : `${elem} has no toString()`;
        this.error(c.propertySpan, `${name}() on an array of ${elem}: ${st ? `the struct needs ${need}` : lacks}`);
        return UNKNOWN;
      }
      by = order;
    }
    if (ARRAY_JSON.has(name)) {
      const base = baseOf(elem);
      if (!JSON_ELEMENTS.has(base) && !this.structs.has(base)) {
        this.error(c.propertySpan, `${name}() on an array of ${elem}: JSON has no form for ${base} (arrays of Integer, Float, Byte, Bool, String, Long and structs have one)`);
        return UNKNOWN;
      }
    }
    this.ann.targets.set(e, { k: 'array', op: name, elem, by });
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
      case 'sort':
        want(0);
        return 'Void';
      case 'buildString':
        want(1, ['String']);
        return 'String';
      case 'toJson':
        want(1, ['JSONBuilder']);
        return 'Void';
      case 'toJsonString':
        want(0);
        return 'String';
      case 'fromXMLNode':
        want(1, ['XMLNode']);
        return 'Void';
      case 'fromJsonString':
        want(1, ['String']);
        return 'Void';
    }
    return UNKNOWN;
  }

  /**
   * How sort() compares (`compare`) or buildString() writes (`toString`) elements of this type:
   * undefined for plain values (numbers, Strings and Bools compared, Strings written), a struct's own method (Bool compare(S) / String toString()), a
   * class's native compare or toString(); null when there is none.
   */
  private elementOrder(elem: string, what: 'compare' | 'toString'): ElementOrder | undefined | null {
    if (what === 'compare' ? PLAIN_ORDER.has(elem) : elem === 'String') return undefined;
    const st = this.structs.get(elem);
    if (st) {
      const fn = st.methods.get(what)?.find((f) => (what === 'compare' ? f.params.length === 1 && f.params[0] === elem && f.ret === 'Bool' : f.params.length === 0 && f.ret === 'String'));
      return fn ? { k: 'method', fn } : null;
    }
    const cls = this.cat.get(elem);
    if (what === 'compare') return cls?.native?.compare ? { k: 'native', key: `K:${elem}`, impl: cls.native.compare as NativeFn } : null;
    const sig = cls?.methods.get('toString')?.find((m) => m.params.length === 0);
    return sig ? { k: 'native', key: `M:${elem}:${sig.key}`, impl: cls?.native?.methods?.[sig.key] } : null;
  }
}
