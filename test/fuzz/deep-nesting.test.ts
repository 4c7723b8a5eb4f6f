// Fuzz test, deep nesting (issue 13, items 4 and 6): programs nested hundreds or thousands of
// levels deep, in the shapes the issue names. The rule: the engine handles the depth, or it
// reports "nesting too deep" with a line and column; it never throws (a JavaScript stack
// overflow) and never produces an internal error.
import { describe, expect, it } from 'vitest';
import { compileScript } from '../../src/interp/compile-script.js';
import { deepNesting } from './generators.js';
import { INTERNAL, checkInput, report, type Failure } from './check.js';

describe('deep nesting', () => {
  // Either the engine handles the depth, or it says "nesting too deep" with a position.
  for (const depth of [100, 400, 1000, 5000]) {
    it(`handles ${depth} levels or says the nesting is too deep, with a position`, () => {
      const failures: Failure[] = [];
      for (const { name, source } of deepNesting(depth)) {
        const c = checkInput(source);
        if (!c.problem) continue;
        const out = safeDiagnostics(source);
        const clear = out.some((d) => /nest|too deep/i.test(d.message) && d.line >= 1 && d.col >= 1) && !out.some((d) => INTERNAL.test(d.message));
        if (!clear) failures.push({ kind: name, index: depth, problem: c.problem, source });
      }
      expect(failures, report(failures, 20)).toEqual([]);
    }, 120_000);
  }
});

function safeDiagnostics(source: string): Array<{ message: string; line: number; col: number }> {
  try {
    return compileScript({ source, file: 'fuzz.crm', resolveInclude: () => null }).diagnostics;
  } catch {
    return [];
  }
}
