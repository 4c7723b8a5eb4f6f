// NSSelectionAgent on a real sandbox CRM (SQLite with its demo data): the selection entity, the
// members of static selections (companies and persons, and records of other tables), copies and
// selections made from selections, the user's temporary selection, deleting what a selection
// holds, follow-ups for its members, recipient counts, and what the sandbox cannot do. Every
// script runs as a rollback run, so each test starts from the demo data; tables are read back with
// SearchEngine and getSelectionIds.
import { describe, it, expect } from 'vitest';
import { sandboxCrm } from './sandbox-run.js';

const sandbox = sandboxCrm('crms-nssel-');

function run(source: string): { out: string; error: string | null; changed: string[] } {
  const r = sandbox(PRELUDE + source);
  return { out: r.out, error: r.error, changed: r.changes.map((x) => `${x.kind} ${x.table}`) };
}

/** Helpers every script has: a selection saved with a name and target, company/person pairs, id lists. */
const PRELUDE = `
NSSelectionAgent sa;
Integer newSelection(String name, String table) {
  NSSelectionEntity e = sa.CreateSelectionEntity(table);
  e.SetName(name);
  return sa.SaveSelectionEntity(e).GetSelectionId();
}
NSContactPersonId pair(Integer contact, Integer person) {
  NSContactPersonId p;
  p.SetContactId(contact);
  p.SetPersonId(person);
  return p;
}
NSContactPersonId[] pairs(NSContactPersonId a, NSContactPersonId b) {
  NSContactPersonId[] l;
  if (a.GetContactId() > 0 || a.GetPersonId() > 0) l.pushBack(a);
  if (b.GetContactId() > 0 || b.GetPersonId() > 0) l.pushBack(b);
  return l;
}
NSContactPersonId none() { NSContactPersonId p; return p; }
Integer[] list(Integer a, Integer b, Integer c) {
  Integer[] l;
  if (a > 0) l.pushBack(a);
  if (b > 0) l.pushBack(b);
  if (c > 0) l.pushBack(c);
  return l;
}
String ids(Integer selection) { return getSelectionIds(selection).buildString(","); }
`;

/** CRMScript that prints the members of a selection as contact/person/target/record, by member id. */
const members = (selection: string): string => `
{
  SearchEngine se;
  se.addField("selectionmember.contact_id"); se.addField("selectionmember.person_id");
  se.addField("selectionmember.targetTableNumber"); se.addField("selectionmember.targetRecordId");
  se.addCriteria("selectionmember.selection_id", "OperatorEquals", ${selection}.toString(), "OperatorAnd", 0);
  se.addOrder("selectionmember.selectionmember_id", true);
  String line = "members";
  for (se.execute(); !se.eof(); se.next()) line = line + " " + se.getField(0) + "/" + se.getField(1) + "/" + se.getField(2) + "/" + se.getField(3);
  printLine(line);
}`;

