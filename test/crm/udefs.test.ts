// User-defined fields in the sandbox: the demo's fields (UDefField) and values on entities
// (GetUserDefinedFields by progId with NetServer's encodings, list items' DisplayText), setting
// and saving them (creating and linking the udef rows), GetCustomFields / SetCustomFields,
// NSUserDefinedFieldInfoAgent's look-ups and its edit / publish / revert cycle, and a sandbox made
// by an older build (SQLite schema 9, PostgreSQL 8) gaining the tables with the demo's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliProcess, crmFixture, describeBackends, olderSqliteSandbox, runOk, runWithCrm, type CrmFixture, olderPgSandbox, runFileOn } from './helpers.js';
import { cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';
import { pgOnlyDescribe } from '../store/backends.js';
import { openDriver, serviceOver } from '../../src/crm/open.js';
import { loadSqlite } from '../../src/crm/sqlite/engine.js';
import { UDEF_TABLES } from '../../src/crm/demo-udefs.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

/** Prints every key = value of an entity's Map (in the Map's order). */
const dump = (get: string): string => `{ Map m = ${get}; for (m.first(); !m.eof(); m.next()) printLine(m.getKey() + " = " + m.getVal()); }`;

const CONTACT_5 = [
  'SuperOffice:1 = [I:18]',
  'SuperOffice:2 = ',
  'SuperOffice:3 = PS-55',
  'SuperOffice:4 = ',
  'SuperOffice:5 = [I:0]',
  'SuperOffice:6 = [I:1]',
  'SuperOffice:6:DisplayText = Website',
  'SuperOffice:7 = [F:7500]',
];

/** What shows that a sandbox has the demo's udefs: company 2's date and long text, person 5's list item. */
const UDEF_SMOKE = `NSContactAgent ca; NSPersonAgent pa;
Map c = ca.GetContactEntity(2).GetUserDefinedFields();
printLine(c.get("SuperOffice:2") + " " + c.get("SuperOffice:4"));
printLine(pa.GetPersonEntity(5).GetUserDefinedFields().get("SuperOffice:7:DisplayText"));`;
const UDEF_SMOKE_OUT = '[D:2019.03.01] Deliver to the workshop door before 10 am.\nMeeting\n';

describeBackends('user-defined fields', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());
  const run = (src: string): string => runOk(f, src);
  const error = (src: string): string => {
    const r = runWithCrm(f, src);
    expect(r.diagnostics).toEqual([]);
    return r.error ?? '';
  };

  it('an entity carries the published fields of its owner type by progId, in NetServer encodings', () => {
    expect(run(`NSContactAgent a;\n${dump('a.GetContactEntity(5).GetUserDefinedFields()')}`)).toBe(CONTACT_5.join('\n') + '\n');
    expect(run(UDEF_SMOKE)).toBe(UDEF_SMOKE_OUT);
    const person = run(`NSPersonAgent a;\n${dump('a.GetPersonEntity(9).GetUserDefinedFields()')}`);
    expect(person).toContain('SuperOffice:1 = English\nSuperOffice:2 = \nSuperOffice:3 = [I:0]\nSuperOffice:4 = [I:3]\nSuperOffice:5 = Prefers calls in the afternoon.\n');
    expect(person).toContain('SuperOffice:7 = [I:3]\nSuperOffice:7:DisplayText = Video call\n');
    expect(run(`NSProjectAgent p; NSSaleAgent s;
printLine(p.GetProjectEntity(1).GetUserDefinedFields().get("SuperOffice:1") + " " + p.GetProjectEntity(1).GetUserDefinedFields().get("SuperOffice:2"));
printLine(s.GetSaleEntity(1).GetUserDefinedFields().get("SuperOffice:1"));`)).toBe('[F:480000] [D:2025.06.30]\n[I:2]\n');
    // a company with no udef row has every field, empty
    expect(run(`NSContactAgent a; Map m = a.GetContactEntity(1).GetUserDefinedFields(); printLine(m.get("SuperOffice:1") + "|" + m.get("SuperOffice:3") + "|" + m.get("SuperOffice:6:DisplayText"));`)).toBe('[I:0]||\n');
  });

  it('SetUserDefinedFields and Save<X>Entity store the values, creating and linking the udef rows', () => {
    const out = run(`NSContactAgent a;
NSContactEntity c = a.GetContactEntity(1);
Map m = c.GetUserDefinedFields();
m.insert("SuperOffice:1", "250");
m.insert("SuperOffice:2", "2020-08-27");
m.insert("SuperOffice:4", "Ring the bell twice");
m.insert("SuperOffice:5", "[I:1]");
m.insert("SuperOffice:6", "[I:3]");
m.insert("SuperOffice:7", "12,5");
m.insert("Unknown:1", "ignored");
c.SetUserDefinedFields(m);
c = a.SaveContactEntity(c);
${dump('a.GetContactEntity(1).GetUserDefinedFields()')}
SearchEngine se; se.addField("contact.userdef_id"); se.addField("contact.userdef2_id"); se.addCriteria("contact.contact_id", "Equals", "1");
se.execute(); printLine((se.getField(0).toInteger() > 0).toString() + " " + (se.getField(1).toInteger() > 0).toString());`);
    expect(out).toBe(
      ['SuperOffice:1 = [I:250]', 'SuperOffice:2 = [D:2020.08.27]', 'SuperOffice:3 = ', 'SuperOffice:4 = Ring the bell twice', 'SuperOffice:5 = [I:1]', 'SuperOffice:6 = [I:3]', 'SuperOffice:6:DisplayText = Trade fair', 'SuperOffice:7 = [F:12.5]', 'true true', ''].join('\n'),
    );
    // a person: only the key set changes
    expect(run(`NSPersonAgent a; NSPersonEntity p = a.GetPersonEntity(10); Map m; m.insert("SuperOffice:4", "[I:9]"); p.SetUserDefinedFields(m); a.SavePersonEntity(p);
Map r = a.GetPersonEntity(10).GetUserDefinedFields(); printLine(r.get("SuperOffice:4") + " " + r.get("SuperOffice:1") + " " + r.get("SuperOffice:2"));`)).toBe('[I:9] English [D:2025.02.03]\n');
  });

  it('a value a field cannot take fails the save naming the field', () => {
    expect(error(`NSContactAgent a; NSContactEntity c = a.GetContactEntity(2); Map m; m.insert("SuperOffice:2", "soon"); c.SetUserDefinedFields(m); a.SaveContactEntity(c);`)).toBe(
      'NSContactAgent.SaveContactEntity: the user-defined field SuperOffice:2 (Customer since) takes a date ("[D:2020.08.27]"), not "soon"',
    );
  });

  it("a new entity carries the published fields with their defaults, which its first save stores", () => {
    f.crm.execute("UPDATE UDefField SET fieldDefault = '25' WHERE progId = 'SuperOffice:1' AND ownerTable_id = 7");
    try {
      expect(
        run(`NSContactAgent a;
NSContactEntity c = a.CreateDefaultContactEntity();
Map u = c.GetUserDefinedFields();
printLine(u.size().toString() + " " + u.get("SuperOffice:1") + " [" + u.get("SuperOffice:2") + "] " + u.get("SuperOffice:7"));
c.SetName("Defaults Ltd");
Integer id = a.SaveContactEntity(c).GetContactId();
printLine(a.GetContactEntity(id).GetUserDefinedFields().get("SuperOffice:1"));`),
      ).toBe('8 [I:25] [] [F:0]\n[I:25]\n');
    } finally {
      f.crm.execute("UPDATE UDefField SET fieldDefault = '' WHERE progId = 'SuperOffice:1' AND ownerTable_id = 7");
    }
  });

  it('GetCustomFields holds the udefs and extra fields; SetCustomFields stores them', () => {
    expect(run(`NSSaleAgent a; NSSaleEntity s = a.GetSaleEntity(1); Map m = s.GetCustomFields(); printLine(m.get("SuperOffice:2"));
Map n; n.insert("SuperOffice:2", "1"); s.SetCustomFields(n); a.SaveSaleEntity(s);
printLine(a.GetSaleEntity(1).GetCustomFields().get("SuperOffice:2") + " " + a.GetSaleEntity(1).GetUserDefinedFields().get("SuperOffice:1"));`)).toBe('[I:0]\n[I:1] [I:2]\n');
    // the Map GetCustomFields gives is the entity's: changing it in place and saving stores the change
    expect(run(`NSPersonAgent a; NSPersonEntity p = a.GetPersonEntity(9); Map m = p.GetCustomFields(); m.insert("SuperOffice:1", "Swedish"); a.SavePersonEntity(p);
printLine(a.GetPersonEntity(9).GetUserDefinedFields().get("SuperOffice:1"));`)).toBe('Swedish\n');
    // the sandbox's standard tables have no x_ columns
    expect(run(`NSContactAgent a; printLine(a.GetContactEntity(2).GetExtraFields().size().toString());`)).toBe('0\n');
  });

  it('NSUserDefinedFieldInfoAgent describes the fields: lists, progIds, labels, ids', () => {
    expect(run(`NSUserDefinedFieldInfoAgent u;
NSUserDefinedFieldInfo[] l = u.GetUserDefinedFieldList(8);
for (Integer i = 0; i < l.length(); i++) printLine(l[i].GetProgId() + " " + l[i].GetFieldLabel() + " " + l[i].GetFieldType().toString() + " " + l[i].GetTextLength().toString());
NSUserDefinedFieldInfo f = u.GetPublishedUserDefinedFieldFromProgId("SuperOffice:6", 7);
printLine(f.GetFieldLabel() + " " + f.GetListTableId().toString() + " " + f.GetType().toString() + " " + f.GetHasBeenPublished().toString());
printLine(u.GetUserDefinedFieldFromFieldLabel("  key account. ", 7).GetProgId() + " " + u.GetUserDefinedFieldFromProgId("SuperOffice:99", 7).GetUDefFieldId().toString());
Integer[] ids; ids.pushBack(f.GetUDefFieldId()); printLine(u.GetUserDefinedFieldFromIds(ids)[0].GetProgId() + " " + u.GetUserDefinedFieldInfo(f.GetUDefFieldId()).GetFieldLabel());
String[] progs; progs.pushBack("SuperOffice:2"); progs.pushBack("SuperOffice:1"); printLine(u.GetUserDefinedFieldFromProgIds(progs, 10)[0].GetFieldLabel());`)).toBe(
      [
        'SuperOffice:1 Preferred language 2 39',
        'SuperOffice:2 Last training 4 0',
        'SuperOffice:3 Certified 6 0',
        'SuperOffice:4 Years as customer 1 0',
        'SuperOffice:5 Support notes 3 199',
        'SuperOffice:6 Hourly rate 8 0',
        'SuperOffice:7 Preferred meeting 7 0',
        'Lead source 100 7 true',
        'SuperOffice:5 0',
        'SuperOffice:6 Lead source',
        'Contract signed',
        '',
      ].join('\n'),
    );
    expect(error('NSUserDefinedFieldInfoAgent u; u.GetUserDefinedFieldList(11);')).toBe(
      'NSUserDefinedFieldInfoAgent.GetUserDefinedFieldList: 11 is not an owner type of user-defined fields (7 contact, 8 person, 9 project, 10 sale, 12 appointment, 13 document)',
    );
  });

  it('a new field stays unpublished until Publish, which needs the start event; Revert drops edits', () => {
    const out = run(`NSUserDefinedFieldInfoAgent u; NSContactAgent a;
NSUserDefinedFieldInfo f = u.CreateUserDefinedFieldInfo(7, 5);
f.SetFieldLabel("Founded");
f = u.SaveUserDefinedFieldInfo(f);
printLine(f.GetProgId() + " " + f.GetColumnId().toString() + " " + f.GetHasBeenPublished().toString());
printLine(u.GetPublishedUserDefinedFieldList(7).length().toString() + " " + u.GetUserDefinedFieldList(7).length().toString() + " " + u.DetectUnpublishedChanges(7).toString());
printLine(a.GetContactEntity(2).GetUserDefinedFields().exists("SuperOffice:8").toString());
u.SetPublishStartSystemEvent(7);
printLine(u.IsPublishEventActive(7).toString() + " " + u.IsAnyPublishEventActive().toString());
u.Publish(7);
printLine(u.IsPublishEventActive(7).toString() + " " + u.DetectUnpublishedChanges(7).toString());
NSContactEntity c = a.GetContactEntity(2); Map m = c.GetUserDefinedFields(); m.insert("SuperOffice:8", "[D:1999.12.31]"); c.SetUserDefinedFields(m); a.SaveContactEntity(c);
printLine(a.GetContactEntity(2).GetUserDefinedFields().get("SuperOffice:8") + " " + a.GetContactEntity(2).GetUserDefinedFields().get("SuperOffice:1"));
u.DeleteUserDefinedFieldInfo(u.GetUserDefinedFieldFromProgId("SuperOffice:3", 7).GetUDefFieldId());
printLine(u.GetUserDefinedFieldList(7).length().toString() + " " + u.GetPublishedUserDefinedFieldList(7).length().toString());
u.Revert(7);
printLine(u.GetUserDefinedFieldList(7).length().toString() + " " + u.DetectUnpublishedChanges(7).toString());`);
    expect(out).toBe(['SuperOffice:8 9022 false', '7 8 true', 'false', 'true true', 'false false', '[D:1999.12.31] [I:42]', '7 8', '8 false', ''].join('\n'));
    expect(error('NSUserDefinedFieldInfoAgent u; u.Publish(8);')).toBe('NSUserDefinedFieldInfoAgent.Publish: call SetPublishStartSystemEvent(8) first: no publish of person\'s fields was started');
  });
});

