// Shared set-up for the macro tests: building macros, running their generated program in this
// thread (fast, for conditions and references), and temporary stores (for worker runs).
import type { Macro, MacroAction, MacroCondition } from '../../src/store/schema.js';
import { compileScript } from '../../src/interp/compile-script.js';
import { execute } from '../../src/interp/execute.js';
import { newEventState, newRunContext, type OutgoingMail } from '../../src/interp/runtime/context.js';
import type { CompiledProgram } from '../../src/interp/compiler.js';
import { generateMacroScript } from '../../src/macros/generate.js';

export const always: MacroCondition = { kind: 'always' };

export function act(type: string, params: Record<string, string> = {}, condition: MacroCondition = always): MacroAction {
  return { type, params, condition };
}

export function when(left: string, op: string, right = ''): MacroCondition {
  return { left, op, right };
}

export function macro(actions: MacroAction[], name = 'Test macro'): Macro {
  const now = new Date().toISOString();
  return { id: 'm1', folderId: null, name, description: '', actions, createdAt: now, updatedAt: now };
}

/** The generated program's checker diagnostics (empty = it compiles). */
export function checkGenerated(m: Macro): string[] {
  const c = compileScript({ source: generateMacroScript(m), file: 'macro.crm' });
  return c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`);
}

export interface LocalRun {
  output: string;
  log: string[];
  error: string | null;
  exitMessage?: string;
  variables: Record<string, string>;
  outputs: Record<string, string>;
  blocked: boolean;
  message: string;
  outbox: OutgoingMail[];
}

/** Compiles and runs a macro's program in this thread (no HTTP: that needs a worker). */
export function runLocal(
  m: Macro,
  opts: { variables?: Record<string, string>; inputs?: Record<string, string>; scripts?: Record<string, string> } = {},
): LocalRun {
  const c = compileScript({ source: generateMacroScript(m), file: 'macro.crm' });
  if (!c.compiled) throw new Error('the generated program does not compile:\n' + c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
  const scripts = new Map<string, CompiledProgram>();
  for (const [name, source] of Object.entries(opts.scripts ?? {})) {
    const s = compileScript({ source, file: `store:${name}` });
    if (!s.compiled) throw new Error(`script ${name} does not compile`);
    scripts.set(name, s.compiled);
  }
  let output = '';
  const log: string[] = [];
  const ctx = newRunContext({
    out: (s) => (output += s),
    log: (s) => log.push(s),
    variables: new Map(Object.entries(opts.variables ?? {})),
    event: newEventState('', new Map(Object.entries(opts.inputs ?? {}))),
    scripts,
  });
  const r = execute(c.compiled, ctx);
  return {
    output,
    log,
    error: r.error?.message ?? null,
    exitMessage: r.exitMessage,
    variables: Object.fromEntries(ctx.variables),
    outputs: Object.fromEntries(ctx.event.outputs),
    blocked: ctx.event.blockExecution,
    message: ctx.event.message,
    outbox: ctx.outbox,
  };
}

export { cleanupTempDirs, emptyStore, tempDir } from '../common.js';
