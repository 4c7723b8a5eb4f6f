// Reading a trace recording: decode the file (format.ts), then reconstruct the state at any step
// by replaying events from the nearest snapshot before it. Snapshots (call stack with every
// frame's values, and the heap objects) are taken every SNAPSHOT_EVERY steps during replay and
// kept, so the first visit of a late step costs one pass over the recording and later visits a
// short replay; heap objects are shared copy-on-write between snapshots.
import { readFileSync } from 'node:fs';
import type { DebugFn, DebugStmt } from '../compiler.js';
import type { Variable } from '../debugger/protocol.js';
import {
  chunkBytes,
  DEPTH_MASK,
  LEAVE_MAX,
  LEAVE_SHIFT,
  NEW_FRAME,
  NO_STMT,
  STMT_MASK,
  OP_ASET,
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
  OP_SHIFT,
  OP_UNSHIFT,
  TAG_BOOL,
  TAG_JSON,
  TAG_NULL,
  TAG_NUM,
  TAG_REF,
  TAG_STR,
  TRACE_FORMAT,
  TRACE_VERSION,
  type EncodedValue,
  type HeapContent,
  type TraceChunk,
  type TraceCut,
  type TraceEnd,
  type TraceHeader,
} from './format.js';
import { errorMessage } from '../util/error-message.js';

export const SNAPSHOT_EVERY = 4096;
/** Most children listed for one array, Map or Vector (as the debugger). */
const MAX_CHILDREN = 1000;

/** A source position. */
export interface TracePosition {
  file: string;
  line: number;
  col: number;
}

/** The unhandled exception (or error) that ended the run, and the step where it was raised. */
export interface TraceException extends TracePosition {
  message: string;
  /** null when the recording stopped (step limit) before the run raised it. */
  step: number | null;
}

/** One frame of the call stack at a step; the list is innermost first. */
export interface TraceStackFrame extends TracePosition {
  /** Function name: 'fib', 'Point.move' or '(main)'. */
  name: string;
  /** Call depth (1 = the main body). */
  depth: number;
  /** The step this frame is at (for outer frames: the statement making the call). */
  step: number;
}

/** Variables of one frame, as the debugger shows them (see debug/protocol.ts Variable). */
export interface TraceFrameVariables {
  name: string;
  depth: number;
  /** Variables in scope at the frame's statement (`this` first for methods). */
  locals: Variable[];
  /** Globals the frame's function can see; empty for the main body (its variables are the globals). */
  globals: Variable[];
}

/** Everything the viewer shows at one step. */
export interface TraceStepView extends TracePosition {
  step: number;
  /** Statement id (index into TraceRecording.stmts). */
  stmt: number;
  depth: number;
  /** Innermost first. */
  stack: TraceStackFrame[];
  /** Same order as `stack`. */
  frames: TraceFrameVariables[];
  /** Output the run had written before this statement. */
  output: string;
  /** Set at the exception's step. */
  exception: TraceException | null;
  /** Children of a variable with `ref` > 0 (array elements, struct fields, Map entries). */
  children(ref: number): Variable[];
}

export class TraceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceFileError';
  }
}

// ------------------------------------------------------------------ replay state

interface HeapObj {
  gen: number;
  /** Array or struct values. */
  v?: EncodedValue[];
  elem?: string;
  struct?: string;
  map?: Map<string, string>;
  vec?: string[];
}

interface RFrame {
  fn: number;
  step: number;
  vals: (EncodedValue | undefined)[];
}

interface State {
  step: number;
  /** Next event to apply. */
  ev: number;
  /** Next argument value to take. */
  arg: number;
  /** Frames 1..top are stack[0..top-1]; frames above are kept for reuse. */
  stack: RFrame[];
  top: number;
  heap: Map<number, HeapObj>;
  gen: number;
}

interface Snapshot {
  step: number;
  ev: number;
  arg: number;
  stack: RFrame[];
  heap: Map<number, HeapObj>;
}

let GEN = 0;

function copyStack(stack: RFrame[], top: number): RFrame[] {
  const out: RFrame[] = new Array(top);
  for (let i = 0; i < top; i++) out[i] = { fn: stack[i].fn, step: stack[i].step, vals: stack[i].vals.slice() };
  return out;
}

