// The demo data's quotes and what they are made of: the quote connection to SuperOffice's own
// product register, the product lists (categories, families, types), three price lists (the
// current one in kroner, last year's, now expired, and one in euros) with their products, and
// two quotes: sale 1's, sent once (its first version, now archived) and revised into a second,
// active version with two alternatives, and sale 5's, a first draft. The quote lines are made
// from the products (their ERP product keys, names, prices and VAT), their sums worked out the
// way the quote connector does (quote-sums.ts). Fixed ids from 1.
//
// Links (demo.ts, demo-lists.ts): currencies 1 NOK, 2 EUR; sale 1 "40 guest-room tablets" and
// sale 5 "Conference wing Wi-Fi" (Blue Fjord Hotels); document 1, the quote sent on 5 March.
import { alternativeSums, lineSums } from '../interp/stdlib/netserver/quote-sums.js';
import { items, STAMP, type Row } from './demo-lists.js';

const NOK = 1;
const EUR = 2;

/** Product lists: ids 1.. in order. */
const CATEGORY = { HARDWARE: 1, SOFTWARE: 2, SERVICES: 3 };
const FAMILY = { TABLETS: 1, NETWORKING: 2, DEVICE_MANAGEMENT: 3, INSTALLATION: 4 };
const TYPE = { ITEM: 1, LICENCE: 2, SERVICE: 3 };

/** Price lists: [name, description, currency, valid from, valid to (null: no end)]. */
const PRICE_LISTS: [string, string, number, string, string | null][] = [
  ['Standard 2025', 'List prices from 2025', NOK, '2025-01-01 00:00:00', null],
  ['Standard 2024', 'Last year\'s list prices', NOK, '2024-01-01 00:00:00', '2024-12-31 00:00:00'],
  ['Export 2025', 'List prices in euros for customers abroad', EUR, '2025-01-01 00:00:00', null],
];

/** A product: its price list, name, code, category, family, type, unit, list price, cost, minimum price and its own columns. */
type ProductDef = [list: number, name: string, code: string, category: number, family: number, type: number, unit: string, price: number, cost: number, minimum: number, own?: Row];

const PRODUCTS: ProductDef[] = [
  [1, 'Guest-room tablet T10', 'TAB-T10', CATEGORY.HARDWARE, FAMILY.TABLETS, TYPE.ITEM, 'pcs', 1200, 780, 1000, { Supplier: 'Nordic IT Supply', SupplierCode: 'NIS-T10' }],
  [1, 'Wall mount for T10', 'MNT-T10', CATEGORY.HARDWARE, FAMILY.TABLETS, TYPE.ITEM, 'pcs', 150, 55, 110],
  [1, 'Tablet management licence', 'LIC-MDM', CATEGORY.SOFTWARE, FAMILY.DEVICE_MANAGEMENT, TYPE.LICENCE, 'licence', 25, 8, 20, { IsSubscription: 1, SubscriptionUnit: 'month', DefaultSubscriptionQuantity: 12 }],
  [1, 'Access point AP-7', 'NET-AP7', CATEGORY.HARDWARE, FAMILY.NETWORKING, TYPE.ITEM, 'pcs', 2400, 1500, 2000],
  [1, 'Installation', 'SRV-INST', CATEGORY.SERVICES, FAMILY.INSTALLATION, TYPE.SERVICE, 'hours', 950, 500, 850],
  [1, 'Guest-room tablet T8', 'TAB-T8', CATEGORY.HARDWARE, FAMILY.TABLETS, TYPE.ITEM, 'pcs', 900, 640, 800, { InAssortment: 0, Description: 'Replaced by the T10' }],
  [2, 'Guest-room tablet T10', 'TAB-T10', CATEGORY.HARDWARE, FAMILY.TABLETS, TYPE.ITEM, 'pcs', 1150, 760, 950],
  [2, 'Installation', 'SRV-INST', CATEGORY.SERVICES, FAMILY.INSTALLATION, TYPE.SERVICE, 'hours', 900, 480, 800],
  [3, 'Guest-room tablet T10', 'TAB-T10', CATEGORY.HARDWARE, FAMILY.TABLETS, TYPE.ITEM, 'pcs', 115, 72, 95],
  [3, 'Installation', 'SRV-INST', CATEGORY.SERVICES, FAMILY.INSTALLATION, TYPE.SERVICE, 'hours', 95, 48, 85],
];

/** The products' rows; each is its own ERP product key, as in SuperOffice's product register. */
const productRows: Row[] = PRODUCTS.map(([list, name, code, category, family, type, unit, price, cost, minimum, own], i) => ({
  id: i + 1,
  ERPProductKey: String(i + 1),
  PriceListId: list,
  Name: name,
  Description: '',
  Code: code,
  QuantityUnit: unit,
  PriceUnit: unit,
  IsSubscription: 0,
  SubscriptionUnit: '',
  DefaultSubscriptionQuantity: 0,
  ItemNumber: '',
  Url: '',
  ProductCategoryKey: String(category),
  ProductFamilyKey: String(family),
  ProductTypeKey: String(type),
  VATInfo: '25% VAT',
  VAT: 25,
  UnitCost: cost,
  UnitMinimumPrice: minimum,
  UnitListPrice: price,
  InAssortment: 1,
  Supplier: '',
  SupplierCode: '',
  ...own,
  ...STAMP,
}));

