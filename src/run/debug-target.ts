// Starting a local debug run of a script file or a stored script (CLI `debug`, the DAP adapter's
// launch): find the source, compile it in hooked mode, start the debug worker.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileIncludeResolver, type IncludeResolver, type ScriptDiagnostic } from '../interp/compile-script.js';
import { compileForDebug, startDebugRun, type DebugRunOptions, type DebugSession, type DebugSource } from '../interp/debugger/controller.js';
import type { Features } from '../store/schema.js';
import { resolveIncludeSource } from '../store/repos.js';
import type { Store } from '../store/store.js';
import type { CompiledProgram } from '../interp/compiler.js';

export interface DebugTarget {
  source: string;
  file: string;
  resolveInclude: IncludeResolver;
  /** What to call it in titles: the file as given, or the stored script's name. */
  title: string;
  /** The store's settings when the script is a stored one (time limit, memory, host features). */
  settings?: { runTimeoutSeconds: number; memoryLimitMb: number; features: Features };
  /** The store, when there is one (breakpoints of stored scripts are kept there by the Debugger screen). */
  store?: Store;
  /** For a macro: the compiled scripts its "Run a script" actions call. */
  scripts?: Record<string, CompiledProgram>;
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
      const { prepareMacro } = await import('./macro.js');
      const p = prepareMacro(store.read(), macro, { mode: 'hooked' });
      if (!p.ok) throw new Error(`The macro "${macro.name}" has problems, so it cannot be debugged:\n${p.diagnostics.map((d) => `  ${d.message}`).join('\n')}`);
      const s = store.read().settings;
      return {
        source: p.source,
        file: p.file,
        resolveInclude: fromStore,
        title: macro.name,
        settings: { runTimeoutSeconds: s.runTimeoutSeconds, memoryLimitMb: s.memoryLimitMb, features: s.features },
        store,
        scripts: p.scripts,
      };
    }
  }
  if (!script || !store) throw new Error(`There is no file '${target}' and no stored script or macro with that name.`);
  const s = store.read().settings;
  return {
    source: script.source,
    file: `store:${script.includeId || script.name}`,
    resolveInclude: fromStore,
    title: script.name,
    settings: { runTimeoutSeconds: s.runTimeoutSeconds, memoryLimitMb: s.memoryLimitMb, features: s.features },
    store,
  };
}

export interface StartedDebugRun {
  session: DebugSession;
  debugSource: DebugSource;
  diagnostics: ScriptDiagnostic[];
}

/** Compiles for debugging and starts the run; diagnostics (and no session) when it does not compile. */
export function startLocalDebugRun(t: DebugTarget, opts: DebugRunOptions): StartedDebugRun | { session: null; diagnostics: ScriptDiagnostic[] } {
  const c = compileForDebug({ source: t.source, file: t.file, resolveInclude: t.resolveInclude });
  if (!c.compiled) return { session: null, diagnostics: c.diagnostics };
  const session = startDebugRun(c.compiled, {
    timeoutMs: t.settings ? t.settings.runTimeoutSeconds * 1000 : undefined,
    memoryMb: t.settings?.memoryLimitMb,
    ...opts,
    features: { ...t.settings?.features, ...opts.features },
    debugSource: c.debugSource,
    ...(t.scripts ? { scripts: t.scripts } : {}),
  });
  return { session, debugSource: c.debugSource, diagnostics: c.diagnostics };
}

/**
 * A debug run of a stored script as the TUI's "Debug" action starts it (stops at the first line
 * unless told otherwise), with the store's limits and host features and includes from the store.
 */
export function startStoredScriptDebug(
  store: Store,
  script: import('../store/schema.js').Script,
  opts: DebugRunOptions & { staged?: boolean } = {},
): StartedDebugRun | { session: null; diagnostics: ScriptDiagnostic[] } {
  const d = store.read();
  const { staged, ...rest } = opts;
  const s = d.settings;
  return startLocalDebugRun(
    {
      source: staged && script.stagedSource != null ? script.stagedSource : script.source,
      file: `store:${script.includeId || script.name}`,
      resolveInclude: (name) => resolveIncludeSource(store.read(), name, { staged }),
      title: script.name,
      settings: { runTimeoutSeconds: s.runTimeoutSeconds, memoryLimitMb: s.memoryLimitMb, features: s.features },
    },
    { source: 'tui', ...rest },
  );
}
