// NSSelectionEntity over the selection table, and what the NSSelectionAgent methods share: finding
// a static selection (to change its members), new selections, the target table of an entity
// about to be saved. A selection's MemberCount is how many members it has now, of any kind
// (selection-dynamic.ts); deleting a selection deletes its members and its criteria.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, listView, load, loadRef, register, save, type View } from './view.js';
import { make } from './define.js';
import { me } from './contact-person.js';
import { dropCriteria } from './criteria-store.js';
import { memberCountOf, selectionOf, targetOfRow } from './selection-dynamic.js';
import { CONTACT_TARGET, notStatic, SELECTION_TYPE, targetByName, targetByNumber, targetList, targetOf, type Target } from '../../crm/selections.js';

export const AGENT = 'NSSelectionAgent';

/** The target table number of each entity as handed to the script, to tell which of TargetTableName and TargetTableNumber it changed. */
const handedOut = new WeakMap<NSObject, number>();

const memberCount = (id: number): number => db().count('selectionmember', [{ column: 'selection_id', op: '=', value: id }]);

/** The user group of an associate (a selection keeps its owner's). */
function groupOf(associateId: number): number {
  const row = associateId ? db().get('associate', associateId) : null;
  return row ? Number(col(row, 'group_idx') ?? 0) : 0;
}

export const selectionEntityView: View = {
  cls: 'NSSelectionEntity',
  table: 'selection',
  key: 'SelectionId',
  cols: 'Name=name:s GroupIdx=group_idx:i Visibility=visibility:i SelectionType=seltype:i CompanyUnique=companyUnique:b SoundEx=soundEx:s Source=source:i IncludePerson=includePerson:i TargetTableNumber=targetTableNumber:i Completed=done:b SelectionUnionType=combinationType:i LeftSelectionId=leftSelectionId:i RightSelectionId=rightSelectionId:i ChartKey=chartKey:s LastLoaded=lastLoaded:d LastLoadedBy=lastLoadedBy:i LastMembershipChange=lastMembershipChange:d LastMembershipChangeBy=lastMembershipChangeBy:i',
  refs: 'Associate=associate_id>NSAssociate SelectionCategory=searchCat_id>NSSelectionCategory',
  texts: 'Description=text_id Postit=postitText_Id',
  audit: true,
  required: [['Name', 'the selection name (SetName)']],
  calc: (o, row) => {
    const id = Number(o.f.SelectionId);
    // a row without a target table (the demo's) is of companies and persons, as everywhere here
    const target = targetOf({ targetTableNumber: col(row, 'targetTableNumber') ?? null });
    if (target) o.f.TargetTableNumber = target.number;
    o.f.TargetTableName = target?.name ?? '';
    handedOut.set(o, Number(o.f.TargetTableNumber));
    o.f.TextId = Number(col(row, 'text_id') ?? 0);
    o.f.PostitTextId = Number(col(row, 'postitText_Id') ?? 0);
    o.f.UpdatedCount = Number(col(row, 'updatedCount') ?? 0);
    o.f.MemberCount = Number(o.f.SelectionType) === SELECTION_TYPE.static ? memberCount(id) : memberCountOf(id, row);
    o.f.LastLoadedByAssociate = loadRef('NSAssociate', Number(o.f.LastLoadedBy));
    o.f.LastMembershipChangeByAssociate = loadRef('NSAssociate', Number(o.f.LastMembershipChangeBy));
    o.f.VisibleFor = [];
  },
  extra: (o): CrmRow => {
    const id = Number(o.f.SelectionId ?? 0);
    const owner = Number((o.f.Associate as NSObject | undefined)?.f.AssociateId ?? 0);
    const isStatic = Number(o.f.SelectionType ?? 0) === SELECTION_TYPE.static;
    const old = id ? db().get('selection', id) : null;
    return {
      group_idx: Number(o.f.GroupIdx ?? 0) || groupOf(owner),
      memberCount: isStatic ? (id ? memberCount(id) : 0) : old ? memberCountOf(id, old) : 0,
    };
  },
  beforeDelete: (id) => {
    for (const r of db().select('selectionmember', { where: [{ column: 'selection_id', op: '=', value: id }] })) db().delete('selectionmember', Number(col(r, 'selectionmember_id')));
    dropCriteria({ selection: id });
  },
};

