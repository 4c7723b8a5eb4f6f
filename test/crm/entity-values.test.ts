// Entity getValue/setValue against the real sandbox database: a column with no value reads as
// the null String (isNull() true, "" everywhere else), and a field the sandbox derives from other
// rows says so when a script sets it (instead of calling it unknown).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmFixture, runWithCrm, type CrmFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

let f: CrmFixture;
beforeAll(async () => {
  f = await crmFixture({ rollback: true });
});
afterAll(() => {
  f.driver.close();
  cleanupTempDirs();
});

describe('entity values', () => {
  it('a column without a value is the null String until set, even to ""', () => {
    const r = runWithCrm(f, `Company c;
String n = c.getValue("name");
printLine(n.isNull().toString() + " [" + n + "] " + (n == "").toString());
c.setValue("name", "");
printLine(c.getValue("name").isNull().toString());
c.setValue("name", "Acme");
printLine(c.getValue("name"));`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output).toBe('true [] true\nfalse\nAcme\n');
  });

  it('setting a derived field is a clear error, not "unknown field"', () => {
    const r = runWithCrm(f, 'Company c;\nc.setValue("name", "SuperOffice");\nc.setValue("domain", "superoffice.com");');
    expect(r.error).toBe('Company.setValue: "domain" is derived from other data in the sandbox CRM and cannot be set');
  });
});
