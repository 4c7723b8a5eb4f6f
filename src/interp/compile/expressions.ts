// Emitting expressions: operators with 32-bit Integer arithmetic, assignments and updates of
// variables, fields and array elements, and calls of every kind.
import type * as A from '../../grammar/ast.js';
import type { VarSym } from '../checker.js';
import { JS_STR } from './emitter.js';
import { HookedEmitter } from './instrument.js';
import { leftSpine } from '../check/expressions.js';
import { divide, modulo, readIndex, writeIndex } from './inline-checks.js';
import { UNKNOWN } from '../type-rules.js';
import type { ElementOrder, StructBuiltin } from '../check/symbols.js';
import { fusable, fusedCode, fusedReturnCode, quietReturn } from './fused-step.js';

/** The runtime helper ($h) of each built-in struct method. */
const STRUCT_BUILTIN_HELPERS: Record<StructBuiltin, string> = {
  toJson: 'structToJson',
  fromXMLNode: 'structFromXMLNode',
  toJsonString: 'structToJsonString',
  fromJsonString: 'structFromJsonString',
};

/** Long operators (runtime/long.ts): each through its helper, which takes a BigInt or an Integer's number. */
const LONG_OPS: Partial<Record<A.BinaryOp, string>> = { '+': 'ladd', '-': 'lsub', '*': 'lmul', '/': 'ldiv', '%': 'lmod' };
const LONG_CMP: Partial<Record<A.BinaryOp, string>> = { '==': '===', '!=': '!==', '<': '<', '>': '>', '<=': '<=', '>=': '>=' };

/** A binary operator with a Long operand; `at`: the position marker for a division by zero. */
function longBinary(op: A.BinaryOp, l: string, r: string, at: string): string {
  const cmp = LONG_CMP[op];
  if (cmp) return `($h.lcmp(${l}, ${r}) ${cmp} 0)`;
  const f = LONG_OPS[op];
  if (!f) throw new Error(`internal: '${op}' on a Long`);
  return `${op === '/' || op === '%' ? at : ''}$h.${f}(${l}, ${r})`;
}

/** Chains of binary operators longer than this are emitted flat (see binaryChain). */
const FLAT_CHAIN = 32;

