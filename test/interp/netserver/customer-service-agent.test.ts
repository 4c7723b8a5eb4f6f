// NSCustomerServiceAgent over the sandbox CRM (SQLite, and PostgreSQL when CRMSCRIPT_TUI_TEST_PG is
// set): mailboxes (mail_in_filter), customer center configs (cust_config), requests found by title
// or id, the status page's statistics, requests and messages made from e-mails (through
// NSTicketAgent's own methods: the mailbox's category and priority, the sender as customer, the
// bodies, headers and attachments), the Service program URL, the chat checks of the user, and what
// stays unavailable. Every run rolls back.
import { afterAll, expect, it } from 'vitest';
import { describeBackends } from '../../crm/helpers.js';
import { backendSandbox, ok } from './backend-runs.js';
import { cleanupTempDirs } from '../../common.js';

afterAll(cleanupTempDirs);

/** A CRMScript string literal of a text with line breaks. */
const lit = (s: string): string => JSON.stringify(s);

const MAIL = [
  'From: "Nina Hansen" <NINA@nordicbikes.example>',
  'To: support@sandbox.example',
  'Subject: =?UTF-8?Q?Sykkelcomputer_l=C3=A5st?=',
  'Message-ID: <m1@nordicbikes.example>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  '--outer',
  'Content-Type: multipart/alternative; boundary="inner"',
  '',
  '--inner',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'The display stays bl=C3=A5.',
  '--inner',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>The display stays blå.</p>',
  '--inner--',
  '--outer',
  'Content-Type: image/png; name="photo.png"',
  'Content-Disposition: attachment; filename="photo.png"',
  'Content-Transfer-Encoding: base64',
  '',
  'iVBORw0K',
  '--outer--',
  '',
].join('\r\n');

