// Every implemented NetServer agent through the real CLI: a CRMScript program creates an entity,
// saves it, reads it back, changes and saves it again, and deletes it, on the sandbox CRM of a
// fresh data directory. Also: what an agent writes, SearchEngine reads, and the other way round;
// required fields are refused; --rollback discards agent writes.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, requireBuiltCli, runBuiltCli, tempDir } from '../../common.js';

let home = '';
let n = 0;

function run(source: string, ...flags: string[]): { out: string; err: string; code: number | null } {
  const file = join(home, `prog${++n}.crm`);
  writeFileSync(file, source);
  return runBuiltCli(['run', file, ...flags], { CRMSCRIPT_TUI_HOME: home });
}

beforeAll(() => {
  requireBuiltCli();
  home = tempDir('crms-ns-');
});
afterAll(() => cleanupTempDirs());

/** What several cycles start from: a company saved through NSContactAgent. */
const SAVED_CONTACT = `NSContactEntity savedContact(String name) {
  NSContactAgent ca;
  NSContactEntity c = ca.CreateDefaultContactEntity();
  c.SetName(name);
  return ca.SaveContactEntity(c);
}
`;

/** A cycle: `make` builds and saves (prints the id), then get, change, save, get, delete, get. */
interface Cycle {
  agent: string;
  program: string;
  expected: string;
}

