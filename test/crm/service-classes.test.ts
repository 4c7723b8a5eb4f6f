// Service's Notify, Profile, Knowledge and Inbox classes on the sandbox: notifications as notify rows
// and mails by the users' notify and email masks (new request with and without the category's
// members and notification address, new message to the hotlist and owner, activated, taken over,
// custom), a user's request list columns from profile.list_tickets_header2, the customer center's
// link to a knowledge-base entry, a raw mail imported through a mailbox as a request (or a message
// of the request its subject names), and a sandbox made by an older build (SQLite schema 20,
// PostgreSQL 19) gaining the profile, hotlist and inbox tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, crmFixture, describeBackends, runMail, runOk, runWithCrm, runOnOlderSqlite, olderPgSandbox, runFileOn, type CrmFixture } from './helpers.js';
import { cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';
import { pgOnlyDescribe } from '../store/backends.js';
import { loadSqlite } from '../../src/crm/sqlite/engine.js';
import { PG_CRM_VERSION } from '../../src/crm/pg/ddl.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

const PROFILE = 'Profile p; String[] f = p.getListTicketsFields(2); for (Integer i = 0; i < f.length(); i = i + 3) printLine(f[i] + "|" + f[i + 1] + "|" + f[i + 2]);';
const ADA_LIST = 'Id|ticket.id|0\nTitle|ticket.title|40\nStatus|ticket.ticket_status.name|0\nOwner|ticket.owned_by.username|0\nCustomer|ticket.cust_id.lastname|20\n';

const MAIL = (subject: string): string => `From: Jonas Berg <jonas@polarsoft.example>\r\nTo: support@sandbox.example\r\nSubject: ${subject}\r\nMessage-ID: <m1@polarsoft.example>\r\n\r\nThe pedal broke.\r\n`;

describeBackends('Notify, Profile, Knowledge and Inbox', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());

  const fails = (src: string): string => {
    const r = runWithCrm(f, src);
    expect(r.diagnostics).toEqual([]);
    return r.error ?? '';
  };
  const notifications = (): number[][] =>
    f.crm.select('notify', { orderBy: [{ column: 'id' }] }).map((r) => [r.type, r.user_id, r.ticket_id, r.user2_id ?? 0].map(Number));
  const clear = (): void => {
    for (const r of f.crm.select('notify')) f.crm.delete('notify', Number(r.id));
  };

  it('notifies by the users\' masks: pop-ups as notify rows, mails to their addresses', () => {
    clear();
    const ticket = f.crm.get('ticket', 1)!;
    const owner = Number(ticket.owned_by);
    const ownerMail = String(f.crm.get('ejuser', owner)!.email);
    // nobody has a mask in the demo: nothing happens
    expect(runMail(f, 'Notify n; n.sendNewTicket(1); n.sendTicketActivated(1);').outbox).toEqual([]);
    expect(notifications()).toEqual([]);
    f.crm.update('ejuser', owner, { notify_mask: 1 | 4, email_mask: 4 });
    const r = runMail(f, 'Notify n; n.sendNewTicket(1); n.sendTicketActivated(1);');
    expect(notifications()).toEqual([
      [1, owner, 1, 0],
      [3, owner, 1, 0],
    ]);
    const row = f.crm.select('notify', { orderBy: [{ column: 'id' }] })[0]!;
    expect([Number(row.owner_id), Number(row.category_id), row.registered === null]).toEqual([f.crm.actor().userId, Number(ticket.category), false]);
    expect(r.outbox.map((m) => [m.to, m.subject])).toEqual([[[ownerMail], `Request activated #1: ${String(ticket.title)}`]]);
  });

  it("a new request tells the category's members and its notification address unless skipped", () => {
    clear();
    const ticket = f.crm.get('ticket', 2)!;
    const category = Number(ticket.category);
    const member = f.crm.insert('ejuser', { loginname: 'erin', username: 'erin', email: 'erin@sandbox.example', status: 1, notify_mask: 1, email_mask: 1 });
    f.crm.insert('category_membership', { category_id: category, user_id: member, weight: 1, is_defined_by_usergroup: 0 });
    f.crm.update('ej_category', category, { notification_email: 'team@sandbox.example' });
    expect(runMail(f, 'Notify n; n.sendNewTicket(2);').outbox).toEqual([]); // the category does not notify its members
    f.crm.update('ej_category', category, { flags: 256 });
    expect(runMail(f, 'Notify n; n.sendNewTicket(2, true);').outbox).toEqual([]);
    const r = runMail(f, 'Notify n; n.sendNewTicket(2, false);');
    expect(r.outbox.map((m) => m.to[0])).toEqual(['erin@sandbox.example', 'team@sandbox.example']);
    expect(r.outbox[0]!.text).toContain(`New request #2: ${String(ticket.title)}`);
    expect(notifications()).toEqual([[1, member, 2, 0]]);
    // a deleted user is told nothing
    f.crm.update('ejuser', member, { status: 3 });
    expect(runMail(f, 'Notify n; n.sendNewTicket(2);').outbox.map((m) => m.to[0])).toEqual(['team@sandbox.example']);
  });

  it('a new message tells the hotlist (and the owner), a take-over the user who had the request; custom messages', () => {
    clear();
    const owner = Number(f.crm.get('ticket', 1)!.owned_by);
    // Ada has request 1 on her hotlist (the demo)
    f.crm.update('ejuser', 2, { notify_mask: 2 | 8 });
    f.crm.update('ejuser', owner, { notify_mask: 2 | 8 });
    runOk(f, 'Notify n; n.sendNewTicketMessage(1, true);');
    expect(notifications()).toEqual([[2, 2, 1, 0]]);
    clear();
    runOk(f, 'Notify n; n.sendNewTicketMessage(1, false);');
    expect(notifications().map((r) => r[1]).sort()).toEqual([...new Set([2, owner])].sort());
    clear();
    runOk(f, 'Notify n; n.sendTicketTakenOver(1, 2, 4); n.sendCustomMessage(5, "Lunch is served");');
    expect(notifications()).toEqual([
      [4, 2, 1, 4],
      [5, 5, 0, 0],
    ]);
    expect(f.crm.select('notify', { where: [{ column: 'type', op: '=', value: 5 }] })[0]!.custom_message).toBe('Lunch is served');
    expect(fails('Notify n; n.sendNewTicket(999);')).toMatch(/Notify\.sendNewTicket: there is no request with id 999/);
    expect(fails('Notify n; n.sendTicketTakenOver(1, 2, 99);')).toMatch(/there is no user with id 99/);
    expect(fails(`Notify n; n.sendCustomMessage(2, "${'y'.repeat(300)}");`)).toMatch(/a notification holds at most 255/);
  });

  it("Profile gives a user's request list columns as label, field, chop", () => {
    expect(runOk(f, PROFILE)).toBe(ADA_LIST);
    expect(runOk(f, 'Profile p; printLine(p.getListTicketsFields(3).length().toString());')).toBe('0\n');
    const id = f.crm.insert('profile', { name: 'Bob', user_id: 2, list_tickets_header2: '"Title, short",ticket.title,10\r\n' });
    f.crm.update('ejuser', 2, { profile_id: id });
    expect(runOk(f, PROFILE)).toBe('Title, short|ticket.title|10\n');
    f.crm.update('profile', id, { list_tickets_header2: 'Title,ticket.title' });
    expect(fails(PROFILE)).toMatch(/list_tickets_header2 has 2 cells; each column of the list needs three/);
    f.crm.update('ejuser', 2, { profile_id: null });
    expect(fails('Profile p; p.getListTicketsFields(77);')).toMatch(/there is no user with id 77/);
  });

  it("Knowledge links a knowledge-base entry in the customer center; the FAQ index is not kept", () => {
    const kb = f.crm.insert('kb_entry', { category_id: 0, title: 'Pedals', sort_order: 1, read_count: 0, workflow_phase: 0, dbi_agent_id: 0, dbi_key: '' });
    const url = `Parser p; p.setVariable("lang", "no"); Knowledge k; printLine(k.buildExternalEntryURLWithParser(${kb}, p));`;
    expect(fails(url)).toMatch(/the customer center's URL is not known: set registry entry 61, or the installation's URL/);
    f.crm.insert('registry', { reg_id: 61, name: 'customerUrl', value: 'https://help.example/[[lang]]/customer.fcgi?x=1' });
    expect(runOk(f, url)).toBe(`https://help.example/no/customer.fcgi?x=1&action=kbEntry&id=${kb}\n`);
    expect(fails('Parser p; Knowledge k; k.buildExternalEntryURLWithParser(9999, p);')).toMatch(/there is no knowledge-base entry with id 9999/);
    expect(fails(`Knowledge k; k.rebuildFaqSearch(${kb}, "Pedals");`)).toMatch(/Knowledge\.rebuildFaqSearch is not available: the sandbox CRM keeps no FAQ search index/);
  });

  it('Inbox imports a raw mail through a mailbox as a request, or as a message of the request it names', () => {
    f.crm.update('mail_in_filter', 1, { category_id: 2, address: 'support@sandbox.example' });
    const id = Number(runOk(f, `Inbox i; printLine(i.addSmtpMail("${MAIL('Broken pedal').replace(/\r\n/g, '\\r\\n')}", "u-1", 1).toString());`));
    const inbox = f.crm.get('inbox', id)!;
    expect([inbox.mail_in_filter, inbox.uidl, inbox.status, inbox.plugin, inbox.format].map(String)).toEqual(['1', 'u-1', '2', 'CRMScript', 'smtp']);
    const message = f.crm.select('ej_message', { where: [{ column: 'inbox', op: '=', value: id }] })[0]!;
    expect(String(message.body).trim()).toBe('The pedal broke.');
    const ticket = f.crm.get('ticket', Number(message.ticket_id))!;
    expect([ticket.title, Number(ticket.category), Number(ticket.filter_id), ticket.from_address]).toEqual(['Broken pedal', 2, 1, 'jonas@polarsoft.example']);
    const again = `Inbox i; i.addSmtpMail("${MAIL('Re: [#1] Broken').replace(/\r\n/g, '\\r\\n')}", "u-1", 1);`;
    expect(fails(again)).toMatch(/mailbox 1 already has the mail with UIDL "u-1"/);
    const second = Number(runOk(f, again.replace('"u-1"', '"u-2"').replace('i.addSmtpMail', 'printLine(i.addSmtpMail').replace(', 1);', ', 1).toString());')));
    expect(Number(f.crm.select('ej_message', { where: [{ column: 'inbox', op: '=', value: second }] })[0]!.ticket_id)).toBe(1);
    expect(fails(`Inbox i; i.addSmtpMail("x", "u-3", 42);`)).toMatch(/Inbox\.addSmtpMail: there is no mailbox with id 42/);
  });
});

