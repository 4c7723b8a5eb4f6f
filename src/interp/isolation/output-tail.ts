// The output a run worker wrote but had not posted yet, kept in a buffer shared with the parent so
// that a run ended from outside (time limit, stop) still shows the output it printed last.

/** Room for output not yet posted by the worker (UTF-16 units), readable after a forced stop. */
export const TAIL_CHARS = 65536;

/** Reads what the worker wrote into the shared tail buffer but had not posted yet. */
export function readTail(tail: SharedArrayBuffer): string {
  const a = new Uint16Array(tail);
  const n = Math.min((Atomics.load(a, 0) << 16) | Atomics.load(a, 1), a.length - 2);
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...a.subarray(2 + i, 2 + Math.min(n, i + 8192)));
  return s;
}
