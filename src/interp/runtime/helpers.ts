// Helpers the compiled code calls through `$h`: checked arithmetic and indexing, array
// operations, Generic boxing, exceptions and their source locations.
import { AssertFailure, CrmError, CrmFatal, GenericValue, NULL_STRING } from './values.js';
import { charge, grown, payloadOf, reserve } from './memory.js';
import { structToJson, structFromXMLNode, structToJsonString, structFromJsonString, arrayToJson, arrayToJsonString, arrayFromXMLNode, arrayFromJsonString } from '../stdlib/struct-json.js';
import type { SourcePos } from '../compiler.js';
import { errorMessage } from '../util/error-message.js';
import { plural } from '../util/plural.js';
import { longHelpers } from './long.js';
import type { CrmMap } from '../stdlib/map.js';

function outOfRange(i: number, n: number): CrmError {
  return new CrmError(`index ${i} is out of range (the array has ${plural(n, 'element')})`);
}
function empty(op: string): CrmError {
  return new CrmError(`${op}() on an empty array`);
}

export const STACK_OVERFLOW_MESSAGE = 'recursion too deep: the call stack overflowed (a function keeps calling itself?)';

export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/** The helpers shared by every run; `forProgram` adds the ones that know the program's line map. */
/** Accounts a whole fixed array before any of it is allocated (Integer[50000000] a;). */
function reserveArray(dims: (number | null)[]): void {
  let total = 1;
  for (const n of dims) {
    if (n === null || n === undefined) break;
    if (n < 0) throw new CrmError(`an array cannot have a negative size (${n})`);
    total *= n + 1;
  }
  reserve(total * 8);
}

