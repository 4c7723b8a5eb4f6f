// The variables SuperOffice's session gives every script about its user: getVariable("activeUser")
// (the ejuser id), "activeUsername" (the login name) and "activeAssociateId", from the CRM user the
// run acts as, unless the run was given values of its own.
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, crmFixture, runWithCrm } from './helpers.js';
import { cleanupTempDirs, tempDir } from '../common.js';
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

  it('are known in a real run whose script uses no other CRM built-in, as are the CRM lookups', async () => {
    const home = tempDir('session-');
    const file = join(home, 'who.crm');
    writeFileSync(file, 'printLine("[" + getVariable("activeUser") + "][" + getVariable("activeUsername") + "]");\nString built = "active" + "User";\nprintLine("[" + getVariable(built) + "]");');
    const r = await cli(['run', file, '--user', 'carol'], home);
    expect(r.err).toBe('');
    const [known, built] = r.out.trim().split('\n');
    expect(known).toMatch(/^\[[1-9]\d*\]\[carol\]$/);
    expect(built).toBe(known!.slice(0, known!.indexOf(']') + 1));
    // a name made at run time alone does not ready the CRM (README): the session does not answer it
    const only = join(home, 'built.crm');
    writeFileSync(only, 'String built = "active" + "User";\nprintLine("[" + getVariable(built) + "]");');
    expect((await cli(['run', only], home)).out).toBe('[]\n');
    const lookups = join(home, 'lookups.crm');
    writeFileSync(lookups, 'printLine(getSystemFlags().toString() + " " + getDocumentId("no such").toString() + " " + getReplyTemplateSubject(99999, -1).isEmpty().toString());\nWeekSchedule w; w.loadFromPriority(1); printLine(w.getMonStart().toString());');
    const l = await cli(['run', lookups], home);
    expect(l.err).toBe('');
    expect(l.out).toMatch(/^\d+ -1 true\n\d\d:\d\d:\d\d\n$/);
  }, 60_000);

  it('give way to values the run was given, and are empty without a CRM', () => {
    const c = compileScript({ source: 'printLine("[" + getVariable("activeUser") + "]");', file: 'test.crm' });
    let out = '';
    execute(c.compiled!, newRunContext({ out: (s) => (out += s), variables: new Map([['activeUser', '42']]) }));
    execute(c.compiled!, newRunContext({ out: (s) => (out += s) }));
    expect(out).toBe('[42]\n[]\n');
  });
});
