// NSUserAgent's user groups (UserGroup rows), users as NSUserInfo (name, type, group, role and
// whether they can log on) and ResolveUserFromInfo: the user of a person found by e-mail or
// name, made for the person when it has none, the person made too when none is found.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject, nsObject } from '../object.js';
import { db, fail } from './db.js';
import { col, lookup, save } from './view.js';
import { byId, byIds, make, saved, type Methods } from './define.js';
import { fullName, personEntityView } from './people-views.js';
import { roleIdOf, userGroupView, userTypeOf, userView } from './user-views.js';
import { newUser, saveUser } from './users.js';
import { PASSWORD, savePassword, USAGE } from './credential-store.js';

function groupRows(includeDeleted: boolean): CrmRow[] {
  if (!db().table('UserGroup')) return [];
  return db().select('UserGroup', { where: includeDeleted ? [] : [{ column: 'deleted', op: '=', value: 0 }], orderBy: [{ column: 'rank' }, { column: 'UserGroup_id' }] });
}

/** A user as NSUserInfo, or null when there is no such associate. */
function userInfo(id: number): NSObject | null {
  const row = id ? db().get('associate', id) : null;
  if (!row) return null;
  const group = Number(col(row, 'group_idx') ?? 0);
  const role = roleIdOf(id);
  const deleted = Number(col(row, 'deleted') ?? 0) !== 0;
  const inbound = db().table('Credentials') ? db().count('Credentials', [{ column: 'associateId', op: '=', value: id }, { column: 'isActive', op: '=', value: USAGE.inbound }]) : 0;
  return nsObject('NSUserInfo', {
    UserInfoId: id,
    UserName: String(col(row, 'name') ?? ''),
    PersonId: Number(col(row, 'person_id') ?? 0),
    EjUserId: Number(col(row, 'ejuserId') ?? 0),
    Rank: Number(col(row, 'rank') ?? 0),
    Tooltip: String(col(row, 'tooltip') ?? ''),
    Deleted: deleted,
    UserType: userTypeOf(col(row, 'type')),
    UserGroupId: group,
    UserGroupName: lookup('UserGroup', group, 'name'),
    UserGroupTooltip: lookup('UserGroup', group, 'tooltip'),
    RoleName: lookup('Role', role, 'name'),
    RoleTooltip: lookup('Role', role, 'tooltip'),
    // logging on takes an inbound credential (a password); the sandbox has no licenses to grant
    CanLogon: !deleted && inbound > 0,
    GrantedLicenses: [],
  });
}

const strings = (list: unknown): string[] => (Array.isArray(list) ? list.map((x) => String(x ?? '').trim()).filter(Boolean) : []);

/** The person a script describes: one with one of the e-mail addresses, else one with the full name (in the company when one is given). */
function findPerson(contactId: number, name: string, emails: string[]): number {
  const inContact = (r: CrmRow): boolean => !contactId || Number(col(r, 'contact_id') ?? 0) === contactId;
  for (const e of emails) {
    const hit = db()
      .select('Email', { where: [{ column: 'email_address', op: '=', value: e }], orderBy: [{ column: 'email_id' }] })
      .find((r) => Number(col(r, 'person_id') ?? 0) > 0 && inContact(r));
    if (hit) return Number(col(hit, 'person_id'));
  }
  const wanted = name.trim().toLowerCase();
  if (!wanted) return 0;
  const where = contactId ? [{ column: 'contact_id', op: '=' as const, value: contactId }] : [];
  const hit = db()
    .select('person', { where, orderBy: [{ column: 'person_id' }] })
    .find((r) => fullName(col(r, 'firstname'), col(r, 'middleName'), col(r, 'lastname')).toLowerCase() === wanted);
  return hit ? Number(col(hit, 'person_id')) : 0;
}

