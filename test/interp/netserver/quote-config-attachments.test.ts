// NSQuoteAgent's quote line configurations and quote attachments on every CRM backend (SQLite,
// and PostgreSQL when a test server is set): the demo's configuration of the quote line fields
// and its rules (none added, read-only fields stay read-only, fields that must show stay in use),
// sale type attachments and a version's attachments following them, included in the quote
// documents; and a sandbox made by an older build (SQLite schema 20, PostgreSQL 19) gaining the
// tables with the demo's configuration and quote templates. Every run rolls back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlite } from '../../../src/crm/sqlite/engine.js';
import { PG_CRM_VERSION } from '../../../src/crm/pg/ddl.js';
import { QUOTE_CONFIG_TABLES } from '../../../src/crm/quote-config-migration.js';
import { describeBackends, olderPgSandbox, runFileOn } from '../../crm/helpers.js';
import { pgOnlyDescribe } from '../../store/backends.js';
import { cleanupTempDirs, requireBuiltCli } from '../../common.js';
import { backendSandbox, ok, olderSqliteOutput } from './backend-runs.js';

afterAll(cleanupTempDirs);

const SMOKE = `NSQuoteAgent qa;
NSQuoteLineConfiguration[] c = qa.GetInUseQuoteLineConfigurations();
printLine(qa.GetAllQuoteLineConfigurations().length().toString() + " " + c.length().toString() + " " + c[0].GetFieldName() + " " + c[0].GetLabel() + " " + qa.CreateOrUpdateQuoteVersionAttachments(3).length().toString());
NSQuotePublishDocuments d = qa.GenerateQuoteDocuments(3, 5, false, 0, false, "x");
NSDocumentAgent da;
printLine(String(da.GetDocumentStream(d.GetQuotedProductsId())).split("<td>")[1] + " " + d.GetMailBody().split("\\n")[3]);`;
const SMOKE_OUT = '16 11 Name Product 0\nAccess point AP-7</td> <p>Here is our quote Q-1002 for Blue Fjord Hotels: 10500.00 NOK, valid until 31.05.2025.</p>\n';
/** An older sandbox: without the tables, the quote templates and their files, its sale types without them. */
const OLDER_SQL = ['DELETE FROM "DocTmpl" WHERE "DocTmpl_id" >= 5', 'DELETE FROM "document_archive" WHERE "doctmpl_id" >= 5', 'UPDATE "SaleType" SET "quoteLinesTemplate" = NULL, "confirmationLinesTemplate" = NULL'];

