// NSAppointmentAgent and NSDocumentAgent over the appointment and document tables: the entity
// cycles, getters, UpdateAppointment and defaults (lists, statuses, bookings and the rest are in
// the appointment-*.ts files).
import type { CrmCondition } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { CrmDateTime, dateTimeFromUnix } from '../../time/values.js';
import { db, fail, now } from './db.js';
import { col, load, loadRef, save } from './view.js';
import { byId, byIds, carrierGets, entityCycle, make, type Methods } from './define.js';
import { APPOINTMENT_TYPE, appointmentEntityView, appointmentView, documentEntityView, documentView } from './activity-views.js';
import { me } from './contact-person.js';
import { appointments, eq, range } from './appointment-lists.js';

/** A new, unsaved appointment of a type for an owner (the user when 0): now, for an hour. */
export function newAppointment(type = APPOINTMENT_TYPE.diary, associateId = 0): NSObject {
  const start = now();
  const end = dateTimeFromUnix(start.unix + 3600);
  return make('NSAppointmentEntity', {
    AppointmentId: 0,
    Associate: associateId ? loadRef('NSAssociate', associateId) : me(),
    StartDate: start,
    EndDate: end,
    ActiveDate: start,
    Type: type,
    Completed: 1,
  });
}

export const appointmentAgent: Methods = {
  ...entityCycle('NSAppointmentAgent', 'Appointment', appointmentEntityView, () => newAppointment()),
  ...carrierGets('Appointment', appointmentView),
  'CreateDefaultAppointmentEntityByType(Integer)': (_a: unknown, type: number) => newAppointment(type),
  'CreateDefaultAppointmentEntityByTypeAndAssociate(Integer,Integer)': (_a: unknown, type: number, associateId: number) => newAppointment(type, associateId),
  'GetAppointmentRecords(Integer,Integer)': (_a: unknown, appointmentId: number, recurrenceId: number) => {
    if (recurrenceId) return appointments([eq('recurrenceRuleId', recurrenceId)]);
    if (!appointmentId) return [];
    return [byId(appointmentView, appointmentId), ...appointments([eq('mother_id', appointmentId)])].filter((a) => Number(a.f.AppointmentId));
  },
  'UpdateAppointment(Integer,DateTime,DateTime,Integer,Integer,Integer)': (_a: unknown, id: number, start: CrmDateTime, end: CrmDateTime, status: number, type: number, associateId: number) => {
    const a = load(appointmentEntityView, id);
    if (!a) throw fail('NSAppointmentAgent.UpdateAppointment', `there is no appointment with id ${id}`);
    Object.assign(a.f, { StartDate: start, EndDate: end, Completed: status, Type: type });
    if (associateId) a.f.Associate = loadRef('NSAssociate', associateId);
    save(appointmentEntityView, a, 'NSAppointmentAgent.UpdateAppointment');
    return byId(appointmentView, id);
  },
  'CreateDefaultRecurrence()': () => make('NSRecurrenceInfo', { StartDate: now(), Pattern: 1, RecurrenceEndType: 2, RecurrenceCounter: 1, IsRecurrence: false }),
  'CreateDefaultRecurrenceByDate(DateTime)': (_a: unknown, d: CrmDateTime) => make('NSRecurrenceInfo', { StartDate: d, Pattern: 1, RecurrenceEndType: 2, RecurrenceCounter: 1, IsRecurrence: false }),
};

function newDocument(): NSObject {
  return make('NSDocumentEntity', { DocumentId: 0, Associate: me(), Date: now(), Completed: 1 });
}

export const documentAgent: Methods = {
  ...entityCycle('NSDocumentAgent', 'Document', documentEntityView, newDocument),
  ...carrierGets('Document', documentView),
  // the reference's shortened signature: the company and the most documents to return (0 or -1: all)
  'GetContactDocuments(Integer,Integer)': (_a: unknown, contactId: number, count: number) => documentsWhere('contact_id', contactId, [], count),
  // dated from..to (the document's date), at most `count` (0: all)
  'GetContactDocuments(Integer,DateTime,DateTime,Integer)': (_a: unknown, contactId: number, from: CrmDateTime, to: CrmDateTime, count: number) =>
    documentsWhere('contact_id', contactId, range(from, to), count),
  'GetPersonDocuments(Integer)': (_a: unknown, personId: number) => documentsWhere('person_id', personId),
  'GetProjectDocuments(Integer,Integer)': (_a: unknown, projectId: number, count: number) => documentsWhere('project_id', projectId, [], count),
  'GetProjectDocuments(Integer,DateTime,DateTime,Integer)': (_a: unknown, projectId: number, from: CrmDateTime, to: CrmDateTime, count: number) =>
    documentsWhere('project_id', projectId, range(from, to), count),
  'GetSaleDocuments(Integer)': (_a: unknown, saleId: number) => documentsWhere('sale_id', saleId),
  'GetAppointmentDocuments(Integer)': (_a: unknown, appointmentId: number) => documentsWhere('appointment_id', appointmentId),
  'RenameDocument(Integer,String)': (_a: unknown, id: number, name: string) => {
    if (!db().get('document', id)) throw fail('NSDocumentAgent.RenameDocument', `there is no document with id ${id}`);
    db().update('document', id, { name });
    return name;
  },
};

/** Documents whose appointment row links to the given contact, person, project or sale, by date. */
function documentsWhere(column: string, id: number, more: CrmCondition[] = [], count = 0): NSObject[] {
  const ids = db()
    .select('appointment', { where: [eq(column, id), eq('type', APPOINTMENT_TYPE.document), ...more], orderBy: [{ column: 'do_by' }, { column: 'appointment_id' }], limit: count > 0 ? count : undefined })
    .map((r) => Number(col(r, 'document_id') ?? 0));
  return byIds(documentView, ids);
}
