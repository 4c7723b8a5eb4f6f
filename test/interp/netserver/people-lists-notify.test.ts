// Agent methods over the sandbox CRM's demo data on every backend (SQLite, and PostgreSQL when a
// test server is set): NSPersonAgent's person image (the blob NSBLOBAgent sees) and a document
// template's best language for a person (its customer language, else its company's);
// IsNumberValid of companies, persons, projects and sales by their number's counter (Unique,
// AllowBlank);
// NSMDOAgent's lists with a history and list definition ids by name; NSChatAgent's list overload of
// UpdateChatTopicUserAgent; NSTimeZoneAgent's filter and deletion of time zone locations;
// NSTicketAgent's notifications (notify rows and mails on the run's outbox, as the users' masks
// say); and the methods that fail saying what the sandbox lacks.
import { expect, it } from 'vitest';
import { describeBackends } from '../../store/backends.js';
import type { CrmService } from '../../../src/interp/runtime/crm-service.js';
import { backendSandbox, ok, type Run, type RunOpts } from './backend-runs.js';

const PRELUDE = `
NSPersonAgent pa;
NSContactAgent ca;
NSMDOAgent ma;
NSChatAgent cha;
NSTimeZoneAgent tza;
NSTicketAgent ta;
NSImage image(String base64) { NSImage i; i.SetImage(decodeBase64(base64)); return i; }
NSStream stream(String s) { NSStream st; st.SetStream(s.toByteArray()); return st; }
String ids(NSMDOListItem[] l) { String s; foreach (NSMDOListItem i in l) s += " " + i.GetId().toString() + ":" + i.GetName() + "/" + i.GetChildItems().length().toString(); return s; }
String picks(NSSelectableMDOListItem[] l) { String s; foreach (NSSelectableMDOListItem i in l) s += " " + i.GetId().toString() + ":" + i.GetSelected().toString(); return s; }
`;

const PNG = 'iVBORw0KGgo=';

const rows = (crm: CrmService, table: string): Record<string, unknown>[] => crm.select(table, { orderBy: [{ column: crm.table(table)!.primaryKey }] });

