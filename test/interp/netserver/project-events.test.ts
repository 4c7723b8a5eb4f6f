// NSProjectAgent's project events on every CRM backend (SQLite, and PostgreSQL when a test server
// is set): an event per project kept in the ProjectEvent table (created with its defaults, read by
// id and by project, changed, deleted, what a save refuses), the events as persons see them
// (signed on when a member of the project), the current user's events, and the project duplicate
// check by name. Then a sandbox made by an older build gaining the tables of this schema version.
// Every run rolls back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlite } from '../../../src/crm/sqlite/engine.js';
import { PG_CRM_VERSION } from '../../../src/crm/pg/ddl.js';
import { MARKETING_TABLES } from '../../../src/crm/marketing-table-migration.js';
import { describeBackends, olderPgSandbox, runFileOn } from '../../crm/helpers.js';
import { pgOnlyDescribe } from '../../store/backends.js';
import { cleanupTempDirs, requireBuiltCli } from '../../common.js';
import { backendSandbox, ok, olderSqliteOutput } from './backend-runs.js';

afterAll(cleanupTempDirs);

/** An event of project 1 (Carol's "Hotel tablet roll-out", with persons 3 and 9 as members) saved by the script. */
const EVENT = `NSProjectEventEntity e = pa.CreateDefaultProjectEventEntity();
e.SetProjectId(1);
e.SetEventDate(String("2030-05-01 18:00").toDateTime());
e.SetSignOn(true);
e.SetSignOnText("Join the roll-out party");
e.SetSignOnConfirmationText("See you there");
e.SetSignOnTaskEnable(true);
e.SetSignOnTaskId(1);
e.SetSignOff(true);
e.SetSignOffText("Cannot come");
e = pa.SaveProjectEventEntity(e);
Integer id = e.GetProjectEventId();`;

describeBackends('NSProjectAgent project events', (b) => {
  const run = backendSandbox(b, 'NSProjectAgent pa;');

  it('creates, reads, changes and deletes the event of a project', () => {
    const out = ok(
      run,
      `NSProjectEventEntity d = pa.CreateDefaultProjectEventEntity();
printLine(d.GetProjectEventId().toString() + " " + d.GetEnabled().toString() + " " + d.GetIsVisibleForMembers().toString() + " " + d.GetSignOn().toString());
${EVENT}
NSProjectEventEntity g = pa.GetProjectEventEntity(id);
printLine((id > 0).toString() + " " + (g.GetId() == id).toString() + " " + g.GetProjectId().toString() + " " + g.GetEventDate().toString() + " " + g.GetSignOnText() + " | " + g.GetSignOnConfirmationText() + " " + g.GetSignOnTaskEnable().toString() + " " + g.GetSignOnTaskId().toString() + " " + g.GetSignOffText());
printLine(g.GetCreatedBy().GetAssociateId().toString() + " " + g.GetCreatedDate().isNull().toString() + " " + g.GetVisibleForCategories().length().toString());
printLine((pa.GetProjectEventEntityFromProjectId(1).GetProjectEventId() == id).toString() + " " + pa.GetProjectEventEntityFromProjectId(2).GetProjectEventId().toString());
g.SetSignOffText("Sorry");
g.SetIsPublished(true);
g.SetPublishType(2);
pa.SaveProjectEventEntity(g);
g = pa.GetProjectEventEntity(id);
printLine(g.GetSignOffText() + " " + g.GetIsPublished().toString() + " " + g.GetPublishType().toString() + " " + g.GetUpdatedBy().GetAssociateId().toString());
pa.DeleteProjectEventEntity(id);
printLine(pa.GetProjectEventEntity(id).GetProjectEventId().toString());
${EVENT.replace('NSProjectEventEntity e =', 'e =').replace('Integer id =', 'id =')}
pa.DeleteProjectEventEntityFromProjectId(1);
printLine(pa.GetProjectEventEntityFromProjectId(1).GetProjectEventId().toString());`,
    );
    expect(out).toBe(
      '0 true true false\n' +
        'true true 1 2030-05-01 18:00:00 Join the roll-out party | See you there true 1 Cannot come\n' +
        '1 false 0\n' +
        'true 0\n' +
        'Sorry true 2 1\n' +
        '0\n' +
        '0\n',
    );
  });

  it('shows events to persons (signed on as project members) and to the project owner', () => {
    const out = ok(
      run,
      `${EVENT}
NSProjectEvent v = pa.GetProjectEvent(id);
printLine(v.GetEventName() + " | " + v.GetAssociateId().toString() + " " + v.GetAssociateFullName() + " " + v.GetEventDate().toString() + " " + v.GetSignOn().toString() + " " + v.GetSignOnText());
Integer[] ids; ids.pushBack(id); ids.pushBack(999);
printLine(pa.GetProjectEventList(ids).length().toString() + " " + pa.GetProjectEvent(999).GetProjectId().toString());
NSProjectEvent on = pa.GetProjectEventOnPerson(1, 9);
NSProjectEvent off = pa.GetProjectEventOnPerson(1, 5);
printLine(on.GetIsSignedOn().toString() + " " + on.GetSignOnPersonId().toString() + " " + off.GetIsSignedOn().toString() + " " + off.GetSignOffPersonId().toString());
printLine(pa.GetProjectEventsOnPerson(9).length().toString() + " " + pa.GetProjectEventsOnPerson(5).length().toString() + " " + pa.GetMyProjectEvents().length().toString());
e.SetIsPublished(true);
e.SetPublishFrom(String("2099-01-01").toDateTime());
e = pa.SaveProjectEventEntity(e);
printLine(pa.GetProjectEventsOnPerson(9).length().toString());
e.SetPublishFrom(String("2000-01-01").toDateTime());
e.SetPublishTo(String("2099-01-01").toDateTime());
e = pa.SaveProjectEventEntity(e);
printLine(pa.GetProjectEventsOnPerson(9).length().toString());
e.SetEnabled(false);
pa.SaveProjectEventEntity(e);
printLine(pa.GetProjectEventsOnPerson(9).length().toString());`,
    );
    expect(out).toBe('Hotel tablet roll-out | 3 Carol Dahl 2030-05-01 18:00:00 true Join the roll-out party\n1 0\ntrue 9 false 5\n1 0 0\n0\n1\n0\n');
  });

  it("gives the project owner's events as theirs", () => {
    expect(ok(run, `${EVENT}\nprintLine(pa.GetMyProjectEvents().length().toString() + " " + pa.GetMyProjectEvents()[0].GetEventName());`, { user: 'carol' })).toBe('1 Hotel tablet roll-out\n');
  });

  it('refuses a second event of a project, and events of projects or tasks that do not exist', () => {
    const out = ok(
      run,
      `${EVENT}
NSProjectEventEntity x = pa.CreateDefaultProjectEventEntity();
try { pa.SaveProjectEventEntity(x); } catch { printLine(error); }
x.SetProjectId(1);
try { pa.SaveProjectEventEntity(x); } catch { printLine(error); }
x.SetProjectId(999);
try { pa.SaveProjectEventEntity(x); } catch { printLine(error); }
pa.DeleteProjectEventEntity(id);
x.SetProjectId(1);
x.SetSignOffTaskId(999);
try { pa.SaveProjectEventEntity(x); } catch { printLine(error); }
try { pa.GetProjectEventOnPerson(1, 999); } catch { printLine(error); }`,
    );
    expect(out.replace(/project event \d+/, 'project event N')).toBe(
      'NSProjectAgent.SaveProjectEventEntity: the project (SetProjectId) is required\n' +
        'NSProjectAgent.SaveProjectEventEntity: project 1 has an event already (project event N)\n' +
        'NSProjectAgent.SaveProjectEventEntity: ProjectId 999 does not exist (there is no project row with that id)\n' +
        'NSProjectAgent.SaveProjectEventEntity: SignOffTaskId 999 does not exist (there is no Task row with that id)\n' +
        'NSProjectAgent.GetProjectEventOnPerson: there is no person with id 999\n',
    );
  });

  it('finds projects of the same name as duplicates under its one rule', () => {
    const out = ok(
      run,
      `foreach (NSDuplicateEntry d in pa.GetDuplicates("  hotel TABLET roll-out ")) printLine(d.GetRuleName() + " " + d.GetEntryIdentifier() + " " + d.GetEntryName() + " " + d.GetSoPrimaryKey());
printLine(pa.GetDuplicates("Nothing like it").length().toString() + " " + pa.GetDuplicates("").length().toString());
foreach (NSDuplicateRule r in pa.GetDuplicateRules()) printLine(r.GetName() + " | " + r.GetDisplayName() + " " + r.GetIsActive().toString());`,
    );
    expect(out).toBe('ProjectName 1 Hotel tablet roll-out 1\n0 0\nProjectName | Same project name true\n');
  });
});

