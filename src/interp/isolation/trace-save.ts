// A traced run ended from outside (its stop, its time limit) keeps what it recorded up to then:
// before its worker is terminated, the worker is asked (through shared memory, which it reads
// every so many statements and after a blocking wait) to write out what it holds, and says when it
// has. A worker blocked in a wait (sleep, HTTP, runProgram) saved before it blocked, and one that
// does not answer within the grace is ended anyway (the recording then holds what it wrote last).
import type { TraceSummary } from '../trace/chunk-buffer.js';

/** How long a traced run's worker may take to save its recording when the run is ended. */
export const TRACE_SAVE_GRACE_MS = 1000;

export class TraceSave {
  /** Shared with the worker's recorder (BufferOptions.control). */
  readonly control = new Int32Array(new SharedArrayBuffer(8));
  /** What the recording holds, once the worker saved it. */
  summary: TraceSummary | undefined;
  private pending: (() => void) | null = null;
  private timer: NodeJS.Timeout | undefined;

  /** Asks the worker to save, then calls `then`: once it has, or is blocked with all saved, or after the grace. */
  first(then: () => void): void {
    if (this.summary || this.pending) return then();
    Atomics.store(this.control, 0, 1);
    if (Atomics.load(this.control, 1) === 1) return then();
    this.pending = then;
    this.timer = setTimeout(() => this.go(), TRACE_SAVE_GRACE_MS);
  }

  /** The worker wrote out its recording. */
  saved(summary: TraceSummary): void {
    this.summary = summary;
    this.go();
  }

  private go(): void {
    clearTimeout(this.timer);
    const then = this.pending;
    this.pending = null;
    then?.();
  }
}
