// How far a sale or project has come in its guide: whether its type has a guide, the type's
// stages (SaleTypeStageLink) or statuses (ProjectTypeStatusLink) in rank order, the stage after
// the current one, the guide items (SuggestedAppointment, SuggestedDocument) of the current stage
// and which of them have been done. NSSaleAgent, NSProjectAgent and NSAppointmentAgent ask these.
//
// What the reference leaves open, as this sandbox answers it (after SuperOffice's guide docs):
// - a sale or project has a guide when its type has one (SaleType/ProjType.hasGuide);
// - a stage is deleted when its Prob/ProjStatus row is, or its link row is (or is gone);
// - a guide item was done for a sale/project when an appointment made from the suggestion
//   (appointment.suggestedAppointmentId) belongs to it and is completed (status 3), and, for a
//   suggested document, when a document made from it (its appointment row's
//   suggestedDocumentId) belongs to it: a document is done once written.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db } from './db.js';
import { col } from './view.js';

export type GuideKind = 'sale' | 'project';

const KINDS = {
  sale: { table: 'sale', type: 'saleType_id', stage: 'probability_idx', typeTable: 'SaleType', link: 'SaleTypeStageLink', linkType: 'saleType_id', linkStage: 'stageId', stageTable: 'Prob', anchor: 'saleTypeStageLinkId', owner: 'sale_id' },
  project: { table: 'project', type: 'type_idx', stage: 'status_idx', typeTable: 'ProjType', link: 'ProjectTypeStatusLink', linkType: 'projType_id', linkStage: 'projStatus_id', stageTable: 'ProjStatus', anchor: 'projectTypeStatusLinkId', owner: 'project_id' },
} as const;

const num = (row: CrmRow | null | undefined, column: string): number => Number(row ? (col(row, column) ?? 0) : 0);
const COMPLETED = 3;

export interface GuideStage {
  link: number;
  stage: number;
  deleted: boolean;
}

/** The sale or project row, null when there is none. */
export function guideTarget(kind: GuideKind, id: number): CrmRow | null {
  return id ? db().get(KINDS[kind].table, id) : null;
}

/** A flag (hasGuide, isAutoAdvance) of the sale's or project's type; false without a type. */
export function typeFlag(kind: GuideKind, target: CrmRow | null, flag: 'hasGuide' | 'isAutoAdvance'): boolean {
  const k = KINDS[kind];
  const typeId = num(target, k.type);
  return !!typeId && !!num(db().get(k.typeTable, typeId), flag);
}

/** The stages (statuses) of a sale (project) type in the links' rank order, deleted ones marked. */
export function typeStageLinks(kind: GuideKind, typeId: number): GuideStage[] {
  const k = KINDS[kind];
  if (!typeId) return [];
  return db()
    .select(k.link, { where: [{ column: k.linkType, op: '=', value: typeId }] })
    .sort((a, b) => num(a, 'rank') - num(b, 'rank') || num(a, `${k.link}_id`) - num(b, `${k.link}_id`))
    .map((r) => {
      const stage = num(r, k.linkStage);
      const row = stage ? db().get(k.stageTable, stage) : null;
      return { link: num(r, `${k.link}_id`), stage, deleted: !!num(r, 'deleted') || !row || !!num(row, 'deleted') };
    });
}

/** The link of the sale's (project's) type and current stage (status), 0 when the type does not have it. */
export function currentStageLink(kind: GuideKind, target: CrmRow | null): number {
  const k = KINDS[kind];
  const stage = num(target, k.stage);
  return typeStageLinks(kind, num(target, k.type)).find((s) => s.stage === stage)?.link ?? 0;
}

/**
 * The stage (status) the sale (project) goes on to: its current one when `includeCurrent` and
 * that stage is not deleted, else the first stage that is not deleted after the current one in
 * its type's rank order (from the first when its type does not have the current stage); 0 when
 * there is none.
 */
export function nextStage(kind: GuideKind, target: CrmRow | null, includeCurrent: boolean): number {
  if (!target) return 0;
  const k = KINDS[kind];
  const current = num(target, k.stage);
  const stages = typeStageLinks(kind, num(target, k.type));
  const at = stages.findIndex((s) => s.stage === current);
  if (includeCurrent && current) {
    const row = db().get(k.stageTable, current);
    const linkDeleted = at >= 0 && stages[at].deleted;
    if (row && !num(row, 'deleted') && !linkDeleted) return current;
  }
  return stages.slice(at + 1).find((s) => !s.deleted)?.stage ?? 0;
}

