/**
 * Debug runs started by this TUI (the script screen's Debug): compiling a
 * stored script or macro for the debugger with the store's settings and
 * breakpoints, and listing the run in the store's debug sessions (source
 * "tui") for as long as it lasts, so the Debug sessions tab and other
 * processes see it.
 */
import type { Store } from '../../store/store.js';
import { addDebugSession, getById, getRunValues, removeDeadDebugSessions, removeDebugSession, updateDebugSession } from '../../store/repos.js';
import type { DebugSession } from '../../interp/debugger/controller.js';
import type { ScriptDiagnostic } from '../../interp/compile-script.js';
import { startLocalDebugRun, storedDebugTarget, type StoredTarget } from '../../run/debug-target.js';
import { releaseAfterRun, runCrmConfig } from '../../crm/run-config.js';
import { pidAlive } from '../../store/lease.js';
import { newId, nowIso } from '../../store/ids.js';
import { storedBreakpoints } from './breakpoints.js';
import type { DebugSource } from './types.js';
import { errorMessage } from '../../interp/util/error-message.js';

export type DebugTarget = StoredTarget;

export interface LocalDebugRun {
  /** The id of its entry in the store's debug sessions. */
  id: string;
  session: DebugSession;
  debugSource: DebugSource;
  title: string;
}

export type StartResult = { ok: true; run: LocalDebugRun } | { ok: false; message: string; problems: string[] };

/** Runs of this process, by store entry id (the Debug sessions tab opens these directly). */
const local = new Map<string, LocalDebugRun>();

export function localDebugRun(id: string): LocalDebugRun | undefined {
  return local.get(id);
}

function problemLines(diags: readonly ScriptDiagnostic[]): string[] {
  return diags.filter((d) => d.severity === 'error').map((d) => (d.line > 0 ? `${d.file}:${d.line}:${d.col}: ${d.message}` : `${d.file}: ${d.message}`));
}

/**
 * Compile and start a debug run stopped at its first statement, with the breakpoints and the run
 * values (variables, event inputs) remembered with the script or macro, the way the CLI's
 * `debug` starts one (run/debug-target.ts).
 */
export function startLocalDebug(store: Store, target: DebugTarget, opts: { user: string; rollback?: boolean }): StartResult {
  const data = store.read();
  const name = target.kind === 'script' ? `"${target.script.name}"` : `The macro "${target.macro.name}"`;
  const values = getRunValues(data, target.kind, target.kind === 'script' ? target.script.id : target.macro.id);
  const t = storedDebugTarget(store, target, { variables: Object.keys(values.variables) });
  if ('problems' in t) return { ok: false, message: `${name} has problems, so it cannot be debugged.`, problems: problemLines(t.problems) };
  // a paused run may hold the CRM write lock a long time: it counts as abandoned after a day
  const crm = runCrmConfig(store.dataDir, { rollback: opts.rollback ?? false, crmUser: '', timeoutMs: 24 * 3600_000 });
  const runOptions = { stopOnEntry: true, variables: { ...values.variables }, inputs: { ...values.inputs }, source: 'tui', user: opts.user, crm };
  let started;
  try {
    started = startLocalDebugRun(t, runOptions, (files) => storedBreakpoints(data, files));
  } catch (e) {
    void releaseAfterRun(crm, Promise.resolve());
    return { ok: false, message: `The debug run could not start: ${errorMessage(e)}`, problems: [] };
  }
  if (!started.session) {
    void releaseAfterRun(crm, Promise.resolve());
    return { ok: false, message: `${name} has errors, so it cannot be debugged.`, problems: problemLines(started.diagnostics) };
  }
  const { session, debugSource } = started;
  // A failure to start (e.g. the worker is missing) ends the run; nothing to reject here.
  releaseAfterRun(crm, session.result).catch(() => undefined);
  const run: LocalDebugRun = { id: newId(), session, debugSource, title: t.title };
  local.set(run.id, run);
  register(store, run, opts.user);
  return { ok: true, run };
}

/** Keeps the run's entry in the store's debug sessions up to date, and removes it at the end. */
function register(store: Store, run: LocalDebugRun, user: string): void {
  type Want = { state: string; line: number | null } | 'removed';
  const { session } = run;
  let want: Want = { state: 'running', line: null };
  let writing: Promise<void> | null = null;
  let dirty = false;
  const createdAt = nowIso();
  const flush = async () => {
    while (dirty) {
      dirty = false;
      const w = want;
      try {
        await store.update((d) => {
          if (w === 'removed') {
            removeDebugSession(d, run.id);
            return;
          }
          if (getById(d, 'debugSessions', run.id)) updateDebugSession(d, run.id, { state: w.state, line: w.line });
          else {
            removeDeadDebugSessions(d, pidAlive);
            addDebugSession(d, {
              id: run.id,
              createdAt,
              scriptName: run.title,
              source: 'tui',
              startedBy: user,
              state: w.state,
              line: w.line,
              endpoint: null,
              pid: process.pid,
            });
          }
        });
      } catch {
        // The list of sessions is informative; a failed write must not disturb the debugger.
      }
    }
    writing = null;
  };
  const set = (w: Want) => {
    want = w;
    dirty = true;
    writing ??= flush();
  };
  if (session.state === 'paused') set({ state: 'paused', line: session.lastStop?.line ?? null });
  else set({ state: 'running', line: null });
  session.on('stopped', (e) => set({ state: 'paused', line: e.line }));
  session.on('continued', () => set({ state: 'running', line: null }));
  session.on('terminated', () => {
    local.delete(run.id);
    set('removed');
  });
}
