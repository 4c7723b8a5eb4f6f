// A recording's steps as the lists show them (kept apart from manage.ts, which loads the engine).
import type { TraceRun } from '../store/schema.js';

/** A recording by inputs counts its steps when it is first opened (replayed): until then "on open". */
export function stepsText(run: Pick<TraceRun, 'steps' | 'byInputs'>, format: (n: number) => string = String): string {
  return run.byInputs && run.steps === 0 ? 'on open' : format(run.steps);
}
