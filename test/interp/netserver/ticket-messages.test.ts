// NSTicketAgent's ticket messages and attachments on a real sandbox CRM (SQLite with its demo
// data), run in this process: what the agent saves is what Message, Attachment and SearchEngine
// read, and the other way round; the request follows its messages (last_changed, has_attachment).
// Every script runs as a rollback run, so each test starts from the demo data.
import { describe, it, expect } from 'vitest';
import { changedColumns, sandboxCrm } from './sandbox-run.js';

const sandbox = sandboxCrm('crms-nsticketmsg-');

function run(source: string): { out: string; error: string | null; changed: string[] } {
  const r = sandbox(source);
  return { out: r.out, error: r.error, changed: changedColumns(r.changes) };
}

/** A SearchEngine query of one field of one row, as a CRMScript function the tests can call. */
const FIELD = `
String field(String table, String column, Integer id) {
  SearchEngine se;
  se.addField(table + "." + column);
  se.addCriteria(table + ".id", "OperatorEquals", id.toString(), "OperatorAnd", 0);
  se.execute();
  if (se.eof()) return "<none>";
  return se.getField(0);
}
`;

describe('NSTicketAgent messages', () => {
  it('saves a message that Message and SearchEngine read, with the same defaults and ticket rules as Message', () => {
    const r = run(`${FIELD}
NSTicketAgent agent;
NSTicketMessageEntity m = agent.CreateDefaultTicketMessageEntity();
printLine(m.GetAuthor() + "|" + m.GetType().toString() + "|" + m.GetSlevel().toString() + "|" + m.GetCreatedBy().GetEjUserId().toString() + "|" + (!m.GetCreatedAt().isNull()).toString());
m.SetTicket(agent.GetTicket(2));
m.SetBody("The corrected invoice is attached to this message, please check the VAT lines.");
m.SetHtmlBody("<p>The corrected invoice</p>");
m = agent.SaveTicketMessageEntity(m);
Integer id = m.GetEjMessageId();
printLine((id > 0).toString() + "|" + m.GetSearchTitle() + "|" + m.GetTicket().GetTitle());
Message msg;
msg.load(id);
printLine(msg.getValue("ticketId") + "|" + msg.getValue("created_by") + "|" + msg.getValue("author") + "|" + msg.getValue("search_title"));
printLine(field("ej_message", "html_body", id) + "|" + field("ticket", "last_changed", 2).subString(0, 4));
`);
    expect(r.error).toBeNull();
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Ada Admin|1|1|2|true');
    expect(lines[1]).toBe('true|The corrected invoice is attached to thi|Invoice 2025-114 has the wrong VAT');
    expect(lines[2]).toBe('2|2|Ada Admin|The corrected invoice is attached to thi');
    // the demo request was last changed in 2025; the new message stamps it now
    expect(lines[3]).toMatch(/^<p>The corrected invoice<\/p>\|\d{4}$/);
    expect(lines[3]).not.toMatch(/\|2025$/);
    expect(r.changed).toContain('ticket.last_changed');
  });

  it('reads messages written by Message and the demo data, as entity, carrier and the ticket\'s message list', () => {
    const r = run(`
Message msg;
msg.setValue("ticketId", "7");
msg.setValue("body", "Written by Message");
msg.setValue("important", "1");
msg.save();
Integer id = msg.getValue("id").toInteger();
NSTicketAgent agent;
NSTicketMessageEntity e = agent.GetTicketMessageEntity(id);
printLine(e.GetBody() + "|" + e.GetImportant().toString() + "|" + e.GetTicket().GetTicketId().toString());
NSTicketMessage c = agent.GetTicketMessage(1);
printLine(c.GetTicketMessageId().toString() + "|" + c.GetAuthor() + "|" + c.GetPersonFullName() + "|" + c.GetContactName() + "|" + c.GetContactDepartment() + "|" + c.GetNumAttachments().toString());
NSTicketMessage[] list = agent.GetTicketEntity(7).GetMessages();
printLine(list.length().toString() + "|" + list[1].GetTicketMessageId().toString() + "|" + list[1].GetImportant().toString());
printLine(agent.GetTicketMessageEntity(9999).GetEjMessageId().toString() + "|" + agent.GetTicketMessage(9999).GetTicketMessageId().toString());
`);
    expect(r.error).toBeNull();
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Written by Message|true|7');
    expect(lines[1]).toBe('1|nina@nordicbikes.example|Nina Hansen|Nordic Bikes AS|Retail|1');
    expect(lines[2]).toMatch(/^2\|\d+\|true$/);
    expect(lines[3]).toBe('0|0');
  });

  it('changes a message (stamping changed_at), keeps its headers as email_header lines, and deletes it', () => {
    const r = run(`${FIELD}
NSTicketAgent agent;
NSTicketMessageEntity m = agent.CreateDefaultTicketMessageEntity();
m.SetTicket(agent.GetTicket(3));
m.SetBody("First");
m.SetEmailHeader("To: grace@acme.example");
m = agent.SaveTicketMessageEntity(m);
Integer id = m.GetEjMessageId();
printLine(field("ej_message", "changed_at", id) + "|" + m.GetMessageHeaders().length().toString());
NSTicketMessageHeader h;
h.SetName("X-Priority");
h.SetValue("1");
NSTicketMessageHeader[] hs = m.GetMessageHeaders();
hs.pushBack(h);
m.SetMessageHeaders(hs);
m.SetBody("Second");
m = agent.SaveTicketMessageEntity(m);
Message msg;
msg.load(id);
printLine(msg.getValue("body") + "|" + msg.getValue("emailHeader").substitute("\\n", "/") + "|" + (field("ej_message", "changed_at", id) != "").toString() + "|" + m.GetMessageHeaders()[1].GetName());
agent.SetTicketMessageImportant(id, true);
printLine(field("ej_message", "important", id));
agent.DeleteTicketMessageEntity(id);
printLine(agent.GetTicketMessageEntity(id).GetEjMessageId().toString() + "|" + field("ej_message", "id", id));
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('|1\nSecond|To: grace@acme.example/X-Priority: 1|true|X-Priority\n1\n0|<none>\n');
  });

  it('refuses a message without its request, and names missing messages and attachments', () => {
    const noTicket = run(`
NSTicketAgent agent;
NSTicketMessageEntity m = agent.CreateDefaultTicketMessageEntity();
m.SetBody("orphan");
agent.SaveTicketMessageEntity(m);
`);
    expect(noTicket.error).toBe('NSTicketAgent.SaveTicketMessageEntity: the request the message belongs to (SetTicket) is required');
    const badTicket = run(`
NSTicketAgent agent;
NSTicketMessageEntity m = agent.CreateDefaultTicketMessageEntity();
NSTicket t;
t.SetTicketId(999);
m.SetTicket(t);
agent.SaveTicketMessageEntity(m);
`);
    expect(badTicket.error).toBe('NSTicketAgent.SaveTicketMessageEntity: Ticket 999 does not exist (there is no ticket row with that id)');
    expect(run('NSTicketAgent a;\na.SetTicketMessageImportant(999, true);').error).toBe('NSTicketAgent.SetTicketMessageImportant: there is no ticket message with id 999');
    expect(run('NSTicketAgent a;\nInteger[] ids;\nids.pushBack(1);\na.AddAttachments(999, ids);').error).toBe('NSTicketAgent.AddAttachments: there is no ticket message with id 999');
    expect(run('NSTicketAgent a;\nInteger[] ids;\nids.pushBack(999);\na.AddAttachments(1, ids);').error).toBe('NSTicketAgent.AddAttachments: there is no attachment with id 999');
    expect(run('NSTicketAgent a;\na.GetAttachmentStream(999);').error).toBe('NSTicketAgent.GetAttachmentStream: there is no attachment with id 999');
    expect(run('NSTicketAgent a;\nNSStream s;\na.UploadAttachment(0, s);').error).toBe(
      'NSTicketAgent.UploadAttachment: save the attachment first (SaveAttachmentEntity), then upload its content by its id',
    );
  });
});

describe('NSTicketAgent attachments', () => {
  it('lists the demo attachment by message and by request', () => {
    const r = run(`
NSTicketAgent agent;
NSAttachmentEntity[] a = agent.GetAttachmentInfo(1);
printLine(a.length().toString() + "|" + a[0].GetName() + "|" + a[0].GetContentType() + "|" + a[0].GetAttSize().toString() + "|" + a[0].GetInlineImage().toString());
printLine(agent.GetTicketAttachments(1).length().toString() + "|" + agent.GetTicketAttachments(2).length().toString() + "|" + agent.GetAttachmentInfo(2).length().toString());
printLine(agent.GetAttachmentEntity(1).GetName() + "|" + agent.GetAttachmentEntity(999).GetAttachmentId().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('1|bike-computer.jpg|image/jpeg|48213|false\n1|0|0\nbike-computer.jpg|0\n');
  });

  it('saves an attachment, uploads its content and attaches it to a message; Attachment, Message and the request see it', () => {
    const r = run(`
NSTicketAgent agent;
NSAttachmentEntity a = agent.CreateDefaultAttachmentEntity();
a.SetName("notes.txt");
a.SetContentType("text/plain");
a = agent.SaveAttachmentEntity(a);
Integer aid = a.GetAttachmentId();
NSStream s;
s.SetStream(String("hello").toByteArray());
printLine((agent.UploadAttachment(aid, s) == aid).toString() + "|" + agent.GetAttachmentEntity(aid).GetAttSize().toString() + "|" + String(agent.GetAttachmentStream(aid)));
Attachment att;
att.load(aid);
printLine(att.getBase64() + "|" + att.getValue("name"));
printLine(agent.GetTicket(4).GetHasAttachment().toString());
Integer[] ids;
ids.pushBack(aid);
ids.pushBack(aid);
agent.AddAttachments(6, ids);
agent.AddAttachments(6, ids);
printLine(agent.GetAttachmentInfo(6).length().toString() + "|" + agent.GetTicketAttachments(4)[0].GetName() + "|" + agent.GetTicket(4).GetHasAttachment().toString() + "|" + agent.GetTicketMessage(6).GetNumAttachments().toString());
Message msg;
msg.load(6);
printLine(msg.getAttachments().length().toString());
a = agent.GetAttachmentEntity(aid);
a.SetInlineImage(true);
a.SetContentId("notes@sandbox");
agent.SaveAttachmentEntity(a);
NSAttachmentEntity[] info = agent.GetAttachmentInfo(6);
printLine(info[0].GetInlineImage().toString() + "|" + info[0].GetContentId());
agent.DeleteTicketMessageEntity(6);
printLine(agent.GetTicket(4).GetHasAttachment().toString() + "|" + agent.GetAttachmentEntity(aid).GetName());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('true|5|hello\naGVsbG8=|notes.txt\nfalse\n1|notes.txt|true|1\n1\ntrue|notes@sandbox\nfalse|notes.txt\n');
  });
});

describe('NSTicketAgent read status and mail content', () => {
  it('lets the owner mark a request read or unread, and changes nothing for anyone else', () => {
    const r = run(`
NSTicketAgent agent;
NSTicketEntity t = agent.SetTicketReadByOwner(2, 3, false);
printLine(t.GetReadStatus().toString() + "|" + t.GetReadByOwner().isNull().toString());
t = agent.SetTicketReadByOwner(2, 1, true);
printLine(t.GetReadStatus().toString() + "|" + t.GetReadByOwner().isNull().toString() + "|" + t.GetFirstReadByUser().isNull().toString());
t = agent.SetTicketReadByOwner(1, 3, false);
printLine(t.GetReadStatus().toString());
`);
    expect(r.error).toBeNull();
    // the run acts as admin (user 2), who owns request 2 and not request 1
    expect(r.out).toBe('3|true\n1|false|false\n1\n');
    // request 8 (admin's) has a priority whose "read" event stops the escalation: only when asked to check it
    const escalation = run(`${FIELD}
Ticket t;
t.load(8);
t.setValue("alert_timeout", "2099-01-01 00:00:00");
t.save();
NSTicketAgent agent;
agent.SetTicketReadByOwner(8, 1, false);
printLine(field("ticket", "alert_stop", 8));
agent.SetTicketReadByOwner(8, 1, true);
printLine((field("ticket", "alert_stop", 8).toInteger() > 0).toString());
`);
    expect(escalation.error).toBeNull();
    expect(escalation.out).toBe('-1\ntrue\n');
    expect(run('NSTicketAgent a;\na.SetTicketReadByOwner(2, 7, false);').error).toBe(
      'NSTicketAgent.SetTicketReadByOwner: 7 is not a read status (1 green: read, 2 yellow: new information, 3 red: unread)',
    );
    expect(run('NSTicketAgent a;\na.SetTicketReadByOwner(999, 1, false);').error).toBe('NSTicketAgent.SetTicketReadByOwner: there is no ticket with id 999');
  });

  it('turns HTML into text and takes out what could run in a mail', () => {
    const r = run(`
NSTicketAgent agent;
printLine(agent.Html2Text("<p>Hello <b>there</b></p><p>Bye</p>"));
printLine(agent.SanitizeMailContent("<p onclick=\\"steal()\\" class=\\"x\\">Hi<script>alert(1)</script> <a href=\\"javascript:evil()\\" title=\\"t\\">link</a> <a href=\\"https://example.com\\">ok</a></p><iframe src=\\"https://x\\"></iframe><img src=\\"data:image/png;base64,AA==\\" onerror=\\"x()\\">"));
String[] two;
two.pushBack("<b style=\\"color:red\\">a</b>");
two.pushBack("<div style=\\"width:expression(alert(1))\\">b</div><!-- note -->");
String[] clean = agent.SanitizeMailContents(two);
printLine(clean[0] + "|" + clean[1]);
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'Hello there\n\nBye\n' +
        '<p class="x">Hi <a title="t">link</a> <a href="https://example.com">ok</a></p><img src="data:image/png;base64,AA==">\n' +
        '<b style="color:red">a</b>|<div>b</div>\n',
    );
  });
});
