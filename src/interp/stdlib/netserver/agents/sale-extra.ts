// NSSaleAgent beyond the entity cycle and the lists: closing sales as sold or lost, validating an
// entity before a save, recomputing next due dates, a stage's probability (Prob); guides and
// the stages of sale types, which the sandbox does not have.
import { db, fail } from './db.js';
import { updateChanged } from './view.js';
import { lookup } from './people-views.js';
import { lacking, validation, type Methods } from './define.js';
import { saleEntityView } from './sales-views.js';
import { SALE } from './sale-summary.js';
import { updateNextDueDates } from './activity-dates.js';
import type { NSObject } from '../object.js';

const AGENT = 'NSSaleAgent';

/**
 * Sets the status of these sales, as a save of the entity with that status would (only the status
 * changes; updated, updated_associate_id and updatedCount are stamped when it does). Completed,
 * the date and the reasons stay as they are. Every id must name a sale; nothing is written
 * otherwise.
 */
function setStatus(method: string, ids: unknown, status: number): void {
  const list = Array.isArray(ids) ? ids.map(Number) : [];
  const rows = list.map((id) => {
    const row = db().get('sale', id);
    if (!row) throw fail(`${AGENT}.${method}`, `there is no sale with id ${id}`);
    return { id, row };
  });
  for (const { id, row } of rows) updateChanged('sale', id, row, { status });
}

/** A number-allocation question the sandbox cannot answer. */
export function numberCheck(agent: string): Methods {
  return lacking(agent, 'the sandbox CRM has no number allocation settings (which numbers must be unique or filled in)', ['IsNumberValid(Integer,String)']);
}

export const saleExtra: Methods = {
  'SetAsSold(Integer[])': (_a: unknown, ids: unknown) => setStatus('SetAsSold', ids, SALE.sold),
  'SetAsLost(Integer[])': (_a: unknown, ids: unknown) => setStatus('SetAsLost', ids, SALE.lost),
  'ValidateSaleEntity(NSSaleEntity)': (_a: unknown, o: NSObject) => validation(AGENT, 'ValidateSaleEntity', saleEntityView, o),
  'BatchUpdateNextDueDate()': () => updateNextDueDates(),
  // guides belong to sale types' stages, and the sandbox has none (no SaleTypeStageLink,
  // SuggestedAppointment or SuggestedDocument table): no sale of it has a guide or guide
  // activities, so completing a follow-up never offers the next stage
  'HasGuide(Integer)': () => false,
  'HasGuideActivities(Integer)': () => false,
  'OfferAutoNextStageOnApppointmentCompleted(Integer)': () => false,
  // a stage (Prob row) by id: its probability; 0 for an id with no stage
  'GetProbabilityFromStage(Integer)': (_a: unknown, id: number) => Number(lookup('Prob', id, 'probability') || 0),
  ...lacking(AGENT, 'the sandbox CRM has no SaleTypeStageLink table (which stages a sale type has, in which order)', ['GetNextSaleStage(Integer,Bool)']),
  ...numberCheck(AGENT),
};
