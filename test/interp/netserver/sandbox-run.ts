// The harness of the agent tests: a sandbox CRM with its demo data (SQLite in a temporary
// directory), opened once per test file, and CRMScript programs run on it in this process as
// rollback runs (backend-runs.ts), so each test starts from the demo data.
import { beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { commandDriverOptions, openDriver } from '../../../src/crm/open.js';
import type { CrmDriver } from '../../../src/crm/driver.js';
import type { CrmChange } from '../../../src/interp/runtime/crm-service.js';
import { cleanupTempDirs, tempDir } from '../../common.js';
import { runOn, type Run, type RunOpts } from './backend-runs.js';

/** Opens the file's sandbox CRM before its tests (and removes it after); the result runs programs on it. */
export function sandboxCrm(prefix: string): (source: string, opts?: RunOpts) => Run {
  let driver: CrmDriver;
  beforeAll(async () => {
    driver = await openDriver(join(tempDir(prefix), 'crm.sqlite'), commandDriverOptions(true));
  });
  afterAll(() => cleanupTempDirs());
  return (source, opts) => runOn(driver, source, opts);
}

/** "table.column" of every column the changes wrote, in the order written. */
export const changedColumns = (changes: CrmChange[]): string[] => changes.flatMap((ch) => ch.columns.map((col) => `${ch.table}.${col.name}`));