describe('user-defined field errors through the CLI', () => {
  it('read file:line:col', async () => {
    const dir = tempDir('crm-udefs-cli-');
    const script = join(dir, 'bad.crm');
    writeFileSync(script, 'NSUserDefinedFieldInfoAgent u;\nInteger[] ids;\nu.SetRankOnFields(7, ids);\n', 'utf8');
    const r = await cliProcess(['run', '--rollback', script], { dir });
    expect(r.err).toContain(`${script}:3:3: error: NSUserDefinedFieldInfoAgent.SetRankOnFields: the sandbox CRM keeps no screen layout of user-defined fields`);
  });
});

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  it('gains the udef tables and the demo fields and values when opened', async () => {
    const drop = UDEF_TABLES.map((t) => `DROP TABLE "${t}"`);
    const file = await olderSqliteSandbox('crm-udefs-old-', [...drop, 'DELETE FROM udcontactSmall; DELETE FROM udpersonSmall; DELETE FROM udprojectSmall; DELETE FROM udsalesmall', 'UPDATE contact SET userdef_id = 0, userdef2_id = 0', 'UPDATE person SET userdef_id = 0, userdef2_id = 0', 'PRAGMA user_version = 9'].join('; '));
    const driver = await openDriver(file);
    try {
      const r = runWithCrm({ dir: '', driver, crm: serviceOver(driver, { rollback: true }) }, UDEF_SMOKE);
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      expect(r.output).toBe(UDEF_SMOKE_OUT);
    } finally {
      driver.close();
    }
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it('gains the udef tables and the demo rows when a process of this build opens it', async () => {
    const { url, admin } = await olderPgSandbox(
      [
        `DROP TABLE ${UDEF_TABLES.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`,
        'DELETE FROM crm.udcontactsmall; DELETE FROM crm.udpersonsmall; UPDATE crm.contact SET userdef_id = 0, userdef2_id = 0; UPDATE crm.person SET userdef_id = 0, userdef2_id = 0',
      ],
      8,
    );
    try {
      expect(await runFileOn(url, 'crm-udefs-pg-', UDEF_SMOKE, ['--rollback'])).toBe(UDEF_SMOKE_OUT);
    } finally {
      await admin.end();
    }
  });
});
