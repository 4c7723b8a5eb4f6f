// Runs a stored script the way every part of the product does (TUI, CLI, daemon tasks, trigger
// events, HTTP): compile with includes resolved through the store, then execute in an isolated
// worker with the store's settings for time limit, memory and enabled features.
import { join } from 'node:path';
import type { Store } from '../store/store.js';
import type { Script, Settings } from '../store/schema.js';
import { resolveIncludeSource } from '../store/repos.js';
import type { ScriptDiagnostic } from '../interp/compile-script.js';
import { compileCache } from '../interp/compile-cache.js';
import { runIsolated, type RunOptions, type RunOutcome, type IsolatedRun } from '../interp/isolation/isolate.js';
import { givenEvent } from '../interp/isolation/event-outcome.js';
import { deliverOutbox } from '../macros/outbox.js';
import { debugGate } from '../debug-sessions/access-keys.js';
import { startHostedDebugRun } from './debug-hosted.js';
import { traceOrRun } from './trace.js';
import { releaseAfterRun, runCrmConfig, type CrmRunFlags } from '../crm/run-config.js';
import { errorMessage } from '../interp/util/error-message.js';
import { includesFeature } from './store-includes.js';

export interface ScriptRunRequest extends Omit<RunOptions, 'features'>, CrmRunFlags {
  /** Run the staged version (explicit test runs) instead of the published source. */
  staged?: boolean;
  /** Host access to grant on top of the store's settings (e.g. `run --allow-run-program`). */
  allow?: Partial<RunOptions['features']>;
  /** Who started the run, for a debug session it may open (e.g. 'task:Nightly'). */
  startedBy?: string;
  /** Operator notices of such a session (waiting for a debugger, timed out). */
  onDebugNotice?: (text: string) => void;
}

export interface ScriptRunResult extends RunOutcome {
  /** Compile problems; when there are errors the script did not run. */
  diagnostics: ScriptDiagnostic[];
}

/** The display name used in error messages for a stored script. */
export function scriptFileName(s: Script): string {
  return `store:${s.includeId || s.name}`;
}

/** The result of a run that did not start because its program has errors (`diagnostics`). */
export function notRunResult(diagnostics: ScriptDiagnostic[], req: ScriptRunRequest): ScriptRunResult {
  const first = diagnostics.find((d) => d.severity === 'error');
  return {
    ok: false,
    error: first ? { message: first.message, file: first.file, line: first.line, col: first.col } : null,
    durationMs: 0,
    output: '',
    log: '',
    variables: req.variables ?? {},
    event: givenEvent(req.event),
    diagnostics,
  };
}

/**
 * Delivers the mail a finished run sent (Email.send) by SMTP or into the store's outbox; what
 * could not be delivered is told to req.onLog. Returns the run's log with those messages added.
 */
export async function deliverRunMail(store: Store, r: RunOutcome, req: ScriptRunRequest, what: 'script' | 'macro'): Promise<string> {
  const report = await deliverOutbox(store, r.outbox).catch((e: unknown) => ({
    errors: [`The mail the ${what} sent could not be stored: ${errorMessage(e)}`],
  }));
  for (const e of report.errors) req.onLog?.(e);
  return r.log + report.errors.map((e) => e + '\n').join('');
}

/** The limits of a stored run: the request's own (e.g. `run --timeout`) over the store's settings. */
export function settingsLimits(s: Settings, req: ScriptRunRequest): Pick<RunOptions, 'timeoutMs' | 'memoryMb' | 'outputMb' | 'mails'> {
  return {
    timeoutMs: req.timeoutMs ?? s.runTimeoutSeconds * 1000,
    memoryMb: req.memoryMb ?? s.memoryLimitMb,
    outputMb: req.outputMb ?? s.outputLimitMb,
    mails: req.mails ?? s.mailsPerRun,
  };
}

/** Starts a run of a stored script; `stop()` ends it early. */
export function startScriptRun(store: Store, script: Script, req: ScriptRunRequest = {}): IsolatedRun & { result: Promise<ScriptRunResult> } {
  const data = store.read();
  const source = req.staged && script.stagedSource != null ? script.stagedSource : script.source;
  const file = scriptFileName(script);
  // compiled once per source (and included sources): see compile-cache.ts
  const out = compileCache.compile({
    source,
    file,
    resolveInclude: (name) => resolveIncludeSource(store.read(), name, { staged: req.staged }),
  });
  if (!out.compiled) return { result: Promise.resolve(notRunResult(out.diagnostics, req)), stop() {} };
  const s = data.settings;
  const options: RunOptions = {
    ...req,
    ...settingsLimits(s, req),
    features: {
      ...s.features,
      fileDir: s.features.fileDirectory || join(store.dataDir, 'files'),
      ...(s.cgiUrl ? { cgiUrl: s.cgiUrl } : {}),
      ...includesFeature(data, out.compiled),
      ...Object.fromEntries(Object.entries(req.allow ?? {}).filter(([, v]) => v)),
    },
  };
  options.crm = req.crm ?? runCrmConfig(store.dataDir, { ...req, timeoutMs: options.timeoutMs }, store.databaseUrl);
  // A script that calls enableDebug/debugWait with an enabled key runs under the debugger (see src/debug-sessions/keys.ts).
  const gate = debugGate(store.dataDir, out.sources.values());
  const hosted = gate
    ? startHostedDebugRun(
        store,
        { source, file, resolveInclude: (name) => resolveIncludeSource(store.read(), name, { staged: req.staged }), scriptName: script.name, startedBy: req.startedBy, onNotice: req.onDebugNotice },
        gate,
        options,
      )
    : null;
  // recorded when an enabled trace applies to the script (src/tracing/record.ts, started by run/trace.ts)
  const run =
    hosted ??
    traceOrRun(store, { kind: 'script', id: script.id, name: script.name }, { ...req, limits: { memoryMb: options.memoryMb, outputMb: options.outputMb } }, {
      fast: out.compiled,
      hooked: (mode) => {
        const h = compileCache.compile({ source, file, mode, resolveInclude: (name) => resolveIncludeSource(store.read(), name, { staged: req.staged }) });
        return h.compiled ? { compiled: h.compiled, sources: h.sources, includes: h.includes } : null;
      },
      launch: (compiled, trace) => runIsolated(compiled, trace ? { ...options, trace } : options),
    });
  const result = releaseAfterRun(options.crm, run.result).then(async (r) => ({ ...r, log: await deliverRunMail(store, r, req, 'script'), diagnostics: out.diagnostics }));
  return { stop: run.stop, result };
}
