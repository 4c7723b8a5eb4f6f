// setValue on a date field of a CRM class: the text is read as a date and stored the way the
// sandbox keeps dates ('YYYY-MM-DD hh:mm:ss'); text that is no date is a script error at the call
// instead of a value that later compares as text.
import { afterAll, describe, expect, it } from 'vitest';
import { crmFixture, runWithCrm } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

describe('date fields of the CRM classes', () => {
  it('are stored as dates, from any form DateTime reads; empty text clears them', async () => {
    const f = await crmFixture({ rollback: true });
    try {
      const r = runWithCrm(
        f,
        `Ticket t;
t.load(1);
t.setValue("deadline", "2025-3-4");
t.save();
printLine(t.getValue("deadline"));
t.setValue("deadline", "20250304101112");
t.save();
printLine(t.getValue("deadline"));
t.setValue("deadline", "2025-03-04T10:11");
t.save();
printLine(t.getValue("deadline"));
t.setValue("deadline", "");
t.save();
printLine("[" + t.getValue("deadline") + "]");`,
      );
      expect(r.error).toBeNull();
      expect(r.output).toBe('2025-03-04 00:00:00\n2025-03-04 10:11:12\n2025-03-04 10:11:00\n[]\n');
    } finally {
      f.driver.close();
    }
  });

  it('refuse text that is no date, naming the field, and keep the value they had', async () => {
    const f = await crmFixture({ rollback: true });
    try {
      const before = runWithCrm(f, 'Ticket t; t.load(1); printLine("[" + t.getValue("deadline") + "]");').output;
      const r = runWithCrm(f, 'Ticket t;\nt.load(1);\nt.setValue("deadline", "not a date");\nt.save();');
      expect(r.error).toBe('Ticket.setValue: "not a date" is not a date for deadline (write it as YYYY-MM-DD hh:mm:ss, or YYYY-MM-DD)');
      expect(runWithCrm(f, 'Ticket t; t.load(1); printLine("[" + t.getValue("deadline") + "]");').output).toBe(before);
    } finally {
      f.driver.close();
    }
  });
});
