// NSConfigurationAgent over the sandbox CRM (SQLite, and PostgreSQL when CRMSCRIPT_TUI_TEST_PG is
// set): system events (SystemEvent) with their scopes and ExistsSystemEvent, diary views with their
// associates (DiaryView, DiaryViewRow), window positions (WindowPosSize), the URL getters built on
// the operator's cgiUrl (and their error without one), GetCSRegistryValue, what stays unavailable,
// and a sandbox made by an older build (SQLite schema 14, PostgreSQL 13) gaining the tables.
import { afterAll, describe, expect, it } from 'vitest';
import { openDriver } from '../../../src/crm/open.js';
import { loadSqlite } from '../../../src/crm/sqlite/engine.js';
import { PG_CRM_VERSION } from '../../../src/crm/pg/ddl.js';
import { CONFIG_TABLES } from '../../../src/crm/config-table-migration.js';
import { describeBackends, olderPgSandbox, olderSqliteSandbox, runFileOn } from '../../crm/helpers.js';
import { pgOnlyDescribe } from '../../store/backends.js';
import { backendSandbox, ok, runOn } from './backend-runs.js';
import { cleanupTempDirs, requireBuiltCli } from '../../common.js';

afterAll(cleanupTempDirs);

describeBackends('NSConfigurationAgent', (b) => {
  const sandbox = backendSandbox(b, 'NSConfigurationAgent a;');
  const run = (source: string, cgiUrl?: string) => sandbox(source, { cgiUrl });

  it('creates, reads, changes and deletes system events; ExistsSystemEvent sees those that apply to the user', () => {
    expect(
      ok(
        run(`NSSystemEventEntity e = a.CreateDefaultSystemEventEntity();
printLine(e.GetSystemEventId().toString() + " " + e.GetScope().toString() + " " + e.GetOwner().toString());
e.SetEventkey("rebuild");
e.SetEventmess("Rebuilding the index");
e.SetEta(DateTime(2030, 1, 2, 3, 4, 5));
e.SetExtraInfo(7);
e = a.SaveSystemEventEntity(e);
NSSystemEventEntity g = a.GetSystemEventEntity(e.GetSystemEventId());
printLine(g.GetEventkey() + "|" + g.GetEventmess() + "|" + g.GetEta().toString() + "|" + g.GetExtraInfo().toString() + "|" + g.GetScope().toString() + "|" + (g.GetActivatedBy().GetAssociateId() > 0).toString() + "|" + g.GetRegistered().isNull().toString() + "|" + g.GetUpdatedCount().toString());
g.SetEventmess("Nearly done");
printLine(a.SaveSystemEventEntity(g).GetEventmess() + " " + a.GetSystemEventEntity(e.GetSystemEventId()).GetUpdatedCount().toString());
printLine(a.ExistsSystemEvent("rebuild").toString() + " " + a.ExistsSystemEvent("other").toString());
NSSystemEventEntity u = a.CreateDefaultSystemEventEntity();
u.SetEventkey("mine");
u.SetScope(4);
u.SetOwner(9999);
a.SaveSystemEventEntity(u);
printLine(a.ExistsSystemEvent("mine").toString());
a.DeleteSystemEventEntity(e.GetSystemEventId());
printLine(a.ExistsSystemEvent("rebuild").toString() + " " + a.GetSystemEventEntity(e.GetSystemEventId()).GetSystemEventId().toString());`),
      ),
    ).toBe('0 2 0\nrebuild|Rebuilding the index|2030-01-02 03:04:05|7|2|true|false|0\nNearly done 1\ntrue false\nfalse\nfalse 0\n');
  });

  it('refuses a system event without a key, with an unknown scope, or with the key, scope and owner of another', () => {
    expect(run('a.SaveSystemEventEntity(a.CreateDefaultSystemEventEntity());').error).toBe('NSConfigurationAgent.SaveSystemEventEntity: the event key (SetEventkey) is required');
    expect(run('NSSystemEventEntity e = a.CreateDefaultSystemEventEntity();\ne.SetEventkey("k");\ne.SetScope(9);\na.SaveSystemEventEntity(e);').error).toBe(
      'NSConfigurationAgent.SaveSystemEventEntity: the scope 9 is no SystemEventScope (1 system-wide, 2 database, 3 group, 4 user)',
    );
    expect(run('NSSystemEventEntity e = a.CreateDefaultSystemEventEntity();\ne.SetEventkey("k");\na.SaveSystemEventEntity(e);\ne.SetSystemEventId(0);\na.SaveSystemEventEntity(e);').error).toBe(
      'NSConfigurationAgent.SaveSystemEventEntity: there is already a system event "k" with scope 2 and owner 0',
    );
  });

  it('keeps diary views with the associates they show, in order', () => {
    expect(
      ok(
        run(`NSDiaryViewEntity v = a.CreateDefaultDiaryViewEntity();
printLine(v.GetDiaryViewId().toString() + " " + (v.GetAssocId() > 0).toString() + " " + v.GetAssociateList().length().toString());
v.SetName("Team");
v.SetTooltip("The support team");
v.SetVisibleColumns(3);
NSSelectableMDOListItem[] people;
NSSelectableMDOListItem p1; p1.SetId(3); people.pushBack(p1);
NSSelectableMDOListItem p2; p2.SetId(2); people.pushBack(p2);
v.SetAssociateList(people);
v = a.SaveDiaryViewEntity(v);
NSDiaryViewEntity g = a.GetDiaryViewEntity(v.GetDiaryViewId());
String s;
foreach (NSSelectableMDOListItem i in g.GetAssociateList()) s += i.GetId().toString() + ":" + i.GetName() + ":" + i.GetRank().toString() + ";";
printLine(g.GetName() + "|" + g.GetTooltip() + "|" + g.GetVisibleColumns().toString() + "|" + s);
people.popBack();
g.SetAssociateList(people);
printLine(a.SaveDiaryViewEntity(g).GetAssociateList().length().toString());
a.DeleteDiaryViewEntity(v.GetDiaryViewId());
printLine(a.GetDiaryViewEntity(v.GetDiaryViewId()).GetDiaryViewId().toString());`),
      ),
    ).toMatch(/^0 true 1\nTeam\|The support team\|3\|3:[^:]+:1;2:[^:]+:2;\n1\n0\n$/);
    expect(run('NSDiaryViewEntity v = a.CreateDefaultDiaryViewEntity();\na.SaveDiaryViewEntity(v);').error).toBe('NSConfigurationAgent.SaveDiaryViewEntity: the view name (SetName) is required');
    expect(
      run('NSDiaryViewEntity v = a.CreateDefaultDiaryViewEntity();\nv.SetName("x");\nNSSelectableMDOListItem[] l;\nNSSelectableMDOListItem i; i.SetId(999); l.pushBack(i);\nv.SetAssociateList(l);\na.SaveDiaryViewEntity(v);').error,
    ).toBe('NSConfigurationAgent.SaveDiaryViewEntity: the associate list names associate 999, which does not exist');
  });

  it('saves window positions for the user, an associate or a person, and finds them', () => {
    expect(
      ok(
        run(`NSWindowPosSize w;
w.SetOwnerWindow("ContactDialog");
w.SetLeftX(10); w.SetUpperY(20); w.SetWidth(640); w.SetHeight(480); w.SetState(1); w.SetExtraInfo("tab=2");
w = a.SaveWindowPosSize(w);
printLine((w.GetWindowPosSizeId() > 0).toString() + " " + (w.GetAssociateId() > 0).toString() + " " + w.GetWidth().toString() + "x" + w.GetHeight().toString() + " " + w.GetExtraInfo());
NSWindowPosSize[] list;
NSWindowPosSize p; p.SetOwnerWindow("PersonDialog"); p.SetPersonId(1); p.SetLeftX(5); list.pushBack(p);
NSWindowPosSize q; q.SetOwnerWindow("SaleDialog"); q.SetAssociateId(2); list.pushBack(q);
NSWindowPosSize[] saved = a.SaveWindowPosSizes(list);
printLine(saved.length().toString() + " " + a.GetMyWindowPosSizes().length().toString() + " " + a.GetWindowPosSizesOnPersonId(1)[0].GetOwnerWindow() + " " + a.GetWindowPosSizesOnAssociateId(2)[0].GetOwnerWindow());
Integer[] ids; ids.pushBack(saved[1].GetWindowPosSizeId()); ids.pushBack(w.GetWindowPosSizeId()); ids.pushBack(99999);
String s;
foreach (NSWindowPosSize x in a.GetWindowPosSizeList(ids)) s += x.GetOwnerWindow() + ";";
printLine(s + " " + a.GetWindowPosSize(w.GetWindowPosSizeId()).GetUpperY().toString());
a.DeleteWindowPosSize(w.GetWindowPosSizeId());
printLine(a.GetWindowPosSize(w.GetWindowPosSizeId()).GetWindowPosSizeId().toString());`),
      ),
    ).toBe('true true 640x480 tab=2\n2 1 PersonDialog SaleDialog\nSaleDialog;ContactDialog; 20\n0\n');
    expect(run('NSWindowPosSize w;\na.SaveWindowPosSize(w);').error).toBe('NSConfigurationAgent.SaveWindowPosSize: the owner window (SetOwnerWindow) is required');
    expect(run('NSWindowPosSize w;\nw.SetOwnerWindow("x");\nw.SetPersonId(99999);\na.SaveWindowPosSize(w);').error).toBe(
      'NSConfigurationAgent.SaveWindowPosSize: PersonId 99999 does not exist (there is no person row with that id)',
    );
  });

  it("builds the installation's URLs on the operator's cgiUrl", () => {
    const base = 'https://crm.example.com/Cust1/CS';
    expect(
      ok(
        run(
          `printLine(a.GetCsCgiUrlInternal());
printLine(a.GetCustomerUrl());
printLine(a.GetCsProgramUrl("", "ticket", "", ""));
printLine(a.GetCsProgramUrl("", "Ticket", "listTicket", "ticketId=7"));
printLine(a.GetCRMUrl("contact.main", "contact_id=5", false));`,
          `${base}/`,
        ),
      ),
    ).toBe(`${base}\n${base}/scripts/customer.fcgi\n${base}/scripts/ticket.fcgi?_sf=0\n${base}/scripts/ticket.fcgi?_sf=0&action=listTicket&ticketId=7\n${base}/default.aspx?contact.main&contact_id=5\n`);
    expect(run('printLine(a.GetCustomerUrl());').error).toBe(
      "NSConfigurationAgent.GetCustomerUrl: the installation's URL is not set: the operator sets it in the settings (cgiUrl), e.g. crmscript-tui settings set cgiUrl https://crm.example.com/Cust1/CS",
    );
    expect(run('a.GetCsProgramUrl("", "../x", "", "");', base).error).toBe('NSConfigurationAgent.GetCsProgramUrl: "../x" is no Service program name (ticket, admin, customer, ...)');
    expect(run('a.GetCsProgramUrl("de", "ticket", "", "");', base).error).toBe(
      'NSConfigurationAgent.GetCsProgramUrl: the sandbox CRM keeps no Service language per user, so it cannot make a URL that changes it to "de" (pass "")',
    );
    expect(run('a.GetCRMUrl("contact.main", "", true);', base).error).toBe('NSConfigurationAgent.GetCRMUrl: the sandbox has no frameless form of the CRM client (pass false)');
  });

  it('reads registry values; the settings the sandbox lacks fail clearly', () => {
    expect(ok(run('printLine("[" + a.GetCSRegistryValue(424242) + "]");'))).toBe('[]\n');
    expect(run('a.GetWwwUrl("CS");', 'https://x.example').error).toMatch(/^NSConfigurationAgent\.GetWwwUrl: the sandbox CRM keeps no logo, help, e-marketing or www folder settings/);
    const web = "the sandbox CRM has no web client configuration (the application, page, filter and object mapping XML of SuperOffice's web client, nor the cache of it)";
    expect(run('a.GetApplicationConfiguration("SixWeb", "MainInstance");').error).toBe(`NSConfigurationAgent.GetApplicationConfiguration: ${web}`);
    expect(run('a.GetPageConfiguration("SixWeb", "MainInstance", "contact");').error).toBe(`NSConfigurationAgent.GetPageConfiguration: ${web}`);
    expect(run('a.ClearConfigurationCache("SixWeb", "MainInstance", true);').error).toBe(`NSConfigurationAgent.ClearConfigurationCache: ${web}`);
    expect(run('a.GetEmailNumberOfDays();').error).toBe('NSConfigurationAgent.GetEmailNumberOfDays: the sandbox CRM has no e-mail client, so no setting of how many days back it fetches mail');
  });
});