describe('NSSelectionAgent: the selection entity', () => {
  it('creates a static selection of companies and persons for the user, saves it with its texts, and reads it back', () => {
    const r = run(`
NSSelectionEntity e = sa.CreateDefaultSelectionEntity();
printLine(e.GetSelectionId().toString() + " " + e.GetTargetTableName() + " " + e.GetTargetTableNumber().toString() + " " + e.GetSelectionType().toString() + " " + e.GetAssociate().GetName());
e.SetName("Christmas cards");
e.SetDescription("Customers who get one");
e.SetPostit("check addresses first");
e.SetCompanyUnique(true);
e = sa.SaveSelectionEntity(e);
Integer id = e.GetSelectionId();
NSSelectionEntity g = sa.GetSelectionEntity(id);
printLine(g.GetName() + "|" + g.GetDescription() + "|" + g.GetPostit() + "|" + g.GetCompanyUnique().toString() + "|" + (g.GetTextId() > 0).toString() + "|" + g.GetCreatedBy().GetName() + "|" + g.GetLastLoadedByAssociate().GetName() + "|" + g.GetLastLoaded().isNull().toString());
g.SetName("Christmas cards 2026");
g = sa.SaveSelectionEntity(g);
printLine(g.GetName() + " " + g.GetUpdatedCount().toString() + " " + g.GetUpdatedBy().GetName());
SearchEngine se;
se.addField("selection.name"); se.addField("selection.targetTableNumber"); se.addField("selection.seltype"); se.addField("selection.companyUnique");
se.addCriteria("selection.selection_id", "OperatorEquals", id.toString(), "OperatorAnd", 0);
se.execute();
printLine(se.getField(0) + " " + se.getField(1) + " " + se.getField(2) + " " + se.getField(3));
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('0 contact 5 0 ADA\nChristmas cards|Customers who get one|check addresses first|true|true|ADA|ADA|false\nChristmas cards 2026 1 ADA\nChristmas cards 2026 5 0 1\n');
  });

  it('makes selections of the tables it names, and takes a changed target table by name or by number', () => {
    const r = run(`
NSSelectionEntity s = sa.CreateSelectionEntity("Sale");
printLine(s.GetTargetTableName() + " " + s.GetTargetTableNumber().toString());
s.SetName("By name");
s.SetTargetTableName("project");
printLine(sa.SaveSelectionEntity(s).GetTargetTableNumber().toString());
NSSelectionEntity t = sa.CreateDefaultSelectionEntity();
t.SetName("By number");
t.SetTargetTableNumber(9);
printLine(sa.SaveSelectionEntity(t).GetTargetTableName());
NSSelectionEntity u;
u.SetName("Script-made");
printLine(sa.SaveSelectionEntity(u).GetTargetTableName());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('sale 13\n11\nappointment\ncontact\n');
  });

  it('refuses what cannot be saved: no name, unknown tables, a new table for a selection with members, a combined selection without its two inputs', () => {
    const r = run(`
Integer id = newSelection("Has members", "contact");
sa.AddContactSelectionMembers(id, pairs(pair(4, 0), none()));
NSSelectionEntity e = sa.CreateDefaultSelectionEntity();
try { sa.SaveSelectionEntity(e); } catch { printLine(error); }
try { sa.CreateSelectionEntity("invoice"); } catch { printLine(error); }
NSSelectionEntity f = sa.GetSelectionEntity(id);
f.SetTargetTableName("sale");
try { sa.SaveSelectionEntity(f); } catch { printLine(error); }
NSSelectionEntity k = sa.CreateDefaultSelectionEntity();
k.SetName("Combined");
k.SetSelectionType(2);
k.SetLeftSelectionId(id);
try { sa.SaveSelectionEntity(k); } catch { printLine(error); }
k.SetRightSelectionId(1);
k = sa.SaveSelectionEntity(k);
printLine(sa.GetParentCombinedSelections(id).buildString(",") + " " + (k.GetSelectionId() > id).toString() + " " + sa.GetParentCombinedSelections(1).buildString(","));
`);
    expect(r.error).toBeNull();
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('NSSelectionAgent.SaveSelectionEntity: the selection name (SetName) is required');
    expect(lines[1]).toBe("NSSelectionAgent.CreateSelectionEntity: 'invoice' is not a table the sandbox keeps selections of (contact (5), person (6), appointment (9), document (10), project (11), sale (13), ticket (262))");
    expect(lines[2]).toMatch(/^NSSelectionAgent\.SaveSelectionEntity: selection \d+ has members, so what it is a selection of cannot change$/);
    expect(lines[3]).toBe('NSSelectionAgent.SaveSelectionEntity: a combined selection needs two other selections: RightSelectionId 0 is none');
    expect(lines[4]).toMatch(/^(\d+) true \1$/);
  });

  it('deletes a selection with its members', () => {
    const r = run(`
Integer id = newSelection("Short-lived", "contact");
sa.AddContactSelectionMembers(id, pairs(pair(2, 0), pair(0, 9)));
${members('id')}
sa.DeleteSelectionEntity(id);
${members('id')}
printLine(sa.GetSelectionEntity(id).GetSelectionId().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('members 2/// 4/9//\nmembers\n0\n');
  });
});

describe('NSSelectionAgent: members of static selections', () => {
  it('adds companies and persons once each (a person with its company), keeps one a company when asked, and removes them by pair or member id', () => {
    const r = run(`
Integer id = newSelection("Partners", "contact");
sa.AddContactSelectionMembers(id, pairs(pair(4, 0), pair(0, 9)));
sa.AddContactSelectionMembers(id, pairs(pair(4, 9), pair(2, 5)));
${members('id')}
printLine(ids(id) + " " + sa.GetSelectionEntity(id).GetMemberCount().toString());
sa.RemoveContactSelectionMembers(id, pairs(pair(4, 0), none()));
${members('id')}
NSArchiveListItem[] rows = sa.GetSelectionMembersArchiveRows(id, "selectionMemberId");
Integer[] first; first.pushBack(rows[0].GetColumnData().get("selectionMemberId").toInteger());
sa.RemoveContactSelectionMembersFromIds(id, first);
${members('id')}
NSSelectionEntity u = sa.CreateDefaultSelectionEntity();
u.SetName("One a company");
u.SetCompanyUnique(true);
Integer uid = sa.SaveSelectionEntity(u).GetSelectionId();
sa.AddContactSelectionMembers(uid, pairs(pair(4, 0), pair(0, 9)));
${members('uid')}
try { sa.AddContactSelectionMembers(id, pairs(pair(2, 9), none())); } catch { printLine(error); }
try { sa.AddContactSelectionMembers(id, pairs(pair(0, 999), none())); } catch { printLine(error); }
try { sa.RemoveSelectionMembers(id, list(999, 0, 0)); } catch { printLine(error); }
try { sa.AddSelectionMembers(id, list(4, 0, 0)); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    const lines = r.out.split('\n');
    expect(lines.slice(0, 5)).toEqual(['members 4/// 4/9// 2/5//', '4,4,2 3', 'members 4/9// 2/5//', 'members 2/5//', 'members 4///']);
    expect(lines[5]).toBe('NSSelectionAgent.AddContactSelectionMembers: person 9 is not a person of company 2');
    expect(lines[6]).toBe('NSSelectionAgent.AddContactSelectionMembers: there is no person with id 999');
    expect(lines[7]).toMatch(/^NSSelectionAgent\.RemoveSelectionMembers: selection member 999 is not a member of selection \d+$/);
    expect(lines[8]).toMatch(/^NSSelectionAgent\.AddSelectionMembers: selection \d+ is a selection of companies and persons: AddContactSelectionMembers and RemoveContactSelectionMembers change its members$/);
  });

  it('adds records of other tables by id (with their company and person), says how many were new, and removes them by record id', () => {
    const r = run(`
Integer id = newSelection("Open deals", "sale");
printLine(sa.AddSelectionMembers(id, list(1, 2, 1)).toString() + " " + sa.AddSelectionMembers(id, list(2, 5, 0)).toString());
${members('id')}
printLine(ids(id));
sa.RemoveSelectionMembersById(id, list(2, 0, 0));
printLine(ids(id));
Integer people = newSelection("People", "person");
sa.AddSelectionMembers(people, list(7, 0, 0));
sa.AddContactSelectionMembers(people, pairs(pair(0, 10), none()));
${members('people')}
try { sa.AddSelectionMembers(id, list(999, 0, 0)); } catch { printLine(error); }
try { sa.AddContactSelectionMembers(id, pairs(pair(4, 0), none())); } catch { printLine(error); }
try { sa.AddContactSelectionMembers(people, pairs(pair(4, 0), none())); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    const lines = r.out.split('\n');
    expect(lines.slice(0, 5)).toEqual(['2 1', 'members 4/9/13/1 2/5/13/2 4/9/13/5', '1,2,5', '1,5', 'members 3/7/6/7 5/10/6/10']);
    expect(lines[5]).toBe('NSSelectionAgent.AddSelectionMembers: there is no sale with id 999');
    expect(lines[6]).toMatch(/^NSSelectionAgent\.AddContactSelectionMembers: selection \d+ is a selection of sales, not of companies and persons: /);
    expect(lines[7]).toMatch(/^NSSelectionAgent\.AddContactSelectionMembers: selection \d+ is a selection of persons: company 4 is none$/);
  });

  it('lists members as archive rows of their records, and the companies and persons behind a selection of other records', () => {
    const r = run(`
Integer c = newSelection("Mixed", "contact");
sa.AddContactSelectionMembers(c, pairs(pair(4, 0), pair(0, 9)));
NSArchiveListItem[] rows = sa.GetSelectionMembersArchiveRows(c, "name, firstname");
for (Integer i = 0; i < rows.length(); i++) printLine(rows[i].GetEntityName() + " " + rows[i].GetPrimaryKey().toString() + " [" + rows[i].GetColumnData().get("name") + "][" + rows[i].GetColumnData().get("firstname") + "]");
Integer s = newSelection("Deals", "sale");
sa.AddSelectionMembers(s, list(1, 2, 5));
rows = sa.GetSelectionMembersArchiveRows(s, "heading");
for (Integer i = 0; i < rows.length(); i++) printLine(rows[i].GetEntityName() + " " + rows[i].GetPrimaryKey().toString() + " " + rows[i].GetColumnData().get("heading"));
rows = sa.GetSelectionShadowMembersArchiveRows(s, "firstname");
for (Integer i = 0; i < rows.length(); i++) printLine(rows[i].GetEntityName() + " " + rows[i].GetPrimaryKey().toString() + " " + rows[i].GetColumnData().get("firstname"));
try { sa.GetSelectionMembersArchiveRows(s, "colour"); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    const lines = r.out.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'contact 4 [Blue Fjord Hotels][]',
      'person 9 [][Ingrid]',
      'sale 1 40 guest-room tablets',
      'sale 2 Workshop service contract',
      'sale 5 Conference wing Wi-Fi',
      'person 9 Ingrid',
      expect.stringMatching(/^person 5 \S+$/),
    ]);
    expect(lines[7]).toMatch(/^NSSelectionAgent\.GetSelectionMembersArchiveRows: sale has no column 'colour' \(it has: /);
  });

  it('copies members between selections of one table, the companies and persons of any, and makes new selections from a selection', () => {
    const r = run(`
Integer a = newSelection("Deals A", "sale");
sa.AddSelectionMembers(a, list(1, 2, 5));
Integer b = newSelection("Deals B", "sale");
sa.AddSelectionMembers(b, list(2, 0, 0));
sa.CopySelectionMembers(a, b);
printLine(ids(b));
Integer c = newSelection("Customers", "contact");
sa.CopyContactSelectionMembers(a, c);
${members('c')}
NSSelectionEntity n = sa.CreateContactSelectionFromSelection(a, "Deal customers", 0, true);
printLine(n.GetName() + " " + n.GetTargetTableName() + " " + n.GetMemberCount().toString());
n = sa.CreateContactSelectionFromShadowSelection(a, "Shadow");
printLine(n.GetMemberCount().toString());
n = sa.CreateSelectionFromSelection(a, "Deals C", 0, false);
printLine(n.GetTargetTableName() + " " + n.GetMemberCount().toString());
n = sa.CreateSelectionFromSelection(a, "Deals D", 0, true);
printLine(ids(n.GetSelectionId()));
try { sa.CopySelectionMembers(a, c); } catch { printLine(error); }
try { sa.CreateSelectionFromSelection(a, "Dynamic", 1, false); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    const lines = r.out.split('\n');
    expect(lines.slice(0, 6)).toEqual(['2,1,5', 'members 4/9// 2/5//', 'Deal customers contact 2', '2', 'sale 0', '1,2,5']);
    expect(lines[6]).toMatch(/^NSSelectionAgent\.CopySelectionMembers: selection \d+ is of sales and selection \d+ of companies and persons: members are copied between selections of the same table/);
    expect(lines[7]).toMatch(/^NSSelectionAgent\.CreateSelectionFromSelection: selection \d+ is static: only a dynamic selection has criteria to copy$/);
  });
});

describe('NSSelectionAgent: the temporary selection', () => {
  it('is one selection a user, holding what the last call put in it', () => {
    const r = run(`
NSSelectionEntity t = sa.CreateTemporarySelectionFromIds(list(1, 5, 0), 13);
Integer id = t.GetSelectionId();
printLine(t.GetTargetTableName() + " " + ids(id));
t = sa.CreateTemporaryContactSelectionFromContactPersonIds(pairs(pair(2, 0), pair(0, 9)));
printLine((t.GetSelectionId() == id).toString() + " " + t.GetTargetTableName() + " " + t.GetMemberCount().toString());
${members('id')}
t = sa.CreateTemporaryContactSelectionFromProjectMembers(1);
${members('id')}
Integer s = newSelection("Deals", "sale");
sa.AddSelectionMembers(s, list(2, 3, 0));
NSArchiveListItem[] rows = sa.GetSelectionMembersArchiveRows(s, "selectionMemberId");
Integer[] second; second.pushBack(rows[1].GetColumnData().get("selectionMemberId").toInteger());
t = sa.CreateTemporaryContactSelectionFromSelectionMemberIds(s, second);
${members('id')}
t = sa.CreateTemporaryContactSelection();
printLine((t.GetSelectionId() == id).toString() + " " + t.GetMemberCount().toString());
SearchEngine se; se.addField("selection.SystemType"); se.addCriteria("selection.selection_id", "OperatorEquals", id.toString(), "OperatorAnd", 0); se.execute();
printLine(se.getField(0));
try { sa.CreateTemporarySelectionFromIds(list(1, 0, 0), 77); } catch { printLine(error); }
try { sa.CreateTemporaryContactSelectionFromProjectMembers(99); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out.split('\n')).toEqual([
      'sale 1,5',
      'true contact 2',
      'members 2/// 4/9//',
      'members 4/9// 1/3//',
      'members 3/7//',
      'true 0',
      '1',
      'NSSelectionAgent.CreateTemporarySelectionFromIds: table number 77 is not a table the sandbox keeps selections of (contact (5), person (6), appointment (9), document (10), project (11), sale (13), ticket (262))',
      'NSSelectionAgent.CreateTemporaryContactSelectionFromProjectMembers: there is no project with id 99',
      '',
    ]);
  });
});

/** CRMScript that prints how many rows of `table` have `column` in `values`. */
const count = (table: string, column: string, values: string): string => `
{
  SearchEngine se;
  se.addField("${table}.${column}");
  se.addCriteria("${table}.${column}", "OperatorIn", "${values}", "OperatorAnd", 0);
  printLine("${table} " + se.countRows().toString());
}`;

describe('NSSelectionAgent: tasks on the members', () => {
  it('deletes the records of a selection through their agents, and their memberships in every selection', () => {
    const r = run(`
Integer deals = newSelection("Deals", "sale");
sa.AddSelectionMembers(deals, list(1, 5, 0));
Integer other = newSelection("Other deals", "sale");
sa.AddSelectionMembers(other, list(5, 2, 0));
Integer customers = newSelection("Customers", "contact");
sa.AddContactSelectionMembers(customers, pairs(pair(0, 9), pair(2, 0)));
sa.DeleteEntities(deals);
${count('sale', 'sale_id', '1,2,5')}
printLine(ids(deals) + "|" + ids(other) + "|" + ids(customers));
sa.DeletePersons(customers);
${count('person', 'person_id', '9')}
${count('Email', 'person_id', '9')}
printLine(ids(customers));
sa.DeleteContacts(customers);
${count('contact', 'contact_id', '2')}
${count('address', 'owner_id', '2')}
printLine("[" + ids(customers) + "] " + sa.GetSelectionEntity(customers).GetMemberCount().toString());
Integer dynamic = newSelection("Dynamic", "contact");
NSSelectionEntity d = sa.GetSelectionEntity(dynamic);
d.SetSelectionType(1);
sa.SaveSelectionEntity(d);
sa.SetDynamicSelectionCriteria2(dynamic, "name = 'Polar Software'");
sa.DeleteContacts(dynamic);
${count('contact', 'contact_id', '5')}
try { sa.AddContactSelectionMembers(dynamic, pairs(pair(3, 0), none())); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    const lines = r.out.split('\n');
    expect(lines.slice(0, 9)).toEqual(['sale 1', '|2|4,2', 'person 0', 'Email 0', '2', 'contact 0', 'address 0', '[] 0', 'contact 0']);
    expect(lines[9]).toMatch(/^NSSelectionAgent\.AddContactSelectionMembers: selection \d+ is dynamic: its members are what its criteria find; only a static selection's members are added and removed$/);
    expect(r.changed).toContain('delete sale');
    expect(r.changed).toContain('delete person');
  });

  it('makes a follow-up for each company and person from a template, owned as asked', () => {
    const r = run(`
Integer id = newSelection("Call list", "contact");
sa.AddContactSelectionMembers(id, pairs(pair(4, 9), pair(4, 0)));
sa.AddContactSelectionMembers(id, pairs(pair(2, 5), none()));
NSAppointmentAgent aa;
NSAppointmentEntity a = aa.CreateDefaultAppointmentEntity();
a.SetDescription("Christmas call");
sa.GenerateFollowUps(id, a, 4, false, false);
sa.GenerateFollowUps(id, a, 0, true, true);
SearchEngine se;
se.addField("appointment.contact_id"); se.addField("appointment.person_id"); se.addField("appointment.associate_id"); se.addField("appointment.text_id.text");
se.addCriteria("appointment.appointment_id", "OperatorGt", "5", "OperatorAnd", 0);
se.addOrder("appointment.appointment_id", true);
for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + "/" + se.getField(1) + " " + se.getField(2) + " " + se.getField(3));
try { sa.GenerateFollowUps(id, a, 99, false, false); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      '4/9 4 Christmas call\n4/ 4 Christmas call\n2/5 4 Christmas call\n4/9 2 Christmas call\n2/5 3 Christmas call\nNSSelectionAgent.GenerateFollowUps: there is no associate with id 99\n',
    );
  });

  it('counts the recipients that have a postal address, an e-mail address, a fax', () => {
    const r = run(`
NSContactAgent ca;
NSContactEntity c = ca.CreateDefaultContactEntity();
c.SetName("Reachable AS");
NSAddress ad = c.GetAddress();
NSLocalizedField[][] lines = ad.GetLocalizedAddress();
for (Integer i = 0; i < lines.length(); i++) for (Integer j = 0; j < lines[i].length(); j++) if (lines[i][j].GetName() == "PostalCity") lines[i][j].SetValue("Oslo");
ad.SetLocalizedAddress(lines);
c.SetAddress(ad);
NSEntityElement fax; fax.SetValue("+47 22 00 00 00");
NSEntityElement[] faxes; faxes.pushBack(fax);
c.SetFaxes(faxes);
c = ca.SaveContactEntity(c);
Integer id = newSelection("Mailing", "contact");
sa.AddContactSelectionMembers(id, pairs(pair(c.GetContactId(), 0), pair(0, 9)));
sa.AddContactSelectionMembers(id, pairs(pair(5, 0), none()));
NSRecipientStatistics s = sa.GetRecipientStatistics(id);
printLine(s.GetTotal().toString() + " post " + s.GetValidPostalAddresses().toString() + "/" + s.GetNoAddresses().toString() + " email " + s.GetValidEmailAddresses().toString() + " fax " + s.GetValidFaxNumbers().toString() + " neither " + s.GetNoFaxOrEmails().toString());
s = sa.GetRecipientStatisticsFromContactPersonIds(pairs(pair(0, 9), pair(0, 5)));
printLine(s.GetTotal().toString() + " " + s.GetValidEmailAddresses().toString());
s = sa.GetRecipientStatisticsFromProjectMembers(1);
printLine(s.GetTotal().toString() + " " + s.GetValidEmailAddresses().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('3 post 1/2 email 1 fax 1 neither 1\n2 2\n2 2\n');
  });
});

describe('NSSelectionAgent: what the sandbox cannot do', () => {
  it('says which part of the CRM is missing for typical searches, search results, templates and interests', () => {
    const r = run(`
try { sa.UpdateTypicalSearch(NSTypicalSearches()); } catch { printLine(error); }
try { sa.AddSelectionMembersFromSearch(1, "key"); } catch { printLine(error); }
try { sa.ExportSelectionMembers(1, "tmpl", true); } catch { printLine(error); }
Integer[] none;
try { sa.AddRemoveContactSelectionMemberInterests(1, none, none, none, none); } catch { printLine(error); }
try { sa.EditContactSelectionMemberDetails(1, NSSelectionMemberEditValues()); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out.split('\n')).toEqual([
      'NSSelectionAgent.UpdateTypicalSearch: the sandbox CRM has no typical searches (the ready-made searches the Find screen offers)',
      "NSSelectionAgent.AddSelectionMembersFromSearch: the sandbox CRM keeps no search results of the web client's Find screen under storage keys (a dynamic selection's members are what its criteria find)",
      'NSSelectionAgent.ExportSelectionMembers: the sandbox CRM has no document templates (mail merge and export fill them in)',
      'NSSelectionAgent.AddRemoveContactSelectionMemberInterests: the sandbox CRM has no interests (no interest lists, and no links of them to companies and persons)',
      'NSSelectionAgent.EditContactSelectionMemberDetails is not available in crmscript-tui',
      '',
    ]);
  });
});
