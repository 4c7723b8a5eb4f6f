// NSAppointmentAgent.GetMySyncAppointments: the appointments of the run's user's diary starting in
// a time range (as GetMyAppointments lists them: documents left out, earliest first), each as the
// NSAppointmentSyncData a calendar synchronizer reads — its times, alarm, flags (busy, all day,
// completed, an invitation or assignment waiting for an answer), what it is linked to and, for a
// booking, its participants (the rows of the meeting: the one who owns each row, or the person
// invited from outside, with the answer in ParticipantStatus).
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { dateTimeFromUnix, type CrmDateTime } from '../../time/values.js';
import { db, dateFromDb } from './db.js';
import { col, lookup } from './view.js';
import { make, type Methods } from './define.js';
import { fullName } from './people-views.js';
import { emailRows } from './elements.js';
import { appointments, eq, range } from './appointment-lists.js';

const num = (row: CrmRow | null, column: string): number => Number((row && col(row, column)) ?? 0);
const text = (row: CrmRow | null, column: string): string => String((row && col(row, column)) ?? '');

/** AppointmentStatus: completed; an invitation (5-8 waiting, 9 declined); an assignment (11-13). */
const COMPLETED = 3;
const WAITING_INVITATION = [5, 6, 7, 8];
const INVITATION = [...WAITING_INVITATION, 9];
const ASSIGNMENT = [11, 12, 13];

/** A person's names: first, last, full, and formal (full name with title). */
function personParts(personId: number): { first: string; last: string; middle: string; full: string; formal: string; title: string; contactId: number; row: CrmRow | null } {
  const row = personId ? db().get('person', personId) : null;
  const [first, middle, last, title] = [text(row, 'firstname'), text(row, 'middleName'), text(row, 'lastname'), text(row, 'title')];
  const full = fullName(first, middle, last);
  return { first, last, middle, full, formal: [full, title].filter(Boolean).join(', '), title, contactId: num(row, 'contact_id'), row };
}

function contactParts(contactId: number): { name: string; department: string; full: string } {
  const row = contactId ? db().get('contact', contactId) : null;
  const [name, department] = [text(row, 'name'), text(row, 'department')];
  return { name, department, full: [name, department].filter(Boolean).join(', ') };
}

/** One participant of a booking: the row's owner (an associate's person), or the person invited from outside. */
function participant(row: CrmRow): NSObject {
  const invited = num(row, 'invitedPersonId');
  const personId = invited || num(db().get('associate', num(row, 'associate_id')), 'person_id');
  const p = personParts(personId);
  const contactId = p.contactId || num(row, 'contact_id');
  const c = contactParts(contactId);
  return make('NSParticipantSyncData', {
    PersonId: personId,
    PersonFirstName: p.first,
    PersonMiddleName: p.middle,
    PersonLastname: p.last,
    PersonFullName: p.full,
    PersonFormalName: p.formal,
    PersonTitle: p.title,
    PersonMrmrs: text(p.row, 'mrmrs'),
    ContactId: contactId,
    ContactName: c.name,
    ContactDepartment: c.department,
    ContactFullName: c.full,
    EMail: emailRows(0, personId).map((r) => String(col(r, 'email_address') ?? '')),
    ParticipantStatus: num(row, 'status'),
  });
}

/** The participants of the booking an appointment row belongs to (none for a plain appointment). */
function participants(row: CrmRow, id: number): NSObject[] {
  const mother = num(row, 'mother_id') || id;
  const rows = db().select('appointment', { where: [eq('mother_id', mother)], orderBy: [{ column: 'appointment_id' }] });
  if (!rows.length) return [];
  const motherRow = mother === id ? row : db().get('appointment', mother);
  return [...(motherRow ? [motherRow] : []), ...rows.filter((r) => num(r, 'appointment_id') !== mother)].map(participant);
}

function syncData(a: NSObject): NSObject {
  const id = Number(a.f.AppointmentId);
  const row = db().get('appointment', id)!;
  const status = num(row, 'status');
  const start = dateFromDb(col(row, 'do_by') ?? null);
  const hasAlarm = !!num(row, 'hasAlarm') || num(row, 'alarm') > 0;
  const alarm: CrmDateTime = hasAlarm && !start.isNull ? dateTimeFromUnix(start.unix - num(row, 'alarm') * 60) : dateFromDb(null);
  const person = personParts(num(row, 'person_id'));
  const contact = contactParts(num(row, 'contact_id'));
  return make('NSAppointmentSyncData', {
    AppointmentId: id,
    AppointmentText: a.f.Description ?? '',
    StartDate: start,
    EndDate: dateFromDb(col(row, 'endDate') ?? null),
    HasAlarm: hasAlarm,
    AlarmTime: alarm,
    IsAllDay: num(row, 'alldayEvent') === 1,
    IsBusy: num(row, 'freeBusy') !== 1,
    IsCompleted: status === COMPLETED,
    IsInvitation: INVITATION.includes(status),
    IsTentative: WAITING_INVITATION.includes(status),
    IsAssignment: ASSIGNMENT.includes(status),
    Location: text(row, 'location'),
    ContactId: num(row, 'contact_id'),
    ContactName: contact.name,
    ContactDepartment: contact.department,
    ContactFullName: contact.full,
    PersonId: num(row, 'person_id'),
    PersonFullName: person.full,
    PersonFormalName: person.formal,
    ProjectId: num(row, 'project_id'),
    ProjectName: lookup('project', col(row, 'project_id'), 'name'),
    SaleId: num(row, 'sale_id'),
    SaleName: lookup('sale', col(row, 'sale_id'), 'heading'),
    TaskName: lookup('Task', col(row, 'task_idx'), 'name'),
    Participants: participants(row, id),
  });
}

export const appointmentSync: Methods = {
  'GetMySyncAppointments(DateTime,DateTime)': (_a: unknown, from: CrmDateTime, to: CrmDateTime) =>
    appointments([eq('associate_id', db().actor().associateId), ...range(from, to)]).map(syncData),
};
