// Sale and project guides: the suggested follow-ups and documents of a sale type's stage or a
// project type's status (SuggestedAppointment, SuggestedDocument, anchored on SaleTypeStageLink /
// ProjectTypeStatusLink), the appointments and documents made from them, and the stages or
// statuses a type has (GetStages: guide-stages.ts).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { dateTimeFromUnix } from '../../time/values.js';
import { db, fail, now } from './db.js';
import { col, loadRef } from './view.js';
import { nextSuggestionRow } from './guide-progress.js';
import { byId, empty, make, saved, type Methods } from './define.js';
import { lookup } from './people-views.js';
import { appointmentEntityView } from './activity-views.js';
import { newAppointment } from './appointment-document.js';
import { me } from './contact-person.js';
import { suggestedAppointmentEntityView, suggestedAppointmentView, suggestedDocumentEntityView } from './guide-views.js';

const num = (row: CrmRow | null, column: string): number => Number(row ? (col(row, column) ?? 0) : 0);
const DAY = 86_400;

/**
 * A new appointment from a guide's suggestion, for a sale or a project: its task, text and
 * milestone flag, `daysFuture` days from now for `duration` minutes (an hour when none), owned by
 * `ownerId` (the user when 0), linked to the suggestion and to the sale (with its company, person
 * and project) or the project. `createNow` saves it at once.
 */
function fromSuggestion(method: string, suggestionId: number, kind: 'sale' | 'project', ownerId: number, targetId: number, createNow: boolean): NSObject {
  const where = `NSAppointmentAgent.${method}`;
  const s = db().get('SuggestedAppointment', suggestionId);
  if (!s) throw fail(where, `there is no suggested appointment with id ${suggestionId}`);
  const target = db().get(kind, targetId);
  if (!target) throw fail(where, `there is no ${kind} with id ${targetId}`);
  const a = newAppointment(undefined, ownerId);
  const start = dateTimeFromUnix(now().unix + num(s, 'daysFuture') * DAY);
  const minutes = num(s, 'duration') || 60;
  Object.assign(a.f, {
    StartDate: start,
    ActiveDate: start,
    EndDate: dateTimeFromUnix(start.unix + minutes * 60),
    Task: loadRef('NSTaskListItem', num(s, 'task_id')),
    Description: String(col(s, 'text') ?? ''),
    IsMileStone: !!num(s, 'isMilestone'),
    SuggestedAppointmentId: suggestionId,
  });
  if (kind === 'sale') {
    a.f.Sale = loadRef('NSSale', targetId);
    a.f.Contact = loadRef('NSContact', num(target, 'contact_id'));
    a.f.Person = loadRef('NSPerson', num(target, 'person_id'));
    a.f.Project = loadRef('NSProject', num(target, 'project_id'));
  } else a.f.Project = loadRef('NSProject', targetId);
  return createNow ? saved('NSAppointmentAgent', method, appointmentEntityView, a) : a;
}

/**
 * The next suggestion of the sale's current stage that no appointment of the sale was made from,
 * in rank order (guide-progress.ts); none (id 0) when every one was, when the sale's type has no
 * such stage, or, unless `skipCompleteCheck`, while the current appointment is not completed.
 */
function nextSuggestion(saleId: number, currentAppointmentId: number, skipCompleteCheck: boolean): NSObject {
  const current = currentAppointmentId ? db().get('appointment', currentAppointmentId) : null;
  if (!skipCompleteCheck && current && num(current, 'status') !== 3) return empty(suggestedAppointmentView);
  const next = nextSuggestionRow('sale', saleId);
  return next ? byId(suggestedAppointmentView, num(next, 'SuggestedAppointment_id')) : empty(suggestedAppointmentView);
}

export const appointmentGuides: Methods = {
  'CreateDefaultAppointmentEntityFromSaleSuggestion(Integer,Integer,Bool,Integer)': (_a: unknown, id: number, saleId: number, createNow: boolean, ownerId: number) =>
    fromSuggestion('CreateDefaultAppointmentEntityFromSaleSuggestion', id, 'sale', ownerId, saleId, createNow),
  'CreateDefaultAppointmentEntityFromProjectSuggestion(Integer,Integer,Bool,Integer)': (_a: unknown, id: number, projectId: number, createNow: boolean, ownerId: number) =>
    fromSuggestion('CreateDefaultAppointmentEntityFromProjectSuggestion', id, 'project', ownerId, projectId, createNow),
  'GetNextSuggestedAppointmentBySale(Integer,Integer,Bool)': (_a: unknown, saleId: number, currentId: number, skip: boolean) => nextSuggestion(saleId, currentId, skip),
  'GetSuggestedAppointment(Integer)': (_a: unknown, id: number) => byId(suggestedAppointmentView, id),
  'GetSuggestedAppointmentEntity(Integer)': (_a: unknown, id: number) => byId(suggestedAppointmentEntityView, id),
  'SaveSuggestedAppointmentEntity(NSSuggestedAppointmentEntity)': (_a: unknown, o: NSObject) =>
    saved('NSAppointmentAgent', 'SaveSuggestedAppointmentEntity', suggestedAppointmentEntityView, o),
  'CreateDefaultSuggestedAppointmentEntity()': () => make('NSSuggestedAppointmentEntity', { SuggestedAppointmentId: 0, Rank: 0, Deleted: false, AutoSuggest: false }),
  // a suggestion meant for a project member (assignToMember), and a project with members to give it to
  'CanAssignToProjectMember(Integer,Integer)': (_a: unknown, projectId: number, suggestionId: number) => {
    const s = db().get('SuggestedAppointment', suggestionId);
    return !!num(s, 'assignToMember') && db().select('projectmember', { where: [{ column: 'project_id', op: '=', value: projectId }], limit: 1 }).length > 0;
  },
};

/** A new document from a guide's suggested document: its template, header (its name when none) and our reference. */
function documentFromSuggestion(id: number): NSObject {
  const s = db().get('SuggestedDocument', id);
  if (!s) throw fail('NSDocumentAgent.CreateDefaultDocumentEntityFromSuggestion', `there is no suggested document with id ${id}`);
  const template = num(s, 'doctmpl_id');
  const header = String(col(s, 'header') ?? '') || String(col(s, 'name') ?? '');
  const file = lookup('DocTmpl', template, 'filename');
  const ext = /\.\w+$/.exec(file)?.[0] ?? '';
  return make('NSDocumentEntity', {
    DocumentId: 0,
    Associate: me(),
    Date: now(),
    Completed: 1,
    Header: header,
    Name: `${header}${ext}`,
    OurRef: String(col(s, 'our_ref') ?? ''),
    DocumentTemplate: loadRef('NSDocumentTemplate', template),
    SuggestedDocumentId: id,
  });
}

export const documentGuides: Methods = {
  'CreateDefaultSuggestedDocumentEntity()': () => make('NSSuggestedDocumentEntity', { SuggestedDocumentId: 0, Rank: 0, Deleted: false }),
  'GetSuggestedDocumentEntity(Integer)': (_a: unknown, id: number) => byId(suggestedDocumentEntityView, id),
  'SaveSuggestedDocumentEntity(NSSuggestedDocumentEntity)': (_a: unknown, o: NSObject) => saved('NSDocumentAgent', 'SaveSuggestedDocumentEntity', suggestedDocumentEntityView, o),
  'CreateDefaultDocumentEntityFromSuggestion(Integer)': (_a: unknown, id: number) => documentFromSuggestion(id),
};

