// Runs a compiled program in a worker thread so that a long or runaway script never blocks the
// caller, can be stopped at any moment, and is held to a wall-clock and a memory limit.
import { Worker, type TransferListItem } from 'node:worker_threads';
import { workerUrl } from './worker-url.js';
import type { CompiledProgram } from '../compiler.js';
import type { ExecResult } from '../execute.js';
import type { OutgoingMail, RunFeatures, WebRequest, WebResponse } from '../runtime/context.js';
import { givenEvent, type EventOutcome } from './event-outcome.js';
import type { TraceRunOptions } from '../trace/execute.js';
import type { TraceSummary } from '../trace/recorder.js';
import { TraceSave } from './trace-save.js';
import { readTail, TAIL_CHARS } from './output-tail.js';
import type { CrmChange, CrmRunConfig } from '../runtime/crm-service.js';
import { WorkerPool, type PoolOptions, type PoolSlot } from '../pool.js';
import { memoryLimitMessage } from '../runtime/memory.js';
import { outputLimitChars, runLimits, timeLimitMessage, type RunLimits } from '../limits.js';
import { runWorkerOptions, takeEarlyWorker, TAIL_BYTES } from './early-worker.js';
import { BoundedText } from '../bounded-text.js';
import { watchHeap } from '../heap-watch.js';

export { TAIL_CHARS } from './output-tail.js';



/** What a run in a worker needs besides its plumbing (worker-run.ts builds its context from it). */
export interface RunRequest {
  compiled: CompiledProgram;
  variables: Record<string, string>;
  inputs: Record<string, string>;
  eventName: string;
  features: RunFeatures;
  source: string;
  user: string;
  /** Event data already set by earlier bindings of the same trigger event; absent = a fresh event. */
  event?: EventOutcome;
  /** Stored scripts the program may run with ScriptCall, by include name. */
  scripts?: Record<string, CompiledProgram>;
  /** Memory, output and mail limits (enforced in the worker). */
  limits: RunLimits;
  /** The HTTP request the script serves (web endpoint, `run --cgi`). */
  web?: WebRequest;
  /** The CRM database the run may use (see runtime/crm-service.ts). */
  crm?: CrmRunConfig;
}

export interface WorkerRequest extends Omit<RunRequest, 'compiled'> {
  /** Record the run (the program is compiled in hooked mode): see trace/execute.ts. */
  trace?: TraceRunOptions;
  /** The program's number; the worker keeps the programs it was sent by number. */
  programId: number;
  /** The program, when this worker has not been sent it yet. */
  compiled?: CompiledProgram;
  /** Programs the worker may drop (the parent no longer counts on it having them). */
  forget?: number[];
}

/** Programs a worker keeps, so that a program run again on it is not sent (copied) again. */
export const WORKER_PROGRAMS = 32;
const programIds = new WeakMap<CompiledProgram, number>();
let lastProgramId = 0;

/** The request for a run of `compiled` on `slot`, sending the program only when the worker lacks it. */
function workerRequest(slot: PoolSlot, run: RunRequest, trace: TraceRunOptions | undefined): WorkerRequest {
  const { compiled, ...rest } = run;
  let id = programIds.get(compiled);
  if (id === undefined) programIds.set(compiled, (id = ++lastProgramId));
  const known = slot.programs.delete(id);
  slot.programs.add(id);
  const forget: number[] = [];
  for (const old of slot.programs) {
    if (slot.programs.size <= WORKER_PROGRAMS) break;
    slot.programs.delete(old);
    forget.push(old);
  }
  return { ...rest, trace, programId: id, ...(known ? {} : { compiled }), ...(forget.length ? { forget } : {}) };
}

/** What a run worker is started with. */
export interface WorkerData {
  /** Shared buffer: [length high, length low, ...UTF-16 units] of output not yet posted. */
  tail: SharedArrayBuffer;
}

export type WorkerMessage =
  /** The script starts running now (`at`: Date.now() in the worker); its time limit counts from here. */
  | { t: 'started'; at: number }
  | { t: 'out'; s: string }
  | { t: 'log'; s: string }
  /** A traced run asked to stop wrote out its recording (trace-save.ts). */
  | { t: 'trace-saved'; trace: TraceSummary }
  | { t: 'done'; out?: string; result: ExecResult; variables: Record<string, string>; event: EventOutcome; outbox?: OutgoingMail[]; trace?: TraceSummary; response?: WebResponse; changes?: CrmChange[] };

