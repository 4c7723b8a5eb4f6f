// NSQuoteAgent (Quote, QuoteAlternative and QuoteLine tables) and NSListAgent (list tables,
// currencies, ticket categories, statuses and priorities; the guides' suggestion ranks, stages and
// template uses: guide-lists.ts).
import type { NSObject } from '../object.js';
import { db, fail, hasTable } from './db.js';
import { load, loadWhere, remove, viewOf, type View } from './view.js';
import { byId, byIds, carrierGets, entityCycle, make, saved, where, type Methods } from './define.js';
import { currencyView, quoteAlternativeView, quoteCarrierView, quoteLineView, quoteView, ticketCategoryView, ticketPriorityView, ticketStatusView } from './misc-views.js';
import type { MemberSig } from '../carrier.js';
import { typeEntities } from './list-entities.js';
import { guideLists } from './guide-lists.js';

const missing = (where: string, table: string): never => {
  throw fail(where, `the sandbox CRM has no ${table} table`);
};

/** Total of a quote line after discounts, as SuperOffice recalculates it. */
function recalculate(line: NSObject): NSObject {
  const quantity = Number(line.f.Quantity ?? 0);
  const list = Number(line.f.UnitListPrice ?? 0);
  const gross = quantity * list;
  const percent = Number(line.f.DiscountPercent ?? 0);
  const discount = percent ? (gross * percent) / 100 : Number(line.f.DiscountAmount ?? 0);
  line.f.DiscountAmount = discount;
  line.f.SubTotal = gross;
  line.f.TotalPrice = gross - discount;
  const cost = quantity * Number(line.f.UnitCost ?? 0);
  line.f.EarningAmount = gross - discount - cost;
  line.f.EarningPercent = gross - discount ? ((gross - discount - cost) * 100) / (gross - discount) : 0;
  return line;
}

function newLine(alternativeId: number, props: Record<string, unknown>): NSObject {
  if (!load(quoteAlternativeView, alternativeId)) throw fail('NSQuoteAgent.CreateQuoteLine', `there is no quote alternative with id ${alternativeId}`);
  return recalculate(make('NSQuoteLine', { QuoteLineId: 0, QuoteAlternativeId: alternativeId, Quantity: 1, Rank: where(quoteLineView, 'QuoteAlternativeId', alternativeId).length + 1, ...props }));
}

