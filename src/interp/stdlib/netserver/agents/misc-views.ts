// Currencies, tickets and preferences (quotes: quote-views.ts; users: user-views.ts).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject, nsObject } from '../object.js';
import { db } from './db.js';
import { col, LIST_TABLE_COLS, loadWhere, register, viewOf, type View } from './view.js';
import { associateName } from './people-views.js';
import { ticketStatusDefault } from './ticket-status-default.js';

export const currencyView: View = {
  cls: 'NSCurrencyEntity',
  table: 'Currency',
  key: 'CurrencyId',
  cols: `${LIST_TABLE_COLS} Rate=rate:f Units=units:f`,
  required: [['Name', 'the currency name (SetName)']],
};

// ---- tickets: owners and creators are ejuser ids; scripts see them as associates

/** The associate of an ejuser id (tickets and messages name users; scripts see associates). */
export function associateOfUser(userId: unknown): NSObject {
  const id = Number(userId ?? 0);
  const rows = id ? db().select('associate', { where: [{ column: 'ejuserId', op: '=', value: id }], limit: 1 }) : [];
  const a = nsObject('NSAssociate', { AssociateId: rows[0] ? Number(col(rows[0], 'associate_id')) : 0, EjUserId: id });
  if (rows[0]) {
    a.f.Name = String(col(rows[0], 'name') ?? '');
    a.f.FullName = associateName(a.f.AssociateId);
  }
  return a;
}

/** The ejuser id of an associate value (its EjUserId, else its associate row's ejuserId), 0 for none. */
export function userOfAssociate(value: unknown): number {
  if (!(value instanceof NSObject)) return 0;
  if (Number(value.f.EjUserId ?? 0)) return Number(value.f.EjUserId);
  const id = Number(value.f.AssociateId ?? 0);
  const row = id ? db().get('associate', id) : null;
  return row ? Number(col(row, 'ejuserId') ?? 0) : 0;
}

export const ticketView: View = {
  cls: 'NSTicketEntity',
  table: 'ticket',
  key: 'TicketId',
  cols: 'Title=title:s CreatedAt=created_at:d LastChanged=last_changed:d Activate=activate:d ClosedAt=closed_at:d Author=author:s BaseStatus=status:i Slevel=slevel:i ReadStatus=read_status:i Origin=origin:i Deadline=deadline:d AlertLevel=alert_level:i AlertTimeout=alert_timeout:d NumMessages=num_messages:i NumReplies=num_replies:i HasAttachment=has_attachment:b FromAddress=from_address:s ConnectId=connect_id:i RepliedAt=replied_at:d ReadByOwner=read_by_owner:d ReadByCustomer=read_by_customer:d FirstReadByUser=first_read_by_user:d TimeToReply=time_to_reply:i TimeToClose=time_to_close:i RealTimeToReply=real_time_to_reply:i RealTimeToClose=real_time_to_close:i TimeSpentInternally=time_spent_internally:i TimeSpentExternally=time_spent_externally:i TimeSpentQueue=time_spent_queue:i',
  refs: 'Category=category>NSTicketCategoryEntity Priority=priority>NSTicketPriorityEntity Status=ticket_status>NSTicketStatusEntity Person=cust_id>NSPerson',
  required: [['Title', 'the request title (SetTitle)']],
  custom: true,
  calc: (o, row) => {
    o.f.OwnedBy = associateOfUser(col(row, 'owned_by'));
    o.f.CreatedBy = associateOfUser(col(row, 'created_by'));
    // the request's messages as NSTicketMessage carriers (their view is registered by ticket-message.ts)
    const messages = viewOf('NSTicketMessage');
    o.f.Messages = messages ? loadWhere(messages, { ticket_id: Number(o.f.TicketId) }) : [];
  },
  extra: (o): CrmRow => {
    const owner = userOfAssociate(o.f.OwnedBy) || db().actor().userId;
    return { owned_by: owner, created_by: userOfAssociate(o.f.CreatedBy) || owner, last_changed: db().now() };
  },
};

export const ticketCategoryView: View = {
  cls: 'NSTicketCategoryEntity',
  table: 'ej_category',
  key: 'TicketCategoryId',
  cols: 'ParentId=parent_id:i Name=name:s CategoryMaster=category_master:i Fullname=fullname:s Flags=flags:i DelegateMethod=delegate_method:i ExternalName=external_name:s AssignmentLag=assignment_lag:i ReplyTemplate=reply_template:i NotificationEmail=notification_email:s ClosingStatus=closing_status:i MsgClosingStatus=msg_closing_status:i',
};

export const ticketStatusView: View = {
  cls: 'NSTicketStatusEntity',
  table: 'ticket_status',
  key: 'TicketStatusId',
  cols: 'Name=name:s Status=status:i TimeCounter=time_counter:i NoEmailReopen=no_email_reopen:b',
  ...ticketStatusDefault,
};

export const ticketPriorityView: View = {
  cls: 'NSTicketPriorityEntity',
  table: 'ticket_priority',
  key: 'TicketPriorityId',
  cols: 'Name=name:s Status=status:i Flags=flags:i SortOrder=sort_order:i Deadline=deadline:i',
};

// users, user groups and roles: user-views.ts

// ---- preferences (UserPreference rows; the section and key travel in the nested NSPreferenceSpec)

export const preferenceView: View = {
  cls: 'NSPreference',
  table: 'UserPreference',
  key: 'UserPreferenceId',
  cols: 'Level=deflevel:i RawValue=prefvalue:s TargetId=owner_id:i',
  calc: (o, row) => {
    o.f.DisplayValue = o.f.RawValue;
    o.f.Specification = nsObject('NSPreferenceSpec', { Section: String(col(row, 'prefsection') ?? ''), Key: String(col(row, 'prefkey') ?? '') });
  },
  extra: (o) => {
    const spec = o.f.Specification instanceof NSObject ? o.f.Specification : null;
    // the stored value is RawValue; a script that only set DisplayValue stores that
    const value = o.f.RawValue !== undefined && o.f.RawValue !== '' ? o.f.RawValue : o.f.DisplayValue;
    return { prefsection: String(spec?.f.Section ?? ''), prefkey: String(spec?.f.Key ?? ''), prefvalue: String(value ?? ''), maxlevel: Number(o.f.Level ?? 0) };
  },
};

register(currencyView, ticketView, ticketCategoryView, ticketStatusView, ticketPriorityView, preferenceView);
