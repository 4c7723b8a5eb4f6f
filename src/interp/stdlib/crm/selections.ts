// Selections as the sandbox CRM stores them (tables selection and selectionmember): their kinds,
// the tables a selection can be of, and the members of static ones. A member row names a company
// (contact_id) and optionally a person; a member of a selection of sales, follow-ups, documents,
// projects, requests or persons also names its target record (targetTableNumber, targetRecordId).
// Dynamic and combined selections have no member rows: their members are what their criteria find,
// or what their two inputs combine to (netserver/agents/selection-dynamic.ts). getSelectionIds and
// NSSelectionAgent both read and write through here.
import type { CrmRow, CrmValue } from '../../runtime/crm-service.js';
import { crm, int } from './access.js';

/** selection.seltype */
export const SELECTION_TYPE = { static: 0, dynamic: 1, combined: 2 } as const;
/** selection.SystemType (SelectionSystemType): a user's selection, the one short-term temporary selection of a user, a user's dynamic selection of a table for Find. */
export const SYSTEM_TYPE = { user: 0, temporary: 1, personalForFind: 2 } as const;

const TYPE_NAMES = ['static', 'dynamic', 'combined'];

/** 'static', 'dynamic' or 'combined' (NULL is static). */
export function typeName(seltype: CrmValue | undefined): string {
  return TYPE_NAMES[int(seltype)] ?? `of type ${int(seltype)}`;
}

/** Why a selection's members cannot be changed one by one, or null for a static selection. */
export function notStatic(id: number, seltype: CrmValue | undefined): string | null {
  return int(seltype) === SELECTION_TYPE.static ? null : `selection ${id} is ${typeName(seltype)}: its members are what its ${int(seltype) === SELECTION_TYPE.dynamic ? 'criteria find' : 'two selections combine to'}; only a static selection's members are added and removed`;
}

/** A table a selection can be of, by its SuperOffice name and table number. */
export interface Target {
  name: string;
  number: number;
  /** What its members are, for messages ("sales"), and one of them ("sale"). */
  what: string;
  one: string;
  /** The company and person a record of it belongs to. */
  party: (row: CrmRow) => [contact: number, person: number];
}

/** The company and person of a row that has contact_id and person_id. */
const linked = (row: CrmRow): [number, number] => [int(row.contact_id), int(row.person_id)];

export const TARGETS: readonly Target[] = [
  { name: 'contact', number: 5, what: 'companies and persons', one: 'company', party: (r) => [int(r.contact_id), 0] },
  { name: 'person', number: 6, what: 'persons', one: 'person', party: (r) => [int(r.contact_id), int(r.person_id)] },
  { name: 'appointment', number: 9, what: 'follow-ups', one: 'follow-up', party: linked },
  {
    name: 'document',
    number: 10,
    what: 'documents',
    one: 'document',
    // a document's links live in its appointment row
    party: (r) => {
      const a = int(r.appointment_id) ? crm().get('appointment', int(r.appointment_id)) : null;
      return a ? linked(a) : [0, 0];
    },
  },
  { name: 'project', number: 11, what: 'projects', one: 'project', party: () => [0, 0] },
  { name: 'sale', number: 13, what: 'sales', one: 'sale', party: linked },
  { name: 'ticket', number: 262, what: 'requests', one: 'request', party: (r) => [int(r.contact_id), int(r.cust_id)] },
];

/** The selection of companies and persons (targetTableNumber 5). */
export const CONTACT_TARGET = TARGETS[0];

export function targetByNumber(n: number): Target | undefined {
  return TARGETS.find((t) => t.number === n);
}

export function targetByName(name: string): Target | undefined {
  const want = name.trim().toLowerCase();
  return TARGETS.find((t) => t.name === want);
}

/** 'contact (5), person (6), …' */
export function targetList(): string {
  return TARGETS.map((t) => `${t.name} (${t.number})`).join(', ');
}

/** What a selection row is of: its target table (a row with none is of companies and persons). */
export function targetOf(selection: CrmRow): Target | undefined {
  return int(selection.targetTableNumber) ? targetByNumber(int(selection.targetTableNumber)) : CONTACT_TARGET;
}

export function selectionRow(id: number): CrmRow | null {
  return id > 0 ? crm().get('selection', id) : null;
}

/** The member rows of a selection, in the order they were added. */
export function memberRows(selectionId: number): CrmRow[] {
  return crm().select('selectionmember', { where: [{ column: 'selection_id', op: '=', value: selectionId }], orderBy: [{ column: 'selectionmember_id' }] });
}

/** A member to add: a company and person, and for selections of other tables the record. */
export interface Member {
  contact: number;
  person: number;
  target?: Target;
  record?: number;
}

