// The null String ("no value": a String declared without a value, a CGI variable that was not
// sent) given to the CRM classes is stored as empty text. It reached the database as the
// runtime's String object and failed with an SQL error (SuperOffice's compactModeCallback script
// saves a ticket with getCgiVariable("ownedBy") when the form had no such field).
import { afterAll, expect, it } from 'vitest';
import { crmFixture, describeBackends, runWithCrm } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

describeBackends('the null String written to the CRM', (b) => {
  it('by setValue and save(), by SearchEngine.addData and update(), and as a criterion: stored and matched as empty text', async () => {
    const f = await crmFixture({ rollback: true }, await b.fresh());
    try {
      const r = runWithCrm(
        f,
        `String none;
Ticket t;
t.setValue("category", "1");
t.setValue("title", none);
Integer id = t.save();
Ticket back;
back.load(id);
printLine("[" + back.getValue("title") + "] " + back.getValue("title").isNull().toString());
back.setValue("title", getCgiVariable("not-sent"));
back.save();
SearchEngine se;
se.addData("ticket.title", none);
se.addCriteria("ticket.id", "Equals", id.toString());
se.update();
SearchEngine find;
find.addField("ticket.id");
find.addCriteria("ticket.title", "Equals", none);
find.addCriteria("ticket.id", "Equals", id.toString());
printLine(find.countRows().toString());`,
      );
      expect(r.error).toBeNull();
      expect(r.output).toBe('[] false\n1\n');
    } finally {
      f.driver.close();
    }
  });
});
