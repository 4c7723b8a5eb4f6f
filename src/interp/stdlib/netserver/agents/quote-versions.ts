// NSQuoteAgent's quotes and their versions. A new quote starts with its first version (rank 1,
// a draft not yet calculated) holding its first alternative, which is the version's likely one; a
// new version copies a version of the quote with its alternatives and lines, takes the next rank
// and becomes the quote's active version, the versions before it archived (each keeping the state
// it had as ArchivedState, as the reference's QuoteVersionState describes); a quote copied to
// another sale takes its active version along.
import type { NSObject } from '../object.js';
import { makeDateTime, nullDateTime } from '../../time/values.js';
import { db, fail, now } from './db.js';
import { load, loadWhere, lookup } from './view.js';
import { amend, byId, found, make, saved, type Methods } from './define.js';
import { alternativesOf, quoteAlternativeView, quoteConnectionView, quoteLineView, quoteVersionView, quoteView, VERSION_STATE, versionsOf } from './quote-views.js';

const AGENT = 'NSQuoteAgent';

/** The days a new quote is valid: the reference does not say how SuperOffice sets a new version's expiry; the sandbox gives it 30 days from today. */
const VALID_DAYS = 30;

/** Copies an alternative with its lines into a version (the copies get no ERP keys: they are new to the ERP system). */
function copyAlternative(method: string, versionId: number, source: NSObject, name: string): NSObject {
  const copy = saved(AGENT, method, quoteAlternativeView, make('NSQuoteAlternative', { ...source.f, QuoteAlternativeId: 0, QuoteVersionId: versionId, Name: name, ERPQuoteAlternativeKey: '' }));
  const id = Number(copy.f.QuoteAlternativeId);
  for (const line of loadWhere(quoteLineView, { QuoteAlternativeId: Number(source.f.QuoteAlternativeId) }))
    saved(AGENT, method, quoteLineView, make('NSQuoteLine', { ...line.f, QuoteLineId: 0, QuoteAlternativeId: id, ERPQuoteLineKey: '' }));
  return copy;
}

/**
 * Copies a version into a quote as a new draft of rank `rank`, with its alternatives and lines;
 * what belonged to sending and approving the original (sent date, follow-up, approval) stays behind.
 */
function copyVersion(method: string, source: NSObject, quoteId: number, rank: number): number {
  const none = nullDateTime();
  const props = { ...source.f, QuoteVersionId: 0, QuoteId: quoteId, Rank: rank, State: VERSION_STATE.DRAFT_NOT_CALCULATED, ArchivedState: 0, ERPQuoteVersionKey: '', QuoteAlternatives: [] };
  const reset = { SentDate: none, FollowupId: 0, ApprovedBy: 0, ApprovedText: '', ApprovedRegisteredBy: 0, ApprovedRegisteredDate: none, LikelyQuoteAlternativeId: 0 };
  const id = Number(saved(AGENT, method, quoteVersionView, make('NSQuoteVersion', { ...props, ...reset })).f.QuoteVersionId);
  let likely = 0;
  for (const alt of alternativesOf(Number(source.f.QuoteVersionId))) {
    const copy = copyAlternative(method, id, alt, String(alt.f.Name));
    if (Number(alt.f.QuoteAlternativeId) === Number(source.f.LikelyQuoteAlternativeId)) likely = Number(copy.f.QuoteAlternativeId);
  }
  if (likely) db().update('QuoteVersion', id, { LikelyQuoteAlternativeId: likely });
  return id;
}

function mustBeFree(where: string, saleId: number): void {
  if (!db().get('sale', saleId)) throw fail(where, `there is no sale with id ${saleId}`);
  const quote = loadWhere(quoteView, { SaleId: saleId }, 1)[0];
  if (quote) throw fail(where, `sale ${saleId} already has a quote (id ${String(quote.f.QuoteId)}); a sale has one quote at most`);
}

