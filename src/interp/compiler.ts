// Compiles a checked AST to the body of one JavaScript function. CRMScript functions become JS
// functions, structs JS classes, variables JS locals; Integer arithmetic wraps to 32 bits.
// Every statement starts a new line of generated code, and `lineMap` maps generated lines back
// to the statement's source position, so a runtime error's JS stack frame names the script line.
// This file compiles a whole program; compile/ holds the emitter's parts.
import type * as A from '../grammar/ast.js';
import type { CheckResult } from './checker.js';
import { PENDING } from './compile/instrument.js';
import { StmtEmitter } from './compile/statements.js';
import { DIVISOR_DECL } from './compile/inline-checks.js';
import { loops } from './compile/fused-step.js';
import { asksNumberNull } from './compile/emitter.js';
import type { CompiledProgram, CompileMode } from './compile/types.js';

export type { CompiledEval, CompiledProgram, CompileMode, DebugFn, DebugInfo, DebugLocal, DebugStmt, SourcePos } from './compile/types.js';
export { ENTER_ARGS } from './compile/types.js';
export { compileEval } from './compile/eval.js';

/** Hooked compilations so far in this process (see Compiler.program). */
let hookedCompilations = 0;

export function compile(program: A.Program, checked: CheckResult, file: string, mode: CompileMode = 'fast'): CompiledProgram {
  return new Compiler(file, mode, checked.catalog).program(program, checked);
}

class Compiler extends StmtEmitter {
  program(p: A.Program, checked: CheckResult): CompiledProgram {
    if (this.hooked) this.dbg.fns.push({ name: '(main)', line: 1, order: -1, params: 0, locals: [], scopes: [-1] });
    this.ann = checked.ann;
    // a replay holds unset numbers as the run it replays did ('recorded' is 'fast'): -0 and 0 part
    // ways in a few places (pow(i, -1.0) is -inf or inf), and the replay must make the same run
    this.nullIntegers = (this.hooked && this.mode !== 'replay') || asksNumberNull(checked.ann);
    this.emit('"use strict";');
    this.emit(DIVISOR_DECL);
    if (this.traced) this.emit('const $r = $h.$r; // the trace recorder (see stmtHook)');
    if (this.mode === 'recorded') this.emit('const $E = $h.$E; // ticks (see CompileMode)');
    // structs and functions first (their declarations are hoisted in JS; the checker already
    // enforced declare-before-use), then the top-level statements
    for (const item of p.body) {
      if (item.kind === 'StructDecl') this.struct(this.ann.structs.get(item)!);
      else if (item.kind === 'FunctionDecl') this.func(this.ann.fns.get(item)!);
    }
    const mainStart = this.lines.length;
    const saved = this.fctx;
    this.fctx = { temps: 0 };
    if (this.hooked) {
      const fns = p.body.filter((i): i is A.FunctionDecl => i.kind === 'FunctionDecl').map((i) => this.ann.fns.get(i)!.js);
      this.emit(`$h.fnTable({ ${fns.map((f) => `${f}: ${f}`).join(', ')} });`);
      const main = p.body.filter((i): i is A.Stmt => i.kind !== 'StructDecl' && i.kind !== 'FunctionDecl');
      this.hookedBody(0, this.dbg.fns[0], mainStart + 1, () => {
        for (const item of main) this.stmt(item);
      }, [], main.some(loops));
    } else {
      for (const item of p.body) if (item.kind !== 'StructDecl' && item.kind !== 'FunctionDecl') this.stmt(item);
      this.declareTemps(mainStart);
    }
    this.fctx = saved;
    // V8 shares the type feedback of code built from identical text (`new Function` caches it).
    // Hooked code runs with different hooks (debugger, tracer), and calls that saw two hook
    // implementations are no longer inlined: a distinct last line keeps compilations apart.
    if (this.hooked) this.emit(`// hooked compilation ${++hookedCompilations}`);
    if (this.pendingSlots.length) {
      // every global has its slot now; -1 (a harmless property) only if one never got one
      const at = (i: number): string => /\[(\d+)\]$/.exec(this.slots.get(this.pendingSlots[i]) ?? '')?.[1] ?? '-1';
      this.lines = this.lines.map((l) => (l.includes(PENDING) ? l.replace(/\u0001(\d+)\u0001/g, (_, i: string) => at(Number(i))) : l));
    }
    this.placeOps();
    const out: CompiledProgram = { code: this.lines.join('\n'), lineMap: this.map, natives: this.natives, file: this.file };
    if (this.traced) this.dbg.traced = true;
    if (this.hooked) out.debug = this.dbg;
    if (this.mode === 'recorded') out.ticks = true;
    if (this.mode === 'replay') out.replays = true;
    return out;
  }

}
