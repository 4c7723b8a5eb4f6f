// NSAppointmentAgent beyond the entity cycle, as CRMScript programs on a sandbox CRM with its demo
// data (SQLite in a temporary directory; every run rolls back): lists by task and type, users'
// diaries and task lists, completed states of appointments, documents and sales, bookings and
// assignments, alarms, conflicts, validation, a sale's re-open reminder, and the methods that say
// what the sandbox lacks.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import type { CrmService } from '../../../src/interp/runtime/crm-service.js';
import { agentClass } from '../../../src/interp/stdlib/netserver/agents/index.js';
import { NETSERVER_EXTRA_SIGNATURES } from '../../../src/interp/stdlib/netserver/index.js';
import { changedColumns, sandboxCrm } from './sandbox-run.js';

const sandbox = sandboxCrm('crms-nsappt-');

/** Runs a program (after `seed` prepared rows) and reports its output, error and the columns written. */
function run(source: string, seed?: (crm: CrmService) => void): { out: string; error: string | null; changed: string[] } {
  const r = sandbox(source, { seed });
  return { out: r.out, error: r.error, changed: [...new Set(changedColumns(r.changes))].sort() };
}

/** Prints the appointments of a list as "id@relative" where ids[k] is named #k (others by their id). */
const LIST = `
String names(NSAppointment[] list, Integer[] ids) {
  String s = "";
  for (Integer i = 0; i < list.length(); i++) {
    String name = list[i].GetAppointmentId().toString();
    for (Integer k = 0; k < ids.length(); k++) if (ids[k] == list[i].GetAppointmentId()) name = "#" + k.toString();
    s = s + name + " ";
  }
  return s;
}
`;

/** A booking of 2030-05-06 10:00–11:00 by Carol (3): Bob (2) invited, Dave (4) accepted and to get e-mail, Ada (1) declined. */
function booking(crm: CrmService): void {
  const times = { do_by: '2030-05-06 10:00:00', endDate: '2030-05-06 11:00:00', activeDate: '2030-05-06 10:00:00', registered: '2025-01-01 00:00:00' };
  crm.insert('appointment', { appointment_id: 101, associate_id: 3, contact_id: 2, type: 1, status: 1, rejectCounter: 1, ...times });
  crm.insert('appointment', { appointment_id: 102, mother_id: 101, associate_id: 2, type: 6, status: 5, SendEmail: 0, ...times });
  crm.insert('appointment', { appointment_id: 103, mother_id: 101, associate_id: 4, type: 1, status: 1, SendEmail: 1, ...times });
  crm.insert('appointment', { appointment_id: 104, mother_id: 101, associate_id: 1, type: 6, status: 9, rejectReason: 'Away', ...times });
}

/** Prints the booking's rows: id, status, start and end. */
const BOOKING_ROWS = `
Void bookingRows() {
  SearchEngine se;
  se.addField("appointment.appointment_id");
  se.addField("appointment.status");
  se.addField("appointment.do_by");
  se.addField("appointment.endDate");
  se.addCriteria("appointment.appointment_id", "OperatorIn", "101,102,103,104", "OperatorAnd", 0);
  se.addOrder("appointment.appointment_id", true);
  for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + " " + se.getField(1) + " " + se.getField(2) + " " + se.getField(3));
}
`;

