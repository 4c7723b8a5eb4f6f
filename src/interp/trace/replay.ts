// Replaying a recording: the state at any step (call stack with every frame's values, and the
// heap objects) reconstructed by applying the recorded changes from the nearest snapshot before
// it. Snapshots are taken every SNAPSHOT_EVERY steps during replay and kept, so the first visit
// of a late step costs one pass over the recording and later visits a short replay; heap objects
// are shared copy-on-write between snapshots.
import type { DebugFn, DebugStmt } from '../compiler.js';
import type { Columns } from './decode.js';
import {
  DEPTH_MASK,
  NEW_FRAME,
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
  type EncodedValue,
  type HeapContent,
} from './format.js';

export const SNAPSHOT_EVERY = 4096;

export interface HeapObj {
  gen: number;
  /** Array or struct values. */
  v?: EncodedValue[];
  elem?: string;
  struct?: string;
  map?: Map<string, string>;
  vec?: string[];
}

export interface RFrame {
  fn: number;
  step: number;
  vals: (EncodedValue | undefined)[];
}

export interface State {
  step: number;
  /** Next event to apply. */
  ev: number;
  /** Next argument value to take. */
  arg: number;
  /** Next compact local to apply. */
  loc: number;
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
  loc: number;
  stack: RFrame[];
  heap: Map<number, HeapObj>;
}

let GEN = 0;

/** A new generation: heap objects of older ones are shared and copied before a change. */
export function nextGen(): number {
  return ++GEN;
}

export function copyStack(stack: RFrame[], top: number): RFrame[] {
  const out: RFrame[] = new Array(top);
  for (let i = 0; i < top; i++) out[i] = { fn: stack[i].fn, step: stack[i].step, vals: stack[i].vals.slice() };
  return out;
}

export class Replay {
  protected readonly S: Int32Array;
  protected readonly D: Int32Array;
  protected readonly M: number;
  protected readonly eStep: Int32Array;
  protected readonly eOp: Uint8Array;
  protected readonly eA: Int32Array;
  protected readonly eB: Int32Array;
  protected readonly eTag: Uint8Array;
  protected readonly eNum: Float64Array;
  /** Argument values (format.ts: A), and those stored by tag and payload. */
  private readonly A: Int32Array;
  private readonly xTag: Uint8Array;
  private readonly xNum: Float64Array;
  /** Compact locals (format.ts: L). */
  private readonly lStep: Int32Array;
  private readonly lDepth: Int32Array;
  private readonly lSlot: Int32Array;
  private readonly lVal: Int32Array;
  protected readonly strs: string[];
  private readonly defCache = new Map<number, HeapContent>();
  private snaps: Snapshot[] = [];
  private cur: State | null = null;

  constructor(
    cols: Columns,
    readonly stmts: DebugStmt[],
    readonly fns: DebugFn[],
  ) {
    this.S = cols.S;
    this.D = cols.D;
    this.M = cols.M;
    this.eStep = cols.eStep;
    this.eOp = cols.eOp;
    this.eA = cols.eA;
    this.eB = cols.eB;
    this.eTag = cols.eTag;
    this.eNum = cols.eNum;
    this.A = cols.A;
    this.xTag = cols.xTag;
    this.xNum = cols.xNum;
    this.lStep = cols.lStep;
    this.lDepth = cols.lDepth;
    this.lSlot = cols.lSlot;
    this.lVal = cols.lVal;
    this.strs = cols.strs;
  }

  /** The content an OP_DEF event gives its object (parsed once). */
  heapContent(e: number): HeapContent {
    let c = this.defCache.get(e);
    if (!c) {
      c = JSON.parse(this.strs[this.eNum[e]]) as HeapContent;
      this.defCache.set(e, c);
    }
    return c;
  }

  protected stateAt(target: number): State {
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
        ? { step: snap.step, ev: snap.ev, arg: snap.arg, loc: snap.loc, stack: copyStack(snap.stack, snap.stack.length), top: snap.stack.length, heap: new Map(snap.heap), gen: ++GEN }
        : { step: -1, ev: 0, arg: 0, loc: 0, stack: [], top: 0, heap: new Map(), gen: ++GEN };
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
    let l = st.loc;
    const L = this.lStep.length;
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
      for (; l < L && this.lStep[l] <= s; l++) {
        const ld = this.lDepth[l];
        if (ld <= st.top) stack[ld - 1].vals[this.lSlot[l]] = this.lVal[l];
      }
      if (s % SNAPSHOT_EVERY === 0 && s > lastSnap) {
        st.step = s;
        st.ev = e;
        st.arg = a;
        st.loc = l;
        this.snapshot(st);
      }
    }
    st.step = s;
    st.ev = e;
    st.arg = a;
    st.loc = l;
  }

  private snapshot(st: State): void {
    if (st.heap.size > 1000) this.collect(st);
    this.snaps.push({ step: st.step, ev: st.ev, arg: st.arg, loc: st.loc, stack: copyStack(st.stack, st.top), heap: new Map(st.heap) });
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
