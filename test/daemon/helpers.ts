import type { TargetOutcome, TargetRun, TargetRunner } from '../../src/run/target.js';

export { cleanupTempDirs, emptyStore, tempDir, waitFor } from '../common.js';

/** A fake clock the tests move by hand. */
export class Clock {
  constructor(public t: number) {}
  now = (): Date => new Date(this.t);
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface FakeRun {
  targetId: string;
  finish(outcome: Partial<TargetOutcome>): void;
  stopped: boolean;
}

/**
 * A TargetRunner whose runs end when the test says so (or at once with `auto`),
 * so scheduler logic is tested without workers. stop() ends a run as the engine
 * does ("stopped").
 */
export class FakeRunner {
  runs: FakeRun[] = [];
  auto: ((targetId: string) => Partial<TargetOutcome>) | null = null;

  runner: TargetRunner = (_store, _kind, id, opts) => {
    let settle!: (o: TargetOutcome) => void;
    const result = new Promise<TargetOutcome>((res) => (settle = res));
    const run: FakeRun = {
      targetId: id,
      stopped: false,
      finish: (o) => settle({ ok: true, output: '', error: null, durationMs: 1, ...o }),
    };
    this.runs.push(run);
    // As a worker does when it takes the run: the run has started.
    queueMicrotask(() => opts?.onStart?.());
    if (this.auto) {
      const o = this.auto(id);
      queueMicrotask(() => run.finish(o));
    }
    const handle: TargetRun = {
      result,
      stop: () => {
        run.stopped = true;
        settle({ ok: false, output: '', error: 'the run was stopped', durationMs: 1, stopped: 'stopped' });
      },
    };
    return handle;
  };
}
