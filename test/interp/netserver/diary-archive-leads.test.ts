// On every CRM backend (SQLite, and PostgreSQL when a test server is set): NSAppointmentAgent's
// day summaries of a diary (busy and free activities per day, the share of the 08:00-16:00 work
// day booked, red-letter days), GetMySyncAppointments (with a booking's participants),
// RequestForInfo and GenerateLead (finding or making the company and person, the task of the
// responsible user, the relation to the lead's sender); NSArchiveAgent's column widths, activity
// filter and CSV export; NSPreferenceAgent.SavePreferenceEntities; NSProjectAgent.CreateNewEntry;
// and the clear failures of each, including NSFindAgent's provider-less overload. Every run rolls
// back.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeBackends } from '../../crm/helpers.js';
import { cleanupTempDirs, tempDir } from '../../common.js';
import { backendSandbox, ok } from './backend-runs.js';

afterAll(cleanupTempDirs);

/** `day(s)`: a DateTime from text; `days(list)`: the activity summaries "MM-DD busy/free pct"; `add(...)`: an appointment of associate `who`. */
const PRELUDE = `NSAppointmentAgent ag; NSArchiveAgent ar;
DateTime day(String s) { return s.toDateTime(); }
String summary(NSActivitySummary a) { return a.GetNumBusyActivities().toString() + "/" + a.GetNumFreeActivities().toString() + " " + a.GetPercentageBusy().toString(); }
String days(NSActivityInformationListItem[] list) { String s; foreach (NSActivityInformationListItem i in list) s += i.GetDate().toString().subString(5, 5) + " " + summary(i.GetActivityInformation()) + "; "; return s; }
Integer add(Integer who, Integer type, String from, String to, Bool free, Bool allDay, Integer status) {
  NSAppointmentEntity a = ag.CreateDefaultAppointmentEntityByTypeAndAssociate(type, who);
  a.SetStartDate(day(from)); a.SetEndDate(day(to)); a.SetFreeBusy(free); a.SetAlldayEvent(allDay); a.SetCompleted(status);
  return ag.SaveAppointmentEntity(a).GetAppointmentId();
}`;

