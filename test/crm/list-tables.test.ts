// SuperOffice's list tables in the sandbox (Task, UserGroup, ProjType, Source, Prob, ...): the
// demo's rows link to them, so SearchEngine follows those links to names; NSMDOAgent and the
// NetServer agents read the lists; and a sandbox made by an older build (SQLite schema 5,
// PostgreSQL 4) gains the tables and, when it holds the demo data, their rows, keeping its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmFixture, describeBackends, runOk, runWithCrm, olderSqliteSandbox, type CrmFixture, olderPgSandbox, runFileOn } from './helpers.js';
import { cleanupTempDirs, requireBuiltCli } from '../common.js';
import { pgOnlyDescribe } from '../store/backends.js';
import { openDriver, serviceOver } from '../../src/crm/open.js';
import { loadSqlite } from '../../src/crm/sqlite/engine.js';
import { LIST_TABLES } from '../../src/crm/demo-lists.js';
import { PG_CRM_VERSION } from '../../src/crm/pg/ddl.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

/** Prints "id name" of every row a SearchEngine query of two fields gives, ordered by the first. */
const query = (table: string, key: string, field: string, where = ''): string => `{
SearchEngine se;
se.addField("${table}.${key}");
se.addField("${table}.${field}");
${where}
se.addOrder("${table}.${key}", true);
for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + " " + se.getField(1));
}`;

/** A script that shows a sandbox has the lists: the tasks' names and appointment 2's task. */
const LISTS_SMOKE = `NSMDOAgent m;
NSMDOListItem[] tasks = m.GetList("task", true, "", false);
String names;
for (Integer i = 0; i < tasks.length(); i++) names += tasks[i].GetName() + ",";
printLine(tasks.length().toString() + " " + names);
${query('appointment', 'appointment_id', 'task_idx.name', 'se.addCriteria("appointment.appointment_id", "Equals", "2");')}`;

