/**
 * Start a run of what a task (or an HTTP call) points at: a stored script or
 * a macro, each in an isolated worker with the store's limits.
 */
import type { Store } from '../store/store.js';
import { getById } from '../store/repos.js';
import type { TargetKind } from '../store/schema.js';
import { startScriptRun, type ScriptRunRequest, type ScriptRunResult } from './script.js';
import { startMacroRun } from './macro.js';
import { errorMessage } from '../interp/util/error-message.js';
import type { WebResponse } from '../interp/runtime/context.js';
import type { CrmChange } from '../interp/runtime/crm-service.js';

export interface TargetOutcome {
  ok: boolean;
  output: string;
  /** "file:line:col: message", or just the message when there is no position. */
  error: string | null;
  durationMs: number;
  stopped?: 'timeout' | 'stopped' | 'memory';
  /** Headers, status and cookies a web endpoint script set. */
  response?: WebResponse;
  /** CRM rows the run inserted, updated or deleted. */
  changes?: CrmChange[];
}

export interface TargetRun {
  result: Promise<TargetOutcome>;
  stop(): void;
}

export type TargetRunner = (store: Store, kind: TargetKind, id: string, req: ScriptRunRequest) => TargetRun;

export function formatRunError(e: { message: string; file?: string; line?: number; col?: number } | null | undefined): string | null {
  if (!e) return null;
  return e.line && e.line > 0 ? `${e.file}:${e.line}:${e.col ?? 0}: ${e.message}` : e.message;
}

function failed(message: string): TargetRun {
  return { result: Promise.resolve({ ok: false, output: '', error: message, durationMs: 0 }), stop() {} };
}

/** `durationMs` is the wall-clock time from start to result (worker start included), as the run history shows it. */
function outcomeOf(r: Pick<ScriptRunResult, 'ok' | 'output' | 'error' | 'durationMs' | 'stopped' | 'changes' | 'response'>, startedAt: number): TargetOutcome {
  // exitWithMessage prints its message into the output itself
  const output = r.output;
  return { ok: r.ok, output, error: formatRunError(r.error), durationMs: Math.max(performance.now() - startedAt, r.durationMs), stopped: r.stopped, changes: r.changes ?? [], ...(r.response ? { response: r.response } : {}) };
}

export const runTarget: TargetRunner = (store, kind, id, req) => {
  const d = store.read();
  const what = kind === 'macro' ? getById(d, 'macros', id) : getById(d, 'scripts', id);
  if (!what) return failed(`The ${kind} this task runs no longer exists.`);
  let run;
  const startedAt = performance.now();
  try {
    run = kind === 'macro' ? startMacroRun(store, getById(d, 'macros', id)!, req) : startScriptRun(store, getById(d, 'scripts', id)!, req);
  } catch (e) {
    return failed(`The ${kind} "${what.name}" could not be started: ${errorMessage(e)}`);
  }
  return {
    stop: run.stop,
    result: run.result.then((r) => outcomeOf(r, startedAt), (e: unknown) => ({ ok: false, output: '', error: `The run failed: ${errorMessage(e)}`, durationMs: 0 })),
  };
};
