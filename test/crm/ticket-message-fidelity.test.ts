// Ticket and Message as SuperOffice's reference describes them: the ticket log (log, save with a
// log text), delegation by the category's rules, the owner's address, involved recipients, the
// notification mail from a reply template, custom and base status, the primary customer among the
// ticket's customers, attachments set after saving, and the heading of a sent message.
import { afterAll, describe, expect, it } from 'vitest';
import { crmFixture, runMail, runWithCrm, type CrmFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';
import { compileScript } from '../../src/interp/compile-script.js';
import { execute } from '../../src/interp/execute.js';
import { newRunContext } from '../../src/interp/runtime/context.js';
import type { CrmRow } from '../../src/interp/runtime/crm-service.js';

afterAll(cleanupTempDirs);

async function withCrm(test: (f: CrmFixture) => void): Promise<void> {
  const f = await crmFixture({ rollback: true });
  try {
    test(f);
  } finally {
    f.driver.close();
  }
}

/** Runs a script that must not fail; returns its output. */
function run(f: CrmFixture, source: string): string {
  const r = runWithCrm(f, source);
  expect(r.diagnostics).toEqual([]);
  expect(r.error).toBeNull();
  return r.output;
}

const logOf = (f: CrmFixture, ticket: number): CrmRow[] =>
  f.crm.select('ticket_log', { columns: ['log_who', 'log_description'], where: [{ column: 'ticket_id', op: '=', value: ticket }], orderBy: [{ column: 'id' }] });

describe('Ticket and Message fidelity', () => {
  // requests/tickets.md saves new tickets with only a title
  it('a new ticket saved without a category goes into the first category, owned by its master', () =>
    withCrm((f) => {
      const out = run(f, 'Ticket t; t.setValue("title", "No audio"); Integer id = t.save("audio"); Ticket b; b.load(id); printLine(id.toString());');
      const id = Number(out.trim());
      const first = f.crm.select('ej_category', { orderBy: [{ column: 'id' }], limit: 1 })[0]!;
      expect(f.crm.get('ticket', id)).toMatchObject({ title: 'No audio', category: first.id, orig_category: first.id, owned_by: first.category_master });
      expect(logOf(f, id).map((l) => l.log_description)).toEqual(['audio']);
    }));

  it('log(who, message) writes the message by who, log(message) by the acting user', () =>
    withCrm((f) => {
      run(f, 'Ticket t; t.load(3); t.log("bob", "checked the cable"); t.log("single entry");');
      expect(logOf(f, 3)).toEqual([
        { log_who: 'bob', log_description: 'checked the cable' },
        { log_who: f.crm.actor().loginName, log_description: 'single entry' },
      ]);
    }));

  it('the log text of Ticket.save and Message.save goes to the ticket log', () =>
    withCrm((f) => {
      run(
        f,
        `Ticket t; t.load(4); t.setValue("title", "Quote: 40 tablets"); t.save("title changed");
         t.setValue("priority", "3"); t.save("priority raised", true, false);
         Message m; m.setValue("ticketId", "4"); m.setValue("body", "A first reply"); m.save("reply added");
         m.setValue("body", "A reply, edited"); m.save("reply edited", true);`,
      );
      expect(logOf(f, 4).map((r) => r.log_description)).toEqual(['title changed', 'priority raised', 'reply added', 'reply edited']);
      expect(logOf(f, 4).every((r) => r.log_who === f.crm.actor().loginName)).toBe(true);
    }));

  it('Message.save(log, false) turns a read (green) ticket yellow, save(log, true) does not', () =>
    withCrm((f) => {
      run(f, 'Message m; m.setValue("ticketId", "7"); m.setValue("body", "no news"); m.save("quiet", true);');
      expect(f.crm.get('ticket', 7)!.read_status).toBe(1);
      run(f, 'Message m; m.setValue("ticketId", "7"); m.setValue("body", "news"); m.save("news", false);');
      expect(f.crm.get('ticket', 7)!.read_status).toBe(2);
    }));

  it('delegate(notUser) never gives the ticket to notUser, and takes effect at save()', () =>
    withCrm((f) => {
      // ticket 1 is in Hardware (category 2), whose only member is its master, bob (3), the owner
      run(f, 'Ticket t; t.load(1); t.delegate(3); Ticket u; u.load(1); printLine(u.getValue("ownedBy"));');
      expect(f.crm.get('ticket', 1)!.owned_by).toBe(3);
      // nobody else takes Hardware tickets: the ticket becomes unassigned
      expect(run(f, 'Ticket t; t.load(1); t.delegate(3); t.save(); Ticket u; u.load(1); printLine(u.getValue("ownedBy"));')).toBe('1\n');
      // carol (4) joins Hardware (category_membership): delegating away from bob gives it to her
      f.crm.insert('category_membership', { category_id: 2, user_id: 4, weight: 1, is_defined_by_usergroup: 0 });
      expect(run(f, 'Ticket t; t.load(1); t.delegate(3); t.save(); printLine(t.getValue("ownedBy"));')).toBe('4\n');
      expect(run(f, 'Ticket t; t.load(1); t.delegate(4); t.save(); printLine(t.getValue("ownedBy"));')).toBe('3\n');
    }));

  it('delegate() shares the category tickets in turn, and falls back to the master when the category says so', () =>
    withCrm((f) => {
      const carol = f.crm.insert('category_membership', { category_id: 2, user_id: 4, weight: 1, is_defined_by_usergroup: 0 });
      const owners = run(f, 'Integer i = 0; while (i < 4) { Ticket t; t.load(1); t.delegate(); t.save(); printLine(t.getValue("ownedBy")); i++; }');
      expect(owners).toBe('3\n4\n3\n4\n');
      f.crm.delete('category_membership', carol);
      f.crm.update('ej_category', 2, { flags: 4 }); // DefaultToCategoryMaster
      expect(run(f, 'Ticket t; t.load(6); t.delegate(5); t.save(); printLine(t.getValue("ownedBy"));')).toBe('3\n');
      f.crm.update('ej_category', 2, { delegate_method: 4 }); // Not: leave unassigned
      expect(run(f, 'Ticket t; t.load(6); t.delegate(); t.save(); printLine(t.getValue("ownedBy"));')).toBe('1\n');
    }));

  it('getOwnerEmail() gives "Name" <address>', () =>
    withCrm((f) => {
      expect(run(f, 'Ticket t; t.load(1); printLine(t.getOwnerEmail());')).toBe('"Bob Berg" <bob@sandbox.example>\n');
    }));

  it('getInvolvedOnly() lists the addresses of recipients who are not customers of the ticket; saveInvolved takes an address', () =>
    withCrm((f) => {
      const out = run(
        f,
        `Ticket t; t.load(4);
         printLine("[" + t.getInvolvedOnly() + "]");
         Message m; m.setValue("ticketId", "4"); m.setValue("body", "Quote attached");
         m.addHeader("To", "ingrid@bluefjord.example, Guest Desk <desk@bluefjord.example>"); m.save();
         m.saveInvolved("buyer@example.com");
         m.saveInvolved("Desk@bluefjord.example");
         printLine(t.getInvolvedOnly());
         printLine(t.getValue("customers"));`,
      );
      expect(out).toBe('[]\ndesk@bluefjord.example,buyer@example.com\n9\n');
      const r = runWithCrm(f, 'Message m; m.load(6); m.saveInvolved("9");');
      expect(r.error).toMatch(/saveInvolved: "9" is not an email address/);
    }));

  it('saveInvolved on a new message (as the reference calls it) is kept until the message is saved', () =>
    withCrm((f) => {
      const out = run(
        f,
        `Message unsaved; unsaved.saveInvolved("post@company.com");
         Ticket t; t.load(4);
         printLine("[" + t.getInvolvedOnly() + "]");
         Message m; m.setValue("ticketId", "4"); m.setValue("body", "Note");
         m.saveInvolved("buyer@example.com");
         printLine("[" + t.getInvolvedOnly() + "]");
         m.save();
         printLine(t.getInvolvedOnly());`,
      );
      expect(out).toBe('[]\n[]\nbuyer@example.com\n');
    }));

  it('notifyEmail(template) mails the reply template, filled in for the ticket, to its owner', () =>
    withCrm((f) => {
      const r = runMail(f, 'Ticket t; t.load(1); printLine(t.notifyEmail(20).toString()); printLine(t.notifyEmail(999).toString());');
      expect(r.output).toBe('true\nfalse\n');
      expect(r.outbox).toHaveLength(1);
      const mail = r.outbox[0]!;
      expect(mail.to).toEqual(['bob@sandbox.example']);
      expect(mail.subject).toBe('Request 1 assigned to you');
      expect(mail.text).toContain('You have been assigned request no. 1.');
      expect(mail.text).toContain('Title: Bike computer does not turn on');
      expect(mail.text).toContain('Customer: Nina Hansen (Nordic Bikes AS)');
      expect(mail.html).toContain('Title: Bike computer does not turn on');
    }));

  it('setting the base status keeps a custom status that has it', () =>
    withCrm((f) => {
      // ticket 2: active, custom status 5 "Waiting for customer" (an active status)
      const out = run(
        f,
        `Ticket t; t.load(2); t.setValue("status", "1"); t.save(); printLine(t.getValue("status") + " " + t.getValue("ticketStatus"));
         t.setValue("status", "2"); t.save(); printLine(t.getValue("status") + " " + t.getValue("ticketStatus"));`,
      );
      expect(out).toBe('1 5\n2 2\n');
    }));

  it('a new ticket lists its primary customer among its customers, first', () =>
    withCrm((f) => {
      const out = run(
        f,
        `Ticket t; t.setValue("title", "New"); t.setValue("category", "3"); t.setValue("custId", "7"); t.save(); printLine(t.getValue("customers"));
         Ticket u; u.setValue("title", "Two"); u.setValue("category", "3"); u.setValue("customers", "8,7"); u.setValue("custId", "7"); u.save(); printLine(u.getValue("customers"));`,
      );
      expect(out).toBe('7\n7,8\n');
    }));

  it('attachments set after the message is saved mark the ticket as having attachments', () =>
    withCrm((f) => {
      const out = run(
        f,
        `Message m; m.setValue("ticketId", "4"); m.setValue("body", "See the file"); m.save();
         Vector v; v.pushBack("2"); m.setAttachments(v);
         Ticket t; t.load(4); printLine(t.getValue("has_attachment") + " " + m.getAttachments().length().toString());`,
      );
      expect(out).toBe('1 1\n');
    }));

  it('send(..., subject, bodyHeading) puts the heading on top of the body; an empty heading adds none', () =>
    withCrm((f) => {
      const r = runMail(
        f,
        `Message m; m.setValue("ticketId", "4"); m.setValue("body", "The quote"); m.setValue("bodyHtml", "<p>The quote</p>"); m.save();
         Vector to; to.pushBack("ingrid@bluefjord.example"); Vector e;
         m.send(to, e, e, "Your quote", "Reply above this line");
         m.send(to, e, e, "Your quote", "");`,
      );
      expect(r.outbox.map((m) => [m.subject, m.text, m.html])).toEqual([
        ['Your quote', 'Reply above this line\n\nThe quote', '<p>Reply above this line</p><p>The quote</p>'],
        ['Your quote', 'The quote', '<p>The quote</p>'],
      ]);
    }));

  it('Message.send, sendSms and Ticket.notifyEmail stop at the run\'s mail limit, as Email.send does', () =>
    withCrm((f) => {
      for (const call of ['m.send(to, e, e, "Hi")', 'm.sendSms(to)', 't.notifyEmail(20)']) {
        const c = compileScript({
          source: `Message m; m.setValue("ticketId", "1"); m.setValue("body", "x"); m.save();
Ticket t; t.load(1);
Vector to; to.pushBack("ingrid@bluefjord.example"); Vector e;
for (Integer i = 0; i < 10; i++) ${call};`,
          file: 'test.crm',
        });
        const ctx = newRunContext({ out: () => {}, crm: f.crm, mailLimit: 3 });
        const r = execute(c.compiled!, ctx);
        expect(r.error?.message).toMatch(/: this run already sent 3 mails, the most one run may send/);
        expect(ctx.outbox).toHaveLength(3);
      }
    }));

  it('Ticket.sendMessages forwards messages of the ticket: the comment on top, each message under who wrote it and when', () =>
    withCrm((f) => {
      const r = runMail(
        f,
        `Ticket t; t.load(1);
StringMatrix r;
r.addRow(); r.addCell("To"); r.addCell("Jane Doe <jane@example.com>");
r.addRow(); r.addCell("cc"); r.addCell("boss@example.com");
r.addRow(); r.addCell("Bcc"); r.addCell("audit@example.com");
printLine(t.sendMessages("Fwd: bike", r, false, "1, 2", -1, "Please look at this.").toString());
StringMatrix nobody;
printLine(t.sendMessages("Fwd", nobody, false, "1", -1, "").toString());
try { t.sendMessages("Fwd", r, false, "1,7", -1, ""); } catch { printLine(error); }
StringMatrix odd; odd.addRow(); odd.addCell("From"); odd.addCell("x@example.com");
try { t.sendMessages("Fwd", odd, false, "1", -1, ""); } catch { printLine(error); }
printLine(t.sendMessages("Fwd", r, true, "2", -1, "").toString());`,
      );
      expect(r.output).toBe('true\nfalse\nTicket.sendMessages: ticket 1 has no message 7\nTicket.sendMessages: a recipient row starts with "From"; it should be To, Cc or Bcc\ntrue\n');
      expect(r.outbox).toHaveLength(2);
      const [mail, fromCustomer] = r.outbox;
      expect([mail.to, mail.cc, mail.bcc, mail.subject]).toEqual([['Jane Doe <jane@example.com>'], ['boss@example.com'], ['audit@example.com'], 'Fwd: bike']);
      const rule = '-'.repeat(40);
      expect(mail.text).toBe(
        `Please look at this.\n\n${rule}\nnina@nordicbikes.example, 2025-03-03 08:15:00\n\nThe bike computer stays dark after charging all night.\n\n${rule}\nBob Berg, 2025-03-03 09:02:00\n\nPlease hold the left button for ten seconds and tell us what happens.`,
      );
      expect(mail.html.startsWith('<p>Please look at this.</p><hr><p>nina@nordicbikes.example, 2025-03-03 08:15:00</p>')).toBe(true);
      expect(mail.from).not.toBe(fromCustomer.from);
      expect(fromCustomer.from).toBe('nina@nordicbikes.example');
    }));

  it('NSTicketAgent.SendTicketMessage mails a message as Message.send does; an unknown message or a reply template says so', () =>
    withCrm((f) => {
      const r = runMail(
        f,
        `NSTicketAgent agent;
String[] to; to.pushBack("x@example.com");
String[] cc; cc.pushBack("y@example.com");
String[] none;
agent.SendTicketMessage(2, to, cc, none, "", 0, "");
agent.SendTicketMessage(2, to, none, none, "Our answer", 0, "");
try { agent.SendTicketMessage(99999, to, none, none, "", 0, ""); } catch { printLine(error); }
try { agent.SendTicketMessage(2, to, none, none, "", 20, ""); } catch { printLine(error.before(" (")); }`,
      );
      expect(r.output).toBe('NSTicketAgent.SendTicketMessage: there is no ticket message with id 99999\nNSTicketAgent.SendTicketMessage: sending a message with a reply template is not available in the sandbox\n');
      expect(r.outbox.map((m) => [m.to, m.cc, m.subject, m.text])).toEqual([
        [['x@example.com'], ['y@example.com'], '[Id:1] Bike computer does not turn on', 'Please hold the left button for ten seconds and tell us what happens.'],
        [['x@example.com'], [], 'Our answer', 'Please hold the left button for ten seconds and tell us what happens.'],
      ]);
    }));
});
