// Decoding a recording's chunks (format.ts) into whole-run columns in memory: statement ids and
// call depths per step, the events, argument values, compact locals and strings. Reads every
// format version: 1 (depth column), 2 (Int32 S and A columns), 3 (byte streams), 4 (tokens, in
// decode-tokens.ts).
import type { ChunkAt, Columns } from './columns.js';
import { decodeTokens, take } from './decode-tokens.js';
import { E_NO_STMT, LEAVE_MAX, LEAVE_SHIFT, NEW_FRAME, NO_STMT, STMT_MASK } from './format.js';

export type { ChunkAt, Columns } from './columns.js';

/** Compact locals decoded so far (grown as needed). */
class Locals {
  n = 0;
  step: Int32Array;
  depth: Int32Array;
  slot: Int32Array;
  val: Int32Array;
  constructor(size: number) {
    this.step = new Int32Array(size);
    this.depth = new Int32Array(size);
    this.slot = new Int32Array(size);
    this.val = new Int32Array(size);
  }
  push(step: number, depth: number, slot: number, val: number): void {
    const i = this.n++;
    this.step[i] = step;
    this.depth[i] = depth;
    this.slot[i] = slot;
    this.val[i] = val;
  }
}

/** `params[fn]`: `this` and the parameters of function fn (DebugFn.params). */
export function decodeColumns(version: number, chunks: ChunkAt[], buf: Uint8Array, params: ArrayLike<number>): Columns {
  if (version >= 4) return decodeTokens(chunks, buf, params);
  let N = 0;
  let M = 0;
  let Q = 0;
  let X = 0;
  let LC = 0;
  for (const { desc: c } of chunks) {
    N += c.n;
    M += c.m;
    Q += c.q ?? 0;
    X += c.x ?? 0;
    LC += c.l ?? 0;
  }
  const S = new Int32Array(N);
  const D = new Int32Array(N);
  const eStep = new Int32Array(M);
  const eOp = new Uint8Array(M);
  const eA = new Int32Array(M);
  const eB = new Int32Array(M);
  const eTag = new Uint8Array(M);
  const eNum = new Float64Array(M);
  const A = new Int32Array(Q);
  const xTag = new Uint8Array(X);
  const xNum = new Float64Array(X);
  const locals = new Locals(LC);
  const metas = new Map<string, { name: string; type: string }[]>();
  let sAt = 0;
  let eAt = 0;
  let aAt = 0;
  let xAt = 0;
  let depth = 0;
  for (const { desc: c, offset } of chunks) {
    let off = offset;
    const q = c.q ?? 0;
    const x = c.x ?? 0;
    if (version < 2) {
      off = take(buf, off, S, sAt, c.n);
      off = take(buf, off, D, sAt, c.n);
    } else if (version < 3) {
      const raw = new Int32Array(c.n + (c.p ?? 0));
      off = take(buf, off, raw, 0, raw.length);
      depth = decodeEntries(raw, S, D, sAt, sAt + c.n, depth);
      off = take(buf, off, A, aAt, q);
    } else {
      const sEnd = off + (c.sb ?? 0);
      const aEnd = sEnd + (c.ab ?? 0);
      const lEnd = aEnd + (c.lb ?? 0);
      depth = decodeStream(buf, off, sEnd, aEnd, lEnd, S, D, sAt, sAt + c.n, depth, locals);
      decodeInts(buf, sEnd, A, aAt, q);
      off = lEnd;
    }
    off = take(buf, off, eStep, eAt, c.m);
    off = take(buf, off, eA, eAt, c.m);
    off = take(buf, off, eB, eAt, c.m);
    off = take(buf, off, eNum, eAt, c.m);
    if (version >= 2) off = take(buf, off, xNum, xAt, x);
    off = take(buf, off, eOp, eAt, c.m);
    off = take(buf, off, eTag, eAt, c.m);
    if (version >= 2) off = take(buf, off, xTag, xAt, x);
    if (c.metas) for (const [name, fields] of Object.entries(c.metas)) metas.set(name, fields);
    sAt += c.n;
    eAt += c.m;
    aAt += q;
    xAt += x;
  }
  const strs = chunks.length === 1 ? chunks[0].desc.strs : ([] as string[]).concat(...chunks.map((c) => c.desc.strs));
  const n = locals.n;
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
    A,
    xTag,
    xNum,
    lStep: locals.step.subarray(0, n),
    lDepth: locals.depth.subarray(0, n),
    lSlot: locals.slot.subarray(0, n),
    lVal: locals.val.subarray(0, n),
    strs,
    metas,
  };
}

/**
 * Decodes a chunk's S stream (version 3, bytes [at, sEnd) of `b`) into statement ids and depths
 * at steps [step, end), and the compact locals of its steps from L (bytes [lAt, lEnd)); returns
 * the depth after them. Varints are read inline: this runs once per step of the recording.
 */
function decodeStream(b: Uint8Array, at: number, sEnd: number, lAt: number, lEnd: number, S: Int32Array, D: Int32Array, step: number, end: number, depth: number, locals: Locals): number {
  let p = at;
  let l = lAt;
  let s = step;
  while (p < sEnd) {
    let c = b[p++];
    let v = c & 0x7f;
    if (c >= 0x80) {
      c = b[p++];
      v |= (c & 0x7f) << 7;
      if (c >= 0x80) {
        c = b[p++];
        v |= (c & 0x7f) << 14;
        if (c >= 0x80) v |= b[p++] << 21; // ids are below 2^22: four bytes at most
      }
    }
    let call = 0;
    if ((v & 1) !== 0) {
      const x = b[p++];
      depth -= x & LEAVE_MAX;
      if ((x & 64) !== 0) {
        depth++;
        call = NEW_FRAME;
      }
    }
    const id = v >>> 2;
    const step = id !== E_NO_STMT;
    if (step && s >= end) continue;
    const d = depth < 1 ? 1 : depth;
    if (step) {
      S[s] = id;
      D[s] = d | call;
    }
    // an entry that is no step may hold compact locals too (assigned before a call began or a
    // function returned): they apply at its depth, with the next step
    if ((v & 2) !== 0) {
      // the step's compact locals: up to the next one marked first
      do {
        let h = 0;
        let shift = 0;
        do {
          c = b[l++];
          h |= (c & 0x7f) << shift;
          shift += 7;
        } while (c >= 0x80);
        let u = 0;
        shift = 0;
        do {
          c = b[l++];
          u |= (c & 0x7f) << shift;
          shift += 7;
        } while (c >= 0x80 && shift < 35);
        locals.push(s, (h & 2) !== 0 ? 1 : d, h >>> 2, (u >>> 1) ^ -(u & 1));
      } while (l < lEnd && (b[l] & 1) === 0);
    }
    if (step) s++;
  }
  return depth;
}

/**
 * Decodes a chunk's S entries (version 2) into statement ids and depths at steps [at, end);
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

/** Reads `count` zigzag varints from `b` at byte `at` into `out` from element `to`. */
function decodeInts(b: Uint8Array, at: number, out: Int32Array, to: number, count: number): void {
  let p = at;
  for (let i = 0; i < count; i++) {
    let u = 0;
    let shift = 0;
    let c;
    do {
      c = b[p++];
      u |= (c & 0x7f) << shift;
      shift += 7;
    } while (c >= 0x80 && shift < 35);
    out[to + i] = (u >>> 1) ^ -(u & 1);
  }
}
