// The variables SuperOffice's session gives every script about its user: getVariable("activeUser")
// (the ejuser id), "activeUsername" (the login name) and "activeAssociateId", from the CRM user the
// run acts as, unless the run was given values of its own.
import { afterAll, describe, expect, it } from 'vitest';
import { crmFixture, runWithCrm } from './helpers.js';
import { cleanupTempDirs } from '../common.js';
import { compileScript } from '../../src/interp/compile-script.js';
import { execute } from '../../src/interp/execute.js';
import { newRunContext } from '../../src/interp/runtime/context.js';

afterAll(cleanupTempDirs);

const SRC = `User u = getActiveUser();
printLine(getVariable("activeUser") + "|" + u.getValue("id"));
printLine(getVariable("activeUsername") + "|" + u.getValue("username"));
printLine(getVariable("activeAssociateId"));
printLine(getVariable("activeSomethingElse").isNull().toString());`;

describe('session variables', () => {
  it('tell the user the run acts as', async () => {
    const f = await crmFixture({ rollback: true, user: 'carol' });
    try {
      const r = runWithCrm(f, SRC);
      expect(r.error).toBeNull();
      const [user, name, assoc, other] = r.output.trim().split('\n');
      const [fromVar, fromUser] = user!.split('|');
      expect(fromVar).toBe(fromUser);
      expect(Number(fromVar)).toBeGreaterThan(0);
      expect(name).toBe('carol|carol');
      expect(assoc).toBe(String(f.crm.actor().associateId));
      expect(other).toBe('true');
    } finally {
      f.driver.close();
    }
  });

  it('give way to values the run was given, and are empty without a CRM', () => {
    const c = compileScript({ source: 'printLine("[" + getVariable("activeUser") + "]");', file: 'test.crm' });
    let out = '';
    execute(c.compiled!, newRunContext({ out: (s) => (out += s), variables: new Map([['activeUser', '42']]) }));
    execute(c.compiled!, newRunContext({ out: (s) => (out += s) }));
    expect(out).toBe('[42]\n[]\n');
  });
});
