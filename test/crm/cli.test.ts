// The sandbox CRM through the CLI's commands (in this process; spawned processes where two run at
// once or a run is ended by its time limit): crm commands, run --changes /
// --rollback / --user, fire with entity inputs, an unreadable file, concurrent writers, the time
// limit, and the CRM classes end to end in a worker. Everything runs twice: with the embedded
// SQLite file, and with the store and the CRM in PostgreSQL (--store / CRMSCRIPT_TUI_STORE).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';
import { cli, cliProcess, describeBackends, type Place } from './helpers.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

describeBackends('the sandbox CRM from the CLI', (b) => {
let home: Place;
let files: string;
beforeAll(async () => {
  home = await b.fresh();
  files = tempDir('crm-files-');
});
const script = (name: string, src: string): string => {
  const p = join(files, name);
  writeFileSync(p, src);
  return p;
};
const ticketJson = async (where: string): Promise<Record<string, unknown>[]> => JSON.parse((await cli(['crm', 'show', 'ticket', '--where', where, '--json'], home)).out);

describe('crm commands', () => {
  it('creates the demo database on first use and lists tables with row counts', async () => {
    const r = await cli(['crm', 'tables', '--json'], home);
    expect(r.err).toBe('');
    const tables = JSON.parse(r.out) as { name: string; rows: number; extra: boolean }[];
    expect(tables.find((t) => t.name === 'ticket')?.rows).toBe(10);
    expect(tables.find((t) => t.name === 'ej_message')?.rows).toBe(13);
    expect(tables.find((t) => t.name === 'y_equipment')).toEqual({ name: 'y_equipment', rows: 3, extra: true });
    // PostgreSQL: the CRM tables are in the store's database, no file beside it
    expect(existsSync(join(home.dir, 'crm.sqlite'))).toBe(b.name === 'json');
  });

  it('shows rows filtered by columns, as a table or JSON', async () => {
    const closed = await ticketJson('status=2');
    expect(closed.map((t) => t.id)).toEqual([5, 8]);
    const r = await cli(['crm', 'show', 'ej_category', '--limit', '2'], home);
    expect(r.out.split('\n')[0]).toMatch(/^id +parent_id +name +category_master +fullname/);
    expect(r.out).toContain('Support/Hardware');
    const bad = await cli(['crm', 'show', 'tickets'], home);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/unknown table "tickets" \(did you mean ticket/);
  });

  it('runs SQL read-only unless --write', async () => {
    const r = await cli(['crm', 'sql', 'select count(*) as n from ticket where priority = 3', '--json'], home);
    expect(JSON.parse(r.out)).toEqual([{ n: 3 }]);
    const ro = await cli(['crm', 'sql', "update ticket set title = 'x' where id = 1"], home);
    expect(ro.code).toBe(1);
    expect(ro.err).toMatch(/add --write/);
    const w = await cli(['crm', 'sql', "update ticket set author = 'cli' where id = 1", '--write'], home);
    expect(w.out).toContain('1 row changed');
    expect((await ticketJson('id=1'))[0].author).toBe('cli');
  });

  it('imports CSV and JSON, exports every table', async () => {
    const csv = script('eq.csv', 'x_name,x_serial,x_contact,x_purchased\n"Router, big",R-1,2,2025-01-02\nSwitch,S-1,3,\n');
    expect((await cli(['crm', 'import', csv, '--table', 'y_equipment'], home)).out).toMatch(/imported 2 rows into y_equipment/);
    const json = script('p.json', JSON.stringify([{ firstname: 'Zoe', lastname: 'Zed', contact_id: 2 }]));
    expect((await cli(['crm', 'import', json, '--table', 'person'], home)).out).toMatch(/imported 1 row into person/);
    const rows = JSON.parse((await cli(['crm', 'show', 'y_equipment', '--where', 'x_serial=R-1', '--json'], home)).out);
    expect(rows).toEqual([{ id: 4, x_name: 'Router, big', x_serial: 'R-1', x_contact: 2, x_purchased: '2025-01-02 00:00:00' }]);
    const badCol = await cli(['crm', 'import', script('bad.csv', 'nope\n1\n'), '--table', 'person'], home);
    expect(badCol.err).toMatch(/unknown field "nope" in table person/);
    const dir = join(files, 'export');
    const ex = await cli(['crm', 'export', dir], home);
    expect(ex.code).toBe(0);
    expect(readdirSync(dir)).toContain('ticket.csv');
    // the sequence view is not exported: its rows are the tables' counters, and cannot be imported
    expect(readdirSync(dir)).not.toContain('sequence.csv');
    expect(readFileSync(join(dir, 'y_equipment.csv'), 'utf8')).toContain('"Router, big",R-1,2,2025-01-02 00:00:00');
  });

  if (b.name === 'json') it('refuses an unreadable database file, names the recovery command, and reset keeps the broken file', async () => {
    const h = tempDir('crm-broken-');
    writeFileSync(join(h, 'crm.sqlite'), 'this is not a database at all'.repeat(10));
    const r = await cli(['crm', 'tables'], h);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is unreadable \(not an SQLite database\); run `crmscript-tui crm reset`/);
    expect(readFileSync(join(h, 'crm.sqlite'), 'utf8')).toContain('this is not a database');
    const run = await cli(['run', script('q.crm', 'SearchEngine se; se.addField("ticket.id"); se.execute();')], h);
    expect(run.err).toMatch(/q\.crm:1:.*error: .*crm reset/);
    const reset = await cli(['crm', 'reset', '--empty'], h);
    expect(reset.out).toMatch(/the unreadable database was kept as .*crm\.sqlite\.broken-/);
    expect(JSON.parse((await cli(['crm', 'sql', 'select count(*) n from ticket', '--json'], h)).out)).toEqual([{ n: 0 }]);
    await cli(['crm', 'reset'], h);
    expect(JSON.parse((await cli(['crm', 'sql', 'select count(*) n from ticket', '--json'], h)).out)).toEqual([{ n: 10 }]);
  }, 90_000); // six CLI processes: room for a machine under heavy load
  if (b.name === 'postgres') it('names a database it cannot reach without its password, and reset rebuilds the tables', async () => {
    const gone = { dir: tempDir('crm-gone-'), url: 'postgres://someone:secret@127.0.0.1:1/nowhere' };
    const r = await cli(['crm', 'tables'], gone);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/127\.0\.0\.1:1/);
    expect(r.err).not.toContain('secret');
    const h = await b.fresh();
    const migrate = await cli(['store', 'migrate'], h);
    expect(migrate.out).toMatch(/Created the sandbox CRM tables with the demo data/);
    expect((await cli(['store', 'migrate'], h)).out).toMatch(/The sandbox CRM tables are up to date/);
    expect(JSON.parse((await cli(['crm', 'sql', 'select count(*) n from ticket', '--json'], h)).out)).toEqual([{ n: 10 }]);
    const reset = await cli(['crm', 'reset', '--empty'], h);
    expect(reset.out).toMatch(/empty tables restored/);
    expect(reset.out).not.toContain('secret');
    expect(JSON.parse((await cli(['crm', 'sql', 'select count(*) n from ticket', '--json'], h)).out)).toEqual([{ n: 0 }]);
    await cli(['crm', 'reset'], h);
    expect(JSON.parse((await cli(['crm', 'sql', 'select count(*) n from ticket', '--json'], h)).out)).toEqual([{ n: 10 }]);
  });
});

