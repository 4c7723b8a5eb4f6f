// Moving what points at a company or a person to another one, as merges and moves of companies
// and persons do: the activities (appointments, and the documents that live in them, sales,
// requests, chat sessions), which are dated, and the memberships (projects, selections), which are
// not. Rows are updated in place, stamped with who changed them when their table keeps that.
import type { CrmRow, CrmValue } from '../../../runtime/crm-service.js';
import { db } from './db.js';
import { col, updateChanged } from './view.js';

interface Link {
  table: string;
  contact: string;
  person: string;
  /** The activity's date; memberships have none and always move. */
  date?: string;
  /** The column a membership is of: a person is a member once. */
  group?: string;
}

const LINKS: Link[] = [
  { table: 'appointment', contact: 'contact_id', person: 'person_id', date: 'do_by' },
  { table: 'sale', contact: 'contact_id', person: 'person_id', date: 'saledate' },
  { table: 'ticket', contact: 'contact_id', person: 'cust_id', date: 'created_at' },
  { table: 'chat_session', contact: 'contact_id', person: 'person_id', date: 'when_requested' },
  { table: 'projectmember', contact: 'contact_id', person: 'person_id', group: 'project_id' },
  { table: 'selectionmember', contact: 'contact_id', person: 'person_id', group: 'selection_id' },
];

/** The links the sandbox has tables (and columns) for. */
function links(): Link[] {
  return LINKS.filter((l) => {
    const t = db().table(l.table);
    return t && [l.contact, l.person].every((c) => t.columns.some((x) => x.name.toLowerCase() === c.toLowerCase()));
  });
}

function pk(table: string): string {
  return db().table(table)?.primaryKey ?? 'id';
}

/** Updates one row with what changes of `values`, adding the updated stamps when the table has them (view.ts updateChanged). */
export function touch(table: string, row: CrmRow, values: CrmRow): void {
  updateChanged(table, Number(col(row, pk(table))), row, values);
}

function rowsWhere(table: string, column: string, value: CrmValue): CrmRow[] {
  return db().select(table, { where: [{ column, op: '=', value }], orderBy: [{ column: pk(table) }] });
}

/** Every activity and membership of company `from` becomes company `to`'s. */
export function relinkCompany(from: number, to: number): void {
  for (const l of links()) for (const r of rowsWhere(l.table, l.contact, from)) touch(l.table, r, { [l.contact]: to });
}

/**
 * A person's activities dated `after` or later (all of them when `after` is null) and all of
 * their memberships go to company `toContact`, still with the person.
 */
export function followPerson(personId: number, toContact: number, after: string | null): void {
  for (const l of links())
    for (const r of rowsWhere(l.table, l.person, personId))
      if (!l.date || after === null || String(col(r, l.date) ?? '') >= after) touch(l.table, r, { [l.contact]: toContact || null });
}

/**
 * Person `from`'s activities dated `after` or later (all when null) and memberships become person
 * `to`'s (at `to`'s company). A membership `to` already has is dropped rather than doubled. Also
 * moves the request customer rows of the requests that moved.
 */
export function mergePersonLinks(from: number, to: number, toContact: number, after: string | null): void {
  const movedTickets: number[] = [];
  for (const l of links()) {
    const theirs = l.group ? new Set(rowsWhere(l.table, l.person, to).map((r) => Number(col(r, l.group!) ?? 0))) : null;
    for (const r of rowsWhere(l.table, l.person, from)) {
      if (l.date && after !== null && String(col(r, l.date) ?? '') < after) continue;
      if (theirs && l.group && theirs.has(Number(col(r, l.group) ?? 0))) db().delete(l.table, Number(col(r, pk(l.table))));
      else touch(l.table, r, { [l.person]: to, [l.contact]: toContact || null });
      if (l.table === 'ticket') movedTickets.push(Number(col(r, pk('ticket'))));
    }
  }
  if (db().table('ticket_customers'))
    for (const r of rowsWhere('ticket_customers', 'customer_id', from))
      if (movedTickets.includes(Number(col(r, 'ticket_id') ?? 0))) db().update('ticket_customers', Number(col(r, 'id')), { customer_id: to });
}
