// Relations between companies and persons in the sandbox (relationdefinition, relationtarget,
// relations): the demo's definitions and relations, NSListAgent's relation definition entities
// (Source / Destination as relationtarget rows), NSRelationAgent's contact relation cycle with its
// checks, SearchEngine over the tables; and a sandbox made by an older build (SQLite schema 10,
// PostgreSQL 9) gaining the relation, chat topic user and red-letter day tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBackends, olderPgSandbox, olderSqliteSandbox, runFileOn, runOk, runWithCrm, withFixture } from './helpers.js';
import { cleanupTempDirs, requireBuiltCli } from '../common.js';
import { pgOnlyDescribe } from '../store/backends.js';
import { openDriver, serviceOver } from '../../src/crm/open.js';
import { loadSqlite } from '../../src/crm/sqlite/engine.js';
import { PG_CRM_VERSION } from '../../src/crm/pg/ddl.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

/** Prints each demo relation as "source company/person active text destination company/person [comment]". */
const RELATIONS = `NSRelationAgent ra;
for (Integer i = 1; i <= 3; i++) {
  NSContactRelationEntity r = ra.GetContactRelationEntity(i);
  printLine(r.GetSourceContactName() + "/" + r.GetSourcePersonName() + " " + r.GetActiveText() + " " + r.GetDestinationContactName() + "/" + r.GetDestinationPersonName() + " [" + r.GetComment() + "]");
}`;
const DEMO_RELATIONS =
  'Polar Software/ is the accountant of Blue Fjord Hotels/ [Year-end accounts since 2022]\nPolar Software/Kari Moe is the accountant of Nordic Bikes AS/ [Kari does the VAT returns]\nAcme Logistics/Grace Miller is the mentor of Acme Logistics/Henry Stone []\n';

/** What shows an older sandbox gained the tables: the relations, the chat topic's users, a red-letter day. */
const SMOKE = `${RELATIONS}
NSChatAgent ca;
NSChatTopicAgent[] users = ca.GetChatTopicUserAgentList(1);
for (Integer i = 0; i < users.length(); i++) print(users[i].GetUser().GetName() + " ");
printLine("");
NSAppointmentAgent aa;
DateTime d = String(getCurrentDateTime().getYear().toString() + "-05-17").toDateTime();
NSRedLetterInformationListItem[] days = aa.GetRedLetterInformationListByDatesAndAssociate(d, d, 0);
printLine(days[0].GetRedLetterInformation().GetIsOwnCountryHoliday().toString() + " " + days[0].GetRedLetterDetails().GetOwnCountryDayTexts()[0]);`;
const SMOKE_OUT = `${DEMO_RELATIONS}ADA BOB CAROL \ntrue Constitution Day\n`;