export interface RunOptions {
  /**
   * The worker entry (default: isolation/worker.ts). A layer that wires services into the run
   * (run/) gives its own entry, which builds on isolation/worker-side.ts.
   */
  worker?: URL;
  variables?: Record<string, string>;
  inputs?: Record<string, string>;
  eventName?: string;
  features?: Partial<RunFeatures>;
  source?: string;
  user?: string;
  /** Initial outputs, state values, message, block flag and navigate-to (trigger bindings share one EventData). */
  event?: EventOutcome;
  /** Stored scripts the program may run with ScriptCall, by include name (compiled beforehand). */
  scripts?: Record<string, CompiledProgram>;
  /** The HTTP request the script serves (web endpoint, `run --cgi`). */
  web?: WebRequest;
  /** The CRM database the run may use; absent = none (CRM classes raise an error). */
  crm?: CrmRunConfig;
  /** Wall-clock limit in milliseconds (default 60 s). */
  timeoutMs?: number;
  /** Heap limit of the run in MB (default 512). */
  memoryMb?: number;
  /** What the run may print, in MB (default 16). */
  outputMb?: number;
  /** Mails the run may send (default 100). */
  mails?: number;
  /** Record the run into this trace file (the program must be compiled in hooked mode). */
  trace?: TraceRunOptions;
  onOutput?: (text: string) => void;
  onLog?: (text: string) => void;
  /** The pool whose workers run it (default: runPool, the process's own; with `worker`, a pool of that entry's). */
  pool?: WorkerPool;
  /** Called when the run starts on its worker (it may first wait for a free one). */
  onStart?: () => void;
}

export interface RunOutcome extends ExecResult {
  output: string;
  log: string;
  variables: Record<string, string>;
  event: EventOutcome;
  /** Why the run was ended from outside, if it was. */
  stopped?: 'timeout' | 'stopped' | 'memory';
  /** Traced runs: how many steps were recorded (absent when the worker was ended from outside). */
  trace?: TraceSummary;
  /** Mail the script sent (Email.send); the caller delivers it (see src/macros/outbox.ts). */
  outbox?: OutgoingMail[];
  /** Headers, status and cookies the script set for its HTTP response. */
  response?: WebResponse;
  /** Rows of the CRM database the run inserted, updated or deleted (kept, or discarded by a rollback run). */
  changes?: CrmChange[];
}

export interface IsolatedRun {
  result: Promise<RunOutcome>;
  /** Ends the run now; the outcome reports it as stopped. */
  stop(): void;
}


const entries = new Map<string, URL>();
/** The engine's own worker entries, by the names a host replaces them with. */
const engineEntries = {
  worker: new URL('./worker.js', import.meta.url),
  'debug-worker': new URL('../debugger/worker.js', import.meta.url),
};
const entryKey = (u: URL): string => u.href.replace(/\.(js|ts|tsx)$/, '');
/** The file a run worker of `entry` starts from: the host's replacement if any, as built. */
const runWorkerEntry = (entry: URL): URL => workerUrl(entries.get(entryKey(entry)) ?? entry);
/**
 * Lets the host start its own entry module in place of one of the engine's ('worker',
 * 'debug-worker'): one that wires host services (the CRM database) into the thread and then runs
 * the engine's entry.
 */
export function replaceWorkerEntry(name: keyof typeof engineEntries, url: URL): void {
  entries.set(entryKey(engineEntries[name]), url);
  // idle pooled workers were started from the entry replaced: the next runs get new ones
  if (name === 'worker') runPool.drain();
}

/**
 * How long a worker may take to start before the run's own time limit begins (a time limit counts
 * the script's running time, not the start of its worker); a worker that never starts the script
 * is ended after this plus the time limit.
 */
export const WORKER_START_GRACE_MS = 30_000;

/** The milliseconds left of a time limit that began at `at` (Date.now() of the worker that started the script). */
export function timeLeftSince(at: number, timeoutMs: number): number {
  return Math.max(0, timeoutMs - Math.max(0, Date.now() - at));
}

/** Hands out the run workers of this process (see pool.ts). */
export const runPool = newRunPool();
const entryPools = new Map<string, WorkerPool>();
/** The pool of runs whose worker entry is `entry` (RunOptions.worker). */
function entryPool(entry: URL): WorkerPool {
  let pool = entryPools.get(entryKey(entry));
  if (!pool) entryPools.set(entryKey(entry), (pool = newRunPool({}, entry)));
  return pool;
}


