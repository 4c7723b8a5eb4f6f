// NSSaleAgent beyond the entity cycle and the lists: closing sales as sold or lost, validating an
// entity before a save, recomputing next due dates, a stage's probability (Prob); the sale's
// guide and the stage it goes on to (guide-progress.ts).
import { db, fail } from './db.js';
import { numberValidity } from './number-validity.js';
import { updateChanged } from './view.js';
import { lookup } from './people-views.js';
import { validation, type Methods } from './define.js';
import { saleEntityView } from './sales-views.js';
import { SALE } from './sale-summary.js';
import { updateNextDueDates } from './activity-dates.js';
import type { NSObject } from '../object.js';
import { guideTarget, hasGuideActivities, nextStage, offersNextStage, typeFlag } from './guide-progress.js';

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

/** IsNumberValid of an agent: by its number field's counter (number-validity.ts). */
export const numberCheck = (agent: string): Methods => numberValidity(agent);

export const saleExtra: Methods = {
  'SetAsSold(Integer[])': (_a: unknown, ids: unknown) => setStatus('SetAsSold', ids, SALE.sold),
  'SetAsLost(Integer[])': (_a: unknown, ids: unknown) => setStatus('SetAsLost', ids, SALE.lost),
  'ValidateSaleEntity(NSSaleEntity)': (_a: unknown, o: NSObject) => validation(AGENT, 'ValidateSaleEntity', saleEntityView, o),
  'BatchUpdateNextDueDate()': () => updateNextDueDates(),
  // guides (guide-progress.ts): the sale type's guide, follow-ups and documents made from its
  // suggestions, completing the last guide item of the stage, the stage to go on to; a sale
  // that does not exist has no guide and no next stage (0)
  'HasGuide(Integer)': (_a: unknown, id: number) => typeFlag('sale', guideTarget('sale', id), 'hasGuide'),
  'HasGuideActivities(Integer)': (_a: unknown, id: number) => hasGuideActivities('sale', id),
  'OfferAutoNextStageOnApppointmentCompleted(Integer)': (_a: unknown, appointmentId: number) => offersNextStage('sale', appointmentId),
  'GetNextSaleStage(Integer,Bool)': (_a: unknown, id: number, includeCurrent: boolean) => nextStage('sale', guideTarget('sale', id), includeCurrent),
  // a stage (Prob row) by id: its probability; 0 for an id with no stage
  'GetProbabilityFromStage(Integer)': (_a: unknown, id: number) => Number(lookup('Prob', id, 'probability') || 0),
  ...numberCheck(AGENT),
};
