// NSSelectionAgent: the selection entity cycle, new selections from other selections, the user's
// temporary selection, the combined selections built on one. Members are in selection-members.ts,
// the tasks on them (deleting them, follow-ups, recipient counts) in selection-tasks.ts, the
// criteria of dynamic selections in selection-criteria.ts. What needs search results of the web
// client, typical searches, document templates or interests, which the sandbox does not have,
// says so.
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, loadRef, remove, textOf, updateChanged } from './view.js';
import { lacking, type Methods } from './define.js';
import { AGENT, newSelection, saveSelection, selectionEntity, selectionEntityView, staticOf } from './selection-views.js';
import { contactPersons, recordMembers } from './selection-members.js';
import { criteriaChanged, selected } from './selection-dynamic.js';
import { readGroups, writeGroups } from './criteria-store.js';
import {
  addMembers,
  CONTACT_TARGET,
  memberRows,
  pairsOf,
  projectMembers,
  removeMemberRows,
  SELECTION_TYPE,
  SYSTEM_TYPE,
  targetByName,
  targetByNumber,
  targetList,
  typeName,
  type Member,
  type Target,
} from '../../crm/selections.js';

/** The name of a user's temporary selection. */
const TEMPORARY = 'Temporary selection';

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
 * A new selection named `name` like selection `id` (its description, category and person rules),
 * of the same table or, with `contacts`, of companies and persons. A static one gets, with
 * `copyMembers`, the members the selection has now, of whatever kind it is (with `contacts`, the
 * companies and persons of the members); a dynamic one gets a copy of a dynamic selection's
 * criteria, and is of the same table (the criteria name that table's columns).
 */
function fromSelection(where: string, id: number, name: string, type: number, copyMembers: boolean, contacts: boolean): NSObject {
  const source = selected(where, id);
  if (type !== SELECTION_TYPE.static && type !== SELECTION_TYPE.dynamic)
    throw fail(where, `a ${typeName(type)} selection is made of two selections (SaveSelectionEntity with LeftSelectionId, RightSelectionId and SelectionUnionType): the new selection is static (0) or dynamic (1)`);
  if (!String(name ?? '').trim()) throw fail(where, 'the new selection needs a name');
  const target = contacts ? CONTACT_TARGET : source.target;
  if (type === SELECTION_TYPE.dynamic && Number(col(source.row, 'seltype') ?? 0) !== SELECTION_TYPE.dynamic) throw fail(where, `selection ${id} is ${typeName(col(source.row, 'seltype'))}: only a dynamic selection has criteria to copy`);
  if (type === SELECTION_TYPE.dynamic && target !== source.target) throw fail(where, `selection ${id} is of ${source.target.what}: its criteria cannot make a selection of ${target.what}`);
  const members = !copyMembers || type !== SELECTION_TYPE.static ? [] : contacts ? pairsOf(source.members) : source.members;
  const o = newSelection(target);
  o.f.SelectionType = type;
  Object.assign(o.f, {
    Name: name,
    Description: textOf(col(source.row, 'text_id')),
    SelectionCategory: loadRef('NSSelectionCategory', Number(col(source.row, 'searchCat_id') ?? 0)),
    CompanyUnique: Number(col(source.row, 'companyUnique') ?? 0) === 1,
    IncludePerson: Number(col(source.row, 'includePerson') ?? 0),
    Visibility: Number(col(source.row, 'visibility') ?? 0),
  });
  const made = Number(saveSelection(where, o).f.SelectionId);
  if (type === SELECTION_TYPE.dynamic) {
    writeGroups({ selection: made }, readGroups({ selection: id }));
    criteriaChanged(made);
  }
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
  ...lacking(AGENT, 'the sandbox CRM has no typical searches (the ready-made searches the Find screen offers)', ['UpdateTypicalSearch(NSTypicalSearches)']),
  // the storage key of these names a result set of the web client's Find screen, not criteria
  ...lacking(AGENT, "the sandbox CRM keeps no search results of the web client's Find screen under storage keys (a dynamic selection's members are what its criteria find)", [
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
