// Sales and projects: carriers and entities over the sale, project and projectmember tables, and
// the list items they point to.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { col, listView, loadWhere, register, type View } from './view.js';
import { associateName, fullName, lookup } from './people-views.js';
import { readEmails, readPhones, PHONE } from './elements.js';
import { stakeholdersOf, writeStakeholders } from './sale-stakeholders.js';
import { newNumber } from './number-allocation.js';

/**
 * A sale's completed state (ActivityStatus) from its done column (SaleDone: 1 not done, 2 done), as
 * NetServer reads it: Completed (3) when done, else Started (2) — a sale has no NotStarted.
 */
const ACTIVITY = { started: 2, completed: 3 };
const SALE_DONE = { no: 1, yes: 2 };
const completedOf = (row: CrmRow): number => (Number(col(row, 'done') ?? 0) === SALE_DONE.yes ? ACTIVITY.completed : ACTIVITY.started);
/** The done column a save writes: none when the stored row already has that completed state. */
function doneToWrite(o: { f: Record<string, unknown> }, old: CrmRow | null): CrmRow {
  const done = Number(o.f.Completed ?? 0) === ACTIVITY.completed ? SALE_DONE.yes : SALE_DONE.no;
  if (!old) return { done };
  return completedOf(old) === completedOf({ done }) ? {} : { done };
}

export const saleView: View = {
  cls: 'NSSale',
  table: 'sale',
  key: 'SaleId',
  cols: 'Title=heading:s Amount=amount:f SaleDate=saledate:d Status=status:i Probability=probability:i ContactId=contact_id:i PersonId=person_id:i AssociateId=associate_id:i ProjectId=project_id:i SaleTypeId=saleType_id:i Earning=earning:f EarningPercent=earning_percent:f Number=number1:s NextDueDate=nextDueDate:d ActiveErpLinks=activeErpLinks:i',
  texts: 'Description=text_id',
  calc: (o, row) => {
    o.f.ContactName = lookup('contact', o.f.ContactId, 'name');
    const p = Number(o.f.PersonId) ? loadPersonName(Number(o.f.PersonId)) : '';
    o.f.PersonFullName = p;
    o.f.AssociateFullName = associateName(o.f.AssociateId);
    o.f.ProjectName = lookup('project', o.f.ProjectId, 'name');
    o.f.Currency = lookup('Currency', col(row, 'currency_id'), 'name');
    o.f.SaleTypeName = lookup('SaleType', o.f.SaleTypeId, 'name');
    o.f.WeightedAmount = (Number(o.f.Amount) * Number(o.f.Probability)) / 100;
    o.f.Completed = completedOf(row);
  },
};

function loadPersonName(id: number): string {
  return fullName(lookup('person', id, 'firstname'), lookup('person', id, 'middleName'), lookup('person', id, 'lastname'));
}

export const saleEntityView: View = {
  cls: 'NSSaleEntity',
  table: 'sale',
  key: 'SaleId',
  custom: true,
  cols: 'Heading=heading:s Amount=amount:f Saledate=saledate:d Status=status:i Probability=probability:i Earning=earning:f EarningPercent=earning_percent:f Number=number1:s ActiveLinks=activeLinks:i ActiveErpLinks=activeErpLinks:i ReopenDate=reopenDate:d NextDueDate=nextDueDate:d',
  refs: 'Contact=contact_id>NSContact Person=person_id>NSPerson Associate=associate_id>NSAssociate Project=project_id>NSProject Currency=currency_id>NSCurrency SaleType=saleType_id>NSSaleType Reason=reason_id>NSReason ReasonSold=reasonSold_id>NSReasonSold ReasonStalled=reasonStalled_id>NSReasonStalled Source=source_id>NSSource Credited=credited_id>NSCredited Competitor=comptr_id>NSCompetitor',
  texts: 'SaleText=text_id Postit=postitText_id',
  audit: true,
  required: [
    ['Heading', 'the sale heading (SetHeading)'],
    ['Associate', 'the sale owner (SetAssociate)'],
  ],
  calc: (o, row) => {
    o.f.SaleStakeholders = stakeholdersOf(Number(o.f.SaleId));
    o.f.Completed = completedOf(row);
  },
  extra: (o, old) => ({ ...doneToWrite(o, old), ...newNumber(o, old, 'sale', 'number1', 'Number') }),
  // the stakeholders in SaleStakeholders are the sale's (a list never set leaves them as they are)
  afterSave: (o, id) => writeStakeholders(id, o.f.SaleStakeholders),
};

