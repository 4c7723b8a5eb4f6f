// SuperOffice's `sequence` table (id, next_id, TableName, TableNumber): the next id of each table.
// Scripts that insert rows with ids of their own then raise the table's next_id (SuperOffice's
// chatbot sample does so for BinaryObject), and read it to pick ids.
//
// In the sandbox it is a view over the engine's own key counters, so it never falls out of step:
// SQLite's sqlite_sequence (AUTOINCREMENT keys: the next id is the counter + 1, and an insert with
// a larger id of its own moves the counter past it) and PostgreSQL's identity sequences (the driver
// moves one past an id a script gives: pg/driver.ts). One row per table of the sandbox, extra
// tables included; TableName upper case, as SuperOffice's sample looks it up; TableNumber the
// table's number in SuperOffice's database reference (0 for the sandbox's own tables), which is
// also the row's id (tables without a number: 1000000 + their place in name order).
//
// Raising next_id moves the counter, so the table's next insert gets at least that id; a lower
// value is ignored (ids already given are never handed out again). Rows cannot be added or
// deleted. In PostgreSQL a counter is not transactional: one raised in a run that is rolled back
// stays raised (as ids taken by rolled-back inserts stay taken).
import type { CrmSchema } from './schema.js';

/** The catalog views of the sandbox: in the schema like tables, but not created, tracked or copied as tables. */
export const SEQUENCE_VIEW = 'sequence';

export function isCatalogView(name: string): boolean {
  return name.toLowerCase() === SEQUENCE_VIEW;
}

const REFUSED = "table sequence has one row per table, kept by the sandbox: rows cannot be added or deleted (raise next_id to move a table''s next id)";

/** (lower-case name, number) of the schema's numbered tables, as SQL VALUES rows. */
function numbers(schema: CrmSchema): string {
  const rows = [...schema.tables.values()].filter((t) => t.number > 0 && !t.extra).map((t) => `('${t.name.toLowerCase().replace(/'/g, "''")}', ${t.number})`);
  return rows.length ? rows.join(', ') : "('', 0)";
}

const ID = 'CASE WHEN t.num > 0 THEN t.num ELSE 1000000 + row_number() OVER (PARTITION BY t.num > 0 ORDER BY lower(t.name)) END';

/** SQLite: (re)creates the view and its triggers. */
export function sqliteSequenceViewSql(schema: CrmSchema): string[] {
  const table = `(SELECT name FROM sqlite_master WHERE type = 'table' AND upper(name) = OLD."TableName")`;
  return [
    `DROP VIEW IF EXISTS "sequence"`,
    `CREATE VIEW "sequence" ("id", "next_id", "TableName", "TableNumber") AS
      SELECT ${ID}, t.seq + 1, upper(t.name), t.num
        FROM (SELECT m.name AS name, coalesce(n.num, 0) AS num, coalesce(s.seq, 0) AS seq
                FROM sqlite_master m
                LEFT JOIN sqlite_sequence s ON s.name = m.name
                LEFT JOIN (SELECT column1 AS name, column2 AS num FROM (VALUES ${numbers(schema)})) n ON n.name = lower(m.name)
               WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\') t`,
    `CREATE TRIGGER "sequence_update" INSTEAD OF UPDATE ON "sequence" WHEN NEW."next_id" > OLD."next_id" BEGIN
      UPDATE sqlite_sequence SET seq = NEW."next_id" - 1 WHERE name = ${table};
      INSERT INTO sqlite_sequence (name, seq) SELECT ${table}, NEW."next_id" - 1
       WHERE ${table} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ${table});
    END`,
    `CREATE TRIGGER "sequence_insert" INSTEAD OF INSERT ON "sequence" BEGIN SELECT RAISE(ABORT, '${REFUSED}'); END`,
    `CREATE TRIGGER "sequence_delete" INSTEAD OF DELETE ON "sequence" BEGIN SELECT RAISE(ABORT, '${REFUSED}'); END`,
  ];
}

/** PostgreSQL: (re)creates the view and its trigger in `crmSchema` (run with it as the search path). */
export function pgSequenceViewSql(schema: CrmSchema, crmSchema: string): string[] {
  const ns = `'${crmSchema.replace(/'/g, "''")}'`;
  const tables = `pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attidentity <> ''`;
  const serial = `pg_get_serial_sequence(format('%I.%I', ns.nspname, c.relname), a.attname)`;
  return [
    `DROP VIEW IF EXISTS "sequence"`,
    `CREATE VIEW "sequence" ("id", "next_id", "tablename", "tablenumber") AS
      SELECT ${ID}, t.last + 1, upper(t.name), t.num
        FROM (SELECT c.relname::text AS name, coalesce(n.num, 0) AS num,
                     coalesce(pg_sequence_last_value(${serial}::regclass), 0) AS last
                FROM ${tables}
                LEFT JOIN (VALUES ${numbers(schema)}) n(name, num) ON n.name = c.relname
               WHERE ns.nspname = ${ns} AND c.relkind = 'r' AND c.relname <> 'crm_meta') t`,
    `CREATE OR REPLACE FUNCTION crm_sequence_write() RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE s text;
     BEGIN
       IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION '${REFUSED}'; END IF;
       IF NEW.next_id IS NOT NULL AND NEW.next_id > OLD.next_id THEN
         SELECT ${serial} INTO s FROM ${tables}
          WHERE ns.nspname = ${ns} AND c.relkind = 'r' AND upper(c.relname) = OLD.tablename LIMIT 1;
         IF s IS NOT NULL THEN PERFORM setval(s, NEW.next_id - 1, true); END IF;
       END IF;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER crm_sequence_write INSTEAD OF INSERT OR UPDATE OR DELETE ON "sequence" FOR EACH ROW EXECUTE FUNCTION crm_sequence_write()`,
  ];
}
