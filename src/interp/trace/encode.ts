// Writing a chunk's in-memory columns as the file holds them (format.ts, version 3): S entries,
// argument values and compact locals as varints. Run once per chunk over all its entries.
import { E_LEAVE_SHIFT, E_LOCALS, E_NEW_FRAME, E_STMT, LEAVE_MAX } from './format.js';

/** Writes a chunk's S entries as the file holds them (format.ts, version 3); returns the bytes. */
export function encodeEntries(S: Int32Array, k: number, b: Uint8Array): number {
  let p = 0;
  for (let i = 0; i < k; i++) {
    const e = S[i];
    if ((e & ~(E_LOCALS | 0x1f)) === 0) {
      // the common case: a statement id below 32, no depth change: one byte (E_LOCALS is bit 29)
      b[p++] = ((e << 2) & 0x7c) | ((e >>> 28) & 2);
      continue;
    }
    const locals = (e & E_LOCALS) !== 0 ? 2 : 0;
    const change = ((e >>> E_LEAVE_SHIFT) & LEAVE_MAX) | ((e & E_NEW_FRAME) !== 0 ? 64 : 0);
    const id = e & E_STMT;
    if (id < 32) {
      // a call began or functions returned: two bytes
      b[p++] = (id << 2) | locals | 1;
      b[p++] = change;
      continue;
    }
    let v = id * 4 + locals + (change !== 0 ? 1 : 0);
    while (v >= 0x80) {
      b[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[p++] = v;
    if (change !== 0) b[p++] = change;
  }
  return p;
}

/** Writes signed 32-bit values as zigzag varints; returns the bytes. */
export function encodeInts(A: Int32Array, q: number, b: Uint8Array): number {
  let p = 0;
  for (let i = 0; i < q; i++) {
    const x = A[i];
    let u = (x << 1) ^ (x >> 31);
    if ((u & ~0x7f) === 0) {
      b[p++] = u;
      continue;
    }
    while ((u & ~0x7f) !== 0) {
      b[p++] = (u & 0x7f) | 0x80;
      u >>>= 7;
    }
    b[p++] = u;
  }
  return p;
}

/** Writes compact locals (header, value pairs) as the file's L stream; returns the bytes. */
export function encodeLocals(LI: Int32Array, lk: number, b: Uint8Array): number {
  let p = 0;
  for (let i = 0; i < lk; i += 2) {
    let h = LI[i];
    if (h < 0x80) b[p++] = h;
    else {
      while (h >= 0x80) {
        b[p++] = (h & 0x7f) | 0x80;
        h >>>= 7;
      }
      b[p++] = h;
    }
    const x = LI[i + 1];
    let u = (x << 1) ^ (x >> 31);
    // values below 2^13 in size (two bytes) unrolled: loop counters, sums, indices
    if ((u & ~0x7f) === 0) b[p++] = u;
    else if ((u & ~0x3fff) === 0) {
      b[p++] = (u & 0x7f) | 0x80;
      b[p++] = u >>> 7;
    } else {
      while ((u & ~0x7f) !== 0) {
        b[p++] = (u & 0x7f) | 0x80;
        u >>>= 7;
      }
      b[p++] = u;
    }
  }
  return p;
}
