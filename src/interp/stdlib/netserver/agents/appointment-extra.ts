// NSAppointmentAgent beyond the entity cycle, the lists, the statuses and the bookings: Save,
// validation, a sale's re-open reminder, alarms, conflicts on given days, whose diaries the user
// may write in, task list items by id, guides (suggested appointments: guides.ts); publishing,
// which the sandbox does not have.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { CrmDateTime, dateTimeFromUnix, makeDateTime } from '../../time/values.js';
import { db, dateFromDb, dateToDb, fail, fromDb, now } from './db.js';
import { col, idOf, loadRef } from './view.js';
import { byId, lacking, make, saved, validation, type Methods } from './define.js';
import { appointmentEntityView, appointmentView } from './activity-views.js';
import { taskListItems, taskListItemView } from './list-entities.js';
import { newAppointment } from './appointment-document.js';
import { appointmentGuides } from './guides.js';

const AGENT = 'NSAppointmentAgent';

const num = (row: CrmRow, column: string): number => Number(col(row, column) ?? 0);
/** Declined or cancelled invitations and declined assignments: nobody will attend them. */
const DROPPED = new Set([9, 10, 13]);
/** Types of appointments with a time in a diary: in the diary, and bookings for it. */
const TIMED = new Set([1, 6]);
/** Types an alarm can ring for: diary and task-list appointments and the bookings for them. */
const ALARMED = new Set([1, 2, 6, 7]);

/** A sale's reminder to re-open it: at its re-open date (now when it has none), in its owner's diary, linked to it and its company, person and project. */
function reOpenAppointment(saleId: number): NSObject {
  const sale = db().get('sale', saleId);
  if (!sale) throw fail(`${AGENT}.CreateDefaultReOpenAppointment`, `there is no sale with id ${saleId}`);
  const a = newAppointment(undefined, num(sale, 'associate_id'));
  const reopen = dateFromDb(col(sale, 'reopenDate') ?? null);
  if (!reopen.isNull) {
    const length = (a.f.EndDate as CrmDateTime).unix - (a.f.StartDate as CrmDateTime).unix;
    Object.assign(a.f, { StartDate: reopen, ActiveDate: reopen, EndDate: dateTimeFromUnix(reopen.unix + length) });
  }
  // how NetServer words the stalled reason (ReasonStalled) into the reminder is not documented: the description stays empty
  a.f.Sale = loadRef('NSSale', saleId);
  a.f.Contact = loadRef('NSContact', num(sale, 'contact_id'));
  a.f.Person = loadRef('NSPerson', num(sale, 'person_id'));
  a.f.Project = loadRef('NSProject', num(sale, 'project_id'));
  return a;
}

/**
 * The user's alarms: appointments still ahead with an alarm (hasAlarm; its lead time in minutes
 * is the alarm column, else the default), with `includeAll` the others too at the default lead
 * time, with `includeInvitations` the invitations and assignments waiting for an answer;
 * completed, hidden, declined and cancelled ones ring no more. Earliest alarm first. The sandbox
 * has no alarm settings: the polling interval and silence are 0.
 */
function alarms(includeInvitations: boolean, includeAll: boolean, defaultLead: number): NSObject {
  const rows = db().select('appointment', {
    where: [
      { column: 'associate_id', op: '=', value: db().actor().associateId },
      { column: 'do_by', op: '>=', value: dateToDb(now()) ?? '' },
    ],
    orderBy: [{ column: 'do_by' }, { column: 'appointment_id' }],
  });
  const list: NSObject[] = [];
  for (const r of rows) {
    const status = num(r, 'status');
    if (!ALARMED.has(num(r, 'type')) || status === 3 || status === 4 || DROPPED.has(status)) continue;
    if (!includeInvitations && ((status >= 5 && status <= 8) || status >= 11)) continue;
    const own = fromDb(col(r, 'hasAlarm'), 'b');
    if (!own && !includeAll) continue;
    const lead = own && col(r, 'alarm') !== null && col(r, 'alarm') !== undefined ? num(r, 'alarm') : defaultLead;
    const a = byId(appointmentView, num(r, 'appointment_id'));
    const start = a.f.StartDate as CrmDateTime;
    list.push(
      make('NSAlarmData', {
        AlarmTime: dateTimeFromUnix(start.unix - lead * 60),
        AppointmentId: a.f.AppointmentId,
        AppointmentText: a.f.Description,
        AppointmentType: a.f.Type,
        InvitationStatus: a.f.InvitationStatus,
        AssignmentStatus: status >= 11 ? status : 0,
        StartTime: start,
        EndDate: a.f.EndDate,
        Location: a.f.Location,
        ContactId: a.f.ContactId,
        ContactName: a.f.ContactName,
        PersonId: a.f.PersonId,
        PersonFullName: a.f.PersonFullName,
        ProjectId: a.f.ProjectId,
        ProjectName: a.f.ProjectName,
        SaleId: a.f.SaleId,
        SaleName: a.f.SaleName,
        TaskName: a.f.Task,
      }),
    );
  }
  const at = (o: NSObject): number => (o.f.AlarmTime as CrmDateTime).unix;
  list.sort((x, y) => at(x) - at(y) || Number(x.f.AppointmentId) - Number(y.f.AppointmentId));
  return make('NSMultiAlarmData', { Alarms: list, PollingInterval: 0, SilentAfter: 0 });
}