/** The suggestions (not deleted) anchored on a stage link, in rank order. */
export function guideItems(kind: GuideKind, table: 'SuggestedAppointment' | 'SuggestedDocument', link: number): CrmRow[] {
  if (!link) return [];
  return db()
    .select(table, { where: [{ column: KINDS[kind].anchor, op: '=', value: link }] })
    .filter((r) => !num(r, 'deleted'))
    .sort((a, b) => num(a, 'rank') - num(b, 'rank') || num(a, `${table}_id`) - num(b, `${table}_id`));
}

/** The appointment rows (follow-ups and documents' rows) of a sale or project. */
export function ownActivities(kind: GuideKind, id: number): CrmRow[] {
  return id ? db().select('appointment', { where: [{ column: KINDS[kind].owner, op: '=', value: id }] }) : [];
}

/** Whether any follow-up or document of the sale (project) was made from a guide's suggestion. */
export function hasGuideActivities(kind: GuideKind, id: number): boolean {
  return ownActivities(kind, id).some((r) => num(r, 'suggestedAppointmentId') || num(r, 'suggestedDocumentId'));
}

/**
 * Whether every guide item of the sale's (project's) current stage is done (see above), counting
 * appointment `completing` as completed; false when the stage has no guide items.
 */
export function stageItemsDone(kind: GuideKind, id: number, link: number, completing: number): boolean {
  const acts = ownActivities(kind, id);
  const appointments = guideItems(kind, 'SuggestedAppointment', link);
  const documents = guideItems(kind, 'SuggestedDocument', link);
  if (!appointments.length && !documents.length) return false;
  const done = (r: CrmRow): boolean => num(r, 'appointment_id') === completing || num(r, 'status') === COMPLETED;
  return (
    appointments.every((s) => acts.some((a) => num(a, 'suggestedAppointmentId') === num(s, 'SuggestedAppointment_id') && done(a))) &&
    documents.every((s) => acts.some((a) => num(a, 'suggestedDocumentId') === num(s, 'SuggestedDocument_id')))
  );
}

/** The sale or project an appointment belongs to (the sale first), or null. */
export function appointmentTarget(appointment: CrmRow | null): { kind: GuideKind; id: number } | null {
  if (!appointment) return null;
  if (num(appointment, 'sale_id')) return { kind: 'sale', id: num(appointment, 'sale_id') };
  if (num(appointment, 'project_id')) return { kind: 'project', id: num(appointment, 'project_id') };
  return null;
}

/**
 * Whether completing the appointment offers to move its sale (project) on to the next stage
 * (status): its type has a guide that advances on its own (isAutoAdvance), the appointment was
 * made from a suggestion of the current stage, every guide item of that stage is then done, and
 * there is a stage to go on to.
 */
export function offersNextStage(kind: GuideKind, appointmentId: number): boolean {
  const appointment = appointmentId ? db().get('appointment', appointmentId) : null;
  const owner = appointmentTarget(appointment);
  if (!owner || owner.kind !== kind) return false;
  const target = guideTarget(kind, owner.id);
  if (!typeFlag(kind, target, 'hasGuide') || !typeFlag(kind, target, 'isAutoAdvance')) return false;
  const link = currentStageLink(kind, target);
  const suggestion = db().get('SuggestedAppointment', num(appointment, 'suggestedAppointmentId'));
  if (!link || num(suggestion, KINDS[kind].anchor) !== link) return false;
  return stageItemsDone(kind, owner.id, link, appointmentId) && nextStage(kind, target, false) !== 0;
}

/**
 * The next suggested follow-up of the current stage of a sale or project: the first in rank order
 * that none of its appointments was made from; null when every one was or its type has no such stage.
 */
export function nextSuggestionRow(kind: GuideKind, id: number): CrmRow | null {
  const link = currentStageLink(kind, guideTarget(kind, id));
  const made = new Set(ownActivities(kind, id).map((r) => num(r, 'suggestedAppointmentId')));
  return guideItems(kind, 'SuggestedAppointment', link).find((s) => !made.has(num(s, 'SuggestedAppointment_id'))) ?? null;
}

/**
 * Whether completing an appointment makes the guide suggest a follow-up: it was made from a
 * suggestion, its sale (project) has a guide and the current stage has a next suggestion that is
 * auto-suggested (SuggestedAppointment.autoSuggest).
 */
export function triggersSuggestion(appointment: CrmRow): boolean {
  const owner = appointmentTarget(appointment);
  if (!owner || !num(appointment, 'suggestedAppointmentId')) return false;
  if (!typeFlag(owner.kind, guideTarget(owner.kind, owner.id), 'hasGuide')) return false;
  return !!num(nextSuggestionRow(owner.kind, owner.id), 'autoSuggest');
}
