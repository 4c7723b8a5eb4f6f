// Decoding a version 4 recording (format.ts): the writer appended tokens as they happened and
// kept no state, so the reader rebuilds what the viewer needs, once, on open: the call depth at
// each step (NEW_FRAME at a call's first step), the arguments of the calls that ran a statement,
// the step each Integer assigned belongs to (dropped when its frame returned first), and the step
// of each event (OP_LOCAL events of a frame that returned before its next step are dropped).
import type { ChunkAt, Columns } from './columns.js';
import { NEW_FRAME, OP_LOCAL, tokenBase, type TokenBase } from './format.js';

/** The depth given to an event of a frame that is gone (replay applies it to no frame). */
const NO_FRAME = 0x3fffffff;

/** Copies `count` elements of `size` bytes from `buf` at `off` into `dst` at element `at`. */
export function take(buf: Uint8Array, off: number, dst: Int32Array | Uint8Array | Float64Array, at: number, count: number): number {
  const size = dst.BYTES_PER_ELEMENT;
  new Uint8Array(dst.buffer, dst.byteOffset + at * size, count * size).set(buf.subarray(off, off + count * size));
  return off + count * size;
}

/** `params[fn]`: how many argument values a call of fn has in A (`this` and its parameters). */
export function decodeTokens(chunks: ChunkAt[], buf: Uint8Array, params: ArrayLike<number>): Columns {
  let N = 0;
  let M = 0;
  let Q = 0;
  let X = 0;
  let VN = 0;
  let most = 0;
  let mostV = 0;
  for (const { desc: c } of chunks) {
    N += c.n;
    M += c.m;
    Q += c.q ?? 0;
    X += c.x ?? 0;
    VN += c.v ?? 0;
    most = Math.max(most, (c.k ?? 0) * (c.w ?? 2));
    mostV = Math.max(mostV, c.v ?? 0);
  }
  const S = new Int32Array(N);
  const D = new Int32Array(N);
  const eStep = new Int32Array(M);
  const eOp = new Uint8Array(M);
  const eA = new Int32Array(M);
  const eB = new Int32Array(M);
  const eTag = new Uint8Array(M);
  const eNum = new Float64Array(M);
  const rawA = new Int32Array(Q);
  const A = new Int32Array(Q);
  const xTag = new Uint8Array(X);
  const xNum = new Float64Array(X);
  const lStep = new Int32Array(VN);
  const lDepth = new Int32Array(VN);
  const lSlot = new Int32Array(VN);
  const lVal = new Int32Array(VN);
  const metas = new Map<string, { name: string; type: string }[]>();
  // every column but the tokens and the values, copied as they are
  let eAt = 0;
  let aAt = 0;
  let xAt = 0;
  for (const { desc: c, offset } of chunks) {
    let off = offset + (c.k ?? 0) * (c.w ?? 2) + (c.v ?? 0) * 4;
    const q = c.q ?? 0;
    const x = c.x ?? 0;
    off = take(buf, off, rawA, aAt, q);
    off = take(buf, off, eStep, eAt, c.m);
    off = take(buf, off, eA, eAt, c.m);
    off = take(buf, off, eB, eAt, c.m);
    off = take(buf, off, eNum, eAt, c.m);
    off = take(buf, off, xNum, xAt, x);
    off = take(buf, off, eOp, eAt, c.m);
    off = take(buf, off, eTag, eAt, c.m);
    take(buf, off, xTag, xAt, x);
    if (c.metas) for (const [name, fields] of Object.entries(c.metas)) metas.set(name, fields);
    eAt += c.m;
    aAt += q;
    xAt += x;
  }

  // the tokens, in order, across chunks, with each chunk's values (copied a chunk at a time into
  // one array: a column for the whole recording would be memory touched once more, and fresh
  // memory costs ~3 ms a MB on a virtual machine)
  const bytes = new Uint8Array(most + 8);
  const t16 = new Uint16Array(bytes.buffer, 0, bytes.length >> 1);
  const t32 = new Int32Array(bytes.buffer, 0, bytes.length >> 2);
  const V = new Int32Array(mostV);
  const st = new TokenState(S, D, A, rawA, V, lStep, lDepth, lSlot, lVal, eStep, eOp, eA, params);
  for (const { desc: c, offset } of chunks) {
    const k = c.k ?? 0;
    const w = c.w ?? 2;
    bytes.set(buf.subarray(offset, offset + k * w));
    take(buf, offset + k * w, V, 0, c.v ?? 0);
    st.vi = 0;
    st.tokens(w === 2 ? t16 : t32, k, tokenBase(w));
  }
  const ln = st.end();
  const strs = chunks.length === 1 ? chunks[0].desc.strs : ([] as string[]).concat(...chunks.map((c) => c.desc.strs));
  return {
    steps: N,
    S,
    D,
    M,
    eStep,
    eOp,
    eA,
    eB,
    eTag,
    eNum,
    A: A.subarray(0, st.an),
    xTag,
    xNum,
    lStep: lStep.subarray(0, ln),
    lDepth: lDepth.subarray(0, ln),
    lSlot: lSlot.subarray(0, ln),
    lVal: lVal.subarray(0, ln),
    strs,
    metas,
  };
}

