// NSMarketingAgent on every CRM backend (SQLite, and PostgreSQL when a test server is set): forms
// kept in SuperOffice's form table and their submissions (form_submission), shipment messages
// (s_message) and a user's message blocks (s_messageblock) — created with their defaults, read,
// changed, deleted, what a save refuses — and the methods that stay unavailable (mailing previews,
// reCAPTCHA). Every run rolls back.
import { afterAll, expect, it } from 'vitest';
import { describeBackends } from '../../crm/helpers.js';
import { cleanupTempDirs } from '../../common.js';
import { backendSandbox, ok } from './backend-runs.js';

afterAll(cleanupTempDirs);

describeBackends('NSMarketingAgent', (b) => {
  const run = backendSandbox(b, 'NSMarketingAgent a;');

  it('creates, reads, changes and deletes forms with their submissions', () => {
    const out = ok(
      run,
      `NSFormEntity f = a.CreateDefaultFormEntity();
printLine(f.GetFormId().toString() + " " + f.GetFolderId().toString() + " " + f.GetActive().toString() + " " + f.GetType().toString() + " " + f.GetRecaptchaMode().toString());
f.SetName("Newsletter signup");
f.SetDescription("Sign up for the newsletter");
f.SetFormKey("news01");
f.SetConfig("{\\"fields\\":[]}");
f.SetMaxSubmits(100);
f.SetNewTicket(true);
f.SetGroupId(2);
f = a.SaveFormEntity(f);
Integer id = f.GetFormId();
NSFormEntity g = a.GetFormEntity(id);
printLine((id > 0).toString() + " " + g.GetName() + " | " + g.GetDescription() + " | " + g.GetFormKey() + " " + g.GetConfig() + " " + g.GetMaxSubmits().toString() + " " + g.GetNewTicket().toString() + " " + g.GetGroupId().toString());
printLine(g.GetRegisteredAssociateId().toString() + " " + g.GetRegistered().isNull().toString() + " " + g.GetUpdatedCount().toString());
g.SetName("Newsletter");
g.SetActive(false);
g = a.SaveFormEntity(g);
printLine(a.GetFormEntity(id).GetName() + " " + a.GetFormEntity(id).GetActive().toString() + " " + g.GetUpdatedCount().toString() + " " + g.GetUpdatedAssociateId().toString());
NSFormSubmissionEntity s = a.CreateDefaultFormSubmissionEntity();
printLine(s.GetStatus().toString() + " " + s.GetWhenSubmitted().isNull().toString());
s.SetFormId(id);
s.SetPersonId(9);
s.SetContactId(2);
s.SetEmailAddress("visitor@example.com");
s.SetResponse("{\\"name\\":\\"Ola\\"}");
s = a.SaveFormSubmissionEntity(s);
Integer sid = s.GetFormSubmissionId();
NSFormSubmissionEntity t = a.GetFormSubmissionEntity(sid);
printLine((t.GetFormId() == id).toString() + " " + t.GetPersonId().toString() + " " + t.GetContactId().toString() + " " + t.GetEmailAddress() + " " + t.GetResponse() + " " + t.GetStatus().toString());
t.SetStatus(4);
t.SetProcessingLog("ticket made");
a.SaveFormSubmissionEntity(t);
printLine(a.GetFormSubmissionEntity(sid).GetStatus().toString() + " " + a.GetFormSubmissionEntity(sid).GetProcessingLog());
a.DeleteFormEntity(id);
printLine(a.GetFormEntity(id).GetFormId().toString() + " " + a.GetFormSubmissionEntity(sid).GetFormSubmissionId().toString());`,
    );
    expect(out).toBe(
      '0 -1 true 0 0\n' +
        'true Newsletter signup | Sign up for the newsletter | news01 {"fields":[]} 100 true 2\n' +
        '1 false 0\n' +
        'Newsletter false 1 1\n' +
        '3 false\n' +
        'true 9 2 visitor@example.com {"name":"Ola"} 3\n' +
        '4 ticket made\n' +
        '0 0\n',
    );
  });

  it('keeps shipment messages and the message blocks of each user', () => {
    const out = ok(
      run,
      `NSShipmentMessageEntity m = a.CreateDefaultShipmentMessageEntity();
printLine(m.GetShipmentMessageId().toString() + " " + m.GetFlags().toString() + " " + m.GetFolderId().toString() + " " + m.GetRegisterViews().toString());
m.SetSubject("Spring offers");
m.SetHtmlMessage("<p>Hello [[firstname]]</p>");
m.SetPlainMessage("Hello");
m.SetDescription("Spring campaign");
m.SetDesigntype(2);
m.SetDesign("{}");
m = a.SaveShipmentMessageEntity(m);
Integer id = m.GetShipmentMessageId();
NSShipmentMessageEntity n = a.GetShipmentMessageEntity(id);
printLine(n.GetSubject() + " | " + n.GetHtmlMessage() + " | " + n.GetPlainMessage() + " | " + n.GetDescription() + " " + n.GetDesigntype().toString() + " " + n.GetRegisteredAssociateId().toString());
n.SetSubject("Summer offers");
n.SetFlags(5);
a.SaveShipmentMessageEntity(n);
printLine(a.GetShipmentMessageEntity(id).GetSubject() + " " + a.GetShipmentMessageEntity(id).GetFlags().toString());
a.DeleteShipmentMessageEntity(id);
printLine(a.GetShipmentMessageEntity(id).GetShipmentMessageId().toString());
NSShipmentMessageBlockEntity b = a.CreateDefaultShipmentMessageBlockEntity();
printLine(b.GetAssociateId().toString());
b.SetBlock("{\\"type\\":\\"footer\\"}");
b = a.SaveShipmentMessageBlockEntity(b);
NSShipmentMessageBlockEntity c = a.CreateDefaultShipmentMessageBlockEntity();
c.SetAssociateId(2);
c.SetBlock("bob's");
c = a.SaveShipmentMessageBlockEntity(c);
printLine(a.GetUserBlocks(0).length().toString() + " " + a.GetUserBlocks(1)[0].GetBlock() + " " + a.GetUserBlocks(2)[0].GetBlock() + " " + a.GetUserBlocks(3).length().toString());
a.DeleteShipmentMessageBlockEntity(b.GetShipmentMessageBlockId());
printLine(a.GetUserBlocks(1).length().toString() + " " + a.GetShipmentMessageBlockEntity(c.GetShipmentMessageBlockId()).GetBlock());`,
    );
    expect(out).toBe(
      '0 1 -1 true\n' +
        'Spring offers | <p>Hello [[firstname]]</p> | Hello | Spring campaign 2 1\n' +
        'Summer offers 5\n' +
        '0\n' +
        '1\n' +
        '1 {"type":"footer"} bob\'s 0\n' +
        "0 bob's\n",
    );
  });

  it('refuses what it cannot store and fails clearly where the sandbox has nothing to work with', () => {
    const out = ok(
      run,
      `NSFormEntity f = a.CreateDefaultFormEntity();
try { a.SaveFormEntity(f); } catch { printLine(error); }
f.SetName("One");
f.SetFormKey("k1");
a.SaveFormEntity(f);
NSFormEntity g = a.CreateDefaultFormEntity();
g.SetName("Two");
g.SetFormKey("k1");
try { a.SaveFormEntity(g); } catch { printLine(error); }
g.SetFormKey("k2");
g.SetScriptId(999);
try { a.SaveFormEntity(g); } catch { printLine(error); }
NSFormSubmissionEntity s = a.CreateDefaultFormSubmissionEntity();
try { a.SaveFormSubmissionEntity(s); } catch { printLine(error); }
s.SetFormId(999);
try { a.SaveFormSubmissionEntity(s); } catch { printLine(error); }
NSShipmentMessageBlockEntity b = a.CreateDefaultShipmentMessageBlockEntity();
b.SetAssociateId(999);
try { a.SaveShipmentMessageBlockEntity(b); } catch { printLine(error); }
try { a.GetPreviewMailing(1); } catch { printLine(error); }
try { a.GetPreviewMailingHeader(1); } catch { printLine(error); }
try { a.VerifyGoogleRecaptcha("token", ""); } catch { printLine(error); }`,
    );
    expect(out).toBe(
      'NSMarketingAgent.SaveFormEntity: the form name (SetName) is required\n' +
        'NSMarketingAgent.SaveFormEntity: the form key "k1" is taken by another form\n' +
        'NSMarketingAgent.SaveFormEntity: ScriptId 999 does not exist (there is no ejscript row with that id)\n' +
        'NSMarketingAgent.SaveFormSubmissionEntity: the form is required (SetFormId)\n' +
        'NSMarketingAgent.SaveFormSubmissionEntity: FormId 999 does not exist (there is no form row with that id)\n' +
        'NSMarketingAgent.SaveShipmentMessageBlockEntity: AssociateId 999 does not exist (there is no associate row with that id)\n' +
        'NSMarketingAgent.GetPreviewMailing: the sandbox CRM sends no mailings: it has no shipments or shipment addresses (s_shipment, s_shipment_addr) to preview\n' +
        'NSMarketingAgent.GetPreviewMailingHeader: the sandbox CRM sends no mailings: it has no shipments or shipment addresses (s_shipment, s_shipment_addr) to preview\n' +
        "NSMarketingAgent.VerifyGoogleRecaptcha: the sandbox CRM cannot verify reCAPTCHA tokens (that needs Google's reCAPTCHA service)\n",
    );
  });
});
