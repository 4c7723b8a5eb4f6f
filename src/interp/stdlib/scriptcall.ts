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
import { CrmError } from '../runtime/values.js';
import { rt } from '../runtime/context.js';
import { runNested } from './nested-run.js';

export class CrmScriptCall {
  values = new Map<string, string>();
  output = '';
  returnValue = '';
}

function run(self: CrmScriptCall, includeName: string): void {
  const compiled = rt.scripts.get(includeName);
  if (!compiled) {
    throw new CrmError(
      `ScriptCall.run: the script "${includeName}" is not available to this run (only the scripts a macro's actions name can be run this way).`,
    );
  }
  const ran = runNested(
    compiled,
    self.values,
    'ScriptCall.run',
    (detail) => `The script "${includeName}" failed: ${detail}`,
    (output) => {
      self.output = output;
    },
  );
  self.returnValue = ran.returnValue;
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
