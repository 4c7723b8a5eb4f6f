// The harness of the agent tests: a sandbox CRM with its demo data (SQLite in a temporary
// directory), opened once per test file, and CRMScript programs run on it in this process as
// rollback runs, so each test starts from the demo data.
import { beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext } from '../../../src/interp/runtime/context.js';
import { commandDriverOptions, openDriver, serviceOver } from '../../../src/crm/open.js';
import type { CrmChange, CrmService } from '../../../src/interp/runtime/crm-service.js';
import { cleanupTempDirs, tempDir } from '../../common.js';

type Driver = Awaited<ReturnType<typeof openDriver>>;

export interface SandboxRun {
  out: string;
  error: string | null;
  /** What the run wrote (rolled back after it). */
  changes: CrmChange[];
}

export interface RunOptions {
  /** Prepares rows before the program runs. */
  seed?: (crm: CrmService) => void;
  /** Sees the database after the program and before the rollback. */
  check?: (crm: CrmService) => void;
}

/** Opens the file's sandbox CRM before its tests (and removes it after); the result runs programs on it. */
export function sandboxCrm(prefix: string): (source: string, opts?: RunOptions) => SandboxRun {
  let driver: Driver;
  beforeAll(async () => {
    driver = await openDriver(join(tempDir(prefix), 'crm.sqlite'), commandDriverOptions(true));
  });
  afterAll(() => cleanupTempDirs());
  return (source, opts = {}) => {
    const c = compileScript({ source, file: 't.crm' });
    if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
    const crm = serviceOver(driver, { rollback: true });
    opts.seed?.(crm);
    let out = '';
    const r = execute(c.compiled, newRunContext({ out: (s) => (out += s), crm }));
    opts.check?.(crm);
    return { out, error: r.error?.message ?? null, changes: crm.finish() };
  };
}

/** "table.column" of every column the changes wrote, in the order written. */
export const changedColumns = (changes: CrmChange[]): string[] => changes.flatMap((ch) => ch.columns.map((col) => `${ch.table}.${col.name}`));
