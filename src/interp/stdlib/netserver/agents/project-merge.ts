// NSProjectAgent.Merge: one project absorbs another. What pointed at the source (follow-ups and
// documents, sales, e-mail addresses, requests, members) moves to the destination; a member the
// destination already has (the same person, or the same company without a person) is dropped.
// With replaceEmptyFieldsOnDestination, the destination's empty fields take the source's values.
// Then the source is deleted.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { col, remove, updateChanged } from './view.js';
import type { Methods } from './define.js';
import { projectEntityView, projectMemberView } from './sales-views.js';

const WHERE = 'NSProjectAgent.Merge';

/** Tables whose project_id links a row to a project (besides projectmember). */
const LINKS = ['appointment', 'sale', 'Email', 'ticket'];

/** Project columns a merge may fill in on the destination. */
const FIELDS = ['project_number', 'type_idx', 'status_idx', 'associate_id', 'endDate', 'text_id', 'postitText_id', 'userdef_id', 'userdef2_id'];

/** Of those, the columns that point at rows the project owns. */
const OWNED = ['text_id', 'postitText_id', 'userdef_id', 'userdef2_id'];

const empty = (v: CrmRow[string] | undefined): boolean => v === null || v === undefined || v === '' || v === 0;

/** A member's identity within a project: its person, else its company. */
function memberKey(r: CrmRow): string {
  const person = Number(col(r, 'person_id') ?? 0);
  return person ? `p${person}` : `c${Number(col(r, 'contact_id') ?? 0)}`;
}

function moveMembers(source: number, dest: number): void {
  const crm = db();
  const members = (id: number): CrmRow[] => crm.select('projectmember', { where: [{ column: 'project_id', op: '=', value: id }] });
  const have = new Set(members(dest).map(memberKey));
  for (const m of members(source)) {
    const id = Number(col(m, 'projectmember_id'));
    if (have.has(memberKey(m))) remove(projectMemberView, id);
    else {
      crm.update('projectmember', id, { project_id: dest });
      have.add(memberKey(m));
    }
  }
}

function merge(source: number, dest: number, replaceEmpty: boolean): void {
  const crm = db();
  if (source === dest) throw fail(WHERE, `project ${source} cannot be merged into itself`);
  const from = crm.get('project', source);
  if (!from) throw fail(WHERE, `there is no project with id ${source}`);
  const to = crm.get('project', dest);
  if (!to) throw fail(WHERE, `there is no project with id ${dest}`);
  for (const table of LINKS) {
    if (!crm.table(table)) continue;
    const pk = crm.table(table)!.primaryKey;
    for (const r of crm.select(table, { where: [{ column: 'project_id', op: '=', value: source }] })) crm.update(table, Number(col(r, pk)), { project_id: dest });
  }
  moveMembers(source, dest);
  if (replaceEmpty) {
    const taken: CrmRow = {};
    for (const c of FIELDS) if (empty(col(to, c)) && !empty(col(from, c))) taken[c] = col(from, c) ?? null;
    updateChanged('project', dest, to, taken);
    // texts and user-defined field rows the destination took are no longer the source's to delete
    const owned = OWNED.filter((c) => c in taken);
    if (owned.length) crm.update('project', source, Object.fromEntries(owned.map((c) => [c, null])));
  }
  remove(projectEntityView, source);
}

export const projectMerge: Methods = {
  'Merge(Integer,Integer,Bool)': (_a: unknown, source: number, dest: number, replaceEmpty: boolean) => merge(source, dest, replaceEmpty),
};
