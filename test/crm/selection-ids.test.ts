// getSelectionIds: the members of a static selection (selection, selectionmember) and of a dynamic
// one (what its criteria find), on every CRM backend; flushCaches has nothing to flush.
import { afterAll, expect, it } from 'vitest';
import { crmFixture, describeBackends, runWithCrm } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

describeBackends('getSelectionIds', (b) => {
  it("gives the target records of a static selection in member order, and a dynamic selection's by its criteria", async () => {
    const f = await crmFixture({ rollback: true }, await b.fresh());
    try {
      const persons = f.crm.insert('selection', { name: 'Newsletter', seltype: 0, targetTableNumber: 6 });
      for (const p of [9, 5, 7]) f.crm.insert('selectionmember', { selection_id: persons, contact_id: 1, person_id: p, targetTableNumber: 6, targetRecordId: p });
      const companies = f.crm.insert('selection', { name: 'Partners', seltype: 0, targetTableNumber: 5 });
      for (const c of [4, 2]) f.crm.insert('selectionmember', { selection_id: companies, contact_id: c });
      const dynamic = f.crm.insert('selection', { name: 'Active', seltype: 1, targetTableNumber: 5 });
      const r = runWithCrm(f, `flushCaches();
Integer[] a = getSelectionIds(${persons});
Integer[] b = getSelectionIds(${companies});
printLine(a.buildString(",") + " | " + b.buildString(","));`);
      expect(r.error).toBeNull();
      expect(r.output).toBe('9,5,7 | 4,2\n');
      expect(runWithCrm(f, `printLine(getSelectionIds(${dynamic}).length().toString());`).output).toBe('0\n');
      const r2 = runWithCrm(f, `NSSelectionAgent sa;
sa.SetDynamicSelectionCriteria2(${dynamic}, "contact_id oneOf (4, 2)");
printLine(getSelectionIds(${dynamic}).buildString(","));
sa.SetDynamicSelectionCriteria2(${dynamic}, "colour = 'red'");`);
      expect(r2.output).toBe('2,4\n');
      expect(r2.error).toMatch(/^NSSelectionAgent\.SetDynamicSelectionCriteria2: contact has no column 'colour' \(it has: contact_id, /);
      expect(runWithCrm(f, 'getSelectionIds(999);').error).toBe('getSelectionIds: there is no selection 999');
    } finally {
      f.driver.close();
    }
  });
});
