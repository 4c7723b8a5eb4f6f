// NSFindAgent's saved finds on every CRM backend: restrictions and restriction groups saved under a
// storage type, provider and key (SearchCriteria with ownerName, ownerGuiName and name), Find and
// its variants with the default columns and order or the ones asked for, extra restrictions that
// replace saved ones on the same column, criteria information and populated restrictions; and a
// sandbox made by an older build (SQLite schema 10, PostgreSQL 9) gaining the criteria tables with
// the demo's dynamic selection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBackends, olderPgSandbox, runFileOn, runOnOlderSqlite } from './helpers.js';
import { cleanupTempDirs, requireBuiltCli } from '../common.js';
import { pgOnlyDescribe } from '../store/backends.js';
import { criteriaSandbox, PRELUDE } from './criteria-prelude.js';
import { loadSqlite } from '../../src/crm/sqlite/engine.js';
import { CRITERIA_TABLES } from '../../src/crm/demo-criteria.js';
import { PG_CRM_VERSION } from '../../src/crm/pg/ddl.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

describeBackends('saved finds', (b) => {
  const { fixture, run, error } = criteriaSandbox(b);

  it('saves restrictions under a storage type, provider and key, and finds with them', () => {
    expect(
      run(`fa.SaveRestrictions("Criteria", "contact", "mine", one(restriction("department", "contains", "e")));
NSFindResults r = fa.Find("Criteria", "contact", "mine", 0, 0);
String cols;
foreach (NSArchiveColumnInfo c in r.GetArchiveColumns()) cols += c.GetName() + " ";
printLine(cols + "| " + rows(r, "name") + " |" + rows(r, "department").after(":"));
printLine(rows(fa.FindOrderBy2("Criteria", "Contact", "mine", 0, 0, "name desc"), "name"));
NSArchiveOrderByInfo o; o.SetName("contact_id"); o.SetDirection(1);
NSArchiveOrderByInfo[] order; order.pushBack(o);
printLine(rows(fa.FindOrderBy("Criteria", "contact", "mine", 0, 0, order), "name"));
String[] cols2; cols2.pushBack("orgNr");
printLine(rows(fa.FindWithColumns("Criteria", "contact", cols2, "mine", 0, 0), "orgNr"));
printLine(rows(fa.FindWithColumns("Criteria", "contact", "mine", cols2, 2, 1, order), "orgNr"));
printLine(rows(fa.Find("Criteria", "contact", "other", 0, 0), "name") + " " + rows(fa.Find("Other", "contact", "mine", 0, 0), "name"));
fa.SaveRestrictions2("Criteria", "contact", "two", "name begins 'N' or name begins 'P'");
printLine(groups(fa.GetRestrictionGroups("Criteria", "contact", "two", "")) + " | " + rows(fa.Find("Criteria", "contact", "two", 0, 0), "name"));`),
    ).toBe(
      [
        'name department | 3: Acme Logistics Nordic Bikes AS Sandbox Support Desk | Warehouse Retail Head office',
        '3: Sandbox Support Desk Nordic Bikes AS Acme Logistics',
        '3: Acme Logistics Nordic Bikes AS Sandbox Support Desk',
        '3: 900000001 900000002 900000003',
        '3: 900000001',
        '0: 0:',
        '0/0[name begins N] 1/1[name begins P] | 2: Nordic Bikes AS Polar Software',
        '',
      ].join('\n'),
    );
    const saved = fixture().crm.select('SearchCriteria', { where: [{ column: 'ownerGuiName', op: '=', value: 'mine' }] });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ name: 'Criteria', ownerName: 'contact', ownerGuiName: 'mine', ownerTable: 0, ownerId: 0 });
  });

  it('runs extra restrictions with the saved ones, in place of those on the same column, without saving them', () => {
    expect(
      run(`fa.SaveRestrictions2("Criteria", "contact", "extra", "department contains 'e'");
String[] none; NSArchiveOrderByInfo[] noOrder;
printLine(rows(fa.FindWithExtraRestrictions("Criteria", "contact", "extra", one(restriction("department", "=", "R&D")), noOrder, none, 0, 0), "name"));
printLine(rows(fa.FindWithExtraRestrictions("Criteria", "contact", "extra", one(restriction("name", "begins", "A")), noOrder, none, 0, 0), "name"));
printLine(rows(fa.Find("Criteria", "contact", "extra", 0, 0), "name"));
printLine(rows(fa.FindWithExtraRestrictions2("Criteria", "contact", "extra", "department = 'Warehouse' or department = 'Retail'", "name desc", "name,department", 0, 0), "name"));
printLine(rows(fa.FindWithExtraRestrictions2("Criteria", "contact", "nothing saved", "contact_id = 4", "", "", 0, 0), "name"));
printLine(shown(fa.GetCriteriaInformation("Criteria", "contact", "extra", none).GetRestrictions()));`),
    ).toBe(
      [
        '1: Polar Software',
        '1: Acme Logistics',
        '3: Acme Logistics Nordic Bikes AS Sandbox Support Desk',
        '2: Nordic Bikes AS Acme Logistics',
        '1: Blue Fjord Hotels',
        '[department contains e]',
        '',
      ].join('\n'),
    );
  });

  it('keeps restriction groups: creates the next, saves one or all (ranked anew), gets and deletes them by rank', () => {
    expect(
      run(`NSArchiveRestrictionGroup a = fa.CreateRestrictionGroup("Criteria", "contact", "groups", "");
a.SetRestrictions(one(restriction("contact_id", "=", "1")));
a.SetDescription("the desk");
fa.SaveRestrictionGroup("Criteria", "contact", "groups", a, "");
NSArchiveRestrictionGroup b = fa.CreateRestrictionGroup("Criteria", "contact", "groups", "");
b.SetRestrictions(one(restriction("contact_id", "=", "5")));
fa.SaveRestrictionGroup("Criteria", "contact", "groups", b, "");
printLine(groups(fa.GetRestrictionGroups("Criteria", "contact", "groups", "")) + " | " + fa.GetRestrictionGroup("Criteria", "contact", "groups", 0, "").GetDescription() + " | " + rows(fa.Find("Criteria", "contact", "groups", 0, 0), "contact_id"));
b.SetRestrictions(one(restriction("contact_id", "=", "4")));
fa.SaveRestrictionGroup("Criteria", "contact", "groups", b, "");
fa.DeleteRestrictionGroup("Criteria", "contact", "groups", 0, "");
printLine(groups(fa.GetRestrictionGroups("Criteria", "contact", "groups", "")) + " | " + rows(fa.Find("Criteria", "contact", "groups", 0, 0), "contact_id"));
NSArchiveRestrictionGroup blank = fa.GetRestrictionGroup("Criteria", "contact", "groups", 7, "");
printLine("[" + blank.GetName() + "] " + blank.GetRestrictions().length().toString());
NSArchiveRestrictionGroup[] all;
all.pushBack(b); all.pushBack(a);
printLine(groups(fa.SaveRestrictionGroups("Criteria", "contact", "groups", all, "")));`),
    ).toBe(
      [
        '0/0[contact_id = 1] 1/1[contact_id = 5] | the desk | 2: 5 1',
        '1/1[contact_id = 4] | 1: 4',
        '[] 0',
        '0/1[contact_id = 4] 1/0[contact_id = 1]',
        '',
      ].join('\n'),
    );
  });

  it('tells the criteria filled in, the default columns and order, the columns to restrict by, and a period as dates', () => {
    const now = fixture().crm.now();
    expect(
      run(`String[] none;
fa.SaveRestrictions2("Criteria", "contact", "info", "associate_id associateIsOneOf 3 and name contains 'o'");
NSCriteriaInformation ci = fa.GetCriteriaInformation("Criteria", "contact", "info", none);
NSArchiveRestrictionInfo first = ci.GetRestrictions()[0];
printLine(first.GetColumnInfo().GetName() + " " + first.GetColumnInfo().GetRestrictionType() + " " + first.GetDisplayValues().buildString("|") + " | " + ci.GetRestrictionGroups().length().toString());
String cols;
foreach (NSArchiveColumnInfo c in ci.GetCriteriaArchiveColumns()) cols += c.GetName() + " ";
Map m = ci.GetCriteriaArchiveRows()[0].GetColumnData();
printLine(cols + "| " + m.get("column") + " " + m.get("operator") + " " + m.get("values") + " " + m.get("isActive"));
String[] wanted; wanted.pushBack("name"); wanted.pushBack("department");
printLine(shown(fa.GetSpecifiedCriteriaInformationWithDefaults("Criteria", "contact", "info", wanted, none).GetRestrictions()));
String dc;
foreach (NSArchiveColumnInfo c in fa.GetDefaultDesiredColumns("Criteria", "contact", "info")) dc += c.GetName() + " ";
NSArchiveOrderByInfo o = fa.GetDefaultOrderBy("Criteria", "contact", "info")[0];
printLine(dc + "| " + o.GetName() + " " + o.GetDirection().toString());
dc = "";
foreach (NSArchiveColumnInfo c in fa.GetDefaultDesiredColumnsFromRestrictions2("sale", "amount > 1000")) dc += c.GetName() + " ";
foreach (NSArchiveColumnInfo c in fa.GetDefaultDesiredColumnsFromRestrictions("contact", one(restriction("orgNr", "set", "")))) dc += c.GetName() + " ";
String[] later; later.pushBack("department"); later.pushBack("name");
printLine(dc + "| " + fa.GetDefaultOrderByFromDesiredColumns("contact", later)[0].GetName());
String available = "," + fa.GetAvailableRestrictionColumns("Criteria", "contact").buildString(",") + ",";
printLine((available.find(",name,") >= 0).toString() + " " + (available.find(",department,") >= 0).toString());
NSArchiveRestrictionInfo p = fa.PopulateRestrictions("contact", one(restriction("associate_id", "oneOf", "2,4")))[0];
printLine(p.GetDisplayValues().buildString("|") + " " + p.GetColumnInfo().GetRestrictionType());
printLine(fa.PopulateRestrictionValues(one(restriction("registered", "thisYear", "")))[0].GetValues().buildString("|"));
printLine(shown(fa.SaveRestrictionsAndGetCriteriaInformation2("Criteria", "contact", "info", "department = 'Retail'", "").GetRestrictions()));`),
    ).toBe(
      [
        'associate_id associate CAROL | 1',
        'column operator values isActive | associate_id associateIsOneOf CAROL 1',
        '[name contains o][department begins  off]',
        'name associate_id | name 0',
        'sale_id amount name orgNr | department',
        'true true',
        'BOB|DAVE associate',
        `${now.slice(0, 4)}.01.01|${now.slice(0, 4)}.12.31`,
        '[department = Retail]',
        '',
      ].join('\n'),
    );
  });

  it('says what it cannot do: an unknown column or provider, a selection that is not there, sub-restrictions', () => {
    expect(error('fa.SaveRestrictions2("Criteria", "contact", "bad", "colour = \'red\'");')).toMatch(/^NSFindAgent\.SaveRestrictions2: contact has no column 'colour' \(it has: contact_id, /);
    expect(error('fa.Find("Criteria", "spaceships", "bad", 0, 0);')).toMatch(/^NSFindAgent\.Find: the sandbox has no archive provider 'spaceships' \(it has: contact, person, /);
    expect(error('fa.Find("Criteria", "SaleDynamicSelectionV2", "999", 0, 0);')).toBe('NSFindAgent.Find: there is no selection with id 999');
    expect(error('String[] c; c.pushBack("colour"); fa.GetDefaultOrderByFromDesiredColumns("contact", c);')).toBe("NSFindAgent.GetDefaultOrderByFromDesiredColumns: contact has no column 'colour'");
    expect(error(`NSArchiveRestrictionInfo r = restriction("name", "begins", "A");
r.SetSubRestrictions(one(restriction("name", "begins", "B")));
fa.SaveRestrictions("Criteria", "contact", "bad", one(r));`)).toBe("NSFindAgent.SaveRestrictions: the restriction on 'name' has sub-restrictions, which the sandbox does not keep (write them as restrictions of their own, or as another group)");
    expect(run('printLine(rows(fa.Find("Criteria", "contact", "bad", 0, 0), "name"));')).toBe('0:\n');
  });
});

