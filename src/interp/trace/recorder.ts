// The trace recorder: the hooks implementation for a hooked program whose run is recorded. It
// runs in the worker next to the script, so the statement hook must stay cheap: it stores the
// statement id and call depth in typed arrays, and compares a frame's locals with the values it
// recorded last (recording those that changed) only when something may have changed them: a new
// call, a previous statement of the frame that assigns a local (found once in the generated code,
// see analyzeWrites), a loop going round again, a caught exception. Objects (arrays, structs, Maps,
// Vectors) are recorded once in full when a variable first holds them, then by their changes
// (element set, push, field set, Map insert, ...), observed where they happen: the array helpers,
// property setters installed on the struct classes, and the Map's mutating methods. Lines of the
// recording go out through `write` in chunks (see format.ts).
import type { CompiledProgram, DebugFn } from '../compiler.js';
import { baseHelpers } from '../runtime/helpers.js';
import { GenericValue, structMetaOf, type StructClass } from '../runtime/values.js';
import { CrmMap } from '../stdlib/map.js';
import { CrmVector } from '../stdlib/vector.js';
import { nativeClasses } from '../stdlib/index.js';
import type { NativeFn } from '../stdlib/registry.js';
import { baseOf } from '../types.js';
import {
  NEW_FRAME,
  OP_CLEAR,
  OP_DEF,
  OP_FSET,
  OP_INSERT,
  OP_LOCAL,
  OP_MDEL,
  OP_MSET,
  OP_OUT,
  OP_POP,
  OP_PUSH,
  OP_ASET,
  OP_SHIFT,
  OP_UNSHIFT,
  TAG_BOOL,
  TAG_JSON,
  TAG_NULL,
  TAG_NUM,
  TAG_REF,
  TAG_STR,
  TAG_UNDEF,
  type EncodedValue,
  type HeapContent,
  type TraceChunk,
} from './format.js';

export interface RecorderOptions {
  compiled: CompiledProgram;
  /** Appends to the recording: a JSON line (ending in '\n') or a chunk's binary columns. */
  write(data: string | ArrayBufferView[]): void;
  /** Stop recording (the run goes on) after this many steps. Default 5,000,000. */
  maxSteps?: number;
  /** Steps per chunk line. Default 65,536. */
  chunkSteps?: number;
}

export interface TraceSummary {
  steps: number;
  truncated: boolean;
}

export interface Recorder {
  /** Hooks and helper overrides to merge over the program's helpers ($h). */
  helpers: Record<string, unknown>;
  /** The struct class registry to run the program with ($S and the run context's structs). */
  structs: Map<string, StructClass>;
  /** The program's natives ($n), wrapped where a call may change a recorded object. */
  natives(keys: string[], resolve: (key: string) => NativeFn): NativeFn[];
  /** Script output, as it is written. */
  out(text: string): void;
  /** The program's `$h.caught` ran: the catching frame's error variables were just assigned. */
  caught(): void;
  /** Writes what is still buffered; the recorder records nothing after this. */
  finish(): TraceSummary;
}

/** Longest string kept whole in a recording; longer ones are clipped (their length is kept). */
export const MAX_STR = 4096;
const BIG = 0x7fffffff;

