// NSSentryAgent: what the run's user may do, by its role (UserRoleLink). Functional rights are
// the FunctionRight names its role holds (roles.ts). Table rights (NSTableRight) come from the
// role's data rights (data-rights.ts): the CRUD string of the table's row for the relation
// between the user and the row's owner, as ETableRight bits (R Select 1, U Update 2, C Insert 4,
// D Delete 8). The relation, by the role's type:
// - employees: "My own" when the owner is the user; "External user" or "Anonymous" when the owner
//   is such a user; "Primary group" when the row's group (or, given none, its owner's primary
//   group) is the user's primary group; else "Other associates". The sandbox has no UserGroupLink
//   (secondary memberships), so "Other groups" never applies.
// - external users: "My own", "My company" for a company (or its rows) that is the company of
//   the user's person, else "Other associates" ("Same project" is not worked out).
// - anonymous users: "My own", else "Other associates".
// System users are not governed by data rights (full rights); a user with no role has none.
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';
import { rightNamesOf } from './roles.js';
import { relationName, roleRight, tableOf } from './data-rights.js';
import { roleIdOf, USER_TYPE, userTypeOf } from './user-views.js';

/** ETableRight bits of the CRUD letters, and all four. */
const BITS: Record<string, number> = { R: 1, U: 2, C: 4, D: 8 };
const FULL = 15;

/** RoleRelationToOwner values. */
const REL = { own: 0, primaryGroup: 1, otherAssociates: 3, external: 4, anonymous: 5, myCompany: 6 };

/** RoleType values. */
const ROLE = { employee: 0, external: 1, anonymous: 2, system: 3 };

interface User {
  id: number;
  group: number;
  role: CrmRow | null;
  roleType: number;
  /** The company of the user's person (0 for none). */
  company: number;
}

/** The run's user with its primary group, role and company. */
function currentUser(): User {
  const id = db().actor().associateId;
  const row = id ? db().get('associate', id) : null;
  const roleId = row && !Number(col(row, 'deleted') ?? 0) ? roleIdOf(id) : 0;
  const role = roleId && db().table('Role') ? db().get('Role', roleId) : null;
  const personId = Number(col(row ?? {}, 'person_id') ?? 0);
  const company = personId ? Number(col(db().get('person', personId) ?? {}, 'contact_id') ?? 0) : 0;
  return { id, group: Number(col(row ?? {}, 'group_idx') ?? 0), role, roleType: Number(col(role ?? {}, 'roleType') ?? 0), company };
}

/** The relation (RoleRelationToOwner) between the user and a row owned by an associate and a group (of a company). */
function relationOf(me: User, ownerId: number, groupId: number, companyId = 0): number {
  if (ownerId && ownerId === me.id) return REL.own;
  if (me.roleType === ROLE.external && companyId && companyId === me.company) return REL.myCompany;
  if (me.roleType !== ROLE.employee) return REL.otherAssociates;
  const owner = ownerId ? db().get('associate', ownerId) : null;
  const ownerType = userTypeOf(col(owner ?? {}, 'type'));
  if (owner && ownerType === USER_TYPE.external) return REL.external;
  if (owner && ownerType === USER_TYPE.anonymous) return REL.anonymous;
  const group = groupId || Number(col(owner ?? {}, 'group_idx') ?? 0);
  return group && group === me.group ? REL.primaryGroup : REL.otherAssociates;
}

/** The CRUD string of the user's role for a table (by number) and relation; every right for system users. */
function crudOf(me: User, tableId: number, relation: number): string {
  if (!me.role) return '';
  if (me.roleType === ROLE.system) return 'CRUD';
  return roleRight(Number(col(me.role, 'Role_id')), tableId, relation);
}

const bitsOf = (crud: string): number => [...crud].reduce((bits, c) => bits | (BITS[c] ?? 0), 0);

/** The NSTableRight of the user for rows of a table in a relation to their owner; Reason says what limits it ('' for full rights). */
function tableRight(table: string, relation: number, where: string): NSObject {
  const tableId = tableOf(String(table ?? ''), where);
  const me = currentUser();
  const crud = crudOf(me, tableId, relation);
  const bits = bitsOf(crud);
  let reason = '';
  if (!me.role) reason = me.id ? `the user ${me.id} has no role (or is retired)` : "the run's user is no associate";
  else if (bits !== FULL) reason = `the role ${String(col(me.role, 'name'))} gives "${crud}" on ${String(table).toLowerCase()} rows of the relation ${relationName(relation)}`;
  return make('NSTableRight', { TableRight: bits, Mask: bits, Reason: reason });
}

/** The row of a company, or a CRMScript error naming `where`. */
function company(id: number, where: string): CrmRow {
  const row = id ? db().get('contact', id) : null;
  if (!row) throw fail(where, `there is no company with id ${id}`);
  return row;
}

/** Whether an associate keeps a diary: an employee or a resource that is not retired. */
function diaryOwner(row: CrmRow | null): boolean {
  if (!row || Number(col(row, 'deleted') ?? 0)) return false;
  const type = userTypeOf(col(row, 'type'));
  return type === USER_TYPE.employee || type === USER_TYPE.resource;
}

/** Whether the user may create appointments in the diaries of these associates (those that keep one). */
function canBook(rows: CrmRow[]): boolean {
  const me = currentUser();
  const appointment = tableOf('appointment', 'NSSentryAgent');
  return rows.filter(diaryOwner).every((r) => crudOf(me, appointment, relationOf(me, Number(col(r, 'associate_id')), 0)).includes('C'));
}

export const sentryAgent: Methods = {
  'GetFunctionRights()': () => (currentUser().role ? rightNamesOf(db().actor().associateId) : []),
  'HasFunctionRight(String)': (_a: unknown, name: string) => {
    const wanted = String(name ?? '').toLowerCase();
    return !!currentUser().role && rightNamesOf(db().actor().associateId).some((n) => n.toLowerCase() === wanted);
  },
  'GetNewTableRight(String)': (_a: unknown, table: string) => tableRight(table, REL.own, 'NSSentryAgent.GetNewTableRight'),
  'GetTableRightByOwnership(String,Integer,Integer)': (_a: unknown, table: string, groupId: number, ownerId: number) =>
    tableRight(table, relationOf(currentUser(), Number(ownerId ?? 0), Number(groupId ?? 0)), 'NSSentryAgent.GetTableRightByOwnership'),
  'GetTableRightByContactOwnership(String,Integer)': (_a: unknown, table: string, contactId: number) => {
    const where = 'NSSentryAgent.GetTableRightByContactOwnership';
    const row = company(Number(contactId ?? 0), where);
    const relation = relationOf(currentUser(), Number(col(row, 'associate_id') ?? 0), Number(col(row, 'group_id') ?? 0), Number(contactId));
    return tableRight(table, relation, where);
  },
  'CanCreateAppointmentInAllDiaries()': () => {
    const me = db().actor().associateId;
    return canBook(db().select('associate', { orderBy: [{ column: 'associate_id' }] }).filter((r) => Number(col(r, 'associate_id')) !== me));
  },
  'CanCreateAppointmentInAssociateDiaries(Integer[])': (_a: unknown, ids: number[]) =>
    canBook((Array.isArray(ids) ? ids : []).map((id) => (Number(id) ? db().get('associate', Number(id)) : null)).filter((r): r is CrmRow => !!r)),
};