const SMOKE = `NSConfigurationAgent a;
NSSystemEventEntity e = a.CreateDefaultSystemEventEntity();
e.SetEventkey("k");
a.SaveSystemEventEntity(e);
NSWindowPosSize w;
w.SetOwnerWindow("x");
a.SaveWindowPosSize(w);
printLine(a.ExistsSystemEvent("k").toString() + " " + a.GetMyWindowPosSizes().length().toString());`;

describe('a sandbox made by an older build (SQLite)', () => {
  it('gains the system event, diary view, window position, webhook and customer center tables when opened', async () => {
    await loadSqlite();
    const file = await olderSqliteSandbox('crm-config-old-', [...CONFIG_TABLES.map((t) => `DROP TABLE "${t}"`), 'PRAGMA user_version = 18' /* before the step that adds them */].join('; '));
    const driver = await openDriver(file);
    try {
      expect(ok(runOn(driver, SMOKE))).toBe('true 1\n');
    } finally {
      driver.close();
    }
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it('gains the tables when a process of this build opens it', async () => {
    requireBuiltCli();
    const { url, admin } = await olderPgSandbox([`DROP TABLE ${CONFIG_TABLES.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`], 17 /* before the step that adds them */);
    try {
      expect(await runFileOn(url, 'crm-config-pg-', SMOKE, ['--rollback'])).toBe('true 1\n');
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
    } finally {
      await admin.end();
    }
  });
});
