// The harness of agent tests that run on every CRM backend (SQLite, and PostgreSQL when
// CRMSCRIPT_TUI_TEST_PG is set): one sandbox with the demo data a suite, and each CRMScript program
// run on it as a rollback run (its own service, finished after it), so each test starts from the
// demo data.
import { afterAll, beforeAll, expect } from 'vitest';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext } from '../../../src/interp/runtime/context.js';
import { serviceOver } from '../../../src/crm/open.js';
import type { CrmDriver } from '../../../src/crm/driver.js';
import type { CrmService } from '../../../src/interp/runtime/crm-service.js';
import type { BackendCase } from '../../store/backends.js';
import { crmFixture } from '../../crm/helpers.js';
import type { RunOptions, SandboxRun } from './sandbox-run.js';

/** Opens the suite's sandbox of backend `b` before its tests (closes it after); the result runs programs on it. */
export function backendCrm(b: BackendCase): (source: string, opts?: RunOptions) => SandboxRun {
  let driver: CrmDriver;
  beforeAll(async () => {
    driver = (await crmFixture({ rollback: true }, await b.fresh())).driver;
  });
  afterAll(() => driver.close());
  return (source, opts = {}) => {
    const c = compileScript({ source, file: 't.crm' });
    if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
    const crm = serviceOver(driver, { rollback: true });
    opts.seed?.(crm as CrmService);
    let out = '';
    const r = execute(c.compiled, newRunContext({ out: (s) => (out += s), crm }));
    opts.check?.(crm as CrmService);
    return { out, error: r.error?.message ?? null, changes: crm.finish() };
  };
}

/** Runs scripts after `prelude` on a sandbox: `run` one that must end without an error (its output), `error` one's error. */
export function withPrelude(sandbox: (source: string, opts?: RunOptions) => SandboxRun, prelude: string): { run: (source: string) => string; error: (source: string) => string | null } {
  return {
    run: (source) => {
      const r = sandbox(prelude + source);
      expect(r.error).toBeNull();
      return r.out;
    },
    error: (source) => sandbox(prelude + source).error,
  };
}
