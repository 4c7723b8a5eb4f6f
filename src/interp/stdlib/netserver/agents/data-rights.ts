// A role's data rights (DataRight rows): a matrix of tables (rows) by relations to the data's
// owner (columns), each cell a CRUD string ('' none, 'R' read, 'CR' create, 'CRU' update,
// 'CRUD' delete). Scripts name the relations by NetServer's RoleRelationToOwner; the table keeps
// SuperOffice's stored RelationToOwner, which numbers "other associates" and "other groups" the
// other way round. NSUserAgent's GetDataRight, GetDataRights and SetDataRight, and the
// NSDataRights of a role entity.
import { CrmMap } from '../../map.js';
import { NSObject, nsObject } from '../object.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import type { Methods } from './define.js';

/** RoleRelationToOwner: its values' names and what they mean. */
const RELATIONS: [name: string, tooltip: string][] = [
  ['My own', 'Data owned by the user'],
  ['Primary group', "Data owned by users in the user's primary group"],
  ['Other groups', "Data owned by users in the user's other groups"],
  ['Other associates', 'Data owned by users with no user group in common with the user'],
  ['External user', 'Data owned by external users'],
  ['Anonymous', 'Data owned by anonymous users'],
  ['My company', "Data owned by the external user's company"],
  ['Same project', "Data owned by users on the external user's projects"],
];

/** The name of a RoleRelationToOwner value ("My own", "Primary group", ...). */
export const relationName = (relation: number): string => RELATIONS[relation]?.[0] ?? String(relation);

/** DataRight.relationToOwner by RoleRelationToOwner. */
const STORED_RELATION = [0, 1, 3, 2, 4, 5, 6, 7];

/** The matrix's columns by role type: employees, external users, anonymous users (system users have none). */
const COLUMNS: Record<number, number[]> = { 0: [0, 1, 2, 3, 4, 5], 1: [0, 6, 7, 3], 2: [0, 3], 3: [] };

/** The matrix's rows: tables by name with SuperOffice's table numbers and descriptions. */
const TABLES: [name: string, number: number, description: string][] = [
  ['contact', 5, 'Companies'],
  ['person', 6, 'Contacts'],
  ['project', 11, 'Projects'],
  ['sale', 13, 'Sales'],
  ['appointment', 9, 'Follow-ups'],
  ['document', 10, 'Documents'],
  ['selection', 23, 'Selections'],
];

const DESCRIPTIONS: Record<string, string> = { '': 'None', R: 'Read', CR: 'Create', CRU: 'Update', CRUD: 'Delete' };

/** A CRUD string in its usual order (C, R, U, D), or null when it has other letters. */
function crudOf(value: string): string | null {
  const v = value.toUpperCase();
  if (/[^CRUD]/.test(v)) return null;
  return [...'CRUD'].filter((c) => v.includes(c)).join('');
}

function roleRow(roleId: number, where: string): { type: number } {
  const row = roleId && db().table('Role') ? db().get('Role', roleId) : null;
  if (!row) throw fail(where, `there is no role with id ${roleId}`);
  return { type: Number(col(row, 'roleType') ?? 0) };
}

/** SuperOffice's table number of a table of the rights matrix, or a CRMScript error naming `where`. */
export function tableOf(name: string, where: string): number {
  const t = TABLES.find(([n]) => n === String(name).toLowerCase());
  if (!t) throw fail(where, `the rights matrix has no row for the table "${name}" (it has ${TABLES.map(([n]) => n).join(', ')})`);
  return t[1];
}

function columnOf(roleType: number, relation: number, where: string): number {
  const cols = COLUMNS[roleType] ?? [];
  if (!cols.includes(relation))
    throw fail(where, cols.length ? `a role of role type ${roleType} has no data rights for relation ${relation} (it has ${cols.join(', ')})` : 'a system role has no data rights (sentry does not govern system users)');
  return STORED_RELATION[relation];
}

function cell(roleId: number, tableId: number, stored: number): { id: number; crud: string } | null {
  const r = db().select('DataRight', {
    where: [
      { column: 'roleId', op: '=', value: roleId },
      { column: 'tableId', op: '=', value: tableId },
      { column: 'fieldId', op: '=', value: 0 },
      { column: 'relationToOwner', op: '=', value: stored },
    ],
    limit: 1,
  })[0];
  return r ? { id: Number(col(r, 'DataRight_id')), crud: String(col(r, 'CRUD') ?? '') } : null;
}

/** A role's CRUD string for rows of a table of the matrix (by number) that stand in a relation (RoleRelationToOwner) to their owner. */
export function roleRight(roleId: number, tableId: number, relation: number): string {
  return cell(roleId, tableId, STORED_RELATION[relation])?.crud ?? '';
}

