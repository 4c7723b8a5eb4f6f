// Runs the scheduler claimed ahead of their due time (scheduler-claims.ts, `aheadMs`) start at that
// time, not before. The claim of a wave (leases, 'running' records, next due times) is made in the
// second before it is due, so the wave's starts do not wait for it; then one timer per due time
// starts every run of that time in one stretch, on one look at the store. A run stopped before its
// time (a stop request, a shutdown) ends as stopped without having started.
import type { Store } from '../store/store.js';
import type { TargetOutcome, TargetRun } from '../run/target.js';
import { errorMessage } from '../interp/util/error-message.js';

/** The outcome of a run whose start threw. */
export function notStarted(e: unknown): TargetOutcome {
  return { ok: false, output: '', error: `The run could not start: ${errorMessage(e)}`, durationMs: 0 };
}

interface Wave {
  timer: NodeJS.Timeout;
  starts: Set<() => void>;
}

export class DeferredStarts {
  private readonly waves = new Map<number, Wave>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /** A run that starts at `at` (epoch ms; now when that has passed) by calling `start`. */
  run(at: number, start: () => TargetRun): TargetRun {
    let real: TargetRun | null = null;
    let settle!: (o: TargetOutcome) => void;
    const result = new Promise<TargetOutcome>((res) => (settle = res));
    const begin = (): void => {
      try {
        real = start();
      } catch (e) {
        settle(notStarted(e));
        return;
      }
      real.result.then(settle, (e: unknown) => settle({ ok: false, output: '', error: `The run failed: ${errorMessage(e)}`, durationMs: 0 }));
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

  /** Runs waiting for their time. */
  get waiting(): number {
    let n = 0;
    for (const w of this.waves.values()) n += w.starts.size;
    return n;
  }

  /** Calls `start` at `at`; returns a cancel function (true when it had not been called yet). */
  private at(at: number, start: () => void): () => boolean {
    const ms = at - this.now().getTime();
    if (ms <= 0) {
      start();
      return () => false;
    }
    let wave = this.waves.get(at);
    if (!wave) {
      const w: Wave = { starts: new Set(), timer: setTimeout(() => this.fire(at, w), ms) };
      this.waves.set(at, (wave = w));
    }
    const starts = wave.starts;
    starts.add(start);
    return () => starts.delete(start);
  }

  private fire(at: number, wave: Wave): void {
    const left = at - this.now().getTime();
    if (left > 0) {
      wave.timer = setTimeout(() => this.fire(at, wave), left); // a timer may fire a millisecond early
      return;
    }
    this.waves.delete(at);
    this.store.withOneLook(() => {
      for (const start of wave.starts) start();
    });
  }
}