describe('NSAppointmentAgent lists', () => {
  it('lists a company\'s and a project\'s follow-ups by task (task_idx), by tasks and by type', () => {
    const r = run(`${LIST}
NSAppointmentAgent aa;
NSProjectAgent pa;
Integer[] tasks;
tasks.pushBack(4);
tasks.pushBack(5);
tasks.pushBack(4);
Integer[] ids;
for (Integer i = 0; i < 3; i++) {
  NSAppointmentEntity a = aa.CreateDefaultAppointmentEntityByType(1 + i % 2);
  DateTime at;
  at.addDay(10 - i);
  a.SetStartDate(at);
  a.SetEndDate(at);
  a.SetTask(aa.GetTaskListItem(tasks[i]));
  a.SetContact(aa.GetAppointmentEntity(1).GetContact());
  a.SetProject(pa.GetProject(1));
  ids.pushBack(aa.SaveAppointmentEntity(a).GetAppointmentId());
}
DateTime from;
DateTime to;
to.addDay(30);
Integer[] both;
both.pushBack(4);
both.pushBack(5);
printLine(names(aa.GetContactAppointmentsByTask(4, from, to, -1, 4), ids));
printLine(names(aa.GetContactAppointmentsByTasks(4, from, to, 2, both), ids));
printLine(names(aa.GetContactAppointmentsByType(4, from, to, -1, 2), ids));
printLine(names(aa.GetContactAppointmentsByType(4, -1, 1), ids));
printLine(names(aa.GetProjectAppointmentsByTask(1, from, to, -1, 5), ids));
printLine(names(aa.GetProjectAppointmentsByType(1, from, to, -1, 1), ids));
printLine(names(aa.GetProjectAppointmentsByTasks(1, from, to, -1, both), ids));
printLine(aa.GetAppointment(ids[0]).GetTaskType().toString());
`);
    expect(r.error).toBeNull();
    // earliest first: #2 (in 8 days), #1, #0; the demo's appointment 1 of company 4 is in the diary, of task 1 (Meeting)
    expect(r.out).toBe('#2 #0 \n#2 #1 \n#1 \n1 #2 #0 \n#1 \n#2 #0 \n#2 #1 #0 \n4\n');
  });

  it('gives a user\'s diary and task list by the user\'s person, with the projects the person is a member of when asked', () => {
    const r = run(
      `${LIST}
NSAppointmentAgent aa;
NSProjectAgent pa;
Integer[] ids;
for (Integer i = 0; i < 3; i++) {
  NSAppointmentEntity a = aa.CreateDefaultAppointmentEntityByTypeAndAssociate(1 + i % 2, 2);
  DateTime at;
  at.addDay(i + 1);
  a.SetStartDate(at);
  a.SetEndDate(at);
  a.SetTask(aa.GetTaskListItem(5));
  ids.pushBack(aa.SaveAppointmentEntity(a).GetAppointmentId());
}
NSAppointmentEntity p = aa.CreateDefaultAppointmentEntityByTypeAndAssociate(1, 4);
DateTime at;
at.addDay(5);
p.SetStartDate(at);
p.SetEndDate(at);
p.SetProject(pa.GetProject(1));
ids.pushBack(aa.SaveAppointmentEntity(p).GetAppointmentId());
DateTime from;
DateTime to;
to.addDay(30);
printLine(names(aa.GetPersonAppointments(2, false, from, to, -1), ids));
printLine(names(aa.GetPersonAppointments(2, true, from, to, -1), ids));
printLine(names(aa.GetPersonAppointmentsByTask(2, true, from, to, -1, 5), ids));
printLine(names(aa.GetPersonAppointmentsByType(2, true, from, to, 2, 1), ids));
printLine(names(aa.GetPersonDiary(2, from, to, -1), ids));
printLine(names(aa.GetPersonTasks(2, -1), ids));
printLine(names(aa.GetProjectMemberAppointments(2, from, to, -1), ids));
printLine(names(aa.GetProjectMemberAppointmentsByType(2, from, to, -1, 2), ids));
try { aa.GetPersonDiary(5, from, to, -1); } catch { printLine(error); }
`,
      // Bob's person (2) is a member of project 1
      (crm) => crm.insert('projectmember', { project_id: 1, person_id: 2, registered: '2025-01-01 00:00:00', registered_associate_id: 1, updated_associate_id: 1, updated: '2025-01-01 00:00:00', updatedCount: 0 }),
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      '#0 #1 #2 \n' +
        '#0 #1 #2 #3 \n' +
        '#0 #1 #2 \n' +
        '#0 #2 \n' +
        '#0 #2 \n' +
        '#1 \n' +
        '#3 \n' +
        '\n' +
        'NSAppointmentAgent.GetPersonDiary: person 5 is not a user (no associate has that person)\n',
    );
  });

  it('gives the diaries of several associates and of a user group (its users)', () => {
    const r = run(
      `${LIST}
NSAppointmentAgent aa;
DateTime from = String("2025-03-01 00:00:00").toDateTime();
DateTime to = String("2025-03-31 00:00:00").toDateTime();
Integer[] who;
who.pushBack(1);
who.pushBack(3);
Integer[] none;
printLine(names(aa.GetAssociatesDiary(who, from, to), none));
printLine(names(aa.GetDiaryByGroup(7, 1, from, to, -1), none));
printLine(names(aa.GetDiaryByGroup(7, 1, from, to, 1), none));
printLine(names(aa.GetDiaryByGroup(8, 1, from, to, -1), none));
`,
      (crm) => {
        crm.update('associate', 2, { group_idx: 7 });
        crm.update('associate', 3, { group_idx: 7 });
      },
    );
    expect(r.error).toBeNull();
    // the demo's appointments: 1 (Carol, 10 March), 2 (Bob, 11 March), 3 (Ada, 12 March); 4 is a document
    expect(r.out).toBe('1 3 \n1 2 \n1 \n\n');
  });
});

