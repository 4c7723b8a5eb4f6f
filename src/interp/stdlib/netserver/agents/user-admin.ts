// NSUserAgent's retiring of users and its external users. Retiring sets associate.deleted and
// the person's retired flag (and back); the sandbox grants no licenses, so there are none to
// take away. External users are associates of type external with a person, a role of the
// external role type and, when given, a password; one made inactive is stored retired
// (associate.deleted), so it cannot log on; SetExternalUserInfo changes the parts its flags name
// (user name, password, role, active). Retiring and external users need a role holding
// admin-all or admin-users (a new password of an external user: that user itself too).
// CreateDefaultUserFromUserTypeAndCredential makes an unsaved user with a password credential.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { nsObject, type NSObject } from '../object.js';
import { col, loadRef } from './view.js';
import { amend, make, type Methods } from './define.js';
import { userHasRight } from './roles.js';
import { setRoleOf, USER_TYPE, userTypeOf } from './user-views.js';
import { defaultUser, deleteUser, newUser, saveUser } from './users.js';
import { passwordProblem, userNameProblem, validUserName } from './user-names.js';
import { credentialType, PASSWORD, savePassword, userIdOfName } from './credential-store.js';
import { ADMIN_RIGHTS, generated } from './credentials.js';

/** RoleType of external users' roles. */
const EXTERNAL_ROLE = 1;

const me = (): number => db().actor().associateId;

/** Fails unless the run's user's role holds an administrator's right. */
function mustAdminister(where: string): void {
  if (!userHasRight(me(), ADMIN_RIGHTS)) throw fail(where, `the run's user may not administer users (its role holds neither ${ADMIN_RIGHTS.join(' nor ')})`);
}

function userRow(id: number, where: string): CrmRow {
  const row = Number(id) ? db().get('associate', Number(id)) : null;
  if (!row) throw fail(where, `there is no user with id ${id}`);
  return row;
}

function externalRow(id: number, where: string): CrmRow {
  const row = userRow(id, where);
  if (userTypeOf(col(row, 'type')) !== USER_TYPE.external) throw fail(where, `the user ${String(col(row, 'name'))} (${id}) is not an external user`);
  return row;
}

function retire(id: number, retired: boolean): void {
  const where = 'NSUserAgent.MakeRetired';
  const row = userRow(id, where);
  mustAdminister(where);
  if (retired && Number(id) === me()) throw fail(where, "the run's user cannot retire itself");
  amend('associate', Number(id), { deleted: retired ? 1 : 0 }, where, 'user');
  const personId = Number(col(row, 'person_id') ?? 0);
  if (personId && db().get('person', personId)) amend('person', personId, { retired: retired ? 1 : 0 }, where, 'person');
}

function createExternal(personId: number, userName: string, password: string, roleId: number, active: boolean): number {
  const where = 'NSUserAgent.CreateExternalUser';
  mustAdminister(where);
  const user = newUser(USER_TYPE.external, Number(personId ?? 0), where);
  const name = String(userName ?? '') || String(user.f.Name);
  const wrongName = userNameProblem(0, name);
  if (wrongName) throw fail(where, wrongName);
  user.f.Name = name;
  if (Number(roleId)) user.f.Role = loadRef('NSRole', Number(roleId));
  const secret = String(password ?? '');
  const wrongPassword = secret ? passwordProblem(USER_TYPE.external, name, Number(personId), secret) : '';
  if (wrongPassword) throw fail(where, wrongPassword);
  const id = Number(saveUser('CreateExternalUser', user).f.AssociateId);
  if (secret) savePassword(id, secret, where);
  if (!active) amend('associate', id, { deleted: 1 }, where, 'user');
  return id;
}

/** ExternalUserInfoModification flags. */
const CHANGE = { userName: 1, password: 2, role: 4, active: 8 };

