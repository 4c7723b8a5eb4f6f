// NSAppointmentAgent: bookings and assignments. A booking is a meeting appointment (the mother)
// with a row per participant whose mother_id points to it; a participant's row carries the
// answer in its status (5 invited, 6 moved, 7 seen, 8 moved and seen, 9 declined, 10 cancelled).
// An assignment is an appointment put in someone else's diary: status 11 assigned, 12 seen, 13
// declined, with assignedBy the associate who assigned it. Both mother and participant ids are
// accepted where NetServer accepts them. The sandbox has no recurrence rules, so an update mode
// changes only the rows of the one booking; it sends no e-mail.
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import type { CrmDateTime } from '../../time/values.js';
import { dateTimeFromUnix } from '../../time/values.js';
import { db, dateFromDb, dateToDb, fail, fromDb } from './db.js';
import { col, remove, updateChanged } from './view.js';
import { byId, lacking, type Methods } from './define.js';
import { appointmentEntityView } from './activity-views.js';
import { associateName } from './people-views.js';

const AGENT = 'NSAppointmentAgent';

/** AppointmentStatus values of bookings and assignments. */
const STATUS = { notStarted: 1, started: 2, invited: 5, moved: 6, seen: 7, movedSeen: 8, declined: 9, cancelled: 10, assigned: 11, assignmentSeen: 12, assignmentDeclined: 13 };
const INVITED = [STATUS.invited, STATUS.moved, STATUS.seen, STATUS.movedSeen, STATUS.declined];
const ASSIGNED = [STATUS.assigned, STATUS.assignmentSeen, STATUS.assignmentDeclined];
/** A booking's type until it is accepted (for the diary, for the task list), and what it becomes. */
const ACCEPTED_TYPE: Record<number, number> = { 6: 1, 7: 2 };
const PENDING_TYPE: Record<number, number> = { 1: 6, 2: 7 };

const num = (row: CrmRow, column: string): number => Number(col(row, column) ?? 0);

function rowOf(where: string, id: number): CrmRow {
  const row = db().get('appointment', id);
  if (!row) throw fail(where, `there is no appointment with id ${id}`);
  return row;
}

/** The id of the booking's mother: the row's mother_id, or the row itself. */
const motherOf = (row: CrmRow, id: number): number => num(row, 'mother_id') || id;

/** The participants' rows of a booking (its mother left out). */
function participants(motherId: number): CrmRow[] {
  return db()
    .select('appointment', { where: [{ column: 'mother_id', op: '=', value: motherId }], orderBy: [{ column: 'appointment_id' }] })
    .filter((r) => num(r, 'appointment_id') !== motherId);
}

const entity = (id: number): NSObject => byId(appointmentEntityView, id);

/** Accept and Reject: the answer of an invited participant or of the associate a task is assigned to. */
export function answer(where: string, id: number, accept: boolean, reason?: string): void {
  const row = rowOf(where, id);
  const status = num(row, 'status');
  // a participant who accepted may still decline
  const participant = num(row, 'mother_id') !== 0 && num(row, 'mother_id') !== id;
  const invited = INVITED.includes(status) || (!accept && participant && (status === STATUS.notStarted || status === STATUS.started));
  if (!invited && !ASSIGNED.includes(status)) throw fail(where, `appointment ${id} is not an invitation or assignment waiting for an answer`);
  const values: CrmRow = {};
  if (accept) {
    values.status = STATUS.notStarted;
    values.type = ACCEPTED_TYPE[num(row, 'type')] ?? num(row, 'type');
  } else {
    values.status = invited ? STATUS.declined : STATUS.assignmentDeclined;
    if (reason !== undefined) values.rejectReason = reason;
  }
  updateChanged('appointment', id, row, values);
  // the meeting counts its participants' declines
  const mother = num(row, 'mother_id');
  if (invited && !accept && status !== STATUS.declined && mother && mother !== id) {
    const m = db().get('appointment', mother);
    if (m) db().update('appointment', mother, { rejectCounter: num(m, 'rejectCounter') + 1 });
  }
}

