// Sale and project guides and sale stakeholders in the sandbox: the demo's stage links, suggested
// follow-ups and documents, stakeholder roles and stakeholders; the NetServer agents that read and
// write them, NSMDOAgent's lists of them, SearchEngine on the tables; and a sandbox made by an
// older build (SQLite schema 6, PostgreSQL 5) gaining the tables and, with the demo data, rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmFixture, describeBackends, runOk, runWithCrm, olderSqliteSandbox, type CrmFixture, olderPgSandbox, runFileOn } from './helpers.js';
import { cleanupTempDirs, requireBuiltCli } from '../common.js';
import { pgOnlyDescribe } from '../store/backends.js';
import { openDriver, serviceOver } from '../../src/crm/open.js';
import { loadSqlite } from '../../src/crm/sqlite/engine.js';
import { GUIDE_TABLES } from '../../src/crm/demo-guides.js';
import { PG_CRM_VERSION } from '../../src/crm/pg/ddl.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

/** "id|field|field" lines of a SearchEngine query, ordered by the first field. */
const rows = (table: string, fields: string[], where = ''): string => `{
SearchEngine se;
${fields.map((f) => `se.addField("${table}.${f}");`).join('\n')}
${where}
se.addOrder("${table}.${fields[0]}", true);
for (se.execute(); !se.eof(); se.next()) printLine(${fields.map((_f, i) => `se.getField(${i})`).join(' + "|" + ')});
}`;

/** What shows that a sandbox has the guide tables: stakeholders of sale 4, sale type 1's stage count, the roles. */
const SMOKE = `NSSaleAgent sa;
NSSaleStakeholder[] s = sa.GetSaleStakeholders(4);
NSListAgent la;
NSMDOAgent m;
printLine(s.length().toString() + " " + la.GetSaleTypeEntity(1).GetStages().length().toString() + " " + m.GetList("stakeholderrole", true, "", false).length().toString());`;

