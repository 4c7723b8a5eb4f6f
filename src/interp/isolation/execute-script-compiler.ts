// Gives executeScript (stdlib/execute-script.ts) the CRMScript compiler. It is loaded only for a
// run whose program names executeScript: the parser and checker are no part of an ordinary run.
import { EXECUTED_FILE, provideScriptCompiler } from '../stdlib/execute-script.js';

let ready: Promise<void> | null = null;

export function prepareExecuteScript(): Promise<void> {
  ready ??= import('../compile-script.js').then(({ compileScript, IncludeError }) => {
    provideScriptCompiler((source) =>
      compileScript({
        source,
        file: EXECUTED_FILE,
        resolveInclude: (name) => {
          throw new IncludeError(`#include "${name}": code given to executeScript cannot include scripts`);
        },
      }),
    );
  });
  return ready;
}