describe('runs and the CRM', () => {
  const bump = 'Ticket t; t.load(3); t.setValue("priority", "1"); t.save(); printLine(t.getValue("priority"));';

  it('run --changes prints what the run changed; --rollback keeps nothing', async () => {
    const f = script('bump.crm', bump);
    const rb = await cli(['run', f, '--changes', '--rollback'], home);
    expect(rb.out).toBe('1\n');
    expect(rb.err).toMatch(/CRM changes \(rolled back, nothing kept\): 1 row\n {2}update ticket 3: .*priority 4 → 1/);
    expect((await ticketJson('id=3'))[0].priority).toBe(4);
    const kept = await cli(['run', f, '--changes'], home);
    expect(kept.err).toMatch(/CRM changes: 1 row\n {2}update ticket 3: last_changed "2025-03-04 07:05:00" → "[^"]+", priority 4 → 1/);
    expect((await ticketJson('id=3'))[0].priority).toBe(1);
  }, 90_000); // five CLI processes: room for a machine under heavy load

  it('--user chooses who the script runs as', async () => {
    const f = script('who.crm', 'User u = getActiveUser(); printLine(u.getValue("loginname") + " " + u.getValue("associateId"));');
    expect((await cli(['run', f], home)).out).toBe('admin 1\n');
    expect((await cli(['run', f, '--user', 'carol'], home)).out).toBe('carol 3\n');
    const bad = await cli(['run', f, '--user', 'carl'], home);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/unknown CRM user "carl" \(did you mean carol/);
  });

  it('writes by the CRM classes are read back by SearchEngine in the next process', async () => {
    const make = script('make.crm', `Customer c; c.setValue("firstname", "Una"); c.setValue("lastname", "Ulf"); c.setValue("company", "3"); c.save(); c.addEmail("una@acme.example", 1, 0);
      Ticket t; t.setValue("title", "Label printer jams"); t.setValue("category", "2"); t.setValue("custId", c.getValue("id")); Integer id = t.save();
      Message m; m.setValue("ticketId", id.toString()); m.setValue("body", "It jams on every label."); m.save();
      printLine(id.toString());`);
    const id = (await cli(['run', make], home)).out.trim();
    expect(Number(id)).toBeGreaterThan(10);
    const read = script('read.crm', `SearchEngine se; se.addFields("ej_message", "body,ticket_id.title,ticket_id.owned_by.loginname,ticket_id.cust_id.contact_id.name");
      se.addCriteria("ej_message.ticket_id", "equals", "${id}"); se.execute(); printLine(se.getField(0) + "|" + se.getField(1) + "|" + se.getField(2) + "|" + se.getField(3));
      Customer c; printLine(c.findFromEmail("UNA@acme.example").toString() + " " + c.getValue("name") + " " + c.getValue("display_company"));`);
    expect((await cli(['run', read], home)).out).toBe('It jams on every label.|Label printer jams|bob|Acme Logistics\ntrue Una Ulf Acme Logistics\n');
  });

  it('two processes writing at once lose nothing', async () => {
    const add = (tag: string) => script(`add-${tag}.crm`, `Integer i = 0; while (i < 15) { Ticket t; t.setValue("title", "${tag} " + i.toString()); t.setValue("category", "1"); t.save(); i++; }`);
    const before = JSON.parse((await cli(['crm', 'sql', 'select count(*) n from ticket', '--json'], home)).out)[0].n as number;
    const [a, b] = await Promise.all([cliProcess(['run', add('A')], home), cliProcess(['run', add('B')], home)]);
    expect([a.code, b.code, a.err, b.err]).toEqual([0, 0, '', '']);
    const after = JSON.parse((await cli(['crm', 'sql', "select count(*) n from ticket where title like 'A %' or title like 'B %'", '--json'], home)).out)[0].n as number;
    expect(after).toBe(30);
    expect(JSON.parse((await cli(['crm', 'sql', 'select count(*) n from ticket', '--json'], home)).out)[0].n).toBe(before + 30);
  });

  it("the time limit ends a run in the middle of its queries, and its lock does not block the next run", async () => {
    const spin = script('spin.crm', 'Ticket t; t.load(1); t.setValue("title", "never kept"); t.save(); while (true) { SearchEngine se; se.addField("ticket.id"); se.execute(); }');
    const r = await cliProcess(['run', spin, '--timeout', '1'], home);
    expect(r.err).toMatch(/time limit/);
    const next = await cli(['run', script('ok.crm', bump), '--changes', '--rollback'], home);
    expect(next.code).toBe(0);
    expect((await ticketJson('id=1'))[0].title).toBe('Bike computer does not turn on');
  });
});

