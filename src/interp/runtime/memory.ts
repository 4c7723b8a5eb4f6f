// The run's memory budget, enforced inside the worker. V8's worker `resourceLimits` are only a
// backstop: a large allocation made inside V8's runtime (a Map or array growing its backing
// store, an array filled element by element) can exceed them and abort the whole process. So
// the natives and helpers that grow containers account what they are about to allocate here,
// and every few megabytes of accounted allocation (or before one large allocation) the worker's
// real heap is measured against the budget. Over budget, after a full collection, the run ends
// with a fatal (uncatchable) error at the script position that asked for the memory.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CrmFatal } from './values.js';

const MB = 1024 * 1024;

/** Accounted bytes between two heap measurements (smaller for small budgets). */
let step = 4 * MB;
/** Bytes accounted since the last measurement. */
let pressure = 0;
let limitBytes = Infinity;
let limitMb = 0;
/** Where the last measurement is published for the parent (heap MB, measurements): see isolate.ts. */
let published: Int32Array | null = null;

export function memoryLimitMessage(mb: number): string {
  return `the script used more than the memory limit of ${mb} MB`;
}

/** Sets the budget of the run about to start in this thread (null: unlimited). */
export function setMemoryLimit(mb: number | null, stats?: SharedArrayBuffer): void {
  limitMb = mb ?? 0;
  limitBytes = mb ? mb * MB : Infinity;
  step = mb ? Math.max(256 * 1024, Math.min(4 * MB, (mb * MB) / 64)) : 4 * MB;
  pressure = 0;
  published = stats ? new Int32Array(stats) : null;
}

let gcFn: (() => void) | null | undefined;
/** A full collection, so that garbage is not counted against the script. */
function collect(): void {
  if (gcFn === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    } catch {
      gcFn = null;
    }
  }
  gcFn?.();
}

function heapUsed(): number {
  const s = getHeapStatistics() as ReturnType<typeof getHeapStatistics> & { external_memory?: number };
  return s.used_heap_size + (s.external_memory ?? 0);
}

/** Measures the heap; throws when it (plus `extra` bytes about to be allocated) exceeds the budget. */
function check(extra: number): void {
  pressure = 0;
  if (limitBytes === Infinity) return;
  let used = heapUsed();
  if (used + extra > limitBytes) {
    if (extra > limitBytes) throw new CrmFatal(memoryLimitMessage(limitMb));
    collect();
    used = heapUsed();
    if (used + extra > limitBytes) throw new CrmFatal(memoryLimitMessage(limitMb));
  }
  if (published) {
    Atomics.store(published, 0, Math.ceil(used / MB));
    Atomics.add(published, 1, 1);
  }
}

/** Accounts `bytes` about to be allocated by a growing value (a string, a map entry, an element). */
export function charge(bytes: number): void {
  pressure += bytes;
  if (pressure >= step) check(0);
}

/** Before one large allocation: refuses it when it would not fit in the budget. */
export function reserve(bytes: number): void {
  if (bytes >= step) check(bytes);
  else charge(bytes);
}

/**
 * A container that reached `count` slots of `slotBytes` each, plus `payload` bytes held by the new
 * entry (its text): containers grow their backing store by doubling, so at each power of two the
 * next growth of the slots is reserved beforehand.
 */
export function grown(count: number, slotBytes: number, payload = 0): void {
  if (isGrowthPoint(count)) reserveGrowth(count, slotBytes);
  charge(slotBytes + payload);
}

/** A container reaching `count` entries grows its backing store now (a power of two from 1024 on). */
export function isGrowthPoint(count: number): boolean {
  return count >= 1024 && (count & (count - 1)) === 0;
}

/** Reserves the next growth of a container reaching `count` slots of `slotBytes` (see grown). */
export function reserveGrowth(count: number, slotBytes: number): void {
  reserve(count * slotBytes * 2);
}

/** Bytes a value held in a container accounts for: its text when it is a String. */
export function payloadOf(v: unknown): number {
  return typeof v === 'string' ? 2 * v.length : 0;
}