function resolveUser(args: unknown[]): NSObject {
  const at = 'NSUserAgent.ResolveUserFromInfo';
  const [contactId, personName, phones, emails, type, credential] = args as [number, string, unknown, unknown, number, NSObject | undefined];
  const mails = strings(emails);
  let personId = findPerson(Number(contactId ?? 0), String(personName ?? ''), mails);
  let created = false;
  if (!personId) {
    const name = String(personName ?? '').trim();
    if (!name && !mails.length) throw fail(at, 'no person to resolve: give a name or an e-mail address');
    if (contactId && !db().get('contact', contactId)) throw fail(at, `there is no company with id ${contactId}`);
    const parts = (name || mails[0].split('@')[0]).split(/\s+/);
    const last = parts.length > 1 ? parts.pop()! : '';
    const person = make('NSPersonEntity', {
      PersonId: 0,
      Firstname: parts.join(' '),
      Lastname: last,
      Contact: nsObject('NSContact', { ContactId: Number(contactId ?? 0) }),
      Emails: mails.map((v) => nsObject('NSEntityElement', { Value: v, Description: '' })),
      OfficePhones: strings(phones).map((v) => nsObject('NSEntityElement', { Value: v, Description: '' })),
    });
    personId = save(personEntityView, person, at);
    created = true;
  }
  const existing = db().select('associate', { where: [{ column: 'person_id', op: '=', value: personId }], limit: 1 })[0];
  let user: NSObject;
  if (existing) user = byId(userView, Number(col(existing, 'associate_id')));
  else {
    user = saveUser('ResolveUserFromInfo', newUser(type, personId, at));
    const ctype = credential instanceof NSObject && credential.f.Type instanceof NSObject ? String(credential.f.Type.f.Type ?? '') : '';
    if (ctype === PASSWORD && String(credential?.f.Value ?? '') !== '') savePassword(Number(user.f.AssociateId), String(credential!.f.Value), at);
    else if (ctype) throw fail(at, `the sandbox has no credential type "${ctype}" (it has ${PASSWORD})`);
    if (ctype) user = byId(userView, Number(user.f.AssociateId));
  }
  return nsObject('NSResolvedUser', { User: user, PersonCreated: created });
}

export const userInfoMethods: Methods = {
  'GetAllUserGroups(Bool)': (_a: unknown, includeDeleted: boolean) => groupRows(!!includeDeleted).map((r) => byId(userGroupView, Number(col(r, 'UserGroup_id')))),
  'GetUserGroup(Integer)': (_a: unknown, id: number) => byId(userGroupView, id),
  'GetUserGroupList(Integer[])': (_a: unknown, ids: number[]) => byIds(userGroupView, ids),
  'SaveUserGroup(NSUserGroup)': (_a: unknown, g: NSObject) => saved('NSUserAgent', 'SaveUserGroup', userGroupView, g),
  'CreateUserGroup()': () => {
    const rank = Math.max(0, ...groupRows(true).map((r) => Number(col(r, 'rank') ?? 0))) + 1;
    return make('NSUserGroup', { Id: 0, Value: '', Tooltip: '', Rank: rank, Deleted: false });
  },
  'DeleteUserGroup(Integer,Integer)': (_a: unknown, id: number, moveTo: number) => {
    const at = 'NSUserAgent.DeleteUserGroup';
    const crm = db();
    if (!id || !crm.get('UserGroup', id)) throw fail(at, `there is no user group with id ${id}`);
    const members = crm.select('associate', { where: [{ column: 'group_idx', op: '=', value: id }] });
    const target = moveTo ? crm.get('UserGroup', moveTo) : null;
    if (members.length && (!target || moveTo === id || Number(col(target, 'deleted') ?? 0)))
      throw fail(at, `the user group ${id} has ${members.length} member(s); name another user group (not deleted) to move them to, not ${moveTo}`);
    for (const m of members) crm.update('associate', Number(col(m, 'associate_id')), { group_idx: moveTo, updated: crm.now(), updated_associate_id: crm.actor().associateId });
    // other rows keep their link to the group, which stays as a deleted (hidden) group
    crm.update('UserGroup', id, { deleted: 1, updated: crm.now(), updated_associate_id: crm.actor().associateId });
  },
  'GetUserInfo(Integer)': (_a: unknown, id: number) => userInfo(id) ?? nsObject('NSUserInfo', { UserInfoId: 0 }),
  'GetUserInfoList(Integer[])': (_a: unknown, ids: number[]) => (ids ?? []).map((id) => userInfo(Number(id))).filter((o): o is NSObject => !!o),
  'ResolveUserFromInfo(Integer,String,String[],String[],Integer)': (_a: unknown, ...args: unknown[]) => resolveUser(args),
  'ResolveUserFromInfo(Integer,String,String[],String[],Integer,NSCredential)': (_a: unknown, ...args: unknown[]) => resolveUser(args),
};
