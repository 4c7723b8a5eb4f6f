// Runtime value conventions shared by the compiler and every stdlib module.
//
// How CRMScript values are held in JavaScript:
//   Integer   number, always a 32-bit signed int (results go through `| 0` / Math.imul).
//             The null Integer (declared, never assigned) is -0: it counts as 0 in arithmetic
//             and `isNullInteger` tells it apart. Arithmetic never produces -0 because `| 0`
//             turns -0 into 0.
//   Float     number. The null Float is -0 too: unary minus is 0 - x (0 for 0) and reading
//             "-0" gives 0, but a product, quotient or remainder of 0 with a negative
//             number stays -0 (adding 0 to every such result would slow Float arithmetic).
//             Bool  boolean.        String  string.
//             The null String ("no value": declared and never assigned, a JSON/XML path
//             that is not there, an unset variable, a database NULL) is NULL_STRING, one
//             String object holding '': JavaScript turns it into '' wherever a primitive is
//             needed (`+`, `<`, `==`, template text, String methods), so concatenation,
//             comparison and printing treat it as empty, and only `isNull()` (identity)
//             tells it apart. The compiler emits `==`/`!=` between Strings (not `===`), and
//             natives test emptiness with `.length === 0`, never `=== ''`.
//   Byte      number 0..255.
//   Date, DateTime, Time, TimeSpan   immutable objects from stdlib/datetime.ts; methods that
//             change the receiver are "updaters" (see registry.ts) that return the new value,
//             and the compiled code stores it back into the variable.
//   arrays    plain JS arrays (reference semantics), nested for more dimensions.
//   structs   instances of a class generated per struct, with `static __crm: StructMeta`.
//   Map, Vector, XMLNode, JSONBuilder, StringMatrix, EventData, Timer, ...: mutable class
//             instances (reference semantics).
//   Generic   a GenericValue box that remembers the static type of what it holds.

/**
 * Where a CRMScript error happened is read off the generated code's frame in its stack
 * (helpers.ts locate). A native such as SearchEngine.execute can raise it more than V8's default
 * 10 frames below that frame: then the stack is taken again, deeper. An error raised by the
 * script's own code (`throw`, a failed check) finds the frame at once and costs no more.
 */
const DEEP_FRAMES = 200;

function reachScript(e: Error): void {
  if (String(e.stack).includes('crmscript.gen')) return;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = DEEP_FRAMES;
  Error.captureStackTrace(e);
  Error.stackTraceLimit = limit;
}

/** A CRMScript exception: thrown by `throw`, by runtime faults and by natives. Catchable by try/catch. */
export class CrmError extends Error {
  /** `line:col` of the statement that raised it, once known. */
  location: string | null = null;
  constructor(message: string) {
    super(message);
    this.name = 'CrmError';
    reachScript(this);
  }
}

/**
 * A failed assert or assertEquals. The API says its exception contains the line number where the
 * assert occurred: once the line is known (runtime/helpers.ts toCrmError) the message names it.
 */
export class AssertFailure extends CrmError {
  constructor(
    private readonly what: string,
    private readonly detail: string,
  ) {
    super(`${what}: ${detail}`);
  }
  atLine(line: number): void {
    this.message = `${this.what} at line ${line}: ${this.detail}`;
  }
}

/** Raised for faults that must not be caught by script try/catch (time limit, stop, recursion). */
export class CrmFatal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrmFatal';
    reachScript(this);
  }
}

export const NULL_INTEGER = -0;

/**
 * The null String (see the header): typed as a string because it behaves as '' everywhere but
 * identity. Not Object.freeze'd: freezing a String wrapper made the compiled string/Map kernel
 * about 1.5× slower in V8 (measured against main in one process), and no script or native can
 * reach its properties anyway.
 */
export const NULL_STRING: string = new String('') as unknown as string;
export function isNullString(s: string): boolean {
  return s === NULL_STRING;
}
/** '' for the null String, else the string itself: for keys of JavaScript Maps and Sets (which compare by identity). */
export function plainString(s: string): string {
  return s === NULL_STRING ? '' : s;
}
/** A native's "no value" result: '' or undefined/null from a lookup becomes the null String. */
export function orNullString(s: string | null | undefined): string {
  return s ?? NULL_STRING;
}
export function isNullInteger(n: number): boolean {
  return n === 0 && 1 / n < 0;
}

/** Generic: a value together with the CRMScript type name it had (e.g. 'Integer', 'String[]', 'Car'). */
export class GenericValue {
  constructor(
    public readonly type: string,
    public value: unknown,
  ) {}
}

export interface StructFieldMeta {
  name: string;
  /** CRMScript type as written, e.g. 'Integer', 'String[]', 'Engine'. */
  type: string;
}
export interface StructMeta {
  name: string;
  fields: StructFieldMeta[];
}
/** The shape of a generated struct class. */
export interface StructClass {
  new (): Record<string, unknown>;
  __crm: StructMeta;
}
export function structMetaOf(v: unknown): StructMeta | null {
  if (v && typeof v === 'object') {
    const c = (v as { constructor?: { __crm?: StructMeta } }).constructor;
    if (c && c.__crm) return c.__crm;
  }
  return null;
}
