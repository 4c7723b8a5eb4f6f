// The limits every run is held to, their defaults and the messages a run ends with when it goes
// over one. The store's settings override the defaults for stored runs (runner.ts, macros/run.ts);
// `run FILE` uses its flags and these defaults.

/** What one run may use. */
export interface RunLimits {
  /** Heap of the run, in MB (enforced in the worker: runtime/memory.ts; V8's limit is a backstop). */
  memoryMb: number;
  /** Text the run may print (print/printLine, and separately its log), in MB (counted in characters). */
  outputMb: number;
  /** Mails the run may send with Email.send. */
  mails: number;
}

export const DEFAULT_LIMITS: RunLimits = { memoryMb: 512, outputMb: 16, mails: 100 };

/** The run's limits: the given ones over the defaults. */
export function runLimits(given: Partial<RunLimits> = {}): RunLimits {
  const pick = (v: number | undefined, d: number): number => (v !== undefined && Number.isFinite(v) && v > 0 ? v : d);
  return {
    memoryMb: pick(given.memoryMb, DEFAULT_LIMITS.memoryMb),
    outputMb: pick(given.outputMb, DEFAULT_LIMITS.outputMb),
    mails: Math.floor(pick(given.mails, DEFAULT_LIMITS.mails)),
  };
}

/** Characters of output a limit in MB allows. */
export function outputLimitChars(mb: number): number {
  return Math.floor(mb * 1024 * 1024);
}

export function outputLimitMessage(mb: number, what: 'output' | 'log' = 'output'): string {
  return what === 'output'
    ? `the script printed more than the output limit of ${mb} MB and was stopped`
    : `the script logged more than the log limit of ${mb} MB and was stopped`;
}

export function timeLimitMessage(ms: number): string {
  return `the script ran longer than the time limit (${Math.round(ms / 100) / 10} s) and was stopped`;
}

/**
 * V8's own heap limit for a run's worker: a backstop above the budget the worker enforces itself,
 * with room for what a growth in progress allocates before the next measurement.
 */
export function v8HeapLimitMb(memoryMb: number): number {
  return Math.ceil(memoryMb * 2 + 64);
}
