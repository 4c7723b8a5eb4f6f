// Starting a local debug run of a script file or a stored script (CLI `debug`, the DAP adapter's
// launch): find the source, compile it in hooked mode, start the debug worker.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileIncludeResolver, type IncludeResolver, type ScriptDiagnostic } from '../interp/compile-script.js';
import { compileForDebug, startDebugRun, type DebugRunOptions, type DebugSession, type DebugSource } from '../interp/debugger/controller.js';
import type { Macro, Script, Settings } from '../store/schema.js';
import { resolveIncludeSource } from '../store/repos.js';
import type { Store } from '../store/store.js';
import type { CompiledProgram } from '../interp/compiler.js';
import { prepareMacro } from './macro.js';
import { scriptFileName } from './script.js';

export interface DebugTarget {
  source: string;
  file: string;
  resolveInclude: IncludeResolver;
  /** What to call it in titles: the file as given, or the stored script's name. */
  title: string;
  /** The store's settings when the script is a stored one (time limit, memory, host features). */
  settings?: DebugSettings;
  /** The store, when there is one (breakpoints of stored scripts are kept there by the Debugger screen). */
  store?: Store;
  /** For a macro: the compiled scripts its "Run a script" actions call. */
  scripts?: Record<string, CompiledProgram>;
}

/** The store's settings a stored target's debug run uses. */
export type DebugSettings = Pick<Settings, 'runTimeoutSeconds' | 'memoryLimitMb' | 'outputLimitMb' | 'mailsPerRun' | 'features'>;

function debugSettings(s: Settings): DebugSettings {
  return { runTimeoutSeconds: s.runTimeoutSeconds, memoryLimitMb: s.memoryLimitMb, outputLimitMb: s.outputLimitMb, mailsPerRun: s.mailsPerRun, features: s.features };
}

/** A stored script (its published or staged source) or a macro (as the CRMScript it runs as). */
export type StoredTarget = { kind: 'script'; script: Script; staged?: boolean } | { kind: 'macro'; macro: Macro };

/**
 * The debug target of a stored script or macro, with the store's settings and includes from the
 * store; for a macro that has problems, their diagnostics instead.
 */
export function storedDebugTarget(store: Store, t: StoredTarget, opts: { variables?: Iterable<string> } = {}): DebugTarget | { problems: ScriptDiagnostic[] } {
  const d = store.read();
  if (t.kind === 'script') {
    const staged = t.staged ?? false;
    return {
      source: staged && t.script.stagedSource !== null ? t.script.stagedSource : t.script.source,
      file: scriptFileName(t.script),
      resolveInclude: (name) => resolveIncludeSource(store.read(), name, { staged }),
      title: t.script.name,
      settings: debugSettings(d.settings),
      store,
    };
  }
  const p = prepareMacro(d, t.macro, { mode: 'hooked', variables: opts.variables });
  if (!p.ok) return { problems: p.diagnostics };
  return {
    source: p.source,
    file: p.file,
    resolveInclude: (name) => resolveIncludeSource(store.read(), name),
    title: t.macro.name,
    settings: debugSettings(d.settings),
    store,
    scripts: p.scripts,
  };
}

/** A .crm file (includes beside it, then in the store), or a stored script by include name, name or Folder/Name, or a macro. */
export async function loadDebugTarget(target: string, dataDir?: string): Promise<DebugTarget> {
  const { resolveDataDir, storeIsSetUp } = await import('../store/paths.js');
  const dir = resolveDataDir(dataDir);
  const haveStore = storeIsSetUp(dir);
  let store: Store | null = null;
  if (haveStore) {
    const { Store } = await import('../store/store.js');
    store = await Store.open(dir, { seed: false });
  }
  const repos = await import('../store/repos.js');
  const fromStore: IncludeResolver = (name) => (store ? repos.resolveIncludeSource(store.read(), name) : null);
  if (existsSync(target)) {
    const file = resolve(target);
    return {
      source: readFileSync(file, 'utf8'),
      file,
      resolveInclude: (name, from) => fileIncludeResolver(name, from) ?? fromStore(name, from),
      title: target,
      ...(store ? { store } : {}),
    };
  }
  const script = store ? repos.findScript(store.read(), target) : undefined;
  if (!script && store) {
    // a macro is debugged as the CRMScript program it runs as
    const { findMacroRef } = await import('../macros/lookup.js');
    const macro = findMacroRef(store.read(), target);
    if (macro) {
      const t = storedDebugTarget(store, { kind: 'macro', macro });
      if ('problems' in t) throw new Error(`The macro "${macro.name}" has problems, so it cannot be debugged:\n${t.problems.map((d) => `  ${d.message}`).join('\n')}`);
      return t;
    }
  }
  if (!script || !store) throw new Error(`There is no file '${target}' and no stored script or macro with that name.`);
  return storedDebugTarget(store, { kind: 'script', script }) as DebugTarget;
}

export interface StartedDebugRun {
  session: DebugSession;
  debugSource: DebugSource;
  diagnostics: ScriptDiagnostic[];
}

/** Compiles for debugging and starts the run; diagnostics (and no session) when it does not compile. */
export function startLocalDebugRun(
  t: DebugTarget,
  opts: DebugRunOptions,
  /** Breakpoints to start with, once the files of the run (the entry file and its includes) are known. */
  breakpointsFor?: (files: string[]) => { file: string; lines: number[] }[],
): StartedDebugRun | { session: null; diagnostics: ScriptDiagnostic[] } {
  const c = compileForDebug({ source: t.source, file: t.file, resolveInclude: t.resolveInclude });
  if (!c.compiled) return { session: null, diagnostics: c.diagnostics };
  const files = [c.debugSource.file, ...Object.values(c.debugSource.includes).map((i) => i.file)];
  const session = startDebugRun(c.compiled, {
    ...(breakpointsFor ? { breakpoints: breakpointsFor(files) } : {}),
    timeoutMs: t.settings ? t.settings.runTimeoutSeconds * 1000 : undefined,
    memoryMb: t.settings?.memoryLimitMb,
    outputMb: t.settings?.outputLimitMb,
    mails: t.settings?.mailsPerRun,
    ...opts,
    features: { ...t.settings?.features, ...opts.features },
    debugSource: c.debugSource,
    ...(t.scripts ? { scripts: t.scripts } : {}),
  });
  return { session, debugSource: c.debugSource, diagnostics: c.diagnostics };
}