/**
 * The decoder's state between chunks, and its loop over a chunk's tokens (a method of its own, run
 * once per chunk, so that V8 optimizes it after the first chunks of a recording opened once).
 */
class TokenState {
  depth = 0;
  /** The next step. */
  s = 0;
  /** The token's position, counted from the first chunk. */
  pos = 0;
  /** Next value in V (the chunk's), next argument in rawA, arguments kept in A, locals kept. */
  vi = 0;
  ai = 0;
  an = 0;
  ln = 0;
  /** Locals from here on wait for the next step. */
  lPend = 0;
  /** Next event to place; events from ePend on happened since the last step. */
  ei = 0;
  ePend = 0;
  /** A call began and has run no statement: its function (-1: none), and where its arguments are in rawA. */
  call = -1;
  callArgs = 0;

  constructor(
    readonly S: Int32Array,
    readonly D: Int32Array,
    readonly A: Int32Array,
    readonly rawA: Int32Array,
    readonly V: Int32Array,
    readonly lStep: Int32Array,
    readonly lDepth: Int32Array,
    readonly lSlot: Int32Array,
    readonly lVal: Int32Array,
    readonly eStep: Int32Array,
    readonly eOp: Uint8Array,
    readonly eA: Int32Array,
    readonly params: ArrayLike<number>,
  ) {}

  tokens(T: Uint16Array | Int32Array, k: number, base: TokenBase): void {
    const { S, D, A, rawA, V, lStep, lDepth, lSlot, lVal, eStep, params } = this;
    const { enter, leave, local } = base;
    const N = S.length;
    const M = eStep.length;
    let { depth, s, pos, vi, ai, an, ln, lPend, ei, ePend, call, callArgs } = this;
    for (let i = 0; i < k; i++, pos++) {
      const t = T[i];
      // events written before this token belong to the next step
      while (ei < M && eStep[ei] <= pos) eStep[ei++] = s;
      if (t < enter) {
        // a step
        let flag = 0;
        if (call >= 0) {
          // the call's first statement: its `this` and parameters
          flag = NEW_FRAME;
          for (let j = 0, np = params[call] ?? 0; j < np; j++) A[an++] = rawA[callArgs + j];
          call = -1;
        }
        if (s < N) {
          S[s] = t;
          D[s] = (depth < 1 ? 1 : depth) | flag;
        }
        while (lPend < ln) lStep[lPend++] = s;
        s++;
        ePend = ei;
      } else if (t < leave) {
        // a call (one before it that ran no statement keeps nothing)
        depth++;
        call = t - enter;
        callArgs = ai;
        ai += params[call] ?? 0;
      } else if (t < local) {
        // a return: what its frame was assigned since its last step goes with it
        call = -1;
        ln = this.returned(depth, lPend, ln, ePend, ei);
        depth--;
      } else {
        // an Integer assigned: the running frame's local, or (odd) the main body's
        const u = t - local;
        lDepth[ln] = (u & 1) !== 0 || depth < 1 ? 1 : depth;
        lSlot[ln] = u >>> 1;
        lVal[ln] = V[vi++];
        ln++;
      }
    }
    Object.assign(this, { depth, s, pos, vi, ai, an, ln, lPend, ei, ePend, call, callArgs });
  }

  /** The frame at `depth` returned: drops its locals and OP_LOCAL events since the last step; returns the locals kept. */
  returned(depth: number, lPend: number, ln: number, ePend: number, ei: number): number {
    const { lDepth, lSlot, lVal, eOp, eA } = this;
    let keep = lPend;
    for (let j = lPend; j < ln; j++) {
      if (lDepth[j] === depth && depth > 1) continue;
      lDepth[keep] = lDepth[j];
      lSlot[keep] = lSlot[j];
      lVal[keep] = lVal[j];
      keep++;
    }
    for (let j = ePend; j < ei; j++) if (eOp[j] === OP_LOCAL && eA[j] === depth) eA[j] = NO_FRAME;
    return keep;
  }

  /** After the last token: events after the last step get its end; values after it belong to none. Returns the locals kept. */
  end(): number {
    while (this.ei < this.eStep.length) this.eStep[this.ei++] = this.s;
    return this.lPend;
  }
}