// ------------------------------------------------------------------ the recording

export class TraceRecording {
  readonly header: TraceHeader;
  /** The end record; null when the run's process died before writing it. */
  readonly end: TraceEnd | null;
  readonly steps: number;
  readonly stmts: DebugStmt[];
  readonly fns: DebugFn[];
  /** Source text by file name. */
  readonly sources: Record<string, string>;
  /** The entry file (statements without a file name belong to it). */
  readonly file: string;
  readonly exception: TraceException | null;
  /** 'ok', 'failed', 'interrupted', or 'unknown' when the end record is missing. */
  readonly outcome: string;
  readonly durationMs: number;
  readonly truncated: boolean;
  /** Where a truncated recording stopped (null: not cut, or a recording that does not say). */
  readonly cutAt: TraceCut | null;
  /** All the output the recording holds. */
  readonly output: string;

  private readonly S: Int32Array;
  private readonly D: Int32Array;
  private readonly M: number;
  private readonly eStep: Int32Array;
  private readonly eOp: Uint8Array;
  private readonly eA: Int32Array;
  private readonly eB: Int32Array;
  private readonly eTag: Uint8Array;
  private readonly eNum: Float64Array;
  /** Argument values (format.ts: A), and those stored by tag and payload. */
  private readonly A: Int32Array;
  private readonly xTag: Uint8Array;
  private readonly xNum: Float64Array;
  private readonly strs: string[];
  private readonly metas = new Map<string, { name: string; type: string }[]>();
  private readonly outSteps: Int32Array;
  private readonly outEnds: Int32Array;
  private readonly defCache = new Map<number, HeapContent>();
  private snaps: Snapshot[] = [];
  private cur: State | null = null;

  constructor(parsed: ParsedTrace) {
    const { header, chunks, end, buf } = parsed;
    if (!header || header.t !== 'h' || header.format !== TRACE_FORMAT) throw new TraceFileError('This file is not a crmscript-tui trace recording.');
    const version = header.version ?? 1;
    if (version > TRACE_VERSION) throw new TraceFileError(`This recording was made by a newer crmscript-tui (format version ${version}); update to open it.`);
    this.header = header;
    this.stmts = header.stmts;
    this.fns = header.fns;
    this.sources = header.sources;
    this.file = header.file;
    this.end = end;
    const N = chunks.reduce((a, c) => a + c.desc.n, 0);
    const M = chunks.reduce((a, c) => a + c.desc.m, 0);
    const Q = chunks.reduce((a, c) => a + (c.desc.q ?? 0), 0);
    const X = chunks.reduce((a, c) => a + (c.desc.x ?? 0), 0);
    this.steps = N;
    this.M = M;
    this.S = new Int32Array(N);
    this.D = new Int32Array(N);
    this.eStep = new Int32Array(M);
    this.eOp = new Uint8Array(M);
    this.eA = new Int32Array(M);
    this.eB = new Int32Array(M);
    this.eTag = new Uint8Array(M);
    this.eNum = new Float64Array(M);
    this.A = new Int32Array(Q);
    this.xTag = new Uint8Array(X);
    this.xNum = new Float64Array(X);
    let sAt = 0;
    let eAt = 0;
    let aAt = 0;
    let xAt = 0;
    let depth = 0;
    const outs: number[] = [];
    // copies `count` elements of `size` bytes from the file into `dst` at element `at`
    let off = 0;
    const take = (dst: Int32Array | Uint8Array | Float64Array, at: number, count: number): void => {
      const size = dst.BYTES_PER_ELEMENT;
      new Uint8Array(dst.buffer, at * size, count * size).set(buf.subarray(off, off + count * size));
      off += count * size;
    };
    for (const { desc: c, offset } of chunks) {
      off = offset;
      const q = c.q ?? 0;
      const x = c.x ?? 0;
      if (version < 2) {
        take(this.S, sAt, c.n);
        take(this.D, sAt, c.n);
      } else {
        const raw = new Int32Array(c.n + (c.p ?? 0));
        take(raw, 0, raw.length);
        depth = decodeEntries(raw, this.S, this.D, sAt, sAt + c.n, depth);
        take(this.A, aAt, q);
      }
      take(this.eStep, eAt, c.m);
      take(this.eA, eAt, c.m);
      take(this.eB, eAt, c.m);
      take(this.eNum, eAt, c.m);
      if (version >= 2) take(this.xNum, xAt, x);
      take(this.eOp, eAt, c.m);
      take(this.eTag, eAt, c.m);
      if (version >= 2) take(this.xTag, xAt, x);
      sAt += c.n;
      if (c.metas) for (const [name, fields] of Object.entries(c.metas)) this.metas.set(name, fields);
      eAt += c.m;
      aAt += q;
      xAt += x;
    }
    this.strs = chunks.length === 1 ? chunks[0].desc.strs : ([] as string[]).concat(...chunks.map((c) => c.desc.strs));
    const ops = this.eOp;
    for (let e = 0; e < M; e++) if (ops[e] === OP_OUT) outs.push(e);
    // output: the events' texts joined, and where each ends
    this.outSteps = new Int32Array(outs.length);
    this.outEnds = new Int32Array(outs.length);
    let text = '';
    outs.forEach((e, i) => {
      text += this.strs[this.eNum[e]];
      this.outSteps[i] = this.eStep[e];
      this.outEnds[i] = text.length;
    });
    this.output = text;
    this.outcome = end?.outcome ?? 'unknown';
    this.durationMs = end?.durationMs ?? 0;
    this.truncated = end?.truncated ?? false;
    this.cutAt = end?.cutAt ?? null;
    // the exception was raised by the last recorded statement (unless the recording stopped early)
    const x = end?.exception;
    this.exception = x ? { ...x, step: N > 0 && !this.truncated ? N - 1 : null } : null;
  }

