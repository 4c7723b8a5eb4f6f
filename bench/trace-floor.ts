// What a traced fib(27) costs on a new worker with no product code at all: fib written in plain
// JavaScript, once as it is and once with the writes a recording of it needs (a call's token and
// argument, a token per statement, a return token, into the same 64 K-token typed-array chunks the
// recorder fills), nothing written to a file. Each run is a new worker thread, as in the product's
// new-worker row. The ratio between the two is the floor under that row: how much of it is V8
// running instrumented code in its lower tiers until its optimized code is ready, whatever the
// recorder does.
import { Worker } from 'node:worker_threads';
import { median } from './lib.js';

const BODY = `
const { parentPort, workerData } = require('node:worker_threads');
const LIM = 65536;
const r = { T: new Int32Array(LIM), A: new Int32Array(LIM), k: 0, q: 0, lim: LIM, chunks: 0,
  slow(id) { this.flush(); this.T[this.k++] = id; },
  flush() { this.chunks++; this.k = 0; this.q = 0; } };
const code = workerData.traced ? \`
function fib(n) {
  if (r.k < r.lim) { r.T[r.k++] = 1001; r.A[r.q++] = n << 1; } else r.slow(-1);
  (r.k < r.lim ? r.T[r.k++] = 0 : r.slow(0));
  if (n < 2) return r.k + 1 < r.lim ? (r.T[r.k] = 1, r.T[r.k + 1] = 999, r.k += 2, n) : (r.slow(1), n);
  (r.k < r.lim ? r.T[r.k++] = 2 : r.slow(2));
  const v = (fib((n - 1) | 0) + fib((n - 2) | 0)) | 0;
  if (r.k < r.lim) r.T[r.k++] = 999; else r.slow(-2);
  return v;
}
return fib(27);\` : 'function fib(n) { if (n < 2) return n; return (fib((n - 1) | 0) + fib((n - 2) | 0)) | 0; } return fib(27);';
const f = new Function('r', code);
const t = performance.now();
const value = f(r);
r.flush();
parentPort.postMessage({ value, ms: performance.now() - t, tokens: (r.chunks - 1) * LIM + r.k });
`;

function once(traced: boolean): Promise<{ value: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(BODY, { eval: true, workerData: { traced } });
    w.once('message', (m: { value: number; ms: number }) => {
      void w.terminate();
      resolve(m);
    });
    w.once('error', reject);
  });
}

export interface FloorFigures {
  plainMs: number;
  tracedMs: number;
  ratio: number;
}

/** Plain and hand-instrumented fib(27), alternating, each on a new worker; checksums checked. */
export async function traceFloor(samples = 7): Promise<FloorFigures> {
  const plain: number[] = [];
  const traced: number[] = [];
  for (let i = 0; i < samples; i++) {
    const p = await once(false);
    const t = await once(true);
    if (p.value !== 196418 || t.value !== 196418) throw new Error(`trace floor: fib(27) gave ${p.value} / ${t.value}`);
    plain.push(p.ms);
    traced.push(t.ms);
  }
  const plainMs = median(plain);
  const tracedMs = median(traced);
  return { plainMs, tracedMs, ratio: tracedMs / plainMs };
}
