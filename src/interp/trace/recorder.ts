// The trace recorder: the hooks implementation for a hooked program whose run is recorded. It
// runs in the worker next to the script, so the hooks must stay cheap: each appends a token
// (format.ts: a statement, a call, a return, an Integer assigned, whose value goes to V) and keeps
// no other state; the statement hook of hooked mode hands the frame to frames.ts only when
// something may have changed its locals. A new call's `this` and parameters go to the argument
// column as `enter` receives them. Objects
// (arrays, structs, Maps, Vectors) are recorded once in full when a variable first holds them
// (values.ts), then by their changes, observed where they happen: the array helpers, property
// setters installed on the struct classes, and the Map's mutating methods (here). The buffer
// goes out through `write` in chunks (chunk-buffer.ts).
import { baseHelpers } from '../runtime/helpers.js';
import type { StructClass } from '../runtime/values.js';
import { CrmMap } from '../stdlib/map.js';
import type { CrmVector } from '../stdlib/vector.js';
import { nativeClasses } from '../stdlib/table.js';
import type { NativeFn } from '../stdlib/registry.js';
import type { TraceSummary } from './chunk-buffer.js';
import { BIG, small, type RecorderOptions } from './frames.js';
import { TracedRecorder } from './traced.js';
import { OP_ASET, OP_CLEAR, OP_FSET, OP_INSERT, OP_POP, OP_PUSH, OP_SHIFT, OP_UNSHIFT } from './format.js';

export type { TraceSummary } from './chunk-buffer.js';
export type { RecorderOptions } from './frames.js';

export interface Recorder {
  /** Hooks and helper overrides to merge over the program's helpers ($h). */
  helpers: Record<string, unknown>;
  /** The struct class registry to run the program with ($S and the run context's structs). */
  structs: Map<string, StructClass>;
  /** The program's natives ($n), wrapped where a call may change a recorded object (the same for every recording: cacheable). */
  natives(keys: string[], resolve: (key: string) => NativeFn): NativeFn[];
  /** Script output, as it is written. */
  out(text: string): void;
  /** The program's `$h.caught` ran: the catching frame's error variables were just assigned. */
  caught(): void;
  /** Writes what is still buffered (first the returns of the calls still open); the recorder records nothing after this. */
  finish(): TraceSummary;
  /** For the run context: saves what is recorded before the thread blocks (RunContext.blockingWait). */
  blockingWait: { before(): void; after(): void };
}

