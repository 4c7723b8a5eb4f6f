// How the scheduler starts a claimed run: the run request of a task (who runs it, its CRM user and
// rollback, where its output and notices go) and the start itself, now or, for a run claimed ahead
// of its time, at that time (deferred-starts.ts).
import type { ScriptRunRequest } from '../run/script.js';
import type { TargetRun } from '../run/target.js';
import type { Logger } from './log.js';
import type { Claim } from './scheduler-records.js';
import { notStarted, type DeferredStarts } from './deferred-starts.js';

/** The request a claimed task's run is started with; `started` is told when it starts on a worker. */
export function taskRunRequest(c: Claim, user: string, log: Logger, onOutput: (text: string) => void, started: () => void): ScriptRunRequest {
  return {
    source: 'daemon',
    user,
    variables: {},
    inputs: {},
    eventName: '',
    startedBy: `task:${c.task.name}`,
    crmUser: c.task.crmUser ?? '',
    rollback: c.task.rollback ?? false,
    onOutput,
    onDebugNotice: (text) => log.info('debug session', { task: c.task.name, runId: c.runId, note: text }),
    onStart: started,
  };
}

/** Starts the run (`start`) now, or at `dueAt` when that is still to come; a start that throws is a failed run. */
export function startClaimedRun(start: () => TargetRun, dueAt: Date, now: Date, deferred: DeferredStarts): TargetRun {
  if (dueAt.getTime() > now.getTime()) return deferred.run(dueAt.getTime(), start);
  try {
    return start();
  } catch (e) {
    return { result: Promise.resolve(notStarted(e)), stop() {} };
  }
}