export const quoteAgent: Methods = {
  'GetQuoteEntity(Integer)': (_a: unknown, id: number) => byId(quoteView, id),
  'SaveQuoteEntity(NSQuoteEntity)': (_a: unknown, q: NSObject) => saved('NSQuoteAgent', 'SaveQuoteEntity', quoteView, q),
  'DeleteQuote(Integer)': (_a: unknown, id: number) => {
    remove(quoteView, id);
  },
  'GetQuote(Integer)': (_a: unknown, id: number) => byId(quoteCarrierView, id),
  'GetQuoteEntityFromSaleId(Integer)': (_a: unknown, saleId: number) => where(quoteView, 'SaleId', saleId, 1)[0] ?? byId(quoteView, 0),
  'GetQuoteFromSaleId(Integer)': (_a: unknown, saleId: number) => where(quoteCarrierView, 'SaleId', saleId, 1)[0] ?? byId(quoteCarrierView, 0),
  'CreateAndSaveQuote(Integer,Integer,String)': (_a: unknown, saleId: number, connectionId: number, firstAlternativeName: string) => {
    if (!db().get('sale', saleId)) throw fail('NSQuoteAgent.CreateAndSaveQuote', `there is no sale with id ${saleId}`);
    const quote = saved('NSQuoteAgent', 'CreateAndSaveQuote', quoteView, make('NSQuoteEntity', { QuoteId: 0, SaleId: saleId, QuoteConnectionId: connectionId }));
    saved('NSQuoteAgent', 'CreateAndSaveQuote', quoteAlternativeView, make('NSQuoteAlternative', { QuoteAlternativeId: 0, Name: firstAlternativeName, QuoteVersionId: 0 }));
    return quote;
  },
  'CreateAndSaveQuoteFromSale(Integer,Integer)': (_a: unknown, sourceSaleId: number, targetSaleId: number) => {
    const where_ = 'NSQuoteAgent.CreateAndSaveQuoteFromSale';
    const source = where(quoteView, 'SaleId', sourceSaleId, 1)[0];
    if (!source) throw fail(where_, `sale ${sourceSaleId} has no quote to copy`);
    if (!db().get('sale', targetSaleId)) throw fail(where_, `there is no sale with id ${targetSaleId}`);
    const copy = make('NSQuoteEntity', { ...source.f, QuoteId: 0, SaleId: targetSaleId, AcceptedQuoteAlternativeId: 0, ERPOrderKey: '', PoNumber: '' });
    return saved('NSQuoteAgent', 'CreateAndSaveQuoteFromSale', quoteView, copy);
  },
  'GetQuoteAlternative(Integer)': (_a: unknown, id: number) => byId(quoteAlternativeView, id),
  'GetQuoteAlternatives(Integer)': (_a: unknown, versionId: number) => where(quoteAlternativeView, 'QuoteVersionId', versionId),
  'CreateDefaultQuoteAlternative()': () => make('NSQuoteAlternative', { QuoteAlternativeId: 0 }),
  'SaveQuoteAlternative(NSQuoteAlternative)': (_a: unknown, alt: NSObject) => saved('NSQuoteAgent', 'SaveQuoteAlternative', quoteAlternativeView, alt),
  'DeleteQuoteAlternative(Integer)': (_a: unknown, id: number) => {
    for (const line of where(quoteLineView, 'QuoteAlternativeId', id)) remove(quoteLineView, Number(line.f.QuoteLineId));
    remove(quoteAlternativeView, id);
  },
  'GetQuoteLine(Integer)': (_a: unknown, id: number) => byId(quoteLineView, id),
  'GetQuoteLines(Integer)': (_a: unknown, alternativeId: number) => where(quoteLineView, 'QuoteAlternativeId', alternativeId),
  'CreateQuoteLine(Integer,String)': (_a: unknown, alternativeId: number, productKey: string) => newLine(alternativeId, { ERPProductKey: productKey }),
  'CreateQuoteLineFromProduct(Integer,NSProduct)': (_a: unknown, alternativeId: number, p: NSObject) => {
    const copy: Record<string, unknown> = {};
    for (const k of ['ERPProductKey', 'Name', 'Description', 'Code', 'QuantityUnit', 'PriceUnit', 'IsSubscription', 'SubscriptionUnit', 'ItemNumber', 'Url', 'Supplier', 'SupplierCode', 'UnitCost', 'UnitMinimumPrice', 'UnitListPrice', 'VAT', 'VATInfo'])
      if (p.f[k] !== undefined) copy[k] = p.f[k];
    return newLine(alternativeId, copy);
  },
  'RecalculateQuoteLine(NSQuoteLine,String[])': (_a: unknown, line: NSObject) => recalculate(line),
  'SaveQuoteLine(NSQuoteLine)': (_a: unknown, line: NSObject) => saved('NSQuoteAgent', 'SaveQuoteLine', quoteLineView, recalculate(line)),
  'SaveQuoteLines(NSQuoteLine[])': (_a: unknown, lines: NSObject[]) => (lines ?? []).map((l) => saved('NSQuoteAgent', 'SaveQuoteLines', quoteLineView, recalculate(l))),
  'DeleteQuoteLine(Integer)': (_a: unknown, id: number) => {
    remove(quoteLineView, id);
  },
  'DeleteQuoteLines(Integer[])': (_a: unknown, ids: number[]) => {
    for (const id of ids ?? []) remove(quoteLineView, id);
  },
  'CreateQuoteAlternative(Integer,String,String)': (_a: unknown, versionId: number, name: string, description: string) =>
    saved('NSQuoteAgent', 'CreateQuoteAlternative', quoteAlternativeView, make('NSQuoteAlternative', { QuoteAlternativeId: 0, QuoteVersionId: versionId, Name: name, Description: description })),
  'CopyQuoteAlternative(Integer,Integer,String)': (_a: unknown, versionId: number, alternativeId: number, name: string) => {
    const source = load(quoteAlternativeView, alternativeId);
    if (!source) throw fail('NSQuoteAgent.CopyQuoteAlternative', `there is no quote alternative with id ${alternativeId}`);
    const copy = saved('NSQuoteAgent', 'CopyQuoteAlternative', quoteAlternativeView, make('NSQuoteAlternative', { ...source.f, QuoteAlternativeId: 0, QuoteVersionId: versionId, Name: name }));
    for (const line of where(quoteLineView, 'QuoteAlternativeId', alternativeId))
      saved('NSQuoteAgent', 'CopyQuoteAlternative', quoteLineView, make('NSQuoteLine', { ...line.f, QuoteLineId: 0, QuoteAlternativeId: copy.f.QuoteAlternativeId }));
    return copy;
  },
  'MoveQuoteLine(Integer,Bool)': (_a: unknown, lineId: number, up: boolean) => {
    const line = load(quoteLineView, lineId);
    if (!line) throw fail('NSQuoteAgent.MoveQuoteLine', `there is no quote line with id ${lineId}`);
    const lines = where(quoteLineView, 'QuoteAlternativeId', Number(line.f.QuoteAlternativeId)).sort((a, b) => Number(a.f.Rank) - Number(b.f.Rank));
    const i = lines.findIndex((l) => Number(l.f.QuoteLineId) === lineId);
    const j = up ? i - 1 : i + 1;
    if (j < 0 || j >= lines.length) return;
    [lines[i], lines[j]] = [lines[j], lines[i]];
    lines.forEach((l, k) => {
      if (Number(l.f.Rank) !== k + 1) db().update('QuoteLine', Number(l.f.QuoteLineId), { Rank: k + 1 });
    });
  },
  'GetQuoteVersion(Integer)': () => missing('NSQuoteAgent.GetQuoteVersion', 'QuoteVersion'),
  'CreateAndSaveQuoteVersion(Integer)': () => missing('NSQuoteAgent.CreateAndSaveQuoteVersion', 'QuoteVersion'),
  'SaveQuoteVersion(NSQuoteVersion)': () => missing('NSQuoteAgent.SaveQuoteVersion', 'QuoteVersion'),
  'DeletePriceList(Integer)': () => missing('NSQuoteAgent.DeletePriceList', 'PriceList'),
  'DeleteProduct(Integer)': () => missing('NSQuoteAgent.DeleteProduct', 'Product'),
  'RemoveProduct(Integer)': () => missing('NSQuoteAgent.RemoveProduct', 'Product'),
  'GetProductFromDbId(Integer)': () => missing('NSQuoteAgent.GetProductFromDbId', 'Product'),
  'GetQuoteVersions(Integer)': () => missing('NSQuoteAgent.GetQuoteVersions', 'QuoteVersion'),
  'GetPriceList(Integer)': () => missing('NSQuoteAgent.GetPriceList', 'PriceList'),
  'GetActivePriceLists(Integer,String)': () => missing('NSQuoteAgent.GetActivePriceLists', 'PriceList'),
  'CreateDefaultPriceList()': () => make('NSPriceList', { PriceListId: 0, IsActive: true }),
  'SavePriceList(NSPriceList)': () => missing('NSQuoteAgent.SavePriceList', 'PriceList'),
  'CreateDefaultProduct()': () => make('NSProduct', { ProductId: 0, InAssortment: true }),
  'SaveProduct(NSProduct)': () => missing('NSQuoteAgent.SaveProduct', 'Product'),
  'GetProduct(Integer,String)': () => missing('NSQuoteAgent.GetProduct', 'Product'),
};

// ---- NSListAgent

function allRows(v: View, includeDeleted: boolean): NSObject[] {
  const rows = loadWhere(v, {});
  return includeDeleted ? rows : rows.filter((o) => !o.f.Deleted);
}

/** The currency with rate 1 and units 1 (what the others are relative to), else the first. */
function baseCurrency(): NSObject {
  const all = allRows(currencyView, false);
  return all.find((c) => Number(c.f.Rate) === 1 && Number(c.f.Units) === 1) ?? all[0] ?? byId(currencyView, 0);
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
