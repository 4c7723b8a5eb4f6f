// NSSaleAgent and NSProjectAgent methods beyond the entity cycles, as CRMScript programs on a
// sandbox CRM with its demo data (SQLite in a temporary directory; every run rolls back): closing
// sales, validation, summaries by group, next due dates, member projects, milestones, member roles,
// merging projects, and the methods that say what the sandbox lacks.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import type { CrmService } from '../../../src/interp/runtime/crm-service.js';
import { agentClass } from '../../../src/interp/stdlib/netserver/agents/index.js';
import { changedColumns, sandboxCrm } from './sandbox-run.js';

const sandbox = sandboxCrm('crms-nsextra-');

/** Runs a program (after `seed` prepared rows) and reports its output, error and the columns written. */
function run(source: string, seed?: (crm: CrmService) => void): { out: string; error: string | null; changed: string[] } {
  const r = sandbox(source, { seed });
  return { out: r.out, error: r.error, changed: [...new Set(changedColumns(r.changes))].sort() };
}

describe('NSSaleAgent beyond the entity cycle', () => {
  it('lists recent sold sales, sales by date and upcoming open sales with their amount limits (-1: none)', () => {
    const r = run(`
NSSaleAgent sa;
String ids(NSSale[] l) { String s; for (Integer i = 0; i < l.length(); i++) s += l[i].GetSaleId().toString() + " "; return s; }
printLine("recent " + ids(sa.GetRecentSales(-1, 10)) + "/ " + ids(sa.GetRecentSales(40000, 10)));
DateTime from = String("2025-01-01 00:00:00").toDateTime();
DateTime to = String("2025-12-31 00:00:00").toDateTime();
printLine("bydate " + ids(sa.GetSalesByDate(from, to, -1, 0)) + "/ " + ids(sa.GetSalesByDate(from, to, 20000, 0)) + "/ " + ids(sa.GetSalesByDate(from, to, 10000, 1)));
printLine("upcoming " + ids(sa.GetUpcomingSales(-1, -1)) + "/ " + ids(sa.GetUpcomingSales(-1, 2)));
`);
    expect(r.error).toBeNull();
    // the demo's sales: 1 (open, 52,000, April), 2 (open, 18,000), 3 (sold, 36,500), 4 (lost, 9,900), 5 (open, 14,750.50, May)
    expect(r.out).toBe('recent 3 / \nbydate 4 3 2 1 5 / 3 1 / 2 1 5 \nupcoming 5 1 2 / 5 1 \n');
  });

  it('sets sales as sold or lost: the status changes and the sale counts as edited; Completed stays', () => {
    const r = run(`
NSSaleAgent sa;
Integer[] sold;
sold.pushBack(1);
Integer[] lost;
lost.pushBack(2);
sa.SetAsSold(sold);
sa.SetAsLost(lost);
NSSaleEntity s1 = sa.GetSaleEntity(1);
NSSaleEntity s2 = sa.GetSaleEntity(2);
printLine(s1.GetStatus().toString() + " " + s1.GetCompleted().toString() + " " + s1.GetUpdatedBy().GetAssociateId().toString());
printLine(s2.GetStatus().toString() + " " + s2.GetCompleted().toString());
sa.SetAsSold(sold);
SearchEngine se;
se.addField("sale.status");
se.addField("sale.updatedCount");
se.addCriteria("sale.sale_id", "OperatorEquals", "1", "OperatorAnd", 0);
se.execute();
printLine(se.getField(0) + " " + se.getField(1));
`);
    expect(r.error).toBeNull();
    // the second SetAsSold of a sold sale writes nothing: updatedCount stays 1
    expect(r.out).toBe('2 2 1\n3 2\n2 1\n'); // Completed reads Started (2) for a sale not done
    expect(r.changed).toEqual(['sale.status', 'sale.updated', 'sale.updatedCount', 'sale.updated_associate_id']);
  });

  it('refuses ids that name no sale, before changing any', () => {
    const r = run(`
NSSaleAgent sa;
Integer[] ids;
ids.pushBack(1);
ids.pushBack(999);
sa.SetAsSold(ids);
`);
    expect(r.error).toBe('NSSaleAgent.SetAsSold: there is no sale with id 999');
    expect(r.changed).toEqual([]);
  });

  it('validates a sale as SaveSaleEntity would: a Map of property → the message the save fails with', () => {
    const r = run(`
NSSaleAgent sa;
NSSaleEntity s = sa.CreateDefaultSaleEntity();
NSContact ghost;
ghost.SetContactId(999);
s.SetContact(ghost);
Map m = sa.ValidateSaleEntity(s);
for (m.first(); !m.eof(); m.next()) printLine(m.getKey() + ": " + m.getVal());
try { sa.SaveSaleEntity(s); } catch { printLine(error); }
s.SetHeading("Valid");
NSContact none;
s.SetContact(none);
printLine(sa.ValidateSaleEntity(s).size().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'Contact: Contact 999 does not exist (there is no contact row with that id)\n' +
        'Heading: the sale heading (SetHeading) is required\n' +
        'NSSaleAgent.SaveSaleEntity: the sale heading (SetHeading) is required\n' +
        '0\n',
    );
    expect(r.changed).toEqual([]);
  });

  it('summarises the sales of a user group: those its users own', () => {
    const program = `
NSSaleAgent sa;
DateTime from;
from.addDay(-3650);
DateTime to;
to.addDay(3650);
NSSaleSummary[] sums;
sums.pushBack(sa.GetSummaryByGroup(7, from, to));
sums.pushBack(sa.GetSummaryByAssociate(3, from, to));
sums.pushBack(sa.GetSummaryByGroup(8, from, to));
sums.pushBack(sa.CreateDefaultSaleSummary());
for (Integer i = 0; i < sums.length(); i++) {
  NSSaleSummary s = sums[i];
  printLine((s.GetOpen() + s.GetCurrentOverdue()).toString() + " " + s.GetSold().toString() + " " + s.GetLost().toString() + " " + (s.GetOpenTotalBaseCurrency() + s.GetCurrentOverdueTotalBaseCurrency()).toString(0));
}
`;
    // Carol (associate 3), alone in group 7, owns open sales of the demo data
    const r = run(program, (crm) => crm.update('associate', 3, { group_idx: 7 }));
    expect(r.error).toBeNull();
    const [group, carol, nobody, fresh] = r.out.trim().split('\n');
    expect(group).toBe(carol);
    expect(group).not.toBe('0 0 0 0');
    expect(nobody).toBe('0 0 0 0');
    expect(fresh).toBe('0 0 0 0');
  });

  it('recomputes next due dates from the sales\' follow-ups: the next open one, else the latest', () => {
    const r = run(`
NSSaleAgent sa;
NSAppointmentAgent aa;
NSSaleEntity s = sa.CreateDefaultSaleEntity();
s.SetHeading("Due");
s = sa.SaveSaleEntity(s);
SearchEngine se;
se.addField("sale.nddAppointment_id");
se.addField("sale.updatedCount");
se.addCriteria("sale.sale_id", "OperatorEquals", s.GetSaleId().toString(), "OperatorAnd", 0);
se.execute();
String updates = se.getField(1);
Integer[] days;
days.pushBack(-20);
days.pushBack(40);
days.pushBack(10);
days.pushBack(5);
Integer[] ids;
for (Integer i = 0; i < days.length(); i++) {
  NSAppointmentEntity a = aa.CreateDefaultAppointmentEntity();
  DateTime at;
  at.addDay(days[i]);
  a.SetStartDate(at);
  a.SetEndDate(at);
  a.SetSale(sa.GetSale(s.GetSaleId()));
  if (i == 3) a.SetCompleted(3);
  ids.pushBack(aa.SaveAppointmentEntity(a).GetAppointmentId());
}
sa.BatchUpdateNextDueDate();
printLine((sa.GetNextDueDate(s.GetSaleId()).toString() == aa.GetAppointmentEntity(ids[2]).GetStartDate().toString()).toString());
se.execute();
printLine((se.getField(0) == ids[2].toString()).toString());
for (Integer i = 1; i < 3; i++) {
  NSAppointmentEntity done = aa.GetAppointmentEntity(ids[i]);
  done.SetCompleted(3);
  aa.SaveAppointmentEntity(done);
}
sa.BatchUpdateNextDueDate();
printLine((sa.GetNextDueDate(s.GetSaleId()).toString() == aa.GetAppointmentEntity(ids[1]).GetStartDate().toString()).toString());
se.execute();
printLine((se.getField(1) == updates).toString());
`);
    expect(r.error).toBeNull();
    // the recomputation is not an edit of the sale: updatedCount stays
    expect(r.out).toBe('true\ntrue\ntrue\ntrue\n');
  });

  it('answers guide questions (guide-progress tests in test/crm) and whether a number is valid (no counter: any)', () => {
    const r = run(`
NSSaleAgent sa;
printLine(sa.HasGuide(1).toString() + " " + sa.HasGuideActivities(1).toString() + " " + sa.OfferAutoNextStageOnApppointmentCompleted(1).toString());
printLine(sa.GetNextSaleStage(1, false).toString());
printLine(sa.IsNumberValid(1, "S-1").toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'true false false\n' +
        '4\n' +
        'true\n',
    );
  });
});

describe('a sale\'s completed state', () => {
  it('reads Completed (3) when the sale is done and Started (2) when not, and a save writes done only when that changes', () => {
    const r = run(`
NSSaleAgent sa;
NSSaleEntity s = sa.GetSaleEntity(2);
printLine(s.GetCompleted().toString() + " " + sa.GetSale(2).GetCompleted().toString());
s.SetCompleted(3);
s = sa.SaveSaleEntity(s);
SearchEngine se; se.addField("sale.done"); se.addCriteria("sale.sale_id", "Equals", "2"); se.execute();
printLine(s.GetCompleted().toString() + " done=" + se.getField(0));
s.SetCompleted(1);
s = sa.SaveSaleEntity(s);
SearchEngine se2; se2.addField("sale.done"); se2.addCriteria("sale.sale_id", "Equals", "2"); se2.execute();
printLine(s.GetCompleted().toString() + " done=" + se2.getField(0));
NSSaleEntity n = sa.CreateDefaultSaleEntity();
printLine(n.GetCompleted().toString());
`);
    expect(r.error).toBeNull();
    // NotStarted (1) is taken as Started, as the reference says
    expect(r.out).toBe('2 2\n3 done=2\n2 done=1\n2\n');
  });
});

describe('NSProjectAgent beyond the entity cycle', () => {
  it('lists the projects the user is a member of, and with GetMyProjects(true) those it is responsible for too', () => {
    const r = run(`
NSProjectAgent pa;
NSProjectEntity own = pa.CreateDefaultProjectEntity();
own.SetName("Own");
own = pa.SaveProjectEntity(own);
printLine(pa.GetMyMemberProjects().length().toString() + " " + pa.GetMyProjects(false).length().toString() + " " + pa.GetMyProjects(true).length().toString());
NSProjectMember m = pa.CreateDefaultProjectMember();
m.SetPersonId(1);
NSProjectMember[] ms;
ms.pushBack(m);
pa.AddProjectMembers(1, ms);
NSProject[] mine = pa.GetMyMemberProjects();
printLine(mine.length().toString() + " " + mine[0].GetName());
NSProject[] all = pa.GetMyProjects(true);
for (Integer i = 0; i < all.length(); i++) printLine(all[i].GetName());
printLine(pa.GetMyProjects(false)[0].GetName());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('0 1 1\n1 Hotel tablet roll-out\nHotel tablet roll-out\nOwn\nOwn\n');
  });

  it('finds a project\'s next milestone: the closest open milestone follow-up ahead', () => {
    const r = run(`
NSProjectAgent pa;
NSAppointmentAgent aa;
printLine(pa.GetNextMilestone(1).GetAppointmentId().toString());
Integer[] days;
days.pushBack(-5);
days.pushBack(30);
days.pushBack(3);
days.pushBack(10);
days.pushBack(1);
Integer[] ids;
for (Integer i = 0; i < days.length(); i++) {
  NSAppointmentEntity a = aa.CreateDefaultAppointmentEntity();
  DateTime at;
  at.addDay(days[i]);
  a.SetStartDate(at);
  a.SetEndDate(at);
  a.SetProject(pa.GetProject(1));
  a.SetDescription("Step " + i.toString());
  a.SetIsMileStone(i != 4);
  if (i == 2) a.SetCompleted(3);
  ids.pushBack(aa.SaveAppointmentEntity(a).GetAppointmentId());
}
NSAppointment next = pa.GetNextMilestone(1);
printLine((next.GetAppointmentId() == ids[3]).toString() + " " + next.GetDescription());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('0\ntrue Step 3\n');
  });

  it('gives several members one role and comment; refuses ids that name no member', () => {
    const r = run(`
NSProjectAgent pa;
Integer[] ids;
ids.pushBack(1);
ids.pushBack(2);
pa.SaveProjectMembersFunctionAndComment(ids, 4, "Steering group");
NSProjectMember[] ms = pa.GetProjectMembers(1);
for (Integer i = 0; i < ms.length(); i++) printLine(ms[i].GetProjectMemberTypeId().toString() + " " + ms[i].GetComment());
ids.pushBack(99);
try { pa.SaveProjectMembersFunctionAndComment(ids, 5, "x"); } catch { printLine(error); }
printLine(pa.GetProjectMember(1).GetProjectMemberTypeId().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('4 Steering group\n4 Steering group\nNSProjectAgent.SaveProjectMembersFunctionAndComment: there is no project member with id 99\n4\n');
  });

  it('validates a project as SaveProjectEntity would', () => {
    const r = run(`
NSProjectAgent pa;
NSProjectEntity p = pa.CreateDefaultProjectEntity();
Map m = pa.ValidateProjectEntity(p);
printLine(m.size().toString() + " " + m.get("Name"));
p.SetName("Named");
printLine(pa.ValidateProjectEntity(p).size().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('1 the project name (SetName) is required\n0\n');
  });

  it('merges a project into another: links and members move, empty fields are filled, the source goes', () => {
    const r = run(`
NSProjectAgent pa;
NSSaleAgent sa;
NSProjectEntity dest = pa.CreateDefaultProjectEntity();
dest.SetName("Destination");
dest = pa.SaveProjectEntity(dest);
NSProjectMember m = pa.CreateDefaultProjectMember();
m.SetPersonId(9);
NSProjectMember[] ms;
ms.pushBack(m);
pa.AddProjectMembers(dest.GetProjectId(), ms);
pa.Merge(1, dest.GetProjectId(), true);
NSProjectEntity after = pa.GetProjectEntity(dest.GetProjectId());
printLine(after.GetName() + " " + after.GetProjectNumber() + " " + after.GetEndDate().toString("YY4-MM2-DD2") + " " + after.GetUpdatedBy().GetAssociateId().toString());
NSProjectMember[] members = pa.GetProjectMembers(dest.GetProjectId());
for (Integer i = 0; i < members.length(); i++) printLine(members[i].GetPersonId().toString());
printLine((sa.GetSale(1).GetProjectId() == dest.GetProjectId()).toString());
printLine(pa.GetProjectEntity(1).GetProjectId().toString() + " " + pa.GetProjectMembers(1).length().toString());
try { pa.Merge(1, dest.GetProjectId(), false); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    // person 9 was a member of both: the destination keeps its own row
    expect(r.out).toBe('Destination P-2025-01 2025-06-30 1\n3\n9\ntrue\n0 0\nNSProjectAgent.Merge: there is no project with id 1\n');
  });

  it('answers guide questions (guide-progress tests in test/crm); keeps a project image; has no publishing to offer', () => {
    const r = run(`
NSProjectAgent pa;
printLine(pa.HasGuide(1).toString() + " " + pa.HasGuideActivities(1).toString() + " " + pa.OfferAutoNextStatusOnApppointmentCompleted(1).toString());
printLine(pa.GetNextProjectStatus(1).toString());
printLine(pa.GetProjectEventEntityFromProjectId(1).GetProjectEventId().toString());
try { pa.GetPublishedProject(1); } catch { printLine(error); }
NSImage i; i.SetImage(decodeBase64("iVBORw0KGgo="));
pa.SetProjectImage(1, i);
printLine(encodeBase64(pa.GetProjectImage(1).GetImage()) + " " + pa.GetProjectImage(2).GetImage().length().toString());
try { pa.SetProjectImage(999, i); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'true true false\n' +
        '3\n' +
        '0\n' +
        'NSProjectAgent.GetPublishedProject: the sandbox CRM has no Publish table (which projects are published, and when)\n' +
        'iVBORw0KGgo= 0\n' +
        'NSProjectAgent.SetProjectImage: there is no project with id 999\n',
    );
  });
});

describe('the agents\' method keys', () => {
  it('are all methods of the catalog (a typo would make a method unreachable)', () => {
    const catalog: unknown = JSON.parse(readFileSync(new URL('../../../src/interp/catalog.json', import.meta.url), 'utf8'));
    const classes = (catalog as { classes: Record<string, { members: [string, string, string, string[]][] }> }).classes;
    for (const name of ['NSSaleAgent', 'NSProjectAgent']) {
      const known = new Set(classes[name].members.filter((m) => m[0] === 'M').map((m) => `${m[1]}(${m[3].join(',')})`));
      const keys = Object.keys(agentClass(name, { name, methods: {} }, []).methods ?? {});
      expect(keys.filter((k) => !known.has(k))).toEqual([]);
    }
  });
});
