// Quotes in the sandbox with their versions, price lists, products and quote connections
// (QuoteVersion, PriceList, Product, QuoteConnection, ProductCategory/Family/Type): the demo's
// quotes, price lists and products over SearchEngine; NSQuoteAgent's versions (a new quote's
// first version, a new version copied from another, the quote's active and favourite ones), its
// price lists by connection, currency and validity, its products and the quote lines made from
// them (the alternative's sums following its lines), its connections; a version's billing and
// shipping addresses (NSContactAgent); NSListAgent's and NSMDOAgent's product lists; and a
// sandbox made by an older build (SQLite schema 10, PostgreSQL 9) gaining the tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliProcess, crmFixture, describeBackends, searchRows as query, olderPgSandbox, olderSqliteSandbox, runFileOn, runWithCrm, type CrmFixture } from './helpers.js';
import { cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';
import { pgOnlyDescribe } from '../store/backends.js';
import { openDriver, serviceOver } from '../../src/crm/open.js';
import { loadSqlite } from '../../src/crm/sqlite/engine.js';
import { QUOTE_TABLES } from '../../src/crm/demo-quotes.js';
import { PG_CRM_VERSION } from '../../src/crm/pg/ddl.js';

requireBuiltCli();
afterAll(cleanupTempDirs);


/** Prints "rank state archived-state description" of each of a quote's versions. */
const versions = (quote: string): string => `{
NSQuoteVersion[] vs = qa.GetQuoteVersions(${quote});
for (Integer i = 0; i < vs.length(); i++) printLine(vs[i].GetRank().toString() + " " + vs[i].GetState().toString() + " " + vs[i].GetArchivedState().toString() + " " + vs[i].GetDescription());
}`;

/** Prints the names of price lists. */
const names = (lists: string): string => `{ NSPriceList[] l = ${lists}; String s; for (Integer i = 0; i < l.length(); i++) s += l[i].GetName() + "|"; printLine(s); }`;

/** What shows that a sandbox has the demo's quotes: quote 1's active version, its favourite alternative and the active NOK price lists. */
const QUOTE_SMOKE = `NSQuoteAgent qa;
NSQuote q = qa.GetQuote(1);
printLine(q.GetActiveQuoteVersion().GetRank().toString() + " " + q.GetFavoriteQuoteAlternative().GetName() + " " + q.GetFavoriteQuoteAlternative().GetTotalPrice().toString(2));
${names('qa.GetActivePriceLists(1, "NOK")')}`;
const QUOTE_SMOKE_OUT = '2 Tablets, mounts and management 52000.00\nStandard 2025|\n';

describeBackends('quotes, versions, price lists and products', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());
  // every script is a run of its own, rolled back after it: each starts from the demo data
  const exec = (src: string): ReturnType<typeof runWithCrm> => {
    const crm = serviceOver(f.driver, { rollback: true });
    try {
      const r = runWithCrm({ ...f, crm }, src);
      expect(r.diagnostics).toEqual([]);
      return r;
    } finally {
      crm.finish();
    }
  };
  const run = (src: string): string => {
    const r = exec(src);
    expect(r.error).toBeNull();
    return r.output;
  };
  const error = (src: string): string => exec(src).error ?? '';

  it('SearchEngine reads the demo quotes, versions, price lists, products and the connection, following the links', () => {
    expect(run(query('QuoteVersion', ['quoteversion_id', 'Rank', 'State', 'QuoteId.SaleId.heading', 'LikelyQuoteAlternativeId.Name']))).toBe(
      '1 1 7 40 guest-room tablets Tablets with wall mounts\n2 2 1 40 guest-room tablets Tablets, mounts and management\n3 1 2 Conference wing Wi-Fi Two access points\n',
    );
    expect(run(query('Product', ['product_id', 'Code', 'PriceListId.Name', 'PriceListId.CurrencyId.isoCode'], 'se.addCriteria("Product.PriceListId.CurrencyId.isoCode", "Equals", "EUR");'))).toBe(
      '9 TAB-T10 Export 2025 EUR\n10 SRV-INST Export 2025 EUR\n',
    );
    expect(run(query('QuoteLine', ['quoteline_id', 'ERPProductKey', 'Quantity', 'TotalPrice'], 'se.addCriteria("QuoteLine.QuoteAlternativeId", "Equals", "3");'))).toBe('5 1 40 45600\n6 2 40 5400\n7 3 40 1000\n');
    expect(run('SearchEngine se;\nse.addFields("QuoteConnection", "quoteconnection_id,DisplayName,Rank");\nprint(se.executeTextTable());')).toContain(' 1                                  SuperOffice                 1');
  });

  it("a quote's versions: the active one, its favourite alternative, the versions by rank with their alternatives", () => {
    expect(run(QUOTE_SMOKE)).toBe(QUOTE_SMOKE_OUT);
    expect(
      run(`NSQuoteAgent qa;
${versions('1')}
NSQuoteVersion v = qa.GetQuoteVersion(2);
NSQuoteAlternative[] alts = v.GetQuoteAlternatives();
printLine(v.GetQuoteId().toString() + " " + v.GetNumber() + " " + v.GetExpirationDate().toString() + " " + alts.length().toString() + " " + alts[1].GetName() + " " + alts[1].GetVAT().toString(2));
printLine(qa.GetQuoteEntity(1).GetQuoteVersions().length().toString() + " " + qa.GetQuoteVersion(1).GetSentDate().toString() + " " + qa.GetQuoteVersion(99).GetQuoteVersionId().toString());`),
    ).toBe('1 7 6 First proposal\n2 1 0 Revised after the meeting\n1 Q-1001 2025-04-30 00:00:00 2 Tablets, mounts and management 13000.00\n2 2025-03-05 12:00:00 0\n');
  });

  it('CreateAndSaveQuote makes the first version with the first alternative, the version active and the alternative likely', () => {
    expect(
      run(`NSQuoteAgent qa;
NSQuoteEntity q = qa.CreateAndSaveQuote(2, 1, "Basic service");
NSQuoteVersion v = qa.GetQuoteVersion(q.GetActiveQuoteVersionId());
NSQuoteAlternative a = v.GetQuoteAlternatives()[0];
DateTime now;
printLine(v.GetQuoteId().toString() + " " + v.GetRank().toString() + " " + v.GetState().toString() + " " + (v.GetExpirationDate() > now).toString() + " " + a.GetName() + " " + (v.GetLikelyQuoteAlternativeId() == a.GetQuoteAlternativeId()).toString());
printLine(qa.GetQuoteFromSaleId(2).GetFavoriteQuoteAlternative().GetName() + " " + q.GetQuoteConnectionId().toString());`),
    ).toBe('3 1 2 true Basic service true\nBasic service 1\n');
    expect(error('NSQuoteAgent qa; qa.CreateAndSaveQuote(1, 1, "Again");')).toBe('NSQuoteAgent.CreateAndSaveQuote: sale 1 already has a quote (id 1); a sale has one quote at most');
    expect(error('NSQuoteAgent qa; qa.CreateAndSaveQuote(2, 7, "A");')).toBe('NSQuoteAgent.CreateAndSaveQuote: there is no quote connection with id 7');
  });

  it('CreateAndSaveQuoteVersion copies a version with its alternatives and lines into the next rank, the active one, archiving the others', () => {
    expect(
      run(`NSQuoteAgent qa;
NSQuoteVersion n = qa.CreateAndSaveQuoteVersion(2);
NSQuoteAlternative[] alts = n.GetQuoteAlternatives();
printLine(n.GetRank().toString() + " " + n.GetState().toString() + " " + alts.length().toString() + " " + qa.GetQuoteAlternative(n.GetLikelyQuoteAlternativeId()).GetName() + " " + qa.GetQuoteLines(alts[1].GetQuoteAlternativeId()).length().toString() + " " + alts[1].GetTotalPrice().toString(2));
printLine((qa.GetQuote(1).GetActiveQuoteVersionId() == n.GetQuoteVersionId()).toString() + " " + qa.GetQuoteLines(3).length().toString() + " " + n.GetSentDate().toString() + "|");
${versions('1')}`),
    ).toBe('3 2 2 Tablets, mounts and management 3 52000.00\ntrue 3 |\n1 7 6 First proposal\n2 7 1 Revised after the meeting\n3 2 0 Revised after the meeting\n');
    // an archived version can be the source (to place an order for it again)
    expect(run(`NSQuoteAgent qa;\nprintLine(qa.CreateAndSaveQuoteVersion(1).GetQuoteAlternatives()[0].GetName());`)).toBe('Tablets with wall mounts\n');
    expect(error('NSQuoteAgent qa; qa.CreateAndSaveQuoteVersion(42);')).toBe('NSQuoteAgent.CreateAndSaveQuoteVersion: there is no quote version with id 42');
  });

  it('SaveQuoteVersion stores the version and the alternatives it carries', () => {
    expect(
      run(`NSQuoteAgent qa;
NSQuoteVersion v = qa.GetQuoteVersion(3);
v.SetExpirationDate(v.GetExpirationDate().addDay(7));
NSQuoteAlternative[] alts = v.GetQuoteAlternatives();
NSQuoteAlternative extra = qa.CreateDefaultQuoteAlternative();
extra.SetName("Three access points");
alts.pushBack(extra);
v.SetQuoteAlternatives(alts);
v = qa.SaveQuoteVersion(v);
printLine(v.GetExpirationDate().toString() + " " + qa.GetQuoteAlternatives(3).length().toString() + " " + qa.GetQuoteAlternatives(3)[1].GetName());`),
    ).toBe('2025-06-07 00:00:00 2 Three access points\n');
    expect(error('NSQuoteAgent qa; NSQuoteVersion v; v.SetQuoteId(9); qa.SaveQuoteVersion(v);')).toBe('NSQuoteAgent.SaveQuoteVersion: there is no quote with id 9');
    expect(error('NSQuoteAgent qa; qa.CreateQuoteAlternative(77, "A", "");')).toBe('NSQuoteAgent.CreateQuoteAlternative: there is no quote version with id 77');
  });

  it('CreateAndSaveQuoteFromSale copies the quote with its active version; DeleteQuote takes versions, alternatives and lines along', () => {
    expect(
      run(`NSQuoteAgent qa;
NSQuoteEntity q = qa.CreateAndSaveQuoteFromSale(1, 2);
NSQuote c = qa.GetQuote(q.GetQuoteId());
printLine(c.GetSaleId().toString() + " " + c.GetActiveQuoteVersion().GetRank().toString() + " " + c.GetActiveQuoteVersion().GetQuoteAlternatives().length().toString() + " " + c.GetFavoriteQuoteAlternative().GetTotalPrice().toString(2) + " " + c.GetDocumentId().toString());
qa.DeleteQuote(1);
printLine(qa.GetQuoteVersions(1).length().toString() + " " + qa.GetQuoteAlternative(3).GetQuoteAlternativeId().toString() + " " + qa.GetQuoteLine(5).GetQuoteLineId().toString() + " " + qa.GetQuoteLines(c.GetFavoriteQuoteAlternative().GetQuoteAlternativeId()).length().toString());`),
    ).toBe('2 1 2 52000.00 0\n0 0 0 3\n');
    expect(error('NSQuoteAgent qa; qa.CreateAndSaveQuoteFromSale(1, 5);')).toBe('NSQuoteAgent.CreateAndSaveQuoteFromSale: sale 5 already has a quote (id 2); a sale has one quote at most');
  });

  it('price lists by connection, currency (ISO code or id) and validity; a new one is in the base currency', () => {
    expect(
      run(`NSQuoteAgent qa;
NSPriceList p = qa.GetPriceList(1);
printLine(p.GetName() + " " + p.GetCurrency() + " " + p.GetCurrencyName() + " " + p.GetERPPriceListKey() + " " + p.GetValidFrom().toString() + " [" + p.GetValidTo().toString() + "]");
${names('qa.GetActivePriceLists(1, "nok")')}
${names('qa.GetAllPriceLists(1, "NOK")')}
${names('qa.GetActivePriceListsByCurrencyId(1, 2)')}
${names('qa.GetAllPriceListsByCurrencyId(1, 0)')}
${names('qa.GetActivePriceLists(1, "USD")')}
NSPriceList n = qa.CreateDefaultPriceList();
n.SetName("gardening tools fall 2020");
n = qa.SavePriceList(n);
printLine(n.GetCurrency() + " " + (n.GetERPPriceListKey() == n.GetPriceListId().toString()).toString() + " " + n.GetIsActive().toString());
${names('qa.GetActivePriceLists(1, "NOK")')}`),
    ).toBe(
      'Standard 2025 NOK Norwegian krone 1 2025-01-01 00:00:00 []\nStandard 2025|\nStandard 2025|Standard 2024|\nExport 2025|\nStandard 2025|Standard 2024|Export 2025|\n\nNOK true true\nStandard 2025|gardening tools fall 2020|\n',
    );
    expect(error('NSQuoteAgent qa; qa.GetActivePriceLists(5, "NOK");')).toBe('NSQuoteAgent.GetActivePriceLists: there is no quote connection with id 5');
    expect(error('NSQuoteAgent qa; NSPriceList p = qa.CreateDefaultPriceList(); p.SetCurrency("XYZ"); qa.SavePriceList(p);')).toBe('NSQuoteAgent.SavePriceList: there is no currency with ISO code "XYZ"');
  });

  it('products: by ERP key and id, saved into a price list by its key, deleted (out of the assortment) or removed; a list copied in another currency', () => {
    expect(
      run(`NSQuoteAgent qa;
NSProduct p = qa.GetProduct(1, "3");
printLine(p.GetName() + " " + p.GetCode() + " " + p.GetIsSubscription().toString() + " " + p.GetSubscriptionUnit() + " " + p.GetERPPriceListKey() + " " + p.GetUnitListPrice().toString(2) + " " + p.GetVAT().toString(0) + " " + qa.GetProduct(1, "NOPE").GetProductId().toString());
NSProduct n = qa.CreateDefaultProduct();
n.SetName("bulb planter");
n.SetERPPriceListKey("3");
n = qa.SaveProduct(n);
printLine((n.GetERPProductKey() == n.GetProductId().toString()).toString() + " " + n.GetERPPriceListKey() + " " + qa.GetProductFromDbId(n.GetProductId()).GetName() + " " + n.GetInAssortment().toString());
qa.DeleteProduct(2);
printLine(qa.GetProductFromDbId(2).GetName() + " " + qa.GetProductFromDbId(2).GetInAssortment().toString() + " " + qa.FindProduct(2, "t10", "1").length().toString());
qa.ToggleProductInAssortment(2);
qa.RemoveProduct(5);
printLine(qa.GetProductFromDbId(2).GetInAssortment().toString() + " " + qa.GetProductFromDbId(5).GetProductId().toString());
NSPriceList c = qa.CopySuperOfficePriceList(1, "Export copy", qa.GetPriceList(1).GetValidFrom(), qa.GetPriceList(1).GetValidTo(), 2, true);
NSProduct[] copied = qa.FindProduct(2, "T10", c.GetERPPriceListKey());
printLine(c.GetCurrency() + " " + copied.length().toString() + " " + copied[0].GetUnitListPrice().toString(2) + " " + (copied[0].GetERPProductKey() == copied[0].GetProductId().toString()).toString());`),
    ).toBe('Tablet management licence LIC-MDM true month 1 25.00 25 0\ntrue 3 bulb planter true\nWall mount for T10 false 1\ntrue 0\nEUR 2 104.40 true\n');
    expect(error('NSQuoteAgent qa; NSProduct n = qa.CreateDefaultProduct(); n.SetERPPriceListKey("5"); qa.SaveProduct(n);')).toBe('NSQuoteAgent.SaveProduct: there is no price list with key "5"');
    expect(error('NSQuoteAgent qa; qa.SaveProduct(qa.CreateDefaultProduct());')).toBe('NSQuoteAgent.SaveProduct: the price list the product is in (SetERPPriceListKey) is required');
  });

  it("quote lines made from products; the alternative's sums follow its lines", () => {
    expect(
      run(`NSQuoteAgent qa;
NSQuoteLine l = qa.CreateQuoteLine(4, "5");
l.SetQuantity(2.0);
l = qa.SaveQuoteLine(l);
NSQuoteAlternative a = qa.GetQuoteAlternative(4);
printLine(l.GetName() + " " + l.GetRank().toString() + " " + l.GetTotalPrice().toString(2) + " " + a.GetTotalPrice().toString(2) + " " + a.GetVAT().toString(2) + " " + a.GetEarningAmount().toString(2));
NSQuoteLine m = qa.CreateQuoteLineFromProduct(4, qa.GetProductFromDbId(3));
m.SetQuantity(10.0);
m.SetDiscountPercent(20.0);
m = qa.SaveQuoteLine(m);
printLine(m.GetERPProductKey() + " " + m.GetSubscriptionQuantity().toString(0) + " " + m.GetTotalPrice().toString(2) + " " + qa.GetQuoteAlternative(4).GetTotalPrice().toString(2));
qa.DeleteQuoteLine(l.GetQuoteLineId());
qa.DeleteQuoteLine(m.GetQuoteLineId());
printLine(qa.GetQuoteAlternative(4).GetTotalPrice().toString(2));`),
    ).toBe('Installation 3 1900.00 12400.00 3100.00 5400.00\n3 12 200.00 12600.00\n10500.00\n');
  });

  it('connections: installed and available ones, with their price lists; deleted and restored', () => {
    expect(
      run(`NSQuoteAgent qa;
NSQuoteConnection c = qa.GetConnection(1);
printLine(c.GetDisplayName() + " " + c.GetERPName() + " " + c.GetAllAccess().toString() + " " + c.GetIsAvailable().toString());
printLine(qa.GetAllAvailableQuoteConnectionsWithPriceLists()[0].GetPriceLists().length().toString() + " " + qa.GetAllAvailableQuoteConnections()[0].GetPriceLists().length().toString());
qa.DeleteConnection(1);
printLine(qa.GetAllInstalledQuoteConnections().length().toString() + " " + qa.GetConnection(1).GetDeleted().toString());
qa.RestoreConnection(1);
printLine(qa.GetAllInstalledQuoteConnections().length().toString());`),
    ).toBe('SuperOffice SuperOffice true true\n3 0\n0 true\n1\n');
  });

  it("a version's billing and shipping addresses: the company's postal and street address until it has its own", () => {
    const first = (a: string): string => `${a}.GetLocalizedAddress()[0][0].GetName() + "[" + ${a}.GetLocalizedAddress()[0][0].GetValue() + "]"`;
    expect(
      run(`NSContactAgent ca;
NSAddress[] a = ca.GetQuoteVersionAddresses(2);
printLine(${first('a[0]')} + " " + ${first('a[1]')} + " " + a[1].GetLocalizedAddress()[3][1].GetValue());
NSAddress own = a[0];
NSLocalizedField[][] rows = own.GetLocalizedAddress();
rows[0][0].SetValue("Invoice department");
rows[3][1].SetValue("Oslo");
own.SetLocalizedAddress(rows);
NSAddress saved = ca.SaveQuoteVersionAddress(2, own, 8196, 0);
a = ca.GetQuoteVersionAddresses(2);
NSQuoteAgent qa;
printLine(saved.GetLocalizedAddress()[3][1].GetValue() + " " + ${first('a[0]')} + " " + qa.GetQuoteVersion(2).GetHasOwnInvoiceAddress().toString() + " " + qa.GetQuoteVersion(2).GetHasOwnDeliveryAddress().toString() + " " + ${first('ca.GetQuoteVersionAddresses(1)[0]')});`),
    ).toBe('PostalAddress1[] StreetAddress1[Fjordgata 7] Bergen\nOslo PostalAddress1[Invoice department] true false PostalAddress1[]\n');
    expect(error('NSContactAgent ca; ca.SaveQuoteVersionAddress(2, ca.GetQuoteVersionAddresses(2)[0], 1, 0);')).toBe(
      'NSContactAgent.SaveQuoteVersionAddress: the address type is 1, not QuoteBillingAddress (8196) or QuoteShippingAddress (8197)',
    );
  });

  it('NSListAgent and NSMDOAgent have the product categories, families and types', () => {
    expect(
      run(`NSListAgent la;
printLine(la.GetProductCategory(2).GetValue() + " " + la.GetProductFamilies().length().toString() + " " + la.GetProductTypes()[2].GetValue() + " " + la.GetProductType(1).GetTooltip());
NSMDOAgent m;
NSMDOListItem[] l = m.GetList("productfamily", true, "", false);
printLine(l[0].GetName() + " " + l.length().toString());`),
    ).toBe('Software 4 Service Sold by the piece\nTablets 4\n');
  });
});