/** A record (row `id` of the target's table) as a member of a selection of `target`: a company as itself, anything else with its company and person. */
export function recordAsMember(target: Target, id: number, row: CrmRow): Member {
  if (target === CONTACT_TARGET) return { contact: id, person: 0 };
  const [contact, person] = target.party(row);
  return { contact, person, target, record: id };
}

/** The target record of a selection of `target` as a member (its company and person filled in), or null when there is no such record. */
export function recordMember(target: Target, id: number): Member | null {
  const row = id > 0 ? crm().get(target.name, id) : null;
  return row ? recordAsMember(target, id, row) : null;
}

/** A member row as a member to add (to a copy). */
export function asMember(r: CrmRow): Member {
  const target = int(r.targetTableNumber) ? targetByNumber(int(r.targetTableNumber)) : undefined;
  return target && target !== CONTACT_TARGET ? { contact: int(r.contact_id), person: int(r.person_id), target, record: int(r.targetRecordId) } : { contact: int(r.contact_id), person: int(r.person_id) };
}

/** What makes two members the same: the record, or for companies and persons the pair. */
export function keyOf(m: { contact: number; person: number; record?: number }): string {
  return m.record ? `r${m.record}` : `c${m.contact}p${m.person}`;
}

const rowMember = (r: CrmRow): { contact: number; person: number; record?: number } => ({ contact: int(r.contact_id), person: int(r.person_id), record: int(r.targetRecordId) || undefined });

/**
 * Adds the members a selection does not have yet (in the order given, each once) and returns how
 * many it added. With `companyUnique`, a company that is already there gets no further members.
 */
export function addMembers(selectionId: number, members: Member[], companyUnique = false): number {
  const rows = memberRows(selectionId);
  const have = new Set(rows.map((r) => keyOf(rowMember(r))));
  const companies = new Set(rows.map((r) => int(r.contact_id)));
  let added = 0;
  for (const m of members) {
    const key = keyOf(m);
    if (have.has(key) || (companyUnique && m.contact && companies.has(m.contact))) continue;
    have.add(key);
    companies.add(m.contact);
    crm().insert('selectionmember', {
      selection_id: selectionId,
      contact_id: m.contact,
      person_id: m.person || null,
      targetTableNumber: m.target ? m.target.number : null,
      targetRecordId: m.target ? (m.record ?? null) : null,
    });
    added++;
  }
  if (added) membershipChanged(selectionId);
  return added;
}

/** A project's companies and persons: its members (projectmember), in their order. */
export function projectMembers(projectId: number): Member[] {
  return crm()
    .select('projectmember', { where: [{ column: 'project_id', op: '=', value: projectId }], orderBy: [{ column: 'rank' }, { column: 'projectmember_id' }] })
    .map((p) => ({ contact: int(p.contact_id), person: int(p.person_id) }))
    .filter((m) => m.contact || m.person);
}

const PROJECT_TABLE = 11;

/**
 * The company and person of each member, each pair once, in member order: what a selection of
 * other records has as its companies and persons (a project's are its members).
 */
export function pairsOf(members: Member[]): Member[] {
  const seen = new Set<string>();
  const out: Member[] = [];
  for (const m of members) {
    const pairs = m.target?.number === PROJECT_TABLE && m.record ? projectMembers(m.record) : [{ contact: m.contact, person: m.person }];
    for (const p of pairs) {
      const key = keyOf(p);
      if ((p.contact || p.person) && !seen.has(key)) {
        seen.add(key);
        out.push(p);
      }
    }
  }
  return out;
}

/** The companies and persons of a static selection's member rows (pairsOf). */
export function memberPairs(selectionId: number): Member[] {
  return pairsOf(memberRows(selectionId).map(asMember));
}

/** Deletes member rows (of any selections) and brings the counts of their selections up to date. */
export function removeMemberRows(rows: CrmRow[]): number {
  const selections = new Set<number>();
  for (const r of rows) {
    crm().delete('selectionmember', int(r.selectionmember_id));
    selections.add(int(r.selection_id));
  }
  for (const id of selections) membershipChanged(id);
  return rows.length;
}

/** Stamps a change of a selection's members: memberCount, lastMembershipChange and who made it. */
export function membershipChanged(selectionId: number): void {
  const c = crm();
  if (!c.get('selection', selectionId)) return;
  const count = c.count('selectionmember', [{ column: 'selection_id', op: '=', value: selectionId }]);
  c.update('selection', selectionId, { memberCount: count, lastMembershipChange: c.now(), lastMembershipChangeBy: c.actor().associateId });
}
