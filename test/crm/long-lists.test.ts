// Long lists of values (NSFindAgent's oneOf, SearchEngine's In) on SQLite and PostgreSQL: past a
// few hundred items they go to the database as one parameter, so a list of any length works
// where a placeholder per item would pass the engine's limit ("too many SQL variables" at 32,766
// on SQLite), and they match what a short list matches.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crmFixture, describeBackends, runOk, type CrmFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';
import { loadSqlite } from '../../src/crm/sqlite/engine.js';

beforeAll(loadSqlite);
afterAll(cleanupTempDirs);

/** FindContact with one restriction on contact_id; prints the ids found. */
const find = (op: string, from: number, to: number): string => `{
NSFindAgent agent;
String[] columns;
columns.pushBack("contact_id");
String[] values;
for (Integer i = ${from}; i <= ${to}; i++) values.pushBack(i.toString());
NSArchiveRestrictionInfo[] restrictions;
NSArchiveRestrictionInfo r;
r.SetName("contact_id");
r.SetOperator("${op}");
r.SetValues(values);
r.SetIsActive(true);
restrictions.pushBack(r);
String line = "${op}:";
foreach (NSArchiveListItem row in agent.FindFromRestrictionsColumns(restrictions, "FindContact", columns, 0, 0).GetArchiveRows()) line += " " + row.GetColumnData().get("contact_id");
printLine(line);
}`;

/** SearchEngine over ticket ids and person last names with an In / NotIn list. */
const search = (field: string, op: string, items: string): string => `{
SearchEngine se;
se.addField("${field}");
se.addCriteria("${field}", "${op}", ${items});
se.addOrder("${field}", true);
String line = "${op}:";
for (se.execute(); !se.eof(); se.next()) line += " " + se.getField(0);
printLine(line);
}`;

describeBackends('long lists of values', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());

  it('NSFindAgent oneOf / notOneOf with 40,000 values', () => {
    expect(runOk(f, `${find('oneOf', 1, 40000)}\n${find('notOneOf', 2, 40000)}\n${find('oneOf', 4, 5)}`)).toBe('oneOf: 1 2 3 4 5\nnotOneOf: 1\noneOf: 4 5\n');
  });

  it('SearchEngine In / NotIn with long lists of numbers and of text', () => {
    const numbers = `{ String s = "1"; for (Integer i = 2; i <= 5000; i++) s += "," + i.toString(); se_list = s; }`;
    const out = runOk(
      f,
      `String se_list;
${numbers}
${search('ticket.id', 'In', 'se_list')}
String notIn = "3";
for (Integer i = 4; i <= 5000; i++) notIn += "," + i.toString();
${search('ticket.id', 'NotIn', 'notIn')}
String names = "Berg";
for (Integer i = 0; i < 2000; i++) names += ",Nobody" + i.toString();
${search('person.lastname', 'In', 'names')}
${search('person.lastname', 'In', '"Berg"')}`,
    );
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['In: 1 2 3 4 5 6 7 8 9 10', 'NotIn: 1 2']);
    // the long list of names finds what the one name finds
    expect(lines[2]).toMatch(/^In: Berg/);
    expect(lines[2]).toBe(lines[3]);
  });
});
