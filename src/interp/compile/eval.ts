// Compiling one function for the debugger's evaluate.
import { DIVISOR_DECL } from './inline-checks.js';
import type * as A from '../../grammar/ast.js';
import type { CheckResult, FnInfo } from '../checker.js';
import { JS_STR } from './emitter.js';
import { StmtEmitter } from './statements.js';
import type { CompiledEval } from './types.js';

class EvalCompiler extends StmtEmitter {}

/**
 * Compiles one function of a checked program for the debugger's evaluate, without hooks. Struct
 * classes and user functions come from the running program ($S by struct name, $F by JS name),
 * so an evaluation calls the real functions, which see the real globals.
 */
export function compileEval(program: A.Program, checked: CheckResult, fn: FnInfo, file: string): CompiledEval {
  const c = new EvalCompiler(file, 'fast', checked.catalog);
  c.ann = checked.ann;
  c.emit('"use strict";');
  c.emit(DIVISOR_DECL);
  for (const item of program.body) {
    if (item.kind === 'StructDecl') c.emit(`const ${c.ann.structs.get(item)!.js} = $S.get(${JS_STR(item.name)});`);
    else if (item.kind === 'FunctionDecl' && c.ann.fns.get(item) !== fn) c.emit(`const ${c.ann.fns.get(item)!.js} = $F.${c.ann.fns.get(item)!.js};`);
    else if (item.kind === 'VarDecl') for (const d of item.declarators) c.emit(`let ${c.ann.syms.get(d)!.js};`);
  }
  c.funcBody(fn, `return function (${c.params(fn)}) {`);
  c.placeOps();
  return { code: c.lines.join('\n'), natives: c.natives };
}