/** Moves a booking (all its rows) or an appointment to a new start, keeping its length; participants are asked again. */
function move(id: number, start: CrmDateTime): NSObject {
  const where = `${AGENT}.Move`;
  const row = rowOf(where, id);
  const motherId = motherOf(row, id);
  const mother = motherId === id ? row : rowOf(where, motherId);
  const from = dateFromDb(col(mother, 'do_by') ?? null);
  if (from.isNull) throw fail(where, `appointment ${motherId} has no start time to move from`);
  if (start.isNull) throw fail(where, 'the new start time is empty');
  const delta = start.unix - from.unix;
  if (!delta) return entity(id);
  const shift = (v: CrmRow[string] | undefined): CrmRow[string] => {
    const d = dateFromDb(v ?? null);
    return d.isNull ? null : dateToDb(dateTimeFromUnix(d.unix + delta));
  };
  const rows: [number, CrmRow][] = [[motherId, mother], ...participants(motherId).map((r): [number, CrmRow] => [num(r, 'appointment_id'), r])];
  for (const [rid, r] of rows) {
    const values: CrmRow = { do_by: shift(col(r, 'do_by')), endDate: shift(col(r, 'endDate')), activeDate: shift(col(r, 'activeDate')) };
    const status = num(r, 'status');
    if (rid !== motherId && status !== STATUS.declined && status !== STATUS.cancelled) values.status = STATUS.moved;
    updateChanged('appointment', rid, r, values);
  }
  return entity(id);
}

/** Deletes an appointment; deleting a booking's mother cancels it for the participants (status 10), whose rows stay until cleaned up. */
function deleteBooking(id: number, sendEmail: boolean): void {
  const where = `${AGENT}.Delete`;
  const row = rowOf(where, id);
  const documentId = num(row, 'document_id');
  if (documentId) throw fail(where, `appointment ${id} carries document ${documentId} (delete it with NSDocumentAgent.DeleteDocumentEntity)`);
  if (motherOf(row, id) === id) {
    const rows = participants(id);
    if (sendEmail && rows.some((r) => fromDb(col(r, 'SendEmail'), 'b'))) throw fail(where, 'the sandbox CRM sends no meeting e-mails, and participants of this booking are to get them (call Delete with sendEmailToParticipants false)');
    // the participants' rows keep who organized the meeting
    const values: CrmRow = { status: STATUS.cancelled, mother_associate_id: num(row, 'associate_id') };
    for (const r of rows) updateChanged('appointment', num(r, 'appointment_id'), r, values);
  }
  remove(appointmentEntityView, id);
}

/** Deletes the rows among `rows` that are cancelled bookings; returns how many. */
function cleanUp(rows: CrmRow[]): number {
  let n = 0;
  for (const r of rows) if (num(r, 'status') === STATUS.cancelled && remove(appointmentEntityView, num(r, 'appointment_id'))) n++;
  return n;
}

/** Gives an appointment to another associate: it waits in their diary as an assignment (11) until they accept it. */
function assign(id: number, participant: NSObject): NSObject {
  const where = `${AGENT}.AssignTo`;
  const row = rowOf(where, id);
  const to = Number(participant?.f?.AssociateId ?? 0);
  if (!to) throw fail(where, 'the participant names no associate (SetAssociateId)');
  if (!db().get('associate', to)) throw fail(where, `there is no associate with id ${to}`);
  const owner = num(row, 'associate_id');
  if (to === owner) return entity(id);
  const type = num(row, 'type');
  updateChanged('appointment', id, row, { associate_id: to, assignedBy: owner, status: STATUS.assigned, type: PENDING_TYPE[type] ?? type });
  return entity(id);
}

/** The assigner takes back a declined assignment; the organizer of a booking takes note of its declines (the count goes to 0). */
function acceptRejected(id: number): NSObject {
  const where = `${AGENT}.AcceptRejected`;
  const row = rowOf(where, id);
  if (num(row, 'status') === STATUS.assignmentDeclined) {
    const back = num(row, 'assignedBy');
    if (!back) throw fail(where, `appointment ${id} has no associate who assigned it (assignedBy)`);
    const type = num(row, 'type');
    updateChanged('appointment', id, row, { associate_id: back, status: STATUS.notStarted, type: ACCEPTED_TYPE[type] ?? type });
    return entity(id);
  }
  const motherId = motherOf(row, id);
  const mother = motherId === id ? row : rowOf(where, motherId);
  const declined = num(mother, 'rejectCounter') > 0 || participants(motherId).some((r) => num(r, 'status') === STATUS.declined);
  if (!declined) throw fail(where, `appointment ${id} has no declined invitation or assignment`);
  if (num(mother, 'rejectCounter')) db().update('appointment', motherId, { rejectCounter: 0 });
  return entity(id);
}

