// NetServer agents on a real sandbox CRM (SQLite in a temporary directory, with its demo data),
// run in this process: addresses, list items, queries, finds and their error messages. Every
// script runs as a rollback run, so each test starts from the demo data.
import { describe, it, expect } from 'vitest';
import { changedColumns, sandboxCrm } from './sandbox-run.js';

const sandbox = sandboxCrm('crms-nsagents-');

function run(source: string): { out: string; error: string | null; changes: number; changed: string[] } {
  const r = sandbox(source);
  return { out: r.out, error: r.error, changes: r.changes.length, changed: changedColumns(r.changes) };
}

describe('NetServer agents on the sandbox CRM', () => {
  it('keeps a company\'s postal and street address in the address table, as NetServer names the fields', () => {
    const r = run(`
NSContactAgent agent;
NSContactEntity c = agent.CreateDefaultContactEntity();
c.SetName("Address AS");
NSAddress a = c.GetAddress();
NSLocalizedField[][] rows = a.GetLocalizedAddress();
for (Integer i = 0; i < rows.length(); i++)
  for (Integer j = 0; j < rows[i].length(); j++) {
    if (rows[i][j].GetName() == "PostalCity") rows[i][j].SetValue("Oslo");
    if (rows[i][j].GetName() == "StreetAddress1") rows[i][j].SetValue("Storgata 1");
  }
a.SetLocalizedAddress(rows);
c.SetAddress(a);
c = agent.SaveContactEntity(c);
printLine(agent.GetContact(c.GetContactId()).GetCity());
SearchEngine se;
se.addField("address.city");
se.addField("address.address1");
se.addCriteria("address.owner_id", "OperatorEquals", c.GetContactId().toString(), "OperatorAnd", 0);
se.addOrder("address.atype_idx", true);
for (se.execute(); !se.eof(); se.next()) printLine("[" + se.getField(0) + "][" + se.getField(1) + "]");
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('Oslo\n[Oslo][]\n[][Storgata 1]\n');
  });

  it('records agent writes as the run\'s changes', () => {
    const r = run(`
NSContactAgent agent;
NSContactEntity c = agent.CreateDefaultContactEntity();
c.SetName("Changes AS");
agent.SaveContactEntity(c);
`);
    expect(r.error).toBeNull();
    expect(r.changes).toBe(1);
  });

  it('gives list items by id and all of a list, and a sale keeps the type it was given', () => {
    const r = run(`
NSListAgent la;
NSSaleType t = la.GetSaleType(3);
printLine(t.GetId().toString() + "[" + t.GetValue() + "] " + la.GetProjectStatuses().length().toString());
NSSaleAgent sa;
NSSaleEntity s = sa.CreateDefaultSaleEntity();
s.SetHeading("Typed");
s.SetSaleType(t);
s = sa.SaveSaleEntity(s);
printLine(sa.GetSaleEntity(s.GetSaleId()).GetSaleType().GetId().toString());
`);
    expect(r.error).toBeNull();
    // the demo's sale type 3 and its four project statuses (src/crm/demo-lists.ts)
    expect(r.out).toBe('3[Service contract] 4\n3\n');
  });

  it('resolves list items that have a table to their names', () => {
    const r = run(`
NSListAgent la;
NSTicketPriority[] all = la.GetTicketPriorities();
NSContactAgent ca;
NSContactEntity c = ca.CreateDefaultContactEntity();
c.SetName("Prioritised");
NSTicketPriority pick;
pick.SetId(all[1].GetId());
c.SetTicketPriority(pick);
c = ca.SaveContactEntity(c);
printLine((all.length() > 1).toString() + " " + (c.GetTicketPriority().GetValue() == all[1].GetValue()).toString() + " " + (c.GetTicketPriority().GetValue() != "").toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('true true true\n');
  });

  it('a task assigned to someone keeps its assignment status', () => {
    const r = run(`
NSAppointmentAgent agent;
NSAppointmentEntity a = agent.CreateDefaultAppointmentEntityByTypeAndAssociate(2, 1);
a.SetDescription("Call back");
a.SetAssignmentStatus(11);
a = agent.SaveAppointmentEntity(a);
printLine(a.GetAssignmentStatus().toString() + " " + a.GetAssociate().GetAssociateId().toString() + " " + a.GetType().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('11 1 2\n');
  });

  it('finds with between and oneOf, and says which columns and providers exist', () => {
    const r = run(`
NSFindAgent fa;
NSArchiveRestrictionInfo r;
r.SetName("contact_id");
r.SetOperator("between");
String[] v;
v.pushBack("1");
v.pushBack("2");
r.SetValues(v);
NSArchiveRestrictionInfo[] rs;
rs.pushBack(r);
printLine(fa.FindFromRestrictions(rs, "contact", 10, 0).GetRowCount().toString());
r.SetOperator("oneOf");
printLine(fa.FindFromRestrictions(rs, "contact", 10, 0).GetRowCount().toString());
r.SetName("colour");
try { fa.FindFromRestrictions(rs, "contact", 10, 0); } catch { printLine(error); }
try { fa.FindFromRestrictions(rs, "spaceships", 10, 0); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    const lines = r.out.split('\n');
    expect(lines.slice(0, 2)).toEqual(['2', '2']);
    expect(lines[2]).toMatch(/^NSFindAgent\.FindFromRestrictions: contact has no column 'colour' \(it has: contact_id, name, /);
    expect(lines[3]).toMatch(/^NSFindAgent\.FindFromRestrictions: the sandbox has no archive provider 'spaceships' \(it has: contact, person, sale, /);
  });

  it('summarises sales by status within a period', () => {
    const r = run(`
NSContactAgent ca;
NSContactEntity c = ca.CreateDefaultContactEntity();
c.SetName("Summary AS");
c = ca.SaveContactEntity(c);
NSSaleAgent sa;
Integer[] statuses;
statuses.pushBack(2);
statuses.pushBack(2);
statuses.pushBack(3);
for (Integer i = 0; i < statuses.length(); i++) {
  NSSaleEntity s = sa.CreateDefaultSaleEntity();
  s.SetHeading("Deal " + i.toString());
  s.SetAmount(100.0);
  s.SetStatus(statuses[i]);
  s.SetContact(ca.GetContact(c.GetContactId()));
  sa.SaveSaleEntity(s);
}
DateTime from;
from.addDay(-1);
DateTime to;
to.addDay(1);
NSSaleSummary sum = sa.GetSummaryByContact(c.GetContactId(), from, to);
printLine(sum.GetSold().toString() + " " + sum.GetLost().toString() + " " + sum.GetSoldTotalBaseCurrency().toString(0));
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('2 1 200\n');
  });

  it('says which table a method needs when the sandbox lacks it', () => {
    const r = run('NSProjectAgent pa;\npa.GetPublishedProject(1);');
    expect(r.error).toBe('NSProjectAgent.GetPublishedProject: the sandbox CRM has no Publish table (which projects are published, and when)');
  });

  it('answers an invitation: accepted, or rejected with a reason that counts on the meeting', () => {
    const r = run(`
NSAppointmentAgent agent;
NSAppointmentEntity m = agent.CreateDefaultAppointmentEntity();
m.SetDescription("Kick-off");
m = agent.SaveAppointmentEntity(m);
Integer[] invites;
for (Integer i = 0; i < 2; i++) {
  NSAppointmentEntity inv = agent.CreateDefaultAppointmentEntity();
  inv.SetMotherId(m.GetAppointmentId());
  inv.SetCompleted(5);
  invites.pushBack(agent.SaveAppointmentEntity(inv).GetAppointmentId());
}
agent.Accept(invites[0], 0);
agent.Reject(invites[1], "On holiday", 0);
NSAppointment[] records = agent.GetAppointmentRecords(m.GetAppointmentId(), 0);
for (Integer i = 0; i < records.length(); i++) printLine(records[i].GetInvitationStatus().toString() + "[" + records[i].GetRejectReason() + "]");
printLine(agent.GetAppointmentEntity(m.GetAppointmentId()).GetRejectCounter().toString());
try { agent.Accept(invites[0], 0); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toMatch(/^1\[\]\n1\[\]\n9\[On holiday\]\n1\nNSAppointmentAgent\.Accept: appointment \d+ is not an invitation or assignment waiting for an answer\n$/);
  });

  it('adds, updates and removes project members; moves quote lines', () => {
    const r = run(`
NSProjectAgent pa;
NSProjectEntity p = pa.CreateDefaultProjectEntity();
p.SetName("Members");
p = pa.SaveProjectEntity(p);
NSProjectMember template = pa.GetProjectMembers(1)[0];
NSProjectMember[] add;
add.pushBack(template);
pa.AddProjectMembers(p.GetProjectId(), add);
NSProjectMember m = pa.GetProjectMembers(p.GetProjectId())[0];
m.SetProjectMemberTypeId(3);
pa.UpdateProjectMember(m);
printLine(pa.GetProjectMember(m.GetProjectmemberId()).GetProjectMemberTypeId().toString() + " " + (m.GetPersonId() == template.GetPersonId()).toString());
Integer[] ids;
ids.pushBack(m.GetProjectmemberId());
pa.DeleteProjectMembers(p.GetProjectId(), ids);
printLine(pa.GetProjectMembers(p.GetProjectId()).length().toString());
NSSaleAgent sa;
NSSaleEntity s = sa.CreateDefaultSaleEntity();
s.SetHeading("Lines");
s = sa.SaveSaleEntity(s);
NSQuoteAgent qa;
NSQuoteAlternative alt = qa.CreateQuoteAlternative(3, "A", "first");
NSQuoteLine one = qa.SaveQuoteLine(qa.CreateQuoteLine(alt.GetQuoteAlternativeId(), "ONE"));
NSQuoteLine two = qa.SaveQuoteLine(qa.CreateQuoteLine(alt.GetQuoteAlternativeId(), "TWO"));
qa.MoveQuoteLine(two.GetQuoteLineId(), true);
NSQuoteLine[] lines = qa.GetQuoteLines(alt.GetQuoteAlternativeId());
printLine(qa.GetQuoteLine(two.GetQuoteLineId()).GetRank().toString() + qa.GetQuoteLine(one.GetQuoteLineId()).GetRank().toString());
NSQuoteAlternative copy = qa.CopyQuoteAlternative(3, alt.GetQuoteAlternativeId(), "B");
printLine(copy.GetName() + " " + qa.GetQuoteLines(copy.GetQuoteAlternativeId()).length().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('3 true\n0\n12\nB 2\n');
  });

  it('a save writes only what changed, stamping who and when; an unchanged save writes nothing', () => {
    const unchanged = run('NSSaleAgent sa;\nsa.SaveSaleEntity(sa.GetSaleEntity(4));');
    expect(unchanged.error).toBeNull();
    expect(unchanged.changes).toBe(0);
    const changed = run('NSSaleAgent sa;\nNSSaleEntity s = sa.GetSaleEntity(4);\ns.SetHeading("Renamed");\nsa.SaveSaleEntity(s);');
    expect(changed.error).toBeNull();
    expect(changed.changed.sort()).toEqual(['sale.heading', 'sale.updated', 'sale.updatedCount', 'sale.updated_associate_id']);
  });

  it('keeps a person\'s birth date in the year, month and day columns', () => {
    const r = run(`
NSPersonAgent pa;
NSPersonEntity p = pa.CreateDefaultByContactId(2);
p.SetFirstname("Born");
p.SetBirthDate(String("1990-04-17").toDateTime());
p = pa.SavePersonEntity(p);
printLine(pa.GetPersonEntity(p.GetPersonId()).GetBirthDate().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toMatch(/^1990-04-17/);
  });

  it('Company.getFormattedAddress/setFormattedAddress use the NetServer address layout', () => {
    const r = run(`
Company c;
c.load(2);
NSLocalizedField[][] address = c.getFormattedAddress();
for (Integer i = 0; i < address.length(); i++)
  for (Integer j = 0; j < address[i].length(); j++)
    if (address[i][j].GetName() == "PostalCity") address[i][j].SetValue("Bergen");
c.setFormattedAddress(address);
NSContactAgent ca;
printLine(ca.GetContact(2).GetCity() + " " + address.length().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('Bergen 10\n');
  });

  it('the same rows as LocalizedField[][] with its lower-case methods, as SuperOffice\'s LocalizedField example keeps them', () => {
    const r = run(`
LocalizedField field(LocalizedField[][] rows, String name) {
  for (Integer i = 0; i < rows.length(); i++)
    for (Integer j = 0; j < rows[i].length(); j++)
      if (rows[i][j].getName() == name) return rows[i][j];
  return LocalizedField();
}
Company c;
c.load(2);
LocalizedField[][] adr = c.getFormattedAddress();
LocalizedField city = field(adr, "StreetCity");
city.setValue(city.getValue() + "A");
String row = city.getLabel() + ":" + city.getValue() + ":" + city.getAddressType() + ":" + city.getValueLength();
c.setFormattedAddress(adr);
NSLocalizedField[][] same = adr;
Company again;
again.load(2);
printLine(row + " " + field(again.getFormattedAddress(), "StreetCity").getValue() + " " + same[0][0].GetName());
LocalizedField f;
f.setName("x");
printLine(f.getName() + f.getValue() + "|");
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('City:OsloA:Street:4 OsloA PostalAddress1\nx|\n');
  });

  it('refuses a new link to a row that does not exist', () => {
    const r = run(`
NSSaleAgent sa;
NSSaleEntity s = sa.CreateDefaultSaleEntity();
s.SetHeading("Ghost link");
NSContact c;
c.SetContactId(999);
s.SetContact(c);
sa.SaveSaleEntity(s);
`);
    expect(r.error).toBe('NSSaleAgent.SaveSaleEntity: Contact 999 does not exist (there is no contact row with that id)');
    expect(r.changes).toBe(0);
  });

  it('a preference by name is the user\'s own, their group\'s or a system-wide one, never another user\'s', () => {
    const r = run(`
executeSQLQuery("insert into UserPreference (deflevel, maxlevel, owner_id, prefsection, prefkey, prefvalue) values (5, 5, 999, 'ui', 'theme', 'theirs')");
executeSQLQuery("insert into UserPreference (deflevel, maxlevel, owner_id, prefsection, prefkey, prefvalue) values (4, 4, 12345, 'ui', 'theme', 'other group')");
NSPreferenceAgent agent;
printLine("[" + agent.GetPreferenceByName("ui", "theme", 0).GetRawValue() + "]");
executeSQLQuery("insert into UserPreference (deflevel, maxlevel, owner_id, prefsection, prefkey, prefvalue) values (2, 2, 0, 'ui', 'theme', 'system')");
printLine(agent.GetPreferenceByName("ui", "theme", 0).GetRawValue());
NSPreference p = agent.CreateDefaultPreference();
NSPreferenceSpec spec; spec.SetSection("ui"); spec.SetKey("theme");
p.SetSpecification(spec); p.SetRawValue("mine");
agent.SavePreferenceEntity(p, false);
printLine(agent.GetPreferenceByName("ui", "theme", 0).GetRawValue());
NSPreferenceSpec[] specs; specs.pushBack(spec);
printLine(agent.GetPreferences(specs)[0].GetRawValue());
agent.DeleteFromSectionAndKey("ui", "theme");
SearchEngine se; se.addField("UserPreference.prefvalue"); se.addCriteria("UserPreference.prefkey", "Equals", "theme"); se.addOrder("UserPreference.prefvalue", true);
for (se.execute(); !se.eof(); se.next()) printLine("left: " + se.getField(0));
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('[]\nsystem\nmine\nmine\nleft: other group\nleft: theirs\n');
  });
});
