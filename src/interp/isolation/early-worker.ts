// A run worker started before the program loads. For `run FILE` the launcher (cli.tsx, through
// commands/run-early.ts) starts the worker the run will ask for as its first act, with the options
// every run worker gets (runWorkerOptions), instead of after loading the run command and the pool
// (some 10–25 ms later): the worker's own start is the longest thing a `run` waits for. The run
// pool takes it (isolate.ts, newRunPool) as its first worker of that entry and heap limit; a
// worker nobody takes does not keep the process alive.
import { Worker, type TransferListItem, type WorkerOptions } from 'node:worker_threads';
import { v8HeapLimitMb } from '../limits.js';

/** The options every run worker starts with. */
export function runWorkerOptions(memoryMb: number, workerData: unknown, transferList?: TransferListItem[]): WorkerOptions {
  return {
    workerData,
    transferList,
    // a backstop: the worker holds the run to memoryMb itself (runtime/memory.ts)
    resourceLimits: { maxOldGenerationSizeMb: v8HeapLimitMb(memoryMb), stackSizeMb: 8 },
    stdout: false,
    stderr: false,
  };
}

interface Early {
  href: string;
  memoryMb: number;
  worker: Worker;
  tail: SharedArrayBuffer;
  /** It failed or ended before it was taken. */
  gone: boolean;
  onEnd: () => void;
}
let early: Early | null = null;

/** Starts the run worker `entry` (as workerUrl gives it) with heap limit `memoryMb` and a tail buffer of `tailBytes`. */
export function startEarlyWorker(entry: URL, memoryMb: number, tailBytes: number): void {
  if (early) return;
  const tail = new SharedArrayBuffer(tailBytes);
  const e: Early = { href: entry.href, memoryMb, tail, worker: new Worker(entry, runWorkerOptions(memoryMb, { tail })), gone: false, onEnd: () => (e.gone = true) };
  e.worker.on('error', e.onEnd).on('exit', e.onEnd).unref();
  early = e;
}

/**
 * The early worker and its tail buffer, when it was started from `entry` with `memoryMb` and is
 * still alive; it is given out once. Whoever takes it watches it from then on.
 */
export function takeEarlyWorker(entry: URL, memoryMb: number): { worker: Worker; tail: SharedArrayBuffer } | null {
  const e = early;
  if (!e || e.href !== entry.href || e.memoryMb !== memoryMb) return null;
  early = null;
  e.worker.off('error', e.onEnd).off('exit', e.onEnd);
  if (e.gone) {
    void e.worker.terminate();
    return null;
  }
  return { worker: e.worker, tail: e.tail };
}