/** What shows a sandbox has this version's tables: a form, a counter, a project event and a message block saved and read back. */
const SMOKE = `NSMarketingAgent m;
NSNumberAllocationAgent n;
NSProjectAgent pa;
NSFormEntity f = m.CreateDefaultFormEntity(); f.SetName("F"); f = m.SaveFormEntity(f);
NSRefCountEntity r = n.CreateDefaultRefCountEntity(); r.SetField("project.project_number"); r = n.SaveRefCountEntity(r);
NSProjectEventEntity e = pa.CreateDefaultProjectEventEntity(); e.SetProjectId(1); e = pa.SaveProjectEventEntity(e);
NSShipmentMessageBlockEntity b = m.CreateDefaultShipmentMessageBlockEntity(); b.SetBlock("B"); m.SaveShipmentMessageBlockEntity(b);
printLine(m.GetFormEntity(f.GetFormId()).GetName() + " " + n.GetRefCountEntity(r.GetRefCountsId()).GetField() + " " + pa.GetProjectEvent(e.GetProjectEventId()).GetEventName() + " " + m.GetUserBlocks(0)[0].GetBlock());`;

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  it('gains the form, message, counter, project event and history tables, empty, when opened', async () => {
    expect(await olderSqliteOutput('crm-marketing-old-', MARKETING_TABLES, [], 20, SMOKE)).toBe('F project.project_number Hotel tablet roll-out B\n');
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it('gains the tables when a process of this build opens it', async () => {
    requireBuiltCli();
    const { url, admin } = await olderPgSandbox([`DROP TABLE ${MARKETING_TABLES.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`], 19);
    try {
      expect(await runFileOn(url, 'crm-marketing-pg-', SMOKE, ['--rollback'])).toBe('F project.project_number Hotel tablet roll-out B\n');
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
    } finally {
      await admin.end();
    }
  });
});
