// NSProjectAgent beyond the entity cycle and the members: the user's projects and member
// projects, the next milestone, a role and comment for several members, validating an entity
// before a save, the project's guide and the status it goes on to (guide-progress.ts), the
// project's image (a linked blob: blobs.ts); events and publishing, which the sandbox does not have.
import type { NSObject } from '../object.js';
import { projectImage } from './blobs.js';
import { db, fail } from './db.js';
import { col, load } from './view.js';
import { byId, byIds, empty, lacking, saved, validation, type Methods } from './define.js';
import { projectEntityView, projectMemberView, projectView } from './sales-views.js';
import { appointmentView } from './activity-views.js';
import { memberProjectIds } from './sale-project.js';
import { nextMilestone } from './activity-dates.js';
import { numberCheck } from './sale-extra.js';
import { guideTarget, hasGuideActivities, nextStage, offersNextStage, typeFlag } from './guide-progress.js';

const AGENT = 'NSProjectAgent';

/** The projects the run's user is responsible for (project.associate_id), by id. */
function ownProjectIds(): number[] {
  return db()
    .select('project', { where: [{ column: 'associate_id', op: '=', value: db().actor().associateId }], orderBy: [{ column: 'project_id' }] })
    .map((r) => Number(col(r, 'project_id')));
}

/** The projects the run's user is a member of: a projectmember row with the user's person. */
function memberIds(): number[] {
  const personId = db().actor().personId;
  return personId ? memberProjectIds('person_id', personId) : [];
}

const PUBLISHING = ['GetPublishedProject(Integer)', 'GetPublishedProjects(Integer[])', 'GetMyPublishedProjects()', 'GetPublishedProjectsOnPersonId(Integer)'];

export const projectExtra: Methods = {
  'GetMyProjects(Bool)': (_a: unknown, includeMemberProjects: boolean) => {
    const ids = new Set([...ownProjectIds(), ...(includeMemberProjects ? memberIds() : [])]);
    return byIds(projectView, [...ids].sort((a, b) => a - b));
  },
  'GetMyMemberProjects()': () => byIds(projectView, memberIds()),
  'GetNextMilestone(Integer)': (_a: unknown, projectId: number) => {
    const next = nextMilestone(projectId);
    return next ? byId(appointmentView, Number(col(next, 'appointment_id'))) : empty(appointmentView);
  },
  'SaveProjectMembersFunctionAndComment(Integer[],Integer,String)': (_a: unknown, ids: unknown, roleId: number, comment: string) => {
    const where = `${AGENT}.SaveProjectMembersFunctionAndComment`;
    const members = (Array.isArray(ids) ? ids.map(Number) : []).map((id): NSObject => {
      const m = load(projectMemberView, id);
      if (!m) throw fail(where, `there is no project member with id ${id}`);
      return m;
    });
    for (const m of members) {
      m.f.ProjectMemberTypeId = roleId;
      m.f.Comment = comment;
      saved(AGENT, 'SaveProjectMembersFunctionAndComment', projectMemberView, m);
    }
  },
  'ValidateProjectEntity(NSProjectEntity)': (_a: unknown, o: NSObject) => validation(AGENT, 'ValidateProjectEntity', projectEntityView, o),
  // guides (guide-progress.ts), as a sale's: a project's status is its stage (status_idx), its
  // type's statuses in ProjectTypeStatusLink's rank order; GetNextProjectStatus is the first status
  // not deleted after the current one (0 when there is none, or no such project)
  'HasGuide(Integer)': (_a: unknown, id: number) => typeFlag('project', guideTarget('project', id), 'hasGuide'),
  'HasGuideActivities(Integer)': (_a: unknown, id: number) => hasGuideActivities('project', id),
  'OfferAutoNextStatusOnApppointmentCompleted(Integer)': (_a: unknown, appointmentId: number) => offersNextStage('project', appointmentId),
  'GetNextProjectStatus(Integer)': (_a: unknown, id: number) => nextStage('project', guideTarget('project', id), false),
  ...lacking(AGENT, 'the sandbox CRM has no Publish table (which projects are published, and when)', PUBLISHING),
  // the project's image, a blob linked to it (blobs.ts)
  ...projectImage(AGENT),
  ...numberCheck(AGENT),
};
