// `crmscript-tui store`: where the store is (JSON files or PostgreSQL), creating and upgrading
// its tables (`store migrate`), copying a whole store between backends (`store copy`) and
// exporting it as one JSON document (`store export`).
import type { Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Store, isPostgresUrl, storeUrlFromEnv } from '../store/store.js';
import { materialize } from '../store/backend.js';
import { STORE_FILE, resolveDataDir } from '../store/paths.js';
import { COLLECTIONS } from '../store/changes.js';
import { copyContent } from '../store/files.js';
import type { StoreData } from '../store/schema.js';
import { crmPath } from '../crm/location.js';
import { copyCrmData, type CrmCopyResult } from '../crm/copy.js';
import { resetDatabase } from '../crm/admin.js';
import { commandDriverOptions, openDriver } from '../crm/open.js';
import { PG_CRM_VERSION, PgCrmDriver } from '../crm/pg/driver.js';
import { CliError, action, formatTable, out } from './common.js';
import type { GlobalOptions } from './common.js';

/** A store named on the command line: a postgres:// URL or a data directory. */
async function openNamed(where: string, opts: { mustExist: boolean }): Promise<Store> {
  if (isPostgresUrl(where)) return Store.open(resolveDataDir(), { url: where, seed: false });
  const dir = resolve(where);
  if (opts.mustExist && !existsSync(join(dir, STORE_FILE))) throw new CliError(`There is no store in ${dir} (no ${STORE_FILE}).`);
  return Store.open(dir, { url: '', seed: false });
}

/** The sandbox CRM of a store named on the command line: its PostgreSQL database, or the data directory's SQLite file. */
function crmOf(where: string): string {
  return isPostgresUrl(where) ? where : crmPath(resolve(where));
}

/** Replaces the target's sandbox CRM by a copy of the source's; null when the source has none (never opened). */
async function copyCrm(from: string, to: string): Promise<CrmCopyResult | null> {
  const source = crmOf(from);
  if (!(isPostgresUrl(source) ? PgCrmDriver.exists(source) : existsSync(source))) return null;
  const src = await openDriver(source);
  try {
    await resetDatabase(crmOf(to), true);
    const dst = await openDriver(crmOf(to));
    try {
      return copyCrmData(src, dst);
    } finally {
      dst.close();
    }
  } finally {
    src.close();
  }
}

function counts(d: StoreData): string[][] {
  return COLLECTIONS.map((c) => [c, String((d[c] as unknown[]).length)]);
}

function isEmpty(d: StoreData): boolean {
  return COLLECTIONS.every((c) => (d[c] as unknown[]).length === 0);
}

export function registerStoreCommands(program: Command, globals: () => GlobalOptions): void {
  const openDefault = () => Store.open(resolveDataDir(globals().dataDir));
  const cmd = program.command('store').description('where the store is; create or upgrade it; copy it between backends');
  cmd
    .command('info', { isDefault: true })
    .description('show the backend, where it is, the daemons connected to it (PostgreSQL) and how many records it holds')
    .action(
      action(async () => {
        const store = await openDefault();
        out(`backend: ${store.kind === 'postgres' ? 'PostgreSQL' : 'JSON files'}\nlocation: ${store.file}\ndata directory: ${store.dataDir}`);
        const fleet = await store.connectedDaemons();
        if (fleet) out(`daemons connected: ${fleet.length > 0 ? fleet.join(', ') : 'none'}`);
        out(formatTable(['COLLECTION', 'RECORDS'], counts(store.read())));
        await store.close();
      }),
    );
  cmd
    .command('migrate')
    .description('create the store or upgrade it to this version (PostgreSQL: the tables; JSON: the files)')
    .action(
      action(async () => {
        const url = storeUrlFromEnv();
        if (url) {
          const { migratePgUrl } = await import('../store/pg/migrate-url.js');
          const r = await migratePgUrl(url);
          out(r.from === r.to ? `The tables are up to date (schema ${r.to}).` : `Upgraded the tables from schema ${r.from} to ${r.to}.`);
          // the sandbox CRM's tables live in the same database (schema crm): created with the demo data, or upgraded
          const { seedDemo } = await import('../crm/demo.js');
          const crm = PgCrmDriver.open(url, commandDriverOptions(), seedDemo);
          crm.close();
          const from = crm.schemaFrom;
          out(from === PG_CRM_VERSION ? `The sandbox CRM tables are up to date (schema ${from}).` : from === 0 ? `Created the sandbox CRM tables with the demo data (schema ${PG_CRM_VERSION}).` : `Upgraded the sandbox CRM tables from schema ${from} to ${PG_CRM_VERSION}.`);
        }
        // creates (seeded) or upgrades the document; a JSON store's journals are checked line by line
        const store = await Store.open(resolveDataDir(globals().dataDir), { checkAll: true });
        out(`The store at ${store.file} is ready (format ${store.read().version}).`);
        await store.close();
      }),
    );
  cmd
    .command('copy')
    .description('copy a whole store, with its sandbox CRM, from one place to another (a data directory or a postgres:// URL)')
    .requiredOption('--from <store>', 'the source: a data directory or a postgres:// URL')
    .requiredOption('--to <store>', 'the target: a data directory or a postgres:// URL')
    .option('--force', 'replace a target that is not empty')
    .action(
      action(async (o: { from: string; to: string; force?: boolean }) => {
        const from = await openNamed(o.from, { mustExist: true });
        const to = await openNamed(o.to, { mustExist: false });
        try {
          const data = materialize(from.read());
          if (!o.force && !isEmpty(to.read())) {
            throw new CliError(`The target ${to.file} is not empty; give --force to replace what it holds.`);
          }
          await to.replaceAll(data);
          const files = await copyContent(from, to, data);
          out(`Copied ${from.file} to ${to.file}:`);
          out(formatTable(['COLLECTION', 'RECORDS'], [...counts(to.read()), ['recording and output files', String(files.copied)]]));
          if (files.missing.length > 0) out(`${files.missing.length} file(s) named by the records were not found in the source: ${files.missing.join(', ')}`);
          const crm = await copyCrm(o.from, o.to);
          out(crm ? `Sandbox CRM: ${crm.tables} tables, ${crm.rows} rows copied (row counts checked).` : `Sandbox CRM: the source has none (${crmOf(o.from)}); the target's was left as it was.`);
        } finally {
          await from.close();
          await to.close();
        }
      }),
    );
  cmd
    .command('export')
    .description('write the whole store as one JSON document (to stdout or a file)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(
      action(async (o: { out?: string }) => {
        const store = await openDefault();
        const text = JSON.stringify(materialize(store.read()), null, 2) + '\n';
        await store.close();
        if (o.out) writeFileSync(o.out, text, { mode: 0o600 });
        else process.stdout.write(text);
      }),
    );
}
