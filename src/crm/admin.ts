// What the `crm` commands and the TUI's CRM view do with the sandbox database: list tables with
// row counts, show rows, run SQL, import CSV/JSON, export, reset.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, extname } from 'node:path';
import type { CrmRow, CrmValue } from '../interp/runtime/crm-service.js';
import type { CrmDriver, SqlResult } from './driver.js';
import { errorMessage } from '../interp/util/error-message.js';
import { CrmDatabaseError } from './errors.js';
import { commandDriverOptions, openDriver } from './open.js';
import { SqliteDriver } from './sqlite/driver.js';
import { PgCrmDriver } from './pg/driver.js';
import { isPostgresUrl } from '../store/url.js';
import { loadSqlite } from './sqlite/engine.js';
import { seedDemo } from './demo.js';
import { parseCsv, toCsv } from './csv.js';
import { checkScriptSql } from './sql-guard.js';
import { storageOf } from './schema.js';
import { normalizeDate } from './search/convert.js';
import { isCatalogView } from './sequence-view.js';

export interface TableInfo {
  name: string;
  rows: number;
  extra: boolean;
}

export function listTables(d: CrmDriver): TableInfo[] {
  const q = d.dialect.quote;
  return [...d.schema().tables.values()]
    .map((t) => ({ name: t.name, rows: Number(d.all(`SELECT count(*) FROM ${q(t.name)}`).rows[0][0]), extra: !!t.extra }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

export interface ShowOptions {
  where?: Record<string, string>;
  limit?: number;
  offset?: number;
}

/** Rows of a table; `where` compares columns with =, values converted to the column's type. */
export function showRows(d: CrmDriver, table: string, o: ShowOptions = {}): SqlResult & { table: string; primaryKey: string } {
  const schema = d.schema();
  const t = schema.mustFind(table);
  const q = d.dialect.quote;
  const params: CrmValue[] = [];
  const conds = Object.entries(o.where ?? {}).map(([k, v]) => {
    const col = schema.column(t, k);
    params.push(convert(storageOf(col.type), v));
    return `${q(col.name)} = ?`;
  });
  const sql = `SELECT * FROM ${q(t.name)}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''} ORDER BY ${q(t.primaryKey)}${d.dialect.limit(o.limit ?? -1, o.offset)}`;
  const r = d.all(sql, params);
  // bytes (a Blob column) as base64 text, which import turns back into bytes
  const rows = r.rows.map((row) => row.map((v) => ((v as unknown) instanceof Uint8Array ? Buffer.from(v as unknown as Uint8Array).toString('base64') : v)));
  // engines differ in the case of the names they return (PostgreSQL: lower case); the schema's win
  return { columns: r.columns.map((c) => t.byName.get(c.toLowerCase())?.name ?? c), rows, table: t.name, primaryKey: t.primaryKey };
}

function convert(kind: ReturnType<typeof storageOf>, v: string): CrmValue {
  if (kind === 'text') return v;
  // bytes as exported: base64 text (both engines take the bytes as a parameter)
  if (kind === 'blob') return v === '' ? null : (Buffer.from(v, 'base64') as unknown as CrmValue);
  if (kind === 'datetime') return v.trim() === '' ? null : normalizeDate(v);
  if (v.trim() === '') return kind === 'integer' ? 0 : 0;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

/** Columns worth showing in a narrow table: the key and those with a value in some row. */
export function usefulColumns(r: SqlResult, primaryKey: string): number[] {
  return r.columns
    .map((c, i) => i)
    .filter((i) => r.columns[i] === primaryKey || r.rows.some((row) => row[i] !== null && row[i] !== '' && row[i] !== 0));
}

/** Runs SQL text; writes need `write` and are committed. */
export function runSql(d: CrmDriver, sql: string, write: boolean): SqlResult & { changes?: number } {
  const kind = checkScriptSql(sql);
  if (kind === 'read') return d.all(sql);
  if (!write) throw new CrmDatabaseError('this SQL changes data: add --write to run it (crm sql is read-only by default)');
  d.beginWrite();
  try {
    const r = d.run(sql);
    d.commit();
    return { columns: ['changes'], rows: [[r.changes]], changes: r.changes };
  } catch (e) {
    d.rollback();
    throw e;
  }
}

/** Imports rows from a .csv (header row = column names) or .json (array of objects) file. */
export function importFile(d: CrmDriver, file: string, table: string): number {
  const schema = d.schema();
  const t = schema.mustFind(table);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CrmDatabaseError(`cannot read ${file}: ${errorMessage(e)}`);
  }
  let columns: string[];
  let rows: string[][] | CrmRow[];
  const ext = extname(file).toLowerCase();
  if (ext === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new CrmDatabaseError(`${file} is not valid JSON: ${errorMessage(e)}`);
    }
    if (!Array.isArray(data) || data.some((x) => !x || typeof x !== 'object' || Array.isArray(x))) throw new CrmDatabaseError(`${file}: expected a JSON array of objects (one per row)`);
    rows = data as CrmRow[];
    columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  } else if (ext === '.csv') {
    const all = parseCsv(text);
    if (!all.length) throw new CrmDatabaseError(`${file} is empty (the first line must name the columns)`);
    columns = all[0].map((c) => c.trim());
    rows = all.slice(1);
  } else throw new CrmDatabaseError(`${file}: import reads .csv or .json files`);
  const cols = columns.map((c) => schema.column(t, c));
  const kinds = cols.map((c) => storageOf(c.type));
  const q = d.dialect.quote;
  // rows are converted one at a time as they are written (in place for CSV: no second copy of 100,000 rows)
  function* params(): Generator<CrmValue[]> {
    let n = 0;
    for (const r of rows as (string[] | CrmRow)[]) {
      n++;
      if (Array.isArray(r)) {
        if (r.length !== cols.length) throw new CrmDatabaseError(`line ${n + 1} has ${r.length} fields, the header has ${cols.length}`);
        const out = r as CrmValue[];
        for (let i = 0; i < out.length; i++) out[i] = convert(kinds[i], r[i]);
        yield out;
      } else {
        yield columns.map((c, i) => {
          const v = r[c];
          // a key the object lacks gets the column's default, as in a CSV line with an empty field
          if (v === undefined) return convert(kinds[i], '');
          return v === null ? null : typeof v === 'number' ? v : convert(kinds[i], String(v));
        });
      }
    }
  }
  try {
    // a large import: write the rows first and build the table's indexes once afterwards
    const indexes = rows.length > 5000 && d.dialect.name === 'sqlite' ? d.all("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [t.name]).rows : [];
    for (const [name] of indexes) d.run(`DROP INDEX ${q(String(name))}`);
    const n = d.insertRows(t.name, cols.map((c) => c.name), params());
    for (const [, create] of indexes) d.run(String(create));
    d.commit();
    return n;
  } catch (e) {
    d.rollback();
    throw e instanceof CrmDatabaseError ? new CrmDatabaseError(`${file}: ${e.message}`) : e;
  }
}

/** Writes TABLE.csv (or .json) for every table that has rows; returns what was written. */
export function exportAll(d: CrmDriver, dir: string, json: boolean): { table: string; rows: number; file: string }[] {
  mkdirSync(dir, { recursive: true });
  const out: { table: string; rows: number; file: string }[] = [];
  for (const t of listTables(d)) {
    // the sequence view is no data of its own (its rows cannot be imported): the counters follow the rows
    if (!t.rows || isCatalogView(t.name)) continue;
    const r = showRows(d, t.name);
    const file = join(dir, `${t.name}.${json ? 'json' : 'csv'}`);
    writeFileSync(file, json ? JSON.stringify(r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]]))), null, 2) + '\n' : toCsv(r.columns, r.rows));
    out.push({ table: t.name, rows: t.rows, file });
  }
  return out;
}

/**
 * Recreates the database: the demo data, or only the schema (`empty`). A file that cannot be read
 * is kept beside it (crm.sqlite.broken-<time>) rather than lost.
 */
export async function resetDatabase(location: string, empty: boolean): Promise<{ keptBroken?: string }> {
  if (isPostgresUrl(location)) {
    PgCrmDriver.recreate(location, commandDriverOptions(), empty ? () => {} : seedDemo);
    return {};
  }
  await loadSqlite();
  let keptBroken: string | undefined;
  if (existsSync(location)) {
    try {
      (await openDriver(location)).close();
    } catch (e) {
      if (!(e instanceof CrmDatabaseError)) throw e;
      keptBroken = `${location}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(location, keptBroken);
    }
  }
  SqliteDriver.create(location, commandDriverOptions(), empty ? () => {} : seedDemo, true);
  return { keptBroken };
}