describeBackends('NSQuoteAgent quote line configurations and attachments', (b) => {
  const run = backendSandbox(b, 'NSQuoteAgent qa;');

  it('reads the demo\'s configuration of the quote line fields', () => {
    expect(ok(run, SMOKE.replace('NSQuoteAgent qa;', ''))).toBe(SMOKE_OUT);
    expect(ok(run, 'NSQuoteLineConfiguration q = qa.GetQuoteLineConfigurationFromFieldName("quantity"); printLine(q.GetQuoteLineConfigurationId().toString() + " " + q.GetMandatory().toString() + " " + qa.GetQuoteLineConfiguration(q.GetQuoteLineConfigurationId()).GetTooltip() + " " + qa.GetQuoteLineConfigurationFromFieldName("Nope").GetQuoteLineConfigurationId().toString());')).toBe('4 true How many 0\n');
  });

  it('saves a configuration within its rules, and adds none', () => {
    expect(
      ok(
        run,
        `NSQuoteLineConfiguration d = qa.GetQuoteLineConfigurationFromFieldName("DiscountPercent");
d.SetInUse(false);
d.SetLabel("Rebate %");
d = qa.SaveQuoteLineConfiguration(d);
NSQuoteLineConfiguration[] two;
two.pushBack(qa.GetQuoteLineConfigurationFromFieldName("UnitCost"));
two[0].SetInUse(true);
two = qa.SaveQuoteLineConfigurations(two);
printLine(d.GetInUse().toString() + " " + d.GetLabel() + " " + two[0].GetInUse().toString() + " " + qa.GetInUseQuoteLineConfigurations().length().toString());`,
      ),
    ).toBe('false Rebate % true 11\n');
    const fails = (src: string): string | null => run(src).error;
    expect(fails('NSQuoteLineConfiguration c = qa.GetQuoteLineConfigurationFromFieldName("Code"); c.SetEditable(true); qa.SaveQuoteLineConfiguration(c);')).toBe('NSQuoteAgent.SaveQuoteLineConfiguration: Code is read-only: it cannot be made editable or mandatory');
    expect(fails('NSQuoteLineConfiguration c = qa.GetQuoteLineConfigurationFromFieldName("Name"); c.SetInUse(false); qa.SaveQuoteLineConfiguration(c);')).toBe('NSQuoteAgent.SaveQuoteLineConfiguration: Name cannot be hidden');
    expect(fails('NSQuoteLineConfiguration c; qa.SaveQuoteLineConfiguration(c);')).toMatch(/a new quote line configuration cannot be added/);
  });

  it('gives a version its sale type\'s attachments, included as the type says, and sends the included ones', () => {
    const out = ok(
      run,
      `NSSaleAgent sa;
Integer type = sa.GetSaleEntity(5).GetSaleType().GetId();
Integer a = qa.AddSaleTypeQuoteAttachment(type, 2);
Integer b = qa.AddSaleTypeQuoteAttachment(type, 1);
printLine((qa.AddSaleTypeQuoteAttachment(type, 2) == a).toString() + " " + qa.ToggleSaleTypeQuoteAttachmentDefaultIncluded(b).toString());
NSQuoteVersionAttachment[] v = qa.CreateOrUpdateQuoteVersionAttachments(3);
String s;
foreach (NSQuoteVersionAttachment x in v) s += x.GetDocumentId().toString() + ":" + x.GetIncluded().toString() + ";";
printLine(s);
printLine(qa.IncludeQuoteVersionAttachment(3, 1, true).toString());
NSQuotePublishDocuments d = qa.GenerateQuoteDocuments(3, 0, false, 0, true, "x");
Integer[] ids = d.GetQuoteAttachmentIds();
printLine(ids.length().toString());
qa.DeleteSaleTypeQuoteAttachment(a);
printLine(qa.CreateOrUpdateQuoteVersionAttachments(3).length().toString());`,
    );
    expect(out).toBe('true false\n2:true;1:false;\ntrue\n2\n1\n');
  });

  it('keeps a locked version\'s attachments', () => {
    const r = run('qa.IncludeQuoteVersionAttachment(1, 2, true);');
    expect(r.error).toBe('NSQuoteAgent.IncludeQuoteVersionAttachment: quote version 1 is Archived: only a draft version can be changed (CreateAndSaveQuoteVersion makes a new one)');
    expect(run('qa.ToggleQuoteVersionAttachmentIncluded(99);').error).toBe('NSQuoteAgent.ToggleQuoteVersionAttachmentIncluded: there is no quote version attachment with id 99');
  });
});

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  it("gains the quote configuration and attachment tables with the demo's configuration when opened", async () => {
    expect(await olderSqliteOutput('crm-quotecfg-old-', QUOTE_CONFIG_TABLES, OLDER_SQL, 20, SMOKE)).toBe(SMOKE_OUT);
  });

  it('gains them empty when it does not hold the demo data', async () => {
    const source = 'NSQuoteAgent qa;\nprintLine(qa.GetAllQuoteLineConfigurations().length().toString());';
    expect(await olderSqliteOutput('crm-quotecfg-empty-', QUOTE_CONFIG_TABLES, ['DELETE FROM config'], 20, source)).toBe('0\n');
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it("gains the quote configuration and attachment tables with the demo's configuration when a process of this build opens it", async () => {
    requireBuiltCli();
    const pgOlder = ['DELETE FROM crm."doctmpl" WHERE "doctmpl_id" >= 5', 'DELETE FROM crm."document_archive" WHERE "doctmpl_id" >= 5', 'UPDATE crm."saletype" SET "quotelinestemplate" = NULL, "confirmationlinestemplate" = NULL'];
    const { url, admin } = await olderPgSandbox([`DROP TABLE ${QUOTE_CONFIG_TABLES.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`, ...pgOlder], 19);
    try {
      expect(await runFileOn(url, 'crm-quotecfg-pg-', SMOKE, ['--rollback'])).toBe(SMOKE_OUT);
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
    } finally {
      await admin.end();
    }
  });
});
