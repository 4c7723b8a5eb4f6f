// Users (associate rows) as NSUser, with their primary group (UserGroup), their role (the role
// UserRoleLink gives them) and their credentials (Credentials rows of inbound use); user groups
// as NSUserGroup and roles as NSRole. NetServer's AssociateType (1 employee ... 5 system) is
// what scripts see; the associate table keeps SuperOffice's stored type bits (0, 1, 4, 7, 13).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject, nsObject } from '../object.js';
import { db } from './db.js';
import { col, idOf, LIST_TABLE_COLS, load, loadRef, lookup, refusals, register, type View } from './view.js';
import { associateName } from './people-views.js';
import { credentialType, PASSWORD, savePassword } from './credential-store.js';

/** NetServer's AssociateType values. */
export const USER_TYPE = { unknown: 0, employee: 1, resource: 2, external: 3, anonymous: 4, system: 5 };

/** associate.type as SuperOffice stores it, by NetServer AssociateType. */
const STORED_TYPE: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 4, 4: 7, 5: 13 };

/** The NetServer AssociateType of a stored associate.type. */
export function userTypeOf(stored: unknown): number {
  const s = Number(stored ?? 0);
  for (const t of [1, 2, 3, 4, 5]) if (STORED_TYPE[t] === s) return t;
  return USER_TYPE.unknown;
}

/** The stored associate.type of a NetServer AssociateType (unknown types are stored as employees). */
export const storedType = (type: unknown): number => STORED_TYPE[Number(type ?? 0)] ?? 0;

/** The RoleType a user type's role has (-1: a resource has no role). */
export function roleTypeOfUser(type: number): number {
  return { 1: 0, 3: 1, 4: 2, 5: 3 }[type] ?? (type === USER_TYPE.unknown ? 0 : -1);
}

/** Whether users of this type must be a person (only system and anonymous users may be without one). */
export const needsPerson = (type: number): boolean => type !== USER_TYPE.system && type !== USER_TYPE.anonymous;

export const userGroupView: View = {
  cls: 'NSUserGroup',
  table: 'UserGroup',
  key: 'Id',
  cols: 'Value=name:s Tooltip=tooltip:s Rank=rank:i Deleted=deleted:b',
  required: [['Value', 'the user group name (SetValue)']],
};

export const roleView: View = { cls: 'NSRole', table: 'Role', key: 'Id', cols: 'Value=name:s Tooltip=tooltip:s' };

/** The UserRoleLink row of an associate, or null. */
export function roleLinkOf(associateId: number): CrmRow | null {
  if (!associateId || !db().table('UserRoleLink')) return null;
  return db().select('UserRoleLink', { where: [{ column: 'associate_id', op: '=', value: associateId }], orderBy: [{ column: 'UserRoleLink_id' }], limit: 1 })[0] ?? null;
}

/** The role id of an associate (0 for none). */
export const roleIdOf = (associateId: number): number => Number(col(roleLinkOf(associateId) ?? {}, 'role_id') ?? 0);

/** Gives an associate a role (0: none), replacing the one it had. */
export function setRoleOf(associateId: number, roleId: number): void {
  const crm = db();
  const link = roleLinkOf(associateId);
  if (link && Number(col(link, 'role_id')) === roleId) return;
  if (link) {
    const id = Number(col(link, 'UserRoleLink_id'));
    if (roleId) crm.update('UserRoleLink', id, { role_id: roleId, updated: crm.now(), updated_associate_id: crm.actor().associateId });
    else crm.delete('UserRoleLink', id);
  } else if (roleId) crm.insert('UserRoleLink', { associate_id: associateId, role_id: roleId, linkType: 0, encryptedCheck: '', registered: crm.now(), registered_associate_id: crm.actor().associateId });
}

/** An associate's inbound credentials as NSCredential carriers (a password's value is never shown). */
export function credentialsOf(associateId: number): NSObject[] {
  if (!associateId || !db().table('Credentials')) return [];
  return db()
    .select('Credentials', { where: [{ column: 'associateId', op: '=', value: associateId }, { column: 'isActive', op: '=', value: 1 }], orderBy: [{ column: 'Credentials_id' }] })
    .map((r) => {
      const type = String(col(r, 'credentialType') ?? '');
      const shown = String(col(r, 'displayName') ?? '') || String(col(r, 'searchName') ?? '');
      return nsObject('NSCredential', { Type: credentialType(type), Value: type === PASSWORD ? '' : String(col(r, 'searchName') ?? ''), DisplayValue: shown });
    });
}

