// NSSelectionAgent: the selection entity cycle, new selections from other selections, the user's
// temporary selection, the combined selections built on one. Members are in selection-members.ts,
// the tasks on them (deleting them, follow-ups, recipient counts) in selection-tasks.ts. What
// needs criteria of dynamic selections, stored finds, document templates or interests, which the
// sandbox does not have, says so.
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, loadRef, remove, textOf, updateChanged } from './view.js';
import { lacking, type Methods } from './define.js';
import { AGENT, newSelection, saveSelection, selectionEntity, selectionEntityView, selectionOf, staticOf } from './selection-views.js';
import { contactPersons, recordMembers } from './selection-members.js';
import {
  addMembers,
  asMember,
  CONTACT_TARGET,
  memberPairs,
  memberRows,
  notStatic,
  projectMembers,
  removeMemberRows,
  SELECTION_TYPE,
  SYSTEM_TYPE,
  targetByName,
  targetByNumber,
  targetList,
  targetOf,
  typeName,
  type Member,
  type Target,
} from '../../crm/selections.js';

/** The name of a user's temporary selection. */
const TEMPORARY = 'Temporary selection';

const NO_CRITERIA = 'the sandbox CRM has no SearchCriteria table (the criteria that define dynamic selections)';

/**
 * The user's temporary selection (SystemType TemporaryShortTermStatic: one a user, made when first
 * asked for) of `target`, holding just `members`.
 */
function temporary(where: string, target: Target, members: Member[]): NSObject {
  const owner = db().actor().associateId;
  const [old] = db().select('selection', {
    where: [
      { column: 'associate_id', op: '=', value: owner },
      { column: 'SystemType', op: '=', value: SYSTEM_TYPE.temporary },
    ],
    orderBy: [{ column: 'selection_id' }],
    limit: 1,
  });
  let id: number;
  if (old) {
    id = Number(col(old, 'selection_id'));
    removeMemberRows(memberRows(id));
    updateChanged('selection', id, old, { targetTableNumber: target.number, seltype: SELECTION_TYPE.static, name: TEMPORARY });
  } else {
    const o = newSelection(target);
    o.f.Name = TEMPORARY;
    id = Number(saveSelection(where, o).f.SelectionId);
    db().update('selection', id, { SystemType: SYSTEM_TYPE.temporary });
  }
  addMembers(id, members);
  return selectionEntity(id);
}

/**
 * A new static selection named `name` like selection `id` (its description, category and person
 * rules), of the same table or, with `contacts`, of companies and persons; with `copyMembers` it
 * gets the members (with `contacts`, the companies and persons of the members).
 */
function fromSelection(where: string, id: number, name: string, type: number, copyMembers: boolean, contacts: boolean): NSObject {
  const source = selectionOf(where, id);
  if (type !== SELECTION_TYPE.static) throw fail(where, `a ${typeName(type)} selection needs criteria, and ${NO_CRITERIA}: only static selections (SelectionType 0) can be made from a selection`);
  if (!String(name ?? '').trim()) throw fail(where, 'the new selection needs a name');
  const why = notStatic(id, col(source, 'seltype'));
  if (copyMembers && why) throw fail(where, why);
  const target = contacts ? CONTACT_TARGET : targetOf({ targetTableNumber: col(source, 'targetTableNumber') ?? null });
  if (!target) throw fail(where, `selection ${id} is of table number ${Number(col(source, 'targetTableNumber'))}, which the sandbox keeps no selections of (${targetList()})`);
  const members = !copyMembers ? [] : contacts ? memberPairs(id) : memberRows(id).map(asMember);
  const o = newSelection(target);
  Object.assign(o.f, {
    Name: name,
    Description: textOf(col(source, 'text_id')),
    SelectionCategory: loadRef('NSSelectionCategory', Number(col(source, 'searchCat_id') ?? 0)),
    CompanyUnique: Number(col(source, 'companyUnique') ?? 0) === 1,
    IncludePerson: Number(col(source, 'includePerson') ?? 0),
    Visibility: Number(col(source, 'visibility') ?? 0),
  });
  const made = Number(saveSelection(where, o).f.SelectionId);
  addMembers(made, members, o.f.CompanyUnique === true);
  return selectionEntity(made);
}

/** The selections that combine selection `id` with another, by id. */
function parents(id: number): number[] {
  const found = new Set<number>();
  for (const side of ['leftSelectionId', 'rightSelectionId'])
    for (const r of db().select('selection', { where: [{ column: side, op: '=', value: id }, { column: 'seltype', op: '=', value: SELECTION_TYPE.combined }] })) found.add(Number(col(r, 'selection_id')));
  return [...found].sort((a, b) => a - b);
}

