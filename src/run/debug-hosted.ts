// A script run that may pause for a debugger: compiled in hooked mode and run by the debug
// worker without stopping on entry, so it runs straight on until a debugWait after an enabled
// enableDebug(key). runner.ts starts runs this way only when debugGate() says so.
import type { Store } from '../store/store.js';
import { compileForDebug, startDebugRun } from '../interp/debugger/controller.js';
import type { IncludeResolver } from '../interp/compile-script.js';
import type { RunOptions, RunOutcome } from '../interp/isolation/isolate.js';
import type { DebugGate } from '../debug-sessions/access-keys.js';
import { hostSession, type HostedSession } from '../debug-sessions/server.js';

export interface HostedRunInput {
  source: string;
  file: string;
  resolveInclude: IncludeResolver;
  scriptName: string;
  /** 'task:Nightly', 'trigger:X', ...; default: the event or the user or the run source. */
  startedBy?: string;
  onNotice?: (text: string) => void;
}

export interface HostedRun {
  result: Promise<RunOutcome>;
  stop(): void;
  hosted: HostedSession;
}

/** Starts the run under the debugger; null when the script does not compile in hooked mode. */
export function startHostedDebugRun(store: Store, input: HostedRunInput, gate: DebugGate, opts: RunOptions): HostedRun | null {
  const c = compileForDebug({ source: input.source, file: input.file, resolveInclude: input.resolveInclude });
  if (!c.compiled) return null;
  const { onOutput, onLog, ...rest } = opts;
  const session = startDebugRun(c.compiled, { ...rest, stopOnEntry: false, debugSource: c.debugSource, debugKeys: gate.keys });
  if (onOutput) session.on('output', onOutput);
  if (onLog) session.on('log', onLog);
  const source = opts.source ?? 'cli';
  const startedBy = input.startedBy ?? (opts.eventName ? `trigger:${opts.eventName}` : opts.user || source);
  const hosted = hostSession({
    store,
    session,
    debugSource: c.debugSource,
    scriptName: input.scriptName,
    source,
    startedBy,
    waitSeconds: gate.waitSeconds,
    onTimeout: gate.onTimeout,
    onNotice: input.onNotice,
  });
  const result = session.result.then(async (o) => {
    await hosted.done;
    return o as RunOutcome;
  });
  return {
    result,
    hosted,
    stop() {
      void session.stop();
    },
  };
}