export const projectView: View = {
  cls: 'NSProject',
  table: 'project',
  key: 'ProjectId',
  cols: 'Name=name:s ProjectNumber=project_number:s AssociateId=associate_id:i TypeId=type_idx:i StatusId=status_idx:i TextId=text_id:i Updated=updated:d ActiveErpLinks=activeErpLinks:i',
  texts: 'Description=text_id',
  calc: (o) => {
    o.f.AssociateFullName = associateName(o.f.AssociateId);
    o.f.Type = lookup('ProjType', o.f.TypeId, 'name');
    o.f.Status = lookup('ProjStatus', o.f.StatusId, 'name');
  },
};

export const projectMemberView: View = {
  cls: 'NSProjectMember',
  table: 'projectmember',
  key: 'ProjectmemberId',
  cols: 'ProjectId=project_id:i ContactId=contact_id:i PersonId=person_id:i ProjectMemberTypeId=mtype_idx:i',
  texts: 'Comment=text_id',
  required: [['ProjectId', 'the project (SetProjectId)']],
  calc: (o) => {
    const pid = o.f.PersonId;
    o.f.Firstname = lookup('person', pid, 'firstname');
    o.f.Lastname = lookup('person', pid, 'lastname');
    o.f.MiddleName = lookup('person', pid, 'middleName');
    o.f.Mrmrs = lookup('person', pid, 'mrmrs');
    o.f.FullName = fullName(o.f.Firstname, o.f.MiddleName, o.f.Lastname);
    o.f.ContactName = lookup('contact', o.f.ContactId, 'name');
    o.f.ContactDepartment = lookup('contact', o.f.ContactId, 'department');
    o.f.CountryId = Number(lookup('contact', o.f.ContactId, 'country_id')) || 0;
    o.f.ProjectName = lookup('project', o.f.ProjectId, 'name');
    o.f.ProjectMemberTypeName = lookup('PMembType', o.f.ProjectMemberTypeId, 'name');
    o.f.EmailAddress = String(readEmails(0, Number(pid))[0]?.f.Value ?? '');
    o.f.Phone = String(readPhones(Number(pid), PHONE.direct)[0]?.f.Value ?? '');
  },
  extra: (o): CrmRow => {
    // a member's company is its person's
    const pid = Number(o.f.PersonId ?? 0);
    const contact = pid ? Number(lookup('person', pid, 'contact_id')) : 0;
    return contact && !Number(o.f.ContactId ?? 0) ? { contact_id: contact } : {};
  },
};

export const projectEntityView: View = {
  cls: 'NSProjectEntity',
  table: 'project',
  key: 'ProjectId',
  custom: true,
  cols: 'Name=name:s ProjectNumber=project_number:s Completed=done:b EndDate=endDate:d NextMilestoneDate=nextMilestoneDate:d NmdAppointmentId=nmdAppointment_id:i ActiveLinks=activeLinks:i ActiveErpLinks=activeErpLinks:i',
  refs: 'Associate=associate_id>NSAssociate ProjectType=type_idx>NSProjectType ProjectStatus=status_idx>NSProjectStatus',
  texts: 'Description=text_id Postit=postitText_id',
  audit: true,
  required: [['Name', 'the project name (SetName)']],
  extra: (o, old) => newNumber(o, old, 'project', 'project_number', 'ProjectNumber'),
  calc: (o) => {
    o.f.ProjectMembers = loadWhere(projectMemberView, { project_id: Number(o.f.ProjectId) });
  },
};

register(
  saleView,
  saleEntityView,
  projectView,
  projectMemberView,
  projectEntityView,
  listView('NSSaleType', 'SaleType'),
  listView('NSReason', 'Reason'),
  listView('NSReasonSold', 'ReasonSold'),
  listView('NSReasonStalled', 'ReasonStalled'),
  listView('NSSource', 'Source'),
  listView('NSCredited', 'Credited'),
  listView('NSCompetitor', 'Comptr'),
  listView('NSProjectType', 'ProjType'),
  listView('NSProjectStatus', 'ProjStatus'),
);


