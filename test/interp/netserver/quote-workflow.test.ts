// NSQuoteAgent's quote version workflow, documents, sending, orders and images on every CRM
// backend (SQLite, and PostgreSQL when a test server is set): validating against the sale type's
// rules, approving and rejecting, the dialog's state and buttons, version numbers, recalculating
// and updating prices, the connector's lists, quote documents made from templates with the lines
// filled in, a quote mailed through the run's outbox with its documents attached, orders and their
// state and confirmation, line and product images, and the methods that fail saying what the
// sandbox lacks. The sandbox's quote templates are set up once (demo templates 3 and 4 made the
// quote mail body and quote lines templates); every program runs rolled back.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext, type OutgoingMail } from '../../../src/interp/runtime/context.js';
import { commandDriverOptions, openDriver, serviceOver } from '../../../src/crm/open.js';
import type { CrmDriver } from '../../../src/crm/driver.js';
import { describeBackends } from '../../crm/helpers.js';
import { cleanupTempDirs } from '../../common.js';

afterAll(cleanupTempDirs);

const PRELUDE = `NSQuoteAgent qa;
NSDocumentAgent da;
NSStream stream(String s) { NSStream st; st.SetStream(s.toByteArray()); return st; }
`;

const LINES = 'Quote {quote.number} for {name}\n{quote.lines}- {line.name} x {line.quantity} = {line.total}\n{/quote.lines}Total {quote.total}\n';

interface Result {
  out: string;
  error: string | null;
  outbox: OutgoingMail[];
}