describe('the CLI', () => {
  it('runs a script using the classes with run --rollback, writing nothing', async () => {
    const home = tempDir('crm-service-cli-');
    const file = join(home, 'service.crm');
    writeFileSync(file, `${PROFILE}\nNotify n; n.sendCustomMessage(3, "hi");\nSearchEngine se; se.addField("notify.custom_message"); se.execute(); printLine(se.getField(0));`);
    const r = await cli(['run', '--rollback', file], home);
    expect([r.out, r.err, r.code]).toEqual([`${ADA_LIST}hi\n`, '', 0]);
    const count = join(home, 'count.crm');
    writeFileSync(count, 'SearchEngine se; se.addField("notify.id"); printLine(se.countRows().toString());');
    expect((await cli(['run', count], home)).out).toBe('0\n');
  });
});

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  it("gains profile, hotlist and inbox with the demo's rows", async () => {
    const drop = 'DROP TABLE profile; DROP TABLE hotlist; DROP TABLE inbox; PRAGMA user_version = 20';
    expect(await runOnOlderSqlite('crm-service-old-', drop, `${PROFILE}\nSearchEngine se; se.addField("hotlist.ticket_id"); se.addField("inbox.id"); printLine(se.executeTextTable());`)).toContain(ADA_LIST);
    expect(await runOnOlderSqlite('crm-service-old-', `${drop}; DELETE FROM config`, 'SearchEngine se; se.addField("profile.id"); printLine(se.countRows().toString());')).toBe('0\n');
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it('gains the tables when a process of this build opens it', async () => {
    const { url, admin } = await olderPgSandbox(['DROP TABLE crm.profile', 'DROP TABLE crm.hotlist', 'DROP TABLE crm.inbox'], 19);
    try {
      expect(await runFileOn(url, 'crm-service-pg-', PROFILE, ['--rollback'])).toBe(ADA_LIST);
      expect((await admin.query('SELECT user_id, ticket_id FROM crm.hotlist')).rows.map((r: { user_id: string; ticket_id: string }) => [Number(r.user_id), Number(r.ticket_id)])).toEqual([[2, 1]]);
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
    } finally {
      await admin.end();
    }
  }, 60_000);
});
