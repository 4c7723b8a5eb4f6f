// Running a macro: validate it, generate its CRMScript program, compile that and the scripts its
// "Run a script" actions name, and run it like a stored script (isolated worker, the store's time
// and memory limits and enabled features). Mail it sends is delivered afterwards.
import type { Store } from '../store/store.js';
import { releaseAfterRun, runCrmConfig } from '../crm/run-config.js';
import type { Macro, StoreData } from '../store/schema.js';
import { resolveIncludeSource } from '../store/repos.js';
import { compileScript, type CompileOutput, type ScriptDiagnostic } from '../interp/compile-script.js';
import type { CompiledProgram, CompileMode } from '../interp/compiler.js';
import { runIsolated, type IsolatedRun } from '../interp/isolation/isolate.js';
import { deliverRunMail, notRunResult, settingsLimits, type ScriptRunRequest, type ScriptRunResult } from './script.js';
import { generateMacroProgram, macroFileName } from '../macros/generate.js';
import { validateMacro, type MacroProblem } from '../macros/validate.js';
import { traceOrRun } from './trace.js';
import { includesFeature } from './store-includes.js';

export interface PreparedMacro {
  /** The generated program. */
  source: string;
  /** Its file name in messages: "macro:NAME". */
  file: string;
  /** 1-based line in `source` where each action (0-based) starts. */
  actionLines: number[];
  /** True when the macro and every script it runs compiled without errors. */
  ok: boolean;
  /** The compiled program (`compile.program` for the debugger); null when validation failed. */
  compile: CompileOutput | null;
  /** Compiled scripts the program runs (ScriptCall), by include name; pass them as RunOptions.scripts. */
  scripts: Record<string, CompiledProgram>;
  problems: MacroProblem[];
  /** Validation and compile problems together; an error means the macro cannot run. */
  diagnostics: ScriptDiagnostic[];
}

/** Validation problems as diagnostics: the "line" is the action's number (0 = the macro as a whole). */
function problemDiagnostics(file: string, problems: MacroProblem[]): ScriptDiagnostic[] {
  return problems.map((p) => ({ file, line: p.action === null ? 0 : p.action + 1, col: 0, message: p.message, severity: p.severity }));
}

export interface PrepareOptions {
  /** Compile the staged versions of the scripts the macro runs (explicit test runs). */
  staged?: boolean;
  eventName?: string;
  /** Variables the caller gives (getVariable), so references to them are not "unknown". */
  variables?: Iterable<string>;
  /** Compile mode of the macro's own program ('hooked' for the debugger, 'traced' for the tracer). */
  mode?: CompileMode;
}

/**
 * Everything needed to run a macro, without running it: for startMacroRun, and for the debugger
 * and tracer, which compile the same program in hooked mode and pass `scripts` to the worker.
 */
export function prepareMacro(data: StoreData, macro: Macro, opts: PrepareOptions = {}): PreparedMacro {
  const file = macroFileName(macro);
  const problems = validateMacro(macro, { data, eventName: opts.eventName || undefined, variables: opts.variables });
  const gen = generateMacroProgram(macro, data);
  const prepared: PreparedMacro = {
    source: gen.source,
    file,
    actionLines: gen.actionLines,
    ok: false,
    compile: null,
    scripts: {},
    problems,
    diagnostics: problemDiagnostics(file, problems),
  };
  if (problems.some((p) => p.severity === 'error')) return prepared;
  const resolveInclude = (name: string) => resolveIncludeSource(data, name, { staged: opts.staged });
  const out = compileScript({ source: gen.source, file, resolveInclude, mode: opts.mode });
  prepared.compile = out;
  prepared.diagnostics.push(...out.diagnostics);
  if (!out.compiled) return prepared;
  for (const inc of gen.scripts) {
    const found = resolveInclude(inc);
    if (!found) {
      prepared.diagnostics.push({ file, line: 0, col: 0, severity: 'error', message: `There is no script with the include name "${inc}".` });
      return prepared;
    }
    const sub = compileScript({ source: found.source, file: found.file, resolveInclude });
    prepared.diagnostics.push(...sub.diagnostics);
    if (!sub.compiled) return prepared;
    prepared.scripts[inc] = sub.compiled;
  }
  prepared.ok = true;
  return prepared;
}

/** Starts a run of a macro; `stop()` ends it early. Same request and result as startScriptRun. */
export function startMacroRun(store: Store, macro: Macro, req: ScriptRunRequest = {}): IsolatedRun & { result: Promise<ScriptRunResult> } {
  const data = store.read();
  const prepared = prepareMacro(data, macro, {
    staged: req.staged,
    eventName: req.eventName,
    variables: Object.keys(req.variables ?? {}),
  });
  const compiled = prepared.ok ? prepared.compile?.compiled : null;
  if (!compiled) return { result: Promise.resolve(notRunResult(prepared.diagnostics, req)), stop() {} };
  const s = data.settings;
  const { staged: _staged, ...options } = req;
  const runOptions = {
    ...options,
    ...settingsLimits(s, req),
    features: { ...s.features, ...(s.cgiUrl ? { cgiUrl: s.cgiUrl } : {}), ...includesFeature(data, compiled, ...Object.values(prepared.scripts)) },
    scripts: prepared.scripts,
    crm: req.crm ?? runCrmConfig(store.dataDir, { ...req, timeoutMs: req.timeoutMs ?? s.runTimeoutSeconds * 1000 }, store.databaseUrl),
  };
  // recorded when an enabled trace applies to the macro (src/tracing/record.ts, started by run/trace.ts)
  const run = traceOrRun(store, { kind: 'macro', id: macro.id, name: macro.name }, { ...req, limits: { memoryMb: runOptions.memoryMb, outputMb: runOptions.outputMb } }, {
    fast: compiled,
    hooked: (mode) => {
      const h = prepareMacro(store.read(), macro, { staged: req.staged, eventName: req.eventName, variables: Object.keys(req.variables ?? {}), mode });
      const c = h.ok ? h.compile : null;
      return c?.compiled ? { compiled: c.compiled, sources: c.sources, includes: c.includes } : null;
    },
    launch: (program, trace) => runIsolated(program, trace ? { ...runOptions, trace } : runOptions),
  });
  const result = releaseAfterRun(runOptions.crm, run.result).then(async (r): Promise<ScriptRunResult> => ({ ...r, log: await deliverRunMail(store, r, req, 'macro'), diagnostics: prepared.diagnostics }));
  return { stop: run.stop, result };
}
