// The order of a company's persons (person.rank; rank 1 is the company's main contact person):
// NSPersonAgent.ChangePersonRank, SetPersonRank and NormalizeRanks, and the rank a person gets
// when it joins a company.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import type { Methods } from './define.js';
import { touch } from './relink.js';

const rankOf = (r: CrmRow): number => Number(col(r, 'rank') ?? 0);
const idOf = (r: CrmRow): number => Number(col(r, 'person_id'));

/** A company's persons in their order: by rank (unranked ones last), then by id. */
export function ranked(contactId: number): CrmRow[] {
  const key = (r: CrmRow): number => (rankOf(r) > 0 ? rankOf(r) : Number.MAX_SAFE_INTEGER);
  return db()
    .select('person', { where: [{ column: 'contact_id', op: '=', value: contactId }] })
    .sort((a, b) => key(a) - key(b) || idOf(a) - idOf(b));
}

/** Numbers the persons 1, 2, 3 … in the order given, writing only the ranks that change. */
function renumber(rows: CrmRow[]): void {
  rows.forEach((r, i) => {
    if (rankOf(r) !== i + 1) touch('person', r, { rank: i + 1 });
  });
}

/** The rank a person joining company `contactId` gets: after the last one. */
export function nextRank(contactId: number): number {
  return ranked(contactId).reduce((max, r) => Math.max(max, rankOf(r)), 0) + 1;
}

/** The person row and its company's persons in order, or a failure naming the method. */
function placed(method: string, personId: number): { rows: CrmRow[]; at: number } {
  const where = `NSPersonAgent.${method}`;
  const p = personId ? db().get('person', personId) : null;
  if (!p) throw fail(where, `there is no person with id ${personId}`);
  const contactId = Number(col(p, 'contact_id') ?? 0);
  if (!contactId) throw fail(where, `person ${personId} belongs to no company, so it has no rank among its colleagues`);
  const rows = ranked(contactId);
  return { rows, at: rows.findIndex((r) => idOf(r) === personId) };
}

export const personRanks: Methods = {
  'ChangePersonRank(Integer,Bool)': (_a: unknown, personId: number, moveUp: boolean) => {
    const { rows, at } = placed('ChangePersonRank', personId);
    const to = moveUp ? at - 1 : at + 1;
    if (to < 0 || to >= rows.length) {
      renumber(rows);
      return at + 1;
    }
    [rows[at], rows[to]] = [rows[to], rows[at]];
    renumber(rows);
    return to + 1;
  },
  'SetPersonRank(Integer,Integer)': (_a: unknown, personId: number, desired: number) => {
    const { rows, at } = placed('SetPersonRank', personId);
    const [me] = rows.splice(at, 1);
    rows.splice(Math.min(Math.max(desired, 1), rows.length + 1) - 1, 0, me);
    renumber(rows);
    return true;
  },
  'NormalizeRanks(Integer)': (_a: unknown, contactId: number) => {
    if (!contactId || !db().get('contact', contactId)) return false;
    renumber(ranked(contactId));
    return true;
  },
};
