// Ticket category members (category_membership): the demo's rows (each category's master),
// SearchEngine following them from a ticket's category, Ticket.delegate taking its members (even
// and weighted), and a sandbox made by an older build (SQLite schema 8, PostgreSQL 7) gaining
// the table, filled with whom that build took for members (master, users with it as default).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmFixture, describeBackends, runOk, runWithCrm, olderSqliteSandbox, type CrmFixture, olderPgSandbox, runFileOn } from './helpers.js';
import { cleanupTempDirs, requireBuiltCli } from '../common.js';
import { pgOnlyDescribe } from '../store/backends.js';
import { openDriver, serviceOver } from '../../src/crm/open.js';
import { loadSqlite } from '../../src/crm/sqlite/engine.js';
import { PG_CRM_VERSION } from '../../src/crm/pg/ddl.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

const MEMBERS = `SearchEngine se;
se.addField("ticket.id");
se.addField("ticket.category.(category_membership->category_id).user_id");
se.addField("ticket.category.(category_membership->category_id).user_id.loginname");
se.addCriteria("ticket.id", "Lte", "2");
se.addOrder("ticket.id", true);
for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + "|" + se.getField(1) + "|" + se.getField(2));`;

describeBackends('ticket category members', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());

  const run = (src: string): string => runOk(f, src);

  it("the demo makes each category's master its member; SearchEngine follows them from a ticket's category", () => {
    const rows = f.crm.select('category_membership', { orderBy: [{ column: 'id' }] }).map((r) => [r.category_id, r.user_id, r.weight]);
    expect(rows.map((r) => r.map(Number))).toEqual([
      [1, 2, 1],
      [2, 3, 1],
      [3, 5, 1],
      [4, 4, 1],
      [5, 2, 1],
    ]);
    const ticket2 = Number(f.crm.get('ticket', 2)!.category);
    const user = { 1: '2|admin', 2: '3|bob', 3: '5|dave', 4: '4|carol', 5: '2|admin' }[ticket2];
    expect(run(MEMBERS)).toBe(`1|3|bob\n2|${user}\n`);
  });

  it('weighted delegation gives each member as many turns as its weight, none at weight 0', () => {
    const carol = f.crm.insert('category_membership', { category_id: 2, user_id: 4, weight: 2, is_defined_by_usergroup: 0 });
    f.crm.update('ej_category', 2, { delegate_method: 2, delegate_counter: 0 });
    const turns = 'Integer i = 0; while (i < 6) { Ticket t; t.load(1); t.delegate(); t.save(); printLine(t.getValue("ownedBy")); i++; }';
    expect(run(turns)).toBe('3\n4\n4\n3\n4\n4\n');
    f.crm.update('category_membership', carol, { weight: 0 });
    expect(run(turns)).toBe('3\n3\n3\n3\n3\n3\n');
  });
});

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  /** Writes a sandbox as schema 8 wrote it (no category_membership), carol's default category Hardware; `data`: the demo data or no categories. */
  async function oldSandbox(data: boolean): Promise<string> {
    return olderSqliteSandbox('crm-members-old-', [`DROP TABLE category_membership; UPDATE ejuser SET default_category = 2 WHERE id = 4; PRAGMA user_version = 8`, ...(data ? [] : ['DELETE FROM ej_category'])].join('; '));
  }

  it("gains the table with each category's master and the users whose default category it is", async () => {
    const driver = await openDriver(await oldSandbox(true));
    try {
      expect(driver.all('SELECT id, category_id, user_id, weight FROM category_membership ORDER BY id').rows).toEqual([
        [1, 1, 2, 1],
        [2, 2, 3, 1],
        [3, 2, 4, 1],
        [4, 3, 5, 1],
        [5, 4, 4, 1],
        [6, 5, 2, 1],
      ]);
      const r = runWithCrm({ dir: '', driver, crm: serviceOver(driver, { rollback: true }) }, 'Ticket t; t.load(1); t.delegate(3); t.save(); printLine(t.getValue("ownedBy"));');
      expect(r.error).toBeNull();
      expect(r.output).toBe('4\n');
    } finally {
      driver.close();
    }
  });

  it('a sandbox without categories gets the table without rows', async () => {
    const driver = await openDriver(await oldSandbox(false));
    try {
      expect(driver.all('SELECT count(*) FROM category_membership').rows[0]?.[0]).toBe(0);
    } finally {
      driver.close();
    }
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it('gains the table, filled, when a process of this build opens it', async () => {
    const { url, admin } = await olderPgSandbox(['DROP TABLE crm.category_membership', 'UPDATE crm.ejuser SET default_category = 2 WHERE id = 4'], 7);
    try {
      // a process of this build opens it (this one's driver has seen the tables up to date)
      expect(await runFileOn(url, 'crm-members-pg-', 'Ticket t; t.load(1); t.delegate(3); t.save(); printLine(t.getValue("ownedBy"));', ['--rollback'])).toBe('4\n');
      const rows = (await admin.query('SELECT category_id, user_id FROM crm.category_membership ORDER BY id')).rows.map((x: { category_id: string; user_id: string }) => [Number(x.category_id), Number(x.user_id)]);
      expect(rows).toEqual([
        [1, 2],
        [2, 3],
        [2, 4],
        [3, 5],
        [4, 4],
        [5, 2],
      ]);
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
    } finally {
      await admin.end();
    }
  }, 60_000);
});
