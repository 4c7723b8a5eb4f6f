// NSListAgent's user groups of ticket categories: SuperOffice's EjCategoryGroupLink rows, one per
// category a user group is linked to. SetTicketCategoriesForUserGroup makes a group's links the
// categories given (links added and removed, the others kept); GetTicketCategoriesForUserGroups
// gives the categories linked to any of the groups, each once, as the flat ticket category list
// items of NSMDOAgent (in fullname order). The sandbox keeps the links only: the categories' member
// users (category_membership) are not derived from them.
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import type { Methods } from './define.js';
import { col } from './view.js';
import { mdoItems } from './mdo.js';

const TABLE = 'EjCategoryGroupLink';
const at = (method: string): string => `NSListAgent.${method}`;
const ids = (v: unknown): number[] => [...new Set((Array.isArray(v) ? v : []).map((x) => Number(x) | 0))];

function linksOf(groups: number[]): { id: number; category: number; group: number }[] {
  if (!groups.length) return [];
  return db()
    .select(TABLE, { where: [{ column: 'group_id', op: 'in', value: groups }], orderBy: [{ column: 'ej_categorygrouplink_id' }] })
    .map((r) => ({ id: Number(col(r, 'ej_categorygrouplink_id')), category: Number(col(r, 'ej_category_id')), group: Number(col(r, 'group_id')) }));
}

function categoriesFor(groups: unknown): NSObject[] {
  const linked = new Set(linksOf(ids(groups)).map((l) => l.category));
  return linked.size ? mdoItems('ejcategory', true).filter((o) => linked.has(Number(o.f.Id))) : [];
}

function setCategories(groupId: number, categoryIds: unknown): void {
  const method = 'SetTicketCategoriesForUserGroup';
  const crm = db();
  if (!(groupId > 0) || !crm.get('UserGroup', groupId)) throw fail(at(method), `there is no user group with id ${groupId}`);
  const wanted = ids(categoryIds);
  for (const c of wanted) if (!(c > 0) || !crm.get('ej_category', c)) throw fail(at(method), `there is no ticket category with id ${c}`);
  const links = linksOf([groupId]);
  for (const l of links) if (!wanted.includes(l.category)) crm.delete(TABLE, l.id);
  const who = crm.actor().associateId;
  for (const c of wanted)
    if (!links.some((l) => l.category === c)) crm.insert(TABLE, { ej_category_id: c, group_id: groupId, registered: crm.now(), registered_associate_id: who, updated: crm.now(), updated_associate_id: who, updatedCount: 0 });
}

export const categoryGroups: Methods = {
  'GetTicketCategoriesForUserGroups(Integer[])': (_a: unknown, groups: unknown) => categoriesFor(groups),
  'SetTicketCategoriesForUserGroup(Integer,Integer[])': (_a: unknown, groupId: number, categoryIds: unknown) => setCategories(groupId | 0, categoryIds),
};
