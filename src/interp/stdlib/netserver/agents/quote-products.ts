// NSQuoteAgent's quote connections, price lists and products (QuoteConnection, PriceList and
// Product). The sandbox has no ERP system: every connection is served by SuperOffice's own
// product register, the PriceList and Product tables, as the demo's connection "SuperOffice" is.
// A price list belongs to the connection it names or, naming none (the reference keeps
// PriceList.QuoteConnectionId "for future use"), to every connection. A price list's validity
// dates are inclusive and either may be left out (no start, no end): the reference's "min and max
// DateTime" for a list valid forever are the DateTime with no value here.
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { CrmDateTime } from '../../time/values.js';
import type { NSObject } from '../object.js';
import { db, dateToDb, fail } from './db.js';
import { col, loadWhere, remove, type View } from './view.js';
import { amend, byId, found, make, saved, type Methods } from './define.js';
import { baseCurrency, currencyOfCode, priceListOfKey, priceListView, productView, quoteAlternativeView, quoteConnectionView } from './quote-views.js';

const AGENT = 'NSQuoteAgent';

/** The connection `id` (an error naming the method when there is none). */
const connection = (method: string, id: number): NSObject => found(quoteConnectionView, id, `${AGENT}.${method}`, 'quote connection');

/** Whether a price list belongs to a connection (connection 0: any). */
const ofConnection = (list: NSObject, connectionId: number): boolean => !connectionId || [0, connectionId].includes(Number(list.f.QuoteConnectionId));

/** The day of a DateTime ('YYYY-MM-DD'), null for none. */
const dayOf = (d: unknown): string | null => dateToDb(d as CrmDateTime)?.slice(0, 10) ?? null;

/** Whether a price list is active and valid today (the CRM's clock). */
function valid(list: NSObject): boolean {
  const today = db().now().slice(0, 10);
  const from = dayOf(list.f.ValidFrom);
  const to = dayOf(list.f.ValidTo);
  return !!list.f.IsActive && (!from || from <= today) && (!to || today <= to);
}

/**
 * The price lists of a connection in a currency (by id; 0 for every currency), only those
 * active and valid today when `active`, in the order they were made.
 */
function priceLists(method: string, connectionId: number, currencyId: number, active: boolean): NSObject[] {
  connection(method, connectionId);
  const lists = loadWhere(priceListView, currencyId ? { CurrencyId: currencyId } : {});
  return lists.filter((l) => ofConnection(l, connectionId) && (!active || valid(l)));
}

/** The currency id of an ISO code: 0 (every currency) for '', -1 (none) for a code no currency has. */
function currencyIdOf(code: string): number {
  if (!String(code ?? '').trim()) return 0;
  const c = currencyOfCode(code);
  return c ? Number(col(c, 'Currency_id')) : -1;
}

/** A currency's ISO code ('' for none). */
function isoCode(id: number): string {
  const row = id ? db().get('Currency', id) : null;
  return row ? String(col(row, 'isoCode') ?? '') : '';
}

function checkPriceList(method: string, p: NSObject): void {
  const where = `${AGENT}.${method}`;
  const code = String(p.f.Currency ?? '').trim();
  if (code && !currencyOfCode(code)) throw fail(where, `there is no currency with ISO code "${code}"`);
  if (!code && !String(p.f.CurrencyName ?? '').trim()) throw fail(where, 'the currency is required (SetCurrency with an ISO code, such as NOK)');
  const conn = Number(p.f.QuoteConnectionId ?? 0);
  if (conn) connection(method, conn);
}

function checkProduct(method: string, p: NSObject): void {
  const key = String(p.f.ERPPriceListKey ?? '').trim();
  if (key && !priceListOfKey(key)) throw fail(`${AGENT}.${method}`, `there is no price list with key "${key}"`);
}

/** A connection's product (0: any connection's) with an ERP product key (the first, by id), or null. */
export function productOfKey(connectionId: number, key: string): NSObject | null {
  if (!db().table('Product')) return null;
  const lists = new Set(loadWhere(priceListView, {}).filter((l) => ofConnection(l, connectionId)).map((l) => Number(l.f.PriceListId)));
  return loadWhere(productView, { ERPProductKey: key }).find((p) => lists.has(priceListOfKey(String(p.f.ERPPriceListKey)))) ?? null;
}

