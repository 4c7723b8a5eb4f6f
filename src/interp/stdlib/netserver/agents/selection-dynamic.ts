// The members of a selection of any kind: a static selection's are its member rows; a dynamic
// selection's are the rows of its table that its criteria find (criteria-store.ts: its groups
// OR-ed, the restrictions of a group AND-ed, read as a find reads them, restrictions.ts), in key
// order, and no rows when it has no criteria; a combined selection's are what its two selections
// combine to by its SelectionUnionType (1 left without right, 2 right without left, 3 both,
// 4 either but not both, 5 either), the two being of its table. A dynamic selection of companies
// and persons has the companies its criteria find as members (the criteria are on contact's
// columns; it has no person rows of its own). getSelectionIds, MemberCount and the
// NSSelectionAgent methods that read members (archive rows, copies, follow-ups, recipient counts,
// deleting what a selection holds) all read through here.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { conditions } from './restrictions.js';
import { alternatives, searchGroups, setsOf } from './criteria-store.js';
import { asMember, keyOf, memberRows, recordAsMember, SELECTION_TYPE, targetList, targetOf, type Member, type Target } from '../../crm/selections.js';

/** The selection row `id`, or an error naming the method. */
export function selectionOf(where: string, id: number): CrmRow {
  const row = id > 0 ? db().get('selection', id) : null;
  if (!row) throw fail(where, `there is no selection with id ${id}`);
  return row;
}

/** What a selection row is of, or an error for a table the sandbox keeps no selections of. */
export function targetOfRow(where: string, id: number, row: CrmRow): Target {
  const target = targetOf({ targetTableNumber: col(row, 'targetTableNumber') ?? null });
  if (!target) throw fail(where, `selection ${id} is of table number ${Number(col(row, 'targetTableNumber'))}, which the sandbox keeps no selections of (${targetList()})`);
  return target;
}

export interface Selected {
  row: CrmRow;
  target: Target;
  members: Member[];
  /** A static selection's member rows (the members, in the same order); null for the others. */
  rows: CrmRow[] | null;
}

const typeOf = (row: CrmRow): number => Number(col(row, 'seltype') ?? 0);

/** The records of `target` that a dynamic selection's criteria find. */
function found(where: string, id: number, target: Target): Member[] {
  const table = db().table(target.name)!;
  const rows = db().select(target.name, { where: conditions(where, target.name, alternatives(setsOf(searchGroups(where, { selection: id })))), orderBy: [{ column: table.primaryKey }] });
  return rows.map((r) => recordAsMember(target, Number(col(r, table.primaryKey)), r));
}

const UNION_TYPES = '1 left without right, 2 right without left, 3 both, 4 either but not both, 5 either';

/** What a combined selection's two selections combine to. */
function combined(where: string, id: number, row: CrmRow, target: Target, seen: Set<number>): Member[] {
  const how = Number(col(row, 'combinationType') ?? 0);
  if (how < 1 || how > 5) throw fail(where, `combined selection ${id} has no way of combining its selections (SelectionUnionType ${how}; it takes ${UNION_TYPES})`);
  const [left, right] = (['leftSelectionId', 'rightSelectionId'] as const).map((side) => {
    const other = Number(col(row, side) ?? 0);
    const s = select(where, other, seen);
    if (s.target !== target) throw fail(where, `combined selection ${id} is of ${target.what}, and its selection ${other} of ${s.target.what}: a combined selection combines two selections of its own table`);
    return s.members;
  });
  const keys = (list: Member[]): Set<string> => new Set(list.map(keyOf));
  const [inLeft, inRight] = [keys(left), keys(right)];
  const onlyLeft = left.filter((m) => !inRight.has(keyOf(m)));
  const onlyRight = right.filter((m) => !inLeft.has(keyOf(m)));
  const out = [[], onlyLeft, onlyRight, left.filter((m) => inRight.has(keyOf(m))), [...onlyLeft, ...onlyRight], [...left, ...onlyRight]][how];
  // a member counts once, at its first place
  const once = new Set<string>();
  return out.filter((m) => !once.has(keyOf(m)) && !!once.add(keyOf(m)));
}

function select(where: string, id: number, seen: Set<number>): Selected {
  const row = selectionOf(where, id);
  const target = targetOfRow(where, id, row);
  const type = typeOf(row);
  if (type === SELECTION_TYPE.dynamic) return { row, target, members: found(where, id, target), rows: null };
  if (type === SELECTION_TYPE.combined) {
    if (seen.has(id)) throw fail(where, `combined selection ${id} takes in itself (through ${[...seen].join(' → ')})`);
    return { row, target, members: combined(where, id, row, target, new Set([...seen, id])), rows: null };
  }
  const rows = memberRows(id);
  return { row, target, members: rows.map(asMember), rows };
}

/** A selection with its members, whatever its kind; errors name `where`. */
export function selected(where: string, id: number): Selected {
  return select(where, id, new Set());
}

/** How many members a selection of any kind has (a stored count when its criteria cannot be read: loading a selection does not fail on them). */
export function memberCountOf(id: number, row: CrmRow): number {
  try {
    return selected('', id).members.length;
  } catch {
    return Number(col(row, 'memberCount') ?? 0);
  }
}

/** Stamps a change of a selection's criteria: its member count, when and by whom its membership changed. */
export function criteriaChanged(id: number): void {
  const row = db().get('selection', id);
  if (row) db().update('selection', id, { memberCount: memberCountOf(id, row), lastMembershipChange: db().now(), lastMembershipChangeBy: db().actor().associateId });
}
