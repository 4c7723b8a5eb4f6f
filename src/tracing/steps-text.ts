// A recording's steps as the lists show them (kept apart from manage.ts, which loads the engine).
import type { TraceRun } from '../store/schema.js';

/** A recording by inputs not opened yet: its steps are counted when it is first opened (replayed). */
export function stepsUnknown(run: Pick<TraceRun, 'steps' | 'byInputs'>): boolean {
  return run.byInputs === true && run.steps === 0;
}

/** A recording's steps, "on open" until they are known. */
export function stepsText(run: Pick<TraceRun, 'steps' | 'byInputs'>, format: (n: number) => string = String): string {
  return stepsUnknown(run) ? 'on open' : format(run.steps);
}
