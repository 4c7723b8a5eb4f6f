// NSQuoteAgent's quotes, alternatives and lines (Quote, QuoteAlternative, QuoteLine; versions:
// quote-versions.ts, price lists and products: quote-products.ts) and NSListAgent (list tables,
// currencies, ticket categories, statuses and priorities; the guides' suggestion ranks, stages and
// template uses: guide-lists.ts).
import type { NSObject } from '../object.js';
import { alternativeSums, lineSums } from '../quote-sums.js';
import { db, hasTable } from './db.js';
import { col, load, loadWhere, remove, updateChanged, viewOf, type View } from './view.js';
import { byId, byIds, carrierGets, entityCycle, found, make, saved, where, type Methods } from './define.js';
import { currencyView, ticketCategoryView, ticketPriorityView, ticketStatusView } from './misc-views.js';
import { baseCurrency, connectionOfAlternative, quoteAlternativeView, quoteCarrierView, quoteLineView, quoteVersionView, quoteView } from './quote-views.js';
import { productOfKey } from './quote-products.js';
import type { MemberSig } from '../carrier.js';
import { typeEntities } from './list-entities.js';
import { guideLists } from './guide-lists.js';

const AGENT = 'NSQuoteAgent';

/** A quote line's sums after its quantity, price or discount changed, as SuperOffice recalculates them. */
export function recalculate(line: NSObject): NSObject {
  Object.assign(line.f, lineSums(line.f));
  line.f.SubTotal = Number(line.f.Quantity ?? 0) * Number(line.f.UnitListPrice ?? 0);
  return line;
}

/**
 * Works out an alternative's sums again from its lines (and its own discount) after lines were
 * saved or deleted: the quote connector's recalculation, which SuperOffice runs as a quote's
 * lines change (the reference leaves when to the connector; the sandbox does it at once).
 */
export function resum(alternativeId: number): void {
  const alt = alternativeId ? db().get('QuoteAlternative', alternativeId) : null;
  if (!alt) return;
  const rows = db().select('QuoteLine', { where: [{ column: 'QuoteAlternativeId', op: '=', value: alternativeId }] });
  const lines = rows.map((r) => ({ Quantity: col(r, 'Quantity'), UnitListPrice: col(r, 'UnitListPrice'), UnitCost: col(r, 'UnitCost'), DiscountPercent: col(r, 'DiscountPercent'), DiscountAmount: col(r, 'DiscountAmount'), VAT: col(r, 'VAT') }));
  updateChanged('QuoteAlternative', alternativeId, alt, { ...alternativeSums({ DiscountPercent: col(alt, 'DiscountPercent'), DiscountAmount: col(alt, 'DiscountAmount'), lines }) });
}

/** Saves lines, then the sums of the alternatives they are in. */
function saveLines(method: string, lines: NSObject[]): NSObject[] {
  const out = lines.map((l) => saved(AGENT, method, quoteLineView, recalculate(l)));
  for (const alt of new Set(out.map((l) => Number(l.f.QuoteAlternativeId)))) resum(alt);
  return out;
}

function deleteLines(ids: number[]): void {
  const alts = new Set(ids.map((id) => Number(load(quoteLineView, id)?.f.QuoteAlternativeId ?? 0)));
  for (const id of ids) remove(quoteLineView, id);
  for (const alt of alts) resum(alt);
}

/** What a quote line takes over from the product it is made from. */
const FROM_PRODUCT = ['ERPProductKey', 'Name', 'Description', 'Code', 'QuantityUnit', 'PriceUnit', 'IsSubscription', 'SubscriptionUnit', 'ItemNumber', 'Url', 'ProductCategoryKey', 'ProductFamilyKey', 'ProductTypeKey', 'Supplier', 'SupplierCode', 'UnitCost', 'UnitMinimumPrice', 'UnitListPrice', 'VAT', 'VATInfo', 'Rights', 'Rule', 'RawExtraInfo'];

function fromProduct(p: NSObject): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const k of FROM_PRODUCT) if (p.f[k] !== undefined) copy[k] = p.f[k];
  if (p.f.IsSubscription) copy.SubscriptionQuantity = p.f.DefaultSubscriptionQuantity ?? 0;
  return copy;
}

