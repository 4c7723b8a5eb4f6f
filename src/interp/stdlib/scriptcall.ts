// ScriptCall: runs another stored script, by include name, from inside a run — what a macro's
// "Run a script" action does. Not part of the SuperOffice API; crmscript-tui adds it.
//
//   ScriptCall call;
//   call.setValue("ticketId", "42");     // the called script reads it with getVariable("ticketId")
//   call.run("notify-owner");
//   printLine(call.getOutput() + call.getReturnValue());
//
// The called script runs to completion before run() returns. It sees the caller's variables plus
// the values given with setValue, shares the caller's event (getEventData()), and its log goes to
// the caller's log. Its output is captured (getOutput) rather than printed. Its return value is
// what a top-level `return x;` returned, or the text it gave exitWithMessage. Changes it makes to
// variables stay in the called script. An uncaught error in it becomes an error in the caller.
//
// The host compiles the scripts a run may call beforehand and hands them over in rt.scripts (a
// macro's run does this for the scripts its actions name).
import type { NativeClass } from './registry.js';
import { CrmError, CrmFatal, GenericValue } from '../runtime/values.js';
import { newRunContext, rt, setRunContext } from '../runtime/context.js';
import { charge } from '../runtime/memory.js';
import type { CompiledProgram } from '../compiler.js';

/**
 * How ScriptCall runs a compiled script. execute.ts provides it when it loads: the executor
 * needs every native (this one included), so this module cannot import it.
 */
export interface ScriptExecutor {
  instantiate(compiled: CompiledProgram, structs: Map<string, unknown>): { fn: () => unknown };
  errorAt(e: unknown, compiled: CompiledProgram): { error: { message: string; file: string; line: number; col: number } | null; exitMessage?: string };
}

let executor: ScriptExecutor | null = null;

export function provideScriptExecutor(e: ScriptExecutor): void {
  executor = e;
}

export class CrmScriptCall {
  values = new Map<string, string>();
  output = '';
  returnValue = '';
}

/** Nesting depth of ScriptCall.run in this thread, to stop scripts that call each other forever. */
let depth = 0;
const MAX_DEPTH = 20;

function returnText(v: unknown): string {
  if (v instanceof GenericValue) return returnText(v.value);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v | 0) : String(v);
  return '';
}

function run(self: CrmScriptCall, includeName: string): void {
  const compiled = rt.scripts.get(includeName);
  if (!compiled) {
    throw new CrmError(
      `ScriptCall.run: the script "${includeName}" is not available to this run (only the scripts a macro's actions name can be run this way).`,
    );
  }
  if (depth >= MAX_DEPTH) throw new CrmError(`ScriptCall.run: scripts call each other more than ${MAX_DEPTH} levels deep.`);
  const parent = rt;
  let output = '';
  const child = newRunContext({
    out: (s) => {
      charge(2 * s.length);
      output += s;
    },
    log: (s) => parent.log(s),
    variables: new Map([...parent.variables, ...self.values]),
    event: parent.event,
    features: parent.features,
    source: parent.source,
    user: parent.user,
    enableDebug: (k) => parent.enableDebug(k),
    debugWait: (i) => parent.debugWait(i),
    outbox: parent.outbox,
    mailLimit: parent.mailLimit,
    scripts: parent.scripts,
    // the called script works on the same CRM database, in the same transaction
    crm: parent.crm,
  });
  if (!executor) throw new Error('internal: ScriptCall.run before the executor was loaded');
  const { instantiate, errorAt } = executor;
  depth++;
  setRunContext(child);
  try {
    const returned = instantiate(compiled, child.structs as Map<string, unknown>).fn();
    self.returnValue = returnText(returned);
  } catch (e) {
    // time limit, stop and runaway recursion end the whole run
    if (e instanceof CrmFatal) throw e;
    const r = errorAt(e, compiled);
    if (r.error) {
      const at = r.error.line ? ` (${r.error.file}:${r.error.line}:${r.error.col})` : '';
      throw new CrmError(`The script "${includeName}" failed: ${r.error.message}${at}`);
    }
    self.returnValue = r.exitMessage ?? '';
  } finally {
    setRunContext(parent);
    depth--;
    self.output = output;
  }
}

export const ScriptCallClass: NativeClass = {
  name: 'ScriptCall',
  defaultValue: () => new CrmScriptCall(),
  ctors: { '()': () => new CrmScriptCall() },
  methods: {
    'setValue(String,String)': (self: CrmScriptCall, name: string, value: string) => {
      self.values.set(name, value);
    },
    'run(String)': (self: CrmScriptCall, includeName: string) => run(self, includeName),
    'getOutput()': (self: CrmScriptCall) => self.output,
    'getReturnValue()': (self: CrmScriptCall) => self.returnValue,
  },
  extraSignatures: ['Void setValue(String name, String value)', 'Void run(String includeName)', 'String getOutput()', 'String getReturnValue()'],
};
