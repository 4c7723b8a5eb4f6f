// NSDocumentAgent beyond the entity cycle: a person's documents by date (with those of the
// projects the person is a member of), project members' documents, documents by template (a
// document's appointment keeps its DocTmpl in task_idx), validation; and the methods that need
// what the sandbox CRM lacks say so: publishing. Lists by template heading take the templates the
// heading groups (DocTmplHeadingLink, document-headings.ts). The files (streams, check-out, versions) are in document-files.ts, templates' files
// and template variables in document-templates.ts. Suggested documents (sale and project guides)
// are in guides.ts.
import type { CrmCondition } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import type { CrmDateTime } from '../../time/values.js';
import { db } from './db.js';
import { col } from './view.js';
import { byIds, lacking, validation, type Methods } from './define.js';
import { documentGuides } from './guides.js';
import { APPOINTMENT_TYPE, documentEntityView, documentView } from './activity-views.js';
import { range } from './appointment-lists.js';
import { templatesUnder } from './document-headings.js';

const AGENT = 'NSDocumentAgent';

/** The projects a person is a member of (projectmember). */
function memberProjects(personId: number): number[] {
  return db()
    .select('projectmember', { where: [{ column: 'person_id', op: '=', value: personId }] })
    .map((r) => Number(col(r, 'project_id') ?? 0))
    .filter(Boolean);
}

/**
 * Documents whose appointment row matches any of the condition sets (each AND-ed), by date, at
 * most `count` (0 or less: all).
 */
function documents(sets: CrmCondition[][], count: number): NSObject[] {
  const found = new Map<number, { date: string; docId: number }>();
  for (const set of sets)
    for (const r of db().select('appointment', { where: [{ column: 'type', op: '=', value: APPOINTMENT_TYPE.document }, ...set] }))
      found.set(Number(col(r, 'appointment_id')), { date: String(col(r, 'do_by') ?? ''), docId: Number(col(r, 'document_id') ?? 0) });
  const sorted = [...found.entries()].sort(([a, x], [b, y]) => (x.date < y.date ? -1 : x.date > y.date ? 1 : a - b)).map(([, v]) => v.docId);
  return byIds(documentView, count > 0 ? sorted.slice(0, count) : sorted);
}

const inProjects = (ids: number[]): CrmCondition => ({ column: 'project_id', op: 'in', value: ids });

function personDocuments(personId: number, withProjects: boolean, dates: CrmCondition[], count: number): NSObject[] {
  const sets = [[{ column: 'person_id', op: '=', value: personId } as CrmCondition, ...dates]];
  const projects = withProjects ? memberProjects(personId) : [];
  if (projects.length) sets.push([inProjects(projects), ...dates]);
  return documents(sets, count);
}

function projectMemberDocuments(personId: number, dates: CrmCondition[], count: number): NSObject[] {
  const projects = memberProjects(personId);
  return projects.length ? documents([[inProjects(projects), ...dates]], count) : [];
}

const OWNERS = ['Contact', 'Person', 'Project', 'ProjectMember'];

/** The document lists filtered by template: each owner's two overloads (without and with dates). */
const byTemplate = (suffix: string, kind: string): string[] =>
  OWNERS.flatMap((o) => {
    const person = o === 'Person' ? 'Bool,' : '';
    return [`Get${o}DocumentsBy${suffix}(Integer,${person}Integer,${kind})`, `Get${o}DocumentsBy${suffix}(Integer,${person}DateTime,DateTime,Integer,${kind})`];
  });

const PUBLISHING = [
  'GetMyPublishedDocuments()',
  'GetPublishedDocument(Integer)',
  'GetPublishedDocuments(Integer[])',
  'GetPublishedDocumentsByDate(Integer,Bool,Integer)',
  'GetPublishedDocumentsByDate(Integer,Bool,DateTime,DateTime,Integer)',
  'GetPublishedPersonDocumentsByDate(Integer,Bool,Integer)',
  'GetPublishedPersonDocumentsByDate(Integer,Bool,DateTime,DateTime,Integer)',
  'GetPublishedProjectDocuments(Integer)',
];

/**
 * Get<Owner>DocumentsByTemplateType(s): the owner's id, for a person whether to add the documents
 * of the person's projects, optionally a date range, the most to return, and the template id(s).
 */
function templateLists(suffix: string, kind: string, templates: (arg: unknown) => number[] = (t) => (Array.isArray(t) ? t : [t]).map(Number)): Methods {
  const out: Methods = {};
  for (const key of byTemplate(suffix, kind)) {
    const owner = key.slice(3, key.indexOf('DocumentsBy'));
    const dated = key.includes('DateTime');
    out[key] = (_a: unknown, ...args: unknown[]) => {
      const id = Number(args[0]);
      let i = 1;
      const withProjects = owner === 'Person' && args[i++] === true;
      const dates = dated ? range(args[i++] as CrmDateTime, args[i++] as CrmDateTime) : [];
      const count = Number(args[i++]);
      const conds: CrmCondition[] = [...dates, { column: 'task_idx', op: 'in', value: templates(args[i]) }];
      if (owner === 'Person') return personDocuments(id, withProjects, conds, count);
      if (owner === 'ProjectMember') return projectMemberDocuments(id, conds, count);
      return documents([[{ column: owner === 'Contact' ? 'contact_id' : 'project_id', op: '=', value: id }, ...conds]], count);
    };
  }
  return out;
}

export const documentExtra: Methods = {
  'ValidateDocumentEntity(NSDocumentEntity)': (_a: unknown, o: NSObject) => validation(AGENT, 'ValidateDocumentEntity', documentEntityView, o),
  // the reference's shortened signatures take the person, whether to add project documents, and the most to return
  'GetPersonDocumentsByDate(Integer,Bool,Integer)': (_a: unknown, personId: number, withProjects: boolean, count: number) => personDocuments(personId, withProjects, [], count),
  'GetPersonDocumentsByDate(Integer,Bool,DateTime,DateTime,Integer)': (_a: unknown, personId: number, withProjects: boolean, from: CrmDateTime, to: CrmDateTime, count: number) =>
    personDocuments(personId, withProjects, range(from, to), count),
  'GetProjectMemberDocuments(Integer,Integer)': (_a: unknown, personId: number, count: number) => projectMemberDocuments(personId, [], count),
  'GetProjectMemberDocuments(Integer,DateTime,DateTime,Integer)': (_a: unknown, personId: number, from: CrmDateTime, to: CrmDateTime, count: number) =>
    projectMemberDocuments(personId, range(from, to), count),
  ...templateLists('TemplateType', 'Integer'),
  ...templateLists('TemplateTypes', 'Integer[]'),
  // a heading stands for the templates DocTmplHeadingLink files under it (document-headings.ts)
  ...templateLists('TemplateHeading', 'Integer', (h) => templatesUnder(Number(h))),
  'GetDocumentsByTemplateHeading(Integer)': (_a: unknown, heading: number) => documents([[{ column: 'task_idx', op: 'in', value: templatesUnder(heading) }]], 0),
  ...lacking(AGENT, 'the sandbox CRM has no Publish table (which documents are published, and when)', PUBLISHING),
  ...documentGuides,
};
