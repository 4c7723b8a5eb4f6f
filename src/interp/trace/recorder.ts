// The trace recorder: the hooks implementation for a hooked program whose run is recorded. It
// runs in the worker next to the script, so the statement hook must stay cheap: it appends one
// Int32 per statement (the statement id with the depth change since the last one, see format.ts)
// and compares a frame's locals with the values it recorded last (recording those that changed)
// only when something may have changed them: a previous statement of the frame that assigns a
// local (found once in the generated code, see analyzeWrites), a loop going round again, a caught
// exception, a call that may change a built-in object. A new call's `this` and parameters go to
// the argument columns at its first statement. The compiled code keeps each frame's variables in
// an array `enter` hands out (one per call depth, reused), so reading them allocates nothing.
// Objects (arrays, structs, Maps, Vectors) are recorded once in full when a variable first holds
// them, then by their changes (element set, push, field set, Map insert, ...), observed where
// they happen: the array helpers, property setters installed on the struct classes, and the Map's
// mutating methods. Lines of the recording go out through `write` in chunks (see format.ts).
import type { CompiledProgram } from '../compiler.js';
import { baseHelpers } from '../runtime/helpers.js';
import { GenericValue, structMetaOf, type StructClass } from '../runtime/values.js';
import { CrmMap } from '../stdlib/map.js';
import { CrmVector } from '../stdlib/vector.js';
import { nativeClasses } from '../stdlib/index.js';
import type { NativeFn } from '../stdlib/registry.js';
import { baseOf } from '../types.js';
import {
  LEAVE_MAX,
  LEAVE_SHIFT,
  NEW_FRAME,
  NO_STMT,
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
const LEAVE_UNIT = 1 << LEAVE_SHIFT;
const LEAVE_FULL = LEAVE_MAX << LEAVE_SHIFT;

/** Vector methods that only read. */
const VECTOR_READERS = /^M:Vector:(get|size|toIntegerArray|toStringArray|buildString)\(/;

/** Classes whose objects are values (methods never change them) or that are tracked otherwise. */
const NOT_OPAQUE = new Set(['String', 'Integer', 'Float', 'Bool', 'Byte', 'Map', 'Vector']);

/**
 * Which statements may assign a local of their own frame (`local`) or a global from inside a
 * function (`global`), read from the generated code: the text after `$h.stmt(N)` up to the next
 * hook is statement N's, and every assignment of a variable also stores it into its frame slot,
 * `$f[i] = ...` (the function's own) or `$g[i] = ...` (the main body's, i.e. a global). A
 * function's code starts at its `$h.enter(id)`. Over-approximation is harmless (one more
 * comparison); assignments elsewhere (a foreach variable on the next round, catch variables) are
 * covered by the loop and catch rules of the hook.
 */
export function analyzeWrites(code: string, stmtCount: number): { local: Uint8Array; global: Uint8Array } {
  const local = new Uint8Array(stmtCount);
  const global = new Uint8Array(stmtCount);
  let cur = -1;
  let main = true;
  const enterRe = /\$h\.enter\((\d+)\)/;
  const assignRe = /\$([fg])\[[^\]]*\] = /g;
  const mark = (text: string): void => {
    if (cur < 0 || cur >= stmtCount) return;
    assignRe.lastIndex = 0;
    for (let m = assignRe.exec(text); m; m = assignRe.exec(text)) {
      if (main || m[1] === 'f') local[cur] = 1;
      else global[cur] = 1;
    }
  };
  for (const line of code.split('\n')) {
    const e = enterRe.exec(line);
    if (e) {
      main = e[1] === '0';
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
  if (stmts.length >= NO_STMT) throw new Error(`This script has too many statements (${stmts.length}) to be recorded.`);
  const write = opts.write;
  const maxSteps = opts.maxSteps ?? 5_000_000;
  const stepCap = Math.max(2, opts.chunkSteps ?? 65536);
  const OID = Symbol('trace-id');

  // ---- S entries of the current chunk (format.ts)
  const S = new Int32Array(stepCap);
  let k = 0;
  /** Entries of this chunk that are no step. */
  let pk = 0;
  /** Steps recorded so far = index of the step being recorded; events carry it. */
  let n = 0;
  /** The statement hook takes its slow path (room) once k reaches this. */
  let lim = Math.min(stepCap, maxSteps);
  /** Depth change since the last entry: leaves (bits 24-29), then a call (NEW_FRAME). */
  let pd = 0;
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
  // ---- argument values of the current chunk
  let acap = 4096;
  let aTag: Uint8Array = new Uint8Array(acap);
  let aNum: Float64Array = new Float64Array(acap);
  let q = 0;
  let strs: string[] = [];
  let strChars = 0;
  /** Strings written in earlier chunks (string indices are global). */
  let strBase = 0;
  /** Short strings of this chunk, to write each once. */
  const interned = new Map<string, number>();
  let metas: Record<string, { name: string; type: string }[]> | null = null;

  // ---- functions and statements, as flat tables
  const nParams = Int32Array.from(fns, (f) => f.params ?? 0);
  const nLocals = Int32Array.from(fns, (f) => f.locals.length);
  const types = fns.map((f) => f.locals.map((l) => l.type));
  const stmtFn = Int32Array.from(stmts, (st) => st.fn);
  const width = Math.max(1, ...nLocals);
  const { local: writesLocal, global: writesGlobal } = analyzeWrites(opts.compiled.code, stmts.length);
  /**
   * Per statement: what the frame's `mark` becomes after it (BIG when it may assign a local of
   * its frame, else its id: a next statement with a lower or equal id means a loop went round);
   * stored as -1 - mark when it also assigns a global from a function.
   */
  const after = new Int32Array(stmts.length);
  for (let i = 0; i < stmts.length; i++) {
    const mk = writesLocal[i] ? BIG : i;
    after[i] = writesGlobal[i] ? -1 - mk : mk;
  }

  // ---- call stack, by depth (1 = main body)
  let depth = 0;
  let cap = 0;
  /** The arrays the compiled code keeps its variables in (handed out by enter). */
  let live: unknown[][] = [];
  /** The values recorded last, by local index. */
  let vals: unknown[][] = [];
  /** Text recorded last for locals holding built-in objects shown by their text. */
  let txt: (string | undefined)[][] = [];
  /** The frame's function. */
  let fnAt: Int32Array = new Int32Array(0);
  /** The frame's locals are compared at its next statement if that statement's id is ≤ this. */
  let mark: Int32Array = new Int32Array(0);
  /** `opq` when the frame's built-in objects were last looked at. */
  let ostamp: Int32Array = new Int32Array(0);
  /** Bumped by calls that may change a built-in object shown by its text (XMLNode, ...). */
  let opq = 0;
  /** Depth of a statement in a function that assigns globals, until it is over (0 = none). */
  let globalDepth = 0;

  function growDepth(): void {
    const size = cap ? cap * 2 : 256;
    for (let d = cap; d < size; d++) {
      live.push(new Array<unknown>(width).fill(undefined));
      vals.push(new Array<unknown>(width).fill(undefined));
      txt.push([]);
    }
    const g = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    fnAt = g(fnAt);
    mark = g(mark);
    ostamp = g(ostamp);
    cap = size;
  }
  growDepth();

  // ---- heap objects
  let nextId = 0;
  /** Element type of recorded arrays, by object id. */
  const elemType: string[] = [];

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
    if (ecap > 65536) lim = 0; // write the chunk at the next statement
  }

  function growArgs(): void {
    acap *= 2;
    const t = new Uint8Array(acap);
    t.set(aTag);
    aTag = t;
    const f = new Float64Array(acap);
    f.set(aNum);
    aNum = f;
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
    if (strChars > 4_000_000) lim = 0;
    return strBase + strs.push(s) - 1;
  }

  function flush(): void {
    if (k === 0 && m === 0 && q === 0 && !metas) return;
    const chunk: TraceChunk = { t: 'c', n: k - pk, m, strs };
    if (pk) chunk.p = pk;
    if (q) chunk.q = q;
    if (metas) chunk.metas = metas;
    write(JSON.stringify(chunk) + '\n');
    write([S.subarray(0, k), eStep.subarray(0, m), eA.subarray(0, m), eB.subarray(0, m), eNum.subarray(0, m), aNum.subarray(0, q), eOp.subarray(0, m), eTag.subarray(0, m), aTag.subarray(0, q)]);
    k = 0;
    pk = 0;
    m = 0;
    q = 0;
    strBase += strs.length;
    interned.clear();
    strs = [];
    strChars = 0;
    metas = null;
  }

  /** The statement hook's slow path: writes the chunk when it is full, stops at the step limit. */
  function room(): boolean {
    if (off) return false;
    if (n >= maxSteps) {
      off = true;
      truncated = true;
      lim = -1;
      return false;
    }
    if (k >= stepCap || m >= 65536 || strChars > 4_000_000) flush();
    lim = Math.min(stepCap, k + (maxSteps - n));
    return true;
  }

  /** Writes the pending depth change as an entry of its own (no step). */
  function spill(): void {
    if (!off) {
      if (k >= stepCap) {
        flush();
        lim = Math.min(stepCap, maxSteps - n);
      }
      S[k++] = NO_STMT | pd;
      pk++;
    }
    pd = 0;
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

  /** Payload of the value `encode` encoded last, and its JSON text when it is stored as one. */
  let encNum = 0;
  let encText: string | undefined;

  /**
   * Encodes a value as a tag (returned) and payload (encNum). It may add events (an object's first
   * definition), so callers store into the columns after it returns.
   */
  function encode(v: unknown, type: string): number {
    encText = undefined;
    encNum = 0;
    switch (typeof v) {
      case 'number':
        encNum = v;
        return TAG_NUM;
      case 'string':
        if (v.length > MAX_STR) {
          encText = JSON.stringify(clipped(v));
          encNum = str(encText);
          return TAG_JSON;
        }
        encNum = str(v);
        return TAG_STR;
      case 'boolean':
        encNum = v ? 1 : 0;
        return TAG_BOOL;
      case 'object': {
        if (v === null) return TAG_NULL;
        const e = encObj(v, type);
        if (typeof e === 'object' && e !== null && 'r' in e) {
          encNum = e.r;
          return TAG_REF;
        }
        encText = JSON.stringify(e);
        encNum = str(encText);
        return TAG_JSON;
      }
      default:
        return TAG_UNDEF;
    }
  }

  /** Stores a value into event j's tag and payload. */
  function setVal(j: number, v: unknown, type: string): void {
    const tag = encode(v, type);
    eTag[j] = tag;
    eNum[j] = encNum;
  }

  /** Appends a new call's argument value; returns its JSON text when stored as one. */
  function arg(v: unknown, type: string): string | undefined {
    if (q === acap) growArgs();
    const j = q++;
    if (typeof v === 'number') {
      aTag[j] = TAG_NUM;
      aNum[j] = v;
      return undefined;
    }
    const tag = encode(v, type);
    aTag[j] = tag;
    aNum[j] = encNum;
    return encText;
  }

  // ------------------------------------------------------------ frames

  /** A new call at depth d whose first statement is `id`: records its `this` and parameters. */
  function begin(d: number, id: number): void {
    const fn = stmtFn[id];
    fnAt[d] = fn;
    mark[d] = -1;
    ostamp[d] = opq;
    const np = nParams[fn];
    const nl = nLocals[fn];
    const cur = live[d];
    const rec = vals[d];
    for (let i = 0; i < np; i++) {
      const v = cur[i];
      rec[i] = v;
      const t = arg(v, types[fn][i]);
      if (t !== undefined) txt[d][i] = t;
    }
    // slots of locals not declared yet may hold an earlier call's values
    for (let i = np; i < nl; i++) {
      cur[i] = undefined;
      rec[i] = undefined;
    }
  }

  /** Records the locals of frame `d` that changed since they were last recorded. */
  function diff(d: number): void {
    const fn = fnAt[d];
    const nl = nLocals[fn];
    const cur = live[d];
    const rec = vals[d];
    const look = ostamp[d] !== opq;
    ostamp[d] = opq;
    for (let i = 0; i < nl; i++) {
      const v = cur[i];
      const o = rec[i];
      if (v !== o) {
        if (v !== v && o !== o) continue; // NaN stays NaN
        rec[i] = v;
        setVal(ev(OP_LOCAL, d, i), v, types[fn][i]);
        if (encText !== undefined) txt[d][i] = encText;
      } else if (look && typeof v === 'object' && v !== null && !(v instanceof GenericValue) && !isHeap(v)) {
        // a built-in object shown by its text: a method call may have changed it
        const t = JSON.stringify({ t: text(types[fn][i], v) });
        if (t !== txt[d][i]) {
          txt[d][i] = t;
          const j = ev(OP_LOCAL, d, i);
          eTag[j] = TAG_JSON;
          eNum[j] = str(t);
        }
      }
    }
  }

  /** The statement hook's slower part: compares frames whose locals may have changed. */
  function look(d: number, id: number): void {
    // a statement of a function assigned globals: look at them at every step until it is over
    const globals = globalDepth > 0;
    if (globals && d <= globalDepth) globalDepth = 0;
    if (id <= mark[d] || ostamp[d] !== opq || (globals && d === 1)) diff(d);
    if (globals && d > 1) diff(1);
  }

  // ------------------------------------------------------------ hooks

  const hooks = {
    stmt(id: number): void {
      if (k >= lim && !room()) return;
      const p = pd;
      S[k++] = id | p;
      const d = depth;
      if (p !== 0) {
        pd = 0;
        if ((p & NEW_FRAME) !== 0) begin(d, id);
      }
      if (id <= mark[d] || ostamp[d] !== opq || globalDepth !== 0) look(d, id);
      const a = after[id];
      if (a >= 0) mark[d] = a;
      else {
        mark[d] = -1 - a;
        if (globalDepth === 0 || d < globalDepth) globalDepth = d;
      }
      n++;
    },
    enter(): unknown[] {
      const d = depth + 1;
      if (d === cap) growDepth();
      if ((pd & NEW_FRAME) !== 0) spill(); // two calls without a statement between (not emitted; kept exact anyway)
      pd |= NEW_FRAME;
      depth = d;
      return live[d];
    },
    leave(): void {
      depth--;
      if ((pd & NEW_FRAME) !== 0) pd ^= NEW_FRAME; // a call that ran no statement
      else if ((pd += LEAVE_UNIT) >= LEAVE_FULL) spill();
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
        opq = (opq + 1) | 0;
        return r;
      };
    });
  }

  const api: Recorder = {
    helpers: { ...hooks, ...arrays },
    structs: new TracingStructs(),
    natives,
    caught(): void {
      if (depth > 0) mark[depth] = BIG;
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