/** The request of a run with these options; `source` is who runs it when the options do not say. */
export function runRequest(compiled: CompiledProgram, opts: Omit<RunOptions, 'onOutput' | 'onLog'>, source: string): RunRequest {
  return {
    compiled,
    variables: opts.variables ?? {},
    inputs: opts.inputs ?? {},
    eventName: opts.eventName ?? '',
    features: { runProgram: false, file: false, http: false, ...opts.features },
    source: opts.source ?? source,
    user: opts.user ?? '',
    event: opts.event,
    scripts: opts.scripts,
    limits: runLimits({ memoryMb: opts.memoryMb, outputMb: opts.outputMb, mails: opts.mails }),
    web: opts.web,
    crm: opts.crm,
  };
}

/**
 * Starts a run's worker, held to the memory limit, and tells `ended` in the user's words why it
 * ended when it ends without reporting a result: out of memory (`memory` true), a failure, the
 * time limit or a stop (as `endedBy` says at that moment), or unexpectedly.
 */
export function startRunWorker(
  entry: URL,
  workerData: unknown,
  opts: Pick<RunOptions, 'memoryMb' | 'timeoutMs'> & { transferList?: TransferListItem[] },
  endedBy: () => RunOutcome['stopped'],
  ended: (message: string, memory: boolean) => void,
  started?: Worker,
): Worker {
  const memoryMb = runLimits({ memoryMb: opts.memoryMb }).memoryMb;
  const worker = started ?? new Worker(runWorkerEntry(entry), runWorkerOptions(workerData, memoryMb, opts.transferList));
  worker.on('error', (e: Error & { code?: string }) => {
    if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') ended(`${memoryLimitMessage(memoryMb)} and was stopped`, true);
    else ended(`the run failed: ${e.message}`, false);
  });
  worker.on('exit', () => {
    const by = endedBy();
    if (by === 'timeout') ended(timeLimitMessage(opts.timeoutMs ?? 60_000), false);
    else if (by === 'memory') ended(`${memoryLimitMessage(memoryMb)} and was stopped`, true);
    else if (by === 'stopped') ended('the run was stopped', false);
    else ended('the run ended unexpectedly', false);
  });
  return worker;
}

/**
 * A pool of run workers; `max` caps how many exist at once (see pool.ts for the default). Its
 * workers start from `entry` (default: the engine's run worker, or the host's replacement of it
 * given to replaceWorkerEntry, looked up as each worker starts).
 */
export function newRunPool(opts: Omit<PoolOptions, 'spawn' | 'tailBytes'> = {}, entry: URL = engineEntries.worker): WorkerPool {
  return new WorkerPool({
    ...opts,
    tailBytes: TAIL_BYTES,
    // the worker `run FILE` started before the program loaded (early-worker.ts)
    adopt: (memoryMb) => takeEarlyWorker(runWorkerEntry(entry), memoryMb),
    spawn: (limits, tail, slot, started) =>
      startRunWorker(
        entry,
        { tail } satisfies WorkerData,
        limits,
        () => slot().current?.endedBy() as RunOutcome['stopped'],
        (message, memory) => slot().current?.ended(message, memory),
        started,
      ),
  });
}

/**
 * Runs a compiled program on a pooled worker (traced runs too). Each run is held to its own
 * limits, as on a fresh worker: the worker sets the memory budget and output caps from the
 * request, the parent watches the worker's heap and keeps no more output than the cap, and a run
 * ended by its time limit, the heap watch, V8's heap limit or a stop has its worker terminated
 * and replaced. The time limit counts from the moment the run starts on its worker; a run that
 * waits for a free worker can be stopped while it waits.
 */
