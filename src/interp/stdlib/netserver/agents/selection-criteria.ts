// NSSelectionAgent's criteria of dynamic selections (kept in the SearchCriteria tables,
// criteria-store.ts; what they find is in selection-dynamic.ts) and the user's selection for Find.
// As SuperOffice documents, the methods that take a plain restriction array work on one group:
// GetDynamicSelectionCriteria gives the first group's, SetDynamicSelectionCriteria replaces every
// group with one; the …Groups methods read and write them all (groups OR-ed, the restrictions of a
// group AND-ed). The string forms (SetDynamicSelectionCriteria2, …3) read a restriction string as
// NSFindAgent's "2" methods do (archive-strings.ts; NetServer's "startswith" is "begins"), each
// alternative of an 'or' becoming a group. Setting criteria checks them against the selection's
// table first, and stamps the selection's member count and membership change. Criteria can be set
// on a selection of any type; only a dynamic selection's members are what they find.
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';
import { restrictionsOf, type AnyOfRestrictions } from './archive-strings.js';
import { asGroups, checkGroups, readGroups, writeGroups } from './criteria-store.js';
import { criteriaChanged, selectionOf, targetOfRow } from './selection-dynamic.js';
import { AGENT, newSelection, saveSelection } from './selection-views.js';
import { CONTACT_PERSON_PROVIDER } from './find-archive.js';
import { SELECTION_TYPE, SYSTEM_TYPE, targetByName, targetList, type Target } from '../../crm/selections.js';

const at = (method: string): string => `${AGENT}.${method}`;
const objects = (list: unknown): NSObject[] => (Array.isArray(list) ? list : []).filter((x): x is NSObject => x instanceof NSObject);

/** Replaces a selection's criteria with these groups (ranked in their order) and reads them back. */
function setGroups(where: string, id: number, groups: NSObject[]): NSObject[] {
  const target = targetOfRow(where, id, selectionOf(where, id));
  checkGroups(where, target.name, groups);
  writeGroups({ selection: id }, groups);
  criteriaChanged(id);
  return readGroups({ selection: id });
}

/** A selection's groups (checking that the selection exists). */
function groupsOf(where: string, id: number): NSObject[] {
  selectionOf(where, id);
  return readGroups({ selection: id });
}

const firstOf = (groups: NSObject[]): unknown => groups[0]?.f.Restrictions ?? [];

/** Restrictions that hold together with each alternative of a restriction string. */
function withString(list: NSObject[], parsed: NSObject[] | AnyOfRestrictions): AnyOfRestrictions {
  const sets = Array.isArray(parsed) ? [parsed] : parsed.anyOf;
  return { anyOf: sets.map((set) => [...list, ...set]) };
}

/** Find's provider of each table a selection can be of (companies and persons share one). */
const FIND_PROVIDERS: Record<string, string> = {
  contact: CONTACT_PERSON_PROVIDER,
  person: CONTACT_PERSON_PROVIDER,
  appointment: 'AppointmentDynamicSelectionV2',
  document: 'DocumentDynamicSelectionV2',
  project: 'ProjectDynamicSelectionV2',
  sale: 'SaleDynamicSelectionV2',
  ticket: 'TicketDynamicSelectionV2',
};

/** The user's dynamic selection for Find of a table (SystemType PersonalForFind), made when first asked for. */
function findSelection(where: string, target: Target): number {
  const me = db().actor().associateId;
  const [old] = db().select('selection', {
    where: [
      { column: 'associate_id', op: '=', value: me },
      { column: 'SystemType', op: '=', value: SYSTEM_TYPE.personalForFind },
      { column: 'targetTableNumber', op: '=', value: target.number },
    ],
    orderBy: [{ column: 'selection_id' }],
    limit: 1,
  });
  if (old) return Number(col(old, 'selection_id'));
  const o = newSelection(target);
  Object.assign(o.f, { Name: `Find ${target.what}`, SelectionType: SELECTION_TYPE.dynamic });
  const id = Number(saveSelection(where, o).f.SelectionId);
  db().update('selection', id, { SystemType: SYSTEM_TYPE.personalForFind });
  return id;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const selectionCriteria: Methods = {
  'GetDynamicSelectionCriteria(Integer)': (_a: unknown, id: number) => firstOf(groupsOf(at('GetDynamicSelectionCriteria'), id)),
  'GetDynamicSelectionCriteriaGroups(Integer)': (_a: unknown, id: number) => groupsOf(at('GetDynamicSelectionCriteriaGroups'), id),
  'SetDynamicSelectionCriteria(Integer,NSArchiveRestrictionInfo[])': (_a: unknown, id: number, list: unknown) =>
    firstOf(setGroups(at('SetDynamicSelectionCriteria'), id, asGroups(objects(list)))),
  'SetDynamicSelectionCriteria2(Integer,String)': (_a: unknown, id: number, filter: string) => {
    const where = at('SetDynamicSelectionCriteria2');
    return firstOf(setGroups(where, id, asGroups(restrictionsOf(where, String(filter ?? '')))));
  },
  // the array and the string together: both hold (either alone when the other is empty)
  'SetDynamicSelectionCriteria3(Integer,NSArchiveRestrictionInfo[],String)': (_a: unknown, id: number, list: unknown, filter: string) => {
    const where = at('SetDynamicSelectionCriteria3');
    return firstOf(setGroups(where, id, asGroups(withString(objects(list), restrictionsOf(where, String(filter ?? ''))))));
  },
  'SetDynamicSelectionCriteriaGroups(Integer,NSArchiveRestrictionGroup[])': (_a: unknown, id: number, groups: unknown) =>
    setGroups(at('SetDynamicSelectionCriteriaGroups'), id, objects(groups)),
  // typicalSearchId -1 asks for the table's default criteria and 0 for the selection as it is; the
  // sandbox has no default criteria, so both give the selection as it is
  'GetSelectionForFind(String,Integer)': (_a: unknown, entity: string, typicalSearchId: number) => {
    const where = at('GetSelectionForFind');
    const target = targetByName(String(entity ?? ''));
    if (!target) throw fail(where, `'${String(entity ?? '')}' is not a table the sandbox keeps selections of (${targetList()})`);
    if (typicalSearchId > 0) throw fail(where, `the sandbox CRM has no typical searches (typical search ${typicalSearchId}): use 0 for your Find selection as it is`);
    const heading = `Find ${target.one}`;
    return make('NSSelectionForFind', {
      SelectionId: findSelection(where, target),
      ProviderName: FIND_PROVIDERS[target.name],
      CanSaveAsSelection: true,
      MainHeading: heading,
      FilterScreenHeading: heading,
      SelectionEntityHeading: capital(target.what),
    });
  },
};
