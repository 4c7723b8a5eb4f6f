// When the scheduler's claimed runs start: a run already due at once, and a run claimed ahead of
// its due time (scheduler-claims.ts, `aheadMs`) at that time, not before. The claim of a wave
// (leases, 'running' records, next due times) is made in the second before it is due, so the
// wave's starts do not wait for it; then one timer per due time starts every run of that time in
// one stretch, on one look at the store. A run stopped before its time (a stop request, a
// shutdown) ends as stopped without having started.
import type { Store } from '../store/store.js';
import type { TargetOutcome, TargetRun } from '../run/target.js';
import { errorMessage } from '../interp/util/error-message.js';

/** The outcome of a run whose start threw. */
function notStarted(e: unknown): TargetOutcome {
  return { ok: false, output: '', error: `The run could not start: ${errorMessage(e)}`, durationMs: 0 };
}

export class DeferredStarts {
  /** The starts waiting for each due time (epoch ms); one timer per due time. */
  private readonly waves = new Map<number, Set<() => void>>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /** A run that starts at `at` (epoch ms; at once when that has passed) by calling `start`; a start that throws is a failed run. */
  run(at: number, start: () => TargetRun): TargetRun {
    let real: TargetRun | null = null;
    let settle!: (o: TargetOutcome) => void;
    let fail!: (e: unknown) => void;
    const result = new Promise<TargetOutcome>((res, rej) => ((settle = res), (fail = rej)));
    const begin = (): void => {
      try {
        real = start();
      } catch (e) {
        settle(notStarted(e));
        return;
      }
      real.result.then(settle, fail); // a failure passes on as the run's own would
    };
    const cancel = this.at(at, begin);
    return {
      result,
      stop() {
        if (real) real.stop();
        else if (cancel()) settle({ ok: false, output: '', error: 'The run was stopped before it started.', durationMs: 0, stopped: 'stopped' });
      },
    };
  }

  /** Calls `start` at `at`; returns a cancel function (true when it had not been called yet). */
  private at(at: number, start: () => void): () => boolean {
    const ms = at - this.now().getTime();
    if (ms <= 0) {
      start();
      return () => false;
    }
    let starts = this.waves.get(at);
    if (!starts) {
      this.waves.set(at, (starts = new Set()));
      setTimeout(() => this.fire(at), ms);
    }
    const mine = starts;
    mine.add(start);
    return () => mine.delete(start);
  }

  private fire(at: number): void {
    const left = at - this.now().getTime();
    if (left > 0) {
      setTimeout(() => this.fire(at), left); // a timer may fire a millisecond early
      return;
    }
    const starts = this.waves.get(at)!;
    this.waves.delete(at);
    this.store.withOneLook(() => {
      for (const start of starts) start();
    });
  }
}
