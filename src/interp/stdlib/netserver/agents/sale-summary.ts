// Sale summaries (NSSaleSummary): counts and sums of a set of sales by status within a period, for
// an associate, a company or a user group, and the empty summary CreateDefaultSaleSummary hands out.
import type { CrmCondition, CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import type { CrmDateTime } from '../../time/values.js';
import { db, dateToDb, now } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';

export const SALE = { open: 1, sold: 2, lost: 3, stalled: 4 };

/** Counts and sums of these sale rows, by status, as NSSaleSummary (amounts in the base currency). */
function summarize(rows: CrmRow[], from: CrmDateTime | null, to: CrmDateTime | null): NSObject {
  const lo = (from && dateToDb(from)) ?? '0000-00-00 00:00:00';
  const hi = (to && dateToDb(to)) ?? '9999-12-31 23:59:59';
  const today = dateToDb(now()) ?? '';
  const s: Record<string, number> = {};
  for (const k of ['Sold', 'Lost', 'Open', 'CurrentOverdue', 'PreviousOverdue', 'FutureOpen']) s[k] = 0;
  const add = (k: string, amount: number, weighted: number, withWeighted = true): void => {
    s[k] += 1;
    for (const cur of ['BaseCurrency', 'OwnCurrency']) {
      s[`${k}Total${cur}`] = (s[`${k}Total${cur}`] ?? 0) + amount;
      if (withWeighted) s[`${k}Weighted${cur}`] = (s[`${k}Weighted${cur}`] ?? 0) + weighted;
    }
  };
  for (const r of rows) {
    const date = String(col(r, 'saledate') ?? '');
    const status = Number(col(r, 'status') ?? 0);
    const amount = Number(col(r, 'amount') ?? 0);
    const weighted = (amount * Number(col(r, 'probability') ?? 0)) / 100;
    const inPeriod = date >= lo && date <= hi;
    if (status === SALE.sold && inPeriod) add('Sold', amount, weighted, false);
    else if (status === SALE.lost && inPeriod) add('Lost', amount, weighted, false);
    else if (status === SALE.open) {
      if (inPeriod) add(date < today ? 'CurrentOverdue' : 'Open', amount, weighted);
      else if (date < lo) add('PreviousOverdue', amount, weighted);
      else add('FutureOpen', amount, weighted);
    }
  }
  const baseRow = db().select('Currency', { where: [{ column: 'rate', op: '=', value: 1 }], limit: 1 })[0];
  const base = baseRow ? String(col(baseRow, 'name') ?? '') : '';
  return make('NSSaleSummary', { ...s, BaseCurrency: base, OwnCurrency: base });
}

function summary(conds: CrmCondition[], from: CrmDateTime, to: CrmDateTime): NSObject {
  return summarize(db().select('sale', { where: conds }), from, to);
}

/** The associates whose (primary) user group is `groupId`, as NSAssociateAgent.GetAssociatesByGroup finds them. */
function groupMembers(groupId: number): number[] {
  return db()
    .select('associate', { where: [{ column: 'group_idx', op: '=', value: groupId }] })
    .map((r) => Number(col(r, 'associate_id') ?? 0));
}

export const saleSummaries: Methods = {
  'CreateDefaultSaleSummary()': () => summarize([], null, null),
  'GetSummaryByAssociate(Integer,DateTime,DateTime)': (_a: unknown, id: number, from: CrmDateTime, to: CrmDateTime) =>
    summary([{ column: 'associate_id', op: '=', value: id }], from, to),
  'GetSummaryByContact(Integer,DateTime,DateTime)': (_a: unknown, id: number, from: CrmDateTime, to: CrmDateTime) =>
    summary([{ column: 'contact_id', op: '=', value: id }], from, to),
  // a group's sales are those its users own (sale.group_idx is only the owner's group at creation)
  'GetSummaryByGroup(Integer,DateTime,DateTime)': (_a: unknown, groupId: number, from: CrmDateTime, to: CrmDateTime) => {
    const owners = groupMembers(groupId);
    return owners.length ? summary([{ column: 'associate_id', op: 'in', value: owners }], from, to) : summarize([], from, to);
  },
};
