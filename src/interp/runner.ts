// Runs a stored script the way every part of the product does (TUI, CLI, daemon tasks, trigger
// events, HTTP): compile with includes resolved through the store, then execute in an isolated
// worker with the store's settings for time limit, memory and enabled features.
import type { Store } from '../store/store.js';
import type { Script } from '../store/schema.js';
import { resolveIncludeSource } from '../store/repos.js';
import { compileScript, type ScriptDiagnostic } from './engine.js';
import { runIsolated, type RunOptions, type RunOutcome, type IsolatedRun } from './isolate.js';
import { deliverOutbox } from '../macros/outbox.js';

export interface ScriptRunRequest extends Omit<RunOptions, 'features'> {
  /** Run the staged version (explicit test runs) instead of the published source. */
  staged?: boolean;
  /** Host access to grant on top of the store's settings (e.g. `run --allow-run-program`). */
  allow?: Partial<RunOptions['features']>;
}

export interface ScriptRunResult extends RunOutcome {
  /** Compile problems; when there are errors the script did not run. */
  diagnostics: ScriptDiagnostic[];
}

/** The display name used in error messages for a stored script. */
export function scriptFileName(s: Script): string {
  return `store:${s.includeId || s.name}`;
}

/** Starts a run of a stored script; `stop()` ends it early. */
export function startScriptRun(store: Store, script: Script, req: ScriptRunRequest = {}): IsolatedRun & { result: Promise<ScriptRunResult> } {
  const data = store.read();
  const source = req.staged && script.stagedSource != null ? script.stagedSource : script.source;
  const file = scriptFileName(script);
  const out = compileScript({
    source,
    file,
    resolveInclude: (name) => resolveIncludeSource(store.read(), name, { staged: req.staged }),
  });
  if (!out.compiled) {
    const first = out.diagnostics.find((d) => d.severity === 'error');
    const failed: ScriptRunResult = {
      ok: false,
      error: first ? { message: first.message, file: first.file, line: first.line, col: first.col } : null,
      durationMs: 0,
      output: '',
      log: '',
      variables: req.variables ?? {},
      event: { outputs: {}, state: {}, message: '', blockExecution: false, navigateTo: '' },
      diagnostics: out.diagnostics,
    };
    return { result: Promise.resolve(failed), stop() {} };
  }
  const s = data.settings;
  const run = runIsolated(out.compiled, {
    ...req,
    timeoutMs: req.timeoutMs ?? s.runTimeoutSeconds * 1000,
    memoryMb: req.memoryMb ?? s.memoryLimitMb,
    features: { ...s.features, ...Object.fromEntries(Object.entries(req.allow ?? {}).filter(([, v]) => v)) },
  });
  const result = run.result.then(async (r) => {
    // mail the script sent (Email.send) goes out by SMTP or into the store's outbox
    const report = await deliverOutbox(store, r.outbox).catch((e: unknown) => ({ errors: [`The mail the script sent could not be stored: ${e instanceof Error ? e.message : String(e)}`] }));
    for (const e of report.errors) req.onLog?.(e);
    return { ...r, log: r.log + report.errors.map((e) => e + '\n').join(''), diagnostics: out.diagnostics };
  });
  return { stop: run.stop, result };
}
