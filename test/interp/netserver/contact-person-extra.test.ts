// NSContactAgent and NSPersonAgent beyond the entity cycle, on a real sandbox CRM (SQLite with its
// demo data): validation, ranks, moves and merges, copies, e-mail addresses and bounces, owners,
// summaries, recent contacts, countries and resolving persons. Every script runs as a rollback
// run, so each test starts from the demo data; results are read back with SearchEngine where the
// tables are what matters.
import { describe, it, expect } from 'vitest';
import { sandboxCrm } from './sandbox-run.js';

const sandbox = sandboxCrm('crms-nsextra-');

function run(source: string): { out: string; error: string | null; changes: number } {
  const r = sandbox(source);
  return { out: r.out, error: r.error, changes: r.changes.length };
}

/** CRMScript that prints the rows of `table` matching `column = value`, the fields joined by '|'. */
const rows = (table: string, fields: string[], column: string, value: string | number, order = `${table}.${fields[0]}`): string => `
{
  SearchEngine se;
  ${fields.map((f) => `se.addField("${table}.${f}");`).join(' ')}
  se.addCriteria("${table}.${column}", "OperatorEquals", "${value}", "OperatorAnd", 0);
  se.addOrder("${order}", true);
  for (se.execute(); !se.eof(); se.next()) {
    String line = "${table}";
    for (Integer i = 0; i < ${fields.length}; i++) line = line + "|" + se.getField(i);
    printLine(line);
  }
}`;

