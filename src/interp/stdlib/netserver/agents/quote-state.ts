// What NSQuoteAgent's workflow methods share: a quote version's records (the version, its quote,
// the quote's sale and that sale's type), the check of a version against the sale type's rules
// (the sandbox's own quote connector: SuperOffice's register has no ERP system to ask), and the
// response objects (NSPluginUrlResponse, NSQuoteVersionValidated).
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, load, loadWhere, lookup } from './view.js';
import { byId, found, make } from './define.js';
import { alternativesOf, quoteAlternativeView, quoteCarrierView, quoteLineView, quoteVersionView, quoteView } from './quote-views.js';
import { recalculate, resum } from './quote-list.js';
import { saleView } from './sales-views.js';

export const AGENT = 'NSQuoteAgent';
export const at = (method: string): string => `${AGENT}.${method}`;

/** QuoteVersionState. */
export const STATE = { Unknown: 0, Draft: 1, DraftNotCalculated: 2, DraftNeedsApproval: 3, DraftApproved: 4, DraftNotApproved: 5, Sent: 6, Archived: 7, Lost: 8, Sold: 9 } as const;
export const STATE_NAMES = Object.fromEntries(Object.entries(STATE).map(([k, v]) => [v, k])) as Record<number, string>;
/** The states in which a version may still be changed. */
export const DRAFTS: number[] = [STATE.Draft, STATE.DraftNotCalculated, STATE.DraftNeedsApproval, STATE.DraftApproved, STATE.DraftNotApproved];
/** QuoteStatus. */
export const STATUS = { Ok: 0, OkWithInfo: 1, Warning: 2, Error: 3 } as const;

/** A version with its quote, the quote's sale and the sale's type (null rows when missing). */
export interface VersionRecords {
  version: NSObject;
  quote: NSObject;
  sale: CrmRow | null;
  saleType: CrmRow | null;
}

export function records(method: string, versionId: number): VersionRecords {
  const version = found(quoteVersionView, versionId, at(method), 'quote version');
  const quote = found(quoteView, Number(version.f.QuoteId), at(method), 'quote');
  const saleId = Number(quote.f.SaleId) || 0;
  const sale = saleId ? db().get('sale', saleId) : null;
  const typeId = Number(sale ? (col(sale, 'saleType_id') ?? 0) : 0) || 0;
  const saleType = typeId && db().table('SaleType') ? db().get('SaleType', typeId) : null;
  return { version, quote, sale, saleType };
}

/** The version of an alternative. */
export function versionOfAlternative(method: string, alternativeId: number): VersionRecords {
  const alt = found(quoteAlternativeView, alternativeId, at(method), 'quote alternative');
  return records(method, Number(alt.f.QuoteVersionId));
}

export const stateName = (state: number): string => STATE_NAMES[state] ?? `state ${state}`;

/** Fails unless the version is a draft (sent, archived, lost and sold versions are locked). */
export function mustBeDraft(method: string, version: NSObject): void {
  const state = Number(version.f.State);
  if (!DRAFTS.includes(state)) throw fail(at(method), `quote version ${String(version.f.QuoteVersionId)} is ${stateName(state)}: only a draft version can be changed (CreateAndSaveQuoteVersion makes a new one)`);
}

const n = (r: CrmRow | null, c: string): number => (r ? Number(col(r, c) ?? 0) || 0 : 0);

/** A problem found on a line or an alternative: its status and why. */
interface Finding {
  status: number;
  reason: string;
}

function lineFindings(line: NSObject, minimumCheck: boolean): Finding[] {
  const out: Finding[] = [];
  const quantity = Number(line.f.Quantity) || 0;
  if (quantity <= 0) out.push({ status: STATUS.Error, reason: 'the quantity must be more than 0' });
  const min = Number(line.f.UnitMinimumPrice) || 0;
  if (minimumCheck && quantity > 0 && min > 0 && Number(line.f.TotalPrice) / quantity < min - 1e-9) out.push({ status: STATUS.Warning, reason: `the price after discount is below the minimum price ${min.toFixed(2)}` });
  return out;
}

function alternativeFindings(alt: NSObject, saleType: CrmRow | null): Finding[] {
  const out: Finding[] = [];
  if (n(saleType, 'maxDiscountPercentSet') && Number(alt.f.DiscountPercent) > n(saleType, 'maxDiscountPercent') + 1e-9)
    out.push({ status: STATUS.Warning, reason: `the discount ${Number(alt.f.DiscountPercent).toFixed(2)}% is more than the sale type allows (${n(saleType, 'maxDiscountPercent')}%)` });
  if (n(saleType, 'minEarningPercentSet') && Number(alt.f.TotalPrice) > 0 && Number(alt.f.EarningPercent) < n(saleType, 'minEarningPercent') - 1e-9)
    out.push({ status: STATUS.Warning, reason: `the earning ${Number(alt.f.EarningPercent).toFixed(2)}% is less than the sale type asks (${n(saleType, 'minEarningPercent')}%)` });
  return out;
}

const worst = (fs: Finding[]): Finding => fs.reduce<Finding>((w, f) => (f.status > w.status ? f : w), { status: STATUS.Ok, reason: '' });