export const quoteVersions: Methods = {
  'CreateAndSaveQuote(Integer,Integer,String)': (_a: unknown, saleId: number, connectionId: number, firstAlternativeName: string) => {
    const method = 'CreateAndSaveQuote';
    const where = `${AGENT}.${method}`;
    mustBeFree(where, saleId);
    found(quoteConnectionView, connectionId, where, 'quote connection');
    const quoteId = Number(saved(AGENT, method, quoteView, make('NSQuoteEntity', { QuoteId: 0, SaleId: saleId, QuoteConnectionId: connectionId })).f.QuoteId);
    const today = now();
    const expires = makeDateTime(today.year, today.month, today.day + VALID_DAYS, 0, 0, 0);
    const version = saved(AGENT, method, quoteVersionView, make('NSQuoteVersion', { QuoteVersionId: 0, QuoteId: quoteId, Rank: 1, State: VERSION_STATE.DRAFT_NOT_CALCULATED, ExpirationDate: expires }));
    const versionId = Number(version.f.QuoteVersionId);
    const alt = saved(AGENT, method, quoteAlternativeView, make('NSQuoteAlternative', { QuoteAlternativeId: 0, QuoteVersionId: versionId, Name: firstAlternativeName }));
    db().update('QuoteVersion', versionId, { LikelyQuoteAlternativeId: Number(alt.f.QuoteAlternativeId) });
    db().update('Quote', quoteId, { ActiveQuoteVersionId: versionId });
    return byId(quoteView, quoteId);
  },
  // "the sale you copy the quote from must have the same currency as the sale you copy it to" (CRMScript's guide)
  'CreateAndSaveQuoteFromSale(Integer,Integer)': (_a: unknown, sourceSaleId: number, targetSaleId: number) => {
    const method = 'CreateAndSaveQuoteFromSale';
    const where = `${AGENT}.${method}`;
    const source = loadWhere(quoteView, { SaleId: sourceSaleId }, 1)[0];
    if (!source) throw fail(where, `sale ${sourceSaleId} has no quote to copy`);
    mustBeFree(where, targetSaleId);
    const [from, to] = [sourceSaleId, targetSaleId].map((id) => Number(lookup('sale', id, 'currency_id')) || 0);
    if (from !== to) throw fail(where, `sale ${sourceSaleId} and sale ${targetSaleId} are in different currencies (${from} and ${to})`);
    const props = { ...source.f, QuoteId: 0, SaleId: targetSaleId, ActiveQuoteVersionId: 0, AcceptedQuoteAlternativeId: 0, ERPQuoteKey: '', ERPOrderKey: '', PoNumber: '', DocumentId: 0 };
    const quoteId = Number(saved(AGENT, method, quoteView, make('NSQuoteEntity', props)).f.QuoteId);
    const active = load(quoteVersionView, Number(source.f.ActiveQuoteVersionId));
    if (active) db().update('Quote', quoteId, { ActiveQuoteVersionId: copyVersion(method, active, quoteId, 1) });
    return byId(quoteView, quoteId);
  },
  'GetQuoteVersion(Integer)': (_a: unknown, id: number) => byId(quoteVersionView, id),
  'GetQuoteVersions(Integer)': (_a: unknown, quoteId: number) => versionsOf(quoteId),
  'CreateAndSaveQuoteVersion(Integer)': (_a: unknown, versionId: number) => {
    const method = 'CreateAndSaveQuoteVersion';
    const where = `${AGENT}.${method}`;
    const source = found(quoteVersionView, versionId, where, 'quote version');
    const quoteId = Number(found(quoteView, Number(source.f.QuoteId), where, 'quote').f.QuoteId);
    const versions = versionsOf(quoteId);
    for (const v of versions)
      if (Number(v.f.State) !== VERSION_STATE.ARCHIVED) amend('QuoteVersion', Number(v.f.QuoteVersionId), { State: VERSION_STATE.ARCHIVED, ArchivedState: Number(v.f.State) }, where, 'quote version');
    const id = copyVersion(method, source, quoteId, Math.max(0, ...versions.map((v) => Number(v.f.Rank))) + 1);
    amend('Quote', quoteId, { ActiveQuoteVersionId: id }, where, 'quote');
    return byId(quoteVersionView, id);
  },
  'SaveQuoteVersion(NSQuoteVersion)': (_a: unknown, v: NSObject) => {
    const quoteId = Number(v?.f.QuoteId ?? 0);
    if (quoteId) found(quoteView, quoteId, `${AGENT}.SaveQuoteVersion`, 'quote');
    return saved(AGENT, 'SaveQuoteVersion', quoteVersionView, v);
  },
  'CopyQuoteAlternative(Integer,Integer,String)': (_a: unknown, versionId: number, alternativeId: number, name: string) => {
    const where = `${AGENT}.CopyQuoteAlternative`;
    const source = found(quoteAlternativeView, alternativeId, where, 'quote alternative');
    found(quoteVersionView, versionId, where, 'quote version');
    return copyAlternative('CopyQuoteAlternative', versionId, source, name);
  },
};
