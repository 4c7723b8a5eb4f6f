// The trace recorder: the hooks implementation for a hooked program whose run is recorded. It
// runs in the worker next to the script, so the statement hook must stay cheap: it appends one
// Int32 per statement (the statement id with the depth change since the last one, see format.ts)
// and compares a frame's locals with the values it recorded last (recording those that changed)
// only when something may have changed them: a previous statement of the frame that assigns a
// local (found once in the generated code, see analyzeWrites), a loop going round again, a caught
// exception, a call that may change a built-in object. A new call's `this` and parameters go to
// the argument column as `enter` receives them. The compiled code keeps each frame's variables in
// an array `enter` hands out (one per call depth, reused), so reading them allocates nothing.
// Objects (arrays, structs, Maps, Vectors) are recorded once in full when a variable first holds
// them, then by their changes (element set, push, field set, Map insert, ...), observed where
// they happen: the array helpers, property setters installed on the struct classes, and the Map's
// mutating methods. Lines of the recording go out through `write` in chunks (see format.ts).
import { ENTER_ARGS, type CompiledProgram, type DebugStmt } from '../compiler.js';
import { baseHelpers } from '../runtime/helpers.js';
import { GenericValue, structMetaOf, type StructClass } from '../runtime/values.js';
import { CrmMap } from '../stdlib/map.js';
import { CrmVector } from '../stdlib/vector.js';
import { nativeClasses } from '../stdlib/index.js';
import type { NativeFn } from '../stdlib/registry.js';
import { baseOf } from '../type-rules.js';
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
  type TraceCut,
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
  /** Where a truncated recording stopped: the first statement not recorded. */
  cutAt?: TraceCut;
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

/**
 * Which statements may assign a local of their own frame (`local`) or a global from inside a
 * function (`global`), read from the generated code: the text after `$h.stmt(N)` up to the next
 * hook is statement N's, and every assignment of a variable also stores it into its frame slot,
 * `$f[i] = ...` (the function's own) or `$g[i] = ...` (the main body's, i.e. a global). A
 * function's code starts at its `$h.enter(id, ...)`. Over-approximation is harmless (one more
 * comparison); assignments elsewhere (a foreach variable on the next round, catch variables) are
 * covered by the loop and catch rules of the hook.
 */