describe('NSContactAgent / NSPersonAgent: validation', () => {
  it('lists by property what a save would refuse, and writes nothing', () => {
    const r = run(`
NSContactAgent ca;
NSContactEntity c = ca.CreateDefaultContactEntity();
Map m = ca.ValidateContactEntity(c);
printLine(m.size().toString() + " " + m.get("Name"));
c.SetName("Valid AS");
printLine(ca.ValidateContactEntity(c).size().toString());
NSPersonAgent pa;
NSPersonEntity p = pa.CreateDefaultPersonEntity();
NSContact nowhere;
nowhere.SetContactId(999);
p.SetContact(nowhere);
m = pa.ValidatePersonEntity(p);
printLine(m.size().toString());
printLine(m.get("Firstname"));
printLine(m.get("Contact"));
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('1 the company name (SetName) is required\n0\n2\nthe first name (SetFirstname) is required\nContact 999 does not exist (there is no contact row with that id)\n');
    expect(r.changes).toBe(0);
  });

  it('gives the same message that the save fails with', () => {
    const r = run(`
NSContactAgent ca;
ca.SaveContactEntity(ca.CreateDefaultContactEntity());
`);
    expect(r.error).toContain('NSContactAgent.SaveContactEntity: the company name (SetName) is required');
  });
});

describe('NSPersonAgent: ranks', () => {
  it('numbers a company\'s persons, moves one up and sets one\'s rank', () => {
    const r = run(`
NSPersonAgent pa;
printLine(pa.NormalizeRanks(2).toString());
${rows('person', ['person_id', 'rank'], 'contact_id', 2, 'person.rank')}
printLine(pa.ChangePersonRank(6, true).toString());
${rows('person', ['person_id', 'rank'], 'contact_id', 2, 'person.rank')}
printLine(pa.ChangePersonRank(6, true).toString());
printLine(pa.SetPersonRank(6, 5).toString());
${rows('person', ['person_id', 'rank'], 'contact_id', 2, 'person.rank')}
printLine(pa.NormalizeRanks(999).toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      ['true', 'person|5|1', 'person|6|2', '1', 'person|6|1', 'person|5|2', '1', 'true', 'person|5|1', 'person|6|2', 'false', ''].join('\n'),
    );
  });

  it('names the person it cannot find', () => {
    const r = run(`NSPersonAgent pa;\npa.SetPersonRank(99, 1);`);
    expect(r.error).toContain('NSPersonAgent.SetPersonRank: there is no person with id 99');
  });
});

describe('NSPersonAgent: Move and Merge', () => {
  it('moves a person to another company with the activities from a date on', () => {
    const r = run(`
NSPersonAgent pa;
DateTime from = DateTime("2025-03-05 00:00:00");
pa.Move(5, 3, from);
${rows('person', ['contact_id', 'rank'], 'person_id', 5)}
${rows('Email', ['contact_id'], 'person_id', 5)}
${rows('sale', ['sale_id', 'contact_id'], 'person_id', 5)}
${rows('appointment', ['appointment_id', 'contact_id'], 'person_id', 5)}
${rows('ticket', ['id', 'contact_id'], 'cust_id', 5, 'ticket.id')}
`);
    expect(r.error).toBeNull();
    // ticket 1 (3 March) stays on the old company; ticket 8 (6 March), the sale, the meeting and the letter (document 2, 7 March) move
    expect(r.out).toBe('person|3|2\nEmail|3\nsale|2|3\nappointment|2|3\nappointment|5|3\nticket|1|0\nticket|8|3\n');
  });

  it('merges a person into another: activities, e-mail addresses and empty fields go over, the source is deleted', () => {
    const r = run(`
NSPersonAgent pa;
NSPersonEntity ola = pa.GetPersonEntity(6);
ola.SetTitle("CTO");
pa.SavePersonEntity(ola);
DateTime none;
pa.Merge(6, 5, none, true, true);
printLine(pa.GetPerson(6).GetPersonId().toString());
NSPersonEntity nina = pa.GetPersonEntity(5);
printLine(nina.GetTitle());
NSEntityElement[] mails = nina.GetEmails();
for (Integer i = 0; i < mails.length(); i++) printLine(mails[i].GetValue());
${rows('ticket', ['id'], 'cust_id', 5, 'ticket.id')}
${rows('ticket_customers', ['ticket_id'], 'customer_id', 5, 'ticket_customers.ticket_id')}
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('0\nCTO\nnina@nordicbikes.example\nola@nordicbikes.example\nticket|1\nticket|2\nticket|8\nticket_customers|1\nticket_customers|2\nticket_customers|8\n');
  });

  it('keeps a merged person that is not deleted as retired, with its older activities', () => {
    const r = run(`
NSPersonAgent pa;
DateTime from = DateTime("2025-03-06 00:00:00");
pa.Merge(8, 7, from, false, false);
${rows('person', ['person_id', 'retired'], 'contact_id', 3, 'person.person_id')}
${rows('ticket', ['id', 'cust_id'], 'id', 6)}
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('person|7|0\nperson|8|1\nticket|6|8\n');
  });

  it('refuses to merge a person into itself', () => {
    const r = run(`NSPersonAgent pa;\nDateTime d;\npa.Merge(5, 5, d, true, false);`);
    expect(r.error).toContain('NSPersonAgent.Merge: person 5 cannot be merged into itself');
  });
});

describe('NSContactAgent: Merge, Copy, AddPerson, CreateNewEntry', () => {
  it('merges a company into another: persons, sales and requests move, identical persons are merged, the source is deleted', () => {
    const r = run(`
NSContactAgent ca;
NSPersonAgent pa;
NSPersonEntity kari = pa.CreateDefaultByContactId(3);
kari.SetFirstname("Kari");
kari.SetLastname("Moe");
kari = pa.SavePersonEntity(kari);
NSContactEntity polar = ca.GetContactEntity(5);
polar.SetNumber1("P-5");
ca.SaveContactEntity(polar);
ca.Merge(5, 3, true, true);
printLine(ca.GetContact(5).GetContactId().toString());
printLine(pa.GetPerson(11).GetPersonId().toString());
${rows('contact', ['name', 'number1', 'department'], 'contact_id', 3)}
${rows('person', ['person_id', 'rank'], 'contact_id', 3, 'person.rank')}
${rows('sale', ['sale_id'], 'contact_id', 3, 'sale.sale_id')}
SearchEngine se;
se.addField("ticket.cust_id");
se.addCriteria("ticket.id", "OperatorEquals", "9", "OperatorAnd", 0);
se.execute();
printLine((se.getField(0) == kari.GetPersonId().toString()).toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      // Kari Moe (11) is merged into the Kari Moe just saved at Acme (12, unranked); Jonas (10) comes after the ranked ones
      ['0', '0', 'contact|Acme Logistics|P-5|Warehouse', 'person|12|0', 'person|7|1', 'person|8|1', 'person|10|2', 'sale|3', 'sale|4', 'true', ''].join('\n'),
    );
  });

  it('copies a company with its persons, phones, e-mails and address, but not its activities', () => {
    const r = run(`
NSContactAgent ca;
Integer id = ca.Copy(2, "Nordic Bikes Copy", "", true);
NSContact c = ca.GetContact(id);
printLine(c.GetName() + "|" + c.GetDepartment());
NSPerson[] ps = ca.GetPersons(id);
for (Integer i = 0; i < ps.length(); i++) printLine(ps[i].GetFullName() + "|" + ps[i].GetEmail() + "|" + ps[i].GetDirectPhone());
printLine(ca.GetContact(2).GetName() + " " + ca.GetPersons(2).length().toString());
SearchEngine se;
se.addField("address.city");
se.addField("address.atype_idx");
se.addCriteria("address.owner_id", "OperatorEquals", id.toString(), "OperatorAnd", 0);
for (se.execute(); !se.eof(); se.next()) printLine("address|" + se.getField(0) + "|" + se.getField(1));
NSSaleAgent sa;
printLine(sa.GetSalesFromContact(id, false).length().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('Nordic Bikes Copy|\nNina Hansen|nina@nordicbikes.example|+47 911 11 111\nOla Nordmann|ola@nordicbikes.example|+47 922 22 222\nNordic Bikes AS 2\naddress|Oslo|2\n0\n');
  });

  it('adds a person to a company, creates a company from a duplicate entry, and names what is missing', () => {
    const r = run(`
NSContactAgent ca;
NSPersonAgent pa;
NSPersonEntity p = pa.CreateDefaultPersonEntity();
p.SetFirstname("Per");
p.SetLastname("Olsen");
p = ca.AddPerson(4, p);
printLine(p.GetContact().GetName() + "|" + pa.GetPerson(p.GetPersonId()).GetFullName());
NSDuplicateEntry e;
e.SetEntryName("From Register AS");
Integer id = ca.CreateNewEntry(e);
printLine(ca.GetContact(id).GetName());
NSDuplicateEntry nameless;
ca.CreateNewEntry(nameless);
`);
    expect(r.out).toBe('Blue Fjord Hotels|Per Olsen\nFrom Register AS\n');
    expect(r.error).toContain('NSContactAgent.CreateNewEntry: the duplicate entry has no name (SetEntryName)');
  });

  it('says that companies are deleted for good, so Undelete has nothing to do', () => {
    const r = run(`NSContactAgent ca;\nca.Undelete(1);`);
    expect(r.error).toContain('NSContactAgent.Undelete: the sandbox CRM deletes companies for good');
  });
});

describe('NSPersonAgent: e-mail addresses and bounces', () => {
  it('adds e-mail addresses, as primary or after the others, and counts bounces on an address', () => {
    const r = run(`
NSPersonAgent pa;
pa.AddEmailAddressToPerson(9, "ingrid.lie@example.com", false);
pa.AddEmailAddressToPerson(9, "ingrid@private.example", true);
pa.AddEmailAddressToPerson(9, "ingrid.lie@example.com", true);
${rows('Email', ['email_address', 'rank', 'contact_id'], 'person_id', 9, 'Email.rank')}
pa.AddBounceWithCount("INGRID@private.example", 2);
pa.AddBounce("ingrid@private.example");
pa.AddBounce("nobody@nowhere.example");
${rows('Email', ['email_address', 'bounceCount'], 'email_address', 'ingrid@private.example')}
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'Email|ingrid.lie@example.com|1|4\nEmail|ingrid@private.example|2|4\nEmail|ingrid@bluefjord.example|3|4\nEmail|ingrid@private.example|3\n',
    );
  });
});

describe('NSPersonAgent: owners, colleagues, summaries, resolving', () => {
  it('finds the associate responsible for a person, and the sales representative from what is known of one', () => {
    const r = run(`
NSPersonAgent pa;
printLine(pa.GetOwnerOnPersonId(9).GetFullName());
printLine(pa.GetMyOwner().GetFullName());
printLine(pa.GetSalesRep("Blue Fjord Hotels", "Ingrid", "Lie", "", "").GetPersonId().toString());
printLine(pa.GetSalesRep("", "", "", "GRACE@acme.example", "").GetPersonId().toString());
printLine(pa.GetSalesRep("", "", "", "", "+47 911 11 111").GetPersonId().toString());
printLine(pa.GetSalesRep("", "", "", "", "").GetPersonId().toString());
printLine(pa.GetSalesRep("", "", "", "nobody@nowhere.example", "").GetPersonId().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('Bob Berg\nAda Admin\n2\n3\n3\n1\n0\n');
  });

  it('lists the colleagues in a department (user group)', () => {
    const r = run(`
SearchEngine se;
se.addData("associate.group_idx", "7");
se.addCriteria("associate.associate_id", "OperatorIn", "2,4", "OperatorAnd", 0);
se.update();
NSPersonAgent pa;
NSPerson[] ps = pa.GetColleaguesByDepartment(7);
for (Integer i = 0; i < ps.length(); i++) printLine(ps[i].GetFullName());
printLine(pa.GetColleaguesByDepartment(8).length().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('Bob Berg\nDave Eik\n0\n');
  });

  it('summarises a person\'s follow-ups, documents, sales and requests', () => {
    const r = run(`
NSPersonAgent pa;
NSPersonSummary s = pa.GetPersonSummary(9, 0);
printLine(s.GetPerson().GetFullName());
printLine(s.GetFollowups().length().toString() + " " + s.GetDocuments().length().toString() + " " + s.GetSales().length().toString() + " " + s.GetTickets().length().toString());
printLine(s.GetSales()[0].GetHeading() + "|" + s.GetSales()[0].GetSaleDate().toString() + "|" + s.GetSales()[0].GetStatus().toString());
printLine(s.GetTickets()[0].GetTitle());
printLine(pa.GetPersonSummary(9, 1).GetSales().length().toString());
`);
    expect(r.error).toBeNull();
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Ingrid Lie');
    expect(lines[1]).toBe('1 1 2 2'); // one follow-up, the demo document, two sales, two requests
    expect(lines[2]).toMatch(/^40 guest-room tablets\|.*2025.*\|1$/);
    expect(lines[3]).toBe('Request for a quote: 40 hotel tablets');
    expect(lines[4]).toBe('1');
  });

  it('resolves a person by e-mail or phone, and creates one when none matches', () => {
    const r = run(`
NSPersonAgent pa;
String[] none;
String[] mails;
mails.pushBack("NINA@nordicbikes.example");
NSResolvedPerson found = pa.ResolvePersonFromInfo(2, "Someone Else", none, mails);
printLine(found.GetPerson().GetPersonId().toString() + " " + found.GetPersonCreated().toString());
String[] phones;
phones.pushBack("+47 123 45 678");
String[] newMails;
newMails.pushBack("tor@nordicbikes.example");
NSResolvedPerson made = pa.ResolvePersonFromInfo(2, "Tor Are Hansen", phones, newMails);
NSPersonEntity tor = made.GetPerson();
printLine(tor.GetFirstname() + "|" + tor.GetLastname() + "|" + tor.GetContact().GetContactId().toString() + "|" + made.GetPersonCreated().toString());
String[] samePhone;
samePhone.pushBack("4712345678");
NSResolvedPerson again = pa.ResolvePersonFromInfo(2, "", samePhone, none);
printLine((again.GetPerson().GetPersonId() == tor.GetPersonId()).toString() + " " + again.GetPersonCreated().toString());
${rows('Email', ['email_address'], 'email_address', 'tor@nordicbikes.example')}
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('5 false\nTor Are|Hansen|2|true\ntrue false\nEmail|tor@nordicbikes.example\n');
  });
});

describe('NSContactAgent: recent contacts, business card, countries', () => {
  it('gives the contacts of the user\'s diary for today and tomorrow', () => {
    const r = run(`
NSAppointmentAgent aa;
NSAppointmentEntity a = aa.CreateDefaultAppointmentEntity();
DateTime start = a.GetStartDate();
start.addDay(1);
a.SetStartDate(start);
a.SetEndDate(start);
NSContact blue;
blue.SetContactId(4);
a.SetContact(blue);
aa.SaveAppointmentEntity(a);
NSContactAgent ca;
NSContact[] cs = ca.GetMyRecentContacts(2);
for (Integer i = 0; i < cs.length(); i++) printLine(cs[i].GetName());
printLine(ca.GetMyRecentContacts(1).length().toString());
printLine(ca.GetMyBizCard().GetName() + " " + ca.GetMyBizCard().GetPersons().length().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('Blue Fjord Hotels\n0\nSandbox Support Desk 4\n');
  });

  it('changes an entity\'s country, and lays out an address for a country', () => {
    const r = run(`
SearchEngine se;
se.addData("country.name", "Norway");
se.addData("country.abbrev2", "NO");
Integer norway = se.insert();
NSContactAgent ca;
NSContactEntity c = ca.ChangeCountry(ca.GetContactEntity(2), norway);
printLine(c.GetCountry().GetName() + "|" + c.GetName());
NSPersonAgent pa;
printLine(pa.ChangeCountry(pa.GetPersonEntity(5), norway).GetCountry().GetTwoLetterISOCountry());
// the same layout as GetAddress: postal and street address, five lines each, in the NSAddress
// NetServer gives (as the reference's generated examples assign it)
NSAddress address = ca.GetAddressByCountry(2, norway);
NSLocalizedField[][] rows = address.GetLocalizedAddress();
printLine(rows.length().toString() + " " + ca.GetAddress(2).GetLocalizedAddress().length().toString() + " " + rows[0][0].GetName() + " " + rows[9][0].GetName() + " " + pa.GetAddress(5).GetLocalizedAddress().length().toString());
ca.GetAddressByCountry(2, 999);
`);
    expect(r.out).toBe('Norway|Nordic Bikes AS\nNO\n10 10 PostalAddress1 StreetCounty 5\n');
    expect(r.error).toContain('NSContactAgent.GetAddressByCountry: there is no country with id 999');
  });

  it('finds companies with the same name and, when given, department', () => {
    const r = run(`
NSContactAgent ca;
NSContactEntity c = ca.CreateDefaultContactEntity();
c.SetName(" nordic bikes as "); c.SetDepartment("Sales");
ca.SaveContactEntity(c);
NSDuplicateEntry[] d = ca.GetNameDepartmentDuplicates("Nordic Bikes AS", "");
for (Integer i = 0; i < d.length(); i++) printLine(d[i].GetSoPrimaryKey() + "|" + d[i].GetEntryIdentifier() + "|" + d[i].GetEntryName() + "|" + d[i].GetRuleName());
printLine(ca.GetNameDepartmentDuplicates("nordic bikes as", " SALES ").length().toString() + " " + ca.GetNameDepartmentDuplicates("Nobody", "").length().toString() + " " + ca.GetNameDepartmentDuplicates("", "").length().toString());
`);
    expect(r.error).toBeNull();
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('2|2|Nordic Bikes AS, Retail|NameDepartment');
    expect(lines[1]).toMatch(/^(\d+)\|\1\|nordic bikes as, Sales\|NameDepartment$/);
    expect(lines[2]).toBe('1 0 0');
  });
});
