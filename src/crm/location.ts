// Where a data directory's sandbox CRM lives, and the settings a run carries to its worker. Kept
// free of the database code so that starting a run costs nothing until a script touches data.
import { join } from 'node:path';
import type { CrmRunConfig } from '../interp/runtime/crm-service.js';
import { storeUrlFromEnv } from '../store/url.js';

export const CRM_FILE = 'crm.sqlite';

/** The sandbox database of a data directory. */
export function crmPath(dataDir: string): string {
  return join(dataDir, CRM_FILE);
}

/**
 * Where the sandbox CRM of a store is: in the store's PostgreSQL database when the store is there
 * (`databaseUrl`, or --store / $CRMSCRIPT_TUI_STORE), else the SQLite file of the data directory.
 */
export function crmLocation(dataDir: string, databaseUrl?: string | null): string {
  return databaseUrl || storeUrlFromEnv() || crmPath(dataDir);
}

/** Runs given a config by this process: with the process id and its start, a token no other run holds. */
let runs = 0;
const started = Date.now().toString(36);

/** The config a run carries to its worker. `timeoutMs`: the run's time limit (bounds a lock it could leave behind). */
export function crmRunConfig(dataDir: string, opts: { rollback?: boolean; user?: string; timeoutMs?: number; databaseUrl?: string | null } = {}): CrmRunConfig {
  return {
    location: crmLocation(dataDir, opts.databaseUrl),
    rollback: opts.rollback ?? false,
    user: opts.user ?? '',
    // a name, not a secret: node:crypto is not loaded for it (it would cost every `run FILE` its start-up)
    token: `run-${process.pid}-${started}-${++runs}`,
    lockUntil: Date.now() + (opts.timeoutMs ?? 60_000) + 5_000,
  };
}
