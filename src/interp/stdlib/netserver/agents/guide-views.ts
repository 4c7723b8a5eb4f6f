// Sale and project guides and sale stakeholders: carriers and entities over SuperOffice's
// SaleTypeStageLink, ProjectTypeStatusLink, SuggestedAppointment, SuggestedDocument,
// SaleStakeholder and StakeholderRole tables (src/crm/demo-guides.ts has the demo's rows).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { CrmTimeSpan, timeSpanOfTotal } from '../../time/values.js';
import { col, idOf, LIST_TABLE_COLS, loadRef, register, type View } from './view.js';
import { fullName, lookup } from './people-views.js';
import { emailRows, phoneRows, PHONE } from './elements.js';

export const saleTypeStageLinkView: View = {
  cls: 'NSSaleTypeStageLink',
  table: 'SaleTypeStageLink',
  key: 'SaleTypeStageLinkId',
  cols: 'SaleTypeId=saleType_id:i ProbId=stageId:i',
  calc: (o) => {
    o.f.SaleTypeName = lookup('SaleType', o.f.SaleTypeId, 'name');
    o.f.SaleTypeTooltip = lookup('SaleType', o.f.SaleTypeId, 'tooltip');
    o.f.ProbName = lookup('Prob', o.f.ProbId, 'name');
    o.f.ProbTooltip = lookup('Prob', o.f.ProbId, 'tooltip');
    o.f.Probability = Number(lookup('Prob', o.f.ProbId, 'probability') || 0);
  },
};

export const projectTypeStatusLinkView: View = {
  cls: 'NSProjectTypeStatusLink',
  table: 'ProjectTypeStatusLink',
  key: 'ProjectTypeStatusLinkId',
  cols: 'ProjTypeId=projType_id:i ProjStatusId=projStatus_id:i',
  calc: (o) => {
    o.f.ProjTypeName = lookup('ProjType', o.f.ProjTypeId, 'name');
    o.f.ProjTypeTooltip = lookup('ProjType', o.f.ProjTypeId, 'tooltip');
    o.f.ProjStatusName = lookup('ProjStatus', o.f.ProjStatusId, 'name');
    o.f.ProjStatusTooltip = lookup('ProjStatus', o.f.ProjStatusId, 'tooltip');
  },
};

/** The anchor links of a guide item: the sale type's stage or the project type's status it belongs to. */
const ANCHORS = 'SaleTypeStageLink=saleTypeStageLinkId>NSSaleTypeStageLink ProjectTypeStatusLink=projectTypeStatusLinkId>NSProjectTypeStatusLink';

export const suggestedAppointmentEntityView: View = {
  cls: 'NSSuggestedAppointmentEntity',
  table: 'SuggestedAppointment',
  key: 'SuggestedAppointmentId',
  cols: `${LIST_TABLE_COLS} DaysFuture=daysFuture:i AutoSuggest=autoSuggest:b Text=text:s IsMilestone=isMilestone:b AssignToMember=assignToMember:b`,
  refs: `${ANCHORS} Type=task_id>NSTaskListItem`,
  required: [['Name', 'the suggestion name (SetName)']],
  // the duration is kept in minutes
  calc: (o, row) => {
    o.f.Duration = timeSpanOfTotal(Number(col(row, 'duration') ?? 0) * 60);
  },
  extra: (o) => ({ duration: o.f.Duration instanceof CrmTimeSpan ? Math.round(o.f.Duration.total / 60) : 0 }),
};

/** The carrier of a suggested appointment: ids instead of nested carriers, the duration in minutes. */
export const suggestedAppointmentView: View = {
  cls: 'NSSuggestedAppointment',
  table: 'SuggestedAppointment',
  key: 'SuggestedAppointmentId',
  cols: [
    'Name=name:s Rank=rank:i Tooltip=tooltip:s Deleted=deleted:i DaysFuture=daysFuture:i Duration=duration:i AutoSuggest=autoSuggest:i Text=text:s',
    'SaleTypeStageLinkId=saleTypeStageLinkId:i ProjectTypeStatusLinkId=projectTypeStatusLinkId:i TaskId=task_id:i RegisteredAssociateId=registered_associate_id:i',
  ].join(' '),
  calc: (o) => {
    o.f.Associate = loadRef('NSAssociate', Number(o.f.RegisteredAssociateId));
  },
};

