/**
 * Debug runs started by this TUI (the script screen's Debug): compiling a
 * stored script or macro for the debugger with the store's settings and
 * breakpoints, and listing the run in the store's debug sessions (source
 * "tui") for as long as it lasts, so the Debug sessions tab and other
 * processes see it.
 */
import type { Store } from '../../store/store.js';
import type { Macro, Script } from '../../store/schema.js';
import { addDebugSession, getById, removeDeadDebugSessions, removeDebugSession, updateDebugSession, resolveIncludeSource } from '../../store/repos.js';
import { scriptFileName } from '../../run/script.js';
import { compileForDebug, startDebugRun, type DebugSession } from '../../interp/debugger/controller.js';
import type { ScriptDiagnostic } from '../../interp/compile-script.js';
import { prepareMacro } from '../../run/macro.js';
import { pidAlive } from '../../store/lease.js';
import { newId, nowIso } from '../../store/ids.js';
import { storedBreakpoints } from './breakpoints.js';
import type { DebugSource } from './types.js';
import { errorMessage } from '../../interp/util/error-message.js';

export type DebugTarget = { kind: 'script'; script: Script; staged?: boolean } | { kind: 'macro'; macro: Macro };

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

/** Compile and start a debug run stopped at its first statement. */
export function startLocalDebug(store: Store, target: DebugTarget, opts: { user: string }): StartResult {
  const data = store.read();
  let compiled;
  let debugSource: DebugSource;
  let scripts: Record<string, import('../../interp/compiler.js').CompiledProgram> | undefined;
  let title: string;
  if (target.kind === 'script') {
    const s = target.script;
    title = s.name;
    const staged = target.staged ?? false;
    const c = compileForDebug({
      source: staged && s.stagedSource !== null ? s.stagedSource : s.source,
      file: scriptFileName(s),
      resolveInclude: (name) => resolveIncludeSource(store.read(), name, { staged }),
    });
    if (!c.compiled) return { ok: false, message: `"${s.name}" has errors, so it cannot be debugged.`, problems: problemLines(c.diagnostics) };
    compiled = c.compiled;
    debugSource = c.debugSource;
  } else {
    const m = target.macro;
    title = m.name;
    const p = prepareMacro(data, m, { mode: 'hooked' });
    const c = p.ok ? p.compile : null;
    if (!c?.compiled) return { ok: false, message: `The macro "${m.name}" has problems, so it cannot be debugged.`, problems: problemLines(p.diagnostics) };
    compiled = c.compiled;
    debugSource = { source: p.source, file: p.file, includes: {} };
    scripts = p.scripts;
  }
  const s = data.settings;
  const files = [debugSource.file, ...Object.values(debugSource.includes).map((i) => i.file)];
  let session: DebugSession;
  try {
    session = startDebugRun(compiled, {
      stopOnEntry: true,
      debugSource,
      breakpoints: storedBreakpoints(data, files),
      timeoutMs: s.runTimeoutSeconds * 1000,
      memoryMb: s.memoryLimitMb,
      outputMb: s.outputLimitMb,
      mails: s.mailsPerRun,
      features: s.features,
      source: 'tui',
      user: opts.user,
      scripts,
    });
  } catch (e) {
    return { ok: false, message: `The debug run could not start: ${errorMessage(e)}`, problems: [] };
  }
  // A failure to start (e.g. the worker is missing) ends the run; nothing to reject here.
  session.result.catch(() => undefined);
  const run: LocalDebugRun = { id: newId(), session, debugSource, title };
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
