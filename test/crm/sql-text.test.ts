// SQL text as scripts write it (executeSQLQuery: SQLite's spelling) on both engines: placeholders,
// LIMIT forms, upserts, keys after explicit ids, date functions, a table created by a script (its
// columns' types and its changes recorded), and what the sandbox refuses.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crmFixture, describeBackends, type CrmFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';
import { toPgSql } from '../../src/crm/pg/translate.js';

let f: CrmFixture;
afterAll(cleanupTempDirs);

it('spells SQLite text for PostgreSQL without touching literals', () => {
  const key = (t: string) => (t.toLowerCase() === 'y_equipment' ? 'id' : null);
  expect(toPgSql("select `x_Name` from \"Y_Equipment\" where x_serial = ? and x_name <> '?' limit 5, 10", key)).toBe(
    `select "x_name" from "y_equipment" where x_serial = $1 and x_name <> '?' LIMIT 10 OFFSET 5`,
  );
  expect(toPgSql('select * from ticket limit -1 offset 2', key)).toBe('select * from ticket LIMIT ALL offset 2');
  expect(toPgSql('INSERT OR REPLACE INTO y_equipment (id, x_name) VALUES (?, ?);', key)).toBe(
    'INSERT INTO "y_equipment" ("id", "x_name") VALUES ($1, $2) ON CONFLICT ("id") DO UPDATE SET "x_name" = EXCLUDED."x_name"',
  );
  expect(toPgSql('insert or ignore into y_equipment (id) values (?)', key)).toBe('INSERT INTO "y_equipment" ("id") values ($1) ON CONFLICT DO NOTHING');
  expect(toPgSql("select ifnull(title, 'none'), date('now'), date('2024-01-01') from ticket", key)).toBe(
    "select coalesce(title, 'none'), to_char(LOCALTIMESTAMP(0), 'YYYY-MM-DD'), date('2024-01-01') from ticket",
  );
});

describeBackends('SQL text from scripts', (b) => {
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());

  it('runs SQLite-spelled statements with the same results', () => {
    const q = (sql: string, params: (string | number)[] = []) => f.crm.query(sql, params).rows;
    expect(q('select x_name from y_equipment order by id limit 1, 1')).toEqual([['Handheld scanner HS-9']]);
    expect(q('select count(*) from ticket where id > ? and title like ?', [2, '%PRINTER%'])).toEqual([[0]]);
    expect(q("select count(*) from ticket where created_at < datetime('now')")[0]![0]).toBe(10);
    f.crm.execute('INSERT OR REPLACE INTO y_equipment (id, x_name, x_serial) VALUES (?, ?, ?)', [1, 'Replaced', 'R-0']);
    expect(q('select count(*), max(x_name) from y_equipment where id = 1')).toEqual([[1, 'Replaced']]);
    // keys given explicitly (demo data, the upsert above) do not come back from the sequence
    const made = f.crm.execute('INSERT INTO y_equipment (x_name) VALUES (?)', ['Fresh']);
    expect(made.lastId).toBe(4);
    f.crm.execute('INSERT INTO y_equipment (id, x_name) VALUES (?, ?)', [50, 'Far']);
    expect(f.crm.insert('y_equipment', { x_name: 'After far' })).toBe(51);
  });

  it('creates a table from SQL text: its columns are typed and its writes are in the change log', () => {
    f.crm.execute('CREATE TABLE y_visit (id INTEGER PRIMARY KEY AUTOINCREMENT, x_when DATETIME, x_km REAL, x_note TEXT, x_count INTEGER)');
    const t = f.crm.table('y_visit')!;
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([['id', 'PK'], ['x_when', 'DateTime'], ['x_km', 'Double'], ['x_note', 'String'], ['x_count', 'Int']]);
    const id = f.crm.insert('y_visit', { x_when: '2025-02-03 04:05:06', x_km: 12.5, x_note: 'ok', x_count: 2 });
    expect(f.crm.get('y_visit', id)).toEqual({ id, x_when: '2025-02-03 04:05:06', x_km: 12.5, x_note: 'ok', x_count: 2 });
    const change = f.crm.changes().find((c) => c.table === 'y_visit');
    expect(change).toMatchObject({ kind: 'insert', id });
    expect(change!.columns).toContainEqual({ name: 'x_km', old: null, new: 12.5 });
  });

  it("refuses other schemas, session settings and server functions", () => {
    expect(() => f.crm.query('select * from public.scripts')).toThrow(/outside the sandbox CRM/);
    expect(() => f.crm.query('select * from "pg_catalog".pg_roles')).toThrow(/outside the sandbox CRM/);
    expect(() => f.crm.query("select set_config('crmscript.track', 'off', true)")).toThrow(/server functions/);
    expect(() => f.crm.execute('SET search_path TO public')).toThrow(/this statement/);
    // and the store's tables are not where scripts look
    expect(() => f.crm.query('select count(*) from scripts')).toThrow(/scripts/);
  });
});
