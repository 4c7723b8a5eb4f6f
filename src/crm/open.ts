// Opening the sandbox CRM: in a command or the TUI (async, main thread) and inside a run's worker
// (the engine is readied before the run when its script touches CRM data; the database is opened
// on the first call). One place knows the file's name, which engine a location names (a
// postgres:// URL: PostgreSQL, pg/driver.ts; anything else: the SQLite file) and the run's lock
// settings.
import { randomUUID } from 'node:crypto';
import type { CrmOpener } from '../interp/runtime/crm-service.js';
import type { CrmDriver, DriverOptions } from './driver.js';
import { DriverCrmService } from './service.js';
import { SqliteDriver } from './sqlite/driver.js';
import { loadSqlite } from './sqlite/engine.js';
import { seedDemo } from './demo.js';
import { PgCrmDriver } from './pg/driver.js';
import { isPostgresUrl } from '../store/url.js';

export { CRM_FILE, crmLocation, crmPath, crmRunConfig } from './location.js';

/** How long a command waits for another writer. */
const COMMAND_LOCK_WAIT_MS = 30_000;

export function commandDriverOptions(track = false): DriverOptions {
  return { token: `cmd-${process.pid}-${randomUUID()}`, lockUntil: Date.now() + 10 * 60_000, lockWaitMs: COMMAND_LOCK_WAIT_MS, track };
}

/** Opens the database at `location` (a loaded engine; creating it on first use, with the demo data). */
function openSync(location: string, opts: DriverOptions): CrmDriver {
  return isPostgresUrl(location) ? PgCrmDriver.open(location, opts, seedDemo) : SqliteDriver.open(location, opts, seedDemo);
}

/** Opens (creating on first use, with the demo data) the database at `location` for a command. */
export async function openDriver(location: string, opts: DriverOptions = commandDriverOptions()): Promise<CrmDriver> {
  if (!isPostgresUrl(location)) await loadSqlite();
  return openSync(location, opts);
}

/** A service over an open driver (commands, the TUI, tests). */
export function serviceOver(driver: CrmDriver, opts: { rollback?: boolean; user?: string } = {}): DriverCrmService {
  return new DriverCrmService(() => driver, { rollback: opts.rollback ?? false, user: opts.user ?? '' });
}

/** The service of a run inside its worker: nothing is opened until the script's first CRM call. */
export const runCrmOpener: CrmOpener = {
  prepare: async () => {
    await loadSqlite();
  },
  open(config) {
    let driver: CrmDriver | null = null;
    const opts: DriverOptions = { token: config.token, lockUntil: config.lockUntil, lockWaitMs: Math.max(1000, config.lockUntil - Date.now() - 5_000), track: true };
    return new DriverCrmService(
      () => (driver ??= openSync(config.location, opts)),
      { rollback: config.rollback, user: config.user },
      () => driver !== null,
    );
  },
};