/** The order of plain values (numbers, Strings, Bools) in array.sort(). */
function plainOrder(x: unknown, y: unknown): number {
  // as the < and > operators compare them (the null String, an object, compares as '')
  return (x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0;
}

export const baseHelpers = {
  /** The null String, the value of a String declared without a value. */
  NS: NULL_STRING,
  idiv(a: number, b: number): number {
    if (b === 0) throw new CrmError('division by zero');
    return (a / b) | 0;
  },
  imod(a: number, b: number): number {
    if (b === 0) throw new CrmError('division by zero (modulo)');
    return a % b | 0;
  },
  fdiv(a: number, b: number): number {
    if (b === 0) throw new CrmError('division by zero');
    return a / b;
  },
  fmod(a: number, b: number): number {
    if (b === 0) throw new CrmError('division by zero (modulo)');
    return a % b;
  },
  idx<T>(a: T[], i: number): T {
    if (i >= 0 && i < a.length) return a[i];
    throw outOfRange(i, a.length);
  },
  setIdx<T>(a: T[], i: number, v: T): T {
    if (i >= 0 && i < a.length) return (a[i] = v);
    throw outOfRange(i, a.length);
  },
  /** `m[key]`: the value under a key of a Map ("" when there is none; reading adds nothing). */
  mget(m: CrmMap, key: string): string {
    return m.get(key);
  },
  /** `m[key] = v`: sets the value under a key, leaving the Map's cursor where it was. */
  mset(m: CrmMap, key: string, v: string): string {
    m.put(key, v);
    return v;
  },
  mkArray(dims: (number | null)[], init: () => unknown): unknown[] {
    reserveArray(dims);
    let perElement = -1;
    const element = (): unknown => {
      const v = init();
      // objects (Map, struct, ...) as elements: account each one too
      if (perElement < 0) perElement = v !== null && typeof v === 'object' ? 128 : 0;
      if (perElement) charge(perElement);
      return v;
    };
    const make = (d: number): unknown[] => {
      const n = dims[d];
      if (n === null || n === undefined) return [];
      const a = new Array(n);
      for (let i = 0; i < n; i++) a[i] = d + 1 < dims.length ? make(d + 1) : element();
      return a;
    };
    return make(0);
  },
  /** A one-dimension fixed array of a value type, filled at once (compile/inline-checks.ts filledArray). */
  fillArray<T>(n: number, v: T): T[] {
    reserveArray([n]);
    return new Array<T>(n).fill(v);
  },
  /** An array grew to `count` slots of `slotBytes` (compiled code's inline pushBack): runtime/memory.ts grown. */
  grown,
  push<T>(a: T[], v: T): void {
    grown(a.push(v), 8, payloadOf(v));
  },
  unshift<T>(a: T[], v: T): void {
    grown(a.unshift(v), 8, payloadOf(v));
  },
  arr_popBack<T>(a: T[]): T {
    if (!a.length) throw empty('popBack');
    return a.pop() as T;
  },
  arr_popFront<T>(a: T[]): T {
    if (!a.length) throw empty('popFront');
    return a.shift() as T;
  },
  arr_first<T>(a: T[]): T {
    if (!a.length) throw empty('first');
    return a[0];
  },
  arr_last<T>(a: T[]): T {
    if (!a.length) throw empty('last');
    return a[a.length - 1];
  },
  arr_insert<T>(a: T[], i: number, v: T): void {
    if (i < 0 || i > a.length) throw outOfRange(i, a.length);
    a.splice(i, 0, v);
    grown(a.length, 8, payloadOf(v));
  },
  arr_clear<T>(a: T[]): void {
    a.length = 0;
  },
  /** array.sort(): `by` compares two elements (a class's compare, or a struct's compare method made one); null: plain values. */
  arr_sort<T>(a: T[], by: ((x: T, y: T) => number) | null): void {
    a.sort(by ?? plainOrder);
  },
  /** array.buildString(separator): each element written by `by` (a class's or a struct's toString; null: Strings), joined. */
  arr_buildString<T>(a: T[], by: ((x: T) => unknown) | null, separator: string): string {
    let out = '';
    for (let i = 0; i < a.length; i++) {
      const piece = (i > 0 ? separator : '') + String(by === null ? a[i] : by(a[i]));
      charge(2 * piece.length);
      out += piece;
    }
    return out;
  },
  structToJsonString,
  arr_toJson: arrayToJson,
  arr_toJsonString: arrayToJsonString,
  arr_fromXMLNode: arrayFromXMLNode,
  arr_fromJsonString: arrayFromJsonString,
  structFromJsonString,
  ...longHelpers,
  box(type: string, value: unknown): GenericValue {
    return value instanceof GenericValue ? value : new GenericValue(type, value);
  },
  /** `throw "text";`: the documented message of a thrown string is "GeneralException: text". */
  error(message: string): CrmError {
    return new CrmError(`GeneralException: ${message}`);
  },
  unavailable(what: string): () => never {
    return () => {
      throw new CrmError(`${what} is not available in crmscript-tui`);
    };
  },
  structToJson,
  structFromXMLNode,
  // Hooked (debug) code also calls stmt/enter/leave/thrown/...: those come from the debug agent
  // (src/interp/debug/agent.ts), which every hooked run installs.
};

export type Helpers = typeof baseHelpers & {
  caught(e: unknown): string;
  location(e: unknown): string;
};

// The first line of a `new Function` body is not line 1 of its stack frames; measure the offset.
let lineOffset = -1;
function measureOffset(): number {
  if (lineOffset >= 0) return lineOffset;
  try {
    new Function('throw new Error("probe")\n//# sourceURL=crmscript.probe')();
  } catch (e) {
    const m = /crmscript\.probe:(\d+):/.exec(String((e as Error).stack));
    lineOffset = m ? Number(m[1]) - 1 : 2;
  }
  return lineOffset;
}

export const GEN_URL = 'crmscript.gen';

/** Finds the script position of the innermost compiled frame in a JS error's stack. */
export function locate(e: unknown, lineMap: (SourcePos | null)[]): SourcePos | null {
  const stack = e instanceof Error ? String(e.stack) : '';
  const re = /crmscript\.gen:(\d+):(\d+)/g;
  const off = measureOffset();
  const m = re.exec(stack);
  if (!m) return null;
  const line = Number(m[1]) - off - 1;
  // the operation that failed: the last marked one that starts at or before the frame's column
  const ops = lineMap[line]?.ops;
  if (ops) {
    const col = Number(m[2]);
    let op: SourcePos | null = null;
    for (const o of ops) if (o.col <= col) op = o.pos;
    if (op) return op;
  }
  for (let i = line; i >= 0; i--) {
    const p = lineMap[i];
    if (p) return p.ops ? { file: p.file, line: p.line, col: p.col } : p;
  }
  return null;
}

/** V8's own size limits (a String or an array too long to exist), in the user's words. */
function sizeLimitMessage(e: unknown): string | null {
  if (!(e instanceof RangeError)) return null;
  if (/Invalid string length/i.test(e.message)) return 'the text is too long: a String holds at most about 512 million characters';
  if (/Invalid (typed )?array length/i.test(e.message)) return 'the array is too large';
  return null;
}

/** Turns anything thrown inside a run into a CrmError (or rethrows what scripts may not catch). */
export function toCrmError(e: unknown, lineMap: (SourcePos | null)[], file: string): CrmError | CrmFatal {
  if (e instanceof CrmFatal) {
    // a limit reached inside a native (memory, output): say where the script was
    if (!(e as { pos?: SourcePos | null }).pos) withLocation(e, e, lineMap, file);
    return e;
  }
  if (isStackOverflow(e)) return withLocation(new CrmFatal(STACK_OVERFLOW_MESSAGE), e, lineMap, file);
  const size = sizeLimitMessage(e);
  if (size) return withLocation(new CrmError(size), e, lineMap, file);
  if (e instanceof CrmError) {
    if (!e.location) withLocation(e, e, lineMap, file);
    return e;
  }
  if (e instanceof Error && e.name === 'ExitRequest') return e as CrmFatal;
  const err = new CrmError(`internal error: ${errorMessage(e)}`);
  return withLocation(err, e, lineMap, file);
}

function withLocation<T extends CrmError | CrmFatal>(target: T, source: unknown, lineMap: (SourcePos | null)[], file: string): T {
  const pos = locate(source, lineMap);
  const t = target as T & { location?: string | null; pos?: SourcePos | null };
  t.pos = pos ? { ...pos, file: pos.file ?? file } : null;
  t.location = pos ? `${pos.file ?? file}:${pos.line}:${pos.col}` : null;
  if (pos && target instanceof AssertFailure) target.atLine(pos.line);
  return target;
}

export function helpersFor(lineMap: (SourcePos | null)[], file: string): Helpers {
  return {
    ...baseHelpers,
    caught(e: unknown): string {
      const err = toCrmError(e, lineMap, file);
      if (!(err instanceof CrmError)) throw err;
      if (e && typeof e === "object") (e as { crm?: CrmError }).crm = err;
      return err.message;
    },
    location(e: unknown): string {
      const err = (e as { crm?: CrmError }).crm;
      return err?.location ?? '';
    },
  };
}
