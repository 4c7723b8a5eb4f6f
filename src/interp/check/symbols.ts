// What the checker knows about a program: the symbols it declares (variables, functions,
// structs), how each call resolves, and the typed side tables that map AST nodes to those facts
// for the compiler (instead of writing onto the nodes).
import type * as A from '../../grammar/ast.js';
import type { Catalog, Signature } from '../catalog.js';
import type { NativeFn } from '../stdlib/registry.js';

/**
 * A CRMScript name as part of a JavaScript identifier. Script names are letters, digits and `_`
 * in the Unicode sense, which is wider than what JavaScript accepts (U+2E2F is a letter to
 * Unicode but not an identifier character in JS): anything outside ASCII letters, digits and `_`
 * becomes `$` + its code point in hex + `$`, so every script name maps to a valid, distinct name.
 */
export function jsSafe(name: string): string {
  return /^[A-Za-z0-9_]*$/.test(name) ? name : name.replace(/[^A-Za-z0-9_]/gu, (c) => `$${c.codePointAt(0)!.toString(16)}$`);
}

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
  | { k: 'native'; cls: string; sig: Signature; impl: NativeFn | undefined; updater: boolean; retSelf: boolean; take?: boolean; itself?: boolean }
  | { k: 'global'; sig: Signature; impl: NativeFn | undefined; scopeLookup: boolean }
  | { k: 'ctor'; cls: string; sig: Signature; impl: NativeFn | undefined }
  | { k: 'newStruct'; struct: StructInfo }
  | { k: 'array'; op: string; elem: string; by?: ElementOrder }
  | { k: 'structBuiltin'; op: StructBuiltin };

/** The methods every struct has (unless it declares its own with the same parameters). */
export type StructBuiltin = 'toJson' | 'fromXMLNode' | 'toJsonString' | 'fromJsonString';

/**
 * How an array's sort() orders, or buildString() writes, its elements: by a struct method
 * (`Bool compare(S)`, `String toString()`), by a class's native compare or toString, or (none) as
 * plain values.
 */
export type ElementOrder = { k: 'method'; fn: FnInfo } | { k: 'native'; key: string; impl: NativeFn | undefined };


/** What the checker found out about AST nodes, one typed table per fact. */
export class Annotations {
  /** Static type of every checked expression. */
  readonly types = new Map<A.Expr, string>();
  /** The variable a name refers to or a declaration declares. */
  readonly syms = new Map<A.Identifier | A.Param | A.Declarator | A.ForeachStmt, VarSym>();
  /** A struct field access. */
  readonly fields = new Map<A.MemberExpr, { js: string }>();
  /** `m[key]` on a Map: the value under a key rather than an array element. */
  readonly mapIndex = new Set<A.IndexExpr>();
  /** An enum constant (ActivityStatus.Started). */
  readonly enumValues = new Map<A.MemberExpr, number>();
  /** What a call calls. */
  readonly targets = new Map<A.CallExpr, CallTarget>();
  /** Per call argument: the static type to box as Generic, or null. */
  readonly boxes = new Map<A.CallExpr, (string | null)[] | undefined>();
  /** Assignment, declaration, field initializer or return value: box as Generic of this type. */
  readonly boxValues = new Map<A.Declarator | A.StructField | A.ReturnStmt | A.AssignExpr, string | null>();
  /** The `error` and `errorLocation` variables of a catch block. */
  readonly errSyms = new Map<A.TryStmt, VarSym>();
  readonly locSyms = new Map<A.TryStmt, VarSym>();
  readonly fns = new Map<A.FunctionDecl, FnInfo>();
  readonly structs = new Map<A.StructDecl, StructInfo>();
  /** For getGenericValue(String): the variables visible at the call. */
  readonly visible = new Map<A.CallExpr, VarSym[]>();
}

export interface CheckResult {
  diagnostics: (A.Diagnostic & { file?: string })[];
  structs: StructInfo[];
  functions: FnInfo[];
  ann: Annotations;
  /** The catalog the program was checked against (the compiler reads the natives from it). */
  catalog: Catalog;
}

export class Scope {
  vars = new Map<string, VarSym>();
  constructor(public parent: Scope | null) {}
  lookup(name: string): VarSym | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }
  /** The names visible here (for "did you mean" hints). */
  names(): string[] {
    const out: string[] = [];
    for (let s: Scope | null = this; s; s = s.parent) out.push(...s.vars.keys());
    return out;
  }
}
