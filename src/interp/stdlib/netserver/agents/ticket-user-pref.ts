// NSTicketAgent (ticket table), NSAssociateAgent (associate table) and NSPreferenceAgent
// (UserPreference table); NSUserAgent: users.ts and the files it names.
import type { NSObject } from '../object.js';
import { db, now } from './db.js';
import { col, register, remove, save, type View } from './view.js';
import { byId, byIds, carrierGets, entityCycle, make, where, type Methods } from './define.js';
import { associateView, fullName, lookup } from './people-views.js';
import { preferenceView, ticketView } from './misc-views.js';

const ticketCarrierView: View = {
  cls: 'NSTicket',
  table: 'ticket',
  key: 'TicketId',
  cols: 'Title=title:s CreatedAt=created_at:d LastChanged=last_changed:d Activate=activate:d ClosedAt=closed_at:d Author=author:s BaseStatus=status:i Slevel=slevel:i ReadStatus=read_status:i Origin=origin:i Deadline=deadline:d NumMessages=num_messages:i NumReplies=num_replies:i HasAttachment=has_attachment:b FromAddress=from_address:s ConnectId=connect_id:i Category=category:i Priority=priority:i TicketStatus=ticket_status:i OwnedBy=owned_by:i CreatedBy=created_by:i CustId=cust_id:i',
  calc: (o) => {
    o.f.CategoryName = lookup('ej_category', o.f.Category, 'name');
    o.f.CategoryFullname = lookup('ej_category', o.f.Category, 'fullname') || o.f.CategoryName;
    o.f.PriorityName = lookup('ticket_priority', o.f.Priority, 'name');
    o.f.TicketStatusDisplayValue = lookup('ticket_status', o.f.TicketStatus, 'name');
    o.f.OwnedByName = lookup('ejuser', o.f.OwnedBy, 'username');
    o.f.CreatedByName = lookup('ejuser', o.f.CreatedBy, 'username');
    const p = o.f.CustId;
    o.f.PersonFirstname = lookup('person', p, 'firstname');
    o.f.PersonLastname = lookup('person', p, 'lastname');
    o.f.PersonMiddleName = lookup('person', p, 'middleName');
    o.f.PersonFullname = fullName(o.f.PersonFirstname, o.f.PersonMiddleName, o.f.PersonLastname);
  },
};
register(ticketCarrierView);

/** The first row id of a table, for defaults such as a new request's category and status. */
function firstId(table: string, column = 'id'): number {
  const r = db().select(table, { orderBy: [{ column }], limit: 1 })[0];
  return r ? Number(col(r, column) ?? 0) : 0;
}

export const ticketAgent: Methods = {
  ...entityCycle('NSTicketAgent', 'Ticket', ticketView, () => {
    const user = db().actor().userId;
    const o = make('NSTicketEntity', { TicketId: 0, CreatedAt: now(), BaseStatus: 1, Slevel: 1, ReadStatus: 1, Origin: 0 });
    o.f.Category = make('NSTicketCategoryEntity', { TicketCategoryId: firstId('ej_category') });
    o.f.Status = make('NSTicketStatusEntity', { TicketStatusId: firstId('ticket_status') });
    o.f.Priority = make('NSTicketPriorityEntity', { TicketPriorityId: firstId('ticket_priority') });
    o.f.OwnedBy = make('NSAssociate', { EjUserId: user, AssociateId: db().actor().associateId });
    o.f.CreatedBy = o.f.OwnedBy;
    return o;
  }),
  'GetTicket(Integer)': (_a: unknown, id: number) => byId(ticketCarrierView, id),
  'GetTickets(Integer[])': (_a: unknown, ids: number[]) => byIds(ticketCarrierView, ids),
};

export const associateAgent: Methods = {
  ...carrierGets('Associate', associateView),
  'GetAssociateByPersonId(Integer)': (_a: unknown, personId: number) => where(associateView, 'person_id', personId, 1)[0] ?? byId(associateView, 0),
  'GetAssociatesByGroup(Integer,Integer)': (_a: unknown, groupId: number) => where(associateView, 'group_idx', groupId),
};

/** PreferenceLevel values (UserPreference.deflevel) whose owner_id names a group or a user. */
const PREF_LEVEL = { group: 4, individual: 5 };

/**
 * Preferences with this section and key that apply to the run's user, the most specific (the
 * user's own) first: system-wide levels, the user's group's (owner_id is the group) and the
 * user's own (owner_id is the associate) — never another user's or another group's.
 */
export function preferencesNamed(section: string, key: string): NSObject[] {
  const me = db().actor().associateId;
  const myGroup = Number(lookup('associate', me, 'group_idx') || 0);
  const applies = (level: number, owner: number): boolean => (level >= PREF_LEVEL.individual ? owner === me : level === PREF_LEVEL.group ? owner === myGroup : true);
  return db()
    .select('UserPreference', { where: [{ column: 'prefsection', op: '=', value: section }, { column: 'prefkey', op: '=', value: key }], orderBy: [{ column: 'deflevel', descending: true }] })
    .filter((r) => applies(Number(col(r, 'deflevel') ?? 0), Number(col(r, 'owner_id') ?? 0)))
    .map((r) => byId(preferenceView, Number(col(r, 'userpreference_id'))));
}

export function savePreference(where: string, p: NSObject): NSObject {
  if (!Number(p.f.TargetId ?? 0) && Number(p.f.Level ?? 0) >= PREF_LEVEL.individual) p.f.TargetId = db().actor().associateId;
  const id = save(preferenceView, p, where);
  return byId(preferenceView, id);
}

export const preferenceAgent: Methods = {
  'CreateDefaultPreference()': () => make('NSPreference', { UserPreferenceId: 0, Level: 5, Specification: make('NSPreferenceSpec', { Section: '', Key: '' }) }),
  'GetPreference(Integer)': (_a: unknown, id: number) => byId(preferenceView, id),
  'GetPreferenceByName(String,String,Integer)': (_a: unknown, section: string, key: string) => preferencesNamed(section, key)[0] ?? byId(preferenceView, 0),
  'SavePreference(NSPreference)': (_a: unknown, p: NSObject) => {
    savePreference('NSPreferenceAgent.SavePreference', p);
  },
  'SavePreferenceEntity(NSPreference,Bool)': (_a: unknown, p: NSObject) => savePreference('NSPreferenceAgent.SavePreferenceEntity', p),
  'SavePreferences(NSPreference[])': (_a: unknown, list: NSObject[]) => {
    for (const p of list ?? []) savePreference('NSPreferenceAgent.SavePreferences', p);
  },
  'DeletePreference(Integer)': (_a: unknown, id: number) => {
    remove(preferenceView, id);
  },
  'DeletePreferences(Integer[])': (_a: unknown, ids: number[]) => {
    for (const id of ids ?? []) remove(preferenceView, id);
  },
  'DeleteFromSectionAndKey(String,String)': (_a: unknown, section: string, key: string) => {
    for (const p of preferencesNamed(section, key)) remove(preferenceView, Number(p.f.UserPreferenceId));
  },
  'GetPreferences(NSPreferenceSpec[])': (_a: unknown, specs: NSObject[]) =>
    (specs ?? []).flatMap((s) => preferencesNamed(String(s.f.Section ?? ''), String(s.f.Key ?? '')).slice(0, 1)),
};