describe('quote errors through the CLI', () => {
  it('read file:line:col', async () => {
    const dir = tempDir('crm-quotes-cli-');
    const script = join(dir, 'bad.crm');
    writeFileSync(script, 'NSQuoteAgent qa;\nInteger id = 12;\nNSQuoteVersion v = qa.CreateAndSaveQuoteVersion(id);\n', 'utf8');
    const r = await cliProcess(['run', '--rollback', script], { dir });
    expect(r.err).toContain(`${script}:3:23: error: NSQuoteAgent.CreateAndSaveQuoteVersion: there is no quote version with id 12`);
  });
});

/** Drops the tables an older build lacked; its demo data had no quotes. */
const OLDER = [...QUOTE_TABLES.map((t) => `DROP TABLE "${t}"`), 'DELETE FROM "QuoteLine"', 'DELETE FROM "QuoteAlternative"', 'DELETE FROM "Quote"'];

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  async function smoke(sql: string[]): Promise<string> {
    const file = await olderSqliteSandbox('crm-quotes-old-', [...OLDER, ...sql, 'PRAGMA user_version = 10'].join('; '));
    const driver = await openDriver(file);
    try {
      const r = runWithCrm({ dir: '', driver, crm: serviceOver(driver, { rollback: true }) }, `${QUOTE_SMOKE}\n${query('Quote', ['quote_id', 'SaleId', 'ActiveQuoteVersionId'])}`);
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      return r.output;
    } finally {
      driver.close();
    }
  }

  it('gains the tables, the demo price lists and products, and the demo quotes when it had none', async () => {
    expect(await smoke([])).toBe(`${QUOTE_SMOKE_OUT}1 1 2\n2 5 3\n`);
  });

  it('a sandbox with quotes of its own keeps them as they are and gets no demo quotes', async () => {
    const out = await smoke(['INSERT INTO "Quote" ("quote_id", "SaleId", "QuoteConnectionId") VALUES (1, 3, 0)']);
    expect(out).toBe('0  0.00\nStandard 2025|\n1 3 0\n');
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it('gains the tables and the demo rows when a process of this build opens it', async () => {
    const { url, admin } = await olderPgSandbox(
      [`DROP TABLE ${QUOTE_TABLES.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`, 'DELETE FROM crm.quoteline; DELETE FROM crm.quotealternative; DELETE FROM crm.quote'],
      9,
    );
    try {
      // a new version's key comes after the demo's
      const out = await runFileOn(url, 'crm-quotes-pg-', `${QUOTE_SMOKE}\nprintLine(qa.CreateAndSaveQuoteVersion(3).GetQuoteVersionId().toString());`, ['--rollback']);
      expect(out).toBe(`${QUOTE_SMOKE_OUT}4\n`);
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
    } finally {
      await admin.end();
    }
  }, 60_000);
});
