// DBWrite, the reference's obsolete row writer that older scripts still use: insert a row of a
// table (extra tables too), update and delete the row addWhereId names, on every CRM backend;
// what it wrote is what SearchEngine reads.
import { afterAll, expect, it } from 'vitest';
import { crmFixture, describeBackends, runWithCrm } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

describeBackends('DBWrite', (b) => {
  it('inserts, updates and deletes a row; typed values are stored as the column keeps them', async () => {
    const f = await crmFixture({ rollback: true }, await b.fresh());
    try {
      const r = runWithCrm(
        f,
        `DBWrite w;
w.addTable("y_equipment");
w.addString("x_name", "Router R-1");
w.addString("x_serial", "R1-0001");
w.addInteger("x_contact", 2);
w.addDateTime("x_purchased", DateTime(2025, 5, 17, 10, 30, 0));
Integer id = w.insert();
Integer id2 = w.insert();
printLine((id > 3).toString() + " " + (id2 == id + 1).toString());
DBWrite u;
u.addTable("y_equipment");
u.addWhereId(id);
u.addString("x_serial", "R1-0002");
u.addDate("x_purchased", Date("2025-06-01"));
u.addInteger("x_contact", "3");
u.update();
SearchEngine se;
se.addField("y_equipment.x_name");
se.addField("y_equipment.x_serial");
se.addField("y_equipment.x_purchased");
se.addField("y_equipment.x_contact");
se.addCriteria("y_equipment.id", "OperatorIn", id.toString() + "," + id2.toString());
se.addOrder("y_equipment.id", true);
for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + " | " + se.getField(1) + " | " + se.getField(2) + " | " + se.getField(3));
u.delete();
SearchEngine c;
c.addField("y_equipment.id");
c.addCriteria("y_equipment.x_name", "Equals", "Router R-1");
printLine(c.countRows().toString());`,
      );
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      expect(r.output).toBe('true true\nRouter R-1 | R1-0002 | 2025-06-01 00:00:00 | 3\nRouter R-1 | R1-0001 | 2025-05-17 10:30:00 | 2\n1\n');
    } finally {
      f.driver.close();
    }
  });

  it('says what is missing or wrong: the table, the row, a column', async () => {
    const f = await crmFixture({ rollback: true }, await b.fresh());
    try {
      expect(runWithCrm(f, 'DBWrite w; w.addTable("tickets");').error).toBe('DBWrite.addTable: unknown table "tickets"');
      expect(runWithCrm(f, 'DBWrite w; w.addString("title", "x");').error).toBe('DBWrite.addString: name the table first (addTable)');
      expect(runWithCrm(f, 'DBWrite w; w.addTable("ticket"); w.addString("titel", "x");').error).toBe('DBWrite.addString: unknown field "titel" in table ticket (did you mean title?)');
      expect(runWithCrm(f, 'DBWrite w; w.addTable("ticket"); w.addString("title", "x"); w.update();').error).toBe('DBWrite.update: name the row first (addWhereId)');
      expect(runWithCrm(f, 'DBWrite w; w.addTable("ticket"); w.addWhereId(999); w.delete();').error).toBe('DBWrite.delete: ticket has no row 999');
    } finally {
      f.driver.close();
    }
  });
});