/** Copies a price list of the product register with its products, converting the prices to a new currency when asked. */
function copyPriceList(originalId: number, name: string, from: CrmDateTime, to: CrmDateTime, currencyId: number, convert: boolean): NSObject {
  const method = 'CopySuperOfficePriceList';
  const original = found(priceListView, originalId, `${AGENT}.${method}`, 'price list');
  const fromCurrency = Number(col(db().get('PriceList', originalId)!, 'CurrencyId') ?? 0);
  const target = currencyId || fromCurrency;
  if (!isoCode(target)) throw fail(`${AGENT}.${method}`, `there is no currency with id ${target}`);
  // an amount in one currency is amount / rate * units in the base currency
  const rate = (id: number): number => {
    const r = db().get('Currency', id);
    return r ? Number(col(r, 'rate') ?? 1) / (Number(col(r, 'units') ?? 1) || 1) : 1;
  };
  const factor = convert && fromCurrency && target !== fromCurrency ? rate(target) / rate(fromCurrency) : 1;
  const copy = saved(AGENT, method, priceListView, make('NSPriceList', { ...original.f, PriceListId: 0, ERPPriceListKey: '', Name: name, ValidFrom: from, ValidTo: to, Currency: isoCode(target), IsActive: true }));
  for (const p of loadWhere(productView, { PriceListId: originalId })) {
    const ownKey = String(p.f.ERPProductKey) === String(p.f.ProductId);
    const prices = { UnitCost: Number(p.f.UnitCost) * factor, UnitMinimumPrice: Number(p.f.UnitMinimumPrice) * factor, UnitListPrice: Number(p.f.UnitListPrice) * factor };
    saved(AGENT, method, productView, make('NSProduct', { ...p.f, ...prices, ProductId: 0, ERPProductKey: ownKey ? '' : p.f.ERPProductKey, ERPPriceListKey: copy.f.ERPPriceListKey }));
  }
  return copy;
}

/** Connections not marked deleted; only those open to everyone when `everyone`. */
function connections(everyone: boolean, withLists: boolean): NSObject[] {
  const all = loadWhere(quoteConnectionView, {}).filter((c) => !c.f.Deleted && (!everyone || c.f.AllAccess));
  if (withLists) for (const c of all) c.f.PriceLists = priceLists('GetAllAvailableQuoteConnectionsWithPriceLists', Number(c.f.QuoteConnectionId), 0, false);
  return all;
}

/** Sets a column of a row that exists; a missing row is left alone, as deletes leave it. */
function flag(v: View, id: number, column: string, value: (row: CrmRow) => number, method: string, what: string, quiet: boolean): void {
  const row = id && db().table(v.table) ? db().get(v.table, id) : null;
  if (!row && quiet) return;
  amend(v.table, id, { [column]: row ? value(row) : 0 }, `${AGENT}.${method}`, what);
}

