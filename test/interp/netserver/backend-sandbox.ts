// The harness of agent tests that run on every CRM backend (SQLite, and PostgreSQL when a test
// server is set): a backend's sandbox with the demo data, CRMScript programs run on it as rollback
// runs, and the suites that open a sandbox made by an older build (some tables dropped, an older
// schema version) and check it gained the tables, with the demo's rows when it holds the demo data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext } from '../../../src/interp/runtime/context.js';
import { commandDriverOptions, openDriver, serviceOver } from '../../../src/crm/open.js';
import type { CrmDriver } from '../../../src/crm/driver.js';
import type { CrmService } from '../../../src/interp/runtime/crm-service.js';
import { loadSqlite } from '../../../src/crm/sqlite/engine.js';
import { PG_CRM_VERSION } from '../../../src/crm/pg/ddl.js';
import { olderPgSandbox, olderSqliteSandbox, runFileOn } from '../../crm/helpers.js';
import { pgOnlyDescribe, type BackendCase } from '../../store/backends.js';
import { requireBuiltCli } from '../../common.js';

export interface Run {
  out: string;
  error: string | null;
}

/** Runs a program in a rolled-back run; `check` sees the database before the rollback. */
export function runOn(driver: CrmDriver, source: string, check?: (crm: CrmService) => void): Run {
  const c = compileScript({ source, file: 't.crm' });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
  const crm = serviceOver(driver, { rollback: true });
  let out = '';
  const r = execute(c.compiled, newRunContext({ out: (s) => (out += s), crm }));
  check?.(crm);
  crm.finish();
  return { out, error: r.error?.message ?? null };
}

/** A backend's sandbox with the demo data for a suite's tests; each program runs after `prelude` in a rolled-back run. */
export function backendSandbox(b: BackendCase, prelude: string): (source: string, check?: (crm: CrmService) => void) => Run {
  let driver: CrmDriver;
  beforeAll(async () => {
    const place = await b.fresh();
    driver = await openDriver(place.url ?? join(place.dir, 'crm.sqlite'), commandDriverOptions(true));
  });
  afterAll(() => driver.close());
  return (source, check) => runOn(driver, `${prelude}\n${source}`, check);
}

/** A program's output; it must end without an error. */
export const ok = (run: (s: string) => Run, source: string): string => {
  const r = run(source);
  expect(r.error).toBeNull();
  return r.out;
};

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

    const opened = async (sql: string[]): Promise<string> => {
      const file = await olderSqliteSandbox(`${o.prefix}old-`, [...o.tables.map((t) => `DROP TABLE "${t}"`), ...sql, `PRAGMA user_version = ${o.sqliteVersion}`].join('; '));
      const driver = await openDriver(file);
      try {
        const r = runOn(driver, o.smoke);
        expect(r.error).toBeNull();
        return r.out;
      } finally {
        driver.close();
      }
    };

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