export function analyzeWrites(code: string, stmtCount: number): { local: Uint8Array; global: Uint8Array } {
  const local = new Uint8Array(stmtCount);
  const global = new Uint8Array(stmtCount);
  let cur = -1;
  let main = true;
  const enterRe = /\$h\.enter\((\d+)[,)]/;
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

/** Longest string kept whole in a recording; longer ones are clipped (their length is kept). */
export const MAX_STR = 4096;
/** A frame mark that makes its next statement compare the locals (see TraceRecorder.mark). */
const BIG = 0x3fffffff;
/** Entries the statement hook may add beyond `lim` (depth changes written as entries of their own). */
const SLACK = 64;

/** An argument's A value when it is a small integer (not -0, the null Integer), else 1. */
function small(v: unknown): number {
  return typeof v === 'number' && (v << 1) >> 1 === v && (v !== 0 || 1 / v > 0) ? v << 1 : 1;
}

const LEAVE_UNIT = 1 << LEAVE_SHIFT;
const LEAVE_FULL = LEAVE_MAX << LEAVE_SHIFT;

/** Vector methods that only read. */
const VECTOR_READERS = /^M:Vector:(get|size|toIntegerArray|toStringArray|buildString)\(/;

/** Classes whose objects are values (methods never change them) or that are tracked otherwise. */
const NOT_OPAQUE = new Set(['String', 'Integer', 'Float', 'Bool', 'Byte', 'Map', 'Vector']);

const grow32 = (a: Int32Array, size: number): Int32Array => {
  const b = new Int32Array(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
};
const grow8 = (a: Uint8Array, size: number): Uint8Array => {
  const b = new Uint8Array(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
};
const grow64 = (a: Float64Array, size: number): Float64Array => {
  const b = new Float64Array(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
};

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

function clipped(s: string): EncodedValue {
  return s.length > MAX_STR ? { c: s.slice(0, MAX_STR), n: s.length } : s;
}

const OID = Symbol('trace-id');
type Tracked = Record<symbol, number | undefined>;

/**
 * The recorder's state and its work. One class (rather than closures per recording) so that the
 * calls the hooks make reach the same functions in every recording of a process, and stay
 * monomorphic; the hooks themselves (HOOKS) are small, for the compiled code to inline them.
 */
class TraceRecorder {
  readonly write: (data: string | ArrayBufferView[]) => void;
  readonly maxSteps: number;
  private readonly stmtInfo: DebugStmt[];
  private readonly file: string;
  readonly stepCap: number;

  // ---- S entries of the current chunk (format.ts)
  S: Int32Array;
  k = 0;
  /** Entries of this chunk that are no step. */
  pk = 0;
  /** Steps written in earlier chunks. */
  nBase = 0;
  /** The first statement not recorded, when the step limit cut the recording. */
  cutAt: TraceCut | undefined;
  /** Entries this chunk may take before room() must run (chunk full, step limit). */
  limit: number;
  /**
   * The statement hook takes its slow path once k reaches this: `limit`, or 0 while frames are
   * watched (see `watch`) or a call began whose parameters enter did not all get (see `fresh`).
   */
  lim: number;
  /** Call depth (1 = main body). */
  depth = 0;
  /**
   * The depth change since the last entry, as the next entry's bits: functions that returned
   * (LEAVE_SHIFT), then a call that began (NEW_FRAME).
   */
  pd = 0;
  /** A call began of a function with more parameters than enter takes: its first statement records the rest. */
  fresh = 0;
  off = false;
  truncated = false;
  finished = false;

  // ---- argument values of the current chunk: A, and those stored by tag and payload
  A: Int32Array = new Int32Array(16384);
  q = 0;
  /** q when the last call began: a call that runs no statement takes its arguments back. */
  qe = 0;
  xTag: Uint8Array = new Uint8Array(1024);
  xNum: Float64Array = new Float64Array(1024);
  x = 0;
  /** Tagged argument values written in earlier chunks (their indices are global). */
  xBase = 0;

  // ---- events of the current chunk
  ecap = 4096;
  eStep: Int32Array = new Int32Array(4096);
  eOp: Uint8Array = new Uint8Array(4096);
  eA: Int32Array = new Int32Array(4096);
  eB: Int32Array = new Int32Array(4096);
  eTag: Uint8Array = new Uint8Array(4096);
  eNum: Float64Array = new Float64Array(4096);
  m = 0;
  strs: string[] = [];
  strChars = 0;
  /** Strings written in earlier chunks (string indices are global). */
  strBase = 0;
  /** Short strings of this chunk, to write each once. */
  readonly interned = new Map<string, number>();
  metas: Record<string, { name: string; type: string }[]> | null = null;
  /** Payload of the value `encode` encoded last, and its JSON text when it is stored as one. */
  encNum = 0;
  encText: string | undefined = undefined;

  // ---- functions and statements, as flat tables
  readonly nParams: Int32Array;
  readonly nLocals: Int32Array;
  readonly types: string[][];
  readonly stmtFn: Int32Array;
  readonly width: number;
  /** Per statement: 1 when the hook must look at its frame (its function assigns locals, or it assigns a global). */
  readonly needs: Uint8Array;
  /**
   * Per statement: what its frame's mark becomes after it (BIG when it may assign a local of its
   * frame, else its id: a next statement with a lower or equal id means a loop went round),
   * stored as -3 - mark when it assigns a global from a function.
   */
  readonly after: Int32Array;
  /** Per function: it assigns locals after entry (its frames need the recorded values). */
  readonly keeps: Uint8Array;
  /** Per function, what enter does besides: 0 nothing, 1 kept(), 2 leave the rest to its first statement. */
  readonly entry: Uint8Array;

  // ---- call stack, by depth (1 = main body)
  cap = 0;
  /** The arrays the compiled code keeps its variables in (handed out by enter). */
  live: unknown[][] = [];
  /** The values recorded last, by local index. */
  vals: unknown[][] = [];
  /** Text recorded last for locals holding built-in objects shown by their text. */
  txt: (string | undefined)[][] = [];
  /** The frame's locals are compared at its next statement if that statement's id is ≤ this. */
  mark: Int32Array = new Int32Array(0);
  /** `opq` when the frame's built-in objects were last looked at. */
  ostamp: Int32Array = new Int32Array(0);
  /** Bumped by calls that may change a built-in object shown by its text (XMLNode, ...). */
  opq = 0;
  /** Depth of a statement in a function that assigns globals, until it is over (0 = none). */
  globalDepth = 0;
  /** Bit 1: globalDepth is set; bit 2: opq changed and frames on the stack have not all looked. */
  watch = 0;

  // ---- heap objects
  nextId = 0;
  /** Element type of recorded arrays, by object id. */
  readonly elemType: string[] = [];

  constructor(opts: RecorderOptions) {
    const { stmts, fns } = opts.compiled.debug!;
    this.stmtInfo = stmts;
    this.file = opts.compiled.file;
    if (stmts.length >= NO_STMT) throw new Error(`This script has too many statements (${stmts.length}) to be recorded.`);
    this.write = opts.write;
    this.maxSteps = opts.maxSteps ?? 5_000_000;
    this.stepCap = Math.max(1, opts.chunkSteps ?? 65536);
    this.S = new Int32Array(this.stepCap + SLACK);
    this.limit = this.lim = Math.min(this.stepCap, this.maxSteps);
    this.nParams = Int32Array.from(fns, (f) => f.params ?? 0);
    this.nLocals = Int32Array.from(fns, (f) => f.locals.length);
    this.types = fns.map((f) => f.locals.map((l) => l.type));
    this.stmtFn = Int32Array.from(stmts, (st) => st.fn);
    this.width = Math.max(1, ...this.nLocals);
    const { local, global } = analyzeWrites(opts.compiled.code, stmts.length);
    this.keeps = new Uint8Array(fns.length);
    this.keeps[0] = 1; // the main body: its variables are the globals functions may assign
    for (let i = 0; i < stmts.length; i++) if (local[i]) this.keeps[stmts[i].fn] = 1;
    this.entry = Uint8Array.from(fns, (_, fn) => (this.nParams[fn] > ENTER_ARGS ? 2 : this.keeps[fn]));
    this.needs = new Uint8Array(stmts.length);
    this.after = new Int32Array(stmts.length);
    for (let i = 0; i < stmts.length; i++) {
      const mk = local[i] ? BIG : i;
      this.after[i] = global[i] ? -3 - mk : mk;
      this.needs[i] = this.keeps[stmts[i].fn] | global[i];
    }
    this.growDepth();
  }

  growDepth(): void {
    const size = this.cap ? this.cap * 2 : 256;
    for (let d = this.cap; d < size; d++) {
      this.live.push(new Array<unknown>(this.width).fill(undefined));
      this.vals.push(new Array<unknown>(this.width).fill(undefined));
      this.txt.push([]);
    }
    this.mark = grow32(this.mark, size);
    this.ostamp = grow32(this.ostamp, size);
    this.cap = size;
  }

  /**
   * Steps written so far: the index of the step being recorded, which events carry (an event
   * during a statement's hook, before its entry is written, or during the statement before).
   */
  steps(): number {
    return this.nBase + this.k - this.pk;
  }

  // ------------------------------------------------------------ chunk buffers

  flush(): void {
    const { k, m, q, x } = this;
    if (k === 0 && m === 0 && q === 0 && !this.metas) return;
    const chunk: TraceChunk = { t: 'c', n: k - this.pk, m, strs: this.strs };
    if (this.pk) chunk.p = this.pk;
    if (q) chunk.q = q;
    if (x) chunk.x = x;
    if (this.metas) chunk.metas = this.metas;
    this.write(JSON.stringify(chunk) + '\n');
    this.write([
      this.S.subarray(0, k),
      this.A.subarray(0, q),
      this.eStep.subarray(0, m),
      this.eA.subarray(0, m),
      this.eB.subarray(0, m),
      this.eNum.subarray(0, m),
      this.xNum.subarray(0, x),
      this.eOp.subarray(0, m),
      this.eTag.subarray(0, m),
      this.xTag.subarray(0, x),
    ]);
    this.nBase += k - this.pk;
    this.k = 0;
    this.pk = 0;
    this.m = 0;
    this.q = 0;
    this.xBase += x;
    this.x = 0;
    this.strBase += this.strs.length;
    this.interned.clear();
    this.strs = [];
    this.strChars = 0;
    this.metas = null;
  }

  /** The statement hook's slow path (see `lim`). */
  slow(id: number): void {
    if (this.k >= this.limit && !this.room(id)) return;
    const d = this.depth;
    if (this.fresh !== 0) {
      this.fresh = 0;
      const fn = this.stmtFn[id];
      const np = this.nParams[fn];
      this.moreArgs(d, fn, np);
      if (this.keeps[fn] !== 0) this.kept(d, fn, np);
    }
    if ((this.needs[id] | this.watch) !== 0) this.look(id, d);
    this.S[this.k++] = id | this.pd;
    this.pd = 0;
    this.lim = this.watch !== 0 ? 0 : this.limit;
  }

  /** Writes the chunk when it is full, stops at the step limit; false when not recording. */
  room(id = -1): boolean {
    if (this.off) return false;
    const n = this.steps();
    if (n >= this.maxSteps) {
      this.flush();
      this.off = true;
      this.truncated = true;
      const at = this.stmtInfo[id];
      this.cutAt = { step: n, file: at?.file ?? this.file, line: at?.line ?? 0, col: at?.col ?? 0 };
      this.limit = this.lim = -1;
      return false;
    }
    if (this.k >= this.stepCap || this.m >= 65536 || this.strChars > 4_000_000 || this.q >= 1 << 20) this.flush();
    this.limit = Math.min(this.stepCap, this.k + (this.maxSteps - n));
    return true;
  }

  /** Makes the next statement write the chunk (the buffers are large). */
  flushSoon(): void {
    this.limit = this.lim = 0;
  }

  growEvents(): void {
    const c = (this.ecap *= 2);
    this.eStep = grow32(this.eStep, c);
    this.eA = grow32(this.eA, c);
    this.eB = grow32(this.eB, c);
    this.eOp = grow8(this.eOp, c);
    this.eTag = grow8(this.eTag, c);
    this.eNum = grow64(this.eNum, c);
    if (c > 65536) this.flushSoon();
  }

  ev(op: number, a: number, b: number): number {
    if (this.m === this.ecap) this.growEvents();
    const j = this.m++;
    this.eStep[j] = this.steps();
    this.eOp[j] = op;
    this.eA[j] = a;
    this.eB[j] = b;
    this.eTag[j] = TAG_UNDEF;
    this.eNum[j] = 0;
    return j;
  }

  str(s: string): number {
    if (s.length <= 32) {
      const i = this.interned.get(s);
      if (i !== undefined) return i;
      const j = this.strBase + this.strs.push(s) - 1;
      this.interned.set(s, j);
      return j;
    }
    this.strChars += s.length;
    if (this.strChars > 4_000_000) this.flushSoon();
    return this.strBase + this.strs.push(s) - 1;
  }

  // ------------------------------------------------------------ steps

  /** What enter does for a call of `fn` besides recording its first arguments (see `entry`). */
  begin(d: number, fn: number, kind: number): void {
    if (kind === 1) this.kept(d, fn, this.nParams[fn]);
    else {
      this.fresh = 1;
      this.lim = 0;
    }
  }

  /** Writes the pending depth change as an entry of its own (no step). */
  spill(): void {
    if (!this.off) {
      if (this.k >= this.stepCap + SLACK - 1) {
        this.flush();
        this.limit = Math.min(this.stepCap, this.maxSteps - this.steps());
      }
      this.S[this.k++] = NO_STMT | this.pd;
      this.pk++;
    }
    this.pd = 0;
  }

  /** (Never emitted) a call before the previous one ran a statement: that one's arguments go. */
  twoCalls(): void {
    this.spill();
    this.q = this.qe;
    this.fresh = 0;
  }

  /** Records a new call's parameters beyond those passed to enter, from its frame. */
  moreArgs(d: number, fn: number, np: number): void {
    const cur = this.live[d];
    for (let i = ENTER_ARGS; i < np; i++) {
      if (this.q === this.A.length) this.growArgs();
      const v = cur[i];
      const x = small(v);
      this.A[this.q++] = x === 1 ? this.boxArg(d, fn, i, v) : x;
    }
  }

  growArgs(): void {
    // after the recording stopped, arguments are not kept
    if (this.off) this.q = this.qe = 0;
    else this.A = grow32(this.A, this.A.length * 2);
  }

  /** A new call of a function that assigns locals: its frame's values start from the parameters. */
  kept(d: number, fn: number, np: number): void {
    this.mark[d] = -1;
    this.ostamp[d] = this.opq;
    const cur = this.live[d];
    const rec = this.vals[d];
    for (let i = 0; i < np; i++) rec[i] = cur[i];
    // slots of locals not declared yet may hold an earlier call's values
    for (let i = np, nl = this.nLocals[fn]; i < nl; i++) {
      cur[i] = undefined;
      rec[i] = undefined;
    }
  }

  /** Stores an argument value by tag and payload; returns its A value. */
  boxArg(d: number, fn: number, i: number, v: unknown): number {
    if (this.off) return 1;
    const tag = this.encode(v, this.types[fn][i]);
    if (this.encText !== undefined) this.txt[d][i] = this.encText;
    if (this.x === this.xTag.length) {
      this.xTag = grow8(this.xTag, this.x * 2);
      this.xNum = grow64(this.xNum, this.x * 2);
    }
    const j = this.x++;
    this.xTag[j] = tag;
    this.xNum[j] = this.encNum;
    return ((this.xBase + j) << 1) | 1;
  }

  /** The statement hook's part for statements whose frame may have changed (see `needs`). */
  look(id: number, d: number): void {
    if (this.watch !== 0) this.watched(id, d);
    else if (id <= this.mark[d]) this.diff(d, this.stmtFn[id]);
    const a = this.after[id];
    if (a >= -1) this.mark[d] = a;
    else {
      this.mark[d] = -3 - a;
      // a statement of a function assigned globals: look at them at every step until it is over
      if (this.globalDepth === 0 || d < this.globalDepth) {
        this.globalDepth = d;
        this.watch |= 1;
        this.lim = 0;
      }
    }
  }

  /** `look` while globals or built-in objects may have changed. */
  watched(id: number, d: number): void {
    const globals = this.globalDepth > 0;
    if (globals && d <= this.globalDepth) {
      this.globalDepth = 0;
      this.watch &= ~1;
    }
    if (id <= this.mark[d] || this.ostamp[d] !== this.opq || (globals && d === 1)) this.diff(d, this.stmtFn[id]);
    if (globals && d > 1) this.diff(1, 0);
    // every frame that was on the stack when a built-in object changed has looked once main has
    if (d === 1) this.watch &= ~2;
  }

  /**
   * Records the locals of frame `d` (a call of `fn`) that changed since they were last recorded.
   * A function that assigns no local keeps its parameters: only the built-in objects they hold
   * may have changed.
   */
  diff(d: number, fn: number): void {
    const nl = this.nLocals[fn];
    const cur = this.live[d];
    const rec = this.vals[d];
    const types = this.types[fn];
    const kept = this.keeps[fn] !== 0;
    const look = this.ostamp[d] !== this.opq;
    this.ostamp[d] = this.opq;
    for (let i = 0; i < nl; i++) {
      const v = cur[i];
      const o = rec[i];
      if (kept && v !== o) {
        if (v !== v && o !== o) continue; // NaN stays NaN
        rec[i] = v;
        this.setVal(this.ev(OP_LOCAL, d, i), v, types[i]);
        if (this.encText !== undefined) this.txt[d][i] = this.encText;
      } else if (look && typeof v === 'object' && v !== null && !(v instanceof GenericValue) && !isHeap(v)) {
        // a built-in object shown by its text: a method call may have changed it
        const t = JSON.stringify({ t: text(types[i], v) });
        if (t !== this.txt[d][i]) {
          this.txt[d][i] = t;
          const j = this.ev(OP_LOCAL, d, i);
          this.eTag[j] = TAG_JSON;
          this.eNum[j] = this.str(t);
        }
      }
    }
  }

  /** A call that may have changed a built-in object shown by its text. */
  opaque(): void {
    this.opq = (this.opq + 1) | 0;
    this.watch |= 2;
    this.lim = 0;
  }

  // ------------------------------------------------------------ values

  /** A value inside heap content or JSON. */
  enc(v: unknown, type: string): EncodedValue {
    switch (typeof v) {
      case 'number':
        return Number.isFinite(v) ? v : { f: String(v) };
      case 'string':
        return clipped(v);
      case 'boolean':
        return v;
      case 'object':
        return v === null ? null : this.encObj(v, type);
      default:
        return null;
    }
  }

  encObj(v: object, type: string): EncodedValue {
    if (v instanceof GenericValue) return { g: v.type, x: this.enc(v.value, v.type) };
    if (isHeap(v)) return { r: this.refOf(v, type) };
    return { t: text(type, v) };
  }

  /** The object's id; the first time, records its whole content. */
  refOf(v: object, type: string): number {
    const o = v as Tracked;
    let id = o[OID];
    if (id !== undefined) return id;
    id = ++this.nextId;
    o[OID] = id;
    const j = this.ev(OP_DEF, id, 0);
    const content = this.contentOf(v, type, id);
    this.eTag[j] = TAG_JSON;
    this.eNum[j] = this.str(JSON.stringify(content));
    return id;
  }

  contentOf(v: object, type: string, id: number): HeapContent {
    if (Array.isArray(v)) {
      const elem = type.endsWith('[]') ? type.slice(0, -2) : 'Generic';
      this.elemType[id] = elem;
      const out: EncodedValue[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = this.enc(v[i], elem);
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
    return { s: meta.name, v: meta.fields.map((f) => this.enc(rec[`f_${f.name}`], f.type)) };
  }

  /**
   * Encodes a value as a tag (returned) and payload (encNum, and encText when it is JSON). It may
   * add events (an object's first definition), so callers store into the columns afterwards.
   */
  encode(v: unknown, type: string): number {
    this.encText = undefined;
    this.encNum = 0;
    switch (typeof v) {
      case 'number':
        this.encNum = v;
        return TAG_NUM;
      case 'string':
        if (v.length > MAX_STR) {
          this.encText = JSON.stringify(clipped(v));
          this.encNum = this.str(this.encText);
          return TAG_JSON;
        }
        this.encNum = this.str(v);
        return TAG_STR;
      case 'boolean':
        this.encNum = v ? 1 : 0;
        return TAG_BOOL;
      case 'object': {
        if (v === null) return TAG_NULL;
        const e = this.encObj(v, type);
        if (typeof e === 'object' && e !== null && 'r' in e) {
          this.encNum = e.r;
          return TAG_REF;
        }
        const t = JSON.stringify(e);
        this.encText = t;
        this.encNum = this.str(t);
        return TAG_JSON;
      }
      default:
        return TAG_UNDEF;
    }
  }

  /** Stores a value into event j's tag and payload. */
  setVal(j: number, v: unknown, type: string): void {
    const tag = this.encode(v, type);
    this.eTag[j] = tag;
    this.eNum[j] = this.encNum;
  }

  /** The id of a recorded object (undefined when it is not recorded, or recording is off). */
  idOf(o: object): number | undefined {
    return this.off ? undefined : (o as Tracked)[OID];
  }

  /** Records a change of a recorded object: an event, with a value unless `type` is null. */
  change(op: number, id: number, b: number, v: unknown, type: string | null): void {
    const j = this.ev(op, id, b);
    if (type !== null) this.setVal(j, v, type);
  }

  out(s: string): void {
    if (this.off || s === '') return;
    const j = this.ev(OP_OUT, 0, 0);
    this.eTag[j] = TAG_STR;
    this.eNum[j] = this.str(s);
  }

  mapSet(map: CrmMap, key: string, value: string): void {
    const id = this.idOf(map);
    if (id === undefined) return;
    const j = this.ev(OP_MSET, id, this.str(key));
    this.eTag[j] = TAG_STR;
    this.eNum[j] = this.str(value.length > MAX_STR ? value.slice(0, MAX_STR) + '…' : value);
  }

  mapDel(map: CrmMap, key: string): void {
    const id = this.idOf(map);
    if (id !== undefined) this.ev(OP_MDEL, id, this.str(key));
  }

  cleared(map: CrmMap): void {
    const id = this.idOf(map);
    if (id !== undefined) this.ev(OP_CLEAR, id, 0);
  }

  /** A Vector method may have replaced or changed the items: records the Vector again. */
  vectorChanged(self: CrmVector): void {
    const id = self ? this.idOf(self) : undefined;
    if (id === undefined) return;
    const j = this.ev(OP_DEF, id, 0);
    this.eTag[j] = TAG_JSON;
    this.eNum[j] = this.str(JSON.stringify(this.contentOf(self, 'Vector', id)));
  }

  finish(): TraceSummary {
    if (!this.finished && !this.off) this.flush();
    this.pd = 0;
    this.finished = true;
    this.off = true;
    return { steps: this.nBase + this.k - this.pk, truncated: this.truncated, ...(this.cutAt ? { cutAt: this.cutAt } : {}) };
  }
}

/** The recorder whose run is going on in this thread (Map methods report to it). */
let active: TraceRecorder | null = null;

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
let R: TraceRecorder;

// The hooks the compiled code calls through $h: small, so that they are inlined there, and the
// same functions for every recording, so that the calls to them stay monomorphic (a recording of
// the same script compiles to the same code, whose call feedback V8 keeps). The rest is the
// recorder's (TraceRecorder.slow and .look).
const HOOKS = {
  stmt(id: number): void {
    const r = R;
    if (r.k >= r.lim) r.slow(id);
    else {
      if (r.needs[id] !== 0) r.look(id, r.depth);
      // last: events of this hook belong to this step (see steps())
      r.S[r.k++] = id | r.pd;
      r.pd = 0;
    }
  },
  enter(fn: number, a?: unknown, b?: unknown): unknown[] {
    const r = R;
    const d = r.depth + 1;
    if (d >= r.cap) r.growDepth();
    if ((r.pd & NEW_FRAME) !== 0) r.twoCalls();
    r.pd |= NEW_FRAME;
    r.depth = d;
    // the first arguments: into the frame, and recorded for the call's first step
    const f = r.live[d];
    if (r.q + ENTER_ARGS > r.A.length) r.growArgs();
    r.qe = r.q;
    const n = arguments.length;
    if (n > 1) {
      f[0] = a;
      let x = small(a);
      r.A[r.q++] = x === 1 ? r.boxArg(d, fn, 0, a) : x;
      if (n > 2) {
        f[1] = b;
        x = small(b);
        r.A[r.q++] = x === 1 ? r.boxArg(d, fn, 1, b) : x;
      }
    }
    const kind = r.entry[fn];
    if (kind !== 0) r.begin(d, fn, kind);
    return f;
  },
  leave(): void {
    const r = R;
    r.depth--;
    const p = r.pd;
    if ((p & NEW_FRAME) !== 0) {
      // a call that ran no statement leaves no trace, and takes its arguments back
      r.pd = p ^ NEW_FRAME;
      r.q = r.qe;
      r.fresh = 0;
    } else if ((r.pd = p + LEAVE_UNIT) >= LEAVE_FULL) r.spill();
  },
  thrown(): void {},
  ti(): void {},
  to(): void {},
  fnTable(): void {},
};

export function createRecorder(opts: RecorderOptions): Recorder {
  patchMap();
  const r = new TraceRecorder(opts);
  active = r;
  R = r;

  // Array helpers that change an array also record the change when the array is recorded.
  const elem = (id: number): string => r.elemType[id] ?? 'Generic';
  const arrays = {
    setIdx<T>(a: T[], i: number, v: T): T {
      const res = baseHelpers.setIdx(a, i, v);
      const id = r.idOf(a);
      if (id !== undefined) r.change(OP_ASET, id, i, v, elem(id));
      return res;
    },
    push<T>(a: T[], v: T): void {
      a.push(v);
      const id = r.idOf(a);
      if (id !== undefined) r.change(OP_PUSH, id, 0, v, elem(id));
    },
    unshift<T>(a: T[], v: T): void {
      a.unshift(v);
      const id = r.idOf(a);
      if (id !== undefined) r.change(OP_UNSHIFT, id, 0, v, elem(id));
    },
    arr_popBack<T>(a: T[]): T {
      const res = baseHelpers.arr_popBack(a);
      const id = r.idOf(a);
      if (id !== undefined) r.change(OP_POP, id, 0, null, null);
      return res;
    },
    arr_popFront<T>(a: T[]): T {
      const res = baseHelpers.arr_popFront(a);
      const id = r.idOf(a);
      if (id !== undefined) r.change(OP_SHIFT, id, 0, null, null);
      return res;
    },
    arr_insert<T>(a: T[], i: number, v: T): void {
      baseHelpers.arr_insert(a, i, v);
      const id = r.idOf(a);
      if (id !== undefined) r.change(OP_INSERT, id, i, v, elem(id));
    },
    arr_clear<T>(a: T[]): void {
      baseHelpers.arr_clear(a);
      const id = r.idOf(a);
      if (id !== undefined) r.change(OP_CLEAR, id, 0, null, null);
    },
  };

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

  function natives(keys: string[], resolve: (key: string) => NativeFn): NativeFn[] {
    return keys.map((key) => {
      const f = resolve(key);
      const [kind, cls] = key.split(':');
      if (kind !== 'M') return f;
      if (cls === 'Vector') {
        if (VECTOR_READERS.test(key)) return f;
        return (self: CrmVector, ...args: unknown[]) => {
          const res = f(self, ...args);
          r.vectorChanged(self);
          return res;
        };
      }
      if (NOT_OPAQUE.has(cls) || nativeClasses.get(cls)?.updaters) return f;
      return (...args: unknown[]) => {
        const res = f(...args);
        r.opaque();
        return res;
      };
    });
  }

  return {
    helpers: { ...HOOKS, ...arrays },
    structs: new TracingStructs(),
    natives,
    caught(): void {
      if (r.depth > 0) r.mark[r.depth] = BIG;
    },
    out(s: string): void {
      r.out(s);
    },
    finish(): TraceSummary {
      const summary = r.finish();
      if (active === r) active = null;
      return summary;
    },
  };
}
