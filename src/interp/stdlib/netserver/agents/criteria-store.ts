// Stored search criteria, laid out as SuperOffice keeps them: one SearchCriteria row a set of
// criteria and whose it is, its groups in SearchCriteriaGroup (by rank; a set's groups are
// OR-ed), a group's restrictions in SearchCriterion (by rank; AND-ed) and a restriction's values
// in SearchCriterionValue (by rank). The carriers are NSArchiveRestrictionGroup (Name, Rank,
// Description, Restrictions) and NSArchiveRestrictionInfo.
//
// Whose a set is (SearchCriteria's owner columns):
//  - a selection's (a dynamic selection's criteria): ownerType 1, ownerTable 23 (selection),
//    ownerId the selection's id, as SuperOffice's documentation shows a dynamic selection's row;
//  - a find's, saved by NSFindAgent under a storage type, an archive provider and a storage key:
//    ownerName the provider (the column holds the archive provider's name in NetServer),
//    ownerGuiName the storage key (SuperOffice's web client keeps the id of its find control
//    there), name the storage type, ownerType, ownerTable and ownerId 0 (SuperOffice does not
//    document an owner type for finds). The provider and the storage type match in any letter case.
// A group row: name, rank, description in `text` (textId), active 1 and direction 0 (adds its
// rows: the API has no subtracting groups). A restriction row: columnName (Name), operatorName
// (Operator), active (IsActive), linkType (InterOperator), parenthesis (Parenthesis), uniqueKey
// (UniqueHash), rank; criterionId and operatorId stay 0: the sandbox has no field and operator
// numbers (SuperOffice's are not documented), the names are what it reads. A value row:
// stringValue, and longValue too when the value is a whole number.
import type { CrmCondition, CrmRow, CrmValue } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, textOf } from './view.js';
import { make } from './define.js';
import type { AnyOfRestrictions } from './archive-strings.js';
import { conditions } from './restrictions.js';

export type Owner = { selection: number } | { type: string; provider: string; key: string };

const SELECTION_TABLE = 23;
const SELECTION_OWNER = 1;

const num = (v: CrmValue | undefined): number => Number(v ?? 0) || 0;
const str = (v: CrmValue | undefined): string => (v === null || v === undefined ? '' : String(v));
const same = (a: CrmValue | undefined, b: string): boolean => str(a).toLowerCase() === b.toLowerCase();

/** The SearchCriteria row of an owner's set, or null when it has none. */
function criteriaRow(o: Owner): CrmRow | null {
  if ('selection' in o)
    return db().select('SearchCriteria', { where: [{ column: 'ownerTable', op: '=', value: SELECTION_TABLE }, { column: 'ownerId', op: '=', value: o.selection }], orderBy: [{ column: 'SearchCriteria_id' }], limit: 1 })[0] ?? null;
  const rows = db().select('SearchCriteria', { where: [{ column: 'ownerGuiName', op: '=', value: o.key }], orderBy: [{ column: 'SearchCriteria_id' }] });
  return rows.find((r) => !num(col(r, 'ownerTable')) && same(col(r, 'ownerName'), o.provider) && same(col(r, 'name'), o.type)) ?? null;
}

const stamp = (): CrmRow => ({ registered: db().now(), registered_associate_id: db().actor().associateId, updatedCount: 0 });

/** The id of an owner's SearchCriteria row, made when it has none. */
function criteriaId(o: Owner): number {
  const row = criteriaRow(o);
  if (row) return num(col(row, 'SearchCriteria_id'));
  const owner: CrmRow = 'selection' in o ? { name: '', ownerType: SELECTION_OWNER, ownerTable: SELECTION_TABLE, ownerId: o.selection } : { name: o.type, ownerType: 0, ownerTable: 0, ownerId: 0, ownerName: o.provider, ownerGuiName: o.key };
  return db().insert('SearchCriteria', { ...owner, ...stamp() });
}

const ofGroup = (id: number): CrmCondition[] => [{ column: 'SearchCriteriaGroup_id', op: '=', value: id }];

function groupRows(criteria: number): CrmRow[] {
  return db().select('SearchCriteriaGroup', { where: [{ column: 'SearchCriteria_id', op: '=', value: criteria }], orderBy: [{ column: 'rank' }, { column: 'SearchCriteriaGroup_id' }] });
}

