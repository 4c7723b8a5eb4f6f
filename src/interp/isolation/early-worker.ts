// A run worker started by the launcher's first lines for `crmscript-tui run FILE`
// (commands/run-early.ts): Node takes some 50 ms to boot a worker thread, and begun this early it
// boots on the other core while the program, commander and the script load in this one. The
// run's pool adopts it (takeEarlyWorker) for its first worker of the same heap limit and entry;
// a guess that was wrong, or a worker nobody adopts, costs nothing but the thread (unref'd: it does
// not keep the process alive). Its options are those of every run worker (runWorkerOptions).
import { Worker, type TransferListItem, type WorkerOptions } from 'node:worker_threads';
import { v8HeapLimitMb } from '../limits.js';
import { TAIL_CHARS } from './output-tail.js';

/** Bytes of a run worker's shared tail buffer (output-tail.ts). */
export const TAIL_BYTES = 2 * (TAIL_CHARS + 2);

/** How every run worker is started: held to its memory limit, output through messages only. */
export function runWorkerOptions(workerData: unknown, memoryMb: number, transferList?: TransferListItem[]): WorkerOptions {
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
  worker: Worker;
  tail: SharedArrayBuffer;
  memoryMb: number;
  entry: string;
  exited: boolean;
}

let early: Early | null = null;

/** Starts the run worker of entry `entry` with heap limit `memoryMb` ahead of the run. */
export function startEarlyWorker(entry: URL, memoryMb: number): Worker {
  const tail = new SharedArrayBuffer(TAIL_BYTES);
  const worker = new Worker(entry, runWorkerOptions({ tail }, memoryMb));
  worker.unref();
  const e: Early = { worker, tail, memoryMb, entry: entry.href, exited: false };
  worker.once('exit', () => (e.exited = true));
  // until adopted nobody listens; a failure to boot ends it ('exit' above), and the run starts its own
  worker.on('error', () => {});
  early = e;
  return worker;
}

/** The early worker when it is alive and was started for `entry` with `memoryMb`; else null (and it goes). */
export function takeEarlyWorker(entry: URL, memoryMb: number): { worker: Worker; tail: SharedArrayBuffer } | null {
  const e = early;
  early = null;
  if (!e || e.exited) return null;
  if (e.memoryMb === memoryMb && e.entry === entry.href) return e;
  void e.worker.terminate();
  return null;
}