export function runIsolated(compiled: CompiledProgram, opts: RunOptions = {}): IsolatedRun {
  const req = runRequest(compiled, opts, 'cli');
  const { memoryMb } = req.limits;
  const pool = opts.pool ?? (opts.worker ? entryPool(opts.worker) : runPool);
  let started = performance.now();
  // the worker ends a run that prints more than its limit; the parent keeps no more than that
  const output = new BoundedText(outputLimitChars(req.limits.outputMb) + TAIL_CHARS);
  const log = new BoundedText(outputLimitChars(req.limits.outputMb) + TAIL_CHARS);
  let stopped: RunOutcome['stopped'];
  // a run recorded by its inputs keeps them in shared memory as it goes: nothing to save when it is ended
  const save = opts.trace && !opts.trace.inputs ? new TraceSave() : null;
  let settle: (r: RunOutcome) => void;
  const result = new Promise<RunOutcome>((res) => (settle = res));
  let done = false;
  let slot: PoolSlot | null = null;
  let timer: NodeJS.Timeout | undefined;
  let unwatch = (): void => {};
  const finish = (r: Omit<RunOutcome, 'output' | 'log'>): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    unwatch();
    settle({ ...r, output: output.text(), log: log.text() });
  };
  const ended = (message: string): void => {
    if (done) return;
    const rest = slot ? output.add(readTail(slot.tail)) : '';
    if (rest) opts.onOutput?.(rest);
    finish({ ok: false, error: { message, file: compiled.file, line: 0, col: 0 }, durationMs: performance.now() - started, variables: req.variables, event: givenEvent(req.event), stopped, ...(save?.summary ? { trace: save.summary } : {}) });
  };
  /** The worker is ended (limits, stop) or died: the pool replaces it. */
  const giveUp = (): void => {
    const s = slot;
    if (!s || s.current === null) return;
    pool.discard(s);
  };
  /**
   * A limit ends the run: the outcome settles at once (a worker busy in a long collection may take
   * a while to honour terminate(), and the caller must not wait for that) and the pool terminates
   * the worker and starts a fresh one for the next run.
   */
  const endNow = (s: PoolSlot, by: 'timeout' | 'memory', message: string): void => {
    const end = (): void => {
      stopped = by;
      s.worker.off('message', onMessage);
      ended(message);
      giveUp();
    };
    // a traced run at its time limit saves its recording first (trace-save.ts)
    if (save && by === 'timeout') save.first(end);
    else end();
  };

  const onMessage = (m: WorkerMessage): void => {
    if (m.t === 'started') {
      // the time limit counts from the script's start, not from the worker's (a new worker boots first)
      const s = slot!;
      const timeoutMs = opts.timeoutMs ?? 60_000;
      clearTimeout(timer);
      timer = setTimeout(() => endNow(s, 'timeout', timeLimitMessage(timeoutMs)), timeLeftSince(m.at, timeoutMs));
    } else if (m.t === 'out') {
      const kept = output.add(m.s);
      if (kept) opts.onOutput?.(kept);
    } else if (m.t === 'trace-saved') {
      save?.saved(m.trace);
    } else if (m.t === 'log') {
      log.add(m.s + '\n');
      opts.onLog?.(m.s);
    } else {
      const s = slot!;
      s.worker.off('message', onMessage);
      const last = m.out ? output.add(m.out) : '';
      if (last) opts.onOutput?.(last);
      // the worker ended the run itself at its memory budget (runtime/memory.ts)
      if (m.result.error?.message === memoryLimitMessage(memoryMb)) stopped = 'memory';
      finish({ ...m.result, variables: m.variables, event: m.event, outbox: m.outbox ?? [], changes: m.changes ?? [], stopped, ...(m.trace ? { trace: m.trace } : {}), ...(m.response ? { response: m.response } : {}) });
      // a run stopped at its memory budget may leave the heap near it: its worker is not reused.
      // A traced run leaves nothing behind (the recorder's Map hooks are idle between
      // recordings), so its worker is reused like any other, with the recorder already optimized.
      if (stopped === 'memory') pool.discard(s);
      else pool.release(s);
    }
  };
  const cancel = pool.acquire(memoryMb, (s) => {
    slot = s;
    started = performance.now();
    s.limits.timeoutMs = opts.timeoutMs;
    s.current = {
      endedBy: () => stopped,
      ended: (message, memory) => {
        if (memory) stopped = 'memory';
        s.worker.off('message', onMessage);
        ended(message);
        giveUp();
      },
    };
    s.worker.on('message', onMessage);
    const timeoutMs = opts.timeoutMs ?? 60_000;
    // until the worker says the script started (see onMessage)
    timer = setTimeout(() => endNow(s, 'timeout', timeLimitMessage(timeoutMs)), timeoutMs + WORKER_START_GRACE_MS);
    unwatch = watchHeap(s.worker, memoryMb, () => endNow(s, 'memory', `${memoryLimitMessage(memoryMb)} and was stopped`));
    opts.onStart?.();
    s.worker.postMessage(workerRequest(s, req, opts.trace && (save ? { ...opts.trace, control: save.control } : opts.trace)));
  });
  return {
    result,
    stop() {
      if (done) return;
      stopped = 'stopped';
      const s = slot;
      if (cancel()) ended('the run was stopped');
      else if (s && save) save.first(() => void s.worker.terminate()); // a traced run saves its recording first (trace-save.ts)
      else if (s) void s.worker.terminate();
    },
  };
}
