// NSUserAgent's users (associate rows, user-views.ts): new users of a user type (with a person,
// a primary group and a role of that type), get, save (refusing what ValidateUser reports: a
// name in use, a missing person, a role of another type, ...), save by name, change of type,
// delete (with the user's role link and credentials).
import { CrmMap } from '../../map.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, load, loadRef, remove, save } from './view.js';
import { byId, empty, make, where, type Methods } from './define.js';
import { personUserName } from './user-names.js';
import { needsPerson, roleTypeOfUser, userRefusals, userView, USER_TYPE } from './user-views.js';
import { userIdOfName } from './credential-store.js';

/** The first user group that is not deleted, by rank (0 when there is none). */
function defaultGroup(): number {
  const rows = db().table('UserGroup') ? db().select('UserGroup', { where: [{ column: 'deleted', op: '=', value: 0 }], orderBy: [{ column: 'rank' }, { column: 'UserGroup_id' }], limit: 1 }) : [];
  return rows[0] ? Number(col(rows[0], 'UserGroup_id')) : 0;
}

/** The first role (not deleted, by rank) of the role type users of this type have (0 when there is none). */
export function defaultRole(type: number): number {
  const roleType = roleTypeOfUser(type);
  if (roleType < 0 || !db().table('Role')) return 0;
  const rows = db().select('Role', {
    where: [
      { column: 'roleType', op: '=', value: roleType },
      { column: 'deleted', op: '=', value: 0 },
    ],
    orderBy: [{ column: 'rank' }, { column: 'Role_id' }],
    limit: 1,
  });
  return rows[0] ? Number(col(rows[0], 'Role_id')) : 0;
}

/** A user name no user has: the person's first name in capitals (or "USER"), numbered when taken (user-names.ts). */
export const freeUserName = (personId: number): string => personUserName(personId, 0);

function userType(type: number, where: string): number {
  const t = Number(type);
  if (!(t >= USER_TYPE.employee && t <= USER_TYPE.system)) throw fail(where, `${type} is not a user type (1 employee, 2 resource, 3 external, 4 anonymous, 5 system)`);
  return t;
}

/** A new, unsaved user of a type with no person: the first group (employees) and the type's first role. */
export function defaultUser(type: number, where: string): NSObject {
  const t = userType(type, where);
  return make('NSUser', { AssociateId: 0, Type: t, UserGroup: loadRef('NSUserGroup', t === USER_TYPE.employee ? defaultGroup() : 0), Role: loadRef('NSRole', defaultRole(t)), Credentials: [], OtherGroups: [] });
}

/** A new, unsaved user of a type, for a person (0: none), with a free name, the first group and the type's first role. */
export function newUser(type: number, personId: number, where: string): NSObject {
  const t = userType(type, where);
  if (personId) {
    if (!db().get('person', personId)) throw fail(where, `there is no person with id ${personId}`);
    const user = db().select('associate', { where: [{ column: 'person_id', op: '=', value: personId }], limit: 1 })[0];
    if (user) throw fail(where, `the person ${personId} is already the user ${String(col(user, 'name'))}`);
  } else if (needsPerson(t)) throw fail(where, 'only system and anonymous users can be created without a person');
  return make('NSUser', {
    AssociateId: 0,
    Type: t,
    Name: personId ? freeUserName(personId) : '',
    Person: loadRef('NSPerson', personId),
    UserGroup: loadRef('NSUserGroup', t === USER_TYPE.employee ? defaultGroup() : 0),
    Role: loadRef('NSRole', defaultRole(t)),
    Credentials: [],
    OtherGroups: [],
  });
}

/** Saves a user after the checks of ValidateUser, and reads back what was stored. */
export function saveUser(method: string, o: NSObject): NSObject {
  const at = `NSUserAgent.${method}`;
  if (!(o instanceof NSObject)) throw fail(at, 'nothing to save');
  const refused = userRefusals(o)[0];
  if (refused) throw fail(at, refused[1]);
  const crm = db();
  const id = Number(o.f.AssociateId ?? 0);
  if (id && !crm.get('associate', id)) throw fail(at, `there is no user with id ${id}`);
  // the view writes the columns and, after them, the role link and a new password
  return load(userView, save(userView, o, at)) ?? empty(userView);
}