function restrictionOf(r: CrmRow): NSObject {
  const values = db()
    .select('SearchCriterionValue', { where: [{ column: 'SearchCriterion_id', op: '=', value: num(col(r, 'SearchCriterion_id')) }], orderBy: [{ column: 'rank' }, { column: 'SearchCriterionValue_id' }] })
    .map((v) => str(col(v, 'stringValue') ?? col(v, 'longValue') ?? col(v, 'doubleValue')));
  return make('NSArchiveRestrictionInfo', {
    Name: str(col(r, 'columnName')),
    Operator: str(col(r, 'operatorName')),
    Values: values,
    DisplayValues: [...values],
    IsActive: num(col(r, 'active')) !== 0,
    InterOperator: num(col(r, 'linkType')),
    Parenthesis: num(col(r, 'parenthesis')),
    UniqueHash: num(col(r, 'uniqueKey')),
    SubRestrictions: [],
  });
}

function groupOf(g: CrmRow): NSObject {
  const criteria = db().select('SearchCriterion', { where: ofGroup(num(col(g, 'SearchCriteriaGroup_id'))), orderBy: [{ column: 'rank' }, { column: 'SearchCriterion_id' }] });
  return make('NSArchiveRestrictionGroup', { Name: str(col(g, 'name')), Rank: num(col(g, 'rank')), Description: textOf(col(g, 'textId')), Restrictions: criteria.map(restrictionOf) });
}

/** An owner's groups by rank ([] when it has no criteria). */
export function readGroups(o: Owner): NSObject[] {
  const row = criteriaRow(o);
  return row ? groupRows(num(col(row, 'SearchCriteria_id'))).map(groupOf) : [];
}

/**
 * The groups that take part in a search: the active ones. A group that subtracts its rows
 * (direction 1, which only SQL can write here) is an error: the sandbox does not evaluate those.
 */
export function searchGroups(where: string, o: Owner): NSObject[] {
  const row = criteriaRow(o);
  if (!row) return [];
  const rows = groupRows(num(col(row, 'SearchCriteria_id'))).filter((g) => num(col(g, 'active')) !== 0);
  const subtracting = rows.find((g) => num(col(g, 'direction')) === 1);
  if (subtracting) throw fail(where, `criteria group '${str(col(subtracting, 'name'))}' subtracts its rows (SearchCriteriaGroup.direction 1), which the sandbox does not evaluate`);
  return rows.map(groupOf);
}

/** Deletes a group row with its restrictions, their values and its description. */
function dropGroupRow(g: CrmRow): void {
  const c = db();
  for (const r of c.select('SearchCriterion', { where: ofGroup(num(col(g, 'SearchCriteriaGroup_id'))) })) {
    const id = num(col(r, 'SearchCriterion_id'));
    for (const v of c.select('SearchCriterionValue', { where: [{ column: 'SearchCriterion_id', op: '=', value: id }] })) c.delete('SearchCriterionValue', num(col(v, 'SearchCriterionValue_id')));
    c.delete('SearchCriterion', id);
  }
  if (num(col(g, 'textId'))) c.delete('text', num(col(g, 'textId')));
  c.delete('SearchCriteriaGroup', num(col(g, 'SearchCriteriaGroup_id')));
}

const restrictionsIn = (g: NSObject): NSObject[] => (Array.isArray(g.f.Restrictions) ? g.f.Restrictions : []).filter((r): r is NSObject => r instanceof NSObject && String(r.f.Name ?? '').trim() !== '');

/** Writes a group (its rank as given) under a SearchCriteria row. */
function insertGroup(criteria: number, g: NSObject): void {
  const c = db();
  const rank = Number(g.f.Rank ?? 0) | 0;
  const description = String(g.f.Description ?? '');
  const textId = description ? c.insert('text', { text: description, registered: c.now(), registered_associate_id: c.actor().associateId }) : 0;
  const name = String(g.f.Name ?? '').trim() || String(rank);
  const group = c.insert('SearchCriteriaGroup', { SearchCriteria_id: criteria, name, textId, direction: 0, rank, active: 1, ...stamp() });
  restrictionsIn(g).forEach((r, i) => {
    const id = c.insert('SearchCriterion', {
      SearchCriteriaGroup_id: group,
      criterionId: 0,
      operatorId: 0,
      linkType: Number(r.f.InterOperator ?? 0) | 0,
      active: r.f.IsActive === false ? 0 : 1,
      rank: i,
      columnName: String(r.f.Name).trim(),
      operatorName: String(r.f.Operator ?? ''),
      uniqueKey: Number(r.f.UniqueHash ?? 0) | 0,
      parenthesis: Number(r.f.Parenthesis ?? 0) | 0,
      ...stamp(),
    });
    (Array.isArray(r.f.Values) ? r.f.Values.map(String) : []).forEach((v, rank) =>
      c.insert('SearchCriterionValue', { SearchCriterion_id: id, stringValue: v, longValue: /^-?\d{1,9}$/.test(v.trim()) ? Number(v) : null, rank, ...stamp() }),
    );
  });
}

