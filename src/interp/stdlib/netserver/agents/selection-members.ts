// The members of static selections (selectionmember rows, crm/selections.ts): adding them by the
// ids of what the selection is of, or as companies and persons (NSContactPersonId), removing them
// by member id, record id or company and person; copying the members of a selection of any kind
// into a static one, and listing them as archive rows (selection-dynamic.ts: a dynamic or
// combined selection's members are found, not stored). A selection of companies and persons
// (contact) has company rows and person rows; a selection of anything else has one row a record,
// which also names the record's company and person (those are the selection's "shadow" members).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import type { CrmMap } from '../../map.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import type { Methods } from './define.js';
import { archiveItem, hasColumn } from './find-archive.js';
import { columnOf } from './restrictions.js';
import { AGENT, staticOf } from './selection-views.js';
import { selected } from './selection-dynamic.js';
import { addMembers, CONTACT_TARGET, memberRows, pairsOf, recordMember, removeMemberRows, type Member, type Target } from '../../crm/selections.js';

const ids = (list: unknown): number[] => (Array.isArray(list) ? list.map(Number).filter((n) => n > 0) : []);

/** NSContactPersonId values as companies and persons: a person with its own company. */
export function contactPersons(where: string, list: unknown): Member[] {
  const out: Member[] = [];
  for (const v of Array.isArray(list) ? list : []) {
    if (!(v instanceof NSObject)) continue;
    const contact = Number(v.f.ContactId ?? 0);
    const person = Number(v.f.PersonId ?? 0);
    if (person) {
      const p = db().get('person', person);
      if (!p) throw fail(where, `there is no person with id ${person}`);
      const of = Number(col(p, 'contact_id') ?? 0);
      if (contact && of !== contact) throw fail(where, `person ${person} is not a person of company ${contact}`);
      out.push({ contact: of, person });
    } else if (contact) {
      if (!db().get('contact', contact)) throw fail(where, `there is no company with id ${contact}`);
      out.push({ contact, person: 0 });
    } else throw fail(where, 'an NSContactPersonId names neither a company nor a person (SetContactId, SetPersonId)');
  }
  return out;
}

/** Companies and persons as members of a selection of `target`: as they are for companies and persons; a selection of persons takes persons only. */
export function pairsFor(where: string, id: number, target: Target, pairs: Member[]): Member[] {
  if (target === CONTACT_TARGET) return pairs;
  if (target.name !== 'person') throw fail(where, `selection ${id} is a selection of ${target.what}, not of companies and persons: AddSelectionMembers and RemoveSelectionMembersById take the ids of its ${target.what}`);
  return pairs.map((p) => {
    if (!p.person) throw fail(where, `selection ${id} is a selection of persons: company ${p.contact} is none`);
    return { ...p, target, record: p.person };
  });
}

/** Records of `target` by id as members; an id with no record is an error. */
export function recordMembers(where: string, target: Target, list: unknown): Member[] {
  return ids(list).map((id) => {
    const m = recordMember(target, id);
    if (!m) throw fail(where, `there is no ${target.one} with id ${id}`);
    return m;
  });
}

/** A static selection that holds records by id (anything but companies and persons). */
function ofRecords(where: string, id: number): Target {
  const { target } = staticOf(where, id);
  if (target === CONTACT_TARGET) throw fail(where, `selection ${id} is a selection of companies and persons: AddContactSelectionMembers and RemoveContactSelectionMembers change its members`);
  return target;
}

/** Removes the members with these member ids (each must be one of the selection's). */
function removeByMemberIds(where: string, id: number, memberIds: unknown): void {
  staticOf(where, id);
  const rows = new Map(memberRows(id).map((r) => [Number(col(r, 'selectionmember_id')), r]));
  const remove: CrmRow[] = [];
  for (const m of ids(memberIds)) {
    const r = rows.get(m);
    if (!r) throw fail(where, `selection member ${m} is not a member of selection ${id}`);
    remove.push(r);
  }
  removeMemberRows(remove);
}

/** Whether a member row is this company and person (person 0: the company's own row). */
const isPair = (r: CrmRow, p: Member): boolean => Number(col(r, 'person_id') ?? 0) === p.person && (!p.contact || Number(col(r, 'contact_id') ?? 0) === p.contact);

/**
 * Members as archive rows: each one's record, with the columns asked for ("name,department"; all
 * of its table's when none). A list of companies and persons holds rows of both tables: a column
 * only one of them has reads as '' in the other's rows. `selectionMemberId` is the member row's id.
 */