describe('fire and trigger inputs', () => {
  let h: Place;
  beforeAll(async () => {
    h = await b.fresh();
    const route = script('route.crm', `Integer id = getEventData().getInputValue("ticketId").toInteger();
      Ticket t; t.load(id);
      if (t.getValue("title").toLower().find("scanner") >= 0) t.setValue("priority", getPriorityIdFromName("Critical").toString());
      t.save(); printLine("routed " + id.toString() + " person " + getEventData().getInputValue("personId"));`);
    expect((await cli(['scripts', 'add', '--name', 'Route', '--file', route, '--include-id', 'route'], h)).code).toBe(0);
    await cli(['triggers', 'rm', 'x'], h); // the demo store's example bindings stay; ours is added last
    expect((await cli(['triggers', 'add', 'NewTicket', '--script', 'route'], h)).code).toBe(0);
  });

  it('loads the ticket named by --input and reports the changes in --json', async () => {
    const r = await cli(['fire', 'NewTicket', '--input', 'ticketId=6', '--json', '--rollback'], h);
    const o = JSON.parse(r.out);
    expect(o.runs.at(-1).output).toBe('routed 6 person 8\n');
    expect(o.inputs).toMatchObject({ ticketId: '6', personId: '8', contactId: '3' });
    expect(o.rolledBack).toBe(true);
    expect(o.changes).toContainEqual(expect.objectContaining({ table: 'ticket', id: 6, kind: 'update', columns: expect.arrayContaining([{ name: 'priority', old: 2, new: 4 }]) }));
    expect(JSON.parse((await cli(['crm', 'show', 'ticket', '--where', 'id=6', '--json'], h)).out)[0].priority).toBe(2);
  });

  it('picks the newest ticket when no id is given, and names a missing or unknown id', async () => {
    const r = await cli(['fire', 'NewTicket', '--changes'], h);
    expect(r.err).toMatch(/Inputs picked from the sandbox CRM: ticketId=10 \(the newest ticket\)/);
    expect(r.out).toContain('routed 10 person');
    expect(r.err).toMatch(/CRM changes: \d+ rows?\n {2}update ticket 10/);
    const bad = await cli(['fire', 'NewTicket', '--input', 'ticketId=999'], h);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/input ticketId=999, but the sandbox CRM has no ticket 999/);
    await cli(['crm', 'reset', '--empty'], h);
    const none = await cli(['fire', 'NewTicket'], h);
    expect(none.err).toMatch(/NewTicket needs input ticketId: the sandbox CRM has no ticket/);
  });
});
});
