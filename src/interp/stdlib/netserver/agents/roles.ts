// NSUserAgent's roles (Role rows) and functional rights (FunctionRight rows, held by roles through
// FunctionRightRoleLink): role entities with their data rights (data-rights.ts), the roles of a
// role type, a role's functional rights and the roles that hold (or lack) some.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail, fromDb } from './db.js';
import { col, loadRef, register, save, type View } from './view.js';
import { byId, make, type Methods } from './define.js';
import { dataRightsOf, deleteDataRights, writeDataRights } from './data-rights.js';
import { roleIdOf, roleView } from './user-views.js';

/** RoleType values: employee, external user, anonymous, system. */
const ROLE_TYPES = [0, 1, 2, 3];

const roleEntityView: View = {
  cls: 'NSRoleEntity',
  table: 'Role',
  key: 'RoleId',
  cols: 'Name=name:s Tooltip=tooltip:s Rank=rank:i Deleted=deleted:i RoleType=roleType:i UseCategories=use_categories:i',
  required: [['Name', 'the role name (SetName)']],
  calc: (o, row) => {
    o.f.Created = fromDb(col(row, 'registered'), 'd');
    o.f.CreatedBy = loadRef('NSAssociate', Number(col(row, 'registered_associate_id') ?? 0));
    o.f.Updated = fromDb(col(row, 'updated'), 'd');
    o.f.UpdatedBy = loadRef('NSAssociate', Number(col(row, 'updated_associate_id') ?? 0));
    o.f.DataRights = dataRightsOf(Number(o.f.RoleId), Number(o.f.RoleType));
  },
  extra: (): CrmRow => ({ encryptedCheck: '' }),
};
register(roleEntityView);

function roleType(type: number, where: string): number {
  if (!ROLE_TYPES.includes(Number(type))) throw fail(where, `${type} is not a role type (0 employee, 1 external user, 2 anonymous, 3 system)`);
  return Number(type);
}

function rows(table: string, where: CrmRow = {}): CrmRow[] {
  if (!db().table(table)) return [];
  const pk = db().table(table)!.primaryKey;
  return db().select(table, { where: Object.entries(where).map(([column, value]) => ({ column, op: '=' as const, value })), orderBy: [{ column: pk }] });
}

/** A list item of a role or a functional right. */
function item(cls: string, id: number, name: string, tooltip: string, rank: number, selected: boolean, type: string): NSObject {
  const o = make(cls, { Id: id, Name: name, FullName: name, ToolTip: tooltip, Rank: rank, Deleted: false, Type: type, ChildItems: [], ExtraInfo: '', StyleHint: '', IconHint: '', ColorBlock: 0 });
  if (cls === 'NSSelectableMDOListItem') Object.assign(o.f, { Selected: selected, Hidden: false });
  return o;
}

const roleItem = (r: CrmRow, cls = 'NSSelectableMDOListItem'): NSObject =>
  item(cls, Number(col(r, 'Role_id')), String(col(r, 'name') ?? ''), String(col(r, 'tooltip') ?? ''), Number(col(r, 'rank') ?? 0), false, 'roles');

const rightItem = (r: CrmRow, selected: boolean): NSObject =>
  item('NSSelectableMDOListItem', Number(col(r, 'FunctionRight_id')), String(col(r, 'name') ?? ''), '', Number(col(r, 'FunctionRight_id')), selected, 'functionrights');

/** The roles that are not deleted, by rank. */
const liveRoles = (): CrmRow[] => rows('Role', { deleted: 0 }).sort((a, b) => Number(col(a, 'rank') ?? 0) - Number(col(b, 'rank') ?? 0));

/** The ids of the functional rights a role holds. */
export function rightIdsOf(roleId: number): number[] {
  return rows('FunctionRightRoleLink', { roleId }).map((r) => Number(col(r, 'functionRightId')));
}

/** The names of the functional rights an associate's role holds (none without a role). */
export function rightNamesOf(associateId: number): string[] {
  const held = new Set(rightIdsOf(roleIdOf(associateId)));
  return rows('FunctionRight')
    .filter((r) => held.has(Number(col(r, 'FunctionRight_id'))))
    .map((r) => String(col(r, 'name') ?? ''));
}

/** Whether an associate's role holds one of these functional rights (by name). */
export function userHasRight(associateId: number, names: string[]): boolean {
  return rightNamesOf(associateId).some((n) => names.includes(n));
}

/** The ids of the functional rights with these names (names the sandbox does not have are left out). */
function rightIdsNamed(names: unknown): Set<number> {
  const wanted = new Set((Array.isArray(names) ? names : []).map((n) => String(n).toLowerCase()));
  return new Set(rows('FunctionRight').filter((r) => wanted.has(String(col(r, 'name') ?? '').toLowerCase())).map((r) => Number(col(r, 'FunctionRight_id'))));
}

/** The roles that hold any (or, with `without`, none) of the named functional rights. */
function rolesByRights(names: unknown, without: boolean): number[] {
  const ids = rightIdsNamed(names);
  return liveRoles()
    .map((r) => Number(col(r, 'Role_id')))
    .filter((role) => rightIdsOf(role).some((id) => ids.has(id)) !== without);
}

