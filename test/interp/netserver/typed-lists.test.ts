// NSListAgent's typed lists on every CRM backend (SQLite, and PostgreSQL when a test server is
// set): the list items of tasks, salutations, ratings, payment and delivery terms and types,
// departments and customer languages; localized texts and languages; currencies and countries;
// hierarchies by path; resources; amount classes; web panels and external applications; the
// methods that stay unavailable; and a sandbox made by an older build (SQLite schema 13,
// PostgreSQL 12) gaining the tables with the demo's rows. Every run rolls back.
import { afterAll, expect, it } from 'vitest';
import { TYPED_LIST_TABLES } from '../../../src/crm/demo-typed-lists.js';
import { describeBackends } from '../../crm/helpers.js';
import { cleanupTempDirs } from '../../common.js';
import { backendSandbox, ok, olderSandboxSuites } from './backend-runs.js';

afterAll(cleanupTempDirs);

describeBackends('NSListAgent typed lists', (b) => {
  const run = backendSandbox(b, 'NSListAgent a;');

  it('reads the list items of tasks, salutations, ratings, terms and types, departments and customer languages', () => {
    expect(
      ok(
        run,
        `String s;
foreach (NSTask t in a.GetTasks()) s += t.GetValue() + ";";
printLine(s);
Integer[] ids; ids.pushBack(3); ids.pushBack(1); ids.pushBack(99);
s = "";
foreach (NSMrMrs m in a.GetMrMrsList(ids)) s += m.GetValue() + "/" + m.GetTooltip() + ";";
printLine(s);
printLine(a.GetTask(2).GetValue() + "|" + a.GetMrMrs(1).GetValue() + "|" + a.GetRating(4).GetValue() + "|" + a.GetPaymentTerm(2).GetValue() + "|" + a.GetPaymentType(1).GetValue() + "|" + a.GetDeliveryTerm(1).GetValue() + "|" + a.GetDeliveryType(3).GetValue() + "|" + a.GetDepartment(2).GetValue() + "|" + a.GetCustomerLanguage(2).GetValue());
printLine(a.GetMrMrses().length().toString() + " " + a.GetRatings().length().toString() + " " + a.GetPaymentTerms().length().toString() + " " + a.GetPaymentTypes().length().toString() + " " + a.GetDeliveryTerms().length().toString() + " " + a.GetDeliveryTypes().length().toString() + " " + a.GetDepartments().length().toString() + " " + a.GetCustomerLanguages().length().toString());
printLine(a.GetTaskList(ids).length().toString() + " " + a.GetRatingList(ids).length().toString() + " " + a.GetDepartmentList(ids).length().toString() + " " + a.GetCustomerLanguageList(ids).length().toString());
NSMrMrs none = a.GetMrMrs(99);
printLine(none.GetId().toString() + "[" + none.GetValue() + "]");`,
      ),
    ).toBe(
      'Meeting;Phone call;Video call;Follow-up;E-mail;\n' +
        'Dr/Doctor;Mr/Mister;\n' +
        'Phone call|Mr|Negotiation|Net 30 days|Invoice|Ex works|Download|Support|Norsk\n' +
        '3 5 3 2 2 3 3 2\n' +
        '2 2 2 1\n' +
        '0[]\n',
    );
  });

  it('finds localized texts by id, language and type, falling back to the text for every language, and the installed languages', () => {
    expect(
      ok(
        run,
        `NSLocalizedText t = a.GetLocalizedText(2);
printLine(t.GetText() + " " + t.GetLanguageId().toString() + " " + t.GetType().toString() + " " + t.GetResourceId().toString() + " " + t.GetIsBuiltIn().toString());
printLine(a.GetLocalizedTextByType(1, 101, 1044).GetText() + "|" + a.GetLocalizedTextByType(1, 103, 1044).GetText() + "|" + a.GetLocalizedTextByType(2, 5, 1033).GetText() + "|" + a.GetLocalizedTextByType(1, 999, 1033).GetLocalizedTextId().toString());
printLine(a.GetLocalizedTexts().length().toString() + " " + a.GetLocalizedTextsByLanguageId(1044).length().toString() + " " + a.GetLocalizedTextsByLanguageId(0).length().toString());
Integer[] types; types.pushBack(2);
Integer[] all;
printLine(a.GetLocalizedTextsByType(types).length().toString() + " " + a.GetLocalizedTextsByType(all).length().toString());
String s;
foreach (NSLanguageInfo l in a.GetInstalledLanguages()) s += l.GetEnglishName() + "/" + l.GetNativeName() + "/" + l.GetTwoLetterISOLanguageName() + "/" + l.GetThreeLetterISOLanguageName() + "/" + l.GetLCID().toString() + ";";
printLine(s);
Integer[] ids; ids.pushBack(4); ids.pushBack(3);
s = "";
foreach (NSLanguageInfo l in a.GetLanguageInfoList(ids)) s += l.GetEnglishName() + ";";
printLine(s + " " + a.GetLanguageInfo(3).GetNativeName());`,
      ),
    ).toBe('Firma 1044 1 101 true\nFirma|Customer number|Companies|0\n7 3 1\n2 7\nEnglish/English/en/eng/1033;Norwegian/Norsk (bokmål)/nb/nob/1044;\nGerman;Swedish; Svenska\n');
  });

  it("gives the owner company's currency, converts amounts by the currency rates, and saves countries", () => {
    expect(
      ok(
        run,
        `printLine(a.GetOwnerCompanysCurrency().GetValue() + " " + a.GetOurCurrency().GetId().toString());
printLine(a.ChangeCurrency(1000.0, "NOK", "EUR").toString(2) + " " + a.ChangeCurrency(87.0, "eur", "US dollar").toString(2) + " " + a.ChangeCurrency(8.7, "EUR", "").toString(2));
NSCountry c = a.CreateDefaultCountry();
printLine(c.GetCountryId().toString() + " [" + c.GetName() + "]");
c.SetName("Denmark");
c.SetEnglishName("Denmark");
c.SetTwoLetterISOCountry("DK");
c.SetThreeLetterISOCountry("DNK");
c.SetCurrencyId(2);
c = a.SaveCountry(c);
NSCountry d = a.GetCountry(c.GetCountryId());
printLine(d.GetName() + " " + d.GetTwoLetterISOCountry() + " " + d.GetThreeLetterISOCountry() + " " + d.GetCurrencyId().toString() + " " + (c.GetCountryId() > 3).toString());
d.SetName("Danmark");
printLine(a.SaveCountry(d).GetName() + " " + a.GetAllCountries(false).length().toString());`,
      ),
    ).toBe('Norwegian krone 1\n87.00 94.00 100.00\n0 []\nDenmark DK DNK 2 true\nDanmark 4\n');
    expect(run('a.ChangeCurrency(1.0, "XYZ", "NOK");').error).toBe('NSListAgent.ChangeCurrency: there is no currency "XYZ" (neither an ISO code nor a name in the currency list)');
    expect(run('a.SaveCountry(a.CreateDefaultCountry());').error).toBe('NSListAgent.SaveCountry: the country name (SetName) is required');
  });

  it('adds, finds, renames, moves and deletes hierarchy folders by path', () => {
    expect(
      ok(
        run,
        `NSHierarchyEntity top = a.AddHierarchyToPath(3, "", "Scripts");
a.AddHierarchyToPath(3, "Scripts", "Tickets");
NSHierarchyEntity leaf = a.AddHierarchyToPath(3, "/Scripts/Tickets/", "Nightly");
printLine(leaf.GetFullname() + " " + leaf.GetDomain().toString() + " " + (leaf.GetParentId() > top.GetHierarchyId()).toString());
printLine((a.AddHierarchyToPath(3, "Scripts", "tickets").GetHierarchyId() == a.GetHierarchyFromPath(3, "Scripts/Tickets", false).GetHierarchyId()).toString());
NSHierarchyEntity withChildren = a.GetHierarchyFromPath(3, "scripts", true);
printLine(withChildren.GetChildren().length().toString() + " " + withChildren.GetChildren()[0].GetChildren()[0].GetName() + " " + a.GetHierarchyFromPath(3, "Scripts", false).GetChildren().length().toString());
printLine(a.GetHierarchyFromPath(1, "Scripts", true).GetHierarchyId().toString() + " " + a.GetHierarchyFromPath(3, "Scripts/None", true).GetHierarchyId().toString());
NSHierarchyEntity t = a.GetHierarchyFromPath(3, "Scripts/Tickets", false);
t.SetName("Requests");
a.UpdateHierarchyFromPath(3, "Scripts/Tickets", t);
printLine(a.GetHierarchyEntity(leaf.GetHierarchyId()).GetFullname());
NSHierarchyEntity other = a.CreateDefaultHierarchyEntity();
other.SetDomain(3);
other.SetName("Archive");
other = a.SaveHierarchyEntity(other);
NSHierarchyEntity moved = a.GetHierarchyEntity(leaf.GetHierarchyId());
moved.SetParentId(other.GetHierarchyId());
printLine(a.SaveHierarchyEntity(moved).GetFullname() + " " + a.GetHierarchyEntity(other.GetHierarchyId()).GetChildren().length().toString());
a.DeleteHierarchyFromPath(3, "Scripts");
printLine(a.GetHierarchyFromPath(3, "Scripts/Requests", false).GetHierarchyId().toString() + " " + a.GetHierarchyEntity(leaf.GetHierarchyId()).GetName());
a.DeleteHierarchyEntity(other.GetHierarchyId());
printLine(a.GetHierarchyEntity(leaf.GetHierarchyId()).GetHierarchyId().toString());
a.DeleteHierarchyFromPath(3, "Nowhere");`,
      ),
    ).toBe('Scripts/Tickets/Nightly 3 true\ntrue\n1 Nightly 0\n0 0\nScripts/Requests/Nightly\nArchive/Nightly 1\n0 Nightly\n0\n');
    expect(run('a.AddHierarchyToPath(3, "Missing", "x");').error).toBe('NSListAgent.AddHierarchyToPath: there is no folder "Missing" in hierarchy domain 3');
    expect(run('NSHierarchyEntity h = a.CreateDefaultHierarchyEntity(); a.UpdateHierarchyFromPath(3, "Missing", h);').error).toBe(
      'NSListAgent.UpdateHierarchyFromPath: there is no folder "Missing" in hierarchy domain 3',
    );
    expect(
      run(`NSHierarchyEntity top = a.AddHierarchyToPath(3, "", "A");
NSHierarchyEntity below = a.AddHierarchyToPath(3, "A", "B");
top.SetParentId(below.GetHierarchyId());
a.SaveHierarchyEntity(top);`).error,
    ).toBe('NSListAgent.SaveHierarchyEntity: a folder cannot be placed below itself');
  });

  it('creates, reads, saves and deletes resources, which are associates of the resource type', () => {
    expect(
      ok(
        run,
        `NSResourceEntity r = a.CreateDefaultResourceEntity();
r.SetName("Fjord room");
r.SetTooltip("Meeting room with a view");
r.SetIsLocation(true);
r.SetLocationAddress("2nd floor");
r = a.SaveResourceEntity(r);
Integer id = r.GetResourceId();
NSResourceEntity back = a.GetResourceEntity(id);
printLine(back.GetName() + "|" + back.GetTooltip() + "|" + back.GetIsLocation().toString() + "|" + back.GetLocationAddress());
back.SetLocationAddress("3rd floor");
printLine(a.SaveResourceEntity(back).GetLocationAddress() + " [" + a.GetResourceEntity(1).GetName() + "] " + a.GetResourceEntity(1).GetResourceId().toString());
a.DeleteResourceEntity(id);
printLine(a.GetResourceEntity(id).GetResourceId().toString());
a.DeleteResourceEntity(id);`,
      ),
    ).toBe('Fjord room|Meeting room with a view|true|2nd floor\n3rd floor [] 0\n0\n');
    expect(run('a.DeleteResourceEntity(1);').error).toBe('NSListAgent.DeleteResourceEntity: associate 1 is not a resource (a user or another kind of associate)');
    expect(run('NSResourceEntity r = a.CreateDefaultResourceEntity(); r.SetResourceId(2); r.SetName("x"); a.SaveResourceEntity(r);').error).toBe(
      'NSListAgent.SaveResourceEntity: associate 2 is not a resource (a user or another kind of associate)',
    );
  });

  it('reads and saves amount classes', () => {
    expect(
      ok(
        run,
        `NSAmountClassEntity c = a.GetAmountClassEntity(2);
printLine(c.GetName() + " " + c.GetAmountFrom().toString(0) + "-" + c.GetAmountTo().toString(0) + " " + c.GetCurrencyId().toString() + " " + c.GetTooltip());
NSAmountClassEntity n = a.CreateDefaultAmountClassEntity();
n.SetName("Huge");
n.SetAmountFrom(1000000.0);
n.SetAmountTo(9000000.0);
n.SetCurrencyId(2);
n = a.SaveAmountClassEntity(n);
NSAmountClassEntity back = a.GetAmountClassEntity(n.GetAmountClassId());
printLine(back.GetName() + " " + back.GetAmountFrom().toString(0) + " " + back.GetCurrencyId().toString() + " " + (n.GetAmountClassId() > 3).toString());`,
      ),
    ).toBe('Medium 50000-250000 1 50 000 to 250 000\nHuge 1000000 2 true\n');
    expect(run('NSAmountClassEntity n = a.CreateDefaultAmountClassEntity(); n.SetName("x"); n.SetCurrencyId(77); a.SaveAmountClassEntity(n);').error).toBe(
      'NSListAgent.SaveAmountClassEntity: there is no currency with id 77',
    );
    expect(run('NSAmountClassEntity n = a.CreateDefaultAmountClassEntity(); n.SetName("x"); n.SetAmountFrom(10.0); n.SetAmountTo(5.0); a.SaveAmountClassEntity(n);').error).toBe(
      'NSListAgent.SaveAmountClassEntity: the amount class ends (5) below where it starts (10)',
    );
  });

  it('lists, finds, saves and deletes web panels, and reads and saves external applications', () => {
    expect(
      ok(
        run,
        `String show(NSWebPanelEntity w) {
  return w.GetName() + "|" + w.GetProgId() + "|" + w.GetUrl() + "|" + w.GetVisibleIn().toString() + "|" + w.GetUrlEncoding().toString() + "|" + w.GetOnCentral().toString() + w.GetOnSatellite().toString() + w.GetOnSalesMarketingWeb().toString() + "|" + w.GetShowInToolBar().toString() + w.GetShowInAddressBar().toString() + w.GetShowInStatusBar().toString() + "|" + w.GetWindowName();
}
foreach (NSWebPanelEntity w in a.GetWebPanelList()) printLine(show(w));
printLine(a.GetWebPanelByProgId("Sandbox.SupportPortal").GetWebPanelId().toString() + " " + a.GetWebPanelByProgId("none").GetWebPanelId().toString() + " " + a.GetWebPanelEntity(1).GetWebPanelId().toString());
NSWebPanelEntity p = a.CreateDefaultWebPanelEntity();
p.SetName("Weather");
p.SetProgId("Sandbox.Weather");
p.SetUrl("https://weather.example/?city=<ccity>");
p.SetVisibleIn(7);
p.SetUrlEncoding(3);
p.SetOnSattelite(true);
p.SetShowInStatusBar(true);
p = a.SaveWebPanelEntity(p);
printLine(show(a.GetWebPanelByProgId("Sandbox.Weather")) + " " + a.GetWebPanelList().length().toString());
a.DeleteWebPanel(p.GetWebPanelId());
printLine(a.GetWebPanelEntity(p.GetWebPanelId()).GetWebPanelId().toString() + " " + a.GetAppWebPanels().length().toString());
a.DeleteAppWebPanels();
NSExtAppEntity e = a.GetExtAppEntity(1);
printLine(e.GetName() + "|" + e.GetFilename() + "|" + e.GetShowState().toString() + "|" + e.GetVisibleIn().toString() + "|" + e.GetOnCentral().toString() + e.GetOnTravel().toString() + " " + a.GetExtAppEntity(2).GetExtAppId().toString());
NSExtAppEntity n = a.CreateDefaultExtAppEntity();
n.SetName("Calculator");
n.SetFilename("calc.exe");
n.SetPath("C:\\\\Windows");
n.SetShowState(1);
n.SetShowInToolBar(true);
n.SetWaitToFinish(true);
n = a.SaveExtAppEntity(n);
NSExtAppEntity back = a.GetExtAppEntity(n.GetExtAppId());
printLine(back.GetFilename() + "|" + back.GetPath() + "|" + back.GetShowState().toString() + "|" + back.GetShowInToolBar().toString() + "|" + back.GetWaitToFinish().toString() + "|" + back.GetOnCentral().toString() + " " + a.GetWebPanelEntity(n.GetExtAppId()).GetWebPanelId().toString() + " " + a.GetWebPanelList().length().toString());`,
      ),
    ).toBe(
      'Company news|Sandbox.CompanyNews|https://intranet.example/news?company=<cuid>|5|1|truefalsetrue|truefalsefalse|\n' +
        'Support portal|Sandbox.SupportPortal|https://support.example/|13|2|truefalsetrue|truetruefalse|support\n' +
        '3 0 0\n' +
        'Weather|Sandbox.Weather|https://weather.example/?city=<ccity>|7|3|truetruetrue|falsefalsetrue| 3\n' +
        '0 0\n' +
        'Notepad|notepad.exe|2|1|truefalse 0\n' +
        'calc.exe|C:\\Windows|1|true|true|true 0 2\n',
    );
    expect(run('a.DeleteWebPanel(1);').error).toBe('NSListAgent.DeleteWebPanel: ExtApp row 1 is an external application, not a web panel');
    expect(run('NSWebPanelEntity p = a.GetWebPanelEntity(2); p.SetProgId("Sandbox.SupportPortal"); a.SaveWebPanelEntity(p);').error).toBe(
      'NSListAgent.SaveWebPanelEntity: the web panel 3 already has the ProgId "Sandbox.SupportPortal"',
    );
    expect(run('NSExtAppEntity e = a.CreateDefaultExtAppEntity(); e.SetExtAppId(2); e.SetName("x"); a.SaveExtAppEntity(e);').error).toBe(
      'NSListAgent.SaveExtAppEntity: ExtApp row 2 is a web panel, not an external application',
    );
  });

  it('keeps failing clearly for the lists the sandbox cannot have', () => {
    expect(run('a.GetLink(1);').error).toBe('NSListAgent.GetLink is not available in crmscript-tui');
    expect(run('Integer[] ids; a.GetLinkList(ids);').error).toBe('NSListAgent.GetLinkList is not available in crmscript-tui');
  });
});

/** What shows a sandbox has the typed lists with the demo's rows. */
const SMOKE = `NSListAgent a;
printLine(a.GetMrMrses().length().toString() + " " + a.GetPaymentTerms().length().toString() + " " + a.GetDeliveryTypes().length().toString() + " " + a.GetWebPanelList().length().toString() + " " + a.GetInstalledLanguages().length().toString() + " " + a.GetAmountClassEntity(3).GetName());`;

olderSandboxSuites({
  what: 'the typed list tables',
  prefix: 'crm-typed-',
  tables: TYPED_LIST_TABLES,
  sqliteVersion: 13,
  pgVersion: 12,
  smoke: SMOKE,
  demo: '3 3 3 2 2 Large\n',
  empty: '0 0 0 0 0 \n',
});
