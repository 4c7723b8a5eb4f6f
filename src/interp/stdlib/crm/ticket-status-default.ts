// The default custom status of a base status (Active, Closed, Postponed, Deleted): the one a
// request gets when only its base status is set (Ticket.setValue("status"), ticket.ts), and what
// NSTicketStatusEntity's IsDefault tells (SuperOffice: "there might be more than one status with
// the same internal status"). SuperOffice's database reference documents no column that marks it,
// so in the sandbox it is the order of ticket_status: the first status of the base status that is
// not deleted, by ts_rank and then id. Making a status the default moves it first in that order;
// making the default not the default moves it after the next one (the statuses of the base status
// swap their ranks, so the other base statuses keep their places in the list).
import { crm, int } from './access.js';
import type { CrmRow } from '../../runtime/crm-service.js';

/** The base status's statuses in their order, the ones not deleted first. */
function ordered(base: number): CrmRow[] {
  const rows = crm().select('ticket_status', { columns: ['id', 'ts_rank', 'deleted'], where: [{ column: 'status', op: '=', value: base }], orderBy: [{ column: 'ts_rank' }, { column: 'id' }] });
  return [...rows.filter((r) => !int(r.deleted)), ...rows.filter((r) => int(r.deleted))];
}

/** The id of the base status's default status, 0 when it has none. */
export function defaultTicketStatus(base: number): number {
  return int(ordered(base)[0]?.id);
}

/**
 * Makes status `id` of base status `base` the default (`on`) or, when it is the default, not the
 * default (the next status of the base status becomes it; a base status's only status stays its
 * default).
 */
export function setDefaultTicketStatus(id: number, base: number, on: boolean): void {
  const rows = ordered(base);
  const at = rows.findIndex((r) => int(r.id) === id);
  if (at < 0 || (on ? at === 0 : at !== 0 || rows.length < 2)) return;
  const order = rows.map((r) => int(r.id));
  order.splice(at, 1);
  order.splice(on ? 0 : 1, 0, id);
  // the ranks they had, in the new order (other base statuses' places in the list stay); ranks
  // that tie are made distinct from the lowest one
  const ranks = rows.map((r) => int(r.ts_rank)).sort((a, b) => a - b);
  const distinct = ranks.every((r, i) => i === 0 || r > ranks[i - 1]!);
  const rankOf = new Map(rows.map((r) => [int(r.id), int(r.ts_rank)]));
  order.forEach((sid, i) => {
    const rank = distinct ? ranks[i]! : ranks[0]! + i;
    if (rankOf.get(sid) !== rank) crm().update('ticket_status', sid, { ts_rank: rank });
  });
}
