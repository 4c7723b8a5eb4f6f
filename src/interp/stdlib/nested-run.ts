// Runs a compiled program inside the current run, on the same thread: what ScriptCall.run and
// executeScript do. The nested program gets a run context of its own — the caller's variables plus
// the values it was given, the caller's event, CRM (same transaction), features, outbox and log —
// and its output is captured instead of printed. Time, stop and memory limits stay those of the
// whole run (a CrmFatal ends it); any other uncaught error becomes an error in the caller.
import { CrmError, CrmFatal, GenericValue } from '../runtime/values.js';
import { newRunContext, rt, setRunContext } from '../runtime/context.js';
import { charge } from '../runtime/memory.js';
import { shareRunState } from './run-shared.js';
import type { CompiledProgram } from '../compiler.js';

/**
 * How a nested program is run. execute.ts provides it when it loads: the executor needs every
 * native (the ones that run nested programs included), so this module cannot import it.
 */
export interface ScriptExecutor {
  instantiate(compiled: CompiledProgram, structs: Map<string, unknown>): { fn: () => unknown };
  errorAt(e: unknown, compiled: CompiledProgram): { error: { message: string; file: string; line: number; col: number } | null; exitMessage?: string };
}

let executor: ScriptExecutor | null = null;

export function provideScriptExecutor(e: ScriptExecutor): void {
  executor = e;
}

/** Raised where the nesting gets too deep, and passed up through every level unwrapped. */
class NestingTooDeep extends CrmError {}

/** Nesting depth of nested runs in this thread, to stop scripts that start each other forever. */
let depth = 0;
export const MAX_NESTING = 20;

export interface NestedOutcome {
  output: string;
  /** What a top-level `return x;` returned, or the text given to exitWithMessage ('' when neither). */
  returnValue: string;
}

function returnText(v: unknown): string {
  if (v instanceof GenericValue) return returnText(v.value);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v | 0) : String(v);
  return '';
}

/**
 * Runs `compiled` nested in the current run. `what` names the caller in errors ('ScriptCall.run',
 * 'executeScript'); `failed` words an uncaught error of the nested program as the caller reports it.
 * `kept` receives the nested program's output however it ends (a caller's catch block may still read it).
 */
export function runNested(
  compiled: CompiledProgram,
  values: Map<string, string>,
  what: string,
  failed: (detail: string) => string,
  kept: (output: string) => void = () => {},
): NestedOutcome {
  if (depth >= MAX_NESTING) throw new NestingTooDeep(`${what}: scripts start each other more than ${MAX_NESTING} levels deep.`);
  if (!executor) throw new Error('internal: a nested run before the executor was loaded');
  const parent = rt;
  let output = '';
  const child = newRunContext({
    out: (s) => {
      charge(2 * s.length);
      output += s;
    },
    log: (s) => parent.log(s),
    variables: new Map([...parent.variables, ...values]),
    event: parent.event,
    features: parent.features,
    source: parent.source,
    user: parent.user,
    enableDebug: (k) => parent.enableDebug(k),
    debugWait: (i) => parent.debugWait(i),
    outbox: parent.outbox,
    mailLimit: parent.mailLimit,
    scripts: parent.scripts,
    // the nested program works on the same CRM database, in the same transaction
    crm: parent.crm,
    crmReady: parent.crmReady,
  });
  shareRunState(parent, child);
  const { instantiate, errorAt } = executor;
  depth++;
  setRunContext(child);
  try {
    const returned = instantiate(compiled, child.structs as Map<string, unknown>).fn();
    return { output, returnValue: returnText(returned) };
  } catch (e) {
    // raised afresh at each level, so that each caller's position is where it started the nested run
    if (e instanceof NestingTooDeep) throw new NestingTooDeep(e.message);
    const r = errorAt(e, compiled);
    // time limit, stop and runaway recursion end the whole run, reported where the nested program was
    if (e instanceof CrmFatal) throw e;
    if (r.error) {
      const at = r.error.line ? ` (${r.error.file}:${r.error.line}:${r.error.col})` : '';
      throw new CrmError(failed(`${r.error.message}${at}`));
    }
    return { output, returnValue: r.exitMessage ?? '' };
  } finally {
    setRunContext(parent);
    depth--;
    kept(output);
  }
}