  // ------------------------------------------------------------ positions

  /** Call depth at a step (1 = the main body). */
  depthAt(step: number): number {
    return this.D[this.clamp(step)] & DEPTH_MASK;
  }

  /** Statement id at a step. */
  stmtAt(step: number): number {
    return this.S[this.clamp(step)];
  }

  positionAt(step: number): TracePosition {
    const st = this.stmts[this.stmtAt(step)];
    return { file: st.file ?? this.file, line: st.line, col: st.col };
  }

  /** The output written before the statement at `step` ran. */
  outputAt(step: number): string {
    const n = upperBound(this.outSteps, step);
    return n === 0 ? '' : this.output.slice(0, this.outEnds[n - 1]);
  }

  clamp(step: number): number {
    if (this.steps === 0) throw new TraceFileError('The recording holds no steps.');
    return Math.max(0, Math.min(this.steps - 1, Math.trunc(step)));
  }

  // ------------------------------------------------------------ moves (each returns the step to go to;
  // the same step when there is nowhere to go)

  first(): number {
    return 0;
  }

  last(): number {
    return Math.max(0, this.steps - 1);
  }

  /** The exception's step, or null when the run did not end with one. */
  exceptionStep(): number | null {
    return this.exception?.step ?? null;
  }

  /** The step before, whatever its depth. */
  prev(step: number): number {
    return Math.max(0, this.clamp(step) - 1);
  }

  /** Step back: the previous step at the same depth or higher in the stack (depth ≤ current). */
  stepBack(step: number): number {
    const s = this.clamp(step);
    const d = this.depthAt(s);
    for (let j = s - 1; j >= 0; j--) if ((this.D[j] & DEPTH_MASK) <= d) return j;
    return s;
  }

  /** Step in: the next recorded step. */
  stepIn(step: number): number {
    return Math.min(this.last(), this.clamp(step) + 1);
  }

  /** Step next: the next step at the same depth or higher (calls made by this statement are skipped). */
  stepNext(step: number): number {
    const s = this.clamp(step);
    const d = this.depthAt(s);
    for (let j = s + 1; j < this.steps; j++) if ((this.D[j] & DEPTH_MASK) <= d) return j;
    return this.last();
  }

  /** Step out: the next step after the current function returned (lower depth). */
  stepOut(step: number): number {
    const s = this.clamp(step);
    const d = this.depthAt(s);
    for (let j = s + 1; j < this.steps; j++) if ((this.D[j] & DEPTH_MASK) < d) return j;
    return this.last();
  }