/** Vector methods that only read. */
const VECTOR_READERS = /^M:Vector:(get|size|toIntegerArray|toStringArray|buildString)\(/;

/** Classes whose objects are values (methods never change them) or that are tracked otherwise. */
const NOT_OPAQUE = new Set(['String', 'Integer', 'Float', 'Bool', 'Byte', 'Long', 'Map', 'Vector']);

/** The recorder whose run is going on in this thread (Map methods report to it). */
let active: TracedRecorder | null = null;

// Map changes are seen in CrmMap's own mutating methods (insert and the natives go through put).
let mapPatched = false;
function patchMap(): void {
  if (mapPatched) return;
  mapPatched = true;
  const proto = CrmMap.prototype;
  const put = proto.put;
  const remove = proto.remove;
  const clear = proto.clear;
  proto.put = function (this: CrmMap, key: string, value: string): void {
    put.call(this, key, value);
    active?.mapSet(this, key, value);
  };
  proto.remove = function (this: CrmMap, key: string): void {
    const had = active !== null && this.data.has(key);
    remove.call(this, key);
    if (had) active?.mapDel(this, key);
  };
  proto.clear = function (this: CrmMap): void {
    clear.call(this);
    active?.cleared(this);
  };
}

/** The recorder the hooks write to: the last one created in this thread (one records at a time). */
let R: TracedRecorder;

/**
 * Hooked mode's `enter`: a call of `fn` begins one level deeper; its first arguments (`n` counts
 * `fn` too, as `arguments.length` does) go into the live frame and into A. Returns the new depth.
 */
function callBegins(r: TracedRecorder, fn: number, n: number, a: unknown, b: unknown): number {
  const d = r.depth + 1;
  if (d >= r.cap) r.growDepth();
  const f = r.live[d];
  if (n > 1) {
    f[0] = a;
    if (n > 2) f[1] = b;
  }
  if (r.fresh !== 0) r.noStatement();
  if (r.k < r.lim || r.more()) {
    r.T[r.k++] = r.kEnter + fn;
    r.ne++;
    r.lastFn = fn;
    if (r.q + r.argRoom >= r.A.length) r.growArgs();
    if (n > 1) {
      let x = small(a);
      r.A[r.q++] = x === 1 ? r.boxArg(d, fn, 0, a) : x;
      if (n > 2) {
        x = small(b);
        r.A[r.q++] = x === 1 ? r.boxArg(d, fn, 1, b) : x;
      }
    }
  } else r.ne++;
  return d;
}

/** Hooked mode's `enter` hooks (`n` as in callBegins): returns the call's frame. */
function callOf(fn: number, n: number, a: unknown, b: unknown): unknown[] {
  const r = R;
  const d = callBegins(r, fn, n, a, b);
  const kind = r.entry[fn];
  if (kind !== 0) r.begin(d, fn, kind);
  return r.live[d];
}

// The hooks the compiled code calls through $h: small, so that they are inlined there, and the
// same functions for every recording, so that the calls to them stay monomorphic (a recording of
// the same script compiles to the same code, whose call feedback V8 keeps). The rest is the
// recorder's (TraceRecorder.slow, .look, .more).
const HOOKS = {
  stmt(id: number): void {
    const r = R;
    if (r.k >= r.lim) r.slow(id);
    else {
      if (r.needs[id] !== 0) r.look(id, r.depth);
      // last: events of this hook belong to this step
      r.T[r.k++] = id;
    }
  },
  enter(fn: number): unknown[] {
    return callOf(fn, 1, undefined, undefined);
  },
  enter1(fn: number, a: unknown): unknown[] {
    return callOf(fn, 2, a, undefined);
  },
  enter2(fn: number, a: unknown, b: unknown): unknown[] {
    return callOf(fn, 3, a, b);
  },
  leave(): void {
    const r = R;
    if (r.k < r.lim) {
      r.T[r.k++] = r.kLeave;
      r.nl++;
    } else r.leaveSlow();
  },
  thrown(): void {},
  ti(): void {},
  to(): void {},
  fnTable(): void {},
};

/** The calls deeper than `d` return (an exception ended them). */
function unwindTo(r: TracedRecorder, d: number): void {
  while (r.depth > d) {
    if (r.k < r.lim) {
      r.T[r.k++] = r.kLeave;
      r.nl++;
    } else r.leaveSlow();
  }
}

// Traced mode's hooks: the code keeps no frame arrays (see CompileMode) and reports assignments.
// Each fast path appends a token (and a value) when the chunk has room and no frame is watched.
const TRACED_HOOKS = {
  // a statement outside hot code (see HookedEmitter.hot; in hot code this is inline)
  st(id: number): void {
    const r = R;
    if (r.k < r.lim) r.T[r.k++] = id;
    else r.slow(id);
  },
  // a call of fn (with `this` and the parameters, for its first step)
  enter(fn: number): void {
    const r = R;
    if (r.k < r.lim) {
      r.T[r.k++] = r.kEnter + fn;
      r.ne++;
    } else r.enterSlow(fn, [], 0);
  },
  enter1(fn: number, a: unknown): void {
    const r = R;
    if (r.k < r.lim) {
      r.T[r.k++] = r.kEnter + fn;
      r.ne++;
      const x = small(a);
      r.A[r.q++] = x === 1 ? r.boxArg(r.depth, fn, 0, a) : x;
    } else r.enterSlow(fn, [a], 0);
  },
  enter2(fn: number, a: unknown, b: unknown): void {
    const r = R;
    if (r.k < r.lim) {
      r.T[r.k++] = r.kEnter + fn;
      r.ne++;
      let x = small(a);
      r.A[r.q++] = x === 1 ? r.boxArg(r.depth, fn, 0, a) : x;
      x = small(b);
      r.A[r.q++] = x === 1 ? r.boxArg(r.depth, fn, 1, b) : x;
    } else r.enterSlow(fn, [a, b], 0);
  },
  /** A call with more arguments than `enter` takes, as an array. */
  enterN(fn: number, args: unknown[]): void {
    R.enterSlow(fn, args, 0);
  },
  leave: HOOKS.leave,
  // a function returns v (traced mode has no try/finally per call: see CompileMode)
  rv<T>(v: T): T {
    const r = R;
    if (r.k < r.lim) {
      r.T[r.k++] = r.kLeave;
      r.nl++;
    } else r.leaveSlow();
    return v;
  },
  // a catch site of a call at depth d: the calls the exception ended return
  unwind(d: number): void {
    unwindTo(R, d);
  },
  // an assignment of local i of the running frame (a call of fn) reports its value
  lv(v: unknown, i: number, fn: number): unknown {
    // the common case inline: an Integer (not -0, the null Integer)
    if (typeof v === 'number' && (v | 0) === v && (v !== 0 || 1 / v > 0)) {
      const r = R;
      if (r.k < r.lim) {
        r.T[r.k++] = r.kLocal + 2 * i;
        r.V[r.v++] = v;
        return v;
      }
    }
    R.assignedHere(fn, i, v);
    return v;
  },
  // a function assigned global i (local i of the main body)
  lg(v: unknown, i: number): unknown {
    if (typeof v === 'number' && (v | 0) === v && (v !== 0 || 1 / v > 0)) {
      const r = R;
      if (r.k < r.lim) {
        r.T[r.k++] = r.kLocal + 2 * i + 1;
        r.V[r.v++] = v;
        return v;
      }
    }
    R.assigned(1, 0, i, v);
    return v;
  },
  thrown(): void {},
  ti(): void {},
  to(): void {},
  fnTable(): void {},
};

// Array helpers that change an array also record the change when the array is recorded (the
// base helpers do the work, with their memory accounting). Like the hooks, the same functions
// for every recording: they report to the recorder of the run going on (R).
const elem = (r: TracedRecorder, id: number): string => r.elemType[id] ?? 'Generic';
/** A helper that appends to the array it is given, recording what it appended as pushed. */
function appending<A extends unknown[]>(f: (a: unknown[], ...rest: A) => void): (a: unknown[], ...rest: A) => void {
  return (a, ...rest) => {
    const from = a.length;
    f(a, ...rest);
    const id = R.idOf(a);
    if (id !== undefined) for (let i = from; i < a.length; i++) R.change(OP_PUSH, id, 0, a[i], elem(R, id));
  };
}

const ARRAYS = {
  setIdx<T>(a: T[], i: number, v: T): T {
    const res = baseHelpers.setIdx(a, i, v);
    const id = R.idOf(a);
    if (id !== undefined) R.change(OP_ASET, id, i, v, elem(R, id));
    return res;
  },
  push<T>(a: T[], v: T): void {
    baseHelpers.push(a, v);
    const id = R.idOf(a);
    if (id !== undefined) R.change(OP_PUSH, id, 0, v, elem(R, id));
  },
  unshift<T>(a: T[], v: T): void {
    baseHelpers.unshift(a, v);
    const id = R.idOf(a);
    if (id !== undefined) R.change(OP_UNSHIFT, id, 0, v, elem(R, id));
  },
  arr_popBack<T>(a: T[]): T {
    const res = baseHelpers.arr_popBack(a);
    const id = R.idOf(a);
    if (id !== undefined) R.change(OP_POP, id, 0, null, null);
    return res;
  },
  arr_popFront<T>(a: T[]): T {
    const res = baseHelpers.arr_popFront(a);
    const id = R.idOf(a);
    if (id !== undefined) R.change(OP_SHIFT, id, 0, null, null);
    return res;
  },
  arr_insert<T>(a: T[], i: number, v: T): void {
    baseHelpers.arr_insert(a, i, v);
    const id = R.idOf(a);
    if (id !== undefined) R.change(OP_INSERT, id, i, v, elem(R, id));
  },
  arr_clear<T>(a: T[]): void {
    baseHelpers.arr_clear(a);
    const id = R.idOf(a);
    if (id !== undefined) R.change(OP_CLEAR, id, 0, null, null);
  },
  // elements an array reads from JSON or XML are recorded as pushed
  arr_fromXMLNode: appending(baseHelpers.arr_fromXMLNode),
  arr_fromJsonString: appending(baseHelpers.arr_fromJsonString),
  // a sorted array is recorded as emptied and filled again in its new order
  arr_sort<T>(a: T[], by: ((x: T, y: T) => number) | null): void {
    baseHelpers.arr_sort(a, by);
    const id = R.idOf(a);
    if (id === undefined) return;
    R.change(OP_CLEAR, id, 0, null, null);
    for (const v of a) R.change(OP_PUSH, id, 0, v, elem(R, id));
  },
};

/**
 * The program's natives, wrapped where a call may change a recorded object; the wrappers report
 * to the recorder of the run going on (R), so that a program's natives serve all its recordings.
 */
function tracedNatives(keys: string[], resolve: (key: string) => NativeFn): NativeFn[] {
  return keys.map((key) => {
    const f = resolve(key);
    const [kind, cls] = key.split(':');
    if (kind !== 'M') return f;
    if (cls === 'Vector') {
      if (VECTOR_READERS.test(key)) return f;
      return (self: CrmVector, ...args: unknown[]) => {
        const res = f(self, ...args);
        R.vectorChanged(self);
        return res;
      };
    }
    if (NOT_OPAQUE.has(cls) || nativeClasses.get(cls)?.updaters) return f;
    return (...args: unknown[]) => {
      const res = f(...args);
      R.opaque();
      return res;
    };
  });
}

export function createRecorder(opts: RecorderOptions): Recorder {
  patchMap();
  const r = new TracedRecorder(opts);
  active = r;
  R = r;

  // Struct classes get a property setter per field, which records changes of recorded structs.
  class TracingStructs extends Map<string, StructClass> {
    override set(name: string, cls: StructClass): this {
      if (!cls.prototype || Object.prototype.hasOwnProperty.call(cls, '__traced')) return super.set(name, cls);
      const meta = cls.__crm;
      (r.metas ??= {})[meta.name] = meta.fields.map((f) => ({ name: f.name, type: f.type }));
      meta.fields.forEach((f, fi) => {
        const key = `f_${f.name}`;
        const slot = Symbol(key);
        Object.defineProperty(cls.prototype, key, {
          configurable: true,
          get(this: Record<symbol, unknown>) {
            return this[slot];
          },
          set(this: Record<symbol, unknown>, v: unknown) {
            this[slot] = v;
            const id = r.idOf(this);
            if (id !== undefined) r.change(OP_FSET, id, fi, v, f.type);
          },
        });
      });
      Object.defineProperty(cls, '__traced', { value: true });
      return super.set(name, cls);
    }
  }

  return {
    helpers: { ...(r.traced ? TRACED_HOOKS : HOOKS), ...ARRAYS, $r: r },
    structs: new TracingStructs(),
    natives: tracedNatives,
    caught(): void {
      if (r.depth > 0 && !r.traced) {
        r.mark[r.depth] = BIG;
        r.prev[r.depth] = -1;
      }
    },
    out(s: string): void {
      r.out(s);
    },
    blockingWait: {
      before: () => r.beforeBlocking(),
      after: () => r.afterBlocking(),
    },
    finish(): TraceSummary {
      // the main body's return, and those of the calls an exception that ended the run ended
      unwindTo(r, 0);
      const summary = r.finish();
      if (active === r) active = null;
      return summary;
    },
  };
}
