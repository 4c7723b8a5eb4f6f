// NSContactAgent's quote version addresses: the billing (invoice) and shipping (delivery) address
// of a quote version. A version without one of its own (HasOwnInvoiceAddress,
// HasOwnDeliveryAddress) uses its company's: the postal address for billing, the street address
// for shipping. One of its own is an address row of type QuoteBillingAddress or
// QuoteShippingAddress that the version owns, with its country on the version (InvoiceCountryId,
// DeliveryCountryId). The reference does not name a quote address's fields: the sandbox lays them
// out as the company's (Postal… for billing, Street… for shipping).
import type { NSObject } from '../object.js';
import { fail } from './db.js';
import { lookup } from './view.js';
import { amend, found, type Methods } from './define.js';
import { ADDRESS, readAddress, writeAddress, type AddressParts } from './elements.js';
import { countryById } from './country.js';
import { quoteVersionView } from './quote-views.js';

const AGENT = 'NSContactAgent';

interface Kind {
  prefix: string;
  /** The company's address used when the version has none of its own. */
  company: number;
  own: string;
  country: string;
}

const KINDS: Record<number, Kind> = {
  [ADDRESS.quoteBilling]: { prefix: 'Postal', company: ADDRESS.postal, own: 'HasOwnInvoiceAddress', country: 'InvoiceCountryId' },
  [ADDRESS.quoteShipping]: { prefix: 'Street', company: ADDRESS.street, own: 'HasOwnDeliveryAddress', country: 'DeliveryCountryId' },
};

const parts = (type: number): AddressParts => [[KINDS[type]!.prefix, type]];

export const quoteAddresses: Methods = {
  'GetQuoteVersionAddresses(Integer)': (_a: unknown, versionId: number): NSObject[] => {
    const v = found(quoteVersionView, versionId, `${AGENT}.GetQuoteVersionAddresses`, 'quote version');
    const company = Number(lookup('sale', lookup('Quote', v.f.QuoteId, 'SaleId'), 'contact_id')) || 0;
    return [ADDRESS.quoteBilling, ADDRESS.quoteShipping].map((type) => {
      const k = KINDS[type]!;
      return v.f[k.own] ? readAddress(versionId, parts(type)) : readAddress(company, [[k.prefix, k.company]]);
    });
  },
  'SaveQuoteVersionAddress(Integer,NSAddress,Integer,Integer)': (_a: unknown, versionId: number, address: NSObject, type: number, countryId: number) => {
    const where = `${AGENT}.SaveQuoteVersionAddress`;
    found(quoteVersionView, versionId, where, 'quote version');
    const k = KINDS[type];
    if (!k) throw fail(where, `the address type is ${type}, not QuoteBillingAddress (${ADDRESS.quoteBilling}) or QuoteShippingAddress (${ADDRESS.quoteShipping})`);
    if (countryId) countryById(where, countryId);
    writeAddress(versionId, parts(type), address);
    amend('QuoteVersion', versionId, { [k.own]: 1, [k.country]: countryId || null }, where, 'quote version');
    return readAddress(versionId, parts(type));
  },
};