/** A new line (not saved) at the end of an alternative. */
function newLine(alternativeId: number, props: Record<string, unknown>): NSObject {
  found(quoteAlternativeView, alternativeId, `${AGENT}.CreateQuoteLine`, 'quote alternative');
  return recalculate(make('NSQuoteLine', { QuoteLineId: 0, QuoteAlternativeId: alternativeId, Quantity: 1, Rank: where(quoteLineView, 'QuoteAlternativeId', alternativeId).length + 1, ...props }));
}

/** An alternative's version must exist. */
const versionOf = (method: string, versionId: number): void => {
  found(quoteVersionView, versionId, `${AGENT}.${method}`, 'quote version');
};

export const quoteAgent: Methods = {
  'GetQuoteEntity(Integer)': (_a: unknown, id: number) => byId(quoteView, id),
  'SaveQuoteEntity(NSQuoteEntity)': (_a: unknown, q: NSObject) => saved(AGENT, 'SaveQuoteEntity', quoteView, q),
  // a quote's versions, alternatives and lines go with it
  'DeleteQuote(Integer)': (_a: unknown, id: number) => {
    remove(quoteView, id);
  },
  'GetQuote(Integer)': (_a: unknown, id: number) => byId(quoteCarrierView, id),
  'GetQuoteEntityFromSaleId(Integer)': (_a: unknown, saleId: number) => where(quoteView, 'SaleId', saleId, 1)[0] ?? byId(quoteView, 0),
  'GetQuoteFromSaleId(Integer)': (_a: unknown, saleId: number) => where(quoteCarrierView, 'SaleId', saleId, 1)[0] ?? byId(quoteCarrierView, 0),
  'GetQuoteAlternative(Integer)': (_a: unknown, id: number) => byId(quoteAlternativeView, id),
  'GetQuoteAlternatives(Integer)': (_a: unknown, versionId: number) => where(quoteAlternativeView, 'QuoteVersionId', versionId),
  'CreateDefaultQuoteAlternative()': () => make('NSQuoteAlternative', { QuoteAlternativeId: 0 }),
  'SaveQuoteAlternative(NSQuoteAlternative)': (_a: unknown, alt: NSObject) => {
    if (alt) versionOf('SaveQuoteAlternative', Number(alt.f.QuoteVersionId ?? 0));
    return saved(AGENT, 'SaveQuoteAlternative', quoteAlternativeView, alt);
  },
  // an alternative's lines go with it
  'DeleteQuoteAlternative(Integer)': (_a: unknown, id: number) => {
    remove(quoteAlternativeView, id);
  },
  'GetQuoteLine(Integer)': (_a: unknown, id: number) => byId(quoteLineView, id),
  'GetQuoteLines(Integer)': (_a: unknown, alternativeId: number) => where(quoteLineView, 'QuoteAlternativeId', alternativeId),
  // a key of a product of the quote's connection makes the line from that product; another key
  // gives a line with just the key, for the script to fill in
  'CreateQuoteLine(Integer,String)': (_a: unknown, alternativeId: number, productKey: string) => {
    const product = productOfKey(connectionOfAlternative(alternativeId), String(productKey ?? ''));
    return newLine(alternativeId, product ? fromProduct(product) : { ERPProductKey: productKey });
  },
  'CreateQuoteLineFromProduct(Integer,NSProduct)': (_a: unknown, alternativeId: number, p: NSObject) => newLine(alternativeId, p ? fromProduct(p) : {}),
  'RecalculateQuoteLine(NSQuoteLine,String[])': (_a: unknown, line: NSObject) => recalculate(line),
  'SaveQuoteLine(NSQuoteLine)': (_a: unknown, line: NSObject) => saveLines('SaveQuoteLine', [line])[0],
  'SaveQuoteLines(NSQuoteLine[])': (_a: unknown, lines: NSObject[]) => saveLines('SaveQuoteLines', lines ?? []),
  'DeleteQuoteLine(Integer)': (_a: unknown, id: number) => deleteLines([id]),
  'DeleteQuoteLines(Integer[])': (_a: unknown, ids: number[]) => deleteLines(ids ?? []),
  'CreateQuoteAlternative(Integer,String,String)': (_a: unknown, versionId: number, name: string, description: string) => {
    versionOf('CreateQuoteAlternative', versionId);
    return saved(AGENT, 'CreateQuoteAlternative', quoteAlternativeView, make('NSQuoteAlternative', { QuoteAlternativeId: 0, QuoteVersionId: versionId, Name: name, Description: description }));
  },
  'MoveQuoteLine(Integer,Bool)': (_a: unknown, lineId: number, up: boolean) => {
    const line = found(quoteLineView, lineId, `${AGENT}.MoveQuoteLine`, 'quote line');
    const lines = where(quoteLineView, 'QuoteAlternativeId', Number(line.f.QuoteAlternativeId)).sort((a, b) => Number(a.f.Rank) - Number(b.f.Rank));
    const i = lines.findIndex((l) => Number(l.f.QuoteLineId) === lineId);
    const j = up ? i - 1 : i + 1;
    if (j < 0 || j >= lines.length) return;
    [lines[i], lines[j]] = [lines[j], lines[i]];
    lines.forEach((l, k) => {
      if (Number(l.f.Rank) !== k + 1) db().update('QuoteLine', Number(l.f.QuoteLineId), { Rank: k + 1 });
    });
  },
};