export const selectionAgent: Methods = {
  'CreateDefaultSelectionEntity()': () => newSelection(CONTACT_TARGET),
  'CreateSelectionEntity(String)': (_a: unknown, table: string) => {
    const target = targetByName(String(table ?? ''));
    if (!target) throw fail(`${AGENT}.CreateSelectionEntity`, `'${String(table ?? '')}' is not a table the sandbox keeps selections of (${targetList()})`);
    return newSelection(target);
  },
  'GetSelectionEntity(Integer)': (_a: unknown, id: number) => {
    // fetching a selection entity stamps when, and by whom, it was last loaded
    if (id > 0 && db().get('selection', id)) db().update('selection', id, { lastLoaded: db().now(), lastLoadedBy: db().actor().associateId });
    return selectionEntity(id);
  },
  'SaveSelectionEntity(NSSelectionEntity)': (_a: unknown, o: NSObject) => saveSelection(`${AGENT}.SaveSelectionEntity`, o),
  'DeleteSelectionEntity(Integer)': (_a: unknown, id: number) => {
    remove(selectionEntityView, id);
  },
  'CreateSelectionFromSelection(Integer,String,Integer,Bool)': (_a: unknown, id: number, name: string, type: number, copyMembers: boolean) =>
    fromSelection(`${AGENT}.CreateSelectionFromSelection`, id, name, type, copyMembers, false),
  'CreateContactSelectionFromSelection(Integer,String,Integer,Bool)': (_a: unknown, id: number, name: string, type: number, copyMembers: boolean) =>
    fromSelection(`${AGENT}.CreateContactSelectionFromSelection`, id, name, type, copyMembers, true),
  'CreateContactSelectionFromShadowSelection(Integer,String)': (_a: unknown, id: number, name: string) =>
    fromSelection(`${AGENT}.CreateContactSelectionFromShadowSelection`, id, name, SELECTION_TYPE.static, true, true),
  'CreateTemporaryContactSelection()': () => temporary(`${AGENT}.CreateTemporaryContactSelection`, CONTACT_TARGET, []),
  'CreateTemporaryContactSelectionFromContactPersonIds(NSContactPersonId[])': (_a: unknown, list: unknown) => {
    const where = `${AGENT}.CreateTemporaryContactSelectionFromContactPersonIds`;
    return temporary(where, CONTACT_TARGET, contactPersons(where, list));
  },
  'CreateTemporaryContactSelectionFromProjectMembers(Integer)': (_a: unknown, projectId: number) => {
    const where = `${AGENT}.CreateTemporaryContactSelectionFromProjectMembers`;
    if (!(projectId > 0 && db().get('project', projectId))) throw fail(where, `there is no project with id ${projectId}`);
    return temporary(where, CONTACT_TARGET, projectMembers(projectId));
  },
  'CreateTemporaryContactSelectionFromSelectionMemberIds(Integer,Integer[])': (_a: unknown, id: number, memberIds: unknown) => {
    const where = `${AGENT}.CreateTemporaryContactSelectionFromSelectionMemberIds`;
    staticOf(where, id);
    const rows = new Map(memberRows(id).map((r) => [Number(col(r, 'selectionmember_id')), r]));
    const members = (Array.isArray(memberIds) ? memberIds.map(Number) : []).map((m): Member => {
      const r = rows.get(m);
      if (!r) throw fail(where, `selection member ${m} is not a member of selection ${id}`);
      return { contact: Number(col(r, 'contact_id') ?? 0), person: Number(col(r, 'person_id') ?? 0) };
    });
    return temporary(where, CONTACT_TARGET, members);
  },
  'CreateTemporarySelectionFromIds(Integer[],Integer)': (_a: unknown, list: unknown, tableNumber: number) => {
    const where = `${AGENT}.CreateTemporarySelectionFromIds`;
    const target = targetByNumber(tableNumber);
    if (!target) throw fail(where, `table number ${tableNumber} is not a table the sandbox keeps selections of (${targetList()})`);
    return temporary(where, target, recordMembers(where, target, list));
  },
  'GetParentCombinedSelections(Integer)': (_a: unknown, id: number) => parents(id),
  'CreateNewEntry(NSDuplicateEntry)': (_a: unknown, entry: NSObject) => {
    // an entry found in another source carries its name; the sandbox has no source plug-ins to fill in more
    const name = entry instanceof NSObject ? String(entry.f.EntryName ?? '').trim() : '';
    if (!name) throw fail(`${AGENT}.CreateNewEntry`, 'the duplicate entry has no name (SetEntryName)');
    const o = newSelection(CONTACT_TARGET);
    o.f.Name = name;
    return Number(saveSelection(`${AGENT}.CreateNewEntry`, o).f.SelectionId);
  },
  ...lacking(AGENT, NO_CRITERIA, [
    'GetDynamicSelectionCriteria(Integer)',
    'GetDynamicSelectionCriteriaGroups(Integer)',
    'SetDynamicSelectionCriteria(Integer,NSArchiveRestrictionInfo[])',
    'SetDynamicSelectionCriteria2(Integer,String)',
    'SetDynamicSelectionCriteria3(Integer,NSArchiveRestrictionInfo[],String)',
    'SetDynamicSelectionCriteriaGroups(Integer,NSArchiveRestrictionGroup[])',
    'GetSelectionForFind(String,Integer)',
    'UpdateTypicalSearch(NSTypicalSearches)',
  ]),
  ...lacking(AGENT, 'the sandbox CRM keeps no search results under storage keys (finds are not stored)', [
    'AddContactSelectionMembersFromSearch(Integer,String)',
    'AddSelectionMembersFromSearch(Integer,String)',
    'RemoveContactSelectionMembersFromSearch(Integer,String)',
    'RemoveSelectionMembersFromSearch(Integer,String)',
  ]),
  ...lacking(AGENT, 'the sandbox CRM has no document templates (mail merge and export fill them in)', [
    'CreateDefaultMailMergeSettings()',
    'CreateDefaultMailMergeTask()',
    'StartMailMerge(NSMailMergeSettings)',
    'ExportSelectionMembers(Integer,String,Bool)',
    'ExportSelectionMembersWithOrderBy(Integer,String,Bool,String)',
  ]),
  ...lacking(AGENT, 'the sandbox CRM has no interests (no interest lists, and no links of them to companies and persons)', [
    'AddRemoveContactSelectionMemberInterests(Integer,Integer[],Integer[],Integer[],Integer[])',
  ]),
};
