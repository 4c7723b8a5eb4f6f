// NSFindAgent / NSArchiveAgent restrictions on user-defined fields ("contactUdef/SuperOffice:3"),
// on SQLite and PostgreSQL: values taken as the field takes them, entities without udef rows
// matching only "not set", and a value the field cannot take failing with the method's name.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crmFixture, describeBackends, runOk, runWithCrm, type CrmFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';
import { loadSqlite } from '../../src/crm/sqlite/engine.js';

beforeAll(loadSqlite);
afterAll(cleanupTempDirs);

/** A script that prints, per restriction, the ids of the companies FindContact finds. */
const finder = (calls: string): string => `Void find(String name, String op, String[] values) {
  NSFindAgent agent;
  String[] columns;
  columns.pushBack("contact_id");
  NSArchiveRestrictionInfo[] restrictions;
  NSArchiveRestrictionInfo r;
  r.SetName(name);
  r.SetOperator(op);
  r.SetValues(values);
  r.SetIsActive(true);
  restrictions.pushBack(r);
  NSFindResults result = agent.FindFromRestrictionsColumns(restrictions, "FindContact", columns, 50, 0);
  String line = op + ":";
  foreach (NSArchiveListItem row in result.GetArchiveRows()) line += " " + row.GetColumnData().get("contact_id");
  printLine(line);
}
String[] none;
${calls}`;

describeBackends('finding by user-defined field', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());

  it('compares numbers, text, list items and dates as the fields hold them', () => {
    // the demo's company fields: SuperOffice:1 employees (2: 42, 4: 310, 5: 18), :3 account code
    // (2: NB-1002, 4: BFH-7, 5: PS-55), :6 lead source list item (2: 2, 4: 3, 5: 1), :2 customer since
    const out = runOk(
      f,
      finder(`String[] n; n.pushBack("100");
find("contactUdef/SuperOffice:1", ">", n);
String[] lo; lo.pushBack("20"); lo.pushBack("400");
find("contactUdef/SuperOffice:1", "between", lo);
String[] c; c.pushBack("BFH-7");
find("contactUdef/SuperOffice:3", "=", c);
String[] p; p.pushBack("NB");
find("contactUdef/SuperOffice:3", "begins", p);
String[] l; l.pushBack("1"); l.pushBack("2");
find("contactUdef/SuperOffice:6", "oneOf", l);
find("contactUdef/SuperOffice:3", "set", none);
find("contactUdef/SuperOffice:3", "notSet", none);`),
    );
    expect(out).toBe('>: 4\nbetween: 2 4\n=: 4\nbegins: 2\noneOf: 2 5\nset: 2 4 5\nnotSet: 1 3\n');
  });

  it('sees what a save just wrote, and fails on a value the field cannot take or a field it does not have', () => {
    const out = runOk(
      f,
      `NSContactAgent ca;
NSContactEntity e = ca.GetContactEntity(3);
Map u = e.GetUserDefinedFields();
u.insert("SuperOffice:1", "150");
e.SetUserDefinedFields(u);
ca.SaveContactEntity(e);
${finder(`String[] n; n.pushBack("100");\nfind("contactUdef/SuperOffice:1", ">", n);`)}`,
    );
    expect(out).toBe('>: 3 4\n');
    const bad = runWithCrm(f, finder('String[] d; d.pushBack("soon");\nfind("contactUdef/SuperOffice:2", "=", d);'));
    expect(bad.error).toMatch(/NSFindAgent\.FindFromRestrictionsColumns: the user-defined field SuperOffice:2 \(Customer since\) takes a date/);
    const unknown = runWithCrm(f, finder('find("contactUdef/SuperOffice:99", "set", none);'));
    expect(unknown.error).toMatch(/contact has no published user-defined field 'SuperOffice:99'/);
    const other = runWithCrm(f, finder('find("personUdef/SuperOffice:1", "set", none);'));
    expect(other.error).toMatch(/'personUdef\/SuperOffice:1' is no user-defined field of contact/);
  });
});
