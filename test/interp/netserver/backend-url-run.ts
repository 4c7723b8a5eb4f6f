// The harness of the agent tests that run on every sandbox backend (SQLite, and PostgreSQL when
// CRMSCRIPT_TUI_TEST_PG is set): a backend's sandbox with the demo data, opened once per suite,
// and CRMScript programs run on it in this process as rollback runs, optionally with the
// operator's installation URL (settings cgiUrl).
import { afterAll, beforeAll, expect } from 'vitest';
import { join } from 'node:path';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext } from '../../../src/interp/runtime/context.js';
import { commandDriverOptions, openDriver, serviceOver } from '../../../src/crm/open.js';
import type { CrmDriver } from '../../../src/crm/driver.js';
import type { BackendCase } from '../../store/backends.js';

export interface Run {
  out: string;
  error: string | null;
}

/** Runs a program on an open sandbox as a rollback run. */
export function runOn(driver: CrmDriver, source: string, cgiUrl?: string): Run {
  const c = compileScript({ source, file: 't.crm' });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
  const crm = serviceOver(driver, { rollback: true });
  let out = '';
  const r = execute(c.compiled, newRunContext({ out: (s) => (out += s), crm, features: { runProgram: false, file: false, http: false, cgiUrl } }));
  crm.finish();
  return { out, error: r.error?.message ?? null };
}

/** The suite's sandbox on backend `b`; each program gets `prelude` (the agent's declaration) before it. */
export function backendSandbox(b: BackendCase, prelude: string): (source: string, cgiUrl?: string) => Run {
  let driver: CrmDriver;
  beforeAll(async () => {
    const place = await b.fresh();
    driver = await openDriver(place.url ?? join(place.dir, 'crm.sqlite'), commandDriverOptions(true));
  });
  afterAll(() => driver.close());
  return (source, cgiUrl) => runOn(driver, `${prelude}\n${source}`, cgiUrl);
}

/** A program's output; it must have ended without an error. */
export function ok(r: Run): string {
  expect(r.error).toBeNull();
  return r.out;
}
