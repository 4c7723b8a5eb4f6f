// Quotes as NetServer sees them: a quote (Quote) has versions (QuoteVersion), one of them active;
// a version has alternatives (QuoteAlternative), an alternative has lines (QuoteLine). Lines are
// made from products (Product), each a member of one price list (PriceList) in one currency; a
// quote and a price list belong to a quote connection (QuoteConnection). Products name their
// category, family and type (ProductCategory, ProductFamily, ProductType) by id, as text.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fromDb } from './db.js';
import { col, listView, loadWhere, lookup, register, remove, save, type View } from './view.js';
import { byId } from './define.js';
import { currencyView } from './misc-views.js';
import { ADDRESS, deleteAddresses } from './elements.js';

const QUOTE_SUMS = 'DiscountPercent=DiscountPercent:f DiscountAmount=DiscountAmount:f ERPDiscountPercent=ERPDiscountPercent:f ERPDiscountAmount=ERPDiscountAmount:f EarningPercent=EarningPercent:f EarningAmount=EarningAmount:f TotalPrice=TotalPrice:f VAT=VAT:f VATInfo=VATInfo:s UserValueOverride=UserValueOverride:i Status=Status:i Reason=Reason:s Name=Name:s Description=Description:s';
const EXTRA_FIELDS = [1, 2, 3, 4, 5].map((i) => `ExtraField${i}=extraField${i}:s`).join(' ');
/** What a line and the product it is made from share (with Name, Description, VAT and VATInfo). */
const PRODUCT_COLS = 'ERPProductKey=ERPProductKey:s Code=Code:s QuantityUnit=QuantityUnit:s PriceUnit=PriceUnit:s IsSubscription=IsSubscription:b SubscriptionUnit=SubscriptionUnit:s ItemNumber=ItemNumber:s Url=Url:s ProductCategoryKey=ProductCategoryKey:s ProductFamilyKey=ProductFamilyKey:s ProductTypeKey=ProductTypeKey:s Supplier=Supplier:s SupplierCode=SupplierCode:s UnitCost=UnitCost:f UnitMinimumPrice=UnitMinimumPrice:f UnitListPrice=UnitListPrice:f RawExtraInfo=ExtraInfo:s Rights=Rights:s Rule=Rule:s';

/** QuoteVersionState: the states a version is in. */
export const VERSION_STATE = { DRAFT_NOT_CALCULATED: 2, SENT: 6, ARCHIVED: 7 };

export const quoteLineView: View = {
  cls: 'NSQuoteLine',
  table: 'QuoteLine',
  key: 'QuoteLineId',
  cols: `${PRODUCT_COLS} ERPQuoteLineKey=ERPQuoteLineKey:s QuoteAlternativeId=QuoteAlternativeId:i Quantity=Quantity:f DeliveredQuantity=DeliveredQuantity:f Rank=Rank:i SubscriptionQuantity=SubscriptionQuantity:f SubscriptionStart=SubscriptionStart:d ${QUOTE_SUMS} ${EXTRA_FIELDS}`,
  required: [['QuoteAlternativeId', 'the quote alternative (SetQuoteAlternativeId)']],
  calc: (o) => {
    o.f.SubTotal = Number(o.f.Quantity) * Number(o.f.UnitListPrice);
  },
};

export const quoteAlternativeView: View = {
  cls: 'NSQuoteAlternative',
  table: 'QuoteAlternative',
  key: 'QuoteAlternativeId',
  cols: `ERPQuoteAlternativeKey=ERPQuoteAlternativeKey:s QuoteVersionId=QuoteVersionId:i ${QUOTE_SUMS} ${EXTRA_FIELDS}`,
  calc: (o) => {
    o.f.SubTotal = Number(o.f.TotalPrice) + Number(o.f.DiscountAmount);
  },
  beforeDelete: (id) => {
    for (const line of loadWhere(quoteLineView, { QuoteAlternativeId: id })) remove(quoteLineView, Number(line.f.QuoteLineId));
  },
};

/** A version's alternatives, in the order they were made. */
export const alternativesOf = (versionId: number): NSObject[] => (versionId ? loadWhere(quoteAlternativeView, { QuoteVersionId: versionId }) : []);

