// getScriptId(includeName): the number of the CRM's ejscript row with that include name; a name
// only the product's store knows (its scripts have text ids) is an error saying so; a name nobody
// knows gives the null Integer. A stored run is told its store's include names only when it calls
// getScriptId (run/store-includes.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { crmFixture } from '../../crm/helpers.js';
import { cleanupTempDirs } from '../../common.js';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext } from '../../../src/interp/runtime/context.js';
import { includesFeature } from '../../../src/run/store-includes.js';
import type { StoreData } from '../../../src/store/schema.js';

afterAll(cleanupTempDirs);

const compiled = (source: string) => {
  const c = compileScript({ source, file: 'test.crm' });
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return c.compiled!;
};

describe('getScriptId', () => {
  it('reads ejscript by include name, refuses a store-only script, and gives null for an unknown name', async () => {
    const f = await crmFixture({ rollback: true });
    try {
      const id = f.crm.insert('ejscript', { include_id: 'lib-mail', description: 'mail helpers', hierarchy_id: 0, html_output: 0, unique_identifier: 'u1', updatedCount: 0, type: 0, blocked_verbs: 0 });
      let output = '';
      const run = (source: string) =>
        execute(compiled(source), newRunContext({ out: (s) => (output += s), crm: f.crm, features: { runProgram: false, file: false, http: false, storeIncludes: ['onlyInStore'] } }));
      const ok = run('Integer a = getScriptId("lib-mail"); Integer b = getScriptId("nobody"); printLine(a.toString() + " " + b.isNull().toString() + " " + b.toString());');
      expect(ok.error).toBeNull();
      expect(output).toBe(`${id} true 0\n`);
      const refused = run('Integer c = getScriptId("onlyInStore");');
      expect(refused.error?.message).toMatch(/^getScriptId: "onlyInStore" is a script of this product's store, and store scripts have no number/);
      expect(refused.error?.line).toBe(1);
    } finally {
      f.driver.close();
    }
  });

  it('a stored run is told the include names only when its program calls getScriptId', () => {
    const d = { scripts: [{ includeId: 'a' }, { includeId: '' }, { includeId: 'b' }] } as unknown as StoreData;
    expect(includesFeature(d, compiled('printLine("x");'))).toEqual({});
    expect(includesFeature(d, compiled('printLine("x");'), compiled('Integer i = getScriptId("a");'))).toEqual({ storeIncludes: ['a', 'b'] });
  });
});
