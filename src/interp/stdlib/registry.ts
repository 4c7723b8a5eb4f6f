// The contract between the checker/compiler and the native implementations of built-ins.
//
// Signatures (parameter and return types, overloads) come from the API catalog
// ../shared/data/crmscript-api.json, loaded by src/interp/catalog.ts. Implementations live in
// one module per built-in class and are keyed by the *normalized* overload signature:
//     'name(Type1,Type2)'    e.g. 'subString(Integer,Integer)', 'getLength()', 'toString(Integer)'
// Type names are written as in the catalog after normalization (see catalog.ts normalizeType):
// 'Integer', 'Float', 'Bool', 'String', 'Byte', 'Date', 'DateTime', 'Time', 'TimeSpan',
// 'Map', 'XMLNode', 'Generic', arrays as 'String[]', 'Byte[]', 'Integer[]', ...
//
// A catalog member with no implementation here still type-checks; calling it throws
// "Class.member is not available in crmscript-tui".

/* eslint-disable @typescript-eslint/no-explicit-any */
export type NativeFn = (...args: any[]) => any;

export interface NativeClass {
  /** CRMScript class name, e.g. 'String', 'DateTime', 'Map'. */
  name: string;
  /** Constructors keyed by parameter list without the name: '()' , '(String)', '(Integer,Integer,Integer,Integer,Integer,Integer)'. */
  ctors?: Record<string, NativeFn>;
  /** Instance methods, called as fn(self, ...args); the return value is the method's result. */
  methods?: Record<string, NativeFn>;
  /**
   * Instance methods of *value* types (String, Integer, Date, DateTime, Time, TimeSpan, ...) that
   * change the receiver: called as fn(self, ...args), they return the receiver's NEW value, which the
   * compiled code stores back into the variable/field/element the method was called on. The
   * expression's value is that new value when the catalog's return type is the class itself
   * (e.g. `Date addDay(Integer)`), otherwise Void.
   */
  updaters?: Record<string, NativeFn>;
  /**
   * Value-type methods that change the receiver AND yield a result of their own (String.getLine
   * returns the first line and removes it): fn(self, ...args) returns [newReceiver, result].
   */
  takers?: Record<string, NativeFn>;
  /**
   * Updaters the reference says return "a reference to itself" (DateTime.moveToDayStart): a method
   * called on their result changes the same variable (`dt.moveToDayStart().addHour(8)` moves dt).
   */
  returnsItself?: string[];
  /** Value of a declared variable with no initializer (`Date d;`, `Map m;`). */
  defaultValue?: () => any;
  /** Ordering for <, <=, >, >= and ==, != on this type (value types like Date). Returns <0, 0, >0. */
  compare?: (a: any, b: any) => number;
  /**
   * Members the real product has (shown in the reference docs' examples) but the catalog lacks:
   * full signatures such as 'String toString()'. The checker adds them to the class.
   */
  extraSignatures?: string[];
}

/** Global functions keyed by 'name(Type1,Type2)'. */
export type NativeGlobals = Record<string, NativeFn>;

/**
 * Every native implementation: what the run side (stdlib/index.ts) hands to the checker, so that
 * the checker and the catalog need no runtime code of their own.
 */
export interface NativeTable {
  classes: ReadonlyMap<string, NativeClass>;
  globals: NativeGlobals;
  /** Classes whose natives are derived from their catalog members on first use (NetServer). */
  lazy?: LazyNatives;
}

/** The part of a catalog signature a lazily built native reads. */
export interface MemberSignature {
  name: string;
  returns: string;
  params: string[];
  key: string;
}

/**
 * Natives built from the catalog the first time the checker or the executor asks for the class,
 * so that a script that names none of them builds nothing (see stdlib/netserver).
 */
export interface LazyNatives {
  /** Whether a catalog class is served by this provider. */
  has(className: string): boolean;
  /** Builds the native of a class from its members; `known` tells which class names exist. */
  build(className: string, members: MemberSignature[], known: (className: string) => boolean): NativeClass;
  /**
   * Members real code calls that the reference declares differently, by class: full signatures
   * the checker adds, replacing a declaration with the same parameters.
   */
  extraSignatures: Record<string, string[]>;
}

/** Raised by natives for a CRMScript-level fault; re-exported for convenience. */
export { CrmError } from '../runtime/values.js';

/**
 * Global functions that need to see the caller's variables by name (e.g. `getGenericValue(String)`)
 * receive one extra trailing argument from the compiled code: `lookup(name)`, returning the named
 * variable in scope boxed as a GenericValue, or null when there is none.
 */
export type ScopeLookup = (name: string) => import('../runtime/values.js').GenericValue | null;