export const userView: View = {
  cls: 'NSUser',
  table: 'associate',
  key: 'AssociateId',
  cols: `${LIST_TABLE_COLS} UserName=userName:s EjUserId=ejuserId:i Lastlogin=lastlogin:d Lastlogout=lastlogout:d WaitingForApproval=waiting_for_approval:b`,
  refs: 'Person=person_id>NSPerson UserGroup=group_idx>NSUserGroup',
  required: [['Name', 'the user name (SetName)']],
  calc: (o, row) => {
    const id = Number(o.f.AssociateId);
    o.f.Type = userTypeOf(col(row, 'type'));
    o.f.DisplayName = associateName(id) || String(o.f.Name);
    o.f.Role = loadRef('NSRole', roleIdOf(id));
    o.f.Credentials = credentialsOf(id);
    o.f.OtherGroups = [];
    o.f.IsPersonRetired = Number(lookup('person', col(row, 'person_id'), 'retired') || 0) !== 0;
  },
  extra: (o) => ({ type: storedType(o.f.Type) }),
  afterSave: (o, id) => {
    if (o.f.Role instanceof NSObject) setRoleOf(id, idOf(o.f.Role));
    for (const c of Array.isArray(o.f.Credentials) ? (o.f.Credentials as NSObject[]) : []) {
      const type = c?.f.Type instanceof NSObject ? String(c.f.Type.f.Type ?? '') : '';
      if (type === PASSWORD && String(c.f.Value ?? '') !== '') savePassword(id, String(c.f.Value));
    }
  },
};

/**
 * What a save of a user would refuse, property by property: the view's own checks, then a name
 * another user has, a person that is missing or already another user, a role that does not exist
 * or is of another role type, other groups (the sandbox has no UserGroupLink table) and
 * credentials of a type the sandbox does not know.
 */
export function userRefusals(o: NSObject): [prop: string, message: string][] {
  const out = refusals(userView, o);
  const id = Number(o.f.AssociateId ?? 0);
  const type = Number(o.f.Type ?? 0);
  const name = String(o.f.Name ?? '');
  // user names are unique in any letter case (user-names.ts)
  const same = name ? db().select('associate', {}).find((r) => String(col(r, 'name') ?? '').toLowerCase() === name.toLowerCase() && Number(col(r, 'associate_id')) !== id) : undefined;
  if (same) out.push(['Name', `the user name ${name} is taken by the user ${Number(col(same, 'associate_id'))}`]);
  const personId = idOf(o.f.Person);
  if (!personId && needsPerson(type)) out.push(['Person', 'a user of this type must be a person (only system and anonymous users can be without one)']);
  const other = personId ? db().select('associate', { where: [{ column: 'person_id', op: '=', value: personId }] }).find((r) => Number(col(r, 'associate_id')) !== id) : undefined;
  if (other) out.push(['Person', `the person ${personId} is already the user ${String(col(other, 'name'))}`]);
  const roleId = idOf(o.f.Role);
  const role = roleId && db().table('Role') ? db().get('Role', roleId) : null;
  if (roleId && !role) out.push(['Role', `Role ${roleId} does not exist (there is no Role row with that id)`]);
  else if (role && Number(col(role, 'roleType')) !== roleTypeOfUser(type))
    out.push(['Role', `the role ${String(col(role, 'name'))} is for another type of user (role type ${Number(col(role, 'roleType'))})`]);
  if (Array.isArray(o.f.OtherGroups) && o.f.OtherGroups.length) out.push(['OtherGroups', "the sandbox CRM has no UserGroupLink table (a user's other groups)"]);
  for (const c of Array.isArray(o.f.Credentials) ? (o.f.Credentials as NSObject[]) : []) {
    const t = c?.f.Type instanceof NSObject ? String(c.f.Type.f.Type ?? '') : '';
    if (t !== PASSWORD) out.push(['Credentials', `the sandbox has no credential type "${t}" (it has ${PASSWORD})`]);
  }
  return out;
}

/** A user by id, or null. */
export const userById = (id: number): NSObject | null => load(userView, id);

register(userView, userGroupView, roleView);