/** Whether [a1, a2) and [b1, b2) meet; a span of no length meets one that holds its moment. */
function overlaps(a1: number, a2: number, b1: number, b2: number): boolean {
  if (a1 === a2 && b1 === b2) return a1 === b1;
  if (a1 === a2) return b1 <= a1 && a1 < b2;
  if (b1 === b2) return a1 <= b1 && b1 < a2;
  return a1 < b2 && b1 < a2;
}

/**
 * The appointment's time of day and length on each of the dates, each marked as a conflict when
 * its owner's diary has a busy appointment then (not free, not declined or cancelled; the
 * appointment itself left out).
 */
function validateDays(o: NSObject, dates: unknown): NSObject[] {
  const where = `${AGENT}.ValidateDays`;
  if (!(o instanceof NSObject)) throw fail(where, 'no appointment to check');
  const start = o.f.StartDate;
  if (!(start instanceof CrmDateTime) || start.isNull) throw fail(where, 'the start date (SetStartDate) is required');
  const end = o.f.EndDate instanceof CrmDateTime && !o.f.EndDate.isNull && o.f.EndDate.unix > start.unix ? o.f.EndDate : start;
  const length = end.unix - start.unix;
  const self = Number(o.f.AppointmentId ?? 0);
  const busy = db()
    .select('appointment', { where: [{ column: 'associate_id', op: '=', value: idOf(o.f.Associate) || db().actor().associateId }] })
    .filter((r) => num(r, 'appointment_id') !== self && TIMED.has(num(r, 'type')) && !DROPPED.has(num(r, 'status')) && num(r, 'freeBusy') !== 1)
    .map((r) => {
      const from = dateFromDb(col(r, 'do_by') ?? null);
      const to = dateFromDb(col(r, 'endDate') ?? null);
      return { from: from.unix, to: to.isNull || to.unix < from.unix ? from.unix : to.unix, dated: !from.isNull };
    })
    .filter((b) => b.dated);
  return (Array.isArray(dates) ? dates : []).map((d: CrmDateTime) => {
    if (d.isNull) return make('NSRecurrenceDate', { Date: d, IsConflict: false, Description: '', DescriptionStyleHint: '', Tooltip: '' });
    const at = makeDateTime(d.year, d.month, d.day, start.hour, start.minute, start.second);
    const conflict = busy.some((b) => overlaps(at.unix, at.unix + length, b.from, b.to));
    return make('NSRecurrenceDate', { Date: at, IsConflict: conflict, Description: '', DescriptionStyleHint: '', Tooltip: '' });
  });
}

const PUBLISHING = ['GetMyPublishedAppointments()', 'GetPublishedAppointment(Integer)', 'GetPublishedAppointments(Integer[])', 'GetPublishedProjectAppointments(Integer)'];

export const appointmentExtra: Methods = {
  // a booking saved as any appointment: the sandbox makes no invitations of participants and sends no e-mail
  'Save(NSAppointmentEntity,Integer,Bool,NSEMailConnectionInfo,NSEMailConnectionInfo)': (_a: unknown, o: NSObject) => {
    if (o instanceof NSObject && Array.isArray(o.f.Participants) && o.f.Participants.length)
      throw fail(`${AGENT}.Save`, 'the sandbox CRM makes no invitations of participants (SetParticipants): create them as appointments with SetMotherId');
    return saved(AGENT, 'Save', appointmentEntityView, o);
  },
  'Save(Integer,Bool)': () => {
    throw fail(`${AGENT}.Save`, 'the appointment to save is missing: call Save(appointmentEntity, updateMode, sendEmailToParticipants, smtp, imap)');
  },
  // no save of the sandbox sends e-mail
  'WillSendEmail(NSAppointmentEntity)': () => false,
  'ValidateAppointmentEntity(NSAppointmentEntity)': (_a: unknown, o: NSObject) => validation(AGENT, 'ValidateAppointmentEntity', appointmentEntityView, o),
  'CreateDefaultReOpenAppointment(Integer)': (_a: unknown, saleId: number) => reOpenAppointment(saleId),
  'GetAlarms(Bool,Bool,Integer)': (_a: unknown, invitations: boolean, all: boolean, lead: number) => alarms(invitations, all, lead),
  'ValidateDays(NSAppointmentEntity,DateTime[])': (_a: unknown, o: NSObject, dates: unknown) => validateDays(o, dates),
  // the sandbox has no diary rights: the user may write in the diary of every associate there is
  'GetCanInsertForAssociates(Integer[])': (_a: unknown, ids: unknown) => (Array.isArray(ids) ? ids : []).map((id) => !!db().get('associate', Number(id))),
  // a task list item by id (an id with no Task row carries just its id, so SetTask stores it)
  'GetTaskListItem(Integer)': (_a: unknown, id: number) => loadRef('NSTaskListItem', id),
  'CreateDefaultTaskListItem()': () => make('NSTaskListItem', { TaskListItemId: 0 }),
  'GetTaskListItems(Bool)': (_a: unknown, includeDeleted: boolean) => taskListItems(includeDeleted),
  'SaveTaskListItem(NSTaskListItem)': (_a: unknown, o: NSObject) => saved(AGENT, 'SaveTaskListItem', taskListItemView, o),
  ...appointmentGuides,
  ...lacking(AGENT, 'the sandbox CRM has no Publish table (which appointments are published, and when)', PUBLISHING),
  ...lacking(AGENT, "recurrence patterns are not expanded in the sandbox (the reference leaves their day, week, month and year values undocumented)", ['CalculateDays(NSAppointmentEntity)']),
};