export abstract class ExprEmitter extends HookedEmitter {

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
      case 'Long':
        return `${e.value}n`;
      case 'Float':
        return String(e.value);
      case 'String':
        return JS_STR(e.value);
      case 'Bool':
        return String(e.value);
      case 'This':
        return 'this';
      case 'Identifier':
        return this.symRef(this.ann.syms.get(e)!);
      case 'Unary': {
        const v = this.expr(e.operand);
        if (e.op === '!') return `!${v}`;
        if (e.op === '+') return v;
        // a space keeps `- -1` from reading as the decrement operator; 0 - x is -x, but 0 for 0
        // (-0 is the null Float, see runtime/values.ts)
        const ty = this.ann.types.get(e);
        return ty === 'Float' ? `(0 - ${v})` : ty === 'Long' ? `$h.lneg(${v})` : `(- ${v} | 0)`;
      }
      case 'Binary':
        return this.binaryChain(e);
      case 'Update':
        return this.update(e, discard);
      case 'Assign':
        return this.assign(e, discard);
      case 'Index':
        if (this.ann.mapIndex.has(e)) return `${this.at(e.index.span)}$h.mget(${this.expr(e.object)}, ${this.expr(e.index)})`;
        return readIndex(this.at(e.index.span), this.expr(e.object), this.expr(e.index), () => this.temp());
      case 'Member': {
        const enumValue = this.ann.enumValues.get(e);
        if (enumValue !== undefined) return String(enumValue);
        return `${this.expr(e.object)}.${this.ann.fields.get(e)!.js}`;
      }
      case 'Call':
        return this.call(e);
    }
  }

  /**
   * A left-deep chain of binary operators (`a + b + c + …`) without recursion. A long one goes
   * through a temporary, `($t = a, $t = $t + b, …, $t)`, so the generated code stays flat too.
   */
  binaryChain(e: A.BinaryExpr): string {
    const spine = leftSpine(e);
    const first = spine[spine.length - 1]!.left;
    let code = this.expr(first);
    if (spine.length <= FLAT_CHAIN) {
      for (let i = spine.length - 1; i >= 0; i--) {
        const n = spine[i]!;
        code = this.binary(n.op, n.left, code, n.right, this.expr(n.right), this.ann.types.get(n)!, n.opSpan);
      }
      return code;
    }
    const t = this.temp();
    const steps = [`${t} = ${code}`];
    for (let i = spine.length - 1; i >= 0; i--) {
      const n = spine[i]!;
      steps.push(`${t} = ${this.binary(n.op, n.left, t, n.right, this.expr(n.right), this.ann.types.get(n)!, n.opSpan)}`);
    }
    return `(${steps.join(', ')}, ${t})`;
  }

  /** `opAt`: the operator's span, where a failing division is reported. */
  binary(op: A.BinaryOp, le: A.Expr, l: string, re: A.Expr, r: string, ty: string, opAt?: A.Span): string {
    const lt = this.ann.types.get(le)!;
    const rt = this.ann.types.get(re)!;
    if (ty === 'Long' || ((lt === 'Long' || rt === 'Long') && op !== '&&' && op !== '||')) return longBinary(op, l, r, this.at(opAt));
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
        // Strings compare with == / != so that the null String (an object holding '') equals ''
        const loose = lt === 'String' && rt === 'String';
        const jsop = op === '==' ? (loose ? '==' : '===') : op === '!=' ? (loose ? '!=' : '!==') : op;
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
        return divide(this.at(opAt), l, r, re, ty === 'Integer') ?? (ty === 'Integer' ? `${this.at(opAt)}$h.idiv(${l}, ${r})` : `${this.at(opAt)}$h.fdiv(${l}, ${r})`);
      case '%':
        // a Float remainder keeps its fraction and the sign of the left side, as C's fmod
        if (ty === 'Float') return `${this.at(opAt)}$h.fmod(${l}, ${r})`;
        return modulo(l, r) ?? `${this.at(opAt)}$h.imod(${l}, ${r})`;
    }
  }

  /** An lvalue as a re-readable reference plus the set-up (temporaries) it needs. */
  lref(e: A.Expr): { setup: string[]; get: string; set: (v: string) => string } {
    if (e.kind === 'Identifier') {
      const sym = this.ann.syms.get(e)!;
      const r = this.symRef(sym);
      if (this.hooked && sym.kind !== 'field') return { setup: [], get: r, set: (v) => this.slotWrite(sym, `${r} = ${v}`) };
      return { setup: [], get: r, set: (v) => `${r} = ${v}` };
    }
    if (e.kind === 'Member') {
      const obj = this.simple(e.object);
      const r = `${obj.ref}.${this.ann.fields.get(e)!.js}`;
      return { setup: obj.setup, get: r, set: (v) => `${r} = ${v}` };
    }
    if (e.kind === 'Index') {
      const obj = this.simple(e.object);
      const idx = this.simple(e.index);
      if (this.ann.mapIndex.has(e)) {
        const at = this.at(e.index.span);
        return { setup: [...obj.setup, ...idx.setup], get: `${at}$h.mget(${obj.ref}, ${idx.ref})`, set: (v) => `${at}$h.mset(${obj.ref}, ${idx.ref}, ${v})` };
      }
      return {
        setup: [...obj.setup, ...idx.setup],
        get: readIndex(this.at(e.index.span), obj.ref, idx.ref),
        set: (v) => writeIndex(this.at(e.index.span), obj.ref, idx.ref, v, this.hooked),
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

  /** Joins the parts of an assignment; parenthesised unless it is a whole statement (`discard`). */
  seq(parts: string[], discard = false): string {
    // an assignment is often an operand (`!(b = f())`, `a + (x = 1)`)
    return discard && parts.length === 1 ? parts[0]! : `(${parts.join(', ')})`;
  }

  assign(e: A.AssignExpr, discard: boolean): string {
    const ref = this.lref(e.target);
    const tt = this.ann.types.get(e.target)!;
    let v: string;
    if (e.op === '=') v = this.value(e.value, this.ann.boxValues.get(e));
    else {
      const op = e.op[0] as A.BinaryOp;
      const res = op === '+' && tt === 'String' ? 'String' : tt === 'Float' || this.ann.types.get(e.value) === 'Float' ? 'Float' : tt;
      v = this.binary(op, e.target, ref.get, e.value, this.expr(e.value), res === 'Byte' ? 'Integer' : res, e.opSpan);
    }
    const set = ref.set(v);
    return this.seq([...ref.setup, set], discard);
  }

  update(e: A.UpdateExpr, discard: boolean): string {
    const ref = this.lref(e.target);
    const ty = this.ann.types.get(e.target);
    const step = (x: string): string =>
      ty === 'Long' ? longBinary(e.op[0] as A.BinaryOp, x, '1', '') : ty !== 'Float' ? `((${x} ${e.op[0]} 1) | 0)` : `(${x} ${e.op[0]} 1)`;
    if (discard || e.prefix) return this.seq([...ref.setup, ref.set(step(ref.get))], discard);
    const t = this.temp();
    return `(${[...ref.setup, `${t} = ${ref.get}`, ref.set(step(t)), t].join(', ')})`;
  }

  /**
   * Traced mode: statement `span`, whose whole expression is `e`, as one fused step when it only
   * assigns an Integer variable from a quiet expression (fused-step.ts); null otherwise (nothing
   * is emitted or numbered then).
   */
  fusedStep(span: A.Span, e: A.Expr): string | null {
    if (!this.traced || !this.dfn || !this.hot) return null;
    const f = fusable(e, (x) => this.ann.types.get(x));
    const sym = f && this.ann.syms.get(f.target);
    if (!f || !sym || sym.kind === 'field' || sym.type !== 'Integer') return null;
    const { n, token, hook } = this.intSlot(sym);
    let value: string;
    if (f.kind === 'update') value = `((${n} ${f.op} 1) | 0)`;
    else if (f.op === '=') value = this.expr(f.value);
    else value = this.binary(f.op[0] as A.BinaryOp, f.target, n, f.value, this.expr(f.value), 'Integer');
    return fusedCode(this.stmtId(span), n, this.temp(), value, token, hook);
  }

  /** Traced mode: a function's `return` as one fused step when its value is quiet (fused-step.ts); null otherwise. */
  fusedReturn(s: A.ReturnStmt): string | null {
    if (!this.traced || !this.dfn || this.dfn.id === 0 || !this.hot) return null;
    if (s.value && (this.ann.boxValues.get(s) || !quietReturn(s.value, (x) => this.ann.types.get(x)))) return null;
    const id = this.stmtId(s.span);
    return fusedReturnCode(id, s.value ? this.expr(s.value) : null);
  }

  args(e: A.CallExpr): string[] {
    const box = this.ann.boxes.get(e);
    return e.args.map((a, i) => this.value(a, box?.[i] ?? null));
  }

  call(e: A.CallExpr): string {
    const t = this.ann.targets.get(e)!;
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
        return `${this.at(callee.span)}${this.native(`C:${t.cls}:${t.sig.key}`, t.impl, `${t.cls}${t.sig.key}`)}(${args.join(', ')})`;
      case 'global': {
        const f = this.native(`G:${t.sig.key}`, t.impl, t.sig.name);
        if (t.scopeLookup) args.push(this.lookupFn(this.ann.visible.get(e) ?? []));
        return `${this.at(callee.span)}${f}(${args.join(', ')})`;
      }
      case 'native': {
        const m = callee as A.MemberExpr;
        const f = this.native(`M:${t.cls}:${t.sig.key}`, t.impl, `${t.cls}.${t.sig.name}`);
        const ref = t.updater ? this.receiverRef(m.object) : null;
        if (ref) {
          const call = `${this.at(m.propertySpan)}${f}(${[ref.get, ...args].join(', ')})`;
          if (!t.take) return this.seq([...ref.setup, ref.set(call)]);
          const r = this.temp();
          return `(${[...ref.setup, `${r} = ${call}`, ref.set(`${r}[0]`), `${r}[1]`].join(', ')})`;
        }
        return `${this.at(m.propertySpan)}${f}(${[this.expr(m.object), ...args].join(', ')})${t.take ? '[1]' : ''}`;
      }
      case 'array':
        return this.at((callee as A.MemberExpr).propertySpan) + this.arrayCall(t.op, t.elem, this.expr((callee as A.MemberExpr).object), args, t.by);
      case 'structBuiltin':
        return `$h.${STRUCT_BUILTIN_HELPERS[t.op]}(${[this.expr((callee as A.MemberExpr).object), ...args].join(', ')})`;
    }
  }

  /**
   * Where a value-type method stores its receiver's new value: the variable, field or element it
   * was called on, or the one that a call returning its receiver itself (DateTime.moveToDayStart)
   * was called on, its `get` then being that call storing its result. Null: nowhere (a temporary).
   */
  receiverRef(e: A.Expr): { setup: string[]; get: string; set: (v: string) => string } | null {
    if (e.kind === 'Identifier' || e.kind === 'Index' || (e.kind === 'Member' && this.ann.fields.get(e))) return this.lref(e);
    const t = e.kind === 'Call' && e.callee.kind === 'Member' ? this.ann.targets.get(e) : undefined;
    if (t?.k !== 'native' || !t.itself) return null;
    const m = (e as A.CallExpr).callee as A.MemberExpr;
    const base = this.receiverRef(m.object);
    if (!base) return null;
    const f = this.native(`M:${t.cls}:${t.sig.key}`, t.impl, `${t.cls}.${t.sig.name}`);
    const inner = base.set(`${this.at(m.propertySpan)}${f}(${[base.get, ...this.args(e as A.CallExpr)].join(', ')})`);
    return { setup: base.setup, get: `(${inner})`, set: base.set };
  }

  lookupFn(vars: VarSym[]): string {
    const cases = vars.map((v) => `n === ${JS_STR(v.name)} ? $h.box(${JS_STR(v.type)}, ${this.symRef(v)}) : `).join('');
    return `((n) => ${cases}null)`;
  }

  arrayCall(op: string, elem: string, a: string, args: string[], by?: ElementOrder): string {
    switch (op) {
      case 'sort':
      case 'buildString': {
        // how elements compare or are written: a struct's method, a class's native, or as plain values;
        // a struct's Bool compare(S) says whether this one comes first
        const m = by?.k === 'method' ? by.fn.js : '';
        const how = !by
          ? 'null'
          : by.k === 'native'
            ? this.native(by.key, by.impl, by.key)
            : op === 'sort'
              ? `(x, y) => (x.${m}(y) ? -1 : y.${m}(x) ? 1 : 0)`
              : `(x) => x.${m}()`;
        return `$h.arr_${op}(${[a, how, ...args].join(', ')})`;
      }
      case 'toJson':
      case 'toJsonString':
      case 'fromXMLNode':
      case 'fromJsonString':
        // the element type tells how elements are written and read (stdlib/struct-json.ts)
        return `$h.arr_${op}(${[a, JS_STR(elem + '[]'), ...args].join(', ')})`;
      case 'length':
        return `${a}.length`;
      case 'pushBack': {
        const v = args[0] ?? this.defaultValue(elem, null);
        // a traced run records pushes through $h.push, which also counts a String's text against
        // the memory budget; otherwise the push is inline and the budget counts the new slot
        if (this.hooked || elem === 'String' || elem === UNKNOWN) return `$h.push(${a}, ${v})`;
        return `$h.grown(${a}.push(${v}), 8)`;
      }
      case 'pushFront':
        return `$h.unshift(${a}, ${args[0] ?? this.defaultValue(elem, null)})`;
      default:
        return `$h.arr_${op}(${[a, ...args].join(', ')})`;
    }
  }
}
