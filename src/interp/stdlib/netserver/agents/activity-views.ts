// Follow-ups (appointments) and documents. A document is a document row plus the appointment row
// of type Document that holds its date, owner and links (contact, person, project, sale), as in
// SuperOffice's database.
import type { CrmRow, CrmValue } from '../../../runtime/crm-service.js';
import { removeDocumentFiles } from './document-archive.js';
import { NSObject } from '../object.js';
import { db, dateFromDb, dateToDb, now } from './db.js';
import { col, idOf, listView, loadRef, register, type View } from './view.js';
import { taskListItemView } from './list-entities.js';
import { newNumber } from './number-allocation.js';
import { associateName, fullName, lookup } from './people-views.js';
import { CrmDateTime, CrmTimeSpan, timeSpanOfTotal } from '../../time/values.js';

export const APPOINTMENT_TYPE = { diary: 1, checklist: 2, document: 4 };

const APPOINTMENT_COLS =
  'StartDate=do_by:d EndDate=endDate:d ActiveDate=activeDate:d Type=type:i Completed=status:i Private=private:i Location=location:s RejectReason=rejectReason:s MotherId=mother_id:i ColorIndex=color_index:i HasAlarm=hasAlarm:b CautionWarning=cautionWarning:i JoinVideomeetUrl=join_videomeet_url:s';

export const appointmentView: View = {
  cls: 'NSAppointment',
  table: 'appointment',
  key: 'AppointmentId',
  cols: `${APPOINTMENT_COLS} ContactId=contact_id:i PersonId=person_id:i AssociateId=associate_id:i ProjectId=project_id:i SaleId=sale_id:i PriorityId=priority_idx:i AlldayEvent=alldayEvent:i FreeBusy=freeBusy:i AssignedBy=assignedBy:i CreatedDate=registered:d CreatedByAssociateId=registered_associate_id:i`,
  texts: 'Description=text_id',
  calc: (o, row) => {
    o.f.ContactName = lookup('contact', o.f.ContactId, 'name');
    o.f.PersonFullName = fullName(lookup('person', o.f.PersonId, 'firstname'), lookup('person', o.f.PersonId, 'middleName'), lookup('person', o.f.PersonId, 'lastname'));
    o.f.AssociateFullName = associateName(o.f.AssociateId);
    o.f.AssociateName = lookup('associate', o.f.AssociateId, 'name');
    o.f.ProjectName = lookup('project', o.f.ProjectId, 'name');
    o.f.SaleName = lookup('sale', o.f.SaleId, 'heading');
    o.f.Task = lookup('Task', col(row, 'task_idx'), 'name');
    o.f.TaskType = Number(col(row, 'task_idx') ?? 0);
    o.f.PriorityName = lookup('Priority', o.f.PriorityId, 'name');
    o.f.CreatedByFullName = associateName(o.f.CreatedByAssociateId);
    o.f.AssignedByFullName = associateName(o.f.AssignedBy);
    o.f.IsAlldayEvent = Number(o.f.AlldayEvent) === 1;
    o.f.IsFree = Number(o.f.FreeBusy) === 1;
    o.f.IsRecurrence = Number(col(row, 'recurrenceRuleId') ?? 0) > 0;
    o.f.InvitationStatus = o.f.Completed;
    o.f.RecurringStartDate = o.f.StartDate;
  },
};

/** Spans kept in minutes: the alarm's lead time, the time blocked before the start and after the end. */
const MINUTES: [prop: string, column: string][] = [
  ['AlarmLeadTime', 'alarm'],
  ['LeadTime', 'leadtime'],
  ['LagTime', 'lagTime'],
];

/** A TimeSpan property as whole minutes (0 when unset). */
function minutes(span: unknown): number {
  return span instanceof CrmTimeSpan ? Math.round(span.total / 60) : 0;
}

export const appointmentEntityView: View = {
  cls: 'NSAppointmentEntity',
  table: 'appointment',
  key: 'AppointmentId',
  custom: true,
  cols: `${APPOINTMENT_COLS} AlldayEvent=alldayEvent:b FreeBusy=freeBusy:b IsMileStone=isMilestone:b RejectCounter=rejectCounter:i SuggestedAppointmentId=suggestedAppointmentId:i ActiveLinks=activeLinks:i CentralserviceVideomeetId=centralservice_videomeet_id:s`,
  refs: 'Contact=contact_id>NSContact Person=person_id>NSPerson Associate=associate_id>NSAssociate Project=project_id>NSProject Sale=sale_id>NSSale Task=task_idx>NSTaskListItem Priority=priority_idx>NSPriority InvitedPerson=invitedPersonId>NSPerson AssignedBy=assignedBy>NSAssociate MotherAssociate=mother_associate_id>NSAssociate',
  texts: 'Description=text_id',
  audit: true,
  required: [
    ['Associate', 'the owner (SetAssociate)'],
    ['StartDate', 'the start date (SetStartDate)'],
  ],
  calc: (o, row) => {
    const rule = Number(col(row, 'recurrenceRuleId') ?? 0);
    o.f.Recurrence = new NSObject('NSRecurrenceInfo');
    (o.f.Recurrence as NSObject).f.IsRecurrence = rule > 0;
    (o.f.Recurrence as NSObject).f.RecurrenceId = rule;
    (o.f.Recurrence as NSObject).f.StartDate = o.f.StartDate;
    o.f.IsAlldayEvent = o.f.AlldayEvent;
    o.f.IsFree = o.f.FreeBusy;
    o.f.InvitationStatus = o.f.Completed;
    o.f.AssignmentStatus = Number(o.f.Completed) >= 11 ? o.f.Completed : 0;
    for (const [p, c] of MINUTES) o.f[p] = timeSpanOfTotal(Number(col(row, c) ?? 0) * 60);
  },
  extra: (o): CrmRow => {
    // status holds the completion state, or for an assigned task its assignment state (11–13)
    const assignment = Number(o.f.AssignmentStatus ?? 0);
    const row: CrmRow = { done: o.f.Completed === 3 ? db().now() : null };
    for (const [p, c] of MINUTES) row[c] = minutes(o.f[p]);
    if (assignment >= 11 && o.f.Completed !== 3) row.status = assignment;
    return row;
  },
};