describeBackends('NSPersonAgent, NSContactAgent, NSMDOAgent, NSChatAgent, NSTimeZoneAgent and NSTicketAgent over the demo data', (b) => {
  const sandbox = backendSandbox(b, PRELUDE);
  const error = (source: string, opts?: RunOpts): string | null => sandbox(source, opts).error;

  it("stores a person's image in the person's image blob, removes it when given none", () => {
    const out = ok(
      sandbox(`pa.SetPersonImage(5, image("${PNG}"));
NSBLOBAgent ba;
printLine(encodeBase64(pa.GetPersonImage(5).GetImage()) + " " + encodeBase64(ba.GetPersonImage(5).GetImage()) + " " + ba.GetBlobEntityOnPerson(5).GetMimeType());
pa.SetPersonImage(5);
printLine("[" + encodeBase64(pa.GetPersonImage(5).GetImage()) + "] " + ba.GetBlobEntityOnPerson(5).GetBlobId().toString());
pa.SetPersonImage(6, image("${PNG}"));
pa.SetPersonImage(6, image(""));
printLine("[" + encodeBase64(pa.GetPersonImage(6).GetImage()) + "]");`),
    );
    expect(out).toBe(`${PNG} ${PNG} image/png\n[] 0\n[]\n`);
    expect(error(`pa.SetPersonImage(99, image("${PNG}"));`)).toBe('NSPersonAgent.SetPersonImage: there is no person with id 99');
  });

  it("gives a template's language the person's customer language names, else the company's, else none", () => {
    // customer languages: 1 English (en), 2 Norsk (no); Nina (5) speaks Norwegian, Nordic Bikes (Ola's company) English
    const seed = (crm: CrmService): void => {
      crm.update('person', 5, { supportLanguageId: 2 });
      crm.update('contact', 2, { supportLanguageId: 1 });
    };
    const out = ok(
      sandbox(
        `NSDocumentAgent da;
printLine("[" + pa.GetBestSoLanguageForTemplate(5, 3) + "]");
da.SaveDocumentTemplateStream(3, stream("Hello"), "en-US", 0);
da.SaveDocumentTemplateStream(3, stream("Hei"), "NO", 0);
printLine(pa.GetBestSoLanguageForTemplate(5, 3) + " " + pa.GetBestSoLanguageForTemplate(6, 3) + " [" + pa.GetBestSoLanguageForTemplate(7, 3) + "] [" + pa.GetBestSoLanguageForTemplate(5, 4) + "]");`,
        { seed },
      ),
    );
    expect(out).toBe('[]\nNO en-US [] []\n');
    expect(error('pa.GetBestSoLanguageForTemplate(99, 3);')).toBe('NSPersonAgent.GetBestSoLanguageForTemplate: there is no person with id 99');
    expect(error('pa.GetBestSoLanguageForTemplate(5, 99);')).toBe('NSPersonAgent.GetBestSoLanguageForTemplate: there is no document template with id 99');
  });

  it("checks a company number against its counter's rules: unique, required unless blanks are allowed", () => {
    const valid = 'String v(Integer c, String n) { if (ca.IsNumberValid(c, n)) return "y"; return "n"; }\n';
    const out = ok(
      sandbox(`${valid}printLine(v(2, "10003") + v(2, ""));
NSNumberAllocationAgent na;
NSRefCountEntity r = na.CreateDefaultRefCountEntity();
r.SetField("contact.number2");
r.SetUnique(true);
r = na.SaveRefCountEntity(r);
printLine(v(2, "10003") + v(3, "10003") + v(2, " 10002 ") + v(0, "10002") + v(2, "77777") + v(2, ""));
r.SetAllowBlank(true);
r.SetUnique(false);
na.SaveRefCountEntity(r);
printLine(v(2, "10003") + v(2, ""));`),
    );
    expect(out).toBe('yy\nnyynyn\nyy\n');
  });

  it("checks persons', projects' and sales' numbers against their own counters", () => {
    const out = ok(
      sandbox(`NSPersonAgent pe; NSProjectAgent pr; NSSaleAgent sa;
NSNumberAllocationAgent na;
printLine(pr.IsNumberValid(0, "P-2025-01").toString() + " " + pe.IsNumberValid(1, "").toString());
NSRefCountEntity r = na.CreateDefaultRefCountEntity();
r.SetField("project.project_number"); r.SetUnique(true); na.SaveRefCountEntity(r);
NSRefCountEntity p = na.CreateDefaultRefCountEntity();
p.SetField("person.person_number"); na.SaveRefCountEntity(p);
printLine(pr.IsNumberValid(0, "p-2025-01").toString() + " " + pr.IsNumberValid(1, "P-2025-01").toString() + " " + pe.IsNumberValid(1, "").toString() + " " + pe.IsNumberValid(1, "7").toString() + " " + sa.IsNumberValid(1, "").toString());`),
    );
    expect(out).toBe('true true\nfalse true false true true\n');
  });

  it('puts the history items before the list, or gives them alone', () => {
    const out = ok(
      sandbox(`Integer[] h; h.pushBack(3); h.pushBack(1); h.pushBack(99); h.pushBack(3);
printLine(ids(ma.GetListWithHistory("perspos", false, "", h, true)));
printLine(ids(ma.GetListWithHistory("perspos", false, "", h, false)));
Integer[] c; c.pushBack(2);
printLine(ids(ma.GetListWithHistory("ejcategory", false, "", c, false)));
printLine(picks(ma.GetSelectableListWithHistory("ejcategory", true, "", c, false)));
Integer[] none;
printLine("[" + ids(ma.GetListWithHistory("perspos", false, "", none, true)) + "]");`),
    );
    expect(out).toBe(
      ' 3:IT manager/0 1:Managing director/0\n' +
        ' 3:IT manager/0 1:Managing director/0 1:Managing director/0 2:Purchasing manager/0 3:IT manager/0 4:Support engineer/0 5:Sales representative/0\n' +
        ' 2:Hardware/0 5:Billing/0 4:Sales/0 1:Support/2\n' +
        ' 2:false 5:false 4:false 1:false 2:false 3:false\n' +
        '[]\n',
    );
    expect(error('Integer[] h; ma.GetListWithHistory("nosuch", false, "", h, false);')).toMatch(/^NSMDOAgent\.GetListWithHistory: the sandbox CRM has no list "nosuch"/);
  });

  it("gives a user-defined list's definition id by its name, 0 for a list not based on a table", () => {
    expect(ok(sandbox('printLine(ma.GetListIdByListName("Hardware model").toString() + " " + ma.GetListIdByListName("customer TIER").toString() + " " + ma.GetListIdByListName("ejcategory").toString());'))).toBe('2 1 0\n');
    expect(error('ma.GetListIdByListName("business");')).toBe('NSMDOAgent.GetListIdByListName: the sandbox CRM keeps no UDListDefinition row for its built-in list "business" (the Business table): only user-defined lists have one');
    expect(error('ma.GetListIdByListName("associate");')).toMatch(/^NSMDOAgent\.GetListIdByListName: the sandbox CRM keeps no UDListDefinition row for its built-in list "associate" \(the associate table\)/);
    expect(error('ma.GetListIdByListName("nosuch");')).toMatch(/^NSMDOAgent\.GetListIdByListName: the sandbox CRM has no list "nosuch" \(its lists: "Customer tier", "Hardware model", associate, /);
  });

  it("gives each listed user its roles in a chat topic with UpdateChatTopicUserAgent's list overload", () => {
    const out = ok(
      sandbox(`NSChatTopicAgent[] list;
NSChatTopicAgent bob = cha.GetChatTopicUserAgent(1, "bob");
bob.SetCanManage(true);
bob.SetCanRespond(false);
list.pushBack(bob);
foreach (NSChatTopicAgent u in cha.UpdateChatTopicUserAgent(1, list)) printLine(u.GetUser().GetName() + " " + u.GetCanRespond().toString() + " " + u.GetCanManage().toString());`),
    );
    expect(out).toBe('ADA false true\nBOB false true\nCAROL true false\n');
    expect(error('NSChatTopicAgent[] list; cha.UpdateChatTopicUserAgent(99, list);')).toBe('NSChatAgent.UpdateChatTopicUserAgent: there is no chat channel (topic) 99');
  });

  it('shows or hides the time zone locations a filter finds, and deletes them all', () => {
    const active = (crm: CrmService): string => rows(crm, 'TZLocation').map((r) => `${String(r.locationCode)}=${Number(r.isActive)}`).join(' ');
    let seen = '';
    ok(sandbox('tza.SetActiveTimeZonesByFilter("us", false);', { check: (crm) => void (seen = active(crm)) }));
    // "us" is in the United States' codes (US-NY, US-CA)
    expect(seen).toBe('NO=1 SE=1 US-NY=0 US-CA=0');
    ok(sandbox('tza.SetActiveTimeZonesByFilter("bergen", false); tza.SetActiveTimeZonesByFilter("PST", true);', { check: (crm) => void (seen = active(crm)) }));
    expect(seen).toBe('NO=0 SE=1 US-NY=1 US-CA=1');
    ok(sandbox('tza.SetActiveTimeZonesByFilter("", false);', { check: (crm) => void (seen = active(crm)) }));
    expect(seen).toBe('NO=0 SE=0 US-NY=0 US-CA=0');
    let left = -1;
    ok(sandbox('tza.DeleteTimeZones();', { check: (crm) => void (left = crm.count('TZLocation', [])) }));
    expect(left).toBe(0);
  });

  it("notifies a new request's owner and a new message's owner and hotlist, as their masks say", () => {
    // request 1 (Bike computer does not turn on) is Bob's (user 3); Ada (user 2) has it on her hotlist
    const seed = (crm: CrmService): void => {
      crm.update('ejuser', 3, { notify_mask: 1 | 2, email_mask: 1 });
      crm.update('ejuser', 2, { notify_mask: 2 });
    };
    let told: string[] = [];
    const check = (crm: CrmService): void => void (told = rows(crm, 'notify').map((r) => `${Number(r.type)}:${Number(r.user_id)}:${Number(r.ticket_id)}`));
    const first: Run = sandbox('ta.NotifyNewTicket(1);', { seed, check });
    expect(first.error).toBeNull();
    expect(told).toEqual(['1:3:1']);
    expect(first.outbox.map((m) => [m.to, m.subject])).toEqual([[['bob@sandbox.example'], 'New request #1: Bike computer does not turn on']]);
    const second = sandbox('ta.NotifyNewTicketMessage(1);', { seed, check });
    expect(second.error).toBeNull();
    expect([...told].sort()).toEqual(['2:2:1', '2:3:1']);
    expect(second.outbox).toEqual([]);
    // nobody has a mask in the demo: nobody is told
    const quiet = sandbox('ta.NotifyNewTicket(1); ta.NotifyNewTicketMessage(1);', { check });
    expect([quiet.error, told, quiet.outbox]).toEqual([null, [], []]);
    expect(error('ta.NotifyNewTicket(999);')).toBe('NSTicketAgent.NotifyNewTicket: there is no ticket with id 999');
    expect(error('ta.NotifyNewTicketMessage(0);')).toBe('NSTicketAgent.NotifyNewTicketMessage: there is no ticket with id 0');
  });

  it('fails saying what the sandbox lacks', () => {
    expect(error('pa.DeleteExpired();')).toMatch(/^NSPersonAgent\.DeleteExpired: the sandbox CRM deletes persons at once/);
    expect(error('pa.CreateDefaultFromCredential(2, "ActiveDirectory", "DOMAIN\\\\nina", "Nina");')).toMatch(/^NSPersonAgent\.CreateDefaultFromCredential: the sandbox has no credential provider that knows persons/);
    expect(error('ca.DeleteExpired();')).toMatch(/^NSContactAgent\.DeleteExpired: the sandbox CRM deletes companies at once/);
    expect(error('ca.GetDuplicates("Nordic");')).toMatch(/^NSContactAgent\.GetDuplicates: the sandbox CRM has no duplicate rules/);
    expect(error('ca.GetDuplicateRules();')).toMatch(/^NSContactAgent\.GetDuplicateRules: the sandbox CRM has no duplicate rules/);
    expect(error('NSDuplicateRule[] r; ca.SetDuplicateRulesStatus(r);')).toMatch(/^NSContactAgent\.SetDuplicateRulesStatus: the sandbox CRM has no duplicate rules/);
    expect(error('NSSelectableMDOListItem[] l; ma.SetSelected("perspos", "", l);')).toMatch(/^NSMDOAgent\.SetSelected: the sandbox CRM keeps no selected state of list items/);
    expect(error('ma.SetSelected("perspos", "");')).toMatch(/^NSMDOAgent\.SetSelected: the sandbox CRM keeps no selected state/);
    expect(error('tza.InitializeTimeZoneData();')).toMatch(/^NSTimeZoneAgent\.InitializeTimeZoneData: the sandbox CRM keeps no time zone rules/);
    expect(error('NSChatSessionEntity s = cha.GetChatSessionEntity(1); cha.SaveChatTopicEntity(s);')).toMatch(/^NSChatAgent\.SaveChatTopicEntity: a chat session \(NSChatSessionEntity\) is not a chat topic/);
  });
});