/** Stores a status and reason when they changed. */
function mark(table: string, id: number, f: Finding): void {
  const row = db().get(table, id);
  if (row && (n(row, 'Status') !== f.status || String(col(row, 'Reason') ?? '') !== f.reason)) db().update(table, id, { Status: f.status, Reason: f.reason });
}

/** The outcome of checking a version. */
export interface Check {
  errors: string[];
  warnings: string[];
  alternatives: NSObject[];
  linesChanged: Map<number, boolean>;
}

/**
 * Works out the version's lines and alternatives again and checks them: a line needs a quantity
 * (an error), a price after discount below the product's minimum price, an alternative's discount
 * above the sale type's maximum or its earning below the sale type's minimum need approval (a
 * warning). Statuses and reasons are stored on the lines, alternatives and version.
 */
export function checkVersion(r: VersionRecords): Check {
  const out: Check = { errors: [], warnings: [], alternatives: [], linesChanged: new Map() };
  const all: Finding[] = [];
  for (const alt of alternativesOf(Number(r.version.f.QuoteVersionId))) {
    const altId = Number(alt.f.QuoteAlternativeId);
    let changed = false;
    const findings: Finding[] = [];
    for (const line of loadWhere(quoteLineView, { QuoteAlternativeId: altId })) {
      const before = Number(line.f.TotalPrice);
      recalculate(line);
      const lineId = Number(line.f.QuoteLineId);
      if (Math.abs(before - Number(line.f.TotalPrice)) > 1e-9) {
        db().update('QuoteLine', lineId, { TotalPrice: Number(line.f.TotalPrice), DiscountAmount: Number(line.f.DiscountAmount), EarningAmount: Number(line.f.EarningAmount), EarningPercent: Number(line.f.EarningPercent) });
        changed = true;
      }
      const lf = lineFindings(line, true);
      mark('QuoteLine', lineId, worst(lf));
      findings.push(...lf.map((f) => ({ ...f, reason: `${String(alt.f.Name)}, ${String(line.f.Name) || `line ${lineId}`}: ${f.reason}` })));
    }
    resum(altId);
    const fresh = load(quoteAlternativeView, altId)!;
    const af = alternativeFindings(fresh, r.saleType);
    findings.push(...af.map((f) => ({ ...f, reason: `${String(alt.f.Name)}: ${f.reason}` })));
    mark('QuoteAlternative', altId, worst([...af, ...findings.filter((f) => f.status === STATUS.Error)]));
    out.linesChanged.set(altId, changed);
    out.alternatives.push(load(quoteAlternativeView, altId)!);
    all.push(...findings);
  }
  out.errors = all.filter((f) => f.status === STATUS.Error).map((f) => f.reason);
  out.warnings = all.filter((f) => f.status === STATUS.Warning).map((f) => f.reason);
  const w = worst(all);
  mark('QuoteVersion', Number(r.version.f.QuoteVersionId), { status: w.status, reason: [...out.errors, ...out.warnings].join('; ').slice(0, 250) });
  return out;
}

/** The sale's amount and earning follow the active version's likely alternative when the quote says so (UseValuesFromQuote). */
export function saleFromQuote(r: VersionRecords): NSObject {
  const saleId = r.sale ? Number(col(r.sale, 'sale_id')) : 0;
  const active = Number(r.quote.f.ActiveQuoteVersionId) === Number(r.version.f.QuoteVersionId);
  if (saleId && active && Number(r.quote.f.UseValuesFromQuote)) {
    const likely = load(quoteAlternativeView, Number(lookup('QuoteVersion', Number(r.version.f.QuoteVersionId), 'LikelyQuoteAlternativeId')) || 0);
    if (likely) db().update('sale', saleId, { amount: Number(likely.f.TotalPrice), earning: Number(likely.f.EarningAmount), earning_percent: Number(likely.f.EarningPercent) });
  }
  return byId(saleView, saleId);
}

/** An NSPluginUrlResponse (or NSPluginResponse). */
export function pluginResponse(ok: boolean, userExplanation: string, cls = 'NSPluginUrlResponse', errorCode = ''): NSObject {
  return make(cls, { IsOk: ok, ErrorCode: ok ? '' : errorCode, UserExplanation: userExplanation, TechExplanation: ok ? '' : userExplanation, ...(cls === 'NSPluginUrlResponse' ? { Url: '' } : {}) });
}

/** NSQuoteVersionValidated for a version as it is now. */
export function validated(r: VersionRecords, ok: boolean, explanation: string, check: Check | null, errorCode = ''): NSObject {
  const id = Number(r.version.f.QuoteVersionId);
  const changed = (check?.alternatives ?? []).map((alt) =>
    make('NSQuoteAlternativeRecalculated', { ChangedQuoteAlternative: alt, QuoteLinesHasChanged: check?.linesChanged.get(Number(alt.f.QuoteAlternativeId)) ?? false }),
  );
  return make('NSQuoteVersionValidated', {
    IsOk: ok,
    ErrorCode: ok ? '' : errorCode,
    UserExplanation: explanation,
    TechExplanation: ok ? '' : explanation,
    ChangedQuote: byId(quoteCarrierView, Number(r.quote.f.QuoteId)),
    ChangedQuoteVersion: byId(quoteVersionView, id),
    ChangedQuoteAlternatives: changed,
    ChangedSale: saleFromQuote(r),
  });
}