describeBackends('contact and person relations', (b) => {
  it('the demo relations and definitions, read by NSRelationAgent, NSListAgent and SearchEngine', async () => {
    await withFixture(b.fresh, (f) => {
      expect(runOk(f, RELATIONS)).toBe(DEMO_RELATIONS);
      expect(
        runOk(
          f,
          `NSListAgent la;
for (Integer i = 1; i <= 2; i++) {
  NSRelationDefinitionEntity d = la.GetRelationDefinitionEntity(i);
  printLine(d.GetReldefId().toString() + " " + d.GetName() + " / " + d.GetPassiveText() + " " + d.GetSource().toString() + ">" + d.GetDestination().toString() + " " + d.GetTooltip());
}
printLine(la.GetRelationDefinitionEntity(99).GetReldefId().toString());
SearchEngine se;
se.addField("relations.relation_id");
se.addField("relations.reldef_id.passive_text");
se.addField("relations.source_table");
se.addField("relations.destination_record");
se.addOrder("relations.relation_id", true);
for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + " " + se.getField(1) + " " + se.getField(2) + " " + se.getField(3));`,
        ),
      ).toBe(
        '1 is the accountant of / has as accountant 3>1 Who keeps the books: a firm or a person\n2 is the mentor of / is mentored by 2>2 One person coaching another\n0\n1 has as accountant 5 4\n2 has as accountant 6 2\n3 is mentored by 6 8\n',
      );
    });
  });

  it('NSListAgent saves relation definitions: Source and Destination become relationtarget rows', async () => {
    await withFixture(b.fresh, (f) => {
      expect(
        runOk(
          f,
          `NSListAgent la;
NSRelationDefinitionEntity d = la.CreateDefaultRelationDefinitionEntity();
printLine(d.GetSource().toString() + ">" + d.GetDestination().toString());
d.SetName("is a supplier of");
d.SetPassiveText("buys from");
d.SetSource(1);
d.SetDestination(3);
d = la.SaveRelationDefinitionEntity(d);
printLine(d.GetReldefId().toString() + " " + d.GetSource().toString() + ">" + d.GetDestination().toString());
d.SetSource(2);
d.SetDestination(1);
d = la.SaveRelationDefinitionEntity(d);
printLine(d.GetSource().toString() + ">" + d.GetDestination().toString());
SearchEngine se;
se.addField("relationtarget.source_table");
se.addField("relationtarget.destination_table");
se.addCriteria("relationtarget.reldef_id", "Equals", d.GetReldefId().toString());
for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + ">" + se.getField(1));`,
        ),
      ).toBe('3>3\n3 1>3\n2>1\n6>5\n');
      expect(runWithCrm(f, 'NSListAgent la; NSRelationDefinitionEntity d = la.CreateDefaultRelationDefinitionEntity(); la.SaveRelationDefinitionEntity(d);').error).toBe(
        'NSListAgent.SaveRelationDefinitionEntity: the active text (SetName) is required',
      );
      expect(runWithCrm(f, 'NSListAgent la; NSRelationDefinitionEntity d = la.CreateDefaultRelationDefinitionEntity(); d.SetName("x"); d.SetSource(4); la.SaveRelationDefinitionEntity(d);').error).toBe(
        'NSListAgent.SaveRelationDefinitionEntity: Source 4 is no RelationTarget (1 Contact, 2 Person, 3 Both)',
      );
    });
  });

  it('NSRelationAgent: a relation is created, read with its texts and names, changed and deleted; a save checks its ends against the definition', async () => {
    await withFixture(b.fresh, (f) => {
      expect(
        runOk(
          f,
          `NSRelationAgent ra;
NSContactRelationEntity r = ra.CreateDefaultContactRelationEntity();
r.SetRelationDefinitionId(2);
r.SetSourceContactId(2);
r.SetSourcePersonId(5);
r.SetDestinationContactId(2);
r.SetDestinationPersonId(6);
r.SetReversed(1);
r.SetComment("Since spring");
r = ra.SaveContactRelation(r);
Integer id = r.GetRelationId();
printLine(id.toString() + " " + r.GetSourcePersonName() + " " + r.GetActiveText() + " " + r.GetDestinationPersonName() + " (" + r.GetPassiveText() + ") " + r.GetCreatedBy().GetName());
r.SetComment("Since summer");
r.SetReversed(0);
r = ra.SaveContactRelation(r);
printLine(r.GetActiveText() + " " + r.GetComment() + " " + r.GetUpdatedBy().GetName());
ra.DeleteContactRelation(id);
printLine(ra.GetContactRelationEntity(id).GetRelationId().toString());`,
        ),
      ).toBe('4 Nina Hansen is mentored by Ola Nordmann (is the mentor of) ADA\nis the mentor of Since summer ADA\n0\n');
      const error = (set: string): string | null =>
        runWithCrm(f, `NSRelationAgent ra; NSContactRelationEntity r = ra.CreateDefaultContactRelationEntity(); r.SetRelationDefinitionId(1); r.SetSourceContactId(5); r.SetDestinationContactId(4); ${set} ra.SaveContactRelation(r);`).error;
      expect(error('r.SetSourcePersonId(5);')).toBe('NSRelationAgent.SaveContactRelation: person 5 (SourcePersonId) does not belong to company 5 (SourceContactId)');
      // "is the accountant of" relates a company or a person to a company, not to a person; reversed, its ends swap
      expect(error('r.SetDestinationPersonId(9);')).toBe('NSRelationAgent.SaveContactRelation: relation definition 1 does not relate a company to a person (its relationtarget rows)');
      expect(error('r.SetSourcePersonId(11); r.SetReversed(1);')).toBe('NSRelationAgent.SaveContactRelation: relation definition 1 does not relate a company to a person (its relationtarget rows)');
      expect(error('r.SetSourcePersonId(11);')).toBeNull();
      expect(error('r.SetDestinationContactId(0);')).toBe('NSRelationAgent.SaveContactRelation: the destination company (SetDestinationContactId) is required');
      expect(error('r.SetRelationDefinitionId(9);')).toBe('NSRelationAgent.SaveContactRelation: RelationDefinitionId 9 does not exist (there is no relationdefinition row with that id)');
    });
  });
});

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  const TABLES = ['relationdefinition', 'relationtarget', 'relations', 'chat_topic_user', 'redletterday'];
  /** Writes a sandbox as schema 10 wrote it: none of the tables, no countries; `data`: the demo data or none. */
  async function oldSandbox(data: boolean): Promise<string> {
    const sql = [...TABLES.map((t) => `DROP TABLE "${t}"`), 'DELETE FROM country', 'UPDATE contact SET country_id = 0', 'UPDATE person SET country_id = 0', 'PRAGMA user_version = 10'];
    return olderSqliteSandbox('crm-relations-old-', [...sql, ...(data ? [] : ['DELETE FROM config'])].join('; '));
  }

  it('gains the tables with the demo rows, countries and red-letter days', async () => {
    const driver = await openDriver(await oldSandbox(true));
    try {
      const r = runWithCrm({ dir: '', driver, crm: serviceOver(driver, { rollback: true }) }, SMOKE);
      expect(r.error).toBeNull();
      expect(r.output).toBe(SMOKE_OUT);
      expect(driver.all('SELECT name FROM country ORDER BY country_id').rows.map((x) => x[0])).toEqual(['Norway', 'Sweden', 'United States']);
    } finally {
      driver.close();
    }
  });

  it('a sandbox without the demo data gets the tables empty, but every user answering every chat topic, as before', async () => {
    const driver = await openDriver(await oldSandbox(false));
    try {
      for (const t of ['relationdefinition', 'relations', 'redletterday', 'country']) expect(driver.all(`SELECT count(*) FROM "${t}"`).rows[0]?.[0]).toBe(0);
      expect(driver.all('SELECT topic_id, user_id, can_respond, manager FROM chat_topic_user ORDER BY id').rows).toEqual([
        [1, 2, 1, 0],
        [1, 3, 1, 0],
        [1, 4, 1, 0],
        [1, 5, 1, 0],
      ]);
    } finally {
      driver.close();
    }
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it('gains the tables with the demo rows when a process of this build opens it', async () => {
    const drop = ['DROP TABLE crm.relationdefinition, crm.relationtarget, crm.relations, crm.chat_topic_user, crm.redletterday', 'DELETE FROM crm.country', 'UPDATE crm.contact SET country_id = 0', 'UPDATE crm.person SET country_id = 0'];
    const { url, admin } = await olderPgSandbox(drop, 9);
    try {
      expect(await runFileOn(url, 'crm-relations-pg-', SMOKE)).toBe(SMOKE_OUT);
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
    } finally {
      await admin.end();
    }
  }, 60_000);
});
