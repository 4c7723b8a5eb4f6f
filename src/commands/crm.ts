// `crmscript-tui crm ...`: the sandbox CRM database from the command line.
import type { Command } from 'commander';
import type { CrmValue } from '../interp/runtime/crm-service.js';
import { action, collectPairs, formatTable, out, printJson, type GlobalOptions } from './common.js';
import { crmLocation } from '../crm/location.js';
import { openDriver } from '../crm/open.js';
import { exportAll, importFile, listTables, resetDatabase, runSql, showRows, usefulColumns } from '../crm/admin.js';
import type { CrmDriver } from '../crm/driver.js';

const cell = (v: CrmValue): string => (v === null ? '' : String(v).replace(/\s*\n\s*/g, ' ').slice(0, 60));

export function registerCrmCommands(program: Command, globals: () => GlobalOptions): void {
  const location = async (): Promise<string> => {
    const { resolveDataDir } = await import('../store/paths.js');
    return crmLocation(resolveDataDir(globals().dataDir));
  };
  const withDb = async <T>(fn: (d: CrmDriver) => T): Promise<T> => {
    const d = await openDriver(await location());
    try {
      return fn(d);
    } finally {
      d.close();
    }
  };
  const crm = program.command('crm').description('the sandbox CRM database scripts read and write (SearchEngine, Ticket, ...)');

  crm
    .command('tables')
    .description('list the tables with their row counts')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { json?: boolean }) => {
        const tables = await withDb(listTables);
        if (o.json) return printJson(tables);
        out(formatTable(['TABLE', 'ROWS', ''], tables.map((t) => [t.name, String(t.rows), t.extra ? 'extra table' : ''])));
      }),
    );

  crm
    .command('show')
    .description('show rows of a table (columns without values are left out; --json shows all)')
    .argument('<table>', 'table name, e.g. ticket')
    .option('--where <column=value>', 'only rows where the column has this value (repeatable)', collectPairs, {})
    .option('--limit <n>', 'at most n rows', '50')
    .option('--json', 'print JSON (every column)')
    .action(
      action(async (table: string, o: { where: Record<string, string>; limit: string; json?: boolean }) => {
        const limit = Number(o.limit);
        if (!(limit > 0)) throw new Error(`--limit must be a positive number, not '${o.limit}'`);
        const r = await withDb((d) => showRows(d, table, { where: o.where, limit }));
        if (o.json) return printJson(r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]]))));
        if (!r.rows.length) return out(`no rows in ${r.table}${Object.keys(o.where).length ? ' match' : ''}`);
        const cols = usefulColumns(r, r.primaryKey);
        out(formatTable(cols.map((i) => r.columns[i]), r.rows.map((row) => cols.map((i) => cell(row[i])))));
      }),
    );

  crm
    .command('sql')
    .description('run SQL on the sandbox database (read-only unless --write)')
    .argument('<sql>', 'one SQL statement')
    .option('--write', 'allow a statement that changes data (committed at once)')
    .option('--json', 'print JSON')
    .action(
      action(async (sql: string, o: { write?: boolean; json?: boolean }) => {
        const r = await withDb((d) => runSql(d, sql, !!o.write));
        if (o.json) return printJson(r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]]))));
        if (r.changes !== undefined) return out(`${r.changes} row${r.changes === 1 ? '' : 's'} changed`);
        out(formatTable(r.columns, r.rows.map((row) => row.map(cell))));
        out(`(${r.rows.length} row${r.rows.length === 1 ? '' : 's'})`);
      }),
    );

  crm
    .command('import')
    .description('add rows to a table from a CSV file (first line: column names) or a JSON array of objects')
    .argument('<file>', 'FILE.csv or FILE.json')
    .requiredOption('--table <table>', 'the table to add the rows to')
    .action(
      action(async (file: string, o: { table: string }) => {
        const started = performance.now();
        const n = await withDb((d) => importFile(d, file, o.table));
        out(`imported ${n} row${n === 1 ? '' : 's'} into ${o.table} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }),
    );

  crm
    .command('export')
    .description('write every table that has rows to DIR as TABLE.csv (or .json)')
    .argument('<dir>', 'directory (created if missing)')
    .option('--json', 'write JSON files instead of CSV')
    .action(
      action(async (dir: string, o: { json?: boolean }) => {
        const files = await withDb((d) => exportAll(d, dir, !!o.json));
        for (const f of files) out(`${f.file}  ${f.rows} row${f.rows === 1 ? '' : 's'}`);
        out(`exported ${files.length} tables`);
      }),
    );

  crm
    .command('reset')
    .description('recreate the sandbox database with the demo data (or --empty: the tables only)')
    .option('--empty', 'leave every table empty')
    .action(
      action(async (o: { empty?: boolean }) => {
        const where = await location();
        const r = await resetDatabase(where, !!o.empty);
        if (r.keptBroken) out(`the unreadable database was kept as ${r.keptBroken}`);
        const { redactUrl } = await import('../store/pg/connect.js');
        out(`${redactUrl(where)}: ${o.empty ? 'empty tables' : 'demo data'} restored`);
      }),
    );
}