export const quoteProducts: Methods = {
  'GetPriceList(Integer)': (_a: unknown, id: number) => byId(priceListView, id),
  'GetActivePriceLists(Integer,String)': (_a: unknown, conn: number, code: string) => priceLists('GetActivePriceLists', conn, currencyIdOf(code), true),
  'GetActivePriceListsByCurrencyId(Integer,Integer)': (_a: unknown, conn: number, currency: number) => priceLists('GetActivePriceListsByCurrencyId', conn, currency, true),
  'GetAllPriceLists(Integer,String)': (_a: unknown, conn: number, code: string) => priceLists('GetAllPriceLists', conn, currencyIdOf(code), false),
  'GetAllPriceListsByCurrencyId(Integer,Integer)': (_a: unknown, conn: number, currency: number) => priceLists('GetAllPriceListsByCurrencyId', conn, currency, false),
  // a new price list is in the base currency and valid from and to no particular date
  'CreateDefaultPriceList()': () => {
    const base = baseCurrency();
    return make('NSPriceList', { PriceListId: 0, IsActive: true, Currency: isoCode(Number(base.f.CurrencyId)), CurrencyName: base.f.Name ?? '' });
  },
  'SavePriceList(NSPriceList)': (_a: unknown, p: NSObject) => {
    if (p) checkPriceList('SavePriceList', p);
    return saved(AGENT, 'SavePriceList', priceListView, p);
  },
  // a price list's products go with it
  'DeletePriceList(Integer)': (_a: unknown, id: number) => {
    remove(priceListView, id);
  },
  'CopySuperOfficePriceList(Integer,String,DateTime,DateTime,Integer,Bool)': (_a: unknown, id: number, name: string, from: CrmDateTime, to: CrmDateTime, currency: number, convert: boolean) =>
    copyPriceList(id, name, from, to, currency, convert),
  'GetProduct(Integer,String)': (_a: unknown, conn: number, key: string) => {
    connection('GetProduct', conn);
    return productOfKey(conn, String(key ?? '')) ?? byId(productView, 0);
  },
  'GetProductFromDbId(Integer)': (_a: unknown, id: number) => byId(productView, id),
  'CreateDefaultProduct()': () => make('NSProduct', { ProductId: 0, InAssortment: true }),
  'SaveProduct(NSProduct)': (_a: unknown, p: NSObject) => {
    if (p) checkProduct('SaveProduct', p);
    return saved(AGENT, 'SaveProduct', productView, p);
  },
  // The reference tells DeleteProduct ("deletes the product") from RemoveProduct ("removes a
  // product from the database"), and CRMScript's guide sets RemoveProduct apart as the one that
  // removes it: DeleteProduct keeps the row (quote lines made from it still name it) and takes
  // the product out of the assortment, where it no longer shows in searches.
  'DeleteProduct(Integer)': (_a: unknown, id: number) => flag(productView, id, 'InAssortment', () => 0, 'DeleteProduct', 'product', true),
  'RemoveProduct(Integer)': (_a: unknown, id: number) => {
    remove(productView, id);
  },
  'ToggleProductInAssortment(Integer)': (_a: unknown, id: number) =>
    flag(productView, id, 'InAssortment', (r) => (Number(col(r, 'InAssortment') ?? 0) ? 0 : 1), 'ToggleProductInAssortment', 'product', false),
  // the register's search: products in the assortment of the price list (by key) whose name, code or description holds the text, any letter case
  'FindProduct(Integer,String,String)': (_a: unknown, alternativeId: number, text: string, listKey: string) => {
    const where = `${AGENT}.FindProduct`;
    found(quoteAlternativeView, alternativeId, where, 'quote alternative');
    const list = priceListOfKey(String(listKey ?? ''));
    if (!list) throw fail(where, `there is no price list with key "${listKey}"`);
    const want = String(text ?? '').toLowerCase();
    return loadWhere(productView, { PriceListId: list }).filter((p) => p.f.InAssortment && [p.f.Name, p.f.Code, p.f.Description].some((s) => String(s).toLowerCase().includes(want)));
  },
  'GetConnection(Integer)': (_a: unknown, id: number) => byId(quoteConnectionView, id),
  'GetAllInstalledQuoteConnections()': () => connections(false, false),
  // who may use a connection that is not for everyone the sandbox cannot tell (no QuoteConnectionAccess): the available ones are those for everyone
  'GetAllAvailableQuoteConnections()': () => connections(true, false),
  'GetAllAvailableQuoteConnectionsWithPriceLists()': () => connections(true, true),
  'SaveConnection(NSQuoteConnection)': (_a: unknown, c: NSObject) => saved(AGENT, 'SaveConnection', quoteConnectionView, c),
  // connections are marked deleted, never removed
  'DeleteConnection(Integer)': (_a: unknown, id: number) => flag(quoteConnectionView, id, 'Deleted', () => 1, 'DeleteConnection', 'quote connection', false),
  'RestoreConnection(Integer)': (_a: unknown, id: number) => flag(quoteConnectionView, id, 'Deleted', () => 0, 'RestoreConnection', 'quote connection', false),
};
