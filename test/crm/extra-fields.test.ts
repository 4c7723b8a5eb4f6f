// Extra fields: x_ columns an operator adds to a standard table (as SuperOffice's admin adds them),
// picked up by the sandbox's schema on SQLite and PostgreSQL — SearchEngine, Ticket.getValue and
// the NetServer entities' ExtraFields / CustomFields see them, and saving an entity writes them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, crmFixture, describeBackends, runOk, runWithCrm, type CrmFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';
import { loadSqlite } from '../../src/crm/sqlite/engine.js';

beforeAll(loadSqlite);
afterAll(cleanupTempDirs);

describeBackends('extra fields on standard tables', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({}, await b.fresh());
    f.crm.execute('ALTER TABLE ticket ADD COLUMN x_reason VARCHAR(40)');
    f.crm.execute('ALTER TABLE contact ADD COLUMN x_tier INTEGER');
    f.crm.execute('ALTER TABLE contact ADD COLUMN x_score DOUBLE PRECISION');
    f.crm.execute("UPDATE ticket SET x_reason = 'warranty' WHERE id = 1");
    f.crm.execute('UPDATE contact SET x_tier = 3, x_score = 4.5 WHERE contact_id = 2');
  });
  afterAll(() => f.driver.close());

  it('SearchEngine selects and filters them, and Ticket.getValue reads them', () => {
    const out = runOk(
      f,
      `SearchEngine se;
se.addField("ticket.id");
se.addField("ticket.x_reason");
se.addCriteria("ticket.x_reason", "Equals", "warranty");
for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + " " + se.getField(1));
Ticket t;
t.load(1);
printLine(t.getValue("x_reason"));`,
    );
    expect(out).toBe('1 warranty\nwarranty\n');
  });

  it('an entity carries them as ExtraFields and CustomFields, and its save writes a changed one', () => {
    const out = runOk(
      f,
      `NSContactAgent ca;
NSContactEntity c = ca.GetContactEntity(2);
Map x = c.GetExtraFields();
printLine(x.get("x_tier") + " " + x.get("x_score") + " " + c.GetCustomFields().get("x_tier"));
x.insert("x_tier", "5");
c.SetExtraFields(x);
ca.SaveContactEntity(c);
SearchEngine se;
se.addField("contact.x_tier");
se.addCriteria("contact.contact_id", "Equals", "2");
se.execute();
printLine(se.getField(0));
NSTicketAgent ta;
printLine(ta.GetTicketEntity(1).GetExtraFields().get("x_reason"));`,
    );
    expect(out).toBe('[I:3] [F:4.5] [I:3]\n5\nwarranty\n');
  });

  it('a field the table does not have is still an error naming the ones it has', () => {
    const r = runWithCrm(f, 'SearchEngine se;\nse.addField("ticket.x_reasons");\nse.execute();');
    expect(r.error).toMatch(/unknown field "x_reasons" in table ticket \(did you mean x_reason/);
  });
});

it('an operator adds an extra field with `crm sql --write` and scripts use it at once', async () => {
  const home = (await import('../common.js')).tempDir('crm-xfield-');
  expect((await cli(['crm', 'sql', '--write', 'ALTER TABLE person ADD COLUMN x_badge TEXT'], home)).code).toBe(0);
  expect((await cli(['crm', 'sql', '--write', "UPDATE person SET x_badge = 'B-17' WHERE person_id = 5"], home)).code).toBe(0);
  const script = join(home, 'badge.crm');
  writeFileSync(script, 'NSPersonAgent pa;\nprintLine(pa.GetPersonEntity(5).GetExtraFields().get("x_badge"));');
  const r = await cli(['run', script], home);
  expect(r.err).toBe('');
  expect(r.out).toBe('B-17\n');
});