const cycles: Cycle[] = [
  {
    agent: 'NSContactAgent',
    program: `
NSContactAgent agent;
NSContactEntity c = agent.CreateDefaultContactEntity();
c.SetName("Cycle AS");
c.SetDepartment("Sales");
NSEntityElement e;
e.SetValue("post@cycle.example");
NSEntityElement[] emails;
emails.pushBack(e);
c.SetEmails(emails);
c = agent.SaveContactEntity(c);
Integer id = c.GetContactId();
printLine((id > 0).toString() + " " + c.GetCreatedDate().isNull().toString() + " " + (c.GetCreatedBy().GetAssociateId() > 0).toString() + " " + (c.GetAssociate().GetAssociateId() == c.GetCreatedBy().GetAssociateId()).toString());
NSContactEntity g = agent.GetContactEntity(id);
printLine(g.GetName() + "|" + g.GetDepartment() + "|" + g.GetEmails()[0].GetValue());
g.SetName("Cycle ASA");
agent.SaveContactEntity(g);
NSContactEntity h = agent.GetContactEntity(id);
printLine(h.GetName() + " " + h.GetUpdatedDate().isNull().toString() + " " + agent.GetContact(id).GetEmailAddress());
agent.DeleteContactEntity(id);
printLine(agent.GetContactEntity(id).GetContactId().toString());
`,
    expected: 'true false true true\nCycle AS|Sales|post@cycle.example\nCycle ASA false post@cycle.example\n0\n',
  },
  {
    agent: 'NSPersonAgent',
    program: `
NSContactAgent ca;
NSContactEntity c = savedContact("Person Cycle Co");
NSPersonAgent agent;
NSPersonEntity p = agent.CreateDefaultByContactId(c.GetContactId());
p.SetFirstname("Ada");
p.SetLastname("Lovelace");
p = agent.SavePersonEntity(p);
Integer id = p.GetPersonId();
printLine((id > 0).toString() + " " + p.GetFullName() + " " + p.GetContact().GetName());
p.SetMiddleName("King");
agent.SavePersonEntity(p);
printLine(agent.GetPerson(id).GetFullName() + "|" + agent.GetPerson(id).GetContactName() + "|" + ca.GetContactEntity(c.GetContactId()).GetPersons().length().toString());
agent.DeletePersonEntity(id);
printLine(agent.GetPersonEntity(id).GetPersonId().toString());
`,
    expected: 'true Ada Lovelace Person Cycle Co\nAda King Lovelace|Person Cycle Co|1\n0\n',
  },
  {
    agent: 'NSSaleAgent',
    program: `
NSContactAgent ca;
NSContactEntity c = savedContact("Buyer Co");
NSSaleAgent agent;
NSSaleEntity s = agent.CreateDefaultSaleEntity();
s.SetHeading("Cycle deal");
s.SetAmount(1500.0);
s.SetContact(ca.GetContact(c.GetContactId()));
s = agent.SaveSaleEntity(s);
Integer id = s.GetSaleId();
printLine((id > 0).toString() + " " + s.GetStatus().toString() + " " + s.GetContact().GetName() + " " + s.GetAmount().toString(0) + " " + (s.GetAssociate().GetAssociateId() > 0).toString());
s.SetAmount(2500.0);
s.SetStatus(2);
agent.SaveSaleEntity(s);
NSSale x = agent.GetSale(id);
printLine(x.GetTitle() + " " + x.GetAmount().toString(0) + " " + x.GetStatus().toString() + " " + x.GetContactName() + " " + agent.GetSalesFromContact(c.GetContactId(), false).length().toString());
agent.DeleteSaleEntity(id);
printLine(agent.GetSaleEntity(id).GetSaleId().toString());
`,
    expected: 'true 1 Buyer Co 1500 true\nCycle deal 2500 2 Buyer Co 1\n0\n',
  },
  {
    agent: 'NSAppointmentAgent',
    program: `
NSAppointmentAgent agent;
NSAppointmentEntity a = agent.CreateDefaultAppointmentEntity();
a.SetDescription("Cycle meeting");
a.SetLocation("Room 1");
a = agent.SaveAppointmentEntity(a);
Integer id = a.GetAppointmentId();
printLine((id > 0).toString() + " " + a.GetDescription() + " " + a.GetLocation() + " " + (a.GetEndDate() > a.GetStartDate()).toString());
a.SetLocation("Room 2");
a.SetCompleted(3);
agent.SaveAppointmentEntity(a);
NSAppointment b = agent.GetAppointment(id);
printLine(b.GetLocation() + " " + b.GetCompleted().toString() + " " + b.GetDescription());
agent.DeleteAppointmentEntity(id);
printLine(agent.GetAppointmentEntity(id).GetAppointmentId().toString());
`,
    expected: 'true Cycle meeting Room 1 true\nRoom 2 3 Cycle meeting\n0\n',
  },
  {
    agent: 'NSDocumentAgent',
    program: `
NSContactAgent ca;
NSContactEntity c = savedContact("Doc Co");
NSDocumentAgent agent;
NSDocumentEntity d = agent.CreateDefaultDocumentEntity();
d.SetHeader("Cycle offer");
d.SetName("offer.docx");
d.SetContact(ca.GetContact(c.GetContactId()));
d = agent.SaveDocumentEntity(d);
Integer id = d.GetDocumentId();
printLine((id > 0).toString() + " " + d.GetHeader() + " " + d.GetContact().GetName());
d.SetName(agent.RenameDocument(id, "offer.pdf"));
d.SetHeader("Cycle offer v2");
agent.SaveDocumentEntity(d);
NSDocument x = agent.GetDocument(id);
printLine(x.GetHeader() + " " + x.GetName() + " " + x.GetContactName() + " " + agent.GetContactDocuments(c.GetContactId(), 0).length().toString());
DateTime from = DateTime("2000-01-01 00:00:00");
DateTime to = DateTime("2100-01-01 00:00:00");
printLine(agent.GetContactDocuments(c.GetContactId(), from, to, 10).length().toString() + " " + agent.GetContactDocuments(c.GetContactId(), to, to, 10).length().toString());
agent.DeleteDocumentEntity(id);
printLine(agent.GetDocumentEntity(id).GetDocumentId().toString());
`,
    expected: 'true Cycle offer Doc Co\nCycle offer v2 offer.pdf Doc Co 1\n1 0\n0\n',
  },
  {
    agent: 'NSProjectAgent',
    program: `
NSProjectAgent agent;
NSProjectEntity p = agent.CreateDefaultProjectEntity();
p.SetName("Cycle project");
p = agent.SaveProjectEntity(p);
Integer id = p.GetProjectId();
NSContactAgent ca;
NSContactEntity c = savedContact("Member Co");
NSPersonAgent pa;
NSPersonEntity pe = pa.CreateDefaultByContactId(c.GetContactId());
pe.SetFirstname("Mia");
pe = pa.SavePersonEntity(pe);
NSProjectMember m = agent.CreateDefaultProjectMember();
m.SetProjectId(id);
m.SetPersonId(pe.GetPersonId());
m = agent.SaveProjectMember(m);
printLine((id > 0).toString() + " " + p.GetName() + " " + m.GetFullName() + " " + m.GetContactName());
p.SetName("Cycle project 2");
agent.SaveProjectEntity(p);
printLine(agent.GetProject(id).GetName() + " " + agent.GetProjectEntity(id).GetProjectMembers().length().toString() + " " + agent.GetProjectsFromContact(c.GetContactId()).length().toString());
agent.DeleteProjectMember(m.GetProjectmemberId());
agent.DeleteProjectEntity(id);
printLine(agent.GetProjectEntity(id).GetProjectId().toString() + " " + agent.GetProjectMember(m.GetProjectmemberId()).GetProjectmemberId().toString());
`,
    expected: 'true Cycle project Mia Member Co\nCycle project 2 1 1\n0 0\n',
  },
  {
    agent: 'NSQuoteAgent',
    program: `
NSSaleAgent sa;
NSSaleEntity s = sa.CreateDefaultSaleEntity();
s.SetHeading("Quote sale");
s = sa.SaveSaleEntity(s);
NSQuoteAgent agent;
NSQuoteEntity q = agent.CreateAndSaveQuote(s.GetSaleId(), 1, "Alt A");
Integer id = q.GetQuoteId();
q.SetPoNumber("PO-1");
agent.SaveQuoteEntity(q);
printLine((id > 0).toString() + " " + agent.GetQuoteEntity(id).GetPoNumber() + " " + (agent.GetQuoteFromSaleId(s.GetSaleId()).GetQuoteId() == id).toString());
NSQuoteAlternative alt = agent.CreateDefaultQuoteAlternative();
alt.SetName("Alt B");
alt.SetQuoteVersionId(q.GetActiveQuoteVersionId());
alt = agent.SaveQuoteAlternative(alt);
NSQuoteLine line = agent.CreateQuoteLine(alt.GetQuoteAlternativeId(), "P-1");
line.SetUnitListPrice(100.0);
line.SetQuantity(3.0);
line.SetDiscountPercent(10.0);
line = agent.SaveQuoteLine(line);
printLine(line.GetTotalPrice().toString(2));
line.SetQuantity(4.0);
line = agent.SaveQuoteLine(line);
printLine(agent.GetQuoteLine(line.GetQuoteLineId()).GetTotalPrice().toString(2) + " " + agent.GetQuoteLines(alt.GetQuoteAlternativeId()).length().toString());
agent.DeleteQuoteAlternative(alt.GetQuoteAlternativeId());
agent.DeleteQuote(id);
printLine(agent.GetQuoteEntity(id).GetQuoteId().toString() + " " + agent.GetQuoteLine(line.GetQuoteLineId()).GetQuoteLineId().toString());
`,
    expected: 'true PO-1 true\n270.00\n360.00 1\n0 0\n',
  },
  {
    agent: 'NSListAgent',
    program: `
NSListAgent agent;
NSTicketCategoryEntity t = agent.CreateDefaultTicketCategoryEntity();
t.SetName("Cycle queue");
t = agent.SaveTicketCategoryEntity(t);
Integer id = t.GetTicketCategoryId();
t.SetName("Cycle queue 2");
agent.SaveTicketCategoryEntity(t);
printLine((id > 0).toString() + " " + agent.GetTicketCategoryEntity(id).GetName());
agent.DeleteTicketCategoryEntity(id);
printLine(agent.GetTicketCategoryEntity(id).GetTicketCategoryId().toString());
NSCurrencyEntity cur = agent.CreateDefaultCurrencyEntity();
cur.SetName("XTS");
cur.SetRate(10.5);
cur = agent.SaveCurrencyEntity(cur);
printLine(agent.GetCurrency(cur.GetCurrencyId()).GetValue() + " " + agent.GetCurrencyEntity(cur.GetCurrencyId()).GetRate().toString(1));
`,
    expected: 'true Cycle queue 2\n0\nXTS 10.5\n',
  },
  {
    agent: 'NSPreferenceAgent',
    program: `
NSPreferenceAgent agent;
NSPreference p = agent.CreateDefaultPreference();
NSPreferenceSpec spec;
spec.SetSection("cycle");
spec.SetKey("colour");
p.SetSpecification(spec);
p.SetRawValue("blue");
p = agent.SavePreferenceEntity(p, false);
Integer id = p.GetUserPreferenceId();
printLine((id > 0).toString() + " " + agent.GetPreferenceByName("cycle", "colour", 0).GetRawValue());
p.SetRawValue("green");
agent.SavePreference(p);
printLine(agent.GetPreference(id).GetRawValue() + " " + agent.GetPreference(id).GetSpecification().GetKey());
agent.DeletePreference(id);
printLine(agent.GetPreference(id).GetUserPreferenceId().toString());
`,
    expected: 'true blue\ngreen colour\n0\n',
  },
  {
    agent: 'NSTicketAgent',
    program: `
NSTicketAgent agent;
NSTicketEntity t = agent.CreateDefaultTicketEntity();
t.SetTitle("Cycle request");
t = agent.SaveTicketEntity(t);
Integer id = t.GetTicketId();
printLine((id > 0).toString() + " " + t.GetTitle() + " " + t.GetBaseStatus().toString() + " " + (t.GetOwnedBy().GetEjUserId() > 0).toString());
t.SetTitle("Cycle request 2");
agent.SaveTicketEntity(t);
printLine(agent.GetTicket(id).GetTitle());
agent.DeleteTicketEntity(id);
printLine(agent.GetTicketEntity(id).GetTicketId().toString());
`,
    expected: 'true Cycle request 1 true\nCycle request 2\n0\n',
  },
  {
    agent: 'NSUserAgent',
    program: `
NSUserAgent agent;
// a system user: users of the other types must be a person
NSUser u = agent.CreateDefaultUserFromUserType(5);
u.SetName("CYC");
u = agent.SaveUser(u);
Integer id = u.GetAssociateId();
printLine((id > 0).toString() + " " + agent.GetUser(id).GetName() + " " + (agent.GetUserFromName("CYC").GetAssociateId() == id).toString());
u.SetName("CYC2");
agent.SaveUser(u);
printLine(agent.GetUser(id).GetName());
agent.DeleteUser(id);
printLine(agent.GetUser(id).GetAssociateId().toString());
`,
    expected: 'true CYC true\nCYC2\n0\n',
  },
  {
    agent: 'NSAssociateAgent',
    program: `
NSUserAgent ua;
NSUser u = ua.CreateDefaultUserFromUserType(5);
u.SetName("ASSOC");
u = ua.SaveUser(u);
Integer id = u.GetAssociateId();
NSAssociateAgent agent;
printLine(agent.GetAssociate(id).GetName());
u.SetName("ASSOC2");
ua.SaveUser(u);
Integer[] ids;
ids.pushBack(id);
printLine(agent.GetAssociateList(ids)[0].GetName());
ua.DeleteUser(id);
printLine(agent.GetAssociate(id).GetAssociateId().toString());
`,
    expected: 'ASSOC\nASSOC2\n0\n',
  },
  {
    agent: 'NSFindAgent',
    program: `
NSContactAgent ca;
NSContactEntity c = savedContact("Findme Ltd");
NSArchiveRestrictionInfo r;
r.SetName("name");
r.SetOperator("begins");
String[] v;
v.pushBack("Findme");
r.SetValues(v);
r.SetIsActive(true);
NSArchiveRestrictionInfo[] rs;
rs.pushBack(r);
String[] cols;
cols.pushBack("contact_id");
cols.pushBack("name");
NSFindAgent agent;
NSFindResults res = agent.FindFromRestrictionsColumns(rs, "Contact", cols, 10, 0);
printLine(res.GetRowCount().toString() + " " + res.GetArchiveRows()[0].GetColumnData().get("name") + " " + (res.GetArchiveRows()[0].GetPrimaryKey() == c.GetContactId()).toString());
c.SetName("Findme Inc");
ca.SaveContactEntity(c);
printLine(agent.FindFromRestrictionsColumns(rs, "Contact", cols, 10, 0).GetArchiveRows()[0].GetColumnData().get("name"));
ca.DeleteContactEntity(c.GetContactId());
printLine(agent.FindFromRestrictionsColumns(rs, "Contact", cols, 10, 0).GetRowCount().toString());
`,
    expected: '1 Findme Ltd true\nFindme Inc\n0\n',
  },
  {
    agent: 'NSArchiveAgent',
    program: `
NSContactAgent ca;
NSContactEntity c = savedContact("Archived AS");
NSArchiveRestrictionInfo r;
r.SetName("contactId");
r.SetOperator("=");
String[] v;
v.pushBack(c.GetContactId().toString());
r.SetValues(v);
NSArchiveRestrictionInfo[] rs;
rs.pushBack(r);
String[] cols;
cols.pushBack("name");
NSArchiveOrderByInfo[] order;
String[] entities;
NSArchiveAgent agent;
printLine(agent.GetArchiveListByColumns("contact", cols, order, rs, entities, 0, 10)[0].GetColumnData().get("name"));
c.SetName("Archived ASA");
ca.SaveContactEntity(c);
printLine(agent.GetArchiveListByColumns("contact", cols, order, rs, entities, 0, 10)[0].GetColumnData().get("name"));
ca.DeleteContactEntity(c.GetContactId());
printLine(agent.GetArchiveListByColumns("contact", cols, order, rs, entities, 0, 10).length().toString());
`,
    expected: 'Archived AS\nArchived ASA\n0\n',
  },
  {
    agent: 'NSSelectionAgent',
    program: `
NSContactAgent ca;
NSContactEntity c = savedContact("Selected AS");
NSSelectionAgent agent;
NSSelectionEntity s = agent.CreateDefaultSelectionEntity();
s.SetName("Cycle selection");
s.SetDescription("companies to call");
s = agent.SaveSelectionEntity(s);
Integer id = s.GetSelectionId();
NSContactPersonId m;
m.SetContactId(c.GetContactId());
NSContactPersonId[] ms;
ms.pushBack(m);
agent.AddContactSelectionMembers(id, ms);
printLine((id > 0).toString() + " " + s.GetTargetTableName() + " " + s.GetDescription() + " " + getSelectionIds(id).length().toString());
s.SetName("Cycle selection 2");
agent.SaveSelectionEntity(s);
NSSelectionEntity g = agent.GetSelectionEntity(id);
printLine(g.GetName() + " " + g.GetMemberCount().toString() + " " + g.GetUpdatedCount().toString());
agent.DeleteSelectionEntity(id);
printLine(agent.GetSelectionEntity(id).GetSelectionId().toString());
`,
    expected: 'true contact companies to call 1\nCycle selection 2 1 1\n0\n',
  },
];

