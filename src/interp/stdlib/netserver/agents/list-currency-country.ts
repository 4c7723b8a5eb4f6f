// NSListAgent's currencies and countries beyond the list getters: the currency of the user's owner
// company (its country's currency: country.currency_id), converting amounts between currencies by
// the Currency table's rates, and creating and saving countries. Every currency is relative to the
// base currency: `rate` of it buys `units` of the base, so an amount converts to the base as
// amount / rate * units (demo-lists.ts).
import type { NSObject } from '../object.js';
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { col, loadRef, type View } from './view.js';
import { make, saved, type Methods } from './define.js';
import { countryView } from './people-views.js';
import { baseCurrency } from './quote-views.js';

const AGENT = 'NSListAgent';

/** The currency of the company the run's user works for (0 when it, its country or its currency is missing). */
function ownerCompanyCurrency(): number {
  const crm = db();
  const person = crm.actor().personId ? crm.get('person', crm.actor().personId) : null;
  const contactId = Number(person ? (col(person, 'contact_id') ?? 0) : 0);
  const contact = contactId ? crm.get('contact', contactId) : null;
  const countryId = Number(contact ? (col(contact, 'country_id') ?? 0) : 0);
  const country = countryId ? crm.get('country', countryId) : null;
  return Number(country ? (col(country, 'currency_id') ?? 0) : 0);
}

/** The Currency row a script names by ISO code or name (either case); '' names the base currency. */
function currencyNamed(where: string, name: string): CrmRow {
  const wanted = String(name ?? '').trim().toLowerCase();
  const rows = db().select('Currency', {});
  const row = wanted
    ? rows.find((r) => String(col(r, 'isoCode') ?? '').toLowerCase() === wanted) ?? rows.find((r) => String(col(r, 'name') ?? '').toLowerCase() === wanted)
    : rows.find((r) => Number(col(r, 'Currency_id')) === Number(baseCurrency().f.CurrencyId));
  if (!row) throw fail(where, wanted ? `there is no currency "${name}" (neither an ISO code nor a name in the currency list)` : 'the currency list is empty');
  return row;
}

/** How many of a currency one unit of the base buys. */
function perBase(where: string, row: CrmRow): number {
  const rate = Number(col(row, 'rate') ?? 0);
  const units = Number(col(row, 'units') ?? 0);
  if (!rate || !units) throw fail(where, `the currency "${String(col(row, 'name') ?? '')}" has no exchange rate`);
  return rate / units;
}

function changeCurrency(amount: number, from: string, to: string): number {
  const where = `${AGENT}.ChangeCurrency`;
  const source = currencyNamed(where, from);
  const target = currencyNamed(where, to);
  return (Number(amount) / perBase(where, source)) * perBase(where, target);
}

/** A country save refuses a country without a name. */
const savedCountryView: View = { ...countryView, required: [['Name', 'the country name (SetName)']] };

export const currencyCountry: Methods = {
  'GetOwnerCompanysCurrency()': () => loadRef('NSCurrency', ownerCompanyCurrency()),
  // the sandbox always uses currencies (SuperOffice's "Enable use of currency" preference); ours is
  // the owner company's
  'GetOurCurrency()': () => loadRef('NSCurrency', ownerCompanyCurrency()),
  'ChangeCurrency(Float,String,String)': (_a: unknown, amount: number, from: string, to: string) => changeCurrency(amount, from, to),
  'CreateDefaultCountry()': () => make('NSCountry', { CountryId: 0, Rank: 0, Deleted: false }),
  'SaveCountry(NSCountry)': (_a: unknown, o: NSObject) => saved(AGENT, 'SaveCountry', savedCountryView, o),
};