describeBackends('diary summaries, sync appointments, leads, archive settings and export', (b) => {
  const run = backendSandbox(b, PRELUDE);

  describe('NSAppointmentAgent day summaries', () => {
    it("counts the busy and free activities of each day of the associate's diary, and the share of the work day booked", () => {
      const out = ok(
        run,
        `add(4, 1, "2025-06-02 09:00", "2025-06-02 11:00", false, false, 1);
Integer priv = add(4, 1, "2025-06-02 10:00", "2025-06-02 12:00", false, false, 1);
NSAppointmentEntity p = ag.GetAppointmentEntity(priv); p.SetPrivate(1); ag.SaveAppointmentEntity(p);
add(4, 1, "2025-06-02 13:00", "2025-06-02 14:00", true, false, 1);
add(4, 1, "2025-06-03 00:00", "2025-06-04 00:00", false, true, 1);
add(4, 2, "2025-06-03 10:00", "2025-06-03 10:00", false, false, 1);
add(4, 1, "2025-06-02 15:00", "2025-06-04 09:00", false, false, 3);
add(4, 6, "2025-06-04 10:00", "2025-06-04 12:00", false, false, 9);
printLine(days(ag.GetActivityInformationListByDatesAndAssociate(day("2025-06-01 18:00"), day("2025-06-05 07:00"), 4)));
printLine(days(ag.GetActivityInformationListByDatesAndAssociate(day("2025-03-09"), day("2025-03-12"), 0)));
printLine(days(ag.GetActivityInformationListByDatesAndAssociate(day("2025-03-09"), day("2025-03-12"), 3)));
printLine(ag.GetActivityInformationListByDatesAndAssociate(day("2025-03-12"), day("2025-03-11"), 0).length().toString());`,
      );
      expect(out).toBe(
        '06-01 0/0 0; 06-02 3/1 50; 06-03 3/0 100; 06-04 1/0 13; 06-05 0/0 0; \n' +
          '03-09 0/0 0; 03-10 0/0 0; 03-11 0/0 0; 03-12 1/0 13; \n' +
          '03-09 0/0 0; 03-10 1/0 13; 03-11 0/0 0; 03-12 0/0 0; \n' +
          '0\n',
      );
    });

    it('combines the activity summary with the red-letter summary of each day', () => {
      const out = ok(
        run,
        `add(0, 1, "2026-06-05 08:00", "2026-06-05 16:00", false, false, 1);
foreach (NSDayInformationListItem d in ag.GetDayInformationListByDatesAndAssociate(day("2026-05-16"), day("2026-05-17"), 0))
  printLine(d.GetDate().toString() + " " + summary(d.GetActivityInformation()) + " " + d.GetRedLetterInformation().GetIsOwnCountryHoliday().toString() + " " + d.GetRedLetterInformation().GetIsOtherCountryHoliday().toString());
foreach (NSDayInformationListItem d in ag.GetDayInformationListByDatesAndAssociate(day("2026-06-05"), day("2026-06-06"), 1))
  printLine(d.GetDate().toString() + " " + summary(d.GetActivityInformation()) + " " + d.GetRedLetterInformation().GetIsOwnCountryHoliday().toString() + " " + d.GetRedLetterInformation().GetIsOtherCountryHoliday().toString());`,
      );
      expect(out).toBe(
        '2026-05-16 00:00:00 0/0 0 false false\n' +
          '2026-05-17 00:00:00 0/0 0 true false\n' +
          '2026-06-05 00:00:00 1/0 100 false false\n' +
          '2026-06-06 00:00:00 0/0 0 false true\n',
      );
    });

    it('fails naming the method for an unknown associate, a missing date and too long an interval', () => {
      expect(run('ag.GetActivityInformationListByDatesAndAssociate(day("2025-01-01"), day("2025-01-02"), 99);').error).toBe(
        'NSAppointmentAgent.GetActivityInformationListByDatesAndAssociate: there is no associate 99',
      );
      expect(run('DateTime none = ar.GetActivityFilter().GetToDate(); ag.GetDayInformationListByDatesAndAssociate(none, day("2025-01-02"), 0);').error).toBe(
        'NSAppointmentAgent.GetDayInformationListByDatesAndAssociate: the interval needs both a start and an end date',
      );
      expect(run('ag.GetDayInformationListByDatesAndAssociate(day("2000-01-01"), day("2020-01-01"), 0);').error).toBe(
        'NSAppointmentAgent.GetDayInformationListByDatesAndAssociate: the interval has 7306 days; the sandbox answers at most 3660 at a time',
      );
    });
  });

  it("GetMySyncAppointments gives the user's appointments with their links and a booking's participants", () => {
    const show = `foreach (NSAppointmentSyncData d in ag.GetMySyncAppointments(day("2025-01-01"), day("2025-12-31"))) {
  String ps; foreach (NSParticipantSyncData p in d.GetParticipants()) ps += p.GetPersonFullName() + "@" + p.GetContactName() + ":" + p.GetParticipantStatus().toString() + ":" + p.GetEMail()[0] + " ";
  printLine(d.GetStartDate().toString() + "-" + d.GetEndDate().toString().subString(11, 5) + " busy=" + d.GetIsBusy().toString() + " done=" + d.GetIsCompleted().toString() + " inv=" + d.GetIsInvitation().toString() + " tent=" + d.GetIsTentative().toString() + " | " + d.GetContactName() + " | " + d.GetPersonFullName() + " | " + d.GetLocation() + " | " + ps);
}`;
    const setup = `Integer m = add(1, 1, "2025-06-10 10:00", "2025-06-10 11:00", false, false, 1);
NSAppointmentEntity e = ag.GetAppointmentEntity(m); e.SetLocation("Room 1"); ag.SaveAppointmentEntity(e);
Integer inv = add(2, 6, "2025-06-10 10:00", "2025-06-10 11:00", false, false, 5);
NSAppointmentEntity i = ag.GetAppointmentEntity(inv); i.SetMotherId(m); ag.SaveAppointmentEntity(i);
`;
    expect(ok(run, setup + show)).toBe(
      '2025-03-12 09:00:00-10:00 busy=true done=true inv=false tent=false | Acme Logistics | Grace Miller | Video call | \n' +
        '2025-06-10 10:00:00-11:00 busy=true done=false inv=false tent=false |  |  | Room 1 | Ada Admin@Sandbox Support Desk:1:ada@sandbox.example Bob Berg@Sandbox Support Desk:5:bob@sandbox.example \n',
    );
    // Bob's own rows: his invitation, waiting for an answer
    expect(ok(run, setup + show, { user: 'bob' })).toBe(
      '2025-03-11 14:00:00-14:30 busy=true done=false inv=false tent=false | Nordic Bikes AS | Nina Hansen | Phone | \n' +
        '2025-06-10 10:00:00-11:00 busy=true done=false inv=true tent=true |  |  |  | Ada Admin@Sandbox Support Desk:1:ada@sandbox.example Bob Berg@Sandbox Support Desk:5:bob@sandbox.example \n',
    );
  });

  describe('NSAppointmentAgent RequestForInfo and GenerateLead', () => {
    const tasks = `String tasks(Integer who) { String s; foreach (NSAppointment t in ag.GetAssociateDiary(who, day("2020-01-01"), day("2100-01-01"), 0)) if (t.GetType() == 2) s += t.GetDescription() + "@" + t.GetContactName() + "/" + t.GetPersonFullName() + " "; return s; }
String show(NSSalesActivity a) { String s; foreach (NSContact c in a.GetRequestedContacts()) s += c.GetName() + ","; return s + " | " + a.GetRequestedPerson().GetFullName() + " | " + a.GetSalesRep().GetFullName(); }
`;

    it('finds the person by e-mail or name, else makes the company and person, and puts a task in the responsible user\'s task list', () => {
      const out = ok(
        run,
        tasks +
          `printLine(show(ag.RequestForInfo(2, "web", "Price list please", "Nordlys AS", "Kari", "Nord", "kari@nordlys.example", "+47 1234")));
printLine(show(ag.RequestForInfo(4, "phone", "Call me back", "", "", "", "KARI@nordlys.example", "")));
printLine(show(ag.RequestForInfo(4, "", "Brochure", "acme logistics", "Grace", "Miller", "", "")));
printLine(show(ag.RequestForInfo(4, "", "Catalogue", "Acme Logistics", "Paul", "Young", "paul@acme.example", "555")));
printLine(show(ag.RequestForInfo(0, "", "Hello", "Mine AS", "", "", "", "")));
printLine(tasks(2));
printLine(tasks(3));
NSPersonEntity paul = NSPersonAgent().GetPersonEntity(ag.RequestForInfo(4, "", "Again", "Acme Logistics", "Paul", "Young", "", "").GetRequestedPerson().GetPersonId());
printLine(paul.GetContact().GetName() + " " + paul.GetEmails()[0].GetValue() + " " + paul.GetOfficePhones()[0].GetValue());`,
      );
      expect(out).toBe(
        'Nordlys AS, | Kari Nord | Bob Berg\n' +
          'Nordlys AS, | Kari Nord | Bob Berg\n' +
          'Acme Logistics, | Grace Miller | Carol Dahl\n' +
          'Acme Logistics, | Paul Young | Carol Dahl\n' +
          'Mine AS, |  | Ada Admin\n' +
          '[web] Price list please@Nordlys AS/Kari Nord [phone] Call me back@Nordlys AS/Kari Nord \n' +
          'Brochure@Acme Logistics/Grace Miller Catalogue@Acme Logistics/Paul Young \n' +
          'Acme Logistics paul@acme.example 555\n',
      );
    });

    it('returns the companies of a name several companies have, writing nothing, and fails when there is nothing to go on', () => {
      const r = run(
        tasks +
          `NSContactAgent ca;
NSContactEntity c = ca.CreateDefaultContactEntity(); c.SetName("Twin AS"); ca.SaveContactEntity(c);
c = ca.CreateDefaultContactEntity(); c.SetName("Twin AS"); ca.SaveContactEntity(c);
printLine(show(ag.RequestForInfo(2, "", "Which one?", "Twin AS", "Tom", "Twin", "", "")));
printLine(tasks(1) + "|");`,
      );
      expect(r.error).toBeNull();
      expect(r.out).toBe('Twin AS,Twin AS, |  | \n|\n');
      expect(r.changes.filter((c) => c.table.toLowerCase() === 'appointment' || c.table.toLowerCase() === 'person')).toEqual([]);
      expect(run('ag.RequestForInfo(2, "", "x", "", "Nobody", "Known", "", "");').error).toBe(
        'NSAppointmentAgent.RequestForInfo: neither the person nor a company was found, and there is no company name to make a new company with',
      );
      expect(run('ag.RequestForInfo(77, "", "x", "New Co", "", "", "", "");').error).toBe(
        'NSAppointmentAgent.RequestForInfo: there is no associate 77 to be responsible for the new company (associateIdForNewContact)',
      );
    });

    it('GenerateLead adds the lead as a task and relates the lead to the person who sent it', () => {
      const out = ok(
        run,
        tasks +
          `NSSalesActivity per = ag.GenerateLead(2, "Wants 10 trucks", "", 1, "Nordlys AS", "Per", "Sol", "per@nordlys.example", "", "Acme Logistics", "Grace", "Miller");
printLine(show(per));
printLine(show(ag.GenerateLead(2, "More bikes", "is the mentor of", 0, "Nordic Bikes AS", "Nina", "Hansen", "", "", "Acme Logistics", "Henry", "Stone")));
printLine(tasks(2) + "| " + tasks(3));
SearchEngine se; se.addField("relations.reldef_id"); se.addField("relations.source_record"); se.addField("relations.destination_record"); se.addField("relations.relcomment"); se.addCriteria("relations.destination_table", "Equals", "6");
for (se.execute(); !se.eof(); se.next()) { String src = se.getField(1); if (src == per.GetRequestedPerson().GetPersonId().toString()) src = "Per"; printLine(se.getField(0) + " " + src + " " + se.getField(2) + " [" + se.getField(3) + "]"); }`,
      );
      expect(out).toBe(
        'Nordlys AS, | Per Sol | Bob Berg\n' +
          'Nordic Bikes AS, | Nina Hansen | Carol Dahl\n' +
          'Wants 10 trucks@Nordlys AS/Per Sol | More bikes@Nordic Bikes AS/Nina Hansen \n' +
          // the demo's relation, then Per Sol and Nina Hansen (5) related to their senders Grace Miller (7) and Henry Stone (8)
          '2 7 8 []\n' +
          '1 Per 7 []\n' +
          '2 5 8 [is the mentor of]\n',
      );
    });

    it('GenerateLead checks the relation before writing anything', () => {
      expect(run('ag.GenerateLead(2, "x", "", 99, "Nordlys AS", "Per", "Sol", "", "", "Acme Logistics", "Grace", "Miller");').error).toBe(
        'NSAppointmentAgent.GenerateLead: there is no relation definition with id 99',
      );
      expect(run('ag.GenerateLead(2, "x", "is the boss of", 0, "Nordlys AS", "Per", "Sol", "", "", "Acme Logistics", "Grace", "Miller");').error).toBe(
        'NSAppointmentAgent.GenerateLead: there is no relation definition named "is the boss of" (give its id as relationId)',
      );
      const r = run('ag.GenerateLead(2, "x", "", 1, "Nordlys AS", "Per", "Sol", "", "", "Acme Logistics", "No", "Body");');
      expect(r.error).toBe('NSAppointmentAgent.GenerateLead: there is no person "No Body" at a company named "Acme Logistics" to relate the lead to');
      expect(r.changes).toEqual([]);
    });
  });

  describe('NSArchiveAgent settings', () => {
    const widths = `String widths(String gui, String provider) { String s; foreach (NSArchiveColumnInfo c in ar.GetArchiveConfiguration(gui, provider).GetArchiveColumnInfo()) if (c.GetWidth() != "") s += c.GetName() + "=" + c.GetWidth() + " "; return s; }
String widthsV2(String gui, String provider, String context, String keys) { String s; foreach (NSArchiveColumnInfo c in ar.GetArchiveConfigurationV2(gui, provider, context, keys).GetArchiveColumnInfo()) if (c.GetWidth() != "") s += c.GetName() + "=" + c.GetWidth() + " "; return s; }
`;

    it('keeps column widths per GUI name (and provider, context and owner keys), percentages scaled to 100', () => {
      const out = ok(
        run,
        widths +
          `ar.SetChosenColumns("list", "contact", String("name,department,number1").split(","));
ar.SetColumnWidths("list", String("20c, 30%,10%").split(","));
printLine(widths("list", "contact") + "| " + widths("list", "person"));
ar.SetChosenColumnsV2("list", "person", "ctx", "k1", String("firstname,lastname").split(","));
ar.SetColumnWidthsV2("list", "person", "ctx", "k1", String("25%,25%,25%").split(","));
printLine(widthsV2("list", "person", "ctx", "k1") + "| " + widths("list", "sale").subString(0, 11));
ar.SetColumnWidths("list", String("1%,1%,1%").split(","));
printLine(widths("list", "contact"));`,
      );
      // the GUI name's widths serve every provider of it that has none of its own (in their columns' order)
      expect(out).toBe('name=20c department=75% number1=25% | person_id=20c contact_id=75% rank=25% \n' + 'firstname=50% lastname=50% | sale_id=20c\n' + 'name=33% department=33% number1=34% \n');
      // Bob's archives are his own
      expect(ok(run, widths + 'ar.SetColumnWidths("list", String("9c").split(","));', { user: 'bob' })).toBe('');
      expect(ok(run, widths + 'printLine(widths("list", "contact") + "|");', { user: 'bob' })).toBe('|\n');
      expect(run('ar.SetColumnWidths("list", String("20px").split(","));').error).toBe(
        "NSArchiveAgent.SetColumnWidths: the column width '20px' is neither a number of characters (like 10c) nor a percentage (like 10%)",
      );
    });

    it("keeps the user's activity filter: the associates and groups chosen, the dates and the future date choices", () => {
      const out = ok(
        run,
        `String shown(NSActivityFilter f) { String s; foreach (NSSelectableMDOListItem a in f.GetAssociateList()) if (a.GetSelected()) s += a.GetName() + " "; s += "|"; foreach (NSSelectableMDOListItem g in f.GetGroupList()) if (g.GetSelected()) s += g.GetName() + " "; s += "| " + f.GetFromDate().toString() + " - " + f.GetToDate().toString() + " |"; foreach (NSMDOListItem x in f.GetFutureDateList()) s += " " + x.GetId().toString() + ":" + x.GetName(); return s; }
NSActivityFilter f = ar.GetActivityFilter();
printLine(f.GetAssociateList().length().toString() + " " + f.GetGroupList().length().toString() + " " + shown(f));
NSSelectableMDOListItem[] al = f.GetAssociateList(); al[0].SetSelected(false); al[1].SetSelected(true); al[2].SetSelected(true); f.SetAssociateList(al);
NSSelectableMDOListItem[] gl = f.GetGroupList(); gl[0].SetSelected(true); f.SetGroupList(gl);
f.SetFromDate(day("2025-06-01 08:00")); f.SetToDate(day("2025-06-30"));
NSMDOListItem week; week.SetId(7); week.SetName("Next 7 days"); NSMDOListItem[] fl; fl.pushBack(week); f.SetFutureDateList(fl);
ar.SetActivityFilter(f);
printLine(shown(ar.GetActivityFilter()));`,
      );
      expect(out).toMatch(/^4 \d+ Ada Admin \|\| {2}- {2}\|\n/);
      expect(out.split('\n')[1]).toMatch(/^Bob Berg Carol Dahl \|\S.* \| 2025-06-01 08:00:00 - 2025-06-30 00:00:00 \| 7:Next 7 days$/);
      expect(ok(run, 'printLine(ar.GetActivityFilter().GetFromDate().toString() + "|");', { user: 'bob' })).toBe('|\n');
      expect(run('NSActivityFilter f = ar.GetActivityFilter(); NSSelectableMDOListItem x; x.SetId(99); x.SetSelected(true); NSSelectableMDOListItem[] l; l.pushBack(x); f.SetAssociateList(l); ar.SetActivityFilter(f);').error).toBe(
        'NSArchiveAgent.SetActivityFilter: there is no associate with id 99',
      );
    });

    it('exports an archive as a CSV file into the File directory', () => {
      const dir = tempDir('crms-export-');
      const out = ok(
        run,
        `NSArchiveOrderByInfo o; o.SetName("name"); o.SetDirection(1); NSArchiveOrderByInfo[] os; os.pushBack(o);
NSArchiveRestrictionInfo[] none;
NSContactAgent ca; NSContactEntity c = ca.CreateDefaultContactEntity(); c.SetName("Smith, Jones & \\"Co\\""); c.SetDepartment("Line 1\\nLine 2");
String[] sel; sel.pushBack("2"); sel.pushBack("4"); sel.pushBack("5"); sel.pushBack(ca.SaveContactEntity(c).GetContactId().toString());
NSExportArchiveResult r = ar.ExportArchive("contact", "", String("contact").split(","), String("contact_id,name,department").split(","), os, none, "csv", sel, 3);
printLine(r.GetFileName() + " " + r.GetBatchTaskId().toString() + " " + r.GetMessage());
String[] no;
r = ar.ExportArchive("person", "", no, String("firstname,lastname").split(","), "CSV", no, 0);
printLine(r.GetFileName() + " " + r.GetMessage());
File f; f.open(r.GetFileName(), "r"); printLine(f.readLine()); f.close();`,
        { fileDir: dir },
      );
      expect(out).toBe('contact.csv 0 4 rows exported to contact.csv\n' + 'person.csv 11 rows exported to person.csv\n' + 'firstname,lastname\n');
      // the new company's id depends on the backend's sequence
      expect(readFileSync(join(dir, 'contact.csv'), 'utf8').replace(/\n\d+,"Smith/, '\nN,"Smith')).toBe('contact_id,name,department\r\nN,"Smith, Jones & ""Co""","Line 1\nLine 2"\r\n5,Polar Software,R&D\r\n2,Nordic Bikes AS,Retail\r\n4,Blue Fjord Hotels,\r\n');
      expect(run('String[] no; ar.ExportArchive("contact", "", no, no, "Excel", no, 0);', { fileDir: dir }).error).toBe(
        'NSArchiveAgent.ExportArchive: the sandbox exports archives as CSV only (exportType "csv"), not "Excel"',
      );
      expect(run('String[] no; ar.ExportArchive("contact", "", no, no, "csv", no, 0);').error).toBe('File is disabled: scripts may not touch host files. Enable it with --allow-file [DIR].');
      expect(run('String[] no; ar.ExportArchive("nothing", "", no, no, "csv", no, 0);', { fileDir: dir }).error).toMatch(/^NSArchiveAgent\.ExportArchive: the sandbox has no archive provider 'nothing'/);
    });
  });

  it('SavePreferenceEntities saves each preference, and with removeLowerLevels deletes the more specific ones it covers', () => {
    const out = ok(
      run,
      `NSPreferenceAgent pa;
NSPreference mine = pa.CreateDefaultPreference(); NSPreferenceSpec s; s.SetSection("Visual"); s.SetKey("HistorySize"); mine.SetSpecification(s); mine.SetRawValue("7"); pa.SavePreferenceEntity(mine, false);
printLine(pa.GetPreferenceByName("Visual", "HistorySize", 0).GetRawValue());
NSPreference sys = pa.CreateDefaultPreference(); sys.SetSpecification(s); sys.SetLevel(2); sys.SetRawValue("30");
NSPreference other = pa.CreateDefaultPreference(); NSPreferenceSpec s2; s2.SetSection("Visual"); s2.SetKey("CalendarPos"); other.SetSpecification(s2); other.SetRawValue("1");
NSPreference[] list; list.pushBack(sys); list.pushBack(other);
pa.SavePreferenceEntities(list, false);
printLine(pa.GetPreferenceByName("Visual", "HistorySize", 0).GetRawValue() + " " + pa.GetPreferenceByName("Visual", "CalendarPos", 0).GetRawValue());
pa.SavePreferenceEntities(list, true);
printLine(pa.GetPreferenceByName("Visual", "HistorySize", 0).GetRawValue() + " " + pa.GetPreferenceByName("Visual", "HistorySize", 0).GetLevel().toString());`,
    );
    expect(out).toBe('7\n7 1\n30 2\n');
  });

  it('NSProjectAgent.CreateNewEntry makes a project of a duplicate entry; the provider-less Find overload fails saying what it lacks', () => {
    expect(ok(run, 'NSProjectAgent pa; NSDuplicateEntry e; e.SetEntryName(" Harbour build "); NSProjectEntity p = pa.GetProjectEntity(pa.CreateNewEntry(e)); printLine(p.GetName() + "|" + p.GetAssociate().GetAssociateId().toString());')).toBe(
      'Harbour build|1\n',
    );
    expect(run('NSProjectAgent pa; NSDuplicateEntry e; pa.CreateNewEntry(e);').error).toBe('NSProjectAgent.CreateNewEntry: the duplicate entry has no name to give the project (SetEntryName)');
    expect(run('NSFindAgent fa; String[] c; fa.FindFromRestrictionsColumnsOrderBy("name=\'x\'", c, 10, 0);').error).toMatch(
      /^NSFindAgent\.FindFromRestrictionsColumnsOrderBy: this overload names no archive provider to search \(nor a sort order\): call /,
    );
  });
});