  /**
   * Step out of scope: leave the innermost block or loop the current statement is in, to the
   * next statement of the same call outside it (the loop's own line, run again for each
   * iteration, does not count as outside), or to the caller when the function returns first.
   * In a function's outermost block this is step out.
   */
  stepOutOfScope(step: number): number {
    const s = this.clamp(step);
    const d = this.depthAt(s);
    const st = this.stmts[this.S[s]];
    if (st.scope === 0) return this.stepOut(s);
    const fn = this.fns[st.fn];
    const block = st.scope;
    const inside = (scope: number): boolean => {
      for (let x = scope; x >= 0; x = fn.scopes[x]) if (x === block) return true;
      return false;
    };
    // the statement that led into the block (if/while/for/foreach/try line): the last one of this call outside it
    let opener: DebugStmt | null = null;
    for (let j = s; j >= 0; j--) {
      const dj = this.D[j] & DEPTH_MASK;
      if (dj < d) break;
      if (dj > d) continue;
      const sj = this.stmts[this.S[j]];
      if (j < s && !inside(sj.scope)) {
        opener = sj;
        break;
      }
      if (this.D[j] & NEW_FRAME) break;
    }
    const sameLine = (x: DebugStmt): boolean => opener !== null && x.line === opener.line && x.col === opener.col && x.file === opener.file;
    for (let j = s + 1; j < this.steps; j++) {
      const raw = this.D[j];
      const dj = raw & DEPTH_MASK;
      if (dj > d) continue;
      if (dj < d || raw & NEW_FRAME) return j;
      const sj = this.stmts[this.S[j]];
      if (!inside(sj.scope) && !sameLine(sj)) return j;
    }
    return this.last();
  }

  // ------------------------------------------------------------ state at a step

  at(step: number): TraceStepView {
    const target = this.clamp(step);
    const st = this.stateAt(target);
    // the view keeps its own copy of the heap map (objects are copy-on-write), so it stays valid
    const heap = new Map(st.heap);
    st.gen = ++GEN;
    const stack: TraceStackFrame[] = [];
    const frames: TraceFrameVariables[] = [];
    const view = new View(this, heap);
    const main = st.top > 0 ? st.stack[0] : null;
    for (let d = st.top; d >= 1; d--) {
      const f = st.stack[d - 1];
      const fn = this.fns[f.fn];
      const sid = this.S[f.step];
      const pos = this.stmts[sid];
      stack.push({ name: fn.name, depth: d, step: f.step, file: pos.file ?? this.file, line: pos.line, col: pos.col });
      const locals = [...visible(fn, this.stmts[sid]).values()].map((i) => view.describe(fn.locals[i].name, fn.locals[i].type, f.vals[i]));
      const globals: Variable[] = [];
      if (f.fn !== 0 && main) {
        this.fns[0].locals.forEach((l, i) => {
          if (l.global !== undefined && l.global < fn.order) globals.push(view.describe(l.name, l.type, main.vals[i]));
        });
      }
      frames.push({ name: fn.name, depth: d, locals, globals });
    }
    const pos = this.positionAt(target);
    return {
      step: target,
      stmt: this.S[target],
      depth: this.depthAt(target),
      ...pos,
      stack,
      frames,
      output: this.outputAt(target),
      exception: this.exception && this.exception.step === target ? this.exception : null,
      children: (ref) => view.children(ref),
    };
  }

  /** Struct field names and types, by struct name. */
  structFields(name: string): { name: string; type: string }[] {
    return this.metas.get(name) ?? [];
  }

  heapContent(e: number): HeapContent {
    let c = this.defCache.get(e);
    if (!c) {
      c = JSON.parse(this.strs[this.eNum[e]]) as HeapContent;
      this.defCache.set(e, c);
    }
    return c;
  }

