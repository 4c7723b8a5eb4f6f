/**
 * Start a run of what a task (or an HTTP call) points at: a stored script, or
 * a macro. Macros cannot run yet; such a run fails with a clear message.
 */
import type { Store } from '../store/store.js';
import { getById } from '../store/repos.js';
import type { TargetKind } from '../store/schema.js';
import { startScriptRun, type ScriptRunRequest } from '../interp/runner.js';

export interface TargetOutcome {
  ok: boolean;
  output: string;
  /** "file:line:col: message", or just the message when there is no position. */
  error: string | null;
  durationMs: number;
  stopped?: 'timeout' | 'stopped' | 'memory';
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

export const runTarget: TargetRunner = (store, kind, id, req) => {
  const d = store.read();
  if (kind === 'macro') {
    const m = getById(d, 'macros', id);
    return failed(m ? `The macro "${m.name}" was not run: macros cannot run yet in crmscript-tui.` : 'The macro this task runs no longer exists.');
  }
  const script = getById(d, 'scripts', id);
  if (!script) return failed('The script this task runs no longer exists.');
  let run;
  try {
    run = startScriptRun(store, script, req);
  } catch (e) {
    return failed(`The script "${script.name}" could not be started: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    stop: run.stop,
    result: run.result.then(
      (r) => ({ ok: r.ok, output: r.output, error: formatRunError(r.error), durationMs: r.durationMs, stopped: r.stopped }),
      (e: unknown) => ({ ok: false, output: '', error: `The run failed: ${e instanceof Error ? e.message : String(e)}`, durationMs: 0 }),
    ),
  };
};