register(selectionEntityView, listView('NSSelectionCategory', 'SearchCat'));

/** A new selection of `target` as CreateDefaultSelectionEntity gives it: static, the user's, of the user's group. */
export function newSelection(target: Target): NSObject {
  const owner = me();
  const o = make('NSSelectionEntity', {
    SelectionId: 0,
    Associate: owner,
    GroupIdx: Number(owner.f.GroupIdx ?? 0),
    SelectionType: SELECTION_TYPE.static,
    TargetTableNumber: target.number,
    TargetTableName: target.name,
    VisibleFor: [],
  });
  handedOut.set(o, target.number);
  return o;
}

/** A static selection and what it is of: the selections whose members the sandbox keeps. */
export function staticOf(where: string, id: number): { row: CrmRow; target: Target } {
  const row = selectionOf(where, id);
  const why = notStatic(id, col(row, 'seltype'));
  if (why) throw fail(where, why);
  return { row, target: targetOfRow(where, id, row) };
}

/** The target table an entity about to be saved names: the one of the two properties the script changed, else whichever is set (companies and persons when neither is). */
function targetOfEntity(where: string, o: NSObject): Target {
  const num = Number(o.f.TargetTableNumber ?? 0);
  const name = String(o.f.TargetTableName ?? '').trim();
  const byNumber = num ? targetByNumber(num) : undefined;
  const byName = name ? targetByName(name) : undefined;
  if (num && !byNumber) throw fail(where, `TargetTableNumber ${num} is not a table the sandbox keeps selections of (${targetList()})`);
  if (name && !byName) throw fail(where, `TargetTableName '${name}' is not a table the sandbox keeps selections of (${targetList()})`);
  if (byNumber && byName && byNumber !== byName) {
    const was = handedOut.get(o);
    if (was !== undefined && num !== was && byName.number === was) return byNumber;
    if (was !== undefined && num === was) return byName;
    throw fail(where, `TargetTableName '${name}' and TargetTableNumber ${num} name different tables`);
  }
  return byNumber ?? byName ?? CONTACT_TARGET;
}

/** SaveSelectionEntity's rules beyond the view's: a known target table that a selection with members keeps, a known selection type, the two inputs of a combined selection. */
function check(where: string, o: NSObject): void {
  const target = targetOfEntity(where, o);
  o.f.TargetTableNumber = target.number;
  o.f.TargetTableName = target.name;
  const type = Number(o.f.SelectionType ?? 0);
  if (type !== SELECTION_TYPE.static && type !== SELECTION_TYPE.dynamic && type !== SELECTION_TYPE.combined)
    throw fail(where, `SelectionType ${type} is none of static (0), dynamic (1) and combined (2)`);
  const id = Number(o.f.SelectionId ?? 0);
  const old = id ? db().get('selection', id) : null;
  if (old && targetOf({ targetTableNumber: col(old, 'targetTableNumber') ?? null }) !== target && memberCount(id))
    throw fail(where, `selection ${id} has members, so what it is a selection of cannot change`);
  if (type === SELECTION_TYPE.combined)
    for (const side of ['LeftSelectionId', 'RightSelectionId']) {
      const other = Number(o.f[side] ?? 0);
      if (!other || other === id || !db().get('selection', other)) throw fail(where, `a combined selection needs two other selections: ${side} ${other} is none`);
    }
}

/** Saves a selection entity and reads it back. */
export function saveSelection(where: string, o: NSObject): NSObject {
  if (!(o instanceof NSObject)) throw fail(where, 'nothing to save');
  check(where, o);
  const id = save(selectionEntityView, o, where);
  return load(selectionEntityView, id) ?? make('NSSelectionEntity', { SelectionId: 0 });
}

/** The selection `id` as an entity, as it is now. */
export function selectionEntity(id: number): NSObject {
  return load(selectionEntityView, id) ?? make('NSSelectionEntity', { SelectionId: 0 });
}
