// The checker's state and what every part of it uses: scopes, declaring and looking up variables,
// resolving type names, assignability, and reporting errors.
import type * as A from '../../grammar/ast.js';
import { catalog, type Catalog } from '../catalog.js';
import type { NativeTable } from '../stdlib/registry.js';
import { UNKNOWN, PRIMITIVES, typeOf, fit } from '../type-rules.js';
import { Annotations, jsSafe, Scope, type CheckResult, type FnInfo, type StructInfo, type VarSym } from './symbols.js';

export abstract class CheckerBase {
  cat: Catalog;

  constructor(protected readonly natives: NativeTable) {
    this.cat = catalog(natives);
  }

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

  /** Every top-level function name, to tell "used before it is declared" from "not declared". */
  laterFunctions = new Set<string>();
  ann = new Annotations();
  /** The Integer literal being negated (`-2147483648` is in range, `2147483648` alone is not). */
  negated: A.Expr | null = null;

  error(span: A.Span, message: string): void {
    this.diags.push({ line: span.line, col: span.col, message, severity: 'error', file: span.file });
  }

  // ------------------------------------------------------------ declarations

  freshJs(prefix: string, name: string): string {
    const safe = jsSafe(name);
    let js = `${prefix}${safe}`;
    for (let i = 2; this.jsNames.has(js); i++) js = `${prefix}${safe}$${i}`;
    this.jsNames.add(js);
    return js;
  }

  resolveType(ref: A.TypeRef, allowVoid = false): string {
    const t = typeOf(ref);
    if (ref.name === 'Void') {
      if (!allowVoid || ref.dims.length) this.error(ref.span, 'Void is not a type a variable can have');
      return t;
    }
    // an enum's values are Integers (ActivityStatus.Started), and NetServer members typed with an
    // enum take and give Integers: a variable declared with the enum's name holds one
    const dims = t.slice(ref.name.length);
    if (!this.structs.has(ref.name) && this.cat.get(ref.name)?.kind === 'Enum') return 'Integer' + dims;
    if (PRIMITIVES.has(ref.name) || ref.name === 'Generic' || this.structs.has(ref.name) || this.cat.has(ref.name)) return t;
    // the reference's generated NetServer examples name a carrier without its NS prefix
    // (`ParticipantInfo participant;`, which AssignTo takes as NSParticipantInfo) and an enum with
    // one (`NSDocTmplType recordType`): the names the catalog gives them (scripts/gen-catalog.mjs)
    if (!this.structs.has(ref.name)) {
      if (this.cat.get(`NS${ref.name}`)?.kind === 'Class') return `NS${ref.name}${dims}`;
      if (ref.name.startsWith('NS') && this.cat.get(ref.name.slice(2))?.kind === 'Enum') return 'Integer' + dims;
    }
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

  lookupVar(name: string): VarSym | undefined {
    const sym = this.scope.lookup(name);
    // a global declared after the function being checked is not visible in it
    if (sym && sym.global && this.fn && sym.order >= this.fn.order) return undefined;
    return sym;
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

  abstract expr(e: A.Expr): string;
}