/** The product columns a quote line takes over. */
const LINE_FROM_PRODUCT = ['ERPProductKey', 'Name', 'Description', 'Code', 'QuantityUnit', 'PriceUnit', 'IsSubscription', 'SubscriptionUnit', 'ItemNumber', 'Url', 'ProductCategoryKey', 'ProductFamilyKey', 'ProductTypeKey', 'Supplier', 'SupplierCode', 'VATInfo', 'VAT', 'UnitCost', 'UnitMinimumPrice', 'UnitListPrice'];

/** A line: [product id, quantity, discount percent]. */
type LineDef = [product: number, quantity: number, discount: number];

/** Alternatives: [version, name, description, lines]. */
const ALTERNATIVES: [number, string, string, LineDef[]][] = [
  [1, 'Tablets with wall mounts', 'A tablet on the wall of every room', [[1, 40, 0], [2, 40, 0]]],
  [2, 'Tablets with wall mounts', 'A tablet on the wall of every room', [[1, 40, 5], [2, 40, 10]]],
  [2, 'Tablets, mounts and management', 'With a year of device management', [[1, 40, 5], [2, 40, 10], [3, 40, 0]]],
  [3, 'Two access points', 'Installed and configured', [[4, 2, 0], [5, 6, 0]]],
];

/** Versions: [quote, rank, description, state, archived state, likely alternative, sent, expires]. */
const VERSIONS: [number, number, string, number, number, number, string | null, string][] = [
  // QuoteVersionState: 1 Draft, 2 DraftNotCalculated, 6 Sent, 7 Archived
  [1, 1, 'First proposal', 7, 6, 1, '2025-03-05 12:00:00', '2025-04-04 00:00:00'],
  [1, 2, 'Revised after the meeting', 1, 0, 3, null, '2025-04-30 00:00:00'],
  [2, 1, 'Wi-Fi for the conference wing', 2, 0, 4, null, '2025-05-31 00:00:00'],
];

function quoteRows(): Record<string, Row[]> {
  const lines: Row[] = [];
  const alternatives = ALTERNATIVES.map(([version, name, description, defs], i) => {
    const own = defs.map(([product, quantity, discount], rank): Row => {
      const p = productRows[product - 1]!;
      const line: Row = { QuoteAlternativeId: i + 1, Quantity: quantity, DiscountPercent: discount, Rank: rank + 1, Status: 0, UserValueOverride: 0 };
      for (const c of LINE_FROM_PRODUCT) line[c] = p[c] ?? null;
      if (p.IsSubscription) line.SubscriptionQuantity = p.DefaultSubscriptionQuantity ?? 0;
      return { ...line, ...lineSums(line), ...STAMP };
    });
    for (const l of own) lines.push({ id: lines.length + 1, ...l });
    return { id: i + 1, QuoteVersionId: version, Name: name, Description: description, Status: 0, UserValueOverride: 0, VATInfo: '25% VAT', ...alternativeSums({ lines: own }), ...STAMP };
  });
  const versions = VERSIONS.map(([quote, rank, description, state, archived, likely, sent, expires], i) => ({
    id: i + 1, QuoteId: quote, Rank: rank, Description: description, Number: `Q-100${quote}`, State: state, ArchivedState: archived, Status: 0, LikelyQuoteAlternativeId: likely, SentDate: sent, ExpirationDate: expires, ...STAMP,
  }));
  return {
    Quote: [
      { id: 1, SaleId: 1, QuoteConnectionId: 1, ActiveQuoteVersionId: 2, UseValuesFromQuote: 1, DocumentId: 1, PreferredEmailCulture: 'en-US', ...STAMP },
      { id: 2, SaleId: 5, QuoteConnectionId: 1, ActiveQuoteVersionId: 3, UseValuesFromQuote: 1, PreferredEmailCulture: 'en-US', ...STAMP },
    ],
    QuoteVersion: versions,
    QuoteAlternative: alternatives,
    QuoteLine: lines,
  };
}

/** The quote tables with their demo rows (`id` stands for each table's primary key), in the order they are filled. */
export const DEMO_QUOTES: Record<string, Row[]> = {
  QuoteConnection: [
    { id: 1, ERPName: 'SuperOffice', DisplayName: 'SuperOffice', DisplayDescription: 'Products and prices from the price lists kept in the CRM', Rank: 1, ConnectorName: 'SuperOffice', AllAccess: 1, Deleted: 0, ...STAMP },
  ],
  ProductCategory: items([
    ['Hardware', 'Devices and equipment'],
    ['Software', 'Programs and licences'],
    ['Services', 'Work we do for the customer'],
  ]),
  ProductFamily: items([
    ['Tablets', 'Tablets and their accessories'],
    ['Networking', 'Wi-Fi and network equipment'],
    ['Device management', 'Managing a fleet of devices'],
    ['Installation', 'Installing and configuring'],
  ]),
  ProductType: items([
    ['Item', 'Sold by the piece'],
    ['Licence', 'A right to use software'],
    ['Service', 'Sold by the hour'],
  ]),
  PriceList: PRICE_LISTS.map(([name, description, currency, from, to], i) => ({
    id: i + 1, ERPPriceListKey: String(i + 1), QuoteConnectionId: 1, Name: name, Description: description, CurrencyId: currency, ValidFrom: from, ValidTo: to, IsActive: 1, IsERPCopy: 0, ...STAMP,
  })),
  Product: productRows,
  ...quoteRows(),
};

/** The tables the quote versions brought (the rest: Quote, QuoteAlternative, QuoteLine were there before), in the order they are created. */
export const QUOTE_TABLES = ['QuoteConnection', 'ProductCategory', 'ProductFamily', 'ProductType', 'PriceList', 'Product', 'QuoteVersion'];