  private stateAt(target: number): State {
    // the latest snapshot at or before the target
    let lo = 0;
    let hi = this.snaps.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.snaps[mid].step <= target) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const snap = best >= 0 ? this.snaps[best] : null;
    let st = this.cur;
    if (!st || st.step > target || (snap && snap.step > st.step)) {
      st = snap
        ? { step: snap.step, ev: snap.ev, arg: snap.arg, stack: copyStack(snap.stack, snap.stack.length), top: snap.stack.length, heap: new Map(snap.heap), gen: ++GEN }
        : { step: -1, ev: 0, arg: 0, stack: [], top: 0, heap: new Map(), gen: ++GEN };
    }
    this.advance(st, target);
    this.cur = st;
    return st;
  }

  private advance(st: State, target: number): void {
    const { S, D, stmts, fns } = this;
    const stack = st.stack;
    let s = st.step;
    let e = st.ev;
    let a = st.arg;
    const lastSnap = this.snaps.length ? this.snaps[this.snaps.length - 1].step : -1;
    while (s < target) {
      s++;
      const raw = D[s];
      const d = raw & DEPTH_MASK;
      if (raw & NEW_FRAME || st.top < d) {
        // a new call at depth d (frames deeper than d have returned)
        while (stack.length < d) stack.push({ fn: 0, step: s, vals: [] });
        const f = stack[d - 1];
        f.fn = stmts[S[s]].fn;
        f.vals = [];
        // the call's `this` and parameters (recordings of version 2 on)
        if (raw & NEW_FRAME) for (let i = 0, np = fns[f.fn].params ?? 0; i < np && a < this.A.length; i++) f.vals[i] = this.argument(this.A[a++]);
      }
      st.top = d;
      stack[d - 1].step = s;
      while (e < this.M && this.eStep[e] <= s) this.apply(st, e++);
      if (s % SNAPSHOT_EVERY === 0 && s > lastSnap) {
        st.step = s;
        st.ev = e;
        st.arg = a;
        this.snapshot(st);
      }
    }
    st.step = s;
    st.ev = e;
    st.arg = a;
  }

  private snapshot(st: State): void {
    if (st.heap.size > 1000) this.collect(st);
    this.snaps.push({ step: st.step, ev: st.ev, arg: st.arg, stack: copyStack(st.stack, st.top), heap: new Map(st.heap) });
    st.gen = ++GEN; // everything now shared with the snapshot: copy before changing
  }

  /** Drops heap objects no frame can reach any more (at a statement boundary nothing else holds them). */
  private collect(st: State): void {
    const live = new Set<number>();
    const todo: EncodedValue[] = [];
    for (let i = 0; i < st.top; i++) for (const v of st.stack[i].vals) if (v !== undefined) todo.push(v);
    while (todo.length) {
      const v = todo.pop()!;
      if (typeof v !== 'object' || v === null) continue;
      if ('r' in v) {
        if (live.has(v.r)) continue;
        live.add(v.r);
        const o = st.heap.get(v.r);
        if (o?.v) for (const x of o.v) todo.push(x);
      } else if ('g' in v) todo.push(v.x);
    }
    for (const id of [...st.heap.keys()]) if (!live.has(id)) st.heap.delete(id);
  }

  private value(e: number): EncodedValue | undefined {
    return this.tagged(this.eTag[e], this.eNum[e]);
  }

  /** An argument value from its A value (format.ts). */
  private argument(x: number): EncodedValue | undefined {
    if ((x & 1) === 0) return x >> 1;
    const i = x >>> 1;
    return i < this.xTag.length ? this.tagged(this.xTag[i], this.xNum[i]) : undefined;
  }

  /** A value from its tag and payload. */
  private tagged(tag: number, num: number): EncodedValue | undefined {
    switch (tag) {
      case TAG_NUM:
        return num;
      case TAG_STR:
        return this.strs[num];
      case TAG_BOOL:
        return num !== 0;
      case TAG_NULL:
        return null;
      case TAG_JSON:
        return JSON.parse(this.strs[num]) as EncodedValue;
      case TAG_REF:
        return { r: num };
      default:
        return undefined;
    }
  }

  /** The heap object to change, copied first when a snapshot shares it. */
  private mut(st: State, id: number): HeapObj | null {
    const o = st.heap.get(id);
    if (!o) return null;
    if (o.gen === st.gen) return o;
    const c: HeapObj = { ...o, gen: st.gen };
    if (o.v) c.v = o.v.slice();
    if (o.map) c.map = new Map(o.map);
    if (o.vec) c.vec = o.vec.slice();
    st.heap.set(id, c);
    return c;
  }

  private apply(st: State, e: number): void {
    const a = this.eA[e];
    switch (this.eOp[e]) {
      case OP_LOCAL: {
        if (a <= st.top) st.stack[a - 1].vals[this.eB[e]] = this.value(e);
        return;
      }
      case OP_DEF: {
        const c = this.heapContent(e);
        // gen -1: shared with the cache, copied before any change
        const o: HeapObj = { gen: -1 };
        if ('a' in c) {
          o.v = c.v;
          o.elem = c.a;
        } else if ('s' in c) {
          o.v = c.v;
          o.struct = c.s;
        } else if ('m' in c) o.map = new Map(c.m);
        else o.vec = c.vec;
        st.heap.set(a, o);
        return;
      }
      case OP_ASET: {
        const o = this.mut(st, a);
        if (o?.v) o.v[this.eB[e]] = this.value(e) ?? null;
        return;
      }
      case OP_FSET: {
        const o = this.mut(st, a);
        if (o?.v) o.v[this.eB[e]] = this.value(e) ?? null;
        return;
      }
      case OP_PUSH: {
        const o = this.mut(st, a);
        o?.v?.push(this.value(e) ?? null);
        return;
      }
      case OP_UNSHIFT: {
        const o = this.mut(st, a);
        o?.v?.unshift(this.value(e) ?? null);
        return;
      }
      case OP_POP: {
        this.mut(st, a)?.v?.pop();
        return;
      }
      case OP_SHIFT: {
        this.mut(st, a)?.v?.shift();
        return;
      }
      case OP_INSERT: {
        this.mut(st, a)?.v?.splice(this.eB[e], 0, this.value(e) ?? null);
        return;
      }
      case OP_CLEAR: {
        const o = this.mut(st, a);
        if (o?.v) o.v.length = 0;
        o?.map?.clear();
        return;
      }
      case OP_MSET: {
        this.mut(st, a)?.map?.set(this.strs[this.eB[e]], String(this.value(e) ?? ''));
        return;
      }
      case OP_MDEL: {
        this.mut(st, a)?.map?.delete(this.strs[this.eB[e]]);
        return;
      }
      case OP_OUT:
        return;
    }
  }
}

