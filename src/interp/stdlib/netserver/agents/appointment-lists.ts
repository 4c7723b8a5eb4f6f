// NSAppointmentAgent's lists of follow-ups: the diaries and task lists of users, and the
// follow-ups of a company, project or project member, optionally of some tasks (appointment.task_idx)
// or of one appointment type. A "person" of these methods is a user: the person of an associate,
// whose diary holds the appointments (associate_id), as NetServer has it. Lists run earliest first
// (do_by, then id); a count > 0 limits them.
import type { CrmCondition, CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import type { CrmDateTime } from '../../time/values.js';
import { db, dateFromDb, dateToDb, fail } from './db.js';
import { col } from './view.js';
import { byId, lacking, type Methods } from './define.js';
import { APPOINTMENT_TYPE, appointmentView } from './activity-views.js';
import { memberProjectIds } from './sale-project.js';

const AGENT = 'NSAppointmentAgent';

export const eq = (column: string, value: number): CrmCondition => ({ column, op: '=', value });

/** Starting (do_by) from `from` to `to`; a null DateTime leaves that end open. */
export function range(from: CrmDateTime, to: CrmDateTime): CrmCondition[] {
  return [
    { column: 'do_by', op: '>=', value: dateToDb(from) ?? '0000-00-00 00:00:00' },
    { column: 'do_by', op: '<=', value: dateToDb(to) ?? '9999-12-31 23:59:59' },
  ];
}

const notDocuments: CrmCondition = { column: 'type', op: '<>', value: APPOINTMENT_TYPE.document };
const ORDER = [{ column: 'do_by' }, { column: 'appointment_id' }];
const limitOf = (count?: number): number | undefined => (count && count > 0 ? count : undefined);

/** A DateTime column as comparable text ('' for none). */
const stamp = (v: CrmRow[string] | undefined): string => dateToDb(dateFromDb(v ?? null)) ?? '';

/**
 * The appointments matching any of the condition sets (each AND-ed), earliest first, at most
 * `count` (> 0). The rows of documents (type 4, or carrying a document_id) are left out unless
 * `documents` (a list by appointment type names the type itself).
 */
function listed(sets: CrmCondition[][], count?: number, documents = false): NSObject[] {
  const extra = documents ? [] : [notDocuments];
  const byKey = new Map<number, CrmRow>();
  for (const where of sets) for (const r of db().select('appointment', { where: [...where, ...extra], orderBy: ORDER })) byKey.set(Number(col(r, 'appointment_id')), r);
  return [...byKey.entries()]
    .filter(([, r]) => documents || !Number(col(r, 'document_id') ?? 0))
    .sort(([a, ra], [b, rb]) => stamp(col(ra, 'do_by')).localeCompare(stamp(col(rb, 'do_by'))) || a - b)
    .slice(0, limitOf(count))
    .map(([id]) => byId(appointmentView, id));
}

/** Appointments (not documents) matching the conditions, earliest first; `count` > 0 limits them. */
export function appointments(conds: CrmCondition[], count?: number): NSObject[] {
  return listed([conds], count);
}

/** The associate whose person `personId` is: the user whose diary a person's appointments are in. */
function userOf(method: string, personId: number): number {
  const row = db().select('associate', { where: [eq('person_id', personId)], orderBy: [{ column: 'associate_id' }], limit: 1 })[0];
  if (!row) throw fail(`${AGENT}.${method}`, `person ${personId} is not a user (no associate has that person)`);
  return Number(col(row, 'associate_id'));
}

/** The projects person `personId` is a member of, as a condition ('in' an empty list matches nothing). */
const memberProjects = (personId: number): CrmCondition => ({ column: 'project_id', op: 'in', value: memberProjectIds('person_id', personId) });

/**
 * The condition sets of a user's appointments: those in the diary of person `personId`'s
 * associate, and with `withProjects` those of the projects the person is a member of.
 */
function personSets(method: string, personId: number, withProjects: boolean, more: CrmCondition[]): CrmCondition[][] {
  const sets = [[eq('associate_id', userOf(method, personId)), ...more]];
  if (withProjects) sets.push([memberProjects(personId), ...more]);
  return sets;
}

const ids = (list: unknown): number[] => (Array.isArray(list) ? list.map(Number) : []);
const byTask = (taskId: number): CrmCondition => eq('task_idx', taskId);
const byTasks = (taskIds: unknown): CrmCondition => ({ column: 'task_idx', op: 'in', value: ids(taskIds) });
const byType = (type: number): CrmCondition => eq('type', type);

type D = CrmDateTime;

/** Get<Owner>AppointmentsByTask/ByTasks/ByType for a company or project column. */
function linkedLists(owner: string, column: string): Methods {
  return {
    [`Get${owner}AppointmentsByTask(Integer,DateTime,DateTime,Integer,Integer)`]: (_a: unknown, id: number, from: D, to: D, n: number, taskId: number) =>
      listed([[eq(column, id), ...range(from, to), byTask(taskId)]], n),
    [`Get${owner}AppointmentsByTasks(Integer,DateTime,DateTime,Integer,Integer[])`]: (_a: unknown, id: number, from: D, to: D, n: number, taskIds: unknown) =>
      listed([[eq(column, id), ...range(from, to), byTasks(taskIds)]], n),
    [`Get${owner}AppointmentsByType(Integer,DateTime,DateTime,Integer,Integer)`]: (_a: unknown, id: number, from: D, to: D, n: number, type: number) =>
      listed([[eq(column, id), ...range(from, to), byType(type)]], n, true),
  };
}

/** The task lists' headings group tasks (Heading, TaskHeadingLink), which the sandbox does not have. */
const TASK_HEADINGS = [
  'GetAppointmentsByTaskHeading(Integer)',
  'GetContactAppointmentsByTaskHeading(Integer,DateTime,DateTime,Integer,Integer)',
  'GetPersonAppointmentsByTaskHeading(Integer,Bool,DateTime,DateTime,Integer,Integer)',
  'GetProjectAppointmentsByTaskHeading(Integer,DateTime,DateTime,Integer,Integer)',
  'GetProjectMemberAppointmentsByTaskHeading(Integer,Integer,Integer)',
  'GetProjectMemberAppointmentsByTaskHeading(Integer,DateTime,DateTime,Integer,Integer)',
];

const myId = (): number => db().actor().associateId;

export const appointmentLists: Methods = {
  'GetMyAppointments(DateTime,DateTime,Integer)': (_a: unknown, from: D, to: D, n: number) => appointments([eq('associate_id', myId()), ...range(from, to)], n),
  'GetMyDiary(DateTime,DateTime,Integer)': (_a: unknown, from: D, to: D, n: number) =>
    appointments([eq('associate_id', myId()), eq('type', APPOINTMENT_TYPE.diary), ...range(from, to)], n),
  'GetMyTasks(Integer)': (_a: unknown, n: number) => appointments([eq('associate_id', myId()), eq('type', APPOINTMENT_TYPE.checklist)], n),
  'GetAssociateDiary(Integer,DateTime,DateTime,Integer)': (_a: unknown, id: number, from: D, to: D, n: number) => appointments([eq('associate_id', id), ...range(from, to)], n),
  'GetAssociatesDiary(Integer[],DateTime,DateTime)': (_a: unknown, associateIds: unknown, from: D, to: D) =>
    appointments([{ column: 'associate_id', op: 'in', value: ids(associateIds) }, ...range(from, to)]),
  // a group's diary is that of its users (associate.group_idx); the sandbox's groups are user groups, so groupType is not told apart
  'GetDiaryByGroup(Integer,Integer,DateTime,DateTime,Integer)': (_a: unknown, groupId: number, _groupType: number, from: D, to: D, n: number) => {
    const users = db().select('associate', { where: [eq('group_idx', groupId)] }).map((r) => Number(col(r, 'associate_id')));
    return appointments([{ column: 'associate_id', op: 'in', value: users }, ...range(from, to)], n);
  },
  'GetPersonDiary(Integer,DateTime,DateTime,Integer)': (_a: unknown, id: number, from: D, to: D, n: number) =>
    appointments([eq('associate_id', userOf('GetPersonDiary', id)), eq('type', APPOINTMENT_TYPE.diary), ...range(from, to)], n),
  'GetPersonTasks(Integer,Integer)': (_a: unknown, id: number, n: number) =>
    appointments([eq('associate_id', userOf('GetPersonTasks', id)), eq('type', APPOINTMENT_TYPE.checklist)], n),
  'GetPersonAppointments(Integer,Bool,DateTime,DateTime,Integer)': (_a: unknown, id: number, withProjects: boolean, from: D, to: D, n: number) =>
    listed(personSets('GetPersonAppointments', id, withProjects, range(from, to)), n),
  'GetPersonAppointmentsByTask(Integer,Bool,DateTime,DateTime,Integer,Integer)': (_a: unknown, id: number, withProjects: boolean, from: D, to: D, n: number, taskId: number) =>
    listed(personSets('GetPersonAppointmentsByTask', id, withProjects, [...range(from, to), byTask(taskId)]), n),
  'GetPersonAppointmentsByTasks(Integer,Bool,DateTime,DateTime,Integer,Integer[])': (_a: unknown, id: number, withProjects: boolean, from: D, to: D, n: number, taskIds: unknown) =>
    listed(personSets('GetPersonAppointmentsByTasks', id, withProjects, [...range(from, to), byTasks(taskIds)]), n),
  'GetPersonAppointmentsByType(Integer,Bool,DateTime,DateTime,Integer,Integer)': (_a: unknown, id: number, withProjects: boolean, from: D, to: D, n: number, type: number) =>
    listed(personSets('GetPersonAppointmentsByType', id, withProjects, [...range(from, to), byType(type)]), n, true),
  'GetContactAppointments(Integer,DateTime,DateTime,Integer)': (_a: unknown, id: number, from: D, to: D, n: number) => appointments([eq('contact_id', id), ...range(from, to)], n),
  'GetContactAppointmentsByType(Integer,Integer,Integer)': (_a: unknown, id: number, n: number, type: number) => listed([[eq('contact_id', id), byType(type)]], n, true),
  ...linkedLists('Contact', 'contact_id'),
  'GetProjectAppointments(Integer,DateTime,DateTime,Integer)': (_a: unknown, id: number, from: D, to: D, n: number) => appointments([eq('project_id', id), ...range(from, to)], n),
  ...linkedLists('Project', 'project_id'),
  // the follow-ups of the projects a person is a member of (projectmember.person_id)
  'GetProjectMemberAppointments(Integer,DateTime,DateTime,Integer)': (_a: unknown, id: number, from: D, to: D, n: number) => appointments([memberProjects(id), ...range(from, to)], n),
  'GetProjectMemberAppointmentsByTask(Integer,DateTime,DateTime,Integer,Integer)': (_a: unknown, id: number, from: D, to: D, n: number, taskId: number) =>
    appointments([memberProjects(id), ...range(from, to), byTask(taskId)], n),
  'GetProjectMemberAppointmentsByTasks(Integer,DateTime,DateTime,Integer,Integer[])': (_a: unknown, id: number, from: D, to: D, n: number, taskIds: unknown) =>
    appointments([memberProjects(id), ...range(from, to), byTasks(taskIds)], n),
  'GetProjectMemberAppointmentsByType(Integer,DateTime,DateTime,Integer,Integer)': (_a: unknown, id: number, from: D, to: D, n: number, type: number) =>
    listed([[memberProjects(id), ...range(from, to), byType(type)]], n, true),
  ...lacking(AGENT, 'the sandbox CRM has no TaskHeadingLink table (which headings group tasks)', TASK_HEADINGS),
};