export const quoteVersionView: View = {
  cls: 'NSQuoteVersion',
  table: 'QuoteVersion',
  key: 'QuoteVersionId',
  cols:
    'ERPQuoteVersionKey=ERPQuoteVersionKey:s QuoteId=QuoteId:i Description=Description:s Number=Number:s State=State:i ArchivedState=ArchivedState:i Status=Status:i Reason=Reason:s ' +
    'LikelyQuoteAlternativeId=LikelyQuoteAlternativeId:i SentDate=SentDate:d FollowupId=FollowupId:i ExpirationDate=ExpirationDate:d DeliveryCountryId=DeliveryCountryId:i ' +
    'HasOwnDeliveryAddress=HasOwnDeliveryAddress:b InvoiceCountryId=InvoiceCountryId:i HasOwnInvoiceAddress=HasOwnInvoiceAddress:b ERPPaymentTermsKey=ERPPaymentTermsKey:s ' +
    'ERPPaymentTypeKey=ERPPaymentTypeKey:s ERPDeliveryTermsKey=ERPDeliveryTermsKey:s ERPDeliveryTypeKey=ERPDeliveryTypeKey:s Rank=Rank:i ApprovedBy=ApprovedBy:i ' +
    `ApprovedText=ApprovedText:s ApprovedRegisteredBy=ApprovedRegisteredBy:i ApprovedRegisteredDate=ApprovedRegisteredDate:d LastRecalculated=LastRecalculated:d ${EXTRA_FIELDS}`,
  required: [['QuoteId', 'the quote the version belongs to (SetQuoteId)']],
  calc: (o, row) => {
    // who made and last changed it, read-only (a save stamps them)
    o.f.Registered = fromDb(col(row, 'registered'), 'd');
    o.f.RegisteredAssociateId = fromDb(col(row, 'registered_associate_id'), 'i');
    o.f.Updated = fromDb(col(row, 'updated'), 'd');
    o.f.UpdatedAssociateId = fromDb(col(row, 'updated_associate_id'), 'i');
    o.f.QuoteAlternatives = alternativesOf(Number(o.f.QuoteVersionId));
  },
  // the alternatives the version carries (SetQuoteAlternatives) are saved with it, as its own;
  // alternatives it no longer carries stay (DeleteQuoteAlternative removes one)
  afterSave: (o, id) => {
    const carried = Array.isArray(o.f.QuoteAlternatives) ? o.f.QuoteAlternatives : [];
    for (const alt of carried)
      if (alt instanceof NSObject) {
        alt.f.QuoteVersionId = id;
        save(quoteAlternativeView, alt, 'NSQuoteAgent.SaveQuoteVersion');
      }
  },
  beforeDelete: (id) => {
    for (const alt of alternativesOf(id)) remove(quoteAlternativeView, Number(alt.f.QuoteAlternativeId));
    deleteAddresses(id, [ADDRESS.quoteBilling, ADDRESS.quoteShipping]);
    if (db().table('QuoteVersionAttachment')) for (const a of db().select('QuoteVersionAttachment', { where: [{ column: 'QuoteVersionId', op: '=', value: id }] })) db().delete('QuoteVersionAttachment', Number(col(a, 'quoteversionattachment_id')));
  },
};

/** The quote connection of an alternative's quote (0 when it has no version or quote). */
export function connectionOfAlternative(alternativeId: number): number {
  const version = lookup('QuoteAlternative', alternativeId, 'QuoteVersionId');
  return Number(lookup('Quote', lookup('QuoteVersion', version, 'QuoteId'), 'QuoteConnectionId')) || 0;
}

/** A quote's versions by rank (the first is 1). */
export function versionsOf(quoteId: number): NSObject[] {
  return quoteId ? loadWhere(quoteVersionView, { QuoteId: quoteId }).sort((a, b) => Number(a.f.Rank) - Number(b.f.Rank)) : [];
}

const QUOTE_COLS =
  'SaleId=SaleId:i QuoteConnectionId=QuoteConnectionId:i ERPQuoteKey=ERPQuoteKey:s ERPOrderKey=ERPOrderKey:s ActiveQuoteVersionId=ActiveQuoteVersionId:i AcceptedQuoteAlternativeId=AcceptedQuoteAlternativeId:i UseValuesFromQuote=UseValuesFromQuote:i DocumentId=DocumentId:i PreferredEmailCulture=PreferredEmailCulture:s PoNumber=PoNumber:s OrderComment=OrderComment:s';

/** Deleting a quote deletes its versions, their alternatives and lines. */
const deleteVersions = (quoteId: number): void => {
  for (const v of versionsOf(quoteId)) remove(quoteVersionView, Number(v.f.QuoteVersionId));
};

export const quoteView: View = {
  cls: 'NSQuoteEntity',
  table: 'Quote',
  key: 'QuoteId',
  cols: QUOTE_COLS,
  audit: true,
  required: [['SaleId', 'the sale the quote belongs to (SetSaleId)']],
  calc: (o) => {
    o.f.QuoteVersions = versionsOf(Number(o.f.QuoteId));
  },
  beforeDelete: deleteVersions,
};

/** NSQuote: the quote with its active version and that version's favourite (likely) alternative. */
export const quoteCarrierView: View = {
  cls: 'NSQuote',
  table: 'Quote',
  key: 'QuoteId',
  cols: QUOTE_COLS,
  calc: (o) => {
    const active = byId(quoteVersionView, Number(o.f.ActiveQuoteVersionId));
    o.f.ActiveQuoteVersion = active;
    o.f.FavoriteQuoteAlternative = byId(quoteAlternativeView, Number(active.f.LikelyQuoteAlternativeId ?? 0));
  },
  beforeDelete: deleteVersions,
};

// ---- quote connections, price lists and products