function setExternal(id: number, name: string, password: string, active: boolean, roleId: number, flags: number): void {
  const where = 'NSUserAgent.SetExternalUserInfo';
  const row = externalRow(id, where);
  mustAdminister(where);
  const userName = flags & CHANGE.userName ? String(name ?? '') : String(col(row, 'name') ?? '');
  const wrongName = flags & CHANGE.userName ? userNameProblem(id, userName) : '';
  if (wrongName) throw fail(where, wrongName);
  const wrongPassword = flags & CHANGE.password ? passwordProblem(USER_TYPE.external, userName, Number(col(row, 'person_id') ?? 0), String(password ?? '')) : '';
  if (wrongPassword) throw fail(where, wrongPassword);
  const role = flags & CHANGE.role && Number(roleId) && db().table('Role') ? db().get('Role', Number(roleId)) : null;
  if (flags & CHANGE.role && Number(col(role ?? {}, 'roleType') ?? -1) !== EXTERNAL_ROLE) throw fail(where, `there is no role of external users with id ${roleId}`);
  const changes: CrmRow = {};
  if (flags & CHANGE.userName) changes.name = userName;
  if (flags & CHANGE.active) changes.deleted = active ? 0 : 1;
  amend('associate', id, changes, where, 'user');
  if (flags & CHANGE.password) savePassword(id, String(password), where);
  if (role) setRoleOf(id, Number(roleId));
}

/**
 * A new, unsaved user of a type with a credential (SoPassword only: the password, its display
 * value the user name, made valid) and a person yet to be made in a company (0: none).
 */
function userFromCredential(type: number, contactId: number, ctype: string, value: string, display: string): NSObject {
  const where = 'NSUserAgent.CreateDefaultUserFromUserTypeAndCredential';
  if (String(ctype ?? '') !== PASSWORD) throw fail(where, `the sandbox has no credential type "${String(ctype ?? '')}" (it has ${PASSWORD})`);
  if (Number(contactId) && !db().get('contact', Number(contactId))) throw fail(where, `there is no company with id ${contactId}`);
  const user = defaultUser(type, where);
  const shown = String(display ?? '');
  user.f.Name = shown ? validUserName(0, 0, shown) : '';
  user.f.Person = make('NSPerson', { PersonId: 0, ContactId: Number(contactId) || 0 });
  user.f.Credentials = [nsObject('NSCredential', { Type: credentialType(PASSWORD), Value: String(value ?? ''), DisplayValue: shown })];
  return user;
}

export const userAdmin: Methods = {
  'CreateDefaultUserFromUserTypeAndCredential(Integer,Integer,String,String,String)': (_a: unknown, type: number, contactId: number, ctype: string, value: string, display: string) =>
    userFromCredential(type, contactId, ctype, value, display),
  'SetExternalUserInfo(Integer,String,String,Bool,Integer,Integer)': (_a: unknown, id: number, name: string, password: string, active: boolean, roleId: number, flags: number) =>
    setExternal(Number(id), name, password, !!active, roleId, Number(flags ?? 0)),
  'MakeRetired(Integer,Bool)': (_a: unknown, id: number, retired: boolean) => {
    retire(id, !!retired);
  },
  'CreateExternalUser(Integer,String,String,Integer,Bool)': (_a: unknown, personId: number, name: string, password: string, roleId: number, active: boolean) =>
    createExternal(personId, name, password, roleId, !!active),
  'DeleteExternalUser(Integer)': (_a: unknown, id: number) => {
    const where = 'NSUserAgent.DeleteExternalUser';
    externalRow(id, where);
    mustAdminister(where);
    deleteUser(Number(id));
  },
  'GenerateNewPasswordForExternalUser(String)': (_a: unknown, name: string) => {
    const where = 'NSUserAgent.GenerateNewPasswordForExternalUser';
    const id = userIdOfName(String(name ?? ''), where);
    externalRow(id, where);
    return generated(id, where);
  },
};