describeBackends('NSCustomerServiceAgent', (b) => {
  const sandbox = backendSandbox(b, 'NSCustomerServiceAgent a;');
  const run = (source: string, cgiUrl?: string) => sandbox(source, { cgiUrl });

  it('keeps mailboxes and lists them with their category and priority', () => {
    expect(
      ok(
        run(`NSMailboxEntity m = a.CreateDefaultMailboxEntity();
printLine(m.GetMailInFilterId().toString() + " " + m.GetServerType().toString() + " " + m.GetPort().toString());
m.SetAddress("support@sandbox.example");
m.SetServer("imap.sandbox.example");
m.SetUsername("support");
m.SetPassword("secret");
m = a.SaveMailboxEntity(m);
NSMailboxEntity g = a.GetMailboxEntity(m.GetMailInFilterId());
printLine(g.GetAddress() + "|" + g.GetServer() + "|" + g.GetUsername() + "|" + g.GetPassword() + "|" + g.GetServerType().toString());
g.SetServerType(6);
printLine(a.SaveMailboxEntity(g).GetServerType().toString());
String s;
foreach (NSMailbox x in a.GetMailboxes()) s += x.GetMailInFilterId().toString() + ":" + x.GetAddress() + ":" + x.GetCategoryName() + ":" + x.GetPriorityName() + ";";
printLine(s);
printLine(a.GetMailboxEntity(999).GetMailInFilterId().toString());`),
      ),
    ).toMatch(/^0 2 0\nsupport@sandbox\.example\|imap\.sandbox\.example\|support\|secret\|2\n6\n1:::;\d+:support@sandbox\.example::;\n0\n$/);
    expect(run('NSMailboxEntity m = a.CreateDefaultMailboxEntity();\na.SaveMailboxEntity(m);').error).toBe('NSCustomerServiceAgent.SaveMailboxEntity: the mailbox address (SetAddress) is required');
    expect(run('NSMailboxEntity m = a.CreateDefaultMailboxEntity();\nm.SetAddress("x@y.example");\nm.SetPort(993);\na.SaveMailboxEntity(m);').error).toBe(
      "NSCustomerServiceAgent.SaveMailboxEntity: the sandbox's mail_in_filter table has no port column, so port 993 cannot be kept (leave Port 0)",
    );
  });

  it('keeps customer center configs, global or per customer language', () => {
    expect(
      ok(
        run(`NSCustomerCenterConfig c = a.CreateDefaultCustomerCenterConfig();
printLine(c.GetCustConfigId().toString() + " " + c.GetType().toString() + " " + c.GetCustLangId().toString());
c.SetConfig("{\\"color\\":\\"blue\\"}");
c = a.SaveCustomerCenterConfig(c);
NSCustomerCenterConfig o = a.CreateDefaultCustomerCenterConfig();
o.SetType(1);
o.SetCustLangId(1);
o.SetConfig("{}");
NSCustomerCenterConfig[] list;
list.pushBack(o);
NSCustomerCenterConfig g = a.GetCustomerCenterConfig(c.GetCustConfigId());
g.SetConfig("{\\"color\\":\\"red\\"}");
list.pushBack(g);
a.SaveAllCustomerCenterConfigs(list);
String s;
foreach (NSCustomerCenterConfig x in a.GetAllCustomerCenterConfigs()) s += x.GetType().toString() + ":" + x.GetCustLangId().toString() + ":" + x.GetConfig() + ";";
printLine(s);
g = a.GetCustomerCenterConfig(c.GetCustConfigId());
printLine((g.GetRegisteredAssociateId() > 0).toString() + " " + g.GetRegistered().isNull().toString() + " " + g.GetUpdated().isNull().toString());
a.DeleteCustomerCenterConfig(c.GetCustConfigId());
printLine(a.GetAllCustomerCenterConfigs().length().toString());`),
      ),
    ).toBe('0 0 0\n0:0:{"color":"red"};1:1:{};\ntrue false false\n1\n');
    expect(run('NSCustomerCenterConfig c = a.CreateDefaultCustomerCenterConfig();\nc.SetType(5);\na.SaveCustomerCenterConfig(c);').error).toBe('NSCustomerServiceAgent.SaveCustomerCenterConfig: the type 5 is no ConfigType (0 style, 1 options)');
    expect(run('NSCustomerCenterConfig c = a.CreateDefaultCustomerCenterConfig();\nc.SetCustLangId(999);\na.SaveCustomerCenterConfig(c);').error).toBe(
      'NSCustomerServiceAgent.SaveCustomerCenterConfig: there is no customer language with id 999 (0 is global)',
    );
  });

  it('finds requests by id or title, with their link in Service when the URL is set', () => {
    const base = 'https://crm.example.com/Cust1/CS';
    expect(
      ok(
        run(
          `foreach (NSTicketInfo t in a.FindTicketsByTitleOrId("3", 0)) printLine(t.GetTicketId().toString() + "|" + t.GetTitle() + "|" + t.GetCategoryName() + "|" + t.GetPriorityName() + "|" + t.GetOwnerName() + "|" + t.GetPersonName() + "|" + t.GetContactName() + "|" + t.GetTicketUrl());
printLine(a.FindTicketsByTitleOrId("THE", 0).length().toString() + " " + a.FindTicketsByTitleOrId("the", 2).length().toString() + " " + a.FindTicketsByTitleOrId("", 0).length().toString());`,
          base,
        ),
      ),
    ).toBe(`3|Tracking page shows old shipments|Support/Software|Critical|dave|Grace Miller|Acme Logistics|${base}/scripts/ticket.fcgi?_sf=0&action=listTicket&ticketId=3\n3 2 0\n`);
    expect(ok(run('printLine("[" + a.FindTicketsByTitleOrId("7", 1)[0].GetTicketUrl() + "]");'))).toBe('[]\n');
  });

  it('counts the open requests per category, top category, user, priority, status and origin', () => {
    expect(
      ok(
        run(`Integer[] f;
f.pushBack(1); f.pushBack(2); f.pushBack(3); f.pushBack(5); f.pushBack(6); f.pushBack(7);
foreach (NSStatisticsDataSet d in a.GetStatistics(f)) {
  String s = d.GetLabel() + ":";
  foreach (NSStatisticsDataValue v in d.GetValues()) s += " " + v.GetLabel() + "=" + v.GetValue().toString(0);
  printLine(s);
}
Integer[] none;
printLine(a.GetStatistics(none).length().toString() + " " + a.GetStatistics(6)[0].GetValues().length().toString());`),
      ),
    ).toBe(
      [
        'Open requests per category: Billing=1 Sales=1 Support/Hardware=3 Support/Software=2',
        'Open requests per top category: Billing=1 Sales=1 Support=5',
        'Open requests per user: System=1 admin=1 bob=3 carol=1 dave=1',
        'Open requests per priority: Critical=1 High=1 Low=1 Medium=4',
        'Open requests per status: Active=5 Postponed=1 Waiting for customer=1',
        'Open requests per origin: Unknown=7',
        '0 3',
        '',
      ].join('\n'),
    );
    expect(run('a.GetStatistics(101);').error).toBe(
      'NSCustomerServiceAgent.GetStatistics: the sandbox computes the panels 1, 2, 3, 5, 6 and 7 (open requests per category, top category, user, priority, status, origin), not 101',
    );
  });

  it('makes a request from an e-mail through the mailbox, and adds a message from another', () => {
    expect(
      ok(
        run(`NSMailboxEntity m = a.CreateDefaultMailboxEntity();
m.SetAddress("support@sandbox.example");
m = a.SaveMailboxEntity(m);
NSTicketInfo i = a.CreateTicketFromMailData(m.GetMailInFilterId(), ${lit(MAIL)});
printLine(i.GetTitle() + "|" + i.GetPersonName() + "|" + i.GetContactName() + "|" + i.GetCategoryName());
NSTicketAgent ta;
NSTicketEntity t = ta.GetTicketEntity(i.GetTicketId());
printLine(t.GetOrigin().toString() + " " + t.GetFromAddress() + " " + t.GetHasAttachment().toString() + " " + t.GetMessages().length().toString() + " " + t.GetPerson().GetPersonId().toString());
NSTicketMessageEntity msg = ta.GetTicketMessageEntity(t.GetMessages()[0].GetTicketMessageId());
printLine(msg.GetBody() + "|" + msg.GetHtmlBody() + "|" + msg.GetType().toString() + "|" + msg.GetSlevel().toString() + "|" + msg.GetMessageId() + "|" + msg.GetAuthor());
printLine(msg.GetEmailHeader());
NSAttachmentEntity[] files = ta.GetAttachmentInfo(msg.GetEjMessageId());
printLine(files.length().toString() + " " + files[0].GetName() + " " + files[0].GetContentType() + " " + files[0].GetAttSize().toString());
NSTicketInfo j = a.AddMessageFromMailData(i.GetTicketId(), "From: someone@else.example\\nSubject: Re: more\\n\\nStill broken.\\n");
t = ta.GetTicketEntity(i.GetTicketId());
printLine((j.GetTicketId() == i.GetTicketId()).toString());
printLine(t.GetMessages().length().toString() + " " + t.GetReadStatus().toString() + " " + ta.GetTicketMessageEntity(t.GetMessages()[1].GetTicketMessageId()).GetBody() + " " + ta.GetTicketMessageEntity(t.GetMessages()[1].GetTicketMessageId()).GetPerson().GetPersonId().toString());`),
      ),
    ).toBe(
      `Sykkelcomputer låst|Nina Hansen|Nordic Bikes AS|Support\n1 NINA@nordicbikes.example true 1 5\nThe display stays blå.|<p>The display stays blå.</p>|2|2|<m1@nordicbikes.example>|"Nina Hansen" <NINA@nordicbikes.example>\n${MAIL.split('\r\n\r\n')[0]!.replaceAll('\r\n', '\n')}\n1 photo.png image/png 6\ntrue\n2 2 Still broken. 0\n`,
    );
    expect(run(`a.CreateTicketFromMailData(999, ${lit(MAIL)});`).error).toBe('NSCustomerServiceAgent.CreateTicketFromMailData: there is no mailbox with id 999 (GetMailboxes lists them)');
    expect(run('a.CreateTicketFromMailData(1, "no mail at all");').error).toBe(
      'NSCustomerServiceAgent.CreateTicketFromMailData: the mail data has no From header (it must be an e-mail in RFC 822 form: headers, an empty line, the body)',
    );
    expect(run(`a.AddMessageFromMailData(999, ${lit(MAIL)});`).error).toBe('NSCustomerServiceAgent.AddMessageFromMailData: there is no ticket with id 999');
  });

  it("gives Service program URLs, the user's chat sessions and whether a chat waits for them", () => {
    const base = 'https://crm.example.com/Cust1/CS';
    expect(ok(run('printLine(a.GetProgramUrl("ticket", false) + " " + a.GetProgramUrl("customer", true));', base))).toBe(`${base}/scripts/ticket.fcgi?_sf=0 ${base}/scripts/customer.fcgi?_sf=0\n`);
    expect(run('a.GetProgramUrl("ticket", false);').error).toMatch(/^NSCustomerServiceAgent\.GetProgramUrl: the installation's URL is not set/);
    expect(
      ok(
        run(`String s;
foreach (NSChatSession c in a.ChatSessionsForUser()) s += c.GetChatSessionId().toString() + ";";
printLine(s + " " + a.HasChatNotify().toString());
NSChatAgent chat;
NSChatSessionEntity q = chat.CreateDefaultChatSessionEntity();
q.SetTopicId(1);
q.SetStatus(4);
q = chat.SaveChatSessionEntity(q);
printLine(a.HasChatNotify().toString() + " " + a.ChatSessionsForUser().length().toString());`),
      ),
    ).toBe('1; false\ntrue 2\n');
  });

  it('fails clearly for what the sandbox does not keep', () => {
    expect(run('a.GetSmsConfig();').error).toBe('NSCustomerServiceAgent.GetSmsConfig: the sandbox CRM keeps no SMS provider settings (NSSmsConfig has no table in its schema)');
    expect(run('a.CheckIfCustomizedTemplates();').error).toBe('NSCustomerServiceAgent.CheckIfCustomizedTemplates is not available in crmscript-tui');
  });
});