/** Stamps an update of an owner's SearchCriteria row. */
function touched(criteria: number): void {
  const c = db();
  const row = c.get('SearchCriteria', criteria);
  if (row) c.update('SearchCriteria', criteria, { updated: c.now(), updated_associate_id: c.actor().associateId, updatedCount: num(col(row, 'updatedCount')) + 1 });
}

/** Replaces all of an owner's groups with these, ranked 0, 1, … in their order (a nameless group is named by its rank). */
export function writeGroups(o: Owner, groups: NSObject[]): void {
  const criteria = criteriaId(o);
  for (const g of groupRows(criteria)) dropGroupRow(g);
  groups.forEach((g, rank) => insertGroup(criteria, make('NSArchiveRestrictionGroup', { ...g.f, Rank: rank })));
  touched(criteria);
}

/** Stores one group in place of the owner's group of the same rank (or beside the others when there is none). */
export function putGroup(o: Owner, group: NSObject): void {
  const criteria = criteriaId(o);
  const rank = Number(group.f.Rank ?? 0) | 0;
  for (const g of groupRows(criteria)) if (num(col(g, 'rank')) === rank) dropGroupRow(g);
  insertGroup(criteria, group);
  touched(criteria);
}

/** Deletes the owner's group of a rank (nothing when there is none). */
export function dropGroup(o: Owner, rank: number): void {
  const row = criteriaRow(o);
  if (!row) return;
  const criteria = num(col(row, 'SearchCriteria_id'));
  for (const g of groupRows(criteria)) if (num(col(g, 'rank')) === rank) dropGroupRow(g);
  touched(criteria);
}

/** Deletes an owner's criteria altogether (a selection that is deleted). */
export function dropCriteria(o: Owner): void {
  const row = criteriaRow(o);
  if (!row) return;
  const criteria = num(col(row, 'SearchCriteria_id'));
  for (const g of groupRows(criteria)) dropGroupRow(g);
  if (num(col(row, 'textId'))) db().delete('text', num(col(row, 'textId')));
  db().delete('SearchCriteria', criteria);
}

/** The rank after the owner's highest (0 when it has no groups). */
export function nextRank(o: Owner): number {
  return readGroups(o).reduce((n, g) => Math.max(n, (Number(g.f.Rank ?? 0) | 0) + 1), 0);
}

/** Restrictions as groups: an array is one group; the sets of a string with 'or' are a group each. */
export function asGroups(restrictions: NSObject[] | AnyOfRestrictions): NSObject[] {
  const sets = Array.isArray(restrictions) ? [restrictions] : restrictions.anyOf;
  return sets.map((set, rank) => make('NSArchiveRestrictionGroup', { Name: String(rank), Rank: rank, Description: '', Restrictions: set }));
}

/** Whether a restriction takes part in a search (named, and not switched off). */
const active = (r: NSObject): boolean => String(r.f.Name ?? '').trim() !== '' && r.f.IsActive !== false;

/**
 * Sets of restrictions as the alternatives a search tries (restrictions.ts reads them): a set
 * with no active restriction is left out, so criteria with none find nothing (getAllRows asks for
 * every row).
 */
export function alternatives(sets: NSObject[][]): AnyOfRestrictions {
  return { anyOf: sets.filter((set) => set.some((r) => r instanceof NSObject && active(r))) };
}

/** The restriction sets of groups. */
export const setsOf = (groups: NSObject[]): NSObject[][] => groups.map(restrictionsIn);

/**
 * Refuses groups a search of `table` could not read (a column it lacks, an unknown operator) and
 * restrictions with sub-restrictions (the tables have no place for them), before they are stored.
 */
export function checkGroups(where: string, table: string, groups: NSObject[]): void {
  for (const r of setsOf(groups).flat())
    if (Array.isArray(r.f.SubRestrictions) && r.f.SubRestrictions.length)
      throw fail(where, `the restriction on '${String(r.f.Name)}' has sub-restrictions, which the sandbox does not keep (write them as restrictions of their own, or as another group)`);
  conditions(where, table, alternatives(setsOf(groups)));
}
