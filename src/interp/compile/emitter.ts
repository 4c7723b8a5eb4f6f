// The emitter's state and basic tools: generated lines with their source positions, function
// temporaries, native references, default values of types.
import type * as A from '../../grammar/ast.js';
import type { Annotations, VarSym } from '../checker.js';
import { jsSafe } from '../check/symbols.js';
import type { NativeFn } from '../stdlib/registry.js';
import type { Catalog } from '../catalog.js';
import { filledArray } from './inline-checks.js';
import { isArray, baseOf, UNKNOWN } from '../type-rules.js';
import type { CompileMode, DbgCtx, DebugInfo, OpPos, SourcePos } from './types.js';

export interface FnCtx {
  temps: number;
}

/**
 * A JavaScript string literal. U+2028 and U+2029 are escaped too: V8 counts them as line ends
 * in stack positions, which would shift every generated line after the literal.
 */
export const JS_STR = (s: string): string => JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** Delimits an operation marker in generated code (never part of a JS string literal: JSON escapes it). */
const OP_MARK = '\u0002';
const OP_MARK_RE = /\u0002(\d+)\u0002/g;

export abstract class EmitterBase {
  hooked: boolean;
  /** 'traced' mode: assignments of variables report their values (see CompileMode). */
  traced: boolean;
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
  /** The checker's results for the program being compiled. */
  ann!: Annotations;
  /**
   * The null Integer is -0 (runtime/values.ts). Only `isNull()` can tell it from 0 (a null
   * Integer converted to Float stays -0, the null Float), so a program that never asks a number
   * whether it is null holds an unset Integer as 0: V8 then keeps Integer struct fields and
   * arrays as small integers instead of boxed doubles. Hooked runs show null values, and keep -0.
   */
  nullIntegers = true;
  constructor(
    public file: string,
    public mode: CompileMode,
    public cat: Catalog,
  ) {
    this.traced = mode === 'traced' || mode === 'replay';
    this.hooked = mode === 'hooked' || this.traced;
  }

  /** 'recorded' and 'replay' modes: a tick where a function starts or a loop begins a round (see CompileMode). */
  tick(): void {
    if (this.mode === 'recorded') this.emit('$E[0]++;');
    else if (this.mode === 'replay') this.emit('$h.tick();');
  }

  /** Spans of the operations marked with `at`, by marker id. */
  opSpans: A.Span[] = [];

  /**
   * A marker to put just before the code of an operation that may fail (a division, an index, a
   * native call): `placeOps` turns it into a column of the generated line, so a run-time error
   * thrown there is reported at the operator or call rather than at the statement.
   */
  at(span: A.Span | undefined): string {
    return span ? `${OP_MARK}${this.opSpans.push(span) - 1}${OP_MARK}` : '';
  }

  /** Removes the markers of `at` from the generated lines, recording their columns in the line map. */
  placeOps(): void {
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      if (!line.includes(OP_MARK)) continue;
      const ops: OpPos[] = [];
      let out = '';
      let last = 0;
      for (const m of line.matchAll(OP_MARK_RE)) {
        out += line.slice(last, m.index);
        const span = this.opSpans[Number(m[1])]!;
        ops.push({ col: out.length + 1, pos: { file: span.file, line: span.line, col: span.col } });
        last = m.index + m[0].length;
      }
      this.lines[i] = out + line.slice(last);
      this.map[i] = { ...(this.map[i] ?? ops[0]!.pos), ops };
    }
  }

  emit(text: string, span: A.Span | null = null): void {
    this.lines.push('  '.repeat(this.indent) + text);
    this.map.push(span ? { file: span.file, line: span.line, col: span.col } : null);
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

  defaultValue(t: string, ref: A.TypeRef | null): string {
    if (isArray(t)) {
      const dims = ref ? ref.dims : [];
      if (dims.some((d) => d !== null)) {
        const init = this.defaultValue(baseOf(t), null);
        return filledArray(dims, init) ?? `$h.mkArray(${JSON.stringify(dims)}, () => ${init})`;
      }
      return '[]';
    }
    switch (t) {
      case 'Integer':
        return this.nullIntegers ? '-0' : '0'; // the null number: counts as 0, isNull() tells it apart
      case 'Float':
        return '-0'; // the null Float; a double from the start, as a Float field or array wants
      case 'Long':
        return '-0'; // the null Long (runtime/long.ts)
      case 'Byte':
        return '0';
      case 'Bool':
        return 'false';
      case 'String':
        return '$h.NS'; // the null String (runtime/values.ts): behaves as '', isNull() tells it apart
      case 'Generic':
        return "$h.box('Void', null)";
      case UNKNOWN:
        return 'null';
    }
    const cls = this.cat.get(t);
    if (cls?.native?.defaultValue) return `${this.native(`D:${t}`, cls.native.defaultValue, t)}()`;
    if (cls) return 'null';
    return `new S_${jsSafe(t)}()`;
  }

  abstract expr(e: A.Expr, discard?: boolean): string;
  abstract stmt(s: A.Stmt): void;
}

/** Whether a program calls isNull() on an Integer or a Float (see EmitterBase.nullIntegers). */
export function asksNumberNull(ann: Annotations): boolean {
  for (const t of ann.targets.values()) if (t.k === 'native' && (t.cls === 'Integer' || t.cls === 'Float') && t.sig.name === 'isNull') return true;
  return false;
}