function archiveRows(where: string, members: { row: CrmRow | null; table: string; id: number }[], select: string): NSObject[] {
  const asked = select.split(',').map((c) => c.trim()).filter(Boolean);
  const isMemberId = (c: string): boolean => c.toLowerCase() === 'selectionmemberid';
  const columns = asked.filter((c) => !isMemberId(c));
  const tables = [...new Set(members.map((m) => m.table))];
  for (const c of columns) if (tables.length && !tables.some((t) => hasColumn(t, c))) columnOf(where, tables[0], c);
  const out: NSObject[] = [];
  for (const m of members) {
    const record = m.id ? db().get(m.table, m.id) : null;
    if (!record) continue;
    const item = archiveItem(where, m.table, record, columns, tables.length > 1);
    if (m.row && asked.some(isMemberId)) (item.f.ColumnData as CrmMap).insert('selectionMemberId', String(col(m.row, 'selectionmember_id')));
    out.push(item);
  }
  return out;
}

const personOrCompany = (contact: number, person: number): { table: string; id: number } => (person ? { table: 'person', id: person } : { table: 'contact', id: contact });

export const selectionMembers: Methods = {
  'AddSelectionMembers(Integer,Integer[])': (_a: unknown, id: number, list: unknown) => {
    const where = `${AGENT}.AddSelectionMembers`;
    return addMembers(id, recordMembers(where, ofRecords(where, id), list));
  },
  'AddContactSelectionMembers(Integer,NSContactPersonId[])': (_a: unknown, id: number, list: unknown) => {
    const where = `${AGENT}.AddContactSelectionMembers`;
    const { row, target } = staticOf(where, id);
    addMembers(id, pairsFor(where, id, target, contactPersons(where, list)), Number(col(row, 'companyUnique') ?? 0) === 1);
  },
  'RemoveSelectionMembers(Integer,Integer[])': (_a: unknown, id: number, memberIds: unknown) => removeByMemberIds(`${AGENT}.RemoveSelectionMembers`, id, memberIds),
  'RemoveContactSelectionMembersFromIds(Integer,Integer[])': (_a: unknown, id: number, memberIds: unknown) => removeByMemberIds(`${AGENT}.RemoveContactSelectionMembersFromIds`, id, memberIds),
  'RemoveSelectionMembersById(Integer,Integer[])': (_a: unknown, id: number, list: unknown) => {
    ofRecords(`${AGENT}.RemoveSelectionMembersById`, id);
    const records = new Set(ids(list));
    removeMemberRows(memberRows(id).filter((r) => records.has(Number(col(r, 'targetRecordId') ?? 0))));
  },
  'RemoveContactSelectionMembers(Integer,NSContactPersonId[])': (_a: unknown, id: number, list: unknown) => {
    const where = `${AGENT}.RemoveContactSelectionMembers`;
    const { target } = staticOf(where, id);
    const pairs = pairsFor(where, id, target, contactPersons(where, list));
    removeMemberRows(memberRows(id).filter((r) => pairs.some((p) => isPair(r, p))));
  },
  'CopySelectionMembers(Integer,Integer)': (_a: unknown, from: number, to: number) => {
    const where = `${AGENT}.CopySelectionMembers`;
    const dest = staticOf(where, to);
    const source = selected(where, from);
    if (source.target !== dest.target)
      throw fail(where, `selection ${from} is of ${source.target.what} and selection ${to} of ${dest.target.what}: members are copied between selections of the same table (CopyContactSelectionMembers copies the companies and persons)`);
    addMembers(to, source.members, Number(col(dest.row, 'companyUnique') ?? 0) === 1);
  },
  'CopyContactSelectionMembers(Integer,Integer)': (_a: unknown, from: number, to: number) => {
    const where = `${AGENT}.CopyContactSelectionMembers`;
    const dest = staticOf(where, to);
    addMembers(to, pairsFor(where, to, dest.target, pairsOf(selected(where, from).members)), Number(col(dest.row, 'companyUnique') ?? 0) === 1);
  },
  'GetSelectionMembersArchiveRows(Integer,String)': (_a: unknown, id: number, select: string) => {
    const where = `${AGENT}.GetSelectionMembersArchiveRows`;
    const { target, members, rows } = selected(where, id);
    const list = members.map((m, i) => ({ row: rows?.[i] ?? null, ...(target === CONTACT_TARGET ? personOrCompany(m.contact, m.person) : { table: target.name, id: m.record ?? 0 }) }));
    return archiveRows(where, list, String(select ?? ''));
  },
  'GetSelectionShadowMembersArchiveRows(Integer,String)': (_a: unknown, id: number, select: string) => {
    const where = `${AGENT}.GetSelectionShadowMembersArchiveRows`;
    return archiveRows(where, pairsOf(selected(where, id).members).map((p) => ({ row: null, ...personOrCompany(p.contact, p.person) })), String(select ?? ''));
  },
};