describe('NSAppointmentAgent completed states', () => {
  /** "id:status" of the demo's appointments 2 and 3 and of the document's row 4 ("+" when done is stamped), and sale 1's done. */
  const STATES = `
String states() {
  SearchEngine se;
  se.addField("appointment.appointment_id");
  se.addField("appointment.status");
  se.addField("appointment.done");
  se.addCriteria("appointment.appointment_id", "OperatorIn", "2,3,4", "OperatorAnd", 0);
  se.addOrder("appointment.appointment_id", true);
  String line = "";
  for (se.execute(); !se.eof(); se.next()) {
    line = line + se.getField(0) + ":" + se.getField(1);
    if (se.getField(2) != "") line = line + "+";
    line = line + " ";
  }
  SearchEngine ss;
  ss.addField("sale.done");
  ss.addCriteria("sale.sale_id", "OperatorEquals", "1", "OperatorAnd", 0);
  ss.execute();
  return line + "sale:" + ss.getField(0);
}
`;

  it('toggles appointments, documents (their appointment row) and sales, and sets them', () => {
    const r = run(`${STATES}
NSAppointmentAgent aa;
printLine(aa.ToggleAppointmentStatus(2).toString() + " " + aa.ToggleAppointmentStatus(2).toString() + " " + aa.ToggleAppointmentStatus(3).toString());
printLine(states());
printLine(aa.ToggleActivity("sale_id=1").toString() + " " + aa.ToggleActivity(" document_id = 1 ").toString());
printLine(states());
String[] ids;
ids.pushBack("appointment_id=2");
ids.pushBack("sale_id=1");
ids.pushBack("document_id=1");
printLine(aa.ToggleAndSetActivities(ids).length().toString());
printLine(states());
aa.SetActivityStatus(ids, 2);
printLine(states());
ids.pushBack("appointment_id=999");
aa.SetActivityStatus(ids, 3);
printLine(states());
printLine(aa.ToggleActivities(ids).toString());
`);
    // the demo's document row is completed without a done stamp; ToggleActivities fails on the id that names no row, before changing any
    expect(r.error).toBe('NSAppointmentAgent.ToggleActivities: there is no appointment with id 999');
    expect(r.out).toBe(
      '3 2 2\n' +
        '2:2 3:2 4:3 sale:0\n' +
        '3 2\n' +
        '2:2 3:2 4:2 sale:2\n' +
        '0\n' +
        '2:3+ 3:2 4:3+ sale:2\n' +
        '2:2 3:2 4:2 sale:1\n' +
        '2:2 3:2 4:2 sale:1\n',
    );
  });

  it('refuses identifiers it cannot read, to-do items and statuses that are not activity statuses', () => {
    const r = run(`
NSAppointmentAgent aa;
try { aa.ToggleActivity("appointment 2"); } catch { printLine(error); }
try { aa.ToggleActivity("todo_id=1"); } catch { printLine(error); }
try { aa.ToggleActivity("sale_id=77"); } catch { printLine(error); }
try { aa.ToggleAppointmentStatus(77); } catch { printLine(error); }
String[] ids;
ids.pushBack("appointment_id=2");
try { aa.SetActivityStatus(ids, 5); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'NSAppointmentAgent.ToggleActivity: "appointment 2" is not an activity identifier (appointment_id=…, document_id=… or sale_id=…)\n' +
        'NSAppointmentAgent.ToggleActivity: the sandbox CRM has no to-do items (todo_id)\n' +
        'NSAppointmentAgent.ToggleActivity: there is no sale with id 77\n' +
        'NSAppointmentAgent.ToggleAppointmentStatus: there is no appointment with id 77\n' +
        'NSAppointmentAgent.SetActivityStatus: 5 is not an activity status (1 not started, 2 started, 3 completed)\n',
    );
    expect(r.changed).toEqual([]);
  });
});

describe('NSAppointmentAgent bookings and assignments', () => {
  it('moves a booking with its participants, who are asked again; names the organizer; knows who is to get e-mail', () => {
    const r = run(
      `${BOOKING_ROWS}
NSAppointmentAgent aa;
printLine(aa.GetOrganizerName(102) + "|" + aa.GetOrganizerName(101));
printLine(aa.GetAppointmentHaveParticipantsWithEmail(102).toString() + " " + aa.GetAppointmentHaveParticipantsWithEmail(1).toString());
aa.SetSeen(102, 1);
aa.SetSeen(102, 1);
NSAppointmentEntity m = aa.Move(103, String("2030-05-07 14:30:00").toDateTime(), 1);
printLine(m.GetAppointmentId().toString() + " " + m.GetStartDate().toString() + " " + m.GetEndDate().toString());
bookingRows();
try { aa.SetSeen(101, 1); } catch { printLine(error); }
try { aa.Move(101, 1); } catch { printLine(error); }
`,
      booking,
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'Carol Dahl|Carol Dahl\n' +
        'true false\n' +
        '103 2030-05-07 14:30:00 2030-05-07 15:30:00\n' +
        '101 1 2030-05-07 14:30:00 2030-05-07 15:30:00\n' +
        '102 6 2030-05-07 14:30:00 2030-05-07 15:30:00\n' +
        '103 6 2030-05-07 14:30:00 2030-05-07 15:30:00\n' +
        '104 9 2030-05-07 14:30:00 2030-05-07 15:30:00\n' +
        'NSAppointmentAgent.SetSeen: appointment 101 is not an invitation or assignment waiting for an answer\n' +
        'NSAppointmentAgent.Move: the new start time is missing: call Move(appointmentId, newStartTime, updateMode)\n',
    );
  });

  it('takes note of declines, and deletes a booking: the participants\' rows are cancelled until cleaned up', () => {
    const r = run(
      `${BOOKING_ROWS}
NSAppointmentAgent aa;
NSEMailConnectionInfo none;
printLine(aa.AcceptRejected(104, 1).GetAppointmentId().toString() + " " + aa.GetAppointmentEntity(101).GetRejectCounter().toString());
try { aa.AcceptRejected(2, 1); } catch { printLine(error); }
try { aa.Delete(101, 1, true, none, none); } catch { printLine(error); }
try { aa.Delete(4, 1, false, none, none); } catch { printLine(error); }
aa.Delete(101, 1, false, none, none);
printLine(aa.GetAppointmentEntity(101).GetAppointmentId().toString() + " " + aa.GetOrganizerName(102));
bookingRows();
Integer[] ids;
ids.pushBack(102);
ids.pushBack(103);
ids.pushBack(2);
printLine(aa.CleanUpBookingDeleted(ids).toString() + " " + aa.CleanUpRecurringBookingDeleted().toString());
bookingRows();
`,
      booking,
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      '104 0\n' +
        'NSAppointmentAgent.AcceptRejected: appointment 2 has no declined invitation or assignment\n' +
        'NSAppointmentAgent.Delete: the sandbox CRM sends no meeting e-mails, and participants of this booking are to get them (call Delete with sendEmailToParticipants false)\n' +
        'NSAppointmentAgent.Delete: appointment 4 carries document 1 (delete it with NSDocumentAgent.DeleteDocumentEntity)\n' +
        '0 Carol Dahl\n' +
        '102 10 2030-05-06 10:00:00 2030-05-06 11:00:00\n' +
        '103 10 2030-05-06 10:00:00 2030-05-06 11:00:00\n' +
        '104 10 2030-05-06 10:00:00 2030-05-06 11:00:00\n' +
        // the run's user is Ada (1), whose cancelled row 104 goes with CleanUpRecurringBookingDeleted
        '2 1\n',
    );
  });

  it('answers invitations: an accepted booking for the diary goes into the diary; a second decline counts once', () => {
    const r = run(
      `
NSAppointmentAgent aa;
aa.Accept(102, 1);
NSAppointmentEntity e = aa.GetAppointmentEntity(102);
printLine(e.GetCompleted().toString() + " " + e.GetType().toString());
aa.Reject(102, "Ill", 1);
aa.Reject(102, "Still ill", 1);
e = aa.GetAppointmentEntity(102);
printLine(e.GetCompleted().toString() + " " + e.GetRejectReason() + " " + aa.GetAppointmentEntity(101).GetRejectCounter().toString());
`,
      booking,
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe('1 1\n9 Still ill 2\n');
  });

  it('assigns a follow-up to another associate, who sees and declines it; the assigner takes it back', () => {
    const r = run(`
NSAppointmentAgent aa;
NSAppointmentEntity t = aa.CreateDefaultAppointmentEntityByType(2);
t.SetDescription("Call back");
t = aa.SaveAppointmentEntity(t);
Integer id = t.GetAppointmentId();
NSParticipantInfo bob;
bob.SetAssociateId(2);
t = aa.AssignTo(id, bob, 1);
printLine(t.GetAssociate().GetAssociateId().toString() + " " + t.GetAssignedBy().GetAssociateId().toString() + " " + t.GetAssignmentStatus().toString() + " " + t.GetType().toString());
aa.SetSeen(id, 1);
printLine(aa.GetAppointmentEntity(id).GetAssignmentStatus().toString());
aa.Reject(id, "No time", 1);
printLine(aa.GetAppointmentEntity(id).GetAssignmentStatus().toString() + " " + aa.GetAppointmentEntity(id).GetRejectReason());
t = aa.AcceptRejected(id, 1);
printLine(t.GetAssociate().GetAssociateId().toString() + " " + t.GetCompleted().toString() + " " + t.GetType().toString());
t = aa.AssignTo(id, bob, 1);
aa.Accept(id, 1);
t = aa.GetAppointmentEntity(id);
printLine(t.GetAssociate().GetAssociateId().toString() + " " + t.GetCompleted().toString() + " " + t.GetType().toString());
NSParticipantInfo nobody;
try { aa.AssignTo(id, nobody, 1); } catch { printLine(error); }
nobody.SetAssociateId(99);
try { aa.AssignTo(id, nobody, 1); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      '2 1 11 7\n' +
        '12\n' +
        '13 No time\n' +
        '1 1 2\n' +
        '2 1 2\n' +
        'NSAppointmentAgent.AssignTo: the participant names no associate (SetAssociateId)\n' +
        'NSAppointmentAgent.AssignTo: there is no associate with id 99\n',
    );
  });
});

describe('NSAppointmentAgent alarms, conflicts, validation and defaults', () => {
  it('gives the user\'s alarms ahead: own lead times, the default for the others, invitations when asked', () => {
    const r = run(`
NSAppointmentAgent aa;
Integer[] days;
days.pushBack(2);
days.pushBack(1);
days.pushBack(-1);
days.pushBack(3);
days.pushBack(4);
Integer[] ids;
for (Integer i = 0; i < days.length(); i++) {
  NSAppointmentEntity a = aa.CreateDefaultAppointmentEntity();
  DateTime at;
  at.addDay(days[i]);
  a.SetStartDate(at);
  a.SetEndDate(at);
  a.SetHasAlarm(i != 1);
  TimeSpan lead;
  lead.addMin(30);
  a.SetAlarmLeadTime(lead);
  if (i == 3) a.SetCompleted(5);
  if (i == 4) a.SetCompleted(3);
  ids.pushBack(aa.SaveAppointmentEntity(a).GetAppointmentId());
}
printLine(aa.GetAppointmentEntity(ids[0]).GetAlarmLeadTime().toMinutes().toString());
Bool[] flags;
flags.pushBack(false);
flags.pushBack(true);
for (Integer f = 0; f < 2; f++) {
  NSAlarmData[] alarms = aa.GetAlarms(flags[f], flags[f], 10).GetAlarms();
  String line = "";
  for (Integer i = 0; i < alarms.length(); i++)
    for (Integer k = 0; k < ids.length(); k++)
      if (alarms[i].GetAppointmentId() == ids[k]) line = line + "#" + k.toString() + "-" + ((alarms[i].GetStartTime().getUnix() - alarms[i].GetAlarmTime().getUnix()) / 60).toString() + " ";
  printLine(line);
}
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('30\n#0-30 \n#1-10 #0-30 #3-30 \n');
  });

  it('marks the days on which the owner is busy at the appointment\'s time', () => {
    const r = run(`
NSAppointmentAgent aa;
String[] starts;
starts.pushBack("2031-01-06 10:00:00");
starts.pushBack("2031-01-07 10:00:00");
starts.pushBack("2031-01-08 10:00:00");
starts.pushBack("2031-01-10 11:30:00");
for (Integer i = 0; i < starts.length(); i++) {
  NSAppointmentEntity b = aa.CreateDefaultAppointmentEntityByTypeAndAssociate(1, 2);
  DateTime s = starts[i].toDateTime();
  DateTime e = s;
  e.addHour(1);
  b.SetStartDate(s);
  b.SetEndDate(e);
  if (i == 1) b.SetFreeBusy(true);
  if (i == 2) b.SetCompleted(9);
  aa.SaveAppointmentEntity(b);
}
NSAppointmentEntity a = aa.CreateDefaultAppointmentEntityByTypeAndAssociate(1, 2);
a.SetStartDate(String("2031-01-05 10:30:00").toDateTime());
a.SetEndDate(String("2031-01-05 11:30:00").toDateTime());
DateTime[] dates;
for (Integer d = 6; d <= 10; d++) {
  String day = d.toString();
  if (d < 10) day = "0" + day;
  dates.pushBack(String("2031-01-" + day + " 00:00:00").toDateTime());
}
NSRecurrenceDate[] days = aa.ValidateDays(a, dates);
for (Integer i = 0; i < days.length(); i++) printLine(days[i].GetDate().toString() + " " + days[i].GetIsConflict().toString());
NSAppointmentEntity none;
try { aa.ValidateDays(none, dates); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      '2031-01-06 10:30:00 true\n' +
        '2031-01-07 10:30:00 false\n' +
        '2031-01-08 10:30:00 false\n' +
        '2031-01-09 10:30:00 false\n' +
        '2031-01-10 10:30:00 false\n' +
        'NSAppointmentAgent.ValidateDays: the start date (SetStartDate) is required\n',
    );
  });

  it('validates an appointment as SaveAppointmentEntity would, and saves one with Save', () => {
    const r = run(`
NSAppointmentAgent aa;
NSAppointmentEntity a;
NSContact ghost;
ghost.SetContactId(999);
a.SetContact(ghost);
Map m = aa.ValidateAppointmentEntity(a);
for (m.first(); !m.eof(); m.next()) printLine(m.getKey() + ": " + m.getVal());
NSEMailConnectionInfo none;
NSAppointmentEntity ok = aa.CreateDefaultAppointmentEntity();
printLine(aa.ValidateAppointmentEntity(ok).size().toString() + " " + aa.WillSendEmail(ok).toString());
ok.SetDescription("Saved");
ok = aa.Save(ok, 1, true, none, none);
printLine(aa.GetAppointmentEntity(ok.GetAppointmentId()).GetDescription());
NSParticipantInfo p;
p.SetAssociateId(2);
NSParticipantInfo[] ps;
ps.pushBack(p);
ok.SetParticipants(ps);
try { aa.Save(ok, 1, false, none, none); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'Associate: the owner (SetAssociate) is required\n' +
        'Contact: Contact 999 does not exist (there is no contact row with that id)\n' +
        'StartDate: the start date (SetStartDate) is required\n' +
        '0 false\n' +
        'Saved\n' +
        'NSAppointmentAgent.Save: the sandbox CRM makes no invitations of participants (SetParticipants): create them as appointments with SetMotherId\n',
    );
  });

  it('makes a sale\'s re-open reminder at its re-open date, linked to the sale, in its owner\'s diary', () => {
    const r = run(
      `
NSAppointmentAgent aa;
NSAppointmentEntity a = aa.CreateDefaultReOpenAppointment(2);
printLine(a.GetAppointmentId().toString() + " " + a.GetStartDate().toString() + " " + a.GetEndDate().toString() + " " + a.GetAssociate().GetAssociateId().toString());
printLine(a.GetSale().GetSaleId().toString() + " " + a.GetContact().GetContactId().toString() + " " + a.GetPerson().GetPersonId().toString());
a = aa.SaveAppointmentEntity(a);
printLine(aa.GetAppointment(a.GetAppointmentId()).GetSaleName());
try { aa.CreateDefaultReOpenAppointment(99); } catch { printLine(error); }
`,
      (crm) => crm.update('sale', 2, { status: 4, reopenDate: '2030-09-02 09:00:00' }),
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      '0 2030-09-02 09:00:00 2030-09-02 10:00:00 3\n' +
        '2 2 5\n' +
        'Workshop service contract\n' +
        'NSAppointmentAgent.CreateDefaultReOpenAppointment: there is no sale with id 99\n',
    );
  });

  it('knows whose diaries the user may write in, and task list items by id', () => {
    const r = run(`
NSAppointmentAgent aa;
Integer[] ids;
ids.pushBack(2);
ids.pushBack(99);
Bool[] can = aa.GetCanInsertForAssociates(ids);
printLine(can[0].toString() + " " + can[1].toString() + " " + aa.GetTaskListItem(4).GetTaskListItemId().toString() + " " + aa.CreateDefaultTaskListItem().GetTaskListItemId().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('true false 4 0\n');
  });

  it('says what the sandbox lacks: task headings, publishing, e-mail, inbox, UIDs, recurrence patterns', () => {
    const r = run(`
NSAppointmentAgent aa;
DateTime d;
try { aa.GetProjectAppointmentsByTaskHeading(1, d, d, 1, 1); } catch { printLine(error); }
try { aa.GetPublishedProjectAppointments(1); } catch { printLine(error); }
try { aa.AcceptWithEmailConfirmation(1, 1); } catch { printLine(error); }
try { aa.CreateAndAccept(1, 1); } catch { printLine(error); }
try { aa.GetUIDFromAppointmentId(1, false); } catch { printLine(error); }
try { aa.CalculateDays(aa.GetAppointmentEntity(1)); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'NSAppointmentAgent.GetProjectAppointmentsByTaskHeading: the sandbox CRM has no TaskHeadingLink table (which headings group tasks)\n' +
        'NSAppointmentAgent.GetPublishedProjectAppointments: the sandbox CRM has no Publish table (which appointments are published, and when)\n' +
        'NSAppointmentAgent.AcceptWithEmailConfirmation: the sandbox CRM sends no meeting e-mails (Accept and Reject record the answer)\n' +
        'NSAppointmentAgent.CreateAndAccept: the sandbox CRM keeps no inbox e-mails (nor the invitations they carry)\n' +
        'NSAppointmentAgent.GetUIDFromAppointmentId: the sandbox CRM has no Invitation table (the calendar UIDs of invitations)\n' +
        'NSAppointmentAgent.CalculateDays: recurrence patterns are not expanded in the sandbox (the reference leaves their day, week, month and year values undocumented)\n',
    );
  });

  it('has method keys that are all methods of the catalog or of the added signatures', () => {
    const catalog: unknown = JSON.parse(readFileSync(new URL('../../../src/interp/catalog.json', import.meta.url), 'utf8'));
    const classes = (catalog as { classes: Record<string, { members: [string, string, string, string[]][] }> }).classes;
    const name = 'NSAppointmentAgent';
    const known = new Set(classes[name].members.filter((m) => m[0] === 'M').map((m) => `${m[1]}(${m[3].join(',')})`));
    for (const sig of NETSERVER_EXTRA_SIGNATURES[name] ?? []) known.add(sig.replace(/^\S+\s+/, ''));
    const keys = Object.keys(agentClass(name, { name, methods: {} }, []).methods ?? {});
    expect(keys.filter((k) => !known.has(k))).toEqual([]);
    expect(keys).toContain('AssignTo(Integer,NSParticipantInfo,Integer)');
  });
});
