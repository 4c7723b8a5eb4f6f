// What the scheduler does for the runs it is executing, on every pass: a run someone asked to stop
// (its run record's stopRequestedBy: tasks stop, the TUI, HTTP) is stopped, and a run's record
// shows its output so far (refreshed at most every LIVE_OUTPUT_EVERY_MS).
import type { Store } from '../store/store.js';
import { getById } from '../store/repos.js';
import type { TargetRun } from '../run/target.js';
import type { Logger } from './log.js';
import { LIVE_OUTPUT_EVERY_MS, liveOutput } from './live-output.js';
import { errorMessage } from '../interp/util/error-message.js';

/** The part of a running run this pass reads and updates. */
export interface ServedRun {
  runId: string;
  taskName: string;
  handle: TargetRun;
  /** Set when the scheduler stopped the run itself (its lease ran out). */
  failReason: string | null;
  /** Who asked to stop the run (tasks stop, the TUI, HTTP), once it was stopped. */
  stopBy: string | null;
  /** The output so far, and how much of it the run record already shows. */
  chunks: string[];
  shownChars: number;
  shownAt: number;
}

export async function serveRunning(store: Store, runs: Iterable<ServedRun>, now: Date, log: Logger): Promise<void> {
  const list = [...runs];
  if (list.length === 0) return;
  const d = store.read();
  const show: Array<{ runId: string; output: string }> = [];
  for (const a of list) {
    const by = getById(d, 'taskRuns', a.runId)?.stopRequestedBy;
    if (by && !a.stopBy && !a.failReason) {
      a.stopBy = by;
      log.info('stopping a run on request', { task: a.taskName, runId: a.runId, by });
      a.handle.stop();
    }
    const chars = a.chunks.reduce((n, c) => n + c.length, 0);
    if (chars !== a.shownChars && now.getTime() - a.shownAt >= LIVE_OUTPUT_EVERY_MS) {
      a.shownChars = chars;
      a.shownAt = now.getTime();
      show.push({ runId: a.runId, output: liveOutput(a.chunks) });
    }
  }
  if (show.length === 0) return;
  try {
    await store.update((doc) => {
      for (const s of show) {
        const run = getById(doc, 'taskRuns', s.runId);
        if (run && run.outcome === 'running') run.output = s.output;
      }
    });
  } catch (e) {
    log.warn('cannot show the output so far', { reason: errorMessage(e) });
  }
}
