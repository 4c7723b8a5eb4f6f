// NSSaleAgent and NSProjectAgent over the sale, project and projectmember tables.
import type { CrmCondition } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { CrmDateTime } from '../../time/values.js';
import { db, dateToDb, fail, now } from './db.js';
import { col, loadWhere, remove } from './view.js';
import { byId, byIds, carrierGets, entityCycle, make, saved, where, type Methods } from './define.js';
import { projectEntityView, projectMemberView, projectView, saleEntityView, saleView } from './sales-views.js';
import { me } from './contact-person.js';
import { SALE, saleSummaries } from './sale-summary.js';
import { saleStakeholders } from './sale-stakeholders.js';

function sales(conds: CrmCondition[], limit?: number, newestFirst = false): NSObject[] {
  return db()
    .select('sale', { where: conds, orderBy: [{ column: 'saledate', descending: newestFirst }, { column: 'sale_id', descending: newestFirst }], limit: limit && limit > 0 ? limit : undefined })
    .map((r) => byId(saleView, Number(col(r, 'sale_id'))));
}

/** Sales of at least this amount (-1: no limit). */
function atLeast(amountLimit: number): CrmCondition[] {
  return amountLimit === -1 ? [] : [{ column: 'amount', op: '>=', value: amountLimit }];
}

export const saleAgent: Methods = {
  ...entityCycle('NSSaleAgent', 'Sale', saleEntityView, () => {
    const date = now();
    return make('NSSaleEntity', { SaleId: 0, Associate: me(), Saledate: date, Status: SALE.open, Completed: 2, Probability: 0 });
  }),
  ...carrierGets('Sale', saleView),
  'GetSalesFromContact(Integer,Bool)': (_a: unknown, id: number, onlyOpen: boolean) =>
    sales([{ column: 'contact_id', op: '=', value: id }, ...(onlyOpen ? [{ column: 'status', op: '=' as const, value: SALE.open }] : [])]),
  'GetSalesFromPerson(Integer,Bool)': (_a: unknown, id: number, onlyOpen: boolean) =>
    sales([{ column: 'person_id', op: '=', value: id }, ...(onlyOpen ? [{ column: 'status', op: '=' as const, value: SALE.open }] : [])]),
  'GetOpenSalesForContact(Integer)': (_a: unknown, id: number) => sales([{ column: 'contact_id', op: '=', value: id }, { column: 'status', op: '=', value: SALE.open }]),
  'GetMyOpportunities(Integer)': (_a: unknown, n: number) => sales([{ column: 'associate_id', op: '=', value: db().actor().associateId }, { column: 'status', op: '=', value: SALE.open }], n),
  // the latest sold sales; amountLimit is the least amount a sale has (-1: any)
  'GetRecentSales(Integer,Integer)': (_a: unknown, amountLimit: number, n: number) =>
    sales([{ column: 'status', op: '=', value: SALE.sold }, ...atLeast(amountLimit)], n, true),
  // status 0 (Unknown): any status
  'GetSalesByDate(DateTime,DateTime,Integer,Integer)': (_a: unknown, from: CrmDateTime, to: CrmDateTime, amountLimit: number, status: number) => {
    const conds: CrmCondition[] = [
      { column: 'saledate', op: '>=', value: dateToDb(from) ?? '0000-00-00 00:00:00' },
      { column: 'saledate', op: '<=', value: dateToDb(to) ?? '9999-12-31 23:59:59' },
      ...atLeast(amountLimit),
    ];
    if (status > 0) conds.push({ column: 'status', op: '=', value: status });
    return sales(conds);
  },
  ...saleSummaries,
  'GetNextDueDate(Integer)': (_a: unknown, id: number) => byId(saleView, id).f.NextDueDate,
  // every open sale, the latest first; the least weighted amount (-1: any)
  'GetUpcomingSales(Integer,Integer)': (_a: unknown, minWeighted: number, n: number) =>
    sales([{ column: 'status', op: '=', value: SALE.open }], undefined, true)
      .filter((s) => minWeighted === -1 || Number(s.f.WeightedAmount) >= minWeighted)
      .slice(0, n > 0 ? n : undefined),
  ...saleStakeholders,
};

export const projectAgent: Methods = {
  ...entityCycle('NSProjectAgent', 'Project', projectEntityView, () => make('NSProjectEntity', { ProjectId: 0, Associate: me(), ProjectMembers: [] })),
  ...carrierGets('Project', projectView),
  'GetProjectsFromContact(Integer)': (_a: unknown, contactId: number) => projectsOfMembers('contact_id', contactId),
  'GetProjectsFromPerson(Integer)': (_a: unknown, personId: number) => projectsOfMembers('person_id', personId),
  'GetProjectMember(Integer)': (_a: unknown, id: number) => byId(projectMemberView, id),
  'GetProjectMembers(Integer)': (_a: unknown, projectId: number) => where(projectMemberView, 'project_id', projectId),
  'GetProjectMembersById(Integer[])': (_a: unknown, projectIds: number[]) => loadWhere(projectMemberView, { project_id: projectIds ?? [] }),
  'CreateDefaultProjectMember()': () => make('NSProjectMember', { ProjectmemberId: 0 }),
  'SaveProjectMember(NSProjectMember)': (_a: unknown, m: NSObject) => saved('NSProjectAgent', 'SaveProjectMember', projectMemberView, m),
  'UpdateProjectMember(NSProjectMember)': (_a: unknown, m: NSObject) => saved('NSProjectAgent', 'UpdateProjectMember', projectMemberView, m),
  'AddProjectMembers(Integer,NSProjectMember[])': (_a: unknown, projectId: number, members: NSObject[]) => {
    if (!db().get('project', projectId)) throw fail('NSProjectAgent.AddProjectMembers', `there is no project with id ${projectId}`);
    for (const m of members ?? []) saved('NSProjectAgent', 'AddProjectMembers', projectMemberView, make('NSProjectMember', { ...m.f, ProjectmemberId: 0, ProjectId: projectId }));
  },
  'DeleteProjectMembers(Integer,Integer[])': (_a: unknown, projectId: number, ids: number[]) => {
    for (const m of where(projectMemberView, 'project_id', projectId)) if ((ids ?? []).includes(Number(m.f.ProjectmemberId))) remove(projectMemberView, Number(m.f.ProjectmemberId));
  },
  'DeleteProjectMember(Integer)': (_a: unknown, id: number) => {
    remove(projectMemberView, id);
  },
  'DeleteProjectMemberByIds(Integer[])': (_a: unknown, ids: number[]) => {
    for (const id of ids ?? []) remove(projectMemberView, id);
  },
};

/** The projects with a member whose `column` (person_id, contact_id) is `id`, by project id. */
export function memberProjectIds(column: string, id: number): number[] {
  return [...new Set(db().select('projectmember', { where: [{ column, op: '=', value: id }] }).map((r) => Number(col(r, 'project_id') ?? 0)))].sort((a, b) => a - b);
}

function projectsOfMembers(column: string, id: number): NSObject[] {
  return byIds(projectView, memberProjectIds(column, id));
}