describeBackends('the list tables', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());

  const run = (src: string): string => runOk(f, src);

  it("has currencies with NOK as the base, and a sale's amount converts as SuperOffice's docs convert it", () => {
    expect(run(query('sale', 'sale_id', 'currency_id.isoCode'))).toBe('1 NOK\n2 NOK\n3 NOK\n4 NOK\n5 NOK\n');
    expect(
      run(`NSListAgent listAgent;
NSSaleAgent saleAgent;
NSSaleEntity sale = saleAgent.GetSaleEntity(4);
NSCurrencyEntity currency = listAgent.GetCurrencyEntity(sale.GetCurrency().GetId());
Float result = sale.GetAmount() / currency.GetRate() * currency.GetUnits();
printLine(currency.GetName() + " " + result.toString(2) + " " + listAgent.GetBaseCurrency().GetName());
NSCurrencyEntity eur = listAgent.GetCurrencyEntity(2);
printLine(eur.GetName() + " " + (100.0 / eur.GetRate() * eur.GetUnits()).toString(2));`),
    ).toBe('Norwegian krone 9900.00 Norwegian krone\nEuro 1149.43\n');
  });

  describe('SearchEngine follows the demo rows to the lists', () => {
    it('names the task, diary priority and group of appointments', () => {
      const where = 'se.addCriteria("appointment.appointment_id", "Lte", "3");';
      expect(run(query('appointment', 'appointment_id', 'task_idx.name', where))).toBe('1 Meeting\n2 Phone call\n3 Video call\n');
      expect(run(query('appointment', 'appointment_id', 'priority_idx.name', where))).toBe('1 High\n2 Normal\n3 Low\n');
      expect(run(query('appointment', 'appointment_id', 'group_idx.name', where))).toBe('1 Sales\n2 Support\n3 Management\n');
    });

    it("names a sale's source, type, stage (with its probability), reasons, credited and competitor", () => {
      expect(run(query('sale', 'sale_id', 'source_id.name'))).toBe('1 Website\n2 Referral\n3 Trade fair\n4 Website\n5 Referral\n');
      expect(run(query('sale', 'sale_id', 'saleType_id.name'))).toBe('1 New business\n2 Service contract\n3 Upsell\n4 Service contract\n5 Upsell\n');
      expect(run(query('sale', 'sale_id', 'probability_idx.name'))).toBe('1 Proposal\n2 Negotiation\n3 Closing\n4 Qualified\n5 Qualified\n');
      expect(run(query('sale', 'sale_id', 'probability_idx.probability'))).toBe('1 60\n2 80\n3 100\n4 40\n5 40\n');
      const sold = 'se.addCriteria("sale.sale_id", "Equals", "3");';
      expect(run(query('sale', 'sale_id', 'reasonSold_id.name', sold) + query('sale', 'sale_id', 'credited_id.name', sold))).toBe('3 Product fit\n3 Sales team\n');
      const lost = 'se.addCriteria("sale.sale_id", "Equals", "4");';
      expect(run(query('sale', 'sale_id', 'reason_id.name', lost) + query('sale', 'sale_id', 'comptr_id.name', lost) + query('sale', 'sale_id', 'stage_when_closed_id.name', lost))).toBe(
        '4 No budget\n4 Nordic IT Supply\n4 Qualified\n',
      );
    });

    it("names a project's type and status, a member's role, a person's position, a user's group and a selection's category", () => {
      expect(run(query('project', 'project_id', 'type_idx.name') + query('project', 'project_id', 'status_idx.name'))).toBe('1 Implementation\n1 In progress\n');
      expect(run(query('projectmember', 'projectmember_id', 'mtype_idx.name'))).toBe('1 Customer contact\n2 Project manager\n');
      expect(run(query('person', 'person_id', 'position_idx.name', 'se.addCriteria("person.person_id", "In", "1,5,7,8");'))).toBe('1 Managing director\n5 Purchasing manager\n7 IT manager\n8 \n');
      expect(run(query('associate', 'associate_id', 'group_idx.name'))).toBe('1 Management\n2 Support\n3 Sales\n4 Support\n');
      expect(run(query('contact', 'contact_id', 'group_id.name', 'se.addCriteria("contact.contact_id", "Equals", "4");'))).toBe('4 Support\n');
      expect(run(query('selection', 'selection_id', 'searchCat_id.name'))).toBe('1 Customers\n2 Customers\n');
    });
  });

  describe('NetServer reads the lists', () => {
    it('NSMDOAgent gives the lists by SuperOffice\'s names, in rank order', () => {
      const names = (list: string): string =>
        `{ NSMDOListItem[] l = m.GetList("${list}", true, "", false); String s; for (Integer i = 0; i < l.length(); i++) s += l[i].GetName() + "|"; printLine(s); }`;
      const out = run(`NSMDOAgent m;
${['task', 'projecttype', 'projstatus', 'projectmembertype', 'userGroup', 'source', 'saletype', 'probability', 'position', 'priority', 'doctmpl', 'reasonsold', 'comptr'].map(names).join('\n')}
printLine(m.GetListItem("prob", 4).GetName() + " " + m.GetListItem("reason", 1).GetToolTip());`);
      expect(out).toBe(
        [
          'Meeting|Phone call|Video call|Follow-up|E-mail|',
          'Customer project|Internal project|Implementation|',
          'Planned|In progress|Completed|Stopped|',
          'Project manager|Customer contact|Consultant|',
          'Sales|Support|Management|',
          'Website|Referral|Trade fair|Phone inquiry|',
          'New business|Upsell|Service contract|',
          'Lead|Qualified|Proposal|Negotiation|Closing|',
          'Managing director|Purchasing manager|IT manager|Support engineer|Sales representative|',
          'Low|Normal|High|',
          'Quote|Letter|E-mail|Plain letter|Quote mail|Quoted products|Order confirmation|',
          'Best price|Existing relationship|Product fit|',
          'Nordic IT Supply|TabletWorld|',
          'Negotiation Lost on price',
          '',
        ].join('\n'),
      );
    });

    it('the agents read and write tasks, project and sale types, stages and document templates', () => {
      const out = run(`NSAppointmentAgent aa;
NSTaskListItem[] tasks = aa.GetTaskListItems(false);
printLine(tasks.length().toString() + " " + tasks[1].GetValue() + " " + tasks[1].GetType().toString());
NSTaskListItem t = aa.CreateDefaultTaskListItem();
t.SetValue("Workshop");
t.SetRank(6);
t = aa.SaveTaskListItem(t);
printLine(t.GetTaskListItemId().toString() + " " + aa.GetTaskListItem(t.GetTaskListItemId()).GetValue() + " " + aa.GetTaskListItems(false).length().toString());
NSListAgent la;
NSProjectTypeEntity pt = la.GetProjectTypeEntity(3);
printLine(pt.GetProjTypeId().toString() + " " + pt.GetName() + " " + pt.GetStages().length().toString());
pt.SetProjectDuration(12);
la.SaveProjectTypeEntity(pt);
printLine(la.GetProjectTypeEntity(3).GetProjectDuration().toString() + " " + la.GetProjectType(3).GetValue());
NSSaleTypeEntity st = la.CreateDefaultSaleTypeEntity();
st.SetName("Renewal");
st = la.SaveSaleTypeEntity(st);
printLine(st.GetSaleTypeId().toString() + " " + la.GetSaleTypeEntity(st.GetSaleTypeId()).GetName());
NSSaleAgent sa;
printLine(sa.GetProbabilityFromStage(3).toString() + " " + sa.GetProbabilityFromStage(99).toString());
NSDocumentAgent da;
NSDocument[] quotes = da.GetContactDocumentsByTemplateType(4, 10, 1);
printLine(quotes.length().toString() + " " + quotes[0].GetDocumentTemplate() + " " + da.GetContactDocumentsByTemplateType(4, 10, 2).length().toString());`);
      expect(out).toBe('5 Phone call 5\n6 Workshop 6\n3 Implementation 3\n12 Implementation\n4 Renewal\n60 0\n1 Quote 0\n');
    });
  });
});

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  /** Writes a sandbox as schema 5 wrote it: no list tables, the demo rows without links to lists, `data`: the demo data or none. */
  async function oldSandbox(data: boolean): Promise<string> {
    return olderSqliteSandbox('crm-lists-old-', [...LIST_TABLES.map((t) => `DROP TABLE "${t}"`), `UPDATE appointment SET task_idx = 0; UPDATE ticket SET title = 'kept' WHERE id = 1; DELETE FROM currency; PRAGMA user_version = 5`, ...(data ? [] : ['DELETE FROM config'])].join('; '));
  }

  it('gains the tables and the demo rows when opened, and keeps its own rows', async () => {
    const file = await oldSandbox(true);
    const driver = await openDriver(file);
    try {
      const r = runWithCrm({ dir: '', driver, crm: serviceOver(driver, { rollback: true }) }, `${LISTS_SMOKE}
${query('ticket', 'id', 'title', 'se.addCriteria("ticket.id", "Equals", "1");')}`);
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      // the appointment's link stays as the older sandbox had it (0: no task)
      expect(r.output).toBe('5 Meeting,Phone call,Video call,Follow-up,E-mail,\n2 \n1 kept\n');
      // the currencies an older build's demo data lacked
      expect(driver.all('SELECT isoCode FROM currency ORDER BY Currency_id').rows.map((x) => x[0])).toEqual(['NOK', 'EUR', 'USD', 'SEK']);
    } finally {
      driver.close();
    }
  });

  it('a sandbox without the demo data gets the tables without rows', async () => {
    const driver = await openDriver(await oldSandbox(false));
    try {
      for (const t of LIST_TABLES) expect(driver.all(`SELECT count(*) FROM "${t}"`).rows[0]?.[0]).toBe(0);
    } finally {
      driver.close();
    }
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it('gains the tables and the demo rows when a process of this build opens it, keeping its rows', async () => {
    const { url, admin } = await olderPgSandbox([`DROP TABLE ${LIST_TABLES.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`, "UPDATE crm.ticket SET title = 'kept' WHERE id = 1"], 4);
    try {
      const out = await runFileOn(url, 'crm-lists-pg-', `${LISTS_SMOKE}\nNSAppointmentAgent aa;\nNSTaskListItem t = aa.CreateDefaultTaskListItem();\nt.SetValue("Workshop");\nprintLine(aa.SaveTaskListItem(t).GetTaskListItemId().toString());`);
      // a new task's key comes after the demo rows' keys
      expect(out).toBe('5 Meeting,Phone call,Video call,Follow-up,E-mail,\n2 Phone call\n6\n');
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
      expect((await admin.query('SELECT title FROM crm.ticket WHERE id = 1')).rows[0].title).toBe('kept');
    } finally {
      await admin.end();
    }
  }, 60_000);
});
