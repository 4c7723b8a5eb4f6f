// Dynamic selections and saved finds on every CRM backend: criteria kept in SearchCriteria,
// SearchCriteriaGroup, SearchCriterion and SearchCriterionValue as SuperOffice lays them out; a
// dynamic selection's members are what its criteria find (groups OR-ed, a group's restrictions
// AND-ed) and follow its criteria and the data; combined selections; the demo's dynamic selection;
// NSSelectionAgent's criteria methods and GetSelectionForFind. The NSFindAgent side (saved finds,
// restriction groups, criteria information, a sandbox made by an older build gaining the tables)
// is in selection-criteria-find.test.ts.
import { afterAll, expect, it } from 'vitest';
import { describeBackends } from './helpers.js';
import { cleanupTempDirs } from '../common.js';
import { criteriaSandbox } from './criteria-prelude.js';

afterAll(cleanupTempDirs);

describeBackends('dynamic selections', (b) => {
  const { fixture, run, error } = criteriaSandbox(b);

  it("has the demo's dynamic selection: Carol's companies or the hotels, two groups of criteria", () => {
    expect(
      run(`NSSelectionEntity e = sa.GetSelectionEntity(2);
printLine(e.GetName() + " | type " + e.GetSelectionType().toString() + " | " + e.GetMemberCount().toString() + " members | " + ids(2));
printLine(groups(sa.GetDynamicSelectionCriteriaGroups(2)));
printLine(shown(sa.GetDynamicSelectionCriteria(2)));
foreach (NSArchiveListItem row in sa.GetSelectionMembersArchiveRows(2, "name,associate_id")) printLine(row.GetPrimaryKey().toString() + " " + row.GetColumnData().get("name") + " " + row.GetColumnData().get("associate_id"));
printLine(sa.GetSelectionShadowMembersArchiveRows(2, "name").length().toString());`),
    ).toBe(
      [
        "Carol's companies and hotels | type 1 | 3 members | 2,3,4",
        '0/0[associateId associateIsOneOf 3] 1/1[name contains Hotel]',
        '[associateId associateIsOneOf 3]',
        '2 Nordic Bikes AS 3',
        '3 Acme Logistics 3',
        '4 Blue Fjord Hotels 2',
        '3',
        '',
      ].join('\n'),
    );
  });

  it('keeps the criteria of a selection as SuperOffice lays them out, and its members follow the criteria', () => {
    const out = run(`Integer id = selection("Retail", "contact", 1);
printLine(ids(id) + " | " + sa.GetSelectionEntity(id).GetMemberCount().toString());
printLine(shown(sa.SetDynamicSelectionCriteria(id, one(restriction("department", "=", "Retail")))));
NSSelectionEntity e = sa.GetSelectionEntity(id);
printLine(ids(id) + " | " + e.GetMemberCount().toString() + " | " + (!e.GetLastMembershipChange().isNull()).toString());
printLine(id.toString());`);
    const [empty, set, after, idText] = out.trimEnd().split('\n');
    expect([empty, set, after]).toEqual([' | 0', '[department = Retail]', '2 | 1 | true']);
    const id = Number(idText);
    const [criteria] = fixture().crm.select('SearchCriteria', { where: [{ column: 'ownerId', op: '=', value: id }, { column: 'ownerTable', op: '=', value: 23 }] });
    expect(criteria).toMatchObject({ ownerType: 1, ownerTable: 23, ownerId: id });
    const groupRows = fixture().crm.select('SearchCriteriaGroup', { where: [{ column: 'SearchCriteria_id', op: '=', value: criteria.SearchCriteria_id }] });
    expect(groupRows).toHaveLength(1);
    expect(groupRows[0]).toMatchObject({ name: '0', rank: 0, active: 1, direction: 0 });
    const [criterion] = fixture().crm.select('SearchCriterion', { where: [{ column: 'SearchCriteriaGroup_id', op: '=', value: groupRows[0].SearchCriteriaGroup_id }] });
    expect(criterion).toMatchObject({ columnName: 'department', operatorName: '=', active: 1, rank: 0 });
    const values = fixture().crm.select('SearchCriterionValue', { where: [{ column: 'SearchCriterion_id', op: '=', value: criterion.SearchCriterion_id }] });
    expect(values.map((v) => v.stringValue)).toEqual(['Retail']);

    // new criteria replace the old; a new company that fits is a member at once
    expect(
      run(`sa.SetDynamicSelectionCriteria2(${id}, "name startswith 'A' or name begins 'P'");
printLine(ids(${id}) + " | " + groups(sa.GetDynamicSelectionCriteriaGroups(${id})));
NSContactAgent ca;
NSContactEntity c = ca.CreateDefaultContactEntity();
c.SetName("Aurora AS");
c = ca.SaveContactEntity(c);
printLine((ids(${id}) == "3,5," + c.GetContactId().toString()).toString());
sa.SetDynamicSelectionCriteria(${id}, one(restriction("contact_id", "oneOf", "1,4")));
printLine(ids(${id}) + " | " + groups(sa.GetDynamicSelectionCriteriaGroups(${id})));`),
    ).toBe('3,5 | 0/0[name startswith A] 1/1[name begins P]\ntrue\n1,4 | 0/0[contact_id oneOf 1|4]\n');
    expect(fixture().crm.select('SearchCriteriaGroup', { where: [{ column: 'SearchCriteria_id', op: '=', value: criteria.SearchCriteria_id }] })).toHaveLength(1);
  });

  it('ORs the groups and ANDs the restrictions of a group; inactive restrictions do not count', () => {
    expect(
      run(`Integer id = selection("Groups", "contact", 1);
NSArchiveRestrictionGroup[] gs;
gs.pushBack(group("bikes in retail", two(restriction("department", "=", "Retail"), restriction("name", "contains", "Bikes"))));
gs.pushBack(group("", one(restriction("contact_id", "=", "5"))));
printLine(groups(sa.SetDynamicSelectionCriteriaGroups(id, gs)) + " | " + ids(id));
gs[0].SetRestrictions(two(restriction("department", "=", "Retail"), restriction("name", "contains", "Hotels")));
sa.SetDynamicSelectionCriteriaGroups(id, gs);
printLine(ids(id));
NSArchiveRestrictionInfo off = restriction("contact_id", "=", "5");
off.SetIsActive(false);
gs[1].SetRestrictions(one(off));
sa.SetDynamicSelectionCriteriaGroups(id, gs);
printLine("[" + ids(id) + "] " + shown(sa.GetDynamicSelectionCriteriaGroups(id)[1].GetRestrictions()));
sa.SetDynamicSelectionCriteria3(id, one(restriction("department", "contains", "e")), "name contains 'o' or contact_id = 5");
printLine(ids(id) + " | " + groups(sa.GetDynamicSelectionCriteriaGroups(id)));
Integer persons = selection("N persons", "person", 1);
sa.SetDynamicSelectionCriteria2(persons, "firstname begins 'N' or lastname = 'Moe'");
printLine(ids(persons));
foreach (NSArchiveListItem row in sa.GetSelectionShadowMembersArchiveRows(persons, "firstname")) printLine(row.GetEntityName() + " " + row.GetColumnData().get("firstname"));`),
    ).toBe(
      [
        '0/bikes in retail[department = Retail][name contains Bikes] 1/1[contact_id = 5] | 2,5',
        '5',
        '[] [contact_id = 5 off]',
        '1,2,3 | 0/0[department contains e][name contains o] 1/1[department contains e][contact_id = 5]',
        '5,11',
        'person Nina',
        'person Kari',
        '',
      ].join('\n'),
    );
  });

  it('combines two selections of a table: left without right, right without left, both, either but not both, either', () => {
    const out = run(`Integer left = selection("Left", "contact", 1);
sa.SetDynamicSelectionCriteria2(left, "contact_id oneOf (1, 2, 3)");
Integer right = selection("Right", "contact", 0);
NSContactPersonId p; NSContactPersonId[] ps;
p.SetContactId(3); ps.pushBack(p);
NSContactPersonId q; q.SetContactId(4); ps.pushBack(q);
sa.AddContactSelectionMembers(right, ps);
for (Integer how = 1; how <= 5; how++) {
  NSSelectionEntity c = sa.CreateSelectionEntity("contact");
  c.SetName("Combined " + how.toString());
  c.SetSelectionType(2);
  c.SetLeftSelectionId(left);
  c.SetRightSelectionId(right);
  c.SetSelectionUnionType(how);
  c = sa.SaveSelectionEntity(c);
  printLine(how.toString() + ": " + ids(c.GetSelectionId()) + " (" + sa.GetSelectionEntity(c.GetSelectionId()).GetMemberCount().toString() + ")");
}
Integer copy = selection("Copy", "contact", 0);
sa.CopySelectionMembers(left, copy);
printLine(ids(copy));
NSSelectionEntity made = sa.CreateSelectionFromSelection(left, "Left again", 1, false);
printLine(made.GetSelectionType().toString() + " " + ids(made.GetSelectionId()) + " " + shown(sa.GetDynamicSelectionCriteria(made.GetSelectionId())));
Integer sales = selection("Sales", "sale", 1);
NSSelectionEntity bad = sa.CreateSelectionEntity("contact");
bad.SetName("Mixed"); bad.SetSelectionType(2); bad.SetLeftSelectionId(left); bad.SetRightSelectionId(sales); bad.SetSelectionUnionType(5);
bad = sa.SaveSelectionEntity(bad);
try { getSelectionIds(bad.GetSelectionId()); } catch { printLine(error); }
bad.SetRightSelectionId(right); bad.SetSelectionUnionType(0);
sa.SaveSelectionEntity(bad);
try { sa.GetSelectionMembersArchiveRows(bad.GetSelectionId(), "name"); } catch { printLine(error); }`);
    const lines = out.split('\n');
    expect(lines.slice(0, 7)).toEqual(['1: 1,2 (2)', '2: 4 (1)', '3: 3 (1)', '4: 1,2,4 (3)', '5: 1,2,3,4 (4)', '1,2,3', '1 1,2,3 [contact_id oneOf 1|2|3]']);
    expect(lines[7]).toMatch(/^getSelectionIds: combined selection \d+ is of companies and persons, and its selection \d+ of sales: a combined selection combines two selections of its own table$/);
    expect(lines[8]).toMatch(/^NSSelectionAgent\.GetSelectionMembersArchiveRows: combined selection \d+ has no way of combining its selections \(SelectionUnionType 0; it takes 1 left without right, 2 right without left, 3 both, 4 either but not both, 5 either\)$/);
  });

  it("gives the user's selection for Find of a table, whose criteria NSFindAgent reaches by its id", () => {
    const out = run(`NSSelectionForFind s = sa.GetSelectionForFind("sale", 0);
NSSelectionForFind again = sa.GetSelectionForFind("sale", -1);
printLine(s.GetProviderName() + " | " + s.GetMainHeading() + " | " + s.GetSelectionEntityHeading() + " | " + (s.GetSelectionId() == again.GetSelectionId()).toString() + " " + s.GetCanSaveAsSelection().toString());
NSSelectionEntity e = sa.GetSelectionEntity(s.GetSelectionId());
printLine(e.GetSelectionType().toString() + " " + e.GetTargetTableName());
fa.SaveRestrictions2("Criteria", s.GetProviderName(), s.GetSelectionId().toString(), "amount > 20000");
printLine(ids(s.GetSelectionId()) + " " + shown(sa.GetDynamicSelectionCriteria(s.GetSelectionId())));
NSFindResults r = fa.Find("Criteria", s.GetProviderName(), s.GetSelectionId().toString(), 0, 0);
printLine(r.GetRowCount().toString() + " " + r.GetArchiveRows()[0].GetColumnData().get("amount"));
printLine(sa.GetSelectionForFind("contact", 0).GetProviderName());`);
    expect(out).toBe('SaleDynamicSelectionV2 | Find sale | Sales | true true\n1 sale\n1,3 [amount > 20000]\n2 52000\nContactPersonDynamicSelectionV2\n');
  });

  it('says what it cannot do: an unknown column or operator, a typical search, a selection that is not there', () => {
    expect(error(`sa.SetDynamicSelectionCriteria(2, one(restriction("colour", "=", "red")));`)).toMatch(/^NSSelectionAgent\.SetDynamicSelectionCriteria: contact has no column 'colour' \(it has: contact_id, /);
    expect(error(`sa.SetDynamicSelectionCriteria2(2, "name sounds 'x'");`)).toMatch(/^NSSelectionAgent\.SetDynamicSelectionCriteria2: unknown restriction operator 'sounds' \(use one of: /);
    expect(error('sa.GetDynamicSelectionCriteriaGroups(999);')).toBe('NSSelectionAgent.GetDynamicSelectionCriteriaGroups: there is no selection with id 999');
    expect(error('sa.GetSelectionForFind("contact", 3);')).toBe('NSSelectionAgent.GetSelectionForFind: the sandbox CRM has no typical searches (typical search 3): use 0 for your Find selection as it is');
    expect(error('sa.GetSelectionForFind("spaceship", 0);')).toMatch(/^NSSelectionAgent\.GetSelectionForFind: 'spaceship' is not a table the sandbox keeps selections of \(contact \(5\), /);
    expect(error('sa.CreateSelectionFromSelection(1, "Copy", 1, false);')).toBe('NSSelectionAgent.CreateSelectionFromSelection: selection 1 is static: only a dynamic selection has criteria to copy');
    // the demo's criteria are unchanged by the refused calls
    expect(run('printLine(ids(2));')).toBe('2,3,4\n');
  });
});