// ---- NSListAgent

function allRows(v: View, includeDeleted: boolean): NSObject[] {
  const rows = loadWhere(v, {});
  return includeDeleted ? rows : rows.filter((o) => !o.f.Deleted);
}


export const listAgent: Methods = {
  ...entityCycle('NSListAgent', 'Currency', currencyView, () => make('NSCurrencyEntity', { CurrencyId: 0, Rate: 1, Units: 1 })),
  ...entityCycle('NSListAgent', 'TicketCategory', ticketCategoryView, () => make('NSTicketCategoryEntity', { TicketCategoryId: 0 })),
  ...entityCycle('NSListAgent', 'TicketStatus', ticketStatusView, () => make('NSTicketStatusEntity', { TicketStatusId: 0, Status: 1 })),
  ...entityCycle('NSListAgent', 'TicketPriority', ticketPriorityView, () => make('NSTicketPriorityEntity', { TicketPriorityId: 0, Status: 1 })),
  ...carrierGets('Currency', viewOf('NSCurrency')!),
  'GetBaseCurrency()': () => baseCurrency(),
  'GetAllCurrencies(Bool)': (_a: unknown, includeDeleted: boolean) => allRows(currencyView, includeDeleted),
  'GetTicketCategories()': () => allRows(ticketCategoryView, true),
  'GetAllTicketPriorities(Bool)': (_a: unknown, includeDeleted: boolean) => allRows(ticketPriorityView, includeDeleted),
  ...typeEntities,
  ...guideLists,
};

/**
 * The list getters NSListAgent has for every list (GetCategory(Integer), GetCategoryList(Integer[]),
 * GetCategories(), GetAllCountries(Bool), ...), derived from the catalog for every list item class
 * with a view. A list whose table the sandbox lacks (a sandbox database opened by an older build
 * before its tables were added) has no rows: its items by id carry just the id (rows that point to them keep
 * working), and "all of them" is an empty array.
 */
export function listGetters(sigs: MemberSig[]): Methods {
  const out: Methods = {};
  for (const s of sigs) {
    if (!s.name.startsWith('Get') || listAgent[s.key]) continue;
    const many = s.returns.endsWith('[]');
    const v = viewOf(many ? s.returns.slice(0, -2) : s.returns);
    if (!v) continue;
    const kind = many ? (s.params.join() === 'Integer[]' ? 'ids' : s.params.length === 0 || s.params.join() === 'Bool' ? 'all' : null) : s.params.join() === 'Integer' ? 'id' : null;
    if (!kind) continue;
    out[s.key] = (_a: unknown, arg: unknown) => {
      const present = hasTable(v.table);
      if (kind === 'id') return present ? byId(v, Number(arg)) : withId(v, Number(arg));
      if (kind === 'ids') return present ? byIds(v, arg) : (Array.isArray(arg) ? arg : []).map((id) => withId(v, Number(id)));
      return present ? allRows(v, s.params.length === 1 && arg === true) : [];
    };
  }
  return out;
}

function withId(v: View, id: number): NSObject {
  const o = byId(v, 0);
  o.f[v.key] = id | 0;
  return o;
}