/**
 * Decodes a chunk's S entries (format.ts) into statement ids and depths at steps [at, end);
 * returns the depth after them. Runs of plain entries (no depth change) are copied in bulk.
 */
function decodeEntries(raw: Int32Array, S: Int32Array, D: Int32Array, at: number, end: number, depth: number): number {
  let run = 0; // start (in raw) of the current run of plain entries, which land at S[at + i - run]
  let base = at;
  for (let i = 0; i < raw.length; i++) {
    const x = raw[i];
    if (x >= 0 && x < NO_STMT) continue; // a plain step
    // flush the run of plain steps before this entry
    const len = Math.min(i - run, end - base);
    S.set(raw.subarray(run, run + len), base);
    D.fill(depth < 1 ? 1 : depth, base, base + len);
    base += len;
    const call = x & NEW_FRAME;
    depth -= (x >>> LEAVE_SHIFT) & LEAVE_MAX;
    if (call) depth++;
    const id = x & STMT_MASK;
    if (id !== NO_STMT && base < end) {
      S[base] = id;
      D[base] = (depth < 1 ? 1 : depth) | call;
      base++;
    }
    run = i + 1;
  }
  const len = Math.min(raw.length - run, end - base);
  S.set(raw.subarray(run, run + len), base);
  D.fill(depth < 1 ? 1 : depth, base, base + len);
  return depth;
}

function upperBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function inScope(fn: DebugFn, declScope: number, at: number): boolean {
  for (let s = at; s >= 0; s = fn.scopes[s]) if (s === declScope) return true;
  return false;
}

/** name → local index of the variables in scope at a statement (an inner declaration hides an outer one). */
function visible(fn: DebugFn, st: DebugStmt): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < st.declared && i < fn.locals.length; i++) {
    const l = fn.locals[i];
    if (inScope(fn, l.scope, st.scope)) {
      out.delete(l.name);
      out.set(l.name, i);
    }
  }
  return out;
}

// ------------------------------------------------------------------ display (as the debugger shows values)

type RefEntry = { kind: 'list'; elem: string; v: EncodedValue[] } | { kind: 'struct'; name: string; v: EncodedValue[] } | { kind: 'map'; v: Map<string, string> } | { kind: 'vec'; v: string[] };

class View {
  private refs: RefEntry[] = [];
  constructor(
    private readonly rec: TraceRecording,
    private readonly heap: Map<number, HeapObj>,
  ) {}

