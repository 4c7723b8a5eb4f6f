// getSelectionIds: the members of a static selection (selection, selectionmember), on every CRM
// backend; flushCaches has nothing to flush.
import { afterAll, expect, it } from 'vitest';
import { crmFixture, describeBackends, runWithCrm } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

describeBackends('getSelectionIds', (b) => {
  it('gives the target records of a static selection in member order, and says why it cannot for a dynamic one', async () => {
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
      expect(runWithCrm(f, `getSelectionIds(${dynamic});`).error).toBe(`getSelectionIds: selection ${dynamic} is dynamic: the sandbox keeps the members of static selections only`);
      expect(runWithCrm(f, 'getSelectionIds(999);').error).toBe('getSelectionIds: there is no selection 999');
    } finally {
      f.driver.close();
    }
  });
});