/** Vector methods that only read. */
const VECTOR_READERS = /^M:Vector:(get|size|toIntegerArray|toStringArray|buildString)\(/;

/** Classes whose objects are values (methods never change them) or that are tracked otherwise. */
const NOT_OPAQUE = new Set(['String', 'Integer', 'Float', 'Bool', 'Byte', 'Map', 'Vector']);

interface Frame {
  /** The values recorded last, by local index. */
  vals: unknown[];
  /** The frame's previous statement may have assigned a local. */
  pending: boolean;
  /** The frame's previous statement id (a lower or equal id next means a loop went round). */
  prev: number;
  /** Text recorded last for locals holding built-in objects shown by their text. */
  txt: (string | undefined)[];
  /** `opq` when this frame's built-in objects were last looked at. */
  opq: number;
}

/**
 * Which statements may assign a local of their own frame (`local`) or a global from inside a
 * function (`global`), read from the generated code: the text after `$h.stmt(N)` up to the next
 * hook is statement N's, and locals are assigned as `v_x = ...` / `l_x = ...` or by `for (v_x of`.
 * The names a function's frame holds are those its `$h.enter(id, () => [...])` closure reads.
 * Over-approximation is harmless (one more comparison); assignments elsewhere (a foreach variable
 * on the next round, catch variables) are covered by the loop and catch rules of the hook.
 */
export function analyzeWrites(code: string, stmtCount: number): { local: Uint8Array; global: Uint8Array } {
  const local = new Uint8Array(stmtCount);
  const global = new Uint8Array(stmtCount);
  let cur = -1;
  let own: Set<string> | null = null;
  const enterRe = /\$h\.enter\((\d+), \(\) => \[(.*)\]\);/;
  const assignRe = /(?:\b([vl]_[\w$]*)\s*=(?!=))|(?:\bfor \(([vl]_[\w$]*) of )/g;
  const mark = (text: string): void => {
    if (cur < 0 || cur >= stmtCount) return;
    assignRe.lastIndex = 0;
    for (let m = assignRe.exec(text); m; m = assignRe.exec(text)) {
      const name = m[1] ?? m[2];
      if (own === null || own.has(name)) local[cur] = 1;
      else global[cur] = 1;
    }
  };
  for (const line of code.split('\n')) {
    const e = enterRe.exec(line);
    if (e) {
      own = e[1] === '0' ? null : new Set(e[2].split(', ').filter((x) => x !== ''));
      cur = -1;
      continue;
    }
    const parts = line.split(/\$h\.stmt\((\d+)\)/);
    mark(parts[0]);
    for (let i = 1; i < parts.length; i += 2) {
      cur = Number(parts[i]);
      mark(parts[i + 1]);
    }
  }
  return { local, global };
}

/** The recorder whose run is going on in this thread (Map methods report to it). */
let active: RecorderImpl | null = null;

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

type RecorderImpl = ReturnType<typeof makeRecorder>;

export function createRecorder(opts: RecorderOptions): Recorder {
  patchMap();
  const r = makeRecorder(opts);
  active = r;
  return r.api;
}

function makeRecorder(opts: RecorderOptions) {
  const { stmts, fns } = opts.compiled.debug!;
  const write = opts.write;
  const maxSteps = opts.maxSteps ?? 5_000_000;
  const stepCap = opts.chunkSteps ?? 65536;
  const OID = Symbol('trace-id');

  // ---- steps of the current chunk
  const S = new Int32Array(stepCap);
  const D = new Int32Array(stepCap);
  let k = 0;
  /** Steps recorded so far = index of the step being recorded; events carry it. */
  let n = 0;
  let off = false;
  let truncated = false;
  let finished = false;

  // ---- events of the current chunk
  let ecap = 4096;
  let eStep: Int32Array = new Int32Array(ecap);
  let eOp: Uint8Array = new Uint8Array(ecap);
  let eA: Int32Array = new Int32Array(ecap);
  let eB: Int32Array = new Int32Array(ecap);
  let eTag: Uint8Array = new Uint8Array(ecap);
  let eNum: Float64Array = new Float64Array(ecap);
  let m = 0;
  let strs: string[] = [];
  let strChars = 0;
  /** Strings written in earlier chunks (string indices are global). */
  let strBase = 0;
  /** Short strings of this chunk, to write each once. */
  const interned = new Map<string, number>();
  let metas: Record<string, { name: string; type: string }[]> | null = null;

  // ---- call stack (1 = main body)
  let depth = 0;
  const fnOf: number[] = [0];
  const readers: ((() => unknown[]) | null)[] = [null];
  const frames: Frame[] = [];
  /** Lowest depth at which a call began since the last step. */
  let fresh = BIG;
  /** Bumped by calls that may change a built-in object shown by its text (XMLNode, ...). */
  let opq = 0;

  // ---- heap objects
  let nextId = 0;
  /** Element type of recorded arrays, by object id. */
  const elemType: string[] = [];

  const { local: writesLocal, global: writesGlobal } = analyzeWrites(opts.compiled.code, stmts.length);
  /** Functions whose locals change after entry (the main body always: its globals are looked at from functions). */
  const keepReader = new Uint8Array(fns.length);
  keepReader[0] = 1;
  stmts.forEach((st, i) => {
    if (writesLocal[i]) keepReader[st.fn] = 1;
  });
  /** Depth of a statement in a function that assigns globals, until it is over (0 = none). */
  let globalDepth = 0;

  // ------------------------------------------------------------ chunk buffers

  function growEvents(): void {
    ecap *= 2;
    const g32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(ecap);
      b.set(a);
      return b;
    };
    const g8 = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(ecap);
      b.set(a);
      return b;
    };
    eStep = g32(eStep);
    eA = g32(eA);
    eB = g32(eB);
    eOp = g8(eOp);
    eTag = g8(eTag);
    const f = new Float64Array(ecap);
    f.set(eNum);
    eNum = f;
  }

  function ev(op: number, a: number, b: number): number {
    if (m === ecap) growEvents();
    eStep[m] = n;
    eOp[m] = op;
    eA[m] = a;
    eB[m] = b;
    eTag[m] = TAG_UNDEF;
    eNum[m] = 0;
    return m++;
  }

  function str(s: string): number {
    if (s.length <= 32) {
      const i = interned.get(s);
      if (i !== undefined) return i;
      const j = strBase + strs.push(s) - 1;
      interned.set(s, j);
      return j;
    }
    strChars += s.length;
    return strBase + strs.push(s) - 1;
  }

  function flush(): void {
    if (k === 0 && m === 0 && !metas) return;
    const chunk: TraceChunk = { t: 'c', n: k, m, strs };
    if (metas) chunk.metas = metas;
    write(JSON.stringify(chunk) + '\n');
    write([S.subarray(0, k), D.subarray(0, k), eStep.subarray(0, m), eA.subarray(0, m), eB.subarray(0, m), eNum.subarray(0, m), eOp.subarray(0, m), eTag.subarray(0, m)]);
    k = 0;
    m = 0;
    strBase += strs.length;
    interned.clear();
    strs = [];
    strChars = 0;
    metas = null;
  }

  // ------------------------------------------------------------ values

  function clipped(s: string): EncodedValue {
    return s.length > MAX_STR ? { c: s.slice(0, MAX_STR), n: s.length } : s;
  }

  /** Display text of a built-in object: its toString() when the class has one. */
  function text(type: string, v: unknown): string {
    const cls = nativeClasses.get(baseOf(type));
    const ts = cls?.methods?.['toString()'];
    if (ts) {
      try {
        const s = String(ts(v));
        return s.length > MAX_STR ? s.slice(0, MAX_STR) + '…' : s;
      } catch {
        // fall through to the type name
      }
    }
    return type;
  }

  function isHeap(v: object): boolean {
    return Array.isArray(v) || v instanceof CrmMap || v instanceof CrmVector || structMetaOf(v) !== null;
  }

  /** A value inside heap content or JSON. */
  function enc(v: unknown, type: string): EncodedValue {
    switch (typeof v) {
      case 'number':
        return Number.isFinite(v) ? v : { f: String(v) };
      case 'string':
        return clipped(v);
      case 'boolean':
        return v;
      case 'object':
        return v === null ? null : encObj(v, type);
      default:
        return null;
    }
  }

  function encObj(v: object, type: string): EncodedValue {
    if (v instanceof GenericValue) return { g: v.type, x: enc(v.value, v.type) };
    if (isHeap(v)) return { r: refOf(v, type) };
    return { t: text(type, v) };
  }

  /** The object's id; the first time, records its whole content. */
  function refOf(v: object, type: string): number {
    const o = v as Record<symbol, number>;
    let id = o[OID];
    if (id !== undefined) return id;
    id = ++nextId;
    o[OID] = id;
    const j = ev(OP_DEF, id, 0);
    const content = contentOf(v, type, id);
    eTag[j] = TAG_JSON;
    eNum[j] = str(JSON.stringify(content));
    return id;
  }

  function contentOf(v: object, type: string, id: number): HeapContent {
    if (Array.isArray(v)) {
      const elem = type.endsWith('[]') ? type.slice(0, -2) : 'Generic';
      elemType[id] = elem;
      const out: EncodedValue[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = enc(v[i], elem);
      return { a: elem, v: out };
    }
    if (v instanceof CrmMap) {
      const out: [string, string][] = [];
      for (const [key, val] of v.data) out.push([key, val.length > MAX_STR ? val.slice(0, MAX_STR) + '…' : val]);
      return { m: out };
    }
    if (v instanceof CrmVector) return { vec: v.items.map((x) => (x.length > MAX_STR ? x.slice(0, MAX_STR) + '…' : x)) };
    const meta = structMetaOf(v)!;
    const rec = v as Record<string, unknown>;
    return { s: meta.name, v: meta.fields.map((f) => enc(rec[`f_${f.name}`], f.type)) };
  }

  /** Stores a value into event j's tag and payload. */
  function setVal(j: number, v: unknown, type: string): void {
    switch (typeof v) {
      case 'number':
        eTag[j] = TAG_NUM;
        eNum[j] = v;
        return;
      case 'string':
        if (v.length > MAX_STR) {
          eTag[j] = TAG_JSON;
          eNum[j] = str(JSON.stringify(clipped(v)));
        } else {
          eTag[j] = TAG_STR;
          eNum[j] = str(v);
        }
        return;
      case 'boolean':
        eTag[j] = TAG_BOOL;
        eNum[j] = v ? 1 : 0;
        return;
      case 'object': {
        if (v === null) {
          eTag[j] = TAG_NULL;
          return;
        }
        const e = encObj(v, type);
        if (typeof e === 'object' && e !== null && 'r' in e) {
          eTag[j] = TAG_REF;
          eNum[j] = e.r;
        } else {
          eTag[j] = TAG_JSON;
          eNum[j] = str(JSON.stringify(e));
        }
        return;
      }
      default:
        eTag[j] = TAG_UNDEF;
    }
  }

  // ------------------------------------------------------------ frames

  function newFrame(): Frame {
    return { vals: [], pending: false, prev: -1, txt: [], opq };
  }

  /** Records the locals of frame `d` that changed since they were last recorded. */
  function diff(d: number, fn: DebugFn, fr: Frame, cur: unknown[]): void {
    const vals = fr.vals;
    const look = fr.opq !== opq;
    fr.opq = opq;
    for (let i = 0; i < cur.length; i++) {
      const v = cur[i];
      const o = vals[i];
      if (v !== o) {
        if (v !== v && o !== o) continue; // NaN stays NaN
        vals[i] = v;
        record(d, fn, fr, i, v);
      } else if (look && typeof v === 'object' && v !== null && !(v instanceof GenericValue) && !isHeap(v)) {
        // a built-in object shown by its text: a method call may have changed it
        const t = JSON.stringify({ t: text(fn.locals[i].type, v) });
        if (t !== fr.txt[i]) {
          fr.txt[i] = t;
          const j = ev(OP_LOCAL, d, i);
          eTag[j] = TAG_JSON;
          eNum[j] = str(t);
        }
      }
    }
  }

  function record(d: number, fn: DebugFn, fr: Frame, i: number, v: unknown): void {
    const j = ev(OP_LOCAL, d, i);
    setVal(j, v, fn.locals[i].type);
    if (typeof v === 'object' && v !== null && eTag[j] === TAG_JSON) fr.txt[i] = strs[eNum[j] - strBase];
  }

  function stopRecording(): void {
    off = true;
    truncated = true;
  }

  // ------------------------------------------------------------ hooks

  const hooks = {
    stmt(id: number): void {
      if (off) return;
      if (k === stepCap || m > 65536 || strChars > 4_000_000) flush();
      const d = depth;
      const fr = frames[d];
      // a statement of a function assigned globals: look at them at every step until it is over
      const globals = globalDepth > 0;
      if (globals && d <= globalDepth) globalDepth = 0;
      const read = readers[d];
      if (read !== null && (fr.pending || id <= fr.prev || fr.opq !== opq || (globals && d === 1))) diff(d, fns[fnOf[d]], fr, read());
      if (globals && d > 1 && frames[1]) diff(1, fns[0], frames[1], readers[1]!());
      fr.pending = writesLocal[id] === 1;
      fr.prev = id;
      if (writesGlobal[id] === 1 && (globalDepth === 0 || d < globalDepth)) globalDepth = d;
      S[k] = id;
      D[k] = fresh <= d ? d | NEW_FRAME : d;
      fresh = BIG;
      k++;
      if (++n >= maxSteps) stopRecording();
    },
    enter(fn: number, read: () => unknown[]): void {
      const d = ++depth;
      fnOf[d] = fn;
      if (d < fresh) fresh = d;
      let fr = frames[d];
      if (!fr) frames[d] = fr = newFrame();
      fr.pending = false;
      fr.prev = -1;
      fr.opq = opq;
      // the closure is kept only by functions that assign locals after entry; the parameters
      // (all a new call has) are recorded now, as part of the call's first step
      readers[d] = keepReader[fn] === 1 ? read : null;
      if (off) return;
      const cur = read();
      const vals = fr.vals;
      const f = fns[fn];
      for (let i = 0; i < cur.length; i++) {
        const v = cur[i];
        vals[i] = v;
        if (v !== undefined) record(d, f, fr, i, v);
      }
    },
    leave(): void {
      depth--;
    },
    thrown(): void {},
    ti(): void {},
    to(): void {},
    fnTable(): void {},
  };

  // Array helpers that change an array also record the change when the array is recorded.
  const ids = (a: object): number | undefined => (off ? undefined : (a as Record<symbol, number>)[OID]);
  const arrays = {
    setIdx<T>(a: T[], i: number, v: T): T {
      const r = baseHelpers.setIdx(a, i, v);
      const id = ids(a);
      if (id !== undefined) setVal(ev(OP_ASET, id, i), v, elemType[id] ?? 'Generic');
      return r;
    },
    push<T>(a: T[], v: T): void {
      a.push(v);
      const id = ids(a);
      if (id !== undefined) setVal(ev(OP_PUSH, id, 0), v, elemType[id] ?? 'Generic');
    },
    unshift<T>(a: T[], v: T): void {
      a.unshift(v);
      const id = ids(a);
      if (id !== undefined) setVal(ev(OP_UNSHIFT, id, 0), v, elemType[id] ?? 'Generic');
    },
    arr_popBack<T>(a: T[]): T {
      const r = baseHelpers.arr_popBack(a);
      const id = ids(a);
      if (id !== undefined) ev(OP_POP, id, 0);
      return r;
    },
    arr_popFront<T>(a: T[]): T {
      const r = baseHelpers.arr_popFront(a);
      const id = ids(a);
      if (id !== undefined) ev(OP_SHIFT, id, 0);
      return r;
    },
    arr_insert<T>(a: T[], i: number, v: T): void {
      baseHelpers.arr_insert(a, i, v);
      const id = ids(a);
      if (id !== undefined) setVal(ev(OP_INSERT, id, i), v, elemType[id] ?? 'Generic');
    },
    arr_clear<T>(a: T[]): void {
      baseHelpers.arr_clear(a);
      const id = ids(a);
      if (id !== undefined) ev(OP_CLEAR, id, 0);
    },
  };

  // Struct classes get a property setter per field, which records changes of recorded structs.
  class TracingStructs extends Map<string, StructClass> {
    override set(name: string, cls: StructClass): this {
      if (!cls.prototype || Object.prototype.hasOwnProperty.call(cls, '__traced')) return super.set(name, cls);
      const meta = cls.__crm;
      (metas ??= {})[meta.name] = meta.fields.map((f) => ({ name: f.name, type: f.type }));
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
            const id = this[OID] as number | undefined;
            if (id !== undefined && !off) setVal(ev(OP_FSET, id, fi), v, f.type);
          },
        });
      });
      Object.defineProperty(cls, '__traced', { value: true });
      return super.set(name, cls);
    }
  }

  function natives(keys: string[], resolve: (key: string) => NativeFn): NativeFn[] {
    return keys.map((key) => {
      const f = resolve(key);
      const [kind, cls] = key.split(':');
      if (kind !== 'M') return f;
      if (cls === 'Vector') {
        if (VECTOR_READERS.test(key)) return f;
        // the other Vector methods may replace or change the items: record the Vector again
        return (self: CrmVector, ...args: unknown[]) => {
          const r = f(self, ...args);
          const id = self && !off ? (self as unknown as Record<symbol, number>)[OID] : undefined;
          if (id !== undefined) {
            const j = ev(OP_DEF, id, 0);
            eTag[j] = TAG_JSON;
            eNum[j] = str(JSON.stringify(contentOf(self, 'Vector', id)));
          }
          return r;
        };
      }
      if (NOT_OPAQUE.has(cls) || nativeClasses.get(cls)?.updaters) return f;
      return (...args: unknown[]) => {
        const r = f(...args);
        opq++;
        return r;
      };
    });
  }

  const api: Recorder = {
    helpers: { ...hooks, ...arrays },
    structs: new TracingStructs(),
    natives,
    caught(): void {
      const fr = frames[depth];
      if (fr) fr.pending = true;
    },
    out(s: string): void {
      if (off || s === '') return;
      const j = ev(OP_OUT, 0, 0);
      eTag[j] = TAG_STR;
      eNum[j] = str(s);
    },
    finish(): TraceSummary {
      if (!finished) flush();
      finished = true;
      off = true;
      if (active === impl) active = null;
      return { steps: n, truncated };
    },
  };

  const impl = {
    api,
    mapSet(map: CrmMap, key: string, value: string): void {
      const id = ids(map);
      if (id === undefined) return;
      const j = ev(OP_MSET, id, str(key));
      eTag[j] = TAG_STR;
      eNum[j] = str(value.length > MAX_STR ? value.slice(0, MAX_STR) + '…' : value);
    },
    mapDel(map: CrmMap, key: string): void {
      const id = ids(map);
      if (id !== undefined) ev(OP_MDEL, id, str(key));
    },
    cleared(map: CrmMap): void {
      const id = ids(map);
      if (id !== undefined) ev(OP_CLEAR, id, 0);
    },
  };
  return impl;
}