  private addRef(e: RefEntry): number {
    this.refs.push(e);
    return this.refs.length;
  }

  private fields(name: string, n: number): { name: string; type: string }[] {
    const f = this.rec.structFields(name);
    return f.length >= n ? f : [...f, ...Array.from({ length: n - f.length }, (_, i) => ({ name: `#${f.length + i}`, type: 'Generic' }))];
  }

  short(type: string, v: EncodedValue | undefined): string {
    if (v === undefined) return '(not set)';
    if (v === null) return 'null';
    if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
    if (typeof v === 'number') return scalar(type, v);
    if (typeof v === 'boolean') return String(v);
    if ('g' in v) return this.short(v.g, v.x);
    if ('t' in v) return v.t;
    if ('c' in v) return JSON.stringify(v.c.slice(0, 40) + '…');
    if ('f' in v) return v.f;
    const o = this.heap.get(v.r);
    if (!o) return '(unknown)';
    if (o.struct !== undefined) return `${o.struct} {…}`;
    if (o.v) return `[${o.v.length}]`;
    if (o.map) return `Map (${o.map.size})`;
    return `Vector (${o.vec?.length ?? 0})`;
  }

  describe(name: string, type: string, v: EncodedValue | undefined): Variable {
    if (v === undefined) return { name, type, value: '(not set)', ref: 0 };
    if (v === null) return { name, type, value: 'null', ref: 0 };
    if (typeof v === 'string') return { name, type, value: JSON.stringify(v), ref: 0 };
    if (typeof v === 'number') return { name, type, value: scalar(type, v), ref: 0 };
    if (typeof v === 'boolean') return { name, type, value: String(v), ref: 0 };
    if ('g' in v) return { ...this.describe(name, v.g, v.x), type: `Generic (${v.g})` };
    if ('t' in v) return { name, type, value: v.t, ref: 0 };
    if ('c' in v) return { name, type, value: `${JSON.stringify(v.c)}… (${v.n} characters)`, ref: 0 };
    if ('f' in v) return { name, type, value: v.f, ref: 0 };
    const o = this.heap.get(v.r);
    if (!o) return { name, type, value: '(unknown)', ref: 0 };
    if (o.struct !== undefined) {
      const fields = this.fields(o.struct, o.v!.length);
      const items = o.v!.map((x, i) => `${fields[i].name}: ${this.short(fields[i].type, x)}`);
      return { name, type: o.struct, value: `${o.struct} {${preview(items, items.length)}}`, ref: this.addRef({ kind: 'struct', name: o.struct, v: o.v! }), count: items.length };
    }
    if (o.v) {
      const elem = type.endsWith('[]') ? type.slice(0, -2) : (o.elem ?? 'Generic');
      const items = o.v.slice(0, 10).map((x) => this.short(elem, x));
      return { name, type, value: `[${preview(items, o.v.length)}]`, ref: this.addRef({ kind: 'list', elem, v: o.v }), count: o.v.length };
    }
    if (o.map) {
      const keys = [...o.map.keys()].sort();
      const items = keys.slice(0, 10).map((k) => `${JSON.stringify(k)}: ${this.short('String', o.map!.get(k))}`);
      return { name, type, value: `Map (${keys.length}) {${preview(items, keys.length)}}`, ref: keys.length ? this.addRef({ kind: 'map', v: o.map }) : 0, count: keys.length };
    }
    const items = (o.vec ?? []).slice(0, 10).map((x) => this.short('String', x));
    const len = o.vec?.length ?? 0;
    return { name, type, value: `Vector (${len}) [${preview(items, len)}]`, ref: len ? this.addRef({ kind: 'vec', v: o.vec! }) : 0, count: len };
  }

