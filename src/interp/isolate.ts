// Runs a compiled program in a worker thread so that a long or runaway script never blocks the
// caller, can be stopped at any moment, and is held to a wall-clock and a memory limit.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CompiledProgram } from './compiler.js';
import type { ExecResult } from './execute.js';
import type { OutgoingMail, RunFeatures } from './runtime/context.js';
import type { TraceRunOptions } from './trace/execute.js';
import type { TraceSummary } from './trace/recorder.js';

export interface EventOutcome {
  outputs: Record<string, string>;
  state: Record<string, string>;
  message: string;
  blockExecution: boolean;
  navigateTo: string;
}

/** Room for output not yet posted by the worker (UTF-16 units), readable after a forced stop. */
export const TAIL_CHARS = 65536;

/** Reads what the worker wrote into the shared tail buffer but had not posted yet. */
function readTail(tail: SharedArrayBuffer): string {
  const a = new Uint16Array(tail);
  const n = Math.min((Atomics.load(a, 0) << 16) | Atomics.load(a, 1), a.length - 2);
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...a.subarray(2 + i, 2 + Math.min(n, i + 8192)));
  return s;
}

export interface WorkerRequest {
  compiled: CompiledProgram;
  /** Shared buffer: [length high, length low, ...UTF-16 units] of output not yet posted. */
  tail: SharedArrayBuffer;
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
  /** Record the run (the program is compiled in hooked mode): see trace/execute.ts. */
  trace?: TraceRunOptions;
}

export type WorkerMessage =
  | { t: 'out'; s: string }
  | { t: 'log'; s: string }
  | { t: 'done'; result: ExecResult; variables: Record<string, string>; event: EventOutcome; outbox?: OutgoingMail[]; trace?: TraceSummary };

export interface RunOptions {
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
  /** Wall-clock limit in milliseconds (default 60 s). */
  timeoutMs?: number;
  /** Heap limit of the run in MB (default 512). */
  memoryMb?: number;
  /** Record the run into this trace file (the program must be compiled in hooked mode). */
  trace?: TraceRunOptions;
  onOutput?: (text: string) => void;
  onLog?: (text: string) => void;
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
}

export interface IsolatedRun {
  result: Promise<RunOutcome>;
  /** Ends the run now; the outcome reports it as stopped. */
  stop(): void;
}

/** The compiled worker module; when running from TypeScript sources (tests), the built copy in dist/. */
export function workerUrl(name: string): URL {
  const here = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL(`../../dist/src/interp/${name}.js`, import.meta.url);
}

const emptyEvent = (): EventOutcome => ({ outputs: {}, state: {}, message: '', blockExecution: false, navigateTo: '' });
const copyEvent = (e: EventOutcome): EventOutcome => ({ ...e, outputs: { ...e.outputs }, state: { ...e.state } });

export function runIsolated(compiled: CompiledProgram, opts: RunOptions = {}): IsolatedRun {
  const req: WorkerRequest = {
    compiled,
    tail: new SharedArrayBuffer(2 * (TAIL_CHARS + 2)),
    variables: opts.variables ?? {},
    inputs: opts.inputs ?? {},
    eventName: opts.eventName ?? '',
    features: { runProgram: false, file: false, http: false, ...opts.features },
    source: opts.source ?? 'cli',
    user: opts.user ?? '',
    event: opts.event,
    scripts: opts.scripts,
    trace: opts.trace,
  };
  const started = performance.now();
  const worker = new Worker(workerUrl('worker'), {
    workerData: req,
    resourceLimits: { maxOldGenerationSizeMb: opts.memoryMb ?? 512, stackSizeMb: 8 },
    stdout: false,
    stderr: false,
  });
  let output = '';
  let log = '';
  let stopped: RunOutcome['stopped'];
  let settle: (r: RunOutcome) => void;
  const result = new Promise<RunOutcome>((res) => (settle = res));
  let done = false;
  const finish = (r: Omit<RunOutcome, 'output' | 'log'>): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    settle({ ...r, output, log });
  };
  const ended = (message: string): void => {
    const rest = readTail(req.tail);
    if (rest) {
      output += rest;
      opts.onOutput?.(rest);
    }
    finish({ ok: false, error: { message, file: compiled.file, line: 0, col: 0 }, durationMs: performance.now() - started, variables: req.variables, event: req.event ? copyEvent(req.event) : emptyEvent(), stopped });
  };

  const timeoutMs = opts.timeoutMs ?? 60_000;
  const timer = setTimeout(() => {
    stopped = 'timeout';
    void worker.terminate();
  }, timeoutMs);

  worker.on('message', (m: WorkerMessage) => {
    if (m.t === 'out') {
      output += m.s;
      opts.onOutput?.(m.s);
    } else if (m.t === 'log') {
      log += m.s + '\n';
      opts.onLog?.(m.s);
    } else finish({ ...m.result, variables: m.variables, event: m.event, outbox: m.outbox ?? [], ...(m.trace ? { trace: m.trace } : {}) });
  });
  worker.on('error', (e: Error & { code?: string }) => {
    if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      stopped = 'memory';
      ended(`the script used more than the memory limit (${opts.memoryMb ?? 512} MB) and was stopped`);
    } else ended(`the run failed: ${e.message}`);
  });
  worker.on('exit', () => {
    if (stopped === 'timeout') ended(`the script ran longer than the time limit (${Math.round(timeoutMs / 100) / 10} s) and was stopped`);
    else if (stopped === 'stopped') ended('the run was stopped');
    else ended('the run ended unexpectedly');
  });
  return {
    result,
    stop() {
      if (done) return;
      stopped = 'stopped';
      void worker.terminate();
    },
  };
}