const DOC_LINKS: [string, string][] = [
  ['Contact', 'contact_id'],
  ['Person', 'person_id'],
  ['Project', 'project_id'],
  ['Sale', 'sale_id'],
];

export const documentView: View = {
  cls: 'NSDocument',
  table: 'document',
  key: 'DocumentId',
  cols: 'Name=name:s Header=header:s OurRef=our_ref:s YourRef=your_ref:s Attention=attention:s Snum=snum:i',
  texts: 'Description=text_id',
  calc: (o, row) => {
    const a = linkRow(row);
    o.f.ContactId = Number(a?.contact_id ?? 0);
    o.f.PersonId = Number(a?.person_id ?? 0);
    o.f.AssociateId = Number(a?.associate_id ?? 0);
    o.f.ProjectId = Number(a?.project_id ?? 0);
    o.f.ContactName = lookup('contact', o.f.ContactId, 'name');
    o.f.PersonFullName = fullName(lookup('person', o.f.PersonId, 'firstname'), lookup('person', o.f.PersonId, 'middleName'), lookup('person', o.f.PersonId, 'lastname'));
    o.f.AssociateFullName = associateName(o.f.AssociateId);
    o.f.ProjectName = lookup('project', o.f.ProjectId, 'name');
    o.f.DocumentName = o.f.Name;
    // a document's appointment row keeps its template (DocTmpl) in task_idx
    o.f.DocumentTemplate = lookup('DocTmpl', Number(a?.task_idx ?? 0), 'name');
  },
};

/** The appointment row that carries a document's links (lower-case keys), or null. */
function linkRow(row: CrmRow): Record<string, unknown> | null {
  const id = Number(col(row, 'appointment_id') ?? 0);
  const a = id ? db().get('appointment', id) : null;
  if (!a) return null;
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k.toLowerCase(), v]));
}

export const documentEntityView: View = {
  cls: 'NSDocumentEntity',
  table: 'document',
  key: 'DocumentId',
  custom: true,
  cols: 'Name=name:s Header=header:s OurRef=our_ref:s YourRef=your_ref:s Attention=attention:s Snum=snum:i ExternalRef=extref:s',
  texts: 'Description=text_id',
  audit: true,
  required: [
    ['Header', 'the document heading (SetHeader)'],
    ['Name', 'the file name (SetName)'],
  ],
  extra: (o, old) => newNumber(o, old, 'document', 'snum', 'Snum', idOf(o.f.DocumentTemplate)),
  calc: (o, row) => {
    const a = linkRow(row);
    o.f.Contact = loadRef('NSContact', Number(a?.contact_id ?? 0));
    o.f.Person = loadRef('NSPerson', Number(a?.person_id ?? 0));
    o.f.Associate = loadRef('NSAssociate', Number(a?.associate_id ?? 0));
    o.f.Project = loadRef('NSProject', Number(a?.project_id ?? 0));
    o.f.Sale = loadRef('NSSale', Number(a?.sale_id ?? 0));
    o.f.Date = dateFromDb((a?.do_by ?? null) as CrmValue);
    o.f.Completed = Number(a?.status ?? 0);
    o.f.SuggestedDocumentId = Number(a?.suggesteddocumentid ?? 0);
    o.f.DocumentTemplate = loadRef('NSDocumentTemplate', Number(a?.task_idx ?? 0));
  },
  afterSave: (o, id) => {
    const row = db().get('document', id);
    const apptId = Number(row ? (col(row, 'appointment_id') ?? 0) : 0);
    const values: CrmRow = { document_id: id, type: APPOINTMENT_TYPE.document };
    for (const [p, c] of DOC_LINKS) values[c] = idOf(o.f[p]) || null;
    values.associate_id = idOf(o.f.Associate) || db().actor().associateId;
    // the template (kept in task_idx) and the guide's suggestion the document was made from
    const template = idOf(o.f.DocumentTemplate);
    if (template) values.task_idx = template;
    values.suggestedDocumentId = Number(o.f.SuggestedDocumentId ?? 0) || null;
    const date = o.f.Date instanceof CrmDateTime && !o.f.Date.isNull ? o.f.Date : now();
    values.do_by = dateToDb(date);
    values.status = Number(o.f.Completed ?? 0) || 1;
    if (apptId && db().get('appointment', apptId)) db().update('appointment', apptId, values);
    else {
      const newId = db().insert('appointment', { ...values, registered: db().now(), registered_associate_id: db().actor().associateId });
      db().update('document', id, { appointment_id: newId });
    }
  },
  beforeDelete: (id) => {
    const row = db().get('document', id);
    const apptId = Number(row ? (col(row, 'appointment_id') ?? 0) : 0);
    if (apptId) db().delete('appointment', apptId);
    // and its files in the sandbox's document archive
    removeDocumentFiles(id);
  },
};

register(
  appointmentView,
  appointmentEntityView,
  documentView,
  documentEntityView,
  taskListItemView,
  listView('NSPriority', 'Priority'),
);