export const quoteConnectionView: View = {
  cls: 'NSQuoteConnection',
  table: 'QuoteConnection',
  key: 'QuoteConnectionId',
  cols: 'ERPName=ERPName:s DisplayName=DisplayName:s DisplayDescription=DisplayDescription:s Rank=Rank:i ConnectorName=ConnectorName:s ExtraData=ExtraData:s ErpConnectionId=ErpConnectionId:i AllAccess=AllAccess:b Deleted=Deleted:b',
  required: [
    ['ERPName', 'the ERP system\'s name (SetERPName)'],
    ['ConnectorName', 'the connector\'s name (SetConnectorName)'],
  ],
  calc: (o) => {
    // who may use a connection that is not for everyone is kept in QuoteConnectionAccess, which the sandbox lacks
    o.f.AssociateAccessIds = [];
    o.f.UserGroupAccessIds = [];
    o.f.IsAvailable = !o.f.Deleted;
  },
};

/** The currency row of an ISO code (any letter case), or null. */
export function currencyOfCode(code: string): CrmRow | null {
  const want = code.trim().toUpperCase();
  if (!want) return null;
  return db().select('Currency').find((r) => String(col(r, 'isoCode') ?? '').toUpperCase() === want) ?? null;
}

/** The currency with rate 1 and units 1 (what the others are relative to), else the first. */
export function baseCurrency(): NSObject {
  const all = loadWhere(currencyView, {}).filter((c) => !c.f.Deleted);
  return all.find((c) => Number(c.f.Rate) === 1 && Number(c.f.Units) === 1) ?? all[0] ?? byId(currencyView, 0);
}

export const priceListView: View = {
  cls: 'NSPriceList',
  table: 'PriceList',
  key: 'PriceListId',
  cols: 'ERPPriceListKey=ERPPriceListKey:s QuoteConnectionId=QuoteConnectionId:i Name=Name:s Description=Description:s ValidFrom=ValidFrom:d ValidTo=ValidTo:d IsActive=IsActive:b',
  calc: (o, row) => {
    // a price list names its currency by ISO code (Currency) and name
    const id = Number(col(row, 'CurrencyId') ?? 0);
    const c = id && db().table('Currency') ? db().get('Currency', id) : null;
    o.f.Currency = c ? String(col(c, 'isoCode') ?? '') : '';
    o.f.CurrencyName = c ? String(col(c, 'name') ?? '') : '';
  },
  extra: (o) => {
    const byCode = currencyOfCode(String(o.f.Currency ?? ''));
    const byName = byCode ? null : loadWhere(currencyView, { name: String(o.f.CurrencyName ?? '') }, 1)[0];
    return { CurrencyId: byCode ? Number(col(byCode, 'Currency_id')) : Number(byName?.f.CurrencyId ?? 0) };
  },
  // SuperOffice's own price lists are known to the quote connector by their id
  afterSave: (o, id) => {
    if (!String(o.f.ERPPriceListKey ?? '')) db().update('PriceList', id, { ERPPriceListKey: String(id) });
  },
  beforeDelete: (id) => {
    for (const p of loadWhere(productView, { PriceListId: id })) remove(productView, Number(p.f.ProductId));
  },
};

/** The id of the price list an ERP price list key names (its key, else its id), 0 for none. */
export function priceListOfKey(key: string): number {
  const k = key.trim();
  if (!k || !db().table('PriceList')) return 0;
  const rows = db().select('PriceList', { where: [{ column: 'ERPPriceListKey', op: '=', value: k }], limit: 1 });
  if (rows[0]) return Number(col(rows[0], 'pricelist_id'));
  return /^\d+$/.test(k) && db().get('PriceList', Number(k)) ? Number(k) : 0;
}

export const productView: View = {
  cls: 'NSProduct',
  table: 'Product',
  key: 'ProductId',
  cols: `${PRODUCT_COLS} Name=Name:s Description=Description:s VAT=VAT:f VATInfo=VATInfo:s DefaultSubscriptionQuantity=DefaultSubscriptionQuantity:f InAssortment=InAssortment:b ${EXTRA_FIELDS}`,
  required: [['ERPPriceListKey', 'the price list the product is in (SetERPPriceListKey)']],
  calc: (o, row) => {
    const list = Number(col(row, 'PriceListId') ?? 0);
    const owner = list ? db().get('PriceList', list) : null;
    const key = owner ? String(col(owner, 'ERPPriceListKey') ?? '') : '';
    o.f.ERPPriceListKey = key || (list ? String(list) : '');
    // the ERP's extra fields (RawExtraInfo) come in a connector's own format; the sandbox's register keeps no stock
    o.f.ExtraInfo = [];
    o.f.InStock = 0;
  },
  extra: (o) => ({ PriceListId: priceListOfKey(String(o.f.ERPPriceListKey ?? '')) }),
  // a product of SuperOffice's own register is known to the quote connector by its id
  afterSave: (o, id) => {
    if (!String(o.f.ERPProductKey ?? '')) db().update('Product', id, { ERPProductKey: String(id) });
  },
};

register(
  quoteView,
  quoteCarrierView,
  quoteVersionView,
  quoteAlternativeView,
  quoteLineView,
  quoteConnectionView,
  priceListView,
  productView,
  listView('NSProductCategory', 'ProductCategory'),
  listView('NSProductFamily', 'ProductFamily'),
  listView('NSProductType', 'ProductType'),
);