/** What shows a sandbox has the demo's dynamic selection, and keeps finds. */
const SMOKE = `${PRELUDE}
printLine(ids(2) + " | " + groups(sa.GetDynamicSelectionCriteriaGroups(2)));
fa.SaveRestrictions2("Criteria", "contact", "k", "contact_id = 5");
printLine(rows(fa.Find("Criteria", "contact", "k", 0, 0), "name"));`;
const SMOKE_OUT = '2,3,4 | 0/0[associateId associateIsOneOf 3] 1/1[name contains Hotel]\n1: Polar Software\n';

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  const opened = (sql: string[]): Promise<string> =>
    runOnOlderSqlite('crm-criteria-old-', [...CRITERIA_TABLES.map((t) => `DROP TABLE "${t}"`), ...sql, 'PRAGMA user_version = 10'].join('; '), SMOKE);

  it("gains the criteria tables and the demo's dynamic selection with its criteria when opened", async () => {
    expect(await opened(['DELETE FROM selection WHERE selection_id = 2'])).toBe(SMOKE_OUT);
  });

  it('leaves a selection of its own that has the demo selection\'s id without criteria', async () => {
    expect(await opened(["UPDATE selection SET name = 'Mine', seltype = 0 WHERE selection_id = 2"])).toBe(' | \n1: Polar Software\n');
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it("gains the criteria tables and the demo's dynamic selection when a process of this build opens it", async () => {
    const { url, admin } = await olderPgSandbox([`DROP TABLE ${CRITERIA_TABLES.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`, 'DELETE FROM crm.selection WHERE selection_id = 2'], 9);
    try {
      expect(await runFileOn(url, 'crm-criteria-pg-', SMOKE, ['--rollback'])).toBe(SMOKE_OUT);
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
    } finally {
      await admin.end();
    }
  });
});
