// The harness of agent tests that run on every CRM backend (SQLite, and PostgreSQL when a test
// server is set): CRMScript programs run in this process as rolled-back runs on a backend's demo
// sandbox (as a chosen user, with a look at the database before the rollback), and a SQLite
// sandbox made by an older build (tables dropped, an older schema version) opened by this one.
import { afterAll, beforeAll, expect } from 'vitest';
import { join } from 'node:path';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext } from '../../../src/interp/runtime/context.js';
import type { CrmService } from '../../../src/interp/runtime/crm-service.js';
import { commandDriverOptions, openDriver, serviceOver } from '../../../src/crm/open.js';
import type { CrmDriver } from '../../../src/crm/driver.js';
import { olderSqliteSandbox } from '../../crm/helpers.js';
import type { BackendCase } from '../../store/backends.js';

export interface Run {
  out: string;
  error: string | null;
}

export interface RunOpts {
  /** Login name of the run's user ('' = the sandbox's default user, Ada the administrator). */
  user?: string;
  /** Sees the database after the program and before the rollback. */
  check?: (crm: CrmService) => void;
}

/** Runs a program on a driver as a rolled-back run. */
export function runOn(driver: CrmDriver, source: string, opts: RunOpts = {}): Run {
  const c = compileScript({ source, file: 't.crm' });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
  const crm = serviceOver(driver, { rollback: true, user: opts.user });
  let out = '';
  const r = execute(c.compiled, newRunContext({ out: (s) => (out += s), crm }));
  opts.check?.(crm);
  crm.finish();
  return { out, error: r.error?.message ?? null };
}

/** A backend's sandbox with the demo data for a suite's tests; each program, after `prelude`, runs in a rolled-back run. */
export function backendSandbox(b: BackendCase, prelude: string): (source: string, opts?: RunOpts) => Run {
  let driver: CrmDriver;
  beforeAll(async () => {
    const place = await b.fresh();
    driver = await openDriver(place.url ?? join(place.dir, 'crm.sqlite'), commandDriverOptions(true));
  });
  afterAll(() => driver.close());
  return (source, opts) => runOn(driver, `${prelude}\n${source}`, opts);
}

/** A program's output; it must end without an error. */
export function ok(run: (s: string, o?: RunOpts) => Run, source: string, opts?: RunOpts): string {
  const r = run(source, opts);
  expect(r.error).toBeNull();
  return r.out;
}

/**
 * The output of a program run on a SQLite sandbox made by an older build: the demo sandbox
 * without `tables`, changed by `sql`, at schema `version`, opened (and so migrated) by this build.
 */
export async function olderSqliteOutput(prefix: string, tables: string[], sql: string[], version: number, source: string): Promise<string> {
  const file = await olderSqliteSandbox(prefix, [...tables.map((t) => `DROP TABLE "${t}"`), ...sql, `PRAGMA user_version = ${version}`].join('; '));
  const driver = await openDriver(file);
  try {
    const r = runOn(driver, source);
    expect(r.error).toBeNull();
    return r.out;
  } finally {
    driver.close();
  }
}