/** Marks an invitation or assignment as seen by the one it waits for. */
function setSeen(id: number): void {
  const where = `${AGENT}.SetSeen`;
  const row = rowOf(where, id);
  const seen: Record<number, number> = { [STATUS.invited]: STATUS.seen, [STATUS.moved]: STATUS.movedSeen, [STATUS.assigned]: STATUS.assignmentSeen };
  const status = num(row, 'status');
  if ([STATUS.seen, STATUS.movedSeen, STATUS.assignmentSeen].includes(status)) return;
  if (!seen[status]) throw fail(where, `appointment ${id} is not an invitation or assignment waiting for an answer`);
  updateChanged('appointment', id, row, { status: seen[status] });
}

/** The organizer of a booking: the owner of its mother (for a participant's row, mother_associate_id when the mother is gone). */
function organizer(id: number): string {
  const row = rowOf(`${AGENT}.GetOrganizerName`, id);
  const motherId = motherOf(row, id);
  const mother = motherId === id ? row : db().get('appointment', motherId);
  return associateName(mother ? num(mother, 'associate_id') : num(row, 'mother_associate_id'));
}

const EMAIL_ANSWERS = [
  'AcceptWithEmailConfirmation(Integer,Integer)',
  'AcceptWithSmtpEmailConfirmation(Integer,Integer,NSEMailConnectionInfo)',
  'RejectWithEmailConfirmation(Integer,String,Integer)',
  'RejectWithSmtpEmailConfirmation(Integer,String,Integer)',
  'RejectWithSmtpEmailConfirmation(Integer,String,Integer,NSEMailConnectionInfo)',
];
const INBOX = ['CreateAndAccept(Integer,Integer)', 'CreateAndAcceptWithEmailConfirmation(Integer,Integer)', 'DeclineInvitationFromEmailItem(Integer,String)'];
const UIDS = ['CreateAppointmentForUID(NSAppointmentEntity,String)', 'GetAppointmentFromUID(String)', 'GetUIDFromAppointmentId(Integer,Bool)', 'UpdateAppointmentFromIcsResponse(String,NSStream)'];

export const appointmentBookings: Methods = {
  'Accept(Integer,Integer)': (_a: unknown, id: number) => answer(`${AGENT}.Accept`, id, true),
  'Reject(Integer,String,Integer)': (_a: unknown, id: number, reason: string) => answer(`${AGENT}.Reject`, id, false, reason),
  'SetSeen(Integer,Integer)': (_a: unknown, id: number) => setSeen(id),
  'AcceptRejected(Integer,Integer)': (_a: unknown, id: number) => acceptRejected(id),
  'AssignTo(Integer,NSParticipantInfo,Integer)': (_a: unknown, id: number, participant: NSObject) => assign(id, participant),
  'Move(Integer,DateTime,Integer)': (_a: unknown, id: number, start: CrmDateTime) => move(id, start),
  'Move(Integer,Integer)': () => {
    throw fail(`${AGENT}.Move`, 'the new start time is missing: call Move(appointmentId, newStartTime, updateMode)');
  },
  'Delete(Integer,Integer,Bool,NSEMailConnectionInfo,NSEMailConnectionInfo)': (_a: unknown, id: number, _mode: number, sendEmail: boolean) => deleteBooking(id, sendEmail),
  'CleanUpBookingDeleted(Integer[])': (_a: unknown, ids: unknown) =>
    cleanUp((Array.isArray(ids) ? ids : []).map((id) => db().get('appointment', Number(id))).filter((r): r is CrmRow => !!r)),
  'CleanUpRecurringBookingDeleted()': () => cleanUp(db().select('appointment', { where: [{ column: 'associate_id', op: '=', value: db().actor().associateId }] })),
  'GetOrganizerName(Integer)': (_a: unknown, id: number) => organizer(id),
  'GetAppointmentHaveParticipantsWithEmail(Integer)': (_a: unknown, id: number) => {
    const row = rowOf(`${AGENT}.GetAppointmentHaveParticipantsWithEmail`, id);
    return participants(motherOf(row, id)).some((r) => fromDb(col(r, 'SendEmail'), 'b'));
  },
  ...lacking(AGENT, 'the sandbox CRM sends no meeting e-mails (Accept and Reject record the answer)', EMAIL_ANSWERS),
  ...lacking(AGENT, 'the sandbox CRM keeps no inbox e-mails (nor the invitations they carry)', INBOX),
  ...lacking(AGENT, 'the sandbox CRM has no Invitation table (the calendar UIDs of invitations)', UIDS),
};