export const suggestedDocumentEntityView: View = {
  cls: 'NSSuggestedDocumentEntity',
  table: 'SuggestedDocument',
  key: 'SuggestedDocumentId',
  cols: `${LIST_TABLE_COLS} Header=header:s OurRef=our_ref:s DoctmplId=doctmpl_id:i`,
  refs: ANCHORS,
  required: [['Name', 'the suggestion name (SetName)']],
  calc: (o) => {
    o.f.DocTmpl = loadRef('NSDocumentTemplate', Number(o.f.DoctmplId));
  },
  // the template is set by id (SetDoctmplId) or as a carrier (SetDocTmpl): the one that changed wins
  extra: (o, old): CrmRow => {
    const stored = Number(old ? (col(old, 'doctmpl_id') ?? 0) : 0);
    const byId = Number(o.f.DoctmplId ?? 0);
    const byCarrier = idOf(o.f.DocTmpl);
    return { doctmpl_id: byId !== stored ? byId : byCarrier !== stored ? byCarrier : stored };
  },
};

/** A DocTmpl row as the NSDocumentTemplate a suggested document names. */
export const documentTemplateView: View = {
  cls: 'NSDocumentTemplate',
  table: 'DocTmpl',
  key: 'DocumentTemplateId',
  cols: 'Name=name:s Tooltip=tooltip:s Deleted=deleted:i Filename=filename:s Direction=direction:i SaveInDb=saveInDb:i DefaultOref=default_oref:s AutoeventId=autoevent_id:i QuoteDocType=quoteDocType:i',
};

export const saleStakeholderView: View = {
  cls: 'NSSaleStakeholder',
  table: 'SaleStakeholder',
  key: 'SaleStakeholderId',
  cols: 'SaleId=sale_id:i ContactId=contact_id:i PersonId=person_id:i Rank=rank:i StakeholderRoleId=stakeholderrole_id:i Comment=comment:s',
  required: [['SaleId', 'the sale (SetSaleId)']],
  calc: (o) => {
    const pid = Number(o.f.PersonId);
    o.f.Firstname = lookup('person', pid, 'firstname');
    o.f.MiddleName = lookup('person', pid, 'middleName');
    o.f.Lastname = lookup('person', pid, 'lastname');
    o.f.Mrmrs = lookup('person', pid, 'mrmrs');
    o.f.ContactName = lookup('contact', o.f.ContactId, 'name');
    o.f.CountryId = Number(lookup('contact', o.f.ContactId, 'country_id')) || 0;
    o.f.StakeholderRoleName = lookup('StakeholderRole', o.f.StakeholderRoleId, 'name');
    // the person's first e-mail address and direct phone (the company's when no person)
    const email = emailRows(Number(o.f.ContactId), pid)[0];
    o.f.EmailId = Number(email ? (col(email, 'email_id') ?? 0) : 0);
    o.f.EmailAddress = String(email ? (col(email, 'email_address') ?? '') : '');
    o.f.EmailDescription = String(email ? (col(email, 'description') ?? '') : '');
    const phone = (pid ? phoneRows(pid, PHONE.direct) : phoneRows(Number(o.f.ContactId), PHONE.contact))[0];
    o.f.PhoneId = Number(phone ? (col(phone, 'phone_id') ?? 0) : 0);
    o.f.Phone = String(phone ? (col(phone, 'phone') ?? '') : '');
    o.f.FullName = fullName(o.f.Firstname, o.f.MiddleName, o.f.Lastname);
  },
  extra: (o): CrmRow => {
    // a stakeholder's company is its person's
    const pid = Number(o.f.PersonId ?? 0);
    const contact = pid ? Number(lookup('person', pid, 'contact_id')) : 0;
    return contact && !Number(o.f.ContactId ?? 0) ? { contact_id: contact } : {};
  },
};

register(
  saleTypeStageLinkView,
  projectTypeStatusLinkView,
  suggestedAppointmentEntityView,
  suggestedAppointmentView,
  suggestedDocumentEntityView,
  documentTemplateView,
  saleStakeholderView,
);