/** Writes one cell of a role's matrix (by stored table number and relation). */
function writeCell(roleId: number, tableId: number, stored: number, crud: string): void {
  const crm = db();
  const old = cell(roleId, tableId, stored);
  if (old && old.crud === crud) return;
  if (old) crm.update('DataRight', old.id, { CRUD: crud, updated: crm.now(), updated_associate_id: crm.actor().associateId });
  else crm.insert('DataRight', { roleId, tableId, fieldId: 0, relationToOwner: stored, CRUD: crud, encryptedCheck: '', registered: crm.now(), registered_associate_id: crm.actor().associateId });
}

/**
 * The NSDataRights matrix of a role (of a role type; roleId 0: a new role, every cell empty).
 * Rights holds the cells row by row in one list, as the reference types GetRights (NSDataRight[]).
 */
export function dataRightsOf(roleId: number, roleType: number): NSObject {
  const cols = COLUMNS[roleType] ?? [];
  return nsObject('NSDataRights', {
    ColumnsInfo: cols.map((r) => nsObject('NSRelationToOwner', { Id: r, Value: RELATIONS[r][0], Tooltip: RELATIONS[r][1] })),
    RowsInfo: TABLES.map(([name, , description]) => nsObject('NSEntityName', { TableName: name, TableDescription: description })),
    Rights: TABLES.flatMap(([, number]) =>
      cols.map((r) => {
        const crud = roleId ? (cell(roleId, number, STORED_RELATION[r])?.crud ?? '') : '';
        return nsObject('NSDataRight', { Value: crud, Description: DESCRIPTIONS[crud] ?? crud });
      }),
    ),
  });
}

/**
 * Stores the cells of an NSDataRights matrix a script set on a role entity (rows and columns as
 * its RowsInfo and ColumnsInfo name them; Rights row by row in one list, or a list of rows).
 */
export function writeDataRights(roleId: number, roleType: number, rights: unknown, where: string): void {
  if (!(rights instanceof NSObject)) return;
  const rows = Array.isArray(rights.f.RowsInfo) ? (rights.f.RowsInfo as NSObject[]) : [];
  const cols = Array.isArray(rights.f.ColumnsInfo) ? (rights.f.ColumnsInfo as NSObject[]) : [];
  const cells = Array.isArray(rights.f.Rights) ? (rights.f.Rights as unknown[]).flat() : [];
  rows.forEach((row, i) => {
    const tableId = tableOf(String(row?.f.TableName ?? ''), where);
    cols.forEach((c, j) => {
      const value = cells[i * cols.length + j];
      if (!(value instanceof NSObject)) return;
      const stored = columnOf(roleType, Number(c?.f.Id ?? 0), where);
      const crud = crudOf(String(value.f.Value ?? ''));
      if (crud === null) throw fail(where, `"${String(value.f.Value)}" is not a data right (use the letters C, R, U and D)`);
      writeCell(roleId, tableId, stored, crud);
    });
  });
}

/** Removes a role's data rights (when the role goes). */
export function deleteDataRights(roleId: number): void {
  for (const r of db().select('DataRight', { where: [{ column: 'roleId', op: '=', value: roleId }] })) db().delete('DataRight', Number(col(r, 'DataRight_id')));
}

export const dataRightMethods: Methods = {
  'GetDataRight(Integer,String,Integer)': (_a: unknown, roleId: number, table: string, relation: number) => {
    const where = 'NSUserAgent.GetDataRight';
    const { type } = roleRow(roleId, where);
    return cell(roleId, tableOf(table, where), columnOf(type, relation, where))?.crud ?? '';
  },
  'GetDataRights(Integer,String)': (_a: unknown, roleId: number, table: string) => {
    const where = 'NSUserAgent.GetDataRights';
    const { type } = roleRow(roleId, where);
    const tableId = tableOf(table, where);
    const m = new CrmMap();
    for (const r of COLUMNS[type] ?? []) m.put(String(r), cell(roleId, tableId, STORED_RELATION[r])?.crud ?? '');
    return m;
  },
  'SetDataRight(Integer,String,Integer,String)': (_a: unknown, roleId: number, table: string, relation: number, value: string) => {
    const where = 'NSUserAgent.SetDataRight';
    const { type } = roleRow(roleId, where);
    const tableId = tableOf(table, where);
    const stored = columnOf(type, relation, where);
    const crud = crudOf(String(value ?? ''));
    if (crud === null) throw fail(where, `"${String(value)}" is not a data right (use the letters C, R, U and D)`);
    writeCell(roleId, tableId, stored, crud);
  },
};
