// What the run layer (and macro runs) add to every run of a stored script, macro, trigger or file: the sandbox CRM
// (its location, rollback, who runs) and the worker entries that wire it in. After the run, a
// write lock it may still hold (a run ended by its time limit or a stop) is released.
import type { CrmRunConfig } from '../interp/runtime/crm-service.js';
import { replaceWorkerEntry } from '../interp/isolation/isolate.js';
import { crmDebugWorkerEntry, crmRunWorkerEntry } from './run-worker-entry.js';
import { crmRunConfig } from './location.js';
import { releaseLock } from './lock.js';
import { isPostgresUrl } from '../store/url.js';

/** CRM options of a run request. */
export interface CrmRunFlags {
  /** Discard the run's CRM writes at its end (`--rollback`). */
  rollback?: boolean;
  /** Login name of the CRM user the run acts as (`--user`; '' = the sandbox's default user). */
  crmUser?: string;
}

let wired = false;
/** Run workers start from the CRM's entries (which wire the CRM service in): before any is started or pooled. */
export function wireWorkers(): void {
  if (wired) return;
  wired = true;
  replaceWorkerEntry('worker', crmRunWorkerEntry());
  replaceWorkerEntry('debug-worker', crmDebugWorkerEntry());
}

/** The CRM config of a run in `dataDir`. */
export function runCrmConfig(dataDir: string, flags: CrmRunFlags & { timeoutMs?: number }, databaseUrl?: string | null): CrmRunConfig {
  wireWorkers();
  return crmRunConfig(dataDir, { rollback: flags.rollback, user: flags.crmUser, timeoutMs: flags.timeoutMs, databaseUrl });
}

/** Releases what the run may still hold once its result is in. */
export function releaseAfterRun<T>(config: CrmRunConfig | undefined, result: Promise<T>): Promise<T> {
  if (!config) return result;
  return result.finally(() => {
    // PostgreSQL: a run ended from outside closed its connection, which ended its transaction
    if (!isPostgresUrl(config.location)) releaseLock(config.location, config.token);
  });
}