/** Deletes a user with its role link and credentials. */
export function deleteUser(id: number): void {
  const crm = db();
  for (const t of ['UserRoleLink', 'Credentials']) {
    if (!crm.table(t)) continue;
    const column = t === 'UserRoleLink' ? 'associate_id' : 'associateId';
    for (const r of crm.select(t, { where: [{ column, op: '=', value: id }] })) crm.delete(t, Number(col(r, crm.table(t)!.primaryKey)));
  }
  remove(userView, id);
}

/** ChangeUserType: the user with another type (and, when its role is for other users, the new type's first role); saved when it was. */
function changeType(u: NSObject, type: number): NSObject {
  const where = 'NSUserAgent.ChangeUserType';
  if (!(u instanceof NSObject)) throw fail(where, 'no user');
  const t = userType(type, where);
  const copy = make('NSUser', { ...u.f, Type: t });
  const roleId = copy.f.Role instanceof NSObject ? Number(copy.f.Role.f.Id ?? 0) : 0;
  const role = roleId && db().table('Role') ? db().get('Role', roleId) : null;
  if (!role || Number(col(role, 'roleType')) !== roleTypeOfUser(t)) copy.f.Role = loadRef('NSRole', defaultRole(t));
  return Number(copy.f.AssociateId ?? 0) ? saveUser('ChangeUserType', copy) : copy;
}

export const userMethods: Methods = {
  'CreateDefaultUser()': () => make('NSUser', { AssociateId: 0, Type: USER_TYPE.employee, UserGroup: loadRef('NSUserGroup', defaultGroup()), Role: loadRef('NSRole', defaultRole(USER_TYPE.employee)), Credentials: [], OtherGroups: [] }),
  'CreateDefaultUserFromUserType(Integer)': (_a: unknown, type: number) => defaultUser(type, 'NSUserAgent.CreateDefaultUserFromUserType'),
  'CreateDefaultUserFromUserTypeAndPersonId(Integer,Integer)': (_a: unknown, type: number, personId: number) =>
    newUser(type, personId, 'NSUserAgent.CreateDefaultUserFromUserTypeAndPersonId'),
  'GetUser(Integer)': (_a: unknown, id: number) => byId(userView, id),
  'GetUserFromName(String)': (_a: unknown, name: string) => where(userView, 'name', name, 1)[0] ?? byId(userView, 0),
  'GetUserFromPersonId(Integer)': (_a: unknown, personId: number) => where(userView, 'person_id', personId),
  'GetUserFromEjUserId(Integer)': (_a: unknown, ejUserId: number) => where(userView, 'ejuserId', ejUserId),
  'SaveUser(NSUser)': (_a: unknown, u: NSObject) => saveUser('SaveUser', u),
  'SaveUserFromName(String,NSUser)': (_a: unknown, name: string, u: NSObject) => {
    if (!(u instanceof NSObject)) throw fail('NSUserAgent.SaveUserFromName', 'nothing to save');
    const copy = make('NSUser', { ...u.f, AssociateId: userIdOfName(name, 'NSUserAgent.SaveUserFromName') });
    return saveUser('SaveUserFromName', copy);
  },
  'ValidateUser(NSUser)': (_a: unknown, u: NSObject) => {
    if (!(u instanceof NSObject)) throw fail('NSUserAgent.ValidateUser', 'nothing to validate');
    const m = new CrmMap();
    for (const [prop, message] of userRefusals(u)) if (!m.data.has(prop)) m.put(prop, message);
    return m;
  },
  'ChangeUserType(NSUser,Integer)': (_a: unknown, u: NSObject, type: number) => changeType(u, type),
  'DeleteUser(Integer)': (_a: unknown, id: number) => {
    deleteUser(id);
  },
  'DeleteUserFromName(String)': (_a: unknown, name: string) => {
    for (const u of where(userView, 'name', name)) deleteUser(Number(u.f.AssociateId));
  },
};
