// The demo data's role-based security and credentials, kept in SuperOffice's tables: roles (Role)
// of each role type, which role each demo user has (UserRoleLink), a few functional rights
// (FunctionRight; names made for the sandbox) and which roles hold them (FunctionRightRoleLink),
// each role's data rights (DataRight: a CRUD string per table and relation to the owner) and
// the users' credentials (Credentials): Ada's and Bob's passwords ("sandbox", kept only as a
// salted hash, made once: DEMO_PASSWORD_HASHES) and one outbound credential of Ada's. Carol and Dave have no password. A sandbox
// made by an older build gets them when the tables are added (role-migration.ts).
import { STAMP, type Row } from './demo-lists.js';

export const ROLE_TABLES = ['Role', 'UserRoleLink', 'FunctionRight', 'FunctionRightRoleLink', 'DataRight', 'Credentials'];

/** The password of the demo users that have one. */
export const DEMO_PASSWORD = 'sandbox';

/**
 * Ada's and Bob's credentials: DEMO_PASSWORD salted and hashed once (password-hash.ts's form, each
 * with its own salt), so that a new sandbox does not spend scrypt's ≈ 40 ms per password making
 * them again. Passwords a script sets are hashed afresh with a new salt.
 */
export const DEMO_PASSWORD_HASHES = [
  'scrypt$16384$8$1$SXnw1IgTZJwmf80+z2zUUw==$jEKq9fYBUfHE89jgNuh7lq/xfvQkMNj15crdMU03yqI=',
  'scrypt$16384$8$1$3sBBmD+YYQUvwndGyp+ljA==$VG3OK3FzGGmDOipy3zjUA5fzRM9HJJGGlSDmRseR/AY=',
] as const;

/** Role.roleType (RoleType). */
const EMPLOYEE = 0;
const EXTERNAL = 1;
const ANONYMOUS = 2;
const SYSTEM = 3;

/** DataRight.relationToOwner as the table keeps it (RelationToOwner). */
const OWNER = 0;
const PRIMARY_GROUP = 1;
const OTHER = 2;
const OTHER_GROUP = 3;
const EXTERNAL_OWNER = 4;
const ANONYMOUS_OWNER = 5;
const MY_COMPANY = 6;
const SAME_PROJECT = 7;

/** The tables of the rights matrix, by SuperOffice's table numbers: contact, person, project, sale, appointment, document, selection. */
const MATRIX_TABLES = [5, 6, 11, 13, 9, 10, 23];

const ROLES: [name: string, tooltip: string, roleType: number][] = [
  ['User level 0', 'Administrator: full access to all data, maintains the system', EMPLOYEE],
  ['User level 2', 'Full access within the own user group, reads the rest', EMPLOYEE],
  ['User level 4', 'Full access to own data, limited access beyond it', EMPLOYEE],
  ['Customer', 'External users of the customer portal', EXTERNAL],
  ['Anonymous', 'Visitors who do not log in', ANONYMOUS],
  ['Integration', 'System users of integrations, not governed by data rights', SYSTEM],
];

/** Each role's CRUD string per relation to the owner (the same for every table of the matrix). */
const RIGHTS: Record<number, [relation: number, crud: string][]> = {
  1: [OWNER, PRIMARY_GROUP, OTHER, OTHER_GROUP, EXTERNAL_OWNER, ANONYMOUS_OWNER].map((r) => [r, 'CRUD']),
  2: [[OWNER, 'CRUD'], [PRIMARY_GROUP, 'CRUD'], [OTHER_GROUP, 'CRU'], [OTHER, 'R'], [EXTERNAL_OWNER, 'R'], [ANONYMOUS_OWNER, 'R']],
  3: [[OWNER, 'CRUD'], [PRIMARY_GROUP, 'CRU'], [OTHER_GROUP, 'R'], [OTHER, 'R'], [EXTERNAL_OWNER, 'R'], [ANONYMOUS_OWNER, '']],
  4: [[OWNER, 'CRU'], [MY_COMPANY, 'R'], [SAME_PROJECT, 'R'], [OTHER, '']],
  5: [[OWNER, 'CR'], [OTHER, '']],
};

const FUNCTION_RIGHTS = ['admin-all', 'admin-users', 'allow-bulk-update', 'allow-mailmerge', 'export-selection', 'approve-quotes', 'publish'];

/** Which roles hold which functional rights (by their ids, 1-based in the order above). */
const HELD: Record<number, number[]> = { 1: [1, 2, 3, 4, 5, 6, 7], 2: [3, 4, 5, 6], 3: [4], 4: [7], 6: [1] };

/** The demo users' roles: associate id → role id. */
const USER_ROLES: [associate: number, role: number][] = [
  [1, 1],
  [2, 2],
  [3, 2],
  [4, 3],
];

const FOREVER = '2099-12-31 23:59:59';

/** The rows of the role and credential tables. */
export function demoRoleRows(): Record<string, Row[]> {
  const check = { encryptedCheck: '' };
  const dataRights: Row[] = [];
  for (const [role, cells] of Object.entries(RIGHTS))
    for (const tableId of MATRIX_TABLES)
      for (const [relationToOwner, crud] of cells) dataRights.push({ id: dataRights.length + 1, roleId: Number(role), tableId, fieldId: 0, relationToOwner, CRUD: crud, ...check, ...STAMP });
  const links: Row[] = [];
  for (const [role, rights] of Object.entries(HELD)) for (const right of rights) links.push({ id: links.length + 1, roleId: Number(role), functionRightId: right, ...check, ...STAMP });
  const credential = (id: number, associateId: number, own: Row): Row => ({ id, associateId, personId: associateId, validFrom: STAMP.registered, validTo: FOREVER, comment: '', extraId: 0, ...check, ...own, ...STAMP });
  return {
    Role: ROLES.map(([name, tooltip, roleType], i) => ({ id: i + 1, name, rank: i + 1, tooltip, deleted: 0, roleType, use_categories: 0, ...check, ...STAMP })),
    UserRoleLink: USER_ROLES.map(([associate_id, role_id], i) => ({ id: i + 1, associate_id, role_id, linkType: 0, ...check, ...STAMP })),
    FunctionRight: FUNCTION_RIGHTS.map((name, i) => ({ id: i + 1, name, rightType: 0, isBuiltIn: 1, requiredModule: '', ...check, ...STAMP })),
    FunctionRightRoleLink: links,
    DataRight: dataRights,
    Credentials: [
      credential(1, 1, { credentialType: 'SoPassword', searchName: 'ADA', secret: DEMO_PASSWORD_HASHES[0], isActive: 1, displayType: 'Password', displayName: 'ADA' }),
      credential(2, 2, { credentialType: 'SoPassword', searchName: 'BOB', secret: DEMO_PASSWORD_HASHES[1], isActive: 1, displayType: 'Password', displayName: 'BOB' }),
      credential(3, 1, { credentialType: 'Mailbox', searchName: 'ada@sandbox.example', secret: 'demo-token-not-a-real-secret', isActive: 0, comment: 'Calendar sync', displayType: 'Mailbox', displayName: 'Ada Admin' }),
    ],
  };
}