describeBackends('sale and project guides and stakeholders', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());

  const run = (src: string): string => runOk(f, src);

  it('SearchEngine reads the tables and follows their links', () => {
    expect(run(rows('StakeholderRole', ['StakeholderRole_Id', 'name']))).toBe('1|Decision maker\n2|Influencer\n3|Technical evaluator\n4|Partner\n');
    expect(run(rows('SaleStakeholder', ['salestakeholder_id', 'person_id.lastname', 'stakeholderrole_id.name'], 'se.addCriteria("SaleStakeholder.sale_id", "Equals", "4");'))).toBe(
      '1|Moe|Decision maker\n2|Stone|Technical evaluator\n3||Partner\n',
    );
    expect(run(rows('SuggestedAppointment', ['SuggestedAppointment_id', 'saleTypeStageLinkId.stageId.name', 'task_id.name'], 'se.addCriteria("SuggestedAppointment.saleTypeStageLinkId", "Gt", "0");'))).toBe(
      '1|Lead|Phone call\n2|Qualified|Meeting\n3|Proposal|Video call\n4|Negotiation|Phone call\n5|Qualified|Meeting\n',
    );
    expect(run(rows('SuggestedDocument', ['SuggestedDocument_id', 'name', 'doctmpl_id.name', 'projectTypeStatusLinkId.projType_id.name']))).toBe(
      '1|Quote|Quote|\n2|Meeting summary|Letter|\n3|Order confirmation|Letter|\n4|Project plan|Letter|Implementation\n',
    );
    expect(run(rows('appointment', ['appointment_id', 'suggestedAppointmentId.name'], 'se.addCriteria("appointment.appointment_id", "Equals", "1");'))).toBe('1|Installation kick-off\n');
  });

  it('NSSaleAgent reads, saves, adds and deletes stakeholders, and NSSaleEntity carries them', () => {
    const out = run(`NSSaleAgent sa;
NSSaleStakeholder s = sa.GetSaleStakeholder(1);
printLine(s.GetFirstname() + " " + s.GetLastname() + "|" + s.GetContactName() + "|" + s.GetStakeholderRoleName() + "|" + s.GetEmailAddress() + "|" + s.GetComment());
printLine(sa.GetSaleStakeholder(3).GetContactName() + " " + sa.GetSaleStakeholder(3).GetPersonId().toString() + " " + sa.GetSaleStakeholder(99).GetSaleStakeholderId().toString());
NSSaleStakeholder n = sa.CreateDefaultSaleStakeholder();
n.SetSaleId(2);
n.SetPersonId(6);
n.SetStakeholderRoleId(2);
n = sa.SaveSaleStakeholder(n);
printLine(n.GetSaleStakeholderId().toString() + " " + n.GetContactId().toString() + " " + n.GetContactName() + " " + n.GetStakeholderRoleName());
NSSaleEntity sale = sa.GetSaleEntity(4);
NSSaleStakeholder[] list = sale.GetSaleStakeholders();
printLine(list.length().toString() + " " + sa.HasStakeholderSetting(4).toString() + " " + sa.HasStakeholderSetting(3).toString());
NSSaleStakeholder[] kept;
kept.pushBack(list[0]);
kept.pushBack(sa.GetSaleStakeholder(n.GetSaleStakeholderId()));
sale.SetSaleStakeholders(kept);
sa.SaveSaleEntity(sale);
NSSaleStakeholder[] now = sa.GetSaleStakeholders(4);
// in rank order: the new stakeholder has rank 0
printLine(now.length().toString() + " " + now[0].GetLastname() + " " + now[1].GetLastname() + " " + sa.GetSaleStakeholders(2).length().toString());
sa.DeleteSaleStakeholder(now[0].GetSaleStakeholderId());
printLine(sa.GetSaleStakeholders(4).length().toString());
try { sa.SaveSaleStakeholder(sa.CreateDefaultSaleStakeholder()); } catch { printLine(error); }`);
    expect(out).toBe(
      'Kari Moe|Polar Software|Decision maker|kari@polarsoft.example|Approves the budget\n' +
        'Nordic Bikes AS 0 0\n' +
        '5 2 Nordic Bikes AS Influencer\n' +
        '3 true false\n' +
        '2 Nordmann Moe 0\n' +
        '1\n' +
        'NSSaleAgent.SaveSaleStakeholder: the sale (SetSaleId) is required\n',
    );
  });

  it("NSListAgent gives a type's stages in the links' order; NSMDOAgent the roles, suggestions and saleprobability", () => {
    const out = run(`NSListAgent la;
NSSelectableMDOListItem[] st = la.GetSaleTypeEntity(2).GetStages();
String s;
foreach (NSSelectableMDOListItem i in st) s += i.GetId().toString() + ":" + i.GetName() + ":" + i.GetRank().toString() + " ";
printLine(s + la.GetProjectTypeEntity(3).GetStages().length().toString() + " " + la.GetSaleTypeEntity(3).GetHasGuide().toString());
NSMDOAgent m;
String names(NSMDOListItem[] l) { String r; foreach (NSMDOListItem i in l) r += i.GetId().toString() + "=" + i.GetName() + ";"; return r; }
printLine(names(m.GetList("stakeholderrole", true, "", false)));
printLine(names(m.GetList("suggestedappointment", true, "SaleTypeStageLinkId=2", false)));
printLine(names(m.GetList("suggesteddocument", true, "ProjectTypeStatusLinkId=7", false)));
NSMDOListItem[] p = m.GetList("saleprobability", true, "", false);
printLine(names(p) + " " + p[3].GetExtraInfo());`);
    expect(out).toBe(
      '2:Qualified:1 3:Proposal:2 5:Closing:3 3 false\n' +
        '1=Decision maker;2=Influencer;3=Technical evaluator;4=Partner;\n' +
        '2=Needs analysis meeting;\n' +
        '4=Project plan;\n' +
        '-1=Lost;1=Lead (10%);2=Qualified (40%);3=Proposal (60%);4=Negotiation (80%);5=Closing (100%);-2=Sold; 60\n',
    );
  });

  it('NSAppointmentAgent makes appointments from sale and project suggestions and saves new suggestions', () => {
    const out = run(`NSAppointmentAgent aa;
NSSuggestedAppointmentEntity e = aa.GetSuggestedAppointmentEntity(2);
printLine(e.GetName() + " " + e.GetDuration().toMinutes().toString() + " " + e.GetSaleTypeStageLink().GetProbName() + " " + e.GetType().GetValue() + " " + e.GetAutoSuggest().toString());
NSAppointmentEntity a = aa.CreateDefaultAppointmentEntityFromSaleSuggestion(2, 1, false, 2);
Integer length = (a.GetEndDate().getUnix() - a.GetStartDate().getUnix()) / 60;
Integer days = (a.GetStartDate().getUnix() - getCurrentDateTime().getUnix() + 60) / 86400;
printLine(a.GetAppointmentId().toString() + " " + a.GetTask().GetValue() + " " + length.toString() + " " + days.toString() + " " + a.GetSale().GetSaleId().toString() + " " + a.GetContact().GetName() + " " + a.GetAssociate().GetAssociateId().toString() + " " + a.GetDescription());
a = aa.SaveAppointmentEntity(a);
printLine(a.GetSuggestedAppointmentId().toString() + " " + aa.GetAppointmentEntity(a.GetAppointmentId()).GetSuggestedAppointmentId().toString());
NSAppointmentEntity p = aa.CreateDefaultAppointmentEntityFromProjectSuggestion(7, 1, true, 0);
printLine((p.GetAppointmentId() > 0).toString() + " " + p.GetProject().GetName() + " " + p.GetIsMileStone().toString() + " " + aa.CanAssignToProjectMember(1, 7).toString() + " " + aa.CanAssignToProjectMember(1, 2).toString());
printLine(aa.GetNextSuggestedAppointmentBySale(1, 0, true).GetName() + "|" + aa.GetSuggestedAppointment(3).GetDuration().toString());
NSSuggestedAppointmentEntity n = aa.CreateDefaultSuggestedAppointmentEntity();
n.SetName("Send a reminder");
TimeSpan t;
t.set(0, 0, 0, 45, 0);
n.SetDuration(t);
NSSaleTypeStageLink link;
link.SetSaleTypeStageLinkId(3);
n.SetSaleTypeStageLink(link);
n = aa.SaveSuggestedAppointmentEntity(n);
printLine(n.GetSuggestedAppointmentId().toString() + " " + aa.GetSuggestedAppointment(n.GetSuggestedAppointmentId()).GetDuration().toString() + " " + n.GetSaleTypeStageLink().GetSaleTypeName());
try { aa.CreateDefaultAppointmentEntityFromSaleSuggestion(99, 1, false, 0); } catch { printLine(error); }`);
    expect(out).toBe(
      'Needs analysis meeting 90 Qualified Meeting true\n' +
        '0 Meeting 90 7 1 Blue Fjord Hotels 2 Go through requirements, budget and time frame.\n' +
        '2 2\n' +
        'true Hotel tablet roll-out true true false\n' +
        'Present the proposal|60\n' +
        '9 45 New business\n' +
        'NSAppointmentAgent.CreateDefaultAppointmentEntityFromSaleSuggestion: there is no suggested appointment with id 99\n',
    );
  });

  it('NSDocumentAgent reads and saves suggested documents and makes documents from them', () => {
    const out = run(`NSDocumentAgent da;
NSSuggestedDocumentEntity s = da.GetSuggestedDocumentEntity(3);
printLine(s.GetName() + " " + s.GetDocTmpl().GetName() + " " + s.GetDoctmplId().toString() + " " + s.GetSaleTypeStageLink().GetProbName());
NSDocumentEntity d = da.CreateDefaultDocumentEntityFromSuggestion(1);
printLine(d.GetHeader() + " " + d.GetName() + " " + d.GetDocumentTemplate().GetName() + " " + d.GetSuggestedDocumentId().toString());
d.SetContact(d.GetContact());
d = da.SaveDocumentEntity(d);
printLine(d.GetSuggestedDocumentId().toString() + " " + d.GetDocumentTemplate().GetName());
NSSuggestedDocumentEntity n = da.CreateDefaultSuggestedDocumentEntity();
n.SetName("Contract");
n.SetDoctmplId(2);
n = da.SaveSuggestedDocumentEntity(n);
printLine(n.GetSuggestedDocumentId().toString() + " " + n.GetDocTmpl().GetName());`);
    expect(out).toBe('Order confirmation Letter 2 Closing\nQuote Quote.docx Quote 1\n1 Quote\n5 Letter\n');
  });
});

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  /** Writes a sandbox as schema 6 wrote it: no guide tables, sale types without guide flags; `data`: the demo data or none. */
  async function oldSandbox(data: boolean): Promise<string> {
    return olderSqliteSandbox('crm-guides-old-', [...GUIDE_TABLES.map((t) => `DROP TABLE "${t}"`), `UPDATE SaleType SET hasGuide = 0, isAutoAdvance = 0, hasStakeholders = 0; UPDATE SaleType SET name = 'Renamed', updatedCount = 1 WHERE SaleType_Id = 3; PRAGMA user_version = 6`, ...(data ? [] : ['DELETE FROM config'])].join('; '));
  }

  it('gains the tables, the demo rows and the flags of the untouched sale types', async () => {
    const driver = await openDriver(await oldSandbox(true));
    try {
      const r = runWithCrm({ dir: '', driver, crm: serviceOver(driver, { rollback: true }) }, SMOKE);
      expect(r.error).toBeNull();
      expect(r.output).toBe('3 5 4\n');
      expect(driver.all('SELECT name, hasGuide, hasStakeholders FROM SaleType ORDER BY SaleType_Id').rows).toEqual([
        ['New business', 1, 1],
        ['Upsell', 1, 0],
        ['Renamed', 0, 0],
      ]);
    } finally {
      driver.close();
    }
  });

  it('a sandbox without the demo data gets the tables without rows', async () => {
    const driver = await openDriver(await oldSandbox(false));
    try {
      for (const t of GUIDE_TABLES) expect(driver.all(`SELECT count(*) FROM "${t}"`).rows[0]?.[0]).toBe(0);
      expect(driver.all('SELECT max(hasGuide) FROM SaleType').rows[0]?.[0]).toBe(0);
    } finally {
      driver.close();
    }
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it('gains the tables and the demo rows when a process of this build opens it', async () => {
    const { url, admin } = await olderPgSandbox([`DROP TABLE ${GUIDE_TABLES.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`, 'UPDATE crm.saletype SET hasguide = 0, hasstakeholders = 0'], 5);
    try {
      const out = await runFileOn(url, 'crm-guides-pg-', `${SMOKE}\nNSSaleStakeholder n = sa.CreateDefaultSaleStakeholder();\nn.SetSaleId(2);\nn.SetContactId(2);\nprintLine(sa.SaveSaleStakeholder(n).GetSaleStakeholderId().toString() + " " + sa.HasStakeholderSetting(4).toString());`);
      // a new stakeholder's key comes after the demo rows' keys
      expect(out).toBe('3 5 4\n5 true\n');
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
    } finally {
      await admin.end();
    }
  }, 60_000);
});