describeBackends('NSQuoteAgent quote workflow', (b) => {
  let driver: CrmDriver;
  beforeAll(async () => {
    const place = await b.fresh();
    driver = await openDriver(place.url ?? join(place.dir, 'crm.sqlite'), commandDriverOptions(true));
    // template 3 (mail.htm) is the quote mail body, template 4 (letter.txt) the quote lines; the types of sales 1 and 5 allow 10% discount and have template 4 as their quote lines template
    const crm = serviceOver(driver);
    crm.update('DocTmpl', 3, { quoteDocType: 1, emailSubject: 'Our quote {quote.number}' });
    crm.update('DocTmpl', 4, { quoteDocType: 3 });
    const types = [1, 5].map((sale) => Number(crm.get('sale', sale)?.saleType_id ?? 0));
    for (const type of types) crm.update('SaleType', type, { quoteLinesTemplate: 4, maxDiscountPercentSet: 1, maxDiscountPercent: 10 });
    expect(Math.min(...types)).toBeGreaterThan(0);
    crm.finish();
  });
  afterAll(() => driver.close());

  const run = (source: string): Result => {
    const c = compileScript({ source: `${PRELUDE}\n${source}`, file: 't.crm' });
    if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
    const crm = serviceOver(driver, { rollback: true });
    let out = '';
    const ctx = newRunContext({ out: (s) => (out += s), crm });
    const r = execute(c.compiled, ctx);
    crm.finish();
    return { out, error: r.error?.message ?? null, outbox: ctx.outbox };
  };
  const ok = (source: string): string => {
    const r = run(source);
    expect(r.error).toBeNull();
    return r.out;
  };

  it('validates a draft, asks approval for a discount above the sale type\'s maximum, and approves or rejects it', () => {
    const out = ok(`NSQuoteVersionValidated r = qa.ValidateQuoteVersion(3, 1);
printLine(r.GetIsOk().toString() + " " + r.GetChangedQuoteVersion().GetState().toString());
NSQuoteAlternative alt = qa.GetQuoteAlternatives(3)[0];
alt.SetDiscountPercent(15);
qa.SaveQuoteAlternative(alt);
r = qa.ValidateQuoteVersion(3, 1);
printLine(r.GetIsOk().toString() + " " + r.GetChangedQuoteVersion().GetState().toString() + " " + r.GetUserExplanation());
NSQuoteVersionStatusInformation info = qa.GetQuoteVersionWorkflowStatusInfo(3);
printLine(info.GetStatus().toString() + " " + info.GetIconHint());
NSQuoteVersionWorkflowState w = qa.GetQuoteVersionWorkflowState(3, 0);
String s;
foreach (NSQuoteVersionButtonState bs in w.GetActionButtons()) if (bs.GetEnabled()) s += bs.GetDisplayText() + ";";
printLine(w.GetStateImage().GetDisplayText() + " " + s);
NSApproveRejectResponse a = qa.ApproveQuoteVersion(3, "Ada", 0, "fine by me");
NSQuoteVersion v = qa.GetQuoteVersion(3);
printLine(a.GetPluginResponse().GetIsOk().toString() + " " + v.GetState().toString() + " " + v.GetApprovedText() + " " + v.GetApprovedBy().toString());
printLine(qa.ValidateQuoteVersion(3, 1).GetChangedQuoteVersion().GetState().toString());`);
    const lines = out.split('\n');
    expect(lines[0]).toBe('true 1');
    expect(lines[1]).toMatch(/^true 3 needs approval: .*discount 15\.00% is more than the sale type allows \(10%\)/);
    expect(lines[2]).toBe('2 warning');
    expect(lines[3]).toBe('DraftNeedsApproval Validate;Approve;Reject;Copy version;');
    expect(lines[4]).toMatch(/^true 4 fine by me \d+$/);
    expect(lines[5]).toBe('4');
    const rejected = ok(`NSQuoteAlternative alt = qa.GetQuoteAlternatives(3)[0];
alt.SetDiscountPercent(15);
qa.SaveQuoteAlternative(alt);
qa.ValidateQuoteVersion(3, 1);
qa.RejectQuoteVersion(3, "Ada", 0, "too cheap");
printLine(qa.GetQuoteVersion(3).GetState().toString());`);
    expect(rejected).toBe('5\n');
  });

  it('keeps a version with a line without quantity DraftNotCalculated, with the line\'s error as its status', () => {
    const out = ok(`NSQuoteLine l = qa.GetQuoteLines(qa.GetQuoteAlternatives(3)[0].GetQuoteAlternativeId())[0];
l.SetQuantity(0);
qa.SaveQuoteLine(l);
NSQuoteVersionValidated r = qa.ValidateQuoteVersion(3, 1);
printLine(r.GetIsOk().toString() + " " + r.GetErrorCode() + " " + r.GetChangedQuoteVersion().GetState().toString());
printLine(qa.GetQuoteLine(l.GetQuoteLineId()).GetStatus().toString() + " " + qa.GetQuoteLine(l.GetQuoteLineId()).GetReason());
printLine(qa.GetQuoteVersionWorkflowImageState(3).GetDisplayText() + " " + qa.GetQuoteVersionWorkflowStatusInfo(3).GetIconHint());`);
    expect(out).toBe('false QuoteLineError 2\n3 the quantity must be more than 0\nDraftNotCalculated error\n');
  });

  it('saves a quote with its active version', () => {
    expect(ok('NSQuote q = qa.GetQuote(2); q.SetPoNumber("PO-9"); q.GetActiveQuoteVersion().SetDescription("Second try"); q = qa.SaveQuote(q); printLine(q.GetPoNumber() + " " + qa.GetQuoteVersion(3).GetDescription());')).toBe('PO-9 Second try\n');
  });

  it('refuses to approve a version that does not need it, and keeps a sent version as it is', () => {
    expect(run('qa.ApproveQuoteVersion(3, "Ada", 0, "x");').error).toBe('NSQuoteAgent.ApproveQuoteVersion: quote version 3 is DraftNotCalculated: only a version that needs approval (DraftNeedsApproval) can be approved');
    expect(ok('NSSaleAgent sa; Float before = sa.GetSaleEntity(1).GetAmount(); printLine(qa.ValidateQuoteVersion(1, 1).GetUserExplanation() + " " + (sa.GetSaleEntity(1).GetAmount() == before).toString());')).toBe('quote version 1 is Archived and is not changed true\n');
  });

  it('saves a version number only when no other quote has it', () => {
    expect(ok('printLine(qa.SaveQuoteVersionNumber(3, "Q-2000").toString() + " " + qa.SaveQuoteVersionNumber(3, "Q-1001").toString() + " " + qa.GetQuoteVersion(3).GetNumber());')).toBe('true false Q-2000\n');
  });

  it('updates a version\'s prices from the price list and recalculates an alternative', () => {
    const out = ok(`NSQuoteLine l = qa.GetQuoteLines(qa.GetQuoteAlternatives(3)[0].GetQuoteAlternativeId())[0];
l.SetUnitListPrice(1);
qa.SaveQuoteLine(l);
NSQuoteVersionValidated r = qa.UpdateQuoteVersionPrices(3);
printLine(qa.GetQuoteLine(l.GetQuoteLineId()).GetUnitListPrice().toString(2) + " " + r.GetIsOk().toString());
NSQuoteAlternativeRecalculated rc = qa.RecalculateQuoteAlternative(l.GetQuoteAlternativeId());
printLine(rc.GetQuoteLinesHasChanged().toString() + " " + rc.GetChangedQuoteAlternative().GetName());`);
    expect(out).toMatch(/^\d+\.00 true\nfalse .+\n$/);
    expect(out.startsWith('1.00')).toBe(false);
  });

  it('gives the connector\'s lists from the sandbox\'s list tables', () => {
    expect(ok('NSQuoteListItem[] l = qa.GetQuoteList("ProductType"); printLine(l.length().toString() + " " + l[0].GetERPQuoteListItemKey() + " " + l[0].GetDisplayValue() + " " + qa.GetQuoteList("Nonsense").length().toString());')).toBe('3 1 Item 0\n');
  });

  it('generates the quote documents with the lines filled in', () => {
    const out = ok(`da.SaveDocumentTemplateStream(4, stream("${LINES.replace(/\n/g, '\\n')}"), "", 0);
NSQuotePublishDocuments d = qa.GenerateQuoteDocuments(2, 3, true, 0, false, "Proposal {quote.number} for {name}");
printLine(d.GetQuoteDocumentId().toString() + " " + d.GetMailSubject() + " / " + d.GetToEmail() + " / " + d.GetToFullName());
printLine(String(da.GetDocumentStream(d.GetQuotedProductsId())));
printLine(da.GetDocumentEntity(d.GetQuotedProductsId()).GetSale().GetSaleId().toString());`);
    expect(out).toBe(
      '1 Proposal Q-1001 for Blue Fjord Hotels / ingrid@bluefjord.example / Ingrid Lie\n' +
        'Quote Q-1001 for Blue Fjord Hotels\n- Guest-room tablet T10 x 40 = 45600.00\n- Wall mount for T10 x 40 = 5400.00\n- Tablet management licence x 40 = 1000.00\nTotal 52000.00\n\n1\n',
    );
  });

  it('sends a validated version by mail with its documents attached, and it becomes Sent', () => {
    const r = run(`da.SaveDocumentTemplateStream(4, stream("${LINES.replace(/\n/g, '\\n')}"), "", 0);
NSQuoteVersionValidated v = qa.ValidateQuoteVersion(3, 1);
DateTime none;
DateTime when = String("2031-05-02 10:00:00").toDateTime();
NSPluginUrlResponse s = qa.SendQuoteVersion(3, when, when, "Call Ingrid", "");
NSQuoteVersion sent = qa.GetQuoteVersion(3);
printLine(s.GetIsOk().toString() + " " + s.GetUserExplanation() + " " + sent.GetState().toString());
printLine(qa.SendQuoteVersion(3, none, none, "", "").GetIsOk().toString());
NSAppointmentAgent aa;
NSAppointmentEntity f = aa.GetAppointmentEntity(sent.GetFollowupId());
printLine(f.GetDescription() + " " + f.GetSale().GetSaleId().toString() + " " + sent.GetExpirationDate().toString());`);
    expect(r.error).toBeNull();
    const [first, second, third] = r.out.split('\n');
    expect(first).toMatch(/^true sent to \S+@\S+ 6$/);
    expect(second).toBe('false');
    expect(third).toMatch(/^Call Ingrid 5 2031-05-02/);
    expect(r.outbox).toHaveLength(1);
    const mail = r.outbox[0]!;
    expect(mail.subject).toMatch(/^Our quote /);
    expect(mail.html).toContain('<p>Hi ');
    expect(mail.attachments?.map((a) => a.name).some((n) => n.startsWith('quoted-products-'))).toBe(true);
    const lines = mail.attachments!.find((a) => a.name.startsWith('quoted-products-'))!;
    expect(Buffer.from(lines.base64, 'base64').toString('utf8')).toContain(' x ');
  });

  it('places an order, tells its state and makes the confirmation from the template', () => {
    const out = ok(`da.SaveDocumentTemplateStream(4, stream("Confirmed {quote.po}: {quote.lines}{line.code};{/quote.lines}"), "", 0);
printLine(qa.GetOrderState(2).GetIsOk().toString());
NSPluginUrlResponse o = qa.PlaceOrder(2, true, "PO-7", "asap", "");
printLine(o.GetIsOk().toString() + " " + qa.GetQuoteVersion(2).GetState().toString() + " " + qa.GetQuoteEntity(1).GetPoNumber() + " " + qa.GetQuoteEntity(1).GetAcceptedQuoteAlternativeId().toString());
printLine(qa.GetOrderState(2).GetUserExplanation());
printLine(String(decodeBase64(qa.GetOrderConfirmation(2, 4))));
NSSaleAgent sa;
printLine(sa.GetSaleEntity(1).GetStatus().toString());`);
    expect(out).toBe('false\ntrue 9 PO-7 2\nordered: Tablets with wall mounts, PO PO-7, Sold\nConfirmed PO-7: TAB-T10;MNT-T10;\n2\n');
    expect(run('qa.PlaceOrder(1, true, "", "", "");').error).toMatch(/^NSQuoteAgent\.PlaceOrder: quote version 1 is not the quote's active version/);
  });

  it('keeps quote line images by rank and shows the product\'s when a line has none', () => {
    const out = ok(`NSImage img;
Byte[] bytes; bytes.pushBack(137); bytes.pushBack(80); bytes.pushBack(78); bytes.pushBack(71);
img.SetImage(bytes);
qa.SaveQuoteLineImage(1, img, 2);
NSBLOBAgent ba;
ba.SetProductImage(1, img);
printLine(qa.GetQuoteLineImage(1, 2).GetImage().length().toString() + " " + qa.GetQuoteLineImage(1, 1).GetImage().length().toString() + " " + qa.GetProductImage(1, "1", 1) + " [" + qa.GetProductImage(1, "2", 1) + "]");
NSImage none;
qa.SaveQuoteLineImage(1, none, 2);
printLine(qa.GetQuoteLineImage(2, 2).GetImage().length().toString());`);
    expect(out).toBe('4 4 iVBORw== []\n0\n');
  });

  it('fails clearly where the sandbox has no meaning to give', () => {
    expect(run('qa.GetExtraInfo("<x/>");').error).toBe('NSQuoteAgent.GetExtraInfo: extra info is XML in an ERP connector\'s own format, and the sandbox has no ERP connector');
    expect(run('qa.GetConnectorCapabilities(1);').error).toMatch(/GetConnectorCapabilities.*not available/);
    expect(run('qa.GenerateQuoteDocuments(2, 1, true, 0, false, "x");').error).toMatch(/document template 1 \(quote\.docx\) has no file in the sandbox's document archive/);
  });
});
