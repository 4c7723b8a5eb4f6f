// The run request a claimed task's run is started with: who runs it, its CRM user and rollback,
// where its output and notices go. (When it starts: deferred-starts.ts.)
import type { ScriptRunRequest } from '../run/script.js';
import type { Logger } from './log.js';
import type { Claim } from './scheduler-records.js';

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
