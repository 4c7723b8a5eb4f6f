// NSSaleAgent's sale stakeholders (SaleStakeholder rows with a StakeholderRole): reading, saving,
// adding and deleting them, and the SaleStakeholders of NSSaleEntity, which a save of the sale
// writes (stakeholders in the list are saved for the sale, those left out of it deleted).
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, loadWhere, remove } from './view.js';
import { byId, byIds, make, saved, type Methods } from './define.js';
import { saleStakeholderView } from './guide-views.js';

const AGENT = 'NSSaleAgent';

/** A sale's stakeholders in rank order (then id). */
export function stakeholdersOf(saleId: number): NSObject[] {
  if (!saleId) return [];
  return loadWhere(saleStakeholderView, { sale_id: saleId }).sort((a, b) => Number(a.f.Rank) - Number(b.f.Rank) || Number(a.f.SaleStakeholderId) - Number(b.f.SaleStakeholderId));
}

/** Saves `list` as the sale's stakeholders: each one saved for the sale, the sale's others deleted. */
export function writeStakeholders(saleId: number, list: unknown): void {
  if (!Array.isArray(list)) return;
  const keep = new Set<number>();
  for (const s of list as NSObject[]) {
    if (!s?.f) continue;
    const o = make('NSSaleStakeholder', { ...s.f, SaleId: saleId });
    keep.add(Number(saved(AGENT, 'SaveSaleEntity', saleStakeholderView, o).f.SaleStakeholderId));
  }
  for (const old of stakeholdersOf(saleId)) if (!keep.has(Number(old.f.SaleStakeholderId))) remove(saleStakeholderView, Number(old.f.SaleStakeholderId));
}

const each = (ids: unknown): number[] => (Array.isArray(ids) ? ids.map(Number) : []);

export const saleStakeholders: Methods = {
  'GetSaleStakeholders(Integer)': (_a: unknown, saleId: number) => stakeholdersOf(saleId),
  'GetSaleStakeholder(Integer)': (_a: unknown, id: number) => byId(saleStakeholderView, id),
  'GetSaleStakeholderList(Integer[])': (_a: unknown, ids: unknown) => byIds(saleStakeholderView, ids),
  'GetSaleStakeholderById(Integer[])': (_a: unknown, ids: unknown) => byIds(saleStakeholderView, ids),
  'CreateDefaultSaleStakeholder()': () => make('NSSaleStakeholder', { SaleStakeholderId: 0 }),
  'SaveSaleStakeholder(NSSaleStakeholder)': (_a: unknown, o: NSObject) => saved(AGENT, 'SaveSaleStakeholder', saleStakeholderView, o),
  'UpdateSaleStakeholders(NSSaleStakeholder[])': (_a: unknown, list: unknown) =>
    (Array.isArray(list) ? (list as NSObject[]) : []).map((o) => saved(AGENT, 'UpdateSaleStakeholders', saleStakeholderView, o)),
  'AddSaleStakeholders(Integer,NSSaleStakeholder[])': (_a: unknown, saleId: number, list: unknown) => {
    if (!db().get('sale', saleId)) throw fail(`${AGENT}.AddSaleStakeholders`, `there is no sale with id ${saleId}`);
    for (const s of Array.isArray(list) ? (list as NSObject[]) : [])
      saved(AGENT, 'AddSaleStakeholders', saleStakeholderView, make('NSSaleStakeholder', { ...s.f, SaleStakeholderId: 0, SaleId: saleId }));
  },
  'DeleteSaleStakeholder(Integer)': (_a: unknown, id: number) => {
    remove(saleStakeholderView, id);
  },
  'DeleteSaleStakeholders(Integer[])': (_a: unknown, ids: unknown) => {
    for (const id of each(ids)) remove(saleStakeholderView, id);
  },
  // the stakeholder setting of the sale's type (SaleType.hasStakeholders)
  'HasStakeholderSetting(Integer)': (_a: unknown, saleId: number) => {
    const sale = db().get('sale', saleId);
    const type = sale ? db().get('SaleType', Number(col(sale, 'saleType_id') ?? 0)) : null;
    return !!Number(type ? (col(type, 'hasStakeholders') ?? 0) : 0);
  },
};
