// Change tracking for SQLite: TEMP triggers on every table log each inserted, updated and deleted
// row (as JSON) into a TEMP table of this connection. Every write path is covered, including SQL
// text a script runs with executeSQLQuery, and nothing is written to the database file.
import type { Database } from 'sql.js';
import type { CrmColumn, CrmValue } from '../../interp/runtime/crm-service.js';
import type { RawChange } from '../driver.js';
import { storageOf, type CrmSchema } from '../schema.js';
import { q } from './ddl.js';
import { isCatalogView, SEQUENCE_VIEW } from '../sequence-view.js';

/** Names scripts must not touch through SQL text (they would hide writes from the log). */
export const LOG_TABLE = 'crm_run_changes';
export const TRIGGER_PREFIX = 'crm_track_';

/** A column's value as the log keeps it: bytes (JSON cannot hold them) as their size, 'N bytes'. */
function logged(c: CrmColumn, value: string): string {
  return storageOf(c.type) === 'blob' ? `CASE WHEN ${value} IS NULL THEN NULL ELSE length(${value}) || ' bytes' END` : value;
}

export function installTracking(db: Database, schema: CrmSchema): void {
  const parts = [`CREATE TEMP TABLE IF NOT EXISTS ${LOG_TABLE} (seq INTEGER PRIMARY KEY, tbl TEXT, kind TEXT, id INTEGER, old TEXT, new TEXT)`];
  for (const t of schema.tables.values()) {
    if (isCatalogView(t.name)) continue; // a view: what changes is the engine's counters, not rows
    const row = (alias: string): string => `json_object(${t.columns.map((c) => `'${c.name.replace(/'/g, "''")}', ${logged(c, `${alias}.${q(c.name)}`)}`).join(', ')})`;
    const pk = q(t.primaryKey);
    const name = (k: string): string => q(`${TRIGGER_PREFIX}${t.name.toLowerCase()}_${k}`);
    const table = `main.${q(t.name)}`;
    const lit = `'${t.name.replace(/'/g, "''")}'`;
    parts.push(
      `CREATE TEMP TRIGGER IF NOT EXISTS ${name('i')} AFTER INSERT ON ${table} BEGIN INSERT INTO ${LOG_TABLE}(tbl, kind, id, old, new) VALUES (${lit}, 'insert', NEW.${pk}, NULL, ${row('NEW')}); END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${name('u')} AFTER UPDATE ON ${table} BEGIN INSERT INTO ${LOG_TABLE}(tbl, kind, id, old, new) VALUES (${lit}, 'update', NEW.${pk}, ${row('OLD')}, ${row('NEW')}); END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${name('d')} AFTER DELETE ON ${table} BEGIN INSERT INTO ${LOG_TABLE}(tbl, kind, id, old, new) VALUES (${lit}, 'delete', OLD.${pk}, ${row('OLD')}, NULL); END`,
    );
  }
  db.exec(parts.join(';\n'));
}

/** The tables (and the sequence view) the file has: a table of the schema may be missing in an old file. */
export function existingTables(db: Database): Set<string> {
  const r = db.exec(`SELECT name FROM sqlite_master WHERE type = 'table' OR (type = 'view' AND name = '${SEQUENCE_VIEW}')`);
  return new Set((r[0]?.values ?? []).map((v) => String(v[0]).toLowerCase()));
}

export function readLog(db: Database): RawChange[] {
  const r = db.exec(`SELECT tbl, kind, id, old, new FROM temp.${LOG_TABLE} ORDER BY seq`);
  return (r[0]?.values ?? []).map(([tbl, kind, id, old, nw]) => ({
    table: String(tbl),
    kind: kind as RawChange['kind'],
    id: Number(id),
    old: old == null ? null : (JSON.parse(String(old)) as Record<string, CrmValue>),
    new: nw == null ? null : (JSON.parse(String(nw)) as Record<string, CrmValue>),
  }));
}

export function clearLog(db: Database): void {
  db.exec(`DELETE FROM temp.${LOG_TABLE}`);
}