  children(ref: number): Variable[] {
    const e = this.refs[ref - 1];
    if (!e) throw new TraceFileError(`There is no variable reference ${ref} at this step.`);
    const out: Variable[] = [];
    const more = (total: number): void => {
      if (total > MAX_CHILDREN) out.push({ name: '…', type: '', value: `${total - MAX_CHILDREN} more not shown`, ref: 0 });
    };
    switch (e.kind) {
      case 'list':
        for (let i = 0; i < Math.min(e.v.length, MAX_CHILDREN); i++) out.push(this.describe(`[${i}]`, e.elem, e.v[i]));
        more(e.v.length);
        break;
      case 'struct': {
        const fields = this.fields(e.name, e.v.length);
        e.v.forEach((x, i) => out.push(this.describe(fields[i].name, fields[i].type, x)));
        break;
      }
      case 'map': {
        const keys = [...e.v.keys()].sort();
        for (const k of keys.slice(0, MAX_CHILDREN)) out.push(this.describe(JSON.stringify(k), 'String', e.v.get(k)));
        more(keys.length);
        break;
      }
      case 'vec':
        for (let i = 0; i < Math.min(e.v.length, MAX_CHILDREN); i++) out.push(this.describe(`[${i}]`, 'String', e.v[i]));
        more(e.v.length);
        break;
    }
    return out;
  }
}

function scalar(type: string, v: number): string {
  return type === 'Float' ? String(v) : String(v === 0 ? 0 : v);
}

function preview(items: string[], total: number): string {
  const shown = items.slice(0, 10);
  return shown.join(', ') + (total > shown.length ? ', …' : '');
}

// ------------------------------------------------------------------ opening

interface ParsedTrace {
  header: TraceHeader;
  chunks: { desc: TraceChunk; offset: number }[];
  end: TraceEnd | null;
  buf: Buffer;
}

/** Parses the bytes of a recording. A torn last chunk (the run's process was killed) is dropped. */
export function parseTrace(buf: Buffer): TraceRecording {
  let pos = 0;
  const nextLine = (): string | null => {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) return null;
    const s = buf.toString('utf8', pos, nl);
    pos = nl + 1;
    return s;
  };
  const first = nextLine();
  let header: TraceHeader;
  try {
    header = JSON.parse(first ?? '') as TraceHeader;
  } catch {
    throw new TraceFileError('This file is not a crmscript-tui trace recording.');
  }
  const chunks: ParsedTrace['chunks'] = [];
  const version = header?.version ?? 1;
  let end: TraceEnd | null = null;
  for (let line = nextLine(); line !== null; line = nextLine()) {
    let rec: TraceChunk | TraceEnd;
    try {
      rec = JSON.parse(line) as TraceChunk | TraceEnd;
    } catch {
      if (pos >= buf.length) break;
      throw new TraceFileError(`The recording is damaged at byte ${pos}.`);
    }
    if (rec.t === 'c') {
      const len = chunkBytes(rec, version);
      if (pos + len > buf.length) break; // torn
      chunks.push({ desc: rec, offset: pos });
      pos += len;
    } else if (rec.t === 'e') end = rec;
  }
  return new TraceRecording({ header, chunks, end, buf });
}

/**
 * Steps held and bytes used by the complete records of a recording. A run killed while writing
 * leaves a torn chunk after them; cutting the file to `bytes` lets an end record follow.
 */
export function completePart(buf: Buffer): { steps: number; bytes: number } {
  let pos = buf.indexOf(10) + 1;
  if (pos <= 0) return { steps: 0, bytes: 0 };
  let version = 1;
  try {
    version = (JSON.parse(buf.toString('utf8', 0, pos - 1)) as TraceHeader).version ?? 1;
  } catch {
    // not a header: the chunks below will not parse either
  }
  let steps = 0;
  for (;;) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    let rec: TraceChunk | TraceEnd;
    try {
      rec = JSON.parse(buf.toString('utf8', pos, nl)) as TraceChunk | TraceEnd;
    } catch {
      break;
    }
    if (rec.t !== 'c') {
      pos = nl + 1;
      continue;
    }
    const len = chunkBytes(rec, version);
    if (nl + 1 + len > buf.length) break;
    steps += rec.n;
    pos = nl + 1 + len;
  }
  return { steps, bytes: pos };
}

/** Opens a recording file. */
export function openTrace(path: string): TraceRecording {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TraceFileError(code === 'ENOENT' ? `The recording ${path} does not exist (it may have been purged).` : `Cannot read the recording ${path}: ${errorMessage(e)}.`);
  }
  try {
    return parseTrace(buf);
  } catch (e) {
    if (e instanceof TraceFileError) throw new TraceFileError(`${path}: ${e.message}`);
    throw e;
  }
}