/**
 * All cycles in one CRMScript program (one CLI process instead of fourteen): each cycle is a
 * function, run inside try/catch so that one failing cycle does not hide the others.
 */
function allCycles(): string {
  const fns = [SAVED_CONTACT, ...cycles.map((c, i) => `Void cycle${i}() {\n${c.program}\n}\n`)].join('\n');
  const calls = cycles.map((c, i) => `printLine("== ${c.agent}");\ntry {\n  cycle${i}();\n} catch {\n  printLine("ERROR: " + error);\n}\n`).join('');
  return fns + calls;
}

describe('NetServer agents through the CLI', () => {
  let cycleRun: { out: string; err: string; code: number | null };
  const section = (agent: string): string => {
    const start = cycleRun.out.indexOf(`== ${agent}\n`);
    if (start < 0) return `(no output; stderr: ${cycleRun.err})`;
    const from = start + agent.length + 4;
    const end = cycleRun.out.indexOf('\n== ', from - 1);
    return cycleRun.out.slice(from, end < 0 ? undefined : end + 1);
  };
  beforeAll(() => {
    cycleRun = run(allCycles());
  });

  it('runs every cycle in one CLI process', () => {
    expect(cycleRun.err).toBe('');
    expect(cycleRun.code).toBe(0);
  });

  it.each(cycles.map((c) => [c.agent, c]))('%s: create, save, get, change, save, delete', (_name, c) => {
    expect(section(c.agent)).toBe(c.expected);
  });

  it('what an agent saves, SearchEngine reads; what SearchEngine inserts, an agent reads', () => {
    const r = run(`
NSSaleAgent sa;
NSSaleEntity s = sa.CreateDefaultSaleEntity();
s.SetHeading("Visible deal");
s.SetAmount(42.0);
s = sa.SaveSaleEntity(s);
SearchEngine se;
se.addFields("sale", "heading,amount");
se.addCriteria("sale.sale_id", "OperatorEquals", s.GetSaleId().toString(), "OperatorAnd", 0);
for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + " " + se.getField(1).toFloat().toString(0));
SearchEngine ins;
ins.addData("contact.name", "Inserted by SearchEngine");
Integer id = ins.insert();
NSContactAgent ca;
printLine(ca.GetContact(id).GetName());
`);
    expect(r.err).toBe('');
    expect(r.out).toBe('Visible deal 42\nInserted by SearchEngine\n');
  });

  it('refuses to save an entity without its required fields, naming the method and the field', () => {
    const r = run(`
NSSaleAgent sa;
NSSaleEntity s = sa.CreateDefaultSaleEntity();
try {
  sa.SaveSaleEntity(s);
} catch {
  printLine(error);
}
NSContactAgent ca;
ca.SaveContactEntity(ca.CreateDefaultContactEntity());
`);
    expect(r.out).toBe('NSSaleAgent.SaveSaleEntity: the sale heading (SetHeading) is required\n');
    expect(r.err).toMatch(/prog\d+\.crm:10:\d+: error: NSContactAgent\.SaveContactEntity: the company name \(SetName\) is required/);
    expect(r.code).toBe(1);
  });

  it('--rollback discards what agents wrote', () => {
    const write = `
NSContactAgent ca;
NSContactEntity c = ca.CreateDefaultContactEntity();
c.SetName("Rolled back AS");
c = ca.SaveContactEntity(c);
printLine(ca.GetContact(c.GetContactId()).GetName());
`;
    const r = run(write, '--rollback');
    expect(r.out).toBe('Rolled back AS\n');
    const check = run(`
SearchEngine se;
se.addField("contact.contact_id");
se.addCriteria("contact.name", "OperatorEquals", "Rolled back AS", "OperatorAnd", 0);
printLine(se.countRows().toString());
`);
    expect(check.out).toBe('0\n');
  });

  it('a method with no sandbox meaning says so', () => {
    const r = run('NSQuoteAgent qa;\nqa.GetConnectorCapabilities(1);\n');
    expect(r.err).toContain('NSQuoteAgent.GetConnectorCapabilities is not available in crmscript-tui');
  });
});
