// Watches a run's worker heap from the parent, as a second line behind the worker's own
// accounting (runtime/memory.ts): a run whose heap stays over its budget (with a margin for
// garbage not collected yet) is ended from outside. Needs Worker.getHeapStatistics (Node 22.16
// and later); on older Node the worker's own accounting and V8's heap limit are what hold.
import type { Worker } from 'node:worker_threads';

/** How often the parent looks (ms). */
const EVERY_MS = 250;
/** Over budget by this factor on two looks in a row: the run is ended. */
const MARGIN = 1.25;

type HeapStats = { used_heap_size: number };

/** Starts watching; `over` is called once when the heap stays over budget. Returns the stop function. */
export function watchHeap(worker: Worker, memoryMb: number, over: () => void): () => void {
  const stats = (worker as Worker & { getHeapStatistics?: () => Promise<HeapStats> }).getHeapStatistics;
  if (typeof stats !== 'function') return () => {};
  let strikes = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    stats
      .call(worker)
      .then((s) => {
        strikes = s.used_heap_size > memoryMb * 1024 * 1024 * MARGIN ? strikes + 1 : 0;
        if (strikes >= 2) {
          clearInterval(timer);
          over();
        }
      })
      .catch(() => {})
      .finally(() => (busy = false));
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
