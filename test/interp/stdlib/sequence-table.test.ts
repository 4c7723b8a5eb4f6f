// The sandbox's `sequence` table (SuperOffice's next id of each table) on SQLite, and PostgreSQL
// when a test server is set: a row per table, upper-case names, SuperOffice's table numbers; the
// next ids follow inserts (also ones with ids of their own, as SuperOffice's chatbot sample makes
// them); raising next_id through SearchEngine.update, DBWrite or SQL moves the table's next id,
// lowering it does not; rows cannot be added or deleted; and an older sandbox gains the table.
import { it, expect, describe, beforeAll } from 'vitest';
import { describeBackends, pgOnlyDescribe } from '../../store/backends.js';
import { backendCrm, ok, olderSqliteOutput } from '../netserver/backend-runs.js';
import { loadSqlite } from '../../../src/crm/sqlite/engine.js';
import { olderPgSandbox, runFileOn } from '../../crm/helpers.js';
import { requireBuiltCli } from '../../common.js';

const NEXT = `Integer next(String table) { SearchEngine s; s.addField("sequence.next_id"); s.addCriteria("sequence.TableName", "Equals", table); s.execute(); return s.getField(0).toInteger(); }
Integer maxId() { SearchEngine s; s.addField("BinaryObject.BinaryObject_id"); s.addOrder("BinaryObject.BinaryObject_id", false); s.setLimit(1); s.execute(); return s.getField(0).toInteger(); }
`;

describeBackends('the sequence table', (b) => {
  const sandbox = backendCrm(b);
  const run = (source: string): string => ok(sandbox(NEXT + source));

  it('has a row per table with its number, its upper-case name and its next id', () => {
    const out = run(`SearchEngine s; s.addField("sequence.id"); s.addField("sequence.TableNumber"); s.addField("sequence.next_id"); s.addCriteria("sequence.TableName", "Equals", "CONTACT"); s.execute();
printLine(s.getField(0) + " " + s.getField(1) + " " + (s.getField(2).toInteger() > 1).toString());
SearchEngine m; m.addField("contact.contact_id"); m.addOrder("contact.contact_id", false); m.setLimit(1); m.execute();
printLine((next("CONTACT") == m.getField(0).toInteger() + 1).toString() + " " + next("EJSCRIPT").toString());
SearchEngine all; all.addField("sequence.TableName"); all.addCriteria("sequence.TableName", "Equals", "SEQUENCE"); all.execute(); printLine(all.eof().toString());
SearchEngine c; c.addField("sequence.id"); printLine((c.countRows() > 150).toString());`);
    expect(out).toBe('5 5 true\ntrue 1\ntrue\ntrue\n');
  });

  it("follows inserts, those with ids of their own too, and a raised next_id moves the table's next id", () => {
    const out = run(`Integer before = next("BINARYOBJECT");
SearchEngine i; i.addData("BinaryObject.description", "a"); Integer a = i.insert();
printLine((a == before).toString() + " " + (next("BINARYOBJECT") == a + 1).toString());
SearchEngine own; own.addData("BinaryObject.BinaryObject_id", (a + 10).toString()); own.addData("BinaryObject.description", "own"); own.insert();
printLine((next("BINARYOBJECT") == a + 11).toString());
SearchEngine up; up.addCriteria("sequence.TableName", "equals", "BINARYOBJECT"); up.addData("sequence.next_id", (a + 100).toString()); up.update();
SearchEngine j; j.addData("BinaryObject.description", "b"); printLine((j.insert() == a + 100).toString() + " " + (next("BINARYOBJECT") == a + 101).toString());
SearchEngine low; low.addCriteria("sequence.TableName", "equals", "BINARYOBJECT"); low.addData("sequence.next_id", "2"); low.update();
printLine((next("BINARYOBJECT") == a + 101).toString() + " " + (maxId() == a + 100).toString());
executeSQLQuery("UPDATE sequence SET next_id = " + (a + 500).toString() + " WHERE TableName = 'BINARYOBJECT'");
SearchEngine k; k.addData("BinaryObject.description", "c"); printLine((k.insert() == a + 500).toString());`);
    expect(out).toBe('true true\ntrue\ntrue true\ntrue true\ntrue\n');
  });

  // PostgreSQL refuses them too (the view's trigger raises the same message), but the refused
  // statement aborts the run's transaction, which this suite's shared connection cannot take
  it.skipIf(b.name === 'postgres')('refuses rows added or deleted', () => {
    const added = sandbox('SearchEngine s; s.addData("sequence.TableName", "X"); s.addData("sequence.next_id", "5"); s.insert();');
    expect(added.error).toMatch(/table sequence has one row per table, kept by the sandbox: rows cannot be added or deleted/);
    const deleted = sandbox('SearchEngine s; s.addCriteria("sequence.TableName", "equals", "CONTACT"); s.delete();');
    expect(deleted.error).toMatch(/rows cannot be added or deleted/);
  });
});

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());
  it('gains the sequence table, its next ids those of the file', async () => {
    const out = await olderSqliteOutput('sequence-old-', [], ['DROP VIEW "sequence"'], 26, `${NEXT}printLine((next("BINARYOBJECT") == maxId() + 1).toString());`);
    expect(out).toBe('true\n');
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it('gains the sequence table when a process of this build opens it; rows cannot be added or deleted', async () => {
    requireBuiltCli();
    const { url, admin } = await olderPgSandbox(['DROP VIEW crm."sequence"'], 25);
    try {
      expect(await runFileOn(url, 'sequence-pg-', `${NEXT}printLine((next("BINARYOBJECT") == maxId() + 1).toString());`, ['--rollback'])).toBe('true\n');
      for (const sql of [`INSERT INTO crm."sequence" (tablename) VALUES ('X')`, `DELETE FROM crm."sequence"`]) {
        await expect(admin.query(sql)).rejects.toThrow(/table sequence has one row per table, kept by the sandbox: rows cannot be added or deleted/);
      }
    } finally {
      await admin.end();
    }
  });
});
