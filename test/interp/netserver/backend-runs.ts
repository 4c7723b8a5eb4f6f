// The harness of agent tests that run on every CRM backend (SQLite, and PostgreSQL when a test
// server is set): CRMScript programs run in this process as rolled-back runs on a backend's demo
// sandbox (as a chosen user, with the operator's installation URL, with rows seeded before and a
// look at the database before the rollback), and sandboxes made by an older build (tables
// dropped, an older schema version) opened by this one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext, type OutgoingMail } from '../../../src/interp/runtime/context.js';
import type { CrmChange, CrmService } from '../../../src/interp/runtime/crm-service.js';
import { commandDriverOptions, openDriver, serviceOver } from '../../../src/crm/open.js';
import type { CrmDriver } from '../../../src/crm/driver.js';
import { loadSqlite } from '../../../src/crm/sqlite/engine.js';
import { PG_CRM_VERSION } from '../../../src/crm/pg/ddl.js';
import { olderPgSandbox, olderSqliteSandbox, runFileOn } from '../../crm/helpers.js';
import { pgOnlyDescribe, type BackendCase } from '../../store/backends.js';
import { requireBuiltCli } from '../../common.js';

export interface Run {
  out: string;
  error: string | null;
  /** What the run wrote (rolled back after it). */
  changes: CrmChange[];
  /** The mails the run queued. */
  outbox: OutgoingMail[];
}

export interface RunOpts {
  /** Login name of the run's user ('' = the sandbox's default user, Ada the administrator). */
  user?: string;
  /** The operator's installation URL (settings cgiUrl). */
  cgiUrl?: string;
  /** A directory the File class may use (File is disabled without it). */
  fileDir?: string;
  /** Prepares rows before the program runs. */
  seed?: (crm: CrmService) => void;
  /** Sees the database after the program and before the rollback. */
  check?: (crm: CrmService) => void;
}

/** Runs a program on a driver as a rolled-back run. */
export function runOn(driver: CrmDriver, source: string, opts: RunOpts = {}): Run {
  const c = compileScript({ source, file: 't.crm' });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
  const crm = serviceOver(driver, { rollback: true, user: opts.user });
  opts.seed?.(crm);
  let out = '';
  const features =
    opts.cgiUrl === undefined && opts.fileDir === undefined ? {} : { features: { runProgram: false, file: opts.fileDir !== undefined, fileDir: opts.fileDir, http: false, cgiUrl: opts.cgiUrl } };
  const ctx = newRunContext({ out: (s) => (out += s), crm, ...features });
  const r = execute(c.compiled, ctx);
  opts.check?.(crm);
  return { out, error: r.error?.message ?? null, changes: crm.finish(), outbox: ctx.outbox };
}

/** A backend's sandbox with the demo data, opened for a suite's tests; the result runs programs on it. */
export function backendCrm(b: BackendCase): (source: string, opts?: RunOpts) => Run {
  let driver: CrmDriver;
  beforeAll(async () => {
    const place = await b.fresh();
    driver = await openDriver(place.url ?? join(place.dir, 'crm.sqlite'), commandDriverOptions(true));
  });
  afterAll(() => driver.close());
  return (source, opts) => runOn(driver, source, opts);
}

/** backendCrm, each program after `prelude` (the agents it declares). */
export function backendSandbox(b: BackendCase, prelude: string): (source: string, opts?: RunOpts) => Run {
  const sandbox = backendCrm(b);
  return (source, opts) => sandbox(`${prelude}\n${source}`, opts);
}

/** A program's output (a run's, or the run of `source`); it must have ended without an error. */
export function ok(r: Run): string;
export function ok(run: (s: string, o?: RunOpts) => Run, source: string, opts?: RunOpts): string;
export function ok(r: Run | ((s: string, o?: RunOpts) => Run), source?: string, opts?: RunOpts): string {
  const done = typeof r === 'function' ? r(source!, opts) : r;
  expect(done.error).toBeNull();
  return done.out;
}

/** Runs scripts after `prelude` on a sandbox: `run` one that must end without an error (its output), `error` one's error. */
export function withPrelude(sandbox: (source: string, opts?: RunOpts) => Run, prelude: string): { run: (source: string) => string; error: (source: string) => string | null } {
  return {
    run: (source) => ok(sandbox(prelude + source)),
    error: (source) => sandbox(prelude + source).error,
  };
}

/**
 * The output of a program run on a SQLite sandbox made by an older build: the demo sandbox
 * without `tables`, changed by `sql`, at schema `version`, opened (and so migrated) by this build.
 */
export async function olderSqliteOutput(prefix: string, tables: string[], sql: string[], version: number, source: string): Promise<string> {
  const file = await olderSqliteSandbox(prefix, [...tables.map((t) => `DROP TABLE "${t}"`), ...sql, `PRAGMA user_version = ${version}`].join('; '));
  const driver = await openDriver(file);
  try {
    return ok(runOn(driver, source));
  } finally {
    driver.close();
  }
}

export interface OlderSandbox {
  /** What the tables hold (the suites' titles: "gains <what> …"). */
  what: string;
  /** Temporary directory prefix. */
  prefix: string;
  tables: string[];
  /** The schema versions before the tables came. */
  sqliteVersion: number;
  pgVersion: number;
  /** A program whose output shows the tables and their rows. */
  smoke: string;
  /** Its output with the demo's rows, and with none. */
  demo: string;
  empty: string;
}

/** The suites of a sandbox made by an older build: SQLite with and without the demo data, PostgreSQL with it. */
export function olderSandboxSuites(o: OlderSandbox): void {
  describe('a sandbox made by an older build (SQLite)', () => {
    beforeAll(() => loadSqlite());

    const opened = (sql: string[]): Promise<string> => olderSqliteOutput(`${o.prefix}old-`, o.tables, sql, o.sqliteVersion, o.smoke);

    it(`gains ${o.what} with the demo's rows when opened`, async () => {
      expect(await opened([])).toBe(o.demo);
    });

    it('gains them empty when it does not hold the demo data', async () => {
      expect(await opened(['DELETE FROM config'])).toBe(o.empty);
    });
  });

  pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
    it(`gains ${o.what} with the demo's rows when a process of this build opens it`, async () => {
      requireBuiltCli();
      const { url, admin } = await olderPgSandbox([`DROP TABLE ${o.tables.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`], o.pgVersion);
      try {
        expect(await runFileOn(url, `${o.prefix}pg-`, o.smoke, ['--rollback'])).toBe(o.demo);
        expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
      } finally {
        await admin.end();
      }
    });
  });
}