function saveRole(o: NSObject): NSObject {
  const where = 'NSUserAgent.SaveRoleEntity';
  if (!(o instanceof NSObject)) throw fail(where, 'nothing to save');
  if (!db().table('Role')) throw fail(where, 'the sandbox CRM has no Role table');
  const id = Number(o.f.RoleId ?? 0);
  const type = roleType(Number(o.f.RoleType ?? 0), where);
  const old = id ? db().get('Role', id) : null;
  if (old && Number(col(old, 'roleType')) !== type) throw fail(where, `the role type of a role cannot change (role ${id} is of role type ${Number(col(old, 'roleType'))})`);
  const saved = save(roleEntityView, o, where);
  writeDataRights(saved, type, o.f.DataRights, where);
  return byId(roleEntityView, saved);
}

function newRole(type: number, where: string): NSObject {
  const t = roleType(type, where);
  const rank = Math.max(0, ...rows('Role').map((r) => Number(col(r, 'rank') ?? 0))) + 1;
  return make('NSRoleEntity', { RoleId: 0, Name: '', Tooltip: '', Rank: rank, Deleted: 0, RoleType: t, UseCategories: 0, DataRights: dataRightsOf(0, t) });
}

export const roleMethods: Methods = {
  'CreateDefaultRoleEntity()': () => newRole(0, 'NSUserAgent.CreateDefaultRoleEntity'),
  'CreateDefaultRoleEntityFromType(Integer)': (_a: unknown, type: number) => newRole(type, 'NSUserAgent.CreateDefaultRoleEntityFromType'),
  'GetRoleEntity(Integer)': (_a: unknown, id: number) => byId(roleEntityView, id),
  'SaveRoleEntity(NSRoleEntity)': (_a: unknown, o: NSObject) => saveRole(o),
  'GetRole(Integer)': (_a: unknown, id: number) => byId(roleView, id),
  'DeleteRole(Integer,Integer)': (_a: unknown, id: number, replacing: number) => {
    const where = 'NSUserAgent.DeleteRole';
    const role = id && db().table('Role') ? db().get('Role', id) : null;
    if (!role) throw fail(where, `there is no role with id ${id}`);
    const users = rows('UserRoleLink', { role_id: id });
    const other = replacing ? db().get('Role', replacing) : null;
    if (users.length && (!other || replacing === id || Number(col(other, 'deleted') ?? 0)))
      throw fail(where, `the role ${String(col(role, 'name'))} has ${users.length} user(s); name another role (not deleted) to move them to, not ${replacing}`);
    if (users.length && other && Number(col(other, 'roleType')) !== Number(col(role, 'roleType')))
      throw fail(where, `the role ${String(col(other, 'name'))} is of another role type than ${String(col(role, 'name'))}`);
    const crm = db();
    for (const u of users) crm.update('UserRoleLink', Number(col(u, 'UserRoleLink_id')), { role_id: replacing, updated: crm.now(), updated_associate_id: crm.actor().associateId });
    for (const l of rows('FunctionRightRoleLink', { roleId: id })) crm.delete('FunctionRightRoleLink', Number(col(l, 'FunctionRightRoleLink_id')));
    deleteDataRights(id);
    // SuperOffice keeps a deleted role's row, marked deleted
    crm.update('Role', id, { deleted: 1, updated: crm.now(), updated_associate_id: crm.actor().associateId });
  },
  'GetAllRoles(Integer)': (_a: unknown, type: number) => {
    const t = roleType(type, 'NSUserAgent.GetAllRoles');
    return liveRoles()
      .filter((r) => Number(col(r, 'roleType')) === t)
      .map((r) => roleItem(r));
  },
  'GetAllFunctionalRights(Integer)': (_a: unknown, type: number) => {
    roleType(type, 'NSUserAgent.GetAllFunctionalRights');
    return rows('FunctionRight').map((r) => rightItem(r, false));
  },
  'GetFunctionalRights(Integer)': (_a: unknown, roleId: number) => {
    if (!roleId || !db().table('Role') || !db().get('Role', roleId)) throw fail('NSUserAgent.GetFunctionalRights', `there is no role with id ${roleId}`);
    const held = new Set(rightIdsOf(roleId));
    return rows('FunctionRight')
      .filter((r) => held.has(Number(col(r, 'FunctionRight_id'))))
      .map((r) => rightItem(r, true));
  },
  'SetFunctionalRights(Integer,Integer[])': (_a: unknown, roleId: number, ids: number[]) => {
    const where = 'NSUserAgent.SetFunctionalRights';
    if (!roleId || !db().table('Role') || !db().get('Role', roleId)) throw fail(where, `there is no role with id ${roleId}`);
    const want = new Set((ids ?? []).map(Number));
    for (const id of want) if (!db().get('FunctionRight', id)) throw fail(where, `there is no functional right with id ${id}`);
    const crm = db();
    for (const l of rows('FunctionRightRoleLink', { roleId }))
      if (!want.delete(Number(col(l, 'functionRightId')))) crm.delete('FunctionRightRoleLink', Number(col(l, 'FunctionRightRoleLink_id')));
    for (const id of want) crm.insert('FunctionRightRoleLink', { roleId, functionRightId: id, encryptedCheck: '', registered: crm.now(), registered_associate_id: crm.actor().associateId });
  },
  'FindRolesWithFunctionalRight(String)': (_a: unknown, name: string) => {
    const ids = new Set(rolesByRights([name], false));
    return liveRoles()
      .filter((r) => ids.has(Number(col(r, 'Role_id'))))
      .map((r) => roleItem(r, 'NSMDOListItem'));
  },
  'FindRolesWithFunctionalRights(String[])': (_a: unknown, names: string[]) => rolesByRights(names, false),
  'FindRolesWithoutFunctionalRights(String[])': (_a: unknown, names: string[]) => rolesByRights(names, true),
};
