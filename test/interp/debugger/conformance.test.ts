// A debug run (hooked code, agent attached, no stop) must print exactly what the fast run prints,
// for every conformance case that has an expected output and no arguments or expected error.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScript, fileIncludeResolver } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext } from '../../../src/interp/runtime/context.js';
import { sharedPath } from '../../shared.js';
import { compileForDebug, startDebugRun } from '../../../src/interp/debugger/controller.js';

const dir = sharedPath('conformance/cases') ?? '';
const cases = dir
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.crm'))
      .map((f) => f.slice(0, -4))
      .filter((b) => existsSync(join(dir, `${b}.out`)) && !existsSync(join(dir, `${b}.args`)) && !existsSync(join(dir, `${b}.err`)))
      .sort()
  : [];

describe.skipIf(!cases.length)('debug runs match fast runs on the conformance cases', () => {
  it('finds the cases', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  for (const name of cases) {
    it(name, async () => {
      const file = join(dir, `${name}.crm`);
      const source = readFileSync(file, 'utf8');
      const fast = compileScript({ source, file, resolveInclude: fileIncludeResolver }).compiled!;
      let fastOut = '';
      const fr = execute(fast, newRunContext({ out: (s) => (fastOut += s) }));

      const c = compileForDebug({ source, file });
      expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const s = startDebugRun(c.compiled!, { stopOnEntry: false, debugSource: c.debugSource });
      const e = await s.waitForStop();
      if (e.t !== 'terminated') {
        await s.stop();
        throw new Error(`the debug run paused at line ${e.line} (${e.reason}${e.error ? `: ${e.error}` : ''})`);
      }
      expect(e.outcome.output).toBe(fastOut);
      expect(e.outcome.error?.message ?? null).toBe(fr.error?.message ?? null);
      expect(fastOut).toBe(readFileSync(join(dir, `${name}.out`), 'utf8'));
    });
  }
});
