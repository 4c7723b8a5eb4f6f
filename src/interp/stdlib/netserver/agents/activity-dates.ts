// Dates the CRM derives from a record's follow-ups: a sale's next due date (sale.nextDueDate and
// nddAppointment_id: the closest future activity not yet completed, else the latest other one)
// and a project's next milestone (the closest future milestone appointment not yet completed).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, dateFromDb, dateToDb, fromDb } from './db.js';
import { col } from './view.js';

const COMPLETED = 3;
/** Invitations declined or cancelled, and assignments declined: not activities anyone will do. */
const DROPPED = new Set([9, 10, 13]);

/** A DateTime column as 'YYYY-MM-DD hh:mm:ss', '' for none (comparable as text). */
function stamp(v: CrmRow[string] | undefined): string {
  return dateToDb(dateFromDb(v ?? null)) ?? '';
}

/** The follow-ups linked to a row by `column`, with a start date, earliest first. */
function activities(column: 'sale_id' | 'project_id', id: number): CrmRow[] {
  return db()
    .select('appointment', { where: [{ column, op: '=', value: id }], orderBy: [{ column: 'do_by' }, { column: 'appointment_id' }] })
    .filter((r) => stamp(col(r, 'do_by')) && !DROPPED.has(Number(col(r, 'status') ?? 0)));
}

const isOpenFuture = (r: CrmRow, now: string): boolean => stamp(col(r, 'do_by')) >= now && Number(col(r, 'status') ?? 0) !== COMPLETED;

/** The appointment that sets a sale's next due date, or null when the sale has no dated activity. */
export function nextDueActivity(saleId: number): CrmRow | null {
  const now = stamp(db().now());
  const all = activities('sale_id', saleId);
  return all.find((r) => isOpenFuture(r, now)) ?? all[all.length - 1] ?? null;
}

/** The next milestone appointment of a project, or null when it has none ahead. */
export function nextMilestone(projectId: number): CrmRow | null {
  const now = stamp(db().now());
  return activities('project_id', projectId).find((r) => fromDb(col(r, 'isMilestone'), 'b') && isOpenFuture(r, now)) ?? null;
}

/**
 * Recomputes nextDueDate and nddAppointment_id of every sale from its follow-ups, writing only
 * the sales whose values change. A recomputation of what the system keeps, not an edit of the
 * sale: updated and updatedCount are left alone.
 */
export function updateNextDueDates(): void {
  const crm = db();
  for (const sale of crm.select('sale', { orderBy: [{ column: 'sale_id' }] })) {
    const id = Number(col(sale, 'sale_id'));
    const next = nextDueActivity(id);
    const date = next ? stamp(col(next, 'do_by')) : '';
    const appointment = next ? Number(col(next, 'appointment_id')) : 0;
    if (stamp(col(sale, 'nextDueDate')) === date && Number(col(sale, 'nddAppointment_id') ?? 0) === appointment) continue;
    crm.update('sale', id, { nextDueDate: date || null, nddAppointment_id: appointment || null });
  }
}
